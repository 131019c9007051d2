"""Indicator rows of a form: group labels (一级/二级指标) set the row's groups, a name opens a row, the
cells after it are kept as read (with their grid column when known; in flattened text in order, empty
cells included where separators show them) until the form's columns are decided. Rows run together
without separators are cut by form_rows."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.extract import form_vocab as V
from extractor.extract.form_cells import glued_rows
from extractor.extract.form_columns import ROLE_CN
from extractor.extract.form_stream import stream_slots, takes_value
from extractor.extract.form_header import NAME_ROLES
from extractor.extract.form_model import CELL_ROLES, Group, IndicatorRow, Misplaced, Raw, Tok, Val
from extractor.extract.form_rows import cuts, marker_regex, solve
from extractor.extract.form_segments import Segment, segments, split_unmarked
from extractor.extract.form_tokens import MIN_GLUE
from extractor.quantities import parse_value, unit_info

PLACEHOLDER_NAME = re.compile(r"^(指标\d*|其他|……|…+|\.+)$")


def _unmarked(seg: Segment, slots: list[str], cap: Decimal) -> list[Segment]:
    """A row segment with no row number that reads as several rows run together, cut into them."""
    if marker_regex().match(seg.whole) or len(cuts(seg.text, slots, cap, False)) == 1:
        return [seg]
    pieces = split_unmarked(seg.text, slots, cap)
    if not pieces:
        return [seg]
    return [Segment("row", seg.text[a:b], seg.start + a, seg.text[a:b], unmarked=True) for a, b in pieces]


def _cut_with(rows: list[tuple], slots: list[str], tok_at) -> tuple[list[tuple], list]:
    pending = [(s, tok_at(s.start), cap, l1, l2) for seg, cap, l1, l2 in rows for s in _unmarked(seg, slots, cap)]
    return pending, solve([(seg.text, cap) for seg, _, cap, _, _ in pending], slots)


def _best_cut(rows: list[tuple], slots: list[str], tok_at) -> tuple[list[str], list[tuple], list]:
    """The rows cut in the header's column order; where the header names a 得分 but no 分值 column (a
    header cell garbled or merged with the next) and a 分值 placed before the 得分 lets strictly more rows
    cut one way only than any other placement or none, that reading: the rows' own arithmetic (得分 ≤
    分值 ≤ the group's 分值, target and actual alike) decides where the column is."""
    pending, solved = _cut_with(rows, slots, tok_at)
    if "score.weight" in slots or "score.value" not in slots or not rows:
        return slots, pending, solved
    n0 = sum(c is not None for c in solved)
    tried = []
    for i in range(slots.index("score.value") + 1):
        alt = slots[:i] + ["score.weight"] + slots[i:]
        p, c = _cut_with(rows, alt, tok_at)
        tried.append((sum(x is not None for x in c), alt, p, c))
    tried.sort(key=lambda x: -x[0])
    n, alt, p, c = tried[0]
    if n > n0 and n >= 2 and (len(tried) == 1 or n > tried[1][0]):
        return alt, p, c
    return slots, pending, solved


class IndicatorMixin:
    # ------------------------------------------------------------------ groups
    def _group(self, tok: Tok, g) -> None:
        kind, name, weight, wtxt = g
        self.just_grouped = V.norm(tok.text) if tok.col is None else ""
        if tok.col is None and self.mode == "ind" and kind == "level2" and weight is None \
                and V.canonical_group(name) == self.level2 and self.form is not None:
            if V.norm(tok.text) == self.level2:
                self._close_row()  # the group's full label repeated on each of its rows: the group again
                return
            self._new_row(tok, tok.text.strip())  # 服务对象满意度 under 服务对象满意度指标: a row, not the group again
            return
        column = self._group_column(tok.col) if tok.col is not None and self.block is not None \
            and self.block.kind == "indicator" else None
        if column == "level2" and kind == "level1":
            # 成本指标(10分) in the 二级指标 column: a level-2 group here, whatever it may be elsewhere
            self._close_row()
            self.level2 = V.canonical_group(name)
            return
        f = self._ensure_form(tok)
        f.marks.append(tok.loc)
        if self._closed() and self.mode != "ind":
            if weight is not None:  # the form's notes stating the standard weights (产出指标50分)
                f.rule_groups.append(Group(name, Val(wtxt, tok.loc, parse_value(wtxt.strip("()（）"))),
                                           tok.loc, tok.quote or tok.text))
            return
        opener = self.row if self.row is not None and not self.row.raw else None
        self._close_fund()
        self._close_row()
        if self.mode != "ind":
            self.mode, self.in_goal = "ind", False
        if kind == "level1" and V.is_level2(name) and V.parent_of(name) == self.level1 \
                and (weight is None or self._in_level2_slot(tok)):
            kind = "level2"  # 成本指标 / 满意度指标 also name level-2 groups under their parent
        if kind == "level1":
            if name == self.level1 and tok.col is not None:
                return  # the same merged cell repeated on the next grid row
            self.level1, self.level2 = name, None
            self.level1_loc = tok.loc
            if weight is not None and not any(g.level1 == name for g in f.groups):
                q = parse_value(wtxt.strip("()（）"))
                f.groups.append(Group(name, Val(wtxt, tok.loc, q), tok.loc, tok.quote or tok.text))
            return
        name = V.canonical_group(name) if kind == "level2" else name
        parent, above = V.parent_of(name), self.level2
        self.level2 = name
        if parent and parent == above and parent in V.level1_names() and self._no_rows_under(above):
            # 成本指标 | 经济成本指标: the group just opened as level 2 is the parent of this one, so it
            # was the level-1 label (2021 framework), not 产出指标's 成本指标
            self.level1 = parent
        if opener is not None and parent and V.level1_short(opener.name) == parent:
            self.level1 = parent  # 满意度 | 服务对象满意度指标: the short level-1 label, not a row name
        # only under a level-1 label the framework knows: an unknown one (项目产出 misspelt) may be the parent
        if self.level1 in V.level1_names() and parent and parent != self.level1 \
                and not any(m.level2 == name and m.under == self.level1 for m in f.misplaced):
            f.misplaced.append(Misplaced(name, self.level1, parent, tok.loc, tok.quote or tok.text))

    def _no_rows_under(self, level2: str) -> bool:
        f = self.form
        return f is None or not any(r.level2 == level2 and r.level1 == self.level1 for r in f.indicators)

    def _in_level2_slot(self, tok: Tok) -> bool:
        """In flattened text: the label stands in a later cell of its row than the open level-1 label
        did (after that label in the same row, or after a blank 一级 cell): the 二级 position, where a
        weighted 成本指标(10分) is the 2020 framework's level-2 group, not the 2021 level-1 one."""
        here, l1 = tok.loc, getattr(self, "level1_loc", None)
        return tok.col is None and l1 is not None and here.table is not None and here.table == l1.table \
            and here.col is not None and l1.col is not None and here.col > l1.col

    # ------------------------------------------------------------------ cells
    def _name_cols(self) -> tuple[int, int]:
        """(first, last) grid columns holding group labels and the indicator name."""
        cols = [c.key for c in self.block.header if c.hint in NAME_ROLES]
        if not cols:
            vals = [c.key for c in self.block.header if c.hint is not None]
            return (1, min(vals) - 1) if vals else (1, 1)
        return min(cols), max(cols)

    def _ind_token(self, tok: Tok, val: Val | None, text: str) -> None:
        if tok.col is not None and self.block is not None and self.block.kind == "indicator" and self.block.header:
            self._grid_token(tok, val, text)
            return
        self._stream_token(tok, val, text)

    def _grid_token(self, tok: Tok, val: Val | None, text: str) -> None:
        """A grid cell: left of the name columns a block caption, in them a name, right of them a value."""
        first, last = self._name_cols()
        if tok.col < first:
            return  # 绩效指标(90分): the caption of the whole indicator table
        if tok.col <= last:
            if val is not None and val.q is not None and self.form is not None:
                self._figure_in_name_column(tok)
            level = self._group_column(tok.col)
            if level and (val is None or val.q is None):
                self._unknown_group(tok, text, level)  # a group label the vocabulary does not know
                return
            if val is None or val.q is None:
                if self.row is not None and self.row.name == text and self.row.loc == tok.loc:
                    return
                if self.row is None or self.row.raw or self.row.name:
                    self._new_row(tok, text)
                else:
                    self.row.name = text
            return
        if self.row is None:
            return  # values with no indicator name (a continuation note row)
        self.row.raw.append(Raw(text, tok.loc, tok.col, val))

    def _figure_in_name_column(self, tok: Tok) -> None:
        """A figure under the 一级/二级/三级 headers: the row's cells do not stand under their headers
        (cells left out of a row shift the rest), so no sum over the rows can be trusted."""
        if not self.form.rows_incomplete:
            self.form.issues.append(("指标行的数字落在指标名称列（该行单元格与表头错位），分值与得分合计未核对",
                                     tok.quote or tok.text, tok.loc))
        self.form.rows_incomplete = True

    def _group_column(self, col: int) -> str | None:
        """'level1' / 'level2' when the header names this grid column 一级指标 / 二级指标."""
        hint = next((c.hint for c in self.block.header if c.key == col), None)
        return hint if hint in ("level1", "level2") else None

    def _unknown_group(self, tok: Tok, text: str, level: str) -> None:
        """A cell of the 一级/二级 column that names no known group (a local or misspelled one): it still
        opens a group, so rows are not counted under the previous one; a weight it states is kept."""
        n = V.norm(text)
        m = re.search(V.vocab()["group_weight_regex"] + "$", n)
        name = n[: m.start()] if m and m.start() > 0 else n
        self._close_row()
        if level == "level2":
            self.level2 = name
            return
        if name == self.level1:
            return
        self.level1, self.level2 = name, None
        if m and m.start() > 0 and not any(g.level1 == name for g in self.form.groups):
            self.form.groups.append(Group(name, Val(m.group(0), tok.loc, parse_value(m.group(1))), tok.loc,
                                          tok.quote or tok.text))

    def _stream_token(self, tok: Tok, val: Val | None, text: str) -> None:
        rows = glued_rows(text, self._slots()) if tok.glued and val is None and self.form is not None else None
        if val is None and self.form is not None and not rows and self._glue_more(tok, text):
            r = self.row
            if not self.glue_buf:
                self.glue_label = self.prev_group  # a label read apart right before: 生态效益指标 | 1成活率…
            if not self.glue_buf and r is not None and not r.raw and re.match(r"\d", V.norm(text)) \
                    and r.loc.paragraph == tok.loc.paragraph and len(V.norm(r.name)) <= 20:
                # a name cut out by the vocabulary (预算执行率) right before the figures run on: their row
                self.row = None
                self.glue_buf.append(Tok(r.name, r.loc, glued=True, quote=r.quote))
            self.glue_buf.append(tok)
            return
        if tok.glued and val is None and self.form is not None:
            if rows:
                self._close_row()
                for name, vals, whole in rows:
                    loc = self._span(tok, whole)
                    r = IndicatorRow(name=name, loc=loc, level1=self.level1, level2=self.level2, quote=whole,
                                     block=len(self.form.blocks))
                    r.take({slot: Val(v, loc, parse_value(v)) for slot, v in zip(self._slots(), vals)})
                    self.form.indicators.append(r)
                return
            if re.search(r"\d", text):
                self.form.rows_incomplete = True  # a run-together row we could not cut
        is_cell = V.comparator_only(text) or V.nature_word(text) is not None or (val is not None) \
            or (unit_info(V.norm(text).strip("()")) is not None and self.row is not None)
        if self.row is None:
            if val is None and not is_cell:
                self._new_row(tok, text)
            return
        if val is not None and val.q is None and (text.startswith("…") or text.startswith(".")):
            self._close_row()  # …… closes a form's list of rows
            return
        if val is None and not is_cell and marker_regex().match(V.norm(text)):
            self._new_row(tok, text)  # 指标7:… always opens a row, whatever the previous one lacks
            return
        if is_cell:
            if tok.glued:
                self.row.reliable = False
            # a comparator, a nature word or a unit alone in a cell belongs to the row, wherever the
            # (often two-level) header puts its column
            if V.comparator_only(text) or V.nature_word(text) is not None:
                self.row.comparator = V.comparator_only(text) or V.nature_word(text) or self.row.comparator
                self.row.floating += 1
                return
            if val is None:
                self.row.unit = V.norm(text).strip("()")
                self.row.floating += 1
                return
            self.row.raw.append(Raw(text, tok.loc, None, val))
            return
        # a text: a text value (达成预期指标), a deviation note, or the next row's name
        if self._takes_value(tok, text) and len(V.norm(text)) <= 30 \
                and (not V.is_note(text) or V.text_verdict(text)):
            if self._row_has_values() or not PLACEHOLDER_NAME.match(V.norm(self.row.name)):
                self.row.raw.append(Raw(text, tok.loc))
                return
        if self._row_has_values() and (V.is_note(text) or self._same_table_row(tok)):
            self.row.raw.append(Raw(text, tok.loc))  # a text after the figures on the row's own line: its note
            return
        self._new_row(tok, text)

    def _same_table_row(self, tok: Tok) -> bool:
        a, b = tok.loc, self.row.loc
        return a.table is not None and a.row is not None and (a.source, a.table, a.row) == (b.source, b.table, b.row)

    def _slots(self) -> list[str]:
        b = self.block
        if b is None or b.kind != "indicator":
            return []
        return list(dict.fromkeys(c.hint for c in b.header if c.hint in CELL_ROLES))

    def _takes_value(self, tok: Tok, text: str) -> bool:
        """Whether a text after the row's cells can still be its target or actual."""
        b = self.block
        if b is None or b.kind != "indicator":
            return False
        spare = max(0, sum(1 for c in b.header if c.hint in ("nature", "unit")) - self.row.floating)
        return takes_value("indicator", stream_slots("indicator", b.header), self.row.raw, Raw(text, tok.loc), spare)

    def _row_has_values(self) -> bool:
        r = self.row
        return r is not None and (any(x.val is not None and x.val.q is not None for x in r.raw)
                                  or any(v is not None for v in (r.target, r.actual, r.weight, r.score)))

    # ------------------------------------------------------------------ run-together rows
    def _glue_more(self, tok: Tok, text: str) -> bool:
        """Whether this text is (more of) indicator rows run together: numbered rows (指标1…指标2…) with
        figures, in a flattened (not grid) indicator table, or the rest of such a run."""
        if self.mode != "ind" or tok.col is not None or len(self._slots()) < 2 or not re.search(r"\d", text):
            return False
        if V.group_label(V.norm(text)):
            return False  # 效益指标（40分）: a group label, read as one, ends the run before it
        if self.glue_buf:
            return True
        n = V.norm(text)
        if len(re.findall(r"\d+", n)) < 2:
            return False
        # a cell cut out of a run-together form: its rows may carry no numbers (名称≥35公里39公里1111)
        return bool(marker_regex().search(n)) and (tok.glued or len(n) > MIN_GLUE) or tok.glued

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
        rows: list[tuple] = []
        for seg in segments(text, self.glue_label):
            t = tok_at(seg.start)
            if seg.kind == "group":
                g = V.group_label(seg.text, True)
                if g:
                    self._group(Tok(seg.text, t.loc, quote=seg.text), g)
                continue
            cap = next((g.weight.q.value for g in self.form.groups
                        if g.level1 == self.level1 and g.weight and g.weight.q), Decimal(100))
            rows.append((seg, cap, self.level1, self.level2))
        known = self.block.glue_slots if self.block is not None else None
        if known:
            slots, (pending, solved) = known, _cut_with(rows, known, tok_at)
        else:
            slots, pending, solved = _best_cut(rows, self._slots(), tok_at)
        if slots != self._slots() and not known:
            self.block.glue_slots = slots  # the block's later runs (pages) follow the same columns
            self.form.notes.append("表头未列出分值列，按各行内容推定各列为：" + "、".join(ROLE_CN.get(x, x) for x in slots)
                                   + f"（{sum(c is not None for c in solved)} 行按此唯一拆分，其后各行沿用此列序）")
        prev = None
        for (seg, t, _, l1, l2), cut in zip(pending, solved):
            if cut is not None and seg.unmarked and prev is not None and V.is_note(cut.name):
                prev.note = prev.note or cut.name  # the row's reason ran into the next row's name
            prev = None
            loc = self._span(t, seg.whole[:40])
            if cut is None:
                if re.search(r"\d", seg.text):
                    self.form.rows_incomplete = True
                    self.form.issues.append((f"指标行“{seg.whole[:30]}”的文字与数字连在一起，无法唯一拆分为各列",
                                             seg.whole[:160], loc))
                continue
            r = IndicatorRow(name=cut.name, loc=loc, level1=l1, level2=l2, quote=seg.whole, note=cut.note,
                             block=len(self.form.blocks))
            for v in cut.cells.values():
                v.loc = loc
            r.take(cut.cells)
            if r.target is not None and r.target.q is not None and r.target.q.comparator:
                r.comparator = r.target.q.comparator
            self.form.indicators.append(r)
            prev = r

    def _span(self, tok: Tok, piece: str):
        """Location of a piece cut out of a long paragraph, with its character span when found."""
        if tok.loc.paragraph is None:
            return tok.loc
        para = next((b for b in self.doc.paragraphs() if b.location == tok.loc), None)
        i = para.text.find(piece) if para is not None else -1
        return tok.loc.with_(span=(i, i + len(piece))) if i >= 0 else tok.loc

    # ------------------------------------------------------------------ rows
    def _new_row(self, tok: Tok, text: str) -> None:
        self._close_row()
        self.row = IndicatorRow(name=text, loc=tok.loc, level1=self.level1, level2=self.level2,
                                quote=tok.quote or text, reliable=bool(self._slots()) and not self.form.interleaved,
                                block=len(self.form.blocks))

    def _close_row(self) -> None:
        r, self.row = self.row, None
        if r is None or self.form is None:
            return
        if not any(x.text.strip() for x in r.raw):
            return
        if self.form.interleaved:
            r.reliable = False
        self.form.indicators.append(r)
