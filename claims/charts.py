"""Quantities over periods, computed from the claims a reader may see, drawn server-side as
HTML bars (text at its own size at every width; an SVG scaled to a phone shrank it to ~8 px).

A series is one subject's quantities in one unit (the OSA budget in JPY); each bar is one period
and role (FY2025 initial budget, FY2026 budget request). Changes (ratios, percentages of growth)
are not levels and stay out of the chart. One grouped query whatever the number of claims.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from .choices import QuantityRole
from .models import Claim, Quantity

WIDTH, HEIGHT = 520, 260
TOP_MARGIN, BOTTOM_MARGIN, SIDE_MARGIN = 34, 58, 24
MAX_SERIES = 4
MAX_BARS = 8

SCALE_WORDS = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def format_amount(value: Decimal | None, unit: str = "") -> str:
    """18100000000 JPY → '18.1 billion JPY'; 16 count → '16'."""
    if value is None:
        return ""
    value = Decimal(value)
    words = ""
    for scale, word in SCALE_WORDS:
        if abs(value) >= scale:
            value, words = value / scale, word
            break
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    unit_text = "" if unit in ("", "count") else ("%" if unit == "percent" else unit)
    if unit_text == "%":
        return f"{text}%"
    return " ".join(part for part in (text, words, unit_text) if part)


@dataclass
class Bar:
    period: str
    role: str
    value: Decimal
    label: str
    claims: int
    url: str
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 8, 1)

    @property
    def percent(self) -> float:
        """The bar's height in percent of the plot's (the HTML chart draws it so)."""
        return round(100 * self.height / (HEIGHT - TOP_MARGIN - BOTTOM_MARGIN), 1)


@dataclass
class Series:
    subject_id: int
    subject: str
    unit: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM_MARGIN

    @property
    def axis_end(self) -> int:
        return self.width - 12

    @property
    def period_y(self) -> float:
        return self.baseline + 22

    @property
    def role_y(self) -> float:
        return self.baseline + 40

    @property
    def title(self) -> str:
        return f"{self.subject}, {self.unit} by period"

    @property
    def change(self) -> str:
        """How the latest figure compares with the earliest: '18.1 billion JPY in FY2026 is
        2.23 times the 8.1 billion JPY of FY2025'."""
        if len(self.bars) < 2 or not self.bars[0].value:
            return ""
        first, last = self.bars[0], self.bars[-1]
        times = (last.value / first.value).quantize(Decimal("0.01"))
        return (
            f"{last.label} in {last.period} ({last.role.lower() or 'figure'}) is {times:f} times "
            f"the {first.label} of {first.period} ({first.role.lower() or 'figure'})."
        )

    @property
    def summary(self) -> str:
        return "; ".join(f"{bar.period} {bar.role}: {bar.label}" for bar in self.bars)


def _layout(series: Series) -> None:
    top = max((bar.value for bar in series.bars), default=Decimal(0)) or Decimal(1)
    plot_height = HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    band = (WIDTH - 2 * SIDE_MARGIN) / max(len(series.bars), 1)
    bar_width = min(88.0, band * 0.62)
    for index, bar in enumerate(series.bars):
        bar.height = round(float(max(bar.value, Decimal(0)) / top) * plot_height, 1)
        bar.width = round(bar_width, 1)
        bar.x = round(SIDE_MARGIN + index * band + (band - bar_width) / 2, 1)
        bar.y = round(series.baseline - bar.height, 1)


def quantity_series(claims: QuerySet[Claim]) -> list[Series]:
    """Series of quantities by period for the given (visible) claims, largest series first."""
    rows = (
        Quantity.objects.filter(claim__in=claims.values("pk"))
        .exclude(period="")
        .exclude(role=QuantityRole.CHANGE)
        .exclude(unit__in=("ratio", "percent"))
        .values("claim__subject_id", "claim__subject__name", "unit", "period", "role")
        .annotate(
            value=Max("normalised_value"),
            first_day=Min("period_start"),
            claim_count=Count("claim", distinct=True),
        )
        .order_by("claim__subject__name", "unit", "first_day", "period", "role")[:500]
    )
    roles = dict(QuantityRole.choices)
    by_key: dict[tuple, Series] = {}
    for row in rows:
        key = (row["claim__subject_id"], row["unit"])
        series = by_key.setdefault(
            key, Series(row["claim__subject_id"], row["claim__subject__name"], row["unit"])
        )
        query = urlencode({"entity": row["claim__subject_id"], "period": row["period"]})
        series.bars.append(
            Bar(
                period=row["period"],
                role=roles.get(row["role"], row["role"] or ""),
                value=row["value"],
                label=format_amount(row["value"], row["unit"]),
                claims=row["claim_count"],
                url=f"{reverse('claims:claim_list')}?{query}",
            )
        )
    # Series that span several periods say most; a lone figure is still worth a bar.
    ranked = sorted(
        by_key.values(),
        key=lambda s: (-len({bar.period for bar in s.bars}), -len(s.bars), s.subject),
    )[:MAX_SERIES]
    for series in ranked:
        series.bars = series.bars[-MAX_BARS:]
        _layout(series)
    return ranked
