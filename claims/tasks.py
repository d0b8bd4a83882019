"""Background intake: `manage.py ingest --queue` defers one job per input on procrastinate's
queue (kept in PostgreSQL); `make worker` (`manage.py procrastinate worker`) runs them.

A job runs exactly what the synchronous command runs for one input, `claims.intake.ingest`,
as the same `intake` account and under the same `ingest` command context in history, so the
two paths cannot drift apart. A job whose input cannot be read, fetched or parsed fails with
that one-line reason (in the worker's log and as the job's `failed` status); the other jobs go
on. Paths are read by the worker that runs the job, so workers on other machines need the same
files (a shared folder); URLs are fetched by the worker.
"""

from pathlib import Path

from django.db import IntegrityError
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from .intake import FAILED, ingest

INTAKE_QUEUE = "intake"


class IngestJobFailed(Exception):
    """The input of an intake job could not be ingested; the message says why, in one line."""


@app.task(
    name="claims.ingest",
    queue=INTAKE_QUEUE,
    # Two jobs may create the same new publisher at the same moment: the loser's transaction
    # is rolled back whole (ingest is all or nothing) and its second attempt finds the winner's.
    # Bad input is never retried: it fails the same way every time.
    retry=RetryStrategy(max_attempts=3, wait=1, retry_exceptions={IntegrityError}),
)
def ingest_job(*, target: str, timezone: str | None = None) -> dict:
    """Ingest one path or URL, as `manage.py ingest TARGET` does. Returns what it did (logged
    by the worker); raises IngestJobFailed, failing the job, when the input was bad."""
    result = ingest(target, timezone=timezone)
    if result.outcome == FAILED:
        raise IngestJobFailed(f"{result.label}: {result.error}")
    return {
        "outcome": result.outcome,
        "source": result.source.pk,
        "proposed": result.proposed,
        "flags_raised": result.flags_raised,
        "moved": result.moved,
        "outdated": result.outdated,
    }


def ingest_enqueue(targets: list[str], *, timezone: str | None = None) -> list[int]:
    """Defer one intake job per target in one statement (all are queued or none) and return
    their ids. A relative path is made absolute: the worker does not share our directory."""
    return ingest_job.batch_defer(
        *({"target": _absolute(target), "timezone": timezone} for target in targets)
    )


def _absolute(target: str) -> str:
    if target.startswith(("http://", "https://")):
        return target
    return str(Path(target).resolve())
