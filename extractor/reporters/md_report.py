"""Markdown report for audit memos: the same content as the HTML report, as plain Markdown. Document
text is escaped so that pasted quotes cannot inject HTML or break tables."""

from __future__ import annotations

import re

from extractor.reporters._common import KIND_LABEL, ROLE_LABEL, SEV_LABEL, difference, per_file_counts, summary

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")


def md(s) -> str:
    """Escape Markdown/HTML specials and keep one line."""
    s = "" if s is None else " ".join(str(s).split())
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), s)


def render(results, meta: dict | None = None) -> str:
    meta = meta or {}
    s = summary(results)
    out = ["# 绩效自评报告核查结果", ""]
    if meta.get("time"):
        out += [f"生成时间：{md(meta['time'])}", ""]
    out += ["## 汇总", "",
            f"文件 {s['files']} 个，可读取 {s['ok']} 个，无法读取 {len(s['unreadable'])} 个；"
            f"问题 {s['findings']} 条（错误 {s['severity']['error']}，警告 {s['severity']['warning']}，"
            f"提示 {s['severity']['info']}；另有已豁免 {s['waived']} 条）。", ""]
    if s["kind"]:
        out += ["| 类别 | 条数 |", "|---|---:|"]
        out += [f"| {md(KIND_LABEL.get(k, k))} | {v} |" for k, v in s["kind"].items()]
        out.append("")
    out += ["| 文件 | 状态 | 错误 | 警告 | 提示 | 已豁免 |", "|---|---|---:|---:|---:|---:|"]
    for r in results:
        c = per_file_counts(r)
        status = "正常" if r.status == "ok" else f"无法读取（{md(r.error.code)}）"
        out.append(f"| {md(r.source)} | {status} | {c['error']} | {c['warning']} | {c['info']} | {c['waived']} |")
    out.append("")
    for w in meta.get("unmatched_waivers") or []:
        out.append(f"- 豁免未匹配任何问题：`{md(w.get('fingerprint'))}`（{md(w.get('reason'))}）")
    for r in results:
        out += [f"## {md(r.source)}", ""]
        if r.status == "error":
            out += [f"**无法读取**（{md(r.error.code)}）：{md(r.error.message)}", ""]
            continue
        for n in r.notes:
            out += [f"> 注：{md(n)}", ""]
        if not r.findings:
            out += ["未发现问题。", ""]
        for i, f in enumerate(r.findings, 1):
            waived = f"（已豁免：{md(f.waived)}）" if f.waived else ""
            out.append(f"{i}. **{SEV_LABEL.get(f.severity, f.severity)} {md(f.code)}** "
                       f"{md(KIND_LABEL.get(f.kind, f.kind))}{waived}：{md(f.message)}")
            diff = difference(f.expected, f.actual)
            parts = [f"预期 {md(f.expected)}" if f.expected else "", f"实际 {md(f.actual)}" if f.actual else "",
                     f"差额 {md(diff)}" if diff else ""]
            if any(parts):
                out.append("   - " + "；".join(p for p in parts if p))
            for ev in f.evidence:
                out.append(f"   - {md(ev.location)}（{md(ROLE_LABEL.get(ev.role, ev.role))}）：「{md(ev.quote)}」")
            out.append(f"   - 指纹 `{md(f.fingerprint)}`")
        out.append("")
    return "\n".join(out) + "\n"
