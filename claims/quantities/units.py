"""What a number is a number of: scale words, currencies, percent and points, multiples,
measures, durations and counted nouns.

Each matcher reads from one position in the sentence and returns where the words it read end
(or, for a currency prefix, where they start), so that every span built from them is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "k": Decimal(10**3),
    "lakh": Decimal(10**5),
    "lakhs": Decimal(10**5),
    "million": Decimal(10**6),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "mln": Decimal(10**6),
    "crore": Decimal(10**7),
    "crores": Decimal(10**7),
    "thousand crore": Decimal(10**10),
    "lakh crore": Decimal(10**12),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "bln": Decimal(10**9),
    "b": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tn": Decimal(10**12),
    "trn": Decimal(10**12),
}
# "m", "k" and "b" are read only when attached to the number ("$3m"): "3 m" is three metres.
_SCALE_WORD = re.compile(
    r"[\s-]?((?:thousand|lakh)\s+crore|thousand|million|billion|trillion|crores?|lakhs?)\b", re.I
)
_SCALE_ABBREVIATION = re.compile(r"\s?(bn|mn|mln|bln|tn|trn)\b|(k|m|b)\b")

_CODES = [
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "KRW", "INR", "AUD", "CAD", "CHF", "NZD", "HKD",
    "SGD", "TWD", "RUB", "BRL", "ZAR", "MXN", "SEK", "NOK", "DKK", "PLN", "TRY", "SAR", "AED",
    "ILS", "THB", "IDR", "MYR", "PHP", "VND", "PKR", "BDT", "LKR", "EGP", "NGN", "UAH", "KZT",
]  # fmt: skip
_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "CN¥": "CNY", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "₺": "TRY", "₪": "ILS", "₱": "PHP", "฿": "THB", "₫": "VND",
    "Rs": "INR", "Rs.": "INR", "RMB": "CNY", "Rmb": "CNY",
}  # fmt: skip
_PREFIX = re.compile(
    r"(?:(?<![A-Za-z.])(?P<symbol>(?:US|U\.S\.|AU|A|CA|C|NZ|HK|S|NT|R|MX)?\$|CN¥|[€£¥₹₩₽₺₪₱฿₫])"
    r"|(?<![A-Za-z])(?P<code>" + "|".join(_CODES) + r"|Rs\.?|Rmb))\s?\Z"
)
# Currency words after a number: "18.1 billion yen", "3m US dollars". "won" only after a scale
# word, where it cannot be the verb.
_DOLLAR_QUALIFIERS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
    "new taiwan": "TWD",
}  # fmt: skip
_CURRENCY_WORDS = {
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP", "rupees": "INR",
    "rupee": "INR", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "roubles": "RUB",
    "rubles": "RUB", "swiss francs": "CHF", "rand": "ZAR", "shekels": "ILS", "lira": "TRY",
    "dong": "VND", "naira": "NGN", "hryvnias": "UAH", "hryvnia": "UAH", "reais": "BRL",
    "riyals": "SAR", "dirhams": "AED", "taka": "BDT", "pesos": "", "korean won": "KRW",
    "philippine pesos": "PHP", "mexican pesos": "MXN", "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
}  # fmt: skip
_CURRENCY_AFTER = re.compile(
    r"[\s-](?:(?P<qualifier>"
    + "|".join(re.escape(q) for q in sorted(_DOLLAR_QUALIFIERS, key=len, reverse=True))
    + r")\s+)?(?P<dollars>dollars?)\b"
    r"|[\s-](?P<word>"
    + "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")\b|\s(?P<code>"
    + "|".join(_CODES)
    + r")\b",
    re.I,
)
_WON = re.compile(r"\swon\b")

DURATIONS = {"decade", "year", "month", "week", "day", "hour", "minute"}
# Units other than money, tried in order: (pattern, unit, kind).
_OTHER_UNITS = [
    (r"\s?%|\s?(?:per\s?cent|percent|pct)\b|pc\b", "percent", "level"),
    (r"[\s-]percentage[\s-]points?\b|\s?(?:pp|ppt)\b", "percentage_point", "level"),
    (r"\s(?:basis\s+points?|bps|bp)\b|bps?\b", "basis_point", "level"),
    (r"\s(?:times)\b|[\s-]?fold\b|x\b", "ratio", "multiple"),
    (r"[\s-](?:years?|yrs?)(?:[\s-]old)?\b", "year", "level"),
    (r"[\s-]decades?\b", "decade", "level"),
    (r"[\s-]months?\b", "month", "level"),
    (r"[\s-]weeks?\b", "week", "level"),
    (r"[\s-]days?\b", "day", "level"),
    (r"[\s-]hours?\b", "hour", "level"),
    (r"[\s-](?:minutes?|mins?)\b", "minute", "level"),
    (r"[\s-](?:points?)\b", "point", "level"),
    (r"\s?(?:km|kilomet(?:re|er)s?)\b", "km", "level"),
    (r"[\s-]nautical\s+miles?\b|\s?nm\b", "nautical_mile", "level"),
    (r"[\s-]miles?\b", "mile", "level"),
    (r"[\s-]met(?:re|er)s?\b", "m", "level"),
    (r"\s?(?:mm|millimet(?:re|er)s?)\b", "mm", "level"),
    (r"\s?(?:cm|centimet(?:re|er)s?)\b", "cm", "level"),
    (r"-pound\b|\s?(?:lbs?)\b", "lb", "level"),
    (r"[\s-](?:tonnes?|tons?|metric\s+tons?)\b|\s?t\b", "tonne", "level"),
    (r"[\s-]barrels?\s+(?:(?:of\s+oil\s+)?(?:per|a)\s+day|daily)\b|\s?(?:b/d|bpd)\b",
     "barrel_per_day", "level"),
    (r"[\s-]barrels?\b", "barrel", "level"),
    (r"\s?(?:kg|kilo(?:gram(?:me)?)?s?)\b", "kg", "level"),
    (r"[\s-](?:hectares?)\b|\s?ha\b", "hectare", "level"),
    (r"\s?(?:MW|megawatts?)\b", "MW", "level"),
    (r"\s?(?:GW|gigawatts?)\b", "GW", "level"),
    (r"\s?(?:[kMGT]Wh)\b", "energy", "level"),
]
_OTHER_UNIT_PATTERNS = [(re.compile(p, re.I), unit, kind) for p, unit, kind in _OTHER_UNITS]
_ENERGY = re.compile(r"[kMGT]Wh")

# Letters that may be written against a number ("18.1bn", "5pc", "300km"); any other letters
# make it part of a name ("5G", "737MAX") and not a number.
ATTACHABLE = {
    "bn", "mn", "mln", "bln", "tn", "trn", "k", "m", "b", "pc", "pp", "ppt", "bp", "bps",
    "x", "fold", "km", "nm", "mm", "cm", "lb", "lbs", "t", "kg", "ha", "mw", "gw", "kwh", "mwh",
    "gwh", "twh", "bpd",
}  # fmt: skip

# --- counted nouns ---------------------------------------------------------------------------
_IRREGULAR_PLURALS = {
    "people", "personnel", "children", "men", "women", "staff", "police", "aircraft", "cattle",
    "sheep", "fish", "livestock", "crew", "clergy", "youth", "spacecraft", "offspring",
}  # fmt: skip
# Words that end a counted noun phrase: function words, and verbs that end in -s.
_STOP = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without",
    "into", "onto", "than", "and", "or", "but", "nor", "as", "per", "via", "over", "under",
    "about", "around", "between", "among", "across", "against", "after", "before", "since",
    "during", "until", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my",
    "which", "who", "whom", "whose", "what", "when", "where", "while", "whereas", "if", "then",
    "thus", "plus", "less", "unless", "more", "most", "each", "every", "some", "any", "all",
    "both", "few", "many", "much", "other", "such", "so", "also", "only", "just", "even", "yet",
    "still", "not", "no", "it", "they", "we", "says", "makes", "takes", "remains", "comes",
    "goes", "gives", "seems", "means", "needs", "includes", "covers", "represents", "accounts",
    "requires", "rises", "falls", "grows", "signs", "joins", "adds", "ago", "apart", "alone",
    "always", "perhaps", "percent", "cent", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "hundred", "thousand", "million", "billion", "trillion",
    "dozen",
}  # fmt: skip
# What follows a verb, not a noun: "23 million faces a shrinking workforce" (but "3 million
# barrels a day").
_VERB_AHEAD = re.compile(
    r"\s+(?:the|its|their|his|her|our|this|that|these|those|an|a(?!\s+(?:day|year|month|week"
    r"|head|piece|person|time)\b))\b",
    re.I,
)
_SKIPPED = {"more", "fewer", "other", "extra", "additional", "further"}
_WORD = re.compile(r"\s+([A-Za-z][\w'\u2019.-]*[A-Za-z0-9]|[A-Za-z])")
# A model's designation as a modifier: "five more Type 31 frigates", "two Block 3 ships".
_DESIGNATION = re.compile(r"\s+([A-Z][a-z]+\s\d+[A-Za-z]?)(?=\s+[A-Za-z])")


@dataclass(frozen=True)
class Unit:
    """The unit words after a number: unit, where they end, and the counted noun if any."""

    unit: str
    end: int
    kind: str = "level"
    counted: str = ""


def match_scale(sentence: str, pos: int, *, attached_ok: bool) -> tuple[Decimal, int] | None:
    """The scale word at pos ("billion", " bn", "m"), as (scale, end); attached_ok admits the
    one-letter abbreviations, which only money and counted nouns may use."""
    m = _SCALE_WORD.match(sentence, pos)
    if m:
        return SCALES[re.sub(r"\s+", " ", m[1].lower()).removesuffix("s")], m.end()
    m = _SCALE_ABBREVIATION.match(sentence, pos)
    if m and (m[1] or attached_ok):
        return SCALES[(m[1] or m[2]).lower()], m.end()
    return None


def match_currency_before(sentence: str, start: int) -> tuple[str, int] | None:
    """The currency symbol or code just before start ("US$", "¥", "JPY "), as (code, start)."""
    m = _PREFIX.search(sentence, max(0, start - 6), start)
    if not m:
        return None
    written = m["symbol"] or m["code"]
    return _SYMBOLS.get(written, written.upper()), m.start()


def match_currency_after(sentence: str, pos: int, *, after_scale: bool) -> Unit | None:
    """The currency word or code at pos ("yen", "US dollars", "JPY")."""
    m = _CURRENCY_AFTER.match(sentence, pos)
    if m:
        if m["dollars"]:
            code = _DOLLAR_QUALIFIERS.get(re.sub(r"\s+", " ", (m["qualifier"] or "us").lower()))
        elif m["word"]:
            code = _CURRENCY_WORDS[re.sub(r"\s+", " ", m["word"].lower())]
        else:
            code = m["code"].upper()
        return Unit(code, m.end()) if code else None
    m = _WON.match(sentence, pos)
    if m and after_scale:
        return Unit("KRW", m.end())
    return None


def match_other_unit(sentence: str, pos: int) -> Unit | None:
    """Percent, points, multiples ("times", "-fold"), durations and measures at pos."""
    for pattern, unit, kind in _OTHER_UNIT_PATTERNS:
        m = pattern.match(sentence, pos)
        if m:
            if unit == "energy":
                unit = _ENERGY.search(m[0])[0]
            return Unit(unit, m.end(), kind)
    return None


def is_plural_noun(word: str) -> bool:
    """A word that reads as a plural noun: 'countries', 'F-35s', 'people' (not 'has', 'crisis')."""
    low = word.lower().rstrip(".")
    if low in _IRREGULAR_PLURALS:
        return True
    if low in _STOP or len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "'s", "\u2019s", "ous"))


def match_counted_noun(sentence: str, pos: int, *, hyphenated_ok: bool = True) -> Unit | None:
    """The counted noun after a number: up to three modifiers and a plural noun
    ('16 countries', 'four pilot countries', '1,200 US troops'), or a hyphenated noun
    ('a 16-nation group', 'a 1,200-strong force'); hyphenated_ok=False refuses the latter, as
    after number words, where it is an idiom ('a two-state solution', 'a one-off')."""
    hyphenated = re.match(r"-(?!plus\b)([a-z]+)\b(?!-)", sentence[pos:])
    if hyphenated and not hyphenated_ok:
        return None
    if hyphenated:
        word = hyphenated[1]
        return Unit("count", pos + hyphenated.end(), counted="" if word == "strong" else word)
    words: list[str] = []
    at = pos
    for _ in range(4):
        m = _DESIGNATION.match(sentence, at) or _WORD.match(sentence, at)
        if not m:
            return None
        word, at = m[1], m.end()
        if not words and word.lower() in _SKIPPED:
            continue  # "3,000 more troops" counts troops
        if word.lower() in _STOP:
            return None
        words.append(word)
        if is_plural_noun(word) and not _VERB_AHEAD.match(sentence, at):
            return Unit("count", at, counted=" ".join(words))
    return None
