"""Pair each stated target/claim with the reported actual of the same indicator.

Candidates must share the goal and have compatible units (人≈名, 个≈项, 件~件次 noted); among them
the name similarity (rapidfuzz over jieba tokens, after the synonyms of patterns/indicators.yaml)
decides. The score is kept as evidence; when two candidates with different values score alike the
pairing is reported as ambiguous instead of guessed. jieba loads on first use, once per process.
"""

from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass, field

from extractor.extract.outline import Fact, Outline, build_outline, vocab
from extractor.extract import claim_words
from extractor.extract.taxonomy import groups as framework_groups
from extractor.model import Document

def userdict_text() -> str:
    """The jieba user dictionary generated from patterns/indicators.yaml (group names + domain words)."""
    v = vocab()
    words = [str(f) for g in framework_groups(tables=False) for f in g["forms"]] + [str(w) for w in v.get("jieba_words", [])]
    words += [str(w) for w in claim_words.goals() + claim_words.in_progress()]
    return "".join(f"{w} 2000\n" for w in dict.fromkeys(words) if w)


def tokenizer():
    """The shared tokenizer (extractor.segment) with the generated user dictionary added; loaded on
    first use only."""
    from extractor import segment

    segment.add_words("indicators", userdict_text())
    return segment.tokenizer()


_NON_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")


@functools.lru_cache(maxsize=4096)
def tokens(name: str) -> tuple[str, ...]:
    v = vocab()
    s = name
    for a, b in sorted(v.get("synonyms", {}).items(), key=lambda kv: -len(kv[0])):
        s = s.replace(a, b or "")
    s = _NON_WORD.sub(" ", s)
    # role cues (确保, 实际, 全年共) say how a figure is meant, not which indicator it is
    stop = set(v["stop_words"]) | set(v["target_cues"]) | set(v["weak_target_cues"]) | set(v["actual_cues"])
    # single characters are mostly particles and prepositions (于, 向, 了); digits are dates and counts
    out = [w for w in tokenizer().lcut(s) if len(w.strip()) > 1 and w not in stop and not re.fullmatch(r"\d+年?", w)]
    return tuple(out)


def similarity(a: str, b: str) -> int:
    """0-100: how likely two indicator names mean the same indicator."""
    from rapidfuzz import fuzz

    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0
    sa, sb = " ".join(ta), " ".join(tb)
    # token_set forgives extra words on one side (subject, verbs); the sort ratio tempers a tiny subset
    return round(0.6 * fuzz.token_set_ratio(sa, sb) + 0.4 * fuzz.token_sort_ratio(sa, sb))


@functools.lru_cache(maxsize=None)
def _equivalents() -> dict[str, tuple[frozenset, str]]:
    out = {}
    for e in vocab()["unit_equivalents"]:
        group = frozenset(str(u) for u in e["units"])
        for u in group:
            out.setdefault(u, []).append((group, e.get("note") or ""))
    return out


def units_compatible(a, b) -> tuple[bool, str]:
    """(compatible, note) for two Quantities: same base unit, or listed as equivalent."""
    if a.base_unit == b.base_unit:
        return True, ""
    for group, note in _equivalents().get(a.base_unit, []):
        if b.base_unit in group:
            return True, note
    return False, ""


@dataclass(frozen=True)
class Pair:
    left: Fact  # target or claim (the statement)
    right: Fact  # actual (or claim, for a target)
    score: int
    note: str = ""  # unit remark (件 vs 件次)


@dataclass(frozen=True)
class Ambiguous:
    left: Fact
    candidates: tuple[tuple[Fact, int], ...]


@dataclass
class Alignment:
    outline: Outline
    pairs: list[Pair] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)

    def paired(self, fact: Fact) -> list[Pair]:
        return [p for p in self.pairs if p.left == fact or p.right == fact]


def _match(lefts: list[Fact], rights: list[Fact], out: Alignment, names: dict[int, str] | None = None) -> None:
    a = vocab()["alignment"]
    min_score, lone, margin = int(a["min_score"]), int(a["lone_min_score"]), int(a["ambiguous_margin"])
    names = names or {}
    proposals: list[Pair] = []
    # candidates share the goal; outside any goal only the same paragraph (no outline to align by),
    # which also keeps long documents linear
    bucket: dict[tuple, list[Fact]] = {}
    for rf in rights:
        bucket.setdefault(_scope(rf), []).append(rf)
    for lf in lefts:
        scored = []
        for rf in bucket.get(_scope(lf), ()):
            if rf is lf:
                continue
            ok, note = units_compatible(lf.quantity, rf.quantity)
            if rf.listed:  # a count of listed items answers a count in any measure word
                ok, note = lf.quantity.dimension == "count", "按列举的项数计"
            if not ok:
                continue
            s = 100 if rf.part == lf.part and _adjacent(lf, rf) else similarity(lf.name, names.get(id(rf), rf.name))
            scored.append((s, rf, note))
        # the only figure of a compatible unit in the goal needs less name evidence (goal outlines are short)
        floor = lone if len(scored) == 1 and lf.goal is not None else min_score
        cands = [c for c in scored if c[0] >= floor]
        if not cands:
            continue
        cands.sort(key=lambda t: -t[0])
        best = cands[0]
        rivals = [c for c in cands[1:] if best[0] - c[0] < margin and c[1].quantity.base != best[1].quantity.base]
        if rivals:
            out.ambiguous.append(Ambiguous(lf, tuple((c[1], c[0]) for c in [best, *rivals])))
            continue
        proposals.append(Pair(lf, best[1], best[0], best[2]))
    # one-to-one, best scores first; restatements of the same statement (same value and comparator,
    # e.g. the goal text and section 一) may share an actual
    used_l: set[int] = set()
    used_r: dict[int, tuple] = {}
    for p in sorted(proposals, key=lambda p: -p.score):
        key = (p.left.quantity.base, p.left.quantity.comparator)
        if id(p.left) in used_l or used_r.get(id(p.right), key) != key:
            continue
        used_l.add(id(p.left))
        used_r[id(p.right)] = key
        out.pairs.append(p)


def _scope(f: Fact) -> tuple:
    return (f.goal,) if f.goal is not None else (None, f.location.paragraph, f.location.table)


def _adjacent(a: Fact, b: Fact) -> bool:
    """'目标14户，实际完成14户', '完成抽检2,860批次，计划2,800批次': two figures side by side in a paragraph,
    the second naming nothing of its own. Outside goals one word of its own is allowed (no outline to
    align by); inside a goal only a figure naming nothing at all (巩固率目标≥98%，实际达到99.2%) takes its
    neighbour's name."""
    if a.location.paragraph != b.location.paragraph or abs(b.index - a.index) != 1:
        return False
    own = len(tokens(max(a, b, key=lambda f: f.index).name))
    return own <= 1 if a.goal is None else (own == 0 and a.role != b.role)


def borrowed_names(facts: list[Fact]) -> dict[int, str]:
    """计划45000件，实际完成51260件: a result naming nothing of its own right after the plan it answers
    (same paragraph and goal) is a result of the plan's indicator, and takes the plan's name."""
    out = {}
    for prev, f in zip(facts, facts[1:]):
        if (f.role == "actual" and prev.role == "target" and f.goal == prev.goal and f.index == prev.index + 1
                and f.location.paragraph == prev.location.paragraph and not tokens(f.name)):
            out[id(f)] = prev.name
    return out


def align(outline: Outline) -> Alignment:
    res = Alignment(outline)
    f = [x for x in outline.facts if not x.listed]
    names = borrowed_names(f)
    actuals = [x for x in f if x.role == "actual"]
    targets = [x for x in f if x.role == "target" and x.part in ("goal", "stated", "other", "analysis_free")
               and x.occurrence == 0]
    claims = [x for x in f if x.role == "claim"]
    restated_targets = [x for x in f if x.role == "target" and x.occurrence > 0]
    _match(claims, actuals, res, names)
    _match(targets, actuals, res, names)
    _match(targets, claims, res)
    _match(restated_targets, [x for x in targets if x.part == "goal"], res)
    # a result given only as a list (完成《…》、《…》等检查) answers a count target nothing else answers
    done = {id(p.left) for p in res.pairs} | {id(a.left) for a in res.ambiguous}
    open_targets = [t for t in targets if id(t) not in done and t.quantity.dimension == "count"]
    _match(open_targets, [x for x in outline.facts if x.listed], res)
    return res


_cache: tuple[weakref.ref, Alignment] | None = None


def analyse(doc: Document) -> Alignment:
    """Outline + alignment of a document, computed once per Document object."""
    global _cache
    if _cache is not None and _cache[0]() is doc:
        return _cache[1]
    res = align(build_outline(doc))
    try:
        _cache = (weakref.ref(doc), res)
    except TypeError:  # pragma: no cover - Document without weakref support
        pass
    return res
