"""The JSON output keeps the documented contract (README, "JSON") that scripts rely on."""

import json
import subprocess
import sys

from extractor.model import KINDS

from conftest import SEED_STEM


def test_contract_on_seed(seeds_dir, tmp_path):
    out = tmp_path / "out.json"
    r = subprocess.run([sys.executable, "-m", "extractor", "--check", "--format", "json", "-o", str(out),
                        str(seeds_dir / f"{SEED_STEM}.txt")], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["tool"] == "extractor" and data["version"]
    (doc,) = data["documents"]
    assert doc["status"] == "ok" and doc["error"] is None
    assert doc["figures"], "the seed has figures"
    for f in doc["figures"]:
        assert {"label", "role", "value", "unit", "raw", "location"} <= f.keys()
        assert f["raw"].strip()
        assert f["location"]["file"].endswith(".txt")
    for f in doc["findings"]:
        assert f["kind"] in KINDS
        assert f["severity"] in ("error", "warning", "info")
        assert f["message"] and f["fingerprint"]
        for e in f["evidence"]:
            assert {"quote", "role", "location"} <= e.keys()


def test_bad_and_good_files_together(seeds_dir, tmp_path):
    bad = tmp_path / "empty.docx"
    bad.write_bytes(b"")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    r = subprocess.run([sys.executable, "-m", "extractor", "--check", "--format", "json", str(bad), str(legacy),
                        str(seeds_dir / f"{SEED_STEM}.txt")], capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    docs = json.loads(r.stdout)["documents"]
    assert [d["status"] for d in docs] == ["error", "error", "ok"]
    assert docs[0]["error"]["code"] == "empty"
    assert docs[1]["error"]["code"] == "legacy_format"
