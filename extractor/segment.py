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
                _initialize(tk, jieba.__version__)
                _tokenizer = tk
    return _tokenizer


def _initialize(tk, version: str) -> None:
    """tk.initialize(), from a cache of its word frequencies in the temp folder when there is one.
    jieba keeps such a cache too, but reads it with marshal.load(file), object by object: ~4x slower
    than marshal.loads of the bytes (0.075 s against 0.02 s, paid by every `extract` run)."""
    import hashlib
    import marshal
    import os
    import tempfile

    try:
        data = CORE_DICT.read_bytes()
        key = hashlib.sha1(data + version.encode()).hexdigest()[:16]
        cache = Path(tempfile.gettempdir()) / f"extractor-jieba-{key}.marshal"
        if cache.is_file():
            tk.FREQ, tk.total = marshal.loads(cache.read_bytes())
            tk.initialized = True
            return
    except (OSError, EOFError, ValueError, TypeError):
        cache = None
    tk.initialize()
    if cache is not None:
        try:
            tmp = cache.with_name(f"{cache.name}.{os.getpid()}")
            tmp.write_bytes(marshal.dumps((tk.FREQ, tk.total)))
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only temp folder: jieba's own cache still works


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
