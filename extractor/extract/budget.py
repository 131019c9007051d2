"""Budget figures from tables and running text (roles 年初预算/调整/调整后预算/执行数/执行率/分值/得分).

`analyse(doc)` is the shared analysis the BG checks use (tables + text statements + breakdowns);
the registered extractor turns it into Figures."""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractor.extract import register
from extractor.extract.budget_tables import BTable, analyse_tables, table_figures
from extractor.extract.budget_text import TextAnalysis, analyse_text
from extractor.model import Document, Figure


@dataclass
class BudgetAnalysis:
    tables: list[BTable]
    text: TextAnalysis


_CACHE: dict[int, tuple[Document, BudgetAnalysis]] = {}


def analyse(doc: Document) -> BudgetAnalysis:
    """Budget structure of `doc`; computed once per document object (extractor and checks share it)."""
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    res = BudgetAnalysis(analyse_tables(doc), analyse_text(doc))
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc, res)
    return res


@register("budget")
def budget_figures(doc: Document) -> list[Figure]:
    a = analyse(doc)
    out: list[Figure] = []
    for bt in a.tables:
        out.extend(table_figures(bt))
    for tf in a.text.figures:
        fig = tf.figure
        if tf.role != fig.role:
            fig = replace(fig, role=tf.role)
        if tf.breakdown_item:
            fig = replace(fig, meta=fig.meta + (("breakdown_item", True),))
        out.append(fig)
    return out
