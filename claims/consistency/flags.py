"""Findings turned into open `numeric_inconsistency` flags, and the flags of checks that pass
now resolved, by the `consistency` account."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from config.authz import require_perm

from .. import services
from ..choices import (
    AnnotationKind,
    FlagReason,
)
from ..models import Annotation, Claim
from ..roles import EDITOR, system_account
from .comparisons import _claims_words
from .results import CONFLICT, CONSISTENCY_ACCOUNT, COUNT, Finding, Report, _parse_key


def consistency_account():
    """The system account that raises and resolves numeric flags; it cannot log in."""
    return system_account(CONSISTENCY_ACCOUNT, EDITOR)


@transaction.atomic
def numeric_flag_raise(*, actor, claim: Claim, check_key: str, body: str) -> Annotation:
    """Raise the open numeric-inconsistency flag of one automatic check on a claim, validated
    (one open flag per claim and check_key, annotation_one_open_flag_per_check), as `actor`."""
    require_perm(actor, "claims.add_annotation", "flag claims")
    return services.flag_raise(
        actor=actor,
        claim=claim,
        reason=FlagReason.NUMERIC_INCONSISTENCY,
        body=body,
        check_key=check_key,
    )


@dataclass
class Coverage:
    """Which open flags a run may judge: those whose check it evaluated in full."""

    everything: bool = False
    anchors: set[int] = field(default_factory=set)  # comparisons and counts of these claims
    conflicts: set[int] = field(default_factory=set)  # every measure of these claims

    def covers(self, claim_id: int, check: str, ids: frozenset[int]) -> bool:
        if self.everything:
            return True
        if check == CONFLICT:
            return claim_id in self.conflicts
        if check == COUNT:
            return claim_id in self.anchors
        return bool(ids & self.anchors)


def _open_flags(claim_ids) -> dict[tuple[int, str], list[tuple[Annotation, frozenset[int]]]]:
    flags = defaultdict(list)
    rows = Annotation.objects.open_flags(FlagReason.NUMERIC_INCONSISTENCY).filter(
        claim_id__in=claim_ids
    )
    for flag in rows.exclude(check_key="").order_by("id"):
        parsed = _parse_key(flag.check_key)
        if parsed is not None:
            flags[(flag.claim_id, parsed[0])].append((flag, parsed[1]))
    return flags


def _settled_by_editors(claim_ids, actor) -> set[tuple[int, str]]:
    """(claim, check_key) of numeric flags someone other than `actor` resolved: an editor who
    judged a failure (the texts round differently, one figure is a typo) is not asked again."""
    resolved = Annotation.objects.filter(
        kind=AnnotationKind.FLAG,
        flag_reason=FlagReason.NUMERIC_INCONSISTENCY,
        claim_id__in=claim_ids,
        resolved_at__isnull=False,
    ).exclude(check_key="")
    return set(resolved.exclude(resolved_by=actor).values_list("claim_id", "check_key"))


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _same_failure(target: int, old: frozenset[int], new: frozenset[int]) -> bool:
    """A failure found again with a changed set of related claims (a third source joined, a
    level came from another claim) is still the one its open flag is about."""
    return old == new or bool((old - {target}) & (new - {target}))


def reconcile(findings: list[Finding], coverage: Coverage, *, actor, claims) -> Report:
    """Flag every failure not flagged yet, and resolve every covered open flag whose check
    passes now (or finds nothing to compare any more)."""
    report = Report(checked=len(findings), findings=findings)
    results: dict[tuple[int, str], dict[bool, list[Finding]]] = defaultdict(
        lambda: {True: [], False: []}
    )
    for finding in findings:
        for target in finding.targets:
            results[(target, finding.check)][finding.passed].append(finding)
    targets = set(claims) | {t for f in findings for t in f.targets}
    open_flags = _open_flags(targets)
    settled = _settled_by_editors(targets, actor)
    kept: set[int] = set()
    for (target, check), outcome in sorted(results.items()):
        by_key: dict[str, list[Finding]] = defaultdict(list)
        for finding in outcome[False]:
            by_key[finding.check_key].append(finding)
        for key, failures in by_key.items():
            ids = frozenset(failures[0].claims)
            existing = next(
                (f for f, old in open_flags[(target, check)] if _same_failure(target, old, ids)),
                None,
            )
            if existing is not None:
                kept.add(existing.pk)
                report.already_flagged += 1
                continue
            if (target, key) in settled:
                report.already_flagged += 1  # an editor resolved this very failure: not again
                continue
            body = " ".join(dict.fromkeys(f.explanation for f in failures))
            try:
                numeric_flag_raise(actor=actor, claim=claims[target], check_key=key, body=body)
            except ValidationError as error:
                if "duplicate" not in _codes(error):
                    raise
                report.already_flagged += 1  # a concurrent run raised it first
                continue
            report.flagged += 1
    for (claim_id, check), flags in open_flags.items():
        for flag, ids in flags:
            if flag.pk in kept or not coverage.covers(claim_id, check, ids):
                continue
            passes = results.get((claim_id, check), {True: []})[True]
            note = _resolution_note(passes, claim_id, ids)
            try:
                services.annotation_resolve(actor=actor, annotation=flag, note=note)
            except ValidationError as error:
                if "already_resolved" not in _codes(error):
                    raise
                continue  # a concurrent run (another intake worker) resolved it first
            report.resolved += 1
    return report


def _resolution_note(passes: list[Finding], claim_id: int, ids: frozenset[int]) -> str:
    related = [f for f in passes if _same_failure(claim_id, ids, frozenset(f.claims))]
    chosen = related or passes
    if chosen:
        return "The check passes now: " + " ".join(dict.fromkeys(f.explanation for f in chosen))
    return (
        f"The check passes now: the figures it compared ({_claims_words(ids)}) are no longer "
        "stated against each other, and nothing inconsistent is found."
    )
