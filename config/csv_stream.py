"""CSV downloads, pages and API alike: streamed row by row, safe to open in a spreadsheet.

One writer and one cell rule for every export, so a fix to either reaches them all.
"""

import csv
from collections.abc import Callable, Iterable

from django.http import StreamingHttpResponse

# A spreadsheet runs a text cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file that hands back what it is given, so csv.writer returns each line to yield."""

    def write(self, value):
        return value


def csv_cell(value) -> str:
    """One cell: text that a spreadsheet would run gets a leading `'` (OWASP's advice).

    Only text is defused: numbers (a negative one too) and dates stay as they are. None is an
    empty cell; booleans are `true`/`false`.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def streaming_csv(
    *, header: Iterable[str], rows: Iterable, row: Callable[[object], list], filename: str
) -> StreamingHttpResponse:
    """A CSV download written as `rows` yields them: the header, then `row(item)` per item.

    Pass a lazy iterable (`queryset.iterator()`): nothing is read before the first line is sent,
    and memory stays flat however many rows there are.
    """
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for item in rows:
            yield writer.writerow([csv_cell(value) for value in row(item)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
