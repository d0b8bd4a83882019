from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from claims.corpus import CorpusError, generate


def dsn() -> str:
    """The default database's connection string, as psycopg takes it."""
    settings = connection.settings_dict
    parts = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


class Command(BaseCommand):
    help = (
        "Load a synthetic corpus for benchmarks: N claims over M sources with everything that "
        "hangs off claims (quantities, mentions, reviews, evidence, annotations, history), by "
        "COPY in parallel streams. Adds to what is there; on a failure removes what it wrote. "
        "Needs a superuser database role. Never run it on a database people use."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=10_000)
        parser.add_argument("--sources", type=int, help="default: one source per 50 claims")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--streams", type=int, default=2,
                            help="parallel COPY streams (processes); default 2")

    def handle(self, *args, claims, sources, seed, streams, **options):
        sources = sources or max(1, claims // 50)
        if streams < 1:
            raise CommandError("generate_corpus: --streams must be at least 1")
        connection.ensure_connection()
        bar = tqdm(total=claims, unit="claim", desc="claims", file=self.stderr, disable=None,
                   leave=False)
        try:
            report = generate(
                dsn(), claims=claims, sources=sources, seed=seed, streams=streams,
                progress=bar.update, say=lambda line: bar.write(line, file=self.stderr),
            )
        except CorpusError as error:
            raise CommandError(f"generate_corpus: {error}") from None
        finally:
            bar.close()
        self.stdout.write(f"{'table':<28} {'rows':>10} {'s':>7} {'rows/s':>10}")
        for table, rows in sorted(report.rows.items(), key=lambda item: -item[1]):
            seconds = report.seconds.get(table)
            rate = f"{rows / seconds:>10,.0f}" if seconds else f"{'-':>10}"
            took = f"{seconds:>7.2f}" if seconds else f"{'-':>7}"
            self.stdout.write(f"{table:<28} {rows:>10,} {took} {rate}")
        self.stdout.write(
            f"generate_corpus: {report.claims:,} claims over {report.sources:,} sources in "
            f"{report.total_s:.1f} s (COPY {report.load_s:.1f} s, indexes {report.index_s:.1f} s, "
            f"checks {report.verify_s:.1f} s)"
        )
