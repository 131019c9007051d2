"""Comparators written before or after a figure (≥, 不超过, 以内 …), from patterns/comparators.yaml."""

from __future__ import annotations

import functools
import re

from extractor import patterns
from extractor.quantities.numerals import FULLWIDTH_TEXT

OPS = (">=", "<=", ">", "<", "=", "~")


@functools.lru_cache(maxsize=None)
def comparator_forms() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """((form, op) written before a number, …), ((form, op) written after it, …); longest first.
    Forms are given as they read after digit normalisation (full-width brackets become ASCII)."""
    pre, post = [], []
    for e in patterns.entries("comparators", ("op", "position", "forms")):
        if e["op"] not in OPS or e["position"] not in ("prefix", "suffix"):
            raise patterns.PatternError(f"patterns/comparators.yaml: bad op/position in {e}")
        target = pre if e["position"] == "prefix" else post
        target.extend((str(f).translate(FULLWIDTH_TEXT), e["op"]) for f in e["forms"])
    key = lambda t: -len(t[0])  # noqa: E731 - longest form first
    return tuple(sorted(pre, key=key)), tuple(sorted(post, key=key))


@functools.lru_cache(maxsize=None)
def comparator_maps() -> tuple[dict[str, str], dict[str, str]]:
    pre, post = comparator_forms()
    return dict(pre), dict(post)


@functools.lru_cache(maxsize=None)
def signs(*ops: str) -> str:
    """The one-character comparator signs (≥ ≧ ≤ ≦ > < = ═ …) of the given ops (all but ~ if none):
    where text is cut at a sign, every sign of the vocabulary is cut at alike."""
    want = ops or tuple(o for o in OPS if o != "~")
    return "".join(sorted({f for f, op in comparator_forms()[0] if len(f) == 1 and op in want and not f.isalnum()}))


@functools.lru_cache(maxsize=None)
def sign_forms(*ops: str) -> str:
    """The comparators written in signs, one character or more (≥, >=, ＞＝), as a regular-expression
    alternation, longest first (all but ~ if no ops are given)."""
    want = ops or tuple(o for o in OPS if o != "~")
    forms = {f for f, op in comparator_forms()[0] if op in want and f and not any(c.isalnum() for c in f)}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def sign_class(*ops: str) -> str:
    """signs() as the body of a regular-expression character class."""
    return "".join(re.escape(c) for c in signs(*ops))


def comparator_of(text: str) -> str | None:
    """The op of a text that is a comparator and nothing else: a form's 符号 cell (≥, ≤, ＝) or a lone
    comparator word (不低于, 以上, 以内). For a figure with its comparator (≥90%, 5%以内) read
    `parse_value(text).comparator` instead."""
    t = "".join(text.split()).translate(FULLWIDTH_TEXT)
    if not t:
        return None
    pre, post = comparator_maps()
    return pre.get(t) or post.get(t)


def without_comparator(raw: str) -> str:
    """A figure as written, less the comparator written before it (达到98.5% -> 98.5%, ≥400个 -> 400个)."""
    s = raw.lstrip()
    for form, _ in comparator_forms()[0]:
        if s.startswith(form):
            return s[len(form):].lstrip()
    return s
