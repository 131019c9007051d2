"""Helpers shared by the reviewer reports (HTML, XLSX, Markdown, CSV): labels, counts, differences."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
SEV_ORDER = {"error": 0, "warning": 1, "info": 2}
KIND_LABEL = {
    "sum_mismatch": "合计不符",
    "adjust_mismatch": "调整数不符",
    "rate_mismatch": "执行率不符",
    "text_vs_table": "正文与表格不一致",
    "target_vs_actual": "目标与实际不符",
    "claim_vs_indicator": "表述与指标不符",
    "label_mismatch": "名称不一致",
    "duplicate_item": "重复项目",
    "score_mismatch": "分值不符",
    "not_checkable": "无法核对",
    "other": "其他",
}
ROLE_LABEL = {
    "addend": "加数", "stated_total": "列示合计", "computed": "计算值", "target": "目标值",
    "actual": "实际值", "claim": "表述", "stated_rate": "列示比率", "budget": "预算数", "spent": "执行数",
    "initial": "年初预算", "adjustment": "调整数", "adjusted": "调整后预算", "weight": "分值", "score": "得分",
    "item": "项目", "row": "所在行", "compared_row": "对照行", "reference": "参照值", "restated": "复述值",
    "figure": "数字", "unmet": "未达标指标", "in_progress": "进展表述", "label": "指标名称", "title": "标题",
    "group_heading": "分组标题", "indicator": "指标", "goal": "目标", "dated": "日期", "period": "实施期",
    "raw": "原文",
}

# Evidence roles grouped into the few families a reviewer tells apart by colour in the reports.
FAMILY_LABEL = {"addend": "加数", "total": "合计", "target": "目标/预算", "actual": "实际/执行",
                "score": "分值/得分", "other": "表述/其他"}
_FAMILY = {
    "addend": "addend", "item": "addend", "initial": "addend", "adjustment": "addend",
    "stated_total": "total", "total": "total", "computed": "total", "adjusted": "total",
    "target": "target", "budget": "target", "reference": "target", "goal": "target",
    "actual": "actual", "spent": "actual", "restated": "actual", "stated_rate": "actual", "unmet": "actual",
    "score": "score", "weight": "score",
}


def role_family(role: str) -> str:
    """addend | total | target | actual | score | other; unknown roles by the words they contain."""
    if role in _FAMILY:
        return _FAMILY[role]
    for word, fam in (("total", "total"), ("target", "target"), ("actual", "actual"), ("score", "score"),
                      ("weight", "score"), ("addend", "addend")):
        if word in role:
            return fam
    return "other"

_NUM = re.compile(r"^\s*([-+−]?[\d,，]*\.?\d+)\s*(\S*)\s*$")


def difference(expected: str | None, actual: str | None) -> str | None:
    """actual − expected when both are plain numbers in the same unit (e.g. "1,234.50万元"), else None."""
    if not expected or not actual:
        return None
    a, b = _NUM.match(expected), _NUM.match(actual)
    if not a or not b or a.group(2) != b.group(2):
        return None
    try:
        e = Decimal(a.group(1).replace(",", "").replace("，", "").replace("−", "-"))
        v = Decimal(b.group(1).replace(",", "").replace("，", "").replace("−", "-"))
    except InvalidOperation:
        return None
    d = v - e
    sign = "+" if d > 0 else ""
    return f"{sign}{d}{a.group(2)}"


def to_decimal(s: str | None) -> Decimal | None:
    """A figure's value string as Decimal (for number cells); None when it is not a number."""
    if s is None:
        return None
    try:
        d = Decimal(str(s).replace(",", ""))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def summary(results) -> dict:
    """Counts a reviewer sees first: files, unreadable files, findings by severity and kind."""
    sev, kind = Counter(), Counter()
    waived = 0
    for r in results:
        for f in r.findings:
            if f.waived:
                waived += 1
                continue
            sev[f.severity] += 1
            kind[f.kind] += 1
    return {
        "files": len(results),
        "ok": sum(r.status == "ok" for r in results),
        "unreadable": [(r.source, r.error.code, r.error.message) for r in results if r.status == "error"],
        "severity": {s: sev[s] for s in SEV_LABEL},
        "kind": dict(sorted(kind.items(), key=lambda kv: -kv[1])),
        "waived": waived,
        "findings": sum(sev.values()),
    }


def per_file_counts(r) -> dict:
    c = Counter(f.severity for f in r.findings if not f.waived)
    return {"error": c["error"], "warning": c["warning"], "info": c["info"],
            "waived": sum(1 for f in r.findings if f.waived)}


def ordered_findings(r) -> list:
    return list(r.findings)


def rule_docs() -> dict[str, tuple[str, str]]:
    """code -> (name, documentation) of every registered check; empty if the registry cannot load."""
    try:
        from extractor.checks import all_checks

        return {code: (cls.name, cls.doc()) for code, cls in all_checks().items()}
    except Exception:  # a broken check module must not take the report down
        return {}


def highlight_spans(quote: str, needles: list[str]) -> list[tuple[str, bool]]:
    """Split `quote` into (text, is_highlighted) segments marking each needle (longest first)."""
    marks = [False] * len(quote)
    for n in sorted({n for n in needles if n and n.strip()}, key=len, reverse=True):
        start = 0
        while True:
            i = quote.find(n, start)
            if i < 0:
                break
            if not any(marks[i:i + len(n)]):
                for k in range(i, i + len(n)):
                    marks[k] = True
            start = i + len(n)
    out: list[tuple[str, bool]] = []
    for ch, m in zip(quote, marks):
        if out and out[-1][1] == m:
            out[-1] = (out[-1][0] + ch, m)
        else:
            out.append((ch, m))
    return out


def needles_of(finding, evidence=None) -> list[str]:
    vals = list(finding.values)
    if evidence is not None and evidence.value:
        vals.append(evidence.value)
    return vals


def location_cols(loc) -> dict:
    return {"page": loc.page, "section": loc.section, "sheet": loc.sheet, "table": loc.table,
            "row": loc.row, "col": loc.col, "paragraph": loc.paragraph, "where": str(loc)}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_number_text(s: str) -> bool:
    return to_decimal(s.strip()) is not None if s and s.strip() else False
