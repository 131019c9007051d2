# -*- coding: utf-8 -*-
import sys
from formlib import to_pdf, to_xlsx, to_docx, save_labels
import docs_a
DOCS = dict(docs_a.DOCS)
try:
    import docs_b; DOCS.update(docs_b.DOCS)
except ImportError:
    pass
only = [int(x) for x in sys.argv[1:]]
for nn, (fn, ext) in sorted(DOCS.items()):
    if only and nn not in only: continue
    form, labels, cons = fn()
    path = f'doc_{nn}.{ext}'
    {'pdf': to_pdf, 'xlsx': to_xlsx, 'docx': to_docx}[ext](form, path)
    save_labels(nn, labels, cons)
    print(nn, path, len(labels), len(cons))
