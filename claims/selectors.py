"""Every non-trivial read of claims. The one visibility rule lives here.

Anonymous readers and accounts without a role see published claims only: those whose status is
a verdict (PUBLISHED_STATUSES: verified, disputed, refuted, misleading, unverifiable).
Analysts and up (anyone with `claims.view_claim`) see everything, annotations and flags included.
"""

from dataclasses import dataclass
from datetime import datetime

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from .choices import CANDIDATE_STATUSES, PUBLISHED_STATUSES, FlagReason
from .models import Annotation, Claim, Evidence, Review


def can_see_internal(user) -> bool:
    """True for analysts and up: unpublished claims, annotations and flags are theirs to read."""
    return bool(user and user.is_active and user.has_perm("claims.view_claim"))


def claims_visible_to(user) -> QuerySet[Claim]:
    """The curated claims `user` may read: all for analysts and up, published ones for everyone
    else. Candidates are never among them (see `candidates_visible_to`)."""
    claims = Claim.objects.curated()
    if can_see_internal(user):
        return claims
    return claims.filter(status__in=PUBLISHED_STATUSES)


def review_trail() -> QuerySet[Review]:
    """The curation trail every reader sees: status changes among curated statuses (a
    candidate's acceptance or dismissal is recorded in its history, which is internal)."""
    return Review.objects.exclude(from_status__in=CANDIDATE_STATUSES).exclude(
        to_status__in=CANDIDATE_STATUSES
    )


def candidates_visible_to(user) -> QuerySet[Claim]:
    """The intake's candidates: analysts and up read them (editors act on them); nobody else."""
    if not can_see_internal(user):
        return Claim.objects.none()
    return Claim.objects.candidates()


def claim_detail_queryset(user) -> QuerySet[Claim]:
    """Visible claims with everything a detail view shows, in a fixed number of queries."""
    claims = claims_visible_to(user).select_related(
        "source__publisher", "subject", "object", "attributed_to", "created_by"
    )
    prefetches = [
        "quantities",
        "mentions",
        Prefetch("evidence", queryset=Evidence.objects.select_related("source__publisher")),
        Prefetch("reviews", queryset=review_trail().select_related("reviewer")),
        # Only relations to claims this reader may see, as `claim.visible_relations`.
        Prefetch("relations_out", queryset=relations_visible_to(user), to_attr="visible_relations"),
    ]
    if can_see_internal(user):
        prefetches.append(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("author", "resolved_by"),
            )
        )
    return claims.prefetch_related(*prefetches)


def unsourced_queue() -> QuerySet[Annotation]:
    """The open unsourced flags, oldest first: the editors' work list."""
    return (
        Annotation.objects.open_flags(FlagReason.UNSOURCED)
        .select_related("claim__source", "author")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    model: str
    object_id: str
    label: str
    changes: dict
    user: object | None
    context: dict


def claim_history(claim: Claim) -> list[HistoryEntry]:
    """Every recorded change to the claim and to what hangs off it, oldest first, with who.

    Two queries whatever the length of the history: the events, then their users.
    """
    events = list(
        pghistory.models.Events.objects.references(claim).order_by("pgh_created_at", "pgh_id")
    )
    contexts = [event.pgh_context or {} for event in events]
    user_ids = {int(ctx["user"]) for ctx in contexts if ctx.get("user") is not None}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    return [
        HistoryEntry(
            at=event.pgh_created_at,
            model=event.pgh_model.split(".")[-1].removesuffix("Event"),
            object_id=str(event.pgh_obj_id),
            label=event.pgh_label,
            changes=event.pgh_diff or {},
            user=users.get(int(ctx["user"])) if ctx.get("user") is not None else None,
            context=ctx,
        )
        for event, ctx in zip(events, contexts, strict=True)
    ]


def relations_visible_to(user) -> QuerySet:
    """Relations whose target `user` may read too: a relation must not reveal an internal claim.

    `claim_detail_queryset` prefetches these as `claim.visible_relations`.
    """
    from .models import ClaimRelation

    return ClaimRelation.objects.filter(to_claim__in=claims_visible_to(user)).select_related(
        "to_claim"
    )
