"""Where figures and evidence were drawn: Location (paragraph or table cell, + span) -> page and bbox,
from the TextBoxes the parser (PDF text layer, OCR) left on the document's blocks.

One pass after the checks: checks compare locations by value, so geometry is added only once they
are done. A figure inside a paragraph that runs onto the next page gets the page it is drawn on."""

from __future__ import annotations

from dataclasses import replace

from extractor.model import Cell, Document, Evidence, Figure, Finding, Location, Paragraph, span_bbox


class Locator:
    """Resolves locations against one document's blocks (built once per document)."""

    def __init__(self, doc: Document):
        self.paragraphs: dict[int, Paragraph] = {}
        for p in doc.paragraphs():
            if p.location.paragraph is not None:
                self.paragraphs.setdefault(p.location.paragraph, p)
        self.cells: dict[tuple[int, int, int], Cell] = {}  # every grid position of a merged cell
        self.rows: dict[tuple[int, int], list[Cell]] = {}
        for t in doc.tables():
            if t.location.table is None:
                continue
            for r, row in enumerate(t.grid(), 1):
                seen = []
                for k, cell in enumerate(row, 1):
                    if cell is None:
                        continue
                    self.cells.setdefault((t.location.table, r, k), cell)
                    if all(cell is not s for s in seen):
                        seen.append(cell)
                self.rows.setdefault((t.location.table, r), seen)
        self.has_geometry = any(p.boxes for p in self.paragraphs.values()) or any(
            c.boxes for c in self.cells.values())

    def resolve(self, loc: Location, needles: list[str | None] = ()) -> Location:
        """`loc` with page and bbox of what it points at: the span if it has one, else the first of
        `needles` found in the block's text (the figure as written, the quote), else the whole block
        (first page). Unchanged when the block or its geometry is unknown."""
        if loc.bbox is not None:
            return loc
        hit = None
        if loc.table is not None and loc.row is not None:
            if loc.col is not None:
                cell = self.cells.get((loc.table, loc.row, loc.col))
                if cell is not None:
                    hit = _in_block(cell.text, cell.boxes, loc.span, needles)
            else:
                boxes = [b for c in self.rows.get((loc.table, loc.row), ()) for b in c.boxes]
                hit = _whole(boxes)
        elif loc.paragraph is not None:
            p = self.paragraphs.get(loc.paragraph)
            if p is not None:
                hit = _in_block(p.text, p.boxes, loc.span, needles)
        if hit is None:
            return loc
        page, bbox = hit
        return replace(loc, page=page, bbox=tuple(round(v, 2) for v in bbox))


def _in_block(text: str, boxes: list, span, needles) -> tuple | None:
    if not boxes:
        return None
    if span is None:
        for n in needles:
            n = (n or "").strip()
            i = text.find(n) if n else -1
            if i >= 0:
                span = (i, i + len(n))
                break
    if span is not None:
        hit = span_bbox(boxes, span[0], span[1])
        if hit is not None:
            return hit
    return _whole(boxes)


def _whole(boxes: list) -> tuple | None:
    if not boxes:
        return None
    return span_bbox(boxes, min(b.start for b in boxes), max(b.end for b in boxes))


def locate(doc: Document, figures: list[Figure], findings: list[Finding]) -> list[Figure]:
    """Add page/bbox to every figure and every evidence item (findings are updated in place);
    returns the figures. A document without geometry is returned as it is."""
    loc = Locator(doc)
    if not loc.has_geometry:
        return figures
    out = [replace(f, location=loc.resolve(f.location, [f.quantity.raw, f.quote])) for f in figures]
    for f in findings:
        f.evidence = [_evidence(loc, e) for e in f.evidence]
    return out


def _evidence(loc: Locator, e: Evidence) -> Evidence:
    where = loc.resolve(e.location, [e.value, e.quote])
    return e if where is e.location else replace(e, location=where)
