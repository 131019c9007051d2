"""IN012: a claim that all is well (暂无问题 / 均已完成) while the text shows most of the budget unspent."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from extractor.checks import Check, Context, Option, register
from extractor.extract.clauses import in_rule, per_unit
from extractor.extract.outline import has_any, vocab
from extractor.model import Document, Evidence, Finding, Paragraph
from extractor.quantities import find_quantities
from extractor.extract import claim_words


def money_roles(doc: Document) -> tuple[list, list, list]:
    """(budgets, spends, rates) in running text: (Quantity, Paragraph, start). A money figure takes the
    role of the nearest budget/spend cue in the `window` characters before it."""
    ex = vocab()["execution"]
    w = int(ex["window"])
    from extractor.extract.forms import form_paragraphs

    budgets, spends, rates = [], [], []
    in_forms = form_paragraphs(doc)
    for p in doc.paragraphs():
        if p.location.paragraph in in_forms:
            continue
        for m in find_quantities(p.text):
            q = m.quantity
            before = p.text[max(0, m.start - w):m.start]
            if q.dimension == "percent" and has_any(before[-8:], ex["rate_cues"]):
                rates.append((q, p, m.start))
            if q.dimension != "money" or per_unit(p.text, m.start, m.end) or in_rule(p.text, m.start, m.end):
                continue  # a rate per unit (1000元/户) or a rule's threshold is no budget or spending
            b = max((before.rfind(c) for c in ex["budget_cues"]), default=-1)
            s = max((before.rfind(c) for c in ex["spend_cues"]), default=-1)
            if b < 0 and s < 0:
                continue
            (spends if s > b else budgets).append((q, p, m.start))
    return budgets, spends, rates


def claims(doc: Document) -> list[tuple[str, Paragraph]]:
    words = claim_words.goals() + claim_words.no_problem()
    return [(c, p) for p in doc.paragraphs() if (c := has_any(p.text, words))]


@register
class ClaimVsExecution(Check):
    """声称“暂无问题/均已完成”，但正文显示大部分预算资金未支出。

    何时触发：正文中有“暂无问题”“运转正常”“均已完成”等结论，同时正文的预算金额（安排、预算、下达……）
    与支出金额（支出、执行、决算……）相比，支出不足预算的 `min_rate`（默认 90%），且正文没有写出
    达到该比例的执行率。取正文中最大的预算额与最大的支出额比较。
    反例：“按生均标准安排，共计120万元……安排支出共计40万元，余款下年支出……暂无问题”——警告。
    正例：“调整后的预算为98.5万元，决算支出数为98.5万元”——不报告。
    已知局限：金额的角色由其前面最近的关键词判断（patterns/indicators.yaml 的 execution），
    表格中的金额由预算检查（BG）处理，这里不看。
    """

    code = "IN012"
    name = "indicator.claim_vs_execution"
    kind = "claim_vs_indicator"
    severity = "warning"
    options = {"min_rate": Option(str, "0.9", "支出低于预算的这一比例时，“暂无问题”类结论视为与执行情况不符")}

    def run(self, ctx: Context) -> Iterator[Finding]:
        cl = claims(ctx.doc)
        if not cl:
            return
        budgets, spends, rates = money_roles(ctx.doc)
        if not budgets or not spends:
            return
        limit = Decimal(str(ctx.options["min_rate"]))
        b = max(budgets, key=lambda t: t[0].base)
        s = max(spends, key=lambda t: t[0].base)
        if b[0].base <= 0 or s[0].base >= b[0].base * limit:
            return
        if any(r[0].value >= limit * 100 for r in rates):
            return  # the report states an execution rate that is fine: the amounts are of different scopes
        rate = (s[0].base / b[0].base * 100).quantize(Decimal("0.1"))
        claim, cp = cl[-1]
        yield self.finding(
            f"报告称“{claim}”（{cp.location}），但预算{b[0].raw}（{b[1].location}）仅支出{s[0].raw}"
            f"（{s[1].location}），支出约为预算的{rate}%，结论与执行情况不符",
            values=[b[0].raw, s[0].raw],
            evidence=[Evidence(quote=b[1].text, role="budget", location=b[1].location.with_(span=(b[2], b[2] + len(b[0].raw))), value=b[0].raw),
                      Evidence(quote=s[1].text, role="spend", location=s[1].location.with_(span=(s[2], s[2] + len(s[0].raw))), value=s[0].raw),
                      Evidence(quote=cp.text, role="claim", location=cp.location)])


def spend_claims(doc: Document) -> list[tuple[dict, str, Paragraph]]:
    """(claim entry, wording, paragraph) for each claim that the funds were fully spent or paid."""
    from extractor.extract.forms import form_paragraphs

    in_forms = form_paragraphs(doc)
    out = []
    for p in doc.paragraphs():
        if p.location.paragraph in in_forms:
            continue
        for e in claim_words.entries():
            if e["about"] != "spend":
                continue
            hit = next((w for w in e["forms"] if w in p.text), None)
            hit = hit or next((m.group(0) for rx in e["patterns"] for m in [rx.search(p.text)] if m), None)
            if hit:
                out.append((e, hit, p))
                break
    return out


@register
class SpendClaimVsExecution(Check):
    """声称资金“已全部拨付/支付”，正文写出的执行率或支出金额却不到预算。

    何时触发：正文说资金已全部拨付（或支付、使用），而正文写明的执行率（“执行率97%”）在其显示精度内
    低于 100%（措辞允许的差距见 patterns/claims.yaml 的 max_gap），或正文最大的支出额低于最大的预算额
    （超出显示精度）。
    反例：“补助资金120万元现已全部支付……截至年底已支付110.5万元，执行率92%”。
    正例：“资金120万元已全部拨付到位……执行率100%”。
    已知局限：执行率与声称的资金须在同一文档的正文中；口径不同的金额（总投资与当年资金）可能误比。
    """

    code = "IN013"
    name = "indicator.spend_claim_vs_execution"
    kind = "claim_vs_indicator"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        cl = spend_claims(ctx.doc)
        if not cl:
            return
        budgets, spends, rates = money_roles(ctx.doc)
        entry, wording, cp = cl[0]
        floor = Decimal(100) - Decimal(str(entry.get("max_gap", 0)))
        low = [r for r in rates if r[0].unit == "%" and r[0].interval()[1] <= floor]
        figs, why = [], ""
        if low:
            r = min(low, key=lambda t: t[0].value)
            figs = [r]
            why = f"执行率为 {r[0].raw}"
            s = max(spends, key=lambda t: t[0].base) if spends else None
            if s is not None:
                figs.insert(0, s)
        elif budgets and spends:
            b = max(budgets, key=lambda t: t[0].base)
            s = max(spends, key=lambda t: t[0].base)
            if b[0].base > 0 and s[0].interval()[1] < b[0].interval()[0] * floor / 100:
                figs = [b, s]
                why = f"预算{b[0].raw}，支出{s[0].raw}（约 {(s[0].base / b[0].base * 100).quantize(Decimal('0.1'))}%）"
        if not figs:
            return
        yield self.finding(
            f"报告称资金“{wording}”（{cp.location}），但{why}，并未全部支出",
            values=[f[0].raw for f in figs], expected=f"≥{floor}%", actual=why,
            evidence=[Evidence(quote=cp.text, role="claim", location=cp.location)]
            + [Evidence(quote=f[1].text, role="figure", location=f[1].location.with_(span=(f[2], f[2] + len(f[0].raw))),
                        value=f[0].raw) for f in figs])
