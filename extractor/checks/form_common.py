"""Helpers shared by the FM (自评表) checks: the forms of a document (read once per run), evidence,
interval arithmetic on form values."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from extractor.extract.form_model import Form, FundRow, IndicatorRow, Val
from extractor.model import Evidence
from extractor.quantities import Quantity

MONEY = ("budget.initial", "budget.adjusted", "spend.actual")
COL_NAMES = {"budget.initial": "年初预算数", "budget.adjusted": "全年预算数", "spend.actual": "全年执行数",
             "rate.execution": "执行率", "score.weight": "分值", "score.value": "得分"}


def forms(ctx) -> list[Form]:
    from extractor.extract.forms import document_forms

    return ctx.shared("forms", lambda: document_forms(ctx.doc))


def ev(v: Val, role: str, quote: str = "") -> Evidence:
    """Evidence for one value; the row's quote when it shows the value, else the value as written."""
    return Evidence(quote=quote if quote and v.text in quote else v.text, role=role, location=v.loc, value=v.text)


def row_ev(r: IndicatorRow, role: str = "row") -> Evidence:
    return Evidence(quote=r.quote or r.name, role=role, location=r.loc)


def num(v: Val | None) -> Quantity | None:
    """The quantity of a usable numeric value (not OCR-suspicious)."""
    if v is None or v.q is None or v.ocr:
        return None
    return v.q


def interval(q: Quantity, decimals: int | None = None) -> tuple[Decimal, Decimal]:
    if decimals is not None:
        q = q.with_decimals(decimals)
    return q.interval()


def meet_strict(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    """Rounded figures stand for half-open intervals: touching ends do not meet unless one is exact."""
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def pct(q: Quantity) -> Quantity:
    """A rate cell as a percentage (a bare 0 or 86 in the 执行率 column is read as %)."""
    if q.unit == "%":
        return q
    if q.unit:
        return q
    if 0 < q.value <= Decimal("1.5") and q.decimals >= 2:
        return replace(q, value=q.value * 100, unit="%", decimals=max(0, q.decimals - 2))
    return replace(q, unit="%")


def ratio_interval(spent: Quantity, budget: Quantity) -> tuple[Decimal, Decimal] | None:
    """Range of spent ÷ budget × 100 over the intervals both figures stand for."""
    blo, bhi = budget.interval()
    slo, shi = spent.interval()
    if blo <= 0:
        return None
    return (max(slo, Decimal(0)) / bhi * 100, shi / blo * 100)


def fmt(d: Decimal, places: int = 2) -> str:
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)  # 四舍五入, as forms round
    return format(q.normalize(), "f") if q == q.to_integral() else format(q, "f")


def budget_of(values: dict[str, Val]) -> tuple[str, Val] | None:
    for role in ("budget.adjusted", "budget.initial"):
        if role in values and num(values[role]) is not None:
            return role, values[role]
    return None


def usable_row(r: FundRow) -> bool:
    return r.aligned in ("exact", "solved")


def form_name(f: Form) -> str:
    t = f.title.strip()
    return f"自评表{f.index}" + (f"（{t[:30]}）" if t else "")
