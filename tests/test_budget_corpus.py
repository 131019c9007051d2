"""The corpus excerpts: no crash; the BG checks find the budget labels they own and flag nothing in any
consistent_*.json (the 自评表 fund-block labels belong to the FM checks)."""

import json

import pytest

from conftest import CORPUS
from extractor.pipeline import analyse

FILES = sorted(CORPUS.glob("real_*.txt")) if CORPUS.is_dir() else []
# labels the BG checks must find: file -> (code, values)
OWN = {"real_04.txt": [("BG003", {"89.97万元", "30万元", "29.99万元"})],
       "real_36.txt": [("BG004", {"15个", "8个"})]}


def _norm(v: str) -> str:
    return v.replace(",", "").replace(" ", "").rstrip("元万%")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file(corpus_dir, path):
    res = analyse(path)
    assert res.status == "ok", res.error
    bg = [f for f in res.findings if f.code.startswith("BG") and f.kind != "not_checkable"]
    assert all(f.kind != "other" for f in res.findings if f.code.startswith("BG")), "a BG check crashed"
    want = OWN.get(path.name, [])
    for code, values in want:
        assert any(f.code == code and values <= set(f.values) for f in bg), [f.message for f in bg]
    assert len(bg) == len(want), [f.message for f in bg]
    cons = json.loads(path.with_name(path.name.replace("real_", "consistent_").replace(".txt", ".json"))
                      .read_text(encoding="utf-8"))
    for item in cons:
        vals = {_norm(v) for v in item["values"]}
        for f in bg:
            shared = vals & {_norm(v) for v in f.values}
            assert len(shared) < 2, (item, f.message)


def test_labels_of_real_04_found(corpus_dir):
    labels = json.loads((corpus_dir / "labels_04.json").read_text(encoding="utf-8"))
    text_label = next(lb for lb in labels if "29.99万元" in lb["values"])
    res = analyse(corpus_dir / "real_04.txt")
    f = next(f for f in res.findings if f.code == "BG003")
    assert set(text_label["values"]) <= set(f.values)
    assert "0.02万元" in f.message
