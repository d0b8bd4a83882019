"""Periods that news text names, and the dates and clock times that are not numbers at all.

Periods: fiscal years ("fiscal year 2026", "FY 2025", "FY26", "fiscal 2025-26"), calendar
years ("in 2015", "mid-2025", "calendar 2025"), split years ("2012-13", written with a hyphen,
an en dash or a slash), year ranges ("2015-2020"), quarters ("Q3 2025", "third quarter of
2025", "Q1 FY2026"), halves ("H1 2026", "first half of 2026") and months ("January 2026").
A date with a day ("27 January 2026", "January 27, 2026", "2026-02-02") names a day, not a
period: it is only masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial

_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Capitalised only: "may" and "march" in lower case are a verb far more often than a month.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 2}
_FY = r"(?:\bFY\s?'?|\b(?i:fiscal|financial)\s+(?:(?i:year)\s+)?)"

_DATES_AND_TIMES = re.compile(
    rf"""
      \b\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\b   # 2026-02-02T09:00Z
    | \b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b                          # 02/02/2026
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?  # 27 January 2026
    | \b\d{{1,2}}\s?[-\u2013]\s?\d{{1,2}}\s+{_MONTH}(?:,?\s+{_YEAR}\b)?        # 16-17 January
    | \b{_MONTH}\s+\d{{1,2}}\s?[-\u2013]\s?\d{{1,2}}\b(?:,?\s+{_YEAR}\b)?       # March 3-5
    | \b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![.,]?\d)(?:,?\s+{_YEAR}\b)?  # January 27, 2026
    | \b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?[ap]\.?m\b\.?)?            # 18:39:19, 9:30 a.m.
    | \b\d{{1,2}}\s?(?:[ap]\.m\.|[ap]m\b)                              # 10 a.m., 10pm
    | \b\d+(?:-\d+){{2,}}\b                                          # 3-1234-5678
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Period:
    """A period named in a sentence: sentence[start:end] is the words that name it.

    fiscal: named as a fiscal year, or a part of one. bare: a lone year ("2015") that may
    turn out to be a number ("2015 troops") or, beside a fiscal year, that fiscal year.
    reference: a point that something is counted from or until ("since 2015", "up 3.8% from
    FY2025"), which is not the period a quantity is in.
    """

    start: int
    end: int
    label: str
    period_start: date | None = None
    period_end: date | None = None
    fiscal: bool = False
    bare: bool = False
    reference: bool = False


def find_dates_and_times(sentence: str) -> list[tuple[int, int]]:
    """Spans of dates with a day, clock times and phone-like digit groups: no number inside them
    is a quantity."""
    return [m.span() for m in _DATES_AND_TIMES.finditer(sentence)]


def find_periods(
    sentence: str,
    *,
    fiscal_year_start: tuple[int, int] | None = None,
    published: date | None = None,
) -> list[Period]:
    """Every period the sentence names, in order, with dates where they are known.

    With fiscal_year_start=(month, day) fiscal years get dates; without it they have a label
    only. When the sentence names a fiscal year, a bare year in it is that fiscal year too.
    With `published` (the text's date), a month or quarter named without a year ("in October",
    "the third quarter") is the latest such month or quarter that began on or before it.
    """
    periods = scan_periods(
        sentence, find_dates_and_times(sentence), fiscal_year_start, published=published
    )
    return in_fiscal_context(periods, fiscal_year_start)


def scan_periods(
    sentence: str,
    masked: list[tuple[int, int]],
    fiscal_year_start: tuple[int, int] | None,
    *,
    published: date | None = None,
) -> list[Period]:
    """The periods outside the masked spans, before any fiscal context is applied."""
    taken = list(masked)
    found: list[Period] = []
    yearless = [(pattern, partial(build, published=published)) for pattern, build in _YEARLESS]
    for pattern, build in _PATTERNS + (yearless if published else []):
        for m in pattern.finditer(sentence):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            period = build(m, fiscal_year_start)
            if period is None:
                continue
            ranged = _WORDED_RANGE.search(m[0])  # "from 2015 to 2020" is the period itself
            if not ranged and _REFERENCE_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
                period = replace(period, reference=True)
            taken.append(m.span())
            found.append(period)
    return sorted(found, key=lambda p: p.start)


def in_fiscal_context(
    periods: list[Period], fiscal_year_start: tuple[int, int] | None
) -> list[Period]:
    """Bare years become fiscal years when a fiscal year is named beside them."""
    if not any(p.fiscal for p in periods):
        return periods
    return [
        _fiscal_year(p.start, p.end, int(p.label), fiscal_year_start, reference=p.reference)
        if p.bare
        else p
        for p in periods
    ]


# --- dates -------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    """The same day of the month, months later (only ever called on the 1st or a FY start)."""
    month0 = day.month - 1 + months
    return day.replace(year=day.year + month0 // 12, month=month0 % 12 + 1)


def _span(first: date | None, months: int) -> tuple[date | None, date | None]:
    if first is None:
        return None, None
    return first, _add_months(first, months) - timedelta(days=1)


def fiscal_year_first_day(year: int, fiscal_year_start: tuple[int, int] | None) -> date | None:
    """The first day of fiscal year `year` ("FY2026"), or None when the fiscal year is unknown.

    A fiscal year that starts in the first half of the calendar year is named after the year it
    starts in (Japan, April: FY2026 = 2026-04-01..2027-03-31); one that starts in the second half
    is named after the year it ends in (US, October: FY2026 = 2025-10-01..2026-09-30).
    """
    if fiscal_year_start is None:
        return None
    month, day = fiscal_year_start
    return date(year if month <= 6 else year - 1, month, day)


def _full_year(digits: str, century_from: int = 2000) -> int:
    return int(digits) if len(digits) == 4 else century_from + int(digits)


# --- builders, one per pattern --------------------------------------------------------------


def _fiscal_year(
    start: int, end: int, year: int, fys: tuple[int, int] | None, reference: bool = False
) -> Period:
    first, last = _span(fiscal_year_first_day(year, fys), 12)
    return Period(start, end, f"FY{year}", first, last, fiscal=True, reference=reference)


def _split_year(m: re.Match, fys: tuple[int, int] | None, fiscal: bool) -> Period | None:
    """'2012-13', 'FY2025/26': one year that straddles two; dates need the fiscal start."""
    y1 = _full_year(m["y1"])
    if not m["y2"]:
        return _fiscal_year(m.start(), m.end(), y1, fys) if fiscal else None
    y2 = _full_year(m["y2"], century_from=y1 // 100 * 100)
    if y2 == y1 + 1:
        first = date(y1, *fys) if fys and fys != (1, 1) else None
        label = f"{'FY' if fiscal else ''}{y1}-{y2 % 100:02d}"
        return Period(m.start(), m.end(), label, *_span(first, 12), fiscal=fiscal)
    return None


def _ordinal_number(word: str) -> int:
    return {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(word.lower()) or _ORDINALS[word.lower()]


_PATTERNS: list[tuple[re.Pattern, object]] = []


def _pattern(regex: str):
    """Registers a builder for the periods regex finds; patterns are tried in this order."""

    def register(build):
        _PATTERNS.append((re.compile(regex), build))
        return build

    return register


def _of_year(i: int) -> str:
    """'of fiscal 2025', '2025': group names carry i, as a pattern may name a year thrice."""
    return (
        rf"(?:of\s+)?(?:the\s+)?(?:(?P<fy{i}>{_FY})(?P<fyear{i}>{_YEAR}|\d\d)|(?P<year{i}>{_YEAR}))"
    )


def _group(m: re.Match, prefix: str) -> str | None:
    """The first group whose name starts with prefix that took part in the match."""
    return next((v for k, v in m.groupdict().items() if k.startswith(prefix) and v), None)


@_pattern(
    rf"\b(?:(?P<part>[QH])(?P<n>[1-4])|(?P<n2>[1-4])(?P<part2>[QH]))"
    rf"(?:\s?{_of_year(1)}|'?(?P<short>\d\d))(?![\w%])"
    rf"|\b(?P<year_first>{_YEAR})\s(?P<part3>[QH])(?P<n3>[1-4])\b"
    rf"|\b(?P<ordinal>(?i:{_ORDINAL}))[\s-](?P<unit>(?i:quarter|half))\s+{_of_year(2)}(?![\w%])"
    rf"|\b(?P<six>(?i:first|last|second))\s+six\s+months\s+{_of_year(3)}(?![\w%])"
)
def _quarter_or_half(m: re.Match, fys: tuple[int, int] | None) -> Period | None:
    """'Q3 2025', '3Q25', '2025 Q3', 'third quarter of 2025', 'H1 FY2026', 'first six months'."""
    if m["six"]:
        part, number = "H", _ORDINALS[m["six"].lower()]
    elif m["ordinal"]:
        part = "H" if m["unit"].lower() == "half" else "Q"
        number = _ordinal_number(m["ordinal"])
    else:
        part = m["part"] or m["part2"] or m["part3"]
        number = int(m["n"] or m["n2"] or m["n3"])
    if part == "H" and number > 2:
        return None
    fiscal = bool(_group(m, "fy"))
    year = _full_year(_group(m, "fyear") or _group(m, "year") or m["short"])
    months = 3 if part == "Q" else 6
    first_of_year = fiscal_year_first_day(year, fys) if fiscal else date(year, 1, 1)
    first = _add_months(first_of_year, months * (number - 1)) if first_of_year else None
    label = f"{part}{number} {'FY' if fiscal else ''}{year}"
    return Period(m.start(), m.end(), label, *_span(first, months), fiscal=fiscal)


@_pattern(
    rf"(?<=[Bb]etween\s){_FY}(?P<b1>{_YEAR})\s+and\s+{_FY}?(?P<b2>{_YEAR})(?![\w%])"
    rf"|{_FY}(?P<y1>{_YEAR}|\d\d)(?:\s?[-/\u2013]\s?(?:FY)?(?P<y2>{_YEAR}|\d\d)"
    rf"|\s+(?:to|through|until)\s+{_FY}?(?P<last>{_YEAR}))?(?![\w%])"
    rf"|\b(?P<y3>{_YEAR})\s+(?i:fiscal|financial)\s+(?i:year)\b"
)
def _named_fiscal_year(m: re.Match, fys: tuple[int, int] | None) -> Period | None:
    """'FY2026', 'fiscal 2025-26' (split), 'FY2023-FY2027', 'fiscal 2026 to 2030' and
    'between fiscal 2023 and 2027' (ranges, as 'between 2023 and 2027' is)."""
    if m["y3"]:
        return _fiscal_year(m.start(), m.end(), int(m["y3"]), fys)
    y1 = _full_year(m["y1"] or m["b1"])
    named_last = m["last"] or m["b2"]
    last = int(named_last) if named_last else _full_year(m["y2"] or m["y1"], y1 // 100 * 100)
    if named_last or last > y1 + 1:
        if last <= y1:
            return None  # "FY2026 to 2020"
        first_day, after = fiscal_year_first_day(y1, fys), fiscal_year_first_day(last + 1, fys)
        last_day = after - timedelta(days=1) if after else None
        return Period(m.start(), m.end(), f"FY{y1}-FY{last}", first_day, last_day, fiscal=True)
    return _split_year(m, fys, fiscal=True)


@_pattern(rf"\b(?i:calendar)\s+(?:(?i:year)\s+)?(?P<y>{_YEAR})\b")
def _calendar_year(m: re.Match, fys: tuple[int, int] | None) -> Period:
    year = int(m["y"])
    return Period(m.start(), m.end(), str(year), date(year, 1, 1), date(year, 12, 31))


@_pattern(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b(?![.,]\d)")
def _month(m: re.Match, fys: tuple[int, int] | None) -> Period:
    year, month = int(m["y"]), _MONTH_NUMBERS[m["m"][:3].lower()]
    return Period(m.start(), m.end(), f"{year}-{month:02d}", *_span(date(year, month, 1), 1))


@_pattern(
    rf"(?<![\w$€£¥.,/-])(?P<y1>{_YEAR})(?:\s?(?P<dash>[-/\u2013\u2014])\s?"
    rf"|\s+(?:to|through|until)\s+|(?<=[Bb]etween\s{_YEAR})\s+and\s+)"
    rf"(?P<y2>{_YEAR}|(?(dash)\d\d|(?!)))(?![\w%]|[.,]\d)"
)
def _years(m: re.Match, fys: tuple[int, int] | None) -> Period | None:
    """'2012-13' and '2019/20' are one split year; '2015 to 2020' and '2015-2020' a range."""
    y1 = int(m["y1"])
    y2 = _full_year(m["y2"], century_from=y1 // 100 * 100)
    if m["dash"] and y2 == y1 + 1:
        return _split_year(m, fys, fiscal=False)
    if y2 > y1:
        return Period(m.start(), m.end(), f"{y1}-{y2}", date(y1, 1, 1), date(y2, 12, 31))
    return None


@_pattern(
    rf"\b(?i:mid|early|late)-(?P<y>{_YEAR})\b|(?<![\w$€£¥₹₩.,/:+-])(?P<bare>{_YEAR})"
    r"(?![\w%+]|[.,:/]\d|\s?%)"
)
def _year(m: re.Match, fys: tuple[int, int] | None) -> Period:
    year = int(m["y"] or m["bare"])
    return Period(m.start(), m.end(), str(year), date(year, 1, 1), date(year, 12, 31), bare=True)


# --- months and quarters without a year: read against the text's date ---------------------
# Tried after every pattern above, so "October 2026" and "the third quarter of 2026" are taken
# by those first. "the quarter" and "the month" name no particular one: they give no period.
_YEARLESS: list[tuple[re.Pattern, object]] = []
_MONTH_RANGE_QUARTERS = {
    ("jan", "mar"): 1, ("apr", "jun"): 2, ("jul", "sep"): 3, ("oct", "dec"): 4,
}  # fmt: skip


def _yearless(regex: str):
    def register(build):
        _YEARLESS.append((re.compile(regex), build))
        return build

    return register


_BOUNDARY_BEFORE = re.compile(r"\b(?:start|begin|end|from|since|until|till)\w*\s+\Z", re.I)


def _latest_year(month: int, published: date) -> int:
    """The year of the latest month `month` that began on or before `published`."""
    return published.year if month <= published.month else published.year - 1


@_yearless(
    rf"\b(?:[Ii]n|[Ff]or|of|[Dd]uring|through|[Oo]ver|[Ll]ast)\s(?P<m>{_MONTH})"
    r"(?!\s*(?:\d|of\s+(?:19|20)\d\d))"
)
def _month_of_text(m: re.Match, fys, *, published: date) -> Period:
    """'in October' in a text of 2026-11-20 is October 2026; in one of 2026-03-02, 2025. The
    month a year starts or ends in ('the fiscal year starting in April') names no period."""
    if _BOUNDARY_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
        return None
    month = _MONTH_NUMBERS[m["m"][:3].lower()]
    year = _latest_year(month, published)
    span = m.span("m")
    return Period(*span, f"{year}-{month:02d}", *_span(date(year, month, 1), 1))


@_yearless(
    rf"\b(?:(?P<ordinal>(?i:{_ORDINAL}))[\s-](?i:quarter)"
    rf"|(?P<m1>{_MONTH})\s?[-\u2013/]\s?(?P<m2>{_MONTH})\s+(?i:quarter)"
    r"|(?<![\w-])Q(?P<n>[1-4]))(?!\w)(?!\s+(?:of\s+)?(?:the\s+)?(?:FY|[Ff]iscal|[Ff]inancial|\d))"
)
def _quarter_of_text(m: re.Match, fys, *, published: date) -> Period | None:
    """'the third quarter', 'the July-September quarter', 'Q3': the latest that began on or
    before the text's date. 'of the year' after it changes nothing."""
    if m["ordinal"]:
        number = _ordinal_number(m["ordinal"])
    elif m["n"]:
        number = int(m["n"])
    else:
        number = _MONTH_RANGE_QUARTERS.get((m["m1"][:3].lower(), m["m2"][:3].lower()))
        if number is None:
            return None  # months that are not a calendar quarter ("May-July")
    year = _latest_year(3 * number - 2, published)
    first = date(year, 3 * number - 2, 1)
    return Period(m.start(), m.end(), f"Q{number} {year}", *_span(first, 3))


_WORDED_RANGE = re.compile(r"\s(?:to|through|until|and)\s|FY\d+-FY")
_REFERENCE_BEFORE = re.compile(
    r"\b(?i:since|until|till|before|after|from|prior\s+to|as\s+of|as\s+early\s+as)\s+(?:the\s+)?\Z"
)
