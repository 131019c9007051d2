"""Plain-text parser: encodings, paragraphs, the table shapes of the seed and the corpus, captions."""

import os
from pathlib import Path

import pytest

from extractor.errors import ExtractError
from extractor.model import Paragraph, Table
from extractor.parsers import parse
from extractor.parsers.text import decode, parse_text
from extractor.quantities import find_quantities, parse_value

from conftest import CORPUS, SEED_STEM

SAMPLE = "一、基本情况\n年初预算为1422.74万元。\n单位：元\n\t项目\n\t金额\n\n\t合计\n\t1,234.00\n\n\n二、问题\n无。\n"


def _tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "encoding, note",
    [("utf-8", None), ("utf-8-sig", None), ("utf-16", "UTF-16"), ("gbk", "GB18030"), ("gb18030", "GB18030")],
)
def test_encodings_read_correctly(tmp_path, encoding, note):
    p = tmp_path / f"r_{encoding}.txt"
    p.write_bytes(SAMPLE.encode(encoding))
    doc = parse(p)
    assert doc.format == "text"
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][:2] == ["一、基本情况", "年初预算为1422.74万元。"]
    assert _tables(doc)[0].texts() == [["项目", "金额"], ["合计", "1,234.00"]]
    if note:
        assert any(note in n for n in doc.notes), doc.notes
    else:
        assert not doc.notes


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    p = tmp_path / "u16.txt"
    p.write_bytes("Report 2021\n年初预算为1422.74万元。\n".encode(encoding))
    doc = parse(p)
    assert [b.text for b in doc.paragraphs()] == ["Report 2021", "年初预算为1422.74万元。"]
    assert any("UTF-16" in n for n in doc.notes)


def test_utf8_cut_inside_last_character_is_still_utf8():
    data = "年初预算为1422.74万元。执行".encode("utf-8")[:-1]
    text, enc = decode(data)
    assert enc == "utf-8" and text.startswith("年初预算为1422.74万元")


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02PK garbage" * 50, os.urandom(4096)])
def test_binary_garbage_is_a_clear_error(tmp_path, data):
    p = tmp_path / "garbage.txt"
    p.write_bytes(data)
    with pytest.raises(ExtractError) as e:
        parse(p)
    assert e.value.code in ("unsupported", "encoding") and e.value.message


def test_whitespace_only_file_is_an_error(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("\n \n\t\n", encoding="utf-8")
    with pytest.raises(ExtractError):
        parse(p)


# ------------------------------------------------------------------ tables


def test_seed_tables(seeds_dir):
    doc = parse(seeds_dir / f"{SEED_STEM}.txt")
    ts = _tables(doc)
    assert len(ts) == 3
    assert all(t.caption and "单位" in t.caption and "元" in t.caption for t in ts)
    t1 = ts[0].texts()
    assert t1[0] == ["项   目", "预算数", "预算调整", "调整后预算", "2021年执行数", "预算执行率"]
    assert t1[-1] == ["部门支出总计", "14,227,418.02", "1,162,392.16", "15,389,810.18", "15,389,810.18", "100.00%"]
    # table 3: numbered rows; the header and the total row span the number column as in the DOCX
    t3 = ts[2]
    assert t3.n_cols == 4 and t3.n_rows == 11
    assert t3.texts()[0] == ["项         目", "项         目", "2021年执行数", "备注"]
    assert t3.texts()[1] == ["1", "人大换届选举工作经费", "74,679.70", ""]
    assert t3.texts()[-1] == ["项目支出合计", "项目支出合计", "4,282,377.26", ""]
    total = t3.rows()[-1]
    assert total[0].colspan == 2 and total[1].col == 3 and total[1].location.col == 3
    assert parse_value(total[1].text).value == parse_value("4,282,377.26").value
    # sections reach the tables
    assert ts[0].location.section == "二/（一）/1"
    assert all(c.location.table == 1 and c.location.section == "二/（一）/1" for c in ts[0].cells)


def test_seed_paragraph_figures(seeds_dir):
    doc = parse(seeds_dir / f"{SEED_STEM}.txt")
    para = next(p for p in doc.paragraphs() if "年初预算为" in p.text)
    qs = [m.quantity for m in find_quantities(para.text)]
    assert [(q.raw, q.unit) for q in qs] == [("1422.74万元", "万元"), ("1538.98万元", "万元"), ("1538.98万元", "万元"),
                                             ("100.00%", "%")]


def test_pipe_table_with_caption_row_and_trailing_empties():
    text = "绩效目标自评表 | ||||\n资金情况 (万元) |\n全年预算数(A) | 全年执行数(B) | 分值 | |||\n年度资金总额: | 9.48 | 9.48 | 10 | ||\n|\n其他资金 | - | - | ||||\n说明文字。\n"
    doc = parse_text(text, "x.txt")
    (t,) = _tables(doc)
    assert t.caption == "资金情况 (万元)"
    assert t.texts()[2][:4] == ["全年预算数(A)", "全年执行数(B)", "分值", ""]
    assert ["年度资金总额:", "9.48", "9.48", "10"] == [c.text for c in t.rows()[3]]
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text == "说明文字。"


def test_caption_is_a_unit_not_any_单位():
    doc = parse_text("实施单位：某某学校\n\t项目\n\t金额\n\n\t合计\n\t1.00\n", "")
    assert _tables(doc)[0].caption is None
    doc = parse_text("表1 支出情况表（金额单位：万元）\n\t项目\n\t金额\n\n\t合计\n\t1.00\n", "")
    assert _tables(doc)[0].caption == "表1 支出情况表（金额单位：万元）"


def test_markdown_table():
    doc = parse_text("| 项目 | 金额 |\n|---|---:|\n| 合计 | 1,234.00 |\n", "")
    assert _tables(doc)[0].texts() == [["项目", "金额"], ["合计", "1,234.00"]]


def test_space_aligned_and_tsv_tables():
    text = "单位：万元\n项目        年初预算    执行数\n基本支出    100.00      99.50\n项目支出    50.00       50.00\n结束。\n"
    doc = parse_text(text, "")
    (t,) = _tables(doc)
    assert t.caption == "单位：万元"
    assert t.texts() == [["项目", "年初预算", "执行数"], ["基本支出", "100.00", "99.50"], ["项目支出", "50.00", "50.00"]]
    doc = parse_text("项目\t金额\n合计\t1,234.00\n", "")
    assert _tables(doc)[0].texts() == [["项目", "金额"], ["合计", "1,234.00"]]


def test_flattened_line_stays_a_paragraph_with_figures():
    line = "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974"
    doc = parse_text(line + "\n", "")
    assert len(doc.blocks) == 1 and isinstance(doc.blocks[0], Paragraph)
    assert "89.974" in [m.quantity.raw for m in find_quantities(doc.blocks[0].text)]


def test_tab_indented_prose_is_not_a_table():
    doc = parse_text("\t我单位认真开展绩效自评。\n\n\t现将有关情况报告如下。\n", "")
    assert not _tables(doc) and len(list(doc.paragraphs())) == 2


def test_locations_are_counted():
    doc = parse_text(SAMPLE, "s.txt")
    paras = list(doc.paragraphs())
    assert [p.location.paragraph for p in paras] == list(range(1, len(paras) + 1))
    t = _tables(doc)[0]
    assert t.location.table == 1 and t.location.source == "s.txt"
    assert [(c.location.row, c.location.col) for c in t.cells] == [(1, 1), (1, 2), (2, 1), (2, 2)]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("real_*.txt")) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_every_corpus_file_parses(path: Path):
    doc = parse(path)
    assert doc.blocks
    for b in doc.blocks:
        if isinstance(b, Table):
            assert b.cells and all(c.location.table == b.location.table for c in b.cells)
        for m in find_quantities(b.text if isinstance(b, Paragraph) else "\n".join("\t".join(r) for r in b.texts())):
            assert m.quantity.raw


def test_corpus_pipe_tables_keep_their_shape(corpus_dir):
    doc = parse(corpus_dir / "real_02.txt")
    (t,) = _tables(doc)
    assert t.caption and "万元" in t.caption
    rows = [[c.text for c in r] for r in t.rows()]
    assert ["年度资金总额:", "9.48", "9.48", "10", "100%", "10"] in rows


def test_two_column_table_with_inner_bars_only():
    from extractor.parsers.text import parse_text

    doc = parse_text("明细如下：\n项目 | 金额（元）\n培训费 | 12,000.00\n印刷费 | 3,500.00\n合计 | 15,500.00\n")
    tables = list(doc.tables())
    assert len(tables) == 1
    assert [[c.text for c in r] for r in tables[0].rows()][1] == ["培训费", "12,000.00"]


def test_a_stray_bar_in_prose_is_no_table():
    from extractor.parsers.text import parse_text

    doc = parse_text("甲方 | 乙方共同负责。\n双方 | 按约定执行。\n")
    assert not list(doc.tables())
