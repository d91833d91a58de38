"""Readings of round 45: kernels indexed around their centre, and true convolution with padding.

* ``G[i,j] = \\sum_{u=-k}^{k} \\sum_{v=-k}^{k} H[u,v] F[i+u,j+v]`` (image-processing notes) and
  ``y[n] = \\sum_{m=-M}^{M} h[m] x[n-m]`` (signal processing): the kernel's indices run from -k to k,
  k is half the (odd) size, and the output starts where the padding puts it;
* a true convolution in index notation with zero padding (before, "not read yet").

Truth: torch autograd (float64) of conv1d / conv2d and each claim's formula evaluated by a plain
loop with the page's own index ranges; never symbp.
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(text: str) -> dict:
    return {c.latex.strip(): (c.verdict, c.detail) for c in check_text(text, "md").claims}


# ---------------------------------------------------------------- 2-D cross-correlation, centred, padding 1

CROSS = r"""# Cross-correlation with a kernel indexed around its centre

<!-- symbp: layer=conv2d input=5x6 kernel=3x3 padding=1 conv=cross index_base=0 names: F=input H=kernel G=output L=loss -->

$$G[i,j] = \sum_{u=-k}^{k}\sum_{v=-k}^{k} H[u,v] F[i+u,j+v]$$

Entries of $\frac{\partial L}{\partial G}$ outside its range are taken as zero.

$${claim}$$
"""

H, W, K = 5, 6, 3
HALF = K // 2


def _cross_autograd(seed=0):
    torch.manual_seed(seed)
    f = torch.randn(1, 1, H, W, requires_grad=True)
    h = torch.randn(1, 1, K, K, requires_grad=True)
    g_out = torch.nn.functional.conv2d(f, h, padding=HALF)
    dg = torch.randn_like(g_out)
    (g_out * dg).sum().backward()
    return f.detach()[0, 0], h.detach()[0, 0], dg[0, 0], f.grad[0, 0], h.grad[0, 0]


def _at(t, r, c):
    """t[r, c], zero outside (the page's words for dL/dG; the padding for F)."""
    return float(t[r, c]) if 0 <= r < t.shape[0] and 0 <= c < t.shape[1] else 0.0


CROSS_INPUT = {     # dL/dF[i,j] as written, and as a plain loop over the centred kernel
    r"\frac{\partial L}{\partial F[i,j]} = \sum_{u=-k}^{k}\sum_{v=-k}^{k} \frac{\partial L}{\partial G[i-u,j-v]} H[u,v]":
        lambda dg, h, i, j: sum(_at(dg, i - u, j - v) * float(h[u + HALF, v + HALF])
                                for u, v in itertools.product(range(-HALF, HALF + 1), repeat=2)),
    r"\frac{\partial L}{\partial F[i,j]} = \sum_{u=-k}^{k}\sum_{v=-k}^{k} \frac{\partial L}{\partial G[i+u,j+v]} H[u,v]":
        lambda dg, h, i, j: sum(_at(dg, i + u, j + v) * float(h[u + HALF, v + HALF])
                                for u, v in itertools.product(range(-HALF, HALF + 1), repeat=2)),
    r"\frac{\partial L}{\partial F[i,j]} = \sum_{u=-k}^{k}\sum_{v=-k}^{k} \frac{\partial L}{\partial G[i+u,j+v]} H[-u,-v]":
        lambda dg, h, i, j: sum(_at(dg, i + u, j + v) * float(h[-u + HALF, -v + HALF])
                                for u, v in itertools.product(range(-HALF, HALF + 1), repeat=2)),
}
CROSS_KERNEL = {    # dL/dH[u,v] as written, and as a plain loop over the output
    r"\frac{\partial L}{\partial H[u,v]} = \sum_{i=0}^{4}\sum_{j=0}^{5} \frac{\partial L}{\partial G[i,j]} F[i+u,j+v]":
        lambda dg, f, u, v: sum(float(dg[i, j]) * _at(f, i + u, j + v) for i in range(H) for j in range(W)),
    r"\frac{\partial L}{\partial H[u,v]} = \sum_{i=0}^{4}\sum_{j=0}^{5} \frac{\partial L}{\partial G[i,j]} F[i-u,j-v]":
        lambda dg, f, u, v: sum(float(dg[i, j]) * _at(f, i - u, j - v) for i in range(H) for j in range(W)),
    r"\frac{\partial L}{\partial H[u,v]} = \sum_{i=0}^{4}\sum_{j=0}^{5} \frac{\partial L}{\partial G[i,j]} F[i+u+1,j+v+1]":
        lambda dg, f, u, v: sum(float(dg[i, j]) * _at(f, i + u + 1, j + v + 1) for i in range(H) for j in range(W)),
}


def _expected(truth: bool) -> str:
    return "holds" if truth else "refuted"


@pytest.mark.parametrize("claim", list(CROSS_INPUT))
def test_centred_cross_correlation_input_gradient(claim):
    f, h, dg, f_grad, _ = _cross_autograd()
    formula = CROSS_INPUT[claim]
    truth = all(abs(formula(dg, h, i, j) - float(f_grad[i, j])) < 1e-9 for i in range(H) for j in range(W))
    verdict, detail = _verdicts(CROSS.replace("{claim}", claim))[claim]
    assert verdict == _expected(truth), detail


@pytest.mark.parametrize("claim", list(CROSS_KERNEL))
def test_centred_cross_correlation_kernel_gradient(claim):
    f, h, dg, _, h_grad = _cross_autograd()
    formula = CROSS_KERNEL[claim]
    truth = all(abs(formula(dg, f, u, v) - float(h_grad[u + HALF, v + HALF])) < 1e-9
                for u, v in itertools.product(range(-HALF, HALF + 1), repeat=2))
    verdict, detail = _verdicts(CROSS.replace("{claim}", claim))[claim]
    assert verdict == _expected(truth), detail


def test_centred_forward_holds_and_a_shifted_one_is_refuted():
    """The forward itself, and one whose input index is off by one (the output then starts elsewhere)."""
    f, h, *_ = _cross_autograd()
    out = torch.nn.functional.conv2d(f[None, None], h[None, None], padding=HALF)[0, 0]
    loop = lambda i, j, shift: sum(float(h[u + HALF, v + HALF]) * _at(f, i + u + shift, j + v + shift)  # noqa: E731
                                   for u, v in itertools.product(range(-HALF, HALF + 1), repeat=2))
    assert all(abs(loop(i, j, 0) - float(out[i, j])) < 1e-9 for i in range(H) for j in range(W))
    assert not all(abs(loop(i, j, 1) - float(out[i, j])) < 1e-9 for i in range(H) for j in range(W))
    forward = r"G[i,j] = \sum_{u=-k}^{k}\sum_{v=-k}^{k} H[u,v] F[i+u,j+v]"
    got = _verdicts(CROSS.replace("{claim}", r"\frac{\partial L}{\partial G[i,j]} = \frac{\partial L}{\partial G[i,j]}"))
    assert got[forward][0] == "holds", got[forward][1]


def test_an_even_kernel_cannot_be_centred():
    """-k..k has an odd number of entries: a 4x4 kernel is no size of this page (never a guess)."""
    text = CROSS.replace("kernel=3x3", "kernel=4x4").replace(
        "{claim}", r"\frac{\partial L}{\partial F[i,j]} = \sum_{u=-k}^{k}\sum_{v=-k}^{k} \frac{\partial L}{\partial G[i-u,j-v]} H[u,v]")
    verdicts = _verdicts(text)
    assert all(v == "unchecked" for v, _ in verdicts.values()), verdicts
    assert any("odd size" in d for _, d in verdicts.values()), verdicts


def test_a_centred_kernel_with_a_stride_is_not_guessed():
    text = CROSS.replace("padding=1", "padding=1 stride=2").replace(
        "{claim}", r"\frac{\partial L}{\partial H[u,v]} = \sum_{i=0}^{2}\sum_{j=0}^{2} \frac{\partial L}{\partial G[i,j]} F[2i+u,2j+v]")
    verdicts = _verdicts(text)
    assert all(v == "unchecked" for v, _ in verdicts.values()), verdicts


# ---------------------------------------------------------------- 1-D true convolution, centred, padding M

TRUE1D = r"""# Convolution with zero padding

<!-- symbp: layer=conv1d input=7 kernel=5 padding=2 conv=true index_base=1 names: x=input h=kernel y=output L=loss -->

$$y[n] = \sum_{m=-M}^{M} h[m] x[n-m]$$

where $x[n] = 0$ outside $1 \le n \le N$, and entries of $\frac{\partial L}{\partial y}$ outside its range are taken as zero.

$${claim}$$
"""

N1, K1 = 7, 5
M1 = K1 // 2


def _true1d_autograd(seed=1):
    torch.manual_seed(seed)
    x = torch.randn(1, 1, N1, requires_grad=True)
    h = torch.randn(1, 1, K1, requires_grad=True)
    y = torch.nn.functional.conv1d(x, h.flip(-1), padding=M1)      # a true convolution: the kernel turned
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x.detach()[0, 0], h.detach()[0, 0], dy[0, 0], x.grad[0, 0], h.grad[0, 0]


def _at1(t, n):
    """t[n] for a 1-based n, zero outside."""
    return float(t[n - 1]) if 1 <= n <= t.shape[0] else 0.0


TRUE1D_CLAIMS = {   # (gradient, written claim, plain loop of the claim at the gradient's index)
    r"\frac{\partial L}{\partial h[m]} = \sum_{n=1}^{7} \frac{\partial L}{\partial y[n]} x[n-m]":
        ("kernel", lambda x, h, dy, m: sum(_at1(dy, n) * _at1(x, n - m) for n in range(1, N1 + 1))),
    r"\frac{\partial L}{\partial h[m]} = \sum_{n=1}^{7} \frac{\partial L}{\partial y[n]} x[n+m]":
        ("kernel", lambda x, h, dy, m: sum(_at1(dy, n) * _at1(x, n + m) for n in range(1, N1 + 1))),
    r"\frac{\partial L}{\partial x[n]} = \sum_{m=-M}^{M} \frac{\partial L}{\partial y[n+m]} h[m]":
        ("input", lambda x, h, dy, n: sum(_at1(dy, n + m) * float(h[m + M1]) for m in range(-M1, M1 + 1))),
    r"\frac{\partial L}{\partial x[n]} = \sum_{m=-M}^{M} \frac{\partial L}{\partial y[n-m]} h[m]":
        ("input", lambda x, h, dy, n: sum(_at1(dy, n - m) * float(h[m + M1]) for m in range(-M1, M1 + 1))),
    r"\frac{\partial L}{\partial x[n]} = \sum_{m=-M}^{M} \frac{\partial L}{\partial y[n-m]} h[-m]":
        ("input", lambda x, h, dy, n: sum(_at1(dy, n - m) * float(h[-m + M1]) for m in range(-M1, M1 + 1))),
}


@pytest.mark.parametrize("claim", list(TRUE1D_CLAIMS))
def test_centred_true_convolution_with_padding(claim):
    x, h, dy, x_grad, h_grad = _true1d_autograd()
    which, formula = TRUE1D_CLAIMS[claim]
    if which == "kernel":       # h[m], m = -M..M, is torch's h[m + M]
        truth = all(abs(formula(x, h, dy, m) - float(h_grad[m + M1])) < 1e-9 for m in range(-M1, M1 + 1))
    else:
        truth = all(abs(formula(x, h, dy, n) - float(x_grad[n - 1])) < 1e-9 for n in range(1, N1 + 1))
    verdict, detail = _verdicts(TRUE1D.replace("{claim}", claim))[claim]
    assert verdict == _expected(truth), detail


def test_true_convolution_with_padding_from_the_base():
    """A true convolution counted from 0 with padding 1 (kernel from 0): before this round it was
    'not read yet'; y[i] = sum_m w[m] x[i-m+1] is PyTorch's padded true convolution."""
    doc = r"""# Convolution

<!-- symbp: layer=conv1d input=6 kernel=3 padding=1 conv=true index_base=0 names: x=input w=kernel y=output L=loss -->

$$y[i] = \sum_{m=0}^{2} w[m] x[i-m+1]$$

$${claim}$$
"""
    torch.manual_seed(3)
    x = torch.randn(1, 1, 6, requires_grad=True)
    w = torch.randn(1, 1, 3, requires_grad=True)
    y = torch.nn.functional.conv1d(x, w.flip(-1), padding=1)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    at = lambda t, n: float(t[0, 0, n]) if 0 <= n < t.shape[-1] else 0.0  # noqa: E731
    claims = {
        r"\frac{\partial L}{\partial w[m]} = \sum_{i=0}^{5} \frac{\partial L}{\partial y[i]} x[i-m+1]":
            lambda m: sum(at(dy, i) * at(x.detach(), i - m + 1) for i in range(6)),
        r"\frac{\partial L}{\partial w[m]} = \sum_{i=0}^{5} \frac{\partial L}{\partial y[i]} x[i+m-1]":
            lambda m: sum(at(dy, i) * at(x.detach(), i + m - 1) for i in range(6)),
    }
    for claim, formula in claims.items():
        truth = all(abs(formula(m) - float(w.grad[0, 0, m])) < 1e-9 for m in range(3))
        verdict, detail = _verdicts(doc.replace("{claim}", claim))[claim]
        assert verdict == _expected(truth), (claim, detail)


# ---------------------------------------------------------------- logistic regression: w^T x, L(\hat y, y)

LOGISTIC = r"""# Logistic regression

$$\hat y = \sigma({forward})$$

$${loss} = -y \log \hat y - (1-y)\log(1-\hat y)$$

$${claim}$$
"""

FORWARDS = [r"w^T x + b", r"\mathbf{w}^\top \mathbf{x} + b", r"\theta^T x + b"]
LOSSES = [r"L(\hat y, y)", r"L", r"\mathcal{L}(\mathbf{w}, b)"]
LOGISTIC_CLAIMS = {   # written with {w}, {x}, {L} for the page's letters; the claim as a plain function
    r"\frac{\partial {L}}{\partial {w}_i} = (\hat y - y) x_i": ("w", lambda yh, y, x, i: (yh - y) * x[i]),
    r"\frac{\partial {L}}{\partial {w}_i} = (y - \hat y) x_i": ("w", lambda yh, y, x, i: (y - yh) * x[i]),
    r"\frac{\partial {L}}{\partial {w}_i} = \hat y (1 - \hat y) x_i": ("w", lambda yh, y, x, i: yh * (1 - yh) * x[i]),
    r"\frac{\partial {L}}{\partial b} = \hat y - y": ("b", lambda yh, y, x, i: yh - y),
    r"\frac{\partial {L}}{\partial b} = y - \hat y": ("b", lambda yh, y, x, i: y - yh),
}


def _logistic_truth(which, formula):
    """Whether the claim equals torch autograd's gradient for several draws (x of length 3, y 0 or 1)."""
    for seed in range(4):
        torch.manual_seed(seed)
        w, x = torch.randn(3, requires_grad=True), torch.randn(3)
        b = torch.randn((), requires_grad=True)
        y = float(seed % 2)
        yh = torch.sigmoid(w @ x + b)
        loss = -y * torch.log(yh) - (1 - y) * torch.log(1 - yh)
        loss.backward()
        grads = w.grad if which == "w" else [b.grad]
        for i, g in enumerate(grads):
            if abs(formula(yh.item(), y, x.tolist(), i) - float(g)) > 1e-9:
                return False
    return True


@pytest.mark.parametrize("forward", FORWARDS)
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("claim", list(LOGISTIC_CLAIMS))
def test_logistic_regression_dot_product_and_loss_arguments(forward, loss, claim):
    """``w^T x`` of two plain vectors is the sum of their entries' products; a loss written with its
    arguments, ``L(\\hat y, y) = …`` and ``\\partial L(\\hat y, y)``, is the loss (before: unchecked)."""
    which, formula = LOGISTIC_CLAIMS[claim]
    letter = r"\theta" if forward.startswith(r"\theta") else "w"
    written = claim.replace("{w}", letter).replace("{L}", loss)      # the loss's own \mathbf{w} kept
    text = LOGISTIC.replace("{forward}", forward).replace("{loss}", loss).replace("{claim}", written)
    verdict, detail = _verdicts(text)[written]
    assert verdict == _expected(_logistic_truth(which, formula)), detail


def test_a_matrix_or_a_sample_keeps_its_transpose():
    """``W^T x`` (a capital: a matrix) and ``w^T x^{(i)}`` (a sample's vector) are not read as dot products."""
    for forward in (r"W^T x + b", r"w^T x^{(i)} + b"):
        text = LOGISTIC.replace("{forward}", forward).replace("{loss}", "L").replace(
            "{claim}", r"\frac{\partial L}{\partial b} = \hat y - y")
        verdict, detail = _verdicts(text)[r"\frac{\partial L}{\partial b} = \hat y - y"]
        assert verdict == "unchecked", detail


# ---------------------------------------------------------------- labels before equations; a directive's own letters

LABELLED = r"""# Activations

$$\text{sigmoid:}\quad \sigma'(z) = \sigma(z)(1{s}\sigma(z)), \qquad \text{tanh:}\quad \tanh'(z) = 1 {t} \tanh^2(z)$$
"""


def _activation_truth(fn, formula) -> bool:
    z = torch.linspace(-3, 3, 13, requires_grad=True)
    fn(z).sum().backward()
    return bool(torch.allclose(z.grad, formula(fn(z.detach()))))


@pytest.mark.parametrize("s_sign", ["-", "+"])
@pytest.mark.parametrize("t_sign", ["-", "+"])
def test_a_label_in_words_belongs_to_the_equation_after_it(s_sign, t_sign):
    """``\\text{sigmoid:}\\quad A, \\qquad \\text{tanh:}\\quad B`` is two claims, each with its label (before: the
    labels were cut off as claims of their own and the first equation took the second's label as a condition)."""
    sign = {"-": -1.0, "+": 1.0}
    truth = [_activation_truth(torch.sigmoid, lambda s: s * (1 + sign[s_sign] * s)),
             _activation_truth(torch.tanh, lambda t: 1 + sign[t_sign] * t ** 2)]
    claims = check_text(LABELLED.replace("{s}", s_sign).replace("{t}", t_sign), "md").claims
    assert [c.latex.strip().split("\\quad")[0] for c in claims] == [r"\text{sigmoid:}", r"\text{tanh:}"]
    assert [c.verdict for c in claims] == [_expected(t) for t in truth], [c.detail for c in claims]


DENSE_A = r"""# One layer

<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: \mathbf{a}_{\text{in}}=input A^{(\ell-1)}=input W=kernel \mathbf{b}=bias \mathbf{z}=output \mathbf{a}=activation L=loss -->

For one layer $\mathbf{a} = f(\mathbf{z})$, $\mathbf{z} = \mathbf{a}_{\text{in}}W + \mathbf{b}$, and $Z^{(\ell)} = A^{(\ell-1)} W_\ell + \mathbf{b}_\ell$:

$$\frac{\partial L}{\partial \mathbf{z}} = \frac{\partial L}{\partial \mathbf{a}} \odot f'(\mathbf{z})$$
"""


def test_a_letter_the_directive_names_is_not_a_capitals_entry():
    """``A^{(l-1)}=input`` beside ``\\mathbf{a}=activation``: the bold a is the activation, not A's entries; the
    chain rule through an entrywise f holds (torch), so it must never be refuted (before: a read as the input,
    '⊙ of shapes (4, 3) and (4, 2)')."""
    torch.manual_seed(5)
    a_in, w, b = torch.randn(4, 3), torch.randn(3, 2), torch.randn(2)
    z = (a_in @ w + b).requires_grad_()
    a = torch.tanh(z)
    upstream = torch.randn(4, 2)
    (a * upstream).sum().backward()
    assert torch.allclose(z.grad, upstream * (1 - torch.tanh(z.detach()) ** 2))      # dL/da ⊙ f'(z)
    verdict, detail = next(iter(_verdicts(DENSE_A).values()))
    assert verdict != "refuted", detail


# ---------------------------------------------------------------- bounds between two numbers; zero times a missing entry

UNEVEN = r"""# Convolution with a kernel from -1

<!-- symbp: layer=conv1d input=7 kernel=4 padding=0 conv=cross index_base=0 names: x=input h=kernel y=output L=loss -->

$$ y[n] = \sum_{m=-1}^{2} h[m] x[n+m] $$

Entries of $\frac{\partial L}{\partial y}$ outside its range are taken as zero.

$$ {claim} $$
"""


def _uneven_autograd():
    torch.manual_seed(7)
    x, h = torch.randn(1, 1, 7, requires_grad=True), torch.randn(1, 1, 4, requires_grad=True)
    y = torch.nn.functional.conv1d(x, h)          # y[n] = Σ_m h[m] x[n+m], m = -1..2: n from 1 to 4
    g = torch.randn_like(y)
    (y * g).sum().backward()
    return x.detach()[0, 0], g[0, 0], h.grad[0, 0]


@pytest.mark.parametrize("claim, n_range", [
    (r"\frac{\partial L}{\partial h[m]} = \sum_{n=1}^{4} \frac{\partial L}{\partial y[n]} x[n+m]", range(1, 5)),
    (r"\frac{\partial L}{\partial h[m]} = \sum_{n=0}^{3} \frac{\partial L}{\partial y[n]} x[n+m]", range(0, 4)),
])
def test_a_kernel_written_between_two_numbers_starts_at_the_first(claim, n_range):
    """m = -1..2 is the kernel's own range (before: counted from 0, and the first claim was refuted); a sum whose
    written bound reaches x[-1] never holds, even where the ∂L/∂y beside it is a zero the prose gives."""
    x, g, h_grad = _uneven_autograd()
    reaches_outside = any(not 0 <= n + m < 7 for n in n_range for m in range(-1, 3))
    at = lambda n: float(g[n - 1]) if 1 <= n <= 4 else 0.0  # noqa: E731   y[n] for n = 1..4 (zero outside)
    value_right = all(abs(sum(at(n) * float(x[n + m]) for n in n_range if 0 <= n + m < 7) - float(h_grad[m + 1])) < 1e-9
                      for m in range(-1, 3))
    verdict, detail = _verdicts(UNEVEN.replace("{claim}", claim))[claim]
    assert verdict == ("refuted" if reaches_outside or not value_right else "holds"), detail
