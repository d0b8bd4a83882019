"""The verdict at the top of the claim page: the verdict, the reviewer's rationale and the
evidence that counted, before the passage; the status for an unpublished claim."""

import re

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus, EvidenceStance

from ..factories import ClaimFactory, ClaimWithPartsFactory, EvidenceFactory, ReferenceSourceFactory

pytestmark = pytest.mark.django_db


def verdict_html(client, claim) -> str:
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    found = re.search(r'<section[^>]*data-testid="verdict".*?</section>', html, flags=re.S)
    assert found, "no verdict section"
    # At the top: before the passage, the values and the review trail.
    assert found.start() < html.index('id="passage-title"')
    return found.group(0)


def test_a_verified_claim_shows_its_verdict_rationale_and_supporting_evidence(client):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    supporting = claim.evidence.get()
    context = EvidenceFactory(
        claim=claim,
        source=ReferenceSourceFactory(title="Background on the budget"),
        stance=EvidenceStance.CONTEXT,
        added_by=claim.created_by,
    )
    html = verdict_html(client, claim)
    assert "Verified" in html
    assert "Decided verified against the budget document." in html
    assert supporting.source.title in html
    assert context.source.title not in html
    assert "curator-reviewer" in html


def test_a_refuted_claim_shows_the_refuting_evidence_first(client):
    claim = ClaimWithPartsFactory(status=ClaimStatus.REFUTED)
    refuting = EvidenceFactory(
        claim=claim,
        source=ReferenceSourceFactory(title="Canada signs the 17th agreement"),
        stance=EvidenceStance.REFUTES,
        added_by=claim.created_by,
    )
    html = verdict_html(client, claim)
    assert "Refuted" in html
    assert html.index(refuting.source.title) < html.index(
        claim.evidence.get(stance=EvidenceStance.SUPPORTS).source.title
    )


def test_a_verdict_without_counted_evidence_says_so(client):
    claim = ClaimFactory(status=ClaimStatus.UNVERIFIABLE)
    html = verdict_html(client, claim)
    assert "Unverifiable" in html
    assert "No supporting or refuting evidence" in html


@pytest.mark.parametrize(
    "status", [ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW, ClaimStatus.NOT_CHECKABLE]
)
def test_analysts_see_the_status_of_an_unpublished_claim_instead(client, analyst, status):
    claim = ClaimFactory(status=status)
    client.force_login(analyst)
    html = verdict_html(client, claim)
    assert ClaimStatus(status).label in html
    assert "Not published" in html
    assert "Verdict" not in html
