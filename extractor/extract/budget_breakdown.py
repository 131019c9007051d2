"""其中 breakdowns in running text (其中：40万元用于…；19.98万元用于…) against their stated total: which
figures are the parts, which are carry-overs that some totals include (上年结转), and when the 其中
breaks down a change against last year (比上年增加300万元，其中基本支出增加100万元…) instead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractor.extract import budget_vocab as V
from extractor.extract.clauses import boundary, clause_start, in_paren
from extractor.model import Paragraph
from extractor.quantities import find_quantities

if TYPE_CHECKING:
    from extractor.extract.budget_text import TextFigure

QIZHONG = "其中"
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")


@dataclass
class Breakdown:
    total: "TextFigure"
    items: list["TextFigure"]
    paragraph: Paragraph
    optional: list["TextFigure"] = field(default_factory=list)  # carry-overs: counted or not
    # per-item pairs (A预算X，执行Y；B预算…): the other halves and the stated total of their role; the list
    # is complete (and so checkable) only if the other halves add up to that total too
    halves: list["TextFigure"] = field(default_factory=list)
    halves_total: "TextFigure | None" = None


def unbracketed(text: str) -> str:
    """`text` without its bracketed asides (…（其中A…）): what the clause itself says."""
    return _BRACKETED.sub("", text)


def first_qizhong(text: str, s0: int, s1: int) -> int:
    """Position of the first 其中 of a sentence that is not inside brackets, or -1."""
    for m in re.finditer(QIZHONG, text[s0:s1]):
        if not in_paren(text, s0 + m.start(), s0):
            return s0 + m.start()
    return -1


def _own_lead(text: str, f: "TextFigure") -> str:
    return text[clause_start(text, f.start, 0):f.start]


def find_breakdowns(p: Paragraph, figs: list["TextFigure"], sents) -> list[Breakdown]:
    """其中 + at least two money figures in consecutive clauses (or listed with 、), against the money
    figure just before. Changes against another period (同比增加…) are neither the total nor a part,
    unless the items are changes too; a restated total (…，合计X) ends the list."""
    text = p.text
    money = [f for f in figs if f.quantity.dimension == "money" and not f.in_paren]
    out: list[Breakdown] = _trailing_totals(p, money, sents) + _bracketed_parts(p, figs)
    for qz in re.finditer(QIZHONG, text):
        si = next((i for i, (a, b) in enumerate(sents) if a <= qz.start() < b), None)
        if si is None or in_paren(text, qz.start(), sents[si][0]):
            continue  # a bracketed 其中 details one item of the list around it
        s1 = sents[si][1]
        floor = sents[si - 1][0] if si else 0
        prior = [f for f in money if f.start >= floor and f.end <= qz.start()]
        if not prior:
            continue
        before = [f for f in prior if not f.change]
        total = before[-1] if before else prior[-1]
        after = [f for f in money if f.start > qz.end()]
        items, optional, halves, nested = _items(text, after, qz.end(), s1, total)
        if prior[-1].change:
            # 比上年增加300万元，其中基本支出增加100万元…: the items break down the change
            dirs = [V.change_direction(_own_lead(text, f)) for f in items]
            if any(dirs):
                bd = _change_breakdown(text, prior[-1], items, dirs, p) if all(dirs) and not optional else None
                if bd:
                    out.append(bd)
                continue
            if not before:
                continue
        if total.quantity.comparator or len(items) - len(optional) < 2:
            continue
        halves_total = None
        if halves:
            family = _family(halves[0].role)
            halves_total = next((f for f in reversed(before) if _family(f.role) == family), None)
            if halves_total is None or any(_family(f.role) != family for f in halves):
                continue  # not checkable: nothing says the pairs cover the whole total
        for f in items:
            f.breakdown_item = True
            if f.role == "amount" and total.role != "amount":
                f.role = total.role
        out.append(Breakdown(total, items, p, optional, halves, halves_total))
        for item, sub, kind in nested:
            for f in sub:
                f.breakdown_item = True
            if kind == "complete" and len(sub) >= 2 and not any(f.quantity.comparator for f in sub):
                out.append(Breakdown(item, sub, p))
    seen: set[int] = set()
    # a bracketed list can be read both as a nested 其中 list and by its scope's parts: once
    return [b for b in out if not (id(b.total) in seen or seen.add(id(b.total)))]


def _bracketed_parts(p: Paragraph, figs: list["TextFigure"]) -> list[Breakdown]:
    """An amount followed by its parts in brackets, the parts being exactly those the budget's own
    structure gives its scope (基本支出X万元（人员经费Y万元，公用经费Z万元）: scope_parts)."""
    text = p.text
    parts_of = V.scope_parts()
    out = []
    for f in figs:
        if f.in_paren or f.quantity.dimension != "money" or f.scope not in parts_of:
            continue
        rest = text[f.end:]
        if not rest.lstrip().startswith(("（", "(")):
            continue
        open_at = f.end + len(rest) - len(rest.lstrip())
        close = next((m.start() for m in re.finditer(r"[)）]", text[open_at:])), None)
        if close is None:
            continue
        inner = [g for g in figs if open_at < g.start < open_at + close and g.quantity.dimension == "money"]
        scopes = [V.scope_of(_own_lead(text, g)) for g in inner]
        if len(inner) < 2 or sorted(map(str, scopes)) != sorted(parts_of[f.scope]):
            continue
        for g in inner:
            g.breakdown_item = True
        out.append(Breakdown(f, inner, p))
    return out


_TRAILING = re.compile(r"^\s*(合计|共计|总计)\s*(为|达)?\s*$")


def _trailing_totals(p: Paragraph, money: list, sents) -> list[Breakdown]:
    """A list of amounts closed by its total (A资金620万元，B资金385.5万元，C资金360万元，合计1365.5万元):
    the amounts of the sentence before the total, when nothing but 合计/共计/总计 leads the total and the
    sentence holds no 其中 (read above) and no change against another period."""
    text = p.text
    out = []
    for s0, s1 in sents:
        if first_qizhong(text, s0, s1) != -1:
            continue
        in_sent = [f for f in money if s0 <= f.start < s1]
        for k, f in enumerate(in_sent):
            if k < 2 or not _TRAILING.match(_own_lead(text, f)) or f.quantity.comparator:
                continue
            items = in_sent[:k]
            if any(x.change or x.quantity.comparator or x.breakdown_item for x in items) \
                    or len({x.role for x in items}) > 1:
                continue
            for x in items:
                x.breakdown_item = True
            out.append(Breakdown(f, items, p))
            break
    return out


def _family(role: str) -> str:
    return role.split(".")[0]


def _change_breakdown(text, total, items, dirs, p) -> Breakdown | None:
    d0 = V.change_direction(_own_lead(text, total))
    if not d0 or len(items) < 2:
        return None
    for f, d in zip(items, dirs):
        f.change, f.breakdown_item, f.sign = True, True, d * d0
    return Breakdown(total, items, p)


def _items(text: str, money, pos: int, s1: int, total) -> tuple[list, list, list, list]:
    items: list = []
    optional: list = []
    halves: list = []
    nested: list = []  # (item, its parts, complete/partial): the item's own breakdown
    sub = None
    q_end = pos
    while pos < s1:
        end = _clause_end(text, pos, s1)
        clause = text[pos:end]
        in_clause = [f for f in money if pos <= f.start < end]
        parts = [f for f in in_clause if not f.change]
        if not parts and items and (in_clause or any(m.quantity.dimension == "percent" for m in find_quantities(clause))):
            pos = end + 1  # 占80% or 同比增加… between two parts does not end the list
            continue
        said = unbracketed(clause)
        kind = V.item_parts_opening(said) if parts and items else None
        if kind or (sub and text[pos - 1] in "，," and re.search("[；;]", text[pos:s1])):
            # 基本支出B，包括人员经费P、公用经费G；项目支出J: P and G break down B (up to the next ；)
            if kind:
                sub = (items[-1], [], kind)
                nested.append(sub)
            sub[1].extend(_listed(text, parts))
            pos = end + 1
            continue
        sub = None
        if not parts or any(w in said for w in V.breakdown_stops()) or QIZHONG in said and items:
            break
        if any(w in said for w in V.restated_total_words()) and not V.scope_of(said):
            break
        if _other_half(text, parts, money, total, q_end, pos, s1):
            halves.extend(parts)  # A预算X，执行Y；B预算…: the budget half of a pair is not a part of the spending
            pos = end + 1
            continue
        carry = any(w in said for w in V.carryover_words())
        for k, f in enumerate(parts):
            # more than one part in a clause only when listed with 、 (甲30万元、乙20万元)
            if k and "、" not in text[parts[k - 1].end:f.start]:
                break
            if f.quantity.comparator or f.role not in ("amount", total.role):
                return items, optional, halves, nested
            items.append(f)
            if carry:
                optional.append(f)
        pos = end + 1
    return items, optional, halves, nested


def _listed(text: str, parts) -> list:
    """The parts of one clause listed with 、 (甲30万元、乙20万元)."""
    out = parts[:1]
    for a, b in zip(parts, parts[1:]):
        if "、" not in text[a.end:b.start]:
            break
        out.append(b)
    return out


def _clause_end(text: str, pos: int, s1: int) -> int:
    """End of the clause from `pos`; a comma inside brackets (A 10万元（其中甲4万元，乙6万元）) is not one."""
    depth, end = 0, pos
    while end < s1 and (depth > 0 or not boundary(text, end, "，,；;。！？\n")):
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(text[end], 0)
        depth = max(depth, 0)
        end += 1
    return end


def _other_half(text, parts, money, total, q_end: int, pos: int, s1: int) -> bool:
    """Does a clause hold the other role of a per-item pair (A预算X，执行Y): its figures all have another
    role than the total's, and the item it belongs to (up to the next ；) has one of the total's role?"""
    if total.role == "amount" or any(f.role in ("amount", total.role) for f in parts):
        return False
    a = max([text.rfind(c, q_end, pos) for c in "；;"] + [q_end])
    ends = [i for i in (text.find(c, pos, s1) for c in "；;") if i >= 0]
    b = min(ends) if ends else s1
    return any(f.role == total.role for f in money if a <= f.start < b)
