"""The account's API tokens page in Chromium: issue a token, copy its secret (shown once), use
it against the running server, and revoke it."""

import httpx
from playwright.sync_api import expect

from tests.browser.test_accessibility import serious_violations

PASSWORD = "correct horse battery staple"


def _api_status(live_server, secret: str) -> int:
    headers = {"Authorization": f"Token {secret}"}
    return httpx.get(f"{live_server.url}/api/v1/tokens/", headers=headers, timeout=10).status_code


def test_issue_use_and_revoke_a_token_from_the_account_page(page, live_server, editor, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("editor1")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()
    expect(page.get_by_text("You have no tokens.")).to_be_visible()

    page.get_by_label("Name").fill("nightly export")
    page.get_by_label("Days").fill("30")
    page.get_by_role("button", name="Issue token").click()
    expect(page.get_by_role("heading", name="Token “nightly export” issued")).to_be_visible()
    secret = page.get_by_test_id("token-secret").inner_text().strip()
    assert len(secret) == 64
    row = page.get_by_role("row", name="nightly export")
    expect(row).to_contain_text("never")
    screenshot("account-tokens")
    assert serious_violations(page) == []
    assert _api_status(live_server, secret) == 200  # the secret works against the real server

    page.goto(f"{live_server.url}/accounts/tokens/")
    expect(page.get_by_test_id("token-secret")).to_have_count(0)  # shown once only
    expect(row).not_to_contain_text("never")  # its use just now is listed

    page.get_by_role("button", name="Revoke nightly export").click()
    expect(page.get_by_role("status")).to_contain_text("The token is revoked")
    expect(page.get_by_role("row", name="nightly export")).to_have_count(0)
    assert _api_status(live_server, secret) == 401

    page.set_viewport_size({"width": 375, "height": 800})  # a phone: the header and the table fit
    page.goto(f"{live_server.url}/accounts/tokens/")
    page.get_by_label("Name").fill("phone")
    page.get_by_role("button", name="Issue token").click()
    expect(page.get_by_test_id("token-secret")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    screenshot("account-tokens-phone")
