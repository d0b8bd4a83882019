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


# A claim is published, with its verdict, once it is decided.
DECIDED_STATUSES = frozenset(
    {
        ClaimStatus.VERIFIED,
        ClaimStatus.DISPUTED,
        ClaimStatus.REFUTED,
        ClaimStatus.MISLEADING,
        ClaimStatus.UNVERIFIABLE,
    }
)


# A decided or not-checkable claim's content is locked until a reviewer reopens it.
LOCKED_STATUSES = DECIDED_STATUSES | {ClaimStatus.NOT_CHECKABLE}


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
