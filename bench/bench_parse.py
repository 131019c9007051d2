"""Parse benchmark: `extract --check` on the seed PDF and DOCX against bare pdfplumber / python-docx.

    /tmp/venv/bin/python bench/bench_parse.py [--repeat 5] [--seeds ../shared/seeds]

Measured in one run, best of N wall-clock times (seconds):
  (a) bare pdfplumber: open + extract_text() + extract_tables() on every page
  (b) bare python-docx: open + every paragraph's text + every table cell's text
  (c) extractor: parse only, and pipeline.analyse(check=True) (what `extract --check` does), in-process;
      and `extract --check FILE` as a subprocess next to the bare baselines run as subprocesses
  `extract --help` wall time (subprocess).
Prints a Markdown table; the ratio (c)/(a) is the acceptance figure (must be <= 1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEM = "000_14caaf9715f129c9"
BIN = Path(sys.executable).parent

BARE_PDF = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
"""
PHASES = """
import sys, time, json
t0 = time.perf_counter()
import extractor.cli  # noqa: F401  (what `extract` imports before it reads anything)
from extractor.parsers import parse
from extractor.extract import extract_figures
from extractor.checks import run_checks
t1 = time.perf_counter()
doc = parse(sys.argv[1])
t2 = time.perf_counter()
figs = extract_figures(doc)
t3 = time.perf_counter()
run_checks(doc, figs)
t4 = time.perf_counter()
jieba = "jieba" in sys.modules
t5 = time.perf_counter()
if not jieba:
    import jieba as j; j.initialize()
print(json.dumps({"imports": t1 - t0, "parse": t2 - t1, "figures": t3 - t2, "checks": t4 - t3,
                  "jieba_used": jieba, "jieba_init_alone": None if jieba else time.perf_counter() - t5}))
"""
BARE_DOCX = """
import sys, docx
d = docx.Document(sys.argv[1])
[p.text for p in d.paragraphs]
[c.text for t in d.tables for r in t.rows for c in r.cells]
"""


def best_of(fns: dict, repeat: int) -> dict:
    """Best wall time of each function, runs interleaved so that a busy machine hurts all alike."""
    times: dict = {k: [] for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: min(v) for k, v in times.items()}


def subproc(cmd: list[str]):
    return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def bare_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    [p.text for p in d.paragraphs]
    [c.text for t in d.tables for r in t.rows for c in r.cells]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    a = ap.parse_args()
    seeds = Path(a.seeds)
    from extractor.parsers import parse
    from extractor.pipeline import analyse

    extract = str(BIN / "extract") if (BIN / "extract").exists() else None
    rows = []
    for ext, bare, script in (("pdf", bare_pdf, BARE_PDF), ("docx", bare_docx, BARE_DOCX)):
        path = seeds / f"{STEM}.{ext}"
        analyse(path)  # warm up: imports, jieba, patterns
        r = {"file": path.name}
        res = analyse(path)
        r["status"] = res.status if res.status == "ok" else f"error {res.error.code}"
        fns = {"bare": lambda: bare(path), "analyse": lambda: analyse(path)}
        if res.status == "ok":
            fns["parse"] = lambda: parse(path)
        r.update(best_of(fns, a.repeat))
        r.setdefault("parse", None)
        subs = {"bare_sub": subproc([sys.executable, "-c", script, str(path)])}
        if extract:
            subs["check_sub"] = subproc([extract, "--check", str(path)])
        r.update(best_of(subs, a.repeat))
        r.setdefault("check_sub", None)
        rows.append(r)
    help_t = best_of({"help": subproc([extract, "--help"])}, a.repeat)["help"] if extract else None
    pdf = seeds / f"{STEM}.pdf"
    phases = []
    for _ in range(3):  # cold, in a fresh interpreter: where `extract --check` spends its time
        out = subprocess.run([sys.executable, "-c", PHASES, str(pdf)], capture_output=True, text=True)
        if out.returncode == 0:
            phases.append(json.loads(out.stdout.strip().splitlines()[-1]))

    def f(x):
        return "—" if x is None else f"{x:.3f}"

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {a.repeat}\n")
    print("| file | bare lib (a/b) | extractor parse | analyse --check (c) | (c)/bare | "
          "bare lib, subprocess | `extract --check`, subprocess | ratio (subprocess) | status |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = r["analyse"] / r["bare"]
        sub = r["check_sub"] / r["bare_sub"] if r["check_sub"] else None
        print(f"| {r['file']} | {f(r['bare'])} | {f(r['parse'])} | {f(r['analyse'])} | {ratio:.2f} | "
              f"{f(r['bare_sub'])} | {f(r['check_sub'])} | {'—' if sub is None else f'{sub:.2f}'} | {r['status']} |")
    print(f"\n`extract --help`: {f(help_t)} s")
    if phases:
        best_ = {k: min(p[k] for p in phases) for k in ("imports", "parse", "figures", "checks")}
        print(f"\n`extract --check {pdf.name}` cold, in a fresh interpreter (best of {len(phases)}): "
              + ", ".join(f"{k} {v:.3f} s" for k, v in best_.items())
              + f"; jieba loaded by figures/checks: {phases[0]['jieba_used']}")


if __name__ == "__main__":
    main()
