"""Check registry. A check is a class with a code (two letters + three digits), a name, a kind, a
default severity, declared options and a `run(ctx)` generator; its docstring is its documentation
(sections 何时触发 / 反例 / 正例 / 已知局限). Modules in this package register on import."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from extractor.model import KINDS, SEVERITIES, Document, Figure, Finding

CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")


@dataclass(frozen=True)
class Option:
    """A check option: type, default and one line of help."""

    type: type
    default: Any
    help: str = ""


@dataclass
class Context:
    """What checks see: the document, its figures, the options of the running check, and a cache
    where an expensive shared analysis (e.g. the indicator alignment) is computed once."""

    doc: Document
    figures: list[Figure]
    options: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


class Check:
    code: str = ""
    name: str = ""  # dotted name, e.g. budget.table_sum
    kind: str = "other"
    severity: str = "error"
    options: dict[str, Option] = {}

    def run(self, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(self, message: str, *, severity: str | None = None, kind: str | None = None, **kw) -> Finding:
        """A Finding stamped with this check's code, name, kind and severity."""
        return Finding(code=self.code, name=self.name, kind=kind or self.kind,
                       severity=severity or self.severity, message=message, **kw)

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return (cls.doc().splitlines() or [""])[0]


_REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    if not CODE_RE.match(cls.code):
        raise ValueError(f"{cls.__name__}: bad check code {cls.code!r}")
    if cls.kind not in KINDS or cls.severity not in SEVERITIES:
        raise ValueError(f"{cls.code}: bad kind or severity")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"check code {cls.code} registered twice")
    _REGISTRY[cls.code] = cls
    return cls


def _load_all() -> None:
    for m in pkgutil.iter_modules(__path__):
        if not m.name.startswith("_"):
            importlib.import_module(f"{__name__}.{m.name}")


def all_checks() -> dict[str, type[Check]]:
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def selected(select: list[str] | None = None, ignore: list[str] | None = None) -> list[type[Check]]:
    """Checks whose code starts with a selected prefix and with no ignored prefix."""
    out = []
    for code, cls in all_checks().items():
        if select and not any(code.startswith(p) for p in select):
            continue
        if ignore and any(code.startswith(p) for p in ignore):
            continue
        out.append(cls)
    return out


def run_checks(doc: Document, figures: list[Figure], checks: list[type[Check]] | None = None,
               options: dict[str, dict] | None = None, severity: dict[str, str] | None = None) -> list[Finding]:
    """Run checks; a crash inside one check becomes an `other` finding instead of stopping the run.
    An error resting on a figure whose OCR reading is in doubt becomes not_checkable (doubts.py)."""
    from extractor import doubts

    figures = doubts.annotate(doc, figures)
    checks = checks if checks is not None else list(all_checks().values())
    options = options or {}
    severity = severity or {}
    cache: dict[str, Any] = {}
    findings: list[Finding] = []
    for cls in checks:
        opts = {k: o.default for k, o in cls.options.items()}
        opts.update(options.get(cls.code, {}))
        ctx = Context(doc=doc, figures=figures, options=opts, cache=cache)
        try:
            for f in cls().run(ctx):
                sev = next((s for p, s in sorted(severity.items(), key=lambda kv: -len(kv[0]))
                            if f.code.startswith(p)), None)
                if sev:
                    f.severity = sev
                findings.append(f)
        except Exception as e:  # a bug in one check must not lose the other checks' findings
            findings.append(Finding(code=cls.code, name=cls.name, kind="other", severity="warning",
                                    message=f"检查 {cls.code} 内部出错，结果不完整：{type(e).__name__}: {e}"))
    # the same problem reported twice (e.g. by a table check and a text check) is kept once
    uniq: dict[str, Finding] = {}
    for f in findings:
        uniq.setdefault(f.fingerprint, f)
    return sorted(doubts.downgrade(list(uniq.values()), figures), key=lambda f: f.sort_key())
