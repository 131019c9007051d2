"""XLSX parser: merged ranges once with spans, numbers exact and shown as Excel shows them, several
tables on a sheet, several sheets, formulas without a cached value noted; corrupt files a clear error."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from extractor.errors import ExtractError
from extractor.model import Cell, Location, Paragraph, Table
from extractor.parsers import parse
from extractor.parsers.xlsx import display

sys.path.insert(0, str(ROOT))
from samples.render_office import render_xlsx  # noqa: E402


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    import openpyxl

    loc = Location()
    merged = Table(cells=[
        Cell("项目", 1, 1, loc, colspan=2), Cell("金额", 1, 3, loc),
        Cell("基本支出", 2, 1, loc, rowspan=2), Cell("人员经费", 2, 2, loc), Cell("", 2, 3, loc, value=Decimal("8")),
        Cell("公用经费", 3, 2, loc), Cell("", 3, 3, loc, value=Decimal("2"))], location=loc)
    p = tmp_path_factory.mktemp("xlsx") / "自评表.xlsx"
    render_xlsx(p, {
        "支出表": [
            "2021年度部门支出表", "单位：元",
            [["项目", "预算数", "执行数", "执行率"],
             ["基本支出", (11107432.92, "#,##0.00"), (11107432.92, "#,##0.00"), (1, "0.00%")],
             ["项目支出", (0.1 + 0.2, "General"), (4282377.26, "#,##0.00"), (0.98765, "0.0%")],
             ["合计", (-1234.5, "#,##0.00;(#,##0.00)"), (15389810.18, "_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * \"-\"??_ "),
              (95, '0"%"')]],
            merged,
            "填表人：某某",
        ],
        "第二张": [[["日期", "次数"], [("2021-05-01", None), 9]]],
    })
    wb = openpyxl.load_workbook(p)
    import datetime as dt

    wb["第二张"]["A2"] = dt.datetime(2021, 5, 1)
    wb["第二张"]["C2"] = "=B2*2"  # saved by openpyxl: a formula without a cached value
    wb.save(p)
    return parse(p)


def test_sheets_split_into_titles_tables_and_trailing_notes(book):
    kinds = [(type(b).__name__, b.location.sheet) for b in book.blocks]
    assert kinds == [("Paragraph", "支出表"), ("Paragraph", "支出表"), ("Table", "支出表"), ("Table", "支出表"),
                     ("Paragraph", "支出表"), ("Table", "第二张")]
    paras = [b.text for b in book.blocks if isinstance(b, Paragraph)]
    assert paras == ["2021年度部门支出表", "单位：元", "填表人：某某"]
    t1, t2, t3 = book.tables()
    assert t1.caption == "单位：元" and t2.caption is None
    assert [t.location.table for t in (t1, t2, t3)] == [1, 2, 3]
    assert t1.texts()[0] == ["项目", "预算数", "执行数", "执行率"]
    c = t1.cells[5]
    assert (c.location.sheet, c.location.table, c.location.row, c.location.col) == ("支出表", 1, 2, 2)


def test_numbers_exact_and_as_displayed(book):
    t1 = next(book.tables())
    g = t1.grid()
    assert (g[1][1].text, g[1][1].value) == ("11,107,432.92", Decimal("11107432.92"))
    assert (g[1][3].text, g[1][3].value) == ("100.00%", Decimal("1"))
    assert (g[2][1].text, g[2][1].value) == ("0.3", Decimal("0.3"))  # no float artefact
    assert g[2][3].text == "98.8%"
    assert g[3][1].text == "(1,234.50)" and g[3][1].value == Decimal("-1234.5")
    assert g[3][2].text == "15,389,810.18" and g[3][3].text == "95%"
    assert all(not isinstance(c.value, float) for c in t1.cells)


def test_merged_ranges_once_with_spans(book):
    t2 = list(book.tables())[1]
    by = {c.text: c for c in t2.cells}
    assert (by["项目"].colspan, by["基本支出"].rowspan) == (2, 2)
    assert len(t2.cells) == 7 and t2.texts()[2][:2] == ["基本支出", "公用经费"]


def test_dates_iso_and_uncached_formula_noted(book):
    t3 = list(book.tables())[2]
    assert t3.texts() == [["日期", "次数", ""], ["2021-05-01", "9", ""]]
    assert any("C2" in n and "公式" in n for n in book.notes)


@pytest.mark.parametrize("value,fmt,text", [
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ', "-"),
    (1234.5, '"¥"#,##0.00', "1,234.50"),
    (1538.98, '0.00"万元"', "1538.98万元"),
    (12345678, "#,##0,", "12,346"),
    (2.675, "0.00", "2.68"),
    (0.1 + 0.7, "General", "0.8"),
])
def test_number_formats(value, fmt, text):
    assert display(value, fmt)[0] == text


# ------------------------------------------------------------------ bad input


def _xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["项目", "执行数"])
    wb.active.append(["合计", 9])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            if i.filename in replace:
                if replace[i.filename] is not None:
                    z.writestr(i.filename, replace[i.filename])
            else:
                z.writestr(i.filename, src.read(i))
    return out.getvalue()


CORRUPT = {
    "invalid_sheet.xlsx": lambda: _rezip(_xlsx_bytes(), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}),
    "invalid_workbook.xlsx": lambda: _rezip(_xlsx_bytes(), {"xl/workbook.xml": b"not xml at all"}),
    "no_workbook.xlsx": lambda: _rezip(_xlsx_bytes(), {"xl/workbook.xml": None}),
    "no_sheet.xlsx": lambda: _rezip(_xlsx_bytes(), {"xl/worksheets/sheet1.xml": None}),
    "truncated.xlsx": lambda: _xlsx_bytes()[:2500],
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_corrupt_xlsx_is_a_clear_error(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(CORRUPT[name]())
    with pytest.raises(ExtractError) as e:
        parse(p)
    assert e.value.code == "corrupt", e.value.message
    assert "损坏" in e.value.message


def test_corrupt_xlsx_through_cli(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(CORRUPT["invalid_sheet.xlsx"]())
    good = tmp_path / "好.xlsx"
    good.write_bytes(_xlsx_bytes())
    r = subprocess.run([sys.executable, "-m", "extractor", "--format", "json", str(bad), str(good)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout
    docs = {Path(d["source"]).name: d for d in json.loads(r.stdout)["documents"]}
    assert docs["坏.xlsx"]["error"]["code"] == "corrupt"
    assert docs["好.xlsx"]["status"] == "ok"


def test_a_last_row_without_values_stays_in_its_table(tmp_path):
    p = render_xlsx(tmp_path / "x.xlsx", {"表": ["项目表", [["项目", "金额"], ["甲", 1], ["乙", 2], ["其他", ""]],
                                                    "注：本表金额单位为万元，数据来源于决算报表。"]})
    d = parse(p)
    t = next(d.tables())
    assert t.texts()[-1] == ["其他", ""] or t.texts()[-1][0] == "其他"
    assert [b.text for b in d.paragraphs()] == ["项目表", "注：本表金额单位为万元，数据来源于决算报表。"]
