"""FM014, FM018 and FM044: a form that was not filled in — the 完成值 / 得分 columns left blank under a
filled total, one row scored with no 完成值 at all, or the template's instruction text (对照年度目标，
说明…（100字以内）) left where content belongs."""

from __future__ import annotations

from extractor.checks import Check, register
from extractor.checks.form_common import ev, form_name, forms, num
from extractor.extract import form_vocab as V
from extractor.model import Evidence

COLUMNS = (("actual", "indicator.actual", "实际完成值"), ("score", "score.value", "得分"))


def _columns(f) -> set[str]:
    return {c.role for b in f.blocks if b.kind == "indicator" and b.colmap for c in b.colmap.columns if c.role}


@register
class BlankColumns(Check):
    """自评表的实际完成值或得分一栏整列空白，而合计已填写。

    何时触发：表头有“实际完成值/完成值”或“得分”列，所有（至少两行）能读出分值的指标行该列都为空，
    而总分行已填写（分值合计或得分）。自评表的完成值和得分是自评本身，整列空白说明未自评。
    反例：“发放覆盖率 = 100 % （空） 60 （空）… 合计 100”。
    正例：各行完成值、得分均已填写；或绩效目标申报表（没有完成值、得分列）。
    已知局限：只看能对应到列的指标行；个别行空白不在此报告（见 FM020/FM090）。
    """

    code = "FM014"
    name = "form.blank_columns"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            if f.total_weight is None and f.total_score is None:
                continue
            cols = _columns(f)
            rows = [r for r in f.indicators if r.reliable and num(r.weight) is not None]
            if len(rows) < 2:
                continue
            blank = [cn for attr, role, cn in COLUMNS if role in cols and all(getattr(r, attr) is None for r in rows)]
            if not blank:
                continue
            total = f.total_weight or f.total_score
            totals = [v.text for v in (f.total_weight, f.total_score) if v is not None]
            yield self.finding(
                f"{form_name(f)}{len(rows)} 个指标的{'和'.join(blank)}均未填写，而合计 {'/'.join(totals)} 已填写：未进行自评",
                values=totals + [r.weight.text for r in rows], expected="填写" + "、".join(blank),
                actual="空白", evidence=[Evidence(f.total_quote or total.text, "stated_total", total.loc, total.text)]
                + [ev(r.weight, "weight", r.quote) for r in rows[:5]])


@register
class ScoreWithoutActual(Check):
    """指标行没有填写实际完成值，却给了分。

    何时触发：表中有实际完成值一栏，且其他指标行大多已填写，而某一指标行有指标值、得分大于 0，实际完成值
    却空白（或只有“—”“/”等占位符）。没有完成值，得分无从依据。
    反例：“设备故障修复及时率 ≥95% （空） 20 20”。
    正例：同一行完成值填“96%”；或整张表都没有完成值一栏（绩效目标申报表）。
    已知局限：整列空白由 FM014 报告；完成值写在偏差原因栏的文字中时仍会报告。
    """

    code = "FM018"
    name = "form.score_without_actual"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            if "indicator.actual" not in _columns(f):
                continue
            rows = [r for r in f.indicators if r.reliable and r.target is not None and num(r.score) is not None]
            filled = [r for r in rows if r.actual is not None and not V.is_placeholder(r.actual.text)]
            if len(filled) * 2 < len(rows):
                continue  # most rows have no 完成值: the form's layout, FM014's business
            for r in rows:
                if (r.actual is None or V.is_placeholder(r.actual.text)) and num(r.score).value > 0:
                    w = f"/{r.weight.text}" if r.weight is not None else ""
                    yield self.finding(
                        f"{form_name(f)}指标“{r.name}”（指标值 {r.target.text}）没有填写实际完成值，却得分 {r.score.text}{w}",
                        values=[r.target.text, r.score.text] + ([r.weight.text] if r.weight is not None else []),
                        expected="填写实际完成值", actual="空白",
                        evidence=[ev(r.target, "target", r.quote), ev(r.score, "score", r.quote)])


@register
class InstructionLeft(Check):
    """模板的填写说明文字留在了应填内容的位置（未填写）。

    何时触发：自评表中“年度目标完成情况”“评价结论”“存在问题”“改进措施”“偏差原因”等栏的内容就是模板的
    填写说明（以“对照……说明”“结合……分析”“针对……提出”“请填写”开头，或带“（100字以内）”之类的字数
    要求），即应填的内容没有填。模板印在注释或“原因”栏里的规则说明（“执行率=执行数/预算数”“未达到
    90%的需说明原因”）不在此报告，但也不算作说明。
    反例：“评价结论 | 结合自评情况，说明项目自评总分……（200字以内）”。
    正例：“评价结论 | 项目总体完成较好，自评得分95分”。
    已知局限：按说明文字的常见句式判断，个别地方模板的特殊措辞可能认不出。
    """

    code = "FM044"
    name = "form.instruction_left"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            seen, evs = set(), []
            texts = [(t.text, t.loc) for t in f.texts] + [(r.note, r.loc) for r in f.indicators if r.note] \
                + [(r.note, r.loc) for r in f.fund_rows if r.note]
            for text, loc in texts:
                t = text.strip()
                if t in seen or V.instruction_kind(t) != "request":
                    continue
                seen.add(t)
                evs.append(Evidence(t[:160], "instruction", loc))
            if evs:
                yield self.finding(
                    f"{form_name(f)}有 {len(evs)} 处仍是模板的填写说明，应填写的内容未填写：" + "；".join(
                        f"“{e.quote[:24]}…”" for e in evs[:4]),
                    values=[], expected="填写内容", actual="模板说明文字", evidence=evs)
