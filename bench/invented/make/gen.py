"""Generator of clean self-assessment forms in txt/docx/xlsx."""
from decimal import Decimal as D, ROUND_HALF_UP
import os, sys
OUT = "/work/review/forms"

def q(x, places):
    return D(x).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)

def render_txt(path, blocks, sep="|"):
    """blocks: list of ('p', text) or ('t', rows)."""
    out = []
    for kind, x in blocks:
        if kind == "p":
            out.append(x); out.append("")
        else:
            for r in x:
                out.append(sep.join(str(c) for c in r))
            out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

def render_docx(path, blocks, merges=None):
    import docx
    d = docx.Document()
    ti = 0
    for kind, x in blocks:
        if kind == "p":
            d.add_paragraph(x)
        else:
            ncol = max(len(r) for r in x)
            t = d.add_table(rows=len(x), cols=ncol)
            t.style = "Table Grid"
            for i, r in enumerate(x):
                for j, c in enumerate(r):
                    t.cell(i, j).text = str(c)
            for (r0, c0, r1, c1) in (merges or {}).get(ti, []):
                keep = t.cell(r0, c0).text
                m = t.cell(r0, c0).merge(t.cell(r1, c1))
                m.text = keep
            ti += 1
    d.save(path)

def render_xlsx(path, blocks, merges=None, sheets=None):
    import openpyxl
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "自评表"
    row = 1; ti = 0
    for kind, x in blocks:
        if kind == "p":
            ws.cell(row, 1, x); row += 1
        else:
            base = row
            for r in x:
                for j, c in enumerate(r):
                    if c != "" and c is not None:
                        cell = ws.cell(row, j + 1, c)
                        if isinstance(c, str) and c.startswith("="):
                            cell.data_type = "s"
                row += 1
            for (r0, c0, r1, c1) in (merges or {}).get(ti, []):
                ws.merge_cells(start_row=base + r0, start_column=c0 + 1, end_row=base + r1, end_column=c1 + 1)
            ti += 1
            row += 1
    wb.save(path)

def pct_str(rate, places):
    return f"{q(rate*100, places)}%"

def fund_block(funds, hdr="2020", rate_places=2, rate_w=10, score_places=2, unit="万元", rate_col_score=True):
    """funds: list of (label, initial, adjusted, spent) strings or '' ; first is total.
    Returns rows, rate (Decimal), rate_score."""
    total = funds[0]
    bud = D(total[2] or total[1]); sp = D(total[3])
    rate = sp / bud
    rs = q(min(rate, D(1)) * rate_w, score_places)
    rows = []
    if hdr == "2020":
        rows.append([f"项目资金（{unit}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
        for i, (lab, a, b, c) in enumerate(funds):
            if i == 0:
                rows.append(["", lab, a, b, c, str(rate_w), pct_str(rate, rate_places), str(rs)])
            else:
                r = ""
                if b and c:
                    r = pct_str(D(c) / D(b), rate_places)
                rows.append(["", lab, a, b, c, "—", r, "—"])
    elif hdr == "AB":
        rows.append([f"项目资金（{unit}）", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"])
        for i, (lab, a, b, c) in enumerate(funds):
            if i == 0:
                rows.append(["", lab, a, b, c, str(rate_w), pct_str(rate, rate_places), str(rs)])
            else:
                rows.append(["", lab, a, b, c, "", "", ""])
    elif hdr == "adj":
        rows.append([f"项目资金（{unit}）", "", "年初预算数", "调整后预算数", "全年执行数", "权重", "执行率", "自评得分"])
        for i, (lab, a, b, c) in enumerate(funds):
            if i == 0:
                rows.append(["", lab, a, b, c, str(rate_w), pct_str(rate, rate_places), str(rs)])
            else:
                rows.append(["", lab, a, b, c, "", "", ""])
    return rows, rate, rs

def ind_block(inds, hdr, total_label="总分", rate_w=10, rate_score=None, with_total=True, score_places=2, merge_groups=True, total_weight=True):
    """inds: list of (l1,l2,l3,target,actual,weight,score,reason)."""
    H = {
        "2020": ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        "old": ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际值", "权重", "自评得分", "未完成原因"],
        "exp": ["绩效指标", "一级指标", "二级指标", "三级指标", "预期值", "实际完成值", "分值", "得分", "备注"],
    }[hdr]
    rows = [H]
    prev1 = prev2 = None
    ws = D(rate_w); ss = D(rate_score if rate_score is not None else 0)
    for (l1, l2, l3, t, a, w, s, why) in inds:
        c1 = l1 if (l1 != prev1 or not merge_groups) else ""
        c2 = l2 if (l2 != prev2 or l1 != prev1 or not merge_groups) else ""
        prev1, prev2 = l1, l2
        rows.append(["", c1, c2, l3, t, a, str(w), str(s), why])
        ws += D(str(w)); ss += D(str(s))
    if with_total:
        rows.append([total_label, "", "", "", "", "", str(ws) if total_weight else "", str(ss), ""])
    return rows, ws, ss

def write_all(name, blocks, fmts=("txt",), merges=None, sep="|"):
    paths = []
    for f in fmts:
        p = os.path.join(OUT, f"{name}.{f}")
        if f == "txt":
            render_txt(p, blocks, sep)
        elif f == "tsv.txt":
            p = os.path.join(OUT, f"{name}.tsv.txt"); render_txt(p, blocks, "\t")
        elif f == "docx":
            render_docx(p, blocks, merges)
        elif f == "xlsx":
            render_xlsx(p, blocks, merges)
        paths.append(p)
    return paths

def project_form(name, proj, dept, unit_name, year, funds, inds, goal, actual_goal, fhdr="2020", ihdr="2020",
                 rate_places=2, rate_w=10, score_places=2, total_label="总分", with_total=True, fmts=("txt","docx","xlsx"),
                 sep="|", prefix_paras=(), suffix_paras=(), single_table=True, total_weight=True):
    fr, rate, rs = fund_block(funds, fhdr, rate_places, rate_w, score_places)
    ir, ws, ss = ind_block(inds, ihdr, total_label, rate_w, rs, with_total, score_places, total_weight=total_weight)
    assert ws == 100, (name, ws)
    head = [["项目名称", proj, "", "", "", "", "", ""],
            ["主管部门", dept, "", "", "实施单位", unit_name, "", ""]]
    goalrows = [["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
                ["", goal, "", "", actual_goal, "", "", ""]]
    blocks = list(("p", p) for p in prefix_paras)
    blocks += [("p", "项目支出绩效自评表"), ("p", f"（{year}年度）")]
    if single_table:
        blocks.append(("t", head + fr + goalrows + ir))
    else:
        blocks += [("t", head + fr + goalrows), ("t", ir)]
    blocks += [("p", p) for p in suffix_paras]
    return write_all(name, blocks, fmts, sep=sep), rate, rs, ss

def raw_form(name, title, year, head, fund_rows, goal_rows, ind_rows, fmts=("txt", "docx", "xlsx"), sep="|", paras_before=(), paras_after=(), merges=None, check=True):
    if check:
        # verify: weights sum to 100 incl. fund weight if any; scores <= weights; totals
        pass
    blocks = [("p", p) for p in paras_before] + [("p", title), ("p", f"（{year}年度）"),
              ("t", head + fund_rows + goal_rows + ind_rows)] + [("p", p) for p in paras_after]
    return write_all(name, blocks, fmts, merges=merges, sep=sep)

def mk_inds(inds, hdr=None, total=("总分",), rate_w=10, rate_s=D(0), lead="", ncols=None):
    """inds rows: (l1,l2,l3,target,actual,w,s,why). Returns rows and sums. total: tuple(label) or None"""
    rows = []
    if hdr: rows.append(hdr)
    ws, ss = D(rate_w), D(str(rate_s))
    p1 = p2 = None
    for (l1, l2, l3, t, a, w, s, why) in inds:
        c1 = l1 if l1 != p1 else ""
        c2 = l2 if (l2 != p2 or l1 != p1) else ""
        p1, p2 = l1, l2
        rows.append([lead, c1, c2, l3, t, a, str(w), str(s), why])
        ws += D(str(w)); ss += D(str(s))
        assert D(str(s)) <= D(str(w))
    if total:
        rows.append([total[0], "", "", "", "", "", str(ws), str(ss), ""])
    return rows, ws, ss
