"""OCR path end to end (needs the `ocr` extra, part of `test`): the scanned renderings in samples/scans
give the findings of their text versions; image files (PNG, multi-page TIFF), a turned page, a blank
page and a PDF mixing text and scanned pages; a doubtful reading never carries an error; limits
(image bomb, page count, corrupt image); --ocr, the results store, progress and the time limit."""

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from conftest import SAMPLES, SEED_STEM  # noqa: E402
from extractor import batch  # noqa: E402
from extractor.checks import selected  # noqa: E402
from extractor.errors import ExtractError  # noqa: E402
from extractor.parsers import ocr, parse  # noqa: E402
from extractor.pipeline import analyse  # noqa: E402

SCANS = SAMPLES / "scans"
FORMS = ("clean_a", "errors_b", "across_c")


@pytest.fixture(scope="module", autouse=True)
def ocr_once():
    """Each distinct page image is recognised once in this module (several tests read the same page:
    the TIFF frames are the PNG pages, a turned page is turned back): keeps CI to ~15 OCR'd pages."""
    memo: dict[str, list] = {}
    real = ocr._run

    def run(img):
        key = hashlib.sha1(img.tobytes()).hexdigest() + str(img.shape)
        if key not in memo:
            memo[key] = real(img)
        return memo[key]

    mp = pytest.MonkeyPatch()
    mp.setattr(ocr, "_run", run)
    yield real
    mp.undo()


_results: dict = {}


def _analyse(path: Path, **kw):
    key = (str(path), repr(sorted(kw.items())))
    if key not in _results:
        _results[key] = analyse(path, **kw)
    return _results[key]


def _sig(res) -> set:
    return {(f.severity, f.code, f.kind, tuple(f.values)) for f in res.findings}


def _has_box(res) -> None:
    for f in res.findings:
        for ev in f.evidence:
            assert ev.location.page and ev.location.bbox, (f.code, ev.location)
            x0, top, x1, bottom = ev.location.bbox
            assert 0 <= x0 <= x1 and 0 <= top <= bottom


# ------------------------------------------------------------------ acceptance: seed and forms


def test_seed_scan_gives_the_findings_of_the_text_pdf(seeds_dir):
    text = _analyse(seeds_dir / f"{SEED_STEM}.pdf")
    scan = _analyse(SCANS / "seed.pdf")
    assert scan.status == "ok" and scan.pages == 9
    # the same labels found, and no error or warning more (a figure read in doubt may add an info)
    assert _sig(text) <= _sig(scan)
    assert {s for s in _sig(scan) if s[0] != "info"} == {s for s in _sig(text) if s[0] != "info"}
    assert sum(f.severity == "error" for f in scan.findings) >= 7
    _has_box(scan)
    assert any("OCR" in n for n in scan.notes)
    read = [f for f in scan.figures if any(ch.isdigit() for ch in f.quantity.raw) and f.quantity.raw in f.quote]
    assert read and all("ocr_confidence" in f.meta_dict() for f in read)  # (not a count of listed items)


@pytest.mark.parametrize("name", FORMS)
def test_scanned_forms_give_their_findings(name):
    path = SCANS / f"{name}.pdf"
    exp = json.loads(path.with_name(path.name + ".expected.json").read_text("utf-8"))
    res = _analyse(path, checks=selected(["FM"]))
    assert res.status == "ok", res.error
    for e in exp["findings"]:
        hits = [f for f in res.findings if f.code == e["code"] and f.kind == e["kind"] and set(e["values"]) <= set(f.values)]
        assert hits, (e, [(f.code, f.values) for f in res.findings])
    if exp["no_error_level"]:
        assert not [f.message for f in res.findings if f.severity == "error"]
    _has_box(res)


def test_png_page_reads_the_form_in_pixels():
    path = SCANS / "errors_b_p1.png"
    exp = json.loads((SCANS / "errors_b.pdf.expected.json").read_text("utf-8"))
    res = _analyse(path, checks=selected(["FM"]))
    assert res.status == "ok" and res.format == "image" and res.pages == 1
    for e in exp["findings"]:  # found as such, or held back because a character is in doubt
        hits = [f for f in res.findings if f.code == e["code"] and set(e["values"]) <= set(f.values)
                and (f.kind == e["kind"] or f.kind == "not_checkable" and "OCR" in f.message)]
        assert hits, (e, [(f.code, f.kind, f.values) for f in res.findings])
    _has_box(res)
    assert all(ev.location.bbox[2] <= 1654 and ev.location.bbox[3] <= 2339 for f in res.findings for ev in f.evidence)


# ------------------------------------------------------------------ acceptance: doubtful readings


def _poison(monkeypatch, change):
    """OCR as usual, then `change(text, confs)` -> (text, confs) on every line read (by the detector
    or read again from a table cell), before the doubtful characters are marked."""
    from extractor.parsers import ocr_doubt

    real = ocr_doubt.mark_confusions

    def mark(lines):
        for ln in lines:
            text, confs = change(ln.text, [g.conf for g in ln.glyphs])
            for g, ch, c in zip(ln.glyphs, text, confs):
                g.text, g.conf = ch, c
        real(lines)

    monkeypatch.setattr(ocr_doubt, "mark_confusions", mark)


def test_low_confidence_digit_is_never_the_basis_of_an_error(monkeypatch):
    path = SCANS / "errors_b.pdf"
    clean = _analyse(path, checks=selected(["FM"]))
    (fm001,) = [f for f in clean.findings if f.code == "FM001"]  # score 12 above its weight 10
    assert fm001.severity == "error"
    _poison(monkeypatch, lambda t, c: (t, [0.42, c[1]] if t == "12" else c))
    res = analyse(path, checks=selected(["FM"]))
    (f,) = [f for f in res.findings if f.code == "FM001"]
    assert f.kind == "not_checkable" and f.severity == "info"
    assert "“1”识别置信度 0.42" in f.message and f.fingerprint == fm001.fingerprint
    threshold = ocr_settings()[0]
    figs = {(fg.location.table, fg.location.row, fg.location.col, fg.quantity.raw): fg for fg in res.figures}
    for fd in res.findings:
        if fd.severity != "error":
            continue
        for ev in fd.evidence:
            fg = figs.get((ev.location.table, ev.location.row, ev.location.col, ev.value))
            if fg is not None and "ocr_confidence" in fg.meta_dict():
                assert float(fg.meta_dict()["ocr_confidence"]) >= threshold, (fd.code, ev)


def test_confused_character_is_never_the_basis_of_an_error(monkeypatch):
    _poison(monkeypatch, lambda t, c: ("l2" if t == "12" else t, c))
    res = analyse(SCANS / "errors_b.pdf", checks=selected(["FM"]))
    (f,) = [f for f in res.findings if f.code == "FM001"]
    assert f.kind == "not_checkable" and "“l”可能是“1”" in f.message and "12" in f.values


def ocr_settings():
    from extractor.parsers.ocr_doubt import settings

    return settings()


# ------------------------------------------------------------------ documents: mixed, TIFF, turned, blank


def test_pdf_mixing_text_and_scanned_pages(tmp_path, seeds_dir):
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    text = pdfium.PdfDocument(str(seeds_dir / f"{SEED_STEM}.pdf"))
    scan = pdfium.PdfDocument(str(SCANS / "errors_b.pdf"))
    out.import_pages(text, [0])
    out.import_pages(scan, [0])
    path = tmp_path / "mixed.pdf"
    out.save(str(path))
    for d in (out, text, scan):
        d.close()
    doc = parse(path)
    assert doc.pages == 2 and "第2页没有可用的文本层，已经 OCR 识别" in doc.notes
    paras = list(doc.paragraphs())
    assert paras[0].location.page == 1 and not any(b.confidence for p in paras for b in p.boxes)
    (t,) = list(doc.tables())
    assert t.location.page == 2 and t.location.table == 1 and t.location.bbox
    assert all(b.confidence is not None for c in t.cells for b in c.boxes)
    assert 2 in doc.page_sizes and abs(doc.page_sizes[2][0] - 595) < 3
    res = analyse(path, checks=selected(["FM"]))
    assert any(f.code == "FM001" and f.severity == "error" for f in res.findings)


def _tiff(path: Path, images) -> Path:
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_deflate")
    return path


def test_multipage_tiff_with_a_blank_page(tmp_path):
    from PIL import Image

    form = Image.open(SCANS / "errors_b_p1.png")
    blank = Image.new("L", form.size, 250)
    path = _tiff(tmp_path / "scan.tif", [form, blank, Image.open(SCANS / "seed_p5.png")])
    doc = parse(path)
    assert doc.format == "image" and doc.pages == 3
    assert "第2页是空白页或没有可识别的文字" in doc.notes
    assert {t.location.page for t in doc.tables()} == {1, 3}
    assert doc.page_sizes[1] == (1654.0, 2339.0)
    res = analyse(path, checks=selected(["FM", "IN"]))
    assert any(f.code == "FM001" for f in res.findings)
    assert any(f.code == "IN030" for f in res.findings)  # the duplicate line of the seed's project table


def test_page_scanned_sideways(tmp_path):
    from PIL import Image

    upright = parse(SCANS / "errors_b_p1.png")
    w, h = Image.open(SCANS / "errors_b_p1.png").size
    sideways = Image.open(SCANS / "errors_b_p1.png").transpose(Image.Transpose.ROTATE_90)  # counter-clockwise
    path = tmp_path / "sideways.png"
    sideways.save(path)
    doc = parse(path)
    assert any("旋转" in n for n in doc.notes)
    (a,), (b,) = list(upright.tables()), list(doc.tables())
    assert a.texts() == b.texts()
    # boxes are given on the image as it is: a point (x, y) of the upright page is at (y, w - x)
    ca = next(c for c in a.cells if c.text == "12")
    cb = next(c for c in b.cells if c.text == "12")
    x0, top, x1, bottom = ca.location.bbox
    expect = (top, w - x1, bottom, w - x0)
    assert all(abs(u - v) < 4 for u, v in zip(cb.location.bbox, expect)), (cb.location.bbox, expect)
    assert doc.page_sizes[1] == (float(h), float(w))


@pytest.mark.parametrize("angle", [1.5, -2.0, 0.0])
def test_skew_is_measured_from_the_ink(angle):
    import numpy as np
    from PIL import Image

    page = Image.open(SCANS / "errors_b_p1.png")
    straight = page.rotate(ocr._skew(np.asarray(page), []), resample=Image.BICUBIC, fillcolor=255)
    turned = np.asarray(straight.rotate(angle, resample=Image.BICUBIC, fillcolor=255))
    # PIL turns counter-clockwise; in image coordinates (y down) that is a negative angle
    assert abs(ocr._skew(turned, []) + angle) <= 0.1


def test_blank_image_is_reported_with_its_page(tmp_path):
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("L", (1240, 1754), 255).save(path)
    res = analyse(path)
    assert res.status == "error" and res.error.code == "no_text" and "第1页" in res.error.message


# ------------------------------------------------------------------ limits and errors


def test_image_bomb_refused_within_memory_limit(tmp_path):
    from PIL import Image

    bomb = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000), 1).save(bomb)  # 144 megapixels in a file of a few KB
    assert bomb.stat().st_size < 200_000
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, resource.getrlimit(resource.RLIMIT_AS)[1]))\n"
        "from extractor.pipeline import analyse\n"
        f"r = analyse({str(bomb)!r})\n"
        "print(r.error.code if r.error else 'ok', r.error.message if r.error else '')\n"
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    first, rss = out.stdout.splitlines()
    assert first.startswith("image_bomb") and "百万像素" in first
    assert int(rss) < 400_000  # KB of peak memory: refused from the header, nothing decoded


def test_corrupt_images(tmp_path):
    data = (SCANS / "errors_b_p1.png").read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 3])
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50)
    for p in (cut, junk):
        res = analyse(p)
        assert res.status == "error" and res.error.code == "corrupt", res.error.to_record()
        assert "Traceback" not in res.error.message


def test_too_many_pages(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    tif = _tiff(tmp_path / "many.tif", [Image.new("L", (50, 50), 255)] * 3)
    with pytest.raises(ExtractError) as e:
        parse(tif)
    assert e.value.code == "too_many_pages" and "3 页" in e.value.message
    with pytest.raises(ExtractError) as e:
        parse(SCANS / "seed.pdf")
    assert e.value.code == "too_many_pages" and "9 页" in e.value.message


def test_ocr_off_or_not_installed(monkeypatch):
    e = _analyse(SCANS / "errors_b_p1.png", ocr="off").error
    assert e.code == "scanned" and "--ocr off" in e.message
    e = _analyse(SCANS / "errors_b.pdf", ocr="off").error
    assert e.code == "scanned" and "扫描件" in e.message
    monkeypatch.setattr(ocr, "available", lambda: False)
    e = analyse(SCANS / "errors_b.pdf").error
    assert e.code == "scanned" and "pip install 'extractor[ocr]'" in e.message


def test_force_reads_a_text_pdf_by_ocr(tmp_path):
    import pypdfium2 as pdfium  # the seed PDF embeds its fonts, so it renders the same everywhere

    out = pdfium.PdfDocument.new()
    src = pdfium.PdfDocument(str(SAMPLES / "seed" / f"{SEED_STEM}.pdf"))
    out.import_pages(src, [4])  # the project table page
    path = tmp_path / "p5.pdf"
    out.save(str(path))
    out.close()
    src.close()
    text = parse(path)
    forced = parse(path, ocr="force")
    assert not any(b.confidence for p in text.paragraphs() for b in p.boxes)
    assert any("--ocr force" in n for n in forced.notes)
    (t,) = [t for t in forced.tables() if t.n_rows > 5]
    assert any("736,578.06" in c.text for c in t.cells)


# ------------------------------------------------------------------ batch: store, progress, time limit


def test_settings_hash_and_store_skip_unchanged_scan(tmp_path):
    from extractor.db import Store

    assert batch.Settings(ocr="off").key() != batch.Settings().key()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "form.png").write_bytes((SCANS / "errors_b_p1.png").read_bytes())
    inputs = [(str(folder / "form.png"), folder / "form.png")]
    store = Store(tmp_path / "r.sqlite")
    try:
        first, s1 = batch.run(inputs, batch.Settings(), jobs=1, store=store, progress=False)
        again, s2 = batch.run(inputs, batch.Settings(), jobs=1, store=store, progress=False)
        off, s3 = batch.run(inputs, batch.Settings(ocr="off"), jobs=1, store=store, progress=False)
    finally:
        store.close()
    assert s1.parsed == 1 and s2.parsed == 0 and s2.skipped == 1  # an unchanged scan is not read twice
    assert {f.code for f in again[0].findings} == {f.code for f in first[0].findings}
    assert s3.parsed == 1 and off[0].error.code == "scanned"  # another OCR setting: read again


def test_progress_shows_ocr_pages(capsys):
    inputs = [(str(SCANS / "errors_b_p1.png"), SCANS / "errors_b_p1.png")]
    batch.run(inputs, batch.Settings(check=False), jobs=1, progress=True)
    assert "OCR 第1/1页" in capsys.readouterr().err
    two = inputs + [(str(SCANS / "clean_a.pdf"), SCANS / "clean_a.pdf")]
    batch.run(two, batch.Settings(check=False), jobs=2, progress=True)  # from the workers, over the pipe
    assert "OCR 第1/1页" in capsys.readouterr().err


def test_ocr_counts_against_the_time_limit(monkeypatch):
    def slow(img):
        time.sleep(30)
        return []

    monkeypatch.setattr(ocr, "_run", slow)
    one = [(str(SCANS / "errors_b_p1.png"), SCANS / "errors_b_p1.png")]
    t0 = time.monotonic()
    (res,), _ = batch.run(one, batch.Settings(), jobs=1, timeout=1, progress=False)  # in this process
    assert res.error.code == "timeout"
    two = one + [(str(SCANS / "clean_a.pdf"), SCANS / "clean_a.pdf")]
    results, summ = batch.run(two, batch.Settings(), jobs=2, timeout=2, progress=False)  # in workers
    assert [r.error.code for r in results] == ["timeout", "timeout"] and summ.timeouts == 2
    assert time.monotonic() - t0 < 25
