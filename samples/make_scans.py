"""Scanned renderings of the seed report and the constructed forms, for the OCR path.

    python samples/make_scans.py                 # writes samples/scans/ (the small set the tests use)
    python samples/make_scans.py --all OUT/      # every page of every sample, for bench/ (not committed)

Each page of a text PDF is rendered with pypdfium2 in grey (the seed at 150 dpi, the forms at 200 dpi:
their type is small), then made to look scanned: turned by a small angle (±0.4–1.2°), a paper tint with
a soft gradient, grain, a slight blur, and JPEG compression. The pages are saved as image-only PDFs
(no text layer) and, for a few pages, as PNG. The result is deterministic for a given version of the
libraries (the noise comes from a seeded generator).

The form PDFs are set in reportlab's non-embedded STSong-Light: rendering them needs a Chinese font on
the machine that runs this script (Debian: `apt-get install fonts-arphic-uming`); the committed output
needs nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "scans"
SEED = HERE / "seed" / "000_14caaf9715f129c9.pdf"
FORMS = ("clean_a", "errors_b", "across_c")
PNG_PAGES = (("seed", 5), ("errors_b", 1))  # (document, page) also written as PNG


def scan_page(page, dpi: int, rng, quality: int = 45, jpeg: bool = True):
    """One PDF page -> a PIL grey image that looks scanned (with `jpeg`, as a scanner compresses it)."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    angle = float(rng.uniform(0.4, 1.2) * rng.choice([-1, 1]))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape
    # paper: a tint that darkens slightly towards one corner, plus grain
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tint = 238 + 10 * (1 - (xx / w + yy / h) / 2)
    grain = rng.normal(0, 2.5, size=a.shape).astype(np.float32)
    ink = a / 255.0
    a = ink * tint + (1 - ink) * 25 + grain
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.5))
    img.info["dpi"] = (dpi, dpi)
    if not jpeg:
        return img
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)  # the compression a scanner applies
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    out.info["dpi"] = (dpi, dpi)
    return out


def scan_pdf(src: Path, dpi: int, rng, pages: list[int] | None = None, jpeg: bool = True) -> list:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        return [scan_page(pdf[n - 1], dpi, rng, jpeg=jpeg) for n in numbers]
    finally:
        pdf.close()


def save_pdf(images: list, path: Path, dpi: int, quality: int = 45) -> None:
    """Image-only PDF: one JPEG per page, sized so the page keeps its physical size."""
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   quality=quality)


def make(out: Path, everything: bool = False) -> list[Path]:
    import numpy as np

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240601)
    written: list[Path] = []
    docs: dict[str, tuple[list, int]] = {"seed": (scan_pdf(SEED, 150, rng), 150)}
    names = FORMS if not everything else tuple(sorted(p.stem for p in (HERE / "forms").glob("*.pdf")))
    for name in names:
        docs[name] = (scan_pdf(HERE / "forms" / f"{name}.pdf", 200, rng), 200)
    if everything:
        for p in sorted((HERE / "variants").glob("*.pdf")):
            docs[f"variant_{p.stem}"] = (scan_pdf(p, 150, rng), 150)
    for name, (images, dpi) in docs.items():
        path = out / f"{name}.pdf"
        save_pdf(images, path, dpi)
        written.append(path)
        form = HERE / "forms" / f"{name}.pdf.expected.json"
        if form.exists():  # a scanned form must give the findings of the text form
            shutil.copyfile(form, out / f"{name}.pdf.expected.json")
            written.append(out / f"{name}.pdf.expected.json")
    for name, page in PNG_PAGES:  # scanned again, saved lossless (a PNG scan is not JPEG-compressed)
        src = SEED if name == "seed" else HERE / "forms" / f"{name}.pdf"
        dpi = docs[name][1]
        (img,) = scan_pdf(src, dpi, rng, [page], jpeg=False)
        path = out / f"{name}_p{page}.png"
        # a grey scan saved as PNG usually has few grey levels: 16 keep it small
        img.point(lambda v: (v // 16) * 17).save(path, "PNG", optimize=True, dpi=(dpi, dpi))
        written.append(path)
    (out / "README.json").write_text(json.dumps(
        {"made_by": "samples/make_scans.py", "seed_dpi": 150, "form_dpi": 200,
         "files": sorted(p.name for p in written)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, default=OUT)
    ap.add_argument("--all", action="store_true", help="every form and every variant (for bench/)")
    args = ap.parse_args(argv)
    for p in make(args.out, args.all):
        print(f"{p}  {p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
