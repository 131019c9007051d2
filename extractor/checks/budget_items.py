"""BG031: a line item's amount told in the text against the same item's row in a budget table."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from extractor import patterns
from extractor.checks import Check, Context, register
from extractor.checks.budget_arith import Span, meet
from extractor.checks.budget_common import budget, cell_evidence
from extractor.extract import budget_vocab as V
from extractor.extract.budget_tables import MONEY_ROLES
from extractor.model import Evidence, Finding

_NOT_NAME = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
MIN_NAME = 3  # a row name shorter than this (办公 / 其他) names no one item
_CLAUSE_END = re.compile(r"[，。；：,;:！？!?]")
BUDGET_ROLES = ("budget.initial", "budget.adjusted")


@functools.lru_cache(maxsize=None)
def _item_roles() -> list[tuple[str, re.Pattern]]:
    return [(e["role"], re.compile(f)) for e in patterns.load("budget")["item_roles"] for f in e["forms"]]


def _clause(a, tf) -> str:
    """The words of the figure's clause before it (its label can stop at a role word: 某项目执行)."""
    text = a.text.paragraphs[tf.paragraph].text
    head = text[:tf.start] if 0 < tf.start <= len(text) else ""
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return head[cut:] or tf.figure.label


def _role(tf, clause: str) -> str:
    if tf.role not in (None, "amount"):
        return tf.role
    return next((role for role, rx in _item_roles() if rx.search(clause)), "amount")


def _name(s: str) -> str:
    return _NOT_NAME.sub("", s or "")


def _rows(a) -> list[tuple]:
    """(name, row, table) for every detail row with an item name of its own."""
    out = []
    for bt in a.tables:
        for row in bt.rows:
            name = _name(row.label)
            if row.level or row.scope or len(name) < MIN_NAME or V.total_level(name):
                continue
            out.append((name, row, bt))
    return out


def _match(label: str, rows: list[tuple]) -> list[tuple]:
    """The rows the text label names: the longest row names it contains (ties: all of them)."""
    hits = [r for r in rows if r[0] in label]
    if not hits:
        return []
    longest = max(len(r[0]) for r in hits)
    hits = [r for r in hits if len(r[0]) == longest]
    if any(not other[0] in r[0] and not r[0] in other[0] for r in hits for other in hits):
        return []
    return hits


def _columns(bt, role: str) -> list:
    """The table's columns a text figure of `role` is to be compared with: the same role, or the
    table's one amount column when either side does not say which amount it is."""
    money = [c for c in bt.columns if c.role in MONEY_ROLES and c.role != "budget.adjustment"]
    same = [c for c in money if c.role == role]
    if same:
        return same
    if role == "budget.stated":
        stages = [c for c in money if c.role in BUDGET_ROLES]
        if len(stages) == 1:
            return stages
    if len(money) == 1 and (money[0].role == "amount" or role not in MONEY_ROLES or role == "amount"):
        return money
    return []


def _told_elsewhere(sentence: list, row) -> bool:
    """Does another figure of the sentence agree with one of the row's amounts? The sentence then tells
    that amount, and the disagreeing figure is another kind of amount (预算 beside 支出)."""
    cells = [c.quantity for c in row.cells.values() if c.status == "value" and c.quantity.dimension == "money"]
    return any(tf.quantity.base_unit == q.base_unit and meet(Span.of(tf.quantity), Span.of(q))
               for tf in sentence for q in cells)


@register
class LineItemTextVsTable(Check):
    """文字所述某一分项的金额与预算表中同名行不符。

    何时触发：正文给出某一分项（项目、用途）的金额，预算表中恰有一行以该分项为名（行名包含在文字
    所述名称之中，取最长者），且文字所述为同一种数（预算/执行）——或表中只有一列金额——两处数字按各自
    显示精度取区间后不相交（万元与元可比较）。同一句中该分项另有一个数与表中一致时不报告（文字说的是
    另一种数）。
    反例：正文“其中设备购置支出98.60万元”，表中“设备购置 968,000.00”（元）。
    正例：正文“设备购置支出96.80万元”，表中“设备购置 968,000.00”；表中两行名称都被文字包含且互不包含
    时，不知所指，不比较。
    已知局限：只认表中行名原样出现在文字中的分项；文字没有写出分项名称（“执行80万元”）的不比较；
    合计、小计和基本支出/项目支出等口径行由 BG030 核对。
    """

    code = "BG031"
    name = "budget.line_item_text_vs_table"
    kind = "text_vs_table"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        a = budget(ctx)
        rows = _rows(a)
        if not rows:
            return
        texts = [tf for tf in a.text.figures
                 if tf.quantity.dimension == "money" and not tf.quantity.comparator and not tf.change
                 and tf.role != "budget.adjustment"]
        agree_in_sentence: set[tuple] = set()
        pending = []
        for tf in texts:
            clause = _clause(a, tf)
            role = _role(tf, clause)
            for _, row, bt in _match(_name(clause), rows):
                for col in _columns(bt, role):
                    cell = row.cells.get(col.index)
                    if cell is None or cell.status != "value" or cell.quantity.dimension != "money":
                        continue
                    if tf.year and col.year and tf.year != col.year:
                        continue
                    if cell.quantity.base_unit != tf.quantity.base_unit:
                        continue
                    key = (tf.paragraph, tf.sentence, id(row))
                    if meet(Span.of(tf.quantity), Span.of(cell.quantity)):
                        agree_in_sentence.add(key)
                    else:
                        pending.append((key, tf, role, clause, row, bt, col, cell))
        by_sentence: dict[tuple, list] = {}
        for tf in texts:
            by_sentence.setdefault((tf.paragraph, tf.sentence), []).append(tf)
        for key, tf, role, clause, row, bt, col, cell in pending:
            if key in agree_in_sentence or _told_elsewhere(by_sentence[key[:2]], row):
                continue
            q1, q2 = tf.quantity, cell.quantity
            diff = abs(q1.base - q2.base)
            exact = col.role == role != "amount"
            shown = q2.raw if re.search(r"[元%]", q2.raw) else f"{q2.raw}{col.unit or bt.unit}"
            yield self.finding(
                f"分项金额前后不一致：文字“{clause.strip()}”为 {q1.raw}，{bt.where()}“{row.label}”"
                f"{col.header or '金额'}为 {shown}，相差 {diff:,.2f}元（约 {diff / 10000:.2f} 万元），"
                "超出显示精度可解释的范围。",
                severity=None if exact else "warning",
                values=[q1.raw, q2.raw], expected=q2.raw, actual=q1.raw,
                evidence=[Evidence.of(tf.figure, "restated"), cell_evidence(cell, row, "reference")])
