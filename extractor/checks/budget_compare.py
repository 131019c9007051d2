"""The same budget quantity stated twice: BG002 a total in one table vs another table; BG030 text vs
table, two tables or twice in text, across 万元 and 元."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.budget_arith import Span, meet
from extractor.checks.budget_common import budget
from extractor.extract import budget_vocab as V
from extractor.extract.budget_structure import total_groups
from extractor.extract.budget_text import project_report
from extractor.extract.budget_tables import MONEY_ROLES
from extractor.model import Evidence, Finding
from extractor.quantities import Quantity

ROLES = tuple(r for r in MONEY_ROLES if r != "amount") + ("rate.execution",)
ROLE_NAMES = {"budget.initial": "年初预算", "budget.adjustment": "预算调整数", "budget.adjusted": "调整后预算",
              "spend.actual": "执行数", "rate.execution": "执行率"}
SCOPE_NAMES = {"overall": "整体"}


@dataclass
class Statement:
    role: str
    scope: str
    year: str | None
    quantity: Quantity
    evidence: Evidence
    where: str  # "表1" or "文字"
    table: int | None
    total_row: bool
    name: str

    def fits(self, other: "Statement") -> bool:
        return not (self.year and other.year and self.year != other.year)


def statements(ctx: Context) -> list[Statement]:
    def compute():
        a = budget(ctx)
        out: list[Statement] = []
        project = project_report(ctx.doc)
        for bt in a.tables:
            inferred = {}
            for tot, adds in total_groups(bt):
                if tot.scope is None:
                    inferred[tot.index] = V.scope_from_parts({r.scope for r in adds if r.scope})
            for row in bt.rows:
                scope = row.scope or inferred.get(row.index)
                if not scope and project and V.total_level(row.label) >= 2:
                    scope = "overall"  # a project report's table total (合计) is the project's whole
                if not scope:
                    continue
                for col in bt.columns:
                    cell = row.cells.get(col.index)
                    if col.role not in ROLES or cell is None or cell.status != "value":
                        continue
                    if col.role != "rate.execution" and cell.quantity.dimension != "money":
                        continue  # unit unknown: 元 or 万元 cannot be told
                    ev = Evidence(quote=f"{row.label}\t{cell.text}".strip(), role="statement",
                                  location=cell.location, value=cell.text.strip())
                    out.append(Statement(col.role, scope, col.year, cell.quantity, ev, bt.where(), bt.number,
                                         bool(row.level), f"{bt.where()}“{row.label}”{col.header}"))
        for tf in a.text.figures:
            if tf.role not in ROLES or tf.in_paren or tf.quantity.comparator:
                continue
            if (tf.breakdown_item and not tf.explicit_scope) or not tf.comparable:
                continue
            if tf.role != "rate.execution" and tf.quantity.dimension != "money":
                continue
            out.append(Statement(tf.role, tf.scope, tf.year, tf.quantity, Evidence.of(tf.figure, "statement"),
                                 "文字", None, False, f"文字“{tf.figure.label}”"))
        return out

    return ctx.shared("budget.statements", compute)


def _agree(a: Statement, b: Statement) -> bool:
    if a.quantity.base_unit != b.quantity.base_unit:
        return True  # not comparable: never a finding
    return meet(Span.of(a.quantity), Span.of(b.quantity))


def conflicts(ctx: Context) -> list[tuple[Statement, Statement]]:
    """(reference, disagreeing statement) pairs: per (role, scope), the reference is the statement that
    agrees with most others (a table figure first, then the earliest)."""
    def compute():
        groups: dict[tuple[str, str], list[Statement]] = {}
        for s in statements(ctx):
            groups.setdefault((s.role, s.scope), []).append(s)
        out = []
        for ss in groups.values():
            if len(ss) < 2:
                continue

            def score(s):
                n = sum(1 for o in ss if o is not s and s.fits(o) and _agree(s, o))
                return (-n, s.table is None, s.evidence.location.sort_key())

            ref = min(ss, key=score)
            for s in ss:
                if s is ref or not s.fits(ref) or (s.table is not None and s.table == ref.table):
                    continue
                if not _agree(ref, s):
                    out.append((ref, s))
        return out

    return ctx.shared("budget.conflicts", compute)


def _message(ref: Statement, s: Statement) -> str:
    what = f"{SCOPE_NAMES.get(s.scope, s.scope)}{ROLE_NAMES[s.role]}"
    q1, q2 = ref.quantity, s.quantity
    diff = abs(q1.base - q2.base)
    unit = q1.base_unit
    if unit == "元" and (q1.unit != "元" or q2.unit != "元"):
        dtxt = f"{diff:,.2f}元（约 {diff / 10000:.2f} 万元）"
    elif unit == "元":
        dtxt = f"{diff:,.2f}元"
    elif unit == "%":
        dtxt = f"{diff:.2f} 个百分点"
    else:
        dtxt = f"{diff.normalize():f}{unit}"
    return (f"同一数字前后不一致：{what}在{ref.name}为 {q1.raw}，在{s.name}为 {q2.raw}，"
            f"相差 {dtxt}，超出显示精度可解释的范围。")


@register
class TableTotalAcrossTables(Check):
    """同一合计数在两张表中不一致。

    何时触发：两张预算表的合计/总计行表示同一口径（如“基本支出合计”出现在总表和基本支出明细表）的
    同一列（调整后预算、执行数等），两处数值的区间不相交。
    反例：表1“基本支出合计”调整后预算 2,345,678.91，表2“基本支出合计”调整后预算 2,345,678.01。
    正例：两表“基本支出合计”均为 2,345,678.91。
    已知局限：口径靠行名中的“基本支出”“项目支出”“部门支出”等词判断，行名没有口径词的合计行只在其明细
    恰为基本支出与项目支出（或人员经费与公用经费）时推断口径；列名中的年份不同则不比较。
    """

    code = "BG002"
    name = "budget.table_total_across_tables"
    kind = "sum_mismatch"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for ref, s in conflicts(ctx):
            if ref.table is None or s.table is None or not (ref.total_row and s.total_row):
                continue
            yield self.finding(_message(ref, s), values=[ref.quantity.raw, s.quantity.raw],
                               expected=ref.quantity.raw, actual=s.quantity.raw,
                               evidence=[_role(ref.evidence, "stated_total"), _role(s.evidence, "stated_total")])


@register
class SameQuantityTwice(Check):
    """同一预算数字在文字与表格（或两处文字、两张表）中不一致。

    何时触发：同一口径（整体、基本支出、项目支出、人员经费、公用经费）的同一种数字（年初预算、预算
    调整、调整后预算、执行数、执行率）被写了两次，按各自显示精度取区间后不相交。万元与元可比较：
    2345.68万元 代表 23,456,750–23,456,850 元，与 23,456,789.01 元一致；2354.68万元 则不一致。
    反例：正文“调整后的预算为2354.68万元”，表1“支出总计”调整后预算 23,456,789.01 元。
    正例：正文“年初预算为2345.68万元”，正文另一处“年初安排支出预算为23,456,789.01元”。
    已知局限：口径靠“基本支出”“项目支出”“部门”等词和小节标题判断，没有口径词的句子视为整体；
    年份不同不比较；以出现一致次数最多的那处为准，报告其余不一致的各处。
    """

    code = "BG030"
    name = "budget.same_quantity_twice"
    kind = "text_vs_table"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        for ref, s in conflicts(ctx):
            if ref.table is not None and s.table is not None and ref.total_row and s.total_row:
                continue  # BG002
            yield self.finding(_message(ref, s), values=[ref.quantity.raw, s.quantity.raw],
                               expected=ref.quantity.raw, actual=s.quantity.raw,
                               evidence=[_role(ref.evidence, "reference"), _role(s.evidence, "restated")])


def _role(e: Evidence, role: str) -> Evidence:
    return Evidence(quote=e.quote, role=role, location=e.location, value=e.value)
