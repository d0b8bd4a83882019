"""The quantity grammar: a number with its scale, unit, bound, change word, range or from-to
partner, role and period, read from one sentence.

Steps, each a function below: mask dates, times and periods; find numbers; read the words on
either side of each (_read); read multiples written as words (_multiples); pair ranges and
before/after figures (_pair); keep what is a quantity (_is_quantity); give periods
(_give_periods) and total roles; build the frozen results (_finish).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import periods as periods_module
from . import qualifiers as q
from .numbers import Number, find_numbers
from .periods import Period
from .units import (
    match_counted_noun,
    match_currency_after,
    match_currency_before,
    match_other_unit,
    match_scale,
)

_OWN_PERIOD_GAP = re.compile(
    r"\s*,?\s*(?:(?:in|during|for|of|over|through|throughout|by|at\s+the\s+end\s+of)\s+)?"
    r"(?:the\s+)?\Z",
    re.I,
)
_DASH = "-\u2013\u2014"  # hyphen, en dash, em dash
_DURATIONS = {"year", "month", "week", "day", "hour"}
_FRACTION_OF_UNIT = re.compile(
    r"\s+(?:of\s+)?an?\s+(?:(?P<pp>percentage[\s-]point)|(?P<basis>basis\s+point)|point)\b", re.I
)
# Between "from 8.1 billion yen" and "to": a few words, as "in 2025", but no clause break.
_FROM_TO_GAP = re.compile(r"(?:(?!\band\b)[^\d;:,]){0,30}?\bto\s+")


@dataclass(frozen=True)
class Parsed:
    """One quantity found in a sentence; sentence[start:end] == text, the words that state it.

    The span is the shortest stretch that states the quantity's value, scale, unit and bound:
    "more than doubling", "US$2.5 million", "16 countries", "as much as 21.6%". It leaves out
    change verbs ("rose by") and periods ("in 2025"), which are in kind and period instead. Both
    ends of a range span the whole range ("between 10 and 20 percent"), which is how they are
    told apart from two separate figures; a from-to start that borrows its unit from the end
    spans as far as that unit ("8.1 to 18.1 billion yen").

    value: as written, unsigned (18.1 in "18.1 billion yen"; 2 in "fell 2%"). scale: what
    "billion" multiplies by. unit: ISO 4217 code, "percent", "percentage_point", "basis_point",
    "ratio" (multiples and fractions), "count", a duration ("year", "month", "week", "day",
    "hour"), "point" or a measure ("km", "tonne", ...). bound: a QuantityBound value. role:
    a QuantityRole value or "". counted: the counted noun of a count ("pilot countries").
    kind: "level" (an amount as stated), "increase" / "decrease" (a change by that amount),
    "multiple" ("2.2 times", "doubled"), or "fraction" ("two-thirds of").
    """

    start: int
    end: int
    value: Decimal
    scale: Decimal
    unit: str
    bound: str
    period: str = ""
    period_start: date | None = None
    period_end: date | None = None
    role: str = ""
    counted: str = ""
    kind: str = "level"
    text: str = ""


@dataclass
class _Reading:
    """A quantity being read; start/end are its span, number its core."""

    number: Number
    start: int
    end: int
    value: Decimal
    scale: Decimal = Decimal(1)
    unit: str = ""
    bound: str = "exact"
    kind: str = "level"
    role: str = ""
    counted: str = ""
    scaled: bool = False
    year_like: bool = False
    stated_unit: bool = False
    period: Period | None = None
    own_end: int | None = None  # where its own period may follow, when its span reaches further
    dropped: bool = False
    over: bool = False  # its bound was "over", which before a duration means "across"


def parse_quantities(
    sentence: str, *, fiscal_year_start: tuple[int, int] | None = None
) -> list[Parsed]:
    """Every quantity the sentence states, in order of their spans.

    Deterministic and pure: the same sentence gives the same list. fiscal_year_start=(4, 1)
    dates fiscal years as Japan's (FY2026 = 2026-04-01..2027-03-31); without it fiscal periods
    have a label but no dates. A number that is part of a name, a date, a time, a period, a
    list numbering or a reference ("Article 9", "page 12") is not a quantity.
    """
    dates = periods_module.find_dates_and_times(sentence)
    periods = periods_module.scan_periods(sentence, dates, fiscal_year_start)
    fixed = [(p.start, p.end) for p in periods if not p.bare]
    readings = [
        r
        for n in find_numbers(sentence, dates + fixed)
        if (r := _read(sentence, n, _bare_year(n, periods))) is not None
    ]
    readings += _multiples(sentence, dates + fixed, readings)
    readings.sort(key=lambda r: r.start)
    _pair(sentence, readings)
    readings = [r for r in readings if _is_quantity(r)]
    used_years = {(r.number.start, r.number.end) for r in readings if r.year_like}
    periods = [p for p in periods if not (p.bare and (p.start, p.end) in used_years)]
    periods = periods_module.in_fiscal_context(periods, fiscal_year_start)
    _give_periods(sentence, readings, periods)
    _give_total_roles(sentence, readings)
    return [_finish(sentence, r) for r in readings]


def _bare_year(number: Number, periods: list[Period]) -> bool:
    return any(p.bare and p.start <= number.start and number.end <= p.end for p in periods)


def _read(sentence: str, number: Number, year_like: bool) -> _Reading | None:
    """The number with the words around it: currency, scale, unit, bound and change word."""
    r = _Reading(number, number.start, number.end, number.value, year_like=year_like)
    if number.fraction:
        r.unit, r.kind, r.stated_unit = "ratio", "fraction", True
    currency = match_currency_before(sentence, number.start)
    if currency and not number.fraction:
        r.unit, r.start, r.stated_unit = currency[0], currency[1], True
    _read_bound_and_change(sentence, r)
    if not number.fraction:
        _read_unit(sentence, r, committed=bool(currency or r.bound != "exact" or r.role))
    if sentence[number.end : number.end + 1].isalpha() and r.end == number.end:
        return None  # letters against the number that no unit took: part of a name
    if not r.scaled and r.unit in ("", "count") and q.is_label(sentence, r.start):
        return None
    if number.fraction:
        _read_fraction_of_unit(sentence, r)
    if r.over and r.unit in _DURATIONS:
        r.bound, r.start = "exact", number.start  # "£2.5bn over five years"
    _read_bound_after(sentence, r)
    if not r.unit and r.bound != "exact" and not number.words:
        counted = match_counted_noun(sentence, r.end)  # "20+ countries", "20-plus countries"
        if counted:
            r.unit, r.end, r.counted, r.stated_unit = "count", counted.end, counted.counted, True
    return r


def _read_fraction_of_unit(sentence: str, r: _Reading) -> None:
    """'a quarter of a percentage point' is 0.25 percentage_point, not a share of something."""
    m = _FRACTION_OF_UNIT.match(sentence, r.end)
    if m:
        r.end = m.end()
        r.unit = "basis_point" if m["basis"] else "percentage_point" if m["pp"] else "point"
        r.kind = "level" if r.kind == "fraction" else r.kind


def _read_unit(sentence: str, r: _Reading, *, committed: bool) -> None:
    """Scale and unit after the number; a lone year takes only what makes it a number."""
    money = bool(r.unit)
    scale = match_scale(sentence, r.end, attached_ok=money)
    if scale is None and not money:
        attached = match_scale(sentence, r.end, attached_ok=True)
        if attached and match_counted_noun(sentence, attached[1]):
            scale = attached  # "3m barrels"
    if scale:
        r.scale, r.end, r.scaled = scale[0], scale[1], True
    currency = match_currency_after(sentence, r.end, after_scale=r.scaled)
    if currency:
        r.unit = r.unit or currency.unit
        r.end, r.stated_unit = currency.end, True
        return
    if money:
        return
    other = match_other_unit(sentence, r.end)
    if other and other.unit == "ratio" and not _is_multiple(sentence, r, other.end):
        other = match_counted_noun(sentence, r.end)  # "visited Japan 16 times"
    if other is None and (committed or not r.year_like):
        other = match_counted_noun(sentence, r.end)
    if other and (committed or not r.year_like or other.unit in ("percent", "ratio")):
        r.unit, r.end, r.counted, r.stated_unit = other.unit, other.end, other.counted, True
        if other.kind == "multiple":
            r.kind = "multiple"


def _is_multiple(sentence: str, r: _Reading, end: int) -> bool:
    """'2.2 times the level', 'rose 2.2 times', 'threefold'; not 'visited 16 times'."""
    compared = r.role or q.TIMES_COMPARED.match(sentence, end)
    return bool(compared) or "fold" in sentence[r.end : end]


def _read_bound_and_change(sentence: str, r: _Reading) -> None:
    bound = q.bound_before(sentence, r.start)
    if bound:
        r.bound, r.start = bound
        r.over = sentence[r.start : r.start + 4].lower() == "over"
    change = q.change_before(sentence, r.start)
    if change:
        r.kind, r.role = change, "change"


def _read_bound_after(sentence: str, r: _Reading) -> None:
    bound = q.bound_after(sentence, r.end)
    if bound and r.bound == "exact":
        r.bound, r.end = bound
    change = q.change_after(sentence, r.end)
    if change and r.kind == "level" and r.unit not in ("count", ""):
        r.kind, r.role = change, "change"


def _multiples(sentence: str, masked: list[tuple[int, int]], readings: list[_Reading]) -> list:
    """'doubled', 'more than doubling', 'twice', 'threefold', 'halved': ratio quantities; a
    verb, or a change word after ('a threefold increase'), makes them a change."""
    found = []
    taken = masked + [(r.start, r.end) for r in readings]
    for m in q.MULTIPLES.finditer(sentence):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        value = q.multiple_value(m)
        number = Number(m.start(), m.end(), value, words=True)
        r = _Reading(number, m.start(), m.end(), value, unit="ratio", stated_unit=True)
        _read_bound_and_change(sentence, r)
        r.kind = "multiple"
        if m["verb"] or q.change_after(sentence, m.end()):
            r.role = "change"
        found.append(r)
    return found


def _pair(sentence: str, readings: list[_Reading]) -> None:
    """Ranges ('between 10 and 20 percent', '10-20%' with a hyphen or a dash, '$3m-$5m') and
    before/after pairs ('from 8.1 billion yen in 2025 to 18.1 billion yen', '18.1bn, up from
    8.1bn')."""
    for r in readings:
        if not r.role and q.TO_AFTER_CHANGE.search(sentence[: r.start]):
            r.role = "after"  # "rose to 18.1 billion yen"
    paired = [r for r in readings if _may_pair(sentence, r)]
    for low, high in itertools.pairwise(paired):
        gap = sentence[low.end : high.start]
        before_low = sentence[: low.start]
        if low.role == "change" and low.kind != "multiple" and gap.strip() == "to":
            high.role = "after"  # "rose 7.2 percent to 1.67 trillion yuan"
            continue
        if _is_score(low, high, gap):
            low.dropped = high.dropped = True  # "passed 68-32", "a 50-50 chance"
            continue
        if not _compatible(low, high):
            continue
        range_start = q.RANGE_START.search(before_low)
        ranged = re.fullmatch(rf"\s*(?:[{_DASH}]|to)\s*", gap) and not q.FROM.search(before_low)
        between = range_start and re.fullmatch(rf"\s*(?:and|to|[{_DASH}])\s*", gap)
        if (between or ranged) and _ascending(low, high):
            _share_unit(low, high)
            _share_scale(low, high)
            start = range_start.start() if range_start else low.start
            for r, bound in ((low, "at_least"), (high, "at_most")):
                r.start, r.end = start, high.end
                r.bound = bound if r.bound == "exact" else r.bound
            high.kind, high.role = low.kind, low.role
        elif q.FROM.search(before_low) and _FROM_TO_GAP.fullmatch(_no_years(gap)):
            borrowed = _share_unit(low, high)
            _share_scale(low, high)
            low.role, high.role = "before", "after"
            if borrowed is low:
                low.own_end, low.end = low.end, high.end
    _pair_before(sentence, [r for r in readings if not r.dropped])


def _pair_before(sentence: str, readings: list[_Reading]) -> None:
    """A 'before' figure ('up from 3.4 per cent') and the nearest earlier figure of the same
    measure, which becomes the 'after' one ('rose to 3.6 per cent in the 12 months to June')."""
    for i, high in enumerate(readings):
        if high.role or (high.year_like and not high.stated_unit):
            continue  # "cut by 46% from 2013 levels": a year after "from" is when, not how much
        low = next((r for r in reversed(readings[:i]) if _compatible(r, high)), None)
        near = low and len(sentence[low.end : high.start].split()) <= 12
        if near and _marks_before(sentence, low, high):
            _share_unit(high, low)
            high.role = "before"
            low.role = low.role or "after"


def _marks_before(sentence: str, low: _Reading, high: _Reading) -> bool:
    """'18.1bn, up from 8.1bn', 'compared with 61%'; a bare 'from' or 'against' only after a
    figure that a change or a 'to' led to ('fell to 3% from 5%', 'to 2% of GDP from about 1%'),
    not in 'aid from 16 countries'."""
    mark = q.BEFORE_MARK.search(sentence, 0, high.start)
    if not mark:
        return False
    weak = mark[0].split()[0].lower() in ("from", "against")
    led_to = low.role in ("after", "change") or re.search(r"\bto\s+\Z", sentence[: low.start])
    return not weak or bool(led_to)


def _is_score(low: _Reading, high: _Reading, gap: str) -> bool:
    bare = not (low.stated_unit or high.stated_unit or low.scaled or high.scaled)
    return bare and bool(re.fullmatch(rf"[{_DASH}]", gap)) and not _ascending(low, high)


def _no_years(gap: str) -> str:
    return re.sub(r"\b(?:19|20)\d\d\b", "", gap)


def _may_pair(sentence: str, r: _Reading) -> bool:
    """A lone year pairs only as the start of a range or from-to ('from 2000 to 3,000 troops')."""
    if not r.year_like or r.stated_unit:
        return True
    before = sentence[: r.start]
    return bool(q.RANGE_START.search(before) or q.FROM.search(before))


def _compatible(a: _Reading, b: _Reading) -> bool:
    """Two numbers of one measure: one states no unit, or both state the same."""
    if not (a.stated_unit and b.stated_unit):
        return True
    return a.unit == b.unit and (a.counted == b.counted or not (a.counted and b.counted))


def _ascending(low: _Reading, high: _Reading) -> bool:
    """A range runs upwards ('$3m-$5m', '3-5 million'); '2-1' is a score, not a range."""
    low_scale = low.scale if low.scaled or low.value >= 1000 else high.scale
    return low.value * low_scale < high.value * high.scale


def _share_unit(first: _Reading, second: _Reading) -> _Reading | None:
    """The one of the two that states no unit takes the other's; returns which one borrowed.
    The scale goes with it only to a number that could be scaled: no separators, under 1000
    ('from 8.1 to 18.1 billion yen', but not 'from 800,000 to 1.2 million')."""
    for borrower, lender in ((first, second), (second, first)):
        if not borrower.stated_unit and lender.stated_unit:
            borrower.unit, borrower.counted = lender.unit, lender.counted
            borrower.stated_unit = True
            _share_scale(borrower, lender)
            if lender.kind == "multiple":
                borrower.kind = "multiple"
            return borrower
    return None


def _share_scale(first: _Reading, second: _Reading) -> None:
    """'between $3 and $5 million': the end that states no scale takes the other's."""
    for borrower, lender in ((first, second), (second, first)):
        scalable = not borrower.number.separated and borrower.value < 1000
        if lender.scaled and not borrower.scaled and scalable:
            borrower.scale, borrower.scaled = lender.scale, True


def _is_quantity(r: _Reading) -> bool:
    """Numbers in words need a unit; a lone year or decimal without one is no quantity."""
    if r.dropped:
        return False
    if r.stated_unit:
        return True
    if r.scaled:
        r.unit = "count"  # "1.5 million", said of people or things
        return True
    if r.number.words or r.year_like or r.value != r.value.to_integral_value():
        return False
    r.unit = "count"
    return True


def _give_periods(sentence: str, readings: list[_Reading], periods: list[Period]) -> None:
    """A quantity's own period follows it ('8.1 billion yen in 2025'). Without one it takes the
    one period the sentence names besides the others' own ('for fiscal year 2026 ... from 8.1
    billion yen in 2025 to 18.1 billion yen': FY2026), or else the sentence's only period. A
    'before' figure takes only its own: it is, by its words, of another time."""
    for r in readings:
        end = r.own_end or r.end
        gaps = ((p, sentence[end : p.start]) for p in periods if p.start >= end)
        r.period = next((p for p, gap in gaps if _OWN_PERIOD_GAP.match(gap)), None)
    own = {id(r.period) for r in readings if r.period}
    own_after = {id(r.period) for r in readings if r.period and r.role != "before"}
    named = [p for p in periods if not p.reference]
    labels = {p.label for p in named if id(p) not in own}
    if not labels and len({p.label for p in named}) == 1:
        labels = {p.label for p in named if id(p) in own_after}
    shared = next((p for p in named if p.label in labels), None) if len(labels) == 1 else None
    for r in readings:
        if r.period is None or r.period.reference:
            r.period = None if r.role == "before" else shared


def _give_total_roles(sentence: str, readings: list[_Reading]) -> None:
    """'a total of 16', '16 in all'; and counts where the sentence says 'to date' or 'so far'."""
    whole = bool(q.TOTAL_SENTENCE.search(sentence))
    for r in readings:
        said = q.TOTAL_BEFORE.search(sentence[: r.start]) or q.TOTAL_AFTER.match(sentence, r.end)
        if not r.role and (said or (whole and r.unit == "count" and r.kind == "level")):
            r.role = "total"


def _finish(sentence: str, r: _Reading) -> Parsed:
    p = r.period
    return Parsed(
        start=r.start,
        end=r.end,
        value=r.value,
        scale=r.scale,
        unit=r.unit,
        bound=r.bound,
        period=p.label if p else "",
        period_start=p.period_start if p else None,
        period_end=p.period_end if p else None,
        role=r.role,
        counted=r.counted,
        kind=r.kind,
        text=sentence[r.start : r.end],
    )
