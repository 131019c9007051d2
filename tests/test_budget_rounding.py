"""Rounding, end to end (BG001/BG003/BG010/BG020/BG030): figures that agree exactly never give a finding
however many decimals each is shown with (the same figures with more or fewer shown decimals), and a
difference no shown precision can explain always does. Whole numbers are shown only for whole values
(reports drop trailing zeros: 30 for 30.00)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.parsers.text import parse_text

# amounts in 万元 with up to 4 decimals (to the yuan), between 10 and 100,000 万元
AMOUNT = st.integers(min_value=10 * 10**4, max_value=10**9).map(lambda n: Decimal(n) / 10**4)
DECIMALS = st.integers(min_value=1, max_value=3)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = "甲乙丙丁戊己庚辛"


def shown(v: Decimal, d: int) -> str:
    """v rounded half up to d decimals as a report prints it; a whole value may drop its zeros."""
    if v == v.to_integral_value() and d == 0:
        return f"{v:.0f}"
    return f"{v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP):f}"


def findings(text: str, code: str):
    doc = parse_text(text, "r.txt")
    out = run_checks(doc, extract_figures(doc), checks=[all_checks()[code]])
    return [f for f in out if f.code == code and f.kind != "not_checkable"]


def table(header: list[str], rows: list[list[str]]) -> str:
    return "单位：万元\n" + "\n".join("| " + " | ".join(r) + " |" for r in [header] + rows) + "\n"


@SETTINGS
@given(st.lists(st.tuples(AMOUNT, DECIMALS), min_size=2, max_size=6), DECIMALS, st.booleans())
def test_column_sum_explained_by_rounding(parts, dt, whole_zero):
    total = sum(v for v, _ in parts)
    rows = [[NAMES[i], shown(v, d)] for i, (v, d) in enumerate(parts)]
    if whole_zero:  # a whole value written without its zeros
        rows.append(["其他", "0"])
    text = table(["项目", "执行数"], rows + [["合计", shown(total, dt)]])
    assert not findings(text, "BG001"), text


@SETTINGS
@given(st.lists(AMOUNT, min_size=2, max_size=6), DECIMALS, st.sampled_from([-1, 1]))
def test_column_sum_off_beyond_rounding(parts, d, sign):
    step = Decimal(1).scaleb(-d)
    total = sum(v.quantize(step, rounding=ROUND_HALF_UP) for v in parts) + sign * (len(parts) + 2) * step
    rows = [[NAMES[i], shown(v, d)] for i, v in enumerate(parts)]
    text = table(["项目", "执行数"], rows + [["合计", shown(total, d)]])
    assert len(findings(text, "BG001")) == 1, text


@SETTINGS
@given(st.lists(st.tuples(AMOUNT, DECIMALS), min_size=2, max_size=5), DECIMALS)
def test_text_breakdown_explained_by_rounding(parts, dt):
    total = sum(v for v, _ in parts)
    items = "，".join(f"{NAMES[i]}项{shown(v, d)}万元" for i, (v, d) in enumerate(parts))
    text = f"项目资金共计{shown(total, dt)}万元，其中：{items}。\n"
    assert not findings(text, "BG003"), text


@SETTINGS
@given(AMOUNT, AMOUNT, DECIMALS, DECIMALS, DECIMALS)
def test_adjustment_explained_by_rounding(ini, adj, d1, d2, d3):
    text = table(["项目", "预算数", "预算调整", "调整后预算"],
                 [["项目支出", shown(ini, d1), shown(adj, d2), shown(ini + adj, d3)]])
    assert not findings(text, "BG010"), text


@SETTINGS
@given(AMOUNT, AMOUNT, DECIMALS, DECIMALS, st.integers(min_value=0, max_value=2))
def test_rate_explained_by_rounding(a, b, da, db, dr):
    act, base = min(a, b), max(a, b)
    rate = act / base * 100
    text = table(["项目", "全年预算数", "全年执行数", "执行率"],
                 [["合计", shown(base, db), shown(act, da), shown(rate, dr) + "%"]])
    assert not findings(text, "BG020"), text


@SETTINGS
@given(AMOUNT, AMOUNT, DECIMALS, DECIMALS, st.sampled_from([-5, 5]))
def test_rate_off_beyond_rounding(a, b, da, db, shift):
    act, base = min(a, b), max(a, b)
    rate = act / base * 100 + shift  # 5 points: more than any rounding of amounts ≥ 10 can explain
    text = table(["项目", "全年预算数", "全年执行数", "执行率"],
                 [["合计", shown(base, db), shown(act, da), shown(rate, 2) + "%"]])
    assert len(findings(text, "BG020")) == 1, text


@SETTINGS
@given(st.integers(min_value=10**6, max_value=10**11), st.integers(min_value=0, max_value=4), st.sampled_from([0, -1, 1]))
def test_text_in_wan_against_table_in_yuan(fen, d, shift):
    yuan = Decimal(fen) / 100
    step = Decimal(1).scaleb(-d)
    wan = (yuan / 10000).quantize(step, rounding=ROUND_HALF_UP) + shift * step
    text = (f"本单位调整后预算数为{wan:f}万元。\n单位：元\n| 项目 | 调整后预算 |\n"
            f"| 部门支出总计 | {yuan:,.2f} |\n")
    assert len(findings(text, "BG030")) == (1 if shift else 0), text
