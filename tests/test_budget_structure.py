"""BG001 reads which rows are sums of which from the table's own arithmetic: a total above its rows
(heading style, 一、基本支出合计) or below them, numbered section rows heading their items, and a 其中 block
that goes on past its first row. Each layout is clean in text and in a DOCX table, and one detail cell
off by 0.01 元 is found against the total that heads or closes its group, also across a page break."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.parsers import parse

HEADER = ["项目", "年初预算数", "调整后预算数", "执行数"]
BASIC = [("人员经费", "2815300.00", "2966284.18", "2960120.66"), ("公用经费", "286000.00", "274000.00", "271643.19")]
PROJECTS = [("学生资助资金", "620000.00", "768532.00", "768532.00"),
            ("校舍维修改造资金", "350000.00", "574000.00", "551286.64"),
            ("教师培训经费", "80000.00", "80000.00", "76841.25")]


def _sum(rows) -> list[Decimal]:
    return [sum((Decimal(r[k]) for r in rows), Decimal(0)) for k in (1, 2, 3)]


def _row(label, vals) -> list[str]:
    return [label] + [f"{Decimal(v):,.2f}" for v in vals]


def _layout(name: str, bad: str | None = None) -> list[list[str]]:
    """The table of layout `name`; the 执行数 of detail row `bad` is 0.01 more than its total allows."""
    basic = [list(r) for r in BASIC]
    projects = [list(r) for r in PROJECTS]
    b, p = _sum(basic), _sum(projects)
    t = [x + y for x, y in zip(b, p)]
    for r in basic + projects:
        if r[0] == bad:
            r[3] = str(Decimal(r[3]) + Decimal("0.01"))
    details_b = [_row(r[0], r[1:]) for r in basic]
    details_p = [_row(r[0], r[1:]) for r in projects]
    if name == "heads_on_top":  # group totals above their rows, the grand total at the bottom
        body = [_row("一、基本支出合计", b)] + details_b + [_row("二、项目支出小计", p)] + details_p + [_row("部门支出总计", t)]
    elif name == "totals_below":
        body = details_b + [_row("基本支出小计", b)] + details_p + [_row("项目支出小计", p)] + [_row("合计", t)]
    elif name == "total_first":  # grand total first, numbered sections without a total word
        body = [_row("支出合计", t), _row("（一）基本支出", b)] + details_b + [_row("（二）项目支出", p)] + details_p
    elif name == "qizhong_block":  # 其中 names only the first sub-item; the second follows without it
        d = [["其中：" + details_b[0][0]] + details_b[0][1:], details_b[1]]
        body = [_row("基本支出", b)] + d + [_row("项目支出", p), _row("合计", [b[k] + p[k] for k in range(3)])]
    else:
        raise ValueError(name)
    return [HEADER] + body


HEAD_OF = {  # layout -> (detail row given an error -> the total its group is checked against)
    "heads_on_top": {"公用经费": "一、基本支出合计", "教师培训经费": "二、项目支出小计"},
    "totals_below": {"公用经费": "基本支出小计", "学生资助资金": "项目支出小计"},
    "total_first": {"人员经费": "（一）基本支出", "校舍维修改造资金": "（二）项目支出"},
    "qizhong_block": {},
}


def _pipe(rows) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def _text(tmp_path, rows, split=None):
    if split:
        body = _pipe(rows[:split]) + "\n\n续表\n\n" + _pipe([rows[0]] + rows[split:])
    else:
        body = _pipe(rows)
    p = tmp_path / "r.txt"
    p.write_text("二、预算执行情况\n单位：元\n" + body + "\n三、结论\n各项工作完成良好。\n", encoding="utf-8")
    return parse(p)


def _docx(tmp_path, rows, split=None):
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph("二、预算执行情况")
    d.add_paragraph("表1  预算执行情况表（单位：元）")
    parts = [rows[:split], [rows[0]] + rows[split:]] if split else [rows]
    for i, part in enumerate(parts):
        if i:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            d.add_paragraph("续表")
        t = d.add_table(rows=len(part), cols=len(part[0]))
        for r, row in enumerate(part):
            for c, v in enumerate(row):
                t.cell(r, c).text = ("  " + v) if c == 0 and r and not v.startswith(("一", "二", "（", "部门", "合计", "支出")) else v
    d.add_paragraph("三、结论")
    p = tmp_path / "r.docx"
    d.save(p)
    return parse(p)


READERS = {"text": _text, "docx": _docx}


def _bg001(doc, severity="error"):
    figs = extract_figures(doc)
    return [f for f in run_checks(doc, figs, checks=[all_checks()["BG001"]]) if f.severity == severity]


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("layout", sorted(HEAD_OF))
@pytest.mark.parametrize("split", [None, 5])
def test_clean_layout_gives_no_finding(tmp_path, fmt, layout, split):
    doc = READERS[fmt](tmp_path, _layout(layout), split)
    assert not _bg001(doc, "error") and not _bg001(doc, "info")


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("layout,bad,head", [(lay, bad, head) for lay, m in sorted(HEAD_OF.items())
                                             for bad, head in sorted(m.items())])
@pytest.mark.parametrize("split", [None, 5])
def test_error_is_found_against_its_group_total(tmp_path, fmt, layout, bad, head, split):
    doc = READERS[fmt](tmp_path, _layout(layout, bad), split)
    (f,) = _bg001(doc)
    assert f"“{head}”执行数" in f.message and "0.01" in f.message, f.message
    assert any(e.quote.startswith(bad) for e in f.evidence if e.role == "addend")


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_qizhong_block_error_in_grand_total(tmp_path, fmt):
    """The total really misses: the breakdown rows are not added in, the reported addends say so."""
    rows = _layout("qizhong_block")
    rows[-1][3] = rows[-1][3][:-1] + "9"
    (f,) = _bg001(READERS[fmt](tmp_path, rows))
    adds = [e.quote.split("\t")[0].strip() for e in f.evidence if e.role == "addend"]
    assert adds == ["基本支出", "项目支出"], f.message
