"""Chinese word segmentation: one jieba tokenizer per process, loaded on first use, on a compact
dictionary (extractor/data/jieba_core.txt) plus the domain words that extractors register."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

CORE_DICT = Path(__file__).with_name("data") / "jieba_core.txt"
_lock = threading.Lock()
_tokenizer = None
_added: set[str] = set()


def tokenizer():
    """The shared jieba Tokenizer (≈0.2 s to build the first time in a process)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer(dictionary=str(CORE_DICT))
                tk.initialize()
                _tokenizer = tk
    return _tokenizer


def _import_jieba():
    """Import jieba without pkg_resources: jieba only uses it to open its own data files (it falls
    back to plain open()), and importing it costs ~0.15 s and a deprecation warning per process."""
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    saved = sys.modules.get("pkg_resources", _MISSING)
    if saved is _MISSING:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if saved is _MISSING:
            del sys.modules["pkg_resources"]
    return jieba


_MISSING = object()


def add_words(key: str, userdict_text: str) -> None:
    """Add a user dictionary (jieba's 'word freq' lines) once per process under `key`."""
    if key in _added:
        return
    tokenizer().load_userdict(io.BytesIO(userdict_text.encode("utf-8")))
    _added.add(key)


def lcut(text: str) -> list[str]:
    return tokenizer().lcut(text)
