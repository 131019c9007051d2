"""Configuration: `[tool.extractor]` in pyproject.toml, or extractor.toml (keys at top level or under
[tool.extractor]). Found in the current folder unless --config names a file. Validated strictly:
an unknown key, check code, option or severity is an error that names it.

    select   = ["BG", "IN"]        # code prefixes to run (default: all)
    ignore   = ["FM003"]           # code prefixes to skip
    patterns = ["my_patterns"]     # extra pattern folders (relative to the config file)
    waivers  = "waivers.toml"      # waivers file (relative to the config file)
    fail-on  = "error"             # exit 1 on: error | warning
    jobs     = 4                   # worker processes (default: all cores)
    timeout  = 300                 # seconds per file
    ocr      = "auto"              # scanned pages and images: auto | off | force
    [severity]                     # code prefix -> error | warning | info
    IN = "warning"
    [options.IN002]                # per-check options, as declared by the check (`extract rule IN002`)
    ratio = 1.5
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extractor.model import SEVERITIES

KEYS = {"select", "ignore", "patterns", "waivers", "fail-on", "jobs", "timeout", "severity", "options", "ocr"}
FAIL_ON = ("error", "warning")
OCR_MODES = ("auto", "off", "force")


class ConfigError(Exception):
    """Bad configuration; the message (Chinese) names the file and the key."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    patterns: list[str] = field(default_factory=list)
    waivers: str | None = None
    fail_on: str = "error"
    jobs: int | None = None
    timeout: float | None = None
    ocr: str = "auto"
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict] = field(default_factory=dict)


def find(cwd: Path | None = None) -> Path | None:
    """extractor.toml, else a pyproject.toml that has [tool.extractor], in `cwd`."""
    cwd = cwd or Path.cwd()
    if (cwd / "extractor.toml").is_file():
        return cwd / "extractor.toml"
    pp = cwd / "pyproject.toml"
    if pp.is_file():
        try:
            data = tomllib.loads(pp.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            return None
        if "extractor" in data.get("tool", {}):
            return pp
    return None


def load(path: str | Path | None = None, cwd: Path | None = None) -> Config:
    """Read and validate the configuration (explicit path, else discovered, else defaults)."""
    p = Path(path) if path else find(cwd)
    if p is None:
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{p}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"配置文件 {p} 格式错误：{e}") from None
    if p.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("extractor", {})
    return from_dict(data, p)


def _prefixes(v, key: str, where: str) -> list[str]:
    if isinstance(v, str):
        v = [x for x in v.split(",") if x.strip()]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ConfigError(f"{where}：{key} 应为规则代码前缀的列表，例如 [\"BG\", \"IN001\"]")
    return [x.strip().upper() for x in v]


def from_dict(data: dict, path: Path | None = None) -> Config:
    where = str(path) if path else "配置"
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where}：未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(KEYS))}）")
    base = path.parent if path else Path.cwd()
    cfg = Config(path=path)
    if "select" in data:
        cfg.select = _prefixes(data["select"], "select", where)
    if "ignore" in data:
        cfg.ignore = _prefixes(data["ignore"], "ignore", where)
    for d in data.get("patterns", []) or []:
        folder = (base / d) if not Path(d).is_absolute() else Path(d)
        if not folder.is_dir():
            raise ConfigError(f"{where}：patterns 中的文件夹不存在：{d}")
        cfg.patterns.append(str(folder.resolve()))
    if "waivers" in data:
        cfg.waivers = str(base / data["waivers"])
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_ON:
            raise ConfigError(f"{where}：fail-on 只能是 error 或 warning，不是 {data['fail-on']!r}")
        cfg.fail_on = data["fail-on"]
    if "ocr" in data:
        if data["ocr"] not in OCR_MODES:
            raise ConfigError(f"{where}：ocr 只能是 auto、off 或 force，不是 {data['ocr']!r}")
        cfg.ocr = data["ocr"]
    for k, typ in (("jobs", int), ("timeout", (int, float))):
        if k in data:
            if not isinstance(data[k], typ) or isinstance(data[k], bool) or data[k] <= 0:
                raise ConfigError(f"{where}：{k} 应为正数")
            setattr(cfg, k, data[k])
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}：severity 应为表，例如 [severity] IN = \"warning\"")
    for prefix, s in sev.items():
        if s not in SEVERITIES:
            raise ConfigError(f"{where}：severity.{prefix} 应为 error/warning/info 之一，不是 {s!r}")
        cfg.severity[prefix.upper()] = s
    cfg.options = validate_options(data.get("options", {}), where)
    return cfg


def validate_options(opts: dict, where: str = "配置") -> dict[str, dict]:
    """Check every [options.CODE] table against the options that check declares; coerce types."""
    from extractor.checks import all_checks

    if not isinstance(opts, dict):
        raise ConfigError(f"{where}：options 应为表，例如 [options.IN002]")
    checks = all_checks()
    out: dict[str, dict] = {}
    for code, values in opts.items():
        cls = checks.get(code.upper())
        if cls is None:
            raise ConfigError(f"{where}：options.{code}：没有这条规则（`extract rules` 列出全部规则）")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}：options.{code} 应为表")
        unknown = sorted(set(values) - set(cls.options))
        if unknown:
            known = ", ".join(sorted(cls.options)) or "（该规则没有选项）"
            raise ConfigError(f"{where}：规则 {code} 没有选项 {', '.join(unknown)}；可用选项：{known}")
        out[code.upper()] = {k: _coerce(v, cls.options[k].type, f"{where}：options.{code}.{k}") for k, v in values.items()}
    return out


def _coerce(v, typ, where: str):
    if typ is Decimal:
        if isinstance(v, bool):
            raise ConfigError(f"{where} 应为数字")
        try:
            return Decimal(str(v))
        except InvalidOperation:
            raise ConfigError(f"{where} 应为数字，不是 {v!r}") from None
    if typ is float and isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if typ in (list, tuple) and isinstance(v, list):
        return typ(v)
    if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
        raise ConfigError(f"{where} 应为 {getattr(typ, '__name__', typ)} 类型，不是 {v!r}")
    return v
