"""CSV: one row per evidence item of each finding (a finding without evidence, or an unreadable file,
is one row). UTF-8 with BOM so Excel opens it; document text that Excel would read as a formula
(= + - @ at the start) is prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io

from extractor.reporters._common import FORMULA_START, KIND_LABEL, SEV_LABEL, difference, is_number_text

HEADER = ["文件", "状态", "问题序号", "规则", "规则名称", "类别", "严重程度", "说明", "预期", "实际", "差额",
          "涉及数字", "指纹", "豁免理由", "证据序号", "证据角色", "证据数值", "引文", "位置", "页", "章节", "表",
          "行", "列"]


def safe(v) -> str:
    if v is None:
        return ""
    s = str(v)
    if s.startswith(FORMULA_START) and not is_number_text(s):
        return "'" + s
    return s


def render(results, meta: dict | None = None) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    n = 0
    for r in results:
        if r.status == "error":
            w.writerow([safe(r.source), "无法读取", "", r.error.code, "", "", "", safe(r.error.message)]
                       + [""] * (len(HEADER) - 8))
            continue
        for f in r.findings:
            n += 1
            base = [safe(r.source), "正常", n, f.code, f.name, KIND_LABEL.get(f.kind, f.kind),
                    SEV_LABEL.get(f.severity, f.severity), safe(f.message), safe(f.expected), safe(f.actual),
                    safe(difference(f.expected, f.actual)), safe("、".join(f.values)), f.fingerprint, safe(f.waived)]
            evs = f.evidence or [None]
            for k, ev in enumerate(evs, 1):
                if ev is None:
                    w.writerow(base + [""] * 10)
                    continue
                loc = ev.location
                w.writerow(base + [k, ev.role, safe(ev.value), safe(ev.quote), safe(str(loc)), loc.page or "",
                                   safe(loc.section), loc.table or "", loc.row or "", loc.col or ""])
    return buf.getvalue().encode("utf-8-sig")
