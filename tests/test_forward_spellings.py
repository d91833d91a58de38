r"""Forwards without a directive that bound nothing before (issue 12 item 5, t20n), written as
authors write them:

* the activation around the sliding sum, the left side without entry subscripts, layer numbers
  or letters as superscripts, inside ``\begin{align*}`` with ``&=`` rows
  (``a^l = \sigma\left(b^l + \sum \sum w^l_{m,n} a^{l-1}_{i+m,j+n}\right)``), the claims in δ^l
  (``∂C/∂z^l``), ``a^{l-1}``, ``z^{l-1}``;
* the convolution as a function call, ``O = \text{conv}(I, F)``, ``\operatorname{Conv2D}(X, W) + b``,
  ``\mathrm{conv2d}``, ``\text{xcorr}``.

Truth: torch autograd (``conv2d`` is a cross-correlation) for the gradients, every claimed
formula evaluated by plain numpy loops over its own indices, never by symbp."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

from conv_truth import entry_or_zero as _at

torch.set_default_dtype(torch.float64)
H, K = 5, 3
O = H - K + 1


def _truth():
    """(a_prev, z_prev, w, g = δ^l, dW, db, dA = ∂C/∂a^{l-1}, dZ = δ^{l-1}, σ'(z^{l-1}))."""
    gen = torch.Generator().manual_seed(3)
    z_prev = torch.randn(1, 1, H, H, generator=gen, requires_grad=True)
    a_prev = torch.sigmoid(z_prev)
    a_prev.retain_grad()
    w = torch.randn(1, 1, K, K, generator=gen, requires_grad=True)
    b = torch.randn(1, generator=gen, requires_grad=True)
    z = torch.nn.functional.conv2d(a_prev, w, b)
    g = torch.randn(*z.shape, generator=gen)
    (z * g).sum().backward()
    s = torch.sigmoid(z_prev).detach()
    as_np = lambda t: t.detach().numpy()[0, 0] if t.dim() == 4 else t.detach().numpy()   # noqa: E731
    return dict(a=as_np(a_prev), w=as_np(w), g=as_np(g), dW=as_np(w.grad), db=float(b.grad[0]),
                dA=as_np(a_prev.grad), dZ=as_np(z_prev.grad), ds=as_np(s * (1 - s)))


T = _truth()
_grid = lambda n, f: np.array([[f(p, q) for q in range(n)] for p in range(n)])     # noqa: E731
_sum = lambda n, f: sum(f(u, v) for u in range(n) for v in range(n))             # noqa: E731

# (what the claim computes by loops, the gradient it claims): the same for every spelling below
FORMULAS = [
    (lambda: _grid(K, lambda m, n: _sum(O, lambda i, j: T["g"][i, j] * _at(T["a"], i + m, j + n))), "dW"),
    (lambda: _grid(K, lambda m, n: _sum(O, lambda i, j: T["g"][i, j] * _at(T["a"], i - m, j - n))), "dW"),
    (lambda: _sum(O, lambda i, j: T["g"][i, j]), "db"),
    (lambda: _grid(H, lambda p, q: _sum(K, lambda m, n: _at(T["g"], p - m, q - n) * T["w"][m, n])), "dA"),
    (lambda: _grid(H, lambda p, q: _sum(K, lambda m, n: _at(T["g"], p + m, q + n) * T["w"][m, n])), "dA"),
    (lambda: _grid(H, lambda p, q: _sum(K, lambda m, n: _at(T["g"], p - m, q - n) * T["w"][m, n]) * T["ds"][p, q]), "dZ"),
    (lambda: _grid(H, lambda p, q: _sum(K, lambda m, n: _at(T["g"], p - m, q - n) * T["w"][m, n])), "dZ"),
]
EXPECTED = ["holds" if np.allclose(f(), T[key]) else "refuted" for f, key in FORMULAS]

# the claims above in layer letters l-1 -> l (C the cost, δ^l = ∂C/∂z^l)
LETTER_CLAIMS = [
    r"\frac{\partial C}{\partial w^l_{m,n}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, a^{l-1}_{i+m,j+n}",
    r"\frac{\partial C}{\partial w^l_{m,n}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, a^{l-1}_{i-m,j-n}",
    r"\frac{\partial C}{\partial b^l} = \sum_{i}\sum_{j} \delta^l_{i,j}",
    r"\frac{\partial C}{\partial a^{l-1}_{p,q}} = \sum_{m}\sum_{n} \delta^l_{p-m,q-n}\, w^l_{m,n}",
    r"\frac{\partial C}{\partial a^{l-1}_{p,q}} = \sum_{m}\sum_{n} \delta^l_{p+m,q+n}\, w^l_{m,n}",
    r"\delta^{l-1}_{p,q} = \sum_{m}\sum_{n} \delta^l_{p-m,q-n}\, w^l_{m,n}\, \sigma'(z^{l-1}_{p,q})",
    r"\delta^{l-1}_{p,q} = \sum_{m}\sum_{n} \delta^l_{p-m,q-n}\, w^l_{m,n}",
]
# the same in numbered layers 0 -> 1, the output's indices j, k and the kernel's l, m
NUMBER_CLAIMS = [
    r"\frac{\partial C}{\partial w_{l,m}} = \sum_{j}\sum_{k} \delta^1_{j,k}\, a^0_{j+l,k+m}",
    r"\frac{\partial C}{\partial w_{l,m}} = \sum_{j}\sum_{k} \delta^1_{j,k}\, a^0_{j-l,k-m}",
    r"\frac{\partial C}{\partial b} = \sum_{j}\sum_{k} \delta^1_{j,k}",
    r"\frac{\partial C}{\partial a^0_{p,q}} = \sum_{l}\sum_{m} \delta^1_{p-l,q-m}\, w_{l,m}",
    r"\frac{\partial C}{\partial a^0_{p,q}} = \sum_{l}\sum_{m} \delta^1_{p+l,q+m}\, w_{l,m}",
]

ACTIVATION_DOCS = {
    "letters-align": (r"""# Backprop through a convolutional layer

Layer $l$ slides a $3 \times 3$ kernel over the $5 \times 5$ activations of layer $l-1$:

$$
\begin{align*}
a^l &= \sigma\left(b^l + \sum_{m=0}^{2} \sum_{n=0}^{2} w^l_{m,n}\, a^{l-1}_{i+m,j+n}\right) \\
&= \sigma(b^l + w^l \ast a^{l-1})
\end{align*}
$$

Write $\delta^l = \partial C / \partial z^l$ for the pre-activation $z^l$, and $a^{l-1} = \sigma(z^{l-1})$.
""", LETTER_CLAIMS),
    "numbers-entries": (r"""# The first hidden layer

$$a^1_{j,k} = \sigma\Big(b + \sum_{l=0}^{2} \sum_{m=0}^{2} w_{l,m}\, a^0_{j+l,k+m}\Big)$$

The input is $5 \times 5$; $\delta^1$ is the gradient of the cost by the weighted input.
""", NUMBER_CLAIMS),
    "numbers-bare": (r"""# The first hidden layer

$$a^1 = f\left(\sum_{l=0}^{2} \sum_{m=0}^{2} w_{l,m}\, a^0_{j+l,k+m} + b\right)$$
""", NUMBER_CLAIMS),
}


def _verdicts(doc, claims):
    text = doc + "\n" + "\n\n".join(f"$${c}$$" for c in claims) + "\n"
    out = [(c.verdict, c.detail) for c in check_text(text, "md").claims]
    return out[-len(claims):]


@pytest.mark.parametrize("name", sorted(ACTIVATION_DOCS))
def test_an_activation_around_the_sliding_sum_binds_its_pre_activation_as_the_layer(name):
    doc, claims = ACTIVATION_DOCS[name]
    got = _verdicts(doc, claims)
    assert [v for v, _ in got] == EXPECTED[:len(claims)], got


def test_the_forward_row_is_a_definition_and_its_operator_row_is_never_refuted():
    doc, _ = ACTIVATION_DOCS["letters-align"]
    claims = check_text(doc, "md").claims
    assert claims[0].verdict == "definition", claims[0].detail
    assert all(c.verdict != "refuted" for c in claims), [(c.verdict, c.detail) for c in claims]


def test_delta_written_as_the_derivative_by_the_activation_is_not_read_as_z_gradient():
    """δ^l = ∂C/∂a^l: then δ is not the pre-activation's gradient, and a claim true only when it
    is may not hold (nor a claim true under ∂C/∂a be refuted): no verdict from the wrapped reading."""
    doc, claims = ACTIVATION_DOCS["letters-align"]
    doc = doc.replace(r"Write $\delta^l = \partial C / \partial z^l$ for the pre-activation $z^l$",
                      r"Write $\delta^l = \frac{\partial C}{\partial a^l}$")
    got = _verdicts(doc, claims)
    assert all(v not in ("holds", "refuted") for v, _ in got[:5]), got


# ---- the convolution as a function call (a cross-correlation: torch's conv2d, Keras' Conv2D)

CALL_DOCS = [
    (r"O = \text{conv}(I, F)", "I", "F", "O"),
    (r"Y = \operatorname{Conv2D}(X, W) + b", "X", "W", "Y"),
    (r"Z = \mathrm{conv2d}\left(A, K\right) + b", "A", "K", "Z"),
    (r"\mathbf{Y} = \text{xcorr}(\mathbf{X}, \mathbf{W})", "X", "W", "Y"),
    (r"Y = Conv(W, X) + b = f(W * X + b)", "X", "W", "Y"),           # italic, kernel first, a chain
]


CALL_CLAIMS = [r"\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{i+m,j+n}",
               r"\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{i-m,j-n}",
               r"\frac{\partial L}{\partial X_{pq}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{p-m,q-n}} W_{m,n}",
               r"\frac{\partial L}{\partial X_{pq}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{p+m,q+n}} W_{m,n}"]


def _call_claims(x, w, y):
    """CALL_CLAIMS in the forward's letters."""
    return [c.replace("X_", f"{x}_").replace("W_", f"{w}_").replace("Y_", f"{y}_") for c in CALL_CLAIMS]


@pytest.mark.parametrize("forward,x,w,y", CALL_DOCS)
def test_a_convolution_written_as_a_function_call_binds_input_kernel_and_output(forward, x, w, y):
    doc = f"# A convolution\n\nThe input is $5 \\times 5$ and the kernel $3 \\times 3$.\n\n$${forward}$$\n"
    got = _verdicts(doc, _call_claims(x, w, y))
    assert [v for v, _ in got] == [EXPECTED[0], EXPECTED[1], EXPECTED[3], EXPECTED[4]], got


@pytest.mark.parametrize("name", [r"\text{convolve}", r"\text{conv2}"])
def test_a_function_name_that_may_mean_the_flipped_sum_binds_nothing(name):
    """MATLAB's conv2 and numpy's convolve are true convolutions: not read as torch's conv2d."""
    doc = f"# A convolution\n\n$$Y = {name}(X, W)$$\n"
    got = _verdicts(doc, _call_claims("X", "W", "Y"))
    assert all(v == "unchecked" for v, _ in got), got


def test_another_letter_around_the_sum_binds_only_where_the_page_differentiates_by_z():
    """y = σ(Σ …): δ may be ∂L/∂y; only a = σ(…) (δ = ∂C/∂z by that convention) or a page that
    writes ∂/∂z reads z as the layer's output."""
    doc = "# A layer\n\n$$y = \\sigma\\left(b + \\sum_{l}\\sum_{m} w_{l,m}\\, a^0_{j+l,k+m}\\right)$$\n"
    got = _verdicts(doc, NUMBER_CLAIMS[:2])
    assert all(v == "unchecked" for v, _ in got), got
    doc += "\nHere $\\delta_{j,k} = \\partial C / \\partial z_{j,k}$.\n"
    got = _verdicts(doc, [c.replace("^1", "") for c in NUMBER_CLAIMS[:2]])
    assert [v for v, _ in got] == EXPECTED[:2], got


@pytest.mark.parametrize("sentence", [
    r"The output is the valid cross-correlation of the input $X$ with the kernel $W$, giving $Y$.",
    r"The layer computes $Y$, the valid cross-correlation of the input $X$ with the kernel $W$.",
    r"We cross-correlate the input $X$ with the kernel $W$ to obtain $Y$.",
])
def test_a_forward_stated_only_in_prose_names_its_result_by_the_verb(sentence):
    doc = f"# A convolution\n\n{sentence}\n"
    got = _verdicts(doc, CALL_CLAIMS)
    assert [v for v, _ in got] == [EXPECTED[0], EXPECTED[1], EXPECTED[3], EXPECTED[4]], got
