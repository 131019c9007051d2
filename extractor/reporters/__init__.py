"""Reporters: one module per output format, each with `render(results, meta) -> str | bytes`."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def get(fmt: str):
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return importlib.import_module(f"extractor.reporters.{fmt}_report")
