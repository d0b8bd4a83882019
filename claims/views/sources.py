"""The source list and the reading view: the whole text with each visible claim highlighted,
and for analysts and up the intake's open candidates, in a style of their own."""

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from claims.choices import CANDIDATE_STATUSES, ClaimStatus
from claims.highlight import ClaimSpan, mark_claims, status_counts
from claims.selectors import (
    can_see_internal,
    candidates_visible_to,
    claim_cards_queryset,
    claims_on_source,
    claims_visible_to,
    evidence_citing,
    source_detail_queryset,
    sources_with_claim_counts,
)
from sources.models import Source

from .pager import page_of, pager_urls, url_with

SOURCE_VIEWS = {
    "texts": ("Full texts", ~Q(body="")),
    "references": ("Reference records", Q(body="")),
    "all": ("All sources", Q()),
}


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    """Sources (public records) with how many of their claims the reader may see."""
    show = request.GET.get("show", "texts")
    if show not in SOURCE_VIEWS:
        show = "texts"
    sources = sources_with_claim_counts(request.user).filter(SOURCE_VIEWS[show][1])
    tallies = Source.objects.aggregate(
        texts=Count("pk", filter=SOURCE_VIEWS["texts"][1]),
        references=Count("pk", filter=SOURCE_VIEWS["references"][1]),
        all=Count("pk"),
    )
    page = page_of(request, sources)
    context = {
        "page": page,
        "show": show,
        "tabs": [
            (name, label, tallies[name], url_with(request.path, request.GET, show=name))
            for name, (label, _) in SOURCE_VIEWS.items()
        ],
        "page_urls": pager_urls(request, page),
    }
    return render(request, "sources/source_list.html", context)


def open_candidates(user):
    """The intake's open candidates `user` may see: none for anyone but analysts and up."""
    return candidates_visible_to(user).filter(status=ClaimStatus.PROPOSED)


def is_candidate(claim) -> bool:
    return claim.status in CANDIDATE_STATUSES


@require_GET
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The reading view: the whole text with every claim the reader may see highlighted and,
    for analysts and up, the open candidates (marked as candidates, never as claims)."""
    source = get_object_or_404(source_detail_queryset(), pk=pk)
    # One query for both: for everyone else `open_candidates` is empty and adds nothing.
    marked = list(
        claims_on_source(source, request.user) | open_candidates(request.user).filter(source=source)
    )
    claims = [c for c in marked if not is_candidate(c)]
    candidates = [c for c in marked if is_candidate(c)]
    spans = [ClaimSpan(c.pk, c.start, c.end, c.status) for c in marked]
    counts = status_counts(spans)
    legend = [
        (value, label, counts[value])
        for value, label in ClaimStatus.choices
        if value in counts and value not in CANDIDATE_STATUSES
    ]
    context = {
        "source": source,
        # The visibility rule's answer (never `user.is_authenticated`) words what is missing.
        "internal": can_see_internal(request.user),
        "claims": claims,
        "candidates": candidates,
        "marked_body": mark_claims(source.body, spans),
        "legend": legend,
        "cited_by": list(evidence_citing(source, request.user)),
        "revisions": list(source.revisions.all()),
    }
    return render(request, "sources/source_detail.html", context)


@require_GET
def source_claim_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """The claims behind a selected highlight (innermost first), as cards for the reading view."""
    ids = []
    for raw in request.GET.getlist("claim")[:12]:
        if raw.isdigit():
            ids.append(int(raw))
    if not ids:
        raise Http404("Name at least one claim.")
    visible = (claims_visible_to(request.user) | open_candidates(request.user)).filter(
        source_id=pk, pk__in=ids
    )
    found = {claim.pk: claim for claim in claim_cards_queryset(visible, request.user)}
    cards = [found[i] for i in dict.fromkeys(ids) if i in found]
    if not cards:
        raise Http404("No such claim in this source.")
    context = {"cards": cards, "internal": can_see_internal(request.user)}
    return render(request, "partials/claim_cards.html", context)
