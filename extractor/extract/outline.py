"""Goal/group outline of a narrative report and the indicator facts in its running text.

A report states each goal (年度目标N / 目标N / 一是) with indicator groups (产出指标 > 数量指标 …) and
figures, first as targets or claimed results, then again in the analysis with what was done. This
module walks the paragraphs once and records goals, group headings, claims (均已完成), in-progress
clauses (进展顺利) and every indicator figure with its goal, group and role. Vocabulary:
patterns/indicators.yaml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from decimal import Decimal

from extractor import patterns
from extractor.extract import claim_words
from extractor.extract.taxonomy import groups as framework_groups
from extractor.extract.clauses import SENT_END, clause_spans, clause_start, in_rule, overrun, per_unit_denominator
from extractor.extract.listing import find_listing
from extractor.model import Document, Location
from extractor.quantities import Quantity, chinese_to_decimal, find_quantities, normalize_digits


@dataclass(frozen=True)
class Fact:
    """One indicator figure in running text."""

    name: str  # the clause without the figure: what is counted
    quantity: Quantity
    role: str  # target | claim | actual
    goal: str | None  # goal number ("1"), None outside any goal
    occurrence: int  # 0 = first statement of the goal, 1+ = restatement (analysis)
    part: str  # goal (goal text) | stated | analysis | other
    group1: str | None
    group2: str | None
    location: Location
    quote: str  # the clause the figure stands in
    index: int  # order of the fact in the paragraph (adjacency pairing)
    listed: bool = False  # no figure written: the number of items a list names (完成《…》、《…》等检查)
    completion: Quantity | None = None  # the rate of the plan this result is said to be (…，完成目标的107%)


@dataclass(frozen=True)
class GroupMark:
    """A group heading such as 1.产出指标 or （1）社会效益指标：…"""

    goal: str | None
    occurrence: int
    level: int
    name: str
    parent: str | None
    number: str | None
    location: Location
    quote: str


@dataclass(frozen=True)
class Clause:
    """A claim (均已完成) or an in-progress statement (进展顺利)."""

    text: str
    goal: str | None
    part: str
    location: Location
    cue: str


@dataclass
class Outline:
    facts: list[Fact] = field(default_factory=list)
    groups: list[GroupMark] = field(default_factory=list)
    claims: list[Clause] = field(default_factory=list)
    progress: list[Clause] = field(default_factory=list)
    goals: dict[str, list[Location]] = field(default_factory=dict)  # goal -> where each statement starts


# ---------------------------------------------------------------- vocabulary


@functools.lru_cache(maxsize=None)
def vocab() -> dict:
    return patterns.load("indicators")


@functools.lru_cache(maxsize=None)
def _group_forms() -> list[tuple[str, dict]]:
    out = [(str(f), g) for g in framework_groups(tables=False) for f in g["forms"]]
    return sorted(out, key=lambda t: -len(t[0]))


@functools.lru_cache(maxsize=None)
def _goal_res() -> tuple[list[re.Pattern], re.Pattern]:
    v = vocab()
    return [re.compile(p) for p in v["goal_markers"]], re.compile(v["list_goal_marker"])


def goal_number(text: str, in_goal_section: bool = True) -> str | None:
    """'1' for 年度目标1：… / 目标一：… ; '二' style list markers (二是) only inside a goal section."""
    res, list_re = _goal_res()
    t = normalize_digits(text)
    for r in res:
        m = r.match(t)
        if m:
            return _norm_num(m.group("n"))
    if in_goal_section:
        m = list_re.match(t)
        if m:
            return _norm_num(m.group("n"))
    return None


def _norm_num(n: str) -> str:
    if n.isdigit():
        return str(int(n))
    v = chinese_to_decimal(n)
    return str(int(v)) if v is not None else n


_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]|[0-9一二三四五六七八九十]{1,3}\s*[.．、]"
                        r"(?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])\s*")


def split_numbering(text: str) -> tuple[str | None, str]:
    m = _NUMBERING.match(normalize_digits(text))
    if not m:
        return None, text
    return m.group(0).strip(), text[m.end():]


def group_of(text: str) -> dict | None:
    """The indicator group a heading names (after its numbering), e.g. '（1）社会效益指标：…'."""
    _, rest = split_numbering(text)
    rest = rest.lstrip()
    for form, g in _group_forms():
        if rest.startswith(form):
            tail = rest[len(form):len(form) + 1]
            # 产出 alone must be the whole heading word (产出指标, 产出：), not 产出了…
            if form.endswith("指标") or not tail or tail in "：:、，,（(" or rest[len(form):].startswith("完成情况"):
                return g
    return None


def has_any(text: str, words) -> str | None:
    for w in sorted(words, key=len, reverse=True):
        if w and w in text:
            return w
    return None


# ---------------------------------------------------------------- walking the document

_CLAUSE_ENDS = "，,；;。！？!?：:"  # not 、 (it joins the items of one list)
_TITLE = re.compile(r"《[^》]*》(?:\s*(?:、|及|和|与|以及)?\s*《[^》]*》)*")  # a title, or a list of titles


def build_outline(doc: Document) -> Outline:
    v = vocab()
    out = Outline()
    seen: dict[str, int] = {}
    goal: str | None = None
    occ = 0
    g1: str | None = None
    stack: list[tuple[int, str]] = []  # enclosing non-group headings (level, text)
    from extractor.extract.forms import form_paragraphs

    in_forms = form_paragraphs(doc)  # read once, by the form reader, for every check
    for para in doc.paragraphs():
        text = para.text.strip()
        if not text or para.location.paragraph in in_forms:
            continue
        loc = para.location
        # 一是/二是 are goals only right under a heading that names goals (not in 存在问题 lists)
        in_goal_section = bool(stack) and bool(has_any(stack[-1][1], v["goal_section_cues"]))
        gn = goal_number(text, in_goal_section)
        grp = group_of(text) if gn is None else None
        if gn is None and grp is None and para.heading is not None:
            while stack and stack[-1][0] >= para.heading:
                stack.pop()
            stack.append((para.heading, text))
            goal, g1 = None, None  # a new section ends the goal
        analysis_mode = any(has_any(t, v["analysis_headings"]) for _, t in stack)
        if gn is not None:
            goal = gn
            occ = seen.get(gn, 0)
            seen[gn] = occ + 1
            out.goals.setdefault(gn, []).append(loc)
            g1 = None
            part = "goal"
        else:
            part = "other" if goal is None else ("analysis" if occ or analysis_mode else "stated")
            if goal is None and analysis_mode:
                part = "analysis_free"
        if grp is not None and goal is None and not form_like(text):
            # groups without a numbered goal (部门整体 reports): one implicit goal for the whole report,
            # first stated, then restated under an analysis heading
            goal, occ = IMPLICIT_GOAL, 1 if analysis_mode else 0
            part = "analysis" if analysis_mode else "stated"
            seen[goal] = max(seen.get(goal, 0), occ + 1)
        if grp is not None:
            num, _ = split_numbering(text)
            mark = GroupMark(goal, occ, grp["level"], grp["name"], grp.get("parent"), num, loc, text)
            out.groups.append(mark)
            if grp["level"] == 1:
                g1 = grp["name"]
            g2 = grp["name"] if grp["level"] == 2 else None
            cur_g1 = g1 if grp["level"] == 2 else grp["name"]
        else:
            g2, cur_g1 = None, g1
        cl = has_any(text, claim_words.goals())
        if cl:
            out.claims.append(Clause(text, None if goal == IMPLICIT_GOAL else goal, part, loc, cl))
        if form_like(text):
            continue  # a flattened 自评表 row: the form checks (FM) read it
        _facts(out, para.text, loc, goal, occ, part, cur_g1, g2 or _last_g2(out, goal, occ, g1))
    return out


IMPLICIT_GOAL = "全文"


def form_like(text: str) -> bool:
    """A flattened 自评表 row: the form reader's own test (forms.is_form_text)."""
    from extractor.extract.forms import is_form_text

    return is_form_text(text)


def _last_g2(out: Outline, goal, occ, g1) -> str | None:
    """A paragraph continuing after '（1）数量指标：…' belongs to that group until the next heading."""
    for m in reversed(out.groups):
        if m.goal != goal or m.occurrence != occ:
            return None
        if m.level == 1:
            return None
        return m.name
    return None


def _facts(out: Outline, text: str, loc: Location, goal, occ, part, g1, g2) -> None:
    first = len(out.facts)
    _clause_facts(out, text, loc, goal, occ, part, g1, g2)
    _completion_rates(out, text, first)


def _completion_rates(out: Outline, text: str, first: int) -> None:
    """A rate of completion (856人次，完成年度目标的107%) is recorded on the figure before it in its
    sentence: result ÷ rate is the plan, so a checker can tell a listed plan from a claimed result."""
    cue = re.compile(vocab()["completion_rate_before"])
    facts = out.facts[first:]
    for k, f in enumerate(facts):
        s = f.location.span[0]
        if f.quantity.dimension != "percent" or f.listed or not cue.search(text[clause_start(text, s, 0):s]):
            continue
        # the result it is the rate of: the last figure before it that is no target (…，计划2,800批次，完成率…)
        j = next((j for j in range(k - 1, -1, -1) if facts[j].role != "target" and not facts[j].listed), None)
        if j is not None and not any(ch in SENT_END for ch in text[facts[j].location.span[1]:s]):
            out.facts[first + j] = replace(facts[j], completion=f.quantity)


def _clause_facts(out: Outline, text: str, loc: Location, goal, occ, part, g1, g2) -> None:
    index = 0
    for start, stop in clause_spans(text, _CLAUSE_ENDS):
        piece = text[start:stop]
        if not piece.strip():
            continue
        prog = has_any(piece, claim_words.in_progress())
        if prog and goal is not None:
            out.progress.append(Clause(piece, goal, part, loc.with_(span=(start, start + len(piece))), prog))
        if prog and part != "goal":
            continue  # figures in a clause about unfinished work are not results (N件…正在办理)
        found = join_ranges(piece, [_zero_rate(piece, m) for m in find_quantities(piece)])
        matches = [m for m in found if _keep(piece, m, goal)]
        for i, m in enumerate(matches):
            lo = matches[i - 1].end if i else 0
            hi = matches[i + 1].start if i + 1 < len(matches) else len(piece)
            name = clean_name(piece[lo:m.start] + piece[m.end:hi])
            role = _role(piece[lo:m.start], m.quantity, part, occ > 0)
            if role is None:
                continue
            span = (start + m.start, start + m.end)
            out.facts.append(Fact(name, _per_unit(piece, m), role, goal, occ, part, g1, g2,
                                  loc.with_(span=span), piece.strip(), index))
            index += 1
        # a clause that gives a figure reports by that figure; a list names a result only without one
        if part in ("stated", "analysis", "analysis_free") and not any(m.quantity.unit for m in find_quantities(piece)):
            lst = find_listing(piece)
            if lst is not None:
                q = Quantity(Decimal(lst.count), "项", f"列举{lst.count}项", 0, ">=" if lst.open_ended else None)
                out.facts.append(Fact(clean_name(piece), q, "claim" if part == "stated" else "actual", goal, occ,
                                      part, g1, g2, loc.with_(span=(start + lst.start, start + lst.end)),
                                      piece.strip(), index, listed=True))
                index += 1


def _per_unit(piece: str, m) -> Quantity:
    """A rate per unit keeps its denominator in the unit (元/户), so it is only compared with rates."""
    q = m.quantity
    if q.dimension != "money":
        return q
    per = per_unit_denominator(piece, m.start, m.end)
    return q.with_unit(f"{q.unit}/{per}") if per else q


def clean_name(s: str) -> str:
    s = _TITLE.sub("", s)
    g = group_of(s)
    if g is not None:
        _, s = split_numbering(s)
    s = s.strip(" 　“”\"'、")
    for w in sorted(vocab()["name_copulas"], key=len, reverse=True):
        if s.endswith(w) and len(s) > len(w):
            return s[:-len(w)].rstrip()
    return s


def join_ranges(text: str, matches: list) -> list:
    """每月2至3次: the two ends of a range become one figure, the interval between them."""
    joiners = set(vocab()["range_joiners"])
    out = []
    for m in matches:
        p = out[-1] if out else None
        lo, hi = (p.quantity, m.quantity) if p else (None, None)
        if (p is not None and text[p.end:m.start].strip() in joiners and hi.unit and lo.unit in ("", hi.unit)
                and lo.comparator is None and hi.comparator is None and lo.value < hi.value):
            q = replace(hi, value=(lo.value + hi.value) / 2, raw=text[p.start:m.end], spread=(hi.value - lo.value) / 2,
                        decimals=max(lo.decimals, hi.decimals))
            out[-1] = replace(m, start=p.start, quantity=q)
            continue
        out.append(m)
    return out


def _zero_rate(piece: str, m):
    """投诉率为0: a bare zero after a rate name is 0%."""
    q = m.quantity
    if q.unit or q.value != 0 or q.comparator or not re.search(vocab()["zero_rate_before"], piece[:m.start]):
        return m
    return replace(m, quantity=q.with_unit("%"))


def _keep(piece: str, m, goal) -> bool:
    v = vocab()
    q = m.quantity
    if not q.unit or q.dimension == "score":
        return False  # bare numbers are numbering, dates or codes
    if q.dimension == "money" and goal is None:
        return False  # budget amounts outside goals belong to the budget checks
    before = piece[:m.start]
    if any(before.endswith(w) for w in v["ordinal_before"]) or re.search(r"第\s*$", before):
        return False
    if any(before.rstrip().endswith(w) for w in v["skip_before"]):
        return False
    if has_any(before[-int(v["near_chars"]):], v["share_before"]):
        return False
    if before.count("《") > before.count("》"):
        return False
    # a threshold of a rule (低于80%的扣分), a scoring band, or an overrun against the plan (超任务43%)
    return not (in_rule(piece, m.start, m.end, modal=False) or overrun(piece, m.start))


def _role(before: str, q: Quantity, part: str, restated: bool = False) -> str | None:
    v = vocab()
    tgt = has_any(before, v["target_cues"]) or has_any(before[-int(v["near_chars"]):], v["weak_target_cues"])
    act = has_any(before, v["actual_cues"])
    bound = bool(has_any(q.raw, v["target_comparators"]))  # ≥2项, 6篇以上 (not 达到95%)
    if part == "goal":
        # a restated goal (一是… in the analysis) may report what was done: 一是全年共维修公路15公里
        return "actual" if (restated and act and not (tgt or bound)) else "target"
    if part == "stated":
        return "target" if (bound or tgt) else "claim"
    if part == "analysis":
        # the analysis restates the plan next to the result (计划45000件，实际完成51260件; 年度目标…500万元，
        # 实际完成值732.6万元): a figure a target word introduces is the plan, not a result; a completion
        # rate (完成年度目标的113.9%) stays a result
        planned = ((tgt or re.match(v["plan_opener"], before)) and not act
                   and not re.search(v["completion_rate_before"], before))
        return "target" if (bound or planned) and not act else "actual"
    # outside any goal only a cue makes a figure an indicator; the cue nearest the figure wins
    if tgt and act:
        return "target" if before.rfind(tgt) > before.rfind(act) else "actual"
    if act:
        return "actual"
    return "target" if (tgt or bound) else None
