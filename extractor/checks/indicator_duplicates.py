"""IN030: two line items of one table with near-duplicate names and the same amount (double counting?)."""

from __future__ import annotations

import re
from typing import Iterator

from extractor import patterns
from extractor.checks import Check, Context, register
from extractor.checks.budget_common import budget
from extractor.extract.align import similarity
from extractor.extract.budget_structure import structure
from extractor.extract.budget_tables import CODE_RE, analyse_table
from extractor.extract.forms import is_form_table
from extractor.extract.outline import has_any, split_numbering, vocab
from extractor.model import Evidence, Finding, Table
from extractor.quantities import parse_value

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"[，。；：,;:！？!?]")
MAX_GROUP = 50  # more rows with one amount (a column of 0.00 or a per-head rate) are not line items


def line_items(t: Table) -> list[tuple[str, object, object]]:
    """(name, quantity, cell) for each row: the first text cell and the first number after it."""
    totals = [f for e in patterns.load("totals")["sum"] for f in e["forms"]] + list(patterns.load("totals")["score"])
    items = []
    for row in t.rows():
        name_cell = next((c for c in row if _CJK.search(c.text) and parse_value(c.text) is None), None)
        if name_cell is None:
            continue
        name = re.sub(r"\s+", "", name_cell.text)
        if has_any(name, totals):
            continue
        for c in row:
            if c.col <= name_cell.col:
                continue
            q = parse_value(c.text)
            if q is not None and q.dimension in ("money", "number") and q.value != 0:
                items.append((name, q, c))
                break
    return items


def related_rows(t: Table, doc=None) -> set[frozenset]:
    """Pairs of table rows (1-based) where one row is the other's parent: a total and the rows that add
    up to it, a row and its 其中 rows (the budget table's own reading), and classification codes where one
    is the other's prefix (21011 行政事业单位医疗 over 2101101 行政单位医疗). A parent with a single
    non-zero child has the child's amount; that is no duplicate."""
    pairs: set[frozenset] = set()
    bt = analyse_table(t, doc)
    if bt is not None:
        st = structure(bt)
        pairs |= {frozenset((h.index, k.index)) for h, kids in st.groups for k in kids}
        parent = None
        for r in bt.rows:
            if r.index in st.subs and parent is not None:
                pairs.add(frozenset((parent, r.index)))
            elif r.index not in st.subs:
                parent = r.index
    codes: dict[int, str] = {}
    for row in t.rows():
        for c in row:
            text = c.text.strip()
            m = CODE_RE.match(text)
            # a code alone or before the row's name (2101101 行政单位医疗), not the digits of an amount
            if m and (len(text) == m.end() or _CJK.match(text[m.end():].lstrip())):
                codes.setdefault(c.location.row, m.group(1))
                break
    for ra, ca in codes.items():
        pairs |= {frozenset((ra, rb)) for rb, cb in codes.items() if rb != ra and cb.startswith(ca)}
    return pairs


@register
class DuplicateLineItem(Check):
    """表格中名称几乎相同、金额相同的两行：可能重复列支。

    何时触发：同一张表（非绩效自评表的指标表）中，两行的项目名称一个包含另一个或名称相似度达到
    duplicate_min_score（patterns/indicators.yaml），且同一列的金额完全相同（非零）。
    反例：“社区矫正工作经费 45,000.00”与“矫正工作经费 45,000.00”——警告，可能重复计列。
    正例：“社区矫正工作经费 45,000.00”与“矫正工作经费 52,000.00”——金额不同，不报告；上级行与其唯一的
    下级行（科目编码 21011 与 2101101、合计与其加项、某行与其“其中”行）金额相同，不是重复，不报告。
    已知局限：只比较同一张表、同一列；合计/小计行不参与；名称完全不同但实为同一事项的无法发现。
    """

    code = "IN030"
    name = "indicator.duplicate_item"
    kind = "duplicate_item"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        floor = int(vocab()["alignment"]["duplicate_min_score"])
        for t in ctx.doc.tables():
            if is_form_table(t):
                continue
            # only items with the same amount in the same column can be duplicates: group first (linear)
            groups: dict[tuple, list] = {}
            related = None
            for item in line_items(t):
                groups.setdefault((item[2].col, item[1].base), []).append(item)
            for (na, qa, ca), (nb, qb, cb), score in _pairs(groups.values(), floor):
                if related is None:
                    related = related_rows(t, ctx.doc)
                if frozenset((ca.location.row, cb.location.row)) in related:
                    continue  # a parent row and its only child: one amount, counted once
                yield self._finding("表中", (na, qa, ca.location), (nb, qb, cb.location), score)
        for items in listed_items(ctx):
            groups = {}
            for item in items:
                groups.setdefault(item[1].base, []).append(item)
            for a, b, score in _pairs(groups.values(), floor):
                yield self._finding("所列事项中", a, b, score)

    def _finding(self, where: str, a: tuple, b: tuple, score: int) -> Finding:
        (na, qa, la), (nb, qb, lb) = a, b
        return self.finding(
            f"{where}“{na}”（{la}）与“{nb}”（{lb}）名称相近（相似度{score}），金额同为{qa.raw}，可能重复列支",
            values=[qa.raw, qb.raw],
            evidence=[Evidence(quote=f"{na} {qa.raw}", role="item", location=la, value=qa.raw),
                      Evidence(quote=f"{nb} {qb.raw}", role="item", location=lb, value=qb.raw)])


def _pairs(groups, floor: int):
    """(item, item, score) for two items of one amount group whose names are near-identical."""
    for items in groups:
        if len(items) < 2 or len(items) > MAX_GROUP:
            continue
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                na, nb = a[0], b[0]
                contained = (na in nb or nb in na) and min(len(na), len(nb)) >= 2
                score = 100 if contained else similarity(na, nb)
                if score >= floor:
                    yield a, b, score


def listed_items(ctx: Context) -> list[list[tuple]]:
    """Runs of numbered paragraphs (1.… 2.… or （一）…（二）…) that each name one item and its money
    amount: (name, quantity, location) per paragraph. A list enumerates distinct items, so one item
    listed twice is what a table's repeated row is; the same item told again elsewhere in the report is
    a restatement, not a duplicate, and is not collected."""
    a = budget(ctx)
    first: dict[int, object] = {}
    for tf in a.text.figures:
        if tf.quantity.dimension == "money" and not tf.quantity.comparator:
            first.setdefault(tf.paragraph, tf)
    runs: list[list[tuple]] = []
    style = None
    for i, p in enumerate(a.text.paragraphs):
        number, rest = split_numbering(p.text)
        key = re.sub(r"\d+|[一二三四五六七八九十]+", "N", number) if number else None
        if key is None or key != style:
            runs.append([])
        style = key
        tf = first.get(i)
        if key is None or tf is None:
            continue
        head = p.text[:tf.start] if 0 < tf.start <= len(p.text) else ""
        lead = head[len(p.text) - len(rest):] if rest else ""
        if _CLAUSE_END.search(lead):
            continue  # the amount is not the item's own: a heading or a sentence comes first
        name = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", lead)
        if len(name) >= 2:
            runs[-1].append((name, tf.quantity, tf.figure.location))
    return [r for r in runs if len(r) >= 2]
