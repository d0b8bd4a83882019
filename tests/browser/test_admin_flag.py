"""In a real Chromium: an editor logs into the admin and flags a claim as unsourced."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Annotation

from ..factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_logs_in_and_flags_a_claim_as_unsourced(
    page, live_server, login, editor, screenshot
):
    claim = ClaimFactory(statement="Japan's OSA budget doubles in FY2026.")
    login(editor)

    page.goto(f"{live_server.url}/admin/claims/claim/")
    row = page.get_by_role("row").filter(has_text="Japan's OSA budget doubles in FY2026.")
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Flag as unsourced…")
    page.get_by_role("button", name="Go").click()

    # The reason is the editor's own: asked for, never written for them.
    reason = page.get_by_label("Why does this need a source?")
    expect(reason).to_have_attribute("required", "")
    reason.fill("No budget document is cited.")
    screenshot("admin-flag-reason")
    page.get_by_role("button", name="Flag").click()

    expect(page.locator(".messagelist")).to_contain_text("1 claim(s) flagged as unsourced")
    screenshot("admin-flagged")
    flag = Annotation.objects.get(claim=claim)
    assert (flag.kind, flag.flag_reason, flag.author, flag.body) == (
        "flag",
        "unsourced",
        editor,
        "No budget document is cited.",
    )

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Unsourced queue").first.click()
    expect(page).to_have_url(re.compile(r"/admin/claims/unsourcedflag/"))
    expect(page.get_by_role("link", name=re.compile("Japan's OSA budget doubles"))).to_be_visible()
