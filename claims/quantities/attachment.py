"""Which period governs each quantity of a sentence.

A quantity takes the first period after it with no other figure between ("8.1 billion yen
allocated in fiscal year 2025"), else the nearest of its own clause (see clauses). Three kinds
of period are no quantity's: a reference ("since 2015", "up 4.3% from the initial budget for
fiscal 2026", "than in 2015", "below its 2019 peak", "2013 levels", the first of "between
2016-20 and 2021-25"); a period inside a compared-with phrase ("compared with £1.6 billion in
2023-24", "up from three in 2014", "double the 8.1 billion yen allocated in 2025", "above the
2.5% recorded in 2024"), which only the figures of that phrase take; and a period a 'before'
figure states for itself ("from 8.1 billion yen in 2025"). A 'before' figure takes only its own
period, except that the start of a from-to pair takes the period its end has ("cut from 12
ships to six in 2024"). A change or multiple that opens a phrase after a comma (", more than
double", ", up 4.3%", ", an increase of 9.4 per cent", ", which is 1.6 times") takes the period
of the figure it describes, the one before the comma. "from" a period is a start, not a
reference, where no change is counted from it ("2.5 per cent of GDP from April 2027", "grow by
1.2 per cent a year from 2026-27"); a start after a figure is that figure's alone. A figure
with no period in a ", when" clause takes the period just before the comma, reference or not:
the clause tells of that time ("since 2019, when the navy bought four submarines").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import qualifiers as q
from .clauses import RELATIVE, WHEN, Clauses, split_clauses
from .units import DURATIONS

if TYPE_CHECKING:
    from .grammar import Reading
    from .periods import Period

# A compared-with phrase: the figure or period after these words is the one compared with.
_COMPARED = re.compile(
    r"(?<![\w-])(?:(?:up|down|rising|falling)\s+from|compared\s+(?:with|to)|versus|vs\.?"
    r"|against|than|below|above)\s",
    re.I,
)
_COMPARED_AFTER_MULTIPLE = re.compile(
    r"\s+(?:the|its|their|that|what|this|those|these|his|her|our|as)\b", re.I
)
# Where a compared-with phrase ends: a comma, or a target that is the main figure's ("by 2027").
_PHRASE_END = re.compile(r",(?!\d)|\s+by\s")
# A period a few words after these is the point compared with, not the quantity's period.
_REFERENCE_WORDS = (
    r"(?<![\w-])(?P<mark>from|since|compared\s+(?:with|to)|than(?:\s+in)?|versus|vs\.?|against"
    r"|below|above|on|over)\s+(?:(?!(?:in|by|during|to)\b)[A-Za-z][\w'\u2019-]*\s+){0,5}?\Z"
)
_REFERENCE_BEFORE = re.compile(_REFERENCE_WORDS, re.I)
_LEVEL_OF = re.compile(r"\blevels?\s+(?:of|in|seen\s+in)\s+(?:the\s+)?\Z", re.I)
_LEVELS_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:levels?|peaks?)\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?\Z", re.I)
_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
_DETERMINER = re.compile(r"\s+(?:the|its|their|this|that|last)\b", re.I)
_RATE = re.compile(r"\b(?:(?:a|per|each|every)\s+(?:year|annum|month|quarter)|annually)\b", re.I)
_FROM = re.compile(r"(?<![\w-])from\s+(?:the\s+)?\Z", re.I)
_HEAD_WORDS = (
    r"up|down|rising|falling|climbing|increasing|decreasing|growing|dropping|jumping|or|by|of"
    r"|a|an|the|some|real-terms|year-on-year|annual|"
) + q.CHANGE_NOUNS
# What may stand between a comma and a change that describes the figure before the comma,
# also in a relative clause about that figure (", which is 1.6 times the ...").
_HEAD = re.compile(
    rf",\s+(?:which\s+(?:is|was|are|were|(?:will|would)\s+be)\s+)?(?:(?:{_HEAD_WORDS})\s+)*\Z",
    re.I,
)


def give_periods(sentence: str, readings: list[Reading], periods: list[Period]) -> None:
    """Sets each reading's period by the rule of this module's docstring."""
    clauses = split_clauses(sentence)
    compared = _compared_spans(sentence, readings, clauses)
    references = [p for p in periods if _is_reference(sentence, p, periods, readings, clauses)]
    usable = [p for p in periods if all(p is not o for o in references)]
    layout = _Sentence(sentence, clauses, compared, usable, references, readings)
    befores = [r for r in readings if r.role == "before"]
    heads = [r for r in readings if r.role != "before" and _is_head(sentence, r, layout)]
    others = [r for r in readings if r.role != "before" and not any(r is h for h in heads)]
    for r in befores:
        r.period = layout.own(r)
    taken = {id(r.period) for r in befores if r.period}
    for r in others:
        r.period = layout.own(r) or layout.nearest(r, taken)
    for r in befores:
        if r.period is None and r.partner is not None:
            r.period = r.partner.period  # "cut from 12 ships to six in 2024"
    for r in heads:
        main = layout.main_figure(r)
        r.period = main.period if main and main.period else layout.own(r)
        r.period = r.period or layout.nearest(r, taken)
    for r in readings:
        if r.period is None and r.kind == "multiple":
            r.period = _period_compared_with(r, periods, compared)  # "2.2 times the level of 2015"
        if r.period is None:
            r.period = layout.when_clause_period(r, periods)


@dataclass(frozen=True)
class _Sentence:
    """A sentence with its clauses, compared-with phrases, periods and readings."""

    sentence: str
    clauses: Clauses
    compared: list[tuple[int, int]]
    usable: list[Period]
    references: list[Period]
    readings: list[Reading]

    def phrase(self, pos: int) -> tuple[int, int] | None:
        """The compared-with phrase that pos is in, if any."""
        return next((span for span in self.compared if span[0] <= pos < span[1]), None)

    def candidates(self, r: Reading) -> list[Period]:
        """The periods r may take: the usable ones; in a compared-with phrase also the
        references, which are of the figure compared with ('the FY2022 level of 5.4 trillion
        yen')."""
        if self.phrase(r.start) is None:
            return self.usable
        return sorted(self.usable + self.references, key=lambda p: p.start)

    def own(self, r: Reading) -> Period | None:
        """The first period r may take after it in its clause and phrase, with no figure
        between."""
        end = r.own_end or r.end
        clause, phrase = self.clauses.of(r.start), self.phrase(r.start)
        for p in self.candidates(r):
            if p.start < end or self.clauses.of(p.start) != clause:
                continue
            if self.phrase(p.start) != phrase:
                continue
            if any(end <= o.number.start < p.start for o in self.readings if o is not r):
                return None
            return p
        return None

    def nearest(self, r: Reading, taken: set[int]) -> Period | None:
        """The period of r's clause and phrase nearest to r, but no 'before' figure's."""
        clause, phrase = self.clauses.of(r.start), self.phrase(r.start)
        candidates = [
            p
            for p in self.candidates(r)
            if self.clauses.of(p.start) == clause
            and self.phrase(p.start) == phrase
            and id(p) not in taken
            and not (p.end <= r.start and self.starts_after_figure(p))
        ]
        return min(candidates, key=lambda p: max(p.start - r.end, r.start - p.end), default=None)

    def starts_after_figure(self, p: Period) -> bool:
        """A start ('from April 2027') after a figure is that figure's; what follows it is
        later ('2.5% of GDP from April 2027, rising to 3% in the next parliament'). Opening
        its clause ('From fiscal 2027, the subsidy will be 50,000 yen') it governs the clause."""
        clause = self.clauses.of(p.start)
        return p.reference and any(
            r.end <= p.start and self.clauses.of(r.start) == clause for r in self.readings
        )

    def when_clause_period(self, r: Reading, periods: list[Period]) -> Period | None:
        """The period just before a ', when' clause that r is in: the time the clause tells
        of ('since 2019, when the navy bought four submarines for 3.4 trillion won')."""
        opened_at = self.clauses.stretch_start(r.start)
        if not opened_at or not WHEN.match(self.sentence, opened_at):
            return None
        return next((p for p in periods if p.end == opened_at), None)

    def main_figure(self, head: Reading) -> Reading | None:
        """The figure a change after a comma describes: the nearest one before it in its clause
        that is not itself compared with, or the one a relative clause opens on ('9.04 trillion
        yen, which is 1.6 times ...')."""
        clauses = {self.clauses.of(head.start)}
        opened_at = self.clauses.stretch_start(head.start)
        if opened_at and RELATIVE.match(self.sentence, opened_at):
            clauses.add(self.clauses.of(opened_at - 1))
        before = [
            r
            for r in self.readings
            if r.end <= head.start
            and self.clauses.of(r.start) in clauses
            and self.phrase(r.start) is None
            and r.role != "before"
        ]
        return before[-1] if before else None


def _is_change(r: Reading) -> bool:
    return r.role == "change" or r.kind in ("increase", "decrease", "multiple")


def _is_head(sentence: str, r: Reading, layout: _Sentence) -> bool:
    """A change or multiple that opens a phrase after a comma, in no compared-with phrase."""
    if not _is_change(r) or layout.phrase(r.start) is not None:
        return False
    return bool(q.ends_before(_HEAD, sentence, r.start)) and layout.main_figure(r) is not None


def _compared_spans(sentence: str, readings: list[Reading], clauses: Clauses) -> list:
    """The compared-with phrases: after 'compared with', 'up from', 'versus', 'against',
    'than', 'below' and 'above' (not the bounds 'more than 2%', 'below 5%'); a 'before'
    figure's ('to 890 billion yen from 450 billion yen'); and what a multiple is compared with
    ('double the 8.1 billion yen allocated in 2025')."""
    spans = []
    in_reading = [(r.start, r.end) for r in readings]
    for m in _COMPARED.finditer(sentence):
        if not any(start <= m.start() < end for start, end in in_reading):
            spans.append((m.start(), _phrase_end(sentence, m.end(), clauses)))
    for r in readings:
        mark = q.ends_before(q.BEFORE_MARK, sentence, r.start)
        if r.role == "before" and r.partner is None and mark:
            spans.append((mark.start(), _phrase_end(sentence, r.end, clauses)))
        compares = r.kind == "multiple" and r.role != "change"
        if compares and _COMPARED_AFTER_MULTIPLE.match(sentence, r.end):
            spans.append((r.end, _phrase_end(sentence, r.end, clauses)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # one phrase where two overlap
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _phrase_end(sentence: str, pos: int, clauses: Clauses) -> int:
    end = clauses.stretch_end(pos)
    m = _PHRASE_END.search(sentence, pos, end)
    return m.start() if m else end


def _is_reference(
    sentence: str, p: Period, periods: list[Period], readings: list[Reading], clauses: Clauses
) -> bool:
    """A point compared with or counted from, which is no quantity's period. 'from' names a
    start, not a reference, where no change comes before it in its clause ('2.5 per cent of
    GDP from April 2027'); after one it is a reference ('up 3.8% from FY2025'), and after a
    duration the start of a span ('over five years from fiscal 2023')."""
    clause = clauses.of(p.start)
    changed_before = [
        r for r in readings if _is_change(r) and r.end <= p.start and clauses.of(r.start) == clause
    ]
    if p.reference:
        start = q.ends_before(_FROM, sentence, p.start)
        spans = start and any(
            r.unit in DURATIONS and not sentence[r.end : start.start()].strip() for r in readings
        )  # "43 trillion yen over five years from fiscal 2023"
        return bool(_compares_from(sentence, changed_before, start) or spans) or not start
    if _LEVELS_AFTER.match(sentence, p.end) or q.ends_before(_LEVEL_OF, sentence, p.start):
        return True  # "46% below 2013 levels", "the level of 2000", "its 2019 peak"
    later = next((o for o in periods if o.start >= p.end), None)
    between = later and _AND.fullmatch(sentence, p.end, later.start)
    if between and q.ends_before(_BETWEEN, sentence, p.start):
        return True  # "between 2016-20 and 2021-25": the change is of the later
    m = q.ends_before(_REFERENCE_BEFORE, sentence, p.start)
    if not m or clauses.of(m.start()) != clause:
        return False
    if any(r.start <= m.start() < r.end for r in readings):
        return False  # "more than" is a bound
    mark = m["mark"].lower()
    if mark == "from":
        return _compares_from(sentence, changed_before, m)
    if mark == "over" and not _DETERMINER.match(sentence, m.end("mark")):
        return False  # "rose 5% over 2024" is during it; "12% over the 2026 budget" is not
    if mark in ("on", "over"):  # "up 6.1% on 2025-26", "a 6.8% cash increase on 2025-26"
        return any(len(sentence[r.end : m.start()].split()) <= 2 for r in changed_before)
    return True


def _compares_from(sentence: str, changed_before: list[Reading], start: re.Match | None) -> bool:
    """A change before 'from' is counted from it ('up 3.8% from FY2025'), unless it is a
    rate, which starts there ('grow by 1.2 per cent a year in real terms from 2026-27')."""
    if start is None:
        return False
    return any(not _RATE.search(sentence, r.end, start.start()) for r in changed_before)


def _period_compared_with(r: Reading, periods: list[Period], compared: list) -> Period | None:
    """A multiple's base period, when its clause names no other: '2.2 times the level of 2015'
    states a ratio to that year's level, and is recorded with it."""
    span = next((s for s in compared if s[0] == r.end), None)
    if span is None:
        return None
    return next((p for p in periods if span[0] <= p.start < span[1]), None)
