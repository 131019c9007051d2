"""BG020 a stated 执行率 against 执行数 ÷ 调整后预算 (tables and text)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from extractor.checks import Check, Context, Option, register
from extractor.checks.budget_arith import Span, meet, min_decimals, ratio_percent, show_pct
from extractor.checks.budget_common import budget, cell_evidence
from extractor.extract.budget_text import partners
from extractor.model import Evidence, Finding
from extractor.quantities import Quantity
from extractor.extract.forms import is_form_text


def _operands(a, tf) -> tuple[list, list]:
    acts = partners(a.text, tf, "spend.actual")
    bases = (partners(a.text, tf, "budget.adjusted") or partners(a.text, tf, "budget.initial")
             or partners(a.text, tf, "budget.stated"))
    return acts, bases


def _closes_list(a, tf) -> bool:
    """Is `tf` a rate without a scope word of its own after two or more 其中 parts, the sentence's only
    rate? Then it is the whole's: a part with its own rate is told 其中，甲预算…，执行率…；乙…"""
    if tf.explicit_scope or (tf.scope == "overall" and not tf.item):
        return False
    sib = [f for f in a.text.figures if f.paragraph == tf.paragraph and f.sentence == tf.sentence]
    if sum(f.role == "rate.execution" for f in sib) != 1:
        return False
    parts = {(f.scope, f.item) for f in sib
             if f.quantity.dimension == "money" and (f.scope != "overall" or f.item) and f.start < tf.start}
    return len(parts) >= 2 and all(f.start < tf.start for f in sib if f is not tf and (f.scope, f.item) in parts)


def _rate_span(q: Quantity) -> Span:
    return Span.of(q)


def _compare(actual: Quantity, base: Quantity, stated: Quantity, decimals: int):
    """(consistent?, computed %) — amounts not in 元 are read at least at `decimals` decimals."""
    a = Span.of(min_decimals(actual, decimals))
    b = Span.of(min_decimals(base, decimals))
    r = ratio_percent(a, b)
    if r is None:
        return None, None
    return meet(r, _rate_span(stated)), actual.base / base.base * 100


@register
class ExecutionRate(Check):
    """执行率与执行数 ÷ 调整后预算不符。

    何时触发：表格一行的“预算执行率/执行率”与同一行 执行数 ÷ 调整后预算（没有调整后预算列时用预算数）
    不符；或文字中的“执行率达……”与同段、同一口径的执行数 ÷ 调整后预算（没有时用年初预算）不符。
    表注、填表说明和评分规则中的比例（“执行率低于85%的须作说明”“原则上不低于95%”“100-90%
    （含80%）”）是规则，不是所述执行率，不核对。
    按区间计算：执行率按显示位数取区间（86% 即 [85.5%, 86.5%)）；表中万元金额为整数时按两位小数读取
    （省略了末尾的零：101 即 101.00），带小数的按其显示位数取区间（43.1 即 [43.05, 43.15)），元金额为
    精确值。
    反例：执行率 52.00%，而 53 ÷ 101 = 52.48%。
    正例：执行率 88%，38.05 ÷ 43.1 = 88.28%。
    文字中“其中”列出的某一资金、项目（“其中，某专项资金调整后预算……，执行率100%”）的执行率只与该项自己的
    数字核对，不与单位整体的预算、执行数核对；只写“预算”（未说年初或调整后）的数在找不到调整后预算和
    年初预算时作为预算数。
    已知局限：两位小数的读法只用于表格（文字中的“1539万元”是约数，按其自身精度计算）；文字中只在同一段（或同一小节前两段）找执行数和预算数；找不到时报“无法核对”（提示）；
    预算数为 0 时不计算；带“≥”“以上”等比较词的执行率不核对。
    """

    code = "BG020"
    name = "budget.execution_rate"
    kind = "rate_mismatch"
    severity = "error"
    options = {"amount_decimals": Option(int, 2, "表中万元等非元金额为整数时，计算执行率按几位小数读取")}

    def run(self, ctx: Context) -> Iterator[Finding]:
        a = budget(ctx)
        dec = ctx.options.get("amount_decimals", 2)
        for bt in a.tables:
            for cr in (c for c in bt.columns if c.role == "rate.execution"):
                cact = bt.pick("spend.actual", cr.year)
                cbase = bt.pick("budget.adjusted", cr.year) or bt.pick("budget.initial", cr.year)
                yield from self._table(bt, cr, cact, cbase, dec)
        yield from self._text(a, dec)

    def _table(self, bt, cr, cact, cbase, dec) -> Iterator[Finding]:
        for row in bt.rows:
            rc = row.cells.get(cr.index)
            if rc is None or rc.status == "empty":
                continue
            ac = row.cells.get(cact.index) if cact else None
            bc = row.cells.get(cbase.index) if cbase else None
            cells = [(c, r) for c, r in ((rc, "stated_rate"), (ac, "actual"), (bc, "budget")) if c is not None]
            if rc.status != "value" or ac is None or bc is None or ac.status != "value" or bc.status != "value":
                yield self.finding(
                    f"{bt.where()}“{row.label}”执行率 {rc.text.strip()} 缺少可识别的执行数或预算数，无法核对。",
                    kind="not_checkable", severity="info", values=[c.text.strip() for c, _ in cells],
                    evidence=[cell_evidence(c, row, r) for c, r in cells])
                continue
            if rc.quantity.comparator not in (None, "="):
                continue
            ok, comp = _compare(ac.quantity, bc.quantity, rc.quantity, dec)
            if ok is None:
                if rc.quantity.value != 0:
                    yield self.finding(
                        f"{bt.where()}“{row.label}”预算数为 {bc.text.strip()}，执行率 {rc.text.strip()} 无法计算。",
                        kind="not_checkable", severity="info", values=[c.text.strip() for c, _ in cells],
                        evidence=[cell_evidence(c, row, r) for c, r in cells])
                continue
            if not ok:
                yield self._mismatch(f"{bt.where()}“{row.label}”", rc.text.strip(), ac.text.strip(),
                                     bc.text.strip(), rc.quantity, comp,
                                     [cell_evidence(c, row, r) for c, r in cells], cbase.header)
    def _text(self, a, dec) -> Iterator[Finding]:
        for tf in a.text.figures:
            if tf.role != "rate.execution" or tf.in_paren:
                continue
            q = tf.quantity
            if q.comparator not in (None, "=") and not q.raw.startswith("达到"):
                continue
            acts, bases = _operands(a, tf)
            if (not acts or not bases) and _closes_list(a, tf):
                # a rate without a scope word of its own closing a 其中 list whose item has no budget of
                # its own (支出100万元，其中基本支出60万元，项目支出40万元，执行率95%): the whole's rate
                acts, bases = _operands(a, replace(tf, scope="overall", item=None))
            if not acts or not bases:
                if is_form_text(a.text.paragraphs[tf.paragraph].text):
                    continue  # flattened 自评表 text: its fund block is the FM checks' business
                missing = "执行数" if not acts else "预算数"
                yield self.finding(
                    f"文字中的执行率 {q.raw} 未找到同一口径的{missing}，无法核对。",
                    kind="not_checkable", severity="info", values=[q.raw],
                    evidence=[Evidence.of(tf.figure, "stated_rate")])
                continue
            act, base = acts[0], bases[0]
            # figures in text are read at their own precision (1539万元 is a rounding, not 1539.00)
            ok, comp = _compare(act.quantity, base.quantity, q, 0)
            if ok is False:
                yield self._mismatch(f"文字“{tf.figure.label}”", q.raw, act.quantity.raw, base.quantity.raw, q, comp,
                                     [Evidence.of(tf.figure, "stated_rate"), Evidence.of(act.figure, "actual"),
                                      Evidence.of(base.figure, "budget")], base.figure.label)

    def _mismatch(self, where, rate, act, base, q: Quantity, comp: Decimal, evidence, base_name) -> Finding:
        computed = show_pct(comp, q.decimals)
        diff = format(abs(q.value - comp).quantize(Decimal(1).scaleb(-max(2, q.decimals + 2))).normalize(), "f")
        return self.finding(
            f"{where}{'' if where.endswith('率”') else '执行率'}为 {rate}，按执行数 {act} ÷ {base_name or '预算数'} {base} 计算为 {computed}，相差 {diff} 个百分点。",
            values=[rate, act, base], expected=computed, actual=rate, evidence=evidence)
