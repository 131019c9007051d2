"""Batch benchmark: files/s with --jobs 1 and --jobs 2, peak memory, memory vs number of files, and the
--db re-scan, in one run. `python bench/bench_batch.py [N=200]`.

The batch is generated into a temp dir from samples/: DOCX (python-docx, each with its own batch
paragraph), XLSX (openpyxl, each with its own workbook title) and PDF (reportlab, a sample text
report typeset with a CID font). Each measurement runs in a fresh process so that its peak RSS
(RUSAGE_SELF for the coordinator, RUSAGE_CHILDREN for the largest worker) is its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _pdf(text: str, out: Path, tag: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(out), pagesize=A4)
    y = 800
    for line in [tag, *text.splitlines()]:
        for k in range(0, max(len(line), 1), 40):
            if y < 60:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 10)
            c.drawString(50, y, line[k:k + 40].replace("\t", "  "))
            y -= 14
    c.save()


def generate(n: int, dest: Path) -> list[Path]:
    import docx
    import openpyxl

    docxs = sorted(SAMPLES.rglob("*.docx"))
    xlsxs = sorted(SAMPLES.rglob("*.xlsx"))
    txts = sorted(p for p in SAMPLES.rglob("*.txt") if "markup" not in p.parts)
    out = []
    for i in range(n):
        kind = ("docx", "pdf", "xlsx")[i % 3]
        tag = f"批次编号 {i:04d}"
        if kind == "docx" and docxs:
            d = docx.Document(str(docxs[i % len(docxs)]))
            d.add_paragraph(tag)
            p = dest / f"r{i:04d}.docx"
            d.save(str(p))
        elif kind == "xlsx" and xlsxs:
            wb = openpyxl.load_workbook(xlsxs[i % len(xlsxs)])
            wb.properties.title = tag
            p = dest / f"r{i:04d}.xlsx"
            wb.save(p)
        else:
            p = dest / f"r{i:04d}.pdf"
            _pdf(txts[i % len(txts)].read_text(encoding="utf-8"), p, tag)
        out.append(p)
    return out


MEASURE = r"""
import json, resource, sys, time
from extractor import batch
from extractor.pipeline import iter_inputs
from extractor.db import Store
folder, jobs, limit, db = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
inputs = iter_inputs([folder])[:limit]
store = Store(db) if db != "-" else None
t = time.perf_counter()
res, s = batch.run(inputs, batch.Settings(check=True), jobs=jobs, progress=False, store=store)
secs = time.perf_counter() - t
print(json.dumps({"files": len(inputs), "jobs": jobs, "seconds": secs, "parsed": s.parsed,
                  "skipped": s.skipped, "errors": s.unreadable,
                  "findings": sum(len(r.findings) for r in res),
                  "rss_coordinator_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(folder: Path, jobs: int, limit: int, db: str = "-") -> dict:
    r = subprocess.run([sys.executable, "-c", MEASURE, str(folder), str(jobs), str(limit), db],
                       capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        t = time.perf_counter()
        files = generate(n, folder)
        kinds = {s: sum(p.suffix == s for p in files) for s in (".docx", ".pdf", ".xlsx")}
        print(f"generated {len(files)} files {kinds} in {time.perf_counter() - t:.1f}s; cpus={os.cpu_count()}, "
              f"loadavg={os.getloadavg()[0]:.1f}")
        rows = []
        for jobs, limit in ((1, n), (2, n), (2, n // 2)):
            m = measure(folder, jobs, limit)
            rows.append(m)
            print(json.dumps(m))
        j1, j2 = rows[0], rows[1]
        db = str(Path(tmp) / "r.sqlite")
        first = measure(folder, 2, n, db)
        second = measure(folder, 2, n, db)
        print(json.dumps({"db_first": first, "db_second": second}))
        print("\n| measurement | files | jobs | seconds | files/s | peak RSS coordinator | peak RSS largest worker |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, m in (("batch", j1), ("batch", j2), ("half batch", rows[2]), ("--db first scan", first),
                        ("--db second scan", second)):
            fps = m["files"] / m["seconds"] if m["seconds"] else 0
            print(f"| {name} | {m['files']} | {m['jobs']} | {m['seconds']:.1f} | {fps:.2f} | "
                  f"{m['rss_coordinator_mb']:.0f} MB | {m['rss_worker_mb']:.0f} MB |")
        print(f"\nspeed-up jobs 2 / jobs 1: {j1['seconds'] / j2['seconds']:.2f}x; "
              f"re-scan: {second['seconds'] / first['seconds'] * 100:.1f}% of first scan, parsed {second['parsed']}; "
              f"worker peak {rows[2]['files']} files {rows[2]['rss_worker_mb']:.0f} MB vs {n} files "
              f"{j2['rss_worker_mb']:.0f} MB; findings {j1['findings']} (jobs 1) / {j2['findings']} (jobs 2)")


if __name__ == "__main__":
    main()
