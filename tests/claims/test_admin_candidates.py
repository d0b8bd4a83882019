"""The candidates queue in the admin: analysts look, editors accept (after filling in or
correcting the claim form) or dismiss with a reason, one by one or in bulk."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from claims import candidates, services
from claims.choices import ClaimStatus
from claims.models import Claim, Review

from ..factories import EntityFactory, SourceFactory
from ..html_forms import form_data

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:claims_candidate_changelist")
FIRST = "Japan raised its budget."
SECOND = "The budget grew to 18.1 billion yen in 2026."
FEATURES = {"number": 0.3, "period": 0.1, "entity": 0.15, "hedge": 0.0, "framing": -0.1}


def change_url(candidate):
    return reverse("admin:claims_candidate_change", args=[candidate.pk])


def propose(actor, *, quote=SECOND, source=None, **fields):
    source = source or SourceFactory()
    start = source.body.index(quote)
    fields.setdefault("statement", quote)
    fields.setdefault("kind", "quantity")
    candidate = candidates.claim_propose(
        actor=actor, source=source, quote=quote, start=start, end=start + len(quote), **fields
    )
    candidate.refresh_from_db()  # its quantities moved its version on
    return candidate


@pytest.fixture
def source():
    return SourceFactory(title="Harbour Wire budget story")


@pytest.fixture
def ready(editor, source):
    return propose(
        editor,
        source=source,
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
        checkworthiness=Decimal("0.55"),
        checkworthiness_features=FEATURES,
        proposed_attribution="a finance ministry official",
        quantities=[
            {
                "value": "18.1",
                "scale": "1000000000",
                "unit": "JPY",
                "period": "FY2026",
                "role": "budget_request",
            }
        ],
    )


@pytest.fixture
def bare(editor, source):
    return propose(editor, source=source, quote=FIRST, kind="event", checkworthiness="0.35")


def status_of(candidate) -> str:
    return Claim.objects.get(pk=candidate.pk).status


def post_change_form(client, candidate, button, **changes):
    """Submit the candidate's change page as a browser does, with `button` pressed."""
    data = form_data(client.get(change_url(candidate)).content.decode(), "candidate_form")
    data.update({key: [value] for key, value in changes.items()})
    data[button] = ["1"]
    return client.post(change_url(candidate), data)


# ---------------------------------------------------------------------------- who sees what


@pytest.mark.parametrize(
    "role, queue, change",
    [
        ("anonymous", 302, 302),
        ("outsider", 302, 302),
        ("analyst", 200, 200),
        ("editor", 200, 200),
        ("reviewer", 200, 200),
    ],
)
def test_the_queue_and_a_candidate_page_per_role(client, request, ready, role, queue, change):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(QUEUE).status_code == queue
    page = client.get(change_url(ready))
    assert page.status_code == change
    if role == "analyst":  # view-only: no buttons, no actions
        assert 'name="_accept"' not in page.content.decode()
        assert "accept_selected" not in client.get(QUEUE).content.decode()
    if role in ("editor", "reviewer"):
        assert 'name="_accept"' in page.content.decode()
        assert "accept_selected" in client.get(QUEUE).content.decode()


def test_an_analyst_cannot_accept_or_dismiss(client, analyst, ready):
    client.force_login(analyst)
    refused = client.post(change_url(ready), {"_accept": "1", "expected_version": ready.version})
    assert refused.status_code == 403
    client.post(
        QUEUE,
        {"action": "accept_selected", "_selected_action": [ready.pk], f"version_{ready.pk}": "1"},
    )
    assert status_of(ready) == ClaimStatus.PROPOSED
    assert not Review.objects.exists()


def test_a_row_shows_the_quote_in_its_passage_quantities_in_words_and_each_feature(
    client, analyst, ready
):
    client.force_login(analyst)
    page = client.get(QUEUE).content.decode()
    assert f"Japan raised its budget. <mark>{SECOND}</mark>" in page
    assert "18.1 billion JPY, FY2026 (budget request)" in page
    assert "18100000000" not in page
    assert '<strong class="cw-score">0.55</strong>' in page
    features = page[page.index('class="cw-features"') :]
    features = features[: features.index("</table>")]
    assert features.index("number") < features.index("entity") < features.index("framing")
    assert "+0.30" in features and "\N{MINUS SIGN}0.10" in features
    assert "hedge" not in features  # contributed nothing
    assert "a finance ministry official" in page and "Japan · budget is" in page


def test_the_queue_is_best_first_and_open_only_unless_dismissed_are_asked_for(
    client, analyst, editor, ready, bare
):
    best = propose(editor, checkworthiness="0.95", statement="The best sentence.")
    unscored = propose(editor, statement="An unscored sentence.")
    gone = propose(editor, checkworthiness="0.99", statement="A dismissed sentence.")
    candidates.claim_dismiss(actor=editor, claim=gone, reason="A duplicate.")
    client.force_login(analyst)
    listed = list(client.get(QUEUE).context["cl"].result_list)
    assert listed == [best, ready, bare, unscored]
    dismissed = client.get(QUEUE, {"status": "dismissed"})
    assert list(dismissed.context["cl"].result_list) == [gone]
    assert "Dismissed: A duplicate." in dismissed.content.decode()
    assert len(client.get(QUEUE, {"status": "all"}).context["cl"].result_list) == 5


def test_the_queue_filters_by_source_and_kind_and_searches(client, analyst, editor, ready, bare):
    elsewhere = propose(editor, statement="Elsewhere the budget grew.")
    client.force_login(analyst)

    def listed(**params):
        return list(client.get(QUEUE, params).context["cl"].result_list)

    assert listed(source=ready.source_id) == [ready, bare]
    assert listed(source=elsewhere.source_id) == [elsewhere]
    assert listed(kind="event") == [bare]
    assert listed(q="elsewhere") == [elsewhere]


def test_the_queue_costs_the_same_queries_for_5_or_50_candidates(
    client, analyst, editor, assert_same_queries
):
    def grow(n):
        for i in range(n):
            propose(
                editor,
                source=SourceFactory(title=f"Story {i % 4}") if i % 3 else None,
                subject=EntityFactory(name=f"Entity {i % 6}") if i % 2 else None,
                predicate="is" if i % 2 else "",
                checkworthiness=Decimal(i % 90) / 100,
                checkworthiness_features=FEATURES,
                quantities=[{"value": str(i + 1), "unit": "JPY", "period": "FY2026"}],
            )

    grow(5)
    client.force_login(analyst)
    count = assert_same_queries(lambda: client.get(QUEUE), grow=lambda: grow(45))
    assert count <= 14


# ---------------------------------------------------------------------------- one by one


def test_an_editor_fills_in_subject_and_predicate_then_accepts(client, editor, bare):
    japan = EntityFactory(name="Japan")
    client.force_login(editor)
    response = post_change_form(
        client,
        bare,
        "_accept",
        subject=str(japan.pk),
        predicate="raised",
        statement="Japan raised its defence budget.",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    accepted = Claim.objects.get(pk=bare.pk)
    assert (accepted.status, accepted.subject, accepted.predicate, accepted.statement) == (
        ClaimStatus.UNREVIEWED,
        japan,
        "raised",
        "Japan raised its defence budget.",
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert f"claim {bare.pk}</a> is now unreviewed" in messages[0]
    assert response["Location"].startswith(QUEUE)


def test_accepting_without_subject_and_predicate_shows_both_errors_and_saves_nothing(
    client, editor, bare
):
    client.force_login(editor)
    response = post_change_form(client, bare, "_accept", statement="Edited, not saved.")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"subject", "predicate"}
    assert Claim.objects.get(pk=bare.pk).statement == FIRST
    assert status_of(bare) == ClaimStatus.PROPOSED


def test_saving_corrections_keeps_the_candidate_proposed(client, editor, bare):
    client.force_login(editor)
    response = post_change_form(client, bare, "_continue", predicate="raised")
    assert response.status_code == 302
    bare.refresh_from_db()
    assert (bare.status, bare.predicate, bare.version) == (ClaimStatus.PROPOSED, "raised", 2)


def test_dismissing_on_the_page_needs_a_reason(client, editor, bare):
    client.force_login(editor)
    refused = post_change_form(client, bare, "_dismiss")
    assert refused.status_code == 200
    assert set(refused.context["adminform"].form.errors) == {"dismiss_reason"}
    assert status_of(bare) == ClaimStatus.PROPOSED
    done = post_change_form(client, bare, "_dismiss", dismiss_reason="A headline, not a claim.")
    assert done.status_code == 302
    bare.refresh_from_db()
    assert (bare.status, bare.dismissed_reason) == (
        ClaimStatus.DISMISSED,
        "A headline, not a claim.",
    )


def test_a_stale_edit_is_a_form_error_and_nothing_is_lost(client, editor, other_editor, ready):
    client.force_login(editor)
    data = form_data(client.get(change_url(ready)).content.decode(), "candidate_form")
    services.claim_update(
        actor=other_editor, claim=ready, expected_version=ready.version, predicate="amounts to"
    )
    data.update({"predicate": ["budget request is"], "_accept": ["1"]})
    response = client.post(change_url(ready), data)
    assert response.status_code == 200
    assert "changed by someone else" in str(response.context["adminform"].form.non_field_errors())
    assert 'value="budget request is"' in response.content.decode()
    ready.refresh_from_db()
    assert (ready.status, ready.predicate) == (ClaimStatus.PROPOSED, "amounts to")


def test_a_dismissed_candidate_is_a_record_shown_read_only(client, editor, bare):
    candidates.claim_dismiss(actor=editor, claim=bare, reason="Opinion.")
    client.force_login(editor)
    page = client.get(change_url(bare))
    assert page.status_code == 200
    assert 'name="_accept"' not in page.content.decode()
    assert "Opinion." in page.content.decode()
    assert client.post(change_url(bare), {"_accept": "1"}).status_code == 403


# ---------------------------------------------------------------------------- in bulk


def _bulk(client, action, candidates_, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in candidates_], **extra}
    for candidate in candidates_:
        data.setdefault(f"version_{candidate.pk}", str(candidate.version))
    return client.post(QUEUE, data, follow=True)


def test_bulk_accept_takes_the_ready_ones_and_reports_the_others(client, editor, ready, bare):
    client.force_login(editor)
    response = _bulk(client, "accept_selected", [ready, bare])
    messages = [str(m) for m in response.context["messages"]]
    assert (
        f"1 candidate(s) accepted as unreviewed claims. Done for candidate {ready.pk}." in messages
    )
    assert any(f"Candidate {bare.pk}" in m and "subject and predicate" in m for m in messages)
    assert (status_of(ready), status_of(bare)) == (ClaimStatus.UNREVIEWED, ClaimStatus.PROPOSED)


def test_bulk_accept_refuses_a_candidate_changed_since_the_list_was_shown(
    client, editor, other_editor, ready
):
    client.force_login(editor)
    shown = ready.version
    services.claim_update(
        actor=other_editor, claim=ready, expected_version=shown, predicate="amounts to"
    )
    response = _bulk(client, "accept_selected", [ready], **{f"version_{ready.pk}": str(shown)})
    messages = [str(m) for m in response.context["messages"]]
    assert any("changed by someone else" in m for m in messages)
    assert status_of(ready) == ClaimStatus.PROPOSED


def test_the_queue_rows_carry_the_version_they_show(client, editor, ready):
    client.force_login(editor)
    page = client.get(QUEUE).content.decode()
    assert f'name="version_{ready.pk}" value="{ready.version}"' in page


def test_bulk_dismiss_asks_for_one_reason_and_applies_it_to_each(client, editor, ready, bare):
    client.force_login(editor)
    asked = _bulk(client, "dismiss_selected", [ready, bare])
    assert asked.templates[0].name == "admin/claims/candidate/dismiss.html"
    without = _bulk(client, "dismiss_selected", [ready, bare], apply="Dismiss", reason=" ")
    assert "This field is required." in without.content.decode()
    assert status_of(ready) == status_of(bare) == ClaimStatus.PROPOSED
    done = _bulk(client, "dismiss_selected", [ready, bare], apply="Dismiss", reason="Wire copy.")
    shown = [str(m) for m in done.context["messages"]]
    done_line = next(m for m in shown if m.startswith("2 candidate(s) dismissed. Done for"))
    assert set(re.findall(r"\d+", done_line.split("Done for")[1])) == {str(ready.pk), str(bare.pk)}
    assert set(Claim.objects.values_list("status", "dismissed_reason")) == {
        (ClaimStatus.DISMISSED, "Wire copy.")
    }


# ---------------------------------------------------------------------------- the way in


def test_editors_find_add_a_source_on_the_index_the_sources_list_and_the_queue(
    client, editor, analyst
):
    add = reverse("admin:claims_candidate_add_source")
    client.force_login(editor)
    for url in (reverse("admin:index"), reverse("admin:sources_source_changelist"), QUEUE):
        assert f'href="{add}"' in client.get(url).content.decode(), url
    client.force_login(analyst)
    for url in (reverse("admin:index"), reverse("admin:sources_source_changelist"), QUEUE):
        assert f'href="{add}"' not in client.get(url).content.decode(), url


# ---------------------------------------------------------------------------- conflicts

CONFLICTS = reverse("admin:claims_candidate_conflicts")


def osa_report(editor, value, *, title):
    body = f"Officials said the programme will receive {value} billion yen in fiscal 2026."
    source = SourceFactory(body=body, title=title)
    return propose(
        editor,
        source=source,
        quote=f"will receive {value} billion yen",
        subject=EntityFactory(name="OSA", kind="program"),
        predicate="budget is",
        quantities=[{"value": value, "scale": "1000000000", "unit": "JPY", "period": "FY2026"}],
    )


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("outsider", 302), ("analyst", 200), ("editor", 200), ("reviewer", 200)],
)
def test_the_conflicts_page_per_role(client, request, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(CONFLICTS).status_code == expected


def test_the_conflicts_page_shows_each_source_s_value_side_by_side(client, analyst, editor):
    agency = osa_report(editor, "18.1", title="Agency report")
    paper = osa_report(editor, "19.1", title="Paper report")
    client.force_login(analyst)
    page = client.get(CONFLICTS).content.decode()
    assert "OSA, budget is, JPY · FY2026" in page
    assert page.index("Agency report") < page.index("Paper report")  # lowest value first
    assert "programme <mark>will receive 18.1 billion yen</mark> in fiscal 2026" in page
    assert "18.05 billion JPY to 18.15 billion JPY" in page
    for candidate in (agency, paper):
        assert reverse("admin:claims_candidate_change", args=[candidate.pk]) in page
    assert page.count("no majority") == 2  # two sources, two values


def test_no_conflict_says_so(client, analyst):
    client.force_login(analyst)
    assert "No conflicts" in client.get(CONFLICTS).content.decode()


def test_a_source_s_queue_links_to_its_conflicts_only(client, analyst, editor):
    agency = osa_report(editor, "18.1", title="Agency report")
    osa_report(editor, "19.1", title="Paper report")
    bystander = propose(editor, statement="Elsewhere.")
    client.force_login(analyst)
    queue = client.get(QUEUE, {"source": agency.source_id}).content.decode()
    assert f"{CONFLICTS}?source={agency.source_id}" in queue
    assert "Candidates from “Agency report”, best first" in queue
    assert "OSA, budget is" in client.get(CONFLICTS, {"source": agency.source_id}).content.decode()
    quiet = client.get(CONFLICTS, {"source": bystander.source_id}).content.decode()
    assert "No conflicts" in quiet
