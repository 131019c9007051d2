"""What an indicator name means (patterns/taxonomy.yaml): its category in the 财政部 indicator
framework, the groups where it is clearly misfiled, and whether lower is better."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor import patterns


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    head: tuple[str, ...]
    words: tuple[re.Pattern, ...]
    exclude: tuple[re.Pattern, ...]
    misfiled_under: frozenset[str]
    reverse: bool
    reverse_heads: tuple[str, ...]


@functools.lru_cache(maxsize=None)
def groups(tables: bool = True) -> tuple[dict, ...]:
    """The framework's indicator groups (level, parent, spellings), one vocabulary for every reader;
    `tables=False` leaves out the groups whose names are everyday words in running text."""
    return tuple(g for g in patterns.load("taxonomy")["groups"] if tables or not g.get("tables_only"))


@functools.lru_cache(maxsize=None)
def categories() -> tuple[Category, ...]:
    out = []
    for e in patterns.load("taxonomy")["categories"]:
        out.append(Category(e["id"], e["name"], tuple(e["head"]), tuple(re.compile(w) for w in e.get("words", [])),
                            tuple(re.compile(x) for x in e.get("exclude", [])), frozenset(e.get("misfiled_under", [])),
                            bool(e.get("reverse")), tuple(e.get("reverse_heads", []))))
    return tuple(out)


_STRIP = re.compile(r"[(（][^()（）]*[)）]|[★*☆\s]|^指标\s*\d+\s*[:：、.]?")


def clean(name: str) -> str:
    """The name without brackets (units, notes), markers and row numbers."""
    return _STRIP.sub("", name)


@functools.lru_cache(maxsize=4096)
def category_of(name: str) -> Category | None:
    """The category whose head the name ends with, else the first whose words it contains."""
    n = clean(name)
    if not n:
        return None
    cats = [c for c in categories() if not any(x.search(n) for x in c.exclude)]
    for c in cats:
        if any(n.endswith(h) for h in c.head):
            return c
    for c in cats:
        if any(w.search(n) for w in c.words):
            return c
    return None


def default_op(name: str, group: str | None) -> str:
    """The comparator of an indicator that states none: '<=' when lower is better (by what its name
    measures; for a name the categories do not classify, by its group), else '>='."""
    if category_of(name) is not None:
        return "<=" if reverse(name) else ">="
    return "<=" if group in patterns.load("taxonomy").get("reverse_groups", []) else ">="


def reverse(name: str) -> bool:
    """Lower is better for this indicator when no comparator is written: its head (what it measures)
    is one of a reverse category's (a name that only mentions 成本 may measure an effect)."""
    c = category_of(name)
    if c is None or not c.reverse:
        return False
    n = clean(name)
    return any(n.endswith(h) for h in (c.reverse_heads or c.head))
