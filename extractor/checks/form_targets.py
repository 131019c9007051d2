"""FM005, FM020, FM021: indicator rows of 自评表 forms — does the actual meet the target, and does the
score say the same?"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from extractor.checks import Check, register
from extractor.checks.form_common import ev, fmt, form_name, forms, num, row_ev
from extractor.checks.form_rate import governed_by_rule
from extractor.extract import form_vocab as V
from extractor.extract.form_model import IndicatorRow
from extractor.extract.taxonomy import default_op
from extractor.quantities import Quantity, unit_info
from extractor.quantities.dates import date_verdict

OP_TEXT = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


@dataclass
class Verdict:
    state: str  # met | unmet
    op: str
    explicit: bool  # comparator written in the form (not assumed)
    how: str  # numeric | text
    target: Quantity | None = None  # numeric verdicts: both figures in reconciled units
    actual: Quantity | None = None


def _unit(q: Quantity, row_unit: str) -> str:
    return q.unit or (unit_info(row_unit).name if row_unit and unit_info(row_unit) else row_unit)


def _default_op(r: IndicatorRow) -> str:
    """The direction of a row that states no comparator: from what its name measures (taxonomy),
    else from its group (成本指标: at most)."""
    return default_op(r.name, r.level2)


def verdict(r: IndicatorRow) -> Verdict | None:
    """Met / unmet for a reliable row, or None when the values cannot be compared."""
    if not r.reliable or r.target is None or r.actual is None:
        return None
    t, a = num(r.target), num(r.actual)
    if r.target.ocr or r.actual.ocr:
        return None
    if V.norm(r.target.text) == V.norm(r.actual.text) and not V.is_placeholder(r.actual.text):
        return Verdict("met", "=", True, "text")  # the actual is the target, word for word
    if t is None or a is None:
        dv = date_verdict(r.target.text, r.actual.text, V.is_timeliness(r.level2))
        if dv:
            return Verdict(dv, "<=", True, "date")  # a deadline: done on or before it
        if r.actual.q is None:
            tv = V.text_verdict(r.actual.text)
            if tv:
                return Verdict(tv, "", False, "text")
        return None
    if a.comparator:  # an actual written as an inequality is not a measurement (FM021)
        return None
    tu, au = _unit(t, r.unit), _unit(a, r.unit)
    if not tu:
        tu = au
    if not au:
        au = tu
    ti, ai = unit_info(tu), unit_info(au)
    if tu != au and not (ti and ai and ti.base == ai.base):
        return None
    tq, aq = t.with_unit(tu), a.with_unit(au)
    op = t.comparator or r.comparator
    explicit = op is not None
    op = op or _default_op(r)
    if op == "~":
        return None
    # a target is a threshold (exact); the actual is a measurement shown at some precision
    tlo = thi = tq.base
    alo, ahi = aq.interval()
    if op in (">=", ">"):
        met = ahi >= tlo
    elif op in ("<=", "<"):
        met = alo <= thi
    else:
        met = alo <= thi and tlo <= ahi
    if tq.base == aq.base:
        explicit = True  # equal figures meet their target whichever way it points
        met = True
    return Verdict("met" if met else "unmet", op, explicit, "numeric", tq, aq)


def _target_text(r: IndicatorRow, op: str) -> str:
    t = r.target.text
    if r.target.q is None and date_verdict(t, r.actual.text if r.actual else "", V.is_timeliness(r.level2)):
        return t  # a deadline says its own direction (…前)
    if r.target.q is not None and r.target.q.comparator:
        return t
    return OP_TEXT.get(op, "") + t + (r.unit if r.unit and r.target.q is not None and not r.target.q.unit else "")


@register
class TargetVsActual(Check):
    """指标实际完成值未达到年度指标值，且未说明偏差原因。

    何时触发：自评表指标行的实际完成值按该行比较符（指标性质列或值中的 ≥/≤/=；未写时正向指标按 ≥、
    成本类等反向指标按 ≤）未达到年度指标值，单位换算一致，且“偏差原因分析”为空。比较符为推定时报
    warning；比较符为推定且表中已扣分（得分低于分值，表格自己承认未达标）时只作提示（info）。
    反例：“政策知晓率 ═ 100 % 98% 10 9”，偏差原因为空。
    正例：“培训人次 ≧ 480 人次 480”；“项目总成本 ≤60万元 实际 59.98万元”。
    已知局限：文字型指标值（达成预期指标、效果明显）不比较；OCR 可疑值（290%）不比较（见 FM090）；
    单位不同且无法换算时不比较；得了满分的行由 FM009 报告（一行只报一次）。
    """

    code = "FM020"
    name = "form.target_vs_actual"
    kind = "target_vs_actual"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                v = verdict(r)
                if v is None or v.how not in ("numeric", "date") or v.state != "unmet" or r.note:
                    continue
                sc = f"，得分 {r.score.text}/{r.weight.text}" if r.score is not None and r.weight is not None else ""
                w, s = num(r.weight), num(r.score)
                if w is not None and s is not None and w.value > 0 and s.value >= w.value:
                    continue  # full marks for a missed target: FM009 reports the row, once
                docked = w is not None and s is not None and s.interval()[1] < w.value
                sev = "error" if v.explicit else "info" if docked else "warning"
                yield self.finding(
                    f"{form_name(f)}“{r.name}”实际完成值 {r.actual.text} 未达到年度指标值 {_target_text(r, v.op)}"
                    f"{'' if v.explicit else '（比较方向为推定）'}{sc}，且未填写偏差原因"
                    + ("（表中已相应扣分）" if docked and not v.explicit else ""),
                    severity=sev,
                    values=[r.target.text, r.actual.text] + ([r.score.text] if r.score is not None else []),
                    expected=_target_text(r, v.op), actual=r.actual.text,
                    evidence=[ev(r.target, "target", r.quote), ev(r.actual, "actual", r.quote)])


@register
class ScoreVsCompletion(Check):
    """已达到指标值却未得满分，且未说明原因。

    何时触发：实际完成值已达到指标值却未得满分，且偏差原因为空。文字型实际值（达成预期指标）按其
    文字判断。未达到指标值却得满分的情形见 FM009。
    反例：“资金到位及时率 ≧ 100 % 100% 10 7”（已达成却扣 3 分，未说明原因）。
    正例：“学生满意度 ≧ 95 % 100% 10 10”。
    已知局限：比较方向须写明（或实际值与指标值相等）。
    """

    code = "FM005"
    name = "form.score_vs_completion"
    kind = "score_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                w, s = num(r.weight), num(r.score)
                v = verdict(r)
                if v is None or w is None or s is None or r.note or not v.explicit and v.how == "numeric":
                    continue
                if governed_by_rule(f, r):
                    continue  # scored by the form's stated execution-rate rule: FM006
                full = s.interval()[1] >= w.value
                if v.state != "met" or full:
                    continue  # a missed target with full marks is FM009
                msg = f"已达到指标值（{r.target.text} → {r.actual.text}）却只得 {r.score.text} 分（分值 {r.weight.text}）"
                yield self.finding(
                    f"{form_name(f)}“{r.name}”{msg}，且未说明原因，相差 {fmt(w.value - s.value)} 分",
                    values=[r.target.text, r.actual.text, r.weight.text, r.score.text],
                    expected=r.weight.text if v.state == "met" else f"<{r.weight.text}", actual=r.score.text,
                    evidence=[ev(r.weight, "weight", r.quote), ev(r.score, "score", r.quote), row_ev(r)])


@register
class ActualAsTarget(Check):
    """实际完成值写成了不等式（照抄指标值），不是实际测得的数。

    何时触发：实际完成值一栏带比较符（“≥266米”“≥90%”）。
    反例：“新建排水沟 10 ≥320米 ≥320米 10”。
    正例：“新建排水沟 10 ≥320米 326米 10”。
    已知局限：只看能可靠读出实际完成值一栏的行。
    """

    code = "FM021"
    name = "form.actual_as_inequality"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                a = num(r.actual)
                if not r.reliable or a is None or not a.comparator or a.comparator == "~":
                    continue
                yield self.finding(
                    f"{form_name(f)}“{r.name}”实际完成值写为 {r.actual.text}（不等式），未填写实际完成的数值",
                    values=[r.actual.text] + ([r.target.text] if r.target is not None else []),
                    evidence=[ev(r.actual, "actual", r.quote)])


def completion(v: Verdict) -> Decimal | None:
    """How much of the target was reached (actual ÷ target, or target ÷ actual for an upper bound)."""
    if v.how != "numeric" or v.target is None or v.actual is None:
        return None
    t, a = v.target.base, v.actual.base
    if v.op in ("<=", "<"):
        return t / a if a > 0 else None
    return a / t if t > 0 else None


@register
class FullScoreMissedTarget(Check):
    """未达到指标值却得满分。

    何时触发：实际完成值未达到指标值（按比较符；文字型实际值如“未完成”“部分达成”按文字），得分却
    等于分值。模板的评分规则是“未完成指标值的按完成比例记分”，满分只给完成的指标。偏差原因一栏写了
    原因时为 warning（原因解释了差距，但不挣分数），未写时为 error；比较方向为推定时为 warning。
    反例：“政策知晓率 ≥ 95% 实际 80% 分值 10 得分 10”。
    正例：“政策知晓率 ≥ 95% 实际 96% 分值 10 得分 10”；“…实际 80% 分值 10 得分 8.42”。
    已知局限：按比例计分结果取整后恰为满分的（完成 99.6%、分值 10 取整数分）也会报告，需复核。
    """

    code = "FM009"
    name = "form.full_score_missed_target"
    kind = "target_vs_actual"  # the missed target is the problem; the full score hides it
    severity = "error"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                w, s = num(r.weight), num(r.score)
                v = verdict(r)
                if v is None or v.state != "unmet" or w is None or s is None or w.value <= 0:
                    continue
                if governed_by_rule(f, r):
                    continue  # scored by the form's stated execution-rate rule: FM006
                if s.value < w.value:
                    continue  # not full marks (scores are awarded: compared as written)
                ratio = completion(v)
                explicit = v.explicit or v.how == "text"
                sev = "error" if explicit and not r.note else "warning"
                share = f"，按完成比例应得约 {fmt(ratio * w.value)} 分" if ratio is not None else ""
                yield self.finding(
                    f"{form_name(f)}“{r.name}”未达到指标值（{_target_text(r, v.op) if v.how in ('numeric', 'date') else r.target.text if r.target else ''}"
                    f" → {r.actual.text}）却得满分 {r.score.text}{share}"
                    + ("（已写偏差原因，但原因不能换来分数）" if r.note else "，且未说明原因")
                    + ("" if explicit else "（比较方向为推定）"),
                    severity=sev, values=[r.actual.text, r.weight.text, r.score.text]
                    + ([r.target.text] if r.target is not None else []),
                    expected=f"<{r.weight.text}", actual=r.score.text,
                    evidence=[ev(r.actual, "actual", r.quote), ev(r.weight, "weight", r.quote),
                              ev(r.score, "score", r.quote)])
