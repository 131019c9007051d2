"""HTML parser: paragraphs from block elements, headings, tables with rowspan/colspan and nested tables;
scripts and styles dropped; hostile spans and unclosed tags handled."""

from __future__ import annotations

from extractor.model import Paragraph, Table
from extractor.parsers import parse

PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>页面标题</title>
<style>p {{ color: red }}</style><script>document.write("<p>脚本 99.00万元</p>")</script></head>
<body><h1>一、总体情况</h1>
<p>年初预算为1422.74万元，
调整后预算数为1538.98万元。<br>执行率达100.00%</p>
<div>单位：元</div>
<table><tr><th colspan="2">项目</th><th>金额</th></tr>
<tr><td rowspan="2">基本支出</td><td>人员经费<td>1,000.00</tr>
<tr><td>公用经费</td><td>200.00<table><tr><td>办公费</td><td>150.00</td></tr><tr><td>邮电费</td><td>50.00</td></tr></table></td></tr>
<tr><td colspan="2">合计</td><td>1,200.00</td></tr></table>
<table><tr><td><p>框里的段落一 &amp; 说明</p><p>框里的段落二</p></td></tr></table>
<h2>（一）未完</h2><p>最后一段
"""


def _doc(tmp_path, html: str = PAGE, enc: str = "gb18030"):
    p = tmp_path / "page.html"
    p.write_bytes(html.encode(enc))
    return parse(p)


def test_paragraphs_headings_and_no_script(tmp_path):
    d = _doc(tmp_path)
    assert d.format == "html"
    paras = [b for b in d.blocks if isinstance(b, Paragraph)]
    texts = [p.text for p in paras]
    assert texts[:4] == ["一、总体情况", "年初预算为1422.74万元，调整后预算数为1538.98万元。", "执行率达100.00%", "单位：元"]
    assert "框里的段落一 & 说明" in texts and texts[-1] == "最后一段"
    assert paras[0].heading == 1 and paras[0].style == "h1"
    assert "脚本" not in d.text() and "color" not in d.text() and "页面标题" not in d.text()
    assert [p.location.paragraph for p in paras] == list(range(1, len(paras) + 1))


def test_table_spans_nested_and_caption(tmp_path):
    d = _doc(tmp_path)
    tables = [b for b in d.blocks if isinstance(b, Table)]
    assert len(tables) == 1  # the one-cell frame is read as paragraphs
    t = tables[0]
    assert t.caption == "单位：元" and t.location.section == "一"
    assert t.n_cols == 3
    assert t.texts() == [["项目", "项目", "金额"], ["基本支出", "人员经费", "1,000.00"],
                         ["基本支出", "公用经费", "200.00"], ["合计", "合计", "1,200.00"]]
    assert len(t.cells) == 9
    assert "办公费" not in d.text().split("\n")[0] and len(t.nested) == 1
    assert t.nested[0].texts() == [["办公费", "150.00"], ["邮电费", "50.00"]]
    assert [x.location.table for x in d.tables()] == [1, 2]


def test_utf8_without_meta_and_unclosed_tags(tmp_path):
    d = _doc(tmp_path, "<html><body><p>第一段 5次<p>第二段<table><tr><td>a<td>1.00<tr><td>b<td>2.00", "utf-8")
    assert [p.text for p in d.paragraphs()] == ["第一段 5次", "第二段"]
    assert next(d.tables()).texts() == [["a", "1.00"], ["b", "2.00"]]


def test_hostile_spans_stay_bounded(tmp_path):
    rows = "".join('<tr><td rowspan="65534" colspan="100000">x</td><td>1</td></tr>' for _ in range(50))
    d = _doc(tmp_path, f"<html><body><table>{rows}</table></body></html>", "utf-8")
    t = next(d.tables())
    assert t.n_rows == 50 and t.n_cols <= 201


def test_rowspan_bomb_is_refused_not_hung(tmp_path):
    import pytest

    from extractor.errors import ExtractError

    rows = '<tr><td rowspan="65534">x</td></tr>' * 1200
    with pytest.raises(ExtractError) as e:
        _doc(tmp_path, f"<html><body><table><tr><td>a</td><td>b</td></tr>{rows}</table></body></html>", "utf-8")
    assert e.value.code == "too_large"
