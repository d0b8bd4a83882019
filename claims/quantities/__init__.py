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
"""

from .grammar import Parsed, parse_quantities
from .periods import Period, find_periods

__all__ = ["Parsed", "Period", "find_periods", "parse_quantities"]
