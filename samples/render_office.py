"""Render paragraphs and tables to DOCX (python-docx) and XLSX (openpyxl), for constructed samples and tests.

    from samples.render_office import render_docx, render_xlsx
    render_docx("out.docx", [("一、总体情况", 1), "单位：元", [["项目", "金额"], ["合计", "1,000.00"]]])
    render_xlsx("out.xlsx", {"表1": ["某单位项目支出表", "单位：元", [["项目", "金额"], ["合计", 1000]]]})

DOCX blocks: a str (paragraph, style Normal), a (text, level) tuple (paragraph in style Heading
<level>), a list of rows of str (table; a row shorter than the widest is padded), or an
extractor.model Paragraph/Table (a Table's rowspan/colspan become real Word merges: gridSpan and
vMerge). So `render_docx(p, doc.blocks)` re-renders a parsed document.

XLSX sheets: {sheet name: blocks}; a str is a one-cell row (a title), a list of rows is a table whose
cells are str, numbers (int/Decimal/float are written as numbers) or (value, number_format) pairs;
a Table keeps its merges as merged ranges. One empty row separates blocks unless gap=0.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Iterable, Mapping


def _grid(block) -> tuple[list[list], list[tuple[int, int, int, int]]]:
    """(rows of values, merges as (row, col, rowspan, colspan), 1-based) from a Table or rows."""
    if hasattr(block, "cells"):
        rows: list[list] = [["" for _ in range(block.n_cols)] for _ in range(block.n_rows)]
        merges = []
        for c in block.cells:
            rows[c.row - 1][c.col - 1] = c.value if c.value is not None and not c.text else c.text
            if c.rowspan > 1 or c.colspan > 1:
                merges.append((c.row, c.col, c.rowspan, c.colspan))
        return rows, merges
    rows = [list(r) for r in block]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], []


def render_docx(path: str | Path, blocks: Iterable, *, font: str = "宋体") -> Path:
    """Write `blocks` to a DOCX at `path` and return the path."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = font
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        elif isinstance(b, tuple):
            d.add_paragraph(b[0], style=f"Heading {b[1]}")
        elif hasattr(b, "text") and not hasattr(b, "cells"):
            level = getattr(b, "heading", None)
            d.add_paragraph(b.text, style=f"Heading {min(level, 9)}" if level else None)
        else:
            rows, merges = _grid(b)
            if not rows:
                continue
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    t.cell(r, c).text = "" if v is None else str(v)
            for r, c, rs, cs in merges:
                top = t.cell(r - 1, c - 1)
                text = top.text
                merged = top.merge(t.cell(r + rs - 2, c + cs - 2))
                merged.text = text  # python-docx joins the merged cells' paragraphs: keep the anchor's
    path = Path(path)
    d.save(str(path))
    return path


def render_xlsx(path: str | Path, sheets: Mapping[str, Iterable], *, gap: int = 1) -> Path:
    """Write {sheet name: blocks} to an XLSX at `path` and return the path."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, blocks in sheets.items():
        ws = wb.create_sheet(title=name)
        r = 1
        for b in blocks:
            if isinstance(b, str):
                ws.cell(row=r, column=1, value=b)
                r += 1 + gap
                continue
            rows, merges = _grid(b)
            for i, row in enumerate(rows):
                for k, v in enumerate(row):
                    _put(ws.cell(row=r + i, column=k + 1), v)
            for mr, mc, rs, cs in merges:
                ws.merge_cells(start_row=r + mr - 1, start_column=mc, end_row=r + mr + rs - 2, end_column=mc + cs - 1)
            r += len(rows) + gap
    path = Path(path)
    wb.save(str(path))
    return path


def _put(cell, v) -> None:
    fmt = None
    if isinstance(v, tuple):
        v, fmt = v
    if isinstance(v, Decimal):
        v = float(v) if v != v.to_integral_value() else int(v)  # openpyxl stores numbers as floats anyway
    if v == "":
        v = None
    cell.value = v
    if fmt:
        cell.number_format = fmt
