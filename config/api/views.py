"""The base every API view shares."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from config.csv_stream import streaming_csv

from .csv import CHUNK_SIZE, CSVRenderer
from .params import refuse_unknown_query_params
from .schema import error_responses


class ErrorsAsJSONMixin:
    """Error answers are always JSON in the one error shape, whatever format was asked for.

    A CSV, Atom or other non-JSON renderer sets `renders_errors = False`.
    """

    # (Not in the docstring: drf-spectacular shows it as operations' descriptions.) A GET with
    # a query parameter the view does not read is refused (400), after the checks of
    # credentials, permission and throttle (config/api/params.py).
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(self, "refuses_unknown_query_params", True):
            refuse_unknown_query_params(self, request)

    def handle_exception(self, exc):
        request = getattr(self, "request", None)
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and not getattr(renderer, "renders_errors", True):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class ListWithCSVMixin:
    """`list` answers JSON pages, or with `?format=csv` every matching row as streamed CSV.

    The view defines `csv_header`, `csv_filename` and `csv_row(obj)`, plus for the paginator
    `ordering_fields` ({public name: OrderingField}) and `default_ordering`.
    """

    csv_header: list[str] = []
    csv_filename = "export.csv"
    ordering_fields: dict = {}
    default_ordering = "id"

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            renderers = [*renderers, CSVRenderer()]
        return renderers

    def get_ordering_fields(self) -> dict:
        return self.ordering_fields

    def get_default_ordering(self) -> str:
        return self.default_ordering

    def ordering_description(self) -> str:
        return f"Sort order (default `{self.get_default_ordering()}`); `-` reverses it."

    def csv_row(self, obj) -> list:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            self.paginator.page_size_for(request)  # CSV has every row, but bad input is refused
            ordered = self.paginator.sorted_queryset(queryset, request, self)
            return streaming_csv(
                header=self.csv_header,
                rows=ordered.iterator(chunk_size=CHUNK_SIZE),
                row=self.csv_row,
                filename=self.csv_filename,
            )
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


class ApiRootView(ErrorsAsJSONMixin, APIView):
    """Where everything is: the resources of v1, the schema and its documentation."""

    names = {
        "claims": "api:claim-list",
        "sources": "api:source-list",
        "entities": "api:entity-list",
        "publishers": "api:publisher-list",
        "changes": "api:changes",
        "candidates": "api:candidate-list",
        "conflicts": "api:conflict-list",
        "tokens": "api:token-list",
        "verified_atom": "api:claim-verified-atom",
        "schema": "api-schema",
        "docs": "api-docs",
    }

    @extend_schema(
        summary="Links to every resource",
        responses={200: OpenApiTypes.OBJECT, **error_responses(401, 406, 429)},
    )
    def get(self, request):
        return Response(
            {key: request.build_absolute_uri(reverse(name)) for key, name in self.names.items()}
        )


@extend_schema(exclude=True)
class ApiNotFoundView(ErrorsAsJSONMixin, APIView):
    """Any other address under /api/: a 404 in the API's error shape, not an HTML page."""

    authentication_classes = []
    permission_classes = []
    refuses_unknown_query_params = False  # any parameter: the address itself is unknown

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound("There is no such API address; GET /api/v1/ lists them.")
