"""The words that make a sentence framing or hedged, a comparison or a change, and that tell
its kind: agreement and event verbs, forecasts. Each list is a regular expression of whole
words, matched case-insensitively; each function returns what it found, for the features.
"""

from __future__ import annotations

import re
from datetime import date


def _words(*alternatives: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


# Framing and opinion: motives imputed ("in an effort to"), loaded labels ("so-called",
# "hegemony"), the writer's certainty ("clearly") and evaluative adjectives. These are what a
# reader cannot check; the sentence is a characterization.
FRAMING = _words(
    r"so-called", r"in an? (?:effort|bid|attempt) to", r"aims? to", r"aimed at", r"aiming to",
    r"seeks? to", r"seeking to", r"sought to", r"in order to", r"so as to", r"in pursuit of",
    r"under the (?:guise|pretext|banner) of", r"ulterior", r"hegemon(?:y|ic|ism)",
    r"clearly", r"undoubtedly", r"obviously", r"of course", r"deliberately", r"blatant(?:ly)?",
    r"of particular concern", r"cold war mentality", r"zero-sum", r"bloc confrontation",
    r"brazen(?:ly)?", r"reckless(?:ly)?", r"provocative(?:ly)?", r"sinister",
    r"malicious(?:ly)?", r"hypocritical", r"hypocrisy", r"irresponsible", r"shameless(?:ly)?",
    r"notorious(?:ly)?", r"absurd", r"ridiculous", r"outrageous", r"disgraceful", r"deplorable",
    r"egregious", r"ludicrous", r"baseless", r"groundless", r"unjustified", r"unwarranted",
    r"illegitimate", r"expansionist", r"militaristic", r"belligerent", r"warmongering",
    r"arrogant", r"misguided", r"cynical(?:ly)?", r"nefarious", r"despicable", r"laughable",
    r"preposterous", r"pathetic", r"treacherous", r"scaremongering", r"fearmongering",
    r"destabili[sz]ing", r"stirs? up", r"fuel(?:s|ling|ed)? (?:tension|bloc)",
)  # fmt: skip
# A short phrase in quotes, in lower case, inside a sentence: 'the "small-clique" mechanisms'.
SCARE_QUOTES = re.compile(
    r"(?<=\s)[\"“\u2018']([a-z][a-z-]*(?:\s[a-z][a-z-]*){0,2})[\"”\u2019'](?=[\s,.;])"
)

# "may" in lower case only: "31 May" is a date.
HEDGE = _words(
    r"(?-i:may)", r"might", r"could", r"possibly", r"perhaps", r"reportedly", r"allegedly",
    r"apparently", r"likely", r"unlikely", r"probably", r"seem(?:s|ed)?", r"appear(?:s|ed)? to",
    r"(?:is|are|was|were) (?:believed|thought|rumou?red|said) to", r"unconfirmed",
    r"it is unclear", r"unclear whether", r"speculat(?:e|es|ed|ion)", r"suggest(?:s|ed)? that",
)  # fmt: skip

COMPARISON = _words(
    r"than", r"compared (?:with|to)", r"versus", r"vs\.?", r"relative to", r"[a-z]+est",
    r"most", r"least", r"record(?:-\w+)?", r"outpac(?:e|es|ed|ing)", r"surpass(?:es|ed|ing)?",
    r"exceed(?:s|ed|ing)?", r"overt(?:ake|akes|ook|aking)", r"twice", r"doubl(?:e|ed|es|ing)",
    r"half", r"ranks?", r"ranked", r"the first time", r"second-\w+", r"third-\w+",
    r"greater", r"more", r"less", r"fewer", r"higher", r"lower", r"larger", r"smaller",
    r"bigger",
)  # fmt: skip
# Superlative-looking words that are not superlatives.
_NOT_SUPERLATIVE = {"interest", "west", "east", "test", "best", "rest", "protest", "request",
                    "contest", "forest", "guest", "honest", "modest", "suggest", "invest",
                    "harvest", "manifest", "arrest", "nest", "quest", "digest", "latest",
                    "earnest", "conquest", "pest", "vest", "chest", "crest", "behest", "zest",
                    "unrest", "midwest", "southwest", "northwest", "northeast",
                    "southeast", "priest", "inquest", "attest", "detest", "infest"}  # fmt: skip

CHANGE = _words(
    r"increas(?:e|es|ed|ing)", r"ris(?:e|es|ing|en)", r"rose", r"gr[eo]w(?:s|n|ing)?",
    r"growth", r"f[ae]ll(?:s|en|ing)?", r"drop(?:s|ped|ping)?", r"declin(?:e|es|ed|ing)",
    r"decreas(?:e|es|ed|ing)", r"cut(?:s|ting)?", r"expand(?:s|ed|ing)?", r"expansion",
    r"reduc(?:e|es|ed|ing|tion)", r"rais(?:e|es|ed|ing)", r"boost(?:s|ed|ing)?",
    r"doubl(?:e|ed|es|ing)", r"tripl(?:e|ed|es|ing)", r"halv(?:e|ed|es|ing)",
    r"surg(?:e|es|ed|ing)", r"jump(?:s|ed|ing)?", r"plung(?:e|es|ed|ing)", r"shift(?:s|ed|ing)?",
    r"loosen(?:s|ed|ing)?", r"tighten(?:s|ed|ing)?", r"strengthen(?:s|ed|ing)?",
    r"deepen(?:s|ed|ing)?", r"weaken(?:s|ed|ing)?", r"upgrad(?:e|es|ed|ing)",
    r"downgrad(?:e|es|ed|ing)", r"widen(?:s|ed|ing)?", r"narrow(?:s|ed|ing)?",
    r"lift(?:s|ed|ing)?", r"revis(?:e|es|ed|ing)", r"chang(?:e|es|ed|ing)",
    r"slash(?:es|ed|ing)?", r"soar(?:s|ed|ing)?", r"climb(?:s|ed|ing)?", r"up from",
    r"down from", r"more than doubl\w*",
)  # fmt: skip

AGREEMENT = _words(
    r"signed", r"agreed", r"concluded", r"ratified", r"inked",
    r"struck an? (?:deal|agreement|accord|pact)", r"reached an? (?:deal|agreement|accord)",
)  # fmt: skip
EVENT = _words(
    r"launched", r"passed", r"held", r"adopted", r"approved", r"enacted", r"established",
    r"introduced", r"unveiled", r"deployed", r"conducted", r"hosted", r"visited", r"met",
    r"opened", r"began", r"started", r"completed", r"elected", r"appointed", r"killed",
    r"attacked", r"fired", r"arrested", r"banned", r"imposed", r"lifted", r"updated",
    r"joined", r"withdrew", r"entered", r"seized", r"sanctioned", r"announced", r"released",
    r"expanded", r"created", r"founded", r"built", r"delivered", r"acquired", r"sold",
    r"bought", r"won", r"lost", r"resigned", r"took place", r"took office", r"was held",
    r"were held", r"covers", r"covering", r"has continued to",
)  # fmt: skip
FUTURE = _words(
    r"will", r"shall", r"(?:is|are) (?:expected|set|due|scheduled|projected|forecast|poised) to",
    r"plans? to", r"planned to", r"planning to", r"intends? to", r"is to", r"are to",
    r"forecasts?", r"projects?", r"projected", r"next year", r"by (?:19|20)\d\d",
)  # fmt: skip
_YEAR = re.compile(r"(?<![\w$€£¥.,-])((?:19|20)\d\d)(?![\w%]|[.,]\d)")


def framing(text: str) -> list[str]:
    """The framing and opinion cues of the sentence, as written; scare quotes included."""
    found = [m[0] for m in FRAMING.finditer(text)]
    found += [m[0] for m in SCARE_QUOTES.finditer(text)]
    return found


def hedges(text: str) -> list[str]:
    found = [m[0] for m in HEDGE.finditer(text)]
    if text.rstrip("\"”\u2019') ").endswith("?"):
        found.append("?")
    return found


def comparisons(text: str) -> list[str]:
    return [m[0] for m in COMPARISON.finditer(text) if m[0].lower() not in _NOT_SUPERLATIVE]


def changes(text: str) -> list[str]:
    return [m[0] for m in CHANGE.finditer(text)]


def is_forecast(text: str, published: date | None) -> bool:
    """A future marker and a year to come: after the publication year when it is known, else
    any year the sentence names (or "next year")."""
    if not FUTURE.search(text):
        return False
    if re.search(r"\bnext year\b|\bcoming years?\b", text, re.I):
        return True
    years = [int(y) for y in _YEAR.findall(text)]
    if published is None:
        return bool(years)
    return any(y > published.year for y in years)
