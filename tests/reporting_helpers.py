"""Helpers for the report/batch tests: constructed results with hostile text, and a planted check
(registered only for the duration of a test) so batch and CLI tests have findings to work with."""

from __future__ import annotations

import re
from contextlib import contextmanager
from decimal import Decimal

from extractor.errors import ExtractError
from extractor.model import Evidence, Figure, Finding, Location
from extractor.pipeline import DocumentResult
from extractor.quantities import Quantity

HOSTILE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
FORMULA = '=HYPERLINK("http://evil.example","点我")'


def hostile_results() -> list[DocumentResult]:
    src = 'dir/报告 "><b>x</b>.txt'
    loc = Location(source=src, page=3, table=2, row=4, col=3, section="二/（一）")
    quote = f"合计 1,538.98 万元 {HOSTILE}"
    f1 = Finding(code="ZZ901", name="test.sum", kind="sum_mismatch", severity="error",
                 message=f"合计 1,538.98万元 与各项之和 1,538.90万元 不符，相差 0.08万元 {HOSTILE}",
                 values=["1,538.98", "1,538.90"], expected="1,538.90万元", actual="1,538.98万元",
                 evidence=[Evidence(quote=quote, role="stated_total", location=loc, value="1,538.98"),
                           Evidence(quote=FORMULA, role="addend", location=loc.with_(row=5), value="-12.5")])
    f2 = Finding(code="ZZ902", name="test.claim", kind="claim_vs_indicator", severity="warning",
                 message="“均已完成”与指标未完成不符", values=["95%"],
                 evidence=[Evidence(quote="@SUM(A1:A2) 完成率95%", role="claim",
                                    location=Location(source=src, paragraph=7))])
    fig = Figure(label="合计" + HOSTILE, role="budget.adjusted",
                 quantity=Quantity(value=Decimal("1538.98"), unit="万元", raw="1,538.98", decimals=2),
                 location=loc, quote=quote)
    ok = DocumentResult(source=src, format="text", pages=5, figures=[fig], findings=[f1, f2],
                        notes=["注释" + HOSTILE])
    bad = DocumentResult(source="坏 文件<script>.pdf", status="error",
                         error=ExtractError("encrypted", "文件已加密" + HOSTILE))
    return [ok, bad]


@contextmanager
def planted_check():
    """Register ZZ901: one finding per paragraph containing 【问题】 (error) or 【警告】 (warning)."""
    from extractor import checks as checks_mod
    from extractor.checks import Check, Option, register
    from extractor.quantities import find_quantities

    class Planted(Check):
        """测试用规则：段落含【问题】或【警告】时报告。

        何时触发：段落含标记。
        反例：含【问题】的段落。
        正例：不含标记的段落。
        已知局限：仅供测试。
        """

        code = "ZZ901"
        name = "test.planted"
        kind = "other"
        severity = "error"
        options = {"limit": Option(int, 100, "最多报告几条")}

        def run(self, ctx):
            n = 0
            for p in ctx.doc.paragraphs():
                m = re.search("【(问题|警告)】", p.text)
                if not m or n >= ctx.options["limit"]:
                    continue
                n += 1
                vals = [q.quantity.raw for q in find_quantities(p.text)]
                yield self.finding(f"标记段落：{p.text[:40]}", severity="error" if m.group(1) == "问题" else "warning",
                                   values=vals, evidence=[Evidence(quote=p.text, role="claim", location=p.location)])

    checks_mod.all_checks()
    register(Planted)
    try:
        yield Planted
    finally:
        checks_mod._REGISTRY.pop("ZZ901", None)
