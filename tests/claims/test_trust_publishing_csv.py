"""One CSV of claims, from the claim list's "Download CSV" and from the API's `?format=csv`:
the same columns in the same order, the evidence count and the latest review's rationale, and
the open flags for analysts and up only."""

import csv
import io

import pytest
from django.urls import reverse

from claims.choices import AnnotationKind, ClaimStatus, FlagReason
from claims.models import Annotation, Review

from ..factories import ClaimFactory, ClaimWithPartsFactory, EvidenceFactory, ReferenceSourceFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("claims:claim_export")
API = "/api/v1/claims/?format=csv"


def read(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


def page_csv(client, user=None, query=""):
    if user is not None:
        client.force_login(user)
    return read(client.get(f"{PAGE}?{query}"))


def api_csv(api, user=None, query=""):
    return read(api(user).get(f"{API}&{query}"))


@pytest.fixture
def claims(roles):
    verified = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    EvidenceFactory(
        claim=verified,
        source=ReferenceSourceFactory(),
        stance="context",
        added_by=verified.created_by,
    )
    refuted = ClaimWithPartsFactory(status=ClaimStatus.REFUTED)
    unreviewed = ClaimFactory(status=ClaimStatus.UNREVIEWED)
    Annotation.objects.create(
        claim=unreviewed,
        author=unreviewed.created_by,
        kind=AnnotationKind.FLAG,
        flag_reason=FlagReason.UNSOURCED,
        body="Who said so?",
    )
    return verified, refuted, unreviewed


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "analyst", "editor"])
def test_the_page_and_the_api_give_the_same_columns_and_cells(client, api, claims, reader, request):
    user = None if reader == "anonymous" else request.getfixturevalue(reader)
    page_header, page_rows = page_csv(client, user, "sort=as_of_asc")
    api_header, api_rows = api_csv(api, user, "ordering=as_of")
    assert page_header == api_header
    by_id = {row["id"]: row for row in api_rows}
    assert {row["id"] for row in page_rows} == set(by_id)
    for row in page_rows:
        assert row == by_id[row["id"]]


def test_the_columns_hold_the_evidence_count_and_the_latest_rationale(client, claims, reviewer):
    verified, refuted, _ = claims
    Review.objects.create(
        claim=refuted,
        reviewer=reviewer,
        from_status=ClaimStatus.REFUTED,
        to_status=ClaimStatus.IN_REVIEW,
        rationale="Reopened: a newer count.",
    )
    Review.objects.create(
        claim=refuted,
        reviewer=reviewer,
        from_status=ClaimStatus.IN_REVIEW,
        to_status=ClaimStatus.REFUTED,
        rationale="Refuted again: 17 countries by January.",
    )
    _, rows = page_csv(client)
    by_id = {int(row["id"]): row for row in rows}
    assert by_id[verified.pk]["evidence_count"] == "2"
    assert by_id[verified.pk]["rationale"] == "Decided verified against the budget document."
    assert by_id[refuted.pk]["evidence_count"] == "1"
    assert by_id[refuted.pk]["rationale"] == "Refuted again: 17 countries by January."
    assert by_id[verified.pk]["page_url"] == f"http://testserver/claims/{verified.pk}/"
    assert by_id[verified.pk]["url"] == f"http://testserver/api/v1/claims/{verified.pk}/"


@pytest.mark.parametrize("reader", ["anonymous", "outsider"])
def test_readers_without_a_role_get_no_open_flags_column(client, api, claims, reader, request):
    user = None if reader == "anonymous" else request.getfixturevalue(reader)
    for header, rows in (page_csv(client, user), api_csv(api, user)):
        assert "open_flags" not in header
        assert all("Check the base year." not in str(row) for row in rows)


@pytest.mark.parametrize("role", ["analyst", "editor", "reviewer"])
def test_analysts_and_up_see_each_claims_open_flags(client, api, claims, role, request):
    verified, _, unreviewed = claims
    user = request.getfixturevalue(role)
    for header, rows in (page_csv(client, user), api_csv(api, user)):
        assert header[-1] == "open_flags"
        by_id = {int(row["id"]): row for row in rows}
        assert by_id[verified.pk]["open_flags"] == "numeric_inconsistency"
        assert by_id[unreviewed.pk]["open_flags"] == "unsourced"


def test_a_resolved_flag_is_not_open(client, claims, analyst, reviewer):
    verified, _, _ = claims
    Annotation.objects.filter(claim=verified).update(
        resolved_at="2026-02-10T00:00:00Z", resolved_by=reviewer
    )
    _, rows = page_csv(client, analyst)
    assert {int(r["id"]): r for r in rows}[verified.pk]["open_flags"] == ""


def test_the_page_export_costs_the_same_queries_for_more_claims(
    client, analyst, roles, assert_same_queries
):
    client.force_login(analyst)
    ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)

    def export():
        b"".join(client.get(PAGE).streaming_content)

    assert_same_queries(
        export,
        grow=lambda: [ClaimWithPartsFactory(status=ClaimStatus.REFUTED) for _ in range(8)],
    )
