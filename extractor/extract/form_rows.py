"""Indicator rows run together without separators (指标1发放树苗1060万株60万株10指标2…), as scanned
or web-copied forms give them (form_segments cuts such text into rows). Each row is cut into name and
cells in the header's column order. A cut is kept only when it is the only one that satisfies the
form's own constraints: well-formed numbers, 得分 ≤ 分值 ≤ the group's 分值, target and actual in the
same unit, dates that exist, no figure-with-unit run into another figure inside a name.
Cells may be figures, the verdict words of the vocabulary, a worded target written again as the actual
(符合要求符合要求), or a blank target (—) before a worded actual. Where several cuts remain, the 分值
most rows of the form share decides; otherwise the row is left not checkable."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_columns import ratio_score_holds
from extractor.extract.form_model import Val
from extractor.quantities import Quantity, parse_value, unit_info
from extractor.quantities.comparators import sign_forms, signs

_BARE = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
_DATE_PARTS = re.compile(r"(\d+)\s*(月|日)")
MAX_VALUE_CELL = 40  # characters of a target or actual cell: none is longer in a run-together row
MAX_TEXT_CELL = 20  # characters of a worded target or actual read out of run-together text
MAX_PREFIX = 10  # characters of wording a target may carry before its figure (11月底完成100%)


@dataclass
class Cut:
    name: str
    cells: dict[str, Val]
    note: str

    @property
    def weight(self) -> Decimal | None:
        v = self.cells.get("score.weight")
        return v.q.value if v is not None and v.q is not None else None

    def key(self) -> tuple:
        return (self.name, tuple((k, v.text) for k, v in sorted(self.cells.items())), self.note)


@functools.lru_cache(maxsize=1)
def marker_regex() -> re.Pattern:
    return re.compile(V.vocab()["row_marker"])


@functools.lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    v = V.vocab()
    return tuple(sorted({V.norm(w) for w in v["text_met"] + v["text_unmet"]}, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _blanks() -> tuple[str, ...]:
    """A target cell left blank (—, /, or a dash a scan read as 一): the row states no target."""
    v = V.vocab()
    dashes = [k for k, d in v["ocr"]["letters_for_digits"].items() if d == "-" and not k.isascii()]
    marks = [p for p in v["placeholders"] if not re.search(r"[\u4e00-\u9fff]", p)]
    return tuple(sorted(set(marks + dashes), key=len, reverse=True))


def _dates_ok(name: str) -> bool:
    """A name quoting a date that cannot exist (811月) was cut in the wrong place."""
    for m in _DATE_PARTS.finditer(name):
        n = int(m.group(1))
        if (m.group(2) == "月" and not 1 <= n <= 12) or (m.group(2) == "日" and not 1 <= n <= 31):
            return False
    return True


_FIGURE_UNIT_FIGURE = re.compile(r"\d([^\d\s.,]{1,4}?)(?=\d)")


@functools.lru_cache(maxsize=1)
def _number() -> re.Pattern:
    return re.compile(rf"^(?:{sign_forms()})?(?:0|[1-9]\d*)(?:\.\d+)?(?!\d)")


@functools.lru_cache(maxsize=1)
def _cmp_figure() -> re.Pattern:
    """A bound sign right before a figure (≥35): a target, never part of a name."""
    return re.compile(rf"(?:{sign_forms('>=', '<=', '>', '<')})\d")


def _figures_in_name(name: str) -> bool:
    """A figure with its unit followed at once by another figure (12个12个, 100%100%) is a cell
    boundary: a name holding one has swallowed the cells of the row before. Dates (2023年9月) are not."""
    for m in _FIGURE_UNIT_FIGURE.finditer(name):
        u = unit_info(m.group(1))
        if u is not None and u.dimension != "time":
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _quantity(s: str) -> Quantity | None:
    if not _number().match(s):
        return None
    q = parse_value(s)
    return q if q is not None and q.raw.replace(" ", "") == s.replace(" ", "") else None


def _values(rest: str, prefixed: bool) -> list[tuple[Val, int]]:
    """(value, characters used) for a target/actual cell at the start of `rest`; with `prefixed`, also
    a figure after some wording (11月底完成100%)."""
    out = []
    for end in range(1, min(len(rest), MAX_VALUE_CELL) + 1):
        piece = rest[:end]
        q = _quantity(piece)
        if q is not None:
            out.append((Val(piece, None, q), end))
        elif prefixed:
            for k in range(1, min(MAX_PREFIX, end - 1) + 1):
                q = _quantity(piece[k:])
                if q is not None and not piece[k - 1].isdigit() and re.search(r"[^\d.]", piece[:k]):
                    out.append((Val(piece, None, q), end))
                    break
    for w in _texts():
        if rest.startswith(w):
            out.append((Val(w, None, None), len(w)))
    return out


def _repeated_text(rest: str) -> list[tuple[Val, int]]:
    """A worded target written again as the actual (符合要求符合要求, 12月底前完成12月底前完成): text that
    repeats at once is the target cell followed by the actual cell."""
    out = []
    for n in range(2, min(MAX_TEXT_CELL, len(rest) // 2) + 1):
        t = rest[:n]
        if rest.startswith(t, n) and re.search(r"[\u4e00-\u9fff]", t) and not t[-1].isdigit() \
                and not rest[n + n:n + n + 1] == t[:1]:
            out.append((Val(t, None, _quantity(t)), n))
    return out


def _bare(rest: str) -> list[tuple[Val, int]]:
    out = []
    for end in range(1, min(6, len(rest)) + 1):
        piece = rest[:end]
        if _BARE.fullmatch(piece):
            out.append((Val(piece, None, parse_value(piece)), end))
    return out


_RATIO = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?%")


def _ratio_cell(rest: str, acc: dict) -> list[tuple[Val | None, int]]:
    """得分系数: a percentage."""
    m = _RATIO.match(rest)
    return [(Val(m.group(0), None, parse_value(m.group(0))), m.end())] if m else []


def _flag_cell(rest: str, acc: dict) -> list[tuple[Val | None, int]]:
    """是否核心指标: 是 / 否, or nothing (a blank cell collapses) where neither follows."""
    found = [(Val(w, None, None), len(w)) for w in V.vocab()["flag_values"] if rest.startswith(w)]
    return found or [(None, 0)]


def _adjusted_cell(rest: str, acc: dict) -> list[tuple[Val | None, int]]:
    """调整指标值: mostly blank (collapsed), else a figure in the target's unit."""
    t = acc.get("indicator.target")
    out: list[tuple[Val | None, int]] = [(None, 0)]
    if t is not None and t.q is not None:
        out += [(v, n) for v, n in _values(rest, False) if v.q is not None and v.q.unit == t.q.unit
                and not (v.text[-1].isdigit() and rest[n:n + 1].isdigit())]
    return out


_OTHER_SLOTS = {"score.ratio": _ratio_cell, "flag": _flag_cell, "indicator.target_adjusted": _adjusted_cell}


def _fill(rest: str, slots: list[str], cap: Decimal, prefixed: bool, acc: dict, out: list):
    if not slots:
        if not rest or (not re.search(r"\d", rest) and len(rest) >= 2):
            out.append((dict(acc), rest))
        return
    slot = slots[0]
    if slot in _OTHER_SLOTS:
        for v, n in _OTHER_SLOTS[slot](rest, acc):
            if v is not None:
                acc[slot] = v
            _fill(rest[n:], slots[1:], cap, prefixed, acc, out)
            acc.pop(slot, None)
        return
    if slot in ("score.weight", "score.value"):
        for v, n in _bare(rest):
            if v.q is None:
                continue
            if v.q.value > cap:
                continue  # a 分值, and so its 得分, is at most its group's 分值
            w, s = acc.get("score.weight"), acc.get("score.value")
            if slot == "score.value" and w is not None and v.q.value > w.q.value:
                continue
            if slot == "score.weight" and s is not None and s.q.value > v.q.value:
                continue  # 得分 written before 分值
            acc[slot] = v
            _fill(rest[n:], slots[1:], cap, prefixed, acc, out)
            del acc[slot]
        return
    values = _values(rest, prefixed and slot == "indicator.target")
    if slot == "indicator.target" and "indicator.actual" in slots:
        values += _repeated_text(rest)
        values += [(Val(b, None, None), len(b)) for b in _blanks() if rest.startswith(b)]
    elif slot == "indicator.actual" and acc.get("indicator.target") is not None and acc["indicator.target"].text in _blanks():
        # no target: the actual is whatever the cell says, up to the figure that follows it
        m = re.match(r"[^\d]{2,%d}(?=\d)" % (2 * MAX_TEXT_CELL), rest)
        if m:
            values.append((Val(m.group(0), None, None), m.end()))
    elif slot == "indicator.actual" and acc.get("indicator.target") is not None:
        t = acc["indicator.target"].text
        if t and rest.startswith(t) and not any(t == v.text for v, _ in values):
            values.append((Val(t, None, acc["indicator.target"].q), len(t)))  # the target's words again
    for v, n in values:
        if v.text[-1].isdigit() and rest[n:n + 1].isdigit():
            continue  # a bare figure cut inside a run of digits: any cut there is a guess
        other = acc.get("indicator.target") if slot == "indicator.actual" else None
        if other is not None and other.q is not None and v.q is not None and other.q.unit != v.q.unit:
            continue
        if other is not None and other.q is not None and other.q.unit and v.q is None and not V.text_verdict(v.text):
            continue
        acc[slot] = v
        _fill(rest[n:], slots[1:], cap, prefixed, acc, out)
        del acc[slot]


@functools.lru_cache(maxsize=None)
def _word_cmp_figure() -> re.Pattern:
    """A comparator in words right before a figure (不低于90): a target, never part of a name."""
    from extractor.quantities.comparators import comparator_forms

    words = sorted({f for f, _ in comparator_forms()[0] if re.search(r"[\u4e00-\u9fff]", f)}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")\s*\d")


def cuts(body: str, slots: list[str], cap: Decimal, prefixed: bool) -> list[Cut]:
    """Every way to read `body` as name + the slots (+ a trailing note)."""
    found: dict[tuple, Cut] = {}
    bare_first = slots[0] in ("score.weight", "score.value")
    for i in range(2, len(body)):
        name = body[:i]
        if name[-1].isdigit() or name[-1] in signs() + ".%" or (bare_first and not body[i].isdigit()):
            continue
        if not _dates_ok(name) or _cmp_figure().search(name) or _word_cmp_figure().search(name) or _figures_in_name(name):
            continue  # 长度≥35公里, 里程不低于90公里 inside a name: the target was read as part of it
        res: list = []
        _fill(body[i:], list(slots), cap, prefixed, {}, res)
        for cells, note in res:
            c = Cut(name, cells, note)
            found.setdefault(c.key(), c)
    out = list(found.values())
    if len(out) > 1 and "score.ratio" in slots:
        # 分值 8 | 系数 60.00% | 得分 4.8 or 分值 86 | 系数 0.00%: the one cut whose 得分 = 分值 × 系数, if one
        held = [c for c in out if _ratio_holds(c.cells)]
        if len(held) == 1:
            return held
    return out


def _ratio_holds(cells: dict[str, Val]) -> bool:
    w, k, s = (cells.get(r) for r in ("score.weight", "score.ratio", "score.value"))
    return all(v is not None and v.q is not None for v in (w, k, s)) and ratio_score_holds(w.q, k.q, s.q)


def solve(rows: list[tuple[str, Decimal]], slots: list[str]) -> list[Cut | None]:
    """One cut per row, or None where the row stays ambiguous or unreadable. `rows` are (body, cap)."""
    first = [cuts(b, slots, cap, False) for b, cap in rows]
    done: list[Cut | None] = [c[0] if len(c) == 1 else None for c in first]
    weights = Counter(c.weight for c in done if c is not None and c.weight is not None)
    modal = None
    if weights:
        (w, n), *rest = weights.most_common(2) + [(None, 0)]
        modal = w if n > rest[0][1] else None
    for i, (b, cap) in enumerate(rows):
        if done[i] is not None:
            continue
        cand = first[i] or cuts(b, slots, cap, True)
        if len(cand) > 1 and modal is not None:
            cand = [c for c in cand if c.weight == modal]
        done[i] = cand[0] if len(cand) == 1 else None
    return done
