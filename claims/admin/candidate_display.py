"""How the candidates queue shows a candidate: its quantities in words, what a value's rounding
allows, its quote in its passage, each cell from its template."""

from django.template.loader import render_to_string

from claims.charts import format_amount
from claims.highlight import passage_around
from claims.templatetags.claimdesk import quantity_text

ROW_CONTEXT_CHARS = 140
CHANGE_PAGE_CONTEXT_CHARS = 320
CONFLICT_REACH = 100


# ---------------------------------------------------------------------------- display


def quantity_lines(candidate) -> list[str]:
    """'18.1 billion JPY, FY2026 (budget request)': what the grammar read, in words."""
    lines = []
    for quantity in candidate.quantities.all():
        line = quantity_text(quantity)
        if quantity.unit == "count":
            line = f"{line} (count)"  # a bare number reads as nothing: say what it is
        if quantity.period:
            line = f"{line}, {quantity.period}"
        if quantity.role:
            line = f"{line} ({quantity.get_role_display().lower()})"
        lines.append(line)
    return lines


def allowed_range(side, unit: str) -> str:
    """What a stated value's rounding and bound allow, in words: '18.05 to 18.15 billion JPY'."""
    if side.low is None and side.high is None:
        return "any value"
    if side.low is None:
        return f"at most {format_amount(side.high, unit)}"
    if side.high is None:
        return f"at least {format_amount(side.low, unit)}"
    return f"{format_amount(side.low, unit)} to {format_amount(side.high, unit)}"


def cell(template: str, candidate, **context) -> str:
    """One cell of the queue (or one read-only field of the change page), from its template."""
    return render_to_string(
        f"admin/claims/candidate/{template}.html", {"candidate": candidate, **context}
    )


def passage_cell(quoted, reach: int) -> str:
    """A candidate's (or a conflict side's) quote, marked inside its passage."""
    passage = passage_around(quoted.source.body, quoted.start, quoted.end, reach=reach)
    return cell("passage", quoted, passage=passage)
