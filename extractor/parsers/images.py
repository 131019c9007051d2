"""Scanned pages as documents: image files (PNG, JPEG, TIFF, multi-page TIFF; detected by content) and
the pages of a PDF that have no usable text layer (rendered with pypdfium2), read by OCR into the
document model. Limits: an image larger than MAX_PIXELS is refused from its header, before it is
decoded (an image bomb); more than ocr.MAX_PAGES pages to read is refused."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Document
from extractor.parsers import ocr

MAX_PIXELS = 100_000_000  # one image: an A3 page at 600 dpi is 70 M; more is a bomb, not a scan
MAX_RENDER = 12_000_000  # pixels of one rendered PDF page (A3 at 200 dpi is 7.8 M)
DPI_MIN, DPI_MAX = 150, 200  # render at the scan's own resolution within these bounds
MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}


def sniff(head: bytes) -> str | None:
    """png | jpeg | tiff from the first bytes, else None."""
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def check_mode(mode: str, what: str) -> None:
    """Refuse to OCR when it is switched off or not installed, saying why and what to do."""
    if mode == "off":
        raise ExtractError("scanned", f"{what}，需要 OCR 才能读取，但 OCR 已关闭（--ocr off）；去掉 --ocr off 即可读取")
    ocr.require(what)


def _too_many(n: int, what: str) -> ExtractError:
    return ExtractError("too_many_pages", f"{what}共 {n} 页需要 OCR，超过 {ocr.MAX_PAGES} 页的上限；请拆分文件后再检查")


def _corrupt(e: BaseException, page: int | None = None) -> ExtractError:
    where = f"（第{page}页）" if page else ""
    return ExtractError("corrupt", f"图片文件已损坏或不完整，无法解码{where}：{type(e).__name__}")


def parse(path: Path, source: str, ocr_mode: str = "auto") -> Document:
    """An image file (every frame of a TIFF is a page). Coordinates are pixels of the image as shown
    (after its EXIF orientation)."""
    check_mode(ocr_mode, "图片文件没有文本层")
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, for any frame we did not measure
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # measured below: a clear error
        pages, sizes, n = _read_frames(path, Image, ImageOps, UnidentifiedImageError)
    return _document(pages, source, "image", n, sizes, [])


def _read_frames(path: Path, Image, ImageOps, UnidentifiedImageError) -> tuple[list, dict, int]:
    try:
        im = Image.open(path)
    except Image.DecompressionBombError:
        raise ExtractError("image_bomb", f"图片尺寸超过 {MAX_PIXELS // 1_000_000} 百万像素的上限，疑似恶意构造，已拒绝") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise _corrupt(e) from None
    with im:
        try:
            n = getattr(im, "n_frames", 1)
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            raise _corrupt(e) from None
        if n > ocr.MAX_PAGES:
            raise _too_many(n, "图片文件")
        pages, sizes = [], {}
        for i in range(n):
            try:
                im.seek(i)
                w, h = im.size
                if w * h > MAX_PIXELS:
                    raise ExtractError("image_bomb", f"第{i + 1}页图片 {w}×{h} 像素，超过 {MAX_PIXELS // 1_000_000} "
                                                     "百万像素的上限，疑似恶意构造，已拒绝")
                factor = max(1, math.ceil(max(w, h) / (2 * ocr.MAX_SIDE)))
                if im.format == "JPEG" and factor > 1:
                    im.draft("L", (w // factor, h // factor))  # decode at a reduced size: less memory
                frame = ImageOps.exif_transpose(im) if i == 0 else im  # as the image is shown
                frame.load()
                if factor > 1 and max(frame.size) > max(w, h) / factor + 1:
                    frame = frame.reduce(factor)
                unit = max(w, h) / max(frame.size)  # image pixels per pixel read
                shown = (frame.size[0] * unit, frame.size[1] * unit)
                gray = gray_array(frame)
            except ExtractError:
                raise
            except Image.DecompressionBombError:
                raise ExtractError("image_bomb", f"第{i + 1}页图片超过像素上限，疑似恶意构造，已拒绝") from None
            except (OSError, SyntaxError, ValueError, EOFError) as e:
                raise _corrupt(e, i + 1 if n > 1 else None) from None
            pages.append(ocr.read_page(gray, i + 1, unit=unit))
            sizes[i + 1] = (round(shown[0], 2), round(shown[1], 2))
            ocr.page_done(i + 1, n)
    return pages, sizes, n


def _document(pages: list, source: str, fmt: str, n: int, sizes: dict, notes: list[str]) -> Document:
    from extractor.parsers.ocr_layout import assemble

    blocks = assemble(pages, source)
    notes = notes + _page_notes(pages)
    if not blocks:
        raise ExtractError("no_text", "扫描件中没有识别出文字：" + "；".join(_page_notes(pages)))
    notes.append(f"共 {len(pages)} 页经 OCR 识别（数字的识别置信度见各数字的 ocr_confidence）")
    return Document(source=source, format=fmt, blocks=blocks, pages=n, notes=notes, page_sizes=sizes)


def _page_notes(pages: list) -> list[str]:
    out = []
    for p in pages:
        out.extend(p.notes)
        if not p.lines:
            out.append(f"第{p.number}页是空白页或没有可识别的文字")
        elif p.turned:
            out.append(f"第{p.number}页是横向/倒置扫描的，已旋转 {p.turned}° 后识别")
    return out


def read_pdf_pages(path: Path, numbers: list[int], source: str) -> tuple[list, dict, list[str]]:
    """OCR the given pages of a PDF. Returns (blocks, page sizes in points, notes)."""
    if len(numbers) > ocr.MAX_PAGES:
        raise _too_many(len(numbers), "PDF 中")
    import numpy as np
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise ExtractError("corrupt", f"PDF 页面无法渲染（{e}）") from None
    pages, sizes = [], {}
    try:
        for i, no in enumerate(numbers, 1):
            try:
                page = pdf[no - 1]
                try:
                    w, h = page.get_size()
                    scale = min(_render_dpi(page) / 72, math.sqrt(MAX_RENDER / max(1.0, w * h)))
                    bitmap = page.render(scale=scale, grayscale=True)
                    gray = np.array(bitmap.to_numpy())
                    bitmap.close()
                finally:
                    page.close()
            except pdfium.PdfiumError as e:
                raise ExtractError("corrupt", f"PDF 第{no}页无法渲染（{e}）") from None
            if gray.ndim == 3:
                gray = gray[..., 0]
            pages.append(ocr.read_page(gray, no, unit=1 / scale))
            sizes[no] = (gray.shape[1] / scale, gray.shape[0] / scale)
            ocr.page_done(i, len(numbers))
    finally:
        pdf.close()
    from extractor.parsers.ocr_layout import assemble

    return assemble(pages, source), sizes, _page_notes(pages)


def _render_dpi(page) -> float:
    """The resolution of the page's largest image as placed on the page, kept within DPI_MIN..DPI_MAX."""
    import pypdfium2.raw as pdfium_c

    best, area = None, 0.0
    try:
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            x0, y0, x1, y1 = obj.get_bounds()
            a = abs((x1 - x0) * (y1 - y0))
            if a > area:
                meta = obj.get_metadata()
                if meta.horizontal_dpi > 0:
                    best, area = float(meta.horizontal_dpi), a
    except Exception:  # noqa: BLE001 - an odd image object only costs the resolution guess
        best = None
    return min(DPI_MAX, max(DPI_MIN, best or DPI_MAX))


def gray_array(pil_image):
    """A PIL image as a grey numpy array (transparency over white)."""
    import numpy as np
    from PIL import Image

    im = pil_image
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(im, dtype=np.float32)
        top = float(arr.max()) or 1.0
        return (arr * (255.0 / top)).clip(0, 255).astype(np.uint8)
    return np.asarray(im.convert("L"), dtype=np.uint8)
