"""API tokens (`Authorization: Token <key>`): one per user, issued and revoked here or in the
admin (Auth Token, Tokens). A token carries its user's roles, no more: a token of a user
without a role reads what anonymous readers read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token


@transaction.atomic
def token_issue(*, user) -> Token:
    """The user's token, created when it has none. Only an active user gets one."""
    if not user.is_active:
        raise ValidationError(f"{user.get_username()} is not active: no token for them.")
    token, _ = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def token_revoke(*, user) -> bool:
    """Delete the user's token; True when there was one. Requests with it then get 401."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
