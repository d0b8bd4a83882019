"""The quantity grammar of ClaimDesk's newsroom intake: the quantities a news sentence states,
structured as ClaimDesk's Quantity is (value, scale, unit, bound, period, role), each with the
exact span of the words that state it.

    parse_quantities(sentence, fiscal_year_start=(4, 1)) -> list[Parsed]
    find_periods(sentence, fiscal_year_start=(4, 1)) -> list[Period]

Pure Python and deterministic: no models, no network, no dependency beyond the standard
library. Conventions a caller can rely on:

- value is as written and unsigned: 18.1 in "18.1 billion yen" (scale 10**9), 2 in "fell 2%";
  the direction of a change is its kind ("increase" / "decrease"), and its bound is the bound
  of its size ("fell by more than 2%": at_least 2).
- "nearly" and "almost" are approximately (see qualifiers); "more than" and "at least" are
  both at_least, "less than" and "up to" both at_most.
- a fraction is rounded to six decimal places, the precision of Quantity.value: two-thirds is
  0.666667; halves, quarters, fifths and eighths are exact.
- "$" alone is USD and "¥" alone is JPY; "CN¥", "RMB" and "yuan" are CNY.
- both ends of a range carry its bounds (at_least, at_most) and share the range's span.
- fiscal years are named after the year they start in when they start in January to June
  (Japan: FY2026 = 2026-04-01..2027-03-31), else after the year they end in (US, Australia).

A quantity's period is the one that governs it (attachment): the first period after it with
no other figure between ("8.1 billion yen allocated in fiscal year 2025"), else the nearest in
its own clause. A clause ends at ";", ", and", "but", "while", "whereas", a bare "and" before a
new subject and verb, and around a relative clause (", which ..."), so "due in 2028, and ...
about 1,500 jobs" gives the jobs no period. A reference ("since 2015", "up 3.8% from FY2025",
"than in 2015", "2013 levels", the first of "between 2016-20 and 2021-25") and a period in a
compared-with phrase ("compared with £1.6 billion in 2023-24") are not the main figures'. A
change or multiple after a comma (", more than double", ", up 4%") takes the period of the
figure before the comma; a 'before' figure takes only its own, but a from-to start takes its
end's ("from 12 ships to six in 2024"). Dates name days, not periods: "on 8 March" blocks
nothing, and "from April 2027" after a level is its start (2027-04).
"""

from .grammar import Parsed, parse_quantities
from .periods import Period, find_periods

__all__ = ["Parsed", "Period", "find_periods", "parse_quantities"]
