"""FM022: a figure in the 年度总体目标 text against the indicator row that states the same thing."""

from __future__ import annotations

import re

from extractor.checks import Check, Option, register
from extractor.checks.form_common import form_name, forms, num, row_ev
from extractor.extract import form_vocab as V
from extractor.extract.align import similarity, units_compatible
from extractor.extract.clauses import clause_spans
from extractor.model import Evidence
from extractor.quantities import Match, consistent, find_quantities, parse_value


def _goal_figures(f) -> list[tuple]:
    """(quantity, clause with its trailing clause, token) for each figure of the goal texts."""
    dims = set(V.vocab()["goal_dimensions"])
    out = []
    for tok in f.goal:
        text = V.simplify(tok.text)
        spans = [(a, b + 1) for a, b in clause_spans(text, "，,；;。")]  # each with its end mark
        matches = find_quantities(text) + in_form_words(text, f)
        for m in matches:
            q = m.quantity
            if (q.dimension not in dims and not q.unit in _form_words(f)) or q.comparator:
                continue
            i = next(k for k, (a, b) in enumerate(spans) if a <= m.start < b)
            ctx = text[spans[i][0]:spans[i][1]]
            if i + 1 < len(spans) and not any(spans[i + 1][0] <= x.start < spans[i + 1][1] for x in matches):
                ctx += text[spans[i + 1][0]:spans[i + 1][1]]  # 采购树苗60万株，免费向农户发放: the verb trails
            out.append((q, ctx.strip("，,；;。 "), tok))
    return out


def _form_words(f) -> set[str]:
    """Measure words the form's own cells use outside the unit list (8孔, 5200支)."""
    out = set()
    for r in f.indicators:
        for v in (r.target, r.actual):
            q = num(v)
            if q is not None and q.dimension == "other" and 1 <= len(q.unit) <= 2:
                out.add(q.unit)
    return out


def in_form_words(text: str, f) -> list:
    """Figures in the goal text counted in one of the form's own measure words."""
    words = _form_words(f)
    if not words:
        return []
    from dataclasses import replace

    out = []
    rx = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, sorted(words))) + ")")
    for m in rx.finditer(text):
        q = parse_value(m.group(1))
        if q is not None:
            out.append(Match(m.start(), m.end(), replace(q, unit=m.group(2), raw=m.group(0))))
    return out


def same_figure(q, v) -> bool:
    n = num(v)
    if n is None:
        return False
    n = n.with_unit(n.unit or q.unit)  # a bare figure under a 度量单位 column
    return units_compatible(q, n)[0] and consistent(q, n)


@register
class GoalVsIndicator(Check):
    """年度总体目标中的数字与对应指标的年度指标值不一致。

    何时触发：年度总体目标文字中的数量（个、人次、亩、公里、吨……，见 patterns/forms.yaml goal_dimensions）
    与同一单位的指标行对照：先把数值相同的一一配对（视为一致），剩下的目标数字若与某一指标行名称
    明显相近（jieba 分词后 rapidfuzz 相似度 ≥ 选项 min_similarity，且明显高于其他候选行），而该行的
    年度指标值和实际完成值都与之不同，则报告。
    反例：总体目标“培训农民600人次”，指标“培训农民人次 ≥500人次”。
    正例：总体目标“新建道路10公里，培训农民500人次”，指标“新建道路里程 10公里”“培训农民人次 500人次”。
    已知局限：总数与分项（1250亩 = 850亩 + 400亩）不作配对；比率、金额不比较；候选不唯一时不报告。
    """

    code = "FM022"
    name = "form.goal_vs_indicator"
    kind = "target_vs_actual"
    severity = "warning"
    options = {"min_similarity": Option(int, 50, "目标文字与指标名称的最低相似度（0-100）"),
               "margin": Option(int, 15, "最佳候选须高出次佳候选的相似度")}

    def run(self, ctx):
        lo = int(ctx.options.get("min_similarity", 50))
        margin = int(ctx.options.get("margin", 15))
        for f in forms(ctx):
            rows = [r for r in f.indicators if r.reliable and num(r.target) is not None]
            goals = _goal_figures(f)
            if not rows or not goals:
                continue
            left = []
            free = list(rows)
            for g in goals:
                hit = next((r for r in free if same_figure(g[0], r.target) or same_figure(g[0], r.actual)), None)
                if hit is not None:
                    free.remove(hit)
                else:
                    left.append(g)
            for q, clause, tok in left:
                cands = sorted(((similarity(clause, r.name), i, r) for i, r in enumerate(free)
                                if units_compatible(q, num(r.target).with_unit(num(r.target).unit or q.unit))[0]),
                               key=lambda x: (-x[0], x[1]))
                if not cands or cands[0][0] < lo or (len(cands) > 1 and cands[1][0] > cands[0][0] - margin):
                    continue
                score, _, r = cands[0]
                act = f"（实际完成 {r.actual.text}）" if r.actual is not None else ""
                yield self.finding(
                    f"{form_name(f)}年度总体目标写“{clause[:40]}”（{q.raw}），而指标“{r.name}”的年度指标值为 "
                    f"{r.target.text}{act}，两处不一致（名称相似度 {score}）",
                    values=[q.raw, r.target.text] + ([r.actual.text] if r.actual is not None else []),
                    expected=r.target.text, actual=q.raw,
                    evidence=[Evidence(clause, "goal", tok.loc, q.raw), row_ev(r, "indicator")])
