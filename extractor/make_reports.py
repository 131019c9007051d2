"""Regenerate reports/ from samples/: `python -m extractor.make_reports [SAMPLES] [OUT]`.

Writes samples.html, samples.xlsx, samples.md and samples.csv (all checks, one run over every sample)
and, when Chromium is installed, two screenshots of the HTML report: samples.png (the top: summary and
filters) and samples_evidence.png (a PDF form finding shown in place: its table re-drawn, its page
crop). The page images go to samples_files/ beside the reports instead of into the HTML (as they would
beyond the size bound): they render the same bytes every time, so git keeps one copy of each however
often the reports are regenerated, where an HTML with the images inside would add megabytes each time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


HEADLESS_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
CLI_FLAGS = ["--virtual-time-budget=5000"]  # lets the lazy page images load before a --screenshot capture


def screenshot(html: Path, png: Path, size: str = "1400,1800", anchor: str = "") -> bool:
    """Capture the report in headless Chromium: with selenium (a test extra) the element `anchor` is
    scrolled into view and its lazy images loaded first; without it, the top of the page."""
    exe = chromium()
    if not exe:
        return False
    try:
        return _selenium_shot(exe, html, png, size, anchor)
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([exe, *HEADLESS_FLAGS, *CLI_FLAGS, f"--user-data-dir={prof}", f"--window-size={size}",
                            f"--screenshot={png}", html.resolve().as_uri()], capture_output=True, timeout=120)
    return r.returncode == 0 and png.exists()


def _selenium_shot(exe: str, html: Path, png: Path, size: str, anchor: str) -> bool:
    import time

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    drv = shutil.which("chromedriver")
    if not drv:
        raise ImportError("chromedriver")
    with tempfile.TemporaryDirectory() as prof:
        opts = Options()
        opts.binary_location = exe
        for a in [*HEADLESS_FLAGS, f"--user-data-dir={prof}", f"--window-size={size}"]:
            opts.add_argument(a)
        d = webdriver.Chrome(service=Service(drv), options=opts)
        try:
            d.get(html.resolve().as_uri())
            if anchor:
                d.execute_script("var el=document.getElementById(arguments[0]); if(el){el.scrollIntoView();"
                                 "window.scrollBy(0,-60);}", anchor)
            time.sleep(1.0)  # the lazy page images load once in view
            d.save_screenshot(str(png))
        finally:
            d.quit()
    return png.exists()


def evidence_anchor(results) -> str:
    """The element id of the first finding on a PDF form shown both as a table and as a page crop
    (findings are numbered in report order, as the HTML reporter numbers them)."""
    n = 0
    for r in results:
        for f in r.findings:
            n += 1
            if r.format == "pdf" and len({e.location.col for e in f.evidence if e.location.bbox and e.location.table}) > 2:
                return f"finding-{n}"
    return ""


def main(argv: list[str] | None = None) -> int:
    from extractor import batch
    from extractor.pipeline import iter_inputs
    from extractor.reporters import get
    from extractor.reporters.pages import Images

    argv = sys.argv[1:] if argv is None else argv
    samples = Path(argv[0]) if argv else ROOT / "samples"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "reports"
    out.mkdir(parents=True, exist_ok=True)
    inputs = [(str(p.relative_to(samples.parent)) if p.is_relative_to(samples.parent) else s, p)
              for s, p in iter_inputs([str(samples)])]
    results, summ = batch.run(inputs, batch.Settings(check=True), progress=None)
    meta = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "inputs": [str(samples)],
            "summary": summ.to_record(), "unmatched_waivers": []}
    # images of samples since changed or removed would stay behind, referenced by nothing
    shutil.rmtree(out / "samples_files", ignore_errors=True)
    images = Images(assets=out / "samples_files", max_embedded=0)
    for fmt in ("html", "xlsx", "md", "csv"):
        path = out / f"samples.{fmt}"
        if fmt in ("html", "md"):
            data = get(fmt).render(results, meta, images=images)
        else:
            data = get(fmt).render(results, meta)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
        print(f"wrote {path}")
    shots = [("samples.png", "1400,1800", ""), ("samples_evidence.png", "1400,1400", evidence_anchor(results))]
    for name, size, anchor in shots:
        if screenshot(out / "samples.html", out / name, size, anchor):
            print(f"wrote {out / name}")
        else:
            print(f"chromium not found or failed: {name} skipped", file=sys.stderr)
    print(summ.line(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
