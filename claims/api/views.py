"""Claims and entities.

Reads go through the selectors (`claim_detail_queryset`, which applies the visibility rule)
and the core ClaimFilterSet; writes go through `claims.services`. The exception handler turns
the services' ValidationError, PermissionDenied and StaleVersion into 400, 403 and 412.

ETag: a claim's ETag is the strong `"<id>-<version>"`, its optimistic-locking version. The
services move the version with every correction and status change and with every change to what
hangs off the claim (evidence, quantities, mentions, relations, annotations), so the ETag moves
whenever the representation does. If-Match compares strongly: a weak tag is refused (412).
"""

from functools import cached_property

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from config.api import etags, response_cache
from config.api.errors import (
    Duplicate,
    DuplicateErrorSerializer,
    PreconditionFailed,
    PreconditionRequired,
)
from config.api.pagination import OrderingField, parse_date, parse_instant
from config.api.schema import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin, ListWithCSVMixin
from config.errors import StaleVersion

from .. import services
from ..exports import ClaimCSV, claim_review
from ..models import Annotation, Entity
from ..selectors import (
    can_see_internal,
    claim_detail_queryset,
    claims_visible_to,
)
from . import examples
from .filters import ClaimApiFilterSet, EntityFilterSet
from .payloads import claim_payloads, render
from .renderers import ClaimJSONRenderer, JSONLDRenderer, Rendered
from .serializers import (
    AnnotationCreatedSerializer,
    AnnotationWriteSerializer,
    ClaimDocumentedSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    ClaimWriteSerializer,
    EntitySerializer,
    EvidenceCreatedSerializer,
    EvidenceWriteSerializer,
    ResolveSerializer,
    TransitionSerializer,
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the claim as you read it, e.g. `"42-3"` (claim 42, version 3). '
    "Stale: 412 with the current version; missing: 428.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='The claim\'s current ETag, `"<id>-<version>"`: send it back as If-Match.',
)


DUPLICATE_RESPONSE = OpenApiResponse(
    DuplicateErrorSerializer,
    description="A claim with the same source, offsets and quote exists: `duplicate_of` "
    "names it. Correct that claim instead.",
    examples=[
        OpenApiExample(
            "409",
            value={
                "detail": "Claim 12 already quotes this passage (same source, offsets and "
                "quote). Correct that claim, or create a second one deliberately.",
                "code": "duplicate",
                "errors": {},
                "duplicate_of": {"id": 12, "url": "http://127.0.0.1:8000/api/v1/claims/12/"},
            },
            status_codes=["409"],
        )
    ],
)


def _claim_response(description: str):
    return OpenApiResponse(ClaimDocumentedSerializer, description=description)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Claims you may see (anonymous readers and accounts without a role: "
        "published, i.e. decided, claims), filtered and ordered. `q` is a ranked full-text "
        "search (best first unless `ordering` is given). Pages are cursor-based; "
        "`?format=csv` streams every matching row.",
        responses={
            200: ClaimDocumentedSerializer(many=True),
            **error_responses(*READ_ERRORS),
        },
        examples=[examples.CLAIM_LIST],
    ),
    retrieve=extend_schema(
        summary="One claim",
        description="With quantities, evidence, relations and review trail; annotations and "
        "open flags for analysts and up. The ETag header is the write precondition.",
        parameters=[ETAG],
        responses={200: _claim_response("The claim."), **error_responses(*DETAIL_ERRORS)},
    ),
    create=extend_schema(
        summary="Create a claim (editor)",
        description="The quote must be exactly the source's text between `start` and `end`. "
        "A checkable claim with no attribution gets an open unsourced flag.",
        parameters=[ETAG],
        request=ClaimWriteSerializer,
        responses={
            201: _claim_response("Created."),
            **error_responses(*WRITE_ERRORS),
            409: DUPLICATE_RESPONSE,
        },
        examples=[examples.CLAIM_CREATE],
    ),
    partial_update=extend_schema(
        summary="Correct a claim (editor)",
        description="Send only the fields that change, with `If-Match`. A decided claim must "
        "be reopened (transition to in_review) before its content changes.",
        parameters=[IF_MATCH, ETAG],
        request=ClaimUpdateSerializer,
        responses={
            200: _claim_response("Corrected; the ETag header has the new version."),
            **error_responses(*WRITE_ERRORS, 412, 428),
        },
        examples=[examples.CLAIM_PATCH],
    ),
)
class ClaimViewSet(ErrorsAsJSONMixin, ListWithCSVMixin, viewsets.GenericViewSet):
    serializer_class = ClaimSerializer
    # Claims are written by claims/api/payloads.py, in the serializer's representation.
    renderer_classes = [ClaimJSONRenderer]
    filterset_class = ClaimApiFilterSet
    default_ordering = "id"
    csv_filename = "claims.csv"
    # The permission each write's service requires: refused (401/403) before the body is read.
    write_permissions = {
        "create": "claims.add_claim",
        "partial_update": "claims.change_claim",
        "evidence": "claims.add_evidence",
        "annotations": "claims.add_annotation",
        "resolve": "claims.change_annotation",
        "transition": "claims.change_claim",
    }

    # ------------------------------------------------------------------ plumbing

    def get_renderers(self):
        if self.action == "claimreview":
            return [JSONLDRenderer(), JSONRenderer()]
        return super().get_renderers()

    def get_write_permission(self) -> str | None:
        return self.write_permissions.get(self.action)

    def get_queryset(self):
        user = self.request.user
        renderer = getattr(self.request, "accepted_renderer", None)
        if self.action == "list" and getattr(renderer, "format", None) == "csv":
            return self.claim_csv.queryset(claims_visible_to(user))
        if self.action in self.write_permissions:
            # A write needs the claim row only; its answer re-reads it in full.
            return claims_visible_to(user).select_related("source")
        if self.action in ("list", "retrieve"):
            # The rows of the page (or the one claim) with what paging and the ETag read; the
            # representation is assembled by payloads.py in one query.
            return claims_visible_to(user).only(*self.PAGING_FIELDS)
        return self._full_queryset()

    PAGING_FIELDS = ("id", "version", "as_of", "created_at", "updated_at", "status", "kind")

    def _payloads(self, claims: list) -> list[dict]:
        """The representations of `claims` (visible to the reader), in their order."""
        if not claims:
            return []
        payloads = claim_payloads(
            [claim.pk for claim in claims],
            # Where the rows were read (a replica, or the primary once the request wrote).
            using=claims[0]._state.db,
            request=self.request,
            internal=can_see_internal(self.request.user),
        )
        # A claim deleted between the two reads is left out, as if it had gone a moment sooner.
        return [payloads[claim.pk] for claim in claims if claim.pk in payloads]

    def _full_queryset(self):
        return claim_detail_queryset(self.request.user)

    def get_serializer(self, *args, **kwargs):
        kwargs.setdefault("context", self.get_serializer_context())
        return ClaimSerializer(*args, internal=can_see_internal(self.request.user), **kwargs)

    def get_ordering_fields(self) -> dict:
        fields = {
            "id": OrderingField("id", int),
            "as_of": OrderingField("as_of", parse_date),
            "created_at": OrderingField("created_at", parse_instant),
            "updated_at": OrderingField("updated_at", parse_instant),
            "status": OrderingField("status"),
            "kind": OrderingField("kind"),
        }
        if self._searching():
            fields["rank"] = OrderingField("rank_exact", float)
        return fields

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self._searching():
            # ts_rank is a 4-byte float: compared with a cursor's 8-byte float it would never be
            # equal to itself. Paging compares the exact 8-byte value instead.
            queryset = queryset.annotate(rank_exact=Cast("rank", FloatField()))
        return queryset

    def get_default_ordering(self) -> str:
        return "-rank" if self._searching() else self.default_ordering

    def ordering_description(self) -> str:
        return (
            "Sort order: default `id`, or `-rank` (best match first) when `q` is given; "
            "`-` reverses. `rank` and `-rank` are valid only with `q`."
        )

    def _searching(self) -> bool:
        request = getattr(self, "request", None)
        return bool(request is not None and request.query_params.get("q", "").strip())

    @cached_property
    def claim_csv(self) -> ClaimCSV:
        """The columns the claim list's CSV has too; open flags for analysts and up."""
        return ClaimCSV(
            internal=can_see_internal(self.request.user),
            site_url=self.request.build_absolute_uri("/"),
        )

    @property
    def csv_header(self) -> list[str]:
        return self.claim_csv.header

    def csv_row(self, claim):
        return self.claim_csv.row(claim)

    def expected_version(self, claim) -> int:
        """The version the client read, from If-Match: 428 when missing, 412 when not this
        claim's ETag (a stale version of this claim is left to the service, which is atomic)."""
        header = self.request.headers.get("If-Match", "").strip()
        if not header:
            raise PreconditionRequired()
        if etags.is_wildcard(header):
            raise PreconditionRequired(
                "If-Match: * would overwrite whatever is there; send the ETag you read."
            )
        current = etags.format_etag(claim.pk, claim.version)
        weak = etags.weak_tags(header)
        if weak:
            raise PreconditionFailed(
                f"If-Match compares ETags strongly (RFC 9110): the weak tag {weak[0]} never "
                f"matches. Send the ETag as served, without W/; the current one is {current}.",
                current_version=claim.version,
                etag=current,
            )
        version = etags.version_in_if_match(header, claim.pk)
        if version is not None:
            return version
        raise PreconditionFailed(
            f"If-Match {header!r} is not an ETag of claim {claim.pk}; its current ETag is "
            f"{current}.",
            current_version=claim.version,
            etag=current,
        )

    def _claim_answer(self, pk: int, status_code=status.HTTP_200_OK) -> Response:
        claim = claims_visible_to(self.request.user).only(*self.PAGING_FIELDS).get(pk=pk)
        response = Response(Rendered(render(self._payload(claim))), status=status_code)
        response["ETag"] = etags.format_etag(claim.pk, claim.version)
        if status_code == status.HTTP_201_CREATED:
            response["Location"] = self.request.build_absolute_uri(
                reverse("api:claim-detail", args=[claim.pk])
            )
        return response

    @staticmethod
    def _validated(serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    # ------------------------------------------------------------------ claims

    def retrieve(self, request, pk=None):
        key = response_cache.key_for(request) if response_cache.enabled(request) else None
        kept = response_cache.get(key) if key else None
        hit = kept is not None
        if kept is None:
            claim = self.get_object()
            kept = (render(self._payload(claim)), etags.format_etag(claim.pk, claim.version))
            if key:
                response_cache.put(key, kept)
        body, etag = kept
        response = Response(Rendered(body))
        response["ETag"] = etag
        return response_cache.mark(response, key, hit)

    def create(self, request):
        data = self._validated(ClaimWriteSerializer, request.data)
        try:
            claim = services.claim_create(actor=request.user, **data)
        except DjangoValidationError as error:
            existing = services.duplicate_claim_id(error)
            if existing is None:
                raise
            raise Duplicate(
                " ".join(error.messages),
                existing_id=existing,
                existing_url=request.build_absolute_uri(
                    reverse("api:claim-detail", args=[existing])
                ),
            ) from error
        return self._claim_answer(claim.pk, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        claim = self.get_object()
        expected = self.expected_version(claim)
        changes = self._validated(ClaimUpdateSerializer, request.data)
        mentions = changes.pop("mentions", None)
        if changes or mentions is not None:
            services.claim_update(
                actor=request.user,
                claim=claim,
                expected_version=expected,
                mentions=mentions,
                **changes,
            )
        elif expected != claim.version:  # nothing to change, but the precondition still holds
            raise StaleVersion(claim_id=claim.pk, expected=expected, current=claim.version)
        return self._claim_answer(claim.pk)

    @extend_schema(
        summary="Decide, send to review or reopen a claim",
        description="unreviewed → in_review (editor); in_review → verified, disputed, "
        "refuted, misleading, unverifiable or not_checkable, and a decided claim back to "
        "in_review (reviewer, with a rationale, never on a claim you created). Verified "
        "needs supporting and refuted refuting evidence from another source. Writes a "
        "Review. Needs `If-Match`.",
        parameters=[IF_MATCH, ETAG],
        request=TransitionSerializer,
        responses={
            200: _claim_response("Moved; the ETag header has the new version."),
            **error_responses(*WRITE_ERRORS, 412, 428),
        },
        examples=[examples.TRANSITION],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        claim = self.get_object()
        expected = self.expected_version(claim)
        data = self._validated(TransitionSerializer, request.data)
        services.claim_transition(
            actor=request.user,
            claim=claim,
            to=data["to"],
            rationale=data["rationale"],
            expected_version=expected,
        )
        return self._claim_answer(claim.pk)

    # ------------------------------------------------------------------ sub-resources

    @extend_schema(
        summary="Attach evidence to a claim (editor)",
        description="`quote` must be words the evidence source really contains (empty when "
        "we hold no text of it). No If-Match needed.",
        request=EvidenceWriteSerializer,
        responses={
            201: OpenApiResponse(EvidenceCreatedSerializer, description="Attached."),
            **error_responses(*WRITE_ERRORS),
        },
        examples=[examples.EVIDENCE],
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        claim = self.get_object()
        data = self._validated(EvidenceWriteSerializer, request.data)
        evidence = services.evidence_attach(actor=request.user, claim=claim, **data)
        evidence = type(evidence).objects.select_related("source__publisher").get(pk=evidence.pk)
        return Response(
            EvidenceCreatedSerializer(evidence, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Annotate a claim: a note, a question, or a flag with a reason (editor)",
        request=AnnotationWriteSerializer,
        responses={
            201: OpenApiResponse(AnnotationCreatedSerializer, description="Added."),
            **error_responses(*WRITE_ERRORS),
        },
        examples=[examples.FLAG],
    )
    @action(detail=True, methods=["post"])
    def annotations(self, request, pk=None):
        claim = self.get_object()
        data = self._validated(AnnotationWriteSerializer, request.data)
        annotation = services.annotation_create(actor=request.user, claim=claim, **data)
        return self._annotation_answer(annotation.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Resolve a flag or question, with a note (editor)",
        description="The resolution is recorded with the annotation, never deleted.",
        request=ResolveSerializer,
        responses={
            200: OpenApiResponse(AnnotationCreatedSerializer, description="Resolved."),
            **error_responses(*WRITE_ERRORS),
        },
        examples=[examples.RESOLVE],
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None, annotation_id=None):
        claim = self.get_object()
        annotation = get_object_or_404(Annotation, pk=annotation_id, claim=claim)
        data = self._validated(ResolveSerializer, request.data)
        services.annotation_resolve(actor=request.user, annotation=annotation, note=data["note"])
        return self._annotation_answer(annotation.pk)

    def _annotation_answer(self, pk: int, status_code=status.HTTP_200_OK) -> Response:
        annotation = Annotation.objects.select_related("author", "resolved_by").get(pk=pk)
        return Response(AnnotationCreatedSerializer(annotation).data, status=status_code)

    # ------------------------------------------------------------------ ClaimReview

    @extend_schema(
        summary="schema.org ClaimReview (JSON-LD) of a decided claim",
        description="`claimReviewed`, `itemReviewed` (a Claim with author, appearance, "
        "firstAppearance, datePublished), `reviewRating` (alternateName = the verdict, "
        "ratingExplanation = the latest review's rationale), and the review's author and "
        "datePublished. 404 for a claim that is not decided.",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="ClaimReview",
                examples=[examples.CLAIM_REVIEW],
            ),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            **error_responses(*DETAIL_ERRORS),
        },
    )
    @action(detail=True, methods=["get"])
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        url = request.build_absolute_uri(reverse("api:claim-claimreview", args=[claim.pk]))
        data = claim_review(claim, review_url=url)
        if data is None:
            raise NotFound("This claim has no verdict yet: only decided claims have a ClaimReview.")
        return Response(data)

    # (last in the class: the name `list` would shadow the builtin in later annotations)
    def _payload(self, claim) -> dict:
        found = self._payloads([claim])
        if not found:  # deleted since it was read
            raise NotFound("No claim matches the given query.")
        return found[0]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            return super().list(request, *args, **kwargs)
        key = response_cache.key_for(request) if response_cache.enabled(request) else None
        body = response_cache.get(key) if key else None
        hit = body is not None
        if body is None:
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            body = render(self.paginator.get_paginated_response(self._payloads(page)).data)
            if key:
                response_cache.put(key, body)
        return response_cache.mark(Response(Rendered(body)), key, hit)


@extend_schema_view(
    list=extend_schema(
        summary="List entities",
        description="Countries, organisations, agreements, programmes... named by claims. "
        "Public. `?format=csv` gives all matching rows.",
        responses={200: EntitySerializer(many=True), **error_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="One entity", responses={200: EntitySerializer, **error_responses(*DETAIL_ERRORS)}
    ),
)
class EntityViewSet(ErrorsAsJSONMixin, ListWithCSVMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Entity.objects.order_by("id")
    serializer_class = EntitySerializer
    filterset_class = EntityFilterSet
    ordering_fields = {"id": OrderingField("id", int), "name": OrderingField("name")}
    csv_header = ["id", "name", "kind", "wikidata_id", "aliases", "description"]
    csv_filename = "entities.csv"

    def csv_row(self, entity):
        return [
            entity.id,
            entity.name,
            entity.kind,
            entity.wikidata_id,
            "; ".join(entity.aliases),
            entity.description,
        ]
