"""Metamorphic 自评表 variants on the current code: pass / fail per transform family and format, per
injected error kind and per benign feature, with the smallest failing example of each. Prints Markdown.

    .venv/bin/python bench/metamorphic_report.py [--n 6] [--n-matrix 4] [--known-failing FILE] > report.md

(a) an injected error's finding missing, (b) an error-level finding nothing injected explains, (c) the
findings differ from the canonical DOCX rendering of the same spec. Same generator and comparison as
tests/test_metamorphic.py (samples/make_metamorphic.py), sampled with a fixed seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samples.meta_errors import ERRORS, KINDS  # noqa: E402
from samples.meta_render import FORMATS  # noqa: E402
from samples.meta_spec import FEATURES, PROBES  # noqa: E402
from samples.meta_variants import COMPOSABLE, FAMILIES, KNOB_NAMES, Variant  # noqa: E402
from samples.meta_verify import Outcome, evaluate  # noqa: E402


def sample(rng: random.Random, family: str, fmt: str, kinds=KINDS, features=FEATURES, composable=COMPOSABLE) -> Variant:
    errors = tuple(rng.sample(list(kinds), min(len(kinds), rng.choice([0, 0, 1, 1, 2, 3]))))
    feats = tuple(f for f in features if rng.random() < 0.2)
    parts = ()
    if family == "mixed":
        parts = tuple(rng.sample(list(composable), min(len(composable), rng.randint(2, 4))))
    return Variant(family, fmt, rng.randrange(10**6), rng.randrange(10**6), errors, feats, parts)


def signature(o: Outcome) -> list[str]:
    """Short tags naming what went wrong, to group failures by cause."""
    tags = []
    if o.status != "ok":
        tags.append("unreadable")
    here = {k[0] for k in o.only_here}
    if "FM090" in here and any(f.code == "FM090" and "资金行" in f.message for f in o.findings):
        tags.append("fund row not read (FM090)")
    elif "FM090" in here:
        tags.append("cells not checkable (FM090)")
    if "IN040" in here or "IN041" in here:
        tags.append("form cells read as narrative indicators (IN040)")
    for f in o.unexpected:
        tags.append(f"false {f.code}" + (" (level-1 weights without the fund weight)" if "一级指标" in f.message
                                        and f.code == "FM002" else ""))
    for kind, e, _ in o.missing:
        tags.append(f"missed {e.code} ({kind})")
    rest = {k[0] for k in o.only_here + o.only_canonical} - {"FM090", "IN040", "IN041"}
    rest -= {f.code for f in o.unexpected} | {e.code for _, e, _ in o.missing}
    tags += [f"{c} differs" for c in sorted(rest)]
    return list(dict.fromkeys(tags))


def size(o: Outcome) -> tuple:
    v = o.variant
    return (len(v.errors) + len(v.features) + len(v.parts), len(o.explain()))


def run(n: int, n_matrix: int, tmp: Path):
    """Error kinds and features first (canonical layout, every format); the transform cells then draw
    only the kinds and features that pass in their format, so a cell's failures are the transform's
    (as in the tests)."""
    by_kind: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    by_feat: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for fmt in FORMATS:
        for kind in KINDS:
            rng = random.Random(f"error/{kind}/{fmt}")
            for _ in range(n_matrix):
                v = Variant("canonical", fmt, rng.randrange(10**6), 0, (kind,))
                by_kind[(kind, fmt)].append(evaluate(v, tmp))
        for feat in FEATURES:
            rng = random.Random(f"feature/{feat}/{fmt}")
            for _ in range(n_matrix):
                v = Variant("canonical", fmt, rng.randrange(10**6), 0, PROBES.get(feat, ()), (feat,))
                by_feat[(feat, fmt)].append(evaluate(v, tmp))
    cells: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for fmt in FORMATS:
        kinds = [k for k in KINDS if all(o.ok for o in by_kind[(k, fmt)])]
        feats = [f for f in FEATURES if all(o.ok for o in by_feat[(f, fmt)])]
        for fam in FAMILIES:
            rng = random.Random(f"{fam}/{fmt}")
            for _ in range(n):
                cells[(fam, fmt)].append(evaluate(sample(rng, fam, fmt, kinds, feats), tmp))
        # compositions of the transforms that pass on their own in this format
        usable = [f for f in COMPOSABLE if all(o.ok for o in cells[(f, fmt)])]
        rng = random.Random(f"mixed/{fmt}")
        for _ in range(n):
            cells[("mixed", fmt)].append(evaluate(sample(rng, "mixed", fmt, kinds, feats, usable), tmp))
    return cells, by_kind, by_feat


KNOB_FORMATS = ("docx", "pdf", "txt_rows")
KNOB_ERRORS = [(), ("fund_rate", "shortfall"), ("score_sum", "upper_bound_exceeded"), ("fund_sum", "score_over_weight")]


def run_knobs(tmp: Path) -> dict[tuple[str, str], list[Outcome]]:
    """One change to the canonical layout at a time, on a clean form and three with errors."""
    out: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for i, name in enumerate(KNOB_NAMES):
        for fmt in KNOB_FORMATS:
            for k, errors in enumerate(KNOB_ERRORS):
                out[(name, fmt)].append(evaluate(Variant("knob", fmt, 100 + 7 * i + k, i, errors), tmp))
    return out


def causes(outs: list[Outcome], top: int = 3) -> str:
    c = Counter(t for o in outs if not o.ok for t in signature(o))
    return "; ".join(f"{t} ×{n}" for t, n in c.most_common(top))


def _count(outs: list[Outcome]) -> str:
    ok = sum(o.ok for o in outs)
    parts = Counter(p for o in outs for p in o.failed_parts())
    why = " ".join(f"{k}:{v}" for k, v in sorted(parts.items()))
    return f"{ok}/{len(outs)}" + (f" ({why})" if why else "")


def _example(outs: list[Outcome], limit: int = 14) -> str:
    bad = sorted((o for o in outs if not o.ok), key=size)
    if not bad:
        return ""
    lines = bad[0].explain().splitlines()
    more = len(lines) - limit
    return "\n".join(lines[:limit] + ([f"  … {more} more lines"] if more > 0 else []))


def known_failing(cells, by_kind, by_feat) -> str:
    """A KNOWN_FAILING skeleton for tests/test_metamorphic.py: key -> (causes, smallest failing variant)."""
    lines = []
    groups = [(f"{fam}/{fmt}", outs) for (fam, fmt), outs in cells.items()]
    groups += [(f"error/{k}/{f}", outs) for (k, f), outs in by_kind.items()]
    groups += [(f"feature/{k}/{f}", outs) for (k, f), outs in by_feat.items()]
    for key, outs in groups:
        bad = sorted((o for o in outs if not o.ok), key=size)
        if bad:
            lines.append(f"    {key!r}: ({causes(outs)!r},\n        {bad[0].variant.key!r}),")
    return "{\n" + "\n".join(lines) + "\n}\n"


def report(n: int, n_matrix: int, known_out: str | None = None) -> str:
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        cells, by_kind, by_feat = run(n, n_matrix, Path(tmp))
        knobs = run_knobs(Path(tmp))
    if known_out:
        Path(known_out).write_text(known_failing(cells, by_kind, by_feat), encoding="utf-8")
    fams = list(FAMILIES) + ["mixed"]
    out = [f"# Metamorphic 自评表 variants on the current code ({n} per transform cell, {n_matrix} per error-kind "
           f"or feature cell, {time.time() - t0:.0f} s)", "",
           "Pass = (a) every injected finding found, (b) no unexplained error-level finding, (c) the same findings "
           "as the canonical DOCX rendering. Failing parts in brackets.", "",
           "## Transform family × format", "",
           "| family | " + " | ".join(FORMATS) + " | all |", "|---" * (len(FORMATS) + 2) + "|"]
    for fam in fams:
        row = [_count(cells[(fam, f)]) for f in FORMATS]
        out.append(f"| {fam} | " + " | ".join(row) + f" | {_count([o for f in FORMATS for o in cells[(fam, f)]])} |")
    out.append("| all | " + " | ".join(_count([o for fam in fams for o in cells[(fam, f)]]) for f in FORMATS) + " | "
               + _count([o for v in cells.values() for o in v]) + " |")
    out += ["", "## Main causes per family (all formats)", "", "| family | format | pass | causes (most frequent first) |",
            "|---|---|---|---|"]
    for fam in fams:
        for f in FORMATS:
            outs = cells[(fam, f)]
            if not all(o.ok for o in outs):
                out.append(f"| {fam} | {f} | {sum(o.ok for o in outs)}/{len(outs)} | {causes(outs)} |")
    for title, group, names in (("Injected error kinds", by_kind, KINDS), ("Benign features (with their probe errors)",
                                                                           by_feat, FEATURES)):
        out += ["", f"## {title}: canonical layout, every format (a failing one is left out of that format's "
                "transform cells)", "", "| | " + " | ".join(FORMATS) + " | causes |", "|---" * (len(FORMATS) + 2) + "|"]
        for name in names:
            outs = [o for f in FORMATS for o in group[(name, f)]]
            label = name
            if group is by_kind:
                label += " → " + ", ".join(e.code or "pending" for e in ERRORS[name].expects)
            out.append(f"| {label} | " + " | ".join(_count(group[(name, f)]) for f in FORMATS) + f" | {causes(outs)} |")
    out += ["", "## One change at a time (canonical layout otherwise; a clean form and three with errors)", "",
            "| change | " + " | ".join(KNOB_FORMATS) + " | causes |", "|---" * (len(KNOB_FORMATS) + 2) + "|"]
    for name in KNOB_NAMES:
        outs = [o for f in KNOB_FORMATS for o in knobs[(name, f)]]
        out.append(f"| {name} | " + " | ".join(_count(knobs[(name, f)]) for f in KNOB_FORMATS) + f" | {causes(outs)} |")
    out += ["", "## Smallest failing example per cell", ""]
    for (fam, fmt), outs in cells.items():
        ex = _example(outs)
        if ex:
            out += [f"### {fam} / {fmt}", "", "```", ex, "```", ""]
    for name, group in (("error", by_kind), ("feature", by_feat)):
        for (k, fmt), outs in group.items():
            ex = _example(outs)
            if ex:
                out += [f"### {name} {k} / {fmt}", "", "```", ex, "```", ""]
    distinct = len({o.variant for v in cells.values() for o in v})
    out.append(f"{distinct} distinct transform variants, {sum(map(len, by_kind.values()))} error-kind and "
               f"{sum(map(len, by_feat.values()))} feature variants.")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=6, help="variants per transform × format cell")
    ap.add_argument("--n-matrix", type=int, default=4, help="variants per error kind (feature) × format cell")
    ap.add_argument("--known-failing", metavar="FILE", help="also write a KNOWN_FAILING skeleton to FILE")
    a = ap.parse_args()
    print(report(a.n, a.n_matrix, a.known_failing), end="")
