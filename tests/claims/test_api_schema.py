"""The OpenAPI document describes every endpoint, parameter and error, and its docs page
uses only assets this server serves (no CDN)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_schema_is_openapi_3_with_every_v1_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/candidates/",
        "/api/v1/candidates/{id}/",
        "/api/v1/candidates/{id}/accept/",
        "/api/v1/candidates/{id}/dismiss/",
        "/api/v1/changes/",
        "/api/v1/claims/",
        "/api/v1/claims/verified.atom",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/annotations/",
        "/api/v1/claims/{id}/annotations/{annotation_id}/resolve/",
        "/api/v1/claims/{id}/claimreview/",
        "/api/v1/claims/{id}/evidence/",
        "/api/v1/claims/{id}/transition/",
        "/api/v1/conflicts/",
        "/api/v1/entities/",
        "/api/v1/entities/{id}/",
        "/api/v1/publishers/",
        "/api/v1/publishers/{id}/",
        "/api/v1/sources/",
        "/api/v1/sources/{id}/",
        "/api/v1/sources/{id}/annotations/",
        "/api/v1/tokens/",
        "/api/v1/tokens/{id}/",
    }


def test_every_operation_has_a_summary_and_documents_its_errors_in_the_one_shape(schema):
    for path, method, operation in _operations(schema):
        assert operation.get("summary"), (method, path)
        # Any request may be throttled, and any may carry a token that is no longer valid.
        assert {"401", "429"} <= set(operation["responses"]), (method, path)
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                shapes = {"Error", "StaleVersionError", "DuplicateError"}  # the last two add fields
                assert ref.split("/")[-1] in shapes, (method, path)
                assert response["content"]["application/json"]["examples"], (method, path)


def test_writes_document_401_403_400_and_if_match_writes_412_and_428(schema):
    for path, method, operation in _operations(schema):
        if method in ("post", "patch"):
            assert {"400", "401", "403", "404"} <= set(operation["responses"]), (method, path)
            headers = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
            if method == "patch" or path.endswith(("/transition/", "/accept/")):
                assert headers == ["If-Match"], (method, path)
                assert {"412", "428"} <= set(operation["responses"]), (method, path)
            else:
                assert headers == [], (method, path)


def test_the_claim_list_documents_its_filters_and_paging(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert names >= {
        "status",
        "kind",
        "entity",
        "source",
        "publisher",
        "period",
        "as_of_after",
        "as_of_before",
        "published_after",
        "created_after",
        "updated_before",
        "changed_since",
        "open_flag",
        "q",
        "cursor",
        "page_size",
        "ordering",
        "format",
    }


def test_the_error_shape_is_a_documented_component(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail", "code", "errors"}
    assert schema["components"]["schemas"]["StaleVersionError"]["properties"]["current_version"]


def test_security_schemes_are_token_and_session(schema):
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    reads = schema["paths"]["/api/v1/claims/"]["get"]["security"]
    assert {} in reads  # anonymous reads are allowed
    assert {} not in schema["paths"]["/api/v1/claims/"]["post"]["security"]


def test_the_docs_page_loads_its_assets_from_this_server(api):
    response = api().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    assert all(url.startswith("/static/") for url in urls), urls
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url
    assert "/api/schema/" in html
