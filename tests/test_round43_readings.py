"""Readings of round 43 (held-out 50, read blind, and red team 55's open false holds).

* a dense section that settles samples as rows with its own forward (``\\lambda = X.W``) and then writes
  the forward for one entry (``\\lambda_i = \\sum_l x_l w_{li}``) keeps the rows: the entry gives the weight's
  order only (before, the claims below were read with vectors as columns and the correct
  ``\\frac{\\partial L}{\\partial W} = X^T.\\frac{\\partial L}{\\partial \\lambda}`` was refuted);
* the index reader reads a claim's loss as a general loss of the outputs; where the prose writes that loss
  out (``$L = \\frac{1}{2}(y_1^2 + y_2^2) + \\frac{\\lambda}{2} w_{11}^2$``) a hold that the written loss's
  regulariser breaks, and a refutation the written loss may undo, are unchecked;
* Bendersky's ``D_jS_i``, where the page defines it as ``\\frac{\\partial S_i}{\\partial a_j}``, is that derivative.

Truth: torch autograd (float64) of each page's own forward, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(text: str) -> list:
    return [(c.latex.strip(), c.verdict) for c in check_text(text, "md").claims]


# ---------------------------------------------------------------- samples as rows, then one entry

ROWS_PAGE = r"""<!-- symbp: layer=fc in=4 out=3 weight=rows names: X=input W=kernel \lambda=output L=loss -->
## Gradient

$$\lambda = X.W$$

$$\lambda_i=\sum_{l=1}^{D}x_lw_{li}$$

$${claim}$$
"""

ROW_CLAIMS = {
    r"\frac{\partial L}{\partial W} = X^T.\frac{\partial L}{\partial \lambda}": lambda x, w, g, gw, gx: (x.T @ g, gw),
    r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial \lambda}.W^T": lambda x, w, g, gw, gx: (g @ w.T, gx),
    r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial \lambda}.W": None,          # shapes 1x3 . 4x3: no product
}


def _rows_truth(form):
    """(claimed, autograd) for λ = X W with X one row (1 x 4), W (4 x 3), L = Σ g·λ."""
    torch.manual_seed(0)
    x, w = torch.randn(1, 4, requires_grad=True), torch.randn(4, 3, requires_grad=True)
    g = torch.randn(1, 3)
    ((x @ w) * g).sum().backward()
    return form(x.detach(), w.detach(), g, w.grad, x.grad)


def test_samples_stay_rows_after_a_forward_for_one_entry():
    for claim, form in ROW_CLAIMS.items():
        if form is None:
            truth = False                         # the product is not defined: the claim cannot hold
        else:
            claimed, grad = _rows_truth(form)
            truth = claimed.shape == grad.shape and torch.allclose(claimed, grad)
        got = dict(_verdicts(ROWS_PAGE.replace("{claim}", claim)))
        assert got[claim] == ("holds" if truth else "refuted"), (claim, got)


def test_a_directive_alone_does_not_keep_rows_against_the_pages_entry_forward():
    """weight=rows with only ``u_j = Σ_i w_{ij} y_i`` on the page (the directive's layout, no forward of the page's
    own): the entry forward's order with columns, as before (held-out 14's ∂E/∂W = y δ^T holds)."""
    page = (r"<!-- symbp: layer=fc in=3 out=2 weight=rows names: y=input w=kernel u=output E=loss -->" "\n\n"
            r"$$u_j = \sum_{i} w_{ij} y_{i}$$" "\n\n" r"$$\frac{\partial E}{\partial w_{ij}} = y_i \frac{\partial E}{\partial u_j}$$" "\n")
    torch.manual_seed(1)
    y, w = torch.randn(3), torch.randn(3, 2, requires_grad=True)
    g = torch.randn(2)
    ((y @ w) * g).sum().backward()
    assert torch.allclose(w.grad, torch.outer(y, g))
    assert dict(_verdicts(page))[r"\frac{\partial E}{\partial w_{ij}} = y_i \frac{\partial E}{\partial u_j}"] == "holds"


# ---------------------------------------------------------------- a loss the prose writes out

WORKED = r"""## Worked example

$$ y_1 = w_{11} x_1 + w_{12} x_2 + b_1 $$

$$ y_2 = w_{21} x_1 + w_{22} x_2 + b_2 $$

{prose}

## Backward

$$ {claim} $$
"""


def _worked_truth(extra):
    """Autograd ∂L/∂w_11, ∂L/∂y_1 (y held fixed), x_1 for L = ½(y_1² + y_2²) + extra(w, b, x)."""
    torch.manual_seed(2)
    w, b, x = (torch.randn(2, 2, requires_grad=True), torch.randn(2, requires_grad=True),
               torch.randn(2, requires_grad=True))
    y = w @ x + b
    loss = 0.5 * (y ** 2).sum() + extra(w, b, x)
    loss.backward()
    return {"dw11": w.grad[0, 0].item(), "dy1": y[0].item(), "x1": x[0].item(), "y1": y[0].item()}


def test_a_regulariser_written_into_the_loss_blocks_the_index_readers_hold():
    t = _worked_truth(lambda w, b, x: 0.5 * 0.1 * (w ** 2).sum())
    assert abs(t["dw11"] - t["dy1"] * t["x1"]) > 1e-6            # ∂L/∂w_11 ≠ (∂L/∂y_1) x_1: the claim is false
    prose = (r"For a concrete case take $L = \frac{1}{2}(y_1^2 + y_2^2) + \frac{\lambda}{2}"
             r"(w_{11}^2 + w_{12}^2 + w_{21}^2 + w_{22}^2)$.")
    claim = r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial y_1} x_1"
    got = dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", claim)))
    assert got[claim] == "unchecked"


def test_a_written_loss_of_the_outputs_keeps_the_hold_and_undoes_the_refutation():
    t = _worked_truth(lambda w, b, x: 0.0)
    assert abs(t["dw11"] - t["y1"] * t["x1"]) < 1e-9              # ∂L/∂w_11 = y_1 x_1 for this loss: true
    prose = r"For a concrete case take $L = \frac{1}{2}(y_1^2 + y_2^2)$."
    general = r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial y_1} x_1"      # true for every loss
    valued = r"\frac{\partial L}{\partial w_{11}} = y_1 x_1"                                    # true for this one
    assert dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", general)))[general] == "holds"
    assert dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", valued)))[valued] == "unchecked"


def test_a_loss_the_prose_only_names_leaves_the_index_reader_alone():
    prose = r"The loss $L$ is any function of the outputs."
    wrong = r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial y_1} x_2"
    t = _worked_truth(lambda w, b, x: 0.0)
    assert abs(t["dw11"] - t["dy1"] * _worked_x2()) > 1e-6
    assert dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", wrong)))[wrong] == "refuted"


def _worked_x2() -> float:
    torch.manual_seed(2)
    torch.randn(2, 2), torch.randn(2)
    return torch.randn(2)[1].item()


# ---------------------------------------------------------------- D_jS_i

SOFTMAX = r"""Each entry: $$S_i = \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }$$

For short we define $$D_jS_i = \frac{\partial S_i}{\partial a_j}$$

$$ {claim} $$
"""


def test_the_operator_notation_d_j_s_i_reads_as_the_derivative_the_page_defines():
    a = torch.tensor([0.3, -1.2, 0.8])
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), a)     # [i, j] = ∂S_i/∂a_j
    s = torch.softmax(a, 0)
    eye = torch.eye(3)
    forms = {r"D_jS_i = S_i(\delta_{ij} - S_j)": s[:, None] * (eye - s[None, :]),
             r"D_jS_i = S_i(\delta_{ij} - S_i)": s[:, None] * (eye - s[:, None])}
    for claim, form in forms.items():
        truth = torch.allclose(form, jac)
        page = SOFTMAX.replace("{claim}", claim)
        got = _verdicts(page)
        assert got[0][1] == "definition" and got[1][1] == "definition", got   # the forward; the name
        assert dict(got)[claim] == ("holds" if truth else "refuted"), (claim, got)


# ---------------------------------------------------------------- d-names: a negated change word, a chain rule

DNAMES = r"""<!-- symbp: layer=conv1d input=4 kernel=2 stride=1 padding=0 conv=cross index_base=1 names: x=input w=kernel b=bias y=output dy=output_grad dx=input_grad L=loss -->
## One dimension

$$
y_1 = w_1 x_1 + w_2 x_2 + b\\
y_2 = w_1 x_2 + w_2 x_3 + b\\
y_3 = w_1 x_3 + w_2 x_4 + b
$$

We know $dy = \frac{\partial L}{\partial y}$ and look for $$dx=\frac{\partial L}{\partial x},  db=\frac{\partial L}{\partial b}$$

$$db=\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial b} = dy\cdot\frac{\partial y}{\partial b}$$

{said} Then:

$$ {claim} $$
"""


def _conv1d_grads():
    """Autograd ∂L/∂x for y_i = w_1 x_i + w_2 x_{i+1} + b (i = 1..3), L = Σ g·y."""
    torch.manual_seed(4)
    x, w, g = torch.randn(4, requires_grad=True), torch.randn(2), torch.randn(3)
    y = torch.stack([w[0] * x[i] + w[1] * x[i + 1] for i in range(3)])
    (y * g).sum().backward()
    return x.grad, w, g


def test_a_negated_change_word_and_a_chain_rule_row_leave_d_names_gradients():
    grad, w, g = _conv1d_grads()
    claims = {r"dx_2 = dy_1 w_2 + dy_2 w_1": (g[0] * w[1] + g[1] * w[0], grad[1]),
              r"dx_2 = dy_1 w_1 + dy_2 w_2": (g[0] * w[0] + g[1] * w[1], grad[1])}
    for said in ("As the values of $dy$ do not change, we only follow the indices of $w$.",
                 "Comme les valeurs de $dy$ ne changent pas on va se limiter aux valeurs des indices de $w$."):
        for claim, (form, truth) in claims.items():
            page = DNAMES.replace("{said}", said).replace("{claim}", claim)
            assert dict(_verdicts(page))[claim] == ("holds" if torch.allclose(form, truth) else "refuted"), (said, claim)
    changed = DNAMES.replace("{said}", "Here $dy$ is a small change of $y$.").replace("{claim}", r"dx_2 = dy_1 w_2 + dy_2 w_1")
    assert dict(_verdicts(changed))[r"dx_2 = dy_1 w_2 + dy_2 w_1"] == "unchecked"     # still a change where the page says so


# ---------------------------------------------------------------- G_U := ∂L/∂U, a transpose spelled \mathsf T

GENERIC = r"""Each sample is a row:

$$ Z=XW^{\mathsf T}+\boldsymbol1 b^{\mathsf T} $$

We write $G_U$ for the loss's gradient by $U$:

$$ G_U:=\frac{\partial L}{\partial U}. $$

$$ {claim} $$
"""


def test_a_name_whose_script_is_its_variable_names_every_gradient():
    torch.manual_seed(5)
    x, w, b = torch.randn(2, 4, requires_grad=True), torch.randn(3, 4, requires_grad=True), torch.randn(3)
    z = x @ w.T + b
    g = torch.randn_like(z)
    (z * g).sum().backward()
    forms = {r"G_X=G_ZW": (g @ w.detach(), x.grad), r"G_W=G_Z^{\mathsf T}X": (g.T @ x.detach(), w.grad),
             r"G_X=G_Z W^{\mathsf T}": None, r"G_W = X^{\mathsf T} G_Z": None}    # shapes 2x3 . 4x3, 4x2 . 2x3: not ∂L/∂X, ∂L/∂W
    for claim, pair in forms.items():
        truth = pair is not None and torch.allclose(*pair)
        got = dict(_verdicts(GENERIC.replace("{claim}", claim)))[claim]
        assert got == ("holds" if truth else "refuted") or (not truth and got == "unchecked"), (claim, got)
        assert got != "holds" or truth


# ---------------------------------------------------------------- the loss written out (red team 57's forms)

@pytest.mark.parametrize("prose", [
    r"We take $L = \frac{1}{2}\sum_j (y_j - t_j)^2 + \frac{\lambda}{2}\|W\|_F^2$.",
    r"We take $$ L(W, b) = \frac{1}{2}\sum_j (y_j - t_j)^2 + \frac{\lambda}{2}\,\mathrm{tr}(W^\top W) $$",
    r"We take $L \coloneqq \frac{1}{2}\sum_j (y_j - t_j)^2 + \lambda \Omega$, where $\Omega = w_{11}^2 + w_{12}^2$.",
    r"We take $L = E_{\text{data}} + E_W$, with $E_W = \frac{\lambda}{2}\sum_{i,j} w_{ij}^2$.",
    r"We take $L = \frac{1}{2}\sum_j (y_j - t_j)^2$." "\n\n## Regularisation\n\n"
    r"From now on $L$ also includes the penalty $\frac{\lambda}{2} w_{11}^2$.",
])
def test_a_loss_with_a_regulariser_however_written_blocks_the_index_readers_hold(prose):
    t = _worked_truth(lambda w, b, x: 0.5 * 0.1 * (w ** 2).sum())
    assert abs(t["dw11"] - t["dy1"] * t["x1"]) > 1e-6           # the weight's own term: the claim is false
    claim = r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial y_1} x_1"
    got = dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", claim)))
    assert got[claim] == "unchecked"


def test_a_sum_of_squared_errors_keeps_the_hold():
    prose = r"We take $L = \frac{1}{2}\sum_{b=1}^{2} (y_b - t_b)^2$ (no penalty is used here)."
    claim = r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial y_1} x_1"
    got = dict(_verdicts(WORKED.replace("{prose}", prose).replace("{claim}", claim)))
    assert got[claim] == "holds"           # true for every loss of the outputs (autograd above), and this is one


def test_a_row_forward_read_as_a_claim_still_keeps_samples_rows_through_an_entry_forward():
    """Red team 56: under ``weight=rows-out-in`` the page's ``y = xW^T + b`` (held as a claim, not bound as the
    forward) and then ``y_j = \\sum_k w_{jk} x_k + b_j``: x stays one row, and ∂L/∂W = (∂L/∂y)^T x holds."""
    page = (r"<!-- symbp: layer=fc in=3 out=3 weight=rows-out-in names: x=input W=kernel b=bias y=output L=loss -->"
            "\n\nOne sample $x$, a row vector.\n\n$$ y = xW^T + b $$\n\n$$ y_j = \\sum_k w_{jk} x_k + b_j $$\n\n"
            r"$$ \frac{\partial L}{\partial W} = \left(\frac{\partial L}{\partial y}\right)^T x $$" "\n")
    torch.manual_seed(6)
    x, w, b = torch.randn(1, 3), torch.randn(3, 3, requires_grad=True), torch.randn(3)
    y = x @ w.T + b
    g = torch.randn_like(y)
    (y * g).sum().backward()
    assert torch.allclose(w.grad, g.T @ x)
    assert _verdicts(page)[-1][1] == "holds"
