r"""The index reader's campaign for convolutions with channels and a batch: true and mutated
index-notation claims about a conv2d (or conv1d) layer whose forward is written in one of the
orders real authors use (NCHW, NHWC, CHW, HWC; kernel OIHW, OHWI or HWIO; a 1-D ``CW``
layer), its product written side by side, with a dot (``x_{…}.w_{…}``), ``\cdot`` or
``\times``, checked as whole ``symbp check`` documents with no directive, so the index order,
the base and the roles come from the forward alone.  Truth: torch autograd
(``conv2d``/``conv1d``) and plain loops over each claim's own formula, never symbp.

    y_{…} = Σ_c Σ_m Σ_v x_{…, i+m(-1), j+v(-1), …} w_{…} + b_f        (the forward)
    ∂L/∂w_{…} = Σ_n Σ_i Σ_j δ_{…} x_{…}                                (a true claim, mutants:
    ∂L/∂x_{…} = Σ_f Σ_m Σ_v δ_{…, p-m(+1), q-v(+1), …} w_{…}            channels exchanged,
                                                                          an offset, a sign)

A sum without bounds runs over every integer, an entry outside its tensor is 0 (the
reader's stated meaning of an implicit range).  A 2-D document may instead write its sums'
ranges (issue 12, round three) with sizes carrying layer labels that only the prose's shapes
bind (``$Y^l$ has size $N \times C^l \times H^l \times W^l$``): ``\sum_{i=0}^{H^{l}-1}``,
``\sum_{0 \le n < N}``, ``\sum_{j<W^{l}}``, ``\sum_{1 \le i \le H^{l}}``, and prime its
letters (``x_{n,c,p',q'}``, ``\sum_{m'}``); its extra mutant runs the rows to the input's
``H^{l-1}``, past the rows δ has (false: a written bound reaching an entry that does not exist).

    python benchmarks/campaign_index_channels.py 200 0        # claims, seed
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import numpy as np
import torch

from campaign_tally import Tally, wide_values

LAYOUTS = [("NCHW", "OIHW"), ("NHWC", "OHWI"), ("NHWC", "HWIO"), ("CHW", "OIHW"), ("HWC", "HWIO"),
           ("HWC", "OHWI"), ("NCW", "OIW"), ("CW", "OIW")]
LETTERS = {"N": "n", "C": "c", "O": "f", "I": "c"}


def _entry(arr, ix):
    return arr[tuple(ix)] if all(0 <= i < s for i, s in zip(ix, arr.shape)) else 0.0


def _idx(layout, values: dict) -> list:
    return [values[a] for a in layout]


def _tex(layout, values: dict) -> str:
    return "{" + ",".join(values[a] for a in layout) + "}"


_SIZES = {"N": "N", "C": "C^{%s}", "H": "H^{%s}", "W": "W^{%s}"}


def prose_shapes(xl: str) -> str:
    """The sentence giving the output's and the input's shapes with layer-labelled sizes."""
    def shape(label):
        return r" \times ".join(_SIZES[a] % label if "%" in _SIZES[a] else _SIZES[a] for a in xl)
    return f"The output $Y^l$ has size ${shape('l')}$ and the input $X^{{l-1}}$ has size ${shape('l-1')}$.\n\n"


def _ranged(var: str, size: str, base: int, style: str) -> str:
    """One sum over ``var`` up to the size ``size`` (every value of that axis) in ``style``."""
    if style == "bounds":
        return rf"\sum_{{{var}={base}}}^{{{size}{'' if base else '-1'}}}"
    if base:
        return rf"\sum_{{1 \le {var} \le {size}}}"
    return rf"\sum_{{0 \le {var} < {size}}}" if var == "n" else rf"\sum_{{{var}<{size}}}"


def make_document(rng: random.Random):
    """(document text, [(claim latex, truth)]) for one random layout, base and set of mutants."""
    xl, kl = rng.choice(LAYOUTS)
    one_d = "H" not in xl
    base = rng.choice((0, 1))
    style = "implicit" if one_d else rng.choice(("implicit", "bounds", "inequalities"))
    prime = "'" if rng.random() < 0.5 else ""
    minus = "-1" if base else ""
    plus = "+1" if base else ""
    out_l = xl                                    # the output in the input's order (C is then f)
    sx = {"N": "n", "C": "c", "H": f"i+m{minus}", "W": f"j+v{minus}"}
    sy = {"N": "n", "C": "f", "H": "i", "W": "j"}
    sw = {"O": "f", "I": "c", "H": "m", "W": "v"}
    sums = "".join(rf"\sum_{{{v}}}" for v in ("c", "v") if True) if one_d else r"\sum_{c}\sum_{m}\sum_{v}"
    if base:
        sums = (r"\sum_{c=1}^{C}\sum_{v=1}^{K}" if one_d else
                r"\sum_{c=1}^{C}\sum_{m=1}^{K}\sum_{v=1}^{K}")
    # the product as authors write it (round six): side by side, a dot, \cdot or \times
    times = rng.choice((" ", ".", r" \cdot ", r" \times "))
    fwd = rf"y_{_tex(out_l, sy)} = {sums} x_{_tex(xl, sx)}{times}w_{_tex(kl, sw)} + b_f"
    batch = "N" in xl
    claims = []
    # the weight gradient and its mutants
    for kind in ("true", "swap", "offset", "nobatch", "wide"):
        if (kind == "nobatch" and not batch) or (kind == "wide" and style == "implicit"):
            continue
        sx2 = dict(sx)
        if kind == "swap":
            sx2["C"] = "f"
        if kind == "offset":
            sx2["W"] = f"j+v{minus}+1"
        bsum = r"\sum_{n}" if batch and kind != "nobatch" else ""
        pos = r"\sum_{j}" if one_d else r"\sum_{i}\sum_{j}"
        if style != "implicit":
            bsum = _ranged("n", "N", base, style) if bsum else ""
            pos = _ranged("i", "H^{l-1}" if kind == "wide" else "H^{l}", base, style) + \
                _ranged("j", "W^{l}", base, "bounds")
        lhs = rf"\frac{{\partial L}}{{\partial w_{_tex(kl, sw)}}}"
        if kind == "nobatch":           # n free on the right: give it a fixed example instead
            sx2["N"], sy2 = "1" if base else "0", {**sy, "N": "1" if base else "0"}
        else:
            sy2 = sy
        tex = rf"{lhs} = {bsum}{pos} \frac{{\partial L}}{{\partial y_{_tex(out_l, sy2)}}} x_{_tex(xl, sx2)}"
        claims.append((tex, ("w", kind)))
    # the input gradient and its mutants
    for kind in ("true", "swap", "sign", "offset"):
        p, q, m = "p" + prime, "q" + prime, "m" + prime
        sq = {"N": "n", "C": "c", "H": p, "W": q}
        sd = {"N": "n", "C": "f", "H": f"{p}-{m}{plus}", "W": f"{q}-v{plus}"}
        sk = {**sw, "H": m}
        if kind == "swap":
            sk = {"O": "c", "I": "f", "H": m, "W": "v"}
        if kind == "sign":
            sd["W"] = f"{q}+v{minus}"
        if kind == "offset":
            sd["W"] = f"{q}-v{plus}+1"
        pos = r"\sum_{v}" if one_d else rf"\sum_{{{m},v}}" if prime else r"\sum_{m}\sum_{v}"
        tex = (rf"\frac{{\partial L}}{{\partial x_{_tex(xl, sq)}}} = \sum_{{f}}{pos} "
               rf"\frac{{\partial L}}{{\partial y_{_tex(out_l, sd)}}} w_{_tex(kl, sk)}")
        claims.append((tex, ("x", kind)))
    pre = []
    if not one_d and rng.random() < 0.4:      # issue 12, round four: Y = X * W + b stated once above,
        pre = [r"z = a V + c"] if rng.random() < 0.5 else []     # (after a dense layer or not)
        pre.append(r"Y = X %s W + b" % rng.choice(("*", r"\ast", r"\star")))
        fwd = fwd.replace(" + b_f", "")       # the entries restate it without the bias
        bsum = _ranged("n", "N", base, style) if style != "implicit" else r"\sum_{n}"
        pos = (_ranged("i", "H^{l}", base, style) + _ranged("j", "W^{l}", base, "bounds")
               if style != "implicit" else r"\sum_{i}\sum_{j}")
        for kind in ("true", "nobatch") if batch else ("true",):
            sy2 = {**sy, "N": "1" if base else "0"} if kind == "nobatch" else sy
            tex = (rf"\frac{{\partial L}}{{\partial b_f}} = {bsum if kind == 'true' else ''}{pos} "
                   rf"\frac{{\partial L}}{{\partial y_{_tex(out_l, sy2)}}}")
            claims.append((tex, ("b", kind)))
    if not one_d and not batch and style == "implicit" and rng.random() < 0.35:
        # issue 12, round 19: the forward written without indices (y = x * w + b, the cross-
        # correlation said in words): the claims' own letters settle the index orders
        bsum = r"\sum_{i}\sum_{j}"
        claims = [c for c in claims if c[1][0] != "b"]      # not the Y = X * W + b stream's
        claims.append((rf"\frac{{\partial L}}{{\partial b_f}} = {bsum} \frac{{\partial L}}{{\partial y_{_tex(out_l, sy)}}}",
                       ("b", "true")))
        claims.append((rf"\frac{{\partial L}}{{\partial b_f}} = \sum_{{i}} \frac{{\partial L}}{{\partial y_{_tex(out_l, sy)}}}",
                       ("b", "nobatch-j")))
        return xl, kl, base, [r"y = x %s w + b" % rng.choice(("*", r"\ast"))], claims, \
            "A convolutional layer: input $x$, kernel $w$, bias $b$, output $y$; $*$ is the cross-correlation.\n\n"
    return xl, kl, base, pre + [fwd], claims, (prose_shapes(xl) if style != "implicit" else "")


def truth(xl, kl, base, which, gen) -> bool:
    """Whether the claim ``which`` = (tensor, mutant) holds, by loops against torch autograd, at
    2 examples (or 1 where the layout has no batch axis), 2 input and 3 output channels."""
    tensor, kind = which
    one_d = "H" not in xl
    nb = 2 if "N" in xl else 1
    h, w, kh, kw = (1, 6, 1, 3) if one_d else (4, 5, 2, 3)
    x = wide_values((nb, 2, h, w), gen).requires_grad_(True)
    k = wide_values((3, 2, kh, kw), gen).requires_grad_(True)
    y = torch.nn.functional.conv2d(x, k)
    g = wide_values(tuple(y.shape), gen)
    (y * g).sum().backward()
    X, K, G = x.detach().numpy(), k.detach().numpy(), g.numpy()
    dX, dK = x.grad.numpy(), k.grad.numpy()
    oh, ow = G.shape[2:]
    if kind == "wide":              # rows to the input's H: entries of δ that do not exist
        return not h > oh
    if which == ("b", "nobatch-j"):  # Σ_i δ with j left free: no entry of dL/db (a wrong claim)
        return False
    if tensor == "b":               # Σ_n Σ_i Σ_j δ (or the first example's only) against dL/db
        return bool(np.allclose(G.sum(axis=(0, 2, 3)), G[:1].sum(axis=(0, 2, 3)) if kind == "nobatch"
                                else G.sum(axis=(0, 2, 3))))
    if tensor == "w":
        got = np.zeros_like(K)
        for f, c, m, v in itertools.product(range(3), range(2), range(kh), range(kw)):
            total = 0.0
            for n in (range(nb) if kind != "nobatch" else (0,)):
                for i, j in itertools.product(range(oh), range(ow)):
                    cx = f if kind == "swap" else c
                    jx = j + v + (1 if kind == "offset" else 0)
                    total += G[n, f, i, j] * (_entry(X, (n, cx, i + m, jx)) if cx < 2 else np.nan)
            got[f, c, m, v] = total
        return bool(np.allclose(got, dK))
    got = np.zeros_like(X)
    for n, c, p, q in itertools.product(range(nb), range(2), range(h), range(w)):
        total = 0.0
        for f, m, v in itertools.product(range(3), range(kh), range(kw)):
            qd = q + v if kind == "sign" else q - v + (1 if kind == "offset" else 0)
            kern = K[f, c, m, v] if kind != "swap" else (K[c, f, m, v] if f < 3 and c < 3 and f < 2 else np.nan)
            total += _entry(G, (n, f, p - m, qd)) * kern
        got[n, c, p, q] = total
    return bool(np.allclose(got, dX))


def run(n_claims: int, seed: int) -> int:
    rng, gen = random.Random(seed), torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.time()
    while tally.made < n_claims:
        xl, kl, base, fwds, claims, prose = make_document(rng)
        text = f"# A layer ({xl}, {kl})\n\n{prose}" + "".join(f"$${f}$$\n\n" for f in fwds) + \
            "".join(f"$${c}$$\n\n" for c, _ in claims)
        report = tally.check(text, len(claims))
        if report is None:
            continue
        verdicts = report.claims[len(fwds):]
        for (tex, which), verdict in zip(claims, verdicts):
            tally.record(truth(xl, kl, base, which, gen), verdict, text, kind=f"{'bare ' * ('_' not in fwds[-1])}{xl}/{kl} {which[0]} {which[1]}")
            tally.made += 1
    return tally.summary("index campaign, channels", seed, time.time() - start)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]] + [200, 0][len(sys.argv[1:3]):]
    sys.exit(run(*args))
