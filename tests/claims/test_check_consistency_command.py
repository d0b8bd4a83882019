"""`manage.py check_consistency`: prints its report; one clear line on bad input."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Annotation

from ..factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TRIPLED = "Sales of the model tripled to 300 units from 120 units."


def candidate(body):
    source = SourceFactory(body=body)
    ClaimFactory(
        source=source,
        quote=body,
        start=0,
        end=len(body),
        status="proposed",
        subject=None,
        predicate="",
    )
    return source


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("check_consistency", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_command_prints_its_report_and_a_rerun_flags_nothing_new(roles):
    candidate(TRIPLED)
    first = run()
    assert first == (
        "check_consistency: every source: 1 check, 1 flagged, 0 already flagged, 0 resolved.\n"
    )
    second = run()
    assert "1 check, 0 flagged, 1 already flagged, 0 resolved" in second
    assert Annotation.objects.open_flags("numeric_inconsistency").count() == 1


def test_one_source_only(roles):
    mine = candidate(TRIPLED)
    candidate("The garrison halved from 3,200 to 2,100 troops.")
    output = run("--source", str(mine.pk))
    assert output.startswith(f"check_consistency: source {mine.pk} ({mine.title}): 1 check,")
    assert Annotation.objects.open_flags("numeric_inconsistency").count() == 1


def test_verbose_output_shows_the_arithmetic_of_each_failure(roles):
    candidate(TRIPLED)
    output = run("--verbosity", "2")
    assert "300 / 120 = 2.50, which is not 'tripled'" in output


def test_the_history_names_the_command(roles):
    candidate(TRIPLED)
    run()
    flag = Annotation.objects.get()
    [event] = flag.events.all()
    assert event.pgh_context.metadata["command"] == "check_consistency"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "check_consistency: there is no source 0."),
        ("abc", "check_consistency: --source takes a source id, not 'abc'."),
    ],
)
def test_bad_input_is_one_clear_line(roles, value, message):
    with pytest.raises(CommandError, match=f"^{message}$"):
        run("--source", value)


def test_bad_input_exits_non_zero_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "check_consistency", "--source", "abc"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: check_consistency: --source takes a source id, not 'abc'."
    ]
    assert "Traceback" not in result.stderr
