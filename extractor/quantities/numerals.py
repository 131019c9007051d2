"""Numerals: full-width digits, Chinese numerals, spans that are never figures, empty cells
(patterns/numerals.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from extractor import patterns

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋（）", "0123456789.,%-+()")
# For running text: the full-width comma stays (it is also the Chinese list comma); see ARABIC.
FULLWIDTH_TEXT = str.maketrans("０１２３４５６７８９．％－＋（）：～−", "0123456789.%-+():~-")

# Thousands separators: ASCII comma with 3-digit groups; the full-width comma only where it cannot be
# the Chinese list comma (two or more groups, or followed by decimals: 15，389，810.18); a space (or a
# thin or no-break space) only before decimals, where it cannot part two figures (1 426.38万元).
THOUSANDS_SPACES = " \u00a0\u2009\u202f"
ARABIC = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:，\d{3}){2,}(?!\d)|\d{1,3}(?:，\d{3})+(?=\.\d)"
    rf"|\d{{1,3}}(?:[{THOUSANDS_SPACES}]\d{{3}})+(?=\.\d)|\d+)(?:\.\d+)?"
)

SCALE_CHARS = {"万": Decimal(10000), "萬": Decimal(10000), "亿": Decimal(100000000), "億": Decimal(100000000)}


def normalize_digits(text: str) -> str:
    """Full-width digits and signs to ASCII (same length, so offsets stay valid)."""
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True)
class NumeralTables:
    digits: dict
    multipliers: dict
    big: dict
    not_after: tuple[str, ...]
    empty_forms: frozenset


@functools.lru_cache(maxsize=None)
def tables() -> NumeralTables:
    d = patterns.load("numerals")
    return NumeralTables(d["digits"], d["multipliers"], d["big"], tuple(d.get("not_after", [])),
                         frozenset(d.get("empty_forms", [])))


@dataclass(frozen=True)
class Rules:
    ordinal_before: tuple[str, ...]
    ordinal_always: tuple[str, ...]
    exclude: tuple[re.Pattern, ...]


@functools.lru_cache(maxsize=None)
def rules() -> Rules:
    d = patterns.load("numerals")
    excl = []
    for e in d.get("exclude", []):
        try:
            excl.append(re.compile(e["regex"]))
        except (re.error, KeyError, TypeError) as err:
            raise patterns.PatternError(f"patterns/numerals.yaml: exclude {e!r}: {err}") from None
    return Rules(
        tuple(sorted(map(str, d.get("ordinal_before", [])), key=len, reverse=True)),
        tuple(map(str, d.get("ordinal_before_always", []))),
        tuple(excl),
    )


def chinese_to_decimal(s: str) -> Decimal | None:
    """一百零五 -> 105, 两 -> 2, 十三 -> 13. None if `s` is not a well-formed numeral (万 alone, 一二)."""
    t = tables()
    digits, mults, bigs = t.digits, t.multipliers, t.big
    if not s or any(ch not in digits and ch not in mults and ch not in bigs for ch in s):
        return None
    if s[0] not in digits and mults.get(s[0]) != 10:
        return None  # a numeral starts with a digit or 十 (十三); 百/万 alone is not a number
    total = 0
    section = 0
    number = None
    for ch in s:
        if ch in digits:
            if number is not None and number != 0 and digits[ch] != 0:
                # two digits in a row without a multiplier (一二, 十三五) is not a counting numeral
                return None
            number = digits[ch]
        elif ch in mults:
            m = mults[ch]
            section += (1 if number is None else number) * m
            number = None
        else:
            b = bigs[ch]
            section += number or 0
            total += (section or 1) * b
            section = 0
            number = None
    section += number or 0
    return Decimal(total + section)


def chinese_numeral_class() -> str:
    """Regex character class of every Chinese numeral character."""
    t = tables()
    return "[" + "".join(list(t.digits) + list(t.multipliers) + list(t.big)) + "]+"


def decimals_of(num: str) -> int:
    """Decimals shown in an Arabic number (12.50 -> 2)."""
    return len(num.split(".", 1)[1]) if "." in num else 0


def excluded_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of digit-normalised text that are never quantities (dates, phone numbers, titles …)."""
    spans = []
    for rx in rules().exclude:
        for m in rx.finditer(norm):
            if m.end() > m.start():
                spans.append(m.span())
    return spans


def is_label_number(norm: str, ns: int, ne: int, num: str) -> bool:
    """Section numbers (1. 1、 （1）) and list ordinals: a bare whole number of at most 2 digits."""
    if not num.isdigit() or len(num) > 2:
        return False
    nxt = norm[ne:ne + 1]
    prev = norm[ns - 1:ns] if ns > 0 else ""
    if prev.isalnum():
        return False  # 完成10. ends a sentence; a section number starts a line or follows punctuation
    if nxt == "、":
        return True
    if nxt == "." and not norm[ne + 1:ne + 2].isdigit():
        return True
    return nxt == ")" and (prev in ("(", "") or prev.isspace())


def is_empty(text: str) -> bool:
    """A cell that shows 'no value': blank, —, /, 无 …"""
    empty = tables().empty_forms
    t = text.strip()
    return not t or t in empty or t.replace(" ", "") in empty
