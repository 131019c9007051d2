"""Quantities: exact Decimal values with unit, displayed precision and comparator; parsing from text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from extractor import patterns

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋（）", "0123456789.,%-+()")


def normalize_digits(text: str) -> str:
    """Full-width digits and signs to ASCII (same length, so offsets stay valid)."""
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    base: str
    factor: Decimal


@functools.lru_cache(maxsize=None)
def units() -> dict[str, Unit]:
    """Spelling -> Unit, from patterns/units.yaml."""
    out: dict[str, Unit] = {}
    for e in patterns.entries("units", ("name", "dimension", "base", "factor", "forms")):
        u = Unit(e["name"], e["dimension"], e["base"], Decimal(str(e["factor"])))
        for f in e["forms"]:
            out[str(f)] = u
    return out


def unit_info(name: str) -> Unit | None:
    return units().get(name)


@dataclass(frozen=True)
class Quantity:
    """A number as a report shows it.

    `value` is the number as displayed in `unit` (1538.98 for 1538.98万元); `decimals` is how many
    decimals were shown. Amounts in 元 are exact; any other figure stands for the interval
    value ± ½·10^-decimals (XBRL Calculations 1.1), in its unit.
    """

    value: Decimal
    unit: str
    raw: str
    decimals: int
    comparator: str | None = None  # ">=", "<=", ">", "<", "=", "~"
    exact: bool | None = None  # None: decide from the unit

    @property
    def info(self) -> Unit | None:
        return unit_info(self.unit)

    @property
    def dimension(self) -> str:
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
        if self.exact is not None:
            return self.exact
        if self.comparator == "~":
            return False
        # amounts in 元 are exact to the fen; whole counts (9次, 46件次) are exact
        return self.unit == "元" or (self.dimension == "count" and self.decimals == 0)

    @property
    def tolerance(self) -> Decimal:
        """Half-width of the interval this figure stands for, in the base unit."""
        if self.is_exact:
            return Decimal(0)
        return (Decimal(5) * Decimal(10) ** (-(self.decimals + 1))) * self.factor

    def interval(self) -> tuple[Decimal, Decimal]:
        t = self.tolerance
        return (self.base - t, self.base + t)

    def with_decimals(self, decimals: int) -> "Quantity":
        """The same figure read at a finer shown precision (e.g. 30 in a column of x.xx)."""
        return replace(self, decimals=max(self.decimals, decimals))

    def with_unit(self, unit: str) -> "Quantity":
        return replace(self, unit=unit)

    def value_str(self) -> str:
        return fmt_decimal(self.value)

    def base_str(self) -> str:
        return fmt_decimal(self.base)

    def __str__(self) -> str:
        return self.raw


def fmt_decimal(d: Decimal) -> str:
    """Plain notation, no exponent, trailing zeros kept as they are."""
    s = format(d, "f")
    return s


def fmt_amount(d: Decimal, decimals: int | None = None) -> str:
    """Thousands separators for messages: 15,389,810.18."""
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    return f"{d:,f}"


def intervals_meet(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def consistent(a: Quantity, b: Quantity) -> bool:
    """Two statements of the same quantity agree if their intervals meet (units must share a base)."""
    return intervals_meet(a.interval(), b.interval())


# ---------------------------------------------------------------- parsing

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


@functools.lru_cache(maxsize=None)
def _numeral_tables() -> tuple[dict, dict, dict, list, list]:
    d = patterns.load("numerals")
    return d["digits"], d["multipliers"], d["big"], d.get("not_after", []), d.get("empty_forms", [])


def chinese_to_decimal(s: str) -> Decimal | None:
    """一百零五 -> 105, 两 -> 2, 十三 -> 13. None if `s` is not a well-formed numeral."""
    digits, mults, bigs, _, _ = _numeral_tables()
    if not s or any(ch not in digits and ch not in mults and ch not in bigs for ch in s):
        return None
    total = 0
    section = 0
    number = None
    for ch in s:
        if ch in digits:
            if number is not None and number != 0 and digits[ch] != 0:
                # two digits in a row without a multiplier (一二) is not a counting numeral
                return None
            number = digits[ch]
        elif ch in mults:
            m = mults[ch]
            section += (1 if number is None else number) * m
            number = None
        else:
            b = bigs[ch]
            section += number or 0
            total += (section or 1) * b
            section = 0
            number = None
    section += number or 0
    return Decimal(total + section)


@functools.lru_cache(maxsize=None)
def _comparator_forms() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    pre, post = [], []
    for e in patterns.entries("comparators", ("op", "position", "forms")):
        target = pre if e["position"] == "prefix" else post
        target.extend((str(f), e["op"]) for f in e["forms"])
    key = lambda t: -len(t[0])  # noqa: E731 - longest form first
    return sorted(pre, key=key), sorted(post, key=key)


@functools.lru_cache(maxsize=None)
def _regex() -> re.Pattern:
    pre, post = _comparator_forms()
    unit_forms = sorted(units(), key=len, reverse=True)
    digits, mults, bigs, _, _ = _numeral_tables()
    cn = "[" + "".join(list(digits) + list(mults) + list(bigs)) + "]+"
    alt = lambda xs: "|".join(re.escape(x) for x in xs)  # noqa: E731
    return re.compile(
        rf"(?P<pre>{alt(f for f, _ in pre)})?[ \t]*"
        rf"(?P<sign>[-−])?(?P<num>{_ARABIC}|{cn})"
        rf"(?P<scale>[万亿](?!元|人|亩))?"
        rf"[ \t]*(?P<unit>{alt(unit_forms)})?"
        rf"(?P<post>{alt(f for f, _ in post)})?"
    )


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    quantity: Quantity


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def find_quantities(text: str) -> list[Match]:
    """Every quantity in running text, with character offsets into `text`.

    Chinese numerals count only when a measure word follows (九次, 两个), so running text such as
    一府一委两院 or 一是 is never read as numbers. Years (2021年) are skipped.
    """
    norm = normalize_digits(text)
    pre_forms, post_forms = _comparator_forms()
    pre_map, post_map = dict(pre_forms), dict(post_forms)
    _, _, _, not_after, _ = _numeral_tables()
    out: list[Match] = []
    for m in _regex().finditer(norm):
        num = m.group("num")
        start, end = m.start(), m.end()
        # an Arabic number glued to Latin letters or other digits is an identifier, not a figure
        ns = m.start("num")
        if ns > 0 and (norm[ns - 1].isascii() and (norm[ns - 1].isalnum() or norm[ns - 1] in "._/")):
            continue
        if m.end("num") < len(norm) and norm[m.end("num")].isascii() and norm[m.end("num")].isalpha():
            if not m.group("unit"):
                continue
        unit = m.group("unit") or ""
        scale = m.group("scale") or ""
        if num[0].isdigit():
            try:
                value = Decimal(num.replace(",", ""))
            except InvalidOperation:
                continue
            decimals = _decimals(num)
        else:
            if not unit or norm[m.end("num"):m.end("num") + 2].startswith(tuple(not_after)):
                continue
            value = chinese_to_decimal(num)
            if value is None:
                continue
            decimals = 0
        # a year (2021年, 2021年度) or a date part is not a quantity
        after = norm[m.end("num"):m.end("num") + 1]
        if not unit and not scale and after in ("年", "月", "日") and not m.group("pre"):
            continue
        if scale:
            # 5万 without 元: keep the scale in the unit name when known (万人), else fold into value
            combined = scale + unit
            if unit and unit_info(combined):
                unit = combined
            else:
                value = value * (10000 if scale == "万" else 100000000)
        if m.group("sign"):
            value = -value
        pre = m.group("pre")
        post = m.group("post")
        comp = pre_map.get(pre) if pre else (post_map.get(post) if post else None)
        canon = unit_info(unit).name if unit and unit_info(unit) else unit
        raw = text[start:end].strip()
        out.append(Match(start, end, Quantity(value, canon, raw, decimals, comp)))
    return out


def is_empty(text: str) -> bool:
    """A cell that shows 'no value': blank, —, /, 无 …"""
    _, _, _, _, empty = _numeral_tables()
    t = text.strip()
    return not t or t in empty


def parse_value(text: str, default_unit: str = "") -> Quantity | None:
    """Parse a whole cell or isolated span ('15,389,810.18', '(1,234.00)', '≥90%', '两'); None if it
    is not exactly one quantity. `default_unit` applies when the text shows none (e.g. 单位：元)."""
    t = normalize_digits(text).strip().replace(" ", "")
    if not t or is_empty(t):
        return None
    negative = False
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":
        negative, t = True, t[1:-1]
    ms = find_quantities(t)
    if len(ms) != 1 or ms[0].start != 0 or ms[0].end != len(t):
        # an isolated Chinese numeral without a measure word (两, 十三)
        v = chinese_to_decimal(t)
        if v is None:
            return None
        return Quantity(v, default_unit, text.strip(), 0)
    q = ms[0].quantity
    if negative:
        q = replace(q, value=-q.value)
    q = replace(q, raw=text.strip())
    if not q.unit and default_unit:
        q = q.with_unit(default_unit)
    return q
