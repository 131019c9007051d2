"""The unit system: atoms from patterns/units.yaml combined by a small grammar into products and ratios.

    unit := term (RATIO term)*        RATIO   = / ／ 每
    term := atom (PRODUCT atom)*      PRODUCT = · * × …   (in a denominator a time atom may follow
                                                          directly: 元/人月 = 元/人·月)

A unit's dimension is the algebraic combination of its atoms' (元/人·月 -> money/(count·time)) and its
factor the exact product / ratio of theirs (万元/公里 = 10 元/米). A compound is never plain money.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction

from extractor import patterns
from extractor.quantities.numerals import FULLWIDTH_TEXT, SCALE_CHARS


@dataclass(frozen=True)
class Unit:
    """A unit: `factor` base units make one of it (万元: 10000 元). `base` keeps the figure exact in
    Decimal; `root` and `scale` reduce it further where the ratio has no finite decimal (次/年 has base
    次/年 and root 次/个月 at scale 1/12), so that any two units with the same root convert exactly."""

    name: str
    dimension: str
    base: str
    factor: Decimal
    root: str = ""
    scale: Fraction = field(default=Fraction(0), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.root:
            object.__setattr__(self, "root", self.base)
        if not self.scale:
            object.__setattr__(self, "scale", Fraction(self.factor))

    @property
    def compound(self) -> bool:
        return "/" in self.dimension or "·" in self.dimension


@dataclass(frozen=True)
class Atom:
    unit: Unit
    form: str
    not_before: tuple[str, ...]
    standalone: bool


@functools.lru_cache(maxsize=None)
def atoms() -> dict[str, Atom]:
    """Spelling -> Atom, from patterns/units.yaml."""
    out: dict[str, Atom] = {}
    for e in patterns.entries("units", ("name", "dimension", "base", "factor", "forms")):
        try:
            u = Unit(str(e["name"]), str(e["dimension"]), str(e["base"]), Decimal(str(e["factor"])))
        except ArithmeticError:
            raise patterns.PatternError(f"patterns/units.yaml: bad factor in {e}") from None
        nb = tuple(str(x) for x in e.get("not_before") or ())
        for f in e["forms"]:
            f = str(f).translate(FULLWIDTH_TEXT)
            out[f] = Atom(u, f, nb, bool(e.get("standalone", True)))
    return out


def units() -> dict[str, Unit]:
    """Spelling -> Unit for every atom (compounds are not listed: see `unit_info`)."""
    return {f: a.unit for f, a in atoms().items()}


@functools.lru_cache(maxsize=None)
def _grammar() -> tuple[re.Pattern, re.Pattern, frozenset]:
    """(atom regex, separator regex, ratio signs)."""
    seps = patterns.load("units").get("separators") or {}
    ratio = frozenset(str(s) for s in seps.get("ratio", ["/"]))
    product = frozenset(str(s) for s in seps.get("product", ["·"]))
    alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))  # noqa: E731
    return re.compile(alt(atoms())), re.compile(rf"[ \t]*({alt(ratio | product)})[ \t]*"), ratio


def _atom_at(text: str, pos: int) -> Atom | None:
    rx = _grammar()[0]
    m = rx.match(text, pos)
    if m is None:
        return None
    a = atoms()[m.group(0)]
    after = text[m.end():m.end() + 3]
    if a.not_before and after.startswith(a.not_before):
        return None  # 3项目, 人民: not a measure word
    if a.form.isascii() and after[:1].isascii() and after[:1].isalpha():
        return None  # 3times, 5mm: part of a word
    return a


def read_unit(text: str, pos: int = 0, bound: bool = False) -> tuple[Unit, int] | None:
    """The longest unit expression starting at text[pos] (digit-normalised text), and where it ends.
    An atom that is a unit only inside an expression (年, 月) may start it only when `bound`."""
    first = _atom_at(text, pos)
    if first is None or not (first.standalone or bound):
        return None
    _, sep_rx, ratio = _grammar()
    num, den = [first], []
    end = pos + len(first.form)
    while True:
        m = sep_rx.match(text, end)
        if m is not None:
            a = _atom_at(text, m.end())
            if a is None:
                break
            (den if m.group(1) in ratio or den else num).append(a)
            end = m.end() + len(a.form)
        elif den:
            a = _atom_at(text, end)
            if a is None or a.unit.dimension != "time":
                break
            den.append(a)  # 元/人月
            end += len(a.form)
        else:
            break
    return combine(tuple(a.unit for a in num), tuple(a.unit for a in den)), end


def _terminates(f: Fraction) -> bool:
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def to_decimal(f: Fraction) -> Decimal | None:
    """The exact Decimal of a fraction, or None when it has no finite decimal (1/3)."""
    if not _terminates(f):
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        return +(Decimal(f.numerator) / Decimal(f.denominator))


def _join(parts: list[str]) -> str:
    return "·".join(parts)


def _ratio(num: list[str], den: list[str], paren: bool) -> str:
    if not den:
        return _join(num)
    d = _join(den)
    return f"{_join(num)}/({d})" if paren and len(den) > 1 else f"{_join(num)}/{d}"


@functools.lru_cache(maxsize=None)
def combine(num: tuple[Unit, ...], den: tuple[Unit, ...] = ()) -> Unit:
    """The product of `num` divided by the product of `den`."""
    if len(num) == 1 and not den:
        return num[0]
    name = _ratio([u.name for u in num], [u.name for u in den], False)
    dimension = _ratio(sorted(u.dimension for u in num), sorted(u.dimension for u in den), True)
    scale = Fraction(1)
    for u in num:
        scale *= u.scale
    base_den, factor = [], scale
    for u in den:
        scale /= u.scale
        if _terminates(1 / u.scale):
            base_den.append(u.base)
            factor /= u.scale
        else:
            base_den.append(u.name)  # 次/年: 1/12 has no finite decimal, 年 stays a base of its own
    num_b = sorted(u.base for u in num)
    return Unit(name, dimension, _ratio(num_b, sorted(base_den), False), to_decimal(factor),
                _ratio(num_b, sorted(u.root for u in den), False), scale)


@functools.lru_cache(maxsize=4096)
def unit_info(name: str, bound: bool = True) -> Unit | None:
    """Unit of a spelling or unit expression (元/户, 万元/公里, 次/年); None if it is not one.
    万/亿 before a unit scales it (万粒 = 10000 粒) when the scaled form is not listed. A whole
    spelling may be an atom that needs an expression in running text (年, 月) unless not `bound`."""
    t = "".join(name.split()).translate(FULLWIDTH_TEXT)
    if not t:
        return None
    r = read_unit(t, bound=bound)
    if r is not None and r[1] == len(t):
        return r[0]
    if len(t) > 1 and t[0] in SCALE_CHARS:
        inner = unit_info(t[1:], bound)
        if inner is not None and inner.dimension not in ("percent", "money"):
            k = SCALE_CHARS[t[0]]
            return Unit(t[0] + inner.name, inner.dimension, inner.base, inner.factor * k, inner.root,
                        inner.scale * Fraction(k))
    return None


def resolve(u) -> Unit | None:
    """A Unit from a Unit, a unit spelling, or anything with a `.unit` spelling (a Quantity)."""
    if isinstance(u, Unit):
        return u
    if not isinstance(u, str):
        u = getattr(u, "unit", "")
    return unit_info(u) if u else None


def dimension_of(u) -> str:
    """Dimension of a unit, spelling or Quantity: 'number' without a unit, 'other:<unit>' if unknown."""
    r = resolve(u)
    if r is not None:
        return r.dimension
    name = u if isinstance(u, str) else getattr(u, "unit", "")
    return f"other:{name}" if name else "number"


def same_dimension(a, b) -> bool:
    """Whether two units (Units, spellings or Quantities) measure the same kind of thing: money with
    money, money/count with money/count. Figures of different dimensions are never added or compared."""
    return dimension_of(a) == dimension_of(b)


def convertible(a, b) -> bool:
    """Whether a figure in unit `a` can be stated exactly in unit `b` (same root: 万元 and 元; 次/年 and
    次/月), so that their values may be compared."""
    ua, ub = resolve(a), resolve(b)
    return ua is not None and ub is not None and ua.root == ub.root


def convert(value: Decimal, src, dst) -> Decimal | None:
    """`value` in `src` restated in `dst`, exactly; None when the units are not convertible or the
    result has no finite decimal (1 次/年 in 次/月)."""
    us, ud = resolve(src), resolve(dst)
    if us is None or ud is None or us.root != ud.root:
        return None
    return to_decimal(Fraction(value) * us.scale / ud.scale)
