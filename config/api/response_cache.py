"""Whole answers of the public claims API kept in the shared cache, never stale.

An answer is keyed on its address and on the database's snapshot (`pg_current_snapshot()`,
read before the answer is built): the snapshot moves whenever any transaction that writes
starts or ends, so an answer is reused only while nothing was written since it was built, and a
change is served at once, including one committed out of order. The key is read before the
answer is built, so a kept answer is never older than its key (it may be newer: harmless).

For anonymous readers only (everyone else's answers differ by user and their requests write:
tokens note their use), with the shared cache in Redis (API_RESPONSE_CACHE, on by default when
REDIS_URL is set: with the database cache every request's throttle counter is a write, which
would move the snapshot each time), and without replicas (a replica's snapshot and the replica
that builds the answer could differ).
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connection

TTL = 300


def enabled(request) -> bool:
    return (
        settings.API_RESPONSE_CACHE
        and len(settings.DATABASES) == 1
        and request.method == "GET"
        and not (request.user and request.user.is_authenticated)
    )


def key_for(request) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_snapshot()::text")
        snapshot = cursor.fetchone()[0]
    return f"api-answer:{request.get_host()}:{request.get_full_path()}:{snapshot}"


def get(key: str):
    return caches["shared"].get(key)


def put(key: str, answer) -> None:
    caches["shared"].set(key, answer, TTL)


def mark(response, key, hit: bool):
    """X-Cache: hit or miss, on answers the cache could serve (what `make bench` counts)."""
    if key:
        response["X-Cache"] = "hit" if hit else "miss"
    return response
