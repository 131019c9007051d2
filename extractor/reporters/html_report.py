"""HTML reviewer report: one self-contained file (inline CSS/JS, a Content-Security-Policy, no network),
built from Jinja2 templates (extractor/templates) with autoescaping on, so everything that comes from
a document is escaped by default. The JS only reads data-* attributes and sets textContent or an
image's href, so text such as `<script>` or `"><img onerror=…>` stays text.

Each finding is shown in its place (extractor.reporters.evidence_view): its table re-drawn, a crop of
its PDF page with the compared figures boxed (images rendered from the source file, see pages.py) or
its paragraph with the figures marked."""

from __future__ import annotations

import base64
import functools
import json

from markupsafe import Markup

from extractor import __version__
from extractor.reporters._common import (FAMILY_LABEL, KIND_LABEL, ROLE_LABEL, SEV_LABEL, SEV_ORDER, difference,
                                         highlight_spans, needles_of, per_file_counts, rule_docs, summary)
from extractor.reporters.evidence_view import finding_blocks, page_boxes
from extractor.reporters.pages import Images, write_assets


def json_for_script(obj) -> str:
    """JSON safe inside <script type="application/json">: no '</script>', '<!--' or '&' can appear."""
    s = json.dumps(obj, ensure_ascii=False)
    return s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@functools.lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("extractor", "templates"), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)


def _static(name: str) -> Markup:
    """Our own CSS/JS, inlined as is (never document text)."""
    env = environment()
    return Markup(env.loader.get_source(env, name)[0])


def evidence_pages(r) -> set[int]:
    return {e.location.page for f in r.findings for e in f.evidence if e.location.page and e.location.bbox}


def render(results, meta: dict | None = None, images: Images | None = None) -> str:
    """The report as one HTML string. With `images.assets` set and more page images than
    `images.max_embedded` bytes, the images are written to that folder (beside the report) instead."""
    meta = meta or {}
    images = images if images is not None else Images()
    images.prefetch([(r, evidence_pages(r)) for r in results if r.status == "ok"])
    page_imgs = {id(r): images.pages(r, evidence_pages(r)) for r in results if r.status == "ok"}
    all_imgs = [img for imgs in page_imgs.values() for img in imgs.values()]
    total = sum(len(i.data) for i in all_imgs) * 4 // 3  # base64
    external = False
    notes: list[str] = []
    if total > images.max_embedded:
        mb = f"{total / 2**20:.1f} MB"
        if images.assets is not None:
            write_assets(all_imgs, images.assets)
            external = True
            notes.append(f"页面图像共 {mb}，超过单个报告文件内嵌上限 {images.max_embedded // 2**20} MB，已写入报告旁的文件夹"
                         f"“{images.assets.name}/”（移动报告时请一并移动）。")
        else:
            page_imgs, dropped = _within(page_imgs, images.max_embedded)
            notes.append(f"页面图像共 {mb}，超过单个报告文件内嵌上限 {images.max_embedded // 2**20} MB：其余 {dropped} 页"
                         f"未显示（用 -o 写入文件时，图像会写到报告旁的文件夹）。")

    def src(img) -> str:
        if external:
            return f"{images.assets.name}/{img.name}{img.ext}"
        return f"data:{img.mime};base64,{base64.b64encode(img.data).decode('ascii')}"

    docs, order = [], 0
    for r in results:
        d = {"r": r, "counts": per_file_counts(r), "findings": [], "pages": [], "image_note": None,
             "status": "正常" if r.status == "ok" else f"无法读取（{r.error.code}）"}
        if r.status == "ok":
            d["meta_line"] = "，".join(x for x in (f"格式 {r.format}" if r.format else "",
                                                  f"{r.pages} 页" if r.pages else "") if x)
            imgs = page_imgs.get(id(r), {})
            if images.enabled and evidence_pages(r) and not imgs:
                d["image_note"] = images.source_problem(r)
            for f in r.findings:
                order += 1
                d["findings"].append(_finding(r, f, order, imgs))
            d["pages"] = [{"image": img, "src": src(img), "boxes": page_boxes(r, n)} for n, img in sorted(imgs.items())]
        docs.append(d)
    s = summary(results)
    data = {"summary": {k: v for k, v in s.items() if k != "unreadable"}, "files": [r.source for r in results]}
    tpl = environment().get_template("report.html.j2")
    return tpl.render(
        css=_static("report.css"), js=_static("report.js"), version=__version__, meta=meta, s=s, docs=docs,
        kinds=sorted({f.kind for r in results for f in r.findings}), files=[r.source for r in results],
        sev_label=SEV_LABEL, sev_order=SEV_ORDER, kind_label=KIND_LABEL, family_label=FAMILY_LABEL,
        unmatched=meta.get("unmatched_waivers") or [], rules=rule_docs(), image_notes=notes, external=external,
        data_json=Markup(json_for_script(data)))


def _within(page_imgs: dict, budget: int) -> tuple[dict, int]:
    """Keep images in report order until the embedding budget is used; count the rest."""
    kept, used, dropped = {}, 0, 0
    for key, imgs in page_imgs.items():
        kept[key] = {}
        for n, img in imgs.items():
            size = len(img.data) * 4 // 3
            if used + size <= budget:
                kept[key][n] = img
                used += size
            else:
                dropped += 1
    return kept, dropped


def _finding(r, f, order: int, imgs: dict) -> dict:
    diff = difference(f.expected, f.actual)
    ead = [(label, val) for label, val in (("预期", f.expected), ("实际", f.actual), ("差额", diff)) if val]
    if f.values:
        ead.append(("涉及数字", "、".join(f.values)))
    if f.waived:
        ead.append(("豁免理由", f.waived))
    evidence = []
    for ev in f.evidence:
        loc = ev.location
        sec = f"（{loc.section}）" if loc.section and loc.table else ""
        evidence.append({"where": f"{loc}{sec}", "role": ROLE_LABEL.get(ev.role, ev.role),
                         "quote": highlight_spans(ev.quote or "", needles_of(f, ev))})
    return {"f": f, "order": order, "ead": ead, "evidence": evidence, "blocks": finding_blocks(r, f, imgs)}
