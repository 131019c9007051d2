"""FM030: claims (资金全部拨付到位, 各项指标均已完成) against the form's own figures; FM090: what in a
form could not be checked (run-together digits, OCR noise, interleaved columns)."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.form_common import budget_of, ev, fmt, form_name, forms, num, pct, row_ev, usable_row
from extractor.checks.form_targets import verdict
from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form, FundRow, Val
from extractor.model import Evidence, Paragraph
from extractor.quantities import parse_value
from extractor.extract import claim_words


def _rate(f: Form) -> tuple[Decimal, Decimal, list[Val], str] | None:
    """Execution rate interval of the form (stated, else computed) with the figures behind it."""
    return _row_rate(_rate_row(f))


def _row_rate(r: FundRow | None) -> tuple[Decimal, Decimal, list[Val], str] | None:
    if r is None or not usable_row(r):
        return None
    rv = r.values.get("rate.execution")
    b, s = budget_of(r.values), r.values.get("spend.actual")
    figs = [v for v in ((b[1] if b else None), s, rv) if v is not None]
    if num(rv) is not None:
        lo, hi = pct(num(rv)).interval()
        return lo, hi, figs, r.quote
    if b and num(s) is not None and num(b[1]).value > 0:
        calc = num(s).value / num(b[1]).value * 100
        return calc, calc, figs, r.quote
    return None


def _rate_row(f: Form) -> FundRow | None:
    """The fund row whose rate is the form's: the total row, or the only row. When the total row's
    amounts could not be aligned or show no spending or rate, the one funded 其中 row stands for the
    whole if it is the only 其中 row with amounts and its budget is among the total row's figures."""
    r = f.total_row or (f.fund_rows[0] if len(f.fund_rows) == 1 else None)
    if r is not None and usable_row(r) and (num(r.values.get("rate.execution")) or num(r.values.get("spend.actual"))):
        return r
    if r is None or r.kind != "total":
        return None
    funded = [c for c in f.components if any(v.q is not None or parse_value(v.text) for _, v in c.cells)]
    if len(funded) != 1 or not usable_row(funded[0]):
        return None
    b = budget_of(funded[0].values)
    totals = {q.value for _, v in r.cells if (q := v.q or parse_value(v.text)) is not None}
    return funded[0] if b and num(b[1]) is not None and num(b[1]).value in totals else None


_CLAUSE_END = re.compile(r"[。；;，,]")


def _subject_row(f: Form, text: str, phrase: str) -> FundRow | None:
    """The 其中 fund row a claim is about when its clause names one (上年结转资金…已全部使用), else
    None: the claim is about the whole."""
    at = V.simplify(text).find(phrase)
    seg = _CLAUSE_END.split(V.simplify(text)[:at])[-1] if at >= 0 else ""
    for c in f.components:
        core = V.norm(c.label)  # the reader has already taken 其中： off
        names = {core, core.removesuffix("资金"), core.removeprefix("当年")}
        if any(len(n) >= 2 and n in seg for n in names):
            return c
    return None


def _spend_indicator(name: str) -> str | None:
    """'error' for an indicator of money spent (资金支付率), 'warning' for money transferred on
    (资金拨付率), None for anything else (拨付及时率 is timeliness, 资金到位率 arrival)."""
    words, n = V.vocab().get("spend_indicators", {}), V.norm(name)
    if any(w in n for w in words.get("not", [])):
        return None
    if any(w in n for w in words.get("paid", [])):
        return "error"
    return "warning" if any(w in n for w in words.get("transferred", [])) else None


def _claims(f: Form, doc) -> list[tuple[dict, str, str, object]]:
    """(claim entry, phrase, quote, location) found in the form's texts or the document's paragraphs."""
    out, seen = [], set()
    texts = [(t.text, t.loc) for t in f.texts]
    texts += [(p.text, p.location) for p in doc.blocks if isinstance(p, Paragraph)]
    for text, loc in texts:
        t = V.simplify(text)
        for c in claim_words.entries():
            hits = [p for p in c["forms"] if p in t]
            hits += [m.group(0) for rx in c["patterns"] for m in [rx.search(t)] if m]
            for phrase in hits:
                if (phrase, loc) not in seen:
                    seen.add((phrase, loc))
                    out.append((c, phrase, text.strip()[:160], loc))
    return out


@register
class FormClaim(Check):
    """完成情况的说法与表中数字矛盾。

    何时触发：(1) 文字说资金全部拨付/支付到位，或执行数未偏离预算数，而执行率低于 100%（或低于该说法
    容许的差距，见 patterns/forms.yaml claims.max_gap）；(2) 文字说各项指标均已完成，而有指标行按其
    比较符未达成；(3) 资金支付类指标（资金支付率；拨付率为警告）实际值为 100%，而预算执行率低于 100%。
    反例：“资金执行未出现较大偏离”，执行率 86%。
    正例：“资金全部拨付到位”，执行率 100%。
    执行率取资金总额行；总额行的数字无法对应到列、或只有预算数时，取唯一有金额且预算数与总额相同的
    其中行（该行即全部资金）。说法所在分句点名某一资金来源（“上年结转资金…已全部支付”）时，与该其中行
    的执行率比较。“拨付”只说明资金已转出、未必已支出：“全部拨付到位”及拨付率类指标与执行率不符时为
    警告；拨付及时率（时效）、资金到位率（到位）不是支出指标，不比较（patterns/forms.yaml
    spend_indicators）。
    已知局限：说法按词表识别；否定句（“并非全部完成”）可能误判。
    """

    code = "FM030"
    name = "form.claim_vs_figures"
    kind = "claim_vs_indicator"

    def run(self, ctx):
        for f in forms(ctx):
            rate = _rate(f)
            unmet = [r for r in f.indicators if (v := verdict(r)) and v.state == "unmet" and v.explicit and not r.note]
            for c, phrase, quote, loc in _claims(f, ctx.doc):
                claim_ev = Evidence(quote, "claim", loc)
                subject = _subject_row(f, quote, phrase) if c["about"] == "spend" else None
                said = rate if subject is None else _row_rate(subject)
                if c["about"] == "spend" and said is not None:
                    lo, hi, figs, rq = said
                    floor = Decimal(100) - Decimal(str(c.get("max_gap", 0)))
                    if hi < floor:
                        yield self.finding(
                            f"{form_name(f)}称“{phrase}”，但预算执行率为 {figs[-1].text if figs else fmt(lo)}"
                            + (f"（执行数 {figs[1].text} / 预算数 {figs[0].text}）" if len(figs) >= 3 else ""),
                            values=[v.text for v in figs], expected=f"≥{fmt(floor)}%", actual=figs[-1].text if figs else fmt(lo),
                            severity=c.get("severity"),
                            evidence=[claim_ev] + [ev(v, "figure", rq) for v in figs])
                elif c["about"] == "goals" and unmet:
                    r = unmet[0]
                    yield self.finding(
                        f"{form_name(f)}称“{phrase}”，但指标“{r.name}”实际完成值 {r.actual.text} 未达到指标值 {r.target.text}",
                        values=[r.target.text, r.actual.text], evidence=[claim_ev, row_ev(r, "unmet")])
            if rate is not None and rate[1] < 100:
                for r in f.indicators:
                    a = num(r.actual)
                    if not r.reliable or a is None or a.unit != "%" or a.value < 100:
                        continue
                    sev = _spend_indicator(r.name)
                    if sev is not None:
                        figs = rate[2]
                        yield self.finding(severity=sev, message=
                            f"{form_name(f)}指标“{r.name}”实际完成 {r.actual.text}，但预算执行率仅 {figs[-1].text if figs else fmt(rate[0])}",
                            values=[r.actual.text] + [v.text for v in figs],
                            evidence=[row_ev(r, "claim")] + [ev(v, "figure", rate[3]) for v in figs])


@register
class FormNotCheckable(Check):
    """自评表中无法核对的内容。

    何时触发：表头与各列内容无法对应（说明未满足的约束，如“两种列的读法得分相同”“该行数值可按两种
    方式对应到各列”）；资金行数字连写且无法唯一拆分；指标行文字与数字连写（“指标3苗圃面积1050亩48.5亩”）且
    没有唯一符合表格约束的拆法；指标值疑似 OCR 错误（“290%”可能是“≥90%”）；各列交错、无法对应到
    表头，或表头文字夹在前几行数据之间（这些行不核对）；表格没有总分行（节选或截断），分值/得分合计
    无法核对。
    反例：“年度资金总额 2563871.00%”在无其他约束时无法拆分 → 提示不可核对。
    正例：各列清楚的自评表没有本提示。
    已知局限：只是提示，不判断对错。
    """

    code = "FM090"
    name = "form.not_checkable"
    kind = "not_checkable"
    severity = "info"

    def run(self, ctx):
        for f in forms(ctx):
            for msg, raw, loc in f.issues:
                yield self.finding(f"{form_name(f)}{msg}", values=[raw[:80]], evidence=[Evidence(raw[:160], "raw", loc)])
            for r in f.indicators:
                for v in (r.target, r.actual):
                    if v is not None and v.ocr:
                        yield self.finding(f"{form_name(f)}“{r.name}”的值“{v.text}”疑似扫描识别错误（如 2 代替 ≥、字母代替数字），未核对",
                                           values=[v.text], evidence=[ev(v, "raw", r.quote)])
            if f.interleaved:
                yield self.finding(f"{form_name(f)}各列内容交错（表头夹在数据之间），指标行无法可靠对应到列，未核对分值与完成值",
                                   values=[], evidence=[Evidence(f.title or "自评表", "form", f.loc)])
            elif f.indicators and not any(r.reliable for r in f.indicators):
                why = next((r.why for r in f.indicators if r.why), "文字连写或缺少表头")
                yield self.finding(f"{form_name(f)}指标行的数字无法可靠对应到表头各列（{why}），只核对了指标归类",
                                   values=[], evidence=[Evidence(f.indicators[0].quote[:160], "form", f.indicators[0].loc)])
            else:
                for r in f.indicators:
                    if not r.reliable and r.why:  # some rows only: say which, and which constraint failed
                        yield self.finding(f"{form_name(f)}指标“{r.name}”未核对：{r.why}",
                                           values=[], evidence=[Evidence(r.quote[:160] or r.name, "raw", r.loc)])
            if f.truncated and (f.indicators or f.groups):
                yield self.finding(f"{form_name(f)}没有总分行（表格不完整），分值与得分合计未核对",
                                   values=[], evidence=[Evidence(f.title or "自评表", "form", f.loc)])
            for r in f.fund_rows:
                if r.aligned == "bad" and r.cells:
                    txt = " ".join(v.text for _, v in r.cells)[:80]
                    why = f"：{r.why}" if r.why else ""
                    yield self.finding(f"{form_name(f)}资金行“{r.label}”的数字（{txt}）无法对应到表头各列{why}，执行率与合计未核对",
                                       values=[txt], evidence=[Evidence(r.quote[:160], "raw", r.loc)])
