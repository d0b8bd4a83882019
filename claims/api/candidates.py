"""The intake's candidates, and the conflicts between sources: internal, analysts and up.

Conflicts come from `claims.consistency.conflicts`, which computes them whole; they are served
in one answer.

Candidates are read through `candidates_visible_to` (analysts and up; anonymous readers get 401
and role-less tokens 403 before anything is looked up) and written through
`claims.candidates` (editors accept or dismiss). A candidate's ETag is its claim's,
`"<id>-<version>"`: accepting needs If-Match, as correcting a claim does, because the editor
accepts the content they read. Dismissing needs only a reason: it changes no content and a
candidate that has moved on (accepted, dismissed) is refused by the service.
"""

from decimal import Decimal

import django_filters
from django.db.models import DecimalField, F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import etags
from config.api.errors import ErrorSerializer
from config.api.fields import SelfLinkField
from config.api.pagination import OrderingField, parse_instant
from config.api.permissions import ReadOpenWriteWithPerm
from config.api.schema import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin
from config.errors import StaleVersion
from sources.api.serializers import SourceRefSerializer
from sources.models import Source

from .. import candidates as candidate_services
from ..choices import CANDIDATE_STATUSES, ClaimKind, ClaimStatus, QuantityBound
from ..consistency import conflicts
from ..filters import ClaimFilterSet
from ..models import Claim
from ..selectors import can_see_internal, candidates_visible_to, claim_detail_queryset
from .serializers import (
    ClaimDocumentedSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    EntityRefSerializer,
    QuantitySerializer,
    StrictSerializer,
)
from .views import ClaimViewSet

CANDIDATE_STATUS_CHOICES = [
    (status.value, status.label) for status in ClaimStatus if status in CANDIDATE_STATUSES
]
# What accepting needs that a candidate may lack (the claim_structured_unless_candidate rule).
STRUCTURE = ("subject", "predicate")
NO_SCORE = Decimal("-1")  # orders candidates without a score after every scored one


class InternalOnly(ReadOpenWriteWithPerm):
    """Reads need analysts and up (401 anonymous, 403 without a role); writes the service's
    permission, as everywhere in the API."""

    read_message = "Your account may not read this: it is internal (analysts and up)."

    def allows_anonymous(self, method: str) -> bool:
        return False

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not can_see_internal(user):
            self.message = self.read_message
            return False
        return request.method in SAFE_METHODS or super().has_permission(request, view)


# ---------------------------------------------------------------------------- filters


class CandidateFilterSet(django_filters.FilterSet):
    """The candidates queue's filters: the API's list and the admin's queue use this one."""

    source = django_filters.ModelChoiceFilter(queryset=Source.objects.all())
    status = django_filters.MultipleChoiceFilter(choices=CANDIDATE_STATUS_CHOICES)
    kind = django_filters.MultipleChoiceFilter(choices=ClaimKind.choices)
    min_checkworthiness = django_filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        label="Check-worthiness at least this (0 to 1)",
    )
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Claim
        fields = ["source", "status", "kind", "min_checkworthiness", "q"]

    def __init__(self, data=None, *args, **kwargs):
        # An empty parameter (`?status=`) counts as not sent, as in HTML forms
        # (docs/decisions.md, "Unknown input is refused, not ignored").
        if data is not None:
            data = data.copy()
            values = getattr(data, "getlist", lambda name: [data[name]])
            for name in [name for name in data if not any(values(name))]:
                del data[name]
        super().__init__(data, *args, **kwargs)

    def filter_q(self, queryset, name, value):
        # The claims' full-text search, so `q` means one thing everywhere.
        return ClaimFilterSet(data={"q": value}, queryset=queryset).qs


# ---------------------------------------------------------------------------- serializers


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate claim the intake proposed: its exact passage, what the intake read of it
    (structure where an Entity matched, names as written where none did, quantities) and why
    it scored as it did."""

    url = SelfLinkField(view_name="api:candidate-detail")
    status = serializers.ChoiceField(choices=CANDIDATE_STATUS_CHOICES)
    source = SourceRefSerializer()
    subject = EntityRefSerializer(allow_null=True, help_text="Null until an Entity is set.")
    predicate = serializers.SerializerMethodField(help_text="Null until one is set.")
    object = EntityRefSerializer(allow_null=True)
    attributed_to = EntityRefSerializer(
        allow_null=True, help_text="Whom the text cites, when an Entity matched."
    )
    proposed_attribution = serializers.CharField(
        help_text="Whom the text cites, as written, when no Entity matched it."
    )
    mentions = EntityRefSerializer(many=True)
    proposed_entities = serializers.ListField(
        child=serializers.CharField(), help_text="Names the text mentions that matched no Entity."
    )
    quantities = QuantitySerializer(many=True)
    checkworthiness = serializers.DecimalField(
        max_digits=3, decimal_places=2, allow_null=True, normalize_output=True
    )
    checkworthiness_features = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Each feature's contribution to `checkworthiness`, by name (they sum to it); "
        "negative ones lower it, e.g. framing or hedging.",
    )
    dismissed_reason = serializers.SerializerMethodField(help_text="Why it was dismissed.")

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "status",
            "statement",
            "quote",
            "start",
            "end",
            "kind",
            "source",
            "subject",
            "predicate",
            "object",
            "attributed_to",
            "proposed_attribution",
            "mentions",
            "proposed_entities",
            "quantities",
            "as_of",
            "checkworthiness",
            "checkworthiness_features",
            "dismissed_reason",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_predicate(self, candidate) -> str | None:
        return candidate.predicate or None

    def get_dismissed_reason(self, candidate) -> str | None:
        return candidate.dismissed_reason or None


class EveryErrorAtOnce:
    """A StrictSerializer that reports unknown fields together with the other fields' errors
    (StrictSerializer alone stops at the unknown ones)."""

    def to_internal_value(self, data):
        unknown = {}
        if isinstance(data, dict):
            unknown = {
                name: [ErrorDetail("Unknown field: it cannot be written here.", code="unknown")]
                for name in sorted(set(data) - set(self.fields))
            }
        try:
            value = super(StrictSerializer, self).to_internal_value(data)
        except ValidationError as error:
            raise ValidationError({**error.detail, **unknown}) from None
        if unknown:
            raise ValidationError(unknown)
        return value


class CandidateAcceptSerializer(EveryErrorAtOnce, ClaimUpdateSerializer):
    """Corrections to apply as the candidate is accepted, checked as a claim's corrections are
    (send only what changes). Its subject and predicate must be set by then."""

    checkable = serializers.BooleanField(required=False)

    def get_fields(self):
        fields = super().get_fields()  # (which drops every help text: they describe creating)
        fields.pop("source")  # a candidate stays on the text it was found in
        fields["checkable"].help_text = (
            "False for opinion and framing: no unsourced flag is raised. Default: every kind "
            "but characterization is checkable."
        )
        return fields


class CandidateDismissSerializer(EveryErrorAtOnce, StrictSerializer):
    """Why the candidate is dismissed (required)."""

    reason = serializers.CharField(
        help_text="Why it is not a claim worth curating; kept with the candidate."
    )


# ---------------------------------------------------------------------------- views

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the candidate as you read it, e.g. `"42-1"`. Stale: 412 with the '
    "current version; missing: 428.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description='The current ETag, `"<id>-<version>"`.',
)
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    response=[200],
    description="The accepted claim's address in the claims API.",
)


def internal_errors(*codes: int) -> dict:
    """The documented errors of an internal endpoint: reads need an account too."""
    responses = error_responses(*codes)
    for code, description, detail, word in (
        (
            401,
            "No credentials, or a token that is not valid: this is internal, for analysts "
            "and up. Send `Authorization: Token <key>`.",
            "Authentication credentials were not provided.",
            "not_authenticated",
        ),
        (
            403,
            "Signed in, but the account's role does not allow this (reading needs the "
            "analyst role or above, writing the editor role).",
            InternalOnly.read_message,
            "permission_denied",
        ),
    ):
        if code in responses:
            responses[code] = OpenApiResponse(
                response=ErrorSerializer,
                description=description,
                examples=[
                    OpenApiExample(
                        f"{code}",
                        value={"detail": detail, "code": word, "errors": {}},
                        status_codes=[str(code)],
                    )
                ],
            )
    return responses


@extend_schema_view(
    list=extend_schema(
        summary="List the intake's candidates (analysts and up)",
        description="Claims the intake proposed from a text, best check-worthiness first "
        "(`ordering`), proposed and dismissed ones (`status`). Internal: anonymous readers "
        "get 401, accounts without a role 403. Pages are cursor-based.",
        responses={200: CandidateSerializer(many=True), **internal_errors(*READ_ERRORS, 403)},
    ),
    retrieve=extend_schema(
        summary="One candidate (analysts and up)",
        description="The ETag header is the precondition for accepting it.",
        parameters=[ETAG],
        responses={200: CandidateSerializer, **internal_errors(*DETAIL_ERRORS, 403)},
    ),
)
class CandidateViewSet(
    ErrorsAsJSONMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilterSet
    permission_classes = [InternalOnly]
    write_permissions = {"accept": "claims.change_claim", "dismiss": "claims.change_claim"}
    ordering_fields = {
        "checkworthiness": OrderingField("checkworthiness_rank", Decimal),
        "id": OrderingField("id", int),
        "start": OrderingField("start", int),
        "created_at": OrderingField("created_at", parse_instant),
    }
    expected_version = ClaimViewSet.expected_version  # If-Match: 428 missing, 412 not this one

    def get_write_permission(self) -> str | None:
        return self.write_permissions.get(self.action)

    def get_queryset(self):
        if self.action in self.write_permissions:
            # A write needs the row and its source's text; its answer re-reads it in full.
            return candidates_visible_to(self.request.user).select_related("source")
        return self._full_queryset()

    def _full_queryset(self):
        return (
            candidates_visible_to(self.request.user)
            .select_related("source__publisher", "subject", "object", "attributed_to")
            .defer("source__body")
            .prefetch_related("quantities", "mentions")
            .annotate(
                checkworthiness_rank=Coalesce(
                    F("checkworthiness"), Value(NO_SCORE, output_field=DecimalField())
                )
            )
        )

    # The keyset paginator's questions (config/api/pagination.py).
    def get_ordering_fields(self) -> dict:
        return self.ordering_fields

    def get_default_ordering(self) -> str:
        return "-checkworthiness"

    def ordering_description(self) -> str:
        return "Sort order: default `-checkworthiness` (best first, unscored last); `-` reverses."

    def retrieve(self, request, pk=None):
        candidate = self.get_object()
        response = Response(self.get_serializer(candidate).data)
        response["ETag"] = etags.format_etag(candidate.pk, candidate.version)
        return response

    @extend_schema(
        summary="Accept a candidate as an unreviewed claim (editor)",
        description="Send the corrections the claim needs (as for correcting a claim; "
        "`subject` and `predicate` must be set by then, else 400 `unstructured`) with "
        "`If-Match`. Answers the new claim, with its ETag and its address in Location. "
        "A checkable claim citing no one gets an open unsourced flag.",
        parameters=[IF_MATCH, ETAG, LOCATION],
        request=CandidateAcceptSerializer,
        responses={
            200: OpenApiResponse(ClaimDocumentedSerializer, description="Accepted: the claim."),
            **error_responses(*WRITE_ERRORS, 412, 428),
        },
        examples=[
            OpenApiExample(
                "Give it its subject and predicate",
                value={"subject": 3, "predicate": "budget request is"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        candidate = self.get_object()
        expected = self.expected_version(candidate)
        if expected != candidate.version:  # before the body: a stale read is the first problem
            raise StaleVersion(claim_id=candidate.pk, expected=expected, current=candidate.version)
        changes = self._accept_changes(candidate, request.data)
        mentions = changes.pop("mentions", None)
        checkable = changes.pop("checkable", None)
        candidate_services.claim_accept(
            actor=request.user,
            claim=candidate,
            expected_version=expected,
            checkable=checkable,
            mentions=mentions,
            **changes,
        )
        claim = claim_detail_queryset(request.user).get(pk=candidate.pk)
        context = self.get_serializer_context()
        response = Response(ClaimSerializer(claim, internal=True, context=context).data)
        response["ETag"] = etags.format_etag(claim.pk, claim.version)
        response["Location"] = request.build_absolute_uri(
            reverse("api:claim-detail", args=[claim.pk])
        )
        return response

    @staticmethod
    def _accept_changes(candidate, data) -> dict:
        """The validated corrections; every field's error at once, a missing subject or
        predicate included (code `unstructured` when nothing else is wrong)."""
        serializer = CandidateAcceptSerializer(data=data)
        errors = {} if serializer.is_valid() else dict(serializer.errors)
        sent = data if isinstance(data, dict) else {}
        for field in STRUCTURE:
            if field not in sent and not getattr(candidate, field):
                message = f"Give the candidate its {field} before accepting it."
                errors[field] = [ErrorDetail(message, code="unstructured")]
        if errors:
            raise ValidationError(errors)
        return dict(serializer.validated_data)

    @extend_schema(
        summary="Dismiss a candidate, with a reason (editor)",
        description="It is kept, with its reason (dismissed candidates measure the intake), "
        "and the intake does not propose the same passage again.",
        parameters=[ETAG],
        request=CandidateDismissSerializer,
        responses={
            200: OpenApiResponse(CandidateSerializer, description="Dismissed."),
            **error_responses(*WRITE_ERRORS),
        },
        examples=[
            OpenApiExample(
                "Opinion", value={"reason": "Framing, not a checkable claim."}, request_only=True
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        candidate = self.get_object()
        serializer = CandidateDismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate_services.claim_dismiss(
            actor=request.user, claim=candidate, reason=serializer.validated_data["reason"]
        )
        dismissed = self._full_queryset().get(pk=candidate.pk)
        response = Response(self.get_serializer(dismissed).data)
        response["ETag"] = etags.format_etag(dismissed.pk, dismissed.version)
        return response


# ---------------------------------------------------------------------------- conflicts


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
