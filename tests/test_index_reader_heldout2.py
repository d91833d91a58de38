"""Index-reader notation added after the second held-out measure (docs/real_documents.md):
a fully connected forward that indexes its weight input-first, rows inside
``\\left\\{ \\begin{align*} … \\end{align*} \\right.``, indices written as ``x_{(i+m-1)(j+n-1)}``,
``∂Y/∂x_{11}`` (a whole tensor) set equal to one number, claims joined by arrows, ``\\nabla_W L``,
and ``Y = X * W + b`` with a one-number bias.  Truth of every claim: torch autograd."""
import numpy as np
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(doc):
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims]


def _fc_truth():
    """z_j = sum_i w_{ij} a_i + b_j (w input-first): which delta rule is dL/dz^l?"""
    n = 3
    zl = torch.randn(n, requires_grad=True)
    w, b, g = torch.randn(n, n), torch.randn(n), torch.randn(n)
    zn = w.T @ torch.sigmoid(zl) + b                 # (w^T a)_j = sum_i w_{ij} a_i
    (g * zn).sum().backward()
    fp = (torch.sigmoid(zl) * (1 - torch.sigmoid(zl))).detach()
    rule = lambda t: torch.stack([sum(g[k] * t[k, j] * fp[j] for k in range(n)) for j in range(n)])  # noqa: E731
    return torch.allclose(zl.grad, rule(w.T)), torch.allclose(zl.grad, rule(w))


FC_FORWARD = "$$z_j^{l+1} = \\sum_{i=1}^{M_{l}}w_{ij}^{l+1}a_i^{l}+b_j^{l+1}$$\n\n"


def test_fc_forward_indexed_input_first_binds_the_weight_order():
    right_jk, right_kj = _fc_truth()
    assert right_jk and not right_kj                 # w_{jk} is right for this forward, w_{kj} not
    for head in ("<!-- symbp: layer=fc in=3 out=2 names: a=input w=kernel z=output b=bias C=loss -->\n\n", ""):
        doc = head + FC_FORWARD + \
            "$$\\delta_j^l =\\sum_k \\delta_k^{l+1}w_{kj}^{l+1}f'(z_j^l)$$\n\n" + \
            "$$\\delta_j^l =\\sum_k \\delta_k^{l+1}w_{jk}^{l+1}f'(z_j^l)$$\n"
        got = _verdicts(doc)
        assert got[1][0] == "refuted", got               # before: holds (the directive's torch order)
        assert got[2][0] == "holds", got


def test_fc_forward_indexed_output_first_keeps_the_torch_order():
    doc = ("$$z_j = \\sum_k w_{jk} a_k + b_j$$\n\n"
           "$$\\frac{\\partial C}{\\partial a_k} = \\sum_j w_{jk} \\delta_j$$\n\n"
           "$$\\frac{\\partial C}{\\partial a_k} = \\sum_j w_{kj} \\delta_j$$\n")
    a = torch.randn(3, requires_grad=True)
    w, g = torch.randn(2, 3), torch.randn(2)
    ((w @ a) * g).sum().backward()
    assert torch.allclose(a.grad, w.T @ g) and not torch.allclose(a.grad[:2], w[:, :2] @ g)
    got = _verdicts(doc)
    assert got[1][0] == "holds", got
    assert got[2][0] in ("refuted", "unchecked") and got[2][0] != "holds", got


def _conv_entries():
    """3x3 input, 2x2 kernel, a bias per output position (1-based): Y, dL/dX, dL/dW, dL/db."""
    x, w, b = (torch.randn(*s, requires_grad=True) for s in ((3, 3), (2, 2), (2, 2)))
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] + b
    g = torch.randn(2, 2)
    (y * g).sum().backward()
    return x, w, b, y, g


GH_NOTE = ("$$\ny_{ij} = \\sum_{m=1}^{2} \\sum_{n=1}^{2} w_{mn} \\cdot x_{(i+m-1)(j+n-1)} + b_{ij}\n$$\n\n"
           "$$\n\\left\\{\n\\begin{align*}\n"
           "y_{11} &= w_{11} \\cdot x_{11} + w_{12} \\cdot x_{12} + w_{21} \\cdot x_{21} + w_{22} \\cdot x_{22} + b_{11} \\\\\n"
           "y_{22} &= w_{11} \\cdot x_{22} + w_{12} \\cdot x_{23} + w_{21} \\cdot x_{32} + w_{22} \\cdot x_{33} + b_{22} \\\\\n"
           "\\end{align*}\n\\right.\n$$\n\n"
           "$$\n\\left\\{\n\\begin{align*}\n"
           "\\frac{\\partial{Y}}{\\partial{x_{22}}} &= \\frac{\\partial{L}}{\\partial{y_{11}}} \\cdot w_{22} + "
           "\\frac{\\partial{L}}{\\partial{y_{12}}} \\cdot w_{21} + \\frac{\\partial{L}}{\\partial{y_{21}}} \\cdot w_{12} + "
           "\\frac{\\partial{L}}{\\partial{y_{22}}} \\cdot w_{11} \\\\\n"
           "\\frac{\\partial{L}}{\\partial{x_{22}}} &= \\frac{\\partial{L}}{\\partial{y_{11}}} \\cdot w_{22} + "
           "\\frac{\\partial{L}}{\\partial{y_{12}}} \\cdot w_{21} + \\frac{\\partial{L}}{\\partial{y_{21}}} \\cdot w_{12} + "
           "\\frac{\\partial{L}}{\\partial{y_{22}}} \\cdot w_{11} \\\\\n"
           "\\frac{\\partial{L}}{\\partial{w_{11}}} &= \\frac{\\partial{L}}{\\partial{y_{11}}} \\cdot x_{11} + "
           "\\frac{\\partial{L}}{\\partial{y_{12}}} \\cdot x_{21} \\\\\n"
           "\\end{align*}\n\\right.\n$$\n")


def test_brace_rows_paren_indices_and_a_whole_tensor_left_side():
    x, w, b, y, g = _conv_entries()
    X, W, G = x.detach().numpy(), w.detach().numpy(), g.numpy()
    assert np.isclose(y[1, 1].item(), W[0, 0] * X[1, 1] + W[0, 1] * X[1, 2] + W[1, 0] * X[2, 1]
                      + W[1, 1] * X[2, 2] + b[1, 1].item())
    right_x22 = G[0, 0] * W[1, 1] + G[0, 1] * W[1, 0] + G[1, 0] * W[0, 1] + G[1, 1] * W[0, 0]
    assert np.isclose(x.grad[1, 1].item(), right_x22)                   # the dL/dx_{22} row is right
    assert not np.isclose(w.grad[0, 0].item(), G[0, 0] * X[0, 0] + G[0, 1] * X[1, 0])   # dL/dw_{11} is not
    jac = torch.autograd.functional.jacobian(
        lambda v: torch.nn.functional.conv2d(v[None, None], w.detach()[None, None])[0, 0], x.detach())
    assert jac[:, :, 1, 1].shape == (2, 2)                               # dY/dx_{22}: four numbers
    got = _verdicts(GH_NOTE)
    assert [v for v, _ in got[1:]] == ["holds", "holds", "refuted", "holds", "refuted"], got
    assert "whole tensor Y (2x2 entries)" in got[3][1] and "with ∂L/∂x_{22} on the left it holds" in got[3][1]


def test_a_whole_tensor_equal_to_a_matrix_is_not_refuted_by_the_shape_rule():
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 names: X=input W=kernel Y=output L=loss -->\n\n"
           "$$Y = X * W$$\n\n$$\\frac{\\partial Y}{\\partial x_{11}} = \\begin{pmatrix} w_{11} & 0 \\\\ 0 & 0 \\end{pmatrix}$$\n")
    got = _verdicts(doc)
    assert got[-1][0] != "refuted" or "shapes differ" not in got[-1][1], got


def test_claims_joined_by_arrows_are_checked_one_by_one():
    x = torch.randn(4, 4)
    w = torch.randn(2, 2, requires_grad=True)
    bias = torch.zeros((), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] + bias
    g = torch.randn(3, 3)
    (y * g).sum().backward()
    assert np.isclose(bias.grad.item(), g.sum().item())
    head = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss b=bias -->\n\n"
    both_true = "$$\\frac{\\partial L}{\\partial b} = \\sum_{i,j} \\frac{\\partial L}{\\partial y_{ij}} " \
                "\\implies \\frac{\\partial L}{\\partial b} = \\sum_{i}\\sum_j \\frac{\\partial L}{\\partial y_{ij}}$$\n"
    second_wrong = "$$\\frac{\\partial L}{\\partial b} = \\sum_{i,j} \\frac{\\partial L}{\\partial y_{ij}} " \
                   "\\Rightarrow \\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial y_{00}}$$\n"
    got = _verdicts(head + both_true + "\n" + second_wrong)     # each claim its own verdict (t19b)
    assert [v for v, _ in got] == ["holds", "holds", "holds", "refuted"], got


def test_nabla_subscript_and_a_one_number_bias():
    x = torch.randn(4, 4)
    w = torch.randn(2, 2, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    g = torch.randn(3, 3)
    (y * g).sum().backward()
    corr = torch.nn.functional.conv2d(x[None, None], g[None, None])[0, 0]
    assert torch.allclose(w.grad, corr)                               # dL/dW = X (corr) dL/dY
    head = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss b=bias -->\n\n"
    doc = head + "$$Y = X * W + b$$\n\n$$\\nabla_W L = X * \\nabla_Y L$$\n\n$$\\nabla_{W} L = W * \\nabla_{Y} L$$\n"
    got = _verdicts(doc)
    assert got[0][0] == "holds", got                                  # was an INTERNAL ERROR (exit 3)
    assert got[1][0] == "holds", got
    assert got[2][0] == "refuted", got


def test_full_conv_text_macro_in_the_documents_sense_of_convolution():
    x = torch.randn(4, 4, requires_grad=True)
    w = torch.randn(2, 2)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    g = torch.randn(3, 3)
    (y * g).sum().backward()
    full_corr_rot = torch.nn.functional.conv2d(torch.nn.functional.pad(g, (1, 1, 1, 1))[None, None],
                                               w.flip(0, 1)[None, None])[0, 0]
    full_corr = torch.nn.functional.conv2d(torch.nn.functional.pad(g, (1, 1, 1, 1))[None, None],
                                           w[None, None])[0, 0]
    assert torch.allclose(x.grad, full_corr_rot) and not torch.allclose(x.grad, full_corr)
    head = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss -->\n\n"
    doc = head + "$$Y = X * W$$\n\n" + \
        "$$\\frac{\\partial L}{\\partial X} = \\text{full\\_conv}(\\frac{\\partial L}{\\partial Y}, \\text{rot180}(W))$$\n\n" + \
        "$$\\frac{\\partial L}{\\partial X} = \\text{full\\_conv}(\\frac{\\partial L}{\\partial Y}, W)$$\n"
    got = _verdicts(doc)
    assert got[1][0] == "holds", got                 # was unchecked (read as a function f)
    assert got[2][0] != "holds", got
