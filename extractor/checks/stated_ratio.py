"""IN050: a rate stated with the figures it is the ratio of — beside it (98.0%（完成490人/计划500人）)
or in the clauses before it (计划…500人，实际完成490人，完成率98.0%) — that their quotient does not
give at the precision all three are shown with."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from extractor import patterns
from extractor.checks import Check, register
from extractor.checks.budget_arith import Span, meet, ratio_percent
from extractor.extract.clauses import clause_start, in_paren, in_rule, sentences
from extractor.model import Evidence, Location
from extractor.quantities import Quantity, convertible, find_quantities, without_comparator


@functools.lru_cache(maxsize=None)
def _vocab() -> dict:
    return patterns.load("ratios")


@dataclass
class Ratio:
    rate: Quantity
    num: Quantity
    den: Quantity
    quote: str
    how: str  # explicit | planned


def _pct(q: Quantity) -> bool:
    """A stated rate: in %, with no comparator (达到98.5% states the rate reached)."""
    return q.unit == "%" and (not q.comparator or q.comparator == "=" or q.raw.startswith("达"))


def _same_dim(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension and (a.unit == b.unit or convertible(a.unit, b.unit)) and a.unit != "%"


def _explicit(text: str, ms: list) -> Iterator[Ratio]:
    """P%（A/B） and A/B=P%: two figures joined by a division sign, with the rate right before them in
    brackets or right after them behind =."""
    seps = tuple(_vocab()["separators"])
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        gap = text[a.end:b.start]
        if not any(s in gap for s in seps) or len(gap) > 8 or not _same_dim(a.quantity, b.quantity):
            continue
        before = ms[i - 1] if i > 0 else None
        after = ms[i + 2] if i + 2 < len(ms) else None
        if before is not None and _pct(before.quantity) and re.fullmatch(r"\s*[（(][^（()）]{0,12}", text[before.end:a.start]) \
                and re.match(r"[^（()）]{0,4}[)）]", text[b.end:]):
            yield Ratio(before.quantity, a.quantity, b.quantity, text[before.start:b.end + 1], "explicit")
        elif after is not None and _pct(after.quantity) and re.fullmatch(
                r"\s*[)）]?\s*(×\s*100%\s*)?[=＝]\s*", text[b.end:after.start] + after.quantity.raw[:1]):
            yield Ratio(after.quantity, a.quantity, b.quantity, text[a.start:after.end], "explicit")


def _planned(text: str, ms: list) -> Iterator[Ratio]:
    """In one sentence (or the one before it): a planned figure, then an actual figure of the same
    dimension, then a share rate in the clause right after the actual."""
    v = _vocab()
    for si, (s0, s1) in enumerate(sentences(text)):
        rates = [m for m in ms if s0 <= m.start < s1 and _pct(m.quantity)]
        for r in rates:
            rc = clause_start(text, r.start, s0)
            lead = text[rc:r.start]
            if not any(w in lead for w in v["share_words"]) or any(w in lead for w in v["not_share"]):
                continue
            if in_rule(text, r.start, r.end):
                continue
            # the actual: the last figure before the rate's clause, in the same sentence
            prior = [m for m in ms if s0 <= m.start < rc and not _pct(m.quantity) and m.quantity.dimension != "money"]
            if not prior:
                continue
            act = prior[-1]
            if re.search(r"[；;]", text[act.end:rc]):
                continue  # the rate opens another clause group: it is about something else
            if not any(w in text[clause_start(text, act.start, s0):act.start] for w in v["actual_words"]):
                continue
            floor = sentences(text)[si - 1][0] if si > 0 else s0
            same = [m for m in ms if floor <= m.start < act.start and _same_dim(m.quantity, act.quantity)]
            plans = [m for m in same if any(w in text[clause_start(text, m.start, floor):m.start] for w in v["plan_words"])]
            if len(plans) != 1 or same[-1] is not plans[0]:
                continue  # no plan, several, or other figures between the plan and the actual
            p = plans[0]
            yield Ratio(r.quantity, act.quantity, p.quantity, text[p.start:r.end], "planned")


_OF_NAMED = re.compile(r"占\s*(?P<name>[\u4e00-\u9fff]{2,12}?)\s*的?\s*(?:比例|比重)?\s*(?:为|达|是)?\s*$")
_OF_WHOLE = re.compile(r"(占比|占总数的|占全部的|所占比例)\s*(?:为|达|是)?\s*$")


def _shares(text: str, ms: list, named: dict) -> Iterator[Ratio]:
    """A part with its share of a whole: 其中达到甲级标准的60个，占比75.0% (the whole stated before with
    共/总/合计), 完成维修改造350处，占农村饮水工程总数的83.3% (the whole named: found where the report
    states it). `named` maps a name to the figures stated right after it anywhere in the report."""
    v = _vocab()
    for si, (s0, s1) in enumerate(sentences(text)):
        for r in (m for m in ms if s0 <= m.start < s1 and _pct(m.quantity)):
            rc = clause_start(text, r.start, s0)
            lead = text[rc:r.start]
            if any(w in lead for w in v["not_share"]) or in_rule(text, r.start, r.end):
                continue
            prior = [m for m in ms if s0 <= m.start < rc and not _pct(m.quantity)]
            if not prior:
                continue
            part = prior[-1]
            if re.search(r"[；;]", text[part.end:rc]):
                continue
            wholes = []
            mn = _OF_NAMED.search(lead)
            if mn and not _OF_WHOLE.search(lead):
                wholes = [q for q in named.get(mn.group("name"), []) if _same_dim(q, part.quantity)]
            elif _OF_WHOLE.search(lead) and "其中" in text[clause_start(text, part.start, s0):part.start]:
                floor = sentences(text)[si - 1][0] if si > 0 else s0
                wholes = [m.quantity for m in ms if floor <= m.start < part.start and _same_dim(m.quantity, part.quantity)
                          and not in_paren(text, m.start, floor) and _whole_lead(text, m, ms, floor)][-1:]
            if len({w.value for w in wholes}) != 1:
                continue  # no whole, or two different ones: which is meant is not said
            yield Ratio(r.quantity, part.quantity, wholes[0], text[part.start:r.end], "share")


def _whole_lead(text: str, m, ms: list, floor: int) -> bool:
    """The figure opens its clause (no other figure before it there) after 共/总/合计/全部."""
    cs = clause_start(text, m.start, floor)
    return not any(cs <= x.start < m.start for x in ms) and bool(re.search(r"共|总|合计|全部", text[cs:m.start]))


def _named_figures(texts: list[str]) -> dict:
    """Name -> figures stated right after it (全县农村饮水工程总数420处: 农村饮水工程总数 -> 420处)."""
    out: dict = {}
    for text in texts:
        for m in find_quantities(text):
            lead = re.sub(r"[为达是约共计有\s]+$", "", text[clause_start(text, m.start, 0):m.start])
            for k in range(2, min(12, len(lead)) + 1):
                out.setdefault(lead[-k:], []).append(m.quantity)
    return out


def _holds(r: Ratio) -> bool | None:
    """num ÷ den meets the stated rate at the precision all three are shown with; None when den may be 0."""
    q = ratio_percent(Span.of(r.num), Span.of(r.den))
    return None if q is None else meet(q, Span.of(r.rate))


@register
class StatedRatio(Check):
    """所述比例与其分子、分母之商不符。

    何时触发：（1）比例旁写明了它的分子和分母——“98.0%（完成490人/计划500人）”“完成490人/计划
    500人=98.0%”——而 分子 ÷ 分母 与所写比例在三者各自的显示精度内不符；（2）同一句（或前一句）先写
    计划数（应、计划、目标、任务……），再写同一计量单位的完成数（实际、完成……），紧接着写“完成率/
    占比/覆盖率/到位率……”，而 完成数 ÷ 计划数 与之不符。金额的执行率由 BG020 核对，这里不重复。
    反例：“计划培训500人，实际完成490人，完成率99.0%”（490 ÷ 500 = 98.0%）。
    正例：“计划培训500人，实际完成490人，完成率98.0%”。
    已知局限：只核对写在一处的三个数；计划数有两个以上候选时不核对；“提高”“同比”等变化率不核对。
    """

    code = "IN050"
    name = "text.stated_ratio"
    kind = "rate_mismatch"
    severity = "error"

    def run(self, ctx):
        seen = set()
        texts = list(_texts(ctx.doc))
        named = _named_figures([t for t, _ in texts])
        for text, loc in texts:
            ms = find_quantities(text)
            if len(ms) < 2:
                continue
            for r in list(_explicit(text, ms)) + list(_planned(text, ms)) + list(_shares(text, ms, named)):
                key = (r.rate.raw, r.num.raw, r.den.raw)
                if key in seen or _holds(r) is not False:
                    continue
                seen.add(key)
                calc = r.num.base / r.den.base * 100
                places = max(r.rate.decimals, 1)
                rate = without_comparator(r.rate.raw)
                yield self.finding(
                    f"所述比例 {rate} 与 {r.num.raw} ÷ {r.den.raw} = {calc:.{places}f}% 不符"
                    f"（原文：“{r.quote[:60]}”）",
                    values=[rate, r.num.raw, r.den.raw], expected=f"{calc:.{places}f}%", actual=rate,
                    evidence=[Evidence(r.quote, "stated_rate", loc, rate),
                              Evidence(r.quote, "numerator", loc, r.num.raw),
                              Evidence(r.quote, "denominator", loc, r.den.raw)])


def _texts(doc) -> Iterator[tuple[str, Location]]:
    for p in doc.paragraphs():
        yield p.text, p.location
    for t in doc.tables():
        for c in t.cells:
            yield c.text, c.location
