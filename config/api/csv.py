"""CSV for every list: streamed, every matching row (not one page), safe for spreadsheets."""

import csv
from collections.abc import Callable, Iterable

from django.http import StreamingHttpResponse
from rest_framework import renderers

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500


class CSVRenderer(renderers.BaseRenderer):
    """Declares text/csv for content negotiation and the OpenAPI document.

    List views stream CSV themselves (see `streaming_csv`); this renderer only writes the
    rare small answer that reaches it as data.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    renders_errors = False

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        return ""


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def streaming_csv(
    *, header: list[str], rows: Iterable, row: Callable[[object], list], filename: str
) -> StreamingHttpResponse:
    """A CSV response written row by row as the database cursor yields them."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for item in rows:
            yield writer.writerow([_cell(value) for value in row(item)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
