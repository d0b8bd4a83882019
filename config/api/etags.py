"""ETags of versioned resources: `"<id>-<version>"`, the write precondition (If-Match).

The tag is strong: the version moves whenever the representation does. If-Match compares
strongly (RFC 9110, section 13.1.1), so a weak tag (`W/"…"`) never matches.
"""

import re

from django.utils.http import parse_etags

_VERSIONED = re.compile(r'"(\d+)-(\d+)"')


def format_etag(pk: int, version: int | None) -> str | None:
    """The ETag of record `pk` at `version` (None when the record has no version to name)."""
    return f'"{pk}-{version}"' if version is not None else None


def is_wildcard(header: str) -> bool:
    return parse_etags(header) == ["*"]


def weak_tags(header: str) -> list[str]:
    """The weak tags in an If-Match header: none of them can match (strong comparison)."""
    return [tag for tag in parse_etags(header) if tag.startswith("W/")]


def version_in_if_match(header: str, pk: int) -> int | None:
    """The version a strong tag of an If-Match header names for record `pk`, or None."""
    for tag in parse_etags(header):
        match = _VERSIONED.fullmatch(tag)
        if match and int(match[1]) == pk:
            return int(match[2])
    return None
