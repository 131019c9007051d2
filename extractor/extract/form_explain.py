"""How a document's 自评表 forms were read, for a reviewer: each block's column map (header words, the
role chosen for each column and why, the constraints that held or failed, the runner-up reading), the
rows with the values each column gave them, and what could not be read and why. `extract --explain`."""

from __future__ import annotations

from extractor.extract.form_columns import ROLE_CN
from extractor.extract.form_model import Form, IndicatorRow

ATTRS = (("target", "指标值"), ("actual", "完成值"), ("weight", "分值"), ("score", "得分"))


def _cn(role) -> str:
    return ROLE_CN.get(role, role or "")


def explain_forms(forms: list[Form]) -> str:
    if not forms:
        return "未识别到自评表。\n"
    out: list[str] = []
    for f in forms:
        kind = {"self_assessment": "自评表", "declaration": "申报表（只有目标值）", "evaluation": "评价表",
                "targets_only": "只有目标值的表（无完成值、得分列）"}.get(f.kind, f.kind)
        out.append(f"自评表{f.index}：{f.title or '（无标题）'}  年度 {f.year or '未知'}  类型 {kind}  位置 {f.loc}")
        for i, b in enumerate(f.blocks, 1):
            name = "资金表" if b.kind == "fund" else "指标表"
            cm = b.colmap
            if cm is None:
                glued = b.kind == "indicator" and any(r.block == i and not r.raw for r in f.indicators)
                out.append(f"  区块{i} {name}：" + ("各行由连写文字按表格约束拆分（分值≤组分值、得分≤分值、单位一致）"
                                                  if glued else "没有可读的行"))
                continue
            how = "按网格列" if cm.positional else "按单元格顺序（扁平文本）"
            out.append(f"  区块{i} {name}（{how}），得分 {cm.score}")
            for c in cm.columns:
                hint = f" 表头“{c.header}”→{_cn(c.hint)}" if c.header else ""
                out.append(f"    列{c.key}:{hint}  定为 {_cn(c.role)}" + (f"  （{'；'.join(c.why)}）" if c.why else ""))
            if cm.held:
                out.append("    满足：" + "；".join(cm.held))
            if cm.failed:
                out.append("    不满足：" + "；".join(cm.failed))
            if cm.runner_up:
                out.append(f"    次优读法（得分 {cm.runner_up[0]}）：" + " ".join(_cn(r) for r in cm.runner_up[1]))
            if cm.tie:
                out.append(f"    无法确定：{cm.tie}")
        for note in f.notes:
            out.append(f"  读法：{note}")
        for r in f.fund_rows:
            vals = " ".join(f"{_cn(k)}={v.text}" for k, v in r.values.items())
            state = {"exact": "", "solved": "（拆分连写数字）"}.get(r.aligned, f"（未读出：{r.why or r.aligned}）")
            out.append(f"  资金行“{r.label}”：{vals}{state}" + (f"  说明：{r.note[:40]}" if r.note else ""))
        for r in f.indicators:
            out.append("  " + _row(r))
        tw = f.total_weight.text if f.total_weight else "—"
        ts = f.total_score.text if f.total_score else "—"
        out.append(f"  总分：分值 {tw}  得分 {ts}" + ("（无总分行）" if f.truncated else ""))
        for msg, raw, loc in f.issues:
            out.append(f"  不可核对：{msg}  [{loc}]")
        out.append("")
    return "\n".join(out) + "\n"


def _row(r: IndicatorRow) -> str:
    groups = "/".join(x for x in (r.level1, r.level2) if x)
    vals = " ".join(f"{cn}={getattr(r, a).text}" for a, cn in ATTRS if getattr(r, a) is not None)
    extra = f" 比较符 {r.comparator}" if r.comparator else ""
    extra += f" 单位 {r.unit}" if r.unit else ""
    extra += f" 说明 {r.note[:30]}" if r.note else ""
    state = "" if r.reliable else f"  （不核对：{r.why or '列无法确定'}）"
    return f"指标“{r.name}”[{groups}] {vals}{extra}{state}"
