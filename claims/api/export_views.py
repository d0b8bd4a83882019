"""The change feed, a source's claims as W3C Web Annotations, and the Atom feed of newly
verified claims. Visibility is the selectors'; shapes are `claims.exports`'."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.pagination import KeysetPagination
from config.api.schema import DETAIL_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin
from sources.models import Source

from ..exports import (
    WEB_ANNOTATION_PROFILE,
    claim_page_path,
    source_annotation_collection,
    verified_atom,
)
from ..feeds import PARTS, InvalidCursor, claim_changes, recently_verified
from ..selectors import claims_visible_to
from .renderers import AtomRenderer, JSONLDRenderer

CHANGE_KINDS = ("created", "updated", "decided", "withdrawn", "deleted")


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Pass as `since` to read what came after this.")
    change = serializers.ChoiceField(
        choices=CHANGE_KINDS,
        help_text="created, updated, decided (a verdict, new or changed), withdrawn (left the "
        "published set: reopened or deleted), deleted (analysts and up).",
    )
    at = serializers.DateTimeField()
    claim = serializers.IntegerField(source="claim_id")
    url = serializers.URLField(help_text="Read the claim here (404 once it is not visible).")
    part = serializers.ChoiceField(
        choices=PARTS, help_text="What changed: the claim itself, or what hangs off it."
    )
    status = serializers.CharField(allow_null=True, help_text="The claim's status then.")
    version = serializers.IntegerField(allow_null=True, help_text="The claim's version then.")


class ChangePageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next = serializers.URLField(help_text="Poll this for what comes next (always present).")
    has_more = serializers.BooleanField(help_text="More changes are waiting now.")


class ChangeFeedView(ErrorsAsJSONMixin, APIView):
    """Claims created, updated, decided and withdrawn, in order, from the history tables."""

    @extend_schema(
        operation_id="changes_list",
        summary="Change feed: mirror claims incrementally",
        description="Every change to the claims you may see, oldest first, read from the "
        "history tables. Start without `since`, then follow `next` (or keep the last "
        "`cursor`). Anonymous readers see the published set move: `decided` when a claim "
        "gets or changes its verdict, `updated` when a published claim's parts change, "
        "`withdrawn` when it is reopened or deleted. Analysts and up also see `created`, "
        "every `updated` and `deleted`. A change is listed once every transaction that "
        "could still add an earlier one has finished.",
        parameters=[
            OpenApiParameter(
                "since", OpenApiTypes.STR, description="A cursor from this feed; none: start."
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": settings.API_MAX_PAGE_SIZE},
                description=f"Changes per page (default {settings.API_PAGE_SIZE}, "
                f"at most {settings.API_MAX_PAGE_SIZE}).",
            ),
        ],
        responses={200: ChangePageSerializer, **error_responses(400, 401, 406, 429)},
    )
    def get(self, request):
        page_size = KeysetPagination().page_size_for(request)
        since = request.query_params.get("since") or None
        try:
            changes = claim_changes(request.user, since=since, limit=page_size + 1)
        except InvalidCursor:
            raise ValidationError(
                {"since": ["This cursor is not one this feed issued; start without it."]}
            ) from None
        has_more = len(changes) > page_size
        changes = changes[:page_size]
        last = changes[-1].cursor if changes else since
        results = [
            {
                "cursor": change.cursor,
                "change": change.change,
                "at": change.at,
                "claim_id": change.claim_id,
                "url": request.build_absolute_uri(
                    reverse("api:claim-detail", args=[change.claim_id])
                ),
                "part": change.part,
                "status": change.status,
                "version": change.version,
            }
            for change in changes
        ]
        params = request.query_params.copy()
        params.pop("since", None)
        if last:
            params["since"] = last
        next_url = request.build_absolute_uri(reverse("api:changes"))
        if params:
            next_url = f"{next_url}?{params.urlencode()}"
        return Response(
            ChangePageSerializer({"results": results, "next": next_url, "has_more": has_more}).data
        )


class SourceAnnotationsView(ErrorsAsJSONMixin, APIView):
    renderer_classes = [JSONLDRenderer, JSONRenderer]

    @extend_schema(
        operation_id="sources_annotations_retrieve",
        summary="A source's claims as W3C Web Annotations (JSON-LD)",
        description="An AnnotationCollection with one annotation per claim you may see on "
        "this source: the statement and status as bodies, and as target the passage by "
        "TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (start, end in "
        "Unicode code points).",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="AnnotationCollection"
            ),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            **error_responses(*DETAIL_ERRORS),
        },
    )
    def get(self, request, pk: int):
        source = get_object_or_404(Source, pk=pk)
        claims = claims_visible_to(request.user).filter(source=source).order_by("start", "id")
        source_api_url = request.build_absolute_uri(reverse("api:source-detail", args=[pk]))
        data = source_annotation_collection(
            source,
            claims,
            collection_url=request.build_absolute_uri(),
            target=source.url or source_api_url,
            annotation_id=lambda claim: request.build_absolute_uri(
                reverse("api:claim-detail", args=[claim.pk])
            ),
        )
        content_type = (
            WEB_ANNOTATION_PROFILE if request.accepted_renderer.format == "jsonld" else None
        )
        return Response(data, content_type=content_type)


class VerifiedAtomView(ErrorsAsJSONMixin, APIView):
    renderer_classes = [AtomRenderer]
    limit = 50

    @extend_schema(
        operation_id="claims_verified_atom",
        summary="Atom feed of newly verified claims",
        description=f"The {limit} most recently verified claims, newest first.",
        responses={
            (200, "application/atom+xml"): OpenApiResponse(OpenApiTypes.STR),
            **error_responses(401, 406, 429, media_type="application/json"),
        },
    )
    def get(self, request):
        claims = recently_verified(request.user, limit=self.limit)
        body = verified_atom(
            claims,
            feed_url=request.build_absolute_uri(),
            site_url=request.build_absolute_uri(f"{reverse('claims:claim_list')}?status=verified"),
            claim_url=lambda claim: request.build_absolute_uri(
                reverse("api:claim-detail", args=[claim.pk])
            ),
            page_url=lambda claim: request.build_absolute_uri(claim_page_path(claim)),
        )
        return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
