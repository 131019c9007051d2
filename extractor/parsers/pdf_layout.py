"""PDF text layout: chars (pdfplumber dicts) into visual lines with the right spaces.

Chinese text gets no spaces (pdfplumber inserts them between CJK characters and around digits,
and on justified lines between every character); Latin words keep theirs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F
        or ch in "“”‘’—…·、"
    )


def _space_between(a: str, b: str) -> bool:
    """Whether a gap between the chars a and b is a real separator (never next to Chinese)."""
    return not (is_cjk(a) or is_cjk(b))


def join_lines(a: str, b: str) -> str:
    """Join two wrapped lines: a space only between two Latin words (not inside a number)."""
    if a and b and a[-1].isascii() and b[0].isascii() and a[-1].isalpha() and b[0].isalnum():
        return a + " " + b
    return a + b


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    lead: float = 0.0  # width of the line's first unbreakable run: did it fit on the line before?
    boxes: list = field(default_factory=list)  # TextBox pieces, offsets into `text`


def text_boxes(pieces: list[tuple[int, int, tuple]], page: int, origin: tuple[float, float] = (0.0, 0.0),
               offset: int = 0) -> list:
    """line_text_boxes pieces -> TextBox list on `page`, character offsets moved by `offset`, boxes
    moved so (0, 0) is the top-left corner of the visible page (its crop box: what a renderer draws)."""
    from extractor.model import TextBox

    ox, oy = origin
    return [TextBox(s + offset, e + offset, page, (x0 - ox, t - oy, x1 - ox, b - oy))
            for s, e, (x0, t, x1, b) in pieces]


def texts_boxes(parts: list[tuple[str, list]]) -> tuple[str, list]:
    """Join (text, boxes) pieces as join_lines joins texts, moving each piece's boxes to its offset."""
    text, boxes = "", []
    for t, bs in parts:
        joined = join_lines(text, t)
        off = len(joined) - len(t)
        boxes.extend(replace(b, start=b.start + off, end=b.end + off) for b in bs)
        text = joined
    return text, boxes


def dedupe(chars: list[dict], tol: float = 1.0) -> list[dict]:
    """Drop a char drawn again at (almost) the same place with the same text: office suites fake bold
    that way. O(n) with a grid hash instead of pdfplumber's clustering (which costs ~0.5 s/document)."""
    seen: dict[tuple, list[dict]] = {}
    out = []
    for c in chars:
        t = c["text"]
        if t.isspace():
            out.append(c)
            continue
        x, y = c["x0"], c["top"]
        kx, ky = int(x // tol), int(y // tol)
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in seen.get((t, kx + dx, ky + dy), ()):
                    if abs(o["x0"] - x) <= tol and abs(o["top"] - y) <= tol and o["size"] == c["size"]:
                        dup = True
                        break
                if dup:
                    break
            if dup:
                break
        if not dup:
            seen.setdefault((t, kx, ky), []).append(c)
            out.append(c)
    return out


def group_lines(chars: list[dict]) -> list[list[dict]]:
    """Chars into visual lines: a char whose top lies above the middle of the current line joins it."""
    lines: list[list[dict]] = []
    cur: list[dict] = []
    mid = None
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if cur and c["top"] < mid:
            cur.append(c)
            continue
        if cur:
            lines.append(cur)
        cur = [c]
        mid = (c["top"] + c["bottom"]) / 2
    if cur:
        lines.append(cur)
    for ln in lines:
        ln.sort(key=lambda c: c["x0"])
    return lines


def char_box(c: dict) -> tuple[float, float, float, float]:
    """Where a char was drawn on the page (before a sideways page was turned back for reading)."""
    return c.get("page_box") or (c["x0"], c["top"], c["x1"], c["bottom"])


def line_text(chars: list[dict], wide: float = 0.0) -> str:
    """Text of one visual line: literal spaces and gaps become one space only between non-CJK chars;
    with `wide`, a gap wider than wide x font size is a space anyway (columns of an unruled table)."""
    return line_text_boxes(chars, wide)[0]


def line_text_boxes(chars: list[dict], wide: float = 0.0) -> tuple[str, list[tuple[int, int, tuple]]]:
    """line_text plus where its characters were drawn: (start, end, bbox) pieces. A run of Chinese
    chars (glyphs of one width) is one piece, cut at spaces and visual gaps; every other char (digits,
    signs, Latin, whose widths differ) and every char of a turned page is a piece of its own, so a
    figure's box is exact."""
    out: list[str] = []
    pieces: list[list] = []  # [start, end, x0, top, x1, bottom]
    n = 0
    prev = None  # last non-space char
    pending = False  # a space char or a wide gap since prev
    cur_cjk = None
    for c in chars:
        t = c["text"]
        if t.isspace():
            pending = True
            continue
        cut = prev is None
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            size = c["size"] or 10
            apart = pending or gap > 0.2 * size
            if apart and _space_between(prev["text"][-1], t[0]) or wide and gap > wide * size:
                out.append(" ")
                n += 1
            cut = apart or (wide and gap > wide * size)
        cjk = is_cjk(t[0])
        x0, top, x1, bottom = char_box(c)
        if cut or not (cjk and cur_cjk) or "page_box" in c:
            pieces.append([n, n + len(t), x0, top, x1, bottom])
        else:
            p = pieces[-1]
            p[1] = n + len(t)
            p[2], p[3], p[4], p[5] = min(p[2], x0), min(p[3], top), max(p[4], x1), max(p[5], bottom)
        cur_cjk = cjk
        out.append(t)
        n += len(t)
        prev, pending = c, False
    return "".join(out), [(p[0], p[1], (p[2], p[3], p[4], p[5])) for p in pieces]


def load_objects(page) -> None:
    """Fill pdfplumber's object cache, building the char dicts ourselves: pdfplumber's generic
    per-object conversion costs about a third of reading a page, and chars are nearly all objects.
    Other objects (rects, lines, curves, images) go through pdfplumber as usual, so its table finder
    sees exactly what it would see. Falls back to pdfplumber when its internals are not as expected."""
    if not hasattr(page, "process_object") or getattr(getattr(page, "pdf", None), "unicode_norm", None):
        return
    from pdfminer.layout import LTChar, LTContainer

    height, number = page.height, page.page_number
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    objects: dict[str, list[dict]] = {}
    chars: list[dict] = []

    def walk(items) -> None:
        for o in items:
            if isinstance(o, LTChar):
                top = height - o.y1 + mb_top
                chars.append({
                    "object_type": "char", "page_number": number, "text": o.get_text(),
                    "fontname": o.fontname, "size": o.size, "matrix": o.matrix, "upright": o.upright,
                    "x0": o.x0 + mb_x0, "x1": o.x1 + mb_x0, "y0": o.y0, "y1": o.y1, "width": o.width,
                    "height": o.height, "top": top, "bottom": height - o.y0 + mb_top, "doctop": doctop + top,
                })
            elif isinstance(o, LTContainer):
                walk(o._objs)
            else:
                d = page.process_object(o)
                if d["object_type"] != "anno":
                    objects.setdefault(d["object_type"], []).append(d)

    walk(page.layout._objs)
    if chars:
        objects["char"] = chars
    page._objects = objects


def visible_chars(page) -> tuple[list[dict], "Rotation | None"]:
    """Chars inside the page box (unless that would drop most of them: a box that does not match the
    text). Rotated chars (a diagonal watermark) are dropped when most text is upright; when most text
    runs sideways (a page turned by 90°), all chars are turned back and the Rotation is returned."""
    all_chars = page.chars
    x0, top, x1, bottom = getattr(page, "bbox", (0, 0, float("inf"), float("inf")))
    chars = [c for c in all_chars if c["x1"] > x0 and c["x0"] < x1 and c["bottom"] > top and c["top"] < bottom]
    if len(chars) * 2 < len(all_chars):
        chars = list(all_chars)
    upright = [c for c in chars if _straight(c)]
    if len(upright) * 2 >= len(chars):
        return upright, None
    chars = [c for c in chars if _straight(c, sideways=True)] or chars
    rot = Rotation.of(chars, max(float(page.width), float(page.height), max(c["x1"] for c in chars),
                                 max(c["bottom"] for c in chars)))
    return [rot.char(c) for c in chars], rot


def _straight(c: dict, sideways: bool = False) -> bool:
    """Baseline horizontal (or, with `sideways`, vertical): not a diagonal watermark. Only the
    baseline counts, so slanted (fake italic) text stays."""
    m = c.get("matrix")
    if not m:
        return c.get("upright", True) != sideways
    a, b = abs(m[0]), abs(m[1])
    return a < 0.1 * b if sideways else b < 0.1 * a


@dataclass
class Rotation:
    """Turns a sideways page back: text running down the page (clockwise, `down`) or up it."""

    down: bool
    extent: float  # the page's long side: coordinates are mirrored against it

    @classmethod
    def of(cls, chars: list[dict], extent: float) -> "Rotation":
        steps = [b["top"] - a["top"] for a, b in zip(chars, chars[1:]) if abs(b["x0"] - a["x0"]) < 2]
        return cls(down=sum(1 for d in steps if d > 0) >= sum(1 for d in steps if d < 0), extent=extent)

    def box(self, b: tuple) -> tuple:
        x0, top, x1, bottom = b
        if self.down:
            return (top, self.extent - x1, bottom, self.extent - x0)
        return (self.extent - bottom, x0, self.extent - top, x1)

    def char(self, c: dict) -> dict:
        x0, top, x1, bottom = self.box((c["x0"], c["top"], c["x1"], c["bottom"]))
        return {**c, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "upright": True,
                "page_box": (c["x0"], c["top"], c["x1"], c["bottom"])}


def lead_width(chars: list[dict]) -> float:
    """Width of the first word (a run of Latin letters, digits, separators) or the first char."""
    end = chars[0]["x1"]
    for c in chars:
        t = c["text"]
        if t.isspace() or not t.isascii():
            break
        end = c["x1"]
    return end - chars[0]["x0"]


def mode(values) -> float:
    return Counter(round(v, 1) for v in values).most_common(1)[0][0]
