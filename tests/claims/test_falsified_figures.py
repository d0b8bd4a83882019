"""A falsified figure in one of several reports of the same facts is flagged against the others,
and only it: three outlets report Japan's Official Security Assistance for fiscal 2026 in their
own words ("18.1 billion yen", "¥18.1bn", "JPY 18.1 billion"; "16 countries", "sixteen
countries", "Sixteen nations"), then a copy of one of them arrives with one figure changed."""

from pathlib import Path

import pytest

from claims import consistency, intake
from claims.models import Annotation
from sources.parsers import parse

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "corroboration"
HONEST = ("herald-osa.txt", "wire-osa.txt", "review-osa.txt")


def ingest(name: str, text: str):
    article = parse(text.encode(), filename=name)
    return intake.ingest_article(article).source


def honest_reports():
    return [ingest(name, (DATA / name).read_text()) for name in HONEST]


def falsified(name: str, honest: str, false: str):
    text = (DATA / name).read_text()
    assert text.count(honest) == 1
    text = text.replace(honest, false).replace("Source\n", "Source\nCopy of ", 1)
    return ingest(f"copy-{name}", text)


def open_conflict_flags():
    return Annotation.objects.open_flags("numeric_inconsistency").filter(
        check_key__startswith="conflict:"
    )


def test_reports_that_agree_in_different_words_raise_nothing(roles):
    honest_reports()
    assert not open_conflict_flags().exists()


@pytest.mark.parametrize(
    ("name", "honest", "false", "shown"),
    [
        ("wire-osa.txt", "¥18.1bn", "¥28.1bn", "¥28.1bn"),
        ("herald-osa.txt", "covers 16 countries", "covers 26 countries", "26 countries"),
        ("review-osa.txt", "JPY 18.1 billion", "JPY 19.4 billion", "JPY 19.4 billion"),
    ],
)
def test_a_falsified_figure_is_flagged_against_the_other_reports_and_only_it(
    roles, analyst, name, honest, false, shown
):
    honest_reports()
    copy = falsified(name, honest, false)
    flagged = list(open_conflict_flags())
    assert flagged, "the falsified figure was not flagged"
    assert {flag.claim.source_id for flag in flagged} == {copy.pk}
    assert all(shown in flag.body for flag in flagged)
    conflict = next(
        c
        for c in consistency.conflicts(analyst)
        if any(side.claim.source_id == copy.pk for side in c.claims)
    )
    sides = {side.claim.source_id: side.flagged for side in conflict.claims}
    assert sides[copy.pk] is True
    assert sum(not flagged for flagged in sides.values()) >= 2  # the honest reports stand
