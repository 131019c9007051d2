"""Sentences and clauses of running text: where a sentence or a clause starts, and whether a position
stands inside brackets. Shared by the budget text reader and the BG checks."""

from __future__ import annotations

SENT_END = "。！？!?\n"
CLAUSE_END = "，,；;：:、" + SENT_END


def boundary(text: str, i: int, ends: str = CLAUSE_END) -> bool:
    """A clause ends at text[i]; an ASCII comma between digits is a thousands separator, not an end."""
    ch = text[i]
    if ch not in ends:
        return False
    if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    return True


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding text[pos], not before `floor`."""
    i = pos - 1
    while i >= floor and not boundary(text, i):
        i -= 1
    return i + 1


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENT_END:
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def in_paren(text: str, pos: int, sent_start: int) -> bool:
    """Does `pos` stand inside brackets opened since `sent_start`?"""
    seg = text[sent_start:pos]
    return (seg.count("（") + seg.count("(")) > (seg.count("）") + seg.count(")"))
