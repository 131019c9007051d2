"""Budget statements in running text (年初预算为2345.67万元, 调增…, 执行率达100.00%) with the budget part
they are about (scope), and 其中 breakdowns (其中：40万元用于…；19.98万元用于…) with their stated total."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor import patterns
from extractor.extract import budget_vocab as V
from extractor.extract.budget_breakdown import Breakdown, find_breakdowns, first_qizhong
from extractor.extract.clauses import clause_start, in_paren, in_rule, per_unit, period_change, sentences
from extractor.model import Document, Figure, Paragraph
from extractor.quantities import Quantity, find_quantities

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass
class TextFigure:
    figure: Figure
    role: str
    scope: str
    explicit_scope: bool  # a scope word stands in the figure's own clause
    paragraph: int  # index into Analysis.paragraphs
    sentence: int
    start: int
    end: int
    sign: int = 1
    in_paren: bool = False
    year: str | None = None
    breakdown_item: bool = False
    comparable: bool = True  # its scope is stated (not assumed): may be compared with other statements
    change: bool = False  # a difference against another period (同比增加…): neither a part nor a total
    item: tuple[int, int] | None = None  # the one fund or project it is about (None: a budget scope)

    @property
    def quantity(self) -> Quantity:
        return self.figure.quantity


@dataclass
class TextAnalysis:
    paragraphs: list[Paragraph] = field(default_factory=list)
    figures: list[TextFigure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


def _label(lead: str, found, raw: str) -> str:
    """The words naming a figure: from its scope word or role phrase to the figure."""
    starts = [s for s, _, _ in V.scope_spans(lead)]
    if found:
        starts.append(found[2])
    start = min(starts) if starts else max(0, len(lead) - 12)
    return V.squash(lead[start:]).rstrip("为达是：:") or raw


def _heading_scope(stack: list[tuple[int, str | None]]) -> str | None:
    for _, s in reversed(stack):
        if s:
            return s
    return None




def project_report(doc: Document) -> bool:
    """The report is about one project (××项目支出绩效自评报告), not a unit's whole budget: its title,
    in the first paragraphs, says so."""
    for p in list(doc.paragraphs())[:3]:
        t = re.sub(r"\s", "", p.text)[:80]
        titles = patterns.load("budget")["report_titles"]
        if re.search(titles["project"], t):
            return not re.search(titles["unit"], t)
    return False


def analyse_text(doc: Document) -> TextAnalysis:
    from extractor.extract.forms import form_paragraphs

    res = TextAnalysis()
    headings: list[tuple[int, str | None]] = []
    project = project_report(doc)
    in_forms = form_paragraphs(doc)  # a form's own figures are read by the form reader, once
    for p in doc.paragraphs():
        if p.location.paragraph in in_forms:
            continue
        if p.heading is not None:
            while headings and headings[-1][0] >= p.heading:
                headings.pop()
            # a funding source in a heading (一般公共预算支出情况) is often the unit's whole budget: not a scope
            headings.append((p.heading, V.scope_of(p.text)))
        pi = len(res.paragraphs)
        res.paragraphs.append(p)
        _analyse_paragraph(p, pi, _heading_scope(headings), res, project)
    return res


def _before_aside(text: str, pos: int, floor: int) -> str:
    """The clause before a bracketed aside that ends right before `pos` ("" if there is none)."""
    end = len(text[:pos].rstrip())
    if end <= floor or text[end - 1] not in "）)":
        return ""
    depth, j = 0, end - 1
    while j >= floor:
        if text[j] in "）)":
            depth += 1
        elif text[j] in "（(":
            depth -= 1
            if depth == 0:
                return text[clause_start(text, j, floor):j]
        j -= 1
    return ""


def _analyse_paragraph(p: Paragraph, pi: int, heading_scope: str | None, res: TextAnalysis,
                       project: bool = False) -> None:
    text = p.text
    matches = [m for m in find_quantities(text) if m.quantity.dimension in ("money", "percent")]
    if not matches:
        return
    sents = sentences(text)
    para_figs: list[TextFigure] = []
    for si, (s0, s1) in enumerate(sents):
        sent_scope = None
        qz = first_qizhong(text, s0, s1)
        # the words before 其中 say whether the sentence is about the whole unit or about one item
        head = text[s0:qz] if qz != -1 else text[s0:s1]
        cur = _Item()
        prev_end = s0
        for m in (m for m in matches if s0 <= m.start < s1):
            q = m.quantity
            cs = max(clause_start(text, m.start, s0), prev_end)
            lead = text[cs:m.start]
            clause_full = text[clause_start(text, m.start, s0):m.start]
            gap = text[max(prev_end, qz):m.start]
            prev_end = m.end
            found = V.text_role(lead)
            lead_for_label = lead
            if not found:
                found = V.text_role(clause_full)
                lead_for_label = clause_full
            if not found:
                # a bracketed aside between the words and the figure (追加预算（用于甲、乙等）30万元)
                before = _before_aside(text, m.start, s0)
                if before:
                    found = V.text_role(before)
                    lead_for_label = before if found else lead_for_label
            role, sign = (found[0], found[1]) if found else (None, 1)
            if q.dimension == "percent" and role != "rate.execution":
                continue
            if role == "rate.execution" and q.dimension != "percent":
                role = None
            if role and role != "rate.execution" and q.dimension != "money":
                continue
            # a rate per unit (1000元/户) is never an amount to add up; a threshold or a requirement
            # (低于85%的须说明, 原则上不低于95%) is a rule, not a stated figure
            if (q.dimension == "money" and per_unit(text, m.start, m.end)) or in_rule(text, m.start, m.end):
                continue
            cscope = V.text_scope(clause_full)
            item = None
            if qz != -1 and m.start > qz:
                # inside a 其中 list a figure belongs to the item it is listed under, never to the whole
                cur = cur.next(text, gap, m.start, cscope, role)
                scope = cur.scope or sent_scope or heading_scope or "overall"
                comparable = cscope is not None and not cur.named
                item = (pi, cur.start) if cur.named or not cur.scope else None
            else:
                if cscope:
                    sent_scope = cscope
                scope = cscope or sent_scope or heading_scope or "overall"
                # in a report about one project, naming the project is naming the whole
                named = V.names_an_item(head) and not project
                # an assumed scope is trusted only for a sentence about the whole unit
                comparable = bool(cscope or sent_scope) or (heading_scope is None and not named)
                if named and not (cscope or sent_scope):
                    item = (pi, s0)  # a sentence about one fund: its figures go together, not with the unit's
            y = _YEAR_RE.search(clause_full) or _YEAR_RE.search(text[s0:m.start])
            paren = in_paren(text, m.start, s0)
            label = _label(lead_for_label, found, q.raw)
            quote = text[clause_start(text, m.start, s0):m.end].strip()
            meta = [("scope", scope), ("source", "text")]
            if y:
                meta.append(("year", y.group(1)))
            change = role is None and period_change(text, m.start)
            if q.dimension == "money" and V.against_budget(clause_full):
                role, change = None, True  # 实际支出比预算节约5万元: a difference, not the spending
            if change:
                meta.append(("change", "period"))
            fig = Figure(label=label, role=role or "amount", quantity=q,
                         location=p.location.with_(span=(m.start, m.end)), quote=quote, meta=tuple(meta))
            tf = TextFigure(fig, role or "amount", scope, cscope is not None, pi, si, m.start, m.end, sign,
                            paren, y.group(1) if y else None, comparable=comparable, change=change, item=item)
            para_figs.append(tf)
    res.figures.extend(para_figs)
    res.breakdowns.extend(find_breakdowns(p, para_figs, sents))


@dataclass
class _Item:
    """The item of a 其中 list the current figure is listed under."""
    start: int = -1
    scope: str | None = None  # its scope word (基本支出, 一般公共预算 …), if any
    named: bool = False  # it names a fund or project
    roles: frozenset = frozenset()

    def next(self, text: str, gap: str, pos: int, cscope: str | None, role: str | None) -> "_Item":
        """A new item starts after ；, at a scope word of its own, or when a role comes round again."""
        if self.start < 0 or "；" in gap or ";" in gap or cscope or (role and role in self.roles):
            lead = text[clause_start(text, pos, 0):pos]
            return _Item(pos, cscope, V.names_an_item(lead), frozenset([role]) if role else frozenset())
        return _Item(self.start, self.scope, self.named, self.roles | ({role} if role else set()))


def _years_fit(a: TextFigure, b: TextFigure) -> bool:
    return not (a.year and b.year and a.year != b.year)


def _parent(section: str | None) -> str | None:
    return section.rsplit("/", 1)[0] if section and "/" in section else section


def partners(res: TextAnalysis, tf: TextFigure, role: str, back: int = 2) -> list[TextFigure]:
    """Figures of `role` about the same scope (and the same named item) as `tf`, in its paragraph (nearest first, preceding ones
    before following ones), else in up to `back` earlier paragraphs of the same section."""
    def ok(f: TextFigure) -> bool:
        return (f.role == role and f.scope == tf.scope and f.item == tf.item and not f.in_paren and f is not tf
                and not f.quantity.comparator and _years_fit(f, tf))

    same = [f for f in res.figures if f.paragraph == tf.paragraph and ok(f)]
    if same:
        before = sorted((f for f in same if f.start < tf.start), key=lambda f: -f.start)
        after = sorted((f for f in same if f.start > tf.start), key=lambda f: f.start)
        return before + after
    # earlier paragraphs of the same section, or of a sibling subsection under the same heading
    # (（一）资金到位 states the budget, （二）资金使用 the spending and the rate)
    parent = _parent(res.paragraphs[tf.paragraph].location.section)
    for pi in range(tf.paragraph - 1, max(-1, tf.paragraph - 1 - back), -1):
        if _parent(res.paragraphs[pi].location.section) != parent:
            break
        found = [f for f in res.figures if f.paragraph == pi and ok(f)]
        if found:
            return sorted(found, key=lambda f: -f.start)
    return []
