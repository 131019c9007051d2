"""samples/variants: every injected arithmetic error is found with its kind, values and location, and
nothing else is reported as a BG error; the within-rounding variant gives nothing."""

import importlib.util
import json

import pytest

from conftest import SAMPLES
from extractor.pipeline import analyse

VARIANTS = sorted((SAMPLES / "variants").glob("*.expected.json"))
FORMATS = ["txt", "pdf", "docx"]


def _cases():
    for exp in VARIANTS:
        for ext in FORMATS:
            yield pytest.param(exp, ext, id=f"{exp.name.split('.')[0]}-{ext}")


def _located(f, where) -> bool:
    for e in f.evidence:
        if "table" in where and (e.location.table, e.location.row) == (where["table"], where["row"]):
            return True
        if "quote" in where and where["quote"] in e.quote.replace(" ", ""):
            return True
    return False


def _squash(values) -> set:
    """Values as written, ignoring spaces (a PDF drops the space in '4,282,377.26 元')."""
    return {v.replace(" ", "") for v in values}


def test_variants_present():
    assert len(VARIANTS) >= 10


@pytest.mark.parametrize("exp_path,ext", list(_cases()))
def test_variant(exp_path, ext):
    path = exp_path.with_name(exp_path.name.replace(".expected.json", f".{ext}"))
    if not path.exists():
        pytest.skip(f"{path.name} not rendered (renderer missing)")
    if ext == "docx" and importlib.util.find_spec("extractor.parsers.docx") is None:
        pytest.skip("docx parser not written yet")
    spec = json.loads(exp_path.read_text(encoding="utf-8"))
    res = analyse(path)
    assert res.status == "ok", res.error
    found = [f for f in res.findings if f.code.startswith("BG") and f.severity == "error"]
    for exp in spec["expected"]:
        hits = [f for f in found if f.code == exp["code"] and f.kind == exp["kind"]
                and _squash(exp["values"]) <= _squash(f.values) and _located(f, exp["location"])]
        assert hits, (exp, [(f.code, f.values, f.message) for f in found])
        assert all(e.quote and e.location for f in hits for e in f.evidence)
    assert len(found) == len(spec["expected"]), [f.message for f in found]
