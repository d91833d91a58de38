r"""Chains ``A = B = C = D``: true and false chains whose sides are right, wrong or unreadable,
in three notations, checked as whole `symbp check` documents, truth from torch autograd.

A chain is one claim: it holds only if every side equals the gradient on its left.  Each
document writes one notation throughout:

* founding: ``<!-- symbp: layer=conv2d … -->`` and whole tensors, ``∂J/∂W = a * δ``,
  ``\text{pad}_1(δ) * \text{rot180}(W)``, ``\sum_{u,v} δ_{u,v}``;
* index: a cross-correlation forward ``z_{i,j} = Σ_m Σ_n x_{i+m,j+n} w_{m,n}`` and entry claims
  (the sides of :mod:`campaign_index`, its mutations and its truth);
* dense: ``z_j = Σ_k w_{jk} a_k + b_j`` and ``∂C/∂w_{jk} = δ_j a_k``.

A chain has 2 or 3 right sides after its left side, each drawn from: a right form, a wrong form
(a mutation), the chain rule written out (``∂J/∂z ∂z/∂W``, ``Σ_j ∂C/∂z_j ∂z_j/∂a_k``), and a
form this reader cannot read whose meaning is known here (``\operatorname{xcorr}(a, δ)``,
``\sum_{i \in \{j\}} δ_i a_k``, ``\sum_{(i,j) \in \Omega}``), right or wrong.  The truth of every
side is computed here by plain numpy loops against torch's gradients of the same forward, wide
integers so a wrong side cannot agree by chance; a chain is true only if every side is.
Counted: false holds (a chain with a wrong side, read or not, that symbp holds), false
refutations, unchecked (honest for an unreadable side), crashes.

    python benchmarks/campaign_chains.py --n 200 --seed 0
"""
from __future__ import annotations

import random
import sys
import time

import numpy as np
import torch

from campaign_tally import Tally, size_and_seed, wide_values
import campaign_index as ci

KINDS = ("right", "wrong", "chain rule", "unread right", "unread wrong")


# ---- plain numpy meanings (valid cross-correlation, flips, zero padding)
def xcorr(a, k):
    """The valid cross-correlation of 2-D ``a`` with ``k`` by loops, None where k is larger."""
    (h, w), (p, q) = a.shape, k.shape
    if p > h or q > w:
        return None
    out = np.zeros((h - p + 1, w - q + 1))
    for i in range(h - p + 1):
        for j in range(w - q + 1):
            out[i, j] = sum(a[i + u, j + v] * k[u, v] for u in range(p) for v in range(q))
    return out


def rot(a):
    return a[::-1, ::-1]


def pad(a, p):
    out = np.zeros((a.shape[0] + 2 * p, a.shape[1] + 2 * p))
    out[p:p + a.shape[0], p:p + a.shape[1]] = a
    return out


def _fc(a, k):
    return None if a is None or k is None else xcorr(a, k)


# ---- founding notation: whole tensors of one conv2d, kernel 2x2
FOUNDING = {
    "W": (r"\frac{\partial J}{\partial W}", [
        ("right", r"a * \delta", lambda t: xcorr(t["a"], t["d"])),
        ("wrong", r"a * \text{rot180}(\delta)", lambda t: xcorr(t["a"], rot(t["d"]))),
        ("wrong", r"\text{rot180}(a * \delta)", lambda t: _rot(xcorr(t["a"], t["d"]))),
        ("chain rule", r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial W}", None),
        ("unread right", r"\operatorname{xcorr}(a, \delta)", lambda t: xcorr(t["a"], t["d"])),
        ("unread wrong", r"\operatorname{xcorr}(a, \text{rot180}(\delta))", lambda t: xcorr(t["a"], rot(t["d"])))]),
    "a": (r"\frac{\partial J}{\partial a}", [
        ("right", r"\text{pad}_1(\delta) * \text{rot180}(W)", lambda t: xcorr(pad(t["d"], 1), rot(t["W"]))),
        ("wrong", r"\text{pad}_1(\delta) * W", lambda t: xcorr(pad(t["d"], 1), t["W"])),
        ("wrong", r"\text{pad}_1(\text{rot180}(\delta)) * W", lambda t: xcorr(pad(rot(t["d"]), 1), t["W"])),
        ("chain rule", r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial a}", None),
        ("unread right", r"\operatorname{fullconv}(\delta, W)", lambda t: xcorr(pad(t["d"], 1), rot(t["W"]))),
        ("unread wrong", r"\operatorname{fullconv}(\delta, \text{rot180}(W))", lambda t: xcorr(pad(t["d"], 1), t["W"]))]),
    "b": (r"\frac{\partial J}{\partial b}", [
        ("right", r"\sum_{u,v} \delta_{u,v}", lambda t: np.array([[t["d"].sum()]])),
        ("wrong", r"\sum_{u,v} a_{u,v}", lambda t: np.array([[t["a"].sum()]])),
        ("chain rule", r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial b}", None),
        ("unread right", r"\operatorname{total}(\delta)", lambda t: np.array([[t["d"].sum()]])),
        ("unread wrong", r"\operatorname{total}(a)", lambda t: np.array([[t["a"].sum()]]))]),
}


def _rot(a):
    return None if a is None else rot(a)


def founding_sample(h: int, generator):
    """a (h x h), W (2 x 2), δ, and torch's ∂J/∂W, ∂J/∂a, ∂J/∂b for J = Σ δ ⊙ (a ⋆ W + b)."""
    x, w, delta, grads = ci._sample(h, 2, generator)
    t = {"a": x.numpy(), "W": w.numpy(), "d": delta.numpy()}
    return t, {"W": grads["w"].numpy(), "a": grads["x"].numpy(), "b": np.array([[delta.sum().item()]])}


def founding_doc(rng, generator):
    h = rng.choice([3, 4])
    t, grads = founding_sample(h, generator)
    chains = []
    for _ in range(3):
        wrt = rng.choice(sorted(FOUNDING))
        lhs, pool = FOUNDING[wrt]
        sides = [rng.choice(pool) for _ in range(rng.choice([2, 3]))]
        truths = [True if fn is None else _equal(fn(t), grads[wrt]) for _, _, fn in sides]
        chains.append((" = ".join([lhs] + [s[1] for s in sides]), all(truths), [s[0] for s in sides]))
    text = f"# A derivation\n\n<!-- symbp: layer=conv2d input={h}x{h} kernel=2x2 -->\n\n" + \
        "\n\n".join(f"$${c}$$" for c, _, _ in chains) + "\n"
    return text, chains


def _equal(value, want) -> bool:
    return value is not None and np.shape(value) == np.shape(want) and bool(np.all(value == want))


# ---- dense: z_j = Σ_k w_{jk} a_k + b_j; the sides' meanings at (j, k) entry by entry, None: no entry
DENSE = {
    "w": (r"\frac{\partial C}{\partial w_{jk}}", ("j", "k"), [
        ("right", r"\delta_j a_k", lambda t, j, k: _mul(_at(t["d"], j), _at(t["a"], k))),
        ("right", r"a_k \delta_j", lambda t, j, k: _mul(_at(t["d"], j), _at(t["a"], k))),
        ("wrong", r"\delta_k a_j", lambda t, j, k: _mul(_at(t["d"], k), _at(t["a"], j))),
        ("wrong", r"2 \delta_j a_k", lambda t, j, k: _mul(2, _at(t["d"], j), _at(t["a"], k))),
        ("chain rule", r"\frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial w_{jk}}", None),
        # local partials with other entries: ∂z_k/∂w_{jk} = [k = j] a_k (a wrong chain, its value by loops)
        ("wrong", r"\frac{\partial C}{\partial z_k} \frac{\partial z_k}{\partial w_{jk}}",
         lambda t, j, k: _mul(_at(t["d"], k), _at(t["a"], k) if j == k else 0 if _at(t["a"], k) is not None else None)),
        ("chain rule", r"\sum_i \frac{\partial C}{\partial z_i} \frac{\partial z_i}{\partial w_{jk}}", None),
        ("right", r"\frac{\partial C}{\partial w_{jk}} \frac{\partial w_{jk}}{\partial w_{jk}}",
         lambda t, j, k: _mul(_at(t["d"], j), _at(t["a"], k))),
        ("unread right", r"\sum_{i \in \{j\}} \delta_i a_k", lambda t, j, k: _mul(_at(t["d"], j), _at(t["a"], k))),
        ("unread wrong", r"\sum_{i \in \{j\}} \delta_i a_j", lambda t, j, k: _mul(_at(t["d"], j), _at(t["a"], j)))]),
    "b": (r"\frac{\partial C}{\partial b_j}", ("j",), [
        ("right", r"\delta_j", lambda t, j: _at(t["d"], j)),
        ("wrong", r"\delta_j a_j", lambda t, j: _mul(_at(t["d"], j), _at(t["a"], j))),
        ("wrong", r"2 \delta_j", lambda t, j: _mul(2, _at(t["d"], j))),
        ("chain rule", r"\frac{\partial C}{\partial z_j}", None),
        ("chain rule", r"\frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial b_j}", None),
        ("wrong", r"\frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial w_{jj}}",
         lambda t, j: _mul(_at(t["d"], j), _at(t["a"], j))),
        ("unread right", r"\sum_{i \in \{j\}} \delta_i", lambda t, j: _at(t["d"], j)),
        ("unread wrong", r"\sum_{i \in \{j\}} a_i", lambda t, j: _at(t["a"], j))]),
    "a": (r"\frac{\partial C}{\partial a_k}", ("k",), [
        ("right", r"\sum_j w_{jk} \delta_j", lambda t, k: _col(t, k, lambda j: _mul(_at2(t["W"], j, k), _at(t["d"], j)))),
        ("wrong", r"\sum_j w_{jk} a_j", lambda t, k: _col(t, k, lambda j: _mul(_at2(t["W"], j, k), _at(t["a"], j)))),
        ("wrong", r"\sum_j w_{kj} \delta_j", lambda t, k: _col(t, k, lambda j: _mul(_at2(t["W"], k, j), _at(t["d"], j)))),
        ("chain rule", r"\sum_j \frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial a_k}", None),
        ("wrong", r"\sum_j \frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial a_j}",
         lambda t, k: _col(t, k, lambda j: _mul(_at(t["d"], j), _at2(t["W"], j, j)))),
        ("chain rule", r"\sum_i \frac{\partial C}{\partial a_i} \frac{\partial a_i}{\partial a_k}", None),
        ("unread right", r"\sum_{j \in J} w_{jk} \delta_j", lambda t, k: _col(t, k, lambda j: _mul(_at2(t["W"], j, k), _at(t["d"], j)))),
        ("unread wrong", r"\sum_{j \in J} w_{jk} \delta_k", lambda t, k: _col(t, k, lambda j: _mul(_at2(t["W"], j, k), _at(t["d"], k))))]),
}


def _mul(*factors):
    """The product, None where a factor names no entry."""
    out = 1
    for f in factors:
        if f is None:
            return None
        out = out * f
    return out


def _at(v, i):
    return v[i] if v is not None and 0 <= i < len(v) else None


def _at2(m, i, j):
    return m[i, j] if 0 <= i < m.shape[0] and 0 <= j < m.shape[1] else None


def _col(t, k, term):
    """Σ_j over the output rows of ``term(j)``, None where a term names no entry."""
    total = 0
    for j in range(t["W"].shape[0]):
        v = term(j)
        if v is None:
            return None
        total += v
    return total


def dense_doc(rng, generator):
    n_out, n_in = rng.choice([(2, 3), (3, 4), (3, 2)])
    W = wide_values((n_out, n_in), generator).requires_grad_()
    a = wide_values((n_in,), generator).requires_grad_()
    b = wide_values((n_out,), generator).requires_grad_()
    delta = wide_values((n_out,), generator)
    (W @ a + b).backward(delta)
    t = {"W": W.detach().numpy(), "a": a.detach().numpy(), "d": delta.numpy()}
    grads = {"w": W.grad.numpy(), "b": b.grad.numpy(), "a": a.grad.numpy()}
    chains = []
    for _ in range(3):
        wrt = rng.choice(sorted(DENSE))
        lhs, free, pool = DENSE[wrt]
        sides = [rng.choice(pool) for _ in range(rng.choice([2, 3]))]
        truths = [True if fn is None else _dense_truth(fn, grads[wrt], t) for _, _, fn in sides]
        chains.append((" = ".join([lhs] + [s[1] for s in sides]), all(truths), [s[0] for s in sides]))
    text = (f"# A dense layer\n\n<!-- symbp: layer=fc in={n_in} out={n_out} -->\n\n"
            r"$$z_j = \sum_k w_{jk} a_k + b_j$$" "\n\n" + "\n\n".join(f"$${c}$$" for c, _, _ in chains) + "\n")
    return text, chains


def _dense_truth(fn, want, t) -> bool:
    for index in np.ndindex(*want.shape):
        got = fn(t, *index)
        if got is None or got != want[index]:
            return False
    return True


# ---- index notation: the sides of campaign_index (one wrt per chain), some unreadable
def index_doc(rng, generator):
    h, k = rng.randint(3, 5), rng.randint(2, 3)
    sample = ci._sample(h, k, generator)
    chains = []
    for _ in range(3):
        wrt = rng.choice(["x", "w"])
        sides, truths, kinds = [], [], []
        lhs = None
        for _ in range(rng.choice([2, 3])):
            spec = ci.random_claim(rng, wrt)
            spec["written"] = False
            claim = ci.claim_latex(spec)
            lhs, rhs = claim.split(" = ", 1)
            ok = ci.truth(spec, 0, *sample)
            kind = rng.choice(["plain", "plain", "unread", "chain rule"])
            if kind == "unread":                # Σ over a set: every pair, as the prose says
                rhs = rhs.replace(r"\sum_m \sum_n ", r"\sum_{(m,n) \in \Omega} ").replace(
                    r"\sum_i \sum_j ", r"\sum_{(i,j) \in \Omega} ")
            elif kind == "chain rule":          # Σ_{p,q} ∂E/∂z ∂z/∂(entry), letters not the claim's: true
                rhs = (r"\sum_p \sum_q \frac{\partial E}{\partial z_{p,q}} \frac{\partial z_{p,q}}{\partial "
                       + ("x_{ij}}" if wrt == "x" else "w_{mn}}")) if rng.random() < 0.5 else \
                    (r"\frac{\partial E}{\partial z} \frac{\partial z}{\partial " + ("x_{ij}}" if wrt == "x" else "w_{mn}}"))
                ok = True
            sides.append(rhs)
            truths.append(ok)
            kinds.append(("unread " if kind == "unread" else "") + ("right" if ok else "wrong")
                         if kind != "chain rule" else "chain rule")
        chains.append((" = ".join([lhs] + sides), all(truths), kinds))
    text = (f"# A derivation\n\n<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} -->\n\n"
            f"The forward, with Ω every pair of indices:\n\n$${ci.forward_latex(0)}$$\n\n"
            + "\n\n".join(f"$${c}$$" for c, _, _ in chains) + "\n")
    return text, chains


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng, generator = random.Random(seed), torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    makers = {"founding": founding_doc, "index": index_doc, "dense": dense_doc}
    while tally.made < n_claims:
        notation = rng.choice(sorted(makers))
        text, chains = makers[notation](rng, generator)
        report = tally.check(text, len(chains))
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for latex, true, kinds in chains:
            worst = "wrong" if any("wrong" in k for k in kinds) else "unread" if any("unread" in k for k in kinds) \
                else "right"
            tally.record(true, by_latex.get(latex.strip()), text, kind=f"{notation}, a side {worst}")
        tally.made += len(chains)
    return tally.summary("chains campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
