"""The worker side of a batch scan (extractor.batch): a process fed one file at a time over a pipe,
under an address-space limit, and the in-process path for a single file; both keep a per-file time
limit, so a hung parser becomes that file's error."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ExtractError
from extractor.pipeline import DocumentResult, analyse

if TYPE_CHECKING:  # only for annotations: batch imports this module
    from extractor.batch import Settings

def pack(res: DocumentResult) -> tuple:
    """ExtractError does not pickle with its two arguments: send it as (code, message)."""
    err = (res.error.code, res.error.message) if res.error else None
    res.error = None
    return res, err


def unpack(payload) -> DocumentResult:
    res, err = payload
    if err:
        res.error = ExtractError(*err)
    return res


def checks_for(settings: Settings):
    from extractor.checks import selected

    return selected(settings.select, settings.ignore)


def exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed exits instead of finishing a long parse nobody will read."""
    import threading

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def worker_main(conn, settings: Settings, memory_mb: int | None, parent: int | None = None,
            threads: int | None = None, pages: bool = False) -> None:
    if parent:
        exit_with_parent(parent)
    from extractor.parsers import ocr

    current: list = [None]

    def page_done(done: int, total: int) -> None:  # OCR progress, for the parent's progress line
        try:
            conn.send(("page", current[0], done, total))
        except (OSError, ValueError):
            pass

    ocr.configure(threads=threads, on_page=page_done if pages else None)
    if memory_mb:
        try:
            import resource

            lim = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (lim, resource.getrlimit(resource.RLIMIT_AS)[1]))
        except (ImportError, ValueError, OSError):
            pass
    from extractor.patterns import add_pattern_dir

    for d in settings.pattern_dirs:
        add_pattern_dir(d)
    checks = checks_for(settings)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if msg is None:
            return
        idx, source, path = msg
        current[0] = idx
        t0 = time.monotonic()
        try:
            res = analyse(path, source=source, check=settings.check, checks=checks,
                          options=settings.options, severity=settings.severity, ocr=settings.ocr)
        except BaseException as e:  # noqa: BLE001 - one file's crash must not end the worker
            res = DocumentResult(source=source, status="error",
                                 error=ExtractError("crash", f"解析时出错，该文件已跳过：{type(e).__name__}: {str(e)[:200]}"))
        try:
            conn.send((idx, pack(res), time.monotonic() - t0))
        except Exception as e:  # an unpicklable result: report the file, keep the worker
            res = DocumentResult(source=source, status="error",
                                 error=ExtractError("crash", f"结果无法传回：{type(e).__name__}"))
            conn.send((idx, pack(res), time.monotonic() - t0))


def warm_imports() -> None:
    """Import parsers, extractors and checks once in the parent so forked workers start warm."""
    import importlib
    import importlib.util

    for name in ("extractor.parsers.pdf", "extractor.parsers.docx", "extractor.parsers.xlsx",
                 "extractor.parsers.html", "extractor.parsers.text"):
        try:
            importlib.import_module(name)
        except Exception:
            pass
    try:
        from extractor.checks import all_checks
        from extractor.extract import extractors

        all_checks()
        extractors()
    except Exception:
        pass
    try:  # the segmentation dictionary: built once here, not once per (recycled) worker
        from extractor.extract.align import tokenizer

        tokenizer()
    except Exception:
        pass


class Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no parser's `except Exception` can swallow it."""


def run_inline(item: tuple[str, Path], settings: Settings, timeout: float, on_page=None) -> DocumentResult:
    """Analyse one file in this process, with the same error handling as a worker."""
    import signal

    source, path = item
    if on_page is not None:  # OCR progress on the terminal (the OCR module is not loaded otherwise)
        from extractor.parsers import ocr

        ocr.configure(on_page=on_page)

    def alarm(signum, frame):
        raise Timeout()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return analyse(path, source=source, check=settings.check, checks=checks_for(settings),
                       options=settings.options, severity=settings.severity, ocr=settings.ocr)
    except Timeout:
        return DocumentResult(source=source, status="error",
                              error=ExtractError("timeout", f"解析超时（超过 {timeout:g} 秒），该文件已跳过"))
    except Exception as e:  # noqa: BLE001 - same contract as a worker: the file's error, not a traceback
        return DocumentResult(source=source, status="error",
                              error=ExtractError("crash", f"解析时出错，该文件已跳过：{type(e).__name__}: {str(e)[:200]}"))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if on_page is not None:
            ocr.configure()


class Worker:
    def __init__(self, ctx, settings, memory_mb, threads=None, pages=False):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, settings, memory_mb, os.getpid(), threads, pages),
                                daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple | None = None  # (idx, source, started)
        self.count = 0

    def stop(self, kill=False):
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()
