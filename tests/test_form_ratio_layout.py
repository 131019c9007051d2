"""A 重庆-style 自评表 (年初/调整指标值, 得分系数, 指标权重, 指标得分) as text and as a landscape PDF: the
values row under a merged 项目资金 caption is the fund total, 评价得分 closes the table, and the note under
it (注：1.得分系数=…) explains the columns instead of being cut into a row. Same findings either way."""

from __future__ import annotations

import pytest

from fixtures_pdf import render_pdf
from extractor.checks import run_checks
from extractor.extract import extract_figures
from extractor.parsers import parse
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections

FORM = """某区2024年度项目支出绩效自评表
| 项目名称 | 街巷整治项目 | | |
| 项目资金（万元） | 年初预算数 | 调整预算数 | 全年预算数 | 全年执行数 | 执行率 |
| | 1,520.00 | {adj} | 1,765.00 | 1,702.38 | 96.45% |
| 一级指标 | 二级指标 | 三级指标 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数 | 指标权重 | 指标得分 | 未完成原因和改进措施 |
| 产出指标 | 数量指标 | 整治街巷条数 | 120条 | 135条 | 135条 | 1.00 | 30 | 30 | |
| 产出指标 | 数量指标 | 立面整治面积 | 8.6万平方米 | — | 7.9万平方米 | 0.92 | 20 | {score} | 产权人未同意整治方案 |
| 效益指标 | 社会效益指标 | 出行环境 | 明显改善 | — | 明显改善 | 1.00 | 30 | 30 | |
| 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% | — | 94.1% | 1.00 | 20 | 20 | |
| 评价得分 | | | | | | | 100 | {total} | |
注：1.得分系数=全年完成值/指标值（有调整的以调整指标值为准，最高为1），定性指标按完成程度确定；2.指标得分=指标权重×得分系数。
"""

CLEAN = dict(adj="245.00", score="18.4", total="98.4")
BROKEN = dict(adj="236.00", score="19.4", total="96.4")  # 年初+调整≠全年; 20×0.92≠19.4; Σ得分 99.4≠96.4


def _codes(doc) -> set[str]:
    doc = assign_sections(doc)
    return {f.code for f in run_checks(doc, extract_figures(doc)) if f.severity == "error"}


def _pdf(tmp_path, text: str):
    src = parse_text(text, "form.txt")
    path = render_pdf(tmp_path / "form.pdf", src.blocks, landscape=True)
    return parse(path)


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_broken_form_gives_its_three_errors(tmp_path, render):
    text = FORM.format(**BROKEN)
    doc = parse_text(text, "form.txt") if render == "text" else _pdf(tmp_path, text)
    assert {"FM015", "FM019", "FM003"} <= _codes(doc)


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_clean_form_gives_none(tmp_path, render):
    text = FORM.format(**CLEAN)
    doc = parse_text(text, "form.txt") if render == "text" else _pdf(tmp_path, text)
    assert _codes(doc) == set()


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_note_right_after_the_rows_is_no_row(tmp_path, render):
    """With a closing row not known as the total the note follows indicator rows: its column words (得分系数, 调整指标值,
    指标权重…) must not be read as a header between data rows, which would leave every row unchecked."""
    text = FORM.format(**BROKEN).replace("| 评价得分 |", "| 评定结果 |")  # a closing row read as a row
    doc = parse_text(text, "form.txt") if render == "text" else _pdf(tmp_path, text)
    assert {"FM015", "FM019"} <= _codes(doc)


def test_a_note_paragraph_is_never_cut_as_a_run_together_row():
    from extractor.extract.form_tokens import tokens

    note = FORM.splitlines()[-1]
    toks = tokens(parse_text(note, "note.txt"))
    assert toks and not any(t.glued for t in toks)
    body = note.replace("注：1.", "")  # the same words without the note opener read as a glued form row
    assert any(t.glued for t in tokens(parse_text(body, "row.txt")))
