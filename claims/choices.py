from django.db import models


class EntityKind(models.TextChoices):
    COUNTRY = "country", "Country"
    ORGANIZATION = "organization", "Organization"
    AGREEMENT = "agreement", "Agreement"
    PROGRAM = "program", "Program"
    LEGISLATION = "legislation", "Legislation"
    ALLIANCE = "alliance", "Alliance"
    PERSON = "person", "Person"
    TECHNOLOGY = "technology", "Technology"


class ClaimKind(models.TextChoices):
    QUANTITY = "quantity", "Quantity"
    EVENT = "event", "Event"
    AGREEMENT = "agreement", "Agreement"
    ATTRIBUTION = "attribution", "Attribution"
    CHARACTERIZATION = "characterization", "Characterization"
    FORECAST = "forecast", "Forecast"


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    REFUTED = "refuted", "Refuted"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"
    NOT_CHECKABLE = "not_checkable", "Not checkable"
    PROPOSED = "proposed", "Proposed"
    DISMISSED = "dismissed", "Dismissed"


# Three ideas about statuses, each named once:
# - published: a claim whose status is a verdict (PUBLISHED_STATUSES) is public, with its
#   verdict: anonymous readers, the public API, feeds and exports see it, and nothing else;
# - locked: a published or not-checkable claim (LOCKED_STATUSES) has its content locked until a
#   reviewer reopens it;
# - decided: a reviewer moved the claim into a locked status. The change feed calls that event
#   `decided`; a reader who sees only published claims sees it when the claim enters a published
#   status (not_checkable is internal).
PUBLISHED_STATUSES = frozenset(
    {
        ClaimStatus.VERIFIED,
        ClaimStatus.DISPUTED,
        ClaimStatus.REFUTED,
        ClaimStatus.MISLEADING,
        ClaimStatus.UNVERIFIABLE,
    }
)


LOCKED_STATUSES = PUBLISHED_STATUSES | {ClaimStatus.NOT_CHECKABLE}

# Candidates: claims the intake proposed from a text, not yet curated (proposed), or turned down
# with a reason (dismissed, kept as labels that measure extraction). Internal: they never reach
# the claim list, the claims API, feeds or exports; the candidates queue and API serve them.
CANDIDATE_STATUSES = frozenset({ClaimStatus.PROPOSED, ClaimStatus.DISMISSED})

# The statuses of curated claims: what the claim list, its filters and the claims API know.
CURATED_STATUS_CHOICES = [
    (status.value, status.label) for status in ClaimStatus if status not in CANDIDATE_STATUSES
]


class QuantityBound(models.TextChoices):
    EXACT = "exact", "Exact"
    AT_LEAST = "at_least", "At least (more than)"
    AT_MOST = "at_most", "At most (as much as)"
    APPROXIMATELY = "approximately", "Approximately"


class QuantityRole(models.TextChoices):
    INITIAL_BUDGET = "initial_budget", "Initial budget"
    BUDGET_REQUEST = "budget_request", "Budget request"
    ENACTED = "enacted", "Enacted"
    BEFORE = "before", "Before"
    AFTER = "after", "After"
    CHANGE = "change", "Change"
    TOTAL = "total", "Total"


class EvidenceStance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class AnnotationKind(models.TextChoices):
    NOTE = "note", "Note"
    QUESTION = "question", "Question"
    FLAG = "flag", "Flag"


class FlagReason(models.TextChoices):
    UNSOURCED = "unsourced", "Unsourced"
    MISLEADING_FRAMING = "misleading_framing", "Misleading framing"
    NUMERIC_INCONSISTENCY = "numeric_inconsistency", "Numeric inconsistency"
    WRONG_ATTRIBUTION = "wrong_attribution", "Wrong attribution"
    OUTDATED = "outdated", "Outdated"


class RelationKind(models.TextChoices):
    DERIVED_FROM = "derived_from", "Derived from"
    DUPLICATES = "duplicates", "Duplicates"
    CONTRADICTS = "contradicts", "Contradicts"
    UPDATES = "updates", "Updates"
