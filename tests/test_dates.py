"""Deadlines and completion dates in 时效指标 cells (extractor/quantities/dates.py)."""

import pytest
from hypothesis import given, strategies as st

from extractor.quantities.dates import date_verdict, find_date, is_deadline


@pytest.mark.parametrize("target, actual, expected", [
    ("2023年11月底前", "2023年12月", "unmet"),
    ("11月30日前", "12月20日", "unmet"),
    ("11月底前", "11月25日", "met"),
    ("11月底前", "11月", "met"),
    ("年底前", "12月20日", "met"),
    ("2023年12月31日前", "2024年1月15日", "unmet"),
    ("6月底前", "6月中旬", "met"),
    ("6月15日前", "6月中旬", None),          # the actual's span straddles the deadline: cannot tell
    ("2023年11月", "2023年12月", None),      # no deadline word: a plain date is not a bound
    ("10月底前完成", "9月完成", "met"),
    ("12月31日前", "已完成", None),           # no date in the actual: left to the text verdict
    ("9月底前", "8月开工，10月完工", None),   # two dates: not one completion date
    ("１１月底前", "１２月５日", "unmet"),     # full-width digits
])
def test_date_verdict(target, actual, expected):
    assert date_verdict(target, actual) == expected


def test_a_range_or_an_amount_is_no_date():
    assert find_date("7-9月") is None and find_date("3月至5月") is None
    assert find_date("2023-11-05") == find_date("2023年11月5日")
    assert not is_deadline("≥95%")
    assert find_date("完成率98%") is None


@given(st.integers(1, 12), st.integers(1, 28))
def test_a_day_of_the_month_meets_that_months_deadline(month, day):
    assert date_verdict(f"{month}月底前", f"{month}月{day}日") == "met"


@given(st.integers(1, 11), st.integers(1, 28))
def test_a_day_of_the_next_month_misses_it(month, day):
    assert date_verdict(f"2023年{month}月底前", f"2023年{month + 1}月{day}日") == "unmet"
