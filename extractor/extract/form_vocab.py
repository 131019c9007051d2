"""Vocabulary of 自评表 forms (patterns/forms.yaml): header roles by meaning, group labels, fund rows,
claims, traditional->simplified folding. jieba is loaded lazily, once, on the first fuzzy match."""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from extractor import patterns, segment
from extractor.extract import headers as H
from extractor.quantities import normalize_digits
from extractor.extract.taxonomy import groups as framework_groups
from extractor.quantities import text_value

_SPACE = re.compile(r"\s+")
_PAREN = str.maketrans("（）：，", "():,")


@functools.lru_cache(maxsize=None)
def vocab() -> dict:
    return patterns.load("forms")


@functools.lru_cache(maxsize=None)
def _trad() -> tuple[dict, re.Pattern]:
    v = vocab()
    table = {ord(k): str(val) for k, val in (v.get("traditional") or {}).items() if len(str(k)) == 1}
    return table, re.compile(v.get("pinyin_annotation", r"(?!x)x"))


def simplify(text: str) -> str:
    """Fold traditional characters listed in the vocabulary and drop pinyin annotations (數(shù))."""
    table, pinyin = _trad()
    return pinyin.sub("", text).translate(table)


def norm(text: str) -> str:
    """Compact form for vocabulary lookups: no spaces, ASCII parentheses/colon, no trailing colon/等."""
    t = _SPACE.sub("", normalize_digits(simplify(text))).translate(_PAREN)
    t = t.lstrip("★*☆").rstrip(":：")
    if t.endswith("等") and len(t) > 3:
        t = t[:-1]
    return t


@functools.lru_cache(maxsize=None)
def _headers() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact = {norm(f): role for f, role in H.exact_forms().items()}
    return exact, sorted(exact.items(), key=lambda kv: -len(kv[0]))


def _tokens(s: str) -> str:
    return " ".join(w for w in segment.lcut(s) if w.strip())


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


@functools.lru_cache(maxsize=None)
def _header_bigrams() -> frozenset[str]:
    return frozenset(b for f, _ in _headers()[1] for b in _bigrams(f))


@functools.lru_cache(maxsize=None)
def _form_tokens() -> dict[str, str]:
    return {f: _tokens(f) for f, _ in _headers()[1] if len(f) >= 3}


def looks_like_form(text: str) -> bool:
    """Cheap gate before reading a document as forms: a form title, or several header words / group
    names of the form vocabulary."""
    t = simplify(text)
    if any(w in t for w in vocab()["titles"]):
        return True
    exact, _ = _headers()
    heads = {f for f in exact if len(f) >= 3 and f in t}
    groups = {g for g in _groups()[0] if g in t} | {g for g in _groups()[1] if len(g) >= 4 and g in t}
    return len(heads) >= 4 or len(groups) >= 3 or (len(heads) >= 2 and len(groups) >= 2)


_PARENS = re.compile(r"\([^()]{0,12}\)")


@functools.lru_cache(maxsize=4096)
def header_alternatives(text: str) -> tuple[str, ...]:
    """The roles an ambiguous header may name (headers.yaml alternatives), preferred first."""
    return H.alternative_roles(_PARENS.sub("", norm(text)))


def header_role(text: str) -> str | None:
    """Column role of a header cell (年初预算数 -> budget.initial), by meaning, or None: the exact
    forms first, then the same without bracketed parts (全年预算数(A), 指标权重(分)), then the
    keywords that carry the meaning (…执行数 is spending, …得分 a score), then a close fuzzy match."""
    t = norm(text)
    base = _PARENS.sub("", t)  # 得分（分值10）: the bracket says the weight, the word the role
    if not t or len(t) > 24 or any(ch.isdigit() for ch in base.replace("B/A", "").replace("100%", "")):
        return None
    exact, forms = _headers()
    if t in exact:
        return exact[t]
    if base in exact:
        return exact[base]
    if len(base) <= H.max_form_keyword_header():
        role = H.keyword_role(base)
        if role is not None:
            return role
    if len(base) < 3 or len(_bigrams(base) & _header_bigrams()) < 2:
        return None  # shares too little with any header: skip the (jieba) fuzzy match
    from rapidfuzz import fuzz, process

    long_forms = [f for f, _ in forms if len(f) >= 3]
    rough = process.extractOne(base, long_forms, scorer=fuzz.ratio)
    if rough is None or rough[1] < 60:
        return None  # nothing close even character-wise: no need to segment with jieba
    best = process.extractOne(_tokens(base), _form_tokens(), scorer=fuzz.token_sort_ratio)
    if best and best[1] >= vocab().get("min_score", 88):
        return exact[best[2]]
    return None


@functools.lru_cache(maxsize=None)
def _groups() -> tuple[dict[str, str], dict[str, str]]:
    """level1 names -> itself; level2 name (with and without 指标) -> its level-1 parent."""
    suffix = vocab().get("group_suffix", "指标")
    l1: dict[str, str] = {}
    l2: dict[str, str] = {}
    level2_forms = {n for g in framework_groups() if g["level"] == 2 for n in g["forms"]}
    for g in framework_groups():
        if g["level"] == 1 or g.get("also_level1"):
            l1[g["name"]] = g["name"]
            # 项目决策, 决策指标, and the bare 产出 / 效益 of the 2020 framework; not a short form that
            # also names a level-2 group or a row (满意度)
            for n in g["forms"]:
                if n.endswith(suffix) or len(n) >= 4 or (g["level"] == 1 and n not in level2_forms):
                    l1.setdefault(n, g["name"])
        if g["level"] != 2:
            continue
        # in a form a level-2 group is written in full, or without its 指标 when that leaves 4+ characters
        for n in g["forms"]:
            if n.endswith(suffix) or len(n) >= 4:
                l2.setdefault(n, g["parent"])
    return l1, l2


def group_label_slip(text: str) -> tuple[str, str, Decimal | None, str] | None:
    """group_label() of a label with its weight (项目产出(30分)) whose words differ from a group name in
    one character, as a scan misreads one: the bracketed weight marks it a label, the near-match says
    which. None when no name, or more than one, is that near."""
    t = norm(text)
    m = re.search(vocab()["group_weight_regex"] + "$", t)
    if not m or m.start() < 4 or not re.search(r"[(（]", m.group(0)):
        return None
    word = t[: m.start()]
    l1, l2 = _groups()
    if word in l1 or word in l2 or fund_label(word, True) or header_role(word):
        return None
    near = {n for n in list(l1) + list(l2) if len(n) == len(word) and sum(a != b for a, b in zip(n, word)) == 1}
    if len(near) != 1:
        return None
    return group_label(near.pop() + m.group(0), True)


def level1_names() -> list[str]:
    return list(_groups()[0])


def groups_named(text: str) -> set[str]:
    """The framework groups whose names the text contains (产出 and 产出指标 are one group)."""
    l1, _ = _groups()
    found = {g for n, g in l1.items() if n in text}
    return found | {n for n in level2_names() if n in text}


def level2_names() -> list[str]:
    """Level-2 group names in full (数量指标, 经济效益指标)."""
    suffix = vocab().get("group_suffix", "指标")
    return [n for n in _groups()[1] if n.endswith(suffix)]


@functools.lru_cache(maxsize=None)
def _level2_canon() -> dict[str, str]:
    """Every spelling of a level-2 group -> the group's full name (满意度指标, 服务对象满意度 ->
    服务对象满意度指标; 产出数量 -> 数量指标)."""
    suffix = vocab().get("group_suffix", "指标")
    out: dict[str, str] = {}
    for g in framework_groups():
        if g["level"] == 2:
            full = g["name"] if g["name"].endswith(suffix) else g["name"] + suffix
            for n in [g["name"], *g["forms"]]:
                out.setdefault(n, full)
    return out


def canonical_group(name: str) -> str:
    """The full name of the level-2 group a label names (its spelling as written when unknown)."""
    suffix = vocab().get("group_suffix", "指标")
    return _level2_canon().get(name) or (name if name.endswith(suffix) else name + suffix)


def group_label(text: str, weighted_level2: bool = False) -> tuple[str, str, Decimal | None, str] | None:
    """('level1'|'level2', canonical name, stated weight or None, weight text) for a group label cell.
    A level-2 name with a weight (数量指标(40分)) counts only where cells stand apart (weighted_level2)."""
    t = norm(text)
    weight, wtxt = None, ""
    m = re.search(vocab()["group_weight_regex"] + "$", t)
    if m and m.start() > 0:
        weight, wtxt = Decimal(m.group(1)), m.group(0)
        t = t[: m.start()]
    l1, l2 = _groups()
    if t in l1:
        return "level1", l1[t], weight, wtxt
    if t in l2 and (weight is None or weighted_level2):
        return "level2", canonical_group(t), weight, wtxt
    return None


@functools.lru_cache(maxsize=None)
def _level1_short() -> dict[str, str]:
    """Short level-1 forms that also name a level-2 group (满意度) -> the level-1 group."""
    return {n: g["name"] for g in framework_groups() if g["level"] == 1 for n in g["forms"] if n not in _groups()[0]}


def level1_short(text: str) -> str | None:
    """The level-1 group a short form (满意度) names when it stands where a level-1 label does."""
    return _level1_short().get(norm(text))


def parent_of(level2: str) -> str | None:
    _, l2 = _groups()
    return l2.get(level2)


def is_timeliness(level2: str | None) -> bool:
    """Is `level2` the framework's timeliness group (时效指标: being on time is what it measures)?"""
    if not level2:
        return False
    name = canonical_group(norm(level2))
    return any(g.get("timeliness") and name == g["name"] for g in framework_groups())


def is_level2(name: str) -> bool:
    return name in _groups()[1]


def fund_label(text: str, in_block: bool) -> tuple[str, str] | None:
    """('total'|'component', label) for a fund-row label; suffix matches only inside a fund block."""
    t = norm(text)
    fr = vocab()["fund_rows"]
    had_prefix = False
    for p in fr.get("prefixes", []):
        if t.startswith(norm(p)) and len(t) > len(norm(p)):
            t, had_prefix = t[len(norm(p)):].lstrip(":"), True
            break
    if t in fr["total"]:
        return "total", t
    if t in fr["component"]:
        return "component", t
    if (in_block or had_prefix) and 2 < len(t) <= 12 and t.endswith(tuple(fr.get("component_suffixes", []))):
        if not any(ch.isdigit() for ch in t):
            return "component", t
    return None


@functools.lru_cache(maxsize=None)
def closing_labels() -> frozenset[str]:
    """Labels of a form's closing row: the score totals and the plain sum words (合计, 总计)."""
    t = patterns.load("totals")
    return frozenset(t["score"]) | {f for e in t["sum"] if e["level"] >= 2 for f in e["forms"] if len(f) == 2}


def total_label(text: str) -> bool:
    t = norm(text)
    return t in closing_labels()


# Column roles only a 自评表 has (a budget table has money columns and at most a 备注/单位 column).
FORM_ONLY_ROLES = frozenset({"level1", "level2", "level3", "nature", "indicator.target", "indicator.actual",
                             "score.weight", "score.value"})


def named_fund_row(text: str) -> bool:
    """A fund-row label as the templates print it: the total (年度资金总额, 资金总额), or a component
    written under it with 其中 (其中：财政拨款). A row merely ending in 资金/补助, or a bare 上年结转 (a
    budget income table has one too), is not."""
    t = norm(text)
    fr = vocab()["fund_rows"]
    if t in fr["total"]:
        return True
    for p in fr.get("prefixes", []):
        if t.startswith(norm(p)) and t[len(norm(p)):].lstrip(":") in fr["component"]:
            return True
    return False


@functools.lru_cache(maxsize=None)
def _score_labels() -> frozenset[str]:
    t = patterns.load("totals")
    return frozenset(t["score"]) | frozenset(t.get("header_score", []))


def form_word(text: str) -> bool:
    """A cell only a 自评表 holds: its title, an indicator or score column header (一级指标, 实际完成值,
    分值, 得分), an indicator group (产出指标), a fund row the templates name, or its 总分/自评得分."""
    t = norm(text)
    if not t:
        return False
    return is_title(text) or header_role(text) in FORM_ONLY_ROLES or group_label(text) is not None \
        or named_fund_row(text) or re.sub(r"\(分\)$", "", t) in _score_labels()


def score_label(text: str) -> bool:
    """总分, 自评总分: a label only a form's closing score row carries (合计 may also close a fund block)."""
    return norm(text) in patterns.load("totals")["score"]


@functools.lru_cache(maxsize=None)
def _note_openers() -> list[re.Pattern]:
    return [re.compile(p) for p in vocab().get("note_openers", [])]


def is_form_note(text: str) -> bool:
    """A note under the form (注：…, 填表说明：…), not a row."""
    t = norm(text).lstrip()
    return any(rx.match(t) for rx in _note_openers())


def is_title(text: str) -> bool:
    t = norm(text)
    return len(t) <= 80 and any(w in t for w in vocab()["titles"])


def is_placeholder(text: str) -> bool:
    t = text.strip()
    return not t or t in vocab()["placeholders"]


def text_verdict(text: str) -> str | None:
    """'met' / 'unmet' for a text value (达成预期指标 / 未完成), else None."""
    return {"met": "met", "unmet": "unmet"}.get(text_value(norm(text)))  # 'none' (无) is no verdict


def comparator_only(text: str) -> str | None:
    """'>=' for a cell holding only a comparator (≥, ≧, 大于等于 …), else None."""
    from extractor.quantities import comparator_of

    return comparator_of(text)


def nature_word(text: str) -> str | None:
    """The comparator a 指标性质 word implies (正向 -> '>=', 反向 -> '<='; '' for 定性/定量), else None."""
    words = vocab().get("nature_words") or {}
    t = norm(text)
    if t in words:
        return words[t] or ""
    return None


@functools.lru_cache(maxsize=None)
def _instructions() -> dict[str, list[re.Pattern]]:
    return {k: [re.compile(p) for p in v] for k, v in vocab()["instructions"].items() if k != "examples"}


def instruction_kind(text: str) -> str | None:
    """'request' for template wording that asks for content (对照年度目标说明…, (100字以内), 请填写…),
    'rule' for a rule the template prints (执行率=执行数/预算数, 未达到90%的需说明原因), else None."""
    t = norm(text)
    if not t:
        return None
    rx = _instructions()
    if any(p.search(t) for p in rx["directives"]) or any(p.search(t) for p in rx["length_limits"]):
        return "request" if not any(p.search(t) for p in rx["printed_rules"]) else "rule"
    if any(p.search(t) for p in rx["printed_rules"]):
        return "rule"
    return None


def is_explanation(text: str) -> bool:
    """A note that explains something: not empty, not a placeholder (无, /), not template wording."""
    t = text.strip()
    return bool(t) and not is_placeholder(t) and instruction_kind(t) is None and len(norm(t)) >= 2


def is_note(text: str) -> bool:
    t = simplify(text)
    return bool(re.search(r"[，。；,;]", t)) or any(w in t for w in vocab()["note_markers"])


@functools.lru_cache(maxsize=None)
def split_regex() -> re.Pattern:
    """Vocabulary words that cut glued text (a form flattened without separators) into cells."""
    v = vocab()
    words: set[str] = set()
    words.update(f for f in H.exact_forms() if len(f) >= 2 and f not in ("单位", "符号", "权重"))
    # group names that cut run-together text: the 2020/2021 framework's (the evaluation frameworks'
    # names, 项目管理 or 绩效目标, begin ordinary indicator names too)
    suffix = v.get("group_suffix", "指标")
    for g in framework_groups(tables=False):
        words.update(n for n in g["forms"] if n.endswith(suffix) or (g["level"] == 1 and len(n) >= 4))
    words.update(v["fund_rows"]["total"])
    words.update("其中:" + c for c in v["fund_rows"]["component"])
    # bare 基本支出/项目支出 would cut a title (项目支出绩效自评表); with 其中 before them they still cut
    words.update(c for c in v["fund_rows"]["component"] if not c.endswith("支出"))
    words.update(closing_labels())
    words.update(v["fund_block_markers"])
    words.update(v["fund_block_end"])
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    weight = v["group_weight_regex"]
    return re.compile("((?:" + "|".join(alts) + r")(?:\([A-Z/×%0-9]*\))?(?:" + weight + r")?:?)")
