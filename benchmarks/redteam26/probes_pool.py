from lib import run
from pooltruth import *

def dE(v, L="E"): return rf"\frac{{\partial {L}}}{{\partial {v}}}"
def gclaim(target, coefs, scale=None, L="E", inp="x", out="y"):
    terms = " + ".join(dE(f"{out}_{{{o}}}", L) for o, _ in coefs) if coefs else "0"
    if scale and coefs:
        rhs = rf"\frac{{1}}{{{scale}}}\left({terms}\right)" if len(coefs) > 1 else rf"\frac{{1}}{{{scale}}}{terms}"
    else:
        rhs = terms
    return rf"{dE(inp+'_{'+target+'}', L)} = {rhs}"
def jclaim(out, target, val_tex, inp="x", o="y"):
    return rf"\frac{{\partial {o}_{{{out}}}}}{{\partial {inp}_{{{target}}}}} = {val_tex}"

def doc(title, table, fn, claims, prose="The forward pass:", pre_env=("\\begin{array}{c}\n", "\n\\end{array}"), amp=False):
    rows = rows_latex(table, fn, amp=amp)
    s = f"# {title}\n\n{prose}\n\n$$\n{pre_env[0]}{rows}{pre_env[1]}\n$$\n\nThe backward pass:\n\n"
    for c in claims:
        s += f"$$\n{c}\n$$\n\n"
    return s

def G(kind, table, target, outs, k):   # claim dE/dx = (1/k) sum dE/dy (k=None: coefficient 1)
    c = 1.0 / k if k else 1.0
    return grad_claim(kind, table, target, [(o, c) for o in outs])

def T(b): return "true" if b else "false"

# ---- P01: '&' layout, 2x2 stride 2 max, 1-based (the module docstring's own layout)
t = window_table(4, 4, 2, 2, 2, 1)
rows = (r"y_{11} = \max(x_{11},x_{12},x_{21},x_{22}) & y_{12} = \max(x_{13},x_{14},x_{23},x_{24}) \\" "\n"
        r"y_{21} = \max(x_{31},x_{32},x_{41},x_{42}) & y_{22} = \max(x_{33},x_{34},x_{43},x_{44})")
text = ("# Max pooling\n\nThe forward pass:\n\n$$\n\\begin{array}{cc}\n" + rows + "\n\\end{array}\n$$\n\n"
        "The backward pass:\n\n$$\n" + gclaim("33", [("22", 1)]) + "\n$$\n\n$$\n" + jclaim("11", "13", "0") + "\n$$\n")
rowtwo = r"y_{21} = \max(x_{31},x_{32},x_{41},x_{42})  y_{22} = \max(x_{33},x_{34},x_{43},x_{44})"
run("p01_maxpool_amp_rows", text, [
    (rowtwo, "true", "the forward's own second row (two entries side by side separated by &): true by definition of the rows"),
    (gclaim("33", [("22", 1)]), T(G("max", t, "33", ["22"], None)), "torch autograd of rows: only when x33 is its window's max"),
    (jclaim("11", "13", "0"), T(jac_claim("max", t, "11", "13", 0)), "x13 is not in y11's window"),
])

# ---- P01b: same, array{c}
text = text.replace("\\begin{array}{cc}", "\\begin{array}{c}")
run("p01b_maxpool_amp_rows_arrayc", text, [
    (rowtwo, "true", "the forward's own second row: true by definition of the rows"),
    (jclaim("11", "13", "0"), T(jac_claim("max", t, "11", "13", 0)), "x13 is not in y11's window"),
])

# ---- P02: avg 2x2 stride 1 on 3x3, 1-based (overlapping windows)
t = window_table(3, 3, 2, 2, 1, 1)
cl = [
    (jclaim("12", "22", r"\frac{1}{4}"), T(jac_claim("avg", t, "12", "22", .25)), "autograd"),
    (gclaim("22", [("11", 1), ("12", 1), ("21", 1), ("22", 1)], 4), T(G("avg", t, "22", ["11", "12", "21", "22"], 4)), "autograd: x22 in all 4 windows"),
    (gclaim("12", [("11", 1)], 4), T(G("avg", t, "12", ["11"], 4)), "autograd: x12 is in y11 and y12 windows (misses y12)"),
    (gclaim("12", [("11", 1), ("12", 1)], 4), T(G("avg", t, "12", ["11", "12"], 4)), "autograd"),
    (gclaim("22", [("11", 1), ("22", 1)], 2), T(G("avg", t, "22", ["11", "22"], 2)), "autograd: wrong 1/2 and missing terms"),
    (gclaim("13", [("12", 1)], 4), T(G("avg", t, "13", ["12"], 4)), "autograd: x13 only in y12"),
]
run("p02_avgpool_s1_overlap", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl]), cl)

# ---- P03: avg 3x3 window stride 1 on 4x4, 0-based
t = window_table(4, 4, 3, 3, 1, 0)
cl = [
    (jclaim("00", "11", r"\frac{1}{9}"), T(jac_claim("avg", t, "00", "11", 1/9)), "autograd"),
    (jclaim("00", "11", r"\frac{1}{4}"), T(jac_claim("avg", t, "00", "11", 1/4)), "autograd: wrong 1/k^2"),
    (jclaim("11", "00", "0"), T(jac_claim("avg", t, "11", "00", 0)), "autograd"),
    (jclaim("11", "00", r"\frac{1}{9}"), T(jac_claim("avg", t, "11", "00", 1/9)), "autograd: x00 not in y11's window"),
    (gclaim("11", [("00", 1), ("01", 1), ("10", 1), ("11", 1)], 9), T(G("avg", t, "11", ["00", "01", "10", "11"], 9)), "autograd"),
    (gclaim("03", [("01", 1)], 9), T(G("avg", t, "03", ["01"], 9)), "autograd"),
    (gclaim("03", [("00", 1), ("01", 1)], 9), T(G("avg", t, "03", ["00", "01"], 9)), "autograd: x03 not in y00's window"),
]
run("p03_avgpool_3x3win_base0", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl]), cl)

# ---- P04: avg rectangular 2x3 windows stride 1 on 3x4, 1-based
t = window_table(3, 4, 2, 3, 1, 1)
cl = [
    (jclaim("22", "23", r"\frac{1}{6}"), T(jac_claim("avg", t, "22", "23", 1/6)), "autograd"),
    (jclaim("22", "23", r"\frac{1}{4}"), T(jac_claim("avg", t, "22", "23", 1/4)), "autograd: wrong scale"),
    (jclaim("22", "23", r"\frac{1}{9}"), T(jac_claim("avg", t, "22", "23", 1/9)), "autograd: wrong scale"),
    (gclaim("23", [("11", 1), ("12", 1), ("21", 1), ("22", 1)], 6), T(G("avg", t, "23", ["11", "12", "21", "22"], 6)), "autograd"),
    (gclaim("14", [("12", 1)], 6), T(G("avg", t, "14", ["12"], 6)), "autograd"),
    (gclaim("14", [("11", 1), ("12", 1)], 6), T(G("avg", t, "14", ["11", "12"], 6)), "autograd: x14 not in y11 (cols 1-3)"),
]
run("p04_avgpool_rect2x3", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl]), cl)

# ---- P05: output labelled by its window's top-left input entry (y_{11}, y_{13}, y_{31}, y_{33}), 4x4, 2x2 stride 2
t = window_table(4, 4, 2, 2, 2, 1, out_from_start=True)
cl = [
    (gclaim("12", [("11", 1)], 4), T(G("avg", t, "12", ["11"], 4)), "autograd on the 4 written rows: only y11 reads x12"),
    (gclaim("33", [("33", 1)], 4), T(G("avg", t, "33", ["33"], 4)), "autograd"),
    (gclaim("22", [("11", 1), ("12", 1), ("21", 1), ("22", 1)], 4), "false", "y12,y21,y22 are not outputs of this document; only y11 reads x22 (the claim adds undefined terms)"),
    (jclaim("13", "24", r"\frac{1}{4}"), T(jac_claim("avg", t, "13", "24", .25)), "autograd"),
]
run("p05_avgpool_out_labelled_by_start", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl],
    prose="Each output is named after the top-left entry of its 2x2 window (stride 2):"), cl)

# ---- P06: max 2x2 stride 1 on 3x3 (overlapping max)
t = window_table(3, 3, 2, 2, 1, 1)
chain = r"\frac{\partial E}{\partial x_{mn}}=\sum_{ij}\frac{\partial E}{\partial y_{ij}}\frac{\partial y_{ij}}{\partial x_{mn}}"
cl = [
    (chain, "true", "chain rule"),
    (gclaim("22", [("11", 1), ("12", 1), ("21", 1), ("22", 1)]), T(G("max", t, "22", ["11", "12", "21", "22"], None)), "autograd: only where x22 is max of every window"),
    (jclaim("11", "11", "1"), T(jac_claim("max", t, "11", "11", 1)), "autograd: only where x11 is its window's max"),
    (jclaim("11", "33", "0"), T(jac_claim("max", t, "11", "33", 0)), "autograd"),
    (gclaim("13", [("11", 1)]), T(G("max", t, "13", ["11"], None)), "x13 is not in y11's window"),
]
run("p06_maxpool_s1_overlap", doc("Max pooling", t, r"\max", [c for c, *_ in cl]), cl)

# ---- P07: avg with a repeated argument (5 arguments, one twice)
t = window_table(4, 4, 2, 2, 2, 1)
t2 = dict(t); t2["11"] = ["11", "11", "12", "21", "22"]
cl = [
    (jclaim("11", "11", r"\frac{1}{4}"), T(jac_claim("avg", t2, "11", "11", .25)), "mean of 5 listed arguments, x11 twice: 2/5"),
    (jclaim("11", "11", r"\frac{2}{5}"), T(jac_claim("avg", t2, "11", "11", .4)), "mean of 5 listed arguments, x11 twice: 2/5"),
    (jclaim("11", "12", r"\frac{1}{4}"), T(jac_claim("avg", t2, "11", "12", .25)), "1/5 in fact"),
]
run("p07_avgpool_repeated_argument", doc("Average pooling", t2, r"\text{avg}", [c for c, *_ in cl]), cl)

# ---- P08: avg 2x2 stride 2, 0-based
t = window_table(4, 4, 2, 2, 2, 0)
cl = [
    (gclaim("23", [("11", 1)], 4), T(G("avg", t, "23", ["11"], 4)), "autograd"),
    (gclaim("23", [("10", 1)], 4), T(G("avg", t, "23", ["10"], 4)), "autograd: wrong output index"),
    (gclaim("23", [("11", 1)], 2), T(G("avg", t, "23", ["11"], 2)), "autograd: 1/2 not 1/4"),
    (jclaim("01", "03", r"\frac{1}{4}"), T(jac_claim("avg", t, "01", "03", .25)), "autograd"),
    (jclaim("01", "01", r"\frac{1}{4}"), T(jac_claim("avg", t, "01", "01", .25)), "autograd: x01 in y00 only"),
]
run("p08_avgpool_s2_base0", doc("Average pooling", t, r"\text{mean}", [c for c, *_ in cl]), cl)

# ---- P09: max 2x2 stride 2, wrong input gets gradient
t = window_table(4, 4, 2, 2, 2, 1)
cl = [
    (gclaim("11", [("11", 1)]), T(G("max", t, "11", ["11"], None)), "only if x11 is its window's max"),
    (gclaim("11", []), T(G("max", t, "11", [], None)), "0 only if x11 is not the max"),
    (gclaim("34", [("22", 1)]), T(G("max", t, "34", ["22"], None)), "only if x34 is its window's max"),
    (gclaim("34", [("12", 1)]), T(G("max", t, "34", ["12"], None)), "x34 not in y12's window"),
]
run("p09_maxpool_s2_routes", doc("Max pooling", t, r"\max", [c for c, *_ in cl]), cl)

# ---- P10: 3x3 windows, stride 2 (overlap 1) on 5x5, avg
t = window_table(5, 5, 3, 3, 2, 1)
cl = [
    (gclaim("33", [("11", 1), ("12", 1), ("21", 1), ("22", 1)], 9), T(G("avg", t, "33", ["11", "12", "21", "22"], 9)), "autograd"),
    (gclaim("23", [("11", 1), ("12", 1)], 9), T(G("avg", t, "23", ["11", "12"], 9)), "autograd"),
    (gclaim("23", [("11", 1)], 9), T(G("avg", t, "23", ["11"], 9)), "autograd: misses y12"),
    (gclaim("24", [("12", 1)], 9), T(G("avg", t, "24", ["12"], 9)), "autograd: x24 in y11 (cols1-3)? no, col 4 -> y12 only"),
]
run("p10_avgpool_3x3_s2", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl]), cl)

# ---- P11: 2x2 windows, stride 3 (gaps), 5x5 input, avg
t = window_table(5, 5, 2, 2, 3, 1)
cl = [
    (gclaim("33", []), T(G("avg", t, "33", [], None)), "x33 in no window"),
    (gclaim("44", [("22", 1)], 4), T(G("avg", t, "44", ["22"], 4)), "autograd"),
    (gclaim("44", [("12", 1)], 4), T(G("avg", t, "44", ["12"], 4)), "autograd: wrong output"),
    (jclaim("12", "15", r"\frac{1}{4}"), T(jac_claim("avg", t, "12", "15", .25)), "autograd"),
]
run("p11_avgpool_s3_gaps", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl]), cl)
