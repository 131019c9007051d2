"""Scanned pages into the document model: OCR text pieces into visual lines and paragraphs (also across
pages), ruled and unruled tables into Tables with merged cells (a table that runs onto the next page
continues), page numbers dropped. Every paragraph and cell keeps where each character was read
(TextBox with its confidence) and which readings are doubtful (Doubt)."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import Cell, Doubt, Location, Paragraph, Table, TextBox
from extractor.parsers.ocr import Glyph, OcrPage, read_crop
from extractor.parsers.ocr_doubt import doubt_of, settings
from extractor.parsers.ocr_tables import PageTable, box_of, find_grids, find_unruled, missed_ink, place_text
from extractor.parsers.pdf import PAGE_NUMBER
from extractor.parsers.pdf_tables import caption_before
from extractor.structure import heading_level

BAND = 0.12  # top/bottom share of the page where page numbers live
MIN_LINE_CONF = 0.5  # a text box read with less is noise (a stamp, a smudge), as the engine's own default


@dataclass
class OLine:
    """A visual line of text outside tables: pieces left to right."""

    pieces: list[list[Glyph]]
    page: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        return box_of([g for p in self.pieces for g in p])

    @property
    def h(self) -> float:
        return _height([g for p in self.pieces for g in p])

    @property
    def text(self) -> str:
        return "".join(g.text for p in self.pieces for g in p)


def _height(glyphs: list[Glyph]) -> float:
    hs = sorted(g.box[3] - g.box[1] for g in glyphs)
    return hs[len(hs) // 2] if hs else 10.0


JUNK = set("-_=—–|.,·'\"~`:：;；、")  # what a rule's stub or a speck is read as


def _reread(page: OcrPage, cell, box, old: list[Glyph]) -> None:
    """Read one line of a cell's ink again; the new reading replaces what was read on that line when
    it holds at least that and more (not just specks), or is as long and surer. A line where nothing
    was read is taken when it holds more than specks (a doubtful character stays doubtful)."""
    line = read_crop(page, box)
    if line is None or line.conf < MIN_LINE_CONF:
        return
    new = line.text
    before = "".join(g.text for g in old)
    if not old:
        if all(ch in JUNK for ch in new):
            return
    else:
        conf = min(g.conf for g in old)
        more = _contains_in_order(new, before) and len(new) > len(before) and not all(
            ch in JUNK for ch in _without(new, before))
        surer = len(new) >= len(before) and line.conf > conf and not all(ch in JUNK for ch in new)
        if not (more or surer):
            return
    ids = {id(g) for g in old}
    pieces = [[g for g in p if id(g) not in ids] for p in cell.pieces]
    cell.pieces = [p for p in pieces if p] + [line.glyphs]


def _without(text: str, part: str) -> str:
    """`text` less the characters of `part` (taken in order)."""
    out, k = [], 0
    for ch in text:
        if k < len(part) and ch == part[k]:
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def _contains_in_order(text: str, part: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in part)


def _rows(pieces: list[list[Glyph]]) -> list[list[list[Glyph]]]:
    """Pieces into visual rows: a piece whose vertical middle lies within the current row joins it."""
    rows: list[list[list[Glyph]]] = []
    span = None
    for p in sorted(pieces, key=lambda p: (box_of(p)[1] + box_of(p)[3]) / 2):
        x0, top, x1, bottom = box_of(p)
        mid = (top + bottom) / 2
        if rows and span[0] <= mid <= span[1]:
            rows[-1].append(p)
            continue
        rows.append([p])
        span = (top, bottom)
    for r in rows:
        r.sort(key=lambda p: box_of(p)[0])
    return rows


def page_items(page: OcrPage) -> list:
    """One page -> its lines (OLine) and tables (PageTable, text placed) in reading order."""
    lines = [ln for ln in page.lines if ln.conf >= MIN_LINE_CONF]
    if page.lines and not lines:
        page.notes.append(f"第{page.number}页识别出的文字置信度都很低，无法可靠读取，未读取")
    tables = find_grids(page.image, page.number)
    outside = place_text(tables, lines)
    char_h = _height([g for ln in lines for g in ln.glyphs])
    for t in tables:
        for cell, box, old in missed_ink(t, char_h):
            _reread(page, cell, box, old)
    tables = [t for t in tables if any(c.pieces for c in t.cells)]
    rows = _rows(outside)
    used: set[int] = set()
    for tab, rng in find_unruled(rows, page.number):
        tables.append(tab)
        used.update(rng)
    items: list = [OLine(r, page.number) for k, r in enumerate(rows) if k not in used]
    height = page.image.shape[0]
    items = [it for it in items if not (_page_number(it.text) and (it.box[3] < height * BAND or it.box[1] > height * (1 - BAND)))]
    items += tables
    items.sort(key=lambda it: it.box[1] if isinstance(it, OLine) else it.top)
    return items


def _page_number(text: str) -> bool:
    """A page number such as — 4 —; OCR reads the dashes around it as 一 as often as not."""
    return len(text) <= 12 and bool(PAGE_NUMBER.match(text.replace("一", "-")))


class _Text:
    """Text of a block built from glyphs, with a TextBox per character and the doubtful readings."""

    def __init__(self, min_conf: float):
        self.parts: list[str] = []
        self.n = 0
        self.boxes: list[TextBox] = []
        self.doubts: list[Doubt] = []
        self.min_conf = min_conf

    def glyphs(self, glyphs: list[Glyph], page: int) -> None:
        for g in glyphs:
            k = len(g.text)
            self.boxes.append(TextBox(self.n, self.n + k, page, g.out, confidence=round(g.conf, 4)))
            why = doubt_of(g, self.min_conf)
            if why:
                d = self.doubts[-1] if self.doubts else None
                if d and d.end == self.n and d.reason == why:
                    self.doubts[-1] = Doubt(d.start, self.n + k, why)
                else:
                    self.doubts.append(Doubt(self.n, self.n + k, why))
            self.parts.append(g.text)
            self.n += k

    def sep(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    @property
    def last(self) -> str:
        return next((p[-1] for p in reversed(self.parts) if p), "")

    def line(self, pieces: list[list[Glyph]], page: int) -> None:
        """Add one visual line (pieces left to right), joined to what is there like wrapped lines."""
        for p in pieces:
            if not p:
                continue
            first = p[0].text[:1]
            a = self.last
            if a and (a.isascii() and a.isalnum() and first.isascii() and first.isalnum()
                      and (a.isalpha() or first.isalpha())):
                self.sep(" ")
            self.glyphs(p, page)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _starts_item(text: str) -> bool:
    hl = heading_level(text)
    return hl is not None and hl[0] <= 4 or text[:1] in "①②③④⑤⑥⑦⑧⑨⑩"


def _geometry(items: list) -> tuple[float, float, float]:
    """(left edge, right edge, usual gap between lines) of the body text on a page."""
    lines = [it for it in items if isinstance(it, OLine)]
    if not lines:
        return 0.0, 0.0, 0.0
    long_ = [ln for ln in lines if len(ln.text) >= 8] or lines
    gaps = sorted(b.box[1] - a.box[3] for a, b in zip(lines, lines[1:]) if b.box[1] > a.box[3])
    return min(ln.box[0] for ln in long_), max(ln.box[2] for ln in long_), gaps[len(gaps) // 2] if gaps else 0.0


def _same_paragraph(a: OLine, b: OLine, geom: dict, a_first: bool) -> bool:
    left, right, gap = geom[a.page]
    ha, hb = a.h, b.h
    if _starts_item(b.text) or abs(ha - hb) > 0.3 * max(ha, hb):
        return False
    if right - a.box[2] > 1.5 * ha:  # a ended short of the right margin
        return False
    if b.page == a.page:
        if b.box[1] - a.box[3] > gap + 0.6 * ha:
            return False
        if b.box[0] > left + 0.8 * hb and (a_first or b.box[0] - a.box[0] > 0.5 * hb):
            return False
    elif b.box[0] > geom[b.page][0] + 0.8 * hb:
        return False
    return True


def _continues(a: PageTable, b: PageTable, ha: float, hb: float) -> bool:
    """b (first on its page) continues a (last on the previous page): same column layout, a runs to the
    foot of its page and b starts at the head of its page."""
    if a.n_cols != b.n_cols or a.bottom < 0.6 * ha or b.top > 0.4 * hb:
        return False
    width = a.xs[-1] - a.xs[0]
    tol = max(6.0, 0.02 * width)
    return all(abs((x - a.xs[0]) - (y - b.xs[0])) <= tol for x, y in zip(a.xs, b.xs))


def assemble(pages: list[OcrPage], source: str) -> list:
    """OCR'd pages (in order) -> model blocks (paragraphs and tables numbered from 1)."""
    min_conf, _ = settings()
    per_page = [(p, page_items(p)) for p in pages]
    geom = {p.number: _geometry(items) for p, items in per_page}
    heights = {p.number: p.image.shape[0] for p in pages}
    by_number = {p.number: p for p in pages}
    blocks: list = []  # Paragraph | list[PageTable] (parts of one table)
    para: list[OLine] = []

    def flush():
        nonlocal para
        if para:
            t = _Text(min_conf)
            for ln in para:
                t.line(ln.pieces, ln.page)
            first = [b for b in t.boxes if b.page == para[0].page]
            bbox = _union([b.bbox for b in first]) if first else None
            blocks.append(Paragraph(t.text, Location(source=source, page=para[0].page, bbox=bbox),
                                    boxes=t.boxes, doubts=t.doubts))
            para = []

    prev: OLine | None = None
    for page, items in per_page:
        for k, it in enumerate(items):
            if isinstance(it, PageTable):
                flush()
                prev = None
                last = blocks[-1] if blocks else None
                if (k == 0 and isinstance(last, list) and last[-1].page == page.number - 1
                        and _continues(last[-1], it, heights[page.number - 1], heights[page.number])):
                    last.append(it)
                else:
                    blocks.append([it])
                continue
            if prev is not None and not _same_paragraph(prev, it, geom, len(para) == 1):
                flush()
            para.append(it)
            prev = it
    flush()
    return _number(blocks, source, by_number, min_conf)


def _union(boxes) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _cell_text(pieces: list[list[Glyph]], page: int, min_conf: float) -> _Text:
    t = _Text(min_conf)
    for row in _rows(pieces):
        t.line(row, page)
    return t


def _number(blocks: list, source: str, pages: dict[int, OcrPage], min_conf: float) -> list:
    out: list = []
    para_no = table_no = 0
    for b in blocks:
        if isinstance(b, Paragraph):
            para_no += 1
            b.location = b.location.with_(paragraph=para_no)
            out.append(b)
            continue
        table_no += 1
        first = b[0]
        loc = Location(source=source, page=first.page, table=table_no, bbox=pages[first.page].out_box(first.box))
        cells: list[Cell] = []
        offset = 0
        header: list[str] | None = None
        for n, part in enumerate(b):
            texts = {(c.row, c.col): _cell_text(c.pieces, part.page, min_conf) for c in part.cells}
            row1 = [texts[(c.row, c.col)].text for c in part.cells if c.row == 1]
            skip = 0
            if n == 0:
                header = row1
            elif header and row1 == header:  # the header row repeated on the continuation page
                skip = 1
            rows = 0
            for c in part.cells:
                rows = max(rows, c.row + c.rowspan - 1)
                if c.row <= skip:
                    continue
                t = texts[(c.row, c.col)]
                rr = c.row - skip + offset
                frame = pages[part.page].out_box(c.frame)
                cells.append(Cell(text=t.text, row=rr, col=c.col, rowspan=c.rowspan, colspan=c.colspan,
                                  location=loc.with_(page=part.page, row=rr, col=c.col, bbox=frame),
                                  boxes=t.boxes, doubts=t.doubts))
            offset += rows - skip
        out.append(Table(cells=cells, location=loc, caption=caption_before(out)))
    return out


def splice(text_blocks: list, ocr_blocks: list) -> list:
    """Blocks read from a text layer and blocks read by OCR (other pages of the same PDF), in page order,
    paragraphs and tables renumbered over the whole document."""
    def page(b) -> int:
        return b.location.page or 0

    merged: list = []
    i = j = 0
    while i < len(text_blocks) or j < len(ocr_blocks):
        if j >= len(ocr_blocks) or (i < len(text_blocks) and page(text_blocks[i]) <= page(ocr_blocks[j])):
            merged.append(text_blocks[i])
            i += 1
        else:
            merged.append(ocr_blocks[j])
            j += 1
    para_no = table_no = 0
    for b in merged:
        if isinstance(b, Paragraph):
            para_no += 1
            b.location = b.location.with_(paragraph=para_no)
        else:
            table_no += 1
            b.location = b.location.with_(table=table_no)
            for c in b.cells:
                c.location = c.location.with_(table=table_no)
    return merged

