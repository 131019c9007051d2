"""Outline: recognise headings by their numbering (一、 （一） 1. （1） 一是) and give every block its section path."""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.model import Document, Paragraph, Table

# Outline levels of Chinese official documents (GB/T 9704): 一、 > （一） > 1. > （1） > 一是/①.
_CN = "[一二三四五六七八九十]+"
HEADING_PATTERNS: list[tuple[int, re.Pattern]] = [
    (1, re.compile(rf"^\s*({_CN})\s*[、，,.．]")),
    (2, re.compile(rf"^\s*[（(]\s*({_CN})\s*[)）]")),
    (3, re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[)）]")),
    (5, re.compile(rf"^\s*({_CN})是")),
    (5, re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩])")),
]
MAX_HEADING_CHARS = 60  # a numbered line longer than this is a list item of body text, not a title


def heading_level(text: str) -> tuple[int, str] | None:
    """(level, number) when the paragraph starts with an outline number."""
    for level, pat in HEADING_PATTERNS:
        m = pat.match(text)
        if m:
            return level, m.group(1)
    return None


def assign_sections(doc: Document) -> Document:
    """Set `heading` on numbered paragraphs (short ones, or style-marked ones) and `section` on every
    block's location: the path of numbers of the enclosing headings, e.g. 二/（一）/1."""
    stack: list[tuple[int, str]] = []
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            hl = heading_level(b.text)
            level = b.heading
            number = None
            if hl and (level is not None or len(b.text.strip()) <= MAX_HEADING_CHARS):
                level, number = hl[0], hl[1]
            if level is not None:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, _label(level, number) if number else b.text.strip()[:12]))
                b = replace(b, heading=level)
        path = "/".join(lbl for _, lbl in stack) or None
        if isinstance(b, Table):
            b.location = replace(b.location, section=path)
            for c in b.cells:
                c.location = replace(c.location, section=path)
        else:
            b = replace(b, location=replace(b.location, section=path))
        out.append(b)
    doc.blocks = out
    return doc


def _label(level: int, number: str) -> str:
    return {1: f"{number}", 2: f"（{number}）", 3: f"{number}", 4: f"（{number}）", 5: f"{number}是"}.get(level, number)
