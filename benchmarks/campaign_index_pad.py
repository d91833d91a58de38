r"""The index reader's campaign for strided and zero-padded layers: true and mutated
index-notation claims about ``z = conv2d(x, w, stride=s, padding=p)``, checked as whole
``symbp check`` documents, truth from torch autograd.

Each document states the forward ``z_{i,j} = \sum_m \sum_n w_{m,n} x_{s i + m - p, s j + n - p}``
(0-based) with the stride and padding in a directive or in its prose ("stride 2 and zero
padding of 1"; at stride 1 with a directive, sometimes the letter ``x_{i+m-P, j+n-P}``), and claims drawn around the true ones

    ∂E/∂w_{mn} = Σ_i Σ_j δ_{i,j} x_{a i + m + c, a j + n + c}          (true: a = s, c = -p)
    ∂E/∂x_{pq} = Σ_i Σ_j δ_{i,j} w_{p - a i + c, q - a j + c}          (true: a = s, c = p)

with mutations: the stride dropped or off by one, the padding offset off by one or dropped,
the sign of the kernel index, the two axes' offsets apart.  About one document in seven has
a 66x66 to 72x72 input, too large to check entry by entry: symbp checks it at reduced sizes
(keeping kernel, stride and padding), the truth is still torch's at the document's size.  The truth of a claim is computed
here, independently of symbp: sums over every integer, entries outside a tensor are 0 (for
x that is its zero padding), against ``torch.autograd`` gradients.  About one document in four
(never a large one) states that rule in its prose, in one of several authors' wordings
("Entries outside a tensor are taken as zero", 越界的项为 0, "se toman como cero"), and its
claims then write the sums' bounds, ``\sum_{i=0}^{O-1}``, which reach outside the kernel.  Counted: false holds,
false refutations, unchecked, crashes.

    python benchmarks/campaign_index_pad.py --n 400 --seed 0
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import torch

from campaign_tally import Tally, conv_sample, size_and_seed

WIDE = range(-14, 18)


def _lin(a: int, v: str, c: int) -> str:
    """``a v + c`` as LaTeX (``2i-1``, ``i``, ``i+2``)."""
    head = v if a == 1 else (f"{a}{v}" if a > 1 else ("0" if a == 0 else f"-{-a}{v}"))
    return head + ("" if c == 0 else f"{c:+d}")


def random_claim(rng: random.Random, wrt: str, s: int, p: int) -> dict:
    spec = dict(wrt=wrt, a=s, c=[-p, -p] if wrt == "w" else [p, p], sign=1)
    if rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(["stride", "offset", "drop_pad", "sign"])
            if kind == "stride":
                spec["a"] = max(1, spec["a"] + rng.choice([-1, 1]))
            elif kind == "offset":
                spec["c"][rng.randrange(2)] += rng.choice([-1, 1])
            elif kind == "drop_pad":
                spec["c"] = [0, 0]
            else:
                spec["sign"] = -spec["sign"]
    return spec


ZERO_SAID = ["Entries outside a tensor are taken as zero.", "Out-of-range entries are treated as 0.",
             "越界的项为 0。", "Los índices fuera de rango se toman como cero.",
             "Any entry outside its tensor is assumed to be zero."]


def claim_latex(spec, last: int | None = None) -> str:
    """``last``: the sums' written upper bound (the output's last index), else none written."""
    a, (c0, c1), sg = spec["a"], spec["c"], "+" if spec["sign"] == 1 else "-"
    sums = r"\sum_i \sum_j" if last is None else f"\\sum_{{i=0}}^{{{last}}} \\sum_{{j=0}}^{{{last}}}"
    return _claim_latex(spec, a, c0, c1, sg).replace(r"\sum_i \sum_j", sums, 1)


def _claim_latex(spec, a, c0, c1, sg) -> str:
    if spec["wrt"] == "w":
        return (r"\frac{\partial E}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} "
                f"x_{{{_lin(a, 'i', 0)}{sg}m{c0:+d},{_lin(a, 'j', 0)}{sg}n{c1:+d}}}".replace("+0}", "}").replace("+0,", ","))
    return (r"\frac{\partial E}{\partial x_{p,q}} = \sum_i \sum_j \delta_{i,j} "
            f"w_{{p{'-' if sg == '+' else '+'}{_lin(a, 'i', 0)}{c0:+d},q{'-' if sg == '+' else '+'}{_lin(a, 'j', 0)}{c1:+d}}}"
            .replace("+0}", "}").replace("+0,", ","))


def truth(spec, x, w, delta, grads) -> bool:
    def at(t, i, j):
        return int(t[i, j]) if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0
    a, (c0, c1), sg = spec["a"], spec["c"], spec["sign"]
    target = grads[spec["wrt"]]
    for e0, e1 in itertools.product(range(target.shape[0]), range(target.shape[1])):
        total = 0
        for i, j in itertools.product(range(delta.shape[0]), range(delta.shape[1])):
            d = int(delta[i, j])
            if spec["wrt"] == "w":
                total += d * at(x, a * i + sg * e0 + c0, a * j + sg * e1 + c1)
            else:
                total += d * at(w, e0 - sg * a * i + c0, e1 - sg * a * j + c1)     # p ∓ a i + c
        if total != int(target[e0, e1]):
            return False
    return True


def document(h: int, k: int, s: int, p: int, in_prose: bool, claims: list[str], letter: bool = False,
             said: str = "") -> str:
    """``letter``: the forward pads by the letter P (``x_{i+m-P, j+n-P}``), the directive gives its value."""
    forward = (r"z_{i,j} = \sum_m \sum_n w_{m,n} x_{" + f"{_lin(s, 'i', 0)}+m{-p:+d},{_lin(s, 'j', 0)}+n{-p:+d}"
               .replace("+0,", ",") + "}").replace("+0}", "}")
    if letter:
        forward = r"z_{i,j} = \sum_m \sum_n w_{m,n} x_{i+m-P,j+n-P}"
    head = (f"The input $x$ is ${h} \\times {h}$, the kernel $w$ is ${k}\\times {k}$, with stride {s} "
            f"and zero padding of {p}.\n\n" if in_prose else
            f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={s} padding={p} -->\n\n")
    body = "\n\n".join(f"$${c}$$" for c in claims)
    return f"# A derivation\n\n{head}The forward:{' ' + said if said else ''}\n\n$${forward}$$\n\n{body}\n"


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 400, argv)
    rng, big = random.Random(seed), random.Random(seed + 1)    # big: the draws of a large input
    prose = random.Random(seed + 2)                            # the prose's zeros outside
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        s, p = rng.choice([1, 2]), rng.choice([0, 1, 2])
        k = rng.randint(max(2, p + 1), 3)                   # padding below the kernel size
        h = rng.randint(k, 6)
        large = big.random() < 0.15         # too large entry by entry: checked at reduced sizes
        h = big.randint(66, 72) if large else h
        specs = [random_claim(rng, rng.choice(["x", "w"]), s, p) for _ in range(4)]
        if large:                           # ∂E/∂x's truth loops at 70x70 are slow: ∂E/∂w only
            specs = [dict(sp, wrt="w", c=[-c for c in sp["c"]]) if sp["wrt"] == "x" else sp for sp in specs]
        said = prose.choice(ZERO_SAID) if not large and prose.random() < 0.25 else ""
        last = (h + 2 * p - k) // s if said else None      # bounds written: they reach outside w
        latex = [claim_latex(sp, last) for sp in specs]
        in_prose = rng.random() < 0.4
        letter = s == 1 and not in_prose and big.random() < 0.3     # x_{i+m-P} with padding={p}
        text = document(h, k, s, p, in_prose, latex, letter, said)
        sample = conv_sample(h, k, s, p, generator)
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {c.latex.strip(): c for c in report.claims}
        for spec, claim in zip(specs, latex):
            tally.record(truth(spec, *sample), by_latex.get(claim.strip()), text)
        tally.made += len(specs)
    return tally.summary("padded/strided index campaign", seed, time.perf_counter() - start)

if __name__ == "__main__":
    sys.exit(main())
