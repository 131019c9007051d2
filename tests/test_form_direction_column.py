"""A form with both 指标性质 (定量/定性) and 指标方向 (≥/≤/=) columns: both name the comparator role; the
solver reads one of them (the comparators) instead of finding no reading at all, in every format."""

from __future__ import annotations

import pytest

from fixtures_pdf import render_pdf
from extractor.checks import run_checks
from extractor.extract import extract_figures
from extractor.parsers import parse
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections

FORM = """项目支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 度量单位 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 新建灌溉渠道 | 定量 | ≥ | 公里 | 38 | 38.6 | 30 | 30 | |
| 产出指标 | 质量指标 | 工程验收合格率 | 定量 | = | % | 100 | 100 | 20 | 20 | |
| 产出指标 | 时效指标 | 项目完工时间 | 定性 | — | — | 2023年12月31日前 | 2023年12月25日 | 10 | 10 | |
| 产出指标 | 成本指标 | 每公里建设成本 | 定量 | ≤ | 万元/公里 | 30 | {cost} | 10 | 10 | |
| 效益指标 | 社会效益指标 | 受益农户数 | 定量 | ≥ | 户 | 2600 | 2712 | 20 | 20 | |
| 满意度指标 | 服务对象满意度指标 | 受益农户满意度 | 定量 | ≥ | % | 90 | 95.2 | 10 | 10 | |
| 总分 | | | | | | | | 100 | 100 | |
"""


def _findings(tmp_path, render, cost):
    src = parse_text(FORM.format(cost=cost), "form.txt")
    doc = src if render == "text" else parse(render_pdf(tmp_path / "form.pdf", src.blocks, landscape=True))
    doc = assign_sections(doc)
    return [f for f in run_checks(doc, extract_figures(doc)) if f.severity in ("error", "warning")]


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_an_exceeded_upper_bound_with_full_marks_is_found(tmp_path, render):
    found = _findings(tmp_path, render, "31.86")
    assert [(f.code, f.severity) for f in found] == [("FM009", "error")]
    assert "31.86" in found[0].message


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_the_same_form_within_its_bound_is_clean(tmp_path, render):
    assert _findings(tmp_path, render, "29.40") == []
