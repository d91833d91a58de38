"""Readings of round 47 (red teams 64 and 65's last rows): what a pooling page's windows and a
matrix-product page's letters say.

* ``\\frac{\\partial L}{\\partial x_{m,n}} = \\frac{1}{4}\\frac{\\partial L}{\\partial y_{\\lfloor m/2 \\rfloor,
  \\lfloor n/2 \\rfloor}}`` at a stated 5x5 input: its last row names y_{2,·}, which does not exist (the
  claim's free index reached it, no sum's implicit range did): refuted, naming the entry (before: read as
  zero, and held); the same for δ_{j-1} written as the page's δ (red team 66), unless the page says a
  gradient's entries outside are zero (a sentence about the input alone does not);
* the window written as a set, ``R_{i,j} = \\{2i, 2i+1\\} \\times \\{2j, 2j+1\\}``: its stride and start
  are read; a centred one, ``\\{i-1, i, i+1\\}``, is not the reader's window: unchecked (before: read at
  S·i, and a correct claim refuted);
* ``\\frac{\\partial y_{i,j}}{\\partial x_{m,n}} = 0`` with its condition in the words before: unchecked
  (before: read inside the window, and refuted);
* ``names: A=input B=weight`` with no ``layer=`` over ``c_{ij} = \\sum_t a_{it} b_{tj}``: unchecked,
  saying layer=fc (before: read as a convolution, correct claims refuted);
* ``H = XW`` for a batch beside ``h_j = \\sum_i w_{ij} x_i``: X is the batch, not the sample x
  (before: ∂L/∂W = X^T ∂L/∂H refuted by shape); "data points", "instances", "observations", inputs stacked
  as rows say a batch as well as "batch" does (red team 66: ∂L/∂b = ∂L/∂H had held).

Truth: torch autograd (float64) and plain loops over the page's windows; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _avg_grad(size: int, window: int, stride: int, seed: int = 0):
    """(dL/dy, dL/dx) of avg_pool2d by autograd at a random upstream gradient."""
    torch.manual_seed(seed)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, window, stride)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return dy[0, 0], x.grad[0, 0]


FLOOR = r"""# Average pooling

<!-- symbp: layer=avgpool input={n}x{n} kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->

$$ y_{{i,j}} = \frac{{1}}{{4}}\sum_{{m=0}}^{{1}}\sum_{{n=0}}^{{1}} x_{{2i+m,2j+n}} $$

$$ \frac{{\partial L}}{{\partial x_{{m,n}}}} = \frac{{1}}{{4}}\frac{{\partial L}}{{\partial y_{{\lfloor m/2 \rfloor,\lfloor n/2 \rfloor}}}} $$
"""


def test_a_free_index_past_the_output_at_stated_sizes_refutes():
    dy4, dx4 = _avg_grad(4, 2, 2)
    assert all(torch.isclose(dx4[m, n], dy4[m // 2, n // 2] / 4) for m in range(4) for n in range(4))
    dy5, _ = _avg_grad(5, 2, 2)
    assert 4 // 2 >= dy5.shape[0]              # the 5x5 input's last row names y_{2,·}: no such output
    assert _claims(FLOOR.format(n=4))[-1][0] == "holds"
    verdict, detail = _claims(FLOOR.format(n=5))[-1]
    assert verdict == "refuted" and "does not exist" in detail and "free index" in detail


def test_a_free_index_past_the_output_at_guessed_sizes_does_not_refute():
    text = "\n".join(line for line in FLOOR.format(n=4).splitlines() if "symbp:" not in line)
    assert _claims(text)[-1][0] != "refuted"


SET = r"""# Average pooling

<!-- symbp: layer=avgpool input=4x4 kernel={k}x{k} index_base=0 names: x=input y=output L=loss -->

Output $(i,j)$ averages its window $R_{{i,j}} = {window}$.

$$ y_{{i,j}} = \frac{{1}}{{{kk}}} \sum_{{(m,n) \in R_{{i,j}}}} x_{{m,n}} $$

$$ \frac{{\partial L}}{{\partial x_{{1,2}}}} = {claim} $$
"""


def _dy(i, j):
    return rf"\frac{{\partial L}}{{\partial y_{{{i},{j}}}}}"


def test_a_written_window_gives_the_stride():
    # {i, i+1, i+2}: 3x3 windows moved by 1, so x_{1,2} lies in four windows (torch: stride 1)
    dy, dx = _avg_grad(4, 3, 1)
    four = sum(dy[i, j] for i in (0, 1) for j in (0, 1)) / 9
    assert torch.isclose(dx[1, 2], four) and not torch.isclose(dx[1, 2], dy[0, 1] / 9)
    window = r"\{i, i+1, i+2\} \times \{j, j+1, j+2\}"
    right = r"\frac{1}{9}\left(" + " + ".join(_dy(i, j) for i in (0, 1) for j in (0, 1)) + r"\right)"
    assert _claims(SET.format(k=3, kk=9, window=window, claim=right))[-1][0] == "holds"
    assert _claims(SET.format(k=3, kk=9, window=window, claim=r"\frac{1}{9}" + _dy(0, 1)))[-1][0] == "refuted"


def test_a_standard_written_window_is_read():
    dy, dx = _avg_grad(4, 2, 2)
    assert torch.isclose(dx[1, 2], dy[0, 1] / 4)
    window = r"\{2i, 2i+1\} \times \{2j, 2j+1\}"
    assert _claims(SET.format(k=2, kk=4, window=window, claim=r"\frac{1}{4}" + _dy(0, 1)))[-1][0] == "holds"
    assert _claims(SET.format(k=2, kk=4, window=window, claim=r"\frac{1}{4}" + _dy(1, 1)))[-1][0] == "refuted"


def test_a_centred_window_is_not_the_readers():
    # R_{i,j} = {i-1, i, i+1}: output (1,1)'s window holds x_{0,0}; at S·i it would not
    window = r"\{i-1, i, i+1\} \times \{j-1, j, j+1\}"
    text = SET.format(k=3, kk=9, window=window, claim=r"\frac{1}{9}" + _dy(1, 1)).replace("x_{1,2}", "x_{0,0}")
    verdict, detail = _claims(text)[-1]
    assert verdict == "unchecked" and "starts at i-1" in detail


def test_a_window_written_otherwise_is_unchecked():
    window = r"\{(m,n) : 2i \le m \le 2i+1, 2j \le n \le 2j+1\}"
    verdict, detail = _claims(SET.format(k=2, kk=4, window=window, claim=r"\frac{1}{4}" + _dy(0, 1)))[-1]
    assert verdict == "unchecked" and "does not take" in detail


ZERO = r"""# Average pooling

<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->

$$ y_{i,j} = \frac{1}{k^{2}} \sum_{(m,n) \in R_{i,j}} x_{m,n} $$

An input outside the window of $(i,j)$ does not reach $y_{i,j}$:

$$ \frac{\partial y_{i,j}}{\partial x_{m,n}} = 0 $$
"""


def test_a_zero_local_derivative_with_its_condition_in_words_is_unchecked():
    torch.manual_seed(1)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    jac = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.avg_pool2d(t, 2, 2), x)[0, 0, :, :, 0, 0]
    assert jac[0, 0, 3, 3] == 0 and jac[0, 0, 0, 0] != 0      # zero outside the window, not inside it
    verdict, detail = _claims(ZERO)[-1]
    assert verdict == "unchecked" and "outside the window" in detail


PRODUCT = r"""# Matrix product layer

<!-- symbp: names: A=input B=weight C=output L=loss -->

Let $A$ be $m \times k$ and $B$ be $k \times n$, and let $C = AB$, so that

$$ c_{ij} = \sum_{t=1}^{k} a_{it} b_{tj} $$

$$ \frac{\partial L}{\partial a_{ij}} = \sum_{t=1}^{n} \frac{\partial L}{\partial c_{it}} b_{jt} $$
"""


def test_a_names_only_directive_over_a_matrix_product_is_unchecked():
    torch.manual_seed(2)
    a, b = torch.randn(2, 3, requires_grad=True), torch.randn(3, 4)
    dc = torch.randn(2, 4)
    ((a @ b) * dc).sum().backward()
    loop = torch.tensor([[sum(dc[i, t] * b[j, t] for t in range(4)) for j in range(3)] for i in range(2)])
    assert torch.allclose(a.grad, loop)                        # the claim is true
    verdict, detail = _claims(PRODUCT)[-1]
    assert verdict == "unchecked" and "names no layer" in detail and "layer=fc" in detail


BATCH = r"""# Hidden layer

For one sample the hidden units are

$$ h_j = \sum_{i=1}^{3} w_{ij} x_i $$

and for a batch whose samples are the rows of $X$ ($2 \times 3$), $H = XW$ is $2 \times 4$.

$$ \frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial H} $$
"""


def test_a_batch_capital_is_not_the_sample():
    torch.manual_seed(3)
    x, w = torch.randn(2, 3), torch.randn(3, 4, requires_grad=True)
    dh = torch.randn(2, 4)
    ((x @ w) * dh).sum().backward()
    assert torch.allclose(w.grad, x.T @ dh)                    # the claim is true for the batch
    assert _claims(BATCH)[-1][0] != "refuted"


ROW_VECTOR = r"""# Dense layer

$$ y_{j}=b_{j}+\sum_{i}x_{i}w_{i j} $$

A batch would stack such rows; here one sample is the row $X=[x_{1}\ \cdots\ x_{i}]$ and

$$ Y = XW + B $$

$$ \frac{\partial E}{\partial W} = X^T \frac{\partial E}{\partial Y} $$
"""


@pytest.mark.parametrize("seed", [0, 1])
def test_a_row_vector_capital_stays_the_sample(seed):
    torch.manual_seed(seed)
    x, w = torch.randn(1, 3), torch.randn(3, 2, requires_grad=True)
    dy = torch.randn(1, 2)
    ((x @ w) * dy).sum().backward()
    assert torch.allclose(w.grad, x.T @ dy)
    verdict, detail = _claims(ROW_VECTOR)[-1]
    assert verdict == "holds", detail


DELTA_1D = r"""# 1-D convolution layer

<!-- symbp: layer=conv1d input=5 kernel=3 stride=1 index_base=0 names: x=input w=kernel y=output L=loss -->

$$ y_{i} = \sum_{k=0}^{2} w_{k} x_{i+k} $$

Let $\delta_i = \frac{\partial L}{\partial y_i}$.SAID

$$ \frac{\partial L}{\partial x_{j}} = w_{0} \delta_{j} + w_{1} \delta_{j-1} + w_{2} \delta_{j-2} $$
"""


def test_a_delta_past_its_tensor_refutes_unless_the_page_says_it_is_zero():
    torch.manual_seed(4)
    x, w = torch.randn(5, requires_grad=True), torch.randn(3)
    y = torch.stack([sum(w[k] * x[i + k] for k in range(3)) for i in range(3)])
    dy = torch.randn(3)
    (y * dy).sum().backward()
    padded = torch.cat([torch.zeros(2), dy, torch.zeros(2)])          # δ read as zero outside its 3 entries
    with_zeros = torch.stack([sum(w[k] * padded[j - k + 2] for k in range(3)) for j in range(5)])
    assert torch.allclose(x.grad, with_zeros)                         # true only with the zeros the page may say
    verdict, detail = _claims(DELTA_1D.replace("SAID", ""))[-1]
    assert verdict == "refuted" and "does not exist" in detail
    said = " Entries of $\\delta$ outside its range are taken as zero."
    assert _claims(DELTA_1D.replace("SAID", said))[-1][0] == "holds"


def test_a_zero_said_of_the_input_alone_leaves_the_gradient_rule_on():
    text = FLOOR.format(n=5).replace("# Average pooling\n", "# Average pooling\n\nEntries of $x$ outside the image are zero.\n")
    verdict, detail = _claims(text)[-1]
    assert verdict == "refuted" and "free index" in detail


POINTS = r"""# Hidden layer

For one input the hidden units are

$$ h_j = \sum_{i=1}^{3} w_{ij} x_i + b_j $$

For the two data points at once ($X$ is $2 \times 3$, one per row):

$$ H = XW + b $$

$$ \frac{\partial L}{\partial b} = \frac{\partial L}{\partial H} $$
"""


def test_data_points_as_rows_are_a_batch():
    torch.manual_seed(5)
    x, w, b = torch.randn(2, 3), torch.randn(3, 4), torch.randn(4, requires_grad=True)
    dh = torch.randn(2, 4)
    ((x @ w + b) * dh).sum().backward()
    assert torch.allclose(b.grad, dh.sum(0)) and not torch.allclose(b.grad, dh[0])   # ∂L/∂b sums the rows
    assert "batch" not in POINTS and _claims(POINTS)[-1][0] != "holds"


def test_a_local_derivative_said_zero_outside_its_window_names_no_gradient():
    sentence = (r"For inputs outside the window of $(i,j)$, the local derivative "
                r"$\frac{\partial y_{i,j}}{\partial x_{m,n}}$ is zero.")
    text = FLOOR.format(n=5).replace("# Average pooling\n", "# Average pooling\n\n" + sentence + "\n")
    verdict, detail = _claims(text)[-1]
    assert verdict == "refuted" and "free index" in detail        # y_{2,·} still does not exist
    said = FLOOR.format(n=5).replace("# Average pooling\n", "# Average pooling\n\nEntries of "
                                     r"$\frac{\partial L}{\partial y}$ outside its range are taken as zero." "\n")
    assert _claims(said)[-1][0] == "holds"                          # the page zeroes the gradient: 0 at row 4


def test_the_same_page_gets_the_same_details_under_any_hash_seed():
    # the founding reader once named whichever unknown symbol a hash-ordered set gave first
    import os
    import pathlib
    import subprocess
    import sys
    real = pathlib.Path(__file__).parent / "docs" / "real"
    code = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('s', sys.argv[1]); "
            "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
            "print([d for *_, d in m.verdicts('compphysics_fc_delta.md', True)[0]])")
    runs = {subprocess.run([sys.executable, "-c", code, str(real / "score.py")], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(runs) == 1


STRIDE_PAD = r"""# One channel

<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride={stride} padding=1 names: I=input K=kernel O=output L=loss -->

$$O_{{i,j}}= \sum_{{m=0}}^{{2}}\sum_{{n=0}}^{{2}} I_{{i s + m - p, j s + n - p}} K_{{m,n}}$$

$$\frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{i,j}} \frac{{\partial L}}{{\partial O_{{i,j}}}} I_{{{index}}}$$
"""


def _conv_grad(seed: int = 6):
    """(dL/dO, padded input, dL/dK) of conv2d(stride 2, padding 1) by autograd."""
    torch.manual_seed(seed)
    x, k = torch.randn(1, 1, 5, 5), torch.randn(1, 1, 3, 3, requires_grad=True)
    out = torch.nn.functional.conv2d(x, k, stride=2, padding=1)
    dout = torch.randn_like(out)
    (out * dout).sum().backward()
    return dout[0, 0], torch.nn.functional.pad(x, (1, 1, 1, 1))[0, 0], k.grad[0, 0]


def test_one_stride_letter_with_a_padding_letter_is_read():
    dout, xp, dk = _conv_grad()
    loop = torch.tensor([[sum(dout[i, j] * xp[2 * i + m, 2 * j + n] for i in range(3) for j in range(3))
                          for n in range(3)] for m in range(3)])      # I_{is+m-p} is xp[is+m] (p = 1 padded)
    assert torch.allclose(dk, loop)
    assert _claims(STRIDE_PAD.format(stride=2, index="i s + m - p, j s + n - p"))[-1][0] == "holds"
    forgot = torch.tensor([[sum(dout[i, j] * xp[i + m, j + n] for i in range(3) for j in range(3))
                            for n in range(3)] for m in range(3)])
    assert not torch.allclose(dk, forgot)                             # the stride forgotten: false
    assert _claims(STRIDE_PAD.format(stride=2, index="i + m - p, j + n - p"))[-1][0] == "refuted"


def test_one_stride_letter_with_two_strides_is_unchecked():
    verdict, detail = _claims(STRIDE_PAD.format(stride="2x1", index="i s + m - p, j s + n - p"))[-1]
    assert verdict == "unchecked" and "one letter s" in detail
