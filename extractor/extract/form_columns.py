"""Column roles of a form block, from the header words (a hint) and what the cells say.

Every candidate assignment of roles to the block's value columns is scored: agreement with the
header words, how well each cell fits its role (a % is no 分值, a ≥ figure is a target, 正向 is a
nature), and the form's own arithmetic — 得分 ≤ 分值 in every row, 执行率 = 执行数 ÷ 预算数 on fund
rows, target and actual in one dimension, Σ分值 = the stated total or group weight, Σ得分 = the stated
总分. The best assignment wins. When the runner-up scores the same but reads the figures differently,
the block is not checkable and the ColumnMap says why.

In a grid (DOCX, XLSX, PDF, HTML) a column is a grid column. In flattened text only the order of a
row's cells is known and empty cells may have collapsed: each row's cells are then placed into the
header's slots in order, keeping every explicit empty cell, by the same scoring.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.extract.form_kinds import FUND_ROLES, IND_ROLES, kind_of
from extractor.extract.form_model import Column, ColumnMap, Raw

HINT_AGREE = 4  # the header names this role
HINT_DISAGREE = -3  # the header names another role
SCORE_OK, SCORE_BAD = 0.5, -6  # 得分 ≤ 分值: any two bare numbers may satisfy it; breaking it says more
RATE_OK, RATE_BAD = 5, -4  # 执行率 = 执行数 ÷ 预算数
DIM_OK, DIM_BAD = 1, -4  # target and actual in one dimension
SUM_OK = 6  # Σ分值 or Σ得分 equals the stated total
GROUP_OK = 3  # Σ分值 of a group equals its stated weight
EXTRA = -1  # a cell of a flattened row left out of every column
UNUSUAL = -2  # a role the template does not give this row (分值 on a 其中 row)
EMPTY_DROP = -0.5  # an empty cell left out: separators put it there, so keeping it reads better
GAP = -0.25  # a slot skipped before or between a flattened row's cells (an empty cell collapsed)
MAX_COMBOS = 50000
UNIQUE_EXEMPT = ("note", None)
# in flattened text a comparator or unit cell is known by its content and read with its row; it takes
# no slot (two-level headers put its column anywhere)
FLOATING = ("nature", "unit")


@dataclass
class Totals:
    """What the form states about its weights and scores, for the sum constraints."""

    weight: Decimal | None = None  # 总分 (分值 column)
    score: Decimal | None = None  # 总分 (得分 column)
    block_weight: Decimal | None = None  # 绩效指标(90分)
    fund_weight: Decimal | None = None
    fund_score: Decimal | None = None
    groups: dict[str, Decimal] = field(default_factory=dict)  # level1 -> stated weight


@dataclass
class Reading:
    """The outcome for one block: the map, and per row its cells by role (or why it has none)."""

    colmap: ColumnMap
    rows: list[dict[str, Raw]]
    why: list[str]  # per row: '' or why the row could not be read


def roles_for(kind: str) -> tuple[str, ...]:
    return IND_ROLES if kind == "indicator" else FUND_ROLES


# ------------------------------------------------------------------ constraints


def _num(raw: Raw | None):
    if raw is None:
        return None
    k = kind_of(raw)
    return k.q if k.name not in ("empty", "ocr") and k.q is not None else None


def _rate_holds(budget, spent, rate) -> bool:
    """spent ÷ budget × 100 meets the rate at the precision all three are shown with."""
    blo, bhi = budget.interval()
    slo, shi = spent.interval()
    rlo, rhi = rate.interval()
    if rate.unit != "%" and rate.value <= Decimal("1.5") and rate.decimals >= 2:  # 0.955 for 95.5%
        rlo, rhi = rlo * 100, rhi * 100
    if bhi <= 0:
        return slo <= 0 and rlo <= 0 <= rhi
    lo = max(slo, Decimal(0)) / bhi * 100 if bhi > 0 else Decimal(0)
    hi = shi / blo * 100 if blo > 0 else Decimal("1e9")
    return lo <= rhi and rlo <= hi


def row_points(kind: str, cells: dict[str, Raw]) -> tuple[int, list[str], list[str]]:
    """Points of one row's reading, with the constraints that held and failed (as short texts)."""
    pts, held, failed = 0, [], []
    w, s = _num(cells.get("score.weight")), _num(cells.get("score.value"))
    if w is not None and s is not None:
        if s.value <= w.value:
            pts += SCORE_OK
            held.append("得分≤分值")
        else:
            pts += SCORE_BAD
            failed.append(f"得分 {s.raw} > 分值 {w.raw}")
    if kind == "indicator":
        t, a = _num(cells.get("indicator.target")), _num(cells.get("indicator.actual"))
        if t is not None and a is not None and t.unit and a.unit:
            if t.dimension == a.dimension:
                pts += DIM_OK
                held.append("指标值与完成值同量纲")
            else:
                pts += DIM_BAD
                failed.append(f"指标值 {t.raw} 与完成值 {a.raw} 量纲不同")
        return pts, held, failed
    spent, rate = _num(cells.get("spend.actual")), _num(cells.get("rate.execution"))
    budgets = [b for b in (_num(cells.get("budget.adjusted")), _num(cells.get("budget.initial"))) if b is not None]
    if spent is not None and rate is not None and budgets:
        if any(_rate_holds(b, spent, rate) for b in budgets):
            if rate.unit == "%":  # a bare number that happens to equal the ratio proves little
                pts += RATE_OK
                held.append("执行率=执行数÷预算数")
        else:
            pts += RATE_BAD
            failed.append(f"{spent.raw} ÷ {budgets[0].raw} ≠ {rate.raw}")
    return pts, held, failed


def _sum_matches(vals: list, target: Decimal | None) -> bool:
    if target is None or not vals:
        return False
    dec = max(q.decimals for q in vals)
    tol = Decimal(5) * Decimal(10) ** (-dec - 1) if dec > 0 else Decimal(0)
    return abs(sum(q.value for q in vals) - target) <= tol


def block_points(kind: str, readings: list[dict[str, Raw]], groups: list[str | None],
                 totals: Totals) -> tuple[int, list[str]]:
    """Σ分值 and Σ得分 against what the form states; in a fund block, each money column of the 其中
    rows against the total row (`groups` holds the fund rows' kinds: total / component)."""
    if kind != "indicator":
        return _fund_sums(readings, groups)
    pts, held = 0, []
    for role, stated, extra in (("score.weight", totals.weight, totals.fund_weight),
                                ("score.value", totals.score, totals.fund_score)):
        vals = [q for c in readings if (q := _num(c.get(role))) is not None]
        if not vals:
            continue
        targets = {stated, totals.block_weight if role == "score.weight" else None}
        if stated is not None and extra is not None:
            targets.add(stated - extra)
        if any(_sum_matches(vals, t) for t in targets):
            pts += SUM_OK
            held.append(f"Σ{'分值' if role == 'score.weight' else '得分'}与表中合计相符")
    for g, gw in totals.groups.items():
        vals = [q for c, grp in zip(readings, groups) if grp == g and (q := _num(c.get("score.weight"))) is not None]
        if _sum_matches(vals, gw):
            pts += GROUP_OK
            held.append(f"{g}各项分值之和相符")
    return pts, held


def _fund_sums(readings: list[dict[str, Raw]], kinds: list[str | None]) -> tuple[int, list[str]]:
    total = next((c for c, k in zip(readings, kinds) if k == "total"), None)
    comps = [c for c, k in zip(readings, kinds) if k == "component" and any(_num(x) is not None for x in c.values())]
    if not total or not comps:
        return 0, []
    pts, held = 0, []
    for role in ("budget.initial", "budget.adjusted", "spend.actual"):
        t = _num(total.get(role))
        vals = [_num(c.get(role)) for c in comps]
        if t is not None and all(v is not None for v in vals) and _sum_matches(vals, t.value):
            pts += GROUP_OK
            held.append(f"其中各项{ROLE_CN[role]}之和等于合计")
    return pts, held


# ------------------------------------------------------------------ grids


def _candidates(kind: str, col: Column, cells: list[Raw]) -> list[str | None]:
    roles = roles_for(kind)
    kinds = [kind_of(c) for c in cells if kind_of(c).name != "empty"]
    if not kinds:  # an empty column (or the row labels' column): its header may still name it
        return [col.hint, None] if col.hint in roles else [None]
    if col.hint in roles and all(k.fits(col.hint) is not None for k in kinds):
        return [col.hint]
    fitting = [r for r in roles if all(k.fits(r) is not None for k in kinds)]
    fitting.sort(key=lambda r: -sum(k.fits(r) for k in kinds))
    if col.hint in roles:
        bad = next(k for k in kinds if k.fits(col.hint) is None)
        col.why.append(f"表头“{col.header}”提示为{_role_cn(col.hint)}，但本列有 {bad.name} 类内容，不符")
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
    while _count(cands) > MAX_COMBOS:
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
            cells = _by_role(row, lambda r: role_of.get(r.col))
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
                      + "；".join(f"第{c.key}列 {_role_cn(a)} 或 {_role_cn(b)}" for c, a, b in zip(cols, best[1], rival[1]) if a != b))
            return Reading(cm, [{} for _ in rows], [cm.tie for _ in rows])
    return Reading(cm, best[2], ["" for _ in rows])


def _count(cands: list[list]) -> int:
    n = 1
    for c in cands:
        n *= len(c)
    return n


def _hint_points(col: Column, role: str | None) -> int:
    if col.hint is None or role is None:
        return 0
    return HINT_AGREE if role == col.hint else HINT_DISAGREE


def _by_role(row: list[Raw], role_of) -> dict[str, Raw]:
    out: dict[str, Raw] = {}
    for r in row:
        role = role_of(r)
        if role is None:
            continue
        if role == "note" and "note" in out:
            out["note"] = Raw(out["note"].text + " " + r.text, out["note"].loc)
            continue
        out.setdefault(role, r)
    return out


def _differs(cols: list[Column], a: tuple, b: tuple, cells_at: dict) -> bool:
    """Two assignments read the figures differently: a column holding a figure changes role."""
    return any(x != y and any(_num(r) is not None for r in cells_at[c.key]) for c, x, y in zip(cols, a, b))


def _explain(col: Column, cells: list[Raw]) -> None:
    kinds = [kind_of(r).name for r in cells if kind_of(r).name != "empty"]
    if kinds:
        common = max(set(kinds), key=kinds.count)
        col.why.append(f"内容：{len(kinds)} 格，多为 {common}")
    if col.hint and col.role == col.hint:
        col.why.append(f"表头“{col.header}”")
    elif col.role and col.hint != col.role:
        col.why.append(f"按内容定为{_role_cn(col.role)}" + (f"（表头“{col.header}”）" if col.header else ""))


# ------------------------------------------------------------------ flattened text


def stream_slots(kind: str, header: list[Column]) -> list[Column]:
    """The slots a flattened row's cells go into: the header's roles in order, each once."""
    roles = [r for r in roles_for(kind) if r not in FLOATING]
    slots: list[Column] = []
    for c in header:
        if c.hint in roles and (c.hint == "note" or all(s.hint != c.hint for s in slots)):
            slots.append(Column(len(slots) + 1, c.header, c.hint, c.hint))
    return slots


def solve_stream(kind: str, header: list[Column], rows: list[list[Raw]], groups: list[str | None],
                 totals: Totals, allowed: list[tuple[str, ...] | None] | None = None) -> Reading:
    """Place each row's cells into the header's slots in order. A row that two placements read
    equally well is settled, where possible, by the block's sums (Σ分值, Σ得分) over all such rows;
    what remains tied is not read. `allowed` gives the roles usual for some rows (其中 rows seldom
    carry a 分值): others cost a little."""
    slots = stream_slots(kind, header)
    spare = sum(1 for c in header if c.hint in FLOATING)
    options: list[list[tuple] | None] = []
    for i, row in enumerate(rows):
        placed = placements(kind, slots, row, allowed[i] if allowed else None, spare)
        if not placed:
            options.append(None)
            continue
        top = [p for p in placed if p[0] == placed[0][0]]
        options.append(_distinct(row, top))
    chosen = {i: o[0] for i, o in enumerate(options) if o and len(o) == 1}
    tied = [i for i, o in enumerate(options) if o and len(o) > 1]
    if tied and _count([options[i] for i in tied]) <= 4096:
        joint = []
        for combo in itertools.product(*(options[i] for i in tied)):
            pick = {**chosen, **dict(zip(tied, combo))}
            readings = [_by_role(r, _role_by_id(r, pick[i][1])) if i in pick else {} for i, r in enumerate(rows)]
            joint.append((block_points(kind, readings, groups, totals)[0], combo))
        joint.sort(key=lambda x: -x[0])
        if len(joint) == 1 or joint[0][0] > joint[1][0]:
            chosen.update(zip(tied, joint[0][1]))
    readings, why, held_all, failed_all = [], [], [], []
    for i, row in enumerate(rows):
        if i in chosen:
            pts, assign, h, f = chosen[i]
            readings.append(_by_role(row, _role_by_id(row, assign)))
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
                f"{r.text}：{_role_cn(x)}或{_role_cn(y)}" for r, x, y in zip(row, a, b) if x != y and _num(r) is not None) + "）")
    p, h = block_points(kind, readings, groups, totals)
    for s in slots:
        n = sum(1 for c in readings if s.role in c and _num(c[s.role]) is not None)
        s.why.append(f"表头“{s.header}”；{n} 行在此列读到数字")
    cm = ColumnMap(kind, slots, False, p, held=sorted(set(held_all + h)), failed=sorted(set(failed_all)))
    return Reading(cm, readings, why)


def placements(kind: str, slots: list[Column], row: list[Raw], allowed=None, spare: int = 0) -> list[tuple]:
    """Every placement of a row's cells (in order) into the slots, best first, as (points, roles per
    cell, constraints held, failed). Cells beyond the slots' number are left out at a small cost; up
    to `spare` empty cells (those under the header's comparator and unit columns, which take no slot)
    may be left out at a smaller one, so that an empty cell keeps its place wherever it can."""
    n, k = len(row), len(slots)
    if n == 0:
        return [(0, (), [], [])]
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
                    gaps = (pos[-1] + 1 - len(pos)) if pos else 0
                    cells = _by_role(row, _role_by_id(row, assign))
                    p, h, f = row_points(kind, cells)
                    scored.append((pts + p + GAP * gaps, tuple(assign), h, f))
    scored.sort(key=lambda x: -x[0])
    return scored


def takes_value(kind: str, slots: list[Column], row: list[Raw], cell: Raw, spare: int = 0) -> bool:
    """Whether `cell`, after the row's cells, can be its target or actual without reading the row
    worse than before: a text after the figures (达成预期指标) is a value, not the next row's name."""
    before = placements(kind, slots, row, spare=spare)
    if row and not before:
        return False
    base = before[0][0] if before else 0
    after = placements(kind, slots, row + [cell], spare=spare)
    return any(p[1][-1] in ("indicator.target", "indicator.actual") and p[0] >= base for p in after)


def _distinct(row: list[Raw], placed: list[tuple]) -> list[tuple]:
    """Placements that read the row's figures differently (where empty or text cells go is no matter)."""
    out, seen = [], set()
    for p in placed:
        key = tuple(role for r, role in zip(row, p[1]) if _num(r) is not None)
        if "budget.initial" in key and "budget.adjusted" not in key or "budget.adjusted" in key and "budget.initial" not in key:
            # one budget figure, in either budget column: the same reading for every check
            key = tuple("budget" if k in ("budget.initial", "budget.adjusted") else k for k in key)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _role_by_id(row: list[Raw], assign) -> callable:
    m = dict(zip(map(id, row), assign))
    return lambda r: m.get(id(r))


ROLE_CN = {"indicator.target": "指标值", "indicator.actual": "实际完成值", "score.weight": "分值",
           "score.value": "得分", "nature": "指标性质", "unit": "计量单位", "note": "说明",
           "budget.initial": "年初预算数", "budget.adjusted": "全年预算数", "spend.actual": "全年执行数",
           "rate.execution": "执行率", None: "（不读）"}


def _role_cn(role: str | None) -> str:
    return ROLE_CN.get(role, role or "")

