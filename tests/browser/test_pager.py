"""The one pager in a real browser: the claim list pages through htmx, the entity page and the
source list through plain links; every page keeps what the reader chose."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Entity
from claims.seeding import load_seed
from tests.factories import ReferenceSourceFactory


@pytest.fixture
def seeded(live_server):
    return load_seed()


def test_the_claim_list_pages_in_place_and_keeps_the_sort(
    page, live_server, seeded, login, analyst, screenshot
):
    login(analyst)
    page.goto(f"{live_server.url}/claims/?sort=as_of")
    pager = page.get_by_role("navigation", name="Pages")
    expect(pager).to_contain_text("Page 1 of 2")
    screenshot("claim-list-pager")
    page.evaluate("window.notReloaded = true")
    pager.get_by_role("link", name="Next →").click()
    expect(page).to_have_url(re.compile(r"/claims/\?sort=as_of&page=2$"))
    expect(pager).to_contain_text("Page 2 of 2")
    expect(page.locator("ol.claim-rows")).to_have_attribute("start", "26")
    expect(page.get_by_label("Sort")).to_have_value("as_of")
    assert page.evaluate("window.notReloaded === true")  # htmx swapped the browser in place
    pager.get_by_role("link", name="← Previous").click()
    expect(page).to_have_url(re.compile(r"/claims/\?sort=as_of&page=1$"))
    expect(pager).to_contain_text("Page 1 of 2")


def test_the_entity_page_and_the_source_list_page_through_links(
    page, live_server, seeded, login, analyst
):
    ReferenceSourceFactory.create_batch(30)
    login(analyst)
    japan = Entity.objects.get(name="Japan", kind="country")
    page.goto(f"{live_server.url}/entities/{japan.pk}/")
    pager = page.get_by_role("navigation", name="Pages")
    pager.get_by_role("link", name="Next →").click()
    expect(page).to_have_url(f"{live_server.url}/entities/{japan.pk}/?page=2")
    expect(pager).to_contain_text("Page 2 of")

    page.goto(f"{live_server.url}/sources/?show=references")
    pager.get_by_role("link", name="Next →").click()
    expect(page).to_have_url(f"{live_server.url}/sources/?show=references&page=2")
    expect(pager).to_contain_text("Page 2 of")
    expect(page.get_by_role("link", name=re.compile("Reference records"))).to_have_attribute(
        "aria-current", "page"
    )
