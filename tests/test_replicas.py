"""Read replicas (config/db_router.py) against a real PostgreSQL streaming replica.

The module makes the replica itself: `pg_basebackup -R` from the worktree's own cluster (the
one the test database lives on), started on its own socket folder and port with
`hot_standby=on`. The test database is on the primary, so it streams to the replica too. The app
runs as a real gunicorn server with DATABASE_URL = the primary's test database and
DATABASE_REPLICA_URLS = the replica's; no TEST MIRROR anywhere.

How a test knows which server answered: replay on the replica is paused
(`pg_wal_replay_pause()`), then a claim is changed on the primary. From then on the replica is
the only database still holding the old text, so a response with the old text was read there,
and one with the new text was read on the primary. The replica's own `pg_is_in_recovery()` and
`pg_stat_activity` (the server's connection, by its application_name) are checked as well;
outside requests, a `manage.py shell` process reports `pg_is_in_recovery()` on the very
connection (`instance._state.db`) that served its read.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from claims import services
from claims.api.tokens import token_issue
from claims.choices import ClaimStatus
from config.api.etags import format_etag

from .factories import ClaimWithPartsFactory
from .servers import ROOT, free_port, gunicorn, postgres_url, request

APP_NAME = "claimdesk-replica-read"


def _bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "pg_basebackup").is_file():
            return Path(candidate)
    found = shutil.which("pg_basebackup")
    return Path(found).parent if found else None


BIN = _bindir()
pytestmark = pytest.mark.skipif(
    BIN is None, reason="pg_basebackup not found (install Debian's postgresql package)"
)
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(*args, cwd):
    result = subprocess.run(
        [*AS_POSTGRES, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr[-2000:]}"


def _connect(host, port, dbname):
    return psycopg.connect(host=host, port=port, dbname=dbname, user="postgres", autocommit=True)


def _one(conn, sql, params=()):
    return conn.execute(sql, params).fetchone()[0]


class Replica:
    def __init__(self, primary: dict, base: Path, port: int):
        self.primary, self.base, self.port = primary, base, port
        self.sock = base / "run"
        self.dbname = primary["NAME"]

    def connect(self):
        return _connect(str(self.sock), self.port, self.dbname)

    def url(self, **query):
        return postgres_url(
            host=str(self.sock), port=self.port, user="postgres", password="",
            name=self.dbname, **query,
        )

    def caught_up(self, timeout=15):
        """Wait until the replica has replayed everything the primary has written."""
        with _connect(self.primary["HOST"], self.primary["PORT"] or None, "postgres") as p:
            target = _one(p, "SELECT pg_current_wal_lsn()::text")
        with self.connect() as r:
            deadline = time.monotonic() + timeout
            while not _one(r, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)):
                assert time.monotonic() < deadline, "the replica did not catch up"
                time.sleep(0.05)

    @contextmanager
    def lagging(self):
        """Replay paused inside the block: writes on the primary do not reach the replica."""
        self.caught_up()
        with self.connect() as r:
            r.execute("SELECT pg_wal_replay_pause()")
            while _one(r, "SELECT pg_get_wal_replay_pause_state()") != "paused":
                time.sleep(0.05)
            try:
                yield
            finally:
                r.execute("SELECT pg_wal_replay_resume()")
        self.caught_up()

    def statement_of(self, claim_pk: int) -> str:
        with self.connect() as r:
            return _one(r, "SELECT statement FROM claims_claim WHERE id = %s", (claim_pk,))


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker):
    primary = dict(connection.settings_dict)
    base = Path(tempfile.mkdtemp(prefix="claimdesk-replica-", dir="/var/tmp"))
    data, sock, log = base / "data", base / "run", base / "log"
    for folder in (data, sock, log):
        folder.mkdir(mode=0o700)
    if AS_POSTGRES:
        shutil.chown(base, "postgres")
        for folder in (data, sock, log):
            shutil.chown(folder, "postgres")
    port = free_port()
    replica = Replica(primary, base, port)
    try:
        _run(
            BIN / "pg_basebackup", "-h", primary["HOST"], "-p", primary["PORT"] or 5432,
            "-U", "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast", cwd=base,
        )
        options = f"-c listen_addresses='' -k {sock} -c port={port} -c hot_standby=on"
        _run(
            BIN / "pg_ctl", "-D", data, "-l", log / "postgresql.log", "-w", "-t", "30",
            "-o", options, "start", cwd=base,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with replica.connect() as r:
                    if _one(r, "SELECT pg_is_in_recovery()"):
                        break
            except psycopg.OperationalError:
                pass
            assert time.monotonic() < deadline, "the replica did not accept connections"
            time.sleep(0.1)
        yield replica
    finally:
        subprocess.run(
            [*AS_POSTGRES, str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            cwd=base, capture_output=True, timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def _primary_url(**query):
    db = connection.settings_dict
    return postgres_url(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
        name=db["NAME"], **query,
    )


@pytest.fixture
def server(replica, transactional_db):
    with gunicorn(
        DATABASE_URL=_primary_url(),
        DATABASE_REPLICA_URLS=replica.url(application_name=APP_NAME),
        # Kept open, so the replica's pg_stat_activity shows the connection that served a read.
        DB_CONN_MAX_AGE="60",
    ) as (base, _):
        yield base


def _token(user) -> dict:
    return {"Authorization": f"Token {token_issue(user=user).key}"}


def test_a_read_is_served_by_the_replica_and_the_change_feed_by_the_primary(
    replica, server, analyst, editor
):
    claim = ClaimWithPartsFactory(statement="As first written.", status=ClaimStatus.UNREVIEWED)
    written = claim.version
    with replica.lagging():
        services.claim_update(
            actor=editor, claim=claim, expected_version=written,
            statement="Changed on the primary.",
        )
        assert replica.statement_of(claim.pk) == "As first written."  # the lag is real
        # Issued while the replica lags: tokens are read on the primary.
        analyst_headers = _token(analyst)

        status, _, body = request(
            "GET", f"{server}/api/v1/claims/{claim.pk}/", headers=analyst_headers
        )
        # Only the replica still holds the old statement. The request also counted itself in
        # the throttle table (a cache write) before the view read: that did not pin it.
        assert status == 200
        assert body["statement"] == "As first written."
        with replica.connect() as r:
            assert _one(r, "SELECT pg_is_in_recovery()") is True
            served_by = r.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                "AND datname = current_database()",
                (APP_NAME,),
            ).fetchone()[0]
        assert served_by == 1, "the server holds no connection to the replica"

        status, _, feed = request(
            "GET", f"{server}/api/v1/changes/?page_size=500", headers=analyst_headers
        )
        assert status == 200
        versions = [
            change["version"] for change in feed["results"] if change["claim"] == claim.pk
        ]
        # The update made after replay was paused is in the feed: it read the primary.
        assert versions[-1] == written + 1


def test_a_request_that_writes_reads_its_own_write_and_the_next_request_reads_the_replica(
    replica, server, editor
):
    headers = _token(editor)
    with replica.lagging():
        # Written on the primary after replay was paused: the replica has never seen it.
        claim = ClaimWithPartsFactory(statement="Before the edit.", status=ClaimStatus.UNREVIEWED)
        url = f"{server}/api/v1/claims/{claim.pk}/"
        status, _, _ = request("GET", url, headers=headers)
        assert status == 404  # a plain read asks the lagging replica

        # A write request reads what it changes from the primary from its start (a replica
        # would answer 404 here), and reads its own write back for its answer.
        status, answer, body = request(
            "PATCH", url, headers={**headers, "If-Match": format_etag(claim.pk, claim.version)},
            body={"statement": "After the first edit."},
        )
        assert status == 200, body
        assert body["statement"] == "After the first edit."
        assert body["version"] == claim.version + 1

        # The pin ended with that request: the next one reads the lagging replica again.
        status, _, _ = request("GET", url, headers=headers)
        assert status == 404

        # A PATCH that changes nothing still checks If-Match, against the primary's version.
        status, _, body = request("PATCH", url, headers={**headers, "If-Match": answer["ETag"]})
        assert status == 200, body
        assert body["statement"] == "After the first edit."
    assert replica.statement_of(claim.pk) == "After the first edit."


OUTSIDE_A_REQUEST = """
import json
from django.db import connections, transaction
from django.contrib.auth import get_user_model
from claims import services
from claims.choices import ClaimStatus
from claims.models import Claim

def served(claim):
    alias = claim._state.db
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return {"alias": alias, "in_recovery": cursor.fetchone()[0], "statement": claim.statement}

with transaction.atomic():  # a transaction on the primary reads the primary
    in_transaction = Claim.objects.get(pk=PK)._state.db
before = Claim.objects.get(pk=PK)
first = served(before)
services.claim_update(
    actor=get_user_model().objects.get(pk=EDITOR), claim=before,
    expected_version=before.version, statement="Written by a command.",
)
after = served(Claim.objects.get(pk=PK))
print(json.dumps({"in_transaction": in_transaction, "before": first, "after": after}))
"""


def test_outside_requests_a_write_sends_later_reads_of_the_process_to_the_primary(
    replica, transactional_db, editor
):
    claim = ClaimWithPartsFactory(statement="Before the command.", status=ClaimStatus.UNREVIEWED)
    code = OUTSIDE_A_REQUEST.replace("PK", str(claim.pk)).replace("EDITOR", str(editor.pk))
    with replica.lagging():
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--verbosity", "0", "--command", code],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={
                **os.environ,
                "DATABASE_URL": _primary_url(),
                "DATABASE_REPLICA_URLS": replica.url(),
            },
        )
        assert result.returncode == 0, result.stderr[-2000:]
        reads = json.loads(result.stdout.strip().splitlines()[-1])
        assert replica.statement_of(claim.pk) == "Before the command."
    assert reads["in_transaction"] == "default"
    assert reads["before"] == {
        "alias": "replica_1", "in_recovery": True, "statement": "Before the command."
    }
    assert reads["after"] == {
        "alias": "default", "in_recovery": False, "statement": "Written by a command."
    }
