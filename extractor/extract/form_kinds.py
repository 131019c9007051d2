"""What a form cell can be, from its content alone: empty, a bare number, a percentage, a score, an
amount, a quantity with a unit, a figure with a comparator, a comparator or a unit on its own, a
nature word (正向/反向), a met/unmet text, a short text or a note. The column solver
(form_columns) scores how well each kind fits each column role."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Raw, Tok, Val
from extractor.quantities import unit_info

# roles a block's value columns can take
IND_ROLES = ("indicator.target", "indicator.actual", "score.weight", "score.value", "nature", "unit", "note",
             "indicator.target_adjusted", "score.ratio", "flag")
FUND_ROLES = ("budget.initial", "budget.adjustment", "budget.adjusted", "spend.actual", "rate.execution",
              "score.weight", "score.value", "note")
MONEY_ROLES = ("budget.initial", "budget.adjusted", "spend.actual")
SCORE_ROLES = ("score.weight", "score.value")

# how well a kind of cell fits a role; a role missing from a kind's entry is impossible for it. An
# adjusted target (调整指标值) is mostly left blank: a figure fits it less than the actual beside it.
FIT: dict[str, dict[str, int]] = {
    "empty": {r: 0 for r in IND_ROLES + FUND_ROLES},
    "ocr": {r: 0 for r in ("indicator.target", "indicator.actual", "score.weight", "score.value",
                           "rate.execution", "indicator.target_adjusted") + MONEY_ROLES},
    "num": {"indicator.target": 1, "indicator.actual": 1, "score.weight": 1, "score.value": 1,
            "budget.initial": 1, "budget.adjusted": 1, "spend.actual": 1, "rate.execution": 0,
            "budget.adjustment": 0, "indicator.target_adjusted": 1, "score.ratio": 0},
    # a figure in 分 is mostly a score, but also the measured value of an indicator that is a score
    # (满意度测评得分 ≥90分 / 93.6分): allowed there, with no points of its own
    "pts": {"score.weight": 2, "score.value": 2, "indicator.target": 0, "indicator.actual": 0,
            "indicator.target_adjusted": 0},
    "pct": {"indicator.target": 2, "indicator.actual": 2, "rate.execution": 3, "indicator.target_adjusted": 1,
            "score.ratio": 2},
    "money": {"budget.initial": 2, "budget.adjusted": 2, "spend.actual": 2, "indicator.target": 1,
              "indicator.actual": 1, "budget.adjustment": 1, "indicator.target_adjusted": 1},
    "qty": {"indicator.target": 2, "indicator.actual": 2, "indicator.target_adjusted": 1},
    "cmpnum": {"indicator.target": 3, "indicator.actual": 0, "indicator.target_adjusted": -1},
    "cmp": {"nature": 4},  # a comparator column says more than a 定量/定性 one when both are there
    "nature": {"nature": 3},
    "unit": {"unit": 3},
    "textval": {"indicator.actual": 2, "indicator.target": 1, "note": 0, "indicator.target_adjusted": 0},
    # 是 / 否: a met/unmet actual, or the 是否核心指标 flag where the form has one
    "yesno": {"indicator.actual": 2, "indicator.target": 1, "note": 0, "flag": 3},
    "text": {"indicator.target": 1, "indicator.actual": 1, "note": 1, "indicator.target_adjusted": 0},
    "note": {"note": 3, "indicator.actual": 0, "indicator.target": 0},  # a described result is still a result
}

@dataclass(frozen=True)
class Kind:
    name: str
    q: object = None  # Quantity for numeric kinds

    def fits(self, role: str | None) -> int | None:
        """Points for putting this cell under `role`; None when it cannot be there."""
        if role is None:
            return 0
        pts = FIT.get(self.name, {}).get(role)
        if pts is None or self.q is None:
            return pts
        v = self.q.value
        if role in SCORE_ROLES and not (0 <= v <= 100 and self.q.decimals <= 2):
            return None
        if role == "rate.execution" and self.name == "num" and not (0 <= v <= 200):
            return None
        if role == "score.ratio" and not (0 <= v <= (200 if self.name == "pct" else 1)):
            return None  # a coefficient is a percentage (above 100%: a score over its weight) or a fraction
        if role in MONEY_ROLES and v < 0:
            return None
        return pts


def kind_of(raw: Raw) -> Kind:
    """The kind of a raw cell (cached on it)."""
    if raw.kind is not None:
        return raw.kind
    raw.kind = _classify(raw)
    return raw.kind


def _classify(raw: Raw) -> Kind:
    t = raw.text.strip()
    if not t or V.is_placeholder(t):
        return Kind("empty")
    if V.comparator_only(t):
        return Kind("cmp")
    if V.nature_word(t) is not None:
        return Kind("nature")
    if _unit_only(t):
        return Kind("unit")
    v = raw.val
    if v is not None and v.q is not None:
        q = v.q
        if v.ocr:
            return Kind("ocr", q)
        if q.comparator and q.comparator != "~":
            return Kind("cmpnum", q)
        if q.unit == "%":
            return Kind("pct", q)
        if q.unit == "分":
            return Kind("pts", q)
        if not q.unit:
            return Kind("num", q)
        if q.dimension == "money":
            return Kind("money", q)
        return Kind("qty", q)
    if len(V.norm(t)) > 24:
        return Kind("note")
    if V.text_verdict(t):
        return Kind("yesno" if V.norm(t) in V.vocab()["flag_values"] else "textval")
    if V.is_note(t):
        return Kind("note")
    return Kind("text")


def _unit_only(t: str) -> bool:
    n = V.norm(t).strip("()")
    return bool(n) and not any(ch.isdigit() for ch in n) and unit_info(n) is not None


def raw_cell(text: str, loc, col: int | None = None, val: Val | None = None) -> Raw:
    """A raw cell with its parsed value (numbers and placeholders)."""
    if val is None:
        from extractor.extract.form_cells import make_val

        val = make_val(Tok(text, loc))
    return Raw(text=text, loc=loc, col=col, val=val)
