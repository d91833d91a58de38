"""Round thirty-six: batch-norm and layer-norm derivations, read by the scalar-layer reader.

A page writes the forward as its own rows (μ = 1/m Σ x_i, σ² = 1/m Σ (x_i - μ)², x̂_i = (x_i - μ)/√(σ² + ε),
y_i = γ x̂_i + β), in its own spellings (``\\sigma^2_B``, ``\\mu_B``, ``\\Sigma^m_{i=1}``, ``\\sqrt``,
``\\part``, ``\\hat{x_i}``), and states the graph's local partials (∂x̂_i/∂μ with σ² held) and the
gradients of a loss it leaves general (∂f/∂y_i given).

Truth: torch autograd, never symbp: the local partials from x̂'s own formula with μ and σ² as leaves of
their own, the gradients from ``torch.nn.functional.batch_norm`` in training mode with a random upstream.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.layers import normalization

torch.set_default_dtype(torch.float64)

FORWARD = r"""The layer is defined over a mini-batch of $m$ values:

$$\mu_B = \frac{1}{m} \Sigma^m_{i=1} x_i$$

$$\sigma^2_B = \frac{1}{m} \Sigma^m_{i=1}(x_i - \mu_B)^2$$

$$\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma^2_B + \epsilon}}$$

$$y_i = \gamma \hat{x}_i + \beta$$

"""

M, EPS = 4, 0.5


def _local():
    """∂ of x̂_i's own formula and σ²'s own formula, μ and σ² leaves of their own (torch)."""
    torch.manual_seed(36)
    x = torch.randn(M, requires_grad=True)
    mu = x.detach().mean().requires_grad_()
    var = ((x.detach() - mu.detach()) ** 2).mean().requires_grad_()
    xhat = (x - mu) / torch.sqrt(var + EPS)
    return x, mu, var, xhat


def _total(seed=7):
    """(x, γ, upstream g, ∂f/∂x, ∂f/∂γ, ∂f/∂β) for f = Σ g·y, y the batch norm of x (torch)."""
    torch.manual_seed(seed)
    x = torch.randn(M, 1, requires_grad=True)
    gamma, beta = torch.randn(1, requires_grad=True), torch.randn(1, requires_grad=True)
    y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=EPS)
    g = torch.randn(M, 1)
    (g * y).sum().backward()
    return x.detach()[:, 0], gamma.detach(), g[:, 0], x.grad[:, 0], gamma.grad, beta.grad


def test_the_local_partials_the_page_states_are_true_as_local_partials():
    x, mu, var, xhat = _local()
    s = torch.sqrt(var.detach() + EPS)
    for i in range(M):
        gx, gmu, gvar = torch.autograd.grad(xhat[i], (x, mu, var), retain_graph=True)
        assert torch.allclose(gx[i], 1 / s)                                          # ∂x̂_i/∂x_i
        assert torch.allclose(gmu, -1 / s)                                           # ∂x̂_i/∂μ
        assert torch.allclose(gvar, -0.5 * (x[i].detach() - mu.detach()) * s ** -3)  # ∂x̂_i/∂σ²
    # ... and ∂x̂_i/∂x_i as a total derivative (through μ and σ²) is something else
    total = torch.autograd.functional.jacobian(
        lambda v: (v - v.mean()) / torch.sqrt(((v - v.mean()) ** 2).mean() + EPS), x.detach())
    assert not torch.allclose(torch.diagonal(total), 1 / s.expand(M))


LOCAL = [(r"\frac{\partial \hat{x}_i}{\partial x_i} = \frac{1}{\sqrt{\sigma^2_B + \epsilon}}", "holds"),
         (r"\frac{\partial \hat{x}_i}{\partial \mu_B} = \frac{-1}{\sqrt{\sigma^2_B + \epsilon}}", "holds"),
         (r"\frac{\partial \hat{x}_i}{\partial \sigma^2_B} = -\frac{1}{2} (x_i - \mu_B)(\sigma^2_B + \epsilon)^{-3/2}", "holds"),
         (r"\frac{\partial \sigma^2_B}{\partial x_i} = \frac{2}{m} (x_i - \mu_B)", "holds"),
         (r"\frac{\partial \mu_B}{\partial x_i} = \frac{1}{m}", "holds"),
         (r"\frac{\partial \sigma^2_B}{\partial \mu_B} = -\frac{2}{m} \Sigma^m_{i=1} (x_i - \mu_B)", "holds"),
         (r"\frac{\partial \hat{x}_i}{\partial \sigma^2_B} = -\frac{1}{2} (x_i - \mu_B)(\sigma^2_B + \epsilon)^{-1/2}", "refuted"),
         (r"\frac{\partial \hat{x}_i}{\partial \mu_B} = \frac{1}{\sqrt{\sigma^2_B + \epsilon}}", "refuted")]


@pytest.mark.parametrize("claim, truth", LOCAL)
def test_local_partials(claim, truth):
    x, mu, var, xhat = _local()
    s = torch.sqrt(var.detach() + EPS)
    if "{-3/2}" in claim or "{-1/2}" in claim:             # the truth of the σ² rows, from torch
        got = torch.autograd.grad(xhat[0], var, retain_graph=True)[0]
        power = -3 if "{-3/2}" in claim else -1               # (σ² + ε)^{-3/2} = s^{-3}
        assert torch.allclose(got, -0.5 * (x[0].detach() - mu.detach()) * s ** power) == (truth == "holds")
    claims = check_text(FORWARD + f"$${claim}$$\n", "md").claims
    assert [c.verdict for c in claims[:4]] == ["definition"] * 4
    assert claims[-1].verdict == truth, claims[-1].detail


def test_the_torch_gradients_match_the_closed_forms_the_pages_state():
    x, gamma, g, dx, dgamma, dbeta = _total()
    s = torch.sqrt(x.var(unbiased=False) + EPS)
    xhat = (x - x.mean()) / s
    assert torch.allclose(dgamma, (g * xhat).sum()) and torch.allclose(dbeta, g.sum())
    assert torch.allclose(dx, gamma / (M * s) * (M * g - g.sum() - xhat * (g * xhat).sum()))
    assert not torch.allclose(dx, gamma / s * g)                     # the naive one-path chain


GRADIENTS = [
    (r"\frac{\partial f}{\partial \gamma} = \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \cdot \hat{x}_i", "holds"),
    (r"\frac{\partial f}{\partial \beta} = \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \cdot \vec{1}", "holds"),
    (r"\frac{\partial f}{\partial x_i} = \frac{(\sigma^2_B + \epsilon)^{-1/2}}{m} \left[ m \frac{\partial f}{\partial \hat{x}_i}"
     r" - \Sigma^m_{j=1} \frac{\partial f}{\partial \hat{x}_j} - \hat{x}_i \Sigma^m_{j=1} \frac{\partial f}{\partial \hat{x}_j}"
     r" \hat{x}_j \right]", "holds"),
    (r"\frac{\partial f}{\partial \hat{x}_i} = \frac{\partial f}{\partial y_i} \gamma", "holds"),
    (r"\frac{\partial f}{\partial x_i} = \frac{\partial f}{\partial \hat{x}_i} \frac{1}{\sqrt{\sigma^2_B + \epsilon}}", "refuted"),
    (r"\frac{\partial f}{\partial \sigma^2_B} = \Sigma^m_{i=1} \frac{\partial f}{\partial \hat{x}_i} (x_i - \mu_B)"
     r" \cdot \left(-\frac{1}{2}\right) (\sigma^2_B + \epsilon)^{-3/2}", "holds"),
    (r"\frac{\partial f}{\partial x_i} = \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \hat{x}_i} "
     r"\frac{\partial \hat{x}_i}{\partial x_i} + \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \hat{x}_i} "
     r"\frac{\partial \hat{x}_i}{\partial \mu_B} \frac{\partial \mu_B}{\partial x_i}", "refuted"),
]


@pytest.mark.parametrize("claim, truth", GRADIENTS)
def test_gradients_for_every_loss_of_the_output(claim, truth):
    claims = check_text(FORWARD + "With $\\frac{\\partial f}{\\partial y_i}$ given by the layer above:\n\n"
                        f"$${claim}$$\n", "md").claims
    assert claims[-1].verdict == truth, claims[-1].detail


def test_the_one_path_chain_is_false_by_torch():
    x, gamma, g, dx, _, _ = _total()
    s = torch.sqrt(x.var(unbiased=False) + EPS)
    assert not torch.allclose(dx, g * gamma / s)
    assert not torch.allclose(dx, g * gamma / s - (g * gamma).mean() / s)     # two of the four paths


def test_a_directive_section_takes_the_forward_written_above_it():
    page = FORWARD + ("## The gradients\n\n<!-- symbp: layer=batchnorm batch=3 names: x=input y=output f=loss -->\n\n"
                      r"$$\frac{\partial f}{\partial \gamma} = \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \hat{x}_i$$" "\n\n"
                      r"$$\frac{\partial f}{\partial \gamma} = \Sigma^m_{i=1} \frac{\partial f}{\partial y_i}$$" "\n")
    claims = check_text(page, "md").claims
    assert [c.verdict for c in claims[-2:]] == ["holds", "refuted"], [c.detail for c in claims[-2:]]
    assert "m = 3" in claims[-2].detail or "C = 3" in claims[-2].detail


def test_the_zh_note_spellings():
    page = ("$$\n\\mu = \\dfrac{1}{m}\\sum_i^m x_i \\\\\n\\sigma^2 = \\dfrac{1}{m} \\sum_i^m (x_i - \\mu)^2 \\\\\n"
            "\\hat{x}_i = \\dfrac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} \\\\\ny_i = \\gamma \\hat{x_i} + \\beta\n$$\n\n"
            "$$\\dfrac{\\part \\sigma^2}{\\part \\mu} = -\\dfrac{2\\sum (x_i-\\mu)}{m}$$\n\n"
            "$$\\dfrac{\\part l}{\\part \\sigma^2} = \\sum \\dfrac{\\part l}{\\part \\hat{x_i}}\\cdot"
            "\\dfrac{\\part \\hat{x_i}}{\\part \\sigma^2}$$\n")
    assert [c.verdict for c in check_text(page, "md").claims[-2:]] == ["holds", "holds"]


def test_a_sum_over_examples_with_a_free_count_is_not_taken_for_the_batch():
    """Only a letter that bounds the sum is the count: 1/n beside Σ_{i=1}^m keeps n free, and the
    simplified form, true only with n = m, is not proved."""
    page = FORWARD.replace(r"\frac{1}{m} \Sigma^m_{i=1} x_i", r"\frac{1}{n} \Sigma^m_{i=1} x_i") + \
        r"$$\frac{\partial \sigma^2_B}{\partial \mu_B} = 0$$" "\n"
    assert check_text(page, "md").claims[-1].verdict != "holds"


@pytest.mark.parametrize("m", [2, 3, 4])
def test_the_layer_closed_forms_are_proved_and_agree_with_torch(m):
    assert normalization.prove(m)
    (x, gamma, beta, eps, g), derived = normalization.gradients(m)
    torch.manual_seed(m)
    xs, gs, gam = torch.randn(m, 1, requires_grad=True), torch.randn(m, 1), torch.randn(1, requires_grad=True)
    y = torch.nn.functional.batch_norm(xs, None, None, gam, torch.zeros(1), training=True, eps=EPS)
    (gs * y).sum().backward()
    point = {**{xi: float(v) for xi, v in zip(x, xs.detach()[:, 0])}, **{gi: float(v) for gi, v in zip(g, gs[:, 0])},
             gamma: float(gam.detach()), eps: EPS}
    got = [float(d.subs(point)) for d in derived["x"]]
    assert torch.allclose(torch.tensor(got), xs.grad[:, 0])


def test_the_layer_proof_refutes_a_wrong_closed_form(monkeypatch):
    right = normalization.closed_forms

    def dropped(x, gamma, eps, g):           # the x̂ Σ g x̂ term left out
        out = right(x, gamma, eps, g)
        m = len(x)
        mu = sum(x) / m
        s = (sum((xi - mu) ** 2 for xi in x) / m + eps) ** 0.5
        out["x"] = [gamma / (m * s) * (m * gi - sum(g)) for gi in g]
        return out
    monkeypatch.setattr(normalization, "closed_forms", dropped)
    assert not normalization.prove(3)


def test_a_residual_branch_is_read_as_the_total_derivative_only():
    """``∂y/∂x = 1`` for y = x + σ(w x): a node's own partial is what a normalisation's pages mean by ∂,
    not a residual block's, whose ∂y/∂x is 1 + w σ'(w x) (torch)."""
    x, w = torch.tensor(0.3, requires_grad=True), torch.tensor(1.7)
    y = x + torch.sigmoid(w * x)
    (dy,) = torch.autograd.grad(y, x)
    assert not torch.isclose(dy, torch.tensor(1.0))
    page = ("Here $\\sigma$ is the logistic sigmoid.\n\n$$z = \\sigma(w x)$$\n\n$$y = x + z$$\n\n"
            "$$\\frac{\\partial y}{\\partial x} = 1$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_capital_beside_a_mean_is_no_number():
    """y_i = W (x_i - μ): W may be a matrix; the rows are not taken as a normalisation read as numbers, so the
    claim with W where W^T is meant does not hold."""
    page = (r"$$\mu = \frac{1}{m}\sum_{i=1}^m x_i$$" "\n\n" r"$$y_i = W (x_i - \mu)$$" "\n\n"
            r"$$\frac{\partial L}{\partial x_i} = W \frac{\partial L}{\partial y_i} - \frac{1}{m} \sum_{j=1}^m W \frac{\partial L}{\partial y_j}$$" "\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


# red team 42: the count m stays the batch's where a loss sums over the same index (reading a target t too),
# and in a directive's section whose forward is written above it; a residual's ∂ is never a local partial
LOSS_T = FORWARD.replace(r"\Sigma^m_{i=1}", r"\sum_{i=1}^m") + r"$$L = \frac{1}{2}\sum_{i=1}^{m} (y_i - t_i)^2$$" "\n\n"


def test_the_mean_s_deviations_sum_to_zero_by_torch():
    x = torch.randn(5, dtype=torch.float64)
    assert torch.isclose((x - x.mean()).sum(), torch.tensor(0.0, dtype=torch.float64), atol=1e-12)


@pytest.mark.parametrize("directive", ["", "## Backward pass\n\n<!-- symbp: layer=batchnorm batch=4 -->\n\n"])
def test_the_count_is_the_batch_beside_a_loss_that_reads_a_target(directive):
    page = LOSS_T + directive + r"$$\frac{\partial \sigma^2_B}{\partial \mu_B} = 0$$" "\n"
    assert check_text(page, "md").claims[-1].verdict == "holds", check_text(page, "md").claims[-1].detail


def test_a_residual_on_a_page_with_a_mean_is_read_as_the_total_derivative():
    x, w = torch.tensor(0.4, requires_grad=True), torch.tensor(1.3)
    (dh,) = torch.autograd.grad(x + torch.sigmoid(w * x), x)
    assert not torch.isclose(dh, torch.tensor(1.0))
    page = ("Here $\\sigma$ is the logistic sigmoid.\n\n$$z_i = w x_i + b$$\n\n$$a_i = \\sigma(z_i)$$\n\n$$h_i = x_i + a_i$$\n\n"
            "$$L = \\frac{1}{m}\\sum_{i=1}^m (h_i - t_i)^2$$\n\n$$\\frac{\\partial h_i}{\\partial x_i} = 1$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_variance_named_as_a_square_is_no_free_leaf():
    page = (r"$$\mu = \frac{1}{m}\sum_{i=1}^{m} x_i$$" "\n\n" r"$$s^2 = \frac{1}{m - 1}\sum_{i=1}^{m} (x_i - \mu)^2$$" "\n\n"
            r"$$\hat{x}_i = \frac{x_i - \mu}{\sqrt{s^2 + \epsilon}}$$" "\n\n"
            r"$$\frac{\partial s^2}{\partial x_i} = \frac{2 (x_i - \mu)}{m - 1}$$" "\n\n"
            r"$$\frac{\partial \hat{x}_i}{\partial x_i} = \frac{1}{\sqrt{s^2 + \epsilon}}$$" "\n")
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert "refuted" not in verdicts and verdicts[-1] != "holds", verdicts


def test_a_regression_of_vectors_is_no_normalisation_read_as_numbers():
    page = ("Each example $x_i \\in \\mathbb{R}^3$ and $w \\in \\mathbb{R}^3$.\n\n$$\\hat{y}_i = w \\cdot x_i + b$$\n\n"
            "$$L = \\frac{1}{m}\\sum_{i=1}^{m} (\\hat{y}_i - y_i)^2$$\n\n"
            "$$\\frac{\\partial \\hat{y}_i}{\\partial w} = \\frac{\\hat{y}_i - b}{w}$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
