"""Report size and the time page images add, over the bundled samples (53 files).

    python bench/bench_report.py [SAMPLES]

Analyses the samples once (not timed here), then renders the HTML report without images, with images
embedded, and the Markdown report with images beside it; each render from a fresh cache, so the page
rendering (pypdfium2) and WebP encoding are counted every time. Prints one Markdown table row each."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from extractor import batch
    from extractor.pipeline import iter_inputs
    from extractor.reporters import get
    from extractor.reporters.pages import MAX_EMBEDDED, Images

    samples = Path(argv[0]) if argv else ROOT / "samples"
    inputs = iter_inputs([str(samples)])
    results, _ = batch.run(inputs, batch.Settings(check=True), progress=False)
    pdfs = sum(r.format == "pdf" for r in results)
    print(f"{len(results)} files ({pdfs} PDF), {sum(len(r.findings) for r in results)} findings; "
          f"embedding bound {MAX_EMBEDDED // 2**20} MB\n")
    print("| report | seconds | size | page images | image bytes |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, fmt, images in (
                ("html --no-images", "html", Images(enabled=False)),
                ("html, images embedded", "html", Images(max_embedded=1 << 40)),
                ("html, images beside (over the bound)", "html", Images(assets=Path(tmp) / "h_files", max_embedded=0)),
                ("md, images beside", "md", Images(assets=Path(tmp) / "m_files"))):
            t0 = time.perf_counter()
            out = get(fmt).render(results, {}, images=images)
            secs = time.perf_counter() - t0
            n = len(images.cache)
            size = sum(len(i.data) for i in images.cache.values())
            print(f"| {label} | {secs:.2f} (pages {images.seconds:.2f}) | {len(out.encode()) / 2**20:.2f} MB "
                  f"| {n} | {size / 2**20:.2f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
