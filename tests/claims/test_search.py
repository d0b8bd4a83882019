"""Search finds what people type: either spelling of a word, with or without its accents, a name
in another script inside a longer word, an entity by a name or alias typed with a typo. The
page and the API answer `q` through the same code (ClaimQuerySet.search)."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from claims.choices import PUBLISHED_STATUSES, ClaimStatus
from claims.models import Claim, Entity, SearchSpelling
from claims.seeding import load_seed
from claims.selectors import entities_matching
from claims.spellings import ensure_spellings
from tests.factories import ClaimFactory, EntityFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("claims:claim_list")
API_URL = "/api/v1/claims/"


def page_ids(client, query: str) -> list[int]:
    response = client.get(LIST_URL, {"q": query})
    return [claim.pk for claim in response.context["rows"]]


def api_ids(api, query: str) -> list[int]:
    return [claim["id"] for claim in api().get(API_URL, {"q": query}).json()["results"]]


@pytest.fixture(autouse=True)
def spellings(db):
    """The shipped spelling groups; re-made because transactional tests flush every table."""
    ensure_spellings()


@pytest.fixture
def seeded(db):
    return load_seed()


def test_defence_and_defense_find_the_same_claims_in_the_same_order(client, api, seeded):
    published = Claim.objects.filter(status__in=PUBLISHED_STATUSES)
    # Every form of either spelling: defences, defensive (stemmed as "defense" is).
    either = published.filter(
        Q(quote__iregex=r"defen[cs]") | Q(statement__iregex=r"defen[cs]")
        | Q(predicate__iregex=r"defen[cs]")
    )  # fmt: skip
    british, american = page_ids(client, "defence"), page_ids(client, "defense")
    assert british == american
    assert sorted(british) == sorted(either.values_list("pk", flat=True))
    # The API breaks ties in rank by id in the rank's direction, the page by ascending id.
    assert api_ids(api, "defence") == api_ids(api, "defense")
    assert sorted(api_ids(api, "defence")) == sorted(british)


def test_an_inflected_spelling_finds_the_other_spelling_too(client, seeded):
    assert page_ids(client, "defenses") == page_ids(client, "defence")


def test_a_query_with_accents_finds_the_words_without_them(client, api, seeded):
    assert page_ids(client, "Défense") == page_ids(client, "defence") != []
    assert api_ids(api, "DÉFENSE") == api_ids(api, "defence") != []


def test_a_quote_with_accents_is_found_without_them_and_its_word_marked(client):
    source = SourceFactory(body="Le ministère de la Défense a publié son budget.")
    claim = ClaimFactory(
        source=source,
        quote=source.body,
        statement="France's Ministère de la Défense published its budget.",
        status=ClaimStatus.VERIFIED,
    )
    response = client.get(LIST_URL, {"q": "ministere defense"})
    assert [c.pk for c in response.context["rows"]] == [claim.pk]
    html = response.content.decode()
    assert '<mark class="match">Défense</mark>' in html
    assert '<mark class="match">Ministère</mark>' in html


def test_a_name_in_another_script_is_found_inside_a_longer_word(client, api):
    source = SourceFactory(body="日本の防衛費は過去最大となった。Japan raised its budget.")
    claim = ClaimFactory(
        source=source,
        quote="日本の防衛費は過去最大となった。",
        statement="Japan's defence budget reached a record.",
        status=ClaimStatus.VERIFIED,
    )
    ClaimFactory(status=ClaimStatus.VERIFIED)  # no Japanese text
    response = client.get(LIST_URL, {"q": "日本"})
    assert [c.pk for c in response.context["rows"]] == [claim.pk]
    assert '<mark class="match">日本</mark>の防衛費' in response.content.decode()
    assert api_ids(api, "日本") == [claim.pk]
    # Each term must occur; a term that does not, finds nothing.
    assert api_ids(api, "日本 防衛費") == [claim.pk]
    assert api_ids(api, "日本 中国") == []


def test_a_new_spelling_group_takes_effect_without_reindexing(client):
    tyre = ClaimFactory(
        source=SourceFactory(body="Japan raised its budget. Tire imports rose."),
        quote="Tire imports rose.",
        statement="Tire imports rose.",
        status=ClaimStatus.VERIFIED,
    )
    assert page_ids(client, "tyre") == []
    SearchSpelling.objects.create(spellings=["tyre", "tire"])
    assert page_ids(client, "tyre") == [tyre.pk]


def test_claims_loaded_with_copy_are_searchable_at_once():
    """The bulk corpus loads claims with COPY, past every Python save: the search vector is a
    generated column, so PostgreSQL fills it for COPY as for any insert."""
    source = SourceFactory(body="Japan raised its budget. The defence budget grew.")
    subject = EntityFactory(name="Japan")
    user = UserFactory()
    quote = "The defence budget grew."
    start = source.body.index(quote)
    columns = (
        'source_id, quote, start, "end", statement, kind, subject_id, predicate, as_of, '
        "status, created_by_id, version, created_at, updated_at"
    )
    row = (
        source.pk, quote, start, start + len(quote), "Japan's defence budget grew.", "quantity",
        subject.pk, "budget is", date(2026, 2, 2), ClaimStatus.VERIFIED, user.pk, 1,
        "2026-02-02T00:00:00Z", "2026-02-02T00:00:00Z",
    )  # fmt: skip
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY claims_claim ({columns}) FROM STDIN") as copy:
            copy.write_row(row)
        cursor.execute(
            "SELECT count(*) FROM claims_claim"
            " WHERE search_vector @@ claimdesk_search_query('Défense') AND source_id = %s",
            [source.pk],
        )
        assert cursor.fetchone() == (1,)


# ---------------------------------------------------------------------------- entities


def test_an_entity_is_found_by_an_alias_typed_with_a_typo(api):
    timor = EntityFactory(name="Timor-Leste", aliases=["East Timor"])
    EntityFactory(name="Thailand")
    found = api().get("/api/v1/entities/", {"q": "East Tmor"}).json()["results"]
    assert [e["id"] for e in found] == [timor.pk]


def test_an_entity_is_found_by_its_name_typed_with_accents_or_a_typo(api):
    raa = EntityFactory(name="Reciprocal Access Agreement", kind="agreement", aliases=["RAA"])
    EntityFactory(name="Agreement on the Security of Information", kind="agreement")
    for typed in ("Reciprocl Acess", "Récíprocal Accèss"):
        found = api().get("/api/v1/entities/", {"q": typed}).json()["results"]
        assert [e["id"] for e in found] == [raa.pk], typed


def test_the_admin_autocomplete_offers_the_closest_entity_first(client, editor):
    EntityFactory(name="Timor-Leste", aliases=["East Timor"])
    EntityFactory(name="East Asia Summit", kind="organization")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "claims",
            "model_name": "claim",
            "field_name": "subject",
            "term": "East Tmor",
        },
    )
    assert response.json()["results"][0]["text"] == "Timor-Leste"


# ---------------------------------------------------------------------------- what it costs


def plan(queryset) -> str:
    # The test tables are tiny, where a sequential scan is cheapest; what matters is that the
    # indexes can answer these queries once the tables are large.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_a_search_is_answered_by_the_full_text_index():
    ClaimFactory.create_batch(3)
    assert "claim_search_vector_gin" in plan(Claim.objects.search("defence budget"))


def test_a_search_in_another_script_is_answered_by_the_trigram_indexes():
    ClaimFactory.create_batch(3)
    explained = plan(Claim.objects.search("防衛費"))
    assert "claim_search_vector_gin" in explained
    assert "claim_statement_trgm" in explained
    assert "claim_quote_trgm" in explained


def test_a_term_too_short_for_trigrams_computes_the_query_once_not_per_claim():
    ClaimFactory.create_batch(3)
    explained = plan(Claim.objects.search("日本"))
    filters = [line for line in explained.splitlines() if "Filter:" in line or "Cond:" in line]
    assert not any("claimdesk_search_query(" in line for line in filters), explained


def test_an_entity_search_is_answered_by_the_trigram_index():
    EntityFactory.create_batch(3)
    found = entities_matching(Entity.objects.all(), "Tmor").order_by()
    assert "entity_search_names_trgm" in plan(found)


def test_the_spelling_expansion_is_computed_once_per_query():
    # One InitPlan (run once) per use, the match and the rank; never a SubPlan (run per row).
    explained = plan(Claim.objects.search("defence"))
    assert explained.count("InitPlan") == 2 and "SubPlan" not in explained


@pytest.mark.parametrize("query", ["defence", "Défense", "日本"])
def test_a_search_costs_the_same_queries_whatever_the_number_of_claims(
    client, api, assert_same_queries, query
):
    def grow():
        source = SourceFactory(body="日本の防衛費は過去最大となった。The defence budget grew.")
        for quote in ("日本の防衛費は過去最大となった。", "The defence budget grew."):
            ClaimFactory.create_batch(5, source=source, quote=quote, status=ClaimStatus.VERIFIED)

    grow()
    assert_same_queries(lambda: client.get(LIST_URL, {"q": query}), grow=grow)
    assert_same_queries(lambda: api().get(API_URL, {"q": query}), grow=grow)


# ---------------------------------------------------------------------------- no results


def empty_text(client, params) -> str:
    response = client.get(LIST_URL, params)
    assert response.context["rows"] == []
    html = response.content.decode()
    return html[html.index('<div class="empty">') :].split("</div>")[0]


def test_a_search_with_no_result_and_no_filter_does_not_ask_to_remove_a_filter(client):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    text = empty_text(client, {"q": "zzyzx"})
    assert "No claims match “zzyzx”." in text
    assert "Remove a filter" not in text
    assert "only published claims are searched" in text


def test_a_search_with_no_result_under_a_filter_offers_to_search_without_it(client):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    text = empty_text(client, {"q": "budget", "status": "refuted"})
    assert "No claims match “budget” with these filters." in text
    assert "Remove a filter above" in text
    assert f'href="{LIST_URL}?q=budget"' in text


def test_filters_with_no_result_and_no_search_ask_to_remove_a_filter(client):
    ClaimFactory(status=ClaimStatus.VERIFIED)
    text = empty_text(client, {"status": "refuted"})
    assert "No claims match these filters." in text
    assert "Remove a filter above" in text
