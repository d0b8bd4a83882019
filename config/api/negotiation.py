"""Content negotiation that answers an unknown `?format=` with 406, not DRF's 404."""

from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            offered = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise exceptions.NotAcceptable(
                f"Format {format!r} is not offered here; choose one of: {offered}."
            )
        return matching

    def select_renderer(self, request, renderers, format_suffix=None):
        param = self.settings.URL_FORMAT_OVERRIDE
        if param in request.query_params and not request.query_params.get(param):
            raise exceptions.NotAcceptable("`format` is empty: give a format or leave it out.")
        return super().select_renderer(request, renderers, format_suffix)
