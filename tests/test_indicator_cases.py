"""Unit cases of the narrative indicator checks: tests/cases/IN*.yml, one parametrised test.

Each case is a short report (plain text; tables as |-rows); `findings` lists exactly the findings of
the file's code that must come out, each with values that the finding must include."""

from pathlib import Path

import pytest
import yaml

from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections

CASES = Path(__file__).parent / "cases"


def _cases():
    for f in sorted(CASES.glob("IN*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for c in data["cases"]:
            yield pytest.param(data["code"], c, id=f"{data['code']}-{c['name']}")


def findings_of(text: str, code: str):
    doc = assign_sections(parse_text(text, "case.txt"))
    return [f for f in run_checks(doc, extract_figures(doc), checks=[all_checks()[code]]) if f.code == code]


@pytest.mark.parametrize("code,case", list(_cases()))
def test_case(code, case):
    got = findings_of(case["text"], code)
    want = case["findings"]
    assert len(got) == len(want), [f.message for f in got]
    for w, f in zip(want, got):
        assert set(w["values"]) <= set(f.values), (w, f.values, f.message)
        assert f.message and all(e.location for e in f.evidence)
