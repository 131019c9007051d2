"""FM023: what the form's 实际完成情况 text says was achieved against the indicator row that measures
the same thing — a figure the row's 实际完成值 does not bear out (满意度达到97% / 90.4%), or a claim
of meeting the target (超额完成年度目标) next to a figure whose row missed it. FM024: a completion
rate written into a row's 实际完成值 (420个（完成率105%）) against 实际 ÷ 指标值."""

from __future__ import annotations

import functools
import re

from extractor import patterns
from extractor.checks import Check, Option, register
from extractor.checks.budget_arith import Span, meet, ratio_percent
from extractor.checks.form_common import form_name, forms, num, row_ev
from extractor.checks.form_goals import in_form_words, same_figure
from extractor.checks.form_targets import verdict
from extractor.extract import form_vocab as V
from extractor.extract.align import similarity, units_compatible
from extractor.extract.clauses import clause_start, in_paren, in_rule
from extractor.extract.form_model import Form, Tok
from extractor.model import Evidence
from extractor.quantities import consistent, find_quantities, parse_value, without_comparator

@functools.lru_cache(maxsize=None)
def _goal_label(which: str) -> re.Pattern:
    words = sorted(V.vocab()["goal_text_labels"][which], key=len, reverse=True)
    return re.compile(r"^\s*(" + "|".join(map(re.escape, words)) + r")\s*[:：]")


def actual_texts(f: Form) -> list[Tok]:
    """The 实际完成情况 texts of the 年度总体目标 block: those labelled so, else every second text of
    a block that pairs 预期目标 with 实际完成情况 (the templates put the plan first)."""
    texts, seen = [], set()
    for t in f.goal:  # a merged cell flattened repeats its text once per grid column
        if t.text not in seen:
            seen.add(t.text)
            texts.append(t)
    labelled = [t for t in texts if _goal_label("actual").match(t.text)]
    if labelled:
        return labelled
    if len(texts) >= 2 and len(texts) % 2 == 0 and not any(_goal_label("plan").match(t.text) for t in texts):
        return texts[1::2]
    return []


def _plan_words() -> tuple[str, ...]:
    return tuple(patterns.load("claims").get("plan_in_results", []))


def _claims() -> tuple[str, ...]:
    c = patterns.load("claims")
    return tuple(c.get("goals", [])) + tuple(c.get("exceeded", []))


@register
class CompletionTextVsIndicator(Check):
    """“实际完成情况”文字所述成绩与对应指标行的实际完成值不符。

    何时触发：年度总体目标“实际完成情况”一栏写了一个数（人次、亩、个、%……；金额除外），与某一指标
    行名称明显相近（jieba 分词后相似度 ≥ 选项 min_similarity，且明显高于其他候选），单位相容，而：
    （1）该行实际完成值与之不符（文字写“以上”的按下限比较：文字“满意度达95%以上”、实际 90.6%）；或
    （2）文字所写的数就是该行的实际完成值，同一分句却称“完成/超额完成年度目标”，而该行未达到指标值。
    反例：完成情况“村民满意度达到98%”，指标“村民满意度 ≥90% 91.2%”；“开展送戏下乡52场，超额完成
    年度目标”，指标“开展送戏下乡场次 ≥60场 52场”。
    正例：完成情况“新建村级文化广场20个，超额完成年度目标”，指标“≥20个 20个”。
    已知局限：只读年度总体目标块的“实际完成情况”文字；候选指标不唯一或名称相似度不足时不比较。
    """

    code = "FM023"
    name = "form.completion_text_vs_indicator"
    kind = "claim_vs_indicator"
    severity = "warning"
    options = {"min_similarity": Option(int, 50, "完成情况文字与指标名称的最低相似度（0-100）"),
               "margin": Option(int, 15, "最佳候选须高出次佳候选的相似度")}

    def run(self, ctx):
        lo = int(ctx.options.get("min_similarity", 50))
        margin = int(ctx.options.get("margin", 15))
        claims = _claims()
        for f in forms(ctx):
            rows = [r for r in f.indicators if r.reliable and num(r.actual) is not None]
            if not rows:
                continue
            for tok in actual_texts(f):
                text = V.simplify(tok.text)
                for m in find_quantities(text) + in_form_words(text, f):
                    q = m.quantity
                    if q.dimension == "money" or not q.unit or q.comparator in ("<=", "<", "~") \
                            or in_rule(text, m.start, m.end) or in_paren(text, m.start, 0):
                        continue
                    # the words naming the figure (an enumeration 帐篷600顶、折叠床1200张 names each)
                    clause = text[clause_start(text, m.start, 0):m.end].strip("，,；;。、 ")
                    if any(w in clause for w in _plan_words()):
                        continue  # 年度目标2200人: the target restated, not a result
                    same = [r for r in rows if same_figure(q, r.actual)]
                    if same:
                        end = re.search(r"[。；;]|$", text[m.end:]).start() + m.end
                        yield from self._claim(f, tok, q, clause, text[m.end:end], same, claims, lo)
                        continue
                    cands = sorted(((similarity(clause, r.name), i, r) for i, r in enumerate(rows)
                                    if units_compatible(q, num(r.actual).with_unit(num(r.actual).unit or q.unit))[0]),
                                   key=lambda x: (-x[0], x[1]))
                    if not cands or cands[0][0] < lo or (len(cands) > 1 and cands[1][0] > cands[0][0] - margin):
                        continue
                    score, _, r = cands[0]
                    act = num(r.actual).with_unit(num(r.actual).unit or q.unit)
                    if q.comparator in (">=", ">"):
                        if act.interval()[1] >= q.interval()[0]:
                            continue  # 达到95%以上 with 96%: borne out
                    elif consistent(q, act):
                        continue
                    said = without_comparator(q.raw)  # 达到98% states 98%
                    yield self.finding(
                        f"{form_name(f)}完成情况写“{clause[:40]}”（{said}），而指标“{r.name}”的实际完成值为 "
                        f"{r.actual.text}，两处不一致（名称相似度 {score}）",
                        values=[said, r.actual.text] + ([r.target.text] if r.target is not None else []),
                        expected=r.actual.text, actual=said,
                        evidence=[Evidence(clause, "claim", tok.loc, said), row_ev(r, "indicator")])

    def _claim(self, f, tok, q, clause, rest, same, claims, lo):
        """The sentence stating a row's own actual claims the target met, and the row missed it."""
        word = next((w for w in claims if w in rest), None)
        if word is None or len(same) != 1:
            return
        r = same[0]
        v = verdict(r)
        if v is None or v.state != "unmet" or similarity(clause, r.name) < lo:
            return
        yield self.finding(
            f"{form_name(f)}完成情况写“{clause[:40]}{rest[:20]}”，称“{word}”，但指标“{r.name}”实际完成值 {r.actual.text} "
            f"未达到指标值 {r.target.text}",
            values=[q.raw, r.target.text, r.actual.text], expected=r.target.text, actual=r.actual.text,
            evidence=[Evidence(clause, "claim", tok.loc, word), row_ev(r, "indicator")])


@functools.lru_cache(maxsize=1)
def _rate_in_cell() -> re.Pattern:
    words = sorted(V.vocab()["rate_in_cell_words"], key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, words)) + r")\s*(?:为|达到?)?\s*(\d+(?:\.\d+)?)\s*[%％]")


@register
class CompletionRateInCell(Check):
    """实际完成值栏里写的完成率与 实际完成值 ÷ 指标值 不符。

    何时触发：指标行的实际完成值一栏在数值后写了完成率（“420个（完成率105%）”），指标值是同一单位的
    数（≥、= 或不带比较符），而 实际 ÷ 指标值 与所写完成率在各自显示精度内不符。
    反例：“≥400个 | 420个（完成率115%）”（420 ÷ 400 = 105%）。
    正例：“≥400个 | 420个（完成率105%）”。
    已知局限：“≤”类（越少越好）的指标不核对；完成率写在说明栏时不读。
    """

    code = "FM024"
    name = "form.completion_rate_in_cell"
    kind = "rate_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                if not r.reliable or r.actual is None or r.target is None:
                    continue
                m = _rate_in_cell().search(r.actual.text)
                if m is None:
                    continue
                # the actual is the figure the cell opens with (its own Val holds none: the cell is mixed)
                lead = [x for x in find_quantities(r.actual.text[:m.start()]) if x.quantity.unit != "%"]
                t, a = num(r.target), num(r.actual) or (lead[0].quantity if lead else None)
                if t is None or a is None or t.comparator in ("<=", "<") or t.value <= 0 \
                        or not units_compatible(a, t.with_unit(t.unit or a.unit))[0]:
                    continue
                stated = parse_value(m.group(2) + "%")
                t = t.with_unit(t.unit or a.unit)  # a bare target under a 度量单位 column
                q = ratio_percent(Span.of(a), Span.of(t))
                if q is None or meet(q, Span.of(stated)):
                    continue
                calc = a.base / t.base * 100
                bare = without_comparator(t.raw)
                yield self.finding(
                    f"{form_name(f)}“{r.name}”完成值写“{r.actual.text}”，但 {a.raw} ÷ {bare} = {calc:.1f}%，"
                    f"与所写完成率 {stated.raw} 不符",
                    values=[t.raw, a.raw, stated.raw], expected=f"{calc:.1f}%", actual=stated.raw,
                    evidence=[Evidence(r.actual.text, "stated_rate", r.actual.loc, stated.raw), row_ev(r, "indicator")])

