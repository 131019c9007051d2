"""One file in, one result out: parse, extract figures, run checks. Never raises for bad input."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Figure, Finding
from extractor.parsers import SUFFIXES


@dataclass
class DocumentResult:
    source: str
    status: str = "ok"  # ok | error
    error: ExtractError | None = None
    format: str | None = None
    pages: int | None = None
    figures: list[Figure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # for reports that show evidence in place (not in the JSON output): the file read and its hash
    # (page images are rendered from it, only while it is unchanged), page sizes, and the tables and
    # paragraphs the evidence points at (extractor.excerpts)
    path: str | None = None
    sha256: str | None = None
    page_sizes: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    paragraphs: dict = field(default_factory=dict)

    def to_record(self) -> dict:
        return {
            "source": self.source,
            "status": self.status,
            "error": self.error.to_record() if self.error else None,
            "format": self.format,
            "pages": self.pages,
            "notes": list(self.notes),
            "figures": [f.to_record() for f in self.figures],
            "findings": [f.to_record() for f in self.findings],
        }


def analyse(path: str | os.PathLike, source: str | None = None, check: bool = True,
            checks=None, options=None, severity=None, ocr: str = "auto") -> DocumentResult:
    """Parse `path`, extract its figures and (with `check`) run the checks. `ocr`: auto | off | force
    (see extractor.parsers.parse)."""
    from extractor.checks import run_checks
    from extractor.doubts import annotate
    from extractor.excerpts import excerpts
    from extractor.extract import extract_figures
    from extractor.locate import locate
    from extractor.parsers import parse

    source = source if source is not None else str(path)
    res = DocumentResult(source=source)
    try:
        doc = parse(path, source, ocr=ocr)
    except ExtractError as e:
        res.status, res.error = "error", e
        return res
    except MemoryError:
        res.status, res.error = "error", ExtractError("too_large", "文件解析所需内存过大，已放弃")
        return res
    except RecursionError:
        res.status, res.error = "error", ExtractError("corrupt", "文件结构异常（嵌套过深），无法解析")
        return res
    except Exception as e:  # a parser bug or a file no library can read: one line, not a traceback
        res.status = "error"
        res.error = ExtractError("parse_failed", f"文件无法解析（可能已损坏）：{type(e).__name__}: {_short(e)}")
        if os.environ.get("EXTRACTOR_DEBUG"):
            traceback.print_exc()
        return res
    res.format, res.pages, res.notes = doc.format, doc.pages, list(doc.notes)
    res.path, res.page_sizes = str(Path(path).resolve()), dict(doc.page_sizes)
    res.figures = annotate(doc, extract_figures(doc))  # OCR confidence and doubts, where OCR read it
    if check:
        res.findings = run_checks(doc, res.figures, checks=checks, options=options, severity=severity)
    res.figures = locate(doc, res.figures, res.findings)  # after the checks: they compare locations
    res.tables, res.paragraphs = excerpts(doc, res.findings)
    return res


def _short(e: Exception) -> str:
    s = str(e).replace("\n", " ")
    return s[:200]


def iter_inputs(paths: list[str]) -> list[tuple[str, Path]]:
    """Expand files, folders (recursively, known document suffixes only) and globs, in a stable order.
    Returns (source as the user will read it, path)."""
    import glob

    out: list[tuple[str, Path]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in SUFFIXES:
                        fp = Path(root) / name
                        out.append((str(fp), fp))
        elif not p.exists() and any(ch in given for ch in "*?["):
            for m in sorted(glob.glob(given, recursive=True)):
                if Path(m).is_file():
                    out.append((m, Path(m)))
        else:
            out.append((given, p))
    return out
