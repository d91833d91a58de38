"""A section with no directive whose prose states a setting its forward does not write (a stride
of 2 above a forward that moves by 1; a full output above a forward read as valid): each claim
is checked under both readings, holds where it holds under both, is refuted where it is refuted
under both, and is unchecked naming the directive where they disagree.

Truth: torch autograd of the layer under each reading (conv2d at stride 1 and at stride 2; the
valid and the full, padding K-1, cross-correlation), compared with the claim evaluated by plain
loops over the same tensors."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _grads(size, k, stride=1, padding=0, seed=0):
    """x, w, g = ∂L/∂y, ∂L/∂x, ∂L/∂w, ∂L/∂b of y = conv2d(x, w) + b (0-based plain tensors)."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, size, size, generator=gen, requires_grad=True)
    w = torch.randn(1, 1, k, k, generator=gen, requires_grad=True)
    b = torch.randn(1, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, b, stride=stride, padding=padding)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    return x.detach()[0, 0], w.detach()[0, 0], g[0, 0], x.grad[0, 0], w.grad[0, 0], b.grad[0]


def _at(t, i, j, shift=0):
    """t[i, j] with the index shifted by ``shift`` (a padded output's first entry), 0 outside."""
    i, j = i + shift, j + shift
    return t[i, j] if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else torch.tensor(0.0)


def _claims(doc):
    return [c for c in check_text(doc, "md").claims if c.verdict != "definition"]


# ---- "a stride of 2" above a forward that moves by 1

STRIDE_DOC = """Take a $5\\times 5$ input $x$ and a $3\\times 3$ kernel $w$, moved with a stride of 2.

$$y_{ij} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} w_{mn} x_{i+m,j+n} + b$$

$$CLAIM$$
"""

# claim -> its value by loops from (x, w, g, stride), one entry per (m, n) or the one number
STRIDE_CLAIMS = {
    r"\frac{\partial L}{\partial b} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}}":
        lambda x, w, g, s: g.sum(),
    r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial y_{00}}":
        lambda x, w, g, s: g[0, 0],
    r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}} x_{i+m,j+n}":
        lambda x, w, g, s: torch.stack([torch.stack([sum(g[i, j] * x[i + m, j + n] for i in range(g.shape[0])
                                                         for j in range(g.shape[1])) for n in range(3)]) for m in range(3)]),
    r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}} x_{2i+m,2j+n}":
        lambda x, w, g, s: torch.stack([torch.stack([sum(g[i, j] * _at(x, 2 * i + m, 2 * j + n) for i in range(g.shape[0]) for j in range(g.shape[1]))
                                                     for n in range(3)]) for m in range(3)]),
    r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}} x_{i-m,j-n}":
        lambda x, w, g, s: torch.stack([torch.stack([sum(g[i, j] * _at(x, i - m, j - n) for i in range(g.shape[0])
                                                         for j in range(g.shape[1])) for n in range(3)]) for m in range(3)]),
}


def _stride_truth(claim):
    """(true at stride 1, true at stride 2) by torch autograd."""
    out = []
    for stride in (1, 2):
        x, w, g, dx, dw, db = _grads(5, 3, stride=stride)
        value = STRIDE_CLAIMS[claim](x, w, g, stride)
        want = db if "partial b}" in claim else dw
        out.append(bool(torch.allclose(value, want)))
    return tuple(out)


@pytest.mark.parametrize("claim", list(STRIDE_CLAIMS))
def test_a_stride_conflict_decides_where_both_readings_agree(claim):
    truth = _stride_truth(claim)
    expected = {(True, True): "holds", (False, False): "refuted"}.get(truth, "unchecked")
    got = _claims(STRIDE_DOC.replace("CLAIM", claim))
    assert [c.verdict for c in got] == [expected], (claim, truth, got[0].detail)
    assert "stride 2 (the prose)" in got[0].detail
    if expected == "unchecked":               # each reading's verdict, and the directive that decides
        assert "it holds" in got[0].detail and "it is refuted" in got[0].detail
        assert "<!-- symbp: stride=2 -->" in got[0].detail and "<!-- symbp: stride=1 -->" in got[0].detail
    if claim == list(STRIDE_CLAIMS)[0]:       # the claims cover agreement and disagreement both ways
        assert {_stride_truth(c) for c in STRIDE_CLAIMS} == {(True, True), (False, False), (True, False), (False, True)}


def test_a_stride_conflict_in_other_words_and_a_one_entry_jacobian():
    """The stride said in another sentence, and a local derivative of the first output entry,
    which reads x at the same place under both strides: it holds; the second entry's does not."""
    doc = ("The $3\\times 3$ kernel $w$ slides over the $5\\times 5$ input $x$ with stride 2.\n\n"
           "$$y_{ij} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} w_{mn} x_{i+m,j+n}$$\n\n"
           "$$\\frac{\\partial y_{00}}{\\partial w_{mn}} = x_{mn}$$\n\n"
           "$$\\frac{\\partial y_{01}}{\\partial w_{mn}} = x_{m,n+1}$$\n")
    # truth by autograd: ∂y_{01}/∂w_{mn} is x_{m, n+s}: x_{m,n+1} at stride 1 only
    for stride, want in ((1, True), (2, False)):
        x = torch.randn(5, 5, generator=torch.Generator().manual_seed(3))
        w = torch.randn(3, 3, requires_grad=True)
        y = torch.nn.functional.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]
        (jac,) = torch.autograd.grad(y[0, 1], w)
        assert torch.allclose(jac, x[0:3, 1:4]) == want
        (jac0,) = torch.autograd.grad(torch.nn.functional.conv2d(x[None, None], w[None, None], stride=stride)[0, 0, 0, 0], w)
        assert torch.allclose(jac0, x[0:3, 0:3])
    assert [c.verdict for c in _claims(doc)] == ["holds", "unchecked"]


# ---- "the output is the full convolution" above a forward read as valid

FULL_DOC = """The input $x$ is $3\\times 3$ and the kernel $w$ is $2\\times 2$; the output is the full convolution ($4\\times 4$).

$$y_{ij} = \\sum_{m=0}^{1}\\sum_{n=0}^{1} w_{mn} x_{i+m,j+n} + b$$

$$CLAIM$$
"""


def _full_truth(claim_value, want):
    """(true for the valid output, true for the full one) by torch: the full output is
    padding 1 (K-1) with the forward as written, its first entry y_{-1,-1}."""
    out = []
    for padding in (0, 1):
        x, w, g, dx, dw, db = _grads(3, 2, padding=padding)
        out.append(bool(torch.allclose(claim_value(x, w, g, padding), want(dx, dw, db))))
    return tuple(out)


FULL_CLAIMS = [
    (r"\frac{\partial L}{\partial b} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}}",
     lambda x, w, g, p: g.sum(), lambda dx, dw, db: db),
    (r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}} x_{i+m,j+n}",
     lambda x, w, g, p: torch.stack([torch.stack([sum(g[i, j] * _at(x, i - p + m, j - p + n) for i in range(g.shape[0])
                                                      for j in range(g.shape[1])) for n in range(2)]) for m in range(2)]),
     lambda dx, dw, db: dw),
    (r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{ij}} x_{i-m,j-n}",
     lambda x, w, g, p: torch.stack([torch.stack([sum(g[i, j] * _at(x, i - p - m, j - p - n) for i in range(g.shape[0])
                                                      for j in range(g.shape[1])) for n in range(2)]) for m in range(2)]),
     lambda dx, dw, db: dw),
    (r"\frac{\partial L}{\partial b} = \sum_{i=0}^{1}\sum_{j=0}^{1} \frac{\partial L}{\partial y_{ij}}",
     lambda x, w, g, p: sum(_at(g, i, j, p) for i in range(2) for j in range(2)), lambda dx, dw, db: db),
]


@pytest.mark.parametrize("claim, value, want", FULL_CLAIMS)
def test_a_full_output_said_decides_where_both_readings_agree(claim, value, want):
    truth = _full_truth(value, want)
    expected = {(True, True): "holds", (False, False): "refuted"}.get(truth, "unchecked")
    got = _claims(FULL_DOC.replace("CLAIM", claim))
    assert [c.verdict for c in got] == [expected], (claim, truth, got[0].detail)
    assert "the full output (padding 1, the prose)" in got[0].detail
    if expected == "unchecked":
        assert "it holds" in got[0].detail and "it is refuted" in got[0].detail and "padding=1" in got[0].detail
    if claim == FULL_CLAIMS[0][0]:            # the claims cover agreement both ways and a disagreement
        assert {_full_truth(v, w) for _, v, w in FULL_CLAIMS} == {(True, True), (False, False), (True, False)}


# ---- the convention said both ways in words, a forward written without entries

BOTH_WORDS = """Deep-learning libraries compute a cross-correlation and call it a convolution; the textbook true convolution flips the kernel.
The input $X$ is $3\\times 3$ and the kernel $W$ is $2\\times 2$.

$$Y = X * W + b$$

$$\\frac{\\partial L}{\\partial b} = \\sum_{i}\\sum_{j} \\frac{\\partial L}{\\partial Y_{ij}}$$

$$\\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial Y_{00}}$$

$$\\frac{\\partial L}{\\partial W_{mn}} = \\sum_{i}\\sum_{j} \\frac{\\partial L}{\\partial Y_{ij}} X_{i+m,j+n}$$
"""


def test_a_convention_said_both_ways_decides_and_says_so_where_both_agree():
    truth = []
    for flip in (False, True):            # cross-correlation, then true convolution (the kernel flipped)
        gen = torch.Generator().manual_seed(5)
        x = torch.randn(1, 1, 3, 3, generator=gen)
        w = torch.randn(1, 1, 2, 2, generator=gen, requires_grad=True)
        b = torch.randn(1, generator=gen, requires_grad=True)
        y = torch.nn.functional.conv2d(x, torch.flip(w, (2, 3)) if flip else w, b)
        g = torch.randn(*y.shape, generator=gen)
        (y * g).sum().backward()
        g, x = g[0, 0], x[0, 0]
        dw = torch.tensor([[sum(float(g[i, j] * x[i + m, j + n]) for i in range(2) for j in range(2))
                            for n in range(2)] for m in range(2)])
        truth.append((bool(torch.isclose(g.sum(), b.grad[0])), bool(torch.isclose(g[0, 0], b.grad[0])),
                      bool(torch.allclose(dw, w.grad[0, 0]))))
    expected = [{(True, True): "holds", (False, False): "refuted"}.get(pair, "unchecked") for pair in zip(*truth)]
    got = _claims(BOTH_WORDS)
    assert [c.verdict for c in got] == expected == ["holds", "refuted", "unchecked"]
    assert all("under cross-correlation and under true convolution" in c.detail for c in got[:2])
