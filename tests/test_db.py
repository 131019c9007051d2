"""Results store: a re-scan of unchanged files parses nothing; changed files and --rescan do;
`extract report --db` renders without parsing; the schema is versioned."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from extractor import batch
from extractor.db import SCHEMA_VERSION, Store, StoreError
from extractor.pipeline import iter_inputs
from reporting_helpers import planted_check


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"r{i}.txt").write_text(f"一、情况\n【问题】合计 {i}.50 万元与明细 {i}.40 万元不符。\n执行数 7.00 万元。\n",
                                     encoding="utf-8")
    (d / "bad.txt").write_bytes(b"")
    return d


def _fps(results):
    return [(r.source, r.status, [f.fingerprint for f in r.findings], len(r.figures)) for r in results]


def test_second_scan_parses_nothing(folder, tmp_path):
    inputs = iter_inputs([str(folder)])
    with planted_check():
        store = Store(tmp_path / "r.sqlite")
        first, s1 = batch.run(inputs, jobs=2, store=store, progress=False)
        second, s2 = batch.run(inputs, jobs=2, store=store, progress=False)
        assert s1.parsed == 5 and s2.parsed == 0 and s2.skipped == 5
        assert _fps(first) == _fps(second)
        f1, f2 = first[1].findings[0], second[1].findings[0]
        assert (f1.message, f1.values, f1.evidence[0].quote, f1.evidence[0].location) == \
               (f2.message, f2.values, f2.evidence[0].quote, f2.evidence[0].location)
        assert [str(x.quantity.value) for x in first[1].figures] == [str(x.quantity.value) for x in second[1].figures]
        (folder / "r1.txt").write_text("一、情况\n执行数 8.00 万元。\n", encoding="utf-8")
        _, s3 = batch.run(inputs, jobs=2, store=store, progress=False)
        assert s3.parsed == 1 and s3.skipped == 4
        _, s4 = batch.run(inputs, jobs=2, store=store, rescan=True, progress=False)
        assert s4.parsed == 5
        # different settings (another check selection) mean different results: parse again
        _, s5 = batch.run(inputs, batch.Settings(ignore=["ZZ"]), jobs=2, store=store, progress=False)
        assert s5.parsed == 5
        store.close()


def test_schema_is_documented_and_versioned(tmp_path):
    p = tmp_path / "r.sqlite"
    Store(p).close()
    con = sqlite3.connect(p)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "figures", "findings", "evidence", "meta"} <= tables
    cols = {r[1] for r in con.execute("PRAGMA table_info(documents)")}
    assert {"path", "sha256", "status", "scanned_at", "seconds"} <= cols
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="999"):
        Store(p)


def test_cli_db_and_report_without_parsing(folder, tmp_path, monkeypatch):
    from extractor.cli import scan_app, sub_app

    db = tmp_path / "r.sqlite"
    runner = CliRunner()
    with planted_check():
        r = runner.invoke(scan_app, ["--check", "--db", str(db), "--format", "json", "-j", "2", str(folder)])
        assert r.exit_code == 2, r.output  # bad.txt
        r = runner.invoke(scan_app, ["--check", "--db", str(db), "--format", "json", str(folder)])
        assert '"parsed": 0' in r.stdout and '"skipped": 5' in r.stdout

    # no parser may run while rendering from the store
    import extractor.parsers as parsers

    def no_parse(*a, **k):
        raise AssertionError("report must not parse")

    monkeypatch.setattr(parsers, "parse", no_parse)
    out = tmp_path / "rep.html"
    r = runner.invoke(sub_app, ["report", "--db", str(db), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "ZZ901" in html and "bad.txt" in html and "文件 5 个" in html
    r = runner.invoke(sub_app, ["report", "--db", str(db), "--format", "xlsx", "-o", str(tmp_path / "rep.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "rep.xlsx").stat().st_size > 0
    r = runner.invoke(sub_app, ["report", "--db", str(tmp_path / "missing.sqlite")])
    assert r.exit_code == 2
