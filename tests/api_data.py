"""Builders of API test data: claims in each state with what hangs off them.

Rows are made with the factories (setup, not behaviour under test); behaviour is exercised
through the API.
"""

from claims.choices import AnnotationKind, ClaimStatus, FlagReason
from claims.models import Annotation, ClaimMention, ClaimRelation, Review

from .factories import (
    ClaimFactory,
    EntityFactory,
    EvidenceFactory,
    QuantityFactory,
    ReferenceSourceFactory,
    SourceFactory,
    UserFactory,
)


def claim_with_parts(*, status=ClaimStatus.VERIFIED, source=None, reviewer=None, **fields):
    """A claim with a quantity, supporting evidence, a mention, an open flag and, when decided,
    the Review that decided it."""
    source = source or SourceFactory()
    claim = ClaimFactory(source=source, status=status, **fields)
    QuantityFactory(claim=claim, role="initial_budget", period="FY2026")
    EvidenceFactory(claim=claim, source=ReferenceSourceFactory(), added_by=claim.created_by)
    ClaimMention.objects.create(claim=claim, entity=EntityFactory(name="United States"))
    Annotation.objects.create(
        claim=claim,
        author=claim.created_by,
        kind=AnnotationKind.FLAG,
        flag_reason=FlagReason.NUMERIC_INCONSISTENCY,
        body="Check the base year.",
    )
    if status not in (ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW):
        Review.objects.create(
            claim=claim,
            reviewer=reviewer or UserFactory(username="curator-reviewer"),
            from_status=ClaimStatus.IN_REVIEW,
            to_status=status,
            rationale=f"Decided {status} against the budget document.",
        )
    return claim


def related(from_claim, to_claim, kind="derived_from"):
    return ClaimRelation.objects.create(
        from_claim=from_claim, to_claim=to_claim, kind=kind, created_by=from_claim.created_by
    )


def claim_create_body(source, quote="The budget grew to 18.1 billion yen in 2026.", **extra):
    """A valid `POST /api/v1/claims/` body quoting `quote` from `source`."""
    start = source.body.index(quote)
    return {
        "source": source.pk,
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "statement": "Japan's budget grew to 18.1 billion yen in 2026.",
        "kind": "quantity",
        "subject": EntityFactory(name="Japan").pk,
        "predicate": "budget is",
        **extra,
    }
