"""Check-worthiness: how much a sentence is worth an editor's check, from 0 to 1.

The score is the sum of named features' contributions; every contribution is stored with the
candidate (`Claim.checkworthiness_features`), so an editor sees why a sentence scored as it did.

    feature      full    partial  when
    number       +0.30            the quantity grammar found a quantity
    comparison   +0.10            "than", "compared with", a superlative, "record", a bound
                                  ("more than"), a multiple, a before figure
    change       +0.10            "rose", "cut", "doubled", "loosened"; a change, before or
                                  after figure
    attribution  +0.15            the sentence cites a source (attribution.py)
    period       +0.10            it names a period ("fiscal 2026", "in 2015", "Q3") or a day
    entity       +0.15   +0.10    it names a known Entity; partial: only names no Entity matched
    length       +0.10   +0.05    8 to 50 words; partial: 4 to 7 or 51 to 70
    hedge        -0.10            "may", "reportedly", "allegedly", a question
    framing      -0.10 a cue, at most -0.20: "so-called", "in an effort to", scare quotes...

The positive weights add up to 1, so no clamping hides a contribution at the top; at the bottom
the negative ones are cut so that the sum never goes under 0. A sentence scoring under
THRESHOLD, or naming no number, no entity (known or not) and no source, is not proposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WEIGHTS: dict[str, Decimal] = {
    "number": Decimal("0.30"),
    "comparison": Decimal("0.10"),
    "change": Decimal("0.10"),
    "attribution": Decimal("0.15"),
    "period": Decimal("0.10"),
    "entity": Decimal("0.15"),
    "length": Decimal("0.10"),
    "hedge": Decimal("-0.10"),
    "framing": Decimal("-0.10"),
}
ENTITY_UNKNOWN_ONLY = Decimal("0.10")
LENGTH_PARTIAL = Decimal("0.05")
FRAMING_FLOOR = Decimal("-0.20")
THRESHOLD = Decimal("0.25")


@dataclass(frozen=True)
class Signals:
    """What was found in one sentence, the input of the score."""

    quantities: int
    comparison: bool
    change: bool
    attribution: bool
    period: bool
    known_entities: int
    unknown_names: int
    words: int
    hedges: int
    framing: int


def score(signals: Signals) -> tuple[Decimal, dict[str, float]]:
    """The score and each feature's contribution; the contributions sum to the score."""
    w = WEIGHTS
    parts = {
        "number": w["number"] if signals.quantities else Decimal(0),
        "comparison": w["comparison"] if signals.comparison else Decimal(0),
        "change": w["change"] if signals.change else Decimal(0),
        "attribution": w["attribution"] if signals.attribution else Decimal(0),
        "period": w["period"] if signals.period else Decimal(0),
        "entity": _entity(signals),
        "length": _length(signals.words),
    }
    positive = sum(parts.values(), Decimal(0))
    hedge = w["hedge"] if signals.hedges else Decimal(0)
    framing = max(w["framing"] * signals.framing, FRAMING_FLOOR)
    parts["hedge"] = max(hedge, -positive)
    parts["framing"] = max(framing, -(positive + parts["hedge"]))
    total = sum(parts.values(), Decimal(0))
    assert Decimal(0) <= total <= Decimal(1)
    # `or 0.0`: a cut-off negative weight can be Decimal("-0"), which would be stored as -0.0
    return total.quantize(Decimal("0.01")), {name: float(v) or 0.0 for name, v in parts.items()}


def _entity(signals: Signals) -> Decimal:
    if signals.known_entities:
        return WEIGHTS["entity"]
    return ENTITY_UNKNOWN_ONLY if signals.unknown_names else Decimal(0)


def _length(words: int) -> Decimal:
    if 8 <= words <= 50:
        return WEIGHTS["length"]
    if 4 <= words <= 70:
        return LENGTH_PARTIAL
    return Decimal(0)
