"""PDF parser: the seed renderings agree with the seed text; constructed PDFs for each failure mode."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED_STEM
from extractor.errors import ExtractError
from extractor.model import Document
from extractor.parsers import parse
from extractor.parsers import pdf as pdfmod
from extractor.quantities import find_quantities

PDF_RENDERINGS = ["pdf", "cidfont.pdf", "fakebold.pdf"]
NUMERIC = re.compile(r"[\d,.]+%?")


def _numeric_cells(table) -> set[str]:
    texts = {c.text.replace(" ", "") for c in table.cells}
    return {t for t in texts if NUMERIC.fullmatch(t)}


def _text_quantities(doc: Document) -> Counter:
    out: Counter = Counter()
    for p in doc.paragraphs():
        for m in find_quantities(p.text):
            if m.quantity.dimension in ("money", "percent"):
                out[(m.quantity.value, m.quantity.unit)] += 1
    return out


def _doubled_cjk(doc: Document) -> int:
    n = 0
    for p in doc.paragraphs():
        t = p.text
        n += sum(1 for a, b in zip(t, t[1:]) if a == b and pdfmod.is_cjk(a) and a.isalpha())
    return n


@pytest.fixture(scope="module")
def seed_txt(seeds_dir) -> Document:
    return parse(seeds_dir / f"{SEED_STEM}.txt")


@pytest.fixture(scope="module")
def seed_docs(seeds_dir) -> dict[str, Document]:
    docs = {ext: parse(seeds_dir / f"{SEED_STEM}.{ext}") for ext in PDF_RENDERINGS}
    try:
        import extractor.parsers.docx  # noqa: F401  (written by another engineer; compare when present)

        docs["docx"] = parse(seeds_dir / f"{SEED_STEM}.docx")
    except ImportError:
        pass
    return docs


@pytest.mark.parametrize("ext", PDF_RENDERINGS + ["docx"])
def test_seed_rendering_has_the_same_budget_tables(seed_txt, seed_docs, ext):
    if ext not in seed_docs:
        pytest.skip("DOCX parser not available yet")
    doc = seed_docs[ext]
    ref, got = list(seed_txt.tables()), list(doc.tables())
    assert len(got) == len(ref) == 3
    for r, g in zip(ref, got):
        assert g.n_rows - 1 == r.n_rows - 1, "same number of data rows under one header row"
        assert _numeric_cells(g) == _numeric_cells(r)
        assert g.caption and "单位" in g.caption


@pytest.mark.parametrize("ext", PDF_RENDERINGS + ["docx"])
def test_seed_rendering_has_the_same_text_amounts_and_rates(seed_txt, seed_docs, ext):
    if ext not in seed_docs:
        pytest.skip("DOCX parser not available yet")
    expected = _text_quantities(seed_txt)
    assert expected[(pytest.importorskip("decimal").Decimal("1538.98"), "万元")] == 2
    assert _text_quantities(seed_docs[ext]) == expected


@pytest.mark.parametrize("ext", PDF_RENDERINGS)
def test_seed_pdf_text_is_clean(seed_txt, seed_docs, ext):
    doc = seed_docs[ext]
    text = doc.text()
    assert "(cid:" not in text
    assert doc.format == "pdf" and doc.pages and doc.pages >= 8 and not doc.notes
    # fake bold removed: no more doubled Chinese characters than the report really has (e.g. 常常)
    assert _doubled_cjk(doc) == _doubled_cjk(seed_txt)
    assert "武武" not in text and "22002211" not in text
    # no spurious spaces between Chinese characters or between Chinese and digits
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff\d]|\d +[\u4e00-\u9fff]", text)
    # page numbers dropped, nothing from a table repeated as a paragraph
    paras = [p.text for p in doc.paragraphs()]
    assert not any(re.fullmatch(r"[—\-\s]*\d+[—\-\s]*", p) for p in paras)
    assert not any("11,019,718.02" in p for p in paras)
    # paragraph and table counters are 1-based over the whole document
    assert [p.location.paragraph for p in doc.paragraphs()] == list(range(1, len(paras) + 1))
    assert [t.location.table for t in doc.tables()] == [1, 2, 3]


def test_seed_pdf_paragraphs_are_the_texts_paragraphs(seed_txt, seed_docs):
    """Lines are joined into exactly the report's paragraphs, in order (spaces aside)."""
    ref = [re.sub(r"\s+", "", p.text) for p in seed_txt.paragraphs()]
    for ext in PDF_RENDERINGS:
        assert [p.text for p in seed_docs[ext].paragraphs()] == ref, ext


def test_merged_cell_appears_once_with_its_span(seed_docs):
    t = list(seed_docs["pdf"].tables())[2]
    merged = [c for c in t.cells if c.colspan == 2]
    assert [c.text for c in merged] == ["项目", "项目支出合计"]
    assert sum(1 for c in t.cells if c.text == "项目支出合计") == 1


def test_cidfont_table_split_across_pages_is_merged(seed_docs):
    t = list(seed_docs["cidfont.pdf"].tables())[0]
    assert t.n_rows == 4
    assert [r[0] for r in t.texts()] == ["项目", "基本支出合计", "项目支出合计", "部门支出总计"]
    pages = {c.location.page for c in t.cells}
    assert len(pages) == 2 and t.location.page == min(pages)


# --- constructed PDFs -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import fixtures_pdf as F

    d = tmp_path_factory.mktemp("pdf")
    return {
        "image": F.image_only(d / "image.pdf"),
        "mixed": F.blank_then_image(d / "mixed.pdf"),
        "encrypted": F.encrypted(d / "encrypted.pdf"),
        "furniture": F.furniture(d / "furniture.pdf"),
        "split": F.split_table(d / "split.pdf"),
        "split_noheader": F.split_table(d / "split2.pdf", repeat_header=False),
        "dir": d,
    }


def _error(path: Path, ocr: str = "auto") -> ExtractError:
    with pytest.raises(ExtractError) as ei:
        parse(path, ocr=ocr)
    return ei.value


def test_image_only_pdf_is_reported_as_scanned(built):
    # without OCR: the scanned error says how to get it read
    e = _error(built["image"], ocr="off")
    assert e.code == "scanned" and "OCR" in e.message and "--ocr off" in e.message
    # with OCR: the image holds no text, and the error names the page
    e = _error(built["image"])
    assert e.code == "no_text" and "第1页" in e.message


def test_page_without_text_layer_is_noted(built):
    doc = parse(built["mixed"], ocr="off")
    assert "第2页没有文本层（扫描件），OCR 已关闭，未读取" in doc.notes
    assert any("100.00万元" in p.text for p in doc.paragraphs())
    doc = parse(built["mixed"])  # OCR reads the scanned page and finds it blank
    assert "第2页是空白页或没有可识别的文字" in doc.notes
    assert any("100.00万元" in p.text for p in doc.paragraphs())


def test_encrypted_pdf(built):
    e = _error(built["encrypted"])
    assert e.code == "encrypted" and "加密" in e.message


def test_truncated_and_garbage_pdf_give_a_clean_error(built, seeds_dir):
    import fixtures_pdf as F
    from extractor.pipeline import analyse

    cut = F.truncated(seeds_dir / f"{SEED_STEM}.pdf", built["dir"] / "cut.pdf")
    assert _error(cut).code == "corrupt"
    junk = built["dir"] / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n%%EOF\n")
    for p in (cut, junk):
        res = analyse(p)
        assert res.status == "error" and res.error.code in ("corrupt", "scanned", "no_text"), res.error.to_record()
        assert "Traceback" not in res.error.message


@pytest.mark.parametrize("numbers", ["— {n} —", "- {n} -", "第 {n} 页", "第{n}页 共3页", "{n}"])
def test_page_numbers_and_running_header_are_dropped(built, numbers):
    import fixtures_pdf as F

    doc = parse(built["furniture"] if numbers == "— {n} —" else F.furniture(built["dir"] / "f.pdf", numbers=numbers))
    paras = [p.text for p in doc.paragraphs()]
    assert doc.pages == 3
    assert not any("—" in p or "绩效自评报告" in p or p[-1].isdigit() or "页" in p for p in paras)
    assert [re.match(r"（(\d+)）", p).group(1) for p in paras] == [str(i) for i in range(1, 15)]


@pytest.mark.parametrize("key", ["split", "split_noheader"])
def test_table_continued_on_next_page_is_one_table(built, key):
    doc = parse(built[key])
    (t,) = list(doc.tables())
    assert t.caption == "单位：元"
    texts = t.texts()
    assert len(texts) == 42 and texts[0] == ["序号", "项目", "金额（元）", "执行率"]
    assert [r[0] for r in texts[1:41]] == [str(i) for i in range(1, 41)]
    # a number wrapped inside its cell is re-joined; the merged 合计 cell is listed once
    assert texts[41][2] == "123,456,789,012.34"
    total = [c for c in t.cells if c.text == "合计"]
    assert len(total) == 1 and total[0].colspan == 2
    assert {c.location.page for c in t.cells} == {1, 2}
    assert [p.text for p in doc.paragraphs()][-2] == "二、结论"


# --- units ------------------------------------------------------------------------------------

def _chars(spec: list[tuple[str, float, float]], size: float = 12.0) -> list[dict]:
    return [{"text": t, "x0": x0, "x1": x1, "top": 100.0, "bottom": 100 + size, "size": size}
            for t, x0, x1 in spec]


def test_line_text_spacing():
    # justified Chinese with digits: gaps are not spaces
    cs = _chars([("年", 0, 12), ("度", 14, 26), ("2", 30, 36), ("0", 36.3, 42.3), ("元", 46, 58)])
    assert pdfmod.line_text(cs) == "年度20元"
    # a literal space next to Chinese goes, between Latin words it stays
    cs = _chars([("项", 0, 12), (" ", 12, 15), ("目", 20, 32)])
    assert pdfmod.line_text(cs) == "项目"
    cs = _chars([("A", 0, 7), ("B", 7, 14), ("C", 20, 27), ("1", 27, 33)])
    assert pdfmod.line_text(cs) == "AB C1"


def test_join_lines():
    assert pdfmod.join_lines("调整后预算数为", "1538.98万元") == "调整后预算数为1538.98万元"
    assert pdfmod.join_lines("15,389,", "810.18") == "15,389,810.18"
    assert pdfmod.join_lines("annual", "report") == "annual report"


def test_dedupe_drops_offset_copies_only():
    cs = _chars([("武", 0, 20), ("汉", 20, 40), ("武", 0.4, 20.4), ("汉", 20.4, 40.4), ("0", 50, 55), ("0", 55, 60)])
    assert "".join(c["text"] for c in pdfmod.dedupe(cs)) == "武汉00"


class _FakePage:
    def __init__(self, chars):
        self.chars, self.images, self.edges, self.height = chars, [], [], 842.0


def test_cid_garbage_is_not_passed_on(monkeypatch, tmp_path):
    notes: list[str] = []
    garbage = _chars([(f"(cid:{i})", i * 12, i * 12 + 12) for i in range(1, 30)])
    _, status = pdfmod._read_page(_FakePage(garbage), 3, notes)
    assert status == "cid" and "第3页" in notes[0] and "Unicode" in notes[0]
    mixed = _chars([("预", 0, 12), ("算", 12, 24), ("(cid:5)", 24, 36), ("数", 36, 48)])
    pi, status = pdfmod._read_page(_FakePage(mixed), 1, notes)
    assert status == "text" and pi.items[0].text == "预算数"

    # without OCR, a document made only of such pages is refused as a whole (with OCR they are read
    # from the rendered page, like a scan)
    monkeypatch.setattr(pdfmod, "_read_page", lambda page, no, *a: (pdfmod.PageItems(no, 842.0), "cid"))
    f = tmp_path / "one.pdf"
    import fixtures_pdf as F

    F.render_pdf(f, ["文字"])
    e = _error(f, ocr="off")
    assert e.code == "no_unicode" and "Unicode" in e.message


@pytest.mark.parametrize("rules", ["three-line", "none"])
def test_table_without_vertical_rules_is_found(tmp_path, rules):
    import fixtures_pdf as F

    doc = parse(F.unruled(tmp_path / "t.pdf", rules))
    (t,) = list(doc.tables())
    assert t.texts() == F.BUDGET_ROWS and t.caption == "单位：万元"
    paras = [p.text for p in doc.paragraphs()]
    assert not any("98.33%" in p for p in paras)
    assert paras[-1].startswith("单位负责人：张三") and "填报人：李四" in paras[-1]


def test_same_layout_tables_on_two_pages_stay_apart(tmp_path):
    import fixtures_pdf as F

    doc = parse(F.two_tables_two_pages(tmp_path / "two.pdf"))
    tables = list(doc.tables())
    assert [t.location.page for t in tables] == [1, 2]
    assert all(t.texts() == F.BUDGET_ROWS for t in tables)


@pytest.mark.parametrize("how", ["rotate90", "rotate270", "turned"])
def test_sideways_text_is_read_in_order(tmp_path, how):
    import fixtures_pdf as F

    doc = parse(F.sideways(tmp_path / "s.pdf", how))
    assert [p.text for p in doc.paragraphs()] == ["一、横向页面的文字", "年初预算为100.00万元。"]


def test_diagonal_watermark_is_ignored(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    import fixtures_pdf as F

    f = tmp_path / "wm.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.setFont(F._font(), 12)
    c.drawString(72, 760, "一、基本情况")
    c.drawString(72, 730, "年初预算为100.00万元。")
    c.saveState()
    c.translate(150, 300)
    c.rotate(45)
    c.setFont(F._font(), 60)
    c.drawString(0, 0, "内部资料")
    c.restoreState()
    c.showPage()
    c.save()
    assert [p.text for p in parse(f).paragraphs()] == ["一、基本情况", "年初预算为100.00万元。"]


def test_damaged_pdfs_give_one_clean_error(seeds_dir, tmp_path):
    """Bytes overwritten, blocks of junk, cut and re-terminated: always a clean result, never a crash."""
    import random

    src = (seeds_dir / f"{SEED_STEM}.cidfont.pdf").read_bytes()
    rnd = random.Random(7)
    for k in range(6):
        data = bytearray(src)
        if k % 3 == 0:
            data = data[: rnd.randint(100, len(data) - 100)] + b"\n%%EOF\n"
        elif k % 3 == 1:
            for _ in range(40):
                data[rnd.randrange(20, len(data))] = rnd.randrange(256)
        else:
            i = rnd.randrange(20, len(data) - 600)
            data[i:i + 500] = bytes(rnd.randrange(256) for _ in range(500))
        if k == 5:  # a page box that is not numbers (pdfplumber raises again when closing the file)
            data = bytearray(bytes(data).replace(b"/MediaBox [", b"/MediaBox [/junk ", 1))
        f = tmp_path / f"damaged{k}.pdf"
        f.write_bytes(bytes(data))
        try:
            parse(f)
        except ExtractError as e:  # anything else (a traceback) fails the test
            assert e.code in ("corrupt", "scanned", "no_unicode"), e.message


def test_our_char_objects_equal_pdfplumbers(seeds_dir, built):
    """The fast path that builds char dicts from pdfminer's layout gives what pdfplumber gives."""
    import pdfplumber

    keys = ("text", "fontname", "size", "matrix", "upright", "x0", "x1", "top", "bottom", "doctop")
    for f in (seeds_dir / f"{SEED_STEM}.cidfont.pdf", built["split"], built["mixed"]):
        with pdfplumber.open(f) as a, pdfplumber.open(f) as b:
            for pa, pb in zip(a.pages, b.pages):
                pdfmod.load_objects(pb)
                assert [[c[k] for k in keys] for c in pb.chars] == [[c[k] for k in keys] for c in pa.chars]
                assert pb.edges == pa.edges and len(pb.images) == len(pa.images)
