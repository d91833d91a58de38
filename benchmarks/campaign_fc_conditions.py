r"""Campaign for two notations of dense layers (issue 12, t16f): a two-index δ in a batch
section, and a condition written inside a display after the formula; checked as whole
``symbp check`` documents, truth from torch autograd by plain loops.

* δ: ``Y_{n,j} = \sum_i X_{n,i} W_{i,j} + b_j`` with a batch, δ defined as ∂L/∂Y_{n,j} one of
  several ways authors write it (a display, inline, ``\equiv``, ``{∂L \over ∂Y}``) or not at all,
  then ``∂L/∂W_{i,j} = Σ_n δ_{a,b} X_{c,d}``, ``∂L/∂X_{n,i} = Σ_j δ_{a,b} W_{c,d}``,
  ``∂L/∂b_j = Σ_n δ_{a,b}`` with the index letters drawn (the true ones and their swaps).
  Truth: L = Σ G ⊙ Y for a random G (so ∂L/∂Y = G); each right side summed with δ = G, an
  index outside its tensor makes the claim false.  Also δ as documents define it otherwise: the
  input's gradient, ∂L/∂Y_{j,n}, -∂L/∂Y, (1/N) ∂L/∂Y, 2 ∂L/∂Y (each right side summed with that δ).
* conditions: ``z_i = \sum_k w_{ik} a_k + b_i`` and ``∂z_i/∂w_{jk} = V <condition>`` with V drawn
  (a_k, a_j, a_i, 0) and the condition one of ``\text{if}``, ``\text{when}``, ``(…)``,
  ``\text{unless}``, ``\text{except when}``, ``当 … 时``, si / falls / wenn / whenever / in case,
  sauf si / salvo si / außer wenn / a menos que over i = j, i ≠ j, k = j, "i = j, k = 1".  Truth: torch's
  Jacobian against V at the entries the condition keeps.
A false claim must never hold; a true one must never be refuted (unchecked is honest).
    PYTHONPATH=. python benchmarks/campaign_fc_conditions.py --n 200 --seed 7
"""
from __future__ import annotations

import itertools
import random
import time

import torch

from campaign_tally import Tally, size_and_seed, wide_values

torch.set_default_dtype(torch.float64)

DEFINITIONS = {   # name: (the text, δ as a tensor from G = ∂L/∂Y, ∂L/∂X and the batch size)
    "display": ("$$\\delta_{n,j} = \\frac{\\partial L}{\\partial Y_{n,j}}$$\n\n", lambda g, dx, nb: g),
    "inline": ("Here $\\delta_{n,j} = \\partial L/\\partial Y_{n,j}$ is the error at the output.\n\n", lambda g, dx, nb: g),
    "equiv": ("$$\\delta_{n,j} \\equiv \\frac{\\partial \\mathcal{L}}{\\partial Y_{n,j}}$$\n\n", lambda g, dx, nb: g),
    "over": ("$$\\delta_{n,j} := {\\partial L \\over \\partial Y_{n,j}}$$\n\n", lambda g, dx, nb: g),
    "none": ("", lambda g, dx, nb: g),
    # the document's own δ, read exactly (round eight, t17c): the input's gradient, transposed, a sign, a mean
    "input": ("$$\\delta_{n,j} = \\frac{\\partial L}{\\partial X_{n,j}}$$\n\n", lambda g, dx, nb: dx),
    "transposed": ("$$\\delta_{n,j} = \\frac{\\partial L}{\\partial Y_{j,n}}$$\n\n", lambda g, dx, nb: g.T),
    "negated": ("$$\\delta_{n,j} = -\\frac{\\partial L}{\\partial Y_{n,j}}$$\n\n", lambda g, dx, nb: -g),
    "mean": ("$$\\delta_{n,j} = \\frac{1}{N} \\frac{\\partial L}{\\partial Y_{n,j}}$$\n\n", lambda g, dx, nb: g / nb),
    "scaled": ("Write $\\delta_{n,j} = 2 \\, \\partial L / \\partial Y_{n,j}$.\n\n", lambda g, dx, nb: 2 * g),
}
CONDITIONS = [   # (spelling with {c} the relation, negated)
    (r"\quad \text{{if }} {c}", False), (r", \quad \text{{if }} {c}", False), (r"\quad \text{{when }} {c}", False),
    (r"\qquad ({c})", False), (r"\quad \text{{当 }} {c} \text{{ 时}}", False),
    (r"\quad \text{{unless }} {c}", True), (r"\quad \text{{except when }} {c}", True),
    # other languages' and authors' words (t17c): si, falls, wenn, whenever, in case; sauf si, salvo si, außer wenn
    (r"\quad \text{{si }} {c}", False), (r"\quad \text{{falls }} {c}", False), (r"\quad \text{{wenn }} {c}", False),
    (r"\quad \text{{whenever }} {c}", False), (r"\quad \text{{in case }} {c}", False),
    (r"\quad \text{{sauf si }} {c}", True), (r"\quad \text{{salvo si }} {c}", True),
    (r"\quad \text{{außer wenn }} {c}", True), (r"\quad \text{{a menos que }} {c}", True),
]
RELATIONS = [("i = j", lambda i, j, k: i == j), (r"i \neq j", lambda i, j, k: i != j),
             ("k = j", lambda i, j, k: k == j), ("i = j, k = 1", lambda i, j, k: i == j and k == 1)]
VALUES = [("a_k", lambda a, i, j, k: a[k]), ("a_j", lambda a, i, j, k: a[j]),
          ("a_i", lambda a, i, j, k: a[i]), ("0", lambda a, i, j, k: 0.0)]


def _sum(fn, n):
    try:
        return sum(fn(v) for v in range(n))
    except IndexError:
        return None


def delta_document(rng: random.Random, gen) -> tuple[str, list]:
    fin, out, batch = rng.choice([2, 3]), rng.choice([2, 3]), rng.choice([2, 3, 4])
    x, w = wide_values((batch, fin), gen).requires_grad_(), wide_values((fin, out), gen).requires_grad_()
    b, g = wide_values((out,), gen).requires_grad_(), wide_values((batch, out), gen)
    ((x @ w + b) * g).sum().backward()
    name = rng.choice(list(DEFINITIONS))
    X, W, G = x.detach(), w.detach(), DEFINITIONS[name][1](g, x.grad, batch)

    def at(t, a, b_, env):
        p, q = env[a], env[b_]
        if p < 0 or q < 0 or p >= t.shape[0] or q >= t.shape[1]:
            raise IndexError
        return t[p, q]
    claims = []
    for a, b_ in rng.sample(list(itertools.permutations("nij", 2)), 2):       # ∂L/∂W_{i,j} = Σ_n δ_{a,b} X_{n,i}
        truth = all((s := _sum(lambda n: at(G, a, b_, {"n": n, "i": i, "j": j}) * X[n, i], batch)) is not None
                    and abs(s - w.grad[i, j]) < 1e-6 for i in range(fin) for j in range(out))
        claims.append((rf"\frac{{\partial L}}{{\partial W_{{i,j}}}} = \sum_{{n}} \delta_{{{a},{b_}}} X_{{n,i}}", truth))
    for a, b_ in rng.sample([("n", "j"), ("j", "n"), ("n", "i")], 2):         # ∂L/∂X_{n,i} = Σ_j δ_{a,b} W_{i,j}
        truth = all((s := _sum(lambda j: at(G, a, b_, {"n": n, "i": i, "j": j}) * W[i, j], out)) is not None
                    and abs(s - x.grad[n, i]) < 1e-6 for n in range(batch) for i in range(fin))
        claims.append((rf"\frac{{\partial L}}{{\partial X_{{n,i}}}} = \sum_{{j}} \delta_{{{a},{b_}}} W_{{i,j}}", truth))
    a, b_ = rng.choice([("n", "j"), ("j", "n")])                                 # ∂L/∂b_j = Σ_n δ_{a,b}
    truth = all((s := _sum(lambda n: at(G, a, b_, {"n": n, "j": j}), batch)) is not None
                and abs(s - b.grad[j]) < 1e-6 for j in range(out))
    claims.append((rf"\frac{{\partial L}}{{\partial b_j}} = \sum_{{n}} \delta_{{{a},{b_}}}", truth))
    head = (f"# Dense layer, rows are examples\n\n<!-- symbp: layer=fc in={fin} out={out} batch={batch} -->\n\n"
            "$$Y_{n,j} = \\sum_{i} X_{n,i} W_{i,j} + b_j$$\n\n" + DEFINITIONS[name][0])
    return head, claims


def condition_document(rng: random.Random, gen) -> tuple[str, list]:
    w, a, b = wide_values((3, 3), gen), wide_values((3,), gen), wide_values((3,), gen)
    jac = torch.autograd.functional.jacobian(lambda w_: w_ @ a + b, w)
    claims = []
    for _ in range(4):
        (spelling, negated), (rel, keep), (text, value) = rng.choice(CONDITIONS), rng.choice(RELATIONS), rng.choice(VALUES)
        kept = (lambda i, j, k, keep=keep: not keep(i, j, k)) if negated else keep
        truth = all(abs(jac[i, j, k] - value(a, i, j, k)) < 1e-6
                    for i in range(3) for j in range(3) for k in range(3) if kept(i, j, k))
        claims.append((rf"\frac{{\partial z_i}}{{\partial w_{{jk}}}} = {text} " + spelling.format(c=rel), truth))
    head = "# Dense layer\n\n<!-- symbp: layer=fc in=3 out=3 -->\n\n$$z_i = \\sum_{k} w_{ik} a_k + b_i$$\n\n"
    return head, claims


def main(argv=None) -> int:
    n, seed = size_and_seed(__doc__, 200, argv)
    rng, gen, tally, start = random.Random(seed), torch.Generator().manual_seed(seed), Tally(), time.time()
    while tally.made < n:
        kind = rng.choice(["delta", "condition"])
        head, claims = (delta_document if kind == "delta" else condition_document)(rng, gen)
        text = head + "".join(f"$${c}$$\n\n" for c, _ in claims)
        report = tally.check(text, len(claims))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for claim, truth in claims:
            tally.made += 1
            tally.record(truth, got.get(claim.strip()), text + "\n[claim] " + claim, kind=kind)
    return tally.summary("dense δ and display-condition campaign", seed, time.time() - start)


if __name__ == "__main__":
    raise SystemExit(main())
