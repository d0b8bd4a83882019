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
