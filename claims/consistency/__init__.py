"""Numbers checked against each other: stated comparisons, counts of lists, and the same
measure across sources. A failure is one open `numeric_inconsistency` flag per (claim, check,
related claims), raised and resolved by the `consistency` system account.

Public API: `check_source(source)` (on ingest), `check_all()` (the `check_consistency`
command), both returning a `Report`; `conflicts(user)` for the pages and the API.

Modules: `results` (findings, reports, check keys), `figures` (intervals and wording),
`texts` (sentences and the figures claims state), `comparisons` (a), `counts` (b), `measures`
(c), `flags` (raising and resolving), `runs` (check_all, check_source), `conflicts`.

What is checked, over curated claims and candidates (`proposed`; dismissed ones are left alone).
A claim's figures are its Quantity rows, aligned with the words of its quote that state them
(the quantity grammar's reading gives each its kind, words and place); the words no row stands
for count too, for every claim whose quote holds them.

(a) **comparison**: a stated comparison ("more than doubling", "2.2 times", "increased by 12%",
    "rose by $600 million", "halved", "cut by half", "up 0.2 percentage point", "up 5 points
    from 62%") must follow from the two levels it compares. The levels are looked for, in this
    order, and the first tier that gives a pair wins: the claim's own quote; the claims it is
    `derived_from` or that derive from it; the same clause of the same sentence (";", "while",
    "whereas", "but" and dashes part clauses); and the sentence just before, in the same
    paragraph, when the comparison's sentence refers back ("That is more than double ..."), and
    then only to a pair that sentence marks itself. In a tier, a pair marked before and after
    comes first (a Quantity's role, the grammar's "from A to B", "up from A"); then two levels
    of different periods, the earlier being before, the later in the comparison's period when
    it has one; then the level the words right after the comparison lead to ("2.2 times from
    8.1 billion yen", "2.2 times the fiscal 2025 budget of 8.1 billion yen", "12% more than")
    as before, and the nearest other level of its unit in the clause as after. When the claim
    itself marks a before or after of that unit, the pair includes it. "N times higher/more
    than" is read as N or N + 1 times; a percent change of two percent levels as a relative
    change or as points; a multiple above 1 with a fall word near it ("fell threefold") as 1/N.
(b) **count**: "four pilot countries, namely A, B, C and D" must list four. Read from the
    count's sentence after the count: "namely", "i.e.", "that is", "comprising", ":", a dash,
    brackets, "are"/"were" and a bare comma closed by another ("Two ministers, Mr A and Ms B,
    resigned") mean exactly; "including", "such as", "among them", "notably", "e.g." mean at
    least (the list may be shorter than the count, never longer). Items are separated by
    commas (by semicolons when the list has any), the last by "and", "as well as", "&" or
    "plus"; in a list of names the last item ends at the first lower-case word that joins no
    name ("Chile last year"). Names with "and" or a comma in them ("Trinidad and Tobago",
    "Ministry of Economy, Trade and Industry") stay whole when they are an Entity's name or
    alias or a country name this module knows; any other such name, as the last item, would
    count twice. No list is read when an item holds digits ("including 3 in Africa") or more
    than MAX_ITEM_WORDS words, nor after a bare comma or a verb unless the items are names.
(c) **conflict**: claims of different sources (a text and its revisions are one source) about
    the same measure must agree. Rows are compared when they have the same unit, the same
    period ("" for none: then as_of dates at most UNDATED_WINDOW_DAYS apart) and, for
    percentages and ratios, are both changes or both levels; and when `same_measure` finds
    them about one thing: the same subject Entity and the same budget, total or change role or
    mostly the same predicate words, or - for candidates without a subject - the words around
    each figure in its quote (its stretch of the clause, between its neighbours). Counted
    nouns must agree, and a forecast, estimate or target is compared only with another. A
    figure compared with ("up from 3.9%") is left out unless it has a period of its own, and a
    candidate's period that may be the compared figure's is not trusted. Loose matches need
    values within LOOSE_FACTOR (NEAR_FACTOR on one weak shared word). Of two rows that
    disagree, the one with less support is flagged; with as much support, both are. A source
    supports a row when its own number, bound aside, meets the row's and is not nearer to a
    rival ("at least nine" supports nine against nineteen). `conflicts(user)` lists every
    disagreement, for analysts and up.

Tolerance, one rule for every check: a figure stands for the interval its words allow.
- Rounding: a number stands for the values that round to it at its last stated digit: "18.1"
  is 18.05 to 18.15, "5.0" 4.95 to 5.05, "16" 15.5 to 16.5; in an integer of 1,000 or more,
  trailing zeros are rounding too ("3,000" is 2,500 to 3,500, "1,200" 1,150 to 1,250).
- Bounds: "more than X"/"at least X" is [X - rounding, ∞), "as much as"/"up to" is (-∞, X +
  rounding]; QuantityBound has no strict bounds, so "more than 16" agrees with 16.
- "About", "nearly" and words that state no digits ("doubled", "halved", "a third") are within
  APPROXIMATE (5 %) of their value, or their rounding if wider.
A comparison passes when the interval its levels give (interval arithmetic over the levels'
intervals) meets the interval it states; two figures agree when their intervals meet (touching
is not meeting: "16" and "17" disagree; "18" and "18.1" agree).

Flags: check_key is "<check>:<claim ids>" (CHECK_KEY_LENGTH at most); a failed comparison flags
every claim it compared, a count its claim, a conflict each flagged row's claim. A rerun finds
the open flag of the same check on the claim (also when the related claims changed but still
overlap) and adds none; a failure an editor resolved is not raised again. A covered open flag
whose check passes now (or compares nothing any more) is resolved by `consistency` with the
arithmetic. `check_source` covers the comparisons and counts of the source's claims and of the
claims related to them by derived_from, and the conflicts of every claim whose rows all fell
among the measures it judged; `check_all` covers everything.
"""

from .conflicts import Conflict, ConflictClaim, conflicts
from .flags import consistency_account
from .results import CONSISTENCY_ACCOUNT, Finding, Report, check_key
from .runs import check_all, check_source
from .texts import split_sentences

__all__ = [
    "CONSISTENCY_ACCOUNT",
    "Conflict",
    "ConflictClaim",
    "Finding",
    "Report",
    "check_all",
    "check_key",
    "check_source",
    "conflicts",
    "consistency_account",
    "split_sentences",
]
