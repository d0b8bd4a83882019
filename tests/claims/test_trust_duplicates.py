"""A second claim on the same passage is refused unless it is deliberate (issue "Trust",
item 5)."""

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.choices import ClaimStatus
from claims.models import Claim

from ..factories import ClaimBodyFactory, ClaimFactory, EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _create(editor, source, **extra):
    quote = "The budget grew to 18.1 billion yen in 2026."
    start = source.body.index(quote)
    return services.claim_create(
        actor=editor,
        source=source,
        quote=quote,
        start=start,
        end=start + len(quote),
        statement="Japan's budget grew.",
        kind="quantity",
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
        **extra,
    )


def test_a_second_claim_on_the_same_passage_is_refused_naming_the_first(editor):
    source = SourceFactory()
    first = _create(editor, source)
    with pytest.raises(ValidationError) as refused:
        _create(editor, source)
    assert refused.value.code == "duplicate"
    assert f"Claim {first.pk} already quotes this passage" in refused.value.messages[0]
    assert services.duplicate_claim_id(refused.value) == first.pk
    assert Claim.objects.filter(source=source).count() == 1


def test_a_deliberate_second_claim_on_the_same_passage_is_created(editor):
    source = SourceFactory()
    first = _create(editor, source)
    second = _create(editor, source, allow_duplicate=True)
    assert second.pk != first.pk


def test_a_candidate_on_the_same_passage_is_no_duplicate(editor):
    source = SourceFactory()
    ClaimFactory(source=source, status=ClaimStatus.PROPOSED)
    assert _create(editor, source).pk


def test_another_passage_of_the_same_source_is_no_duplicate(editor):
    source = SourceFactory()
    first = _create(editor, source)
    other = services.claim_create(
        actor=editor,
        source=source,
        quote="Japan raised its budget.",
        start=0,
        end=len("Japan raised its budget."),
        statement="Japan raised its budget.",
        kind="event",
        subject=first.subject,
        predicate="raised",
    )
    assert other.pk != first.pk


def test_the_api_answers_a_duplicate_with_409_naming_the_existing_claim(api, editor):
    source = SourceFactory()
    body = ClaimBodyFactory(quoting=source)
    first = api(editor).post("/api/v1/claims/", body, format="json")
    assert first.status_code == 201
    again = api(editor).post("/api/v1/claims/", body, format="json")
    assert again.status_code == 409, again.content
    error = again.json()
    existing = first.json()["id"]
    assert error["code"] == "duplicate"
    assert str(existing) in error["detail"]
    assert error["errors"] == {}
    assert error["duplicate_of"] == {
        "id": existing,
        "url": f"http://testserver/api/v1/claims/{existing}/",
    }
    assert Claim.objects.filter(source=source).count() == 1
