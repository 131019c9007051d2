"""The CLI answers help quickly and reports a bad file as an error with exit code 2."""

import json
import subprocess
import sys


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, **kw)


def test_help():
    r = run("--help")
    assert r.returncode == 0
    assert "--check" in r.stdout


def test_empty_file_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("--check", "--format", "json", str(tmp_path / "empty.txt"))
    assert r.returncode == 2
    doc = json.loads(r.stdout)["documents"][0]
    assert doc["status"] == "error" and doc["error"]["code"] == "empty"
    assert "Traceback" not in r.stderr
