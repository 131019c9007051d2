"""OCR cost on this machine: seconds per page and peak memory, per file and for a batch.

    python bench/bench_ocr.py [--all] [--jobs 2]

Each file of samples/scans is analysed (`analyse(check=True)`, as `extract --check` does) in a fresh
interpreter that reports its wall time, the time spent inside the OCR engine and its peak resident
memory (VmHWM). `--all` also renders every form and variant with samples/make_scans.py into a
temporary folder and adds them. Then the same files as one `extract --check --jobs N` batch, with the
peak memory of the largest worker. Last, the confidence of every digit read (the threshold in
patterns/ocr.yaml is chosen from it). Prints Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE = """
import json, sys, time
t0 = time.perf_counter()
from extractor.parsers import ocr
engine_s = [0.0]
real = ocr._run
def timed(img):
    t = time.perf_counter()
    try:
        return real(img)
    finally:
        engine_s[0] += time.perf_counter() - t
ocr._run = timed
from extractor.pipeline import analyse
t1 = time.perf_counter()
ocr.engine()
t2 = time.perf_counter()
res = analyse(sys.argv[1], check=True)
t3 = time.perf_counter()
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"pages": res.pages, "status": res.status, "imports": t1 - t0, "engine_load": t2 - t1,
                  "analyse": t3 - t2, "engine": engine_s[0], "peak_mb": hwm / 1024,
                  "errors": sum(f.severity == "error" for f in res.findings)}))
"""


def one(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", ONE, str(path)], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def batch(paths: list[Path], jobs: int) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "extract"), "--check", "--jobs", str(jobs), "-q",
                    "--format", "json", *map(str, paths)], stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - t
    return wall, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def digit_confidences(paths: list[Path]) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from extractor.parsers import parse

    out = []
    for p in paths:
        doc = parse(p)
        blocks = list(doc.paragraphs()) + [c for t in doc.tables() for c in t.cells]
        out += [b.confidence for blk in blocks for b in blk.boxes
                if b.confidence is not None and blk.text[b.start:b.end].isdigit()]
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all", action="store_true", help="also every form and variant, scanned into a temp folder")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = sorted(p for p in (ROOT / "samples" / "scans").iterdir() if p.suffix in (".pdf", ".png"))
    if args.all:
        tmp = Path(tempfile.mkdtemp(prefix="scans-"))
        subprocess.run([sys.executable, str(ROOT / "samples" / "make_scans.py"), str(tmp), "--all"],
                       check=True, stdout=subprocess.DEVNULL)
        paths += sorted(p for p in tmp.iterdir() if p.suffix == ".pdf" and p.name != "seed.pdf")
    print("| file | pages | s/page (analyse) | of which OCR engine | peak memory | error findings |")
    print("|---|---:|---:|---:|---:|---:|")
    total_pages = total_s = total_engine = 0.0
    peak = 0.0
    loads = []
    for p in paths:
        r = one(p)
        total_pages += r["pages"] or 0
        total_s += r["analyse"]
        total_engine += r["engine"]
        peak = max(peak, r["peak_mb"])
        loads.append(r["engine_load"])
        n = r["pages"] or 1
        print(f"| {p.name} | {r['pages']} | {r['analyse'] / n:.2f} | {r['engine'] / n:.2f} | "
              f"{r['peak_mb']:.0f} MB | {r['errors']} |")
    print(f"\nAll {len(paths)} files, {total_pages:.0f} pages: {total_s / total_pages:.2f} s/page "
          f"({total_engine / total_pages:.2f} s/page inside the OCR engine); engine load "
          f"{sorted(loads)[len(loads) // 2]:.2f} s per process; peak memory of one process {peak:.0f} MB.")
    wall, worker = batch(paths, args.jobs)
    print(f"Batch `extract --check --jobs {args.jobs}` over the same files: {wall:.1f} s "
          f"({wall / total_pages:.2f} s/page), largest process {worker:.0f} MB.")
    confs = digit_confidences(paths)
    cuts = ", ".join(f"< {t}: {sum(c < t for c in confs)}" for t in (0.5, 0.7, 0.8, 0.9, 0.95))
    print(f"Digit confidences: {len(confs)} digits; {cuts}; lowest {', '.join(f'{c:.2f}' for c in confs[:5])}.")


if __name__ == "__main__":
    main()
