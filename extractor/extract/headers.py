"""Column headers -> roles, from the one header vocabulary (patterns/headers.yaml) that the form
reader and the budget table reader share."""

from __future__ import annotations

import functools
import re

from extractor import patterns


@functools.lru_cache(maxsize=None)
def _data() -> dict:
    return patterns.load("headers")


@functools.lru_cache(maxsize=None)
def exact_forms() -> dict[str, str]:
    """Header word (without spaces) -> role, for the words the templates print."""
    out: dict[str, str] = {}
    for e in _data()["exact"]:
        for f in e["forms"]:
            out.setdefault(re.sub(r"\s+", "", str(f)), e["role"])
    return out


@functools.lru_cache(maxsize=None)
def _keywords() -> tuple[tuple[str, tuple[re.Pattern, ...], tuple[str, ...]], ...]:
    return tuple((e["role"], tuple(re.compile(str(w)) for w in e["any"]), tuple(e.get("not", ())))
                 for e in _data()["keywords"])


def keyword_role(text: str) -> str | None:
    """The role the meaning-carrying words of a header give (first rule that matches)."""
    for role, words, nots in _keywords():
        if any(w.search(text) for w in words) and not any(n in text for n in nots):
            return role
    return None


def max_form_keyword_header() -> int:
    return int(_data().get("max_form_keyword_header", 10))


@functools.lru_cache(maxsize=None)
def _alternatives() -> tuple[tuple[tuple[re.Pattern, ...], tuple[str, ...]], ...]:
    return tuple((tuple(re.compile(str(w)) for w in e["any"]), tuple(e["roles"]))
                 for e in _data().get("alternatives", ()))


def alternative_roles(text: str) -> tuple[str, ...]:
    """The roles an ambiguous header (without spaces and brackets) may name, preferred first; () when
    its words name one role."""
    for words, roles in _alternatives():
        if any(w.search(text) for w in words):
            return roles
    return ()
