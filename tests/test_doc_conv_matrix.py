r"""Convolution written as a matrix product (Toeplitz matrix of the kernel, im2col) read by
``symbp check``.  Truth is independent of symbp: the layer's matrix is torch's Jacobian of
``conv2d`` by the flattened input, the written-out matrices come from plain loops here, the
gradients from torch autograd, and im2col's columns from ``torch.nn.functional.unfold``.

Spellings covered (how authors write it): ``y = C x`` with ``C`` a 0-based ``w_{i,j}`` matrix
(Dumoulin & Visin's guide), ``h = Wa`` and ``\frac{\partial F}{\partial a} = W^T(\frac{\partial
F}{\partial h})`` (lecture notes on transposed convolution), ``Y' = W X'`` with primes for the
flattened tensors (blog posts on transposed convolution), ``\mathbf{y} = \mathbf{C}\mathbf{x}``,
``\nabla_x L``, ``dx``, row vectors, and CS231n's im2col ``Y = W_{col} X_{col}``.
"""
from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text


def _verdicts(text):
    return {c.latex.strip(): c for c in check_text(text, "md").claims}


def _torch_matrix(h, k, stride=1, padding=0):
    """torch's Jacobian of conv2d by the flattened input at a random integer kernel."""
    g = torch.Generator().manual_seed(h * 10 + k)
    w = torch.randint(-5, 6, (1, 1, k, k), generator=g).double()
    f = lambda x: F.conv2d(x.reshape(1, 1, h, h), w, stride=stride, padding=padding).reshape(-1)  # noqa: E731
    return w[0, 0], torch.autograd.functional.jacobian(f, torch.zeros(h * h, dtype=torch.double))


def _loop_matrix(h, k, stride=1, padding=0):
    """The same matrix by loops, as symbolic entry names of a base-0 kernel (None for 0)."""
    o = (h + 2 * padding - k) // stride + 1
    rows = []
    for i, j in itertools.product(range(o), range(o)):
        row = [None] * (h * h)
        for m, n in itertools.product(range(k), range(k)):
            y, x = i * stride + m - padding, j * stride + n - padding
            if 0 <= y < h and 0 <= x < h:
                row[y * h + x] = (m, n)
        rows.append(row)
    return rows


def _latex_matrix(rows, fmt="w_{{{},{}}}", env="pmatrix"):
    body = r" \\ ".join(" & ".join("0" if e is None else fmt.format(*e) for e in row) for row in rows)
    return rf"\begin{{{env}}} {body} \end{{{env}}}"


@pytest.mark.parametrize("h,k,stride,padding", [(3, 2, 1, 0), (4, 3, 1, 0), (4, 2, 2, 0), (3, 3, 1, 1)])
def test_loop_matrix_is_torchs_jacobian(h, k, stride, padding):
    w, jac = _torch_matrix(h, k, stride, padding)
    rows = _loop_matrix(h, k, stride, padding)
    built = torch.tensor([[0.0 if e is None else float(w[e]) for e in row] for row in rows], dtype=torch.double)
    assert torch.equal(built, jac)


@pytest.mark.parametrize("h,k,stride,padding", [(3, 2, 1, 0), (4, 3, 1, 0), (4, 2, 2, 0), (3, 3, 1, 1)])
def test_written_toeplitz_matrix_entry_by_entry(h, k, stride, padding):
    rows = _loop_matrix(h, k, stride, padding)
    wrong = [list(r) for r in rows]
    r, c = next((r, c) for r in range(len(rows)) for c in range(h * h) if rows[r][c] == (0, 0))
    wrong[r][c] = (0, 1)                          # one entry with the wrong kernel weight
    w, jac = _torch_matrix(h, k, stride, padding)
    assert w[0, 0] != w[0, 1] and float(jac[r, c]) != float(w[0, 1])      # torch: the mutant is false
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding} "
             "names: x=input w=kernel y=output -->")
    good, bad = "C = " + _latex_matrix(rows), "C = " + _latex_matrix(wrong)
    got = _verdicts(f"# conv as a matrix\n\n{setup}\n\n$$y = C x$$\n\n$${good}$$\n\n$${bad}$$\n")
    assert got[good].verdict == "holds", got[good].detail
    assert got[bad].verdict == "refuted", got[bad].detail
    assert f"row {r + 1}, column {c + 1}" in got[bad].detail and "w_{0,1}" in got[bad].detail


def test_written_matrix_one_based_and_transposed():
    rows = _loop_matrix(3, 2)
    one_based = _latex_matrix([[None if e is None else (e[0] + 1, e[1] + 1) for e in row] for row in rows],
                              "k_{{{}{}}}", "bmatrix")
    cols = [list(x) for x in zip(*rows)]
    transposed = _latex_matrix(cols)
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: a=input k=kernel h=output -->\n\n"
           f"$$h = Wa$$\n\n$$W = {one_based}$$\n\n$$W^T = {transposed.replace('w_', 'k_')}$$\n\n"
           f"$$W = {transposed.replace('w_', 'k_')}$$\n")
    got = _verdicts(doc)
    assert got[f"W = {one_based}"].verdict == "holds", got[f"W = {one_based}"].detail
    t = f"W^T = {transposed.replace('w_', 'k_')}"
    assert got[t].verdict == "holds", got[t].detail              # 0-based subscripts read as such
    wrong = f"W = {transposed.replace('w_', 'k_')}"
    assert got[wrong].verdict == "refuted" and "9x4" in got[wrong].detail


def _torch_grads(h, k, stride, padding, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randint(-5, 6, (1, 1, h, h), generator=g).double().requires_grad_(True)
    w = torch.randint(-5, 6, (1, 1, k, k), generator=g).double()
    y = F.conv2d(x, w, stride=stride, padding=padding)
    dy = torch.randint(-9, 10, y.shape, generator=g).double()
    y.backward(dy)
    return w, dy.reshape(-1), x.grad.reshape(-1)


FORWARDS = [(r"y = C x", "x", "y", "C"), (r"\mathbf{y} = \mathbf{C}\mathbf{x}", "x", "y", "C"),
            (r"Y' = W X'", "X", "Y", "W"), (r"h = Wa", "a", "h", "W")]


@pytest.mark.parametrize("forward,x,y,mat", FORWARDS)
@pytest.mark.parametrize("h,k,stride,padding", [(4, 3, 1, 0), (4, 2, 2, 1), (3, 3, 1, 1)])
def test_backward_as_transposed_matrix(forward, x, y, mat, h, k, stride, padding):
    w, dy, dx = _torch_grads(h, k, stride, padding)
    jac = F.conv2d(torch.eye(h * h, dtype=torch.double).reshape(h * h, 1, h, h), w,     # column c: e_c's image
                   stride=stride, padding=padding).reshape(h * h, -1).T
    assert torch.equal(jac.T @ dy, dx)                           # torch: ∂L/∂x = Cᵀ ∂L/∂y
    square = jac.shape[0] == jac.shape[1]
    if square:
        assert not torch.equal(jac @ dy, dx)                     # C without the transpose: false
    true_claims = [rf"\frac{{\partial L}}{{\partial {x}}} = {mat}^T \frac{{\partial L}}{{\partial {y}}}",
                   rf"\nabla_{{{x}}} L = {mat}^\top \nabla_{{{y}}} L",
                   rf"d{x} = {mat}^{{T}} d{y}",
                   rf"\frac{{\partial L}}{{\partial {x}}} = \left(\frac{{\partial L}}{{\partial {y}}}\right)^T {mat}"]
    false_claims = [rf"\frac{{\partial L}}{{\partial {x}}} = {mat} \frac{{\partial L}}{{\partial {y}}}"]
    names = f"{x.lower()}=input w=kernel {y.lower()}=output" if mat != "W" else f"{x.lower()}=input k=kernel {y.lower()}=output"
    setup = f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding} names: {names} -->"
    got = _verdicts(f"# conv as a matrix\n\n{setup}\n\n$${forward}$$\n\n" + "\n\n".join(
        f"$${c}$$" for c in true_claims + false_claims))
    for c in true_claims:
        assert got[c].verdict == "holds", (c, got[c].detail)
    for c in false_claims:
        assert got[c].verdict == "refuted", (c, got[c].detail)


def _torch_im2col(h, k, cin, cout, stride, padding, seed=1):
    g = torch.Generator().manual_seed(seed)
    x = torch.randint(-5, 6, (1, cin, h, h), generator=g).double()
    w = torch.randint(-5, 6, (cout, cin, k, k), generator=g).double().requires_grad_(True)
    xcol = F.unfold(x, k, stride=stride, padding=padding)[0].clone().requires_grad_(True)   # (cin·k·k, P)
    y = w.reshape(cout, -1) @ xcol
    assert torch.equal(y.detach().reshape(-1), F.conv2d(x, w.detach(), stride=stride, padding=padding).reshape(-1))
    dy = torch.randint(-9, 10, y.shape, generator=g).double()
    y.backward(dy)
    return w.detach().reshape(cout, -1), xcol.detach(), dy, w.grad.reshape(cout, -1), xcol.grad


@pytest.mark.parametrize("h,k,cin,cout,stride,padding", [(4, 2, 1, 1, 1, 0), (4, 3, 1, 1, 2, 1), (3, 2, 2, 3, 1, 0)])
def test_im2col_rules(h, k, cin, cout, stride, padding):
    wcol, xcol, dy, dw, dxcol = _torch_im2col(h, k, cin, cout, stride, padding)
    assert torch.equal(dw, dy @ xcol.T) and torch.equal(dxcol, wcol.T @ dy)       # CS231n's rules, by torch
    true_claims = [r"dW_{col} = dY X_{col}^T", r"dX_{col} = W_{col}^T dY",
                   r"\frac{\partial L}{\partial W_{col}} = \frac{\partial L}{\partial Y} X_{col}^{\top}"]
    false_claims = [r"dW_{col} = dY X_{col}", r"dX_{col} = W_{col} dY"]
    chans = f" channels={cin},{cout} layout: X=CHW W=OIHW Y=CHW" if cin > 1 or cout > 1 else ""
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding}{chans} "
             "names: X=input W=kernel Y=output -->")
    got = _verdicts(f"# im2col\n\n{setup}\n\n$$Y = W_{{col}} X_{{col}}$$\n\n" + "\n\n".join(
        f"$${c}$$" for c in true_claims + false_claims))
    for c in true_claims:
        assert got[c].verdict == "holds", (c, got[c].detail)
    for c in false_claims:
        assert got[c].verdict == "refuted", (c, got[c].detail)


def test_unsettled_or_foreign_forms_stay_unchecked():
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: x=input w=kernel y=output -->\n\n"
           "$$y = C x$$\n\n$$\\frac{\\partial L}{\\partial C} = \\frac{\\partial L}{\\partial y} x^T$$\n\n"
           "$$C = \\begin{pmatrix} w_{0,0} & \\cdots \\end{pmatrix}$$\n")
    got = _verdicts(doc)
    for claim, c in got.items():
        if "partial C" in claim or "cdots" in claim:
            assert c.verdict == "unchecked", (claim, c.detail)
