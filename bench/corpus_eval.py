"""Score the checks against the hand labels of ../shared/corpus and ../shared/seeds.

A label counts as found when a finding of the same kind quotes at least half of the label's values
(numbers compared after normalisation). A consistent_* item counts as flagged when an error/warning of
its kind quotes all of its values (or two, when it lists more). Findings matching no label are counted
as unmatched (they are not necessarily wrong: labels are not exhaustive). Usage:

    python bench/corpus_eval.py [--kinds sum_mismatch,rate_mismatch] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from extractor.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KIND_ALIASES = {"unit_text_vs_table": "text_vs_table"}


def norm(v: str) -> str:
    s = re.sub(r"[,，\s]", "", str(v))
    m = re.search(r"-?\d+(?:\.\d+)?", s)
    if not m:
        return s
    num = m.group(0)
    if "." in num:
        num = num.rstrip("0").rstrip(".")
    return num


def finding_values(f: dict) -> set[str]:
    vals = {norm(v) for v in f.get("values", [])}
    vals |= {norm(e["value"]) for e in f.get("evidence", []) if e.get("value")}
    return vals


def matches(label: dict, f: dict) -> bool:
    kind = KIND_ALIASES.get(label["kind"], label["kind"])
    if kind != "other" and f["kind"] != kind:
        return False
    want = {norm(v) for v in label.get("values", [])}
    if not want:
        quotes = " ".join(e["quote"] for e in f["evidence"])
        qa = label.get("quote_a", "").split("\n")[-1].strip()[:12]
        return bool(qa) and qa in quotes
    have = finding_values(f)
    return len(want & have) * 2 >= len(want)


def cases():
    for lab in sorted((SHARED / "corpus").glob("labels_*.json")):
        n = lab.stem.split("_")[1]
        yield (SHARED / "corpus" / f"real_{n}.txt", lab, SHARED / "corpus" / f"consistent_{n}.json")
    for lab in sorted((SHARED / "seeds").glob("*.labels.json")):
        stem = lab.name.removesuffix(".labels.json")
        for ext in (".txt", ".docx", ".pdf", ".cidfont.pdf", ".fakebold.pdf"):
            yield (SHARED / "seeds" / f"{stem}{ext}", lab, SHARED / "seeds" / f"{stem}.consistent.json")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kinds", default="")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    kinds = set(filter(None, a.kinds.split(",")))
    found = total = unmatched = flagged = 0
    per_kind: Counter = Counter()
    per_kind_found: Counter = Counter()
    for doc_path, lab_path, cons_path in cases():
        r = analyse(doc_path).to_record()
        labels = json.loads(lab_path.read_text(encoding="utf-8"))
        cons = json.loads(cons_path.read_text(encoding="utf-8")) if cons_path.exists() else []
        fs = [f for f in r["findings"] if f["severity"] in ("error", "warning")]
        for lab in labels:
            k = KIND_ALIASES.get(lab["kind"], lab["kind"])
            if kinds and k not in kinds:
                continue
            total += 1
            per_kind[k] += 1
            ok = any(matches(lab, f) for f in fs)
            found += ok
            per_kind_found[k] += ok
            if a.verbose:
                print(f"{'FOUND' if ok else 'MISSED'} {doc_path.name} {k} {lab['values']}")
        for f in fs:
            if kinds and f["kind"] not in kinds:
                continue
            if not any(matches(lab, f) for lab in labels):
                unmatched += 1
                if a.verbose:
                    print(f"UNMATCHED {doc_path.name} {f['code']} {f['kind']} {f['message'][:90]}")
        for c in cons:
            k = KIND_ALIASES.get(c["kind"], c["kind"])
            want = {norm(v) for v in c.get("values", [])}
            need = min(len(want), 2) if len(want) > 2 else len(want)
            for f in fs:
                # a finding that matches a label is about that label, not about the consistent item
                if any(matches(lab, f) for lab in labels):
                    continue
                if f["kind"] == k and want and len(want & finding_values(f)) >= need:
                    flagged += 1
                    print(f"FALSE-POSITIVE {doc_path.name} {k} {c['values']}: {f['code']} {f['message'][:90]}")
                    break
        if r["status"] == "error":
            print(f"ERROR {doc_path.name}: {r['error']}")
    print(f"recall {found}/{total}" + (f" = {found / total:.0%}" if total else ""))
    for k in sorted(per_kind):
        print(f"  {k}: {per_kind_found[k]}/{per_kind[k]}")
    print(f"unmatched findings (error/warning): {unmatched}")
    print(f"consistent items flagged: {flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
