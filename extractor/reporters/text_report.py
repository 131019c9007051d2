"""Terminal reporter: grouped by file, Chinese messages, locations people read (p4 表2 行3 列2)."""

from __future__ import annotations

from collections import Counter

SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def render(results, meta: dict | None = None, show_figures: bool = False) -> str:
    lines: list[str] = []
    total = Counter()
    errors = 0
    for r in results:
        lines.append(f"== {r.source}")
        if r.status == "error":
            errors += 1
            lines.append(f"  无法读取 [{r.error.code}]：{r.error.message}")
            lines.append("")
            continue
        for n in r.notes:
            lines.append(f"  注：{n}")
        if show_figures:
            lines.append(f"  提取数字 {len(r.figures)} 个：")
            for f in r.figures:
                q = f.quantity
                comp = f" {q.comparator}" if q.comparator else ""
                lines.append(f"    {f.location}  {f.role:<18} {f.label or '-'}{comp} = {q.raw}")
        for f in r.findings:
            total[f.severity] += 1
            waived = f"（已豁免：{f.waived}）" if f.waived else ""
            lines.append(f"  {SEV_LABEL[f.severity]} {f.code} {f.kind}{waived}：{f.message}")
            shown = set()
            for e in f.evidence:
                line = f"      · {e.location}  「{_clip(e.quote)}」"
                if line not in shown:  # cells cut from one run-together row share their place and quote
                    shown.add(line)
                    lines.append(line)
        if not r.findings and not show_figures:
            lines.append(f"  未发现问题（提取数字 {len(r.figures)} 个）")
        lines.append("")
    lines.append(
        f"共 {len(results)} 个文件，{errors} 个无法读取；"
        f"错误 {total['error']}，警告 {total['warning']}，提示 {total['info']}"
    )
    return "\n".join(lines) + "\n"


def _clip(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
