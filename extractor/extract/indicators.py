"""Indicator facts of narrative text as Figures (indicator.target / .claim / .actual), with goal, group,
level, part and what each was paired with, so a reviewer can see the alignment the checks used."""

from __future__ import annotations

from typing import Iterable

from extractor.extract import register
from extractor.extract.align import analyse
from extractor.model import Document, Figure


@register("indicators.narrative")
def indicator_figures(doc: Document) -> Iterable[Figure]:
    al = analyse(doc)
    for f in al.outline.facts:
        meta = [("goal", f.goal), ("statement", f.occurrence + 1), ("part", f.part),
                ("group", f.group2 or f.group1), ("level", 2 if f.group2 else (1 if f.group1 else None)),
                ("group1", f.group1)]
        if f.completion is not None:  # the rate of the plan the text says this result is
            meta.append(("completion", f.completion.raw))
        if f.listed:  # no figure written: the number of items the clause lists
            meta.append(("listed", "按列举的项数计"))
        pairs = al.paired(f)
        if pairs:
            others = [(p.right if p.left == f else p.left, p.score) for p in pairs]
            meta.append(("paired_with", "；".join(f"{o.quantity.raw}（{o.role}，{o.location}，相似度{s}）"
                                                 for o, s in others)))
        yield Figure(label=f.name, role=f"indicator.{f.role}", quantity=f.quantity, location=f.location,
                     quote=f.quote, meta=tuple((k, v) for k, v in meta if v is not None))
