"""The marked-up text of the reading view: whole, escaped, well-formed whatever the overlaps."""

import random
import re
from html import unescape

from claims.highlight import ClaimSpan, mark_claims, passage_around, search_matches

TAG = re.compile(r"</?mark[^>]*>")


def plain(html: str) -> str:
    return unescape(TAG.sub("", html))


def balanced(html: str) -> bool:
    depth = 0
    for tag in TAG.findall(html):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def test_random_overlapping_spans_keep_the_whole_text_and_balance():
    rng = random.Random(4)
    body = "".join(rng.choice("ab <&>\"'\n") for _ in range(300))
    for _ in range(200):
        spans = []
        for claim_id in range(rng.randint(0, 12)):
            start = rng.randint(0, len(body) - 1)
            spans.append(ClaimSpan(claim_id, start, rng.randint(start + 1, len(body)), "verified"))
        html = str(mark_claims(body, spans))
        assert plain(html) == body
        assert balanced(html)
        for span in spans:
            assert f'data-claim="{span.claim_id}"' in html


def test_each_claim_has_one_focusable_first_piece():
    html = str(
        mark_claims(
            "one two three four",
            [ClaimSpan(1, 0, 13, "verified"), ClaimSpan(2, 4, 18, "refuted")],
        )
    )
    assert html.count('id="mark-1"') == 1 and html.count('id="mark-2"') == 1
    assert html.count('tabindex="0"') == 2


def test_spans_outside_the_text_are_clipped_or_dropped():
    html = str(mark_claims("short", [ClaimSpan(1, 2, 99, "verified"), ClaimSpan(2, 50, 60, "x")]))
    assert plain(html) == "short"
    assert re.fullmatch(r'sh<mark data-claim="1"[^>]*>ort</mark>', html)  # clipped at the end
    assert 'data-claim="2"' not in html


def test_search_matches_escape_text_and_ignore_stray_delimiters():
    html = str(search_matches("<b>\ue000budget\ue001</b> \ue001 \ue000open"))
    assert html == (
        '&lt;b&gt;<mark class="match">budget</mark>&lt;/b&gt;  <mark class="match">open</mark>'
    )


def test_passage_is_the_paragraph_around_the_quote():
    body = "Title.\n\nFirst sentence. The quote is here. Last sentence.\n\nNext paragraph."
    start = body.index("The quote")
    passage = passage_around(body, start, start + len("The quote is here."))
    assert passage.before == "First sentence. "
    assert passage.after == " Last sentence."
    assert not passage.cut_before and not passage.cut_after


def test_long_paragraph_is_cut_at_a_word():
    body = ("word " * 200) + "QUOTE" + (" word" * 200)
    start = body.index("QUOTE")
    passage = passage_around(body, start, start + 5, reach=50)
    assert passage.cut_before and passage.cut_after
    assert passage.before.startswith("word") and len(passage.before) <= 50
