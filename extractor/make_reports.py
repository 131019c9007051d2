"""Regenerate reports/ from samples/: `python -m extractor.make_reports [SAMPLES] [OUT]`.

Writes samples.html, samples.xlsx, samples.md and samples.csv (all checks, one run over every sample)
and, when Chromium is installed, samples.png, a screenshot of the HTML report."""

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


def screenshot(html: Path, png: Path, size: str = "1400,1800") -> bool:
    exe = chromium()
    if not exe:
        return False
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([exe, *HEADLESS_FLAGS, f"--user-data-dir={prof}", f"--window-size={size}",
                            f"--screenshot={png}", html.resolve().as_uri()], capture_output=True, timeout=120)
    return r.returncode == 0 and png.exists()


def main(argv: list[str] | None = None) -> int:
    from extractor import batch
    from extractor.pipeline import iter_inputs
    from extractor.reporters import get

    argv = sys.argv[1:] if argv is None else argv
    samples = Path(argv[0]) if argv else ROOT / "samples"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "reports"
    out.mkdir(parents=True, exist_ok=True)
    inputs = [(str(p.relative_to(samples.parent)) if p.is_relative_to(samples.parent) else s, p)
              for s, p in iter_inputs([str(samples)])]
    results, summ = batch.run(inputs, batch.Settings(check=True), progress=None)
    meta = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "inputs": [str(samples)],
            "summary": summ.to_record(), "unmatched_waivers": []}
    for fmt in ("html", "xlsx", "md", "csv"):
        data = get(fmt).render(results, meta)
        path = out / f"samples.{fmt}"
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
        print(f"wrote {path}")
    if screenshot(out / "samples.html", out / "samples.png"):
        print(f"wrote {out / 'samples.png'}")
    else:
        print("chromium not found: screenshot skipped", file=sys.stderr)
    print(summ.line(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
