"""The claim list: search, facets with counts, sort, pages, htmx fragments, and the CSV export
of the current view (the columns and writer the API's CSV uses too). Filters and visibility
come from ClaimFilterSet and claims_visible_to."""

from datetime import UTC, datetime

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from claims.exports import ClaimCSV
from claims.facets import claim_facets
from claims.filters import ClaimFilterSet
from claims.highlight import mark_terms, search_excerpt, search_matches
from claims.models import Claim
from claims.search import substring_terms
from claims.selectors import (
    can_see_internal,
    claim_list_queryset,
    claims_visible_to,
)
from config.api.params import filterset_params
from config.csv_stream import streaming_csv

from .pager import page_of, pager_urls, url_with

# Sort orders of the claim list: name → (label, ordering). "relevance" needs a search.
SORTS = {
    "relevance": ("Best match", ("-rank", "id")),
    # PostgreSQL sorts NULLs first in descending order: undated sources go last instead.
    "newest": (
        "Newest source first",
        (F("source__published_at").desc(nulls_last=True), "source_id", "start", "id"),
    ),
    "updated": ("Recently updated", ("-updated_at", "-id")),
    "as_of": ("As of, latest first", ("-as_of", "-id")),
    "as_of_asc": ("As of, earliest first", ("as_of", "id")),
    "checkworthiness": (
        "Most check-worthy",
        (F("checkworthiness").desc(nulls_last=True), "-id"),
    ),
}


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


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


# The page's own parameters, beside ClaimFilterSet's.
PAGE_PARAMS = frozenset({"q", "sort", "page"})


def _notices(request: HttpRequest, filterset: ClaimFilterSet) -> list[str]:
    """What the page did not do of what the address asked, said rather than done silently:
    parameters it does not know, and filters this reader may not use."""
    notices = []
    known = PAGE_PARAMS | filterset_params(ClaimFilterSet)
    unknown = [name for name in request.GET if name not in known]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        notices.append(f"Ignored unknown filter{plural}: {', '.join(unknown)}.")
    if request.GET.get("open_flag") and "open_flag" not in filterset.filters:
        notices.append(
            "The open-flag filter needs sign-in with an analyst's role or above: it was "
            "left out, and these are all the published claims."
        )
    return notices


def _searched(filterset: ClaimFilterSet) -> str:
    """The query the search used: the FilterSet's cleaned `q`, "" when it could not be read
    (a NUL in it, say) and so was left out."""
    if filterset.is_valid() or "q" not in filterset.form.errors:
        return (filterset.form.cleaned_data.get("q") or "").strip()
    return ""


def _active_filters(request: HttpRequest, facets, query: str) -> list[tuple[str, str]]:
    """(label, url that removes it) for each filter in force: the chips above the results."""
    path = request.path
    chips = []
    if query:
        chips.append((f"Search: {query}", url_with(path, request.GET, q=None, sort=None)))
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
                    url_with(path, request.GET, **{f"{name}_after": None, f"{name}_before": None}),
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
                option.url = url_with(request.path, request.GET, **{facet.param: values})
            else:
                option.url = url_with(
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
    # The heading, chips and title say the query the search used, not the raw parameter.
    query = _searched(filterset)
    search = query if filterset.is_valid() else ""
    page = page_of(request, claim_list_queryset(claims, request.user, search=search))
    rows = list(page.object_list)
    # Words of another script that ts_headline cannot see inside a longer word (日本 in 日本の).
    terms = substring_terms(search)
    for claim in rows:
        if hasattr(claim, "statement_match"):
            claim.statement_html = search_matches(
                mark_terms(claim.statement_match, claim.statement, terms)
            )
            claim.quote_html = search_excerpt(
                mark_terms(claim.quote_match, claim.quote, terms), claim.quote
            )
    facets = claim_facets(filterset)
    _facet_urls(request, facets)
    chips = _active_filters(request, facets, query)
    context = {
        "filterset": filterset,
        "page": page,
        "rows": rows,
        "facets": facets,
        "chips": chips,
        # Filters in force besides the search: what the empty-results message tells to remove.
        "filtering": len(chips) > (1 if query else 0),
        "search_all_url": url_with(request.path, QueryDict(), q=query) if query else "",
        "notices": _notices(request, filterset),
        "query": query,
        "sort": sort,
        "sorts": [
            (name, label) for name, (label, _) in SORTS.items() if name != "relevance" or query
        ],
        "sort_error": sort_error,
        "internal": internal,
        "export_url": url_with(reverse("claims:claim_export"), request.GET),
        "page_urls": pager_urls(request, page),
        "clear_url": request.path,
    }
    template = "partials/claim_browser.html" if is_partial(request) else "claims/claim_list.html"
    return render(request, template, context)


@require_GET
def claim_export(request: HttpRequest) -> StreamingHttpResponse:
    """The claim list's current view (filters, search and sort; every page) as CSV, in the
    columns the API's CSV has too (`claims.exports.ClaimCSV`)."""
    _, claims, _, _ = _filtered_claims(request)
    export = ClaimCSV(
        internal=can_see_internal(request.user), site_url=request.build_absolute_uri("/")
    )
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return streaming_csv(
        header=export.header,
        rows=export.queryset(claims).iterator(chunk_size=2000),
        row=export.row,
        filename=f"claims-{stamp}.csv",
    )
