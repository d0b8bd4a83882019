"""The table of the database cache that holds the API's throttle counters (CACHES["throttle"]
when REDIS_URL is unset). The columns are those `manage.py createcachetable` makes; created by a
migration so that every database `migrate` reaches, the tests' included, has it."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS claimdesk_cache (
    cache_key varchar(255) NOT NULL PRIMARY KEY,
    value text NOT NULL,
    expires timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS claimdesk_cache_expires ON claimdesk_cache (expires);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0006_candidate_queue'),
    ]

    operations = [
        migrations.RunSQL(CREATE, "DROP TABLE IF EXISTS claimdesk_cache;"),
    ]
