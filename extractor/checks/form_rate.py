"""FM006: the 预算执行率 score against the form's own scoring rule (or 执行率 × 分值)."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.checks import Check, Option, register
from extractor.checks.form_common import ev, fmt, form_name, forms, num, pct, usable_row
from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form
from extractor.extract.taxonomy import category_of
from extractor.model import Evidence


def _anchored(r) -> bool:
    """Exact columns, or columns guessed around the one 执行率 cell (分值 before it, 得分 after it)."""
    return usable_row(r) or (r.aligned == "guessed" and "rate.execution" in r.values)


@register
class RateScoreRule(Check):
    """预算执行率得分不符合表格自己规定的计分规则（未规定时按“执行率 × 分值”）。

    何时触发：表格（表头、表注）写明了执行率的计分规则——按比例（“得分=执行率×分值”“得分（20分*执行
    率）”）、达到某一执行率得满分（“执行率达到90%及以上得满分”）、或每低若干个百分点扣若干分——而
    资金行的得分不符（error）；没有写明规则时按“执行率 × 分值”核对，差异超过显示精度和容差（选项
    tolerance，默认 0.5 分）时为 warning。
    反例：表注“执行率达到90%及以上得满分”，执行率 85%、得分 10。
    正例：执行率 86%、分值 10、得分 9（8.6 四舍五入，未写规则）；表注“90%以上得满分”，执行率 93% 得 10 分。
    已知局限：只识别 patterns/forms.yaml rate_rules 中的几种写法；分档规则写在表外时按默认规则核对。
    """

    code = "FM006"
    name = "form.rate_score_rule"
    kind = "rate_mismatch"
    severity = "warning"
    options = {"tolerance": Option(str, "0.5", "得分与 执行率×分值 之间允许的差（分）")}

    def run(self, ctx):
        tol = Decimal(str(ctx.options.get("tolerance", "0.5")))
        for f in forms(ctx):
            yield from self._rows(f, tol)
            r = f.total_row or (f.fund_rows[0] if f.fund_rows else None)
            if r is None or not _anchored(r):
                continue
            w, s, rate = (num(r.values.get(k)) for k in ("score.weight", "score.value", "rate.execution"))
            if w is None or s is None or rate is None:
                continue
            rule, quote = stated_rate_rule(f)
            rate = pct(rate)
            lo, hi = (min(max(x, Decimal(0)), Decimal(100)) for x in rate.interval())
            elo, ehi = _rule_range(rule, lo, hi, w.value)
            slack = _slack(rule, s, w.value, tol, f)
            # under the form's own rule the score is taken as awarded; under none, as a rounded figure
            slo, shi = s.interval() if rule is None else (s.value, s.value)
            if slo <= ehi + slack and elo - slack <= shi:
                continue
            expect = _rule_range(rule, min(rate.value, Decimal(100)), min(rate.value, Decimal(100)), w.value)[0]
            vals = [r.values[k] for k in ("rate.execution", "score.weight", "score.value")]
            how = f"按表中规定“{_clause(quote)}”" if rule else "按 执行率 × 分值"
            yield self.finding(
                f"{form_name(f)}预算执行率 {vals[0].text}、分值 {vals[1].text}，{how}应得 {fmt(expect)} 分，但得分为 {vals[2].text}",
                severity="error" if rule else "warning",
                values=[v.text for v in vals], expected=fmt(expect), actual=vals[2].text,
                evidence=[ev(v, k) for v, k in zip(vals, ("stated_rate", "weight", "score"))]
                + ([Evidence(quote[:160], "rule", f.loc)] if rule else []))


    def _rows(self, f: Form, tol: Decimal):
        """预算执行率 as an indicator row (项目管理/过程 in the 2020 framework): its score follows the
        same rule as the fund block's. A row with a target of its own is FM005/FM009's unless the form
        states the rule; a row docked with a written reason is left alone."""
        rule, quote = stated_rate_rule(f)
        for r in f.indicators:
            if not _is_rate_row(r) or (rule is None and num(r.target) is not None):
                continue  # a target of its own and no stated rule: FM005/FM009's (governed_by_rule)
            w, s, a = num(r.weight), num(r.score), num(r.actual)
            lo, hi = (min(max(x, Decimal(0)), Decimal(100)) for x in a.interval())
            elo, ehi = _rule_range(rule, lo, hi, w.value)
            slack = _slack(rule, s, w.value, tol, f)
            if elo - slack <= s.value <= ehi + slack or (r.note and s.value < elo):
                continue
            expect = _rule_range(rule, min(a.value, Decimal(100)), min(a.value, Decimal(100)), w.value)[0]
            how = f"按表中规定“{_clause(quote)}”" if rule else "按 执行率 × 分值"
            yield self.finding(
                f"{form_name(f)}指标“{r.name}”完成值 {r.actual.text}、分值 {r.weight.text}，{how}应得 {fmt(expect)} 分，"
                f"但得分为 {r.score.text}" + ("" if r.note else "，且未说明原因"),
                severity="error" if rule else "warning",
                values=[r.weight.text, r.actual.text, r.score.text], expected=fmt(expect), actual=r.score.text,
                evidence=[ev(r.actual, "stated_rate", r.quote), ev(r.weight, "weight", r.quote), ev(r.score, "score", r.quote)]
                + ([Evidence(quote[:160], "rule", f.loc)] if rule else []))


def _is_rate_row(r) -> bool:
    """An indicator row measuring the execution rate, with a weight, a score and an actual in %."""
    cat = category_of(r.name)
    if not r.reliable or cat is None or cat.id != "budget_execution":
        return False
    w, s, a = num(r.weight), num(r.score), num(r.actual)
    return (w is not None and s is not None and a is not None and a.unit == "%" and not a.comparator
            and w.unit in ("", "分"))


def governed_by_rule(f: Form, r) -> bool:
    """The row is an execution-rate row and the form states how the rate is scored: its score is
    judged by that rule (FM006), not by its target (FM005/FM009)."""
    return _is_rate_row(r) and stated_rate_rule(f)[0] is not None


def _clause(text: str) -> str:
    """The clause of a note that states the rate rule (a note often states other rules after it)."""
    parts = [p for p in re.split(r"[；;。\n]", text) if "执行率" in p]
    return (parts[0] if parts else text).strip()[:40]


def _slack(rule, s, weight: Decimal, tol: Decimal, f: Form) -> Decimal:
    """How far the score may sit from what the rule gives: under the form's own rule, the rounding of
    the decimals the form writes scores to (a full-marks bar has none); under no rule, see below."""
    if rule is None:
        return _default_slack(s, weight, tol)
    return Decimal(0) if rule[0] == "full_at" else _half_unit(s, f)


def _half_unit(s, f: Form) -> Decimal:
    """Half a unit of the last place the form writes its scores to: a score of 10 on a form that
    writes 9.83 elsewhere means 10.00, not anything that rounds to 10."""
    places = [q.decimals for r in f.indicators if (q := num(r.score)) is not None]
    places += [q.decimals for r in f.fund_rows if (q := num(r.values.get("score.value"))) is not None]
    return Decimal(5) * Decimal(10) ** (-max([s.decimals] + places) - 1)


def _default_slack(s, weight: Decimal, tol: Decimal) -> Decimal:
    """How far a score may sit from 执行率 × 分值 when the form states no rule. A score written to the
    hundredth that is neither whole nor full marks was computed, so it is held to its own rounding
    (and a hundredth for the rate's); a whole or one-decimal score may be rounded or judged (tol)."""
    if s.decimals >= 2 and s.value != s.value.to_integral_value() and s.value != weight:
        return Decimal("0.01") + Decimal(5) * Decimal(10) ** (-s.decimals - 1)
    return tol


def stated_rate_rule(f: Form) -> tuple[tuple | None, str]:
    """The scoring rule of the execution rate the form states: ('proportional',), ('full_at', rate),
    ('per_step', step, points), with the text stating it; (None, '') when it states none."""
    rules = V.vocab().get("rate_rules") or {}
    texts = [c.header for b in f.blocks if b.kind == "fund" for c in b.header] + [t.text for t in f.texts]
    for text in texts:
        t = V.norm(text)
        for rx in rules.get("full_at", []):
            m = re.search(rx, t)
            if m:
                return ("full_at", Decimal(m.group("rate"))), text
        for rx in rules.get("per_step", []):
            m = re.search(rx, t)
            if m:
                return ("per_step", Decimal(m.group("step")), Decimal(m.group("points"))), text
        if any(re.search(rx, t) for rx in rules.get("proportional", [])):
            return ("proportional",), text
    return None, ""


def _rule_range(rule, lo: Decimal, hi: Decimal, weight: Decimal) -> tuple[Decimal, Decimal]:
    """The scores the rule allows for a rate in [lo, hi] (in %)."""
    if rule is not None and rule[0] == "full_at":
        if lo >= rule[1]:
            return weight, weight
        below = (Decimal(0), weight - Decimal("1e-6"))  # below the bar: anything but full marks
        return (below[0], weight) if hi >= rule[1] else below
    if rule is not None and rule[0] == "per_step":
        step, points = rule[1], rule[2]
        # 每低于5%扣1分: 93% is one or two steps below, as the form may count part of a step or not
        most = ((Decimal(100) - lo) / step).to_integral_value("ROUND_CEILING") * points
        least = ((Decimal(100) - hi) / step).to_integral_value("ROUND_FLOOR") * points
        return max(Decimal(0), weight - most), max(Decimal(0), weight - least)
    return lo * weight / 100, hi * weight / 100
