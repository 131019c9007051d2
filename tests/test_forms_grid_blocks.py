"""Fund blocks read by their grid (DOCX): the same constructed forms as the flat-text YAML cases,
built as Word tables, so the column positions decide (a table above the fund block, 其中 rows)."""

import docx
import pytest

from extractor.checks import selected
from extractor.pipeline import analyse

TASKS_ABOVE = """部门整体支出绩效自评表
（2022年度）
部门（单位）名称|县退役军人事务局
年度主要任务|任务名称|主要内容|预算金额（万元）|执行数（万元）
|优抚对象抚恤补助|按时足额发放各类优抚对象抚恤和生活补助|1860.00|1860.00
|退役军人就业创业|组织退役军人技能培训和就业招聘活动|215.00|207.80
|金额合计||2075.00|2067.80
年度预算执行情况（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分
|年度资金总额|2040.00|2075.00|2067.80|10|99.65%|9.97
{components}绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施
|产出指标|数量指标|优抚对象抚恤补助发放人数|≥3200人|3268人|50|50|
|效益指标|社会效益指标|退役军人就业率|≥90%|92%|30|30|
|满意度指标|服务对象满意度指标|优抚对象满意度|≥95%|97%|10|10|
总分||||||100|99.97|
"""


def write_docx(text: str, path):
    """Lines with | become rows of one Word table (a run of such lines, one table); others paragraphs."""
    d = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(map(len, rows))
            t = d.add_table(rows=len(rows), cols=width)
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
            rows.clear()

    for line in text.splitlines():
        if "|" in line:
            rows.append(line.split("|"))
        else:
            flush()
            if line.strip():
                d.add_paragraph(line)
    flush()
    d.save(path)
    return path


def _codes(text, tmp_path, name="form.docx"):
    res = analyse(write_docx(text, tmp_path / name), checks=selected(["FM"]))
    return [(f.code, f.severity, f.message) for f in res.findings]


def test_task_table_rows_are_not_the_fund_totals_components(tmp_path):
    found = _codes(TASKS_ABOVE.format(components=""), tmp_path)
    assert not [f for f in found if f[1] == "error"], found


def test_fund_block_own_components_still_checked_below_a_task_table(tmp_path):
    comps = "|其中：财政拨款|1800.00|1835.00|1830.00||99.73%|\n|上年结转资金|200.00|200.00|197.80||98.90%|\n"
    found = _codes(TASKS_ABOVE.format(components=comps), tmp_path)
    assert [c for c, s, _ in found if s == "error"] == ["FM011"], found


COST_LEVEL1 = """项目支出绩效自评表
（2023年度）
项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分
|年度资金总额|2400.00|2400.00|2376.00|10|99.00%|9.90
|其中：当年财政拨款|2400.00|2400.00|2376.00|—|99.00%|—
绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施
|产出指标|数量指标|新建污水管网长度|≥18公里|18.4公里|40|40|
|{cost}|经济成本指标|项目总投资|≤2400万元|2376万元|10|10|
||社会成本指标|施工期间交通影响|可控|可控|10|10|
|效益指标|生态效益指标|城市生活污水集中收集率|≥70%|72.5%|20|20|
|满意度指标|服务对象满意度指标|周边居民满意度|≥90%|91%|10|10|
总分||||||100|99.90|
"""


def test_level1_cost_group_in_a_grid_is_not_filed_under_output(tmp_path):
    found = _codes(COST_LEVEL1.format(cost="成本指标"), tmp_path)
    assert not [f for f in found if f[0] == "FM040"], found


def test_cost_level2_without_its_level1_label_is_still_misplaced(tmp_path):
    found = _codes(COST_LEVEL1.format(cost=""), tmp_path)
    assert len([f for f in found if f[0] == "FM040"]) == 2, found


SHIFTED = """项目支出绩效自评表
（2023年度）
项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分
年度资金总额|50.00|50.00|50.00|10|100.00%|10
绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施
|产出指标|数量指标|维修水渠长度|≥12公里|12.5公里|40|40|
{rows}|满意度指标|服务对象满意度指标|农户满意度|≥90%|93%|10|10|
总分||||||100|100|
"""


def test_row_with_cells_left_out_is_not_summed(tmp_path):
    """Rows typed without their blank 一级 cell shift every cell one column left: figures land under
    the name headers. The sums over the rows cannot be trusted (FM090), never a false FM002/FM003."""
    shifted = "质量指标|工程验收合格率|≥95%|100%|20|20|\n社会效益指标|受益农户数|≥300户|320户|20|20|\n"
    found = _codes(SHIFTED.format(rows=shifted), tmp_path)
    assert not [f for f in found if f[1] == "error"], found
    assert any(c == "FM090" and "名称列" in m for c, _, m in found), found
    aligned = "|产出指标|质量指标|工程验收合格率|≥95%|100%|20|20|\n|效益指标|社会效益指标|受益农户数|≥300户|320户|30|30|\n"
    found = _codes(SHIFTED.format(rows=aligned), tmp_path, "aligned.docx")
    assert any(c == "FM002" for c, _, _ in found), found  # 40 + 20 + 30 + 10 + 10 = 110: still caught
