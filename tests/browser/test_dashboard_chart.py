"""The dashboard's chart of quantities over periods, drawn from the claims."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim
from claims.seeding import load_seed
from tests.browser.conftest import SCREENSHOTS


@pytest.fixture
def seeded(live_server):
    return load_seed()


def bars(page):
    return page.locator("figure .bar-group")


def test_chart_shows_the_osa_budget_by_fiscal_year(page, live_server, seeded, screenshot):
    page.goto(f"{live_server.url}/")
    figure = page.locator("figure", has_text="Official Security Assistance")
    expect(figure.locator(".bar-group")).to_have_count(2)
    assert figure.locator(".bar-group").evaluate_all("gs => gs.map(g => g.dataset.period)") == [
        "FY2025",
        "FY2026",
    ]
    expect(figure).to_contain_text("8.1 billion JPY")
    expect(figure).to_contain_text("18.1 billion JPY")
    heights = figure.locator(".bar").evaluate_all(
        "rs => rs.map(r => r.getBoundingClientRect().height)"
    )
    assert heights[1] > 2 * heights[0]  # 18.1 is more than double 8.1, and drawn so
    screenshot("dashboard")


def test_a_new_quantity_is_drawn(page, live_server, seeded, reviewer, login, analyst):
    # A decided claim's content is locked: a reviewer reopens it to add the enacted figure.
    claim = Claim.objects.get(quantities__period="FY2026", quantities__unit="JPY")
    services.claim_transition(
        actor=reviewer, claim=claim, to="in_review", rationale="Add the enacted FY2027 budget."
    )
    services.quantity_create(
        actor=reviewer,
        claim=claim,
        value=Decimal("25"),
        scale=Decimal("1000000000"),
        unit="JPY",
        period="FY2027",
        period_start="2027-04-01",
        period_end="2028-03-31",
        role="enacted",
    )
    login(analyst)  # the reopened claim is in review: internal until decided again
    page.goto(f"{live_server.url}/")
    figure = page.locator("figure", has_text="Official Security Assistance")
    new_bar = figure.locator('.bar-group[data-period="FY2027"]')
    expect(new_bar).to_have_count(1)
    expect(new_bar.locator(".value")).to_have_text("25 billion JPY")
    box = new_bar.locator(".bar").bounding_box()
    assert box and box["height"] > 0 and box["width"] > 0
    tallest = max(
        figure.locator(".bar").evaluate_all(
            "rs => rs.map(r => r.getBoundingClientRect().height)"
        )
    )
    assert box["height"] == pytest.approx(tallest)  # 25 is now the largest
    figure.locator("summary").click()
    figure.get_by_role("row", name="FY2027").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/claims/\?entity=\d+&period=FY2027$"))
    expect(page.locator("#results-title")).to_have_text("1 claim")


# Every text box of the chart and of the count bars, as drawn: its box, whether its text fits
# it, and its size as the reader sees it (an SVG's text shrinks with the SVG: the screen CTM).
LABELS_AS_DRAWN = """els => els.map(e => {
  const r = e.getBoundingClientRect();
  const scale = e.getScreenCTM ? e.getScreenCTM().a : 1;
  return {text: e.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          fits: e.scrollWidth <= e.clientWidth || e.getScreenCTM !== undefined,
          px: parseFloat(getComputedStyle(e).fontSize) * scale};
})"""


def overlap(a, b) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and (
        b["top"] < a["bottom"]
    )


def test_phone_dashboard_labels_are_whole_apart_and_readable(page, live_server, seeded):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    rows = page.locator("#by-kind + .bars li")
    expect(rows.filter(has_text="Characterization")).to_have_count(1)
    for row in rows.all():
        label = row.locator("a").evaluate_all(LABELS_AS_DRAWN)[0]
        track = row.locator(".track").evaluate_all(LABELS_AS_DRAWN)[0]
        assert label["fits"], f"{label['text']} is cut off"
        assert label["right"] <= track["left"], f"{label['text']} runs over its bar"
        assert label["px"] >= 12

    figure = page.locator("figure", has_text="Official Security Assistance")
    labels = figure.locator(".value, .period, .role").evaluate_all(LABELS_AS_DRAWN)
    assert {label["text"] for label in labels} >= {"FY2025", "FY2026", "8.1 billion JPY"}
    for label in labels:
        assert label["px"] >= 12, f"{label['text']} is drawn at {label['px']:.1f} px"
        assert label["fits"], f"{label['text']} is cut off"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlap(a, b), f"{a['text']} overlaps {b['text']}"
    for bar in figure.locator(".bar").evaluate_all(LABELS_AS_DRAWN):
        assert not any(overlap(bar, label) for label in labels)
    # The screen a phone shows from "By kind" down: the count labels and the chart.
    page.locator("#by-kind").evaluate("el => el.closest('section').scrollIntoView()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-phone-chart.png"))
