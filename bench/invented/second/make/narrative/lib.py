"""Helpers: exact money arithmetic and formatting. Amounts held in 元 (Decimal, 2 dp)."""
from decimal import Decimal as D, ROUND_HALF_UP
import random

CHECKS = []  # (label, lhs, rhs) recorded for the re-add script


def q(x, places="0.01"):
    return D(x).quantize(D(places), rounding=ROUND_HALF_UP)


def yuan(x, sep=True):
    x = q(x)
    return f"{x:,.2f}" if sep else f"{x:.2f}"


def wan(x, dp=2):
    v = q(D(x) / D(10000), "1" if dp == 0 else "0." + "0" * (dp - 1) + "1")
    return f"{v}"


def wan_sep(x, dp=2):
    v = q(D(x) / D(10000), "0." + "0" * (dp - 1) + "1")
    return f"{v:,.{dp}f}"


def yi(x, dp=2):
    v = q(D(x) / D(100000000), "0." + "0" * (dp - 1) + "1")
    return f"{v}"


def pct(a, b, dp=2):
    v = q(D(a) / D(b) * 100, "1" if dp == 0 else "0." + "0" * (dp - 1) + "1")
    return f"{v}"


def chg(cur, prev, dp=2):
    """returns ('增长'|'下降', abs amount, pct string)"""
    d = D(cur) - D(prev)
    word = "增长" if d >= 0 else "下降"
    return word, abs(d), pct(abs(d), prev, dp)


def split(total, n, rng, unit=D("100")):
    """split total (元) into n positive parts, multiples of unit (total must be multiple)."""
    total = D(total)
    k = int(total / unit)
    cuts = sorted(rng.sample(range(1, k), n - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [k])]
    out = [D(p) * unit for p in parts]
    assert sum(out) == total
    return out


def check(label, parts, total):
    s = sum(D(p) for p in parts)
    CHECKS.append((label, s, D(total)))
    assert s == D(total), (label, s, total)


UNIT = [D("100")]


def r100(x):
    u = UNIT[0]
    return (D(x) / u).quantize(D("1"), rounding=ROUND_HALF_UP) * u


def amt(rng, lo_wan, hi_wan, unit=None):
    """random amount in 元 between lo and hi 万元, multiple of unit"""
    unit = unit or UNIT[0]
    v = D(rng.randint(int(lo_wan * 10000 / float(unit)), int(hi_wan * 10000 / float(unit)))) * unit
    return v


def cents(rng, lo_wan, hi_wan):
    return D(rng.randint(int(lo_wan * 1000000), int(hi_wan * 1000000))) / D(100)


CN = "零一二三四五六七八九"


def cnum(n):
    n = int(n)
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    raise ValueError
