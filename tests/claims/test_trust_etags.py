"""A claim's ETag moves whenever its representation does, and If-Match compares strongly
(issue "Trust", item 3)."""

import pytest

from claims import services
from claims.choices import AnnotationKind
from claims.models import Annotation, Claim, ClaimRelation
from claims.selectors import claim_history

from ..factories import (
    ClaimFactory,
    EntityFactory,
    EvidenceFactory,
    QuantityFactory,
    ReferenceSourceFactory,
)

pytestmark = pytest.mark.django_db


def _etag(api, user, claim) -> str:
    response = api(user).get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    return response["ETag"]


def _attach(editor, claim):
    services.evidence_attach(
        actor=editor, claim=claim, source=ReferenceSourceFactory(), stance="supports"
    )


def _correct_evidence(editor, claim):
    evidence = EvidenceFactory(claim=claim, added_by=editor)
    claim.refresh_from_db()
    return lambda: services.evidence_update(actor=editor, evidence=evidence, note="Page 4.")


def _remove_evidence(editor, claim):
    evidence = EvidenceFactory(claim=claim, added_by=editor)
    return lambda: services.evidence_delete(actor=editor, evidence=evidence)


def _correct_quantity(editor, claim):
    quantity = QuantityFactory(claim=claim)
    return lambda: services.quantity_update(actor=editor, quantity=quantity, value="18.2")


def _remove_quantity(editor, claim):
    quantity = QuantityFactory(claim=claim)
    return lambda: services.quantity_delete(actor=editor, quantity=quantity)


def _relate(editor, claim):
    other = ClaimFactory(source=claim.source)
    return lambda: services.claim_relate(
        actor=editor, from_claim=claim, to_claim=other, kind="duplicates"
    )


def _unrelate(editor, claim):
    relation = ClaimRelation.objects.create(
        from_claim=claim,
        to_claim=ClaimFactory(source=claim.source),
        kind="duplicates",
        created_by=editor,
    )
    return lambda: services.claim_relation_delete(actor=editor, relation=relation)


def _annotate(editor, claim):
    return lambda: services.annotation_create(
        actor=editor, claim=claim, kind=AnnotationKind.QUESTION, body="Which fiscal year?"
    )


def _resolve(editor, claim):
    question = Annotation.objects.create(
        claim=claim, author=editor, kind=AnnotationKind.QUESTION, body="Which fiscal year?"
    )
    return lambda: services.annotation_resolve(actor=editor, annotation=question, note="FY2026.")


def _mention(editor, claim):
    return lambda: services.claim_update(
        actor=editor,
        claim=claim,
        expected_version=Claim.objects.get(pk=claim.pk).version,
        mentions=[EntityFactory(name="United States")],
    )


CHANGES = {
    "evidence attached": lambda editor, claim: lambda: _attach(editor, claim),
    "evidence corrected": _correct_evidence,
    "evidence removed": _remove_evidence,
    "quantity added": lambda editor, claim: (
        lambda: services.quantity_create(
            actor=editor, claim=claim, value="18.1", scale="1000000000", unit="JPY"
        )
    ),
    "quantity corrected": _correct_quantity,
    "quantity removed": _remove_quantity,
    "mention added": _mention,
    "relation added": _relate,
    "relation removed": _unrelate,
    "annotation added": _annotate,
    "annotation resolved": _resolve,
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_etag_moves_when_what_hangs_off_the_claim_changes(api, analyst, editor, change):
    claim = ClaimFactory(created_by=editor)
    write = CHANGES[change](editor, claim)
    before = _etag(api, analyst, claim)
    events_before = len(claim_history(claim))
    write()
    after = _etag(api, analyst, claim)
    assert after != before
    # Recorded in history, as the editor, like any other change of the claim.
    bump = [e for e in claim_history(claim)[events_before:] if e.model == "Claim"]
    assert [(e.label, e.user, set(e.changes)) for e in bump] == [
        ("update", editor, {"version", "updated_at"})
    ]


def test_attaching_evidence_through_the_api_makes_the_etag_read_before_stale(api, editor):
    claim = ClaimFactory()
    read = _etag(api, editor, claim)
    attached = api(editor).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": ReferenceSourceFactory().pk, "stance": "supports"},
        format="json",
    )
    assert attached.status_code == 201
    stale = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/", {"predicate": "rose to"}, format="json", HTTP_IF_MATCH=read
    )
    assert stale.status_code == 412
    assert stale.json()["current_version"] == 2


def test_a_weak_etag_is_refused_for_if_match(api, editor):
    claim = ClaimFactory()
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"predicate": "rose to"},
        format="json",
        HTTP_IF_MATCH=f'W/"{claim.pk}-{claim.version}"',
    )
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale_version"
    assert "weak" in body["detail"] and "strongly" in body["detail"]
    assert body["etag"] == response["ETag"] == f'"{claim.pk}-1"'
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.version, stored.predicate) == (1, "budget is")


def test_a_weak_etag_is_refused_for_a_transition(api, editor):
    claim = ClaimFactory()
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/transition/",
        {"to": "in_review"},
        format="json",
        HTTP_IF_MATCH=f'W/"{claim.pk}-{claim.version}"',
    )
    assert response.status_code == 412
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"


def test_a_version_bump_is_no_entry_of_its_own_in_the_change_feed(api, editor):
    # The part's own event is the entry; an annotation, internal, is none for readers.
    claim = ClaimFactory(status="verified")
    before = api().get("/api/v1/changes/").json()["results"]
    services.annotation_create(
        actor=editor, claim=claim, kind=AnnotationKind.QUESTION, body="Which fiscal year?"
    )
    assert api().get("/api/v1/changes/").json()["results"] == before
    _attach(editor, claim)
    after = api().get("/api/v1/changes/").json()["results"]
    assert [entry["change"] for entry in after[len(before) :]] == ["updated"]
    assert after[-1]["version"] == Claim.objects.get(pk=claim.pk).version == 3
