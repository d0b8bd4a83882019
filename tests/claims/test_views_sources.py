"""The source list and the reading view: the whole text with each visible claim highlighted."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, EvidenceFactory, ReferenceSourceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def reading(client, source):
    return client.get(reverse("claims:source_detail", args=[source.pk]))


class TextOf(HTMLParser):
    """The text inside #source-text, and whether its tags balance."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.inside, self.text, self.stack = 0, False, [], []

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("id") == "source-text":
            self.inside, self.depth = True, 0
        elif self.inside:
            self.stack.append(tag)
            self.depth += 1

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if self.depth == 0:
            self.inside = False
            return
        assert self.stack.pop() == tag
        self.depth -= 1

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)


def text_of(html: str) -> str:
    parser = TextOf()
    parser.feed(html)
    return "".join(parser.text)


def test_reading_view_highlights_every_visible_claim_by_status(client, budget_report, analyst):
    source, claims = budget_report(5)
    client.force_login(analyst)
    html = reading(client, source).content.decode()
    for claim in claims:
        assert re.search(
            rf'<mark data-claim="{claim.pk}" data-depth="\d" '
            rf'class="claim-mark status-{claim.status}"',
            html,
        )
    assert text_of(html) == source.body


def test_anonymous_readers_see_only_published_highlights(client, budget_report):
    source, claims = budget_report(5)
    html = reading(client, source).content.decode()
    for claim in claims:
        assert (f'data-claim="{claim.pk}"' in html) == claim.is_published
    assert text_of(html) == source.body  # the text itself is public, whole


def test_overlapping_claims_nest_and_lose_no_text(client, roles, analyst):
    body = "Alpha beta gamma delta epsilon."
    source = SourceFactory(body=body)
    outer = ClaimFactory(source=source, quote="Alpha beta gamma delta", statement="outer")
    inner = ClaimFactory(source=source, quote="beta gamma", statement="inner")
    crossing = ClaimFactory(source=source, quote="delta epsilon.", statement="crossing")
    client.force_login(analyst)
    html = reading(client, source).content.decode()
    assert text_of(html) == body
    assert html.count(f'data-claim="{outer.pk}"') == 1
    assert html.count(f'data-claim="{inner.pk}"') == 1
    assert html.count(f'data-claim="{crossing.pk}"') == 2  # split where it crosses `outer`
    assert re.search(
        rf'<mark data-claim="{outer.pk}"[^>]*>Alpha '
        rf'<mark data-claim="{inner.pk}"[^>]*>beta gamma</mark>',
        html,
    )


def test_hostile_source_text_is_shown_escaped(client, roles):
    body = 'Intro <script>alert(1)</script> and <img src=x onerror="alert(2)"> end.'
    source = SourceFactory(body=body)
    ClaimFactory(source=source, quote="<script>alert(1)</script>", status=ClaimStatus.VERIFIED)
    html = reading(client, source).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert text_of(html) == body


def test_metadata_shows_publisher_time_with_zone_digest_and_revisions(client, roles):
    source = SourceFactory(author="Li Hai", editor="Li Jiayao")
    revision = SourceFactory(body="A corrected text.", revises=source, title="Corrected")
    html = reading(client, source).content.decode()
    assert source.body_sha256 in html
    assert "2026-02-02 10:39:19 UTC" in html
    assert "2026-02-02T10:39:19+00:00" in html
    assert "Li Jiayao" in html
    assert reverse("claims:source_detail", args=[revision.pk]) in html
    assert "Revises" in reading(client, revision).content.decode()


def test_reference_only_source_says_there_is_no_text_and_who_cites_it(client, roles):
    evidence = EvidenceFactory(claim=ClaimFactory(status=ClaimStatus.VERIFIED))
    html = reading(client, evidence.source).content.decode()
    assert "holds no text" in html
    assert evidence.claim.statement in html


def test_cards_show_the_selected_claim_and_those_around_it(client, budget_report, analyst):
    source, claims = budget_report(5)
    cards_url = reverse("claims:source_claim_cards", args=[source.pk])
    client.force_login(analyst)
    response = client.get(cards_url, {"claim": [claims[1].pk, claims[0].pk]})
    assert [c.pk for c in response.context["cards"]] == [claims[1].pk, claims[0].pk]
    assert "<html" not in response.content.decode()


def test_cards_never_show_a_hidden_claim_or_one_of_another_source(client, budget_report):
    source, claims = budget_report(5)
    other, _ = budget_report(1, title="Other")
    cards_url = reverse("claims:source_claim_cards", args=[source.pk])
    assert client.get(cards_url, {"claim": claims[0].pk}).status_code == 200  # published, here
    assert client.get(cards_url, {"claim": unpublished_id(claims)}).status_code == 404
    assert client.get(cards_url, {"claim": "x"}).status_code == 404
    other_cards = reverse("claims:source_claim_cards", args=[other.pk])
    assert client.get(other_cards, {"claim": claims[0].pk}).status_code == 404


def unpublished_id(claims):
    return next(c.pk for c in claims if not c.is_published)


def test_source_list_counts_the_claims_each_reader_may_see(client, budget_report, analyst):
    source, _ = budget_report(5)
    ReferenceSourceFactory(title="A cited record")
    response = client.get(reverse("claims:source_list"))
    (row,) = response.context["page"].object_list
    assert row.pk == source.pk and row.claim_count == 3
    client.force_login(analyst)
    (row,) = client.get(reverse("claims:source_list")).context["page"].object_list
    assert row.claim_count == 5
    references = client.get(reverse("claims:source_list"), {"show": "references"})
    titles = [s.title for s in references.context["page"].object_list]
    assert "A cited record" in titles and source.title not in titles


def test_empty_reading_view_for_anonymous_readers(client, roles):
    source = SourceFactory()
    ClaimFactory(source=source, status=ClaimStatus.UNREVIEWED)
    assert "No published claims on this text yet" in reading(client, source).content.decode()
