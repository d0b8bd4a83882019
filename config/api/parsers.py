"""The API reads JSON only, of bounded size, strictly (no NaN or Infinity)."""

import json

from django.conf import settings
from rest_framework import exceptions, parsers

from .errors import RequestBodyTooLarge


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(parsers.JSONParser):
    """JSON bodies up to settings.API_MAX_BODY_BYTES; a larger one is refused before parsing.

    DRF's own parser reads the whole stream whatever its size (Django's upload limit only
    guards form data), so the limit is enforced here.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise RequestBodyTooLarge(
                f"The request body is {int(declared)} bytes; the limit is {limit} bytes."
            )
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestBodyTooLarge(f"The request body is over the limit of {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as error:
            raise exceptions.ParseError(f"The request body is not valid JSON: {error}") from None
