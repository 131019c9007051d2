"""FM001–FM007: 分值 / 得分 arithmetic of 自评表 forms."""

from __future__ import annotations

from decimal import Decimal

from extractor.checks import Check, register
from extractor.checks.form_common import (
    ev,
    fmt,
    form_name,
    forms,
    num,
    row_ev,
    usable_row,
)
from extractor.extract import form_vocab as V
from extractor.extract.form_model import Form, Val
from extractor.model import Evidence


def _sum_check(vals: list[Val]) -> tuple[Decimal, tuple[Decimal, Decimal]]:
    """Sum of scores and the range it may stand for. Scores are awarded, not measured: they add up
    exactly, with one rounding's slack at the finest precision shown (8.6 written as 9 is allowed)."""
    qs = [num(v) for v in vals]
    dec = max((q.decimals for q in qs), default=0)
    s = sum((q.value for q in qs), Decimal(0))
    tol = Decimal(5) * Decimal(10) ** (-dec - 1)
    return s, (s - tol, s + tol)


def _anchored(r) -> bool:
    """Exact columns, or columns guessed around the one 执行率 cell (分值 before it, 得分 after it)."""
    return usable_row(r) or (r.aligned == "guessed" and "rate.execution" in r.values)


def _fund_weight(f: Form) -> Val | None:
    r = f.total_row or (f.fund_rows[0] if f.fund_rows else None)
    if r is None or not _anchored(r):
        return None
    if num(r.values.get("score.weight")):
        return r.values["score.weight"]
    b = f.block_of(r.block)  # 预算执行情况(10分): the block's weight, printed in its caption
    return b.stated_weight if b is not None and num(b.stated_weight) else None


def _fund_unreadable(f: Form) -> bool:
    """The form has a fund block whose scored row could not be read (or a fund header with a 分值
    column and no 分值 read under it): sums that include it are not checkable."""
    r = f.total_row or (f.fund_rows[0] if f.fund_rows else None)
    if r is not None and not _anchored(r) and bool(r.raw):
        return True
    weighted = any(b.kind == "fund" and any(c.hint == "score.weight" for c in b.header) for b in f.blocks)
    return weighted and _fund_weight(f) is None


def _fund_score(f: Form) -> Val | None:
    r = f.total_row or (f.fund_rows[0] if f.fund_rows else None)
    if r is None or not _anchored(r):
        return None
    return r.values.get("score.value") if num(r.values.get("score.value")) else None


def _unread_rows(rows) -> bool:
    """Whether some row's figures could not be placed in columns: its 分值 or 得分 may be among them,
    so no sum over the rows is checkable."""
    return any(not r.reliable and any(x.val is not None and x.val.q is not None for x in r.raw) or
               not r.reliable and (r.weight is not None or r.score is not None) for r in rows)


def _rows_complete(f: Form, attr: str) -> list | None:
    """Reliable indicator rows carrying `attr`; None when some scored row is unreliable or lacks it."""
    rows = [r for r in f.indicators if r.weight is not None or r.score is not None]
    if not rows or f.interleaved or f.rows_incomplete or _unread_rows(f.indicators):
        return None
    if any(num(getattr(r, attr)) is None for r in rows):
        return None
    return rows


@register
class ScoreOverWeight(Check):
    """得分高于分值。

    何时触发：自评表中某一指标行（或资金执行率行、总分行）的得分大于其分值。
    反例：“政策知晓率 … 分值 10 得分 12”。
    正例：“政策知晓率 … 分值 10 得分 9”。
    已知局限：只核对能可靠对应到分值、得分两列的行；OCR 可疑数字不核对。分值与得分是评定的数，不是
    测得的数，按所写数值直接比较（不按取整区间）。
    """

    code = "FM001"
    name = "form.score_over_weight"
    kind = "score_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            pairs = [(r.name, r.weight, r.score, row_ev(r)) for r in f.indicators if r.reliable]
            pairs.append(("预算执行率", _fund_weight(f), _fund_score(f), None))
            pairs.append(("总分", f.total_weight, f.total_score, None))
            for name, w, s, rev in pairs:
                qw, qs = num(w), num(s)
                if qw is None or qs is None or qw.unit not in ("", "分") or qs.unit not in ("", "分"):
                    continue
                if qs.value > qw.value:  # scores are awarded, not measured: 12 over 11 is over, rounding aside
                    evs = [ev(w, "weight"), ev(s, "score")] + ([rev] if rev else [])
                    yield self.finding(f"{form_name(f)}“{name}”得分 {s.text} 高于分值 {w.text}，超出 {fmt(qs.value - qw.value)} 分",
                                       values=[w.text, s.text], expected=f"≤{w.text}", actual=s.text, evidence=evs)


@register
class WeightSum(Check):
    """各项分值之和与总分（分值）不符。

    何时触发：表末总分行写明了分值合计（通常 100），而各指标分值加上预算执行率分值之和与之不符；
    或一级指标标注的分值（“产出指标(70分)”）加上执行率分值之和与总分不符。
    反例：产出指标(70分)+效益指标(20分)+满意度指标(10分)+执行率 10 分 = 110，总分写 100。
    正例：执行率 10 分 + 9 个指标各 10 分 = 100，总分 100。
    已知局限：总分行缺失（节选、截断）时不核对；指标行未能可靠拆分时只核对一级指标标注的分值。
    """

    code = "FM002"
    name = "form.weight_sum"
    kind = "score_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            total = num(f.total_weight)
            if total is None or _fund_unreadable(f):
                continue
            fw = _fund_weight(f)
            extra = [fw] if fw is not None else []
            rows = _rows_complete(f, "weight")
            if rows:
                vals = [r.weight for r in rows] + extra
                yield from self._compare(f, vals, "各指标分值" + ("与执行率分值" if extra else ""), [row_ev(r) for r in rows[:3]])
            elif len(f.groups) >= 2 and all(num(g.weight) for g in f.groups):
                vals = [g.weight for g in f.groups] + extra
                yield from self._compare(f, vals, "各一级指标分值" + ("与执行率分值" if extra else ""),
                                         [Evidence(g.quote, "group_weight", g.loc, g.weight.text) for g in f.groups])

    def _compare(self, f, vals, what, evs):
        s, iv = _sum_check(vals)
        total = num(f.total_weight)
        if iv[0] <= total.value <= iv[1]:
            return
        yield self.finding(
            f"{form_name(f)}{what}合计 {' + '.join(v.text for v in vals)} = {fmt(s)}，与总分 {f.total_weight.text} 不符，相差 {fmt(s - total.value)}",
            values=[v.text for v in vals] + [f.total_weight.text], expected=f.total_weight.text, actual=fmt(s),
            evidence=[ev(f.total_weight, "stated_total", f.total_quote)] + [ev(v, "addend") for v in vals[-1:]] + evs)


@register
class ScoreSum(Check):
    """各项得分之和与总分（得分）不符。

    何时触发：表末总分行写明了得分，而各指标得分加上预算执行率得分之和与之不符。
    反例：各行得分合计 96，总分行写 95。
    正例：执行率得分 10 + 各指标得分 86 = 96，总分 96。
    得分看不清（扫描件可疑数字、空白）而分值清楚的行，按 0 到分值之间计：总分落在这一范围之外才报。
    反例（看不清时）：可读得分合计 74，另有一行分值 10、得分看不清，各项最多 84，总分写 98。
    已知局限：只在每个有分值的指标行都读到了得分（或至少读到了分值）时核对。
    """

    code = "FM003"
    name = "form.score_sum"
    kind = "score_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            total = num(f.total_score)
            if total is None or _fund_unreadable(f):
                continue
            rows = _rows_complete(f, "score")
            unread = []
            if not rows:
                rows, unread = _rows_bounded(f)
            if not rows:
                continue
            fs = _fund_score(f)
            vals = [r.score for r in rows] + ([fs] if fs is not None else [])
            s, iv = _sum_check(vals)
            room = sum((num(r.weight).value for r in unread), Decimal(0))  # each unread score in [0, 分值]
            if iv[0] <= total.value <= iv[1] + room:
                continue
            if not unread:
                msg = f"各项得分合计 {fmt(s)}，与总分行得分 {f.total_score.text} 不符，相差 {fmt(s - total.value)}"
            else:
                names = "、".join(f"“{r.name}”" for r in unread[:3])
                msg = (f"可读得分合计 {fmt(s)}，另有 {len(unread)} 行得分看不清（{names}，按不超过分值计，最多 {fmt(room)} 分），"
                       f"各项得分合计在 {fmt(s)}～{fmt(s + room)} 之间，与总分得分 {f.total_score.text} 不符")
            yield self.finding(
                form_name(f) + msg,
                values=[v.text for v in vals] + [f.total_score.text], expected=f.total_score.text,
                actual=fmt(s) if not unread else f"{fmt(s)}～{fmt(s + room)}",
                evidence=[ev(f.total_score, "stated_total", f.total_quote)] + [row_ev(r) for r in (unread + rows)[:3]])


def _spare_figures(r) -> bool:
    """Figures in the row's cells that no column took (form_resolve keeps them in `extra`)."""
    return any(v.q is not None for v in r.extra)


def _illegible_score(r) -> bool:
    """The score cell is there but says no figure: a doubtful OCR reading, or a placeholder cell (/, —,
    无: patterns/forms.yaml placeholders) after the row's 分值 cell."""
    if r.score is not None:
        return r.score.ocr or r.score.q is None
    texts = [x.text.strip() for x in r.raw]
    # the dash must come after the 分值 cell (得分 follows 分值 in every template), not be a target's dash
    w = r.weight.text.strip() if r.weight is not None else None
    return any(t and V.is_placeholder(t) and w in texts[:j] for j, t in enumerate(texts))


def _rows_bounded(f: Form) -> tuple[list, list]:
    """Scored rows split into those with a readable score and those whose score is unreadable but
    whose 分值 is readable (its score lies in [0, 分值]); ([], []) when some row has neither."""
    rows = [r for r in f.indicators if r.weight is not None or r.score is not None]
    if not rows or f.interleaved or f.rows_incomplete or _unread_rows(f.indicators):
        return [], []
    read = [r for r in rows if num(r.score) is not None]
    unread = [r for r in rows if num(r.score) is None]
    if not read or any(num(r.weight) is None or num(r.weight).unit not in ("", "分") for r in unread):
        return [], []
    # only a score cell that is there but illegible (a doubtful OCR digit, a dash): a score the reader
    # could not place (say 15 against a 分值 of 14) may be above its 分值, and the bound would not hold
    if not all(_illegible_score(r) and not _spare_figures(r) for r in unread):
        return [], []
    return read, unread


@register
class GroupWeight(Check):
    """一级指标标注的分值与其下各指标分值之和不符。

    何时触发：一级指标写明分值（“产出指标(50分)”），其下各行分值之和不等于该分值。
    反例：“产出指标(50分)”下各行分值 8+8+8+8+8 = 40。
    正例：“产出指标(50分)”下各行分值 20+10+10+5+5 = 50。
    已知局限：只在该一级指标之后出现了下一个一级指标或总分行（即其各行完整）时核对；表中有任何一行的
    数字无法对应到列时不核对（列的读法本身存疑）。
    """

    code = "FM004"
    name = "form.group_weight"
    kind = "score_mismatch"

    def run(self, ctx):
        for f in forms(ctx):
            if f.interleaved or f.rows_incomplete:
                continue
            names = [g.level1 for g in f.groups]
            for i, g in enumerate(f.groups):
                if num(g.weight) is None:
                    continue
                closed = i + 1 < len(names) or not f.truncated
                rows = [r for r in f.indicators if r.level1 == g.level1 and r.weight is not None]
                # a row anywhere whose figures could not be placed puts the column reading in doubt
                # (a 评分标准 column read as names, 得分 read as 分值), not only that group's
                if not closed or not rows or any(num(r.weight) is None for r in rows) or _unread_rows(f.indicators):
                    continue
                s, iv = _sum_check([r.weight for r in rows])
                if iv[0] <= num(g.weight).value <= iv[1]:
                    continue
                yield self.finding(
                    f"{form_name(f)}“{g.level1}”标注分值 {g.weight.text}，其下各指标分值合计 {fmt(s)}，相差 {fmt(s - num(g.weight).value)}",
                    values=[g.weight.text] + [r.weight.text for r in rows], expected=g.weight.text, actual=fmt(s),
                    evidence=[Evidence(g.quote, "stated_total", g.loc, g.weight.text)] + [row_ev(r) for r in rows[:4]])


@register
class RuleWeight(Check):
    """一级指标分值与表格自身注释规定的分值不符。

    何时触发：表注写明一级指标分值（“产出指标50分、效益指标30分”），而表中一级指标标注的分值不同。
    反例：表中“产出指标(70分)”，表注“产出指标50分”。
    正例：表中“产出指标(50分)”，表注“产出指标50分”。
    已知局限：只识别表注中“一级指标名+N分”的写法。
    """

    code = "FM007"
    name = "form.rule_weight"
    kind = "score_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            rule = {g.level1: g for g in f.rule_groups if num(g.weight)}
            for g in f.groups:
                r = rule.get(g.level1)
                if r is None or num(g.weight) is None or num(g.weight).value == num(r.weight).value:
                    continue
                yield self.finding(
                    f"{form_name(f)}“{g.level1}”标注分值 {g.weight.text}，而表注规定 {r.weight.text}",
                    values=[g.weight.text, r.weight.text], expected=r.weight.text, actual=g.weight.text,
                    evidence=[Evidence(g.quote, "stated", g.loc, g.weight.text), Evidence(r.quote, "rule", r.loc, r.weight.text)])
