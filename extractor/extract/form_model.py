"""What a 自评表 form is once read: fund rows, indicator rows, stated group weights and totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.model import Location
from extractor.quantities import Quantity


@dataclass
class Tok:
    """One cell of a form in reading order. `col` is known for real grids (DOCX/XLSX/PDF tables);
    `row_end` marks the end of a grid row; `glued` says the text was cut out of run-together text;
    `empty` is an empty cell that separators show in flattened text; `header_row` marks the cells of a
    grid row read as a header row (all of them are header cells, known words or not); `budget_table` marks
    the cells of a budget table (form_tokens.is_budget_table)."""

    text: str
    loc: Location
    col: int | None = None
    row_end: bool = False
    glued: bool = False
    quote: str = ""
    empty: bool = False
    header_row: bool = False
    budget_table: bool = False  # a cell of a table of money columns with no form word (form_tokens)
    span: int = 1  # grid columns the cell covers (a merged caption over sub-columns: 评分 over 分值 | 得分)


@dataclass
class Val:
    """A value cell: its text as written, the parsed quantity (None for text values), where it is.
    `ocr` marks a value a scanned copy may have garbled (290% for ≥90%)."""

    text: str
    loc: Location
    q: Quantity | None = None
    ocr: bool = False


@dataclass
class Raw:
    """A cell of a form row as read, before its column role is decided: text, where it is, its grid
    column (None in flattened text, where only the order is known), its parsed value and its kind
    (set by form_kinds)."""

    text: str
    loc: Location
    col: int | None = None
    val: Val | None = None
    kind: object = None


@dataclass
class Column:
    """One column of a block: its key (grid column, or slot number in flattened text), the header words
    above it, the role they suggest, the role chosen and why."""

    key: int
    header: str = ""
    hint: str | None = None
    role: str | None = None
    why: list[str] = field(default_factory=list)
    loc: Location | None = None  # the header cell


@dataclass
class ColumnMap:
    """The column roles of one block (fund block or indicator table), with the evidence for them: the
    score of the chosen assignment, the runner-up, the constraints that held and those that failed.
    `tie` says why no assignment could be chosen (the block is then not checkable)."""

    block: str  # fund | indicator
    columns: list[Column] = field(default_factory=list)
    positional: bool = True  # grid columns; False: cells in order (flattened text)
    score: int = 0
    runner_up: tuple[int, tuple] | None = None
    held: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    tie: str | None = None

    def role(self, key: int) -> str | None:
        return next((c.role for c in self.columns if c.key == key), None)

    def roles(self) -> list[str | None]:
        return [c.role for c in self.columns]


@dataclass
class FundRow:
    label: str
    kind: str  # total | component
    loc: Location
    quote: str = ""
    cells: list[tuple[str | None, Val]] = field(default_factory=list)  # (column role if known, value)
    values: dict[str, Val] = field(default_factory=dict)  # role -> value after alignment
    aligned: str = "exact"  # exact | guessed | bad
    mixed: bool = False  # some of its cells came before the fund header was complete
    guessed_pairs: list[tuple[Val, Val]] = field(default_factory=list)  # (budget, spent) candidates
    raw: list[Raw] = field(default_factory=list)  # its cells as read, before column roles
    block: int = 0
    named: bool = False  # labelled as the templates print it (年度资金总额, 其中：财政拨款)
    note: str = ""  # its 原因/说明 cell
    why: str = ""  # why its cells could not be given columns, when they could not
    qizhong: bool = False  # its label opens with 其中 (a second one may break the row above down)


# the row attribute of each value column role (调整指标值 and 是否核心指标 are given by IndicatorRow.take)
VALUE_ATTRS = {"indicator.target": "target", "indicator.actual": "actual", "score.weight": "weight",
               "score.value": "score", "score.ratio": "ratio"}
CELL_ROLES = tuple(VALUE_ATTRS) + ("indicator.target_adjusted", "flag")


@dataclass
class IndicatorRow:
    name: str
    loc: Location
    level1: str | None = None
    level2: str | None = None
    quote: str = ""
    comparator: str | None = None
    unit: str = ""
    target: Val | None = None
    actual: Val | None = None
    weight: Val | None = None
    score: Val | None = None
    ratio: Val | None = None  # 得分系数: 得分 = 分值 × 系数 in the forms that print it
    target_initial: Val | None = None  # 年初指标值, where an adjusted target (调整指标值) replaced it
    core: str = ""  # 是否核心指标 as written (是/否)
    note: str = ""
    reliable: bool = True
    extra: list[Val] = field(default_factory=list)
    raw: list[Raw] = field(default_factory=list)  # its value cells as read, before column roles
    floating: int = 0  # its comparator / nature / unit cells, read by content and given no slot
    block: int = 0
    why: str = ""  # why the row is not reliable, when it is not

    def take(self, cells: dict[str, Val]) -> None:
        """The row's values by column role (CELL_ROLES). A filled 调整指标值 is the target the row is judged
        by, the 年初指标值 kept as target_initial; 是否核心指标 is kept as written."""
        for role, attr in VALUE_ATTRS.items():
            if role in cells:
                setattr(self, attr, cells[role])
        if "flag" in cells:
            self.core = cells["flag"].text
        adjusted = cells.get("indicator.target_adjusted")
        if adjusted is not None:
            self.target_initial, self.target = self.target, adjusted


@dataclass
class Group:
    level1: str
    weight: Val | None
    loc: Location
    quote: str


@dataclass
class Misplaced:
    level2: str
    under: str
    expected: str
    loc: Location
    quote: str


@dataclass
class Block:
    """A header and the rows read under it; `colmap` is decided once the form is read."""

    kind: str  # fund | indicator
    header: list[Column] = field(default_factory=list)  # value columns named by the header, in order
    colmap: ColumnMap | None = None
    stated_weight: Val | None = None  # 绩效指标(90分): the weight the form gives the whole block
    glue_slots: list[str] | None = None  # column order its run-together rows were found to follow


@dataclass
class Form:
    index: int
    loc: Location
    title: str = ""
    year: int | None = None
    title_years: list[tuple[int, str, Location]] = field(default_factory=list)
    fund_rows: list[FundRow] = field(default_factory=list)
    fund_cols: list[str] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    ind_cols: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    rule_groups: list[Group] = field(default_factory=list)  # weights the form's own notes prescribe
    misplaced: list[Misplaced] = field(default_factory=list)
    total_weight: Val | None = None
    total_score: Val | None = None
    total_quote: str = ""
    total_raw: list[Raw] = field(default_factory=list)  # the 总分 row's figures as read
    header_score: Val | None = None  # 自评得分 95 stated in the header block
    total_label: str = ""
    texts: list[Tok] = field(default_factory=list)
    goal: list[Tok] = field(default_factory=list)  # 年度总体目标 texts that state figures
    issues: list[tuple[str, str, Location]] = field(default_factory=list)  # (message, raw, loc)
    notes: list[str] = field(default_factory=list)  # how the reading departed from the header (--explain)
    interleaved: bool = False
    rows_incomplete: bool = False  # some run-together rows could not be cut into cells
    truncated: bool = True  # no closing 总分 row seen
    blocks: list[Block] = field(default_factory=list)
    marks: list[Location] = field(default_factory=list)  # where its group labels (一级/二级指标) stand
    kind: str = "self_assessment"  # self_assessment | declaration | evaluation | targets_only

    @property
    def total_row(self) -> FundRow | None:
        return next((r for r in self.fund_rows if r.kind == "total"), None)

    @property
    def components(self) -> list[FundRow]:
        """The 其中 rows of the total row: those of its block, or of a later block with no total of its
        own (a header repeated after a page break); rows under an earlier table's header are not its."""
        t = self.total_row
        rows = [r for r in self.fund_rows if r.kind == "component"]
        if t is None:
            return rows
        own = {r.block for r in self.fund_rows if r.kind == "total"}
        return [r for r in rows if r.block == t.block or (r.block > t.block and r.block not in own)]

    def fund(self, role: str) -> Val | None:
        """A fund-block value of the total row (or, when there is no total row, of the only row)."""
        row = self.total_row or (self.fund_rows[0] if len(self.fund_rows) == 1 else None)
        return row.values.get(role) if row else None

    def has_content(self) -> bool:
        """Rows, groups or totals were read — or rows were there that could not be cut into cells (said as
        not checkable, never passed over in silence)."""
        return bool(self.fund_rows or self.indicators or self.groups or self.total_score or self.total_weight
                    or self.rows_incomplete)

    def locations(self) -> list[Location]:
        """Where the form's cells were read: headers, fund rows, groups, indicator rows, totals."""
        out = [c.loc for b in self.blocks for c in b.header if c.loc is not None]
        for r in self.fund_rows:
            out += [r.loc] + [x.loc for x in r.raw]
        for r in self.indicators:
            out += [r.loc] + [x.loc for x in r.raw]
        out += [g.loc for g in self.groups] + [x.loc for x in self.total_raw] + self.marks
        return out

    def block_of(self, index: int) -> Block | None:
        return self.blocks[index - 1] if 0 < index <= len(self.blocks) else None
