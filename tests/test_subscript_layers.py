"""Layer labels written as subscripts (``z_l = a_{l-1} W_l + b_l^T``, samples as rows), the chain rule
written with a whole-tensor Jacobian beside ⊙ (``\\frac{\\partial J}{\\partial a_L} \\odot
\\frac{\\partial a_L}{\\partial z_L}``), ``A B ⊙ C`` read where only one grouping fits, and a bold zero
``\\mathbf{0}`` (round thirty-four, held-out 28's book chapter and held-out 27's dying-ReLU row).

Truth: torch autograd on a two-layer network with samples as rows, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.subscript_layers import SubscriptLayers

torch.set_default_dtype(torch.float64)

M, H0, H1, H2 = 4, 3, 3, 2          # samples, and the widths of the input and the two layers


def _net():
    """Samples as rows: z_l = a_{l-1} W_l + b_l^T, a_l = sigmoid(z_l); J a non-linear function of a_2."""
    torch.manual_seed(7)
    a0 = torch.randn(M, H0)
    w1, w2 = torch.randn(H0, H1, requires_grad=True), torch.randn(H1, H2, requires_grad=True)
    b1, b2 = torch.randn(H1, 1, requires_grad=True), torch.randn(H2, 1, requires_grad=True)
    z1 = a0 @ w1 + b1.T
    a1 = torch.sigmoid(z1)
    z2 = a1 @ w2 + b2.T
    a2 = torch.sigmoid(z2)
    for t in (z1, a1, z2, a2):
        t.retain_grad()
    (torch.sin(a2) * torch.arange(1.0, 1 + a2.numel()).reshape(a2.shape)).sum().backward()
    sp = lambda z: torch.sigmoid(z) * (1 - torch.sigmoid(z))      # noqa: E731
    return dict(a1=a1.detach(), d2=z2.grad, d1=z1.grad, ga1=a1.grad, ga2=a2.grad, gw2=w2.grad,
                w2=w2.detach(), sp1=sp(z1.detach()), sp2=sp(z2.detach()))


def _same(a, b):
    return a.shape == b.shape and torch.allclose(a, b)


# claim about the last layer (L: z_L = a_{L-1} W_L + b_L^T) -> its value and the gradient it states
CLAIMS = {
    r"\frac{\partial J}{\partial W_L} = a_{L-1}^T \delta_L": (lambda n: n["a1"].T @ n["d2"], "gw2"),
    r"\frac{\partial J}{\partial W_L} = \delta_L^T a_{L-1}": (lambda n: n["d2"].T @ n["a1"], "gw2"),
    r"\frac{\partial J}{\partial a_{L-1}} = \delta_L W_L^T": (lambda n: n["d2"] @ n["w2"].T, "ga1"),
    r"\frac{\partial J}{\partial a_{L-1}} = \delta_L W_L": (lambda n: n["d2"], "ga1"),        # shapes differ
    r"\delta_L = \frac{\partial J}{\partial a_L} \odot f'_L(z_L)": (lambda n: n["ga2"] * n["sp2"], "d2"),
    r"\delta_L = \frac{\partial J}{\partial a_L} \odot \frac{\partial a_L}{\partial z_L}": (lambda n: n["ga2"] * n["sp2"], "d2"),
    r"\frac{\partial J}{\partial a_L} = \frac{\partial J}{\partial z_L} \odot \frac{\partial a_L}{\partial z_L}":
        (lambda n: n["d2"] * n["sp2"], "ga2"),
    r"\frac{\partial J}{\partial W_L} = a_{L-1}^T \frac{\partial J}{\partial a_L} \odot f'_L(z_L)":
        (lambda n: n["a1"].T @ (n["ga2"] * n["sp2"]), "gw2"),
    r"\delta_{L-1} = (\delta_L W_L^T) \odot f'_{L-1}(z_{L-1})": (lambda n: (n["d2"] @ n["w2"].T) * n["sp1"], "d1"),
    r"\delta_{L-1} = (\delta_L W_L) \odot f'_{L-1}(z_{L-1})": (lambda n: n["d2"], "d1"),     # shapes differ
}
GROUPED_ODOT = {r"\frac{\partial J}{\partial W_L} = a_{L-1}^T \frac{\partial J}{\partial a_L} \odot f'_L(z_L)"}
PAGE = ("# Back propagation\n\nSamples are rows. For the last layer\n\n$$\nz_L = a_{L-1}W_L + b_L^T\n$$\n\n"
        "$$\na_L = f_L(z_L)\n$$\n\nand its error\n\n$$\n\\delta_L = \\frac{\\partial J(W, b)}{\\partial z_L}\n$$\n\n"
        "$$\n{claim}\n$$\n")


@pytest.mark.parametrize("claim", sorted(CLAIMS))
@pytest.mark.parametrize("directive", [False, True])
def test_subscript_labels_against_autograd(claim, directive):
    fn, which = CLAIMS[claim]
    net = _net()
    truth = _same(fn(net), net[which])
    page = PAGE.replace("{claim}", claim)
    if directive:
        page = ("<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: a_{L-1}=input W_L=kernel "
                "b_L=bias z_L=output a_L=activation J=loss -->\n\n" + page)
    verdict = check_text(page, "md").claims[-1]
    if not directive and claim in GROUPED_ODOT:    # H A ⊙ B: at sizes symbp chose, a square H fits (H A) ⊙ B too
        assert verdict.verdict != ("refuted" if truth else "holds"), verdict.detail
    elif truth or directive:
        assert verdict.verdict == ("holds" if truth else "refuted"), (truth, verdict.detail)
    else:      # without sizes one neuron a layer (numbers) may be meant: refuted or unchecked, never holds
        assert verdict.verdict != "holds", verdict.detail


def test_the_forward_with_a_transposed_column_bias_is_the_forward():
    page = PAGE.replace("{claim}", r"\frac{\partial J}{\partial W_L} = a_{L-1}^T \delta_L")
    assert check_text(page, "md").claims[0].verdict == "definition"


@pytest.mark.parametrize("page", [
    r"$$y_l = w_0 x_{l-1} + w_1 x_l + b_l$$",                        # a 1-D convolution: l an index
    r"$$z_l = W_l a_{l-1} + b_l$$ and $$y = \sum_l v_l z_l$$",       # a sum over l
    r"$$z_l = W_l a_{l-1} + b_l$$ and $$a_i = \sigma(z_i)$$",        # a also indexed by i
    r"$$z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j$$ with $$W_l a_{l-1}$$",   # superscript labels too
])
def test_pages_whose_subscripts_are_indices_are_left_as_written(page):
    assert not SubscriptLayers(page).letters


def test_the_renaming():
    layers = SubscriptLayers(r"$$z_{l+1} = a_lW_{l+1} + b_{l+1}^T$$, $$\delta_{l+1} = \frac{\partial J}{\partial z_{l+1}}$$")
    assert layers.plain(r"\frac{\partial J}{\partial a_l} = \delta_{l+1} W_{l+1}^T") == \
        r"\frac{\partial J}{\partial a^{l}} = \delta^{l+1} (W^{l+1})^T"
    assert layers.plain(r"W_{jk} = a_l^2") == r"W_{jk} = a_l^2"          # an entry, a power: as written


def test_a_jacobian_beside_odot_that_is_not_diagonal_is_not_read():
    page = ("<!-- symbp: layer=fc in=2 out=2 batch=3 weight=rows names: a=input W=kernel b=bias z=output "
            "J=loss -->\n\n$$z = aW + b$$\n\n$$\\frac{\\partial J}{\\partial z} = \\frac{\\partial J}{\\partial a} "
            "\\odot \\frac{\\partial z}{\\partial a}$$\n")
    got = check_text(page, "md").claims[-1]
    assert got.verdict == "unchecked" and "diagonal" in got.detail


# a bold zero: the zero vector of the left side's shape (z = Wx + b, W 2x3, x 3x1)
def _linear_page(claim):
    return ("<!-- symbp: layer=fc in=3 out=2 names: x=input W=kernel b=bias z=output L=loss -->\n\n"
            f"$$z = Wx + b$$\n\n$$\n{claim}\n$$\n")


def test_bold_zero_against_autograd():
    """``\\mathbf{0}`` is compared entry by entry with the left side, whatever its shape: refuted by the
    value of an entry, never by its shape (the number 0 beside a vector is the shape that differs)."""
    torch.manual_seed(3)
    w, x = torch.randn(2, 3, requires_grad=True), torch.randn(3, 1, requires_grad=True)
    (w @ x).sum().backward()
    assert torch.count_nonzero(x.grad) > 0            # ∂L/∂x is no zero vector
    for claim in (r"\frac{\partial L}{\partial x} = \mathbf{0}", r"\frac{\partial L}{\partial x} = \boldsymbol{0}",
                  r"\frac{\partial L}{\partial x} = W^T \delta - W^T \delta = \vec{0}"):
        got = check_text(_linear_page(claim), "md").claims[-1]
        assert got.verdict == "refuted" and "shape" not in got.detail, got.detail
    got = check_text(_linear_page(r"\frac{\partial L}{\partial x} = 0"), "md").claims[-1]
    assert got.verdict == "refuted" and "shape" in got.detail


def test_a_zero_where_the_activation_is_flat_is_unchecked():
    """``∂L/∂w = ∂L/∂a · 0 · x = \\mathbf{0}`` under a ReLU at a negative input (the condition in words):
    false for a general input, true where the ReLU is flat; never refuted as a correct statement."""
    torch.manual_seed(5)
    w, x = torch.randn(3, requires_grad=True), torch.randn(3)
    b = -(w.detach() @ x).abs() - 1.0          # z < 0: the dead neuron of the page
    torch.relu(w @ x + b).backward()
    assert torch.count_nonzero(w.grad) == 0
    page = ("<!-- symbp: layer=fc in=3 out=1 names: x=input w=kernel b=bias z=output a=activation L=loss -->\n\n"
            "$$z = w^T x + b$$\n\n$$a = \\mathrm{ReLU}(z)$$\n\nWhen $z < 0$ for every sample:\n\n"
            "$$\\frac{\\partial L}{\\partial w} = \\mathbf{0}$$\n")
    assert check_text(page, "md").claims[-1].verdict != "refuted"
