"""SQLite results store (`--db results.sqlite`). Schema version 2 (table `meta`, key `schema_version`):

documents(id, path UNIQUE (absolute), source (as given), sha256, size, status ok|error, error_code,
          error_message, format, pages, notes JSON, settings (hash of version + check settings),
          scanned_at (UTC ISO 8601), seconds (parse time), page_sizes JSON {page: [width, height]})
figures(id, document_id → documents, seq, label, role, value (decimal text as shown), unit, raw,
        comparator, decimals, base_value, base_unit, quote, page, section, sheet, table_no, row, col,
        paragraph, span_start, span_end, x0, top, x1, bottom (bbox on the page, PDF points), meta JSON)
findings(id, document_id → documents, seq, code, name, kind, severity, message, "values" JSON,
         expected, actual, fingerprint)
evidence(id, finding_id → findings, seq, quote, role, value, page, section, sheet, table_no, row, col,
         paragraph, span_start, span_end, x0, top, x1, bottom)
excerpts(id, document_id → documents, kind table|paragraph, number, data JSON): the table rows and
         paragraphs the evidence points at, so `extract report` can show each finding in its place

Numbers are stored as decimal TEXT so nothing is rounded through float. Waivers are not stored: they
are applied when a report is rendered, so editing the waivers file needs no re-scan. A document whose
sha256 and settings are unchanged is not parsed again (unless --rescan)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from extractor.errors import ExtractError
from extractor.excerpts import ParagraphView, TableView
from extractor.model import Evidence, Figure, Finding, Location
from extractor.pipeline import DocumentResult
from extractor.quantities import Quantity

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, source TEXT NOT NULL, sha256 TEXT, size INTEGER,
  status TEXT NOT NULL, error_code TEXT, error_message TEXT, format TEXT, pages INTEGER, notes TEXT,
  settings TEXT, scanned_at TEXT NOT NULL, seconds REAL, page_sizes TEXT);
CREATE TABLE IF NOT EXISTS figures(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, label TEXT, role TEXT, value TEXT, unit TEXT, raw TEXT, comparator TEXT,
  decimals INTEGER, base_value TEXT, base_unit TEXT, quote TEXT,
  page INTEGER, section TEXT, sheet TEXT, table_no INTEGER, row INTEGER, col INTEGER, paragraph INTEGER,
  span_start INTEGER, span_end INTEGER, x0 REAL, top REAL, x1 REAL, bottom REAL, meta TEXT);
CREATE TABLE IF NOT EXISTS findings(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, code TEXT, name TEXT, kind TEXT, severity TEXT, message TEXT, "values" TEXT,
  expected TEXT, actual TEXT, fingerprint TEXT);
CREATE TABLE IF NOT EXISTS evidence(
  id INTEGER PRIMARY KEY, finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, quote TEXT, role TEXT, value TEXT,
  page INTEGER, section TEXT, sheet TEXT, table_no INTEGER, row INTEGER, col INTEGER, paragraph INTEGER,
  span_start INTEGER, span_end INTEGER, x0 REAL, top REAL, x1 REAL, bottom REAL);
CREATE TABLE IF NOT EXISTS excerpts(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, number INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(document_id);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(document_id);
CREATE INDEX IF NOT EXISTS findings_fp ON findings(fingerprint);
CREATE INDEX IF NOT EXISTS evidence_finding ON evidence(finding_id);
CREATE INDEX IF NOT EXISTS excerpts_doc ON excerpts(document_id);
"""

LOC_COLS = ("page", "section", "sheet", "table_no", "row", "col", "paragraph", "span_start", "span_end",
            "x0", "top", "x1", "bottom")


class StoreError(Exception):
    pass


def _loc_values(loc: Location) -> tuple:
    span = loc.span or (None, None)
    box = loc.bbox or (None, None, None, None)
    return (loc.page, loc.section, loc.sheet, loc.table, loc.row, loc.col, loc.paragraph, span[0], span[1], *box)


def _loc_from(row, source: str) -> Location:
    span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    box = (row["x0"], row["top"], row["x1"], row["bottom"]) if row["x0"] is not None else None
    return Location(source=source, page=row["page"], section=row["section"], paragraph=row["paragraph"],
                    table=row["table_no"], row=row["row"], col=row["col"], sheet=row["sheet"], span=span, bbox=box)


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.con = sqlite3.connect(str(self.path))
            self.con.row_factory = sqlite3.Row
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA journal_mode = WAL")
            self.con.executescript(SCHEMA)
            got = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"无法打开结果库 {path}：{e}") from None
        if got is None:
            with self.con:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(got["value"]) != SCHEMA_VERSION:
            raise StoreError(f"结果库 {path} 的结构版本为 {got['value']}，本程序需要 {SCHEMA_VERSION}：请换一个新文件"
                             f"（或删除该文件后重新扫描；旧结果无法直接升级）")

    def close(self):
        self.con.close()

    # ------------------------------------------------------------ write
    def save(self, path: Path, res: DocumentResult, sha256: str | None, settings: str, seconds: float) -> None:
        key = str(Path(path).resolve())
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = None
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.con:
            self.con.execute("DELETE FROM documents WHERE path = ?", (key,))
            cur = self.con.execute(
                "INSERT INTO documents(path, source, sha256, size, status, error_code, error_message, format, pages,"
                " notes, settings, scanned_at, seconds, page_sizes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (key, res.source, sha256, size, res.status, res.error.code if res.error else None,
                 res.error.message if res.error else None, res.format, res.pages,
                 json.dumps(res.notes, ensure_ascii=False), settings, now, round(seconds, 4),
                 json.dumps({str(k): list(v) for k, v in res.page_sizes.items()})))
            doc_id = cur.lastrowid
            self.con.executemany(
                "INSERT INTO excerpts(document_id, kind, number, data) VALUES (?,?,?,?)",
                [(doc_id, kind, n, json.dumps(v.to_record(), ensure_ascii=False))
                 for kind, views in (("table", res.tables), ("paragraph", res.paragraphs)) for n, v in views.items()])
            self.con.executemany(
                f"INSERT INTO figures(document_id, seq, label, role, value, unit, raw, comparator, decimals, base_value,"
                f" base_unit, quote, {', '.join(LOC_COLS)}, meta) VALUES ({','.join('?' * (13 + len(LOC_COLS)))})",
                [(doc_id, i, f.label, f.role, str(f.quantity.value), f.quantity.unit, f.quantity.raw,
                  f.quantity.comparator, f.quantity.decimals, str(f.quantity.base), f.quantity.base_unit, f.quote,
                  *_loc_values(f.location), json.dumps([list(m) for m in f.meta], ensure_ascii=False, default=str))
                 for i, f in enumerate(res.figures)])
            for i, f in enumerate(res.findings):
                cur = self.con.execute(
                    'INSERT INTO findings(document_id, seq, code, name, kind, severity, message, "values", expected,'
                    " actual, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, i, f.code, f.name, f.kind, f.severity, f.message,
                     json.dumps(f.values, ensure_ascii=False), f.expected, f.actual, f.fingerprint))
                fid = cur.lastrowid
                self.con.executemany(
                    f"INSERT INTO evidence(finding_id, seq, quote, role, value, {', '.join(LOC_COLS)})"
                    f" VALUES ({','.join('?' * (5 + len(LOC_COLS)))})",
                    [(fid, k, e.quote, e.role, e.value, *_loc_values(e.location)) for k, e in enumerate(f.evidence)])

    # ------------------------------------------------------------ read
    def lookup(self, path: Path, sha256: str, settings: str, retry_codes=()) -> DocumentResult | None:
        """The stored result of an unchanged file scanned with the same settings, else None."""
        row = self.con.execute("SELECT * FROM documents WHERE path = ?", (str(Path(path).resolve()),)).fetchone()
        if row is None or row["sha256"] != sha256 or row["settings"] != settings:
            return None
        if row["status"] == "error" and row["error_code"] in retry_codes:
            return None
        return self._load(row)

    def results(self) -> list[DocumentResult]:
        """Every stored document, in the order they were given (source), for `extract report`."""
        rows = self.con.execute("SELECT * FROM documents ORDER BY source, id").fetchall()
        return [self._load(r) for r in rows]

    def _load(self, row) -> DocumentResult:
        src = row["source"]
        res = DocumentResult(source=src, status=row["status"], format=row["format"], pages=row["pages"],
                             notes=json.loads(row["notes"] or "[]"), path=row["path"], sha256=row["sha256"],
                             page_sizes={int(k): tuple(v) for k, v in json.loads(row["page_sizes"] or "{}").items()})
        for x in self.con.execute("SELECT kind, number, data FROM excerpts WHERE document_id = ?", (row["id"],)):
            data = json.loads(x["data"])
            if x["kind"] == "table":
                res.tables[x["number"]] = TableView.from_record(data)
            elif x["kind"] == "paragraph":
                res.paragraphs[x["number"]] = ParagraphView.from_record(data)
        if row["status"] == "error":
            res.error = ExtractError(row["error_code"] or "error", row["error_message"] or "")
        for f in self.con.execute("SELECT * FROM figures WHERE document_id = ? ORDER BY seq", (row["id"],)):
            q = Quantity(value=Decimal(f["value"]), unit=f["unit"] or "", raw=f["raw"] or "",
                         decimals=f["decimals"] or 0, comparator=f["comparator"])
            meta = tuple(tuple(m) for m in json.loads(f["meta"] or "[]"))
            res.figures.append(Figure(label=f["label"] or "", role=f["role"] or "", quantity=q,
                                      location=_loc_from(f, src), quote=f["quote"] or "", meta=meta))
        for f in self.con.execute("SELECT * FROM findings WHERE document_id = ? ORDER BY seq", (row["id"],)):
            ev = [Evidence(quote=e["quote"] or "", role=e["role"] or "", location=_loc_from(e, src), value=e["value"])
                  for e in self.con.execute("SELECT * FROM evidence WHERE finding_id = ? ORDER BY seq", (f["id"],))]
            res.findings.append(Finding(code=f["code"], name=f["name"] or "", kind=f["kind"], severity=f["severity"],
                                        message=f["message"] or "", values=json.loads(f["values"] or "[]"),
                                        expected=f["expected"], actual=f["actual"], evidence=ev))
        return res
