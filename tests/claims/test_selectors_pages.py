"""The selectors the analyst pages read through: each keeps to the one visibility rule."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.choices import ClaimStatus
from claims.selectors import (
    claim_cards_queryset,
    claim_counts_by,
    claims_on_source,
    claims_visible_to,
    evidence_citing,
    reviews_visible_to,
    sources_with_claim_counts,
)
from tests.factories import ClaimFactory, EvidenceFactory, ReferenceSourceFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_and_internal(reviewer):
    published = ClaimFactory(status=ClaimStatus.VERIFIED)
    internal = ClaimFactory(source=published.source, status=ClaimStatus.IN_REVIEW)
    for claim in (published, internal):
        ReviewFactory(claim=claim, reviewer=reviewer, from_status="unreviewed")
    return published, internal


def test_the_reading_view_and_the_source_list_count_only_what_the_reader_may_see(
    published_and_internal, analyst
):
    published, _ = published_and_internal
    source = published.source
    assert [c.pk for c in claims_on_source(source, AnonymousUser())] == [published.pk]
    assert claims_on_source(source, analyst).count() == 2
    counts = {s.pk: s.claim_count for s in sources_with_claim_counts(AnonymousUser())}
    assert counts[source.pk] == 1
    assert {s.pk: s.claim_count for s in sources_with_claim_counts(analyst)}[source.pk] == 2


def test_reviews_and_evidence_of_internal_claims_stay_internal(published_and_internal, analyst):
    published, internal = published_and_internal
    record = ReferenceSourceFactory()
    for claim in (published, internal):
        EvidenceFactory(claim=claim, source=record)
    anonymous = AnonymousUser()
    assert {r.claim_id for r in reviews_visible_to(anonymous)} == {published.pk}
    assert {r.claim_id for r in reviews_visible_to(analyst)} == {published.pk, internal.pk}
    assert [e.claim_id for e in evidence_citing(record, anonymous)] == [published.pk]
    assert len(evidence_citing(record, analyst)) == 2


def test_open_flags_are_annotated_on_cards_for_analysts_only(published_and_internal, analyst):
    anonymous = AnonymousUser()
    cards = claim_cards_queryset(claims_visible_to(anonymous), anonymous)
    assert not any(hasattr(card, "has_open_flag") for card in cards)
    assert all(
        hasattr(card, "has_open_flag")
        for card in claim_cards_queryset(claims_visible_to(analyst), analyst)
    )


def test_counts_by_a_field_group_in_sql(published_and_internal, analyst):
    counts = dict(claim_counts_by(claims_visible_to(analyst), "status"))
    assert counts == {ClaimStatus.VERIFIED: 1, ClaimStatus.IN_REVIEW: 1}
