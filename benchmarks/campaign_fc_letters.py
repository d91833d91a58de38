r"""Campaign for networks whose layers are told apart by index letters (symbp.check.fc_letters):
random entry-form claims in The Clever Machine's letters (``z_j = b_j + \sum_i a_i w_{ij}``,
``a_j = g_j(z_j)``, ``z_k = b_k + \sum_j a_j w_{jk}``, ``a_k = g_k(z_k)``, ``E = ½Σ_k (a_k - t_k)²``)
checked as whole ``symbp check`` documents with no directive, truth from torch autograd.

Claims: a gradient entry (``∂E/∂w_{jk}``, ``∂E/∂z_k``, ``∂E/∂b_k``, ``∂E/∂a_k``, ``∂E/∂z_j``,
``∂E/∂w_{ij}``) equal to its true product of factors, or to a mutant: a factor dropped, a factor
replaced by a neighbour (``a_j`` by ``a_k`` or ``a_i``, ``g'_k`` by ``g'_j``), a sum dropped.
Truth: both sides evaluated entry by entry on torch's tensors at every value of the left side's
indices (a right side with an index the left side does not have is skipped).

    python benchmarks/campaign_fc_letters.py --n 300 --seed 0
"""
from __future__ import annotations

import itertools
import random
import time

import torch

from campaign_tally import Tally, size_and_seed

DOC = (r"# One hidden layer" "\n\nThe hidden pre-activation is $z_j = b_j + \\sum_i a_i w_{ij}$ with "
       "$a_j = g_j(z_j)$.\n\n$$\nz_k = b_k + \\sum_j a_jw_{jk}\n$$\n\nWith $a_k = g_k(z_k)$ the output:\n\n"
       "$$\nE = \\frac{1}{2}\\sum_{k}(a_k - t_k)^2\n$$\n\n")


def _net(g):
    rnd = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)     # noqa: E731
    a_i, w1, b1, w2, b2, t = rnd(3), rnd(3, 4), rnd(4), rnd(4, 2), rnd(2), rnd(2)
    for v in (w1, b1, w2, b2):
        v.requires_grad_(True)
    z_j = a_i @ w1 + b1
    z_j.retain_grad()
    a_j = torch.tanh(z_j)
    z_k = a_j @ w2 + b2
    z_k.retain_grad()
    a_k = torch.tanh(z_k)
    a_k.retain_grad()
    (0.5 * ((a_k - t) ** 2).sum()).backward()
    d = lambda x: x.detach()                                               # noqa: E731
    return {   # factor LaTeX -> (its indices, value at an index assignment)
        "a_i": ("i", lambda e: a_i[e["i"]]), "a_j": ("j", lambda e: d(a_j)[e["j"]]),
        "a_k": ("k", lambda e: d(a_k)[e["k"]]), "(a_k - t_k)": ("k", lambda e: d(a_k)[e["k"]] - t[e["k"]]),
        "g_k'(z_k)": ("k", lambda e: 1 - d(a_k)[e["k"]] ** 2), "g'_j(z_j)": ("j", lambda e: 1 - d(a_j)[e["j"]] ** 2),
        "w_{jk}": ("jk", lambda e: d(w2)[e["j"], e["k"]]),
        "\\frac{\\partial E}{\\partial z_k}": ("k", lambda e: z_k.grad[e["k"]]),
        "\\frac{\\partial E}{\\partial z_j}": ("j", lambda e: z_j.grad[e["j"]]),
    }, {
        "\\frac{\\partial E}{\\partial w_{jk}}": ("jk", lambda e: w2.grad[e["j"], e["k"]]),
        "\\frac{\\partial E}{\\partial z_k}": ("k", lambda e: z_k.grad[e["k"]]),
        "\\frac{\\partial E}{\\partial b_k}": ("k", lambda e: b2.grad[e["k"]]),
        "\\frac{\\partial E}{\\partial a_k}": ("k", lambda e: a_k.grad[e["k"]]),
        "\\frac{\\partial E}{\\partial z_j}": ("j", lambda e: z_j.grad[e["j"]]),
        "\\frac{\\partial E}{\\partial w_{ij}}": ("ij", lambda e: w1.grad[e["i"], e["j"]]),
    }


TRUE = {   # left side -> (summed index or None, factors)
    "\\frac{\\partial E}{\\partial w_{jk}}": (None, ["(a_k - t_k)", "g_k'(z_k)", "a_j"]),
    "\\frac{\\partial E}{\\partial z_k}": (None, ["(a_k - t_k)", "g_k'(z_k)"]),
    "\\frac{\\partial E}{\\partial b_k}": (None, ["\\frac{\\partial E}{\\partial z_k}"]),
    "\\frac{\\partial E}{\\partial a_k}": (None, ["(a_k - t_k)"]),
    "\\frac{\\partial E}{\\partial z_j}": ("k", ["g'_j(z_j)", "\\frac{\\partial E}{\\partial z_k}", "w_{jk}"]),
    "\\frac{\\partial E}{\\partial w_{ij}}": (None, ["\\frac{\\partial E}{\\partial z_j}", "a_i"]),
}
NEIGHBOURS = {"a_j": ["a_k", "a_i"], "a_i": ["a_j"], "g_k'(z_k)": ["g'_j(z_j)"], "g'_j(z_j)": ["g_k'(z_k)"],
              "(a_k - t_k)": ["a_k"], "\\frac{\\partial E}{\\partial z_k}": ["(a_k - t_k)"],
              "\\frac{\\partial E}{\\partial z_j}": ["\\frac{\\partial E}{\\partial z_k}"], "w_{jk}": ["a_j"]}


def _mutants(summed, factors, rng):
    out = [(summed, factors)]
    if len(factors) > 1:
        k = rng.randrange(len(factors))
        out.append((summed, factors[:k] + factors[k + 1:]))
    k = rng.randrange(len(factors))
    if factors[k] in NEIGHBOURS:
        out.append((summed, factors[:k] + [rng.choice(NEIGHBOURS[factors[k]])] + factors[k + 1:]))
    if summed:
        out.append((None, factors))
    return out


def _truth(lhs, summed, factors, facts, grads):
    """True/False, or None when the right side has an index the left side lacks."""
    free, value = grads[lhs]
    used = set("".join(facts[f][0] for f in factors)) - ({summed} if summed else set())
    if not used <= set(free):
        return None
    sizes = {"i": 3, "j": 4, "k": 2}
    for combo in itertools.product(*(range(sizes[c]) for c in free)):
        env = dict(zip(free, combo))
        terms = [dict(env, **{summed: s}) for s in range(sizes[summed])] if summed else [env]
        rhs = sum(torch.prod(torch.stack([facts[f][1](e) for f in factors])) for e in terms)
        if not torch.allclose(rhs, value(env)):
            return False
    return True


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    start = time.time()
    while tally.made < n:
        facts, grads = _net(g)
        claims = []
        for lhs in rng.sample(sorted(TRUE), 3):
            for summed, factors in _mutants(*TRUE[lhs], rng):
                truth = _truth(lhs, summed, factors, facts, grads)
                if truth is None:
                    continue
                rhs = (f"\\sum_{summed} " if summed else "") + " ".join(factors)
                claims.append((f"{lhs} = {rhs}", truth))
        doc = DOC + "".join(f"$$\n{c}\n$$\n\n" for c, _ in claims)
        report = tally.check(doc, len(claims))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for claim, truth in claims:
            tally.made += 1
            tally.record(truth, got.get(claim), doc, kind=claim.split("=")[0].strip())
    return tally.summary("index-letter layers campaign", seed, time.time() - start)


def main() -> int:
    n_claims, seed = size_and_seed(__doc__, 300)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
