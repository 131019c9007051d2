"""FM019: a form that prints a score coefficient (得分系数) beside 指标权重 and 指标得分 — 重庆-style 自评表
— gives a score that is not 权重 × 系数."""

from __future__ import annotations

from extractor.checks import Check, register
from extractor.checks.form_common import ev, form_name, forms, num
from extractor.extract.form_columns import ratio_score_holds


@register
class ScoreVsRatio(Check):
    """得分与 指标权重 × 得分系数 不符。

    何时触发：自评表有“得分系数”一栏（得分 = 指标权重 × 得分系数），某指标行三者均读出，而得分在三者各自
    显示精度内不等于 权重 × 系数。
    反例：“政府采购执行率 | 100% | 80% | 得分系数 80% | 权重 5 | 得分 5”（5 × 80% = 4）。
    正例：“… | 得分系数 80% | 权重 5 | 得分 4”；“得分系数 97.3% | 权重 3 | 得分 2.92”。
    已知局限：只核对表格能对应到列的行；系数以 1 以下小数或百分数书写均可。
    """

    code = "FM019"
    name = "form.score_vs_ratio"
    kind = "score_mismatch"
    severity = "error"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                w, k, s = num(r.weight), num(r.ratio), num(r.score)
                if not r.reliable or w is None or k is None or s is None or ratio_score_holds(w, k, s):
                    continue
                factor = k.value / 100 if k.unit == "%" or k.value > 1 else k.value
                yield self.finding(
                    f"{form_name(f)}“{r.name}”得分 {s.raw}，但指标权重 {w.raw} × 得分系数 {k.raw} = "
                    f"{(w.value * factor).normalize():f}",
                    values=[w.raw, k.raw, s.raw], expected=f"{(w.value * factor).normalize():f}", actual=s.raw,
                    evidence=[ev(r.weight, "weight", r.quote), ev(r.ratio, "ratio", r.quote), ev(r.score, "score", r.quote)])
