"""The claim list: what each role sees, search with highlighted matches, facets with counts,
sort, pages, htmx fragments and the CSV export of the current view."""

import csv
import io

import pytest
from django.urls import reverse

from claims.choices import ClaimKind, ClaimStatus
from tests.factories import (
    ClaimFactory,
    ClaimMentionFactory,
    EntityFactory,
    PublisherFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("claims:claim_list")


def statements(response) -> str:
    return response.content.decode()


@pytest.fixture
def seeded(roles, budget_report):
    return budget_report(10)


def facet(response, param):
    return next(f for f in response.context["facets"] if f.param == param)


def counts(response, param) -> dict[str, int]:
    return {o.value: o.count for o in facet(response, param).options}


def test_anonymous_readers_see_published_claims_only(client, seeded):
    _, claims = seeded
    html = client.get(URL).content.decode()
    for claim in claims:
        shown = claim.statement in html
        assert shown == claim.is_published, (claim.status, shown)


def test_a_reader_without_a_role_sees_what_anonymous_readers_see(client, seeded, outsider):
    _, claims = seeded
    client.force_login(outsider)
    response = client.get(URL)
    assert response.context["page"].paginator.count == sum(c.is_published for c in claims)


@pytest.mark.parametrize("role", ["analyst", "editor", "reviewer"])
def test_analysts_and_up_see_every_claim(client, seeded, role, request):
    _, claims = seeded
    client.force_login(request.getfixturevalue(role))
    html = client.get(URL).content.decode()
    assert all(claim.statement in html for claim in claims)


def test_status_facet_counts_what_each_status_would_return(client, seeded, analyst):
    client.force_login(analyst)
    response = client.get(URL)
    assert counts(response, "status") == {
        ClaimStatus.VERIFIED: 2,
        ClaimStatus.UNREVIEWED: 2,
        ClaimStatus.REFUTED: 2,
        ClaimStatus.NOT_CHECKABLE: 2,
        ClaimStatus.MISLEADING: 2,
    }
    # Choosing a status keeps the other statuses' counts, so a second one can be added.
    chosen = client.get(URL, {"status": "verified"})
    assert chosen.context["page"].paginator.count == 2
    assert counts(chosen, "status")[ClaimStatus.REFUTED] == 2
    assert [o.value for o in facet(chosen, "status").options if o.selected] == ["verified"]


def test_facet_counts_follow_the_other_filters(client, seeded, analyst):
    source, _ = seeded
    ClaimFactory(
        source=source,
        quote=source.body[: len("OSA budget report.")],
        statement="An event claim.",
        kind=ClaimKind.EVENT,
        status=ClaimStatus.VERIFIED,
    )
    client.force_login(analyst)
    response = client.get(URL, {"kind": "event"})
    assert counts(response, "status") == {ClaimStatus.VERIFIED: 1}
    assert counts(response, "kind") == {ClaimKind.QUANTITY: 10, ClaimKind.EVENT: 1}


def test_anonymous_facets_count_published_claims_and_offer_no_flag_facet(client, seeded, analyst):
    response = client.get(URL)
    assert set(counts(response, "status")) == {"verified", "refuted", "misleading"}
    assert "open_flag" not in {f.param for f in response.context["facets"]}
    # Asking for flagged claims anyway filters nothing and reveals nothing.
    flagged = client.get(URL, {"open_flag": "any"})
    assert flagged.context["page"].paginator.count == 6
    client.force_login(analyst)
    assert "open_flag" in {f.param for f in client.get(URL).context["facets"]}


def test_open_flag_facet_counts_flagged_claims_for_analysts(client, seeded, analyst):
    client.force_login(analyst)
    response = client.get(URL)
    assert counts(response, "open_flag") == {"any": 10, "unsourced": 10}


def test_entity_facet_counts_a_claim_once_whatever_roles_the_entity_plays(client, roles, analyst):
    japan = EntityFactory(name="Japan")
    claim = ClaimFactory(subject=japan, object=japan, status=ClaimStatus.VERIFIED)
    ClaimMentionFactory(claim=claim, entity=japan)
    other = EntityFactory(name="Canada")
    ClaimFactory(subject=other, object=japan, source=claim.source, status=ClaimStatus.VERIFIED)
    client.force_login(analyst)
    response = client.get(URL)
    assert counts(response, "entity") == {str(japan.pk): 2, str(other.pk): 1}
    chosen = client.get(URL, {"entity": japan.pk})
    assert chosen.context["page"].paginator.count == 2


def test_publisher_and_period_facets(client, seeded, analyst):
    other = SourceFactory(publisher=PublisherFactory(name="Other Wire"))
    ClaimFactory(source=other, status=ClaimStatus.VERIFIED)
    client.force_login(analyst)
    response = client.get(URL)
    publishers = {o.label: o.count for o in facet(response, "publisher").options}
    assert publishers == {"Budget Watch": 10, "Other Wire": 1}
    periods = counts(response, "period")
    assert periods["FY2003"] == 1 and len(periods) == 10
    assert client.get(URL, {"period": "fy2003"}).context["page"].paginator.count == 1


def test_search_ranks_and_highlights_matches_escaped(client, roles, analyst):
    hostile = SourceFactory(body="The <b>budget</b> grew. Nothing else here.")
    ClaimFactory(
        source=hostile,
        quote="The <b>budget</b> grew.",
        statement="The <b>budget</b> grew <script>alert(1)</script>.",
        status=ClaimStatus.VERIFIED,
    )
    ClaimFactory(
        source=hostile, quote="Nothing else here.", statement="Unrelated words.", predicate="says"
    )
    client.force_login(analyst)
    response = client.get(URL, {"q": "budget"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert '<mark class="match">budget</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>budget" not in html
    assert response.context["sort"] == "relevance"


def test_unknown_sort_says_so_and_falls_back(client, seeded):
    response = client.get(URL, {"sort": "nonsense"})
    assert response.status_code == 200
    assert "Unknown sort" in response.content.decode()
    assert response.context["sort"] == "newest"


def test_sort_by_as_of(client, roles, analyst):
    source = SourceFactory(body="First sentence here. Second sentence here.")
    old = ClaimFactory(source=source, quote="First sentence here.", as_of="2020-01-01")
    new = ClaimFactory(source=source, quote="Second sentence here.", as_of="2025-01-01")
    client.force_login(analyst)
    rows = client.get(URL, {"sort": "as_of"}).context["rows"]
    assert [c.pk for c in rows] == [new.pk, old.pk]
    rows = client.get(URL, {"sort": "as_of_asc"}).context["rows"]
    assert [c.pk for c in rows] == [old.pk, new.pk]


def test_bad_filter_value_is_reported_and_left_out(client, seeded):
    response = client.get(URL, {"entity": "999999999"})
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert response.context["page"].paginator.count == 6


def test_pages_hold_25_claims_and_the_url_keeps_the_filters(client, roles, analyst):
    ClaimFactory.create_batch(30, kind=ClaimKind.QUANTITY)
    client.force_login(analyst)
    first = client.get(URL, {"kind": "quantity"})
    assert len(first.context["rows"]) == 25
    assert first.context["page_urls"]["next"] == f"{URL}?kind=quantity&page=2"
    second = client.get(URL, {"kind": "quantity", "page": 2})
    assert len(second.context["rows"]) == 5


def test_a_facet_option_links_to_the_whole_new_state(client, seeded, analyst):
    client.force_login(analyst)
    response = client.get(URL, {"q": "budget", "status": "verified", "page": "1"})
    refuted = next(o for o in facet(response, "status").options if o.value == "refuted")
    assert refuted.url == f"{URL}?q=budget&status=verified&status=refuted"
    verified = next(o for o in facet(response, "status").options if o.value == "verified")
    assert verified.url == f"{URL}?q=budget"


def test_htmx_request_gets_the_fragment_and_the_response_varies_on_it(client, seeded):
    response = client.get(URL, {"status": "verified"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<form" in html
    assert 'id="result-status"' in html
    assert "HX-Request" in response["Vary"]
    full = client.get(URL, {"status": "verified"})
    assert "<html" in full.content.decode()


def test_empty_state_for_anonymous_readers(client, roles):
    ClaimFactory(status=ClaimStatus.UNREVIEWED)
    assert "No published claims yet" in client.get(URL).content.decode()


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_holds_the_current_view_for_the_reader(client, seeded, analyst):
    anonymous = read_csv(client.get(reverse("claims:claim_export"), {"kind": "quantity"}))
    assert {row["status"] for row in anonymous} == {"verified", "refuted", "misleading"}
    assert len(anonymous) == 6
    client.force_login(analyst)
    response = client.get(reverse("claims:claim_export"), {"status": ["verified", "refuted"]})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 4
    assert rows[0]["page_url"].endswith(f"/claims/{rows[0]['id']}/")
    assert rows[0]["publisher"] == "Budget Watch"


def test_csv_export_neutralises_spreadsheet_formulas(client, roles):
    source = SourceFactory(body="=HYPERLINK(evil) said so.")
    ClaimFactory(
        source=source,
        quote="=HYPERLINK(evil) said so.",
        statement="=cmd|' /C calc'!A0",
        status=ClaimStatus.VERIFIED,
    )
    (row,) = read_csv(client.get(reverse("claims:claim_export")))
    assert row["statement"] == "'=cmd|' /C calc'!A0"
    assert row["quote"].startswith("'=HYPERLINK")


def test_the_list_links_to_the_export_of_the_same_view(client, seeded):
    response = client.get(URL, {"kind": "quantity", "page": "1"})
    assert response.context["export_url"] == reverse("claims:claim_export") + "?kind=quantity"
