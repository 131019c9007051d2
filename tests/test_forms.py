"""自评表 forms: recognition in DOCX/XLSX/PDF/text, column mapping by meaning, merged cells, split and
multiple forms, the FM checks on constructed samples and on the real corpus excerpts."""

import json

import pytest

from conftest import SAMPLES
from extractor import patterns
from extractor.checks import selected
from extractor.extract import form_vocab as V
from extractor.extract.forms import document_forms, is_form_table
from extractor.parsers import parse
from extractor.parsers.text import parse_text
from extractor.pipeline import analyse

FORMS = SAMPLES / "forms"
SAMPLE_FILES = sorted(p for p in FORMS.glob("*.*") if p.suffix in (".docx", ".xlsx", ".pdf"))


def _fm(path):
    return analyse(path, checks=selected(["FM"]))


# ------------------------------------------------------------------ vocabulary


HEADERS = patterns.load("headers")["examples"]


@pytest.mark.parametrize("text,role", sorted(HEADERS["form"].items()))
def test_form_header_examples(text, role):
    assert V.header_role(text) == role, text


@pytest.mark.parametrize("text,role", sorted(HEADERS["budget"].items()))
def test_budget_header_examples(text, role):
    from extractor.extract.budget_vocab import column_role

    assert column_role(text) == role, text


@pytest.mark.parametrize("text", HEADERS["none"])
def test_header_examples_none(text):
    from extractor.extract.budget_vocab import column_role

    assert V.header_role(text) is None and column_role(text) is None, text


def test_group_labels_and_weights():
    assert V.group_label("产 出 指 标 (50分)")[:3] == ("level1", "产出指标", 50)
    assert V.group_label("经济效益 指标")[:2] == ("level2", "经济效益指标")
    assert V.group_label("服务对象满意度指标等")[:2] == ("level2", "服务对象满意度指标")
    assert V.group_label("学生满意度") is None
    assert V.parent_of("生态效益指标") == "效益指标"


def test_traditional_folding():
    assert V.norm("年度資(zī)金總額") == "年度资金总额"


# ------------------------------------------------------------------ constructed samples


def test_samples_present():
    assert len(SAMPLE_FILES) >= 11, "run samples/make_forms.py"


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_expected_findings(path):
    exp = json.loads(path.with_name(path.name + ".expected.json").read_text("utf-8"))
    res = _fm(path)
    assert res.status == "ok", res.error
    doc = parse(path)
    assert len(document_forms(doc)) == exp["forms"]
    for e in exp["findings"]:
        hits = [f for f in res.findings if f.code == e["code"] and f.kind == e["kind"]
                and set(e["values"]) <= set(f.values)]
        assert hits, (e, [(f.code, f.values) for f in res.findings])
    errors = [f for f in res.findings if f.severity == "error"]
    if exp["no_error_level"]:
        assert not errors, [f.message for f in errors]
    # every finding quotes where it comes from
    for f in res.findings:
        assert f.evidence and all(ev.location and ev.quote for ev in f.evidence)


@pytest.mark.parametrize("name", ["clean_a.docx", "clean_a.xlsx", "clean_a.pdf", "split_a.docx", "split_a.pdf"])
def test_clean_form_read_completely(name):
    f = document_forms(parse(FORMS / name))[0]
    assert len(f.indicators) == 8 and all(r.reliable for r in f.indicators)
    # merged 一级/二级 cells reach every row they cover
    assert [r.level1 for r in f.indicators].count("满意度指标") == 2
    assert {r.level2 for r in f.indicators if r.level1 == "满意度指标"} == {"服务对象满意度指标"}
    assert f.total_weight.text == "100" and f.total_score.text == "97.55"
    assert f.total_row.values["rate.execution"].text == "95.50%"


def test_layout_b_columns_by_meaning():
    f = document_forms(parse(FORMS / "errors_b.docx"))[0]
    r = next(r for r in f.indicators if r.name == "新建道路里程")
    assert (r.weight.text, r.target.text, r.actual.text, r.score.text) == ("20", "≥10公里", "8公里", "20")


def test_form_figures_have_roles_and_meta():
    res = analyse(FORMS / "clean_a.docx", check=False)
    roles = {f.role for f in res.figures if dict(f.meta).get("form") == 1}
    assert {"score.weight", "score.value", "score.total", "indicator.target", "indicator.actual",
            "budget.initial", "budget.adjusted", "spend.actual", "rate.execution"} <= roles
    fig = next(f for f in res.figures if f.role == "indicator.actual" and f.label == "学员满意度")
    meta = dict(fig.meta)
    assert meta["level1"] == "满意度指标" and meta["level3"] == "学员满意度" and meta["comparator"] == ">="
    assert fig.location.table and fig.location.row


def test_is_form_table():
    doc = parse(FORMS / "clean_a.docx")
    assert all(is_form_table(t) for t in doc.tables())
    plain = parse_text("| 项目 | 预算数 | 决算数 |\n| 合计 | 100 | 90 |\n", "x.txt")
    assert not any(is_form_table(t) for t in plain.tables())


# ------------------------------------------------------------------ text flattening


def test_run_together_fund_row_is_cut_only_when_unambiguous():
    text = ("项目支出绩效自评表(2022年度)资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
            "年度资金总额:505010100.00%10其中:本年财政拨款5050其他资金绩效指标一级指标二级指标三级指标分值"
            "年度指标值全年实际值得分未完成原因产出指标(60分)效益指标(30分)总分100100")
    f = document_forms(parse_text(text, "x.txt"))[0]
    t = f.total_row
    assert t.aligned == "solved" and t.values["budget.adjusted"].text == "50"
    assert t.values["spend.actual"].text == "50" and f.total_weight.text == "100"


def test_run_together_amounts_are_cut_in_the_form_s_own_format():
    """100.00120.00108.50: cut as 100.001|20.00|108.50 the amounts would carry different decimals; a form
    prints its money columns alike, so the cut with two decimals everywhere is the reading."""
    text = ("项目支出绩效自评表(2023年度)资金情况(万元)年初预算数全年预算数全年执行数"
            "年度资金总额:100.00120.00108.50其中:本年财政拨款100.00120.00108.50其他资金"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标(50分)效益指标(30分)总分10099")
    t = document_forms(parse_text(text, "x.txt"))[0].total_row
    assert t.aligned == "solved"
    assert [t.values[k].text for k in ("budget.initial", "budget.adjusted", "spend.actual")] == \
        ["100.00", "120.00", "108.50"]


@pytest.mark.parametrize("text", patterns.load("forms")["examples"]["row_marker"])
def test_row_marker_examples(text):
    from extractor.extract.form_rows import marker_regex

    assert marker_regex().match(V.norm(text)), text


@pytest.mark.parametrize("text", patterns.load("forms")["examples"]["no_row_marker"])
def test_row_marker_counter_examples(text):
    from extractor.extract.form_rows import marker_regex

    assert not marker_regex().match(V.norm(text)), text


GLUED = ("某项目绩效目标自评表(2023年度)\n资金情况(万元)年度资金总额全年预算数(A)全年执行数(B)执行率(B/A)\n"
         "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标(40分)数量指标"
         "指标1发放树苗1060万株60万株10指标2自购树苗1030万株30万株10指标3苗圃面积1050亩\n48.5亩"
         "时效指标指标12022年12月31日前完成资金支付1012月底完成100%100%10成本指标指标1采购价格不高于市场价10是是10"
         "效益指标(40分)生态效益指标1成活率比上年提高102%2%10\n")


def test_run_together_indicator_rows_cut_by_constraints():
    f = document_forms(parse_text(GLUED, "x.txt"))[0]
    rows = {r.name: r for r in f.indicators}
    assert rows["发放树苗"].target.text == "60万株" and rows["发放树苗"].weight.text == "10"
    assert rows["自购树苗"].actual.text == "30万株" and rows["自购树苗"].score.text == "10"
    # 指标12022年…: the row number the sequence expects (1), then a name with a date that exists
    pay = rows["2022年12月31日前完成资金支付"]
    assert pay.target.text == "12月底完成100%" and pay.actual.text == "100%" and pay.level2 == "时效指标"
    assert rows["采购价格不高于市场价"].actual.text == "是"
    assert rows["成活率比上年提高"].level1 == "效益指标" and rows["成活率比上年提高"].target.text == "2%"
    # 苗圃面积1050亩48.5亩 has no score and no cut that fits: not checkable, never guessed
    assert "苗圃面积" not in " ".join(rows) and f.rows_incomplete
    assert any("苗圃面积" in raw for _, raw, _ in f.issues)


UNMARKED = ("某项目绩效目标自评表(2023年度)\n绩效指标一级指标二级指标三级指标年度指标值全年实际值分值得分"
            "未完成原因及改进措施产出指标(60分)数量指标修缮校舍面积≥800平方米760平方米2018"
            "配备图书册数≥5000册5200册2020质量指标设备验收合格率100%100%2020"
            "效益指标(30分)社会效益指标受益学生人数≥1200人1250人3030满意度指标(10分)家长满意度≥90%93%1010\n")


def test_rows_run_together_without_row_numbers_are_cut_where_one_reading_remains():
    f = document_forms(parse_text(UNMARKED, "x.txt"))[0]
    rows = {r.name: r for r in f.indicators}
    area = rows["修缮校舍面积"]
    assert (area.target.text, area.actual.text, area.weight.text, area.score.text) == \
        ("≥800平方米", "760平方米", "20", "18")
    assert rows["配备图书册数"].actual.text == "5200册" and rows["设备验收合格率"].level2 == "质量指标"
    assert rows["受益学生人数"].level1 == "效益指标" and rows["家长满意度"].score.text == "10"
    from extractor.checks import run_checks
    from extractor.extract import extract_figures

    doc = parse_text(UNMARKED, "x.txt")
    found = run_checks(doc, extract_figures(doc), checks=selected(["FM"]))
    short = [x for x in found if x.code == "FM020"]
    assert short and "760" in " ".join(short[0].values)  # 760 < 800: reported as in any other layout
    assert not [x for x in found if x.severity == "error" and x.code != "FM020"]


def test_unmarked_split_needs_a_unique_reading():
    from decimal import Decimal

    from extractor.extract.form_segments import split_unmarked

    slots = ["indicator.target", "indicator.actual", "score.weight", "score.value"]
    body = "修缮校舍面积≥800平方米760平方米2018配备图书册数≥5000册5200册2020"
    pieces = split_unmarked(body, slots, Decimal(60))
    assert [body[a:b] for a, b in pieces] == ["修缮校舍面积≥800平方米760平方米2018", "配备图书册数≥5000册5200册2020"]
    assert split_unmarked("修缮校舍面积≥800平方米760平方米2018", slots, Decimal(60)) is None  # one row
    # without a score column a row's end is not fixed by its digits: not cut
    assert split_unmarked(body, slots[:2], Decimal(60)) is None


def test_interleaved_indicator_header_then_rows():
    text = ("某县项目支出绩效自评表 (2022年度) 项目名称 某服务 一级 指标 — 年度 实际 指标值 完成值 "
            "指标1:建档人数 500人 二级指标 三级指标 分值 得分 480人 3 3 "
            "指标2:随访人数 200人 150人 2 1.5 指标3:宣传次数 12次 12次 2 2 指标4:体检人数 300人 240人 2 1.9\n")
    f = document_forms(parse_text(text, "x.txt"))[0]
    rows = {r.name: r for r in f.indicators}
    assert rows["指标2:随访人数"].actual.text == "150人" and rows["指标2:随访人数"].score.text == "1.5"
    assert rows["指标4:体检人数"].weight.text == "2"
    assert "指标1:建档人数" not in rows  # its cells are mixed with the header words: said, not guessed
    assert any("指标1:建档人数" in msg for msg, _, _ in f.issues)


def test_noise_is_not_checkable_not_error():
    text = ("项目支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 质量指标 | 合格率 | ≥90% | 290% | 10 | 10 |\n")
    doc = parse_text(text, "x.txt")
    from extractor.checks import run_checks
    from extractor.extract import extract_figures

    found = run_checks(doc, extract_figures(doc), checks=selected(["FM"]))
    assert not [f for f in found if f.severity == "error"]
    assert any(f.kind == "not_checkable" and "290%" in f.values for f in found)


def test_a_form_row_is_read_once_for_every_check():
    """The narrative checks leave the rows the form reader read: a flattened row is not also a target
    with no actual (IN040 "（未命名指标）") while the form checks read it as a target/actual pair."""
    cells = ["项目支出绩效自评表", "（2024年度）", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
             "得分", "产出指标", "数量指标", "培训人数", ">=4000人", "3900人", "50", "48",
             "效益指标", "社会效益指标", "就业人数", "≥300人", "320人", "40", "40",
             "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", "总分", "100", "98"]
    text = "\n".join(c + " |" for c in cells) + "\n"
    from extractor.checks import run_checks
    from extractor.extract import extract_figures
    from extractor.structure import assign_sections

    doc = assign_sections(parse_text(text, "x.txt"))
    found = run_checks(doc, extract_figures(doc))
    assert any(f.code == "FM020" and {">=4000人", "3900人"} <= set(f.values) for f in found)
    assert not [f for f in found if f.code.startswith("IN")], [f.message for f in found if f.code.startswith("IN")]


@pytest.mark.parametrize("text", patterns.load("forms")["instructions"]["examples"]["match"])
def test_instruction_examples_match(text):
    assert V.instruction_kind(text) is not None, text


@pytest.mark.parametrize("text", patterns.load("forms")["instructions"]["examples"]["no_match"])
def test_instruction_examples_no_match(text):
    assert V.instruction_kind(text) is None, text


@pytest.mark.parametrize("kind", ["proportional", "full_at", "per_step"])
def test_rate_rule_examples(kind):
    import re

    rules = patterns.load("forms")["rate_rules"]
    for text in rules["examples"][kind]:
        assert any(re.search(rx, V.norm(text)) for rx in rules[kind]), text


def _evaluation_form(level1=("决策", "过程", "产出", "效益", "满意度")) -> str:
    """A 2020-framework form (决策/过程/产出/效益) flattened as '|' rows, level-1 names given bare."""
    d, p, o, e, s = level1
    rows = ["项目支出绩效自评表", "（2024年度）",
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
            f"| {d} | 项目立项 | 立项依据充分性 | 充分 | 充分 | 10 | 10 |",
            f"| {p} | 资金管理 | 预算执行率 | — | 100% | 20 | 20 |",
            f"| {o} | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 40 | 40 |",
            f"| {e} | 社会效益指标 | 就业率 | ≥5% | 6% | 20 | 20 |",
            f"| {s} | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10 |",
            "| 总分 | 100 | 100 |"]
    return "\n\n".join(rows) + "\n"


@pytest.mark.parametrize("names", [("决策", "过程", "产出", "效益", "满意度"),
                                   ("决策指标", "过程指标", "产出指标", "效益指标", "满意度指标")])
def test_bare_level1_names_of_the_2020_framework(names):
    """产出 / 效益 / 满意度 written bare open their level-1 groups; a level-2 name of the evaluation
    framework (资金管理) is a group, not the first half of the indicator name after it."""
    (f,) = document_forms(parse_text(_evaluation_form(names), "x.txt"))
    got = {r.name: (r.level1, r.level2) for r in f.indicators}
    assert got == {"立项依据充分性": ("决策", "项目立项指标"), "预算执行率": ("过程", "资金管理指标"),
                   "培训人次": ("产出指标", "数量指标"), "就业率": ("效益指标", "社会效益指标"),
                   "学员满意度": ("满意度指标", "服务对象满意度指标")}
    assert not f.misplaced


def test_group_names_in_a_heading_are_not_a_form_row():
    from extractor.extract.forms import is_form_text

    assert not is_form_text("（一）产出指标完成情况分析")  # 产出 inside 产出指标: one group, not two
    assert is_form_text("产出指标 数量指标 培训人次")


def test_body_text_after_a_form_table_is_not_read_as_rows(tmp_path):
    """In a DOCX the sentences and headings after the form's table end its rows."""
    import docx

    d = docx.Document()
    d.add_paragraph("项目支出绩效自评表（2024年度）")
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次", "520人次"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%"]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.add_paragraph("经评价，项目申报内容与实际相符，申报目标合理可行。")
    d.add_paragraph("（三）项目自评步骤及方法")
    d.add_paragraph("围绕绩效目标设定评价指标体系，采用比较法进行评价。")
    path = tmp_path / "form.docx"
    d.save(path)
    (f,) = document_forms(parse(path))
    assert [r.name for r in f.indicators] == ["培训人次", "学员满意度"]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_level2_label_repeated_on_each_of_its_rows_is_the_group_not_a_row(sep):
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "修缮校舍面积", "≥3000平方米", "3100平方米", "20", "20"],
            ["", "数量指标", "购置课桌椅套数", "≥400套", "380套", "20", "20"],
            ["", "质量指标", "工程验收合格率", "100%", "100%", "20", "20"],
            ["效益指标", "社会效益指标", "受益学生人数", "≥1200人", "1250人", "20", "20"],
            ["", "社会效益指标", "家长满意度", "≥90%", "93%", "10", "10"],
            ["满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "95%", "10", "10"],
            ["总分", "", "", "", "", "100", "100"]]
    text = "项目支出绩效自评表\n（2024年度）\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    (f,) = document_forms(parse_text(text, "form.txt"))
    assert [r.name for r in f.indicators] == ["修缮校舍面积", "购置课桌椅套数", "工程验收合格率", "受益学生人数",
                                              "家长满意度", "学生满意度"]
    chairs = f.indicators[1]
    assert (chairs.level2, chairs.target.text, chairs.actual.text) == ("数量指标", "≥400套", "380套")
    found = analyse_text_findings(text)
    assert ("FM009", "380套") in {(x.code, v) for x in found for v in x.values}  # missed target, full score
    assert "FM041" in {x.code for x in found}  # 家长满意度 filed under 社会效益指标


def analyse_text_findings(text):
    from extractor.checks import run_checks
    from extractor.extract import extract_figures
    from extractor.structure import assign_sections

    doc = assign_sections(parse_text(text, "form.txt"))
    return run_checks(doc, extract_figures(doc))


def test_a_fund_block_one_space_apart_is_read_as_cells():
    """PDF text keeps a short table row as one line with single spaces between the cells."""
    text = ("项目支出绩效自评表\n（2024年度）\n"
            "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 300.00 300.00 285.00 10 95.00% 9.50\n"
            "其中：财政拨款 250.00 250.00 240.00 — — —\n"
            "其他资金 40.00 40.00 45.00 — — —\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    total = f.total_row
    assert {k: v.text for k, v in total.values.items()} == {
        "budget.initial": "300.00", "budget.adjusted": "300.00", "spend.actual": "285.00",
        "score.weight": "10", "rate.execution": "95.00%", "score.value": "9.50"}
    found = analyse_text_findings(text)
    assert any(x.code == "FM011" and {"300.00", "250.00", "40.00"} <= set(x.values) for x in found)  # 250 + 40 ≠ 300


def test_prose_with_spaces_is_not_cut_into_cells():
    from extractor.extract.form_tokens import _split_line

    line = "年初预算 1422.74 万元 执行 1400 万元"
    assert _split_line(line) == [line]
    assert _split_line("全年共开展 培训 12 期，参训 300 人") == ["全年共开展 培训 12 期，参训 300 人"]


@pytest.mark.parametrize("text,weight_first,want", [
    ("10099.67", True, ("100", "99.67")),
    ("99.67100", False, ("99.67", "100")),
    ("100100", True, ("100", "100")),
    ("99.67100", True, None),  # 99.67 then 100: a score above its weight, or 99.671 + 00: no reading
])
def test_a_run_together_total_is_cut_in_the_order_of_its_columns(text, weight_first, want):
    from extractor.extract.form_glue import split_total
    from extractor.extract.form_model import Val
    from extractor.model import Location

    got = split_total(Val(text, Location("x")), weight_first)
    assert (tuple(v.text for v in got) if got else None) == want


@pytest.mark.parametrize("ge,le", [("≥", "≤"), ("≧", "≦")])
def test_glued_rows_with_either_comparator_glyph_are_cut_alike(ge, le):
    text = ("项目支出绩效自评表（2024年度）一级指标二级指标三级指标年度指标值实际完成值分值得分"
            f"产出指标数量指标修缮农村道路长度{ge}12公里13公里3030新建桥梁数量{ge}3座3座2020"
            f"成本指标每公里修缮成本{le}20万元18万元2020满意度指标服务对象满意度指标村民满意度{ge}90%93%3030总分100100\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    assert [(r.name, r.target.text, r.actual.text) for r in f.indicators] == [
        ("修缮农村道路长度", f"{ge}12公里", "13公里"), ("新建桥梁数量", f"{ge}3座", "3座"),
        ("每公里修缮成本", f"{le}20万元", "18万元"), ("村民满意度", f"{ge}90%", "93%")]
    assert not [x for x in analyse_text_findings(text) if x.severity == "error"]


def test_glued_fund_rows_in_whole_amounts_are_cut_together_by_their_sums():
    """Whole-万元 amounts run together: each row alone has many cuts, the total's rate and the 其中 rows'
    sums leave one."""
    text = ("项目支出绩效自评表（2024年度）项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分"
            "年度资金总额4564564411096.71%9.67其中：本年财政拨款391391381上年结转资金656560其他资金"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标新建蓄水池数量≥20座20座4545"
            "满意度指标服务对象满意度指标村民满意度≥90%93%4545总分10099.67\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    got = {r.label: {k: v.text for k, v in r.values.items() if k in ("budget.initial", "budget.adjusted", "spend.actual")}
           for r in f.fund_rows if r.values}
    assert got == {"年度资金总额": {"budget.initial": "456", "budget.adjusted": "456", "spend.actual": "441"},
                   "本年财政拨款": {"budget.initial": "391", "budget.adjusted": "391", "spend.actual": "381"},
                   "上年结转资金": {"budget.initial": "65", "budget.adjusted": "65", "spend.actual": "60"}}


def test_glued_rows_with_word_comparators_are_not_read_into_one_name():
    text = ("项目支出绩效自评表（2024年度）一级指标二级指标三级指标年度指标值实际完成值分值得分"
            "产出指标数量指标修缮农村道路长度不低于12公里13公里3030新建桥梁数量3座以上3座2020"
            "满意度指标服务对象满意度指标村民满意度90%以上93%5050总分100100\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    assert len(f.indicators) == 3
    assert [r.weight.text for r in f.indicators] == ["30", "20", "50"]
    assert not [x for x in analyse_text_findings(text) if x.severity == "error"]


# A form copied from a document-sharing viewer: one paragraph per page, numbered 1、2、3、, the table's
# rows run together. Headers: without a 分值 column (a garbled or merged header cell), with one, and
# with bracketed notes (分) that stand apart from their words.
PAGES_HEADERS = {
    "no weight": "一级指标二级指标三级指标年度指标值(A)全年实际值(B)得分偏差原因分析及改进措施",
    "weight": "一级指标二级指标三级指标分值年度指标值(A)全年实际值(B)得分偏差原因分析及改进措施",
    "notes": "一级指标二级指标三级指标指标权重(分)年度指标值全年实际值指标得分(分)偏差原因分析及改进措施",
}
PAGES = ("1、某区项目支出绩效自评表(2023年度)项目名称社区服务中心运行经费主管部门某区民政局\n{header}"
         "产出指标(50分)数量指标服务社区数量1012个12个10开展文体活动场次10≥40场42场10\n"
         "2、质量指标设施安全检查合格率15100%100%15时效指标场馆维修完成时间152023年9月底前完成2023年9月底前完成12"
         "效益指标(30分)社会效益指标居民参与人次30≥3000人次3200人次30\n"
         "3、满意度指标(20分)服务对象满意度指标居民满意度20≥90%95%20\n")


def _pages(header: str) -> str:
    return PAGES.format(header=PAGES_HEADERS[header])


@pytest.mark.parametrize("header", sorted(PAGES_HEADERS))
def test_pages_of_a_run_together_form_are_read_as_one_table(header):
    """Later pages carry only group labels and rows: they continue the form and are cut like the first.
    Without a 分值 header the rows' own arithmetic places the column; with one, the same reading."""
    (f,) = document_forms(parse_text(_pages(header), "form.txt"))
    rows = {r.name: r for r in f.indicators}
    assert set(rows) == {"服务社区数量", "开展文体活动场次", "设施安全检查合格率", "场馆维修完成时间",
                         "居民参与人次", "居民满意度"}
    repair = rows["场馆维修完成时间"]
    assert (repair.target.text, repair.actual.text, repair.weight.text, repair.score.text) == \
        ("2023年9月底前完成", "2023年9月底前完成", "15", "12")
    assert rows["居民满意度"].level1 == "满意度指标" and rows["设施安全检查合格率"].level2 == "质量指标"
    assert f.kind == "self_assessment"
    assert bool(f.notes) == (header == "no weight")  # --explain says the column was inferred
    found = analyse_text_findings(_pages(header))
    docked = [x for x in found if x.code == "FM005"]
    assert len(docked) == 1 and "12" in docked[0].values
    assert not [x for x in found if x.severity == "error"]


def test_no_weight_column_is_inferred_where_the_header_s_own_columns_read_the_rows():
    """A 分值 column is inferred only when it lets more rows read one way only than the header does."""
    text = ("某区项目支出绩效自评表(2023年度)\n" + PAGES_HEADERS["no weight"] +
            "产出指标(50分)数量指标服务社区数量12个12个10开展文体活动场次≥40场42场10\n"
            "2、质量指标设施安全检查合格率100%100%15\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    assert not f.notes and all(r.weight is None for r in f.indicators)


def test_a_name_never_swallows_the_row_before_it():
    """Rows with a blank target (—) and a worded actual run together: of the cuts in which every piece
    reads as one row, the one with the most rows is taken (a name holding a whole row is no name)."""
    from decimal import Decimal

    from extractor.extract.form_segments import split_unmarked

    slots = ["score.weight", "indicator.target", "indicator.actual", "score.value"]
    body = "档案管理规范性5—档案齐全、分类清晰5内控制度执行情况5—严格执行内控制度4资金使用合规性5—合规5"
    pieces = split_unmarked(body, slots, Decimal(20))
    assert [body[a:b] for a, b in pieces] == ["档案管理规范性5—档案齐全、分类清晰5", "内控制度执行情况5—严格执行内控制度4",
                                             "资金使用合规性5—合规5"]


def test_a_group_label_with_one_misread_character_still_opens_its_group():
    """A scan misreads one character of a weighted group label: the bracketed weight marks it a label,
    and the one group name it is one character from says which (never a fund row or header word)."""
    text = ("项目支出绩效自评表（2023年度）一级指标二级指标三级指标分值年度指标值实际完成值得分"
            "产出指标(60分)数量指标维修路灯数量30≥200盏210盏30质量揩标(30分)路灯亮灯率30≥98%99%30"
            "满意度指标(40分)服务对象满意度指标居民满意度40≥90%92%40\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    rows = {r.name: r for r in f.indicators}
    assert rows["路灯亮灯率"].level2 == "质量指标" and rows["路灯亮灯率"].weight.text == "30"
    assert V.group_label_slip("项目支出(30分)") is None  # a fund row's words, one character from 项目产出
    assert V.group_label_slip("数量指标(10分)") is None  # no slip: the plain label reads as itself


def test_a_row_reads_like_its_column_even_where_its_own_error_would_read_better_otherwise():
    """Cells one space apart, the 调整指标值 left blank (collapsed): a row whose 得分 exceeds its 分值 could
    be read with the 分值 as the actual and no 分值 at all. It reads like the other rows, and FM001 says so."""
    head = "指标名称 计量单位 年初指标值 调整指标值 全年完成值 得分系数 指标权重 指标得分 是否核心指标"
    rows = ["开展巡查次数 次 ≥24次 26次 100.00% 20 20 是", "设备完好率 % ≥95% 97% 100.00% 30 30 否",
            "维修响应时长 小时 ≤24小时 20小时 104.55% 22 23 否", "群众满意度 % ≥90% 93% 100.00% 28 28 否"]
    text = "部门整体绩效自评表（2024年度）\n" + head + "\n" + "\n".join(rows) + "\n"
    (f,) = document_forms(parse_text(text, "form.txt"))
    slow = next(r for r in f.indicators if r.name == "维修响应时长")
    assert (slow.actual.text, slow.weight.text, slow.score.text) == ("20小时", "22", "23")
    found = analyse_text_findings(text)
    assert [x.values[:2] for x in found if x.code == "FM001"] == [["22", "23"]]
    assert not [x for x in found if x.code == "FM019"]  # 22 × 104.55% = 23.0: the coefficient agrees


def test_full_width_digits_run_together_in_a_fund_row_are_cut_like_ascii():
    text = ("项目支出绩效自评表（２０２４年度）项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分"
            "年度资金总额１２０１２０１１４１０９５．００％９．５其中：本年财政拨款１２０１２０１１４"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标新建蓄水池数量≥２０座２０座４５４５"
            "满意度指标服务对象满意度指标村民满意度≥９０％９３％４５４５总分１００９９．５\n")
    (f,) = document_forms(parse_text(text, "form.txt"))
    from extractor.quantities import normalize_digits

    total = f.total_row
    assert {k: normalize_digits(v.text) for k, v in total.values.items()
            if k in ("budget.adjusted", "spend.actual", "rate.execution")} \
        == {"budget.adjusted": "120", "spend.actual": "114", "rate.execution": "95.00%"}
    assert (normalize_digits(f.total_weight.text), normalize_digits(f.total_score.text)) == ("100", "99.5")
    assert not [x for x in analyse_text_findings(text) if x.severity == "error"]


def test_a_form_whose_run_together_rows_cannot_be_cut_is_reported_not_dropped():
    """A titled form whose rows are all run together past cutting is not checkable — said, not passed over."""
    text = ("1、部门整体绩效自评表\n指标名称计量单位指标性质年初指标值全年完成值指标权重指标得分"
            "开展巡查次数次定量指标24次2612212设备完好率%定量指标95%97%3030\n")
    found = analyse_text_findings(text)
    assert [x for x in found if x.code == "FM090" and "无法唯一拆分" in x.message]
