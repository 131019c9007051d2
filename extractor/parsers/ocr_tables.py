"""Tables on a scanned page. Ruled tables: the rules are found by morphology (long runs of ink across
or down the page), their positions make the cell grid, and a grid cell with no rule between it and its
neighbour is merged with it (rowspan/colspan). Text boxes are placed in cells character by character,
so a box that runs over a rule is split. Tables without rules: rows of text pieces aligned in columns
with a column of numbers (the OCR counterpart of pdf_tables.find_unruled)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.parsers.ocr import Glyph, TextLine
from extractor.parsers.pdf_tables import NUMBER

MIN_CELLS = 2  # rows and columns a grid needs to be a table (a framed paragraph is not one)


@dataclass
class PageCell:
    """A cell on the straightened page (grid positions 1-based) and the text pieces placed in it."""

    row: int
    col: int
    rowspan: int
    colspan: int
    frame: tuple[float, float, float, float]
    pieces: list[list[Glyph]] = field(default_factory=list)  # one per text box (or part of one)


@dataclass
class PageTable:
    cells: list[PageCell]
    xs: list[float]  # column boundaries
    top: float
    bottom: float
    page: int
    ruled: bool = True
    ink: object = None  # the page's ink without its rules (numpy 0/255), for cells the detector missed

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.top, self.xs[-1], self.bottom)


def _cluster(values: list[tuple[float, float]], tol: float) -> list[float]:
    """Positions within `tol` of each other merged (weighted by length)."""
    out: list[list[float]] = []  # [weighted sum, weight, last]
    for v, wt in sorted(values):
        if out and v - out[-1][2] <= tol:
            out[-1][0] += v * wt
            out[-1][1] += wt
            out[-1][2] = v
        else:
            out.append([v * wt, wt, v])
    return [s / w for s, w, _ in out]


def _masks(img):
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    bw = cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)
    bw = cv2.morphologyEx(bw, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # paper grain is not ink
    # a rule is a run of ink longer than any character stroke: 1/30 of the page width, 1/50 of its height
    hk, vk = max(w // 30, 25), max(h // 50, 25)
    horiz = cv2.morphologyEx(bw, cv2.MORPH_OPEN, np.ones((1, hk), np.uint8))
    vert = cv2.morphologyEx(bw, cv2.MORPH_OPEN, np.ones((vk, 1), np.uint8))
    # bridge small breaks (a faint scan) and the few pixels a rule wanders off straight
    horiz = cv2.dilate(horiz, np.ones((3, 3), np.uint8))
    vert = cv2.dilate(vert, np.ones((3, 3), np.uint8))
    return horiz, vert, bw


def find_grids(img, page: int) -> list[PageTable]:
    """Ruled tables on a straightened grey page: their grids, merged cells resolved, no text yet."""
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    horiz, vert, bw = _masks(img)
    both = cv2.bitwise_or(horiz, vert)
    ink = None
    n, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    tol = max(4.0, min(h, w) / 300)
    out = []
    for k in range(1, n):
        x, y, bw_, bh = stats[k][:4]
        if bw_ < w * 0.1 or bh < tol * 4:
            continue
        region = labels[y:y + bh, x:x + bw_] == k
        hr = np.where(region, horiz[y:y + bh, x:x + bw_], 0)
        vr = np.where(region, vert[y:y + bh, x:x + bw_], 0)
        ys = _rules(hr, axis=0, tol=tol, min_len=bw_ * 0.08)
        xs = _rules(vr, axis=1, tol=tol, min_len=bh * 0.05)
        if len(xs) < MIN_CELLS + 1 or len(ys) < MIN_CELLS + 1:
            continue
        ys = [v + y for v in ys]
        xs = [v + x for v in xs]
        cells = _cells(xs, ys, horiz, vert)
        if len(cells) < MIN_CELLS:
            continue
        if ink is None:
            ink = cv2.bitwise_and(bw, cv2.bitwise_not(cv2.dilate(both, np.ones((3, 3), np.uint8))))
        out.append(PageTable(cells=cells, xs=xs, top=ys[0], bottom=ys[-1], page=page, ink=ink))
    out.sort(key=lambda t: t.top)
    return out


def _rules(mask, axis: int, tol: float, min_len: float) -> list[float]:
    """Positions of the rules in a mask of horizontal (axis=0: y positions) or vertical rules."""
    import cv2

    n, _, stats, cents = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for k in range(1, n):
        x, y, w, h = stats[k][:4]
        length = w if axis == 0 else h
        if length >= min_len:
            found.append((float(cents[k][1] if axis == 0 else cents[k][0]), float(length)))
    return _cluster(found, tol)


def _covered(mask, x0: float, y0: float, x1: float, y1: float) -> float:
    """Share of a thin strip of `mask` that is ink."""
    a = mask[max(0, int(y0)):max(int(y0) + 1, int(y1)), max(0, int(x0)):max(int(x0) + 1, int(x1))]
    if a.size == 0:
        return 0.0
    line = a.max(axis=0) if a.shape[0] <= a.shape[1] else a.max(axis=1)
    return float((line > 0).mean())


def _cells(xs: list[float], ys: list[float], horiz, vert) -> list[PageCell]:
    """Grid cells with no rule between them are one merged cell (union-find); a merge that is not a
    rectangle is taken as its bounding rectangle."""
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    pad = 3
    for r in range(nr):
        for c in range(nc):
            y0, y1 = ys[r], ys[r + 1]
            x0, x1 = xs[c], xs[c + 1]
            m_y0, m_y1 = y0 + (y1 - y0) * 0.2, y1 - (y1 - y0) * 0.2
            m_x0, m_x1 = x0 + (x1 - x0) * 0.2, x1 - (x1 - x0) * 0.2
            if c + 1 < nc and _covered(vert, x1 - pad, m_y0, x1 + pad, m_y1) < 0.5:
                union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and _covered(horiz, m_x0, y1 - pad, m_x1, y1 + pad) < 0.5:
                union(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells, taken = [], set()
    for members in sorted(groups.values()):
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
        c0, c1 = min(c for _, c in members), max(c for _, c in members)
        area = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if area & taken:
            area -= taken  # overlapping merges: keep the first, the rest as single cells below
            for r, c in sorted(area):
                taken.add((r, c))
                cells.append(PageCell(r + 1, c + 1, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])))
            continue
        taken |= area
        cells.append(PageCell(r0 + 1, c0 + 1, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    return sorted(cells, key=lambda c: (c.row, c.col))


def place_text(tables: list[PageTable], lines: list[TextLine]) -> list[list[Glyph]]:
    """Put each character of each text box into the cell under its centre. Returns the pieces of text
    left outside every table (a box cut by a table border is split)."""
    outside: list[list[Glyph]] = []
    index = []
    for t in tables:
        ys = sorted({c.frame[1] for c in t.cells} | {c.frame[3] for c in t.cells})
        grid: dict[tuple[int, int], PageCell] = {}
        for c in t.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    grid[(r, k)] = c
        index.append((t, ys, grid))
    for ln in lines:
        runs: list[tuple[object, list[Glyph]]] = []
        for g in ln.glyphs:
            cx, cy = (g.box[0] + g.box[2]) / 2, (g.box[1] + g.box[3]) / 2
            home = None
            for t, ys, grid in index:
                if t.xs[0] <= cx < t.xs[-1] and t.top <= cy < t.bottom:
                    home = grid.get((bisect_right(ys, cy), bisect_right(t.xs, cx)))
                    break
            if runs and runs[-1][0] is home:
                runs[-1][1].append(g)
            else:
                runs.append((home, [g]))
        for home, glyphs in runs:
            if home is None:
                outside.append(glyphs)
            else:
                home.pieces.append(glyphs)
    return outside


def missed_ink(t: PageTable, char_h: float) -> list[tuple[PageCell, tuple[float, float, float, float], list[Glyph]]]:
    """Lines of ink in a cell that the detector missed or read short: no text found on them, ink
    reaching beyond the text found, or one or two characters read with low confidence. Each comes with
    the box to read again and the glyphs already read on that line."""
    import numpy as np

    out = []
    if t.ink is None:
        return out
    pad = max(3, int(char_h * 0.2))  # keep clear of the rules and what is left of them
    m = 0.25 * char_h
    for c in t.cells:
        x0, y0 = int(c.frame[0]) + pad, int(c.frame[1]) + pad
        sub = t.ink[y0:int(c.frame[3]) - pad, x0:int(c.frame[2]) - pad]
        if sub.size == 0 or int(np.count_nonzero(sub)) < 0.15 * char_h * char_h:
            continue
        glyphs = [g for p in c.pieces for g in p]
        for ly0, ly1 in _ink_rows(sub.any(axis=1), char_h):
            cols = np.nonzero(sub[ly0:ly1].any(axis=0))[0]
            box = (x0 + float(cols[0]), y0 + float(ly0), x0 + float(cols[-1] + 1), y0 + float(ly1))
            on = [g for g in glyphs if box[1] <= (g.box[1] + g.box[3]) / 2 <= box[3]]
            if on:
                gx0, gx1 = min(g.box[0] for g in on), max(g.box[2] for g in on)
                wide = box[0] < gx0 - 0.4 * char_h or box[2] > gx1 + 0.4 * char_h
                shaky = len(on) <= 2 and min(g.conf for g in on) < 0.8
                if not (wide or shaky):
                    continue
            out.append((c, (box[0] - m, box[1] - m, box[2] + m, box[3] + m), on))
    return out


def _ink_rows(rows, char_h: float) -> list[tuple[int, int]]:
    """Runs of rows with ink (a line of text each), ignoring specks thinner than a third of a line."""
    runs, start = [], None
    for i, v in enumerate(list(rows) + [False]):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start >= 0.3 * char_h and i - start <= 1.6 * char_h:
                runs.append((start, i))
            start = None
    return runs


# ---------------------------------------------------------------- tables without rules


def box_of(glyphs: list[Glyph]) -> tuple[float, float, float, float]:
    return (min(g.box[0] for g in glyphs), min(g.box[1] for g in glyphs),
            max(g.box[2] for g in glyphs), max(g.box[3] for g in glyphs))


def text_of(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


def find_unruled(rows: list[list[list[Glyph]]], page: int, min_rows: int = 3) -> list[tuple[PageTable, range]]:
    """Runs of at least `min_rows` visual rows made of two or more pieces that stand in columns, one of
    them mostly numbers. `rows` are visual rows (pieces left to right). Returns each table and the
    range of row indexes it used."""
    out = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < len(rows):
            h = _height(rows[j])
            if box_of(rows[j][0])[1] - box_of(rows[j - 1][-1])[3] > 2.5 * h:
                break
            if len(rows[j]) >= 2:
                j += 1
                continue
            break
        tab = _aligned(rows[i:j], page) if j - i >= min_rows else None
        if tab:
            out.append((tab, range(i, j)))
            i = j
        else:
            i += 1
    return out


def _height(row: list[list[Glyph]]) -> float:
    hs = sorted(g.box[3] - g.box[1] for p in row for g in p)
    return hs[len(hs) // 2] if hs else 10.0


def _aligned(rows: list[list[list[Glyph]]], page: int) -> PageTable | None:
    spans = sorted((box_of(p)[0], box_of(p)[2]) for row in rows for p in row)
    cols: list[list[float]] = []
    for x0, x1 in spans:  # columns: union of overlapping piece extents
        if cols and x0 <= cols[-1][1] + 2:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    if len(cols) < 2:
        return None
    starts = [c[0] for c in cols]
    grid: list[list[list[list[Glyph]]]] = []
    for row in rows:
        slots: list[list[list[Glyph]]] = [[] for _ in cols]
        for p in row:
            slots[bisect_right(starts, box_of(p)[0] + 0.01) - 1].append(p)
        grid.append(slots)
    body = grid[1:]
    numeric = any(
        sum(1 for r in body if NUMBER.fullmatch("".join(text_of(p) for p in r[k]).replace(" ", ""))) * 2
        >= max(1, len(body)) for k in range(1, len(cols)))
    if len(grid) < 2 or not numeric:
        return None
    xs = starts + [cols[-1][1]]
    cells = []
    tops = [min(box_of(p)[1] for p in row) for row in rows]
    bottoms = [max(box_of(p)[3] for p in row) for row in rows]
    for r, slots in enumerate(grid):
        for k, pieces in enumerate(slots):
            frame = (xs[k], tops[r], xs[k + 1], bottoms[r])
            cells.append(PageCell(r + 1, k + 1, 1, 1, frame, list(pieces)))
    return PageTable(cells=cells, xs=xs, top=tops[0], bottom=bottoms[-1], page=page, ruled=False)
