"""Column roles of a form block read from flattened text, where only the order of a row's cells is
known and empty cells may have collapsed: each row's cells are placed into the header's slots in
order, keeping every explicit empty cell, by the scoring of form_columns."""

from __future__ import annotations

import itertools
from collections import Counter

from extractor.extract.form_columns import (EMPTY_DROP, EXTRA, FLOATING, GAP, LEAD_GAP, UNUSUAL, ColumnMap, Reading, Totals,
                                            block_points, by_role, cell_number, count_combos, role_by_id, role_cn,
                                            roles_for, row_points)
from extractor.extract.form_kinds import kind_of
from extractor.extract.form_model import Column, Raw

def _joint(kind, rows, options, chosen, tied, groups, totals):
    """The readings of the tied rows that the block's sums single out: every combination when there
    are few, else the uniform ones (each tied row reading its figures the same way, as rows of one
    column usually do). None when no combination stands out."""
    if count_combos([options[i] for i in tied]) <= 4096:
        combos = list(itertools.product(*(options[i] for i in tied)))
    else:
        sigs = [{_signature(rows[i], o): o for o in options[i]} for i in tied]
        common = set.intersection(*(set(s) for s in sigs))
        combos = [tuple(s[sig] for s in sigs) for sig in common]
    joint = []
    for combo in combos:
        pick = {**chosen, **dict(zip(tied, combo))}
        readings = [by_role(r, role_by_id(r, pick[i][1])) if i in pick else {} for i, r in enumerate(rows)]
        joint.append((block_points(kind, readings, groups, totals)[0], combo))
    joint.sort(key=lambda x: -x[0])
    if joint and (len(joint) == 1 or joint[0][0] > joint[1][0]):
        return joint[0][1]
    return None


CONFORM_MARGIN = 8  # content points a row may give up to read like the rest of its column (one failed sum)


def _conform(rows: list[list[Raw]], every: list[list[tuple]], chosen: dict) -> None:
    """Rows of one table read their figures into the same columns. Where most rows agree on a reading
    and a row with as many figures reads otherwise — an empty cell's collapse let it dodge a failed
    constraint (得分 > 分值 read as 实际完成值 and 得分) — the row takes the common reading, unless that
    costs it more than one failed constraint: the form's own error is then reported, not hidden."""
    sigs = {i: _signature(rows[i], p) for i, p in chosen.items()}
    if len(sigs) < 3:
        return
    (common, n), = Counter(sigs.values()).most_common(1)
    if n * 2 <= len(sigs):
        return
    for i, p in list(chosen.items()):
        if sigs[i] == common or len(sigs[i]) != len(common):
            continue
        alt = next((q for q in every[i] if _signature(rows[i], q) == common), None)
        if alt is not None and alt[4] >= p[4] - CONFORM_MARGIN:
            chosen[i] = alt


def _signature(row: list[Raw], option: tuple) -> tuple:
    """The roles an option gives the row's figures, in order (where empty cells go is no matter)."""
    return tuple(role for r, role in zip(row, option[1]) if cell_number(r) is not None)


def stream_slots(kind: str, header: list[Column]) -> list[Column]:
    """The slots a flattened row's cells go into: the header's roles in order, each once."""
    roles = [r for r in roles_for(kind) if r not in FLOATING]
    slots: list[Column] = []
    for c in header:
        if c.hint in roles and (c.hint == "note" or all(s.hint != c.hint for s in slots)):
            slots.append(Column(len(slots) + 1, c.header, c.hint, c.hint))
    return slots


def solve_stream(kind: str, header: list[Column], rows: list[list[Raw]], groups: list[str | None],
                 totals: Totals, allowed: list[tuple[str, ...] | None] | None = None,
                 floating: list[int] | None = None) -> Reading:
    """Place each row's cells into the header's slots in order. A row that two placements read
    equally well is settled, where possible, by the block's sums (Σ分值, Σ得分) over all such rows;
    what remains tied is not read. `allowed` gives the roles usual for some rows (其中 rows seldom
    carry a 分值): others cost a little. `floating` counts each row's comparator and unit cells, read
    apart: an empty cell may stand for the comparator or unit column only where the row had none."""
    slots = stream_slots(kind, header)
    spare = sum(1 for c in header if c.hint in FLOATING)
    options: list[list[tuple] | None] = []
    every: list[list[tuple]] = []
    for i, row in enumerate(rows):
        own = max(0, spare - (floating[i] if floating else 0))
        placed = placements(kind, slots, row, allowed[i] if allowed else None, own)
        every.append(placed)
        if not placed:
            options.append(None)
            continue
        top = [p for p in placed if p[4] == placed[0][4]]
        options.append(_distinct(row, top))
    chosen = {i: o[0] for i, o in enumerate(options) if o and len(o) == 1}
    tied = [i for i, o in enumerate(options) if o and len(o) > 1]
    if tied:
        best = _joint(kind, rows, options, chosen, tied, groups, totals)
        if best is not None:
            chosen.update(zip(tied, best))
    _conform(rows, every, chosen)
    readings, why, held_all, failed_all = [], [], [], []
    for i, row in enumerate(rows):
        if i in chosen:
            pts, assign, h, f, _ = chosen[i]
            readings.append(by_role(row, role_by_id(row, assign)))
            why.append("")
            held_all += h
            failed_all += f
        elif options[i] is None:
            readings.append({})
            why.append(f"该行 {len(row)} 个单元格无法按顺序对应到表头的 {len(slots)} 列")
        else:
            a, b = options[i][0][1], options[i][1][1]
            readings.append({})
            why.append("该行数值可按两种方式对应到各列（" + "；".join(
                f"{r.text}：{role_cn(x)}或{role_cn(y)}" for r, x, y in zip(row, a, b) if x != y and cell_number(r) is not None) + "）")
    p, h = block_points(kind, readings, groups, totals)
    for s in slots:
        n = sum(1 for c in readings if s.role in c and cell_number(c[s.role]) is not None)
        s.why.append(f"表头“{s.header}”；{n} 行在此列读到数字")
    cm = ColumnMap(kind, slots, False, p, held=sorted(set(held_all + h)), failed=sorted(set(failed_all)))
    return Reading(cm, readings, why)


def placements(kind: str, slots: list[Column], row: list[Raw], allowed=None, spare: int = 0) -> list[tuple]:
    """Every placement of a row's cells (in order) into the slots, best first, as (points, roles per
    cell, constraints held, failed, content points). Cells beyond the slots' number are left out at a small cost; up
    to `spare` empty cells (those under the header's comparator and unit columns, which take no slot)
    may be left out at a smaller one, so that an empty cell keeps its place wherever it can."""
    n, k = len(row), len(slots)
    if n == 0:
        return [(0, (), [], [], 0)]
    extra = max(0, n - k)
    if extra > 3:
        return []
    empties = [i for i, r in enumerate(row) if kind_of(r).name == "empty"]
    scored = []
    for d in range(extra, extra + min(spare, len(empties)) + 1):
        for drop in itertools.combinations(range(n), d):
            full = sum(1 for i in drop if i not in empties)
            if full > extra:
                continue
            keep = [i for i in range(n) if i not in drop]
            base = EXTRA * full + EMPTY_DROP * (d - full)
            for pos in itertools.combinations(range(k), len(keep)):
                assign: list[str | None] = [None] * n
                pts = base
                for ci, si in zip(keep, pos):
                    role = slots[si].role
                    fit = kind_of(row[ci]).fits(role)
                    if fit is None:
                        break
                    if allowed is not None and role not in allowed and kind_of(row[ci]).name != "empty":
                        fit += UNUSUAL
                    assign[ci] = role
                    pts += fit
                else:
                    lead = pos[0] if pos else 0  # slots skipped before the row's first cell (its target)
                    gaps = (pos[-1] + 1 - len(pos) - lead) if pos else 0
                    cells = by_role(row, role_by_id(row, assign))
                    p, h, f = row_points(kind, cells)
                    content = pts + p + LEAD_GAP * lead
                    scored.append((content + GAP * gaps, tuple(assign), h, f, content))
    # the cells' content and the form's arithmetic decide where each figure goes; where empty cells
    # lie (layout) only orders readings that place the figures alike
    scored.sort(key=lambda x: (-x[4], -x[0]))
    return scored


def takes_value(kind: str, slots: list[Column], row: list[Raw], cell: Raw, spare: int = 0) -> bool:
    """Whether `cell`, after the row's cells, can be its target, actual or flag (是否核心指标) without
    reading the row worse than before: a text after the figures (达成预期指标, 是) is a cell of the row,
    not the next row's name."""
    before = placements(kind, slots, row, spare=spare)
    if row and not before:
        return False
    base = before[0][0] if before else 0
    after = placements(kind, slots, row + [cell], spare=spare)
    return any(p[1][-1] in ("indicator.target", "indicator.actual", "flag") and p[0] >= base for p in after)


def _distinct(row: list[Raw], placed: list[tuple]) -> list[tuple]:
    """Placements that read the row's figures differently (where empty or text cells go is no matter)."""
    out, seen = [], set()
    for p in placed:
        key = tuple(role for r, role in zip(row, p[1]) if cell_number(r) is not None)
        if "budget.initial" in key and "budget.adjusted" not in key or "budget.adjusted" in key and "budget.initial" not in key:
            # one budget figure, in either budget column: the same reading for every check
            key = tuple("budget" if k in ("budget.initial", "budget.adjusted") else k for k in key)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
