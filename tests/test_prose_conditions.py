"""A condition stated in the sentence just before a display restricts the display's claim to
some entries: a claim that holds only there is not refuted at an entry the condition excludes,
a false claim that no condition can save stays refuted, and the prose's stride against a
forward that moves by 1 is reported, not silently settled.

Truth: torch autograd of the document's layer (conv2d, 0-based, stride 2, 5x5 input, 2x2
kernel: row and column 4 lie in no window) at random values."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DIRECTIVE = "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=2 index_base=0 names: x=input w=kernel y=output e=loss -->"
FORWARD = r"$$y_{ij} = \sum_{r=0}^{1}\sum_{s=0}^{1} x_{2i+r,2j+s} w_{rs} + b$$"
ZERO_CLAIM = r"$$\frac{\partial e}{\partial x_{uv}} = 0$$"


def _torch_grads(stride=2, size=5, k=2, seed=0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, size, size, generator=gen, requires_grad=True)
    w = torch.randn(1, 1, k, k, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, stride=stride)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    return x.detach()[0, 0], w.detach()[0, 0], g[0, 0], x.grad[0, 0], w.grad[0, 0]


def _verdicts(*parts):
    doc = "\n\n".join((DIRECTIVE, FORWARD) + parts) + "\n"
    return [c.verdict for c in check_text(doc, "md").claims if not c.latex.startswith("y_{ij}")]


def test_the_zero_claim_is_true_only_where_no_window_reaches():
    x, w, g, dx, dw = _torch_grads()
    uncovered = [(u, v) for u in range(5) for v in range(5) if u == 4 or v == 4]
    assert all(dx[u, v] == 0 for u, v in uncovered)          # the condition's entries: true
    assert dx[0, 0] != 0                                    # read for every entry: false
    assert _verdicts(ZERO_CLAIM) == ["refuted"]


# how authors lead a case into its display (English and Chinese; a named condition, a range,
# "otherwise", a relative clause)
CONDITIONS = [
    "For every $u, v$ that no window covers:",
    "When $u$ or $v$ is 4,",
    "2. When u, v do not satisfy condition 1:",
    "Otherwise:",
    "If $u = 4$ or $v = 4$, the input lies in no window and",
    "当 $u, v$ 不在任何窗口中时：",
    "若 $u = 4$ 或 $v = 4$：",
    "其余情况：",
    "对于 $u \\geq 4$ 的输入：",
]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_condition_before_the_display_keeps_a_true_restricted_claim_from_refuted(condition):
    x, w, g, dx, dw = _torch_grads()
    assert dx[4, 4] == 0 and dx[0, 0] != 0
    got = _verdicts(condition, ZERO_CLAIM)
    assert got == ["unchecked"], (condition, got)


def test_the_unchecked_detail_names_the_condition():
    doc = "\n\n".join((DIRECTIVE, FORWARD, "For every $u, v$ that no window covers:", ZERO_CLAIM))
    claim = check_text(doc, "md").claims[-1]
    assert "condition (For every $u, v$ that no window covers:)" in claim.detail


def test_a_condition_about_something_else_leaves_a_false_claim_refuted():
    x, w, g, dx, dw = _torch_grads()
    assert abs(dw[0, 0] - g[0, 0] * x[0, 0]) > 1e-6         # one term of four: false
    claim = r"$$\frac{\partial e}{\partial w_{00}} = \frac{\partial e}{\partial y_{00}} x_{00}$$"
    assert _verdicts("If the loss is the squared error:", claim) == ["refuted"]
    assert _verdicts("如果损失是平方误差：", claim) == ["refuted"]


def test_a_sentence_that_ends_is_no_condition_on_the_next_display():
    x, w, g, dx, dw = _torch_grads()
    assert dx[0, 0] != 0
    assert _verdicts("If the stride were 1, the windows would overlap.", ZERO_CLAIM) == ["refuted"]
    assert _verdicts("The gradient of the input is:", ZERO_CLAIM) == ["refuted"]


def test_a_true_claim_under_a_condition_still_holds():
    x, w, g, dx, dw = _torch_grads()
    right = sum(g[i, j] * x[2 * i + 1, 2 * j] for i in range(2) for j in range(2))
    assert abs(dw[1, 0] - right) < 1e-12
    claim = (r"$$\frac{\partial e}{\partial w_{uv}} = \sum_{i=0}^{1}\sum_{j=0}^{1} "
             r"\frac{\partial e}{\partial y_{ij}} x_{2i+u,2j+v}$$")
    assert _verdicts("When $u, v$ index the kernel:", claim) == ["holds"]


def test_a_false_claim_under_an_unread_condition_is_never_held():
    x, w, g, dx, dw = _torch_grads()
    assert abs(dx[0, 0] - g[0, 0] * w[1, 1]) > 1e-6          # the unflipped corner: false
    claim = r"$$\frac{\partial e}{\partial x_{uv}} = \frac{\partial e}{\partial y_{00}} w_{11}$$"
    for condition in CONDITIONS[:4]:
        assert _verdicts(condition, claim)[0] != "holds"


@pytest.mark.parametrize("condition,entries,truth", [
    ("If $u = 4$:", [(4, v) for v in range(5)], "holds"),
    ("当 $v = 4$ 时：", [(u, 4) for u in range(5)], "holds"),
    ("When $u = 0$,", [(0, v) for v in range(5)], "refuted"),
])
def test_an_equality_condition_is_read_as_the_claim_at_those_entries(condition, entries, truth):
    x, w, g, dx, dw = _torch_grads()
    zero = all(dx[u, v] == 0 for u, v in entries)
    assert zero == (truth == "holds")
    got = _verdicts(condition, ZERO_CLAIM)
    assert got == [truth], (condition, got)


# ---- the prose's stride against a forward that moves by 1

STRIDE_PROSE = "A $5\\times 5$ input $x$, a $3\\times 3$ kernel $w$ and a stride of 2."
DW_STRIDE2 = (r"$$\frac{\partial L}{\partial w_{00}} = \sum_{i=0}^{1}\sum_{j=0}^{1} "
              r"\frac{\partial L}{\partial y_{ij}} x_{2i,2j}$$")


def _plain_verdicts(*parts):
    return [c.verdict for c in check_text("\n\n".join(parts) + "\n", "md").claims if c.verdict != "definition"]


def test_prose_stride_against_a_unit_stride_forward_is_reported():
    x2, w2, g2, dx2, dw2 = _torch_grads(stride=2, size=5, k=3)
    assert abs(dw2[0, 0] - sum(g2[i, j] * x2[2 * i, 2 * j] for i in range(2) for j in range(2))) < 1e-12
    x1, w1, g1, dx1, dw1 = _torch_grads(stride=1, size=5, k=3)
    assert g1.shape == (3, 3)                # at stride 1 the claim's 2x2 sum leaves five terms out
    forward = r"$$y_{ij} = \sum_{m=0}^{2}\sum_{n=0}^{2} w_{mn} x_{i+m,j+n}$$"
    got = _plain_verdicts(STRIDE_PROSE, forward, DW_STRIDE2)
    assert got == ["unchecked"]
    doc = "\n\n".join((STRIDE_PROSE, forward, DW_STRIDE2))
    assert "stride of 2 but the section's forward moves by 1" in check_text(doc, "md").claims[-1].detail


def test_prose_stride_that_the_forward_writes_is_no_conflict():
    x2, w2, g2, dx2, dw2 = _torch_grads(stride=2, size=5, k=3)
    forward = r"$$y_{ij} = \sum_{m=0}^{2}\sum_{n=0}^{2} w_{mn} x_{2i+m,2j+n}$$"
    assert _plain_verdicts(STRIDE_PROSE, forward, DW_STRIDE2) == ["holds"]


def test_a_stride_the_prose_gives_the_pooling_layer_is_no_conflict():
    x1, w1, g1, dx1, dw1 = _torch_grads(stride=1, size=5, k=3)
    right = sum(g1[i, j] * x1[i, j] for i in range(3) for j in range(3))
    assert abs(dw1[0, 0] - right) < 1e-12
    prose = "A $5\\times 5$ input $x$ and a $3\\times 3$ kernel $w$.\n\nMax pooling follows, usually 2x2 with stride 2."
    forward = r"$$y_{ij} = \sum_{m=0}^{2}\sum_{n=0}^{2} w_{mn} x_{i+m,j+n}$$"
    claim = (r"$$\frac{\partial L}{\partial w_{00}} = \sum_{i=0}^{2}\sum_{j=0}^{2} "
             r"\frac{\partial L}{\partial y_{ij}} x_{i,j}$$")
    assert _plain_verdicts(prose, forward, claim) == ["holds"]
