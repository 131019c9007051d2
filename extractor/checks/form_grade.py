"""FM017: the 自评等级 a form gives against its 总分, by the form's own scale or the 2020 财政部 rule."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.form_common import ev, form_name, forms, num
from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form, Tok
from extractor.model import Evidence


def _grades() -> dict:
    return V.vocab()["grades"]


def stated_grade(f: Form) -> tuple[str, str, Tok] | None:
    """(canonical grade, word as written, token) of the form's 自评等级 cell: the word after the label in
    the same cell (自评等级：优) or in the next cell."""
    g = _grades()
    words = g["words"]
    texts = f.texts
    for i, t in enumerate(texts):
        n = V.norm(t.text)
        label = next((lb for lb in g["labels"] if n.startswith(lb)), None)
        if label is None:
            continue
        rest = n[len(label):].lstrip(":：为是")
        if not rest and i + 1 < len(texts):
            rest, t = V.norm(texts[i + 1].text), texts[i + 1]
        word = rest.strip("“”\"'（）() ")
        if word in words:
            return words[word], word, t
    return None


def scale(f: Form) -> tuple[dict[str, Decimal], str]:
    """Lower bound of each grade (the form's stated scale where it states two or more grades, else the
    default), with the text stating it ('' for the default)."""
    g = _grades()
    rx = re.compile(g["stated"])
    for t in f.texts:
        found = {g["words"][m.group("grade")]: Decimal(m.group("low")) for m in rx.finditer(V.norm(t.text))}
        if len(found) >= 2:
            found.setdefault("差", Decimal(0))
            return found, t.text
    return {k: Decimal(str(v)) for k, v in g["default"].items()}, ""


def grade_of(score: Decimal, bounds: dict[str, Decimal]) -> str:
    return max(((low, grade) for grade, low in bounds.items() if score >= low), default=(0, "差"))[1]


@register
class GradeVsTotal(Check):
    """自评等级与总分不符。

    何时触发：表中写了自评等级（优/良/中/差，优秀/良好/合格……），而总分按表中写明的评分标准（“90分（含）
    以上为优，80分（含）—90分为良……”）、未写明时按财政部《项目支出绩效评价管理办法》（90分及以上为优，
    80—90分为良，60—80分为中，60分以下为差）应得另一等级。
    反例：总分 92.5，自评等级“良”；总分 85，自评等级“优”。
    正例：总分 92.5，自评等级“优”。
    已知局限：只认 patterns/forms.yaml grades 中的等级标签和等级词；总分缺失时报“无法核对”。
    """

    code = "FM017"
    name = "form.grade_vs_total"
    kind = "other"
    severity = "error"

    def run(self, ctx):
        for f in forms(ctx):
            g = stated_grade(f)
            if g is None:
                continue
            grade, word, tok = g
            total = f.total_score or f.header_score
            q = num(total)
            if q is None:
                yield self.finding(f"{form_name(f)}自评等级为“{word}”，但表中没有可读的总分，等级无法核对",
                                   kind="not_checkable", severity="info", values=[word],
                                   evidence=[Evidence(tok.text, "grade", tok.loc, word)])
                continue
            bounds, rule = scale(f)
            lo, hi = q.interval()
            possible = {grade_of(lo, bounds), grade_of(hi, bounds)}
            if grade in possible:
                continue
            want = grade_of(q.value, bounds)
            edge = bounds.get(want) if bounds.get(want, 0) > bounds.get(grade, 0) else bounds.get(grade)
            basis = f"表中评分标准“{rule[:50]}”" if rule else "财政部评分标准（90分及以上为优，80—90分为良，60—80分为中，60分以下为差）"
            yield self.finding(
                f"{form_name(f)}总分 {total.text}，按{basis}应为“{want}”，但自评等级为“{word}”",
                values=[total.text, str(edge), word], expected=want, actual=word,
                evidence=[ev(total, "total", f.total_quote), Evidence(tok.text, "grade", tok.loc, word)]
                + ([Evidence(rule[:160], "rule", f.loc)] if rule else []))
