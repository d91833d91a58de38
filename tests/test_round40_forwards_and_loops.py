"""Red team 48's pages (round 40): forwards that are no plain convolution, loops the prose limits, ``ᵗ`` after a
label, and a claim no forward names, read as a cross-correlation where the page says no convention.

* ``Y_{i,j} = \\sum_u\\sum_v X_{i+u,j+v} K_{2-u,2-v}`` (a flipped kernel) was read as a cross-correlation, and
  ``Z_{i,j} = \\sum X_{i+u-1,j+v-1} K_{u,v} + X_{i,j}`` (a residual) as the convolution alone: false holds and
  correct claims refuted, with ``=`` and with ``+=`` (forward_terms; under a directive, values._State.watched);
* ``+=`` under "for every other $i$", "only the interior outputs": the loop is not every index (scatter_add);
* ``w⁽ᵏ⁺¹⁾ᵗ``: the ``ᵗ`` had joined the label (plain_scripts);
* no forward, no convention said: the readings must agree (a cross-correlation default, tried this round, held false
  claims on true-convolution pages: red team 49); a flipped kernel typed in the prose reads no claim; "step size 2"
  is a stride; a ranged sum that rebinds the left side's index is not read (blind held-out 43).

Truth: torch autograd (float64) of the page's layer, or the loop the row states run in numpy, never symbp.
"""
import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

G = r"\frac{\partial L}{\partial Y_{i,j}}"


def _grads(kind: str, seed: int = 0):
    """(X, K, g, dL/dX, dL/dK) of a 5x5 input, 3x3 kernel: 'flipped' Y = Σ X_{i+u} K_{2-u}; 'residual' padded
    conv plus X."""
    rng = np.random.default_rng(seed)
    X, K = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    x, k = torch.tensor(X, requires_grad=True), torch.tensor(K, requires_grad=True)
    if kind == "flipped":
        y = F.conv2d(x[None, None], torch.flip(k, (0, 1))[None, None])[0, 0]
    else:
        y = F.conv2d(x[None, None], k[None, None], padding=1)[0, 0] + x
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    return X, K, g, x.grad.numpy(), k.grad.numpy()


def _scatter_true(kind, where, factor, target="X") -> bool:
    X, K, g, dX, dK = _grads(kind)
    built = np.zeros_like(dX if target == "X" else dK)
    for i, j, u, v in itertools.product(range(g.shape[0]), range(g.shape[1]), range(3), range(3)):
        p, q = where(i, j, u, v)
        if 0 <= p < built.shape[0] and 0 <= q < built.shape[1]:
            built[p, q] += g[i, j] * factor(K, X, i, j, u, v)
    return np.allclose(built, dX if target == "X" else dK)


FLIPPED_PAGE = ("## A layer\n\n$$ Y_{i,j} = \\sum_{u=0}^{2}\\sum_{v=0}^{2} X_{i+u,j+v} K_{2-u,2-v} $$\n\n"
                "for a $5\\times 5$ input $X$ and a $3\\times 3$ kernel $K$.\n\n$$ {row} $$\n")
FLIPPED_ROWS = {
    r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= " + G + r" K_{2-u,2-v}":
        lambda: _scatter_true("flipped", lambda i, j, u, v: (i + u, j + v), lambda K, X, i, j, u, v: K[2 - u, 2 - v]),
    r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= " + G + r" K_{u,v}":
        lambda: _scatter_true("flipped", lambda i, j, u, v: (i + u, j + v), lambda K, X, i, j, u, v: K[u, v]),
    r"\frac{\partial L}{\partial K_{u,v}} = \sum_{i,j} " + G + r" X_{i+u,j+v}":
        lambda: _scatter_true("flipped", lambda i, j, u, v: (u, v), lambda K, X, i, j, u, v: X[i + u, j + v], "K"),
}
RESIDUAL_PAGE = ("{directive}## Residual block\n\nA $5\\times 5$ input $X$, a $3\\times 3$ kernel $K$, zero padding 1, "
                 "and the output\n\n$$ Z_{{i,j}} = \\sum_{{u=0}}^{{2}}\\sum_{{v=0}}^{{2}} X_{{i+u-1,j+v-1}} K_{{u,v}} + X_{{i,j}} $$"
                 "\n\nThe gradient of the input is accumulated over every output:\n\n$$ {row} $$\n")
RESIDUAL_ROWS = {
    r"\frac{\partial L}{\partial X_{i+u-1,j+v-1}} \mathrel{+}= \frac{\partial L}{\partial Z_{i,j}} K_{u,v}":
        lambda: _scatter_true("residual", lambda i, j, u, v: (i + u - 1, j + v - 1), lambda K, X, i, j, u, v: K[u, v]),
    r"\frac{\partial L}{\partial X_{i+u-1,j+v-1}} \mathrel{+}= \frac{\partial L}{\partial Z_{i,j}} (K_{u,v} + [u = 1][v = 1])":
        lambda: _scatter_true("residual", lambda i, j, u, v: (i + u - 1, j + v - 1),
                              lambda K, X, i, j, u, v: K[u, v] + (u == 1 and v == 1)),
}
RESIDUAL_DIRECTIVE = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=1 names: X=input K=kernel "
                      "Z=output L=loss -->\n")


@pytest.mark.parametrize("row", sorted(FLIPPED_ROWS))
def test_a_flipped_kernel_forward_is_not_read_as_a_cross_correlation(row):
    verdict = check_text(FLIPPED_PAGE.replace("{row}", row), "md").claims[-1]
    assert verdict.verdict != ("holds" if not FLIPPED_ROWS[row]() else "refuted"), verdict.detail


@pytest.mark.parametrize("directive", ["", RESIDUAL_DIRECTIVE])
@pytest.mark.parametrize("row", sorted(RESIDUAL_ROWS))
def test_a_residual_forward_is_not_read_as_the_convolution_alone(row, directive):
    verdict = check_text(RESIDUAL_PAGE.format(directive=directive, row=row), "md").claims[-1]
    assert verdict.verdict != ("holds" if not RESIDUAL_ROWS[row]() else "refuted"), verdict.detail
    if directive:
        assert "not the directive's layer" in verdict.detail, verdict.detail


def test_the_truth_tells_the_rows_apart():
    assert [f() for f in FLIPPED_ROWS.values()] == [True, False, False]
    assert [f() for f in RESIDUAL_ROWS.values()] == [False, True]


LIMITED = ["The loop runs for every other $i$ and $j$ only ($i, j \\in \\{0, 2\\}$):",
           "For $i \\geq 1$ and $j \\geq 1$ only:", "Only for the interior outputs:"]


@pytest.mark.parametrize("sentence", LIMITED)
def test_a_loop_the_prose_limits_is_not_read_over_every_index(sentence):
    page = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: X=input K=kernel Y=output "
            f"L=loss -->\n## Backward\n\n{sentence}\n\n$$ \\frac{{\\partial L}}{{\\partial X_{{i+u,j+v}}}} \\mathrel{{+}}= "
            f"{G} K_{{u,v}} $$\n")
    # the loop over every other (or only some) output drops terms of the gradient: false at these sizes
    assert not _scatter_true_limited()
    assert check_text(page, "md").claims[-1].verdict != "holds"


def _scatter_true_limited() -> bool:
    rng = np.random.default_rng(1)
    X, K = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    x, k = torch.tensor(X, requires_grad=True), torch.tensor(K)
    y = F.conv2d(x[None, None], k[None, None])[0, 0]
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    built = np.zeros((5, 5))
    for i, j, u, v in itertools.product((0, 2), (0, 2), range(3), range(3)):
        built[i + u, j + v] += g[i, j] * K[u, v]
    return np.allclose(built, x.grad.numpy())


def test_a_small_t_after_a_label_is_the_transpose():
    page = ("<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a⁽ᵏ⁻¹⁾=input w⁽ᵏ⁾=kernel b⁽ᵏ⁾=bias z⁽ᵏ⁾=output "
            "a⁽ᵏ⁾=activation L=loss -->\nLe réseau : z⁽ᵏ⁾ = w⁽ᵏ⁾ · a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾ et a⁽ᵏ⁾ = f(z⁽ᵏ⁾).\n\n"
            "$$\nδ⁽ᵏ⁾ = (w⁽ᵏ⁺¹⁾ᵗ · δ⁽ᵏ⁺¹⁾) ⊙ f'(z⁽ᵏ⁾)\n$$\n")
    torch.manual_seed(0)                 # the truth: δ^k = ((w^{k+1})^T δ^{k+1}) ⊙ f'(z^k) in a 3 -> 2 -> 2 network
    a0, w1, w2 = torch.randn(3, 1), torch.randn(2, 3), torch.randn(2, 2)
    z1 = (w1 @ a0).requires_grad_()
    z2 = w2 @ torch.tanh(z1)
    z2.retain_grad()
    (torch.tanh(z2) ** 3).sum().backward()
    assert torch.allclose(z1.grad, (w2.T @ z2.grad) * (1 - torch.tanh(z1.detach()) ** 2))
    assert check_text(page, "md").claims[-1].verdict == "holds"


NO_FORWARD = "# Gradients of a convolution\n\nThe kernel slides over the image.\n\n$$ {row} $$\n"


def _kernel_grad_true(flipped: bool) -> bool:
    rng = np.random.default_rng(2)
    X = rng.standard_normal((4, 4))
    w = torch.tensor(rng.standard_normal((2, 2)), requires_grad=True)
    y = F.conv2d(torch.tensor(X)[None, None], w[None, None])[0, 0]      # the default: a cross-correlation
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    built = np.zeros((2, 2))
    for m, n, i, j in itertools.product(range(2), range(2), range(3), range(3)):
        r, c = (i - m + 1, j - n + 1) if flipped else (i + m, j + n)
        if 0 <= r < 4 and 0 <= c < 4:
            built[m, n] += g[i, j] * X[r, c]
    return np.allclose(built, w.grad.numpy())


def test_no_forward_and_no_convention_said_decides_no_convention():
    """Red team 49: deciding such claims as a cross-correlation, the default, held 19 false claims on pages that mean a
    true convolution in words no list knows (旋转180度, "une convolution (et non une corrélation)", scipy's
    convolve2d): the readings must agree, as before."""
    right = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    flipped = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i-m+1,j-n+1}"
    assert _kernel_grad_true(False) and not _kernel_grad_true(True)
    for row in (right, flipped):
        assert check_text(NO_FORWARD.format(row=row), "md").claims[-1].verdict == "unchecked"
    zh = "# 卷积层的反向传播\n\n前向传播时先把卷积核旋转180度，再在输入 X 上滑动求和，得到输出 Y。\n\n$$ {row} $$\n"
    assert check_text(zh.format(row=right), "md").claims[-1].verdict != "holds"


def test_a_flipped_kernel_forward_in_the_prose_reads_no_claim():
    """Red team 49: the forward typed inline, $Y_{i,j} = Σ X_{i+u,j+v} K_{2-u,2-v}$, with sizes in the prose: the
    true kernel gradient (the flipped form) was refuted as a cross-correlation's."""
    page = ("# Conv\n\nThe layer computes $Y_{i,j} = \\sum_{u=0}^{2}\\sum_{v=0}^{2} X_{i+u,j+v} K_{2-u,2-v}$ on a "
            "6x6 input X with a 3x3 kernel K.\n\n$$ \\frac{\\partial L}{\\partial K_{m,n}} = \\sum_{i}\\sum_{j} "
            "\\delta_{i,j} X_{i+2-m,j+2-n} $$\n")
    rng = np.random.default_rng(3)                 # the truth: Y = Σ X_{i+u} K_{2-u}, so dL/dK_{m,n} = Σ δ_{ij} X_{i+2-m,j+2-n}
    X = rng.standard_normal((6, 6))
    k = torch.tensor(rng.standard_normal((3, 3)), requires_grad=True)
    y = F.conv2d(torch.tensor(X)[None, None], torch.flip(k, (0, 1))[None, None])[0, 0]
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    built = np.array([[sum(g[i, j] * X[i + 2 - m, j + 2 - n] for i in range(4) for j in range(4)) for n in range(3)]
                      for m in range(3)])
    assert np.allclose(built, k.grad.numpy())
    assert check_text(page, "md").claims[-1].verdict != "refuted"


@pytest.mark.parametrize("said", ["step size 2 in both directions", "步长为2"])
def test_a_stride_said_as_a_step_size_is_the_stride(said):
    page = (f"# Downsampling conv\n\nCNN layer, {said}, kernel K, input X.\n\n"
            "$$ \\frac{\\partial L}{\\partial K_{m,n}} = \\sum_{i}\\sum_{j} \\delta_{i,j} X_{i+m,j+n} $$\n")
    rng = np.random.default_rng(4)                 # at stride 2 the stride-1 form is false
    X = rng.standard_normal((5, 5))
    k = torch.tensor(rng.standard_normal((2, 2)), requires_grad=True)
    y = F.conv2d(torch.tensor(X)[None, None], k[None, None], stride=2)[0, 0]
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    built = np.array([[sum(g[i, j] * X[i + m, j + n] for i in range(2) for j in range(2)) for n in range(2)] for m in range(2)])
    assert not np.allclose(built, k.grad.numpy())
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_ranged_sum_that_rebinds_the_left_sides_index_is_not_read():
    """Blind held-out 43: dJ/dw_i = Σ_{i=1}^m dL/dw_i (i the feature on the left, the example in the sum) was refuted."""
    torch.manual_seed(0)
    X, y = torch.randn(4, 3), torch.tensor([1.0, 0.0, 1.0, 0.0])
    w = torch.randn(3, requires_grad=True)
    per = F.binary_cross_entropy(torch.sigmoid(X @ w), y, reduction="none")
    (total,) = torch.autograd.grad(per.sum(), w, retain_graph=True)
    each = sum(torch.autograd.grad(per[n], w, retain_graph=True)[0] for n in range(4))
    assert torch.allclose(total, each)             # the author's meaning holds
    page = ("<!-- symbp: layer=fc in=3 out=1 batch=4 weight=in-out names: x=input w=kernel b=bias z=output "
            "\\hat{y}=activation y=target L=loss J=loss -->\n## Eq. 1\n\n$$\\frac{\\partial J(b,w)}{\\partial w_i} "
            "=\\sum_{i=1}^{m}\\frac{\\partial L(b,w)}{\\partial w_i}$$\n")
    assert check_text(page, "md").claims[-1].verdict != "refuted"
