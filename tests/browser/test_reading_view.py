"""The reading view in a real browser: every claim highlighted, selecting one shows it."""

import re

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed
from sources.models import Source
from tests.browser.conftest import SCREENSHOTS


@pytest.fixture
def article(live_server):
    report = load_seed()
    return Source.objects.exclude(body="").get(), report


def nested_mark(page):
    """A highlight inside another: the seed's FY2025 figure sits inside the FY2026 sentence."""
    return page.locator("#source-text mark[data-claim] mark[data-claim] mark[data-claim]").first


def test_selecting_a_highlight_shows_the_claim_and_those_around_it(
    page, live_server, article, login, analyst, screenshot
):
    source, _ = article
    login(analyst)
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    marks = page.locator("#source-text mark[data-claim]")
    ids = set(marks.evaluate_all("ms => ms.map(m => m.dataset.claim)"))
    assert len(ids) == 39
    # The text is whole: highlighting added markup, never removed or changed a character.
    assert page.locator("#source-text").evaluate("el => el.textContent") == source.body

    inner = nested_mark(page)
    claim_id = inner.get_attribute("data-claim")
    inner.click()
    panel = page.locator("#claim-panel")
    cards = panel.locator("article.claim-card")
    expect(cards.first).to_have_attribute("data-claim", claim_id)
    expect(cards).to_have_count(3)  # the selected claim, then the two it sits inside
    expect(panel).to_contain_text("Also covers this passage")
    expect(page.locator(f'#source-text mark.is-selected[data-claim="{claim_id}"]')).to_have_count(1)
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.evaluate("window.scrollTo(0, 0)")  # the side panel is sticky: show it from the top
    screenshot("reading-view")

    cards.first.get_by_role("link", name=re.compile("Open claim")).click()
    expect(page).to_have_url(re.compile(rf"/claims/{claim_id}/$"))


def test_keyboard_selects_a_highlight_and_the_claim_index_finds_one(page, live_server, article):
    source, _ = article
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    first = page.locator("#source-text mark[tabindex='0']").first
    first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#claim-panel article.claim-card").first).to_have_attribute(
        "data-claim", first.get_attribute("data-claim")
    )
    button = page.locator("[data-select-claim]").nth(3)
    target = button.get_attribute("data-select-claim")
    button.click()
    expect(page.locator(f"#mark-{target}")).to_be_focused()
    expect(page.locator("#claim-panel article.claim-card").first).to_have_attribute(
        "data-claim", target
    )


def test_anonymous_readers_see_only_published_highlights(page, live_server, article):
    source, _ = article
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    statuses = set(
        page.locator("#source-text mark[data-claim]").evaluate_all(
            "ms => ms.map(m => [...m.classList].find(c => c.startsWith('status-')))"
        )
    )
    assert statuses == {"status-verified", "status-refuted", "status-misleading"}
    expect(page.locator(".legend")).to_contain_text("Verified")
    expect(page.locator(".legend")).not_to_contain_text("Unreviewed")


def test_a_link_to_a_claim_in_the_text_selects_it(page, live_server, article):
    source, report = article
    claim = next(c for c in report.keys.values() if c.status == "verified")
    page.goto(f"{live_server.url}/sources/{source.pk}/#mark-{claim.pk}")
    expect(page.locator("#claim-panel article.claim-card").first).to_have_attribute(
        "data-claim", str(claim.pk)
    )


def test_reading_view_at_phone_width(page, live_server, article):
    source, _ = article
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    mark = page.locator("#source-text mark[data-claim]").nth(5)
    mark.scroll_into_view_if_needed()
    mark.click()
    sheet = page.locator("#selected-claim")
    expect(sheet).to_have_class(re.compile("has-selection"))
    expect(sheet.locator("article.claim-card").first).to_be_in_viewport()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The viewport, as a phone shows the sheet over the text.
    page.screenshot(path=str(SCREENSHOTS / "reading-view-phone.png"))
    sheet.get_by_role("button", name="Close").click()
    expect(sheet).not_to_have_class(re.compile("has-selection"))
