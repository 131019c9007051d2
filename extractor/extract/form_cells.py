"""Cells of a form: a value cell (quantity, placeholder, OCR-suspicious); run-together indicator rows
cut where the delimiters leave no doubt."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Tok, Val
from extractor.extract.form_rows import cuts
from extractor.quantities import parse_value
from extractor.quantities.comparators import sign_class

_NUMERIC = re.compile(r"^[\d.,%％]+$")


def ocr_suspicious(text: str, q) -> bool:
    """290% for ≥90%: a percentage above 100 whose tail after a leading 2 is a plausible percentage."""
    if q is None or q.unit != "%" or q.comparator:
        return False
    digits = text.strip().rstrip("%％$")
    for p in V.vocab()["ocr"]["suspicious_prefix"]:
        if digits.startswith(p) and q.value > 100:
            return True
    return False


def make_val(tok: Tok) -> Val | None:
    """A value cell, or None when the token is a text (not a quantity)."""
    text = tok.text.strip()
    if V.is_placeholder(text) or text == "一":  # a lone 一 in a figure cell is a dash (forms write digits)
        return Val(text, tok.loc)
    q = parse_value(text) or _measure_word(text)
    if q is None:
        fixed = _ocr_fix(text)
        if fixed is not None:
            return Val(text, tok.loc, parse_value(fixed), ocr=True)
        return None
    return Val(text, tok.loc, q, ocr=ocr_suspicious(text, q))


_MEASURED = re.compile(r"(.*\d)\s*([\u4e00-\u9fff]{1,2})")
_NOT_MEASURE = set("年月日号时分秒")


def _measure_word(text: str):
    """8孔, ≥5200支: a count in a measure word the unit list lacks (an open class in Chinese). Its unit is
    the word itself, so it compares only with figures in the same word."""
    m = _MEASURED.fullmatch(text.strip())
    if not m or set(m.group(2)) & _NOT_MEASURE:
        return None
    q = parse_value(m.group(1))
    if q is None or q.unit:
        return None
    return replace(q, unit=m.group(2), raw=text.strip())


def _ocr_fix(text: str) -> str | None:
    ocr = V.vocab()["ocr"]
    t = text.strip()
    for s in ocr.get("percent_signs", []):
        if t.endswith(s) and _NUMERIC.match(t[:-1] or "x"):
            return t[:-1] + "%"
    letters = ocr.get("letters_for_digits", {})
    if t and any(ch in letters for ch in t) and all(ch.isdigit() or ch in letters or ch in ".%" for ch in t):
        if any(ch.isdigit() for ch in t) or len(t) >= 2:
            return "".join(letters.get(ch, ch) for ch in t)
    return None


@functools.lru_cache(maxsize=1)
def _slot_res() -> dict[str, str]:
    b = sign_class(">=", "<=")  # a bound opens a target: the cut is certain only at one
    return {"score.weight": r"(\d+(?:\.\d+)?)", "score.value": r"(\d+(?:\.\d+)?)",
            "indicator.target": rf"([{b}]\d+(?:\.\d+)?[^\d{b}]*)", "indicator.actual": rf"([{b}]?\d+(?:\.\d+)?[^\d{b}]+)"}


def glued_rows(text: str, slots: list[str]) -> list[tuple[str, list[str], str]] | None:
    """Rows run together (新建排水沟10≥320米≥320米10沟渠宽度10≥40厘米…), cut only where the cells are
    delimited without doubt: names without digits, a target opening with ≥/≤, an actual ending in a unit,
    and no bare number before a cell that may open with a digit."""
    slot_re = _slot_res()
    if set(slots) != set(slot_re) or len(slots) != 4:
        return None
    # a bare number runs into a following cell that may open with a digit (a bare number, an actual
    # without comparator): no cut between them is certain
    bare = [s in ("score.weight", "score.value") for s in slots]
    digit_first = [b or s == "indicator.actual" for b, s in zip(bare, slots)]
    if any(a and b for a, b in zip(bare, digit_first[1:])):
        return None
    row = rf"([^\d{sign_class('>=', '<=')}]+?)" + "".join(slot_re[s] for s in slots)
    t = re.sub(r"(……|…|\.{3})+$", "", text.strip())
    if not re.fullmatch(f"(?:{row})+", t):
        return None
    out = [(m.group(1), [m.group(i) for i in range(2, 6)], m.group(0)) for m in re.finditer(row, t)]
    # the pattern takes the first cut; keep the rows only when that cut is the one the form's own
    # constraints allow (得分 ≤ 分值 ≤ 100, target and actual in one unit, well-formed numbers)
    for name, vals, whole in out:
        found = cuts(whole, slots, Decimal(100), False)
        if len(found) != 1 or [found[0].cells[s].text for s in slots] != vals:
            return None
    return out
