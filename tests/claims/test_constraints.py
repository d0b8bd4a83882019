"""The database's constraints speak to people: a sentence and a stable code, whoever writes."""

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.models import Annotation, Entity

from ..factories import ClaimFactory, EntityFactory

pytestmark = pytest.mark.django_db


def test_a_second_entity_with_the_same_wikidata_id_is_refused_in_a_sentence(editor):
    EntityFactory(name="Japan", wikidata_id="Q17")
    with pytest.raises(ValidationError) as refused:
        services.entity_create(actor=editor, name="Nippon", kind="country", wikidata_id="Q17")
    [error] = refused.value.error_dict["__all__"]
    assert (error.message, error.code) == (
        "Another entity already has this Wikidata id.",
        "duplicate_wikidata_id",
    )
    assert not Entity.objects.filter(name="Nippon").exists()


def test_resolving_a_note_is_refused_by_the_constraint_and_changes_nothing(editor):
    note = services.annotation_create(
        actor=editor, claim=ClaimFactory(), kind="note", body="Context for readers."
    )
    with pytest.raises(ValidationError) as refused:
        services.annotation_resolve(actor=editor, annotation=note, note="Done.")
    assert [e.code for e in refused.value.error_dict["__all__"]] == ["not_resolvable"]
    stored = Annotation.objects.get(pk=note.pk)
    assert (stored.resolved_at, stored.resolved_by, stored.resolution_note) == (None, None, "")


def test_the_api_answers_a_resolved_note_with_the_rules_code(api, editor):
    claim = ClaimFactory()
    note = services.annotation_create(actor=editor, claim=claim, kind="note", body="Context.")
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/annotations/{note.pk}/resolve/",
        {"note": "Done."},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A note is not something to resolve.",
        "code": "not_resolvable",
        "errors": {"non_field_errors": ["A note is not something to resolve."]},
    }


def test_a_resolution_without_a_note_is_refused_beside_the_note(editor):
    flag = services.annotation_create(
        actor=editor, claim=ClaimFactory(), kind="flag", flag_reason="outdated", body="Old count."
    )
    with pytest.raises(ValidationError) as refused:
        services.annotation_resolve(actor=editor, annotation=flag, note="  ")
    assert set(refused.value.error_dict) == {"note"}
    assert Annotation.objects.get(pk=flag.pk).resolved_at is None
