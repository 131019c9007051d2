"""Run the pipeline on a metamorphic variant and compare: (a) every injected error's expected finding
is there, (b) no error-level finding that no injected error explains, (c) the same findings as the
canonical rendering of the same spec (code, severity and the values as written, normalised)."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from samples.meta_errors import ERRORS, Expect
from samples.meta_render import render, suffix
from samples.meta_variants import Built, Variant, make

_CMP = re.compile(r"^(?:不低于|不少于|不超过|不高于|不大于|不小于|至少|最多|达到|>=|<=|[≥≤≧≦=＝═><])+|(?:以上|以内|以下)$")
_NUM = re.compile(r"^[(（]?([-+]?\d[\d,]*(?:\.\d+)?)\s*([^\d]{0,6}?)[)）]?$")


def norm(value: str) -> str:
    """A written value reduced to what must not change between renderings: the number without its
    comparator, unit or full-width digits (≥300人次, ３００, 300 -> 300; (50分) -> 50), else the text."""
    s = unicodedata.normalize("NFKC", str(value)).replace(" ", "").replace("\u3000", "")
    core = _CMP.sub("", s)
    m = _NUM.match(core)
    if m:
        try:
            return format(Decimal(m.group(1).replace(",", "")).normalize(), "f")
        except InvalidOperation:
            pass
    return s


def key(f) -> tuple:
    """What must not change between renderings. Values as a set: a column the variant leaves out (年初预算数
    equal to 全年预算数) may drop a repeated figure from a finding without changing what it says."""
    return (f.code, f.severity, tuple(sorted({norm(v) for v in f.values})))


@dataclass
class Outcome:
    variant: Variant
    status: str = "ok"
    missing: list[tuple[str, Expect, list[str]]] = field(default_factory=list)  # (error kind, expectation, values)
    pending: list[tuple[str, Expect]] = field(default_factory=list)
    unexpected: list = field(default_factory=list)  # error findings nothing injected explains
    only_here: list[tuple] = field(default_factory=list)  # finding keys the canonical rendering lacks
    only_canonical: list[tuple] = field(default_factory=list)
    findings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not (self.missing or self.unexpected or self.only_here or self.only_canonical)

    def failed_parts(self) -> list[str]:
        out = [] if self.status == "ok" else ["unreadable"]
        out += ["a"] if self.missing else []
        out += ["b"] if self.unexpected else []
        out += ["c"] if self.only_here or self.only_canonical else []
        return out

    def explain(self) -> str:
        lines = [f"variant {self.variant.key}"]
        if self.status != "ok":
            lines.append(f"  file not read: {self.status}")
        for kind, e, vals in self.missing:
            lines.append(f"  (a) missing for {kind}: {e.code} {e.kind} {e.severity or ''} values ⊇ {vals}")
            same = [f"{f.severity} {f.values}" for f in self.findings if f.code == e.code]
            lines.append(f"      found {e.code}: {'; '.join(same)}" if same else f"      found no {e.code} finding")
        for f in self.unexpected:
            lines.append(f"  (b) unexpected error {f.code}: {f.values} — {f.message}")
        for k in self.only_here:
            lines.append(f"  (c) only in this rendering: {k}")
        for k in self.only_canonical:
            lines.append(f"  (c) only in the canonical rendering: {k}")
        return "\n".join(lines)


def _matches(f, e: Expect, vals: list[str]) -> bool:
    if f.code != e.code or f.kind != e.kind or e.severity and f.severity != e.severity:
        return False
    return {norm(v) for v in vals} <= {norm(v) for v in f.values}


def judge(findings: list, injected: list) -> tuple[list, list, list]:
    """(missing expectations, pending expectations, error findings no injected error explains)."""
    missing, pending, wanted = [], [], []
    for inj in injected:
        for e in ERRORS[inj.kind].expects:
            vals = [inj.values[k] for k in e.fields]
            if e.pending or e.code is None:
                pending.append((inj.kind, e))
                continue
            wanted.append((inj.kind, e, vals))
            if not any(_matches(f, e, vals) for f in findings):
                missing.append((inj.kind, e, vals))
    also = {c for inj in injected for c in ERRORS[inj.kind].also}
    unexpected = [f for f in findings if f.severity == "error" and f.code not in also
                  and not any(_matches(f, e, vals) for _, e, vals in wanted)]
    return missing, pending, unexpected


def analyse_built(b: Built, folder: Path):
    from extractor.pipeline import analyse

    path = render(b.blocks, b.variant.fmt, folder / f"form{suffix(b.variant.fmt)}", xlsx_numbers=b.layout.xlsx_numbers)
    return analyse(path)


_CANONICAL: dict[Variant, Counter] = {}


def canonical_keys(v: Variant, folder: Path) -> Counter:
    c = v.canonical()
    if c not in _CANONICAL:
        res = analyse_built(make(c), folder)
        _CANONICAL[c] = Counter(key(f) for f in res.findings)
    return _CANONICAL[c]


def evaluate(v: Variant, folder: Path | None = None) -> Outcome:
    """Render `v`, analyse it and compare it with its expectations and its canonical rendering."""
    if folder is None:
        with tempfile.TemporaryDirectory() as tmp:
            return evaluate(v, Path(tmp))
    b = make(v)
    res = analyse_built(b, folder)
    out = Outcome(v, findings=list(res.findings))
    if res.status != "ok":
        out.status = f"{res.error.code}: {res.error.message}"
        return out
    out.missing, out.pending, out.unexpected = judge(res.findings, b.injected)
    here = Counter(key(f) for f in res.findings)
    ref = here if v == v.canonical() else canonical_keys(v, folder)
    out.only_here = sorted((here - ref).elements())
    out.only_canonical = sorted((ref - here).elements())
    return out
