import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class AtomRenderer(BaseRenderer):
    media_type = "application/atom+xml"
    format = "atom"
    charset = "utf-8"
    renders_errors = False

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, str | bytes) else ""


class Rendered:
    """A body already written as JSON bytes (claims/api/payloads.py), passed through as is."""

    def __init__(self, content: bytes):
        self.content = content


class ClaimJSONRenderer(JSONRenderer):
    """DRF's JSON renderer, which passes `Rendered` bytes through unchanged (re-indenting them
    only when the client asked for an indent in its Accept header)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Rendered):
            if not self.get_indent(accepted_media_type, renderer_context or {}):
                return data.content
            data = orjson.loads(data.content)
        return super().render(data, accepted_media_type, renderer_context)
