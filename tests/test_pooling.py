"""DB_POOL=1: psycopg 3's connection pool, in a real gunicorn server against the test database.

The server's connections carry an application_name, so the primary's pg_stat_activity shows
exactly which backends the server holds. Without the pool each request opens its own
connection and closes it at the end (no backend is left between requests, and each request has
a new one); with it the process keeps DB_POOL_MIN_SIZE backends and serves every request on
them.
"""

import time

import psycopg
import pytest
from django.db import connection

from .factories import ClaimWithPartsFactory
from .servers import gunicorn, postgres_url, request

APP_NAME = "claimdesk-pool-test"
MIN_SIZE = 2
MAX_SIZE = 4


def _server_backends(cursor) -> set[int]:
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
        "AND datname = current_database()",
        (APP_NAME,),
    )
    return {pid for (pid,) in cursor.fetchall()}


def _settled(cursor, wanted, timeout=5.0) -> set[int]:
    """The server's backends once `wanted(backends)` holds (or at the timeout): a pool opens its
    connections in the background, and Django closes one after the response has gone out."""
    deadline = time.monotonic() + timeout
    while not wanted(backends := _server_backends(cursor)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return backends


@pytest.fixture
def watcher(transactional_db):
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or None, user=db["USER"], password=db["PASSWORD"],
        dbname=db["NAME"], autocommit=True,
    ) as conn:
        yield conn.cursor()


def _url():
    db = connection.settings_dict
    return postgres_url(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
        name=db["NAME"], application_name=APP_NAME,
    )


def test_the_pool_keeps_its_connections_and_serves_every_request_on_them(watcher):
    claim = ClaimWithPartsFactory()
    with gunicorn(
        DATABASE_URL=_url(),
        DB_POOL="1",
        DB_POOL_MIN_SIZE=str(MIN_SIZE),
        DB_POOL_MAX_SIZE=str(MAX_SIZE),
    ) as (base, _):
        # While the first request waited for the pool to fill, the pool may have grown by one.
        held = _settled(watcher, lambda backends: len(backends) >= MIN_SIZE)
        time.sleep(0.5)
        held = _server_backends(watcher)
        assert MIN_SIZE <= len(held) <= MAX_SIZE, "the pool did not keep its connections"
        for n in range(40):
            path = f"/api/v1/claims/{claim.pk}/" if n % 2 else "/api/v1/claims/?page_size=10"
            status, _, _ = request("GET", f"{base}{path}")
            assert status == 200
            assert _server_backends(watcher) == held, f"request {n} changed the connections"


def test_without_the_pool_each_request_has_a_connection_of_its_own(watcher):
    # The control: what the test above would see if DB_POOL did nothing.
    with gunicorn(DATABASE_URL=_url(), DB_POOL="0") as (base, _):
        assert _settled(watcher, lambda backends: not backends) == set()
        for _ in range(3):
            assert request("GET", f"{base}/api/v1/claims/")[0] == 200
            assert _settled(watcher, lambda backends: not backends) == set()
