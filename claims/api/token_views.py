"""/api/v1/tokens/: a signed-in user lists, issues and revokes their own API tokens.

Everything goes through claims.api.tokens. Another user's token is not found (404), never
revoked. The secret is in the answer to the POST only; a token issued with a token expires no
later than that one (a leaked token cannot mint a longer-lived one).
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from config.api.schema import READ_ERRORS, WRITE_ERRORS, error_responses
from config.api.views import ErrorsAsJSONMixin

from ..models import ApiToken
from .serializers import StrictSerializer
from .tokens import token_issue, token_revoke, tokens_of


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The schema's `tokenAuth`, as it was with DRF's tokens: the header did not change."""

    target_class = "claims.api.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )


class ApiTokenSerializer(serializers.ModelSerializer):
    expired = serializers.SerializerMethodField(help_text="True once the token no longer works.")
    current = serializers.SerializerMethodField(
        help_text="True for the token this request was made with."
    )

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expiry", "last_used_at", "expired", "current"]
        read_only_fields = fields
        extra_kwargs = {
            "created": {"help_text": "When it was issued."},
            "last_used_at": {
                "help_text": "Its last use by a request (to within five minutes); null if never."
            },
        }

    def get_expired(self, token) -> bool:
        return token.expiry <= self.context["now"]

    def get_current(self, token) -> bool:
        auth = getattr(self.context.get("request"), "auth", None)
        return isinstance(auth, ApiToken) and auth.pk == token.pk


class ApiTokenIssuedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        help_text="The secret, shown only in this answer: send `Authorization: Token <key>`."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]


class ApiTokenIssueSerializer(StrictSerializer):
    """A new token: its name, and optionally its lifetime. Unknown fields are refused."""

    name = serializers.CharField(max_length=100, help_text="What it is for: a device, a script.")
    days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        help_text="Days until it expires; by default the server's API_TOKEN_TTL_DAYS (90 "
        "unless configured). A token issued with a token expires no later than that one.",
    )


OWN_TOKENS = (
    "Your own tokens only, newest first, expired ones included until revoked. Any signed-in "
    "user (session or token) manages their own; anonymous requests get 401."
)


@extend_schema_view(
    list=extend_schema(
        summary="List your API tokens",
        description=OWN_TOKENS + " Secrets are never shown again.",
        responses={200: ApiTokenSerializer(many=True), **error_responses(*READ_ERRORS)},
    ),
    create=extend_schema(
        summary="Issue yourself a new API token",
        description="Answers the token with its secret (`key`), which is shown only here: "
        "only its hash is stored.",
        request=ApiTokenIssueSerializer,
        responses={
            201: OpenApiResponse(ApiTokenIssuedSerializer, description="Issued."),
            **error_responses(*WRITE_ERRORS),
        },
        examples=[
            OpenApiExample("A laptop", value={"name": "laptop", "days": 30}, request_only=True),
        ],
    ),
    destroy=extend_schema(
        summary="Revoke one of your API tokens",
        description="Requests with it get 401 from now on. Another user's token is 404.",
        responses={
            204: OpenApiResponse(description="Revoked."),
            **error_responses(401, 404, 429),
        },
    ),
)
class ApiTokenViewSet(
    ErrorsAsJSONMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None
    filter_backends = []
    queryset = ApiToken.objects.none()  # for the schema; requests read tokens_of(user)

    def get_queryset(self):
        return tokens_of(user=self.request.user)

    def get_serializer_context(self):
        from django.utils import timezone

        return {**super().get_serializer_context(), "now": timezone.now()}

    def create(self, request, *args, **kwargs):
        given = ApiTokenIssueSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        creator = request.auth if isinstance(request.auth, ApiToken) else None
        token = token_issue(
            user=request.user,
            name=given.validated_data["name"],
            days=given.validated_data.get("days"),
            not_after=creator.expiry if creator else None,
        )
        body = ApiTokenIssuedSerializer(token, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        if not token_revoke(user=request.user, token_id=self.kwargs["pk"]):
            raise NotFound("You have no token with this id.")
        return Response(status=status.HTTP_204_NO_CONTENT)
