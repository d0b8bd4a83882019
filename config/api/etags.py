"""ETags of versioned resources: `"<id>-<version>"`, the write precondition (If-Match)."""

import re

from django.utils.http import parse_etags

_VERSIONED = re.compile(r'(?:W/)?"(\d+)-(\d+)"')


def format_etag(pk: int, version: int | None) -> str | None:
    """The ETag of record `pk` at `version` (None when the record has no version to name)."""
    return f'"{pk}-{version}"' if version is not None else None


def is_wildcard(header: str) -> bool:
    return parse_etags(header) == ["*"]


def version_in_if_match(header: str, pk: int) -> int | None:
    """The version an If-Match header names for record `pk`, or None when it names none."""
    for tag in parse_etags(header):
        match = _VERSIONED.fullmatch(tag)
        if match and int(match[1]) == pk:
            return int(match[2])
    return None
