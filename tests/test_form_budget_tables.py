"""A narrative report's budget tables (年初预算数 | 预算调整数 | 调整后预算数 | 执行数 | 执行率 with rows 基本支出,
人员经费 …; a 三公 table 2023年决算数 | 2022年决算数 | 同比增减) are not 自评表 forms: no FM finding, the
budget checks keep them. Real forms with the same money headers stay forms."""

import docx

from extractor.extract.form_tokens import is_budget_table
from extractor.extract.forms import document_forms
from extractor.parsers import parse
from extractor.parsers.text import parse_text
from extractor.pipeline import analyse

HEAD = ["项目", "年初预算数", "预算调整数", "调整后预算数", "执行数", "执行率"]
# an ordinary 预算执行明细表 (元): rows of 基本支出 / 项目支出 with their subtotals, internally consistent
BUDGET = [HEAD,
          ["工资福利支出", "8,126,540.00", "312,600.00", "8,439,140.00", "8,439,140.00", "100.00%"],
          ["商品和服务支出", "1,245,000.00", "-86,200.00", "1,158,800.00", "1,102,356.72", "95.13%"],
          ["对个人和家庭的补助", "386,000.00", "0.00", "386,000.00", "371,284.50", "96.19%"],
          ["基本支出小计", "9,757,540.00", "226,400.00", "9,983,940.00", "9,912,781.22", "99.29%"],
          ["社区运转经费", "1,650,000.00", "0.00", "1,650,000.00", "1,650,000.00", "100.00%"],
          ["城市精细化管理经费", "2,300,000.00", "480,000.00", "2,780,000.00", "2,696,418.30", "96.99%"],
          ["民生实事项目资金", "1,200,000.00", "350,000.00", "1,550,000.00", "1,486,250.00", "95.89%"],
          ["项目支出小计", "5,150,000.00", "830,000.00", "5,980,000.00", "5,832,668.30", "97.54%"],
          ["合计", "14,907,540.00", "1,056,400.00", "15,963,940.00", "15,745,449.52", "98.63%"]]
SANGONG = [["项目", "2023年决算数", "2022年决算数", "同比增减", "增减率"],
           ["公务接待费", "31,250.00", "42,680.00", "-11,430.00", "-26.78%"],
           ["公务用车运行维护费", "146,820.50", "158,300.00", "-11,479.50", "-7.25%"],
           ["因公出国（境）费", "0.00", "0.00", "0.00", "—"],
           ["合计", "178,070.50", "200,980.00", "-22,909.50", "-11.40%"]]
FORM = [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"],
        ["其中：本年财政拨款", "80", "80", "75", "", "", ""],
        ["上年结转资金", "20", "20", "20", "", "", ""]]
INDICATORS = [["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
              ["产出指标", "数量指标", "培训人次", "≥500人次", "520人次", "50", "50"],
              ["效益指标", "社会效益指标", "就业率", "≥5%", "6%", "30", "30"],
              ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10"],
              ["总分", "", "", "", "", "100", "99.5"]]


def _docx(tmp_path, *parts, name="r.docx"):
    d = docx.Document()
    for p in parts:
        if isinstance(p, str):
            d.add_paragraph(p)
            continue
        t = d.add_table(rows=len(p), cols=max(map(len, p)))
        for i, row in enumerate(p):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    path = tmp_path / name
    d.save(path)
    return path


def _codes(path, prefix):
    return sorted(f.code for f in analyse(path).findings if f.code.startswith(prefix))


def _text(rows):
    return "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def test_plain_budget_execution_table_is_no_form(tmp_path):
    path = _docx(tmp_path, "某街道办事处2023年度部门整体支出绩效自评报告", "二、预算执行情况",
                 "表1  2023年度预算执行明细表（单位：元）", BUDGET,
                 "2023年度调整后预算1,596.39万元，实际支出1,574.54万元，执行率98.63%。")
    doc = parse(path)
    assert all(is_budget_table(t) for t in doc.tables())
    assert document_forms(doc) == []
    assert _codes(path, "FM") == [] and _codes(path, "BG") == []


def test_budget_table_error_still_found_and_no_form(tmp_path):
    """The budget checks keep the table: a wrong 合计 is still a BG001, and still no FM finding."""
    rows = [r[:] for r in BUDGET]
    rows[-1][4] = "15,845,449.52"  # 合计 执行数 off by 100,000
    rows[-1][5] = "99.26%"
    path = _docx(tmp_path, "二、预算执行情况", "表1  预算执行明细表（单位：元）", rows)
    assert _codes(path, "FM") == []
    assert "BG001" in _codes(path, "BG")


def test_budget_table_then_sangong_table_is_no_form(tmp_path):
    path = _docx(tmp_path, "二、预算执行情况", "表1  2023年度预算执行情况表（单位：元）", BUDGET,
                 "三、“三公”经费支出情况", "表2  “三公”经费支出情况表（单位：元）", SANGONG,
                 "四、绩效目标完成情况", "（一）产出指标。全年资助家庭经济困难学生9,863人次。",
                 "（二）效益指标。义务教育巩固率达到99.1%。")
    assert document_forms(parse(path)) == []
    assert _codes(path, "FM") == []


def test_sangong_table_after_a_real_form_is_not_absorbed(tmp_path):
    path = _docx(tmp_path, "项目支出绩效自评表（2023年度）", FORM, INDICATORS,
                 "表2  “三公”经费支出情况表（单位：元）", SANGONG)
    (f,) = document_forms(parse(path))
    assert [r.name for r in f.indicators] == ["培训人次", "就业率", "学员满意度"]
    assert (f.total_weight.text, f.total_score.text) == ("100", "99.5")
    assert [r.label for r in f.fund_rows] == ["年度资金总额", "本年财政拨款", "上年结转资金"]
    assert _codes(path, "FM") == []


def test_sangong_table_after_a_fund_block_only_form_is_not_absorbed(tmp_path):
    """A form without its closing 总分 row is still open when the 三公 table comes: the table's 合计 is
    not the form's 总分 (FM001 on 178,070.50 vs 200,980.00), its rows are not the form's."""
    path = _docx(tmp_path, FORM, "表2  “三公”经费支出情况表（单位：元）", SANGONG)
    (f,) = document_forms(parse(path))
    assert f.total_weight is None and f.total_score is None and not f.indicators
    assert [r.label for r in f.fund_rows] == ["年度资金总额", "本年财政拨款", "上年结转资金"]
    assert _codes(path, "FM") == []


def test_real_form_with_budget_headers_and_total_row_is_a_form(tmp_path):
    """The same money headers with a 年度资金总额 row (no title, fund block only) are a form's fund block:
    its components are checked (FM011 fires on a wrong sum)."""
    rows = [HEAD, ["年度资金总额", "1,000.00", "50.00", "1,050.00", "1,000.00", "95.24%"],
            ["其中：财政拨款", "800.00", "50.00", "850.00", "800.00", "94.12%"],
            ["其他资金", "150.00", "0.00", "150.00", "150.00", "100.00%"]]  # 800 + 150 ≠ 1,000
    path = _docx(tmp_path, "附表", rows)
    (f,) = document_forms(parse(path))
    assert f.total_row is not None and f.total_row.named
    assert "FM011" in _codes(path, "FM")
    doc = parse_text(_text(rows), "x.txt")
    assert not any(is_budget_table(t) for t in doc.tables())
    assert [r.label for r in document_forms(doc)[0].fund_rows] == ["年度资金总额", "财政拨款", "其他资金"]


def test_plain_fund_table_right_under_a_form_title_is_read(tmp_path):
    """A form whose fund block has plain labels (市级资金, 县级资金) and no score columns: the table right
    under the form's title is its fund block."""
    fund = [["资金来源", "预算数", "执行数", "执行率"], ["市级资金", "60", "60", "100%"],
            ["县级资金", "40", "38", "95%"]]
    path = _docx(tmp_path, "项目支出绩效自评表", "（2023年度）", fund, INDICATORS)
    (f,) = document_forms(parse(path))
    assert [r.label for r in f.fund_rows][-2:] == ["市级资金", "县级资金"]
    assert len(f.indicators) == 3


def test_budget_tables_as_text_are_no_form():
    text = ("二、预算执行情况\n" + _text(BUDGET) + "三、“三公”经费支出情况\n" + _text(SANGONG))
    assert document_forms(parse_text(text, "x.txt")) == []
    # flattened one cell a line (as a PDF's text layer gives it): no table, the reader opens a fund
    # block, but nothing in it is a form's, so it is no form
    flat = "\n".join(c for r in BUDGET + SANGONG for c in r)
    assert document_forms(parse_text(flat, "y.txt")) == []
    real = "\n".join(c for r in FORM + INDICATORS for c in r)
    (f,) = document_forms(parse_text(real, "z.txt"))
    assert len(f.indicators) == 3 and f.total_row is not None
