"""Cells of a form: a value cell (quantity, placeholder, OCR-suspicious), fund-row column alignment by
order and type, run-together indicator rows cut where the delimiters leave no doubt."""

from __future__ import annotations

import re

from extractor.extract import form_vocab as V
from extractor.extract.form_model import FundRow, Tok, Val
from extractor.quantities import comparator_of, parse_value

_NUMERIC = re.compile(r"^[\d.,%％]+$")

def _cmp_op(text: str) -> str | None:
    return comparator_of(text)


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
    if V.is_placeholder(text):
        return Val(text, tok.loc)
    q = parse_value(text)
    if q is None:
        fixed = _ocr_fix(text)
        if fixed is not None:
            return Val(text, tok.loc, parse_value(fixed), ocr=True)
        return None
    return Val(text, tok.loc, q, ocr=ocr_suspicious(text, q))


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


_ATTR = {"indicator.target": "target", "indicator.actual": "actual", "score.weight": "weight", "score.value": "score"}
_SLOT_RE = {"score.weight": r"(\d+(?:\.\d+)?)", "score.value": r"(\d+(?:\.\d+)?)",
            "indicator.target": r"([≥≤]\d+(?:\.\d+)?[^\d≥≤]*)", "indicator.actual": r"([≥≤]?\d+(?:\.\d+)?[^\d≥≤]+)"}


def glued_rows(text: str, slots: list[str]) -> list[tuple[str, list[str], str]] | None:
    """Rows run together (安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米…), cut only where the cells are
    delimited without doubt: names without digits, a target opening with ≥/≤, an actual ending in a unit,
    and no two bare numbers side by side."""
    if set(slots) != set(_SLOT_RE) or len(slots) != 4:
        return None
    bare = [s in ("score.weight", "score.value") for s in slots]
    if any(a and b for a, b in zip(bare, bare[1:])):
        return None
    row = r"([^\d≥≤]+?)" + "".join(_SLOT_RE[s] for s in slots)
    t = re.sub(r"(……|…|\.{3})+$", "", text.strip())
    if not re.fullmatch(f"(?:{row})+", t):
        return None
    return [(m.group(1), [m.group(i) for i in range(2, 6)], m.group(0)) for m in re.finditer(row, t)]


def _order(roles: list[str]) -> list[str]:
    out: list[str] = []
    for r in roles:
        if r not in out:
            out.append(r)
    return out


def _align(row: FundRow, cols: list[str]) -> None:
    """Give each value of a fund row its column: by the grid column when known, else by order and type."""
    cells = row.cells
    if not cells:
        row.aligned = "exact"
        return
    if all(r is not None for r, _ in cells):
        row.values = {r: v for r, v in cells if v.q is not None}
        row.aligned = "exact"
        return
    vals = [v for _, v in cells]
    if any(v.q is None and not V.is_placeholder(v.text) for v in vals):
        row.aligned = "glued"
        return
    if not cols or len(vals) > len(cols):
        row.aligned = "bad"
        return
    if len(vals) == len(cols):
        row.values = {c: v for c, v in zip(cols, vals) if v.q is not None}
        row.aligned = "exact"
        return
    rates = [i for i, v in enumerate(vals) if v.q is not None and v.q.unit == "%"]
    row.aligned = "guessed"
    if len(rates) == 1 and "rate.execution" in cols:
        ri, rc = rates[0], cols.index("rate.execution")
        before, after = vals[:ri], vals[ri + 1:]
        if len(before) > rc or len(after) > len(cols) - rc - 1:
            row.aligned = "bad"
            return
        assign = dict(zip(cols[rc - len(before):rc], before))
        assign["rate.execution"] = vals[ri]
        assign.update(zip(cols[rc + 1:], after))
        money = [v for v in before if v.q is not None][: max(0, len(before) - (1 if "score.weight" in cols[:rc] else 0))]
    else:
        assign = dict(zip(cols, vals))
        money = [v for v in vals if v.q is not None and v.q.unit != "%"]
        money_cols = [c for c in cols if c in ("budget.initial", "budget.adjusted", "spend.actual")]
        if not rates and len(money) == len(money_cols) and cols[:len(money)] == money_cols \
                and all(v.q is not None for v in vals[:len(money)]):
            row.aligned = "exact"  # 其中 rows that show only their amounts, left to right
    row.values = {c: v for c, v in assign.items() if v.q is not None}
    row.guessed_pairs = [(money[i], money[j]) for i in range(len(money)) for j in range(i + 1, len(money))]
