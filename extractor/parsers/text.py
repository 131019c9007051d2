"""Plain-text reports: encoding detection, paragraphs, and tables.

Tables come in the shapes text exports and web pages produce:
- seed style: one cell a line, each indented by a tab, rows separated by blank lines;
- tab-separated lines (TSV), with or without a leading tab;
- `|`-separated lines (web page and spreadsheet excerpts, markdown);
- columns aligned with two or more spaces (a run of at least two such lines).
Anything else is a paragraph, one per line; a long flattened line of space-separated cells stays one
paragraph so its figures can still be found in running text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers.join import join_continued

# 单位：元 / 金额单位：万元 / （单位：万元）, or a unit in brackets in a caption cell: 项目资金 (万元)
UNIT_CAPTION = re.compile(r"^\s*[（(]?\s*(?:金额|计量)?单位\s*[:：]\s*(\S+)")
_UNIT_ANYWHERE = re.compile(r"(?:金额|计量)?单位\s*[:：]\s*(?:人民币)?\s*(?:万元|元|亿元|千元|万|%)")  # not 实施单位：某校
_UNIT_BRACKET = re.compile(r"[（(]\s*(?:万元|元|亿元|千元|万元/%|%)\s*[)）]")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]\d{1,3}[)）])$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COLS = re.compile(r"\t+| {2,}|\u3000{2,}")


# ------------------------------------------------------------------ encoding


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312).

    A UTF-8 file cut inside its last character (web excerpts) is still UTF-8: the broken tail is
    dropped rather than the whole file being misread as GB18030.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ExtractError("encoding", "文本带 UTF-16 标记但内容无法按 UTF-16 解码") from None
    bare16 = _utf16_without_bom(data)
    if bare16:
        try:
            return data.decode(bare16), bare16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and "end of data" in e.reason:
            return data[: e.start].decode("utf-8"), "utf-8"
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    if bad <= max(2, len(data) // 2000):
        # a few broken bytes in an otherwise UTF-8 file (a damaged copy): keep it, marked
        return data.decode("utf-8", errors="replace"), "utf-8 (含少量无法解码的字节)"
    raise ExtractError("encoding", "无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK）")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (UTF-16 saved without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    for enc, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= half * 0.1 and (sample[0::2] if enc == "utf-16-le" else sample[1::2]).count(0) < half * 0.05:
            return enc
    return None


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def _looks_like_text(text: str) -> bool:
    """Decoded text of a real report is mostly letters, digits, punctuation and spaces."""
    sample = text[:5000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")
    return bad <= max(2, len(sample) // 100)


def parse(path: Path, source: str) -> Document:
    data = path.read_bytes()
    if _is_binary(data):
        raise ExtractError("unsupported", "不是文本文件，也不是可识别的 DOCX/PDF/XLSX 文档")
    text, enc = decode(data)
    if not _looks_like_text(text):
        raise ExtractError("unsupported", "不是文本文件，也不是可识别的 DOCX/PDF/XLSX 文档（内容含大量控制字符）")
    if not text.strip():
        raise ExtractError("empty", "文本文件没有内容")
    doc = parse_text(text, source)
    if enc not in ("utf-8", "utf-8-sig"):
        doc.notes.append(f"文本编码：{enc.upper() if enc.startswith(('gb', 'utf-16')) else enc}")
    return doc


# ------------------------------------------------------------------ layout


def _split_pipe(line: str) -> list[str]:
    parts = [p.strip() for p in line.strip().split("|")]
    if parts and parts[0] == "":
        parts = parts[1:]
    while parts and parts[-1] == "":
        parts.pop()  # trailing empty cells of a spreadsheet export carry nothing
    return parts


def _is_pipe_line(line: str) -> bool:
    s = line.strip()
    return s.count("|") >= 2 or s.startswith("|") or s.endswith("|")


def _columns(line: str) -> list[str]:
    """Cells of a line aligned with tabs or runs of 2+ spaces (none if it is one run of text)."""
    s = line.strip()
    if not s:
        return []
    return [c.strip() for c in _COLS.split(s) if c.strip()]


def _aligned_run(lines: list[str], i: int) -> int:
    """Length of the run of column-aligned lines starting at i (0 if it is not a table)."""
    j = i
    rows = []
    while j < len(lines):
        cols = _columns(lines[j])
        if len(cols) < 2 or max(len(c) for c in cols) > 80 or lines[j].startswith("\t"):
            break
        rows.append(cols)
        j += 1
    if len(rows) < 2:
        return 0
    from extractor.quantities import parse_value

    wide = sum(1 for r in rows if len(r) >= 3)
    numeric = any(parse_value(c) is not None for r in rows for c in r)
    return j - i if (numeric or wide * 2 >= len(rows)) else 0


def _pair_run(lines: list[str], i: int) -> int:
    """Length of a run of two-cell lines `name | value` starting at i (0 if it is not a table): a
    two-column table written with inner pipes only. At least two lines, and some right-hand cell a
    number, so that prose with a stray bar stays prose."""
    from extractor.quantities import parse_value

    j = i
    while j < len(lines):
        parts = lines[j].strip().split("|")
        if len(parts) != 2 or not all(p.strip() for p in parts) or max(len(p) for p in parts) > 80:
            break
        j += 1
    if j - i < 2:
        return 0
    numeric = any(parse_value(lines[k].split("|")[1].strip()) is not None for k in range(i, j))
    return j - i if numeric else 0


def parse_text(text: str, source: str = "") -> Document:
    lines = re.sub(r"\r\n?|\f|\v|\u2028|\u2029", "\n", text).split("\n")
    blocks: list = []
    counters = {"para": 0, "table": 0}
    recent: list[str] = []  # paragraphs since the last table: captions come from here
    i, n = 0, len(lines)

    def add_table(rows: list[list[str]], caption_cells: bool = True) -> None:
        if rows and max(len(r) for r in rows) <= 1:
            # one cell a line (a tab-indented list, or a table flattened one cell per `x |` line): text,
            # but an empty `|` line is an empty cell and is kept as one
            for r in rows:
                add_para(r[0] if r else "", cell=True)
            return
        rows = [r for r in rows if any(c for c in r)]
        if not rows:
            return
        counters["table"] += 1
        blocks.append(_table(rows, source, counters["table"], table_caption(recent, rows if caption_cells else [])))
        recent.clear()

    def add_para(s: str, cell: bool = False) -> None:
        if not s and not (blocks and isinstance(blocks[-1], Paragraph) and blocks[-1].style == "cell"):
            return  # an empty cell line only counts inside a run of cell lines
        counters["para"] += 1
        blocks.append(Paragraph(s, Location(source=source, paragraph=counters["para"]), style="cell" if cell else None))
        if s:
            recent.append(s)
            del recent[:-2]

    while i < n:
        line = lines[i]
        if line.startswith("\t") and line.strip():
            rows, i = _tab_block(lines, i)
            add_table(rows)
            continue
        if _is_pipe_line(line):
            rows = []
            while i < n:
                if not lines[i].strip() and i + 1 < n and _is_pipe_line(lines[i + 1]):
                    i += 1  # a single blank line inside a |-table
                    continue
                if not (_is_pipe_line(lines[i]) or (lines[i].count("|") == 1 and lines[i].strip())):
                    break
                if not _MD_RULE.match(lines[i]):
                    rows.append(_split_pipe(lines[i]))
                i += 1
            add_table(rows)
            continue
        run = (_aligned_run(lines, i) or _pair_run(lines, i)) if line.strip() else 0
        if run:
            add_table([_columns(x) if "|" not in x else _split_pipe(x) for x in lines[i:i + run]])
            i += run
            continue
        if line.strip():
            add_para(line.strip())
        i += 1
    return join_continued(Document(source=source, format="text", blocks=blocks))


def _tab_block(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Tab-indented block starting at i: rows and the index after it.

    Seed style: each line one cell, a blank line ends a row. If the lines carry inner tabs (TSV),
    each line is a row.
    """
    n = len(lines)
    j = i
    block: list[str] = []
    while j < n:
        if lines[j].startswith("\t"):
            block.append(lines[j])
            j += 1
            continue
        if not lines[j].strip():
            k = j
            while k < n and not lines[k].strip() and not lines[k].startswith("\t"):
                k += 1
            if k < n and lines[k].startswith("\t"):
                block.extend([""] * (k - j))  # blank lines inside the table separate rows
                j = k
                continue
        break
    if any("\t" in ln.strip("\t ").strip() for ln in block if ln):
        rows = [[c.strip() for c in ln.strip("\n").lstrip("\t").split("\t")] for ln in block if ln.strip()]
        return rows, j
    rows: list[list[str]] = [[]]
    for ln in block:
        if ln == "":
            if rows[-1]:
                rows.append([])
            continue
        rows[-1].append(ln.strip())
    return [r for r in rows if r], j


def table_caption(recent: list[str], rows: list[list[str]]) -> str | None:
    """单位：元 in a paragraph just before the table, else a caption-like cell in its first rows."""
    for p in reversed(recent):
        if UNIT_CAPTION.match(p) or _UNIT_ANYWHERE.search(p):
            return p
    for r in rows[:8]:
        for c in r:
            if _UNIT_ANYWHERE.search(c) or (_UNIT_BRACKET.search(c) and len(c) <= 30):
                return c
    return None


def _table(rows: list[list[str]], source: str, table_no: int, caption: str | None) -> Table:
    loc = Location(source=source, table=table_no)
    width = max(len(r) for r in rows)
    numbered = sum(1 for r in rows if len(r) == width and _ROW_NUMBER.match(r[0]))
    cells: list[Cell] = []
    for r, row in enumerate(rows, 1):
        # rows numbered in a first column (1, 2, …) beside a header or total row one cell short: the
        # short row's first cell spans the number column too, as in the Word original
        span = width - len(row) + 1 if numbered >= 2 and len(row) == width - 1 and not _ROW_NUMBER.match(row[0]) else 1
        col = 1
        for k, t in enumerate(row):
            cs = span if k == 0 else 1
            cells.append(Cell(text=t, row=r, col=col, colspan=cs, location=loc.with_(row=r, col=col)))
            col += cs
    return Table(cells=cells, location=loc, caption=caption)
