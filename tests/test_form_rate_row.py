"""预算执行率 scored as an indicator row (一级 预算执行 / 资金管理), placed right under the indicator header:
its label cells are header-like words (预算执行, 预算执行率) but on a data row they are the row's names, so
the form is read completely in every format, and a wrong score or Σ分值 on that row is still found."""

import pytest

from extractor.checks import run_checks, selected
from extractor.extract import extract_figures
from extractor.extract.forms import document_forms
from extractor.parsers import parse
from extractor.structure import assign_sections

HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
NAMES = ["预算执行率", "培训人次", "培训合格率", "就业率", "学员满意度"]


def _rows(rate_row: list[str], total: str = "98.6") -> list[list[str]]:
    return [["项目支出绩效自评表"], ["（2024年度）"],
            ["项目名称", "职业技能培训", "", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", ""],
            ["", "年度资金总额", "50.00", "50.00", "43.00", "86.00%", ""],
            ["", "其中：财政拨款", "50.00", "50.00", "43.00", "86.00%", ""],
            HEADER,
            ["", *rate_row],
            ["", "产出指标", "数量指标", "培训人次", "≥500人次", "520人次", "30", "30", ""],
            ["", "", "质量指标", "培训合格率", "≥90%", "93%", "20", "20", ""],
            ["", "效益指标", "社会效益指标", "就业率", "≥60%", "65%", "20", "20", ""],
            ["", "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "20", "20", ""],
            ["总分", "", "", "", "", "", "100", total]]


CLEAN = ["预算执行", "预算执行率", "预算执行率", "100%", "86%", "10", "8.6", "部分培训费用按实结算"]


def _write(tmp_path, fmt: str, rows: list[list[str]]):
    path = tmp_path / f"form.{fmt}"
    if fmt == "txt":
        path.write_text("\n".join("|".join(r) for r in rows) + "\n", encoding="utf-8")
    elif fmt == "docx":
        import docx

        d = docx.Document()
        for r in rows[:2]:
            d.add_paragraph(r[0])
        body = rows[2:]
        width = max(map(len, body))
        t = d.add_table(rows=len(body), cols=width)
        for i, r in enumerate(body):
            for j, v in enumerate(r):
                t.cell(i, j).text = v
        d.save(path)
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        for r in rows:
            ws.append(r)
        wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_rate_row_first_under_the_indicator_header_is_read(tmp_path, fmt):
    (f,) = document_forms(parse(_write(tmp_path, fmt, _rows(CLEAN))))
    assert [r.name for r in f.indicators] == NAMES
    rate = f.indicators[0]
    assert (rate.target.text, rate.actual.text, rate.weight.text, rate.score.text) == ("100%", "86%", "10", "8.6")
    assert all(r.reliable for r in f.indicators)
    assert not [b for b in f.blocks if b.kind == "fund" and f.blocks.index(b) > 0]  # no second fund block
    doc = assign_sections(parse(_write(tmp_path, fmt, _rows(CLEAN))))
    found = run_checks(doc, extract_figures(doc), checks=selected(["FM"]))
    assert not found, [(x.code, x.message) for x in found]


@pytest.mark.parametrize("first", [["资金管理", "预算执行率"], ["", "预算执行率"]])
def test_rate_row_under_other_group_labels(tmp_path, first):
    row = [*first, "预算执行率", "100%", "86%", "10", "8.6", "部分培训费用按实结算"]
    (f,) = document_forms(parse(_write(tmp_path, "txt", _rows(row))))
    assert [r.name for r in f.indicators] == NAMES
    assert f.indicators[0].score.text == "8.6"


def _codes(tmp_path, fmt, rows):
    doc = assign_sections(parse(_write(tmp_path, fmt, rows)))
    return [(x.code, x.values) for x in run_checks(doc, extract_figures(doc), checks=selected(["FM"]))]


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_rate_row_full_marks_below_target_still_found(tmp_path, fmt):
    row = [*CLEAN[:6], "10", CLEAN[7]]
    found = _codes(tmp_path, fmt, _rows(row, total="100"))
    assert any(code == "FM009" and "86%" in " ".join(map(str, v)) for code, v in found), found


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_rate_row_weight_off_the_total_still_found(tmp_path, fmt):
    row = [*CLEAN[:5], "15", *CLEAN[6:]]
    found = _codes(tmp_path, fmt, _rows(row))
    assert any(code == "FM002" for code, _ in found), found


def _score_rows(actual: str, score: str, total: str) -> list[list[str]]:
    rows = _rows(CLEAN, total)
    rows[-2] = ["", "满意度指标", "服务对象满意度指标", "群众满意度测评得分", "≥90分", actual, "20", score, ""]
    return rows


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_indicator_measured_in_points_is_read(tmp_path, fmt):
    """An indicator that is itself a score (满意度测评得分 ≥90分 / 93.6分): its figures in 分 are its
    target and actual, and the 实际完成值 column holding one such cell is still read."""
    (f,) = document_forms(parse(_write(tmp_path, fmt, _score_rows("93.6分", "20", "98.6"))))
    rows = {r.name: r for r in f.indicators}
    r = rows["群众满意度测评得分"]
    assert (r.target.text, r.actual.text, r.weight.text, r.score.text) == ("≥90分", "93.6分", "20", "20")
    assert rows["培训人次"].actual.text == "520人次"
    assert not _codes(tmp_path, fmt, _score_rows("93.6分", "20", "98.6"))


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_indicator_in_points_below_target_with_full_marks_found(tmp_path, fmt):
    found = _codes(tmp_path, fmt, _score_rows("85.2分", "20", "98.6"))
    assert any(code == "FM009" and "85.2分" in v for code, v in found), found
