"""Capitalised names a sentence uses that no Entity matched: what an editor may add.

A name is a run of capitalised words, joined by "of", "the", "for", "&" and a few particles
("Ministry of Foreign Affairs", "Johnson & Johnson", "al-Mawasi"). From each run are left out:
a possessive ("Japan's Ministry" is two names), a leading common word at the sentence start
("However", "The"), months, weekdays and period labels (which cut the run), and a person's
title ("Defence Minister Richard Marles" is Richard Marles). A run holding a known Entity and
more capitalised words is a name of its own ("Japan Meteorological Agency"); a run that is all
known Entities gives nothing. A one-word name at the sentence start ("Petrol prices rose")
counts only when the text capitalises that word mid-sentence too, or when it is whom the
sentence cites ("Israel says").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .entities import DEMONYMS

_PARTICLE = r"(?:(?:al|el|ad|as|an|ash|ibn|bin|de|di|da|du|la|le|van|von)-)"
_NAME_WORD = rf"(?:(?<![\w'\u2019.-]){_PARTICLE}?[A-Z][\w]*(?:[.\-&'\u2019][\w]+)*\.?)"
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
    "admiral", "colonel", "general", "judge", "justice", "pope", "sheikh", "emir",
}  # fmt: skip
# Abbreviated titles count only with their full stop: "Gen. Smith", but "Gen Nakatani" is a name.
DOTTED_TITLES = {"gen", "lt", "col", "adm", "sen", "rep", "gov", "sgt", "capt", "maj", "cmdr"}
TITLE_MODIFIERS = {
    "prime", "foreign", "defence", "defense", "finance", "trade", "economy", "home", "interior",
    "chief", "cabinet", "vice", "deputy", "state", "former", "acting", "senior", "lieutenant",
    "major", "attorney", "us", "u.s", "uk", "u.k", "eu", "managing", "executive", "general",
    "opposition", "party", "army", "navy", "military", "police", "health", "justice",
    "education", "energy", "environment", "transport", "industry", "labour", "labor", "agriculture",
    *(demonym.lower() for demonym in DEMONYMS),
}  # fmt: skip
_CONNECTORS = {"of", "the", "for", "de", "del", "da", "du", "von", "van", "al", "bin", "&"}
_PERSON_NAME = re.compile(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}")
_OPENERS = " \t\"“'\u2018([—\u2013-"
_PERIOD_LABEL = re.compile(r"^(?:FY\d*|[QH][1-4]|\d[\d.,]*[A-Za-z]*)$")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")


# Capitalised words that name no one: measures, periods.
NOT_NAMES = {"gdp", "gnp", "cpi", "vat", "ceo", "cfo", "fiscal", "financial", "year", "fy", "tv"}


def unknown_names(
    text: str, known: list[tuple[int, int]], capitalised: frozenset[str] | set[str] = frozenset()
) -> list[tuple[int, int]]:
    """Spans of the capitalised names in a sentence that no Entity matched (`known` are the
    spans that Entities matched, in order and not overlapping), by the rules above;
    `capitalised` is `capitalised_words` of the whole text."""
    spans = _Spans(known)
    first = _first_word(text)
    found = []
    for m in _NAME.finditer(text):
        for start, end in _pieces(text, m.start(), m.end(), spans):
            for span in _names_in(text, start, end, first):
                if _covered(text, span, spans):
                    continue
                name = text[span[0] : span[1]]
                if span[0] <= first and " " not in name and name.lower() not in capitalised:
                    continue
                found.append(span)
    return found


def capitalised_words(sentences: Iterable[str]) -> set[str]:
    """The words (lower-cased) that the sentences capitalise somewhere after their start."""
    found = set()
    for text in sentences:
        first = _first_word(text)
        for m in re.finditer(_NAME_WORD, text):
            if m.start() > first:
                found.add(m[0].rstrip(".").lower())
    return found


def _first_word(text: str) -> int:
    """Where the sentence's first word starts, after opening quotes and brackets."""
    return len(text) - len(text.lstrip(_OPENERS))


class _Spans:
    """Spans in order and not overlapping, with the ones overlapping a stretch found by
    bisection: a sentence of many names stays linear."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        return self.spans[bisect_right(self.ends, start) : bisect_left(self.starts, end)]


def _pieces(text: str, start: int, end: int, known: _Spans):
    """A run split at its possessives; a piece is kept whole when the known names in it lie
    inside it ("Japan Meteorological Agency"), else cut around them."""
    for s, e in _cut(start, end, _possessives(text, start, end)):
        inside = known.overlapping(s, e)
        if any(ks < s or ke > e for ks, ke in inside):
            yield from _cut(s, e, inside)
        else:
            yield s, e


def _possessives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + p.start(), start + p.end()) for p in _POSSESSIVE.finditer(text[start:end])]


def _cut(start: int, end: int, cuts: list[tuple[int, int]]):
    """The stretches of start..end outside the cuts."""
    position = start
    for s, e in sorted(cuts):
        if s > position:
            yield position, s
        position = max(position, e)
    if position < end:
        yield position, end


def _covered(text: str, span: tuple[int, int], known: _Spans) -> bool:
    """Whether every word of the span is (part of) a known name."""
    start, end = span
    words = [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", text[start:end])]
    return all(known.overlapping(ws, we) for ws, we in words)


def _bare(word: str) -> str:
    return word.strip(".,;:").lower()


def _is_time_word(word: str) -> bool:
    return _bare(word) in _MONTHS_AND_DAYS or bool(_PERIOD_LABEL.match(word.strip(".,")))


def _names_in(text: str, start: int, end: int, first: int):
    """A month, weekday or period label cuts a run of capitalised words ("January the Bank of
    England"): the names are the pieces on either side of it."""
    words = [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", text[start:end])]
    piece: list[tuple[int, int]] = []
    for word in [*words, None]:
        if word is None or _is_time_word(text[word[0] : word[1]]):
            span = _trim(text, piece, first) if piece else None
            if span:
                yield span
            piece = []
        else:
            piece.append(word)


def _is_head_title(word: str) -> bool:
    bare = word.strip(",;:").lower()
    return bare.rstrip(".") in HEAD_TITLES or (bare.endswith(".") and bare[:-1] in DOTTED_TITLES)


def _without_title(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A person's name after a title ("Defence Minister Richard Marles", "Gen. Smith"): the
    title goes when it is a head title with only title modifiers before it and a short
    name after it, without connectors ("General Administration of Customs" stays)."""
    heads = [i for i, (s, e) in enumerate(words) if _is_head_title(text[s:e])]
    if not heads:
        return words
    last = heads[-1]
    before = all(
        _is_head_title(text[s:e]) or _bare(text[s:e]) in TITLE_MODIFIERS for s, e in words[:last]
    )
    rest = words[last + 1 :]
    person = bool(rest) and _PERSON_NAME.fullmatch(text[rest[0][0] : rest[-1][1]].rstrip(".,"))
    if before and (person or not rest):
        return rest
    return words


def _trim(text: str, words: list[tuple[int, int]], first: int) -> tuple[int, int] | None:
    """The name in a run of words: without a leading common word (at the sentence start),
    connector or title, nor a trailing connector or full stop (but "U.S.")."""
    while words:
        s, e = words[0]
        word = _bare(text[s:e])
        at_sentence_start = s <= first
        connector = word in _CONNECTORS and text[s].islower()  # "al" but not "Al Jazeera"
        if (at_sentence_start and word in SENTENCE_STARTERS) or connector:
            words.pop(0)
            continue
        break
    words = _without_title(text, words)
    while words and _bare(text[words[-1][0] : words[-1][1]]) in _CONNECTORS:
        words.pop()  # a connector cannot end a name: "Bank of" is none
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    name = text[s:e]
    if name[-1] in ".,;:" and not _INITIALISM.search(name):
        name = name.rstrip(".,;:")
    capital = re.match(rf"{_PARTICLE}?[A-Z]", name)  # "al-Mawasi" too
    if len(name) < 2 or _bare(name) in SENTENCE_STARTERS or not capital:
        return None
    if all(_bare(w) in NOT_NAMES for w in name.split()):
        return None
    return s, s + len(name)
