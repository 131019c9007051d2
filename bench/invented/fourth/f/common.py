from formlib import *

def sc(x):
    x = D(x)
    return N(x, '0') if x == x.to_integral_value() else N(x, '0.00')

def fen(x):
    return N(D(x), '0')

def prop(a, t, f):
    """score for a >= target missed: a/t*f, 2dp"""
    return r2(D(a) / D(t) * D(f))

def nv(x):
    """number as written, commas removed"""
    return str(x).replace(',', '').replace('%', '')

def add_inds(f, specs, merge=False):
    idx = []
    n = len(specs)
    for i, (l1, l2, tail) in enumerate(specs):
        cells = []
        if merge:
            if i == 0 or specs[i - 1][0] != l1:
                k = 1
                while i + k < n and specs[i + k][0] == l1: k += 1
                cells.append(C(l1, rs=k))
            if i == 0 or specs[i - 1][0] != l1 or specs[i - 1][1] != l2:
                k = 1
                while i + k < n and specs[i + k][0] == l1 and specs[i + k][1] == l2: k += 1
                cells.append(C(l2, rs=k))
        else:
            cells += [C(l1), C(l2)]
        idx.append(f.add(*cells, *tail))
    return idx

def std_ind(rows):
    """rows: (l1,l2,name,target,actual,fen,score,reason) -> specs for 8-col layout; also returns sums"""
    specs = []; sf = D(0); ss = D(0)
    for l1, l2, name, tg, ac, fv, sv, rs in rows:
        specs.append((l1, l2, [C(name), C(tg), C(ac), fen(fv), sc(sv), C(rs, align='l')]))
        sf += D(fv); ss += D(sv)
    return specs, sf, ss
