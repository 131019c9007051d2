"""Write the blocks of a metamorphic 自评表 variant (paragraphs, PAGE, Grids) as DOCX (real merges),
XLSX (merged ranges, pure numbers as number cells), PDF (reportlab, STSong-Light) or flattened text
in the shapes real excerpts come in."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from extractor.model import Cell, Location, Table
from samples.meta_layout import LEFT, PAGE, UP, Grid

# text styles: rows = a row per line, |-separated, merged cells vanish; cells = one cell per line
# ending in |, empty cells kept, rows not marked; tsv = tab-separated rows, every position a cell;
# spaced = one line per table, non-empty cells separated by a space; glued = cells run together.
TEXT_STYLES = ("rows", "cells", "tsv", "spaced", "glued")
FORMATS = ("docx", "xlsx", "pdf") + tuple(f"txt_{s}" for s in TEXT_STYLES)
SUFFIX = {"docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}
_NUMBER = re.compile(r"^(\d+)(?:\.(\d+))?(%?)$")


def suffix(fmt: str) -> str:
    return SUFFIX.get(fmt, ".txt")


def to_table(grid: Grid) -> Table:
    """A model Table whose rowspan/colspan come from the UP/LEFT markers."""
    cells: list[Cell] = []
    anchor: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(grid.rows, 1):
        for c, t in enumerate(row, 1):
            if t == UP:
                a = anchor[(r - 1, c)]
                a.rowspan = r - a.row + 1
                anchor[(r, c)] = a
            elif t == LEFT:
                a = anchor[(r, c - 1)]
                if a.row == r:
                    a.colspan = c - a.col + 1
                anchor[(r, c)] = a
            else:
                cell = Cell(text=t, row=r, col=c, location=Location(row=r, col=c))
                cells.append(cell)
                anchor[(r, c)] = cell
    return Table(cells=cells, location=Location())


def render(blocks: list, fmt: str, path: str | Path, *, xlsx_numbers: bool = True) -> Path:
    path = Path(path)
    if fmt == "docx":
        _docx(blocks, path)
    elif fmt == "xlsx":
        _xlsx(blocks, path, xlsx_numbers)
    elif fmt == "pdf":
        from samples.render_pdf import render_pdf

        wide = max((len(r) for b in blocks if isinstance(b, Grid) for r in b.rows), default=0) > 11
        render_pdf(path, [to_table(b) if isinstance(b, Grid) else b for b in blocks], font_size=7, indent=False,
                   repeat_header=False, landscape=wide)
    else:
        path.write_text(text(blocks, fmt.removeprefix("txt_")), encoding="utf-8")
    return path


def _docx(blocks: list, path: Path) -> None:
    """Word merges written as Word writes them (gridSpan, vMerge restart/continue); built on the XML
    rows directly because python-docx's cell() and merge() are quadratic in the table size."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.table import _Cell

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "宋体"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    for b in blocks:
        if b == PAGE:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif not isinstance(b, Grid):
            d.add_paragraph(b)
        else:
            _docx_table(d, b, _Cell)
    d.save(str(path))


def _docx_table(d, grid: Grid, cell_cls) -> None:
    t = to_table(grid)
    n_rows, n_cols = t.n_rows, t.n_cols
    cover = {}
    for c in t.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                cover[(r, k)] = c
    table = d.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    for r, tr in enumerate(table._tbl.tr_lst, 1):
        tcs = list(tr.tc_lst)
        for k in range(n_cols, 0, -1):
            a, tc = cover[(r, k)], tcs[k - 1]
            if k != a.col:
                tr.remove(tc)  # covered by a cell spanning from the left
                continue
            if a.colspan > 1:
                tc.grid_span = a.colspan
            if a.rowspan > 1:
                tc.vMerge = "restart" if r == a.row else "continue"
            if r == a.row and a.text:
                cell_cls(tc, table).text = a.text


def _xlsx(blocks: list, path: Path, numbers: bool) -> None:
    """One sheet; a table break with no caption continues right below (a printed page break leaves no
    trace in the cells), a caption takes its own row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    r = 1
    for b in blocks:
        if b == PAGE:
            continue
        if not isinstance(b, Grid):
            ws.cell(row=r, column=1, value=b)
            r += 1
            continue
        t = to_table(b)
        for c in t.cells:
            _put(ws.cell(row=r + c.row - 1, column=c.col), c.text, numbers)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=r + c.row - 1, start_column=c.col,
                               end_row=r + c.row + c.rowspan - 2, end_column=c.col + c.colspan - 1)
        r += t.n_rows
    wb.save(str(path))


def _put(cell, text: str, numbers: bool) -> None:
    m = _NUMBER.match(text) if numbers else None
    if not m:
        cell.value = text or None
        return
    places = len(m.group(2) or "")
    d = Decimal(text.rstrip("%"))
    if m.group(3):
        d /= 100
    cell.value = int(d) if d == d.to_integral_value() else float(d)
    cell.number_format = ("0" + ("." + "0" * places if places else "")) + ("%" if m.group(3) else "")


def text(blocks: list, style: str) -> str:
    out: list[str] = []
    for b in blocks:
        if b == PAGE:
            out.append("\f")
        elif not isinstance(b, Grid):
            out.append(b)
        else:
            out.extend(_grid_text(b, style))
    return "\n".join(out) + "\n"


def _grid_text(g: Grid, style: str) -> list[str]:
    shown = [[t for t in row if t not in (UP, LEFT)] for row in g.rows]  # merged cells once
    if style == "rows":
        return ["| " + " | ".join(r) + " |" for r in shown]
    if style == "cells":
        return [f"{t} |" if t else "|" for r in shown for t in r]
    if style == "tsv":
        return ["\t".join("" if t in (UP, LEFT) else t for t in row) for row in g.rows]
    cells = [t for r in shown for t in r if t]
    if style == "spaced":
        return [" ".join(cells)]
    if style == "glued":
        return ["".join(cells)]
    raise ValueError(f"unknown text style {style!r}")
