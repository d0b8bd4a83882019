"""Searching the claim list in a real browser: either spelling, with or without accents, finds
the same claims; a search that finds nothing says what the reader did, and what to try."""

import re

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed
from claims.spellings import ensure_spellings


@pytest.fixture
def seeded(live_server):
    ensure_spellings()  # transactional tests flush the table the migration filled
    return load_seed()


def search(page, text: str) -> None:
    page.get_by_label("Search claims").fill(text)
    page.get_by_label("Search claims").press("Enter")


def test_defence_defense_and_defense_with_accents_give_the_same_results(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/")
    heading = page.locator("#results-title")
    rows = page.locator(".claim-row h3 a")
    search(page, "defence")
    expect(heading).to_have_text(re.compile(r"^\d+ claims matching “defence”$"))
    count = heading.inner_text().split()[0]
    british = rows.all_inner_texts()
    for typed in ("defense", "Défense"):
        search(page, typed)
        expect(heading).to_have_text(f"{count} claims matching “{typed}”")
        assert rows.all_inner_texts() == british
    expect(page.locator(".claim-row mark.match").first).to_have_text(re.compile("defen[cs]e", re.I))


def test_a_search_that_finds_nothing_does_not_ask_to_remove_filters_none_are_set(
    page, live_server, seeded, screenshot
):
    page.goto(f"{live_server.url}/claims/")
    search(page, "zzyzx")
    empty = page.locator(".results .empty")
    expect(empty).to_contain_text("No claims match “zzyzx”.")
    expect(empty).to_contain_text("Check the spelling")
    expect(empty).not_to_contain_text("Remove a filter")
    screenshot("claim-list-search-no-results")


def test_a_filtered_search_that_finds_nothing_offers_the_search_without_filters(
    page, live_server, seeded
):
    page.goto(f"{live_server.url}/claims/?q=OSA&status=refuted")
    empty = page.locator(".results .empty")
    expect(empty).to_contain_text("No claims match “OSA” with these filters.")
    expect(empty).to_contain_text("Remove a filter above")
    empty.get_by_role("link", name="search all claims for “OSA”").click()
    expect(page).to_have_url(re.compile(r"/claims/\?q=OSA$"))
    expect(page.locator("#results-title")).to_have_text(re.compile(r"^\d+ claims? matching “OSA”$"))
