"""自评表 forms: recognise them in any format, read them (form_reader) and turn them into Figures.
Other extractors call `is_form_table(table)` to leave form tables to this module."""

from __future__ import annotations

import re

from extractor.extract import register
from extractor.extract import form_vocab as V
from extractor.extract import headers as H
from extractor.extract.form_model import Form, Val
from extractor.extract.form_header import FUND_ONLY, IND_ONLY
from extractor.extract.form_reader import read_forms
from extractor.model import Document, Figure, Table

def document_forms(doc: Document) -> list[Form]:
    """The forms of a document, read once (the extractor and the checks share them)."""
    cached = doc.__dict__.get("_forms")
    if cached is None:
        cached = read_forms(doc) if V.looks_like_form(_plain_text(doc)) else []
        doc.__dict__["_forms"] = cached
    return cached


MAX_CELL_PARAGRAPH = 300  # a longer paragraph is a document run together (form and text): shared


def form_paragraphs(doc: Document) -> frozenset[int]:
    """Paragraphs (by number) that the form reader read as part of a form: other readers leave them
    alone, so one row is read once, the same way for every check. A paragraph holding a whole form
    run together with its surrounding text is not claimed: its text parts belong to the others."""
    cached = doc.__dict__.get("_form_paragraphs")
    if cached is None:
        long = {p.location.paragraph for p in doc.paragraphs() if len(p.text) > MAX_CELL_PARAGRAPH}
        cached = frozenset(loc.paragraph for f in document_forms(doc) for loc in f.locations()
                           if loc is not None and loc.paragraph is not None and loc.table is None
                           and loc.paragraph not in long)
        doc.__dict__["_form_paragraphs"] = cached
    return cached


def _plain_text(doc: Document) -> str:
    """All paragraph and cell texts (linear in the number of cells, unlike building grids)."""
    parts = [p.text for p in doc.paragraphs()]
    for t in doc.tables():
        parts.extend(c.text for c in t.cells)
    return "\n".join(parts)


FORM_TEXT_ROLES = {"level1", "level2", "level3", "indicator.target", "indicator.actual"}


def is_form_text(text: str) -> bool:
    """A paragraph that is part of a 自评表 flattened into text: '|' cells, an indicator-table header
    word of four or more characters (年度指标值, 一级指标), a fund-block row label (年度资金总额), the
    年度总体目标 label, or two indicator group names. One test for every reader."""
    if "|" in text:
        return True
    t = V.norm(text)
    hits = sorted((t.find(f), f) for f, role in H.exact_forms().items() if len(f) >= 4 and role in FORM_TEXT_ROLES and f in t)
    if hits and len(t) <= 12:
        return True  # a header cell on its own line
    # two header words with no clause break between them are a header row run together; in a sentence
    # (年初目标值≥90%，实际完成值≥95%) they are prose, read by the narrative reader
    words: list[tuple[int, str]] = []
    for a, f in hits:  # one word per place: 实际完成值, not also the 实际完成 inside it
        if words and a < words[-1][0] + len(words[-1][1]):
            if len(f) > len(words[-1][1]) and a == words[-1][0]:
                words[-1] = (a, f)
            continue
        words.append((a, f))
    if any(not re.search(r"[,;。，；]", t[a + len(fa):b]) for (a, fa), (b, _) in zip(words, words[1:])):
        return True
    v = V.vocab()
    if any(w in t for w in v["fund_rows"]["total"] if len(w) >= 4) or any(w in t for w in v["goal_labels"][:1]):
        return True
    return len(V.groups_named(t)) >= 2


def is_form_table(table: Table) -> bool:
    """True when the table is (part of) a 自评表: its header cells name form columns by meaning
    (年初预算数/全年执行数/执行率/分值/得分, or 一级指标/年度指标值/实际完成值/分值/得分), or its first
    rows carry a form title."""
    texts = [c.text for c in table.cells if c.row <= 12 and c.text.strip()]
    if (table.caption and V.is_title(table.caption)) or any(V.is_title(t) for t in texts[:6]):
        return True
    roles = {V.header_role(t) for t in texts if len(t) <= 24}
    roles.discard(None)
    fund = roles & FUND_ONLY
    ind = roles & IND_ONLY
    scores = roles & {"score.weight", "score.value"}
    return (len(fund) >= 2 and bool(scores)) or (len(ind) >= 3 and bool(scores)) or len(ind) >= 4


def _fig(label: str, role: str, v: Val, quote: str, meta: list[tuple[str, object]]) -> Figure | None:
    if v is None or v.q is None:
        return None
    return Figure(label=label, role=role, quantity=v.q, location=v.loc, quote=quote or v.text,
                  meta=tuple((k, x) for k, x in meta if x not in (None, "")))


@register("forms")
def form_figures(doc: Document):
    for f in document_forms(doc):
        base = [("form", f.index), ("form_title", f.title[:60]), ("form_year", f.year)]
        for r in f.fund_rows:
            for role, v in r.values.items():
                kind = {"score.weight": "score.weight", "score.value": "score.value"}.get(role, role)
                fig = _fig(r.label, kind, v, r.quote, base + [("block", "fund"), ("table_role", r.kind),
                                                             ("alignment", r.aligned)])
                if fig:
                    yield fig
        for g in f.groups:
            fig = _fig(g.level1, "score.weight", g.weight, g.quote, base + [("level1", g.level1), ("block", "group")])
            if fig:
                yield fig
        for r in f.indicators:
            meta = base + [("block", "indicator"), ("level1", r.level1), ("level2", r.level2), ("level3", r.name),
                           ("comparator", r.comparator or (r.target.q.comparator if r.target and r.target.q else None)),
                           ("unit", r.unit), ("reliable", r.reliable)]
            for attr, role in (("target", "indicator.target"), ("actual", "indicator.actual"),
                               ("weight", "score.weight"), ("score", "score.value")):
                fig = _fig(r.name, role, getattr(r, attr), r.quote, meta)
                if fig:
                    yield fig
        for v, role in ((f.total_weight, "score.total"), (f.total_score, "score.total")):
            fig = _fig("总分", role, v, f.total_quote,
                       base + [("block", "total"), ("column", "分值" if v is f.total_weight else "得分")])
            if fig:
                yield fig
