"""DOCX body reading: paragraphs (style headings, list numbers, text boxes) and tables (merged cells
once with their spans, nested tables apart, captions) in body order."""

from __future__ import annotations

import re

from extractor.model import Cell, Location, Paragraph, Table
from extractor.parsers.docx_numbering import Numbering
from extractor.parsers.docx_xml import W_P, W_TBL, W_TC, W_TR, W_VAL, children, inline, outline_level, prop, to_int, w
from extractor.parsers.text import table_caption

_TOC_STYLE = re.compile(r"^\s*(?:toc|目录)\s*\d\s*$", re.I)
MAX_CAPTION_LOOKBACK = 3  # a 单位 line counts as a caption when among the last paragraphs before the table


class BodyReader:
    def __init__(self, source: str, styles: dict, numbering: "Numbering"):
        self.source = source
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.notes: list[str] = []
        self.para_no = 0
        self.table_no = 0
        self.recent: list[str] = []  # paragraphs since the last table: caption candidates

    # body, text box content, sdt content: paragraphs and tables in order
    def container(self, el) -> None:
        for child in children(el):
            if child.tag == W_P:
                self.paragraph(child)
            elif child.tag == W_TBL:
                t = self.table(child)
                if t is not None:
                    self.blocks.append(t)
                    self.recent = []

    def paragraph(self, p) -> None:
        parts: list[str] = []
        boxes: list = []
        inline(p, parts, boxes)
        text = "".join(parts).strip()
        style, level = self._style_of(p)
        if style and _TOC_STYLE.match(style):
            return  # a table-of-contents line written without a content control
        label = self.numbering.label(p, self.styles_raw_id(p))
        if text:
            if label and not text.startswith(label):
                text = f"{label}{text}"
            self.para_no += 1
            self.blocks.append(Paragraph(text, Location(source=self.source, paragraph=self.para_no),
                                         style=style, heading=level))
            self.recent.append(text)
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.container(box)

    @staticmethod
    def styles_raw_id(p) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        return ps.get(W_VAL) if ps is not None else None

    def _style_of(self, p) -> tuple[str | None, int | None]:
        sid = self.styles_raw_id(p)
        name, level = self.styles.get(sid, (sid, None)) if sid else (None, None)
        own = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if own is not None:
            level = outline_level(own.get(W_VAL))
        return name, level

    def table(self, tbl) -> Table | None:
        rows = [tr for tr in children(tbl) if tr.tag == W_TR]
        if len(rows) == 1:
            tcs = [tc for tc in children(rows[0]) if tc.tag == W_TC]
            if len(tcs) == 1 and to_int(prop(tcs[0], "tcPr", "gridSpan"), 1) == 1:
                # a one-cell table is a frame around text, not a table: read what it holds as blocks
                self.container(tcs[0])
                return None
        self.table_no += 1
        loc = Location(source=self.source, table=self.table_no)
        cells: list[Cell] = []
        nested: list[Table] = []
        open_v: dict[int, Cell] = {}  # grid column -> cell a vertical merge may continue
        r = 0
        for tr in rows:
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                continue  # a row deleted with tracked changes
            r += 1
            col = 1 + to_int(prop(tr, "trPr", "gridBefore"), 0)
            prev: Cell | None = None
            for tc in (c for c in children(tr) if c.tag == W_TC):
                span = max(1, to_int(prop(tc, "tcPr", "gridSpan"), 1))
                vm = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                hm = tc.find(f"{w('tcPr')}/{w('hMerge')}")
                if hm is not None and hm.get(W_VAL) != "restart" and prev is not None:
                    prev.colspan += span  # legacy horizontal merge: the cell continues the one on its left
                    col += span
                    continue
                if vm is not None and vm.get(W_VAL) in (None, "continue") and col in open_v:
                    above = open_v[col]
                    above.rowspan = r - above.row + 1
                    prev = above
                    col += span
                    continue
                text, inner = self.cell_content(tc)
                nested.extend(inner)
                cell = Cell(text=text, row=r, col=col, colspan=span, location=loc.with_(row=r, col=col))
                cells.append(cell)
                for k in range(col, col + span):
                    open_v.pop(k, None)
                if vm is not None:
                    open_v[col] = cell
                prev = cell
                col += span
        if not cells:
            self.table_no -= 1
            return None
        rows_text = [[c.text for c in row] for row in Table(cells=cells, location=loc).rows()]
        caption = table_caption(self.recent[-MAX_CAPTION_LOOKBACK:], rows_text)
        return Table(cells=cells, location=loc, caption=caption, nested=nested)

    def cell_content(self, tc) -> tuple[str, list[Table]]:
        """A cell's text (its paragraphs joined by newlines) and the tables nested in it."""
        lines: list[str] = []
        nested: list[Table] = []

        def walk(el):
            for child in children(el):
                if child.tag == W_P:
                    parts: list[str] = []
                    boxes: list = []
                    inline(child, parts, boxes)
                    line = "".join(parts).strip()
                    label = self.numbering.label(child, self.styles_raw_id(child))
                    if line and label and not line.startswith(label):
                        line = label + line
                    if line:
                        lines.append(line)
                    for b in boxes:
                        walk(b)
                elif child.tag == W_TBL:
                    t = self.table(child)
                    if t is not None:
                        nested.append(t)

        walk(tc)
        return "\n".join(lines), nested
