"""Keyset (cursor) pagination over any ordering a view offers.

The cursor holds the ordering values of the row it points at; the next page is the rows after
it in that ordering, with the primary key as the last tie-breaker so the order is total. A page
costs one query whatever its position: no COUNT, no OFFSET. Rows inserted or changed while a
client pages are neither skipped nor repeated unless their ordering value itself moved.

A view declares `ordering_fields` — public name → (expression, parse) — and `default_ordering`.
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


def parse_date(value: str) -> date:
    return date.fromisoformat(value)


def parse_instant(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(f"not a date-time: {value!r}")
    return parsed


@dataclass(frozen=True)
class OrderingField:
    expression: str
    parse: Callable[[str], object] = str


def _encode(value) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class KeysetPagination(BasePagination):
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    ordering_param = "ordering"

    # ------------------------------------------------------------------ request parsing

    def page_size_for(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        default, maximum = settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE
        if raw is None or raw == "":
            return default
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= maximum:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"Give a whole number from 1 to {maximum}."]}
            )
        return size

    def ordering_for(self, request, view) -> list[tuple[str, bool]]:
        """[(public name, descending)], ending with the primary key."""
        fields = view.get_ordering_fields()
        raw = request.query_params.get(self.ordering_param) or view.get_default_ordering()
        name, descending = raw.removeprefix("-"), raw.startswith("-")
        if name not in fields:
            offered = ", ".join(sorted(fields))
            raise exceptions.ValidationError(
                {self.ordering_param: [f"Order by one of: {offered} (prefix - to reverse)."]}
            )
        ordering = [(name, descending)]
        if name != "id":
            ordering.append(("id", descending))
        return ordering

    def order(self, queryset, ordering, fields, *, reverse: bool = False):
        exprs = []
        for name, descending in ordering:
            expr = F(fields[name].expression)
            exprs.append(expr.desc() if descending != reverse else expr.asc())
        return queryset.order_by(*exprs)

    def _decode_cursor(self, raw: str, key: str, ordering, fields):
        try:
            padded = raw + "=" * (-len(raw) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if data["o"] != key:
                raise exceptions.ValidationError(
                    {self.cursor_query_param: ["This cursor belongs to another ordering."]}
                )
            values = [
                fields[name].parse(value) if value is not None else None
                for (name, _), value in zip(ordering, data["v"], strict=True)
            ]
            return values, bool(data["r"])
        except exceptions.ValidationError:
            raise
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["This cursor is not valid; start again without it."]}
            ) from None

    def _encode_cursor(self, key: str, values, reverse: bool) -> str:
        payload = json.dumps({"o": key, "v": [_encode(v) for v in values], "r": int(reverse)})
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    @staticmethod
    def _beyond(ordering, values, fields, *, reverse: bool) -> Q:
        """Rows strictly after `values` in `ordering` (before them when `reverse`)."""
        condition = Q()
        for index, (name, descending) in enumerate(ordering):
            equal = {
                fields[n].expression: v
                for (n, _), v in zip(ordering[:index], values[:index], strict=True)
            }
            lookup = "lt" if descending != reverse else "gt"
            condition |= Q(**equal, **{f"{fields[name].expression}__{lookup}": values[index]})
        return condition

    # ------------------------------------------------------------------ paging

    def sorted_queryset(self, queryset, request, view):
        """The whole queryset in the requested ordering (for exports that take every row)."""
        ordering = self.ordering_for(request, view)
        return self.order(queryset, ordering, view.get_ordering_fields())

    def paginate_queryset(self, queryset, request, view=None):
        fields = view.get_ordering_fields()
        self.request = request
        self.page_size = self.page_size_for(request)
        self.ordering = self.ordering_for(request, view)
        self.key = ",".join(("-" if d else "") + n for n, d in self.ordering)
        raw_cursor = request.query_params.get(self.cursor_query_param)
        values, reverse = (None, False)
        if raw_cursor:
            values, reverse = self._decode_cursor(raw_cursor, self.key, self.ordering, fields)
        queryset = self.order(queryset, self.ordering, fields, reverse=reverse)
        if values is not None:
            queryset = queryset.filter(self._beyond(self.ordering, values, fields, reverse=reverse))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
        has_next = (more and not reverse) or (reverse and values is not None)
        has_previous = (more and reverse) or (not reverse and values is not None)
        self.next_cursor = self._cursor_at(rows[-1], fields, False) if rows and has_next else None
        self.previous_cursor = (
            self._cursor_at(rows[0], fields, True) if rows and has_previous else None
        )
        return rows

    def _cursor_at(self, row, fields, reverse: bool) -> str:
        values = [_value_of(row, fields[name].expression) for name, _ in self.ordering]
        return self._encode_cursor(self.key, values, reverse)

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self._link(self.next_cursor),
                "previous": self._link(self.previous_cursor),
                "results": data,
            }
        )

    # ------------------------------------------------------------------ OpenAPI

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    **link,
                    "description": "The next page, or null on the last.",
                    "example": "http://127.0.0.1:8000/api/v1/claims/?cursor=eyJvIjoiaWQiLCJ2IjpbMTJdLCJyIjowfQ",
                },
                "previous": {
                    **link,
                    "description": "The page before, or null on the first.",
                    "example": None,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        fields = view.get_ordering_fields()
        choices = sorted(fields) + sorted(f"-{name}" for name in fields)
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Opaque position from a previous page's `next` or `previous`.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {settings.API_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": settings.API_MAX_PAGE_SIZE},
            },
            {
                "name": self.ordering_param,
                "in": "query",
                "required": False,
                "description": view.ordering_description(),
                "schema": {"type": "string", "enum": choices},
            },
        ]


def _value_of(row, expression: str):
    value = row
    for part in expression.split("__"):
        value = getattr(value, part)
    return value
