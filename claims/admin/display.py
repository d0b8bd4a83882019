"""How the admin shows long texts and numbers: cut at a word with its ellipsis, in words."""

from datetime import datetime

from django.utils import timezone
from django.utils.timesince import timesince


def shortened(text: str, limit: int) -> str:
    """`text` whole when it fits in `limit` characters, else cut after its last whole word
    that fits, with "…" where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def age(at: datetime) -> str:
    """How long ago, in the largest unit or two ("3 days, 4 hours")."""
    return timesince(at, timezone.now(), depth=2)
