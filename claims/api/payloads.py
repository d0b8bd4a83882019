"""Claims as the API serves them, assembled as JSON by PostgreSQL in one query.

`ClaimSerializer` (claims/api/serializers.py) defines the representation and documents it in
the OpenAPI schema; building 100 nested claims through it costs ~20x one SQL query returning
the same fields (issue 10). This module builds the same bytes the serializer and DRF's
JSONRenderer would, from one query per page: PostgreSQL assembles each claim's object
(json_build_object keeps the serializer's key order; json_agg its nested lists), Python parses
it with orjson and writes the page. What each reader may see comes from the selectors'
querysets (`claims_visible_to`, `relations_visible_to`, `review_trail`, the open-flags
queryset), compiled into the query as subqueries: the rules stay where they are.

tests/claims/test_api_payloads.py compares the bytes with the serializer's, page and detail,
anonymous and analyst, over a corpus with the awkward values (microseconds, trailing zeros,
control characters, U+2028, empty names).
"""

from __future__ import annotations

import functools
import re

import orjson
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from ..choices import AnnotationKind
from ..models import Annotation, ClaimMention, Evidence, Quantity
from ..selectors import claims_visible_to, relations_visible_to, review_trail


class JSONBuildObject(Func):
    """json_build_object: an object whose keys keep the order given (jsonb would sort them)."""

    function = "JSON_BUILD_OBJECT"
    output_field = JSONField()

    def __init__(self, **fields):
        args = []
        for key, value in fields.items():
            args += [Value(key), value]
        super().__init__(*args)


class Template(Func):
    """SQL written around compiled expressions: `{0}`, `{1}`... are the expressions, each
    repeated as often as the template names it (with its parameters)."""

    sql = ""

    def as_sql(self, compiler, connection, **extra):
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        out, params, position = [], [], 0
        for match in re.finditer(r"\{(\d+)\}", self.sql):
            part_sql, part_params = parts[int(match.group(1))]
            out += [self.sql[position : match.start()], part_sql]
            params += part_params
            position = match.end()
        out.append(self.sql[position:])
        return "".join(out), params


class JSONAgg(Aggregate):
    """json_agg(<object> ORDER BY <ordering>) over a subquery's rows."""

    function = "JSON_AGG"
    output_field = JSONField()

    def __init__(self, expression, *ordering):
        super().__init__(expression, *ordering)

    def as_sql(self, compiler, connection, **extra):
        (obj_sql, obj_params), *order = [
            compiler.compile(expression)
            for expression in self.get_source_expressions()
            if expression is not None  # (the aggregate's FILTER slot, unused)
        ]
        params = [*obj_params]
        for _, order_params in order:
            params += order_params
        ordering = ", ".join(order_sql for order_sql, _ in order)
        return f"JSON_AGG({obj_sql} ORDER BY {ordering})", params


class OrEmpty(Template):
    output_field = JSONField()
    sql = "COALESCE({0}, '[]'::json)"


class Instant(Template):
    """A timestamp as DRF's DateTimeField writes it in UTC: seconds, microseconds only when
    there are any, and Z (`2026-02-02T10:00:00Z`, `2026-02-02T10:00:00.120000Z`)."""

    output_field = TextField()
    sql = (
        "(to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        "CASE WHEN date_part('microseconds', {0})::int %% 1000000 = 0 THEN '' "
        "ELSE to_char({0} AT TIME ZONE 'UTC', '.US') END || 'Z')"
    )


class Day(Template):
    """A date as DRF's DateField writes it (ISO 8601)."""

    output_field = TextField()
    sql = "to_char({0}, 'YYYY-MM-DD')"


class Decimal(Template):
    """A decimal as DRF's DecimalField(normalize_output=True) writes it: a string without
    trailing zeros (`1426`, `0.5`)."""

    output_field = TextField()
    sql = "trim_scale({0})::text"


class DisplayName(Template):
    """A user's name as `display_name` gives it: the full name, else the username."""

    output_field = TextField()
    sql = "COALESCE(NULLIF(btrim({0} || ' ' || {1}, E' \\t\\n\\r\\f\\v'), ''), {2})"

    def __init__(self, user: str):
        super().__init__(F(f"{user}__first_name"), F(f"{user}__last_name"),
                         F(f"{user}__username"))


class ApiLinks:
    """The absolute addresses of a request's API resources, as SelfLinkField makes them."""

    def __init__(self, request):
        def prefix(view_name: str) -> str:
            path = reverse(view_name, args=[0])
            assert path.endswith("/0/")
            base = path[: -len("0/")]
            return request.build_absolute_uri(base) if request is not None else base

        self.claim = prefix("api:claim-detail")
        self.entity = prefix("api:entity-detail")
        self.source = prefix("api:source-detail")
        self.publisher = prefix("api:publisher-detail")

    @staticmethod
    def to(prefix: str, id_expression) -> Concat:
        return Concat(Value(prefix), Cast(id_expression, TextField()), Value("/"),
                      output_field=TextField())


class NullOr(Template):
    """NULL when the first expression is, else the second."""

    output_field = JSONField()
    sql = "CASE WHEN {0} IS NULL THEN NULL ELSE {1} END"


def _entity_object(links: ApiLinks, prefix: str) -> JSONBuildObject:
    """An EntityRefSerializer object of the entity at `prefix`."""
    return JSONBuildObject(
        id=F(f"{prefix}__id"),
        url=links.to(links.entity, F(f"{prefix}__id")),
        name=F(f"{prefix}__name"),
        kind=F(f"{prefix}__kind"),
        wikidata_id=F(f"{prefix}__wikidata_id"),
    )


def _entity(links: ApiLinks, prefix: str) -> NullOr:
    """The entity at `prefix` as EntityRefSerializer writes it, null when there is none."""
    return NullOr(F(f"{prefix}_id"), _entity_object(links, prefix))


def _source(links: ApiLinks, prefix: str) -> JSONBuildObject:
    """A SourceRefSerializer object of the source at `prefix`."""
    p = f"{prefix}__" if prefix else ""
    return JSONBuildObject(
        id=F(f"{p}id"),
        url=links.to(links.source, F(f"{p}id")),
        title=F(f"{p}title"),
        web_url=F(f"{p}url"),
        published_at=Instant(F(f"{p}published_at")),
        kind=F(f"{p}kind"),
        publisher=JSONBuildObject(
            id=F(f"{p}publisher__id"),
            url=links.to(links.publisher, F(f"{p}publisher__id")),
            name=F(f"{p}publisher__name"),
            kind=F(f"{p}publisher__kind"),
        ),
    )


def _list(queryset, group: str, obj, *ordering) -> OrEmpty:
    """The JSON array of `obj` over `queryset`'s rows (all of one outer claim, by `group`), in
    `ordering`; [] when there are none."""
    rows = queryset.order_by().values(group).annotate(_list=JSONAgg(obj, *ordering)).values("_list")
    return OrEmpty(Subquery(rows, output_field=JSONField()))


def claim_payloads_queryset(claims, *, links: ApiLinks, internal: bool, user):
    """(id, version, JSON text of the claim) for each of `claims`."""
    claim = OuterRef("pk")
    mentions = _list(
        ClaimMention.objects.filter(claim=claim),
        "claim",
        _entity_object(links, "entity"),
        F("entity__name"),
    )
    quantities = _list(
        Quantity.objects.filter(claim=claim),
        "claim",
        JSONBuildObject(
            id=F("id"),
            value=Decimal(F("value")),
            scale=Decimal(F("scale")),
            normalised_value=Decimal(F("normalised_value")),
            unit=F("unit"),
            bound=F("bound"),
            period=F("period"),
            period_start=Day(F("period_start")),
            period_end=Day(F("period_end")),
            role=F("role"),
        ),
        F("id"),
    )
    evidence = _list(
        Evidence.objects.filter(claim=claim),
        "claim",
        JSONBuildObject(
            id=F("id"),
            source=_source(links, "source"),
            stance=F("stance"),
            quote=F("quote"),
            locator=F("locator"),
            note=F("note"),
            added_at=Instant(F("added_at")),
        ),
        F("id"),
    )
    relations = _list(
        relations_visible_to(user).filter(from_claim=claim),
        "from_claim",
        JSONBuildObject(
            kind=F("kind"),
            to_claim=F("to_claim_id"),
            to_claim_url=links.to(links.claim, F("to_claim_id")),
            note=F("note"),
        ),
        F("id"),
    )
    reviews = _list(
        review_trail().filter(claim=claim),
        "claim",
        JSONBuildObject(
            from_status=F("from_status"),
            to_status=F("to_status"),
            rationale=F("rationale"),
            reviewer=DisplayName("reviewer"),
            created_at=Instant(F("created_at")),
        ),
        F("created_at"),
        F("id"),
    )
    fields = {
        "id": F("id"),
        "url": links.to(links.claim, F("id")),
        "statement": F("statement"),
        "quote": F("quote"),
        "start": F("start"),
        "end": F("end"),
        "kind": F("kind"),
        "status": F("status"),
        "as_of": Day(F("as_of")),
        "source": _source(links, "source"),
        "subject": _entity(links, "subject"),
        "predicate": F("predicate"),
        "object": _entity(links, "object"),
        "attributed_to": _entity(links, "attributed_to"),
        "mentions": mentions,
        "checkworthiness": Decimal(F("checkworthiness")),
        "quantities": quantities,
        "evidence": evidence,
        "relations": relations,
        "reviews": reviews,
    }
    if internal:
        is_open = Case(
            When(Q(resolved_at__isnull=True) & ~Q(kind=AnnotationKind.NOTE), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        annotations = Annotation.objects.filter(claim=claim)
        fields["annotations"] = _list(
            annotations.annotate(_open=is_open),
            "claim",
            JSONBuildObject(
                id=F("id"),
                kind=F("kind"),
                flag_reason=F("flag_reason"),
                body=F("body"),
                author=DisplayName("author"),
                created_at=Instant(F("created_at")),
                is_open=F("_open"),
                resolved_by=NullOr(F("resolved_by_id"), DisplayName("resolved_by")),
                resolved_at=Instant(F("resolved_at")),
                resolution_note=F("resolution_note"),
            ),
            F("created_at"),
            F("id"),
        )
        fields["open_flags"] = _list(
            Annotation.objects.open_flags().filter(claim=claim),
            "claim",
            JSONBuildObject(
                id=F("id"),
                flag_reason=F("flag_reason"),
                body=F("body"),
                created_at=Instant(F("created_at")),
            ),
            F("created_at"),
            F("id"),
        )
    fields["version"] = F("version")
    fields["created_at"] = Instant(F("created_at"))
    fields["updated_at"] = Instant(F("updated_at"))
    return (
        claims.order_by()
        .select_related(None)
        .prefetch_related(None)
        .annotate(_payload=Cast(JSONBuildObject(**fields), TextField()))
        .values_list("id", "version", "_payload")
    )


def render(obj) -> bytes:
    """Bytes as DRF's JSONRenderer writes them: compact, UTF-8, U+2028/2029 escaped."""
    return (
        orjson.dumps(obj)
        .replace("\u2028".encode(), b"\\u2028")
        .replace("\u2029".encode(), b"\\u2029")
    )


# Sentinels standing for a request's values in the compiled query (see `_compiled`).
_IDS = [-7_000_000_001]
_HOST = "\x00claimdesk-api-host\x00"


class _SentinelRequest:
    """Builds the sentinel host into every link, so one compiled query serves every host."""

    def build_absolute_uri(self, path: str) -> str:
        return _HOST + path


@functools.cache
def _compiled(internal: bool) -> tuple[str, tuple]:
    """The payload query, compiled once per kind of reader: what a reader may see depends only
    on whether they see internal claims (`can_see_internal`), which `claims_visible_to` and
    `relations_visible_to` decide from the user given here."""
    user = _Reader(internal)
    rows = claim_payloads_queryset(
        claims_visible_to(user).filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [_IDS])),
        links=ApiLinks(_SentinelRequest()),
        internal=internal,
        user=user,
    )
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


class _Reader:
    """A stand-in user for compiling: an analyst-or-up (`internal`) or an anonymous reader."""

    is_active = True
    pk = None

    def __init__(self, internal: bool):
        self.internal = internal

    def has_perm(self, perm: str) -> bool:
        return self.internal and perm == "claims.view_claim"


def claim_payloads(
    ids: list[int], *, request, internal: bool, using: str = DEFAULT_DB_ALIAS
) -> dict[int, dict]:
    """{id: claim object} for the claims of `ids` that the request's reader may see, read from
    database `using` (the one the ids were read from: with replicas, the router's choice)."""
    if not ids:
        return {}
    sql, template = _compiled(internal)
    host = request.build_absolute_uri("/")[:-1]
    params = [
        list(ids) if value == _IDS else
        value.replace(_HOST, host) if isinstance(value, str) and _HOST in value else value
        for value in template
    ]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {pk: orjson.loads(payload) for pk, _version, payload in rows}
