"""A source's text as the checks read it: sentences, clauses, and the figures its claims and
their words state."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

from sources.models import Source

from ..models import Claim, Quantity
from ..quantities import Parsed, parse_quantities
from .figures import Figure

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "st", "mt", "no", "nos",
    "vs", "v", "e.g", "i.e", "inc", "ltd", "co", "corp", "jr", "sr", "approx", "est", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.u", "gov", "rep", "sen", "pp", "p", "cf", "al", "govt", "dept", "adm",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\Z")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_CLAUSE_BREAK = re.compile(
    r";|,?\s+(?:while|whereas|but|although|though|meanwhile)\s+|\s+[\u2013\u2014]\s+", re.I
)
_REFERS_BACK = re.compile(
    r"\W*(?:that|this|it|which|these|those|the\s+(?:increase|rise|jump|gain|growth|drop|fall|"
    r"decline|cut|reduction|figure|amount|sum|total|budget|level|number|change))\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def split_sentences(body: str) -> list[Sentence]:
    """The sentences of a text, with their paragraph (blank lines part paragraphs; a line break
    ends a sentence). A full stop after an abbreviation or an initial ends none."""
    sentences: list[Sentence] = []
    breaks = list(_PARAGRAPH_BREAK.finditer(body))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(body)]
    for paragraph, (p_start, p_end) in enumerate(zip(starts, ends, strict=True)):
        cuts = {p_start, p_end}
        for m in _SENTENCE_END.finditer(body, p_start, p_end):
            word = _WORD_BEFORE.search(body, max(p_start, m.start() - 40), m.start() + 1)
            name = word[1].rstrip(".") if word else ""
            if name.lower() in _ABBREVIATIONS or len(name) == 1:
                continue
            cuts.add(m.end())
        cuts |= {p_start + m.end() for m in re.finditer(r"\n", body[p_start:p_end])}
        bounds = sorted(cuts)
        for start, end in itertools.pairwise(bounds):
            text = body[start:end]
            if text.strip():
                lead = len(text) - len(text.lstrip())
                sentences.append(Sentence(start + lead, start + len(text.rstrip()), paragraph))
    return sentences


class SourceText:
    """A source body cut into sentences, each read by the quantity grammar once, on demand."""

    def __init__(self, source: Source):
        self.source = source
        self.body = source.body
        self.sentences = split_sentences(self.body)
        self._starts = [s.start for s in self.sentences]
        self._parsed: dict[int, list[Figure]] = {}

    def sentence_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    def sentences_over(self, start: int, end: int) -> range:
        return range(self.sentence_at(start), self.sentence_at(max(start, end - 1)) + 1)

    def clause_at(self, index: int, position: int) -> int:
        sentence = self.sentences[index]
        breaks = _CLAUSE_BREAK.finditer(self.body, sentence.start, sentence.end)
        return sum(1 for m in breaks if m.start() < position)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.body[sentence.start : sentence.end]

    def figures_in(self, index: int) -> list[Figure]:
        if index not in self._parsed:
            offset = self.sentences[index].start
            parsed = parse_quantities(self.sentence_text(index))
            self._parsed[index] = [self._figure(p, offset, index) for p in parsed]
        return self._parsed[index]

    def _figure(self, parsed: Parsed, offset: int, index: int) -> Figure:
        position = offset + parsed.start
        return Figure(
            source_id=self.source.pk,
            claims=(),
            written=parsed.value,
            scale=parsed.scale,
            unit=parsed.unit,
            bound=parsed.bound,
            role=parsed.role,
            kind=parsed.kind,
            pair_role=parsed.role if parsed.role in ("before", "after") else "",
            period=parsed.period,
            period_start=parsed.period_start,
            position=position,
            end=offset + parsed.end,
            text=parsed.text,
            counted=parsed.counted,
            words=not any(ch.isdigit() for ch in parsed.text),
            digits=parsed.value,
            sentence=index,
            clause=self.clause_at(index, position),
        )


def _row_figure(text: SourceText, claim: Claim, row: Quantity, words: Figure | None) -> Figure:
    """A Quantity row, aligned with the words that state it when they were found."""
    same_value = words is not None and words.value == row.value * row.scale
    role_pair = row.role if row.role in ("before", "after") else ""
    return Figure(
        source_id=claim.source_id,
        claims=(claim.pk,),
        written=row.value,
        scale=row.scale,
        unit=row.unit,
        bound=row.bound,
        role=row.role,
        kind=words.kind if words else "",
        pair_role=role_pair or (words.pair_role if words else ""),
        period=row.period or (words.period if words else ""),
        period_start=row.period_start or (words.period_start if words else None),
        position=words.position if words else claim.start,
        end=words.end if words else claim.end,
        text=words.text if same_value and words.bound == row.bound else "",
        counted=words.counted if words else "",
        words=words.words if same_value else False,
        digits=words.written if same_value and words.scale == row.scale else None,
        quantity_id=row.pk,
        sentence=words.sentence if words else text.sentence_at(claim.start),
        clause=words.clause
        if words
        else text.clause_at(text.sentence_at(claim.start), claim.start),
    )


def _align(rows: list[Quantity], words: list[Figure]) -> dict[int, Figure | None]:
    """Each row's words: the same unit and value, else (a corrected row) the one figure of its
    unit left over when it is the one row of that unit left over."""
    found: dict[int, Figure | None] = {}
    free = list(words)
    for row in rows:
        match = next(
            (w for w in free if w.unit == row.unit and w.value == row.value * row.scale), None
        )
        found[row.pk] = match
        if match is not None:
            free.remove(match)
    left = [row for row in rows if found[row.pk] is None]
    for row in left:
        same_unit_rows = [r for r in left if r.unit == row.unit]
        same_unit_words = [w for w in free if w.unit == row.unit]
        if len(same_unit_rows) == 1 and len(same_unit_words) == 1:
            found[row.pk] = same_unit_words[0]
            free.remove(same_unit_words[0])
    return found


def source_figures(text: SourceText, claims: list[Claim]) -> list[Figure]:
    """The figures of a source's claims: their rows, then the words no row stands for, which
    belong to every claim whose quote holds them."""
    figures: list[Figure] = []
    taken: set[int] = set()
    for claim in claims:
        span = _words_in(text, claim.start, claim.end)
        aligned = _align(list(claim.quantities.all()), span)
        for row in claim.quantities.all():
            words = aligned[row.pk]
            if words is not None:
                taken.add(id(words))
            figures.append(_row_figure(text, claim, row, words))
    # Each claim's sentences, and the one before each: a comparison may refer back to it.
    sentences = sorted(
        {
            j
            for c in claims
            for i in text.sentences_over(c.start, c.end)
            for j in (i - 1, i)
            if j >= 0
        }
    )
    for index in sentences:
        for words in text.figures_in(index):
            if id(words) in taken:
                continue
            owners = tuple(c.pk for c in claims if c.start <= words.position and words.end <= c.end)
            figures.append(replace(words, claims=owners))
    return figures


def _words_in(text: SourceText, start: int, end: int) -> list[Figure]:
    return [
        w
        for index in text.sentences_over(start, end)
        for w in text.figures_in(index)
        if start <= w.position and w.end <= end
    ]
