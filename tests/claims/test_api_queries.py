"""Every list costs the same number of queries for 5 rows as for 50."""

import itertools

import pytest

from claims.choices import ClaimStatus

from ..factories import (
    ClaimRelationFactory,
    ClaimWithPartsFactory,
    EntityFactory,
    PublisherFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _claims(count: int, source=None):
    """`count` claims with all their parts on one source, half published, each derived from the
    one before; returns the source."""
    source = source or SourceFactory()
    claims = [
        ClaimWithPartsFactory(
            source=source,
            status=ClaimStatus.VERIFIED if i % 2 else ClaimStatus.UNREVIEWED,
        )
        for i in range(count)
    ]
    for first, second in itertools.pairwise(claims):
        ClaimRelationFactory(from_claim=first, to_claim=second)
    return source


def _get(client, url: str):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200, response.content[:500]
    return response


CLAIM_URLS = [
    "/api/v1/claims/?page_size=100",
    "/api/v1/claims/?page_size=100&status=verified&period=FY2026",
    "/api/v1/claims/?page_size=100&q=budget",
    "/api/v1/claims/?format=csv",
    "/api/v1/changes/?page_size=500",
    "/api/v1/claims/verified.atom",
]


@pytest.mark.parametrize("url", CLAIM_URLS)
@pytest.mark.parametrize("reader", ["anonymous", "analyst"])
def test_claim_lists_cost_the_same_queries_for_5_and_50_claims(
    api, analyst, url, reader, assert_same_queries
):
    client = api(analyst if reader == "analyst" else None)
    _claims(5)
    assert_same_queries(lambda: _get(client, url), grow=lambda: _claims(45))  # 50 in all


def test_source_annotations_cost_the_same_queries_for_5_and_50_claims(api, assert_same_queries):
    client = api()
    source = _claims(5)
    url = f"/api/v1/sources/{source.pk}/annotations/"
    assert_same_queries(lambda: _get(client, url), grow=lambda: _claims(45, source))


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/sources/?page_size=100", SourceFactory.create_batch),
        ("/api/v1/sources/?format=csv", SourceFactory.create_batch),
        ("/api/v1/entities/?page_size=100", EntityFactory.create_batch),
        ("/api/v1/entities/?format=csv", EntityFactory.create_batch),
        ("/api/v1/publishers/?page_size=100", PublisherFactory.create_batch),
        ("/api/v1/publishers/?format=csv", PublisherFactory.create_batch),
    ],
)
def test_public_lists_cost_the_same_queries_for_5_and_50_rows(api, url, make, assert_same_queries):
    client = api()
    make(5)
    assert_same_queries(lambda: _get(client, url), grow=lambda: make(45))
