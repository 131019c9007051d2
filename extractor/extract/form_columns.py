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

from dataclasses import dataclass, field
from decimal import Decimal

from extractor.extract.form_kinds import FUND_ROLES, IND_ROLES, kind_of
from extractor.extract.form_model import ColumnMap, Raw

HINT_AGREE = 4  # the header names this role
HINT_DISAGREE = -3  # the header names another role
SCORE_OK, SCORE_BAD = 0, -6  # 得分 ≤ 分值: any two bare numbers satisfy it, so it only rules readings out
RATE_OK, RATE_BAD = 5, -4  # 执行率 = 执行数 ÷ 预算数
ADJ_OK, ADJ_BAD = 3, -3  # 年初 + 调整 = 全年 (a failure may be the form's own error, so it weighs less)
RATIO_OK, RATIO_BAD = 3, -3  # 得分 = 分值 × 得分系数 (likewise)
DIM_OK, DIM_BAD = 1, -4  # target and actual in one dimension
SUM_OK = 6  # Σ分值 or Σ得分 equals the stated total
GROUP_OK = 3  # Σ分值 of a group equals its stated weight
EXTRA = -1  # a cell of a flattened row left out of every column
UNUSUAL = -2  # a role the template does not give this row (分值 on a 其中 row)
EMPTY_DROP = -0.5  # an empty cell left out: separators put it there, so keeping it reads better
GAP = -0.25  # a slot skipped between a flattened row's cells (an empty cell collapsed): orders layouts only
LEAD_GAP = -0.5  # slots skipped before a row's first cell: rows seldom start blank (their target is there)
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


def cell_number(raw: Raw | None):
    if raw is None:
        return None
    k = kind_of(raw)
    return k.q if k.name not in ("empty", "ocr") and k.q is not None else None


def rate_holds(budget, spent, rate) -> bool:
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


def ratio_score_holds(weight, ratio, score) -> bool:
    """得分 = 分值 × 得分系数 at the precision 得分 and 系数 are shown with; a 系数 above 1 without % is a
    percentage (100 for 100%). The 分值 is exact: the form assigns it, nobody rounded it."""
    wlo = whi = weight.value
    klo, khi = ratio.interval()
    if ratio.unit == "%" or ratio.value > 1:
        klo, khi = klo / 100, khi / 100
    slo, shi = score.interval()
    return slo <= whi * khi and wlo * klo <= shi


def row_points(kind: str, cells: dict[str, Raw]) -> tuple[int, list[str], list[str]]:
    """Points of one row's reading, with the constraints that held and failed (as short texts)."""
    pts, held, failed = 0, [], []
    w, s = cell_number(cells.get("score.weight")), cell_number(cells.get("score.value"))
    if w is not None and s is not None:
        if s.value <= w.value:
            pts += SCORE_OK
            held.append("得分≤分值")
        else:
            pts += SCORE_BAD
            failed.append(f"得分 {s.raw} > 分值 {w.raw}")
        k = cell_number(cells.get("score.ratio"))
        if k is not None:
            if ratio_score_holds(w, k, s):
                pts += RATIO_OK
                held.append("得分=分值×得分系数")
            else:
                pts += RATIO_BAD
                failed.append(f"得分 {s.raw} ≠ 分值 {w.raw} × 系数 {k.raw}")
    if kind == "indicator":
        t, a = cell_number(cells.get("indicator.target")), cell_number(cells.get("indicator.actual"))
        if t is not None and a is not None and t.unit and a.unit:
            if t.dimension == a.dimension:
                pts += DIM_OK
                held.append("指标值与完成值同量纲")
            else:
                pts += DIM_BAD
                failed.append(f"指标值 {t.raw} 与完成值 {a.raw} 量纲不同")
        return pts, held, failed
    init, adj, full = (cell_number(cells.get(k)) for k in ("budget.initial", "budget.adjustment", "budget.adjusted"))
    if init is not None and adj is not None and full is not None:
        if sums_within([init, adj], full):
            pts += ADJ_OK
            held.append("年初预算数+调整数=全年预算数")
        else:
            pts += ADJ_BAD
            failed.append(f"{init.raw} + {adj.raw} ≠ {full.raw}")
    spent, rate = cell_number(cells.get("spend.actual")), cell_number(cells.get("rate.execution"))
    budgets = [b for b in (cell_number(cells.get("budget.adjusted")), cell_number(cells.get("budget.initial"))) if b is not None]
    if spent is not None and rate is not None and budgets:
        if any(rate_holds(b, spent, rate) for b in budgets):
            if rate.unit == "%":  # a bare number that happens to equal the ratio proves little
                pts += RATE_OK
                held.append("执行率=执行数÷预算数")
        else:
            pts += RATE_BAD
            failed.append(f"{spent.raw} ÷ {budgets[0].raw} ≠ {rate.raw}")
    return pts, held, failed


def sums_within(parts: list, total) -> bool:
    """Σ parts meets the total at the precision each is shown with (intervals)."""
    lo = sum(p.interval()[0] for p in parts)
    hi = sum(p.interval()[1] for p in parts)
    tlo, thi = total.interval()
    return lo <= thi and tlo <= hi


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
    has = {role: any(cell_number(c.get(role)) is not None for c in readings) for role in ("score.weight", "score.value")}
    if totals.weight is not None and has["score.value"] and not has["score.weight"]:
        pts += SCORE_BAD  # scores with no 分值 anywhere, under a stated 分值 total: not a reading of this form
    for role, stated, extra in (("score.weight", totals.weight, totals.fund_weight),
                                ("score.value", totals.score, totals.fund_score)):
        vals = [q for c in readings if (q := cell_number(c.get(role))) is not None]
        if not vals:
            continue
        targets = {stated, totals.block_weight if role == "score.weight" else None}
        if stated is not None and extra is not None:
            targets.add(stated - extra)
        if any(_sum_matches(vals, t) for t in targets):
            pts += SUM_OK
            held.append(f"Σ{'分值' if role == 'score.weight' else '得分'}与表中合计相符")
    for g, gw in totals.groups.items():
        vals = [q for c, grp in zip(readings, groups) if grp == g and (q := cell_number(c.get("score.weight"))) is not None]
        if _sum_matches(vals, gw):
            pts += GROUP_OK
            held.append(f"{g}各项分值之和相符")
    return pts, held


def _fund_sums(readings: list[dict[str, Raw]], kinds: list[str | None]) -> tuple[int, list[str]]:
    total = next((c for c, k in zip(readings, kinds) if k == "total"), None)
    comps = [c for c, k in zip(readings, kinds) if k == "component" and any(cell_number(x) is not None for x in c.values())]
    if not total or not comps:
        return 0, []
    pts, held = 0, []
    for role in ("budget.initial", "budget.adjusted", "spend.actual"):
        t = cell_number(total.get(role))
        vals = [cell_number(c.get(role)) for c in comps]
        if t is not None and all(v is not None for v in vals) and _sum_matches(vals, t.value):
            pts += GROUP_OK
            held.append(f"其中各项{ROLE_CN[role]}之和等于合计")
    return pts, held

def count_combos(cands: list[list]) -> int:
    n = 1
    for c in cands:
        n *= len(c)
    return n


def by_role(row: list[Raw], role_of) -> dict[str, Raw]:
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


def role_by_id(row: list[Raw], assign) -> callable:
    m = dict(zip(map(id, row), assign))
    return lambda r: m.get(id(r))


ROLE_CN = {"indicator.target": "指标值", "indicator.actual": "实际完成值", "score.weight": "分值",
           "score.value": "得分", "nature": "指标性质", "unit": "计量单位", "note": "说明",
           "budget.initial": "年初预算数", "budget.adjustment": "预算调整数", "budget.adjusted": "全年预算数", "spend.actual": "全年执行数",
           "rate.execution": "执行率", "indicator.target_adjusted": "调整指标值", "score.ratio": "得分系数",
           "flag": "是否核心指标", None: "（不读）"}


def role_cn(role: str | None) -> str:
    return ROLE_CN.get(role, role or "")
