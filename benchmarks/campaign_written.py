r"""Campaign for small examples written out entry by entry and for pooling routed by cases.

Three families of whole ``symbp check`` documents, true and mutated claims, truth from torch:

* **a written-out convolution with a channel (or layer) superscript**: input H×W (3..4), kernel
  k×k (2..3), its forward written entry by entry (``Y^c_{11} = X^c_{11} * K^c_{11} + …``) in one of
  the spellings ``^c``, ``^{(c)}``, ``^{[l]}``, ``^1`` or none, the product ``*``, ``\cdot`` or
  juxtaposed; claims ``∂Y_{ij}/∂K_{mn} = X_{…}``, ``∂Y_{ij}/∂X_{pq} = K_{…}`` (or 0) and
  ``∂E/∂K_{mn}``, ``∂E/∂X_{pq}`` written out as sums of ``∂E/∂Y_{ij} * entry``, two per row
  joined by ``, \hspace{10mm}``, ``\quad`` or ``,``.  Mutants: an index shifted (inside or past the
  tensor), a term dropped, the kernel not flipped.
* **a matrix product written out with one index per entry** (an im2col page's ``C = AB``, rows
  numbered row by row or column by column): ``\begin{cases} c_1 = a_1b_1 + a_2b_3 … \end{cases}``
  and a cases list ``∂C/∂A = \begin{cases} ∂c_k/∂a_q = b_r \\ … \\ \dots \end{cases}``, true or with
  one wrong row.
* **max pooling routed by cases** (window 2, stride 2, H, W in 4..6): ``δ_{⌊i/2⌋,⌊j/2⌋}`` where
  ``x_{ij}`` is its window's maximum (written ``\max …``, ``y_{⌊i/2⌋,⌊j/2⌋}``), else 0, with
  ``\text{if}``/``\text{otherwise}``, commas, or ``如果``/``其它`` and ``;``.  Mutants: 1 otherwise,
  δ to every cell, δ at the input's own index.

The truth is each claim's right side evaluated by plain loops on torch's tensors against torch
autograd (conv2d, a matrix product, max_pool2d at inputs with distinct values).

    python benchmarks/campaign_written.py --n 300 --seed 7
"""
from __future__ import annotations

import itertools
import math
import random
import sys
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

LABELS = ("^c", "^{(c)}", "^{[l]}", "^1", "")
LETTERS = (("X", "K", "Y"), ("x", "w", "y"), ("a", "w", "z"), ("i", "w", "o"), ("Z", "K", "Y"))
PRODUCTS = (" * ", r" \cdot ", " ")
SEPARATORS = (r", \hspace{10mm} ", r" \quad ", ", ")


# ---------------------------------------------------------------- written-out convolution

def _conv_doc(rng, generator):
    h, w = rng.randint(3, 4), rng.randint(3, 4)
    k = rng.choice([2, 3] if min(h, w) > 3 else [2])
    xl, kl, yl = rng.choice(LETTERS)
    lab, prod, sep = rng.choice(LABELS), rng.choice(PRODUCTS), rng.choice(SEPARATORS)
    x = wide_values((h, w), generator).requires_grad_()
    kern = wide_values((k, k), generator).requires_grad_()
    y = F.conv2d(x[None, None], kern[None, None])[0, 0]
    g = wide_values(tuple(y.shape), generator)
    y.backward(g)
    jx, jk = torch.autograd.functional.jacobian(lambda a, b: F.conv2d(a[None, None], b[None, None])[0, 0],
                                                (x.detach(), kern.detach()))
    oh, ow = y.shape
    tensors = {"X": x.detach(), "K": kern.detach(), "G": g}
    names = {"X": xl, "K": kl}

    def ent(letter, i, j):
        return f"{letter}{lab}_{{{i}{j}}}"

    def value(entry):
        name, i, j = entry
        t = tensors[name]
        return float(t[i - 1, j - 1]) if 1 <= i <= t.shape[0] and 1 <= j <= t.shape[1] else math.nan

    rows = []
    for i, j in itertools.product(range(1, oh + 1), range(1, ow + 1)):
        terms = " + ".join(f"{ent(xl, i + m, j + n)}{prod}{ent(kl, m + 1, n + 1)}"
                           for m in range(k) for n in range(k))
        rows.append(f"$$ {ent(yl, i, j)} = {terms} $$")
    claims = []                                          # (latex, true)
    for _ in range(6):
        kind = rng.choice(["jacK", "jacX", "gradK", "gradX"])
        mutate = rng.random() < 0.5
        if kind == "jacK":
            i, j, m, n = rng.randint(1, oh), rng.randint(1, ow), rng.randint(1, k), rng.randint(1, k)
            entry = ("X", i + m - 1, j + n - 1 + (rng.choice([1, -1]) if mutate else 0))
            got, want = value(entry), float(jk[i - 1, j - 1, m - 1, n - 1])
            tex = rf"\frac{{\partial {ent(yl, i, j)}}}{{\partial {ent(kl, m, n)}}} = {ent(xl, *entry[1:])}"
        elif kind == "jacX":
            i, j, p, q = rng.randint(1, oh), rng.randint(1, ow), rng.randint(1, h), rng.randint(1, w)
            m, n = p - i + 1, q - j + 1
            inside = 1 <= m <= k and 1 <= n <= k
            if mutate and inside:
                m, n = k + 1 - m, k + 1 - n              # the kernel flipped (wrong unless symmetric)
            right = ent(kl, m, n) if inside else "0"
            got = value(("K", m, n)) if inside else 0.0
            want = float(jx[i - 1, j - 1, p - 1, q - 1])
            tex = rf"\frac{{\partial {ent(yl, i, j)}}}{{\partial {ent(xl, p, q)}}} = {right}"
        elif kind == "gradK":
            m, n = rng.randint(1, k), rng.randint(1, k)
            terms = [((i, j), ("X", i + m - 1, j + n - 1)) for i in range(1, oh + 1) for j in range(1, ow + 1)]
            if mutate:
                terms = terms[:-1] if rng.random() < 0.5 else terms[:-1] + [(terms[-1][0], ("X", 1, 1))]
            got = sum(float(g[i - 1, j - 1]) * value(e) for (i, j), e in terms)
            want = float(kern.grad[m - 1, n - 1])
            tex = rf"\frac{{\partial E}}{{\partial {ent(kl, m, n)}}} = " + " + ".join(
                rf"\frac{{\partial E}}{{\partial {ent(yl, i, j)}}}{prod}{ent(xl, *e[1:])}" for (i, j), e in terms)
        else:
            p, q = rng.randint(1, h), rng.randint(1, w)
            terms = [((i, j), ("K", p - i + 1, q - j + 1)) for i in range(1, oh + 1) for j in range(1, ow + 1)
                     if 1 <= p - i + 1 <= k and 1 <= q - j + 1 <= k]
            if mutate and len(terms) > 1:
                terms = terms[1:]
            got = sum(float(g[i - 1, j - 1]) * value(e) for (i, j), e in terms)
            want = float(x.grad[p - 1, q - 1])
            tex = rf"\frac{{\partial E}}{{\partial {ent(xl, p, q)}}} = " + (" + ".join(
                rf"\frac{{\partial E}}{{\partial {ent(yl, i, j)}}}{prod}{ent(kl, *e[1:])}" for (i, j), e in terms) or "0")
        claims.append((tex, got == want, f"written {kind}" + " mutant" * mutate))
    body = [sep.join(c[0] for c in claims[a:a + 2]) for a in range(0, len(claims), 2)]
    text = "A worked example, one channel:\n\n" + "\n\n".join(rows) + "\n\n" + \
        "\n\n".join(f"$$ {row} $$" for row in body) + "\n"
    return text, claims


# ---------------------------------------------------------------- a matrix product, one index

def _matrix_doc(rng, generator):
    by_rows = rng.random() < 0.5
    order = {1: (0, 0), 2: (0, 1), 3: (1, 0), 4: (1, 1)} if by_rows else {1: (0, 0), 2: (1, 0), 3: (0, 1), 4: (1, 1)}
    number = {v: q for q, v in order.items()}
    a, b = wide_values((2, 2), generator), wide_values((2, 2), generator)
    jac = torch.autograd.functional.jacobian(lambda t: t @ b, a)
    rows = []
    for q in range(1, 5):
        r, s = order[q]
        rows.append(f"c_{q} = " + " + ".join(f"a_{number[(r, t)]}b_{number[(t, s)]}" for t in (0, 1)))
    listed, truth = [], True
    wrong_at = rng.randrange(6) if rng.random() < 0.5 else None
    for n, (q, p) in enumerate(rng.sample(list(itertools.product(range(1, 5), range(1, 5))), 6)):
        (r, s), (u, v) = order[q], order[p]
        want = float(jac[r, s, u, v])
        right = next((f"b_{number[(e, f)]}" for (e, f) in order.values() if float(b[e, f]) == want and want), "0")
        if n == wrong_at:
            right = "0" if right != "0" else "b_1"
        got = 0.0 if right == "0" else float(b[order[int(right[2:])]])
        truth &= got == want
        listed.append(rf"\frac{{\partial c_{q}}}{{\partial a_{p}}} = {right}")
    text = ("$$ C = AB \\\\ \\begin{cases} " + " \\\\ ".join(rows) + r" \end{cases} $$" "\n\n"
            "$$ \\frac{\\partial C}{\\partial A} = \\begin{cases} " + " \\\\ ".join(listed) +
            r" \\ \dots \end{cases} $$" "\n")
    return text, [(None, truth, "matrix cases" + " mutant" * (wrong_at is not None))]


# ---------------------------------------------------------------- max pooling by cases

def _pool_doc(rng, generator):
    h, w = rng.choice([4, 6]), rng.choice([4, 6])
    x = torch.randperm(h * w, generator=generator).double().reshape(h, w)
    d = wide_values((h // 2, w // 2), generator)
    xg = x.clone().requires_grad_(True)
    F.max_pool2d(xg[None, None], 2, 2)[0, 0].backward(d)
    window = r"\max_{0 \le m,n < 2} x_{2\lfloor i/2 \rfloor+m, 2\lfloor j/2\rfloor+n}"
    delta = r"\delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"
    cond = rng.choice([window, r"y_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"])
    spelling = rng.choice(["text", "comma", "zh"])
    mutant = rng.choice([None, None, "one", "all", "own"])
    value = r"\delta_{ij}" if mutant == "own" else delta
    other = "1" if mutant == "one" else (delta if mutant == "all" else "0")
    if spelling == "text":
        tex = rf"\begin{{cases}} {value} & \text{{if }} x_{{ij}} = {cond} \\ {other} & \text{{otherwise}} \end{{cases}}"
    elif spelling == "comma":
        tex = rf"\begin{{cases}} {value}, & x_{{ij}} = {cond} \\ {other}, & \text{{else}} \end{{cases}}"
    else:
        tex = rf"\begin{{cases}} {value} ; & 如果 x_{{ij}} = {cond} \\ {other} ; & 其它 \end{{cases}}"

    def claimed(i, j):
        top = max(float(x[2 * (i // 2) + m, 2 * (j // 2) + n]) for m in (0, 1) for n in (0, 1))
        at_max = float(x[i, j]) == top
        routed = float(d[i, j]) if mutant == "own" and i < d.shape[0] and j < d.shape[1] else \
            (math.nan if mutant == "own" else float(d[i // 2, j // 2]))
        return routed if at_max else (1.0 if mutant == "one" else float(d[i // 2, j // 2]) if mutant == "all" else 0.0)
    truth = all(claimed(i, j) == float(xg.grad[i, j]) for i in range(h) for j in range(w))
    text = (f"<!-- symbp: layer=maxpool input={h}x{w} kernel=2x2 stride=2 index_base=0 "
            "names: x=input y=output L=loss -->\n\n# max pooling\n\n"
            "$$y_{ij} = \\max_{0 \\le m,n < 2} x_{2i+m,2j+n}$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial x_{{ij}}}} = {tex}$$\n")
    return text, [(None, truth, f"pool cases {spelling}" + f" mutant {mutant}" * bool(mutant))]


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 300, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        text, claims = rng.choice([_conv_doc, _conv_doc, _matrix_doc, _pool_doc])(rng, generator)
        report = tally.check(text, len(claims))
        if report is None:
            continue
        by_latex = {c.latex.strip(): c for c in report.claims}
        for tex, true, kind in claims:
            got = report.claims[-1] if tex is None else by_latex.get(tex.strip())
            tally.record(true, got, text, kind)
        tally.made += len(claims)
    return tally.summary("written-out examples and pooling by cases", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
