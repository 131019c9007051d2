"""Quantity: a figure as a report shows it (exact Decimal value, unit, displayed precision, comparator)
with interval semantics."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from extractor.quantities.units import Unit, unit_info


@dataclass(frozen=True)
class Quantity:
    """A number as a report shows it.

    `value` is the number as displayed in `unit` (2345.67 for 2345.67万元); `decimals` is how many
    decimals were shown. Amounts in 元 are exact; any other figure stands for the interval
    value ± ½·10^-decimals (XBRL Calculations 1.1), in its unit.
    """

    value: Decimal
    unit: str
    raw: str
    decimals: int  # may be negative when a scale was folded in: 5万 -> value 50000, decimals -4
    comparator: str | None = None  # ">=", "<=", ">", "<", "=", "~"
    exact: bool | None = None  # None: decide from the unit
    spread: Decimal | None = None  # a range (2至3次): half its width in `unit`; `value` is its middle

    @property
    def info(self) -> Unit | None:
        return unit_info(self.unit) if self.unit else None

    @property
    def dimension(self) -> str:
        """money, percent, count …; money/count for 元/户; 'number' without a unit, 'other' if unknown."""
        u = self.info
        return u.dimension if u else ("number" if not self.unit else "other")

    @property
    def base_unit(self) -> str:
        u = self.info
        return u.base if u else self.unit

    @property
    def factor(self) -> Decimal:
        u = self.info
        return u.factor if u else Decimal(1)

    @property
    def base(self) -> Decimal:
        """Value in the base unit (元 for money)."""
        return self.value * self.factor

    @property
    def is_exact(self) -> bool:
        if self.spread:
            return False
        if self.exact is not None:
            return self.exact
        if self.comparator == "~" or self.decimals < 0:
            # 约/左右, or a figure folded from a scale (5万 -> 50000, decimals -4) is never exact
            return False
        # amounts in 元 are exact to the fen; whole counts (9次, 46件次; not 5万人) are exact
        return self.unit == "元" or (self.dimension == "count" and self.decimals == 0 and self.factor == 1)

    @property
    def tolerance(self) -> Decimal:
        """Half-width of the interval this figure stands for, in the base unit: half a unit of the
        last digit shown; for an approximation (约1500件, 近1500件, 1500件左右) half a unit of the last
        significant digit, since its trailing zeros are not measured (约1500 = rounded to hundreds)."""
        if self.spread:  # a range: its half-width, plus the rounding of its ends
            return self.spread * self.factor + replace(self, spread=None).tolerance
        if self.is_exact:
            return Decimal(0)
        return (Decimal(5) * Decimal(10) ** (self._last_digit() - 1)) * self.factor

    def _last_digit(self) -> int:
        """Exponent of the last digit the figure vouches for."""
        if self.comparator != "~" or self.decimals > 0 or self.value == 0:
            return -self.decimals
        return max(self.value.normalize().as_tuple().exponent, -self.decimals)

    def interval(self) -> tuple[Decimal, Decimal]:
        t = self.tolerance
        return (self.base - t, self.base + t)

    def with_decimals(self, decimals: int) -> "Quantity":
        """The same figure read at a finer shown precision (e.g. 30 in a column of x.xx)."""
        return replace(self, decimals=max(self.decimals, decimals))

    def with_unit(self, unit: "str | Unit") -> "Quantity":
        return replace(self, unit=unit.name if isinstance(unit, Unit) else unit)

    def value_str(self) -> str:
        return fmt_decimal(self.value)

    def base_str(self) -> str:
        return fmt_decimal(self.base)

    def __str__(self) -> str:
        return self.raw


def fmt_decimal(d: Decimal) -> str:
    """Plain notation, no exponent, trailing zeros kept as they are."""
    return format(d, "f")


def fmt_amount(d: Decimal, decimals: int | None = None) -> str:
    """Thousands separators for messages: 12,345,678.91."""
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    return f"{d:,f}"


def intervals_meet(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _root_interval(q: Quantity, u: Unit) -> tuple[Fraction, Fraction]:
    k = u.scale / Fraction(u.factor)
    lo, hi = q.interval()
    return Fraction(lo) * k, Fraction(hi) * k


def consistent(a: Quantity, b: Quantity) -> bool:
    """Two statements of the same quantity agree if their intervals meet. Units with different bases
    but the same root (次/年 and 次/月) are compared exactly in the root; otherwise the caller has
    checked the units (`same_dimension`, `convertible`) and the base values are compared."""
    ua, ub = a.info, b.info
    if ua is not None and ub is not None and ua.base != ub.base and ua.root == ub.root:
        return intervals_meet(_root_interval(a, ua), _root_interval(b, ub))
    return intervals_meet(a.interval(), b.interval())
