"""Readings of round 44 (held-out 51's why-models-learn pages: entries written with brackets).

* an entry written with a subscript and then a bracket, ``G_o[r,c]``, ``X_i^{P}[r s_h + a d_h, c s_w + b d_w]``,
  is one entry whose indices are the subscript's followed by the bracket's (before, the bracket was read as
  a factor and the claim was unchecked);
* an indicator written ``\\mathbf 1_{\\{u = r s_h + a d_h,\\ v = c s_w + b d_w\\}}`` (conditions joined by a
  comma, as a subscript) or ``\\mathbf{1}\\{u = …\\}`` is 1 where every condition holds, else 0;
* a map of one axis read with a stride number, ``x_{2i+a}``, or with stride and dilation letters,
  ``x[rs + ad]``, binds the letters from the section's stride and dilation as a map of two axes does.

Truth: torch autograd (float64) of conv1d / conv2d, and each claim's formula evaluated by a plain loop;
never symbp.
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(text: str) -> dict:
    return {c.latex.strip(): c.verdict for c in check_text(text, "md").claims}


# ---------------------------------------------------------------- two axes, stride 2

CONV2D = r"""# Convolution

<!-- symbp: layer=conv2d input=7x8 kernel=2x3 channels=2,3 stride=2 padding=0 dilation=1 conv=cross index_base=0 names: X=input K=kernel \beta=bias Z=output G=output_grad L=loss layout: X=CHW K=OIHW Z=CHW -->

$$Z_o[r,c] =\beta_o +\sum_{i=0}^{C_{\mathrm{in}}-1} \sum_{a=0}^{k_h-1} \sum_{b=0}^{k_w-1} X_i[r s_h+a d_h,\ c s_w+b d_w] K_{o,i,a,b}$$

$$G_o[r,c]=\frac{\partial L}{\partial Z_o[r,c]}$$

$${claim}$$
"""

S, D = 2, 1
KERNEL_GRAD = r"\frac{\partial L}{\partial K_{o,i,a,b}} =\sum_{r=0}^{H_{\mathrm{out}}-1} \sum_{c=0}^{W_{\mathrm{out}}-1} G_o[r,c] X_i[{rows}, {cols}]"
INPUT_GRAD = r"\frac{\partial L}{\partial X_i[u,v]} =\sum_{o,r,c,a,b} G_o[r,c]K_{o,i,a,b} {indicator}"

KERNEL_CLAIMS = {   # the claim's row and column of X, as written and as a plain function of (r, c, a, b)
    ("r s_h+a d_h", "c s_w+b d_w"): lambda r, c, a, b: (r * S + a * D, c * S + b * D),
    ("r s_h+b d_h", "c s_w+a d_w"): lambda r, c, a, b: (r * S + b * D, c * S + a * D),
    ("r+a", "c+b"): lambda r, c, a, b: (r + a, c + b),
}
INPUT_CLAIMS = {    # the claim's indicator, as written and as a plain test of (u, v, r, c, a, b)
    r"\mathbf 1_{\{u=r s_h+a d_h,\ v=c s_w+b d_w\}}": lambda u, v, r, c, a, b: u == r * S + a * D and v == c * S + b * D,
    r"\mathbf 1_{\{u=r +a d_h,\ v=c s_w+b d_w\}}": lambda u, v, r, c, a, b: u == r + a * D and v == c * S + b * D,
    r"\mathbf{1}\{u=r s_h+a d_h\}\mathbf{1}\{v=c s_w+b d_w\}": lambda u, v, r, c, a, b: u == r * S + a * D and v == c * S + b * D,
    r"\mathbf 1_{\{u=r s_h+a d_h\}}": lambda u, v, r, c, a, b: u == r * S + a * D,
}


def _conv2d_autograd(seed=0):
    torch.manual_seed(seed)
    x = torch.randn(1, 2, 7, 8, requires_grad=True)
    k = torch.randn(3, 2, 2, 3, requires_grad=True)
    z = torch.nn.functional.conv2d(x, k, stride=S)
    g = torch.randn_like(z)
    (z * g).sum().backward()
    return x.detach()[0], k.detach(), g[0], x.grad[0], k.grad


@pytest.mark.parametrize("written", list(KERNEL_CLAIMS))
def test_kernel_gradient_with_bracketed_entries(written):
    x, k, g, _, k_grad = _conv2d_autograd()
    place = KERNEL_CLAIMS[written]
    claimed = torch.zeros_like(k)
    truth = True
    for o, i, a, b in itertools.product(*(range(n) for n in k.shape)):
        total = 0.0
        for r, c in itertools.product(range(g.shape[1]), range(g.shape[2])):
            row, col = place(r, c, a, b)
            if not (0 <= row < x.shape[1] and 0 <= col < x.shape[2]):
                truth = False                  # the claim reads outside X: it cannot be the gradient
                continue
            total += float(g[o, r, c] * x[i, row, col])
        claimed[o, i, a, b] = total
    truth = truth and torch.allclose(claimed, k_grad)
    claim = KERNEL_GRAD.replace("{rows}", written[0]).replace("{cols}", written[1])
    assert _verdicts(CONV2D.replace("{claim}", claim))[claim] == ("holds" if truth else "refuted")


@pytest.mark.parametrize("written", list(INPUT_CLAIMS))
def test_input_gradient_with_an_indicator(written):
    x, k, g, x_grad, _ = _conv2d_autograd(1)
    hit = INPUT_CLAIMS[written]
    claimed = torch.zeros_like(x)
    for i, u, v in itertools.product(*(range(n) for n in x.shape)):
        claimed[i, u, v] = sum(float(g[o, r, c] * k[o, i, a, b])
                               for o, r, c, a, b in itertools.product(range(3), range(g.shape[1]), range(g.shape[2]),
                                                                      range(2), range(3))
                               if hit(u, v, r, c, a, b))
    truth = torch.allclose(claimed, x_grad)
    claim = INPUT_GRAD.replace("{indicator}", written)
    assert _verdicts(CONV2D.replace("{claim}", claim))[claim] == ("holds" if truth else "refuted")


# ---------------------------------------------------------------- one axis

CONV1D = r"""# One axis

<!-- symbp: layer=conv1d input=7 kernel=3 stride=2 conv=cross index_base=0 names: x=input w=kernel y=output G=output_grad L=loss -->

$${forward}$$

$${claim}$$
"""

FORWARDS = {r"y[r] =\sum_{a=0}^{k-1} x[rs+ad]w[a]": "r", r"y_r =\sum_{a=0}^{k-1} x_{2r+a} w_a": "r"}
CONV1D_CLAIMS = {
    r"\frac{\partial L}{\partial w[a]} =\sum_{r=0}^{N_{\mathrm{out}}-1} G[r]x[{place}]":
        {"rs+ad": lambda r, a: 2 * r + a, "r+a": lambda r, a: r + a, "2r+a": lambda r, a: 2 * r + a},
}


def _conv1d_autograd():
    torch.manual_seed(2)
    x = torch.randn(1, 1, 7, requires_grad=True)
    w = torch.randn(1, 1, 3, requires_grad=True)
    y = torch.nn.functional.conv1d(x, w, stride=2)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    return x.detach()[0, 0], w.detach()[0, 0], g[0, 0], x.grad[0, 0], w.grad[0, 0]


@pytest.mark.parametrize("forward,place", [(f, p) for f in FORWARDS for p in ("rs+ad", "r+a", "2r+a")
                                           if "s" not in p or "rs" in f])
def test_one_axis_strided_forward_binds_its_letters(forward, place):
    x, w, g, _, w_grad = _conv1d_autograd()
    at = CONV1D_CLAIMS[next(iter(CONV1D_CLAIMS))][place]
    claimed = torch.tensor([sum(float(g[r] * x[at(r, a)]) for r in range(g.shape[0])) for a in range(3)])
    truth = torch.allclose(claimed, w_grad)
    claim = next(iter(CONV1D_CLAIMS)).replace("{place}", place)
    page = CONV1D.replace("{forward}", forward).replace("{claim}", claim)
    assert _verdicts(page)[claim] == ("holds" if truth else "refuted")


def test_a_letter_the_forward_does_not_write_stays_unbound():
    """``x_{2r+a}`` forward, a claim with ``x[rs+ad]``: s and d are no stride or dilation the page names."""
    page = CONV1D.replace("{forward}", list(FORWARDS)[1]).replace("{claim}", next(iter(CONV1D_CLAIMS)).replace("{place}", "rs+ad"))
    assert set(_verdicts(page).values()) >= {"unchecked"}


@pytest.mark.parametrize("condition", ["q=rs+ad", "q=r+ad", "q=rs+a"])
def test_one_axis_input_gradient_with_a_subscript_indicator(condition):
    x, w, g, x_grad, _ = _conv1d_autograd()
    hit = {"q=rs+ad": lambda q, r, a: q == 2 * r + a, "q=r+ad": lambda q, r, a: q == r + a,
           "q=rs+a": lambda q, r, a: q == 2 * r + a}[condition]
    claimed = torch.tensor([sum(float(g[r] * w[a]) for r in range(g.shape[0]) for a in range(3) if hit(q, r, a))
                            for q in range(7)])
    truth = torch.allclose(claimed, x_grad)
    claim = r"\frac{\partial L}{\partial x[q]} =\sum_{r,a} G[r]w[a] \mathbf 1_{\{" + condition + r"\}}"
    page = CONV1D.replace("{forward}", next(iter(FORWARDS))).replace("{claim}", claim)
    assert _verdicts(page)[claim] == ("holds" if truth else "refuted")


def test_an_iverson_bracket_after_an_entry_stays_a_factor():
    """``w_{ab}[a = b]``: a bracket holding a condition is an Iverson bracket, never more indices."""
    page = CONV1D.replace("{forward}", next(iter(FORWARDS))).replace(
        "{claim}", r"\frac{\partial L}{\partial w[a]} =\sum_{r} G[r]x[rs+ad][a = a]")
    x, w, g, _, w_grad = _conv1d_autograd()
    assert torch.allclose(torch.tensor([sum(float(g[r] * x[2 * r + a]) for r in range(3)) for a in range(3)]), w_grad)
    assert _verdicts(page)[r"\frac{\partial L}{\partial w[a]} =\sum_{r} G[r]x[rs+ad][a = a]"] == "holds"


# ---------------------------------------------------------------- gradient names in a directive, a column of ones

COLUMNS = r"""# Column layout

<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X=input W=kernel b=bias Z=output L=loss G_Z=output_grad G_X=input_grad G_W=kernel_grad g_b=bias_grad -->

$$Z = W X + b$$

$${claim}$$
"""

COLUMN_CLAIMS = {   # samples as columns: X 3x4, W 2x3, b a column 2x1 added to every column
    r"G_X = W^{\mathsf T} G_Z": lambda x, w, g: w.T @ g,
    r"G_X = W G_Z": None,                                  # 2x3 times 2x4: no product
    r"G_W = G_Z X^{\mathsf T}": lambda x, w, g: g @ x.T,
    r"G_W = X G_Z^{\mathsf T}": lambda x, w, g: x @ g.T,
    r"g_b = G_Z \mathbf{1}": lambda x, w, g: g @ torch.ones(4, 1),
    r"g_b = G_Z^{\mathsf T} \mathbf{1}": lambda x, w, g: g.T @ torch.ones(2, 1),
    r"\frac{\partial L}{\partial b} = G_Z \boldsymbol1": lambda x, w, g: g @ torch.ones(4, 1),
    r"g_b = 2 G_Z \mathbf{1}": lambda x, w, g: 2 * g @ torch.ones(4, 1),
}


@pytest.mark.parametrize("claim", list(COLUMN_CLAIMS))
def test_directive_gradient_names_and_a_column_of_ones(claim):
    torch.manual_seed(3)
    x, w = torch.randn(3, 4, requires_grad=True), torch.randn(2, 3, requires_grad=True)
    b = torch.randn(2, 1, requires_grad=True)
    g = torch.randn(2, 4)
    ((w @ x + b) * g).sum().backward()
    grads = {"G_X": x.grad, "G_W": w.grad, "g_b": b.grad, r"\frac{\partial L}{\partial b}": b.grad}
    form = COLUMN_CLAIMS[claim]
    claimed = None if form is None else form(x.detach(), w.detach(), g)
    target = grads[claim.split(" = ")[0]]
    truth = claimed is not None and claimed.shape == target.shape and torch.allclose(claimed, target)
    assert _verdicts(COLUMNS.replace("{claim}", claim))[claim] == ("holds" if truth else "refuted")


def test_a_column_of_sums_against_a_row_bias_is_not_refuted():
    """Samples as rows, ``Z = X W^T + 1 b^T`` (b a column): ``g_b = G_Z^T 1`` is right; the section holds the bias
    as a row, so the column is left unchecked, never refuted; ``1^T G_Z`` (the row) is checked."""
    page = (r"<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: X=input W=kernel b=bias Z=output "
            r"L=loss G_Z=output_grad g_b=bias_grad -->" "\n\n$$Z = X W^{T} + b$$\n\n"
            r"$$g_b = G_Z^{\mathsf T} \boldsymbol1$$" "\n\n" r"$$g_b = \mathbf{1}^{\mathsf T} G_Z$$" "\n")
    torch.manual_seed(4)
    x, w, b = torch.randn(4, 3), torch.randn(2, 3), torch.randn(2, 1, requires_grad=True)
    g = torch.randn(4, 2)
    ((x @ w.T + torch.ones(4, 1) @ b.T) * g).sum().backward()
    assert torch.allclose(g.T @ torch.ones(4, 1), b.grad)
    got = _verdicts(page)
    assert got[r"g_b = G_Z^{\mathsf T} \boldsymbol1"] == "unchecked"
    assert got[r"g_b = \mathbf{1}^{\mathsf T} G_Z"] == "holds"


def test_a_gradient_role_the_page_defines_otherwise_gives_way():
    """The page's own ``G_U := ∂L/∂U`` names G; a directive's ``G_X=input_grad`` adds nothing against it."""
    page = COLUMNS.replace("{claim}", r"G_U := \frac{\partial L}{\partial U}$$" "\n\n" r"$$G_X = W^{\mathsf T} G_Z")
    torch.manual_seed(5)
    x, w, b = torch.randn(3, 4, requires_grad=True), torch.randn(2, 3), torch.randn(2, 1)
    g = torch.randn(2, 4)
    ((w @ x + b) * g).sum().backward()
    assert torch.allclose(w.T @ g, x.grad)
    assert _verdicts(page)[r"G_X = W^{\mathsf T} G_Z"] == "holds"


# ---------------------------------------------------------------- a bracket that groups, after an entry

DENSE = r"""# A dense layer

<!-- symbp: layer=fc in=4 out=3 -->

$$ z_i = \sum_j w_{ij} x_j + b_i $$

$$ g_i = \frac{\partial L}{\partial z_i} $$

$$ {claim} $$
"""

GROUPED = {     # z = W x + b, W 3x4: ∂L/∂w_{ij} = g_i x_j, ∂L/∂x_j = Σ_i w_{ij} g_i
    r"\frac{\partial L}{\partial w_{ij}} = g_i[x_j]": lambda w, x, g: torch.outer(g, x),
    r"\frac{\partial L}{\partial w_{ij}} = g_j[x_i]": None,            # g_j with j up to 4: no such entry
    r"\frac{\partial L}{\partial x_j} = \sum_i w_{ij}[g_i]": lambda w, x, g: w.T @ g,
    r"\frac{\partial L}{\partial x_j} = \sum_i w_{ij}[g_i + g_i]": lambda w, x, g: 2 * w.T @ g,
}


@pytest.mark.parametrize("claim", list(GROUPED))
def test_a_bracket_naming_a_tensor_after_an_entry_groups(claim):
    """``g_i[x_j]``: a bracket that holds one of the layer's tensors is a factor, never more indices of g."""
    torch.manual_seed(6)
    w, x = torch.randn(3, 4, requires_grad=True), torch.randn(4, requires_grad=True)
    g = torch.randn(3)
    ((w @ x) * g).sum().backward()
    form = GROUPED[claim]
    target = w.grad if "w_{ij}}" in claim.split("=")[0] else x.grad
    truth = form is not None and torch.allclose(form(w.detach(), x.detach(), g), target)
    assert _verdicts(DENSE.replace("{claim}", claim))[claim] == ("holds" if truth else "refuted")


# ---------------------------------------------------------------- a directive's stride against the forward's

@pytest.mark.parametrize("given, written", [(1, 2), (3, 2), (2, 3)])
def test_a_directive_stride_against_a_written_stride_decides_nothing_alone(given, written):
    """``stride=1`` in the directive, ``y_r = Σ_a x_{2r+a} w_a`` on the page: a claim that holds under one stride
    and not the other is unchecked (before, the directive won and the claim right for the page's own forward was
    refuted); one that holds under both (the definition of G) still holds."""
    page = (f"<!-- symbp: layer=conv1d input=9 kernel=3 stride={given} conv=cross index_base=0 names: x=input w=kernel "
            "y=output G=output_grad L=loss -->\n\n"
            f"$$ y_r = \\sum_{{a=0}}^{{k-1}} x_{{{written}r+a}} w_a $$\n\n"
            r"$$ G_r = \frac{\partial L}{\partial y_r} $$" "\n\n"
            f"$$ \\frac{{\\partial L}}{{\\partial w_a}} = \\sum_{{r}} G_r\\, x_{{{written}r+a}} $$\n\n"
            f"$$ \\frac{{\\partial L}}{{\\partial w_a}} = \\sum_{{r}} G_r\\, x_{{{given}r+a}} $$\n")
    claims = check_text(page, "md").claims
    torch.manual_seed(7)
    x, w = torch.randn(1, 1, 9), torch.randn(1, 1, 3, requires_grad=True)
    for stride in (given, written):
        y = torch.nn.functional.conv1d(x, w, stride=stride)
        g = torch.randn_like(y)
        w.grad = None
        (y * g).sum().backward()
        claimed = torch.tensor([sum(float(g[0, 0, r] * x[0, 0, stride * r + a]) for r in range(y.shape[-1]))
                                for a in range(3)])
        assert torch.allclose(claimed, w.grad[0, 0])      # each claim is the gradient for its own stride only
    assert [c.verdict for c in claims][1:] == ["holds", "unchecked", "unchecked"]


# ---------------------------------------------------------------- red team 59: the page's own names first

SCALED = r"""# A dense layer

<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X=input W=kernel b=bias Z=output L=loss G_X=input_grad -->

$$ Z = W X + b $$

$$ G_Z := 2\frac{\partial L}{\partial Z} $$

$$ {claim} $$
"""


@pytest.mark.parametrize("claim, scale", [(r"G_X = \frac{1}{2} W^{T} G_Z", 0.5), (r"G_X = W^{T} G_Z", 1.0)])
def test_a_page_that_names_g_its_own_way_keeps_it(claim, scale):
    """The page defines ``G_Z := 2 ∂L/∂Z``; the directive names only ``G_X``: a directive name is that name
    alone, and never says what the page's own G_Z is (before, G_Z was read as ∂L/∂Z: the false
    ``G_X = W^T G_Z`` held and the true one was refuted)."""
    torch.manual_seed(8)
    x, w, b = torch.randn(3, 4, requires_grad=True), torch.randn(2, 3), torch.randn(2, 1)
    g = torch.randn(2, 4)
    ((w @ x + b) * g).sum().backward()
    truth = torch.allclose(scale * w.T @ (2 * g), x.grad)
    verdict = _verdicts(SCALED.replace("{claim}", claim))[claim]
    assert verdict != ("refuted" if truth else "holds")
    assert verdict in ("unchecked", "holds" if truth else "refuted")


def test_a_named_gradient_beside_another_loss_is_two_losses():
    """``E = 2L`` on the page; ``G_X`` the directive's ∂L/∂X against ``W^T ∂E/∂Z``: two losses on one row."""
    page = SCALED.replace("G_X=input_grad", "G_X=input_grad G_Z=output_grad").replace(
        r"$$ G_Z := 2\frac{\partial L}{\partial Z} $$", "$$ E = 2L $$").replace("{claim}", r"G_X = W^{T} \frac{\partial E}{\partial Z}")
    torch.manual_seed(9)
    x, w = torch.randn(3, 4, requires_grad=True), torch.randn(2, 3)
    g = torch.randn(2, 4)
    ((w @ x) * g).sum().backward()
    assert not torch.allclose(w.T @ (2 * g), x.grad)         # ∂E/∂Z = 2 G_Z: the claim is false
    assert _verdicts(page)[r"G_X = W^{T} \frac{\partial E}{\partial Z}"] == "unchecked"


# ---------------------------------------------------------------- a reason typed beside a claim

REASONS = r"""<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=1 names: x=input w=kernel o=output E=loss -->

$$o_{i,j} = \sum_{k,l} w_{k,l} x_{i+k-1,j+l-1}$$

$$\begin{align*}
\frac{\partial E}{\partial w_{s,t}} &= \sum_{i,j}\frac{\partial E}{\partial o_{i,j}}\frac{\partial o_{i,j}}{\partial w_{s,t}} & (\text{Kettenregel})\\
&= \sum_{i,j} \frac{\partial E}{\partial o_{i,j}} x_{{place}} & \text{(by definition)}
\end{align*}$$

$$\frac{\partial E}{\partial w_{s,t}} = \sum_{i,j} \frac{\partial E}{\partial o_{i,j}} x_{{place}} \quad (\text{chain rule})$$

$$\frac{\partial E}{\partial w_{s,t}} = \sum_{i,j} \frac{\partial E}{\partial o_{i,j}} x_{{place}} \qquad \text{by the chain rule}$$
"""


@pytest.mark.parametrize("place, shift", [("i+s-1,j+t-1", (0, 0)), ("i+s,j+t", (1, 1)), ("i+t-1,j+s-1", None)])
def test_a_reason_in_words_beside_a_claim_is_no_part_of_it(place, shift):
    """``& (\\text{Kettenregel})``, ``& \\text{(by definition)}``, ``\\quad (\\text{chain rule})``,
    ``\\qquad \\text{by …}``: the claim is read without a note that names a known rule (before, each of these rows
    was unchecked)."""
    torch.manual_seed(10)
    x, w = torch.randn(1, 1, 4, 4), torch.randn(1, 1, 2, 2, requires_grad=True)
    o = torch.nn.functional.conv2d(x, w)
    g = torch.randn_like(o)
    (o * g).sum().backward()
    claimed = torch.zeros(2, 2)
    for s, t in itertools.product(range(2), range(2)):       # 0-based s, t; the page's are 1-based
        for i, j in itertools.product(range(3), range(3)):
            r, c = (i + s, j + t) if shift == (0, 0) else (i + s + 1, j + t + 1) if shift else (i + t, j + s)
            if r < 4 and c < 4:
                claimed[s, t] += g[0, 0, i, j] * x[0, 0, r, c]
    truth = shift == (0, 0) and torch.allclose(claimed, w.grad[0, 0])
    assert shift != (0, 0) or truth
    claims = check_text(REASONS.replace("{place}", place), "md").claims
    assert [c.verdict for c in claims[1:]] == ["holds", "holds" if truth else "refuted", *["holds" if truth else "refuted"] * 2]


NOTES = [r"\quad (\text{as long as } s = t)", r"\quad (\text{times } 2)", r"\qquad (\text{averaged over the batch})",
         r"\quad (s = t \text{ only})", r"\quad (\text{für } s \neq t)", r"\, (\text{transposed})", r"& (o_{i,j}\,\text{sind unabhängig})"]


@pytest.mark.parametrize("note", NOTES)
def test_a_note_that_names_no_known_rule_stays(note):
    """Words can restrict a claim or change it (red team 60: 34 false holds and 39 correct claims refuted when
    any words were dropped): a note that is not a known rule is kept, and such a row is never decided as if it
    were not there."""
    from symbp.check.display_prose import without_reason
    row = r"\frac{\partial E}{\partial w_{s,t}} = \sum_{i,j} \frac{\partial E}{\partial o_{i,j}} x_{i+s-1,j+t-1} " + note
    assert without_reason(row) == row
    page = REASONS.split("$$\\begin")[0] + "$$" + row + "$$\n"
    claims = check_text(page.replace("{place}", "i+s-1,j+t-1"), "md").claims
    assert claims[-1].verdict == "unchecked", (note, claims[-1].detail)


def test_a_loss_named_only_as_a_function_writes_nothing():
    """``$C = f(w, b)$`` names what the cost depends on: no regulariser, so a correct hold stays held."""
    page = (r"The cost $C = f(w, b)$ of the network." "\n\n"
            r"<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a=input w=kernel b=bias z=output C=loss \delta=output_grad -->"
            "\n\n" r"$$z_j = \sum_k w_{jk} a_k + b_j$$" "\n\n" r"$$\delta_j = \frac{\partial C}{\partial z_j}$$" "\n\n"
            r"$$\frac{\partial C}{\partial w_{jk}} = \delta_j a_k$$" "\n\n" r"$$\frac{\partial C}{\partial w_{jk}} = \delta_k a_j$$" "\n")
    torch.manual_seed(11)
    a, w = torch.randn(3), torch.randn(2, 3, requires_grad=True)
    g = torch.randn(2)
    ((w @ a) * g).sum().backward()
    assert torch.allclose(torch.outer(g, a), w.grad)
    got = _verdicts(page)
    assert got[r"\frac{\partial C}{\partial w_{jk}} = \delta_j a_k"] == "holds"
    assert got[r"\frac{\partial C}{\partial w_{jk}} = \delta_k a_j"] == "refuted"


# ---------------------------------------------------------------- "we omit the term" where an index leaves its tensor

OMITTED = r"""## Computing the input gradient

<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: x=input \theta=kernel y=output L=loss -->

$$y_{h',w'} = \sum_{i=0}^{K-1}\sum_{j=0}^{K-1} \theta_{i,j} x_{h'+i,w'+j}$$

$${claim}$$

{remark}
"""
REMARK = (r"**Remark:** when either index of $\theta_{h-h',w-w'}$ is out of bounds of the kernel dimensions, "
          r"we omit the term from the summation.")
OMIT_CLAIMS = {
    r"\frac{\partial L}{\partial x_{h,w}} = \sum_{h'=0}^{H'-1} \sum_{w'=0}^{W'-1} \frac{\partial L}{\partial y_{h',w'}} \theta_{h-h',w-w'}": (0, 0),
    r"\frac{\partial L}{\partial x_{h,w}} = \sum_{i=0}^{K-1} \sum_{j=0}^{K-1} \frac{\partial L}{\partial y_{h-i,w-j}} \theta_{i,j}": (0, 0),
    r"\frac{\partial L}{\partial x_{h,w}} = \sum_{h'=0}^{H'-1} \sum_{w'=0}^{W'-1} \frac{\partial L}{\partial y_{h',w'}} \theta_{h'-h,w'-w}": None,
}


@pytest.mark.parametrize("claim", list(OMIT_CLAIMS))
def test_omitted_terms_out_of_bounds_are_zero(claim):
    """The page's remark says terms whose index leaves the kernel are omitted: outside entries read as zero (before,
    the correct claims were refuted at the first entry outside θ); without the remark they stay refuted."""
    torch.manual_seed(12)
    x, th = torch.randn(1, 1, 5, 5, requires_grad=True), torch.randn(1, 1, 3, 3)
    y = torch.nn.functional.conv2d(x, th)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    flip = OMIT_CLAIMS[claim] is None
    claimed = torch.zeros(5, 5)
    for h, w, hp, wp in itertools.product(range(5), range(5), range(3), range(3)):
        i, j = (hp - h, wp - w) if flip else (h - hp, w - wp)
        if 0 <= i < 3 and 0 <= j < 3:                       # the remark: out-of-bounds terms omitted
            claimed[h, w] += g[0, 0, hp, wp] * th[0, 0, i, j]
    truth = torch.allclose(claimed, x.grad[0, 0])
    assert truth != flip
    with_remark = _verdicts(OMITTED.replace("{claim}", claim).replace("{remark}", REMARK))[claim]
    assert with_remark == ("holds" if truth else "refuted")
    assert _verdicts(OMITTED.replace("{claim}", claim).replace("{remark}", ""))[claim] == "refuted"


# ---------------------------------------------------------------- red team 60: notes that change a claim, ∇ redefined

@pytest.mark.parametrize("note", [r"\quad (\text{times } 2)", r"\qquad (\text{halved})", r"\quad \text{per sample; divide by 2}",
                                  r"\quad (\text{sign flipped})"])
def test_a_note_after_quad_keeps_the_founding_reader_from_deciding(note):
    """``\\frac{\\partial C}{\\partial b_j} = \\delta_j \\quad (\\text{times } 2)``: the note may scale the claim; the
    founding-notation and scalar readers dropped everything after ``\\quad`` and held it (red team 60, older)."""
    page = (r"<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a=input w=kernel b=bias z=output C=loss "
            r"\delta=output_grad -->" "\n\n" r"$$ z_j = \sum_k w_{jk} a_k + b_j $$" "\n\n"
            r"$$ \delta_j = \frac{\partial C}{\partial z_j} $$" "\n\n" r"$$ \frac{\partial C}{\partial b_j} = \delta_j " + note + " $$\n")
    claims = check_text(page, "md").claims
    assert claims[-1].verdict == "unchecked", claims[-1].detail
    plain = page.replace(" " + note, "")
    assert check_text(plain, "md").claims[-1].verdict == "holds"      # ∂C/∂b_j = δ_j itself (z = W a + b)
    assert check_text(page.replace(note, r"\quad (\text{chain rule})"), "md").claims[-1].verdict == "holds"
    assert check_text(page.replace(note, r"\quad (\text{using (3)})"), "md").claims[-1].verdict == "holds"


def test_a_gradient_symbol_the_page_scales_is_not_the_gradient():
    """``\\nabla_Z := 2\\frac{\\partial L}{\\partial Z}``: ∇_Z on that page is twice the gradient, so a claim written with
    it is never read as if ∇_Z were ∂L/∂Z (red team 60: ``G_X = W^T \\nabla_Z`` held, false)."""
    page = (r"<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X=input W=kernel b=bias Z=output L=loss "
            r"G_X=input_grad -->" "\n\n$$ Z = W X + b $$\n\n" r"$$ \nabla_Z := 2\frac{\partial L}{\partial Z} $$" "\n\n"
            r"$$ G_X = W^{T} \nabla_Z $$" "\n\n" r"$$ G_X = \frac{1}{2}W^{T} \nabla_Z $$" "\n")
    torch.manual_seed(13)
    x, w = torch.randn(3, 4, requires_grad=True), torch.randn(2, 3)
    g = torch.randn(2, 4)
    ((w @ x) * g).sum().backward()
    assert not torch.allclose(w.T @ (2 * g), x.grad) and torch.allclose(0.5 * w.T @ (2 * g), x.grad)
    verdicts = [c.verdict for c in check_text(page, "md").claims[-2:]]
    assert verdicts[0] != "holds" and verdicts[1] != "refuted"


def test_definitions_that_refer_to_each_other_end():
    """``o_j = softmax(z_j)`` and ``z_j = \\sum_i w_{ij} o_i + b`` (one name o for two layers): expanding o reaches o
    again. Each node is expanded once and the cycle is an error (held-out 55 blind: the page never finished
    without a directive, each expansion doubling the expression 30 times)."""
    from symbp.check.calc_exact import CalcEvalError, Evaluator
    from symbp.check.calc_parse import parse_expression as parse_calc
    defs = {"o": (("j",), parse_calc(r"\frac{e^{z_j}}{\sum_k e^{z_k}}")), "z": (("j",), parse_calc(r"\sum_i w_{ij} o_i + b"))}
    ev = Evaluator(defs, 2)
    with pytest.raises(CalcEvalError):
        ev.leaves(ev.value(defs["o"][1], {"j": 0}))
    page = ("$$E(t,o)=-\\sum_j t_j \\log o_j$$\n\n$$o_j=\\frac{e^{z_j}}{\\sum_j e^{z_j}}$$\n\n$$z_j=\\sum_i w_{ij}o_i+b$$\n\n"
            "$$\\frac{\\partial E} {\\partial w_{ij}}=\\frac{\\partial E} {\\partial o_j} \\frac{\\partial o_j} {\\partial z_{j}} "
            "\\frac{\\partial z_j} {\\partial w_{ij}}$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_directive_stride_above_a_forward_that_moves_by_one_decides_nothing_alone():
    """``stride=2`` in the directive, ``y_r = Σ_a x_{r+a} w_a`` on the page (red team 60): the forward's stride 1
    and the directive's 2 are both read; a claim right for one only is unchecked."""
    page = ("<!-- symbp: layer=conv1d input=9 kernel=3 stride=2 conv=cross index_base=0 names: x=input w=kernel "
            "y=output G=output_grad L=loss -->\n\n$$ y_r = \\sum_{a=0}^{2} x_{r+a} w_a $$\n\n"
            r"$$ G_r = \frac{\partial L}{\partial y_r} $$" "\n\n"
            r"$$ \frac{\partial L}{\partial w_a} = \sum_{r} G_r\, x_{r+a} $$" "\n\n"
            r"$$ \frac{\partial L}{\partial w_a} = \sum_{r} G_r\, x_{2r+a} $$" "\n")
    torch.manual_seed(14)
    x, w = torch.randn(1, 1, 9), torch.randn(1, 1, 3, requires_grad=True)
    for stride in (1, 2):
        y = torch.nn.functional.conv1d(x, w, stride=stride)
        g = torch.randn_like(y)
        w.grad = None
        (y * g).sum().backward()
        claimed = torch.tensor([sum(float(g[0, 0, r] * x[0, 0, stride * r + a]) for r in range(y.shape[-1])) for a in range(3)])
        assert torch.allclose(claimed, w.grad[0, 0])        # each claim is right for its own stride only
    assert [c.verdict for c in check_text(page, "md").claims][2:] == ["unchecked", "unchecked"]
