"""'Newest source first' puts undated sources last, on the page and in its CSV export."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus

from ..factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated_and_undated(roles):
    undated = ClaimFactory(
        status=ClaimStatus.VERIFIED,
        source=SourceFactory(published_at=None),
        as_of=datetime(2026, 6, 1, tzinfo=UTC).date(),
    )
    older = ClaimFactory(
        status=ClaimStatus.VERIFIED,
        source=SourceFactory(published_at=datetime(2025, 1, 1, tzinfo=UTC)),
    )
    newer = ClaimFactory(
        status=ClaimStatus.VERIFIED,
        source=SourceFactory(published_at=datetime(2026, 1, 1, tzinfo=UTC)),
    )
    return [newer.pk, older.pk, undated.pk]


@pytest.mark.parametrize("query", [{}, {"sort": "newest"}])
def test_newest_source_first_lists_undated_sources_last(client, dated_and_undated, query):
    response = client.get(reverse("claims:claim_list"), query)
    assert [claim.pk for claim in response.context["rows"]] == dated_and_undated


def test_the_csv_of_newest_source_first_lists_undated_sources_last(client, dated_and_undated):
    response = client.get(reverse("claims:claim_export"), {"sort": "newest"})
    text = b"".join(response.streaming_content).decode()
    assert [int(row["id"]) for row in csv.DictReader(io.StringIO(text))] == dated_and_undated
