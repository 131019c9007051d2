"""A 自评表 whose header runs over two rows: 评分 spans 分值 | 得分 below it, while 年度指标值, 实际完成值
and 偏差原因 span both rows. The words under the caption name the columns; the caption does not make
两个得分列 (which left the form unreadable as a tie). Read from the model and from a rendered PDF."""

from __future__ import annotations

import pytest

from fixtures_pdf import render_pdf
from extractor.checks import run_checks
from extractor.extract import extract_figures
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers import parse
from extractor.structure import assign_sections

ROWS = [
    ["产出指标", "数量指标", "维修供水工程", "14处", "14处", "30", "30", ""],
    ["产出指标", "时效指标", "维修工程完工时间", "2021年10月31日", "{done}", "20", "20", ""],
    ["效益指标", "社会效益指标", "受益人口", "≥5000人", "5230人", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20", ""],
]


def _table(done: str) -> Table:
    loc = Location(source="form", table=1)
    cells = []

    def add(text, r, c, rs=1, cs=1):
        cells.append(Cell(text, r, c, loc.with_(row=r, col=c), rowspan=rs, colspan=cs))

    add("绩效指标", 1, 1, cs=3)
    add("年度指标值", 1, 4, rs=2)
    add("实际完成值", 1, 5, rs=2)
    add("评分", 1, 6, cs=2)
    add("偏差原因分析及改进措施", 1, 8, rs=2)
    for c, t in enumerate(["一级指标", "二级指标", "三级指标"], 1):
        add(t, 2, c)
    add("分值", 2, 6)
    add("得分", 2, 7)
    for r, row in enumerate(ROWS, 3):
        for c, t in enumerate(row, 1):
            if t:
                add(t.format(done=done), r, c)
    return Table(cells, loc)


def _doc(tmp_path, render: str, done: str) -> Document:
    blocks = [Paragraph("2021年度项目支出绩效自评表", Location(source="form", paragraph=1)), _table(done)]
    if render == "model":
        return Document("form", "docx", blocks)
    return parse(render_pdf(tmp_path / "form.pdf", blocks, landscape=True))


def _errors(doc) -> list:
    doc = assign_sections(doc)
    return [f for f in run_checks(doc, extract_figures(doc)) if f.severity == "error" or f.code == "FM090"]


@pytest.mark.parametrize("render", ["model", "pdf"])
def test_a_missed_completion_date_with_full_marks_is_found(tmp_path, render):
    found = _errors(_doc(tmp_path, render, "2021年12月10日"))
    assert [f.code for f in found if f.code != "FM090" or "总分" not in f.message] == ["FM009"]


@pytest.mark.parametrize("render", ["model", "pdf"])
def test_on_time_is_clean(tmp_path, render):
    found = _errors(_doc(tmp_path, render, "2021年10月20日"))
    assert [f.code for f in found if f.code != "FM090" or "总分" not in f.message] == []
