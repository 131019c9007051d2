"""Narrative indicators (IN checks): the seed in every format, constructed variants, the corpus's
consistent items, the vocabulary's examples, and figure provenance."""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, SEED_STEM, SEEDS
from extractor.extract.align import units_compatible
from extractor.extract.outline import goal_number, group_of, has_any, vocab, _role
from extractor.pipeline import analyse
from extractor.quantities import Quantity, find_quantities, parse_value

SEED_FORMATS = {"txt": "text", "docx": "docx", "pdf": "pdf", "cidfont.pdf": "pdf", "fakebold.pdf": "pdf"}
_results: dict = {}


def _seed(ext: str):
    mod = SEED_FORMATS[ext]
    try:
        importlib.import_module(f"extractor.parsers.{mod}")
    except ImportError:
        pytest.skip(f"parser {mod} not available yet")
    path = SEEDS / f"{SEED_STEM}.{ext}"
    if not path.exists():
        pytest.skip(f"{path.name} not present")
    if ext not in _results:
        _results[ext] = analyse(path)
    return _results[ext]


def _in(res, kind=None, sev=("error", "warning")):
    return [f for f in res.findings if f.code.startswith("IN") and f.severity in sev and (kind is None or f.kind == kind)]


SIX = [("5次", "9次"), ("4个", "13个"), ("30件", "46件次"), ("95%", "100%"), ("50次", "103次"), ("60人", "62名")]


@pytest.mark.parametrize("ext", list(SEED_FORMATS))
def test_seed_six_contradictions(ext, seeds_dir):
    res = _seed(ext)
    tva = _in(res, "target_vs_actual")
    for a, b in SIX:
        hits = [f for f in tva if f.values == [a, b]]
        assert len(hits) == 1, (a, b, [f.message for f in tva])
        f = hits[0]
        assert f.severity == "error"
        locs = [e.location for e in f.evidence]
        assert len(locs) == 2 and locs[0].paragraph != locs[1].paragraph
        assert locs[0].section.startswith("一") and locs[1].section.startswith("二")
        assert a in f.message and b in f.message


@pytest.mark.parametrize("ext", list(SEED_FORMATS))
def test_seed_label_claim_duplicate(ext, seeds_dir):
    res = _seed(ext)
    lm = _in(res, "label_mismatch")
    assert len(lm) == 1 and "社会效益指标" in lm[0].message and "产出指标" in lm[0].message
    assert any("社会效益指标：加强监督" in e.quote for e in lm[0].evidence)
    cv = [f for f in _in(res, "claim_vs_indicator") if f.severity == "error"]
    assert len(cv) == 1 and "100%" in cv[0].values
    assert any("办复率100%" in e.quote for e in cv[0].evidence)
    assert any("进展顺利" in e.quote for e in cv[0].evidence)
    dup = _in(res, "duplicate_item")
    assert len(dup) == 1 and dup[0].values == ["100,000.00", "100,000.00"] and dup[0].severity == "warning"
    assert "联网监督经费" in dup[0].message


@pytest.mark.parametrize("ext", list(SEED_FORMATS))
def test_seed_consistent_not_flagged(ext, seeds_dir):
    res = _seed(ext)
    cons = json.loads((SEEDS / f"{SEED_STEM}.consistent.json").read_text(encoding="utf-8"))
    for c in cons:
        want = set(c["values"])
        for f in _in(res):
            assert not (want <= set(f.values)), (c["values"], f.message)


def test_seed_figures_carry_indicator_facts(seeds_dir):
    res = _seed("txt")
    figs = [f for f in res.figures if f.role.startswith("indicator.")]
    roles = {f.role for f in figs}
    assert roles == {"indicator.target", "indicator.claim", "indicator.actual"}
    nine = [f for f in figs if f.quantity.raw == "9次"][0]
    meta = nine.meta_dict()
    assert nine.role == "indicator.actual" and meta["goal"] == "1" and meta["part"] == "analysis"
    assert "5次" in meta["paired_with"]
    five = [f for f in figs if f.quantity.raw == "5次"][0]
    assert five.meta_dict()["group"] == "数量指标" and five.meta_dict()["group1"] == "产出指标"
    assert five.location.span and five.quote
    rec = five.to_record()
    assert rec["meta"]["goal"] == "1" and rec["location"]["section"]


# ---------------------------------------------------------------- constructed variants


def _variants():
    sys.path.insert(0, str(SAMPLES))
    import make_indicator_variants as m

    return m


@pytest.mark.parametrize("name", ["reworded", "shortfall", "contradiction", "misfiled", "duplicate"])
def test_variant(name, tmp_path):
    m = _variants()
    text, expected = m.render(name)
    committed = SAMPLES / "indicators" / f"{name}.txt"
    assert committed.read_text(encoding="utf-8") == text, "run samples/make_indicator_variants.py"
    assert json.loads((SAMPLES / "indicators" / f"{name}.expected.json").read_text(encoding="utf-8")) == expected
    res = analyse(committed)
    fs = _in(res)
    for want in expected["must"]:
        hits = [f for f in fs if f.code == want["code"] and f.kind == want["kind"]
                and set(want["values"]) <= set(f.values)]
        assert len(hits) == 1, (want, [f.message for f in fs])
    bad = [f for f in fs if f.code in expected["must_not_codes"]]
    assert not bad, [f.message for f in bad]
    if not expected["must"]:
        assert not fs, [f.message for f in fs]


# ---------------------------------------------------------------- vocabulary examples


def test_yaml_examples_goal_and_group():
    ex = vocab()["examples"]
    for text, n in ex["goal"].items():
        got = goal_number(text, in_goal_section=False)
        assert got == (None if n is None else goal_number(f"目标{n}：x")), (text, got)
    for text, name in ex["group"].items():
        assert (group_of(text) or {}).get("name") == name, text


def test_yaml_examples_claims_progress_roles():
    v = vocab()
    ex = v["examples"]
    from extractor.extract import claim_words

    for t in ex["claim"]["match"]:
        assert has_any(t, claim_words.goals()), t
    for t in ex["claim"]["no_match"]:
        assert not has_any(t, claim_words.goals()), t
    for t in ex["in_progress"]["match"]:
        assert has_any(t, claim_words.in_progress()), t
    for t in ex["in_progress"]["no_match"]:
        assert not has_any(t, claim_words.in_progress()), t
    for want, texts in ex["role"].items():
        for t in texts:
            m = find_quantities(t)[-1]
            assert _role(t[:m.start], m.quantity, "other") == want, t


def test_yaml_examples_units():
    ex = vocab()["examples"]
    q = lambda u: Quantity(parse_value("1").value, u, "1" + u, 0)  # noqa: E731
    for a, b in ex["units_compatible"]:
        assert units_compatible(q(a), q(b))[0], (a, b)
    for a, b in ex["units_incompatible"]:
        assert not units_compatible(q(a), q(b))[0], (a, b)
    assert units_compatible(q("件"), q("件次"))[1], "件 vs 件次 must carry a note"


def test_jieba_not_loaded_by_cli_import():
    code = "import sys, extractor.cli, extractor.checks, extractor.extract; " \
           "extractor.checks.all_checks(); extractor.extract.extractors(); print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "False", out.stderr


def test_yaml_examples_execution_roles():
    from extractor.checks.indicator_execution import money_roles
    from extractor.parsers.text import parse_text

    ex = vocab()["examples"]["execution"]
    for want, texts in ex.items():
        for t in texts:
            budgets, spends, _ = money_roles(parse_text(t))
            got = budgets if want == "budget" else spends
            other = spends if want == "budget" else budgets
            assert len(got) == 1 and not other, (t, budgets, spends)


def test_yaml_examples_listing():
    from extractor.extract.listing import find_listing

    for text, want in vocab()["examples"]["listing"].items():
        got = find_listing(text)
        assert (None if got is None else [got.count, got.open_ended]) == want, text


# ---------------------------------------------------------------- ranges, zero rates, names

from decimal import Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.extract.outline import _zero_rate, clean_name, join_ranges  # noqa: E402
from extractor.quantities import consistent  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(lo=st.integers(0, 10**6), width=st.integers(1, 10**6), unit=st.sampled_from(["次", "人", "件", "%", "万元"]),
       joiner=st.sampled_from(["至", "到"]), unit_twice=st.booleans())
def test_a_range_is_one_figure_holding_its_ends(lo, width, unit, joiner, unit_twice):
    hi = lo + width
    text = f"每月开展活动{lo}{unit if unit_twice else ''}{joiner}{hi}{unit}，效果良好"
    ms = join_ranges(text, find_quantities(text))
    assert len(ms) == 1
    q = ms[0].quantity
    assert text[ms[0].start:ms[0].end] == q.raw and q.unit == unit
    a, b = q.interval()
    assert a <= lo * q.factor and hi * q.factor <= b
    assert consistent(q, Quantity(Decimal(lo), unit, "x", 0)) and consistent(q, Quantity(Decimal(hi), unit, "x", 0))
    assert not consistent(q, Quantity(Decimal(hi + width + 1), unit, "x", 0))


@pytest.mark.parametrize("text", ["3至2次", "2021至2023年", "≥2至3次", "2个至3次"])
def test_not_a_range(text):
    ms = join_ranges(text, find_quantities(text))
    assert all(m.quantity.spread is None for m in ms), [m.quantity.raw for m in ms]


def test_a_bare_zero_after_a_rate_name_is_percent():
    for text, unit in (("投诉率为0", "%"), ("投诉率0", "%"), ("投诉0", ""), ("事故率为1", "")):
        m = _zero_rate(text, find_quantities(text)[-1])
        assert m.quantity.unit == unit, text


def test_copulas_close_no_name():
    assert clean_name("投诉率为") == "投诉率" and clean_name("实际满意度是") == "实际满意度" and clean_name("为") == "为"
