"""Outline: recognise headings by their numbering (一、 （一） 1. （1） 一是 ①) or style and give every
block its section path (Location.section, e.g. "二/（一）/1/（2）")."""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.model import Document, Paragraph, Table

# Outline levels of Chinese official documents (GB/T 9704): 一、 > （一） > 1. > （1） > 一是/①.
_CN = "[一二三四五六七八九十]{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEADING_PATTERNS: list[tuple[int, re.Pattern]] = [
    (1, re.compile(rf"^\s*({_CN})\s*[、，,.．](?![、，,.．])")),
    (2, re.compile(rf"^\s*[（(]\s*({_CN})\s*[)）]")),
    (3, re.compile(r"^\s*(\d{1,2})\s*(?:[.．](?![\d.．])|、)")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[)）]")),
    (4, re.compile(r"^\s*(\d{1,2})\s*[)）]")),
    (5, re.compile(rf"^\s*({_CN})是")),
    (5, re.compile(rf"^\s*([{_CIRCLED}])")),
]
MAX_HEADING_CHARS = 60  # a numbered line longer than this is a list item of body text, not a title
# a numbered line that goes on after a colon or ends a sentence is a list item, not a title
_ITEM_BODY = re.compile(r"[:：]\s*\S|[。；;，,]\s*$")


def heading_level(text: str) -> tuple[int, str] | None:
    """(level, number) when the paragraph starts with an outline number."""
    for level, pat in HEADING_PATTERNS:
        m = pat.match(text)
        if m:
            return level, m.group(1)
    return None


def is_title(text: str) -> bool:
    """A numbered line is a title when it is short and is not itself a statement (1.产出指标 is;
    （1）数量指标：召开会议5次。 is a list item)."""
    t = text.strip()
    return len(t) <= MAX_HEADING_CHARS and not _ITEM_BODY.search(t)


def assign_sections(doc: Document) -> Document:
    """Set `heading` on titles (numbered short lines, or style-marked paragraphs) and `section` on
    every block's location: the path of the enclosing outline numbers, e.g. 二/（一）/1.

    A numbered list item (a long numbered line) is no heading, but it still opens its place in the
    outline: its own section ends with its number, and the text after it stays there until the next
    number of the same or a higher level.
    """
    stack: list[tuple[int, str]] = []
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            hl = heading_level(b.text)
            if hl:
                level, number = hl
                _push(stack, level, _label(level, number))
                b = replace(b, heading=level if (b.heading is not None or is_title(b.text)) else None)
            elif b.heading is not None:
                _push(stack, b.heading, b.text.strip()[:12].replace("/", "／") or "?")
        path = "/".join(lbl for _, lbl in stack) or None
        if isinstance(b, Table):
            _set_table_section(b, path)
        else:
            b = replace(b, location=replace(b.location, section=path))
        out.append(b)
    doc.blocks = out
    return doc


def _push(stack: list[tuple[int, str]], level: int, label: str) -> None:
    while stack and stack[-1][0] >= level:
        stack.pop()
    stack.append((level, label))


def _set_table_section(t: Table, path: str | None) -> None:
    t.location = replace(t.location, section=path)
    for c in t.cells:
        c.location = replace(c.location, section=path)
    for sub in t.nested:
        _set_table_section(sub, path)


def _label(level: int, number: str) -> str:
    if level in (2, 4) and not number.startswith("（"):
        return f"（{number}）"
    if level == 5 and number not in _CIRCLED:
        return f"{number}是"
    return number


def section_parts(section: str | None) -> list[str]:
    """The labels of a section path: "二/（一）/1" -> ["二", "（一）", "1"]."""
    return section.split("/") if section else []
