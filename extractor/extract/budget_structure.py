"""Which rows of a budget table are sums of which, read from the table's own arithmetic.

A table body is read as a sequence of units: a detail row; a total heading the rows below it
(一、基本支出合计 above 人员经费, 公用经费) or closing the rows above it (小计 under its rows); and a 其中
block under the row it breaks down (其中：人员经费 / 公用经费), whose rows are never addends. Words only
say which rows may be totals (合计/小计, a 一、/（一） section number, 基本支出 above its parts) and where
a 其中 block starts; the sums choose among the readings: the one with the fewest failing sums wins.
When readings that fit equally well disagree on which sum fails, the structure is unclear."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.checks.budget_arith import Span, group_precision, meet, total
from extractor.extract import budget_vocab as V
from extractor.extract.budget_tables import MONEY_ROLES, BRow, BTable
from extractor.quantities import Quantity

MAX_ROWS = 150  # longer tables: the word-based reading (the search grows with rows × totals)
MAX_STEPS = 40_000  # readings combined before giving up on a table (many rows that may all be totals)
KEEP = 8  # readings kept per sub-range
FAIL, RANK = 2, 1  # cost of a failing sum (per column); of a total that should have taken in its sibling
_BAD = object()  # an unreadable cell


class _TooLong(Exception):
    pass


@dataclass(frozen=True)
class _Cand:
    """One reading of a range of rows."""
    cost: int = 0
    tie: int = 0  # departures from the usual layout: only to choose among equally good readings
    fails: frozenset = frozenset()  # (row position, column index) of sums that fail
    groups: tuple = ()  # (head position, (child positions …))
    subs: tuple = ()  # positions of 其中 block rows
    tops: tuple = ()  # positions of the units at this level
    first: tuple | None = None  # (direction, level) of the first unit when it is a total

    def then(self, rest: "_Cand") -> "_Cand":
        pen = 0
        a, b = self.first, rest.first
        if a and b and a[0] == b[0] and (b[1] > a[1] if a[0] == "up" else b[1] < a[1]):
            pen = RANK  # a 合计 next to a 小计 of its own direction should have taken it in
        return _Cand(self.cost + rest.cost + pen, self.tie + rest.tie,
                     self.fails | rest.fails, self.groups + rest.groups, self.subs + rest.subs,
                     self.tops + rest.tops, self.first)


_EMPTY = _Cand()


def _best(cands: list[_Cand]) -> list[_Cand]:
    """The best readings, one per set of failing sums, the usual layout first."""
    if not cands:
        return []
    low = min(c.cost for c in cands)
    by_fails: dict[frozenset, _Cand] = {}
    for c in sorted((c for c in cands if c.cost == low), key=lambda c: c.tie):
        by_fails.setdefault(c.fails, c)
    return list(by_fails.values())[:KEEP]


def _keep(cands: list[_Cand]) -> list[_Cand]:
    """Readings of a sub-range worth keeping: the enclosing total adds this range's top units, so the best
    reading for each set of top units is kept, not only the cheapest overall."""
    by_tops: dict[tuple, list[_Cand]] = {}
    for c in cands:
        by_tops.setdefault(c.tops, []).append(c)
    out = [c for group in by_tops.values() for c in _best(group)[:2]]
    return sorted(out, key=lambda c: (c.cost, c.tie, len(c.tops)))[:KEEP]


class _Parser:
    def __init__(self, rows: list[BRow], cols: list[int]):
        self.rows, self.n, self.cols = rows, len(rows), cols
        self.val = [[_value(r, c) for c in cols] for r in rows]
        parents = V.parent_scopes()
        self.total = [bool(r.level) and not r.sub for r in rows]
        self.sub = [r.sub for r in rows]
        self.numbered = [V.is_heading(r.label) and not r.sub for r in rows]
        self.scoped = [r.scope in parents and not r.sub for r in rows]
        self.headable = [t or nb or sc for t, nb, sc in zip(self.total, self.numbered, self.scoped)]
        self.lone = [t and not self._can_head(i) for i, t in enumerate(self.total)]
        self.memo: dict = {}
        self.sums: dict = {}
        self.steps = 0

    def parse(self) -> list[_Cand]:
        edge = self._edge()
        if edge is None:
            return _best(self.forest(0, self.n, "any"))
        return _best([c for c, end, _ in self.units(0, self.n, "any") if end == self.n and c.tops == (edge,)])

    def _can_head(self, i: int) -> bool:
        """Has total row i a neighbour (其中 rows passed over) it could add? A total adds details and lower
        totals (小计 inside 合计 inside 总计), never a total of its own level; one that can add nothing is
        a summary line whose details are elsewhere."""
        for step in (-1, 1):
            k = i + step
            while 0 <= k < self.n and self.sub[k]:
                k += step
            if 0 <= k < self.n and self._addend(i, k):
                return True
        return False

    def _addend(self, h: int, k: int) -> bool:
        return not self.sub[k] and not (self.total[k] and (not self.total[h] or self.rows[k].level >= self.rows[h].level))

    def _edge(self) -> int | None:
        """The table's own total: the one row of the highest total level, first or last (a 其中 block may
        follow it). It sums the whole table, so no row is left outside every sum."""
        levels = [r.level if t else 0 for r, t in zip(self.rows, self.total)]
        top = max(levels, default=0)
        at = [i for i, lv in enumerate(levels) if top and lv == top]
        if len(at) != 1:
            return None
        p = at[0]
        if p == 0 or p == self.n - 1:
            return p
        if self.sub[p + 1] and not any(self.headable[p + 1:]):
            return p
        return None

    def forest(self, a: int, b: int, flag: str) -> list[_Cand]:
        """Readings of rows a..b-1 as a sequence of units. flag: after a detail row no total closes the
        rows above (it would have taken that row in: "no_up"); after a heading total the next unit
        starts at another row that may head ("heads")."""
        if a == b:
            return [_EMPTY]
        key = (a, b, flag)
        if key not in self.memo:
            out = []
            for unit, end, nxt in self.units(a, b, flag):
                rests = self.forest(end, b, nxt)
                self.steps += len(rests)
                if self.steps > MAX_STEPS:
                    raise _TooLong
                out.extend(unit.then(rest) for rest in rests)
            self.memo[key] = _keep(out)
        return self.memo[key]

    def units(self, a: int, b: int, flag: str):
        """(reading, end, flag for the rest) of every unit that starts at row a."""
        if self.sub[a]:  # a 其中 row with no row to break down: never an addend
            yield _Cand(subs=(a,)), a + 1, "no_up"
            return
        if flag == "heads" and not self.headable[a]:
            return
        if not self.total[a] or self.lone[a]:  # a total that can add some row must be a sum
            leaf = _Cand(tops=(a,))
            for qz, end in self.qz(a, a + 1, b):
                yield leaf.then(qz), end, "no_up"
        if self.headable[a]:
            for e in range(a + 2, b + 1):
                if e == b or self.headable[e]:
                    for kids in self.forest(a + 1, e, "any"):
                        if self._fits(a, kids):
                            yield self.head(a, kids, "down"), e, "heads"
        if flag == "no_up":
            return
        for h in range(a + 1, b):
            if self.total[h] or self.scoped[h]:
                for kids in self.forest(a, h, "any"):
                    if not self._fits(h, kids):
                        continue
                    unit = self.head(h, kids, "up")
                    for qz, end in self.qz(h, h + 1, b):
                        yield unit.then(qz), end, "any"

    def _fits(self, h: int, kids: _Cand) -> bool:
        return bool(kids.tops) and all(self._addend(h, k) for k in kids.tops)

    def head(self, h: int, kids: _Cand, direction: str) -> _Cand:
        fails = self.check(h, kids.tops)
        usual = "down" if (h == 0 or self.numbered[h] or not self.total[h]) else "up"
        return _Cand(kids.cost + FAIL * len(fails), kids.tie + (direction != usual),
                     kids.fails | {(h, c) for c in fails}, kids.groups + ((h, kids.tops),), kids.subs, (h,),
                     (direction, self.rows[h].level) if self.total[h] else None)

    def qz(self, p: int, s: int, b: int):
        """(reading, end) of the 其中 block under row p starting at row s: the 其中 row, then each plain row
        while the block still adds up to at most row p. No block: (nothing, s)."""
        if s >= b or not self.sub[s]:
            yield _EMPTY, s
            return
        for e in range(s + 1, b + 1):
            if e > s + 1 and (self.headable[e - 1] or self.sub[e - 1]):
                return
            within, whole = self.within(p, tuple(range(s, e)))
            if not within and e > s + 1:
                return
            yield _Cand(tie=0 if whole else e - s, subs=tuple(range(s, e))), e

    def holds(self, cand: _Cand) -> bool:
        """Does some sum of the reading hold in some column?"""
        return any(self._pair(h, kids, j) and meet(*self._pair(h, kids, j))
                   for h, kids in cand.groups for j in range(len(self.cols)))

    def check(self, h: int, kids: tuple) -> list[int]:
        """Columns in which row h is not the sum of rows `kids`."""
        key = (h, kids)
        if key not in self.sums:
            out = []
            for j, col in enumerate(self.cols):
                pair = self._pair(h, kids, j)
                if pair and not meet(*pair):
                    out.append(col)
            self.sums[key] = out
        return self.sums[key]

    def within(self, p: int, block: tuple) -> tuple[bool, bool]:
        """(the block adds up to at most row p, exactly to row p) over the columns that can be read."""
        ok, whole, seen = True, True, False
        for j in range(len(self.cols)):
            pair = self._pair(p, block, j, signed=False)
            if pair:
                seen = True
                s, t = pair
                ok = ok and not (s.lo > t.hi)
                whole = whole and meet(s, t)
        return ok, whole and seen

    def _pair(self, h: int, kids: tuple, j: int, signed: bool = True) -> tuple[Span, Span] | None:
        hv = self.val[h][j]
        ks = [self.val[k][j] for k in kids]
        if not isinstance(hv, Quantity) or any(k is _BAD for k in ks):
            return None
        qs = [k for k in ks if k is not None]
        if not qs or (not signed and any(q.base < 0 for q in qs + [hv])):
            return None
        g = group_precision(qs + [hv])
        return total([Span.of(q) for q in g[:-1]]), Span.of(g[-1])


def _value(r: BRow, col: int):
    c = r.cells.get(col)
    if c is None or c.status == "empty":
        return None
    return c.quantity if c.status == "value" else _BAD


@dataclass
class Structure:
    groups: list[tuple[BRow, list[BRow]]]  # (total row, its addend rows)
    subs: set[int]  # BRow.index of the rows of 其中 blocks
    unclear: list[BRow]  # totals whose sum fails under one best reading and not another


def structure(bt: BTable) -> Structure:
    """The reading of `bt` (computed once per table)."""
    if "structure" not in bt.cache:
        bt.cache["structure"] = _structure(bt)
    return bt.cache["structure"]


def total_groups(bt: BTable) -> list[tuple[BRow, list[BRow]]]:
    return structure(bt).groups


def _structure(bt: BTable) -> Structure:
    rows = list(bt.rows)
    groups: list[tuple[BRow, list[BRow]]] = []
    codes = {r.code for r in rows if r.code and not r.sub}
    if any(_has_parent(c, codes) for c in codes):
        groups.extend(_code_groups([r for r in rows if not r.sub]))
        # with a code hierarchy, a total adds only the top-level codes
        rows = [r for r in rows if not r.code or not _has_parent(r.code, codes)]
    cols = [c.index for c in bt.columns if c.role in MONEY_ROLES]
    if len(rows) > MAX_ROWS or not cols:
        return Structure(groups + _word_groups(rows), {r.index for r in rows if r.sub}, [])
    parser = _Parser(rows, cols)
    try:
        best = parser.parse()
    except _TooLong:
        best = []
    if not best:
        return Structure(groups + _word_groups(rows), {r.index for r in rows if r.sub}, [])
    pick = best[0]
    groups.extend((rows[h], [rows[k] for k in kids]) for h, kids in pick.groups)
    groups.sort(key=lambda g: g[0].index)
    unclear: list[int] = []
    if len(best) > 1:
        unclear = sorted({p for c in best for p, _ in c.fails})
        if not any(parser.holds(c) for c in best):
            groups, unclear = [], []  # no reading finds a single sum that holds: not a table of sums
    return Structure(groups, {rows[k].index for k in pick.subs}, [rows[p] for p in unclear])


def _word_groups(rows: list[BRow]) -> list[tuple[BRow, list[BRow]]]:
    """Totals by their words alone: a total adds the rows above it back to the previous row of its level
    or higher; 其中 rows are never addends."""
    stack: list[BRow] = []
    groups = []
    for r in (r for r in rows if not r.sub):
        if r.level:
            addends = []
            while stack and stack[-1].level < r.level:
                addends.insert(0, stack.pop())
            if addends:
                groups.append((r, addends))
        stack.append(r)
    return groups


def _has_parent(code: str, codes: set[str]) -> bool:
    return any(code[:k] in codes for k in range(3, len(code), 2))


def _code_groups(rows: list[BRow]) -> list[tuple[BRow, list[BRow]]]:
    """A classification code adds the rows of the codes one level below it (201 = 20101 + 20102 …)."""
    kids: dict[str, list[BRow]] = {}
    for r in rows:
        if r.code and len(r.code) > 3:
            kids.setdefault(r.code[:-2], []).append(r)
    return [(r, kids[r.code]) for r in rows if r.code and r.code in kids]
