"""Search results show a quote whole, or with an ellipsis (…) at every place it was cut."""

import re
from html import unescape

import pytest
from django.urls import reverse

from claims.highlight import MATCH_START, MATCH_STOP, search_excerpt
from claims.models import Claim
from claims.seeding import load_seed

pytestmark = pytest.mark.django_db


def shown_quotes(html: str) -> dict[int, str]:
    """Each result's quote as a reader sees it (marks removed), by claim id."""
    rows = re.findall(r'<li class="claim-row[^"]*" data-claim="(\d+)">(.*?)</li>', html, re.S)
    quotes = {}
    for claim_id, row in rows:
        quote = re.search(r"<blockquote>“(.*?)”</blockquote>", row, re.S).group(1)
        quotes[int(claim_id)] = unescape(re.sub(r"<[^>]+>", "", quote))
    return quotes


def _words(text: str) -> str:
    return " ".join(text.split())


def test_searching_the_seed_for_osa_shows_every_cut_in_its_quotes(client, roles):
    load_seed()
    html = client.get(reverse("claims:claim_list"), {"q": "OSA"}).content.decode()
    quotes = shown_quotes(html)
    assert quotes, "the seed has claims about OSA"
    cut = 0
    for claim_id, shown in quotes.items():
        whole = _words(Claim.objects.get(pk=claim_id).quote)
        pieces = [_words(p) for p in _words(shown).strip("… ").split("…")]
        if _words(shown) == whole:
            continue
        cut += 1
        assert all(piece in whole for piece in pieces), shown
        assert shown.startswith("…") or whole.startswith(pieces[0]), shown
        assert shown.endswith("…") or whole.endswith(pieces[-1]), shown
    assert cut, "some OSA quote is long enough to be shortened"


def test_the_osa_budget_quote_that_goes_on_ends_with_an_ellipsis(client, roles):
    load_seed()
    claim = Claim.objects.get(
        quote__contains="OSA funding from 8.1 billion", quote__endswith="2025"
    )
    html = client.get(reverse("claims:claim_list"), {"q": "OSA"}).content.decode()
    shown = shown_quotes(html)[claim.pk]
    assert shown.endswith("…") or _words(shown) == _words(claim.quote), shown


def m(text: str) -> str:
    return f"{MATCH_START}{text}{MATCH_STOP}"


@pytest.mark.parametrize(
    ("headline", "whole", "shown"),
    [
        (f"the {m('OSA')} budget", "the OSA budget", "the OSA budget"),
        (f"the {m('OSA')} budget", "the OSA budget grew to 18.1 billion yen", "the OSA budget …"),
        (f"{m('OSA')} budget grew", "In 2025 the OSA budget grew", "… OSA budget grew"),
        (f"{m('OSA')} budget", "In 2025 the OSA budget grew", "… OSA budget …"),
        (
            f"the {m('OSA')} … {m('OSA')} rose",
            "the OSA was new; later OSA rose",
            "the OSA … OSA rose",
        ),
        ("the <b>OSA</b>", "say the <b>OSA</b> &", "… the &lt;b&gt;OSA&lt;/b&gt; …"),
    ],
)
def test_an_excerpt_marks_each_cut(headline, whole, shown):
    html = search_excerpt(headline, whole)
    assert re.sub(r"</?mark[^>]*>", "", str(html)) == shown
