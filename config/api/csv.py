"""CSV in the API: `?format=csv` on a list gives every matching row (not one page).

The rows are streamed by `config.csv_stream.streaming_csv`, the writer the pages use too.
"""

from rest_framework import renderers

CHUNK_SIZE = 500


class CSVRenderer(renderers.BaseRenderer):
    """Declares text/csv for content negotiation and the OpenAPI document.

    List views stream CSV themselves (`config.csv_stream.streaming_csv`); this renderer only
    writes the rare small answer that reaches it as data.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    renders_errors = False

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        return ""
