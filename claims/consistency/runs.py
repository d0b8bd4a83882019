"""The runs: every claim (`check_all`), or one source and its neighbourhood (`check_source`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q

from sources.models import Source

from ..choices import (
    ClaimStatus,
    RelationKind,
)
from ..models import Claim, ClaimRelation
from ..quantities import parse_quantities
from .comparisons import Scope, check_comparison
from .counts import check_count, protected_names
from .figures import UNDATED_WINDOW_DAYS
from .flags import Coverage, consistency_account, reconcile
from .measures import MeasureEntry, check_measure, measure_entry, measures
from .results import COMPARISON, Finding, Report
from .texts import SourceText


def _checked_claims():
    """Curated claims and open candidates; dismissed candidates are left as they are."""
    return (
        Claim.objects.exclude(status=ClaimStatus.DISMISSED)
        .select_related("subject", "source__publisher")
        .prefetch_related("quantities")
    )


def _derived(claim_ids) -> dict[int, set[int]]:
    pairs = ClaimRelation.objects.filter(kind=RelationKind.DERIVED_FROM).filter(
        Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids)
    )
    linked: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs.values_list("from_claim_id", "to_claim_id"):
        linked[a].add(b)
        linked[b].add(a)
    return linked


def _families() -> dict[int, int]:
    """Each revised or revising source's family: a text and its revisions are one source."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.get(pk, pk) != pk:
            pk = parent[pk]
        return pk

    revisions = Source.objects.filter(revises__isnull=False).order_by()
    for pk, revises in revisions.values_list("pk", "revises"):
        a, b = root(pk), root(revises)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {pk: root(pk) for pk in parent}


def _entries(claims) -> list[MeasureEntry]:
    families = _families()
    entries = []
    for claim in claims:
        rows = list(claim.quantities.all())
        parsed = parse_quantities(claim.quote) if rows else []
        family = families.get(claim.source_id, claim.source_id)
        for row in rows:
            entry = measure_entry(claim, row, family, parsed)
            # 'up from 3.9%' speaks for an earlier time that, without a period, is unknown.
            if not (entry.compared_with and not entry.period):
                entries.append(entry)
    return entries


def _figure_findings(scope: Scope, anchors: set[int]) -> list[Finding]:
    findings: dict[tuple, Finding] = {}
    protected = protected_names()
    for figures in scope.figures.values():
        for figure in figures:
            if not set(figure.claims) & anchors:
                continue
            if figure.is_comparison:
                finding = check_comparison(scope, figure)
                if finding is not None:
                    findings.setdefault((id(figure), COMPARISON), finding)
            elif figure.unit == "count" and figure.counted and figure.kind == "level":
                for pk in figure.claims:
                    finding = check_count(scope, scope.claims[pk], figure, protected)
                    if finding is not None:
                        findings.setdefault((id(figure), pk), finding)
    return list(findings.values())


def _conflict_findings(entries: list[MeasureEntry]) -> list[Finding]:
    return [finding for measure in measures(entries) for finding in check_measure(measure)]


def _scope(claims: dict[int, Claim], progress) -> Scope:
    sources = {c.source_id: c.source for c in claims.values()}
    texts = {pk: SourceText(source) for pk, source in sources.items()}
    scope = Scope(claims=claims, texts=texts, derived=_derived(claims))
    return scope.build(progress)


def check_all(*, actor=None, progress=None) -> Report:
    """Check every claim and candidate: comparisons, counts and conflicts; flag each failure
    once and resolve every open numeric flag whose check passes now. `actor` writes the flags
    (the `consistency` account unless given); `progress(iterable, total)` wraps the sources."""
    actor = actor or consistency_account()
    claims = {claim.pk: claim for claim in _checked_claims()}
    scope = _scope(claims, progress)
    findings = _figure_findings(scope, set(claims))
    findings += _conflict_findings(_entries(claims.values()))
    return reconcile(findings, Coverage(everything=True), actor=actor, claims=claims)


def check_source(source: Source, *, actor=None) -> Report:
    """Check one source's claims and candidates, the claims they derive from or that derive from
    them, and every measure they speak about across sources (run on ingest). Flags are raised
    and resolved as in `check_all`, but only for the checks this run evaluates in full."""
    actor = actor or consistency_account()
    own = set(_checked_claims().filter(source=source).values_list("pk", flat=True))
    near = own | {pk for pks in _derived(own).values() for pk in pks}
    farther = near | {pk for pks in _derived(near).values() for pk in pks}
    source_ids = set(Claim.objects.filter(pk__in=farther).values_list("source_id", flat=True))
    claims = {c.pk: c for c in _checked_claims().filter(source_id__in=source_ids)}
    anchors = near & set(claims)
    scope = _scope(claims, None)
    findings = _figure_findings(scope, anchors)
    entries, complete = _measure_neighbourhood([claims[pk] for pk in own])
    findings += _conflict_findings(entries)
    for entry in entries:
        claims.setdefault(entry.claim.pk, entry.claim)
    coverage = Coverage(anchors=anchors, conflicts=complete)
    return reconcile(findings, coverage, actor=actor, claims=claims)


def _measure_neighbourhood(own: list[Claim]) -> tuple[list[MeasureEntry], set[int]]:
    """The rows of every claim that may share a measure with one of `own` (a unit and a period
    of theirs, or an as_of date near theirs), and the claims whose every row was among them
    (their conflicts are then judged in full)."""
    keys = {entry.key for entry in _entries(own)}
    if not keys:
        return [], {c.pk for c in own}
    labels = {q.period for c in own for q in c.quantities.all() if q.period}
    window = timedelta(days=UNDATED_WINDOW_DAYS)
    dates = (min(c.as_of for c in own) - window, max(c.as_of for c in own) + window)
    near = (
        _checked_claims()
        .filter(quantities__unit__in={key[0] for key in keys})
        .filter(Q(quantities__period__in=labels) | Q(as_of__range=dates))
        .distinct()
    )
    found = _entries(near)
    entries = [entry for entry in found if entry.key in keys]
    outside = {entry.claim.pk for entry in found if entry.key not in keys}
    complete = {entry.claim.pk for entry in entries} - outside
    return entries, complete | {c.pk for c in own}
