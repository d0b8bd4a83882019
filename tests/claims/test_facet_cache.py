"""The claim list's facet counts are kept in the shared cache, keyed on the filters, on what the
reader may see and on the data's version: a second view reuses them, and any change recounts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.choices import ClaimStatus

pytestmark = pytest.mark.django_db

URL = reverse("claims:claim_list")


def _status_counts(response) -> dict[str, int]:
    status = next(f for f in response.context["facets"] if f.param == "status")
    return {option.value: option.count for option in status.options}


def _counting_queries(captured) -> int:
    return sum("GROUP BY" in query["sql"] for query in captured.captured_queries)


@pytest.fixture
def seeded(roles, budget_report):
    return budget_report(6)


def test_a_second_view_reuses_the_counts(client, seeded, analyst):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as first:
        counted = _status_counts(client.get(URL))
    with CaptureQueriesContext(connection) as second:
        reused = _status_counts(client.get(URL))
    assert reused == counted
    assert _counting_queries(first) > 0
    assert _counting_queries(second) == 0


def test_a_change_is_counted_at_once(client, seeded, analyst, editor):
    _, claims = seeded
    client.force_login(analyst)
    before = _status_counts(client.get(URL))
    unreviewed = next(c for c in claims if c.status == ClaimStatus.UNREVIEWED)
    services.claim_transition(actor=editor, claim=unreviewed, to=ClaimStatus.IN_REVIEW)
    after = _status_counts(client.get(URL))
    assert after.get(ClaimStatus.UNREVIEWED, 0) == before[ClaimStatus.UNREVIEWED] - 1
    assert after[ClaimStatus.IN_REVIEW] == before.get(ClaimStatus.IN_REVIEW, 0) + 1


def test_readers_who_see_less_get_their_own_counts(client, seeded, analyst):
    client.force_login(analyst)
    internal = _status_counts(client.get(URL))
    client.logout()
    public = _status_counts(client.get(URL))
    assert ClaimStatus.UNREVIEWED in internal
    assert ClaimStatus.UNREVIEWED not in public
