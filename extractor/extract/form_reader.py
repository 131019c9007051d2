"""Read 自评表 forms from the cell stream: header runs set the column meaning (fund block or indicator
table), labels open fund rows and indicator rows, values fill the columns by the header's meaning
(by column for real grids, by order and type for flattened text), 总分 closes a form."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_model import FundRow, Form, Group, IndicatorRow, Misplaced, Tok, Val
from extractor.extract.form_cells import _ATTR, _align, _cmp_op, _order, glued_rows, make_val
from extractor.extract.form_rows import marker_regex, segments, solve
from extractor.extract.form_tokens import MIN_GLUE
from extractor.model import Document
from extractor.quantities import parse_value, unit_info

FUND_ONLY = {"budget.initial", "budget.adjusted", "spend.actual", "rate.execution"}
IND_ONLY = {"level1", "level2", "level3", "nature", "indicator.target", "unit", "indicator.actual", "note"}
SLOTS = ("indicator.target", "indicator.actual", "score.weight", "score.value")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PLACEHOLDER_NAME = re.compile(r"^(指标\d*|其他|……|…+|\.+)$")
_NUMERIC = re.compile(r"^[\d.,%％]+$")


class Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.mode: str | None = None
        self.run: list[tuple[str, int | None, Tok]] = []
        self.fund_map: dict[int, str] = {}
        self.ind_map: dict[int, str] = {}
        self.slots: list[str] = []
        self.fund: FundRow | None = None
        self.pending: list[tuple[str | None, Val, Tok]] = []
        self.pending_mixed = False
        self.row: IndicatorRow | None = None
        self.ptr = 0
        self.level1: str | None = None
        self.level2: str | None = None
        self.total_vals: list[Val] = []
        self.total_label = ""
        self.pending_title: Tok | None = None
        self.pending_year: int | None = None
        self.glue_buf: list[Tok] = []  # run-together indicator rows, cut when the run ends
        self.in_goal = False
        self.hdr_acc: list[tuple[str, int | None, Tok]] = []  # header words scattered between data
        self.hdr_skipped: list[Tok] = []  # rows met while those words were gathered
        self.n_tok = 0
        self.hdr_start = 0

    # ------------------------------------------------------------------ form boundaries
    def _new_form(self, tok: Tok) -> Form:
        self._close_all()
        f = Form(index=len(self.forms) + 1, loc=tok.loc)
        if self.pending_title is not None:
            f.title, f.loc = self.pending_title.text, self.pending_title.loc
            for m in _YEAR.finditer(f.title):
                f.title_years.append((int(m.group(1)), f.title, self.pending_title.loc))
        f.year = self.pending_year
        self.pending_title, self.pending_year = None, None
        self.forms.append(f)
        self.form = f
        self.in_goal = False
        self.hdr_acc = []
        self.level1 = self.level2 = None
        self.fund_map, self.ind_map, self.slots = {}, {}, []
        return f

    def _ensure_form(self, tok: Tok) -> Form:
        return self.form if self.form is not None else self._new_form(tok)

    def _closed(self) -> bool:
        f = self.form
        return f is not None and (not f.truncated or bool(f.indicators) and self.mode != "ind")

    # ------------------------------------------------------------------ feeding
    def feed(self, tok: Tok) -> None:
        if tok.row_end:
            if self.run:
                return
            if self.mode == "ind":
                self._close_row()
            elif self.mode == "fund":
                self._close_fund()
            return
        text = tok.text.strip()
        if not text:
            return
        self.n_tok += 1
        if self.glue_buf and not self._glue_more(tok, text):
            self._flush_glue()
        role = V.header_role(text)
        if role is not None:
            self.run.append((role, tok.col, tok))
            return
        if self.run:
            self._finish_run(tok)
        n = V.norm(text)
        if self.hdr_acc and marker_regex().match(n):
            self.hdr_skipped.append(tok)  # a row among scattered header words: reported, not read
        ym = re.fullmatch(r"\(?((?:19|20)\d{2})年度?\)?", n)
        if ym:
            if self.form is not None and self.form.year is None and not self._closed():
                self.form.year = int(ym.group(1))
            else:
                self.pending_year = int(ym.group(1))
            return
        if V.is_title(text):
            if self.form is not None and self.form.has_content() and (self._closed() or self.form.indicators):
                self._close_all()
                self.form = None
            if self.form is not None and not self.form.has_content():
                self.form.title = text
                self.form.title_years = [(int(m.group(1)), text, tok.loc) for m in _YEAR.finditer(text)]
            else:
                self.pending_title = tok
            ym2 = re.search(r"\(((?:19|20)\d{2})年度?\)", n)
            if ym2:
                if self.form is not None and not self.form.has_content():
                    self.form.year = int(ym2.group(1))
                else:
                    self.pending_year = int(ym2.group(1))
            return
        if self.form is not None:
            self.form.texts.append(tok)
            if self._closed() and not tok.glued:
                self._rule_weights(tok, text)
            self._goal_text(tok, n)
        fl = V.fund_label(text, self.mode == "fund")
        if fl and self.mode != "ind":
            self._fund_label(tok, *fl)
            return
        g = V.group_label(text)
        if g:
            self._group(tok, g)
            return
        if V.total_label(text) and self.mode in ("ind", "fund") and self.form is not None:
            self._close_row()
            self._close_fund()
            self.mode, self.total_vals, self.total_label = "total", [], n
            self.form.total_quote = tok.quote or text
            return
        val = make_val(tok)
        if self.mode == "fund":
            self._fund_value(tok, val, text)
        elif self.mode == "ind":
            self._ind_token(tok, val, text)
        elif self.mode == "total":
            m = re.match(r"^\d[\d.]*", text) if tok.glued else None
            if m and (val is None or (val.q is not None and val.q.value > 100)):
                val = Val(m.group(0), tok.loc, parse_value(m.group(0)))
                if val.q is not None and (m.end() < len(text) or val.q.value > 100):
                    val.q = None  # 总分100100: two figures run together, cut below
            if val is not None and (val.q is not None or m):
                self.total_vals.append(val)
                if len(self.total_vals) >= 2 or val.q is None:
                    self._close_total()
            elif val is None:
                self._close_total()

    def _goal_text(self, tok: Tok, n: str) -> None:
        """The 年度总体目标 block: the texts after its label, up to the indicator table."""
        labels = V.vocab()["goal_labels"]
        if any(n.startswith(w) for w in labels) and len(n) <= max(map(len, labels)) + 2:
            self.in_goal = True
            return
        if self.in_goal and self.mode != "ind" and len(n) >= 6 and not V.group_label(n) \
                and not V.fund_label(n, False) and re.search(r"\d", n):
            self.form.goal.append(tok)

    def _finish_run(self, tok: Tok) -> None:
        run, self.run = self.run, []
        roles = [r for r, _, _ in run]
        rs = set(roles)
        fund_header = len(rs & FUND_ONLY) >= 2 and len(rs) >= V.vocab()["min_fund_roles"]
        cont = bool(rs & FUND_ONLY) and self.mode == "fund" and self.form is not None and not self.form.indicators
        if cont:
            # header words between the amounts (全年预算数(A) 300 全年执行数(B) …): the header goes on; the
            # rows holding amounts read so far cannot be aligned to it
            for row in self.form.fund_rows:
                row.mixed = row.mixed or bool(row.cells)
            self.pending_mixed = bool(self.pending) or self.pending_mixed
        if rs & FUND_ONLY:
            self.hdr_acc = []  # a fund header: scattered indicator header words start afresh
        if cont and not fund_header:
            self.form.fund_cols = _order(self.form.fund_cols + roles)
            self.fund_map.update({c: r for r, c, _ in run if c is not None})
        elif fund_header:
            if self.form is None or self._closed() or (self.form.indicators and self.mode != "fund"):
                self._new_form(run[0][2])
            self._close_row()
            prev = self.form.fund_cols if cont else []
            self.form.fund_cols = _order(prev + roles)
            self.fund_map = {c: r for r, c, _ in run if c is not None}
            if self.fund is None or self.fund.cells:
                self._close_fund()
            self.mode = "fund"
        elif len(rs & IND_ONLY) >= 3 and len(rs) >= V.vocab()["min_indicator_roles"]:
            if self.form is None or self._closed():
                self._new_form(run[0][2])
            self._close_fund()
            self._close_row()
            self.form.ind_cols = _order(roles)
            self.ind_map = {c: r for r, c, _ in run if c is not None}
            self.slots = [r for r in self.form.ind_cols if r in SLOTS]
            self.mode, self.in_goal = "ind", False
        elif self.mode == "ind" and self.form is not None and self.form.indicators and len(rs) >= 2:
            self.form.interleaved = True  # header words between data rows: columns were interleaved
        else:
            self._accumulate(run)

    def _accumulate(self, run: list[tuple[str, int | None, Tok]]) -> None:
        """Flattened spreadsheets interleave the indicator header with the first rows (一级指标 … 年度
        指标值 实际完成值 指标1 … 二级指标 三级指标 … 分值 得分). Header words met in small runs close
        together are gathered; once they name an indicator table, the rows after them are read in that
        column order. Rows caught between the header words are left out (their cells are mixed)."""
        if (self.form is None and self.pending_title is None) or self.mode == "ind" \
                or any(t.col is not None for _, _, t in run):
            self.hdr_acc = []
            return
        if not self.hdr_acc or self.n_tok - self.hdr_start > V.vocab()["max_header_spread"]:
            self.hdr_acc, self.hdr_start, self.hdr_skipped = [], self.n_tok, []
        self.hdr_acc.extend(run)
        roles = [r for r, _, _ in self.hdr_acc]
        rs = set(roles)
        if len(rs & IND_ONLY) >= 3 and len(rs) >= V.vocab()["min_indicator_roles"] and len(rs & set(SLOTS)) >= 3:
            if self.form is None:
                self._new_form(self.hdr_acc[0][2])
            self._close_fund()
            self._close_row()
            self.form.ind_cols = _order(roles)
            self.ind_map = {}
            self.slots = [r for r in self.form.ind_cols if r in SLOTS]
            self.mode, self.in_goal = "ind", False
            self.hdr_acc = []
            if self.hdr_skipped:
                names = "、".join(t.text for t in self.hdr_skipped)
                self.form.issues.append((f"表头文字夹在前几行数据之间，{names} 的数值无法对应到列，未核对",
                                         self.hdr_skipped[0].text, self.hdr_skipped[0].loc))
                self.hdr_skipped = []

    def _rule_weights(self, tok: Tok, text: str) -> None:
        """A note under the form prescribing level-1 weights: 产出指标50分、效益指标30分."""
        names = "|".join(re.escape(g["level1"]) for g in V.vocab()["groups"])
        hits = re.findall(rf"({names})\s*[(（]?\s*(\d+(?:\.\d+)?)\s*分", V.norm(text))
        if len(hits) >= 2:
            for name, w in hits:
                self.form.rule_groups.append(Group(name, Val(w + "分", tok.loc, parse_value(w + "分")), tok.loc, text[:160]))

    # ------------------------------------------------------------------ fund block
    def _fund_label(self, tok: Tok, kind: str, label: str) -> None:
        f = self._ensure_form(tok)
        if self.mode != "fund":
            self._close_row()
            self.mode = "fund"
        self._close_fund()
        if kind == "total" and f.total_row is not None:
            self.fund = None  # a total label after its (unlabelled) values
            return
        self._pending_total(f)
        self.fund = FundRow(label, kind, tok.loc, quote=tok.quote or tok.text)
        f.fund_rows.append(self.fund)

    def _pending_total(self, f: Form) -> None:
        """Amounts met before any row label belong to the (unlabelled) total row."""
        if self.pending and f.total_row is None:
            first = V.vocab()["fund_rows"]["total"][0]
            row = FundRow(first, "total", self.pending[0][2].loc, quote=self.pending[0][2].quote)
            row.cells = [(r, v) for r, v, _ in self.pending]
            row.mixed = self.pending_mixed
            f.fund_rows.append(row)
            _align(row, f.fund_cols)
        self.pending, self.pending_mixed = [], False

    def _fund_value(self, tok: Tok, val: Val | None, text: str) -> None:
        if val is None and tok.glued and _NUMERIC.match(text):
            val = Val(text, tok.loc)  # run-together digits: cut later under the block's constraints
            val.ocr = False
        if val is None:
            if any(w in V.norm(text) for w in V.vocab()["fund_block_end"]):
                self._close_fund()
                self.mode = None
            return
        if tok.glued and _NUMERIC.match(text):
            val = Val(text, tok.loc)  # keep raw: a glued run such as 202010100.00%10
        role = self.fund_map.get(tok.col) if tok.col is not None else None
        if self.fund is None:
            self.pending.append((role, val, tok))
        else:
            self.fund.cells.append((role, val))
            if not self.fund.quote or self.fund.quote == self.fund.label:
                self.fund.quote = tok.quote or self.fund.quote

    def _close_fund(self) -> None:
        if self.fund is not None and self.form is not None:
            _align(self.fund, self.form.fund_cols)
        self.fund = None

    # ------------------------------------------------------------------ indicator rows
    def _group(self, tok: Tok, g) -> None:
        kind, name, weight, wtxt = g
        f = self._ensure_form(tok)
        if self._closed() and self.mode != "ind":
            if weight is not None:  # the form's notes stating the standard weights (产出指标50分)
                f.rule_groups.append(Group(name, Val(wtxt, tok.loc, parse_value(wtxt.strip("()（）"))),
                                           tok.loc, tok.quote or tok.text))
            return
        self._close_fund()
        self._close_row()
        if self.mode != "ind":
            self.mode, self.in_goal = "ind", False
        if kind == "level1" and weight is None and V.is_level2(name) and V.parent_of(name) == self.level1:
            kind = "level2"  # 成本指标 / 满意度指标 also name level-2 groups under their parent
        if kind == "level1":
            if name == self.level1 and tok.col is not None:
                return  # the same merged cell repeated on the next grid row
            self.level1, self.level2 = name, None
            if weight is not None and not any(g.level1 == name for g in f.groups):
                q = parse_value(wtxt.strip("()（）"))
                f.groups.append(Group(name, Val(wtxt, tok.loc, q), tok.loc, tok.quote or tok.text))
            return
        name = V.canonical_group(name) if kind == "level2" else name
        self.level2 = name
        parent = V.parent_of(name)
        if self.level1 and parent and parent != self.level1 and not V.is_level2(self.level1) \
                and not any(m.level2 == name and m.under == self.level1 for m in f.misplaced):
            f.misplaced.append(Misplaced(name, self.level1, parent, tok.loc, tok.quote or tok.text))

    def _ind_token(self, tok: Tok, val: Val | None, text: str) -> None:
        if self.ind_map and (tok.col is None or tok.col not in self.ind_map):
            return  # a grid table: cells outside the mapped columns (绩效指标 label, 续表 notes) are not data
        role = self.ind_map.get(tok.col) if tok.col is not None else None
        rows = glued_rows(text, self.slots) if tok.glued and val is None and self.form is not None else None
        if val is None and self.form is not None and not rows and self._glue_more(tok, text):
            self.glue_buf.append(tok)
            return
        if tok.glued and val is None and self.form is not None:
            if rows:
                self._close_row()
                for name, vals, whole in rows:
                    loc = self._span(tok, whole)
                    r = IndicatorRow(name=name, loc=loc, level1=self.level1, level2=self.level2, quote=whole)
                    for slot, v in zip(self.slots, vals):
                        setattr(r, _ATTR[slot], Val(v, loc, parse_value(v)))
                    self.form.indicators.append(r)
                return
            if re.search(r"\d", text):
                self.form.rows_incomplete = True  # a run-together row we could not cut
        op = _cmp_op(text)
        if op and self.row is not None:
            self.row.comparator = op
            return
        if val is not None and val.q is None:  # placeholder cell
            if text.startswith("…") or text.startswith("."):
                self._close_row()
            elif self.row is not None and self.row_has_values() and role is None:
                self.ptr += 1
            return
        if val is None and unit_info(text) is not None and self.row is not None:
            self.row.unit = unit_info(text).name
            t = self.row.target
            if t is not None and t.q is not None and not t.q.unit:
                from dataclasses import replace

                t.q = replace(t.q, unit=self.row.unit, raw=t.text + text)
            return
        if self.row is None:
            if val is None:
                self._new_row(tok, text)
            return
        if val is None and role is None and marker_regex().match(V.norm(text)):
            self._new_row(tok, text)  # 指标7:… always opens a row, whatever the previous one lacks
            return
        if tok.glued:
            self.row.reliable = False
        if val is not None:
            if role is None:
                self._skip_score_slots(val)
            self._assign(role, val)
            return
        # a text: a text value (达成预期指标), a deviation note, or the next row's name
        if role in ("indicator.target", "indicator.actual", "note"):
            self._assign(role, Val(text, tok.loc))
            return
        if role in ("level3",) or role in ("level1", "level2"):
            self._new_row(tok, text)
            return
        nxt = self.slots[self.ptr] if self.ptr < len(self.slots) else None
        if nxt in ("indicator.target", "indicator.actual") and len(V.norm(text)) <= 30 and not V.is_note(text):
            if self.row_has_values() or not _PLACEHOLDER_NAME.match(V.norm(self.row.name)):
                self._assign(None, Val(text, tok.loc))
                return
        if (self.row.score is not None or nxt is None or nxt == "score.value") and V.is_note(text):
            self.row.note = (self.row.note + " " + text).strip()
            return
        self._new_row(tok, text)

    def _glue_more(self, tok: Tok, text: str) -> bool:
        """Whether this text is (more of) indicator rows run together: numbered rows (指标1…指标2…) with
        figures, in a flattened (not grid) indicator table, or the rest of such a run."""
        if self.mode != "ind" or tok.col is not None or len(self.slots) < 2 or not re.search(r"\d", text):
            return False
        if self.glue_buf:
            return True
        n = V.norm(text)
        return (tok.glued or len(n) > MIN_GLUE) and bool(marker_regex().search(n)) \
            and len(re.findall(r"\d+", n)) >= 2

    def _flush_glue(self) -> None:
        buf, self.glue_buf = self.glue_buf, []
        if not buf or self.form is None:
            return
        starts, text = [], ""
        for t in buf:
            starts.append(len(text))
            text += V.norm(t.text)

        def tok_at(pos: int) -> Tok:
            return buf[max(i for i, s0 in enumerate(starts) if s0 <= pos)]

        self._close_row()
        pending: list[tuple] = []
        for seg in segments(text):
            t = tok_at(seg.start)
            if seg.kind == "group":
                g = V.group_label(seg.text)
                if g:
                    self._group(Tok(seg.text, t.loc, quote=seg.text), g)
                continue
            cap = next((g.weight.q.value for g in self.form.groups
                        if g.level1 == self.level1 and g.weight and g.weight.q), Decimal(100))
            pending.append((seg, t, cap, self.level1, self.level2))
        solved = solve([(seg.text, cap) for seg, _, cap, _, _ in pending], self.slots)
        for (seg, t, _, l1, l2), cut in zip(pending, solved):
            loc = self._span(t, seg.whole[:40])
            if cut is None:
                if re.search(r"\d", seg.text):
                    self.form.rows_incomplete = True
                    self.form.issues.append((f"指标行“{seg.whole[:30]}”的文字与数字连在一起，无法唯一拆分为各列",
                                             seg.whole[:160], loc))
                continue
            r = IndicatorRow(name=cut.name, loc=loc, level1=l1, level2=l2, quote=seg.whole, note=cut.note)
            for slot, v in cut.cells.items():
                v.loc = loc
                setattr(r, _ATTR[slot], v)
            if r.target is not None and r.target.q is not None and r.target.q.comparator:
                r.comparator = r.target.q.comparator
            self.form.indicators.append(r)

    def _skip_score_slots(self, val: Val) -> None:
        """A value with a unit (1.5亩) is not a 分值/得分: sub-rows without scores skip those columns."""
        if val.q is None or not val.q.unit or val.q.unit == "分":
            return
        while self.ptr < len(self.slots) and self.slots[self.ptr] in ("score.weight", "score.value"):
            if self.slots[self.ptr + 1:].count("indicator.target") + self.slots[self.ptr + 1:].count("indicator.actual") == 0:
                return
            self.ptr += 1

    def _span(self, tok: Tok, piece: str):
        """Location of a piece cut out of a long paragraph, with its character span when found."""
        if tok.loc.paragraph is None:
            return tok.loc
        para = next((b for b in self.doc.paragraphs() if b.location == tok.loc), None)
        i = para.text.find(piece) if para is not None else -1
        return tok.loc.with_(span=(i, i + len(piece))) if i >= 0 else tok.loc

    def row_has_values(self) -> bool:
        r = self.row
        return r is not None and any(v is not None for v in (r.target, r.actual, r.weight, r.score))

    def _assign(self, role: str | None, val: Val) -> None:
        r = self.row
        if role is None:
            if self.ptr >= len(self.slots):
                r.extra.append(val)
                if not self.slots:
                    r.reliable = False
                return
            role = self.slots[self.ptr]
            self.ptr += 1
        if role == "note":
            r.note = (r.note + " " + val.text).strip()
        elif role == "nature":
            r.comparator = _cmp_op(val.text) or r.comparator
        elif role == "unit":
            r.unit = val.text
        elif role in SLOTS:
            attr = {"indicator.target": "target", "indicator.actual": "actual",
                    "score.weight": "weight", "score.value": "score"}[role]
            if getattr(r, attr) is None:
                setattr(r, attr, val)
            else:
                r.extra.append(val)

    def _new_row(self, tok: Tok, text: str) -> None:
        self._close_row()
        self.row = IndicatorRow(name=text, loc=tok.loc, level1=self.level1, level2=self.level2,
                                quote=tok.quote or text, reliable=bool(self.slots) and not self.form.interleaved)
        self.ptr = 0

    def _close_row(self) -> None:
        r, self.row = self.row, None
        if r is None or self.form is None:
            return
        if r.target is None and r.actual is None and r.weight is None and r.score is None and not r.extra:
            return
        if self.form.interleaved:
            r.reliable = False
        self.form.indicators.append(r)

    # ------------------------------------------------------------------ totals
    def _close_total(self) -> None:
        f, vals = self.form, self.total_vals
        self.mode, self.total_vals = None, []
        if f is None or not vals:
            return
        f.truncated = False
        from extractor.extract.form_glue import split_total

        if len(vals) == 1 and vals[0].q is None:
            vals = split_total(vals[0]) or []
            if not vals:
                f.issues.append(("总分一行数字粘连，无法可靠拆分为分值与得分", self.form.total_quote, f.loc))
                return
        weight_first = ("score.weight" not in self.slots or "score.value" not in self.slots
                        or self.slots.index("score.weight") < self.slots.index("score.value"))
        if len(vals) >= 2:
            f.total_weight, f.total_score = (vals[0], vals[1]) if weight_first else (vals[1], vals[0])
        elif "得分" in self.total_label or "自评" in self.total_label:
            f.total_score = vals[0]
        elif not any(r.score for r in f.indicators):
            f.total_weight = vals[0]

    def _close_all(self) -> None:
        if self.run:
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
        from extractor.extract.form_glue import solve_glued

        out = [f for f in self.forms if f.has_content()]
        for i, f in enumerate(out, 1):
            f.index = i
            for row in f.fund_rows:
                if row.mixed and row.cells:  # amounts read before the header was complete
                    row.aligned, row.values, row.guessed_pairs = "bad", {}, []
            if f.year is None and f.title_years:
                f.year = f.title_years[0][0]
            solve_glued(f)
        return out


def read_forms(doc: Document) -> list[Form]:
    from extractor.extract.form_tokens import tokens

    r = Reader(doc)
    for t in tokens(doc):
        r.feed(t)
    return r.finish()
