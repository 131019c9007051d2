"""XLSX reviewer workbook (openpyxl): 汇总, 问题清单, 证据, 数据. Frozen header, autofilter, widths,
figures as number cells. Document text is always a string cell, never a formula (no injection).
On 证据, page/table/row/column are separate columns and the figure's cell carries the quote as a
comment, so a reviewer filtering by value still sees where it was written."""

from __future__ import annotations

import io

from extractor.reporters._common import (KIND_LABEL, ROLE_LABEL, SEV_LABEL, difference, per_file_counts,
                                         to_decimal)

LOC_HEAD = ["页", "章节", "工作表", "表", "行", "列", "位置"]


def _loc(loc) -> list:
    return [loc.page, loc.section, loc.sheet, loc.table, loc.row, loc.col, str(loc)]


def _sheet(wb, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None,
           number_cols: dict[int, str] | None = None):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in rows:
        ws.append([None] * len(row))
        r = ws.max_row
        for j, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=j)
            cell.value = v
            if isinstance(v, str):
                # openpyxl turns a string starting with "=" into a formula: force a plain string cell
                cell.data_type = "s"
                if "\n" in v:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif number_cols and j in number_cols and v is not None:
                cell.number_format = number_cols[j]
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for j, h in enumerate(header, 1):
        longest = max([len(str(h)) * 2] + [min(len(str(r[j - 1] or "")), 60) for r in rows[:500]])
        w = (widths or {}).get(j) or max(6, min(60, longest + 2))
        ws.column_dimensions[get_column_letter(j)].width = w
    return ws


def _clip(s: str, n: int = 1000) -> str:
    """Excel refuses comments beyond 32,767 characters; a quote that long is cut for the comment."""
    return s if len(s) <= n else s[: n - 1] + "…"


def _num_format(value: str | None) -> str:
    d = to_decimal(value)
    if d is None:
        return "General"
    exp = d.as_tuple().exponent
    n = -exp if isinstance(exp, int) and exp < 0 else 0
    return "#,##0" + ("." + "0" * n if n else "")


def render(results, meta: dict | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    summary_rows = []
    for r in results:
        c = per_file_counts(r)
        summary_rows.append([r.source, "正常" if r.status == "ok" else "无法读取", r.format, r.pages,
                             r.error.code if r.error else None, r.error.message if r.error else None,
                             c["error"], c["warning"], c["info"], c["waived"], len(r.figures)])
    _sheet(wb, "汇总", ["文件", "状态", "格式", "页数", "错误代码", "错误说明", "错误", "警告", "提示", "已豁免",
                      "提取数字"], summary_rows, widths={1: 50, 6: 50})

    issue_rows, ev_rows = [], []
    n = 0
    for r in results:
        for f in r.findings:
            n += 1
            first = f.evidence[0].location if f.evidence else None
            loc = _loc(first) if first else [None] * len(LOC_HEAD)
            issue_rows.append([n, r.source, f.code, f.name, KIND_LABEL.get(f.kind, f.kind),
                               SEV_LABEL.get(f.severity, f.severity), f.message, f.expected, f.actual,
                               difference(f.expected, f.actual), "、".join(f.values), *loc, f.fingerprint,
                               f.waived])
            for k, ev in enumerate(f.evidence, 1):
                ev_rows.append([n, k, r.source, f.code, ROLE_LABEL.get(ev.role, ev.role), ev.value,
                                to_decimal(ev.value), ev.quote, *_loc(ev.location)])
    _sheet(wb, "问题清单", ["序号", "文件", "规则", "规则名称", "类别", "严重程度", "说明", "预期", "实际", "差额",
                        "涉及数字", *LOC_HEAD, "指纹", "豁免理由"], issue_rows,
           widths={2: 40, 7: 70, 11: 30})
    ev_sheet = _sheet(wb, "证据", ["问题序号", "证据序号", "文件", "规则", "角色", "原文数值", "数值", "引文",
                                  *LOC_HEAD], ev_rows, widths={3: 40, 8: 80})
    from openpyxl.comments import Comment

    for i, row in enumerate(ev_rows, 2):
        ev_sheet.cell(row=i, column=7).number_format = _num_format(row[5])
        if row[7]:
            c = Comment(_clip(row[7]), "extractor")
            c.width, c.height = 320, 120
            ev_sheet.cell(row=i, column=6).comment = c

    fig_rows = []
    for r in results:
        for fg in r.figures:
            q = fg.quantity
            fig_rows.append([r.source, fg.label, fg.role, q.value, q.unit, q.raw, q.comparator,
                             q.base, q.base_unit, fg.quote, *_loc(fg.location)])
    fig_sheet = _sheet(wb, "数据", ["文件", "标签", "角色", "数值", "单位", "原文", "比较符", "折算值", "折算单位",
                                  "引文", *LOC_HEAD], fig_rows, widths={1: 40, 10: 60})
    for i, row in enumerate(fig_rows, 2):
        fig_sheet.cell(row=i, column=4).number_format = _num_format(str(row[3]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
