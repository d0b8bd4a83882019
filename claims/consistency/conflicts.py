"""Conflicts for the pages and the API: every measure that sources disagree about."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sources.models import Source

from ..models import Claim, Quantity
from ..selectors import can_see_internal
from .figures import INF, stated
from .measures import MeasureEntry, measures
from .runs import _checked_claims, _entries


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
