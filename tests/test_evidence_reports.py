"""Evidence in the reviewer reports without a browser: table re-draw, page images from the source only
(gone or changed source said so), the size bound with images written beside the report, --no-images,
Markdown page links, XLSX quote comments, escaping of document text inside the new views."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from extractor.cli import scan_app, sub_app
from extractor.pipeline import analyse
from extractor.reporters import get
from extractor.reporters.evidence_view import finding_blocks, stated_evidence
from extractor.reporters.pages import Images

ROOT = Path(__file__).resolve().parents[1]
FORM = ROOT / "samples" / "forms" / "errors_b.pdf"
FORM_DOCX = ROOT / "samples" / "forms" / "errors_b.docx"


@pytest.fixture(scope="module")
def form():
    return analyse(FORM)


def test_table_block_marks_compared_cells_and_keeps_merges(form):
    f = next(f for f in form.findings if f.code == "FM011")  # 200 ≠ 150 + 40
    (table,) = [b for b in finding_blocks(form, f) if b.kind == "table"]
    marked = {(c.row, c.col): c for row in table.rows for c in row.cells if c.family}
    assert {k: c.family for k, c in marked.items()} == {(5, 3): "total", (6, 3): "addend", (7, 3): "addend"}
    shown = [row.number for row in table.rows if row.number]
    assert shown[0] < 5 and 18 in shown  # a header row above, the 总分 row below
    assert any(row.number is None and row.gap for row in table.rows)  # rows left out are said so
    # laid out as a browser does (rowspans carried down), every drawn row fills exactly n_cols columns
    busy: dict[tuple[int, int], bool] = {}
    for i, row in enumerate(r for r in table.rows if r.number):
        k = 0
        for c in row.cells:
            while busy.get((i, k)):
                k += 1
            for di in range(c.rowspan):
                for dk in range(c.colspan):
                    busy[(i + di, k + dk)] = True
            k += c.colspan
        assert sum(1 for (ii, _) in busy if ii == i) == table.n_cols, row.number
    merged = [c for row in table.rows for c in row.cells if c.rowspan > 1]
    assert merged  # 资金情况 spans the fund rows


def test_expected_value_stands_beside_the_stated_one(form):
    f = next(f for f in form.findings if f.code == "FM006")  # score 10 stated, 8 expected; weight also 10
    i = stated_evidence(f)
    assert f.evidence[i].role == "score"
    (table,) = [b for b in finding_blocks(form, f) if b.kind == "table"]
    assert [c.expect for row in table.rows for c in row.cells if c.expect] == [f.expected]


def test_docx_paragraph_evidence_is_shown_marked_with_its_section(seeds_dir):
    res = analyse(seeds_dir / "000_14caaf9715f129c9.docx")
    f = next(f for f in res.findings if f.code == "IN001")
    paras = [b for b in finding_blocks(res, f) if b.kind == "paragraph"]
    assert paras and all(b.section for b in paras)
    marked = ["".join(t for t, fam, _ in b.segments if fam) for b in paras]
    for e in f.evidence:
        if e.value:
            assert any(e.value in m for m in marked)


def test_html_escapes_document_text_in_tables_and_paragraphs(tmp_path):
    from reporting_helpers import HOSTILE

    src = tmp_path / "h.txt"
    src.write_text("一、情况\n表1\n项目\t年初预算\t执行数\n人员经费" + HOSTILE + "\t10.00\t9.00\n公用经费\t5.00\t4.00\n"
                   "合计\t16.00\t13.00\n二、说明\n年初预算为16.00万元" + HOSTILE + "。\n", encoding="utf-8")
    res = analyse(src)
    html = get("html").render([res], {})
    assert html.count("<script") == 2 and "<img" not in html and "window.__pwned=1</script>" not in html


def test_source_gone_or_changed_is_said_instead_of_a_wrong_image(tmp_path):
    pdf = tmp_path / "form.pdf"
    shutil.copy(FORM, pdf)
    db = tmp_path / "r.sqlite"
    runner = CliRunner()
    assert runner.invoke(scan_app, ["--check", "-q", "--db", str(db), str(pdf)]).exit_code == 1
    out = tmp_path / "a.html"
    assert runner.invoke(sub_app, ["report", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").count("data:image/webp") == 1  # the one page, embedded once
    pdf.write_bytes(pdf.read_bytes() + b"\n% changed\n")
    assert runner.invoke(sub_app, ["report", "--db", str(db), "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "data:image/" not in html and "已被修改" in html and 'class="hl fam-' in html  # tables stay
    pdf.unlink()
    assert runner.invoke(sub_app, ["report", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert "原文件已不存在" in out.read_text(encoding="utf-8")


def test_images_beyond_the_bound_go_beside_the_report(tmp_path, form):
    form.path = str(FORM.resolve())
    assets = tmp_path / "report_files"
    html = get("html").render([form], {}, images=Images(assets=assets, max_embedded=1000))
    files = sorted(assets.iterdir())
    assert files and all(f.suffix in (".webp", ".png") for f in files)
    assert "data:image/" not in html and f'data-src="report_files/{files[0].name}"' in html
    assert "img-src data: 'self'" in html and "report_files/" in html and "超过" in html
    # written to stdout there is no folder: the rest is left out, and the report says so
    html = get("html").render([form], {}, images=Images(assets=None, max_embedded=1000))
    assert "data:image/" not in html and "未显示" in html


def test_no_images_and_markdown_links(tmp_path):
    runner = CliRunner()
    r = runner.invoke(scan_app, ["--format", "md", "-q", "-o", str(tmp_path / "r.md"), str(FORM)])
    assert r.exit_code == 1
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    pages = list((tmp_path / "r_files").iterdir())
    assert len(pages) == 1 and f"](r_files/{pages[0].name})" in md and "[第 1 页]" in md
    r = runner.invoke(scan_app, ["--format", "md", "-q", "--no-images", "-o", str(tmp_path / "n.md"), str(FORM)])
    assert "页面图像" not in (tmp_path / "n.md").read_text(encoding="utf-8")
    assert not (tmp_path / "n_files").exists()
    r = runner.invoke(scan_app, ["--format", "html", "-q", "--no-images", "-o", str(tmp_path / "n.html"), str(FORM)])
    assert "data:image/" not in (tmp_path / "n.html").read_text(encoding="utf-8")


def test_xlsx_evidence_sheet_has_location_columns_and_quote_comments(tmp_path, form):
    p = tmp_path / "r.xlsx"
    p.write_bytes(get("xlsx").render([form], {}))
    ws = openpyxl.load_workbook(p)["证据"]
    head = [c.value for c in ws[1]]
    assert {"页", "表", "行", "列"} <= set(head)
    col = head.index("原文数值") + 1
    quotes = head.index("引文") + 1
    with_value = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=quotes).value]
    assert with_value
    for r in with_value:
        assert ws.cell(row=r, column=col).comment.text == ws.cell(row=r, column=quotes).value[:1000]


def test_many_documents_render_in_worker_processes_like_one_by_one(tmp_path, form):
    from dataclasses import replace

    copies = []
    for k in range(4):
        p = tmp_path / f"f{k}.pdf"
        shutil.copy(FORM, p)
        copies.append(replace(form, source=str(p), path=str(p)))
    many = Images()
    many.prefetch([(r, {1}) for r in copies], jobs=2)
    assert len(many.cache) == 4 and not any(many.problems.values())
    one = Images().pages(copies[0], {1})[1]
    assert many.cache[(copies[0].path, 1)].data == one.data
    assert {img.name for img in many.cache.values()} == {Images().pages(r, {1})[1].name for r in copies}


def test_an_image_file_is_its_own_page_image(tmp_path):
    """A scan read by OCR (boxes in pixels): the page image is the file itself, in the same space."""
    from PIL import Image

    from extractor.model import Evidence, Finding, Location
    from extractor.pipeline import DocumentResult

    png = tmp_path / "scan.png"
    Image.new("RGB", (1200, 1700), "white").save(png)
    loc = Location(source=str(png), page=1, paragraph=1, bbox=(100.0, 200.0, 300.0, 240.0))
    f = Finding(code="ZZ001", name="x", kind="other", severity="warning", message="m",
                evidence=[Evidence("年初预算为16.00万元", "actual", loc, "16.00")])
    r = DocumentResult(source=str(png), format="image", path=str(png), findings=[f])
    html = get("html").render([r], {})
    assert html.count("data:image/webp") == 1
    assert 'viewBox="0 0 1200.0 1700.0"' in html and 'x="99.00" y="199.00" width="202.00"' in html
