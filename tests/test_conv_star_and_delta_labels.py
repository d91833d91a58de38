"""Round thirty-four's red team: two false holds older than the round.

* On a convolution page with ``A = σ(Z)``, the scalar reader took ``Z = X * W + b`` for a product of
  numbers and proved ``∂L/∂X = ∂L/∂Z * W`` "for scalars".  A ``*`` between operands on a page about a
  convolution (or under a conv / pooling directive) is no product for that reader.
* The founding reader read a lone ``δ`` with another label than the weight's or the bias's as the
  layer's own δ: ``∂J/∂b^l = δ^{l-1}`` held.  And on a page whose forward labels the output one layer
  past its weight (``z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}``, UFLDL) it read ``δ^{(l)}`` as that layer's.

Truth: torch autograd (cross-correlation by ``conv2d``; a dense layer with a sigmoid), never symbp.
"""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _conv():
    torch.manual_seed(2)
    x, w = torch.randn(1, 1, 4, 4, requires_grad=True), torch.randn(1, 1, 2, 2, requires_grad=True)
    z = F.conv2d(x, w)
    z.retain_grad()
    (torch.sigmoid(z) * torch.arange(1.0, 10.0).reshape(z.shape)).sum().backward()
    return x.detach()[0, 0], w.detach()[0, 0], z.grad[0, 0], x.grad[0, 0], w.grad[0, 0]


CONV_CLAIMS = {
    r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Z} * W":
        lambda x, w, d: F.conv2d(d[None, None], w[None, None])[0, 0],
    r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Z} * X": None,     # the kernel is larger
    r"\frac{\partial L}{\partial W} = X * \frac{\partial L}{\partial Z}":
        lambda x, w, d: F.conv2d(x[None, None], d[None, None])[0, 0],
}


@pytest.mark.parametrize("claim", sorted(CONV_CLAIMS))
@pytest.mark.parametrize("lead", ["<!-- symbp: layer=conv2d input=4x4 kernel=2x2 -->\n\n",
                                  "The convolution layer ($*$ is cross-correlation):\n\n"])
def test_a_star_on_a_convolution_page_is_no_product(claim, lead):
    x, w, d, gx, gw = _conv()
    fn = CONV_CLAIMS[claim]
    value = None if fn is None else fn(x, w, d)
    which = gx if "partial X" in claim.split("=")[0] else gw
    truth = value is not None and value.shape == which.shape and torch.allclose(value, which)
    page = lead + f"$$Z = X * W + b$$\n\n$$A = \\sigma(Z)$$\n\n$$\n{claim}\n$$\n"
    got = check_text(page, "md").claims[-1]
    assert got.verdict != ("refuted" if truth else "holds"), got.detail
    assert "scalars" not in got.detail


def _dense():
    """z^l = W^l a^{l-1} + b^l (W 2x3) after z^{l-1} (3), a^{l-1} = σ(z^{l-1}); J of σ(z^l)."""
    torch.manual_seed(8)
    z0 = torch.randn(3, 1, requires_grad=True)
    w, b = torch.randn(2, 3, requires_grad=True), torch.randn(2, 1, requires_grad=True)
    z1 = w @ torch.sigmoid(z0) + b
    z1.retain_grad()
    torch.sin(torch.sigmoid(z1)).sum().backward()
    return z0.grad, z1.grad, b.grad


def test_a_delta_of_another_layer_is_not_this_layers():
    d_prev, d, gb = _dense()
    assert d_prev.shape != gb.shape and torch.allclose(d, gb)     # ∂J/∂b^l = δ^l, and δ^{l-1} is not it
    page = ("<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z^{l} = W^{l} a^{l-1} + b^{l}$$\n\n"
            "$$\\frac{\\partial J}{\\partial b^l} = \\delta^{l-1}$$\n\n$$\\frac{\\partial J}{\\partial b^l} = \\delta^{l+1}$$\n\n"
            "$$\\frac{\\partial J}{\\partial b^l} = \\delta^{l}$$\n")
    wrong_prev, wrong_next, right = check_text(page, "md").claims[1:]
    assert wrong_prev.verdict != "holds" and wrong_next.verdict != "holds"
    assert right.verdict == "holds", right.detail


def test_a_forward_labelled_one_layer_on():
    """UFLDL: z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}, δ^{(l+1)} = ∂J/∂z^{(l+1)}: ∂J/∂b^{(l)} = δ^{(l+1)}."""
    d_prev, d, gb = _dense()
    page = ("<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}$$\n\n"
            "$$\\frac{\\partial J}{\\partial b^{(l)}} = \\delta^{(l+1)}$$\n\n$$\\frac{\\partial J}{\\partial b^{(l)}} = \\delta^{(l)}$$\n")
    forward, right, wrong = check_text(page, "md").claims
    assert forward.verdict != "refuted" and right.verdict == "holds", (forward.detail, right.detail)
    assert wrong.verdict != "holds", wrong.detail


def test_a_star_the_sentence_before_calls_full():
    """"… is a full convolution:" above δ^{l-1} = δ^l * rot180(W^l) ⊙ σ'(z^{l-1}): the founding reader
    read the valid * and refuted it (a shape misfit); the sentence says full, and that reading holds."""
    torch.manual_seed(4)
    z0, w = torch.randn(1, 1, 3, 3, requires_grad=True), torch.randn(1, 1, 2, 2)
    z1 = F.conv2d(torch.sigmoid(z0), w)
    z1.retain_grad()
    torch.sin(z1).sum().backward()
    d1, s0 = z1.grad, torch.sigmoid(z0.detach()) * (1 - torch.sigmoid(z0.detach()))
    full = F.conv2d(F.pad(d1, (1, 1, 1, 1)), torch.flip(w, (2, 3))) * s0
    assert torch.allclose(full, z0.grad)                      # the full reading is the gradient
    assert F.conv2d(d1, torch.flip(w, (2, 3))).shape != z0.grad.shape   # the valid one has another shape
    claim = "$$\\delta^{l-1} = \\delta^l * rot180(W^l) \\odot \\sigma'(z^{l-1})$$\n"
    page = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n"
    said = check_text(page + "The error of the layer before is a full convolution:\n\n" + claim, "md").claims[-1]
    assert said.verdict == "holds", said.detail
    assert check_text(page + claim, "md").claims[-1].verdict == "refuted"


@pytest.mark.parametrize("lead", ["## A CNN layer\n\nThe $2\\times 2$ filter $W$ slides over the $4\\times 4$ image $X$.\n\n",
                                  "A $2\\times 2$ kernel $W$ with stride 1 over a $4\\times 4$ input $X$.\n\n"])
def test_a_star_on_a_page_that_names_a_filter_is_no_product(lead):
    """Red team 36: no word "convolution" on the page, but a filter, a kernel, a stride."""
    x, w, d, gx, gw = _conv()
    assert F.conv2d(d[None, None], w[None, None]).shape != gx[None, None].shape     # δ * W: not ∂L/∂X
    page = lead + "$$Z = X * W + b$$\n\n$$A = \\sigma(Z)$$\n\n$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Z} * W$$\n"
    got = check_text(page, "md").claims[-1]
    assert got.verdict != "holds" and "scalars" not in got.detail, got.detail


def _ufldl():
    """UFLDL's labels: z^{(2)} = W^{(1)} a^{(1)} + b^{(1)}, a^{(2)} = σ(z^{(2)}), z^{(3)} = W^{(2)} a^{(2)} + b^{(2)}."""
    torch.manual_seed(9)
    a1 = torch.randn(3, 1)
    w1, b1 = torch.randn(4, 3), torch.randn(4, 1)
    w2, b2 = torch.randn(2, 4, requires_grad=True), torch.randn(2, 1, requires_grad=True)
    z2 = (w1 @ a1 + b1).requires_grad_()
    z3 = w2 @ torch.sigmoid(z2) + b2
    z3.retain_grad()
    torch.sin(torch.sigmoid(z3)).sum().backward()
    return z2.grad, z3.grad, b2.grad, w2.grad, torch.sigmoid(z2.detach())


@pytest.mark.parametrize("directive", [False, True])
def test_ufldl_digit_labels(directive):
    d2, d3, gb2, gw2, a2 = _ufldl()
    assert torch.allclose(gb2, d3) and d2.shape != gb2.shape and torch.allclose(gw2, d3 @ a2.T)
    page = ("<!-- symbp: layer=fc in=4 out=2 -->\n\n" if directive else "") + (
        "$\\delta^{(l)} = \\frac{\\partial J}{\\partial z^{(l)}}$, $f$ the sigmoid.\n\n"
        "$$z^{(2)} = W^{(1)} a^{(1)} + b^{(1)}$$\n\n$$a^{(2)} = f(z^{(2)})$$\n\n$$z^{(3)} = W^{(2)} a^{(2)} + b^{(2)}$$\n\n"
        "$$\\frac{\\partial J}{\\partial b^{(2)}} = \\delta^{(2)}$$\n\n$$\\frac{\\partial J}{\\partial W^{(2)}} = \\delta^{(2)} (a^{(2)})^T$$\n\n"
        "$$\\frac{\\partial J}{\\partial b^{(2)}} = \\delta^{(3)}$$\n")
    claims = check_text(page, "md").claims
    assert all(c.verdict != "refuted" for c in claims[:3])      # the page's forwards
    wrong_b, wrong_w, right_b = claims[3:]
    assert wrong_b.verdict != "holds" and wrong_w.verdict != "holds", (wrong_b.detail, wrong_w.detail)
    assert right_b.verdict != "refuted", right_b.detail


# red team 37: words that are no convolution, vectors read as numbers, a grouping sizes do not settle
@pytest.mark.parametrize("word", ["an SVM kernel $k(x, x')$", "inputs padded with zeros", "strides of one sample",
                                  "unlike a CNN", "outliers we filter out"])
def test_a_scalar_page_with_a_convolution_sounding_word(word):
    w, x, b, y = (torch.tensor(v, requires_grad=True) for v in (0.7, -1.3, 0.2, 0.4))
    z = w * x + b
    z.retain_grad()
    (0.5 * (torch.sigmoid(z) - y) ** 2).backward()
    assert torch.isclose(x.grad, z.grad * w) and torch.isclose(b.grad, z.grad)     # both claims true
    page = (f"A single scalar weight $w$, input $x$, bias $b$ ({word}); $\\sigma$ the sigmoid.\n\n$$z = w * x + b$$\n\n"
            "$$a = \\sigma(z)$$\n\n$$L = \\frac{1}{2}(a - y)^2$$\n\n$$\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial z} * w$$\n\n"
            "$$\\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial z}$$\n")
    assert [c.verdict for c in check_text(page, "md").claims[-2:]] == ["holds", "holds"]


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=fc in=3 out=2 -->\n\n"])
def test_vectors_are_not_read_as_numbers(directive):
    torch.manual_seed(11)
    w, x, b = torch.randn(2, 3, requires_grad=True), torch.randn(3, 1, requires_grad=True), torch.randn(2, 1)
    z = w @ x + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    torch.sin(a).sum().backward()
    g = a.grad * torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    assert torch.allclose(x.grad, w.detach().T @ g) and torch.allclose(w.grad, g @ x.detach().T)
    page = directive + ("One sample $x$, a column vector; $W$ is a matrix; $\\sigma$ is the sigmoid.\n\n$$z = W x + b$$\n\n"
                        "$$a = \\sigma(z)$$\n\n$$\\frac{\\partial L}{\\partial x} = W (\\frac{\\partial L}{\\partial a} \\odot \\sigma'(z))$$\n\n"
                        "$$\\frac{\\partial L}{\\partial W} = (\\frac{\\partial L}{\\partial a} \\odot \\sigma'(z)) x$$\n")
    claims = check_text(page, "md").claims
    assert claims[1].verdict != "refuted", claims[1].detail          # a = σ(z): the activation, not the input
    assert all(c.verdict != "holds" for c in claims[2:]), [c.detail for c in claims[2:]]


def test_a_grouping_the_guessed_sizes_settle_is_not_a_proof():
    """(W^{(l)})^T ∂J/∂a^{(l+1)} ⊙ f'(z^{(l+1)}): read (W^T ∂J/∂a) ⊙ f' as written, false; only
    W^T (∂J/∂a ⊙ f') is true, and at the sizes symbp chose only that one fits (a square W fits both)."""
    torch.manual_seed(12)
    w, a = torch.randn(3, 3), torch.randn(3, 1, requires_grad=True)
    z = w @ a
    z.retain_grad()
    out = torch.sigmoid(z)
    out.retain_grad()
    torch.sin(out).sum().backward()
    fp = torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    assert not torch.allclose((w.T @ out.grad) * fp, a.grad) and torch.allclose(w.T @ (out.grad * fp), a.grad)
    page = ("$f$ is the sigmoid; every layer has 3 units; one example, a column.\n\n$$z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}$$\n\n"
            "$$a^{(l+1)} = f(z^{(l+1)})$$\n\n$$\\frac{\\partial J}{\\partial a^{(l)}} = (W^{(l)})^T \\frac{\\partial J}{\\partial a^{(l+1)}} "
            "\\odot f'(z^{(l+1)})$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_full_convolution_with_the_sigmoids_derivative_written_out():
    """"… is a full convolution:" above δ^{l-1} = δ^l * rot180(W^l) ⊙ a^{l-1} ⊙ (1 - a^{l-1}), a^{l-1} = σ(z^{l-1})."""
    torch.manual_seed(4)
    z0, w = torch.randn(1, 1, 3, 3, requires_grad=True), torch.randn(1, 1, 2, 2)
    a0 = torch.sigmoid(z0)
    z1 = F.conv2d(a0, w)
    z1.retain_grad()
    torch.sin(z1).sum().backward()
    full = F.conv2d(F.pad(z1.grad, (1, 1, 1, 1)), torch.flip(w, (2, 3))) * a0.detach() * (1 - a0.detach())
    assert torch.allclose(full, z0.grad)                          # the claim is true
    page = ("$*$ is cross-correlation; $\\sigma$ is the sigmoid; $\\delta^l = \\partial C/\\partial z^l$.\n\n"
            "$$z^l = a^{l-1} * W^l + b^l$$\n\n$$a^l = \\sigma(z^l)$$\n\nThe error of the previous layer is a full convolution:\n\n"
            "$$\\delta^{l-1} = \\delta^l * \\text{rot180}(W^l) \\odot a^{l-1} \\odot (1 - a^{l-1})$$\n")
    assert check_text(page, "md").claims[-1].verdict != "refuted"
