"""Geometry of the PDF text layer: every figure's bbox lies over that figure on the page, checked
independently with pdfium's own text layer (the renderer the reports use); boxes survive lines joined
into paragraphs across pages, split tables and turned pages; formats without geometry get none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.model import Document, span_bbox
from extractor.parsers import parse
from extractor.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = ROOT / "samples" / "seed" / "000_14caaf9715f129c9.pdf"
FORM_PDF = ROOT / "samples" / "forms" / "errors_b.pdf"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def text_under(pdf, page_no: int, bbox) -> str:
    """What pdfium reads inside `bbox` (display space, top-left origin, as Location.bbox) on a page."""
    page = pdf[page_no - 1]
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    x0, top, x1, bottom = bbox
    rot = page.get_rotation()

    def user(dx, dy):  # display -> PDF user space, for each /Rotate
        return {0: (cx0 + dx, cy1 - dy), 90: (cx0 + dy, cy0 + dx), 180: (cx1 - dx, cy0 + dy),
                270: (cx1 - dy, cy1 - dx)}[rot]

    (ax, ay), (bx, by) = user(x0 + 0.5, top + 0.5), user(x1 - 0.5, bottom - 0.5)
    text = page.get_textpage().get_text_bounded(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    return re.sub(r"\s", "", text)


def _blocks(doc: Document):
    for p in doc.paragraphs():
        yield p.text, p.boxes
    for t in doc.tables():
        for c in t.cells:
            yield c.text, c.boxes


@pytest.mark.parametrize("path", [SEED_PDF, FORM_PDF], ids=lambda p: p.name)
def test_every_number_box_lies_over_that_number(path):
    pdfium = pytest.importorskip("pypdfium2")
    doc = parse(path)
    pdf = pdfium.PdfDocument(str(path))
    assert set(doc.page_sizes) == set(range(1, doc.pages + 1))
    n = 0
    for text, boxes in _blocks(doc):
        for m in NUMBER.finditer(text):
            page, bbox = span_bbox(boxes, m.start(), m.end())
            under = text_under(pdf, page, bbox)
            # a number wrapped inside a narrow cell gets the box of both lines: it holds the number
            assert m.group() in under, (text, m.group(), under)
            n += 1
    assert n > 40


def test_figures_and_evidence_carry_their_box():
    pdfium = pytest.importorskip("pypdfium2")
    res = analyse(FORM_PDF)
    pdf = pdfium.PdfDocument(str(FORM_PDF))
    assert res.figures and all(f.location.bbox for f in res.figures)
    for f in res.figures:
        assert _digits(f.quantity.raw) in text_under(pdf, f.location.page, f.location.bbox)
    ev = [e for f in res.findings for e in f.evidence]
    assert ev and all(e.location.bbox for e in ev)
    for e in ev:
        if e.value and e.location.col:
            assert _digits(e.value) in text_under(pdf, e.location.page, e.location.bbox)


def _digits(raw: str) -> str:
    """The figure's number as written: the sample PDFs do not embed their fonts, so on a machine
    without CJK fonts pdfium reads no text for ≥ or 亩 (it draws nothing there either)."""
    m = NUMBER.search(raw.replace(" ", ""))
    return m.group() if m else raw.replace(" ", "")
    rec = res.figures[0].to_record()["location"]
    assert len(rec["bbox"]) == 4


def test_bbox_is_not_part_of_the_fingerprint():
    res = analyse(FORM_PDF)
    f = next(f for f in res.findings if f.evidence)
    before = f.fingerprint
    from dataclasses import replace

    f.evidence = [replace(e, location=replace(e.location, bbox=None)) for e in f.evidence]
    assert f.fingerprint == before


def test_paragraph_across_a_page_break_gives_the_figure_its_page(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    from samples.render_pdf import render_pdf

    filler = "本单位按照年度工作计划组织实施各项工作任务，资金使用规范，管理制度健全，绩效目标设定合理。" * 3
    paras = ["一、基本情况"] + [filler] * 6 + [filler * 2 + "年初预算为1,234.56万元，执行率为98.76%。"]
    f = render_pdf(tmp_path / "long.pdf", paras)
    last = list(parse(f).paragraphs())[-1]
    assert last.location.page == 1 and {b.page for b in last.boxes} == {1, 2}  # the case under test
    res = analyse(f)
    pdf = pdfium.PdfDocument(str(f))
    moved = [g for g in res.figures if g.location.paragraph == last.location.paragraph]
    assert {g.quantity.raw for g in moved} == {"1,234.56万元", "98.76%"}
    for g in moved:
        assert g.location.page == 2 and g.location.bbox is not None
        assert g.quantity.raw in text_under(pdf, 2, g.location.bbox)


@pytest.mark.parametrize("how", ["rotate90", "rotate270", "turned"])
def test_turned_pages_keep_boxes_on_the_rendered_page(tmp_path, how):
    pdfium = pytest.importorskip("pypdfium2")
    import fixtures_pdf as F

    path = F.sideways(tmp_path / "s.pdf", how)
    doc = parse(path)
    pdf = pdfium.PdfDocument(str(path))
    w, h = pdf[0].get_size()
    assert doc.page_sizes[1] == pytest.approx((w, h), abs=0.5)
    p = next(p for p in doc.paragraphs() if "100.00" in p.text)
    i = p.text.index("100.00")
    page, bbox = span_bbox(p.boxes, i, i + 6)
    assert "100.00" in text_under(pdf, page, bbox)


def test_unruled_and_split_tables_have_cell_boxes(tmp_path):
    import fixtures_pdf as F

    for doc in (parse(F.unruled(tmp_path / "u.pdf", "none")), parse(F.split_table(tmp_path / "s.pdf"))):
        cells = [c for t in doc.tables() for c in t.cells if NUMBER.search(c.text)]
        assert cells and all(c.boxes for c in cells)
        for c in cells:
            assert all(0 <= b.start < b.end <= len(c.text) for b in c.boxes)
            assert {b.page for b in c.boxes} == {c.location.page}


def test_formats_without_geometry_have_no_boxes(seeds_dir):
    res = analyse(seeds_dir / "000_14caaf9715f129c9.docx")
    assert res.figures and not any(f.location.bbox for f in res.figures)
    assert "bbox" not in res.figures[0].to_record()["location"]
