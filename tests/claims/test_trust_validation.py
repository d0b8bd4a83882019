"""Issue 9, item 16: every problem of a claim at once, in the API and the admin; a reference-only
source says it holds no text; evidence from the claim's own source is refused."""

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence

from ..factories import (
    ClaimBodyFactory,
    ClaimFactory,
    ReferenceSourceFactory,
    SourceFactory,
)
from ..html_forms import form_data

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def _without_subject_and_predicate(**changes):
    body = ClaimBodyFactory(**changes)
    del body["subject"], body["predicate"]
    return body


def test_a_bad_quote_is_reported_with_the_missing_fields(api, editor):
    body = _without_subject_and_predicate(quote="The budget grew to 18.1 billion yen in 2026.")
    body["quote"] = "The budget shrank."
    response = api(editor).post(CLAIMS, body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"subject", "predicate", "quote"}, errors
    assert "The quote must equal the source text" in errors["quote"][0]
    assert not Claim.objects.exists()


def test_start_after_end_is_reported_with_the_missing_fields(api, editor):
    body = _without_subject_and_predicate()
    body["start"], body["end"] = body["end"], body["start"]
    errors = api(editor).post(CLAIMS, body, format="json").json()["errors"]
    assert set(errors) == {"subject", "predicate", "end"}, errors
    assert "greater than the start" in errors["end"][0]


def test_a_reference_only_source_says_it_holds_no_text(api, editor):
    body = _without_subject_and_predicate()
    body["source"] = ReferenceSourceFactory().pk
    errors = api(editor).post(CLAIMS, body, format="json").json()["errors"]
    assert set(errors) == {"subject", "predicate", "source"}, errors
    assert "This source holds no text" in errors["source"][0]


def test_a_reference_only_source_alone_says_it_holds_no_text(api, editor):
    body = ClaimBodyFactory()
    body["source"] = ReferenceSourceFactory().pk
    response = api(editor).post(CLAIMS, body, format="json")
    assert response.status_code == 400
    assert "This source holds no text" in response.json()["errors"]["source"][0]


def test_the_admin_reports_every_problem_at_once(client, editor):
    client.force_login(editor)
    add = reverse("admin:claims_claim_add")
    data = form_data(client.get(add).content.decode(), "claim_form")
    data.update(
        {
            "source": [str(ReferenceSourceFactory().pk)],
            "quote": ["Japan raised its budget."],
            "start": ["0"],
            "end": ["24"],
            "statement": ["Japan raised its budget."],
            "kind": ["event"],
        }
    )
    response = client.post(add, data)
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"source", "subject", "predicate"}, errors
    html = response.content.decode()
    assert "This source holds no text" in html
    assert not Claim.objects.exists()


def test_evidence_from_the_claims_own_source_is_refused_on_the_source_field(api, editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/evidence/"
    response = api(editor).post(
        url, {"source": claim.source_id, "stance": "supports"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["source"]
    assert "the claim's own source" in errors["source"][0]
    reissued = SourceFactory(title="Re-issued", revises=claim.source)
    response = api(editor).post(url, {"source": reissued.pk, "stance": "refutes"}, format="json")
    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_the_claims_own_source_may_still_be_context(api, editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/evidence/"
    response = api(editor).post(
        url, {"source": claim.source_id, "stance": "context"}, format="json"
    )
    assert response.status_code == 201, response.content


def test_the_admin_refuses_evidence_from_the_claims_own_source(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    html = client.get(url).content.decode()
    data = form_data(html, "claim_form")
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "evidence" in k.lower())
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-TOTAL_FORMS"] = ["1"]
    data[f"{prefix}-0-source"] = [str(claim.source_id)]
    data[f"{prefix}-0-stance"] = ["supports"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "the claim&#x27;s own source" in response.content.decode()
    assert not Evidence.objects.exists()
