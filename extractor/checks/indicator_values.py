"""IN001–IN003: a stated indicator value against the reported actual of the same indicator."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from extractor.checks import Check, Context, Option, register
from extractor.checks.indicator_common import alignment, ev, gap, label, meets, op_of, ratio, shortfalls
from extractor.extract.outline import vocab
from extractor.model import Finding
from extractor.quantities import consistent

_OPS = {">=": "不低于", ">": "高于", "<=": "不超过", "<": "低于", "=": "等于", "~": "约为"}


@register
class IndicatorValueContradiction(Check):
    """同一指标两处写法数值不一致（如第一部分“维修农村公路12公里”，分析部分“维修农村公路15公里”）。

    何时触发：第一部分（完成的绩效目标）声称的完成值，与分析部分同一目标下、单位相容、名称相近的
    实际完成值，在各自显示精度下不相等；或同一目标在复述时指标值不同。
    反例：目标一写“维修农村公路12公里”，分析部分写“全年共维修农村公路15公里”——报告。
    正例：“参与志愿服务人数40人”与“组织40名志愿者参与志愿服务”——数值相同（人≈名），不报告；
    “超过1500件”与“1526件”——满足所写的比较；“约1500件”与“1526件”——约数按末位有效数字四舍五入理解
    （1450～1550）；“培训800人次”与“培训856人次，完成年度目标的107%”——完成率证明800人次是计划数且已完成。
    已知局限：配对依据目标编号、单位与名称相似度；名称差异过大时无法配对（见 IN040），相似度相近的
    多个候选作为“配对不明确”报告（IN041），不作猜测。
    """

    code = "IN001"
    name = "indicator.value_contradiction"
    kind = "target_vs_actual"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for p in alignment(ctx).pairs:
            a, b = p.left, p.right
            same_layer = (a.role, b.role) in (("claim", "actual"),) or (a.role == b.role == "target"
                                                                       and a.quantity.comparator == b.quantity.comparator)
            if not same_layer or _agrees(a, b) or _plan_met(a, b):
                continue
            what = "声称完成值" if a.role == "claim" else "指标值"
            other = "实际完成值" if b.role == "actual" else "首次表述的指标值"
            note = f"（注意：{p.note}）" if p.note else ""
            yield self.finding(
                f"{label(a)}{what}为{a.quantity.raw}（{a.location}），而{other}为{b.quantity.raw}"
                f"（{b.location}），相差{gap(a.quantity, b.quantity)}{note}；名称相似度{p.score}",
                values=[a.quantity.raw, b.quantity.raw], expected=a.quantity.raw, actual=b.quantity.raw,
                evidence=[ev(a, "claim" if a.role == "claim" else "target"),
                          ev(b, "actual" if b.role == "actual" else "target")])


def _agrees(a, b) -> bool:
    """A claimed result with a bound (超过1500件, 达到95%) holds when the actual satisfies it; any other
    statement agrees when the intervals meet (约1500件 is an interval, see Quantity.tolerance)."""
    if a.role == "claim" and a.quantity.comparator in (">=", ">", "<=", "<"):
        return meets(a, b.quantity)
    return consistent(a.quantity, b.quantity)


def _plan_met(claim, actual) -> bool:
    """The first section may list the plan (培训800人次) where a result is expected; the analysis then
    proves it by a completion rate (856人次，完成年度目标的107%): when actual ÷ claim is that rate and the
    actual reaches the figure, the figure was the plan and it was met."""
    rate = actual.completion
    if claim.role != "claim" or rate is None or claim.quantity.comparator:
        return False
    c_lo, c_hi = claim.quantity.interval()
    a_lo, a_hi = actual.quantity.interval()
    r_lo, r_hi = rate.interval()
    if c_lo <= 0 or a_hi < c_lo:
        return False
    hundred = Decimal(100)
    return a_lo * hundred / c_hi <= r_hi and r_lo <= a_hi * hundred / c_lo


@register
class IndicatorShortfall(Check):
    """实际完成值未达到带比较符或“确保”的指标值（如“≥10项”而实际完成8项）。

    何时触发：目标值（年度目标表述、“≥”“以上”“不低于”“确保”等）与同一指标的实际完成值配对后，
    实际值在显示精度下不满足目标（成本类指标按“不超过”理解）。
    反例：“培训人数不少于200人”，分析部分“全年共培训150人”——报告，差50人。
    正例：“编写调研报告5篇以上”与“已完成调研报告5篇”；“出台管理制度≥3项”与“出台管理制度7个”——不报告。
    已知局限：没有比较符的目标按“不低于”理解，成本、投诉等按“不超过”（patterns/indicators.yaml）。
    """

    code = "IN002"
    name = "indicator.shortfall"
    kind = "target_vs_actual"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for p in shortfalls(alignment(ctx)):
            t, a = p.left, p.right
            yield self.finding(
                f"{label(t)}目标为{'' if t.quantity.comparator else _OPS.get(op_of(t), '')}{t.quantity.raw}（{t.location}），"
                f"实际{'完成' if a.role == 'actual' else '声称完成'}{a.quantity.raw}（{a.location}），"
                f"未达到目标，相差{gap(t.quantity, a.quantity)}；名称相似度{p.score}",
                values=[t.quantity.raw, a.quantity.raw], expected=t.quantity.raw, actual=a.quantity.raw,
                evidence=[ev(t, "target"), ev(a, "actual" if a.role == "actual" else "claim")])


@register
class IndicatorTargetTooLow(Check):
    """实际完成值远超指标值：指标值设置偏低。

    何时触发：没有比较符的目标值（如“计划培训200人”）与实际完成值配对，实际值达到目标的
    `ratio` 倍（默认 1.5）及以上。带“≥”“以上”的目标默认不报告（选项 include_at_least）。
    反例：“计划培训200人”，实际“全年共培训400人”——警告“指标值设置偏低”。
    正例：“举办宣传活动不少于10场”与“举办宣传活动25场”——目标写明“至少”，不报告。
    已知局限：百分比目标 100% 不会被超过；目标为 0 时不比较。
    """

    code = "IN003"
    name = "indicator.target_too_low"
    kind = "target_vs_actual"
    severity = "warning"
    options = {
        "ratio": Option(str, "1.5", "实际值达到目标值的多少倍时提示指标值设置偏低"),
        "include_at_least": Option(bool, False, "对写明“≥/以上”的目标也提示"),
    }

    def run(self, ctx: Context) -> Iterator[Finding]:
        limit = Decimal(str(ctx.options["ratio"]))
        for p in alignment(ctx).pairs:
            t, a = p.left, p.right
            if t.role != "target" or a.role != "actual" or t.occurrence or a.listed:
                continue
            comp = t.quantity.comparator
            if op_of(t) not in (">=", ">") or (comp and not ctx.options["include_at_least"]):
                continue
            r = ratio(a.quantity, t.quantity)
            if r is None or r < limit or not meets(t, a.quantity):
                continue
            yield self.finding(
                f"指标值设置偏低：{label(t)}目标{t.quantity.raw}（{t.location}），实际完成{a.quantity.raw}"
                f"（{a.location}），为目标的{r.quantize(Decimal('0.01'))}倍（提示阈值{limit}倍）",
                values=[t.quantity.raw, a.quantity.raw], expected=t.quantity.raw, actual=a.quantity.raw,
                evidence=[ev(t, "target"), ev(a, "actual")])


@register
class ActualAsInequality(Check):
    """报告的实际完成值写成了不等式（照抄目标值），不是实际达到的数。

    何时触发：正文中紧跟“实际完成值/实际完成/完成值”等实际值提示词的数字带有 ≥、≤、以上、以下等比较符
    （“年初目标值≥90%，实际完成值≥90%”）。实际值应是测得的数，写成不等式等于没有报告完成情况。
    反例：“年初目标值≥95%，实际完成值≥95%”。
    正例：“年初目标值≥95%，实际完成值97.2%”；“实际完成值=100%”；“满意度目标≥90%，实际达到93.7%”
    （“达到”是陈述结果的动词，其后是达到的数值，见 patterns/indicators.yaml 的 result_verbs）。
    已知局限：只看带实际值提示词的数字；自评表中的同类问题见 FM021。
    """

    code = "IN004"
    name = "indicator.actual_as_inequality"
    kind = "other"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        facts = alignment(ctx).outline.facts
        verbs = tuple(vocab()["result_verbs"])
        for i, f in enumerate(facts):
            op = f.quantity.comparator
            if f.role != "actual" or op not in (">=", "<=", ">", "<") or f.listed:
                continue
            if f.quantity.raw.lstrip().startswith(verbs):
                continue  # 实际达到93.7%: the value reached, not a bound
            target = next((t for t in reversed(facts[:i]) if t.role == "target"
                           and t.location.paragraph == f.location.paragraph), None)
            vals = ([target.quantity.raw] if target else []) + [f.quantity.raw]
            yield self.finding(
                f"{label(f)}实际完成值写为 {f.quantity.raw}（不等式" + (f"，与目标值 {target.quantity.raw} 相同" if target
                                                                   and target.quantity.raw == f.quantity.raw else "")
                + "），未报告实际达到的数值",
                values=vals, expected="实际测得的数值", actual=f.quantity.raw,
                evidence=([ev(target, "target")] if target else []) + [ev(f, "actual")])
