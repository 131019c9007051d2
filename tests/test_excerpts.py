"""Excerpts for reports: the rows shown with a table finding (header, evidence rows, closing total),
paragraph views, the total-row vocabulary's examples, and their round trip through the --db store."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import patterns
from extractor.excerpts import TableView, excerpts, table_view, total_words
from extractor.model import Cell, Document, Evidence, Finding, Location, Paragraph, Table

ROOT = Path(__file__).resolve().parents[1]


def _table() -> Table:
    loc = Location(source="t", page=2, table=1)
    rows = [
        ["项目", "年初预算", "执行数"],
        ["基本支出", "", ""],  # merged label row is text; no figure
        ["人员经费", "10.00", "9.00"],
        ["公用经费", "5.00", "4.00"],
        ["小计", "15.00", "13.00"],
        ["项目支出", "7.00", "7.00"],
        ["合计", "22.00", "20.00"],
    ]
    cells = []
    for r, row in enumerate(rows, 1):
        for k, text in enumerate(row, 1):
            if r == 2 and k > 1:
                continue
            span = 3 if r == 2 and k == 1 else 1
            cells.append(Cell(text=text, row=r, col=k, colspan=span, location=loc.with_(row=r, col=k)))
    return Table(cells=cells, location=loc, caption="单位：万元")


def test_rows_shown_with_an_evidence_row():
    v = table_view(_table(), {3}, total_words())
    # header (walking up over data rows to the first text row), the row, its closing total, the grand total
    assert v.context == {3: [2, 3, 5, 7]}
    assert v.n_rows == 7 and v.n_cols == 3 and v.caption == "单位：万元" and v.page == 2
    kept = {c["row"] for c in v.cells}
    assert kept == {2, 3, 5, 7}
    merged = next(c for c in v.cells if c["row"] == 2)
    assert merged["colspan"] == 3


def test_header_is_the_nearest_text_row_above_else_row_one():
    v = table_view(_table(), {6, 7}, total_words())
    assert v.context == {6: [2, 6, 7], 7: [2, 7]}
    loc = Location(source="t", table=2)
    cells = [Cell(text=t, row=r, col=k, location=loc.with_(row=r, col=k))
             for r, row in enumerate([["2021", "2022"], ["10", "20"], ["11", "21"]], 1) for k, t in enumerate(row, 1)]
    assert table_view(Table(cells=cells, location=loc), {3}, total_words()).context == {3: [1, 3]}


def test_total_row_words_examples():
    from extractor.extract.budget_vocab import total_level

    data = patterns.load("totals")["examples"]
    words = total_words()
    for label, level in data["sum"].items():
        assert total_level(label) == level, label
        assert any(w in "".join(label.split()) for w in words) == (level > 0), label
    for label, score in data["score"].items():
        assert any(w in "".join(label.split()) for w in words) == score, label


def test_excerpts_follow_the_evidence():
    t = _table()
    para = Paragraph("一、概况。年初预算为22.00万元。", Location(source="t", page=1, paragraph=4, section="一"))
    doc = Document(source="t", format="pdf", blocks=[para, t])
    f = Finding(code="ZZ001", name="x", kind="sum_mismatch", severity="error", message="m",
                evidence=[Evidence("22.00", "stated_total", t.location.with_(row=7, col=2), "22.00"),
                          Evidence("年初预算为22.00万元", "restated", para.location.with_(span=(10, 15)), "22.00")])
    tables, paras = excerpts(doc, [f])
    assert list(tables) == [1] and 7 in tables[1].context
    assert paras[4].text == para.text and paras[4].section == "一" and paras[4].page == 1
    assert TableView.from_record(tables[1].to_record()) == tables[1]


def test_store_keeps_boxes_and_excerpts(tmp_path):
    from extractor.db import Store
    from extractor.pipeline import analyse

    src = ROOT / "samples" / "forms" / "errors_b.pdf"
    res = analyse(src)
    res.sha256 = "abc"
    st = Store(tmp_path / "r.sqlite")
    st.save(src, res, "abc", "k", 0.1)
    (back,) = st.results()
    st.close()
    assert back.page_sizes == res.page_sizes and back.sha256 == "abc" and back.path == str(src.resolve())
    assert [f.location.bbox for f in back.figures] == [f.location.bbox for f in res.figures]
    assert [e.location for f in back.findings for e in f.evidence] == [
        e.location for f in res.findings for e in f.evidence]
    assert back.tables == res.tables and back.tables
    assert [f.fingerprint for f in back.findings] == [f.fingerprint for f in res.findings]


def test_old_store_is_refused_with_a_clear_message(tmp_path):
    import sqlite3

    from extractor.db import Store, StoreError

    p = tmp_path / "old.sqlite"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="结构版本为 1.*需要 2.*重新扫描"):
        Store(p)
