"""Score the FM (自评表) checks against the corpus hand labels.

In scope: labels of kinds sum/rate/target_vs_actual/claim/label (+ `other` labels about scores or
weights) in excerpts where a form was recognised. A label is found when an FM finding of the same kind
(any kind for `other`) lists at least half of its values (numbers normalised). A consistent_* item is
flagged when an FM error/warning of its kind lists all its values (two when it lists more). Usage:

    python bench/corpus_eval_forms.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
KINDS = {"sum_mismatch", "rate_mismatch", "target_vs_actual", "claim_vs_indicator", "label_mismatch",
         "score_mismatch", "other"}
SCORE_WORDS = ("score", "Score", "weight", "分值", "得分", "actual")


def norm(v: str) -> str:
    s = re.sub(r"[,，\s]", "", str(v))
    m = re.search(r"-?\d+(?:\.\d+)?", s)
    if not m:
        return s
    num = m.group(0)
    return num.rstrip("0").rstrip(".") if "." in num else num


def values_of(f: dict) -> set[str]:
    vals = {norm(v) for v in f.get("values", [])}
    return vals | {norm(e["value"]) for e in f.get("evidence", []) if e.get("value")}


def in_scope(label: dict) -> bool:
    if label["kind"] not in KINDS:
        return False
    return label["kind"] != "other" or any(w in label.get("note", "") for w in SCORE_WORDS)


# a label "sum_mismatch" about 分值 adding up is what the FM checks call score_mismatch
ALIASES = {"sum_mismatch": {"sum_mismatch", "score_mismatch"}}


def found(label: dict, f: dict) -> bool:
    if label["kind"] != "other" and f["kind"] not in ALIASES.get(label["kind"], {label["kind"]}):
        return False
    want = {norm(v) for v in label.get("values", [])}
    return bool(want) and len(want & values_of(f)) * 2 >= len(want)


def flagged(item: dict, f: dict) -> bool:
    if f["severity"] == "info" or f["kind"] not in ALIASES.get(item["kind"], {item["kind"]}):
        return False
    want = [norm(v) for v in item.get("values", [])]
    have = values_of(f)
    hits = sum(1 for v in set(want) if v in have)
    return hits >= (len(set(want)) if len(set(want)) <= 2 else max(2, len(set(want)) - 1)) and hits > 0


def evaluate(verbose: bool = False) -> dict:
    from extractor.checks import selected
    from extractor.extract.forms import document_forms
    from extractor.parsers import parse
    from extractor.pipeline import analyse

    tot = {"labels": 0, "found": 0, "consistent": 0, "flagged": 0, "findings": 0, "unmatched": 0, "files": 0}
    per_file = {}
    for txt in sorted(CORPUS.glob("real_*.txt")):
        n = txt.stem.split("_")[1]
        if not document_forms(parse(txt)):
            continue
        tot["files"] += 1
        res = analyse(txt, checks=selected(["FM"])).to_record()
        fs = [f for f in res["findings"] if f["severity"] != "info"]
        labels = [x for x in json.loads((CORPUS / f"labels_{n}.json").read_text("utf-8")) if in_scope(x)]
        cons = json.loads((CORPUS / f"consistent_{n}.json").read_text("utf-8"))
        hit = [any(found(lb, f) for f in fs) for lb in labels]
        fp = [c for c in cons if any(flagged(c, f) for f in fs)]
        unmatched = [f for f in fs if not any(found(lb, f) for lb in labels)]
        tot["labels"] += len(labels)
        tot["found"] += sum(hit)
        tot["consistent"] += len(cons)
        tot["flagged"] += len(fp)
        tot["findings"] += len(fs)
        tot["unmatched"] += len(unmatched)
        per_file[txt.name] = {"labels": len(labels), "found": sum(hit), "flagged_consistent": len(fp),
                              "unmatched": [f["code"] + " " + f["message"][:90] for f in unmatched],
                              "missed": [lb["kind"] + " " + lb.get("note", "")[:90] for lb, h in zip(labels, hit) if not h]}
        if verbose:
            print(f"{txt.name}: {sum(hit)}/{len(labels)} found, {len(fp)} consistent flagged, {len(unmatched)} unmatched")
            for m in per_file[txt.name]["missed"]:
                print("   missed:", m)
            for u in per_file[txt.name]["unmatched"]:
                print("   unmatched:", u)
    tot["recall"] = round(tot["found"] / tot["labels"], 3) if tot["labels"] else None
    return {"total": tot, "files": per_file}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    r = evaluate(a.verbose)
    print(json.dumps(r["total"], ensure_ascii=False))


if __name__ == "__main__":
    main()
