#!/bin/bash
# usage: run.sh files... ; prints error/warning findings compactly
source /work/main/.venv/bin/activate
extract --check --format json -q "$@" 2>/dev/null | python3 -c '
import json,sys
d=json.load(sys.stdin)
for doc in d["documents"]:
    fs=[f for f in doc["findings"] if f["severity"] in ("error","warning") or f["code"]=="FM090"]
    print("==", doc["source"], doc["status"], (doc.get("error") or ""), "n_findings=%d"%len(doc["findings"]))
    for f in fs:
        print("   ", f["severity"], f["code"], f["message"][:300])
'
