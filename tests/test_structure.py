"""Outline: headings from numbering and style, section paths, list items that still nest."""

import pytest

from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers import parse
from extractor.parsers.text import parse_text
from extractor.structure import assign_sections, heading_level, is_title, section_parts

from conftest import SEED_STEM


@pytest.mark.parametrize(
    "text, level, number",
    [
        ("一、部门整体绩效目标完成情况", 1, "一"),
        ("十二、其他", 1, "十二"),
        ("（一）执行率情况", 2, "一"),
        ("(二) 完成的绩效目标", 2, "二"),
        ("1.产出指标", 3, "1"),
        ("2．效益指标", 3, "2"),
        ("3、项目支出情况", 3, "3"),
        ("（1）数量指标：召开会议5次", 4, "1"),
        ("(2)时效指标", 4, "2"),
        ("3）质量指标", 4, "3"),
        ("一是领导高度重视", 5, "一"),
        ("②加强培训", 5, "②"),
    ],
)
def test_heading_level(text, level, number):
    assert heading_level(text) == (level, number)


@pytest.mark.parametrize("text", ["1.5万元用于购置", "2021年度部门预算", "一府一委两院", "年度目标1：服务", "单位：元", "10,000元"])
def test_not_headings(text):
    assert heading_level(text) is None


def test_title_or_list_item():
    assert is_title("1.产出指标")
    assert is_title("1.产出指标：")
    assert is_title("二、绩效目标完成情况分析")
    assert not is_title("（1）数量指标：召开区人大常委会会议5次，听取和审议专项工作报告4个。")
    assert not is_title("（2）时效指标：规范性文件备案及时率100%")
    assert not is_title("1." + "很长的一句话" * 12)


def _doc(*texts, headings=None):
    blocks = []
    for i, t in enumerate(texts, 1):
        if isinstance(t, Table):
            blocks.append(t)
        else:
            h = (headings or {}).get(i)
            blocks.append(Paragraph(t, Location(paragraph=i), heading=h))
    return assign_sections(Document(source="", format="text", blocks=blocks))


def test_indicator_group_paths():
    doc = _doc(
        "一、部门整体绩效目标完成情况",
        "（二）完成的绩效目标",
        "年度目标1：为区人大常委会工作监督做好服务工作。",
        "1.产出指标",
        "（1）数量指标：召开区人大常委会会议5次，听取和审议专项工作报告4个。",
        "（2）时效指标：规范性文件备案及时率100%",
        "2.效益指标",
        "（1）社会效益：提高监督实效。",
        "二、绩效目标完成情况分析",
    )
    got = [(b.heading, b.location.section) for b in doc.blocks]
    assert got == [
        (1, "一"),
        (2, "一/（二）"),
        (None, "一/（二）"),
        (3, "一/（二）/1"),
        (None, "一/（二）/1/（1）"),  # a list item: not a title, but it nests
        (None, "一/（二）/1/（2）"),
        (3, "一/（二）/2"),
        (None, "一/（二）/2/（1）"),
        (1, "二"),
    ]
    assert section_parts(doc.blocks[4].location.section) == ["一", "（二）", "1", "（1）"]
    assert section_parts(None) == []


def test_style_headings_and_tables():
    t = Table(cells=[Cell("合计", 1, 1, Location(table=1, row=1, col=1))], location=Location(table=1))
    doc = _doc("绩效目标完成情况分析", "正文。", "1.支出情况", t, headings={1: 1})
    assert doc.blocks[0].heading == 1 and doc.blocks[0].location.section == "绩效目标完成情况分析"
    assert doc.blocks[1].location.section == "绩效目标完成情况分析"
    assert doc.blocks[2].location.section == "绩效目标完成情况分析/1"
    assert t.location.section == "绩效目标完成情况分析/1" and t.cells[0].location.section == t.location.section


def test_style_heading_keeps_heading_even_when_long():
    long = "一、" + "很长的标题" * 15
    doc = _doc(long, headings={1: 1})
    assert doc.blocks[0].heading == 1


def test_text_before_any_heading_has_no_section():
    doc = _doc("附件1：", "一、情况")
    assert doc.blocks[0].location.section is None


def test_seed_sections(seeds_dir):
    doc = parse(seeds_dir / f"{SEED_STEM}.txt")
    by_text = {b.text: b for b in doc.paragraphs()}
    assert by_text["一、部门整体绩效目标完成情况"].heading == 1
    assert by_text["（一）执行率情况"].location.section == "一/（一）"
    para = next(p for p in doc.paragraphs() if p.text.startswith("（1）数量指标：召开区人大常委会会议5次"))
    assert para.location.section == "一/（二）/1/（1）" and para.heading is None
    assert by_text["1.支出规模和结构"].location.section == "二/（一）/1"
    assert by_text["三、存在的问题和原因分析"].location.section == "三"


def test_text_parser_output_gets_sections():
    doc = assign_sections(parse_text("一、情况\n\t项目\n\t金额\n\n\t合计\n\t1.00\n", ""))
    assert doc.blocks[1].location.section == "一"
