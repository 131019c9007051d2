"""Run-together indicator text cut into rows: at group labels (also one a scan misread by a character,
where its bracketed weight marks it) and row numbers (指标1, 指标2 …), and rows run together without
numbers cut where digits (or a closing 是/否) meet the next row's name and every piece reads as one
row (form_rows.cuts)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_rows import cuts, marker_regex


@dataclass
class Segment:
    kind: str  # group | row
    text: str  # group label, or the row text after its number
    start: int  # offset in the joined text
    whole: str = ""  # the row as written, number included
    unmarked: bool = False  # cut out of rows run together without row numbers


def segments(text: str, after_label: str = "") -> list[Segment]:
    """Cut run-together text at group labels and row numbers. A row number is read as the one the
    sequence expects (指标12021年 after a group label is 指标1 + 2021年); `after_label` is the group label
    the text follows, where it was read apart."""
    out: list[Segment] = []
    groups = [(m.start(), m.end(), m.group(0)) for m in V.split_regex().finditer(text)
              if V.group_label(m.group(0).rstrip(":"), True)]
    bounds = sorted(groups + _slipped_labels(text, groups)) + [(len(text), len(text), "")]
    pos = 0
    for gs, ge, label in bounds:  # numbering starts again at 1 after each group label
        label_before = out[-1].text if out and out[-1].kind == "group" else (after_label if not out else "")
        _rows(text, pos, gs, 1, out, label_before)
        if label:
            out.append(Segment("group", label.rstrip(":"), gs))
        pos = ge
    return out


_WEIGHT_AFTER_WORDS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _slipped_labels(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Group labels with their weight whose words a scan misread by one character (顼目产出(30分)): the
    words right before a bracketed weight, of a group name's length, one character from one name.
    Each is given as the name it stands for."""
    out = []
    lengths = sorted({len(n) for n in V.level1_names()} | {len(n) for n in V.level2_names()})
    for m in _WEIGHT_AFTER_WORDS.finditer(text):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        hits = {}
        for n in lengths:
            if m.start() - n < 0:
                continue
            g = V.group_label_slip(text[m.start() - n:m.end()])
            if g is not None:
                hits[n] = g
        if len(hits) == 1:
            (n, g), = hits.items()
            out.append((m.start() - n, m.end(), g[1] + g[3]))
    return out


def _rows(text: str, start: int, end: int, expect: int, out: list[Segment], label_before: str) -> None:
    chunk = text[start:end]
    if not chunk:
        return
    after_group = bool(label_before)
    cut_at: list[tuple[int, int]] = []  # (marker start, body start) within chunk
    i = 0
    if after_group and re.match(r"\d", chunk) and label_before.endswith(V.vocab().get("group_suffix", "指标")):
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


_CJK = re.compile(r"[\u4e00-\u9fff（(“《]")
MAX_ROWS_PER_RUN = 40


@functools.lru_cache(maxsize=4096)
def _filled(body: str, slots: tuple[str, ...], cap: Decimal) -> int | None:
    """The number of cells of the one cut of `body` as a row; None when it has no cut or several."""
    found = cuts(body, list(slots), cap, False)
    return len(found[0].cells) if len(found) == 1 else None


def split_unmarked(body: str, slots: list[str], cap: Decimal) -> list[tuple[int, int]] | None:
    """Rows run together with no row numbers (名称≥35公里39公里1111名称≥10座10座1010): where the
    header's last value column is a bare number (分值/得分), a row can only end where digits meet the
    next row's name. Of all the ways to cut there in which every piece reads as exactly one row, keep
    the one with the most rows (a name that swallows a whole row before it — 名称7一…规范7名称2一持续有效2 —
    is never the better reading); None when there is no such way, or more than one with that many rows."""
    last = [s for s in slots if s != "flag"][-1:]  # a 是/否 column after the scores may close the row
    if len(slots) < 2 or last[0] not in ("score.weight", "score.value") or len(body) > 2000:
        return None
    flags = tuple(V.vocab()["flag_values"]) if slots[-1] == "flag" else ()
    cands = [0] + [p for p in range(1, len(body)) if (body[p - 1].isdigit() or body[:p].endswith(flags) and flags)
                   and _CJK.match(body[p])] + [len(body)]
    if len(cands) > 3 * MAX_ROWS_PER_RUN:
        return None
    # position -> ((rows, cells filled) up to it, the most; ways to get them): more rows first, then
    # fewer cells left blank (是 closing a row, not opening the next row's name)
    best: dict[int, tuple[tuple[int, int], int]] = {0: ((0, 0), 1)}
    back: dict[int, int] = {}
    for j in cands[1:]:
        top, n = (0, 0), 0
        for i in cands:
            if i >= j or i not in best:
                continue
            cells = _filled(body[i:j], tuple(slots), cap)
            if cells is None:
                continue
            got, w = (best[i][0][0] + 1, best[i][0][1] + cells), best[i][1]
            if got > top:
                top, n, back[j] = got, w, i
            elif got == top:
                n += w
        if top[0]:
            best[j] = (top, min(n, 2))
    end = len(body)
    if best.get(end, ((0, 0), 0))[1] != 1:
        return None
    out, j = [], end
    while j:
        out.append((back[j], j))
        j = back[j]
    return out[::-1] if len(out) >= 2 else None
