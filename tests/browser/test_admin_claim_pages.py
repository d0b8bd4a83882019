"""In a real Chromium at laptop widths: the admin's claim list and claim page fit the window,
read well, and show numbers in words."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import ClaimRelation

from ..factories import ClaimFactory, EntityFactory, EvidenceFactory, QuantityFactory, SourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = (
    "Tokyo, 2 February. The cabinet met on Monday to approve the spending plans of every "
    "ministry for the coming fiscal year, after weeks of negotiation with the ruling coalition. "
    "Japan raised its budget for Official Security Assistance sharply. The budget grew to 18.1 "
    "billion yen in 2026, more than double the 8.1 billion yen of the year before, officials "
    "said. The programme funds coastal radar, patrol boats and training for partner navies in "
    "Southeast Asia and the Pacific, and critics say it blurs the line between aid and arms."
)
QUOTE = "The budget grew to 18.1 billion yen in 2026"
STATEMENT = (
    "Japan's budget for Official Security Assistance grew to 18.1 billion yen in fiscal year "
    "2026, more than double the 8.1 billion yen of fiscal year 2025."
)


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def busy_claim(editor, other_editor):
    source = SourceFactory(
        title="Japan doubles its Official Security Assistance budget", body=ARTICLE
    )
    claim = ClaimFactory(
        source=source,
        quote=QUOTE,
        statement=STATEMENT,
        subject=EntityFactory(name="Official Security Assistance", kind="program"),
        predicate="budget grew to",
        created_by=other_editor,
    )
    QuantityFactory(
        claim=claim, value=Decimal("18.1"), scale=Decimal("1000000000"), unit="JPY", period="FY2026"
    )
    other = SourceFactory(
        title="MOFA budget release for fiscal year 2026, Official Security Assistance section",
        body="The Official Security Assistance budget for fiscal year 2026 is 18.1 billion yen, "
        "against 8.1 billion yen in fiscal year 2025, according to the ministry's release.",
        published_at=datetime(2026, 2, 3, tzinfo=UTC),
    )
    EvidenceFactory(
        claim=claim,
        source=other,
        stance="supports",
        quote="The Official Security Assistance budget for fiscal year 2026 is 18.1 billion yen",
        locator="Table 3, line 12 of the ministry's release, page 4",
        note="The ministry's own figure, published the day after the article appeared.",
    )
    services.claim_flag_unsourced(actor=editor, claim=claim, note="Who gave the figure?")
    target = ClaimFactory(statement="Japan's OSA budget was 8.1 billion yen in 2025.")
    ClaimRelation.objects.create(
        from_claim=claim, to_claim=target, kind="updates", created_by=editor
    )
    ClaimFactory.create_batch(3)
    return claim


def inner_overflow(page, selector: str) -> int:
    """How many pixels an element's content is wider than the element (a scrolled table)."""
    return page.eval_on_selector(selector, "el => el.scrollWidth - el.clientWidth")


def box(page, locator):
    return locator.bounding_box()


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_claim_list_fits_the_window_and_its_statement_column_reads(
    page, live_server, login, editor, busy_claim, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(editor)
    page.goto(f"{live_server.url}/admin/claims/claim/")
    screenshot(f"admin-claim-list-{width}")
    assert overflow(page) <= 0
    assert inner_overflow(page, ".results") <= 0  # no column hidden behind a scrollbar
    statement = page.locator("#result_list td.field-short_statement").first
    assert box(page, statement)["width"] >= 250
    flagged = page.locator("#result_list tr").filter(has_text="Official Security Assistance grew")
    expect(flagged.locator("td.field-open_flag")).to_have_text("⚑ Open")
    # "No open flag" is no mark at all, never a red cross.
    assert page.locator('#result_list img[alt="False"]').count() == 0


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_claim_page_fits_the_window_with_room_to_read_and_numbers_in_words(
    page, live_server, login, editor, busy_claim, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(editor)
    page.goto(f"{live_server.url}/admin/claims/claim/{busy_claim.pk}/change/")
    screenshot(f"admin-claim-change-{width}")
    assert overflow(page) <= 0  # the evidence and quantities included
    for name in ("statement", "quote"):
        field = box(page, page.locator(f"textarea[name={name}]"))
        assert field["height"] >= 70 and field["width"] >= 500
    history, title = page.get_by_role("link", name="History"), page.locator("#content h2").first
    h, t = box(page, history), box(page, title)
    assert h["y"] >= t["y"] + t["height"] or h["x"] >= t["x"] + t["width"]  # not over the title
    expect(page.get_by_text("Quantity: 18.1 billion JPY (FY2026)")).to_be_visible()
    expect(page.locator("input[name=quantities-0-value]")).to_have_value("18.1")
    expect(page.locator("input[name=quantities-0-scale]")).to_have_value("1000000000")
    expect(page.locator("#quantities-0 .field-in_words")).to_contain_text("18.1 billion JPY")
    assert "18.100000" not in page.content()
