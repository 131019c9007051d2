"""Load and validate the vocabulary files in patterns/ (YAML), once per process."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from extractor.errors import PatternError

# libyaml's C loader is ~5x faster than the pure-Python one; both are "safe" loaders
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HERE = Path(__file__).resolve().parent
# Installed wheel: extractor/patterns; source checkout or editable install: ../patterns.
DEFAULT_DIRS = [p for p in (_HERE / "patterns", _HERE.parent / "patterns") if p.is_dir()][:1]
_extra_dirs: list[Path] = []


def add_pattern_dir(path: str | Path) -> None:
    """Extra pattern folder (config `patterns`): its files of the same name extend the built-in ones."""
    p = Path(path)
    if not p.is_dir():
        raise PatternError(f"pattern folder not found: {p}")
    _extra_dirs.append(p)
    load.cache_clear()


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Return patterns/<name>.yaml merged with same-named files from extra folders (entries appended)."""
    data: dict | None = None
    for d in DEFAULT_DIRS + _extra_dirs:
        f = d / f"{name}.yaml"
        if not f.exists():
            continue
        try:
            part = yaml.load(f.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.YAMLError as e:
            raise PatternError(f"{f}: YAML error: {e}") from None
        if not isinstance(part, dict):
            raise PatternError(f"{f}: expected a mapping at top level")
        if data is None:
            data = part
        else:
            for k, v in part.items():
                if isinstance(v, list) and isinstance(data.get(k), list):
                    data[k] = data[k] + v
                elif isinstance(v, dict) and isinstance(data.get(k), dict):
                    data[k] = {**data[k], **v}
                else:
                    data[k] = v
    if data is None:
        raise PatternError(f"patterns/{name}.yaml not found in {[str(d) for d in DEFAULT_DIRS + _extra_dirs]}")
    return data


def entries(name: str, required: tuple[str, ...] = ()) -> list[dict]:
    """The `entries` list of a pattern file, each checked for the required keys."""
    data = load(name)
    out = data.get("entries")
    if not isinstance(out, list):
        raise PatternError(f"patterns/{name}.yaml: missing list 'entries'")
    for i, e in enumerate(out):
        if not isinstance(e, dict):
            raise PatternError(f"patterns/{name}.yaml: entry {i + 1} is not a mapping")
        missing = [k for k in required if k not in e]
        if missing:
            raise PatternError(f"patterns/{name}.yaml: entry {i + 1} ({e}) lacks {missing}")
    return out


def all_names() -> list[str]:
    names = set()
    for d in DEFAULT_DIRS + _extra_dirs:
        names.update(p.stem for p in d.glob("*.yaml"))
    return sorted(names)
