"""Reporters: one module per output format, each with `render(results, meta) -> str | bytes`."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "html", "xlsx", "md", "csv")
SUFFIX = {"text": ".txt", "json": ".json", "html": ".html", "xlsx": ".xlsx", "md": ".md", "csv": ".csv"}
BINARY = {"xlsx", "csv"}  # render() returns bytes


def get(fmt: str):
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return importlib.import_module(f"extractor.reporters.{fmt}_report")
