"""What a report needs from the document to show each finding in its place: the rows of a table the
evidence stands in (with the header and total rows that explain them, merged cells as merged) and the
paragraphs it quotes. Made while the document is in memory; kept with the results (and in --db)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field

from extractor.model import Document, Finding, Table
from extractor.patterns import load as load_patterns
from extractor.quantities import parse_value

MAX_PARAGRAPH = 2000  # characters of a quoted paragraph kept for the report


@dataclass
class TableView:
    """Rows of one table: `cells` are those touching the kept rows, with their full spans;
    `context[row]` lists the rows to show with an evidence row (header, itself, closing totals)."""

    table: int
    n_rows: int
    n_cols: int
    page: int | None = None
    section: str | None = None
    caption: str | None = None
    cells: list[dict] = field(default_factory=list)  # {row, col, rowspan, colspan, text}
    context: dict[int, list[int]] = field(default_factory=dict)

    def to_record(self) -> dict:
        return asdict(self)

    @classmethod
    def from_record(cls, d: dict) -> "TableView":
        d = dict(d)
        d["context"] = {int(k): list(v) for k, v in d.get("context", {}).items()}
        return cls(**d)


@dataclass
class ParagraphView:
    paragraph: int
    text: str
    page: int | None = None
    section: str | None = None

    def to_record(self) -> dict:
        return asdict(self)

    @classmethod
    def from_record(cls, d: dict) -> "ParagraphView":
        return cls(**d)


def total_words() -> list[str]:
    t = load_patterns("totals")
    return [f for e in t["sum"] for f in e["forms"]] + list(t["score"])


def excerpts(doc: Document, findings: list[Finding]) -> tuple[dict[int, TableView], dict[int, ParagraphView]]:
    """Table and paragraph views for every table row and paragraph the findings' evidence points at."""
    want_rows: dict[int, set[int]] = {}
    want_paras: set[int] = set()
    for f in findings:
        for e in f.evidence:
            loc = e.location
            if loc.table is not None and loc.row is not None:
                want_rows.setdefault(loc.table, set()).add(loc.row)
            elif loc.paragraph is not None:
                want_paras.add(loc.paragraph)
    tables: dict[int, TableView] = {}
    if want_rows:
        words = total_words()
        for t in doc.tables():
            rows = want_rows.get(t.location.table)
            if rows:
                tables[t.location.table] = table_view(t, rows, words)
    paras: dict[int, ParagraphView] = {}
    for p in doc.paragraphs():
        n = p.location.paragraph
        if n in want_paras and n not in paras:
            paras[n] = ParagraphView(n, p.text[:MAX_PARAGRAPH], p.location.page, p.location.section)
    return tables, paras


def table_view(t: Table, rows: set[int], words: list[str]) -> TableView:
    grid = t.grid()
    n_rows, n_cols = len(grid), (len(grid[0]) if grid else 0)
    kinds = [_row_kind(row, words) for row in grid]  # index r-1
    totals = [k for k in range(1, n_rows + 1) if kinds[k - 1] == "total"]
    context: dict[int, list[int]] = {}
    for r in sorted(x for x in rows if 1 <= x <= n_rows):
        show = {r, *_header_rows(grid, kinds, r)}
        i = bisect_right(totals, r)
        if i < len(totals):  # the total that closes r's block, and the grand total at the end
            show.update((totals[i], totals[-1]))
        context[r] = sorted(show)
    keep = {k for v in context.values() for k in v}
    cells = [{"row": c.row, "col": c.col, "rowspan": c.rowspan, "colspan": c.colspan, "text": c.text}
             for c in sorted(t.cells, key=lambda c: (c.row, c.col))
             if any(k in keep for k in range(c.row, c.row + c.rowspan))]
    return TableView(table=t.location.table, n_rows=n_rows, n_cols=n_cols, page=t.location.page,
                     section=t.location.section, caption=t.caption, cells=cells, context=context)


def _row_kind(row: list, words: list[str]) -> str:
    """total (its label names a total), data (holds a figure) or text (headers, notes)."""
    cells = [c for k, c in enumerate(row) if c is not None and (k == 0 or c is not row[k - 1])]
    label = next((c.text for c in cells if c.text.strip() and parse_value(c.text) is None), "")
    compact = "".join(label.split())
    numeric = any(c.value is not None or (c.text.strip() and parse_value(c.text) is not None) for c in cells)
    if numeric and any(w in compact for w in words):
        return "total"
    return "data" if numeric else "text"


def _header_rows(grid: list, kinds: list[str], r: int) -> list[int]:
    """The header of the block row r stands in: walking up over data and total rows, the first text
    row, with the rows above it that a merged cell joins to it (a two-row header). Row 1 if none."""
    k = r - 1
    while k >= 1 and kinds[k - 1] != "text":
        k -= 1
    if k < 1:
        return [1] if r != 1 else []
    out = [k]
    while k > 1 and len(out) < 3 and any(c is not None and c.row < k for c in grid[k - 1]):
        k -= 1
        out.append(k)
    return out
