"""Render paragraphs and tables to a PDF with reportlab, in the built-in CID font STSong-Light (no font
files needed). Used by tests and sample generators to make PDF variants of a report.

    from samples.render_pdf import render_pdf
    render_pdf("out.pdf", ["一、总体情况", "单位：元", [["项目", "金额"], ["合计", "1,000.00"]]],
               page_numbers=True, header="某单位绩效自评报告")

A block is a str (paragraph; "\f" alone is a page break), a list of rows of str (table; the first row is the header, repeated
on every page the table runs onto unless repeat_header=False), or an extractor.model Paragraph/Table
(a Table keeps its rowspan/colspan). Reads a Document's blocks, so `render_pdf(p, doc.blocks)` works.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

FONT = "STSong-Light"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _table_rows(block) -> tuple[list[list[str]], list[tuple]]:
    """Rows of texts plus reportlab SPAN commands, from a model Table or a list of rows."""
    if hasattr(block, "cells"):
        rows = [["" for _ in range(block.n_cols)] for _ in range(block.n_rows)]
        spans = []
        for c in block.cells:
            rows[c.row - 1][c.col - 1] = c.text
            if c.rowspan > 1 or c.colspan > 1:
                spans.append(("SPAN", (c.col - 1, c.row - 1), (c.col + c.colspan - 2, c.row + c.rowspan - 2)))
        return rows, spans
    rows = [list(map(str, r)) for r in block]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows], []


def render_pdf(
    path: str | Path,
    blocks: Iterable,
    *,
    page_numbers: bool | str = False,
    header: str | None = None,
    footer: str | None = None,
    font_size: float = 12,
    indent: bool = True,
    repeat_header: bool = True,
    encrypt: str | None = None,
    col_widths: list[float] | None = None,
    rules: str = "grid",
    landscape: bool = False,
) -> Path:
    """Write `blocks` to `path`. page_numbers=True draws "— N —" at the bottom (or give a format such
    as "第 {n} 页"); header/footer draw a running line on every page; encrypt sets a user password;
    rules="three-line" draws tables with horizontal rules only (三线表), "none" without any rule;
    landscape turns the page for wide tables (as provinces print their many-column 自评表)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=font_size, leading=font_size * 1.8,
                          wordWrap="CJK", firstLineIndent=2 * font_size if indent else 0)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=font_size * 0.85,
                                leading=font_size * 1.1, wordWrap="CJK")
    number_fmt = page_numbers if isinstance(page_numbers, str) else "— {n} —"

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 10.5)
        w, h = doc.pagesize
        if header:
            canvas.drawCentredString(w / 2, h - 15 * mm, header)
        if footer:
            canvas.drawCentredString(w / 2, 18 * mm, footer)
        if page_numbers:
            canvas.drawCentredString(w / 2, 10 * mm, number_fmt.format(n=doc.page))
        canvas.restoreState()

    story = []
    for b in blocks:
        if b == "\f":
            story.append(PageBreak())
            continue
        if isinstance(b, str) or hasattr(b, "text") and not hasattr(b, "cells"):
            text = b if isinstance(b, str) else b.text
            story.append(Paragraph(escape(text), body))
            continue
        rows, spans = _table_rows(b)
        data = [[Paragraph(escape(t), cell_style) for t in r] for r in rows]
        t = Table(data, colWidths=col_widths, repeatRows=1 if repeat_header else 0)
        style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]
        if rules == "grid":
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif rules == "three-line":
            style += [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                      ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                      ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]
        t.setStyle(TableStyle(style))
        story.extend([t, Spacer(1, font_size * 0.5)])
    out = Path(path)
    from reportlab.lib.pagesizes import landscape as turned

    doc = SimpleDocTemplate(str(out), pagesize=turned(A4) if landscape else A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=25 * mm, encrypt=encrypt)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out
