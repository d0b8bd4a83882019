"""Reads from the read replicas, writes to the primary, and read-your-writes.

With `DATABASE_REPLICA_URLS` set, config/settings.py adds the aliases `replica_1` … `replica_n`
and this router. Without replicas it answers None everywhere, so Django does what it always
did and no query moves or is added.

Rules, with replicas:
- Every write goes to the primary (`default`), and so does every migration.
- A read goes to a replica chosen at random, except:
  - once the request (or, outside requests, the thread or async context) has written, every
    later read in it goes to the primary: it reads what it wrote, whatever the replica's lag.
    The pin is a context variable set in `db_for_write` and cleared by
    `PrimaryPinMiddleware` at the start and end of each request (`pin_scope()` does the same
    for any other unit of work, such as a job in a long-lived worker thread);
  - a request with an unsafe method (POST, PUT, PATCH, DELETE) is pinned from its start: it
    reads what it is about to change (the claim whose version If-Match names) from the
    primary, or a lagging replica would refuse a client's next write to a claim it has just
    changed with a wrong 412;
  - so is every page of the editors' admin (`ADMIN_PREFIX`): its forms carry the version they
    were read at, and an editor who saves and edits again at once must not be told that
    someone else changed the claim (their own save, not replayed yet);
  - inside a transaction on the primary: a service that reads then writes reads the rows it
    locks and checks from the transaction that will write them;
  - inside `primary_reads()`: the change feed reads history there, because its cursor must
    never pass an event a lagging replica has not received yet;
  - the models in `PRIMARY_ONLY`: the cache table (the API's throttle counters: a replica's
    counts would lag and let a client past its rate), sessions and API tokens (a login or a
    token issued a moment ago must work at once; a token is noted as used by the query that
    finds it, which a read-only replica refuses).
- Writes of `PRIMARY_ONLY` models do not pin: every API request counts itself in the throttle
  table and a session may be saved on any request, and neither says the request changed data.
"""

import contextlib
import contextvars
import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# "app_label.model_name" of models read from and written to the primary without pinning.
# `django_cache.cacheentry` is the model Django's DatabaseCache routes its queries by.
PRIMARY_ONLY = frozenset({"django_cache.cacheentry", "sessions.session", "claims.apitoken"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ADMIN_PREFIX = "/admin/"  # config/urls.py

# Set by a write (or an unsafe request method): this request or context reads the primary.
_pinned = contextvars.ContextVar("claimdesk_primary_pinned", default=False)
# Set inside primary_reads(). Apart from _pinned, so leaving the block never drops a write's pin.
_primary_block = contextvars.ContextVar("claimdesk_primary_reads", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


@contextlib.contextmanager
def primary_reads():
    """Every read inside goes to the primary."""
    token = _primary_block.set(True)
    try:
        yield
    finally:
        _primary_block.reset(token)


@contextlib.contextmanager
def pin_scope(*, pinned: bool = False):
    """One unit of work with its own read-your-writes pin, cleared again on leaving: each
    request (PrimaryPinMiddleware), and each job of a long-lived worker thread that should
    not read the primary for ever once one job has written."""
    token = _pinned.set(pinned)
    try:
        yield
    finally:
        _pinned.reset(token)


class PrimaryReplicaRouter:
    def __init__(self):
        self.replicas = replica_aliases()

    def db_for_read(self, model, **hints):
        if not self.replicas:
            return None
        if _pinned.get() or _primary_block.get() or _label(model) in PRIMARY_ONLY:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(self.replicas)

    def db_for_write(self, model, **hints):
        if not self.replicas:
            return None
        if _label(model) not in PRIMARY_ONLY:
            _pinned.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data: the primary's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryPinMiddleware:
    """Clears the read-your-writes pin at the start and end of every request, so one request's
    write never sends the next request of the same worker thread to the primary; pins requests
    with unsafe methods, and the admin's pages, from their start."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = request.method in UNSAFE_METHODS or request.path.startswith(ADMIN_PREFIX)
        with pin_scope(pinned=pinned):
            return self.get_response(request)
