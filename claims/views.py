"""The analyst pages. Every page reads through the core's selectors and ClaimFilterSet: what a
reader may see and how claims are filtered is decided there, never here."""

import csv
from datetime import UTC, datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from sources.models import Source

from .charts import quantity_series
from .choices import AnnotationKind, ClaimKind, ClaimStatus
from .facets import claim_facets
from .filters import ClaimFilterSet
from .highlight import (
    MATCH_START,
    MATCH_STOP,
    ClaimSpan,
    mark_claims,
    passage_around,
    search_matches,
    status_counts,
)
from .models import Claim, Entity, Evidence, Review
from .selectors import (
    can_see_internal,
    claim_detail_queryset,
    claim_history,
    claims_visible_to,
    open_flags,
    unsourced_queue,
)

PAGE_SIZE = 25

# Sort orders of the claim list: name → (label, ordering). "relevance" needs a search.
SORTS = {
    "relevance": ("Best match", ("-rank", "id")),
    "newest": ("Newest source first", ("-source__published_at", "source_id", "start", "id")),
    "updated": ("Recently updated", ("-updated_at", "-id")),
    "as_of": ("As of, latest first", ("-as_of", "-id")),
    "as_of_asc": ("As of, earliest first", ("as_of", "id")),
    "checkworthiness": (
        "Most check-worthy",
        (F("checkworthiness").desc(nulls_last=True), "-id"),
    ),
}


def _is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _url_with(path: str, data: QueryDict, **changes) -> str:
    query = data.copy()
    if "page" not in changes:  # a changed filter starts again at the first page
        query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        elif isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def _open_flag_exists():
    return Exists(open_flags().filter(claim=OuterRef("pk")))


# ---------------------------------------------------------------------------- dashboard


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts by status and kind, the unsourced queue, recent reviews and sources, the chart."""
    claims = claims_visible_to(request.user)
    internal = can_see_internal(request.user)
    by_status = dict(claims.order_by().values_list("status").annotate(n=Count("pk")))
    by_kind = dict(claims.order_by().values_list("kind").annotate(n=Count("pk")))
    total = sum(by_status.values())
    status_rows = [
        (value, label, by_status[value])
        for value, label in ClaimStatus.choices
        if value in by_status
    ]
    kind_rows = [
        (value, label, by_kind[value]) for value, label in ClaimKind.choices if value in by_kind
    ]
    top = max([n for *_, n in status_rows + kind_rows], default=1)
    context = {
        "total": total,
        "status_rows": status_rows,
        "kind_rows": kind_rows,
        "bar_top": top,
        "internal": internal,
        "recent_reviews": Review.objects.filter(claim__in=claims.values("pk"))
        .select_related("claim", "reviewer")
        .order_by("-created_at", "-id")[:8],
        "recent_sources": Source.objects.select_related("publisher")
        .defer("body")
        .annotate(has_text=~Q(body=""))
        .order_by("-created_at", "-id")[:6],
        "series": quantity_series(claims),
    }
    if internal:
        queue = unsourced_queue()
        context["unsourced"] = list(queue[:8])
        context["unsourced_total"] = queue.count()
    return render(request, "claims/dashboard.html", context)


# ---------------------------------------------------------------------------- claim list


def _filtered_claims(request: HttpRequest) -> tuple[ClaimFilterSet, QuerySet[Claim], str, str]:
    """The reader's visible claims through ClaimFilterSet, in the requested order."""
    filterset = ClaimFilterSet(
        request.GET, queryset=claims_visible_to(request.user), request=request
    )
    searching = bool(request.GET.get("q", "").strip()) and filterset.is_valid()
    default = "relevance" if searching else "newest"
    sort = request.GET.get("sort") or default
    sort_error = ""
    if sort not in SORTS or (sort == "relevance" and not searching):
        if sort != "relevance":
            sort_error = f"Unknown sort {sort!r}: showing {SORTS[default][0].lower()}."
        sort = default
    claims = filterset.qs.order_by(*SORTS[sort][1])
    return filterset, claims, sort, sort_error


def _active_filters(request: HttpRequest, facets) -> list[tuple[str, str]]:
    """(label, url that removes it) for each filter in force: the chips above the results."""
    path = request.path
    chips = []
    query = request.GET.get("q", "").strip()
    if query:
        chips.append((f"Search: {query}", _url_with(path, request.GET, q=None, sort=None)))
    for facet in facets:
        for option in facet.options:
            if option.selected:
                chips.append((f"{facet.label}: {option.label}", option.url))
    for name in ("as_of", "published", "created", "updated"):
        after = request.GET.get(f"{name}_after")
        before = request.GET.get(f"{name}_before")
        if after or before:
            label = f"{name.replace('_', ' ').capitalize()}: from {after or '…'} to {before or '…'}"
            chips.append(
                (
                    label,
                    _url_with(path, request.GET, **{f"{name}_after": None, f"{name}_before": None}),
                )
            )
    return chips


def _facet_urls(request: HttpRequest, facets) -> None:
    for facet in facets:
        chosen = request.GET.getlist(facet.param)
        for option in facet.options:
            if facet.multiple:
                values = (
                    [v for v in chosen if v != option.value]
                    if option.selected
                    else [
                        *chosen,
                        option.value,
                    ]
                )
                option.url = _url_with(request.path, request.GET, **{facet.param: values})
            else:
                option.url = _url_with(
                    request.path,
                    request.GET,
                    **{facet.param: None if option.selected else option.value},
                )


@require_GET
@vary_on_headers("HX-Request")
def claim_list(request: HttpRequest) -> HttpResponse:
    """Search, facets with counts, sort and pages; the URL holds the whole state."""
    filterset, claims, sort, sort_error = _filtered_claims(request)
    internal = can_see_internal(request.user)
    claims = claims.select_related("source__publisher", "subject").defer("source__body")
    claims = claims.prefetch_related("quantities")
    if internal:
        claims = claims.annotate(has_open_flag=_open_flag_exists())
    query = request.GET.get("q", "").strip()
    if query and filterset.is_valid():
        match = SearchQuery(query, search_type="websearch", config="english")
        claims = claims.annotate(
            statement_match=SearchHeadline(
                "statement",
                match,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_STOP,
                highlight_all=True,
            ),
            quote_match=SearchHeadline(
                "quote",
                match,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for claim in rows:
        if hasattr(claim, "statement_match"):
            claim.statement_html = search_matches(claim.statement_match)
            claim.quote_html = search_matches(claim.quote_match)
    facets = claim_facets(filterset)
    _facet_urls(request, facets)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    context = {
        "filterset": filterset,
        "page": page,
        "rows": rows,
        "facets": facets,
        "chips": _active_filters(request, facets),
        "query": query,
        "sort": sort,
        "sorts": [
            (name, label) for name, (label, _) in SORTS.items() if name != "relevance" or query
        ],
        "sort_error": sort_error,
        "internal": internal,
        "export_url": f"{reverse('claims:claim_export')}?{export_query.urlencode()}",
        "page_urls": {
            "previous": _url_with(request.path, request.GET, page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next": _url_with(request.path, request.GET, page=page.next_page_number())
            if page.has_next()
            else "",
        },
        "clear_url": request.path,
    }
    template = "partials/claim_browser.html" if _is_partial(request) else "claims/claim_list.html"
    return render(request, template, context)


# ---------------------------------------------------------------------------- CSV export

CSV_COLUMNS = (
    "id",
    "status",
    "kind",
    "statement",
    "quote",
    "subject",
    "predicate",
    "object",
    "attributed_to",
    "as_of",
    "source_id",
    "source_title",
    "publisher",
    "source_published_at",
    "page_url",
)


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """A spreadsheet formula is neutralised: text starting with = + - @ gets a leading quote."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


@require_GET
def claim_export(request: HttpRequest) -> StreamingHttpResponse:
    """The claim list's current view (filters, search and sort; every page) as CSV."""
    _, claims, _, _ = _filtered_claims(request)
    claims = claims.select_related("source__publisher", "subject", "object", "attributed_to").defer(
        "source__body"
    )
    base = request.build_absolute_uri("/")[:-1]

    def rows():
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        for claim in claims.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    claim.pk,
                    claim.status,
                    claim.kind,
                    _cell(claim.statement),
                    _cell(claim.quote),
                    _cell(claim.subject.name),
                    _cell(claim.predicate),
                    _cell(claim.object.name if claim.object else ""),
                    _cell(claim.attributed_to.name if claim.attributed_to else ""),
                    claim.as_of.isoformat(),
                    claim.source_id,
                    _cell(claim.source.title),
                    _cell(claim.source.publisher.name),
                    claim.source.published_at.isoformat() if claim.source.published_at else "",
                    base + reverse("claims:claim_detail", args=[claim.pk]),
                ]
            )

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
    return response


# ---------------------------------------------------------------------------- claim detail


def admin_change_url(claim: Claim) -> str:
    try:
        return reverse("admin:claims_claim_change", args=[claim.pk])
    except NoReverseMatch:  # the admin registers the Claim admin; its URL scheme is Django's own
        return f"{reverse('admin:index')}claims/claim/{claim.pk}/change/"


@require_GET
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: statement, passage, values, entities, evidence, flags, reviews, history."""
    claim = get_object_or_404(claim_detail_queryset(request.user), pk=pk)
    internal = can_see_internal(request.user)
    relations = list(claim.relations_out.all())
    visible_related = set(
        claims_visible_to(request.user)
        .filter(pk__in=[relation.to_claim_id for relation in relations])
        .values_list("pk", flat=True)
    )
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
        "internal": internal,
        "passage": passage_around(claim.source.body, claim.start, claim.end),
        "entities": entities,
        "relations": [r for r in relations if r.to_claim_id in visible_related],
        "flags": [a for a in annotations if a.kind == AnnotationKind.FLAG],
        "notes": [a for a in annotations if a.kind != AnnotationKind.FLAG],
        "history": claim_history(claim) if internal else [],
        "can_edit": request.user.has_perm("claims.change_claim"),
        "admin_url": admin_change_url(claim),
    }
    return render(request, "claims/claim_detail.html", context)


# ---------------------------------------------------------------------------- entities


@require_GET
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An entity, its Wikidata link and the claims that name it, through ClaimFilterSet."""
    entity = get_object_or_404(Entity, pk=pk)
    filterset = ClaimFilterSet(
        QueryDict(f"entity={entity.pk}"),
        queryset=claims_visible_to(request.user),
        request=request,
    )
    claims = (
        filterset.qs.select_related("source__publisher", "subject", "object", "attributed_to")
        .defer("source__body")
        .order_by("-as_of", "-id")
    )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
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
        "page": page,
        "rows": rows,
        "list_url": f"{reverse('claims:claim_list')}?entity={entity.pk}",
    }
    return render(request, "claims/entity_detail.html", context)


# ---------------------------------------------------------------------------- sources

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
    visible_claims = (
        claims_visible_to(request.user)
        .filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sources = (
        Source.objects.filter(SOURCE_VIEWS[show][1])
        .select_related("publisher")
        .defer("body")
        .annotate(claim_count=Subquery(visible_claims))
        .order_by(F("published_at").desc(nulls_last=True), "id")
    )
    tallies = Source.objects.aggregate(
        texts=Count("pk", filter=SOURCE_VIEWS["texts"][1]),
        references=Count("pk", filter=SOURCE_VIEWS["references"][1]),
        all=Count("pk"),
    )
    page = Paginator(sources, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "show": show,
        "tabs": [
            (name, label, tallies[name], f"{request.path}?show={name}")
            for name, (label, _) in SOURCE_VIEWS.items()
        ],
        "page_urls": {
            "previous": f"?show={show}&page={page.previous_page_number()}"
            if page.has_previous()
            else "",
            "next": f"?show={show}&page={page.next_page_number()}" if page.has_next() else "",
        },
    }
    return render(request, "sources/source_list.html", context)


@require_GET
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The reading view: the whole text with every claim the reader may see highlighted."""
    source = get_object_or_404(
        Source.objects.select_related("publisher", "revises").prefetch_related("revisions"), pk=pk
    )
    claims = list(
        claims_visible_to(request.user)
        .filter(source=source)
        .only("pk", "start", "end", "status", "statement", "kind")
        .order_by("start", "end", "pk")
    )
    spans = [ClaimSpan(c.pk, c.start, c.end, c.status) for c in claims]
    counts = status_counts(spans)
    legend = [
        (value, label, counts[value]) for value, label in ClaimStatus.choices if value in counts
    ]
    cited_by = (
        Evidence.objects.filter(
            source=source, claim__in=claims_visible_to(request.user).values("pk")
        )
        .select_related("claim")
        .order_by("claim_id", "id")
    )
    context = {
        "source": source,
        "claims": claims,
        "marked_body": mark_claims(source.body, spans),
        "legend": legend,
        "cited_by": list(cited_by),
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
    internal = can_see_internal(request.user)
    claims = (
        claims_visible_to(request.user)
        .filter(source_id=pk, pk__in=ids)
        .select_related("subject")
        .prefetch_related("quantities")
    )
    if internal:
        claims = claims.annotate(has_open_flag=_open_flag_exists())
    found = {claim.pk: claim for claim in claims}
    cards = [found[i] for i in dict.fromkeys(ids) if i in found]
    if not cards:
        raise Http404("No such claim in this source.")
    return render(request, "partials/claim_cards.html", {"cards": cards, "internal": internal})
