"""HTML reviewer report: one self-contained file (inline CSS/JS, no network). Everything that comes
from a document is escaped with html.escape(quote=True); the JS only reads data-* attributes and
writes textContent, so text such as `<script>` or `"><img onerror=…>` stays text."""

from __future__ import annotations

import json
from html import escape

from extractor import __version__
from extractor.reporters._common import (KIND_LABEL, ROLE_LABEL, SEV_LABEL, SEV_ORDER, difference,
                                         highlight_spans, needles_of, per_file_counts, rule_docs, summary)


def e(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def json_for_script(obj) -> str:
    """JSON safe inside <script type="application/json">: no '</script>', '<!--' or '&' can appear."""
    s = json.dumps(obj, ensure_ascii=False)
    return s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#1f3b5c;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
main{padding:16px 24px}section.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:12px 16px;margin-bottom:16px}
table{border-collapse:collapse}td,th{border:1px solid #dde;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}.num{text-align:right}
.bar{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccd;padding:8px 24px;z-index:2}
.bar label{margin-right:12px}
.finding{border-left:5px solid #999;background:#fff;margin:8px 0;padding:8px 12px;border-radius:4px}
.finding.sev-error{border-color:#c0392b}.finding.sev-warning{border-color:#e67e22}.finding.sev-info{border-color:#7f8c8d}
.finding.waived{opacity:.6}.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;margin-right:4px}
.b-error{background:#c0392b}.b-warning{background:#e67e22}.b-info{background:#7f8c8d}.b-waived{background:#27ae60}
.msg{margin:4px 0;font-weight:600}.ead td{border:none;padding:0 12px 0 0}
.ev{margin:4px 0 4px 12px;font-size:14px}.where{color:#555;font-size:12px;margin-right:8px}
.quote{background:#fafafa;border:1px dashed #ccc;padding:2px 6px;white-space:pre-wrap;word-break:break-all}
mark{background:#ffe066;padding:0 1px}.fp{color:#888;font-size:11px}
.doc h2{font-size:16px;margin:0 0 6px}.err{color:#c0392b}pre.rule{white-space:pre-wrap;background:#fafafa;padding:8px}
.hidden{display:none}
"""

JS = """
(function(){
  var sev=document.getElementById('f-sev'),kind=document.getElementById('f-kind'),file=document.getElementById('f-file'),
      wv=document.getElementById('f-waived'),sort=document.getElementById('f-sort'),count=document.getElementById('f-count');
  function items(){return Array.prototype.slice.call(document.querySelectorAll('.finding'));}
  function apply(){
    var n=0;
    items().forEach(function(el){
      var ok=(!sev.value||el.getAttribute('data-severity')===sev.value)&&(!kind.value||el.getAttribute('data-kind')===kind.value)
        &&(!file.value||el.getAttribute('data-file')===file.value)&&(wv.checked||el.getAttribute('data-waived')!=='1');
      el.classList.toggle('hidden',!ok); if(ok){n++;}
    });
    document.querySelectorAll('.doc').forEach(function(d){
      d.classList.toggle('hidden',!!file.value&&d.getAttribute('data-file')!==file.value);
    });
    count.textContent=String(n);
  }
  function key(el){
    var k=sort.value;
    if(k==='severity'){return [el.getAttribute('data-sevrank'),el.getAttribute('data-order')];}
    if(k==='code'){return [el.getAttribute('data-code'),el.getAttribute('data-order')];}
    if(k==='kind'){return [el.getAttribute('data-kind'),el.getAttribute('data-order')];}
    return [el.getAttribute('data-order')];
  }
  function cmp(a,b){for(var i=0;i<a.length;i++){if(a[i]<b[i])return -1;if(a[i]>b[i])return 1;}return 0;}
  function resort(){
    document.querySelectorAll('.findings').forEach(function(box){
      var els=Array.prototype.slice.call(box.querySelectorAll('.finding'));
      els.sort(function(a,b){return cmp(key(a),key(b));});
      els.forEach(function(el){box.appendChild(el);});
    });
  }
  [sev,kind,file,wv].forEach(function(x){x.addEventListener('change',apply);});
  sort.addEventListener('change',function(){resort();apply();});
  apply();
})();
"""


def _quote_html(quote: str, needles: list[str]) -> str:
    return "".join(f"<mark>{e(t)}</mark>" if m else e(t) for t, m in highlight_spans(quote or "", needles))


def _finding_html(r, f, order: int, docs: dict) -> str:
    diff = difference(f.expected, f.actual)
    rule = f'<a href="#rule-{e(f.code)}" class="rule-link">{e(f.code)}</a>' if f.code in docs else e(f.code)
    waived = ('<span class="badge b-waived">已豁免</span>' if f.waived else "")
    head = (f'<span class="badge b-{e(f.severity)}">{e(SEV_LABEL.get(f.severity, f.severity))}</span>{waived}'
            f'{rule} <span>{e(f.name)}</span> · <span>{e(KIND_LABEL.get(f.kind, f.kind))}</span>')
    rows = []
    for label, val in (("预期", f.expected), ("实际", f.actual), ("差额", diff)):
        if val:
            rows.append(f"<tr><td>{label}</td><td>{e(val)}</td></tr>")
    if f.values:
        rows.append(f"<tr><td>涉及数字</td><td>{e('、'.join(f.values))}</td></tr>")
    if f.waived:
        rows.append(f"<tr><td>豁免理由</td><td>{e(f.waived)}</td></tr>")
    evs = []
    for ev in f.evidence:
        role = ROLE_LABEL.get(ev.role, ev.role)
        sec = f"（{e(ev.location.section)}）" if ev.location.section and ev.location.table else ""
        evs.append(f'<div class="ev"><span class="where">{e(ev.location)}{sec} · {e(role)}</span>'
                   f'<span class="quote">{_quote_html(ev.quote, needles_of(f, ev))}</span></div>')
    return (f'<div class="finding sev-{e(f.severity)}{" waived" if f.waived else ""}" data-severity="{e(f.severity)}" '
            f'data-sevrank="{SEV_ORDER.get(f.severity, 9)}" data-kind="{e(f.kind)}" data-file="{e(r.source)}" '
            f'data-code="{e(f.code)}" data-order="{order:06d}" data-waived="{1 if f.waived else 0}">'
            f'<div>{head}</div><div class="msg">{e(f.message)}</div>'
            f'<table class="ead">{"".join(rows)}</table>{"".join(evs)}'
            f'<div class="fp">指纹 {e(f.fingerprint)}</div></div>')


def _figures_html(r) -> str:
    if not r.figures:
        return ""
    rows = "".join(
        f"<tr><td>{e(fg.location)}</td><td>{e(fg.role)}</td><td>{e(fg.label)}</td>"
        f"<td class='num'>{e(fg.quantity.raw)}</td><td>{e(fg.quote)}</td></tr>" for fg in r.figures)
    return (f"<details><summary>提取的数字（{len(r.figures)} 个）</summary><table><tr><th>位置</th><th>角色</th>"
            f"<th>标签</th><th>原文数值</th><th>引文</th></tr>{rows}</table></details>")


def render(results, meta: dict | None = None) -> str:
    meta = meta or {}
    docs = rule_docs()
    s = summary(results)
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
           'script-src \'unsafe-inline\'; img-src data:">',
           f"<title>绩效自评报告核查结果</title><style>{CSS}</style></head><body>",
           f"<header><h1>绩效自评报告核查结果</h1><div>extractor {e(__version__)} · {e(meta.get('time', ''))}</div></header>"]
    kinds = sorted({f.kind for r in results for f in r.findings})
    files = [r.source for r in results]
    out.append('<div class="bar">'
               '<label>严重程度 <select id="f-sev"><option value="">全部</option>'
               + "".join(f'<option value="{k}">{v}</option>' for k, v in SEV_LABEL.items()) + "</select></label>"
               '<label>类别 <select id="f-kind"><option value="">全部</option>'
               + "".join(f'<option value="{e(k)}">{e(KIND_LABEL.get(k, k))}</option>' for k in kinds) + "</select></label>"
               '<label>文件 <select id="f-file"><option value="">全部</option>'
               + "".join(f'<option value="{e(x)}">{e(x)}</option>' for x in files) + "</select></label>"
               '<label>排序 <select id="f-sort"><option value="order">按文件与位置</option>'
               '<option value="severity">按严重程度</option><option value="code">按规则代码</option>'
               '<option value="kind">按类别</option></select></label>'
               '<label><input type="checkbox" id="f-waived" checked> 显示已豁免</label>'
               '显示 <span id="f-count"></span> 条</div><main>')
    # summary
    sev_cells = "".join(f"<tr><td>{SEV_LABEL[k]}</td><td class='num'>{v}</td></tr>" for k, v in s["severity"].items())
    kind_cells = "".join(f"<tr><td>{e(KIND_LABEL.get(k, k))}（{e(k)}）</td><td class='num'>{v}</td></tr>"
                         for k, v in s["kind"].items())
    out.append(f'<section class="card" id="summary"><h2>汇总</h2><p>文件 {s["files"]} 个，可读取 {s["ok"]} 个，'
               f'无法读取 {len(s["unreadable"])} 个；问题 {s["findings"]} 条（另有已豁免 {s["waived"]} 条）。</p>'
               f'<table style="display:inline-table;margin-right:24px"><tr><th>严重程度</th><th>条数</th></tr>{sev_cells}</table>'
               f'<table style="display:inline-table"><tr><th>类别</th><th>条数</th></tr>{kind_cells}</table>')
    if s["unreadable"]:
        out.append("<h3>无法读取的文件</h3><table><tr><th>文件</th><th>错误代码</th><th>说明</th></tr>"
                   + "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td class='err'>{e(c)}</td></tr>"
                             for a, b, c in s["unreadable"]) + "</table>")
    unmatched = meta.get("unmatched_waivers") or []
    if unmatched:
        out.append("<h3>未匹配任何问题的豁免</h3><ul>" + "".join(
            f"<li>{e(w.get('fingerprint'))}：{e(w.get('reason'))}</li>" for w in unmatched) + "</ul>")
    rows = []
    for r in results:
        c = per_file_counts(r)
        status = "正常" if r.status == "ok" else f"无法读取（{r.error.code}）"
        rows.append(f"<tr><td>{e(r.source)}</td><td>{e(status)}</td><td class='num'>{c['error']}</td>"
                    f"<td class='num'>{c['warning']}</td><td class='num'>{c['info']}</td><td class='num'>{c['waived']}</td>"
                    f"<td class='num'>{len(r.figures)}</td></tr>")
    out.append("<h3>各文件</h3><table><tr><th>文件</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th>"
               f"<th>已豁免</th><th>提取数字</th></tr>{''.join(rows)}</table></section>")
    # documents
    order = 0
    for r in results:
        out.append(f'<section class="card doc" data-file="{e(r.source)}"><h2>{e(r.source)}</h2>')
        if r.status == "error":
            out.append(f'<p class="err">无法读取 [{e(r.error.code)}]：{e(r.error.message)}</p></section>')
            continue
        meta_line = "，".join(x for x in (f"格式 {e(r.format)}" if r.format else "",
                                          f"{r.pages} 页" if r.pages else "") if x)
        out.append(f"<p>{meta_line}</p>" if meta_line else "")
        for n in r.notes:
            out.append(f"<p>注：{e(n)}</p>")
        if not r.findings:
            out.append("<p>未发现问题。</p>")
        out.append('<div class="findings">')
        for f in r.findings:
            order += 1
            out.append(_finding_html(r, f, order, docs))
        out.append("</div>" + _figures_html(r) + "</section>")
    # rule documentation, embedded so links work offline
    out.append('<section class="card" id="rules"><h2>规则说明</h2>')
    for code, (name, doc) in docs.items():
        out.append(f'<div id="rule-{e(code)}"><h3>{e(code)} {e(name)}</h3><pre class="rule">{e(doc)}</pre></div>')
    out.append("</section></main>")
    data = {"summary": {k: v for k, v in s.items() if k != "unreadable"}, "files": files}
    out.append(f'<script type="application/json" id="report-data">{json_for_script(data)}</script>')
    out.append(f"<script>{JS}</script></body></html>\n")
    return "".join(out)
