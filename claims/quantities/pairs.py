"""Quantities read together: ranges ("between 10 and 20 percent", "$3m-$5m"), from-to pairs
("from 8.1 billion yen in 2025 to 18.1 billion yen"), before/after figures ("18.1bn, up from
8.1bn"), restated changes ("fell 500 points, or 1.2%,") and scores that are no quantity ("68-32").
The partners share what only one of them states: unit, counted noun, scale.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from . import qualifiers as q

if TYPE_CHECKING:
    from .grammar import Reading

_DASH = "-\u2013\u2014"  # hyphen, en dash, em dash
_TO = re.compile(r"\bto\s+\Z")
_APPOSITIVE = re.compile(r"\s*,?\s+or\s+")
_CHANGE_TO = re.compile(r"\s*,?\s*to\s+")
# Between "from 8.1 billion yen" and "to": a few words, as "in 2025", but no clause break.
_FROM_TO_GAP = re.compile(r"(?:(?!\band\b)[^\d;:,]){0,30}?\bto\s+")


def pair(sentence: str, readings: list[Reading]) -> None:
    """Reads the readings (in span order) together, in place: range ends get at_least/at_most
    and the range's span ('between 10 and 20 percent', '10-20%' with a hyphen or a dash,
    '$3m-$5m'); from-to and 'up from' partners get before/after roles ('from 8.1 billion yen in
    2025 to 18.1 billion yen', '18.1bn, up from 8.1bn'); scores are dropped ('68-32')."""
    for r in readings:
        if not r.role and q.ends_before(q.TO_AFTER_CHANGE, sentence, r.start):
            r.role = "after"  # "rose to 18.1 billion yen"
    paired = [r for r in readings if _may_pair(sentence, r)]
    for low, high in itertools.pairwise(paired):
        gap = sentence[low.end : high.start]
        if low.role == "change" and not high.role and _APPOSITIVE.fullmatch(gap):
            high.kind, high.role = low.kind, "change"  # "trimmed by ¥2bn, or 4 per cent, ..."
            continue
        worded_multiple = low.kind == "multiple" and low.number.words
        changed_to = low.role == "change" and (low.kind != "multiple" or worded_multiple)
        if changed_to and _CHANGE_TO.fullmatch(gap):
            high.role = "after"  # "rose 7.2 percent to 1.67 trillion yuan", "doubled to 60m"
            continue
        if worded_multiple:
            continue  # "doubled" starts no range

        if _is_score(low, high, gap):
            low.dropped = high.dropped = True  # "passed 68-32", "a 50-50 chance"
            continue
        if not _compatible(low, high):
            continue
        range_start = q.ends_before(q.RANGE_START, sentence, low.start)
        from_low = q.ends_before(q.FROM, sentence, low.start)
        ranged = re.fullmatch(rf"\s*(?:[{_DASH}]|to)\s*", gap) and not from_low
        between = range_start and re.fullmatch(rf"\s*(?:and|to|[{_DASH}])\s*", gap)
        if (between or ranged) and _ascending(low, high):
            _share_unit(low, high)
            _share_scale(low, high)
            start = range_start.start() if range_start else low.start
            for r, bound in ((low, "at_least"), (high, "at_most")):
                r.start, r.end = start, high.end
                r.bound = bound if r.bound == "exact" else r.bound
            high.kind, high.role = low.kind, low.role
        elif from_low and _FROM_TO_GAP.fullmatch(_no_years(gap)):
            borrowed = _share_unit(low, high)
            _share_scale(low, high)
            low.role, high.role = "before", "after"
            low.partner = high
            if borrowed is low:
                low.own_end, low.end = low.end, high.end
    _pair_before(sentence, [r for r in readings if not r.dropped])


def _pair_before(sentence: str, readings: list[Reading]) -> None:
    """A 'before' figure ('up from 3.4 per cent') and the nearest earlier figure of the same
    measure, which becomes the 'after' one ('rose to 3.6 per cent in the 12 months to June');
    a lone year is when, not a figure ('$41.2 billion in 2025, compared with $36.5 billion')."""
    for i, high in enumerate(readings):
        if high.role or (high.year_like and not high.stated_unit):
            continue  # "cut by 46% from 2013 levels": a year after "from" is when, not how much
        earlier = (r for r in reversed(readings[:i]) if not (r.year_like and not r.stated_unit))
        low = next((r for r in earlier if _compatible(r, high)), None)
        near = low and len(sentence[low.end : high.start].split()) <= 12
        if near and _marks_before(sentence, low, high):
            _share_unit(high, low)
            high.role = "before"
            low.role = low.role or "after"


def _marks_before(sentence: str, low: Reading, high: Reading) -> bool:
    """'18.1bn, up from 8.1bn', 'compared with 61%'; a bare 'from' or 'against' only after a
    figure that a change or a 'to' led to ('fell to 3% from 5%', 'to 2% of GDP from about 1%'),
    not in 'aid from 16 countries'."""
    mark = q.ends_before(q.BEFORE_MARK, sentence, high.start)
    if not mark:
        return False
    weak = mark[0].split()[0].lower() in ("from", "against")
    led_to = low.role in ("after", "change") or q.ends_before(_TO, sentence, low.start)
    return not weak or bool(led_to)


def _is_score(low: Reading, high: Reading, gap: str) -> bool:
    bare = not (low.stated_unit or high.stated_unit or low.scaled or high.scaled)
    return bare and bool(re.fullmatch(rf"[{_DASH}]", gap)) and not _ascending(low, high)


def _no_years(gap: str) -> str:
    return re.sub(r"\b(?:19|20)\d\d\b", "", gap)


def _may_pair(sentence: str, r: Reading) -> bool:
    """A lone year pairs only as the start of a range or from-to ('from 2000 to 3,000 troops')."""
    if not r.year_like or r.stated_unit:
        return True
    starts = q.ends_before(q.RANGE_START, sentence, r.start) or q.ends_before(
        q.FROM, sentence, r.start
    )
    return bool(starts)


def _compatible(a: Reading, b: Reading) -> bool:
    """Two numbers of one measure: one states no unit, or both state the same."""
    if not (a.stated_unit and b.stated_unit):
        return True
    return a.unit == b.unit and (a.counted == b.counted or not (a.counted and b.counted))


def _ascending(low: Reading, high: Reading) -> bool:
    """A range runs upwards ('$3m-$5m', '3-5 million'); '2-1' is a score, not a range."""
    low_scale = low.scale if low.scaled or low.value >= 1000 else high.scale
    return low.value * low_scale < high.value * high.scale


def _share_unit(first: Reading, second: Reading) -> Reading | None:
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


def _share_scale(first: Reading, second: Reading) -> None:
    """'between $3 and $5 million': the end that states no scale takes the other's."""
    for borrower, lender in ((first, second), (second, first)):
        scalable = not borrower.number.separated and borrower.value < 1000
        if lender.scaled and not borrower.scaled and scalable:
            borrower.scale, borrower.scaled = lender.scale, True
