"""The progress bar every long command shows: on the command's stderr, only on a terminal."""

from tqdm import tqdm


def progress_bar(command, iterable, *, unit: str, total: int | None = None) -> tqdm:
    """A bar over `iterable` counting `unit`s, written to `command.stderr` and gone once done
    (so it never mixes with the command's report on stdout)."""
    return tqdm(
        iterable,
        total=total,
        desc=f"{unit}s",
        unit=unit,
        file=command.stderr,
        disable=None,
        leave=False,
    )
