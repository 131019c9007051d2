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


# ------------------------------------------------------------------ cutting text into clauses

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def test_clause_spans_keep_thousands_separators():
    text = "全年共组织1,820人参加培训，发放资料3,600份,覆盖12,436人次；完成率100%"
    pieces = [text[a:b] for a, b in C.clause_spans(text)]
    assert pieces == ["全年共组织1,820人参加培训", "发放资料3,600份", "覆盖12,436人次", "完成率100%"]


def test_clause_spans_cut_at_a_comma_between_words():
    assert C.clause_spans("甲,乙") == [(0, 1), (2, 3)]
    assert len(C.clause_spans("共3人,5人")) == 2  # a comma after a unit is an end, not a separator


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1000, 10**9), unit=st.sampled_from(["人", "份", "人次", "件", "万元"]),
       lead=st.sampled_from(["全年共组织", "累计", "完成", ""]), tail=st.sampled_from(["，完成目标", "。", ""]))
def test_a_separated_figure_stays_whole_in_its_clause(n, unit, lead, tail):
    text = f"{lead}{n:,}{unit}{tail}"
    a, b = C.clause_spans(text)[0]
    ms = find_quantities(text[a:b])
    assert len(ms) == 1 and ms[0].quantity.value == n and ms[0].quantity.unit == unit
