"""A document as a stream of form cells (Tok): grid tables cell by cell with their column, text tables
and paragraphs cut into cells by |, tabs, runs of spaces or — for text flattened without separators —
by the form vocabulary itself."""

from __future__ import annotations

import functools
import re

from extractor.extract import form_vocab as V
from extractor.extract.form_model import Tok
from extractor.model import Document, Paragraph, Table
from extractor.quantities import normalize_digits, parse_value, unit_info
from extractor.quantities.comparators import sign_class


@functools.lru_cache(maxsize=1)
def _cmp_split() -> re.Pattern:
    s = sign_class()
    return re.compile(rf"^(?P<name>.*?[^\d\s{s}])\s*(?P<val>[{s}]\s*\d[\d.,]*\s*\S{{0,4}})$")


_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*、(?=\D)")
MIN_GLUE = 30  # a cell longer than this without separators may be several cells run together


def _glue_split(text: str) -> list[str]:
    parts, pos = [], 0
    for m in V.split_regex().finditer(text):
        parts.extend([text[pos:m.start()], m.group(0)])
        pos = m.end()
    parts.append(text[pos:])
    return [p for p in parts if p.strip()]


def _prefix_groups(text: str) -> list[str]:
    """Strip leading group labels glued to a row name: 产出指标数量指标培训覆盖率=100% -> 3 cells."""
    out: list[str] = []
    t = text
    changed = True
    while changed and t:
        changed = False
        for m in V.split_regex().finditer(t):
            if m.start() != 0 or m.end() >= len(t):
                break
            if V.group_label(m.group(0)) and len(V.norm(t[m.end():])) > 1:
                out.append(m.group(0))
                t = t[m.end():]
                changed = True
            break
    out.append(t)
    return [p for p in out if p.strip()]


def _name_value(text: str) -> list[str]:
    """结余率≤5% -> [结余率, ≤5%] when the tail after a comparator is one value."""
    m = _cmp_split().match(text)
    if m and len(m.group("name")) >= 2 and parse_value(m.group("val")) is not None:
        return [m.group("name"), m.group("val")]
    return [text]


_VALUE_LABEL = re.compile(r"^(?P<val>\d[\d.,%％]*)(?P<label>[^\d%％.,].{1,15})$")


def _value_label(text: str) -> list[str]:
    """86.5%市县资金 -> [86.5%, 市县资金] when the tail is a fund-row, group or header label."""
    m = _VALUE_LABEL.match(normalize_digits(text))  # same length: the spans hold for the text as written
    if m:
        label = text[m.start("label"):]
        if V.fund_label(label, True) or V.group_label(label) or V.header_role(label) \
                or re.fullmatch(r"其中[:：]?", label):  # 393.741090.10%9.01其中： the row's figures, then 其中
            return [text[:m.end("val")], label]
    return [text]


def _is_form_like(text: str, continues: bool = False) -> bool:
    """A long run-together paragraph is cut by vocabulary only when it reads like a form, or when it
    continues one (the paragraph before was a run-together form: a page of the same table) and
    names at least two of its groups or columns."""
    hits = {m.group(0) for m in V.split_regex().finditer(text)}
    roles = {V.header_role(h) for h in hits} - {None}
    if continues and len(roles) + sum(1 for h in hits if V.group_label(h)) >= 2:
        return True
    return len(roles) >= 4 or (V.is_title(text[:80]) and len(roles) >= 2)


def _cells(text: str, glued_ok: bool, continues: bool = False) -> list[tuple[str, bool]]:
    t = V.simplify(text).strip()
    if not t:
        return []
    if len(t) > MIN_GLUE and glued_ok and _is_form_like(t, continues):
        out: list[tuple[str, bool]] = []
        for p in _glue_split(t):
            for q in _name_value(p.strip()):
                out.extend((x, True) for x in _value_label(q))
        return out
    out = []
    for p in _prefix_groups(t):
        out.extend((q, False) for q in _name_value(p.strip()))
    return out


def _split_line(text: str) -> list[str]:
    if "\t" in text:
        return [p for p in text.split("\t") if p.strip()]
    if len(text) > 60 and text.count(" ") >= 4:
        return [p for p in re.split(r"\s+", text) if p]
    pieces = text.split()
    if len(pieces) >= 4 and not re.search(r"[，。；;！？]", text) and \
            sum(_cell_like(p, before) for p, before in zip(pieces, [""] + pieces)) * 5 >= len(pieces) * 4:
        return pieces  # a short row of cells one space apart (PDF text): 年度资金总额 240.00 240.00 …
    return [text]


def _cell_like(piece: str, before: str = "") -> bool:
    """A piece that stands as a form cell on its own: a figure (with its unit and comparator), a dash, a
    header word, a fund or group label, a comparator or nature word, 是/否, or a unit — not right after a
    bare number, where it is that number's unit set apart (PDF text: 1422.74 万元)."""
    if re.fullmatch(rf"[{sign_class()}]?[\d.,]+[%％]?|[—\-－/]+", piece) or V.header_role(piece) is not None \
            or V.fund_label(piece, True) is not None or V.group_label(piece) is not None:
        return True
    if V.comparator_only(piece) or V.nature_word(piece) is not None or V.norm(piece) in V.vocab()["flag_values"]:
        return True
    if not any(ch.isdigit() for ch in piece):
        return unit_info(V.norm(piece).strip("()")) is not None and not re.fullmatch(r"[\d.,]+", before)
    q = parse_value(piece)
    return q is not None and q.raw.replace(" ", "") == piece


def tokens(doc: Document) -> list[Tok]:
    out: list[Tok] = []
    grid = doc.format != "text"
    in_glued = False  # the last paragraph was a run-together form
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if not b.text.strip():
                if b.style == "cell":
                    out.append(Tok("", b.location, empty=True))
                continue
            text = b.text
            if in_glued:
                # a viewer's page number (2、) before the next page of a run-together form: no cell
                text = _PAGE_NUMBER.sub("", text, count=1)
            note = V.is_form_note(text)
            for piece in ([text] if note else _split_line(text)):
                cells = _cells(piece, not note, in_glued)
                in_glued = any(glued for _, glued in cells)
                for t, glued in cells:
                    out.append(Tok(t, b.location, glued=glued, quote=piece if len(piece) < 200 else t))
        elif isinstance(b, Table):
            in_glued = False
            out.extend(_table_tokens(b, grid))
    return _merge_split_words(out)


def _merge_split_words(toks: list[Tok]) -> list[Tok]:
    """Header or group words broken over two cells (年初 / 预算数, 经济效益 / 指标) are joined again."""
    out: list[Tok] = []
    suffix = V.vocab().get("group_suffix", "指标")
    for t in toks:
        if out and not t.row_end and not out[-1].row_end and t.col == out[-1].col and t.col is None:
            prev = out[-1]
            joined = prev.text + t.text
            if len(prev.text) <= 5 and len(t.text) <= 5 and V.header_role(prev.text) is None \
                    and V.group_label(prev.text) is None and (
                    V.header_role(joined) is not None
                    or (t.text == suffix and V.group_label(joined) is not None)):
                out[-1] = Tok(joined, prev.loc, prev.col, False, prev.glued, prev.quote,
                              budget_table=prev.budget_table)
                continue
        out.append(t)
    return out


def _grid(t: Table) -> list[list]:
    """Row-major grid, merged cells repeated (as Table.grid, sized once: linear in the cells)."""
    n_rows = max((c.row + c.rowspan - 1 for c in t.cells), default=0)
    n_cols = max((c.col + c.colspan - 1 for c in t.cells), default=0)
    g: list[list] = [[None] * n_cols for _ in range(n_rows)]
    for c in t.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                g[r - 1][k - 1] = c
    return g


def is_header_row(texts: list[str], after_header: bool = False) -> bool:
    """A grid row of header cells: several cells name column roles and none holds a figure. Right under
    a header row, a row of header words only (a second header line) is one too."""
    roles = [V.header_role(t) for t in texts]
    known = {r for r in roles if r is not None}
    if any(parse_value(t) is not None for t in texts if V.header_role(t) is None):
        return False
    if after_header and known and all(r is not None for r in roles):
        return True
    return len(known) >= 3 or (len(known) >= 2 and bool(known & _FUND_HEADS))


_FUND_HEADS = {"budget.initial", "budget.adjusted", "spend.actual", "rate.execution"}


# Column roles of money columns (预算数, 调整数, 执行数, 执行率, 金额, 2023年决算数).
_MONEY_ROLES = {"budget.initial", "budget.adjusted", "budget.adjustment", "spend.actual", "rate.execution", "amount"}


def is_budget_table(t: Table) -> bool:
    """A table headed by money columns (年初预算数 | 调整后预算数 | 执行数 | 执行率, 2023年决算数 | 2022年决算数)
    with no word only a 自评表 holds (form title, indicator or score columns, group names, 年度资金总额,
    总分): a budget table of the report, not a form or a form's block. A table whose first row holds
    figures (a form continued on the next page) is never one."""
    from extractor.extract.budget_vocab import column_role

    rows = [[c.text.strip() for c in r if c.text.strip()] for r in t.rows()]
    first_data = next((i for i, r in enumerate(rows) if any(parse_value(x) is not None for x in r)), None)
    if not first_data:
        return False
    header = [V.simplify(x) for r in rows[:first_data] for x in r]
    if not any(column_role(x) in _MONEY_ROLES for x in header):
        return False
    if t.caption and V.is_title(t.caption):
        return False
    return not any(V.form_word(c.text) for c in t.cells)


def _table_tokens(t: Table, grid: bool) -> list[Tok]:
    out = _table_cells(t, grid)
    if is_budget_table(t):
        for tok in out:
            tok.budget_table = True
    return out


def _table_cells(t: Table, grid: bool) -> list[Tok]:
    out: list[Tok] = []
    if grid:
        header = False
        for r, row in enumerate(_grid(t), 1):
            seen = set()
            texts = []
            for c, cell in enumerate(row, 1):
                if cell is None or id(cell) in seen or not cell.text.strip():
                    continue
                seen.add(id(cell))
                texts.append((c, cell))
            quote = " | ".join(V.simplify(cell.text.strip()) for _, cell in texts)
            header = is_header_row([V.simplify(cell.text.strip()) for _, cell in texts], header)
            for c, cell in texts:
                for piece, glued in _cells(cell.text, False):
                    out.append(Tok(piece, cell.location, col=c, glued=glued, quote=quote, header_row=header,
                                   span=getattr(cell, "colspan", 1) or 1))
            out.append(Tok("", t.location.with_(row=r), row_end=True))
        return out
    for row in t.rows():
        quote = " | ".join(V.simplify(c.text.strip()) for c in row if c.text.strip())
        last = max((i for i, c in enumerate(row) if c.text.strip()), default=-1)
        for i, cell in enumerate(row):
            if not cell.text.strip():
                if i < last:  # an empty cell between two filled ones: the separators show it
                    out.append(Tok("", cell.location, empty=True))
                continue
            for piece in _split_line(cell.text):
                for p, glued in _cells(piece, True):
                    out.append(Tok(p, cell.location, glued=glued, quote=quote))
    return out
