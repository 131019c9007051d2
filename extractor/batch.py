"""Scan many files with process workers: per-file time limit, a crash is that file's error, results in
input order, a progress line on stderr (only on a terminal), an optional results store, a run summary.

Each worker is a process fed one file at a time over a pipe, so a hung or crashed parser can be killed
and replaced without losing the others' work; workers are recycled after `max_tasks` files and run
under an address-space limit, which keeps memory bounded however many files there are."""

from __future__ import annotations

import hashlib
import os
import sys
import time
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractError
from extractor.batch_worker import Worker, run_inline, unpack, warm_imports
from extractor.pipeline import DocumentResult

RETRY_CODES = {"timeout", "crash"}  # stored errors that a re-scan tries again


@dataclass
class Settings:
    """What a worker needs to analyse a file; `key()` changes whenever results could change."""

    check: bool = True
    select: list[str] | None = None
    ignore: list[str] | None = None
    options: dict = field(default_factory=dict)
    severity: dict = field(default_factory=dict)
    pattern_dirs: list[str] = field(default_factory=list)
    ocr: str = "auto"  # auto | off | force: scanned pages read by OCR or not

    def key(self) -> str:
        import json

        from extractor import __version__

        blob = json.dumps([__version__, self.check, self.select, self.ignore, self.options, self.severity,
                           self.pattern_dirs, self.ocr], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass
class RunSummary:
    files: int = 0
    parsed: int = 0  # files actually sent to a parser (a re-scan of unchanged files parses none)
    skipped: int = 0  # unchanged files whose results came from the store
    unreadable: int = 0
    timeouts: int = 0
    crashes: int = 0
    severity: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    jobs: int = 1

    def line(self) -> str:
        s = (f"共 {self.files} 个文件（解析 {self.parsed}，未变跳过 {self.skipped}），无法读取 {self.unreadable} 个"
             f"；问题：错误 {self.severity['error']}，警告 {self.severity['warning']}，提示 {self.severity['info']}"
             f"；用时 {self.seconds:.1f} 秒，{self.jobs} 个进程")
        if self.timeouts or self.crashes:
            s += f"；其中超时 {self.timeouts} 个，解析崩溃 {self.crashes} 个"
        return s

    def recount(self, results) -> None:
        """Recount after waivers were applied (waived findings do not count)."""
        self.unreadable = sum(r.status == "error" for r in results)
        self.severity = Counter(f.severity for r in results for f in r.findings if not f.waived)

    def to_record(self) -> dict:
        return {"files": self.files, "parsed": self.parsed, "skipped": self.skipped,
                "unreadable": self.unreadable, "timeouts": self.timeouts, "crashes": self.crashes,
                "findings": dict(self.severity), "seconds": round(self.seconds, 3), "jobs": self.jobs}


class Progress:
    """One live line on stderr (rich): a bar, files done, findings so far, current file. Silent off a
    terminal. Refreshed by hand (no refresh thread), so forking workers never copies a running thread."""

    def __init__(self, total: int, enabled: bool | None = None, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = (self.stream.isatty() if enabled is None else enabled) and total > 0
        self.total, self.done, self.findings, self.current = total, 0, 0, ""
        self._last = 0.0
        self._bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
            from rich.progress import Progress as Bar

            console = Console(file=self.stream, force_terminal=True, highlight=False)
            self._bar = Bar(BarColumn(bar_width=24), MofNCompleteColumn(), TextColumn("问题 {task.fields[findings]}"),
                            TextColumn("{task.fields[current]}"), console=console, transient=True, auto_refresh=False,
                            redirect_stdout=False, redirect_stderr=False)
            self._task = self._bar.add_task("", total=total, findings=0, current="")
            self._bar.start()

    def update(self, done: int | None = None, findings: int = 0, current: str | None = None, force=False):
        if done is not None:
            self.done = done
        self.findings += findings
        if current is not None:
            self.current = current
        if self._bar is None:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        name = self.current if len(self.current) <= 50 else "…" + self.current[-49:]
        self._bar.update(self._task, completed=self.done, findings=self.findings, current=name)
        self._bar.refresh()

    def close(self):
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def file_hash(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def run(inputs: list[tuple[str, Path]], settings: Settings | None = None, jobs: int | None = None,
        timeout: float = 300.0, progress: bool | None = None, store=None, rescan: bool = False,
        max_tasks: int = 25, memory_mb: int | None = 4096) -> tuple[list[DocumentResult], RunSummary]:
    """Analyse `inputs` ((source, path) pairs) and return their results in input order plus a summary."""
    settings = settings or Settings()
    t0 = time.monotonic()
    n = len(inputs)
    results: list[DocumentResult | None] = [None] * n
    summ = RunSummary(files=n)
    skey = settings.key()
    hashes: list[str | None] = [None] * n
    todo: deque[int] = deque()
    for i, (source, path) in enumerate(inputs):
        if store is not None:
            hashes[i] = file_hash(path)
            if not rescan and hashes[i]:
                old = store.lookup(path, hashes[i], skey, retry_codes=RETRY_CODES)
                if old is not None:
                    old.source = source
                    results[i] = old
                    summ.skipped += 1
                    continue
        todo.append(i)
    bar = Progress(n, progress)
    done = summ.skipped

    def finish(i: int, res: DocumentResult, seconds: float):
        nonlocal done
        if res.status == "ok":  # what page images will be rendered from, and the content they must match
            res.path = res.path or str(Path(inputs[i][1]).resolve())
            res.sha256 = hashes[i] or file_hash(inputs[i][1])
        results[i] = res
        done += 1
        summ.parsed += 1
        if store is not None:
            store.save(inputs[i][1], res, hashes[i], skey, seconds)
        bar.update(done, findings=len(res.findings), force=True)

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    summ.jobs = jobs
    if len(todo) == 1 and jobs == 1 and threading.current_thread() is threading.main_thread():
        # one file: no worker process to fork and warm up; the time limit is an alarm instead
        i = todo.popleft()
        t1 = time.monotonic()
        src = inputs[i][0]
        on_page = (lambda d, n: bar.update(current=f"{src}（OCR 第{d}/{n}页）", force=True)) if bar.enabled else None
        bar.update(current=src, force=True)
        finish(i, run_inline(inputs[i], settings, timeout, on_page), time.monotonic() - t1)
    if todo:
        warm_imports()
        import multiprocessing as mp  # here, not at import: a single file runs without workers
        from multiprocessing.connection import wait

        ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        workers: list[Worker] = []
        try:
            while todo or any(w.task for w in workers):
                # hand out work; start workers lazily, recycle tired ones
                for w in list(workers):
                    if w.task is None and w.count >= max_tasks:
                        w.stop()
                        workers.remove(w)
                while todo and (len(workers) < jobs or any(w.task is None for w in workers)):
                    w = next((w for w in workers if w.task is None), None)
                    if w is None:
                        from extractor.parsers.ocr import thread_share

                        w = Worker(ctx, settings, memory_mb, thread_share(jobs), bar.enabled)
                        workers.append(w)
                    i = todo.popleft()
                    source, path = inputs[i]
                    w.conn.send((i, source, str(path)))
                    w.task = (i, source, time.monotonic())
                    w.count += 1
                    bar.update(current=source)
                busy = [w for w in workers if w.task]
                now = time.monotonic()
                wait_for = min(w.task[2] + timeout for w in busy) - now
                ready = wait([w.conn for w in busy], timeout=max(0.0, min(wait_for, 0.5)))
                for w in busy:
                    i, source, started = w.task
                    if w.conn in ready:
                        try:
                            msg = w.conn.recv()
                            if isinstance(msg[0], str):  # ("page", idx, done, total): OCR progress
                                bar.update(current=f"{source}（OCR 第{msg[2]}/{msg[3]}页）")
                                continue
                            idx, payload, secs = msg
                            w.task = None
                            finish(idx, unpack(payload), secs)
                            continue
                        except (EOFError, OSError):
                            w.proc.join(timeout=1)
                            code = w.proc.exitcode
                            summ.crashes += 1
                            err = ExtractError("crash", f"解析进程异常退出（退出码 {code}），该文件已跳过；其他文件不受影响")
                    elif time.monotonic() - started > timeout:
                        summ.timeouts += 1
                        err = ExtractError("timeout", f"解析超时（超过 {timeout:g} 秒），该文件已跳过")
                    else:
                        continue
                    w.task = None
                    w.stop(kill=True)
                    workers.remove(w)
                    finish(i, DocumentResult(source=source, status="error", error=err),
                           time.monotonic() - started)
        finally:
            for w in workers:
                w.stop(kill=bool(w.task))
    bar.close()
    out = [r for r in results if r is not None]
    summ.recount(out)
    summ.seconds = time.monotonic() - t0
    return out, summ
