"""IN010–IN011: a claim that all goals were met (均已完成) against what the indicators show."""

from __future__ import annotations

from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.indicator_common import (alignment, covering_claims, ev, ev_clause, label, listed_short,
                                               shortfalls)
from extractor.extract.align import similarity
from extractor.extract.outline import vocab
from extractor.model import Finding
from extractor.extract import claim_words


@register
class ClaimContradicted(Check):
    """声称“均已完成/全部完成/没有未完成的绩效目标”，但某项指标未达到目标或仍在办理中。

    何时触发：某目标（或全文）声称均已完成，而 (1) 该目标下有指标的实际完成值未达到目标值；或
    (2) 该目标的分析部分说某事项“进展顺利/正在办理/推进中”，且该事项与第一部分声称已完成的指标
    名称相近（相似度见 patterns/indicators.yaml 的 progress_min_score）。
    反例：目标一声称“均已完成”，其中“群众投诉举报办结率100%”，分析部分却说“剩余投诉举报的办结工作
    正在办理”——报告。
    正例：声称均已完成，分析部分各指标都已完成且达到目标——不报告。
    已知局限：仍在办理的事项若与任何已声称的指标都不相近，只作警告；措辞未收入 in_progress 词表的
    “未完成”说法识别不到。
    """

    code = "IN010"
    name = "indicator.claim_contradicted"
    kind = "claim_vs_indicator"
    severity = "error"

    def run(self, ctx: Context) -> Iterator[Finding]:
        al = alignment(ctx)
        for p in shortfalls(al):
            claims = covering_claims(al, p.left.goal)
            if not claims:
                continue
            t, a = p.left, p.right
            yield self.finding(
                f"报告称“{claims[0].cue}”（{claims[0].location}），但{label(t)}目标{t.quantity.raw}，"
                f"实际{a.quantity.raw}（{a.location}），并未完成",
                values=[t.quantity.raw, a.quantity.raw],
                evidence=[ev_clause(c, "claim") for c in claims] + [ev(t, "target"), ev(a, "actual")])
        v = vocab()
        floor = int(v["alignment"]["progress_min_score"])
        for pc in al.outline.progress:
            if pc.part not in ("analysis", "stated"):
                continue
            claims = covering_claims(al, pc.goal)
            if not claims:
                continue
            text = pc.text
            for w in claim_words.in_progress():
                text = text.replace(w, "")
            stated = [f for f in al.outline.facts if f.goal == pc.goal and f.occurrence == 0
                      and f.role in ("claim", "target") and f.part == "stated"]
            scored = sorted(((similarity(f.name, text), f) for f in stated), key=lambda t: -t[0])
            hits = [(s, f) for s, f in scored if s >= floor][:3]
            if hits:
                best = hits[0][1]
                yield self.finding(
                    f"报告称“{claims[0].cue}”（{claims[0].location}），其中{label(best)}{best.quantity.raw}，"
                    f"但分析部分称“{pc.text.strip()}”（{pc.location}），该事项仍在办理中，完成情况与声称不符",
                    values=list(dict.fromkeys(f.quantity.raw for _, f in hits)),
                    evidence=[ev_clause(c, "claim") for c in claims] + [ev(f, "claim") for _, f in hits]
                    + [ev_clause(pc, "in_progress")])
            else:
                yield self.finding(
                    f"报告称“{claims[0].cue}”（{claims[0].location}），但分析部分称“{pc.text.strip()}”"
                    f"（{pc.location}），说明仍有事项在办理中",
                    severity="warning",
                    evidence=[ev_clause(c, "claim") for c in claims] + [ev_clause(pc, "in_progress")])


@register
class ClaimUnsupported(Check):
    """声称“均已完成”，但部分指标从未报告实际完成值：声称缺乏依据。

    何时触发：报告声称均已完成（某目标或全文），而该目标下有指标值（目标表述或“≥/以上”指标）
    在全文中找不到对应的完成值（既无第一部分声称值，也无分析部分实际值）。全文汇总为一条警告。
    反例：目标一“开展执法检查不少于4次”，分析部分只列举检查了哪些单位、没有给出次数，却称均已完成——警告。
    正例：每个指标值都有对应的完成值——不报告。
    已知局限：完成值措辞与指标名称差异过大时会被当作“未报告”；逐项的“无法核对”见 IN040。
    """

    code = "IN011"
    name = "indicator.claim_unsupported"
    kind = "claim_vs_indicator"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        al = alignment(ctx)
        missing = []
        seen = set()
        for f in unmatched_targets(al):
            if not covering_claims(al, f.goal):
                continue
            key = (f.goal, f.quantity.raw)
            if key in seen:  # the goal text and section 一 state the same target
                continue
            seen.add(key)
            missing.append(f)
        if not missing:
            return
        claims = covering_claims(al, missing[0].goal)
        listed = "；".join(f"{label(f)}{f.quantity.raw}" for f in missing[:8])
        more = f"等{len(missing)}项" if len(missing) > 8 else f"共{len(missing)}项"
        yield self.finding(
            f"报告称“{claims[0].cue}”，但以下指标未见完成值（{more}）：{listed}；“均已完成”的结论缺乏依据",
            values=[f.quantity.raw for f in missing],
            evidence=[ev_clause(c, "claim") for c in claims] + [ev(f, "target") for f in missing])


def unmatched_targets(al):
    """First statements of targets with no actual and no claimed result. The goal text and section 一
    often state the same target twice: a pairing of either covers both (same goal, value, comparator)."""
    key = lambda f: (f.goal, f.quantity.base, f.quantity.comparator)  # noqa: E731
    short = {id(p) for p in listed_short(al)}
    done = {key(p.left) for p in al.pairs if p.left.role == "target" and p.right.role in ("actual", "claim")
            and id(p) not in short}
    return [f for f in al.outline.facts if f.role == "target" and f.occurrence == 0 and key(f) not in done]
