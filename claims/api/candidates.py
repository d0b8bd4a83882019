"""The intake's candidates: internal, analysts and up (the conflicts between sources are in
claims/api/conflicts.py, the serializers in claims/api/candidate_serializers.py).

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
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from config.api import etags
from config.api.errors import ErrorSerializer
from config.api.pagination import OrderingField, parse_instant
from config.api.permissions import ReadOpenWriteWithPerm
from config.api.schema import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin
from config.errors import StaleVersion
from sources.models import Source

from .. import candidates as candidate_services
from ..choices import ClaimKind
from ..filters import ClaimFilterSet
from ..models import Claim
from ..selectors import can_see_internal, candidates_visible_to, claim_detail_queryset
from .candidate_serializers import (
    CANDIDATE_STATUS_CHOICES,
    CandidateAcceptSerializer,
    CandidateDismissSerializer,
    CandidateSerializer,
)
from .serializers import (
    ClaimDocumentedSerializer,
    ClaimSerializer,
)
from .views import ClaimViewSet

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
