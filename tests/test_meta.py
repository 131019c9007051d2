"""Conventions: every check is documented and has unit cases; codes are unique and well formed."""

from pathlib import Path

import pytest

from extractor.checks import CODE_RE, all_checks

CASES = Path(__file__).parent / "cases"
SECTIONS = ("何时触发", "反例", "正例", "已知局限")


def test_codes_well_formed():
    checks = all_checks()
    for code, cls in checks.items():
        assert CODE_RE.match(code), code
        assert cls.name and "." in cls.name, f"{code} needs a dotted name"
    names = [c.name for c in checks.values()]
    assert len(names) == len(set(names)), "check names must be unique"


@pytest.mark.parametrize("code", sorted(all_checks()))
def test_check_documented(code):
    doc = all_checks()[code].doc()
    for s in SECTIONS:
        assert s in doc, f"{code}: docstring lacks section {s}"


@pytest.mark.parametrize("code", sorted(all_checks()))
def test_check_has_cases(code):
    assert (CASES / f"{code}.yml").exists(), f"tests/cases/{code}.yml missing"


@pytest.mark.parametrize("code", sorted(all_checks()))
def test_options_declared_with_defaults(code):
    for name, opt in all_checks()[code].options.items():
        assert isinstance(opt.default, opt.type), f"{code}.{name}: default does not match its type"


def test_no_private_name_imported_across_modules():
    import re

    root = Path(__file__).parent.parent / "extractor"
    bad = []
    for f in sorted(root.rglob("*.py")):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r"^from extractor[\w.]* import \(?([^)\n]*(?:\n[^)\n]*)*?)\)?$", text, re.M):
            names = [n.strip().split(" as ")[0] for n in m.group(1).replace("\n", ",").split(",")]
            bad += [f"{f.name}: {n}" for n in names if n.startswith("_") and not n.endswith("__")]
    assert not bad, bad
