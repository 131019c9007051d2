"""Invented 自评表 content for the metamorphic tests: a form spec (what the form says, independent of
how it is laid out), built from a seed, with optional benign features. All names and figures are
invented for these tests; none comes from a real report."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
LEVEL1 = ("产出指标", "效益指标", "满意度指标")

# (level2, name, comparator, unit, low, high[, compound unit]) — a target is drawn in [low, high] (low == high:
# fixed); the compound unit (元/人) is the unit the compound_unit feature writes instead.
THEMES = [
    {"project": "社区居家养老服务补助", "dept": "示范县民政局", "agency": "示范县养老服务指导中心",
     "goal": "为辖区老年人提供助餐、助洁等上门服务", "sat": "社区居民满意度",
     "rows": [("数量指标", "上门服务老年人人次", ">=", "人次", 800, 3000),
              ("数量指标", "新建社区助餐点数量", ">=", "个", 3, 12),
              ("质量指标", "服务质量抽查合格率", ">=", "%", 90, 98),
              ("时效指标", "补助资金按时发放率", "=", "%", 100, 100),
              ("成本指标", "人均服务补助标准", "<=", "元", 200, 600, "元/人"),
              ("社会效益指标", "老年人生活照料覆盖率", ">=", "%", 60, 85),
              ("可持续影响指标", "服务覆盖社区数量", ">=", "个", 5, 30),
              ("满意度指标", "受助老年人满意度", ">=", "%", 85, 95),
              ("满意度指标", "老年人家属满意度", ">=", "%", 80, 92)]},
    {"project": "小型农田水利设施维修", "dept": "示范县水务局", "agency": "示范县农村水利服务站",
     "goal": "维修灌溉渠道和提灌站，改善农田灌溉条件", "sat": "灌区群众满意度",
     "rows": [("数量指标", "维修灌溉渠道长度", ">=", "公里", 5, 40),
              ("数量指标", "维修提灌站数量", ">=", "座", 2, 10),
              ("质量指标", "工程验收合格率", ">=", "%", 95, 100),
              ("时效指标", "工程按期完工率", ">=", "%", 90, 100),
              ("成本指标", "每座提灌站维修成本", "<=", "万元", 5, 30, "万元/座"),
              ("经济效益指标", "新增有效灌溉面积", ">=", "亩", 500, 5000),
              ("生态效益指标", "年节约灌溉用水量", ">=", "吨", 2000, 9000),
              ("满意度指标", "受益农户满意度", ">=", "%", 85, 95)]},
    {"project": "中小学图书室图书更新", "dept": "示范市教育局", "agency": "示范市教育装备服务中心",
     "goal": "为农村中小学图书室补充更新图书", "sat": "学校师生满意度",
     "rows": [("数量指标", "配送图书册数", ">=", "册", 5000, 40000),
              ("数量指标", "覆盖学校数量", ">=", "所", 10, 60),
              ("质量指标", "图书验收合格率", ">=", "%", 95, 100),
              ("时效指标", "图书配送及时率", ">=", "%", 90, 100),
              ("成本指标", "图书采购平均单价", "<=", "元", 20, 60, "元/册"),
              ("社会效益指标", "学生人均借阅量增长率", ">=", "%", 5, 20),
              ("可持续影响指标", "图书室年开放天数", ">=", "天", 200, 280),
              ("满意度指标", "学生满意度", ">=", "%", 85, 95),
              ("满意度指标", "教师满意度", ">=", "%", 85, 95)]},
    {"project": "公益林抚育管护", "dept": "示范县林业局", "agency": "示范县国有林场",
     "goal": "开展公益林抚育和补植补造，提高林分质量", "sat": "周边林农满意度",
     "rows": [("数量指标", "完成森林抚育面积", ">=", "亩", 2000, 20000),
              ("数量指标", "补植苗木数量", ">=", "株", 5000, 60000),
              ("质量指标", "补植苗木成活率", ">=", "%", 85, 95),
              ("时效指标", "抚育任务按期完成率", ">=", "%", 90, 100),
              ("成本指标", "亩均抚育成本", "<=", "元", 150, 450, "元/亩"),
              ("生态效益指标", "林分郁闭度提升", ">=", "%", 2, 8),
              ("社会效益指标", "带动林区群众务工人次", ">=", "人次", 300, 2000),
              ("满意度指标", "林区群众满意度", ">=", "%", 85, 95)]},
    {"project": "公共文化惠民演出", "dept": "示范区文化旅游局", "agency": "示范区文化馆",
     "goal": "组织文艺团队深入基层开展惠民演出", "sat": "观演群众满意率",
     "rows": [("数量指标", "举办惠民演出场次", ">=", "场", 20, 120),
              ("数量指标", "观看演出群众人次", ">=", "人次", 5000, 50000),
              ("质量指标", "演出节目审核通过率", ">=", "%", 95, 100),
              ("时效指标", "演出计划完成率", ">=", "%", 90, 100),
              ("成本指标", "单场演出平均成本", "<=", "万元", 1, 5, "万元/场"),
              ("社会效益指标", "群众文化活动参与率", ">=", "%", 30, 60),
              ("可持续影响指标", "基层文艺团队数量", ">=", "个", 5, 20),
              ("满意度指标", "观众满意度", ">=", "%", 85, 95)]},
    {"project": "农村公路日常养护", "dept": "示范县交通运输局", "agency": "示范县公路养护所",
     "goal": "完成农村公路日常养护和桥涵修复", "sat": "沿线居民满意率",
     "rows": [("数量指标", "日常养护农村公路里程", ">=", "公里", 50, 400),
              ("数量指标", "修复损毁桥涵数量", ">=", "座", 3, 20),
              ("质量指标", "养护路段优良路率", ">=", "%", 70, 90),
              ("时效指标", "养护任务按期完成率", "=", "%", 100, 100),
              ("成本指标", "每公里年养护成本", "<=", "万元", 1, 4, "万元/公里"),
              ("社会效益指标", "群众出行平均时间缩短", ">=", "分钟", 5, 20),
              ("经济效益指标", "带动沿线群众务工收入", ">=", "万元", 20, 90),
              ("满意度指标", "沿线群众满意度", ">=", "%", 85, 95)]},
]

# Qualitative indicator rows (target, actual) — written as text, not figures
TEXT_ROWS = [("长效管护机制建设情况", "健全", "健全"), ("服务规范化水平", "有效提升", "有效提升"),
             ("项目管理制度执行情况", "规范", "规范")]
REASONS = ["受汛期影响部分工程顺延，已列入下年计划", "部分对象外出务工未能覆盖，下年加强对接",
           "原材料价格上涨导致进度滞后，已督促加快实施"]
# Benign features a clean form may carry (each has a feature/<name> test).
FEATURES = ("reasoned_shortfall", "text_row", "instruction_note", "dated_row", "other_notes", "group_word_name",
            "uncommon_unit", "compound_unit")
# The errors that exercise a feature (its row is where they go first); a feature without probes is
# exercised by the clean form itself (no error may come of it).
PROBES = {"uncommon_unit": ("shortfall",), "compound_unit": ("upper_bound_exceeded",),
          "group_word_name": ("score_sum",)}
COUNT_UNITS = {"人次", "个", "座", "册", "所", "株", "场", "支", "公里", "亩", "吨"}


def q(d: Decimal, places: int) -> Decimal:
    return d.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def num_text(d: Decimal) -> str:
    """A score or count as forms write it: 10, 8.5, 9.55 (no trailing zeros)."""
    s = format(d.normalize(), "f")
    return s


@dataclass
class Row:
    level1: str
    level2: str
    name: str
    cmp: str  # >= <= = or "" (text value)
    unit: str
    target: str  # as written, without comparator and unit
    actual: str
    weight: Decimal
    score: Decimal
    note: str = ""
    actual_cmp: str = ""  # an actual written as an inequality (copied from the target)
    touched: bool = False  # an injected error already uses this row
    probe: bool = False  # a feature's row: injected errors go here first, so the feature is exercised
    missed: bool = False  # the actual misses the target

    @property
    def numeric(self) -> bool:
        return self.cmp != ""


@dataclass
class FundLine:
    label: str
    initial: Decimal | None
    budget: Decimal | None
    spend: Decimal | None


@dataclass
class Spec:
    seed: int
    year: int
    title_year: int | None
    project: str
    dept: str
    agency: str
    goal: str
    done: str
    sat_name: str
    fund_weight: Decimal
    total: FundLine
    parts: list[FundLine]
    rows: list[Row]
    money_places: int = 2
    group_stated: bool = False
    features: tuple[str, ...] = ()
    rate_text: str | None = None  # a written rate that differs from spend / budget
    fund_score: Decimal | None = None  # a written fund score that differs from rate x weight
    group_override: dict[str, Decimal] = field(default_factory=dict)
    total_weight_override: Decimal | None = None
    total_score_override: Decimal | None = None
    blank_results: bool = False  # 完成值 and 得分 columns left empty
    footnote: str | None = None
    other_notes: str | None = None

    # -------------------------------------------------------------- derived figures
    def money(self, d: Decimal | None) -> str:
        return "" if d is None else format(q(d, self.money_places), "f")

    def rate(self) -> Decimal:
        return q(self.total.spend / self.total.budget * 100, 2)

    def rate_written(self) -> str:
        return self.rate_text if self.rate_text is not None else f"{self.rate()}%"

    def fund_score_value(self) -> Decimal:
        if self.fund_score is not None:
            return self.fund_score
        r = D(self.rate_written().rstrip("%"))
        return q(min(r, D(100)) * self.fund_weight / 100, 2)

    def level1s(self) -> list[str]:
        out: list[str] = []
        for r in self.rows:
            if r.level1 not in out:
                out.append(r.level1)
        return out

    def group_weight(self, level1: str) -> Decimal:
        if level1 in self.group_override:
            return self.group_override[level1]
        return sum((r.weight for r in self.rows if r.level1 == level1), D(0))

    def total_weight(self) -> Decimal:
        if self.total_weight_override is not None:
            return self.total_weight_override
        return self.fund_weight + sum((r.weight for r in self.rows), D(0))

    def total_score(self) -> Decimal:
        if self.total_score_override is not None:
            return self.total_score_override
        return self.fund_score_value() + sum((r.score for r in self.rows), D(0))

    def title(self) -> str:
        return (f"{self.title_year}年度" if self.title_year else "") + "项目支出绩效自评表"


# ------------------------------------------------------------------ generation


def _target(rng: random.Random, unit: str, lo: int, hi: int) -> Decimal:
    if lo == hi:
        return D(lo)
    t = D(rng.randint(lo, hi))
    if hi >= 1000:
        t = q(t / 100, 0) * 100  # round figures, as targets are
    elif hi >= 100 and unit != "%":
        t = q(t / 10, 0) * 10
    return t


def _met_actual(rng: random.Random, cmp: str, unit: str, t: Decimal) -> Decimal:
    if cmp == "=" or rng.random() < 0.3:
        return t
    if cmp == ">=":
        cap = D(100) if unit == "%" else t * D("1.2")
        step = D("0.1") if unit == "%" and rng.random() < 0.5 else D(1)
        a = t + step * rng.randint(1, 5)
        return min(a, cap) if unit == "%" else q(min(a, cap), 0)
    a = t * D(rng.randint(85, 99)) / 100  # an upper bound is met below it
    return q(a, 2 if t < 10 else 0)


def _partition(rng: random.Random, total: int, n: int) -> list[Decimal]:
    """n integer weights summing to total, near equal (as forms share them), each at least 3."""
    out = [total // n] * n
    out[-1] += total - sum(out)
    for _ in range(n):
        i, j = rng.randrange(n), rng.randrange(n)
        d = rng.randint(1, 3)
        if i != j and out[j] - d >= 3:
            out[i] += d
            out[j] -= d
    return [D(w) for w in out]


def make_spec(seed: int, features: tuple[str, ...] | None = None) -> Spec:
    """A clean form: every figure consistent, every target met (or missed with a reason and docked)."""
    rng = random.Random(seed)
    th = THEMES[rng.randrange(len(THEMES))]
    year = rng.randint(2021, 2024)
    if features is None:
        features = tuple(f for f in FEATURES if rng.random() < 0.25)
    pool = list(th["rows"])
    chosen = []
    for lv2 in dict.fromkeys(p[0] for p in pool):
        cands = [p for p in pool if p[0] == lv2]
        k = 1 if lv2 not in ("数量指标", "满意度指标") else rng.randint(1, len(cands))
        chosen += cands[:k]
    group_of = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
                "满意度指标": "满意度指标"}
    rows: list[Row] = []
    for lv2, name, cmp, unit, lo, hi, *compound in chosen:
        probe = bool(compound) and "compound_unit" in features
        unit = compound[0] if probe else unit
        t = _target(rng, unit, lo, hi)
        a = _met_actual(rng, cmp, unit, t)
        l1 = group_of.get(lv2, "效益指标")
        l2 = "服务对象满意度指标" if lv2 == "满意度指标" else lv2
        rows.append(Row(l1, l2, name, cmp, unit, num_text(t), _pct_text(a, unit), D(0), D(0), probe=probe))
    if "text_row" in features:
        name, t, a = TEXT_ROWS[rng.randrange(len(TEXT_ROWS))]
        i = max(i for i, r in enumerate(rows) if r.level1 == "效益指标")
        rows.insert(i + 1, Row("效益指标", "可持续影响指标", name, "", "", t, a, D(0), D(0)))
    if "dated_row" in features:
        r = next(r for r in rows if r.level2 == "时效指标")
        r.name, r.cmp, r.unit, r.target, r.actual = f"{year}年12月31日前完成项目验收", "=", "%", "100", "100%"
    if "uncommon_unit" in features:
        # count units outside the common list (支, 间, 年): still a count
        r = [r for r in rows if r.unit in COUNT_UNITS][-1]
        r.unit, r.probe = rng.choice(["支", "间", "孔"]), True
    if "group_word_name" in features:
        # an indicator named like a group (服务对象满意度 under 服务对象满意度指标), as many forms do
        next(r for r in rows if r.level1 == "满意度指标").name = "服务对象满意度"
    weights = rng.choice([(50, 30, 10), (40, 40, 10), (60, 20, 10), (50, 20, 20)])
    for l1, w in zip(LEVEL1, weights):
        grp = [r for r in rows if r.level1 == l1]
        for r, wt in zip(grp, _partition(rng, w, len(grp))):
            r.weight = r.score = wt
    if "reasoned_shortfall" in features:
        r = next(r for r in rows if r.cmp == ">=" and r.unit != "%" and D(r.target) >= 10)
        miss(rng, r, full=False)
        r.note, r.touched = REASONS[rng.randrange(len(REASONS))], True
    places = rng.choice([0, 2])
    budget = D(rng.randint(40, 600))
    spent_ratio = D(rng.randint(850, 1000)) / 1000
    parts = [FundLine("本年财政拨款", None, None, None), FundLine("上年结转资金", None, None, None)]
    share = q(budget * D(rng.randint(55, 85)) / 100, 0)
    parts[0].budget, parts[1].budget = share, budget - share
    spend = q(budget * spent_ratio, places)
    parts[0].spend = min(parts[0].budget, spend)
    parts[1].spend = spend - parts[0].spend
    for p in parts:
        p.initial = p.budget
    parts.append(FundLine("其他资金", None, None, None))
    total = FundLine("年度资金总额", budget, budget, spend)
    lead = next((r for r in rows if r.unit in COUNT_UNITS and r.cmp == ">="), rows[0])
    spec = Spec(seed=seed, year=year, title_year=year if rng.random() < 0.5 else None, project=th["project"],
                dept=th["dept"], agency=th["agency"],
                goal=f"{th['goal']}，全年{lead.name}{lead.target}{lead.unit}",
                done="项目按计划组织实施，资金按进度拨付使用", sat_name=th["sat"], fund_weight=D(10),
                total=total, parts=parts, rows=rows, money_places=places, group_stated=rng.random() < 0.5,
                features=tuple(features))
    if "instruction_note" in features:
        spec.footnote = ("注：1.预算执行率未达到90%的，须在偏差原因中说明；2.各项指标得分不得超过该指标分值；"
                         "3.年中发生预算调整的，应单独说明理由。")
    if "other_notes" in features:
        spec.other_notes = "无"
    return spec


def _pct_text(a: Decimal, unit: str) -> str:
    return num_text(a) + ("%" if unit == "%" else "")


def actual_value(r: Row) -> Decimal:
    return D(r.actual.rstrip("%"))


def miss(rng: random.Random, r: Row, full: bool) -> None:
    """Make a row miss its target (>= below, <= above); the score is docked in proportion unless full."""
    t = D(r.target)
    if r.cmp == "<=":
        a = q(t * D(rng.randint(105, 130)) / 100, 2 if t < 10 else 0)
        ratio = t / a
    else:
        a = q(t * D(rng.randint(60, 95)) / 100, 1 if r.unit == "%" else 0)
        if a >= t:
            a = t - 1
        ratio = a / t
    r.actual, r.missed = _pct_text(a, r.unit), True
    r.score = r.weight if full else min(q(r.weight * ratio, 1), r.weight - D("0.5"))
