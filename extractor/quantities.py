"""Quantities: exact Decimal values with unit, displayed precision and comparator; parsing from text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from extractor import patterns

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋（）", "0123456789.,%-+()")
# For running text: the full-width comma stays (it is also the Chinese list comma); see _ARABIC.
_FULLWIDTH_TEXT = str.maketrans("０１２３４５６７８９．％－＋（）：～−", "0123456789.%-+():~-")


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


_SCALE_CHARS = {"万": Decimal(10000), "萬": Decimal(10000), "亿": Decimal(100000000), "億": Decimal(100000000)}


def unit_info(name: str) -> Unit | None:
    """Unit of a spelling; 万/亿 before any known unit scales it (万粒 = 10000 粒) when not listed."""
    u = units().get(name)
    if u is None and len(name) > 1 and name[0] in _SCALE_CHARS:
        inner = units().get(name[1:])
        if inner is not None and inner.dimension not in ("percent", "money"):
            u = Unit(name[0] + inner.name, inner.dimension, inner.base, inner.factor * _SCALE_CHARS[name[0]])
    return u


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
    decimals: int  # may be negative when a scale was folded in: 5万 -> value 50000, decimals -4
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
        if self.comparator == "~" or self.decimals < 0:
            # 约/左右, or a figure folded from a scale (5万 -> 50000, decimals -4) is never exact
            return False
        # amounts in 元 are exact to the fen; whole counts (9次, 46件次; not 5万人) are exact
        return self.unit == "元" or (self.dimension == "count" and self.decimals == 0 and self.factor == 1)

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

# Thousands separators: ASCII comma with 3-digit groups; the full-width comma only where it cannot be
# the Chinese list comma (two or more groups, or followed by decimals: 15，389，810.18).
_ARABIC = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:，\d{3}){2,}(?!\d)|\d{1,3}(?:，\d{3})+(?=\.\d)|\d+)(?:\.\d+)?"
)


@functools.lru_cache(maxsize=None)
def _numeral_tables() -> tuple[dict, dict, dict, list, list]:
    d = patterns.load("numerals")
    return d["digits"], d["multipliers"], d["big"], d.get("not_after", []), d.get("empty_forms", [])


@dataclass(frozen=True)
class _Rules:
    ordinal_before: tuple[str, ...]
    ordinal_always: tuple[str, ...]
    exclude: tuple[re.Pattern, ...]
    not_before: dict  # unit form -> tuple of following texts that cancel it


@functools.lru_cache(maxsize=None)
def _rules() -> _Rules:
    d = patterns.load("numerals")
    excl = []
    for e in d.get("exclude", []):
        try:
            excl.append(re.compile(e["regex"]))
        except (re.error, KeyError, TypeError) as err:
            raise patterns.PatternError(f"patterns/numerals.yaml: exclude {e!r}: {err}") from None
    nb: dict[str, tuple[str, ...]] = {}
    for e in patterns.entries("units", ("name", "forms")):
        for f in e["forms"]:
            if e.get("not_before"):
                nb[str(f)] = tuple(str(x) for x in e["not_before"])
    return _Rules(
        tuple(sorted(map(str, d.get("ordinal_before", [])), key=len, reverse=True)),
        tuple(map(str, d.get("ordinal_before_always", []))),
        tuple(excl),
        nb,
    )


def chinese_to_decimal(s: str) -> Decimal | None:
    """一百零五 -> 105, 两 -> 2, 十三 -> 13. None if `s` is not a well-formed numeral (万 alone, 一二)."""
    digits, mults, bigs, _, _ = _numeral_tables()
    if not s or any(ch not in digits and ch not in mults and ch not in bigs for ch in s):
        return None
    if s[0] not in digits and mults.get(s[0]) != 10:
        return None  # a numeral starts with a digit or 十 (十三); 百/万 alone is not a number
    total = 0
    section = 0
    number = None
    for ch in s:
        if ch in digits:
            if number is not None and number != 0 and digits[ch] != 0:
                # two digits in a row without a multiplier (一二, 十三五) is not a counting numeral
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


def comparator_forms() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(prefix forms, suffix forms) of comparators, longest first, as (form, op)."""
    return _comparator_forms()


@functools.lru_cache(maxsize=None)
def _comparator_maps() -> tuple[dict, dict]:
    pre, post = _comparator_forms()
    return dict(pre), dict(post)


@functools.lru_cache(maxsize=None)
def _regex() -> re.Pattern:
    pre, post = _comparator_forms()
    unit_forms = sorted(units(), key=len, reverse=True)
    digits, mults, bigs, _, _ = _numeral_tables()
    cn = "[" + "".join(list(digits) + list(mults) + list(bigs)) + "]+"
    alt = lambda xs: "|".join(re.escape(x) for x in xs)  # noqa: E731
    firsts = set("0123456789-+") | set(digits) | set(mults) | {f[0] for f, _ in pre}
    return re.compile(
        rf"(?=[{re.escape(''.join(sorted(firsts)))}])"  # cheap first-character test before the alternations
        rf"(?:(?P<pre>{alt(f for f, _ in pre)})[ \t]*)?"
        rf"(?P<sign>[-+])?(?P<num>{_ARABIC}|{cn})"
        rf"(?:[ \t]*(?P<scale>[万萬亿億]))?"
        rf"(?:[ \t]*(?P<unit>{alt(unit_forms)}))?"
        rf"(?:[ \t]*(?P<post>{alt(f for f, _ in post)}))?"
    )


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    quantity: Quantity


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def _excluded_spans(norm: str) -> list[tuple[int, int]]:
    spans = []
    for rx in _rules().exclude:
        for m in rx.finditer(norm):
            if m.end() > m.start():
                spans.append(m.span())
    return spans



def _is_label_number(norm: str, ns: int, ne: int, num: str) -> bool:
    """Section numbers (1. 1、 （1）) and list ordinals: a bare whole number of at most 2 digits."""
    if not num.isdigit() or len(num) > 2:
        return False
    nxt = norm[ne:ne + 1]
    prev = norm[ns - 1:ns] if ns > 0 else ""
    if prev.isalnum():
        return False  # 完成10. ends a sentence; a section number starts a line or follows punctuation
    if nxt == "、":
        return True
    if nxt == "." and not norm[ne + 1:ne + 2].isdigit():
        return True
    return nxt == ")" and (prev in ("(", "") or prev.isspace())


def find_quantities(text: str) -> list[Match]:
    """Every quantity in running text, with character offsets into `text` (text[start:end] == raw).

    Chinese numerals count only when a measure word follows (九次, 两个), so running text such as
    一府一委两院 or 一是 is never read as numbers. Years (2021年), dates, phone and document numbers,
    identifiers, section numbers (1. （1）) and ordinals (第3次, 指标1) are skipped.
    """
    norm = text.translate(_FULLWIDTH_TEXT)
    rx = _regex()
    if not rx.search(norm):
        return []
    pre_map, post_map = _comparator_maps()
    not_after = tuple(_numeral_tables()[3])
    rules = _rules()
    excluded = _excluded_spans(norm)
    out: list[Match] = []
    for m in rx.finditer(norm):
        num = m.group("num")
        ns, ne = m.span("num")
        if any(a < ne and ns < b for a, b in excluded):
            continue
        arabic = num[0].isdigit()
        sign = m.group("sign")
        lead = m.start("sign") if sign else ns
        prev = norm[lead - 1] if lead > 0 else ""
        if sign and prev and prev.isascii() and (prev.isalnum() or prev in ".-_/)%"):
            if prev.isalpha():
                continue  # a-1: part of an identifier
            sign, lead = None, ns  # 4-6: a hyphen, not a minus sign
            prev = norm[ns - 1]
        # an Arabic number glued to Latin letters or other digits is an identifier, not a figure
        if arabic and prev and prev.isascii() and (prev.isalnum() or prev in "._/"):
            continue
        pre, scale, unit, post = m.group("pre"), m.group("scale") or "", m.group("unit") or "", m.group("post")
        start = m.start() if pre else lead
        end = m.end()
        if unit:
            ue = m.end("unit")
            glued_latin = unit.isascii() and norm[ue:ue + 1].isascii() and norm[ue:ue + 1].isalpha()
            if glued_latin or norm[ue:ue + 3].startswith(rules.not_before.get(unit, ())):
                unit, post = "", None  # 3项目, 3times: not a measure word
                end = m.end("scale") if scale else ne
        nxt = norm[ne:ne + 1]
        if arabic and not unit and nxt.isascii() and nxt.isalpha():
            continue
        if not arabic:
            if not unit or m.start("unit") != ne or norm[ne:ne + 3].startswith(not_after):
                continue
            value = chinese_to_decimal(num)
            if value is None:
                continue
            decimals = 0
        else:
            try:
                value = Decimal(num.replace(",", "").replace("，", ""))
            except InvalidOperation:
                continue
            decimals = _decimals(num)
        # ordinals: 第3次, 指标1, 年度目标2
        before = norm[max(0, start - 8):start].rstrip(" \t:：")
        if before.endswith(rules.ordinal_always):
            continue
        if before.endswith(rules.ordinal_before) and decimals == 0 and not unit and not scale:
            continue
        if arabic and not unit and not scale and not pre and not post and _is_label_number(norm, ns, ne, num):
            continue
        # a year (2021年, 2021 年度) or a month (9月) is not a quantity
        if not unit and not scale and norm[ne:ne + 4].lstrip(" \t")[:1] in ("年", "月"):
            continue
        if scale:
            combined = scale + unit
            if unit and unit_info(combined):
                unit = combined
            else:
                # 5万 without a unit: fold the scale into the value, keep the shown precision
                decimals -= 4 if _SCALE_CHARS[scale] == 10000 else 8
                value = value * _SCALE_CHARS[scale]
                if decimals <= 0:
                    value = value.quantize(Decimal(1))
        if sign == "-":
            value = -value
        comp = pre_map.get(pre) if pre else (post_map.get(post) if post else None)
        info = unit_info(unit) if unit else None
        canon = info.name if info else unit
        raw = text[start:end]
        out.append(Match(start, end, Quantity(value, canon, raw, decimals, comp)))
    return out


def is_empty(text: str) -> bool:
    """A cell that shows 'no value': blank, —, /, 无 …"""
    _, _, _, _, empty = _numeral_tables()
    t = text.strip()
    return not t or t in empty or t.replace(" ", "") in empty


_SPACES = re.compile(r"(?<!\d)[\s\u3000\xa0]+|[\s\u3000\xa0]+(?!\d)")  # keep "3 4" two numbers


def parse_value(text: str, default_unit: str = "") -> Quantity | None:
    """Parse a whole cell or isolated span ('15,389,810.18', '(1,234.00)', '≥90%', '两'); None if it
    is not exactly one quantity. `default_unit` applies when the text shows none (e.g. 单位：元)."""
    t = _SPACES.sub("", normalize_digits(text))
    if not t or is_empty(t):
        return None
    raw = text.strip()
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":
        inner = _whole(t[1:-1])
        if inner is None:
            return None
        money = inner.unit == "" or inner.dimension == "money"
        negative = money and inner.comparator is None and (inner.decimals > 0 or "," in t)
        q = replace(inner, value=-inner.value) if negative else inner
    else:
        q = _whole(t)
        if q is None:
            return None
    q = replace(q, raw=raw)
    if not q.unit and default_unit:
        q = q.with_unit(default_unit)
    return q


def _whole(t: str) -> Quantity | None:
    ms = find_quantities(t)
    if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(t):
        return ms[0].quantity
    # an isolated Chinese numeral without a measure word (两, 十三), or a bare label-like number (1)
    v = chinese_to_decimal(t)
    if v is not None:
        return Quantity(v, "", t, 0)
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", t):
        return Quantity(Decimal(t), "", t, _decimals(t))
    return None
