"""Issue 9, item 16: an unknown query parameter is refused with 400, never silently ignored."""

import pytest

from claims.choices import ClaimStatus

from ..factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_misspelt_filter_is_a_400_naming_it_and_the_known_ones(api):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    response = api().get("/api/v1/claims/?stauts=verified&colour=red")
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == "unknown_parameter"
    assert set(body["errors"]) == {"stauts", "colour"}
    assert "Unknown query parameters: colour, stauts." in body["detail"]
    for known in ("status", "as_of_after", "page_size", "cursor", "ordering", "format", "q"):
        assert known in body["detail"]
    assert "status" in body["errors"]["stauts"][0]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/?status=verified&as_of_after=2025-01-01&page_size=5&ordering=-id",
        "/api/v1/claims/?format=csv&kind=quantity",
        "/api/v1/entities/?q=Japan",
        "/api/v1/sources/?language=en&published_before=2026-01-01",
        "/api/v1/publishers/?country=JP",
        "/api/v1/changes/?page_size=5",
        "/api/v1/",
    ],
)
def test_the_parameters_each_endpoint_reads_are_accepted(api, url):
    response = api().get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/entities/?nmae=Japan",
        "/api/v1/sources/?langauge=en",
        "/api/v1/changes/?sinse=x",
        "/api/v1/claims/verified.atom?status=verified",
        "/api/v1/claims/?format=csv&stauts=verified",
    ],
)
def test_every_get_refuses_unknown_parameters(api, url):
    response = api().get(url)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


def test_the_detail_of_a_claim_refuses_them_too(api):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    assert api().get(f"/api/v1/claims/{claim.pk}/?fields=id").status_code == 400
    assert api().get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_analysts_may_filter_conflicts_by_source_but_not_by_typos(api, analyst):
    assert api(analyst).get("/api/v1/conflicts/?source=").status_code == 200
    assert api(analyst).get("/api/v1/conflicts/?sourse=1").status_code == 400


def test_permission_is_checked_before_parameters(api):
    # An anonymous reader of an internal list learns nothing about its parameters.
    assert api().get("/api/v1/conflicts/?sourse=1").status_code == 401


def test_every_get_in_the_schema_documents_the_400():
    import yaml

    from tests.test_openapi_contract import CONTRACT

    schema = yaml.safe_load(CONTRACT.read_text())
    missing = [
        path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get" and "400" not in operation["responses"]
    ]
    assert missing == []
