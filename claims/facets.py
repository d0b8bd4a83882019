"""Facet counts for the claim list: how many of the claims a reader may see fall in each status,
kind, publisher, entity, period and open flag, given the other filters in force.

Each facet counts the claims that ClaimFilterSet returns with every filter applied except the
facet's own, so a reader can widen a choice as well as narrow it. One aggregate query per facet
(two for flags) whatever the number of claims; no facet has filter logic of its own.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import Upper

from sources.models import Publisher

from .choices import CURATED_STATUS_CHOICES, ClaimKind, FlagReason
from .filters import ANY_FLAG, ClaimFilterSet
from .models import Annotation, Claim, ClaimMention, Entity, Quantity
from .selectors import can_see_internal, data_version

TOP = 12  # options shown for the open-ended facets (publisher, entity, period)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    param: str
    label: str
    multiple: bool
    options: list[FacetOption] = field(default_factory=list)


def _claims_without(filterset: ClaimFilterSet, param: str) -> QuerySet[Claim]:
    """The filterset's claims with every cleaned filter applied but `param`, unordered.

    The same loop as FilterSet.filter_queryset, over the same filter objects, so a facet counts
    exactly what choosing it would return; the data is validated once, not once per facet.
    """
    claims = filterset.queryset.all()
    for name, value in filterset.form.cleaned_data.items():
        if name != param:
            claims = filterset.filters[name].filter(claims, value)
    return claims.order_by()


def _grouped(claims: QuerySet[Claim], field_name: str) -> dict[str, int]:
    return dict(claims.values_list(field_name).annotate(n=Count("pk")).values_list(field_name, "n"))


def _choice_facet(param, label, choices, counts, selected) -> Facet:
    facet = Facet(param=param, label=label, multiple=True)
    for value, text in choices:
        count = counts.get(value, 0)
        if count or value in selected:
            facet.options.append(FacetOption(value, text, count, value in selected))
    return facet


def _publisher_counts(claims: QuerySet[Claim]) -> list[tuple[str, str, int]]:
    rows = (
        claims.values_list("source__publisher_id", "source__publisher__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "source__publisher__name")[:TOP]
    )
    return [(str(pk), name, n) for pk, name, n in rows]


def _entity_counts(claims: QuerySet[Claim]) -> list[tuple[str, str, int]]:
    """Claims per entity as subject, object, attribution or mention (a claim counts once per
    entity, however many roles the entity plays in it): the rule of ClaimFilterSet's `entity`."""
    claim_ids = claims.values("pk")
    pairs = (
        Claim.objects.filter(pk__in=claim_ids)
        .values_list("pk", "subject_id")
        .order_by()
        .union(
            Claim.objects.filter(pk__in=claim_ids, object__isnull=False)
            .values_list("pk", "object_id")
            .order_by(),
            Claim.objects.filter(pk__in=claim_ids, attributed_to__isnull=False)
            .values_list("pk", "attributed_to_id")
            .order_by(),
            ClaimMention.objects.filter(claim__in=claim_ids)
            .values_list("claim_id", "entity_id")
            .order_by(),
        )
    )
    pairs_sql, params = pairs.query.sql_with_params()
    entity_table = connection.ops.quote_name(Entity._meta.db_table)
    # The inner SQL is Django's own, compiled from querysets; every value is a bound parameter.
    sql = (
        f"SELECT e.id, e.name, count(*) AS n FROM ({pairs_sql}) AS pairs(claim_id, entity_id) "  # noqa: S608
        f"JOIN {entity_table} e ON e.id = pairs.entity_id "
        "GROUP BY e.id, e.name ORDER BY n DESC, e.name LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, TOP])
        return [(str(pk), name, n) for pk, name, n in cursor.fetchall()]


def _period_counts(claims: QuerySet[Claim]) -> list[tuple[str, str, int]]:
    rows = (
        Quantity.objects.filter(claim__in=claims.values("pk"))
        .exclude(period="")
        .values_list(Upper("period"))
        .annotate(n=Count("claim", distinct=True))
        .order_by(Upper("period").desc())[:TOP]
    )
    return [(period, period, n) for period, n in rows]


def _flag_counts(claims: QuerySet[Claim]) -> list[tuple[str, str, int]]:
    any_count = claims.having_open_flag().count()
    by_reason = dict(
        Annotation.objects.open_flags()
        .filter(claim__in=claims.values("pk"))
        .values_list("flag_reason")
        .annotate(n=Count("claim", distinct=True))
        .order_by()
        .values_list("flag_reason", "n")
    )
    return [(ANY_FLAG, "Any open flag", any_count)] + [
        (value, label, by_reason[value])
        for value, label in FlagReason.choices
        if value in by_reason
    ]


def _open_facet(param, label, rows, selected, selected_label) -> Facet:
    """A single-choice facet; the chosen value stays listed even when outside the top rows."""
    facet = Facet(param=param, label=label, multiple=False)
    for value, text, count in rows:
        if count or value == selected:
            facet.options.append(FacetOption(value, text, count, value == selected))
    if selected and not any(option.selected for option in facet.options):
        facet.options.insert(0, FacetOption(selected, selected_label or selected, 0, True))
    return facet


# Counting a million claims per facet takes seconds: counts are kept in the shared cache, keyed
# on the filters, on what the reader may see, and on the data's version, so any recorded change
# recounts; FACET_TTL bounds how long a change committed out of order can go uncounted.
FACET_TTL = 300


def claim_facets(filterset: ClaimFilterSet) -> list[Facet]:
    """The facets for a bound ClaimFilterSet over the claims a reader may see (cached).

    A chosen single-choice option (an entity, a publisher) keeps its name from the filterset's
    cleaned data when it is not among the top counts.
    """
    filters = sorted(
        (name, filterset.data.getlist(name)) for name in filterset.filters if name in filterset.data
    )
    internal = can_see_internal(getattr(filterset.request, "user", None))
    raw = repr((filters, internal, sorted(filterset.filters), data_version())).encode()
    key = "facets:" + hashlib.sha256(raw).hexdigest()
    cache = caches["shared"]
    facets = cache.get(key)
    if facets is None:
        facets = _claim_facets(filterset)
        cache.set(key, facets, FACET_TTL)
    return facets


def _claim_facets(filterset: ClaimFilterSet) -> list[Facet]:
    filterset.is_valid()  # cleans the data; invalid fields are left out, as in filterset.qs
    data = filterset.data
    chosen = filterset.form.cleaned_data

    def without(param):
        return _claims_without(filterset, param)

    facets = [
        _choice_facet(param, label, choices, _grouped(without(param), param), data.getlist(param))
        for param, label, choices in (
            ("status", "Status", CURATED_STATUS_CHOICES),
            ("kind", "Kind", ClaimKind.choices),
        )
    ]
    for param, label, model, counts in (
        ("publisher", "Publisher", Publisher, _publisher_counts),
        ("entity", "Entity", Entity, _entity_counts),
    ):
        record = chosen.get(param)
        selected = str(record.pk) if isinstance(record, model) else ""
        facets.append(
            _open_facet(param, label, counts(without(param)), selected, str(record or ""))
        )
    period = (chosen.get("period") or "").strip().upper()
    facets.append(
        _open_facet(
            "period", "Fiscal year / period", _period_counts(without("period")), period, period
        )
    )
    if "open_flag" in filterset.filters:  # flags are internal: the filterset says who may see them
        flag = chosen.get("open_flag") or ""
        facets.append(
            _open_facet(
                "open_flag",
                "Open flag",
                _flag_counts(without("open_flag")),
                flag,
                dict(FlagReason.choices).get(flag, flag),
            )
        )
    return facets
