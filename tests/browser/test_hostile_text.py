"""Hostile claim, entity, source and annotation text is shown as text and stays inert.

Each page is checked for elements the text would inject, while the browser listens for dialogs
and script errors and a flag that any injected script would set.
"""

import pytest
from playwright.sync_api import expect

from claims.choices import ClaimStatus, FlagReason
from tests.factories import (
    ClaimFactory,
    EntityFactory,
    FlagFactory,
    PublisherFactory,
    QuantityFactory,
    SourceFactory,
)

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 1; alert('img')\">"
LINK = "<a href=\"javascript:window.__pwned=1;alert('link')\">click me</a>"
SVG = '<svg onload="window.__pwned=1"></svg>'
HOSTILE = f"{SCRIPT} {IMG} {LINK} {SVG}"


@pytest.fixture
def hostile(live_server, roles):
    body = f"Intro. {HOSTILE} says the budget grew. The end."
    source = SourceFactory(
        body=body,
        title=f"Title {IMG}",
        author=SCRIPT,
        publisher=PublisherFactory(name=f"Publisher {LINK}"),
    )
    entity = EntityFactory(name=f"Entity {SVG}", description=SCRIPT)
    claim = ClaimFactory(
        source=source,
        quote=f"{HOSTILE} says the budget grew.",
        statement=f"Budget {HOSTILE}",
        predicate=IMG,
        subject=entity,
        status=ClaimStatus.VERIFIED,
    )
    QuantityFactory(claim=claim, value=1, scale=1, period=f"FY{IMG}"[:40])
    FlagFactory(claim=claim, flag_reason=FlagReason.OUTDATED, body=f"Flag {HOSTILE}")
    return claim


INJECTED = """() => ({
  pwned: window.__pwned === 1,
  // A published claim's ClaimReview is a data block (never run): its JSON holds the text.
  scripts: [...document.scripts].filter(
    s => s.type !== 'application/ld+json' && s.textContent.includes('__pwned')
  ).length,
  handlers: document.querySelectorAll('[onerror], [onload]').length,
  jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
  imgs: document.querySelectorAll('img[src="x"]').length,
  svgs: document.querySelectorAll('main svg:not([role="img"])').length,
})"""


def visit_and_check(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    check_inert(page, url)


def check_inert(page, where):
    found = page.evaluate(INJECTED)
    assert found == {
        "pwned": False,
        "scripts": 0,
        "handlers": 0,
        "jsLinks": 0,
        "imgs": 0,
        "svgs": 0,
    }, where


def test_hostile_text_is_shown_as_text_and_inert(page, live_server, hostile, login, analyst):
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(analyst)
    base = live_server.url
    claim = hostile
    urls = [
        f"{base}/",
        f"{base}/claims/",
        f"{base}/claims/?q=budget",
        f"{base}/claims/{claim.pk}/",
        f"{base}/sources/",
        f"{base}/sources/{claim.source_id}/",
        f"{base}/entities/{claim.subject_id}/",
        f"{base}/sources/{claim.source_id}/cards/?claim={claim.pk}",
    ]
    for url in urls:
        visit_and_check(page, url)

    # Shown as the very characters that were written.
    page.goto(f"{base}/claims/{claim.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Budget {HOSTILE}")
    expect(page.locator(".annotation").first).to_contain_text(f"Flag {HOSTILE}")
    page.goto(f"{base}/sources/{claim.source_id}/")
    assert page.locator("#source-text").evaluate("el => el.textContent") == claim.source.body
    page.locator(f'#source-text mark[data-claim="{claim.pk}"]').first.click()
    expect(page.locator("#claim-panel h3")).to_have_text(f"Budget {HOSTILE}")
    check_inert(page, "the selected claim's card")
    page.goto(f"{base}/claims/?q=budget")
    expect(page.locator(".claim-row h3")).to_contain_text(SCRIPT)

    assert dialogs == []
    assert errors == []
