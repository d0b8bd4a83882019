import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from claims.roles import ROLES, ensure_roles

PASSWORDS_FILE = Path(settings.BASE_DIR) / ".dev-accounts.json"


class Command(BaseCommand):
    help = (
        "Development only (DEBUG on): ensure the login accounts analyst, editor and reviewer, "
        "one per role, and print their passwords (kept in the git-ignored .dev-accounts.json)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("ensure_dev_accounts: DEBUG is off, no development accounts made.")
            return
        ensure_roles()
        passwords = json.loads(PASSWORDS_FILE.read_text()) if PASSWORDS_FILE.exists() else {}
        User = get_user_model()
        for role in ROLES:
            user, _ = User.objects.get_or_create(username=role, defaults={"is_staff": True})
            password = passwords.get(role) or secrets.token_urlsafe(12)
            if not user.check_password(password) or not user.is_staff or not user.is_active:
                user.set_password(password)
                user.is_staff = user.is_active = True
                user.save()
            user.groups.set([Group.objects.get(name=role)])
            passwords[role] = password
        PASSWORDS_FILE.write_text(json.dumps(passwords, indent=2) + "\n")
        PASSWORDS_FILE.chmod(0o600)
        self.stdout.write(
            "Log in at http://127.0.0.1:8000/accounts/login/ (pages) "
            "or http://127.0.0.1:8000/admin/ (curation) as:"
        )
        for role in ROLES:
            self.stdout.write(f"  {role:<9} password {passwords[role]}")
