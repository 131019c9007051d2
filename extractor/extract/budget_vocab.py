"""Budget vocabulary from patterns/budget.yaml: column roles, total rows, 其中 sub-items, scopes and
the phrases that introduce a figure in running text. Compiled once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor import patterns
from extractor.extract.headers import keyword_role

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace (headers such as '项   目' or '合 计')."""
    return _SPACE.sub("", text or "")


@dataclass(frozen=True)
class TextRole:
    role: str
    sign: int
    pattern: re.Pattern
    fallback: bool = False  # read only when no other role phrase stands in the lead


@functools.lru_cache(maxsize=None)
def _data() -> dict:
    return patterns.load("budget")


@functools.lru_cache(maxsize=None)
def _total_words() -> list[tuple[int, str]]:
    pairs = [(int(e["level"]), f) for e in patterns.load("totals")["sum"] for f in e["forms"]]
    return sorted(pairs, key=lambda p: -len(p[1]))


def score_total_words() -> list[str]:
    return list(patterns.load("totals")["score"])


@functools.lru_cache(maxsize=None)
def _scopes() -> list[tuple[str, str]]:
    return [(e["scope"], f) for e in _data()["scopes"] for f in e["forms"]]


@functools.lru_cache(maxsize=None)
def text_roles() -> list[TextRole]:
    return [TextRole(e["role"], int(e.get("sign", 1)), re.compile(f), bool(e.get("fallback")))
            for e in _data()["text_roles"] for f in e["forms"]]


def column_role(header: str) -> str | None:
    """Role of a column from its header text ('2021年执行数' -> spend.actual)."""
    h = squash(header)
    if not h:
        return None
    # the unit or a letter in brackets (到位金额（元）, 全年预算数(A)) says nothing about the role
    return keyword_role(h) or keyword_role(re.sub(r"[（(][^（）()]{0,8}[)）]", "", h))


def total_level(label: str) -> int:
    """3 总计, 2 合计, 1 小计, 0 a detail row."""
    s = squash(label)
    for level, word in _total_words():
        if word in s:
            return level
    return 0


def is_subitem(label: str) -> bool:
    s = squash(label)
    return s.startswith(tuple(_data()["subitem_prefixes"]))


@functools.lru_cache(maxsize=None)
def _heading_res() -> list[re.Pattern]:
    return [re.compile(f) for f in _data().get("heading_numbers", [])]


def is_heading(label: str) -> bool:
    """Does the label open with a section number (一、 （一）)? Such a row may head the rows below it."""
    s = squash(label)
    return any(r.match(s) for r in _heading_res())


def scope_of(text: str) -> str | None:
    """The budget part a label is about (基本支出, 项目支出, overall …), or None."""
    s = squash(text)
    best: tuple[int, str] | None = None
    for scope, form in _scopes():
        i = s.rfind(form)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, scope)
    return best[1] if best else None


@functools.lru_cache(maxsize=None)
def _fund_scopes() -> list[tuple[str, str]]:
    return [(e["scope"], f) for e in _data().get("fund_scopes", []) for f in e["forms"]]


def fund_scope(text: str) -> str | None:
    """The funding source a phrase names (一般公共预算, 财政拨款 …), the first listed when several."""
    s = squash(text)
    return next((scope for scope, form in _fund_scopes() if form in s), None)


def text_scope(text: str) -> str | None:
    """Scope of a phrase of running text: a budget part, a funding source, or both (一般公共预算·基本支出:
    a subset of each, compared with neither)."""
    part, fund = scope_of(text), fund_scope(text)
    if fund and part and part != "overall":
        return f"{fund}·{part}"
    return fund or part


def scope_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, scope) of every scope word in `text` (not squashed: offsets are into `text`)."""
    out = []
    for scope, form in _scopes():
        for m in re.finditer(re.escape(form), text):
            out.append((m.start(), m.end(), scope))
    return sorted(out)


def text_total_words() -> list[str]:
    return list(_data()["text_total_words"])


def blockers() -> list[str]:
    return list(_data()["blockers"])


def breakdown_stops() -> list[str]:
    return list(_data()["breakdown_stops"])


def carryover_words() -> list[str]:
    return list(_data()["carryover_words"])


def change_direction(lead: str) -> int:
    """+1 / -1 when the last direction word in `lead` says increase / decrease, 0 without one."""
    best, sign = -1, 0
    for key, k in (("up", 1), ("down", -1)):
        for w in _data()["change_words"][key]:
            i = lead.rfind(w)
            if i > best:
                best, sign = i, k
    return sign


@functools.lru_cache(maxsize=None)
def _comparison_res() -> list[re.Pattern]:
    return [re.compile(f) for f in _data().get("budget_comparisons", [])]


def against_budget(lead: str) -> bool:
    """Does the clause before a figure make it a difference (比预算减少, 同比增长), not an amount?"""
    s = squash(lead)
    return any(r.search(s) for r in _comparison_res())


def item_parts_opening(clause: str) -> str | None:
    """'complete' / 'partial' when a clause opens with 包括 / 主要包括 (the parts of the item before it)."""
    s = squash(clause).lstrip("：:")
    words = _data().get("item_parts", {})
    for kind in ("partial", "complete"):  # 主要包括 before 包括
        if s.startswith(tuple(words.get(kind, []))):
            return kind
    return None


def restated_total_words() -> list[str]:
    return list(_data()["restated_total_words"])


def text_role(lead: str) -> tuple[str, int, int, int] | None:
    """(role, sign, start, end) of the role phrase ending latest in `lead`, unless a blocker word
    stands between that phrase and the end of `lead`."""
    best: tuple[str, int, int, int] | None = None
    roles = [tr for tr in text_roles() if not tr.fallback]
    if not any(tr.pattern.search(lead) for tr in roles):
        roles = [tr for tr in text_roles() if tr.fallback]
    for tr in roles:
        for m in tr.pattern.finditer(lead):
            if best is None or m.end() > best[3]:
                best = (tr.role, tr.sign, m.start(), m.end())
    if best is None:
        return None
    # a longer phrase overlapping the chosen one (实际执行的支出 reads 实际执行 + 执行支出 as one phrase) names it fully
    start = min([m.start() for tr in roles for m in tr.pattern.finditer(lead)
                 if m.end() > best[2] and m.start() < best[3]], default=best[2])
    best = (best[0], best[1], start, best[3])
    tail = lead[best[3]:]
    if any(b in tail for b in blockers()):
        return None
    if best[0] == "rate.execution" and _other_rate(lead[:best[2]]):
        return None
    return best


def _other_rate(before: str) -> bool:
    """设备采购执行率, 计划开工执行率: a noun right before 执行率 that is not a budget word names another
    quantity (the budget's execution rate is 预算/资金/经费/支出…执行率, or 执行率 alone)."""
    words = _data().get("rate_modifiers", [])
    b = before.rstrip()
    return bool(b) and "\u4e00" <= b[-1] <= "\u9fff" and not b.endswith(tuple(words))


def scope_parts() -> dict[str, list[str]]:
    """Each scope and the scopes it is made of (基本支出: 人员经费, 公用经费)."""
    return dict(_data().get("scope_parts") or {})


def scope_from_parts(parts: set[str]) -> str | None:
    """The scope whose parts are all among `parts` (基本支出 + 项目支出 -> overall)."""
    for scope, needed in (_data().get("scope_parts") or {}).items():
        if set(needed) <= parts:
            return scope
    return None


def names_an_item(sentence: str) -> bool:
    """Does a sentence (scope words removed) name a single project or fund?"""
    s = sentence
    for _, form in sorted(_scopes() + _fund_scopes(), key=lambda p: -len(p[1])):
        s = s.replace(form, "")
    return any(w in s for w in _data().get("specific_words", []))


def parent_scopes() -> set[str]:
    """Scopes made of parts (基本支出 = 人员经费 + 公用经费): a row of one may head its parts' rows."""
    return set((_data().get("scope_parts") or {}).keys())
