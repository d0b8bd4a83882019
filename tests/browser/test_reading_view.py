"""The reading view in a real browser: every claim highlighted, selecting one shows it."""

import re

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed
from sources.models import Source
from tests.browser.conftest import SCREENSHOTS
from tests.factories import ClaimFactory, SourceFactory


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
    # Tall enough for the whole side panel (it is sticky, as high as the window), from the top.
    page.set_viewport_size({"width": 1280, "height": 1800})
    page.evaluate("window.scrollTo(0, 0)")
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


def test_the_side_list_says_how_many_claims_and_that_it_scrolls(page, live_server, article):
    source, _ = article
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    index = page.locator("section[aria-labelledby=index-title]")
    shown = page.locator("#source-text mark[data-claim]").evaluate_all(
        "ms => new Set(ms.map(m => m.dataset.claim)).size"
    )
    expect(index.locator(".card-head")).to_contain_text(f"{shown} claims")
    expect(index.locator("[data-select-claim]")).to_have_count(shown)
    box = index.locator("[data-scroll-list]")
    assert box.evaluate("el => el.scrollHeight > el.clientHeight + 1")  # the list scrolls...
    assert box.evaluate("el => getComputedStyle(el).overflowY") in ("auto", "scroll")
    # ... and says so: a fade over its foot and a line telling the reader.
    expect(box).to_have_class(re.compile(r"\bmore-below\b"))
    assert box.evaluate("el => getComputedStyle(el).maskImage") != "none"
    expect(index.get_by_text(f"Scroll the list to see all {shown}.")).to_be_visible()
    box.evaluate("el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }")
    expect(box).not_to_have_class(re.compile(r"\bmore-below\b"))
    expect(box).to_have_class(re.compile(r"\bmore-above\b"))
    index.screenshot(path=str(SCREENSHOTS / "reading-view-claim-list.png"))


@pytest.fixture
def news_article(live_server):
    """A wire story as the intake stores it: a long headline and a lead of about sixty words."""
    lead = (
        "Japan's Ministry of Foreign Affairs will request 18.1 billion yen for Official Security "
        "Assistance in fiscal 2026, more than double the 8.1 billion yen of the current year, "
        "officials said on Wednesday, as Tokyo widens the programme from the Philippines, "
        "Malaysia and Bangladesh to include Indonesia, Mongolia and Djibouti and adds radar, "
        "patrol boats and coastal surveillance equipment to what it gives."
    )
    body = f"{lead}\n\nThe request is part of the ministry's budget for the year from April.\n"
    source = SourceFactory(
        title="Japan Foreign Ministry to Seek 874.3 Billion Yen Budget for FY 2026, Doubling "
        "Security Aid to Partners",
        author="Staff writer",
        editor="Desk editor",
        body=body,
    )
    ClaimFactory(
        source=source,
        status="verified",
        quote="Japan's Ministry of Foreign Affairs will request 18.1 billion yen",
    )
    return source, lead


def test_on_a_phone_the_first_screen_is_the_article(page, live_server, news_article):
    source, lead = news_article
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    text = page.locator("#source-text")
    # The lead paragraph, whole, as drawn: from the text's top to the end of its last word.
    lead_box = text.evaluate(
        """(el, n) => { const range = document.createRange();
          range.setStart(el, 0); let left = n, node;
          const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          while ((node = walk.nextNode())) {
            if (node.length >= left) { range.setEnd(node, left); break; }
            left -= node.length;
          }
          const r = range.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }""",
        len(lead),
    )
    # Most of the first screen is the article, and its whole lead is on it.
    assert 0 < lead_box["top"] <= 844 / 2 and lead_box["bottom"] <= 844, lead_box
    # The claims and the source's details come after the article, never before it.
    for section in ("index-title", "meta-title", "selected-title"):
        top = page.locator(f"#{section}").evaluate("el => el.getBoundingClientRect().top")
        assert top > lead_box["bottom"], section
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "reading-view-phone-first-screen.png"))  # the viewport
