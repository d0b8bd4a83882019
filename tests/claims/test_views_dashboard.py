"""The dashboard: counts, the unsourced queue, recent reviews and sources, the quantity chart."""

import re

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, QuantityFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = reverse("claims:dashboard")


def test_anonymous_readers_see_published_counts_and_no_flags(client, budget_report):
    budget_report(5)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["total"] == 3
    assert {value for value, _, _ in response.context["status_rows"]} == {
        "verified",
        "refuted",
        "misleading",
    }
    assert "Unsourced queue" not in html
    assert "No source named" not in html
    assert "page-reviewer" in html  # a recent review of a published claim


def test_analysts_see_every_count_and_the_unsourced_queue(client, budget_report, analyst):
    budget_report(5)
    client.force_login(analyst)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["total"] == 5
    assert response.context["unsourced_total"] == 5
    assert "Unsourced queue" in html
    assert "Claim 1: the OSA budget" in html  # an unpublished claim, in the queue


def test_recent_reviews_leave_out_claims_the_reader_may_not_see(client, reviewer, analyst):
    hidden = ClaimFactory(status=ClaimStatus.NOT_CHECKABLE, statement="Opinion, not published.")
    ReviewFactory(claim=hidden, reviewer=reviewer, from_status="unreviewed")
    shown = ClaimFactory(status=ClaimStatus.VERIFIED, statement="A verified budget figure.")
    ReviewFactory(claim=shown, reviewer=reviewer)
    reviews = client.get(URL).context["recent_reviews"]
    assert [review.claim for review in reviews] == [shown]
    client.force_login(analyst)
    reviews = client.get(URL).context["recent_reviews"]
    assert {review.claim for review in reviews} == {shown, hidden}


def test_chart_draws_one_bar_per_period(client, budget_report):
    _, claims = budget_report(5)
    html = client.get(URL).content.decode()
    # Published claims 0, 2 and 4 carry FY2000, FY2002 and FY2004.
    assert re.findall(r'data-period="(FY\d+)"', html) == ["FY2000", "FY2002", "FY2004"]
    QuantityFactory(claim=claims[0], value="9", period="FY2005", role="budget_request")
    html = client.get(URL).content.decode()
    assert re.findall(r'data-period="(FY\d+)"', html)[-1] == "FY2005"
    assert "9 billion JPY" in html


def test_empty_dashboard_says_so(client, roles, analyst):
    assert "No published claims yet" in client.get(URL).content.decode()
    client.force_login(analyst)
    assert "No claims yet" in client.get(URL).content.decode()
