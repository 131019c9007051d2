"""Batch: process workers, input order, a crash or a hang is that file's error, progress only on a TTY."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from extractor import batch
from extractor.pipeline import iter_inputs
from reporting_helpers import planted_check


def _write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture()
def folder(tmp_path):
    for i in range(7):
        body = "一、总体情况\n" + "普通段落，执行数 10.00 万元。\n" * (200 if i % 3 == 0 else 1)
        if i % 2 == 0:
            body += f"【问题】第{i}号文件的合计 {i}.00 万元与明细不符。\n"
        _write(tmp_path, f"sub{i % 2}/报告 {i}.txt", body)
    (tmp_path / "sub0" / "空文件.txt").write_bytes(b"")
    return tmp_path


def test_results_in_input_order_with_two_workers(folder):
    inputs = iter_inputs([str(folder)])
    with planted_check():
        results, summ = batch.run(inputs, batch.Settings(), jobs=2, progress=False)
    assert [r.source for r in results] == [s for s, _ in inputs]
    assert summ.files == len(inputs) == 8 and summ.parsed == 8 and summ.unreadable == 1
    flagged = {Path(r.source).name for r in results if r.findings}
    assert flagged == {"报告 0.txt", "报告 2.txt", "报告 4.txt", "报告 6.txt"}
    assert summ.severity["error"] == 4
    empty = next(r for r in results if r.source.endswith("空文件.txt"))
    assert empty.status == "error" and empty.error.code == "empty"
    assert "4" in summ.line() and "无法读取 1 个" in summ.line()


def test_select_and_ignore_reach_the_workers(folder):
    inputs = iter_inputs([str(folder)])
    with planted_check():
        res, _ = batch.run(inputs, batch.Settings(ignore=["ZZ"]), jobs=2, progress=False)
        assert not any(r.findings for r in res)
        res, _ = batch.run(inputs, batch.Settings(select=["ZZ9"], severity={"ZZ": "info"}), jobs=1, progress=False)
        assert {f.severity for r in res for f in r.findings} == {"info"}


def test_parser_crash_and_hang_are_that_files_error(tmp_path, monkeypatch):
    from extractor.parsers import text as text_parser

    real = text_parser.parse

    def evil(path, source):
        name = Path(path).name
        if name.startswith("crash"):
            os._exit(3)  # the worker process dies
        if name.startswith("hang"):
            time.sleep(60)
        if name.startswith("boom"):
            raise ValueError("parser bug")
        return real(path, source)

    monkeypatch.setattr(text_parser, "parse", evil)  # inherited by the forked workers
    for n in ("a_good.txt", "crash.txt", "hang.txt", "boom.txt", "z_good.txt"):
        _write(tmp_path, n, "一、情况\n执行数 5.00 万元。\n")
    inputs = iter_inputs([str(tmp_path)])
    results, summ = batch.run(inputs, batch.Settings(), jobs=2, timeout=1.5, progress=False)
    by = {Path(r.source).name: r for r in results}
    assert [Path(r.source).name for r in results] == sorted(by)
    assert by["a_good.txt"].status == by["z_good.txt"].status == "ok"
    assert by["crash.txt"].error.code == "crash" and "退出码 3" in by["crash.txt"].error.message
    assert by["hang.txt"].error.code == "timeout" and "1.5" in by["hang.txt"].error.message
    assert by["boom.txt"].status == "error" and "parser bug" in by["boom.txt"].error.message
    assert summ.timeouts == 1 and summ.crashes == 1 and summ.unreadable == 3


def test_workers_are_recycled(tmp_path):
    for i in range(6):
        _write(tmp_path, f"f{i}.txt", "执行数 1.00 万元。\n")
    results, summ = batch.run(iter_inputs([str(tmp_path)]), jobs=1, max_tasks=2, progress=False)
    assert summ.parsed == 6 and all(r.status == "ok" for r in results)


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal():
    quiet = io.StringIO()
    p = batch.Progress(3, stream=quiet)
    p.update(1, findings=2, current="a.pdf", force=True)
    p.close()
    assert quiet.getvalue() == ""
    tty = FakeTTY()
    p = batch.Progress(3, stream=tty)
    p.update(current="报告.pdf", force=True)
    p.update(2, findings=5, force=True)
    p.close()
    out = tty.getvalue()
    assert "2/3" in out and "问题 5" in out and "报告.pdf" in out


def test_cli_quiet_stderr_when_not_a_tty(folder):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "extractor", "--check", "-q", "--jobs", "2", str(folder)],
                       capture_output=True, text=True)
    assert r.returncode == 2  # the empty file
    assert r.stderr == ""
    assert r.stdout.index("报告 0.txt") < r.stdout.index("报告 2.txt")
