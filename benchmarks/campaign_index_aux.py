r"""The index reader's campaign for tensors a document defines by its own index equation
(``symbp.check.doc_aux``): true and mutated definitions and claims about
``z = conv2d(x, w, stride=s, padding=p)``, checked as whole ``symbp check`` documents, truth
from torch autograd.

Each document states the forward, then three helper tensors in one of several authors'
spellings, each possibly mutated (an offset off by one, the stride of the dilation wrong, the
flip off by one or missing):

    a padded input    \tilde{x}_{i,j} = x_{i-c,j-c} | \tilde{x}_{i+c,j+c} = x_{i,j} | \tilde{x} = \text{pad}(x, c)
    a dilated, padded gradient  \ddot{\delta}_{u,v} = \begin{cases} \delta_{(u-c)/a,(v-c)/a} & (u-c) \bmod a = 0 … \end{cases}
                      | [a \mid u-c][a \mid v-c]\,\delta_{…} | \ddot{\delta}_{au+c,av+c} = \delta_{u,v}
    a flipped kernel  \check{w}_{m,n} = w_{f-m,f-n} | w^{rot}_{m,n} = … | \check{w}_{f-m,f-n} = w_{m,n}

and claims ``∂E/∂w_{mn} = Σ_i Σ_j δ_{ij} x̃_{a i+m, a j+n}`` and ``∂E/∂x_{ij} = Σ_{m,n<k} δ̈_{i+m,j+n} w̌_{m,n}``
(or with ``w`` unflipped).  The truth of a claim is computed here, independently of symbp:
each helper tensor by plain loops as its definition reads (zero where it reaches outside a
tensor; a whole ``pad`` has its own extent, zero beyond it in an implicit sum), every claimed
entry against ``torch.autograd``.  Counted: false holds, false refutations, unchecked, crashes.

    python benchmarks/campaign_index_aux.py --n 200 --seed 0
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import torch

from campaign_tally import Tally, conv_sample, size_and_seed


def _off(v: str, c: int) -> str:
    return v if c == 0 else f"{v}{-c:+d}"          # v - c


def _at(t, i, j) -> int:
    return int(t[i, j]) if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0


def definitions(rng: random.Random, k: int, s: int, p: int) -> tuple[list[str], dict]:
    """The three definitions' LaTeX and their parameters (c: pad offset; a, c2: dilation; f: flip)."""
    c = p if rng.random() < 0.7 else max(0, p + rng.choice([-1, 1]))
    a = s if rng.random() < 0.8 else rng.choice([v for v in (1, 2, 3) if v != s])
    c2 = k - 1 - p if rng.random() < 0.8 else k - 1 - p + rng.choice([-1, 1])
    f = k - 1 if rng.random() < 0.8 else k
    pad_style, dil_style, flip_style = rng.randrange(3), rng.randrange(3), rng.randrange(3)
    out = [[rf"\tilde{{x}}_{{i,j}} = x_{{{_off('i', c)},{_off('j', c)}}}",
            rf"\tilde{{x}}_{{{_off('i', -c)},{_off('j', -c)}}} = x_{{i,j}}",
            rf"\tilde{{x}} = \text{{pad}}(x, {c})"][pad_style]]
    if dil_style == 0:
        out.append(rf"\ddot{{\delta}}_{{u,v}} = \begin{{cases}} \delta_{{({_off('u', c2)})/{a},({_off('v', c2)})/{a}}} & "
                   rf"({_off('u', c2)}) \bmod {a} = 0, ({_off('v', c2)}) \bmod {a} = 0 \\ 0 & \text{{otherwise}} \end{{cases}}")
    elif dil_style == 1:
        out.append(rf"\ddot{{\delta}}_{{u,v}} = [{a} \mid {_off('u', c2)}][{a} \mid {_off('v', c2)}]\, "
                   rf"\delta_{{({_off('u', c2)})/{a},({_off('v', c2)})/{a}}}")
    else:
        au = lambda v: (v if a == 1 else f"{a}{v}") + ("" if c2 == 0 else f"{c2:+d}")   # noqa: E731
        out.append(rf"\ddot{{\delta}}_{{{au('u')},{au('v')}}} = \delta_{{u,v}}")
    name = [r"\check{w}", r"w^{rot}", r"\check{w}"][flip_style]
    out.append(rf"\check{{w}}_{{{f}-m,{f}-n}} = w_{{m,n}}" if flip_style == 2 else
               rf"{name}_{{m,n}} = w_{{{f}-m,{f}-n}}")
    return out, dict(c=c, a=a, c2=c2, f=f, whole_pad=pad_style == 2, flip=name)


def claims(rng: random.Random, k: int, s: int, params: dict) -> list[dict]:
    out = []
    for _ in range(3):
        if rng.random() < 0.5:
            a = s if rng.random() < 0.7 else max(1, s + rng.choice([-1, 1]))
            lat = (r"\frac{\partial E}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} \tilde{x}_{"
                   + f"{'' if a == 1 else a}i+m,{'' if a == 1 else a}j+n" + "}")
            out.append(dict(wrt="w", a=a, latex=lat))
        else:
            flipped = rng.random() < 0.7
            kern = params["flip"] + "_{m,n}" if flipped else "w_{m,n}"
            lat = (r"\frac{\partial E}{\partial x_{i,j}} = \sum_{m=0}^{" + str(k - 1) + r"}\sum_{n=0}^{" + str(k - 1)
                   + r"} \ddot{\delta}_{i+m,j+n} " + kern)
            out.append(dict(wrt="x", flipped=flipped, latex=lat))
    return out


def truth(spec, params, k, x, w, delta, grads) -> bool:
    c, a, c2, f = params["c"], params["a"], params["c2"], params["f"]
    h = x.shape[0]

    def xt(i, j):                              # the padded input as defined
        if params["whole_pad"] and not (0 <= i < h + 2 * c and 0 <= j < h + 2 * c):
            return 0
        return _at(x, i - c, j - c)

    def dd(u, v):                              # the dilated, padded gradient as defined
        if (u - c2) % a or (v - c2) % a:
            return 0
        return _at(delta, (u - c2) // a, (v - c2) // a)

    def kern(m, n):
        return _at(w, f - m, f - n) if spec["flipped"] else _at(w, m, n)

    target = grads[spec["wrt"]]
    for e0, e1 in itertools.product(range(target.shape[0]), range(target.shape[1])):
        if spec["wrt"] == "w":
            total = sum(int(delta[i, j]) * xt(spec["a"] * i + e0, spec["a"] * j + e1)
                        for i in range(delta.shape[0]) for j in range(delta.shape[1]))
        else:
            total = sum(dd(e0 + m, e1 + n) * kern(m, n) for m in range(k) for n in range(k))
        if total != int(target[e0, e1]):
            return False
    return True


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(unread_fails=True), time.perf_counter()
    while tally.made < n_claims:
        s, p = rng.choice([1, 2, 3]), rng.choice([0, 1, 2])
        k = rng.randint(max(2, p + 1), 3)
        h = rng.randint(k + 1, 6)
        defs, params = definitions(rng, k, s, p)
        specs = claims(rng, k, s, params)
        forward = rf"z_{{i,j}} = \sum_m \sum_n w_{{m,n}} x_{{{'' if s == 1 else s}i+m{-p:+d},{'' if s == 1 else s}j+n{-p:+d}}}"
        text = (f"# A derivation\n\n<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={s} padding={p} -->\n\n"
                + "".join(f"$${t}$$\n\n" for t in [forward.replace("+0}", "}").replace("+0,", ",")] + defs)
                + "".join(f"$${sp['latex']}$$\n\n" for sp in specs))
        sample = conv_sample(h, k, s, p, generator)
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {c.latex.strip(): c for c in report.claims}
        for spec in specs:
            tally.record(truth(spec, params, k, *sample), by_latex.get(spec["latex"].strip()), text,
                         kind=spec["wrt"])
        tally.made += len(specs)
    return tally.summary("defined-tensor index campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
