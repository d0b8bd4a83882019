"""The conflicts between sources, from `claims.consistency.conflicts`, which computes them
whole: served in one answer, to analysts and up."""


from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.views import ErrorsAsJSONMixin
from sources.api.serializers import SourceRefSerializer
from sources.models import Source

from ..choices import CANDIDATE_STATUSES, QuantityBound
from ..consistency import conflicts
from .candidates import InternalOnly, internal_errors


class ConflictSideSerializer(serializers.Serializer):
    """One source's claim (or candidate) about the measure, with the value it states."""

    claim = serializers.IntegerField(source="claim.pk")
    url = serializers.SerializerMethodField(
        help_text="The claim in the claims API, or the candidate in the candidates API."
    )
    status = serializers.CharField(source="claim.status")
    candidate = serializers.SerializerMethodField(help_text="Proposed by the intake, not curated.")
    statement = serializers.CharField(source="claim.statement")
    value = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        normalize_output=True,
        help_text="The stated value, normalised (value * scale).",
    )
    stated = serializers.CharField(help_text="The value in words, e.g. '18.1 billion JPY'.")
    bound = serializers.ChoiceField(choices=QuantityBound.choices)
    low = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        normalize_output=True,
        allow_null=True,
        help_text="The lowest value its rounding and bound allow (null: no lower limit).",
    )
    high = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        normalize_output=True,
        allow_null=True,
        help_text="The highest value its rounding and bound allow (null: no upper limit).",
    )
    source = SourceRefSerializer()
    quote = serializers.CharField(help_text="Exactly source.body[start:end].")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    flagged = serializers.BooleanField(
        help_text="Outside what most sources say (or no value has a majority)."
    )

    def _is_candidate(self, side) -> bool:
        return side.claim.status in CANDIDATE_STATUSES

    def get_candidate(self, side) -> bool:
        return self._is_candidate(side)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, side) -> str:
        name = "api:candidate-detail" if self._is_candidate(side) else "api:claim-detail"
        path = reverse(name, args=[side.claim.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ConflictSerializer(serializers.Serializer):
    """Claims of different sources about one measure and period that cannot all be right."""

    measure = serializers.CharField(help_text="'OSA, budget is, JPY': subject, measure, unit.")
    period = serializers.CharField(help_text="'FY2026', or 'as of <date>'.")
    unit = serializers.CharField()
    claims = ConflictSideSerializer(many=True, help_text="Lowest value first.")


class ConflictListSerializer(serializers.Serializer):
    results = ConflictSerializer(many=True)


class ConflictListView(ErrorsAsJSONMixin, APIView):
    """The measures sources disagree about, from `claims.consistency.conflicts`."""

    permission_classes = [InternalOnly]
    extra_query_params = ("source",)

    @extend_schema(
        operation_id="conflicts_list",
        parameters=[
            OpenApiParameter(
                "source",
                OpenApiTypes.INT,
                description="Only the conflicts this source takes part in (e.g. a text just "
                "added).",
            )
        ],
        summary="Conflicts between sources (analysts and up)",
        description="Every measure (subject, what is measured, unit, period) about which "
        "sources state values that cannot all be right, allowing for rounding and bounds; "
        "curated claims and open candidates. Each side has its value, source and exact "
        "passage; `flagged` marks the values outside what most sources say. All of them, "
        "in one answer (no pages).",
        responses={200: ConflictListSerializer, **internal_errors(400, 401, 403, 406, 429)},
    )
    def get(self, request):
        found = conflicts(request.user)
        source = self._source(request)
        if source is not None:
            found = [c for c in found if any(side.source.pk == source.pk for side in c.claims)]
        context = {"request": request}
        return Response({"results": ConflictSerializer(found, many=True, context=context).data})

    @staticmethod
    def _source(request) -> Source | None:
        raw = request.query_params.get("source", "")
        if raw == "":  # empty means not sent, as everywhere in the API
            return None
        field = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
        try:
            return field.run_validation(raw)
        except ValidationError as error:
            raise ValidationError({"source": error.detail}) from None
