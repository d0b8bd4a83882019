"""In a real Chromium: an editor adds a source by pasting it, lands on the candidates the
intake proposed from it, accepts one after giving it its subject and predicate, and dismisses
another with a reason; the reading view outlines candidates for editors only."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims import candidates, intake
from claims.models import Candidate, Claim
from sources.models import Source

from ..factories import EntityFactory, SourceFactory
from .test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = (
    "Japan's cabinet approved a defence budget of 9.9 trillion yen for fiscal year 2026, "
    "the defence ministry said."
)
EARLIER = (
    "The figure is up from 8.7 trillion yen a year earlier, a rise critics called a "
    'so-called "peace dividend" in reverse.'
)
VESSELS = "Officials said the budget may also fund 12 new patrol vessels by 2028."
ARTICLE = (
    "Japan approves record defence budget\n\nSource\nHarbour Wire\nTime\n2026-03-01 09:00:00\n\n"
    f"By A. Reporter\n\n{BUDGET}\n\n{EARLIER}\n\n{VESSELS}\n"
)
ROWS = "#result_list > tbody > tr"  # (each score cell holds a table of its own)


def row(page, text):
    return page.locator(ROWS).filter(has_text=text)


def another_outlet_s_candidate():
    """A candidate from another outlet's text, so the whole queue shows two sources."""
    source = SourceFactory(
        title="OSA budget request doubles",
        body="Japan requested 18.1 billion yen for Official Security Assistance in FY2026, "
        "more than doubling the 8.1 billion yen of FY2025.",
    )
    quote = "Japan requested 18.1 billion yen for Official Security Assistance in FY2026"
    return candidates.claim_propose(
        actor=intake.intake_account(),
        source=source,
        quote=quote,
        start=0,
        end=len(quote),
        statement="Japan's FY2026 OSA budget request is 18.1 billion yen.",
        kind="quantity",
        subject=EntityFactory(name="Official Security Assistance", kind="program"),
        predicate="budget request is",
        checkworthiness=Decimal("0.75"),
        checkworthiness_features={"number": 0.3, "period": 0.1, "entity": 0.15, "length": 0.1},
        quantities=[
            {
                "value": "18.1",
                "scale": "1000000000",
                "unit": "JPY",
                "period": "FY2026",
                "role": "budget_request",
            }
        ],
    )


def test_an_editor_pastes_an_article_then_accepts_one_candidate_and_dismisses_another(
    page, live_server, login, editor, screenshot
):
    japan = EntityFactory(name="Japan", kind="country")
    page.set_viewport_size({"width": 1280, "height": 900})
    login(editor)

    # Add a source, from the admin's index: the editor lands on what the intake proposed.
    page.get_by_role("link", name="Add a source").first.click()
    page.get_by_label("Paste the article").fill(ARTICLE)
    page.get_by_role("button", name="Add and propose candidates").click()
    source = Source.objects.get(title="Japan approves record defence budget")
    expect(page).to_have_url(re.compile(rf"/admin/claims/candidate/\?source={source.pk}$"))
    expect(page.locator(".messagelist")).to_contain_text(
        f"Created source {source.pk} “Japan approves record defence budget”; 3 candidates proposed."
    )
    expect(page.locator(ROWS)).to_have_count(3)
    expect(page.locator(ROWS).first).to_contain_text(BUDGET)  # best first
    expect(page.locator(ROWS).first).to_contain_text("9.9 trillion JPY, FY2026")
    expect(row(page, EARLIER)).to_contain_text("framing")
    expect(row(page, EARLIER)).to_contain_text("\N{MINUS SIGN}0.20")

    # The whole queue, every source, best first.
    another_outlet_s_candidate()
    page.goto(f"{live_server.url}/admin/claims/candidate/")
    expect(page.locator(ROWS)).to_have_count(4)
    screenshot("candidates-queue")

    # Accept one after setting its subject and predicate on its page.
    vessels = Candidate.objects.get(source=source, quote=VESSELS)
    assert (vessels.subject, vessels.predicate) == (None, "")
    row(page, VESSELS).get_by_role("link", name=VESSELS).click()
    page.locator(".field-subject .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Japan")
    page.locator(".select2-results__option", has_text="Japan").click()
    page.get_by_label("Predicate").fill("may fund patrol vessels")
    page.get_by_role("button", name="Accept as a claim").click()
    expect(page.locator(".messagelist")).to_contain_text(f"claim {vessels.pk} is now unreviewed")
    accepted = Claim.objects.get(pk=vessels.pk)
    assert (accepted.status, accepted.subject, accepted.predicate) == (
        "unreviewed",
        japan,
        "may fund patrol vessels",
    )

    # Dismiss another with a reason, from the queue.
    earlier = Candidate.objects.get(source=source, quote=EARLIER)
    row(page, EARLIER).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Dismiss, with a reason…")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Reason").fill("Framing around a figure the budget sentence already gives.")
    page.get_by_role("button", name="Dismiss", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("1 candidate(s) dismissed.")
    earlier.refresh_from_db()
    assert (earlier.status, earlier.dismissed_reason) == (
        "dismissed",
        "Framing around a figure the budget sentence already gives.",
    )
    expect(page.locator(ROWS)).to_have_count(2)  # the budget sentence, the other outlet's

    # Kept, under "Dismissed".
    page.get_by_role("link", name="Dismissed").click()
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("Dismissed: Framing around a figure")


def test_the_reading_view_outlines_candidates_for_an_editor_only(
    page, live_server, login, editor, screenshot
):
    result = intake.ingest_input(intake.Input(data=ARTICLE.encode(), label="article"))
    source = result.source
    budget = Candidate.objects.get(source=source, quote=BUDGET)
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    expect(page.locator("#source-text mark")).to_have_count(0)
    expect(page.get_by_text("Candidate", exact=True)).to_have_count(0)

    login(editor)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    marks = page.locator("#source-text mark.status-proposed[id]")
    expect(marks).to_have_count(result.proposed)
    label = marks.first.evaluate("m => getComputedStyle(m, '::before').content")
    assert label == '"Candidate"'
    assert page.locator("#source-text").evaluate("el => el.textContent") == source.body
    page.locator(f"#mark-{budget.pk}").click()
    card = page.locator("#claim-panel article.candidate-card")
    expect(card).to_contain_text(budget.statement)
    expect(card).to_contain_text(f"Score {budget.checkworthiness:.2f}")
    assert serious_violations(page) == []  # the candidates' outline, label and card included
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("reading-view-candidates")
