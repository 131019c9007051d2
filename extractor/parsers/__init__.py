"""Read a file into a Document: detect the format by content (not extension), then dispatch."""

from __future__ import annotations

import os
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Document
from extractor.parsers.join import join_continued
from extractor.structure import assign_sections

MAX_BYTES = 200 * 1024 * 1024  # larger files are refused up front: no report is that big

SUFFIXES = {".docx", ".pdf", ".xlsx", ".xlsm", ".txt", ".text", ".htm", ".html", ".doc", ".wps", ".xls", ".et", ".csv",
            ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
OCR_MODES = ("auto", "off", "force")
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(path: Path, head: bytes) -> str:
    """Format from the first bytes: pdf | docx | xlsx | zip | ole | image | html | text."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC):  # PNG, JPEG, TIFF (either byte order): read by OCR
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip-corrupt"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        # a Word/Excel package missing its main part is a damaged document (its parser says so)
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    low = head[:2048].lower()
    if b"<html" in low or b"<!doctype html" in low or b"<body" in low:
        return "html"
    return "text"


def parse(path: str | os.PathLike, source: str | None = None, ocr: str = "auto") -> Document:
    """Parse one file. Raises ExtractError (code + Chinese message) for anything unreadable.
    `ocr`: auto (scanned pages and image files are read by OCR), off, or force (every PDF page)."""
    p = Path(path)
    source = source if source is not None else str(path)
    try:
        size = p.stat().st_size
        with open(p, "rb") as f:
            head = f.read(4096)
    except PermissionError:
        raise ExtractError("unreadable", "无法读取文件：没有读取权限") from None
    except IsADirectoryError:
        raise ExtractError("unreadable", "这是一个文件夹，不是文件") from None
    except FileNotFoundError:
        raise ExtractError("not_found", "文件不存在") from None
    except OSError as e:
        raise ExtractError("unreadable", f"无法读取文件：{e.strerror or e}") from None
    if size == 0:
        raise ExtractError("empty", "文件为空（0 字节）")
    if size > MAX_BYTES:
        raise ExtractError("too_large", f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 上限")
    kind = sniff(p, head)
    if kind in ("docx", "xlsx"):
        from extractor.safety import check_zip

        check_zip(p)  # zip bomb / huge XML / entity declarations, before any parser inflates a part
    if kind == "pdf":
        from extractor.parsers import pdf as mod
    elif kind == "image":
        from extractor.parsers import images as mod
    elif kind == "docx":
        from extractor.parsers import docx as mod
    elif kind == "xlsx":
        from extractor.parsers import xlsx as mod
    elif kind == "html":
        from extractor.parsers import html as mod
    elif kind == "text":
        from extractor.parsers import text as mod
    elif kind == "ole":
        raise ExtractError(
            "legacy_format",
            "旧版 Office 二进制格式（.doc/.xls/.wps）或加密的 Office 文件，无法直接读取：请另存为 DOCX/XLSX 后再检查",
        )
    elif kind == "zip-corrupt":
        raise ExtractError("corrupt", "文件已损坏：ZIP 容器无法打开（DOCX/XLSX 可能被截断）")
    else:
        raise ExtractError("unsupported", "不支持的文件格式：ZIP 压缩包中没有 Word 或 Excel 文档")
    doc = mod.parse(p, source, ocr_mode=ocr) if kind in ("pdf", "image") else mod.parse(p, source)
    return assign_sections(join_continued(doc))
