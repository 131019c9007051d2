"""FM010–FM011: the 项目资金 block of 自评表 forms (执行率, 年度资金总额 = Σ 其中)."""

from __future__ import annotations

from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.form_common import (COL_NAMES, MONEY, budget_of, ev, fmt, form_name, forms, interval,
                                          meet_strict, num, pct, ratio_interval, usable_row)
from extractor.extract import budget_vocab as BV
from extractor.extract.form_model import Form, FundRow


def _adds_up(parts: list[FundRow], whole: FundRow) -> bool:
    """Every money column `whole` states is the sum of the parts' values in it (at the shown precision)."""
    checked = False
    for col in MONEY:
        w = num(whole.values.get(col))
        if w is None:
            continue
        vals = [q for r in parts if (q := num(r.values.get(col))) is not None]
        if not vals:
            return False
        dec = max([q.decimals for q in vals] + [w.decimals])
        lo = sum((interval(q, dec)[0] for q in vals), Decimal(0))
        hi = sum((interval(q, dec)[1] for q in vals), Decimal(0))
        if not meet_strict((lo, hi), interval(w, dec)):
            return False
        checked = True
    return checked


def _top_level(comps: list[FundRow], total: FundRow | None) -> list[FundRow] | None:
    """The 其中 rows that add up to the total. A second 其中 right after a row may break that row down
    (其中：财政拨款 / 其中：中央补助 / 省级配套): the run it opens is the row's breakdown when it adds up
    to that row, and leaves the top level. None when the levels cannot be decided."""
    comps = [r for r in comps if r.values]  # blank rows (其他资金 left empty, a repeated caption) add nothing
    nested = [i for i, r in enumerate(comps) if i > 0 and r.qizhong]
    if all(r.qizhong for r in comps):
        nested = []  # 其中 on every row: one list of sources
    if not nested or total is None or _adds_up(comps, total):
        return comps
    drop: set[int] = set()
    for i in nested:
        if i - 1 in drop:
            return None  # a breakdown of a breakdown: not worth guessing
        ends = [j for j in range(i, len(comps)) if _adds_up(comps[i:j + 1], comps[i - 1])]
        if not ends:
            return None
        drop.update(range(i, ends[0] + 1))
    return [r for k, r in enumerate(comps) if k not in drop]


def _breakdowns(comps: list[FundRow]) -> list[list[FundRow]]:
    """The 部门整体 template breaks the total down twice — by source (财政拨款, 其他资金) and by spending
    (基本支出, 项目支出) — each adding up to the total on its own. A row whose label names a spending
    part (budget_vocab scopes, or …支出/…经费) is in the second list."""
    spending = [r for r in comps if _spending(r.label)]
    source = [r for r in comps if not _spending(r.label)]
    return [g for g in (source, spending) if g] if spending and source else [comps]


def _spending(label: str) -> bool:
    t = BV.squash(label)
    return BV.scope_of(t) not in (None, "overall") and not t.endswith(("资金", "拨款", "补助")) \
        or t.endswith(("支出", "经费"))


def _component_sums(f: Form) -> dict[str, list]:
    """Per money column, the 其中 values to add up, of the first breakdown of the total that has any."""
    return next((s for s in component_sums(f) if s), {})


def component_sums(f: Form) -> list[dict[str, list]]:
    """Per breakdown of the total (by source, by spending), per money column, the 其中 values to add up
    (empty 其中 rows count as nothing); a column is left out when a 其中 row shows other values but none
    in it, or a row's columns are uncertain."""
    comps = f.components
    if not comps or any(not usable_row(r) and r.cells for r in comps):
        return []
    out = []
    for group in _breakdowns([r for r in comps if r.values]):
        top = _top_level(group, f.total_row)
        if top is not None:
            out.append(_sums(top))
    return out


def _sums(comps: list[FundRow]) -> dict[str, list]:
    out: dict[str, list] = {}
    for col in MONEY:
        vals = []
        for r in comps:
            v = r.values.get(col)
            if v is not None and num(v) is not None:
                vals.append(v)
            elif r.values:
                vals = None
                break
        if vals:
            out[col] = vals
    return out


@register
class FundRate(Check):
    """资金执行率与 执行数 ÷ 预算数 不符。

    何时触发：自评表资金行的执行率与 全年执行数 ÷ 全年预算数（无全年预算数时用年初预算数）在三个数字
    各自的显示精度内都不符（按区间计算，执行数、预算数的取整能解释的差异不报告）。年度资金总额行全为
    0 而其中各行有金额时，用其中各行合计计算。
    反例：“年度资金总额 0 0 0 10 0 0 / 其中：本年财政拨款 60 59.985 59.985”（执行率 0，应为 100%）。
    正例：52.5 预算、45.26 执行、执行率 86%（86.2% 四舍五入）。
    已知局限：列序只能按数值类型猜测的行，只在所有可能的对应都不符时报告。
    """

    code = "FM010"
    name = "form.fund_rate"
    kind = "rate_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.fund_rows:
                yield from self._row(f, r)

    def _row(self, f: Form, r: FundRow):
        rate_v = r.values.get("rate.execution")
        rate = num(rate_v)
        if rate is None:
            return
        rate = pct(rate)
        b = budget_of(r.values)
        s = r.values.get("spend.actual")
        pairs = []
        basis = ""
        if usable_row(r) and b and num(s) is not None:
            pairs = [(b[1], s)]
            if r.kind == "total" and num(b[1]).value == 0 and num(s).value == 0:
                sums = _component_sums(f)
                if b[0] in sums and "spend.actual" in sums and any(num(v).value for v in sums[b[0]]):
                    yield from self._from_components(f, r, rate_v, rate, sums[b[0]], sums["spend.actual"])
                    return
        elif r.aligned == "guessed" and r.guessed_pairs:
            pairs = r.guessed_pairs
            basis = "（列序按数值类型推断）"
        if not pairs:
            return
        results = [self._compare(num(bv), num(sv), rate) for bv, sv in pairs]
        if any(x is None or x[0] == "ok" for x in results):
            return
        bv, sv = pairs[0]
        verdict, calc = results[0]
        if len(pairs) > 1 and verdict != "error":
            return
        sev = "error" if all(x[0] == "error" for x in results) else "warning"
        yield self.finding(
            f"{form_name(f)}“{r.label}”执行率 {rate_v.text}，按 执行数 {sv.text} ÷ 预算数 {bv.text} 计算为 {fmt(calc)}%{basis}"
            + ("" if sev == "error" else "（差异在金额取整范围内，但超出执行率自身精度）"),
            severity=sev, values=[bv.text, sv.text, rate_v.text], expected=f"{fmt(calc)}%", actual=rate_v.text,
            evidence=[ev(bv, "budget", r.quote), ev(sv, "spent", r.quote), ev(rate_v, "stated_rate", r.quote)])

    @staticmethod
    def _compare(b, s, rate):
        if b is None or s is None or b.value <= 0:
            return None
        calc = s.value / b.value * 100
        rng = ratio_interval(s, b)
        if rng is None:
            return None
        lo, hi = rate.interval()
        if not (rng[0] <= hi and lo <= rng[1]):
            return "error", calc
        return "ok", calc  # the amounts' own rounding explains the rate (31.69 ÷ 32.4 shown as 97.80%)

    def _from_components(self, f, r, rate_v, rate, budgets, spents):
        b = sum((num(v).value for v in budgets), Decimal(0))
        s = sum((num(v).value for v in spents), Decimal(0))
        if b <= 0:
            return
        calc = s / b * 100
        dec = max(num(v).decimals for v in budgets + spents)
        slack = Decimal(len(budgets + spents)) * Decimal(5) * Decimal(10) ** (-dec - 1)
        lo, hi = rate.interval()
        clo, chi = (s - slack) / (b + slack) * 100, (s + slack) / (b - slack) * 100 if b > slack else calc
        if clo <= hi and lo <= chi:
            return
        yield self.finding(
            f"{form_name(f)}“{r.label}”执行率 {rate_v.text}，但其中各行合计 执行数 {fmt(s, 4)} ÷ 预算数 {fmt(b, 4)} = {fmt(calc)}%",
            values=[rate_v.text] + [v.text for v in budgets + spents], expected=f"{fmt(calc)}%", actual=rate_v.text,
            evidence=[ev(rate_v, "stated_rate", r.quote)] + [ev(v, "addend") for v in budgets + spents])


@register
class FundSum(Check):
    """年度资金总额与其中各项之和不符。

    何时触发：资金块中年度资金总额行的年初预算数 / 全年预算数 / 全年执行数，与“其中”各行（本年财政拨款、
    上年结转资金、其他资金……）同列之和在显示精度内不符（取整区间按半开区间计）。
    反例：总额 0 / 0 / 0，其中本年财政拨款 60 / 59.985 / 59.985。
    正例：总额 148，其中中央 102、地方 46。
    已知局限：其中各行列序不确定时不核对；只列出部分来源的表（无“其他资金”行）可能少计。
    """

    code = "FM011"
    name = "form.fund_sum"
    kind = "sum_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            t = f.total_row
            if t is None or not usable_row(t):
                continue
            bad, vals, evs = [], [], []
            for col, parts in ((c, p) for sums in component_sums(f) for c, p in sums.items()):
                tv = t.values.get(col)
                if num(tv) is None:
                    continue
                dec = max([num(v).decimals for v in parts] + [num(tv).decimals])
                lo = sum((interval(num(v), dec)[0] for v in parts), Decimal(0))
                hi = sum((interval(num(v), dec)[1] for v in parts), Decimal(0))
                if meet_strict((lo, hi), interval(num(tv), dec)):
                    continue
                s = sum((num(v).value for v in parts), Decimal(0))
                bad.append(f"{COL_NAMES[col]} {tv.text} ≠ {' + '.join(v.text for v in parts)} = {fmt(s, dec)}")
                vals += [tv.text] + [v.text for v in parts]
                evs += [ev(tv, "stated_total", t.quote)] + [ev(v, "addend") for v in parts]
            if bad:
                yield self.finding(f"{form_name(f)}年度资金总额与其中各项之和不符：" + "；".join(bad),
                                   values=vals, evidence=evs)
