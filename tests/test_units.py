"""The unit system: compound units, dimensions, exact conversions, units stated in labels, text values,
comparators of upper and lower bounds."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.quantities import (
    Quantity,
    comparator_of,
    consistent,
    convert,
    convertible,
    find_quantities,
    label_unit,
    parse_value,
    same_dimension,
    text_value,
    unit_info,
    with_default_unit,
)

D = Decimal


def found(text):
    return [(m.quantity.value, m.quantity.unit, m.quantity.comparator) for m in find_quantities(text)]


# ------------------------------------------------------------------ unit expressions


@pytest.mark.parametrize(
    "text, name, dimension",
    [
        ("元/户", "元/户", "money/count"),
        ("元/人·月", "元/人·月", "money/(count·time)"),
        ("元/人*月", "元/人·月", "money/(count·time)"),
        ("元/人/月", "元/人·月", "money/(count·time)"),
        ("元／人×月", "元/人·月", "money/(count·time)"),
        ("元/人月", "元/人·月", "money/(count·time)"),
        ("万元/公里", "万元/公里", "money/length"),
        ("元/平方米", "元/平方米", "money/area"),
        ("人/班", "人/班", "count/count"),
        ("次/年", "次/年", "count/time"),
        ("倍", "倍", "ratio"),
        ("‰", "‰", "percent"),
        ("人次", "人次", "count"),
        ("万元/亩", "万元/亩", "money/area"),
        ("吨·公里", "吨·公里", "length·weight"),
        ("万次/年", "万次/年", "count/time"),
    ],
)
def test_unit_expressions(text, name, dimension):
    u = unit_info(text)
    assert u is not None and (u.name, u.dimension) == (name, dimension)


@pytest.mark.parametrize("text", ["元/", "/户", "元//户", "furlong", "元/furlong", "万", "2021年"])
def test_not_unit_expressions(text):
    assert unit_info(text) is None


def test_factors_combine_exactly():
    u = unit_info("万元/公里")
    assert (u.base, u.factor) == ("元/米", D(10))
    assert unit_info("千元/人").factor == D(1000)
    assert unit_info("公斤/亩").factor == D("0.001")
    # 1/12 has no finite decimal: 次/年 keeps its own base, and still converts exactly through its root
    u = unit_info("次/年")
    assert (u.base, u.factor, u.root) == ("次/年", D(1), "次/个月")
    assert convert(D(24), "次/年", "次/月") == D(2)
    assert convert(D(1), "次/年", "次/月") is None  # 0.0833… is not a decimal
    assert convert(D(3), "万亩", "亩") == D(30000)
    assert convert(D("1.5"), "万元/公里", "元/米") == D(15)
    assert convert(D(2), "周", "天") == D(14)
    assert convert(D(1), "万元", "亩") is None


def test_same_dimension_and_convertible():
    assert same_dimension("元/户", "万元/人")  # both money per count
    assert not same_dimension("元/户", "元")
    assert not same_dimension("倍", "%")
    assert same_dimension("亩", "平方米") and not convertible("亩", "平方米")  # 1 亩 = 2000/3 ㎡
    assert convertible("万元", "元") and convertible("次/年", "次/季度")
    assert not convertible("人", "人次")
    assert same_dimension("", "") and not same_dimension("", "元")
    assert same_dimension(parse_value("1000元/户"), unit_info("万元/户"))


# ------------------------------------------------------------------ compound units in text and cells


@pytest.mark.parametrize(
    "text, value, unit, dimension",
    [
        ("发放补助，标准为1000元/户。", "1000", "元/户", "money/count"),
        ("按照800元/人·月的标准", "800", "元/人·月", "money/(count·time)"),
        ("按照800 元 / 人 / 月的标准", "800", "元/人·月", "money/(count·time)"),
        ("建设成本约1.2万元/公里", "1.2", "万元/公里", "money/length"),
        ("每班不超过45人/班", "45", "人/班", "count/count"),
        ("开展巡查4次/年", "4", "次/年", "count/time"),
        ("产量提高1.5倍", "1.5", "倍", "ratio"),
        ("培训320人/次", "320", "人次", "count"),
        ("按照600元每人每月发放", "600", "元/人·月", "money/(count·time)"),
    ],
)
def test_compound_units_in_text(text, value, unit, dimension):
    (q,) = [m.quantity for m in find_quantities(text)]
    assert (q.value, q.unit, q.dimension) == (D(value), unit, dimension)
    assert q.dimension != "money"  # never taken for a plain amount


def test_compound_unit_is_never_money():
    for cell in ["1000元/户", "1,000.00元/户", "0.5万元/人", "12元/平方米", "3.5万元/亩"]:
        q = parse_value(cell)
        assert q is not None and q.dimension.startswith("money/"), cell


def test_ratio_sign_without_a_unit_after_it_is_left_alone():
    assert found("完成100万元/实际") == [(D(100), "万元", None)]
    assert found("计划3项/完成3项") == [(D(3), "项", None), (D(3), "项", None)]
    assert [q for _, q, _ in found("支出500元/户口")] == ["元"]  # 户口 is not the unit 户
    assert found("2021年/2022年") == []
    assert found("95%/年度") == [(D(95), "%", None)]


def test_bound_atoms_need_an_expression():
    assert found("2021年") == [] and found("截至9月") == []
    assert found("4次/年度") == [(D(4), "次", None)]  # 年度 is not the unit 年


def test_consistent_across_bases_with_the_same_root():
    assert consistent(parse_value("24次/年"), parse_value("2次/月"))
    assert not consistent(parse_value("24次/年"), parse_value("3次/月"))
    assert consistent(parse_value("3万亩"), parse_value("30000亩"))
    assert parse_value("3万亩").base == parse_value("30000亩").base == D(30000)


# ------------------------------------------------------------------ units stated in labels


@pytest.mark.parametrize(
    "label, unit, rest",
    [
        ("新建绿地面积(亩)", "亩", "新建绿地面积"),
        ("金额（万元）", "万元", "金额"),
        ("资金情况(万元)", "万元", "资金情况"),
        ("年度预算数(万元)", "万元", "年度预算数"),
        ("单位：元", "元", ""),
        ("单位: 万元", "万元", ""),
        ("计量单位：平方米", "平方米", ""),
        ("补贴标准（元/人·月）", "元/人·月", "补贴标准"),
        ("全年预算数（A）（万元）", "万元", "全年预算数(A)"),
        ("部门收支总表 单位：万元", "万元", "部门收支总表"),
        ("【单位：人民币元】", "元", ""),
        ("人次", "人次", ""),
        ("执行率(%)", "%", "执行率"),
    ],
)
def test_label_unit(label, unit, rest):
    got = label_unit(label)
    assert got is not None, label
    assert (got[0].name, got[1]) == (unit, rest)


@pytest.mark.parametrize("label", ["计量单位", "执行率(B/A)", "指标值(≥90%)", "2024年度", "（一）数量指标", "单位：万元、人",
                                   "预算数", ""])
def test_label_unit_none(label):
    assert label_unit(label) is None


def test_label_unit_applies_to_bare_numbers():
    unit, _ = label_unit("新建绿地面积(亩)")
    bare = parse_value("30000", default_unit=unit)
    assert (bare.unit, bare.base) == ("亩", D(30000))
    assert consistent(bare, parse_value("3万亩"))
    assert parse_value("3万亩", default_unit=unit).unit == "万亩"  # a cell's own unit wins
    assert with_default_unit(parse_value("1,200"), "元/户").dimension == "money/count"
    q = parse_value("1,234.56", default_unit=label_unit("金额（万元）")[0])
    assert (q.unit, q.base, q.tolerance) == ("万元", D("12345600"), D(50))


# ------------------------------------------------------------------ text values


@pytest.mark.parametrize(
    "text, reading",
    [
        ("完成", "met"), ("已完成", "met"), ("已 完 成。", "met"), ("按期完成", "met"), ("达标", "met"), ("合格", "met"),
        ("是", "met"), ("达到预期", "met"), ("达到预期目标", "met"), ("有效提升", "met"),
        ("未完成", "unmet"), ("未达标", "unmet"), ("部分完成", "unmet"), ("否", "unmet"), ("基本完成", "unmet"),
        ("未按期完成", "unmet"), ("延期", "unmet"),
        ("无", "none"), ("不适用", "none"), ("未发生", "none"), ("无投诉", "none"), ("零事故", "none"),
        ("", None), ("项目资金", None), ("无偿提供", None), ("95%", None), ("详见说明", None),
    ],
)
def test_text_value(text, reading):
    assert text_value(text) == reading


def test_text_verdict_delegates_and_keeps_its_contract():
    from extractor.extract.form_vocab import text_verdict

    assert text_verdict("已完成") == "met" and text_verdict("部分完成") == "unmet"
    assert text_verdict("無") is None and text_verdict("资金") is None  # 'none' is no verdict


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize(
    "text, op",
    [
        ("≤5%", "<="), ("不超过5%", "<="), ("不高于5%", "<="), ("5%以内", "<="), ("10个工作日之内", "<="), ("5%以下", "<="),
        ("最高500元", "<="), ("最多3次", "<="), ("上限为30万元", "<="), ("控制在5%以内", "<="), ("控制在 5 % 以内", "<="),
        ("5%（含）以下", "<="),
        ("≥90%", ">="), ("不低于90%", ">="), ("不少于3次", ">="), ("90%以上", ">="), ("最低60分", ">="), ("最少2次", ">="),
        ("至少5人", ">="), ("90%（含）以上", ">="),
    ],
)
def test_bounds_are_read(text, op):
    q = parse_value(text)
    assert q is not None and q.comparator == op, (text, q)
    (m,) = find_quantities(f"目标：{text}。")
    assert m.quantity.comparator == op


@pytest.mark.parametrize("text, op", [("≥", ">="), (" ≤ ", "<="), ("＝", "="), ("不低于", ">="), ("以内", "<="),
                                      ("最高", "<="), ("以上", ">="), ("正向", None), ("≥90%", None), ("", None)])
def test_comparator_of(text, op):
    assert comparator_of(text) == op


# ------------------------------------------------------------------ properties

_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")
_FW_CELL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
COMPOUND = ["元/户", "元/人·月", "元/人*月", "元/人/月", "万元/公里", "元/平方米", "人/班", "次/年", "倍", "‰", "人次",
            "万元/亩", "元/吨", "公斤/亩", "元/人次"]


def _fmt(d: Decimal, places: int, sep: bool) -> str:
    q = d.quantize(D(1).scaleb(-places))
    return f"{q:,f}" if sep else f"{q:f}"


@settings(max_examples=300, deadline=None)
@given(
    d=st.decimals(min_value=D("0"), max_value=D("99999999"), allow_nan=False, allow_infinity=False, places=2),
    places=st.integers(0, 3),
    sep=st.booleans(),
    unit=st.sampled_from(COMPOUND),
    fullwidth=st.booleans(),
    pdf_space=st.booleans(),
    wan=st.booleans(),
)
def test_compound_roundtrip_in_text(d, places, sep, unit, fullwidth, pdf_space, wan):
    """A figure with a compound unit, written the ways reports do, is read back exactly."""
    shown = d.quantize(D(1).scaleb(-places))
    num = _fmt(d, places, sep)
    if fullwidth:
        num = num.translate(_FW)
    scale = "万" if wan and not unit.startswith("万") and unit not in ("‰",) else ""
    s = num + (" " if pdf_space else "") + scale + unit  # pdfplumber puts a space between digits and CJK
    text = f"补助标准为{s}，较上年提高。"
    (m,) = find_quantities(text)
    q = m.quantity
    want = unit_info(scale + unit)
    assert want is not None
    assert (q.value, q.decimals, q.unit, q.dimension) == (shown, places, want.name, want.dimension), s
    assert q.base == shown * want.factor
    assert text[m.start:m.end] == q.raw == s
    if "/" in want.dimension:
        assert q.dimension != "money"


@settings(max_examples=200, deadline=None)
@given(
    d=st.decimals(min_value=D("0"), max_value=D("99999999"), allow_nan=False, allow_infinity=False, places=2),
    places=st.integers(0, 2),
    unit=st.sampled_from(COMPOUND),
    fullwidth=st.booleans(),
    spaced=st.booleans(),
)
def test_compound_roundtrip_in_cells(d, places, unit, fullwidth, spaced):
    shown = d.quantize(D(1).scaleb(-places))
    num = _fmt(d, places, True)
    if fullwidth:
        num = num.translate(_FW_CELL)
    u = " / ".join(unit.split("/")) if spaced else unit
    q = parse_value(f" {num} {u} ")
    assert q is not None, (num, u)
    assert (q.value, q.unit) == (shown, unit_info(unit).name)


@settings(max_examples=200, deadline=None)
@given(
    v=st.decimals(min_value=D("0"), max_value=D("9999"), allow_nan=False, allow_infinity=False, places=2),
    pair=st.sampled_from([("万元", "元"), ("万亩", "亩"), ("公里", "米"), ("万元/公里", "元/米"), ("周", "天"),
                          ("公斤/亩", "吨/亩"), ("‰", "%"), ("千元/人", "元/人")]),
)
def test_conversion_is_exact_and_reversible(v, pair):
    big, small = pair
    there = convert(v, big, small)
    assert there is not None and there == v * unit_info(big).factor / unit_info(small).factor
    assert convert(there, small, big) == v
    assert consistent(Quantity(v, big, "", 2, exact=True), Quantity(there, small, "", 2, exact=True))


def test_text_value_words():
    from extractor.quantities import text_value_words

    words = text_value_words(("met", "unmet"))
    assert "已完成" in words and "未完成" in words and "无" not in words
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert all(text_value(w) in ("met", "unmet") for w in words)
