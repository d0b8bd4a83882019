"""Turn a saved article (plain text or an HTML page) into one `ParsedArticle`.

`parse()` picks the parser from the content type, else the file name, else the bytes themselves.
Every refusal is an `UnreadableInput` whose message is one line saying what is wrong with the
input. The parsers know nothing of claims or of the database: they only read.
"""

import email.utils
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

# Source.title's max_length: a longer "title" means the input has no title line.
TITLE_MAX_LENGTH = 500

# What `ParsedArticle.provenance` may say a field came from.
PROVENANCE = frozenset(
    {
        "argument",  # given by the caller (the URL it was fetched from)
        "title-line",  # the first line of a plain text
        "header",  # a `Source` / `Editor` / `Time` ... header of a plain text
        "byline",  # a `By ...` line of a plain text
        "footer",  # an `Editor: ...` line after a plain text's body
        "text",  # the body of a plain text, as written
        "json-ld",  # a schema.org NewsArticle / Article in <script type="application/ld+json">
        "meta",  # a <meta> tag (og:*, article:*, name=author, citation_*, dc.*)
        "link",  # <link rel="canonical">
        "html-lang",  # <html lang>
        "trafilatura",  # trafilatura's extraction (main text, or metadata it found)
    }
)

_BINARY_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "gzip-compressed data",
}
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)", re.I
)


class UnreadableInput(ValueError):
    """The input is not an article this module can read; the message says why, in one line."""


@dataclass(frozen=True)
class ParsedArticle:
    """An article as read from its input. Strings the input did not give are empty.

    `published_at` is aware only when the input gave a zone or offset
    (`published_at_zone_given`); a date without a time is midnight of that day.
    `provenance` maps each field that has a value to where it came from (see PROVENANCE).
    """

    title: str
    body: str
    author: str = ""
    editor: str = ""
    publisher_name: str = ""
    published_at: datetime | None = None
    published_at_zone_given: bool = False
    url: str = ""
    canonical_url: str = ""
    language: str = ""
    provenance: dict[str, str] = field(default_factory=dict, hash=False)


def parse(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    url: str | None = None,
) -> ParsedArticle:
    """Read `data` as an HTML page or a plain text, whichever it is.

    The content type decides when it names HTML, XHTML or plain text; otherwise the file name's
    suffix; otherwise the bytes (an HTML doctype or <html> tag). `url` is where the input came from
    and becomes `ParsedArticle.url`. Raises UnreadableInput for anything else.
    """
    # The parsers import the result type from this module, hence the late import.
    from . import html, text

    media_type, charset = split_content_type(content_type)
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if media_type in _HTML_TYPES:
        reader = html.parse_html
    elif media_type == "text/plain":
        reader = text.parse_text
    elif media_type:
        raise UnreadableInput(f"unsupported content type {media_type}: expected HTML or plain text")
    elif suffix in _HTML_SUFFIXES:
        reader = html.parse_html
    elif suffix in _TEXT_SUFFIXES:
        reader = text.parse_text
    elif _HTML_START.match(data.removeprefix(b"\xef\xbb\xbf")):
        reader = html.parse_html
    else:
        reader = text.parse_text
    return reader(data, charset=charset, url=url)


def split_content_type(content_type: str | None) -> tuple[str, str]:
    """`"text/html; charset=UTF-8"` -> `("text/html", "utf-8")`; missing parts are empty."""
    if not content_type:
        return "", ""
    media_type, _, params = content_type.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def decode(data: bytes, *, declared: str = "") -> str:
    """The input as text: UTF-8 (a BOM is dropped), else the declared charset, else refused.

    Valid UTF-8 wins over a declared charset, since servers often declare ISO-8859-1 by default
    for UTF-8 pages; a declared charset is used only for bytes that are not UTF-8.
    """
    if not data.strip():
        raise UnreadableInput("empty input: nothing but whitespace" if data else "empty input")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableInput(f"binary input: {what}, not text or HTML")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput("UTF-16 text is not supported: save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnreadableInput(f"binary input: NUL byte at offset {nul}")
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        decoded = _decode_declared(data, declared, utf8_error)
    control = _CONTROL_CHARACTER.search(decoded)
    if control:
        raise UnreadableInput(
            f"binary input: control character U+{ord(control.group()):04X} "
            f"at character {control.start()}"
        )
    return decoded


def _decode_declared(data: bytes, declared: str, utf8_error: UnicodeDecodeError) -> str:
    bad = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
    if not declared or declared.replace("_", "-") in {"utf-8", "utf8"}:
        raise UnreadableInput(f"not UTF-8 text ({bad}) and no other charset declared")
    # WHATWG: these labels mean windows-1252, which is what such pages really hold.
    codec = "cp1252" if declared in {"iso-8859-1", "latin1", "latin-1", "us-ascii"} else declared
    try:
        return data.decode(codec)
    except LookupError:
        raise UnreadableInput(f"not UTF-8 text ({bad}) and unknown charset {declared!r}") from None
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"neither UTF-8 nor {declared} text: byte 0x{data[error.start]:02x} "
            f"at offset {error.start}"
        ) from None


_SLASHED_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})\b")
_WORDY_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def published_at_from(value: str) -> datetime | None:
    """A publication time as written in ISO 8601, RFC 2822, `2025/11/03` or `March 4, 2026`.

    Aware when the text gave a zone or offset, naive otherwise; None when unreadable.
    """
    value = " ".join(value.split())
    if not value:
        return None
    value = _SLASHED_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", value)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    for date_format in _WORDY_FORMATS:
        try:
            return datetime.strptime(value, date_format)
        except ValueError:
            continue
    return None


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def language_tag(value: str) -> str:
    """A BCP 47 tag as `en`, `en-GB`, `pt-BR` (from `en_gb`, `EN-gb`...); empty when not one."""
    value = value.strip().replace("_", "-")
    if not _LANGUAGE_TAG.match(value) or len(value) > 16:
        return ""
    primary, *rest = value.split("-")
    return "-".join([primary.lower(), *(p.upper() if len(p) == 2 else p for p in rest)])
