"""Numbers checked against each other: stated comparisons, counts of lists, and the same
measure across sources. A failure is one open `numeric_inconsistency` flag per (claim, check,
related claims), raised and resolved by the `consistency` system account.

Public API: `check_source(source)` (on ingest), `check_all()` (the `check_consistency`
command), both returning a `Report`; `conflicts(user)` for the pages and the API.

What is checked, over curated claims and candidates (`proposed`; dismissed ones are left alone).
A claim's figures are its Quantity rows, aligned with the words of its quote that state them
(the quantity grammar's reading gives each its kind, words and place); the words no row stands
for count too, for every claim whose quote holds them.

(a) **comparison**: a stated comparison ("more than doubling", "2.2 times", "increased by 12%",
    "rose by $600 million", "halved", "cut by half", "up 0.2 percentage point", "up 5 points
    from 62%") must follow from the two levels it compares. The levels are looked for, in this
    order, and the first tier that gives a pair wins: the claim's own quote; the claims it is
    `derived_from` or that derive from it; the same clause of the same sentence (";", "while",
    "whereas", "but" and dashes part clauses); and the sentence just before, in the same
    paragraph, when the comparison's sentence refers back ("That is more than double ..."), and
    then only to a pair that sentence marks itself. In a tier, a pair marked before and after
    comes first (a Quantity's role, the grammar's "from A to B", "up from A"); then two levels
    of different periods, the earlier being before, the later in the comparison's period when
    it has one; then the level the words right after the comparison lead to ("2.2 times from
    8.1 billion yen", "2.2 times the fiscal 2025 budget of 8.1 billion yen", "12% more than")
    as before, and the nearest other level of its unit in the clause as after. When the claim
    itself marks a before or after of that unit, the pair includes it. "N times higher/more
    than" is read as N or N + 1 times; a percent change of two percent levels as a relative
    change or as points; a multiple above 1 with a fall word near it ("fell threefold") as 1/N.
(b) **count**: "four pilot countries, namely A, B, C and D" must list four. Read from the
    count's sentence after the count: "namely", "i.e.", "that is", "comprising", ":", a dash,
    brackets, "are"/"were" and a bare comma closed by another ("Two ministers, Mr A and Ms B,
    resigned") mean exactly; "including", "such as", "among them", "notably", "e.g." mean at
    least (the list may be shorter than the count, never longer). Items are separated by
    commas (by semicolons when the list has any), the last by "and", "as well as", "&" or
    "plus"; in a list of names the last item ends at the first lower-case word that joins no
    name ("Chile last year"). Names with "and" or a comma in them ("Trinidad and Tobago",
    "Ministry of Economy, Trade and Industry") stay whole when they are an Entity's name or
    alias or a country name this module knows; any other such name, as the last item, would
    count twice. No list is read when an item holds digits ("including 3 in Africa") or more
    than MAX_ITEM_WORDS words, nor after a bare comma or a verb unless the items are names.
(c) **conflict**: claims of different sources (a text and its revisions are one source) about
    the same measure must agree. Rows are compared when they have the same unit, the same
    period ("" for none: then as_of dates at most UNDATED_WINDOW_DAYS apart) and, for
    percentages and ratios, are both changes or both levels; and when `same_measure` finds
    them about one thing: the same subject Entity and the same budget, total or change role or
    mostly the same predicate words, or - for candidates without a subject - the words around
    each figure in its quote (its stretch of the clause, between its neighbours). Counted
    nouns must agree, and a forecast, estimate or target is compared only with another. A
    figure compared with ("up from 3.9%") is left out unless it has a period of its own, and a
    candidate's period that may be the compared figure's is not trusted. Loose matches need
    values within LOOSE_FACTOR (NEAR_FACTOR on one weak shared word). Of two rows that
    disagree, the one with less support is flagged; with as much support, both are. A source
    supports a row when its own number, bound aside, meets the row's and is not nearer to a
    rival ("at least nine" supports nine against nineteen). `conflicts(user)` lists every
    disagreement, for analysts and up.

Tolerance, one rule for every check: a figure stands for the interval its words allow.
- Rounding: a number stands for the values that round to it at its last stated digit: "18.1"
  is 18.05 to 18.15, "5.0" 4.95 to 5.05, "16" 15.5 to 16.5; in an integer of 1,000 or more,
  trailing zeros are rounding too ("3,000" is 2,500 to 3,500, "1,200" 1,150 to 1,250).
- Bounds: "more than X"/"at least X" is [X - rounding, ∞), "as much as"/"up to" is (-∞, X +
  rounding]; QuantityBound has no strict bounds, so "more than 16" agrees with 16.
- "About", "nearly" and words that state no digits ("doubled", "halved", "a third") are within
  APPROXIMATE (5 %) of their value, or their rounding if wider.
A comparison passes when the interval its levels give (interval arithmetic over the levels'
intervals) meets the interval it states; two figures agree when their intervals meet (touching
is not meeting: "16" and "17" disagree; "18" and "18.1" agree).

Flags: check_key is "<check>:<claim ids>" (CHECK_KEY_LENGTH at most); a failed comparison flags
every claim it compared, a count its claim, a conflict each flagged row's claim. A rerun finds
the open flag of the same check on the claim (also when the related claims changed but still
overlap) and adds none; a failure an editor resolved is not raised again. A covered open flag
whose check passes now (or compares nothing any more) is resolved by `consistency` with the
arithmetic. `check_source` covers the comparisons and counts of the source's claims and of the
claims related to them by derived_from, and the conflicts of every claim whose rows all fell
among the measures it judged; `check_all` covers everything.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from config.authz import require_perm
from sources.models import Source

from . import services
from .choices import (
    AnnotationKind,
    ClaimKind,
    ClaimStatus,
    FlagReason,
    QuantityBound,
    QuantityRole,
    RelationKind,
)
from .models import Annotation, Claim, ClaimRelation, Entity, Quantity
from .quantities import Parsed, parse_quantities
from .roles import EDITOR, system_account
from .selectors import can_see_internal

CONSISTENCY_ACCOUNT = "consistency"
COMPARISON, COUNT, CONFLICT = "comparison", "count", "conflict"
CHECKS = (COMPARISON, COUNT, CONFLICT)
APPROXIMATE = Decimal("0.05")
UNDATED_WINDOW_DAYS = 3
INF = Decimal("Infinity")
ONE, HUNDRED = Decimal(1), Decimal(100)
RELATIVE_UNITS = {"percent", "ratio", "percentage_point", "basis_point"}
BUDGET_ROLES = {QuantityRole.INITIAL_BUDGET, QuantityRole.BUDGET_REQUEST, QuantityRole.ENACTED}


# ---------------------------------------------------------------------------- results


@dataclass
class Finding:
    """One check evaluated: `claims` are the ones it compared (its check_key), `targets` the
    claims a failure flags, `explanation` the arithmetic in a sentence."""

    check: str
    claims: tuple[int, ...]
    targets: tuple[int, ...]
    passed: bool
    explanation: str

    @property
    def check_key(self) -> str:
        return check_key(self.check, self.claims)


@dataclass
class Report:
    """What a run did: checks evaluated, flags raised, failures already flagged, flags resolved."""

    checked: int = 0
    flagged: int = 0
    already_flagged: int = 0
    resolved: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        checks = "check" if self.checked == 1 else "checks"
        return (
            f"{self.checked} {checks}, {self.flagged} flagged, "
            f"{self.already_flagged} already flagged, {self.resolved} resolved"
        )


CHECK_KEY_LENGTH = Annotation._meta.get_field("check_key").max_length


def check_key(check: str, claim_ids) -> str:
    """'comparison:12,13,14': the check and the claims it compared, in id order; as many of the
    lowest ids as the column holds (a conflict among dozens of sources)."""
    key = f"{check}:"
    for pk in sorted(set(claim_ids)):
        part = f"{',' if key[-1] != ':' else ''}{pk}"
        if len(key) + len(part) > CHECK_KEY_LENGTH:
            break
        key += part
    return key


def _parse_key(key: str) -> tuple[str, frozenset[int]] | None:
    check, _, ids = key.partition(":")
    if check not in CHECKS:
        return None
    try:
        return check, frozenset(int(pk) for pk in ids.split(",") if pk)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- intervals


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


# ---------------------------------------------------------------------------- texts

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


# ---------------------------------------------------------------------------- (a) comparisons

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


def _noun(counted: str) -> str:
    word = counted.lower().split()[-1]
    for plural, singular in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(plural) and len(word) > 3:
            return word[: -len(plural)] + singular
    return word


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


# ---------------------------------------------------------------------------- (b) counts

_AT_LEAST_MARKERS = (
    r"including|include[sd]?|such\s+as|among\s+them|among\s+which|notably|e\.g\.|for\s+example|"
    r"for\s+instance|especially|particularly|mainly|mostly|chiefly|like"
)
_EXACT_MARKERS = (
    r"namely|i\.e\.|that\s+is|viz\.?|specifically|comprising|consisting\s+of|made\s+up\s+of|"
    r"which\s+are|who\s+are"
)
_LIST_OPENER = re.compile(
    rf"""(?P<punct>\s*\(|\s*:|\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*|\s*,)?\s*
    (?:(?P<least>{_AT_LEAST_MARKERS})|(?P<exact>{_EXACT_MARKERS})
      |(?P<verb>(?:[a-z]+\s+){{0,3}}?(?:are|were|comprise[sd]?)))?
    (?(least)\b|(?(exact)\b|(?(verb)\b|)))[,:]?\s*""",
    re.I | re.X,
)
_CONJUNCTION = re.compile(r"(?:^|\s)(?:and|as\s+well\s+as|&|plus)\s+", re.I)
_CONNECTORS = {
    "of", "the", "de", "del", "della", "da", "do", "dos", "das", "du", "la", "le", "les", "van",
    "von", "der", "den", "al", "el", "bin", "ibn", "y", "di", "for", "on", "upon", "and", "&",
}  # fmt: skip
# Country names with "and" in them; Entities' names and aliases are protected too.
_KNOWN_NAMES = (
    "Trinidad and Tobago", "Bosnia and Herzegovina", "Antigua and Barbuda",
    "Saint Kitts and Nevis", "St Kitts and Nevis", "Saint Vincent and the Grenadines",
    "St Vincent and the Grenadines", "Sao Tome and Principe", "São Tomé and Príncipe",
    "Turks and Caicos Islands", "Wallis and Futuna", "Heard Island and McDonald Islands",
    "Svalbard and Jan Mayen", "South Georgia and the South Sandwich Islands",
    "Saint Pierre and Miquelon", "Serbia and Montenegro",
)  # fmt: skip
MAX_ITEM_WORDS = 8


@dataclass(frozen=True)
class Enumeration:
    """A list a count introduces: its items, and whether the count bounds it from above only
    ('including')."""

    items: tuple[str, ...]
    at_least: bool


def protected_names() -> list[str]:
    """Names that hold a list separator: the known country names, and every Entity name or
    alias with 'and', '&' or a comma in it."""
    names = set(_KNOWN_NAMES)
    rows = Entity.objects.filter(
        Q(name__contains=" and ") | Q(name__contains="&") | Q(name__contains=",") | ~Q(aliases=[])
    ).values_list("name", "aliases")
    for name, aliases in rows:
        names.update(n for n in (name, *aliases) if re.search(r"\sand\s|&|,", n))
    return sorted(names, key=len, reverse=True)


def _is_name(item: str) -> bool:
    words = re.sub(r"^(?:the|a|an)\s+", "", item, flags=re.I).split()
    return bool(words) and words[0][:1].isupper()


def _trim_name(item: str) -> tuple[str, bool]:
    """The last item of a list of names ends at the first lowercase word that joins no name
    ('Chile last year' is 'Chile'); returns the item and whether anything was cut."""
    words = item.split()
    for i, word in enumerate(words):
        if i > 0 and word[:1].islower() and word.lower() not in _CONNECTORS:
            return " ".join(words[:i]), True
    return item, False


def _closing(segment: str, punct: str) -> str:
    """The list up to where its opener closes: a bracket, a second dash."""
    if "(" in punct:
        depth = 1
        for i, ch in enumerate(segment):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                return segment[:i]
        return segment
    if punct.strip() in ("-", "\u2013", "\u2014"):
        return re.split(r"\s+[-\u2013\u2014]\s+|[\u2013\u2014]", segment, maxsplit=1)[0]
    return segment


def read_enumeration(after: str, protected: list[str]) -> Enumeration | None:
    """The list that the words `after` a count introduce, or None when they introduce none."""
    opener = _LIST_OPENER.match(after)
    punct = (opener["punct"] or "").strip() if opener else ""
    if not opener or not (punct or opener["least"] or opener["exact"] or opener["verb"]):
        return None
    enclosed = punct in ("(", ":", "-", "\u2013", "\u2014")
    bare = not (opener["least"] or opener["exact"] or enclosed)
    segment = _closing(after[opener.end() :], punct)
    placeholders: dict[str, str] = {}
    for i, name in enumerate(protected):
        token = f"\x00{i}\x00"
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, segment):
            segment = re.sub(pattern, token, segment)
            placeholders[token] = name
    segment = re.sub(r"\s*\([^()]*\)", "", segment)  # "Kenya (2019)"
    segment = re.split(r"[.!?](?:\s|$)", segment, maxsplit=1)[0]
    found = _split_items(segment, strict=bare, enclosed=enclosed)
    if found is None:
        return None
    items = found.items
    for token, name in placeholders.items():
        items = [item.replace(token, name) for item in items]
    too_long = any(len(item.split()) > MAX_ITEM_WORDS for item in items)
    if not items or too_long or any(re.search(r"\d", item) for item in items):
        return None
    names = all(_is_name(item) for item in items)
    if (bare or opener["verb"]) and not (names and len(items) >= 2 and not found.trimmed):
        return None  # "16 countries, Japan said" is no list
    if bare and not opener["verb"] and not found.closed:
        return None  # "with 16 countries, Britain and France." may be a series of three
    return Enumeration(tuple(items), at_least=bool(opener["least"]))


@dataclass
class _Items:
    items: list[str]
    trimmed: bool = False  # words were cut off the last item ("Chile last year")
    closed: bool = False  # a comma closes the list (", Mr A and Ms B, resigned")


def _split_items(segment: str, *, strict: bool, enclosed: bool) -> _Items | None:
    """Items separated by commas (semicolons when there are any), the last one after a
    conjunction; parts after the last item (', officials said') are no items. `strict` lists
    need their conjunction; without one, only an `enclosed` list (brackets, a colon, dashes)
    runs past its first item ('including a child, were killed' names one)."""
    separator = ";" if ";" in segment else ","
    parts = [part.strip() for part in segment.split(separator)]
    last = next((i for i in range(1, len(parts)) if _CONJUNCTION.search(parts[i])), None)
    if last is None and _CONJUNCTION.search(parts[0]):
        last = 0
    if last is None:
        if strict:
            return None
        return _Items([p for p in parts if p] if enclosed else parts[:1])
    joined = _CONJUNCTION.search(parts[last])
    before_conjunction = parts[last][: joined.start()].strip()
    items = [*parts[:last], *([before_conjunction] if before_conjunction else [])]
    items.append(parts[last][joined.end() :].strip())
    trimmed = False
    if all(_is_name(item) for item in items[:-1]) and items[-1]:
        items[-1], trimmed = _trim_name(items[-1])
    return _Items([i for i in items if i], trimmed, closed=last < len(parts) - 1)


def check_count(scope: Scope, claim: Claim, count: Figure, protected: list[str]) -> Finding | None:
    """Whether a count matches the list that follows it in its sentence; None without a list."""
    text = scope.texts[claim.source_id]
    if count.sentence < 0 or count.end > text.sentences[count.sentence].end:
        return None
    after = text.body[count.end : text.sentences[count.sentence].end]
    enumeration = read_enumeration(after, protected)
    if enumeration is None:
        return None
    listed = Decimal(len(enumeration.items))
    allowed = count.interval()
    if enumeration.at_least:
        passed = listed < allowed.high
        relation = f"allows at most {plain(count.value)} named"
    else:
        passed = allowed.low < listed < allowed.high
        relation = f"counts {plain(count.value)}"
    listing = ", ".join(enumeration.items)
    marker = " ('including')" if enumeration.at_least else ""
    verdict = "and" if passed else "but"
    explanation = (
        f"'{stated(count)}'{marker} {relation}, {verdict} the list after it names "
        f"{len(enumeration.items)}: {listing}."
    )
    return Finding(COUNT, (claim.pk,), (claim.pk,), passed, explanation)


# ---------------------------------------------------------------------------- (c) conflicts

_STOPWORDS = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "its",
    "their", "this", "that", "these", "those", "it", "than", "more", "less", "about", "over",
    "under", "some", "into", "per", "cent", "percent", "billion", "million", "trillion",
    "thousand", "crore", "lakh", "yen", "yuan", "dollars", "dollar", "euros", "euro", "pounds",
    "won", "rupees", "fiscal", "year", "years", "financial", "previous", "level", "now", "also",
    "said", "says", "according", "new", "total", "up", "down", "rose", "rise", "rising", "risen",
    "rises", "falls", "fell", "fall", "falling", "increase", "increased", "increasing",
    "decrease", "decreased",
    "grew", "grow", "growth", "times", "double", "doubling", "doubled", "only", "just", "nearly",
    "almost", "around", "approximately", "least", "most", "much", "many", "which", "who",
    "while", "but", "not", "such", "including", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "earlier",
    "later", "prior", "ago", "last", "next", "current", "recent", "past", "month", "months",
    "week", "weeks", "quarter", "quarters", "day", "days", "today", "yesterday", "record",
    "high", "higher", "highest", "low", "lower", "lowest", "there", "they", "them", "what",
}  # fmt: skip
_SUFFIXES = ("ations", "ation", "ings", "ing", "als", "al", "ed", "es", "s")
LOOSE_FACTOR = Decimal(3)
STRONG_OVERLAP = Decimal("0.5")
LOOSE_OVERLAP = Decimal("0.2")
TOPIC_OVERLAP = Decimal("0.34")
NEAR_FACTOR = Decimal("1.25")
# Words that name no measure of their own.
_COMMON = {
    "government", "official", "countr", "company", "people", "person", "total", "number",
    "figure", "report", "month", "annual", "state", "public", "world", "national",
}  # fmt: skip


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content_words(text: str, drop: set[str]) -> frozenset[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(_stem(w) for w in words if len(w) > 2 and w not in _STOPWORDS | drop)


@dataclass(eq=False)
class MeasureEntry:
    """One Quantity row seen as a statement about a measure.

    words: what it measures, from the editor's predicate or else the quote, the subject's name
    left out; topic: the words of the quote's clause around the figure, names included (the
    quote's when the clause has fewer than two), which is all a candidate without a subject has.
    period: its period, or "" when a candidate's period is the one of the figure it is compared
    with ('18.1 billion yen, up 2.2 times from 8.1 billion yen in fiscal 2025').
    """

    claim: Claim
    quantity: Quantity
    family: int
    stated: str
    counted: str
    words: frozenset[str]
    topic: frozenset[str]
    period: str
    clause: str = ""
    digits: Decimal | None = None
    by_predicate: bool = False  # words from an editor's predicate, not from the quote
    compared_with: bool = False  # a 'before' figure: of an earlier time than its claim's
    outlook: bool = False  # a forecast, an estimate or a target, not a reported figure

    @property
    def value(self) -> Decimal:
        return self.quantity.value * self.quantity.scale

    @property
    def figure(self) -> Figure:
        q = self.quantity
        return Figure(
            source_id=self.claim.source_id,
            claims=(self.claim.pk,),
            written=q.value,
            scale=q.scale,
            unit=q.unit,
            bound=q.bound,
            role=q.role,
            kind="",
            pair_role="",
            period=q.period,
            period_start=q.period_start,
            position=self.claim.start,
            end=self.claim.end,
            text=self.stated,
            counted=self.counted,
            words=bool(self.stated) and not any(ch.isdigit() for ch in self.stated),
            digits=self.digits,
        )

    def interval(self) -> Interval:
        return self.figure.interval()

    @property
    def key(self) -> tuple:
        """What must be equal for two rows to be about one measure (the rest: same_measure). A
        change of a percentage or a ratio is another measure than its level; an amount added
        ('employers added 272,000 jobs') is often the very measure another text states as a
        level ('the economy created 272,000 jobs')."""
        relative = self.quantity.unit in RELATIVE_UNITS
        change = relative and self.quantity.role == QuantityRole.CHANGE
        return (self.quantity.unit, change, self.period)


def period_key(quantity: Quantity) -> str:
    if quantity.period:
        return re.sub(r"\s+", "", quantity.period.upper())
    if quantity.period_start and quantity.period_end:
        return f"{quantity.period_start}/{quantity.period_end}"
    return ""


def _subject_words(claim: Claim) -> set[str]:
    subject = claim.subject
    names = [subject.name, *subject.aliases] if subject else []
    return {w for name in names for w in re.findall(r"[a-z]+", name.lower())}


def _clause_bounds(quote: str, position: int) -> tuple[int, int]:
    """The clause of the quote around a position: commas (not a thousands separator),
    semicolons and dashes part clauses."""
    start = 0
    for m in re.finditer(r",(?!\d{3})|;|\s[\u2013\u2014-]\s", quote):
        if m.start() >= position:
            return start, m.start()
        start = m.end()
    return start, len(quote)


def _clause_around(quote: str, position: int) -> str:
    start, end = _clause_bounds(quote, position)
    return quote[start:end]


_LEADS_TO = re.compile(r"\s*,?\s*(?:to|at|reaching|hitting)\b[^,;]{0,30}\Z", re.I)
_NEXT_FIGURES_WORDS = re.compile(r"\s(?:and|while|whereas|followed\s+by|but|with)\s", re.I)


def _stretch(quote: str, parsed: list[Parsed], words: Parsed) -> str:
    """The figure's own stretch of its clause: from the figure before it, to where the words
    after it turn to the next one ('Health care added 68,000 jobs and government 43,000':
    68,000 is about health care; '18.1 billion yen for Official Security Assistance')."""
    start, end = _clause_bounds(quote, words.start)
    for other in parsed:
        if other is not words and start <= other.end <= words.start:
            # A change leading to the figure is part of its words ("profit rose 96% to 5.35").
            change = other.role == QuantityRole.CHANGE or other.kind != "level"
            if not (change and _LEADS_TO.match(quote, other.end, words.start)):
                start = other.end
    following = [o.start for o in parsed if o is not words and words.end <= o.start < end]
    if following:
        turn = _NEXT_FIGURES_WORDS.search(quote, words.end, min(following))
        end = turn.start() if turn else min(following)
    return quote[start:end]


_FROM = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\Z", re.I)
# Words that make a figure an outlook: what someone expects, not what was reported.
_OUTLOOK = re.compile(
    r"\b(?:forecast\w*|expect\w*|project(?:s|ed|ing|ions?)|estimat\w*|predict\w*|"
    r"anticipat\w*|outlook|guidance|consensus|targets?|targeting|aims?\s+(?:to|for)|goal)\b",
    re.I,
)


def _compared_with(quote: str, parsed: list[Parsed]) -> list[Parsed]:
    """The figures a quote compares others with: 'before' ones; those the words right after a
    comparison lead to ('2.2 times the fiscal 2025 budget of 8.1 billion yen'); and a 'from'
    figure after another of its unit in its clause ('ticked up to 4% from 3.9%')."""
    found = [p for p in parsed if p.role == QuantityRole.BEFORE]
    for comparison in parsed:
        if comparison.role != QuantityRole.CHANGE and comparison.kind == "level":
            continue
        level = next((p for p in parsed if p.start >= comparison.end and p.kind == "level"), None)
        if level and _COMPARED_WITH.search(quote[comparison.end : level.start]):
            found.append(level)
    for level in parsed:
        clause = _clause_bounds(quote, level.start)
        earlier = [p for p in parsed if p.unit == level.unit and clause[0] <= p.start < level.start]
        if earlier and _FROM.search(quote, max(0, level.start - 20), level.start):
            found.append(level)
    return found


def measure_entry(
    claim: Claim, quantity: Quantity, family: int, parsed: list[Parsed] | None = None
) -> MeasureEntry:
    """The row, with the words that state it in its quote (when found) and what it measures."""
    parsed = parse_quantities(claim.quote) if parsed is None else parsed
    value = quantity.value * quantity.scale
    words = next(
        (p for p in parsed if p.unit == quantity.unit and p.value * p.scale == value), None
    )
    clause = _clause_around(claim.quote, words.start) if words is not None else claim.quote
    stretch = _stretch(claim.quote, parsed, words) if words is not None else claim.quote
    topic = (
        _content_words(stretch, set())
        or _content_words(clause, set())
        or _content_words(claim.quote, set())
    )
    period = period_key(quantity)
    if claim.status == ClaimStatus.PROPOSED and words is not None and period:
        period = _trusted_period(claim.quote, parsed, words, period)
    compared_with = quantity.role == QuantityRole.BEFORE or (
        words is not None and words in _compared_with(claim.quote, parsed)
    )
    return MeasureEntry(
        claim=claim,
        quantity=quantity,
        family=family,
        stated=words.text if words is not None and words.bound == quantity.bound else "",
        counted=words.counted if words is not None else "",
        words=_content_words(claim.predicate or stretch, _subject_words(claim)),
        topic=topic,
        period=period,
        clause=re.sub(r"\s+", " ", clause).strip(),
        digits=words.value if words is not None and words.scale == quantity.scale else None,
        by_predicate=bool(claim.predicate),
        compared_with=compared_with,
        outlook=claim.kind == ClaimKind.FORECAST or bool(_OUTLOOK.search(clause)),
    )


_OWN_PERIOD = re.compile(
    r"\s*,?\s*(?:(?:in|during|for|of|over|through|by)\s+)?(?:the\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)?"
    r"(?:19|20)\d\d",
    re.I,
)


def _trusted_period(quote: str, parsed: list[Parsed], words: Parsed, period: str) -> str:
    """A candidate's period as the grammar gave it, or "" when it may be another figure's: in a
    sentence that compares figures, a period is trusted only for the figure compared with
    ('from 8.1 billion yen in fiscal 2025') or one that the period's words follow directly
    ('18.1 billion yen in fiscal 2026'); '18.1 billion yen, up 2.2 times from 8.1 billion yen in
    fiscal 2025' gives 18.1 no period."""
    compares = any(p.role in ("change", "before") or p.kind != "level" for p in parsed)
    if not compares:
        return period
    if words in _compared_with(quote, parsed) or _OWN_PERIOD.match(quote, words.end):
        return period
    return ""


def _jaccard(a: frozenset[str], b: frozenset[str]) -> Decimal:
    return Decimal(len(a & b)) / len(a | b) if a and b else Decimal(0)


def _overlap(a: frozenset[str], b: frozenset[str]) -> Decimal:
    """Shared words over the smaller set: two reports name one measure in a few words each, and
    one of them often in more."""
    return Decimal(len(a & b)) / min(len(a), len(b)) if a and b else Decimal(0)


def _close(a: MeasureEntry, b: MeasureEntry, factor: Decimal = LOOSE_FACTOR) -> bool:
    small, large = sorted((abs(a.value), abs(b.value)))
    return small > 0 and large <= small * factor


def _topics_match(a: MeasureEntry, b: MeasureEntry) -> bool:
    """Candidates' topics: more than a third of the smaller one's words shared; when that is a
    single short or common word ('cost', 'rate'), values within NEAR_FACTOR, else LOOSE_FACTOR."""
    if _overlap(a.topic, b.topic) < TOPIC_OVERLAP:
        return False
    shared = a.topic & b.topic
    telling = len(shared) >= 2 or any(len(w) >= 5 and w not in _COMMON for w in shared)
    return _close(a, b, LOOSE_FACTOR if telling else NEAR_FACTOR)


def same_measure(a: MeasureEntry, b: MeasureEntry) -> bool:
    """Rows of one key are about one measure when their counted nouns agree, both or neither are
    an outlook (a forecast, estimate or target), undated ones speak for dates
    UNDATED_WINDOW_DAYS apart at most, no two budget roles differ, and:
    - with a subject each: the same subject, and what they measure agrees: the same budget,
      total or change role, or mostly the same words (STRONG_OVERLAP); two editors' predicates
      that share (almost) no word name two measures; else values within LOOSE_FACTOR;
    - without (a candidate the intake could not link), or when one of two different subjects is
      a candidate's (the intake's guess): topics sharing more than a third of the
      smaller one's words (TOPIC_OVERLAP) and values within LOOSE_FACTOR, or within NEAR_FACTOR
      when all they share is one short or common word.
    Values more than LOOSE_FACTOR apart are more likely two measures than one misreported."""
    qa, qb = a.quantity, b.quantity
    if a.counted and b.counted and _noun(a.counted) != _noun(b.counted):
        return False
    if a.outlook != b.outlook:
        return False  # "expects 4.3 trillion yen" is no rival of the 5.35 trillion reported
    if not a.period and abs((a.claim.as_of - b.claim.as_of).days) > UNDATED_WINDOW_DAYS:
        return False
    if qa.role in BUDGET_ROLES and qb.role in BUDGET_ROLES and qa.role != qb.role:
        return False  # a request and what was enacted may differ, and both be right
    if a.claim.subject_id is None or b.claim.subject_id is None:
        return _topics_match(a, b)
    if a.claim.subject_id != b.claim.subject_id:
        # A candidate's subject is the intake's guess (the first Entity its sentence names):
        # two subjects of which one is a guess are compared on their topics instead.
        guessed = ClaimStatus.PROPOSED in (a.claim.status, b.claim.status)
        return guessed and _topics_match(a, b)
    if qa.role and qa.role == qb.role and qa.role not in ("before", "after"):
        return True
    if a.words and b.words:
        shared = _jaccard(a.words, b.words)
        if shared >= STRONG_OVERLAP:
            return True
        if shared < LOOSE_OVERLAP and a.by_predicate and b.by_predicate:
            return False
    return _close(a, b)


@dataclass
class Measure:
    """Rows about one measure from two sources or more, and which of them disagree."""

    entries: list[MeasureEntry]
    disagreeing: dict[int, list[MeasureEntry]]  # by entry id: the entries it contradicts
    flagged: list[MeasureEntry]

    @property
    def in_conflict(self) -> bool:
        return bool(self.flagged)

    def describe(self) -> str:
        """'OSA, budget is, JPY': the subject, what is measured, the unit; for candidates no
        Entity names, the words of the first one's clause."""
        first = self.entries[0]
        q = first.quantity
        subject = next((e.claim.subject for e in self.entries if e.claim.subject_id), None)
        what = next((e.claim.predicate for e in self.entries if e.claim.predicate), "")
        role = q.get_role_display().lower() if q.role not in ("", "before", "after") else ""
        unit = f"count of {_noun(first.counted)}" if first.counted else q.unit
        if subject is None and not what:
            clause = first.clause if len(first.clause) <= 100 else first.clause[:99] + "\u2026"
            what = f"what '{clause}' measures"
        return ", ".join(p for p in (subject.name if subject else "", what or role, unit) if p)

    def period(self) -> str:
        first = self.entries[0]
        if first.period:
            return first.quantity.period or first.period
        return f"as of {min(e.claim.as_of for e in self.entries)}"


def _clusters(entries: list[MeasureEntry]) -> list[list[MeasureEntry]]:
    """Rows of one key, joined when they are about one measure (transitively). Only rows that
    could be (the same subject, or a topic word in common) are compared."""
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_subject: dict[int, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        if entry.claim.subject_id is not None:
            by_subject[entry.claim.subject_id].append(i)
        for word in entry.topic:
            by_word[word].append(i)
    for i, a in enumerate(entries):
        near = set(by_subject.get(a.claim.subject_id, ()))
        for word in a.topic:
            near.update(by_word[word])
        for j in sorted(n for n in near if n > i):
            if root(i) != root(j) and same_measure(a, entries[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[MeasureEntry]] = defaultdict(list)
    for i, entry in enumerate(entries):
        groups[root(i)].append(entry)
    return list(groups.values())


def judge_measure(entries: list[MeasureEntry]) -> Measure:
    """Which rows disagree (their intervals, bounds included, do not meet, across sources) and
    which of them are flagged: a row is flagged when a row it disagrees with has as much
    support or more. A source supports a row when its own number, bound aside, meets the row's
    and is not nearer to one of the row's rivals: 'at least nine' supports nine against
    nineteen, '4%' supports 4.0% against 4.2%. Two sources, two values: both are flagged.
    Rows are rivals or supporters only when they are about one measure themselves, not through
    a third one (the cluster is transitive)."""
    intervals = {id(e): e.interval() for e in entries}
    points = {id(e): replace(e.figure, bound=QuantityBound.EXACT).interval() for e in entries}
    related = {
        id(e): [o for o in entries if o.family != e.family and same_measure(e, o)] for e in entries
    }
    disagreeing = {
        id(e): [o for o in related[id(e)] if not intervals[id(e)].meets(intervals[id(o)])]
        for e in entries
    }

    def supporters(entry: MeasureEntry) -> set[int]:
        rivals = disagreeing[id(entry)]
        found = {entry.family}
        # Who speaks about the measure: the row's own relatives, and its rivals' ones.
        speakers = {id(o): o for o in related[id(entry)]}
        speakers |= {id(o): o for rival in rivals for o in related[id(rival)]}
        for other in speakers.values():
            if other.family == entry.family or not points[id(entry)].meets(points[id(other)]):
                continue
            distance = abs(other.value - entry.value)
            if all(distance <= abs(other.value - rival.value) for rival in rivals):
                found.add(other.family)
        return found

    support = {id(e): len(supporters(e)) for e in entries}
    flagged = [
        e for e in entries if any(support[id(o)] >= support[id(e)] for o in disagreeing[id(e)])
    ]
    return Measure(entries, disagreeing, flagged)


def measures(entries: list[MeasureEntry]) -> list[Measure]:
    """Every measure two sources or more speak about."""
    keyed: dict[tuple, list[MeasureEntry]] = defaultdict(list)
    for entry in entries:
        keyed[entry.key].append(entry)
    found = []
    for group in keyed.values():
        for cluster in _clusters(group):
            if len({e.family for e in cluster}) >= 2:
                found.append(judge_measure(cluster))
    return found


def _describe_entry(entry: MeasureEntry) -> str:
    source = entry.claim.source
    return f"claim #{entry.claim.pk} ({source.publisher.name}: {source.title!r})"


def figure_range(figure: Figure) -> str:
    """What a figure allows, in its own scale: '18.05 to 18.15 billion JPY'."""
    places = max(0, -last_digit(figure.precision).as_tuple().exponent)
    unit = figure.unit if figure.unit != "count" else "count"
    return interval_words(figure.interval(), unit, places, figure.scale)


def _gives(entry: MeasureEntry, verb: str = "gives") -> str:
    figure = entry.figure
    return f"{_describe_entry(entry)} {verb} {stated(figure)} ({figure_range(figure)})"


def check_measure(measure: Measure) -> list[Finding]:
    """One finding per row of the measure: whether it agrees with the other sources."""
    findings = []
    about = f"{measure.describe()} ({measure.period()})"
    for entry in measure.entries:
        against = measure.disagreeing[id(entry)]
        flagged = entry in measure.flagged
        if flagged:
            explanation = (
                f"On {about}, {_gives(entry)}, but {'; '.join(_gives(o) for o in against)}: "
                "within the rounding and bounds of the stated figures these do not meet, so "
                "they cannot all be right."
            )
            related = against
        else:
            others = [o for o in measure.entries if o.family != entry.family]
            related = [o for o in others if o not in against] or others
            most = "most sources, among them " if against else ""
            explanation = (
                f"On {about}, {_gives(entry)}, which agrees with {most}"
                f"{'; '.join(_gives(o, 'with') for o in related)}."
            )
        ids = tuple(sorted({entry.claim.pk, *(o.claim.pk for o in related)}))
        findings.append(Finding(CONFLICT, ids, (entry.claim.pk,), not flagged, explanation))
    return findings


# ---------------------------------------------------------------------------- flags


def consistency_account():
    """The system account that raises and resolves numeric flags; it cannot log in."""
    return system_account(CONSISTENCY_ACCOUNT, EDITOR)


@transaction.atomic
def numeric_flag_raise(*, actor, claim: Claim, check_key: str, body: str) -> Annotation:
    """Raise the open numeric-inconsistency flag of one automatic check on a claim, validated
    (one open flag per claim and check_key, annotation_one_open_flag_per_check), as `actor`."""
    require_perm(actor, "claims.add_annotation", "flag claims")
    return services.flag_raise(
        actor=actor,
        claim=claim,
        reason=FlagReason.NUMERIC_INCONSISTENCY,
        body=body,
        check_key=check_key,
    )


@dataclass
class Coverage:
    """Which open flags a run may judge: those whose check it evaluated in full."""

    everything: bool = False
    anchors: set[int] = field(default_factory=set)  # comparisons and counts of these claims
    conflicts: set[int] = field(default_factory=set)  # every measure of these claims

    def covers(self, claim_id: int, check: str, ids: frozenset[int]) -> bool:
        if self.everything:
            return True
        if check == CONFLICT:
            return claim_id in self.conflicts
        if check == COUNT:
            return claim_id in self.anchors
        return bool(ids & self.anchors)


def _open_flags(claim_ids) -> dict[tuple[int, str], list[tuple[Annotation, frozenset[int]]]]:
    flags = defaultdict(list)
    rows = Annotation.objects.open_flags(FlagReason.NUMERIC_INCONSISTENCY).filter(
        claim_id__in=claim_ids
    )
    for flag in rows.exclude(check_key="").order_by("id"):
        parsed = _parse_key(flag.check_key)
        if parsed is not None:
            flags[(flag.claim_id, parsed[0])].append((flag, parsed[1]))
    return flags


def _settled_by_editors(claim_ids, actor) -> set[tuple[int, str]]:
    """(claim, check_key) of numeric flags someone other than `actor` resolved: an editor who
    judged a failure (the texts round differently, one figure is a typo) is not asked again."""
    resolved = Annotation.objects.filter(
        kind=AnnotationKind.FLAG,
        flag_reason=FlagReason.NUMERIC_INCONSISTENCY,
        claim_id__in=claim_ids,
        resolved_at__isnull=False,
    ).exclude(check_key="")
    return set(resolved.exclude(resolved_by=actor).values_list("claim_id", "check_key"))


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _same_failure(target: int, old: frozenset[int], new: frozenset[int]) -> bool:
    """A failure found again with a changed set of related claims (a third source joined, a
    level came from another claim) is still the one its open flag is about."""
    return old == new or bool((old - {target}) & (new - {target}))


def reconcile(findings: list[Finding], coverage: Coverage, *, actor, claims) -> Report:
    """Flag every failure not flagged yet, and resolve every covered open flag whose check
    passes now (or finds nothing to compare any more)."""
    report = Report(checked=len(findings), findings=findings)
    results: dict[tuple[int, str], dict[bool, list[Finding]]] = defaultdict(
        lambda: {True: [], False: []}
    )
    for finding in findings:
        for target in finding.targets:
            results[(target, finding.check)][finding.passed].append(finding)
    targets = set(claims) | {t for f in findings for t in f.targets}
    open_flags = _open_flags(targets)
    settled = _settled_by_editors(targets, actor)
    kept: set[int] = set()
    for (target, check), outcome in sorted(results.items()):
        by_key: dict[str, list[Finding]] = defaultdict(list)
        for finding in outcome[False]:
            by_key[finding.check_key].append(finding)
        for key, failures in by_key.items():
            ids = frozenset(failures[0].claims)
            existing = next(
                (f for f, old in open_flags[(target, check)] if _same_failure(target, old, ids)),
                None,
            )
            if existing is not None:
                kept.add(existing.pk)
                report.already_flagged += 1
                continue
            if (target, key) in settled:
                report.already_flagged += 1  # an editor resolved this very failure: not again
                continue
            body = " ".join(dict.fromkeys(f.explanation for f in failures))
            try:
                numeric_flag_raise(actor=actor, claim=claims[target], check_key=key, body=body)
            except ValidationError as error:
                if "duplicate" not in _codes(error):
                    raise
                report.already_flagged += 1  # a concurrent run raised it first
                continue
            report.flagged += 1
    for (claim_id, check), flags in open_flags.items():
        for flag, ids in flags:
            if flag.pk in kept or not coverage.covers(claim_id, check, ids):
                continue
            passes = results.get((claim_id, check), {True: []})[True]
            note = _resolution_note(passes, claim_id, ids)
            services.annotation_resolve(actor=actor, annotation=flag, note=note)
            report.resolved += 1
    return report


def _resolution_note(passes: list[Finding], claim_id: int, ids: frozenset[int]) -> str:
    related = [f for f in passes if _same_failure(claim_id, ids, frozenset(f.claims))]
    chosen = related or passes
    if chosen:
        return "The check passes now: " + " ".join(dict.fromkeys(f.explanation for f in chosen))
    return (
        f"The check passes now: the figures it compared ({_claims_words(ids)}) are no longer "
        "stated against each other, and nothing inconsistent is found."
    )


# ---------------------------------------------------------------------------- runs


def _checked_claims():
    """Curated claims and open candidates; dismissed candidates are left as they are."""
    return (
        Claim.objects.exclude(status=ClaimStatus.DISMISSED)
        .select_related("subject", "source__publisher")
        .prefetch_related("quantities")
    )


def _derived(claim_ids) -> dict[int, set[int]]:
    pairs = ClaimRelation.objects.filter(kind=RelationKind.DERIVED_FROM).filter(
        Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids)
    )
    linked: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs.values_list("from_claim_id", "to_claim_id"):
        linked[a].add(b)
        linked[b].add(a)
    return linked


def _families() -> dict[int, int]:
    """Each revised or revising source's family: a text and its revisions are one source."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.get(pk, pk) != pk:
            pk = parent[pk]
        return pk

    revisions = Source.objects.filter(revises__isnull=False).order_by()
    for pk, revises in revisions.values_list("pk", "revises"):
        a, b = root(pk), root(revises)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {pk: root(pk) for pk in parent}


def _entries(claims) -> list[MeasureEntry]:
    families = _families()
    entries = []
    for claim in claims:
        rows = list(claim.quantities.all())
        parsed = parse_quantities(claim.quote) if rows else []
        family = families.get(claim.source_id, claim.source_id)
        for row in rows:
            entry = measure_entry(claim, row, family, parsed)
            # 'up from 3.9%' speaks for an earlier time that, without a period, is unknown.
            if not (entry.compared_with and not entry.period):
                entries.append(entry)
    return entries


def _figure_findings(scope: Scope, anchors: set[int]) -> list[Finding]:
    findings: dict[tuple, Finding] = {}
    protected = protected_names()
    for figures in scope.figures.values():
        for figure in figures:
            if not set(figure.claims) & anchors:
                continue
            if figure.is_comparison:
                finding = check_comparison(scope, figure)
                if finding is not None:
                    findings.setdefault((id(figure), COMPARISON), finding)
            elif figure.unit == "count" and figure.counted and figure.kind == "level":
                for pk in figure.claims:
                    finding = check_count(scope, scope.claims[pk], figure, protected)
                    if finding is not None:
                        findings.setdefault((id(figure), pk), finding)
    return list(findings.values())


def _conflict_findings(entries: list[MeasureEntry]) -> list[Finding]:
    return [finding for measure in measures(entries) for finding in check_measure(measure)]


def _scope(claims: dict[int, Claim], progress) -> Scope:
    sources = {c.source_id: c.source for c in claims.values()}
    texts = {pk: SourceText(source) for pk, source in sources.items()}
    scope = Scope(claims=claims, texts=texts, derived=_derived(claims))
    return scope.build(progress)


def check_all(*, actor=None, progress=None) -> Report:
    """Check every claim and candidate: comparisons, counts and conflicts; flag each failure
    once and resolve every open numeric flag whose check passes now. `actor` writes the flags
    (the `consistency` account unless given); `progress(iterable, total)` wraps the sources."""
    actor = actor or consistency_account()
    claims = {claim.pk: claim for claim in _checked_claims()}
    scope = _scope(claims, progress)
    findings = _figure_findings(scope, set(claims))
    findings += _conflict_findings(_entries(claims.values()))
    return reconcile(findings, Coverage(everything=True), actor=actor, claims=claims)


def check_source(source: Source, *, actor=None) -> Report:
    """Check one source's claims and candidates, the claims they derive from or that derive from
    them, and every measure they speak about across sources (run on ingest). Flags are raised
    and resolved as in `check_all`, but only for the checks this run evaluates in full."""
    actor = actor or consistency_account()
    own = set(_checked_claims().filter(source=source).values_list("pk", flat=True))
    near = own | {pk for pks in _derived(own).values() for pk in pks}
    farther = near | {pk for pks in _derived(near).values() for pk in pks}
    source_ids = set(Claim.objects.filter(pk__in=farther).values_list("source_id", flat=True))
    claims = {c.pk: c for c in _checked_claims().filter(source_id__in=source_ids)}
    anchors = near & set(claims)
    scope = _scope(claims, None)
    findings = _figure_findings(scope, anchors)
    entries, complete = _measure_neighbourhood([claims[pk] for pk in own])
    findings += _conflict_findings(entries)
    for entry in entries:
        claims.setdefault(entry.claim.pk, entry.claim)
    coverage = Coverage(anchors=anchors, conflicts=complete)
    return reconcile(findings, coverage, actor=actor, claims=claims)


def _measure_neighbourhood(own: list[Claim]) -> tuple[list[MeasureEntry], set[int]]:
    """The rows of every claim that may share a measure with one of `own` (a unit and a period
    of theirs, or an as_of date near theirs), and the claims whose every row was among them
    (their conflicts are then judged in full)."""
    keys = {entry.key for entry in _entries(own)}
    if not keys:
        return [], {c.pk for c in own}
    labels = {q.period for c in own for q in c.quantities.all() if q.period}
    window = timedelta(days=UNDATED_WINDOW_DAYS)
    dates = (min(c.as_of for c in own) - window, max(c.as_of for c in own) + window)
    near = (
        _checked_claims()
        .filter(quantities__unit__in={key[0] for key in keys})
        .filter(Q(quantities__period__in=labels) | Q(as_of__range=dates))
        .distinct()
    )
    found = _entries(near)
    entries = [entry for entry in found if entry.key in keys]
    outside = {entry.claim.pk for entry in found if entry.key not in keys}
    complete = {entry.claim.pk for entry in entries} - outside
    return entries, complete | {c.pk for c in own}


def conflicts(user) -> list[Conflict]:
    """Every measure that sources disagree about, with each claim's value, source, quote and
    offsets, for analysts and up (empty for anyone else). Curated claims and candidates."""
    if not can_see_internal(user):
        return []
    found = []
    for measure in measures(
        _entries(_checked_claims().filter(quantities__isnull=False).distinct())
    ):
        if not measure.in_conflict:
            continue
        found.append(
            Conflict(
                measure=measure.describe(),
                period=measure.period(),
                unit=measure.entries[0].quantity.unit,
                claims=tuple(
                    _conflict_claim(entry, entry in measure.flagged)
                    for entry in sorted(measure.entries, key=lambda e: (e.value, e.claim.pk))
                ),
            )
        )
    return sorted(found, key=lambda c: (c.measure, c.period))


@dataclass(frozen=True)
class ConflictClaim:
    """One side of a conflict: the claim, the value it states (normalised, and as written), the
    interval its rounding and bound allow, its source and its exact passage."""

    claim: Claim
    quantity: Quantity
    value: Decimal
    stated: str
    bound: str
    low: Decimal | None
    high: Decimal | None
    source: Source
    quote: str
    start: int
    end: int
    flagged: bool  # outside the plurality (or no value has one)


@dataclass(frozen=True)
class Conflict:
    """Claims of different sources about one measure and period that cannot all be right."""

    measure: str
    period: str
    unit: str
    claims: tuple[ConflictClaim, ...]


def _conflict_claim(entry: MeasureEntry, flagged: bool) -> ConflictClaim:
    interval = entry.interval()
    return ConflictClaim(
        claim=entry.claim,
        quantity=entry.quantity,
        value=entry.value,
        stated=entry.stated or stated(entry.figure),
        bound=entry.quantity.bound,
        low=None if interval.low == -INF else interval.low,
        high=None if interval.high == INF else interval.high,
        source=entry.claim.source,
        quote=entry.claim.quote,
        start=entry.claim.start,
        end=entry.claim.end,
        flagged=flagged,
    )
