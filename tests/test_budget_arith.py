"""Interval arithmetic of the BG checks: a correctly rounded figure is never flagged, one unit off in
its last shown digit always is (half-up rounding, half-open spans)."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.checks.budget_arith import Span, group_precision, meet, ratio_percent, total
from extractor.quantities import Quantity

FEN = st.integers(min_value=0, max_value=10**13)


def yuan(fen: int) -> Quantity:
    v = Decimal(fen) / 100
    return Quantity(v, "元", f"{v:,.2f}", 2)


def wan(fen: int, d: int, shift: int = 0) -> Quantity:
    step = Decimal(1).scaleb(-d)
    v = (Decimal(fen) / 1000000).quantize(step, rounding=ROUND_HALF_UP) + shift * step
    return Quantity(v, "万元", f"{v}万元", d)


@settings(max_examples=300, deadline=None)
@given(FEN, st.integers(min_value=0, max_value=4))
def test_rounded_wan_meets_exact_yuan(fen, d):
    assert meet(Span.of(wan(fen, d)), Span.of(yuan(fen)))


@settings(max_examples=300, deadline=None)
@given(FEN, st.integers(min_value=0, max_value=4), st.sampled_from([-1, 1]))
def test_one_unit_off_never_meets(fen, d, shift):
    assert not meet(Span.of(wan(fen, d, shift)), Span.of(yuan(fen)))


@settings(max_examples=200, deadline=None)
@given(st.lists(FEN, min_size=2, max_size=8), st.integers(min_value=0, max_value=4))
def test_rounded_parts_meet_rounded_total(parts, d):
    qs = [wan(p, d) for p in parts]
    assert meet(total([Span.of(q) for q in qs]), Span.of(wan(sum(parts), d)))


def test_exact_yuan_off_by_a_fen():
    assert not meet(total([Span.of(yuan(1)), Span.of(yuan(2))]), Span.of(yuan(4)))


def test_group_precision_reads_30_beside_29_99_as_30_00():
    qs = group_precision([Quantity(Decimal(30), "万元", "30万元", 0), Quantity(Decimal("29.99"), "万元", "29.99万元", 2)])
    assert [q.decimals for q in qs] == [2, 2]
    stated = Quantity(Decimal("89.97"), "万元", "89.97万元", 2)
    parts = group_precision([Quantity(Decimal(30), "万元", "30万元", 0)] * 2 + [qs[1]])
    assert not meet(total([Span.of(q) for q in parts]), Span.of(stated))


def test_ratio_span():
    r = ratio_percent(Span.of(Quantity(Decimal("37.24"), "万元", "37.24", 2)),
                      Span.of(Quantity(Decimal("43.2"), "万元", "43.2", 1)))
    assert meet(r, Span.of(Quantity(Decimal(86), "%", "86%", 0)))
    assert ratio_percent(Span.of(yuan(1)), Span.of(yuan(0))) is None
