"""FM012–FM013: budget execution the form must explain — spending above the budget, and a budget
changed during the year (年初预算数 ≠ 全年/调整后预算数) — with no explanation in its 原因/说明 cells."""

from __future__ import annotations

from extractor.checks import Check, register
from extractor.checks.form_adjust import adjustment_accounted
from extractor.checks.form_common import budget_of, ev, fmt, form_name, forms, num, pct, usable_row
from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form, FundRow


def explanation(f: Form, block: int) -> str | None:
    """The first 原因/说明 text of the block's fund rows that explains something (template wording,
    placeholders and 无 do not)."""
    for r in f.fund_rows:
        if r.block == block and r.note and V.is_explanation(r.note):
            return r.note
    return None


def _row(f: Form) -> FundRow | None:
    r = f.total_row or (f.fund_rows[0] if len(f.fund_rows) == 1 else None)
    return r if r is not None and usable_row(r) else None


@register
class OverExecution(Check):
    """执行数超过预算数（执行率超过 100%），未说明原因。

    何时触发：资金行（年度资金总额行）的执行率在显示精度内高于 100%（未写执行率时：全年执行数高于
    全年（调整后）预算数），且资金块的“原因/说明”栏为空、只有模板说明文字或“无”。
    反例：“年度资金总额 50.00 50.00 52.30 10 104.60% 10”，原因栏空白。
    正例：同一行，原因栏写明“追加项目内容，超支部分已报批”；或执行率 100%。
    已知局限：原因写在表外正文中时无法关联，仍会提示（warning）；各地模板对超支的处理不一。
    """

    code = "FM012"
    name = "form.over_execution"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            r = _row(f)
            if r is None:
                continue
            rate, spent = num(r.values.get("rate.execution")), num(r.values.get("spend.actual"))
            b = budget_of(r.values)
            budget = num(b[1]) if b else None
            over_rate = rate is not None and pct(rate).interval()[0] > 100
            # with a stated rate the form's own rounding decides (100.00% for 100.004%); without one,
            # the amounts do
            over_spend = rate is None and spent is not None and budget is not None and budget.value > 0 \
                and spent.interval()[0] > budget.interval()[1]
            if not (over_rate or over_spend) or explanation(f, r.block):
                continue
            figs = [v for v in (b[1] if b else None, r.values.get("spend.actual"), r.values.get("rate.execution"))
                    if v is not None]
            what = f"执行率 {r.values['rate.execution'].text}" if over_rate else \
                f"执行数 {spent.raw} 高于预算数 {budget.raw}（超出 {fmt(spent.value - budget.value, 4)}）"
            yield self.finding(f"{form_name(f)}“{r.label}”{what}，超预算执行，但未说明原因",
                               values=[v.text for v in figs], expected="≤100%",
                               actual=r.values["rate.execution"].text if over_rate else spent.raw,
                               evidence=[ev(v, "figure", r.quote) for v in figs])


@register
class UnexplainedAdjustment(Check):
    """年中预算调整（年初预算数与全年/调整后预算数不同）未说明理由。

    何时触发：资金块同一行的年初预算数与全年（调整后）预算数在显示精度内不同，且资金块的“原因/说明”
    栏为空、只有模板说明文字或“无”。模板普遍要求“年中发生预算调整的（追加或调减），应单独说明理由”。
    反例：“总额 年初 120.00 调整后 135.50 执行 135.50 100.00%”，原因栏只有模板说明。
    正例：同一行原因栏写“年中追加设备购置经费15.5万元”；或年初与调整后相同。
    已知局限：理由写在报告正文时无法关联（仍提示）；只看有年初、调整后两列的表。
    """

    code = "FM013"
    name = "form.unexplained_adjustment"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            r = _row(f)
            if r is None:
                continue
            a, b = r.values.get("budget.initial"), r.values.get("budget.adjusted")
            qa, qb = num(a), num(b)
            if qa is None or qb is None or qa.dimension != qb.dimension:
                continue
            lo_a, hi_a = qa.interval()
            lo_b, hi_b = qb.interval()
            if lo_a <= hi_b and lo_b <= hi_a:  # the same within the shown precision
                continue
            if explanation(f, r.block) or adjustment_accounted(f, r):
                continue
            places = max(qa.decimals, qb.decimals, 0)
            diff = f"{fmt(qb.value - qa.value, places)}{qa.unit}" if qa.unit == qb.unit else f"{fmt(qb.base - qa.base, 2)}元"
            yield self.finding(
                f"{form_name(f)}“{r.label}”年初预算数 {a.text}，全年（调整后）预算数 {b.text}，"
                f"年中调整 {diff}，但未说明调整理由",
                values=[a.text, b.text], expected="说明调整理由", actual="未说明",
                evidence=[ev(a, "initial", r.quote), ev(b, "adjusted", r.quote)])
