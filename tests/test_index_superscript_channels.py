"""A feature map's letter written in the superscript beside the layer label (issue 12):
``w^{l,d}_{i,j,k}``, ``z^{l,d}_{x,y}``, ``b^{l,d}`` (a LaTeX note on a small library, channels
last), ``w^{(l,k)}`` (the k-th filter of layer l, a blog post's notation), the subscript written
first (``w_{i,j,k}^{l,d}``), summed over with primed letters (``\\sum_{x'}\\sum_{y'}``).  The
letter is read as the entry's leading index; a lone superscript letter stays a layer label.

Truth: torch autograd gives the gradients; every claimed formula is evaluated by plain numpy
loops over its own indices, never by symbp."""
import numpy as np
import torch

from symbp.check.checker import check_text
from symbp.check.index_superscripts import move_superscript_channels

torch.set_default_dtype(torch.float64)


def _torch_grads(cin, cout, h, w, kh, kw, seed=0):
    """(x CHW, k OIHW, g = dL/dy CHW, dx, dk, db) for y = conv2d(x, k) + b, one sample."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, cin, h, w, generator=gen, requires_grad=True)
    k = torch.randn(cout, cin, kh, kw, generator=gen, requires_grad=True)
    b = torch.randn(cout, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, k, b)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    x, k, g, dx, dk, db = (t.detach().numpy() for t in (x, k, g, x.grad, k.grad, b.grad))
    return x[0], k, g[0], dx[0], dk, db


def _entry(arr, *ix):
    return arr[ix] if all(0 <= i < n for i, n in zip(ix, arr.shape)) else 0.0


def _verdicts(doc):
    return [c.verdict for c in check_text(doc, "md").claims]


# ---- channels last (HWC input, kernel w^{l,d}_{i,j,k} with k the input channel)

DOC_HWC = r"""# A convolutional layer of depth D

$$
z^{l,d}_{x,y} = \sum_i\sum_j\sum_k w^{l,d}_{i,j,k}a^{l-1}_{x+i,y+j,k} + b^{l,d}
$$

$$ \frac{\partial C}{\partial a^{l-1}_{x,y,z}} = \sum_d\left(\sum_{x'}\sum_{y'}\frac{\partial C}{\partial z^{l,d}_{x',y'}}w^{l,d}_{x-x',y-y',z}\right) $$

$$ \frac{\partial C}{\partial a^{l-1}_{x,y,z}} = \sum_d\left(\sum_{x'}\sum_{y'}\frac{\partial C}{\partial z^{l,d}_{x',y'}}w^{l,d}_{x'-x,y-y',z}\right) $$

$$ \frac{\partial C}{\partial w^{l,d}_{i,j,k}} = \sum_x\sum_y \frac{\partial C}{\partial z^{l,d}_{x,y}}a^{l-1}_{x+i,y+j,k} $$

$$ \frac{\partial C}{\partial w_{i,j,k}^{l,d}} = \sum_x\sum_y \frac{\partial C}{\partial z_{x,y}^{l,d}}a^{l-1}_{x+j,y+i,k} $$

$$ \frac{\partial C}{\partial b^{l,d}} = \sum_x\sum_y \frac{\partial C}{\partial z^{l,d}_{x,y}} $$
"""


def _truth_hwc():
    x, k, g, dx, dk, db = _torch_grads(2, 3, 4, 5, 2, 3)
    a = np.transpose(x, (1, 2, 0))                      # a_{x,y,k}: channels last
    w = np.transpose(k, (0, 2, 3, 1))                   # w^{d}_{i,j,k}
    D, KH, KW, C = w.shape
    OH, OW = g.shape[1:]
    H, W = a.shape[:2]
    da = lambda mutant: np.array([[[sum(  # noqa: E731
        g[d, xp, yp] * _entry(w, d, (xp - x_) if mutant else (x_ - xp), y_ - yp, z)
        for d in range(D) for xp in range(OH) for yp in range(OW))
        for z in range(C)] for y_ in range(W)] for x_ in range(H)])
    dw = lambda swap: np.array([[[[sum(  # noqa: E731
        g[d, x_, y_] * (_entry(a, x_ + j, y_ + i, kk) if swap else a[x_ + i, y_ + j, kk])
        for x_ in range(OH) for y_ in range(OW))
        for kk in range(C)] for j in range(KW)] for i in range(KH)] for d in range(D)])
    dx_hwc, dk_w = np.transpose(dx, (1, 2, 0)), np.transpose(dk, (0, 2, 3, 1))
    return [np.allclose(da(False), dx_hwc), np.allclose(da(True), dx_hwc),
            np.allclose(dw(False), dk_w), np.allclose(dw(True), dk_w),
            np.allclose(g.sum(axis=(1, 2)), db)]


def test_channel_after_the_layer_label_channels_last():
    truth = _truth_hwc()
    assert truth == [True, False, True, False, True]           # the mutants are false
    expected = ["holds" if t else "refuted" for t in truth]
    assert _verdicts(DOC_HWC)[-5:] == expected


# ---- channels first, w^{(l,k)}: the k-th filter of layer l over input channels c

DOC_PAREN = r"""# Filter k of layer l

$$
z^{(l,k)}_{i,j} = \sum_c \sum_m \sum_n w^{(l,k)}_{c,m,n} a^{(l-1)}_{c,i+m,j+n} + b^{(l,k)}
$$

$$
\frac{\partial L}{\partial a^{(l-1)}_{c,p,q}} = \sum_k\sum_m\sum_n \frac{\partial L}{\partial z^{(l,k)}_{p-m,q-n}} w^{(l,k)}_{c,m,n}
$$

$$
\frac{\partial L}{\partial a^{(l-1)}_{c,p,q}} = \sum_k\sum_m\sum_n \frac{\partial L}{\partial z^{(l,k)}_{p+m,q+n}} w^{(l,k)}_{c,m,n}
$$

$$
\frac{\partial L}{\partial w^{(l,k)}_{c,m,n}} = \sum_i\sum_j \frac{\partial L}{\partial z^{(l,k)}_{i,j}} a^{(l-1)}_{c,i+m,j+n}
$$
"""


def _truth_paren():
    x, k, g, dx, dk, db = _torch_grads(3, 2, 5, 4, 3, 2)
    F, C, KH, KW = k.shape
    da = lambda sign: np.array([[[sum(  # noqa: E731
        _entry(g, f, p + sign * m, q + sign * n) * k[f, c, m, n]
        for f in range(F) for m in range(KH) for n in range(KW))
        for q in range(x.shape[2])] for p in range(x.shape[1])] for c in range(C)])
    dw = np.array([[[[sum(g[f, i, j] * x[c, i + m, j + n] for i in range(g.shape[1]) for j in range(g.shape[2]))
                      for n in range(KW)] for m in range(KH)] for c in range(C)] for f in range(F)])
    return [np.allclose(da(-1), dx), np.allclose(da(+1), dx), np.allclose(dw, dk)]


def test_parenthesised_label_and_filter():
    truth = _truth_paren()
    assert truth == [True, False, True]
    assert _verdicts(DOC_PAREN)[-3:] == ["holds" if t else "refuted" for t in truth]


def test_only_a_label_and_a_letter_move():
    assert move_superscript_channels(r"w_{i,j,k}^{l,d}") == r"w^{l}_{d,i,j,k}"
    assert move_superscript_channels(r"x^{(c)}_{ij} + x^{2} + a^{l-1}_{x,y}") == r"x^{(c)}_{ij} + x^{2} + a^{l-1}_{x,y}"
    assert move_superscript_channels(r"\delta^{l+1,f}_{ij}") == r"\delta^{l+1}_{f,i,j}"
    # a first part that is an index of the equation is no layer label: left as written
    assert move_superscript_channels(r"\sum_i e^{i,j}") == r"\sum_i e^{i,j}"


DENSE_FIRST = r"""# Dense layers, then a convolutional layer (no directive)

$$
z^l_i = \sum_j w^l_{i,j}a^{l-1}_j + b^l_i
$$

$$
\frac{\partial C}{\partial w^l_{i,j}} = \frac{\partial C}{\partial z^l_i} a^{l-1}_j
$$

""" + DOC_HWC.split("\n", 1)[1]


def test_a_convolution_after_a_dense_layer_is_a_new_layer():
    # the dense layer's names (w, a, z, b) come back for the convolution: its forward starts a
    # new layer instead of being taken for a restatement of the dense one
    truth = _truth_hwc()
    verdicts = _verdicts(DENSE_FIRST)
    assert verdicts[1] == "holds"                  # the dense weight gradient (δ_i a_j)
    assert verdicts[-5:] == ["holds" if t else "refuted" for t in truth]
