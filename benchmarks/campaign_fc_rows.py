"""Soundness probe for dense forwards written out with numbered entries (issue 12, t15d): a
random layer (2 or 3 inputs and outputs, the letters of one of several authors) written as
rows ``z_1 = w_{11} a_1 + w_{21} a_2 + b_1`` in either weight order and one of several
spellings (``\\cdot``, factors swapped, commas, ``aligned`` rows, the output as a column of
cells, one sample as a row of cells, a batch of two entry by entry), with or without a
``layer=fc`` directive; then true AND false claims, with letter indices
(``∂L/∂w_{jk} = ∂L/∂z_k a_j``, ``∂L/∂a_j = Σ_k w_{kj} ∂L/∂z_k``) and with numbers
(``∂L/∂w_{12} = ∂L/∂z_2 a_1``).  Truth from torch autograd on the layer the rows write.
Prints the verdict counts and every wrong verdict (a false claim that holds, a true one refuted).
Run: PYTHONPATH=. python benchmarks/campaign_fc_rows.py --n 100 --seed 7"""
import argparse
import itertools
import random

import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
LETTERS = [("w", "a", "z", "b"), ("W", "x", "y", "b"), ("w", "h", "o", "c"), ("W", "x", "z", "b")]
STYLES = ["plain", "swapped", "cdot", "commas", "aligned", "column", "one_row", "batch"]


def layer(rng, n_in, n_out, order, batch):
    """Torch truth: the written weight (w[p][q] as the document indexes it, from 0), the input
    (batch x in), and the gradients of a loss through the output."""
    torch.manual_seed(rng.randrange(10 ** 6))
    w = torch.randn(*((n_out, n_in) if order == "oi" else (n_in, n_out)), requires_grad=True)
    x = torch.randn(batch, n_in, requires_grad=True)
    b = torch.randn(n_out, requires_grad=True)
    z = x @ (w.T if order == "oi" else w) + b
    z.retain_grad()
    (torch.tanh(z) * torch.randn(batch, n_out)).sum().backward()
    return w.detach(), x.detach(), z.grad, w.grad, x.grad, b.grad


def forward_text(style, order, n_in, n_out, names):
    W, A, Z, B = names
    comma = style == "commas"

    def wt(o, i):
        p, q = (o, i) if order == "oi" else (i, o)
        return f"{W}_{{{p},{q}}}" if comma else f"{W}_{{{p}{q}}}"

    def term(o, i, s=None):
        a = f"{A}_{{{s}{i}}}" if s else f"{A}_{i}"
        return {"swapped": f"{a} {wt(o, i)}", "cdot": f"{wt(o, i)} \\cdot {a}",
                "one_row": f"{a} \\cdot {wt(o, i)}", "batch": f"{a} {wt(o, i)}"}.get(style, f"{wt(o, i)} {a}")

    cells = [" + ".join(term(o, i) for i in range(1, n_in + 1)) for o in range(1, n_out + 1)]
    if style == "column":
        return f"$${Z} = \\begin{{bmatrix}} " + " \\\\ ".join(cells) + f" \\end{{bmatrix}} + {B}$$\n\n"
    if style == "one_row":
        fwd = f"{Z} = {A.upper()} {W.upper()}" + ("^T" if order == "oi" else "")
        return (f"$${A.upper()} = \\begin{{bmatrix}} " + " & ".join(f"{A}_{i}" for i in range(1, n_in + 1)) +
                f" \\end{{bmatrix}}$$\n\n$${fwd}$$\n\n$${Z} = \\begin{{bmatrix}} " + " & ".join(cells) +
                " \\end{bmatrix}$$\n\n")
    if style == "batch":
        return "".join(f"$${Z}_{{{s}{o}}} = " + " + ".join(term(o, i, s) for i in range(1, n_in + 1)) +
                       f" + {B}_{o}$$\n\n" for s in (1, 2) for o in range(1, n_out + 1))
    rows = [f"{Z}_{o} = {c} + {B}_{o}" for o, c in enumerate(cells, 1)]
    if style == "aligned":
        return "$$\\begin{aligned} " + " \\\\ ".join(r.replace(" = ", " &= ", 1) for r in rows) + " \\end{aligned}$$\n\n"
    return "".join(f"$${r}$$\n\n" for r in rows)


def claims_for(rng, style, names, truth, n_in, n_out):
    """[(latex, truth)] claims about the layer, letter-indexed and numbered, true and false."""
    W, A, Z, B = names
    w, x, dz, dw, dx, db = truth
    d = lambda v: rf"\frac{{\partial L}}{{\partial {v}}}"       # noqa: E731
    out = []
    batch = style == "batch"

    def at(t, *i):
        p = tuple(k - 1 for k in i)
        return t[p].item() if len(p) == t.dim() and all(0 <= k < s for k, s in zip(p, t.shape)) else None

    def a_(s, i):
        return f"{A}_{{{s}{i}}}" if batch else (f"{A.upper()}_{i}" if style == "one_row" else f"{A}_{i}")

    def z_(s, o):
        return f"{Z}_{{{s}{o}}}" if batch else f"{Z}_{o}"
    samples = (1, 2) if batch else (1,)
    # numbered: ∂L/∂w_{pq} = Σ_s ∂L/∂z_{s,r} a_{s,t}, for random (p, q, r, t)
    for _ in range(3):
        p, q = rng.randint(1, 3), rng.randint(1, 3)
        r, t = rng.choice([(q, p), (p, q), (rng.randint(1, 3), rng.randint(1, 3))])
        lhs = at(dw, p, q)
        if lhs is None:
            continue
        parts = [(at(dz, s, r), at(x, s, t)) for s in samples]
        rhs = None if any(u is None or v is None for u, v in parts) else sum(u * v for u, v in parts)
        text = " + ".join(f"{d(z_(s, r))} {a_(s, t)}" for s in samples)
        out.append((f"{d(W + '_{' + str(p) + str(q) + '}')} = {text}", rhs is not None and abs(lhs - rhs) < 1e-9))
    if batch or style == "one_row":
        return out
    # letter indices: ∂L/∂w_{jk} = ∂L/∂z_u a_v, (u, v) in {(j,k), (k,j)}
    for u, v in (("j", "k"), ("k", "j")):
        ok = all((at(dw, j, k) is not None) and abs(at(dw, j, k) - at(dz, 1, {"j": j, "k": k}[u]) *
                                                    at(x, 1, {"j": j, "k": k}[v])) < 1e-9
                 if at(dz, 1, {"j": j, "k": k}[u]) is not None and at(x, 1, {"j": j, "k": k}[v]) is not None
                 else False
                 for j, k in itertools.product(range(1, 4), repeat=2) if at(dw, j, k) is not None)
        out.append((f"{d(W + '_{jk}')} = {d(Z + '_' + u)} {A}_{v}", ok))
    for first in (True, False):                     # ∂L/∂a_j = Σ_k w_{jk} δ_k  or  w_{kj} δ_k
        ok = True
        for j in range(1, n_in + 1):
            terms = [(at(w, j, k) if first else at(w, k, j), at(dz, 1, k)) for k in range(1, n_out + 1)]
            ok = ok and all(a is not None for a, _ in terms) and abs(dx[0, j - 1].item() - sum(a * g for a, g in terms)) < 1e-9
        idx = "jk" if first else "kj"
        out.append((f"{d(A + '_j')} = \\sum_k {W}_{{{idx}}} {d(Z + '_k')}", ok))
    out.append((f"{d(B + '_j')} = {d(Z + '_j')}", True))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tally, wrong, total = {"holds": 0, "refuted": 0, "unchecked": 0, "other": 0}, 0, 0
    true_n = 0
    for case in range(args.n):
        style, order = rng.choice(STYLES), rng.choice(["oi", "io"])
        n_in, n_out, names = rng.choice([2, 3]), rng.choice([2, 3]), rng.choice(LETTERS)
        if style == "one_row":
            names = (names[0].lower(), names[1].lower(), names[2].upper(), names[3])
        directive = rng.random() < 0.3 and style not in ("one_row", "batch")
        truth = layer(rng, n_in, n_out, order, 2 if style == "batch" else 1)
        W, A, Z, B = names
        head = (f"<!-- symbp: layer=fc in={n_in} out={n_out} names: {A}={'input'} {W}=kernel {Z}=output {B}=bias -->\n\n"
                if directive else "")
        claims = claims_for(rng, style, names, truth, n_in, n_out)
        text = "# layer\n\n" + head + forward_text(style, order, n_in, n_out, names) + \
            "".join(f"$${c}$$\n\n" for c, _ in claims)
        got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
        for claim, ok in claims:
            total += 1
            true_n += ok
            v = got[claim].verdict if claim in got else "missing"
            tally[v if v in tally else "other"] += 1
            if (v == "holds" and not ok) or (v == "refuted" and ok):
                wrong += 1
                print("BAD", case, style, order, directive, claim, "truth", ok, v, got[claim].detail[:200])
    print(f"claims {total} (true {true_n}), verdicts {tally}, wrong verdicts {wrong}")


if __name__ == "__main__":
    main()
