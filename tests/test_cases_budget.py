"""Unit cases of the BG checks: tests/cases/BG*.yml, each a tiny report and its expected findings.

`findings` lists every finding the check must give on the text (count must match); each item gives
the `values` the finding must contain and optionally its `kind`. `findings: []` = nothing at all."""

from pathlib import Path

import pytest
import yaml

from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections

CASES = Path(__file__).parent / "cases"


def _cases():
    for f in sorted(CASES.glob("BG*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for c in data["cases"]:
            yield pytest.param(data["code"], c, id=f"{data['code']}-{c['name']}")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_case(code, case):
    doc = assign_sections(parse_text(case["text"], "case.txt"))
    figs = extract_figures(doc)
    found = [f for f in run_checks(doc, figs, checks=[all_checks()[code]]) if f.code == code]
    expected = case.get("findings") or []
    assert len(found) == len(expected), [f.message for f in found]
    for exp in expected:
        match = [f for f in found if set(map(str, exp["values"])) <= set(f.values)
                 and exp.get("kind", f.kind) == f.kind]
        assert match, (exp, [(f.kind, f.values, f.message) for f in found])
        for f in match:
            assert f.evidence and all(e.location and e.quote for e in f.evidence)
