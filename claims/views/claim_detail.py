"""One claim, and one entity with the claims naming it."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from claims.choices import PUBLISHED_STATUSES, AnnotationKind, ClaimStatus, EvidenceStance
from claims.exports import claim_review, latest_review
from claims.filters import ClaimFilterSet
from claims.highlight import passage_around
from claims.models import Claim, Entity
from claims.selectors import (
    can_see_internal,
    claim_detail_queryset,
    claim_history,
    claim_table_queryset,
    claims_visible_to,
)

from .pager import page_of, pager_urls


def admin_change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


# Inside <script> the HTML parser ends at "</script" and reads "<!--" whatever JSON means:
# written as JSON escapes, these characters keep every string (a quote, a rationale) inside.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data: dict | None) -> SafeString:
    """`data` as a `<script type="application/ld+json">` element; empty for None."""
    if data is None:
        return SafeString("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


# The stance that bears a verdict out comes first among the evidence shown beside it.
_VERDICT_STANCE = {
    ClaimStatus.VERIFIED: EvidenceStance.SUPPORTS,
    ClaimStatus.REFUTED: EvidenceStance.REFUTES,
    ClaimStatus.MISLEADING: EvidenceStance.REFUTES,
}


def key_evidence(claim: Claim) -> list:
    """The supporting and refuting evidence (context does not decide), the verdict's own
    stance first; from the prefetched evidence."""
    counted = [
        e
        for e in claim.evidence.all()
        if e.stance in (EvidenceStance.SUPPORTS, EvidenceStance.REFUTES)
    ]
    first = _VERDICT_STANCE.get(claim.status)
    return sorted(counted, key=lambda e: e.stance != first)


@require_GET
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: statement, passage, values, entities, evidence, flags, reviews, history."""
    claim = get_object_or_404(claim_detail_queryset(request.user), pk=pk)
    internal = can_see_internal(request.user)
    entities = []
    seen = set()
    for role, entity in (
        ("Subject", claim.subject),
        ("Object", claim.object),
        ("Attributed to", claim.attributed_to),
        *(("Mentioned", entity) for entity in claim.mentions.all()),
    ):
        if entity is not None and (role, entity.pk) not in seen:
            seen.add((role, entity.pk))
            entities.append((role, entity))
    annotations = list(claim.annotations.all()) if internal else []
    context = {
        "claim": claim,
        "published": claim.status in PUBLISHED_STATUSES,
        "decision": latest_review(claim),
        "key_evidence": key_evidence(claim),
        "internal": internal,
        "passage": passage_around(claim.source.body, claim.start, claim.end),
        "entities": entities,
        "relations": claim.visible_relations,
        "flags": [a for a in annotations if a.kind == AnnotationKind.FLAG],
        "notes": [a for a in annotations if a.kind != AnnotationKind.FLAG],
        "history": claim_history(claim) if internal else [],
        "can_edit": request.user.has_perm("claims.change_claim"),
        "admin_url": admin_change_url(claim),
        # Published claims carry their ClaimReview in the page, where crawlers look for it.
        "claimreview_script": json_ld_script(
            claim_review(claim, review_url=request.build_absolute_uri())
        ),
    }
    return render(request, "claims/claim_detail.html", context)


@require_GET
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An entity, its Wikidata link and the claims that name it, through ClaimFilterSet."""
    entity = get_object_or_404(Entity, pk=pk)
    filterset = ClaimFilterSet(
        QueryDict(f"entity={entity.pk}"),
        queryset=claims_visible_to(request.user),
        request=request,
    )
    claims = claim_table_queryset(filterset.qs).order_by("-as_of", "-id")
    page = page_of(request, claims)
    rows = list(page.object_list)
    for claim in rows:
        claim.entity_role = (
            "subject"
            if claim.subject_id == entity.pk
            else "object"
            if claim.object_id == entity.pk
            else "attributed to"
            if claim.attributed_to_id == entity.pk
            else "mentioned"
        )
    context = {
        "entity": entity,
        # The visibility rule's answer, not `user.is_authenticated`: an account without a role
        # reads what anonymous readers read.
        "internal": can_see_internal(request.user),
        "page": page,
        "page_urls": pager_urls(request, page),
        "rows": rows,
        "list_url": f"{reverse('claims:claim_list')}?entity={entity.pk}",
    }
    return render(request, "claims/entity_detail.html", context)
