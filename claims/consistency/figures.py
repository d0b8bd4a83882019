"""Figures and the intervals their words allow (rounding, bounds, approximate words), and
how they are written back in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..choices import (
    QuantityBound,
    QuantityRole,
)

APPROXIMATE = Decimal("0.05")
UNDATED_WINDOW_DAYS = 3
INF = Decimal("Infinity")
ONE, HUNDRED = Decimal(1), Decimal(100)
RELATIVE_UNITS = {"percent", "ratio", "percentage_point", "basis_point"}
BUDGET_ROLES = {QuantityRole.INITIAL_BUDGET, QuantityRole.BUDGET_REQUEST, QuantityRole.ENACTED}


@dataclass(frozen=True)
class Interval:
    """The values a stated figure allows; ±Infinity where a bound leaves it open."""

    low: Decimal
    high: Decimal

    def meets(self, other: Interval) -> bool:
        return max(self.low, other.low) < min(self.high, other.high)

    def shifted(self, by: Decimal) -> Interval:
        return Interval(self.low + by, self.high + by)

    def scaled(self, by: Decimal) -> Interval:
        ends = (self.low * by, self.high * by)
        return Interval(min(ends), max(ends))

    def minus(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def over(self, other: Interval) -> Interval | None:
        """self / other for magnitudes (both taken as non-negative); None if other may be 0."""
        low, other_low = max(self.low, Decimal(0)), max(other.low, Decimal(0))
        if other_low <= 0:
            return None
        return Interval(low / other.high, self.high / other_low)

    def reciprocal(self) -> Interval | None:
        if self.low <= 0:
            return None
        return Interval(ONE / self.high if self.high != INF else Decimal(0), ONE / self.low)


def last_digit(written: Decimal, *, as_written: bool = False) -> Decimal:
    """The place of the last stated digit: 0.1 for 18.1, 1 for 16, 1000 for 3,000 (in an integer
    of 1,000 or more, trailing zeros are taken as rounding). A row's value has six places
    whatever was written, so its zeros are dropped first; words keep theirs ('5.0' is 0.1)."""
    number = written if as_written else written.normalize()
    exponent = number.as_tuple().exponent
    if exponent < 0:
        return Decimal(1).scaleb(exponent)
    digits = str(abs(int(number)))
    if abs(number) < 1000:
        return ONE
    return Decimal(1).scaleb(len(digits) - len(digits.rstrip("0")))


# ---------------------------------------------------------------------------- figures


@dataclass(eq=False)
class Figure:
    """A number stated in a source: a Quantity row (aligned with the words that state it when
    they are found) or, when no row stands for them, the words alone (as the grammar reads them).

    value is normalised (value times scale). claims: the claims it belongs to (its row's claim, or
    the claims whose quote holds the words); empty for words no claim quotes. position/end: its
    words in the source body (a row not found in the text has its claim's span).
    """

    source_id: int
    claims: tuple[int, ...]
    written: Decimal
    scale: Decimal
    unit: str
    bound: str
    role: str
    kind: str  # level, increase, decrease, multiple, fraction; "" when unknown (a row alone)
    pair_role: str  # before / after, from the row's role or the grammar's reading
    period: str
    period_start: date | None
    position: int
    end: int
    text: str
    counted: str = ""
    words: bool = False  # stated without digits ("doubling", "four")
    quantity_id: int | None = None
    sentence: int = -1
    clause: int = -1
    digits: Decimal | None = None  # as the words write it ("5.0"): a row keeps six places

    @property
    def precision(self) -> Decimal:
        """Half a unit of the last stated digit, normalised."""
        if self.digits is not None:
            return last_digit(self.digits, as_written=True) / 2
        return last_digit(self.written) / 2

    @property
    def value(self) -> Decimal:
        return self.written * self.scale

    @property
    def is_comparison(self) -> bool:
        if self.kind == "fraction":
            return self.role == QuantityRole.CHANGE
        return self.role == QuantityRole.CHANGE or self.kind in ("increase", "decrease", "multiple")

    @property
    def is_level(self) -> bool:
        return not self.is_comparison and self.unit != "ratio"

    def interval(self) -> Interval:
        # A multiple in words ("doubling") has no digit to round: APPROXIMATE stands for it.
        half = Decimal(0) if self.words and self.unit == "ratio" else self.precision * self.scale
        value = self.value
        if self.bound == QuantityBound.APPROXIMATELY or (
            self.words and self.bound == QuantityBound.EXACT
        ):
            half = max(half, abs(value) * APPROXIMATE)
        if self.bound == QuantityBound.AT_LEAST:
            return Interval(value - half, INF)
        if self.bound == QuantityBound.AT_MOST:
            return Interval(-INF, value + half)
        return Interval(value - half, value + half)


_SCALE_WORDS = {
    Decimal(10**3): "thousand",
    Decimal(10**5): "lakh",
    Decimal(10**6): "million",
    Decimal(10**7): "crore",
    Decimal(10**9): "billion",
    Decimal(10**12): "trillion",
}
_BOUND_WORDS = {
    QuantityBound.AT_LEAST: "at least ",
    QuantityBound.AT_MOST: "at most ",
    QuantityBound.APPROXIMATELY: "about ",
}


def plain(number: Decimal, places: int | None = None) -> str:
    """A number as a reader writes it: 18.1, 2.23, 1,500."""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    else:
        number = number.normalize()
        if number == number.to_integral_value():
            number = number.quantize(ONE)
    text = f"{number:,f}"
    return text


def unit_words(unit: str, counted: str = "") -> str:
    return {
        "percent": "%",
        "percentage_point": " percentage points",
        "basis_point": " basis points",
        "ratio": " times",
        "point": " points",
        "count": f" {counted}" if counted else "",
    }.get(unit, f" {unit}")


def amount(value: Decimal, unit: str, scale: Decimal = ONE, counted: str = "") -> str:
    """A normalised value in words: '18.1 billion JPY', '12.5%', '4 countries'."""
    scale_word = _SCALE_WORDS.get(scale, "")
    shown = plain(value / scale) + (f" {scale_word}" if scale_word else "")
    return shown + unit_words(unit, counted)


def stated(figure: Figure) -> str:
    """The figure as the text states it, or as its row does."""
    if figure.text:
        return figure.text
    bound = _BOUND_WORDS.get(figure.bound, "")
    return bound + amount(figure.value, figure.unit, figure.scale, figure.counted)


def interval_words(interval: Interval, unit: str, places: int | None, scale: Decimal = ONE) -> str:
    """'2.21 to 2.25 times', 'at least 2 times', '500 to 700 million USD'."""
    word = f" {_SCALE_WORDS[scale]}" if scale in _SCALE_WORDS else ""
    unit = word + unit_words(unit)

    def shown(value: Decimal) -> str:
        return plain(value / scale, places)

    if interval.high == INF:
        return f"at least {shown(interval.low)}{unit}"
    if interval.low == -INF:
        return f"at most {shown(interval.high)}{unit}"
    return f"{shown(interval.low)} to {shown(interval.high)}{unit}"
