"""What labels and words say: the unit a row or column label states for its bare numbers
(`label_unit`), and the met / unmet / none reading of a value written in words (`text_value`)."""

from __future__ import annotations

import functools
import re

from extractor import patterns
from extractor.quantities.numerals import FULLWIDTH_TEXT
from extractor.quantities.units import Unit, unit_info

_BRACKETS = str.maketrans("【】[]〔〕", "()()()")
_GROUP = re.compile(r"\(([^()]*)\)")
_LIST = re.compile(r"[、,，;；]")


@functools.lru_cache(maxsize=None)
def _label_rules() -> tuple[re.Pattern, tuple[str, ...]]:
    lab = patterns.load("units").get("labels") or {}
    markers = sorted((str(m) for m in lab.get("markers", ["单位"])), key=len, reverse=True)
    rx = re.compile(r"(?:" + "|".join(map(re.escape, markers)) + r")[:：]?")
    return rx, tuple(str(p) for p in lab.get("unit_prefixes", []))


def _unit_text(s: str, bound: bool = True) -> Unit | None:
    """The unit a bracket or marker states: one unit (人民币万元 -> 万元); None for none or several."""
    _, prefixes = _label_rules()
    found = set()
    for part in _LIST.split(s):
        for p in prefixes:
            if part.startswith(p) and len(part) > len(p):
                part = part[len(p):]
        u = unit_info(part, bound) if part else None
        if u is None:
            return None
        found.add(u)
    return found.pop() if len(found) == 1 else None


def _tidy(label: str) -> str:
    return label.strip(" :：,，;；")


@functools.lru_cache(maxsize=4096)
def label_unit(text: str) -> tuple[Unit, str] | None:
    """(unit, label without it) when a label states the unit of the bare numbers under or beside it:
    面积(亩), 预算数（万元）, 执行数(万元)(B), 单位：元, 表名（单位：万元）, 万元, 标准(元/人·月).
    None when it states none or several (单位：万元、%). The label comes back compacted (no spaces,
    brackets and colons in ASCII)."""
    t = "".join(text.split()).translate(FULLWIDTH_TEXT).translate(_BRACKETS)
    if not t:
        return None
    u = _unit_text(t, bound=False)  # a column headed 年 or 月 holds dates, not durations
    if u is not None:
        return u, ""
    marker, _ = _label_rules()
    hits = []
    for m in _GROUP.finditer(t):
        inner = m.group(1)
        mm = marker.match(inner)
        u = _unit_text(inner[mm.end():] if mm else inner)
        if u is not None:
            hits.append((u, m.span()))
    if len({u for u, _ in hits}) == 1:
        (a, b) = hits[0][1]
        return hits[0][0], _tidy(t[:a] + t[b:])
    if hits:
        return None
    for m in marker.finditer(t):
        u = _unit_text(t[m.end():])
        if u is not None:
            label = t[:m.start()]
            return u, _tidy(label)
    return None


# ---------------------------------------------------------------- text values

_END_PUNCT = "。.，,；;！!、：:\"'“”‘’()"


@functools.lru_cache(maxsize=None)
def _values() -> tuple[int, tuple]:
    data = patterns.load("values")
    out = []
    for e in patterns.entries("values", ("reading",)):
        if e["reading"] not in ("met", "unmet", "none"):
            raise patterns.PatternError(f"patterns/values.yaml: reading must be met/unmet/none: {e}")
        out.append((e["reading"], frozenset(map(str, e.get("exact") or ())),
                    tuple(map(str, e.get("contains") or ())), tuple(map(str, e.get("prefix") or ())),
                    tuple(map(str, e.get("not_before") or ()))))
    return int(data.get("max_prefix_len", 12)), tuple(out)


@functools.lru_cache(maxsize=4096)
def text_value(text: str) -> str | None:
    """'met' / 'unmet' / 'none' for a value written in words (已完成 / 部分完成 / 无), None when the
    text is no such value. The vocabulary is patterns/values.yaml."""
    t = "".join(text.split()).translate(FULLWIDTH_TEXT).strip(_END_PUNCT)
    if not t:
        return None
    max_prefix, entries = _values()
    for reading, exact, contains, prefix, not_before in entries:
        if t in exact or any(w in t for w in contains):
            return reading
        if len(t) <= max_prefix:
            for p in prefix:
                if t.startswith(p) and len(t) > len(p) and not t[len(p):].startswith(not_before):
                    return reading
    return None


def text_value_words(readings: tuple[str, ...] = ("met", "unmet", "none")) -> tuple[str, ...]:
    """The whole words (exact and contained forms) of the given readings, longest first: to cut a
    value out of glued text."""
    _, entries = _values()
    words = {w for r, exact, contains, _, _ in entries if r in readings for w in (*exact, *contains)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))
