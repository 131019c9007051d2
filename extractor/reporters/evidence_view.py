"""Each finding shown in its place: the table re-drawn from the document model (header, the rows
involved, the total row; merged cells merged; compared cells marked by role, the expected value beside
the stated one), a crop of the PDF page with a box on each compared figure, or the quoted paragraph
with the figures marked. Plain data for the templates; nothing here escapes or formats HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.reporters._common import ROLE_LABEL, role_family

CELL_CHARS = 300  # a long note cell is cut in the re-drawn table (the quote below is whole)
# Crop geometry as shares of the page width (an A4 page is 595 pt wide; an OCR'd scan is in pixels)
CLUSTER_GAP = 0.27  # evidence farther apart than this on one page gets its own crop (160 pt on A4)
PAD = 0.05  # page shown above and below the evidence (30 pt)
SIDE = 0.15  # page shown left and right of the evidence (90 pt)
MIN_WIDTH = 0.57  # a crop narrower than this loses the line it stands in (340 pt)


@dataclass
class CellView:
    row: int | None = None  # where the cell starts in the document's table (None: an empty filler)
    col: int | None = None
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    family: str | None = None
    roles: list[str] = field(default_factory=list)
    expect: str | None = None  # the expected value, beside the stated one


@dataclass
class RowView:
    number: int | None  # None: a gap row standing for `gap` rows left out
    cells: list[CellView] = field(default_factory=list)
    gap: int = 0
    family: str | None = None  # a row the evidence points at as a whole


@dataclass
class TableBlock:
    kind = "table"
    table: int
    page: int | None
    section: str | None
    caption: str | None
    n_cols: int
    rows: list[RowView]


@dataclass
class BoxView:
    x: float
    y: float
    w: float
    h: float
    family: str
    label: str


@dataclass
class CropBlock:
    kind = "crop"
    page: int
    image: str  # PageImage.name: the element holding the page image
    width: float  # page size in points
    height: float
    scale: float  # image pixels per point: the crop is never shown larger than its pixels
    view: tuple[float, float, float, float]  # x, y, w, h of the crop in points
    boxes: list[BoxView]


@dataclass
class ParagraphBlock:
    kind = "paragraph"
    paragraph: int
    page: int | None
    section: str | None
    segments: list[tuple[str, str | None, str]]  # text, family (None: unmarked), role label


def _digits(s: str | None) -> str:
    return re.sub(r"[^\d.%\-]", "", s or "")


def stated_evidence(f) -> int | None:
    """Index of the evidence holding the figure the finding calls wrong (its value is `actual`), so the
    expected value can stand beside it; a total/score/actual role wins a tie (e.g. score vs weight)."""
    if not f.expected or not f.actual:
        return None
    want = _digits(f.actual)
    hits = [i for i, e in enumerate(f.evidence) if e.value and want and _digits(e.value) == want]
    if not hits:
        return None
    ranked = sorted(hits, key=lambda i: (role_family(f.evidence[i].role) not in ("total", "score", "actual"), -i))
    return ranked[0]


def finding_blocks(r, f, images: dict | None = None) -> list:
    """The blocks that show finding f of result r in place, in the order its evidence names them.
    `images`: page number -> PageImage for the pages that can be shown (empty: no page images)."""
    images = images or {}
    stated = stated_evidence(f)
    out: list = []
    done_tables: set[int] = set()
    done_pages: set[int] = set()
    done_paras: set[int] = set()
    for i, e in enumerate(f.evidence):
        loc = e.location
        if loc.table is not None and loc.row is not None and loc.table in r.tables and loc.table not in done_tables:
            done_tables.add(loc.table)
            block = table_block(r.tables[loc.table], f, stated)
            if block:
                out.append(block)
        if loc.page and loc.bbox and loc.page in images:
            if loc.page not in done_pages:
                done_pages.add(loc.page)
                out.extend(crop_blocks(images[loc.page], f))
            continue
        if loc.table is None and loc.paragraph in r.paragraphs and loc.paragraph not in done_paras:
            done_paras.add(loc.paragraph)
            out.append(paragraph_block(r.paragraphs[loc.paragraph], f))
    return out


def table_block(view, f, stated: int | None) -> TableBlock | None:
    ev = [(i, e) for i, e in enumerate(f.evidence) if e.location.table == view.table and e.location.row is not None]
    shown = sorted({k for _, e in ev for k in view.context.get(e.location.row, ())})
    if not shown:
        return None
    marks: dict[tuple[int, int], list] = {}  # (row, col) of the evidence -> [(index, evidence)]
    row_marks: dict[int, str] = {}
    for i, e in ev:
        if e.location.col is None:
            row_marks.setdefault(e.location.row, role_family(e.role))
        else:
            marks.setdefault((e.location.row, e.location.col), []).append((i, e))
    rows: list[RowView] = []
    cover: dict[int, list[dict]] = {}  # row -> the cells over it
    for c in view.cells:
        for r in range(c["row"], c["row"] + c["rowspan"]):
            cover.setdefault(r, []).append(c)
    segments = _segments(shown)
    for s, (first, last) in enumerate(segments):
        if s and first - segments[s - 1][1] > 1:
            rows.append(RowView(number=None, gap=first - segments[s - 1][1] - 1))
        elif not s and first > 1:
            rows.append(RowView(number=None, gap=first - 1))
        rows.extend(_segment_rows(view, cover, first, last, marks, row_marks, f, stated))
    if segments[-1][1] < view.n_rows:
        rows.append(RowView(number=None, gap=view.n_rows - segments[-1][1]))
    return TableBlock(table=view.table, page=view.page, section=view.section, caption=view.caption,
                      n_cols=view.n_cols, rows=rows)


def _segments(rows: list[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for r in rows:
        if out and r == out[-1][1] + 1:
            out[-1][1] = r
        else:
            out.append([r, r])
    return [(a, b) for a, b in out]


def _segment_rows(view, cover: dict, first: int, last: int, marks: dict, row_marks: dict, f, stated
                  ) -> list[RowView]:
    """Rows first..last; a merged cell starting above the segment is drawn from its first row."""
    taken: set[tuple[int, int]] = set()
    rows = []
    for r in range(first, last + 1):
        row = RowView(number=r, family=row_marks.get(r))
        starts = [c for c in cover.get(r, ()) if c["row"] == r or r == first]
        by_col = {c["col"]: c for c in starts}
        k = 1
        while k <= view.n_cols:
            if (r, k) in taken:
                k += 1
                continue
            c = by_col.get(k)
            if c is None:
                row.cells.append(CellView())
                k += 1
                continue
            rs = min(c["row"] + c["rowspan"] - 1, last) - r + 1
            cs = max(1, min(c["colspan"], view.n_cols - k + 1))
            for rr in range(r, r + rs):
                for kk in range(k, k + cs):
                    taken.add((rr, kk))
            row.cells.append(_cell(c, rs, cs, marks, f, stated))
            k += cs
        rows.append(row)
    return rows


def _cell(c: dict, rs: int, cs: int, marks: dict, f, stated) -> CellView:
    text = c["text"] if len(c["text"]) <= CELL_CHARS else c["text"][:CELL_CHARS - 1] + "…"
    cell = CellView(row=c["row"], col=c["col"], text=text, rowspan=rs, colspan=cs)
    hits = [m for r in range(c["row"], c["row"] + c["rowspan"]) for k in range(c["col"], c["col"] + c["colspan"])
            for m in marks.get((r, k), ())]
    if hits:
        hits.sort(key=lambda m: m[0])
        cell.family = role_family(hits[0][1].role)
        cell.roles = list(dict.fromkeys(ROLE_LABEL.get(e.role, e.role) for _, e in hits))
        if stated is not None and any(i == stated for i, _ in hits):
            cell.expect = f.expected
    return cell


def crop_blocks(img, f) -> list[CropBlock]:
    """Crops of one page image around the finding's evidence on that page (one per cluster of boxes
    that stand close together), full page width, each compared figure boxed."""
    boxes = []
    for e in f.evidence:
        loc = e.location
        if loc.page == img.page and loc.bbox:
            x0, top, x1, bottom = loc.bbox
            boxes.append(BoxView(x0 - 1, top - 1, x1 - x0 + 2, bottom - top + 2, role_family(e.role),
                                 ROLE_LABEL.get(e.role, e.role)))
    boxes.sort(key=lambda b: b.y)
    unit = img.width
    clusters: list[list[BoxView]] = []
    for b in boxes:
        if clusters and b.y - max(o.y + o.h for o in clusters[-1]) <= CLUSTER_GAP * unit:
            clusters[-1].append(b)
        else:
            clusters.append([b])
    out = []
    for cl in clusters:
        y0 = max(0.0, min(b.y for b in cl) - PAD * unit)
        y1 = min(img.height, max(b.y + b.h for b in cl) + PAD * unit)
        x0, x1 = _span(min(b.x for b in cl) - SIDE * unit, max(b.x + b.w for b in cl) + SIDE * unit, img.width)
        out.append(CropBlock(page=img.page, image=img.name, width=img.width, height=img.height, scale=img.scale,
                             view=(round(x0, 2), round(y0, 2), round(x1 - x0, 2), round(y1 - y0, 2)),
                             boxes=_dedupe(cl)))
    return out


def _span(a: float, b: float, limit: float) -> tuple[float, float]:
    """a..b widened to MIN_WIDTH of the page around its middle, kept inside 0..limit."""
    least = MIN_WIDTH * limit
    if b - a < least:
        mid = (a + b) / 2
        a, b = mid - least / 2, mid + least / 2
    if a < 0:
        a, b = 0.0, min(limit, b - a)
    if b > limit:
        a, b = max(0.0, a - (b - limit)), limit
    return a, b


def _dedupe(boxes: list[BoxView]) -> list[BoxView]:
    seen, out = set(), []
    for b in boxes:
        key = (round(b.x), round(b.y), round(b.w), round(b.h))
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out


def page_boxes(r, page: int) -> list[BoxView]:
    """Every evidence box on one page of result r (for the whole-page view)."""
    out = []
    for f in r.findings:
        for e in f.evidence:
            loc = e.location
            if loc.page == page and loc.bbox:
                x0, top, x1, bottom = loc.bbox
                out.append(BoxView(x0 - 1, top - 1, x1 - x0 + 2, bottom - top + 2, role_family(e.role),
                                   ROLE_LABEL.get(e.role, e.role)))
    return _dedupe(out)


def paragraph_block(view, f) -> ParagraphBlock:
    """The paragraph with the finding's figures marked: a span where the evidence has one, else its
    figure as written, else its quote (a claim sentence)."""
    text = view.text
    fam: list[tuple[str, str] | None] = [None] * len(text)

    def mark(a: int, b: int, family: str, label: str) -> None:
        if 0 <= a < b <= len(text) and not any(fam[a:b]):
            fam[a:b] = [(family, label)] * (b - a)

    ev = [e for e in f.evidence if e.location.paragraph == view.paragraph and e.location.table is None]
    for e in ev:  # figures first, so a quote mark never hides them
        label = ROLE_LABEL.get(e.role, e.role)
        if e.location.span:
            mark(*e.location.span, role_family(e.role), label)
        elif e.value and e.value in text:
            i = text.index(e.value)
            mark(i, i + len(e.value), role_family(e.role), label)
    for e in ev:
        q = (e.quote or "").strip()
        if not e.location.span and not e.value and q and q in text:
            i = text.index(q)
            mark(i, i + len(q), "quote", ROLE_LABEL.get(e.role, e.role))
    segs: list[tuple[str, str | None, str]] = []
    for ch, m in zip(text, fam):
        key = m or (None, "")
        if segs and (segs[-1][1], segs[-1][2]) == key:
            segs[-1] = (segs[-1][0] + ch, *key)
        else:
            segs.append((ch, *key))
    return ParagraphBlock(paragraph=view.paragraph, page=view.page, section=view.section, segments=segs)
