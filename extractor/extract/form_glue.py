"""Run-together digits in flattened forms (年度资金总额:303015100.00%10): cut them into cells only when
exactly one cut satisfies the form's own constraints (no leading zeros, 得分 ≤ 分值 ≤ 100, each 其中 row's
执行率 = 执行数 ÷ 预算数, 其中 rows adding up to the total). Otherwise the row stays not checkable."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form, FundRow, Val
from extractor.quantities import normalize_digits, parse_value

_NUM = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")
MAX_COMBOS = 100000  # combinations of the rows' cuts tried (about 0.1 s per 20000)
_MONEY = ("budget.initial", "budget.adjusted", "spend.actual")


def _splits(s: str, k: int) -> list[list[str]]:
    """All ways to cut s into k well-formed numbers."""
    if k == 0:
        return [[]] if not s else []
    out = []
    for i in range(1, len(s) - k + 2):
        head = s[:i]
        if _NUM.match(head):
            out.extend([head] + rest for rest in _splits(s[i:], k - 1))
    return out


def split_total(v: Val, weight_first: bool = True) -> list[Val] | None:
    """总分100100 -> 分值 100, 得分 100 (in the order written), when that is the only cut into two
    figures of at most two decimals with 得分 ≤ 分值 ≤ 100."""
    cands = []
    for a, b in _splits(normalize_digits(v.text.strip()), 2):
        qa, qb = parse_value(a), parse_value(b)
        if not (qa and qb) or qa.decimals > 2 or qb.decimals > 2:
            continue
        w, sc = (qa, qb) if weight_first else (qb, qa)
        if w.value <= 100 and sc.value <= w.value:
            cands.append((Val(a, v.loc, qa), Val(b, v.loc, qb)))
    return list(cands[0]) if len(cands) == 1 else None


def _row_candidates(text: str, cols: list[str]) -> list[dict[str, Val]]:
    out: list[dict[str, Val]] = []
    loc = None
    if "%" in text and "rate.execution" in cols:
        idx = text.index("%")
        head, post = text[:idx], text[idx + 1:]
        rc = cols.index("rate.execution")
        before, after = cols[:rc], cols[rc + 1:]
        for k in range(1, len(head)):
            pre, rate = head[:k], head[k:]
            if not _NUM.match(rate):
                continue
            for nb in (len(before),):
                for parts in _splits(pre, nb):
                    for na in range(len(after), -1, -1):
                        for tail in _splits(post, na):
                            d = dict(zip(before[len(before) - nb:], parts))
                            d["rate.execution"] = rate + "%"
                            d.update(zip(after, tail))
                            out.append(d)
                if out:
                    break
    else:
        money = [c for c in cols if c in _MONEY]
        for k in range(len(money), 0, -1):
            for parts in _splits(text, k):
                out.append(dict(zip(money, parts)))
            if out:
                break
    res = []
    for d in out:
        vals = {r: Val(t, loc, parse_value(t)) for r, t in d.items()}
        if all(v.q is not None for v in vals.values()) and _plausible(vals):
            res.append(vals)
    return res


def _as_written(r: FundRow, cols: list[str]) -> list[dict[str, Val]]:
    """The cells as they are, when each reads as one figure and there is one per column (a glued token
    that was a whole figure after all: 86.5%)."""
    vals = [Val(v.text, v.loc, v.q or parse_value(v.text)) for _, v in r.cells]
    if len(vals) != len(cols) or any(v.q is None for v in vals):
        return []
    d = dict(zip(cols, vals))
    return [d] if _plausible(d) else []


def _same_decimals(v: dict[str, Val]) -> bool:
    """A form prints its money columns in one format (437.00 | 437.00 | 393.74): among the cuts of a
    run of digits, those giving every amount of the row as many decimals are the form's own."""
    return len({v[c].q.decimals for c in _MONEY if c in v}) <= 1


def _plausible(v: dict[str, Val]) -> bool:
    w, s = v.get("score.weight"), v.get("score.value")
    if any(x is not None and x.q.decimals > 2 for x in (w, s)):
        return False  # scores are given to two decimals at most
    if w and w.q.value > 100:
        return False
    if w and s and s.q.value > w.q.value:
        return False
    r = v.get("rate.execution")
    if r and r.q.value > Decimal(str(V.vocab().get("max_execution_rate", 200))):
        return False
    return True


def _budget(v: dict[str, Val]) -> Val | None:
    return v.get("budget.adjusted") or v.get("budget.initial")


def rate_ok(v: dict[str, Val]) -> bool | None:
    b, s, r = _budget(v), v.get("spend.actual"), v.get("rate.execution")
    if not (b and s and r):
        return None
    if b.q.value == 0:
        return s.q.value == 0 and r.q.value == 0
    calc = s.q.value / b.q.value * 100
    return abs(calc - r.q.value) <= Decimal("0.5") * Decimal(10) ** -r.q.decimals + Decimal("0.005")


def _sums_ok(total: dict[str, Val], comps: list[dict[str, Val]]) -> bool:
    checked = False
    for col in ("budget.initial", "budget.adjusted", "spend.actual"):
        if col not in total or not all(col in c for c in comps):
            continue
        checked = True
        if sum(c[col].q.value for c in comps) != total[col].q.value:
            return False
    return checked


def solve_glued(form: Form) -> None:
    rows = form.fund_rows
    if not any(r.aligned == "glued" for r in rows) or not form.fund_cols:
        return
    options: list[list[dict[str, Val]]] = []
    for r in rows:
        if r.aligned == "glued":
            text = normalize_digits("".join(v.text for _, v in r.cells))  # ９２.４５％ cut like 92.45%
            cands = _row_candidates(text, form.fund_cols) + _as_written(r, form.fund_cols)
            cands = [c for c in cands if _same_decimals(c)] or cands
            for c in cands:
                for v in c.values():
                    v.loc = r.cells[0][1].loc
        else:
            cands = [dict(r.values)]
        options.append(cands or [{}])
    n = 1
    for o in options:
        n *= len(o)
    if n > MAX_COMBOS:
        return _give_up(form)
    ti = next((i for i, r in enumerate(rows) if r.kind == "total"), None)
    tiers: list[list[tuple]] = [[], [], []]
    for combo in itertools.product(*options):
        comps = [c for i, c in enumerate(combo) if i != ti and c]
        comp_rates = all(rate_ok(c) is not False for c in comps)
        total = combo[ti] if ti is not None else {}
        sums = ti is not None and bool(comps) and _sums_ok(total, comps)
        if comp_rates and sums and rate_ok(total) is not False:
            tiers[0].append(combo)
        if comp_rates and sums:
            tiers[1].append(combo)
        if comp_rates and rate_ok(total) is not False:
            tiers[2].append(combo)
    for tier in tiers:
        if len(tier) == 1:
            for r, vals in zip(rows, tier[0]):
                if r.aligned == "glued" and vals:
                    r.values, r.aligned = vals, "solved"
            if any(r.aligned == "glued" for r in rows):
                _give_up(form)
            return
        if len(tier) > 1:
            break
    _give_up(form)


def _give_up(form: Form) -> None:
    for r in form.fund_rows:
        if r.aligned == "glued":
            form.issues.append((f"资金行“{r.label}”的数字连在一起（{''.join(v.text for _, v in r.cells)}），"
                                "无法唯一拆分为预算数、执行数和执行率", r.quote, r.loc))


def fund_row_text(r: FundRow) -> str:
    return " ".join(v.text for _, v in r.cells)
