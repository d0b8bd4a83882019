"""Deciding and reopening in the admin: a decided claim reads as decided, a reviewer decides
from the claim's own page and a refusal keeps what they typed."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim

from ..factories import ClaimFactory, EvidenceFactory
from ..html_forms import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def decide_url(claim):
    return reverse("admin:claims_claim_decide", args=[claim.pk])


@pytest.fixture
def in_review(editor):
    claim = ClaimFactory(created_by=editor)
    services.claim_transition(actor=editor, claim=claim, to="in_review")
    return claim


@pytest.fixture
def decided(in_review, reviewer):
    EvidenceFactory(claim=in_review)
    services.claim_transition(
        actor=reviewer, claim=in_review, to="verified", rationale="The MOFA budget release."
    )
    return in_review


def status_of(claim):
    return Claim.objects.get(pk=claim.pk).status


# ---------------------------------------------------------------- a decided claim (item 11)


def test_a_decided_claim_is_shown_read_only_with_who_decided_it(client, editor, decided):
    client.force_login(editor)
    page = client.get(change_url(decided)).content.decode()
    assert 'name="statement"' not in page and 'name="quote"' not in page
    assert decided.statement in page
    assert "<strong>Verified</strong> by\n    reviewer1 on" in page
    assert "Rationale: “The MOFA budget release.”" in page
    assert "content is read-only until a reviewer reopens it" in page
    assert "Reopen…" not in page  # an editor may not reopen
    assert 'name="_continue"' not in page and 'name="_addanother"' not in page


def test_an_undecided_claim_stays_editable_without_a_banner(client, editor, in_review):
    client.force_login(editor)
    page = client.get(change_url(in_review)).content.decode()
    assert 'name="statement"' in page and 'class="decided-banner"' not in page


def test_evidence_can_still_be_added_to_a_decided_claim_and_its_mentions_are_kept(
    client, editor, decided
):
    from ..factories import EntityFactory, SourceFactory

    mentioned = EntityFactory(name="Philippines")
    decided.mentions.add(mentioned)
    other = SourceFactory(body="Officials confirmed the budget grew to 18.1 billion yen.")
    client.force_login(editor)
    data = form_data(client.get(change_url(decided)).content.decode(), "claim_form")
    data.update(
        {
            "evidence-TOTAL_FORMS": ["2"],
            "evidence-1-source": [str(other.pk)],
            "evidence-1-stance": ["supports"],
            "evidence-1-quote": ["the budget grew to 18.1 billion yen"],
        }
    )
    response = client.post(change_url(decided), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert decided.evidence.filter(source=other).exists()
    assert list(decided.mentions.all()) == [mentioned]
    assert status_of(decided) == "verified"


def test_a_reviewer_reopens_a_decided_claim_from_its_page(client, reviewer, decided):
    client.force_login(reviewer)
    page = client.get(change_url(decided)).content.decode()
    assert f'href="{decide_url(decided)}" class="button">Reopen…' in page
    form = client.get(decide_url(decided))
    assert form.context["form"]["to"].value() == "in_review"
    data = form_data(form.content.decode(), "decision-form")
    data["rationale"] = ["A newer budget release contradicts the figure."]
    response = client.post(decide_url(decided), data, follow=True)
    assert response.redirect_chain[-1][0] == change_url(decided)
    assert f"Claim {decided.pk} is now in review." in response.content.decode()
    assert status_of(decided) == "in_review"
    assert decided.reviews.latest("created_at").rationale == (
        "A newer budget release contradicts the figure."
    )


def test_an_editor_cannot_open_the_decision_page(client, editor, decided):
    client.force_login(editor)
    assert client.get(decide_url(decided)).status_code == 403
    assert client.post(decide_url(decided), {"to": "in_review", "rationale": "x"}).status_code == (
        403
    )
    assert status_of(decided) == "verified"


# ---------------------------------------------------------------- deciding on the page (item 12)


def post_decision(client, claim, **fields):
    data = form_data(client.get(decide_url(claim)).content.decode(), "decision-form")
    data.update({key: [value] for key, value in fields.items()})
    return client.post(decide_url(claim), data)


def test_a_refused_decision_keeps_the_rationale_and_says_why_beside_the_status(
    client, reviewer, in_review
):
    client.force_login(reviewer)
    response = post_decision(
        client, in_review, to="verified", rationale="The budget release says so."
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "only with supporting evidence from a source other than its own" in " ".join(
        form.errors["to"]
    )
    assert form["rationale"].value() == "The budget release says so."
    assert "The budget release says so.</textarea>" in response.content.decode()
    assert status_of(in_review) == "in_review"


def test_a_missing_rationale_is_said_beside_the_rationale(client, reviewer, in_review):
    EvidenceFactory(claim=in_review)
    client.force_login(reviewer)
    form = post_decision(client, in_review, to="verified", rationale=" ").context["form"]
    assert form.errors["rationale"] == ["Give a rationale for this decision."]
    assert "to" not in form.errors
    assert status_of(in_review) == "in_review"


def test_the_decision_page_offers_only_the_moves_the_rules_allow_and_picks_none(
    client, reviewer, in_review
):
    client.force_login(reviewer)
    form = client.get(decide_url(in_review)).context["form"]
    offered = [value for value, _ in form.fields["to"].choices]
    assert offered[0] == "" and form["to"].value() is None
    assert set(offered[1:]) == {
        "verified",
        "disputed",
        "refuted",
        "misleading",
        "unverifiable",
        "not_checkable",
    }


def test_a_reviewer_decides_from_the_claim_page(client, reviewer, in_review):
    EvidenceFactory(claim=in_review)
    client.force_login(reviewer)
    assert f'href="{decide_url(in_review)}" class="decidelink">Decide…' in (
        client.get(change_url(in_review)).content.decode()
    )
    response = post_decision(client, in_review, to="verified", rationale="MOFA release.")
    assert response.status_code == 302
    assert status_of(in_review) == "verified"


def test_a_decision_on_a_changed_claim_is_refused_and_keeps_the_rationale(
    client, editor, reviewer, in_review
):
    EvidenceFactory(claim=in_review)
    client.force_login(reviewer)
    data = form_data(client.get(decide_url(in_review)).content.decode(), "decision-form")
    services.claim_update(
        actor=editor, claim=in_review, expected_version=in_review.version, statement="Changed."
    )
    data.update({"to": ["verified"], "rationale": ["MOFA release."]})
    response = client.post(decide_url(in_review), data)
    assert response.status_code == 200
    assert "changed by someone else" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["rationale"].value() == "MOFA release."
    assert status_of(in_review) == "in_review"


def test_the_list_action_keeps_the_rationale_when_a_claim_is_refused(client, reviewer, in_review):
    client.force_login(reviewer)
    asked = client.post(CHANGELIST, {"action": "decide", "_selected_action": [in_review.pk]})
    assert asked.context["form"]["to"].value() is None  # not the current status by default
    response = client.post(
        CHANGELIST,
        {
            "action": "decide",
            "_selected_action": [in_review.pk],
            "apply": "1",
            "to": "verified",
            "rationale": "The budget release says so.",
            f"version_{in_review.pk}": in_review.version,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The budget release says so.</textarea>" in page
    assert f"Refused. Claim {in_review.pk}:" in page
    assert status_of(in_review) == "in_review"


def test_a_decided_claim_s_page_costs_the_same_queries_with_more_reviews(
    client, editor, reviewer, other_reviewer, decided, assert_same_queries
):
    def reopen_and_decide_again():
        for _ in range(3):
            services.claim_transition(
                actor=reviewer, claim=decided, to="in_review", rationale="Look again."
            )
            services.claim_transition(
                actor=other_reviewer, claim=decided, to="verified", rationale="Confirmed."
            )

    client.force_login(editor)
    count = assert_same_queries(
        lambda: client.get(change_url(decided)), grow=reopen_and_decide_again
    )
    assert count <= 40
    page = client.get(change_url(decided)).content.decode()
    assert "reviewer2 on" in page and "Rationale: “Confirmed.”" in page
