"""The seed report in every rendering: the same budget figures and no BG error; every budget item of its
.consistent.json holds (is not flagged)."""

import importlib.util
import json
from collections import Counter

import pytest

from conftest import SEED_STEM, SEEDS
from extractor.pipeline import analyse

BUDGET_ROLES = ("budget.initial", "budget.adjustment", "budget.adjusted", "spend.actual", "rate.execution")
RENDERINGS = ["txt", "docx", "pdf", "cidfont.pdf", "fakebold.pdf"]
KINDS = {"sum_mismatch", "rate_mismatch", "adjust_mismatch", "text_vs_table"}


def _parser_ready(ext: str) -> bool:
    mod = {"txt": "text", "docx": "docx"}.get(ext, "pdf")
    return importlib.util.find_spec(f"extractor.parsers.{mod}") is not None


_results = {}


def result(ext):
    if ext not in _results:
        path = SEEDS / f"{SEED_STEM}.{ext}"
        if not path.exists():
            pytest.skip(f"{path.name} not present")
        if not _parser_ready(ext.split(".")[-1]):
            pytest.skip(f"parser for {ext} not written yet")
        _results[ext] = analyse(path)
    return _results[ext]


def budget_figures(res):
    return Counter((f.role, f.quantity.base, f.quantity.base_unit) for f in res.figures if f.role in BUDGET_ROLES)


def test_txt_figures(seeds_dir):
    figs = budget_figures(result("txt"))
    # the three tables: 15 + 9 + 10 cells; the text: 19 statements
    assert sum(figs.values()) == 53
    by_raw = {(f.role, f.quantity.raw) for f in result("txt").figures}
    for expected in [("budget.initial", "1422.74万元"), ("budget.adjusted", "1538.98万元"),
                     ("spend.actual", "1538.98万元"), ("rate.execution", "100.00%"),
                     ("budget.adjustment", "1,162,392.16元"), ("budget.adjusted", "15,389,810.18"),
                     ("spend.actual", "736,578.06"), ("spend.actual", "11,107,432.92元")]:
        assert expected in by_raw, expected
    tab = [f for f in result("txt").figures if f.location.table == 1 and f.role in BUDGET_ROLES]
    assert {f.quantity.unit for f in tab if f.role != "rate.execution"} == {"元"}
    totals = [f for f in tab if dict(f.meta).get("table_role") == "total"]
    assert {f.label for f in totals} == {"部门支出总计", "基本支出合计", "项目支出合计"}


@pytest.mark.parametrize("ext", RENDERINGS[1:])
def test_same_figures_in_every_rendering(seeds_dir, ext):
    assert budget_figures(result(ext)) == budget_figures(result("txt"))


@pytest.mark.parametrize("ext", RENDERINGS)
def test_no_budget_error(seeds_dir, ext):
    bad = [f.message for f in result(ext).findings if f.code.startswith("BG") and f.severity != "info"]
    assert bad == []


@pytest.mark.parametrize("ext", RENDERINGS)
def test_consistent_items_not_flagged(seeds_dir, ext):
    items = json.loads((SEEDS / f"{SEED_STEM}.consistent.json").read_text(encoding="utf-8"))
    items = [i for i in items if i["kind"].replace("unit_", "") in KINDS]
    assert len(items) == 7
    norm = lambda v: v.replace(",", "").replace("元", "").replace("万", "").strip()  # noqa: E731
    for item in items:
        vals = {norm(v) for v in item["values"]}
        for f in result(ext).findings:
            if f.code.startswith("BG") and f.kind != "not_checkable":
                assert not vals & {norm(v) for v in f.values}, (item, f.message)
