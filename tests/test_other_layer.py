"""A section with no directive: a claim about another layer than the one the last forward set up
(a convolution's gradients below an average or max pooling's forward, under their own heading;
a pooling's gradient below a heading that names it, after a convolution's forward) is read
under the page's layer of that kind where a forward states one, else unchecked naming the
directive; never refuted under the wrong layer.

Truth: torch autograd of the layer the claim is about, compared with the claim evaluated by
plain loops (zero outside a tensor)."""
import torch

from symbp.check.checker import check_text
from symbp.check.other_layer import heading_kind

torch.set_default_dtype(torch.float64)


def _claims(doc):
    return [c for c in check_text(doc, "md").claims if c.verdict != "definition"]


def _conv(size=4, k=2, kernel=None, seed=0):
    """x, w, g, ∂L/∂x, ∂L/∂w, ∂L/∂b of y = x ⋆ w + b (cross-correlation, 0-based)."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, size, size, generator=gen)
    w = (torch.randn(1, 1, k, k, generator=gen) if kernel is None else kernel.reshape(1, 1, k, k)).requires_grad_()
    b = torch.randn(1, generator=gen, requires_grad=True)
    x.requires_grad_()
    y = torch.nn.functional.conv2d(x, w, b)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    return x.detach()[0, 0], w.detach()[0, 0], g[0, 0], x.grad[0, 0], w.grad[0, 0], b.grad[0]


def _at(t, i, j):
    return t[i, j] if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else torch.tensor(0.0)


def _kernel_grad(x, g, k, sign):
    """Σ_{i,j} g_{ij} x_{i + sign·u, j + sign·v} for each (u, v)."""
    return torch.stack([torch.stack([sum(g[i, j] * _at(x, i + sign * u, j + sign * v) for i in range(g.shape[0])
                                         for j in range(g.shape[1])) for v in range(k)]) for u in range(k)])


def _input_grad(w, g, size):
    """Σ_{p,q} g_{m-p, n-q} w_{p,q} for each (m, n)."""
    k = w.shape[0]
    return torch.stack([torch.stack([sum(_at(g, m - p, n - q) * w[p, q] for p in range(k) for q in range(k))
                                     for n in range(size)]) for m in range(size)])


AVG_PAGE = r"""# A two-layer network

## Convolution

The input $a$ is convolved with the kernel $k$:

$$s_{i,j} = \sum_{u=0}^{1}\sum_{v=0}^{1} k_{u,v}\, a_{i+u,j+v} + c$$

## Pooling

Each $2\times 2$ block is averaged:

$$q_{i,j} = \frac{1}{4}\sum_{u=0}^{1}\sum_{v=0}^{1} a_{2i+u,2j+v}$$

$$\frac{\partial L}{\partial a_{2i+u,2j+v}} = \frac{1}{4}\frac{\partial L}{\partial q_{i,j}}$$

## Gradients of the convolution

$$\frac{\partial L}{\partial k_{u,v}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial s_{i,j}}\, a_{i+u,j+v}$$

$$\frac{\partial L}{\partial k_{u,v}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial s_{i,j}}\, a_{i-u,j-v}$$
"""


def test_conv_gradients_below_an_average_pooling_are_read_under_the_convolution():
    x, w, g, dx, dw, db = _conv()
    assert torch.allclose(_kernel_grad(x, g, 2, +1), dw)           # the first claim: true
    assert not torch.allclose(_kernel_grad(x, g, 2, -1), dw)       # the second: false
    # the pooling's own claim: true for the 2x2 average
    xp = torch.randn(1, 1, 4, 4, requires_grad=True)
    gp = torch.randn(1, 1, 2, 2)
    (torch.nn.functional.avg_pool2d(xp, 2) * gp).sum().backward()
    assert torch.allclose(xp.grad[0, 0], gp[0, 0].repeat_interleave(2, 0).repeat_interleave(2, 1) / 4)
    got = _claims(AVG_PAGE)
    assert [c.verdict for c in got] == ["holds", "holds", "refuted"]
    assert "read under the page's convolution" in got[1].detail and "k" in got[1].detail


MAX_PAGE = r"""## Forward pass

Convolution of the image $X$ with the filter $F$, then max pooling of $X$ over $2\times 2$ windows.

$$O_{m,n} = \sum_{p}\sum_{q} F_{p,q} X_{m+p,n+q}$$

$$M_{m,n} = \max_{0 \le p,q \le 1} X_{2m+p,2n+q}$$

## Backward pass, convolution layer

$$\frac{\partial E}{\partial X_{m,n}} = \sum_{p}\sum_{q} \frac{\partial E}{\partial O_{m-p,n-q}} F_{p,q}$$

$$\frac{\partial E}{\partial F_{p,q}} = \sum_{m}\sum_{n} \frac{\partial E}{\partial O_{m,n}} X_{m+p,n+q}$$

$$\frac{\partial E}{\partial F_{p,q}} = \sum_{m}\sum_{n} \frac{\partial E}{\partial O_{m,n}} X_{m,n}$$
"""


def test_conv_gradients_below_a_max_pooling_are_read_under_the_convolution():
    for size, k in ((3, 2), (5, 3)):
        x, w, g, dx, dw, db = _conv(size, k, seed=size)
        assert torch.allclose(_input_grad(w, g, size), dx)
        assert torch.allclose(_kernel_grad(x, g, k, +1), dw)
        assert not torch.allclose(torch.full_like(dw, float((g * x[:g.shape[0], :g.shape[1]]).sum())), dw)
    got = _claims(MAX_PAGE)
    assert [c.verdict for c in got] == ["holds", "holds", "refuted"]
    assert all("max pooling read above does not have" in c.detail for c in got)


BOX_PAGE = r"""## Average pooling

$$y_{i,j} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n}$$

$$\frac{\partial L}{\partial x_{2i+m,2j+n}} = \frac{1}{4}\frac{\partial L}{\partial y_{i,j}}$$

## Convolution layer

The same letters now stand for the input $x$ and output $y$ of a convolution with the $2\times 2$ box kernel (every weight 1).

$$\frac{\partial L}{\partial x_{i,j}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial y_{i-m,j-n}}$$
"""


def test_a_claim_below_a_convolution_heading_with_no_conv_forward_is_unchecked_not_refuted():
    """Right for the box-kernel convolution the heading's section is about (torch), wrong for
    the pooling above it: unchecked, naming the directive."""
    x, w, g, dx, dw, db = _conv(4, 2, kernel=torch.ones(2, 2))
    assert torch.allclose(_input_grad(torch.ones(2, 2), g, 4), dx)
    got = _claims(BOX_PAGE)
    assert [c.verdict for c in got] == ["holds", "unchecked"]
    assert "heading above it names a convolution" in got[1].detail and "<!-- symbp: layer=conv2d" in got[1].detail


POOL_AFTER_CONV = r"""## Convolution

$$y_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} w_{m,n} x_{i+m,j+n}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}$$

## Average pooling

The same letters again: the pooling averages each $2\times 2$ block of $x$ into $y$.

$$\frac{\partial L}{\partial x_{i,j}} = \frac{1}{4}\frac{\partial L}{\partial y_{\lfloor i/2 \rfloor,\lfloor j/2 \rfloor}}$$
"""


def test_a_pooling_claim_below_a_pooling_heading_after_a_convolution_is_not_refuted():
    x, w, g, dx, dw, db = _conv(4, 2)
    assert torch.allclose(_kernel_grad(x, g, 2, +1), dw)
    xp = torch.randn(1, 1, 4, 4, requires_grad=True)
    gp = torch.randn(1, 1, 2, 2)
    (torch.nn.functional.avg_pool2d(xp, 2) * gp).sum().backward()
    assert torch.allclose(xp.grad[0, 0], torch.stack([torch.stack([gp[0, 0, i // 2, j // 2] / 4 for j in range(4)])
                                                      for i in range(4)]))
    got = _claims(POOL_AFTER_CONV)
    assert [c.verdict for c in got] == ["holds", "unchecked"]
    assert "heading above it names a pooling" in got[1].detail


def test_heading_kinds():
    assert heading_kind("### 3.6 Convolution Layer Gradient") == "conv"
    assert heading_kind("## 池化层的反向传播") == "pool"
    assert heading_kind("## 畳み込み層 (convolutional layer)") == "conv"
    assert heading_kind("## Convolution and pooling") is None
    assert heading_kind("# Backpropagation in CNNs") is None
    assert heading_kind("# 卷积神经网络的反向传播") is None


def test_a_kernel_claim_below_a_heading_that_names_pooling_is_the_convolutions():
    # round 31: "In the end, backprop in CNNs comes to two steps (besides pooling's effect)": the
    # claims there differentiate the convolution's kernel, which no pooling has
    x, w, g, dx, dw, db = _conv(4, 2)
    assert torch.allclose(_kernel_grad(x, g, 2, +1), dw)
    assert not torch.allclose(_kernel_grad(x, g, 2, -1), dw)
    page = POOL_AFTER_CONV.replace(
        "$$\\frac{\\partial L}{\\partial x_{i,j}} = \\frac{1}{4}", "$$\\frac{\\partial L}{\\partial w_{m,n}} = "
        "\\sum_{i}\\sum_{j} \\frac{\\partial L}{\\partial y_{i,j}} x_{i+m,j+n}$$\n\n$$\\frac{\\partial L}{\\partial "
        "w_{m,n}} = \\sum_{i}\\sum_{j} \\frac{\\partial L}{\\partial y_{i,j}} x_{i-m,j-n}$$\n\n$$\\frac{\\partial L}"
        "{\\partial x_{i,j}} = \\frac{1}{4}")
    got = _claims(page)
    assert [c.verdict for c in got] == ["holds", "holds", "refuted", "unchecked"], [c.detail for c in got]
