"""The dashboard's chart of quantities over periods, drawn from the claims."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim
from claims.seeding import load_seed


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
    heights = figure.locator("rect.bar").evaluate_all(
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
    expect(new_bar.locator("text.value")).to_have_text("25 billion JPY")
    box = new_bar.locator("rect.bar").bounding_box()
    assert box and box["height"] > 0 and box["width"] > 0
    tallest = max(
        figure.locator("rect.bar").evaluate_all(
            "rs => rs.map(r => r.getBoundingClientRect().height)"
        )
    )
    assert box["height"] == pytest.approx(tallest)  # 25 is now the largest
    figure.locator("summary").click()
    figure.get_by_role("row", name="FY2027").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/claims/\?entity=\d+&period=FY2027$"))
    expect(page.locator("#results-title")).to_have_text("1 claim")
