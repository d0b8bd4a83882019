"""Tokens (the command and the admin), throttling, CORS."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from claims.choices import ClaimStatus

from ..factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def _issue(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


def test_issue_token_prints_a_token_that_works_and_the_same_one_again(editor):
    from rest_framework.test import APIClient

    key = _issue("editor1")
    assert len(key) == 40 and _issue("editor1") == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    claim = ClaimFactory()
    assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200  # editors see drafts


def test_issue_token_revoke_makes_the_token_fail(editor):
    from rest_framework.test import APIClient

    key = _issue("editor1")
    assert _issue("editor1", "--revoke") == "issue_token: the token of editor1 is revoked."
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 401
    assert _issue("editor1", "--revoke") == "issue_token: editor1 had no token."
    assert _issue("editor1") != key  # a new one


def test_issue_token_refuses_unknown_and_inactive_users(roles):
    with pytest.raises(CommandError, match="there is no user 'nobody'"):
        _issue("nobody")
    UserFactory(username="gone", is_active=False)
    with pytest.raises(CommandError, match="gone is not active"):
        _issue("gone")
    assert not Token.objects.exists()


def test_a_token_for_a_user_without_a_role_reads_like_anonymous(outsider):
    from rest_framework.test import APIClient

    published = ClaimFactory(status=ClaimStatus.VERIFIED)
    ClaimFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {_issue('outsider1')}")
    ids = [c["id"] for c in client.get("/api/v1/claims/").json()["results"]]
    assert ids == [published.pk]


def test_the_admin_issues_and_revokes_tokens(client, editor):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    added = client.post("/admin/authtoken/tokenproxy/add/", {"user": editor.pk})
    assert added.status_code == 302, added.content[:500]
    token = Token.objects.get(user=editor)
    deleted = client.post(f"/admin/authtoken/tokenproxy/{token.user_id}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not Token.objects.filter(user=editor).exists()


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
