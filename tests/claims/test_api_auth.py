"""Tokens (the command and the admin), throttling, CORS."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from claims.api.tokens import token_issue
from claims.choices import ClaimStatus
from claims.models import ApiToken

from ..factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def _issue(*args) -> str:
    out = StringIO()
    call_command("issue_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def _status(key: str, url: str = "/api/v1/claims/") -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(url).status_code


def test_issue_token_prints_a_new_secret_once_and_stores_only_its_hash(editor):
    err = StringIO()
    out = StringIO()
    call_command("issue_token", "editor1", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert len(key) == 64 and "\n" not in key  # stdout is the secret alone, for scripts
    assert "shown only this once" in err.getvalue() and key not in err.getvalue()
    claim = ClaimFactory()
    assert _status(key, f"/api/v1/claims/{claim.pk}/") == 200  # editors see drafts
    token = ApiToken.objects.get(user=editor)
    assert token.name == "command line" and key not in (token.digest, token.token_key)
    again = _issue("editor1")
    assert again != key and _status(again) == 200 and _status(key) == 200  # one per device


def test_issue_token_takes_a_name_and_a_lifetime(editor, settings):
    _issue("editor1", "--name", "nightly export", "--days", "7")
    token = ApiToken.objects.get(user=editor)
    assert token.name == "nightly export"
    assert timedelta(days=6, hours=23) < token.expiry - timezone.now() <= timedelta(days=7)
    _issue("editor1", "--name", "laptop")
    default = ApiToken.objects.get(user=editor, name="laptop")
    lifetime = default.expiry - timezone.now()
    assert timedelta(days=settings.API_TOKEN_TTL_DAYS - 1) < lifetime


def test_issue_token_refuses_a_lifetime_out_of_range_in_one_line(editor):
    with pytest.raises(CommandError, match=r"^issue_token: A token lives from 1 to 365 days\.$"):
        _issue("editor1", "--days", "0")
    with pytest.raises(CommandError, match="from 1 to 365 days"):
        _issue("editor1", "--days", "366")
    with pytest.raises(CommandError, match=r"from 1 to 365 days.* cannot be blank"):
        _issue("editor1", "--days", "366", "--name", " ")  # every problem at once
    assert not ApiToken.objects.exists()


def test_issue_token_revoke_makes_the_tokens_fail(editor):
    laptop, script = _issue("editor1", "--name", "laptop"), _issue("editor1", "--name", "ci")
    assert _issue("editor1", "--revoke", "--name", "ci") == (
        "issue_token: revoked 1 token named 'ci' of editor1."
    )
    assert _status(script) == 401 and _status(laptop) == 200
    assert _issue("editor1", "--revoke") == "issue_token: revoked 1 token of editor1."
    assert _status(laptop) == 401
    assert _issue("editor1", "--revoke") == "issue_token: editor1 had no token to revoke."


def test_issue_token_refuses_unknown_and_inactive_users(roles):
    with pytest.raises(CommandError, match="there is no user 'nobody'"):
        _issue("nobody")
    UserFactory(username="gone", is_active=False)
    with pytest.raises(CommandError, match="gone is not active"):
        _issue("gone")
    assert not ApiToken.objects.exists()


def test_a_token_for_a_user_without_a_role_reads_like_anonymous(outsider):
    published = ClaimFactory(status=ClaimStatus.VERIFIED)
    ClaimFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {_issue('outsider1')}")
    ids = [c["id"] for c in client.get("/api/v1/claims/").json()["results"]]
    assert ids == [published.pk]


def test_the_admin_lists_and_revokes_tokens_but_cannot_issue_or_edit_them(client, editor, caplog):
    caplog.set_level("INFO", logger="claimdesk.tokens")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    token = token_issue(user=editor, name="laptop")
    assert client.get("/admin/claims/apitoken/add/").status_code == 403
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code == 404  # DRF's is gone
    listed = client.get("/admin/claims/apitoken/").content.decode()
    assert "laptop" in listed and token.key not in listed
    change = client.post(f"/admin/claims/apitoken/{token.pk}/change/", {"name": "renamed"})
    assert change.status_code in (302, 403) and ApiToken.objects.get(pk=token.pk).name == "laptop"
    revoked = client.post(
        "/admin/claims/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert revoked.status_code == 302
    assert _status(token.key) == 401
    # Through the service, which logs the admin as the one who revoked it.
    assert f"API token {token.pk} 'laptop' of editor1 revoked by admin" in caplog.text


def test_the_admin_delete_page_revokes_through_the_service(client, editor, caplog):
    caplog.set_level("INFO", logger="claimdesk.tokens")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    token = token_issue(user=editor, name="laptop")
    deleted = client.post(f"/admin/claims/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert f"API token {token.pk} 'laptop' of editor1 revoked by admin" in caplog.text


# ---------------------------------------------------------------------------- throttling


def test_anonymous_readers_are_throttled_at_the_configured_rate(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute"},
    }
    client = api()
    assert [client.get("/api/v1/publishers/").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/publishers/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0


def test_token_users_have_their_own_rate(api, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "2/minute"},
    }
    client = api(editor)
    assert [client.get("/api/v1/publishers/").status_code for _ in range(3)] == [200, 200, 429]
    assert api().get("/api/v1/publishers/").status_code == 200  # anonymous: its own bucket


def test_the_default_rates_are_set_in_settings():
    from config import settings as configured  # as the project sets them, not as tests raise them

    rates = configured.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "120/minute", "user": "1200/minute"}  # the README's defaults


# ---------------------------------------------------------------------------- CORS


def test_cors_is_off_by_default(api, settings):
    from config import settings as configured

    assert configured.CORS_ALLOWED_ORIGINS == []
    response = api().get("/api/v1/claims/", HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    # The same request is let through once its origin is listed.
    settings.CORS_ALLOWED_ORIGINS = ["https://elsewhere.example"]
    listed = api().get("/api/v1/claims/", HTTP_ORIGIN="https://elsewhere.example")
    assert listed["Access-Control-Allow-Origin"] == "https://elsewhere.example"


def test_cors_allows_only_the_configured_origins(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://consumer.example"]
    allowed = api().get("/api/v1/claims/", HTTP_ORIGIN="https://consumer.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://consumer.example"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = api().get("/api/v1/claims/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other
