"""Whole answers of the public claims API are reused only while nothing was written: a verdict
changed, even by a transaction that began before the answer was kept and committed after it, is
served at once. (The shared cache and the counters in process memory here, so that reading
writes nothing; production keeps them in Redis. The snapshots are PostgreSQL's own.)"""

import threading

import pytest
from django.db import connections, transaction

from claims import services
from claims.choices import ClaimStatus

from ..factories import ClaimWithPartsFactory

pytestmark = pytest.mark.django_db(transaction=True)

MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.API_RESPONSE_CACHE = True
    settings.CACHES = {
        "default": MEMORY,
        "throttle": {**MEMORY, "LOCATION": "throttle"},
        "shared": {**MEMORY, "LOCATION": "shared"},
    }


def _statuses(api, url="/api/v1/claims/?page_size=50"):
    response = api().get(url)
    assert response.status_code == 200
    return response["X-Cache"], {c["id"]: c["status"] for c in response.json()["results"]}


def test_an_answer_is_reused_until_something_is_written(api, reviewer):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    assert _statuses(api)[0] == "miss"
    cached, statuses = _statuses(api)
    assert cached == "hit" and statuses[claim.pk] == "verified"

    services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.IN_REVIEW,
                              rationale="Reopened: the figure was revised.")
    cached, statuses = _statuses(api)
    assert cached == "miss" and claim.pk not in statuses  # withdrawn at once


def test_a_change_committed_out_of_order_is_served_at_once(api, reviewer):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    started, kept = threading.Event(), threading.Event()

    def slow_writer():
        # A transaction that writes before the answer is kept and commits after.
        with transaction.atomic():
            services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.IN_REVIEW,
                                      rationale="Reopened while a reader was reading.")
            started.set()
            kept.wait(10)
        connections.close_all()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    started.wait(10)
    assert _statuses(api)[1][claim.pk] == "verified"  # the writer has not committed
    assert _statuses(api)[0] == "hit"
    kept.set()
    writer.join()
    cached, statuses = _statuses(api)
    assert cached == "miss" and claim.pk not in statuses


def test_a_claim_page_is_reused_with_its_etag(api):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    first = api().get(f"/api/v1/claims/{claim.pk}/")
    second = api().get(f"/api/v1/claims/{claim.pk}/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_signed_in_readers_are_never_served_kept_answers(api, analyst):
    ClaimWithPartsFactory(status=ClaimStatus.UNREVIEWED)
    api().get("/api/v1/claims/")
    response = api(analyst).get("/api/v1/claims/")
    assert "X-Cache" not in response
    assert response.json()["results"]  # the unreviewed claim, which anonymous readers lack
