"""Reading claims: what a claim carries, filters and ranked search, ordering, cursor pages, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.choices import ClaimStatus
from claims.models import Claim

from ..factories import (
    ClaimFactory,
    ClaimMentionFactory,
    ClaimRelationFactory,
    ClaimWithPartsFactory,
    EntityFactory,
    QuantityFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

VERIFIED = ClaimStatus.VERIFIED


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [claim["id"] for claim in response.json()["results"]]


# ---------------------------------------------------------------------------- representation


def test_a_claim_carries_its_passage_structure_evidence_relations_and_review_trail(api):
    claim = ClaimWithPartsFactory(status=VERIFIED)
    target = ClaimWithPartsFactory(status=VERIFIED)
    ClaimRelationFactory(from_claim=claim, to_claim=target)
    data = api().get(f"/api/v1/claims/{claim.pk}/").json()
    assert data["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert claim.source.body[data["start"] : data["end"]] == data["quote"]
    assert (data["statement"], data["kind"], data["status"]) == (
        claim.statement,
        "quantity",
        "verified",
    )
    assert data["as_of"] == claim.as_of.isoformat()
    assert data["subject"]["name"] == "Japan"
    assert data["object"] is None and data["attributed_to"] is None
    assert [m["name"] for m in data["mentions"]] == ["United States"]
    assert data["quantities"] == [
        {
            "id": claim.quantities.get().pk,
            "value": "18.1",
            "scale": "1000000000",
            "normalised_value": "18100000000",
            "unit": "JPY",
            "bound": "exact",
            "period": "FY2026",
            "period_start": None,
            "period_end": None,
            "role": "initial_budget",
        }
    ]
    [evidence] = data["evidence"]
    assert evidence["stance"] == "supports"
    assert evidence["source"]["url"].endswith(f"/api/v1/sources/{evidence['source']['id']}/")
    assert data["relations"] == [
        {
            "kind": "derived_from",
            "to_claim": target.pk,
            "to_claim_url": f"http://testserver/api/v1/claims/{target.pk}/",
            "note": "",
        }
    ]
    [review] = data["reviews"]
    assert (review["from_status"], review["to_status"]) == ("in_review", "verified")
    assert review["reviewer"] == "curator-reviewer"


def test_a_relation_to_an_unpublished_claim_is_not_shown_to_outsiders(api, analyst):
    claim = ClaimWithPartsFactory(status=VERIFIED)
    draft = ClaimWithPartsFactory(status=ClaimStatus.UNREVIEWED)
    ClaimRelationFactory(from_claim=claim, to_claim=draft)
    assert api().get(f"/api/v1/claims/{claim.pk}/").json()["relations"] == []
    internal = api(analyst).get(f"/api/v1/claims/{claim.pk}/").json()["relations"]
    assert [r["to_claim"] for r in internal] == [draft.pk]


# ---------------------------------------------------------------------------- filters


def test_verified_claims_for_fiscal_year_2026_and_an_entity(api):
    osa = EntityFactory(name="Official Security Assistance", kind="program")
    wanted = ClaimFactory(status=VERIFIED, subject=osa)
    QuantityFactory(claim=wanted, period="FY2026")
    mentioned = ClaimFactory(status=VERIFIED)
    QuantityFactory(claim=mentioned, period="FY2026")
    ClaimMentionFactory(claim=mentioned, entity=osa)
    other_year = ClaimFactory(status=VERIFIED, subject=osa)
    QuantityFactory(claim=other_year, period="FY2025")
    refuted = ClaimFactory(status=ClaimStatus.REFUTED, subject=osa)
    QuantityFactory(claim=refuted, period="FY2026")
    response = api().get(f"/api/v1/claims/?status=verified&period=FY2026&entity={osa.pk}")
    assert sorted(_ids(response)) == sorted([wanted.pk, mentioned.pk])


def test_status_and_kind_take_several_values(api):
    verified = ClaimFactory(status=VERIFIED, kind="event")
    refuted = ClaimFactory(status=ClaimStatus.REFUTED, kind="quantity")
    ClaimFactory(status=ClaimStatus.MISLEADING, kind="quantity")
    response = api().get("/api/v1/claims/?status=verified&status=refuted")
    assert sorted(_ids(response)) == sorted([verified.pk, refuted.pk])
    assert _ids(api().get("/api/v1/claims/?kind=event")) == [verified.pk]


def test_source_publisher_and_as_of_filters(api):
    source = SourceFactory()
    here = ClaimFactory(status=VERIFIED, source=source)
    elsewhere = ClaimFactory(status=VERIFIED, as_of="2025-01-01")
    assert _ids(api().get(f"/api/v1/claims/?source={source.pk}")) == [here.pk]
    assert _ids(api().get(f"/api/v1/claims/?publisher={source.publisher_id}")) == [here.pk]
    assert _ids(api().get("/api/v1/claims/?as_of_before=2025-12-31")) == [elsewhere.pk]


def test_changed_since_returns_claims_changed_at_or_after_the_instant(api):
    old = ClaimFactory(status=VERIFIED)
    new = ClaimFactory(status=VERIFIED)
    Claim.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert _ids(api().get("/api/v1/claims/", {"changed_since": since})) == [new.pk]


def test_open_flag_filter_is_for_analysts(api, analyst):
    flagged = ClaimWithPartsFactory(status=ClaimStatus.UNREVIEWED)
    ClaimFactory()
    response = api(analyst).get("/api/v1/claims/?open_flag=numeric_inconsistency")
    assert _ids(response) == [flagged.pk]


def test_full_text_search_ranks_the_best_match_first(api):
    source = SourceFactory(
        body="Japan budget. OSA budget budget rose. Unrelated text about alliances."
    )
    weak = ClaimFactory(
        status=VERIFIED,
        source=source,
        quote="Unrelated text about alliances.",
        statement="Alliances grew; the budget is mentioned once.",
    )
    strong = ClaimFactory(
        status=VERIFIED,
        source=source,
        quote="OSA budget budget rose.",
        statement="The OSA budget rose: budget, budget.",
        predicate="budget rose",
    )
    ClaimFactory(status=VERIFIED, source=source, quote="Japan budget.", statement="Nothing here.")
    assert _ids(api().get("/api/v1/claims/?q=budget rose")) == [strong.pk]
    ranked = _ids(api().get("/api/v1/claims/?q=budget&status=verified"))
    assert ranked.index(strong.pk) < ranked.index(weak.pk)


# ---------------------------------------------------------------------------- pages


def test_pages_default_to_50_and_follow_next_and_previous_without_gaps(api):
    claims = [ClaimFactory(status=VERIFIED).pk for _ in range(120)]
    first = api().get("/api/v1/claims/").json()
    assert len(first["results"]) == 50 and first["previous"] is None
    seen, page = [], first
    while True:
        seen += [c["id"] for c in page["results"]]
        if not page["next"]:
            break
        page = api().get(page["next"]).json()
    assert seen == sorted(claims)
    back = api().get(page["previous"]).json()
    assert [c["id"] for c in back["results"]] == sorted(claims)[50:100]


def test_page_size_goes_up_to_500(api):
    for _ in range(3):
        ClaimFactory(status=VERIFIED)
    assert len(_ids(api().get("/api/v1/claims/?page_size=2"))) == 2
    assert api().get("/api/v1/claims/?page_size=500").status_code == 200
    assert api().get("/api/v1/claims/?page_size=501").status_code == 400


def test_ordering_by_as_of_pages_through_ties_in_order(api):
    for day in (3, 1, 2, 1, 3, 2):
        ClaimFactory(status=VERIFIED, as_of=f"2026-01-0{day}")
    url, seen = "/api/v1/claims/?ordering=-as_of&page_size=2", []
    while url:
        page = api().get(url).json()
        seen += [(c["as_of"], c["id"]) for c in page["results"]]
        url = page["next"]
    assert seen == sorted(seen, key=lambda pair: (pair[0], pair[1]), reverse=True)
    assert len(seen) == 6


def test_a_cursor_from_another_ordering_is_refused(api):
    for _ in range(3):
        ClaimFactory(status=VERIFIED)
    next_url = api().get("/api/v1/claims/?page_size=1").json()["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    response = api().get(f"/api/v1/claims/?ordering=as_of&cursor={cursor}")
    assert response.status_code == 400 and "cursor" in response.json()["errors"]


def test_search_results_page_in_rank_order_without_repeats(api):
    source = SourceFactory(body="budget " * 40)
    made = [
        ClaimFactory(
            status=VERIFIED,
            source=source,
            quote="budget " * (n + 1),
            start=0,
            end=7 * (n + 1),
            statement="budget " * (n % 4 + 1),
        ).pk
        for n in range(9)
    ]
    url, seen = "/api/v1/claims/?q=budget&page_size=2", []
    while url:
        page = api().get(url).json()
        seen += [c["id"] for c in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    assert seen == _ids(api().get("/api/v1/claims/?q=budget&page_size=100"))


# ---------------------------------------------------------------------------- CSV


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_every_matching_row_not_one_page(api):
    for _ in range(60):
        claim = ClaimFactory(status=VERIFIED)
        QuantityFactory(claim=claim, role="initial_budget")
    ClaimFactory(status=ClaimStatus.UNREVIEWED)  # not published: not in an anonymous export
    rows = _csv(api().get("/api/v1/claims/?format=csv&page_size=10"))
    assert len(rows) == 60
    assert rows[0]["status"] == "verified"
    assert rows[0]["quantities"] == "18100000000 JPY (FY2026, initial_budget, exact)"
    assert rows[0]["url"].startswith("http://testserver/api/v1/claims/")


def test_csv_follows_the_filters_and_the_ordering(api):
    keep = [ClaimFactory(status=VERIFIED).pk for _ in range(3)]
    ClaimFactory(status=ClaimStatus.REFUTED)
    rows = _csv(api().get("/api/v1/claims/?format=csv&status=verified&ordering=-id"))
    assert [int(row["id"]) for row in rows] == sorted(keep, reverse=True)


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(api):
    ClaimFactory(status=VERIFIED, statement='=HYPERLINK("http://evil")')
    [row] = _csv(api().get("/api/v1/claims/?format=csv"))
    assert row["statement"] == '\'=HYPERLINK("http://evil")'


def test_csv_is_also_chosen_by_the_accept_header(api):
    ClaimFactory(status=VERIFIED)
    response = api().get("/api/v1/claims/", HTTP_ACCEPT="text/csv")
    assert len(_csv(response)) == 1
