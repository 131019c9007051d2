"""Document model: paragraphs, tables and cells, each with a location and its original text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterator, Union

from extractor.quantities import Quantity


@dataclass(frozen=True)
class Location:
    """Where something stands in a source file. All indexes are 1-based; None means not applicable."""

    source: str = ""
    page: int | None = None
    section: str | None = None  # heading path, e.g. "二/（一）/1"
    paragraph: int | None = None  # 1-based paragraph counter over the whole document
    table: int | None = None  # 1-based table counter over the whole document
    row: int | None = None
    col: int | None = None
    sheet: str | None = None  # XLSX sheet name
    span: tuple[int, int] | None = None  # character offsets of a figure inside the block's text
    # (x0, top, x1, bottom) on `page`, top-left origin: PDF points for PDF pages (text layer or
    # OCR), pixels for image files. None where the parser has no geometry (DOCX, XLSX, text).
    bbox: tuple[float, float, float, float] | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.page:
            parts.append(f"p{self.page}")
        if self.table:
            parts.append(f"表{self.table}")
            if self.row:
                parts.append(f"行{self.row}")
            if self.col:
                parts.append(f"列{self.col}")
        else:
            if self.section:
                parts.append(self.section)
            if self.paragraph:
                parts.append(f"¶{self.paragraph}")
        return " ".join(parts) or "(全文)"

    def sort_key(self) -> tuple:
        return (
            self.source,
            self.page or 0,
            self.paragraph or 0,
            self.table or 0,
            self.row or 0,
            self.col or 0,
            self.span or (0, 0),
        )

    def to_record(self) -> dict:
        rec = {
            "file": self.source,
            "page": self.page,
            "section": self.section,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "col": self.col,
        }
        if self.sheet:
            rec["sheet"] = self.sheet
        if self.span:
            rec["span"] = list(self.span)
        if self.bbox:
            rec["bbox"] = [round(v, 2) for v in self.bbox]
        return rec

    def with_(self, **kw) -> "Location":
        return replace(self, **kw)


@dataclass(frozen=True)
class TextBox:
    """Where characters start..end (offsets into a block's text) were drawn: one per line piece or OCR
    box. Parsers with geometry (PDF text layer, OCR) fill them; others leave the list empty."""

    start: int
    end: int
    page: int
    bbox: tuple[float, float, float, float]  # same space as Location.bbox
    confidence: float | None = None  # OCR recognition confidence of these characters; None: text layer


@dataclass(frozen=True)
class Doubt:
    """Characters start..end of a block's text whose reading is uncertain (OCR: low confidence, or a
    character the recogniser confuses, such as O/0). `reason` is Chinese, for the auditor."""

    start: int
    end: int
    reason: str


def span_bbox(boxes: list[TextBox], start: int, end: int) -> tuple[int, tuple[float, float, float, float]] | None:
    """(page, box) covering characters start..end, narrowed inside each piece in proportion to the
    characters it holds (glyphs of a line are about equally wide); None without geometry. A span over
    two pages is given on its first page."""
    parts = [b for b in boxes if b.start < end and start < b.end]
    if not parts:
        return None
    page = parts[0].page
    xs0, ts, xs1, bs = [], [], [], []
    for b in parts:
        if b.page != page:
            continue
        n = max(1, b.end - b.start)
        x0, top, x1, bottom = b.bbox
        w = (x1 - x0) / n
        xs0.append(x0 + w * max(0, start - b.start))
        xs1.append(x1 - w * max(0, b.end - end))
        ts.append(top)
        bs.append(bottom)
    return page, (min(xs0), min(ts), max(xs1), max(bs))


@dataclass
class Paragraph:
    """A run of text in reading order. `heading` is the outline level (1 = 一、) when it is a heading."""

    text: str
    location: Location
    style: str | None = None
    heading: int | None = None
    boxes: list[TextBox] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)  # uncertain readings (OCR)
    kind: str = field(default="paragraph", init=False)


@dataclass
class Cell:
    """One table cell, listed once even when merged; `rowspan`/`colspan` give the merge."""

    text: str
    row: int
    col: int
    location: Location
    rowspan: int = 1
    colspan: int = 1
    value: Decimal | None = None  # native number (XLSX numeric cell), else None
    boxes: list[TextBox] = field(default_factory=list)  # where its characters were drawn, if known
    doubts: list[Doubt] = field(default_factory=list)  # uncertain readings (OCR)


@dataclass
class Table:
    """A table: its cells (each once) and where it stands. `caption` holds nearby text such as 单位：元."""

    cells: list[Cell]
    location: Location
    caption: str | None = None
    nested: list["Table"] = field(default_factory=list)
    kind: str = field(default="table", init=False)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan - 1 for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan - 1 for c in self.cells), default=0)

    def grid(self) -> list[list[Cell | None]]:
        """Row-major grid; a merged cell is the same object at every position it covers."""
        n_rows, n_cols = self.n_rows, self.n_cols  # computed once: each is a pass over all cells
        g: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    g[r - 1][k - 1] = c
        return g

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, left to right (merged cells once)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[c.row - 1].append(c)
        return out

    def texts(self) -> list[list[str]]:
        """Grid of texts ('' where empty), merged cells repeated: handy for tests and heuristics."""
        return [[(c.text if c else "") for c in row] for row in self.grid()]


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """A parsed file: blocks in reading order plus parser notes (e.g. a scanned page)."""

    source: str
    format: str  # docx | pdf | xlsx | text | html
    blocks: list[Block]
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
    page_sizes: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> (width, height)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        def walk(ts):
            for t in ts:
                yield t
                yield from walk(t.nested)

        return walk(b for b in self.blocks if isinstance(b, Table))

    def text(self) -> str:
        """Plain text of the whole document (tables as tab-separated rows): for debugging and search."""
        lines: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                lines.append(b.text)
            else:
                lines.extend("\t".join(r) for r in b.texts())
        return "\n".join(lines)


@dataclass(frozen=True)
class Figure:
    """An extracted figure: what it is (label, role), its quantity, where it came from and the quote."""

    label: str
    role: str  # e.g. budget.initial, budget.adjustment, budget.adjusted, spend.actual, rate.execution,
    # amount, score.weight, score.value, indicator.target, indicator.claim, indicator.actual
    quantity: Quantity
    location: Location
    quote: str
    meta: tuple = ()  # extra (key, value) pairs, e.g. (("goal", "年度目标2"), ("group", "产出指标"))

    def meta_dict(self) -> dict:
        return dict(self.meta)

    def to_record(self) -> dict:
        q = self.quantity
        rec = {
            "label": self.label,
            "role": self.role,
            "value": q.value_str(),
            "unit": q.unit,
            "raw": q.raw,
            "comparator": q.comparator,
            "base": {"value": q.base_str(), "unit": q.base_unit, "tolerance": str(q.tolerance)},
            "quote": self.quote,
            "location": self.location.to_record(),
        }
        if self.meta:
            rec["meta"] = {k: v for k, v in self.meta}
        return rec


@dataclass(frozen=True)
class Evidence:
    """One figure or statement a finding relies on."""

    quote: str
    role: str  # addend, stated_total, computed, target, actual, claim, stated_rate, ...
    location: Location
    value: str | None = None  # the figure as written, when the evidence is a figure

    def to_record(self) -> dict:
        return {
            "quote": self.quote,
            "role": self.role,
            "value": self.value,
            "location": self.location.to_record(),
            "where": str(self.location),
        }

    @classmethod
    def of(cls, fig: Figure, role: str) -> "Evidence":
        return cls(quote=fig.quote, role=role, location=fig.location, value=fig.quantity.raw)


KINDS = (
    "sum_mismatch",
    "adjust_mismatch",
    "rate_mismatch",
    "text_vs_table",
    "target_vs_actual",
    "claim_vs_indicator",
    "label_mismatch",
    "duplicate_item",
    "score_mismatch",
    "not_checkable",
    "other",
)
SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """A problem (or an explicit 'not checkable') with the evidence a reviewer needs to verify it."""

    code: str
    name: str
    kind: str
    severity: str
    message: str
    values: list[str] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    waived: str | None = None  # waiver reason, when a reviewer accepted this finding

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def fingerprint(self) -> str:
        """Stable across re-scans and file moves: code, values and evidence positions, not the path."""
        h = hashlib.sha256()
        h.update(self.code.encode())
        for v in self.values:
            h.update(b"\x1f" + v.encode())
        for e in self.evidence:
            loc = replace(e.location, source="", bbox=None)  # geometry may be refined; identity is not
            h.update(b"\x1e" + str(loc.to_record()).encode() + e.role.encode())
        return h.hexdigest()[:16]

    def sort_key(self) -> tuple:
        first = self.evidence[0].location.sort_key() if self.evidence else ()
        return (first, self.code)

    def to_record(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "values": list(self.values),
            "expected": self.expected,
            "actual": self.actual,
            "evidence": [e.to_record() for e in self.evidence],
            "fingerprint": self.fingerprint,
            "waived": self.waived,
        }
