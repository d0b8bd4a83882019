"""The account's API tokens page, /accounts/tokens/: the user's own tokens, issuing one (its
secret shown on that answer only) and revoking."""

import pytest
from django.utils import timezone

from claims.api.tokens import token_issue
from claims.models import ApiToken

pytestmark = pytest.mark.django_db

URL = "/accounts/tokens/"


def test_anonymous_readers_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def test_the_page_lists_only_your_own_tokens_with_their_dates(client, editor, analyst):
    mine = token_issue(user=editor, name="laptop")
    ApiToken.objects.filter(pk=mine.pk).update(last_used_at=timezone.now())
    token_issue(user=analyst, name="analyst's script")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "laptop" in html and "analyst&#x27;s script" not in html
    assert mine.key not in html
    assert "never" not in html  # it was used: its last use is shown
    assert 'href="/accounts/tokens/"' in client.get("/").content.decode()  # from the header


def test_issuing_shows_the_secret_once(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"name": "laptop", "days": "30"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=editor)
    secret = response.context["issued"].key
    assert secret in response.content.decode() and secret != token.digest
    assert secret not in client.get(URL).content.decode()


def test_a_refused_form_keeps_what_was_typed_and_says_why(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"name": "laptop", "days": "400"})
    html = response.content.decode()
    assert 'value="laptop"' in html and "less than or equal to 365" in html
    assert not ApiToken.objects.exists()


def test_revoking_your_token_and_not_someone_elses(client, editor, analyst):
    mine, theirs = token_issue(user=editor, name="laptop"), token_issue(user=analyst, name="ci")
    client.force_login(editor)
    assert client.get(f"/accounts/tokens/{mine.pk}/revoke/").status_code == 405
    response = client.post(f"/accounts/tokens/{theirs.pk}/revoke/", follow=True)
    assert "You have no such token" in response.content.decode()
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
    response = client.post(f"/accounts/tokens/{mine.pk}/revoke/", follow=True)
    assert "The token is revoked" in response.content.decode()
    assert not ApiToken.objects.filter(pk=mine.pk).exists()
