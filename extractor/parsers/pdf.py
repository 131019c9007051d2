"""PDF reports (pdfplumber): text lines rebuilt from chars, ruled tables, page furniture dropped.

One pass per page: chars are de-duplicated (fake bold), tables found once with the lines strategy,
every char is assigned either to a table cell or to a text line. Lines are then joined into
paragraphs over the whole document, so a paragraph or a table that runs onto the next page is whole.
"""

from __future__ import annotations

import logging
import re
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Document, Location, Paragraph
from extractor.parsers.pdf_layout import (  # noqa: F401  (re-exported for tests)
    Line, dedupe, group_lines, is_cjk, join_lines, lead_width, line_text, line_text_boxes, load_objects, mode,
    text_boxes, texts_boxes, visible_chars,
)
from extractor.parsers.pdf_tables import Merged, Tab, continues, find_unruled, grid_table, number_tables
from extractor.structure import heading_level

# page furniture: "— 4 —", "- 4 -", "第 4 页", "第4页 共9页", "4/9", "Page 4", a bare number
PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*(?:/\s*\d+)?|"
    r"[Pp]age\s*\d+(?:\s*of\s*\d+)?)[\s\-—–－~·•]*$"
)
BAND = 0.12  # top/bottom share of the page where headers, footers and page numbers live
CID = "(cid:"
# a page whose text layer has fewer characters than this (a page number, a stamp) and that is mostly
# covered by images is a scan: it goes to OCR
FEW_CHARS = 20
SCAN_COVER = 0.5
_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, struct.error, zlib.error,
    RecursionError, UnicodeError, OverflowError, ZeroDivisionError,
)


@dataclass
class PageItems:
    number: int
    height: float
    items: list = field(default_factory=list)  # Line | Tab, in reading order
    size: tuple[float, float] = (0.0, 0.0)  # visible page (crop box) width, height: what a renderer draws


def _open_error(e: BaseException) -> ExtractError:
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    name = type(inner).__name__
    if "Password" in name or "Encryption" in name:
        return ExtractError("encrypted", "PDF 已加密，无法读取：请提供未加密的文件（或先用密码打开后另存）")
    return ExtractError("corrupt", f"PDF 文件已损坏或不完整，无法解析（{name}）")


def _pdf_errors() -> tuple[type[BaseException], ...]:
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    return (PSException, PdfminerException, MalformedPDFException) + _ERRORS


def _check_tail(path: Path) -> None:
    """A PDF must end with %%EOF (within the last KB or so); pdfminer reads a truncated file silently."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 4096))
        tail = f.read()
    if b"%%EOF" not in tail:
        raise ExtractError("corrupt", "PDF 文件不完整（缺少文件结尾，可能被截断），无法可靠读取")


def parse(path: Path, source: str, ocr_mode: str = "auto") -> Document:
    """`ocr_mode`: auto (pages without a usable text layer are read by OCR), off, force (every page)."""
    import pdfplumber

    errors = _pdf_errors()
    # pdfminer logs repairs of damaged files as warnings; the user gets our one-line error or notes
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_tail(path)
    notes: list[str] = []
    pages: list[PageItems] = []
    try:
        pdf = pdfplumber.open(path)
    except errors as e:
        raise _open_error(e) from None
    text_pages = cid_pages = damaged = 0
    to_ocr: list[int] = []  # pages without a usable text layer
    try:
        try:
            page_list = list(pdf.pages)
        except errors as e:  # the page tree itself is broken
            raise _open_error(e) from None
        n_pages = len(page_list)
        for i, page in enumerate(page_list, 1):
            if ocr_mode == "force":
                pages.append(PageItems(number=i, height=float(page.height)))
                to_ocr.append(i)
                continue
            pi, status = _read_page(page, i, notes, errors)
            text_pages += status == "text"
            cid_pages += status == "cid"
            damaged += status == "damaged"
            pages.append(pi)
            if status in ("scanned", "cid"):
                to_ocr.append(i)
    finally:
        try:
            pdf.close()
        except Exception:  # closing re-reads the page tree; on a damaged file that must not mask our error
            pass
    ocr_blocks, ocr_sizes, ran = _ocr_pages(path, source, to_ocr, ocr_mode, notes, text_pages)
    if text_pages == 0 and not ocr_blocks:
        if damaged:
            raise ExtractError("corrupt", "PDF 文件已损坏，没有一页能够读取")
        if cid_pages and not ran:
            raise ExtractError(
                "no_unicode",
                "PDF 使用的字体没有 Unicode 映射，文字无法正确提取：请从原始文档重新导出 PDF（嵌入字体），或进行 OCR",
            )
        if not to_ocr:
            raise ExtractError("no_text", "PDF 中没有文字（页面为空）")
        if not ran:
            from extractor.parsers.images import check_mode

            check_mode(ocr_mode, "PDF 没有可用的文本层（扫描件）")
        raise ExtractError("no_text", "PDF 扫描页中没有识别出文字：" + "；".join(notes))
    _drop_furniture(pages)
    blocks = _assemble(pages, source)
    if ocr_blocks:
        from extractor.parsers.ocr_layout import splice

        blocks = splice(blocks, ocr_blocks)
    sizes = {p.number: p.size for p in pages if p.size[0] > 0} | ocr_sizes
    return Document(source=source, format="pdf", blocks=blocks, pages=n_pages, notes=notes, page_sizes=sizes)


def _ocr_pages(path: Path, source: str, numbers: list[int], mode: str, notes: list[str], text_pages: int):
    """Read the pages without a usable text layer by OCR (extractor.parsers.images). Returns (blocks,
    page sizes, whether OCR ran); without OCR (off or not installed) the pages are noted as not read."""
    if not numbers:
        return [], {}, False
    from extractor.parsers import images, ocr

    if mode == "off" or not ocr.available():
        if text_pages:
            why = "OCR 已关闭" if mode == "off" else f"未安装 OCR 组件（{ocr.INSTALL_HINT}）"
            notes.append(f"第{_pages_text(numbers)}页没有文本层（扫描件），{why}，未读取")
        return [], {}, False
    blocks, sizes, ocr_notes = images.read_pdf_pages(path, numbers, source)
    read = {f"第{n}页的字体没有 Unicode 映射" for n in numbers}  # read after all: drop "未读取"
    notes[:] = [x for x in notes if not any(x.startswith(r) for r in read)]
    notes.append(f"第{_pages_text(numbers)}页没有可用的文本层，已经 OCR 识别" if mode != "force"
                 else "已按 --ocr force 对全部页面做 OCR 识别")
    notes.extend(ocr_notes)
    return blocks, sizes, True


def _pages_text(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:10]) + ("等" if len(numbers) > 10 else "")


def _read_page(page, no: int, notes: list[str], errors: tuple = ()) -> tuple[PageItems, str]:
    """One page -> its lines and tables in reading order; status text | empty | scanned | cid | damaged.
    Only what pdfminer/pdfplumber do is guarded by `errors` (a damaged page); our own code is not."""
    pi = PageItems(number=no, height=float(page.height))
    try:
        cx0, ctop, cx1, cbottom = (float(v) for v in getattr(page, "cropbox", (0, 0, 0, 0)))
        pi.size = (cx1 - cx0, cbottom - ctop)
        origin = (cx0, ctop)
        load_objects(page)
        chars, rot = visible_chars(page)
        found = page.find_tables() if page.edges else []
        images = page.images
    except errors as e:
        notes.append(f"第{no}页内容已损坏，未读取（{type(e).__name__}）")
        return pi, "damaged"
    if rot:
        pi.height = rot.extent
    visible = [c for c in chars if not c["text"].isspace()]
    if len(visible) < FEW_CHARS and images and (not visible or _image_cover(images, page) >= SCAN_COVER):
        return pi, "scanned"
    if not visible:
        return pi, "empty"
    cid = sum(1 for c in visible if c["text"].startswith(CID))
    if cid * 2 > len(visible):
        notes.append(f"第{no}页的字体没有 Unicode 映射，文字无法识别（可能需要 OCR），未读取")
        return pi, "cid"
    if cid:
        notes.append(f"第{no}页有 {cid} 个字符的字体没有 Unicode 映射，已略去")
        chars = [c for c in chars if not c["text"].startswith(CID)]
    chars = dedupe(chars)
    tabs: list[Tab] = []
    for t in found:
        if rot:
            t = _Turned(rot.box(t.bbox), [rot.box(b) for b in t.cells])
        tab, chars = grid_table(t, chars, no, origin)
        if tab:
            tabs.append(tab)
    grouped = [ln for ln in group_lines(chars) if any(not c["text"].isspace() for c in ln)]
    if not tabs:  # no ruled table: look for columns aligned without rules
        skip: set[int] = set()
        for tab, used in find_unruled(grouped, no, origin=origin):
            tabs.append(tab)
            skip.update(used)
        grouped = [ln for k, ln in enumerate(grouped) if k not in skip]
    lines = []
    for ln in grouped:
        raw, pieces = line_text_boxes(ln, wide=2.0)
        text = raw.strip()
        if text:
            boxes = text_boxes(pieces, no, origin, offset=len(raw.lstrip()) - len(raw))
            lines.append(Line(text, ln[0]["x0"], max(c["x1"] for c in ln), min(c["top"] for c in ln),
                              max(c["bottom"] for c in ln), mode(c["size"] for c in ln), no, lead_width(ln), boxes))
    pi.items = sorted(lines + tabs, key=lambda it: it.top)
    return pi, "text"


def _image_cover(images: list[dict], page) -> float:
    """Share of the page covered by its largest image."""
    area = float(page.width) * float(page.height) or 1.0
    return max((abs(i["x1"] - i["x0"]) * abs(i["bottom"] - i["top"]) for i in images), default=0.0) / area


@dataclass
class _Turned:
    """A table found on a sideways page, its boxes turned like the chars."""

    bbox: tuple
    cells: list


def _furniture_key(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    return re.sub(r"\d+", "#", t) if len(t) <= 40 else t


def _drop_furniture(pages: list[PageItems]) -> None:
    """Drop page numbers and running headers/footers: lines at the top/bottom edge of a page, set apart
    from the body, that are a page number or repeat (digits aside, when short) on half of the pages."""
    gaps = sorted(g for p in pages for g in _line_gaps(p))
    gap = gaps[len(gaps) // 2] if gaps else 0.0  # usual gap between lines over the document

    def edge_lines(p: PageItems) -> list[Line]:
        out = []
        items = p.items
        for k in range(min(2, len(items))):
            it = items[k]
            nxt = items[k + 1] if k + 1 < len(items) else None
            if isinstance(it, Line) and it.bottom < p.height * BAND and (
                    nxt is None or nxt.top - it.bottom > 1.5 * gap + 1):
                out.append(it)
        for k in range(max(0, len(items) - 2), len(items)):
            it = items[k]
            prv = items[k - 1] if k > 0 else None
            if isinstance(it, Line) and it.top > p.height * (1 - BAND) and all(it is not o for o in out) and (
                    prv is None or it.top - prv.bottom > 1.5 * gap + 1):
                out.append(it)
        return out

    cands = {p.number: edge_lines(p) for p in pages}
    counts = Counter(k for ls in cands.values() for k in {_furniture_key(ln.text) for ln in ls})
    n_text = sum(1 for p in pages if p.items)
    need = max(2, (n_text + 1) // 2)
    for p in pages:
        drop = [ln for ln in cands[p.number]
                if PAGE_NUMBER.match(ln.text) or (n_text >= 2 and counts[_furniture_key(ln.text)] >= need)]
        if drop:
            p.items = [it for it in p.items if all(it is not d for d in drop)]


def _starts_item(text: str) -> bool:
    hl = heading_level(text)
    return hl is not None and hl[0] <= 4 or text[:1] in "①②③④⑤⑥⑦⑧⑨⑩"


def _assemble(pages: list[PageItems], source: str) -> list:
    """Lines -> paragraphs (also across pages), tables numbered, split tables merged, captions set."""
    blocks: list = []
    para: list[Line] = []
    para_no = 0
    prev_line: Line | None = None
    geom = {p.number: _page_geometry(p) for p in pages}
    heights = {p.number: p.height for p in pages}

    def flush():
        nonlocal para, para_no
        if para:
            text, boxes = texts_boxes([(ln.text, ln.boxes) for ln in para])
            para_no += 1
            blocks.append(Paragraph(text, Location(source=source, page=para[0].page, paragraph=para_no),
                                    boxes=boxes))
            para = []

    for p in pages:
        for k, it in enumerate(p.items):
            if isinstance(it, Tab):
                flush()
                prev_line = None
                prev = blocks[-1] if blocks else None
                if (k == 0 and isinstance(prev, Merged) and prev.last_page == p.number - 1
                        and continues(prev.parts[-1], it, heights[p.number - 1], p.height)):
                    prev.add(it)
                else:
                    blocks.append(Merged([it]))
                continue
            if prev_line is not None and not _same_paragraph(prev_line, it, geom, len(para) == 1):
                flush()
            para.append(it)
            prev_line = it
    flush()
    return number_tables(blocks, source)


def _page_geometry(p: PageItems) -> tuple[float, float, float]:
    """(left edge, right edge, usual gap between lines) of the body text on a page."""
    lines = [it for it in p.items if isinstance(it, Line)]
    if not lines:
        return 0.0, 0.0, 0.0
    long_ = [ln for ln in lines if len(ln.text) >= 8] or lines
    gaps = sorted(_line_gaps(p))
    return min(ln.x0 for ln in long_), max(ln.x1 for ln in long_), gaps[len(gaps) // 2] if gaps else 0.0


def _line_gaps(p: PageItems) -> list[float]:
    lines = [it for it in p.items if isinstance(it, Line)]
    return [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]


def _same_paragraph(a: Line, b: Line, geom: dict, a_first: bool) -> bool:
    left, right, gap = geom[a.page]
    if _starts_item(b.text) or abs(a.size - b.size) > 1:
        return False
    # a line that ended short of the right margin ends its paragraph, unless the next line's first
    # word (a number) would not have fitted in the room left
    if right - a.x1 > max(b.lead + 0.5 * a.size, 6):
        return False
    if b.page == a.page:
        if b.top - a.bottom > gap + 0.6 * a.size:  # paragraph spacing
            return False
        # a first-line indent starts a paragraph, unless the whole paragraph is indented like b
        if b.x0 > left + 0.8 * b.size and (a_first or b.x0 - a.x0 > 0.5 * b.size):
            return False
    else:
        bleft = geom[b.page][0]
        if b.x0 > bleft + 0.8 * b.size:
            return False
    return True
