"""A dense forward written out in full with numbered entries (issue 12, round six): the rows
``z_1 = w_{11} a_1 + w_{21} a_2 + w_{31} a_3 + b_1`` (input-first) or ``y_1 = W_{1,1} x_1 + …``
(output-first), the output as a column of cells, or one sample as a row of cells
(``Z = [x_1 w_{11} + x_2 w_{21} & …]``), in the spellings authors use (``\\cdot``, factors in
either order, commas, ``aligned`` rows).  The weight's order is read from the written terms,
never assumed: each claim's truth comes from torch autograd on a layer built in the order the
rows write (3 inputs, 2 outputs), never from symbp; a claim true in one order and false in the
other must never hold under the wrong one."""
import itertools

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.fc_infer import read_fc_forward

torch.set_default_dtype(torch.float64)
N_IN, N_OUT = 3, 2


def torch_layer(order: str):
    """The document's weight w (w_{pq} as written, 0-based here), input a, and the gradients
    of a loss through z, for a layer whose rows are written ``order`` (oi: z_p = Σ_q w_{pq} a_q;
    io: z_q = Σ_p w_{pq} a_p)."""
    torch.manual_seed(6)
    shape = (N_OUT, N_IN) if order == "oi" else (N_IN, N_OUT)
    w = torch.randn(*shape, requires_grad=True)
    a = torch.randn(N_IN, requires_grad=True)
    b = torch.randn(N_OUT, requires_grad=True)
    z = (w @ a if order == "oi" else w.T @ a) + b
    z.retain_grad()
    loss = (torch.tanh(z) * torch.tensor([1.5, -0.7])).sum() + (z ** 2).sum()
    loss.backward()
    return w.detach(), a.detach(), z.grad, w.grad, a.grad, b.grad


def entry(t, *idx):
    """t at the document's 1-based indices; None outside t (the claim names no such entry)."""
    p = tuple(i - 1 for i in idx)
    return t[p].item() if all(0 <= i < s for i, s in zip(p, t.shape)) and len(p) == t.dim() else None


def holds_for_all(claim, order: str) -> bool:
    """Whether a claim (a function of the document's tensors and 1-based j, k) holds at every
    j, k the left side names (torch truth)."""
    w, a, dz, dw, da, db = torch_layer(order)
    t = dict(w=w, a=a, dz=dz, dw=dw, da=da, db=db)
    for j, k in itertools.product(range(1, 4), repeat=2):
        lhs, rhs = claim(t, j, k)
        if lhs is None:
            continue
        if rhs is None or abs(lhs - rhs) > 1e-9:
            return False
    return True


def _sum(f):
    parts = [f(i) for i in range(1, 4)]
    parts = [p for p in parts if p is not None]
    return sum(parts) if parts else None


def _mul(x, y):
    return None if x is None or y is None else x * y


CLAIMS = [
    (r"\frac{\partial L}{\partial w_{jk}} = \frac{\partial L}{\partial z_k} a_j",
     lambda t, j, k: (entry(t["dw"], j, k), _mul(entry(t["dz"], k), entry(t["a"], j)))),
    (r"\frac{\partial L}{\partial w_{jk}} = \frac{\partial L}{\partial z_j} a_k",
     lambda t, j, k: (entry(t["dw"], j, k), _mul(entry(t["dz"], j), entry(t["a"], k)))),
    (r"\frac{\partial L}{\partial a_j} = \sum_k w_{jk} \frac{\partial L}{\partial z_k}",
     lambda t, j, k: (entry(t["da"], j), _sum(lambda i: _mul(entry(t["w"], j, i), entry(t["dz"], i)))
                      if entry(t["w"], j, 1) is not None else None)),
    (r"\frac{\partial L}{\partial a_j} = \sum_k w_{kj} \frac{\partial L}{\partial z_k}",
     lambda t, j, k: (entry(t["da"], j), _sum(lambda i: _mul(entry(t["w"], i, j), entry(t["dz"], i)))
                      if entry(t["w"], 1, j) is not None else None)),
    (r"\frac{\partial L}{\partial b_j} = \frac{\partial L}{\partial z_j}",
     lambda t, j, k: (entry(t["db"], j), entry(t["dz"], j))),
]


def rows(order: str, style: str) -> str:
    """The forward written out, in the given order and one author's spelling."""
    def weight(o, i):
        p, q = (o, i) if order == "oi" else (i, o)
        return f"w_{{{p},{q}}}" if style == "commas" else f"w_{{{p}{q}}}"

    def term(o, i):
        if style == "swapped":
            return f"a_{i} {weight(o, i)}"
        if style == "cdot":
            return f"{weight(o, i)} \\cdot a_{i}"
        return f"{weight(o, i)} a_{i}"
    cells = [" + ".join(term(o, i) for i in range(1, N_IN + 1)) for o in range(1, N_OUT + 1)]
    if style == "column":
        return "$$z = \\begin{bmatrix} " + " \\\\ ".join(cells) + " \\end{bmatrix} + b$$\n\n"
    if style == "aligned":
        return "$$\\begin{aligned} " + " \\\\ ".join(f"z_{o} &= {c} + b_{o}" for o, c in
                                                     enumerate(cells, 1)) + " \\end{aligned}$$\n\n"
    return "".join(f"$$z_{o} = {c} + b_{o}$$\n\n" for o, c in enumerate(cells, 1))


STYLES = ["plain", "swapped", "cdot", "commas", "aligned", "column"]


@pytest.mark.parametrize("order", ["oi", "io"])
def test_a_written_out_row_reads_its_own_order(order):
    for style in STYLES:
        latex = rows(order, style).split("$$")[1]
        if style == "aligned":
            continue                       # split into rows by the checker
        found = read_fc_forward(latex)
        assert found is not None and found.layout == order, (style, latex)
        assert found.roles == {"w": "kernel", "a": "input", "b": "bias", "z": "output"}, style


@pytest.mark.parametrize("latex", [
    r"z_1 = w_{11} a_1",                          # one term: either order
    r"z_1 = w_{11} a_1 + w_{11} a_1",             # the same input twice
    r"z_1 = w_{12} a_1 + w_{21} a_2",             # the terms disagree
    r"z_1 = w_{23} a_1 + w_{13} a_2",             # the row's number on no weight
])
def test_an_undetermined_row_binds_nothing(latex):
    assert read_fc_forward(latex) is None


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=fc in=3 out=2 names: a=input w=kernel z=output b=bias -->\n\n"],
                         ids=["none", "directive"])
@pytest.mark.parametrize("order", ["oi", "io"])
@pytest.mark.parametrize("style", STYLES)
def test_claims_after_written_rows_follow_their_order(style, order, directive):
    text = "# A dense layer\n\n" + directive + "The layer computes\n\n" + rows(order, style) + \
        "".join(f"$${c}$$\n\n" for c, _ in CLAIMS)
    got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
    for written in set(got) - {c for c, _ in CLAIMS}:          # the forward's rows: never refuted
        assert got[written].verdict != "refuted", (written, got[written].detail)
    for claim, truth_of in CLAIMS:
        truth = holds_for_all(truth_of, order)
        verdict, detail = got[claim].verdict, got[claim].detail
        assert not (verdict == "holds" and not truth), (style, order, claim, detail)
        assert not (verdict == "refuted" and truth), (style, order, claim, detail)
        assert verdict in ("holds", "refuted"), (style, order, claim, detail)


def one_sample_doc(order: str) -> str:
    """Z = X W written as one row of cells (one sample), the input a row of entries."""
    def cell(o):
        return " + ".join(f"x_{i} \\cdot w_{{{i}{o}}}" if order == "io" else f"x_{i} \\cdot w_{{{o}{i}}}"
                          for i in range(1, N_IN + 1))
    fwd = "Z = X W" if order == "io" else "Z = X W^T"
    return ("# A dense layer, one sample\n\n$$X = \\begin{bmatrix} x_1 & x_2 & x_3 \\end{bmatrix}$$\n\n"
            f"$${fwd}$$\n\n$$Z = \\begin{{bmatrix}} {cell(1)} & {cell(2)} \\end{{bmatrix}}$$\n\n")


@pytest.mark.parametrize("order", ["oi", "io"])
def test_one_sample_written_as_a_row_fixes_its_sizes(order):
    w, a, dz, dw, da, db = torch_layer(order)
    claims = {}
    for j in range(1, N_IN + 1):              # dX_j = Σ_o dZ_o w_{j o} (io) or w_{o j} (oi), both spellings
        for spelled in ("io", "oi"):
            terms = " + ".join(f"dZ_{o} \\cdot w_{{{j}{o}}}" if spelled == "io" else f"dZ_{o} \\cdot w_{{{o}{j}}}"
                               for o in range(1, N_OUT + 1))
            rhs = sum(dz[o - 1] * (w[j - 1, o - 1] if spelled == "io" else w[o - 1, j - 1]).item()
                      if entry(w, *((j, o) if spelled == "io" else (o, j))) is not None else float("nan")
                      for o in range(1, N_OUT + 1))
            claims[f"dX_{j} = {terms}"] = bool(abs(da[j - 1] - rhs) < 1e-9)
    claims["dX_1 = dZ_1 \\cdot w_{11}"] = bool(abs(da[0] - dz[0] * w[0, 0]) < 1e-9)   # a term left out
    text = one_sample_doc(order) + "".join(f"$${c}$$\n\n" for c in claims)
    got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
    assert sum(claims.values()) >= N_IN
    for claim, truth in claims.items():
        verdict, detail = got[claim].verdict, got[claim].detail
        assert verdict == ("holds" if truth else "refuted"), (order, claim, verdict, detail)


def batch_rows_doc(layout: str) -> str:
    """Y = XW + b (``rows``, w_{jk} from input j to output k) or Y = XW^T + b (``rows-oi``)
    written out entry by entry for a batch of 2 samples, 3 inputs, 2 outputs."""
    def weight(j, k):
        return f"w_{{{j}{k}}}" if layout == "rows" else f"w_{{{k}{j}}}"
    return "# A batch\n\n" + "".join(
        f"$$y_{{{i}{k}}} = " + " + ".join(f"x_{{{i}{j}}} {weight(j, k)}" for j in range(1, N_IN + 1)) +
        f" + b_{k}$$\n\n" for i in (1, 2) for k in range(1, N_OUT + 1))


@pytest.mark.parametrize("layout", ["rows", "rows-oi"])
def test_a_batch_written_out_entry_by_entry(layout):
    torch.manual_seed(7)
    x = torch.randn(2, N_IN)
    w = torch.randn(*((N_IN, N_OUT) if layout == "rows" else (N_OUT, N_IN)), requires_grad=True)
    b = torch.randn(N_OUT, requires_grad=True)
    y = x @ (w if layout == "rows" else w.T) + b
    y.retain_grad()
    (torch.sin(y) * y).sum().backward()
    dy, dw = y.grad, w.grad
    claims = {
        r"\frac{\partial L}{\partial w_{jk}} = \sum_i \frac{\partial L}{\partial y_{ik}} x_{ij}":
            layout == "rows" and torch.allclose(dw, x.T @ dy),
        r"\frac{\partial L}{\partial w_{jk}} = \sum_i \frac{\partial L}{\partial y_{ij}} x_{ik}":
            layout == "rows-oi" and torch.allclose(dw, dy.T @ x),
        r"\frac{\partial L}{\partial b_k} = \sum_i \frac{\partial L}{\partial y_{ik}}": torch.allclose(b.grad, dy.sum(0)),
        r"\frac{\partial L}{\partial b_k} = \frac{\partial L}{\partial y_{1k}}": torch.allclose(b.grad, dy[0]),
    }
    text = batch_rows_doc(layout) + "".join(f"$${c}$$\n\n" for c in claims)
    got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
    for claim, truth in claims.items():
        verdict, detail = got[claim].verdict, got[claim].detail
        assert verdict == ("holds" if truth else "refuted"), (layout, claim, verdict, detail)
    assert all(c.verdict == "definition" for c in got.values() if c.latex.startswith("y_{")), got


@pytest.mark.parametrize("latex", [
    r"y_{11} = x_{11} a_{11} + x_{12} a_{12}",      # x and a could swap roles: undetermined
    r"y_{11} = x_{11} w_{11} + x_{21} w_{12}",      # the input's sample number changes (w is no input)
    r"y_{11} = x_{11} w_{11} + x_{12} w_{22}",      # the weight's output number changes
])
def test_an_undetermined_batch_row_binds_nothing(latex):
    assert read_fc_forward(latex) is None


@pytest.mark.parametrize("rows_written", [
    "$$z_1 = w_{11} a_1 + w_{12} a_2 + b_1$$\n\n$$z_3 = w_{31} a_1 + w_{32} a_2 + b_3$$\n\n",          # z_2 left out
    "$$\\begin{aligned} z_1 &= w_{11} a_1 + w_{12} a_2 + b_1 \\\\ z_2 &= w_{21} a_1 + w_{22} a_2 + b_2 "
    "\\\\ &\\vdots \\end{aligned}$$\n\n",
])
def test_rows_that_are_not_all_written_give_no_sizes(rows_written):
    """∂L/∂a_1 summed over the rows written is true only if those are all the rows: with rows
    left out, the layer's output size is not known, so a numbered claim gets no verdict."""
    claim = r"\frac{\partial L}{\partial a_1} = w_{11} \frac{\partial L}{\partial z_1} + w_{21} \frac{\partial L}{\partial z_2}"
    got = {c.latex: c for c in check_text("# L\n\n" + rows_written + f"$${claim}$$\n", "md", time_limit=10).claims}
    assert got[claim].verdict == "unchecked", got[claim].detail


def test_a_convolution_over_channels_is_no_dense_forward():
    assert read_fc_forward(r"Z_j = \sum_{i=1}^{C} X_i * K_{i,j} + b_j") is None
    assert read_fc_forward(r"Z = X \ast K + b") is None


@pytest.mark.parametrize("heading", ["## Dense\n\n", ""], ids=["own heading", "same part"])
def test_a_dense_layer_written_after_a_convolution_is_read_as_its_own_layer(heading):
    """z = W a + b after a convolution's channel sum Z_j = Σ_i X_i * K_{ij} + b_j: the dense
    claims read in the dense layer (vectors as columns, W (out, in)); torch truth."""
    torch.manual_seed(8)
    W, a = torch.randn(N_OUT, N_IN, requires_grad=True), torch.randn(N_IN, requires_grad=True)
    z = W @ a
    z.retain_grad()
    torch.tanh(z).sum().backward()
    d = z.grad
    claims = {
        r"\frac{\partial L}{\partial W^{(l)}} = \delta^{(l)} (a^{(l-1)})^T": torch.allclose(W.grad, torch.outer(d, a.detach())),
        r"\frac{\partial L}{\partial a^{(l-1)}} = (W^{(l)})^T \delta^{(l)}": torch.allclose(a.grad, W.detach().T @ d),
        r"\frac{\partial L}{\partial b^{(l)}} = \delta^{(l)}": True,
    }
    wrong = {r"\frac{\partial L}{\partial a^{(l-1)}} = W^{(l)} \delta^{(l)}",        # W δ: no W^T
             r"\frac{\partial L}{\partial W^{(l)}} = a^{(l-1)} (\delta^{(l)})^T"}      # (in, out): transposed
    text = ("# CNN\n\n## Convolution\n\n$$Z^{(l)}_{j} = \\sum_{i=1}^{C_{in}} X^{(l-1)}_{i} * K^{(l)}_{i,j} + b^{(l)}_{j}$$\n\n"
            + heading + "$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$\n\n$$a^{(l)} = f(z^{(l)})$$\n\n"
            "where $\\delta^{(l)} = \\frac{\\partial L}{\\partial z^{(l)}}$.\n\n" +
            "".join(f"$${c}$$\n\n" for c in list(claims) + sorted(wrong)))
    got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
    assert all(claims.values())
    for claim in claims:
        assert got[claim].verdict == "holds", (claim, got[claim].detail)
    for claim in wrong:
        assert got[claim].verdict in ("refuted", "unchecked"), (claim, got[claim].detail)
    assert any(got[c].verdict == "refuted" for c in wrong)


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=fc in=3 out=2 names: a=input W=kernel z=output b=bias -->\n\n"],
                         ids=["none", "directive"])
def test_two_layer_labels_in_one_claim_are_two_layers(directive):
    """∂C/∂b^l = δ^L holds only at the output layer (l = L): never held for every l.  With one
    label it is the rule ∂C/∂b^l = δ^l (torch: the bias's gradient is ∂C/∂z)."""
    torch.manual_seed(9)
    W, a, b = torch.randn(N_OUT, N_IN), torch.randn(N_IN), torch.randn(N_OUT, requires_grad=True)
    z = W @ a + b
    z.retain_grad()
    torch.sigmoid(z).pow(2).sum().backward()
    assert torch.allclose(b.grad, z.grad)
    two, one = r"\frac{\partial C}{\partial b^l} = \delta^L", r"\frac{\partial C}{\partial b^l} = \delta^l"
    text = ("# net\n\n" + directive + "$$z^l = W^l a^{l-1} + b^l$$\n\n$$a^l = \\sigma(z^l)$$\n\nwith "
            "$\\delta^l = \\frac{\\partial C}{\\partial z^l}$.\n\n" + f"$${two}$$\n\n$${one}$$\n\n")
    got = {c.latex: c for c in check_text(text, "md", time_limit=10).claims}
    assert got[two].verdict == "unchecked", got[two].detail
    assert got[one].verdict == "holds", got[one].detail
