#!/usr/bin/env python3
"""Verify labels/consistent files for docs 31-60: quotes verbatim, values present, sizes."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"target_vs_actual","sum_mismatch","rate_mismatch","adjust_mismatch","unit_text_vs_table",
         "claim_vs_indicator","label_mismatch","duplicate_item","other"}
errs = []; counts = {}; ncons = 0
for n in range(31, 61):
    p = os.path.join(HERE, f"doc_{n}.txt")
    raw = open(p, "rb").read()
    doc = raw.decode("utf-8")
    if not (1100 <= len(raw) <= 2100):
        errs.append(f"doc_{n}: size {len(raw)} bytes out of range")
    for kind_file in ("labels", "consistent"):
        items = json.load(open(os.path.join(HERE, f"{kind_file}_{n}.json"), encoding="utf-8"))
        for i, it in enumerate(items):
            tag = f"{kind_file}_{n}[{i}]"
            if set(it) != {"kind","values","quote_a","quote_b","note"}:
                errs.append(f"{tag}: bad fields {sorted(it)}")
            if it["kind"] not in KINDS: errs.append(f"{tag}: bad kind {it['kind']}")
            for q in ("quote_a", "quote_b"):
                s = it[q]
                if s and ("\n" in s or s not in doc):
                    errs.append(f"{tag}: {q} not verbatim on one line: {s!r}")
            if not it["quote_a"]: errs.append(f"{tag}: empty quote_a")
            if not (2 <= len(it["values"]) <= 4): errs.append(f"{tag}: {len(it['values'])} values")
            for v in it["values"]:
                if v not in it["quote_a"] and v not in it["quote_b"] and v not in doc:
                    errs.append(f"{tag}: value {v!r} not found")
            if kind_file == "consistent":
                ncons += 1
                if not it["note"].startswith("HOLDS:"): errs.append(f"{tag}: note must start with HOLDS:")
            else:
                counts[it["kind"]] = counts.get(it["kind"], 0) + 1
print("labels per kind:", dict(sorted(counts.items())), "total", sum(counts.values()))
print("consistent items:", ncons)
if errs:
    print("\n".join(errs)); sys.exit(1)
print("OK")
