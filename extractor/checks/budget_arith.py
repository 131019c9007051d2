"""Interval arithmetic for the BG checks (XBRL Calculations 1.1 reading of rounded figures).

A figure shown with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ) of its unit: the upper end is open
because reports round half up (四舍五入), so 59.975 displays as 59.98, never 59.97. Amounts in 元 are
exact points. Two statements agree when their spans meet; a sum or a ratio of spans is a span."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from extractor.quantities import Quantity, fmt_amount

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Span:
    lo: Decimal
    hi: Decimal
    open_hi: bool = False  # False: a closed point or closed interval

    @classmethod
    def of(cls, q: Quantity, sign: int = 1) -> "Span":
        b = q.base * sign
        if q.is_exact:
            return cls(b, b, False)
        t = q.tolerance
        return cls(b - t, b + t, True)

    def __add__(self, other: "Span") -> "Span":
        return Span(self.lo + other.lo, self.hi + other.hi, self.open_hi or other.open_hi)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


ZERO = Span(Decimal(0), Decimal(0), False)


def meet(a: Span, b: Span) -> bool:
    """Do the two spans share a point (an open upper end excluded)?"""
    left = a.lo < b.hi or (a.lo == b.hi and not b.open_hi)
    right = b.lo < a.hi or (b.lo == a.hi and not a.open_hi)
    return left and right


def total(spans: list[Span]) -> Span:
    out = ZERO
    for s in spans:
        out = out + s
    return out


def ratio_percent(num: Span, den: Span) -> Span | None:
    """num ÷ den × 100 as a span; None when den may be zero or negative."""
    if den.lo <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        lo = num.lo / den.hi * HUNDRED
        hi = num.hi / den.lo * HUNDRED
    return Span(lo, hi, num.open_hi or den.open_hi)


def group_precision(qs: list[Quantity]) -> list[Quantity]:
    """In figures added together, a whole number beside siblings of the same unit shown with decimals
    (30 beside 29.99) is read at the group's precision: reports drop trailing zeros (30 for 30.00). A
    figure shown with some decimals keeps them: 59.97 beside 12.345 was rounded to two decimals and
    stands for [59.965, 59.975)."""
    best: dict[str, int] = {}
    for q in qs:
        if not q.is_exact:
            best[q.unit] = max(best.get(q.unit, q.decimals), q.decimals)
    return [q.with_decimals(best[q.unit]) if _whole(q) else q for q in qs]


def _whole(q: Quantity) -> bool:
    return not q.is_exact and q.decimals == 0


def min_decimals(q: Quantity, decimals: int) -> Quantity:
    """A whole number read at `decimals` (a 万元 table's 148 is 148.00); a figure shown with decimals
    keeps its own precision (43.1 stands for [43.05, 43.15))."""
    return q.with_decimals(decimals) if _whole(q) else q


def show(value: Decimal, like: list[Quantity], unit: str | None = None) -> str:
    """`value` (in base units) written the way the figures in `like` are written: same unit,
    decimals and thousands separators."""
    ref = like[0]
    factor = ref.factor
    if unit is not None:
        factor = next((q.factor for q in like if q.unit == unit), factor)
    v = value / factor
    d = max(0, max(q.decimals for q in like))
    if any("," in q.raw for q in like):
        return fmt_amount(v, d)
    return f"{v.quantize(Decimal(1).scaleb(-d)):f}"


def show_pct(value: Decimal, decimals: int) -> str:
    """A computed rate with two digits more than the stated one, so that its rounding is visible
    (99.5148%, not 99.515%, against a stated 99.52%)."""
    d = max(2, decimals + 2)
    return f"{value.quantize(Decimal(1).scaleb(-d)):f}%"
