"""A folder mixing good reports with every kind of bad input: each good file keeps its findings, each
bad file gets its own clear error, the run ends with exit code 2, no traceback, bounded memory.
Fixtures are generated here (small), never committed."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor import batch, safety
from extractor.errors import ExtractError
from extractor.pipeline import analyse, iter_inputs
from reporting_helpers import planted_check

GOOD_TEXT = "一、预算执行情况\n【问题】合计 12.50 万元与明细之和 12.40 万元不符。\n执行数 12.50 万元。\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def _docx_bytes(extra: dict[str, bytes] | None = None, document_xml: bytes | None = None) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("一、预算执行情况")
    d.add_paragraph("【问题】年初预算 10.00 万元，执行数 9.00 万元。")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            data = src.read(i)
            if document_xml is not None and i.filename == "word/document.xml":
                data = document_xml
            z.writestr(i.filename, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def _xlsx_bytes(rows: int = 3, extra: dict[str, bytes] | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "年初预算", "执行数"])
    for i in range(rows):
        ws.append([f"项目{i}", 10 + i, 9 + i])
    buf = io.BytesIO()
    wb.save(buf)
    if not extra:
        return buf.getvalue()
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            z.writestr(i.filename, src.read(i))
        for name, data in extra.items():
            z.writestr(name, data)
    return out.getvalue()


def _pdf_bytes(pages: int = 1, text: bool = True, encrypt: str | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for i in range(pages):
        if text:
            c.setFont("STSong-Light", 11)
            c.drawString(72, 750, f"第{i + 1}页 项目支出执行数 {i + 1}.00 万元。")
        else:
            c.rect(72, 400, 300, 300, fill=1)  # a "scan": drawing only, no text layer
        c.showPage()
    c.save()
    return buf.getvalue()


BOMB_MEMBER = b"\x00" * (20 * 1024 * 1024)  # 20 MB of zeros: ~1000:1
ENTITY_XML = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/'
              b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
HUGE_XML = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * 600_000 + b"</w:body></w:document>")

# name -> (bytes, expected: "ok" or the set of acceptable error codes)
BAD = {
    "zip bomb 炸弹.docx": (lambda: _docx_bytes(extra={"word/media/x.bin": BOMB_MEMBER}), {"zip_bomb"}),
    "巨大 XML.docx": (lambda: _docx_bytes(document_xml=HUGE_XML), {"zip_bomb", "huge_xml"}),
    "实体扩展.docx": (lambda: _docx_bytes(document_xml=ENTITY_XML), {"xml_entities"}),
    "bomb.xlsx": (lambda: _xlsx_bytes(extra={"xl/media/x.bin": BOMB_MEMBER}), {"zip_bomb"}),
    "加密.pdf": (lambda: _pdf_bytes(encrypt="secret"), None),
    "损坏.pdf": (lambda: b"%PDF-1.4\n" + os.urandom(3000), None),
    "截断.pdf": (lambda: _pdf_bytes(pages=3)[:1500], None),
    "old.doc": (lambda: OLE, {"legacy_format"}),
    "old.xls": (lambda: OLE, {"legacy_format"}),
    "old.wps": (lambda: OLE, {"legacy_format"}),
    "空 文件.docx": (lambda: b"", {"empty"}),
    "截断.docx": (lambda: _docx_bytes()[:2000], {"corrupt"}),
}


def _have(parser: str) -> bool:
    return importlib.util.find_spec(f"extractor.parsers.{parser}") is not None


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    (d / "good 报告 一.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "看起来是PDF其实是文本.pdf").write_text(GOOD_TEXT, encoding="utf-8")  # wrong extension
    (d / "sub 目录").mkdir()
    (d / "sub 目录" / "真PDF扩展名错.docx").write_bytes(_pdf_bytes())
    (d / "三百页.pdf").write_bytes(_pdf_bytes(pages=300))
    (d / "图片扫描件.pdf").write_bytes(_pdf_bytes(text=False))
    (d / "好的.docx").write_bytes(_docx_bytes())
    for name, (make, _) in BAD.items():
        (d / name).write_bytes(make())
    return d


def _by_name(results):
    return {Path(r.source).name: r for r in results}


def test_every_bad_file_its_own_error_and_good_files_keep_findings(hostile):
    inputs = iter_inputs([str(hostile)])
    with planted_check():
        results, summ = batch.run(inputs, jobs=2, timeout=120, progress=False)
        by = _by_name(results)
        assert len(results) == len(inputs) == 6 + len(BAD)
        for name, (_, codes) in BAD.items():
            r = by[name]
            assert r.status == "error", name
            assert r.error.message and "Traceback" not in r.error.message
            if codes:
                assert r.error.code in codes, (name, r.error.code, r.error.message)
        good = ["good 报告 一.txt", "看起来是PDF其实是文本.pdf"]
        for name in good:
            assert by[name].status == "ok", (name, by[name].error and by[name].error.message)
        # the good files' findings are exactly those of a scan of the file alone
        for name in good[:2]:
            alone = analyse(hostile / name, source=by[name].source)
            assert [f.fingerprint for f in by[name].findings] == [f.fingerprint for f in alone.findings]
            assert any(f.code == "ZZ901" for f in by[name].findings)
        if _have("pdf"):
            assert by["三百页.pdf"].status == "ok" and by["三百页.pdf"].pages == 300
            assert by["真PDF扩展名错.docx"].status == "ok" and by["真PDF扩展名错.docx"].format == "pdf"
        if _have("docx"):
            assert by["好的.docx"].status == "ok" and any(f.code == "ZZ901" for f in by["好的.docx"].findings)
        assert summ.timeouts == 0 and summ.crashes == 0


def test_ten_thousand_row_tables(tmp_path):
    """A 10,000-row table is read within the per-file limit. The limit keeps the run going either way;
    a timeout here means an extractor or check is super-linear in the number of rows."""
    rows = "\n".join(f"| 项目{i} | {i}.00 | {i}.00 |" for i in range(10_000))
    (tmp_path / "一万行表格.txt").write_text("单位：万元\n| 项目 | 预算数 | 执行数 |\n" + rows + "\n", encoding="utf-8")
    (tmp_path / "一万行.xlsx").write_bytes(_xlsx_bytes(rows=10_000))
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    results, summ = batch.run(iter_inputs([str(tmp_path)]), jobs=2, timeout=15, progress=False)
    by = _by_name(results)
    assert by["good.txt"].status == "ok"
    slow = [n for n, r in by.items() if r.status == "error" and r.error.code == "timeout"]
    for n, r in by.items():
        assert r.status == "ok" or r.error.code == "timeout" or not _have("xlsx"), (n, r.error.message)
    if slow:
        pytest.xfail(f"10,000-row table exceeded 15 s: {slow} (super-linear extractor/check; run still completed)")


def test_cli_exit_2_no_traceback_bounded_memory(hostile, tmp_path):
    out = tmp_path / "r.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([sys.executable, "-m", "extractor", "--check", "--jobs", "2", "--format", "json",
                        "-o", str(out), str(hostile)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "Traceback" not in out.read_text(encoding="utf-8")
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"]
    errors = {Path(d["source"]).name: d["error"] for d in docs if d["status"] == "error"}
    assert set(BAD) <= set(errors)
    assert all(e["message"] for e in errors.values())
    assert "请另存为 DOCX/XLSX" in errors["old.doc"]["message"]
    # peak RSS of the largest process (KiB on Linux): a zip bomb was never inflated
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    assert peak < 1_500_000


def test_html_report_of_hostile_folder(hostile, tmp_path):
    out = tmp_path / "r.html"
    r = subprocess.run([sys.executable, "-m", "extractor", "--format", "html", "-q", "--jobs", "2", "-o", str(out),
                        str(hostile / "old.doc"), str(hostile / "good 报告 一.txt")], capture_output=True, text=True)
    assert r.returncode == 2 and out.read_text(encoding="utf-8").count("legacy_format") >= 1


def test_safety_limits_in_process(tmp_path, monkeypatch):
    p = tmp_path / "x.docx"
    p.write_bytes(_docx_bytes())
    safety.check_zip(p)  # a normal document passes
    monkeypatch.setattr(safety, "MAX_MEMBER", 1000)
    with pytest.raises(ExtractError) as e:
        safety.check_zip(p)
    assert e.value.code == "huge_xml"
    monkeypatch.setattr(safety, "MAX_MEMBER", 1 << 30)
    monkeypatch.setattr(safety, "MAX_MEMBERS", 3)
    with pytest.raises(ExtractError) as e:
        safety.check_zip(p)
    assert e.value.code == "zip_bomb" and "过多" in e.value.message


def test_unreadable_permissions(tmp_path, monkeypatch):
    from extractor.parsers import parse

    p = tmp_path / "锁定 文件.txt"
    p.write_text(GOOD_TEXT, encoding="utf-8")
    if os.geteuid() != 0:
        p.chmod(0)
        try:
            with pytest.raises(ExtractError) as e:
                parse(p)
            assert e.value.code == "unreadable"
        finally:
            p.chmod(0o644)
        return
    # root reads anything: simulate the permission error the OS would raise for another user
    import builtins

    real_open = builtins.open

    def denying_open(file, *a, **k):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", denying_open)
    res = analyse(p)
    assert res.status == "error" and res.error.code == "unreadable" and "权限" in res.error.message
