"""Rendering library: a form spec = dict(name, before=[paras], tables=[grid], between=[paras], after=[paras], sep)
grid cells: str; '<' merged with left; '^' merged with above."""
from decimal import Decimal as D, ROUND_HALF_UP
import re, docx, openpyxl
from docx.shared import Pt

def q(x, p=2):
    return D(x).quantize(D(1).scaleb(-p), rounding=ROUND_HALF_UP)

def fmt(x, p=2):
    return f"{q(x,p):.{p}f}"

def pad(n, *cells):
    cells = list(cells)
    return cells + ['<'] * (n - len(cells))

def regions(grid):
    """anchor (r,c) -> (r2,c2) inclusive."""
    out = {}
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v in ('<', '^'):
                continue
            c2 = c
            while c2 + 1 < len(row) and row[c2 + 1] == '<':
                c2 += 1
            r2 = r
            while r2 + 1 < len(grid) and c < len(grid[r2 + 1]) and grid[r2 + 1][c] == '^':
                r2 += 1
            out[(r, c)] = (r2, c2)
    return out

def txt_rows(grid, sep, fill=False):
    lines = []
    reg = regions(grid)
    filled = [[('' if v in ('<', '^') else v) for v in row] for row in grid]
    if fill:
        for (r, c), (r2, c2) in reg.items():
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    filled[rr][cc] = grid[r][c]
    for row in filled:
        lines.append(sep.join(row))
    return lines

def write_txt(spec, path):
    sep = spec.get('sep', '|')
    out = list(spec.get('before', []))
    for i, g in enumerate(spec['tables']):
        if i:
            out += spec.get('between', [''])
        out += txt_rows(g, sep, spec.get('txt_fill', False))
    out += spec.get('after', [])
    open(path, 'w', encoding='utf-8').write('\n'.join(out) + '\n')

def write_docx(spec, path):
    d = docx.Document()
    for p in spec.get('before', []):
        d.add_paragraph(p)
    for i, g in enumerate(spec['tables']):
        if i:
            for p in spec.get('between', ['']):
                d.add_paragraph(p)
        n = max(len(r) for r in g)
        t = d.add_table(rows=len(g), cols=n)
        t.style = 'Table Grid'
        for (r, c), (r2, c2) in regions(g).items():
            cell = t.cell(r, c)
            if (r2, c2) != (r, c):
                cell = cell.merge(t.cell(r2, c2))
            cell.text = g[r][c]
    for p in spec.get('after', []):
        d.add_paragraph(p)
    d.save(path)

NUM = re.compile(r'^-?\d+(\.(\d+))?$')
PCT = re.compile(r'^(\d+)(\.(\d+))?%$')

def write_xlsx(spec, path):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = spec.get('sheet', 'Sheet1')
    row = 1
    for p in spec.get('before', []):
        ws.cell(row, 1, p); row += 1
    for i, g in enumerate(spec['tables']):
        if i:
            for p in spec.get('between', ['']):
                if p:
                    ws.cell(row, 1, p)
                row += 1
        for (r, c), (r2, c2) in regions(g).items():
            v = g[r][c]
            cell = ws.cell(row + r, 1 + c)
            m = NUM.match(v); mp = PCT.match(v)
            if spec.get('xlsx_numbers', True) and m and v:
                dec = len(m.group(2) or '')
                cell.value = float(v) if dec else int(v)
                cell.number_format = '0.' + '0' * dec if dec else '0'
            elif spec.get('xlsx_numbers', True) and mp:
                dec = len(mp.group(3) or '')
                cell.value = float(D(v[:-1]) / 100)
                cell.number_format = ('0.' + '0' * dec if dec else '0') + '%'
            else:
                cell.value = v
                if v.startswith('='):
                    cell.data_type = 's'
            if (r2, c2) != (r, c):
                ws.merge_cells(start_row=row + r, start_column=1 + c, end_row=row + r2, end_column=1 + c2)
        row += len(g)
    for p in spec.get('after', []):
        ws.cell(row, 1, p); row += 1
    wb.save(path)

def write_all(spec, outdir):
    base = f"{outdir}/{spec['name']}"
    write_txt(spec, base + '.txt'); write_docx(spec, base + '.docx'); write_xlsx(spec, base + '.xlsx')

# ---------- arithmetic helpers ----------
OPS = {'≥': lambda a, t: a >= t, '≤': lambda a, t: a <= t, '=': lambda a, t: a == t, '＝': lambda a, t: a == t}

def score_ind(ind, prec=2):
    """ind: dict with op, t (Decimal or None for qualitative), a, w. Returns score Decimal and whether met."""
    w = D(ind['w'])
    if 's' in ind:
        return D(ind['s']), ind.get('met', True)
    if ind.get('t') is None:
        return w, True
    t, a, op = D(ind['t']), D(ind['a']), ind['op']
    if OPS[op](a, t):
        return w, True
    if op == '≥':
        ratio = a / t
    elif op == '≤':
        ratio = t / a
    else:
        ratio = min(a, t) / max(a, t)
    return q(w * ratio, prec), False
