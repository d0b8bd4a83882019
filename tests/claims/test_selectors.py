"""The one visibility rule: published (decided) claims for everyone, everything for analysts."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.choices import ClaimStatus
from claims.selectors import (
    can_see_internal,
    candidates_visible_to,
    claim_detail_queryset,
    claims_visible_to,
)

from ..factories import ClaimFactory

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
    analyst.is_active = False
    analyst.save()
    assert "unreviewed" not in visible(analyst)


def test_claim_detail_costs_the_same_queries_however_much_hangs_off_a_claim(
    analyst, django_assert_num_queries
):
    from ..factories import EvidenceFactory, QuantityFactory

    small = ClaimFactory(status="verified")
    large = ClaimFactory(status="verified")
    for _ in range(5):
        EvidenceFactory(claim=large)
        QuantityFactory(claim=large)
    can_see_internal(analyst)  # the user's permissions are read once, then cached
    for claim in (small, large):
        # claim with its source, publisher and entities; then quantities, mentions, evidence,
        # reviews, relations, annotations: one query each, whatever their number.
        with django_assert_num_queries(7):
            loaded = claim_detail_queryset(analyst).get(pk=claim.pk)
            list(loaded.evidence.all()), list(loaded.quantities.all())
            list(loaded.annotations.all()), list(loaded.reviews.all())
