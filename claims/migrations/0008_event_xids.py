"""Each event the change feed reads carries the id of the transaction that wrote it (`pgh_xid`),
so the feed can stop below the oldest transaction still running (`pg_snapshot_xmin`), which any
database role may read, unlike other roles' sessions in pg_stat_activity.

pghistory generates the event models, so the column is added in SQL and stays unknown to the
models (`makemigrations` sees no change); pghistory's triggers insert named columns, and the
default fills this one. Rows already recorded get this migration's transaction id: they are all
committed when it commits, which is all the feed needs of them.
"""

from django.db import migrations

FEED_EVENT_TABLES = (
    "claims_claimevent",
    "claims_quantityevent",
    "claims_evidenceevent",
    "claims_claimmentionevent",
    "claims_claimrelationevent",
)


def _forward(table: str) -> str:
    return (
        f"ALTER TABLE {table} ADD COLUMN pgh_xid xid8 NOT NULL DEFAULT pg_current_xact_id();"
        f"CREATE INDEX {table}_xid ON {table} (pgh_xid, pgh_id);"
    )


def _reverse(table: str) -> str:
    return f"ALTER TABLE {table} DROP COLUMN pgh_xid;"


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0007_cache_table'),
    ]

    operations = [
        migrations.RunSQL(_forward(table), _reverse(table)) for table in FEED_EVENT_TABLES
    ]
