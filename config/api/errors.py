"""One error shape for the whole API, produced by one exception handler.

Every error answer is ``{"detail": str, "code": str, "errors": {field: [message, ...]}}``:
`detail` is a sentence for a person, `code` a stable word for a program, `errors` the field
messages (`non_field_errors` for the request as a whole; nested fields are dotted paths such
as `mentions.0`). A 412 adds `current_version` and `etag`; a 409 `duplicate` adds
`duplicate_of` (`id` and `url` of the existing resource).

Database errors are mapped by name, never by kind: a unique constraint that a concurrent write
won (validation passed, then the other write committed first) is 409; the quote triggers'
check_violation is 400 on `quote`; a missing row is 404 only when it is the resource the view
serves (deleted between the view's read and the service's write). Anything else is a bug: the
handler answers nothing, DRF re-raises, and Django logs a 500.
"""

import re

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings

from config.errors import StaleVersion

from .etags import format_etag
from .params import UnknownQueryParameters

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class PreconditionFailed(exceptions.APIException):
    """The If-Match version is not the current one: someone else changed the resource."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale_version"

    def __init__(self, detail: str, *, current_version: int | None, etag: str | None):
        super().__init__(detail)
        self.current_version, self.etag = current_version, etag


class PreconditionRequired(exceptions.APIException):
    status_code = 428  # Precondition Required (RFC 6585)
    default_code = "precondition_required"
    default_detail = "Send the If-Match header with the ETag you read."


class Conflict(exceptions.APIException):
    """A database constraint refused a write that validation let through (a concurrent write)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with data saved at the same moment; reload and try again."
    default_code = "conflict"


class Duplicate(Conflict):
    """The resource to create exists already; the body names it (`duplicate_of`)."""

    default_code = "duplicate"

    def __init__(self, detail: str, *, existing_id: int, existing_url: str):
        super().__init__(detail)
        self.duplicate_of = {"id": existing_id, "url": existing_url}


class RequestBodyTooLarge(exceptions.ParseError):
    default_code = "body_too_large"


# Unique constraints two concurrent writes can race for (each passed validation alone).
RACED_UNIQUE_CONSTRAINTS = frozenset(
    {
        "claim_mention_unique",
        "evidence_claim_source_stance_unique",
        "annotation_one_open_unsourced_flag",
        "annotation_one_open_flag_per_check",
        "claim_relation_unique",
        "entity_name_kind_unique",
        "entity_wikidata_unique",
        "source_url_unique",
    }
)
# The quote triggers (claims/models.py) raise check_violation from their pgtrigger functions,
# named pgtrigger_<trigger name>_<hash>; PL/pgSQL names the function in the error's context.
_QUOTE_TRIGGER = re.compile(r"\bpgtrigger_(claim_quote_matches_source|evidence_quote_in_source)_")
_QUOTE_MESSAGES = {
    "claim_quote_matches_source": "The quote must equal the source text between the offsets.",
    "evidence_quote_in_source": "The evidence quote must be words the evidence source "
    "really contains.",
}
UNIQUE_VIOLATION, CHECK_VIOLATION = "23505", "23514"


def _from_integrity_error(exc: IntegrityError) -> exceptions.APIException | None:
    """The answer to a database refusal we expect, or None (a bug: a logged 500)."""
    diag = getattr(exc.__cause__, "diag", None)
    if diag is None:
        return None
    if diag.sqlstate == UNIQUE_VIOLATION and diag.constraint_name in RACED_UNIQUE_CONSTRAINTS:
        return Conflict()
    if diag.sqlstate == CHECK_VIOLATION:
        trigger = _QUOTE_TRIGGER.search(diag.context or "")
        if trigger:
            converted = exceptions.ValidationError({"quote": [_QUOTE_MESSAGES[trigger[1]]]})
            converted.domain_code = "invalid"
            return converted
    return None


def _is_the_views_resource(exc: ObjectDoesNotExist, context) -> bool:
    """A missing row of the model the view serves, not a related object a bug reached for
    (RelatedObjectDoesNotExist is also an AttributeError)."""
    view = context.get("view") if context else None
    get_queryset = getattr(view, "get_queryset", None)
    if get_queryset is None or isinstance(exc, AttributeError):
        return False
    try:
        model = get_queryset().model
    except AssertionError:  # a generic view without a queryset serves no model
        return False
    return isinstance(exc, model.DoesNotExist)


def _flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as flat `{dotted.field: [messages]}`."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = NON_FIELD if key in (NON_FIELD, "__all__") and not prefix else str(key)
            for field, messages in _flatten(value, f"{prefix}{name}.").items():
                flat.setdefault(field, []).extend(messages)
    elif isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        flat[prefix.rstrip(".") or NON_FIELD] = [str(e) for e in errors]
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if value:
                flat.update(_flatten(value, f"{prefix}{index}."))
    elif errors:
        flat[prefix.rstrip(".") or NON_FIELD] = [str(errors)]
    return flat


def _first_code(codes) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, dict):
        codes = list(codes.values())
    for code in codes or []:
        found = _first_code(code)
        if found:
            return found
    return "invalid"


def _from_django_validation(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            (NON_FIELD if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
        codes = [error.code for errors in exc.error_dict.values() for error in errors]
    else:
        detail = {NON_FIELD: exc.messages}
        codes = [error.code for error in exc.error_list]
    converted = exceptions.ValidationError(detail)
    converted.domain_code = next((code for code in codes if code), "invalid")
    return converted


def _detail_for_validation(errors: dict[str, list[str]]) -> str:
    if set(errors) == {NON_FIELD}:
        return " ".join(errors[NON_FIELD])
    fields = ", ".join(sorted(field for field in errors if field != NON_FIELD))
    return f"Invalid input: see the messages for {fields}."


def _changed_by(claim_id: int, version: int | None):
    """The user whose write gave the claim this version, from its history; None if unknown."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    events = apps.get_model("claims", "ClaimEvent").objects.filter(
        pgh_obj_id=claim_id, version=version
    )
    user_id = events.order_by("-pgh_id").values_list("pgh_context__metadata__user", flat=True)
    user_id = user_id.first()
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def stale_version_detail(exc: StaleVersion, *, etag: str, reader) -> str:
    """A 412 says what is known: the version moved since the ETag sent, and by whom. It must not
    say "someone else" when the reader's own earlier write moved it."""
    moved = (
        f"Claim {exc.claim_id} is at version {exc.current}: it has changed since version "
        f"{exc.expected}, the ETag you sent"
    )
    by = _changed_by(exc.claim_id, exc.current)
    if by is not None and reader is not None and by.pk == reader.pk:
        moved += " (you changed it yourself, in an earlier request)"
    elif by is not None:
        moved += f" (last changed by {by.get_username()})"
    return f"{moved}. Nothing was written: send If-Match {etag} after re-reading it."


def api_exception_handler(exc, context):
    """Map every error to the one shape; domain exceptions from the services included."""
    # Imported here: rest_framework.views reads DEFAULT_PARSER_CLASSES when it is imported,
    # and config.api.parsers imports this module, so a top-level import is circular.
    from rest_framework.views import exception_handler as drf_exception_handler
    from rest_framework.views import set_rollback

    if isinstance(exc, StaleVersion):
        etag = format_etag(exc.claim_id, exc.current)
        request = context.get("request") if context else None
        detail = stale_version_detail(exc, etag=etag, reader=getattr(request, "user", None))
        exc = PreconditionFailed(detail, current_version=exc.current, etag=etag)
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django_validation(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ObjectDoesNotExist):
        if not _is_the_views_resource(exc, context):
            return None
        exc = exceptions.NotFound()
    elif isinstance(exc, IntegrityError):
        exc = _from_integrity_error(exc)
        if exc is None:
            return None

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail) or {NON_FIELD: ["Invalid input."]}
        body = {
            "detail": _detail_for_validation(errors),
            "code": getattr(exc, "domain_code", None) or _first_code(exc.get_codes()),
            "errors": errors,
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        code = _first_code(exc.get_codes())
        errors = {NON_FIELD: [str(detail)]} if isinstance(exc, exceptions.ParseError) else {}
        body = {"detail": str(detail), "code": code, "errors": errors}
    else:  # pragma: no cover - drf_exception_handler only answers the kinds above
        body = {"detail": str(exc), "code": "error", "errors": {}}

    if isinstance(exc, UnknownQueryParameters):
        body["detail"] = exc.sentence()
    if isinstance(exc, Duplicate):
        body["duplicate_of"] = exc.duplicate_of
    if isinstance(exc, PreconditionFailed):
        body["current_version"] = exc.current_version
        body["etag"] = exc.etag
        if exc.etag:
            response["ETag"] = exc.etag
    response.data = body
    set_rollback()
    return response


class ErrorSerializer(serializers.Serializer):
    """The error shape, for the OpenAPI document."""

    detail = serializers.CharField(help_text="What went wrong, for a person.")
    code = serializers.CharField(
        help_text="A stable word for programs: invalid, not_authenticated, permission_denied, "
        "not_found, stale_version, precondition_required, throttled, parse_error, "
        "or a rule's own code (four_eyes, missing_evidence, locked, ...)."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field; `non_field_errors` for the request as a whole.",
    )


class StaleVersionErrorSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(
        allow_null=True, help_text="The version the resource has now."
    )
    etag = serializers.CharField(allow_null=True, help_text="The ETag to send after re-reading.")


class DuplicateOfSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The existing resource's id.")
    url = serializers.URLField(help_text="Where to read it.")


class DuplicateErrorSerializer(ErrorSerializer):
    """The error shape, with the existing resource a 409 `duplicate` names."""

    duplicate_of = DuplicateOfSerializer(help_text="The resource that exists already.")
