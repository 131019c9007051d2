"""Re-save an xlsx with numeric cells: plain numbers -> float with 0.00 format (matching shown decimals), 95.90% -> 0.959 with 0.00%."""
import sys, re, openpyxl
from decimal import Decimal as D
for src in sys.argv[1:]:
    wb = openpyxl.load_workbook(src)
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if not isinstance(v, str): continue
                s = v.replace(",", "")
                m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?", s)
                if m:
                    dec = len(m.group(2) or "")
                    c.value = float(s) if dec else int(s)
                    c.number_format = ("#,##0" if "," in v else "0") + ("." + "0" * dec if dec else "")
                    continue
                m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?%", s)
                if m:
                    dec = len(m.group(2) or "")
                    c.value = float(D(s[:-1]) / 100)
                    c.number_format = "0" + ("." + "0" * dec if dec else "") + "%"
    wb.save(src.replace(".xlsx", ".num.xlsx"))
