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


def _column_major(rows, h, o):
    """The loop matrix with both tensors flattened column by column (vec's order)."""
    order_in = [i * h + j for j in range(h) for i in range(h)]
    order_out = [i * o + j for j in range(o) for i in range(o)]
    return [[rows[r][c] for c in order_in] for r in order_out]


def test_flattening_order_row_major_and_vec():
    rows = _loop_matrix(4, 3)                         # 4 outputs, 16 inputs: the order matters
    cols = _column_major(rows, 4, 2)
    assert cols != rows
    row_tex, col_tex = "C = " + _latex_matrix(rows), "C = " + _latex_matrix(cols)
    setup = "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 names: x=input w=kernel y=output -->"
    plain = _verdicts(f"# a\n\n{setup}\n\n$$y = C x$$\n\n$${row_tex}$$\n\n$${col_tex}$$\n")
    assert plain[row_tex].verdict == "holds"
    assert plain[col_tex].verdict == "unchecked" and "column by column" in plain[col_tex].detail
    vec = _verdicts(f"# a\n\n{setup}\n\n$$\\text{{vec}}(y) = C\\,\\text{{vec}}(x)$$\n\n$${row_tex}$$\n\n$${col_tex}$$\n")
    assert vec[col_tex].verdict == "holds", vec[col_tex].detail
    assert vec[row_tex].verdict == "unchecked" and "vec" in vec[row_tex].detail


def test_written_matrix_without_sizes_is_not_refuted_for_its_shape():
    rows = _loop_matrix(4, 3)                         # 4x16: no small size symbp tries has it
    tex = "C = " + _latex_matrix(rows)
    got = _verdicts("<!-- symbp: layer=conv2d names: x=input w=kernel y=output -->\n\n"
                    f"$$y = C x$$\n\n$${tex}$$\n")
    assert got[tex].verdict in ("holds", "unchecked"), got[tex].detail


def test_transposed_convolution_is_the_transposed_matrix():
    """y = Cᵀ x in a transposed-convolution section (C the matrix of the convolution with the
    same kernel): torch's conv_transpose2d is Cᵀ, its input gradient C ∂L/∂y."""
    g = torch.Generator().manual_seed(5)
    w = torch.randint(-5, 6, (1, 1, 3, 3), generator=g).double()
    x = torch.randint(-5, 6, (1, 1, 2, 2), generator=g).double().requires_grad_(True)
    y = F.conv_transpose2d(x, w)
    dy = torch.randint(-9, 10, y.shape, generator=g).double()
    y.backward(dy)
    conv = F.conv2d(torch.eye(16, dtype=torch.double).reshape(16, 1, 4, 4), w).reshape(16, 4).T   # C: 4x16
    assert torch.equal(conv.T @ x.detach().reshape(-1), y.detach().reshape(-1))
    assert torch.equal(conv @ dy.reshape(-1), x.grad.reshape(-1))
    good = r"\frac{\partial L}{\partial x} = C \frac{\partial L}{\partial y}"
    bad = r"\frac{\partial L}{\partial x} = C^T \frac{\partial L}{\partial y}"
    written = "C = " + _latex_matrix(_loop_matrix(4, 3))
    got = _verdicts("<!-- symbp: layer=conv-transpose2d input=2x2 kernel=3x3 names: x=input w=kernel y=output -->\n\n"
                    f"$$y = C^T x$$\n\n$${good}$$\n\n$${bad}$$\n\n$${written}$$\n")
    assert got[good].verdict == "holds", got[good].detail
    assert got[bad].verdict == "refuted", got[bad].detail
    assert got[written].verdict == "holds", got[written].detail


def test_one_dimensional_convolution_matrix():
    g = torch.Generator().manual_seed(2)
    w = torch.randint(-5, 6, (1, 1, 3), generator=g).double()
    jac = F.conv1d(torch.eye(5, dtype=torch.double).reshape(5, 1, 5), w).reshape(5, 3).T       # 3x5
    rows = [[None if float(jac[r, c]) == 0 and not any(c - r == m for m in range(3)) else (c - r + 1,)
             for c in range(5)] for r in range(3)]
    assert all(float(jac[r, c]) == (float(w[0, 0, e[0] - 1]) if e else 0.0)
               for r, row in enumerate(rows) for c, e in enumerate(row))
    good = "W = " + _latex_matrix(rows, "w_{{{}}}", "bmatrix")
    bad_rows = [list(r) for r in rows]
    bad_rows[1][1], bad_rows[1][3] = bad_rows[1][3], bad_rows[1][1]          # the kernel reversed in row 2
    assert float(w[0, 0, 0]) != float(w[0, 0, 2])
    bad = "W = " + _latex_matrix(bad_rows, "w_{{{}}}", "bmatrix")
    got = _verdicts("<!-- symbp: layer=conv1d input=5 kernel=3 index_base=1 names: x=input w=kernel y=output -->\n\n"
                    f"$$y = W x$$\n\n$${good}$$\n\n$${bad}$$\n")
    assert got[good].verdict == "holds", got[good].detail
    assert got[bad].verdict == "refuted" and "row 2" in got[bad].detail, got[bad].detail


def _col(cells):
    return r"\begin{bmatrix} " + r" \\ ".join(cells) + r" \end{bmatrix}"


def test_written_product_with_named_entries_1d():
    """[y] = [w …][x] and [∂L/∂x] = [w …][∂L/∂y] for a length-5 input and a 3-tap kernel,
    stride 1 (1-based, as blog posts write them); truth from torch's conv1d and autograd."""
    g = torch.Generator().manual_seed(4)
    x = torch.randint(-5, 6, (1, 1, 5), generator=g).double().requires_grad_(True)
    w = torch.randint(-5, 6, (1, 1, 3), generator=g).double()
    y = F.conv1d(x, w)
    dy = torch.randint(-9, 10, y.shape, generator=g).double()
    y.backward(dy)
    band = [[(c - r + 1) if 0 <= c - r < 3 else None for c in range(5)] for r in range(3)]
    mat = torch.tensor([[0.0 if e is None else float(w[0, 0, e - 1]) for e in row] for row in band], dtype=torch.double)
    assert torch.equal(mat @ x.detach().reshape(-1), y.detach().reshape(-1))
    assert torch.equal(mat.T @ dy.reshape(-1), x.grad.reshape(-1))
    flipped = torch.tensor([[0.0 if e is None else float(w[0, 0, 3 - e]) for e in row] for row in band], dtype=torch.double)
    assert not torch.equal(flipped @ x.detach().reshape(-1), y.detach().reshape(-1))
    tex = lambda rows: r"\begin{bmatrix} " + r" \\ ".join(" & ".join("0" if e is None else f"w_{e}" for e in row)  # noqa: E731
                                                           for row in rows) + r" \end{bmatrix}"
    ys, xs = _col([f"y_{i}" for i in range(1, 4)]), _col([f"x_{i}" for i in range(1, 6)])
    forward = f"{ys} = {tex(band)} {xs}"
    wrong = f"{ys} = {tex([[e and 4 - e for e in row] for row in band])} {xs}"
    gx = _col([rf"\frac{{\partial L}}{{\partial x_{i}}}" for i in range(1, 6)])
    gy = _col([rf"\frac{{\partial L}}{{\partial y_{i}}}" for i in range(1, 4)])
    backward = f"{gx} = {tex([list(t) for t in zip(*band)])} {gy}"
    untransposed = f"{gx} = {tex(band)} {gy}"
    got = _verdicts("<!-- symbp: layer=conv1d input=5 kernel=3 index_base=1 names: x=input w=kernel y=output -->\n\n"
                    + "\n\n".join(f"$${c}$$" for c in (forward, wrong, backward, untransposed)))
    assert got[forward].verdict == "holds", got[forward].detail
    assert got[wrong].verdict == "refuted" and "kernel flipped" in got[wrong].detail, got[wrong].detail
    assert got[backward].verdict == "holds", got[backward].detail
    assert got[untransposed].verdict == "refuted", got[untransposed].detail


def test_written_product_2d_entries_name_themselves():
    rows = _loop_matrix(3, 2)
    ys = _col([f"y_{{{i}{j}}}" for i in range(1, 3) for j in range(1, 3)])
    xs = _col([f"x_{{{i}{j}}}" for i in range(1, 4) for j in range(1, 4)])
    xs_cols = _col([f"x_{{{i}{j}}}" for j in range(1, 4) for i in range(1, 4)])     # another order: wrong here
    one = [[None if e is None else (e[0] + 1, e[1] + 1) for e in row] for row in rows]
    good = f"{ys} = {_latex_matrix(one, 'w_{{{}{}}}', 'bmatrix')} {xs}"
    bad = f"{ys} = {_latex_matrix(one, 'w_{{{}{}}}', 'bmatrix')} {xs_cols}"
    w, jac = _torch_matrix(3, 2)
    xv = torch.arange(1.0, 10.0, dtype=torch.double)
    assert not torch.equal(jac @ xv.reshape(3, 3).T.reshape(-1), jac @ xv)        # the order matters
    got = _verdicts("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 names: x=input w=kernel y=output -->\n\n"
                    f"$${good}$$\n\n$${bad}$$\n")
    assert got[good].verdict == "holds", got[good].detail
    assert got[bad].verdict == "refuted", got[bad].detail


def test_second_witness_catches_a_wrong_matrix(monkeypatch):
    """A reader whose matrix were wrong (here: transposed, on a 9x9 'same' convolution) would
    hold ∂L/∂x = C ∂L/∂y; the plain-loop witness disagrees and raises (an internal error)."""
    from symbp.check import doc_conv_matrix
    from symbp.witness import WitnessError
    build = doc_conv_matrix.ConvMatrices._build_tables

    def broken(self, inst):
        values, grads = build(self, inst)
        part = self.form[1]
        values[part["mat"]] = values[part["mat"]].T
        return values, grads
    claim = r"\frac{\partial L}{\partial x} = C \frac{\partial L}{\partial y}"
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=3x3 padding=1 names: x=input w=kernel y=output -->\n\n"
           f"$$y = C x$$\n\n$${claim}$$\n")
    assert _verdicts(doc)[claim].verdict == "refuted"
    monkeypatch.setattr(doc_conv_matrix.ConvMatrices, "_build_tables", broken)
    with pytest.raises(WitnessError):
        check_text(doc, "md")
