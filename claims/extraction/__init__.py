"""The newsroom intake's extraction: from a source body to candidate claims, by rules.

Deterministic, no model and no network. `sentences(body)` gives the exact spans of the body's
sentences; `propose(body)` one `Proposal` per check-worthy sentence, with its quantities, whom
it cites, the Entities it names and its check-worthiness with each feature's contribution (the
weights: scoring.WEIGHTS, in the table of scoring.py). `service_fields(proposals)` turns them
into the keyword arguments of `claims.candidates.claim_propose`, loading Entities in one query.

Modules, in the order a sentence passes through them: sentences, fiscal (which fiscal year),
entities, names, attribution, cues, scoring, proposals (the rules that combine them).
"""

from .entities import EntityIndex
from .fiscal import FISCAL_YEAR_STARTS
from .proposals import Proposal, assess, propose, service_fields
from .scoring import THRESHOLD, WEIGHTS
from .sentences import paragraphs, segments, sentences

__all__ = [
    "FISCAL_YEAR_STARTS",
    "THRESHOLD",
    "WEIGHTS",
    "EntityIndex",
    "Proposal",
    "assess",
    "paragraphs",
    "propose",
    "segments",
    "sentences",
    "service_fields",
]
