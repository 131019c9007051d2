"""Fund rows of a form (年度资金总额 and its 其中 rows): labels open rows, the cells after a label are
kept as read (with their grid column when known) until the form's columns are decided."""

from __future__ import annotations

import re

from extractor.extract import form_vocab as V
from extractor.extract.form_kinds import Kind
from extractor.extract.form_model import Form, FundRow, Raw, Tok, Val
from extractor.quantities import normalize_digits

NUMERIC = re.compile(r"^[\d.,%％]+$")


class FundMixin:
    def _fund_label(self, tok: Tok, kind: str, label: str) -> None:
        f = self._ensure_form(tok)
        if self.mode != "fund":
            self._close_row()
            self.mode = "fund"
        self._close_fund()
        named = V.named_fund_row(tok.text)
        if kind == "total" and f.total_row is not None:
            f.total_row.named = f.total_row.named or named
            self.fund = None  # a total label after its (unlabelled) values
            return
        self._pending_total(f)
        self.fund = FundRow(label, kind, tok.loc, quote=tok.quote or tok.text, block=len(f.blocks), named=named)
        self.fund.qizhong = V.norm(tok.text).startswith(tuple(V.norm(p) for p in V.vocab()["fund_rows"].get("prefixes", [])))
        f.fund_rows.append(self.fund)

    def _pending_total(self, f: Form) -> None:
        """Amounts met before any row label belong to the (unlabelled) total row."""
        if self.pending and f.total_row is None:
            first = V.vocab()["fund_rows"]["total"][0]
            row = FundRow(first, "total", self.pending[0].loc, quote=self.pending[0].text, block=len(f.blocks))
            row.raw = list(self.pending)
            row.mixed = self.pending_mixed
            f.fund_rows.append(row)
        self.pending, self.pending_mixed = [], False

    def _fund_value(self, tok: Tok, val: Val | None, text: str) -> None:
        glued = tok.glued and NUMERIC.match(normalize_digits(text))  # ９１．５３％ as 91.53%
        if glued:
            val = Val(text, tok.loc)  # run-together digits (303015100.00%10): cut under the block's constraints
        if val is None:
            n = V.norm(text)
            if re.fullmatch(r"其中[:：]?", n):
                return  # 其中： alone opens the breakdown below; it is no cell of this row
            if len(n) <= 12 and any(m in n for m in V.vocab()["fund_block_markers"]):
                return  # the block's caption (项目资金（万元）) repeated on each row of a merged export
            if any(w in n for w in V.vocab()["fund_block_end"]):
                self._close_fund()
                self.mode = None
                return
            if self.fund is None or not (tok.col is not None or V.is_note(text) or self.fund.raw):
                if self.fund is None:
                    # a row named by words that are no fund label (a task table's 任务名称): its amounts
                    # are no total row
                    self.texted_rows = getattr(self, "texted_rows", set()) | {(tok.loc.table, tok.loc.row)}
                return  # a caption between rows; a text after a row's figures is its 原因/说明
        raw = Raw(text, tok.loc, tok.col, val)
        if glued:
            raw.kind = Kind("glued")
        if self.fund is None:
            self.pending.append(raw)
            return
        if tok.col is not None and tok.col <= self._label_col():
            return  # the block caption column left of the labels (预算执行情况(10分))
        self.fund.raw.append(raw)
        if not self.fund.quote or self.fund.quote == self.fund.label:
            self.fund.quote = tok.quote or self.fund.quote

    def _label_col(self) -> int:
        """Grid column of the current fund row's label (its cells are to the right of it)."""
        return (self.fund.loc.col or 0) if self.fund is not None else 0

    def _close_fund(self) -> None:
        if self.pending and self.form is not None and self._lone_values_row():
            # the block ends (its goal row, the indicator header) after one row of amounts and nothing
            # else: the values row under a merged 项目资金 caption is the total row
            self._pending_total(self.form)
        self.fund = None

    def _lone_values_row(self) -> bool:
        rows = {(r.loc.table, r.loc.row) for r in self.pending}
        texted = getattr(self, "texted_rows", set())
        return len(rows) == 1 and None not in next(iter(rows)) and not rows & texted
