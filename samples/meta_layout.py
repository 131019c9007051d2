"""How a metamorphic 自评表 variant presents its spec: Layout (header words, column order, optional
columns, merges, where units and comparators are written, digits, table breaks) and
build(spec, layout) -> blocks: paragraph strings, PAGE, and Grids (rows of cell texts in which UP /
LEFT mark a cell merged with the one above / to the left)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from samples.meta_spec import Row, Spec, num_text

UP, LEFT, PAGE = "\x00^", "\x00<", "\f"
MONEY = ("initial", "budget", "spend")


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Layout:
    """Defaults: the 2020 财政部 项目支出绩效自评表 template (the canonical rendering)."""

    title: str = "项目支出绩效自评表"
    year_row: str = "（{y}年度）"
    title_in_table: bool = True
    info_labels: tuple[str, str, str] = ("项目名称", "主管部门", "实施单位")
    fund_label: str = "项目资金"
    fund_unit: str = "label"  # label | header | cell | caption: where 万元 is written
    label_above: str = ""  # a cell above the fund row labels (年度预算数)
    fund_cols: tuple[str, ...] = ("initial", "budget", "spend", "weight", "rate", "score")
    fund_heads: tuple[tuple[str, str], ...] = (("initial", "年初预算数"), ("budget", "全年预算数"),
                                               ("spend", "全年执行数"), ("weight", "分值"), ("rate", "执行率"),
                                               ("score", "得分"))
    fund_rows: tuple[str, str, str, str] = ("年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金")
    fund_blank: str = ""  # what an empty fund cell shows ("", "/", "—")
    goal_heads: tuple[str, str, str] = ("年度总体目标", "预期目标", "实际完成情况")
    lead: str = "绩效指标"  # "" = no leading label column; may contain {w} (the indicators' total weight)
    ind_cols: tuple[str, ...] = ("target", "actual", "weight", "score")  # may include nature, unit
    note_col: bool = True
    heads: tuple[tuple[str, str], ...] = (("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标"),
                                          ("nature", "指标性质"), ("target", "年度指标值"), ("unit", "度量单位"),
                                          ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                                          ("note", "偏差原因分析及改进措施"), ("target_adj", "调整指标值"),
                                          ("ratio", "得分系数（%）"), ("core", "是否核心指标"))
    group_fmt: str = "{name}（{w}分）"
    sat_level2: str = "服务对象满意度指标"
    total_label: str = "总分"
    other_label: str = "其他需要说明事项"
    unit_mode: str = "cell"  # cell | name | column (actual bare) | column_keep (actual keeps its unit)
    cmp_style: str = "symbol"  # symbol | cjk | ascii | words
    merge: str = "merged"  # merged | repeated | blank
    fullwidth: str = ""  # "" | digits | all
    split_at: int = 0  # indicator rows before a table break (0: none)
    split_how: str = "continued"  # continued (second table after a caption) | page (page break)
    split_header: bool = True
    split_caption: str = "续表"
    split_labels: bool = True  # the second part repeats the 一级/二级 labels (else blank cells)
    xlsx_numbers: bool = True  # XLSX cells holding a pure number are number cells

    def head(self, role: str) -> str:
        return dict(self.heads)[role]

    def fund_head(self, role: str) -> str:
        return dict(self.fund_heads)[role]

    def with_heads(self, **kw: str) -> "Layout":
        return replace(self, heads=tuple((r, kw.get(r, t)) for r, t in self.heads))

    def with_fund_heads(self, **kw: str) -> "Layout":
        return replace(self, fund_heads=tuple((r, kw.get(r, t)) for r, t in self.fund_heads))


SYMBOLS = {"symbol": {">=": "≥", "<=": "≤", "=": "="}, "cjk": {">=": "≧", "<=": "≦", "=": "＝"},
           "ascii": {">=": ">=", "<=": "<=", "=": "="}}
WORDS = {">=": ("不低于{v}", "{v}以上", "不少于{v}"), "<=": ("不超过{v}", "{v}以内", "不高于{v}"), "=": ("={v}",)}
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
FULL_ALL = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


def _cmp(lay: Layout, cmp: str, value: str, k: int) -> str:
    if not cmp:
        return value
    if lay.cmp_style == "words" and "nature" not in lay.ind_cols:
        forms = WORDS[cmp]
        return forms[k % len(forms)].format(v=value)
    return SYMBOLS.get(lay.cmp_style, SYMBOLS["symbol"])[cmp] + value


def _row_cells(spec: Spec, lay: Layout, r: Row, k: int) -> dict[str, str]:
    mode = lay.unit_mode
    bare_t, bare_a = r.target, r.actual.rstrip("%") if r.numeric else r.actual
    in_cell = r.unit if mode == "cell" else ""
    tgt = bare_t + in_cell
    cells = {"level3": r.name + (f"（{r.unit}）" if mode == "name" and r.unit else ""),
             "nature": SYMBOLS.get(lay.cmp_style, SYMBOLS["symbol"]).get(r.cmp, ""),
             "target": tgt if "nature" in lay.ind_cols else _cmp(lay, r.cmp, tgt, k),
             "unit": r.unit,
             "actual": bare_a + (r.unit if mode in ("cell", "column_keep") and r.numeric else ""),
             "weight": num_text(r.weight), "score": num_text(r.score), "note": r.note,
             # 重庆-style columns: an adjusted target left blank, 得分 ÷ 分值 as the 得分系数, a core flag
             "target_adj": "", "ratio": _ratio(r.score, r.weight), "core": "是" if k % 3 == 0 else "否"}
    if r.actual_cmp:
        cells["actual"] = _cmp(lay, r.actual_cmp, cells["actual"], k)
    if spec.blank_results:
        cells["actual"] = cells["score"] = cells["ratio"] = ""
    return cells


def _ratio(score: Decimal, weight: Decimal) -> str:
    """得分 ÷ 分值 as a percentage to two decimals (the way the forms print their 得分系数)."""
    if not weight:
        return ""
    return f"{(score / weight * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def _pad(row: list[str], width: int) -> list[str]:
    """A row narrower than the grid: its last cell spans the rest."""
    return row + [LEFT] * (width - len(row))


def _spread(cells: list[str], width: int, wide: tuple[int, ...]) -> list[str]:
    """Lay `cells` over `width` columns, giving the extra columns to the cells at index in `wide`."""
    spans = [1] * len(cells)
    extra, i = width - len(cells), 0
    while extra > 0:
        spans[wide[i % len(wide)]] += 1
        extra -= 1
        i += 1
    out: list[str] = []
    for c, s in zip(cells, spans):
        out += [c] + [LEFT] * (s - 1)
    return out


def build(spec: Spec, lay: Layout) -> list:
    cols = (["lead"] if lay.lead else []) + ["level1", "level2", "level3"] + list(lay.ind_cols)
    cols += ["note"] if lay.note_col else []
    n_label = 4 if lay.lead else 3
    width = max(len(cols), 2 + len(lay.fund_cols), 6)
    money_unit = "（万元）"

    def money(d) -> str:
        if d is None:
            return lay.fund_blank
        return spec.money(d) + ("万元" if lay.fund_unit == "cell" else "")

    rows: list[list[str]] = []
    title = lay.title if not spec.title_year else f"{spec.title_year}年度{lay.title}"
    year = lay.year_row.format(y=spec.year)
    if lay.title_in_table:
        rows += [_pad([title], width), _pad([year], width)]
    labels = lay.info_labels
    rows.append(_spread([labels[0], spec.project, labels[1], spec.dept, labels[2], spec.agency], width, (1, 3, 5)))
    # fund block
    unit_in_label = lay.fund_unit == "label"
    above = lay.label_above + (money_unit if unit_in_label and lay.label_above else "")
    block = lay.fund_label + (money_unit if unit_in_label and not lay.label_above else "")
    heads = [lay.fund_head(c) + (money_unit if lay.fund_unit == "header" and c in MONEY else "") for c in lay.fund_cols]
    rows.append(_pad([block, above] + heads, width))
    lines = [spec.total] + spec.parts
    for i, (line, label) in enumerate(zip(lines, lay.fund_rows)):
        vals = {"initial": money(line.initial), "budget": money(line.budget), "spend": money(line.spend),
                "weight": lay.fund_blank, "rate": lay.fund_blank, "score": lay.fund_blank}
        if i == 0:
            vals.update(weight=num_text(spec.fund_weight), rate=spec.rate_written(),
                        score=num_text(spec.fund_score_value()))
        rows.append(_pad([UP, label] + [vals[c] for c in lay.fund_cols], width))
    # goal block
    gl, g1, g2 = lay.goal_heads
    half = (width - 1) // 2
    rows.append([gl, g1] + [LEFT] * (half - 1) + [g2] + [LEFT] * (width - 2 - half))
    rows.append([UP, spec.goal] + [LEFT] * (half - 1) + [spec.done] + [LEFT] * (width - 2 - half))
    # indicator table
    head_cells = {c: lay.head(c) for c in cols if c != "lead"}
    if lay.lead:
        head_cells["lead"] = lay.lead.format(w=num_text(spec.total_weight() - spec.fund_weight))
    ind_start = len(rows) + 1
    rows.append(_pad([head_cells[c] for c in cols], width))
    prev = (None, None)
    for k, r in enumerate(spec.rows):
        cells = _row_cells(spec, lay, r, k)
        l1 = lay.group_fmt.format(name=r.level1, w=num_text(spec.group_weight(r.level1))) if spec.group_stated else r.level1
        l2 = lay.sat_level2 if r.level2 == "服务对象满意度指标" else r.level2
        cells["lead"] = UP
        cells["level1"] = l1 if prev[0] != r.level1 else UP
        cells["level2"] = l2 if prev != (r.level1, r.level2) else UP
        prev = (r.level1, r.level2)
        rows.append(_pad([cells[c] for c in cols], width))
    total = {"weight": num_text(spec.total_weight()), "score": num_text(spec.total_score())}
    rows.append(_pad([lay.total_label] + [LEFT] * (n_label - 1) + [total.get(c, "") for c in cols[n_label:]], width))
    if spec.other_notes:
        rows.append([lay.other_label] + [LEFT] * (n_label - 1) + [spec.other_notes] + [LEFT] * (width - n_label - 1))
    parts = _split(rows, ind_start, lay)
    parts = [_unmerge(p, lay.merge) for p in parts]
    blocks: list = [] if lay.title_in_table else [title, year]
    if lay.fund_unit == "caption":
        blocks.append("单位：万元")
    blocks.append(Grid(tuple(map(tuple, parts[0]))))
    if len(parts) > 1:
        # a page break, or the caption line (an empty paragraph keeps two Word tables apart)
        blocks.append(PAGE if lay.split_how == "page" else lay.split_caption)
        blocks.append(Grid(tuple(map(tuple, parts[1]))))
    if spec.footnote:
        blocks.append(spec.footnote)
    return [_digits(b, lay.fullwidth) for b in blocks]


def _anchor(rows: list[list[str]], r: int, c: int) -> str:
    while r > 0 and rows[r][c] == UP:
        r -= 1
    return rows[r][c]


def _split(rows: list[list[str]], ind_start: int, lay: Layout) -> list[list[list[str]]]:
    """The grid as one part, or two parts broken after `split_at` indicator rows."""
    at = ind_start + lay.split_at
    if not lay.split_at or at >= len(rows) - 1:
        return [rows]
    first, second = rows[:at], [list(r) for r in rows[at:]]
    head = [list(rows[ind_start - 1])] if lay.split_header else []
    top = second[0]
    for c, t in enumerate(top):
        if t != UP or c == 0 and lay.lead and head:
            continue  # the lead column goes on merging with the repeated header's cell
        top[c] = _anchor(rows, at, c) if lay.split_labels else ""
    return [first, head + second]


def _unmerge(rows: list[list[str]], mode: str) -> list[list[str]]:
    """'repeated': every covered cell repeats its vertical anchor's text; 'blank': covered cells are
    empty; horizontal spans become empty cells in both (text exports of merged cells)."""
    if mode == "merged":
        return rows
    out = [list(r) for r in rows]
    for r, row in enumerate(out):
        for c, t in enumerate(row):
            if t == LEFT:
                row[c] = ""
            elif t == UP:
                row[c] = out[r - 1][c] if mode == "repeated" else ""
    return out


def _digits(block, how: str):
    if not how:
        return block
    table = FULL if how == "digits" else FULL_ALL
    if isinstance(block, Grid):
        return Grid(tuple(tuple(t if t in (UP, LEFT) else t.translate(table) for t in r) for r in block.rows))
    return block if block == PAGE else block.translate(table)
