from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.api.tokens import DEFAULT_TOKEN_NAME, token_issue, token_revoke


class Command(BaseCommand):
    help = (
        "Issue a new API token for USERNAME (an active user) and print its secret, once: only "
        "its hash is stored. Use it as `Authorization: Token <secret>`. With --revoke, revoke "
        "the user's tokens instead (all of them, or those named --name)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name",
            help=f"What the token is for (a device, a script); default {DEFAULT_TOKEN_NAME!r}. "
            "With --revoke: revoke only the tokens of this name.",
        )
        parser.add_argument(
            "--days",
            type=int,
            help=f"Days until it expires (default API_TOKEN_TTL_DAYS, now "
            f"{settings.API_TOKEN_TTL_DAYS}; at most {settings.API_TOKEN_MAX_DAYS}).",
        )
        parser.add_argument(
            "--revoke", action="store_true", help="Revoke the user's tokens instead."
        )

    def handle(self, *args, username, name, days, revoke, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"issue_token: there is no user {username!r}.") from None
        if revoke:
            self._revoke(user, username, name)
            return
        try:
            token = token_issue(user=user, name=name or DEFAULT_TOKEN_NAME, days=days)
        except ValidationError as error:
            raise CommandError(f"issue_token: {' '.join(error.messages)}") from None
        self.stdout.write(token.key)
        self.stderr.write(
            f"issue_token: token {token.name!r} of {username}, expires "
            f"{token.expiry:%Y-%m-%d %H:%M} UTC. The secret above is shown only this once."
        )

    def _revoke(self, user, username: str, name: str | None) -> None:
        revoked = token_revoke(user=user, name=name)
        which = f"named {name!r} " if name is not None else ""
        if revoked:
            noun = "token" if revoked == 1 else "tokens"
            self.stdout.write(f"issue_token: revoked {revoked} {noun} {which}of {username}.")
        else:
            self.stdout.write(f"issue_token: {username} had no token {which}to revoke.")
