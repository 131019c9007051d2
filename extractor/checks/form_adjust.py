"""FM015–FM016: budget figures a form states twice. FM015: an adjustment that does not add up —
年初预算数 + 调整数 ≠ 全年预算数 on a fund row, or an adjustment the form's own text states (年中追加…万元)
that does not take the 年初预算数 to the 全年预算数. FM016: the budget, spending or execution rate its
text states (全年支出…万元，预算执行率…%) against the fund block's total row."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.budget_arith import Span, meet, total
from extractor.checks.form_common import ev, form_name, forms, num, usable_row
from extractor.extract import budget_vocab as BV
from extractor.extract.clauses import clause_start, in_paren, in_rule, per_unit
from extractor.extract.form_model import Form, FundRow, Tok
from extractor.model import Evidence
from extractor.quantities import Quantity, find_quantities, fmt_amount


@dataclass
class Stated:
    """A budget figure a form's text states, with its role and sign."""

    role: str  # budget.initial | budget.adjustment | budget.adjusted | spend.actual | rate.execution
    sign: int
    q: Quantity
    tok: Tok
    quote: str


def text_budget(f: Form) -> list[Stated]:
    """Budget figures stated in the form's prose cells (年度总体目标, 完成情况, 说明), in reading order. A
    budget of a part the form's fund rows break out (基本支出, 项目支出) is left out; an adjustment
    to a part (追加项目经费…) is kept, as it changes the total too."""
    parts = {BV.scope_of(r.label) for r in f.fund_rows if r.kind == "component"} - {None, "overall"}
    out, seen = [], set()
    for t in f.texts:
        text = t.text
        if len(text) < 8 or text in seen:
            continue
        seen.add(text)
        for m in find_quantities(text):
            q = m.quantity
            if q.dimension not in ("money", "percent") or q.comparator not in (None, "=") \
                    or per_unit(text, m.start, m.end) or in_rule(text, m.start, m.end) or in_paren(text, m.start, 0):
                continue
            cs = clause_start(text, m.start, 0)
            lead = text[cs:m.start]
            found = BV.text_role(lead)
            if not found or found[0] not in TEXT_ROLES:
                continue
            if found[0] != "budget.adjustment" and BV.text_scope(lead) in parts:
                continue  # a part's budget; an adjustment to a part is one to the total too
            if (found[0] == "rate.execution") != (q.dimension == "percent"):
                continue
            out.append(Stated(found[0], found[1], q, t, text[cs:m.end].strip()))
    return out


def adjustment_accounted(f: Form, r: FundRow) -> bool:
    """The form states the row's adjustment itself — in an adjustment column that does not add up
    (FM015 reports it), or as a figure in its text (追加…万元用于…) — so FM013 has nothing to add."""
    d = num(r.values.get("budget.adjustment"))
    if d is not None:
        i, a = num(r.values.get("budget.initial")), num(r.values.get("budget.adjusted"))
        if i is not None and a is not None and not _within([(1, i), (1, d)], a):
            return True
    return any(s.role == "budget.adjustment" for s in text_budget(f))


def _within(parts: list[tuple[int, Quantity]], whole: Quantity) -> bool:
    """Σ sign·part meets the whole at the precision each is shown with (the BG checks' interval reading)."""
    return meet(total([Span.of(p, sign) for sign, p in parts]), Span.of(whole))


def _show(base: Decimal, like: Quantity) -> str:
    """An amount in the unit and decimals of a figure of the form."""
    return fmt_amount(base / like.factor, max(like.decimals, 0)) + like.unit


@register
class FormAdjustment(Check):
    """预算调整对不上：年初预算数加调整数不等于全年（调整后）预算数。

    何时触发：（1）资金行同时列出年初预算数、调整数（调整预算数、追加/调减）和全年预算数，而 年初 +
    调整 与全年预算数在显示精度内不符（error）；（2）表中文字写明了年中追加/调增/调减的金额（可同时写
    年初预算），而 年初预算数 + 文字所写调整 与资金总额行的全年预算数不符（warning：文字可能只写了部分
    调整）。
    反例：“年度资金总额 年初 200.00 调整数 35.00 全年 245.00”；资金行 年初 80.00、全年 100.00，
    目标栏写“年中追加15万元用于设备购置”。
    正例：200.00 + 35.00 = 235.00；文字写“追加20万元”，年初 80.00、全年 100.00。
    已知局限：只看资金总额行（及各 其中 行自身的三列）；文字中写明某一部分（基本支出、项目支出）
    的调整不与总额比较；文字所写年初预算与表中不同时视为另一口径，不比较。
    """

    code = "FM015"
    name = "form.adjustment"
    kind = "adjust_mismatch"
    severity = "error"

    def run(self, ctx):
        for f in forms(ctx):
            checked = False
            for r in f.fund_rows:
                if usable_row(r) and all(num(r.values.get(k)) is not None for k in _ROLES):
                    checked = True
                    yield from self._row(f, r)
            if not checked:
                yield from self._text(f)

    def _row(self, f: Form, r: FundRow):
        i, d, a = (num(r.values[k]) for k in _ROLES)
        if len({i.dimension, d.dimension, a.dimension}) > 1 or _within([(1, i), (1, d)], a):
            return
        vals = [r.values[k] for k in _ROLES]
        yield self.finding(
            f"{form_name(f)}“{r.label}”年初预算数 {vals[0].text} 加调整数 {vals[1].text} 应为 "
            f"{_show(i.base + d.base, a)}，但全年预算数为 {vals[2].text}，相差 {_show(abs(a.base - i.base - d.base), a)}",
            values=[v.text for v in vals], expected=_show(i.base + d.base, a), actual=vals[2].text,
            evidence=[ev(v, k.split(".")[1], r.quote) for v, k in zip(vals, _ROLES)])

    def _text(self, f: Form):
        r = f.total_row or (f.fund_rows[0] if len(f.fund_rows) == 1 else None)
        if r is None or not usable_row(r):
            return
        ri, ra = r.values.get("budget.initial"), r.values.get("budget.adjusted")
        qi, qa = num(ri), num(ra)
        if qi is None or qa is None or qi.dimension != "money" or qa.dimension != "money":
            return
        stated = text_budget(f)
        adjs = [s for s in stated if s.role == "budget.adjustment"]
        if not adjs:
            return
        inits = [s for s in stated if s.role == "budget.initial"]
        if inits and not _within([(1, inits[0].q)], qi):
            return  # the text's 年初预算 is another scope's (or another error: not this check's)
        parts = [(1, qi)] + [(s.sign, s.q) for s in adjs]
        if _within(parts, qa):
            return
        expect = qi.base + sum(s.sign * s.q.base for s in adjs)
        adj_txt = "、".join(("调减" if s.sign < 0 else "") + s.q.raw for s in adjs)
        yield self.finding(
            f"{form_name(f)}文字写明年中调整 {adj_txt}，年初预算数 {ri.text} 加上调整应为 {_show(expect, qa)}，"
            f"但“{r.label}”全年预算数为 {ra.text}，相差 {_show(abs(qa.base - expect), qa)}",
            severity="warning", values=[ri.text] + [s.q.raw for s in adjs] + [ra.text],
            expected=_show(expect, qa), actual=ra.text,
            evidence=[ev(ri, "initial", r.quote)] + [Evidence(s.quote, "adjustment", s.tok.loc) for s in adjs]
            + [ev(ra, "adjusted", r.quote)])


_ROLES = ("budget.initial", "budget.adjustment", "budget.adjusted")
TEXT_ROLES = _ROLES + ("spend.actual", "rate.execution")
_NAMES = {"budget.initial": "年初预算数", "budget.adjusted": "全年预算数", "spend.actual": "全年执行数",
          "rate.execution": "执行率"}


@register
class FormTextVsFund(Check):
    """表中文字所写预算数、执行数或执行率与资金总额行不符。

    何时触发：自评表的文字栏（年度总体目标完成情况、说明等）写了年初预算、全年（调整后）预算、实际
    支出或预算执行率（“全年支出95.00万元，预算执行率95.00%”），与资金总额行同一栏的数在两者各自的
    显示精度内不符。文字写的是某一部分（基本支出、项目支出）、上年或带“不低于”等比较词的数不比较。
    反例：资金总额行执行率 90.00%，完成情况栏写“预算执行率92.00%”。
    正例：资金总额行全年执行数 95.00（万元），文字“全年支出95万元”。
    已知局限：资金块未写金额单位时不比较金额；文字中同一栏数字有几个时只比较第一个。
    """

    code = "FM016"
    name = "form.text_vs_fund"
    kind = "text_vs_table"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            r = f.total_row or (f.fund_rows[0] if len(f.fund_rows) == 1 else None)
            if r is None or not usable_row(r):
                continue
            done = set()
            for st in text_budget(f):
                if st.role not in _NAMES or st.role in done:
                    continue
                done.add(st.role)
                rv = r.values.get(st.role)
                q = num(rv)
                if q is None or q.dimension != st.q.dimension or _within([(1, st.q)], q):
                    continue
                rate = st.role == "rate.execution"
                yield self.finding(
                    f"{form_name(f)}文字写{_NAMES[st.role]}为 {st.q.raw}（“{st.quote[:40]}”），"
                    f"但“{r.label}”行{_NAMES[st.role]}为 {rv.text}",
                    kind="rate_mismatch" if rate else "text_vs_table",
                    values=[st.q.raw, rv.text] + [r.values[k].text for k in ("spend.actual", "budget.adjusted")
                                                  if rate and k in r.values],
                    expected=rv.text, actual=st.q.raw,
                    evidence=[Evidence(st.quote, "text", st.tok.loc, st.q.raw), ev(rv, "table", r.quote)])
