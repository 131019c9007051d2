"""Score extractor against the hand labels of ../shared (corpus, corpus2, corpus2/forms, the seed).

Counting:
- every text excerpt of corpus/ and corpus2/ is one document;
- the seed counts **once**: a seed label is found only when it is found in every rendering
  (.txt, .docx, .pdf, .cidfont.pdf, .fakebold.pdf); per-rendering results are printed too;
- each corpus2 form counts once (found only when found in DOCX, XLSX **and** PDF); the three
  formats are also compared with each other (same findings = same code and values).

A label is found when an error/warning finding of its kind (any kind for ``other``) lists at least
half of the label's values (numbers normalised; ``other`` labels must also share a quoted passage).
A consistent_* item is flagged when an error/warning of its kind lists all its values (two when it
lists more) and the finding matches no label. Findings that match no label are "unmatched": not
necessarily false (labels are not exhaustive) and must be read.

Validation fold: corpus2 documents whose number ends in 0, 3 or 6 and their forms. Their labels are
not printed (only counts) unless ``--reveal``; develop on the other documents only.

    python bench/eval_corpus.py [--verbose] [--reveal] [--json out.json]
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
ALIASES = {"unit_text_vs_table": {"text_vs_table"}, "sum_mismatch": {"sum_mismatch", "score_mismatch"}}
SEED_RENDERINGS = (".txt", ".docx", ".pdf", ".cidfont.pdf", ".fakebold.pdf")
FORM_FORMATS = (".docx", ".xlsx", ".pdf")


def in_fold(number: str) -> bool:
    return number[-1] in "036"


def norm(v) -> str:
    s = re.sub(r"[,，\s]", "", str(v))
    m = re.search(r"-?\d+(?:\.\d+)?", s)
    if not m:
        return s
    num = m.group(0)
    return num.rstrip("0").rstrip(".") if "." in num else num


def squash(s: str) -> str:
    return re.sub(r"[\s|｜]", "", s or "")


def values_of(f: dict) -> set[str]:
    vals = {norm(v) for v in f.get("values", [])}
    return vals | {norm(e["value"]) for e in f.get("evidence", []) if e.get("value")}


def shares_quote(label: dict, f: dict) -> bool:
    text = squash(" ".join(e.get("quote", "") for e in f.get("evidence", [])) + f.get("message", ""))
    for key in ("quote_a", "quote_b"):
        q = squash(label.get(key, ""))
        for i in range(0, max(1, len(q) - 5), 3):
            if len(q[i:i + 6]) >= 4 and q[i:i + 6] in text:
                return True
    for cell in label.get("quote_cells", []):
        c = squash(cell)
        if len(c) >= 4 and c in text:
            return True
    return False


def matches(label: dict, f: dict) -> bool:
    kind = label["kind"]
    if kind != "other" and f["kind"] not in ALIASES.get(kind, {kind}):
        return False
    want = {norm(v) for v in label.get("values", [])}
    if not want:
        return shares_quote(label, f)
    if len(want & values_of(f)) * 2 < len(want):
        return False
    return kind != "other" or shares_quote(label, f)


def flags(item: dict, f: dict) -> bool:
    kind = item["kind"]
    if f["kind"] not in ALIASES.get(kind, {kind}):
        return False
    want = {norm(v) for v in item.get("values", [])}
    need = 2 if len(want) > 2 else len(want)
    return bool(want) and len(want & values_of(f)) >= need


def load(p: Path) -> list:
    return json.loads(p.read_text("utf-8")) if p.exists() else []


def score_doc(paths: list[Path], labels: list, cons: list) -> dict:
    """Run every rendering in `paths`; a label is found when every rendering finds it."""
    per_render = {}
    for p in paths:
        r = analyse(p).to_record()
        fs = [f for f in r["findings"] if f["severity"] in ("error", "warning") and not f.get("waived")]
        hit = [any(matches(lb, f) for f in fs) for lb in labels]
        flagged = [c for c in cons if any(flags(c, f) for f in fs if not any(matches(lb, f) for lb in labels))]
        unmatched = [f for f in fs if not any(matches(lb, f) for lb in labels)]
        per_render[p.name] = {"status": r["status"], "error": r["error"], "hit": hit, "flagged": flagged,
                              "unmatched": unmatched, "findings": fs}
    hit = [all(v["hit"][i] for v in per_render.values()) for i in range(len(labels))]
    flagged = {json.dumps(c, ensure_ascii=False) for v in per_render.values() for c in v["flagged"]}
    return {"labels": labels, "hit": hit, "flagged": sorted(flagged), "renders": per_render}


def documents():
    """(name, group, validation?, paths, labels, consistent)."""
    for d, group in ((SHARED / "corpus", "corpus"), (SHARED / "corpus2", "corpus2")):
        for txt in sorted(d.glob("real_*.txt")):
            n = txt.stem.split("_")[1]
            yield (txt.name, group, group == "corpus2" and in_fold(n), [txt],
                   load(d / f"labels_{n}.json"), load(d / f"consistent_{n}.json"))
    for lab in sorted((SHARED / "seeds").glob("*.labels.json")):
        stem = lab.name.removesuffix(".labels.json")
        yield ("seed", "seed", False, [SHARED / "seeds" / f"{stem}{e}" for e in SEED_RENDERINGS],
               load(lab), load(SHARED / "seeds" / f"{stem}.consistent.json"))
    forms = SHARED / "corpus2" / "forms"
    for lab in sorted(forms.glob("native_*.labels.json")):
        stem = lab.name.removesuffix(".labels.json")
        n = stem.split("_")[1]
        yield (stem, "forms", in_fold(n), [forms / f"{stem}{e}" for e in FORM_FORMATS],
               load(lab), load(forms / f"{stem}.consistent.json"))


def signature(f: dict) -> tuple:
    return (f["code"], tuple(sorted(values_of(f))))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true", help="print every label, flag and unmatched finding")
    ap.add_argument("--reveal", action="store_true", help="also print the validation fold's labels")
    ap.add_argument("--json", help="write the summary as JSON")
    a = ap.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} not present", file=sys.stderr)
        return 2
    agg: dict = {}
    for name, group, val, paths, labels, cons in documents():
        res = score_doc(paths, labels, cons)
        fold = "validation" if val else "development"
        for scope in (fold, "text+seed" if group != "forms" else "forms", "all"):
            s = agg.setdefault(scope, {"labels": 0, "found": 0, "consistent": 0, "flagged": 0,
                                       "unmatched": 0, "errors_unmatched": 0, "kinds": Counter(),
                                       "kinds_found": Counter(), "unreadable": 0, "format_diffs": 0})
            s["labels"] += len(labels)
            s["found"] += sum(res["hit"])
            s["consistent"] += len(cons)
            s["flagged"] += len(res["flagged"])
            for lb, h in zip(labels, res["hit"]):
                s["kinds"][lb["kind"]] += 1
                s["kinds_found"][lb["kind"]] += h
            first = next(iter(res["renders"].values()))
            s["unmatched"] += len(first["unmatched"])
            s["errors_unmatched"] += sum(f["severity"] == "error" for f in first["unmatched"])
            s["unreadable"] += sum(v["status"] != "ok" for v in res["renders"].values())
            if group == "forms":
                sigs = [sorted(map(signature, v["findings"])) for v in res["renders"].values()]
                s["format_diffs"] += sum(x != sigs[0] for x in sigs[1:])
        show = a.reveal or not val
        tag = " [validation]" if val else ""
        print(f"{name}{tag}: {sum(res['hit'])}/{len(labels)} found, {len(res['flagged'])} consistent flagged, "
              f"{len(next(iter(res['renders'].values()))['unmatched'])} unmatched")
        for rn, v in res["renders"].items():
            if v["status"] != "ok":
                print(f"   UNREADABLE {rn}: {v['error']}")
        if group in ("forms", "seed"):
            sigs = {rn: sorted(map(signature, v["findings"])) for rn, v in res["renders"].items()}
            base = next(iter(sigs.values()))
            for rn, sg in sigs.items():
                if sg != base:
                    print(f"   FORMAT-DIFF {rn}: {len(sg)} findings vs {len(base)}"
                          + (f" (+{sorted(set(sg) - set(base))} -{sorted(set(base) - set(sg))})" if show else ""))
        if not show:
            continue
        for lb, h in zip(labels, res["hit"]):
            if a.verbose or not h:
                per = "" if len(paths) == 1 else " " + " ".join(
                    f"{rn}:{'y' if v['hit'][labels.index(lb)] else 'n'}" for rn, v in res["renders"].items())
                print(f"   {'FOUND ' if h else 'MISSED'} {lb['kind']} {lb.get('values')}{per} {lb.get('note', '')[:80]}")
        for c in res["flagged"]:
            print(f"   FALSE-FLAG {c[:160]}")
        if a.verbose:
            for f in next(iter(res["renders"].values()))["unmatched"]:
                print(f"   UNMATCHED {f['severity']} {f['code']} {f['kind']} {f['message'][:110]}")
    print()
    for scope in ("development", "validation", "text+seed", "forms", "all"):
        s = agg.get(scope)
        if not s:
            continue
        rec = s["found"] / s["labels"] if s["labels"] else 0
        print(f"{scope}: recall {s['found']}/{s['labels']} = {rec:.2f}; consistent flagged {s['flagged']}/{s['consistent']}; "
              f"unmatched {s['unmatched']} ({s['errors_unmatched']} errors); unreadable {s['unreadable']}"
              + (f"; forms differing across formats {s['format_diffs']}" if s["format_diffs"] else ""))
        print("   " + ", ".join(f"{k} {s['kinds_found'][k]}/{n}" for k, n in sorted(s["kinds"].items())))
    if a.json:
        out = {k: {**v, "kinds": dict(v["kinds"]), "kinds_found": dict(v["kinds_found"])} for k, v in agg.items()}
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
