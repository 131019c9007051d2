"""Quantity grammar: exact Decimal parsing, displayed precision, interval semantics, what is not a number."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.quantities import (
    Quantity,
    chinese_to_decimal,
    consistent,
    find_quantities,
    fmt_amount,
    intervals_meet,
    is_empty,
    normalize_digits,
    parse_value,
    unit_info,
)

D = Decimal


def one(text):
    ms = find_quantities(text)
    assert len(ms) == 1, (text, [m.quantity.raw for m in ms])
    return ms[0].quantity


def found(text):
    return [(m.quantity.value, m.quantity.unit, m.quantity.comparator) for m in find_quantities(text)]


# ------------------------------------------------------------------ seed sentences


def test_budget_sentence_in_wanyuan():
    q = one("本级机关单位2021年度部门年初预算为1422.74万元,调整后")
    assert (q.value, q.unit, q.decimals, q.raw) == (D("1422.74"), "万元", 2, "1422.74万元")
    assert q.base == D("14227400") and q.tolerance == D(50)
    assert q.interval() == (D("14227350"), D("14227450"))


def test_yuan_amount_is_exact():
    q = one("调整后预算总额为 15,389,810.18 元。")
    assert (q.value, q.unit, q.decimals, q.is_exact, q.tolerance) == (D("15389810.18"), "元", 2, True, 0)


def test_wanyuan_vs_yuan_consistency():
    yuan = one("15,389,810.18元")
    assert consistent(one("1538.98万元"), yuan)
    assert not consistent(one("1583.98万元"), yuan)
    # a 0.01 gap to the fen is an error for amounts in 元
    assert not consistent(one("15,389,810.17元"), yuan)


def test_percent_interval():
    q = one("执行率达100.00%。")
    assert (q.value, q.unit, q.tolerance) == (D("100.00"), "%", D("0.005"))
    assert q.interval() == (D("99.995"), D("100.005"))


@pytest.mark.parametrize(
    "text, value, unit, comp",
    [
        ("2021年区人大常委会召开了9次常委会会议", "9", "次", None),
        ("依法任免国家工作人员47人次，人员任免通过率", "47", "人次", None),
        ("已于9月组织4名市人大代表向常委会述职", "4", "名", None),
        ("形成专题研究报告、理论研究文章6篇以上", "6", "篇", ">="),
        ("作出相应决议决定≥2项。", "2", "项", ">="),
        ("全年共接待处理群众来访来信46件次", "46", "件次", None),
        ("目前2件议案和各项建议办理工作进展顺利", "2", "件", None),
    ],
)
def test_seed_counts(text, value, unit, comp):
    q = one(text)
    assert (q.value, q.unit, q.comparator) == (D(value), unit, comp)
    assert q.decimals == 0
    assert q.is_exact == (comp != "~")


def test_counts_are_exact_and_approximations_are_not():
    assert one("召开了9次会议").tolerance == 0
    assert not one("约50人").is_exact and one("约50人").comparator == "~"
    assert one("100人左右").comparator == "~" and not one("100人左右").is_exact
    assert not one("5万人").is_exact and one("5万人").tolerance == D(5000)


def test_an_approximation_is_rounded_at_its_last_significant_digit():
    # 约/近/左右: trailing zeros are not measured; shown decimals are
    assert one("约1500件").interval() == (D(1450), D(1550))
    assert one("近1500件").interval() == (D(1450), D(1550))
    assert one("1500件左右").interval() == (D(1450), D(1550))
    assert one("约1526件").tolerance == D("0.5")
    assert one("约2.50万元").tolerance == D(50)
    assert one("1500件").tolerance == 0  # a plain count is exact


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 10**8), places=st.integers(0, 6), word=st.sampled_from([("约", ""), ("近", ""), ("", "左右")]))
def test_an_approximation_holds_the_figure_it_rounds(n, places, word):
    # 约r, r = n rounded at 10^places, stands for an interval holding n
    r = int(D(n).scaleb(-places).quantize(D(1), rounding="ROUND_HALF_UP").scaleb(places))
    if r == 0:
        return
    q = one(f"{word[0]}{r}人{word[1]}")
    assert q.comparator == "~"
    lo, hi = q.interval()
    assert lo <= n <= hi and lo <= r <= hi
    assert not consistent(q, Quantity(D(r) + q.tolerance * 2 + 1, "人", "x", 0))


def test_running_text_is_not_rewritten():
    for text in ["听取和审议“一府一委两院”专项工作报告", "一是领导高度重视", "一体化政务大数据体系", "一般公共预算",
                 "十分重要", "一次性", "“十三五”规划", "单位：万元", "促进“一府两院”依法行政"]:
        assert found(text) == [], text


def test_chinese_numerals_with_measure_words():
    assert found("九次") == [(D(9), "次", None)]
    assert found("两个") == [(D(2), "个", None)]
    assert found("成立十三个督导小组") == [(D(13), "个", None)]
    assert found("一百零五人") == [(D(105), "人", None)]


@pytest.mark.parametrize("s, v", [("两", 2), ("十三", 13), ("一百零五", 105), ("三千零五十", 3050), ("一万二千", 12000),
                                  ("二十", 20), ("十", 10), ("壹佰贰拾", 120)])
def test_chinese_to_decimal(s, v):
    assert chinese_to_decimal(s) == D(v)


@pytest.mark.parametrize("s", ["一二", "十三五", "万", "百", "一府", ""])
def test_chinese_to_decimal_rejects(s):
    assert chinese_to_decimal(s) is None


@pytest.mark.parametrize(
    "text",
    [
        "2021年度", "2016年-2020年", "9月", "2021年4-6月", "2024-04-15 11:09", "联系电话:0838-7211924",
        "zlnb210061", "11341700003244895T/202404-00022", "谢凯13990260322(办公)", "一、部门整体", "1.产出指标",
        "（1）数量指标：", "(2)时效指标", "1、常年性 2、延续性", "年度目标1：为", "指标2:发放", "第3次", "第一批",
        "已于2022年12月30日", "8月5日", "《关于开展第八个五年法治宣传教育的决议》", "区六届人大六次会议",
        "2052-11.1.0.11691", "FEAB6FBF67D44AA19C24BC22CBB840E5", "填报日期:2022 年 8 月 10日", "0-6岁儿童",
    ],
)
def test_not_quantities(text):
    assert found(text) == [], text


def test_identifier_parts_and_ordinals_do_not_hide_real_figures():
    assert found("指标1:居民健康档案 38508人") == [(D(38508), "人", None)]
    assert found("年度目标2：组织开展年度执法检查项目2个以上") == [(D(2), "个", ">=")]
    assert found("实施3项目") == [(D(3), "", None)]  # 项目 is not the measure word 项
    assert found("全年共完成10.") == [(D(10), "", None)]  # a sentence end, not a section number
    assert found("附件:1.广东省 2.2020 年度") == []


def test_spaces_fullwidth_and_scales():
    assert found("1422.74 万元") == [(D("1422.74"), "万元", None)]
    assert found("１２３．４５万元") == [(D("123.45"), "万元", None)]
    assert found("５０％") == [(D(50), "%", None)]
    assert found("里程 300 公里") == [(D(300), "公里", None)]
    assert found("不少于12 种") == [(D(12), "种", ">=")]
    q = one("采购原原种425万粒")
    assert (q.unit, q.base, q.tolerance, q.base_unit) == ("万粒", D(4250000), D(5000), "粒")
    q = one("带动就业2.5万")
    assert (q.value, q.unit, q.decimals, q.tolerance) == (D(25000), "", -3, D(500))
    assert one("3‰").base == D("0.3")


def test_thousands_separators():
    assert found("15，389，810.18元") == [(D("15389810.18"), "元", None)]
    # a lone full-width comma is the Chinese list comma, not a separator
    assert [v for v, _, _ in found("5，300人")] == [D(5), D(300)]
    assert found("1,234.56元") == [(D("1234.56"), "元", None)]
    # a space (also thin / no-break) groups thousands only before decimals; elsewhere it parts figures
    assert found("全年总收入1 426.38万元") == [(D("1426.38"), "万元", None)]
    assert found("执行12\u2009398.26万元") == [(D("12398.26"), "万元", None)]
    assert [v for v, _, _ in found("完成5 100项")] == [D(5), D(100)]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**9), st.integers(min_value=0, max_value=99),
       st.sampled_from([" ", "\u00a0", "\u2009", ","]))
def test_grouped_amounts_read_as_one_figure(n, cents, sep):
    groups = f"{n:,}".replace(",", sep)
    text = f"支出{groups}.{cents:02d}万元，其中"
    assert found(text) == [(D(f"{n}.{cents:02d}"), "万元", None)]


def test_signs_and_hyphens():
    assert found("增长-5%") == [(D(-5), "%", None)]
    assert found("-1,234.00元") == [(D("-1234.00"), "元", None)]
    assert found("a-1") == []


@pytest.mark.parametrize(
    "cell, value, unit, comp, dec",
    [
        ("15,389,810.18", "15389810.18", "", None, 2),
        ("(1,234.00)", "-1234.00", "", None, 2),
        ("（1,234.00）", "-1234.00", "", None, 2),
        ("－5", "-5", "", None, 0),
        ("≥90%", "90", "%", ">=", 0),
        ("≥ 90 %", "90", "%", ">=", 0),
        ("100.00 %", "100.00", "%", None, 2),
        ("两", "2", "", None, 0),
        ("十三", "13", "", None, 0),
        ("１５，３８９，８１０．１８", "15389810.18", "", None, 2),
        ("1，234", "1234", "", None, 0),
        ("═100", "100", "", "=", 0),
        ("11,107,432.92 ", "11107432.92", "", None, 2),
    ],
)
def test_parse_value_cells(cell, value, unit, comp, dec):
    q = parse_value(cell)
    assert q is not None, cell
    assert (q.value, q.unit, q.comparator, q.decimals) == (D(value), unit, comp, dec)
    assert q.raw == cell.strip()


@pytest.mark.parametrize("cell", ["—", "-", "/", "无", "", "  ", "——", "／"])
def test_empty_cells(cell):
    assert is_empty(cell)
    assert parse_value(cell) is None


@pytest.mark.parametrize("cell", ["项目支出合计", "指标1", "2021年", "一府一委两院", "万", "3 4", "严格执行相关制度规定"])
def test_parse_value_rejects(cell):
    assert parse_value(cell) is None


def test_parse_value_default_unit():
    q = parse_value("1,234.56", default_unit="万元")
    assert (q.unit, q.base, q.tolerance) == ("万元", D("12345600"), D(50))
    assert parse_value("100%", default_unit="元").unit == "%"


def test_helpers():
    assert fmt_amount(D("15389810.18")) == "15,389,810.18"
    assert fmt_amount(D("15389800"), 2) == "15,389,800.00"
    assert intervals_meet((D(1), D(2)), (D(2), D(3)))
    assert not intervals_meet((D(1), D(2)), (D("2.01"), D(3)))
    assert normalize_digits("１２．５％") == "12.5%"
    assert unit_info("万元").factor == 10000 and unit_info("萬元").name == "万元"
    assert unit_info("万件").factor == 10000 and unit_info("万件").base == "件"
    assert unit_info("furlong") is None
    q = Quantity(D("30"), "万元", "30", 0)
    assert q.with_decimals(2).tolerance == D(50)


# ------------------------------------------------------------------ properties

_FW = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
amounts = st.decimals(min_value=D("-9999999999"), max_value=D("9999999999"), allow_nan=False, allow_infinity=False,
                      places=2)


def _fmt(d: Decimal, places: int, sep: bool) -> str:
    q = d.quantize(D(1).scaleb(-places))
    return f"{q:,f}" if sep else f"{q:f}"


@settings(max_examples=300, deadline=None)
@given(d=amounts, places=st.integers(0, 4), sep=st.booleans(), fullwidth=st.booleans(), parens=st.booleans())
def test_cell_roundtrip(d, places, sep, fullwidth, parens):
    shown = d.quantize(D(1).scaleb(-places))
    s = _fmt(abs(shown) if parens else shown, places, sep)
    if fullwidth:
        s = s.translate(_FW)
    if parens:
        if shown == 0 or (places == 0 and not (sep and "," in s)):
            return  # (7) is a label, not a negative amount
        s = f"({s})"
        shown = -abs(shown)
    q = parse_value(s)
    assert q is not None, s
    assert q.value == shown and q.decimals == places, s


@settings(max_examples=300, deadline=None)
@given(
    d=st.decimals(min_value=D("0"), max_value=D("99999999"), allow_nan=False, allow_infinity=False, places=2),
    places=st.integers(0, 3),
    sep=st.booleans(),
    unit=st.sampled_from(["元", "万元", "亿元", "%", "人次", "个", "亩"]),
    space=st.booleans(),
    comp=st.sampled_from([("", None, ""), ("≥", ">=", ""), ("不低于", ">=", ""), ("≤", "<=", ""), ("约", "~", ""),
                          ("", ">=", "以上"), ("", "<=", "以内"), ("", "~", "左右"), ("═", "=", ""), ("最高", "<=", ""),
                          ("不高于", "<=", ""), ("控制在", "<=", "以内"), ("", "<=", "以下"), ("最少", ">=", ""),
                          ("", ">=", "（含）以上")]),
)
def test_running_text_roundtrip(d, places, sep, unit, space, comp):
    pre, op, post = comp
    s = pre + _fmt(d, places, sep) + (" " if space else "") + unit + post
    text = f"其中：完成{s}，较上年增长。"
    ms = find_quantities(text)
    assert len(ms) == 1, (text, [m.quantity.raw for m in ms])
    m = ms[0]
    q = m.quantity
    assert q.value == d.quantize(D(1).scaleb(-places)) and q.decimals == places
    assert q.unit == unit and q.comparator == op
    assert q.raw == s == text[m.start:m.end]
    if unit == "万元":
        # half a unit of the last digit shown; an approximation (约10, 10左右) vouches only for its last
        # significant digit when it shows no decimals
        last = -places
        if op == "~" and places == 0 and q.value != 0:
            last = max(q.value.normalize().as_tuple().exponent, 0)
        assert q.base == q.value * 10000 and q.tolerance == D(5) * D(10) ** (last - 1) * 10000
    if op == "~":
        assert not q.is_exact


_ALPHABET = st.sampled_from(list("0123456789０１２３.,，%％-－—()（）万亿元人次个年月日第指标一二两十百千是府 \t\n≥≤约以上左右《》:：/a")
                            + ["万元", "人次", "2021", "年度", "一府一委两院"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_find_quantities_never_crashes_and_offsets_point_at_raw(text):
    last_end = 0
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.quantity.raw
        assert m.start >= last_end  # no overlapping matches
        last_end = m.end
        assert isinstance(m.quantity.value, Decimal)
        m.quantity.interval()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parse_value_never_crashes(text):
    q = parse_value(text)
    if q is not None:
        assert isinstance(q.value, Decimal) and q.raw == text.strip()


@settings(max_examples=300, deadline=None)
@given(yuan=st.decimals(min_value=D("0"), max_value=D("999999999.99"), places=2, allow_nan=False, allow_infinity=False),
       places=st.integers(0, 4), sep=st.booleans())
def test_wanyuan_rounding_is_consistent_and_a_shifted_figure_is_not(yuan, places, sep):
    """An amount in 元 restated in 万元 (rounded half-up to `places`) always meets; one unit of the last
    shown digit further off never does."""
    from decimal import ROUND_HALF_UP

    exact = parse_value(_fmt(yuan, 2, sep) + "元")
    wan = (yuan / 10000).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = parse_value(_fmt(wan, places, sep) + "万元")
    assert shown.unit == "万元" and shown.decimals == places
    assert consistent(shown, exact)
    step = D(1).scaleb(-places)
    off = parse_value(_fmt(wan + step, places, sep) + "万元")
    assert not consistent(off, exact)


@pytest.mark.parametrize("text,tol", [("完成10万元左右。", D(50000)), ("完成约1500万元。", D(500000)),
                                      ("完成约1500.5万元。", D(500)), ("完成10万元。", D(5000))])
def test_approximation_vouches_for_its_last_significant_digit(text, tol):
    assert find_quantities(text)[0].quantity.tolerance == tol


@pytest.mark.parametrize("raw,bare", [("达到98.5%", "98.5%"), ("≥400个", "400个"), ("≧95%", "95%"), ("=95.5%", "95.5%"),
                                      ("不低于90公里", "90公里"), ("95%", "95%")])
def test_a_figure_without_its_comparator(raw, bare):
    from extractor.quantities import without_comparator

    assert without_comparator(raw) == bare
