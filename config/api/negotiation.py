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
