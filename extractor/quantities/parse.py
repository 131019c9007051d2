"""Reading figures: `find_quantities` in running text, `parse_value` for a whole cell."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from extractor.quantities.comparators import comparator_forms, comparator_maps
from extractor.quantities.numerals import (
    ARABIC,
    FULLWIDTH_TEXT,
    SCALE_CHARS,
    chinese_numeral_class,
    chinese_to_decimal,
    decimals_of,
    excluded_spans,
    is_empty,
    is_label_number,
    normalize_digits,
    rules,
    tables,
)
from extractor.quantities.record import Quantity
from extractor.quantities.units import Unit, read_unit, unit_info


@functools.lru_cache(maxsize=None)
def _regex() -> re.Pattern:
    """Comparator, sign, number and scale; the unit and a trailing comparator are read after it."""
    pre, _ = comparator_forms()
    t = tables()
    alt = lambda xs: "|".join(re.escape(x) for x in xs)  # noqa: E731
    firsts = set("0123456789-+") | set(t.digits) | set(t.multipliers) | {f[0] for f, _ in pre}
    return re.compile(
        rf"(?=[{re.escape(''.join(sorted(firsts)))}])"  # cheap first-character test before the alternations
        rf"(?:(?P<pre>{alt(f for f, _ in pre)})[ \t]*)?"
        rf"(?P<sign>[-+])?(?P<num>{ARABIC}|{chinese_numeral_class()})"
        rf"(?:[ \t]*(?P<scale>[万萬亿億]))?"
    )


@functools.lru_cache(maxsize=None)
def _post_regex() -> re.Pattern:
    _, post = comparator_forms()
    return re.compile(r"[ \t]*(" + "|".join(re.escape(f) for f, _ in post) + ")")


_SPACE_RUN = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    quantity: Quantity


def _tail(norm: str, pos: int) -> tuple[Unit | None, int, int, str | None, int]:
    """(unit, unit start, unit end, trailing comparator form, end) after the number at `pos`."""
    us = _SPACE_RUN.match(norm, pos).end()
    r = read_unit(norm, us)
    unit, ue = (r[0], r[1]) if r else (None, pos)
    m = _post_regex().match(norm, ue)
    if m is not None and m.group(1):
        return unit, us, ue, m.group(1), m.end()
    return unit, us, ue, None, ue


def find_quantities(text: str) -> list[Match]:
    """Every quantity in running text, with character offsets into `text` (text[start:end] == raw).

    Chinese numerals count only when a measure word follows (九次, 两个), so running text such as
    一府一委两院 or 一是 is never read as numbers. Years (2021年), dates, phone and document numbers,
    identifiers, section numbers (1. （1）) and ordinals (第3次, 指标1) are skipped. Units are unit
    expressions (1000元/户 is money/count, never 1000 元).
    """
    norm = text.translate(FULLWIDTH_TEXT)
    rx = _regex()
    if not rx.search(norm):
        return []
    pre_map, post_map = comparator_maps()
    not_after = tables().not_after
    rl = rules()
    excluded = excluded_spans(norm)
    out: list[Match] = []
    pos = 0
    while True:
        m = rx.search(norm, pos)
        if m is None:
            break
        info, us, ue, post, end = _tail(norm, m.end())
        pos = end  # the next figure starts after this one's unit, as a single regex match would
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
        pre, scale = m.group("pre"), m.group("scale") or ""
        start = m.start() if pre else lead
        nxt = norm[ne:ne + 1]
        if arabic and info is None and nxt.isascii() and nxt.isalpha():
            continue
        if not arabic:
            if info is None or us != ne or norm[ne:ne + 3].startswith(not_after):
                continue
            value = chinese_to_decimal(num)
            if value is None:
                continue
            decimals = 0
        else:
            try:
                value = Decimal(re.sub(r"[,，\s\u00a0\u2009\u202f]", "", num))
            except InvalidOperation:
                continue
            decimals = decimals_of(num)
        # ordinals: 第3次, 指标1, 年度目标2
        before = norm[max(0, start - 8):start].rstrip(" \t:：")
        if before.endswith(rl.ordinal_always):
            continue
        if before.endswith(rl.ordinal_before) and decimals == 0 and info is None and not scale:
            continue
        if arabic and info is None and not scale and not pre and not post and is_label_number(norm, ns, ne, num):
            continue
        # a year (2021年, 2021 年度) or a month (9月) is not a quantity
        if info is None and not scale and norm[ne:ne + 4].lstrip(" \t")[:1] in ("年", "月"):
            continue
        unit = info.name if info else ""
        if scale:
            scaled = unit_info(scale + unit) if unit else None
            if scaled is not None:
                unit = scaled.name
            else:
                # 5万 without a unit: fold the scale into the value, keep the shown precision
                decimals -= 4 if SCALE_CHARS[scale] == 10000 else 8
                value = value * SCALE_CHARS[scale]
                if decimals <= 0:
                    value = value.quantize(Decimal(1))
        if sign == "-":
            value = -value
        comp = pre_map.get(pre) if pre else (post_map.get(post) if post else None)
        out.append(Match(start, end, Quantity(value, unit, text[start:end], decimals, comp)))
    return out


_SPACES = re.compile(r"(?<!\d)[\s\u3000\xa0]+|[\s\u3000\xa0]+(?!\d)")  # keep "3 4" two numbers


def parse_value(text: str, default_unit: "str | Unit | None" = "") -> Quantity | None:
    """Parse a whole cell or isolated span ('12,345,678.91', '(1,234.00)', '≥90%', '两', '500元/户');
    None if it is not exactly one quantity. `default_unit` (a spelling or a Unit, e.g. from
    `label_unit` of the row or column label) applies when the text shows none."""
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
        q = with_default_unit(q, default_unit)
    return q


def with_default_unit(q: Quantity, unit: "str | Unit") -> Quantity:
    """`q` in `unit` when it shows none (a bare 30000 under 面积(亩) is 30000 亩); a figure that
    shows its own unit keeps it."""
    if q.unit:
        return q
    name = unit.name if isinstance(unit, Unit) else (unit_info(unit).name if unit_info(unit) else unit)
    return q.with_unit(name)


def _whole(t: str) -> Quantity | None:
    ms = find_quantities(t)
    if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(t):
        return ms[0].quantity
    # an isolated Chinese numeral without a measure word (两, 十三), or a bare label-like number (1)
    v = chinese_to_decimal(t)
    if v is not None:
        return Quantity(v, "", t, 0)
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", t):
        return Quantity(Decimal(t), "", t, decimals_of(t))
    return None
