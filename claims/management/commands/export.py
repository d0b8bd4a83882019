import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from config.dump import export_lines


class Command(BaseCommand):
    help = (
        "Write the whole database as JSON lines (format: config/dump.py and the README): users "
        "and groups with their password hashes, publishers, sources, entities, claims and "
        "everything hanging off them, API tokens as stored hashes, and history. Read in one "
        "consistent snapshot and streamed, never held in memory; `manage.py import` restores it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", default="-", metavar="PATH",
            help="File to write (default: standard output).",
        )

    def handle(self, *args, output: str, **options):
        try:
            target = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"export: cannot write {output}: {error.strerror}") from None
        bar = tqdm(unit="row", desc="rows", file=self.stderr, disable=None, leave=False)
        try:
            rows = -1  # the header and end lines are no rows
            for line in export_lines(on_total=lambda total: bar.reset(total=total)):
                target.write(line)
                rows += 1
                bar.update()
        finally:
            bar.close()
            if target is not sys.stdout:
                target.close()
        if output != "-":
            self.stdout.write(f"export: {rows - 1} rows written to {output}.")
