r"""Entry forwards with a constant offset: true and mutated numbered-entry claims, truth from torch.

Each document writes its layer's forward in entries, counted from 0 or 1, as a true
convolution ``z_{ij} = Σ_m Σ_n w_{mn} a_{i-m+c, j-n+c}`` or a cross-correlation
``a_{i+m+c, j+n+c}`` with a constant offset c (the output then starts at some index the
forward alone fixes: ``a_{i-m+2}`` 1-based with a 2-wide kernel starts it at 1), kernel 2 or 3,
sizes in a directive or read from the prose ("a 4x4 input and a 2x2 kernel").  Its claims are
``∂J/∂a_{pq} = Σ δ_{ij} w_{mn}`` and ``∂J/∂w_{mn} = Σ δ_{ij} a_{pq}`` at a random entry, written
from the forward's own taps, and mutations of them: the kernel read the other way round, a δ
index moved by one, a term dropped, the a index moved.  The truth of each claim is its value
at random wide integers against ``torch.autograd`` of the same forward evaluated with plain
loops (a claim naming an entry outside its tensor is false).  Counted: false holds, false
refutations, unchecked, crashes.

    python benchmarks/campaign_index_origin.py --n 300 --seed 0
"""
from __future__ import annotations

import random
import sys
import time

import torch

from campaign_tally import Tally, size_and_seed, wide_values


def _layer(base, k, h, c, flipped, generator):
    """(output rows, a, w, δ, ∂L/∂a, ∂L/∂w, tap) of the document's forward by plain loops."""
    kernel, inputs = range(base, base + k), range(base, base + h)

    def tap(i, m):
        return i - m + c if flipped else i + m + c
    rows = [i for i in range(-10, 20) if all(tap(i, m) in inputs for m in kernel)]
    a = wide_values((h, h), generator).requires_grad_()
    w = wide_values((k, k), generator).requires_grad_()
    z = torch.stack([torch.stack([sum(w[m - base, n - base] * a[tap(i, m) - base, tap(j, n) - base]
                                      for m in kernel for n in kernel) for j in rows]) for i in rows])
    delta = wide_values(tuple(z.shape), generator)
    z.backward(delta)
    return rows, a.detach(), w.detach(), delta, a.grad, w.grad, tap


def _forward_latex(base, k, c, flipped):
    sign = "-" if flipped else "+"
    off = "" if c == 0 else f"+{c}" if c > 0 else f"{c}"
    return (rf"z_{{ij}} = \sum_{{m={base}}}^{{{base + k - 1}}}\sum_{{n={base}}}^{{{base + k - 1}}} "
            rf"w_{{mn}} \, a_{{i{sign}m{off},j{sign}n{off}}}")


def _cases():
    for base in (0, 1):
        for k in (2, 3):
            for flipped in (True, False):
                for c in range(-4, 8):
                    tap = (lambda i, m: i - m + c) if flipped else (lambda i, m: i + m + c)
                    rows = [i for i in range(-10, 20)
                            if all(tap(i, m) in range(base, base + k + 2) for m in range(base, base + k))]
                    if rows and 0 <= rows[0] <= 3 and rows[-1] <= 9:
                        yield base, k, c, flipped


CASES = list(_cases())


def _terms_da(rows, kernel, tap, p, q):
    return [(i, j, m, n) for i in rows for j in rows for m in kernel for n in kernel
            if tap(i, m) == p and tap(j, n) == q]


def _claims(rng, base, k, rows, tap):
    """[(lhs role, entry, terms)]: terms are (δ index, other index) pairs, true or mutated."""
    kernel, h = range(base, base + k), k + 2
    out = []
    for _ in range(4):
        if rng.random() < 0.5:
            p, q = rng.randrange(base, base + h), rng.randrange(base, base + h)
            terms = [((i, j), (m, n)) for i, j, m, n in _terms_da(rows, kernel, tap, p, q)]
            role, entry = "a", (p, q)
        else:
            m, n = rng.randrange(base, base + k), rng.randrange(base, base + k)
            terms = [((i, j), (tap(i, m), tap(j, n))) for i in rows for j in rows]
            role, entry = "w", (m, n)
        if not terms:
            continue
        kind = rng.choice(["true", "true", "mirror", "delta", "drop", "other"])
        if kind == "mirror" and role == "a":
            terms = [(d, (2 * base + k - 1 - o[0], 2 * base + k - 1 - o[1])) for d, o in terms]
        elif kind == "delta":
            t = rng.randrange(len(terms))
            terms[t] = ((terms[t][0][0] + rng.choice([-1, 1]), terms[t][0][1]), terms[t][1])
        elif kind == "drop" and len(terms) > 1:
            terms.pop(rng.randrange(len(terms)))
        elif kind == "other" or kind == "mirror":
            t = rng.randrange(len(terms))
            terms[t] = (terms[t][0], (terms[t][1][0], terms[t][1][1] + rng.choice([-1, 1])))
        out.append((role, entry, terms))
    return out


def _value(role, terms, tensors, base):
    """The claim's right side at the sampled values; None when it names an entry outside."""
    delta, other = tensors["d"], tensors["w" if role == "a" else "a"]
    total = 0.0
    for (i, j), (m, n) in terms:
        di, dj = tensors["rows"].index(i) if i in tensors["rows"] else -1, \
            tensors["rows"].index(j) if j in tensors["rows"] else -1
        om, on = m - base, n - base
        if di < 0 or dj < 0 or not (0 <= om < other.shape[0] and 0 <= on < other.shape[1]):
            return None
        total += float(delta[di, dj]) * float(other[om, on])
    return total


def _latex(role, entry, terms):
    other = "w" if role == "a" else "a"
    rhs = " + ".join(rf"\delta_{{{i}{j}}} {other}_{{{m}{n}}}" for (i, j), (m, n) in terms)
    return rf"\frac{{\partial J}}{{\partial {role}_{{{entry[0]}{entry[1]}}}}} = {rhs}"


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 300, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        base, k, c, flipped = rng.choice(CASES)
        h = k + 2
        rows, a, w, delta, ga, gw, tap = _layer(base, k, h, c, flipped, generator)
        specs = _claims(rng, base, k, rows, tap)
        if not specs:
            continue
        tensors = {"d": delta, "w": w, "a": a, "rows": rows}
        directive = rng.random() < 0.6
        head = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} index_base={base} -->" if directive
                else f"A ${h}\\times {h}$ input $a$ and a ${k}\\times {k}$ kernel $w$.")
        latex = [_latex(*s) for s in specs]
        text = f"{head}\n\n$${_forward_latex(base, k, c, flipped)}$$\n\n" + "\n\n".join(f"$${t}$$" for t in latex) + "\n"
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {}
        for cl in report.claims:
            by_latex.setdefault(cl.latex.strip(), cl)
        for (role, entry, terms), claim in zip(specs, latex):
            grad = ga if role == "a" else gw
            want = float(grad[entry[0] - base, entry[1] - base])
            got = _value(role, terms, tensors, base)
            tally.record(got is not None and got == want, by_latex.get(claim.strip()), text)
        tally.made += len(specs)
    return tally.summary("entry-forward origin campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
