from lib import run
from convtruth import *

def E(l, at, base=0): return f"{l}_{{{at[0]+base}{at[1]+base}}}"
def rows_tex(pairs, base=0, out="Y", inp="x", ker="w", op="*", amp="&"):
    return " \\\\\n".join(f"{E(out, o, base)} {amp}= " + " + ".join(f"{E(inp, a, base)}{op}{E(ker, b, base)}" for a, b in ps)
                          for o, ps in pairs.items())
def claim_tex(of, target, terms, base=0, out="Y", inp="x", ker="w", L="L"):
    other = ker if of == "x" else inp
    wrt = inp if of == "x" else ker
    if not terms:
        return rf"\frac{{\partial {L}}}{{\partial {E(wrt, target, base)}}} = 0"
    return rf"\frac{{\partial {L}}}{{\partial {E(wrt, target, base)}}} = " + " + ".join(
        rf"\frac{{\partial {L}}}{{\partial {E(out, o, base)}}} * {E(other, e, base)}" for o, e in terms)

def page(title, prose, rows, claims, head=True):
    h = ("# Back propagation of the convolution\n\nIn general the layer is $Y = x * w$ (cross-correlation).\n" if head else "# Notes\n")
    s = h + f"\n## {title}\n\n{prose} The forward pass:\n\n$$\n\\left\\{{\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n\\right.\n$$\n\nThe gradients:\n\n"
    for c in claims:
        s += f"$$\n{c}\n$$\n\n"
    return s

def T(b): return "true" if b else "false"

def probe(name, n, k, stride, dilation, prose, claim_specs, base=0, flip=False, rows_pairs=None, title="Example", **kw):
    pairs = layer_pairs(n, k, stride, dilation, flip=flip)
    rp = rows_pairs if rows_pairs is not None else pairs
    cl = []
    for of, target, terms, why in claim_specs:
        if callable(terms):
            terms = terms(pairs)
        c = claim_tex(of, target, terms, base)
        cl.append((c, T(truth(n, k, of, target, terms, stride, dilation, flip=flip)), why))
    run(name, page(title, prose, rows_tex(rp, base), [c for c, *_ in cl], **kw), cl)
    return pairs

R = lambda of, t: (lambda p: right_terms(p, of, t))
def drop(of, t, i=0): return lambda p: [x for j, x in enumerate(right_terms(p, of, t)) if j != i]
def swap(of, t): 
    def f(p):
        tt = right_terms(p, of, t)
        return [(tt[0][0], tt[1][1]), (tt[1][0], tt[0][1])] + tt[2:]
    return f
def rot(of, t, k):   # kernel entries rotated 180 (for of='x')
    return lambda p: [(o, (k - 1 - e[0], k - 1 - e[1])) for o, e in right_terms(p, of, t)]

# C01: stride 2, 5x5 input, 3x3 kernel, 0-based, stride never said
probe("c01_rows_stride2_k3", 5, 3, 2, 1, "A small example: input 5x5, kernel 3x3, no padding.", [
    ("w", (0, 0), R("w", (0, 0)), "torch autograd"),
    ("w", (0, 0), drop("w", (0, 0), 3), "missing term"),
    ("w", (0, 0), lambda p: [(o, (a[0] // 2, a[1] // 2)) for o, a in right_terms(p, "w", (0, 0))], "stride 1 index x_{ab} instead of x_{2a,2b}"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd"),
    ("x", (2, 2), rot("x", (2, 2), 3), "kernel rotated 180 where none is needed"),
    ("x", (1, 2), R("x", (1, 2)), "torch autograd"),
    ("w", (1, 2), R("w", (1, 2)), "torch autograd"),
    ("w", (1, 2), lambda p: [(o, (a[0] - 1 + 1, a[1])) for o, a in right_terms(p, "w", (1, 2))][:3], "missing term"),
])

# C02: dilation 2, 5x5 input, 2x2 kernel, 0-based
probe("c02_rows_dilation2_k2", 5, 2, 1, 2, "A dilated example: input 5x5, kernel 2x2, no padding.", [
    ("w", (1, 1), R("w", (1, 1)), "torch autograd"),
    ("w", (1, 1), lambda p: [(o, (o[0] + 1, o[1] + 1)) for o, a in right_terms(p, "w", (1, 1))], "dilation 1 index x_{a+1,b+1}"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd"),
    ("x", (2, 2), swap("x", (2, 2)), "kernel entries of two terms exchanged"),
    ("x", (2, 2), rot("x", (2, 2), 2), "kernel rotated 180 where none is needed"),
    ("x", (1, 1), R("x", (1, 1)), "torch autograd"),
])

# C03: stride 2 rows with one typo product (x_{13} for x_{12} in Y_{01}) -> geometry unreadable
pairs = layer_pairs(5, 3, 2, 1)
typo = {o: list(ps) for o, ps in pairs.items()}
typo[(0, 1)] = [(((1, 3) if a == (1, 2) else a), b) for a, b in typo[(0, 1)]]
probe("c03_rows_stride2_typo", 5, 3, 2, 1, "A small example: input 5x5, kernel 3x3, no padding.", [
    ("w", (0, 0), R("w", (0, 0)), "torch autograd (stride 2, the typo aside)"),
    ("w", (0, 0), lambda p: [(o, (a[0] // 2, a[1] // 2)) for o, a in right_terms(p, "w", (0, 0))], "stride 1 reading: false at stride 2"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd"),
], rows_pairs=typo)

# C04: true convolution rows (flipped kernel), stride 1, 3x3 input, 2x2 kernel, 1-based
probe("c04_rows_true_convolution", 3, 2, 1, 1, "Here * is the true convolution (the kernel flipped): input 3x3, kernel 2x2.", [
    ("x", (1, 1), R("x", (1, 1)), "torch autograd of conv2d with flipped kernel"),
    ("x", (1, 1), lambda p: [(o, (1 - e[0], 1 - e[1])) for o, e in right_terms(p, "x", (1, 1))], "cross-correlation's kernel entries: false for true conv"),
    ("w", (0, 0), R("w", (0, 0)), "torch autograd"),
    ("w", (0, 0), lambda p: [(o, (o[0], o[1])) for o, a in right_terms(p, "w", (0, 0))], "x_{ab} instead of x_{a+1,b+1}"),
], base=1, flip=True)

# C05: stride 2, 2x2 kernel on 4x4, only rows Y00 and Y11 written (Y01, Y10 omitted), 1-based
pairs = layer_pairs(4, 2, 2, 1)
part = {o: ps for o, ps in pairs.items() if o in ((0, 0), (1, 1))}
probe("c05_rows_stride2_partial", 4, 2, 2, 1, "Input 4x4, kernel 2x2 (only two outputs written out).", [
    ("w", (0, 1), R("w", (0, 1)), "torch autograd"),
    ("w", (0, 1), drop("w", (0, 1), 1), "missing term"),
    ("x", (3, 3), R("x", (3, 3)), "torch autograd"),
], base=1, rows_pairs=part)

# C06: stride 3, 2x2 kernel on 5x5 -> 2x2 output, 0-based
probe("c06_rows_stride3_k2", 5, 2, 3, 1, "Input 5x5, kernel 2x2, no padding.", [
    ("w", (1, 0), R("w", (1, 0)), "torch autograd"),
    ("w", (1, 0), lambda p: [(o, (2 * o[0] + 1, 2 * o[1])) for o, a in right_terms(p, "w", (1, 0))], "stride 2 index"),
    ("x", (2, 2), [], "x22 meets no kernel tap at stride 3: gradient 0 -- written as empty"),
    ("x", (3, 4), R("x", (3, 4)), "torch autograd"),
])
