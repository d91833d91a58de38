"""Round twenty-six's red team of the newest readers: every false hold and every true claim refuted it
found, on pages cut down to the claim. Truth from torch autograd (float64), never from symbp; each test
asserts the verdict is not the wrong one (a guess is not required: unchecked is honest).
"""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
F = torch.nn.functional


def _verdicts(page):
    return [c.verdict for c in check_text(page, "md").claims]


# ---- δ = ∂C/∂a beside a forward written as a chain through its activation (forward_spellings)

CHAIN = r"""# The convolution layer

$$
a^l_{ij} = \sigma(z^l_{ij}) = \sigma\left(\sum_{a}\sum_{b} W_{a,b}\, a^{l-1}_{i+a,j+b} + b\right)
$$

with $\delta^l_{ij} = \frac{\partial C}{\partial a^l_{ij}}$ (the error at the activation).

$$
\frac{\partial C}{\partial W_{a,b}} = \sum_{i}\sum_{j} \delta^l_{i,j}\, a^{l-1}_{i+a,j+b}
$$

$$
\frac{\partial C}{\partial b} = \sum_{i}\sum_{j} \delta^l_{i,j}
$$
"""


def test_delta_by_the_activation_is_not_the_pre_activations_gradient():
    x = torch.randn(5, 5)
    w, b = torch.randn(3, 3, requires_grad=True), torch.randn(1, requires_grad=True)
    a = torch.sigmoid(F.conv2d(x[None, None], w[None, None], b)[0, 0])
    a.retain_grad()
    (a * torch.randn(a.shape)).sum().backward()
    delta = a.grad                                                        # δ = ∂C/∂a, as the page says
    claimed_w = F.conv2d(x[None, None], delta[None, None])[0, 0]
    assert not torch.allclose(claimed_w, w.grad) and not torch.allclose(delta.sum(), b.grad)   # both false
    assert "holds" not in _verdicts(CHAIN)[1:]


# ---- an average written out with an argument twice is no window (doc_pooling.written_pool_rows)

REPEATED = r"""# Average pooling

$$
\begin{array}{c}
y_{11} = \text{avg}(x_{11}, x_{11}, x_{12}, x_{21}, x_{22}) \\
y_{12} = \text{avg}(x_{13}, x_{14}, x_{23}, x_{24}) \\
y_{21} = \text{avg}(x_{31}, x_{32}, x_{41}, x_{42}) \\
y_{22} = \text{avg}(x_{33}, x_{34}, x_{43}, x_{44})
\end{array}
$$

$$
\frac{\partial y_{11}}{\partial x_{11}} = \frac{1}{4}
$$
"""


def test_a_row_with_an_argument_twice_binds_no_pooling():
    x = torch.randn(4, requires_grad=True)
    torch.stack([x[0], x[0], x[1], x[2], x[3]]).mean().backward()
    assert abs(x.grad[0].item() - 0.4) < 1e-12                    # 2/5, not 1/4
    assert _verdicts(REPEATED)[-1] != "holds"


# ---- conditions said in words (calc_prose): the whole comparison, and in a heading

SOFTMAX = "# Softmax\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_{{k}} e^{{z_k}}}}$$\n\n{lead}\n\n$$\n{claim}\n$$\n"
DIAGONAL, OFF = r"\frac{\partial p_i}{\partial z_j} = p_i(1 - p_i)", r"\frac{\partial p_i}{\partial z_j} = -p_i p_j"


def _jacobian(n=6):
    z = torch.randn(n)
    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z), torch.softmax(z, 0)


def test_words_after_the_comparison_are_not_dropped():
    J, p = _jacobian()
    assert not torch.isclose(J[3, 2], p[3] * (1 - p[3]))         # i = j + 1 (1-based 4, 3): off the diagonal
    for lead in ("For i equal to j plus one:", "When i equals j squared:", "For j equal to i or to k:"):
        assert _verdicts(SOFTMAX.format(lead=lead, claim=DIAGONAL))[-1] != "holds", lead
    assert torch.isclose(J[3, 2], -p[3] * p[2])
    assert _verdicts(SOFTMAX.format(lead="For i equal to j plus one:", claim=OFF))[-1] != "refuted"


def test_a_worded_condition_in_a_heading_is_read():
    J, p = _jacobian()
    assert torch.isclose(J[0, 1], -p[0] * p[1])                   # true wherever j differs from i
    assert _verdicts(SOFTMAX.format(lead="### When j differs from i", claim=OFF))[-1] != "refuted"


# ---- two losses in one claim (loss_letters)

TWO_LOSSES = r"""# Backward pass

The input $X$ is $4\times 4$ and the kernel $W$ is $3\times 3$; cross-correlation.

$$Y_{ij} = \sum_{m}\sum_{n} X_{i+m,j+n} W_{mn} + b$$

The data loss is $L$ and the total loss is $\mathcal{L} = L + \frac{\lambda}{2} \sum_{m,n} W_{mn}^2$.

$$
\frac{\partial \mathcal{L}}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m,j+n}
$$

$$
\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m,j+n}
$$
"""


def test_a_claim_that_differentiates_two_losses_is_not_held():
    x, w, lam = torch.randn(4, 4), torch.randn(3, 3, requires_grad=True), 0.3
    y = F.conv2d(x[None, None], w[None, None])[0, 0]
    g = torch.randn(y.shape)
    data = (y * g).sum()
    total_grad = torch.autograd.grad(data + lam / 2 * (w ** 2).sum(), w, retain_graph=True)[0]
    data_grad = torch.autograd.grad(data, w)[0]
    claimed = F.conv2d(x[None, None], g[None, None])[0, 0]
    assert torch.allclose(claimed, data_grad) and not torch.allclose(claimed, total_grad)
    got = _verdicts(TWO_LOSSES)
    assert got[-2] != "holds" and got[-1] == "holds", got


# ---- the page's own δ opening a chain (page_delta): δ = ∂C/∂a = J^T ∂C/∂z is not refuted

OWN_DELTA = r"""# The input's sensitivity

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: a=input W=kernel z=output C=loss -->

$$\delta = \frac{\partial C}{\partial a}=(\frac{\partial z}{\partial a})^T\frac{\partial C}{\partial z}$$
"""


def test_the_pages_own_delta_opening_a_chain_is_named_in_passing():
    a, w = torch.randn(9, requires_grad=True), torch.randn(2, 2)
    z = F.conv2d(a.reshape(1, 1, 3, 3), w[None, None]).reshape(-1)
    g = torch.randn(4)
    (z * g).sum().backward()
    J = torch.autograd.functional.jacobian(lambda v: F.conv2d(v.reshape(1, 1, 3, 3), w[None, None]).reshape(-1), a)
    assert torch.allclose(J.T @ g, a.grad)                        # the chain is true (flattened)
    got = _verdicts(OWN_DELTA)
    assert got[0] != "refuted", got


# ---- a pooling written out again below another heading, with overlapping windows (doc_headings)

TWO_EXAMPLES = r"""# Pooling

## Example 1

$$
\begin{array}{c}
y_{11} = \text{avg}(x_{11}, x_{12}, x_{21}, x_{22}) \\
y_{12} = \text{avg}(x_{13}, x_{14}, x_{23}, x_{24}) \\
y_{21} = \text{avg}(x_{31}, x_{32}, x_{41}, x_{42}) \\
y_{22} = \text{avg}(x_{33}, x_{34}, x_{43}, x_{44})
\end{array}
$$

$$\frac{\partial E}{\partial x_{22}} = \frac{1}{4}\frac{\partial E}{\partial y_{11}}$$

## Example 2

$$
\begin{array}{c}
y_{11} = \text{avg}(x_{11}, x_{12}, x_{21}, x_{22}) \\
y_{12} = \text{avg}(x_{12}, x_{13}, x_{22}, x_{23}) \\
y_{21} = \text{avg}(x_{21}, x_{22}, x_{31}, x_{32}) \\
y_{22} = \text{avg}(x_{22}, x_{23}, x_{32}, x_{33})
\end{array}
$$

$$\frac{\partial E}{\partial x_{12}} = \frac{1}{4}\left(\frac{\partial E}{\partial y_{11}} + \frac{\partial E}{\partial y_{12}}\right)$$

$$\frac{\partial E}{\partial x_{21}} = \frac{1}{4}\frac{\partial E}{\partial y_{11}}$$
"""


def test_a_second_pooling_below_a_heading_is_read_with_its_own_windows():
    x = torch.randn(1, 1, 3, 3, requires_grad=True)
    g = torch.randn(1, 1, 2, 2)
    (F.avg_pool2d(x, 2, 1) * g).sum().backward()
    gx = x.grad[0, 0]
    assert torch.isclose(gx[0, 1], (g[0, 0, 0, 0] + g[0, 0, 0, 1]) / 4)       # x_{12} (1-based): y_{11}, y_{12}
    assert not torch.isclose(gx[1, 0], g[0, 0, 0, 0] / 4)                      # x_{21} is in y_{21}'s window too
    got = _verdicts(TWO_EXAMPLES)
    assert got[-2:] == ["holds", "refuted"], got


START_LABELLED = r"""# Pooling

With stride 2, each output named by its window's first entry:

$$
\begin{array}{c}
y_{11} = \text{avg}(x_{11}, x_{12}, x_{21}, x_{22}) \\
y_{13} = \text{avg}(x_{13}, x_{14}, x_{23}, x_{24}) \\
y_{31} = \text{avg}(x_{31}, x_{32}, x_{41}, x_{42}) \\
y_{33} = \text{avg}(x_{33}, x_{34}, x_{43}, x_{44})
\end{array}
$$

$$\frac{\partial E}{\partial x_{12}} = \frac{1}{4}\frac{\partial E}{\partial y_{11}}$$
"""


def test_rows_that_write_only_some_outputs_of_their_reading_bind_no_pooling():
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    g = torch.randn(1, 1, 2, 2)
    (F.avg_pool2d(x, 2, 2) * g).sum().backward()
    assert torch.isclose(x.grad[0, 0, 0, 1], g[0, 0, 0, 0] / 4)            # true at stride 2, as the page says
    assert _verdicts(START_LABELLED)[-1] != "refuted"                       # read at stride 1 it was refuted
