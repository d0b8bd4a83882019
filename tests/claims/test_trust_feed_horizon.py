"""The change feed's horizon needs no privilege: a transaction of another database role that
commits late is never skipped by a consumer who polled meanwhile (issue "Trust", item 6)."""

import base64
import json
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection

from ..factories import ClaimFactory, EntityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _feed(client, url="/api/v1/changes/?page_size=500"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@contextmanager
def _role(name: str):
    """A plain login role (no superuser, no pg_read_all_stats) that may read and write."""
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {quoted} LOGIN")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            cursor.execute(f"DROP OWNED BY {quoted}")
            cursor.execute(f"DROP ROLE {quoted}")


def _connect_as(role: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=role,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=False,
    )


def test_a_late_commit_of_another_role_is_served_after_it_commits_and_never_skipped(api, analyst):
    claim = ClaimFactory(subject=EntityFactory(name="Australia"))
    client = api(analyst)
    start = _feed(client)  # a consumer that has read everything so far
    suffix = uuid.uuid4().hex[:8]
    with _role(f"feed_writer_{suffix}") as writer_role, _role(f"feed_reader_{suffix}") as reader:
        writer = _connect_as(writer_role)
        try:
            # The writer's transaction writes first (its event is stamped now) and commits last.
            writer.execute(
                "UPDATE claims_claim SET predicate = 'budget rose to', version = version + 1 "
                "WHERE id = %s",
                [claim.pk],
            )
            fast = ClaimFactory(subject=EntityFactory(name="Philippines"))  # committed now
            # The app reads as a role that cannot see the writer's session in pg_stat_activity.
            with connection.cursor() as cursor:
                cursor.execute(f"SET ROLE {connection.ops.quote_name(reader)}")
            meanwhile = _feed(client, start["next"])
            assert meanwhile["results"] == []  # nothing past the running transaction
            writer.commit()
        finally:
            writer.close()
        after = _feed(client, meanwhile["next"])
    changes = [(entry["claim"], entry["change"]) for entry in after["results"]]
    assert changes == [(claim.pk, "updated"), (fast.pk, "created")]


def test_a_cursor_of_the_time_based_format_is_refused_with_400(api):
    old = json.dumps(["2026-02-02T10:39:19+00:00", 0, 1]).encode()
    cursor = base64.urlsafe_b64encode(old).decode().rstrip("=")
    response = api().get(f"/api/v1/changes/?since={cursor}")
    assert response.status_code == 400
    assert "since" in response.json()["errors"]
