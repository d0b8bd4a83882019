from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.api.tokens import token_issue, token_revoke


class Command(BaseCommand):
    help = (
        "Print the API token of USERNAME (an active user), creating it when it has none; "
        "with --revoke, revoke it instead. Use it as `Authorization: Token <key>`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--revoke", action="store_true", help="Revoke the user's token instead."
        )

    def handle(self, *args, username, revoke, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"issue_token: there is no user {username!r}.") from None
        if revoke:
            if token_revoke(user=user):
                self.stdout.write(f"issue_token: the token of {username} is revoked.")
            else:
                self.stdout.write(f"issue_token: {username} had no token.")
            return
        try:
            token = token_issue(user=user)
        except ValidationError as error:
            raise CommandError(f"issue_token: {error.messages[0]}") from None
        self.stdout.write(token.key)
