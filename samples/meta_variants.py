"""Variant families of the metamorphic 自评表 tests: each family is a transform of the canonical
Layout that keeps the form's meaning; a Variant (family, format, seeds, injected errors, features)
is reproducible from its key."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

from samples.meta_errors import Injected, inject
from samples.meta_layout import Layout, build
from samples.meta_render import FORMATS
from samples.meta_spec import FEATURES, Spec, make_spec

TARGET = ["年度指标值", "指标值", "目标值", "预期值", "年度目标值"]
ACTUAL = ["实际完成值", "全年实际值", "完成值", "全年完成值", "实际值"]
WEIGHT = ["分值", "权重", "指标分值", "指标权重（分）"]
SCORE = ["得分", "自评得分", "指标得分（分）", "评分"]
UNIT = ["度量单位", "计量单位", "单位"]
NOTE = ["偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因分析", "偏差原因", "说明"]
FUND_HEADS = [("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
              ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"),
              ("年初预算", "调整后预算数", "预算执行数", "权重", "预算执行率", "得分"),
              ("年初预算数", "调整后预算数", "实际执行数", "分值", "资金执行率", "自评得分")]
FUND_ROWS = [["年度资金总额", "年度资金总额：", "资金总额", "总额"],
             ["其中：本年财政拨款", "其中：当年财政拨款", "其中：财政拨款", "其中：财政资金"],
             ["上年结转资金", "上年结转"], ["其他资金"]]
GOAL_HEADS = [("年度总体目标", "预期目标", "实际完成情况"), ("年度总体目标", "年初设定目标", "年度总体目标完成情况综述"),
              ("年度目标", "项目年度目标", "年度目标完成情况")]


def _pick(rng: random.Random, options: list):
    return options[rng.randrange(len(options))]


def synonyms(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """Header words, row labels and titles from the templates' vocabulary."""
    lay = lay.with_heads(target=_pick(rng, TARGET), actual=_pick(rng, ACTUAL), weight=_pick(rng, WEIGHT),
                         score=_pick(rng, SCORE), unit=_pick(rng, UNIT), note=_pick(rng, NOTE),
                         level3=_pick(rng, ["三级指标", "指标名称"]))
    fund = dict(zip(("initial", "budget", "spend", "weight", "rate", "score"), _pick(rng, FUND_HEADS)))
    return replace(lay.with_fund_heads(**fund), title=_pick(rng, ["项目支出绩效自评表", "项目绩效目标自评表"]),
                   year_row=_pick(rng, ["（{y}年度）", "({y}年度)", "{y}年度"]),
                   fund_label=_pick(rng, ["项目资金", "资金情况", "资金投入情况", "预算执行情况"]),
                   fund_rows=tuple(_pick(rng, o) for o in FUND_ROWS), goal_heads=_pick(rng, GOAL_HEADS),
                   lead=_pick(rng, ["绩效指标", "绩效指标（{w}分）"]),
                   group_fmt=_pick(rng, ["{name}（{w}分）", "{name}({w}分)"]),
                   sat_level2=_pick(rng, ["服务对象满意度指标", "服务对象满意度", "满意度指标"]),
                   total_label=_pick(rng, ["总分", "合计", "自评总分"]),
                   info_labels=_pick(rng, [("项目名称", "主管部门", "实施单位"), ("项目名称", "主管部门", "实施单位（盖章）")]),
                   fund_blank=_pick(rng, ["", "/", "—"]))


def _with_extras(main: list[str], nature: bool, unit: bool, rng: random.Random) -> tuple[str, ...]:
    """Value columns: nature just before the target, the unit just after it (or before the nature)."""
    out = list(main)
    i = out.index("target")
    if unit and nature and rng.random() < 0.3:
        out[i:i] = ["unit", "nature"]  # 计量单位 | 指标性质 | 指标值
    else:
        if unit:
            out.insert(i + 1, "unit")
        if nature:
            out.insert(i, "nature")
    return tuple(out)


def _main(lay: Layout) -> list[str]:
    return [c for c in lay.ind_cols if c not in ("nature", "unit")]


def reorder(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """The order of 指标值 / 实际完成值 / 分值 / 得分 (and of the fund block's 分值 / 执行率)."""
    main = _main(lay)
    while True:
        order = rng.sample(main, len(main))
        if order != main:
            break
    fund = _pick(rng, [("initial", "budget", "spend", "rate", "weight", "score"),
                       ("initial", "budget", "spend", "weight", "rate", "score"),
                       ("initial", "budget", "spend", "rate", "score", "weight")])
    nature, unit = "nature" in lay.ind_cols, "unit" in lay.ind_cols
    return replace(lay, ind_cols=_with_extras(order, nature, unit, rng), fund_cols=fund)


def optional_columns(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """指标性质 and 度量单位 columns added, 偏差原因 / 年初预算数 / the leading 绩效指标 column removed —
    only where the form's meaning survives (no reason written, no budget adjustment)."""
    while True:
        nature, unit = rng.random() < 0.5, rng.random() < 0.5
        note = rng.random() < 0.5 or any(r.note for r in spec.rows)
        initial = rng.random() < 0.5 or spec.total.initial != spec.total.budget
        lead = rng.random() < 0.5
        if (nature, unit, note, initial, lead) != (False, False, True, True, True):
            break
    fund = tuple(c for c in lay.fund_cols if c != "initial" or initial)
    return replace(lay, ind_cols=_with_extras(_main(lay), nature, unit, rng), note_col=note, fund_cols=fund,
                   lead=lay.lead if lead else "", unit_mode=_pick(rng, ["column", "column_keep"]) if unit
                   else "cell" if lay.unit_mode.startswith("column") else lay.unit_mode)


def merges(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """一级/二级 (and every other merged cell) repeated on each row, or left blank below the first."""
    return replace(lay, merge=_pick(rng, ["repeated", "blank"]))


def units(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """Units in the cell (300亩), in the indicator name (实施面积（亩） | 300) or in a 度量单位 column;
    万元 in the block label, in each header, in each cell, or in a 单位：万元 line above the form."""
    while True:
        mode = _pick(rng, ["cell", "name", "column", "column_keep"])
        fund_unit = _pick(rng, ["label", "header", "cell", "caption"])
        if (mode, fund_unit) != ("cell", "label"):
            break
    main = _main(lay)
    return replace(lay, unit_mode=mode, fund_unit=fund_unit,
                   ind_cols=_with_extras(main, "nature" in lay.ind_cols, mode.startswith("column"), rng))


def fullwidth(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """Full-width digits (and, for 'all', full-width ％ and ．)."""
    return replace(lay, fullwidth=_pick(rng, ["digits", "all"]))


def comparators(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """≧/≦/＝, >=/<=, or words (不低于300、300以上、不超过5万元、5万元以内)."""
    return replace(lay, cmp_style=_pick(rng, ["cjk", "ascii", "words"]))


def table_break(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """The indicator table broken over a page or continued as a second table after a 续表 caption;
    header row repeated or not; 一级/二级 labels repeated or blank in the second part."""
    return replace(lay, split_at=rng.randint(1, len(spec.rows) - 1), split_how=_pick(rng, ["continued", "page"]),
                   split_header=rng.random() < 0.5, split_caption=_pick(rng, ["续表", "（续表）", "续表：", ""]),
                   split_labels=rng.random() < 0.5)


def label_above(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """A cell above the fund row labels (年度预算数（万元）), as in some provincial templates."""
    return replace(lay, label_above=_pick(rng, ["年度预算数", "资金来源"]),
                   fund_label=_pick(rng, ["项目资金", "预算执行情况"]))


def title_outside(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """Title and year as paragraphs above the table instead of its first rows."""
    return replace(lay, title_in_table=False, year_row=_pick(rng, ["（{y}年度）", "{y}年度"]))


def score_ratio(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    """A provincial (重庆-style) table: 调整指标值 beside the target (left blank), 得分系数 (得分 ÷ 权重) before
    or after the 权重 column, and 是否核心指标 at the end; headers 指标权重（分）/指标得分（分）."""
    main = _main(lay)
    out = list(main)
    out.insert(out.index("target") + 1, "target_adj")
    w = out.index("weight")
    out.insert(w if rng.random() < 0.5 else w + 1, "ratio")
    out.append("core")
    lay = lay.with_heads(weight=_pick(rng, ["指标权重（分）", "权重", "分值"]), score=_pick(rng, ["指标得分（分）", "得分"]),
                         ratio=_pick(rng, ["得分系数（%）", "得分系数", "得分率"]), target_adj=_pick(rng, ["调整指标值", "调整后指标值"]))
    nature, unit = "nature" in lay.ind_cols, "unit" in lay.ind_cols
    return replace(lay, ind_cols=_with_extras(out, nature, unit, rng))


def canonical(lay: Layout, spec: Spec, rng: random.Random) -> Layout:
    return lay


FAMILIES = {f.__name__: f for f in (canonical, synonyms, reorder, optional_columns, merges, units, fullwidth,
                                    comparators, table_break, label_above, title_outside, score_ratio)}
COMPOSABLE = tuple(f for f in FAMILIES if f != "canonical")


@dataclass(frozen=True)
class Variant:
    family: str  # a FAMILIES name, or "mixed" (parts applied in order)
    fmt: str
    seed: int  # the spec
    lseed: int  # the transform's choices
    errors: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        fam = self.family + (f"[{'+'.join(self.parts)}]" if self.parts else "")
        return (f"{fam}~{self.fmt}~s{self.seed}~l{self.lseed}~{'+'.join(self.errors) or 'clean'}"
                f"~f[{'+'.join(self.features)}]")

    def canonical(self) -> "Variant":
        return Variant("canonical", "docx", self.seed, 0, self.errors, self.features)


_KEY = re.compile(r"^(\w+)(?:\[([\w+]*)\])?~(\w+)~s(\d+)~l(\d+)~([\w+]+)~f\[([\w+]*)\]$")


def parse_key(key: str) -> Variant:
    m = _KEY.match(key)
    if not m:
        raise ValueError(f"not a variant key: {key!r}")
    fam, parts, fmt, seed, lseed, errors, feats = m.groups()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    split = lambda s: tuple(x for x in (s or "").split("+") if x)  # noqa: E731
    return Variant(fam, fmt, int(seed), int(lseed), () if errors == "clean" else split(errors), split(feats),
                   split(parts))


@dataclass
class Built:
    variant: Variant
    spec: Spec
    injected: list[Injected]
    layout: Layout
    blocks: list


def make(v: Variant) -> Built:
    assert all(f in FEATURES for f in v.features), v.features
    spec = make_spec(v.seed, v.features)
    injected = inject(spec, v.errors, v.seed * 7 + 1)
    rng = random.Random(v.lseed)
    lay = Layout()
    if v.family == "knob":
        lay = dict(knobs())[KNOB_NAMES[v.lseed]](lay)
        return Built(v, spec, injected, lay, build(spec, lay))
    names = v.parts if v.family == "mixed" else (v.family,)
    for name in names:
        lay = FAMILIES[name](lay, spec, rng)
    return Built(v, spec, injected, lay, build(spec, lay))


def knobs() -> list[tuple[str, object]]:
    """Single changes to the canonical Layout, one word or option at a time (for the report: which
    header word, unit placement or break option the reader does not take)."""
    out: list[tuple[str, object]] = []
    roles = {"target": TARGET, "actual": ACTUAL, "weight": WEIGHT, "score": SCORE, "note": NOTE,
             "level3": ["指标名称"]}
    for role, words in roles.items():
        out += [(f"header {role}={w}", lambda lay, r=role, w=w: lay.with_heads(**{r: w})) for w in words[1:]]
    out += [(f"unit column header={w}", lambda lay, w=w: replace(lay.with_heads(unit=w), unit_mode="column",
                                                                 ind_cols=("target", "unit", "actual", "weight", "score")))
            for w in UNIT]
    for heads in FUND_HEADS[1:]:
        fund = dict(zip(("initial", "budget", "spend", "weight", "rate", "score"), heads))
        out.append((f"fund headers {'/'.join(heads)}", lambda lay, f=fund: lay.with_fund_heads(**f)))
    for i, options in enumerate(FUND_ROWS):
        for w in options[1:]:
            out.append((f"fund row label {w}", lambda lay, i=i, w=w: replace(
                lay, fund_rows=tuple(w if k == i else x for k, x in enumerate(lay.fund_rows)))))
    simple = [("fund_label", ["资金情况", "资金投入情况", "预算执行情况"]), ("fund_blank", ["/", "—"]),
              ("goal_heads", GOAL_HEADS[1:]), ("lead", ["绩效指标（{w}分）", ""]), ("group_fmt", ["{name}({w}分)"]),
              ("sat_level2", ["服务对象满意度", "满意度指标"]), ("total_label", ["合计", "自评总分"]),
              ("title", ["项目绩效目标自评表"]), ("year_row", ["({y}年度)", "{y}年度"]),
              ("unit_mode", ["name"]), ("fund_unit", ["header", "cell", "caption"]),
              ("label_above", ["年度预算数", "资金来源"]), ("cmp_style", ["cjk", "ascii", "words"]),
              ("merge", ["repeated", "blank"]), ("fullwidth", ["digits", "all"]), ("title_in_table", [False]),
              ("note_col", [False])]
    for field, values in simple:
        out += [(f"{field}={v}", lambda lay, f=field, v=v: replace(lay, **{f: v})) for v in values]
    out += [("nature column", lambda lay: replace(lay, ind_cols=("nature",) + lay.ind_cols)),
            ("unit column, actual bare", lambda lay: replace(lay, unit_mode="column",
                                                             ind_cols=("target", "unit", "actual", "weight", "score"))),
            ("unit column, actual keeps unit", lambda lay: replace(lay, unit_mode="column_keep",
                                                                   ind_cols=("target", "unit", "actual", "weight", "score"))),
            ("no 年初预算数 column", lambda lay: replace(lay, fund_cols=lay.fund_cols[1:])),
            ("fund 执行率 before 分值", lambda lay: replace(lay, fund_cols=("initial", "budget", "spend", "rate", "weight", "score"))),
            ("分值 before 指标值", lambda lay: replace(lay, ind_cols=("weight", "target", "actual", "score"))),
            ("得分 before 实际完成值", lambda lay: replace(lay, ind_cols=("target", "weight", "score", "actual"))),
            ("实际完成值 before 指标值", lambda lay: replace(lay, ind_cols=("actual", "target", "weight", "score")))]
    for how in ("continued", "page"):
        for header in (True, False):
            for labels in (True, False):
                out.append((f"break {how}, header {'repeated' if header else 'not repeated'}, labels "
                            f"{'repeated' if labels else 'blank'}",
                            lambda lay, h=how, hd=header, lb=labels: replace(lay, split_at=3, split_how=h,
                                                                           split_header=hd, split_labels=lb)))
    return out


KNOB_NAMES = [name for name, _ in knobs()]  # a knob variant's lseed is its index here
