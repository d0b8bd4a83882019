"""OpenAPI: the shared error answers, and two corrections to drf-spectacular's guesses."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from .errors import ErrorSerializer, StaleVersionErrorSerializer

_ERRORS = {
    400: (
        "Bad input: malformed JSON, a wrong type, an unknown choice or field, a body over the "
        "size limit, or a rule of the services (for example a quote that is not the source's "
        "text between the offsets). Nothing was written.",
        {
            "detail": "Invalid input: see the messages for quote.",
            "code": "invalid",
            "errors": {
                "quote": [
                    "The quote must equal the source text between the offsets; "
                    "the source has 'The budget grew' there."
                ]
            },
        },
    ),
    401: (
        "Writes: no credentials. Any request: a token that is not valid (revoked, or of an "
        "inactive user). Send `Authorization: Token <key>`.",
        {
            "detail": "Authentication credentials were not provided.",
            "code": "not_authenticated",
            "errors": {},
        },
    ),
    403: (
        "Signed in, but the account's role does not allow this.",
        {
            "detail": "Your account may not do this: it needs the editor or reviewer role.",
            "code": "permission_denied",
            "errors": {},
        },
    ),
    404: (
        "No such resource, or one you may not see (unpublished claims are not shown to "
        "anonymous readers).",
        {"detail": "Not found.", "code": "not_found", "errors": {}},
    ),
    406: (
        "The `format` or Accept header asks for a representation this endpoint does not offer.",
        {
            "detail": "Format 'xml' is not offered here; choose one of: csv, json.",
            "code": "not_acceptable",
            "errors": {},
        },
    ),
    412: (
        "The If-Match ETag is not the claim's current one: someone changed it since you read "
        "it. Nothing was written; re-read it (the current version and ETag are in the answer).",
        {
            "detail": "Claim 7 was changed by someone else while you edited it "
            "(you edited version 2, the current version is 3). Reload it and apply your "
            "change again.",
            "code": "stale_version",
            "errors": {},
            "current_version": 3,
            "etag": '"7-3"',
        },
    ),
    415: (
        "The body is not JSON (send Content-Type: application/json).",
        {
            "detail": 'Unsupported media type "text/plain" in request.',
            "code": "unsupported_media_type",
            "errors": {},
        },
    ),
    428: (
        "The If-Match header is missing: send the ETag of the claim as you read it.",
        {
            "detail": "Send the If-Match header with the ETag you read.",
            "code": "precondition_required",
            "errors": {},
        },
    ),
    429: (
        "Too many requests; the Retry-After header says when to try again.",
        {
            "detail": "Request was throttled. Expected available in 42 seconds.",
            "code": "throttled",
            "errors": {},
        },
    ),
}

READ_ERRORS = (400, 401, 404, 406, 429)
DETAIL_ERRORS = (401, 404, 406, 429)
WRITE_ERRORS = (400, 401, 403, 404, 415, 429)


def error_responses(*codes: int, media_type: str | None = None) -> dict:
    """The documented error answers for these status codes. Errors are always JSON: pass
    `media_type="application/json"` on a view whose own renderer is not JSON."""
    responses = {}
    for code in codes:
        description, example = _ERRORS[code]
        responses[(code, media_type) if media_type else code] = OpenApiResponse(
            response=StaleVersionErrorSerializer if code == 412 else ErrorSerializer,
            description=description,
            examples=[OpenApiExample(f"{code}", value=example, status_codes=[str(code)])],
        )
    return responses


class ClaimDeskAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Reads are open to anonymous readers (they see the published set): say so.
        if {} not in auths and any(
            getattr(permission, "allows_anonymous", lambda method: False)(self.method)
            for permission in self.view.get_permissions()
        ):
            auths.append({})
        return auths


def forbid_unknown_request_fields(result, generator, request, public):
    """Request bodies refuse fields they do not know (a typo must not be silently dropped)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


def positive_ids(result, generator, request, public):
    """Path ids are database keys: whole numbers from 1."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("type") == "integer":
                    schema["minimum"] = 1
    return result


def empty_query_values_mean_unset(result, generator, request, public):
    """A query parameter sent empty (`?status=`) counts as not sent, as in HTML forms; say so.

    Only `format` is refused when empty (406): an empty format names no representation.
    """
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter["name"] != "format":
                    parameter["allowEmptyValue"] = True
    return result


UNKNOWN_PARAMETER_EXAMPLE = {
    "summary": "An unknown query parameter",
    "value": {
        "detail": "Unknown query parameter: stauts. This endpoint knows: as_of_after, "
        "as_of_before, cursor, format, ordering, page_size, q, status, ...",
        "code": "unknown_parameter",
        "errors": {
            "stauts": ["Unknown query parameter 'stauts'; this endpoint knows: as_of_after, ..."]
        },
    },
}
UNKNOWN_PARAMETER_DESCRIPTION = (
    "A query parameter this endpoint does not read (a typo such as `stauts`), or a parameter's "
    "value it cannot read. Every unknown name is listed, with the names it knows."
)


def unknown_query_parameters_are_400(result, generator, request, public):
    """Every GET refuses query parameters it does not read (config/api/params.py): document the
    400 on each, with an example (added beside any 400 the operation documents already)."""
    for path in result.get("paths", {}).values():
        operation = path.get("get")
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        error = {"$ref": "#/components/schemas/Error"}
        if "400" not in responses:
            # Served in the media types the operation's other errors are (a JSON-LD view
            # answers its errors in JSON-LD too).
            others = [r for code, r in responses.items() if code.startswith("4")]
            media_types = list(others[0].get("content", {})) if others else []
            responses["400"] = {
                "content": {
                    media_type: {"schema": error, "examples": {}}
                    for media_type in media_types or ["application/json"]
                },
                "description": UNKNOWN_PARAMETER_DESCRIPTION,
            }
            operation["responses"] = dict(sorted(responses.items()))
        for content in operation["responses"]["400"].setdefault("content", {}).values():
            content.setdefault("examples", {})["unknown_parameter"] = UNKNOWN_PARAMETER_EXAMPLE
    return result
