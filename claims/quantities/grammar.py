"""The quantity grammar: a number with its scale, unit, bound, change word, range or from-to
partner, role and period, read from one sentence.

Steps, each a function below: mask dates, times and periods; find numbers; read the words on
either side of each (_read); read multiples written as words (_multiples); pair ranges and
before/after figures (pairs.pair); keep what is a quantity (_is_quantity); give periods
(attachment.give_periods) and total roles; build the frozen results (_finish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import periods as periods_module
from . import qualifiers as q
from .attachment import give_periods
from .numbers import Number, find_numbers
from .pairs import pair
from .periods import Period
from .units import (
    DURATIONS,
    Unit,
    match_counted_noun,
    match_currency_after,
    match_currency_before,
    match_other_unit,
    match_scale,
)

# Nouns a lone year qualifies rather than counts, even after a bound ("above 2019 levels").
_YEAR_OF_NOUNS = {"levels", "figures", "peaks", "highs", "lows", "averages", "prices", "rates"}
_RANGE_END = re.compile(r"(?<![\w.,])\d[\d,.]*\s?[-\u2013]\s?\Z")
_FRACTION_OF_UNIT = re.compile(
    r"\s+(?:of\s+)?an?\s+(?:(?P<pp>percentage[\s-]point)|(?P<basis>basis\s+point)|point)\b", re.I
)


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
    "before" / "after" (from-to, "up from"), "change", "total" ("a total of", "to date") or "";
    finer QuantityRole values ("budget_request") are an editor's call. counted: the counted
    noun of a count ("pilot countries").
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
class Reading:
    """A quantity being read (the package's working record; Parsed is what callers get):
    start/end are its span, number its core."""

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
    partner: Reading | None = field(
        default=None, repr=False, compare=False
    )  # a from-to start's end


def parse_quantities(
    sentence: str,
    *,
    fiscal_year_start: tuple[int, int] | None = None,
    published: date | None = None,
) -> list[Parsed]:
    """Every quantity the sentence states, in order of their spans.

    Deterministic and pure: the same sentence gives the same list. fiscal_year_start=(4, 1)
    dates fiscal years as Japan's (FY2026 = 2026-04-01..2027-03-31); without it fiscal periods
    have a label but no dates. A number that is part of a name, a date, a time, a period, a
    list numbering or a reference ("Article 9", "page 12") is not a quantity. `published`, the
    text's date, dates a month or quarter named without a year ("rose 1.4% in October").
    """
    dates = periods_module.find_dates_and_times(sentence)
    periods = periods_module.scan_periods(
        sentence, dates, fiscal_year_start, published=published
    )
    fixed = [(p.start, p.end) for p in periods if not p.bare]
    readings = [
        r
        for n in find_numbers(sentence, dates + fixed)
        if (r := _read(sentence, n, _bare_year(n, periods))) is not None
    ]
    readings += _multiples(sentence, dates + fixed, readings)
    readings.sort(key=lambda r: r.start)
    pair(sentence, readings)
    readings = [r for r in readings if _is_quantity(r)]
    used_years = {(r.number.start, r.number.end) for r in readings if r.year_like}
    periods = [p for p in periods if not (p.bare and (p.start, p.end) in used_years)]
    periods = periods_module.in_fiscal_context(periods, fiscal_year_start)
    give_periods(sentence, readings, periods)
    _give_total_roles(sentence, readings)
    return [_finish(sentence, r) for r in readings]


def _bare_year(number: Number, periods: list[Period]) -> bool:
    return any(p.bare and p.start <= number.start and number.end <= p.end for p in periods)


def _read(sentence: str, number: Number, year_like: bool) -> Reading | None:
    """The number with the words around it: currency, scale, unit, bound and change word."""
    r = Reading(number, number.start, number.end, number.value, year_like=year_like)
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
    if not r.scaled and r.unit in ("", "count") and _is_label(sentence, r.start):
        return None
    if number.fraction:
        _read_fraction_of_unit(sentence, r)
    if r.over and r.unit in DURATIONS:
        r.bound, r.start = "exact", number.start  # "£2.5bn over five years"
    before_bound = r.end
    _read_bound_after(sentence, r)
    bound_after = r.end != before_bound
    if not r.unit and r.bound != "exact" and (bound_after or not number.words):
        # "20+ countries", "20-plus countries", "two or more European states"
        counted = _counted_noun(sentence, r)
        if counted:
            r.unit, r.end, r.counted, r.stated_unit = "count", counted.end, counted.counted, True
    return r


def _is_label(sentence: str, start: int) -> bool:
    """'Article 9'; and 'pp. 45-67', where the range that a label starts is a label too."""
    range_start = _RANGE_END.search(sentence, max(0, start - 24), start)
    return q.is_label(sentence, range_start.start() if range_start else start)


def _read_fraction_of_unit(sentence: str, r: Reading) -> None:
    """'a quarter of a percentage point' is 0.25 percentage_point, not a share of something."""
    m = _FRACTION_OF_UNIT.match(sentence, r.end)
    if m:
        r.end = m.end()
        r.unit = "basis_point" if m["basis"] else "percentage_point" if m["pp"] else "point"
        r.kind = "level" if r.kind == "fraction" else r.kind


def _read_unit(sentence: str, r: Reading, *, committed: bool) -> None:
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
        other = match_counted_noun(
            sentence, r.end, hyphenated_ok=not r.number.words
        )  # "visited 16 times"
    if other is None and (committed or not r.year_like):
        other = _counted_noun(sentence, r)
    if other and (committed or not r.year_like or other.unit in ("percent", "ratio")):
        r.unit, r.end, r.counted, r.stated_unit = other.unit, other.end, other.counted, True
        if other.kind == "multiple":
            r.kind = "multiple"


def _counted_noun(sentence: str, r: Reading) -> Unit | None:
    """The noun r counts; none for a lone year before what it dates ('below 2013 levels')."""
    counted = match_counted_noun(sentence, r.end, hyphenated_ok=not r.number.words)
    if counted and r.year_like and counted.counted.lower() in _YEAR_OF_NOUNS:
        return None
    return counted


def _is_multiple(sentence: str, r: Reading, end: int) -> bool:
    """'2.2 times the level', 'rose 2.2 times', 'threefold'; not 'visited 16 times'."""
    compared = r.role or q.TIMES_COMPARED.match(sentence, end)
    return bool(compared) or "fold" in sentence[r.end : end]


def _read_bound_and_change(sentence: str, r: Reading) -> None:
    bound = q.bound_before(sentence, r.start)
    if bound:
        r.bound, r.start = bound
        r.over = sentence[r.start : r.start + 4].lower() == "over"
    change = q.change_before(sentence, r.start)
    if change:
        r.kind, r.role = change, "change"


def _read_bound_after(sentence: str, r: Reading) -> None:
    bound = q.bound_after(sentence, r.end)
    if bound and r.bound == "exact":
        r.bound, r.end = bound
    change = q.change_after(sentence, r.end)
    if change and r.kind == "level" and r.unit not in ("count", ""):
        r.kind, r.role = change, "change"


def _multiples(sentence: str, masked: list[tuple[int, int]], readings: list[Reading]) -> list:
    """'doubled', 'more than doubling', 'would almost double', 'twice', 'threefold', 'halved':
    ratio quantities; a verb, or a change word after ('a threefold increase'), makes them a
    change. 'a double standard' and 'double digits' are none."""
    found = []
    taken = masked + [(r.start, r.end) for r in readings]
    for m in q.MULTIPLES.finditer(sentence):
        form = q.multiple_form(sentence, m)
        if form is None or any(m.start() < end and start < m.end() for start, end in taken):
            continue
        value = q.multiple_value(m)
        number = Number(m.start(), m.end(), value, words=True)
        r = Reading(number, m.start(), m.end(), value, unit="ratio", stated_unit=True)
        _read_bound_and_change(sentence, r)
        r.kind = "multiple"
        if form == "verb" or q.change_after(sentence, m.end()):
            r.role = "change"
        found.append(r)
    return found


def _is_quantity(r: Reading) -> bool:
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


def _give_total_roles(sentence: str, readings: list[Reading]) -> None:
    """'a total of 16', '16 in all', the whole of '14 of the country's 38 provinces'; and counts
    where the sentence says 'to date' or 'so far'."""
    whole = bool(q.TOTAL_SENTENCE.search(sentence))
    starts = {r.start for r in readings}
    for r in readings:
        said = q.ends_before(q.TOTAL_BEFORE, sentence, r.start) or q.TOTAL_AFTER.match(
            sentence, r.end
        )
        part = q.ends_before(q.OF_WHOLE, sentence, r.start)
        if part and part.start() in starts and r.unit == "count":
            said = True  # the part is a figure read here too: "14 of the 38 provinces"
        if not r.role and (said or (whole and r.unit == "count" and r.kind == "level")):
            r.role = "total"


def _finish(sentence: str, r: Reading) -> Parsed:
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
