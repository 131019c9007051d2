"""FM008: indicators that missed their targets should be scored in the order of how far they got."""

from __future__ import annotations

from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.form_common import fmt, form_name, forms, num, row_ev
from extractor.checks.form_targets import verdict
from extractor.extract.form_model import IndicatorRow


def _completion(v) -> tuple[Decimal, Decimal] | None:
    """Range of the completion ratio (actual ÷ target, or target ÷ actual for a ≤ indicator), from the
    figures verdict() has put in reconciled units."""
    tb = v.target.base
    alo, ahi = v.actual.interval()
    if tb <= 0 or alo <= 0:
        return None
    if v.op in ("<=", "<"):
        return tb / ahi, tb / alo
    return alo / tb, ahi / tb


def _share(r: IndicatorRow) -> Decimal | None:
    w, s = num(r.weight), num(r.score)
    if w is None or s is None or w.value <= 0 or w.unit not in ("", "分") or s.unit not in ("", "分"):
        return None
    return s.value / w.value


def _pct(d: Decimal) -> str:
    return fmt(d * 100, 1) + "%"


@register
class ScoreOrder(Check):
    """未完成指标的得分高低与完成程度相反，评分标准前后不一。

    何时触发：同一张自评表中两个都未达到指标值的行，完成程度（实际值 ÷ 指标值，反向指标取倒数，按
    显示精度取区间）明显较低的一行，得分率（得分 ÷ 分值）反而较高。任何按完成程度单调的评分办法
    （按比例、分档）都不会出现这种情况。每个涉及最多矛盾的行报告一次，列出与之矛盾的行。
    反例：“培训人数 100人 60人 分值 10 得分 9”（完成 60% 得 90%）与“发放手册 100册 80册 分值 10 得分 6”
    （完成 80% 只得 60%）。
    正例：完成 60% 得 6/10，完成 80% 得 8/10，完成 95% 得 9.5/10。
    已知局限：只比较数值型、方向可判断、单位一致的行；已达标的行不参与（见 FM005）。
    """

    code = "FM008"
    name = "form.score_order"
    kind = "score_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            rows = []
            for r in f.indicators:
                v = verdict(r)
                if v is None or v.how != "numeric" or v.state != "unmet":
                    continue
                c, s = _completion(v), _share(r)
                if c is not None and s is not None:
                    rows.append((r, c, s))
            pairs = {(i, j) for i, (_, ci, si) in enumerate(rows) for j, (_, cj, sj) in enumerate(rows)
                     if ci[1] < cj[0] and si > sj}  # i got less done than j but scored higher
            while pairs:
                count: dict[int, int] = {}
                for i, j in pairs:
                    count[i] = count.get(i, 0) + 1
                    count[j] = count.get(j, 0) + 1
                k = min(count, key=lambda x: (-count[x], x))
                others = sorted({j if i == k else i for i, j in pairs if k in (i, j)})
                pairs = {p for p in pairs if k not in p}
                yield self._finding(f, rows[k], [rows[o] for o in others])

    def _finding(self, f, row, others):
        r, c, s = row

        def desc(x):
            rr, cc, ss = x
            return (f"“{rr.name}”完成 {rr.actual.text}/{rr.target.text}（约 {_pct((cc[0] + cc[1]) / 2)}），"
                    f"得分 {rr.score.text}/{rr.weight.text}")

        lower = [o for o in others if o[1][1] < c[0]]
        higher = [o for o in others if o[1][0] > c[1]]
        parts = []
        if lower:
            parts.append("完成程度更低的" + "、".join(desc(o) for o in lower[:3]) + "，得分率却更高")
        if higher:
            parts.append("完成程度更高的" + "、".join(desc(o) for o in higher[:3]) + "，得分率却更低")
        vals = [r.target.text, r.actual.text, r.score.text]
        for o in others[:3]:
            vals += [o[0].target.text, o[0].actual.text, o[0].score.text]
        return self.finding(
            f"{form_name(f)}评分与完成程度不一致：{desc(row)}；而" + "；".join(parts) + "，且均未说明原因"
            if not (r.note or any(o[0].note for o in others)) else
            f"{form_name(f)}评分与完成程度不一致：{desc(row)}；而" + "；".join(parts),
            values=vals, expected=None, actual=None,
            evidence=[row_ev(r, "row")] + [row_ev(o[0], "compared_row") for o in others[:3]])
