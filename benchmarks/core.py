"""Core benchmarks: bulk load, full-text search, the public list, edits, decisions, history.

Prints figures; not part of the test suite. Runs in its own scratch database
(`claimdesk_bench`, dropped afterwards) on the configured server.

    make bench                   # 20,000 claims
    .venv/bin/python benchmarks/core.py --claims 100000
"""

import argparse
import io
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

CLAIMS_PER_SOURCE = 100
STATUSES = ["verified"] * 4 + ["refuted", "misleading", "unreviewed", "in_review", "not_checkable"]
TOPICS = ["budget", "treaty", "alliance", "export", "assistance", "radar", "vessel", "agreement"]


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def sentence(i: int) -> str:
    topic = TOPICS[i % len(TOPICS)]
    year = 2000 + i % 27
    return f"Claim {i} says the {topic} figure rose by {i % 97} percent in fiscal year {year}. "


def load(n: int):
    from claims.models import Entity
    from claims.roles import EDITOR, REVIEWER, ensure_roles
    from sources.models import Publisher, Source

    ensure_roles()
    User = get_user_model()
    editor = User.objects.create(username="bench-editor", is_staff=True)
    editor.groups.add(django.contrib.auth.models.Group.objects.get(name=EDITOR))
    reviewer = User.objects.create(username="bench-reviewer", is_staff=True)
    reviewer.groups.add(django.contrib.auth.models.Group.objects.get(name=REVIEWER))
    publisher = Publisher.objects.create(name="Bench Wire", kind="news")
    subject = Entity.objects.create(name="Japan", kind="country")

    started = time.perf_counter()
    rows = io.StringIO()
    for first in range(0, n, CLAIMS_PER_SOURCE):
        sentences = [sentence(i) for i in range(first, min(n, first + CLAIMS_PER_SOURCE))]
        source = Source.objects.create(
            publisher=publisher,
            title=f"Bench source {first}",
            kind="article",
            body="".join(sentences),
            published_at=datetime(2026, 2, 2, tzinfo=UTC),
        )
        offset = 0
        for i, text in zip(range(first, first + len(sentences)), sentences, strict=True):
            quote = text.strip()
            status = STATUSES[i % len(STATUSES)]
            rows.write(
                "\t".join(
                    [
                        str(source.pk),
                        quote,
                        str(offset),
                        str(offset + len(quote)),
                        quote,
                        "quantity",
                        str(subject.pk),
                        "rose by",
                        "2026-02-02",
                        status,
                        str(editor.pk),
                        "1",
                        "2026-02-02 00:00:00+00",
                        "2026-02-02 00:00:00+00",
                    ]
                )
                + "\n"
            )
            offset += len(text)
    columns = (
        'source_id, quote, start, "end", statement, kind, subject_id, predicate, as_of, '
        "status, created_by_id, version, created_at, updated_at"
    )
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY claims_claim ({columns}) FROM STDIN") as copy:
            copy.write(rows.getvalue())
        cursor.execute("ANALYZE")
    return time.perf_counter() - started, editor, reviewer


def run(n: int) -> None:
    from claims import services
    from claims.filters import ClaimFilterSet
    from claims.models import Claim
    from claims.selectors import claim_history, claims_visible_to
    from tests.factories import EvidenceFactory

    seconds, editor, reviewer = load(n)
    print(
        f"claims loaded with COPY (quote trigger + history triggers): {n:,} in {seconds:.2f} s "
        f"({n / seconds:,.0f} claims/s)"
    )

    terms = iter(TOPICS * 10)

    def search():
        query = next(terms) + " fiscal"
        filterset = ClaimFilterSet(data={"q": query}, queryset=claims_visible_to(None))
        return list(filterset.qs[:50])

    print(f"full-text search, first 50 ranked public results:   {ms(timed(search, 40))}")

    def public_page():
        return list(
            claims_visible_to(None)
            .select_related("source__publisher", "subject")
            .order_by("-updated_at", "id")[:50]
        )

    print(f"public claim list, first page of 50:                {ms(timed(public_page, 40))}")

    editable = list(Claim.objects.filter(status="unreviewed")[:300])
    index = iter(range(len(editable)))

    def edit():
        claim = editable[next(index)]
        services.claim_update(
            actor=editor, claim=claim, expected_version=claim.version, predicate="increased by"
        )

    samples = timed(edit, len(editable))
    print(
        f"claim_update (version-checked write + history):     {ms(samples)}   "
        f"{len(samples) / sum(samples):,.0f} writes/s"
    )

    decide = editable[:150]
    for claim in decide:
        EvidenceFactory(claim=claim, added_by=editor)
    queue = iter(decide)

    def send_and_verify():
        claim = next(queue)
        services.claim_transition(actor=editor, claim=claim, to="in_review")
        services.claim_transition(
            actor=reviewer, claim=claim, to="verified", rationale="Benchmark evidence."
        )

    print(f"send to review + verify (two transitions, reviews): {ms(timed(send_and_verify, 150))}")

    busy = decide[0]
    for _ in range(50):
        services.claim_transition(actor=reviewer, claim=busy, to="in_review", rationale="Again.")
        services.claim_transition(actor=reviewer, claim=busy, to="disputed", rationale="Again.")
    events = len(claim_history(busy))
    print(
        f"claim_history of a claim with {events} events:      "
        f"{ms(timed(lambda: claim_history(busy), 40))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args()
    connection.settings_dict["TEST"]["NAME"] = "claimdesk_bench"
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(
            f"PostgreSQL {connection.cursor().connection.info.server_version}, "
            f"{os.cpu_count()} cores, {date.today()}"
        )
        run(args.claims)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    main()
