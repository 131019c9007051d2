# -*- coding: utf-8 -*-
"""Verify labels_NN.json / consistent_NN.json against doc_NN.docx / doc_NN.xlsx (NN = 61..80).

Reads the office files directly (independently of make_forms.py):
- DOCX: body paragraphs (one unit each) and every table row; a row's units are its <w:tc> cells,
  horizontally merged cells once, vertically merged continuation cells skipped, empty cells skipped.
- XLSX: every row of the sheet; MergedCell placeholders and empty cells skipped; numbers rendered
  with their number_format (0.00, #,##0.00, 0.00%, General).
Checks: each quote is one line and occurs within the space-joined texts of contiguous units of one
row; quote_cells equals the cells spanned by quote_a then quote_b; each value occurs in a quote or
in the document; schema; per-form label limits; real merged cells / numeric cells present."""
import glob
import json
import os
import sys
from collections import Counter

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"target_vs_actual", "sum_mismatch", "rate_mismatch", "adjust_mismatch", "unit_text_vs_table",
         "claim_vs_indicator", "label_mismatch", "duplicate_item", "other"}


def fmt_num(v, nf):
    if nf == "0.00":
        return f"{v:.2f}"
    if nf == "#,##0.00":
        return f"{v:,.2f}"
    if nf == "0.00%":
        return f"{v * 100:.2f}%"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def read_docx(path, stats):
    doc = Document(path)
    rows = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            t = Paragraph(el, doc).text.strip()
            if t:
                rows.append([t])
        elif el.tag == qn("w:tbl"):
            stats["tables"] += 1
            tbl = Table(el, doc)
            for tr in el.tr_lst:
                units = []
                for tc in tr.tc_lst:
                    if tc.grid_span > 1:
                        stats["hmerge"] += 1
                    if tc.vMerge == "restart":
                        stats["vmerge"] += 1
                    if tc.vMerge == "continue":
                        continue
                    t = _Cell(tc, tbl).text.strip()
                    if t:
                        units.append(t)
                rows.append(units)
    return rows


def read_xlsx(path, stats):
    wb = load_workbook(path)
    assert len(wb.worksheets) == 1, "xlsx must have one sheet"
    ws = wb.active
    stats["merged"] = len(ws.merged_cells.ranges)
    rows = []
    for row in ws.iter_rows():
        units = []
        for cl in row:
            if isinstance(cl, MergedCell) or cl.value is None:
                continue
            v = cl.value
            if isinstance(v, (int, float)):
                stats["numeric"] += 1
                if cl.number_format in ("0.00", "#,##0.00"):
                    stats["num2dp"] += 1
                if cl.number_format == "0.00%":
                    stats["pctnum"] += 1
                t = fmt_num(v, cl.number_format)
            else:
                t = str(v)
                if t.endswith("%") and t[:-1].replace(".", "").isdigit():
                    stats["pcttext"] += 1
            t = t.strip()
            if t:
                units.append(t)
        rows.append(units)
    return rows


def windows(rows, quote):
    """All minimal contiguous unit runs (within one row) whose space-join contains quote."""
    out = []
    for units in rows:
        n = len(units)
        for i in range(n):
            for j in range(i, n):
                s = " ".join(units[i:j + 1])
                if quote in s:
                    if (i < j and quote in " ".join(units[i + 1:j + 1])) or (j > i and quote in " ".join(units[i:j])):
                        break
                    out.append(units[i:j + 1])
                    break
    return out


def check_item(item, rows, text, where, errs, consistent):
    for k in ("kind", "values", "quote_a", "quote_b", "note", "quote_cells"):
        if k not in item:
            errs.append(f"{where}: missing field {k}")
            return
    if item["kind"] not in KINDS:
        errs.append(f"{where}: bad kind {item['kind']}")
    if not (2 <= len(item["values"]) <= 4):
        errs.append(f"{where}: {len(item['values'])} values (want 2-4)")
    if consistent != item["note"].startswith("HOLDS:"):
        errs.append(f"{where}: note/HOLDS mismatch")
    runs = []
    for q in ("quote_a", "quote_b"):
        quote = item[q]
        if not quote:
            if q == "quote_a":
                errs.append(f"{where}: empty quote_a")
            runs.append([[]])
            continue
        if "\n" in quote:
            errs.append(f"{where}: {q} spans a line break")
        w = windows(rows, quote)
        if not w:
            errs.append(f"{where}: {q} not found: {quote!r}")
            runs.append([[]])
        else:
            runs.append(w)
    ok = False
    for ra in runs[0]:
        for rb in runs[1]:
            if ra + rb == item["quote_cells"]:
                ok = True
    if not ok:
        errs.append(f"{where}: quote_cells {item['quote_cells']} do not match the cells spanned "
                    f"(candidates a={runs[0][:2]} b={runs[1][:2]})")
    for v in item["values"]:
        if v not in item["quote_a"] and v not in item["quote_b"] and v not in text:
            errs.append(f"{where}: value {v!r} not in quotes or document")


def main():
    errs = []
    kinds = Counter()
    n_labels = n_cons = 0
    zero = []
    docs = sorted(glob.glob(os.path.join(HERE, "doc_*.*")))
    fmts = Counter()
    for path in docs:
        nn = os.path.basename(path).split("_")[1].split(".")[0]
        ext = path.rsplit(".", 1)[1]
        fmts[ext] += 1
        stats = Counter()
        rows = read_docx(path, stats) if ext == "docx" else read_xlsx(path, stats)
        text = "\n".join(" ".join(u) for u in rows)
        if ext == "docx":
            if not (stats["tables"] and stats["hmerge"] and stats["vmerge"]):
                errs.append(f"{nn}: docx lacks tables/merged cells {dict(stats)}")
        else:
            if not (stats["merged"] and stats["num2dp"]):
                errs.append(f"{nn}: xlsx lacks merged cells / 2-decimal numbers {dict(stats)}")
        if "总分" not in text:
            print(f"note: {nn} has no 总分 row")
        labels = json.load(open(os.path.join(HERE, f"labels_{nn}.json"), encoding="utf-8"))
        cons = json.load(open(os.path.join(HERE, f"consistent_{nn}.json"), encoding="utf-8"))
        if len(labels) > 4:
            errs.append(f"{nn}: {len(labels)} labels (> 4)")
        if not labels:
            zero.append(nn)
        if not (1 <= len(cons) <= 3):
            errs.append(f"{nn}: {len(cons)} consistent items (want 1-3)")
        for i, it in enumerate(labels):
            check_item(it, rows, text, f"{nn} label {i}", errs, False)
            kinds[it["kind"]] += 1
        for i, it in enumerate(cons):
            check_item(it, rows, text, f"{nn} consistent {i}", errs, True)
        n_labels += len(labels)
        n_cons += len(cons)
        extra = f" tables={stats['tables']} hmerge={stats['hmerge']} vmerge={stats['vmerge']}" if ext == "docx" else \
            f" merged={stats['merged']} num2dp={stats['num2dp']} pctnum={stats['pctnum']} pcttext={stats['pcttext']}"
        print(f"{nn}.{ext}: {len(labels)} labels, {len(cons)} consistent;{extra}")
    print(f"\n{len(docs)} documents {dict(fmts)}; {n_labels} labels, {n_cons} consistent; forms without labels: {zero}")
    print("labels by kind:", dict(sorted(kinds.items())))
    if errs:
        print("\nERRORS:")
        for e in errs:
            print(" -", e)
        sys.exit(1)
    print("OK: all quotes, quote_cells and values verified.")


if __name__ == "__main__":
    main()
