"""Every page runs the same number of queries whatever the amount of data behind it.

Each page is loaded with 5 claims, then again once the same report has 50 (and the claim page's
claim 50 of each thing that hangs off it instead of 5); both loads cost the pinned count.
"""

import factory
import pytest
from django.urls import reverse

from claims.choices import ClaimStatus, FlagReason
from config.history import actor_context
from tests.factories import (
    BudgetClaimFactory,
    ClaimMentionFactory,
    ClaimRelationFactory,
    EvidenceFactory,
    FlagFactory,
    QuantityFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 50


def hang_off(claim, count, *, related_to, by):
    """`count` more of everything the claim page lists, on one claim."""
    QuantityFactory.create_batch(
        count, claim=claim, period=factory.Sequence(lambda n: f"FY{1900 + n}")
    )
    EvidenceFactory.create_batch(count, claim=claim, stance="context", added_by=by)
    ClaimMentionFactory.create_batch(count, claim=claim)
    FlagFactory.create_batch(count, claim=claim, author=by, flag_reason=FlagReason.OUTDATED)
    ReviewFactory.create_batch(
        count,
        claim=claim,
        reviewer=by,
        from_status=ClaimStatus.VERIFIED,
        to_status=ClaimStatus.IN_REVIEW,
    )
    for other in related_to:
        ClaimRelationFactory(from_claim=claim, to_claim=other, created_by=by)


@pytest.fixture
def data(budget_report, reviewer):
    """A report of 50 sentences, 5 of them claimed; its first claim has 5 of everything.

    Written in the reviewer's name, as the services would write it, so the claim page's history
    names a user at both sizes (a test's one transaction would otherwise carry the first page
    load's reader into the history of what `grow` writes).
    """
    with actor_context(reviewer):
        source, claims = budget_report(SMALL, sentences=LARGE)
        hang_off(claims[0], SMALL, related_to=claims[1:], by=reviewer)
    return source, claims


@pytest.fixture
def grow(data, reviewer):
    """Claim the report's other 45 sentences; give its first claim 50 of everything."""
    source, claims = data

    def to_50_claims():
        with actor_context(reviewer):
            more = [BudgetClaimFactory(source=source, sentence=n) for n in range(SMALL, LARGE)]
            hang_off(claims[0], LARGE - SMALL, related_to=more, by=reviewer)

    return to_50_claims


def urls(source, claims):
    claim = claims[0]
    list_url = reverse("claims:claim_list")
    return {
        "dashboard": reverse("claims:dashboard"),
        "claim list": list_url,
        "claim list, searched and faceted": f"{list_url}?q=OSA+budget&status=verified"
        f"&status=refuted&kind=quantity&entity={claim.subject_id}&period=FY2000&sort=as_of",
        "claim list page 2": f"{list_url}?page=2",
        "csv export": f"{reverse('claims:claim_export')}?q=budget",
        "claim detail": reverse("claims:claim_detail", args=[claim.pk]),
        "entity": reverse("claims:entity_detail", args=[claim.subject_id]),
        "source list": reverse("claims:source_list"),
        "reading view": reverse("claims:source_detail", args=[source.pk]),
        "reading view cards": reverse("claims:source_claim_cards", args=[source.pk])
        + "".join(f"{'&' if i else '?'}claim={c.pk}" for i, c in enumerate(claims[:3])),
    }


# Queries per page: (anonymous reader, analyst). The analyst's extra queries are the session,
# the user and the user's permissions, and on the claim page its history and the history's users;
# none depend on the amount of data.
EXPECTED = {
    "dashboard": (5, 11),
    # A first view of these filters: the facets are counted and kept in the shared cache (the
    # data's version, a read and a write of the cache: 7 queries); tests/claims/test_facet_cache.py
    # shows a second view reusing them.
    "claim list": (15, 21),
    "claim list, searched and faceted": (16, 22),
    "claim list page 2": (15, 21),
    # The API's columns: quantities prefetched, and open flags for the analyst.
    "csv export": (2, 7),
    "claim detail": (6, 13),
    "entity": (4, 8),
    "source list": (3, 7),
    "reading view": (4, 8),
    "reading view cards": (2, 6),
}


def load(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("page", EXPECTED)
def test_analyst_page_queries_do_not_grow_with_data(
    client, data, grow, analyst, page, assert_same_queries
):
    client.force_login(analyst)
    url = urls(*data)[page]
    assert_same_queries(lambda: load(client, url), grow=grow, expected=EXPECTED[page][1])


@pytest.mark.parametrize("page", EXPECTED)
def test_anonymous_page_queries_do_not_grow_with_data(
    client, data, grow, page, assert_same_queries
):
    source, claims = data
    published = [c for c in claims if c.is_published]
    assert claims[0].is_published  # the claim page's claim, the one that grows
    url = urls(source, [claims[0], *published])[page]
    assert_same_queries(lambda: load(client, url), grow=grow, expected=EXPECTED[page][0])
