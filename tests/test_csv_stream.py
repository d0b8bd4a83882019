"""The one CSV writer every export uses (config/csv_stream.py): its cell rule and its stream."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from config.csv_stream import csv_cell, streaming_csv


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(start):
    assert csv_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, "-5"),
        (Decimal("-1.50"), "-1.50"),
        (date(2026, 1, 2), "2026-01-02"),
        (None, ""),
        ("", ""),
        (True, "true"),
        (False, "false"),
        ("Plain text", "Plain text"),
    ],
)
def test_numbers_dates_and_plain_text_are_written_as_they_are(value, cell):
    assert csv_cell(value) == cell


def test_the_stream_reads_rows_only_when_sent_and_names_the_file():
    read = []

    def rows():
        for n in (1, 2):
            read.append(n)
            yield n

    response = streaming_csv(
        header=("n", "text"), rows=rows(), row=lambda n: [n, f"={n}"], filename="n.csv"
    )
    assert read == []
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body))) == [["n", "text"], ["1", "'=1"], ["2", "'=2"]]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="n.csv"'
