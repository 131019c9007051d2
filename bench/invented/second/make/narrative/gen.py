import random, json, sys
from decimal import Decimal as D
from lib import *
import docx
from docx.shared import Pt

SECTOR = {
 "edu": dict(cls=("205", "教育支出"), kuan=[("20501", "教育管理事务", [("2050101", "行政运行"), ("2050199", "其他教育管理事务支出")]),
                                       ("20502", "普通教育", [("2050202", "小学教育"), ("2050203", "初中教育")])],
             proj=["义务教育薄弱环节改善经费", "学生资助补助经费", "教师培训经费", "校园安全管理经费"],
             duty="贯彻执行国家教育方针政策，统筹管理全区域各级各类教育事业，负责教师队伍建设、学生资助、教育督导等工作。"),
 "health": dict(cls=("210", "卫生健康支出"), kuan=[("21001", "卫生健康管理事务", [("2100101", "行政运行"), ("2100199", "其他卫生健康管理事务支出")]),
                                            ("21004", "公共卫生", [("2100408", "基本公共卫生服务"), ("2100409", "重大公共卫生服务")])],
             proj=["基本公共卫生服务项目经费", "家庭医生签约服务经费", "卫生监督执法经费", "疾病预防控制经费"],
             duty="组织拟订卫生健康事业发展规划，协调推进医药卫生体制改革，负责疾病预防控制、基层卫生、妇幼健康和卫生监督等工作。"),
 "police": dict(cls=("204", "公共安全支出"), kuan=[("20402", "公安", [("2040201", "行政运行"), ("2040219", "信息化建设"), ("2040220", "执法办案")])],
             proj=["执法办案经费", "视频监控系统运维经费", "交通安全管理经费", "辅警经费"],
             duty="负责辖区治安管理、刑事侦查、交通管理、出入境和户籍管理等公安工作，维护社会稳定。"),
 "agri": dict(cls=("213", "农林水支出"), kuan=[("21301", "农业农村", [("2130101", "行政运行"), ("2130122", "农业生产发展"), ("2130126", "农村社会事业")])],
             proj=["高标准农田建设管护经费", "高素质农民培训经费", "动物防疫经费", "农产品质量安全监测经费"],
             duty="统筹研究和组织实施“三农”工作，负责种植业、畜牧业、农田建设、农产品质量安全监管和农村改革等工作。"),
 "land": dict(cls=("220", "自然资源海洋气象等支出"), kuan=[("22001", "自然资源事务", [("2200101", "行政运行"), ("2200106", "自然资源利用与保护"), ("2200109", "自然资源调查与确权登记")])],
             proj=["国土空间规划编制经费", "不动产登记经费", "地质灾害防治经费", "耕地保护监测经费"],
             duty="履行全民所有土地、矿产等自然资源资产所有者职责，负责国土空间规划、不动产登记、耕地保护和地质灾害防治等工作。"),
 "housing": dict(cls=("212", "城乡社区支出"), kuan=[("21201", "城乡社区管理事务", [("2120101", "行政运行"), ("2120104", "城管执法")]),
                                             ("21203", "城乡社区公共设施", [("2120303", "小城镇基础设施建设")])],
             proj=["老旧小区改造前期经费", "建筑市场监管经费", "城市排水设施维护经费", "房屋安全鉴定经费"],
             duty="负责住房和城乡建设管理，承担建筑市场监管、房地产市场监管、城市建设和老旧小区改造等工作。"),
 "hr": dict(cls=("208", "社会保障和就业支出"), kuan=[("20801", "人力资源和社会保障管理事务", [("2080101", "行政运行"), ("2080109", "社会保险经办机构"), ("2080112", "劳动人事争议调解仲裁")])],
             proj=["职业技能培训补贴", "就业创业服务经费", "劳动保障监察经费", "人事考试经费"],
             duty="负责就业创业、社会保险、人才人事、劳动关系和劳动保障监察等工作。"),
 "medins": dict(cls=("210", "卫生健康支出"), kuan=[("21015", "医疗保障管理事务", [("2101501", "行政运行"), ("2101504", "信息化建设"), ("2101506", "医疗保障经办事务")])],
             proj=["医保基金监管经费", "医保信息化运维经费", "医保经办服务经费", "异地就医结算经费"],
             duty="贯彻落实医疗保障政策，负责医保基金监管、医疗服务价格和药品招采管理、医保经办服务等工作。"),
 "archive": dict(cls=("201", "一般公共服务支出"), kuan=[("20126", "档案事务", [("2012601", "行政运行"), ("2012604", "档案馆")])],
             proj=["档案数字化经费", "档案征集经费", "档案库房安全运维经费"],
             duty="负责收集、整理、保管和提供利用本级各类档案资料，开展档案数字化、档案编研和档案安全管理工作。"),
 "women": dict(cls=("201", "一般公共服务支出"), kuan=[("20129", "群众团体事务", [("2012901", "行政运行"), ("2012999", "其他群众团体事务支出")])],
             proj=["妇女儿童维权经费", "巾帼创业培训经费", "家庭家教家风建设经费"],
             duty="团结引导各族各界妇女，代表和维护妇女儿童合法权益，开展妇女创业就业服务和家庭家教家风建设。"),
 "cppcc": dict(cls=("201", "一般公共服务支出"), kuan=[("20102", "政协事务", [("2010201", "行政运行"), ("2010204", "政协会议"), ("2010205", "委员视察")])],
             proj=["政协全体会议经费", "委员视察调研经费", "文史资料编纂经费"],
             duty="组织政协委员围绕中心工作开展政治协商、民主监督、参政议政，承办政协全体会议和常委会议。"),
 "town": dict(cls=("201", "一般公共服务支出"), kuan=[("20103", "政府办公厅（室）及相关机构事务", [("2010301", "行政运行"), ("2010350", "事业运行")])],
             proj=["村级组织运转经费", "人居环境整治经费", "综治维稳经费", "农村道路养护经费"],
             duty="负责辖区经济社会发展、社会事务管理、农村人居环境整治、基层治理和公共服务等工作。"),
}

INDIC = {
 "edu": [("产出指标", "数量指标", "义务教育学校薄弱环节改造", "所", ">=", 12, 12), ("产出指标", "数量指标", "资助家庭经济困难学生", "人次", ">=", 8000, 8642),
         ("产出指标", "质量指标", "义务教育巩固率", "%", ">=", 98, 99.3), ("产出指标", "时效指标", "资助资金发放及时率", "%", "=", 100, 100),
         ("效益指标", "社会效益指标", "适龄儿童入学率", "%", ">=", 99.5, 100), ("满意度指标", "服务对象满意度指标", "学生家长满意度", "%", ">=", 90, 95.6)],
 "health": [("产出指标", "数量指标", "家庭医生签约人数", "万人", ">=", 18, 19.36), ("产出指标", "数量指标", "开展卫生监督检查", "户次", ">=", 1500, 1732),
            ("产出指标", "质量指标", "适龄儿童免疫规划疫苗接种率", "%", ">=", 95, 98.2), ("效益指标", "社会效益指标", "孕产妇死亡率", "/10万", "<=", 12, 9.8),
            ("满意度指标", "服务对象满意度指标", "群众就医满意度", "%", ">=", 85, 91.4)],
 "police": [("产出指标", "数量指标", "开展道路交通安全宣传", "场次", ">=", 200, 236), ("产出指标", "数量指标", "新建视频监控点位", "个", ">=", 300, 318),
            ("产出指标", "质量指标", "刑事案件破案率", "%", ">=", 60, 68.5), ("效益指标", "社会效益指标", "道路交通事故死亡人数同比下降", "%", ">=", 3, 5.2),
            ("效益指标", "社会效益指标", "电信网络诈骗发案数", "起", "<=", 900, 812), ("满意度指标", "服务对象满意度指标", "群众安全感满意度", "%", ">=", 95, 97.8)],
 "agri": [("产出指标", "数量指标", "高素质农民培训", "人", ">=", 500, 536), ("产出指标", "数量指标", "高标准农田管护面积", "万亩", ">=", 3.5, 3.62),
          ("产出指标", "质量指标", "农产品质量安全抽检合格率", "%", ">=", 98, 99.1), ("产出指标", "成本指标", "动物防疫疫苗采购成本", "万元", "<=", 85, 83.6),
          ("效益指标", "经济效益指标", "粮食总产量", "万吨", ">=", 28, 28.9), ("满意度指标", "服务对象满意度指标", "农户满意度", "%", ">=", 90, 93)],
 "land": [("产出指标", "数量指标", "办理不动产登记业务", "件", ">=", 45000, 51260), ("产出指标", "数量指标", "地质灾害隐患点巡查", "处次", ">=", 600, 648),
          ("产出指标", "质量指标", "耕地保有量", "万亩", ">=", 126.5, 127.08), ("产出指标", "时效指标", "不动产登记办理时限", "个工作日", "<=", 5, 3),
          ("效益指标", "社会效益指标", "地质灾害造成人员伤亡", "人", "<=", 0, 0), ("满意度指标", "服务对象满意度指标", "办事群众满意度", "%", ">=", 95, 98.7)],
 "housing": [("产出指标", "数量指标", "老旧小区改造", "个", ">=", 24, 26), ("产出指标", "数量指标", "建筑工地安全检查", "次", ">=", 400, 455),
             ("产出指标", "质量指标", "改造工程竣工验收合格率", "%", "=", 100, 100), ("产出指标", "时效指标", "房屋安全鉴定报告出具时限", "个工作日", "<=", 10, 7),
             ("效益指标", "社会效益指标", "受益居民户数", "户", ">=", 6000, 6381), ("满意度指标", "服务对象满意度指标", "小区居民满意度", "%", ">=", 90, 94.2)],
 "hr": [("产出指标", "数量指标", "城镇新增就业", "人", ">=", 12000, 13568), ("产出指标", "数量指标", "补贴性职业技能培训", "人次", ">=", 5000, 5316),
        ("产出指标", "质量指标", "劳动人事争议仲裁结案率", "%", ">=", 90, 96.4), ("效益指标", "社会效益指标", "城镇登记失业率", "%", "<=", 3.5, 2.9),
        ("满意度指标", "服务对象满意度指标", "参训人员满意度", "%", ">=", 90, 95)],
 "medins": [("产出指标", "数量指标", "定点医药机构现场检查覆盖率", "%", "=", 100, 100), ("产出指标", "数量指标", "追回医保基金", "万元", ">=", 500, 732.6),
            ("产出指标", "质量指标", "基本医疗保险参保率", "%", ">=", 95, 96.8), ("产出指标", "时效指标", "异地就医备案办理时限", "个工作日", "<=", 3, 1),
            ("效益指标", "社会效益指标", "住院费用政策范围内报销比例", "%", ">=", 70, 71.5), ("满意度指标", "服务对象满意度指标", "参保群众满意度", "%", ">=", 90, 92.3)],
 "archive": [("产出指标", "数量指标", "档案数字化扫描", "万页", ">=", 120, 136.5), ("产出指标", "数量指标", "接收进馆档案", "卷", ">=", 8000, 8215),
             ("产出指标", "质量指标", "数字化成果质检合格率", "%", ">=", 99, 99.6), ("效益指标", "社会效益指标", "提供档案查阅利用", "人次", ">=", 3000, 3472),
             ("满意度指标", "服务对象满意度指标", "查档群众满意度", "%", ">=", 95, 98)],
 "women": [("产出指标", "数量指标", "举办巾帼创业就业培训", "期", ">=", 10, 12), ("产出指标", "数量指标", "培训妇女", "人次", ">=", 800, 965),
           ("产出指标", "数量指标", "评选最美家庭", "户", ">=", 50, 56), ("效益指标", "社会效益指标", "妇女儿童维权信访办结率", "%", "=", 100, 100),
           ("满意度指标", "服务对象满意度指标", "参训妇女满意度", "%", ">=", 90, 96.5)],
 "cppcc": [("产出指标", "数量指标", "召开全体会议和常委会议", "次", ">=", 5, 6), ("产出指标", "数量指标", "开展委员视察调研", "次", ">=", 12, 15),
           ("产出指标", "数量指标", "提案立案", "件", ">=", 200, 231), ("产出指标", "质量指标", "提案办复率", "%", "=", 100, 100),
           ("效益指标", "社会效益指标", "委员履职参与率", "%", ">=", 90, 94), ("满意度指标", "服务对象满意度指标", "提案者对办理工作满意度", "%", ">=", 95, 97.3)],
 "town": [("产出指标", "数量指标", "农村道路养护", "公里", ">=", 45, 48.6), ("产出指标", "数量指标", "村庄清洁行动", "次", ">=", 24, 30),
          ("产出指标", "质量指标", "农村生活垃圾无害化处理率", "%", ">=", 95, 97), ("产出指标", "成本指标", "村级组织运转经费", "万元/村", "<=", 15, 15),
          ("效益指标", "社会效益指标", "信访事项按期办结率", "%", ">=", 98, 100), ("满意度指标", "服务对象满意度指标", "群众满意度", "%", ">=", 90, 92.8)],
}


def fmt_num(v):
    v = D(str(v))
    s = f"{v:f}"
    return s


def make_budget(rng, scale):
    """scale: rough size in 万元 of total expenditure"""
    b = {}
    P = amt(rng, scale * 0.35, scale * 0.5)
    G = amt(rng, scale * 0.06, scale * 0.1)
    b["人员经费"], b["公用经费"] = P, G
    b["基本支出"] = P + G
    return b


def build(spec):
    rng = random.Random(spec["seed"])
    UNIT[0] = D("0.01") if spec.get("tmoney", "wan").startswith("yuan") else D("100")
    sec = SECTOR[spec["sector"]]
    unit = spec["unit"]
    yr = spec.get("year", 2023)
    scale = spec["scale"]
    money = spec.get("money", "wan")
    styles = spec.get("style", {})

    def M(x, dp=2):  # money in text
        if money == "wan":
            return wan(x, dp) + "万元"
        if money == "yuan":
            return yuan(x) + "元"
        if money == "yi":
            return yi(x) + "亿元" if x >= D(10 ** 8) else wan(x) + "万元"

    # --- budget construction
    P = amt(rng, scale * 0.35, scale * 0.5)
    G = amt(rng, scale * 0.06, scale * 0.1)
    B = P + G
    projs = []
    for name in sec["proj"]:
        init = amt(rng, scale * 0.05, scale * 0.15)
        adj = amt(rng, -scale * 0.01, scale * 0.04)
        after = init + adj
        ex = after if rng.random() < 0.5 else after - amt(rng, 0, scale * 0.006)
        projs.append(dict(name=name, init=init, adj=adj, after=after, ex=ex))
    Pinit = sum(p["init"] for p in projs); Padj = sum(p["adj"] for p in projs)
    Pafter = sum(p["after"] for p in projs); Pex = sum(p["ex"] for p in projs)
    # basic: budget initial slightly differs, adjusted = exec
    Binit = B - amt(rng, 0, scale * 0.02); Badj = B - Binit
    init_total = Binit + Pinit; adj_total = Badj + Padj; after_total = B + Pafter; ex_total = B + Pex
    check("调整后=年初+调整", [init_total, adj_total], after_total)
    check("执行=基本+项目", [B, Pex], ex_total)
    # income: after_total = 本年收入 + 上年结转
    carry_in = amt(rng, scale * 0.01, scale * 0.05)
    inc_year = after_total - carry_in
    other = amt(rng, 0, scale * 0.02) if spec.get("other_income", True) else D(0)
    biz = amt(rng, scale * 0.02, scale * 0.06) if spec.get("biz_income") else D(0)
    fin = inc_year - other - biz
    inc_total = inc_year + carry_in
    carry_out = inc_total - ex_total
    check("收入总计", [inc_year, carry_in], inc_total)
    check("支出总计", [ex_total, carry_out], inc_total)
    prev_inc = inc_year * D(rng.choice(["0.92", "1.07", "0.97", "1.12", "0.88"]))
    prev_inc = r100(prev_inc)
    prev_ex = r100(ex_total * D(rng.choice(["0.95", "1.04", "0.9", "1.09"])))

    # functional classification: ex_total split
    # social classes from basic
    pension = r100(P * D("0.16")); annuity = r100(P * D("0.04"))
    medic = r100(P * D("0.07")); fund = r100(P * D("0.1"))
    main_basic = B - pension - annuity - medic - fund
    # main class: kuan/xiang split of main_basic & Pex
    xiangs = [x for k in sec["kuan"] for x in k[2]]
    nb = len(xiangs)
    basic_parts = [main_basic] + [D(0)] * (nb - 1)
    proj_parts = [D(0)] + split(Pex, nb - 1, rng, UNIT[0]) if nb > 1 else [Pex]
    if nb == 1:
        basic_parts = [main_basic]; proj_parts = [Pex]
    func_rows = []  # (code, name, basic, proj, level)
    i = 0
    cls_b = main_basic; cls_p = Pex
    func_rows.append((sec["cls"][0], sec["cls"][1], cls_b, cls_p, 1))
    for kcode, kname, xs in sec["kuan"]:
        kb = sum(basic_parts[i:i + len(xs)]); kp = sum(proj_parts[i:i + len(xs)])
        func_rows.append((kcode, kname, kb, kp, 2))
        for xcode, xname in xs:
            func_rows.append((xcode, xname, basic_parts[i], proj_parts[i], 3)); i += 1
    if sec["cls"][0] != "208":
        func_rows += [("208", "社会保障和就业支出", pension + annuity, D(0), 1), ("20805", "行政事业单位养老支出", pension + annuity, D(0), 2),
                      ("2080505", "机关事业单位基本养老保险缴费支出", pension, D(0), 3), ("2080506", "机关事业单位职业年金缴费支出", annuity, D(0), 3)]
    else:
        # fold into 208 class: add a kuan
        r0 = func_rows[0]; func_rows[0] = (r0[0], r0[1], r0[2] + pension + annuity, r0[3], 1)
        func_rows += [("20805", "行政事业单位养老支出", pension + annuity, D(0), 2),
                      ("2080505", "机关事业单位基本养老保险缴费支出", pension, D(0), 3), ("2080506", "机关事业单位职业年金缴费支出", annuity, D(0), 3)]
    if sec["cls"][0] != "210":
        func_rows += [("210", "卫生健康支出", medic, D(0), 1), ("21011", "行政事业单位医疗", medic, D(0), 2), ("2101101", "行政单位医疗", medic, D(0), 3)]
    else:
        r0 = func_rows[0]; func_rows[0] = (r0[0], r0[1], r0[2] + medic, r0[3], 1)
        func_rows += [("21011", "行政事业单位医疗", medic, D(0), 2), ("2101101", "行政单位医疗", medic, D(0), 3)]
    func_rows += [("221", "住房保障支出", fund, D(0), 1), ("22102", "住房改革支出", fund, D(0), 2), ("2210201", "住房公积金", fund, D(0), 3)]
    check("功能分类合计", [r[2] + r[3] for r in func_rows if r[4] == 1], ex_total)
    classes = [(r[0], r[1], r[2] + r[3]) for r in func_rows if r[4] == 1]

    # 三公
    sg_trav_b = D(0) if rng.random() < 0.7 else amt(rng, 3, 6)
    sg_trav = sg_trav_b if sg_trav_b == 0 else sg_trav_b - amt(rng, 0, 1)
    sg_rec_b = amt(rng, 1, 5); sg_rec = sg_rec_b - amt(rng, 0.1, 0.8)
    sg_buy_b = D(0) if rng.random() < 0.6 else amt(rng, 15, 25)
    sg_buy = sg_buy_b
    sg_run_b = amt(rng, 4, 12); sg_run = sg_run_b - amt(rng, 0.1, 1.5)
    sg_car = sg_buy + sg_run; sg_car_b = sg_buy_b + sg_run_b
    sg = sg_trav + sg_rec + sg_car; sg_b = sg_trav_b + sg_rec_b + sg_car_b
    sg_prev = sg + amt(rng, 0.5, 3)
    # procurement
    pr_goods = amt(rng, scale * 0.02, scale * 0.06); pr_work = amt(rng, 0, scale * 0.05); pr_serv = amt(rng, scale * 0.02, scale * 0.08)
    pr = pr_goods + pr_work + pr_serv; pr_sme = r100(pr * D(rng.choice(["0.82", "0.9", "0.76", "1"])))
    # assets
    cars = [rng.randint(1, 4), rng.randint(0, 6), rng.randint(0, 2)]
    fa = amt(rng, scale * 0.3, scale * 1.5); ca = amt(rng, scale * 0.05, scale * 0.3); ia = amt(rng, 0, scale * 0.05)
    assets = fa + ca + ia
    staff_admin = rng.randint(8, 60); staff_inst = rng.randint(0, 40); staff = staff_admin + staff_inst
    quota = staff + rng.randint(0, 6); retired = rng.randint(3, 40)
    inner = rng.randint(4, 14); subs = rng.randint(0, 5)

    V = dict(locals())
    return V


# ---------------------------------------------------------------- text assembly
def num_head(style, lvl, i, title):
    if style == "std":
        return {1: f"{'一二三四五六七八九十'[i]}、{title}", 2: f"（{'一二三四五六七八九十'[i]}）{title}", 3: f"{i+1}.{title}", 4: f"（{i+1}）{title}"}[lvl]
    if style == "part":
        return {1: f"第{'一二三四五六七八九十'[i]}部分 {title}", 2: f"{'一二三四五六七八九十'[i]}、{title}", 3: f"（{'一二三四五六七八九十'[i]}）{title}", 4: f"{i+1}.{title}"}[lvl]
    if style == "arabic":
        return {1: f"{i+1}. {title}", 2: f"{i+1}.{title}", 3: f"（{i+1}）{title}", 4: f"{'①②③④⑤⑥⑦⑧'[i]}{title}"}[lvl]


def ind_target(ind, variant=0):
    lv1, lv2, name, u, op, t, a = ind
    t = fmt_num(t)
    if op == ">=":
        return [f"{name}≥{t}{u}", f"{name}不少于{t}{u}", f"{name}{t}{u}以上", f"{name}不低于{t}{u}"][variant % 4]
    if op == "<=":
        return [f"{name}≤{t}{u}", f"{name}控制在{t}{u}以内", f"{name}不超过{t}{u}", f"{name}≤{t}{u}"][variant % 4]
    return f"{name}{t}{u}" if variant % 2 else f"{name}达到{t}{u}"


def ind_actual(ind, variant=0, rate=True):
    lv1, lv2, name, u, op, t, a = ind
    ts, as_ = fmt_num(t), fmt_num(a)
    r = ""
    if op == ">=" and u != "%" and rate and D(str(t)) > 0:
        r = f"，完成年度目标的{pct(D(str(a)), D(str(t)), 1)}%"
    if op == "<=":
        return [f"{name}目标值为不超过{ts}{u}，实际为{as_}{u}，控制在目标范围内",
                f"{name}实际{as_}{u}，低于{ts}{u}的控制目标",
                f"年度目标{name}≤{ts}{u}，实际完成值{as_}{u}"][variant % 3]
    return [f"{name}计划{ts}{u}，实际完成{as_}{u}{r}",
            f"年度目标{name}{ts}{u}，实际完成值{as_}{u}{r}",
            f"全年{name}{as_}{u}（目标值{ts}{u}）{r}"][variant % 3]


def rngx(spec):
    return ["0.6", "1.35", "2.1", "0.82"][spec["seed"] % 4]


def tbl_money(x, tm):
    if tm == "yuan":
        return yuan(x)
    if tm == "yuan_nosep":
        return yuan(x, False)
    if tm == "wan":
        return wan(x)
    if tm == "wan_sep":
        return wan_sep(x)
    if tm == "wan0":
        return wan(x, 0)


def assemble(spec):
    V = build(spec)
    g = V
    unit, yr, sec, money = spec["unit"], spec.get("year", 2023), g["sec"], spec.get("money", "wan")
    M = g["M"]
    hs = spec.get("heads", "std")
    tm = spec.get("tmoney", "wan")
    tunit = {"yuan": "单位：元", "yuan_nosep": "单位：元", "wan": "单位：万元", "wan_sep": "单位：万元", "wan0": "单位：万元"}[tm]
    out = []
    P = lambda s: out.append(("p", s))
    T = lambda rows: out.append(("t", rows))
    H = lambda lvl, i, t: out.append(("h", num_head(hs, lvl, i, t)))
    P(f"{unit}{yr}年度部门整体支出绩效自评报告")
    if spec.get("intro", True):
        P(f"根据财政部门关于开展{yr}年度部门整体支出绩效自评工作的通知要求，我{spec.get('self','局')}对照年初设定的绩效目标，"
          f"对{yr}年度部门整体支出情况开展了自评，现将有关情况报告如下。")
    s1 = 0
    H(1, s1, "部门基本情况"); s1 += 1
    H(2, 0, "部门职能")
    P(f"{unit}{sec['duty']}")
    H(2, 1, "机构设置及人员情况")
    if spec.get("cn_numerals"):
        P(f"本单位内设机构{cnum(g['inner'])}个" + (f"，下属事业单位{cnum(g['subs'])}个" if g['subs'] else "") +
          f"。核定编制{g['quota']}名，{yr}年末实有在职人员{g['staff']}人，其中：行政人员{g['staff_admin']}人，事业人员{g['staff_inst']}人；退休人员{g['retired']}人。")
    else:
        P(f"本单位内设科室{g['inner']}个" + (f"，所属二级单位{g['subs']}个" if g['subs'] else "") +
          f"。年末编制数{g['quota']}人，实有人数{g['staff']}人（行政编制{g['staff_admin']}人、事业编制{g['staff_inst']}人），另有离退休人员{g['retired']}人。")
    H(2, 2, "国有资产情况")
    c1, c2, c3 = g["cars"]
    ncar = c1 + c2 + c3
    P(f"截至{yr}年12月31日，本单位资产总额{M(g['assets'])}，其中：流动资产{M(g['ca'])}，固定资产{M(g['fa'])}，无形资产{M(g['ia'])}。"
      f"共有车辆{ncar}辆，其中一般公务用车{c1}辆、执法执勤用车{c2}辆、特种专业技术用车{c3}辆。")
    check("资产", [g['ca'], g['fa'], g['ia']], g['assets'])

    # ---- income / expenditure
    H(1, s1, spec.get("sec2", "部门整体收支情况")); s1 += 1
    w, d, p = chg(g["inc_year"], g["prev_inc"])
    inc_parts = [("财政拨款收入", g["fin"])]
    if g["biz"]: inc_parts.append(("事业收入", g["biz"]))
    if g["other"]: inc_parts.append(("其他收入", g["other"]))
    check("本年收入", [x[1] for x in inc_parts], g["inc_year"])
    H(2, 0, "收入情况")
    P(f"{yr}年度本年收入合计{M(g['inc_year'])}，比上年{'增加' if w=='增长' else '减少'}{M(d)}，{w}{p}%。其中："
      + "；".join(f"{n}{M(v)}，占{pct(v, g['inc_year'])}%" for n, v in inc_parts) + "。"
      + f"加上年结转结余{M(g['carry_in'])}，收入总计{M(g['inc_total'])}。")
    H(2, 1, "支出情况")
    w2, d2, p2 = chg(g["ex_total"], g["prev_ex"])
    v = spec["seed"] % 4
    if v == 0:
        P(f"{yr}年度本年支出合计{M(g['ex_total'])}，较上年{w2}{p2}%。其中：基本支出{M(g['B'])}，占{pct(g['B'], g['ex_total'])}%，"
          f"包括人员经费{M(g['P'])}、公用经费{M(g['G'])}；项目支出{M(g['Pex'])}，占{pct(g['Pex'], g['ex_total'])}%。"
          f"年末结转和结余{M(g['carry_out'])}。")
    elif v == 1:
        P(f"{yr}年度本年支出合计{M(g['ex_total'])}，其中：基本支出{M(g['B'])}（人员经费{M(g['P'])}，公用经费{M(g['G'])}），"
          f"项目支出{M(g['Pex'])}。与上年相比，支出{w2}{p2}%。年末结转和结余{M(g['carry_out'])}。")
    elif v == 2:
        P(f"本年支出{M(g['ex_total'])}，其中：基本支出{M(g['B'])}，占{pct(g['B'], g['ex_total'])}%；项目支出{M(g['Pex'])}，占{pct(g['Pex'], g['ex_total'])}%。"
          f"基本支出中，人员经费{M(g['P'])}，公用经费{M(g['G'])}。本年支出比上年{w2}{p2}%。年末结转和结余{M(g['carry_out'])}。")
    else:
        P(f"全年支出总计{M(g['inc_total'])}，其中：本年支出{M(g['ex_total'])}，年末结转和结余{M(g['carry_out'])}。"
          f"本年支出中，基本支出{M(g['B'])}，项目支出{M(g['Pex'])}；基本支出包括人员经费{M(g['P'])}和公用经费{M(g['G'])}。")
    if spec.get("summary_table", True):
        P(f"表1 {yr}年度收入支出决算总表")
        P(tunit)
        rows = [["收入项目", "金额", "支出项目", "金额"]]
        left = [(("一、" if True else "") + "一般公共预算财政拨款收入", g["fin"])]
        if g["biz"]: left.append(("二、事业收入", g["biz"]))
        if g["other"]: left.append((("三、" if g["biz"] else "二、") + "其他收入", g["other"]))
        right = [(f"{'一二三四五六七八'[i]}、{c[1]}", c[2]) for i, c in enumerate(g["classes"])]
        n = max(len(left), len(right))
        for i in range(n):
            l = left[i] if i < len(left) else ("", None); r = right[i] if i < len(right) else ("", None)
            rows.append([l[0], tbl_money(l[1], tm) if l[1] is not None else "", r[0], tbl_money(r[1], tm) if r[1] is not None else ""])
        rows.append(["本年收入合计", tbl_money(g["inc_year"], tm), "本年支出合计", tbl_money(g["ex_total"], tm)])
        rows.append(["上年结转结余", tbl_money(g["carry_in"], tm), "年末结转和结余", tbl_money(g["carry_out"], tm)])
        rows.append(["收入总计", tbl_money(g["inc_total"], tm), "支出总计", tbl_money(g["inc_total"], tm)])
        T(rows)
    if spec.get("func_table", True):
        P(f"表2 {yr}年度一般公共预算财政拨款支出决算表（按功能分类）" if spec.get("func_fin") else f"表2 {yr}年度支出决算表")
        P(tunit)
        rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        rows.append(["", "合计", tbl_money(g["ex_total"], tm), tbl_money(g["B"], tm), tbl_money(g["Pex"], tm)])
        for code, name, b, pj, lvl in g["func_rows"]:
            if spec.get("func_depth", 3) < lvl: continue
            rows.append([code, ("  " * (lvl - 1) if spec.get("indent") else "") + name, tbl_money(b + pj, tm), tbl_money(b, tm) if b else ("0.00" if tm != "wan0" else "0"), tbl_money(pj, tm) if pj else ("" if spec.get("blank_zero") else "0.00")])
        T(rows)
    if spec.get("class_text"):
        P("按支出功能分类，" + "，".join(f"{c[1]}{M(c[2])}" for c in g["classes"]) + "。")

    # ---- budget execution
    H(1, s1, "预算执行情况"); s1 += 1
    v = spec["seed"] % 3
    if v == 0:
        P(f"{yr}年度部门年初预算{M(g['init_total'])}，年中{'追加' if g['adj_total']>=0 else '调减'}预算{M(abs(g['adj_total']))}，"
          f"调整后预算{M(g['after_total'])}（含上年结转结余{M(g['carry_in'])}）。全年实际支出{M(g['ex_total'])}，预算执行率{pct(g['ex_total'], g['after_total'])}%。")
    elif v == 1:
        P(f"本年度全年预算数{M(g['after_total'])}，其中年初预算{M(g['init_total'])}、年中预算调整{M(g['adj_total'])}。"
          f"决算支出{M(g['ex_total'])}，预算执行率为{pct(g['ex_total'], g['after_total'], 1)}%，年末结转和结余{M(g['carry_out'])}。")
    else:
        P(f"（一）预算执行率。{yr}年调整后预算为{M(g['after_total'])}，执行数为{M(g['ex_total'])}，执行率{pct(g['ex_total'], g['after_total'])}%，"
          f"较上年执行率提高{rngx(spec)}个百分点。")
    if spec.get("basic_text", True):
        P(f"基本支出年初预算{M(g['Binit'])}，调整后预算{M(g['B'])}，执行{M(g['B'])}，执行率100%。"
          f"项目支出年初预算{M(g['Pinit'])}，调整后预算{M(g['Pafter'])}，执行{M(g['Pex'])}，执行率{pct(g['Pex'], g['Pafter'])}%。")
    if spec.get("proj_table", True):
        P(f"表3 {yr}年度预算执行情况表")
        P(tunit)
        rows = [["项目", "年初预算数", "预算调整数", "调整后预算数", "执行数", "执行率"]]
        def rr(name, a, b, c, e):
            return [name, tbl_money(a, tm), tbl_money(b, tm), tbl_money(c, tm), tbl_money(e, tm), pct(e, c) + "%"]
        rows.append(rr("一、基本支出", g["Binit"], g["Badj"], g["B"], g["B"]))
        rows.append(["人员经费", "", "", tbl_money(g["P"], tm), tbl_money(g["P"], tm), "100.00%"]) if spec.get("pg_rows") else None
        rows.append(["公用经费", "", "", tbl_money(g["G"], tm), tbl_money(g["G"], tm), "100.00%"]) if spec.get("pg_rows") else None
        rows.append(rr("二、项目支出", g["Pinit"], g["Padj"], g["Pafter"], g["Pex"]))
        for p in g["projs"]:
            rows.append(rr(p["name"], p["init"], p["adj"], p["after"], p["ex"]))
        rows.append(rr("合计", g["init_total"], g["adj_total"], g["after_total"] - g["carry_in"] + g["carry_in"], g["ex_total"]))
        T(rows)
    else:
        P("主要项目执行情况：")
        for i, p in enumerate(g["projs"]):
            P(f"{i+1}.{p['name']}：年初预算{M(p['init'])}，调整后预算{M(p['after'])}，实际支出{M(p['ex'])}，执行率{pct(p['ex'], p['after'])}%。")
    # 三公
    H(2, 0, "“三公”经费支出情况") if spec.get("sg_head") else None
    w3, d3, p3 = chg(g["sg"], g["sg_prev"])
    v = spec["seed"] % 3
    if v == 0:
        P(f"{yr}年度“三公”经费预算{M(g['sg_b'])}，实际支出{M(g['sg'])}，比预算减少{M(g['sg_b']-g['sg'])}，比上年{'减少' if w3=='下降' else '增加'}{M(d3)}，{w3}{p3}%。"
          f"其中：因公出国（境）费{M(g['sg_trav'])}；公务接待费{M(g['sg_rec'])}；公务用车购置及运行维护费{M(g['sg_car'])}。")
    elif v == 1:
        P(f"{yr}年度“三公”经费支出{M(g['sg'])}，其中：因公出国（境）费{M(g['sg_trav'])}，公务接待费{M(g['sg_rec'])}，公务用车购置及运行维护费{M(g['sg_car'])}"
          f"（其中：公务用车购置费{M(g['sg_buy'])}，公务用车运行维护费{M(g['sg_run'])}）。“三公”经费支出较年初预算{M(g['sg_b'])}节约{M(g['sg_b']-g['sg'])}，"
          f"较上年{w3}{p3}%。")
    else:
        P(f"“三公”经费年初预算{M(g['sg_b'])}，决算{M(g['sg'])}，完成预算的{pct(g['sg'], g['sg_b'])}%，决算数小于预算数的主要原因是严格执行中央八项规定精神，压减公务接待和公务用车运行支出。"
          f"公务用车购置及运行维护费{M(g['sg_car'])}，其中：公务用车购置费{M(g['sg_buy'])}，公务用车运行维护费{M(g['sg_run'])}。公务接待费{M(g['sg_rec'])}。")
    check("车", [g['sg_buy'], g['sg_run']], g['sg_car'])
    if spec.get("sg_table"):
        P(f"表4 {yr}年度“三公”经费支出情况表")
        P(tunit)
        rows = [["项目", "预算数", "决算数", "上年决算数"]]
        prev_parts = None
        if prev_parts is None:
            pp = r100(g["sg_prev"] / 3); prev_parts = [pp, pp, g["sg_prev"] - 2 * pp]
        rb = random.Random(spec["seed"] + 2)
        pbuy = D(0); prun = prev_parts[2]
        rows.append(["合计", tbl_money(g["sg_b"], tm), tbl_money(g["sg"], tm), tbl_money(g["sg_prev"], tm)])
        rows.append(["1.因公出国（境）费", tbl_money(g["sg_trav_b"], tm), tbl_money(g["sg_trav"], tm), tbl_money(prev_parts[0], tm)])
        rows.append(["2.公务接待费", tbl_money(g["sg_rec_b"], tm), tbl_money(g["sg_rec"], tm), tbl_money(prev_parts[1], tm)])
        rows.append(["3.公务用车购置及运行维护费", tbl_money(g["sg_car_b"], tm), tbl_money(g["sg_car"], tm), tbl_money(prev_parts[2], tm)])
        rows.append(["其中：公务用车购置费", tbl_money(g["sg_buy_b"], tm), tbl_money(g["sg_buy"], tm), tbl_money(pbuy, tm)])
        rows.append(["公务用车运行维护费", tbl_money(g["sg_run_b"], tm), tbl_money(g["sg_run"], tm), tbl_money(prun, tm)])
        check("三公上年", prev_parts, g["sg_prev"])
        T(rows)
    check("三公", [g['sg_trav'], g['sg_rec'], g['sg_car']], g['sg'])
    check("三公预算", [g['sg_trav_b'], g['sg_rec_b'], g['sg_car_b']], g['sg_b'])
    if spec.get("procure", True):
        if spec["seed"] % 2:
            P(f"政府采购情况：{yr}年度政府采购支出总额{M(g['pr'])}，其中：政府采购货物支出{M(g['pr_goods'])}、政府采购工程支出{M(g['pr_work'])}、"
              f"政府采购服务支出{M(g['pr_serv'])}。授予中小企业合同金额{M(g['pr_sme'])}，占政府采购支出总额的{pct(g['pr_sme'], g['pr'])}%。")
        else:
            P(f"全年共实施政府采购{M(g['pr'])}（货物类{M(g['pr_goods'])}，工程类{M(g['pr_work'])}，服务类{M(g['pr_serv'])}），"
              f"其中授予中小企业合同金额{M(g['pr_sme'])}，占比{pct(g['pr_sme'], g['pr'], 1)}%。")
        check("采购", [g['pr_goods'], g['pr_work'], g['pr_serv']], g['pr'])

    # ---- performance
    H(1, s1, spec.get("perf_title", "绩效目标完成情况")); s1 += 1
    inds = INDIC[spec["sector"]]
    istyle = spec.get("ind_style", "prose")
    if istyle == "template":
        H(2, 0, "完成的绩效目标")
        P(f"年度目标1：{spec.get('goal','围绕部门职责，全面完成年度重点工作任务')}。")
        P(f"{yr}年度本单位年度目标一的绩效目标均已完成，其中：")
        groups = []
        for lv1 in ["产出指标", "效益指标", "满意度指标"]:
            items = [x for x in inds if x[0] == lv1]
            if items: groups.append((lv1, items))
        for gi, (lv1, items) in enumerate(groups):
            P(f"{gi+1}.{lv1}")
            lv2s = []
            for x in items:
                if x[1] not in lv2s: lv2s.append(x[1])
            for j, lv2 in enumerate(lv2s):
                xs = [x for x in items if x[1] == lv2]
                P(f"（{j+1}）{lv2}：" + "，".join(f"{x[2]}{fmt_num(x[6])}{x[3]}" for x in xs) + "。")
        H(2, 1, "未完成的绩效目标")
        P("本单位没有未完成的绩效目标。")
        H(1, s1, "绩效目标完成情况分析"); s1 += 1
        P(f"年度目标1：{spec.get('goal','围绕部门职责，全面完成年度重点工作任务')}。")
        for gi, (lv1, items) in enumerate(groups):
            P(f"{gi+1}.{lv1}完成情况分析")
            P("；".join(ind_actual(x, k + gi) for k, x in enumerate(items)) + "。")
    elif istyle == "prose":
        for gi, lv1 in enumerate(["产出指标", "效益指标", "满意度指标"]):
            items = [x for x in inds if x[0] == lv1]
            H(2, gi, f"{lv1}完成情况")
            P("；".join(ind_actual(x, k + spec['seed']) for k, x in enumerate(items)) + "。")
    elif istyle == "bullets":
        P("年初设定的绩效指标及完成情况如下：")
        for x in inds:
            P(f"- {x[1]}：{ind_target(x, spec['seed'])}；实际{fmt_num(x[6])}{x[3]}" + ("，已达到目标。" if x[4] != "<=" else "，控制在目标以内。"))
    elif istyle == "table":
        P(f"表5 {yr}年度部门整体绩效指标完成情况表")
        rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]]
        for x in inds:
            op = {">=": "≥", "<=": "≤", "=": "="}[x[4]]
            rows.append([x[0], x[1], x[2], f"{op}{fmt_num(x[5])}{x[3]}", f"{fmt_num(x[6])}{x[3]}"])
        T(rows)
        P("从上表看，各项指标均达到或优于年度指标值。")
    # execution statement in perf section
    P(f"预算执行方面，{yr}年全年预算执行率为{pct(g['ex_total'], g['after_total'])}%，"
      f"项目支出执行率{pct(g['Pex'], g['Pafter'])}%。")
    H(1, s1, "存在的问题"); s1 += 1
    P(spec.get("problem", "一是预算编制的精细化程度有待提高，部分项目年中追加调整较多；二是绩效指标设置不够细化，部分指标可衡量性不强；三是项目支出进度前慢后快，下半年支出较为集中。"))
    H(1, s1, "改进措施"); s1 += 1
    P(spec.get("measures", "（一）加强预算编制管理，提高预算编制的科学性和准确性。（二）完善绩效指标体系，做到指标细化、量化、可衡量。（三）加快项目实施和资金支付进度，提高资金使用效益。"))
    return out, g


def render_txt(blocks, path, sep="pipe"):
    lines = []
    for b in blocks:
        if b[0] in ("p", "h"):
            lines.append(b[1])
        else:
            for r in b[1]:
                if sep == "pipe":
                    lines.append("| " + " | ".join(r) + " |")
                else:
                    lines.append("\t".join(r))
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")


def render_docx(blocks, path):
    doc = docx.Document()
    for b in blocks:
        if b[0] == "h":
            doc.add_paragraph(b[1]).runs[0].bold = True
        elif b[0] == "p":
            doc.add_paragraph(b[1])
        else:
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
    doc.save(path)
