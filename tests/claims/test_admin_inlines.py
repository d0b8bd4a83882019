"""The claim page's inlines and the entity and source pages save through the services."""

from decimal import Decimal

import pytest
from django.urls import reverse

from claims.models import Claim, Entity
from claims.selectors import claim_history
from sources.models import Source

from ..factories import (
    ClaimFactory,
    ClaimRelationFactory,
    EntityFactory,
    EvidenceFactory,
    PublisherFactory,
    QuantityFactory,
    SourceFactory,
)
from ..html_forms import form_data

pytestmark = pytest.mark.django_db


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def claim_form(client, claim) -> dict:
    return form_data(client.get(change_url(claim)).content.decode(), "claim_form")


def add_row(data: dict, prefix: str, **fields) -> None:
    """Add one new inline row, as the admin's "Add another" link does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = [value]


def test_an_editor_adds_a_quantity_and_a_note_on_the_claim_page(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    data = claim_form(client, claim)
    add_row(data, "quantities", value="18.1", scale="1000000000", unit="JPY", bound="exact")
    add_row(data, "annotations", kind="question", body="Which budget line is this?")
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    quantity = claim.quantities.get()
    assert (quantity.normalised_value, quantity.unit) == (Decimal("18100000000"), "JPY")
    question = claim.annotations.get(kind="question")
    assert (question.author, question.body) == (editor, "Which budget line is this?")
    recorded = {(e.model, e.label, e.user) for e in claim_history(claim)}
    assert ("Quantity", "insert", editor) in recorded
    assert ("Annotation", "insert", editor) in recorded


def test_an_editor_corrects_a_quantity_and_removes_evidence_and_a_relation(client, editor):
    claim = ClaimFactory(created_by=editor)
    quantity = QuantityFactory(claim=claim, unit="USD")
    evidence = EvidenceFactory(claim=claim)
    other = ClaimFactory(source=claim.source)
    ClaimRelationFactory(from_claim=claim, to_claim=other, kind="duplicates", created_by=editor)
    client.force_login(editor)
    data = claim_form(client, claim)
    data["quantities-0-unit"] = ["JPY"]
    data["evidence-0-DELETE"] = ["on"]
    data["relations_out-0-DELETE"] = ["on"]
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    quantity.refresh_from_db()
    assert (quantity.unit, quantity.period) == ("JPY", "FY2026")  # only the changed field
    assert not claim.evidence.filter(pk=evidence.pk).exists()
    assert not claim.relations_out.exists()
    recorded = {(e.model, e.label, e.user) for e in claim_history(claim)}
    assert {("Quantity", "update", editor), ("Evidence", "delete", editor)} <= recorded


def test_a_claim_on_an_undated_source_needs_its_as_of_beside_the_field(client, editor):
    source = SourceFactory(published_at=None)
    subject = EntityFactory(name="Japan")
    client.force_login(editor)
    add = reverse("admin:claims_claim_add")
    data = form_data(client.get(add).content.decode(), "claim_form")
    fields = dict(
        source=str(source.pk),
        quote="Japan raised its budget.",
        start="0",
        end="24",
        statement="Japan raised its budget.",
        kind="event",
        subject=str(subject.pk),
        predicate="raised",
    )
    data.update({key: [value] for key, value in fields.items()})
    refused = client.post(add, data)
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert "the source has no publication date" in " ".join(errors["as_of"])
    assert not Claim.objects.exists()

    data["as_of"] = ["2026-01-31"]
    assert client.post(add, data).status_code == 302
    assert str(Claim.objects.get().as_of) == "2026-01-31"


def test_an_editor_adds_an_entity_and_a_source_through_their_services(client, editor):
    client.force_login(editor)
    add_entity = reverse("admin:claims_entity_add")
    data = form_data(client.get(add_entity).content.decode(), "entity_form")
    data.update(name=["Sri Lanka"], kind=["country"], wikidata_id=["Q854"])
    assert client.post(add_entity, data).status_code == 302
    entity = Entity.objects.get(name="Sri Lanka")
    assert entity.wikidata_id == "Q854"

    publisher = PublisherFactory(name="Kyodo")
    add_source = reverse("admin:sources_source_add")
    data = form_data(client.get(add_source).content.decode(), "source_form")
    data.update(
        publisher=[str(publisher.pk)],
        title=["Budget request"],
        kind=["article"],
        url=["kyodonews.example/budget"],
        body=["The request is 18.1 billion yen."],
    )
    response = client.post(add_source, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(title="Budget request")
    assert source.url == "https://kyodonews.example/budget"  # a URL typed without a scheme
    assert len(source.body_sha256) == 64  # computed, never typed


def test_two_editors_correcting_different_fields_of_a_source_keep_both(
    client, editor, other_editor
):
    source = SourceFactory(author="", editor="")
    url = reverse("admin:sources_source_change", args=[source.pk])
    client.force_login(editor)
    mine = form_data(client.get(url).content.decode(), "source_form")
    client.force_login(other_editor)
    theirs = form_data(client.get(url).content.decode(), "source_form")
    theirs["editor"] = ["Zhang Wei"]
    assert client.post(url, theirs).status_code == 302
    client.force_login(editor)
    mine["author"] = ["Liu Xin"]
    assert client.post(url, mine).status_code == 302
    source.refresh_from_db()
    assert (source.author, source.editor) == ("Liu Xin", "Zhang Wei")
