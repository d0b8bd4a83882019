"""Feeds of what changed: the change feed that lets a consumer mirror claims incrementally, and
the newest verified claims for the Atom feed.

The change feed is read from the history tables (pghistory's event tables, written by database
triggers), so it misses nothing that reached the database — bulk updates and raw SQL included.
"""

import base64
import binascii
import functools
import json
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.dateparse import parse_datetime

from config.db_router import primary_reads

from .choices import CANDIDATE_STATUSES, LOCKED_STATUSES, PUBLISHED_STATUSES, ClaimStatus
from .models import Claim, Review
from .selectors import can_see_internal, claims_visible_to

# What changed, and the order of the parts among events of the same instant.
PARTS = ("claim", "quantity", "evidence", "mention", "relation")

CREATED, UPDATED, DECIDED, WITHDRAWN, DELETED = (
    "created",
    "updated",
    "decided",
    "withdrawn",
    "deleted",
)
LOCKED = sorted(status.value for status in LOCKED_STATUSES)
PUBLISHED = sorted(status.value for status in PUBLISHED_STATUSES)
CANDIDATE = sorted(status.value for status in CANDIDATE_STATUSES)


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Change:
    xid: int
    at: datetime
    part: str
    event_id: int
    claim_id: int
    change: str
    status: str | None
    version: int | None

    @property
    def cursor(self) -> str:
        return encode_cursor(self.xid, self.at, PARTS.index(self.part), self.event_id)


# The cursor is (transaction id, time, part, event id): transactions in the order of their ids,
# the events of one in the order they were written. It is tagged so that a cursor of the first
# format, (time, part, event id), is refused (InvalidCursor, 400) instead of being misread.
_CURSOR_FORMAT = "x"


def encode_cursor(xid: int, at: datetime, part: int, event_id: int) -> str:
    raw = json.dumps([_CURSOR_FORMAT, str(xid), at.isoformat(), part, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, datetime, int, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        tag, xid, at, part, event_id = raw
        if tag != _CURSOR_FORMAT or not all(isinstance(n, int) for n in (part, event_id)):
            raise ValueError(tag)
        parsed = parse_datetime(at)
        if not xid.isdigit() or parsed is None or parsed.tzinfo is None:
            raise ValueError(xid)
        return int(xid), parsed, part, event_id
    except (ValueError, TypeError, AttributeError, UnicodeError, binascii.Error) as error:
        raise InvalidCursor(str(error)) from None


def _table(model_name: str) -> str:
    return connection.ops.quote_name(apps.get_model("claims", model_name)._meta.db_table)


# A claim event that changes only these is the version bump of a change to one of its parts
# (claims.services._bump_version): the part's own event reports that change.
_BOOKKEEPING = {"version", "updated_at"}


def _content_columns() -> list[str]:
    """The claim's own columns in its events, bookkeeping and pghistory's columns aside."""
    model = apps.get_model("claims", "ClaimEvent")
    return [
        connection.ops.quote_name(field.column)
        for field in model._meta.concrete_fields
        if not field.column.startswith("pgh_") and field.name not in _BOOKKEEPING
    ]


# Internal readers see every change of curated claims: the intake's candidates are not in the
# feed, and an accepted candidate is `created` when it joins the curated claims. Everyone else
# sees the published set move: a claim enters it when decided (`decided`, also for a changed
# verdict), leaves it when reopened or deleted (`withdrawn`), and its published state changes
# (`updated`); nothing of unpublished claims.
_CHANGE_FOR_INTERNAL = """
    CASE
      WHEN u.status = ANY(%(candidate)s) THEN NULL
      WHEN u.previous_status = ANY(%(candidate)s) THEN 'created'
      WHEN u.part > 0 THEN 'updated'
      WHEN u.label = 'delete' THEN 'deleted'
      WHEN u.label = 'insert' THEN 'created'
      WHEN u.previous_status IS NOT DISTINCT FROM u.status THEN 'updated'
      WHEN u.status = ANY(%(locked)s) THEN 'decided'
      WHEN u.previous_status = ANY(%(published)s) THEN 'withdrawn'
      ELSE 'updated'
    END
"""
_CHANGE_FOR_PUBLISHED = """
    CASE
      WHEN u.part > 0 THEN CASE WHEN u.status = ANY(%(published)s) THEN 'updated' END
      WHEN u.label = 'delete' THEN CASE WHEN u.status = ANY(%(published)s) THEN 'withdrawn' END
      WHEN u.label = 'insert' THEN CASE WHEN u.status = ANY(%(published)s) THEN 'decided' END
      WHEN u.status = ANY(%(published)s) AND u.previous_status IS NOT DISTINCT FROM u.status
        THEN 'updated'
      WHEN u.status = ANY(%(published)s) THEN 'decided'
      WHEN u.previous_status = ANY(%(published)s) THEN 'withdrawn'
    END
"""


# The horizon: a transaction still running may yet commit events, so the feed serves only the
# events of transactions below the oldest one running, `pg_snapshot_xmin` of the query's own
# snapshot: every transaction below it has ended, and those that committed are visible in that
# same snapshot, so a cursor never passes an event that has yet to become visible. Unlike
# pg_stat_activity, this needs no privilege to see other roles' sessions. Events of the reading
# transaction itself are served too (they are visible to it): the feed is read outside write
# transactions, and tests run writes and reads in one.


# Each part (claims, then each kind of part) is read in the feed's order along its own index
# (migration 0012: transaction, time, event id), from the cursor on, until `limit` changes of
# it are found; the page is the first `limit` of those, merged. Reading every event and sorting
# them took 15 s at 1M claims (benchmarks/scale.py). The horizon is two InitPlans, not a join,
# so nothing stands between an index scan and its LIMIT.
_AFTER_CURSOR = """
      (u.xid, u.at, u.part, u.event_id)
        > (%(since_xid)s::xid8, %(since_at)s::timestamptz, %(since_part)s, %(since_id)s)
      AND (u.xid < (SELECT xmin FROM horizon) OR u.xid = (SELECT own FROM horizon))
"""


def _branch(rows: str, change_case: str) -> str:
    """The first `limit` changes of one part: `rows` in the feed's order, their change named."""
    return f"""(
      SELECT u.xid, u.at, u.part, u.event_id, u.claim_id, u.status, u.version,
             {change_case} AS change
      FROM ({rows}) u
      WHERE {_AFTER_CURSOR} AND {change_case} IS NOT NULL
      ORDER BY u.xid, u.at, u.event_id
      LIMIT %(limit)s
    )"""  # noqa: S608


@functools.cache
def _sql(change_case: str) -> str:
    # Only table names from the models' metadata (quoted) and this module's constants are
    # interpolated; every value is a query parameter.
    claim_events = _table("ClaimEvent")
    parts = [
        (1, _table("QuantityEvent"), "claim_id"),
        (2, _table("EvidenceEvent"), "claim_id"),
        (3, _table("ClaimMentionEvent"), "claim_id"),
        (4, _table("ClaimRelationEvent"), "from_claim_id"),
    ]
    columns = _content_columns()
    before = ", ".join(f"p.{column}" for column in columns)
    now = ", ".join(f"e.{column}" for column in columns)
    claim_rows = f"""
      SELECT e.pgh_xid AS xid, e.pgh_created_at AS at, 0 AS part, e.pgh_id AS event_id,
             e.pgh_obj_id AS claim_id,
             e.pgh_label AS label, e.status, e.version, previous.status AS previous_status
      FROM {claim_events} e
      LEFT JOIN LATERAL (
        SELECT p.status, ROW({before}) IS NOT DISTINCT FROM ROW({now}) AS same_content
        FROM {claim_events} p
        WHERE p.pgh_obj_id = e.pgh_obj_id
          AND (p.pgh_created_at, p.pgh_id) < (e.pgh_created_at, e.pgh_id)
        ORDER BY p.pgh_created_at DESC, p.pgh_id DESC LIMIT 1
      ) previous ON true
      -- A version bump for a part's change: the part's own event reports it.
      WHERE NOT (e.pgh_label = 'update' AND coalesce(previous.same_content, false))
        AND (e.pgh_xid, e.pgh_created_at) >= (%(since_xid)s::xid8, %(since_at)s::timestamptz)
    """  # noqa: S608
    branches = [_branch(claim_rows, change_case)]
    for number, table, claim_column in parts:
        part_rows = f"""
          SELECT x.pgh_xid AS xid, x.pgh_created_at AS at, {number} AS part,
                 x.pgh_id AS event_id, x.{claim_column} AS claim_id, x.pgh_label AS label,
                 state.status, state.version, state.status AS previous_status
          FROM {table} x
          LEFT JOIN LATERAL (
            SELECT c.status, c.version FROM {claim_events} c
            WHERE c.pgh_obj_id = x.{claim_column} AND c.pgh_created_at <= x.pgh_created_at
            ORDER BY c.pgh_created_at DESC, c.pgh_id DESC LIMIT 1
          ) state ON true
          WHERE (x.pgh_xid, x.pgh_created_at)
                >= (%(since_xid)s::xid8, %(since_at)s::timestamptz)
        """  # noqa: S608
        branches.append(_branch(part_rows, change_case))
    union = "\n    UNION ALL ".join(branches)
    return f"""
    WITH horizon AS (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
             pg_current_xact_id_if_assigned() AS own
    )
    SELECT changes.xid::text, changes.at, changes.part, changes.event_id, changes.claim_id,
           changes.change, changes.status, changes.version
    FROM ({union}) changes
    -- Qualified: a bare `xid` would be the text column above, and sort 10 before 9.
    ORDER BY changes.xid, changes.at, changes.part, changes.event_id
    LIMIT %(limit)s
    """  # noqa: S608


def claim_changes(user, *, since: str | None, limit: int) -> list[Change]:
    """Up to `limit` changes after cursor `since` (from the start when None), in the order of
    the transactions that made them, as `user` may see them; only transactions that have ended
    (the horizon above). One query. Raises InvalidCursor for a cursor it did not issue,
    including one of the earlier (time-based) format."""
    since_xid, since_at, since_part, since_id = (0, "-infinity", -1, -1)
    if since:
        since_xid, since_at, since_part, since_id = decode_cursor(since)
    # On the primary, with read replicas too (config/db_router.py): the horizon is the primary's
    # running transactions, and a lagging replica could serve a page that skips events it has
    # not received, which the consumer's next cursor would then pass for good.
    with primary_reads():
        return _claim_changes(user, since_xid, since_at, since_part, since_id, limit)


def _claim_changes(user, since_xid, since_at, since_part, since_id, limit) -> list[Change]:
    case = _CHANGE_FOR_INTERNAL if can_see_internal(user) else _CHANGE_FOR_PUBLISHED
    params = {
        "since_xid": str(since_xid),
        "since_at": since_at,
        "since_part": since_part,
        "since_id": since_id,
        "limit": limit,
        "locked": LOCKED,
        "published": PUBLISHED,
        "candidate": CANDIDATE,
    }
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(_sql(case), params)
        rows = cursor.fetchall()
    return [
        Change(
            xid=int(xid),
            at=at,
            part=PARTS[part],
            event_id=event_id,
            claim_id=claim_id,
            change=change,
            status=status,
            version=version,
        )
        for xid, at, part, event_id, claim_id, change, status, version in rows
    ]


def recently_verified(user, *, limit: int = 50) -> QuerySet[Claim]:
    """Verified claims `user` may see, newest verification first, with what the feed shows."""
    verified_at = (
        Review.objects.filter(claim=OuterRef("pk"), to_status=ClaimStatus.VERIFIED)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    return (
        claims_visible_to(user)
        .filter(status=ClaimStatus.VERIFIED)
        .annotate(verified_at=Subquery(verified_at))
        .select_related("source__publisher")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.select_related("reviewer")))
        .order_by(F("verified_at").desc(nulls_last=True), "-id")[:limit]
    )
