"""Markdown report for audit memos: the same content as the HTML report, as plain Markdown. Document
text is escaped so that pasted quotes cannot inject HTML or break tables. When the report is written
to a file, the PDF pages evidence stands on are written beside it and each finding links to them."""

from __future__ import annotations

import re

from urllib.parse import quote

from extractor.reporters._common import KIND_LABEL, ROLE_LABEL, SEV_LABEL, difference, per_file_counts, summary
from extractor.reporters.pages import Images, write_assets

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")


def md(s) -> str:
    """Escape Markdown/HTML specials and keep one line."""
    s = "" if s is None else " ".join(str(s).split())
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), s)


def _page_links(r, images: Images | None) -> tuple[dict[int, str], str | None]:
    """page -> relative link of its image written beside the report, and a note when there are none."""
    if images is None or not images.enabled or images.assets is None:
        return {}, None
    pages = {e.location.page for f in r.findings for e in f.evidence if e.location.page and e.location.bbox}
    if not pages:
        return {}, None
    imgs = images.pages(r, pages)
    if not imgs:
        return {}, images.source_problem(r)
    write_assets(list(imgs.values()), images.assets)
    return {n: f"{quote(images.assets.name)}/{quote(img.name + img.ext)}" for n, img in imgs.items()}, None


def render(results, meta: dict | None = None, images: Images | None = None) -> str:
    meta = meta or {}
    if images is not None and images.assets is not None:
        images.prefetch([(r, {e.location.page for f in r.findings for e in f.evidence
                              if e.location.page and e.location.bbox}) for r in results if r.status == "ok"])
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
        links, problem = _page_links(r, images)
        if problem:
            out += [f"> 页面图像：{md(problem)}", ""]
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
            pages = sorted({e.location.page for e in f.evidence if e.location.page in links})
            if pages:
                out.append("   - 页面图像：" + "、".join(f"[第 {n} 页]({links[n]})" for n in pages))
            out.append(f"   - 指纹 `{md(f.fingerprint)}`")
        out.append("")
    return "\n".join(out) + "\n"
