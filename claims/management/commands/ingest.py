from collections import Counter
from zoneinfo import available_timezones

from django.core.management.base import BaseCommand, CommandError

from claims.intake import CREATED, FAILED, REVISED, UNCHANGED, IngestResult, ingest
from claims.management.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Bring in articles: text files in the seed's layout, saved HTML pages, or http(s) URLs. "
        "Each input is stored once (a rerun writes nothing and says so; a changed text is a "
        "revision, and claims whose quote is unchanged move to it) and gets its candidate "
        "claims. Each input is its own transaction: one that cannot be read, fetched or parsed "
        "is reported in one line and skipped. Exits non-zero when any input failed. With "
        "--queue, one background job per input is queued instead (run by `make worker`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--timezone",
            help="IANA zone of header times that give none, for publishers whose zone is "
            "unknown (default: INGEST_DEFAULT_TIMEZONE, UTC).",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue one background job per input (claims.tasks) and exit; workers "
            "(`make worker`) ingest them exactly as this command would, as the intake account.",
        )

    def handle(self, *args, inputs, timezone=None, queue=False, **options):
        if timezone and timezone not in available_timezones():
            raise CommandError(f"ingest: --timezone {timezone!r} is not an IANA time zone name.")
        if queue:
            from claims.tasks import INTAKE_QUEUE, ingest_enqueue

            job_ids = ingest_enqueue(inputs, timezone=timezone)
            self.stdout.write(
                f"ingest: {len(job_ids)} jobs queued on {INTAKE_QUEUE!r} "
                f"(ids {job_ids[0]}-{job_ids[-1]}); `make worker` runs them."
            )
            return
        results: list[IngestResult] = []
        progress = progress_bar(self, inputs, unit="input")
        for target in progress:
            result = ingest(target, timezone=timezone)
            results.append(result)
            progress.clear()
            self.stdout.write(self._line(result))
        outcomes = Counter(result.outcome for result in results)
        total = {name: sum(getattr(r, name) for r in results) for name in _COUNTS}
        self.stdout.write(
            f"ingest: {outcomes[CREATED]} created, {outcomes[UNCHANGED]} unchanged, "
            f"{outcomes[REVISED]} revised, {outcomes[FAILED]} failed; "
            f"{total['proposed']} candidates proposed, {total['flags_raised']} flags raised; "
            f"{total['moved']} claims moved to revisions, {total['outdated']} outdated."
        )
        if outcomes[FAILED]:
            raise CommandError(f"ingest: {outcomes[FAILED]} of {len(results)} inputs failed.")

    @staticmethod
    def _line(result: IngestResult) -> str:
        if result.outcome == FAILED:
            return f"failed     {result.label}: {result.error}"
        source = f"source {result.source.pk}"
        if result.outcome == UNCHANGED:
            return f"unchanged  {result.label}: already stored as {source}; nothing written."
        details = [f"{result.proposed} candidates", f"{result.flags_raised} flags"]
        if result.outcome == REVISED:
            details.insert(0, f"revises source {result.source.revises_id}")
            details.append(f"{result.moved} claims moved, {result.outdated} outdated")
        return f"{result.outcome:<10} {result.label}: {source} ({', '.join(details)})."


_COUNTS = ("proposed", "flags_raised", "moved", "outdated")
