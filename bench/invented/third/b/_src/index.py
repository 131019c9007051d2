import json
rows = {
31:("部门整体支出绩效自评报告","湖南·县人大常委会办公室 2022","narrative, truncated"),
32:("项目支出绩效自评报告 农村供水","四川·县水利局 2023","narrative + pipe-separated fund table in 元"),
33:("部门整体绩效评价报告","广东·镇政府 2021","site banner + narrative + numbered list, truncated"),
34:("项目支出绩效自评报告 基本公卫","河南·县卫健委 2020(title)/2019(body)","narrative"),
35:("部门整体支出绩效自评报告","江苏·区政协办公室 2023","narrative"),
36:("部门整体支出绩效自评报告","云南·县第一中学 2022","narrative, 4-decimal 万元, truncated"),
37:("项目支出绩效自评报告 高标准农田","黑龙江·县农业农村局 2021","narrative + tab table (元 row)"),
38:("部门整体支出绩效自评报告","浙江·街道办事处 2024","narrative + one-cell-per-line table, truncated"),
39:("项目支出绩效自评报告 农村公路养护","贵州·县交通运输局 2022","narrative, truncated"),
40:("部门整体支出绩效自评报告","甘肃·镇中心卫生院 2023","PDF text (spaces in numbers, page footer)"),
41:("项目支出绩效自评报告 城乡低保","山东·区民政局 2021","narrative + pipe-separated 元 table + indicator rows"),
42:("部门整体支出绩效自评报告","江西·县人社局 2022(title)/2021(body)","narrative, truncated"),
43:("项目支出绩效自评报告 森林草原防火","吉林·县林草局 2020","doc-site banner, OCR noise (l00%, 9O%), space-separated 元 table"),
44:("部门整体支出绩效自评报告","河北·市政协办公室 2019","narrative + space-aligned table, 1-decimal 万元"),
45:("项目支出绩效自评报告 营养改善计划","广西·县教育局 2023","narrative + pipe-separated indicator table with merged cells"),
46:("部门整体支出绩效自评报告","陕西·县水利局 2021","narrative, 4-decimal 万元 + tab 元 table"),
47:("项目支出绩效自评报告 衔接推进乡村振兴","安徽·县 2024","narrative"),
48:("部门整体支出绩效自评报告","内蒙古·旗农牧局 2022","narrative"),
49:("项目支出绩效自评报告 就业补助资金","湖北·区人社 2021","narrative, truncated"),
50:("部门整体支出绩效自评报告","山西·县人大常委会 2023","narrative + pipe-separated 元 form excerpt"),
51:("项目支出绩效自评报告 农村公路提级改造","福建·县交通运输局 2022","site banner + numbered list, truncated"),
52:("部门整体支出绩效自评报告","重庆·镇中心小学 2020","narrative, truncated"),
53:("项目支出绩效自评报告 残疾人两项补贴","辽宁·县残联 2023","narrative + tab 元 table"),
54:("部门整体支出绩效自评报告","宁夏·镇政府 2024","narrative, 4-decimal 万元, truncated"),
55:("项目支出绩效自评报告 退耕还林","新疆·县林草局 2022","PDF text with page numbers"),
56:("部门整体绩效评价报告","青海·乡卫生院 2021","narrative + pipe-separated 元 table"),
57:("项目支出绩效自评报告 小型水库除险加固","海南·市水务局 2023","narrative + one-cell-per-line indicator form"),
58:("部门整体支出绩效自评报告","北京·街道办事处 2022","narrative"),
59:("项目支出绩效自评报告 动物防疫补助","天津·区农业农村委 2024","narrative, 4-decimal 万元 + pipe-separated 元 table, truncated"),
60:("部门整体支出绩效自评报告","安徽·县政协办公室 2020","narrative, truncated"),
}
out = ["# inv3/b — documents 31–60 (narrative excerpts, plain UTF-8 text)", "",
       "| NN | report kind | province / unit / year | layout | #labels | #consistent |", "|---|---|---|---|---|---|"]
for n,(k,p,l) in rows.items():
    a = len(json.load(open(f"labels_{n}.json"))); c = len(json.load(open(f"consistent_{n}.json")))
    out.append(f"| {n} | {k} | {p} | {l} | {a} | {c} |")
out += ["", "Generator sources: `_src/gen1.py`–`gen3.py`, `_src/write.py`. Check: `python check_labels.py`."]
open("INDEX.md","w",encoding="utf-8").write("\n".join(out)+"\n")
