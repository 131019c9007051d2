"""Command line. Thin: parse options, run the batch, apply waivers, write the report.

    extract PATH... [--check] [--format text|json|html|xlsx|md|csv] [-o FILE|FOLDER] [--jobs N] ...
    extract report --db results.sqlite --format html -o report.html
    extract rules            extract rule CODE

Heavy modules (parsers, checks, openpyxl) are imported inside the commands so `--help` stays fast."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
SUBCOMMANDS = ("report", "rules", "rule")
REVIEW_FORMATS = ("html", "xlsx", "md", "csv")  # reviewer reports: checks always run


class Fmt(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    md = "md"
    csv = "csv"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


class OcrMode(str, Enum):
    auto = "auto"
    off = "off"
    force = "force"


_CTX = {"help_option_names": ["-h", "--help"]}
scan_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, context_settings=_CTX)
sub_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, context_settings=_CTX)


def _fail(msg: str) -> None:
    typer.echo(f"extract: {msg}", err=True)
    raise typer.Exit(EXIT_UNREADABLE)


def _prefixes(values: Optional[List[str]]) -> Optional[List[str]]:
    if not values:
        return None
    return [p.strip().upper() for v in values for p in v.split(",") if p.strip()]


@scan_app.command(help="读取绩效自评报告（DOCX/PDF/XLSX/文本/HTML；扫描件 PDF 和图片经 OCR），列出提取的数字；"
                       "--check 时交叉核对。\n\n"
                       "html/xlsx/md/csv 格式为复核报告，总是运行核对规则。子命令：extract report | rules | rule CODE。\n\n"
                       "退出码：0 无达到阈值的问题；1 有错误级（--fail-on warning 时含警告级）未豁免问题；"
                       "2 有文件无法读取或用法/配置错误。")
def scan(
    paths: List[str] = typer.Argument(..., help="文件或文件夹（递归），可用通配符"),
    check: bool = typer.Option(False, "--check", help="运行核对规则"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式"),
    output: Optional[str] = typer.Option(None, "-o", "--output",
                                         help="写入文件；若是文件夹（已存在或以 / 结尾）则写汇总报告和每个文件各一份"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：全部 CPU 核）"),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=1, help="每个文件的解析时限（秒，默认 300）"),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite 结果库；未变化的文件不再解析"),
    rescan: bool = typer.Option(False, "--rescan", help="与 --db 一起用：全部重新解析"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（默认当前目录的 extractor.toml 或 pyproject.toml）"),
    waivers: Optional[Path] = typer.Option(None, "--waivers", help="豁免文件（TOML）"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="退出码 1 的阈值：error 或 warning"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="只运行这些代码前缀的规则（可逗号分隔、可重复）"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="跳过这些代码前缀的规则"),
    ocr: Optional[OcrMode] = typer.Option(None, "--ocr", help="扫描件 OCR：auto 没有文本层的页面和图片做 OCR（默认）；"
                                                             "off 不做；force 每页都做（需安装 extractor[ocr]）"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不在 stderr 打印运行汇总"),
    explain: bool = typer.Option(False, "--explain", help="显示自评表的读法：各列定为何种含义及依据、满足或不满足的约束、"
                                                          "未能读出的行及原因（不核对）"),
    no_images: bool = typer.Option(False, "--no-images", help="html/md 报告不附 PDF 页面图像"),
):
    from extractor import batch
    from extractor.pipeline import iter_inputs

    if explain:
        raise typer.Exit(_explain(iter_inputs(paths)))

    cfg, wv = _load_config(config, waivers)
    settings = batch.Settings(check=check or fmt.value in REVIEW_FORMATS,
                              select=_prefixes(select) or cfg.select, ignore=_prefixes(ignore) or cfg.ignore,
                              options=cfg.options, severity=cfg.severity, pattern_dirs=cfg.patterns,
                              ocr=ocr.value if ocr else cfg.ocr)
    inputs = iter_inputs(paths)
    if not inputs:
        _fail("没有找到可读取的文件")
    store = _open_store(db) if db else None
    try:
        results, summ = batch.run(inputs, settings, jobs=jobs or cfg.jobs, timeout=timeout or cfg.timeout or 300.0,
                                  store=store, rescan=rescan)
    finally:
        if store:
            store.close()
    unmatched = _apply_waivers(results, wv)
    summ.recount(results)
    meta = _meta(paths, summ, unmatched, cfg)
    _write(results, fmt.value, output, meta, show_figures=not settings.check, images=not no_images)
    if not quiet:
        typer.echo(f"extract: {summ.line()}", err=True)
    raise typer.Exit(exit_code(results, (fail_on.value if fail_on else cfg.fail_on)))


def _explain(inputs) -> int:
    """Print how each file's 自评表 forms were read (the column maps and why), for a reviewer."""
    from extractor.errors import ExtractError
    from extractor.extract.form_explain import explain_forms
    from extractor.extract.forms import document_forms
    from extractor.parsers import parse

    if not inputs:
        _fail("没有找到可读取的文件")
    code = EXIT_OK
    for source, path in inputs:
        typer.echo(f"== {source}")
        try:
            doc = parse(path, source)
        except ExtractError as e:
            typer.echo(f"  无法读取（{e.code}）：{e.message}")
            code = EXIT_UNREADABLE
            continue
        except Exception as e:  # noqa: BLE001 - a parser bug: one line, not a traceback
            typer.echo(f"  无法读取（parse_failed）：{type(e).__name__}: {e}")
            code = EXIT_UNREADABLE
            continue
        typer.echo(explain_forms(document_forms(doc)))
    return code


@sub_app.command("report", help="从 --db 结果库生成报告，不重新解析文件。")
def report(
    db: Path = typer.Option(..., "--db", help="extract --db 写入的 SQLite 结果库"),
    fmt: Fmt = typer.Option(Fmt.html, "--format", "-f", help="输出格式"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="写入文件或文件夹（xlsx 必须指定）"),
    waivers: Optional[Path] = typer.Option(None, "--waivers", help="豁免文件（TOML）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件"),
    no_images: bool = typer.Option(False, "--no-images", help="html/md 报告不附 PDF 页面图像（图像从原文件生成，原文件须仍在且未改动）"),
):
    from extractor.batch import RunSummary

    if not db.is_file():
        _fail(f"结果库不存在：{db}")
    cfg, wv = _load_config(config, waivers)
    store = _open_store(db)
    try:
        results = store.results()
    finally:
        store.close()
    unmatched = _apply_waivers(results, wv)
    summ = RunSummary(files=len(results))
    summ.recount(results)
    _write(results, fmt.value, output, _meta([str(db)], summ, unmatched, cfg), show_figures=False,
           images=not no_images)


@sub_app.command("rules", help="列出全部核对规则。")
def rules():
    from extractor.checks import all_checks

    checks = all_checks()
    for code, cls in checks.items():
        typer.echo(f"{code}  {cls.severity:<7} {cls.kind:<18} {cls.name}  {cls.summary()}")
    if not checks:
        typer.echo("（尚无已注册的规则）")


@sub_app.command("rule", help="打印一条规则的说明与选项。")
def rule(code: str = typer.Argument(..., help="规则代码，例如 BG001")):
    from extractor.checks import all_checks

    cls = all_checks().get(code.upper())
    if cls is None:
        _fail(f"没有规则 {code}（`extract rules` 列出全部规则）")
    typer.echo(f"{cls.code} {cls.name}（类别 {cls.kind}，默认严重程度 {cls.severity}）\n")
    typer.echo(cls.doc())
    if cls.options:
        typer.echo("\n选项（配置文件 [options." + cls.code + "]）：")
        for k, o in cls.options.items():
            typer.echo(f"  {k} ({getattr(o.type, '__name__', o.type)}, 默认 {o.default})  {o.help}")


# ------------------------------------------------------------------ helpers

def _load_config(config: Optional[Path], waivers: Optional[Path]):
    from extractor import config as config_mod
    from extractor import waivers as waivers_mod
    from extractor.errors import PatternError
    from extractor.patterns import add_pattern_dir

    try:
        cfg = config_mod.load(config)
        for d in cfg.patterns:
            add_pattern_dir(d)
        wpath = waivers or cfg.waivers
        wv = waivers_mod.load(wpath) if wpath else []
    except (config_mod.ConfigError, waivers_mod.WaiverError, PatternError) as e:
        _fail(str(e))
    return cfg, wv


def _open_store(db: Path):
    from extractor.db import Store, StoreError

    try:
        return Store(db)
    except StoreError as e:
        _fail(str(e))


def _apply_waivers(results, wv) -> list:
    from extractor import waivers as waivers_mod

    unmatched = waivers_mod.apply(results, wv)
    for w in unmatched:
        typer.echo(f"extract: 豁免未匹配任何问题：{w.fingerprint}（{w.reason}）", err=True)
    return [w.to_record() for w in unmatched]


def _meta(inputs, summ, unmatched, cfg) -> dict:
    from datetime import datetime, timezone

    return {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "inputs": list(inputs),
            "summary": summ.to_record(), "unmatched_waivers": unmatched,
            "config": str(cfg.path) if cfg.path else None}


def _render(results, fmt: str, meta: dict, show_figures: bool, images=None, target: Optional[Path] = None):
    """One report. For html/md, page images (unless turned off) go beside `target` when they must."""
    from extractor.reporters import get

    rep = get(fmt)
    if fmt == "text":
        return rep.render(results, meta, show_figures=show_figures)
    if fmt in ("html", "md") and images is not None:
        images.assets = target.with_name(target.stem + "_files") if target is not None else None
        return rep.render(results, meta, images=images)
    return rep.render(results, meta)


def _write(results, fmt: str, out_arg: Optional[str], meta: dict, show_figures: bool, images: bool = True) -> None:
    from extractor.reporters import SUFFIX
    from extractor.reporters.pages import Images

    imgs = Images(enabled=images)  # one cache: a folder of reports renders each page once
    output = Path(out_arg) if out_arg else None
    if output is not None and (output.is_dir() or out_arg.endswith(("/", os.sep))):
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"report{SUFFIX[fmt]}"
        _save(target, _render(results, fmt, meta, show_figures, imgs, target))
        if len(results) > 1:
            used: set[str] = set()
            for r in results:
                stem = Path(r.source).stem or "document"
                name, k = stem, 1
                while name in used:
                    k += 1
                    name = f"{stem}_{k}"
                used.add(name)
                target = output / f"{name}{SUFFIX[fmt]}"
                _save(target, _render([r], fmt, meta, show_figures, imgs, target))
        return
    out = _render(results, fmt, meta, show_figures, imgs, output)
    if output is not None:
        _save(output, out)
    elif isinstance(out, bytes):
        if sys.stdout.isatty():
            _fail(f"{fmt} 是二进制格式，请用 -o 指定输出文件")
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        sys.stdout.write(out)


def _save(path: Path, data) -> None:
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as e:
        _fail(f"无法写入 {path}：{e.strerror or e}")


def exit_code(results, fail_on: str = "error") -> int:
    if any(r.status == "error" for r in results):
        return EXIT_UNREADABLE
    levels = ("error",) if fail_on == "error" else ("error", "warning")
    if any(f.severity in levels and not f.waived for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def main() -> None:
    argv = sys.argv[1:]
    if argv and argv[0] in SUBCOMMANDS and not Path(argv[0]).exists():
        sub_app(prog_name="extract")
    else:
        scan_app(prog_name="extract")


if __name__ == "__main__":
    main()
