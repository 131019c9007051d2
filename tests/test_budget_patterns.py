"""patterns/budget.yaml: every example of the budget vocabulary is run."""

import pytest

from extractor import patterns
from extractor.extract import budget_vocab as V

EX = patterns.load("budget")["examples"]


@pytest.mark.parametrize("text,level", sorted(EX["total_levels"].items()))
def test_total_levels(text, level):
    assert V.total_level(text) == level


@pytest.mark.parametrize("text,sub", sorted(EX["subitems"].items()))
def test_subitems(text, sub):
    assert V.is_subitem(text) is sub


@pytest.mark.parametrize("text,heading", sorted(EX["headings"].items()))
def test_headings(text, heading):
    assert V.is_heading(text) is heading


@pytest.mark.parametrize("text,scope", sorted(EX["scopes"].items()))
def test_scopes(text, scope):
    assert V.scope_of(text) == scope


@pytest.mark.parametrize("lead,role", sorted(EX["text_roles"].items()))
def test_text_roles(lead, role):
    got = V.text_role(lead)
    assert (got[0] if got else None) == role


def test_blocker_between_phrase_and_figure():
    assert V.text_role("执行率较上年提高") is None
    assert V.text_role("调整后预算") is not None


def test_form_text_detected():
    from extractor.extract.forms import is_form_text

    assert is_form_text("年度资金总额：100")
    assert is_form_text("| 产出指标 | 数量指标 | 培训人次 |")
    assert not is_form_text("调整后预算为120万元，预算执行率98%。")


@pytest.mark.parametrize("text,scope", sorted(EX["fund_scopes"].items()))
def test_fund_scopes(text, scope):
    assert V.fund_scope(text) == scope


@pytest.mark.parametrize("lead,change", [(t, True) for t in EX["budget_comparisons"]["change"]]
                         + [(t, False) for t in EX["budget_comparisons"]["not_change"]])
def test_budget_comparisons(lead, change):
    assert V.against_budget(lead) is change
