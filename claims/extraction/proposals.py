"""From a source body to candidate claims: one Proposal per check-worthy sentence.

For each sentence (sentences.py): its quantities (claims.quantities, dated by the subject
country's fiscal year, fiscal.py), whom it cites (attribution.py), the Entities it names
(entities.py) and the names it uses that match none (names.py), its framing and hedges
(cues.py), then its kind and its score (scoring.py).

Rules, each applied in this order:

- attribution: the cited phrase is linked to an Entity when the longest Entity match inside it
  covers at least half of its words (determiners aside): "Japan's Ministry of Foreign Affairs",
  "a Foreign Ministry official" (with a "Foreign Ministry" alias), "US officials"; not "Japan's
  defence minister", which stays text. A pronoun ("he said", "it added") is the last source the
  text cited before it.
- subject: the first Entity the sentence names outside the cited phrase that is not the
  attribution ("According to MOFA, OSA funding will rise": OSA); the other Entities, the cited
  phrase's included, are mentions.
- proposed entities: capitalised names no Entity matched (names.unknown_names), in order.
- kind: a quantity when the grammar found one, even if framed (framing lowers the score, but
  a number stays checkable); else characterization when framed; else attribution when it cites
  someone; else forecast (a future marker with a year to come); else agreement or event by its
  verbs; else characterization (a general description).
- budget roles: a money figure that is not a before figure takes the budget role its sentence
  names ("budget request", "requested", "proposed budget": budget_request; "initial budget":
  initial_budget; "enacted", "approved budget": enacted).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from claims.quantities import Parsed, find_periods, parse_quantities

from . import attribution, cues, fiscal, scoring
from .entities import EntityIndex, EntityMatch
from .names import capitalised_words, unknown_names
from .sentences import segments

_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*", re.UNICODE)
_DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "senior", "top"}
_DAY = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:this|last|next)\s+(?:year|month|week|quarter)\b|\byesterday\b|\btoday\b",
    re.I,
)
_REQUEST = r"budget\s+request|request(?:ed|s)?\b(?!\s+of\b)|(?:proposed|draft)\s+budget"
_BUDGET_ROLES = (
    ("budget_request", re.compile(rf"{_REQUEST}|budget\s+proposal", re.I)),
    ("initial_budget", re.compile(r"initial\s+budget", re.I)),
    ("enacted", re.compile(r"\benacted\b|approved\s+budget|budget\s+(?:was\s+)?approved", re.I)),
)
# Quantity.value and .scale: 24 digits, 6 of them decimals.
_MAX_DIGITS, _MAX_DECIMALS = 24, 6


@dataclass(frozen=True)
class Proposal:
    """One candidate, ready for `claims.candidates.claim_propose(actor=..., source=...,
    **proposal.service_fields())`: body[start:end] == quote."""

    start: int
    end: int
    quote: str
    statement: str
    kind: str
    checkworthiness: Decimal
    features: dict[str, float] = field(hash=False)
    quantities: tuple[dict, ...] = field(hash=False)
    subject_id: int | None
    attributed_to_id: int | None
    mention_ids: tuple[int, ...]
    proposed_attribution: str
    proposed_entities: tuple[str, ...]

    def entity_ids(self) -> set[int]:
        ids = {self.subject_id, self.attributed_to_id, *self.mention_ids}
        return {i for i in ids if i is not None}

    def service_fields(self, entities: Mapping[int, object] | None = None) -> dict:
        """The keyword arguments of `claim_propose` but actor and source. Entities come from
        `entities` (id -> Entity), else from one query."""
        if entities is None:
            from claims.models import Entity

            entities = Entity.objects.in_bulk(self.entity_ids())
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "statement": self.statement,
            "kind": self.kind,
            "subject": entities.get(self.subject_id),
            "attributed_to": entities.get(self.attributed_to_id),
            "mentions": [entities[i] for i in self.mention_ids if i in entities],
            "checkworthiness": self.checkworthiness,
            "checkworthiness_features": dict(self.features),
            "proposed_attribution": self.proposed_attribution,
            "proposed_entities": list(self.proposed_entities),
            "quantities": [dict(q) for q in self.quantities],
        }


def service_fields(proposals: Sequence[Proposal]) -> list[dict]:
    """`claim_propose` keyword arguments (but actor and source) for each proposal, loading
    every Entity they name in one query."""
    from claims.models import Entity

    ids = set().union(*(p.entity_ids() for p in proposals))
    entities = Entity.objects.in_bulk(ids) if ids else {}
    return [p.service_fields(entities) for p in proposals]


def propose(
    body: str,
    *,
    entities: EntityIndex | None = None,
    country: str | None = None,
    published: date | None = None,
    threshold: Decimal = scoring.THRESHOLD,
) -> list[Proposal]:
    """The candidates of a body, in order: one per sentence that names a number, an entity or
    a source and scores at least `threshold`. One query (the EntityIndex) unless `entities`
    is given, then none. `country` (a fiscal.FISCAL_YEAR_STARTS key) overrides the subject
    country the text names most; `published` tells forecasts (years after it) apart."""
    assessed = assess(body, entities=entities, country=country, published=published)
    return [p for p in assessed if p.checkworthiness >= threshold]


def assess(
    body: str,
    *,
    entities: EntityIndex | None = None,
    country: str | None = None,
    published: date | None = None,
) -> list[Proposal]:
    """Every sentence that names a number, an entity or a source, scored but not thresholded."""
    index = entities if entities is not None else EntityIndex.from_db()
    sentences = [s for s in segments(body) if s.proposable]
    matches = {s.start: index.find(s.text) for s in sentences}
    capitalised = capitalised_words(s.text for s in sentences)
    mentions = _country_mentions(body, sentences, matches, index)
    default_country = country or fiscal.text_country(mentions)
    proposals, last_source = [], None
    for s in sentences:
        fys = (
            fiscal.FISCAL_YEAR_STARTS.get(country)
            if country
            else fiscal.sentence_fiscal_year_start(mentions, s.start, s.end, default_country)
        )
        found = _Sentence(s.text, matches[s.start], fys, published, last_source, capitalised)
        if found.source_for_next is not None:
            last_source = found.source_for_next
        proposal = found.proposal(s.start, s.end)
        if proposal is not None:
            proposals.append(proposal)
    return proposals


def _country_mentions(body, sentences, matches, index) -> list[tuple[int, str]]:
    """Table countries named by their words, plus Entities bearing a table country's name
    wherever their aliases match ("Tokyo" for an Entity "Japan" with that alias)."""
    found = fiscal.country_mentions(body)
    taken = {offset for offset, _ in found}
    for s in sentences:
        for m in matches[s.start]:
            name = index.names.get(m.entity_id)
            if name in fiscal.FISCAL_YEAR_STARTS and s.start + m.start not in taken:
                found.append((s.start + m.start, name))
    return sorted(found)


class _Sentence:
    """One sentence read: its quantities, source, entities, cues and what they propose."""

    def __init__(self, text, matches: list[EntityMatch], fys, published, last_source, capitalised):
        self.text = text
        self.quantities = parse_quantities(text, fiscal_year_start=fys, published=published)
        self.cited = attribution.cited(text)
        self.attributed_to_id, self.proposed_attribution = self._attribution(matches, last_source)
        self.source_for_next = (
            (self.attributed_to_id, self.proposed_attribution)
            if self.cited is not None and not self.cited.pronoun
            else None
        )
        self._entities(matches, capitalised)
        self.framing = cues.framing(text)
        self.hedges = cues.hedges(text)
        self.published = published
        self.fys = fys

    def _attribution(self, matches, last_source) -> tuple[int | None, str]:
        cited = self.cited
        if cited is None:
            return None, ""
        if cited.pronoun:
            return last_source if last_source is not None else (None, cited.text)
        inside = [m for m in matches if cited.start <= m.start and m.end <= cited.end]
        if inside:
            longest = max(inside, key=lambda m: m.end - m.start)
            phrase = [w for w in _WORD.findall(cited.text) if w.lower() not in _DETERMINERS]
            covered = _WORD.findall(self.text[longest.start : longest.end])
            if 2 * len(covered) >= len(phrase):
                return longest.entity_id, ""
        return None, cited.text[:300]

    def _entities(self, matches: list[EntityMatch], capitalised: set[str]) -> None:
        cited = self.cited
        outside = [
            m
            for m in matches
            if cited is None or cited.pronoun or not (cited.start <= m.start < cited.end)
        ]
        self.subject_id = next(
            (m.entity_id for m in outside if m.entity_id != self.attributed_to_id), None
        )
        named = dict.fromkeys(m.entity_id for m in matches)
        self.mention_ids = tuple(
            i for i in named if i not in (self.subject_id, self.attributed_to_id)
        )
        self.known = len(named)
        spans = [(m.start, m.end) for m in matches]
        if cited is not None and cited.text[:1].isupper() and not cited.pronoun:
            capitalised = capitalised | {cited.text.lower()}  # "Israel says": a name speaks
        unknown = unknown_names(self.text, spans, capitalised)
        names = dict.fromkeys(self.text[s:e] for s, e in unknown)
        self.unknown = tuple(n[:300] for n in names)

    def kind(self) -> str:
        text = self.text
        if self.quantities:
            return "quantity"
        if self.framing:
            return "characterization"
        if self.cited is not None:
            return "attribution"
        if cues.is_forecast(text, self.published):
            return "forecast"
        if cues.AGREEMENT.search(text):
            return "agreement"
        if cues.EVENT.search(text):
            return "event"
        return "characterization"

    def signals(self) -> scoring.Signals:
        text, quantities = self.text, self.quantities
        compared = any(
            q.bound != "exact" or q.kind == "multiple" or q.role == "before" for q in quantities
        )
        changed = any(q.role in ("change", "before", "after") for q in quantities)
        dated = any(q.period for q in quantities) or bool(
            find_periods(text, fiscal_year_start=self.fys, published=self.published)
            or _DAY.search(text)
        )
        return scoring.Signals(
            quantities=len(quantities),
            comparison=compared or bool(cues.comparisons(text)),
            change=changed or bool(cues.changes(text)),
            attribution=self.cited is not None,
            period=dated,
            known_entities=self.known,
            unknown_names=len(self.unknown),
            words=len(_WORD.findall(text)),
            hedges=len(self.hedges),
            framing=len(self.framing),
        )

    def proposal(self, start: int, end: int) -> Proposal | None:
        if not (self.quantities or self.known or self.unknown or self.cited):
            return None
        checkworthiness, features = scoring.score(self.signals())
        return Proposal(
            start=start,
            end=end,
            quote=self.text,
            statement=" ".join(self.text.split()),
            kind=self.kind(),
            checkworthiness=checkworthiness,
            features=features,
            quantities=tuple(q for p in self.quantities if (q := _quantity_fields(self.text, p))),
            subject_id=self.subject_id,
            attributed_to_id=self.attributed_to_id,
            mention_ids=self.mention_ids,
            proposed_attribution=self.proposed_attribution,
            proposed_entities=self.unknown,
        )


def _quantity_fields(sentence: str, parsed: Parsed) -> dict | None:
    """The Quantity fields (services.QUANTITY_FIELDS) of one parsed quantity; None when its
    value does not fit the column (more than 6 decimals, 24 digits)."""
    for number in (parsed.value, parsed.scale):
        exponent = number.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else _MAX_DECIMALS + 1
        if decimals > _MAX_DECIMALS or len(number.as_tuple().digits) - decimals > (
            _MAX_DIGITS - _MAX_DECIMALS
        ):
            return None
    return {
        "value": parsed.value,
        "scale": parsed.scale,
        "unit": parsed.unit,
        "bound": parsed.bound,
        "period": parsed.period,
        "period_start": parsed.period_start,
        "period_end": parsed.period_end,
        "role": _role(sentence, parsed),
    }


def _role(sentence: str, parsed: Parsed) -> str:
    money = len(parsed.unit) == 3 and parsed.unit.isupper()
    if money and parsed.role in ("", "after", "total") and parsed.kind == "level":
        for role, words in _BUDGET_ROLES:
            if words.search(sentence):
                return role
    return parsed.role
