"""Header rows of a form: a run of header words opens the fund block or the indicator table (a Block
with one Column per header cell and the role its words suggest). Flattened spreadsheets that scatter
the indicator header between the first rows are gathered here too."""

from __future__ import annotations

import re

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Block, Column, Group, Tok, Val
from extractor.quantities import parse_value

FUND_ONLY = {"budget.initial", "budget.adjusted", "spend.actual", "rate.execution"}
IND_ONLY = {"level1", "level2", "level3", "nature", "indicator.target", "unit", "indicator.actual", "note",
            "indicator.target_adjusted", "score.ratio", "flag"}
SLOTS = ("indicator.target", "indicator.actual", "score.weight", "score.value")
NAME_ROLES = ("level1", "level2", "level3")


def header_columns(run: list[tuple[str | None, int | None, Tok]], previous: list[Column] | None = None) -> list[Column]:
    """Columns of a header run. In a grid a column is keyed by its grid column (a header over two rows
    keeps the more specific word); in flattened text by the order of the words."""
    cols: dict[int, Column] = {c.key: c for c in (previous or [])}
    caption_cols: set[int] = set()
    order = len(cols)
    for role, col, tok in run:
        text = tok.text.strip()
        if col is None:
            if role is None:
                continue
            order += 1
            cols[order] = Column(order, text, role, loc=tok.loc)
            continue
        old = cols.get(col)
        under_caption = old is not None and col in caption_cols and role is not None
        if old is None or under_caption or (role is not None and (old.hint is None or old.hint == role
                                                                 or _specific(role, old.hint))):
            cols[col] = Column(col, text, role, loc=tok.loc)
        if tok.span > 1:
            # a caption over several columns (评分 over 分值 | 得分): the words under it name them
            caption_cols.update(range(col, col + tok.span))
        else:
            caption_cols.discard(col)
    out = [cols[k] for k in sorted(cols)]
    _settle_alternatives(out)
    return out


def _settle_alternatives(cols: list[Column]) -> None:
    """An ambiguous header (调整预算数) whose preferred role another column's header names plainly
    (全年预算数) takes its next role (the adjustment); the fund rows' arithmetic then checks it."""
    for c in cols:
        alts = V.header_alternatives(c.header) if c.header else ()
        if c.hint not in alts:
            continue
        taken = {o.hint for o in cols if o is not c and not V.header_alternatives(o.header or "")}
        c.hint = next((r for r in alts if r not in taken), c.hint)


def _stated_weight(run) -> Val | None:
    """绩效指标(90分), 预算执行情况(10分): a caption cell of the header giving the block's weight."""
    for role, _, tok in run:
        t = V.norm(tok.text)
        m = re.search(V.vocab()["group_weight_regex"] + "$", t)
        if role is None and m and m.start() > 0 and not V.group_label(t):
            return Val(m.group(0), tok.loc, parse_value(m.group(1)))
    return None


def _names_table(run) -> bool:
    """Header words that name an indicator table (一级指标 … 年度指标值 实际完成值 …)."""
    rs = {r for r, _, _ in run if r is not None}
    return len(rs & IND_ONLY) >= 3 and len(rs) >= V.vocab()["min_indicator_roles"]


def _row_start(run, tok: Tok) -> int:
    """Where the run's words on the line of `tok` (the cell that ended the run) begin, in flattened text
    whose table rows are known; len(run) when none are, or rows are not known."""
    loc = tok.loc
    if tok.col is not None or loc.row is None or loc.table is None:
        return len(run)
    i = len(run)
    while i > 0 and run[i - 1][1] is None and run[i - 1][2].loc.table == loc.table and run[i - 1][2].loc.row == loc.row:
        i -= 1
    return i


def _specific(new: str, old: str) -> bool:
    """A second header row under a spanning caption (项目资金 / 年初预算数) names the column better."""
    return old in ("level1",) and new not in NAME_ROLES


class HeaderMixin:
    def _open_block(self, kind: str, run, keep: bool = False) -> Block:
        prev = self.block.header if keep and self.block is not None and self.block.kind == kind else None
        cols = header_columns(run, prev)
        if keep and self.block is not None and self.block.kind == kind:
            self.block.header = cols
            return self.block
        b = Block(kind, cols, stated_weight=_stated_weight(run))
        self.form.blocks.append(b)
        self.block = b
        return b

    def _finish_run(self, tok: Tok) -> list[Tok]:
        """Open the block a header run names; returns the run's tokens when it names none and they are
        a row's cells after all (预算执行率 as an indicator name)."""
        run, self.run = self.run, []
        cut = _row_start(run, tok)
        if cut < len(run) and (cut > 0 and _names_table(run[:cut]) or cut == 0 and self._table_open()) \
                and not _names_table(run[cut:]):
            # the words on the first data row's line (预算执行 | 预算执行率) are that row's names: the
            # indicator header before them is complete, and they must not open a block of their own
            self.run = run[:cut]
            out = self._finish_run(run[cut - 1][2]) if cut else []
            return out + self._row_labels([t for _, _, t in run[cut:]])
        roles = [r for r, _, _ in run if r is not None]
        rs = set(roles)
        v = V.vocab()
        fund_header = len(rs & FUND_ONLY) >= 2 and len(rs) >= v["min_fund_roles"]
        cont = bool(rs & FUND_ONLY) and self.mode == "fund" and self.form is not None and not self.form.indicators
        if cont and fund_header and self._repeats_fund_header(run):
            cont = False  # a header of its own (a task table's 预算金额/执行数 above the fund block's header)
        if cont:
            # header words between the amounts (全年预算数(A) 300 全年执行数(B) …): the header goes on; the
            # rows holding amounts read so far cannot be aligned to it
            for row in self.form.fund_rows:
                row.mixed = row.mixed or bool(row.raw)
            self.pending_mixed = bool(self.pending) or self.pending_mixed
        if rs & FUND_ONLY:
            self.hdr_acc = []  # a fund header: scattered indicator header words start afresh
        if cont and not fund_header:
            self._open_block("fund", run, keep=True)
        elif fund_header:
            if self.form is None or self._closed() or (self.form.indicators and self.mode != "fund"):
                self._new_form(run[0][2])
            self._close_row()
            if self.fund is None or self.fund.raw:
                self._close_fund()
            self._open_block("fund", run, keep=cont)
            self.mode = "fund"
        elif len(rs & IND_ONLY) >= 3 and len(rs) >= v["min_indicator_roles"]:
            if self.form is None or self._closed():
                self._new_form(run[0][2])
            self._close_fund()
            self._close_row()
            same = self.block is not None and self.block.kind == "indicator" and self.mode == "ind"
            self._open_block("indicator", run, keep=same and run[0][1] is not None)
            self.mode, self.in_goal = "ind", False
        elif self.mode == "ind" and self.form is not None and self.form.indicators and len(rs) >= 2 \
                and run[0][1] is None:
            self.form.interleaved = True  # header words between data rows: columns were interleaved
        elif len(run) == 1 and self.mode in ("ind", "fund", "total") and run[0][1] is None:
            return [run[0][2]]
        else:
            self._accumulate(run)
        return []

    def _repeats_fund_header(self, run) -> bool:
        """A complete fund header naming again a money role the open fund block's header already has
        (in a grid: in another column): a new table's header, not the rest of the open one (whose rows
        were read under its own words). The same words in the same grid columns repeat the header."""
        b = self.block
        if b is None or b.kind != "fund":
            return False
        old = {c.hint: c.key for c in b.header if c.hint in FUND_ONLY}
        return any(role in old and (col is None or old[role] != col) for role, col, _ in run)

    def _row_labels(self, toks: list[Tok]) -> list[Tok]:
        """Label cells at the start of a data row, flattened: the last is the indicator's name (三级指标),
        those before it fill the group columns to its left (预算执行 | 预算执行率 | 预算执行率), as in
        a grid. Returns the cells left to read as the row's."""
        groups = [c.hint for c in self.block.header if c.hint in ("level1", "level2")] if self._table_open() else []
        lead = toks[:-1]
        if not lead or len(lead) > len(groups):
            return toks
        self._close_row()
        for t, level in zip(lead, groups[len(groups) - len(lead):]):
            self._unknown_group(t, t.text.strip(), level)
        return toks[-1:]

    def _table_open(self) -> bool:
        b = self.block
        return self.mode == "ind" and b is not None and b.kind == "indicator" and bool(b.header)

    def _accumulate(self, run) -> None:
        """Flattened spreadsheets interleave the indicator header with the first rows (一级指标 … 年度
        指标值 实际完成值 指标1 … 二级指标 三级指标 … 分值 得分). Header words met in small runs close
        together are gathered; once they name an indicator table, the rows after them are read in that
        column order. Rows caught between the header words are left out (their cells are mixed)."""
        if (self.form is None and self.pending_title is None) or self.mode == "ind" \
                or any(t.col is not None for _, _, t in run):
            self.hdr_acc = []
            return
        v = V.vocab()
        if not self.hdr_acc or self.n_tok - self.hdr_start > v["max_header_spread"]:
            self.hdr_acc, self.hdr_start, self.hdr_skipped = [], self.n_tok, []
        self.hdr_acc.extend(run)
        rs = {r for r, _, _ in self.hdr_acc if r is not None}
        if len(rs & IND_ONLY) >= 3 and len(rs) >= v["min_indicator_roles"] and len(rs & set(SLOTS)) >= 3:
            acc = self.hdr_acc
            if self.form is None:
                self._new_form(acc[0][2])
            self._close_fund()
            self._close_row()
            self._open_block("indicator", acc)
            self.mode, self.in_goal = "ind", False
            self.hdr_acc = []
            if self.hdr_skipped:
                names = "、".join(t.text for t in self.hdr_skipped)
                self.form.issues.append((f"表头文字夹在前几行数据之间，{names} 的数值无法对应到列，未核对",
                                         self.hdr_skipped[0].text, self.hdr_skipped[0].loc))
                self.hdr_skipped = []

    def _rule_weights(self, tok: Tok, text: str) -> None:
        """A note under the form prescribing level-1 weights: 产出指标50分、效益指标30分."""
        names = "|".join(re.escape(n) for n in V.level1_names())
        hits = re.findall(rf"({names})\s*[(（]?\s*(\d+(?:\.\d+)?)\s*分", V.norm(text))
        if len(hits) >= 2:
            for name, w in hits:
                name = (V.group_label(name) or (None, name))[1]  # 产出 -> 产出指标, as the form's groups are named
                self.form.rule_groups.append(Group(name, Val(w + "分", tok.loc, parse_value(w + "分")), tok.loc, text[:160]))
