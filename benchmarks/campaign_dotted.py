r"""Campaign for sums written out with dots (symbp.check.dotted_terms): a dense layer's chain
rule and forward entries written as ``t_1 + t_2 + \dots + t_n`` in several authors' spellings,
true and mutated, checked as whole ``symbp check`` documents, truth from torch autograd.

Each document has a directive (``layer=fc``, 2..5 inputs, 2..4 outputs, indices from 0 or 1)
and a forward in one of three spellings: the founding ``z^l = w^l a^{l-1} + b^l`` (``w^l_{jk}``
output-first), ``y_j = \sum_k w_{jk} x_k + b_j``, or input-first ``y_j = b_j + \sum_i x_i w_{ij}``.
Claims: ``∂C/∂a_k`` as a dotted run of ``w_{jk} ∂C/∂z_j`` over the outputs, and one forward
entry ``z_r`` as a dotted run of ``w_{rk} a_k`` plus the bias; the dots are ``\dots``,
``\ldots``, ``\cdots``, ``...`` or ``…``, with one or two explicit terms before them.
Mutants: the last term dropped, the first dropped, the weight's indices swapped, the bias
dropped, a step of 2 (read only where determined: else unchecked), dots with no last term.
And ``∂C/∂W`` as a matrix in the corner form (``c_{11} & \cdots & c_{1n} \\ \vdots & \ddots &
\vdots \\ c_{m1} & \cdots & c_{mn}``), true, transposed or missing its last row.
Truth: the written run (first, step, last as the text writes them) evaluated by a plain loop
on torch's tensors, against torch autograd's gradient and forward.

Known and left out (not of this class): in the founding spelling with ``index_base=0`` a forward
entry with numeric subscripts (``z^l_{0} = w^l_{00} a^{l-1}_{0} + … + b^l_{0}``) is refuted by
the founding reader, which counts numeric entries from 1 whatever the directive says, written
out in full as much as with dots; those documents get no forward-entry claim.  And in the
founding spelling a correct ``∂C/∂w^l`` written out as a matrix of ``∂C/∂z^l_{j} a^{l-1}_{k}``
cells is refuted ("shape mismatch: ∂J/∂W is 2x2 but the claim gives 2x2", check/compare: one
side an array, the other not), written out in full as much as with dots: matrix claims are made
in the ``letters`` spelling only.

    python benchmarks/campaign_dotted.py --n 300 --seed 0
"""
from __future__ import annotations

import random
import time

import torch

from campaign_tally import Tally, size_and_seed, wide_values

DOTS = (r"\dots", r"\ldots", r"\cdots", "...", "…")
# spelling -> (directive names, forward, w entry (out, in), input entry, ∂loss/∂output entry,
#              ∂loss/∂input entry, the output entry, the bias entry, the free input letter)
SPELLINGS = {
    "founding": ("a^{l-1}=input w^l=kernel b^l=bias z^l=output C=loss", "z^l = w^l a^{l-1} + b^l",
                 lambda o, i: f"w^l_{{{o}{i}}}", lambda i: f"a^{{l-1}}_{{{i}}}",
                 lambda o: f"\\frac{{\\partial C}}{{\\partial z^l_{{{o}}}}}",
                 lambda i: f"\\frac{{\\partial C}}{{\\partial a^{{l-1}}_{{{i}}}}}",
                 lambda o: f"z^l_{{{o}}}", lambda o: f"b^l_{{{o}}}", "k"),
    "letters": ("x=input W=kernel b=bias y=output E=loss", r"y_j = \sum_k w_{jk} x_k + b_j",
                lambda o, i: f"w_{{{o}{i}}}", lambda i: f"x_{{{i}}}",
                lambda o: f"\\frac{{\\partial E}}{{\\partial y_{{{o}}}}}",
                lambda i: f"\\frac{{\\partial E}}{{\\partial x_{{{i}}}}}",
                lambda o: f"y_{{{o}}}", lambda o: f"b_{{{o}}}", "k"),
    "input-first": ("X=input W=kernel Y=output E=loss", r"y_j = b_j + \sum_i x_i w_{ij}",
                    lambda o, i: f"w_{{{i}{o}}}", lambda i: f"x_{{{i}}}",
                    lambda o: f"\\frac{{\\partial E}}{{\\partial y_{{{o}}}}}",
                    lambda i: f"\\frac{{\\partial E}}{{\\partial x_{{{i}}}}}",
                    lambda o: f"y_{{{o}}}", lambda o: f"b_{{{o}}}", "i"),
}


def _run(terms, first: int, last: int | None, step: int, two: bool, rng) -> str:
    """``t(first) + [t(first+step) +] dots [+ t(last)]``."""
    shown = [terms(first)] + ([terms(first + step)] if two else [])
    tail = [] if last is None else [terms(last)]
    return " + ".join(shown + [rng.choice(DOTS)] + tail)


def _value(fn, first: int, last: int | None, step: int, size: int, base: int):
    """The written run's value by a plain loop (None where it reaches outside a tensor or has
    no last term: then never true)."""
    if last is None:
        return None
    total = 0.0
    for v in range(first, last + 1, step):
        got = fn(v - base)
        if got is None:
            return None
        total += got
    return total


def _document(rng, g):
    spelling = rng.choice(sorted(SPELLINGS))
    names, forward, w, x, dz, dx, z, b, free = SPELLINGS[spelling]
    n_in, n_out, base = rng.randint(2, 5), rng.randint(2, 4), rng.choice((0, 1))
    W = wide_values((n_out, n_in), g).requires_grad_()
    a = wide_values((n_in,), g).requires_grad_()
    bias = wide_values((n_out,), g)
    delta = wide_values((n_out,), g)
    out = W @ a + bias
    out.backward(delta)
    grad_a, Wd, ad, zd = a.grad, W.detach(), a.detach(), out.detach()
    at = lambda t, *k: t[k].item() if all(0 <= q < n for q, n in zip(k, t.shape)) else None  # noqa: E731
    claims = []
    for _ in range(2):                      # ∂C/∂a_k: Σ_j w_{jk} δ_j, true or mutated
        mutant = rng.choice(("true", "true", "drop last", "drop first", "swap", "step 2", "no last"))
        first, last, step = base, base + n_out - 1, 1
        swap = mutant == "swap"
        first += mutant == "drop first"
        last -= mutant == "drop last"
        step = 2 if mutant == "step 2" else 1
        last = None if mutant == "no last" else last
        if last is not None and last <= first + step:
            continue
        order = rng.random() < 0.5
        term = (lambda j: (f"{dz(j)} {w(free, j) if swap else w(j, free)}" if order
                           else f"{w(free, j) if swap else w(j, free)}{dz(j)}"))
        rhs = _run(term, first, last, step, rng.random() < 0.6 or step == 2, rng)
        truth = True
        for k in range(n_in):
            fn = (lambda j, k=k: None if at(Wd, *((k, j) if swap else (j, k))) is None or at(delta, j) is None
                  else at(Wd, *((k, j) if swap else (j, k))) * at(delta, j))
            value = _value(fn, first, last, step, n_out, base)
            truth = truth and value is not None and value == grad_a[k].item()
        claims.append((f"{dx(free)} = {rhs}", truth, f"da {mutant}"))
    r = rng.randrange(n_out)                # one forward entry z_r = Σ_k w_{rk} a_k + b_r
    mutant = rng.choice(("true", "drop last", "no bias", "step 2"))
    first, last, step = base, base + n_in - 1 - (mutant == "drop last"), 2 if mutant == "step 2" else 1
    if last > first + step and not (spelling == "founding" and base == 0):    # KNOWN, see the head
        row = r + base
        rhs = _run(lambda k: f"{w(row, k)} {x(k)}", first, last, step, True, rng)
        rhs += "" if mutant == "no bias" else f" + {b(row)}"
        value = _value(lambda k: None if at(Wd, r, k) is None else at(Wd, r, k) * at(ad, k),
                       first, last, step, n_in, base)
        value = None if value is None else value + (0.0 if mutant == "no bias" else bias[r].item())
        claims.append((f"{z(row)} = {rhs}", value is not None and value == zd[r].item(), f"forward {mutant}"))
    if spelling == "letters":               # ∂E/∂W as a matrix (KNOWN, see the head: not founding)
        mutant = rng.choice(("true", "true", "transposed", "drop last row"))
        rows, cols = (range(n_in), range(n_out)) if mutant == "transposed" else \
            (range(n_out - (mutant == "drop last row")), range(n_in))
        cell = (lambda r, c: f"{dz(c + base)} {x(r + base)}") if mutant == "transposed" else \
            (lambda r, c: f"{dz(r + base)} {x(c + base)}")
        if len(rows) >= 2 and len(cols) >= 2:
            r0, r1, c0, c1 = rows[0], rows[-1], cols[0], cols[-1]
            matrix = (f"\\begin{{bmatrix}} {cell(r0, c0)} & \\cdots & {cell(r0, c1)} \\\\ \\vdots & \\ddots & "
                      f"\\vdots \\\\ {cell(r1, c0)} & \\cdots & {cell(r1, c1)} \\end{{bmatrix}}")
            grid = [[(delta[c] if mutant == "transposed" else delta[r]).item() *
                     (ad[r] if mutant == "transposed" else ad[c]).item() for c in cols] for r in rows]
            truth = (len(rows), len(cols)) == tuple(W.grad.shape) and \
                all(grid[r][c] == W.grad[r, c].item() for r in rows for c in cols)
            claims.append((f"\\frac{{\\partial E}}{{\\partial W}} = {matrix}", truth, f"dW matrix {mutant}"))
    head = (f"<!-- symbp: layer=fc in={n_in} out={n_out} index_base={base} names: {names} -->\n\n"
            f"$$\n{forward}\n$$\n\n")
    return head + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims), claims


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    start = time.time()
    while tally.made < n:
        doc, claims = _document(rng, g)
        report = tally.check(doc, len(claims))
        if report is None:
            continue
        got = report.claims[1:] if len(report.claims) == len(claims) + 1 else [None] * len(claims)
        for (claim, truth, kind), verdict in zip(claims, got):      # one display a claim, in order
            tally.made += 1
            tally.record(truth, verdict, doc, kind=kind)
    return tally.summary("dotted sums campaign", seed, time.time() - start)


def main() -> int:
    n_claims, seed = size_and_seed(__doc__, 300)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
