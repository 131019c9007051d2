"""Constructed PDFs for the PDF parser tests, made at test time with reportlab (a test dependency)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # samples/ is a folder of scripts, importable from the repo root
    sys.path.insert(0, str(ROOT))

from samples.render_pdf import _font, render_pdf  # noqa: E402

LOREM = (
    "本单位按照年度工作计划组织实施各项工作任务，资金使用规范，管理制度健全，"
    "绩效目标设定合理，各项指标均按计划完成，社会效益和满意度指标达到预期水平。"
)


def image_only(path: Path) -> Path:
    """A page with a drawn image and no text layer, like a scan."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (200, 280), "white")
    for x in range(20, 180):
        for y in range(40, 44):
            img.putpixel((x, y), (0, 0, 0))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(img), 50, 200, width=400, height=560)
    c.showPage()
    c.save()
    return path


def blank_then_image(path: Path) -> Path:
    """Page 1 has text, page 2 only an image: a partly scanned report."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(_font(), 12)
    c.drawString(72, 760, "一、基本情况")
    c.drawString(72, 730, "年初预算为100.00万元，执行率100.00%。")
    c.showPage()
    c.drawImage(ImageReader(Image.new("RGB", (100, 100), "gray")), 50, 200, width=400, height=400)
    c.showPage()
    c.save()
    return path


def encrypted(path: Path) -> Path:
    return render_pdf(path, ["一、基本情况", LOREM], encrypt="secret")


def truncated(src: Path, path: Path) -> Path:
    data = src.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def furniture(path: Path, pages: int = 3, numbers: str = "— {n} —") -> Path:
    """Several pages of body text with a running header and page numbers ("— N —" or `numbers`)."""
    blocks: list = []
    for i in range(1, pages * 5):
        blocks.append(f"（{i}）第{i}段：" + LOREM * 2)
    return render_pdf(path, blocks, page_numbers=numbers, header="某某单位2021年度部门整体绩效自评报告")


def split_table(path: Path, repeat_header: bool = True) -> Path:
    """A long table that breaks across a page (header repeated or not), with a long number wrapped
    inside a narrow cell, and a merged (row-spanning) first cell."""
    from extractor.model import Cell, Location, Table

    rows = [["序号", "项目", "金额（元）", "执行率"]]
    for i in range(1, 41):
        rows.append([str(i), f"项目{i}支出", f"{i},{i:03d},{i:03d}.{i % 100:02d}", f"{90 + i % 10}.00%"])
    rows.append(["合计", "", "123,456,789,012.34", "100.00%"])
    loc = Location()
    cells = []
    for r, row in enumerate(rows, 1):
        for c, t in enumerate(row, 1):
            if r == len(rows) and c == 2:
                continue  # covered by the merged 合计 cell
            cells.append(Cell(t, r, c, loc, colspan=2 if (r == len(rows) and c == 1) else 1))
    table = Table(cells=cells, location=loc)
    blocks = ["一、预算执行情况", LOREM * 3, "单位：元", table, "二、结论", LOREM]
    return render_pdf(path, blocks, repeat_header=repeat_header, col_widths=[40, 160, 70, 80])


BUDGET_ROWS = [
    ["项目", "年初预算", "调整后预算", "执行数", "执行率"],
    ["基本支出", "100.00", "120.00", "118.00", "98.33%"],
    ["项目支出", "50.00", "60.00", "60.00", "100.00%"],
    ["合计", "150.00", "180.00", "178.00", "98.89%"],
]


def unruled(path: Path, rules: str) -> Path:
    """A budget table drawn as a three-line table (rules="three-line") or with no rule ("none"), and a
    signature line with wide gaps that is not a table."""
    blocks = ["一、预算执行", LOREM, "单位：万元", BUDGET_ROWS, "二、其他", LOREM,
              "单位负责人：张三          填报人：李四          日期：2022年3月1日"]
    return render_pdf(path, blocks, rules=rules)


def two_tables_two_pages(path: Path) -> Path:
    """Two tables of the same layout, each on its own page: they must stay two tables."""
    return render_pdf(path, ["单位：万元", BUDGET_ROWS, "\f", "单位：万元", BUDGET_ROWS])


def sideways(path: Path, how: str) -> Path:
    """Text that reads sideways on the page: the page has /Rotate 90 or 270 ("rotate90", "rotate270"),
    or the text itself is drawn turned by 90° on a portrait page ("turned")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(_font(), 12)
    if how.startswith("rotate"):
        c.setPageRotation(int(how[6:]))
        c.drawString(72, 760, "一、横向页面的文字")
        c.drawString(72, 730, "年初预算为100.00万元。")
    else:
        c.translate(100, 100)
        c.rotate(90)
        c.drawString(0, 0, "一、横向页面的文字")
        c.drawString(0, -30, "年初预算为100.00万元。")
    c.showPage()
    c.save()
    return path
