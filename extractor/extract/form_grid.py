"""Column roles of a form block read from a grid (DOCX, XLSX, PDF, HTML): every candidate
assignment of roles to grid columns is scored (form_columns) and the best one taken; a tie between
two assignments that read the figures differently leaves the block not checkable."""

from __future__ import annotations

import itertools

from extractor.extract.form_columns import (HINT_AGREE, HINT_DISAGREE, MAX_COMBOS, UNIQUE_EXEMPT, Reading, Totals,
                                            block_points, by_role, cell_number, count_combos, role_cn, roles_for,
                                            row_points)
from extractor.extract.form_kinds import kind_of
from extractor.extract.form_model import Column, ColumnMap, Raw

def _candidates(kind: str, col: Column, cells: list[Raw]) -> list[str | None]:
    roles = roles_for(kind)
    kinds = [kind_of(c) for c in cells if kind_of(c).name != "empty"]
    if not kinds:  # an empty column (or the row labels' column): its header may still name it
        return [col.hint, None] if col.hint in roles else [None]
    if col.hint in roles and all(k.fits(col.hint) is not None for k in kinds):
        # None too: two columns may name one role (指标性质 定量/定性 beside 指标方向 ≥/≤), one is read
        return [col.hint, None]
    fitting = [r for r in roles if all(k.fits(r) is not None for k in kinds)]
    fitting.sort(key=lambda r: -sum(k.fits(r) for k in kinds))
    if col.hint in roles:
        bad = next(k for k in kinds if k.fits(col.hint) is None)
        col.why.append(f"表头“{col.header}”提示为{role_cn(col.hint)}，但本列有 {bad.name} 类内容，不符")
    return fitting[:3] + [None]


def solve_grid(kind: str, header: list[Column], rows: list[list[Raw]], groups: list[str | None],
               totals: Totals) -> Reading:
    by_key: dict[int, Column] = {c.key: Column(c.key, c.header, c.hint) for c in header}
    for row in rows:
        for r in row:
            by_key.setdefault(r.col, Column(r.col))
    cols = [by_key[k] for k in sorted(by_key)]
    cells_at = {c.key: [r for row in rows for r in row if r.col == c.key] for c in cols}
    cands = [_candidates(kind, c, cells_at[c.key]) for c in cols]
    while count_combos(cands) > MAX_COMBOS:
        i = max(range(len(cands)), key=lambda j: len(cands[j]))
        cands[i] = cands[i][:-2] + cands[i][-1:]
    scored: list[tuple[int, tuple, list[dict[str, Raw]], list[str], list[str]]] = []
    for assign in itertools.product(*cands):
        used = [r for r in assign if r not in UNIQUE_EXEMPT]
        if len(used) != len(set(used)):
            continue
        pts = sum(_hint_points(c, role) + sum(kind_of(r).fits(role) or 0 for r in cells_at[c.key])
                  for c, role in zip(cols, assign))
        role_of = {c.key: role for c, role in zip(cols, assign)}
        readings, held, failed = [], [], []
        for row in rows:
            cells = by_role(row, lambda r: role_of.get(r.col))
            p, h, f = row_points(kind, cells)
            pts += p
            held += h
            failed += f
            readings.append(cells)
        p, h = block_points(kind, readings, groups, totals)
        scored.append((pts + p, assign, readings, held + h, failed))
    if not scored:
        return Reading(ColumnMap(kind, cols, True, tie="没有一种列的读法能同时满足各列内容"), [{} for _ in rows],
                       ["各列内容无法对应到表头" for _ in rows])
    scored.sort(key=lambda x: -x[0])
    best = scored[0]
    for c, role in zip(cols, best[1]):
        c.role = role
        _explain(c, cells_at[c.key])
    cm = ColumnMap(kind, cols, True, best[0], held=sorted(set(best[3])), failed=sorted(set(best[4])))
    rival = next((s for s in scored[1:] if _differs(cols, s[1], best[1], cells_at)), None)
    if rival is not None:
        cm.runner_up = (rival[0], rival[1])
        if rival[0] == best[0]:
            cm.tie = ("两种列的读法得分相同："
                      + "；".join(f"第{c.key}列 {role_cn(a)} 或 {role_cn(b)}" for c, a, b in zip(cols, best[1], rival[1]) if a != b))
            return Reading(cm, [{} for _ in rows], [cm.tie for _ in rows])
    return Reading(cm, best[2], ["" for _ in rows])




def _hint_points(col: Column, role: str | None) -> int:
    if col.hint is None or role is None:
        return 0
    return HINT_AGREE if role == col.hint else HINT_DISAGREE




def _differs(cols: list[Column], a: tuple, b: tuple, cells_at: dict) -> bool:
    """Two assignments read the figures differently: a column holding a figure changes role."""
    return any(x != y and any(cell_number(r) is not None for r in cells_at[c.key]) for c, x, y in zip(cols, a, b))


def _explain(col: Column, cells: list[Raw]) -> None:
    kinds = [kind_of(r).name for r in cells if kind_of(r).name != "empty"]
    if kinds:
        common = max(set(kinds), key=kinds.count)
        col.why.append(f"内容：{len(kinds)} 格，多为 {common}")
    if col.hint and col.role == col.hint:
        col.why.append(f"表头“{col.header}”")
    elif col.role and col.hint != col.role:
        col.why.append(f"按内容定为{role_cn(col.role)}" + (f"（表头“{col.header}”）" if col.header else ""))
