"""Excel (XLSX) reports: every sheet's tables, merged ranges respected, numbers exact and as displayed.

openpyxl reads the cells in read-only (streaming) mode with cached formula results (data_only), so a
large workbook costs little memory. Read-only mode knows nothing of merged ranges, and data_only
cannot tell a formula that was never calculated from a blank: one streaming lxml pass over each
sheet's XML (entities off, no network) collects both.

A sheet is split into tables at fully empty rows; in each part, leading and trailing rows holding a
single cell (a title, 单位：元, 填表人…) become paragraphs. A numeric cell keeps its native number in
Cell.value (Decimal from the float's repr, at Excel's 15 significant digits) and its text as Excel
shows it under the cell's number format (#,##0.00 -> 12,345,678.91; 0.00% -> 100.00%). Dates are ISO.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers.text import table_caption

MAX_CELLS = 2_000_000  # non-empty cells in a workbook; beyond that no report is plausible
MAX_NOTE_REFS = 5


def parse(path: Path, source: str) -> Document:
    wb = _open(path)
    reader = _Reader(source)
    try:
        with zipfile.ZipFile(path) as z:
            missing = [n for n in _declared_sheets(z) if n not in wb.sheetnames]
            if missing or not wb.sheetnames:
                shown = "、".join(f"“{n}”" for n in missing[:3]) or "全部"
                raise ExtractError("corrupt", f"XLSX 文件已损坏：工作表{shown}的数据部件缺失或无法读取")
            for ws in wb.worksheets:
                merges, uncached = _scan_sheet(z, getattr(ws, "_worksheet_path", None))
                reader.sheet(ws, merges, uncached)
    except ExtractError:
        raise
    except Exception as e:  # a damaged part surfaces only when its rows are streamed
        raise _corrupt(e) from None
    finally:
        wb.close()
    return Document(source=source, format="xlsx", blocks=reader.blocks, notes=reader.notes)


def _open(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as e:
        raise _corrupt(e) from None


def _corrupt(e: BaseException) -> ExtractError:
    name = type(e).__name__
    if "Forbidden" in name or "DTD" in name:  # defusedxml: an entity or DTD declaration
        return ExtractError("xml_entities", "XLSX 内部 XML 含实体/DTD 声明（正常的 Excel 文件不会有），疑似恶意构造，已拒绝")
    if isinstance(e, KeyError):
        return ExtractError("corrupt", f"XLSX 文件已损坏：缺少必要部件（{str(e)[:80]}）")
    if isinstance(e, zipfile.BadZipFile):
        return ExtractError("corrupt", "XLSX 文件已损坏：压缩数据无法读取（可能被截断）")
    detail = str(e).replace("\n", " ")[:100] or name
    return ExtractError("corrupt", f"XLSX 文件已损坏：工作簿内容无效（{detail}）")


def _declared_sheets(z: zipfile.ZipFile) -> list[str]:
    """Sheet names the workbook declares (openpyxl silently skips one whose part is missing)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(z.read("xl/workbook.xml"), parser)
    return [el.get("name") for el in root.iter("{*}sheet") if el.get("name")]


def _scan_sheet(z: zipfile.ZipFile, part: str | None) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """Merged ranges (min_row, min_col, max_row, max_col) and cells with a formula but no cached value."""
    from lxml import etree
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    merges: list[tuple[int, int, int, int]] = []
    uncached: set[tuple[int, int]] = set()
    if not part:
        return merges, uncached
    name = part.lstrip("/")
    with z.open(name) as f:
        for _, el in etree.iterparse(f, events=("end",), tag=("{*}c", "{*}mergeCell", "{*}row"),
                                     resolve_entities=False, no_network=True, load_dtd=False):
            tag = el.tag
            if tag.endswith("}c"):
                if len(el) and el[0].tag.endswith("}f"):  # <f> comes first; a cached result follows it
                    cached = any((ch.tag.endswith("}v") or ch.tag.endswith("}is")) and "".join(ch.itertext())
                                 for ch in el[1:])
                    if not cached and el.get("r"):
                        uncached.add(coordinate_to_tuple(el.get("r")))
            elif tag.endswith("}mergeCell") and el.get("ref"):
                c1, r1, c2, r2 = range_boundaries(el.get("ref"))
                merges.append((r1, c1, r2, c2))
            el.clear()
            if tag.endswith("}row"):
                while el.getprevious() is not None:  # keep memory flat on long sheets
                    del el.getparent()[0]
    return merges, uncached


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.blocks: list = []
        self.notes: list[str] = []
        self.para_no = 0
        self.table_no = 0
        self.n_cells = 0
        self.recent: list[str] = []  # paragraphs since the last table of the sheet: caption candidates

    def sheet(self, ws, merges, uncached) -> None:
        title = ws.title
        self.recent = []
        if getattr(ws, "sheet_state", "visible") != "visible":
            self.notes.append(f"工作表“{title}”是隐藏工作表，已一并读取")
        cells: dict[tuple[int, int], tuple[str, Decimal | None]] = {}
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # the stored dimension may be wrong: stream every row
        for row in ws.iter_rows():
            for c in row:
                if getattr(c, "row", None) is None or c.value is None:
                    continue
                text, value = display(c.value, c.number_format)
                if text or value is not None:
                    cells[(c.row, c.column)] = (text, value)
                    self.n_cells += 1
            if self.n_cells > MAX_CELLS:
                raise ExtractError("too_large", f"工作簿单元格过多（超过 {MAX_CELLS} 个），已放弃")
        for rc in uncached:
            cells.setdefault(rc, ("", None))  # a formula never calculated: an empty cell, and a note
        if uncached:
            refs = sorted(uncached)
            shown = "、".join(_ref(r, c) for r, c in refs[:MAX_NOTE_REFS]) + ("等" if len(refs) > MAX_NOTE_REFS else "")
            self.notes.append(f"工作表“{title}”中 {len(refs)} 个单元格（{shown}）含公式但没有保存计算结果"
                              "（文件未在 Excel 中重新计算保存），按空白处理，相关数字无法核对")
        self._split(title, cells, merges)

    def _split(self, title: str, cells: dict, merges: list) -> None:
        # a merged range lives at its top-left cell; the rows it covers are not empty
        anchor = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
        covered_rows: set[int] = set()
        for (r1, c1), (rs, _) in anchor.items():
            if (r1, c1) in cells:
                covered_rows.update(range(r1, r1 + rs))
        by_row: dict[int, list[int]] = {}
        for r, c in cells:
            by_row.setdefault(r, []).append(c)
        rows = sorted(set(by_row) | covered_rows)
        groups: list[list[int]] = []
        for r in rows:
            if groups and r == groups[-1][-1] + 1:
                groups[-1].append(r)
            else:
                groups.append([r])
        for g in groups:
            self._group(title, g, cells, anchor, by_row)

    def _group(self, title, rows: list[int], cells, anchor, by_row) -> None:
        inside = {r for (r0, c0), (rs, _) in anchor.items() if (r0, c0) in cells and rs > 1
                  for r in range(r0 + 1, r0 + rs) if rows[0] <= r <= rows[-1]}

        def single(r: int) -> str | None:
            cols = by_row.get(r, [])
            if len(cols) == 1 and r not in inside:  # a row under a vertical merge belongs to the table
                return cells[(r, cols[0])][0]
            return None

        lead, trail = [], []
        while rows and single(rows[0]) is not None:
            lead.append(single(rows.pop(0)))
        while rows and single(rows[-1]) is not None and _is_note(single(rows[-1]), anchor.get((rows[-1], by_row[rows[-1]][0]))):
            trail.insert(0, single(rows.pop()))
        for t in lead:
            self._para(title, t)
        if rows:
            self._table(title, rows, cells, anchor)
        for t in trail:
            self._para(title, t)

    def _para(self, title: str, text: str) -> None:
        text = text.strip()
        if text:
            self.para_no += 1
            self.blocks.append(Paragraph(text, Location(source=self.source, paragraph=self.para_no, sheet=title)))
            self.recent.append(text)

    def _table(self, title: str, rows: list[int], cells, anchor) -> None:
        first, last = rows[0], rows[-1]
        keys = [(r, c) for (r, c) in cells if first <= r <= last]
        c0 = min(c for _, c in keys)
        self.table_no += 1
        loc = Location(source=self.source, table=self.table_no, sheet=title)
        out: list[Cell] = []
        for r, c in sorted(keys):
            text, value = cells[(r, c)]
            rs, cs = anchor.get((r, c), (1, 1))
            rr, cc = r - first + 1, c - c0 + 1
            out.append(Cell(text=text, row=rr, col=cc, rowspan=min(rs, last - r + 1), colspan=cs, value=value,
                            location=Location(source=self.source, table=self.table_no, row=rr, col=cc, sheet=title)))
        t = Table(cells=out, location=loc)
        t.caption = table_caption(self.recent[-3:], [[c.text for c in row] for row in t.rows()])
        self.recent = []
        self.blocks.append(t)


def _is_note(text: str, span) -> bool:
    """A single-cell row after a table is a note (填表人：…, 注：…, a merged line), not a data row
    whose other cells are blank."""
    t = text.strip()
    return bool(span and span[1] > 1) or "：" in t or ":" in t or t.startswith(("注", "说明", "备注")) or len(t) > 20


def _ref(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c)}{r}"


# ------------------------------------------------------------------ display as Excel shows it

_CURRENCY = "¥￥$€£"


def display(v, fmt: str | None) -> tuple[str, Decimal | None]:
    """(text as shown, native number or None) for a cell value under its number format."""
    if isinstance(v, bool):
        return ("TRUE" if v else "FALSE"), None
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date().isoformat(), None
        return v.isoformat(sep=" ", timespec="seconds"), None
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat(), None
    if isinstance(v, dt.timedelta):
        return str(v), None
    if isinstance(v, int) and fmt in (None, "General"):
        return str(v), Decimal(v)
    if isinstance(v, (int, float, Decimal)):
        d = native(v)
        if d is None:
            return str(v), None
        return format_number(d, fmt or "General"), d
    return str(v).strip(), None


def native(v) -> Decimal | None:
    """Exact Decimal of a cell number: the float's shortest repr, at Excel's 15 significant digits."""
    try:
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    if isinstance(v, float) and d and len(d.as_tuple().digits) > 15:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - 14), rounding=ROUND_HALF_UP)
    return _plain(d)


def _plain(d: Decimal) -> Decimal:
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _sections(fmt: str) -> list[str]:
    out, cur, quoted = [], [], False
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(fmt):
            cur.append(fmt[i:i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def format_number(d: Decimal, fmt: str) -> str:
    secs = _sections(fmt)
    sec = secs[0]
    neg = d < 0
    if neg and len(secs) >= 2 and secs[1].strip():
        sec, d, neg = secs[1], -d, False  # the negative section shows its own sign or brackets
    elif d == 0 and len(secs) >= 3 and secs[2].strip():
        sec = secs[2]
    tokens = _tokens(sec)
    if not any(kind == "num" for kind, _ in tokens) or any(kind == "general" for kind, _ in tokens):
        return _general(d)
    pattern = "".join(t for kind, t in tokens if kind == "num")
    if "E" in pattern.upper() or "/" in pattern:
        return _general(d)
    pct = sum(1 for kind, t in tokens if kind == "pct")
    scaled = abs(d) * (Decimal(100) ** pct)
    int_pat, _, frac_pat = pattern.partition(".")
    trailing_commas = len(int_pat) - len(int_pat.rstrip(","))
    scaled = scaled / (Decimal(1000) ** trailing_commas)
    int_pat = int_pat.rstrip(",")
    must = frac_pat.count("0")
    may = sum(frac_pat.count(ch) for ch in "#?")
    q = scaled.quantize(Decimal(1).scaleb(-(must + may)), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{q:f}".partition(".")
    frac = frac[:must + may]
    while len(frac) > must and frac.endswith("0"):
        frac = frac[:-1]
    if "," in int_pat:
        whole = f"{int(whole):,}"
    if whole == "0" and "0" not in int_pat:
        whole = ""
    num = whole + ("." + frac if frac else "")
    out, placed = [], False
    for kind, t in tokens:
        if kind == "num":
            if not placed:
                out.append(num)
                placed = True
        elif kind in ("lit", "pct"):
            out.append(t)
    text = "".join(out).strip()
    if neg and q != 0:
        text = "-" + text
    return text


def _tokens(sec: str) -> list[tuple[str, str]]:
    """A format section as (kind, text): num (placeholders), pct, lit (shown text), general."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(sec):
        ch = sec[i]
        if sec[i:i + 7].lower() == "general":
            out.append(("general", ""))
            i += 7
        elif ch == '"':
            j = sec.find('"', i + 1)
            j = len(sec) if j < 0 else j
            out.append(("lit", "".join(ch for ch in sec[i + 1:j] if ch not in _CURRENCY)))
            i = j + 1
        elif ch == "\\" and i + 1 < len(sec):
            out.append(("lit", sec[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < len(sec):
            i += 2  # padding and fill characters: no visible text of their own
        elif ch == "[":
            j = sec.find("]", i)
            j = len(sec) if j < 0 else j
            i = j + 1  # colours, conditions, locale/currency codes
        elif ch in "0#?,." or (ch in "Ee" and i + 1 < len(sec) and sec[i + 1] in "+-"):
            out.append(("num", ch))
            i += 1
        elif ch == "%":
            out.append(("pct", "%"))
            i += 1
        elif ch in _CURRENCY:
            i += 1  # the unit comes from 单位 captions and headers, not a currency sign
        else:
            out.append(("lit", ch))
            i += 1
    return out


def _general(d: Decimal) -> str:
    return f"{_plain(d):f}"
