"""API tokens: stored as hashes, named, expiring; /api/v1/tokens/ lists, issues and revokes a
user's own; expired, revoked and inactive users' tokens get 401; secrets stay out of history and
logs; clear-text tokens from before are hashed by a migration and keep working."""

import importlib
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from claims.api.tokens import token_issue
from claims.models import ApiToken

pytestmark = pytest.mark.django_db

URL = "/api/v1/tokens/"


def _with(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _works(secret: str) -> int:
    return _with(secret).get("/api/v1/claims/").status_code


def _rows(table: str) -> str:
    """Every row of the table, as text: what a leaked database dump would show."""
    from psycopg import sql

    query = sql.SQL("SELECT coalesce(string_agg(row_to_json(t)::text, ' '), '') FROM {} t")
    with connection.cursor() as cursor:
        cursor.execute(query.format(sql.Identifier(table)))
        return cursor.fetchone()[0]


def test_a_token_issued_by_the_api_works_and_only_its_hash_is_stored(api, editor, caplog):
    caplog.set_level(logging.DEBUG)
    response = api(editor).post(URL, {"name": "laptop", "days": 30}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    secret = body["key"]
    assert body["name"] == "laptop" and not body["expired"]
    expiry = timezone.datetime.fromisoformat(body["expiry"])
    assert timedelta(days=29, hours=23) < expiry - timezone.now() <= timedelta(days=30)
    assert _works(secret) == 200

    stored = ApiToken.objects.get(pk=body["id"])
    assert stored.digest != secret and secret not in _rows("claims_apitoken")
    # The issue is logged (who, which token, until when), never the secret nor a part of it.
    assert "'laptop' of editor1 issued by editor1" in caplog.text
    assert secret not in caplog.text and stored.token_key not in caplog.text
    # Tokens are not history: no event table holds any part of a secret.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'claims_apitoken%%'")
        assert cursor.fetchone()[0] == 1


def test_the_list_shows_only_your_own_tokens_and_never_a_secret(api, editor, analyst):
    token_issue(user=editor, name="laptop")
    token_issue(user=analyst, name="analyst's script")
    client = _with(token_issue(user=editor, name="ci").key)
    response = client.get(URL)
    assert response.status_code == 200
    listed = response.json()
    assert [t["name"] for t in listed] == ["ci", "laptop"]  # newest first
    assert [t["current"] for t in listed] == [True, False]
    assert all("key" not in t for t in listed)
    fields = {"id", "name", "created", "expiry", "last_used_at", "expired", "current"}
    assert set(listed[0]) == fields


def test_anonymous_requests_cannot_list_or_issue_tokens(api):
    assert api().get(URL).status_code == 401
    refused = api().post(URL, {"name": "x"}, format="json")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Token"
    assert not ApiToken.objects.exists()


def test_a_bad_request_names_every_problem_at_once(api, editor):
    client = api(editor)
    response = client.post(URL, {"name": " ", "days": 0}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "days"}
    unknown = client.post(URL, {"name": "x", "scope": "all"}, format="json")
    assert unknown.status_code == 400 and set(unknown.json()["errors"]) == {"scope"}
    too_long = client.post(URL, {"name": "x", "days": 366}, format="json")
    assert too_long.status_code == 400 and "days" in too_long.json()["errors"]
    assert ApiToken.objects.filter(user=editor).count() == 1  # the client's own


def test_a_revoked_token_gets_401(editor):
    keep, revoke = token_issue(user=editor, name="keep"), token_issue(user=editor, name="old")
    response = _with(keep.key).delete(f"{URL}{revoke.pk}/")
    assert response.status_code == 204
    assert _works(revoke.key) == 401
    assert _works(keep.key) == 200


def test_another_users_token_cannot_be_revoked(editor, analyst):
    theirs = token_issue(user=analyst, name="analyst's script")
    response = _with(token_issue(user=editor, name="mine").key).delete(f"{URL}{theirs.pk}/")
    assert response.status_code == 404
    assert _works(theirs.key) == 200


def test_an_expired_token_gets_401_and_is_listed_as_expired(editor):
    expired = token_issue(user=editor, name="old", days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    refused = _with(expired.key).get("/api/v1/claims/")
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]
    listed = _with(token_issue(user=editor, name="new").key).get(URL).json()
    assert {t["name"]: t["expired"] for t in listed} == {"new": False, "old": True}


def test_the_tokens_of_an_inactive_user_stop_working(editor):
    token = token_issue(user=editor, name="laptop")
    assert _works(token.key) == 200
    type(editor).objects.filter(pk=editor.pk).update(is_active=False)
    assert _works(token.key) == 401


def test_a_token_issued_with_a_token_does_not_outlive_it(editor):
    short = token_issue(user=editor, name="short", days=2)
    body = _with(short.key).post(URL, {"name": "minted", "days": 300}, format="json").json()
    assert ApiToken.objects.get(pk=body["id"]).expiry == short.expiry


def test_a_token_s_last_use_is_noted_once_in_a_while(editor):
    token = token_issue(user=editor, name="laptop")
    assert token.last_used_at is None
    _works(token.key)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    _works(token.key)  # a moment later: not written again
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=6))
    _works(token.key)  # used again after a while: noted again
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_a_token_is_read_and_its_use_noted_in_one_query(editor):
    token = token_issue(user=editor, name="laptop")
    client = _with(token.key)
    counts = []
    for _ in range(2):  # its first use (noted), then again at once (not written)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/publishers/").status_code == 200
        counts.append([q["sql"] for q in queries.captured_queries if "apitoken" in q["sql"]])
    assert [len(c) for c in counts] == [1, 1]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_revoking_is_logged_with_who_did_it(editor, caplog):
    caplog.set_level(logging.INFO, logger="claimdesk.tokens")
    token = token_issue(user=editor, name="laptop")
    _with(token.key).delete(f"{URL}{token.pk}/")
    assert f"API token {token.pk} 'laptop' of editor1 revoked by editor1" in caplog.text


# ---------------------------------------------------------------------------- migration


def test_clear_text_tokens_from_before_are_hashed_and_keep_working(editor, settings):
    """A database from before hashing has DRF's authtoken table, keys in clear: the migration
    turns each into an API token storing the hash of the same key, then drops that table."""
    old_key = "0123456789abcdef0123456789abcdef01234567"  # DRF's format: 40 hex characters
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz "
            "NOT NULL, user_id integer NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, now() - interval '1 year', %s)",
            [old_key, editor.pk],
        )
    migration = importlib.import_module("claims.migrations.0010_api_tokens_from_authtoken")
    migration.hash_clear_text_tokens(apps, SimpleNamespace(connection=connection))

    token = ApiToken.objects.get(user=editor)
    assert token.name == migration.LEGACY_NAME
    assert old_key not in _rows("claims_apitoken")
    remaining = token.expiry - timezone.now()
    assert timedelta(days=settings.API_TOKEN_TTL_DAYS - 1) < remaining
    assert _works(old_key) == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('authtoken_token')")
        assert cursor.fetchone()[0] is None  # the clear-text keys are gone
