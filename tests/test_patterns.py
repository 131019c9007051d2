"""Every patterns/*.yaml loads and carries examples; the quantity vocabulary's examples are run."""

import re

import pytest

from extractor import patterns
from decimal import Decimal

from extractor.quantities import (
    chinese_to_decimal,
    comparator_of,
    find_quantities,
    label_unit,
    parse_value,
    text_value,
    unit_info,
)

ALL = patterns.all_names()
QUANTITY_FILES = ("units", "comparators", "numerals", "values")


def test_quantity_files_present():
    assert set(QUANTITY_FILES) <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_every_file_loads_with_examples(name):
    data = patterns.load(name)
    assert isinstance(data, dict)
    assert "examples" in data and data["examples"], f"patterns/{name}.yaml has no examples block"


# ------------------------------------------------------------------ units


def _units():
    return patterns.entries("units", ("name", "dimension", "base", "factor", "forms", "examples"))


@pytest.mark.parametrize("entry", _units(), ids=lambda e: e["name"])
def test_unit_entry_examples(entry):
    assert entry["examples"], f"unit {entry['name']} needs examples"
    name = entry["name"]
    for text in entry["examples"]:
        q = parse_value(text)
        assert q is not None, text
        atoms = re.split(r"[/·]", q.unit)
        assert any(a in (name, "万" + name, "亿" + name) for a in atoms), (text, q.unit)
        assert unit_info(q.unit) is not None
        if entry.get("standalone", True) is False:
            assert q.unit != name, f"{text}: {name} is a unit only inside an expression"
    for form in entry["forms"]:
        assert unit_info(str(form)).name == name


@pytest.mark.parametrize("entry", [e for e in _units() if e.get("standalone", True) is False], ids=lambda e: e["name"])
def test_bound_atoms_alone_after_a_number_are_not_units(entry):
    for form in entry["forms"]:
        assert all(not m.quantity.unit for m in find_quantities(f"12{form}")), form


@pytest.mark.parametrize("entry", patterns.load("units")["expressions"], ids=lambda e: e["text"])
def test_unit_expressions(entry):
    u = unit_info(entry["text"])
    assert u is not None, entry["text"]
    assert (u.name, u.dimension, u.base, u.factor) == (entry["name"], entry["dimension"], entry["base"],
                                                       Decimal(entry["factor"])), entry["text"]
    q = parse_value("12.5" + entry["text"])
    assert q is not None and q.unit == u.name and q.dimension == u.dimension, entry["text"]


def test_label_examples():
    ex = patterns.load("units")["labels"]["examples"]
    for text, (unit, label) in ex["match"].items():
        got = label_unit(text)
        assert got is not None, text
        assert (got[0].name, got[1]) == (unit_info(unit).name, label), (text, got)
    for text in ex["no_match"]:
        assert label_unit(text) is None, text


def test_units_file_examples():
    ex = patterns.load("units")["examples"]
    for text in ex["match"]:
        ms = find_quantities(text)
        assert len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(text) and ms[0].quantity.unit, text
    for text in ex["no_match"]:
        assert all(not m.quantity.unit for m in find_quantities(text)), text


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize("entry", patterns.entries("comparators", ("op", "position", "forms", "examples")),
                         ids=lambda e: f"{e['position']}{e['op']}")
def test_comparator_entry_examples(entry):
    assert entry["position"] in ("prefix", "suffix")
    assert entry["op"] in (">=", "<=", ">", "<", "=", "~")
    for text in entry["examples"]:
        q = parse_value(text)
        assert q is not None and q.comparator == entry["op"], (text, q)


@pytest.mark.parametrize("entry", patterns.entries("comparators", ("op", "position", "forms")),
                         ids=lambda e: f"{e['position']}{e['op']}")
def test_comparator_forms_alone(entry):
    for form in entry["forms"]:
        assert comparator_of(str(form)) is not None, form


def test_comparators_file_examples():
    ex = patterns.load("comparators")["examples"]
    for text in ex["match"]:
        ms = find_quantities(text)
        assert len(ms) == 1 and ms[0].quantity.comparator, text
    for text in ex.get("no_match") or []:
        assert all(m.quantity.comparator is None for m in find_quantities(text)), text


# ------------------------------------------------------------------ numerals


def test_numerals_examples():
    ex = patterns.load("numerals")["examples"]
    for text, value in ex["match"].items():
        assert chinese_to_decimal(str(text)) == value, text
    for text in ex["no_match"]:
        assert find_quantities(text) == [], (text, [m.quantity.raw for m in find_quantities(text)])


@pytest.mark.parametrize("entry", patterns.load("numerals")["exclude"], ids=lambda e: e["name"])
def test_numeral_exclusions(entry):
    rx = re.compile(entry["regex"])
    for text in entry["examples"]["match"]:
        m = rx.search(text)
        assert m, f"{entry['name']}: regex does not match {text!r}"
        assert not any(q.start < m.end() and m.start() < q.end for q in find_quantities(text)), text
    for text in entry["examples"]["no_match"]:
        assert find_quantities(text), f"{entry['name']}: {text!r} must still give a quantity"


def test_numeral_word_lists():
    data = patterns.load("numerals")
    for key in ("not_after", "empty_forms", "ordinal_before", "ordinal_before_always"):
        assert isinstance(data[key], list) and data[key], key
    assert set(data["ordinal_before_always"]) <= set(data["ordinal_before"])


# ------------------------------------------------------------------ text values


@pytest.mark.parametrize("entry", patterns.entries("values", ("reading", "examples")), ids=lambda e: e["reading"])
def test_text_value_entry_examples(entry):
    for text in entry["examples"]["match"]:
        assert text_value(text) == entry["reading"], text
    for text in entry["examples"]["no_match"]:
        assert text_value(text) != entry["reading"], text
    for w in entry.get("exact", []) + entry.get("contains", []):
        assert text_value(str(w)) == entry["reading"], w


def test_values_file_examples():
    ex = patterns.load("values")["examples"]
    for text, reading in ex["match"].items():
        assert text_value(text) == reading, text
    for text in ex["no_match"]:
        assert text_value(text) is None, text


def test_claims_examples():
    import re

    data = patterns.load("claims")
    ex = data["examples"]
    for t in ex["goals"]["match"]:
        assert any(w in t for w in data["goals"]), t
    for t in ex["goals"]["no_match"]:
        assert not any(w in t for w in data["goals"]), t

    def spend(t):
        return any(w in t for e in data["spend"] for w in e["forms"]) or \
            any(re.search(p, t) for e in data["spend"] for p in e.get("patterns", []))

    assert all(spend(t) for t in ex["spend"]["match"]) and not any(spend(t) for t in ex["spend"]["no_match"])
