"""Continued tables (page break, 续表, a Word table split in two, a sheet split by a blank row) are read
as one table in every format, before the checks: the total in the second part adds the rows of both."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest

from conftest import ROOT
from extractor.checks import all_checks, run_checks
from extractor.extract import extract_figures
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers import parse
from extractor.parsers.join import is_marker, join_continued
from extractor.parsers.text import parse_text

sys.path.insert(0, str(ROOT))  # samples/ is a folder of scripts
from samples.render_office import render_docx, render_xlsx  # noqa: E402
from samples.render_pdf import render_pdf  # noqa: E402

HEADER = ["项目", "年初预算", "调整后预算", "执行数"]


def _rows(n: int = 12, bad: int | None = None) -> list[list[str]]:
    """n detail rows and a 合计 row that adds them (in 元, exact); `bad` row's 执行数 is off by 0.01."""
    rows, tot = [], [Decimal(0)] * 3
    for i in range(1, n + 1):
        vals = [Decimal(1000 * i) + Decimal("0.25"), Decimal(1100 * i), Decimal(1050 * i) + Decimal("0.5")]
        tot = [a + b for a, b in zip(tot, vals)]
        if i == bad:
            vals[2] += Decimal("0.01")
        rows.append([f"支出项目{i}"] + [f"{v:,.2f}" for v in vals])
    rows.append(["合计"] + [f"{v:,.2f}" for v in tot])
    return rows


def _bg001(doc: Document):
    figs = extract_figures(doc)
    return [f for f in run_checks(doc, figs, checks=[all_checks()["BG001"]]) if f.severity == "error"]


def _pipe(rows):
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


SPLIT = 7  # rows of the body in the first part


def _parts(bad=None, repeat=True):
    body = _rows(bad=bad)
    first = [HEADER] + body[:SPLIT]
    second = ([HEADER] if repeat else []) + body[SPLIT:]
    return first, second


def _text(marker: str | None, repeat: bool, bad=None) -> str:
    a, b = _parts(bad, repeat)
    mid = f"\n\n{marker}\n\n" if marker else "\n\n\n"
    return "一、预算执行情况\n单位：元\n" + _pipe(a) + mid + _pipe(b) + "\n二、结论\n各项工作完成良好。\n"


def _blocks(marker: str | None, repeat: bool, bad=None) -> list:
    a, b = _parts(bad, repeat)
    return ["一、预算执行情况", "单位：元", a] + ([marker] if marker else []) + [b, "二、结论", "各项工作完成良好。"]


def _docx(tmp_path, marker, repeat, bad=None):
    return parse(render_docx(tmp_path / "r.docx", _blocks(marker, repeat, bad)))


def _xlsx(tmp_path, marker, repeat, bad=None):
    return parse(render_xlsx(tmp_path / "r.xlsx", {"表1": _blocks(marker, repeat, bad)}))


def _html(tmp_path, marker, repeat, bad=None):
    a, b = _parts(bad, repeat)

    def table(rows):
        return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"

    mid = f"<p>{marker}</p>" if marker else ""
    html = f"<html><body><p>一、预算执行情况</p><p>单位：元</p>{table(a)}{mid}{table(b)}<p>二、结论</p></body></html>"
    p = tmp_path / "r.html"
    p.write_text(html, encoding="utf-8")
    return parse(p)


def _txt(tmp_path, marker, repeat, bad=None):
    p = tmp_path / "r.txt"
    p.write_text(_text(marker, repeat, bad), encoding="utf-8")
    return parse(p)


def _pdf(tmp_path, marker, repeat, bad=None):
    a, b = _parts(bad, repeat)
    blocks = ["一、预算执行情况", "单位：元", a, "\f"] + ([marker] if marker else []) + [b, "二、结论"]
    return parse(render_pdf(tmp_path / "r.pdf", blocks, repeat_header=False))


READERS = {"text": _txt, "docx": _docx, "xlsx": _xlsx, "html": _html, "pdf": _pdf}
LAYOUTS = [("续表", True), ("续表", False), ("（续表1）", True), (None, True), (None, False)]


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("marker,repeat", LAYOUTS)
def test_continued_table_is_one_table(tmp_path, fmt, marker, repeat):
    doc = READERS[fmt](tmp_path, marker, repeat)
    tables = [t for t in doc.tables() if t.n_cols == 4]
    assert len(tables) == 1, [t.texts()[:2] for t in tables]
    t = tables[0]
    texts = t.texts()
    assert texts[0][0] == "项目" and sum(1 for r in texts if r[0] == "项目") == 1  # header once
    assert [r[0] for r in texts[1:]] == [f"支出项目{i}" for i in range(1, 13)] + ["合计"]
    assert any("合并为一张表" in n for n in doc.notes) or fmt == "pdf"  # the PDF parser may join it itself
    assert not _bg001(doc)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_error_in_first_part_is_found_against_total_in_second(tmp_path, fmt):
    doc = READERS[fmt](tmp_path, "续表", True, bad=3)
    (f,) = _bg001(doc)
    assert "0.01" in f.message
    # the addends come from both parts, each at its own original place
    tables = {e.location.table for e in f.evidence}
    assert len(f.evidence) == 1 + 12
    if fmt in ("docx", "text", "html"):
        assert len(tables) == 2  # first part and continuation keep their own table numbers


def test_locations_are_kept_and_rows_continue():
    doc = parse_text(_text("续表", True), "r.txt")
    (t,) = list(doc.tables())
    cont = [c for c in t.cells if c.text == "支出项目8"][0]
    assert cont.row == SPLIT + 2  # rows continue in the joined table
    assert cont.location.table == 2 and cont.location.row == 2  # printed in the second table, row 2
    assert any("表2接续表1" in n and "续表" in n for n in doc.notes)


def test_separate_tables_stay_apart():
    a = [HEADER] + _rows(3)
    # a 单位 line opens a new table; a total closes one; a sentence between ends it; other widths differ
    for mid in ("\n\n单位：元\n\n", "\n\n\n", "\n\n下表为项目支出明细。\n\n"):
        doc = parse_text(_pipe(a) + mid + _pipe(a), "r.txt")
        assert len(list(doc.tables())) == 2, mid
        assert not doc.notes
    doc = parse_text(_pipe(a) + "\n\n续表\n\n" + _pipe([r[:3] for r in a]), "r.txt")
    assert len(list(doc.tables())) == 2
    assert any("标为续表" in n and "未合并" in n for n in doc.notes)  # the reviewer is told


def test_headless_part_after_a_sentence_is_not_joined():
    a, b = _parts(repeat=False)
    doc = parse_text(_pipe(a) + "\n\n注：以上为部分项目。\n\n" + _pipe(b), "r.txt")
    assert len(list(doc.tables())) == 2


def test_join_is_idempotent_and_keeps_marker_text():
    doc = parse_text(_text("续表", False), "r.txt")
    n_blocks, notes = len(doc.blocks), list(doc.notes)
    join_continued(doc)
    assert len(doc.blocks) == n_blocks and doc.notes == notes
    assert "续表" in [p.text for p in doc.paragraphs()]


def test_marker_in_first_row_of_second_table():
    loc = Location(source="m")
    a = Table([Cell(t, 1, k + 1, loc.with_(table=1, row=1, col=k + 1)) for k, t in enumerate(HEADER)]
              + [Cell(t, 2, k + 1, loc.with_(table=1, row=2, col=k + 1)) for k, t in enumerate(["甲", "1", "1", "1"])],
              loc.with_(table=1))
    b = Table([Cell("续表", 1, 1, loc.with_(table=2, row=1, col=1), colspan=4)]
              + [Cell(t, 2, k + 1, loc.with_(table=2, row=2, col=k + 1)) for k, t in enumerate(["合计", "1", "1", "1"])],
              loc.with_(table=2))
    doc = join_continued(Document("m", "docx", [a, Paragraph("", loc), b][::2]))
    (t,) = list(doc.tables())
    assert t.texts() == [HEADER, ["甲", "1", "1", "1"], ["合计", "1", "1", "1"]]


@pytest.mark.parametrize("text,want", [
    ("续表", True), ("续表2", True), ("（续表）", True), ("续上表", True), ("接上表", True), ("表3（续）", True),
    ("续表1 单位：万元", True), ("继续加强预算管理", False), ("续签合同3份", False), ("表3 项目支出表", False),
])
def test_marker_words(text, want):
    assert is_marker(text) is want


def test_a_stray_mark_between_the_parts_does_not_split_the_table():
    """A lone 。 left below the first part (a cell's text overflowing the frame at the page foot) is no
    content between the parts; a sentence is (test above)."""
    doc = parse_text(_text("。", False), "r.txt")
    assert len([t for t in doc.tables() if t.n_cols == 4]) == 1
    assert not _bg001(doc)
