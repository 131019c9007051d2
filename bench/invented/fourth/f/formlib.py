# -*- coding: utf-8 -*-
"""Tiny form model + renderers (PDF via reportlab, XLSX via openpyxl, DOCX via python-docx)."""
from decimal import Decimal as D, ROUND_HALF_UP
import json

def r2(x, q='0.01'):
    return D(x).quantize(D(q), rounding=ROUND_HALF_UP)

def money(x, sep=True):
    x = r2(x)
    return f"{x:,.2f}" if sep else f"{x:.2f}"

def pct(num, den):
    """rate in percent, 2 dp"""
    return r2(D(num) / D(den) * 100)

def grade(total):
    t = D(total)
    if t >= 90: return '优'
    if t >= 80: return '良'
    if t >= 60: return '中'
    return '差'

class C:
    def __init__(self, text='', cs=1, rs=1, num=None, fmt=None, bold=False, align='c'):
        self.text = str(text)
        self.cs, self.rs = cs, rs
        self.num, self.fmt = num, fmt
        self.bold, self.align = bold, align

def N(val, fmt='#,##0.00', text=None, **kw):
    """numeric cell: val Decimal; text = display used in PDF/DOCX"""
    val = D(val)
    if text is None:
        if fmt == '#,##0.00': text = f"{r2(val):,.2f}"
        elif fmt == '0.00': text = f"{r2(val):.2f}"
        elif fmt == '0': text = f"{val:.0f}"
        elif fmt == '0.00"%"': text = f"{r2(val):.2f}%"
        elif fmt == '0.0': text = f"{r2(val,'0.1'):.1f}"
        else: text = str(val)
    return C(text, num=val, fmt=fmt, **kw)

class Form:
    def __init__(self, ncols, widths, title, subtitle=None, pre=None, post=None,
                 landscape=False, fontsize=8.5, rowpad=2.2):
        self.ncols = ncols; self.widths = widths
        self.title = title; self.subtitle = subtitle
        self.pre = pre or []; self.post = post or []
        self.landscape = landscape; self.fontsize = fontsize; self.rowpad = rowpad
        self.rows = []        # list of list of (col, C)
        self._occ = {}        # (r,c) -> True covered
    def add(self, *cells):
        r = len(self.rows); placed = []; c = 0
        for cell in cells:
            while self._occ.get((r, c)): c += 1
            assert c < self.ncols, (r, c, [x.text for x in cells])
            placed.append((c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    self._occ[(r + dr, c + dc)] = True
            c += cell.cs
        while self._occ.get((r, c)): c += 1
        assert c == self.ncols, f"row {r} width {c} != {self.ncols}: {[x.text for x in cells]}"
        self.rows.append(placed)
        return r
    qend = None
    def irow(self, r, from_col=2):
        return self.rowtext(r, from_col, self.qend)
    def rowtext(self, r, from_col=0, to_col=None):
        parts = [cell.text for c, cell in self.rows[r] if c >= from_col and (to_col is None or c <= to_col)]
        while parts and not parts[-1].strip(): parts.pop()
        return ' | '.join(parts)

# ---------------------------------------------------------------- PDF
def to_pdf(form, path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle, Paragraph, Spacer
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    try: pdfmetrics.getFont('STSong-Light')
    except Exception: pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
    ps = landscape(A4) if form.landscape else A4
    doc = SimpleDocTemplate(path, pagesize=ps, leftMargin=36, rightMargin=36, topMargin=40, bottomMargin=40,
                            title=form.title, author='')
    fs = form.fontsize
    st_c = ParagraphStyle('c', fontName='STSong-Light', fontSize=fs, leading=fs * 1.3, alignment=TA_CENTER, wordWrap='CJK')
    st_l = ParagraphStyle('l', parent=st_c, alignment=TA_LEFT)
    st_t = ParagraphStyle('t', fontName='STSong-Light', fontSize=15, leading=20, alignment=TA_CENTER)
    st_s = ParagraphStyle('s', fontName='STSong-Light', fontSize=10.5, leading=15, alignment=TA_CENTER)
    st_p = ParagraphStyle('p', fontName='STSong-Light', fontSize=9.5, leading=14, alignment=TA_LEFT, wordWrap='CJK')
    st_pre = ParagraphStyle('pre', parent=st_p, fontSize=9.5)
    story = [Paragraph(form.title, st_t)]
    if form.subtitle: story.append(Paragraph(form.subtitle, st_s))
    story.append(Spacer(1, 6))
    for p in form.pre: story.append(Paragraph(p, st_pre))
    if form.pre: story.append(Spacer(1, 3))
    avail = ps[0] - 72
    tot = sum(form.widths); cw = [w * avail / tot for w in form.widths]
    data = [[''] * form.ncols for _ in form.rows]
    style = [('GRID', (0, 0), (-1, -1), 0.6, colors.black), ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
             ('TOPPADDING', (0, 0), (-1, -1), form.rowpad), ('BOTTOMPADDING', (0, 0), (-1, -1), form.rowpad),
             ('LEFTPADDING', (0, 0), (-1, -1), 2.5), ('RIGHTPADDING', (0, 0), (-1, -1), 2.5)]
    for r, row in enumerate(form.rows):
        for c, cell in row:
            txt = cell.text.replace('\u00b7', '\u30fb').replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            if cell.bold: txt = f'<b>{txt}</b>'
            data[r][c] = Paragraph(txt, st_l if cell.align == 'l' else st_c)
            if cell.cs > 1 or cell.rs > 1:
                style.append(('SPAN', (c, r), (c + cell.cs - 1, r + cell.rs - 1)))
    t = Table(data, colWidths=cw, repeatRows=0)
    t.setStyle(TableStyle(style))
    story.append(t)
    story.append(Spacer(1, 6))
    for p in form.post: story.append(Paragraph(p, st_p))
    doc.build(story)

# ---------------------------------------------------------------- XLSX
def to_xlsx(form, path, sheet='自评表'):
    from openpyxl import Workbook
    from openpyxl.styles import Font, Alignment, Border, Side
    from openpyxl.utils import get_column_letter
    wb = Workbook(); ws = wb.active; ws.title = sheet
    thin = Side(style='thin'); border = Border(left=thin, right=thin, top=thin, bottom=thin)
    f = Font(name='宋体', size=10); fb = Font(name='宋体', size=10, bold=True)
    n = form.ncols; row0 = 1
    ws.cell(row=1, column=1, value=form.title).font = Font(name='方正小标宋简体', size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal='center', vertical='center')
    ws.row_dimensions[1].height = 30
    row0 = 2
    if form.subtitle:
        ws.cell(row=row0, column=1, value=form.subtitle).font = f
        ws.merge_cells(start_row=row0, start_column=1, end_row=row0, end_column=n)
        ws.cell(row=row0, column=1).alignment = Alignment(horizontal='center')
        row0 += 1
    for p in form.pre:
        ws.cell(row=row0, column=1, value=p).font = f
        ws.merge_cells(start_row=row0, start_column=1, end_row=row0, end_column=n)
        row0 += 1
    base = row0
    for r, row in enumerate(form.rows):
        for c, cell in row:
            x = ws.cell(row=base + r, column=c + 1)
            if cell.num is not None:
                v = cell.num
                x.value = int(v) if (cell.fmt == '0' and v == v.to_integral_value()) else float(v)
                x.number_format = cell.fmt
            else:
                x.value = cell.text
            x.font = fb if cell.bold else f
            x.alignment = Alignment(horizontal='left' if cell.align == 'l' else 'center', vertical='center', wrap_text=True)
        for c in range(n):
            ws.cell(row=base + r, column=c + 1).border = border
    for r, row in enumerate(form.rows):
        for c, cell in row:
            if cell.cs > 1 or cell.rs > 1:
                ws.merge_cells(start_row=base + r, start_column=c + 1, end_row=base + r + cell.rs - 1, end_column=c + cell.cs)
    for r, row in enumerate(form.rows):
        for c, cell in row:
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    ws.cell(row=base + r + dr, column=c + dc + 1).border = border
    tot = sum(form.widths)
    cws = [max(6, w * 110 / tot) for w in form.widths]
    for i, w in enumerate(cws):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    for r, row in enumerate(form.rows):
        lines = 1
        for c, cell in row:
            if cell.rs > 1: continue
            width = sum(cws[c:c + cell.cs])
            lines = max(lines, -(-len(cell.text) * 2 // int(width)))
        ws.row_dimensions[base + r].height = 14 * lines + 4
    rr = base + len(form.rows) + 1
    for p in form.post:
        ws.cell(row=rr, column=1, value=p).font = f
        ws.cell(row=rr, column=1).alignment = Alignment(wrap_text=True, vertical='top')
        ws.merge_cells(start_row=rr, start_column=1, end_row=rr, end_column=n)
        ws.row_dimensions[rr].height = 15 * max(1, len(p) // 70 + 1)
        rr += 1
    ws.page_setup.orientation = 'landscape' if form.landscape else 'portrait'
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.save(path)

# ---------------------------------------------------------------- DOCX
def to_docx(form, path):
    from docx import Document
    from docx.shared import Pt, Cm
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    if form.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(1.8); sec.top_margin = sec.bottom_margin = Cm(2.0)
    stl = doc.styles['Normal']; stl.font.name = '宋体'; stl.font.size = Pt(9)
    stl.element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    def para(text, size=10.5, bold=False, center=False):
        p = doc.add_paragraph(); run = p.add_run(text); run.font.size = Pt(size); run.bold = bold
        run.font.name = '宋体'; run._element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
        if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p
    para(form.title, 16, True, True)
    if form.subtitle: para(form.subtitle, 11, False, True)
    for p in form.pre: para(p, 10)
    t = doc.add_table(rows=len(form.rows), cols=form.ncols)
    t.style = 'Table Grid'; t.alignment = WD_TABLE_ALIGNMENT.CENTER
    avail = (29.7 if form.landscape else 21.0) - 3.6
    tot = sum(form.widths)
    for i, w in enumerate(form.widths):
        for cell in t.columns[i].cells:
            cell.width = Cm(w * avail / tot)
    for r, row in enumerate(form.rows):
        for c, cell in row:
            x = t.cell(r, c)
            p = x.paragraphs[0]; run = p.add_run(cell.text); run.font.size = Pt(9); run.bold = cell.bold
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.align == 'l' else WD_ALIGN_PARAGRAPH.CENTER
            x.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r, row in enumerate(form.rows):
        for c, cell in row:
            if cell.cs > 1 or cell.rs > 1:
                t.cell(r, c).merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
    for p in form.post: para(p, 10)
    doc.save(path)

def save_labels(nn, labels, consistent, folder='.'):
    for name, L in (('labels', labels), ('consistent', consistent)):
        with open(f"{folder}/{name}_{nn}.json", 'w', encoding='utf-8') as fh:
            json.dump(L, fh, ensure_ascii=False, indent=1)

def L(kind, values, qa, qb='', note=''):
    return {"kind": kind, "values": [str(v) for v in values], "quote_a": qa, "quote_b": qb, "note": note}
