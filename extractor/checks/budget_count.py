"""BG004 a total count of items (共12个项目) against those at the start of the year plus those added."""

from __future__ import annotations

from typing import Iterator

from extractor import patterns
from extractor.checks import Check, Context, register
from extractor.extract.clauses import clause_start, in_paren, sentences
from extractor.model import Evidence, Finding
from extractor.quantities import find_quantities


def _phrases() -> dict:
    return patterns.load("budget")["count_phrases"]


@register
class CountTotal(Check):
    """项目个数：年初个数加年中增加个数不等于所述总数。

    何时触发：同一段文字先写总数（“共实施项目12个”），又写年初的个数（“年初安排7个”）和年中增加
    的个数（“年中新增6个”），三者量词相同，而 年初 + 增加 ≠ 总数。括号内的“含……”不计。
    反例：“共实施项目12个，年初安排7个……年中新增6个”（7 + 6 = 13）。
    正例：“共实施项目13个，年初安排7个，年中新增6个”。
    已知局限：年中撤销、合并的项目若未写明个数，会被报告（因此为警告级）；只认同一段内、总数在前的写法。
    """

    code = "BG004"
    name = "budget.count_total"
    kind = "sum_mismatch"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        ph = _phrases()
        for p in ctx.doc.paragraphs():
            text = p.text
            found: dict[str, list] = {"total": [], "initial": [], "added": []}
            sents = sentences(text)
            for m in find_quantities(text):
                q = m.quantity
                if q.dimension != "count" or q.comparator or q.decimals != 0:
                    continue
                s0 = next((a for a, b in sents if a <= m.start < b), 0)
                if in_paren(text, m.start, s0):
                    continue
                lead = text[clause_start(text, m.start, s0):m.start]
                for key in ("added", "initial", "total"):
                    if any(w in lead for w in ph[key]):
                        found[key].append((m, lead))
                        break
            if not (found["total"] and found["initial"] and found["added"]):
                continue
            tot, ini, add = found["total"][0], found["initial"][0], found["added"][0]
            units = {x[0].quantity.unit for x in (tot, ini, add)}
            if len(units) != 1 or not (tot[0].start < ini[0].start and tot[0].start < add[0].start):
                continue
            if ini[0].quantity.value + add[0].quantity.value == tot[0].quantity.value:
                continue
            t, i, a = (x[0].quantity for x in (tot, ini, add))
            s = i.value + a.value
            yield self.finding(
                f"总数为 {t.raw}，但年初 {i.raw} 加年中增加 {a.raw} 为 {s}{t.unit}，相差 {abs(s - t.value)}{t.unit}"
                f"（如有撤销或合并的项目，报告未写明）。",
                values=[t.raw, i.raw, a.raw], expected=f"{s}{t.unit}", actual=t.raw,
                evidence=[Evidence(quote=(ld + x.quantity.raw).strip(), role=r, value=x.quantity.raw,
                                   location=p.location.with_(span=(x.start, x.end)))
                          for (x, ld), r in ((tot, "stated_total"), (ini, "initial"), (add, "addend"))])
