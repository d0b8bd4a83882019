"""(b) A count must match the list it enumerates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from ..models import Claim, Entity
from .comparisons import Scope
from .figures import Figure, plain, stated
from .results import COUNT, Finding

_AT_LEAST_MARKERS = (
    r"including|include[sd]?|such\s+as|among\s+them|among\s+which|notably|e\.g\.|for\s+example|"
    r"for\s+instance|especially|particularly|mainly|mostly|chiefly|like"
)
_EXACT_MARKERS = (
    r"namely|i\.e\.|that\s+is|viz\.?|specifically|comprising|consisting\s+of|made\s+up\s+of|"
    r"which\s+are|who\s+are"
)
_LIST_OPENER = re.compile(
    rf"""(?P<punct>\s*\(|\s*:|\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*|\s*,)?\s*
    (?:(?P<least>{_AT_LEAST_MARKERS})|(?P<exact>{_EXACT_MARKERS})
      |(?P<verb>(?:[a-z]+\s+){{0,3}}?(?:are|were|comprise[sd]?)))?
    (?(least)\b|(?(exact)\b|(?(verb)\b|)))[,:]?\s*""",
    re.I | re.X,
)
_CONJUNCTION = re.compile(r"(?:^|\s)(?:and|as\s+well\s+as|&|plus)\s+", re.I)
_CONNECTORS = {
    "of", "the", "de", "del", "della", "da", "do", "dos", "das", "du", "la", "le", "les", "van",
    "von", "der", "den", "al", "el", "bin", "ibn", "y", "di", "for", "on", "upon", "and", "&",
}  # fmt: skip
# Country names with "and" in them; Entities' names and aliases are protected too.
_KNOWN_NAMES = (
    "Trinidad and Tobago", "Bosnia and Herzegovina", "Antigua and Barbuda",
    "Saint Kitts and Nevis", "St Kitts and Nevis", "Saint Vincent and the Grenadines",
    "St Vincent and the Grenadines", "Sao Tome and Principe", "São Tomé and Príncipe",
    "Turks and Caicos Islands", "Wallis and Futuna", "Heard Island and McDonald Islands",
    "Svalbard and Jan Mayen", "South Georgia and the South Sandwich Islands",
    "Saint Pierre and Miquelon", "Serbia and Montenegro",
)  # fmt: skip
MAX_ITEM_WORDS = 8


@dataclass(frozen=True)
class Enumeration:
    """A list a count introduces: its items, and whether the count bounds it from above only
    ('including')."""

    items: tuple[str, ...]
    at_least: bool


def protected_names() -> list[str]:
    """Names that hold a list separator: the known country names, and every Entity name or
    alias with 'and', '&' or a comma in it."""
    names = set(_KNOWN_NAMES)
    rows = Entity.objects.filter(
        Q(name__contains=" and ") | Q(name__contains="&") | Q(name__contains=",") | ~Q(aliases=[])
    ).values_list("name", "aliases")
    for name, aliases in rows:
        names.update(n for n in (name, *aliases) if re.search(r"\sand\s|&|,", n))
    return sorted(names, key=len, reverse=True)


def _is_name(item: str) -> bool:
    words = re.sub(r"^(?:the|a|an)\s+", "", item, flags=re.I).split()
    return bool(words) and words[0][:1].isupper()


def _trim_name(item: str) -> tuple[str, bool]:
    """The last item of a list of names ends at the first lowercase word that joins no name
    ('Chile last year' is 'Chile'); returns the item and whether anything was cut."""
    words = item.split()
    for i, word in enumerate(words):
        if i > 0 and word[:1].islower() and word.lower() not in _CONNECTORS:
            return " ".join(words[:i]), True
    return item, False


def _closing(segment: str, punct: str) -> str:
    """The list up to where its opener closes: a bracket, a second dash."""
    if "(" in punct:
        depth = 1
        for i, ch in enumerate(segment):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                return segment[:i]
        return segment
    if punct.strip() in ("-", "\u2013", "\u2014"):
        return re.split(r"\s+[-\u2013\u2014]\s+|[\u2013\u2014]", segment, maxsplit=1)[0]
    return segment


def read_enumeration(after: str, protected: list[str]) -> Enumeration | None:
    """The list that the words `after` a count introduce, or None when they introduce none."""
    opener = _LIST_OPENER.match(after)
    punct = (opener["punct"] or "").strip() if opener else ""
    if not opener or not (punct or opener["least"] or opener["exact"] or opener["verb"]):
        return None
    enclosed = punct in ("(", ":", "-", "\u2013", "\u2014")
    bare = not (opener["least"] or opener["exact"] or enclosed)
    segment = _closing(after[opener.end() :], punct)
    placeholders: dict[str, str] = {}
    for i, name in enumerate(protected):
        token = f"\x00{i}\x00"
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, segment):
            segment = re.sub(pattern, token, segment)
            placeholders[token] = name
    segment = re.sub(r"\s*\([^()]*\)", "", segment)  # "Kenya (2019)"
    segment = re.split(r"[.!?](?:\s|$)", segment, maxsplit=1)[0]
    found = _split_items(segment, strict=bare, enclosed=enclosed)
    if found is None:
        return None
    items = found.items
    for token, name in placeholders.items():
        items = [item.replace(token, name) for item in items]
    too_long = any(len(item.split()) > MAX_ITEM_WORDS for item in items)
    if not items or too_long or any(re.search(r"\d", item) for item in items):
        return None
    names = all(_is_name(item) for item in items)
    if (bare or opener["verb"]) and not (names and len(items) >= 2 and not found.trimmed):
        return None  # "16 countries, Japan said" is no list
    if bare and not opener["verb"] and not found.closed:
        return None  # "with 16 countries, Britain and France." may be a series of three
    return Enumeration(tuple(items), at_least=bool(opener["least"]))


@dataclass
class _Items:
    items: list[str]
    trimmed: bool = False  # words were cut off the last item ("Chile last year")
    closed: bool = False  # a comma closes the list (", Mr A and Ms B, resigned")


def _split_items(segment: str, *, strict: bool, enclosed: bool) -> _Items | None:
    """Items separated by commas (semicolons when there are any), the last one after a
    conjunction; parts after the last item (', officials said') are no items. `strict` lists
    need their conjunction; without one, only an `enclosed` list (brackets, a colon, dashes)
    runs past its first item ('including a child, were killed' names one)."""
    separator = ";" if ";" in segment else ","
    parts = [part.strip() for part in segment.split(separator)]
    last = next((i for i in range(1, len(parts)) if _CONJUNCTION.search(parts[i])), None)
    if last is None and _CONJUNCTION.search(parts[0]):
        last = 0
    if last is None:
        if strict:
            return None
        return _Items([p for p in parts if p] if enclosed else parts[:1])
    joined = _CONJUNCTION.search(parts[last])
    before_conjunction = parts[last][: joined.start()].strip()
    items = [*parts[:last], *([before_conjunction] if before_conjunction else [])]
    items.append(parts[last][joined.end() :].strip())
    trimmed = False
    if all(_is_name(item) for item in items[:-1]) and items[-1]:
        items[-1], trimmed = _trim_name(items[-1])
    return _Items([i for i in items if i], trimmed, closed=last < len(parts) - 1)


def check_count(scope: Scope, claim: Claim, count: Figure, protected: list[str]) -> Finding | None:
    """Whether a count matches the list that follows it in its sentence; None without a list."""
    text = scope.texts[claim.source_id]
    if count.sentence < 0 or count.end > text.sentences[count.sentence].end:
        return None
    after = text.body[count.end : text.sentences[count.sentence].end]
    enumeration = read_enumeration(after, protected)
    if enumeration is None:
        return None
    listed = Decimal(len(enumeration.items))
    allowed = count.interval()
    if enumeration.at_least:
        passed = listed < allowed.high
        relation = f"allows at most {plain(count.value)} named"
    else:
        passed = allowed.low < listed < allowed.high
        relation = f"counts {plain(count.value)}"
    listing = ", ".join(enumeration.items)
    marker = " ('including')" if enumeration.at_least else ""
    verdict = "and" if passed else "but"
    explanation = (
        f"'{stated(count)}'{marker} {relation}, {verdict} the list after it names "
        f"{len(enumeration.items)}: {listing}."
    )
    return Finding(COUNT, (claim.pk,), (claim.pk,), passed, explanation)
