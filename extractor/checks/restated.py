"""IN060: one count stated twice in a report's running text with two different values — the same
naming phrase, the same measure word (全年召开主任办公会议12次 … 全年召开主任办公会议10次)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from extractor import patterns
from extractor.checks import Check, register
from extractor.extract.clauses import clause_start, in_paren, in_rule, sentences
from extractor.extract.forms import form_paragraphs
from extractor.model import Evidence, Location
from extractor.quantities import Quantity, consistent, find_quantities


@functools.lru_cache(maxsize=None)
def _vocab() -> dict:
    return patterns.load("ratios")["restated"]


@dataclass
class Statement:
    phrase: str  # the words naming the count, fillers dropped
    tail: str  # the noun right after the measure word (9个社区), if any
    extent: bool  # what a place has (下辖15个行政村): named by the noun after the measure word alone
    planned: bool  # its sentence measures it against a plan (完成年度目标的107%, 超额完成): one of two may be the plan
    q: Quantity
    quote: str
    loc: Location
    paragraph: int


_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,4}")
_PLANNED = re.compile(r"(目标|计划|任务)(数)?的\s*\d|完成率|完成比例")


@functools.lru_cache(maxsize=None)
def _exceeded() -> tuple[str, ...]:
    return tuple(patterns.load("claims").get("exceeded", []))


def _phrase(lead: str) -> str:
    v = _vocab()
    s = re.sub(r"[^\u4e00-\u9fff]", "", lead)
    for w in sorted(v["filler"], key=len, reverse=True):
        s = s.replace(w, "")
    return s


def statements(doc) -> list[Statement]:
    """Count statements of the report's running text (forms and tables are read elsewhere)."""
    v = _vocab()
    units = set(v["units"])
    skip = form_paragraphs(doc)
    out = []
    for pi, p in enumerate(doc.paragraphs()):
        if p.location.paragraph in skip or p.heading is not None:
            continue
        text = p.text
        for m in find_quantities(text):
            q = m.quantity
            if q.unit not in units or q.comparator or q.decimals or q.spread or in_paren(text, m.start, 0) \
                    or in_rule(text, m.start, m.end):
                continue
            cs = clause_start(text, m.start, 0)
            lead = text[cs:m.start]
            if any(w in lead for w in v["not_same"]):
                continue
            end = re.search(r"[，,；;。、]|$", text[m.end:]).start() + m.end
            tail_m = _TAIL.match(text[m.end:end])
            if any(w in text[m.end:end] for w in v["not_same"]):
                continue
            phrase = _phrase(lead)
            # the noun after the measure word names the count too (下辖15个行政村 … 16个行政村)
            tail = tail_m.group(0)[:3] if tail_m else ""
            extent = any(w in lead for w in v["extent"]) and len(tail) >= 2
            if len(phrase) < v["min_phrase"] and not extent:
                continue
            sent = next((text[a:b] for a, b in sentences(text) if a <= m.start < b), text)
            planned = bool(_PLANNED.search(sent)) or any(w in sent for w in _exceeded())
            out.append(Statement(phrase, tail, extent, planned, q, text[cs:end].strip(), p.location, pi))
    return out


@register
class RestatedCount(Check):
    """同一数量在报告中两处写法不同（如“全年召开主任办公会议12次”与“全年召开主任办公会议10次”）。

    何时触发：正文中两处用同一说法（去掉“全年、共、累计、已”等虚词后措辞相同、计量单位相同，量词后的
    名词也相同）写同一个整数计数，数值却不同。含计划、目标、其中、上半年、新增、以上等词的分句，以及
    括号内、规则中的数不比较。
    反例：第一部分“组织畜牧技术培训24期”，第三部分“全年仅组织技术培训20期”。
    正例：“组织技术培训24期”与“完成技术培训24期”；“计划培训30期”与“组织技术培训24期”。
    已知局限：措辞不同的同一数量（“召开常委会会议” 与 “举行常委会例会”）不配对（IN001 按指标配对时
    可发现）；只比较整数计数。
    """

    code = "IN060"
    name = "text.restated_count"
    kind = "other"
    severity = "warning"

    def run(self, ctx) -> Iterator:
        ss = statements(ctx.doc)
        done: set[int] = set()
        for i, first in enumerate(ss):
            if i in done:
                continue
            same = [j for j in range(i + 1, len(ss)) if _same_count(first, ss[j])]
            done.update(same)
            other = next((ss[j] for j in same if ss[j].paragraph != first.paragraph
                          and not consistent(first.q, ss[j].q) and not (first.planned or ss[j].planned)), None)
            if other is None:
                continue
            yield self.finding(
                f"同一数量两处写法不同：“{first.quote[:40]}”（{first.q.raw}）与“{other.quote[:40]}”（{other.q.raw}）",
                values=[first.q.raw, other.q.raw], expected=first.q.raw, actual=other.q.raw,
                evidence=[Evidence(first.quote, "first", first.loc, first.q.raw),
                          Evidence(other.quote, "second", other.loc, other.q.raw)])


def _same_count(a: Statement, b: Statement) -> bool:
    """One count named twice: the same measure word and noun after it, and the same naming phrase (one
    may qualify the other in front: 技术培训 / 农牧业技术培训), or both what a place has (下辖, 全镇)."""
    if a.q.unit != b.q.unit or a.tail[:2] != b.tail[:2]:
        return False
    if a.extent and b.extent:
        return True
    short, long_ = sorted((a.phrase, b.phrase), key=len)
    return len(short) >= _vocab()["min_phrase"] and long_.endswith(short)
