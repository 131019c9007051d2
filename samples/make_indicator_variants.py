"""Constructed variants of a narrative 绩效自评报告 for the indicator checks (IN…), with expected findings.

The base report is invented (a county agriculture bureau; no figure or sentence from the seed). Each
variant changes one thing and says which findings it must produce; `reworded` only rewords the
restatements of unchanged indicators and must produce no IN error or warning. Usage:

    python samples/make_indicator_variants.py [outdir]     (default: samples/indicators)

writes <variant>.txt and <variant>.expected.json ({"must": [...], "must_not_codes": [...]}).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BASE = """某县农业农村局2023年度部门整体绩效自评报告

一、绩效目标完成情况
（一）预算执行情况
本单位2023年度调整后预算数为320.50万元，执行率98.20%。
（二）完成的绩效目标
年度目标1：开展高素质农民培训，提升农业生产经营能力，计划培训农民不少于{t_train}人。
2023年度本单位年度目标一的绩效目标均已完成，其中：
1.产出指标
（1）数量指标：举办培训班{c_classes}期，培训农民{c_train}人，发放培训教材1200册。
（2）质量指标：培训合格率95%。
2.效益指标
（1）社会效益指标：带动农民增收，促进乡村产业发展。
年度目标2：推进农田水利设施维护，完成灌溉渠道清淤整治。
2023年度本单位年度目标二的绩效目标均已完成，其中：
1.产出指标
（1）数量指标：清淤整治灌溉渠道{c_canal}公里，维修提灌站6座。
{label_block}
（三）未完成的绩效目标
本单位没有未完成的绩效目标。
二、绩效目标完成情况分析
（一）预算执行情况分析
项目支出明细如下表：
单位：元
| 序号 | 项目 | 执行数 | 备注 |
| 1 | 高素质农民培训经费 | 860,000.00 | |
| 2 | 农田水利维护经费 | 1,250,000.00 | |
| 3 | {dup_name} | {dup_amount} | |
| 4 | 农产品质量检测经费 | 310,000.00 | |
| | 项目支出合计 | {total} | |
（二）绩效目标完成情况分析
年度目标1：{goal1_restated}
1.产出指标完成情况分析
2023年度本单位年度目标一产出指标均已完成，情况如下：
{a_classes_sentence}全年共{a_verb}农民{a_train}人，发放培训教材1200册，培训合格率95%。
年度目标2：推进农田水利设施维护，完成灌溉渠道清淤整治。
1.产出指标完成情况分析
全年累计清淤整治灌溉渠道{a_canal}公里，维修提灌站6座。
三、存在的问题和原因分析
本年度绩效目标均已完成，暂无问题。
"""

LABEL_OK = """2.效益指标
（1）生态效益指标：改善农田灌溉条件。
3.满意度指标
（1）服务对象满意度指标：受益农户满意度90%。"""

LABEL_BAD = """2.效益指标
（1）生态效益指标：改善农田灌溉条件。
（2）服务对象满意度指标：受益农户满意度90%。"""

DEFAULTS = dict(
    t_train="500", c_classes="10", c_train="520", c_canal="35", label_block=LABEL_OK,
    dup_name="农机推广服务经费", dup_amount="540,000.00", total="2,960,000.00",
    goal1_restated="开展高素质农民培训，提升农业生产经营能力，计划培训农民不少于500人。",
    a_classes_sentence="本单位共举办培训班10期，", a_verb="培训", a_train="520", a_canal="35",
)

VARIANTS = {
    # nothing changes in substance: restatements reworded (加强→加大 style drift, different verbs)
    "reworded": dict(
        goal1_restated="开展高素质农民培训工作，提高农业生产经营能力，计划培训农民不少于500人。",
        a_classes_sentence="全年举办各类培训班10期，", a_verb="累计培训", a_canal="35",
        must=[], must_not_codes=["IN001", "IN002", "IN003", "IN010", "IN020", "IN030"]),
    # the actual falls short of a ≥ target while the report says 均已完成
    "shortfall": dict(
        c_train="420", a_train="420",
        must=[{"code": "IN002", "kind": "target_vs_actual", "values": ["不少于500人", "420人"]},
              {"code": "IN010", "kind": "claim_vs_indicator", "values": ["不少于500人", "420人"]}],
        must_not_codes=["IN001", "IN020", "IN030"]),
    # section 一 and the analysis state different exact values of the same indicator
    "contradiction": dict(
        c_classes="12", a_classes_sentence="本单位共举办培训班15期，",
        must=[{"code": "IN001", "kind": "target_vs_actual", "values": ["12期", "15期"]}],
        must_not_codes=["IN002", "IN020", "IN030"]),
    # a 满意度 indicator filed under 效益指标
    "misfiled": dict(
        label_block=LABEL_BAD,
        must=[{"code": "IN020", "kind": "label_mismatch", "values": []}],
        must_not_codes=["IN001", "IN002", "IN030"]),
    # a near-duplicate line item with the same amount
    "duplicate": dict(
        dup_name="农田水利设施维护经费", dup_amount="1,250,000.00", total="3,670,000.00",
        must=[{"code": "IN030", "kind": "duplicate_item", "values": ["1,250,000.00", "1,250,000.00"]}],
        must_not_codes=["IN001", "IN002", "IN020"]),
}


def render(name: str) -> tuple[str, dict]:
    spec = dict(DEFAULTS)
    v = dict(VARIANTS[name])
    expected = {"must": v.pop("must"), "must_not_codes": v.pop("must_not_codes")}
    spec.update(v)
    return BASE.format(**spec), expected


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "indicators"
    out.mkdir(parents=True, exist_ok=True)
    for name in VARIANTS:
        text, expected = render(name)
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
    print(f"wrote {len(VARIANTS)} variants to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
