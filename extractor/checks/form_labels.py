"""FM040–FM043: labels of 自评表 forms — groups under the wrong parent, indicators filed in the wrong
group, a year in the title that differs from the form's year, a deadline dated before the project."""

from __future__ import annotations

import re

from extractor.checks import Check, register
from extractor.checks.form_common import form_name, forms, row_ev
from extractor.extract import form_vocab as V
from extractor.extract.taxonomy import category_of
from extractor.model import Evidence


@register
class GroupParent(Check):
    """二级指标挂在了错误的一级指标下。

    何时触发：二级指标（生态效益指标、满意度指标……）出现在不属于它的一级指标之下（按 patterns/forms.yaml
    的 groups 表）。
    反例：“产出指标 … 生态效益指标 …”；“效益指标 … 服务对象满意度指标 …”。
    正例：“效益指标 / 生态效益指标”“满意度指标 / 服务对象满意度指标”。
    只报告其下读到指标行的二级指标（表格截断、只剩标签时不报告）；一级指标名不在框架词表中（错字、
    自拟名称）时不判断。
    已知局限：表格跨页重复一级指标名时，以最近出现的一级指标为准。
    """

    code = "FM040"
    name = "form.group_parent"
    kind = "label_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            for m in f.misplaced:
                rows = [r for r in f.indicators if r.level1 == m.under and r.level2 == m.level2]
                if not rows:
                    continue  # a group label with no indicator under it (a truncated table) files nothing
                figs = [v.text for r in rows for v in (r.target, r.actual) if v is not None]
                yield self.finding(f"{form_name(f)}二级指标“{m.level2}”列在一级指标“{m.under}”下，应属“{m.expected}”",
                                   values=[m.level2, m.under] + figs, expected=m.expected, actual=m.under,
                                   evidence=[Evidence(m.quote, "label", m.loc)] + [row_ev(r, "row") for r in rows[:3]])


@register
class MisfiledIndicator(Check):
    """指标名称表明它不属于所在的指标类别。

    何时触发：按财政部指标框架（patterns/taxonomy.yaml），指标名称所衡量的内容（名称末尾的“……率/
    ……度/……标准”，其次名称中的词）属于某一类（满意度、时效、质量、成本、预算执行、结转结余与调整、
    不良事件、经济效益、生态效益），而该指标列在框架明确不放这一类的二级（或一级）指标下。
    反例：“数量指标 / 服务对象满意度”；“经济效益指标 / 年末资金结余率”。
    正例：“服务对象满意度指标 / 服务对象满意度”；“成本指标 / 设备采购单价”。
    已知局限：只判断含义明确的几类；名称笼统（“提升”“改善”）的指标不判断；2020 与 2021 两版框架都
    允许的位置不报告；为 warning。
    """

    code = "FM041"
    name = "form.misfiled_indicator"
    kind = "label_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            for r in f.indicators:
                cat = category_of(r.name)
                if cat is None:
                    continue
                where = next((g for g in (r.level2, r.level1) if g), None)
                if where is None or where not in cat.misfiled_under:
                    continue
                vals = [v.text for v in (r.target, r.actual, r.weight, r.score) if v is not None]
                vals += [v.text for v in r.extra]
                yield self.finding(
                    f"{form_name(f)}指标“{r.name}”衡量的是{cat.name}，却列在“{where}”下（按财政部指标框架不属于该类）",
                    values=vals, expected=cat.name, actual=where, evidence=[row_ev(r, "label")])


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?[^，。；;,!！?？\n《》:：]{0,40}?(?:自评表|自评报告|自评结果)")


def document_title_years(doc) -> list[tuple[int, str, object]]:
    """(year, title, location) of the document's own title: a year before 自评表/自评报告 in its first
    paragraphs (a title line, or a file name quoted at the top of a web copy)."""
    out = []
    for p in list(doc.paragraphs())[:3]:
        m = _TITLE_YEAR.search(V.norm(p.text)[:200])
        if m:
            out.append((int(m.group(1)), m.group(0), p.location))
    return out


@register
class TitleYear(Check):
    """表名或文档标题中的年度与表内年度不一致。

    何时触发：自评表标题中的年份（“2022年度项目支出绩效自评表”）与表内“(20XX年度)”不同；或文档开头
    的标题（“××局2022年度部门整体绩效自评表”）与表内标题、年度不同。
    反例：标题“2021年度…自评表”，表内“(2022年度)”；文档标题“2022年度…自评表”，表头“2023年度…自评表”。
    正例：标题与表内均为 2022 年度。
    已知局限：标题与表内年度只出现一处时不核对；只看文档前三段中紧挨“自评表/自评报告”的年度。
    """

    code = "FM042"
    name = "form.title_year"
    kind = "label_mismatch"
    severity = "warning"

    def run(self, ctx):
        doc_titles = document_title_years(ctx.doc)
        for f in forms(ctx):
            if f.year is None:
                continue
            reported = False
            for y, text, loc in f.title_years:
                if y != f.year:
                    reported = True
                    yield self.finding(f"{form_name(f)}标题年份 {y} 年与表内年度 {f.year} 年不一致",
                                       values=[str(y), str(f.year)], expected=str(f.year), actual=str(y),
                                       evidence=[Evidence(text, "title", loc, str(y))])
            for y, text, loc in doc_titles:
                if y != f.year and not reported and loc != f.loc:
                    reported = True
                    yield self.finding(f"文档标题“{text[:40]}”为 {y} 年度，而{form_name(f)}为 {f.year} 年度",
                                       values=[str(y), str(f.year)], expected=str(f.year), actual=str(y),
                                       evidence=[Evidence(text, "title", loc, str(y)),
                                                 Evidence(f.title or str(f.year), "form_title", f.loc, str(f.year))])


_DATE = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?")


def _period(f, doc) -> tuple[int, str, object] | None:
    """(first year, text, location) of the form's 实施期 / 项目期: stated in the form, or stated once in
    the document (the header block often comes before the form is recognised)."""
    labels = "|".join(re.escape(w) for w in V.vocab()["period_labels"])
    rx = re.compile(rf"(?:{labels})[:：]?\s*((?:19|20)\d{{2}})\s*年[\d年月日\s\-—至~.]{{0,16}}")

    def scan(items):
        for text, loc in items:
            for m in rx.finditer(V.norm(text)):
                yield int(m.group(1)), m.group(0).rstrip("-—至~. "), loc

    cells = [(t.text, t.loc) for t in f.texts]
    pairs = [(a[0] + b[0], a[1]) for a, b in zip(cells, cells[1:])]  # | 实施期 | 2023年3月-11月 |
    own = list(scan(cells + pairs))
    if own:
        return own[0]
    lines = [(p.text, p.location) for p in doc.paragraphs()]
    for t in doc.tables():
        for row in t.rows():
            cells = [c for c in row if c.text.strip()]
            at = next((c for c in cells if any(w in V.norm(c.text) for w in V.vocab()["period_labels"])), None)
            if at is not None:
                lines.append(("".join(c.text for c in cells[cells.index(at):]), at.location))
    found = list(scan(lines))
    return found[0] if len({x[1] for x in found}) == 1 else None


@register
class DateBeforeYear(Check):
    """指标中的日期早于项目年度（或实施期）。

    何时触发：指标行名称或指标值中写有完整年份的日期（“2022年10月底前完成资金拨付”），而年份早于
    自评表的年度，也早于表中写明的实施期（“实施期2023年4月-2023年12月”）的起始年份——期限在项目
    开始之前，多为沿用上年的表格未改。
    反例：2023 年度的表中“2022年10月底前完成资金拨付”。
    正例：2023 年度的表中“2023年10月底前完成资金拨付”；跨年项目中“2024年6月前完成验收”。
    已知局限：只看写明四位年份的日期；表内没有年度时不核对。
    """

    code = "FM043"
    name = "form.date_before_year"
    kind = "label_mismatch"
    severity = "warning"

    def run(self, ctx):
        for f in forms(ctx):
            period = _period(f, ctx.doc)
            starts = [y for y in (f.year, period[0] if period else None) if y is not None]
            if not starts:
                continue
            first = min(starts)
            for r in f.indicators:
                for v in (r.name, r.target.text if r.target is not None else ""):
                    m = _DATE.search(V.norm(v))
                    if m is None or int(m.group(1)) >= first:
                        continue
                    evs = [row_ev(r, "dated")]
                    ref = f"表内年度 {f.year} 年" if f.year is not None else ""
                    if period:
                        ref += ("，" if ref else "") + f"“{period[1]}”"
                        evs.append(Evidence(period[1], "period", period[2]))
                    yield self.finding(
                        f"{form_name(f)}指标“{r.name}”中的日期“{m.group(0)}”早于项目年度（{ref}）",
                        values=[m.group(0)] + ([str(f.year)] if f.year else []) + ([period[1]] if period else []),
                        expected=f"≥{first}年", actual=m.group(0), evidence=evs)
                    break
