import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from config.dump import DumpError, import_lines


class Command(BaseCommand):
    help = (
        "Restore a `manage.py export` file into an empty, migrated database (at the same "
        "migrations), all or nothing in one transaction: a line that is malformed or that the "
        "database refuses aborts the import with its line number and nothing is written. "
        "History is restored as it was recorded (the restore records no events of its own)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The export file ('-': standard input).")

    def handle(self, *args, path: str, **options):
        try:
            source = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"import: cannot read {path}: {error.strerror}") from None
        bar = tqdm(unit="row", desc="rows", file=self.stderr, disable=None, leave=False)
        try:
            rows = import_lines(source, progress=bar.update)
        except DumpError as error:
            raise CommandError(f"import: {error}; nothing was written.") from None
        except UnicodeDecodeError as error:
            raise CommandError(
                f"import: {path} is not UTF-8 ({error.reason}); nothing was written."
            ) from None
        finally:
            bar.close()
            if source is not sys.stdin:
                source.close()
        self.stdout.write(f"import: {rows} rows restored from {path}.")
