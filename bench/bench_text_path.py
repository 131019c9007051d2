"""The text path does not pay for OCR: `extract --check` on the seed PDF as a whole process against bare
pdfplumber as a whole process, in paired runs A B A B … (medians), plus the in-process figure.

    python bench/bench_text_path.py [--pairs 15] [--pdf samples/seed/000_14caaf9715f129c9.pdf]

(a) bare pdfplumber, fresh interpreter: open + extract_text() + extract_tables() on every page;
(b) `extract --check PDF`, fresh interpreter (start-up, imports, parse, figures, checks, report);
(c) in-process and warm: extractor.pipeline.analyse(PDF, check=True) against (a)'s work in-process;
(d) the decision "has this page a text layer": parse with --ocr auto against --ocr off, in-process.
Each pair runs A then B back to back, so a busy machine slows both alike; the ratio is of medians and
the median of the per-pair ratios is printed too. Prints Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BARE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
"""


def wall(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def paired(a, b, pairs: int) -> tuple[float, float, float]:
    """(median a, median b, median of b/a per pair); one warm-up pair first."""
    a(), b()
    ta, tb = [], []
    for _ in range(pairs):
        ta.append(wall(a))
        tb.append(wall(b))
    return statistics.median(ta), statistics.median(tb), statistics.median(y / x for x, y in zip(ta, tb))


def run(cmd: list[str]):
    return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=15)
    ap.add_argument("--pdf", type=Path, default=ROOT / "samples" / "seed" / "000_14caaf9715f129c9.pdf")
    args = ap.parse_args()
    pdf = str(args.pdf)
    sys.path.insert(0, str(ROOT))
    rows = []
    a, b, r = paired(run([sys.executable, "-c", BARE, pdf]), run([str(BIN / "extract"), "--check", pdf]), args.pairs)
    rows.append(("whole process: bare pdfplumber (a) vs `extract --check` (b)", a, b, r))

    import pdfplumber

    from extractor.parsers import parse
    from extractor.pipeline import analyse

    def bare_in():
        with pdfplumber.open(pdf) as p:
            for page in p.pages:
                page.extract_text()
                page.extract_tables()

    a, b, r = paired(bare_in, lambda: analyse(pdf, check=True), args.pairs)
    rows.append(("in-process, warm: bare pdfplumber vs analyse(check=True) (c)", a, b, r))
    a, b, r = paired(lambda: parse(pdf, ocr="off"), lambda: parse(pdf, ocr="auto"), args.pairs)
    rows.append(("in-process: parse --ocr off vs --ocr auto (d)", a, b, r))
    print(f"{args.pairs} pairs after one warm-up pair, {Path(pdf).name}\n")
    print("| measurement | A median (s) | B median (s) | B/A (medians) | median of per-pair B/A |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b, r in rows:
        print(f"| {name} | {a:.3f} | {b:.3f} | {b / a:.2f} | {r:.2f} |")


if __name__ == "__main__":
    main()
