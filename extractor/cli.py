"""Command line: `extract PATH... [--check] [--format text|json] [-o FILE]`. Thin: parse, run, report."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class Fmt(str, Enum):
    text = "text"
    json = "json"


scan_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]})


@scan_app.command(help="读取绩效自评报告（DOCX/PDF/XLSX/文本），列出提取的数字；--check 时交叉核对。\n\n"
                       "退出码：0 无错误级问题；1 有错误级问题；2 有文件无法读取或用法错误。")
def scan(
    paths: List[str] = typer.Argument(..., help="文件或文件夹（递归），可用通配符"),
    check: bool = typer.Option(False, "--check", help="运行核对规则"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="写入文件而不是标准输出"),
):
    from extractor.pipeline import analyse, iter_inputs
    from extractor.reporters import get

    inputs = iter_inputs(paths)
    if not inputs:
        typer.echo("extract: 没有找到可读取的文件", err=True)
        raise typer.Exit(EXIT_UNREADABLE)
    results = [analyse(p, source=s, check=check) for s, p in inputs]
    rep = get(fmt.value)
    out = rep.render(results, show_figures=not check) if fmt == Fmt.text else rep.render(results)
    if output:
        output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    raise typer.Exit(exit_code(results))


def exit_code(results) -> int:
    if any(r.status == "error" for r in results):
        return EXIT_UNREADABLE
    if any(f.severity == "error" and not f.waived for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def main() -> None:
    scan_app()


if __name__ == "__main__":
    main()
