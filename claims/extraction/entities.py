"""Which Entities a text names: names and aliases matched by whole words.

`EntityIndex` is built once per text (or once for many) from one query and matches names and
aliases by whole words, case-insensitively and longest match first, with two exceptions that
keep common words from matching: an all-capitals surface of up to three letters ("US", "AI",
"WHO") matches only in capitals, and a one-word capitalised name ("Japan", "Chad") only when
the text capitalises it too. Apostrophes and dashes of any typography are alike (curly or
straight), so are runs of whitespace. Two kinds of surface are added to the ones stored:

- a country's demonym (DEMONYMS), when an Entity bears the country's name: "Japanese" names Japan;
- for "<Ministry|Department|...> of X of <Place>", the possessive form "<Place>'s <Ministry ...>".

No Entity is ever created here; names that match none are found by `names.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "—": "-", "\u2011": "-"}
)

DEMONYMS = {
    "Afghan": "Afghanistan", "American": "United States", "Australian": "Australia",
    "Brazilian": "Brazil", "British": "United Kingdom", "Canadian": "Canada",
    "Chinese": "China", "Dutch": "Netherlands", "Egyptian": "Egypt", "Filipino": "Philippines",
    "French": "France", "German": "Germany", "Indian": "India", "Indonesian": "Indonesia",
    "Iranian": "Iran", "Iraqi": "Iraq", "Israeli": "Israel", "Italian": "Italy",
    "Japanese": "Japan", "Malaysian": "Malaysia", "Mexican": "Mexico", "Pakistani": "Pakistan",
    "Palestinian": "Palestine", "Philippine": "Philippines", "Polish": "Poland",
    "Russian": "Russia", "Saudi": "Saudi Arabia", "South Korean": "South Korea",
    "North Korean": "North Korea", "Spanish": "Spain", "Syrian": "Syria", "Taiwanese": "Taiwan",
    "Thai": "Thailand", "Turkish": "Turkey", "Ukrainian": "Ukraine", "Vietnamese": "Vietnam",
}  # fmt: skip
_INSTITUTION = re.compile(
    r"^((?:Ministry|Department|Government|Embassy|Office|Cabinet|Parliament)\b.*?)\s+of\s+"
    r"((?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)$"
)


@dataclass(frozen=True)
class EntityMatch:
    """Entity `entity_id` named by text[start:end]."""

    start: int
    end: int
    entity_id: int


@dataclass(frozen=True)
class _Surface:
    entity_id: int
    exact: tuple[str, ...] | None  # the tokens as written, when case must match
    capitalised: bool  # the text must capitalise the first letter


def _key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(t.translate(_APOSTROPHES).lower() for t in tokens)


class EntityIndex:
    """Entity names and aliases, ready to match texts. Build it with `from_db()` (one query)
    or from (id, name, aliases) rows."""

    def __init__(self, rows: Iterable[tuple[int, str, list[str] | None]]):
        self.names: dict[int, str] = {}
        self._surfaces: dict[tuple[str, ...], list[_Surface]] = {}
        self._longest = 1
        by_name: dict[str, int] = {}
        for entity_id, name, aliases in rows:
            self.names[entity_id] = name
            by_name.setdefault(name, entity_id)
            for surface in (name, *(aliases or ())):
                self._add(entity_id, surface)
                institution = _INSTITUTION.match(surface.strip())
                if institution:
                    place = re.sub(r"^the\s+", "", institution[2])
                    self._add(entity_id, f"{place}'s {institution[1]}")
        for demonym, country in DEMONYMS.items():
            if country in by_name:
                self._add(by_name[country], demonym)

    @classmethod
    def from_db(cls) -> EntityIndex:
        from claims.models import Entity

        return cls(Entity.objects.values_list("id", "name", "aliases"))

    def _add(self, entity_id: int, surface: str) -> None:
        tokens = _TOKEN.findall(surface)
        if not tokens:
            return
        letters = "".join(t for t in tokens if t.isalpha())
        short_acronym = letters.isupper() and len(letters) <= 3
        single = len([t for t in tokens if t[0].isalnum()]) == 1
        entry = _Surface(
            entity_id,
            tuple(tokens) if short_acronym else None,
            capitalised=single and tokens[0][0].isupper(),
        )
        key = _key(tokens)
        entries = self._surfaces.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        self._longest = max(self._longest, len(key))

    def find(self, text: str) -> list[EntityMatch]:
        """Every non-overlapping match in the text, longest first at each place, in order."""
        tokens = list(_TOKEN.finditer(text))
        keys = _key(t[0] for t in tokens)
        found, i = [], 0
        while i < len(tokens):
            for length in range(min(self._longest, len(tokens) - i), 0, -1):
                entity_id = self._lookup(tokens[i : i + length], keys[i : i + length])
                if entity_id is not None:
                    found.append(EntityMatch(tokens[i].start(), tokens[i + length - 1].end(),
                                             entity_id))  # fmt: skip
                    i += length
                    break
            else:
                i += 1
        return found

    def _lookup(self, tokens: list[re.Match], key: tuple[str, ...]) -> int | None:
        if not tokens[0][0][0].isalnum() or (not tokens[-1][0][-1].isalnum() and key[-1] != "."):
            return None
        for surface in self._surfaces.get(key, ()):
            if surface.exact and tuple(t[0] for t in tokens) != surface.exact:
                continue
            if surface.capitalised and not tokens[0][0][0].isupper():
                continue
            return surface.entity_id
        return None
