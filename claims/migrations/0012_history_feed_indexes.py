"""The change feed's reading order as indexes, so a page is read off them instead of sorting
every event (1M claims: a 500-event page went from 15 s to milliseconds; benchmarks/scale.py).

- each feed table: (pgh_xid, pgh_created_at, pgh_id), the feed's order within a part, which
  replaces 0008's (pgh_xid, pgh_id);
- claim events: (pgh_obj_id, pgh_created_at, pgh_id), a claim's events in order, for the
  feed's "state of the claim before (or at) this event".

`pgh_xid` is unknown to the models (0008), so these are SQL, built CONCURRENTLY (this migration
is not atomic) so that a live desk keeps writing while they build.
"""

from django.db import migrations

FEED_EVENT_TABLES = (
    "claims_claimevent",
    "claims_quantityevent",
    "claims_evidenceevent",
    "claims_claimmentionevent",
    "claims_claimrelationevent",
)


def _forward(table: str) -> list[str]:
    return [
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {table}_feed "
        f"ON {table} (pgh_xid, pgh_created_at, pgh_id)",
        f"DROP INDEX CONCURRENTLY IF EXISTS {table}_xid",
    ]


def _reverse(table: str) -> list[str]:
    return [
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {table}_xid ON {table} (pgh_xid, pgh_id)",
        f"DROP INDEX CONCURRENTLY IF EXISTS {table}_feed",
    ]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0011_search_unaccent_trigram_spellings"),
    ]

    operations = [
        *[migrations.RunSQL(_forward(table), _reverse(table)) for table in FEED_EVENT_TABLES],
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_claimevent_state "
            "ON claims_claimevent (pgh_obj_id, pgh_created_at, pgh_id)",
            "DROP INDEX CONCURRENTLY IF EXISTS claims_claimevent_state",
        ),
    ]
