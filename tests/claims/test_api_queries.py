"""Every list costs the same number of queries for 5 rows as for 50."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.choices import ClaimStatus

from ..api_data import claim_with_parts, related
from ..factories import EntityFactory, PublisherFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _claims(count: int):
    source = SourceFactory()
    claims = [
        claim_with_parts(
            source=source,
            status=ClaimStatus.VERIFIED if i % 2 else ClaimStatus.UNREVIEWED,
        )
        for i in range(count)
    ]
    for first, second in itertools.pairwise(claims):
        related(first, second)
    return source


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.content[:500]
    return len(queries)


def _get(client, url: str):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200
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
    api, analyst, url, reader, django_assert_num_queries
):
    client = api(analyst if reader == "analyst" else None)
    _claims(5)
    at_5 = _queries(client, url)
    _claims(45)  # 50 in all
    with django_assert_num_queries(at_5):
        _get(client, url)


def test_source_annotations_cost_the_same_queries_for_5_and_50_claims(
    api, django_assert_num_queries
):
    client = api()
    source = _claims(5)
    small = _queries(client, f"/api/v1/sources/{source.pk}/annotations/")
    big = _claims(50)
    with django_assert_num_queries(small):
        _get(client, f"/api/v1/sources/{big.pk}/annotations/")


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/sources/?page_size=100", lambda: SourceFactory()),
        ("/api/v1/sources/?format=csv", lambda: SourceFactory()),
        ("/api/v1/entities/?page_size=100", lambda: EntityFactory()),
        ("/api/v1/entities/?format=csv", lambda: EntityFactory()),
        ("/api/v1/publishers/?page_size=100", lambda: PublisherFactory()),
        ("/api/v1/publishers/?format=csv", lambda: PublisherFactory()),
    ],
)
def test_public_lists_cost_the_same_queries_for_5_and_50_rows(
    api, url, make, django_assert_num_queries
):
    client = api()
    for _ in range(5):
        make()
    small = _queries(client, url)
    for _ in range(45):
        make()
    with django_assert_num_queries(small):
        _get(client, url)
