"""Write variants of the seed report with injected arithmetic errors, each with its expected findings.

    python samples/make_variants.py            # writes samples/variants/*.txt + *.expected.json
                                               # (+ .docx/.pdf when samples/render_office.py /
                                               #  samples/render_pdf.py are present)

Each variant applies exact text replacements to samples/seed/<seed>.txt (each must occur exactly once)
and lists every finding the injection must cause: code, kind, the compared values (as written) and
where (`table`/`row` of a table cell, or a `quote` the evidence contains). `expected: []` means the
variant must give no BG error (a 万元 figure within its rounding interval)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / "seed" / "000_14caaf9715f129c9.txt"
OUT = HERE / "variants"


def F(code, kind, values, **where):
    return {"code": code, "kind": kind, "values": values, "location": where}


VARIANTS = [
    {
        "name": "sum_mismatch_table",
        "description": "表2 人员经费 调整后预算 10,627,879.38 改为 10,627,879.83（数字颠倒），表2 明细之和不等于基本支出合计",
        "replace": [("\t人员经费\n\t10,627,879.38", "\t人员经费\n\t10,627,879.83")],
        "expected": [F("BG001", "sum_mismatch", ["11,107,432.92", "10,627,879.83", "479,553.54"], table=2, row=4)],
    },
    {
        "name": "sum_mismatch_fen",
        "description": "表3 市管干部医疗费 736,578.06 改为 736,578.07：明细合计比“项目支出合计”多 0.01 元",
        "replace": [("\t736,578.06", "\t736,578.07")],
        "expected": [F("BG001", "sum_mismatch", ["4,282,377.26", "736,578.07"], table=3, row=11)],
    },
    {
        "name": "sum_mismatch_cross_table",
        "description": "表2 公用经费与基本支出合计的调整后预算同减 0.90 元（表2 自身相加仍对），与表1“基本支出合计”不符",
        "replace": [("\t公用经费\n\t479,553.54", "\t公用经费\n\t479,552.64"),
                    ("\t基本支出合计\n\t11,107,432.92\n\t11,107,432.92", "\t基本支出合计\n\t11,107,432.02\n\t11,107,432.92")],
        "expected": [F("BG002", "sum_mismatch", ["11,107,432.92", "11,107,432.02"], table=2, row=4)],
    },
    {
        "name": "sum_mismatch_text_breakdown",
        "description": "正文“其中……项目支出合计4,282,377.26元”改为 4,282,377.62 元：分项之和不等于实际执行支出，且与表中项目支出执行数不符",
        "replace": [("项目支出合计4,282,377.26元", "项目支出合计4,282,377.62元")],
        "expected": [
            F("BG003", "sum_mismatch", ["15,389,810.18元", "11,107,432.92元", "4,282,377.62元"], quote="实际执行支出15,389,810.18元"),
            F("BG030", "text_vs_table", ["4,282,377.62元"], quote="项目支出合计4,282,377.62元"),
        ],
    },
    {
        "name": "adjust_mismatch_table",
        "description": "表1 基本支出合计 预算数 11,019,718.02 改为 11,019,718.20：该行 预算数+预算调整≠调整后预算，预算数列合计也不符",
        "replace": [("\t11,019,718.02", "\t11,019,718.20")],
        "expected": [
            F("BG010", "adjust_mismatch", ["11,019,718.20", "87,714.90", "11,107,432.92"], table=1, row=2),
            F("BG001", "sum_mismatch", ["14,227,418.02", "11,019,718.20", "3,207,700.00"], table=1, row=4),
        ],
    },
    {
        "name": "adjust_mismatch_text",
        "description": "正文“追加项目资金1,074,677.26元”改为 1,074,677.62 元：年初预算+追加≠调整后预算，且与表1 预算调整不符",
        "replace": [("追加项目资金1,074,677.26元", "追加项目资金1,074,677.62元")],
        "expected": [
            F("BG010", "adjust_mismatch", ["3,207,700.00元", "1,074,677.62元", "4,282,377.26 元"], quote="追加项目资金1,074,677.62元"),
            F("BG030", "text_vs_table", ["1,074,677.62元"], quote="追加项目资金1,074,677.62元"),
        ],
    },
    {
        "name": "rate_mismatch_table",
        "description": "表2 公用经费 预算执行率 100.00% 改为 10.00%",
        "replace": [("\t479,553.54\n\t100.00%", "\t479,553.54\n\t10.00%")],
        "expected": [F("BG020", "rate_mismatch", ["10.00%", "479,553.54"], table=2, row=3)],
    },
    {
        "name": "rate_mismatch_text",
        "description": "正文“执行率达100.00%”改为 96.00%：与 决算支出1538.98万元 ÷ 调整后预算1538.98万元 不符，也与表中执行率不符",
        "replace": [("执行率达100.00%", "执行率达96.00%")],
        "expected": [
            F("BG020", "rate_mismatch", ["96.00%", "1538.98万元"], quote="执行率达96.00%"),
            F("BG030", "text_vs_table", ["96.00%"], quote="执行率达96.00%"),
        ],
    },
    {
        "name": "text_vs_table_units",
        "description": "正文“调整后预算数为1538.98万元”改为 1583.98万元（数字颠倒）：与表中 15,389,810.18 元不符（万元区间 ±50 元），执行率也随之不符",
        "replace": [("调整后预算数为1538.98万元", "调整后预算数为1583.98万元")],
        "expected": [
            F("BG030", "text_vs_table", ["1583.98万元"], quote="调整后预算数为1583.98万元"),
            F("BG020", "rate_mismatch", ["100.00%", "1583.98万元"], quote="执行率达100.00%"),
        ],
    },
    {
        "name": "within_rounding",
        "description": "正文万元数字改写为其他合法的四舍五入形式（1422.7万元、1538.981万元），均在区间内，不应报告",
        "replace": [("年初预算为1422.74万元", "年初预算为1422.7万元"),
                    ("调整后预算数为1538.98万元", "调整后预算数为1538.981万元")],
        "expected": [],
    },
]


def build(seed_text: str, variant: dict) -> str:
    text = seed_text
    for old, new in variant["replace"]:
        n = text.count(old)
        if n != 1:
            raise SystemExit(f"{variant['name']}: {old!r} occurs {n} times in the seed (need exactly 1)")
        text = text.replace(old, new)
    return text


def _renderer(name: str):
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _blocks(txt: Path) -> list:
    """Paragraph texts and table rows of a .txt variant, as the renderers take them. Table rows of
    unequal length (a serial-number cell in the data rows only) are right-aligned, as read."""
    sys.path.insert(0, str(HERE.parent))
    from extractor.extract.budget_tables import _logical_grid
    from extractor.model import Paragraph
    from extractor.parsers.text import parse_text

    doc = parse_text(txt.read_text(encoding="utf-8"), str(txt))
    return [b.text if isinstance(b, Paragraph) else _logical_grid(b) for b in doc.blocks]


def main() -> int:
    seed = SEED.read_text(encoding="utf-8")
    OUT.mkdir(exist_ok=True)
    office, pdf = _renderer("render_office"), _renderer("render_pdf")
    for v in VARIANTS:
        txt = OUT / f"{v['name']}.txt"
        txt.write_text(build(seed, v), encoding="utf-8")
        meta = {k: v[k] for k in ("name", "description", "expected")}
        meta["replace"] = [{"old": o, "new": n} for o, n in v["replace"]]
        (OUT / f"{v['name']}.expected.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                                          encoding="utf-8")
        blocks = None
        for mod, fn, ext in ((office, "render_docx", ".docx"), (pdf, "render_pdf", ".pdf")):
            if mod is not None and hasattr(mod, fn):
                blocks = blocks if blocks is not None else _blocks(txt)
                getattr(mod, fn)(txt.with_suffix(ext), blocks)
    print(f"wrote {len(VARIANTS)} variants to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
