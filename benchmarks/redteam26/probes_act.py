from lib import run
from acttruth import *

def T(b): return "true" if b else "false"
K = lambda w: w["k"]; M = lambda w: w["m"]

# --- the claims, each with its own loop evaluation. d = delta^l = dC/dz (true meaning), A = dC/da.
def dW_claim(w, a_, b_, inner):       # sum over output entries i,j
    return S(w["m"], lambda i, j: inner(w, i, j, a_, b_))

C = {
 "W_delta_a": (r"\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, a^{l-1}_{i+a,j+b}", "dW",
               lambda w, a_, b_: S(w["m"], lambda i, j: w["dz"][i, j].item() * at(w["a_prev"], i + a_, j + b_))),
 "W_delta_sp_a": (r"\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, \sigma'(z^l_{i,j})\, a^{l-1}_{i+a,j+b}", "dW",
               lambda w, a_, b_: S(w["m"], lambda i, j: w["dz"][i, j].item() * w["sp_z"][i, j].item() * at(w["a_prev"], i + a_, j + b_))),
 "aprev_conv": (r"\frac{\partial C}{\partial a^{l-1}_{p,q}} = \sum_{a}\sum_{b} \delta^l_{p-a,q-b}\, W_{a,b}", "da_prev",
               lambda w, p, q: S(w["k"], lambda a_, b_: at(w["dz"], p - a_, q - b_) * w["W"][a_, b_].item())),
 "aprev_corr": (r"\frac{\partial C}{\partial a^{l-1}_{p,q}} = \sum_{a}\sum_{b} \delta^l_{p+a,q+b}\, W_{a,b}", "da_prev",
               lambda w, p, q: S(w["k"], lambda a_, b_: at(w["dz"], p + a_, q + b_) * w["W"][a_, b_].item())),
 "dprev_sp_prev": (r"\delta^{l-1}_{p,q} = \sum_{a}\sum_{b} \delta^l_{p-a,q-b}\, W_{a,b}\, \sigma'(z^{l-1}_{p,q})", "dz_prev",
               lambda w, p, q: S(w["k"], lambda a_, b_: at(w["dz"], p - a_, q - b_) * w["W"][a_, b_].item()) * w["sp_zprev"][p, q].item()),
 "dprev_no_sp": (r"\delta^{l-1}_{p,q} = \sum_{a}\sum_{b} \delta^l_{p-a,q-b}\, W_{a,b}", "dz_prev",
               lambda w, p, q: S(w["k"], lambda a_, b_: at(w["dz"], p - a_, q - b_) * w["W"][a_, b_].item())),
 "dprev_corr_sp": (r"\delta^{l-1}_{p,q} = \sum_{a}\sum_{b} \delta^l_{p+a,q+b}\, W_{a,b}\, \sigma'(z^{l-1}_{p,q})", "dz_prev",
               lambda w, p, q: S(w["k"], lambda a_, b_: at(w["dz"], p + a_, q + b_) * w["W"][a_, b_].item()) * w["sp_zprev"][p, q].item()),
 "b_delta": (r"\frac{\partial C}{\partial b} = \sum_{i}\sum_{j} \delta^l_{i,j}", "db",
               lambda w, _i, _j: w["dz"].sum().item()),
 "b_dA": (r"\frac{\partial C}{\partial b} = \sum_{i}\sum_{j} \frac{\partial C}{\partial a^l_{i,j}}", "db",
               lambda w, _i, _j: w["da"].sum().item()),
 "W_dA_a": (r"\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \frac{\partial C}{\partial a^l_{i,j}}\, a^{l-1}_{i+a,j+b}", "dW",
               lambda w, a_, b_: S(w["m"], lambda i, j: w["da"][i, j].item() * at(w["a_prev"], i + a_, j + b_))),
 "W_dA_sp_a": (r"\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \frac{\partial C}{\partial a^l_{i,j}}\, \sigma'(z^l_{i,j})\, a^{l-1}_{i+a,j+b}", "dW",
               lambda w, a_, b_: S(w["m"], lambda i, j: w["da"][i, j].item() * w["sp_z"][i, j].item() * at(w["a_prev"], i + a_, j + b_))),
 "W_delta_a_flipped": (r"\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, a^{l-1}_{i-a,j-b}", "dW",
               lambda w, a_, b_: S(w["m"], lambda i, j: w["dz"][i, j].item() * at(w["a_prev"], i - a_, j - b_))),
}
def truthof(key, delta_is="dz"):
    latex, lhs, f = C[key]
    # under a document that defines delta^l = dC/da^l, every delta^l in a claim means dC/da^l ("da")
    if delta_is == "da":
        def g(w, i, j):
            w2 = dict(w); w2["dz"] = w["da"]
            w2["dz_prev"] = w["da_prev"]
            return f(w2, i, j)
        lhs2 = {"dz_prev": "da_prev"}.get(lhs, lhs)
        return T(check(lhs2, g, None))
    return T(check(lhs, f, None))

def mk(name, head, keys, delta_is="dz"):
    cl = [(C[k][0], truthof(k, delta_is), f"torch autograd vs loops; delta = {'dC/da' if delta_is == 'da' else 'dC/dz'}") for k in keys]
    text = head + "\n" + "".join(f"$$\n{c}\n$$\n\n" for c, *_ in cl)
    run(name, text, cl)

ALL = list(C)
F1 = r"""# The convolution layer

The layer $l$ slides a kernel over the activations of layer $l-1$:

$$
a^l_{ij} = \sigma(z^l_{ij}) = \sigma\left(\sum_{a}\sum_{b} W_{a,b}\, a^{l-1}_{i+a,j+b} + b\right)
$$

with $a^{l-1} = \sigma(z^{l-1})$ and $\delta^l = \partial C / \partial z^l$.
"""
mk("f01_chain_named_pre", F1, ALL)

F2 = F1.replace(r"$\delta^l = \partial C / \partial z^l$", r"$\delta^l_{ij} = \frac{\partial C}{\partial a^l_{ij}}$ (the error at the activation)")
mk("f02_chain_delta_is_dC_da", F2, ALL, delta_is="da")

F3 = F1.replace(r"a^l_{ij} = \sigma(z^l_{ij}) = \sigma\left(", r"a^l = \sigma\left(")
mk("f03_wrapped_no_name", F3, ALL)

F4 = F3.replace(r"$\delta^l = \partial C / \partial z^l$", r"$\delta^l_{ij} = \frac{\partial C}{\partial a^l_{ij}}$")
mk("f04_wrapped_delta_is_dC_da", F4, ALL, delta_is="da")
