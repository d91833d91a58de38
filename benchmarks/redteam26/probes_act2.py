from lib import run
from acttruth2 import *
import math
def T(b): return "true" if b else "false"
sig = lambda v: 1 / (1 + math.exp(-v))

C = {
 "dl_true": (r"\delta^l_{x,y} = \sum_{a}\sum_{b} \delta^{l+1}_{x-a,y-b}\, w^{l+1}_{a,b}\, \sigma'(z^l_{x,y})", "dzl",
    lambda W, x, y: S(W["k"], lambda a, b: at(W["dz1"], x - a, y - b) * W["w"][a, b].item()) * W["sp_zl"][x, y].item()),
 "dl_no_sp": (r"\delta^l_{x,y} = \sum_{a}\sum_{b} \delta^{l+1}_{x-a,y-b}\, w^{l+1}_{a,b}", "dzl",
    lambda W, x, y: S(W["k"], lambda a, b: at(W["dz1"], x - a, y - b) * W["w"][a, b].item())),
 "dl_sp_next": (r"\delta^l_{x,y} = \sum_{a}\sum_{b} \delta^{l+1}_{x-a,y-b}\, w^{l+1}_{a,b}\, \sigma'(z^{l+1}_{x,y})", "dzl",
    lambda W, x, y: S(W["k"], lambda a, b: at(W["dz1"], x - a, y - b) * W["w"][a, b].item()) * at(W["sp_z1"], x, y)),
 "dl_corr": (r"\delta^l_{x,y} = \sum_{a}\sum_{b} \delta^{l+1}_{x+a,y+b}\, w^{l+1}_{a,b}\, \sigma'(z^l_{x,y})", "dzl",
    lambda W, x, y: S(W["k"], lambda a, b: at(W["dz1"], x + a, y + b) * W["w"][a, b].item()) * W["sp_zl"][x, y].item()),
 "dl_sp_inside": (r"\delta^l_{x,y} = \sum_{a}\sum_{b} \delta^{l+1}_{x-a,y-b}\, w^{l+1}_{a,b}\, \sigma'(z^l_{x-a,y-b})", "dzl",
    lambda W, x, y: S(W["k"], lambda a, b: at(W["dz1"], x - a, y - b) * W["w"][a, b].item() * at(W["sp_zl"], x - a, y - b))),
 "dw_true": (r"\frac{\partial C}{\partial w^{l+1}_{a,b}} = \sum_{x}\sum_{y} \delta^{l+1}_{x,y}\, \sigma(z^l_{x+a,y+b})", "dw",
    lambda W, a, b: S(W["m"], lambda x, y: W["dz1"][x, y].item() * sig(at(W["zl"], x + a, y + b)))),
 "dw_no_sigma": (r"\frac{\partial C}{\partial w^{l+1}_{a,b}} = \sum_{x}\sum_{y} \delta^{l+1}_{x,y}\, z^l_{x+a,y+b}", "dw",
    lambda W, a, b: S(W["m"], lambda x, y: W["dz1"][x, y].item() * at(W["zl"], x + a, y + b))),
 "dw_flip": (r"\frac{\partial C}{\partial w^{l+1}_{a,b}} = \sum_{x}\sum_{y} \delta^{l+1}_{x,y}\, \sigma(z^l_{x-a,y-b})", "dw",
    lambda W, a, b: S(W["m"], lambda x, y: W["dz1"][x, y].item() * (sig(W["zl"][x - a, y - b].item()) if 0 <= x - a < W["n"] and 0 <= y - b < W["n"] else 0.0))),
 "dw_sp": (r"\frac{\partial C}{\partial w^{l+1}_{a,b}} = \sum_{x}\sum_{y} \delta^{l+1}_{x,y}\, \sigma'(z^l_{x+a,y+b})", "dw",
    lambda W, a, b: S(W["m"], lambda x, y: W["dz1"][x, y].item() * at(W["sp_zl"], x + a, y + b))),
 "db_true": (r"\frac{\partial C}{\partial b^{l+1}} = \sum_{x}\sum_{y} \delta^{l+1}_{x,y}", "db",
    lambda W, a, b: W["dz1"].sum().item()),
}
def mk(name, head, keys, delta_is="dz"):
    cl = []
    for k in keys:
        latex, lhs, f = C[k]
        if delta_is == "da":     # delta^l := dC/da^l = dC/dsigma(z^l)
            g = lambda W, i, j, f=f: f({**W, "dz1": W["da1"], "dzl": W["dal"]}, i, j)
            t = check({"dzl": "dal"}.get(lhs, lhs), g)
        else:
            t = check(lhs, f)
        cl.append((latex, T(t), f"torch autograd vs loops; delta = {'dC/da' if delta_is == 'da' else 'dC/dz'}"))
    run(name, head + "\n" + "".join(f"$$\n{c}\n$$\n\n" for c, *_ in cl), cl)

F5 = r"""# Backpropagation in a convolutional network

The pre-activation of layer $l+1$:

$$
z^{l+1}_{x,y} = \sum_{a}\sum_{b} \sigma(z^{l}_{x+a,y+b})\, w^{l+1}_{a,b} + b^{l+1}
$$

Here $\delta^l_{x,y} = \frac{\partial C}{\partial z^l_{x,y}}$.
"""
mk("f05_sigma_inside_sum", F5, list(C))

F6 = F5.replace(r"Here $\delta^l_{x,y} = \frac{\partial C}{\partial z^l_{x,y}}$.", r"Here $a^l = \sigma(z^l)$ and $\delta^l_{x,y} = \frac{\partial C}{\partial a^l_{x,y}}$.")
mk("f06_sigma_inside_delta_is_dC_da", F6, list(C), delta_is="da")

F7 = r"""# Backpropagation in a convolutional network

The pre-activation of layer $l+1$:

$$
z^{l+1}(x,y) = \sum_{a}\sum_{b} \sigma(z^{l}(x+a,y+b))\, w^{l+1}(a,b) + b^{l+1}
$$

Here $\delta^l(x,y) = \frac{\partial C}{\partial z^l(x,y)}$.
"""
import re
def fn(latex):   # subscripts -> function-call notation
    return re.sub(r"(\\delta\^\{?[l+1]+\}?|z\^\{?[l+1]+\}?|w\^\{?[l+1]+\}?)_\{([^{}]*)\}", lambda m: f"{m.group(1)}({m.group(2)})", latex)
C2 = {k: (fn(v[0]), v[1], v[2]) for k, v in C.items()}
C.update({k + "_fn": v for k, v in C2.items()})
mk("f07_sigma_inside_function_notation", F7, [k + "_fn" for k in list(C2)])
