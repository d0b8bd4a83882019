"""The one visibility rule: published (decided) claims for everyone, everything for analysts."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.choices import PUBLISHED_STATUSES, ClaimStatus
from claims.selectors import (
    can_see_internal,
    candidates_visible_to,
    claim_detail_queryset,
    claims_visible_to,
)

from ..factories import (
    ClaimFactory,
    ClaimMentionFactory,
    ClaimRelationFactory,
    EvidenceFactory,
    FlagFactory,
    QuantityFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_claim_per_status():
    return {
        status: ClaimFactory(status=status, dismissed_reason="Opinion." * (status == "dismissed"))
        for status in ClaimStatus.values
    }


def visible(user):
    return set(claims_visible_to(user).values_list("status", flat=True))


def test_anonymous_readers_see_only_decided_claims(one_claim_per_status):
    assert visible(AnonymousUser()) == {
        "verified",
        "disputed",
        "refuted",
        "misleading",
        "unverifiable",
    }


def test_an_account_without_a_role_reads_what_anonymous_readers_read(
    one_claim_per_status, outsider
):
    assert visible(outsider) == visible(AnonymousUser())
    assert not can_see_internal(outsider)


def test_analysts_and_up_see_every_curated_claim(one_claim_per_status, analyst, editor, reviewer):
    for user in (analyst, editor, reviewer):
        assert visible(user) == set(ClaimStatus.values) - {"proposed", "dismissed"}
        assert set(candidates_visible_to(user).values_list("status", flat=True)) == {
            "proposed",
            "dismissed",
        }
        assert can_see_internal(user)


def test_a_deactivated_analyst_sees_only_published_claims(one_claim_per_status, analyst):
    assert visible(analyst) == set(ClaimStatus.values) - {"proposed", "dismissed"}
    analyst.is_active = False
    analyst.save()
    assert visible(analyst) == visible(AnonymousUser()) == PUBLISHED_STATUSES


def test_claim_detail_costs_the_same_queries_however_much_hangs_off_a_claim(
    analyst, assert_same_queries
):
    claim = ClaimFactory(status="verified")
    can_see_internal(analyst)  # the user's permissions are read once, then cached

    def load():
        """What the claim page reads of the claim, each part with the rows it names."""
        loaded = claim_detail_queryset(analyst).get(pk=claim.pk)
        assert loaded.source.publisher.name and loaded.subject.name and loaded.created_by
        return [
            list(loaded.quantities.all()),
            list(loaded.mentions.all()),
            [e.source.publisher for e in loaded.evidence.all()],
            [r.reviewer for r in loaded.reviews.all()],
            [r.to_claim_id for r in loaded.visible_relations],
            [a.author for a in loaded.annotations.all()],
        ]

    def grow():
        for factory in (
            QuantityFactory,
            ClaimMentionFactory,
            EvidenceFactory,
            ReviewFactory,
            FlagFactory,
        ):
            factory.create_batch(5, claim=claim)
        ClaimRelationFactory.create_batch(5, from_claim=claim, to_claim__status="verified")

    # The claim with its source, publisher and entities; then quantities, mentions, evidence,
    # reviews, relations, annotations: one query each, whatever their number.
    assert_same_queries(load, grow=grow, expected=7)
    assert [len(parts) for parts in load()] == [5] * 6
