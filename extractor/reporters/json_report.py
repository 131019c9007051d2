"""JSON reporter: the documented contract scripts rely on (see README, "JSON")."""

from __future__ import annotations

import json

from extractor import __version__


def to_record(results, meta: dict | None = None) -> dict:
    rec = {"tool": "extractor", "version": __version__, "documents": [r.to_record() for r in results]}
    if meta:
        rec["run"] = meta
    return rec


def render(results, meta: dict | None = None) -> str:
    return json.dumps(to_record(results, meta), ensure_ascii=False, indent=2) + "\n"
