"""The read replica router's rules, asked directly (config/db_router.py). Which server really
answers is tests/test_replicas.py's business, against a real streaming replica; here each rule
is checked on its own, each test in a fresh context so no pin leaks between them."""

import contextvars

import pytest
from django.contrib.sessions.models import Session
from django.core.cache.backends.db import DatabaseCache

from claims.models import ApiToken, Claim
from config.db_router import PrimaryPinMiddleware, PrimaryReplicaRouter, pin_scope, primary_reads

# The model Django's DatabaseCache (the throttle counters' table) routes its queries by.
CACHE_ENTRY = DatabaseCache("claimdesk_cache", {}).cache_model_class


@pytest.fixture
def router():
    router = PrimaryReplicaRouter()
    router.replicas = ["replica_1", "replica_2"]
    return router


def in_fresh_context(function):
    return contextvars.Context().run(function)


def test_without_replicas_the_router_leaves_every_choice_to_django():
    router = PrimaryReplicaRouter()
    assert router.replicas == []
    assert router.db_for_read(Claim) is None
    assert router.db_for_write(Claim) is None
    assert router.db_for_read(Claim) is None


def test_reads_go_to_the_replicas_until_a_write_pins_the_context(router):
    def run():
        before = {router.db_for_read(Claim) for _ in range(50)}
        written = router.db_for_write(Claim)
        return before, written, router.db_for_read(Claim)

    assert in_fresh_context(run) == ({"replica_1", "replica_2"}, "default", "default")


def test_cache_session_and_token_writes_do_not_pin_and_their_reads_stay_on_the_primary(router):
    def run():
        for model in (CACHE_ENTRY, Session, ApiToken):
            assert router.db_for_write(model) == "default"
            assert router.db_for_read(model) == "default"
        return router.db_for_read(Claim)

    assert in_fresh_context(run).startswith("replica_")


def test_primary_reads_go_to_the_primary_and_leaving_keeps_a_write_s_pin(router):
    def run():
        with primary_reads():
            inside = router.db_for_read(Claim)
        after_block = router.db_for_read(Claim)
        with primary_reads():
            router.db_for_write(Claim)
        return inside, after_block, router.db_for_read(Claim)

    inside, after_block, after_write = in_fresh_context(run)
    assert (inside, after_write) == ("default", "default")
    assert after_block.startswith("replica_")


def test_a_pin_scope_ends_the_pin_of_the_writes_inside_it(router):
    def run():
        with pin_scope():
            router.db_for_write(Claim)
            inside = router.db_for_read(Claim)
        with pin_scope(pinned=True):
            pinned_from_start = router.db_for_read(Claim)
        return inside, pinned_from_start, router.db_for_read(Claim)

    inside, pinned_from_start, after = in_fresh_context(run)
    assert (inside, pinned_from_start) == ("default", "default")
    assert after.startswith("replica_")


def test_migrations_run_on_the_primary_only(router):
    assert router.allow_migrate("default", "claims") is True
    assert router.allow_migrate("replica_1", "claims") is False


def test_the_middleware_pins_write_requests_and_the_admin_and_nothing_else(router, rf):
    middleware = PrimaryPinMiddleware(lambda request: router.db_for_read(Claim))

    def run():
        return {
            "api read": middleware(rf.get("/api/v1/claims/")),
            "page read": middleware(rf.get("/claims/")),
            "api write": middleware(rf.patch("/api/v1/claims/1/")),
            "login": middleware(rf.post("/accounts/login/")),
            "admin page": middleware(rf.get("/admin/claims/claim/1/change/")),
            "after them": router.db_for_read(Claim),
        }

    served = in_fresh_context(run)
    assert {name for name, alias in served.items() if alias == "default"} == {
        "api write", "login", "admin page"
    }
