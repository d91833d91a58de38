r"""Campaign for convolutions written as matrix products (symbp.check.doc_conv_matrix): random
gradient claims and written-out matrices after ``y = C x`` (in several authors' spellings) or
im2col's ``Y = W_{col} X_{col}``, checked as whole ``symbp check`` documents, truth from torch.

Each document has a directive with a random geometry (input 3..5, kernel 2..3, stride 1..2,
padding 0..1; im2col also 1..2 channels in and out) and the names, the forward in one spelling
(``y = C x``, ``h = Wa``, ``Y' = W X'``, ``\mathbf{y} = \mathbf{C}\mathbf{x}``,
``\text{vec}(y) = C\,\text{vec}(x)``, row vectors ``y = x C``) and claims:

* ``∂L/∂x`` (as ``\frac``, ``\nabla``, ``d``) equal to a product of one or two of C, ∂L/∂y,
  each maybe transposed, in either order: the true form and its mutants;
* the matrix written out (entries ``w_{i,j}``, 0-based) from torch's Jacobian, and mutants: one
  entry another weight, the kernel flipped (true convolution), the matrix transposed, the
  tensors flattened in the other order (a claim symbp should leave unchecked or decide rightly);
* im2col: ``dW_{col}``, ``dX_{col}`` equal to a product of two of dY, W_col, X_col (maybe
  transposed), also spelled ``\tilde{W}``, ``\hat X``, ``X_{unfold}``, with ``δ`` or ``∂L/∂Y``
  for dY, ``.`` or ``\cdot`` between the factors and the forward's ``+ b``; and ``∂L/∂X =
  \text{col2im}(…)`` of such a product (truth: torch's ``fold`` against autograd's ∂L/∂X).

* chains of whole-tensor Jacobians: ``∂L/∂X`` or ``∂L/∂K`` equal to a product of two or three of
  ∂L/∂O (or δ), ∂O/∂X, ∂L/∂X, maybe transposed, after a statement of the shapes (∂L/∂O a row or
  a column, ∂O/∂X in denominator layout) or none: true where it holds in every layout the
  statement leaves, false where it fails in all, unchecked the only right answer otherwise.

Truth: the right side evaluated on torch's tensors (the Jacobian of ``conv2d`` by the flattened
input, ``unfold`` for X_col, autograd for the gradients); a shape that differs is false, except
that a vector equal to the gradient's transpose is true (the row-vector, numerator-layout
reading of ∂L/∂x).  A false claim must never hold; a true one must never be refuted.

    python benchmarks/campaign_conv_matrix.py --n 300 --seed 0
"""
from __future__ import annotations

import itertools
import random
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

SPELLINGS = [("y = C x", "x", "y", "C", "left", False), ("h = Wa", "a", "h", "W", "left", False),
             ("Y' = W X'", "X", "Y", "W", "left", False),
             (r"\mathbf{y} = \mathbf{C}\mathbf{x}", "x", "y", "C", "left", False),
             (r"\text{vec}(y) = C\,\text{vec}(x)", "x", "y", "C", "left", True),
             ("y = x C", "x", "y", "C", "right", False)]
GRADS = [r"\frac{{\partial L}}{{\partial {}}}", r"\nabla_{{{}}} L", "d{}"]
TRANSPOSE = ["^T", r"^\top", "^{T}"]
# the unfolded matrices and ∂L/∂Y as authors write them: CS231n, decorated letters, δ
UNFOLD_NAMES = [("W_{col}", "X_{col}", "dY"), (r"\tilde{W}", r"\tilde{X}", r"\delta"),
                (r"\hat{W}", r"\hat X", "dY"), (r"\widetilde{W}", r"\widetilde{X}", r"\frac{\partial L}{\partial Y}"),
                ("W_{row}", "X_{unfold}", r"\delta")]


def _geometry(rng):
    h = rng.randint(3, 5)
    k = rng.randint(2, min(3, h))
    return h, k, rng.randint(1, 2), rng.randint(0, 1)


def _toeplitz_doc(rng, g):
    forward, x, y, mat, side, vec = rng.choice(SPELLINGS)
    h, k, s, p = _geometry(rng)
    w = wide_values((1, 1, k, k), g)
    jac = F.conv2d(torch.eye(h * h, dtype=torch.float64).reshape(h * h, 1, h, h), w, stride=s,
                   padding=p).reshape(h * h, -1).T                                # (outputs, inputs)
    o = int(round(jac.shape[0] ** 0.5))
    xin = wide_values((1, 1, h, h), g).requires_grad_(True)
    out = F.conv2d(xin, w, stride=s, padding=p)
    dy = wide_values(out.shape, g)
    out.backward(dy)
    col = side == "left"
    value = {"M": jac if col else jac.T, "G": dy.reshape(-1, 1) if col else dy.reshape(1, -1)}
    gx = xin.grad.reshape(-1, 1) if col else xin.grad.reshape(1, -1)
    claims = []
    for _ in range(4):
        items = [(n, rng.random() < 0.5) for n in rng.sample(["M", "G"], rng.randint(1, 2))]
        text, val = [], None
        for name, t in items:
            v = value[name].T if t else value[name]
            piece = mat if name == "M" else "(" + rng.choice(GRADS).format(y) + ")" if t else rng.choice(GRADS).format(y)
            text.append(piece + (rng.choice(TRANSPOSE) if t else ""))
            val = v if val is None else (val @ v if val.shape[1] == v.shape[0] else "bad")
            if isinstance(val, str):
                break
        true = not isinstance(val, str) and (torch.equal(val, gx) or (1 in gx.shape and torch.equal(val, gx.T)))
        claims.append((rng.choice(GRADS).format(x) + " = " + " ".join(text), true, "gradient"))
    klet = "k" if mat == "W" else "w"
    names = {(r, c): f"{klet}_{{{r},{c}}}" for r, c in itertools.product(range(k), range(k))}
    weight = {float(w[0, 0, r, c]): (r, c) for r, c in itertools.product(range(k), range(k))}
    written = [[None if float(e) == 0 else weight[float(e)] for e in row] for row in jac]
    mutants = [("written", written, jac)]
    wrong = [list(r) for r in written]
    r, c = next((r, c) for r in range(len(wrong)) for c in range(len(wrong[0])) if wrong[r][c])
    wrong[r][c] = (wrong[r][c][0], (wrong[r][c][1] + 1) % k)
    mutants.append(("one entry", wrong, None))
    mutants.append(("flipped", [[e and (k - 1 - e[0], k - 1 - e[1]) for e in row] for row in written], None))
    mutants.append(("transposed", [list(t) for t in zip(*written)], None))
    order_in = [i * h + j for j in range(h) for i in range(h)]
    order_out = [i * o + j for j in range(o) for i in range(o)]
    mutants.append(("column order", [[written[a][b] for b in order_in] for a in order_out], None))
    for kind, rows, _ in mutants:
        rows = rows if col else [list(t) for t in zip(*rows)]       # y = x C: C is the transpose
        num = torch.tensor([[0.0 if e is None else float(w[0, 0, e[0], e[1]]) for e in row] for row in rows],
                           dtype=torch.float64)
        if vec:                                   # vec stacks columns: the truth in that order
            want = jac[order_out][:, order_in]
        else:
            want = jac
        want = want if col else want.T
        true = num.shape == want.shape and torch.equal(num, want)
        body = r" \\ ".join(" & ".join("0" if e is None else names[e] for e in row) for row in rows)
        claims.append((f"{mat} = \\begin{{pmatrix}} {body} \\end{{pmatrix}}", true, "matrix " + kind))
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={s} padding={p} "
             f"names: {x.lower()}=input {klet}=kernel {y.lower()}=output -->")
    return setup, forward, claims


def _im2col_doc(rng, g):
    h, k, s, p = _geometry(rng)
    cin, cout = rng.randint(1, 2), rng.randint(1, 2)
    x = wide_values((1, cin, h, h), g)
    w = wide_values((cout, cin, k, k), g).requires_grad_(True)
    xcol = F.unfold(x, k, stride=s, padding=p)[0].clone().requires_grad_(True)
    ycol = w.reshape(cout, -1) @ xcol
    dy = wide_values(ycol.shape, g)
    ycol.backward(dy)
    cols = rng.random() < 0.5                      # Y = W_col X_col, else Y = X_col W_col
    value = {"dY": dy if cols else dy.T, "W_{col}": w.detach().reshape(cout, -1), "X_{col}": xcol.detach()}
    if not cols:
        value["W_{col}"], value["X_{col}"] = value["W_{col}"].T, value["X_{col}"].T
    truth = {"W_{col}": w.grad.reshape(cout, -1) if cols else w.grad.reshape(cout, -1).T,
             "X_{col}": xcol.grad if cols else xcol.grad.T}
    spelled = dict(zip(["W_{col}", "X_{col}", "dY"], rng.choice(UNFOLD_NAMES)))    # \tilde{W}, δ, …
    claims = []
    for _ in range(5):
        wrt = rng.choice(sorted(truth))
        items = [(n, rng.random() < 0.4) for n in rng.sample(sorted(value), 2)]
        if rng.random() < 0.4:                   # the true rule (CS231n's, or its transposed layout)
            other = "X_{col}" if wrt == "W_{col}" else "W_{col}"
            items = [("dY", False), (other, True)] if cols == (wrt == "W_{col}") else [(other, True), ("dY", False)]
        text, val = [], None
        for name, t in items:
            v = value[name].T if t else value[name]
            text.append(spelled[name] + (rng.choice(TRANSPOSE) if t else ""))
            val = v if val is None else (val @ v if val.shape[1] == v.shape[0] else "bad")
            if isinstance(val, str):
                break
        true = not isinstance(val, str) and val.shape == truth[wrt].shape and torch.equal(val, truth[wrt])
        lhs = rng.choice([f"d{spelled[wrt]}", rf"\frac{{\partial L}}{{\partial {spelled[wrt]}}}"])
        claims.append((f"{lhs} = " + rng.choice([" ", " . ", r" \cdot "]).join(text), true, "im2col"))
    # col2im: ∂L/∂X as the unfolded gradient folded back (torch's fold), channels stacked (cin·H x W)
    xin = x.clone().requires_grad_(True)
    F.conv2d(xin, w.detach(), stride=s, padding=p).backward(dy.reshape(1, cout, -1).reshape(
        1, cout, *F.conv2d(x, w.detach(), stride=s, padding=p).shape[2:]))
    want_x = xin.grad[0].reshape(cin * h, h)
    for _ in range(2):
        items = [(n, rng.random() < 0.5) for n in rng.sample(sorted(value), 2)]
        if rng.random() < 0.5:
            items = [("W_{col}", True), ("dY", False)] if cols else [("dY", False), ("W_{col}", True)]
        val = None
        for name, t in items:
            v = value[name].T if t else value[name]
            val = v if val is None else (val @ v if val.shape[1] == v.shape[0] else "bad")
            if isinstance(val, str):
                break
        unfolded = None if isinstance(val, str) else val if cols else val.T
        true = unfolded is not None and unfolded.shape == xcol.shape and torch.equal(
            F.fold(unfolded.unsqueeze(0), (h, h), k, stride=s, padding=p)[0].reshape(cin * h, h), want_x)
        text = " ".join(spelled[n] + ("^T" if t else "") for n, t in items)
        claims.append((rf"\frac{{\partial L}}{{\partial X}} = \text{{col2im}}({text})", true, "col2im"))
    chans = f" channels={cin},{cout} layout: X=CHW W=OIHW Y=CHW" if cin > 1 or cout > 1 else ""
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={s} padding={p}{chans} "
             "names: X=input W=kernel Y=output -->")
    w_name, x_name = spelled["W_{col}"], spelled["X_{col}"]
    bias = " + b" if rng.random() < 0.3 else ""
    return setup, (f"Y = {w_name} {x_name}" if cols else f"Y = {x_name} {w_name}") + bias, claims


READINGS = ("row", "column", "denominator")
STATED = {"row": ["row"], "column": ["column", "denominator"], "denominator": ["denominator"], None: list(READINGS)}


def _chain_doc(rng, g):
    """Chains of whole-tensor Jacobians (``∂L/∂X = ∂L/∂O ∂O/∂X``): a claim's truth in each layout
    the stated shapes leave (torch's Jacobians of conv2d, autograd's gradients); true where all
    hold, false where all fail, None (unchecked is the answer) where they differ."""
    h, k, s, p = _geometry(rng)
    x, w = wide_values((1, 1, h, h), g), wide_values((1, 1, k, k), g)
    conv = lambda a, b: F.conv2d(a, b, stride=s, padding=p).reshape(-1)     # noqa: E731
    jac = {"X": torch.autograd.functional.jacobian(lambda v: conv(v.reshape(x.shape), w), x.reshape(-1)),
           "K": torch.autograd.functional.jacobian(lambda v: conv(x, v.reshape(w.shape)), w.reshape(-1))}
    xr, wr = x.clone().requires_grad_(True), w.clone().requires_grad_(True)
    out = F.conv2d(xr, wr, stride=s, padding=p)
    dy = wide_values(out.shape, g)
    out.backward(dy)
    grad = {"O": dy.reshape(-1), "X": xr.grad.reshape(-1), "K": wr.grad.reshape(-1)}
    stated = rng.choice(["row", "column", "denominator", None])
    n_o, n_x = grad["O"].numel(), grad["X"].numel()
    statement = {"row": rf"\frac{{\partial L}}{{\partial O}} \in \mathbb{{R}}^{{1\times {n_o}}}",
                 "column": rf"\frac{{\partial L}}{{\partial O}} \in \mathbb{{R}}^{{{n_o}\times 1}}",
                 "denominator": rf"\frac{{\partial O}}{{\partial X}} \in \mathbb{{R}}^{{{n_x}\times {n_o}}}",
                 None: ""}[stated]
    if (stated == "denominator" and n_x == n_o) or (stated in ("row", "column") and n_o == 1):
        stated = None                                  # a square Jacobian's shape, a 1x1 gradient: say nothing
    claims = []
    for _ in range(4):
        wrt = rng.choice(["X", "K"])
        items = [(rng.choice([("grad", "O"), ("jac", wrt), ("grad", wrt)]), rng.random() < 0.3)
                 for _ in range(rng.randint(2, 3))]
        if rng.random() < 0.5:
            items = rng.choice([[(("grad", "O"), False), (("jac", wrt), False)],
                                [(("jac", wrt), True), (("grad", "O"), False)],
                                [(("jac", wrt), False), (("grad", "O"), False)]])
        truths = []
        for reading in STATED[stated]:
            val = None
            for (kind, name), t in items:
                m = grad[name].reshape(1, -1) if kind == "grad" and reading == "row" else \
                    grad[name].reshape(-1, 1) if kind == "grad" else jac[name].T if reading == "denominator" else jac[name]
                m = m.T if t else m
                val = m if val is None else (val @ m if not isinstance(val, str) and val.shape[1] == m.shape[0] else "bad")
            want = grad[wrt].reshape(1, -1) if reading == "row" else grad[wrt].reshape(-1, 1)
            truths.append(not isinstance(val, str) and val.shape == want.shape and torch.equal(val, want))
        spell = {("grad", "O"): rng.choice([r"\frac{\partial L}{\partial O}", r"\delta"]),
                 ("grad", "X"): r"\frac{\partial L}{\partial X}", ("grad", "K"): r"\frac{\partial L}{\partial K}",
                 ("jac", "X"): r"\frac{\partial O}{\partial X}", ("jac", "K"): r"\frac{\partial O}{\partial K}"}
        text = " ".join(f"({spell[i]})^T" if t else spell[i] for i, t in items)
        true = True if all(truths) else False if not any(truths) else None
        claims.append((rf"\frac{{\partial L}}{{\partial {wrt}}} = {text}", true, "chain"))
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={s} padding={p} "
             "names: X=input K=kernel O=output L=loss -->")
    return setup, statement, claims


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    start = time.time()
    while tally.made < n:
        setup, forward, claims = rng.choices([_toeplitz_doc, _im2col_doc, _chain_doc], [5, 3, 2])[0](rng, g)
        doc = f"# Convolution as a matrix\n\n{setup}\n\n" + (f"$${forward}$$\n\n" if forward else "") + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
        report = tally.check(doc, len(claims))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for claim, true, kind in claims:
            tally.made += 1
            if true is None:                        # true in some layout the text leaves, false in another
                v = got.get(claim)
                tally.counts[f"layout open→{v.verdict if v else 'missing'}"] += 1
                if v is None or v.verdict != "unchecked":
                    tally.failures.append(("layout open", doc, v.detail if v else "missing"))
                continue
            tally.record(true, got.get(claim), doc, kind=kind)
    return tally.summary("conv-as-matrix campaign", seed, time.time() - start)


def main() -> int:
    n_claims, seed = size_and_seed(__doc__, 300)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
