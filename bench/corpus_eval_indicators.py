"""Score the narrative indicator checks (IN…) against the hand labels of ../shared/corpus and the seed.

Only labels of the kinds the IN checks report count (target_vs_actual, claim_vs_indicator,
label_mismatch, duplicate_item). Labels whose figures sit in a 自评表 form (the FM checks' job) are
listed separately: a label counts as "narrative" when one of its quotes is found in a paragraph of
running text that is not a flattened form row (no 一级指标/指标值 header words, no '|' cells, not two
indicator group names in one line) in a document that is not itself a 自评表. Matching follows bench/corpus_eval.py (same
kind, half of the label's values quoted). Usage:

    python bench/corpus_eval_indicators.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_eval import KIND_ALIASES, cases, matches  # noqa: E402

from extractor.extract.outline import form_like  # noqa: E402
from extractor.parsers import parse  # noqa: E402
from extractor.pipeline import analyse  # noqa: E402

KINDS = {"target_vs_actual", "claim_vs_indicator", "label_mismatch", "duplicate_item"}


def is_narrative(label: dict, doc) -> bool:
    if label["kind"] == "duplicate_item":  # line items of any table that is not a form: ours
        return True
    if "自评表" in doc.text()[:300]:  # the whole document is a form
        return False
    for q in (label.get("quote_a", ""), label.get("quote_b", "")):
        q = q.strip().split("\n")[0].strip()
        if len(q) < 4 or form_like(q):
            continue
        if any(q[:15] in p.text and not form_like(p.text) for p in doc.paragraphs()):
            return True
    return False


def _raw(v: str) -> str:
    return re.sub(r"[,，\s]", "", str(v))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    tot = {"narrative": [0, 0], "form": [0, 0]}
    unmatched = flagged = 0
    for doc_path, lab_path, cons_path in cases():
        if not doc_path.exists():
            continue
        try:
            doc = parse(doc_path)
        except Exception as e:  # a parser still being written (docx): skip that format
            print(f"SKIP {doc_path.name}: {type(e).__name__}")
            continue
        r = analyse(doc_path).to_record()
        fs = [f for f in r["findings"] if f["code"].startswith("IN") and f["severity"] in ("error", "warning")]
        labels = [lb for lb in json.loads(lab_path.read_text(encoding="utf-8"))
                  if KIND_ALIASES.get(lb["kind"], lb["kind"]) in KINDS]
        for lb in labels:
            where = "narrative" if is_narrative(lb, doc) else "form"
            ok = any(matches(lb, f) for f in fs)
            tot[where][0] += ok
            tot[where][1] += 1
            if a.verbose:
                print(f"{'FOUND ' if ok else 'MISSED'} [{where}] {doc_path.name} {lb['kind']} {lb['values']}")
        for f in fs:
            if not any(matches(lb, f) for lb in labels):
                unmatched += 1
                if a.verbose:
                    print(f"UNMATCHED {doc_path.name} {f['code']} {f['severity']} {f['message'][:100]}")
        cons = json.loads(cons_path.read_text(encoding="utf-8")) if cons_path.exists() else []
        for c in cons:
            # values compared as written (with units): 4名/4名 must not match a finding quoting 4个
            want = {_raw(v) for v in c.get("values", [])}
            for f in fs:
                have = {_raw(v) for v in f["values"]} | {_raw(e["value"]) for e in f["evidence"] if e.get("value")}
                if want and want <= have:
                    flagged += 1
                    print(f"FALSE-POSITIVE {doc_path.name} {c['kind']} {c['values']}: {f['code']} {f['message'][:90]}")
                    break
    for where, (found, total) in tot.items():
        pct = f" = {found / total:.0%}" if total else ""
        print(f"recall ({where} labels) {found}/{total}{pct}")
    print(f"IN findings (error/warning) matching no label: {unmatched}")
    print(f"consistent items flagged by IN checks: {flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
