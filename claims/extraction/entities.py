"""Which Entities a text names, and the capitalised names it uses that match none.

`EntityIndex` is built once per text (or once for many) from one query and matches names and
aliases by whole words, case-insensitively and longest match first, with two exceptions that
keep common words from matching: an all-capitals surface of up to three letters ("US", "AI",
"WHO") matches only in capitals, and a one-word capitalised name ("Japan", "Chad") only when
the text capitalises it too. Apostrophes and dashes of any typography are alike (curly or
straight), so are runs of whitespace. Two kinds of surface are added to the ones stored:

- a country's demonym (DEMONYMS), when an Entity bears the country's name: "Japanese" names Japan;
- for "<Ministry|Department|...> of X of <Place>", the possessive form "<Place>'s <Ministry ...>".

No Entity is ever created here: names that match none are returned as text.
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


# --- names that match no Entity ---------------------------------------------------------------

# A capitalised word: "Japan", "U.S.", "Timor-Leste", "F-35", "McDonald's"; names join with
# "of", "the", "for", "de" and "&" ("Ministry of Foreign Affairs", "Johnson & Johnson").
_NAME_WORD = r"(?:[A-Z][\w]*(?:[.\-&'\u2019][\w]+)*\.?)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:(?:\s+(?:of|the|for|de|del|da|du|von|van|al|bin|&)){{0,2}}\s+{_NAME_WORD})*"
)
_POSSESSIVE = re.compile(r"['\u2019]s\b|['\u2019](?=\s|$)")
_MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}  # fmt: skip
# Words that are capitalised because they start the sentence, not because they name something.
SENTENCE_STARTERS = {
    "a", "an", "the", "in", "on", "at", "for", "from", "by", "with", "to", "of", "as", "and",
    "but", "or", "so", "yet", "if", "when", "while", "after", "before", "since", "until",
    "although", "though", "because", "this", "that", "these", "those", "it", "its", "they",
    "their", "he", "his", "she", "her", "we", "our", "you", "your", "i", "there", "here",
    "such", "some", "many", "most", "more", "much", "all", "both", "each", "every", "other",
    "another", "any", "no", "not", "one", "two", "three", "however", "meanwhile", "moreover",
    "furthermore", "also", "still", "even", "only", "just", "then", "thus", "therefore",
    "instead", "indeed", "according", "despite", "amid", "among", "under", "over", "through",
    "during", "within", "without", "about", "against", "between", "into", "what", "which",
    "who", "where", "why", "how", "last", "next", "first", "second", "new", "today",
    "yesterday", "tomorrow", "earlier", "later", "now", "recently", "currently", "previously",
    "officials", "analysts", "experts", "critics", "sources", "people", "police", "several",
    "overall", "together", "separately", "similarly", "nevertheless", "nonetheless", "finally",
    "initially", "once", "unlike", "like", "following", "including", "introduced", "asked",
    "speaking", "citing", "do", "does", "did", "is", "are", "was", "were", "has", "have",
    "had", "will", "would", "can", "could", "should", "must", "yes", "let",
    "read", "see", "note", "background", "update", "updated",
}  # fmt: skip
# A person's title is not part of the name an Entity would carry ("Defence Minister Richard
# Marles" is Richard Marles): a head title with the modifiers before it. "Foreign Ministry" keeps
# its "Foreign", having no head title.
HEAD_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "president", "premier", "minister",
    "secretary", "chancellor", "senator", "sen", "rep", "representative", "gov", "governor",
    "mayor", "king", "queen", "prince", "princess", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "ceo", "chairman", "chairwoman", "chair", "director", "commissioner",
    "gen", "admiral", "adm", "lt", "col", "colonel", "general", "judge", "justice", "pope",
}  # fmt: skip
TITLE_MODIFIERS = {
    "prime", "foreign", "defence", "defense", "finance", "trade", "economy", "home", "interior",
    "chief", "cabinet", "vice", "deputy", "state", "former", "acting", "senior", "lieutenant",
    "major", "attorney", "us", "u.s.", "uk", "eu", "managing", "executive", "general",
}  # fmt: skip
_CONNECTORS = {"of", "the", "for", "de", "del", "da", "du", "von", "van", "al", "bin", "&"}
_OPENERS = " \t\"“'\u2018([—\u2013-"
_PERIOD_LABEL = re.compile(r"^(?:FY\d*|[QH][1-4]|\d[\d.,]*[A-Za-z]*)$")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")


# Capitalised words that name no one: measures, periods.
NOT_NAMES = {"gdp", "gnp", "cpi", "vat", "ceo", "cfo", "fiscal", "financial", "year", "fy", "tv"}


def unknown_names(
    text: str, known: list[tuple[int, int]], capitalised: frozenset[str] | set[str] = frozenset()
) -> list[tuple[int, int]]:
    """Spans of capitalised names in a sentence that no Entity matched: not overlapping the
    `known` spans, without a sentence-initial common word, months, weekdays, titles or a
    possessive 's. The possessor and the possessed are two names ("Japan's Ministry"). A
    one-word name that starts the sentence ("Petrol prices rose") counts only when the text
    capitalises that word mid-sentence too (`capitalised`, from `capitalised_words`)."""
    found = []
    for m in _NAME.finditer(text):
        for start, end in _split(text, m.start(), m.end(), known):
            for span in _names_in(text, start, end):
                name = text[span[0] : span[1]]
                at_start = not text[: span[0]].strip(_OPENERS)
                if at_start and " " not in name and name.lower() not in capitalised:
                    continue
                found.append(span)
    return found


def capitalised_words(sentences: Iterable[str]) -> set[str]:
    """The words (lower-cased) that the sentences capitalise somewhere after their start."""
    found = set()
    for text in sentences:
        for m in re.finditer(_NAME_WORD, text):
            if text[: m.start()].strip(_OPENERS):
                found.add(m[0].rstrip(".").lower())
    return found


def _split(text: str, start: int, end: int, known: list[tuple[int, int]]):
    """The pieces of a name run outside the known spans and its possessives."""
    cuts = [(s, e) for s, e in known if s < end and start < e]
    cuts += [(start + p.start(), start + p.end()) for p in _POSSESSIVE.finditer(text[start:end])]
    position = start
    for s, e in sorted(cuts):
        if s > position:
            yield position, s
        position = max(position, e)
    if position < end:
        yield position, end


def _bare(word: str) -> str:
    return word.strip(".,;:").lower()


def _is_time_word(word: str) -> bool:
    return _bare(word) in _MONTHS_AND_DAYS or bool(_PERIOD_LABEL.match(word.strip(".,")))


def _names_in(text: str, start: int, end: int):
    """A month, weekday or period label cuts a run of capitalised words ("January the Bank of
    England"): the names are the pieces on either side of it."""
    words = [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", text[start:end])]
    piece: list[tuple[int, int]] = []
    for word in [*words, None]:
        if word is None or _is_time_word(text[word[0] : word[1]]):
            span = _trim(text, piece) if piece else None
            if span:
                yield span
            piece = []
        else:
            piece.append(word)


def _trim(text: str, words: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name in a run of words: without a leading common word (at the sentence start),
    connector or title, nor a trailing connector or full stop (but "U.S.")."""
    while words:
        s, e = words[0]
        word = _bare(text[s:e])
        at_sentence_start = not text[:s].strip(_OPENERS)
        if (at_sentence_start and word in SENTENCE_STARTERS) or word in _CONNECTORS:
            words.pop(0)
            continue
        break
    heads = [i for i, (s, e) in enumerate(words) if _bare(text[s:e]) in HEAD_TITLES]
    if heads:
        last = heads[-1]
        titled = all(_bare(text[s:e]) in HEAD_TITLES | TITLE_MODIFIERS for s, e in words[:last])
        if titled:
            words = words[last + 1 :]
    while words and _bare(text[words[-1][0] : words[-1][1]]) in _CONNECTORS:
        words.pop()
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    name = text[s:e]
    if name[-1] in ".,;:" and not _INITIALISM.search(name):
        name = name.rstrip(".,;:")
    if len(name) < 2 or _bare(name) in SENTENCE_STARTERS or not name[0].isupper():
        return None
    if all(_bare(w) in NOT_NAMES for w in name.split()):
        return None
    return s, s + len(name)
