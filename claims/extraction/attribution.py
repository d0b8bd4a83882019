"""Whom a sentence cites: the words of its source as written, found from a reporting cue.

Cues, tried in this order (the first that names someone wins):

- "according to X" (X up to the next comma or clause);
- "in a statement, X" / "in remarks on Tuesday, X";
- "X said", "X says", "X told reporters", "X announced", "X has said", with the other
  reporting verbs of REPORTING (in lower case: "the United States" has no verb); X is the
  clause before the verb, skipping an apposition ("Hayashi, the chief cabinet secretary,
  said"; "the board's chair, Henrik Lund, told" names Henrik Lund); "showed" and "found" cite
  only a source noun ("a survey found", not "Japan found itself");
- "said X", "says X" after a quotation (`"...," said John Smith`);
- "X's Ministry of ...", "X's Foreign Ministry", "X's Department of ..." when nothing else
  cites anyone (a government body that the sentence's figures come from).

A pronoun ("he said", "it added") is returned as such: the caller resolves it to the last
source the text named. What X must look like: a name (a capitalised word) or a phrase with a
source noun (SOURCE_NOUNS: "officials", "a spokesman", "the ministry", "analysts"), at most
MAX_WORDS words; before a verb of speech ("said", "told") any short noun phrase will do ("the
carmaker said"). A passive ("it was said") cites no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 10
PRONOUNS = {"he", "she", "they", "it", "we", "i"}

REPORTING = (
    r"said|says|say|told|tells|announced|announces|stated|states|added|adds|noted|notes|"
    r"warned|warns|claimed|claims|argued|argues|insisted|insists|explained|confirmed|"
    r"confirms|estimated|estimates|reported|reports|wrote|writes|declared|asserted|"
    r"predicted|predicts|acknowledged|admitted|denied|stressed|emphasi[sz]ed|revealed|"
    r"disclosed|maintained|contended|cautioned|projected|projects|forecast|forecasts|"
    r"pointed out|indicated|showed|shows|found|finds|concluded"
)
SOURCE_NOUNS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
    "minister", "ministers", "ministry", "government", "department", "agency", "office",
    "police", "analyst", "analysts", "expert", "experts", "economist", "economists",
    "researchers", "researcher", "scientists", "diplomat", "diplomats", "source", "sources",
    "report", "statement", "data", "figures", "survey", "study", "poll", "documents",
    "company", "firm", "group", "bank", "authorities", "military", "army", "navy", "command",
    "committee", "commission", "council", "court", "prosecutors", "lawmakers", "legislators",
    "leader", "leaders", "president", "chief", "secretary", "director", "executive",
    "representative", "people", "residents", "witnesses", "observers", "critics", "organisers",
    "organizers", "regulator", "regulators", "watchdog", "union", "institute", "centre",
    "center", "tank", "embassy", "administration", "cabinet", "parliament", "congress",
    "presidency", "palace", "coalition", "party", "campaign", "association", "federation",
    "board", "authority", "operator", "service",
}  # fmt: skip
_DETERMINERS = r"(?:the|a|an|one|two|three|several|some|many|other|senior|top|its|their)"

_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<x>[^,;:()\"“”]+?)(?=\s*(?:[,;:()\"“”]|\.\s|\.?$|\s+(?:that|which|"
    r"who|as|when|while|because|and\s+(?:the|a|an)\s+\w+\s+(?:is|was|will|has))\b))",
    re.I,
)
_STATEMENT = re.compile(
    r"\b(?i:in)\s+(?:a|an|its|his|her|their)\s+(?:joint\s+|written\s+|separate\s+)?"
    r"(?:statement|remarks|release|press\s+release|report|interview|post|letter|speech)"
    r"[^,;]{0,40},\s+(?P<x>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'\u2019.-]*)*"
    r"|the\s+\w+(?:\s+\w+)?)"
)
# Case-sensitive verbs: "States" in "the United States" or "Reports" in a title is no verb.
_REPORTING = re.compile(
    rf"(?:\s+(?i:has|have|had|also|previously|repeatedly|earlier|recently|publicly|"
    rf"separately|further|then|later|once))*\s+(?P<verb>{REPORTING})\b(?!\s+to\b)"
)
_TITLE_ABBREVIATIONS = r"(?:Gen|Lt|Col|Adm|Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Prof|Sgt|Capt|Maj|St)"
_INVERTED = re.compile(
    r"[,\"”\u2019]\s*(?P<verb>said|says|added|adds|wrote|writes|noted|told)\s+"
    rf"(?P<x>(?:\b{_TITLE_ABBREVIATIONS}\.|\b(?:[A-Z]\.){{2,}}|[^,.;:\"“”]){{2,80}}?)"
    r"(?=\s*(?:[,.;:]|$|\s+(?:on|in|at|who|during)\b))",
    re.I,
)
_MINISTRY = re.compile(
    r"(?P<x>(?<![\w.-])[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['\u2019]s\s+"
    r"(?:(?:Ministry|Department)\s+of(?:\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and|of)\s+[A-Z][\w-]*)*)+"
    r"|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:Ministry|Department)))"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”—\u2013]|\s-\s|\b(?:that|but|while|as|which|who|when)\b")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s*\Z", re.I)
_TRAILING_TIME = re.compile(
    r"(?:\s+(?:today|yesterday|tonight|earlier|recently|again|now|late|early|"
    r"(?:on|this|last|late|early)\s+\w+day|this\s+(?:week|month|year)))+\Z",
    re.I,
)
_LEADING_TIME = re.compile(r"\s*(?:(?:on|in|at|late|early)\s+\w+day,?\s+)?", re.I)
_LOWER_SOURCE = re.compile(
    rf"(?:{_DETERMINERS}\b|(?:he|she|they|it|we|i)$|\w+s$|\w+s\s+(?:in|at|from|for|of)\b)", re.I
)
# Verbs of speech: the phrase just before them is the speaker ("the carmaker said").
_SPEECH_VERBS = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "announced", "noted",
    "warned", "wrote", "writes", "insisted", "explained", "confirmed",
}  # fmt: skip
_WEAK_VERBS = {"showed", "shows", "found", "finds", "indicated", "concluded", "reported"}
_POSSESSOR = re.compile(r"['\u2019]s?\Z")
_APPOSITION_END = re.compile(r",\s*\Z")
_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*\.?")


@dataclass(frozen=True)
class Cited:
    """Whom a sentence cites: sentence[start:end] == text. pronoun: the text is one."""

    start: int
    end: int
    text: str
    cue: str

    @property
    def pronoun(self) -> bool:
        return self.text.lower() in PRONOUNS


def cited(sentence: str) -> Cited | None:
    """Whom the sentence cites, by the first cue that names someone, or None."""
    for finder in (_according_to, _in_a_statement, _before_verb, _inverted, _ministry):
        found = finder(sentence)
        if found:
            return found
    return None


def _make(sentence: str, start: int, end: int, cue: str) -> Cited | None:
    text = sentence[start:end]
    stripped = text.strip(" \t\n.,;:'\"“”\u2019")
    if not stripped:
        return None
    start += text.index(stripped)
    return Cited(start, start + len(stripped), stripped, cue)


def _looks_like_source(phrase: str) -> bool:
    words = _WORD.findall(phrase)
    if not words or len(words) > MAX_WORDS:
        return False
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if any(w[0].isupper() for w in words):
        return True
    return _has_source_noun(phrase)


def _according_to(sentence: str) -> Cited | None:
    m = _ACCORDING.search(sentence)
    if m and _looks_like_source(m["x"]):
        return _make(sentence, m.start("x"), m.end("x"), "according to")
    return None


def _in_a_statement(sentence: str) -> Cited | None:
    m = _STATEMENT.search(sentence)
    if m and _looks_like_source(m["x"]):
        return _make(sentence, m.start("x"), m.end("x"), "in a statement")
    return None


def _before_verb(sentence: str) -> Cited | None:
    """'X said': X is the clause before the verb; an apposition between commas is skipped."""
    for m in _REPORTING.finditer(sentence):
        verb = m["verb"].lower()
        before = sentence[: m.start()]
        if _PASSIVE.search(before):
            continue  # "it was said", "was reported": no one is named
        if _APPOSITION_END.search(before):
            before = _skip_apposition(before)
            if before is None:
                continue
        start = _clause_start(before)
        start += _LEADING_TIME.match(before, start).end() - start
        phrase = _TRAILING_TIME.sub("", before[start:].rstrip())
        if not phrase or _POSSESSOR.search(phrase):
            continue  # "the ministry's claims were": a noun, not a verb
        lower_source = _LOWER_SOURCE.match(phrase) or _has_source_noun(phrase)
        if phrase[0].islower() and not lower_source:
            continue  # a lower-case phrase must be a noun phrase ("officials", "the board")
        speech = verb in _SPEECH_VERBS and len(_WORD.findall(phrase)) <= 6
        if not (_looks_like_source(phrase) or speech):
            continue
        if verb in _WEAK_VERBS and not _has_source_noun(phrase):
            continue  # "Japan found itself": only "a survey found" cites
        return _make(sentence, start, start + len(phrase), verb)
    return None


def _has_source_noun(phrase: str) -> bool:
    return any(w.lower().rstrip(".") in SOURCE_NOUNS for w in _WORD.findall(phrase))


def _skip_apposition(before: str) -> str | None:
    """'John Smith, a spokesman for the ministry,' -> 'John Smith'; 'the board's chair, Henrik
    Lund,' -> 'Henrik Lund' (the apposition is the name)."""
    inner = before.rstrip()[:-1]
    comma = inner.rfind(",")
    if comma == -1:
        return None
    apposition = inner[comma + 1 :].strip()
    if re.match(rf"(?:{_DETERMINERS}|who|which)\b", apposition, re.I):
        return inner[:comma]
    if re.fullmatch(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}", apposition):
        return inner[: comma + 1] + " " + apposition
    return None


def _clause_start(before: str) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return breaks[-1].end() if breaks else 0


def _inverted(sentence: str) -> Cited | None:
    m = _INVERTED.search(sentence)
    if m and _looks_like_source(m["x"]) and not m["x"].lower().startswith(("that", "it was")):
        return _make(sentence, m.start("x"), m.end("x"), m["verb"].lower())
    return None


def _ministry(sentence: str) -> Cited | None:
    m = _MINISTRY.search(sentence)
    return _make(sentence, m.start("x"), m.end("x"), "ministry") if m else None
