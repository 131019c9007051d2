"""Budget tables: unit, header rows, column roles, row roles (total / detail / 其中 sub-item), and every
numeric cell of a role column as a Figure. Tables that look like 自评表 forms are left to the FM checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.extract import budget_vocab as V
from extractor.model import Document, Figure, Location, Paragraph, Table
from extractor.quantities import Quantity, is_empty, parse_value
from extractor.extract.forms import is_form_table

MONEY_ROLES = ("budget.initial", "budget.adjustment", "budget.adjusted", "spend.actual", "amount")
_UNIT_RE = re.compile(r"单位\s*[:：]\s*(万元|亿元|元)")
_HEADER_UNIT_RE = re.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
CODE_RE = re.compile(r"^(\d{3}(?:\d{2}){0,3})(?!\d)")  # 功能分类科目编码 201 / 20101 / 2010101
_SERIAL_RE = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]+[、.．]?|[（(]?\d{1,3}[)）.．、]?)$")


@dataclass
class BCell:
    text: str
    location: Location
    status: str  # value | empty | unreadable
    quantity: Quantity | None = None


@dataclass
class BColumn:
    index: int  # 0-based logical column
    header: str
    role: str
    unit: str
    year: str | None = None


@dataclass
class BRow:
    index: int  # 1-based table row
    label: str
    level: int  # 0 detail, 1 小计, 2 合计, 3 总计
    sub: bool  # a 其中 sub-item of the row above
    scope: str | None
    cells: dict[int, BCell] = field(default_factory=dict)  # column index -> cell
    explicit_scope: bool = False
    code: str | None = None  # classification code (201, 20101 …) when the row has one


@dataclass
class BTable:
    table: Table
    number: int
    unit: str
    columns: list[BColumn]
    rows: list[BRow]
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # the reading of its sums

    def column(self, role: str) -> BColumn | None:
        return next((c for c in self.columns if c.role == role), None)

    def pick(self, role: str, year: str | None = None) -> BColumn | None:
        """The column of `role`; with several (2020年决算数, 2021年决算数), the one of `year`, else None."""
        cols = [c for c in self.columns if c.role == role]
        if len(cols) <= 1:
            return cols[0] if cols else None
        same = [c for c in cols if year and c.year == year]
        return same[0] if len(same) == 1 else None

    def where(self) -> str:
        return f"表{self.number}"


def _logical_grid(t: Table) -> list[list[str]]:
    """Grid texts; ragged rows (text tables without spans) are right-aligned, so a row with an extra
    serial-number cell or a header shorter than the data rows still lines up by its value columns."""
    n = t.n_cols
    spans = any(c.rowspan > 1 or c.colspan > 1 for c in t.cells)
    if spans:
        return t.texts()
    out = []
    for row in t.rows():
        texts = [c.text for c in row]
        out.append([""] * (n - len(texts)) + texts)
    return out


def _cell_at(t: Table, cells: list, grid_row: int, col: int, ragged: bool, n_cols: int) -> Location:
    """Location of the cell shown at (grid_row, col), 0-based; `cells` is t.rows() (ragged) or t.grid()."""
    if ragged:
        row = cells[grid_row]
        k = col - (n_cols - len(row))
        if 0 <= k < len(row):
            return row[k].location
    else:
        c = cells[grid_row][col] if col < len(cells[grid_row]) else None
        if c is not None:
            return c.location
    return t.location.with_(row=grid_row + 1, col=col + 1)


def _unit_near(doc: Document | None, t: Table, header_texts: list[str]) -> str:
    for s in [t.caption or "", *header_texts]:
        m = _UNIT_RE.search(s)
        if m:
            return m.group(1)
    if doc is not None:
        blocks = doc.blocks
        for i, b in enumerate(blocks):
            if b is t:
                for prev in reversed(blocks[max(0, i - 2):i]):
                    if isinstance(prev, Paragraph):
                        m = _UNIT_RE.search(prev.text)
                        if m:
                            return m.group(1)
                break
    return ""


def _is_data_row(row: list[str]) -> bool:
    """A row holding a figure. Small whole numbers alone may be numbering: a row number in the first
    column, or a column-numbering row (栏次 1 2 3); a lone 30 in a value column is a figure."""
    vals = [(k, x.strip()) for k, x in enumerate(row) if x.strip() and parse_value(x) is not None]
    if any(not _SERIAL_RE.match(x) for _, x in vals):
        return True
    small = [int(x) for k, x in vals if k > 0 and x.isdigit()]
    return bool(small) and not (len(small) >= 2 and all(b == a + 1 for a, b in zip(small, small[1:])))


def analyse_table(t: Table, doc: Document | None = None) -> BTable | None:
    """The budget structure of `t`, or None when it is not a budget table (or is a form)."""
    grid = _logical_grid(t)
    if not grid or t.n_cols < 2:
        return None
    if is_form_table(t):
        return None
    ragged = not any(c.rowspan > 1 or c.colspan > 1 for c in t.cells)
    cell_rows = t.rows() if ragged else t.grid()
    n_cols = t.n_cols  # a computed property: once, not per cell
    # header rows: those above the first row that holds a number
    first_data = next((i for i, r in enumerate(grid) if _is_data_row(r)), None)
    if first_data is None:
        return None
    header = grid[:first_data]
    header_texts = [x for r in header for x in r]
    unit = _unit_near(doc, t, header_texts)
    if not header:
        return _headerless(t, grid, unit, cell_rows, ragged, n_cols)
    columns: list[BColumn] = []
    for k in range(n_cols):
        texts = []
        for r in header:
            if r[k] and r[k] not in texts:
                texts.append(r[k])
        role = None
        for txt in reversed(texts):  # the lowest header row is the most specific
            role = V.column_role(txt)
            if role:
                break
        combined = "".join(texts)
        role = role or V.column_role(combined)
        if role:
            m = _HEADER_UNIT_RE.search(combined)
            y = _YEAR_RE.search(combined)
            columns.append(BColumn(k, V.squash(texts[-1] if texts else ""), role,
                                   m.group(1) if m else unit, y.group(1) if y else None))
    if not any(c.role in MONEY_ROLES or c.role == "rate.execution" for c in columns):
        return None
    return _read_rows(t, grid, first_data, columns, unit, cell_rows, ragged, n_cols)


def _headerless(t: Table, grid: list[list[str]], unit: str, cell_rows, ragged: bool, n_cols: int) -> BTable | None:
    """A list of amounts without a header row (项目 | 金额 lines under "支出明细（单位：元）"): read when its
    unit is stated above it and exactly one column holds the amounts, names to its left. The column's role
    is then the neutral `amount`: it is summed, and compared only where it is the table's one figure."""
    if not unit:
        return None
    numeric = [k for k in range(n_cols)
               if sum(1 for r in grid if r[k].strip() and parse_value(r[k]) is not None) * 2 > len(grid)]
    if len(numeric) != 1 or numeric[0] == 0:
        return None
    k = numeric[0]
    if any(parse_value(r[j]) is not None for r in grid for j in range(k) if r[j].strip()):
        return None  # figures left of the amounts: not a plain list
    return _read_rows(t, grid, 0, [BColumn(k, "", "amount", unit)], unit, cell_rows, ragged, n_cols)


def _read_rows(t, grid, first_data, columns, unit, cell_rows, ragged, n_cols) -> BTable:
    role_cols = {c.index for c in columns}
    first_role = min(role_cols)
    rows: list[BRow] = []
    for gi in range(first_data, len(grid)):
        r = grid[gi]
        parts = []
        code = None
        for k in range(first_role):
            x = r[k].strip()
            cm = CODE_RE.match(x)
            if cm and code is None and len(x) >= 3:
                code = cm.group(1)
                x = x[cm.end():].strip()
            if x and x not in parts and not _SERIAL_RE.match(x):
                parts.append(x)
        label = " ".join(parts)
        scope = V.scope_of(label)
        row = BRow(gi + 1, label, V.total_level(label), V.is_subitem(label), scope, explicit_scope=scope is not None,
                   code=code)
        for c in columns:
            text = r[c.index].strip()
            loc = _cell_at(t, cell_rows, gi, c.index, ragged, n_cols)
            if is_empty(text):
                row.cells[c.index] = BCell(text, loc, "empty")
                continue
            q = parse_value(text, default_unit=c.unit if c.role != "rate.execution" else "%")
            if q is None:
                row.cells[c.index] = BCell(text, loc, "unreadable")
                continue
            if c.role == "rate.execution" and not q.unit:
                q = q.with_unit("%")
            row.cells[c.index] = BCell(text, loc, "value", q)
        if not label and all(cell.status == "empty" for cell in row.cells.values()):
            continue
        rows.append(row)
    return BTable(t, t.location.table or 0, unit, columns, rows)


def analyse_tables(doc: Document) -> list[BTable]:
    out = []
    for t in doc.tables():
        bt = analyse_table(t, doc)
        if bt is not None:
            out.append(bt)
    return out


def table_figures(bt: BTable) -> list[Figure]:
    from extractor.extract.budget_structure import structure  # it reads these tables

    subs = structure(bt).subs
    figs = []
    for row in bt.rows:
        table_role = "subitem" if row.sub or row.index in subs else ("total" if row.level else "detail")
        for c in bt.columns:
            cell = row.cells.get(c.index)
            if cell is None or cell.status != "value":
                continue
            meta = [("table_role", table_role), ("column", c.header), ("row_label", row.label),
                    ("total_level", row.level)]
            if row.scope:
                meta.append(("scope", row.scope))
            if c.year:
                meta.append(("year", c.year))
            figs.append(Figure(label=row.label or c.header, role=c.role, quantity=cell.quantity,
                               location=cell.location, quote=f"{row.label}\t{cell.text}".strip(),
                               meta=tuple(meta)))
    return figs
