"""Plain-text articles laid out as the seed is: a title line, a header, a byline, the body.

    Japan stirs regional security by leveraging its alliances

    Source
    China Military Online
    Editor
    Li Jiayao
    Time
    2026-02-02 18:39:19

    By Li Hai

    Japan has placed growing emphasis ...
    ...
    back

A header is a known name on its own line with its value on the next (`Source` / `China Military
Online`), or `Name: value` on one line (several may share a line). The body runs from the first
line that is neither header nor byline to the last line that is not navigation (`back`, `Share`,
`Print`...) or an `Editor: ...` footer, and is kept exactly as written.
"""

import re

from . import (
    TITLE_MAX_LENGTH,
    ParsedArticle,
    UnreadableInput,
    decode,
    language_tag,
    published_at_from,
)

_HEADER_NAMES = {
    "title": "title",
    "headline": "title",
    "source": "publisher_name",
    "publisher": "publisher_name",
    "outlet": "publisher_name",
    "editor": "editor",
    "editors": "editor",
    "edited by": "editor",
    "responsible editor": "editor",
    "author": "author",
    "authors": "author",
    "writer": "author",
    "reporter": "author",
    "byline": "author",
    "time": "published_at",
    "date": "published_at",
    "published": "published_at",
    "published at": "published_at",
    "published on": "published_at",
    "publication date": "published_at",
    "posted": "published_at",
    "posted on": "published_at",
    "url": "url",
    "link": "url",
    "language": "language",
}
_NAMES = "|".join(re.escape(name) for name in sorted(_HEADER_NAMES, key=len, reverse=True))
# `Name: value`, possibly several on one line. Chinese sites use the full-width colon \uff1a and
# brackets \uff08 \uff09 \u3010 \u3011; 责任编辑 / 编辑 is "(responsible) editor", 来源 "source".
_INLINE_HEADER = re.compile(rf"(?:^|(?<=\s))({_NAMES})\s*[:\uff1a]\s*", re.I)
_BARE_HEADER = re.compile(rf"^({_NAMES})\s*[:\uff1a]?$", re.I)
_BYLINE = re.compile(r"^(?:By|BY|by)\s+(?P<name>\S.*)$")
_FOOTER = re.compile(
    r"^[\[(\uff08\u3010]?\s*(?P<name>(?:responsible\s+)?editors?|source|责任编辑|编辑|来源)\s*[:\uff1a]\s*"
    r"(?P<value>[^\])\uff09\u3011]+?)\s*[\])\uff09\u3011]?$",
    re.I,
)
_NAVIGATION = frozenset(
    {
        "back", "go back", "return", "back to top", "return to top", "top", "to top",
        "top of page", "share", "share this", "share this article", "share this story",
        "print", "print this page", "print this article", "email", "e-mail", "close",
        "close window", "more", "comments", "comment", "related", "related articles",
        "related stories", "related news", "next", "previous", "prev", "next article",
        "previous article", "home", "facebook", "twitter", "weibo", "wechat", "linkedin",
        "whatsapp",
    }
)  # fmt: skip
_NAVIGATION_SEPARATORS = re.compile(r"\s*[|•·/]\s*")
_NAVIGATION_DECORATION = "[](){}<>«»\u2039\u203a↑^*:-\u2013\u2014 \t"


def parse_text(data: bytes, *, charset: str = "", url: str | None = None) -> ParsedArticle:
    """Read a plain-text article; see the module's docstring for the layout it expects."""
    text = decode(data, declared=charset).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    found: dict[str, str] = {}
    provenance: dict[str, str] = {}

    def record(name: str, value: str, origin: str) -> None:
        value = " ".join(value.split())
        if value and name not in found:
            found[name] = value
            provenance[name] = origin

    start = _read_title_and_header(lines, record)
    end = _body_end(lines, start, record)
    body = "\n".join(lines[start:end]).rstrip()
    if "title" not in found:
        first = next(line.strip() for line in lines if line.strip())
        raise UnreadableInput(f"no title line: the text starts with the header {first[:40]!r}")
    if len(found["title"]) > TITLE_MAX_LENGTH:
        raise UnreadableInput(
            f"no title line: the first line is {len(found['title'])} characters long"
        )
    if not body:
        raise UnreadableInput("no article text after the title and header")
    provenance["body"] = "text"
    return _article(found, provenance, body, url)


def _read_title_and_header(lines: list[str], record) -> int:
    """Record the title, header and byline; return the index of the body's first line."""
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise UnreadableInput("empty input: nothing but whitespace")
    if not _header_at(lines, index, record, empty_allowed=False):
        record("title", lines[index], "title-line")
        index += 1
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
        elif consumed := _header_at(lines, index, record):
            index += consumed
        elif (name := _byline_name(line)) is not None:
            record("author", name, "byline")
            index += 1
        else:
            break
    return index


def _header_at(lines: list[str], index: int, record, *, empty_allowed: bool = True) -> int:
    """Record the header at `lines[index]`, if it is one; return how many lines it took (0: none).

    A header name alone with no value after it counts only where `empty_allowed` (a first line
    such as "Time" is a title).
    """
    line = lines[index].strip()
    bare = _BARE_HEADER.match(line)
    if bare:
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if not following or _BARE_HEADER.match(following) or _INLINE_HEADER.match(following):
            return 1 if empty_allowed else 0
        record(_HEADER_NAMES[bare.group(1).lower()], following, "header")
        return 2
    if not _INLINE_HEADER.match(line):
        return 0
    names = list(_INLINE_HEADER.finditer(line))
    for this, after in zip(names, [*names[1:], None], strict=True):
        value = line[this.end() : after.start() if after else len(line)]
        record(_HEADER_NAMES[this.group(1).lower()], value, "header")
    return 1


def _byline_name(line: str) -> str | None:
    """`By Li Hai` -> `Li Hai`; None for a sentence that merely starts with "By"."""
    match = _BYLINE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    if len(words) > 12 or any(char.isdigit() for char in name) or not name[0].isupper():
        return None
    if name[-1] in "!?;:," or (name.endswith(".") and len(words[-1]) > 3):
        return None
    return name


def _body_end(lines: list[str], start: int, record) -> int:
    """Index after the body's last line: trailing navigation and footers are left out."""
    end = len(lines)
    footers: list[tuple[str, str]] = []
    while end > start:
        line = lines[end - 1].strip()
        footer = _FOOTER.match(line)
        if not line or _is_navigation(line):
            end -= 1
        elif footer:
            footers.append((footer.group("name"), footer.group("value")))
            end -= 1
        else:
            break
    for name, value in reversed(footers):
        field = "publisher_name" if name.lower() in {"source", "来源"} else "editor"
        record(field, value, "footer")
    return end


def _is_navigation(line: str) -> bool:
    parts = _NAVIGATION_SEPARATORS.split(line.lower())
    cleaned = [part.strip(_NAVIGATION_DECORATION) for part in parts]
    # A line of decoration alone ("--", "***") ends a text as navigation does.
    return all(part in _NAVIGATION for part in cleaned if part)


def _article(found: dict[str, str], provenance: dict[str, str], body: str, url: str | None):
    published_at = published_at_from(found.get("published_at", ""))
    if published_at is None:
        provenance.pop("published_at", None)
    language = language_tag(found.get("language", ""))
    if not language:
        provenance.pop("language", None)
    stated_url = found.get("url", "")
    if not stated_url.startswith(("http://", "https://")):
        stated_url = ""
        provenance.pop("url", None)
    if stated_url:
        provenance["canonical_url"] = provenance["url"]
    if url:
        provenance["url"] = "argument"
    return ParsedArticle(
        title=found["title"],
        body=body,
        author=found.get("author", "").removeprefix("By ").strip(),
        editor=found.get("editor", ""),
        publisher_name=found.get("publisher_name", ""),
        published_at=published_at,
        published_at_zone_given=published_at is not None and published_at.tzinfo is not None,
        url=url or stated_url,
        canonical_url=stated_url,
        language=language,
        provenance=provenance,
    )
