"""Page images for the reports: the pages evidence stands on, rendered from the source file itself when
the report is made, never from anything else: PDF pages with pypdfium2 (installed with pdfplumber), an
image file (a scan read by OCR, whose boxes are in pixels) with Pillow.

A page is rendered once per run (cached) at SCALE pixels per point and stored as WebP (PNG where
Pillow lacks WebP). A file that is gone, or whose content no longer matches the hash taken when it was
read, gets no image: the report says so instead of showing a wrong page."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

SCALE = 2.0  # pixels per PDF point (144 dpi): the small print of a 自评表 stays legible; ~90 KB a page
QUALITY = 50  # WebP quality: text edges stay sharp enough at this resolution
# One HTML file stays usable (opens in a browser in a few seconds) up to this many bytes of embedded
# images, about 350 pages: a 200-document batch with one or two pages of evidence each. Beyond it, the
# images are written beside the report (when it is written to a file) and the report says so.
MAX_EMBEDDED = 32 * 1024 * 1024


@dataclass
class PageImage:
    name: str  # file name when written beside the report; also the element id stem
    page: int
    width: float  # page size in points (the space of Location.bbox)
    height: float
    data: bytes
    mime: str
    scale: float = SCALE  # image pixels per unit of width/height

    @property
    def ext(self) -> str:
        return ".webp" if self.mime == "image/webp" else ".png"


@dataclass
class Images:
    """Options for page images in a report (`--no-images` turns them off). `assets` is the folder
    beside the report for images that do not fit (None: the report goes to stdout). Holds the cache,
    so reports written in one run (a folder of reports) render each page once."""

    enabled: bool = True
    assets: Path | None = None
    max_embedded: int = MAX_EMBEDDED
    cache: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)  # path -> why no image
    seconds: float = 0.0  # time spent rendering (for the benchmark)

    def source_problem(self, r) -> str | None:
        """Why the pages of result r cannot be shown, or None."""
        if not r.path:
            return "结果中没有原文件路径，无法显示页面图像"
        if r.path not in self.problems:
            self.problems[r.path] = _check_source(Path(r.path), r.sha256)
        return self.problems[r.path]

    def prefetch(self, wanted: list[tuple[object, set[int]]], jobs: int | None = None) -> None:
        """Render the pages of many results at once, one document per worker process (pdfium is not
        thread-safe); a batch report then costs its page rendering divided by the cores."""
        import os
        import time

        todo = []
        for r, numbers in wanted:
            if not self.enabled or not numbers or self.source_problem(r):
                continue
            missing = sorted(n for n in numbers if n and (r.path, n) not in self.cache)
            if missing:
                todo.append((r.path, missing, _stem(r)))
        jobs = min(jobs or os.cpu_count() or 1, len(todo))
        if jobs < 2 or len(todo) < 4:
            return  # pages() renders them one by one
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        t0 = time.monotonic()
        ctx = mp.get_context("fork") if hasattr(os, "fork") else None
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                for (path, _, _), fut in [(t, pool.submit(_render_job, *t)) for t in todo]:
                    try:
                        for n, img in fut.result().items():
                            self.cache[(path, n)] = img
                    except Exception as e:  # noqa: BLE001 - that file's pages: said in the report
                        self.problems[path] = f"页面图像无法生成（{type(e).__name__}）"
        except OSError:  # no processes to be had: pages() renders in this process
            pass
        finally:
            self.seconds += time.monotonic() - t0

    def pages(self, r, numbers) -> dict[int, PageImage]:
        """Images of the given pages of result r (those that exist); empty when the source is unusable."""
        import time

        if not self.enabled or not numbers or self.source_problem(r):
            return {}
        want = sorted({n for n in numbers if n})
        missing = [n for n in want if (r.path, n) not in self.cache]
        if missing:
            t0 = time.monotonic()
            try:
                for n, img in render_pages(Path(r.path), missing, stem=_stem(r)).items():
                    self.cache[(r.path, n)] = img
            except Exception as e:  # a file pdfplumber read but pdfium cannot: say so, keep the report
                self.problems[r.path] = f"页面图像无法生成（{type(e).__name__}）"
                return {}
            finally:
                self.seconds += time.monotonic() - t0
        return {n: self.cache[(r.path, n)] for n in want if (r.path, n) in self.cache}


def _check_source(path: Path, sha256: str | None) -> str | None:
    if not path.is_file():
        return f"原文件已不存在（{path}），无法显示页面图像"
    if sha256:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != sha256:
            return "原文件在扫描后已被修改（内容校验值不同），为免显示错误页面，未显示页面图像；请重新扫描"
    return None


def _stem(r) -> str:
    base = re.sub(r"[^\w\-]+", "_", Path(r.source).stem)[:40] or "document"
    return f"{base}-{hashlib.sha256(r.source.encode()).hexdigest()[:8]}"


def _render_job(path: str, numbers: list[int], stem: str) -> dict[int, PageImage]:
    return render_pages(Path(path), numbers, stem=stem)


MAX_PIXELS = 2400  # long side of an image file's page image (a 600 dpi scan is shrunk to this)


def render_pages(path: Path, numbers: list[int], stem: str = "page", scale: float = SCALE) -> dict[int, PageImage]:
    """Render 1-based page numbers of a PDF (crop box, /Rotate applied, as a viewer shows it) or of an
    image file (its frames; width/height in pixels, the space OCR boxes are given in)."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        return _image_pages(path, numbers, stem)
    import pypdfium2 as pdfium

    out: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in numbers:
            if not 1 <= n <= len(pdf):
                continue
            page = pdf[n - 1]
            w, h = page.get_size()
            out[n] = _encoded(page.render(scale=scale).to_pil(), f"{stem}-p{n}", n, float(w), float(h), scale)
            page.close()
    finally:
        pdf.close()
    return out


def _image_pages(path: Path, numbers: list[int], stem: str) -> dict[int, PageImage]:
    from PIL import Image, ImageSequence

    out: dict[int, PageImage] = {}
    with Image.open(path) as im:  # Pillow's pixel limit refuses decompression bombs
        for n, frame in enumerate(ImageSequence.Iterator(im), 1):
            if n in numbers:
                w, h = frame.size
                img = frame.convert("RGB")
                img.thumbnail((MAX_PIXELS, MAX_PIXELS))
                out[n] = _encoded(img, f"{stem}-p{n}", n, float(w), float(h), img.size[0] / w)
    return out


def _encoded(img, name: str, page: int, width: float, height: float, scale: float) -> PageImage:
    from PIL import features

    buf = io.BytesIO()
    if features.check("webp"):
        img.save(buf, "WEBP", quality=QUALITY, method=2)  # 3x faster than method 4, 4 % larger
        mime = "image/webp"
    else:
        img.convert("L").quantize(16).save(buf, "PNG", optimize=True)
        mime = "image/png"
    return PageImage(name=name, page=page, width=width, height=height, data=buf.getvalue(), mime=mime, scale=scale)


def write_assets(images: list[PageImage], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for img in images:
        (folder / (img.name + img.ext)).write_bytes(img.data)
