"""API tokens (`Authorization: Token <secret>`): issued, listed and revoked here only.

The API (/api/v1/tokens/), the account page (/accounts/tokens/), the admin (revoke only) and
`manage.py issue_token` all call these functions. Only a hash of each secret is stored (knox's
scheme, claims.ApiToken): the secret is shown once, when the token is issued. Every token has a
name and an expiry (`API_TOKEN_TTL_DAYS`, 90 by default, at most `API_TOKEN_MAX_DAYS`). A token
carries its user's roles, no more: a token of a user without a role reads what anonymous
readers read, and tokens of an inactive user stop working.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, F, Func, Value
from django.utils import timezone
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from rest_framework import exceptions

from ..models import ApiToken

DEFAULT_TOKEN_NAME = "command line"  # noqa: S105 (a label, not a secret)
INVALID = "Invalid token: it is unknown, revoked or expired, or its user is inactive."

# Who issued and revoked which token (never any part of a secret): tokens are not in history.
log = logging.getLogger("claimdesk.tokens")


def tokens_of(*, user):
    """The user's own tokens, newest first, expired ones included (until revoked)."""
    return ApiToken.objects.filter(user=user).order_by("-created", "-id")


def token_days_allowed(days) -> int:
    """The lifetime asked for, in days, or the default; refused outside 1..API_TOKEN_MAX_DAYS."""
    if days is None:
        return settings.API_TOKEN_TTL_DAYS
    whole = isinstance(days, int) and not isinstance(days, bool)
    if not whole or not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": f"A token lives from 1 to {settings.API_TOKEN_MAX_DAYS} days."},
            code="invalid",
        )
    return days


@transaction.atomic
def token_issue(
    *, user, name: str = DEFAULT_TOKEN_NAME, days: int | None = None, not_after=None, actor=None
) -> ApiToken:
    """Issue a new token for an active user, named `name`, expiring in `days` days (the
    default lifetime when None), and never after `not_after` when given (a token issued with
    a token does not outlive it). The returned token's `key` is its secret, which is stored
    nowhere: show it once."""
    if not user.is_active:
        raise ValidationError(f"{user.get_username()} is not active: no token for them.")
    problems = {}
    try:
        lifetime = timedelta(days=token_days_allowed(days))
    except ValidationError as error:
        problems.update(error.message_dict)
        lifetime = timedelta(days=settings.API_TOKEN_TTL_DAYS)
    expiry = timezone.now() + lifetime
    if not_after is not None:
        expiry = min(expiry, not_after)
    token = ApiToken(user=user, name=(name or "").strip(), expiry=expiry)
    secret = _new_secret(token)
    try:
        token.full_clean()
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:  # every problem at once
        raise ValidationError(problems)
    token.save()
    log.info(
        "API token %s %r of %s issued by %s, expires %s",
        token.pk,
        token.name,
        user.get_username(),
        (actor or user).get_username(),
        token.expiry.isoformat(timespec="seconds"),
    )
    token.key = secret
    return token


def _new_secret(token: ApiToken) -> str:
    from knox.models import get_digest_token
    from knox.settings import CONSTANTS

    digest, secret = get_digest_token()
    token.digest, token.token_key = digest, secret[: CONSTANTS.TOKEN_KEY_LENGTH]
    return secret


@transaction.atomic
def token_revoke(*, user, token_id: int | None = None, name: str | None = None, actor=None) -> int:
    """Revoke the user's tokens: the one with `token_id`, those named `name`, or (neither
    given) all of them. Only the user's own tokens are touched; returns how many were revoked.
    Requests with a revoked token get 401."""
    tokens = ApiToken.objects.filter(user=user)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    if name is not None:
        tokens = tokens.filter(name=name)
    revoked = list(tokens.values_list("pk", "name"))
    tokens.delete()
    for pk, token_name in revoked:
        log.info(
            "API token %s %r of %s revoked by %s",
            pk,
            token_name,
            user.get_username(),
            (actor or user).get_username(),
        )
    return len(revoked)


class ApiTokenAuthentication(TokenAuthentication):
    """knox's `Authorization: Token <secret>` header, read in one query: the token is found by
    its digest, unexpired and of an active user, and the same query notes its use (at most
    every five minutes: the SQL function `claimdesk_api_token_used`, migration 0009). Anything
    else is 401."""

    def authenticate_credentials(self, token: bytes):
        try:
            digest = hash_token(token.decode("utf-8"))
        except (UnicodeDecodeError, TypeError, ValueError):
            raise exceptions.AuthenticationFailed(INVALID) from None
        now = timezone.now()
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=digest, expiry__gt=now, user__is_active=True)
            .annotate(
                noted=Func(
                    F("pk"),
                    Value(now),
                    function="claimdesk_api_token_used",
                    output_field=BooleanField(),
                )
            )
        )
        auth_token = found.first()
        if auth_token is None:
            raise exceptions.AuthenticationFailed(INVALID)
        return auth_token.user, auth_token
