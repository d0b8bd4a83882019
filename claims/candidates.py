"""Every write to the intake's candidates, and the move of claims to a new revision of their text.

A candidate is a Claim in status `proposed`, made by the intake from a sentence of a source: its
quote and offsets are exact, its numbers structured; its subject and predicate may be missing,
and whom it cites or names may be kept as text until an editor links an Entity. An editor accepts
it (it becomes an ordinary `unreviewed` claim, under every curation rule of `claims.services`) or
dismisses it with a reason (kept: dismissed candidates are the labels that measure extraction).
Every status change writes a Review, as in `claims.services.claim_transition`.
"""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.authz import require_perm
from config.errors import StaleVersion, field_error, refusal
from config.history import actor_context
from sources.models import Source

from . import services
from .choices import ClaimKind, ClaimStatus, FlagReason
from .models import Annotation, Claim, Review


@transaction.atomic
def claim_propose(
    *,
    actor,
    source: Source,
    as_of: date | None = None,
    proposed_entities=(),
    quantities=(),
    **fields,
) -> Claim:
    """Propose a candidate claim for `source.body[start:end]`: `fields` are a claim's (quote,
    start, end, statement, kind, and as far as the intake knows them subject, predicate,
    object, attributed_to, mentions, checkworthiness with its `checkworthiness_features`,
    `proposed_attribution`), `quantities` dicts of `services.QUANTITY_FIELDS`. No flag is
    raised until it is accepted. Its `as_of` defaults to the source's publication date, else the
    day the text was retrieved or ingested (the editor confirms it on acceptance)."""
    require_perm(actor, "claims.add_claim", "propose claims")
    if as_of is None and source.published_at is None:
        as_of = timezone.localdate(source.retrieved_at or timezone.now())
    claim = services.claim_insert(
        actor=actor,
        source=source,
        as_of=as_of,
        status=ClaimStatus.PROPOSED,
        proposed_entities=list(proposed_entities),
        **fields,
    )
    for quantity in quantities:
        services.quantity_create(actor=actor, claim=claim, **quantity)
    return claim


def _lock_candidate(claim: Claim, expected_version: int | None) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(claim_id=claim.pk, expected=expected_version, current=locked.version)
    if locked.status != ClaimStatus.PROPOSED:
        raise refusal(
            f"This claim is {locked.get_status_display().lower()}, not a proposed candidate.",
            "not_a_candidate",
        )
    return locked


def _move(*, actor, claim: Claim, to: str, rationale: str = "", **fields) -> Review:
    with actor_context(actor):
        Claim.objects.filter(pk=claim.pk).update(
            status=to, version=F("version") + 1, updated_at=timezone.now(), **fields
        )
        review = Review.objects.create(
            claim=claim, reviewer=actor, from_status=claim.status, to_status=to, rationale=rationale
        )
    return review


@transaction.atomic
def claim_accept(
    *,
    actor,
    claim: Claim,
    expected_version: int | None = None,
    checkable: bool | None = None,
    mentions=None,
    **changes,
) -> Claim:
    """Accept a proposed candidate, with the editor's corrections (`changes`, as for
    `services.claim_update`): it becomes an `unreviewed` claim. Its subject and predicate must be
    set by then. A checkable claim (every kind but characterization, unless `checkable` says
    otherwise) whose text cites no one, by Entity or as written, gets its open unsourced flag, as
    a new claim does."""
    require_perm(actor, "claims.change_claim", "accept candidates")
    locked = _lock_candidate(claim, expected_version)
    if changes or mentions is not None:
        services.claim_update(
            actor=actor,
            claim=claim,
            expected_version=locked.version,
            mentions=mentions,
            **changes,
        )
        locked = Claim.objects.get(pk=claim.pk)
    missing = [name for name in ("subject", "predicate") if not getattr(locked, name)]
    if missing:
        raise refusal(
            f"Give the candidate its {' and '.join(missing)} before accepting it.", "unstructured"
        )
    _move(actor=actor, claim=locked, to=ClaimStatus.UNREVIEWED)
    if checkable is None:
        checkable = locked.kind != ClaimKind.CHARACTERIZATION
    if checkable and locked.attributed_to_id is None and not locked.proposed_attribution:
        services.flag_raise(
            actor=actor,
            claim=locked,
            reason=FlagReason.UNSOURCED,
            body=services.UNSOURCED_DEFAULT_NOTE,
        )
    claim.refresh_from_db()
    return claim


@transaction.atomic
def claim_dismiss(
    *, actor, claim: Claim, reason: str, expected_version: int | None = None
) -> Claim:
    """Dismiss a proposed candidate with a reason. It is kept, and the intake does not propose
    the same passage again."""
    require_perm(actor, "claims.change_claim", "dismiss candidates")
    if not reason.strip():
        raise field_error("reason", "Say why this candidate is dismissed.", "reason_required")
    locked = _lock_candidate(claim, expected_version)
    _move(
        actor=actor,
        claim=locked,
        to=ClaimStatus.DISMISSED,
        rationale=reason.strip(),
        dismissed_reason=reason.strip(),
    )
    claim.refresh_from_db()
    return claim


# ---------------------------------------------------------------------------- revisions

CONTEXT_CHARS = 60


def quote_in_revision(claim: Claim, body: str) -> int | None:
    """Where the claim's exact quote stands in a revised text, or None when it is gone. Among
    several places, the one whose preceding words match the old text best, then the nearest."""
    places = []
    found = body.find(claim.quote)
    while found != -1:
        places.append(found)
        found = body.find(claim.quote, found + 1)
    if not places:
        return None
    old_body = claim.source.body
    before = old_body[max(0, claim.start - CONTEXT_CHARS) : claim.start]

    def shared_context(start: int) -> int:
        candidate = body[max(0, start - CONTEXT_CHARS) : start]
        same = 0
        for a, b in zip(reversed(before), reversed(candidate), strict=False):
            if a != b:
                break
            same += 1
        return same

    return max(places, key=lambda start: (shared_context(start), -abs(start - claim.start)))


@transaction.atomic
def claim_reanchor(*, actor, claim: Claim, to_source: Source) -> bool:
    """Move a claim to a revision of its source when the revision still has its exact quote.

    The claim keeps its status and verdict: the one exception to the lock on decided claims,
    because the words it asserts are identical. Returns False, and leaves the claim on its
    revision with an open `outdated` flag, when the quote is gone.
    """
    require_perm(actor, "claims.change_claim", "move claims to a revised text")
    if to_source.revises_id != claim.source_id:
        raise field_error(
            "to_source", "Claims move only to the revision of their own source.", "not_a_revision"
        )
    locked = Claim.objects.select_for_update().select_related("source").get(pk=claim.pk)
    start = quote_in_revision(locked, to_source.body)
    if start is None:
        open_outdated = Annotation.objects.open_flags(FlagReason.OUTDATED).filter(claim=locked)
        if not open_outdated.exists():
            services.flag_raise(
                actor=actor,
                claim=locked,
                reason=FlagReason.OUTDATED,
                body=f"The revised text (source {to_source.pk}) no longer has this quote; "
                "the claim stays on the text it was made from.",
            )
        return False
    with actor_context(actor):
        Claim.objects.filter(pk=locked.pk).update(
            source=to_source,
            start=start,
            end=start + len(locked.quote),
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    claim.refresh_from_db()
    return True
