"""OCR post-processing without the OCR engine: confusions and separators (patterns/ocr.yaml), doubtful
figures carried to findings (extractor/doubts.py), splicing OCR'd pages into a text PDF's blocks."""

import re
from decimal import Decimal

import pytest

from extractor import patterns
from extractor.doubts import annotate, downgrade
from extractor.model import Cell, Document, Doubt, Evidence, Figure, Finding, Location, Paragraph, Table, TextBox
from extractor.parsers.ocr import Glyph, TextLine
from extractor.parsers.ocr_doubt import doubt_of, fix_numbers, mark_confusions, settings
from extractor.quantities import parse_value


def _line(text: str, conf: float = 0.99) -> TextLine:
    glyphs = [Glyph(ch, conf, (i * 10.0, 0.0, i * 10.0 + 10, 12.0), (i * 5.0, 0.0, i * 5.0 + 5, 6.0))
              for i, ch in enumerate(text)]
    return TextLine(glyphs, (0.0, 0.0, 10.0 * len(text), 12.0), conf)


CONFUSIONS = patterns.load("ocr")["confusions"]


@pytest.mark.parametrize("entry", CONFUSIONS, ids=lambda e: e["name"])
def test_confusion_examples(entry):
    rx = re.compile(entry["find"])
    for text in entry["examples"]["match"]:
        assert rx.search(text), (entry["name"], text)
    for text in entry["examples"]["no_match"]:
        assert not rx.search(text), (entry["name"], text)


@pytest.mark.parametrize("raw,read,doubtful", [
    ("1O0.00", "100.00", "O"),
    ("l00%", "100%", "l"),
    ("一5.00", "一5.00", "一"),
    ("295%", "295%", "2"),
    ("3,456,789,01", "3,456,789.01", ","),
    ("》", "≥", "》"),
    ("100.00", "100.00", None),
    ("年度目标一产出指标", "年度目标一产出指标", None),
])
def test_confusions_read_and_marked(raw, read, doubtful):
    line = _line(raw)
    mark_confusions([line])
    assert line.text == read
    notes = [g.note for g in line.glyphs if g.note]
    if doubtful is None:
        assert not notes
    else:
        assert notes and doubtful in notes[0]


@pytest.mark.parametrize("raw,fixed", [
    ("支出为14,227，418.02元", "支出为14,227,418.02元"),
    ("总额为15389,810.18元", "总额为15,389,810.18元"),
    ("支出15.389.810.18元", "支出15,389,810.18元"),
    ("11，107，432.92元", "11,107,432.92元"),
    ("2021年4-6月", "2021年4-6月"),
    ("1,5389,81", "1,5389,81"),  # commas in odd places: left as read
])
def test_separators_put_right(raw, fixed):
    line = _line(raw)
    fix_numbers(line)
    assert line.text == fixed
    assert len(line.glyphs) == len(fixed)  # an inserted comma is a (zero-width) glyph of its own
    q = parse_value(fixed.split("为")[-1].split("支出")[-1]) if "元" in fixed else None
    if q is not None and "," in fixed and fixed.count(",") >= 2:
        assert q.value == Decimal(re.sub(r"[^0-9.]", "", fixed.split("为")[-1].split("支出")[-1]))


def test_low_confidence_digit_is_doubtful_but_not_a_comma():
    min_conf, _ = settings()
    assert doubt_of(Glyph("7", min_conf - 0.2, (0, 0, 1, 1), (0, 0, 1, 1)), min_conf) == "“7”识别置信度 0.60"
    assert doubt_of(Glyph("7", min_conf + 0.05, (0, 0, 1, 1), (0, 0, 1, 1)), min_conf) is None
    assert doubt_of(Glyph(",", 0.3, (0, 0, 1, 1), (0, 0, 1, 1)), min_conf) is None  # a separator


def _ocr_doc(text: str, confs: dict[int, float], doubts: list[Doubt]) -> Document:
    boxes = [TextBox(i, i + 1, 1, (i * 5.0, 10.0, i * 5.0 + 5, 20.0), confidence=confs.get(i, 0.99))
             for i in range(len(text))]
    p = Paragraph(text, Location(source="s.png", page=1, paragraph=1), boxes=boxes, doubts=doubts)
    return Document(source="s.png", format="image", blocks=[p], pages=1)


def _figure(doc: Document, raw: str, role: str = "spend.actual") -> Figure:
    p = next(doc.paragraphs())
    i = p.text.index(raw)
    return Figure(label="x", role=role, quantity=parse_value(raw), location=p.location.with_(span=(i, i + len(raw))),
                  quote=p.text)


def test_annotate_and_downgrade_one_error():
    text = "预算数120万元，执行数95万元。"
    i = text.index("95")
    doc = _ocr_doc(text, {i: 0.41}, [Doubt(i, i + 1, "“9”识别置信度 0.41")])
    figs = annotate(doc, [_figure(doc, "120万元", "budget.adjusted"), _figure(doc, "95万元")])
    meta = [f.meta_dict() for f in figs]
    assert meta[0]["ocr_confidence"] == "0.99" and "ocr_doubt" not in meta[0]
    assert meta[1]["ocr_confidence"] == "0.41" and meta[1]["ocr_doubt"] == "“9”识别置信度 0.41"
    # the figure's box is the box of its own characters
    assert figs[1].location.bbox == (i * 5.0, 10.0, (i + 4) * 5.0, 20.0)
    err = Finding(code="BG020", name="x", kind="rate_mismatch", severity="error", message="执行率不符",
                  values=["120万元", "95万元"], evidence=[Evidence.of(figs[0], "budget"), Evidence.of(figs[1], "actual")])
    ok = Finding(code="BG001", name="x", kind="sum_mismatch", severity="error", message="合计不符",
                 values=["120万元"], evidence=[Evidence.of(figs[0], "total")])
    fp = err.fingerprint
    out = downgrade([err, ok], figs)
    assert out[0].kind == "not_checkable" and out[0].severity == "info"
    assert "“9”识别置信度 0.41" in out[0].message and "执行率不符" in out[0].message
    assert out[0].fingerprint == fp  # a waiver written for it still matches
    assert out[1].severity == "error"  # rests only on a sure figure
    warn = Finding(code="FM030", name="x", kind="claim_vs_indicator", severity="warning", message="说法不符",
                   values=["95万元"], evidence=[Evidence.of(figs[1], "figure")])
    out = downgrade([warn], figs)
    assert out[0].severity == "info" and "不作为警告" in out[0].message  # nor of a warning


def test_text_layer_figures_untouched():
    p = Paragraph("执行数95万元", Location(source="a.pdf", page=1, paragraph=1),
                  boxes=[TextBox(0, 7, 1, (0.0, 0.0, 70.0, 10.0))])
    doc = Document(source="a.pdf", format="pdf", blocks=[p], pages=1)
    fig = _figure(doc, "95万元")
    assert annotate(doc, [fig]) == [fig]


def test_cell_figures_are_annotated():
    text = "l2"
    boxes = [TextBox(0, 1, 1, (0.0, 0.0, 5.0, 10.0), 0.97), TextBox(1, 2, 1, (5.0, 0.0, 10.0, 10.0), 0.99)]
    loc = Location(source="s.png", page=1, table=1, row=2, col=3)
    cell = Cell(text="12", row=2, col=3, location=loc, boxes=boxes, doubts=[Doubt(0, 1, "“l”可能是“1”")])
    doc = Document(source="s.png", format="image", blocks=[Table(cells=[cell], location=loc.with_(row=None, col=None))])
    fig = Figure(label="得分", role="score.value", quantity=parse_value(text.replace("l", "1")), location=loc, quote="12")
    (out,) = annotate(doc, [fig])
    assert out.meta_dict()["ocr_doubt"] == "“l”可能是“1”"


def test_splice_renumbers_in_page_order():
    from extractor.parsers.ocr_layout import splice

    def para(page, n):
        return Paragraph(f"第{page}页", Location(source="m.pdf", page=page, paragraph=n))

    def table(page, n):
        loc = Location(source="m.pdf", page=page, table=n)
        return Table(cells=[Cell("x", 1, 1, loc.with_(row=1, col=1))], location=loc)

    text = [para(1, 1), table(1, 1), para(3, 2), table(3, 2)]
    ocr = [para(2, 1), table(2, 1)]
    out = splice(text, ocr)
    assert [b.location.page for b in out] == [1, 1, 2, 2, 3, 3]
    assert [b.location.paragraph for b in out if isinstance(b, Paragraph)] == [1, 2, 3]
    assert [b.location.table for b in out if isinstance(b, Table)] == [1, 2, 3]
    assert [b.cells[0].location.table for b in out if isinstance(b, Table)] == [1, 2, 3]


def test_ocr_setting_in_config_and_cli(tmp_path):
    from typer.testing import CliRunner

    from extractor import cli, config

    assert config.from_dict({"ocr": "off"}).ocr == "off"
    assert config.from_dict({}).ocr == "auto"
    with pytest.raises(config.ConfigError, match="ocr 只能是 auto、off 或 force"):
        config.from_dict({"ocr": "sometimes"})
    png = tmp_path / "page.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # detected by content: an image
    out = CliRunner().invoke(cli.scan_app, [str(png), "--ocr", "off", "--format", "json"])
    assert out.exit_code == 2
    doc = __import__("json").loads(out.stdout)["documents"][0]
    assert doc["status"] == "error" and doc["error"]["code"] == "scanned" and "--ocr off" in doc["error"]["message"]
