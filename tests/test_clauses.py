"""patterns/clauses.yaml: how a figure stands in its clause (rule, change, rate per unit, overrun)."""

import pytest

from extractor import patterns
from extractor.extract import clauses as C
from extractor.quantities import find_quantities

EX = patterns.load("clauses")["examples"]


def _at(text: str, raw: str):
    m = next(m for m in find_quantities(text) if m.quantity.raw.endswith(raw))
    return m.start, m.end


@pytest.mark.parametrize("text,raw", EX["rule"])
def test_rule(text, raw):
    assert C.in_rule(text, *_at(text, raw)), text


@pytest.mark.parametrize("text,raw", EX["fact"])
def test_fact(text, raw):
    assert not C.in_rule(text, *_at(text, raw)), text


def _last(text: str):
    m = find_quantities(text)[-1]
    return m.start, m.end


@pytest.mark.parametrize("text", EX["period_change"]["change"])
def test_period_change(text):
    assert C.period_change(text, _last(text)[0]), text


@pytest.mark.parametrize("text", EX["period_change"]["not_change"])
def test_not_period_change(text):
    assert not C.period_change(text, _last(text)[0]), text


@pytest.mark.parametrize("text", EX["per_unit"]["rate"])
def test_per_unit(text):
    assert C.per_unit(text, *_last(text)), text


@pytest.mark.parametrize("text", EX["per_unit"]["amount"])
def test_amount(text):
    assert not C.per_unit(text, *_last(text)), text


@pytest.mark.parametrize("text", EX["overrun"]["match"])
def test_overrun(text):
    assert C.overrun(text, _last(text)[0]), text


@pytest.mark.parametrize("text", EX["overrun"]["no_match"])
def test_not_overrun(text):
    assert not C.overrun(text, _last(text)[0]), text


def test_modal_only_when_asked():
    text = "培训人数应达到200人"
    assert C.in_rule(text, *_last(text)) and not C.in_rule(text, *_last(text), modal=False)


@pytest.mark.parametrize("text,want", sorted(EX["denominator"].items()))
def test_denominator(text, want):
    assert C.per_unit_denominator(text, *_last(text)) == want
