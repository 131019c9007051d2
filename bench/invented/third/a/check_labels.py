"""Verify labels_NN.json / consistent_NN.json against doc_NN.txt in this folder."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
MAX_BYTES, MIN_BYTES = 2100, 1200
KINDS = {"target_vs_actual", "sum_mismatch", "rate_mismatch", "adjust_mismatch", "unit_text_vs_table",
         "claim_vs_indicator", "label_mismatch", "duplicate_item", "other"}
FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
errors, counts, ncons, nolab = [], collections.Counter(), 0, 0
for fn in sorted(os.listdir(HERE)):
    m = re.fullmatch(r"doc_(\d\d)\.txt", fn)
    if not m:
        continue
    nn = m.group(1)
    raw = open(os.path.join(HERE, fn), 'rb').read()
    try:
        doc = raw.decode('utf-8')
    except UnicodeDecodeError:
        errors.append(f"{fn}: not UTF-8"); continue
    if not (MIN_BYTES <= len(raw) <= MAX_BYTES):
        errors.append(f"{fn}: {len(raw)} bytes outside {MIN_BYTES}-{MAX_BYTES}")
    for name in ("labels", "consistent"):
        path = os.path.join(HERE, f"{name}_{nn}.json")
        if not os.path.exists(path):
            errors.append(f"missing {name}_{nn}.json"); continue
        items = json.load(open(path, encoding='utf-8'))
        if name == "labels":
            if len(items) > 4: errors.append(f"{nn}: more than 4 labels")
            if not items: nolab += 1
        else:
            ncons += len(items)
        for i, it in enumerate(items):
            tag = f"{name}_{nn}[{i}]"
            if set(it) != {"kind", "values", "quote_a", "quote_b", "note"}:
                errors.append(f"{tag}: bad fields {sorted(it)}")
            if it["kind"] not in KINDS: errors.append(f"{tag}: unknown kind {it['kind']}")
            if name == "labels": counts[it["kind"]] += 1
            if name == "consistent" and not it["note"].startswith("HOLDS:"):
                errors.append(f"{tag}: note must start with HOLDS:")
            if not (1 <= len(it["values"]) <= 4): errors.append(f"{tag}: {len(it['values'])} values")
            for q in ("quote_a", "quote_b"):
                s = it[q]
                if q == "quote_a" and not s: errors.append(f"{tag}: empty quote_a")
                if s and "\n" in s: errors.append(f"{tag}: {q} spans a line break")
                if s and s not in doc: errors.append(f"{tag}: {q} not found: {s!r}")
            for v in it["values"]:
                if not (v in it["quote_a"] or v in it["quote_b"] or v in doc):
                    errors.append(f"{tag}: value {v!r} not in quotes or document")
                if v not in it["quote_a"] + it["quote_b"] and v.translate(FW) not in (it["quote_a"] + it["quote_b"]).translate(FW):
                    print(f"  note: {tag} value {v!r} only elsewhere in document")
print("labels per kind:", dict(counts), "total", sum(counts.values()))
print("documents without labels:", nolab, " consistent items:", ncons)
if errors:
    print("\n".join("ERROR " + e for e in errors)); sys.exit(1)
print("OK")
