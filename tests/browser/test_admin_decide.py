"""In a real Chromium: a reviewer meets a decided claim read-only with who decided it, reopens
it from its page, and a refused decision keeps the rationale they typed."""

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim

from ..factories import ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reviewer_reopens_a_decided_claim_and_a_refusal_keeps_the_rationale(
    page, live_server, login, editor, reviewer, other_reviewer, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    claim = ClaimFactory(created_by=editor, statement="Japan's OSA budget doubles in FY2026.")
    services.claim_transition(actor=editor, claim=claim, to="in_review")
    EvidenceFactory(claim=claim)
    services.claim_transition(
        actor=other_reviewer, claim=claim, to="verified", rationale="The MOFA budget release."
    )
    login(reviewer)
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    banner = page.get_by_role("status")
    expect(banner).to_contain_text("Verified by reviewer2 on")
    expect(banner).to_contain_text("The MOFA budget release.")
    expect(page.locator("textarea[name=statement]")).to_have_count(0)  # read-only
    screenshot("admin-claim-decided")

    banner.get_by_role("link", name="Reopen…").click()
    expect(page.get_by_label("New status")).to_have_value("in_review")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".field-rationale .errorlist")).to_have_text(
        "Give a rationale for this decision."
    )
    page.get_by_label("Rationale").fill("A newer release revises the figure.")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Claim {claim.pk} is now in review.")
    assert Claim.objects.get(pk=claim.pk).status == "in_review"

    # Deciding again from the page: verified needs evidence from another source; refused, the
    # rationale stays and the rule is said beside the status.
    claim.evidence.all().delete()
    page.get_by_role("link", name="Decide…").click()
    page.get_by_label("New status").select_option("verified")
    page.get_by_label("Rationale").fill("Confirmed by the ministry.")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".field-to .errorlist")).to_contain_text("only with supporting evidence")
    expect(page.get_by_label("Rationale")).to_have_value("Confirmed by the ministry.")
    screenshot("admin-decide-refused")
    assert Claim.objects.get(pk=claim.pk).status == "in_review"
