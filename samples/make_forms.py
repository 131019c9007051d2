"""Constructed 自评表 forms in DOCX, XLSX and PDF, with their expected FM findings.

    python samples/make_forms.py            # writes samples/forms/*.{docx,xlsx,pdf} + *.expected.json

Two layouts with different column orders (A: 指标性质/指标值/度量单位/实际完成值/分值/得分; B: 分值/年度
指标值/全年实际值/得分), merged 一级/二级 cells, a form split across two tables (pages), several forms
in one file. `clean_*` forms must give no error-level finding; `errors_*` forms carry one instance of
each FM check (see EXPECTED_ERRORS). All figures here are invented.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "forms"
sys.path.insert(0, str(HERE.parent))

from extractor.model import Cell, Location, Table  # noqa: E402


def _table(rows: list[list], width: int) -> Table:
    """Rows of texts; '^' = merged with the cell above, '<' = merged with the cell to the left."""
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    cells: list[Cell] = []
    anchor: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(grid, 1):
        for c, t in enumerate(row, 1):
            if t == "^":
                a = anchor[(r - 1, c)]
                a.rowspan = r - a.row + 1
                anchor[(r, c)] = a
            elif t == "<":
                a = anchor[(r, c - 1)]
                a.colspan = c - a.col + 1
                anchor[(r, c)] = a
            else:
                cell = Cell(text=str(t), row=r, col=c, location=Location(row=r, col=c))
                cells.append(cell)
                anchor[(r, c)] = cell
    return Table(cells=cells, location=Location())


W_A = 11  # layout A: 绩效指标 | 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差


def form_a(title: str, year: str, split: bool = False) -> list:
    """A clean form in layout A. With split=True it comes as two tables (the second without header)."""
    head = [
        [title, "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
        [f"（{year}年度）", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
        ["项目名称", "职业技能培训补助", "<", "<", "主管部门", "人社局", "<", "实施单位", "就业服务中心", "<", "<"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", "", ""],
        ["^", "年度资金总额", "100.00", "100.00", "95.50", "10", "95.50%", "9.55", "", "", ""],
        ["^", "其中：本年财政拨款", "80.00", "80.00", "75.50", "", "", "", "", "", ""],
        ["^", "上年结转资金", "20.00", "20.00", "20.00", "", "", "", "", "", ""],
        ["^", "其他资金", "", "", "", "", "", "", "", "", ""],
        ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<", "<", "<"],
        ["^", "完成 500 人次职业技能培训", "<", "<", "<", "完成 520 人次培训，1 项指标未达标", "<", "<", "<", "<", "<"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    part1 = [
        ["^", "产出指标", "数量指标", "培训人次", "≥", "500", "人次", "520", "20", "20", ""],
        ["^", "^", "质量指标", "培训合格率", "≥", "90", "%", "95%", "10", "10", ""],
        ["^", "^", "时效指标", "按时完成率", "=", "100", "%", "100%", "10", "10", ""],
        ["^", "^", "成本指标", "人均培训成本", "≤", "300", "元", "280", "10", "10", ""],
    ]
    part2 = [
        ["绩效指标", "效益指标", "社会效益指标", "就业率提升", "≥", "5", "%", "4%", "10", "8", "受市场影响未达标，下年加强跟踪"],
        ["^", "^", "可持续影响指标", "培训长效机制", "", "建立", "", "已建立", "10", "10", ""],
        ["^", "满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%", "96%", "10", "10", ""],
        ["^", "^", "^", "企业满意度", "≥", "85", "%", "90%", "10", "10", ""],
        ["总分", "<", "<", "<", "<", "<", "<", "<", "100", "97.55", ""],
    ]
    if not split:
        return [_table(head + part1 + part2, W_A)]
    return [_table(head + part1, W_A), "（续表）", _table(part2, W_A)]


W_B = 9  # layout B: 绩效指标 | 一级 | 二级 | 三级 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因


def form_b(title: str, year: str) -> list:
    """A form in layout B with one instance of each problem the FM checks look for."""
    rows = [
        [title, "<", "<", "<", "<", "<", "<", "<", "<"],
        [f"（{year}年度）", "<", "<", "<", "<", "<", "<", "<", "<"],
        ["项目名称", "乡村道路建设", "<", "主管部门", "交通运输局", "<", "实施单位", "公路养护站", "<"],
        ["资金情况（万元）", "", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "", ""],
        ["^", "年度资金总额：", "200", "172", "10", "80%", "10", "", ""],
        ["^", "其中：本年财政拨款", "150", "130", "", "", "", "", ""],
        ["^", "其他资金", "40", "42", "", "", "", "", ""],
        ["年度总体目标", "年初设定目标", "<", "<", "年度总体目标完成情况综述", "<", "<", "<", "<"],
        ["^", "新建道路 10 公里", "<", "<", "资金全部拨付到位，各项目标全部完成", "<", "<", "<", "<"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"],
        ["^", "产出指标(50分)", "数量指标", "新建道路里程", "20", "≥10公里", "8公里", "20", ""],
        ["^", "^", "质量指标", "验收合格率", "10", "100%", "100%", "6", ""],
        ["^", "^", "时效指标", "按期完工率", "10", "≥95%", "98%", "12", ""],
        ["^", "^", "生态效益指标", "植被恢复面积", "5", "≥20亩", "25亩", "5", ""],
        ["^", "效益指标(30分)", "社会效益指标", "受益群众满意度", "15", "≥90%", "95%", "15", ""],
        ["^", "^", "经济效益指标", "带动增收", "15", "≥50万元", "60万元", "15", ""],
        ["^", "满意度指标(10分)", "服务对象满意度指标", "群众满意度", "10", "≥90%", "≥90%", "10", ""],
        ["总分", "<", "<", "<", "100", "<", "<", "95", ""],
    ]
    return [_table(rows, W_B)]


def form_c(title: str, year: str) -> list:
    """Layout B with clean arithmetic and the problems that need reading across the form: a goal figure
    that differs from its indicator, scores that run against completion, a deadline from the year
    before the implementation period."""
    rows = [
        [title, "<", "<", "<", "<", "<", "<", "<", "<"],
        [f"（{year}年度）", "<", "<", "<", "<", "<", "<", "<", "<"],
        ["项目名称", "农田灌溉改造", "<", "主管部门", "农业农村局", "<", "实施期", f"{year}年3月-{year}年12月", "<"],
        ["资金情况（万元）", "", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "", ""],
        ["^", "年度资金总额：", "100", "100", "10", "100%", "10", "", ""],
        ["^", "其中：本年财政拨款", "100", "100", "", "", "", "", ""],
        ["年度总体目标", "年初设定目标", "<", "<", "年度总体目标完成情况综述", "<", "<", "<", "<"],
        ["^", "改造灌溉渠道12公里，培训农户300人次", "<", "<", "完成渠道改造，培训农户300人次", "<", "<", "<", "<"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"],
        ["^", "产出指标(50分)", "数量指标", "灌溉渠道改造长度", "20", "≥15公里", "15公里", "20", ""],
        ["^", "^", "数量指标", "培训农户人次", "10", "≥300人次", "300人次", "10", ""],
        ["^", "^", "质量指标", "工程验收合格率", "10", "≥100%", "100%", "10", ""],
        ["^", "^", "时效指标", f"{int(year) - 1}年12月31日前完成资金支付", "10", "=100%", "100%", "10", ""],
        ["^", "效益指标(30分)", "社会效益指标", "受益农户数", "15", "≥1000户", "600户", "13.5", "部分地块受灾，来年补种"],
        ["^", "^", "经济效益指标", "亩均增收", "15", "≥200元", "180元", "9", "市场价格下降"],
        ["^", "满意度指标(10分)", "服务对象满意度指标", "群众满意度", "10", "≥90%", "95%", "10", ""],
        ["总分", "<", "<", "<", "100", "<", "<", "92.5", ""],
    ]
    return [_table(rows, W_B)]


EXPECTED_C = [
    ("FM008", "score_mismatch", ["600户", "13.5", "180元", "9"]),
    ("FM022", "target_vs_actual", ["12公里", "≥15公里"]),
    ("FM043", "label_mismatch", ["2022年12月31日", "2023"]),
]

# (code, kind, values that the finding must list)
EXPECTED_ERRORS = [
    ("FM001", "score_mismatch", ["10", "12"]),
    ("FM002", "score_mismatch", ["100"]),
    ("FM003", "score_mismatch", ["95"]),
    ("FM004", "score_mismatch", ["(50分)"]),
    ("FM005", "score_mismatch", ["100%", "6"]),
    ("FM009", "target_vs_actual", ["≥10公里", "8公里", "20"]),
    ("FM006", "rate_mismatch", ["80%", "10"]),
    ("FM010", "rate_mismatch", ["200", "172", "80%"]),
    ("FM011", "sum_mismatch", ["200", "150", "40"]),
    ("FM021", "other", ["≥90%"]),
    ("FM030", "claim_vs_indicator", ["80%"]),
    ("FM030", "claim_vs_indicator", ["≥10公里", "8公里"]),
    ("FM040", "label_mismatch", ["生态效益指标", "产出指标"]),
    ("FM041", "label_mismatch", ["15"]),
    ("FM042", "label_mismatch", ["2022", "2023"]),
]


def _expected(errors: bool, forms: int = 1) -> dict:
    return {"forms": forms, "no_error_level": not errors,
            "findings": [{"code": c, "kind": k, "values": v} for c, k, v in EXPECTED_ERRORS] if errors else []}


def build(out: Path = OUT) -> dict[str, dict]:
    from samples.render_office import render_docx, render_xlsx
    from samples.render_pdf import render_pdf

    out.mkdir(parents=True, exist_ok=True)
    clean = form_a("项目支出绩效自评表", "2023")
    split = form_a("项目支出绩效自评表", "2023", split=True)
    errors = form_b("2022年度项目支出绩效自评表", "2023")
    made: dict[str, dict] = {}

    def put(name: str, exp: dict) -> None:
        made[name] = exp
        (out / f"{name}.expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1), encoding="utf-8")

    across = form_c("项目支出绩效自评表", "2023")
    exp_c = {"forms": 1, "no_error_level": True,
             "findings": [{"code": c, "kind": k, "values": v} for c, k, v in EXPECTED_C]}
    for name, blocks, exp in (("clean_a", clean, _expected(False)), ("split_a", split, _expected(False)),
                              ("errors_b", errors, _expected(True)), ("across_c", across, exp_c)):
        render_docx(out / f"{name}.docx", blocks)
        put(f"{name}.docx", exp)
        render_xlsx(out / f"{name}.xlsx", {"自评表": blocks}, gap=1)
        put(f"{name}.xlsx", exp)
        render_pdf(out / f"{name}.pdf", blocks, font_size=8, indent=False)
        put(f"{name}.pdf", exp)
    multi = ["附件1"] + clean + ["附件2"] + errors
    render_docx(out / "multi.docx", multi)
    put("multi.docx", _expected(True, forms=2))
    render_xlsx(out / "multi.xlsx", {"表1": clean, "表2": errors})
    put("multi.xlsx", _expected(True, forms=2))
    return made


if __name__ == "__main__":
    for n in build():
        print(OUT / n)
