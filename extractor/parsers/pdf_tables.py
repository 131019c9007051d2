"""PDF tables: ruled tables from pdfplumber's finder with spans, texts from our own chars; tables split
across pages merged (a repeated header row dropped); numbering and 单位 captions."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.model import Cell, Location, Paragraph, Table
from extractor.parsers.pdf_layout import group_lines, line_text_boxes, text_boxes, texts_boxes

CAPTION = re.compile(r"单位\s*[:：]")


def caption_before(blocks: list) -> str | None:
    """The short 单位： line right before a table, as its caption."""
    prev = blocks[-1] if blocks else None
    if isinstance(prev, Paragraph) and len(prev.text) <= 40 and CAPTION.search(prev.text):
        return prev.text
    return None
NUMBER = re.compile(r"[-(（]?[\d,]+(?:\.\d+)?[)）]?%?")


@dataclass
class Tab:
    """A table found on one page (grid positions 1-based), before numbering and cross-page merging."""

    cells: list[tuple[int, int, int, int, str]]  # row, col, rowspan, colspan, text
    xs: list[float]
    top: float
    bottom: float
    page: int
    boxes: dict = field(default_factory=dict)  # (row, col) -> TextBox list of that cell's text

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def row_texts(self, r: int) -> list[tuple[int, int, str]]:
        return sorted((c, cs, t) for (rr, c, rs, cs, t) in self.cells if rr == r)


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def grid_table(t, chars: list[dict], page_no: int, origin: tuple[float, float] = (0.0, 0.0)
               ) -> tuple[Tab | None, list[dict]]:
    """A pdfplumber table -> Tab with spans, texts from our (deduplicated) chars. Returns the chars
    left outside it. None when it is not a real table (a single boxed line or column)."""
    x0, top, x1, bottom = t.bbox
    inside, outside = [], []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        (inside if x0 <= cx < x1 and top <= cy < bottom else outside).append(c)
    xs = _cluster([v for b in t.cells for v in (b[0], b[2])])
    ys = _cluster([v for b in t.cells for v in (b[1], b[3])])
    if len(xs) < 3 or len(ys) < 3:
        return None, chars

    def idx(vals: list[float], v: float) -> int:
        return min(range(len(vals)), key=lambda i: abs(vals[i] - v))

    occ: dict[tuple[int, int], int] = {}
    spans = []
    for k, b in enumerate(t.cells):
        c0, c1, r0, r1 = idx(xs, b[0]), idx(xs, b[2]), idx(ys, b[1]), idx(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        spans.append((r0, c0, r1 - r0, c1 - c0))
        for r in range(r0, r1):
            for c in range(c0, c1):
                occ[(r, c)] = len(spans) - 1
    per_cell: list[list[dict]] = [[] for _ in spans]
    for c in inside:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        k = occ.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
        if k is not None:
            per_cell[k].append(c)
    cells = []
    boxes = {}
    for (r, c, rs, cs), cc in zip(spans, per_cell):
        parts = []
        for ln in group_lines(cc):
            raw, pieces = line_text_boxes(ln)
            parts.append((raw.strip(), text_boxes(pieces, page_no, origin, offset=len(raw.lstrip()) - len(raw))))
        text, boxes[(r + 1, c + 1)] = texts_boxes(parts)
        cells.append((r + 1, c + 1, rs, cs, text))
    if not any(t for *_, t in cells):
        return None, chars
    return Tab(cells=sorted(cells), xs=xs, top=top, bottom=bottom, page=page_no, boxes=boxes), outside


class Merged:
    """A table being built from one or more page parts."""

    def __init__(self, parts: list[Tab]):
        self.parts = parts

    @property
    def last_page(self) -> int:
        return self.parts[-1].page

    def add(self, t: Tab) -> None:
        self.parts.append(t)


def continues(a: Tab, b: Tab, ha: float, hb: float) -> bool:
    """b (top of a page) continues a (bottom of the previous page): a runs to the foot of its page, b
    starts at the head of its page, and both have the same column layout."""
    if a.n_cols != b.n_cols or a.bottom < 0.6 * ha or b.top > 0.4 * hb:
        return False
    width = a.xs[-1] - a.xs[0]
    tol = max(3.0, 0.02 * width)
    return all(abs((x - a.xs[0]) - (y - b.xs[0])) <= tol for x, y in zip(a.xs, b.xs))


def number_tables(blocks: list, source: str) -> list:
    out: list = []
    table_no = 0
    for b in blocks:
        if not isinstance(b, Merged):
            out.append(b)
            continue
        table_no += 1
        first = b.parts[0]
        loc = Location(source=source, page=first.page, table=table_no)
        cells: list[Cell] = []
        offset = 0
        # header rows: the first row, and the second when it holds no number (a two-row header)
        header = [first.row_texts(1)]
        second = first.row_texts(2)
        if second and not any(NUMBER.fullmatch(t.replace(" ", "")) for *_, t in second):
            header.append(second)
        for n, part in enumerate(b.parts):
            skip = 0
            if n:  # a header row repeated on the continuation page
                while skip < len(header) and header[skip] and part.row_texts(skip + 1) == header[skip]:
                    skip += 1
            rows = 0
            for r, c, rs, cs, text in part.cells:
                rows = max(rows, r + rs - 1)
                if r <= skip:
                    continue
                rr = r - skip + offset
                cells.append(Cell(text=text, row=rr, col=c, rowspan=rs, colspan=cs,
                                  location=loc.with_(page=part.page, row=rr, col=c),
                                  boxes=part.boxes.get((r, c), [])))
            offset += rows - skip
        out.append(Table(cells=cells, location=loc, caption=caption_before(out)))
    return out



def segments(chars: list[dict], gap: float = 1.0) -> list[tuple[float, float, list[dict]]]:
    """Split a line's chars where a gap is wider than `gap` x font size: the cells of an unruled row."""
    segs: list[tuple[float, float, list[dict]]] = []
    cur: list[dict] = []
    for c in chars:
        if c["text"].isspace():
            continue
        if cur and c["x0"] - cur[-1]["x1"] > gap * (c["size"] or 10):
            segs.append((cur[0]["x0"], cur[-1]["x1"], cur))
            cur = []
        cur.append(c)
    if cur:
        segs.append((cur[0]["x0"], cur[-1]["x1"], cur))
    return segs


def find_unruled(lines: list[list[dict]], page_no: int, min_rows: int = 3,
                 origin: tuple[float, float] = (0.0, 0.0)) -> list[tuple[Tab, range]]:
    """Tables drawn without vertical rules (三线表) or without any rule: a run of at least `min_rows`
    consecutive lines cut into aligned segments, with a column of numbers. Returns each table and the
    range of line indexes it consumed."""
    segs = [segments(ln) for ln in lines]
    out: list[tuple[Tab, range]] = []
    i = 0
    while i < len(lines):
        if len(segs[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            size = lines[j][0]["size"] or 10
            if lines[j][0]["top"] - lines[j - 1][-1]["bottom"] > 2.5 * size:
                break
            if len(segs[j]) >= 2 or (len(segs[j]) == 1 and j + 1 < len(lines) and len(segs[j + 1]) >= 2
                                     and segs[j][0][0] > segs[i][0][1]):
                j += 1
                continue
            break
        tab = _aligned_table(segs[i:j], page_no, origin) if j - i >= min_rows else None
        if tab:
            out.append((tab, range(i, j)))
            i = j
        else:
            i += 1
    return out


def _aligned_table(rows: list[list[tuple[float, float, list[dict]]]], page_no: int,
                   origin: tuple[float, float] = (0.0, 0.0)) -> Tab | None:
    spans = sorted((x0, x1) for row in rows for x0, x1, _ in row)
    cols: list[list[float]] = []
    for x0, x1 in spans:  # columns = union of overlapping segment extents
        if cols and x0 <= cols[-1][1] + 2:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    if len(cols) < 2:
        return None
    starts = [c[0] for c in cols]
    grid: list[list[str]] = []
    grid_boxes: list[list[list]] = []
    for row in rows:
        texts = [""] * len(cols)
        boxes: list[list] = [[] for _ in cols]
        for x0, _, cs in row:
            k = bisect_right(starts, x0 + 0.01) - 1
            t, pieces = line_text_boxes(cs)
            boxes[k] += text_boxes(pieces, page_no, origin, offset=len(texts[k]))
            texts[k] += t
        if sum(1 for t in texts if t) == 1 and grid:  # a wrapped cell: continue the row above
            joined = [texts_boxes([(a, ab), (b, bb)]) if b else (a, ab)
                      for a, ab, b, bb in zip(grid[-1], grid_boxes[-1], texts, boxes)]
            grid[-1] = [t for t, _ in joined]
            grid_boxes[-1] = [bs for _, bs in joined]
        else:
            grid.append(texts)
            grid_boxes.append(boxes)
    body = grid[1:]
    numeric = any(
        sum(1 for r in body if NUMBER.fullmatch(r[k].replace(" ", ""))) * 2 >= max(1, len(body))
        for k in range(1, len(cols))
    )
    if len(grid) < 2 or not numeric:
        return None
    cells = [(r, k, 1, 1, t) for r, row in enumerate(grid, 1) for k, t in enumerate(row, 1)]
    first, last = rows[0][0][2], rows[-1][0][2]
    xs = starts + [cols[-1][1]]
    boxes = {(r, k): bs for r, row in enumerate(grid_boxes, 1) for k, bs in enumerate(row, 1)}
    return Tab(cells=cells, xs=xs, top=min(c["top"] for c in first), bottom=max(c["bottom"] for c in last),
               page=page_no, boxes=boxes)
