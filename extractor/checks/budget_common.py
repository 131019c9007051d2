"""Shared helpers of the BG checks: the budget analysis (computed once per run) and cell evidence.
Registers no check."""

from __future__ import annotations

from extractor.checks import Context
from extractor.extract.budget import BudgetAnalysis, analyse
from extractor.extract.budget_tables import BRow
from extractor.model import Evidence


def budget(ctx: Context) -> BudgetAnalysis:
    return ctx.shared("budget", lambda: analyse(ctx.doc))


def cell_evidence(cell, row: BRow, role: str) -> Evidence:
    """Evidence for a budget table cell, quoted with its row label."""
    return Evidence(quote=f"{row.label}\t{cell.text}".strip(), role=role, location=cell.location, value=cell.text)
