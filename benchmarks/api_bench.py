"""Measure the REST API on synthetic data and print the figures.

    .venv/bin/python benchmarks/api_bench.py --claims 20000 --repeat 5

Creates the claims (and their history) inside one transaction on the configured database,
times requests through the full Django stack in this process (no network), then rolls
everything back: the database is left as it was. Prints, per request, the median and the
slowest wall time and the number of SQL queries. Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class Rollback(Exception):
    pass


def build(n_claims: int):
    from datetime import UTC, datetime

    from django.contrib.auth import get_user_model

    from claims.models import Claim, Entity, Quantity, Review
    from sources.models import Publisher, Source

    user, _ = get_user_model().objects.get_or_create(username="bench-user")
    publisher = Publisher.objects.create(name="Bench Publisher", kind="news")
    sentence = "The OSA budget grew to {n} billion yen in fiscal year 2026. "
    sentences = [sentence.format(n=i) for i in range(200)]
    body = "".join(sentences)
    offsets, position = [], 0
    for text in sentences:
        offsets.append((position, position + len(text) - 1))
        position += len(text)
    sources = Source.objects.bulk_create(
        [
            Source(
                publisher=publisher,
                title=f"Bench source {i}",
                body=body + f" ({i})",
                kind="article",
                published_at=datetime(2026, 2, 2, tzinfo=UTC),
            )
            for i in range(max(1, n_claims // 200))
        ]
    )
    subject = Entity.objects.create(name="Bench Japan", kind="country")
    statuses = ["verified", "refuted", "unreviewed", "in_review", "misleading"]
    claims = []
    for i in range(n_claims):
        source = sources[i // 200 % len(sources)]
        start, end = offsets[i % 200]
        claims.append(
            Claim(
                source=source,
                quote=source.body[start:end],
                start=start,
                end=end,
                statement=f"Japan's OSA budget is item {i} of the benchmark.",
                kind="quantity",
                subject=subject,
                predicate="budget is",
                as_of="2026-02-02",
                status=statuses[i % len(statuses)],
                created_by=user,
            )
        )
    claims = Claim.objects.bulk_create(claims, batch_size=2000)
    Quantity.objects.bulk_create(
        [
            Quantity(claim=c, value="18.1", scale="1000000000", unit="JPY", period="FY2026")
            for c in claims
        ],
        batch_size=2000,
    )
    Review.objects.bulk_create(
        [
            Review(
                claim=c,
                reviewer=user,
                from_status="in_review",
                to_status=c.status,
                rationale="Benchmark verdict.",
            )
            for c in claims
            if c.status not in ("unreviewed", "in_review")
        ],
        batch_size=2000,
    )
    return user


def measure(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, size = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            content = (
                b"".join(response.streaming_content) if response.streaming else (response.content)
            )
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code, content[:300])
        queries, size = len(captured), len(content)
    return statistics.median(times) * 1000, max(times) * 1000, queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from rest_framework.test import APIClient

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute", "user": "1000000/minute"},
    }
    from claims.roles import ANALYST, ensure_roles

    try:
        with transaction.atomic():
            began = time.perf_counter()
            user = build(args.claims)
            ensure_roles()
            from django.contrib.auth.models import Group

            user.groups.add(Group.objects.get(name=ANALYST))
            print(
                f"setup: {args.claims} claims with quantities, reviews and history "
                f"in {time.perf_counter() - began:.1f} s"
            )
            anonymous, analyst = APIClient(), APIClient()
            analyst.force_authenticate(user)
            last_page = analyst.get("/api/v1/claims/?page_size=500&ordering=-id").json()
            deep = last_page["next"]
            cases = [
                ("anonymous", anonymous, "/api/v1/claims/"),
                ("anonymous", anonymous, "/api/v1/claims/?page_size=500"),
                ("analyst", analyst, "/api/v1/claims/"),
                ("analyst", analyst, deep.replace("http://testserver", "")),
                ("anonymous", anonymous, "/api/v1/claims/?status=verified&period=FY2026"),
                ("anonymous", anonymous, "/api/v1/claims/?q=budget+item"),
                ("anonymous", anonymous, "/api/v1/claims/?ordering=-as_of"),
                ("anonymous", anonymous, "/api/v1/claims/?format=csv"),
                ("analyst", analyst, "/api/v1/changes/?page_size=500"),
                ("anonymous", anonymous, "/api/v1/changes/?page_size=500"),
                ("anonymous", anonymous, "/api/v1/claims/verified.atom"),
            ]
            print(
                f"{'reader':<10} {'request':<58} {'median ms':>9} {'max ms':>8} "
                f"{'queries':>7} {'bytes':>9}"
            )
            for reader, client, url in cases:
                median, slowest, queries, size = measure(client, url, args.repeat)
                shown = url if len(url) <= 58 else url[:55] + "..."
                print(
                    f"{reader:<10} {shown:<58} {median:>9.1f} {slowest:>8.1f} "
                    f"{queries:>7} {size:>9}"
                )
            raise Rollback
    except Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
