"""Numbers as news text writes them: digits, number words and fractions, each with its span.

What is not a number is left out here, where it can be told from the letters around it:
names ("G7", "F-35", "COVID-19", "5G"), "2+2", versions ("2.0.1"), ordinals ("17th"), decades
("1990s"), list numbering ("1. ", "(2)"), and anything in a masked span (dates, times, periods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from .units import ATTACHABLE

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: i for i, w in enumerate(_ONES, 1)} | {w: i for i, w in enumerate(_TEENS, 10)}
_WORD_VALUES |= {w: 10 * i for i, w in enumerate(_TENS, 2)}

_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS + _ONES)})"
# "a" is a number only before a scale word, and not in "a billion-dollar deal", an idiom.
_SCALE_AHEAD = r"(?=\s+(?:thousand|million|billion|trillion|dozen)\b(?!-))"
_NUMBER_WORDS = re.compile(
    rf"(?<![\w-])(?:half\s+a\s+dozen|half\s+a{_SCALE_AHEAD}"
    rf"|(?:a|{_BELOW_100})\s+(?:hundred|dozen)(?:\s+(?:and\s+)?{_BELOW_100})?"
    rf"|{_BELOW_100}(?:\s+and\s+a\s+half)?|a{_SCALE_AHEAD})(?!\w)"
    r"(?!-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b)",
    re.I,
)

_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8,
    "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# "two-thirds" is always a fraction; "a third" and "three quarters" only where a fraction can
# stand ("a third of", "cut by a third."), not in "a third round" or "for three quarters".
_SHARE_AHEAD = (
    r"(?=\s+(?:of|the|more|less|fewer|than|as|higher|lower|larger|smaller|bigger)\b"
    r"|\s*[,.;:)!?]|\s*\Z)"
)
_NUMERATOR = "a|one|two|three|four|five|six|seven|eight|nine"
_DENOMINATOR = "|".join(_DENOMINATORS)
_PLURAL_DENOMINATOR = "thirds|fifths|sixths|sevenths|eighths|ninths|tenths"
_HALF = (
    r"(?<=by\s)half|(?<=in\s)half"  # "cut by half", "cut in half"
    r"|half(?=\s+(?:of|the|its|their|that|this|those|these|all)\b"  # "half of", "half the"
    r"|\s+an?\s+(?:percentage|point|basis)\b)"  # "half a percentage point"
)
_FRACTION = re.compile(
    rf"(?<![\w-])(?P<num>{_NUMERATOR})(?:-(?P<den>{_DENOMINATOR})"  # "two-thirds", "one-quarter"
    rf"|\s+(?P<den_plural>{_PLURAL_DENOMINATOR})"  # "two thirds"
    rf"|\s+(?P<den_spaced>{_DENOMINATOR}){_SHARE_AHEAD})(?![\w-])"  # "a third of"
    rf"|(?<![\w-])(?P<half>{_HALF})(?![\w-])",
    re.I,
)
# "one in five", "nine out of 10": a share, when the second number is a round base.
_ONE_IN_N = re.compile(
    r"(?<![\w-])(?P<a>\d{1,3}|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+"
    r"(?P<b>\d{1,4}|two|three|four|five|six|seven|eight|nine|ten)(?![\w-]|[.,]\d)",
    re.I,
)
_ONE_IN_N_BASES = {2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 25, 50, 100, 1000}

_DIGITS = re.compile(r"(?<![\w.,/:+#])(?:\d{1,3}(?:,\d{2})*(?:,\d{3})+|\d+)(?:\.\d+)?")
# "12:30", "2+2", "2/3", "1.2.3", "1,2345", ordinals, decades, and names: "7-Eleven", "3-D".
_NOT_AFTER_DIGITS = re.compile(r"[:+/]\d|[.,]\d|-\d+-|-[A-Z]|(?i:st|nd|rd|th|s)\b")
_SCALED_RANGE_START = re.compile(r"\d(?:bn|mn|m|k|tn|pc)-\Z")
_LINE_START = re.compile(r"\s*[(*\u2022\u2013-]?\s*")  # nothing but a bullet before
_LIST_NUMBER = re.compile(r"\s*[.)](?:\s|\Z)")
_SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Number:
    """A number in a sentence: sentence[start:end] is how it is written.

    words: written in words ("four"), which counts as a quantity only with a unit or noun.
    fraction: a share ("two-thirds", "half of", "one in five"), unit ratio.
    separated: written with thousands separators ("1,200").
    """

    start: int
    end: int
    value: Decimal
    words: bool = False
    fraction: bool = False
    separated: bool = False


def ratio_value(numerator: int, denominator: int) -> Decimal:
    """numerator/denominator to six decimal places, the precision of Quantity.value: exact for
    halves, quarters, fifths and eighths; 2/3 is 0.666667 (rounded half to even)."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(_SIX_PLACES, ROUND_HALF_EVEN)
    return value.normalize()


def words_value(text: str) -> Decimal:
    """The value of number words matched by this module: 'twenty-one' 21, 'a hundred' 100,
    'a dozen' 12, 'half a dozen' 6, 'two and a half' 2.5, 'half a' 0.5 (before a scale)."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    factor = Decimal(1)
    if words[:2] == ["half", "a"]:
        factor, words = Decimal("0.5"), ["a", *words[2:]]
    extra = Decimal(0)
    if words[-2:] == ["a", "half"]:
        extra, words = Decimal("0.5"), words[:-2]
    value = 0
    for word in words:
        if word == "a":
            value += 1
        elif word == "hundred":
            value = (value or 1) * 100
        elif word == "dozen":
            value = (value or 1) * 12
        else:
            value += _WORD_VALUES[word]
    total = (Decimal(value) + extra) * factor
    return total.to_integral_value() if total == total.to_integral_value() else total


def find_numbers(sentence: str, masked: list[tuple[int, int]]) -> list[Number]:
    """The numbers outside the masked spans, in order, none overlapping another.

    Fractions and "one in five" come first, then number words, then digits; each number's
    value is as written (18.1 for "18.1bn"; the scale is a unit's business)."""
    taken = list(masked)
    found: list[Number] = []

    def add(number: Number) -> None:
        if not any(number.start < end and start < number.end for start, end in taken):
            taken.append((number.start, number.end))
            found.append(number)

    for m in _FRACTION.finditer(sentence):
        if m["half"]:
            add(Number(m.start(), m.end(), Decimal("0.5"), fraction=True))
            continue
        denominator = _DENOMINATORS[(m["den"] or m["den_plural"] or m["den_spaced"]).lower()]
        numerator = _WORD_VALUES.get(m["num"].lower(), 1)
        add(Number(m.start(), m.end(), ratio_value(numerator, denominator), fraction=True))
    for m in _ONE_IN_N.finditer(sentence):
        a, b = (_small(m[g]) for g in ("a", "b"))
        if b in _ONE_IN_N_BASES and 0 < a < b:
            add(Number(m.start(), m.end(), ratio_value(a, b), fraction=True))
    for m in _NUMBER_WORDS.finditer(sentence):
        add(Number(m.start(), m.end(), words_value(m[0]), words=True))
    for m in _DIGITS.finditer(sentence):
        if _is_digits_number(sentence, m):
            add(Number(m.start(), m.end(), Decimal(m[0].replace(",", "")), separated="," in m[0]))
    return sorted(found, key=lambda n: n.start)


def _small(text: str) -> int:
    return int(text) if text.isdigit() else _WORD_VALUES[text.lower()]


def _is_digits_number(sentence: str, m: re.Match) -> bool:
    after = sentence[m.end() :]
    if _NOT_AFTER_DIGITS.match(after):
        return False
    letters = re.match(r"[A-Za-z]+", after)
    if letters and letters[0].lower() not in ATTACHABLE:
        return False
    before = sentence[max(0, m.start() - 8) : m.start()]
    if re.search(r"[A-Za-z]-\Z", before) and not _SCALED_RANGE_START.search(before):
        return False  # "F-35", "COVID-19", but not the end of "1.5bn-2bn"
    if _LIST_NUMBER.match(after) and _LINE_START.fullmatch(sentence, 0, m.start()):
        return False  # "1. The budget ..." or "(2) ..."
    return not (before.endswith("(") and after.startswith(")") and len(m[0]) <= 2)
