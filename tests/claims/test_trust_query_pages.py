"""Issue 9, items 16 and 17 on the claim list: what the address asked and the page did not do is
said on the page, never done silently."""

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = reverse("claims:claim_list")


def notices(response) -> list[str]:
    return response.context["notices"]


def test_a_misspelt_filter_is_named_on_the_page(client, roles):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    response = client.get(URL, {"stauts": "verified", "kind": "quantity"})
    assert response.status_code == 200
    assert notices(response) == ["Ignored unknown filter: stauts."]
    assert "Ignored unknown filter: stauts." in response.content.decode()


def test_known_parameters_raise_no_notice(client, roles):
    response = client.get(
        URL,
        {"q": "budget", "sort": "newest", "page": "1", "status": "verified"}
        | {"as_of_after": "2025-01-01", "published_before": "2026-01-01"},
    )
    assert notices(response) == []
    assert response.context["page_urls"]["notice"] == ""


def test_an_anonymous_open_flag_filter_says_it_needs_sign_in(client, roles):
    response = client.get(URL, {"open_flag": "any"})
    assert len(notices(response)) == 1
    assert "needs sign-in" in notices(response)[0]
    assert "needs sign-in" in response.content.decode()


def test_an_analyst_may_filter_by_open_flag_without_a_notice(client, analyst):
    client.force_login(analyst)
    assert notices(client.get(URL, {"open_flag": "any"})) == []


def test_a_page_past_the_end_says_so_and_shows_the_last(client, roles, analyst):
    ClaimFactory.create_batch(30)
    client.force_login(analyst)
    response = client.get(URL, {"page": "999"})
    assert response.context["page"].number == 2
    notice = "There is no page 999: showing page 2, the last of 2."
    assert response.context["page_urls"]["notice"] == notice
    assert response.content.decode().count(notice) == 1


def test_an_unreadable_page_says_so(client, roles):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    response = client.get(URL, {"page": "abc"})
    assert "“abc” is not a page number: showing page 1 of 1." in response.content.decode()


def test_the_source_list_tells_of_a_page_past_the_end_too(client, roles):
    SourceFactory()
    response = client.get(reverse("claims:source_list"), {"page": "50"})
    assert "There is no page 50" in response.content.decode()


def test_a_query_with_a_nul_shows_the_alert_and_no_query_it_did_not_search(client, roles):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    response = client.get(URL, {"q": "budget\x00grew"})
    html = response.content.decode()
    assert 'role="alert"' in html and "Null characters are not allowed" in html
    assert response.context["query"] == ""
    assert "matching" not in html
    assert "budget" not in response.context["chips"].__str__()


def test_the_heading_says_the_query_as_searched(client, roles):
    response = client.get(URL, {"q": "  budget  "})
    assert "matching “budget”" in response.content.decode()
