"""Marked-up text for the pages: a source's body with its claims highlighted, a quote inside its
passage, search matches in a statement.

Every character of stored text goes through `escape`; markup is only ever put around escaped
text, from values the code chose (ids, status names). Nothing here calls mark_safe on input.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Delimiters PostgreSQL's ts_headline puts around a match (Unicode private-use characters, which
# ordinary text does not contain; a stray one in a text is dropped, never turned into markup).
MATCH_START, MATCH_STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class ClaimSpan:
    claim_id: int
    start: int
    end: int
    status: str


def _nesting_key(span: ClaimSpan) -> tuple:
    # The span that starts first (and, from the same start, the longer one) is the outer mark.
    return (span.start, -span.end, span.claim_id)


def mark_claims(body: str, spans: Iterable[ClaimSpan]) -> SafeString:
    """The whole of `body`, escaped, with each span wrapped in `<mark data-claim=...>`.

    Overlapping spans are handled by cutting the text at every span boundary: each piece is
    wrapped in the marks of all the spans covering it, outermost first. Marks that continue from
    one piece to the next stay open, so nested spans give one mark each and only spans that
    cross (neither contains the other) are split into several `<mark>` elements. The result is
    always well-formed and its text content is exactly `body`.
    """
    length = len(body)
    spans = sorted(
        (
            ClaimSpan(s.claim_id, max(0, s.start), min(length, s.end), s.status)
            for s in spans
            if max(0, s.start) < min(length, s.end)
        ),
        key=_nesting_key,
    )
    boundaries = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    parts: list[str] = []
    open_marks: list[ClaimSpan] = []
    started: set[int] = set()
    for a, b in pairwise(boundaries):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        keep = 0
        while (
            keep < len(open_marks) and keep < len(covering) and open_marks[keep] == covering[keep]
        ):
            keep += 1
        parts.extend("</mark>" for _ in open_marks[keep:])
        for depth, span in enumerate(covering[keep:], start=keep + 1):
            parts.append(_open_mark(span, depth, first=span.claim_id not in started))
            started.add(span.claim_id)
        open_marks = covering
        parts.append(escape(body[a:b]))
    parts.extend("</mark>" for _ in open_marks)
    return mark_safe("".join(parts))  # noqa: S308 — built only from escape() and format_html()


def _open_mark(span: ClaimSpan, depth: int, *, first: bool) -> str:
    # The first piece of each claim is one keyboard stop and the target of "show in text".
    if first:
        return format_html(
            '<mark data-claim="{}" data-depth="{}" class="claim-mark status-{}" '
            'id="mark-{}" tabindex="0">',
            span.claim_id,
            min(depth, 4),
            span.status,
            span.claim_id,
        )
    return format_html(
        '<mark data-claim="{}" data-depth="{}" class="claim-mark status-{}">',
        span.claim_id,
        min(depth, 4),
        span.status,
    )


@dataclass(frozen=True)
class Passage:
    before: str
    quote: str
    after: str
    cut_before: bool
    cut_after: bool


def passage_around(body: str, start: int, end: int, *, reach: int = 320) -> Passage:
    """The paragraph around `body[start:end]`, at most `reach` characters either side,
    cut at a word boundary."""
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    lo, hi = max(para_start, start - reach), min(para_end, end + reach)
    cut_before, cut_after = lo > para_start, hi < para_end
    if cut_before:
        space = body.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if cut_after:
        space = body.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return Passage(
        before=body[lo:start],
        quote=body[start:end],
        after=body[end:hi],
        cut_before=cut_before,
        cut_after=cut_after,
    )


def search_matches(headline: str) -> SafeString:
    """A ts_headline result (matches between MATCH_START and MATCH_STOP), escaped, with each
    match in `<mark class="match">`. Unpaired delimiters are dropped, so tags always balance."""
    parts: list[str] = []
    inside = False
    token = []
    for char in headline:
        if char == MATCH_START and not inside:
            parts.append(escape("".join(token)))
            token, inside = [], True
        elif char == MATCH_STOP and inside:
            parts.append(format_html('<mark class="match">{}</mark>', "".join(token)))
            token, inside = [], False
        elif char not in (MATCH_START, MATCH_STOP):
            token.append(char)
    if inside:
        parts.append(format_html('<mark class="match">{}</mark>', "".join(token)))
    else:
        parts.append(escape("".join(token)))
    return mark_safe("".join(parts))  # noqa: S308 — built only from escape() and format_html()


def mark_terms(headline: str, whole: str, terms: Sequence[str]) -> str:
    """`headline` when it marks a match or `terms` is empty; otherwise `whole` with each
    occurrence of a term (any case) between MATCH_START and MATCH_STOP, as ts_headline would
    have marked it: a search in another script matches inside words, which ts_headline
    cannot mark. `headline` again when no term occurs in `whole`."""
    if not terms or MATCH_START in headline:
        return headline
    pattern = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    marked, count = re.subn(
        pattern, lambda found: f"{MATCH_START}{found[0]}{MATCH_STOP}", whole, flags=re.IGNORECASE
    )
    return marked if count else headline


ELLIPSIS = "…"


def _words(text: str) -> str:
    return " ".join(text.split())


def search_excerpt(headline: str, whole: str) -> SafeString:
    """A ts_headline excerpt of `whole`, marked as `search_matches` marks it, with an ellipsis
    where it was cut: before it unless it starts where `whole` starts, after it unless it ends
    where `whole` ends (fragments are already joined by one). Whitespace is compared loosely,
    as ts_headline may not keep it."""
    plain = _words(headline.replace(MATCH_START, "").replace(MATCH_STOP, ""))
    fragments = [_words(part) for part in plain.split(ELLIPSIS)]
    text = _words(whole)
    cut_before = not text.startswith(fragments[0])
    cut_after = not text.endswith(fragments[-1])
    return format_html(
        "{}{}{}",
        f"{ELLIPSIS} " if cut_before else "",
        search_matches(headline.strip()),
        f" {ELLIPSIS}" if cut_after else "",
    )


def status_counts(spans: Sequence[ClaimSpan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.status] = counts.get(span.status, 0) + 1
    return counts
