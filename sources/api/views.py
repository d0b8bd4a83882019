"""Publishers and sources: anyone may list and read them."""

from django.db.models.functions import Length
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from config.api.pagination import OrderingField, parse_instant
from config.api.schema import DETAIL_ERRORS, READ_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin, ListWithCSVMixin

from ..models import Publisher, Source
from .filters import PublisherFilterSet, SourceFilterSet
from .serializers import PublisherSerializer, SourceDetailSerializer, SourceSerializer

LIST_ERRORS = error_responses(*READ_ERRORS)
DETAIL_RESPONSES = error_responses(*DETAIL_ERRORS)


@extend_schema_view(
    list=extend_schema(
        summary="List publishers",
        description="Every publisher. `?format=csv` gives all matching rows as CSV.",
        responses={200: PublisherSerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One publisher", responses={200: PublisherSerializer, **DETAIL_RESPONSES}
    ),
)
class PublisherViewSet(ErrorsAsJSONMixin, ListWithCSVMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Publisher.objects.order_by("id")
    serializer_class = PublisherSerializer
    filterset_class = PublisherFilterSet
    ordering_fields = {"id": OrderingField("id", int), "name": OrderingField("name")}
    csv_header = ["id", "name", "kind", "country", "homepage", "wikidata_id"]
    csv_filename = "publishers.csv"

    def csv_row(self, publisher):
        return [
            publisher.id,
            publisher.name,
            publisher.kind,
            publisher.country,
            publisher.homepage,
            publisher.wikidata_id,
        ]


@extend_schema_view(
    list=extend_schema(
        summary="List sources",
        description="Every source, without its body (read one source for the full text). "
        "`?format=csv` gives all matching rows as CSV.",
        responses={200: SourceSerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One source, with its full text",
        description="`body` is immutable: a changed text is a new source that `revises` this one.",
        responses={200: SourceDetailSerializer, **DETAIL_RESPONSES},
    ),
)
class SourceViewSet(ErrorsAsJSONMixin, ListWithCSVMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = SourceFilterSet
    ordering_fields = {
        "id": OrderingField("id", int),
        "created_at": OrderingField("created_at", parse_instant),
        "title": OrderingField("title"),
    }
    csv_header = [
        "id",
        "title",
        "web_url",
        "publisher_id",
        "publisher",
        "kind",
        "language",
        "author",
        "published_at",
        "body_sha256",
        "body_length",
        "revises_id",
    ]
    csv_filename = "sources.csv"

    def get_queryset(self):
        sources = Source.objects.select_related("publisher").annotate(body_length=Length("body"))
        if self.action == "list":
            sources = sources.defer("body")
        return sources.order_by("id")

    def get_serializer_class(self):
        return SourceDetailSerializer if self.action == "retrieve" else SourceSerializer

    def csv_row(self, source):
        return [
            source.id,
            source.title,
            source.url,
            source.publisher_id,
            source.publisher.name,
            source.kind,
            source.language,
            source.author,
            source.published_at.isoformat() if source.published_at else "",
            source.body_sha256,
            source.body_length,
            source.revises_id,
        ]
