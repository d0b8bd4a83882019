"""(a) Stated comparisons must follow from the two levels they compare."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..models import Claim
from .figures import (
    HUNDRED,
    ONE,
    Figure,
    Interval,
    amount,
    interval_words,
    plain,
    stated,
    unit_words,
)
from .results import COMPARISON, Finding
from .texts import _REFERS_BACK, SourceText, source_figures

_TIMES_MORE = re.compile(
    r"\s+(?:higher|more|greater|larger|bigger|faster|costlier|richer|as\s+(?:much|many|high|"
    r"large|big))\b",
    re.I,
)
_FALL_NEAR = re.compile(
    r"\b(?:f[ae]ll|fallen|falling|drop(?:ped|s)?|declin\w*|decreas\w*|shr[iau]nk\w*|cut|reduc\w*|"
    r"lower|less|smaller|fewer|down|plunge\w*|slump\w*)\b",
    re.I,
)
FAR = 10**9


@dataclass
class Scope:
    """What one run reads: the claims, their sources' texts and figures, and their relations."""

    claims: dict[int, Claim]
    texts: dict[int, SourceText]
    figures: dict[int, list[Figure]] = field(default_factory=dict)  # by source
    by_claim: dict[int, list[Figure]] = field(default_factory=dict)
    derived: dict[int, set[int]] = field(default_factory=dict)

    def build(self, progress=None) -> Scope:
        by_source: dict[int, list[Claim]] = defaultdict(list)
        for claim in self.claims.values():
            by_source[claim.source_id].append(claim)
        items = sorted(by_source.items())
        for source_id, claims in progress(items, len(items)) if progress else items:
            claims.sort(key=lambda c: (c.start, c.pk))
            self.figures[source_id] = source_figures(self.texts[source_id], claims)
            for figure in self.figures[source_id]:
                for pk in figure.claims:
                    self.by_claim.setdefault(pk, []).append(figure)
        return self


def _counted_fit(a: Figure, b: Figure) -> bool:
    """Two counts of one thing: the same counted noun (its last word, singular) when both
    name one."""
    if not (a.counted and b.counted):
        return True
    return _noun(a.counted) == _noun(b.counted)


# Nouns that news text uses for one thing counted: "16 countries", "sixteen nations".
_SAME_NOUN = {
    "nation": "country", "state": "country", "economy": "country",
    "person": "people", "individual": "people",
    "soldier": "troop", "personnel": "troop",
    "vessel": "ship", "boat": "ship",
    "aircraft": "plane", "jet": "plane",
    "firm": "company", "business": "company",
    "home": "household", "homes": "household",
}  # fmt: skip


def _noun(counted: str) -> str:
    """The counted thing: the noun's last word, singular, one word for its common synonyms."""
    word = counted.lower().split()[-1]
    for plural, singular in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(plural) and len(word) > 3:
            word = word[: -len(plural)] + singular
            break
    return _SAME_NOUN.get(word, word)


def _operand_fits(comparison: Figure, level: Figure) -> bool:
    if comparison.unit in ("ratio", "percent"):
        return level.unit != "ratio"
    if comparison.unit in ("percentage_point", "basis_point"):
        return level.unit == "percent"
    if comparison.unit == "point":  # "up 5 points from 62%", or an index's points
        return level.unit in ("percent", "point")
    return level.unit == comparison.unit and _counted_fit(comparison, level)


def period_order(label: str, start: date | None) -> tuple[int, int] | None:
    """When a period begins, for ordering levels, read from its label ('FY2025', 'Q3 2025',
    'H1 2026') so that rows and words compare alike, else from its start date."""
    year = re.search(r"(?:19|20)\d\d", label or "")
    if not year:
        return (start.year, start.month) if start is not None else None
    part = re.search(r"\b([QH])([1-4])\b", label)
    month = 1
    if part:
        month = (int(part[2]) - 1) * (3 if part[1] == "Q" else 6) + 1
    return (int(year[0]), month)


def _order(figure: Figure) -> tuple[int, int] | None:
    return period_order(figure.period, figure.period_start)


def _distance(a: Figure, b: Figure) -> int:
    return abs(a.position - b.position) if a.source_id == b.source_id else FAR


def _pair_fits(
    comparison: Figure, before: Figure, after: Figure, must: list[Figure], *, periods=True
) -> bool:
    if before is after or before.unit != after.unit or not _counted_fit(before, after):
        return False
    # The claim's own before or after of this unit, when it states one, is part of the pair.
    own_marked = [f for f in must if f.unit == before.unit and _counted_fit(f, before)]
    if own_marked and before not in own_marked and after not in own_marked:
        return False
    if not periods:  # the words pair them; the grammar may have given both the "from" period
        return True
    own, later, earlier = _order(comparison), _order(after), _order(before)
    if own and later and own != later:
        return False
    return not (earlier and later and earlier > later)


def _marked_pair(comparison: Figure, pool: list[Figure], must: list[Figure]):
    pairs = [
        (before, after)
        for before in pool
        if before.pair_role == "before"
        for after in pool
        if after.pair_role == "after" and _pair_fits(comparison, before, after, must)
    ]
    return min(
        pairs,
        key=lambda p: _distance(comparison, p[0]) + _distance(comparison, p[1]),
        default=None,
    )


def _dated_pair(comparison: Figure, pool: list[Figure], must: list[Figure]):
    """Two levels of different periods, the later in the comparison's own period when it has
    one; without one, only when the levels name exactly two periods."""
    dated = [f for f in pool if _order(f)]
    own = _order(comparison)
    pairs = [
        (before, after)
        for before in dated
        for after in dated
        if _order(before) < _order(after) and _pair_fits(comparison, before, after, must)
    ]
    if not own:
        units = {(p[0].unit, _order(p[0])) for p in pairs} | {
            (p[1].unit, _order(p[1])) for p in pairs
        }
        if len(units) != 2:
            return None
    return min(
        pairs,
        key=lambda p: (
            tuple(-x for x in _order(p[0])),  # the latest earlier period: "the previous level"
            _distance(comparison, p[0]) + _distance(comparison, p[1]),
        ),
        default=None,
    )


# After a comparison, the words that lead to what it compares with: "2.2 times from 8.1 billion",
# "12% more than 8.1 billion", "2.2 times the fiscal 2025 initial budget of 8.1 billion".
_COMPARED_WITH = re.compile(
    r"(?:\s+(?:higher|more|greater|larger|bigger|lower|less|smaller|increase|rise|decrease|"
    r"drop|fall))?\s*,?\s*(?:(?:from|than|over|on|compared\s+(?:with|to)|versus|vs\.?|against)"
    r"(?:\s+(?:the|a|an|its|their|this|that|last\s+year's))?|(?:that|those)\s+of|"
    r"the\s+(?:[\w-]+\s+){0,6}?(?:of|at))\s+(?:(?:about|around|some|nearly|almost|roughly|"
    r"just|only)\s+)?\Z",
    re.I,
)


def _worded_pair(scope: Scope, comparison: Figure, pool: list[Figure], must: list[Figure]):
    """When the grammar marked no pair: the level the words right after the comparison lead to
    ('2.2 times from 8.1 billion yen') is before, and the nearest other level of its unit in
    the same clause is after ('18.1 billion yen, up 2.2 times from 8.1 billion yen')."""
    body = scope.texts[comparison.source_id].body
    same_clause = [
        f for f in pool if (f.sentence, f.clause) == (comparison.sentence, comparison.clause)
    ]
    following = sorted(
        (f for f in same_clause if f.position >= comparison.end), key=lambda f: f.position
    )
    before = next(
        (f for f in following if _COMPARED_WITH.search(body[comparison.end : f.position])), None
    )
    if before is None or len(body[comparison.end : before.position]) > 80:
        return None
    afters = [f for f in same_clause if f is not before and f.pair_role != "before"]
    afters = [f for f in afters if _pair_fits(comparison, before, f, must, periods=False)]
    after = min(afters, key=lambda f: _distance(comparison, f), default=None)
    return (before, after) if after is not None else None


def _tiers(scope: Scope, comparison: Figure):
    """Where a comparison's levels are looked for, nearest first: (figures, marked pairs only)."""
    text = scope.texts[comparison.source_id]
    figures = scope.figures[comparison.source_id]
    owners = [scope.claims[pk] for pk in comparison.claims]
    yield [f for f in figures if any(c.start <= f.position and f.end <= c.end for c in owners)]
    related = {pk for c in comparison.claims for pk in scope.derived.get(c, ())}
    yield [f for pk in sorted(related - set(comparison.claims)) for f in scope.by_claim.get(pk, [])]
    yield [f for f in figures if (f.sentence, f.clause) == (comparison.sentence, comparison.clause)]
    index = comparison.sentence
    sentence = text.sentences[index]
    previous = text.sentences[index - 1] if index > 0 else None
    refers_back = _REFERS_BACK.match(text.body, sentence.start, comparison.position)
    if previous and previous.paragraph == sentence.paragraph and refers_back:
        yield [f for f in figures if f.sentence == index - 1]


def find_levels(scope: Scope, comparison: Figure) -> tuple[Figure, Figure] | None:
    """The (before, after) levels a comparison compares, or None when the texts give none."""
    pool: list[Figure] = []
    seen: set[tuple] = set()
    must: list[Figure] = []
    for tier, figures in enumerate(_tiers(scope, comparison)):
        added = []
        for figure in figures:
            key = (figure.source_id, figure.position, figure.end, figure.value, figure.unit)
            if figure is comparison or not figure.is_level or key in seen:
                continue
            if _operand_fits(comparison, figure):
                seen.add(key)
                added.append(figure)
        if tier == 3:  # the sentence before: only a pair it marks itself, and nothing owned
            return None if must else _marked_pair(comparison, added, [])
        pool += added
        if tier == 0:
            must = [f for f in pool if f.pair_role]
        pair = (
            _marked_pair(comparison, pool, must)
            or _dated_pair(comparison, pool, must)
            or _worded_pair(scope, comparison, pool, must)
        )
        if pair:
            return pair
    return None


@dataclass
class Reading:
    """One way of reading a comparison: what the levels give, and the words for it."""

    actual: Interval
    centre: Decimal
    expression: str
    unit: str
    places: int | None  # None: as many as the stated figures have
    scale: Decimal = ONE

    def range_words(self) -> str:
        return interval_words(self.actual, self.unit, self.places, self.scale)


def _show(figure: Figure, other: Figure) -> str:
    if figure.scale == other.scale and figure.unit == other.unit:
        return plain(figure.written)
    return amount(figure.value, figure.unit, figure.scale, figure.counted)


def _direction(comparison: Figure) -> tuple[str, ...]:
    if comparison.kind in ("increase", "decrease"):
        return (comparison.kind,)
    return ("increase", "decrease")


def _relative_readings(
    comparison: Figure, before: Figure, after: Figure, words: Wording
) -> list[Reading]:
    ratio = after.interval().over(before.interval())
    if ratio is None or before.value == 0:
        return []
    centre = after.value / before.value
    a, b = _show(after, before), _show(before, after)
    readings: list[Reading] = []
    if comparison.unit == "ratio":
        value = comparison.value
        as_multiple = comparison.kind == "multiple" or (comparison.kind == "" and value >= 1)
        if as_multiple:
            readings.append(Reading(ratio, centre, f"{a} / {b} = {plain(centre, 2)}", "ratio", 2))
            if words.times_more:
                more = ratio.shifted(-ONE)
                expr = f"{a} / {b} - 1 = {plain(centre - 1, 2)}"
                readings.append(Reading(more, centre - 1, expr, "ratio", 2))
            fall = ratio.reciprocal()
            if value > 1 and fall is not None and words.falls:
                expr = f"{b} / {a} = {plain(1 / centre, 2)}"
                readings.append(Reading(fall, 1 / centre, expr, "ratio", 2))
        else:
            for direction in _direction(comparison):
                if direction == "increase":
                    expr = f"{a} / {b} - 1 = {plain(centre - 1, 2)}"
                    readings.append(Reading(ratio.shifted(-ONE), centre - 1, expr, "ratio", 2))
                else:
                    expr = f"1 - {a} / {b} = {plain(1 - centre, 2)}"
                    readings.append(
                        Reading(ratio.scaled(-ONE).shifted(ONE), 1 - centre, expr, "ratio", 2)
                    )
        return readings
    for direction in _direction(comparison):  # percent
        if direction == "increase":
            change = (centre - 1) * HUNDRED
            expr = f"({a} - {b}) / {b} = {plain(change, 1)}%"
            actual = ratio.shifted(-ONE).scaled(HUNDRED)
        else:
            change = (1 - centre) * HUNDRED
            expr = f"({b} - {a}) / {b} = {plain(change, 1)}%"
            actual = ratio.scaled(-ONE).shifted(ONE).scaled(HUNDRED)
        readings.append(Reading(actual, change, expr, "percent", 1))
    if before.unit == "percent":  # "rose 0.2 percent to 3.6%" often means points
        readings += _difference_readings(comparison, before, after, unit="percent", points=True)
    return readings


def _difference_readings(
    comparison: Figure, before: Figure, after: Figure, *, unit: str, points: bool = False
) -> list[Reading]:
    factor = HUNDRED if comparison.unit == "basis_point" else ONE
    readings = []
    for direction in _direction(comparison):
        first, second = (after, before) if direction == "increase" else (before, after)
        actual = first.interval().minus(second.interval()).scaled(factor)
        centre = (first.value - second.value) * factor
        scale, places = ONE, None
        if points or unit in ("percentage_point", "basis_point"):
            shown_unit = "basis_point" if comparison.unit == "basis_point" else "percentage_point"
            shown = f"{plain(centre)}{unit_words(shown_unit)}"
        else:
            scale, shown_unit = comparison.scale, unit
            shown = amount(centre, unit, scale, comparison.counted)
        expr = f"{_show(first, second)} - {_show(second, first)} = {shown}"
        readings.append(Reading(actual, centre, expr, shown_unit, places, scale))
    return readings


@dataclass(frozen=True)
class Wording:
    """What the words around a multiple say: 'N times higher than' (read as N or N + 1 times),
    a fall ('fell threefold': the levels' ratio is 1/N)."""

    times_more: bool = False
    falls: bool = False


def wording(scope: Scope, comparison: Figure) -> Wording:
    text = scope.texts[comparison.source_id]
    if comparison.sentence < 0 or not text.sentences:
        return Wording()
    sentence = text.sentences[comparison.sentence]
    near = (max(sentence.start, comparison.position - 40), min(sentence.end, comparison.end + 40))
    return Wording(
        times_more=bool(_TIMES_MORE.match(text.body, comparison.end)),
        falls=bool(_FALL_NEAR.search(text.body, *near)),
    )


def readings(
    comparison: Figure, before: Figure, after: Figure, words: Wording = Wording()
) -> list[Reading]:
    """Every reading the comparison's words allow of what its levels give."""
    if comparison.unit in ("ratio", "percent"):
        return _relative_readings(comparison, before, after, words)
    if comparison.unit in ("percentage_point", "basis_point"):
        return _difference_readings(comparison, before, after, unit=comparison.unit)
    if comparison.unit == "point" and before.unit == "percent":
        return _difference_readings(comparison, before, after, unit="percentage_point")
    return _difference_readings(comparison, before, after, unit=comparison.unit)


def check_comparison(scope: Scope, comparison: Figure) -> Finding | None:
    """Whether a stated comparison follows from its levels; None when no levels are found."""
    levels = find_levels(scope, comparison)
    if levels is None:
        return None
    before, after = levels
    options = readings(comparison, before, after, wording(scope, comparison))
    if not options:
        return None
    stated_interval = comparison.interval()
    fitting = [r for r in options if r.actual.meets(stated_interval)]
    reading = fitting[0] if fitting else options[0]
    passed = bool(fitting)
    verdict = "is" if passed else "is not"
    claims = tuple(sorted({*comparison.claims, *before.claims, *after.claims}))
    sources = ", ".join(
        f"{stated(f)} ({_claims_words(f.claims)})" for f in (before, after) if f.claims
    )
    explanation = (
        f"{reading.expression}, which {verdict} '{stated(comparison)}' "
        f"({reading.range_words()} within the rounding of the stated figures)."
    )
    if sources:
        explanation += f" Levels: {sources}."
    return Finding(COMPARISON, claims, claims, passed, explanation)


def _claims_words(claim_ids) -> str:
    ids = sorted(claim_ids)
    return ("claim " if len(ids) == 1 else "claims ") + ", ".join(f"#{pk}" for pk in ids)
