"""The one pager (partials/pager.html, claims/views/pager.py) on the three pages that list in
pages: each link is the current address with only the page changed."""

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory, ReferenceSourceFactory

pytestmark = pytest.mark.django_db


def pager_html(response) -> str:
    html = response.content.decode()
    start = html.index('<nav class="pager"')
    return html[start : html.index("</nav>", start)]


def test_the_claim_list_pager_keeps_the_filters_and_loads_through_htmx(client, roles, analyst):
    ClaimFactory.create_batch(30, kind="quantity")
    client.force_login(analyst)
    url = reverse("claims:claim_list")
    pager = pager_html(client.get(url, {"kind": "quantity", "sort": "as_of"}))
    assert 'hx-boost="true"' in pager
    assert f'href="{url}?kind=quantity&amp;sort=as_of&amp;page=2" rel="next"' in pager
    assert "Page 1 of 2" in pager


def test_the_entity_pager_links_to_the_entity_page(client, roles, analyst):
    claims = ClaimFactory.create_batch(30)  # each with the same subject
    client.force_login(analyst)
    url = reverse("claims:entity_detail", args=[claims[0].subject_id])
    first = client.get(url)
    assert first.context["page_urls"] == {"previous": "", "next": f"{url}?page=2", "notice": ""}
    assert "hx-boost" not in pager_html(first)
    second = client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 5
    assert f'href="{url}?page=1" rel="prev"' in pager_html(second)


def test_the_source_list_pager_keeps_the_tab(client, roles):
    ReferenceSourceFactory.create_batch(30)
    url = reverse("claims:source_list")
    first = client.get(url, {"show": "references"})
    assert first.context["page_urls"]["next"] == f"{url}?show=references&page=2"
    assert "hx-boost" not in pager_html(first)
    second = client.get(url, {"show": "references", "page": 2})
    assert len(second.context["page"].object_list) == 5
    assert second.context["page_urls"] == {
        "previous": f"{url}?show=references&page=1",
        "next": "",
        "notice": "",
    }
