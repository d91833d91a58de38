r"""Campaign for fully connected derivations in index notation with letter layer labels
(``w_{ij}^{(l)}``, ``\delta^{(l+1)}_j``, ``\partial z^{(l+1)}_j / \partial z^{(l)}_i``, sums to a
layer's size ``n_{l+1}``): random entry claims checked as whole ``symbp check`` documents, with
no directive and with a README-style directive whose names carry the labels
(``names: a^{(l-1)}=input W^{(l)}=kernel ...``), truth from torch autograd.

Each document writes a two-layer network's forward in one of two conventions real notes use:
``z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}`` (Nielsen, the Chinese notes: W^{(l)} ends at layer l) or
UFLDL's ``z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}`` (W^{(l)} leaves layer l), with labels ``(l)``,
``l`` or ``[l]``.  Claims: the hidden error, a weight and a bias gradient, the Jacobian between
the layers' pre-activations, each equal to its true product of factors or to a mutant (the
weight's indices swapped, a factor dropped or replaced by a neighbour, the sum bounded by the
other layer's size).  Truth: both sides by loops on torch's tensors at every value of the left
side's indices (an index outside a tensor makes the claim false).

    python benchmarks/campaign_fc_labels.py --n 300 --seed 0
"""
from __future__ import annotations

import itertools
import random
import time

import torch

from campaign_tally import Tally, size_and_seed

N0, N1, N2 = 3, 4, 2
LABELS = {"(l)": ("(l-1)", "(l)", "(l+1)"), "l": ("l-1", "l", "l+1"), "[l]": ("[l-1]", "[l]", "[l+1]")}


def _net(g):
    rnd = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)     # noqa: E731
    x, y = rnd(N0), rnd(N2)
    w1, b1, w2, b2 = (t.requires_grad_() for t in (rnd(N1, N0), rnd(N1), rnd(N2, N1), rnd(N2)))
    z1 = w1 @ x + b1
    z1.retain_grad()
    a1 = torch.tanh(z1)
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    (0.5 * ((torch.tanh(z2) - y) ** 2).sum()).backward()
    jac = torch.autograd.functional.jacobian(lambda z: w2 @ torch.tanh(z) + b2, z1.detach())
    d = lambda t: t.detach()                                               # noqa: E731
    return dict(x=x, a1=d(a1), W1=d(w1), W2=d(w2), d1=z1.grad, d2=z2.grad, fp1=1 - d(a1) ** 2,
                gW1=w1.grad, gW2=w2.grad, gb1=b1.grad, gb2=b2.grad, jac=jac)


def _claims(style: str, ufldl: bool):
    """[(left LaTeX, left (tensor, indices), summed letter or None, bound, [(factor LaTeX,
    tensor, indices)])]: the true forms in this convention and labels."""
    P, C, N = LABELS[style]
    w = "W" if ufldl else "w"
    wnext = f"{w}^{{{C}}}" if ufldl else f"{w}^{{{N}}}"     # the weight from layer l to l+1
    wcur, gw, gb, dcur = (f"{w}^{{{C}}}", "gW2", "gb2", ("d2", "N")) if ufldl else \
        (f"{w}^{{{C}}}", "gW1", "gb1", ("d1", "C"))
    inp = ("a1", C) if ufldl else ("x", P)
    lab = {"C": C, "N": N}
    return [
        (rf"\delta_{{i}}^{{{C}}}", ("d1", "i"), "j", N,
         [(rf"\delta_{{j}}^{{{N}}}", "d2", "j"), (f"{wnext}_{{ji}}", "W2", "ji"), (rf"f'(z_{{i}}^{{{C}}})", "fp1", "i")]),
        (rf"\frac{{\partial E}}{{\partial {wcur}_{{ij}}}}", (gw, "ij"), None, None,
         [(rf"\delta_{{i}}^{{{lab[dcur[1]]}}}", dcur[0], "i"), (f"a_{{j}}^{{{inp[1]}}}", inp[0], "j")]),
        (rf"\frac{{\partial E}}{{\partial b_{{i}}^{{{C}}}}}", (gb, "i"), None, None,
         [(rf"\delta_{{i}}^{{{lab[dcur[1]]}}}", dcur[0], "i")]),
        (rf"\frac{{\partial z_{{j}}^{{{N}}}}}{{\partial z_{{i}}^{{{C}}}}}", ("jac", "ji"), None, None,
         [(f"{wnext}_{{ji}}", "W2", "ji"), (rf"f'(z_{{i}}^{{{C}}})", "fp1", "i")]),
    ]


def _mutants(claim, rng, style):
    """The true claim and two mutants."""
    lhs, left, summed, bound, factors = claim
    out = [(summed, bound, factors, "true form")]
    for _ in range(2):
        kind = rng.choice(["swap", "drop", "index", "bound"] if summed else ["swap", "drop", "index"])
        f = list(factors)
        k = rng.randrange(len(f))
        tex, name, idx = f[k]
        if kind == "swap" and len(idx) == 2:
            f[k] = (tex.replace("_{" + idx + "}", "_{" + idx[::-1] + "}"), name, idx[::-1])
        elif kind == "drop" and len(f) > 1:
            del f[k]
        elif kind == "index" and len(idx) == 1:
            new = "j" if idx == "i" else "i"
            f[k] = (tex.replace("_{" + idx + "}", "_{" + new + "}"), name, new)
        elif kind == "bound":
            out.append((summed, LABELS[style][1], f, "bound of the other layer"))
            continue
        else:
            continue
        out.append((summed, bound, f, kind))
    return out


def _truth(left, summed, bound, factors, net) -> bool | None:
    name, idx = left
    tensor = net[name]
    free = set(idx)
    if any(set(i) - free - {summed} for _, _, i in factors):
        return None                              # an index the left side does not have
    size = {"(l+1)": N2, "l+1": N2, "[l+1]": N2}.get(bound, N1) if bound else None
    for values in itertools.product(*(range(n) for n in tensor.shape)):
        env = dict(zip(idx, values))
        total = 0.0
        for s in (range(size if size else N2) if summed else [None]):
            if summed:
                env[summed] = s
            term = 1.0
            for _, fname, fidx in factors:
                t = net[fname]
                pos = tuple(env[c] for c in fidx)
                if any(p >= n for p, n in zip(pos, t.shape)):
                    return False                 # outside the tensor: the claim is false
                term *= float(t[pos])
            total += term
        if abs(float(tensor[values]) - total) > 1e-9 * (1 + abs(total)):
            return False
    return True


def _document(style: str, ufldl: bool, directive: bool) -> str:
    P, C, N = LABELS[style]
    if ufldl:
        fwd = f"$$z^{{{N}}} = W^{{{C}}} a^{{{C}}} + b^{{{C}}}$$\n\n$$a^{{{N}}} = f(z^{{{N}}})$$\n\n"
        said = f"<!-- symbp: layer=fc in=4 out=2 names: a^{{{C}}}=input W^{{{C}}}=kernel b^{{{C}}}=bias z^{{{N}}}=output E=loss -->\n\n"
    else:
        fwd = f"$$z^{{{C}}} = W^{{{C}}} a^{{{P}}} + b^{{{C}}}$$\n\n$$a^{{{C}}} = f(z^{{{C}}})$$\n\n"
        said = f"<!-- symbp: layer=fc in=3 out=4 names: a^{{{P}}}=input W^{{{C}}}=kernel b^{{{C}}}=bias z^{{{C}}}=output E=loss -->\n\n"
    return (said if directive else "") + fwd


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    start = time.time()
    while tally.made < n:
        net = _net(g)
        style, ufldl, directive = rng.choice(sorted(LABELS)), rng.random() < 0.5, rng.random() < 0.5
        claims = []
        for claim in _claims(style, ufldl):
            for summed, bound, factors, kind in _mutants(claim, rng, style):
                truth = _truth(claim[1], summed, bound, factors, net)
                if truth is None:
                    continue
                total = (rf"\sum_{{{summed}=1}}^{{n_{{{bound.strip('()[]')}}}}} " if summed and bound
                         and rng.random() < 0.7 else rf"\sum_{{{summed}}} " if summed else "")
                if summed and bound == LABELS[style][1]:
                    total = rf"\sum_{{{summed}=1}}^{{n_{{{bound.strip('()[]')}}}}} "
                claims.append((f"{claim[0]} = {total}{' '.join(f[0] for f in factors)}", truth, kind))
        doc = _document(style, ufldl, directive) + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
        report = tally.check(doc, len(claims))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for claim, truth, kind in claims:
            tally.made += 1
            tally.record(truth, got.get(claim), doc, kind=f"{kind}{' (directive)' if directive else ''}")
    return tally.summary("letter-labelled fully connected campaign", seed, time.time() - start)


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 300, argv)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
