"""Once a form is read: decide each block's column roles (form_columns) and give every row its target,
actual, 分值, 得分, nature, unit and note — or say why it has none. Fund blocks first (their 分值 and
得分 count in the form's totals), then the indicator tables, then the 总分 row."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_columns import Reading, Totals
from extractor.extract.form_grid import solve_grid
from extractor.extract.form_stream import solve_stream
from extractor.extract.form_kinds import kind_of
from extractor.extract.form_model import Column, Form, FundRow, IndicatorRow, Raw, Val
from extractor.quantities import label_unit, parse_value, with_default_unit

COMPONENT_ROLES = ("budget.initial", "budget.adjusted", "spend.actual", "rate.execution", "note")
VALUE_ROLES = ("budget.initial", "budget.adjustment", "budget.adjusted", "spend.actual", "rate.execution", "score.weight", "score.value")


def resolve(f: Form) -> None:
    from extractor.extract.form_glue import solve_glued, split_total

    totals = _totals(f, split_total)
    for i, b in enumerate(f.blocks, 1):
        if b.kind != "fund":
            continue
        rows = [r for r in f.fund_rows if r.block == i]
        # the templates give 分值 and 得分 on the total row only: 其中 rows hold amounts and a rate
        allowed = [None if r.kind == "total" else COMPONENT_ROLES for r in rows]
        reading = _solve(b, [r.raw for r in rows], [r.kind for r in rows], totals, allowed)
        if reading is not None:
            money = _block_unit(b, "money") or _caption_unit(f)
            weight = _header_weight(b)
            for r, cells, why in zip(rows, reading.rows, reading.why):
                _apply_fund(r, cells, why)
                if weight is not None and "score.value" in r.values and "score.weight" not in r.values:
                    r.values["score.weight"] = replace(weight, loc=weight.loc or r.loc)
                for role in ("budget.initial", "budget.adjustment", "budget.adjusted", "spend.actual"):
                    _default_unit(r.values.get(role), money)
    for r in f.fund_rows:
        if r.block == 0 or f.block_of(r.block) is None:
            _apply_fund(r, {}, "资金行前没有表头")
    f.fund_cols = [c.role for b in f.blocks if b.kind == "fund" and b.colmap for c in b.colmap.columns if c.role]
    solve_glued(f)
    fund = f.total_row or (f.fund_rows[0] if len(f.fund_rows) == 1 else None)
    if fund is not None:
        totals.fund_weight = _value(fund.values.get("score.weight"))
        totals.fund_score = _value(fund.values.get("score.value"))
    for i, b in enumerate(f.blocks, 1):
        if b.kind != "indicator":
            continue
        rows = [r for r in f.indicators if r.block == i and r.raw]
        if b.stated_weight is not None and b.stated_weight.q is not None:
            totals.block_weight = b.stated_weight.q.value
        reading = _solve(b, [r.raw for r in rows], [r.level1 for r in rows], totals, floating=[r.floating for r in rows])
        if reading is None:
            for r in rows:
                _apply_indicator(r, {}, "指标表没有可用的表头")
            continue
        units = _column_units(b.colmap)
        for r, cells, why in zip(rows, reading.rows, reading.why):
            _apply_indicator(r, cells, why, units)
        f.ind_cols = [c.role for c in b.colmap.columns if c.role]
    for r in f.indicators:
        if r.raw and (r.block == 0 or f.block_of(r.block) is None or f.block_of(r.block).kind != "indicator"):
            _apply_indicator(r, {}, "指标行前没有表头")
    _apply_total(f, split_total)
    f.kind = form_kind(f)


def form_kind(f: Form) -> str:
    """self_assessment, declaration (targets only, by its title), evaluation, or targets_only: a form
    whose indicator table has no column for actuals or scores (nothing to check against targets)."""
    t = V.norm(f.title)
    for e in V.vocab()["form_kinds"]:
        if any(w in t for w in e["words"]) and "自评" not in t:
            return e["kind"]
    roles = {c.role for b in f.blocks if b.kind == "indicator" and b.colmap for c in b.colmap.columns}
    # run-together rows are cut without a column map: the cells they were given count
    roles |= {"indicator.actual" for r in f.indicators if r.actual is not None}
    roles |= {"score.value" for r in f.indicators if r.score is not None}
    if f.blocks and any(b.kind == "indicator" for b in f.blocks) and not roles & {"indicator.actual", "score.value"}:
        return "targets_only"
    return "self_assessment"


def _solve(b, rows: list[list[Raw]], groups: list, totals: Totals, allowed=None, floating=None) -> Reading | None:
    if not b.header or not rows:
        return None
    grid = [i for i, row in enumerate(rows) if row and all(x.col is not None for x in row)]
    if not grid or not any(c.loc is not None and c.loc.col for c in b.header):
        reading = solve_stream(b.kind, b.header, rows, groups, totals, allowed, floating)
        b.colmap = reading.colmap
        return reading
    reading = solve_grid(b.kind, b.header, [rows[i] for i in grid], [groups[i] for i in grid], totals)
    b.colmap = reading.colmap
    rest = [i for i in range(len(rows)) if i not in set(grid)]
    if not rest:
        return reading
    # rows whose cells lost their grid positions (text beside the table, a part over a page break):
    # placed in order into the columns the grid reading found
    slots = [Column(c.key, c.header, c.role) for c in reading.colmap.columns if c.role]
    flat = solve_stream(b.kind, slots, [rows[i] for i in rest], [groups[i] for i in rest], totals,
                        [allowed[i] for i in rest] if allowed else None, [floating[i] for i in rest] if floating else None)
    merged_rows, merged_why = [{}] * len(rows), [""] * len(rows)
    for k, i in enumerate(grid):
        merged_rows[i], merged_why[i] = reading.rows[k], reading.why[k]
    for k, i in enumerate(rest):
        merged_rows[i], merged_why[i] = flat.rows[k], flat.why[k]
    return Reading(reading.colmap, list(merged_rows), merged_why)


def _value(v: Val | None) -> Decimal | None:
    return v.q.value if v is not None and v.q is not None else None


def _totals(f: Form, split_total) -> Totals:
    t = Totals()
    for g in f.groups:
        if g.weight is not None and g.weight.q is not None:
            t.groups[g.level1] = g.weight.q.value
    nums = [x.val for x in f.total_raw if x.val is not None and x.val.q is not None]
    if len(f.total_raw) == 1 and f.total_raw[0].val is not None and f.total_raw[0].val.q is None:
        nums = split_total(f.total_raw[0].val) or []
    if nums:
        t.weight = nums[0].q.value
        if len(nums) >= 2:
            t.score = nums[1].q.value
    return t


def _val(x: Raw) -> Val:
    return x.val if x.val is not None else Val(x.text, x.loc)


def _apply_fund(r: FundRow, cells: dict[str, Raw], why: str) -> None:
    r.cells = [(None, _val(x)) for x in r.raw if x.text.strip()]
    if r.mixed and r.raw:  # amounts read before the header was complete
        r.aligned, r.values, r.why = "bad", {}, "数字夹在表头文字之间，无法对应到列"
        return
    if any(kind_of(x).name == "glued" for x in r.raw):
        r.aligned = "glued"
        return
    if not cells:
        r.aligned = "bad" if any(x.val is not None and x.val.q is not None for x in r.raw) else "exact"
        if why and r.aligned == "bad":
            r.why = why
        return
    r.values = {role: x.val for role, x in cells.items() if role in VALUE_ROLES and x.val is not None and x.val.q is not None}
    r.cells = [(next((k for k, v in cells.items() if v is x), None), _val(x)) for x in r.raw if x.text.strip()]
    note = cells.get("note")
    r.note = note.text.strip() if note is not None else ""
    r.aligned = "exact"
    failed = _rate_misread(cells)
    if failed:  # a rate finding here would only report the misreading
        r.aligned, r.values = "bad", {}
        r.why = f"执行率=执行数÷预算数 不成立（{failed}），而换一种列序成立，列序不确定"


def _rate_misread(cells: dict[str, Raw]) -> str:
    """The failed rate constraint, when the row's rate fails it under the columns chosen but holds with
    the money cells in another order (执行数 and a 预算数 swapped); '' otherwise. A rate no order of the
    row's amounts explains is the form's own error and stays checkable."""
    from extractor.extract.form_columns import rate_holds, cell_number

    rate, spent = cell_number(cells.get("rate.execution")), cell_number(cells.get("spend.actual"))
    budgets = [q for k in ("budget.adjusted", "budget.initial") if (q := cell_number(cells.get(k))) is not None]
    if rate is None or spent is None or not budgets or any(rate_holds(b, spent, rate) for b in budgets):
        return ""
    money = [spent] + budgets
    if any(rate_holds(b, s, rate) for s in money for b in money if b is not s):
        return f"{spent.raw} ÷ {budgets[0].raw} ≠ {rate.raw}"
    return ""


def _block_unit(b, dimension: str):
    """A unit the block's header states (项目资金（万元）, 年度预算数(万元)) in the given dimension."""
    for c in b.header:
        lu = label_unit(c.header) if c.header else None
        if lu is not None and lu[0].dimension == dimension:
            return lu[0]
    return None


_HEADER_WEIGHT = re.compile(r"[（(]\s*(?:分值|满分|权重|共)?\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")


def _header_weight(b) -> Val | None:
    """The weight a fund block's 得分 header states (得分（分值10）, 得分(10分)), for a block with no
    分值 column of its own."""
    if b.colmap is None or any(c.role == "score.weight" for c in b.colmap.columns):
        return None
    for c in b.colmap.columns:
        m = _HEADER_WEIGHT.search(c.header or "") if c.role == "score.value" else None
        if m:
            return Val(m.group(1), c.loc, parse_value(m.group(1)))
    return None


def _caption_unit(f: Form):
    """The money unit of the fund block's caption (项目资金（万元）) where the caption is no header
    column (flattened text keeps it as a word of its own)."""
    markers = V.vocab()["fund_block_markers"]
    for t in f.texts:
        n = V.norm(t.text)
        if len(n) <= 16 and any(m in n for m in markers):
            lu = label_unit(n)
            if lu is not None and lu[0].dimension == "money":
                return lu[0]
    return None


def _column_units(cm) -> dict[str, object]:
    """Units stated in column headers (年度指标值(万元)), by the role of the column."""
    out = {}
    for c in cm.columns:
        lu = label_unit(c.header) if c.role in ("indicator.target", "indicator.actual") and c.header else None
        if lu is not None:
            out[c.role] = lu[0]
    return out


def _default_unit(v: Val | None, unit) -> None:
    """A bare figure takes the unit its row or column states (实施面积(亩) | 30000 is 30000亩)."""
    if v is not None and v.q is not None and not v.q.unit and unit is not None:
        v.q = with_default_unit(v.q, unit)


def _apply_indicator(r: IndicatorRow, cells: dict[str, Raw], why: str, units: dict | None = None) -> None:
    if not cells:
        r.reliable = False
        r.why = why or r.why
        r.extra = [_val(x) for x in r.raw if x.val is not None]
        return
    used = {id(x) for x in cells.values()}
    values: dict[str, Val] = {}
    for role in ("indicator.target", "indicator.actual", "indicator.target_adjusted"):
        x = cells.get(role)
        if x is not None and kind_of(x).name != "empty":
            values[role] = _val(x)
    for role in ("score.weight", "score.value", "score.ratio"):  # figures only
        x = cells.get(role)
        if x is not None and x.val is not None and x.val.q is not None:
            values[role] = _val(x)
    flag = cells.get("flag")
    if flag is not None and flag.text.strip():
        values["flag"] = Val(V.norm(flag.text), flag.loc)
    r.take(values)
    nat = cells.get("nature")
    if nat is not None:
        r.comparator = V.comparator_only(nat.text) or V.nature_word(nat.text) or r.comparator
    unit = cells.get("unit")
    if unit is not None and kind_of(unit).name == "unit":
        r.unit = V.norm(unit.text).strip("()")
    note = cells.get("note")
    if note is not None and note.text.strip():
        r.note = (r.note + " " + note.text.strip()).strip()
    r.extra = [_val(x) for x in r.raw if id(x) not in used and x.val is not None and x.val.q is not None]
    named = label_unit(r.name)
    for attr, role in (("target", "indicator.target"), ("actual", "indicator.actual")):
        v = getattr(r, attr)
        if r.unit and v is not None and v.q is not None and not v.q.unit:
            v.q = replace(v.q, unit=r.unit)  # the row's 计量单位 cell
        _default_unit(v, named[0] if named else None)
        _default_unit(v, (units or {}).get(role))


def _apply_total(f: Form, split_total) -> None:
    _total_rows(f, split_total)
    if f.total_score is None and f.header_score is not None:
        f.total_score = f.header_score  # 自评得分 95 stated above the table, no 总分 row under it


def _total_rows(f: Form, split_total) -> None:
    raw = list(f.total_raw)
    while raw and not raw[-1].text.strip() and len(raw) > 2:
        raw.pop()
    if not raw:
        return
    vals = [x.val for x in raw if x.val is not None and x.val.q is not None]
    cm = next((b.colmap for b in reversed(f.blocks) if b.kind == "indicator" and b.colmap), None)
    roles = cm.roles() if cm is not None else []
    if cm is None:  # rows cut out of run-together text: the order their columns were cut in
        b = next((b for b in reversed(f.blocks) if b.kind == "indicator"), None)
        roles = (b.glue_slots or [c.hint for c in b.header]) if b is not None else []
    weight_first = "score.weight" not in roles or "score.value" not in roles \
        or roles.index("score.weight") < roles.index("score.value")
    one = raw[0].val if len(raw) == 1 else None
    # run-together digits (总分100100, 99.67100: no score has more than two decimals)
    if one is not None and (one.q is None or one.q.decimals > 2):
        vals = split_total(one, weight_first) or []
        if not vals:
            f.issues.append(("总分一行数字粘连，无法可靠拆分为分值与得分", f.total_quote, f.loc))
            return
    if cm is not None and cm.positional and all(x.col is not None for x in raw):
        for x in raw:
            role = cm.role(x.col)
            if role == "score.weight" and x.val is not None and x.val.q is not None:
                f.total_weight = x.val
            elif role == "score.value" and x.val is not None and x.val.q is not None:
                f.total_score = x.val
        if f.total_weight is not None or f.total_score is not None:
            return
    if len(raw) >= 2 and len(vals) < 2 and not raw[1].text.strip():  # 总分 | 100 | (empty)
        first = raw[0].val if raw[0].val is not None and raw[0].val.q is not None else None
        if weight_first:
            f.total_weight = first
        else:
            f.total_score = first
    elif len(vals) >= 2:
        f.total_weight, f.total_score = (vals[0], vals[1]) if weight_first else (vals[1], vals[0])
    elif "得分" in f.total_label or "自评" in f.total_label:
        f.total_score = vals[0] if vals else None
    elif vals and not any(r.score for r in f.indicators):
        f.total_weight = vals[0]
