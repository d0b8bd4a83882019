"""The candidates API (/api/v1/candidates/): internal reads, editors accept and dismiss; and
candidates never reaching anonymous readers anywhere (claims API, pages, CSV, Atom,
ClaimReview, the change feed), with a proposed and a dismissed candidate present."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from claims import candidates, services
from claims.choices import ClaimStatus
from claims.models import Annotation, Claim, Review

from ..factories import ClaimWithPartsFactory, EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "analyst", "editor", "reviewer"]
FIRST = "Japan raised its budget."
SECOND = "The budget grew to 18.1 billion yen in 2026."
FEATURES = {"number": 0.3, "period": 0.1, "entity": 0.15, "length": 0.1, "framing": -0.1}


def propose(actor, *, quote=SECOND, source=None, **fields):
    """A candidate on `quote` of `source`, as the intake makes them."""
    source = source or SourceFactory()
    start = source.body.index(quote)
    fields.setdefault("statement", quote)
    fields.setdefault("kind", "quantity")
    candidate = candidates.claim_propose(
        actor=actor, source=source, quote=quote, start=start, end=start + len(quote), **fields
    )
    candidate.refresh_from_db()  # its quantities moved its version on
    return candidate


def etag(claim) -> str:
    claim.refresh_from_db()
    return f'"{claim.pk}-{claim.version}"'


@pytest.fixture
def client_as(api, outsider, analyst, editor, reviewer):
    users = {"outsider": outsider, "analyst": analyst, "editor": editor, "reviewer": reviewer}
    return lambda role: api(users.get(role))


@dataclass
class Desk:
    ready: Claim  # proposed, with subject and predicate
    bare: Claim  # proposed, without them
    dismissed: Claim


@pytest.fixture
def desk(editor):
    source = SourceFactory(title="Budget wire")
    ready = propose(
        editor,
        source=source,
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
        checkworthiness=Decimal("0.75"),
        checkworthiness_features=FEATURES,
        proposed_attribution="a finance ministry official",
        proposed_entities=["Harbour Council"],
        quantities=[{"value": "18.1", "scale": "1000000000", "unit": "JPY", "period": "FY2026"}],
    )
    bare = propose(editor, source=source, quote=FIRST, kind="event", checkworthiness="0.40")
    dismissed = propose(editor, source=source, checkworthiness="0.90")
    candidates.claim_dismiss(actor=editor, claim=dismissed, reason="A duplicate sentence.")
    return Desk(ready, bare, dismissed)


def written() -> tuple:
    return (
        tuple(Claim.objects.order_by("pk").values_list("status", "version")),
        Review.objects.count(),
        Annotation.objects.count(),
    )


# ---------------------------------------------------------------------------- who may do what

READER = {"anonymous": 401, "outsider": 403, "analyst": 200, "editor": 200, "reviewer": 200}
WRITER = {"anonymous": 401, "outsider": 403, "analyst": 403, "editor": 200, "reviewer": 200}

CALLS = {
    # name: (method, url(desk), body, if_match(desk) or None, {role: status})
    "list": ("get", lambda d: "/api/v1/candidates/", None, None, READER),
    "detail": ("get", lambda d: f"/api/v1/candidates/{d.ready.pk}/", None, None, READER),
    "dismissed detail": (
        "get",
        lambda d: f"/api/v1/candidates/{d.dismissed.pk}/",
        None,
        None,
        READER,
    ),
    "accept": (
        "post",
        lambda d: f"/api/v1/candidates/{d.ready.pk}/accept/",
        {},
        lambda d: etag(d.ready),
        WRITER,
    ),
    "dismiss": (
        "post",
        lambda d: f"/api/v1/candidates/{d.bare.pk}/dismiss/",
        {"reason": "Not a claim."},
        None,
        WRITER,
    ),
    "conflicts": ("get", lambda d: "/api/v1/conflicts/", None, None, READER),
    "write conflicts (not offered)": (
        "post",
        lambda d: "/api/v1/conflicts/",
        {},
        None,
        {**READER, "analyst": 405, "editor": 405, "reviewer": 405},
    ),
    "replace (not offered)": (
        "put",
        lambda d: f"/api/v1/candidates/{d.ready.pk}/",
        {},
        None,
        {**READER, "analyst": 405, "editor": 405, "reviewer": 405},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(CALLS))
def test_who_may_read_accept_and_dismiss_candidates(desk, client_as, role, name):
    method, url, body, if_match, expected = CALLS[name]
    headers = {"HTTP_IF_MATCH": if_match(desk)} if if_match else {}
    before = written()
    response = getattr(client_as(role), method)(url(desk), body, format="json", **headers)
    assert response.status_code == expected[role], response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) >= {"detail", "code", "errors"}
        assert written() == before, "a refused call must write nothing"
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == "Token"
    if response.status_code == 403 and method == "get":
        assert "internal" in response.json()["detail"]


def test_a_refused_reader_learns_nothing_about_which_candidates_exist(desk, client_as):
    for role in ("anonymous", "outsider"):
        missing = client_as(role).get("/api/v1/candidates/999999999/")
        present = client_as(role).get(f"/api/v1/candidates/{desk.ready.pk}/")
        assert missing.status_code == present.status_code != 404


def test_the_api_root_links_the_candidates_and_conflicts(api):
    root = api().get("/api/v1/").json()
    assert root["candidates"].endswith("/api/v1/candidates/")
    assert root["conflicts"].endswith("/api/v1/conflicts/")


# ---------------------------------------------------------------------------- reading


def test_a_candidate_shows_its_passage_structure_quantities_and_each_feature(desk, api, analyst):
    response = api(analyst).get(f"/api/v1/candidates/{desk.ready.pk}/")
    assert response["ETag"] == f'"{desk.ready.pk}-{desk.ready.version}"'
    body = response.json()
    assert {k: body[k] for k in ("status", "quote", "start", "end", "kind", "predicate")} == {
        "status": "proposed",
        "quote": SECOND,
        "start": desk.ready.source.body.index(SECOND),
        "end": desk.ready.source.body.index(SECOND) + len(SECOND),
        "kind": "quantity",
        "predicate": "budget is",
    }
    assert body["source"]["title"] == "Budget wire"
    assert body["subject"]["name"] == "Japan"
    assert (body["attributed_to"], body["proposed_attribution"]) == (
        None,
        "a finance ministry official",
    )
    assert (body["mentions"], body["proposed_entities"]) == ([], ["Harbour Council"])
    assert body["checkworthiness"] == "0.75"
    assert body["checkworthiness_features"] == FEATURES
    assert [
        (q["value"], q["normalised_value"], q["unit"], q["period"]) for q in body["quantities"]
    ] == [("18.1", "18100000000", "JPY", "FY2026")]
    assert body["dismissed_reason"] is None
    assert body["version"] == desk.ready.version


def test_a_bare_candidate_has_null_subject_and_predicate_and_a_dismissed_one_its_reason(
    desk, api, analyst
):
    bare = api(analyst).get(f"/api/v1/candidates/{desk.bare.pk}/").json()
    assert (bare["subject"], bare["predicate"]) == (None, None)
    dismissed = api(analyst).get(f"/api/v1/candidates/{desk.dismissed.pk}/").json()
    assert (dismissed["status"], dismissed["dismissed_reason"]) == (
        "dismissed",
        "A duplicate sentence.",
    )


def test_the_list_is_best_first_and_filters_by_source_status_kind_score_and_text(
    desk, api, analyst, editor
):
    other = propose(editor, statement="Elsewhere the budget grew.", checkworthiness="0.60")
    unscored = propose(editor, statement="An unscored sentence.")
    client = api(analyst)

    def ids(**params):
        response = client.get("/api/v1/candidates/", params)
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["results"]]

    best_first = [desk.dismissed.pk, desk.ready.pk, other.pk, desk.bare.pk, unscored.pk]
    assert ids() == best_first
    assert ids(ordering="checkworthiness") == best_first[::-1]
    assert ids(source=desk.ready.source_id) == [desk.dismissed.pk, desk.ready.pk, desk.bare.pk]
    assert ids(status="proposed") == [desk.ready.pk, other.pk, desk.bare.pk, unscored.pk]
    assert ids(status="dismissed") == [desk.dismissed.pk]
    assert ids(kind="event") == [desk.bare.pk]
    assert ids(min_checkworthiness="0.6") == [desk.dismissed.pk, desk.ready.pk, other.pk]
    assert ids(q="elsewhere") == [other.pk]
    assert ids(status="") == best_first  # empty means not sent


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "unreviewed"}, "status"),
        ({"min_checkworthiness": "1.5"}, "min_checkworthiness"),
        ({"source": "999999999"}, "source"),
        ({"ordering": "statement"}, "ordering"),
    ],
)
def test_bad_filters_are_refused_in_the_one_error_shape(desk, api, analyst, params, field):
    response = api(analyst).get("/api/v1/candidates/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_pages_follow_the_score_without_gaps_or_repeats(api, analyst, editor):
    made = [propose(editor, checkworthiness=score) for score in ("0.50", "0.50", "0.50", "0.30")]
    made.append(propose(editor))  # unscored: last
    seen, url = [], "/api/v1/candidates/?page_size=2"
    while url:
        page = api(analyst).get(url).json()
        seen += [c["id"] for c in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(c.pk for c in made) and len(seen) == len(made)
    assert seen[-2:] == [made[3].pk, made[4].pk]


def test_the_list_costs_the_same_queries_for_5_or_50_candidates(
    api, analyst, editor, assert_same_queries
):
    def grow(n):
        for i in range(n):
            propose(
                editor,
                subject=EntityFactory(name=f"Entity {i % 7}"),
                mentions=[EntityFactory(name=f"Mentioned {i % 5}")],
                checkworthiness=Decimal(i % 100) / 100,
                quantities=[{"value": str(i + 1), "unit": "JPY", "period": "FY2026"}],
            )

    grow(5)
    client = api(analyst)
    count = assert_same_queries(
        lambda: client.get("/api/v1/candidates/?page_size=100"), grow=lambda: grow(45)
    )
    assert count <= 12  # of which the page itself: candidates, quantities, mentions


# ---------------------------------------------------------------------------- accepting


def test_accepting_answers_the_new_claim_with_its_etag_and_location(desk, api, editor):
    response = api(editor).post(
        f"/api/v1/candidates/{desk.ready.pk}/accept/",
        {},
        format="json",
        HTTP_IF_MATCH=etag(desk.ready),
    )
    assert response.status_code == 200, response.content
    claim = Claim.objects.get(pk=desk.ready.pk)
    assert claim.status == ClaimStatus.UNREVIEWED
    assert response["Location"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert response["ETag"] == f'"{claim.pk}-{claim.version}"'
    body = response.json()
    assert (body["id"], body["status"], body["predicate"]) == (claim.pk, "unreviewed", "budget is")
    assert api(editor).get(f"/api/v1/candidates/{claim.pk}/").status_code == 404
    assert api(editor).get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    # It cites someone, as written: no unsourced flag.
    assert body["open_flags"] == []


def test_accepting_applies_the_editors_corrections_first(desk, api, editor):
    japan, philippines = EntityFactory(name="Japan"), EntityFactory(name="Philippines")
    response = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/accept/",
        {
            "subject": japan.pk,
            "predicate": "raised",
            "statement": "Japan raised its defence budget.",
            "mentions": [philippines.pk],
            "checkable": False,
        },
        format="json",
        HTTP_IF_MATCH=etag(desk.bare),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["subject"]["id"], body["predicate"], body["statement"]) == (
        japan.pk,
        "raised",
        "Japan raised its defence budget.",
    )
    assert [m["id"] for m in body["mentions"]] == [philippines.pk]
    assert body["open_flags"] == []  # not checkable: no unsourced flag


def test_accepting_without_subject_and_predicate_is_refused_as_unstructured(desk, api, editor):
    before = written()
    response = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/accept/",
        {},
        format="json",
        HTTP_IF_MATCH=etag(desk.bare),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "unstructured"
    assert set(body["errors"]) == {"subject", "predicate"}
    assert written() == before


def test_every_field_error_comes_at_once_with_the_missing_structure(desk, api, editor):
    response = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/accept/",
        {"kind": "gossip", "as_of": "yesterday", "source": 1},
        format="json",
        HTTP_IF_MATCH=etag(desk.bare),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kind", "as_of", "source", "subject", "predicate"}


def test_a_sent_subject_must_be_valid_and_counts_as_given(desk, api, editor):
    response = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/accept/",
        {"subject": 999999999, "predicate": "raised"},
        format="json",
        HTTP_IF_MATCH=etag(desk.bare),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"subject"}
    assert response.json()["code"] == "does_not_exist"


def test_a_stale_if_match_is_412_and_a_missing_one_428(desk, api, editor, other_editor):
    stale = etag(desk.ready)
    services.claim_update(  # another editor corrects it meanwhile
        actor=other_editor,
        claim=desk.ready,
        expected_version=desk.ready.version,
        statement="Corrected meanwhile.",
    )
    before = written()
    url = f"/api/v1/candidates/{desk.ready.pk}/accept/"
    response = api(editor).post(url, {}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    current = Claim.objects.get(pk=desk.ready.pk).version
    assert response.json()["current_version"] == current
    assert stale != f'"{desk.ready.pk}-{current}"'
    assert response["ETag"] == etag(desk.ready)
    assert api(editor).post(url, {}, format="json").status_code == 428
    assert api(editor).post(url, {}, format="json", HTTP_IF_MATCH="*").status_code == 428
    assert written() == before


def test_a_dismissed_candidate_cannot_be_accepted(desk, api, editor):
    response = api(editor).post(
        f"/api/v1/candidates/{desk.dismissed.pk}/accept/",
        {"subject": EntityFactory().pk, "predicate": "is"},
        format="json",
        HTTP_IF_MATCH=etag(desk.dismissed),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "not_a_candidate"


# ---------------------------------------------------------------------------- dismissing


def test_dismissing_keeps_the_candidate_with_its_reason(desk, api, editor, analyst):
    response = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/dismiss/",
        {"reason": "  A headline, not a claim. "},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["dismissed_reason"]) == ("dismissed", "A headline, not a claim.")
    assert response["ETag"] == etag(desk.bare)
    listed = api(analyst).get("/api/v1/candidates/?status=dismissed").json()["results"]
    assert desk.bare.pk in [c["id"] for c in listed]


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": None}])
def test_dismissing_without_a_reason_is_refused_on_reason(desk, api, editor, body):
    before = written()
    response = api(editor).post(f"/api/v1/candidates/{desk.bare.pk}/dismiss/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reason"]
    assert written() == before


def test_dismissing_twice_or_with_unknown_fields_is_refused(desk, api, editor):
    twice = api(editor).post(
        f"/api/v1/candidates/{desk.dismissed.pk}/dismiss/", {"reason": "Again."}, format="json"
    )
    assert (twice.status_code, twice.json()["code"]) == (400, "not_a_candidate")
    unknown = api(editor).post(
        f"/api/v1/candidates/{desk.bare.pk}/dismiss/",
        {"reason": "No.", "status": "dismissed"},
        format="json",
    )
    assert unknown.status_code == 400 and "status" in unknown.json()["errors"]


# ---------------------------------------------------------------------------- never public


@pytest.fixture
def public_world(desk):
    """A published claim on the same source as a proposed and a dismissed candidate, each
    candidate with a statement that appears nowhere else."""
    Claim.objects.filter(pk=desk.bare.pk).update(statement="CANDIDATE-PROPOSED-STATEMENT")
    Claim.objects.filter(pk=desk.dismissed.pk).update(statement="CANDIDATE-DISMISSED-STATEMENT")
    desk.bare.refresh_from_db()
    desk.dismissed.refresh_from_db()
    published = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED, source=desk.bare.source)
    return desk, published


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _assert_no_candidate(text: str, desk) -> None:
    for candidate in (desk.bare, desk.dismissed, desk.ready):
        assert f"claims/{candidate.pk}/" not in text
        assert f'data-claim="{candidate.pk}"' not in text
    assert "CANDIDATE-PROPOSED-STATEMENT" not in text
    assert "CANDIDATE-DISMISSED-STATEMENT" not in text
    assert "A duplicate sentence." not in text  # a dismissal's reason


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/",
        "/api/v1/claims/?format=csv",
        "/api/v1/claims/?q=budget",
        "/api/v1/claims/verified.atom",
        "/api/v1/changes/",
        "/claims/",
        "/claims/export.csv",
        "/",
        "/sources/",
    ],
)
def test_candidates_reach_no_anonymous_list_export_or_feed(public_world, client, api, url):
    desk, published = public_world
    fetch = client.get if not url.startswith("/api/") else api().get
    response = fetch(url)
    assert response.status_code == 200
    text = _text(response)
    _assert_no_candidate(text, desk)
    if "changes" not in url and url != "/sources/":
        assert published.statement in text or str(published.pk) in text


def test_a_source_s_web_annotations_leave_candidates_out(public_world, api):
    desk, published = public_world
    text = _text(api().get(f"/api/v1/sources/{published.source_id}/annotations/"))
    _assert_no_candidate(text, desk)
    assert f"claims/{published.pk}/" in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/{pk}/",
        "/api/v1/claims/{pk}/claimreview/",
        "/claims/{pk}/",
        "/sources/{source}/cards/?claim={pk}",
    ],
)
@pytest.mark.parametrize("which", ["bare", "dismissed"])
def test_a_candidate_is_not_found_by_anonymous_readers(public_world, client, api, path, which):
    desk, _ = public_world
    candidate = getattr(desk, which)
    url = path.format(pk=candidate.pk, source=candidate.source_id)
    response = (api().get if url.startswith("/api/") else client.get)(url)
    assert response.status_code == 404
    text = _text(response)  # (a 404 page's login link carries the address asked for)
    assert candidate.statement not in text and "A duplicate sentence." not in text


def test_the_reading_view_shows_anonymous_readers_no_candidate(public_world, client):
    desk, published = public_world
    page = client.get(f"/sources/{published.source_id}/").content.decode()
    assert f'data-claim="{published.pk}"' in page
    _assert_no_candidate(page, desk)
    assert "status-proposed" not in page and "Candidate" not in page


# ---------------------------------------------------------------------------- conflicts


def osa_report(editor, value, *, title, candidate=False):
    """A source saying the programme gets `value` billion yen in FY2026, and its claim (or,
    with `candidate`, the intake's candidate) with that quantity."""
    body = f"Officials said the programme will receive {value} billion yen in fiscal 2026."
    source = SourceFactory(body=body, title=title)
    quote = f"will receive {value} billion yen"
    fields = {
        "statement": f"OSA gets {value} billion yen in FY2026.",
        "subject": EntityFactory(name="OSA", kind="program"),
        "predicate": "budget is",
        "quantities": [
            {
                "value": value,
                "scale": "1000000000",
                "unit": "JPY",
                "period": "FY2026",
                "role": "budget_request",
            }
        ],
    }
    claim = propose(editor, source=source, quote=quote, **fields)
    if not candidate:
        candidates.claim_accept(actor=editor, claim=claim, checkable=False)
    return claim


def test_conflicts_show_each_source_s_value_and_passage_lowest_first(api, analyst, editor):
    agency = osa_report(editor, "18.1", title="Agency report")
    paper = osa_report(editor, "19.1", title="Paper report", candidate=True)
    response = api(analyst).get("/api/v1/conflicts/")
    assert response.status_code == 200
    [conflict] = response.json()["results"]
    assert (conflict["period"], conflict["unit"]) == ("FY2026", "JPY")
    assert "OSA" in conflict["measure"]
    low, high = conflict["claims"]
    assert (low["claim"], low["candidate"], low["status"]) == (agency.pk, False, "unreviewed")
    assert low["url"] == f"http://testserver/api/v1/claims/{agency.pk}/"
    assert (high["claim"], high["candidate"], high["status"]) == (paper.pk, True, "proposed")
    assert high["url"] == f"http://testserver/api/v1/candidates/{paper.pk}/"
    assert (low["value"], low["stated"], low["bound"]) == ("18100000000", low["stated"], "exact")
    assert "18.1" in low["stated"]
    source = agency.source
    assert low["quote"] == source.body[low["start"] : low["end"]] == "will receive 18.1 billion yen"
    assert low["source"]["title"] == "Agency report"
    assert low["flagged"] and high["flagged"]  # two sources, no majority


def test_agreeing_sources_are_no_conflict(api, analyst, editor):
    osa_report(editor, "18.1", title="Agency report")
    osa_report(editor, "18.1", title="Paper report", candidate=True)
    assert api(analyst).get("/api/v1/conflicts/").json() == {"results": []}


def test_the_conflicts_answer_costs_the_same_queries_for_more_sources(
    api, analyst, editor, assert_same_queries
):
    osa_report(editor, "18.1", title="Agency report")
    osa_report(editor, "19.1", title="Paper report", candidate=True)
    client = api(analyst)

    def grow():
        for i in range(6):
            osa_report(editor, f"2{i}.1", title=f"Report {i}", candidate=bool(i % 2))

    assert_same_queries(lambda: client.get("/api/v1/conflicts/"), grow=grow)


# ---------------------------------------------------------------------------- the reading view


def test_analysts_see_open_candidates_outlined_as_candidates_in_the_reading_view(
    public_world, client, analyst
):
    desk, published = public_world
    client.force_login(analyst)
    page = client.get(f"/sources/{published.source_id}/").content.decode()
    for candidate in (desk.bare, desk.ready):  # the open ones
        assert f'data-claim="{candidate.pk}" data-depth=' in page
        assert f'data-select-claim="{candidate.pk}"' in page
    assert 'class="claim-mark status-proposed"' in page
    assert "Candidates in this text" in page and '<span class="badge candidate">' in page
    assert f'data-claim="{desk.dismissed.pk}"' not in page  # dismissed: not shown
    assert "CANDIDATE-DISMISSED-STATEMENT" not in page


def test_selecting_a_candidate_shows_its_card_with_the_way_to_the_queue(
    public_world, client, analyst
):
    desk, published = public_world
    client.force_login(analyst)
    url = f"/sources/{published.source_id}/cards/?claim={desk.ready.pk}&claim={published.pk}"
    cards = client.get(url).content.decode()
    assert cards.index(f'data-candidate="{desk.ready.pk}"') < cards.index(
        f'data-claim="{published.pk}"'
    )
    assert (
        "Score 0.75" in cards and "number +0.30" in cards and "framing \N{MINUS SIGN}0.10" in cards
    )
    assert f"/admin/claims/candidate/{desk.ready.pk}/change/" in cards
    dismissed = f"/sources/{published.source_id}/cards/?claim={desk.dismissed.pk}"
    assert client.get(dismissed).status_code == 404


def test_the_reading_view_costs_the_same_queries_with_5_or_50_candidates(
    client, analyst, editor, assert_same_queries
):
    source = SourceFactory(body=" ".join(f"Sentence {i} names 1{i} ships." for i in range(60)))

    def grow(first, n):
        for i in range(first, first + n):
            propose(editor, source=source, quote=f"Sentence {i} names 1{i} ships.", kind="event")

    grow(0, 5)
    client.force_login(analyst)
    count = assert_same_queries(
        lambda: client.get(f"/sources/{source.pk}/"), grow=lambda: grow(5, 45)
    )
    assert count == 8  # as without candidates (tests/claims/test_pages_queries.py)


def test_conflicts_can_be_limited_to_one_source(api, analyst, editor):
    agency = osa_report(editor, "18.1", title="Agency report")
    osa_report(editor, "19.1", title="Paper report", candidate=True)
    bystander = SourceFactory(title="Unrelated")
    client = api(analyst)
    [conflict] = client.get(f"/api/v1/conflicts/?source={agency.source_id}").json()["results"]
    assert agency.pk in [side["claim"] for side in conflict["claims"]]
    assert client.get(f"/api/v1/conflicts/?source={bystander.pk}").json() == {"results": []}
    for bad in ("999999999", "abc"):
        refused = client.get(f"/api/v1/conflicts/?source={bad}")
        assert refused.status_code == 400 and list(refused.json()["errors"]) == ["source"]
    assert len(client.get("/api/v1/conflicts/?source=").json()["results"]) == 1
