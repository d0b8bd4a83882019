"""(c) Claims of different sources about the same measure and period must agree."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from ..choices import (
    ClaimKind,
    ClaimStatus,
    QuantityBound,
    QuantityRole,
)
from ..models import Claim, Quantity
from ..quantities import Parsed, parse_quantities
from .comparisons import _COMPARED_WITH, _noun
from .figures import (
    BUDGET_ROLES,
    RELATIVE_UNITS,
    UNDATED_WINDOW_DAYS,
    Figure,
    Interval,
    interval_words,
    last_digit,
    stated,
)
from .results import CONFLICT, Finding

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
    # The quote's other counts, as (value, counted noun): "3.1m households across 14
    # provinces" has (14, province) beside the households.
    other_counts: frozenset[tuple[Decimal, str]] = frozenset()

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


# "more than twice the ¥8.1bn budgeted": the figure a multiple is of.
_MULTIPLE_OF = re.compile(r"\s+(?:the|its|their|that|this|last\s+year's)\s+", re.I)


def _compared_with(quote: str, parsed: list[Parsed]) -> list[Parsed]:
    """The figures a quote compares others with: 'before' ones; those the words right after a
    comparison lead to ('2.2 times the fiscal 2025 budget of 8.1 billion yen'); and a 'from'
    figure after another of its unit in its clause ('ticked up to 4% from 3.9%')."""
    found = [p for p in parsed if p.role == QuantityRole.BEFORE]
    for comparison in parsed:
        if comparison.role != QuantityRole.CHANGE and comparison.kind == "level":
            continue
        level = next((p for p in parsed if p.start >= comparison.end and p.kind == "level"), None)
        between = quote[comparison.end : level.start] if level else ""
        if level and (
            _COMPARED_WITH.search(between)
            or (comparison.kind == "multiple" and _MULTIPLE_OF.fullmatch(between))
        ):
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
        other_counts=frozenset(
            (p.value * p.scale, _noun(p.counted))
            for p in parsed
            if p is not words and p.unit == "count" and p.counted
        ),
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
    shared = a.topic & b.topic
    # One counted noun ("2.1m households", "2.1 million households") and one more word shared
    # ("across 14 provinces", "in 14 provinces"): one measure, however long the clauses are.
    counted = bool(a.counted and b.counted) and len(shared) >= 2
    if _overlap(a.topic, b.topic) < TOPIC_OVERLAP and not counted:
        return False
    telling = len(shared) >= 2 or any(len(w) >= 5 and w not in _COMMON for w in shared)
    return _close(a, b, LOOSE_FACTOR if telling else NEAR_FACTOR)


def _corroborated(a: MeasureEntry, b: MeasureEntry) -> bool:
    """Two counts of one noun whose quotes share another count, the same number of the same
    thing ('3.1m households across 14 provinces', '2.1 million households in 14 provinces'):
    one measure, whatever else their words say, when within LOOSE_FACTOR of each other."""
    return (
        bool(a.counted and b.counted)
        and a.quantity.unit == b.quantity.unit == "count"
        and bool(a.other_counts & b.other_counts)
        and _close(a, b)
    )


def same_measure(a: MeasureEntry, b: MeasureEntry) -> bool:
    """Rows of one key are about one measure when their counted nouns agree, undated ones speak
    for dates UNDATED_WINDOW_DAYS apart at most, no two budget roles differ, and either they are
    counts corroborated by another count both quotes give (_corroborated), or both or neither
    are an outlook (a forecast, estimate or target) and:
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
    if not a.period and abs((a.claim.as_of - b.claim.as_of).days) > UNDATED_WINDOW_DAYS:
        return False
    if qa.role in BUDGET_ROLES and qb.role in BUDGET_ROLES and qa.role != qb.role:
        return False  # a request and what was enacted may differ, and both be right
    totals = (qa.role == QuantityRole.TOTAL, qb.role == QuantityRole.TOTAL)
    if qa.unit == qb.unit == "count" and totals[0] != totals[1]:
        return False  # "14 of the country's 38 provinces": the whole is no rival of a part
    if _corroborated(a, b):
        return True  # "targets 3.1m households across 14 provinces" is no forecast of its own
    if a.outlook != b.outlook:
        return False  # "expects 4.3 trillion yen" is no rival of the 5.35 trillion reported
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


def _near_words(entry: MeasureEntry) -> frozenset[str]:
    """What puts two rows near enough to be compared: a topic word, or the noun they count."""
    counted = {f"#{_noun(entry.counted)}"} if entry.counted else set()
    return entry.topic | counted


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
        for word in _near_words(entry):
            by_word[word].append(i)
    for i, a in enumerate(entries):
        near = set(by_subject.get(a.claim.subject_id, ()))
        for word in _near_words(a):
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
