"""Indicator rows run together without separators (指标1发放树苗1060万株60万株10指标2…), as scanned
or web-copied forms give them. The text is cut at group labels and row numbers (指标1, 指标2 …), and
each row is cut into name and cells in the header's column order. A cut is kept only when it is the
only one that satisfies the form's own constraints: well-formed numbers, 得分 ≤ 分值 ≤ the group's
分值, target and actual in the same unit, dates that exist. Where several cuts remain, the 分值 most
rows of the form share decides; otherwise the row is left not checkable."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Val
from extractor.quantities import Quantity, parse_value

_BARE = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
_NUMBER = re.compile(r"^[≥≤≧≦><=]?(?:0|[1-9]\d*)(?:\.\d+)?(?!\d)")
_DATE_PARTS = re.compile(r"(\d+)\s*(月|日)")
_CMP_FIGURE = re.compile(r"[≥≤≧≦><]\d")
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


def _dates_ok(name: str) -> bool:
    """A name quoting a date that cannot exist (811月) was cut in the wrong place."""
    for m in _DATE_PARTS.finditer(name):
        n = int(m.group(1))
        if (m.group(2) == "月" and not 1 <= n <= 12) or (m.group(2) == "日" and not 1 <= n <= 31):
            return False
    return True


def _quantity(s: str) -> Quantity | None:
    if not _NUMBER.match(s):
        return None
    q = parse_value(s)
    return q if q is not None and q.raw.replace(" ", "") == s.replace(" ", "") else None


def _values(rest: str, prefixed: bool) -> list[tuple[Val, int]]:
    """(value, characters used) for a target/actual cell at the start of `rest`; with `prefixed`, also
    a figure after some wording (11月底完成100%)."""
    out = []
    for end in range(1, len(rest) + 1):
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


def _bare(rest: str) -> list[tuple[Val, int]]:
    out = []
    for end in range(1, min(6, len(rest)) + 1):
        piece = rest[:end]
        if _BARE.fullmatch(piece):
            out.append((Val(piece, None, parse_value(piece)), end))
    return out


def _fill(rest: str, slots: list[str], cap: Decimal, prefixed: bool, acc: dict, out: list):
    if not slots:
        if not rest or (not re.search(r"\d", rest) and len(rest) >= 2):
            out.append((dict(acc), rest))
        return
    slot = slots[0]
    if slot in ("score.weight", "score.value"):
        for v, n in _bare(rest):
            if v.q is None:
                continue
            if slot == "score.weight" and v.q.value > cap:
                continue
            w = acc.get("score.weight")
            if slot == "score.value" and w is not None and v.q.value > w.q.value:
                continue
            acc[slot] = v
            _fill(rest[n:], slots[1:], cap, prefixed, acc, out)
            del acc[slot]
        return
    for v, n in _values(rest, prefixed and slot == "indicator.target"):
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
        if name[-1].isdigit() or name[-1] in "≥≤≧≦<>=.%" or (bare_first and not body[i].isdigit()):
            continue
        if not _dates_ok(name) or _CMP_FIGURE.search(name) or _word_cmp_figure().search(name):
            continue  # 长度≥35公里, 里程不低于90公里 inside a name: the target was read as part of it
        res: list = []
        _fill(body[i:], list(slots), cap, prefixed, {}, res)
        for cells, note in res:
            c = Cut(name, cells, note)
            found.setdefault(c.key(), c)
    return list(found.values())


@dataclass
class Segment:
    kind: str  # group | row
    text: str  # group label, or the row text after its number
    start: int  # offset in the joined text
    whole: str = ""  # the row as written, number included
    unmarked: bool = False  # cut out of rows run together without row numbers


def segments(text: str) -> list[Segment]:
    """Cut run-together text at group labels and row numbers. A row number is read as the one the
    sequence expects (指标12021年 after a group label is 指标1 + 2021年)."""
    out: list[Segment] = []
    groups = [m for m in V.split_regex().finditer(text) if V.group_label(m.group(0).rstrip(":"))]
    bounds = [(m.start(), m.end(), m.group(0)) for m in groups] + [(len(text), len(text), "")]
    pos = 0
    for gs, ge, label in bounds:  # numbering starts again at 1 after each group label
        _rows(text, pos, gs, 1, out, after_group=bool(out and out[-1].kind == "group"))
        if label:
            out.append(Segment("group", label.rstrip(":"), gs))
        pos = ge
    return out


def _rows(text: str, start: int, end: int, expect: int, out: list[Segment], after_group: bool) -> None:
    chunk = text[start:end]
    if not chunk:
        return
    cut_at: list[tuple[int, int]] = []  # (marker start, body start) within chunk
    i = 0
    if after_group and re.match(r"\d", chunk) and out[-1].text.endswith(V.vocab().get("group_suffix", "指标")):
        n = str(expect)
        if chunk.startswith(n):  # 生态效益指标1病害… : the label's 指标 is also the row's
            cut_at.append((0, len(n)))
            expect += 1
            i = len(n)
    for m in marker_regex().finditer(chunk, i):
        digits = m.group("n")
        n = str(expect)
        take = n if digits.startswith(n) else digits
        body = m.start("n") + len(take)
        while body < len(chunk) and chunk[body] in ":：、.． ":
            body += 1
        cut_at.append((m.start(), body))
        expect = int(take) + 1
    head = chunk[: cut_at[0][0]] if cut_at else chunk
    if head.strip():
        if out and out[-1].kind == "row" and not after_group:
            out[-1].text += head  # the end of the previous row, carried over a line break
            out[-1].whole += head
        else:
            out.append(Segment("row", head, start, head))
    for k, (ms, bs) in enumerate(cut_at):
        stop = cut_at[k + 1][0] if k + 1 < len(cut_at) else len(chunk)
        out.append(Segment("row", chunk[bs:stop], start + ms, chunk[ms:stop]))


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


_CJK = re.compile(r"[\u4e00-\u9fff（(“《]")
MAX_ROWS_PER_RUN = 40


@functools.lru_cache(maxsize=4096)
def _n_cuts(body: str, slots: tuple[str, ...], cap: Decimal) -> int:
    return len(cuts(body, list(slots), cap, False))


def split_unmarked(body: str, slots: list[str], cap: Decimal) -> list[tuple[int, int]] | None:
    """Rows run together with no row numbers (名称≥35公里39公里1111名称≥10座10座1010): where the
    header's last value column is a bare number (分值/得分), a row can only end where digits meet the
    next row's name. Of all the ways to cut there, keep the one in which every piece reads as exactly
    one row; None when there is no such way, or more than one."""
    if len(slots) < 2 or slots[-1] not in ("score.weight", "score.value") or len(body) > 2000:
        return None
    cands = [0] + [p for p in range(1, len(body)) if body[p - 1].isdigit() and _CJK.match(body[p])] + [len(body)]
    if len(cands) > 3 * MAX_ROWS_PER_RUN:
        return None
    ways = {0: 1}
    back: dict[int, int] = {}
    for j in cands[1:]:
        n = 0
        for i in cands:
            if i >= j or i not in ways:
                continue
            if _n_cuts(body[i:j], tuple(slots), cap) == 1:
                n += ways[i]
                back[j] = i
        if n:
            ways[j] = min(n, 2)
    end = len(body)
    if ways.get(end) != 1:
        return None
    out, j = [], end
    while j:
        out.append((back[j], j))
        j = back[j]
    return out[::-1] if len(out) >= 2 else None
