"""DOCX parser: the seed Word rendering gives what the seed text gives; constructed documents with merged
cells, nested tables, text boxes, tracked changes and fields; corrupt files give a clear error."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEED_STEM
from extractor.errors import ExtractError
from extractor.model import Cell, Location, Table
from extractor.parsers import parse
from extractor.quantities import find_quantities, parse_value

sys.path.insert(0, str(ROOT))
from samples.render_office import render_docx  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"')


@pytest.fixture(scope="module")
def seed(seeds_dir):
    return parse(seeds_dir / f"{SEED_STEM}.docx"), parse(seeds_dir / f"{SEED_STEM}.txt")


def _numeric_rows(t: Table) -> list[list]:
    out = []
    for row in t.rows():
        vals = [q.value for q in (parse_value(c.text) for c in row) if q is not None]
        if vals:
            out.append(vals)
    return out


def _money_and_rates(doc) -> Counter:
    c: Counter = Counter()
    for p in doc.paragraphs():
        for m in find_quantities(p.text):
            if m.quantity.unit in ("元", "万元", "亿元", "%"):
                c[(m.quantity.value, m.quantity.unit)] += 1
    return c


def test_seed_docx_tables_match_the_text(seed):
    d, t = seed
    assert d.format == "docx"
    dt, tt = list(d.tables()), list(t.tables())
    assert len(dt) == len(tt) == 3
    for a, b in zip(dt, tt):
        assert _numeric_rows(a) == _numeric_rows(b)
        assert a.caption and "单位" in a.caption
    # table 3: the header and the total row span the number column, each cell listed once
    t3 = dt[2]
    merged = [c for c in t3.cells if c.colspan == 2]
    assert [c.row for c in merged] == [1, t3.n_rows] and merged[1].text == "项目支出合计"
    assert len(t3.cells) == len({(c.row, c.col) for c in t3.cells}) == sum(len(r) for r in t3.rows())
    assert t3.texts()[-1][:2] == ["项目支出合计", "项目支出合计"]  # the grid shows the span
    assert all(c.location.table == 3 and c.location.row == c.row and c.location.col == c.col for c in t3.cells)


def test_seed_docx_paragraphs_hold_every_amount_and_rate_of_the_text(seed):
    d, t = seed
    want = _money_and_rates(t)
    assert sum(want.values()) > 20
    assert _money_and_rates(d) == want


def test_seed_docx_headings_from_styles_and_sections(seed):
    d, _ = seed
    paras = list(d.paragraphs())
    h1 = [p for p in paras if p.heading == 1]
    assert [p.text[:2] for p in h1] == ["一、", "二、", "三、", "四、"]
    assert all(p.style == "Heading 1" for p in h1)
    # a style-only heading without a number still opens a section
    styled = [p for p in paras if p.style == "Heading 2" and not p.text.startswith("（")]
    assert styled and styled[0].heading == 2
    body = next(p for p in paras if "1538.98万元" in p.text)
    assert body.heading is None and body.location.section == "一/（一）"
    assert [p.location.paragraph for p in paras] == list(range(1, len(paras) + 1))


# ------------------------------------------------------------------ constructed documents


def _append_xml(path: Path, fragments: list[str]) -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document(str(path))
    body = d.element.body
    for frag in fragments:
        body.insert(len(body) - 1, parse_xml(frag))  # before the final w:sectPr
    d.save(str(path))


TEXTBOX = f"""<w:p {NS}><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>
<w:p><w:r><w:t>文本框：执行数12.50万元</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框：执行数12.50万元</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""
TRACKED = f"""<w:p {NS}><w:r><w:t>执行数为</w:t></w:r><w:del w:id="1" w:author="审核"><w:r><w:delText>100.00</w:delText>
</w:r></w:del><w:ins w:id="2" w:author="审核"><w:r><w:t>90.00</w:t></w:r></w:ins><w:r><w:t>万元</w:t></w:r>
<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的5.00万元</w:t></w:r></w:p>"""
FIELD = f"""<w:p {NS}><w:hyperlink w:anchor="x"><w:r><w:t>见附表</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="begin"/>
</w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>
<w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>页</w:t></w:r>
</w:fldSimple></w:p>"""


@pytest.fixture(scope="module")
def constructed(tmp_path_factory):
    import docx

    p = tmp_path_factory.mktemp("docx") / "构造.docx"
    loc = Location()
    merged = Table(cells=[
        Cell("项目", 1, 1, loc, colspan=2), Cell("金额", 1, 3, loc),
        Cell("基本支出", 2, 1, loc, rowspan=2), Cell("人员经费", 2, 2, loc), Cell("8.00", 2, 3, loc),
        Cell("公用经费", 3, 2, loc), Cell("2.00", 3, 3, loc),
        Cell("合计", 4, 1, loc, colspan=2), Cell("10.00", 4, 3, loc)], location=loc)
    render_docx(p, [("一、预算执行情况", 1), "单位：万元", merged, "（二）其他"])
    d = docx.Document(str(p))
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "外层项目", "说明"
    outer.cell(1, 0).text = "明细见内表"
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "内层项目", "金额"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "购置费", "3.00"
    d.save(str(p))
    _append_xml(p, [TEXTBOX, TRACKED, FIELD])
    return parse(p)


def test_merged_cells_appear_once_with_their_span(constructed):
    t = next(constructed.tables())
    assert t.caption == "单位：万元" and t.location.section == "一"
    by = {c.text: c for c in t.cells}
    assert (by["项目"].colspan, by["项目"].rowspan) == (2, 1)
    assert (by["基本支出"].rowspan, by["基本支出"].colspan) == (2, 1)
    assert by["合计"].colspan == 2 and by["合计"].row == 4
    assert len(t.cells) == 9 and list(by).count("基本支出") == 1
    assert t.texts()[2] == ["基本支出", "公用经费", "2.00"]


def test_nested_table_is_kept_apart_from_its_parent_cell(constructed):
    tables = [b for b in constructed.blocks if isinstance(b, Table)]
    outer = tables[1]
    assert [t.location.table for t in constructed.tables()] == [1, 2, 3]
    assert len(outer.nested) == 1
    host = next(c for c in outer.cells if c.row == 2 and c.col == 2)
    assert "购置费" not in host.text and "3.00" not in host.text
    assert outer.nested[0].texts() == [["内层项目", "金额"], ["购置费", "3.00"]]


def test_text_box_read_once_tracked_changes_and_fields(constructed):
    texts = [p.text for p in constructed.paragraphs()]
    full = constructed.text()
    assert full.count("文本框：执行数12.50万元") == 1
    assert texts.index("文本框：执行数12.50万元") == texts.index("锚定段落") + 1
    assert "执行数为90.00万元" in texts
    assert "100.00" not in full and "隐藏" not in full
    assert "见附表7页" in texts and "PAGE" not in full


# ------------------------------------------------------------------ bad input


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("执行数 9.00 万元。")
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
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
    "invalid_xml.docx": lambda: _rezip(_docx_bytes(), {"word/document.xml": b"<w:document><w:body><w:p>"}),
    "no_content_types.docx": lambda: _rezip(_docx_bytes(), {"[Content_Types].xml": None}),
    "no_rels.docx": lambda: _rezip(_docx_bytes(), {"word/_rels/document.xml.rels": None, "_rels/.rels": None}),
    "truncated.docx": lambda: _docx_bytes()[:3000],
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_corrupt_docx_is_a_clear_error(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(CORRUPT[name]())
    with pytest.raises(ExtractError) as e:
        parse(p)
    assert e.value.code == "corrupt"
    assert "损坏" in e.value.message


def test_password_protected_office_file_message(tmp_path):
    p = tmp_path / "加密.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)  # encrypted OOXML is an OLE container
    with pytest.raises(ExtractError) as e:
        parse(p)
    assert e.value.code == "legacy_format" and "加密" in e.value.message


def test_corrupt_docx_through_cli(tmp_path):
    good = tmp_path / "好.docx"
    good.write_bytes(_docx_bytes())
    bad = tmp_path / "坏.docx"
    bad.write_bytes(CORRUPT["invalid_xml.docx"]())
    r = subprocess.run([sys.executable, "-m", "extractor", "--format", "json", str(good), str(bad)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    import json

    docs = {Path(d["source"]).name: d for d in json.loads(r.stdout)["documents"]}
    assert docs["坏.docx"]["status"] == "error" and docs["坏.docx"]["error"]["code"] == "corrupt"
    assert docs["好.docx"]["status"] == "ok"


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def _numbered(text: str, num: int, lvl: int) -> str:
    return (f'<w:p {NS}><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")


def test_automatic_list_numbers_are_rendered_for_the_outline(tmp_path):
    p = tmp_path / "编号.docx"
    render_docx(p, [])
    _append_xml(p, [_numbered("总体情况", 1, 0), _numbered("预算执行", 1, 1), _numbered("基本支出", 1, 2),
                    _numbered("项目支出", 1, 2), _numbered("绩效目标", 1, 1), _numbered("要点", 2, 0),
                    _numbered("问题", 1, 0), _numbered("原因", 1, 1)])
    p.write_bytes(_rezip(p.read_bytes(), {"word/numbering.xml": NUMBERING.encode()}))
    d = parse(p)
    assert [x.text for x in d.paragraphs()] == ["一、总体情况", "（一）预算执行", "1.基本支出", "2.项目支出",
                                                "（二）绩效目标", "要点", "二、问题", "（一）原因"]
    assert [x.location.section for x in d.paragraphs()][-2:] == ["二", "二/（一）"]


def test_table_of_contents_is_not_read_as_content(tmp_path):
    p = tmp_path / "目录.docx"
    render_docx(p, [("一、总体情况", 1), "执行数 5.00 万元。"])
    toc = (f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
           f'</w:sdtPr><w:sdtContent><w:p><w:r><w:t>一、总体情况</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>3</w:t></w:r>'
           f"</w:p></w:sdtContent></w:sdt>")
    control = f'<w:sdt {NS}><w:sdtContent><w:p><w:r><w:t>控件中的正文 2.00 万元</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    _append_xml(p, [toc, control])
    texts = [x.text for x in parse(p).paragraphs()]
    assert texts == ["一、总体情况", "执行数 5.00 万元。", "控件中的正文 2.00 万元"]
