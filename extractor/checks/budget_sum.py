"""BG001 table column totals; BG003 a stated total against its 其中 breakdown in the text."""

from __future__ import annotations

from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.budget_arith import Span, group_precision, meet, show, total
from extractor.checks.budget_common import budget, cell_evidence
from extractor.extract.budget_structure import structure
from extractor.extract.budget_tables import MONEY_ROLES, BRow, BTable
from extractor.model import Evidence, Finding


def _row_name(r: BRow, table: int) -> str:
    """Where a row is printed: 行N, or 表M行N for a row of a continuation joined to table `table`."""
    loc = next((c.location for c in r.cells.values()), None)
    if loc is None or loc.row is None:
        return f"行{r.index}"
    return f"{'' if loc.table in (None, table) else f'表{loc.table}'}行{loc.row}"


def _rows_where(rows: list[BRow], table: int) -> str:
    if len(rows) > 8:
        return f"{_row_name(rows[0], table)}至{_row_name(rows[-1], table)}，共 {len(rows)} 行"
    return "、".join(_row_name(r, table) for r in rows)


@register
class TableColumnSum(Check):
    """表格合计行与明细行不符（按列核对）。

    何时触发：预算表中的合计/总计/小计行，某一金额列（预算数、预算调整、调整后预算、执行数等）的数值
    与其明细行之和不符，且差额超出数字显示精度所能解释的范围（元为精确值，万元按显示位数取区间）。
    明细行由表格自身的加总关系确定：合计/小计行可在其明细之下，也可在其明细之上（标题式，如
    “一、基本支出合计”在人员经费、公用经费之上）；小计已代表其明细；“其中”子项不计入，“其中”后
    不带前缀的行只要合计仍不超过其上级行即同属“其中”。取不相符之处最少的读法；几种读法同样吻合却
    不相符之处不同时，报“无法核对”（提示）而不报错误。
    反例：“支出总计”调整后预算 3,456,789.13，而“基本支出合计”2,345,678.91 与“项目支出小计”
    1,111,110.21 之和为 3,456,789.12，相差 0.01 元。
    正例：人员经费 1,800,000.00 + 公用经费 545,678.91 = 基本支出合计 2,345,678.91。
    已知局限：超过 150 行或可作合计的行过多的表格只按“合计/小计”字样确定层级；合计单元格为空或明细单元格无法识别时报“无法核对”（提示）。自评表（表单）不在此核对。
    """

    code = "BG001"
    name = "budget.table_sum"
    kind = "sum_mismatch"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for bt in budget(ctx).tables:
            st = structure(bt)
            if st.unclear:
                yield self._unclear(bt, st.unclear)
                continue
            for tot, addends in st.groups:
                for col in bt.columns:
                    if col.role not in MONEY_ROLES:
                        continue
                    yield from self._column(bt, col, tot, addends)

    def _unclear(self, bt: BTable, rows: list[BRow]) -> Finding:
        cells = [(r, c) for r in rows for c in r.cells.values() if c.status == "value"][:12]
        names = "、".join(f"“{r.label}”" for r in rows)
        return self.finding(
            f"{bt.where()}的汇总关系有多种读法（合计/小计行可读作其上方或下方各行之和，“其中”所含行数不定），"
            f"各读法下不相符的行不同（{names}），无法确定哪一合计有误，未核对。",
            kind="not_checkable", severity="info", values=[c.text.strip() for _, c in cells],
            evidence=[cell_evidence(c, r, "stated_total") for r, c in cells])

    def _column(self, bt: BTable, col, tot: BRow, addends: list[BRow]) -> Iterator[Finding]:
        tcell = tot.cells.get(col.index)
        cells = [(r, r.cells.get(col.index)) for r in addends]
        valued = [(r, c) for r, c in cells if c is not None and c.status == "value"]
        bad = [(r, c) for r, c in cells if c is not None and c.status == "unreadable"]
        head = f"{bt.where()}“{tot.label}”{col.header}"
        if tcell is None or tcell.status != "value":
            if valued and tcell is not None:
                yield self.finding(
                    f"{head}{'无法识别' if tcell.status == 'unreadable' else '为空'}，明细行有数值，无法核对合计。",
                    kind="not_checkable", severity="info", values=[tcell.text] + [c.text for _, c in valued],
                    evidence=[cell_evidence(tcell, tot, "stated_total")] + [cell_evidence(c, r, "addend") for r, c in valued])
            return
        if bad or not valued:
            why = (f"明细{_rows_where([r for r, _ in bad], bt.number)}的数值无法识别" if bad else "明细行该列均为空")
            yield self.finding(
                f"{head}为 {tcell.text}，但{why}，无法核对合计。", kind="not_checkable", severity="info",
                values=[tcell.text] + [c.text for _, c in bad],
                evidence=[cell_evidence(tcell, tot, "stated_total")] + [cell_evidence(c, r, "addend") for r, c in bad])
            return
        qs = group_precision([c.quantity for _, c in valued] + [tcell.quantity])
        parts, stated = qs[:-1], qs[-1]
        s = total([Span.of(q) for q in parts])
        if meet(s, Span.of(stated)):
            return
        computed = show(s.mid, qs)
        diff = show(abs(stated.base - s.mid), qs) + (col.unit or "")
        yield self.finding(
            f"{head}为 {tcell.text.strip()}，明细（{_rows_where([r for r, _ in valued], bt.number)}）合计为 {computed}，相差 {diff}。",
            values=[tcell.text.strip()] + [c.text.strip() for _, c in valued],
            expected=computed, actual=tcell.text.strip(),
            evidence=[cell_evidence(tcell, tot, "stated_total")] + [cell_evidence(c, r, "addend") for r, c in valued])


def _adds_up(parts, stated) -> bool:
    qs = group_precision(list(parts) + [stated])
    return meet(total([Span.of(q) for q in qs[:-1]]), Span.of(qs[-1]))


def _item_broken_down(spans) -> bool:
    """Do two or more consecutive items right after an item add up to it (基本支出B，人员经费P，公用经费G：
    P + G = B)? Then they may be its breakdown rather than items of the list: when the list as read does
    not add up, whether another reading does or none does, the list is not reported."""
    for k in range(len(spans)):
        for m in range(k + 3, len(spans) + 1):
            if meet(total(spans[k + 1:m]), spans[k]):
                return True
    return False


@register
class TextBreakdownSum(Check):
    """文字中的总额与其“其中”分项之和不符。

    何时触发：一句话写出一个金额（如“共完成预算资金59.97万元”），紧接着“其中：”列出至少两个金额分项
    （以逗号、分号分隔的连续分句，每个分句一个金额；或同一分句中以“、”列举），分项之和与该金额的区间
    不相交。分项中显示位数较少的整数（20 与 19.99 并列）按同组精度读取（20.00）。与上年相比的增减额
    （同比增加……、较上年减少……）既不是总额也不是分项；“合计/共计……”复述总额时列举结束；按户、按人的
    标准（1000元/户、每户补助1000元、人均300元）不是金额，不计入。
    反例：“全年共使用经费59.97万元。其中：20万元用于……；20万元用于……；19.99万元用于……”
    （分项合计 59.99 万元，相差 0.02 万元）。
    正例：“共计120万元，其中省级资金80.25万元，县级39.75万元”。
    结转、结余类分项（上年结转、年末结转和结余）有的总额包含（收入总计 = 本年收入 + 上年结转结余），
    有的不包含（预算100万元，其中支出95万元，结余5万元）：计入或不计入任一种读法相符即不报告。
    总额之后紧接“比上年增加……”且各分项都写“增加/减少……”时，分项是增减额，与该增减额核对（减少为负）；
    只有部分分项写增减时不核对。逐项列出“预算……，执行……”时只加与总额同类的数（执行数与执行数），
    且只在另一类数（各项预算）之和也等于前面所写的总预算时核对（否则所列可能只是部分项目，不核对）。
    分项后以“包括/含……”列出的是该分项的构成，不作为总额的分项（完整列举时另与该分项核对；“主要包括”不核对）；
    若紧随某分项的连续两项以上之和恰等于该分项，可能是该分项的构成：此时列举读法不唯一，不报告。
    已知局限：只认“其中”引出的列举；分项列举不完整（只列部分）时也会报告；数量（个、人）不核对；
    括号内的“含……”“（其中……）”不作为分项，但不影响括号前的分项。
    """

    code = "BG003"
    name = "budget.text_breakdown_sum"
    kind = "sum_mismatch"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for bd in budget(ctx).text.breakdowns:
            if bd.halves and not _adds_up([f.quantity for f in bd.halves], bd.halves_total.quantity):
                continue  # the pairs listed may be a selection of the items: not checkable
            qs = group_precision([f.quantity for f in bd.items] + [bd.total.quantity])
            parts, stated = qs[:-1], qs[-1]
            s = total([Span.of(q, f.sign) for q, f in zip(parts, bd.items)])
            if meet(s, Span.of(stated)):
                continue
            # a carry-over (上年结转, 结余) is a part of some totals only: either reading may be meant
            kept = [(q, f) for q, f in zip(parts, bd.items) if not any(f is o for o in bd.optional)]
            if bd.optional and meet(total([Span.of(q, f.sign) for q, f in kept]), Span.of(stated)):
                continue
            if _item_broken_down([Span.of(q, f.sign) for q, f in zip(parts, bd.items)]):
                continue  # 甲B，乙P，丙G，丁J with P+G = B: a reading where B is broken down may be meant
            unit = stated.unit
            computed = show(s.mid, qs, unit) + unit
            diff = show(abs(stated.base - s.mid), qs, unit) + unit
            items = "、".join(("减" if f.sign < 0 else "") + f.quantity.raw for f in bd.items)
            yield self.finding(
                f"文字“{bd.total.figure.label}”为 {bd.total.quantity.raw}，其中所列各项（{items}）合计为 {computed}，相差 {diff}。",
                values=[bd.total.quantity.raw] + [f.quantity.raw for f in bd.items],
                expected=computed, actual=bd.total.quantity.raw,
                evidence=[Evidence.of(bd.total.figure, "stated_total")] + [Evidence.of(f.figure, "addend") for f in bd.items])
