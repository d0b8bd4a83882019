"""How well the intake's extraction does against texts labelled by hand.

Four labelled sets:
- the seed (data/seed-claims.json: the sentences that hold its checkable claims, and its
  curated quantities);
- development (data/evaluation/labels.json, texts in other outlets' styles, including
  data/evaluation/development/): their misses were used to find the grammar's failure classes;
- second development (data/evaluation/unseen/: written as unseen, then tuned on once its misses
  shaped the grammar, so it is a development set now; the folder keeps its name);
- held-out (data/evaluation/heldout/: eight texts written and labelled blind by someone who read
  no code, in eight outlets' styles, two of them saved HTML pages). Only the failure classes
  its first run showed (basis points, physical units, months and quarters without a year) were
  fixed, on new development texts written for them; none of its texts was tuned on.

For each text, the candidates that `claims.extraction.propose` makes from its stored body (and
its date, which dates "in October") are compared with the labels:

- sentences: a candidate is right when its sentence holds a labelled fragment; recall is the
  share of labelled sentences that some candidate holds;
- quantities: a labelled quantity is found when a candidate of its sentence has the same
  normalised value (value x scale), unit, bound and period (roles are not scored); units are
  compared in the labels' vocabulary (_LABEL_UNITS).

Entities come from the seed's own list (no database), so the figures depend only on the code.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from sources.parsers import parse

from . import extraction

DATA = Path(settings.BASE_DIR) / "data"
SEED = DATA / "seed-claims.json"
EVALUATION = DATA / "evaluation"
DEVELOPMENT = EVALUATION / "labels.json"
SECOND_DEVELOPMENT = EVALUATION / "unseen" / "labels.json"
HELDOUT = EVALUATION / "heldout" / "labels.json"
NOT_CHECKABLE = "not_checkable"


@dataclass(frozen=True)
class LabelledQuantity:
    fragment: str  # words of the sentence that state it
    normalised: Decimal
    unit: str
    bound: str
    period: str

    def describe(self) -> str:
        period = f", {self.period}" if self.period else ""
        return f"{self.normalised.normalize():f} {self.unit} ({self.bound}{period})"


@dataclass
class TextScore:
    name: str
    labelled_sentences: int = 0
    found_sentences: int = 0
    proposed: int = 0
    right_proposals: int = 0
    labelled_quantities: int = 0
    found_quantities: int = 0
    predicted_quantities: int = 0
    right_quantities: int = 0
    missed: list[str] = field(default_factory=list)


@dataclass
class SetScore:
    name: str
    texts: list[TextScore]

    def total(self, attribute: str) -> int:
        return sum(getattr(text, attribute) for text in self.texts)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def sentence_precision(self) -> float:
        return self._ratio(self.total("right_proposals"), self.total("proposed"))

    @property
    def sentence_recall(self) -> float:
        return self._ratio(self.total("found_sentences"), self.total("labelled_sentences"))

    @property
    def quantity_precision(self) -> float:
        return self._ratio(self.total("right_quantities"), self.total("predicted_quantities"))

    @property
    def quantity_recall(self) -> float:
        return self._ratio(self.total("found_quantities"), self.total("labelled_quantities"))


def normalised_period(period: str) -> str:
    """One spelling per period: 'FY 2026' = 'FY2026', '2016-20' = '2016-2020', 'Q3 2026' =
    '2026-Q3'."""
    text = period.upper().replace(" ", "").replace("\u2013", "-")
    part = re.fullmatch(r"([QH][1-4])(FY)?(\d{4})", text)
    if part:
        return f"{part[2] or ''}{part[3]}-{part[1]}"
    split = re.fullmatch(r"(FY)?(\d{4})-(\d{2})", text)
    # "2012-13" is two years; "2027-04" is a month (the second part is no later year).
    if split and int(split[3]) > int(split[2][2:]):
        text = f"{split[1] or ''}{split[2]}-{split[2][:2]}{split[3]}"
    return text


# The grammar's units in the labels' vocabulary: the labels name physical units by their
# singular names and count basis and percentage points as percent (the grammar keeps them
# apart, as the consistency checks need). (label unit, factor on the value).
_LABEL_UNITS = {
    "basis_point": ("percent", Decimal("0.01")),
    "percentage_point": ("percent", Decimal(1)),
    "GW": ("gigawatt", Decimal(1)),
    "MW": ("megawatt", Decimal(1)),
    "km": ("kilometre", Decimal(1)),
    "kg": ("kilogram", Decimal(1)),
}


def _quantity(fragment: str, spec: dict) -> LabelledQuantity:
    unit, factor = _LABEL_UNITS.get(spec["unit"], (spec["unit"], Decimal(1)))
    return LabelledQuantity(
        fragment=fragment,
        normalised=Decimal(spec["value"]) * Decimal(spec["scale"]) * factor,
        unit=unit,
        bound=spec["bound"],
        period=normalised_period(spec.get("period", "")),
    )


def _entities(seed: dict) -> extraction.EntityIndex:
    return extraction.EntityIndex(
        (number, spec["name"], spec.get("aliases", []))
        for number, spec in enumerate(seed["entities"], start=1)
    )


def _score(name: str, text, sentences: list[str], quantities, index) -> TextScore:
    score = TextScore(name=name, labelled_sentences=len(sentences))
    published = text.published_at.date() if text.published_at else None
    proposals = extraction.propose(text.body, entities=index, published=published)
    score.proposed = len(proposals)
    score.right_proposals = sum(
        any(fragment in p.quote for fragment in sentences) for p in proposals
    )
    for fragment in sentences:
        if any(fragment in p.quote for p in proposals):
            score.found_sentences += 1
        else:
            score.missed.append(f"sentence not proposed: {fragment!r}")
    predicted = [
        (p.quote, _quantity("", q)) for p in proposals for q in p.quantities if q.get("unit")
    ]
    score.predicted_quantities = len(predicted)
    labelled = list(quantities)
    score.labelled_quantities = len(labelled)
    matched = set()
    for label in labelled:
        hit = next(
            (
                i
                for i, (quote, q) in enumerate(predicted)
                if i not in matched
                and label.fragment in quote
                and (q.normalised, q.unit, q.bound, q.period)
                == (label.normalised, label.unit, label.bound, label.period)
            ),
            None,
        )
        if hit is None:
            score.missed.append(f"quantity missed: {label.describe()} in {label.fragment!r}")
        else:
            matched.add(hit)
            score.found_quantities += 1
    score.right_quantities = len(matched)
    return score


def _text(path: Path):
    """The parsed article: its body and its date, as the intake stores them."""
    return parse(path.read_bytes(), filename=path.name)


def evaluate_seed(seed: dict | None = None) -> SetScore:
    """The seed: its checkable claims' quotes and its curated quantities."""
    seed = seed or json.loads(SEED.read_text(encoding="utf-8"))
    text = _text(DATA / seed["source"]["file"])
    checkable = [
        claim["quote"]
        for claim in seed["claims"]
        if (claim.get("decision") or {}).get("to") != NOT_CHECKABLE
    ]
    quantities = [_quantity(c["quote"], q) for c in seed["claims"] for q in c.get("quantities", [])]
    # A curated claim may quote part of a sentence: its sentence is found by the quote.
    scored = _score("seed (curated)", text, checkable, quantities, _entities(seed))
    return SetScore("seed", [scored])


def evaluate_labelled(path: Path, name: str) -> SetScore:
    """A set of labelled texts (files named relative to data/evaluation/)."""
    labels = json.loads(path.read_text(encoding="utf-8"))
    index = _entities(json.loads(SEED.read_text(encoding="utf-8")))
    texts = []
    for spec in labels["texts"]:
        text = _text(EVALUATION / spec["file"])
        quantities = [_quantity(q["in"], q) for q in spec["quantities"]]
        texts.append(_score(Path(spec["file"]).name, text, spec["checkworthy"], quantities, index))
    return SetScore(name, texts)


def evaluate_development() -> SetScore:
    return evaluate_labelled(DEVELOPMENT, "development")


def evaluate_second_development() -> SetScore:
    return evaluate_labelled(SECOND_DEVELOPMENT, "second development")


def evaluate_heldout() -> SetScore:
    return evaluate_labelled(HELDOUT, "held-out")
