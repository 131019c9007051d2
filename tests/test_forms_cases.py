"""Unit cases of the FM checks: tests/cases/FM*.yml, each a small 自评表 as text and the findings the
check must give (count must match; each item's `values` must be among the finding's values)."""

from pathlib import Path

import pytest
import yaml

from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections

CASES = Path(__file__).parent / "cases"


def _cases():
    for f in sorted(CASES.glob("FM*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for c in data["cases"]:
            yield pytest.param(data["code"], c, id=f"{data['code']}-{c['name']}")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_case(code, case):
    doc = assign_sections(parse_text(case["text"], "case.txt"))
    found = [f for f in run_checks(doc, extract_figures(doc), checks=[all_checks()[code]]) if f.code == code]
    expected = case.get("findings") or []
    assert len(found) == len(expected), [(f.message, f.values) for f in found]
    for exp in expected:
        assert any(set(map(str, exp["values"])) <= set(f.values) and f.severity == exp.get("severity", f.severity)
                   for f in found), (exp, [(f.values, f.severity, f.message) for f in found])
    for f in found:
        assert f.evidence and all(e.location and e.quote for e in f.evidence)
