"""The intake: an article in, candidates proposed once, revisions moving claims and verdicts."""

import pytest

from claims import candidates, intake
from claims.choices import ClaimStatus
from claims.models import Claim
from sources.models import Source
from sources.parsers import ParsedArticle

from ..factories import EntityFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Japan's defence ministry has requested 9.2 trillion yen for fiscal 2027, up 4.3% from "
    "the initial budget for fiscal 2026.\n\n"
    "The request includes 1.1 trillion yen for stand-off missile capabilities.\n\n"
    "Further details were not available."
)


def article(body=BODY, **fields):
    fields.setdefault("title", "Defence budget request")
    fields.setdefault("publisher_name", "Northern Gazette")
    return ParsedArticle(body=body, **fields)


def test_a_new_article_gets_candidates_with_their_numbers_by_the_intake_account(roles):
    EntityFactory(name="Japan", kind="country")
    result = intake.ingest_article(article())
    assert (result.outcome, result.proposed) == ("created", 2)
    proposed = Claim.objects.candidates().filter(source=result.source).order_by("start")
    assert [c.created_by.username for c in proposed] == ["intake", "intake"]
    first = proposed[0]
    assert first.quote == BODY[first.start : first.end]
    assert first.quote.startswith("Japan's defence ministry has requested")
    values = {
        (str(q.normalised_value.normalize()), q.unit, q.period) for q in first.quantities.all()
    }
    assert ("9.2E+12", "JPY", "FY2027") in values
    assert sum(first.checkworthiness_features.values()) == pytest.approx(
        float(first.checkworthiness), abs=0.011
    )
    assert not Claim.objects.curated().exists()  # nothing is curated until an editor accepts


def test_the_same_article_again_proposes_nothing(roles):
    intake.ingest_article(article())
    again = intake.ingest_article(article())
    assert (again.outcome, again.proposed) == ("unchanged", 0)
    assert Claim.objects.count() == 2


def test_a_revision_moves_claims_keeps_verdicts_flags_the_gone_and_proposes_only_the_new(
    roles, editor
):
    first = intake.ingest_article(article()).source
    kept, gone = Claim.objects.candidates().filter(source=first).order_by("start")
    candidates.claim_accept(actor=editor, claim=kept, subject=EntityFactory(), predicate="requests")
    Claim.objects.filter(pk=kept.pk).update(status=ClaimStatus.VERIFIED)  # decided meanwhile
    revised_body = BODY.replace(
        "The request includes 1.1 trillion yen for stand-off missile capabilities.",
        "The request includes 1.2 trillion yen for stand-off missiles, the ministry said.",
    )
    result = intake.ingest_article(article(body=revised_body))
    assert (result.outcome, result.moved, result.outdated) == ("revised", 1, 1)
    revision = result.source
    assert revision.revises == first and not Source.objects.get(pk=first.pk).is_current
    kept.refresh_from_db()
    assert (kept.source, kept.status) == (revision, ClaimStatus.VERIFIED)
    assert revision.body[kept.start : kept.end] == kept.quote
    gone.refresh_from_db()
    assert gone.source == first
    assert gone.annotations.open_flags("outdated").exists()
    new = Claim.objects.candidates().filter(source=revision)
    assert [c.quote for c in new] == [
        "The request includes 1.2 trillion yen for stand-off missiles, the ministry said."
    ]


def test_a_dismissed_candidate_is_not_proposed_again_on_a_revision(roles, editor):
    first = intake.ingest_article(article()).source
    dismissed = Claim.objects.candidates().filter(source=first).order_by("start").last()
    candidates.claim_dismiss(actor=editor, claim=dismissed, reason="Detail, not a claim.")
    result = intake.ingest_article(article(body=BODY + "\n\nMore text follows."))
    assert result.outcome == "revised"
    dismissed.refresh_from_db()
    assert (dismissed.source, dismissed.status) == (result.source, ClaimStatus.DISMISSED)
    assert not Claim.objects.filter(
        source=result.source, quote=dismissed.quote, status=ClaimStatus.PROPOSED
    ).exists()
