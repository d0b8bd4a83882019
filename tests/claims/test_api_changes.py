"""The change feed lets a consumer mirror claims incrementally, from the history tables."""

import pytest

from claims import services
from claims.choices import ClaimStatus

from ..factories import ClaimFactory, EntityFactory, ReferenceSourceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _feed(client, since=None, page_size=None):
    params = {}
    if since:
        params["since"] = since
    if page_size:
        params["page_size"] = page_size
    response = client.get("/api/v1/changes/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _changes(page, claim=None):
    return [
        (entry["change"], entry["part"], entry["status"])
        for entry in page["results"]
        if claim is None or entry["claim"] == claim.pk
    ]


@pytest.fixture
def lifecycle(editor, reviewer, other_reviewer):
    """A claim created, sent to review, verified, given more evidence, reopened, refuted."""
    source = SourceFactory()
    quote = "The budget grew to 18.1 billion yen in 2026."
    start = source.body.index(quote)
    claim = services.claim_create(
        actor=editor,
        source=source,
        quote=quote,
        start=start,
        end=start + len(quote),
        statement="Japan's budget grew to 18.1 billion yen in 2026.",
        kind="quantity",
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
        attributed_to=EntityFactory(name="MOF", kind="organization"),
    )
    services.evidence_attach(
        actor=editor, claim=claim, source=ReferenceSourceFactory(), stance="supports"
    )
    services.claim_transition(actor=editor, claim=claim, to=ClaimStatus.IN_REVIEW)
    services.claim_transition(actor=reviewer, claim=claim, to="verified", rationale="Budget.")
    services.evidence_attach(
        actor=editor, claim=claim, source=ReferenceSourceFactory(), stance="context"
    )
    services.claim_transition(actor=reviewer, claim=claim, to="in_review", rationale="Recheck.")
    services.evidence_attach(
        actor=editor, claim=claim, source=ReferenceSourceFactory(), stance="refutes"
    )
    services.claim_transition(actor=other_reviewer, claim=claim, to="refuted", rationale="No.")
    return claim


def test_anonymous_readers_see_the_published_set_move(api, lifecycle):
    page = _feed(api())
    assert _changes(page, lifecycle) == [
        ("decided", "claim", "verified"),
        ("updated", "evidence", "verified"),  # more evidence while published
        ("withdrawn", "claim", "in_review"),  # reopened: it left the public set
        ("decided", "claim", "refuted"),  # a new verdict
    ]


def test_analysts_see_every_change(api, analyst, lifecycle):
    assert _changes(_feed(api(analyst)), lifecycle) == [
        ("created", "claim", "unreviewed"),
        ("updated", "evidence", "unreviewed"),
        ("updated", "claim", "in_review"),
        ("decided", "claim", "verified"),
        ("updated", "evidence", "verified"),
        ("withdrawn", "claim", "in_review"),
        ("updated", "evidence", "in_review"),
        ("decided", "claim", "refuted"),
    ]


def test_a_role_less_token_reads_what_anonymous_readers_read(api, outsider, lifecycle):
    assert _feed(api(outsider))["results"] == _feed(api())["results"]


def test_since_a_cursor_gives_only_what_came_after_it(api, analyst, lifecycle):
    client = api(analyst)
    first = _feed(client, page_size=3)
    assert len(first["results"]) == 3 and first["has_more"] is True
    rest = _feed(client, since=first["results"][-1]["cursor"])
    assert _changes(first) + _changes(rest) == _changes(_feed(client))
    assert rest["has_more"] is False
    # Following `next` is the same as passing the last cursor (with the same page size).
    following = client.get(first["next"]).json()
    assert following["results"] == _feed(client, first["results"][-1]["cursor"], 3)["results"]


def test_polling_after_the_end_returns_nothing_then_the_new_change(api, analyst, lifecycle):
    client = api(analyst)
    end = _feed(client)
    empty = client.get(end["next"]).json()
    assert empty["results"] == [] and empty["next"] == end["next"]
    ClaimFactory()
    fresh = client.get(end["next"]).json()
    assert _changes(fresh) == [("created", "claim", "unreviewed")]


def test_each_entry_links_the_claim_and_carries_its_version(api, lifecycle):
    entry = _feed(api())["results"][0]
    assert entry["url"] == f"http://testserver/api/v1/claims/{lifecycle.pk}/"
    assert entry["claim"] == lifecycle.pk
    assert entry["version"] == 4  # created 1, evidence attached 2, sent to review 3, verified 4


def test_a_deleted_published_claim_is_withdrawn_for_readers_and_deleted_for_analysts(api, analyst):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    pk = claim.pk
    claim.delete()
    claim.pk = pk
    assert _changes(_feed(api()), claim)[-1] == ("withdrawn", "claim", "verified")
    assert _changes(_feed(api(analyst)), claim)[-1] == ("deleted", "claim", "verified")


def test_a_cursor_this_feed_did_not_issue_is_refused(api):
    response = api().get("/api/v1/changes/?since=bm90LWEtY3Vyc29y")
    assert response.status_code == 400
    assert "since" in response.json()["errors"]


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_late_is_not_skipped_by_a_consumer_that_polled_meanwhile(api, analyst):
    """A transaction that began earlier but commits later must not fall behind a cursor."""
    import threading

    from django.db import connection, transaction

    client = api(analyst)
    written, release = threading.Event(), threading.Event()
    slow = {}

    def slow_writer():
        try:
            with transaction.atomic():
                # Stamped now, visible only at commit.
                slow["claim"] = ClaimFactory(subject=EntityFactory(name="Australia"))
                written.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    try:
        assert written.wait(timeout=30)
        fast = ClaimFactory(subject=EntityFactory(name="Philippines"))  # committed, stamped later
        first = _feed(client)
        assert fast.pk not in [entry["claim"] for entry in first["results"]]
    finally:
        release.set()
        thread.join()
    later = client.get(first["next"]).json()
    created = [entry["claim"] for entry in later["results"] if entry["change"] == "created"]
    assert created == [slow["claim"].pk, fast.pk]
