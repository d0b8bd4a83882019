"""Every page runs the same number of queries whatever the amount of data behind it.

Each page is loaded once with 5 claims and once with 50 (and, for the claim page, a claim with 5
or 50 of each thing that hangs off it); the count is pinned to the same number for both sizes.
"""

import pytest
from django.urls import reverse

from claims.choices import AnnotationKind, ClaimStatus, FlagReason
from claims.models import Annotation, ClaimMention, ClaimRelation, Review
from tests.factories import EntityFactory, EvidenceFactory, QuantityFactory

from .pages import source_with_claims

pytestmark = pytest.mark.django_db

SIZES = [5, 50]


def grow_claim(claim, others, n, user):
    """Give one claim n of everything the claim page lists."""
    for i in range(n):
        QuantityFactory(claim=claim, value=str(i + 1), period=f"FY{1900 + i}")
        EvidenceFactory(claim=claim, stance="context", added_by=user)
        ClaimMention.objects.create(claim=claim, entity=EntityFactory(name=f"Mentioned {i}"))
        Annotation.objects.create(
            claim=claim,
            author=user,
            kind=AnnotationKind.FLAG,
            flag_reason=FlagReason.OUTDATED,
            body=f"Flag {i}",
        )
        Review.objects.create(
            claim=claim,
            reviewer=user,
            from_status=ClaimStatus.VERIFIED,
            to_status=ClaimStatus.IN_REVIEW,
            rationale=f"Reopened {i}",
        )
    for other in others[1:n]:
        ClaimRelation.objects.create(
            from_claim=claim, to_claim=other, kind="derived_from", created_by=user
        )


@pytest.fixture(params=SIZES, ids=lambda n: f"{n}-claims")
def data(request, roles, reviewer):
    size = request.param
    source, claims = source_with_claims(size)
    grow_claim(claims[0], claims, size, reviewer)
    return source, claims


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
# the user and the user's permissions; none depend on the amount of data.
EXPECTED = {
    "dashboard": (5, 11),
    "claim list": (8, 14),
    "claim list, searched and faceted": (9, 15),
    "claim list page 2": (8, 14),
    # The API's columns: quantities prefetched, and open flags for the analyst.
    "csv export": (2, 7),
    "claim detail": (6, 12),
    "entity": (4, 8),
    "source list": (3, 7),
    "reading view": (4, 8),
    "reading view cards": (2, 6),
}


def load(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("page", EXPECTED)
def test_analyst_page_queries_do_not_grow_with_data(
    client, data, analyst, page, django_assert_num_queries
):
    client.force_login(analyst)
    url = urls(*data)[page]
    with django_assert_num_queries(EXPECTED[page][1]):
        assert load(client, url).status_code == 200


@pytest.mark.parametrize("page", EXPECTED)
def test_anonymous_page_queries_do_not_grow_with_data(
    client, data, page, django_assert_num_queries
):
    source, claims = data
    published = [c for c in claims if c.is_published] or claims
    if page == "claim detail":  # the grown claim (claims[0]) is verified, so published
        assert claims[0].is_published
    url = urls(source, [claims[0], *published])[page]
    with django_assert_num_queries(EXPECTED[page][0]):
        assert load(client, url).status_code == 200
