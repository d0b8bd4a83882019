"""Every write to claims and what hangs off them, with the curation rules.

The rules: a claim's quote is exactly its source's text between its offsets; a checkable claim
nobody is cited for gets an open unsourced flag; editors send claims to review and reviewers
decide them with a rationale, never their own (four eyes); verified needs supporting and refuted
needs refuting evidence from another source; a decided claim's content and the evidence its
verdict rests on are locked until a reviewer reopens it (docs/decisions.md says why).

Services are keyword-only, run in one transaction, validate fully before saving, check the
actor's permission, and record the actor in the history context. The admin, the API and the
management commands call these; nothing else changes state.
"""

import copy
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from config.authz import require_perm
from config.errors import StaleVersion, field_error, refusal
from config.history import actor_context
from config.services import delete_checked, refuse_unknown_fields, save_changes, save_checked
from sources.models import Source
from sources.selectors import revision_family

from .choices import (
    LOCKED_STATUSES,
    AnnotationKind,
    ClaimStatus,
    EvidenceStance,
    FlagReason,
)
from .models import (
    Annotation,
    Claim,
    ClaimMention,
    ClaimRelation,
    Entity,
    Evidence,
    Quantity,
    Review,
)

# Fields an editor may correct on an existing claim.
EDITABLE_FIELDS = frozenset(
    {
        "source",
        "quote",
        "start",
        "end",
        "statement",
        "kind",
        "subject",
        "predicate",
        "object",
        "attributed_to",
        "as_of",
        "checkworthiness",
    }
)

UNSOURCED_DEFAULT_NOTE = (
    "The source gives no attribution for this assertion; evidence from another source is needed."
)


# ---------------------------------------------------------------------------- entities


ENTITY_FIELDS = frozenset({"name", "kind", "wikidata_id", "aliases", "description"})


@transaction.atomic
def entity_create(
    *, actor, name: str, kind: str, wikidata_id: str = "", aliases=(), description: str = ""
) -> Entity:
    """Add an entity after full validation."""
    entity = Entity(
        name=name,
        kind=kind,
        wikidata_id=wikidata_id,
        aliases=list(aliases),
        description=description,
    )
    return save_checked(actor=actor, instance=entity, noun="entities")


@transaction.atomic
def entity_update(*, actor, entity: Entity, **changes) -> Entity:
    """Correct the given fields of an entity; the others are left as they are in the database."""
    return save_changes(
        actor=actor, instance=entity, noun="entities", changes=changes, allowed=ENTITY_FIELDS
    )


@transaction.atomic
def entity_ensure(*, actor, name: str, kind: str, **fields) -> Entity:
    """Return the entity with this name and kind, creating it (validated) if it is missing."""
    existing = Entity.objects.filter(name=name, kind=kind).first()
    if existing is not None:
        return existing
    return entity_create(actor=actor, name=name, kind=kind, **fields)


# ---------------------------------------------------------------------------- claims


@transaction.atomic
def claim_create(
    *,
    actor,
    source: Source,
    quote: str,
    start: int,
    end: int,
    statement: str,
    kind: str,
    subject: Entity,
    predicate: str,
    object: Entity | None = None,
    attributed_to: Entity | None = None,
    mentions=(),
    as_of: date | None = None,
    checkworthiness: Decimal | float | None = None,
    checkable: bool = True,
    unsourced_note: str = "",
    allow_duplicate: bool = False,
) -> Claim:
    """Create an unreviewed claim whose quote is exactly `source.body[start:end]`.

    A checkable claim that its source attributes to no one gets an open `unsourced` flag
    (`unsourced_note` says what is missing). `as_of` defaults to the source's publication date.
    A curated claim with the same source, offsets and quote is refused (`duplicate`, naming it;
    `duplicate_claim_id` reads its id from the error) unless `allow_duplicate` says a second
    claim on the same passage is deliberate (e.g. a passage asserting two things).
    """
    require_perm(actor, "claims.add_claim", "create claims")
    if not allow_duplicate:
        _refuse_duplicate(source=source, start=start, end=end, quote=quote)
    claim = claim_insert(
        actor=actor,
        mentions=mentions,
        source=source,
        quote=quote,
        start=start,
        end=end,
        statement=statement,
        kind=kind,
        subject=subject,
        predicate=predicate,
        object=object,
        attributed_to=attributed_to,
        as_of=as_of,
        checkworthiness=checkworthiness,
    )
    if checkable and attributed_to is None:
        flag_raise(
            actor=actor,
            claim=claim,
            reason=FlagReason.UNSOURCED,
            body=unsourced_note or UNSOURCED_DEFAULT_NOTE,
            new_claim=True,
        )
    return claim


def claim_insert(*, actor, source: Source, as_of: date | None = None, mentions=(), **fields):
    """The last step of every new claim, curated or proposed: `as_of` defaults to the source's
    date, the claim is fully validated, saved as `actor` with its mentions. Callers check the
    actor's permission and apply their own rules (flags, status)."""
    claim = Claim(
        source=source,
        as_of=claim_as_of(source=source, as_of=as_of),
        created_by=actor,
        **fields,
    )
    claim.full_clean()
    with actor_context(actor):
        claim.save()
        _set_mentions(claim, mentions)
    return claim


def flag_raise(
    *, actor, claim: Claim, reason: str, body: str, check_key: str = "", new_claim: bool = False
) -> Annotation:
    """An open flag a rule raises (unsourced on a new claim, outdated on a revision, a failed
    consistency check), as `actor`; the caller has checked its permission. `check_key` names
    the automatic check and what it compared, so a rerun finds the flag again. The claim's
    version moves on, as with any annotation, unless the flag comes with the `new_claim`."""
    if not new_claim:
        _bump_version(actor=actor, claim_id=claim.pk)
    flag = Annotation(
        claim=claim,
        author=actor,
        kind=AnnotationKind.FLAG,
        flag_reason=reason,
        body=body,
        check_key=check_key,
    )
    flag.full_clean()
    with actor_context(actor):
        flag.save()
    return flag


DUPLICATE = "duplicate"


def _refuse_duplicate(*, source: Source, start: int, end: int, quote: str) -> None:
    # Two editors creating the same claim at once would both find none: the first to get here
    # holds this passage's lock until it commits, so the second then finds its claim.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"claim passage {source.pk}:{start}:{end}"],
        )
    existing = (
        Claim.objects.curated()
        .filter(source=source, start=start, end=end, quote=quote)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if existing is not None:
        raise ValidationError(
            "Claim %(claim_id)s already quotes this passage (same source, offsets and quote). "
            "Correct that claim, or create a second one deliberately.",
            code=DUPLICATE,
            params={"claim_id": existing},
        )


def duplicate_claim_id(error: ValidationError) -> int | None:
    """The existing claim a `claim_create` refusal names as a duplicate, or None."""
    for item in getattr(error, "error_list", []):
        if item.code == DUPLICATE and isinstance(item.params, dict) and "claim_id" in item.params:
            return item.params["claim_id"]
    return None


def claim_as_of(*, source: Source, as_of: date | None = None) -> date:
    """The date a new claim speaks for: the one given, else its source's publication date."""
    if as_of is not None:
        return as_of
    if source.published_at is None:
        raise field_error(
            "as_of",
            "Give the date the claim speaks for: the source has no publication date.",
            "required",
        )
    return source.published_at.date()


def claim_is_editable(status: str) -> bool:
    """A decided or not-checkable claim's content is locked until a reviewer reopens it."""
    return status not in LOCKED_STATUSES


def claim_assert_editable(status: str) -> None:
    if not claim_is_editable(status):
        raise refusal(
            f"This claim is {status.replace('_', ' ')}: a reviewer must reopen it before "
            "its content changes.",
            "locked",
        )


def _lock_editable(claim_id: int) -> None:
    """Lock the claim's row for this transaction and refuse if its content is locked.

    Holding the row lock means no reviewer can decide the claim between check and write.
    """
    status = Claim.objects.select_for_update().values_list("status", flat=True).get(pk=claim_id)
    claim_assert_editable(status)


def claim_lock_for_edit(*, claim: Claim, expected_version: int, changing_content: bool) -> Claim:
    """Lock the claim's row until the transaction ends and check the edit may go ahead.

    For interfaces (the admin form) that validate before they save: while the lock is held no
    other edit can slip in, so the later `claim_update` cannot be stale. Raises StaleVersion or
    ValidationError (locked).
    """
    locked = Claim.objects.select_for_update().only("version", "status").get(pk=claim.pk)
    if locked.version != expected_version:
        raise StaleVersion(claim_id=claim.pk, expected=expected_version, current=locked.version)
    if changing_content:
        claim_assert_editable(locked.status)
    return locked


@transaction.atomic
def claim_update(*, actor, claim: Claim, expected_version: int, mentions=None, **changes) -> Claim:
    """Correct a claim's content, only if it is still at `expected_version`.

    The write is one `UPDATE … WHERE id = … AND version = …`: a concurrent edit makes it touch
    no row and raises StaleVersion, so nothing is silently overwritten. Only fields whose value
    differs from the stored one are written; when none does and `mentions` is unchanged, nothing
    is written at all (no version bump, no history row) and the claim is returned as stored. A
    decided claim must be reopened before its content changes.
    """
    require_perm(actor, "claims.change_claim", "edit claims")
    refuse_unknown_fields(changes, EDITABLE_FIELDS)
    stored = Claim.objects.filter(pk=claim.pk).first()
    if stored is None:
        raise Claim.DoesNotExist(f"Claim {claim.pk} does not exist.")
    current = (stored.version, stored.status)
    if current[0] != expected_version:
        raise StaleVersion(claim_id=claim.pk, expected=expected_version, current=current[0])
    changes = {field: value for field, value in changes.items() if _differs(stored, field, value)}
    mentions_change = mentions is not None and {e.pk for e in mentions} != set(
        ClaimMention.objects.filter(claim=claim).values_list("entity_id", flat=True)
    )
    if not changes and not mentions_change:
        claim.refresh_from_db()
        return claim
    claim_assert_editable(current[1])
    for field, value in changes.items():
        setattr(claim, field, value)
    claim.full_clean(exclude=["status"])
    values = {field: getattr(claim, field) for field in changes}
    with actor_context(actor):
        updated = Claim.objects.filter(pk=claim.pk, version=expected_version).update(
            **values, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            current_version = Claim.objects.filter(pk=claim.pk).values_list("version", flat=True)
            raise StaleVersion(
                claim_id=claim.pk, expected=expected_version, current=current_version.first()
            )
        if mentions_change:
            _set_mentions(claim, mentions)
    claim.refresh_from_db(fields=["version", "updated_at"])
    return claim


def _differs(stored: Claim, name: str, value) -> bool:
    """Whether writing `value` to field `name` would change the stored claim."""
    field = Claim._meta.get_field(name)
    if field.is_relation:
        return getattr(stored, field.attname) != (value.pk if value is not None else None)
    try:
        value = field.to_python(value)
    except ValidationError:
        return True  # not a value of this field: full_clean refuses it
    return getattr(stored, field.attname) != value


def _bump_version(*, actor, claim_id: int) -> None:
    """Move a claim's version on because something that hangs off it changed.

    The claim's ETag is `"<id>-<version>"`: its evidence, quantities, mentions, relations and
    annotations are part of what it says, so the ETag moves with them. Called inside the
    caller's transaction (a refusal later in it undoes the bump) and BEFORE the part is written,
    so the part's history event, and the change feed's entry for it, carry the new version.
    """
    with actor_context(actor):
        Claim.objects.filter(pk=claim_id).update(
            version=F("version") + 1, updated_at=timezone.now()
        )


def _set_mentions(claim: Claim, entities) -> None:
    wanted = {entity.pk for entity in entities}
    ClaimMention.objects.filter(claim=claim).exclude(entity_id__in=wanted).delete()
    have = set(ClaimMention.objects.filter(claim=claim).values_list("entity_id", flat=True))
    ClaimMention.objects.bulk_create(
        [ClaimMention(claim=claim, entity_id=pk) for pk in sorted(wanted - have)]
    )


# ---------------------------------------------------------------------------- status


SEND = "send"
DECIDE = "decide"
REOPEN = "reopen"


def transition_kind(from_status: str, to_status: str) -> str | None:
    """What moving a claim from one status to another is, or None when it is not allowed."""
    if from_status == ClaimStatus.UNREVIEWED and to_status == ClaimStatus.IN_REVIEW:
        return SEND
    if from_status == ClaimStatus.UNREVIEWED and to_status == ClaimStatus.NOT_CHECKABLE:
        return DECIDE
    if from_status == ClaimStatus.IN_REVIEW and to_status in LOCKED_STATUSES:
        return DECIDE
    if from_status in LOCKED_STATUSES and to_status == ClaimStatus.IN_REVIEW:
        return REOPEN
    return None


_STANCE_ADJECTIVE = {EvidenceStance.SUPPORTS: "supporting", EvidenceStance.REFUTES: "refuting"}


def _require_evidence(claim: Claim, stance: str, to_status: str) -> None:
    independent = Evidence.objects.filter(claim=claim, stance=stance).exclude(
        source_id__in=revision_family(claim.source_id)
    )
    has_it = independent.exists()
    if not has_it:
        raise refusal(
            f"A claim can be marked {to_status} only with {_STANCE_ADJECTIVE[stance]} "
            "evidence from a source other than its own (or a revision of it); attach it first.",
            "missing_evidence",
        )


def _holds(actor, perm: str) -> bool:
    return actor is not None and actor.is_active and actor.has_perm(perm)


@transaction.atomic
def claim_transition(
    *, actor, claim: Claim, to: str, rationale: str = "", expected_version: int | None = None
) -> Review:
    """Move a claim to status `to`, writing its Review in the same transaction.

    - unreviewed → in_review: an editor sends it to review.
    - in_review → verified | disputed | refuted | misleading | unverifiable | not_checkable,
      and unreviewed → not_checkable: a reviewer decides, with a rationale, and may not decide
      a claim they created (four eyes). Verified needs supporting evidence and refuted needs
      refuting evidence, from a source other than the claim's own.
    - a decided or not-checkable claim → in_review: a reviewer reopens it, with a rationale.
    The row is locked while the rules are checked; a stale `expected_version` raises StaleVersion.
    """
    if to not in ClaimStatus.values:
        raise field_error("to", f"Unknown status {to!r}.", "invalid_choice")
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(claim_id=claim.pk, expected=expected_version, current=locked.version)
    kind = transition_kind(locked.status, to)
    if kind is None:
        raise refusal(f"A claim cannot go from {locked.status} to {to}.", "transition_not_allowed")
    if kind == SEND:
        require_perm(actor, "claims.change_claim", "send claims to review")
    elif (
        kind == REOPEN
        and _holds(actor, "claims.change_claim")
        and not _holds(actor, "claims.review_claim")
    ):
        # An editor's "send to review" on a decided claim: say why, not a generic refusal.
        raise PermissionDenied(
            f"This claim is decided ({locked.get_status_display().lower()}): it is not waiting "
            "to be sent to review. A reviewer must reopen it first, with a rationale."
        )
    else:
        require_perm(actor, "claims.review_claim", "decide or reopen claims")
        if not rationale.strip():
            raise field_error(
                "rationale", "Give a rationale for this decision.", "rationale_required"
            )
    if kind == DECIDE:
        if locked.created_by_id == actor.pk:
            raise refusal(
                "You created this claim: another reviewer must decide it (four eyes).", "four_eyes"
            )
        if to == ClaimStatus.VERIFIED:
            _require_evidence(locked, EvidenceStance.SUPPORTS, to)
        elif to == ClaimStatus.REFUTED:
            _require_evidence(locked, EvidenceStance.REFUTES, to)
    with actor_context(actor):
        Claim.objects.filter(pk=locked.pk, version=locked.version).update(
            status=to, version=F("version") + 1, updated_at=timezone.now()
        )
        review = Review.objects.create(
            claim=locked,
            reviewer=actor,
            from_status=locked.status,
            to_status=to,
            rationale=rationale.strip(),
        )
    claim.refresh_from_db(fields=["status", "version", "updated_at"])
    return review


# ---------------------------------------------------------------------------- quantities


# What an editor writes of a quantity and of evidence, in the order forms show them.
QUANTITY_FIELDS = (
    "value",
    "scale",
    "unit",
    "bound",
    "period",
    "period_start",
    "period_end",
    "role",
)
EVIDENCE_FIELDS = ("source", "stance", "quote", "locator", "note")


def _correct_part(*, actor, part, noun: str, changes: dict, allowed) -> object:
    """Correct a record hanging off a claim, unless the claim's content is locked; the claim's
    version moves on."""
    _lock_editable(part.claim_id)
    _bump_version(actor=actor, claim_id=part.claim_id)
    return save_changes(
        actor=actor, instance=part, noun=noun, changes=changes, allowed=frozenset(allowed)
    )


def _remove_part(*, actor, part, noun: str) -> None:
    """Remove a record hanging off a claim, unless the claim's content is locked; the claim's
    version moves on."""
    _lock_editable(part.claim_id)
    _bump_version(actor=actor, claim_id=part.claim_id)
    delete_checked(actor=actor, instance=part, noun=noun)


@transaction.atomic
def quantity_create(*, actor, claim: Claim, **fields) -> Quantity:
    """Add one structured value (QUANTITY_FIELDS) to a claim whose content is not locked; the
    claim's version moves on."""
    refuse_unknown_fields(fields, frozenset(QUANTITY_FIELDS))
    _lock_editable(claim.pk)
    _bump_version(actor=actor, claim_id=claim.pk)
    quantity = Quantity(claim=claim, **fields)
    return save_checked(actor=actor, instance=quantity, noun="quantities")


@transaction.atomic
def quantity_update(*, actor, quantity: Quantity, **changes) -> Quantity:
    """Correct the given fields of one structured value, unless its claim is locked."""
    return _correct_part(
        actor=actor, part=quantity, noun="quantities", changes=changes, allowed=QUANTITY_FIELDS
    )


@transaction.atomic
def quantity_delete(*, actor, quantity: Quantity) -> None:
    _remove_part(actor=actor, part=quantity, noun="quantities")


# ---------------------------------------------------------------------------- evidence


@transaction.atomic
def evidence_attach(
    *,
    actor,
    claim: Claim,
    source: Source,
    stance: str,
    quote: str = "",
    locator: str = "",
    note: str = "",
) -> Evidence:
    """Attach evidence; its quote must be words the evidence source really contains. The
    claim's version moves on."""
    evidence = Evidence(
        claim=claim,
        source=source,
        stance=stance,
        quote=quote,
        locator=locator,
        note=note,
        added_by=actor,
    )
    _bump_version(actor=actor, claim_id=claim.pk)
    return save_checked(actor=actor, instance=evidence, noun="evidence")


@transaction.atomic
def evidence_update(*, actor, evidence: Evidence, **changes) -> Evidence:
    """Correct the given fields of an evidence record.

    Evidence may be added to any claim (`evidence_attach`); the evidence a verdict rests on
    cannot be corrected while the claim is decided (reopen it first).
    """
    return _correct_part(
        actor=actor, part=evidence, noun="evidence", changes=changes, allowed=EVIDENCE_FIELDS
    )


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    """Remove evidence, unless the claim is decided: a verdict keeps what it rests on."""
    _remove_part(actor=actor, part=evidence, noun="evidence")


# ---------------------------------------------------------------------------- annotations


@transaction.atomic
def annotation_create(
    *, actor, claim: Claim, kind: str, body: str, flag_reason: str = ""
) -> Annotation:
    """Add a note, a question, or a flag (a flag needs a reason); the claim's version moves on."""
    require_perm(actor, "claims.add_annotation", "annotate claims")
    # These three repeat constraints (annotation_flag_has_reason, annotation_one_open_unsourced_
    # flag) because Django files constraint errors under __all__; the API answers them under
    # `flag_reason`, where a client looks for them.
    if kind == AnnotationKind.FLAG and not flag_reason:
        raise ValidationError({"flag_reason": "A flag needs a reason."})
    if kind != AnnotationKind.FLAG and flag_reason:
        raise ValidationError({"flag_reason": "Only flags have a reason."})
    if (
        flag_reason == FlagReason.UNSOURCED
        and Annotation.objects.open_flags(FlagReason.UNSOURCED).filter(claim=claim).exists()
    ):
        raise field_error(
            "flag_reason", "This claim already has an open unsourced flag.", "duplicate"
        )
    annotation = Annotation(
        claim=claim, author=actor, kind=kind, body=body, flag_reason=flag_reason
    )
    annotation.full_clean()
    _bump_version(actor=actor, claim_id=claim.pk)
    with actor_context(actor):
        annotation.save()
    return annotation


UNSOURCED_FLAG_CONSTRAINT = "annotation_one_open_unsourced_flag"


def claim_flag_unsourced_concerns(claim: Claim) -> list[str]:
    """Why flagging this claim as unsourced may be wrong: it names who makes the assertion, or
    a reviewer has decided it. Empty when nothing speaks against the flag."""
    concerns = []
    if claim.attributed_to_id is not None:
        concerns.append(f"it is attributed to {claim.attributed_to}")
    if not claim_is_editable(claim.status):
        concerns.append(f"it is {claim.get_status_display().lower()}")
    return concerns


@transaction.atomic
def claim_flag_unsourced(
    *, actor, claim: Claim, note: str = "", confirmed: bool = False
) -> Annotation:
    """Open an unsourced flag on the claim with the editor's own reason (`note`, required: no
    sentence is written for them). A claim that already has an open unsourced flag is refused
    (`duplicate`, also when a concurrent flag wins the race to the database); so is an attributed
    or decided claim (`needs_confirmation`) unless the editor `confirmed` the flag for it."""
    require_perm(actor, "claims.add_annotation", "flag claims")
    existing = Annotation.objects.open_flags(FlagReason.UNSOURCED).filter(claim=claim).first()
    if existing is not None:
        raise field_error(
            "flag_reason",
            f"This claim already has an open unsourced flag (flag {existing.pk}).",
            "duplicate",
        )
    if not note.strip():
        raise field_error("note", "Say why this claim needs a source.", "required")
    concerns = claim_flag_unsourced_concerns(claim)
    if concerns and not confirmed:
        raise refusal(
            f"Not flagged: {' and '.join(concerns)}. Confirm to flag it all the same.",
            "needs_confirmation",
        )
    try:
        with transaction.atomic():
            return annotation_create(
                actor=actor,
                claim=claim,
                kind=AnnotationKind.FLAG,
                flag_reason=FlagReason.UNSOURCED,
                body=note.strip(),
            )
    except IntegrityError as error:
        diag = getattr(error.__cause__, "diag", None)
        if getattr(diag, "constraint_name", None) != UNSOURCED_FLAG_CONSTRAINT:
            raise
        raise field_error(
            "flag_reason",
            "Another editor flagged this claim as unsourced a moment ago.",
            "duplicate",
        ) from None


@transaction.atomic
def annotation_resolve(*, actor, annotation: Annotation, note: str) -> Annotation:
    """Resolve an open flag or question with a note. The resolution is recorded, never deleted;
    the claim's version moves on."""
    require_perm(actor, "claims.change_annotation", "resolve flags")
    resolution = {"resolved_by": actor, "resolved_at": timezone.now(), "resolution_note": ""}
    resolved = copy.copy(annotation)
    for field, value in resolution.items():
        setattr(resolved, field, value)
    resolved.full_clean()  # annotation_notes_not_resolvable: a note is nothing to resolve
    if not note.strip():
        raise ValidationError({"note": "Say how this was resolved."})
    resolution["resolution_note"] = note.strip()
    _bump_version(actor=actor, claim_id=annotation.claim_id)
    with actor_context(actor):
        resolved = Annotation.objects.filter(pk=annotation.pk, resolved_at__isnull=True).update(
            **resolution
        )
    if not resolved:
        raise refusal("This annotation is already resolved.", "already_resolved")
    annotation.refresh_from_db()
    return annotation


# ---------------------------------------------------------------------------- relations


@transaction.atomic
def claim_relate(
    *, actor, from_claim: Claim, to_claim: Claim, kind: str, note: str = ""
) -> ClaimRelation:
    """Record that one claim derives from, duplicates, contradicts or updates another. The
    relation is part of `from_claim` (its `relations`), whose version moves on."""
    relation = ClaimRelation(
        from_claim=from_claim, to_claim=to_claim, kind=kind, note=note, created_by=actor
    )
    _bump_version(actor=actor, claim_id=from_claim.pk)
    return save_checked(actor=actor, instance=relation, noun="claim relations")


@transaction.atomic
def claim_relation_delete(*, actor, relation: ClaimRelation) -> None:
    """Remove a relation; the version of the claim it belongs to (`from_claim`) moves on."""
    _bump_version(actor=actor, claim_id=relation.from_claim_id)
    delete_checked(actor=actor, instance=relation, noun="claim relations")
