"""Issue 9, items 16 and 17, in Chromium: what the address asked and the claim list did not do is
said in a visible notice, and stays said as the reader filters in place (htmx)."""

import re

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed


@pytest.fixture
def seeded(live_server):
    return load_seed()


def test_the_claim_list_names_an_ignored_filter_and_a_page_past_the_end(
    page, live_server, seeded, screenshot
):
    page.goto(f"{live_server.url}/claims/?stauts=verified&page=999")
    notice = page.get_by_role("status").filter(has_text="Ignored unknown filter: stauts.")
    expect(notice).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="There is no page 999")).to_be_visible()
    screenshot("claim-list-notices")
    # Choosing a filter in place keeps the notice while the address still holds the typo.
    page.locator('[data-facet="kind"] a').first.click()
    expect(page).to_have_url(re.compile(r"kind="))
    expect(notice).to_be_visible()


def test_an_anonymous_open_flag_filter_is_said_to_need_sign_in(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/?open_flag=any")
    expect(page.get_by_role("status").filter(has_text="needs sign-in")).to_be_visible()
