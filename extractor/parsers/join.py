"""Continued tables read as one: a table that runs over a page break or goes on as a second table
(a 续表 caption between, or the first table's header repeated) is joined to the table it continues,
for every format, before any check sees the document.

Two consecutive tables (same sheet, nothing but a 续表 line, a 单位 line or a page number between
them; a 单位 line only together with a 续表 line) are one table when their columns line up (same grid width) and one of these holds:
- a 续表 marker (续表 / 续表2 / 续上表 / 接上表 / 表2（续）) stands between them or fills the second
  table's first row;
- nothing but a page number stands between them, the first does not close with a total row, and the
  second repeats header rows of the first (rows without figures) or starts with figures (no header of
  its own): a table broken by a page, or a Word table split in two.
The second part's repeated header rows and its 续表 row are dropped; its rows continue the first's row
numbers (Cell.row), while every cell keeps its original Location, so a reviewer finds it where it is
printed. A note on the Document says which tables were joined.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.model import Cell, Document, Paragraph, Table
from extractor.quantities import parse_value

MARKER = re.compile(r"^[（(]?\s*(?:续\s*表|续\s*上\s*表|接\s*上\s*表|表\s*[0-9一二三四五六七八九十]+\s*[（(]\s*续\s*[)）])"
                    r"\s*[0-9一二三四五六七八九十]*(?:[-－—.．][0-9]+)*\s*[)）]?")
UNIT_LINE = re.compile(r"^[（(]?\s*(?:金额|计量)?单位\s*[:：]\s*\S{1,8}\s*[)）]?$")
PAGE_NUMBER = re.compile(r"^[-—－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|[，,]?\s*共\s*\d{1,4}\s*页)?[-—－\s]*$")
PUNCT_ONLY = re.compile(r"^[。，、；：！？.,;:!?…\s]{1,3}$")
SERIAL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}[、.．]?|[（(]\d{1,3}[)）])$")
TOTAL = re.compile(r"合计|总计|总额|总分")
MAX_MARKER_CHARS = 40
MAX_REPEATED_HEADER = 4


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def is_marker(text: str) -> bool:
    """A 续表 line: 续表 / 续表2 / （续表） / 续上表 / 接上表 / 表3（续）, possibly with a unit after it."""
    t = text.strip()
    return len(t) <= MAX_MARKER_CHARS and MARKER.match(t) is not None


def _filler(p: Paragraph) -> str | None:
    """'marker', 'unit' or 'page' for a line that may stand between two parts of one table."""
    t = p.text.strip()
    if is_marker(t):
        return "marker"
    if UNIT_LINE.match(t):
        return "unit"
    if PAGE_NUMBER.match(t) or PUNCT_ONLY.match(t):
        return "page"  # a page number, or a stray mark a cell's text left below the table's frame
    return None


def _has_figure(row: list[str]) -> bool:
    return any(x.strip() and not SERIAL.match(x.strip()) and parse_value(x) is not None for x in row)


def _rows(t: Table) -> list[list[str]]:
    return [[squash(x) for x in r] for r in t.texts()]


def _header_like(row: list[str]) -> bool:
    return len({x for x in row if x}) >= 2 and not _has_figure(row)


def _repeated_header(a: Table, b_rows: list[list[str]], start: int) -> int:
    """How many rows of b from `start` repeat a header row of a (a row of a without figures)."""
    heads = {tuple(r) for r in _rows(a) if _header_like(r)}
    n = 0
    while n < MAX_REPEATED_HEADER and start + n < len(b_rows) and tuple(b_rows[start + n]) in heads:
        n += 1
    return n


def _plan(a: Table, b: Table, between: list[Paragraph]) -> tuple[int, str] | None:
    """(rows of b to drop, how b continues a) when b continues a, else None."""
    if a.location.sheet != b.location.sheet or a.n_cols != b.n_cols or not b.cells:
        return None
    kinds = [_filler(p) for p in between]
    if any(k is None for k in kinds):
        return None
    rows = _rows(b)
    drop = 0
    marker = "marker" in kinds
    if rows and len({x for x in rows[0] if x}) == 1 and is_marker(next(x for x in rows[0] if x)):
        marker, drop = True, 1  # 续表 written in a merged first row of the second table
    repeated = _repeated_header(a, rows, drop)
    drop += repeated
    if marker:
        return drop, "续表"
    # without a marker only a page number may stand between, and a first part that closes with its
    # total is a table of its own (a 单位 line, likewise, opens a new table)
    if not all(k == "page" for k in kinds) or _ends_with_total(a):
        return None
    if repeated:
        return drop, "重复表头"
    if rows and _has_figure(rows[0]) and any(_has_figure(r) for r in _rows(a)):
        return 0, "紧接"
    return None


def _ends_with_total(t: Table) -> bool:
    rows = [r for r in _rows(t) if any(r)]
    if not rows:
        return False
    label = "".join(x for x in rows[-1] if x and parse_value(x) is None)
    return TOTAL.search(label) is not None


def _marked(b: Table, between: list[Paragraph]) -> bool:
    rows = _rows(b)
    first = [x for x in rows[0] if x] if rows else []
    return any(is_marker(p.text) for p in between) or (len(set(first)) == 1 and is_marker(first[0]))


def _append(a: Table, b: Table, drop: int) -> Table:
    offset = a.n_rows
    cells: list[Cell] = list(a.cells)
    for c in b.cells:
        last = c.row + c.rowspan - 1
        if last <= drop:
            continue  # a repeated header or 续表 row
        top = max(c.row, drop + 1)
        cells.append(replace(c, row=offset + top - drop, rowspan=last - top + 1))
    return Table(cells=cells, location=a.location, caption=a.caption or b.caption, nested=a.nested + b.nested)


def _name(t: Table) -> str:
    loc = t.location
    return f"表{loc.table}" + (f"（第{loc.page}页）" if loc.page else "")


def join_continued(doc: Document) -> Document:
    """Join continued tables in place (idempotent) and note each join on the document."""
    out: list = []
    pending: list[Paragraph] = []  # fillers after the last table, kept until we know what follows
    last: Table | None = None
    at = -1  # index of `last` in out
    for blk in doc.blocks:
        if isinstance(blk, Paragraph):
            if last is not None and _filler(blk) is not None:
                pending.append(blk)
                continue
            out.extend(pending)
            out.append(blk)
            pending, last = [], None
            continue
        plan = _plan(last, blk, pending) if last is not None else None
        if plan is None and last is not None and _marked(blk, pending) and last.n_cols != blk.n_cols:
            doc.notes.append(f"{_name(blk)}标为续表，但列数（{blk.n_cols}）与{_name(last)}（{last.n_cols}）不同，"
                             "未合并，两部分分别读取")
        if plan is None:
            out.extend(pending)
            out.append(blk)
            pending, last, at = [], blk, len(out) - 1
            continue
        drop, how = plan
        joined = _append(last, blk, drop)
        out[at] = joined
        dropped = f"，略去重复的表头/续表行 {drop} 行" if drop else ""
        sheet = f"工作表“{blk.location.sheet}”" if blk.location.sheet else ""
        doc.notes.append(f"{sheet}{_name(blk)}接续{_name(last)}（{how}{dropped}），已合并为一张表读取；"
                         f"合并后第{last.n_rows + 1}行起为{_name(blk)}的内容")
        out.extend(pending)  # the 续表/单位 lines stay in the text, after the joined table
        pending, last = [], joined
    out.extend(pending)
    doc.blocks = out
    return doc
