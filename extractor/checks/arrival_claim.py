"""IN014: a claim that the funds arrived in full (资金已全部到位) against an arrival rate (到位率) the
report or its 自评表 states below 100%."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor import patterns
from extractor.checks import Check, register
from extractor.checks.form_common import forms, num, row_ev
from extractor.extract.clauses import in_rule
from extractor.model import Evidence
from extractor.quantities import find_quantities



def _claims(doc) -> list[tuple[str, object]]:
    words = patterns.load("claims").get("arrival", [])
    negated = re.compile(patterns.load("claims")["arrival_negation"])
    out = []
    for p in doc.paragraphs():
        for w in words:
            i = p.text.find(w)
            if i >= 0 and not negated.search(p.text[max(0, i - 6):i]):
                out.append((w, p))
                break
    return out


@register
class ArrivalClaimVsRate(Check):
    """声称资金“全部到位/足额到位”，报告或自评表写出的资金到位率却低于 100%。

    何时触发：正文或表中文字说资金已全部（足额）到位，而正文中“到位率”后的百分数、表格中以“……到位率”
    为行名的一行的最后一个百分数（指标值之后的完成值）、或自评表中名为“……到位率”的指标的实际完成值，
    在其显示精度内低于 100%。
    反例：“项目资金已全部足额到位”，而后文“资金到位率92.50%”。
    正例：“资金已全部到位，到位率100%”。
    已知局限：“到位”指资金拨付到单位，不是支出（支出由 IN013/BG020 核对）；否定说法（尚未全部到位）不算声称。
    """

    code = "IN014"
    name = "indicator.arrival_claim_vs_rate"
    kind = "claim_vs_indicator"
    severity = "warning"

    def run(self, ctx):
        claims = _claims(ctx.doc)
        if not claims:
            return
        word, cp = claims[0]
        low = []
        lead = re.compile(patterns.load("claims")["arrival_rate_lead"])
        for p in ctx.doc.paragraphs():
            for m in find_quantities(p.text):
                q = m.quantity
                if q.unit == "%" and not q.comparator and lead.search(p.text[max(0, m.start - 8):m.start]) \
                        and not in_rule(p.text, m.start, m.end) and q.interval()[1] < Decimal(100):
                    low.append((q.raw, Evidence(p.text[max(0, m.start - 12):m.end], "rate",
                                                p.location.with_(span=(m.start, m.end)), q.raw)))
        for t in ctx.doc.tables():
            for row in t.rows():
                if not row or not re.sub(r"\s", "", row[0].text).endswith("到位率"):
                    continue
                pcts = [(c, q) for c in row[1:] for m in find_quantities(c.text) if (q := m.quantity).unit == "%"
                        and not q.comparator]
                if pcts and pcts[-1][1].interval()[1] < Decimal(100):  # the actual follows the target
                    c, q = pcts[-1]
                    low.append((q.raw, Evidence(" | ".join(x.text for x in row), "rate", c.location, q.raw)))
        for f in forms(ctx):
            for r in f.indicators:
                a = num(r.actual)
                if r.reliable and r.name.endswith("到位率") and a is not None and a.unit == "%" \
                        and a.interval()[1] < Decimal(100):
                    low.append((r.actual.text, row_ev(r, "indicator")))
        if not low:
            return
        raw, evidence = low[0]
        yield self.finding(
            f"报告称资金“{word}”（{cp.location}），但资金到位率为 {raw}",
            values=["100%", raw], expected="100%", actual=raw,
            evidence=[Evidence(cp.text[:200], "claim", cp.location), evidence])
