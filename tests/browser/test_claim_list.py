"""The claim list in a real browser: search, apply a facet, sort, open a claim."""

import re

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed


@pytest.fixture
def seeded(live_server):
    return load_seed()


def test_search_apply_a_facet_and_open_a_claim(page, live_server, seeded, screenshot):
    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_role("heading", name=re.compile(r"^19 claims$"))).to_be_visible()

    page.get_by_label("Search claims").fill("OSA budget")
    page.get_by_label("Search claims").press("Enter")
    expect(page).to_have_url(re.compile(r"/claims/\?q=OSA(\+|%20)budget$"))
    results = page.get_by_role("heading", name=re.compile("matching"))
    expect(results).to_have_text("4 claims matching “OSA budget”")
    expect(page.locator("mark.match").first).to_have_text(re.compile("osa|budget", re.IGNORECASE))

    facet = page.locator("[data-facet=kind] a", has_text="Quantity")
    expect(facet).to_contain_text("3")
    facet.click()
    expect(page).to_have_url(re.compile(r"q=OSA\+budget&kind=quantity"))
    expect(results).to_have_text("3 claims matching “OSA budget”")
    expect(page.locator("[data-facet=kind] a.is-selected")).to_contain_text("Quantity")
    expect(page.get_by_role("list", name="Filters in force")).to_contain_text("Kind: Quantity")
    expect(page.locator("#result-status")).to_have_text("3 claims found")
    screenshot("claim-list-search")

    # The URL is the whole state: loading it afresh gives the same view.
    page.goto(page.url)
    expect(results).to_have_text("3 claims matching “OSA budget”")

    first = page.locator(".claim-row h3 a").first
    statement = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(statement)
    expect(page.locator(".passage mark.quote")).to_be_visible()
    screenshot("claim-detail")


def test_sort_reorders_without_losing_filters(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/?kind=quantity")
    page.get_by_label("Sort").select_option("as_of_asc")
    expect(page).to_have_url(re.compile(r"sort=as_of_asc"))
    assert "kind=quantity" in page.url
    expect(page.locator("#results-title")).to_have_text(re.compile(r"^\d+ claims?$"))
    expect(page.get_by_label("Sort")).to_have_value("as_of_asc")


def test_removing_a_filter_chip_widens_the_results(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/?status=verified")
    heading = page.locator("#results-title")
    expect(heading).to_have_text("13 claims")
    page.get_by_role("link", name=re.compile("Status: Verified")).click()
    expect(heading).to_have_text("19 claims")
    expect(page).to_have_url(re.compile(r"/claims/$"))


def test_analyst_filters_by_open_flag(page, live_server, seeded, login, analyst, screenshot):
    login(analyst)
    page.goto(f"{live_server.url}/claims/")
    page.locator("[data-facet=open_flag] a", has_text="Unsourced").click()
    expect(page.locator("#results-title")).to_have_text("4 claims")
    expect(page.locator(".claim-row .badge.flag")).to_have_count(4)
    screenshot("claim-list-analyst")


def test_claim_list_at_phone_width(page, live_server, seeded, screenshot):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/claims/")
    filters = page.locator("summary", has_text="Filters")
    expect(filters).to_be_visible()
    filters.click()
    page.locator("[data-facet=status] a", has_text="Refuted").click()
    expect(page.locator("#results-title")).to_have_text("3 claims")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("claim-list-phone")
