"""The claims vocabulary (patterns/claims.yaml), shared by the narrative and the form checks."""

from __future__ import annotations

import functools
import re

from extractor import patterns


@functools.lru_cache(maxsize=None)
def _data() -> dict:
    return patterns.load("claims")


def goals() -> list[str]:
    return list(_data()["goals"])


def no_problem() -> list[str]:
    return list(_data()["no_problem"])


def in_progress() -> list[str]:
    return list(_data()["in_progress"])


@functools.lru_cache(maxsize=None)
def entries() -> tuple[dict, ...]:
    """Claim entries for the form checks: {about, forms, patterns, max_gap, severity}."""
    out = [{"about": "spend", "max_gap": e.get("max_gap", 0), "severity": e.get("severity"), "forms": list(e.get("forms", [])),
            "patterns": [re.compile(p) for p in e.get("patterns", [])]} for e in _data()["spend"]]
    out.append({"about": "goals", "forms": goals(), "patterns": []})
    return tuple(out)
