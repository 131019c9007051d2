"""IN020: an indicator filed under the wrong group (社会效益指标 under 产出指标)."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from extractor.checks import Check, Context, register
from extractor.checks.indicator_common import alignment
from extractor.extract.outline import IMPLICIT_GOAL, GroupMark
from extractor.model import Evidence, Finding


def _ev(m: GroupMark, role: str) -> Evidence:
    return Evidence(quote=m.quote, role=role, location=m.location)


@register
class IndicatorMisfiled(Check):
    """指标归类错误：二级指标放在不属于它的一级指标下，或一级指标编号打破同级的规律。

    何时触发：某目标下“（1）社会效益指标”出现在“2.产出指标”之下（社会效益属于效益指标）；满意度指标
    放在效益指标下；或同一目标内一级指标重复（1.产出指标、2.产出指标），而其他目标的第2项是效益指标。
    反例：某目标下“2.产出指标 （1）社会效益指标：管理更加规范”——报告。
    正例：“1.产出指标 （1）数量指标……2.效益指标 （1）社会效益指标……”——不报告。
    已知局限：只看带分组名称的标题（patterns/indicators.yaml 的 groups）；不带名称的编号无法判断。
    """

    code = "IN020"
    name = "indicator.misfiled"
    kind = "label_mismatch"
    severity = "warning"

    def run(self, ctx: Context) -> Iterator[Finding]:
        marks = alignment(ctx).outline.groups
        # what other goals put at each level-1 number (the sibling pattern)
        usual: dict[str, Counter] = {}
        for m in marks:
            if m.level == 1 and m.number:
                usual.setdefault(_num(m.number), Counter())[m.name] += 1
        repeats: list[tuple[GroupMark, GroupMark]] = []
        misfiled: list[tuple[GroupMark, GroupMark]] = []
        current: GroupMark | None = None
        names_here: dict[str, GroupMark] = {}
        scope = None
        for m in marks:
            if (m.goal, m.occurrence) != scope:
                scope, current, names_here = (m.goal, m.occurrence), None, {}
            if m.level == 1:
                if m.name in names_here and m.number:
                    repeats.append((names_here[m.name], m))
                names_here.setdefault(m.name, m)
                current = m
            elif current is not None and m.parent is not None and m.parent != current.name:
                misfiled.append((current, m))
        explained = {id(g1) for g1, _ in misfiled}
        repeated = {id(m): prev for prev, m in repeats}
        for g1, m in misfiled:
            prev = repeated.get(id(g1))
            dup = f"（“{g1.name}”在本目标中已于{prev.location}出现过）" if prev else ""
            yield self.finding(
                f"{_goal(m)}“{m.quote[:30]}”属于{m.parent}，却列在“{g1.quote[:20]}”之下（{m.location}）"
                f"{dup}{_pattern(usual, g1)}",
                values=[], evidence=[_ev(g1, "group_heading"), _ev(m, "indicator")])
        for prev, m in repeats:
            if id(m) in explained:
                continue
            yield self.finding(
                f"{_goal(m)}一级指标“{m.name}”重复出现（{prev.location} 与 {m.location}）{_pattern(usual, m)}，"
                f"编号与同级规律不符",
                values=[], evidence=[_ev(prev, "heading"), _ev(m, "heading")])


def _num(n: str) -> str:
    return n.strip("（()）.．、 ")


def _pattern(usual, m: GroupMark) -> str:
    c = usual.get(_num(m.number or ""))
    if not c or not m.number:
        return ""
    top, n = c.most_common(1)[0]
    if top == m.name or n < 2:
        return ""
    return f"；其他目标中第{_num(m.number)}项为“{top}”（{n}处）"


def _goal(m: GroupMark) -> str:
    return f"目标{m.goal}：" if m.goal and m.goal != IMPLICIT_GOAL else ""
