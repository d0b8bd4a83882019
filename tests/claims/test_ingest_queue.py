"""Background intake: `manage.py ingest --queue` defers one procrastinate job per input, and two
real worker processes (`manage.py procrastinate worker`) on one queue run them against the test
database, each job exactly once, both workers taking some."""

import json
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from claims.intake import INTAKE_ACCOUNT
from claims.models import Candidate
from claims.selectors import claim_history
from claims.tasks import INTAKE_QUEUE
from sources.models import Source

from ..test_serving import _database_url

ROOT = Path(__file__).resolve().parents[2]
JOBS = 24  # good inputs; one bad input joins them

ARTICLE = """Harbour council {n} approves a new ferry budget

Source
Coast Wire {n}
Time
2026-05-{day:02d} 08:00:00

By Staff Reporter

The harbour council approved a ferry budget of {amount} million dollars for fiscal year 2027, \
the transport department said.

The figure is up from {previous} million dollars a year earlier.
"""


def _sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _wait_for(condition, *, timeout: float, what: str, workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for worker, log in workers:
            if worker.poll() is not None:
                pytest.fail(f"a worker exited ({worker.returncode}): {log.read_text()[-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def _start_worker(name: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "DEBUG": "1"}
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker",
             "--queues", INTAKE_QUEUE, "--name", name, "--concurrency", "1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )


@pytest.fixture
def inputs(tmp_path):
    paths = []
    for n in range(JOBS):
        path = tmp_path / f"article-{n:02d}.txt"
        path.write_text(
            ARTICLE.format(n=n, day=n % 28 + 1, amount=100 + n, previous=50 + n), encoding="utf-8"
        )
        paths.append(path)
    return paths


def test_two_workers_run_every_queued_intake_job_exactly_once(transactional_db, roles, inputs,
                                                              tmp_path):
    bad = tmp_path / "missing.txt"  # never written: the worker cannot read it
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    workers = []
    try:
        for name, log in zip(("worker-a", "worker-b"), logs, strict=True):
            workers.append((_start_worker(name, log), log))
        # Both workers listen before anything is queued, so neither can take the whole queue
        # before the other has started.
        _wait_for(
            lambda: _sql("SELECT count(*) FROM procrastinate_workers")[0][0] == 2,
            timeout=30, what="two registered workers", workers=workers,
        )

        out = StringIO()
        call_command("ingest", "--queue", *map(str, [*inputs, bad]), stdout=out)
        assert f"ingest: {JOBS + 1} jobs queued on 'intake'" in out.getvalue()
        # Nothing is ingested by the command itself: the workers do it.
        jobs = _sql(
            "SELECT id, args->>'target' FROM procrastinate_jobs WHERE task_name = 'claims.ingest'"
        )
        assert sorted(target for _, target in jobs) == sorted(map(str, [*inputs, bad]))
        job_ids = [job_id for job_id, _ in jobs]

        _wait_for(
            lambda: _sql(
                "SELECT count(*) FROM procrastinate_jobs WHERE id = ANY(%s) "
                "AND status IN ('succeeded', 'failed')", [job_ids],
            )[0][0] == len(job_ids),
            timeout=40, what="every job to finish", workers=workers,
        )
        # Read while the workers are alive: a worker that stops deregisters, and its jobs'
        # worker_id is set to NULL.
        rows = _sql(
            "SELECT j.args->>'target', j.status::text, j.attempts, j.worker_id, "
            "  (SELECT count(*) FROM procrastinate_events e "
            "    WHERE e.job_id = j.id AND e.type = 'started'), "
            "  (SELECT count(*) FROM procrastinate_events e "
            "    WHERE e.job_id = j.id AND e.type IN ('succeeded', 'failed')) "
            "FROM procrastinate_jobs j WHERE j.id = ANY(%s)", [job_ids],
        )
        registered = {row[0] for row in _sql("SELECT id FROM procrastinate_workers")}
    finally:
        for worker, _ in workers:
            worker.terminate()
        for worker, _ in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    by_target = {row[0]: row[1:] for row in rows}
    # The bad input failed its own job, once, with its reason in the worker's log.
    assert by_target.pop(str(bad))[:2] == ("failed", 1)
    log_text = "".join(log.read_text() for log in logs)
    assert f"IngestJobFailed: {bad}: cannot read {bad}: No such file or directory" in log_text
    # Every other job succeeded exactly once: one attempt, started once, finished once.
    assert {
        target: (status, attempts, started, finished)
        for target, (status, attempts, _, started, finished) in by_target.items()
    } == {str(path): ("succeeded", 1, 1, 1) for path in inputs}
    # Both workers, registered while they ran, took some of the jobs.
    ran_by = {worker_id for _, _, worker_id, _, _ in by_target.values()}
    assert len(ran_by) == 2
    assert ran_by <= registered

    # What the jobs did is what `manage.py ingest` does: each source stored with candidates,
    # proposed by the intake account in the `ingest` command's history context.
    sources = Source.objects.filter(title__startswith="Harbour council")
    assert sources.count() == JOBS
    for source in sources:
        candidates = Candidate.objects.filter(source=source)
        assert candidates.exists(), source.title
        entry = next(e for e in claim_history(candidates.first()) if e.label == "insert")
        assert entry.user.username == INTAKE_ACCOUNT
        assert entry.context.get("command") == "ingest"


def test_queueing_writes_no_source_and_hands_workers_absolute_paths(db, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text(ARTICLE.format(n=1, day=1, amount=1, previous=1))
    out = StringIO()
    call_command(
        "ingest", "--queue", "--timezone", "Asia/Tokyo", "wire.txt", "https://example.org/a",
        stdout=out,
    )
    assert out.getvalue().startswith("ingest: 2 jobs queued on 'intake' (ids ")
    jobs = _sql(
        "SELECT args::text, status::text, queue_name FROM procrastinate_jobs "
        "WHERE task_name = 'claims.ingest' ORDER BY id DESC LIMIT 2"
    )
    assert sorted(
        (json.loads(args)["target"], json.loads(args)["timezone"], status, queue)
        for args, status, queue in jobs
    ) == [
        (str(tmp_path / "wire.txt"), "Asia/Tokyo", "todo", "intake"),
        ("https://example.org/a", "Asia/Tokyo", "todo", "intake"),
    ]
    assert not Source.objects.exists()
