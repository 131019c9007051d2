"""BG010 预算数 + 调整数 = 调整后预算, in table rows and in running text."""

from __future__ import annotations

from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.budget_arith import Span, group_precision, meet, show, total
from extractor.checks.budget_common import budget, cell_evidence
from extractor.extract.budget_text import partners
from extractor.model import Evidence, Finding


@register
class BudgetAdjustment(Check):
    """年初预算加预算调整不等于调整后预算。

    何时触发：表格同一行同时有“预算数/年初预算”“预算调整/调整数”“调整后预算/全年预算数”三列数值，
    或一段文字中同一口径（部门、基本支出、项目支出……）先写年初预算、再写调增/追加/调减、再写调整后
    预算，而 年初预算 + 调整数（调减为负）与调整后预算的区间不相交。
    反例：“年初预算2,500,000.00元，追加项目资金350,000.50元，调整后的项目资金预算数为2,850,000.60元”
    （相差 0.10 元）。
    正例：2,000,000.00 + 345,678.91 = 2,345,678.91。
    已知局限：文字只在同一段（或同一小节的前两段）内找对应数字；口径靠“基本支出”“项目支出”等词判断，
    没有口径词的句子按整体处理；调整列为空按 0 计；有调整数和调整后预算但找不到年初预算时报“无法核对”。
    """

    code = "BG010"
    name = "budget.adjustment"
    kind = "adjust_mismatch"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        a = budget(ctx)
        for bt in a.tables:
            ci, cd, ca = (bt.pick(r) for r in ("budget.initial", "budget.adjustment", "budget.adjusted"))
            if not (ci and cd and ca):
                continue
            for row in bt.rows:
                cells = [row.cells.get(c.index) for c in (ci, cd, ca)]
                if any(c is None for c in cells) or all(c.status == "empty" for c in cells):
                    continue
                yield from self._row(bt, row, cells, (ci, cd, ca))
        for tf in a.text.figures:
            if tf.role == "budget.adjusted" and not tf.in_paren and not tf.quantity.comparator:
                yield from self._text(a.text, tf)

    def _row(self, bt, row, cells, cols) -> Iterator[Finding]:
        ini, adj, aft = cells
        if adj.status == "empty" and ini.status == "value" and aft.status == "value":
            adj_q = None
        elif adj.status != "value":
            adj_q = False
        else:
            adj_q = adj.quantity
        if ini.status != "value" or aft.status != "value" or adj_q is False:
            yield self.finding(
                f"{bt.where()}“{row.label}”的预算数、预算调整、调整后预算有空缺或无法识别，无法核对预算调整。",
                kind="not_checkable", severity="info", values=[c.text for c in cells],
                evidence=[cell_evidence(c, row, r) for c, r in zip(cells, ("initial", "adjustment", "adjusted"))])
            return
        qs = group_precision([ini.quantity] + ([adj_q] if adj_q else []) + [aft.quantity])
        s = total([Span.of(q) for q in qs[:-1]])
        if meet(s, Span.of(qs[-1])):
            return
        computed = show(s.mid, qs)
        diff = show(abs(qs[-1].base - s.mid), qs) + (cols[2].unit or "")
        adj_txt = adj.text.strip() if adj_q else "0（空）"
        yield self.finding(
            f"{bt.where()}“{row.label}”预算数 {ini.text.strip()} 加预算调整 {adj_txt} 应为 {computed}，"
            f"表中调整后预算为 {aft.text.strip()}，相差 {diff}。",
            values=[c.text.strip() for c in cells], expected=computed, actual=aft.text.strip(),
            evidence=[cell_evidence(c, row, r) for c, r in zip(cells, ("initial", "adjustment", "adjusted"))])

    def _text(self, ta, tf) -> Iterator[Finding]:
        adjs = [f for f in partners(ta, tf, "budget.adjustment", back=1) if f.start < tf.start or f.paragraph < tf.paragraph]
        inis = [f for f in partners(ta, tf, "budget.initial", back=1)]
        if not adjs:
            return
        if not inis:
            yield self.finding(
                f"文字写明了调整数 {adjs[0].quantity.raw} 和调整后预算 {tf.quantity.raw}，但未找到同一口径的年初预算，无法核对预算调整。",
                kind="not_checkable", severity="info", values=[adjs[0].quantity.raw, tf.quantity.raw],
                evidence=[Evidence.of(adjs[0].figure, "adjustment"), Evidence.of(tf.figure, "adjusted")])
            return
        ini = inis[0]
        # all adjustments stated between the initial budget and the adjusted budget
        adjs = [f for f in adjs if (f.paragraph, f.start) > (ini.paragraph, ini.start)] or adjs[:1]
        qs = group_precision([ini.quantity] + [f.quantity for f in adjs] + [tf.quantity])
        signs = [1] + [f.sign for f in adjs]
        s = total([Span.of(q, sg) for q, sg in zip(qs[:-1], signs)])
        if meet(s, Span.of(qs[-1])):
            return
        unit = tf.quantity.unit
        computed = show(s.mid, qs, unit) + unit
        diff = show(abs(qs[-1].base - s.mid), qs, unit) + unit
        adj_txt = "、".join(("调减" if f.sign < 0 else "") + f.quantity.raw for f in adjs)
        yield self.finding(
            f"年初预算 {ini.quantity.raw} 加调整 {adj_txt} 应为 {computed}，文字写调整后预算为 {tf.quantity.raw}，相差 {diff}。",
            values=[ini.quantity.raw] + [f.quantity.raw for f in adjs] + [tf.quantity.raw],
            expected=computed, actual=tf.quantity.raw,
            evidence=[Evidence.of(ini.figure, "initial")] + [Evidence.of(f.figure, "adjustment") for f in adjs]
            + [Evidence.of(tf.figure, "adjusted")])
