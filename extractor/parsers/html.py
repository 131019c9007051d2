"""HTML reports (a page saved from a government site, or a report exported as HTML).

Untrusted input: parsed with the standard library's tolerant html.parser, nothing fetched, no script
run; script/style/template content is dropped. Paragraphs come from block elements (and <br> lines),
headings from <h1>..<h6>, tables from <table> with rowspan/colspan placed on a grid (spans clamped:
a hostile colspan cannot blow up memory). A nested table goes into Table.nested. A one-cell table is a
frame (page layout), not a table: what it holds is read as ordinary blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers.text import decode, table_caption

SKIP = {"script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object", "select", "textarea"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
         "blockquote", "pre", "dd", "dt", "dl", "form", "address", "center", "main", "nav", "aside", "figure",
         "figcaption", "hr", "body", "html", "fieldset", "legend", "details", "summary"}
BR = "\u2028"  # a <br>, told apart from line breaks in the source (which are just spaces)
MAX_COLSPAN = 200
MAX_GRID = 500_000  # grid positions a whole page's tables may occupy (real reports use a few thousand)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_WS = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]")


@dataclass
class _C:  # a cell while parsing: its paragraphs and nested tables in order
    items: list = field(default_factory=list)
    buf: list = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _T:
    rows: list = field(default_factory=list)
    caption: list = field(default_factory=list)
    cell: _C | None = None
    in_caption: bool = False


def parse(path: Path, source: str) -> Document:
    text = _decode(path.read_bytes())
    p = _Parser()
    try:
        p.feed(text)
        p.close()
    except RecursionError:
        raise ExtractError("corrupt", "HTML 结构异常（表格嵌套过深），无法解析") from None
    p.finish()
    return _Builder(source).build(p.items)


def _decode(data: bytes) -> str:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _CHARSET.search(data[:4096])
        if m:
            enc = m.group(1).decode("ascii").lower()
            enc = "gb18030" if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else enc
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data)[0]


def _clean(s: str) -> str:
    """Collapse whitespace as a browser does; a line break between two CJK characters disappears."""
    def sub(m: re.Match) -> str:
        a, b = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
        return "" if ("\n" in m.group(0) and _CJK.match(a or "x") and _CJK.match(b or "x")) else " "

    return _WS.sub(sub, s).strip()


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list = []  # ("p", text, tag) | _T, in document order
        self.buf: list[str] = []
        self.tag = "p"
        self.tables: list[_T] = []
        self.skip = 0

    # where text and finished blocks go: the open cell of the innermost table, else the document
    def _sink(self) -> tuple[list, list]:
        t = self.tables[-1] if self.tables else None
        if t is not None and t.in_caption:
            return t.caption, []
        if t is not None:
            if t.cell is not None:
                return t.cell.buf, t.cell.items
        # outside any cell (also stray text between cells, which browsers show before the table)
        return self.buf, self.items

    def _flush(self, tag: str = "p") -> None:
        buf, items = self._sink()
        if not buf:
            return
        for line in "".join(buf).split(BR):
            line = _clean(line)
            if line:
                items.append(("p", line, self.tag))
        buf.clear()
        self.tag = "p"

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self._sink()[0].append(BR)
        elif tag == "table":
            self._flush()
            self.tables.append(_T())
        elif tag == "caption" and self.tables:
            self.tables[-1].in_caption = True
        elif tag == "tr" and self.tables:
            self._close_cell()
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            self._close_cell()
            if not t.rows:
                t.rows.append([])
            a = dict(attrs)
            t.cell = _C(rowspan=_span(a.get("rowspan"), 65534), colspan=_span(a.get("colspan"), MAX_COLSPAN))
            t.rows[-1].append(t.cell)
        elif tag in BLOCK:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.tag = tag

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.tables:
            self._close_cell()
            t = self.tables.pop()
            parent = self.tables[-1] if self.tables else None
            if parent is not None and parent.cell is None and parent.rows and parent.rows[-1]:
                parent.rows[-1][-1].items.append(t)  # closed its cell early: keep it with that cell
            else:
                self._sink()[1].append(t)
        elif tag == "caption" and self.tables:
            self.tables[-1].in_caption = False
        elif tag in ("td", "th") and self.tables:
            self._close_cell()
        elif tag in BLOCK:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self._sink()[0].append(data)

    def _close_cell(self) -> None:
        t = self.tables[-1]
        if t.cell is not None:
            self._flush()
            t.cell = None

    def finish(self) -> None:
        while self.tables:  # unclosed tables at the end of a truncated page
            self.handle_endtag("table")
        self._flush()


def _span(v: str | None, cap: int) -> int:
    try:
        n = int(str(v).strip()) if v is not None else 1
    except ValueError:
        return 1
    return min(max(n, 1), cap)


def _layout_width(rows: list, natural: int) -> int:
    """Columns the table has when spans wider than its widest row are read as 1."""
    taken: set[tuple[int, int]] = set()
    width = used = 1
    for r, row in enumerate(rows):
        col = 1
        for c in row:
            while (r, col) in taken:
                col += 1
            cs = c.colspan if c.colspan <= natural else 1
            used += (min(r + c.rowspan, len(rows)) - r) * cs
            if used > MAX_GRID:
                raise ExtractError("too_large", "HTML 表格过大（单元格合并范围异常），已放弃")
            for i in range(r, min(r + c.rowspan, len(rows))):
                for k in range(col, col + cs):
                    taken.add((i, k))
            col += cs
            width = max(width, col - 1)
    return width


class _Builder:
    """Numbers paragraphs and tables in document order and places cells on the grid."""

    def __init__(self, source: str):
        self.source = source
        self.blocks: list = []
        self.para_no = 0
        self.table_no = 0
        self.recent: list[str] = []
        self.grid_used = 0

    def build(self, items: list) -> Document:
        self.emit(items)
        return Document(source=self.source, format="html", blocks=self.blocks)

    def emit(self, items: list) -> None:
        for it in items:
            if isinstance(it, _T):
                cells = [c for row in it.rows for c in row]
                if len(cells) == 1 and cells[0].colspan == 1:
                    self.emit(cells[0].items)  # a layout frame
                    continue
                if not cells:
                    continue
                t = self.table(it)
                self.blocks.append(t)
                self.recent = []
            else:
                _, text, tag = it
                self.para_no += 1
                level = int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else None
                self.blocks.append(Paragraph(text, Location(source=self.source, paragraph=self.para_no),
                                             style=tag if tag != "p" else None, heading=level))
                self.recent.append(text)

    def table(self, it: _T) -> Table:
        self.table_no += 1
        loc = Location(source=self.source, table=self.table_no)
        taken: set[tuple[int, int]] = set()
        cells: list[Cell] = []
        inner: list[tuple[Cell, list]] = []
        n_rows = len(it.rows)
        # a colspan wider than the table (colspan="99999" on a total row) stops at the table's edge
        natural = max(len(row) for row in it.rows)
        width = _layout_width(it.rows, natural)
        for r, row in enumerate(it.rows, 1):
            col = 1
            for c in row:
                while (r, col) in taken:
                    col += 1
                c.colspan = max(1, min(c.colspan, width - col + 1))
                rs = min(c.rowspan, n_rows - r + 1)
                self.grid_used += rs * c.colspan
                if self.grid_used > MAX_GRID:
                    raise ExtractError("too_large", "HTML 表格过大（单元格合并范围异常），已放弃")
                for i in range(r, r + rs):
                    for k in range(col, col + c.colspan):
                        taken.add((i, k))
                lines = [x[1] for x in c.items if not isinstance(x, _T)]
                cell = Cell(text="\n".join(lines), row=r, col=col, rowspan=rs, colspan=c.colspan,
                            location=loc.with_(row=r, col=col))
                cells.append(cell)
                inner.append((cell, [x for x in c.items if isinstance(x, _T)]))
                col += c.colspan
        caption_text = _clean("".join(it.caption))
        t = Table(cells=cells, location=loc)
        rows = [[c.text for c in row] for row in t.rows()]
        t.caption = table_caption(self.recent[-3:] + ([caption_text] if caption_text else []), rows) or caption_text or None
        self.recent = []
        t.nested = [self.table(x) for _, xs in inner for x in xs]
        return t
