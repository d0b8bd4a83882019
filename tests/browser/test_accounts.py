"""Logging in at /accounts/login/ and out again, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def claims(live_server, roles):
    published = ClaimFactory(status=ClaimStatus.VERIFIED, statement="A published claim.")
    internal = ClaimFactory(
        source=published.source, status=ClaimStatus.UNREVIEWED, statement="An internal claim."
    )
    return published, internal


def test_log_in_see_internal_claims_and_log_out(page, live_server, claims, analyst, screenshot):
    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_text("An internal claim.")).to_have_count(0)
    page.get_by_role("link", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/claims/"))
    page.get_by_label("Username").fill("analyst1")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    screenshot("login-error")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/claims/$"))
    expect(page.get_by_text("Signed in as analyst1")).to_be_visible()
    expect(page.get_by_text("An internal claim.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_text("A published claim.")).to_be_visible()
    expect(page.get_by_text("An internal claim.")).to_have_count(0)
