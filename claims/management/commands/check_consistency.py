from django.core.management.base import BaseCommand, CommandError

from claims.consistency import check_all, check_source
from claims.management.progress import progress_bar
from config.history import command_context
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Check numbers against each other over claims and candidates: stated comparisons add "
        "up, counts match their lists, sources agree about one measure. Each failure gets one "
        "open numeric_inconsistency flag by the `consistency` account; flags whose check passes "
        "now are resolved. Idempotent: a rerun adds no duplicate. With --source, only that "
        "source's claims, the claims they relate to and the measures they speak about."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="ID", help="Check one source only (its id).")

    def handle(self, *args, source=None, verbosity=1, **options):
        with command_context("check_consistency"):
            if source is None:
                report = check_all(progress=self._progress)
                scope = "every source"
            else:
                checked = self._source(source)
                report = check_source(checked)
                scope = f"source {checked.pk} ({checked.title})"
        self.stdout.write(f"check_consistency: {scope}: {report}.")
        if verbosity >= 2:
            for finding in report.findings:
                if not finding.passed:
                    self.stdout.write(f"  {finding.check_key}: {finding.explanation}")

    def _source(self, value: str) -> Source:
        if not value.isdigit():
            raise CommandError(f"check_consistency: --source takes a source id, not {value!r}.")
        try:
            return Source.objects.get(pk=int(value))
        except Source.DoesNotExist:
            raise CommandError(f"check_consistency: there is no source {value}.") from None

    def _progress(self, iterable, total):
        return progress_bar(self, iterable, total=total, unit="source")
