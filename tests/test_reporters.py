"""Reviewer reports: HTML escapes everything from a document, XLSX has the four sheets with number
cells and no formulas, Markdown escapes markup, CSV has a BOM and defuses formulas."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from extractor.reporters import FORMATS, get
from extractor.reporters._common import difference, highlight_spans
from extractor.reporters.html_report import json_for_script
from reporting_helpers import FORMULA, hostile_results


@pytest.fixture()
def results():
    return hostile_results()


def test_all_formats_registered():
    assert {"text", "json", "html", "xlsx", "md", "csv"} <= set(FORMATS)


def test_html_escapes_document_text(results):
    html = get("html").render(results, {"time": "2026-01-01"})
    # the only scripts are ours: the JSON data block and the filter code
    assert html.count("<script") == 2
    assert "<img" not in html
    # autoescaped by the templates (markupsafe writes a double quote as &#34;)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html
    assert 'data-file="dir/报告 &#34;&gt;&lt;b&gt;x&lt;/b&gt;.txt"' in html
    assert "<b>x</b>" not in html
    # no network: no external URLs in src/href attributes
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)


def test_html_has_summary_filters_docs_and_highlights(results):
    html = get("html").render(results, {})
    assert "文件 2 个" in html and "无法读取 1 个" in html
    for sel in ('id="f-sev"', 'id="f-kind"', 'id="f-file"', 'id="f-sort"'):
        assert sel in html
    assert "<mark>1,538.98</mark>" in html  # compared figure highlighted inside the quote
    assert "p3 表2 行4 列3" in html  # location
    assert "预期" in html and "差额" in html and "+0.08万元" in html
    assert "文件已加密" in html  # unreadable file listed with its error


def test_html_links_to_embedded_rule_docs():
    from extractor.checks import all_checks
    from reporting_helpers import planted_check

    with planted_check():
        html = get("html").render(hostile_results(), {})
        assert 'href="#rule-ZZ901"' in html and 'id="rule-ZZ901"' in html
        for code in all_checks():
            assert f'id="rule-{code}"' in html


def test_json_for_script_cannot_close_the_script():
    s = json_for_script({"x": "</script><!-- <script>alert(1)</script> & \u2028"})
    assert "</script" not in s.lower() and "<!--" not in s and "&" not in s
    import json

    assert json.loads(s)["x"].startswith("</script>")


def test_xlsx_sheets_numbers_and_no_formulas(results, tmp_path):
    data = get("xlsx").render(results, {})
    p = tmp_path / "r.xlsx"
    p.write_bytes(data)
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["汇总", "问题清单", "证据", "数据"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    ev = wb["证据"]
    head = [c.value for c in ev[1]]
    col = head.index("数值") + 1
    nums = [ev.cell(row=r, column=col).value for r in range(2, ev.max_row + 1)]
    assert 1538.98 in nums and -12.5 in nums
    quotes = [ev.cell(row=r, column=head.index("引文") + 1).value for r in range(2, ev.max_row + 1)]
    assert FORMULA in quotes  # kept verbatim, as text
    issues = wb["问题清单"]
    assert issues.auto_filter.ref and issues.max_row == 3
    data_ws = wb["数据"]
    dh = [c.value for c in data_ws[1]]
    assert isinstance(data_ws.cell(row=2, column=dh.index("数值") + 1).value, (int, float))
    assert data_ws.cell(row=2, column=dh.index("折算值") + 1).value == 15389800


def test_markdown_escapes_markup(results):
    md = get("md").render(results, {})
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    assert "差额 +0.08万元" in md
    assert "无法读取" in md


def test_csv_bom_rows_and_formula_guard(results):
    data = get("csv").render(results, {})
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "文件"
    body = rows[1:]
    assert len(body) == 4  # two evidence rows, one, and the unreadable file
    quotes = [r[rows[0].index("引文")] for r in body]
    assert "'" + FORMULA in quotes and "'@SUM(A1:A2) 完成率95%" in quotes
    assert all(not q.startswith(("=", "@", "+")) for q in quotes)
    # negative numbers are numbers, not formulas: left alone
    assert "-12.5" in [r[rows[0].index("证据数值")] for r in body]


def test_waived_findings_are_marked(results):
    results[0].findings[0].waived = "已核实"
    html = get("html").render(results, {"unmatched_waivers": [{"fingerprint": "deadbeef", "reason": "旧的"}]})
    assert 'data-waived="1"' in html and "已豁免" in html and "deadbeef" in html
    md = get("md").render(results, {})
    assert "已豁免：已核实" in md


def test_difference_and_highlight():
    assert difference("1,538.90万元", "1,538.98万元") == "+0.08万元"
    assert difference("100", "90") == "-10"
    assert difference("100万元", "90元") is None
    assert difference(None, "1") is None
    segs = highlight_spans("a 12.5 b 12.50 c", ["12.5", "12.50"])
    assert ("12.50", True) in segs and ("12.5", True) in segs


def test_text_and_json_still_work(results):
    assert "ZZ901" in get("text").render(results)
    assert '"ZZ901"' in get("json").render(results)


def test_cli_output_folder_and_every_format(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import scan_app

    for n in ("甲 单位.txt", "乙单位.txt"):
        (tmp_path / n).write_text("一、情况\n执行数 5.00 万元。\n", encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(scan_app, ["--format", "html", "-q", "-o", f"{out}/", str(tmp_path / "甲 单位.txt"),
                                 str(tmp_path / "乙单位.txt")])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "乙单位.html", "甲 单位.html"]
    for fmt in ("xlsx", "md", "csv", "json", "text"):
        f = tmp_path / f"r.{fmt}"
        r = runner.invoke(scan_app, ["--format", fmt, "-q", "-o", str(f), str(tmp_path / "乙单位.txt")])
        assert r.exit_code == 0 and f.stat().st_size > 0, (fmt, r.output)
