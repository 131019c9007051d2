"""Writes doc_NN.txt / labels_NN.json / consistent_NN.json / INDEX.md from _src/b*.py."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '_src'))
import b1, b2, b3, b4, b5

META = {
 1: ("项目支出绩效自评表 (财政部2020)", "湖南-县级 (invented 青溪县)", "pipes"),
 2: ("项目支出绩效目标自评表", "安徽-区级", "tabs"),
 3: ("部门整体支出绩效自评表", "江西-市级 (临川市, invented)", "space runs, truncated"),
 4: ("项目支出绩效目标自评表", "四川-县级", "one cell per line, OCR noise, truncated"),
 5: ("项目支出绩效自评表", "河南-县级", "PDF capture, banner, interleaved rows, page footer, OCR, truncated"),
 6: ("绩效目标自评表 (指标性质/度量单位)", "云南-县级", "space runs, 总分+自评等级"),
 7: ("项目支出绩效自评表 (成本指标一级)", "宁夏-区级", "markdown pipes, 总分"),
 8: ("项目支出绩效自评表 (目标值/实际值/权重)", "重庆-区级", "pipes, 总分+自评等级"),
 9: ("部门整体支出绩效自评表 (调整数列)", "湖北-市级", "tabs, OCR noise, truncated"),
 10: ("省级项目支出绩效自评表", "山西-县级", "space runs, 总分"),
 11: ("项目支出绩效自评表", "广西-县级", "pipes, 总分"),
 12: ("项目支出绩效自评表", "甘肃-县级", "one cell per line, OCR, truncated mid-row"),
 13: ("部门整体支出绩效自评表 (成本指标一级)", "江西-县级", "tabs, truncated before 总分"),
 14: ("项目支出绩效自评表", "贵州-县级", "PDF banner, double spaces, heavy OCR, truncated"),
 15: ("项目支出绩效自评表", "浙江-市级 (临溪市, invented)", "XLSX capture, column blocks interleaved, 总分"),
 16: ("部门整体支出绩效自评表", "安徽-市级", "bare pipes, truncated"),
 17: ("项目支出绩效自评表 (成本指标一级)", "四川-区级", "double-space runs, 总分"),
 18: ("部门整体支出绩效自评表", "河南-市级", "space runs, two-line header, 总分"),
 19: ("项目支出绩效自评表 (指标性质/度量单位)", "云南-县级", "tabs, 总分+自评等级+评分标准"),
 20: ("部门整体支出绩效自评表 (目标值/实际值/权重)", "重庆-区级", "PDF spaces inside numbers, OCR, 总分"),
 21: ("项目支出绩效自评表 (调整预算数列, 成本指标一级)", "湖北-市级", "pipes, 总分"),
 22: ("项目支出绩效自评表", "宁夏-市级", "web page banner, one cell per line with blank-line row breaks, truncated"),
 23: ("部门整体支出绩效自评表", "山西-市级", "doc-sharing banner, interleaved rows, page footer, OCR, truncated"),
 24: ("项目支出绩效自评表", "广西-市级", "tabs, 总分"),
 25: ("项目绩效目标自评表 (目标值/实际值/权重)", "甘肃-市级", "bare pipes, OCR, 总分"),
 26: ("项目支出绩效自评表 (成本指标一级)", "江西-市级", "space runs, full-width digits, 总分"),
 27: ("部门整体支出绩效自评表 (追加预算数列)", "贵州-县级", "double-space runs, truncated"),
 28: ("项目支出绩效自评表 (财政部2020)", "河北-县级", "PDF capture, two-line headers, OCR, truncated"),
 29: ("项目支出绩效自评表", "安徽-市级", "bare pipes, OCR, 总分"),
 30: ("部门整体支出绩效自评表", "四川-市级", "tabs, 总分"),
}

def rec(t):
    k, v, a, b, n = t
    return {"kind": k, "values": v, "quote_a": a, "quote_b": b, "note": n}

def cut(text, n):
    bs = text.encode('utf-8')
    if n is None or len(bs) <= n:
        return text
    return bs[:n].decode('utf-8', errors='ignore')

docs = b1.D + b2.D + b3.D + b4.D + b5.D
assert sorted(d['nn'] for d in docs) == list(range(1, 31))
idx = ["# inv3/a — 自评表 form excerpts (docs 01–30)", "",
       "NN | kind of report | province/level | layout style | #labels | #consistent", "---|---|---|---|---|---"]
for d in sorted(docs, key=lambda d: d['nn']):
    nn = "%02d" % d['nn']
    text = cut(d['text'], d.get('cut'))
    with open(os.path.join(HERE, f"doc_{nn}.txt"), 'w', encoding='utf-8') as f:
        f.write(text)
    for name, items in (("labels", d['labels']), ("consistent", d['cons'])):
        with open(os.path.join(HERE, f"{name}_{nn}.json"), 'w', encoding='utf-8') as f:
            json.dump([rec(t) for t in items], f, ensure_ascii=False, indent=1)
    k, p, s = META[d['nn']]
    idx.append(f"{nn} | {k} | {p} | {s} | {len(d['labels'])} | {len(d['cons'])}")
with open(os.path.join(HERE, "INDEX.md"), 'w', encoding='utf-8') as f:
    f.write("\n".join(idx) + "\n")
print("written", len(docs))
