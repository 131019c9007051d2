"""Read 自评表 forms from the cell stream (form_tokens) into Form models, in stages:

1. form boundaries, titles and years (this module);
2. header rows open blocks — the fund block or the indicator table — with the roles their words
   suggest (form_header);
3. fund rows and indicator rows collect their cells as read, without deciding columns yet
   (form_fund, form_indrows);
4. once a form is read, each block's column roles are decided from the header hints, the cells and
   the form's own arithmetic (form_columns), and applied to the rows and totals (form_resolve).
"""

from __future__ import annotations

import dataclasses
import re

from extractor.extract import form_vocab as V
from extractor.extract.form_cells import make_val
from extractor.extract.form_fund import FundMixin
from extractor.extract.form_header import HeaderMixin
from extractor.extract.form_indrows import IndicatorMixin
from extractor.extract.form_model import Form, Raw, Tok, Val
from extractor.extract.form_rows import marker_regex
from extractor.model import Document
from extractor.quantities import normalize_digits

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _prose(text: str) -> bool:
    """A heading or a sentence of body text (not a form row run on as a paragraph)."""
    from extractor.structure import heading_level

    t = V.norm(text)
    return heading_level(text) is not None or t.endswith("。") or len(t) > 40


class Reader(HeaderMixin, FundMixin, IndicatorMixin):
    def __init__(self, doc: Document):
        self.doc = doc
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.mode: str | None = None  # fund | ind | total | None
        self.run: list[tuple[str | None, int | None, Tok]] = []  # header words being gathered
        self.block = None  # the Block rows are read into
        self.fund = None  # the fund row being read
        self.pending: list[Raw] = []  # fund amounts met before any row label
        self.pending_mixed = False
        self.row = None  # the indicator row being read
        self.level1: str | None = None
        self.level1_loc = None  # where the open level-1 label stands (its cell position in flat text)
        self.level2: str | None = None
        self.total_raw: list[Raw] = []
        self.total_label = ""
        self.pending_title: Tok | None = None
        self.pending_year: int | None = None
        self.glue_buf: list[Tok] = []  # run-together indicator rows, cut when the run ends
        self.glue_label = ""  # the group label read apart right before the run (生态效益指标 | 1成活率…)
        self.just_grouped = self.prev_group = ""  # the label the last cell / the cell before it was
        self.in_goal = False
        self.hdr_acc: list[tuple[str | None, int | None, Tok]] = []  # header words scattered between data
        self.hdr_skipped: list[Tok] = []  # rows met while those words were gathered
        self.n_tok = 0
        self.hdr_start = 0
        self.before: list[Tok] = []  # texts met since the last form ended: the next form's header block
        self.await_score = False  # a header-block 自评得分 label was just read: its figure follows
        self.header_score: Val | None = None
        self.prev_grid = False  # the last cell fed came from a table read by its grid
        self.title_fresh = False  # a form title was read and nothing but its header lines since
        self.titled_table: int | None = None  # the budget-like table read as the block under that title

    # ------------------------------------------------------------------ form boundaries
    def _new_form(self, tok: Tok) -> Form:
        self._close_all()
        f = Form(index=len(self.forms) + 1, loc=tok.loc)
        if self.pending_title is not None:
            f.title, f.loc = self.pending_title.text, self.pending_title.loc
            for m in _YEAR.finditer(normalize_digits(f.title)):
                f.title_years.append((int(m.group(1)), f.title, self.pending_title.loc))
        f.year = self.pending_year
        f.texts = [t for t in self.before if t.loc.source == tok.loc.source][-60:]
        f.header_score, self.header_score = self.header_score, None
        self.before = []
        self.pending_title, self.pending_year = None, None
        self.forms.append(f)
        self.form = f
        self.in_goal = False
        self.hdr_acc = []
        self.level1 = self.level2 = self.level1_loc = None
        self.block = None
        return f

    def _ensure_form(self, tok: Tok) -> Form:
        return self.form if self.form is not None else self._new_form(tok)

    def _closed(self) -> bool:
        f = self.form
        return f is not None and (not f.truncated or bool(f.indicators) and self.mode != "ind")

    # ------------------------------------------------------------------ feeding
    def feed(self, tok: Tok) -> None:
        if self._skip_budget_table(tok):
            return
        if tok.row_end:
            if self.run:
                return
            if self.mode == "ind":
                self._close_row()
            elif self.mode == "fund":
                self._close_fund()
            elif self.mode == "total":
                self._close_total()
            return
        text = tok.text.strip()
        if tok.empty or not text:
            self._empty_cell(tok)
            return
        self.n_tok += 1
        self.prev_group, self.just_grouped = self.just_grouped, ""
        after_grid, self.prev_grid = self.prev_grid and tok.col is None, tok.col is not None
        if after_grid and self.mode == "ind" and _prose(text):
            self._close_row()  # the body text after the form's table: the table's rows have ended
            self.mode = None
        if self._header_score(tok, text):
            return
        if self.glue_buf and not self._glue_more(tok, text):
            self._flush_glue()
        role = V.header_role(text)
        # in a grid the header rows are known: only their cells are header words
        header = tok.header_row and not V.is_title(text) if tok.col is not None else role is not None
        if header:
            self.run.append((role, tok.col, tok))
            return
        if self.run and tok.col is None and self.run[-1][1] is None and re.match(V.vocab()["header_note"], V.norm(text)):
            r, c, last = self.run[-1]
            self.run[-1] = (r, c, dataclasses.replace(last, text=last.text + text))
            return
        if self.run:
            for t in self._finish_run(tok):
                self._plain(t, t.text.strip())
        self._plain(tok, text)

    def _skip_budget_table(self, tok: Tok) -> bool:
        """A budget table of the report (money columns, no form word) is no part of a form: it ends the
        block being read and its rows are not read. Only right under a form title is such a table
        read, as the form's fund block with plain row labels."""
        if not tok.budget_table:
            if tok.loc.table is not None or (tok.text.strip() and _prose(tok.text)):
                self.title_fresh = False  # another table or body text came between title and table
            return False
        if tok.loc.table == self.titled_table:
            return False
        if self.title_fresh:
            self.titled_table, self.title_fresh = tok.loc.table, False
            return False
        if self.mode is not None or self.run or self.glue_buf:
            self._close_all()
        return True

    def _plain(self, tok: Tok, text: str) -> None:
        """A cell that is not a header word."""
        n = V.norm(text)
        if self.hdr_acc and marker_regex().match(n):
            self.hdr_skipped.append(tok)  # a row among scattered header words: reported, not read
        if self._year_cell(n) or self._title(tok, text, n):
            return
        if self.form is None:
            self.before.append(tok)
        else:
            self.form.texts.append(tok)
            if self._closed() and not tok.glued:
                self._rule_weights(tok, text)
            self._goal_text(tok, n)
        fl = V.fund_label(text, self.mode == "fund") or self._fund_sum_row(text, n)
        if fl and self.mode != "ind":
            self._fund_label(tok, *fl)
            return
        g = V.group_label(text, not tok.glued) if not self._in_name_column(tok) else None
        if g:
            self._group(tok, g)
            return
        if V.total_label(text) and self.mode in ("ind", "fund") and self.form is not None:
            self._close_row()
            self._close_fund()
            self.mode, self.total_raw, self.total_label = "total", [], n
            self.form.total_quote = tok.quote or text
            return
        val = make_val(tok)
        if self.mode == "fund":
            self._fund_value(tok, val, text)
        elif self.mode == "ind":
            self._ind_token(tok, val, text)
        elif self.mode == "total":
            self._total_value(tok, val, text)

    def _fund_sum_row(self, text: str, n: str) -> tuple[str, str] | None:
        """合计 inside a fund block that precedes the form's indicator table (财政拨款 / 上年结转 / 合计):
        the block's own total row. The form's closing row comes after its indicator rows; a score
        word (总分) always closes the form."""
        f = self.form
        if self.mode != "fund" or f is None or not V.total_label(text) or V.score_label(text):
            return None
        if any(b.kind == "indicator" for b in f.blocks) or f.indicators:
            return None
        if any(r.kind == "total" and r.block == len(f.blocks) for r in f.fund_rows):
            return None
        return "total", n

    def _header_score(self, tok: Tok, text: str) -> bool:
        """自评得分 95 in the header block, before the form's indicator table: the form's total score."""
        from extractor import patterns

        if self.await_score:
            self.await_score = False
            v = make_val(tok)
            if v is not None and v.q is not None and not v.q.unit and 0 <= v.q.value <= 100:
                if self.form is not None:
                    self.form.header_score = v
                else:
                    self.header_score = v
                return True
        opened = self.form is not None and any(b.kind == "indicator" for b in self.form.blocks)
        if not opened and re.sub(r"\(分\)$", "", V.norm(text)) in patterns.load("totals").get("header_score", []):
            self.await_score = True
        return False

    def _in_name_column(self, tok: Tok) -> bool:
        """A grid cell under the 三级指标 header: an indicator's name, even one worded like a group."""
        b = self.block
        return tok.col is not None and self.mode == "ind" and b is not None and b.kind == "indicator" \
            and any(c.key == tok.col and c.hint == "level3" for c in b.header)

    def _empty_cell(self, tok: Tok) -> None:
        """An empty cell that separators show (flattened text): it takes a column like any other."""
        if not tok.empty or self.run:
            return
        if self.mode == "ind" and self.row is not None:
            self.row.raw.append(Raw("", tok.loc))
        elif self.mode == "fund":
            (self.fund.raw if self.fund is not None else self.pending).append(Raw("", tok.loc))
        elif self.mode == "total" and self.total_raw:
            self.total_raw.append(Raw("", tok.loc))  # 总分 | 100 | (empty): the second column is blank

    def _year_cell(self, n: str) -> bool:
        ym = re.fullmatch(r"\(?((?:19|20)\d{2})年度?\)?", n)
        if not ym:
            return False
        if self.form is not None and self.form.year is None and not self._closed():
            self.form.year = int(ym.group(1))
        else:
            self.pending_year = int(ym.group(1))
        return True

    def _title(self, tok: Tok, text: str, n: str) -> bool:
        if not V.is_title(text):
            return False
        self.title_fresh = tok.loc.table is None  # a title paragraph: the table under it is the form's
        if self.form is not None and self.form.has_content() and (self._closed() or self.form.indicators):
            self._close_all()
            self.form = None
        if self.form is not None and not self.form.has_content():
            self.form.title = text
            self.form.title_years = [(int(m.group(1)), text, tok.loc) for m in _YEAR.finditer(normalize_digits(text))]
        else:
            self.pending_title = tok
        ym2 = re.search(r"\(((?:19|20)\d{2})年度?\)", n)
        if ym2:
            if self.form is not None and not self.form.has_content():
                self.form.year = int(ym2.group(1))
            else:
                self.pending_year = int(ym2.group(1))
        return True

    def _goal_text(self, tok: Tok, n: str) -> None:
        """The 年度总体目标 block: the texts after its label, up to the indicator table."""
        labels = V.vocab()["goal_labels"]
        if any(n.startswith(w) for w in labels) and len(n) <= max(map(len, labels)) + 2:
            self.in_goal = True
            return
        if self.in_goal and self.mode != "ind" and len(n) >= 6 and not V.group_label(n) \
                and not V.fund_label(n, False) and re.search(r"\d", n):
            self.form.goal.append(tok)

    # ------------------------------------------------------------------ totals
    def _total_value(self, tok: Tok, val: Val | None, text: str) -> None:
        from extractor.quantities import parse_value

        m = re.match(r"^\d[\d.]*", normalize_digits(text)) if tok.glued else None  # ９９．１５ as 99.15
        if m and (val is None or (val.q is not None and val.q.value > 100)):
            val = Val(text[:m.end()], tok.loc, parse_value(text[:m.end()]))
            if val.q is not None and (m.end() < len(text) or val.q.value > 100):
                val.q = None  # 总分100100: two figures run together, cut below
        if val is not None and (val.q is not None or m):
            self.total_raw.append(Raw(val.text, tok.loc, tok.col, val))
            if tok.col is None and (len(self.total_raw) >= 2 or val.q is None):
                self._close_total()
        elif val is None:
            self._close_total()

    def _close_total(self) -> None:
        f, raw = self.form, self.total_raw
        self.mode, self.total_raw = None, []
        if f is None or not raw:
            return
        f.truncated = False
        f.total_raw, f.total_label = raw, self.total_label

    def _close_all(self) -> None:
        self.run = []
        self._flush_glue()
        self._close_row()
        self._close_fund()
        if self.mode == "total":
            self._close_total()
        if self.form is not None:
            self._pending_total(self.form)
        self.pending, self.pending_mixed = [], False
        self.mode = None

    def finish(self) -> list[Form]:
        self._close_all()
        from extractor.extract.form_resolve import resolve

        out = [f for f in self.forms if (f.has_content() or f.total_raw) and _is_form(f)]
        for i, f in enumerate(out, 1):
            f.index = i
            if f.year is None and f.title_years:
                f.year = f.title_years[0][0]
            resolve(f)
        return [f for f in out if f.has_content()]


def _is_form(f: Form) -> bool:
    """Something only a 自评表 has: a title, an indicator table or group, a fund row labelled as the
    templates label it (年度资金总额), score columns, a 总分 row or a stated 自评得分. A block of money
    columns with ordinary budget rows (基本支出, 人员经费, …) alone is a budget table, left to the
    budget checks."""
    if f.title or f.indicators or f.groups or f.marks or f.header_score is not None:
        return True
    if any(r.named for r in f.fund_rows) or V.form_word(f.total_label):
        return True
    return any(b.kind == "indicator" or any(c.hint in ("score.weight", "score.value") for c in b.header)
               for b in f.blocks)


def read_forms(doc: Document) -> list[Form]:
    from extractor.extract.form_tokens import tokens

    r = Reader(doc)
    for t in tokens(doc):
        r.feed(t)
    return r.finish()
