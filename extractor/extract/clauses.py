"""Sentences and clauses of running text, and how a figure stands in its clause: inside brackets, in a
rule or instruction rather than a statement, a change against another period, a rate per unit, an
overrun against the plan (vocabulary: patterns/clauses.yaml). Shared by the budget and indicator
readers and the BG checks."""

from __future__ import annotations

import functools
import re

from extractor import patterns

SENT_END = "。！？!?\n"
CLAUSE_END = "，,；;：:、" + SENT_END


def boundary(text: str, i: int, ends: str = CLAUSE_END) -> bool:
    """A clause ends at text[i]; an ASCII comma between digits is a thousands separator, not an end."""
    ch = text[i]
    if ch not in ends:
        return False
    if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    return True


def clause_spans(text: str, ends: str = CLAUSE_END) -> list[tuple[int, int]]:
    """(start, end) of every clause, cut at `ends` but never inside a figure (1,820人 is one figure)."""
    out, start = [], 0
    for i in range(len(text)):
        if boundary(text, i, ends):
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding text[pos], not before `floor`."""
    i = pos - 1
    while i >= floor and not boundary(text, i):
        i -= 1
    return i + 1


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENT_END:
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def in_paren(text: str, pos: int, sent_start: int) -> bool:
    """Does `pos` stand inside brackets opened since `sent_start`?"""
    seg = text[sent_start:pos]
    return (seg.count("（") + seg.count("(")) > (seg.count("）") + seg.count(")"))


# ------------------------------------------------------------------ how a figure stands in its clause


@functools.lru_cache(maxsize=None)
def vocab() -> dict:
    return patterns.load("clauses")


@functools.lru_cache(maxsize=None)
def _res(key: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r) for r in vocab()[key])


def clause_end(text: str, pos: int, ceiling: int | None = None) -> int:
    """End (exclusive) of the clause holding text[pos]."""
    n = len(text) if ceiling is None else ceiling
    i = pos
    while i < n and not boundary(text, i):
        i += 1
    return i


def _near(lead: str) -> str:
    return lead[-int(vocab()["near_chars"]):]


def _has(text: str, words) -> bool:
    return any(w in text for w in words)


_THEN_DE = re.compile(r"^\s*(?:[（(]\s*含\s*[)）])?\s*(?:及?以上|及?以下|以内)?\s*的")


def in_rule(text: str, start: int, end: int, modal: bool = True) -> bool:
    """Is the figure text[start:end] part of a rule rather than a statement of fact: the threshold of a
    condition (低于85%的须说明), a bound of a scoring band (100-80%, 含80%), a constant of a formula
    (…/调查人数×100%), what a rule counts by (按50%计算), a figure near a scoring rule in its sentence,
    or (with `modal`) in a normative clause (原则上…, 应当…, 不得…)?
    Targets in goal text are normative too, so the indicator reader asks without `modal`."""
    v = vocab()
    num = start
    while num < end and not text[num].isdigit():
        num += 1  # a comparator read into the figure (达到90%) belongs to the lead here
    cs, ce = clause_start(text, start, 0), clause_end(text, end)
    lead, tail, clause = text[cs:num], text[end:ce], text[cs:ce]
    if _has(_near(lead), v["conditions"]) and _THEN_DE.match(text[end:]):
        return True
    if any(r.search(lead) for r in _res("band_before") + _res("formula_before")):
        return True
    if any(r.search(tail) for r in _res("band_after")):
        return True
    if re.search(v["counted_before"], lead) and re.match(v["counted_after"], text[end:]):
        return True
    # a scoring rule may span clauses (按…计分，最高10分), but not a whole flattened form
    w = int(v["scoring_window"])
    s0 = max([text.rfind(ch, 0, start) for ch in SENT_END] + [start - w - 1]) + 1
    s1 = min([i for i in (text.find(ch, end) for ch in SENT_END) if i >= 0] + [end + w])
    if _has(text[s0:s1], v["scoring"]):
        return True
    return modal and _has(clause, v["modal"])


def period_change(text: str, start: int) -> bool:
    """A change against another period: 同比/较上年 … stands before the figure in its clause."""
    return _has(text[clause_start(text, start, 0):start], vocab()["period_change"])


_IN_SPAN = re.compile(r"[/／每]\s*([\u4e00-\u9fff]{1,2}(?:\s*[·*×/／]\s*[\u4e00-\u9fff]{1,2})?)\s*$")


def per_unit(text: str, start: int, end: int) -> bool:
    """A rate per unit (1000元/户, 每户补助1000元, 人均300元): never an amount to add up."""
    if _IN_SPAN.search(text[start:end]):  # the figure's own unit is a ratio (元/户, 元/人·月)
        return True
    if any(r.search(text[end:end + 4]) for r in _res("per_unit_after")):
        return True
    return _has(_own_lead(text, start), vocab()["per_unit_before"])


def overrun(text: str, start: int) -> bool:
    """An overrun stated against the plan (超任务43%, 超额完成12%), not negated (不超过目标)."""
    lead = _near(text[clause_start(text, start, 0):start])
    for w in vocab()["overrun"]:
        i = lead.rfind(w)
        if i >= 0 and lead[i - 1:i] not in ("不", "未"):
            return True
    return False


_AFTER_SLASH = re.compile(r"^\s*[/／]\s*([\u4e00-\u9fff]{1,2}(?:\s*[·*×]\s*[\u4e00-\u9fff]{1,2})?)")
_EACH = re.compile(r"每\s*([\u4e00-\u9fff])(?:[\u4e00-\u9fff]{0,3}?每\s*([\u4e00-\u9fff]))?")


def _own_lead(text: str, start: int) -> str:
    """The clause before a figure, from the previous figure on: 每户 before 800元 is not 50万元's."""
    lead = text[clause_start(text, start, 0):start]
    digits = [i for i, ch in enumerate(lead) if ch.isdigit()]
    return lead[digits[-1] + 1:] if digits else lead


def per_unit_denominator(text: str, start: int, end: int) -> str | None:
    """What a rate is per, when the text says it: 户 for 1000元/户 or 每户…1000元, 人·月 for 500元/人*月
    or 每人每月…500元, 人 for 人均300元. None when it is no rate or the denominator is not written."""
    m = _IN_SPAN.search(text[start:end]) or _AFTER_SLASH.match(text[end:end + 8])
    if m:
        return re.sub(r"\s*[·*×/／]\s*", "·", m.group(1))
    lead = _own_lead(text, start)
    m = None
    for m in _EACH.finditer(lead):
        pass
    if m:
        return "·".join(g for g in m.groups() if g)
    for w in vocab()["per_unit_before"]:
        if len(w) == 2 and w.endswith("均") and w in lead:
            return w[0]
    return None
