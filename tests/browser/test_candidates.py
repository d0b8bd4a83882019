"""In a real Chromium: an editor adds a source by pasting it, lands on its candidates, accepts
one after giving it its subject and predicate, and dismisses another with a reason.

Until the extraction is merged (branch intake-extraction), the intake stores the text and
proposes nothing; the test then proposes the candidates the extraction would, with
`claims.candidates.claim_propose`, on the sentences of the stored text.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims import candidates
from claims.intake import intake_account
from claims.models import Claim
from sources.models import Source

from ..factories import EntityFactory, SourceFactory
from .test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = "Japan's cabinet approved a defence budget of 9.9 trillion yen for fiscal year 2026"
EARLIER = "The figure is up from 8.7 trillion yen a year earlier"
VESSELS = "Officials said the budget may also fund 12 new patrol vessels by 2028."
BODY = (
    f"{BUDGET}, the defence ministry said.\n\n"
    f'{EARLIER}, a rise critics called a so-called "peace dividend" in reverse.\n\n'
    f"{VESSELS}\n"
)
ARTICLE = (
    "Japan approves record defence budget\n\nSource\nHarbour Wire\nTime\n2026-03-01 09:00:00\n\n"
    f"By A. Reporter\n\n{BODY}"
)
ROWS = "#result_list > tbody > tr"  # (each score cell holds a table of its own)


def propose(source, quote, **fields):
    """What the extraction proposes for `quote` (as `claims.extraction` scores it)."""
    start = source.body.index(quote)
    return candidates.claim_propose(
        actor=intake_account(),
        source=source,
        quote=quote,
        start=start,
        end=start + len(quote),
        statement=fields.pop("statement", quote),
        **fields,
    )


def propose_the_article(source):
    budget = propose(
        source,
        BUDGET,
        statement="Japan's cabinet approved a 9.9 trillion yen defence budget for FY2026.",
        kind="quantity",
        checkworthiness=Decimal("0.90"),
        checkworthiness_features={
            "number": 0.3,
            "attribution": 0.15,
            "period": 0.1,
            "entity": 0.15,
            "length": 0.1,
            "comparison": 0.0,
            "change": 0.0,
            "hedge": 0.0,
            "framing": 0.0,
        },
        proposed_attribution="the defence ministry",
        quantities=[
            {
                "value": "9.9",
                "scale": "1000000000000",
                "unit": "JPY",
                "period": "FY2026",
                "role": "enacted",
            }
        ],
    )
    earlier = propose(
        source,
        EARLIER,
        statement="Japan's defence budget was 8.7 trillion yen a year earlier.",
        kind="quantity",
        checkworthiness=Decimal("0.45"),
        checkworthiness_features={
            "number": 0.3,
            "change": 0.1,
            "comparison": 0.1,
            "period": 0.0,
            "length": 0.05,
            "entity": 0.0,
            "framing": -0.1,
        },
        proposed_entities=["critics"],
        quantities=[{"value": "8.7", "scale": "1000000000000", "unit": "JPY", "role": "before"}],
    )
    vessels = propose(
        source,
        VESSELS,
        kind="forecast",
        checkworthiness=Decimal("0.50"),
        checkworthiness_features={
            "number": 0.3,
            "period": 0.1,
            "attribution": 0.15,
            "length": 0.05,
            "hedge": -0.1,
        },
        proposed_attribution="Officials",
        quantities=[{"value": "12", "unit": "count", "period": "2028"}],
    )
    return budget, earlier, vessels


def another_source_s_candidate():
    """A candidate from another outlet, so the queue shows more than one source."""
    source = SourceFactory(
        title="OSA budget request doubles",
        body="Japan requested 18.1 billion yen for Official Security Assistance in FY2026, "
        "more than doubling the 8.1 billion yen of FY2025.",
    )
    quote = "Japan requested 18.1 billion yen for Official Security Assistance in FY2026"
    return propose(
        source,
        quote,
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

    # Add a source, from the admin's index.
    page.get_by_role("link", name="Add a source").first.click()
    page.get_by_label("Paste the article").fill(ARTICLE)
    page.get_by_role("button", name="Add and propose candidates").click()
    source = Source.objects.get(title="Japan approves record defence budget")
    expect(page).to_have_url(re.compile(rf"/admin/claims/candidate/\?source={source.pk}$"))
    expect(page.locator(".messagelist")).to_contain_text(f"Created source {source.pk}")

    budget, earlier, vessels = propose_the_article(source)
    elsewhere = another_source_s_candidate()
    page.reload()
    rows = page.locator(ROWS)
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(budget.statement)  # best first
    expect(rows.first).to_contain_text("9.9 trillion JPY, FY2026 (enacted)")

    # The whole queue, every source, best first: the screenshot of the queue.
    page.goto(f"{live_server.url}/admin/claims/candidate/")
    expect(page.locator(ROWS)).to_have_count(4)
    expect(page.locator(ROWS).nth(1)).to_contain_text(elsewhere.statement)
    screenshot("candidates-queue")

    # Accept one after setting its subject and predicate on its page.
    page.get_by_role("link", name=budget.statement).click()
    page.locator(".field-subject .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Japan")
    page.locator(".select2-results__option", has_text="Japan").click()
    page.get_by_label("Predicate").fill("approved a defence budget of")
    page.get_by_role("button", name="Accept as a claim").click()
    expect(page.locator(".messagelist")).to_contain_text(f"claim {budget.pk} is now unreviewed")
    accepted = Claim.objects.get(pk=budget.pk)
    assert (accepted.status, accepted.subject, accepted.predicate) == (
        "unreviewed",
        japan,
        "approved a defence budget of",
    )

    # Dismiss another with a reason, from the queue.
    row = page.locator(ROWS).filter(has_text=earlier.statement)
    row.get_by_role("checkbox").check()
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
    expect(page.locator(ROWS)).to_have_count(2)  # vessels, elsewhere
    assert Claim.objects.get(pk=vessels.pk).status == "proposed"

    # Kept, under "Dismissed".
    page.get_by_role("link", name="Dismissed").click()
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("Dismissed: Framing around a figure")


def test_the_reading_view_outlines_candidates_for_an_editor_only(
    page, live_server, login, editor, screenshot
):
    source = SourceFactory(
        title="Japan approves record defence budget",
        body=BODY,
    )
    budget, _, _ = propose_the_article(source)
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    expect(page.locator("#source-text mark")).to_have_count(0)
    expect(page.get_by_text("Candidate", exact=True)).to_have_count(0)

    login(editor)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    marks = page.locator("#source-text mark.status-proposed[id]")
    expect(marks).to_have_count(3)
    label = marks.first.evaluate("m => getComputedStyle(m, '::before').content")
    assert label == '"Candidate"'
    assert page.locator("#source-text").evaluate("el => el.textContent") == source.body
    page.locator(f"#mark-{budget.pk}").click()
    card = page.locator("#claim-panel article.candidate-card")
    expect(card).to_contain_text(budget.statement)
    expect(card).to_contain_text("Score 0.90")
    assert serious_violations(page) == []  # the candidates' outline, label and card included
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("reading-view-candidates")
