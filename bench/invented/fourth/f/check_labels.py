# -*- coding: utf-8 -*-
"""Verify every quote occurs in the document's extracted text and every value occurs in a quote or the document."""
import json, re, sys, glob, os
from decimal import Decimal, InvalidOperation

KINDS = {"target_vs_actual", "sum_mismatch", "rate_mismatch", "adjust_mismatch", "unit_text_vs_table",
         "claim_vs_indicator", "label_mismatch", "duplicate_item", "other"}

STRICT = []

def cellnorm(t):
    return re.sub(r'\s*\n\s*', '', (t or '')).strip()

def pdf_lines(path):
    import pdfplumber
    out = []; npages = 0
    with pdfplumber.open(path) as pdf:
        npages = len(pdf.pages)
        for pg in pdf.pages:
            out.append(pg.extract_text() or '')
            for tb in pg.extract_tables():
                for row in tb:
                    cells = [cellnorm(c) for c in row if c is not None]
                    out.append(' | '.join(cells))
                    STRICT.append(' | '.join((c or '').strip() for c in row if c is not None))
                    out.append(' | '.join(c for c in cells if c))
    return out, npages

def fmt_num(v, fmt):
    if isinstance(v, (int, float)):
        if fmt and '0.00' in fmt:
            s = f"{v:,.2f}" if '#,##' in fmt else f"{v:.2f}"
            return s + ('%' if '%' in fmt else '')
        if fmt == '0':
            return f"{v:.0f}"
        return str(v)
    return str(v)

def xlsx_lines(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            raw = [c.value for c in row if c.value is not None and str(c.value) != '']
            disp = [fmt_num(c.value, c.number_format) for c in row if c.value is not None and str(c.value) != '']
            out.append(' | '.join(str(x) for x in raw))
            out.append(' | '.join(disp))
    return out, 1

def docx_lines(path):
    import docx
    d = docx.Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            cells = [c.text.strip() for c in row.cells]
            out.append(' | '.join(cells))                       # raw (merged cells repeated)
            ded = []
            for c in cells:
                if not ded or ded[-1] != c: ded.append(c)
            out.append(' | '.join(ded))
            out.append(' | '.join(c for c in ded if c))
    return out, 1

def nums(s):
    res = set()
    for m in re.findall(r'\d[\d,]*\.?\d*', s):
        try: res.add(Decimal(m.replace(',', '').rstrip('.')).normalize())
        except InvalidOperation: pass
    return res

def vnorm(v):
    try: return Decimal(v.replace(',', '').replace('%', '')).normalize()
    except InvalidOperation: return None

def check(nn):
    STRICT.clear()
    docs = glob.glob(f'doc_{nn}.*')
    assert len(docs) == 1, docs
    path = docs[0]; ext = path.rsplit('.', 1)[1]
    lines, npages = {'pdf': pdf_lines, 'xlsx': xlsx_lines, 'docx': docx_lines}[ext](path)
    alltext = '\n'.join(lines)
    allnums = nums(alltext)
    errs = []
    for fname in (f'labels_{nn}.json', f'consistent_{nn}.json'):
        items = json.load(open(fname, encoding='utf-8'))
        for i, it in enumerate(items):
            if set(it) != {'kind', 'values', 'quote_a', 'quote_b', 'note'}: errs.append(f'{fname}[{i}] fields {set(it)}')
            if it['kind'] not in KINDS: errs.append(f'{fname}[{i}] kind {it["kind"]}')
            if not (1 <= len(it['values']) <= 4): errs.append(f'{fname}[{i}] #values')
            if fname.startswith('consistent') != it['note'].startswith('HOLDS:'): errs.append(f'{fname}[{i}] note prefix')
            qs = [it['quote_a']] + ([it['quote_b']] if it['quote_b'] else [])
            for q in qs:
                if not any(q in ln for ln in lines):
                    errs.append(f'{fname}[{i}] quote not found: {q!r}')
                elif ext == 'pdf' and not any(q in ln for ln in STRICT) and not any(q in ln for ln in lines if '|' not in ln):
                    print(f'  WRAP: {fname}[{i}] quote only matches after joining wrapped lines: {q[:40]!r}')
            qnums = set().union(*[nums(q) for q in qs])
            for v in it['values']:
                nv = vnorm(v)
                if nv is not None:
                    if nv not in qnums and nv not in allnums and v in it['note']:
                        print(f'  note: {fname}[{i}] value {v} is computed (named in note, not written)')
                    elif nv not in qnums and nv not in allnums:
                        errs.append(f'{fname}[{i}] value {v} not in quotes/doc')
                    elif nv not in qnums:
                        print(f'  note: {fname}[{i}] value {v} only elsewhere in doc')
                else:
                    if not any(v in q for q in qs) and v not in alltext:
                        errs.append(f'{fname}[{i}] text value {v!r} not found')
            if it['values'] and vnorm(it['values'][0]) is not None and vnorm(it['values'][0]) not in nums(it['quote_a']) and it['values'][0] not in it['quote_a']:
                print(f'  note: {fname}[{i}] first value {it["values"][0]} not in quote_a')
    return path, npages, errs

if __name__ == '__main__':
    ids = [int(x) for x in sys.argv[1:]] or sorted(int(re.findall(r'\d+', p)[0]) for p in glob.glob('labels_*.json'))
    bad = 0
    for nn in ids:
        path, npages, errs = check(nn)
        print(f'{path}: pages={npages} {"OK" if not errs else "FAIL"}')
        for e in errs: print('   ', e)
        bad += len(errs)
    print('ALL OK' if not bad else f'{bad} problems')
    sys.exit(1 if bad else 0)
