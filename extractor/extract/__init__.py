"""Figure extractors: each registered function turns a Document into Figures. Modules register on import."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable, Iterable

from extractor.model import Document, Figure

Extractor = Callable[[Document], Iterable[Figure]]
_REGISTRY: dict[str, Extractor] = {}


def register(name: str):
    """Decorator: `@register("budget.tables")` adds an extractor under a unique name."""

    def deco(fn: Extractor) -> Extractor:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"extractor {name!r} registered twice")
        _REGISTRY[name] = fn
        return fn

    return deco


def _load_all() -> None:
    for m in pkgutil.iter_modules(__path__):
        if not m.name.startswith("_"):
            importlib.import_module(f"{__name__}.{m.name}")


def extractors() -> dict[str, Extractor]:
    _load_all()
    return dict(_REGISTRY)


def extract_figures(doc: Document) -> list[Figure]:
    """All figures from all extractors, deduplicated, in document order."""
    seen = set()
    out: list[Figure] = []
    for name, fn in sorted(extractors().items()):
        for f in fn(doc):
            key = (f.role, f.label, f.quantity.raw, f.location)
            if key not in seen:
                seen.add(key)
                out.append(f)
    out.sort(key=lambda f: f.location.sort_key())
    return out
