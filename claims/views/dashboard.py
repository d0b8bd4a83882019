"""The dashboard: counts by status and kind, the unsourced queue, recent reviews and sources,
and the chart of quantities over periods."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.charts import quantity_series
from claims.choices import ClaimKind, ClaimStatus
from claims.selectors import (
    can_see_internal,
    claim_counts_by,
    claims_visible_to,
    reviews_visible_to,
    sources_recent,
    unsourced_queue,
)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts by status and kind, the unsourced queue, recent reviews and sources, the chart."""
    claims = claims_visible_to(request.user)
    internal = can_see_internal(request.user)
    by_status = dict(claim_counts_by(claims, "status"))
    by_kind = dict(claim_counts_by(claims, "kind"))
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
        "recent_reviews": reviews_visible_to(request.user)[:8],
        "recent_sources": sources_recent()[:6],
        "series": quantity_series(claims),
    }
    if internal:
        queue = unsourced_queue()
        context["unsourced"] = list(queue[:8])
        context["unsourced_total"] = queue.count()
    return render(request, "claims/dashboard.html", context)
