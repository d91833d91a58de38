"""Readings of round 46: pooling windows written as sets, sizes with a subscript squared, and two
pooling forwards for one output.

* ``y_{i,j} = \\frac{1}{k^{2}} \\sum_{(m,n) \\in R_{i,j}} x_{m,n}`` and ``y_{i,j} = \\max_{(m,n) \\in R_{i,j}} x_{m,n}``:
  R_{i,j} is output (i,j)'s window (before: "index '(' in a sum", every claim unchecked);
* ``\\frac{\\partial y_{i,j}}{\\partial x_{m,n}} = \\frac{1}{k^2}`` in such a section: the local derivative,
  read where (m,n) lies in R_{i,j};
* ``\\frac{1}{k_p^2}`` beside ``\\sum_{m=0}^{k_p-1}``: the size k_p squared (before: k at index p);
* a max pooling's forward then an average pooling's for the same output, one heading part, no directive:
  the claims below are about either layer, so they stay unchecked.

Truth: torch autograd (float64) of avg_pool2d / max_pool2d, and each claim's formula evaluated by a
plain loop over the page's windows; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _pool_truth(kind: str, size: int, window: int, stride: int, scale_of_window, seed=0):
    """(input, dL/dy, dL/dx by autograd, [claimed dL/dx_{m,n} = c · dL/dy_{window of (m,n)}] for c)."""
    torch.manual_seed(seed)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    pool = torch.nn.functional.avg_pool2d if kind == "avg" else torch.nn.functional.max_pool2d
    y = pool(x, window, stride)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    out = y.shape[-1]
    claimed = torch.zeros(size, size)
    for m in range(size):
        for n in range(size):
            holders = [(i, j) for i in range(out) for j in range(out)
                       if i * stride <= m < i * stride + window and j * stride <= n < j * stride + window]
            if len(holders) == 1:          # the window that holds (m, n) (non-overlapping)
                claimed[m, n] = scale_of_window * dy[0, 0][holders[0]]
    return x.grad[0, 0], claimed, out * stride


AVG_SET = r"""# Average pooling

{directive}

The input is split into windows $R_{{i,j}}$ of size $k \times k$.

$$y_{{i,j}} = \frac{{1}}{{k^{{2}}}} \sum_{{(m,n) \in R_{{i,j}}}} x_{{m,n}}$$

For non-overlapping windows:

$$\frac{{\partial L}}{{\partial x_{{m,n}}}} = {scale} \cdot \frac{{\partial L}}{{\partial y_{{i,j}}}}$$
"""

DIRECTIVE = "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->"


@pytest.mark.parametrize("directive", [DIRECTIVE, ""])
@pytest.mark.parametrize("scale,value", [(r"\frac{1}{k^{2}}", 0.25), (r"\frac{1}{k}", 0.5), ("1", 1.0)])
def test_average_pooling_over_a_window_set(directive, scale, value):
    truth, claimed, _ = _pool_truth("avg", 4, 2, 2, value)
    expected = "holds" if torch.allclose(truth, claimed) else "refuted"
    verdicts = _claims(AVG_SET.format(directive=directive, scale=scale))
    assert verdicts[-1][0] == expected, verdicts[-1]
    if expected == "refuted":
        assert "its window" in verdicts[-1][1]


def test_window_set_forward_is_the_page_s_definition():
    verdicts = _claims(AVG_SET.format(directive="", scale=r"\frac{1}{k^{2}}"))
    assert verdicts[0][0] == "definition" and "x is the input, y the output" in verdicts[0][1]


LOCAL = AVG_SET.replace(r"""$$\frac{{\partial L}}{{\partial x_{{m,n}}}} = {scale} \cdot \frac{{\partial L}}{{\partial y_{{i,j}}}}$$""",
                        r"""$$\frac{{\partial y_{{i,j}}}}{{\partial x_{{m,n}}}} = {scale}$$""")


@pytest.mark.parametrize("directive", [DIRECTIVE, ""])
@pytest.mark.parametrize("scale,value", [(r"\frac{1}{k^{2}}", 0.25), (r"\frac{1}{k}", 0.5)])
def test_local_derivative_read_inside_its_window(directive, scale, value):
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    jac = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.avg_pool2d(t, 2, 2), x)[0, 0, :, :, 0, 0]
    inside = [float(jac[i, j, m, n]) for i in range(2) for j in range(2) for m in range(4) for n in range(4)
              if 2 * i <= m < 2 * i + 2 and 2 * j <= n < 2 * j + 2]
    expected = "holds" if all(abs(v - value) < 1e-12 for v in inside) else "refuted"
    verdict, detail = _claims(LOCAL.format(directive=directive, scale=scale))[-1]
    assert verdict == expected, detail
    assert "in the window R_{i,j}" in detail


OVERLAP = AVG_SET.replace("{directive}", "<!-- symbp: layer=avgpool input=5x5 kernel=2x2 stride=1 index_base=0 "
                          "names: x=input y=output L=loss -->")


def test_overlapping_windows_never_hold_the_one_window_formula():
    truth, claimed, _ = _pool_truth("avg", 5, 2, 1, 0.25)
    assert not torch.allclose(truth, claimed)          # an entry in several windows gets them all
    verdict, detail = _claims(OVERLAP.format(scale=r"\frac{1}{k^{2}}"))[-1]
    assert verdict != "holds", detail


MAX_SET = r"""# Max pooling

<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->

$$y_{i,j} = \max_{(m,n) \in R_{i,j}} x_{m,n}$$

$$\frac{\partial L}{\partial x_{m,n}} = \begin{cases} \frac{\partial L}{\partial y_{i,j}}, & (m,n) \text{ is the argmax of } R_{i,j} \\ 0, & \text{otherwise} \end{cases}$$

$$\frac{\partial L}{\partial x_{m,n}} = \frac{1}{4} \frac{\partial L}{\partial y_{i,j}}$$
"""


def test_max_pooling_over_a_window_set():
    torch.manual_seed(1)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    y = torch.nn.functional.max_pool2d(x, 2, 2)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    routed = torch.zeros(4, 4)
    for i in range(2):
        for j in range(2):
            window = x.detach()[0, 0, 2 * i:2 * i + 2, 2 * j:2 * j + 2]
            r, c = divmod(int(window.argmax()), 2)
            routed[2 * i + r, 2 * j + c] = dy[0, 0, i, j]
    spread = torch.repeat_interleave(torch.repeat_interleave(dy[0, 0] / 4, 2, 0), 2, 1)
    assert torch.allclose(routed, x.grad[0, 0]) and not torch.allclose(spread, x.grad[0, 0])
    verdicts = _claims(MAX_SET)
    assert [v for v, _ in verdicts[-2:]] == ["holds", "refuted"], verdicts


SUBSCRIPTED = r"""# Average pooling

For a pooling window of size $k_p \times k_p$ with stride $k_p$:

$$Y_{{i,j}} = \frac{{1}}{{k_p^2}} \sum_{{m=0}}^{{k_p-1}} \sum_{{n=0}}^{{k_p-1}} X_{{i \cdot k_p + m, j \cdot k_p + n}}$$

$$\frac{{\partial L}}{{\partial X_{{m,n}}}} = {scale} \cdot \frac{{\partial L}}{{\partial Y_{{i,j}}}}$$
"""


@pytest.mark.parametrize("scale", [r"\frac{1}{k_p^2}", r"\frac{1}{k_p}"])
def test_a_size_with_a_subscript_squared(scale):
    verdicts = _claims(SUBSCRIPTED.format(scale=scale))
    assert verdicts[0][0] == "definition", verdicts[0]
    for window in (2, 3):                     # the sizes symbp tries include both
        truth, _, _ = _pool_truth("avg", 2 * window, window, window, 0.0)
        claimed_value = 1 / window ** 2 if scale.endswith("^2}") else 1 / window
        torch.manual_seed(0)
        x = torch.randn(1, 1, 2 * window, 2 * window, requires_grad=True)
        y = torch.nn.functional.avg_pool2d(x, window, window)
        dy = torch.randn_like(y)
        (y * dy).sum().backward()
        spread = torch.repeat_interleave(torch.repeat_interleave(dy[0, 0] * claimed_value, window, 0), window, 1)
        expected = "holds" if torch.allclose(spread, x.grad[0, 0]) else "refuted"
        assert verdicts[-1][0] == expected, verdicts[-1]


TWO_POOLINGS = r"""# Pooling

**Max pooling:**

$$Y_{i,j} = \max_{0 \leq m, n < k} X_{i k + m, j k + n}$$

**Average pooling:**

$$Y_{i,j} = \frac{1}{k^2} \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i k + m, j k + n}$$

## Backward

$$\frac{\partial L}{\partial X_{m,n}} = \frac{1}{k^2} \cdot \frac{\partial L}{\partial Y_{i,j}}$$

## Convolution

$$Z_{i,j} = \sum_{m=0}^{1} \sum_{n=0}^{1} W_{m,n} A_{i+m,j+n}$$

$$\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Z_{i,j}} A_{i+m,j+n}$$
"""


def test_two_pooling_forwards_for_one_output_leave_their_claims_unread():
    torch.manual_seed(2)
    a = torch.randn(1, 1, 4, 4)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    z = torch.nn.functional.conv2d(a, w)
    dz = torch.randn_like(z)
    (z * dz).sum().backward()
    loop = torch.tensor([[sum(float(dz[0, 0, i, j] * a[0, 0, i + m, j + n]) for i in range(3) for j in range(3))
                          for n in range(2)] for m in range(2)])
    assert torch.allclose(loop, w.grad[0, 0])
    verdicts = _claims(TWO_POOLINGS)
    pooled = verdicts[2]
    assert pooled[0] == "unchecked" and "defines its output twice" in pooled[1]
    assert verdicts[-1][0] == "holds", verdicts[-1]     # a later heading's own forward is read again


# ---------------------------------------------------------------- red team 64: the prose's stride, window, sizes

PROSE_STRIDE = r"""# Average pooling

The input $x$ is $4 \times 4$, the windows are $2 \times 2$, and we use {stride}.

$$y_{{i,j}} = \frac{{1}}{{k^{{2}}}} \sum_{{(m,n) \in R_{{i,j}}}} x_{{m,n}}$$

$$\frac{{\partial L}}{{\partial x_{{m,n}}}} = \frac{{1}}{{k^2}}\frac{{\partial L}}{{\partial y_{{i,j}}}}$$
"""


@pytest.mark.parametrize("stride,expected", [("stride 1", "refuted"), ("stride 2", "holds"), ("unit stride", "unchecked")])
def test_the_prose_s_stride_is_the_window_s_stride(stride, expected):
    step = 2 if stride == "stride 2" else 1
    truth, claimed, _ = _pool_truth("avg", 4, 2, step, 0.25)
    assert torch.allclose(truth, claimed) == (step == 2)      # one window per entry only without overlap
    verdict, detail = _claims(PROSE_STRIDE.format(stride=stride))[-1]
    assert verdict == expected, detail
    if expected == "unchecked":
        assert "stride=S" in detail


REPEATED = AVG_SET.format(directive=DIRECTIVE, scale=r"\frac{1}{k^{2}}").replace(
    r"\frac{\partial L}{\partial y_{i,j}}$$", r"\frac{\partial L}{\partial y_{i,i}}$$")


def test_a_window_the_claim_s_letters_cannot_name_refutes():
    truth, claimed, _ = _pool_truth("avg", 4, 2, 2, 0.25)
    torch.manual_seed(0)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, 2, 2)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    assert float(x.grad[0, 0, 0, 2]) != 0.25 * float(dy[0, 0, 0, 0])    # x_{0,2} is in window (0,1), not (0,0)
    verdict, detail = _claims(REPEATED)[-1]
    assert verdict == "refuted" and "cannot name" in detail, detail


GUESSED = r"""# Mean pooling

$$y_{{i,j}} = \frac{{1}}{{|R_{{i,j}}|}} \sum_{{(m,n) \in R_{{i,j}}}} x_{{m,n}}$$

$$\frac{{\partial L}}{{\partial x_{{m,n}}}} = {scale}\frac{{\partial L}}{{\partial y_{{i,j}}}}$$
"""


@pytest.mark.parametrize("scale", [r"\frac{1}{9}", r"\frac{1}{4}"])
def test_a_number_for_the_window_with_no_sizes_given_is_not_decided(scale):
    holds_at = {w for w in (2, 3) if torch.allclose(*_pool_truth("avg", 2 * w, w, w, 1 / w ** 2 if scale.endswith("{9}") is (w == 3) or
                                                                  scale.endswith("{4}") is (w == 2) else 0.0)[:2])}
    assert holds_at in ({2}, {3})        # the number fixes the window: true at one size, false at another
    verdict, detail = _claims(GUESSED.format(scale=scale))[-1]
    assert verdict == "unchecked" and "fix sizes the document does not give" in detail, detail


WINDOW_SIDE = r"""# Pooling layer

Layer $p$ pools a $4\times 4$ map $X$ with windows of side $k_p = 2$ and stride $s_p = 2$.

$$Y_{{i,j}} = \frac{{1}}{{k_p^2}}\sum_{{m=0}}^{{k_p-1}}\sum_{{n=0}}^{{k_p-1}} X_{{i s_p + m, j s_p + n}}$$

$$\frac{{\partial L}}{{\partial X_{{a,b}}}} = {scale}\frac{{\partial L}}{{\partial Y_{{\lfloor a/2 \rfloor,\lfloor b/2 \rfloor}}}}$$
"""


@pytest.mark.parametrize("scale,value", [(r"\frac{1}{k_p^2}", 0.25), (r"\frac{1}{2 k_p^2}", 0.125)])
def test_the_window_side_the_prose_gives(scale, value):
    torch.manual_seed(3)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, 2, 2)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    loop = torch.tensor([[value * float(dy[0, 0, a // 2, b // 2]) for b in range(4)] for a in range(4)])
    expected = "holds" if torch.allclose(loop, x.grad[0, 0]) else "refuted"
    verdict, detail = _claims(WINDOW_SIDE.format(scale=scale))[-1]
    assert verdict == expected, detail
    assert "4x4 input, 2x2 average-pooling window, stride 2" in detail
