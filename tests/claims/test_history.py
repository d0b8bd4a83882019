"""Every change to a claim is recorded at database level, with who made it."""

import pytest
from django.db import connection

from claims import services
from claims.models import Claim
from claims.selectors import claim_history

from ..factories import ClaimFactory, EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db


def claim_events(claim):
    return [entry for entry in claim_history(claim) if entry.model == "Claim"]


def test_a_bulk_queryset_update_is_recorded():
    first, second = ClaimFactory(), ClaimFactory()
    Claim.objects.filter(pk__in=[first.pk, second.pk]).update(predicate="bulk-edited")
    for claim in (first, second):
        updates = [e for e in claim_events(claim) if e.label == "update"]
        assert updates[-1].changes["predicate"] == ["budget is", "bulk-edited"]


def test_raw_sql_is_recorded_too():
    claim = ClaimFactory()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET predicate = 'raw' WHERE id = %s", [claim.pk])
    assert claim_events(claim)[-1].changes["predicate"] == ["budget is", "raw"]


def test_history_names_the_user_who_made_each_change(editor, reviewer):
    claim = services.claim_create(
        actor=editor,
        source=SourceFactory(),
        quote="Japan raised its budget.",
        start=0,
        end=24,
        statement="Japan raised its budget.",
        kind="event",
        subject=EntityFactory(),
        predicate="raised",
    )
    services.claim_update(actor=editor, claim=claim, expected_version=1, predicate="increased")
    services.claim_transition(actor=editor, claim=claim, to="in_review")
    services.claim_transition(
        actor=reviewer, claim=claim, to="unverifiable", rationale="No budget records."
    )
    entries = claim_history(claim)
    who = [(e.model, e.label, e.user.username) for e in entries]
    assert ("Claim", "insert", "editor1") in who
    assert ("Annotation", "insert", "editor1") in who  # the automatic unsourced flag
    assert ("Review", "insert", "reviewer1") in who
    decided = [e for e in entries if e.model == "Claim" and "status" in e.changes][-1]
    assert decided.changes["status"] == ["in_review", "unverifiable"]
    assert decided.user == reviewer


def test_recorded_history_cannot_be_rewritten():
    claim = ClaimFactory()
    with (
        pytest.raises(Exception, match="Cannot update or delete rows"),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE claims_claimevent SET predicate = 'forged' WHERE pgh_obj_id = %s", [claim.pk]
        )
