"""Small display filters for the analyst pages (no rules here: formatting, and the visibility
rule's answer asked of its one home, claims.selectors)."""

from django import template

from claims.charts import format_amount
from claims.choices import QuantityBound
from claims.selectors import can_see_internal

register = template.Library()

BOUND_WORDS = {
    QuantityBound.AT_LEAST: "at least",
    QuantityBound.AT_MOST: "at most",
    QuantityBound.APPROXIMATELY: "about",
}


@register.filter
def quantity_text(quantity) -> str:
    """'at least 2 ratio', '18.1 billion JPY'."""
    amount = format_amount(quantity.normalised_value, quantity.unit)
    if quantity.unit == "ratio":
        amount = f"{format_amount(quantity.normalised_value)}\u00d7"  # times
    bound = BOUND_WORDS.get(quantity.bound)
    return f"{bound} {amount}" if bound else amount


@register.filter
def wikidata_url(wikidata_id: str) -> str:
    return f"https://www.wikidata.org/wiki/{wikidata_id}" if wikidata_id else ""


@register.filter
def bar_percent(count: int, top: int) -> int:
    """Width of a count bar, in percent of the largest (at least 2 so a 1 still shows)."""
    if not top:
        return 0
    return max(2, round(100 * count / top))


@register.filter
def sees_internal(user) -> bool:
    """Whether `user` reads internal claims, as `claims.selectors.can_see_internal` decides: a
    signed-in account without a role reads what anonymous readers read."""
    return can_see_internal(user)
