"""Bad input gets 400 with the field's message in the one error shape, and nothing is written."""

import json

import pytest
from pghistory.models import Events

from claims.models import Annotation, Claim, Evidence

from ..factories import ClaimBodyFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def good_body():
    return ClaimBodyFactory()


def _nothing_written(before):
    assert (Claim.objects.count(), Evidence.objects.count(), Annotation.objects.count()) == before[
        :3
    ]
    assert Events.objects.count() == before[3]


def _counts():
    return (
        Claim.objects.count(),
        Evidence.objects.count(),
        Annotation.objects.count(),
        Events.objects.count(),
    )


def _post_raw(client, url, raw: bytes, content_type="application/json"):
    return client.generic("POST", url, raw, content_type=content_type)


def test_malformed_json_is_a_400_parse_error(api, editor):
    before = _counts()
    response = _post_raw(api(editor), "/api/v1/claims/", b'{"statement": "unterminated')
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    assert "not valid JSON" in body["detail"]
    assert body["errors"]["non_field_errors"]
    _nothing_written(before)


def test_nan_is_not_json(api, editor, good_body):
    before = _counts()
    raw = json.dumps(good_body).replace('"start": ', '"start": NaN, "x": ').encode()
    response = _post_raw(api(editor), "/api/v1/claims/", raw)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    _nothing_written(before)
    # The same body without the NaN is accepted.
    assert (
        _post_raw(api(editor), "/api/v1/claims/", json.dumps(good_body).encode()).status_code == 201
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "abc"}, "start"),
        ({"start": -1}, "start"),
        ({"end": 2**40}, "end"),
        ({"kind": "rumour"}, "kind"),
        ({"subject": "Japan"}, "subject"),
        ({"subject": 999999}, "subject"),
        ({"source": 999999}, "source"),
        ({"mentions": [999999]}, "mentions"),
        ({"as_of": "2 Feb 2026"}, "as_of"),
        ({"checkworthiness": 1.5}, "checkworthiness"),
        ({"predicate": "x" * 201}, "predicate"),
        ({"statement": ""}, "statement"),
        ({"statement": "NUL\x00byte"}, "statement"),
        ({"status": "verified"}, "status"),
        ({"quote": "The budget grew to 99 billion yen in 2026."}, "quote"),
        ({"end": 5000}, "end"),
    ],
)
def test_a_bad_field_gets_400_naming_it_and_nothing_is_written(
    api, editor, good_body, change, field
):
    before = _counts()
    response = api(editor).post("/api/v1/claims/", {**good_body, **change}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert field in body["errors"], body
    assert all(isinstance(message, str) for message in body["errors"][field])
    _nothing_written(before)


def test_a_quote_that_is_not_the_source_text_names_what_the_source_has(api, editor, good_body):
    response = api(editor).post(
        "/api/v1/claims/",
        {**good_body, "quote": "The budget grew to 99 billion yen in 2026."},
        format="json",
    )
    assert (
        "the source has 'The budget grew to 18.1 billion yen in 2026.'"
        in (response.json()["errors"]["quote"][0])
    )


def test_a_missing_required_field_is_named(api, editor, good_body):
    del good_body["statement"]
    response = api(editor).post("/api/v1/claims/", good_body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["statement"] == ["This field is required."]


def test_an_oversized_body_is_refused_before_it_is_read(api, editor, good_body, settings):
    settings.API_MAX_BODY_BYTES = 2048
    before = _counts()
    response = api(editor).post(
        "/api/v1/claims/", {**good_body, "statement": "x" * 5000}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "body_too_large"
    assert "2048" in response.json()["detail"]
    _nothing_written(before)


def test_a_body_that_is_not_json_gets_415(api, editor):
    response = _post_raw(api(editor), "/api/v1/claims/", b"statement=x", "text/plain")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_body_that_is_a_list_not_an_object_is_refused(api, editor):
    response = api(editor).post("/api/v1/claims/", [1, 2], format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_evidence_for_a_missing_claim_is_404_and_nothing_is_written(api, editor):
    report = SourceFactory()
    before = _counts()
    response = api(editor).post(
        "/api/v1/claims/999999/evidence/",
        {"source": report.pk, "stance": "supports"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    _nothing_written(before)


def test_evidence_quoting_words_its_source_lacks_is_refused(api, editor):
    claim, report = ClaimFactory(), SourceFactory()
    before = _counts()
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": report.pk, "stance": "supports", "quote": "words it does not have"},
        format="json",
    )
    assert response.status_code == 400
    assert "quote" in response.json()["errors"]
    _nothing_written(before)


def test_evidence_with_an_unknown_stance_is_refused(api, editor):
    claim = ClaimFactory()
    response = api(editor).post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"source": SourceFactory().pk, "stance": "agrees"},
        format="json",
    )
    assert response.status_code == 400
    assert "stance" in response.json()["errors"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=probably", "status"),
        ("entity=abc", "entity"),
        ("as_of_after=yesterday", "as_of"),
        ("changed_since=soon", "changed_since"),
        ("ordering=statement", "ordering"),
        ("page_size=0", "page_size"),
        ("page_size=501", "page_size"),
        ("cursor=not-a-cursor", "cursor"),
        ("open_flag=unsourced", "open_flag"),  # flags are internal: refused, not ignored
    ],
)
def test_a_bad_filter_gets_400_naming_it(api, query, field):
    response = api().get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_an_unknown_address_under_the_api_is_a_json_404(api):
    response = api().get("/api/v1/claims/not-a-number/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_format_is_406(api):
    response = api().get("/api/v1/claims/?format=xml")
    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"
