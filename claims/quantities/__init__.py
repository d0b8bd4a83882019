"""The quantity grammar of ClaimDesk's newsroom intake: the numbers a news sentence states,
structured (value, scale, unit, bound, period, role), with the exact span of each.

Pure Python, deterministic, no models and no network. See grammar.Parsed for what each field
means and parse_quantities for what it guarantees.
"""

from .grammar import Parsed, parse_quantities
from .periods import Period, find_periods

__all__ = ["Parsed", "Period", "find_periods", "parse_quantities"]
