"""IN040–IN041: indicators that cannot be checked (no reported actual, or an ambiguous pairing)."""

from __future__ import annotations

from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.indicator_claims import unmatched_targets
from extractor.checks.indicator_common import alignment, ev, label, listed_short
from extractor.model import Finding


@register
class IndicatorNoActual(Check):
    """指标有目标值（或声称值）但全文找不到对应的实际完成值：无法核对。

    何时触发：目标值（目标表述、“≥/以上/确保”）没有任何完成值与之配对；或第一部分声称的完成值在
    已复述该目标的分析部分中找不到对应的实际值。完成情况只以列举写出（完成《…》、《…》等执法检查）
    时，列举的项数即完成数：不少于目标则视为有完成值，少于目标也只提示无法核对（列举不一定完整）。
    反例：“开展执法检查不少于4次”，分析部分只说“相关工作有序开展”而未给出次数——提示无法核对。
    正例：每个指标在分析部分都有单位相容、名称相近的实际值——不提示。
    已知局限：名称相似度不足时也会提示（可能只是措辞差异过大）。
    """

    code = "IN040"
    name = "indicator.no_actual"
    kind = "not_checkable"
    severity = "info"

    def run(self, ctx: Context) -> Iterator[Finding]:
        al = alignment(ctx)
        seen = set()
        lists = {id(p.left): p.right for p in listed_short(al)}
        for f in unmatched_targets(al):
            key = (f.goal, f.quantity.raw)
            if key in seen:
                continue
            seen.add(key)
            lst = lists.get(id(f))
            if lst is not None:
                yield self.finding(
                    f"{label(f)}目标值{f.quantity.raw}（{f.location}）未见完成数值，报告只列举了"
                    f"{lst.quantity.value}项（{lst.location}），少于目标；列举不一定完整，无法核对",
                    values=[f.quantity.raw, lst.quantity.raw], evidence=[ev(f, "target"), ev(lst, "listed")])
                continue
            yield self.finding(f"{label(f)}目标值{f.quantity.raw}（{f.location}）未见对应的完成值，无法核对",
                               values=[f.quantity.raw], evidence=[ev(f, "target")])
        restated = {f.goal for f in al.outline.facts if f.occurrence > 0}
        ambiguous = {id(a.left) for a in al.ambiguous}
        with_actual = {id(p.left) for p in al.pairs if p.right.role == "actual"}
        for f in al.outline.facts:
            if (f.role == "claim" and not f.listed and f.goal in restated and id(f) not in with_actual
                    and id(f) not in ambiguous):
                yield self.finding(
                    f"{label(f)}声称完成{f.quantity.raw}（{f.location}），但分析部分未见对应的实际值，无法核对",
                    values=[f.quantity.raw], evidence=[ev(f, "claim")])


@register
class IndicatorAmbiguousPairing(Check):
    """同一指标在分析部分有多个相似度相近、数值不同的候选实际值：配对不明确，不作猜测。

    何时触发：某目标值或声称值的两个以上候选（同一目标、单位相容）名称相似度相差小于
    ambiguous_margin，且数值不同。
    反例：“培训人数200人”，分析部分既有“培训农户150人”又有“培训干部180人”——提示配对不明确。
    正例：只有一个候选或最佳候选明显更相近——正常配对，不提示。
    已知局限：阈值见 patterns/indicators.yaml 的 alignment。
    """

    code = "IN041"
    name = "indicator.ambiguous_pairing"
    kind = "not_checkable"
    severity = "info"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for a in alignment(ctx).ambiguous:
            cands = "；".join(f"{c.quantity.raw}（{c.location}，相似度{s}）" for c, s in a.candidates)
            yield self.finding(
                f"{label(a.left)}{a.left.quantity.raw}（{a.left.location}）有多个可能对应的值：{cands}；"
                f"配对不明确，未作比较",
                values=[a.left.quantity.raw] + [c.quantity.raw for c, _ in a.candidates],
                evidence=[ev(a.left, a.left.role)] + [ev(c, "candidate") for c, _ in a.candidates])
