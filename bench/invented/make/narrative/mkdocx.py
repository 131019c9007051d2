"""Tiny helper: build a DOCX from a list of blocks: str = paragraph, ('h', level, text) heading, list of rows = table."""
import docx
from docx.shared import Pt

def build(path, blocks):
    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        elif isinstance(b, tuple) and b[0] == 'h':
            d.add_heading(b[2], level=b[1])
        else:
            rows = b
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = 'Table Grid'
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
    d.save(path)

def y(v):  # yuan format
    return f"{v:,.2f}"
