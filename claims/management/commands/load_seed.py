from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.seeding import SeedError, load_seed


class Command(BaseCommand):
    help = (
        "Load the seed article (data/) with its curated claims, evidence and verdicts. "
        "Idempotent: claims already present are left untouched; a second run writes nothing."
    )

    def handle(self, *args, **options):
        def progress(iterable, total):
            return tqdm(
                iterable,
                total=total,
                desc="claims",
                unit="claim",
                file=self.stderr,
                disable=None,
                leave=False,
            )

        try:
            report = load_seed(progress=progress)
        except SeedError as error:
            raise CommandError(f"load_seed: {error}") from None
        self.stdout.write(
            f"load_seed: {report.created} claims created, {report.present} already present."
        )
