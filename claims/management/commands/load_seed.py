from django.core.management.base import BaseCommand, CommandError

from claims.management.progress import progress_bar
from claims.seeding import SeedError, load_seed


class Command(BaseCommand):
    help = (
        "Load the seed article (data/) with its curated claims, evidence and verdicts. "
        "Idempotent: claims already present are left untouched; a second run writes nothing."
    )

    def handle(self, *args, **options):
        def progress(iterable, total):
            return progress_bar(self, iterable, total=total, unit="claim")

        try:
            report = load_seed(progress=progress)
        except SeedError as error:
            raise CommandError(f"load_seed: {error}") from None
        self.stdout.write(
            f"load_seed: {report.created} claims created, {report.present} already present."
        )
