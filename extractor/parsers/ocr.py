"""OCR of one page image with rapidocr-onnxruntime (PP-OCR models shipped in the wheel, offline):
text boxes with the place and confidence of every character, the page turned upright (90°/180°) and
its skew measured, so tables and lines can be read on a straight page.

Optional: `pip install 'extractor[ocr]'`. Nothing here is imported on the text path.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass, field
from typing import Callable

from extractor.errors import ExtractError

INSTALL_HINT = "安装 OCR 支持：pip install 'extractor[ocr]'"
MAX_SIDE = 2400  # long side of the image the models see: ~200 dpi on A4, more only costs time
MAX_PAGES = 100  # pages of one file read by OCR; more is refused (hours of work, likely not a report)
TALL = 1.5  # a detected box this much taller than wide is a line of sideways text (as the engine reads it)

_engine = None
_threads: int | None = None
_on_page: Callable[[int, int], None] | None = None


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def configure(threads: int | None = None, on_page: Callable[[int, int], None] | None = None) -> None:
    """Threads the models may use (a batch worker gets its share of the cores) and a callback told
    (pages done, pages to read) after each page, for the progress line."""
    global _threads, _on_page
    _threads = threads
    _on_page = on_page


def page_done(done: int, total: int) -> None:
    if _on_page is not None:
        _on_page(done, total)


def require(what: str) -> None:
    """Raise the `scanned` error, saying how to get OCR, when the engine is not installed."""
    if not available():
        raise ExtractError("scanned", f"{what}，需要 OCR 才能读取，但未安装 OCR 组件：{INSTALL_HINT}")


def engine():
    """The OCR engine, loaded once per process (its models take ~0.5 s to load)."""
    global _engine
    if _engine is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:  # pragma: no cover - require() is called first
            raise ExtractError("scanned", f"OCR 组件无法加载：{INSTALL_HINT}") from None
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        kw = {}
        if _threads:
            kw = {"intra_op_num_threads": _threads, "inter_op_num_threads": 1}
        _engine = RapidOCR(**kw)
    return _engine


@dataclass
class Glyph:
    """One recognised character: its box on the straightened page, its box in the output space
    (PDF points or image pixels, as the page was given) and the recogniser's confidence."""

    text: str
    conf: float
    box: tuple[float, float, float, float]
    out: tuple[float, float, float, float]
    note: str | None = None  # why its reading is doubtful (a known confusion), for the auditor


@dataclass
class TextLine:
    """One detected text box (a line, or the part of a line between rules), in reading order."""

    glyphs: list[Glyph]
    box: tuple[float, float, float, float]  # on the straightened page
    conf: float

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass
class OcrPage:
    """What OCR read on one page, on the page turned upright and straightened."""

    number: int
    size: tuple[float, float]  # the page in output units (points or pixels), as given
    lines: list[TextLine]
    image: object  # the straightened grey page (numpy array), for finding ruling lines
    back: tuple  # 2x3 affine map: straightened page -> turned page (undoes the deskew)
    turns: int  # counter-clockwise quarter turns applied to the page to read it
    turned_size: tuple[int, int]  # (w, h) of the page before it was turned
    px: float  # output units per pixel of the page as read
    skew: float = 0.0  # degrees of small rotation measured and undone
    notes: list[str] = field(default_factory=list)

    @property
    def turned(self) -> int:
        return (self.turns * 90) % 360

    def to_out(self, points) -> list[tuple[float, float]]:
        """Points on the straightened page -> output units on the page as given."""
        (a, b, c), (d, e, f) = self.back
        w, h = self.turned_size
        out = []
        for x, y in points:
            ox, oy = _unturn_point(a * x + b * y + c, d * x + e * y + f, self.turns, w, h)
            out.append((ox * self.px, oy * self.px))
        return out

    def out_box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x0, top, x1, bottom = box
        return _aabb(self.to_out([(x0, top), (x1, top), (x1, bottom), (x0, bottom)]))


def _turn(img, k: int):
    import numpy as np

    return np.ascontiguousarray(np.rot90(img, k)) if k % 4 else img


def _unturn_point(x: float, y: float, k: int, w: int, h: int) -> tuple[float, float]:
    """A point on np.rot90(img, k) back onto img (w x h), k in 0..3 (counter-clockwise quarter turns)."""
    k %= 4
    if k == 1:
        return w - y, x
    if k == 2:
        return w - x, h - y
    if k == 3:
        return y, h - x
    return x, y


def _run(img):
    """Detect, classify and recognise on a grey image. Returns [(quad, tall, flipped, text, conf,
    positions, confs)]: `flipped` is the direction classifier's vote that the box is upside down,
    positions are the character centres (0..1 along the box)."""
    import cv2
    import numpy as np

    eng = engine()
    bgr = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    # the detector sees the page at full resolution: at ~150 dpi a form's small type loses decimal
    # points (a score of 86.75 read as 8675, sure of every digit), twice as fast but wrong
    quads, _ = eng.text_det(bgr)
    if quads is None or len(quads) == 0:
        return []
    quads = eng.sorted_boxes(quads)
    crops = eng.get_crop_img_list(bgr, quads)
    tall = [_is_tall(q) for q in quads]
    # the classifier only votes on the page's orientation: the page is turned as a whole, and its
    # verdict on a single long line is wrong often enough (a flipped line reads as nothing)
    _, cls, _ = eng.text_cls(crops)
    thresh = eng.text_cls.cls_thresh
    rec, _ = eng.text_rec(crops, True)
    out = []
    for q, t, (label, score), r in zip(quads, tall, cls, rec):
        text, conf = r[0], float(r[1])
        if not text:
            continue
        info = r[2]
        cols = [c for group in info[2] for c in group]
        confs = [float(c) for c in info[4]]
        n = max(float(info[0]), 1.0)
        if len(cols) != len(text) or len(confs) != len(text):
            cols = [(i + 0.5) * n / len(text) - 0.5 for i in range(len(text))]
            confs = confs if len(confs) == len(text) else [conf] * len(text)
        pos = [(c + 0.5) / n for c in cols]
        flipped = "180" in str(label) and float(score) > thresh
        out.append((np.asarray(q, dtype=np.float32), t, flipped, text, conf, pos, confs))
    return out


def _is_tall(q) -> bool:
    w = max(math.dist(q[0], q[1]), math.dist(q[2], q[3]))
    h = max(math.dist(q[0], q[3]), math.dist(q[1], q[2]))
    return h >= TALL * max(w, 1.0)


def _orientation(found) -> int:
    """Quarter turns (counter-clockwise) that make the page upright, from the shape of the boxes and
    the direction classifier's verdicts, weighted by box length."""
    tall_w = wide_w = flip_tall = flip_wide = 0.0
    for q, tall, flipped, text, *_ in found:
        weight = len(text)
        if tall:
            tall_w += weight
            flip_tall += weight * flipped
        else:
            wide_w += weight
            flip_wide += weight * flipped
    if tall_w > wide_w and tall_w >= 10:
        # the engine turns a tall crop a quarter counter-clockwise before reading it: if that crop
        # then reads upright, so does the page turned the same way
        return 3 if flip_tall * 2 > tall_w else 1
    if wide_w and flip_wide * 2 > wide_w:
        return 2
    return 0


def _skew(img, found) -> float:
    """Small rotation of the page (degrees, clockwise positive in image coordinates). A first guess
    from the long text boxes, refined on the ink itself: the angle at which the rows of ink (text
    lines, table rules) are sharpest (largest variance of the row profile)."""
    import cv2
    import numpy as np

    angles = []
    for q, tall, _flipped, text, *_ in found:
        dx, dy = q[1][0] - q[0][0], q[1][1] - q[0][1]
        if not tall and dx > 6 * max(math.dist(q[0], q[3]), 1.0):
            angles.append((math.degrees(math.atan2(dy, dx)), dx))
    guess = _weighted_median(angles) if len(angles) >= 3 else 0.0
    h, w = img.shape[:2]
    small = min(1.0, 1000 / max(h, w))
    g = cv2.resize(img, (round(w * small), round(h * small)), interpolation=cv2.INTER_AREA) if small < 1 else img
    bw = cv2.adaptiveThreshold(g, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    ys, xs = np.nonzero(bw)
    if len(xs) < 500:
        return 0.0
    xs = xs.astype(np.float32) - g.shape[1] / 2
    ys = ys.astype(np.float32)

    def sharpness(a: float) -> float:
        t = math.radians(a)
        rows = (ys - xs * math.tan(t)).astype(np.int32)
        rows -= rows.min()
        return float(np.bincount(rows).astype(np.float64).var())

    best = guess
    for step, span in ((0.25, 3.0), (0.05, 0.25), (0.01, 0.05)):
        cands = [best + i * step for i in range(-round(span / step), round(span / step) + 1)]
        best = max(cands, key=sharpness)
    return best if 0.05 <= abs(best) <= 10 else 0.0


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    pairs.sort()
    half, acc = sum(w for _, w in pairs) / 2, 0.0
    for v, wt in pairs:
        acc += wt
        if acc >= half:
            return v
    return pairs[-1][0]


def read_page(gray, number: int, unit: float = 1.0) -> OcrPage:
    """OCR one grey page image (numpy uint8, H x W). `unit` converts its pixels to output units
    (72/dpi for a rendered PDF page, 1 for an image file). The page is reduced to MAX_SIDE first."""
    import cv2

    h0, w0 = gray.shape[:2]
    scale = min(1.0, MAX_SIDE / max(h0, w0))
    img = cv2.resize(gray, (round(w0 * scale), round(h0 * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else gray
    h1, w1 = img.shape[:2]
    found = _run(img)
    k = _orientation(found)
    turned_img = _turn(img, k)
    if k:
        found = _run(turned_img)
    angle = _skew(turned_img, found)
    th, tw = turned_img.shape[:2]
    rot = cv2.getRotationMatrix2D((tw / 2, th / 2), angle, 1.0)
    straight = cv2.warpAffine(turned_img, rot, (tw, th), flags=cv2.INTER_LINEAR, borderValue=255) if angle else turned_img
    back = cv2.invertAffineTransform(rot)
    page = OcrPage(number=number, size=(w0 * unit, h0 * unit), lines=[], image=straight,
                   back=tuple(tuple(float(v) for v in row) for row in back), turns=k, turned_size=(w1, h1),
                   px=unit / scale, skew=angle)

    def straighten(points):
        return [(rot[0][0] * x + rot[0][1] * y + rot[0][2], rot[1][0] * x + rot[1][1] * y + rot[1][2])
                for x, y in points]

    lines = []
    for q, tall, _flipped, text, conf, pos, confs in found:
        lines.append(_line(q, tall, text, conf, pos, confs, straighten, page.to_out))
    from extractor.parsers.ocr_doubt import mark_confusions

    lines = [ln for ln in lines if ln.glyphs]
    lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    mark_confusions(lines)
    page.lines = lines
    return page


def read_crop(page: OcrPage, box: tuple[float, float, float, float]) -> TextLine | None:
    """Recognise one box of the straightened page without detection: the ink of a table cell that the
    detector missed in part (a lone ≥ or %, the thin 1 of a 10)."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = (int(round(v)) for v in box)
    crop = page.image[max(0, top):bottom, max(0, x0):x1]
    if crop.shape[0] < 4 or crop.shape[1] < 4:
        return None
    rec, _ = engine().text_rec([cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_GRAY2BGR)], True)
    text, conf, info = rec[0][0], float(rec[0][1]), rec[0][2]
    if not text:
        return None
    n = max(float(info[0]), 1.0)
    cols = [c for group in info[2] for c in group]
    confs = [float(c) for c in info[4]]
    if len(cols) != len(text) or len(confs) != len(text):
        cols = [(i + 0.5) * n / len(text) - 0.5 for i in range(len(text))]
        confs = [conf] * len(text)
    quad = np.array([(x0, top), (x1, top), (x1, bottom), (x0, bottom)], dtype=np.float32)
    line = _line(quad, False, text, conf, [(c + 0.5) / n for c in cols], confs, lambda pts: pts, page.to_out)
    from extractor.parsers.ocr_doubt import mark_confusions

    mark_confusions([line])
    return line if line.glyphs else None


def _line(q, tall, text, conf, pos, confs, straighten, to_out) -> TextLine:
    """Character boxes from their positions along the detected box: the box is cut across its reading
    direction at the midpoints between neighbouring characters."""
    if tall:  # read top to bottom along the box's left/right edges
        a0, a1, b0, b1 = q[0], q[3], q[1], q[2]
    else:
        a0, a1, b0, b1 = q[0], q[1], q[3], q[2]
    n = len(text)
    gaps = sorted(abs(pos[i + 1] - pos[i]) for i in range(n - 1))
    half = (gaps[len(gaps) // 2] / 2) if gaps else 0.5
    glyphs = []
    for i, (ch, p, c) in enumerate(zip(text, pos, confs)):
        t0, t1 = max(0.0, p - half), min(1.0, p + half)
        pts = []
        for t in (t0, t1):
            pts.append((a0[0] + t * (a1[0] - a0[0]), a0[1] + t * (a1[1] - a0[1])))
            pts.append((b0[0] + t * (b1[0] - b0[0]), b0[1] + t * (b1[1] - b0[1])))
        sp = straighten(pts)
        op = to_out(sp)
        glyphs.append(Glyph(ch, c, _aabb(sp), _aabb(op)))
    box = _aabb(straighten([tuple(p) for p in q]))
    return TextLine(glyphs=_clean_spaces(glyphs), box=box, conf=conf)


def _aabb(pts) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))


def _clean_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """The recogniser emits spaces between Chinese and digits as pdfplumber does; keep a space only
    between two Latin words (a letter on one side, a letter or digit on the other)."""
    out = []
    for i, g in enumerate(glyphs):
        if g.text.isspace():
            prev = out[-1].text if out else ""
            nxt = next((x.text for x in glyphs[i + 1:] if not x.text.isspace()), "")
            if not (prev.isascii() and nxt.isascii() and prev.isalnum() and nxt.isalnum()
                    and (prev.isalpha() or nxt.isalpha())) or out and out[-1].text == " ":
                continue
            g = Glyph(" ", g.conf, g.box, g.out)
        out.append(g)
    while out and out[-1].text == " ":
        out.pop()
    return out


def thread_share(jobs: int) -> int:
    return max(1, (os.cpu_count() or 1) // max(1, jobs))
