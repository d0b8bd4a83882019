"""axe-core finds no serious or critical accessibility violation on any page, for readers and
analysts, at desktop and phone width; and the same check does fail on a broken page.

axe-core 4.14.1 is vendored (tests/browser/vendor/, from the npm package axe-core).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.seeding import load_seed
from sources.models import Source

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """Run axe-core on the page as it stands; one line per serious or critical violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.fixture
def seeded(live_server):
    report = load_seed()
    claim = next(c for c in report.keys.values() if c.status == "verified")
    source = Source.objects.exclude(body="").get()
    return {
        "dashboard": "/",
        "claim list": "/claims/?q=OSA+budget&kind=quantity",
        "claim detail": f"/claims/{claim.pk}/",
        "reading view": f"/sources/{source.pk}/",
        "sources": "/sources/",
        "entity": f"/entities/{claim.subject_id}/",
        "login": "/accounts/login/",
    }


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_pages_have_no_serious_violations_for_readers(page, live_server, seeded, width, screenshot):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, path in seeded.items():
        page.goto(f"{live_server.url}{path}")
        found[name] = serious_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        if width == 375 and name in ("dashboard", "claim detail"):
            screenshot(f"{name.replace(' ', '-')}-phone")
    assert found == {name: [] for name in seeded}


def test_pages_have_no_serious_violations_for_analysts(
    page, live_server, seeded, login, analyst, screenshot
):
    login(analyst)
    found = {}
    for name, path in seeded.items():
        if name == "login":
            continue
        page.goto(f"{live_server.url}{path}")
        found[name] = serious_violations(page)
    # With a claim selected in the reading view, and with the facets changed by htmx.
    page.goto(f"{live_server.url}{seeded['reading view']}")
    page.locator("#source-text mark[data-claim]").nth(3).click()
    expect(page.locator("#claim-panel article")).not_to_have_count(0)
    found["reading view, claim selected"] = serious_violations(page)
    page.goto(f"{live_server.url}/claims/")
    page.locator("[data-facet=status] a", has_text="Verified").click()
    expect(page.locator("#results-title")).to_have_text("13 claims")
    found["claim list after a facet"] = serious_violations(page)
    assert found == {name: [] for name in found}


BROKEN = """<!doctype html><html><head><title>Broken</title></head><body>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text">
<p style="color:#bbb;background:#fff">Faint text that few can read.</p>
<div role="button"><a href="/x">nested</a></div>
</body></html>"""


def test_the_check_fails_on_a_deliberately_broken_page(page):
    page.set_content(BROKEN)
    found = " ".join(serious_violations(page))
    for rule in ("image-alt", "label", "color-contrast", "html-has-lang"):
        assert rule in found


def test_the_check_fails_when_a_real_page_is_broken(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/")
    assert serious_violations(page) == []
    # Break it as a careless change would: drop the search field's label, fade the text.
    page.evaluate(
        """() => {
        document.querySelector('label[for="q"]').remove();
        document.querySelector('#q').removeAttribute('placeholder');
        document.querySelector('#results-title').style.color = '#cfcfcf';
    }"""
    )
    found = " ".join(serious_violations(page))
    assert "label" in found and "color-contrast" in found
