"""Figures read by OCR: their recognition confidence and doubtful characters travel with them, and an
error- or warning-level finding that rests on a doubtful figure becomes not_checkable (one place, for
every check).

`annotate` gives each figure that comes from an OCR'd paragraph or cell the meta `ocr_confidence`
(the lowest confidence over the characters of its number), `ocr_doubt` (why its reading is uncertain:
a character under the threshold or a known confusion, see patterns/ocr.yaml) and, where its location
has no bounding box yet, the box of its characters. `downgrade` turns an error or warning whose
evidence includes a doubtful figure into an info not_checkable that names the doubtful characters."""

from __future__ import annotations

from dataclasses import replace

from extractor.model import Cell, Document, Figure, Finding, Location, Paragraph, span_bbox

VALUE_CHARS = frozenset("0123456789.-+")  # a separator or a unit does not change the value read
CONFIDENCE = "ocr_confidence"
DOUBT = "ocr_doubt"


def _key(loc: Location) -> tuple:
    return ("c", loc.table, loc.row, loc.col) if loc.table is not None else ("p", loc.paragraph)


def _index(doc: Document) -> dict[tuple, Paragraph | Cell]:
    """Blocks that carry OCR readings (a box with a confidence), by location key."""
    out: dict[tuple, Paragraph | Cell] = {}
    for p in doc.paragraphs():
        if p.boxes and p.boxes[0].confidence is not None:
            out[_key(p.location)] = p
    for t in doc.tables():
        for c in t.cells:
            if c.boxes and c.boxes[0].confidence is not None:
                out[_key(c.location)] = c
    return out


def _span(text: str, fig: Figure) -> tuple[int, int]:
    """Where the figure's own characters are in its block: its span, narrowed to its raw text."""
    s, e = fig.location.span or (0, len(text))
    raw = fig.quantity.raw
    i = text.find(raw, s, max(e, s + len(raw))) if raw else -1
    return (i, i + len(raw)) if i >= 0 else (s, e)


def annotate(doc: Document, figures: list[Figure]) -> list[Figure]:
    """Figures with their OCR confidence, doubts and character box (unchanged for text-layer input)."""
    index = _index(doc)
    if not index:
        return figures
    out = []
    for f in figures:
        block = index.get(_key(f.location))
        if block is None or any(k == CONFIDENCE for k, _ in f.meta):
            out.append(f)
            continue
        s, e = _span(block.text, f)
        confs = [b.confidence for b in block.boxes
                 if b.start < e and s < b.end and block.text[b.start:b.end] in VALUE_CHARS]
        meta = list(f.meta)
        if confs:
            meta.append((CONFIDENCE, f"{min(confs):.2f}"))
        reasons = list(dict.fromkeys(d.reason for d in block.doubts if d.start < e and s < d.end))
        if reasons:
            meta.append((DOUBT, "；".join(reasons)))
        loc = f.location
        if loc.bbox is None:
            found = span_bbox(block.boxes, s, e)
            if found:
                loc = loc.with_(page=loc.page or found[0], bbox=found[1])
        out.append(replace(f, location=loc, meta=tuple(meta)))
    return out


def _ev_keys(loc: Location, value: str | None) -> list[tuple]:
    base = (loc.page, loc.paragraph, loc.table, loc.row, loc.col)
    return [base + (loc.span, value), base + (None, value)]


def downgrade(findings: list[Finding], figures: list[Figure]) -> list[Finding]:
    """An error or warning whose evidence is a doubtful OCR figure becomes not_checkable (severity
    info): a doubtful digit is no basis for a judgement of either weight. The message keeps the
    original judgement and names the doubtful characters."""
    doubtful: dict[tuple, str] = {}
    for f in figures:
        reason = dict(f.meta).get(DOUBT)
        if reason:
            for k in _ev_keys(f.location, f.quantity.raw):
                doubtful.setdefault(k, f"{f.quantity.raw}：{reason}")
    if not doubtful:
        return findings
    for fd in findings:
        if fd.severity not in ("error", "warning"):
            continue
        reasons = []
        for ev in fd.evidence:
            for k in _ev_keys(ev.location, ev.value):
                if k in doubtful:
                    reasons.append(doubtful[k])
                    break
        if reasons:
            was = fd.severity
            fd.kind, fd.severity = "not_checkable", "info"
            fd.message = (f"扫描件 OCR 读数存疑，不作为{'错误' if was == 'error' else '警告'}（{'；'.join(dict.fromkeys(reasons))}），请对照原件核实。"
                          f"原判断：{fd.message}")
    return findings
