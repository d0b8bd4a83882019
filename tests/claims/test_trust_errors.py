"""Database errors reach clients only as the refusals they are (issue "Trust", item 2): a unique
constraint lost to a concurrent write is 409, the quote triggers are 400 on `quote`, a missing
row is 404 only when it is the resource in the path; every other error is a logged 500."""

import logging

import pytest
from django.db import IntegrityError, transaction

from claims import services
from claims.models import Claim, Evidence
from config.api.errors import api_exception_handler
from sources.models import Source

from ..factories import (
    ClaimBodyFactory,
    ClaimFactory,
    EvidenceFactory,
    ReferenceSourceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _integrity_error(write) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic():
            write()
    return caught.value


def test_a_unique_constraint_won_by_a_concurrent_write_is_409_in_the_one_error_shape():
    evidence = EvidenceFactory()
    copy = Evidence(
        claim=evidence.claim,
        source=evidence.source,
        stance=evidence.stance,
        added_by=evidence.added_by,
    )
    error = _integrity_error(lambda: Evidence.objects.bulk_create([copy]))
    response = api_exception_handler(error, {})
    assert response.status_code == 409
    assert response.data["code"] == "conflict"
    assert set(response.data) >= {"detail", "code", "errors"}


def test_the_claim_quote_trigger_is_400_on_quote():
    claim = ClaimFactory()
    error = _integrity_error(lambda: Claim.objects.filter(pk=claim.pk).update(quote="Japan"))
    response = api_exception_handler(error, {})
    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert list(response.data["errors"]) == ["quote"]


def test_the_evidence_quote_trigger_is_400_on_quote():
    evidence = EvidenceFactory(source=SourceFactory())
    error = _integrity_error(
        lambda: Evidence.objects.filter(pk=evidence.pk).update(quote="words it never said")
    )
    response = api_exception_handler(error, {})
    assert response.status_code == 400
    assert list(response.data["errors"]) == ["quote"]


def test_a_quote_only_the_trigger_catches_is_refused_through_the_api_on_quote(
    api, editor, monkeypatch
):
    # The model's clean() checks the quote first; without it the trigger is the last word.
    monkeypatch.setattr(Claim, "clean", lambda self: None)
    body = {**ClaimBodyFactory(), "quote": "Not what the source says there."}
    response = api(editor).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["quote"]
    assert not Claim.objects.exists()


def test_any_other_integrity_error_is_left_to_django_as_a_500():
    claim = ClaimFactory()
    check = _integrity_error(lambda: Claim.objects.filter(pk=claim.pk).update(status="bogus"))
    assert api_exception_handler(check, {}) is None
    assert api_exception_handler(IntegrityError("duplicate key"), {}) is None


def test_a_missing_related_row_a_bug_reached_for_is_a_logged_500(api, editor, monkeypatch, caplog):
    claim = ClaimFactory()

    def buggy_attach(**_):
        Source.objects.get(pk=0)

    monkeypatch.setattr(services, "evidence_attach", buggy_attach)
    client = api(editor)
    client.raise_request_exception = False
    body = {"source": ReferenceSourceFactory().pk, "stance": "supports"}
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(f"/api/v1/claims/{claim.pk}/evidence/", body, format="json")
    assert response.status_code == 500
    assert any("Internal Server Error" in record.getMessage() for record in caplog.records)


def test_a_claim_deleted_while_it_is_written_is_404(api, editor, monkeypatch):
    claim = ClaimFactory()

    def gone(**_):
        raise Claim.DoesNotExist(f"Claim {claim.pk} does not exist.")

    monkeypatch.setattr(services, "claim_update", gone)
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"predicate": "rose to"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.pk}-{claim.version}"',
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
