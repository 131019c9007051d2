"""Injectable errors for the metamorphic 自评表 variants and the finding each must produce.

ERRORS is the one table to edit when checks change: error kind -> the findings it must raise
(check code, finding kind, severity, which written values the finding lists), the codes it may raise
as a direct consequence (`also`), and what it touches (`tags`: two errors with a common tag are not
combined). An expectation whose check does not exist yet has code None and a `pending` reason: it is
reported as skipped by the tests, never silently dropped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from samples.meta_spec import COUNT_UNITS, REASONS, Row, Spec, miss, num_text, q

D = Decimal
CMP = {">=": "≥", "<=": "≤", "=": "="}


@dataclass(frozen=True)
class Expect:
    code: str | None
    kind: str
    severity: str | None  # asserted when given
    fields: tuple[str, ...]  # the written values (returned by the injector) the finding must list
    pending: str = ""  # why this expectation cannot be asserted yet


@dataclass(frozen=True)
class ErrorKind:
    expects: tuple[Expect, ...]
    tags: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # codes this error may raise as well (same problem seen by another check)


ERRORS: dict[str, ErrorKind] = {
    "score_over_weight": ErrorKind((Expect("FM001", "score_mismatch", "error", ("weight", "score")),),
                                   ("row",), also=("FM001",)),  # the 总分 row may then exceed its weight too
    # scores are awarded, not measured: 12 against a weight of 11 is over, whatever the rounding of a measurement
    "score_over_weight_by_one": ErrorKind((Expect("FM001", "score_mismatch", "error", ("weight", "score")),),
                                          ("row",), also=("FM001",)),
    "weight_sum": ErrorKind((Expect("FM002", "score_mismatch", "error", ("total_weight",)),), ("weights", "row")),
    "score_sum": ErrorKind((Expect("FM003", "score_mismatch", "error", ("total_score",)),), ("total_score",)),
    # a group's stated weight off its rows also leaves the groups' weights off the 总分: where the rows cannot
    # be read (glued text), FM002 on the group weights is the same problem seen from the total
    "group_weight": ErrorKind((Expect("FM004", "score_mismatch", "error", ("stated",)),), ("weights",), also=("FM002",)),
    "fund_rate": ErrorKind((Expect("FM010", "rate_mismatch", "error", ("budget", "spend", "rate")),), ("fund_rate",),
                           also=("BG020",)),
    "fund_sum": ErrorKind((Expect("FM011", "sum_mismatch", "error", ("total", "part1", "part2")),), ("fund_parts",),
                          also=("BG001",)),
    "shortfall": ErrorKind((Expect("FM020", "target_vs_actual", "error", ("target", "actual")),), ("row",),
                           also=("IN002",)),
    "upper_bound_exceeded": ErrorKind((Expect("FM020", "target_vs_actual", "error", ("target", "actual")),), ("row",),
                                      also=("IN002",)),
    # one finding for the row: FM009 (FM020 leaves full-mark rows to it)
    "full_score_missed": ErrorKind(
        (Expect("FM009", "target_vs_actual", "error", ("target", "actual", "weight", "score")),),
        ("row",), also=("IN002",)),
    # the reason explains the shortfall but does not earn the points: still reported, as a warning
    "full_score_missed_reason": ErrorKind(
        (Expect("FM009", "target_vs_actual", "warning", ("target", "actual", "weight", "score")),), ("row",)),
    "wrong_parent": ErrorKind((Expect("FM040", "label_mismatch", "warning", ("level2", "level1")),), ("structure",)),
    "misfiled": ErrorKind((Expect("FM041", "label_mismatch", "warning", ("target", "actual")),), ("row",)),
    "title_year": ErrorKind((Expect("FM042", "label_mismatch", "warning", ("title_year", "year")),), ("title",)),
    "over_execution": ErrorKind((Expect("FM012", "other", "warning", ("rate",)),), ("fund_rate",)),
    "unexplained_adjustment": ErrorKind((Expect("FM013", "other", "warning", ("initial", "budget")),), ("initial",)),
    "blank_results": ErrorKind((Expect("FM014", "other", "warning", ("total_score",)),), ("*",)),
    "template_text": ErrorKind((Expect("FM044", "other", "warning", ()),), ("done",)),
    # existing checks beyond the brief's list
    "rate_score": ErrorKind((Expect("FM006", "rate_mismatch", "warning", ("rate", "weight", "score")),), ("fund_rate",)),
    "actual_inequality": ErrorKind((Expect("FM021", "other", "warning", ("actual",)),), ("row",)),
    "goal_vs_indicator": ErrorKind((Expect("FM022", "target_vs_actual", "warning", ("goal", "target")),), ("goal",),
                                   also=("IN001",)),
    "claim_contradicted": ErrorKind((Expect("FM030", "claim_vs_indicator", "error", ("target", "actual")),),
                                    ("done", "row"), also=("FM020", "IN002", "IN010")),
    "date_before_year": ErrorKind((Expect("FM043", "label_mismatch", "warning", ("date", "year")),), ("row",)),
}
KINDS = tuple(ERRORS)


@dataclass
class Injected:
    kind: str
    values: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------ injectors


def _pick(spec: Spec, rng: random.Random, ok) -> Row | None:
    cands = [r for r in spec.rows if not r.touched and ok(r)]
    if not cands:
        return None
    cands = [r for r in cands if r.probe] or cands
    r = cands[rng.randrange(len(cands))]
    r.touched = True
    return r


def _tv(r: Row) -> dict[str, str]:
    t = f"{CMP.get(r.cmp, '')}{r.target}{r.unit}"
    return {"target": t, "actual": r.actual if r.unit == "%" else r.actual + r.unit}


def _full(r: Row) -> bool:
    return r.numeric and r.score == r.weight


def _set_spend(spec: Spec, ratio: Decimal) -> None:
    """Total spending = budget x ratio, spread over the 其中 rows (the first takes the excess)."""
    t = spec.total
    spend = q(t.budget * ratio, spec.money_places)
    t.spend = spend
    p0, p1 = spec.parts[0], spec.parts[1]
    p1.spend = min(p1.budget, max(D(0), spend - p0.budget))
    p0.spend = spend - p1.spend


def score_over_weight(spec, rng, by=(2, 3)):
    r = _pick(spec, rng, lambda r: _full(r))
    if r is None:
        return None
    r.score = r.weight + rng.choice(by)
    return {"weight": num_text(r.weight), "score": num_text(r.score)}


def score_over_weight_by_one(spec, rng):
    return score_over_weight(spec, rng, by=(1,))


def weight_sum(spec, rng):
    stated = spec.total_weight()
    r = _pick(spec, rng, lambda r: _full(r) and r.weight >= 6)
    if r is None:
        return None
    d = rng.choice([2, 4])
    r.weight -= d
    r.score -= d
    spec.total_weight_override = stated
    return {"total_weight": num_text(stated)}


def score_sum(spec, rng):
    s = spec.total_score() - rng.choice([1, 2, 3])
    spec.total_score_override = s
    return {"total_score": num_text(s)}


def group_weight(spec, rng):
    spec.group_stated = True
    l1 = rng.choice(spec.level1s())
    true = spec.group_weight(l1)
    stated = true + rng.choice([5, 10]) * rng.choice([1, -1] if true > 10 else [1])
    spec.group_override[l1] = stated
    return {"stated": num_text(stated)}


def fund_rate(spec, rng):
    written = spec.rate() - rng.choice([3, 5, 8, 12])
    spec.rate_text = f"{written:.2f}%"
    t = spec.total
    return {"budget": spec.money(t.budget), "spend": spec.money(t.spend), "rate": spec.rate_text}


def fund_sum(spec, rng):
    p = spec.parts[1]
    d = D(rng.choice([2, 5, 10]))  # beyond what rounding of whole 万元 figures explains
    p.budget += d
    p.initial += d
    return {"total": spec.money(spec.total.budget), "part1": spec.money(spec.parts[0].budget),
            "part2": spec.money(p.budget)}


def _miss_row(spec, rng, cmp: str, full: bool, note: str = ""):
    r = _pick(spec, rng, lambda r: r.cmp == cmp and _full(r) and D(r.target) > 0 and r.level2 != "时效指标")
    if r is None:
        return None
    miss(rng, r, full=full)
    r.note = note
    out = _tv(r)
    out.update(weight=num_text(r.weight), score=num_text(r.score))
    return out


def shortfall(spec, rng):
    return _miss_row(spec, rng, ">=", full=False)


def upper_bound_exceeded(spec, rng):
    return _miss_row(spec, rng, "<=", full=False)


def full_score_missed(spec, rng):
    return _miss_row(spec, rng, ">=", full=True)


def full_score_missed_reason(spec, rng):
    return _miss_row(spec, rng, ">=", full=True, note=REASONS[rng.randrange(len(REASONS))])


def wrong_parent(spec, rng):
    subs = list(dict.fromkeys(r.level2 for r in spec.rows if r.level1 == "效益指标"))
    if len(subs) < 2 or any(r.touched and r.level1 == "效益指标" for r in spec.rows):
        return None
    l2 = rng.choice(subs)
    moved = [r for r in spec.rows if r.level2 == l2]
    rest = [r for r in spec.rows if r.level2 != l2]
    at = max(i for i, r in enumerate(rest) if r.level1 == "产出指标") + 1
    for r in moved:
        r.level1 = "产出指标"
    spec.rows[:] = rest[:at] + moved + rest[at:]
    return {"level2": l2, "level1": "产出指标"}


def misfiled(spec, rng):
    r = _pick(spec, rng, lambda r: r.level2 == "质量指标" and r.unit == "%" and _full(r))
    if r is None:
        return None
    r.name = spec.sat_name
    return _tv(r)


def title_year(spec, rng):
    spec.title_year = spec.year - 1
    return {"title_year": str(spec.year - 1), "year": str(spec.year)}


def over_execution(spec, rng):
    _set_spend(spec, D(rng.randint(101, 110)) / 100)
    return {"rate": spec.rate_written()}


def unexplained_adjustment(spec, rng):
    d = D(rng.choice([5, 10, 20]))
    spec.total.initial -= d
    spec.parts[0].initial -= d
    return {"initial": spec.money(spec.total.initial), "budget": spec.money(spec.total.budget)}


def blank_results(spec, rng):
    spec.blank_results = True
    return {"total_score": num_text(spec.total_score())}


INSTRUCTIONS = ["对照年度目标，说明相关任务目标的完成情况（100字以内）", "请填写年度总体目标完成情况",
                "（请简要说明年度目标完成情况，200字以内）"]


def template_text(spec, rng):
    spec.done = INSTRUCTIONS[rng.randrange(len(INSTRUCTIONS))]
    return {"text": spec.done}


def rate_score(spec, rng):
    _set_spend(spec, D(rng.randint(70, 88)) / 100)
    spec.fund_score = spec.fund_weight
    return {"rate": spec.rate_written(), "weight": num_text(spec.fund_weight), "score": num_text(spec.fund_weight)}


def actual_inequality(spec, rng):
    r = _pick(spec, rng, lambda r: _full(r) and r.cmp == ">=" and r.actual.rstrip("%") != r.target)
    if r is None:
        return None
    r.actual = r.target + ("%" if r.unit == "%" else "")
    r.actual_cmp = r.cmp  # written with the target's comparator: copied, not measured
    return {"actual": CMP[r.cmp] + r.actual + ("" if r.unit == "%" else r.unit)}


def goal_vs_indicator(spec, rng):
    lead = next((r for r in spec.rows if r.unit in COUNT_UNITS and r.cmp == ">=" and r.target in spec.goal), None)
    if lead is None:
        return None
    t, a = D(lead.target), D(lead.actual.rstrip("%"))
    # clear of both the target and the actual by more than their rounding (18 and 17 may be one figure)
    x = max(t, a) + max(D(2), q(t * D(rng.choice([20, 30, 50])) / 100, 0))
    head = spec.goal.rsplit("，", 1)[0]
    spec.goal = f"{head}，全年{lead.name}{num_text(x)}{lead.unit}"
    return {"goal": num_text(x) + lead.unit, "target": CMP[lead.cmp] + lead.target + lead.unit}


def claim_contradicted(spec, rng):
    # a missed target with no reason written under a "全部完成" claim (a reason would not make the claim
    # true either, but FM030 leaves noted rows alone by design)
    spec.done = "年度绩效目标全部完成，项目效益充分发挥"
    return _miss_row(spec, rng, ">=", full=False)


def _first_unexplained_miss(spec: Spec) -> dict[str, str] | None:
    """The claim is contradicted by every missed target without a reason; the finding names the first."""
    r = next((r for r in spec.rows if r.missed and not r.note), None)
    return _tv(r) if r is not None else None


def date_before_year(spec, rng):
    r = _pick(spec, rng, lambda r: r.level2 == "时效指标" and _full(r))
    if r is None:
        return None
    r.name, r.cmp, r.unit, r.target, r.actual = f"{spec.year - 1}年12月31日前完成项目验收", "=", "%", "100", "100%"
    return {"date": f"{spec.year - 1}年12月31日", "year": str(spec.year)}


INJECT = {k: globals()[k] for k in ERRORS}


def compatible(kinds: list[str]) -> list[str]:
    """The kinds in order, dropping any that shares a tag with an earlier one (row tags are per row)."""
    out: list[str] = []
    used: set[str] = set()
    for k in kinds:
        tags = set(ERRORS[k].tags) - {"row"}
        if "*" in used or ("*" in tags and out) or tags & used or k in out:
            continue
        out.append(k)
        used |= tags
    return out


def inject(spec: Spec, kinds: tuple[str, ...], seed: int) -> list[Injected]:
    """Apply `kinds` to `spec` (in ERRORS order, totals last) and return what each wrote. A kind that
    finds nothing to act on in this spec is left out of the result (and so not expected)."""
    rng = random.Random(seed)
    out = []
    for k in sorted(compatible(list(kinds)), key=lambda k: (k == "score_sum", KINDS.index(k))):
        vals = INJECT[k](spec, rng)
        if vals is not None:
            out.append(Injected(k, vals))
    for inj in out:
        if inj.kind == "claim_contradicted":
            inj.values = _first_unexplained_miss(spec) or inj.values
    return out
