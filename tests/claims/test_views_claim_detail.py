"""The claim page: what each role sees of one claim, and what no one outside may see."""

import pytest
from django.urls import reverse

from claims import services
from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, ClaimRelationFactory, EntityFactory

pytestmark = pytest.mark.django_db


def url(claim):
    return reverse("claims:claim_detail", args=[claim.pk])


@pytest.fixture
def claims(roles, budget_report):
    return budget_report(5)[1]


def published(claims):
    return next(c for c in claims if c.status == ClaimStatus.VERIFIED)


def unpublished(claims):
    return next(c for c in claims if c.status == ClaimStatus.UNREVIEWED)


def test_anonymous_readers_get_a_published_claim_with_its_verdict_and_evidence(client, claims):
    claim = published(claims)
    response = client.get(url(claim))
    html = response.content.decode()
    assert response.status_code == 200
    assert claim.statement in html
    assert "Verified" in html
    assert "Supports" in html  # evidence with its stance
    assert "Checked claim 0." in html  # the review's rationale
    assert "1.5 billion JPY" in html  # the structured value
    assert f'<mark class="quote" data-claim="{claim.pk}">' in html


@pytest.mark.parametrize("who", [None, "outsider"])
def test_unpublished_claims_are_not_found_outside(client, claims, who, request, analyst):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(unpublished(claims))).status_code == 404
    assert client.get(url(published(claims))).status_code == 200
    client.force_login(analyst)
    assert client.get(url(unpublished(claims))).status_code == 200


def test_flags_and_history_are_internal(client, claims, analyst):
    claim = published(claims)
    outside = client.get(url(claim)).content.decode()
    assert "No source named for claim 0." not in outside
    assert "Change history" not in outside
    client.force_login(analyst)
    inside = client.get(url(claim)).content.decode()
    assert "No source named for claim 0." in inside
    assert "Change history" in inside


def test_history_names_who_did_what(client, roles, editor, analyst):
    claim = ClaimFactory(status=ClaimStatus.UNREVIEWED)
    services.claim_transition(actor=editor, claim=claim, to=ClaimStatus.IN_REVIEW)
    client.force_login(analyst)
    response = client.get(url(claim))
    entries = response.context["history"]
    changed = [e for e in entries if e.changes.get("status")]
    assert changed[-1].user == editor
    assert "editor1" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sees_edit"),
    [("analyst", False), ("editor", True), ("reviewer", True), ("outsider", False)],
)
def test_edit_in_admin_is_offered_to_editors(client, claims, role, sees_edit, request):
    claim = published(claims)
    client.force_login(request.getfixturevalue(role))
    html = client.get(url(claim)).content.decode()
    assert ("Edit in admin" in html) == sees_edit
    if sees_edit:
        assert f'href="/admin/claims/claim/{claim.pk}/change/"' in html


def test_passage_shows_the_quote_inside_its_surrounding_text(client, claims):
    claim = published(claims)
    passage = client.get(url(claim)).context["passage"]
    assert passage.quote == claim.quote
    assert claim.source.body.find(passage.before + passage.quote + passage.after) >= 0
    assert passage.after.strip()  # the next sentence is there for context


def test_entities_link_to_their_pages_and_to_wikidata(client, claims):
    claim = published(claims)
    html = client.get(url(claim)).content.decode()
    assert reverse("claims:entity_detail", args=[claim.subject_id]) in html
    assert 'href="https://www.wikidata.org/wiki/Q17"' in html  # Japan, the object
    assert "Philippines" in html  # a mention


def test_related_claims_are_shown_only_when_visible(client, roles, editor):
    source = ClaimFactory(status=ClaimStatus.VERIFIED).source
    hidden = ClaimFactory(
        source=source, status=ClaimStatus.UNREVIEWED, statement="Hidden related claim."
    )
    shown = ClaimFactory(source=source, status=ClaimStatus.VERIFIED, statement="Shown related.")
    claim = ClaimFactory(source=source, status=ClaimStatus.VERIFIED)
    for other in (hidden, shown):
        ClaimRelationFactory(from_claim=claim, to_claim=other, created_by=editor)
    html = client.get(url(claim)).content.decode()
    assert "Shown related." in html
    assert "Hidden related claim." not in html


def test_unknown_claim_is_not_found(client, roles, analyst):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    assert client.get(url(claim)).status_code == 200
    gone = url(claim)
    claim.delete()
    client.force_login(analyst)  # who may read every claim
    assert client.get(gone).status_code == 404


def test_hostile_text_is_escaped(client, roles):
    entity = EntityFactory(name='<img src=x onerror="alert(1)">')
    claim = ClaimFactory(
        subject=entity,
        statement='<script>alert("s")</script>',
        predicate="<b>is</b>",
        status=ClaimStatus.VERIFIED,
    )
    html = client.get(url(claim)).content.decode()
    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt;" in html
