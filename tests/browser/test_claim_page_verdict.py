"""The verdict at the top of a claim page, in Chromium: seen without scrolling at desktop and
phone width, with the rationale and the evidence that counted; the status for analysts on an
unpublished claim. Screenshots: claim-page-verdict.png (1280 px) and -phone.png (375 px)."""

import pytest
from playwright.sync_api import expect

from claims.choices import ClaimStatus
from claims.models import Claim
from claims.seeding import load_seed

from .conftest import SCREENSHOTS
from .test_accessibility import serious_violations


@pytest.fixture
def seeded(live_server):
    load_seed()
    # The seed's "16 countries" claim: refuted, with refuting evidence and a rationale.
    refuted = Claim.objects.filter(status=ClaimStatus.REFUTED, evidence__stance="refutes")
    return refuted.order_by("start").first()


@pytest.mark.parametrize(
    ("width", "name"), [(1280, "claim-page-verdict"), (375, "claim-page-verdict-phone")]
)
def test_the_verdict_is_at_the_top_with_rationale_and_key_evidence(
    page, live_server, seeded, width, name, screenshot
):
    height = 800 if width > 400 else 740
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/claims/{seeded.pk}/")
    verdict = page.get_by_test_id("verdict")
    expect(verdict.get_by_role("heading", name="Verdict: Refuted")).to_be_visible()
    rationale = seeded.reviews.order_by("created_at", "id").last().rationale
    expect(verdict).to_contain_text(rationale[:60])
    expect(verdict.locator("[data-key-evidence] .stance-refutes").first).to_be_visible()
    # Before any scrolling: the verdict's heading and its first piece of evidence.
    heading_box = verdict.get_by_role("heading", name="Verdict: Refuted").bounding_box()
    evidence_box = verdict.locator("[data-key-evidence]").first.bounding_box()
    assert heading_box["y"] + heading_box["height"] <= height
    assert evidence_box["y"] + evidence_box["height"] <= height * 1.5
    # It sits above the passage and the review trail.
    assert heading_box["y"] < page.locator("#passage-title").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page) == []
    if width > 400:
        screenshot(name)
    else:  # what a phone shows first
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_analysts_see_the_status_of_an_unpublished_claim(page, live_server, seeded, login, analyst):
    unreviewed = Claim.objects.filter(status=ClaimStatus.UNREVIEWED).first()
    login(analyst)
    page.goto(f"{live_server.url}/claims/{unreviewed.pk}/")
    verdict = page.get_by_test_id("verdict")
    expect(verdict.get_by_role("heading", name="Status: Unreviewed")).to_be_visible()
    expect(verdict).to_contain_text("Not published")
    assert page.locator('script[type="application/ld+json"]').count() == 0


def test_a_published_claim_page_carries_its_claimreview(page, live_server, seeded):
    page.goto(f"{live_server.url}/claims/{seeded.pk}/")
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "ClaimReview"
    assert data["url"] == f"{live_server.url}/claims/{seeded.pk}/"
    assert data["reviewRating"]["alternateName"] == "False"
