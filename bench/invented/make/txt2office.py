import sys; sys.path.insert(0, "/work/review")
from gen import *
def parse(path):
    blocks = []; cur = None
    for line in open(path, encoding="utf-8").read().split("\n"):
        if "|" in line or "\t" in line:
            cells = line.split("|") if "|" in line else line.split("\t")
            if cur is None: cur = []; blocks.append(("t", cur))
            cur.append(cells)
        else:
            cur = None
            if line.strip(): blocks.append(("p", line))
    for k, x in blocks:
        if k == "t":
            n = max(len(r) for r in x)
            for r in x: r.extend([""] * (n - len(r)))
    return blocks
if __name__ == "__main__":
    for p in sys.argv[1:]:
        b = parse(p)
        base = p[:-4]
        render_docx(base + ".docx", b); render_xlsx(base + ".xlsx", b)
