from gen_lib import *

def I(l1, l2, name, op, t, unit, a, w, note='', tt=None, at=None, nature=None, s=None, met=True):
    d = dict(l1=l1, l2=l2, name=name, op=op, t=None if t is None else D(str(t)), unit=unit,
             a=None if a is None else D(str(a)), w=D(str(w)), note=note, tt=tt, at=at, nature=nature)
    if s is not None:
        d['s'] = D(str(s)); d['met'] = met
    return d

def vals(ind, sep_unit=False, op_in_value=True):
    if ind['t'] is None:
        return ind['tt'], ind['at']
    u = '' if sep_unit else ind['unit']
    op = ind['op'] if op_in_value else ''
    return f"{op}{ind['t']}{u}", f"{ind['a']}{u}"

def fund_calc(funds, rate_prec=2):
    """funds: list of (label, 年初, 全年, 执行) strings ('' allowed for absent). Returns total tuple."""
    tot = []
    for k in (1, 2, 3):
        xs = [D(f[k]) for f in funds if f[k] not in ('', '—', '-')]
        if not xs:
            tot.append(''); continue
        p = max((len(f[k].split('.')[1]) if '.' in f[k] else 0) for f in funds if f[k] not in ('', '—', '-'))
        tot.append(f"{sum(xs):.{p}f}")
    return tot

def rate_of(b, c, p=2):
    return q(D(c) / D(b) * 100, p)

IND_LAYOUTS = {
    # header cells, function(ind) -> cells (without w,s,note)
    'std': (['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'], lambda i: list(vals(i))),
    'std2': (['一级指标', '二级指标', '三级指标', '年度指标值', '全年实际值'], lambda i: list(vals(i))),
    'exp': (['一级指标', '二级指标', '三级指标', '预期值', '实际值'], lambda i: list(vals(i))),
    'nature': (['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值'],
               lambda i: [i['nature'] or ('定性' if i['t'] is None else i['op']),
                          *(lambda v: [v[0], '' if i['t'] is None else i['unit'], v[1]])(vals(i, True, False))]),
    'unit_exp': (['一级指标', '二级指标', '三级指标', '计量单位', '预期值', '实际值'],
                 lambda i: ['' if i['t'] is None else i['unit'], *vals(i, True, True)]),
}
FUND_LAYOUTS = {
    'std': ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    'ab': ['全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
    'ab0': ['年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
    'adj': ['年初预算数', '调整后预算数', '执行数', '分值', '执行率', '得分'],
}

def build_project(name, year, title, head, funds, goal, goal_done, inds, *, ind_layout='std', fund_layout='std',
                  rate_prec=2, sc_prec=2, fund_w=10, title_in_table=False, l1_w=False, split=None, sep='|',
                  fill=False, before=(), after=(), between=('续表',), note_label='偏差原因分析及改进措施',
                  fund_label='项目资金（万元）', total_label='总分', zero_dash='—', exec_score=None, grade=None,
                  fund_note=None, extra_fund_note_col=False, xlsx_numbers=True, repeat_header=True,
                  total_extra='', ind_label='绩效指标', rate_fmt=None, head_rows=None, raw_labels=False, total_funds=None, post=None):
    ih, ifn = IND_LAYOUTS[ind_layout]
    ihead = ih + ['分值', '得分', note_label]
    n = 1 + len(ihead)
    fcols = FUND_LAYOUTS[fund_layout]
    lab_span = n - 1 - len(fcols) - (1 if extra_fund_note_col else 0)
    assert lab_span >= 1
    rows = []
    if title_in_table:
        rows.append(pad(n, title)); rows.append(pad(n, f'（{year}年度）'))
    half = n // 2
    if head_rows is not None:
        for hr in head_rows:
            rows.append(hr(n) if callable(hr) else pad(n, *hr))
    else:
        rows.append(pad(n, '项目名称', head[0]))
        rows.append(pad(half, '主管部门', head[1]) + pad(n - half, '实施单位', head[2]))
    # funds
    tot = total_funds or fund_calc(funds)
    b_idx = 1 if fund_layout in ('std', 'ab0', 'adj') else 0
    if fund_layout == 'ab':
        b, c = tot[1], tot[2]
    else:
        b, c = tot[1], tot[2]
    rate = rate_of(b, c, rate_prec)
    es = exec_score if exec_score is not None else min(q(rate * fund_w / 100, sc_prec), D(fund_w))
    rate_s = (rate_fmt or '{}%').format(f"{rate:.{rate_prec}f}")
    def frow(label, vals3, w, r, s):
        if fund_layout == 'ab':
            cells = [vals3[1], vals3[2], w, r, s]
        else:
            cells = [vals3[0], vals3[1], vals3[2], w, r, s]
        row = pad(lab_span, label) + cells
        if extra_fund_note_col:
            row.append('')
        return row
    hdr = pad(lab_span, '') + list(fcols) + (['说明'] if extra_fund_note_col else [])
    rows.append([fund_label] + hdr)
    rows.append(['^'] + frow('年度资金总额', tot, str(fund_w), rate_s, f"{es:.{sc_prec}f}"))
    for k, f in enumerate(funds):
        lab = f[0] if raw_labels else ('其中：' if k == 0 else '') + f[0]
        v3 = [x if x not in ('',) else zero_dash for x in f[1:]]
        rows.append(['^'] + frow(lab, v3, zero_dash, zero_dash, zero_dash))
    if extra_fund_note_col and fund_note:
        rows[-len(funds) - 1][-1] = fund_note
        # merge note column down
        for r in rows[-len(funds):]:
            r[-1] = '^'
    gh = n // 2
    rows.append(pad(gh, '年度总体目标', '预期目标') + pad(n - gh, '实际完成情况'))
    rows.append(pad(gh, '^', goal) + pad(n - gh, goal_done))
    # indicators
    tables = []
    ind_rows_start = len(rows)
    rows.append([ind_label] + ihead)
    l1w = {}
    for i in inds:
        l1w[i['l1']] = l1w.get(i['l1'], D(0)) + i['w']
    total_s = es
    prev = (None, None)
    parts = [rows]
    cur = rows
    for k, i in enumerate(inds):
        if split is not None and k == split:
            cur = []
            parts.append(cur)
            if repeat_header:
                cur.append([ind_label] + ihead)
            prev = (None, None)
        s, met = score_ind(i, sc_prec)
        if not met:
            assert i['note'], (name, i['name'])
        total_s += s
        l1 = i['l1'] + (f"（{l1w[i['l1']]}分）" if l1_w else '')
        c1 = '^' if (prev[0] == i['l1']) else l1
        c2 = '^' if (prev[0] == i['l1'] and prev[1] == i['l2']) else i['l2']
        prev = (i['l1'], i['l2'])
        c0 = ind_label if (split is not None and k == split and not repeat_header) else '^'
        cur.append([c0, c1, c2, i['name']] + ifn(i) + [str(i['w']), f"{s:.{sc_prec}f}", i['note']])
    total_w = sum(i['w'] for i in inds) + fund_w
    assert total_w == 100, (name, total_w)
    wcol = n - 3
    tot_row = pad(wcol, total_label) + ['100', f"{total_s:.{sc_prec}f}", total_extra or (grade or '')]
    cur.append(tot_row)
    before = list(before)
    if not title_in_table:
        before = [title, f'（{year}年度）'] + before
    spec = dict(name=name, before=before, tables=parts, between=list(between), after=list(after), sep=sep,
                txt_fill=fill, xlsx_numbers=xlsx_numbers, _total=total_s, _rate=rate)
    if post:
        post(spec)
    return spec


def build_eval(name, year, title, head, items, *, before=(), after=(), sep='|', l1_w=True, cols='std', sc_prec=1,
               between=('续表',), split=None):
    """决策/过程/产出/效益 evaluation score table. items: (l1, l2, l3, w, 指标解释, 评分标准, s, 扣分原因)."""
    hdr = ['一级指标', '二级指标', '三级指标', '分值', '指标解释', '评分标准', '得分', '扣分原因']
    n = len(hdr)
    rows = [pad(n, '项目名称', head[0]), pad(4, '主管部门', head[1]) + pad(4, '实施单位', head[2]), hdr]
    l1w = {}
    for it in items:
        l1w[it[0]] = l1w.get(it[0], D(0)) + D(str(it[3]))
    assert sum(l1w.values()) == 100, (name, l1w)
    prev = (None, None)
    parts = [rows]; cur = rows
    tot = D(0)
    for k, it in enumerate(items):
        if split is not None and k == split:
            cur = [list(hdr)]; parts.append(cur); prev = (None, None)
        l1, l2, l3, w, expl, std, sc, why = it
        assert D(str(sc)) <= D(str(w))
        if D(str(sc)) < D(str(w)):
            assert why, it
        tot += D(str(sc))
        c1 = '^' if prev[0] == l1 else (f"{l1}（{l1w[l1]}分）" if l1_w else l1)
        c2 = '^' if prev == (l1, l2) else l2
        prev = (l1, l2)
        cur.append([c1, c2, l3, str(w), expl, std, f"{D(str(sc)):.{sc_prec}f}", why])
    cur.append(pad(3, '合计') + ['100', '', '', f"{tot:.{sc_prec}f}", ''])
    return dict(name=name, before=[title, f'（{year}年度）'] + list(before), tables=parts, between=list(between),
                after=list(after), sep=sep, _total=tot)
