"""Editors and reviewers write through the API: creating, correcting with If-Match, deciding,
attaching evidence, flagging and resolving, every change recorded with who made it."""

import threading

import pytest
from django.db import connection

from claims.choices import AnnotationKind, ClaimStatus, FlagReason
from claims.models import Annotation, Claim, Evidence, Review
from claims.selectors import claim_history

from ..factories import (
    AnnotationFactory,
    ClaimBodyFactory,
    ClaimFactory,
    EntityFactory,
    EvidenceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

BODY = "Japan raised its budget. The budget grew to 18.1 billion yen in 2026."


def _model(entry) -> str:
    """The history entry's model in lower case ("claim", "review"), whatever its spelling."""
    return entry.model.lower().removesuffix("event")


def _etag(claim) -> str:
    claim.refresh_from_db()
    return f'"{claim.pk}-{claim.version}"'


# ---------------------------------------------------------------------------- create


def test_an_editor_creates_a_claim_with_a_token(api, editor):
    source = SourceFactory()
    response = api(editor).post("/api/v1/claims/", ClaimBodyFactory(quoting=source), format="json")
    assert response.status_code == 201
    claim = Claim.objects.get(pk=response.json()["id"])
    assert response["Location"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert response["ETag"] == f'"{claim.pk}-1"'
    assert claim.status == ClaimStatus.UNREVIEWED
    assert claim.created_by == editor
    assert claim.as_of == source.published_at.date()  # defaults to the publication date
    # No attribution: the services raise an unsourced flag, which the answer shows.
    assert [f["flag_reason"] for f in response.json()["open_flags"]] == [FlagReason.UNSOURCED]


def test_a_claim_attributed_to_someone_gets_no_unsourced_flag(api, editor):
    ministry = EntityFactory(name="Japan's Ministry of Defense", kind="organization")
    body = ClaimBodyFactory(attributed_to=ministry.pk, mentions=[ministry.pk])
    response = api(editor).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201
    assert response.json()["open_flags"] == []
    assert response.json()["attributed_to"]["name"] == "Japan's Ministry of Defense"
    assert [m["name"] for m in response.json()["mentions"]] == ["Japan's Ministry of Defense"]


def test_history_records_the_token_user_as_the_actor(api, editor):
    response = api(editor).post("/api/v1/claims/", ClaimBodyFactory(), format="json")
    claim = Claim.objects.get(pk=response.json()["id"])
    api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"predicate": "budget rose to"},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    history = claim_history(claim)
    claim_events = [(entry.label, entry.user) for entry in history if _model(entry) == "claim"]
    assert claim_events == [("insert", editor), ("update", editor)]
    # The flag the service raised on creation is recorded with the same actor.
    assert [entry.user for entry in history if _model(entry) == "annotation"] == [editor]


# ---------------------------------------------------------------------------- If-Match


def test_a_correction_with_the_current_etag_is_applied_and_bumps_the_version(api, editor):
    claim = ClaimFactory()
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"statement": "Corrected statement."},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    assert response.status_code == 200
    assert response.json()["statement"] == "Corrected statement."
    assert response.json()["version"] == 2
    assert response["ETag"] == f'"{claim.pk}-2"'


def test_the_etag_of_a_claim_is_its_id_and_version(api, analyst):
    claim = ClaimFactory()
    response = api(analyst).get(f"/api/v1/claims/{claim.pk}/")
    assert response["ETag"] == f'"{claim.pk}-{claim.version}"'


def test_a_stale_etag_gets_412_with_the_current_version_and_nothing_is_written(api, editor):
    claim = ClaimFactory()
    stale = _etag(claim)
    api(editor).patch(
        f"/api/v1/claims/{claim.pk}/", {"predicate": "first"}, format="json", HTTP_IF_MATCH=stale
    )
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/", {"predicate": "second"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale_version"
    assert body["current_version"] == 2
    assert body["etag"] == response["ETag"] == f'"{claim.pk}-2"'
    claim.refresh_from_db()
    assert claim.predicate == "first"


def test_a_missing_if_match_gets_428(api, editor):
    claim = ClaimFactory()
    response = api(editor).patch(f"/api/v1/claims/{claim.pk}/", {"predicate": "x"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    claim.refresh_from_db()
    assert claim.version == 1 and claim.predicate == "budget is"


@pytest.mark.parametrize("if_match", ["*", '"999999-1"', "garbage"])
def test_an_if_match_that_is_not_this_claims_etag_is_refused(api, editor, if_match):
    claim = ClaimFactory()
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/", {"predicate": "x"}, format="json", HTTP_IF_MATCH=if_match
    )
    assert response.status_code == (428 if if_match == "*" else 412)
    claim.refresh_from_db()
    assert claim.version == 1


def test_a_transition_needs_if_match_too(api, editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/transition/"
    assert api(editor).post(url, {"to": "in_review"}, format="json").status_code == 428
    stale = f'"{claim.pk}-0"'
    response = api(editor).post(url, {"to": "in_review"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["current_version"] == 1
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_an_empty_correction_changes_nothing_but_still_checks_the_etag(api, editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    ok = api(editor).patch(url, {}, format="json", HTTP_IF_MATCH=_etag(claim))
    assert ok.status_code == 200 and ok.json()["version"] == 1
    stale = api(editor).patch(url, {}, format="json", HTTP_IF_MATCH=f'"{claim.pk}-7"')
    assert stale.status_code == 412


@pytest.mark.django_db(transaction=True)
def test_two_patches_sent_together_with_one_etag_give_one_200_and_one_412(
    api, editor, other_editor
):
    """The HTTP mapping of a lost race. The barrier does not force the two writes to overlap in
    the database; that the version check holds when they do is proven with a forced overlap in
    tests/claims/test_services.py (test_two_concurrent_corrections_of_one_version_...)."""
    claim = ClaimFactory()
    etag = _etag(claim)
    clients = {"first": api(editor), "second": api(other_editor)}
    start = threading.Barrier(2)
    statuses = {}

    def correct(name):
        try:
            start.wait()
            response = clients[name].patch(
                f"/api/v1/claims/{claim.pk}/",
                {"predicate": f"by {name}"},
                format="json",
                HTTP_IF_MATCH=etag,
            )
            statuses[name] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=correct, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [200, 412]
    winner = next(name for name, code in statuses.items() if code == 200)
    claim.refresh_from_db()
    assert claim.version == 2
    assert claim.predicate == f"by {winner}"
    updates = [e for e in claim_history(claim) if _model(e) == "claim" and e.label == "update"]
    assert len(updates) == 1


# ---------------------------------------------------------------------------- transitions


def _in_review_claim(creator, evidence=True):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, created_by=creator)
    if evidence:
        EvidenceFactory(claim=claim, stance="supports", added_by=creator)
    return claim


def test_a_reviewer_verifies_a_claim_and_a_review_is_written(api, editor, reviewer):
    claim = _in_review_claim(editor)
    response = api(reviewer).post(
        f"/api/v1/claims/{claim.pk}/transition/",
        {"to": "verified", "rationale": "Matches the budget."},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["reviews"][-1] == {
        "from_status": "in_review",
        "to_status": "verified",
        "rationale": "Matches the budget.",
        "reviewer": "reviewer1",
        "created_at": response.json()["reviews"][-1]["created_at"],
    }
    assert response["ETag"] == f'"{claim.pk}-2"'
    review = Review.objects.get(claim=claim)
    assert review.reviewer == reviewer
    assert [e.user for e in claim_history(claim) if _model(e) == "review"] == [reviewer]


@pytest.mark.parametrize(
    ("to", "rationale", "has_evidence", "code"),
    [
        ("verified", "", True, "rationale"),
        ("verified", "Looks right.", False, "missing_evidence"),
        ("refuted", "Wrong.", True, "missing_evidence"),
        ("unreviewed", "Back.", True, "transition_not_allowed"),
    ],
)
def test_the_services_rules_refuse_a_transition_with_400(
    api, editor, reviewer, to, rationale, has_evidence, code
):
    claim = _in_review_claim(editor, evidence=has_evidence)
    response = api(reviewer).post(
        f"/api/v1/claims/{claim.pk}/transition/",
        {"to": to, "rationale": rationale},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    assert response.status_code == 400
    # A rule about one field names the field; a rule about the claim names itself in `code`.
    assert code in response.json()["errors"] or response.json()["code"] == code
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW and not Review.objects.filter(claim=claim)


def test_a_reviewer_may_not_decide_a_claim_they_created(api, reviewer):
    claim = _in_review_claim(reviewer)
    response = api(reviewer).post(
        f"/api/v1/claims/{claim.pk}/transition/",
        {"to": "verified", "rationale": "Mine."},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "four_eyes"
    assert "four eyes" in response.json()["detail"]


def test_a_decided_claim_must_be_reopened_before_it_is_corrected(api, editor):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"predicate": "x"},
        format="json",
        HTTP_IF_MATCH=_etag(claim),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "locked"


# ---------------------------------------------------------------------------- sub-resources


def test_an_editor_attaches_evidence_without_if_match(api, editor):
    claim = ClaimFactory()
    report = SourceFactory(body="The ministry requested 18.1 billion yen for OSA.")
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": report.pk, "stance": "supports", "quote": "18.1 billion yen", "locator": "p. 3"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["claim"] == claim.pk
    assert response.json()["source"]["id"] == report.pk
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.added_by, evidence.quote) == (editor, "18.1 billion yen")


def test_an_editor_flags_a_claim_and_resolves_the_flag_with_a_note(api, editor, other_editor):
    claim = ClaimFactory()
    flagged = api(editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/",
        {"kind": "flag", "flag_reason": "wrong_attribution", "body": "The MOD said it, not MOFA."},
        format="json",
    )
    assert flagged.status_code == 201
    assert flagged.json()["is_open"] is True
    resolved = api(other_editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/{flagged.json()['id']}/resolve/",
        {"note": "Attribution corrected."},
        format="json",
    )
    assert resolved.status_code == 200
    assert resolved.json()["is_open"] is False
    assert resolved.json()["resolved_by"] == "editor2"
    assert resolved.json()["resolution_note"] == "Attribution corrected."
    again = api(editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/{flagged.json()['id']}/resolve/",
        {"note": "Again."},
        format="json",
    )
    assert again.status_code == 400 and again.json()["code"] == "already_resolved"


def test_a_flag_without_a_reason_is_refused(api, editor):
    claim = ClaimFactory()
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/", {"kind": "flag", "body": "?"}, format="json"
    )
    assert response.status_code == 400
    assert "flag_reason" in response.json()["errors"]
    assert not Annotation.objects.filter(claim=claim, kind=AnnotationKind.FLAG).exists()


def test_resolving_an_annotation_of_another_claim_is_404(api, editor):
    claim, other = ClaimFactory(), ClaimFactory()
    note = AnnotationFactory(
        claim=other, author=editor, kind=AnnotationKind.QUESTION, body="Which year?"
    )
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/{note.pk}/resolve/", {"note": "x"}, format="json"
    )
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.resolved_at is None
    # Through its own claim, the same request resolves it.
    resolved = api(editor).post(
        f"/api/v1/claims/{other.pk}/annotations/{note.pk}/resolve/", {"note": "x"}, format="json"
    )
    assert resolved.status_code == 200 and resolved.json()["is_open"] is False
