"""Plain-text reports: encoding detection, paragraphs, and tables written as tab-indented or |-separated cells."""

from __future__ import annotations

import re
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Cell, Document, Location, Paragraph, Table

UNIT_CAPTION = re.compile(r"^\s*(?:金额)?单位\s*[:：]\s*(\S+)")


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ExtractError("encoding", "无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK）") from None


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff"))


def parse(path: Path, source: str) -> Document:
    data = path.read_bytes()
    if _is_binary(data):
        raise ExtractError("unsupported", "不是文本文件，也不是可识别的 DOCX/PDF/XLSX 文档")
    text, enc = decode(data)
    doc = parse_text(text, source)
    if enc not in ("utf-8", "utf-8-sig"):
        doc.notes.append(f"文本编码：{enc}")
    return doc


def _split_pipe(line: str) -> list[str]:
    parts = [p.strip() for p in line.strip().split("|")]
    if parts and parts[0] == "":
        parts = parts[1:]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    return parts


def parse_text(text: str, source: str = "") -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list = []
    para_no = 0
    table_no = 0
    last_caption: str | None = None
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("\t"):
            # seed style: one cell a line, indented by a tab; rows separated by blank lines
            rows: list[list[str]] = [[]]
            while i < n and (lines[i].startswith("\t") or not lines[i].strip()):
                if not lines[i].strip() and not lines[i].startswith("\t"):
                    # blank line ends the row; two blanks or a non-tab line end the table
                    j = i + 1
                    while j < n and not lines[j].strip() and not lines[j].startswith("\t"):
                        j += 1
                    if j >= n or not lines[j].startswith("\t"):
                        i = j
                        break
                    if rows[-1]:
                        rows.append([])
                    i = j
                    continue
                rows[-1].append(lines[i].strip())
                i += 1
            rows = [r for r in rows if r]
            table_no += 1
            blocks.append(_table(rows, source, table_no, last_caption))
            last_caption = None
            continue
        if line.count("|") >= 2 or (line.strip().startswith("|") and line.count("|") >= 1):
            rows = []
            while i < n and lines[i].count("|") >= 1 and lines[i].strip():
                rows.append(_split_pipe(lines[i]))
                i += 1
            table_no += 1
            blocks.append(_table(rows, source, table_no, last_caption))
            last_caption = None
            continue
        if line.strip():
            para_no += 1
            stripped = line.strip()
            blocks.append(Paragraph(stripped, Location(source=source, paragraph=para_no)))
            last_caption = stripped if UNIT_CAPTION.match(stripped) else None
        i += 1
    return Document(source=source, format="text", blocks=blocks)


def _table(rows: list[list[str]], source: str, table_no: int, caption: str | None) -> Table:
    loc = Location(source=source, table=table_no)
    cells = [
        Cell(text=t, row=r, col=c, location=loc.with_(row=r, col=c))
        for r, row in enumerate(rows, 1)
        for c, t in enumerate(row, 1)
    ]
    return Table(cells=cells, location=loc, caption=caption)
