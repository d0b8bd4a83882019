"""The words that qualify a number: bounds, change words, multiples written as words, the
markers of before/after/total roles, and the words that make a number a name ("Article 9").

"nearly" and "almost" are read as approximately, not at_most: "nearly 20,000" claims a value
close to 20,000, and at_most would also accept 5. Strict and non-strict bounds are one bound
each ("more than" and "at least" are at_least), as QuantityBound has no strict ones.
"""

from __future__ import annotations

import re
from decimal import Decimal

_BOUNDS = {
    "at_least": r"more than|over|at least|in excess of|upwards? of|no (?:fewer|less) than|not "
    r"(?:fewer|less) than|greater than|higher than|above|exceeding|a minimum of|well over|"
    r"just over|well above|north of|as (?:little|few|low) as|exceed(?:s|ed)?|"
    r"surpass(?:es|ed|ing)?",
    "at_most": r"as (?:much|many|high) as|up to|at most|no more than|not more than|less than|"
    r"fewer than|under|below|a maximum of|just under|well under|just below|not exceeding|"
    r"not exceed|never exceed",
    # "an estimated 3,000" is exact: the figure is the estimate, as both blind labellers read it.
    "approximately": r"nearly|almost|about|around|roughly|some|approximately|approx\.|"
    r"close to|circa|c\.|in the region of|more or less|~",
}
_BOUND_BEFORE = re.compile(
    r"(?<![\w])(?:" + "|".join(f"(?P<{b}>{p})" for b, p in _BOUNDS.items()) + r")\s*\Z", re.I
)
_BOUND_AFTER = re.compile(
    r"\s*(?:(?P<at_least>\+(?!\d)|-?plus\b|\s+or\s+(?:more|higher|above|over|greater)\b"
    r"|\s+and\s+(?:above|over|up)\b)|(?P<at_most>\s+or\s+(?:less|fewer|lower|under|below)\b)"
    r"|(?P<approximately>\s+or\s+so\b))",
    re.I,
)

RISE = (
    r"ris(?:e|es|ing|en)|rose|increas(?:e|ed|es|ing)|gr[eo]w(?:s|ing|n)?|gain(?:ed|s|ing)?|"
    r"jump(?:ed|s|ing)?|climb(?:ed|s|ing)?|surg(?:e|ed|es|ing)|soar(?:ed|s|ing)?|rais(?:e|ed|es"
    r"|ing)|boost(?:ed|s|ing)?|expand(?:ed|s|ing)?|add(?:ed|s|ing)?|hik(?:e|ed|es|ing)|widen(?:ed"
    r"|s|ing)?|advanc(?:e|ed|es|ing)|rebound(?:ed|s|ing)?|up|higher"
)
FALL = (
    r"f[ae]ll(?:s|ing|en)?|drop(?:ped|s|ping)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|"
    r"slid(?:e|es|ing)?|slipp?(?:ed|s|ing)?|shr[aiu]nk|shrink(?:s|ing)?|contract(?:ed|s|ing)|"
    r"cut(?:s|ting)?|slash(?:ed|es|ing)?|reduc(?:e|ed|es|ing)|lower(?:ed|s|ing)?|lost|los(?:e|es"
    r"|ing)|plung(?:e|ed|es|ing)|plummet(?:ed|s|ing)?|tumbl(?:e|ed|es|ing)|sank|sink(?:s|ing)?|"
    r"eas(?:e|ed|es|ing)|dipp?(?:ed|s|ing)?|slump(?:ed|s|ing)?|narrow(?:ed|s|ing)?|down|"
    r"trimm?(?:ed|s|ing)?|shav(?:e|ed|es|ing)|par(?:e|ed|es|ing)"
)
_FALL_NOUNS = {"drop", "fall", "decline", "decrease", "cut", "reduction", "contraction", "slump"}
_FALL_NOUNS |= {"plunge", "loss"}
CHANGE_NOUNS = "increase|rise|jump|gain|hike|growth|boost|surge|" + "|".join(sorted(_FALL_NOUNS))
_EXTRA = r"(?:\s+(?:a\s+further|another|an\s+additional|an\s+extra|a\s+record))?"
_CHANGE_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?P<rise>{RISE})|(?P<fall>{FALL}))(?:\s+\w+ly)?{_EXTRA}(?:\s+(?:by|in))?\s+\Z"
    rf"|(?<![\w-])(?:an?\s+)?(?P<noun>{CHANGE_NOUNS})\s+of\s+\Z"
    rf"|(?<![\w-])(?:(?P<rise_far>{RISE})|(?P<fall_far>{FALL}))\b[^.;:,\d]{{1,40}}?\sby\s+\Z",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"\s+(?:(?:year-on-year|annual|yearly|quarterly|on-year|cash|real-terms|real|nominal)\s+)?"
    rf"(?P<noun>{CHANGE_NOUNS})\b"
    r"|\s+(?P<rise>higher|more|up)\b(?!\s+to\b)|\s+(?P<fall>lower|less|down)\b",
    re.I,
)

_MULTIPLE_STEMS = {"doubl": 2, "twice": 2, "tripl": 3, "trebl": 3, "quadrupl": 4, "halv": 0.5}
_FOLDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_FOLDS |= {"nine": 9, "ten": 10}
MULTIPLES = re.compile(
    r"(?<![\w-])(?:(?P<verb>(?:doubl|tripl|trebl|quadrupl|halv)(?:ed|ing))"
    r"|(?P<base>(?:doubl|tripl|trebl|quadrupl|halv)es?)|(?P<adjective>twice)"
    rf"|(?P<fold>{'|'.join(_FOLDS)})-?fold)(?![\w-])",
    re.I,
)
# The word before a base form ("would almost double"), past bounds and adverbs; None after a
# comma ("18.1 billion yen, more than double the ...").
_BASE_LEAD = re.compile(
    r"(?:(?<![\w'\u2019-])(?P<lead>[A-Za-z'\u2019]+)\s+|[,;:(]\s*|\A)"
    r"(?:(?:(?:more|less)\s+than|almost|nearly|roughly|about|around|approximately|at\s+least"
    r"|\w+ly)\s+)*\Z",
    re.I,
)
_VERB_LEADS = {
    "to", "will", "would", "could", "can", "may", "might", "shall", "should", "must", "did",
    "does", "do", "not", "never", "cannot", "won't", "can't", "didn't", "wouldn't", "couldn't",
}  # fmt: skip
_NOUN_LEADS = {
    "a", "an", "the", "this", "its", "their", "his", "her", "our", "my", "in", "into", "mixed",
    "two", "three", "four", "both", "first", "second",
}  # fmt: skip
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_DETERMINER_AFTER = re.compile(
    r"\s+(?:the|that|its|their|what|this|those|these|his|her|our)\b", re.I
)
_COMPLEMENT_AFTER = re.compile(
    r"\s+(?:to|from|by|in|over|within|since|between|again|every|each|or|and|on|after)\b"
    r"|\s*(?:[,.;:)!?]|\Z)",
    re.I,
)
TIMES_COMPARED = re.compile(
    r"\s+(?:the|as|that|those|more|higher|larger|bigger|greater|over|its|their|what|than|faster)\b",
    re.I,
)

TO_AFTER_CHANGE = re.compile(rf"(?<![\w-])(?:{RISE}|{FALL})(?:\s+\w+ly)?\s+to\s+\Z", re.I)
BEFORE_MARK = re.compile(
    r"(?<![\w-])(?:(?:up|down|rising|falling)\s+from|compared\s+(?:with|to)|versus|vs\.?|"
    r"against|from)\s+\Z",
    re.I,
)
TOTAL_BEFORE = re.compile(r"(?<![\w-])(?:a\s+)?total(?:s|l?ing|l?ed)?(?:\s+of)?\s+\Z", re.I)
TOTAL_AFTER = re.compile(r"\s+(?:in\s+total|in\s+all|altogether)\b", re.I)
# The whole a part is counted out of: the 38 of "14 of the country's 38 provinces".
OF_WHOLE = re.compile(
    r"(?<![\w-])[\w,.]+\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w.-]+['\u2019]s\s+)?\Z"
)
TOTAL_SENTENCE = re.compile(r"\b(?:to\s+date|so\s+far|thus\s+far|in\s+total|in\s+all)\b", re.I)
RANGE_START = re.compile(r"(?<![\w-])(?:between|rang(?:e|es|ed|ing)\s+(?:from\s+)?)\s*\Z", re.I)
FROM = re.compile(r"(?<![\w-])from\s+\Z", re.I)

_LABEL_WORDS = {
    "page", "pages", "p", "pp", "article", "articles", "paragraph", "para", "section",
    "sections", "chapter", "clause", "rule", "line", "item", "no", "nos", "number", "figure",
    "fig", "table", "annex", "appendix", "pillar", "phase", "stage", "tier", "level", "round",
    "version", "v", "step", "part", "volume", "vol", "issue", "episode", "season", "grade",
    "category", "class", "type", "model", "route", "highway", "flight", "gate", "platform",
    "room", "block", "lot", "district", "ward", "zone", "resolution", "act", "bill", "title",
    "amendment", "protocol", "division", "batch", "group", "game",
}  # fmt: skip
# Words that may stand capitalised before a number without naming it ("About 16", "With 16").
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "into", "than",
    "and", "or", "but", "as", "per", "via", "over", "under", "about", "around", "between",
    "among", "across", "against", "after", "before", "since", "during", "until", "nearly",
    "almost", "roughly", "some", "approximately", "estimated", "more", "less", "fewer", "least",
    "most", "up", "down", "only", "just", "all", "its", "their", "his", "her", "our", "these",
    "those", "this", "that", "another", "rose", "fell", "rise", "fall", "rising", "falling",
    "total", "totalling", "reached", "hit", "when", "while", "where", "if", "then", "also",
    "say", "says", "said", "every", "each", "both", "exceeding", "above", "below", "approx",
    "circa", "close", "well", "exactly", "fully", "barely", "precisely", "there", "here", "it",
    "including", "excluding", "involving", "adding", "plus", "minus", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w.'\u2019-]*)\s*\Z")


_WINDOW = 80  # longer than any phrase read backwards from a number


def ends_before(pattern: re.Pattern, sentence: str, end: int) -> re.Match | None:
    """pattern (anchored with \\Z) matched in the words just before end; lookbehinds still see
    further back. Bounded, so that a long text is read in linear time."""
    return pattern.search(sentence, max(0, end - _WINDOW), end)


def bound_before(sentence: str, start: int) -> tuple[str, int] | None:
    """The bound phrase that ends at start ('more than ', 'as much as '), as (bound, start)."""
    m = ends_before(_BOUND_BEFORE, sentence, start)
    return (m.lastgroup, m.start()) if m else None


def bound_after(sentence: str, end: int) -> tuple[str, int] | None:
    """The bound phrase that starts at end ('+', ' or more', ' or so'), as (bound, end)."""
    m = _BOUND_AFTER.match(sentence, end)
    return (m.lastgroup, m.end()) if m else None


def change_before(sentence: str, start: int) -> str | None:
    """'increase' or 'decrease' when a change word leads to start: 'rose ', 'fell by ',
    'rising by ', 'a cut of ', 'increased its budget by '."""
    m = ends_before(_CHANGE_BEFORE, sentence, start)
    if not m:
        return None
    falls = m["fall"] or m["fall_far"] or (m["noun"] or "").lower() in _FALL_NOUNS
    return "decrease" if falls else "increase"


def change_after(sentence: str, end: int) -> str | None:
    """'increase' or 'decrease' when a change word follows: '5% increase', '5% lower'."""
    m = _CHANGE_AFTER.match(sentence, end)
    if not m:
        return None
    return "decrease" if m["fall"] or (m["noun"] or "").lower() in _FALL_NOUNS else "increase"


def multiple_value(m: re.Match) -> Decimal:
    """The factor a MULTIPLES match states: 'doubled' 2, 'threefold' 3, 'halved' 0.5."""
    if m["fold"]:
        return Decimal(_FOLDS[m["fold"].lower()])
    word = m[0].lower()
    return Decimal(str(next(v for k, v in _MULTIPLE_STEMS.items() if word.startswith(k))))


def multiple_form(sentence: str, m: re.Match) -> str | None:
    """How a MULTIPLES match is used: 'verb' ('doubled', 'would almost double', 'plans to
    halve the deficit', 'sales triple to'), 'adjective' ('twice', 'threefold', 'more than
    double the level', 'is double that of'), or None where the word is no multiple: a noun or
    the adjective of one ('a double standard', 'double digits', 'mixed doubles', 'two halves').
    """
    if not m["base"]:
        return "verb" if m["verb"] else "adjective"
    lead_match = ends_before(_BASE_LEAD, sentence, m.start())
    lead = (lead_match["lead"] or "").lower() if lead_match else ""
    determiner_after = _DETERMINER_AFTER.match(sentence, m.end())
    if lead in _NOUN_LEADS or lead.endswith(("'s", "\u2019s")):
        return None
    if m["base"].lower().endswith("s"):  # "the plan halves the subsidy", not "triples are"
        return "verb" if determiner_after or _COMPLEMENT_AFTER.match(sentence, m.end()) else None
    if lead in _VERB_LEADS or (lead in ("and", "or") and determiner_after):
        return "verb"
    if lead in _BE or determiner_after:
        return "adjective"
    return "verb" if _COMPLEMENT_AFTER.match(sentence, m.end()) else None


def is_label(sentence: str, start: int) -> bool:
    """A number that names rather than counts: 'Article 9', 'page 12', 'p. 12', 'Pillar 2',
    'Boeing 737', 'iPhone 16': a label word or a capitalised word before it, unless that word
    is one that leads into numbers ('About 16', 'With 16', 'Japan's 16')."""
    previous = ends_before(_PREVIOUS_WORD, sentence, start)
    if not previous:
        return False
    word = previous[1].rstrip(".")
    if word.lower() in _LABEL_WORDS:
        return True
    if word.endswith(("'s", "\u2019s")) or word.lower() in _FUNCTION_WORDS:
        return False
    return not word.islower()
