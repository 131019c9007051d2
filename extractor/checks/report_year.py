"""IN070: a report titled for one year whose body reports another year's money and results."""

from __future__ import annotations

import functools
import re
from collections import Counter

from extractor import patterns
from extractor.checks import Check, register
from extractor.checks.form_labels import document_title_years
from extractor.extract.forms import form_paragraphs
from extractor.model import Evidence
from extractor.quantities import find_quantities

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")


@functools.lru_cache(maxsize=1)
def _other_period() -> re.Pattern:
    """A year in a comparison or a history is not the year the report is about."""
    return re.compile("|".join(map(re.escape, patterns.load("budget")["other_period"])))


def body_years(doc, title_loc) -> list[tuple[int, str, object]]:
    """(year, clause, location) of each year the body's statements are dated with: a year opening a
    clause that states a figure (2022年度部门全年预算数1,250.00万元), not in a comparison or a span."""
    skip = form_paragraphs(doc)
    out = []
    for p in doc.paragraphs():
        if p.location == title_loc or p.location.paragraph in skip or p.heading is not None:
            continue
        text = p.text
        for m in _YEAR.finditer(text):
            end = re.search(r"[，,；;。]|$", text[m.end():]).start() + m.end()
            clause = text[m.start():end]
            start = max(text.rfind(c, 0, m.start()) for c in "，,；;。") + 1
            if _other_period().search(text[start:end]) or not find_quantities(clause[len(m.group(0)):]):
                continue
            out.append((int(m.group(1)), clause, p.location))
    return out


@register
class ReportYear(Check):
    """报告标题的年度与正文所报告的年度不一致。

    何时触发：文档标题写明年度（“××局2023年度部门整体支出绩效自评报告”），而正文中带年份并写出数字的
    陈述（“2022年度部门全年预算数…”“2022年全县完成高标准农田建设…”）至少两处、全部是另一个年度，且正文
    从未以标题年度陈述数字。与上年比较（较上年、同比、截至…、以来）的年份不计。
    反例：标题“2023年度…自评报告”，正文“2022年度部门全年预算数…”“2022年全县完成…”。
    正例：标题“2023年度…”，正文“2023年度预算…”“较2022年增长…”。
    已知局限：只看文档开头紧挨“自评报告/自评表”的标题年度；正文陈述不带年份时不核对。
    """

    code = "IN070"
    name = "text.report_year"
    kind = "other"
    severity = "warning"

    def run(self, ctx):
        titles = document_title_years(ctx.doc)
        if not titles:
            return
        year, title, loc = titles[0]
        found = body_years(ctx.doc, loc)
        counts = Counter(y for y, _, _ in found)
        if len(found) < 2 or year in counts or len(counts) != 1:
            return
        other = next(iter(counts))
        _, clause, where = found[0]
        yield self.finding(
            f"报告标题为 {year} 年度（“{title[:40]}”），而正文 {len(found)} 处带年份的陈述都是 {other} 年"
            f"（如“{clause[:40]}”），从未以 {year} 年陈述数字",
            values=[str(year), str(other)], expected=str(year), actual=str(other),
            evidence=[Evidence(title, "title", loc, str(year)), Evidence(clause, "body", where, str(other))])
