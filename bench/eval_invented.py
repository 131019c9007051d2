"""Recall on invented documents with labelled errors: `python bench/eval_invented.py [-v] [--reveal] [--round third|fourth]`.

bench/invented/third/ holds documents three helpers wrote from genre knowledge alone, without
reading the code, the tests or any corpus text: 30 flattened 自评表 excerpts (a/), 30 narrative
report excerpts (b/) and 20 forms as DOCX/XLSX (c/, with the script that made them), each with
labels of the inconsistencies they put in and consistent items, in the corpus schema
(`labels_NN.json`, `consistent_NN.json`). Counting and matching are those of eval_corpus.py.

Validation fold: documents whose number ends in 0, 3 or 6. Their labels and findings are not
printed (only counts) unless ``--reveal``; develop on the other documents only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_corpus import in_fold, load, score_doc  # noqa: E402

HERE = ROOT / "bench" / "invented" / "third"


def documents(here: Path = HERE):
    """(name, validation?, paths, labels, consistent)."""
    for d in sorted(p for p in here.iterdir() if p.is_dir()):
        for doc in sorted(d.glob("doc_*.*")):
            n = doc.stem.split("_")[1]
            yield (f"{d.name}/{doc.name}", in_fold(n), [doc],
                   load(d / f"labels_{n}.json"), load(d / f"consistent_{n}.json"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="print every label and unmatched finding")
    ap.add_argument("--reveal", action="store_true", help="also print the validation fold's labels")
    ap.add_argument("--json", help="write per-document results as JSON")
    ap.add_argument("--round", default="third", help="the set under bench/invented/ (third, fourth)")
    a = ap.parse_args(argv)
    agg: dict = {}
    per_doc = {}
    for name, val, paths, labels, cons in documents(ROOT / "bench" / "invented" / a.round):
        res = score_doc(paths, labels, cons)
        r = next(iter(res["renders"].values()))
        fold = "validation" if val else "development"
        for scope in (fold, "all"):
            s = agg.setdefault(scope, {"labels": 0, "found": 0, "consistent": 0, "flagged": 0, "unmatched": 0,
                                       "errors_unmatched": 0, "unreadable": 0, "kinds": Counter(),
                                       "kinds_found": Counter()})
            s["labels"] += len(labels)
            s["found"] += sum(res["hit"])
            s["consistent"] += len(cons)
            s["flagged"] += len(res["flagged"])
            s["unmatched"] += len(r["unmatched"])
            s["errors_unmatched"] += sum(f["severity"] == "error" for f in r["unmatched"])
            s["unreadable"] += r["status"] != "ok"
            for lb, h in zip(labels, res["hit"]):
                s["kinds"][lb["kind"]] += 1
                s["kinds_found"][lb["kind"]] += h
        per_doc[name] = {"fold": fold, "found": sum(res["hit"]), "labels": len(labels),
                         "flagged": len(res["flagged"]), "unmatched": len(r["unmatched"])}
        show = a.reveal or not val
        tag = " [validation]" if val else ""
        print(f"{name}{tag}: {sum(res['hit'])}/{len(labels)} found, {len(res['flagged'])} consistent flagged, "
              f"{len(r['unmatched'])} unmatched" + ("" if r["status"] == "ok" else f"  UNREADABLE {r['error']}"))
        if not show:
            continue
        for lb, h in zip(labels, res["hit"]):
            if a.verbose or not h:
                print(f"   {'FOUND ' if h else 'MISSED'} {lb['kind']} {lb.get('values')} {lb.get('note', '')[:100]}")
        for c in res["flagged"]:
            print(f"   FALSE-FLAG {c[:160]}")
        for f in r["unmatched"]:
            if a.verbose or f["severity"] == "error":
                print(f"   UNMATCHED {f['severity']} {f['code']} {f['kind']} {f['message'][:110]}")
    print()
    for scope in ("development", "validation", "all"):
        s = agg.get(scope)
        if not s:
            continue
        rec = s["found"] / s["labels"] if s["labels"] else 0
        print(f"{scope}: recall {s['found']}/{s['labels']} = {rec:.2f}; consistent flagged {s['flagged']}/"
              f"{s['consistent']}; unmatched {s['unmatched']} ({s['errors_unmatched']} errors); "
              f"unreadable {s['unreadable']}")
        print("   " + ", ".join(f"{k} {s['kinds_found'][k]}/{n}" for k, n in sorted(s["kinds"].items())))
    if a.json:
        out = {"summary": {k: {**v, "kinds": dict(v["kinds"]), "kinds_found": dict(v["kinds_found"])}
                           for k, v in agg.items()}, "documents": per_doc}
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
