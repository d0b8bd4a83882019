"""Tokens issued before tokens were hashed (DRF's authtoken, stored in clear) become API tokens
that store only the hash of the same key, so the key keeps working until it expires,
API_TOKEN_TTL_DAYS after this migration. The clear-text table is then dropped.

DRF's authtoken app is no longer installed, so its table is read with SQL when it exists (a
database created before this change); a new database has none and nothing happens."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

LEGACY_NAME = "issued before tokens were hashed"


def hash_clear_text_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('authtoken_token') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return
        cursor.execute('SELECT "key", "user_id", "created" FROM authtoken_token ORDER BY "created"')
        rows = cursor.fetchall()
    ApiToken = apps.get_model("claims", "ApiToken")
    expiry = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS)
    for key, user_id, created in rows:
        # Saved, not objects.create(): knox's manager would make a new secret.
        token = ApiToken(
            user_id=user_id,
            name=LEGACY_NAME,
            digest=hash_token(key),
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
            expiry=expiry,
        )
        token.save()
        ApiToken.objects.filter(pk=token.pk).update(created=created)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE authtoken_token")
        # The app is gone: installing it again later must create its table again.
        cursor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_api_tokens")]

    operations = [
        migrations.RunPython(hash_clear_text_tokens, migrations.RunPython.noop, elidable=True),
    ]
