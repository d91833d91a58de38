r"""Plain-text and code-like backward rules' adversarial campaign: true and mutated claims typed
the way notes and answers type them (``dx = dout.dot(w.T)``, ``db = np.sum(dout, axis=0)``,
``dW = X.T @ dY``, ``dL/dW[f, c, p, q] = Σ_i Σ_j dL/dY[f, i, j] * X[c, i+p, j+q]``, ``sum_{i,j}``,
``∑_{f,p,q} … · …``), checked as whole ``symbp check`` documents with no directive.

Two families.  A fully connected layer with samples as rows (``out = x w + b`` in one of
three code spellings): every product of the upstream gradient with ``w``, ``w.T``, ``x`` or
``x.T`` in either order, spelled with ``.dot``, ``@``, ``np.dot`` or ``np.matmul``, and
``np.sum`` over axis 0 or 1; truth by evaluating the same NumPy expression against
``torch.autograd`` (an expression NumPy cannot form is false).  A conv2d layer written with
bracket entries (``Y[f, i, j] = b[f] + Σ_c Σ_p Σ_q W[f, c, p, q] * X[c, i+p, j+q]``): the
gradients of W and X with random sign and offset mutations of the indices; truth by plain
loops over the written formula (entries outside a tensor are 0) against autograd.

    python benchmarks/campaign_plain.py --n 200 --seed 0
"""
from __future__ import annotations

import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

FC_FORWARDS = ["out = x.dot(w) + b", "out = np.dot(x, w) + b", "out = x @ w + b"]
FC_OPERANDS = {"w": lambda a: a["w"], "w.T": lambda a: a["w"].T, "x": lambda a: a["x"],
               "x.T": lambda a: a["x"].T}


def _product(left: str, right: str, style: str) -> str:
    return {"dot": f"{left}.dot({right})", "@": f"{left} @ {right}",
            "np.dot": f"np.dot({left}, {right})", "np.matmul": f"np.matmul({left}, {right})"}[style]


def fc_claim(rng: random.Random):
    """(text, truth function of the arrays) for one fully connected claim."""
    if rng.random() < 0.2:
        axis = rng.choice([0, 1])
        return f"db = np.sum(dout, axis={axis})", lambda a: _same(np.sum(a["dout"], axis=axis), a["db"])
    wrt = rng.choice(["dx", "dw"])
    other = rng.choice(list(FC_OPERANDS))
    first, second = ("dout", other) if rng.random() < 0.5 else (other, "dout")
    style = rng.choice(["dot", "@", "np.dot", "np.matmul"])

    def value(a, name):
        return a["dout"] if name == "dout" else FC_OPERANDS[name](a)

    def truth(a):
        try:
            got = value(a, first) @ value(a, second)
        except ValueError:
            return False
        return _same(got, a[wrt])
    return f"{wrt} = {_product(first, second, style)}", truth


def _same(got, want) -> bool:
    return got.shape == want.shape and bool(np.array_equal(got, want))


def fc_sample(generator, n: int, d: int, m: int):
    x, w, b = (wide_values(s, generator).requires_grad_() for s in ((n, d), (d, m), (m,)))
    out = x @ w + b
    g = wide_values((n, m), generator)
    out.backward(g)
    return {"x": x.detach().numpy(), "w": w.detach().numpy(), "dout": g.numpy(),
            "dx": x.grad.numpy(), "dw": w.grad.numpy(), "db": b.grad.numpy()}


CONV_STYLES = [   # forward, the sums of ∂W and of ∂X, the product sign, the derivative spelling
    ("Y[f, i, j] = b[f] + Σ_c Σ_p Σ_q  W[f, c, p, q] * X[c, i+p, j+q]", "Σ_i Σ_j", "Σ_f Σ_p Σ_q", "*", "dL/d{}"),
    ("Y[f, i, j] = b[f] + sum_{c,p,q} W[f, c, p, q] * X[c, i+p, j+q]", "sum_{i,j}", "sum_{f,p,q}", "*", "d{}"),
    ("Y[f, i, j] = b[f] + ∑_{c,p,q} W[f, c, p, q] · X[c, i+p, j+q]", "∑_{i,j}", "∑_{f,p,q}", "·", "∂L/∂{}"),
]


def _idx(letter: str, sign: int, other: str, offset: int) -> str:
    k = "" if offset == 0 else (f"+{offset}" if offset > 0 else f"{offset}")
    return f"{letter}{'+' if sign > 0 else '-'}{other}{k}"


def conv_claim(rng: random.Random, style):
    """(text, spec) for one conv claim: ∂W (true: Σ_ij dY[f,i,j] X[c,i+p,j+q]) or ∂X (true:
    Σ_fpq dY[f,m-p,n-q] W[f,c,p,q]), mutated at random in signs and offsets."""
    _, sum2, sum3, star, grad = style
    wrt = rng.choice(["W", "X"])
    s, o = [1, 1] if wrt == "W" else [-1, -1], [0, 0]
    if rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            if rng.random() < 0.5:
                s[rng.randrange(2)] *= -1
            else:
                o[rng.randrange(2)] += rng.choice([-1, 1])
    g = grad.format("Y")
    if wrt == "W":
        body = (f"{g}[f, i, j] {star} X[c, {_idx('i', s[0], 'p', o[0])}, {_idx('j', s[1], 'q', o[1])}]")
        text = f"{grad.format('W')}[f, c, p, q] = {sum2} {body}"
    else:
        body = f"{g}[f, {_idx('m', s[0], 'p', o[0])}, {_idx('n', s[1], 'q', o[1])}] {star} W[f, c, p, q]"
        text = f"{grad.format('X')}[c, m, n] = {sum3} {body}"
    return text, (wrt, s, o)


def conv_truth(spec, sample) -> bool:
    wrt, s, o = spec
    x, w, g, grads = sample
    F_, C, KH, KW = w.shape
    _, OH, OW = g.shape
    _, H, W = x.shape

    def at(a, *idx):
        return int(a[idx]) if all(0 <= k < n for k, n in zip(idx, a.shape)) else 0

    if wrt == "W":
        for f in range(F_):
            for c in range(C):
                for p in range(KH):
                    for q in range(KW):
                        total = sum(at(g, f, i, j) * at(x, c, i + s[0] * p + o[0], j + s[1] * q + o[1])
                                    for i in range(OH) for j in range(OW))
                        if total != int(grads["W"][f, c, p, q]):
                            return False
        return True
    for c in range(C):
        for m in range(H):
            for n in range(W):
                total = sum(at(g, f, m + s[0] * p + o[0], n + s[1] * q + o[1]) * int(w[f, c, p, q])
                            for f in range(F_) for p in range(KH) for q in range(KW))
                if total != int(grads["X"][c, m, n]):
                    return False
    return True


def conv_sample(generator, h: int, wd: int, kh: int, kw: int, cin: int, cout: int):
    x = wide_values((1, cin, h, wd), generator).requires_grad_()
    w = wide_values((cout, cin, kh, kw), generator).requires_grad_()
    y = F.conv2d(x, w)
    g = wide_values(tuple(y.shape), generator)
    y.backward(g)
    return x.detach()[0], w.detach(), g[0], {"X": x.grad[0], "W": w.grad}


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        if rng.random() < 0.5:
            claims = [fc_claim(rng) for _ in range(4)]
            text = (f"# affine layer\n\n$$\n{rng.choice(FC_FORWARDS)}\n$$\n\n"
                    + "".join(f"$$\n{c}\n$$\n\n" for c, _ in claims))
            samples = [fc_sample(generator, n, d, m) for n, d, m in ((2, 4, 3), (3, 2, 4), (2, 3, 3))]
            truths = [all(t(a) for a in samples) for _, t in claims]
        else:
            style = rng.choice(CONV_STYLES)
            made = [conv_claim(rng, style) for _ in range(4)]
            claims = [(c, None) for c, _ in made]
            text = f"# conv\n\n$$\n{style[0]}\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c, _ in made)
            samples = [conv_sample(generator, *size) for size in
                       ((3, 3, 2, 2, 2, 3), (4, 5, 2, 3, 2, 3), (5, 5, 3, 3, 2, 3))]
            truths = [all(conv_truth(spec, s) for s in samples) for _, spec in made]
        report = tally.check(text, len(claims))
        if report is None:
            continue
        by_text = {c.latex.strip(): c for c in report.claims}
        for (claim, _), truth in zip(claims, truths):
            tally.record(truth, by_text.get(claim.strip()), text)
        tally.made += len(claims)
    return tally.summary("plain-text campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
