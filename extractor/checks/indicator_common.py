"""Shared helpers of the IN checks: the alignment (computed once per run), comparison semantics and
the claims (均已完成) that cover a goal. Registers no check."""

from __future__ import annotations

from decimal import Decimal

from extractor.checks import Context
from extractor.extract.align import Alignment, Pair, analyse
from extractor.extract.outline import IMPLICIT_GOAL, Clause, Fact
from extractor.model import Evidence
from extractor.quantities import Quantity, fmt_decimal
from extractor.extract.taxonomy import default_op


def alignment(ctx: Context) -> Alignment:
    return ctx.shared("indicators.alignment", lambda: analyse(ctx.doc))


def ev(f: Fact, role: str) -> Evidence:
    return Evidence(quote=f.quote, role=role, location=f.location, value=f.quantity.raw)


def ev_clause(c: Clause, role: str) -> Evidence:
    return Evidence(quote=c.text, role=role, location=c.location)


def op_of(target: Fact) -> str:
    """The comparator a target means: as written, else 'at most' for cost-like indicators, else 'at least'
    (确保办结率95%: reaching more is fine)."""
    q = target.quantity
    if q.comparator:
        return q.comparator
    return default_op(target.name, target.group2)


def meets(target: Fact, actual: Quantity) -> bool:
    """Does `actual` satisfy `target`, given the precision both are shown with?"""
    t_lo, t_hi = target.quantity.interval()
    a_lo, a_hi = actual.interval()
    op = op_of(target)
    if op == ">=":
        return a_hi >= t_lo
    if op == ">":
        return a_hi > t_lo
    if op == "<=":
        return a_lo <= t_hi
    if op == "<":
        return a_lo < t_hi
    return a_lo <= t_hi and t_lo <= a_hi


def gap(a: Quantity, b: Quantity) -> str:
    """|a - b| in the base unit (no unit when the two are only equivalent, e.g. 件 and 件次)."""
    unit = a.base_unit if a.base_unit == b.base_unit else ""
    return f"{fmt_decimal(abs(a.base - b.base))}{unit}"


def shortfalls(al: Alignment) -> list[Pair]:
    """Target pairs whose actual (or claimed result) falls short of the target. A list of items
    (完成《…》、《…》等) is no count the report states: it never makes a shortfall (see listed_short)."""
    bad = [p for p in al.pairs if p.left.role == "target" and p.right.role in ("actual", "claim")
           and p.left.occurrence == 0 and not p.right.listed and not meets(p.left, p.right.quantity)]
    # a target short both of the claimed and of the actual result is reported once, against the actual
    with_actual = {id(p.left) for p in bad if p.right.role == "actual"}
    return [p for p in bad if p.right.role == "actual" or id(p.left) not in with_actual]


def listed_short(al: Alignment) -> list[Pair]:
    """Targets answered only by a list that names fewer items than the target asks: the list may not
    be complete, so the target stays not checkable."""
    return [p for p in al.pairs if p.right.listed and p.left.role == "target" and not meets(p.left, p.right.quantity)]


def covering_claims(al: Alignment, goal: str | None) -> list[Clause]:
    """Claims that all goals (or this goal) were met: the goal's own first, then document-wide ones."""
    own = [c for c in al.outline.claims if goal is not None and c.goal == goal]
    own.sort(key=lambda c: (c.part != "stated", c.location.sort_key()))
    wide = [c for c in al.outline.claims if c.goal is None]
    return own[:1] + wide[:1]


def ratio(a: Quantity, b: Quantity) -> Decimal | None:
    return None if b.base == 0 else a.base / b.base


def label(f: Fact) -> str:
    """'目标5“培训合格率”' for messages."""
    where = f"目标{f.goal}" if f.goal and f.goal != IMPLICIT_GOAL else ""
    return f"{where}“{f.name or '（未命名指标）'}”".strip()
