"""The editors' admin: it works for editors and reviewers, analysts only look."""

import re

import pytest
from django.urls import reverse

from claims import services
from claims.models import Annotation, Claim

from ..factories import ClaimFactory, EntityFactory, EvidenceFactory, SourceFactory
from ..html_forms import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def offered_actions(client) -> list[str]:
    """The names of the actions the changelist offers the logged-in user."""
    form = client.get(CHANGELIST).context["action_form"]
    return [] if form is None else [name for name, _ in form.fields["action"].choices if name]


def post_form(client, url, form_id, **changes):
    data = form_data(client.get(url).content.decode(), form_id)
    data.update({key: [value] for key, value in changes.items()})
    return client.post(url, data)


@pytest.fixture
def claim(editor):
    return ClaimFactory(created_by=editor)


# ---------------------------------------------------------------- reading


def test_an_analyst_sees_the_claims_and_the_quote_in_its_passage(client, analyst, claim):
    client.force_login(analyst)
    assert claim.statement in client.get(CHANGELIST).content.decode()
    page = client.get(change_url(claim)).content.decode()
    assert (
        "Japan raised its budget. <mark>The budget grew to 18.1 billion yen in 2026.</mark>" in page
    )


def test_the_changelist_costs_the_same_queries_for_5_or_50_claims(
    client, analyst, assert_same_queries
):
    client.force_login(analyst)
    ClaimFactory.create_batch(5)
    count = assert_same_queries(
        lambda: client.get(CHANGELIST), grow=lambda: ClaimFactory.create_batch(45)
    )
    assert count <= 12


def test_the_changelist_searches_full_text_and_filters_by_open_flag(client, analyst, editor):
    flagged = services.claim_create(
        actor=editor,
        source=SourceFactory(),
        quote="Japan raised its budget.",
        start=0,
        end=24,
        statement="Japan raised its defence budget.",
        kind="event",
        subject=EntityFactory(),
        predicate="raised",
    )
    quiet = ClaimFactory(statement="Tokyo signed an agreement.")
    client.force_login(analyst)
    found = client.get(CHANGELIST, {"q": "defence budgets"}).context["cl"].result_list
    assert list(found) == [flagged]
    open_flagged = client.get(CHANGELIST, {"open_flag": "unsourced"}).context["cl"].result_list
    assert flagged in open_flagged and quiet not in open_flagged


def test_the_history_page_says_who_did_what(client, analyst, editor, claim):
    services.claim_update(actor=editor, claim=claim, expected_version=1, predicate="amounts to")
    client.force_login(analyst)
    page = client.get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    assert "editor1" in page
    assert "amounts to" in page


# ---------------------------------------------------------------- analysts may not write


def test_an_analyst_cannot_change_or_add_claims(client, analyst, claim):
    client.force_login(analyst)
    response = client.post(change_url(claim), {"statement": "Rewritten by an analyst."})
    assert response.status_code == 403
    assert client.get(reverse("admin:claims_claim_add")).status_code == 403
    assert Claim.objects.get(pk=claim.pk).statement == claim.statement


def test_an_analyst_cannot_run_curation_actions(client, analyst, editor, claim):
    flag = {
        "action": "flag_unsourced",
        "_selected_action": [claim.pk],
        "apply": "Flag",
        "note": "No budget document is cited.",
    }
    client.force_login(analyst)
    assert offered_actions(client) == []
    client.post(CHANGELIST, flag)
    assert not Annotation.objects.filter(claim=claim).exists()
    # The very same request from an editor flags the claim.
    client.force_login(editor)
    client.post(CHANGELIST, flag)
    assert Annotation.objects.get(claim=claim).flag_reason == "unsourced"


def test_anonymous_visitors_are_sent_to_the_login_page(client, claim):
    response = client.get(change_url(claim))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# ---------------------------------------------------------------- editors


def test_an_editor_corrects_a_claim_and_the_version_moves_on(client, editor, claim):
    client.force_login(editor)
    response = post_form(
        client, change_url(claim), "claim_form", statement="Japan's budget reached 18.1 bn yen."
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Japan's budget reached 18.1 bn yen.", 2)


def test_a_stale_edit_is_refused_with_a_form_error_and_keeps_the_other_edit(
    client, editor, other_editor, claim
):
    client.force_login(editor)
    stale_form = form_data(client.get(change_url(claim)).content.decode(), "claim_form")
    services.claim_update(
        actor=other_editor, claim=claim, expected_version=1, statement="The other editor's fix."
    )
    stale_form["statement"] = ["My late fix."]
    response = client.post(change_url(claim), stale_form)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == "The other editor's fix."


def test_an_editor_adds_a_claim_and_a_wrong_quote_is_a_form_error(client, editor):
    source = SourceFactory()
    subject = EntityFactory(name="Japan")
    client.force_login(editor)
    add = reverse("admin:claims_claim_add")
    base = dict(
        source=str(source.pk),
        quote="Japan raised its budget.",
        start="0",
        end="24",
        statement="Japan raised its budget.",
        kind="event",
        subject=str(subject.pk),
        predicate="raised",
    )
    refused = post_form(client, add, "claim_form", **{**base, "end": "20"})
    assert refused.status_code == 200
    assert "The quote must equal the source text" in refused.content.decode()
    assert not Claim.objects.exists()

    created = post_form(client, add, "claim_form", **base)
    assert created.status_code == 302
    claim = Claim.objects.get()
    assert (claim.created_by, str(claim.as_of)) == (editor, "2026-02-02")
    assert claim.annotations.get().flag_reason == "unsourced"  # the service's rule applied


def test_an_editor_flags_a_claim_as_unsourced_and_it_joins_the_queue(client, editor, claim):
    client.force_login(editor)
    client.post(
        CHANGELIST,
        {
            "action": "flag_unsourced",
            "_selected_action": [claim.pk],
            "apply": "Flag",
            "note": "No budget document is cited.",
        },
    )
    assert Annotation.objects.get(claim=claim).flag_reason == "unsourced"
    queue = client.get(reverse("admin:claims_unsourcedflag_changelist")).content.decode()
    assert claim.statement[:60] in queue


def test_an_editor_resolves_a_flag_with_a_note(client, editor, claim):
    flag = services.claim_flag_unsourced(actor=editor, claim=claim, note="Who says so?")
    client.force_login(editor)
    client.post(
        reverse("admin:claims_unsourcedflag_changelist"),
        {
            "action": "resolve",
            "_selected_action": [flag.pk],
            "apply": "1",
            "note": "Budget document attached as evidence.",
        },
    )
    flag.refresh_from_db()
    assert (flag.resolved_by, flag.resolution_note) == (
        editor,
        "Budget document attached as evidence.",
    )


def test_an_editor_cannot_decide(client, editor, other_editor, reviewer):
    claim = ClaimFactory(created_by=other_editor)  # four eyes would allow it
    services.claim_transition(actor=other_editor, claim=claim, to="in_review")
    EvidenceFactory(claim=claim)
    client.force_login(editor)
    assert offered_actions(client) == ["flag_unsourced", "send_to_review"]
    assert "No action selected." in decide(client, claim, "verified").content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "in_review"
    assert not claim.reviews.filter(to_status="verified").exists()
    # The very same decision from a reviewer is taken.
    client.force_login(reviewer)
    assert "decide" in offered_actions(client)
    assert "1 claim(s) moved to verified" in decide(client, claim, "verified").content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "verified"


# ---------------------------------------------------------------- reviewers


def decide(client, claim, to, rationale="The MOFA budget release.", version=None):
    """Submit the decide action's confirmation page, with the version the page showed."""
    shown = version if version is not None else Claim.objects.get(pk=claim.pk).version
    return client.post(
        CHANGELIST,
        {
            "action": "decide",
            "_selected_action": [claim.pk],
            "apply": "1",
            "to": to,
            "rationale": rationale,
            f"version_{claim.pk}": shown,
        },
        follow=True,
    )


def test_verifying_without_evidence_is_refused_with_a_clear_message(client, reviewer, claim):
    services.claim_transition(actor=claim.created_by, claim=claim, to="in_review")
    client.force_login(reviewer)
    page = decide(client, claim, "verified").content.decode()
    assert "only with supporting evidence from a source other than its own" in page
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_a_reviewer_verifies_a_claim_with_supporting_evidence(client, reviewer, claim):
    services.claim_transition(actor=claim.created_by, claim=claim, to="in_review")
    EvidenceFactory(claim=claim)
    client.force_login(reviewer)
    page = decide(client, claim, "verified").content.decode()
    assert "1 claim(s) moved to verified" in page
    assert claim.reviews.latest("created_at").rationale == "The MOFA budget release."


def test_the_decide_action_first_asks_for_status_and_rationale(client, reviewer, claim):
    client.force_login(reviewer)
    response = client.post(CHANGELIST, {"action": "decide", "_selected_action": [claim.pk]})
    assert response.status_code == 200
    assert 'name="rationale"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "verified"}, {"verified claim"}),
        ({"kind": "event"}, {"refuted event"}),
        ({"publisher": "wire"}, {"refuted event"}),
        ({"source": "wire-source"}, {"refuted event"}),
    ],
)
def test_each_list_filter_narrows_the_claims(client, analyst, params, expected):
    from ..factories import PublisherFactory

    ClaimFactory(statement="verified claim", status="verified", kind="quantity")
    wire_source = SourceFactory(publisher=PublisherFactory(name="Wire"))
    ClaimFactory(statement="refuted event", status="refuted", kind="event", source=wire_source)
    ids = {"wire": wire_source.publisher_id, "wire-source": wire_source.pk}
    query = {key: ids.get(value, value) for key, value in params.items()}
    client.force_login(analyst)
    shown = client.get(CHANGELIST, query).context["cl"].result_list
    assert {claim.statement for claim in shown} == expected


def test_a_decided_claims_evidence_and_quantities_are_read_only_in_the_admin(
    client, editor, reviewer, claim
):
    def inlines():
        page = client.get(change_url(claim))
        return {f.formset.prefix: f for f in page.context["inline_admin_formsets"]}

    services.claim_transition(actor=editor, claim=claim, to="in_review")
    EvidenceFactory(claim=claim)
    client.force_login(editor)
    undecided = inlines()
    assert undecided["evidence"].has_change_permission
    assert undecided["evidence"].has_delete_permission
    assert undecided["quantities"].has_add_permission
    services.claim_transition(actor=reviewer, claim=claim, to="verified", rationale="Records.")
    formsets = inlines()
    assert not formsets["evidence"].has_change_permission
    assert not formsets["evidence"].has_delete_permission
    assert formsets["evidence"].has_add_permission  # more evidence may still come
    assert not formsets["quantities"].has_add_permission


def test_a_decision_on_a_claim_changed_since_the_page_was_shown_is_refused(
    client, editor, reviewer, claim
):
    services.claim_transition(actor=editor, claim=claim, to="in_review")
    EvidenceFactory(claim=claim)
    client.force_login(reviewer)
    confirmation = client.post(CHANGELIST, {"action": "decide", "_selected_action": [claim.pk]})
    shown = form_data(confirmation.content.decode())[f"version_{claim.pk}"][0]
    services.claim_update(
        actor=editor, claim=claim, expected_version=int(shown), statement="Changed meanwhile."
    )
    page = decide(client, claim, "verified", version=shown).content.decode()
    assert "changed by someone else" in page
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


# ---------------------------------------------------------------- the unsourced queue


def test_the_unsourced_queue_is_oldest_first_with_age_claim_and_a_word_cut(client, editor):
    from datetime import timedelta

    from django.utils import timezone

    long_reason = "The figure " + "comes from an unnamed official briefing " * 5 + "in Tokyo."
    newer, older = ClaimFactory(), ClaimFactory()  # neither claim ids nor flag ids give age
    services.claim_flag_unsourced(actor=editor, claim=older, note=long_reason)
    services.claim_flag_unsourced(actor=editor, claim=newer, note="Who says so?")
    Annotation.objects.filter(claim=older).update(created_at=timezone.now() - timedelta(days=3))
    client.force_login(editor)
    response = client.get(reverse("admin:claims_unsourcedflag_changelist"))
    assert [flag.claim_id for flag in response.context["cl"].result_list] == [older.pk, newer.pk]
    page = response.content.decode()
    assert f'<a href="{change_url(older)}">Claim {older.pk}</a>' in page
    assert "3\xa0days ago" in page
    reasons = re.findall(r'<td class="field-short_body">(.*?)</td>', page)
    cut = reasons[0]
    assert cut.endswith("…") and cut.startswith("The figure comes from")
    assert long_reason.startswith(cut[:-1]) and long_reason[len(cut) - 1] == " "
    assert "2 open unsourced flags, oldest first" in page
    assert "unsourced queue" not in page.split('class="paginator"')[1]


def test_a_shortened_text_is_cut_after_a_whole_word_with_an_ellipsis():
    from claims.admin.display import shortened

    assert shortened("Japan doubles its budget", 100) == "Japan doubles its budget"
    assert shortened("Japan doubles its budget", 16) == "Japan doubles…"
    assert shortened("Japan doubles, its budget", 16) == "Japan doubles…"
    assert len(shortened("word " * 40, 30)) <= 30


def test_the_passage_around_a_quote_is_cut_at_words_with_ellipses(client, analyst):
    words = " ".join(f"word{n}" for n in range(200))
    body = f"{words} so The budget grew to 18.1 billion yen in 2026. {words}"
    claim = ClaimFactory(source=SourceFactory(body=body))
    client.force_login(analyst)
    page = client.get(change_url(claim)).content.decode()
    shown = re.search(r'<div class="quote-context">(.*?)</div>', page, re.S)[1]
    before, rest = shown.split("<mark>")
    after = rest.split("</mark>")[1]
    assert re.fullmatch(r"…word\d+( word\d+)* so ", before)  # starts with a whole word
    assert re.fullmatch(r" word\d+( word\d+)*…", after)  # ends with a whole word


def test_the_unsourced_queue_costs_the_same_queries_for_5_or_50_flags(
    client, editor, assert_same_queries
):
    def flag_claims(n):
        for claim in ClaimFactory.create_batch(n):
            services.claim_flag_unsourced(actor=editor, claim=claim, note="Who says so?")

    flag_claims(5)
    client.force_login(editor)
    queue = reverse("admin:claims_unsourcedflag_changelist")
    count = assert_same_queries(lambda: client.get(queue), grow=lambda: flag_claims(45))
    assert count <= 10
