"""Which fiscal year a text's figures are in: the first day of its subject country's fiscal year.

"Fiscal year 2026" means 2026-04-01..2027-03-31 in Japan, 2025-10-01..2026-09-30 for the US
federal government. The quantity grammar dates fiscal periods only when it is told when the
fiscal year starts, so each text gets the start of its subject country's, from this table:

    country          starts   as news names it
    Japan            1 April  Japan, Tokyo, Japanese
    United Kingdom   1 April  the UK, Britain, London, British, HM Treasury, Whitehall
                     (the government's financial year; the personal tax year starts 6 April)
    India            1 April  India, New Delhi, Indian
    Canada           1 April  Canada, Ottawa, Canadian
    Hong Kong        1 April  Hong Kong
    New Zealand      1 July   New Zealand, Wellington
    Australia        1 July   Australia, Canberra, Australian
    Pakistan         1 July   Pakistan, Islamabad, Pakistani
    Egypt            1 July   Egypt, Cairo, Egyptian
    United States    1 Oct    the US, America, Washington, the Pentagon, Congress, American,
                              the Department of Defense, the White House
                     (the federal fiscal year; FY2026 ends on 30 September 2026)

The subject country of a sentence is the one table country it names, when it names one;
otherwise the one the whole text names most (ties: the first named). Entities count too: an
Entity whose name is a table country is that country wherever its aliases match. A text naming
none of them gets no fiscal year start: its fiscal periods keep their label and no dates.
"""

from __future__ import annotations

import re
from collections import Counter

FISCAL_YEAR_STARTS: dict[str, tuple[int, int]] = {
    "Japan": (4, 1),
    "United Kingdom": (4, 1),
    "India": (4, 1),
    "Canada": (4, 1),
    "Hong Kong": (4, 1),
    "New Zealand": (7, 1),
    "Australia": (7, 1),
    "Pakistan": (7, 1),
    "Egypt": (7, 1),
    "United States": (10, 1),
}
_NAMES: dict[str, tuple[str, ...]] = {
    "Japan": ("Japan", "Tokyo", "Japanese"),
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British",
                       "London", "HM Treasury", "Whitehall", "Westminster"),
    "India": ("India", "New Delhi", "Indian"),
    "Canada": ("Canada", "Ottawa", "Canadian"),
    "Hong Kong": ("Hong Kong",),
    "New Zealand": ("New Zealand", "Wellington"),
    "Australia": ("Australia", "Canberra", "Australian"),
    "Pakistan": ("Pakistan", "Islamabad", "Pakistani"),
    "Egypt": ("Egypt", "Cairo", "Egyptian"),
    "United States": ("United States", "US", "U.S.", "USA", "America", "Washington",
                      "Pentagon", "Congress", "American", "White House", "Department of Defense",
                      "Defense Department", "DoD", "Capitol Hill"),
}  # fmt: skip
_MENTION = re.compile(
    "|".join(
        rf"(?P<c{i}>(?<![\w.]){'|'.join(re.escape(n) for n in names)}(?![\w]|\.\w))"
        for i, names in enumerate(_NAMES.values())
    )
)
_COUNTRIES = list(_NAMES)


def country_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, table country) of every place the text names a table country by its words."""
    found = []
    for m in _MENTION.finditer(text):
        index = int(m.lastgroup[1:])
        found.append((m.start(), _COUNTRIES[index]))
    return found


def text_country(mentions: list[tuple[int, str]]) -> str | None:
    """The table country the text names most; the first named of those tied."""
    if not mentions:
        return None
    counts = Counter(country for _, country in mentions)
    first = {}
    for offset, country in mentions:
        first.setdefault(country, offset)
    return max(counts, key=lambda c: (counts[c], -first[c]))


def sentence_fiscal_year_start(
    mentions: list[tuple[int, str]], start: int, end: int, default: str | None
) -> tuple[int, int] | None:
    """The fiscal year start for the sentence body[start:end], by the rule above."""
    named = {country for offset, country in mentions if start <= offset < end}
    country = named.pop() if len(named) == 1 else default
    return FISCAL_YEAR_STARTS.get(country) if country else None
