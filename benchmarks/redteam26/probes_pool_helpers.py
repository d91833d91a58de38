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

