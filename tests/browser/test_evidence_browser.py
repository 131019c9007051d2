"""Evidence in place, checked in headless Chromium on the reports of the seed PDF and a constructed
自评表 PDF, made by the command line as a user would: every table finding shows its table with the
compared cells highlighted; every PDF finding shows a page crop whose drawn boxes lie over the compared
figures (box positions measured on screen, against the bboxes of the JSON output); `--no-images`
removes the page images. Writes only to its temporary folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "seed" / "000_14caaf9715f129c9.pdf"
FORM = ROOT / "samples" / "forms" / "errors_b.pdf"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import chromium_driver  # noqa: E402


def _run(args: list[str]) -> None:
    from typer.testing import CliRunner

    from extractor.cli import scan_app

    r = CliRunner().invoke(scan_app, args)
    assert r.exit_code in (0, 1), r.output


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence")
    inputs = [str(SEED), str(FORM)]
    _run(["--format", "json", "--check", "-q", "-o", str(out / "r.json"), *inputs])
    _run(["--format", "html", "-q", "-o", str(out / "r.html"), *inputs])
    _run(["--format", "html", "-q", "--no-images", "-o", str(out / "plain.html"), *inputs])
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    findings = {f["fingerprint"]: f for d in data["documents"] for f in d["findings"]}
    return out, findings


@pytest.fixture()
def browser(tmp_path):
    d = chromium_driver(tmp_path)
    yield d
    d.quit()


# page coordinates of every box drawn in a crop, measured on screen against the page image
BOXES_JS = """
var fig=arguments[0], out=[];
fig.querySelectorAll('svg.page-crop').forEach(function(svg){
  svg.scrollIntoView({block:'center'});
  var im=svg.querySelector('image'), ib=im.getBoundingClientRect();
  var pw=parseFloat(im.getAttribute('width')), ph=parseFloat(im.getAttribute('height'));
  svg.querySelectorAll('rect.box').forEach(function(r){
    var b=r.getBoundingClientRect();
    out.push({page:parseInt(svg.getAttribute('data-page')), family:r.getAttribute('data-family'),
      x0:(b.left-ib.left)*pw/ib.width, top:(b.top-ib.top)*ph/ib.height,
      x1:(b.right-ib.left)*pw/ib.width, bottom:(b.bottom-ib.top)*ph/ib.height});
  });
});
return out;
"""


def _covers(cell: dict, row: int, col: int) -> bool:
    r, c = cell["row"], cell["col"]
    return r <= row < r + cell["rowspan"] and c <= col < c + cell["colspan"]


def test_table_findings_show_their_table_with_compared_cells(made, browser):
    from selenium.webdriver.common.by import By

    out, findings = made
    browser.get((out / "r.html").as_uri())
    checked = 0
    for el in browser.find_elements(By.CSS_SELECTOR, ".finding"):
        f = findings[el.get_attribute("data-fingerprint")]
        cells = [e["location"] for e in f["evidence"]
                 if e["location"]["table"] and e["location"]["row"] and e["location"]["col"]]
        if not cells:
            continue
        tables = {t.get_attribute("data-table") for t in el.find_elements(By.CSS_SELECTOR, ".ev-table")}
        assert {str(c["table"]) for c in cells} <= tables, f["code"]
        marked = []
        for td in el.find_elements(By.CSS_SELECTOR, ".ev-table td.hl"):
            r, c = map(int, td.get_attribute("data-cell").split(","))
            marked.append({"row": r, "col": c, "rowspan": int(td.get_attribute("rowspan") or 1),
                           "colspan": int(td.get_attribute("colspan") or 1)})
            assert td.get_attribute("data-family") in ("addend", "total", "target", "actual", "score", "other")
        for loc in cells:
            assert any(_covers(m, loc["row"], loc["col"]) for m in marked), (f["code"], loc)
        checked += 1
    assert checked >= 10  # the form's findings are table findings
    # the expected value stands beside the stated one (FM010: 执行率 stated 80%, computed 86%)
    fm010 = browser.find_element(By.CSS_SELECTOR, '.finding[data-code="FM010"] td.hl .expect')
    assert "86%" in fm010.text


def test_pdf_findings_show_a_crop_with_boxes_over_the_figures(made, browser):
    from selenium.webdriver.common.by import By

    out, findings = made
    browser.get((out / "r.html").as_uri())
    checked = 0
    for el in browser.find_elements(By.CSS_SELECTOR, ".finding"):
        f = findings[el.get_attribute("data-fingerprint")]
        want = [e["location"] for e in f["evidence"] if e["location"].get("bbox")]
        if not want:
            continue
        drawn = browser.execute_script(BOXES_JS, el)
        assert drawn, f["code"]
        for loc in want:
            x0, top, x1, bottom = loc["bbox"]
            # drawn 1 pt outside the figure all round; allow for rounding to screen pixels
            assert any(d["page"] == loc["page"] and abs(d["x0"] - (x0 - 1)) < 1.5 and abs(d["x1"] - (x1 + 1)) < 1.5
                       and abs(d["top"] - (top - 1)) < 1.5 and abs(d["bottom"] - (bottom + 1)) < 1.5
                       for d in drawn), (f["code"], loc, drawn)
        # the page image was loaded (lazily, once in view) from the report itself
        hrefs = [im.get_attribute("href") for im in el.find_elements(By.CSS_SELECTOR, "svg.page-crop image")]
        assert hrefs and all(h and h.startswith("data:image/") for h in hrefs)
        checked += 1
    assert checked >= 15
    # the whole page opens from the crop's link, with its page number
    link = browser.find_element(By.CSS_SELECTOR, "figure.crop figcaption a")
    target = link.get_attribute("href").split("#", 1)[1]
    browser.execute_script("arguments[0].click()", link)
    full = browser.find_element(By.ID, target)
    assert full.is_displayed() and "第" in full.text
    assert full.find_element(By.CSS_SELECTOR, "image").get_attribute("href").startswith("data:image/")


def test_no_images_removes_them(made, browser):
    from selenium.webdriver.common.by import By

    out, _ = made
    html = (out / "plain.html").read_text(encoding="utf-8")
    assert "data:image/" not in html
    browser.get((out / "plain.html").as_uri())
    assert not browser.find_elements(By.CSS_SELECTOR, "svg.page-crop, .page-full, image")
    # narrative evidence falls back to the paragraph with its figures marked; tables stay
    assert browser.find_elements(By.CSS_SELECTOR, ".ev-para mark")
    assert browser.find_elements(By.CSS_SELECTOR, ".ev-table td.hl")
    assert "data:image/" in (out / "r.html").read_text(encoding="utf-8")
