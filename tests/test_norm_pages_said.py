"""Round thirty-seven: batch-norm pages that say part of their forward in words or write it twice.

* ``y = \\gamma \\hat{x} + \\beta`` without an index beside ``\\hat{x}_i = …``: the output entrywise;
* ``\\hat{x}_i`` written a second time in another form that is the same (``(x_i - \\mu)(\\sigma^2 +
  \\epsilon)^{-0.5}``): a restatement, the rows after it still read; a second form that differs stays
  unsettled;
* μ (and σ²) named only in the prose ("the batch mean"), or only in a ``layer=batchnorm`` directive
  (``names: \\mu=mean \\sigma^2=variance \\hat{x}=normalized \\gamma=scale \\beta=shift``);
* μ never defined and never said: a refutation that rests on μ being a free number is not given, and
  ∂μ/∂x_i is not read as 0.

Truth: torch autograd (``torch.nn.functional.batch_norm`` in training mode with a random upstream),
never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
M, EPS = 4, 0.5

XHAT = r"$$\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}$$" "\n\n"
VAR = r"$$\sigma^2 = \frac{1}{m} \sum_{i=1}^m (x_i - \mu)^2$$" "\n\n"
MEAN = r"$$\mu = \frac{1}{m} \sum_{i=1}^m x_i$$" "\n\n"
DGAMMA = r"\frac{\partial f}{\partial \gamma} = \sum_{i=1}^m \frac{\partial f}{\partial y_i} \hat{x}_i"
DGAMMA_WRONG = r"\frac{\partial f}{\partial \gamma} = \sum_{i=1}^m \frac{\partial f}{\partial y_i}"
DMU = r"\frac{\partial f}{\partial \mu} = \sum_{i=1}^m \frac{\partial f}{\partial \hat{x}_i} \cdot \frac{-1}{\sqrt{\sigma^2 + \epsilon}}"
DMU_WRONG = r"\frac{\partial f}{\partial \mu} = 2 \sum_{i=1}^m \frac{\partial f}{\partial \hat{x}_i} \cdot \frac{-1}{\sqrt{\sigma^2 + \epsilon}}"
DX = (r"\frac{\partial f}{\partial x_i} = \frac{(\sigma^2 + \epsilon)^{-0.5}}{m} \left[ m \frac{\partial f}{\partial \hat{x}_i}"
      r" - \sum_{j=1}^m \frac{\partial f}{\partial \hat{x}_j} - \hat{x}_i \sum_{j=1}^m \frac{\partial f}{\partial \hat{x}_j} \hat{x}_j \right]")
DX_WRONG = r"\frac{\partial f}{\partial x_i} = \frac{\partial f}{\partial \hat{x}_i} \frac{1}{\sqrt{\sigma^2 + \epsilon}}"


def _torch_truth():
    """(x, γ, g, x̂, ∂f/∂x, ∂f/∂γ, ∂f/∂μ through x̂ and σ²) for f = Σ g·y, y the batch norm of x."""
    torch.manual_seed(37)
    x = torch.randn(M, requires_grad=True)
    gamma, beta = torch.randn(1, requires_grad=True), torch.randn(1, requires_grad=True)
    y = torch.nn.functional.batch_norm(x[:, None], None, None, gamma, beta, training=True, eps=EPS)[:, 0]
    g = torch.randn(M)
    (g * y).sum().backward()
    mu = x.detach().mean().requires_grad_()           # μ a node of its own: f through x̂ and σ²(μ)
    xd = x.detach()
    var = ((xd - mu) ** 2).mean()
    xhat = (xd - mu) / torch.sqrt(var + EPS)
    (g * (gamma.detach() * xhat)).sum().backward()
    return xd, gamma.detach(), g, xhat.detach(), x.grad, gamma.grad, mu.grad


def test_the_truths_by_torch():
    x, gamma, g, xhat, dx, dgamma, dmu = _torch_truth()
    s = torch.sqrt(x.var(unbiased=False) + EPS)
    dxhat = g * gamma
    assert torch.allclose(dgamma, (g * xhat).sum()) and not torch.allclose(dgamma, g.sum())
    assert torch.allclose(dmu, (dxhat * -1 / s).sum()) and not torch.allclose(dmu, 2 * (dxhat * -1 / s).sum())
    assert torch.allclose(dx, s ** -1 / M * (M * dxhat - dxhat.sum() - xhat * (dxhat * xhat).sum()))
    assert not torch.allclose(dx, dxhat / s)


@pytest.mark.parametrize("claim, truth", [(DGAMMA, "holds"), (DGAMMA_WRONG, "refuted"), (DMU, "holds"),
                                          (DMU_WRONG, "refuted"), (DX, "holds"), (DX_WRONG, "refuted")])
def test_an_output_written_without_its_index_is_entrywise(claim, truth):
    page = MEAN + VAR + XHAT + r"$$y = \gamma \hat{x} + \beta$$" "\n\n" + f"$${claim}$$\n"
    assert check_text(page, "md").claims[-1].verdict == truth


def test_a_second_form_of_x_hat_that_is_the_same_is_a_restatement():
    same = r"$$\hat{x}_i = (x_i - \mu)(\sigma^2 + \epsilon)^{-0.5}$$" "\n\n"
    page = MEAN + VAR + XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" + same + f"$${DX}$$\n\n$${DX_WRONG}$$\n"
    claims = check_text(page, "md").claims
    assert [c.verdict for c in claims[-3:]] == ["holds", "holds", "refuted"], [c.detail for c in claims[-3:]]


def test_a_second_form_of_x_hat_that_differs_leaves_the_rows_after_it_unsettled():
    other = r"$$\hat{x}_i = (x_i - \mu)(\sqrt{\sigma^2 + \epsilon})^{-0.5}$$" "\n\n"   # √ to the -1/2: not x̂
    page = MEAN + VAR + XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" + other + f"$${DX}$$\n"
    last = check_text(page, "md").claims[-1]
    assert last.verdict == "unchecked" and "defined twice" in last.detail


@pytest.mark.parametrize("claim, truth", [(DMU, "holds"), (DMU_WRONG, "refuted"), (DX, "holds"), (DX_WRONG, "refuted")])
def test_a_mean_said_in_words(claim, truth):
    page = ("Here $\\mu$ is the mean of the mini-batch and $\\sigma^2$ its variance.\n\n" + XHAT +
            r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" + f"$${claim}$$\n")
    assert check_text(page, "md").claims[-1].verdict == truth


@pytest.mark.parametrize("claim, truth", [(DGAMMA, "holds"), (DGAMMA_WRONG, "refuted"), (DMU, "holds"),
                                          (DX, "holds"), (DX_WRONG, "refuted")])
def test_a_directive_names_the_statistics(claim, truth):
    page = ("<!-- symbp: layer=batchnorm batch=4 names: x=input y=output \\hat{x}=normalized \\mu=mean "
            "\\sigma^2=variance \\gamma=scale \\beta=shift f=loss -->\n\n" + f"$${claim}$$\n")
    claims = check_text(page, "md").claims
    assert claims[-1].verdict == truth, claims[-1].detail
    assert not any("no such role" in str(e) for e in getattr(check_text(page, "md"), "errors", []))


def test_a_mean_never_defined_is_no_free_number():
    """σ² defined through an undefined μ: read with μ free, ∂f/∂μ would gain σ²'s path
    (Σ (x_i - μ) ≠ 0) and the true claim would be refuted; it is not."""
    page = "# A note\n\n" + XHAT + VAR + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" + \
        "With the upstream gradient given:\n\n" + f"$${DMU}$$\n\n" + \
        r"$$\frac{\partial \mu}{\partial x_i} = \frac{1}{m}$$" "\n"
    claims = check_text(page, "md").claims
    assert all(c.verdict != "refuted" for c in claims), [(c.latex, c.detail) for c in claims]


NO_FORWARD = [(DGAMMA, "holds"), (DGAMMA_WRONG, "refuted"), (DX, "holds"), (DX_WRONG, "refuted")]


@pytest.mark.parametrize("claim, truth", NO_FORWARD)
def test_a_page_that_names_batch_norm_and_writes_no_forward(claim, truth):
    """The page says batch normalization and writes x̂_i, μ, σ², γ, β only inside its gradients: the
    standard forward in its letters, named in the verdict."""
    last = check_text("# Batch normalization, the backward pass\n\n" + f"$${claim}$$\n\n"
                      r"$$\frac{\partial f}{\partial \beta} = \sum_{i=1}^m \frac{\partial f}{\partial y_i}$$" "\n\n"
                      r"$$\frac{\partial f}{\partial \mu} = \sum_{i=1}^m \frac{\partial f}{\partial \hat{x}_i} \frac{-1}{\sqrt{\sigma^2 + \epsilon}}$$" "\n",
                      "md").claims[0]
    assert last.verdict == truth, last.detail
    assert "batch norm's own batch statistics" in last.detail


@pytest.mark.parametrize("count, eps", [("N", r"\varepsilon"), ("m", r"\epsilon")])
def test_the_assumed_forward_takes_the_page_s_count_and_epsilon(count, eps):
    claim = DX.replace("{m}", "{" + count + "}").replace("^m", "^" + count).replace("[ m ", "[ " + count + " ").replace(r"\epsilon", eps)
    claims = check_text("# Batch norm\n\n" + f"$${claim}$$\n\n" + f"$${DGAMMA.replace('^m', '^' + count)}$$\n", "md").claims
    assert [c.verdict for c in claims] == ["holds", "holds"], [c.detail for c in claims]


def test_two_spellings_of_the_variance_are_one_variance():
    page = ("# Batch normalization\n\n" + f"$${DX.replace('sigma^2', 'sigma_B^2')}$$\n\n"
            + r"$$\sum_{i=1}^m \frac{\partial f}{\partial x_i} = 0$$" "\n\n"
            + f"$${DX}$$\n\n" + f"$${DGAMMA}$$\n")
    assert [c.verdict for c in check_text(page, "md").claims] == ["holds"] * 4


def test_the_standard_forward_is_not_assumed_where_the_page_does_not_name_batch_norm():
    claims = check_text("# Some gradients\n\n" + f"$${DGAMMA_WRONG}$$\n\n$${DX}$$\n", "md").claims
    assert all(c.verdict == "unchecked" for c in claims)


def test_the_batch_gradients_sum_to_zero_by_torch():
    x, gamma, g, xhat, dx, dgamma, dmu = _torch_truth()
    assert abs(float(dx.sum())) < 1e-12


def test_a_stray_value_of_the_input_is_no_definition_of_it():
    """``\\boxed{x = 1}`` under a page whose forward reads x_i: a value, not the input."""
    page = MEAN + VAR + XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" + f"$${DX}$$\n\n$${DX_WRONG}$$\n\n" + \
        r"$$\boxed{x = 1}$$" "\n"
    claims = [c for c in check_text(page, "md").claims if "partial" in c.latex]
    assert [c.verdict for c in claims] == ["holds", "refuted"], [c.detail for c in claims]


def test_a_loss_the_text_adds_a_penalty_to_is_no_loss_of_the_outputs_alone():
    """f = loss(y) + λβ²/2 said in a sentence: ∂f/∂β = Σ ∂f/∂y_i misses λβ (torch), so it must not
    hold "for every loss f of the outputs"."""
    torch.manual_seed(3)
    x, beta, lam = torch.randn(M), torch.randn(1, requires_grad=True), 0.7
    y = torch.nn.functional.batch_norm(x[:, None], None, None, torch.ones(1), beta, training=True, eps=EPS)[:, 0]
    g = torch.randn(M)
    ((g * y).sum() + lam / 2 * beta ** 2).sum().backward()
    assert not torch.allclose(beta.grad, g.sum())
    page = ("The objective $f$ is a loss of $y$ plus the penalty $\\frac{\\lambda}{2}\\beta^2$.\n\n" + MEAN + VAR +
            XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n"
            r"$$\frac{\partial f}{\partial \beta} = \sum_{i=1}^m \frac{\partial f}{\partial y_i}$$" "\n")
    assert check_text(page, "md").claims[-1].verdict == "unchecked"


OTHER_STATISTICS = [
    "At test time batch norm uses the running mean and variance saved during training: $\\mu$ and $\\sigma^2$ are fixed.",
    "Here $\\mu$ is the mean of the whole training set, computed once beforehand, and $\\sigma^2$ its variance.",
    "Our batch norm layer uses the unbiased variance: $\\sigma^2$ divides by $m-1$, not $m$.",
]


def test_with_fixed_statistics_only_the_direct_path_is_the_gradient_by_torch():
    torch.manual_seed(4)
    x, mu, var, gamma = torch.randn(M, requires_grad=True), torch.randn(1), torch.rand(1) + 0.5, torch.randn(1)
    g = torch.randn(M)
    (g * (gamma * (x - mu) / torch.sqrt(var + EPS))).sum().backward()
    assert torch.allclose(x.grad, gamma * g / torch.sqrt(var + EPS))        # not the batch closed form


@pytest.mark.parametrize("prose", OTHER_STATISTICS)
@pytest.mark.parametrize("forward", [True, False])
def test_statistics_that_are_not_the_batch_s_own_are_not_assumed(prose, forward):
    """Red team 43: running statistics, a whole set's, an unbiased variance: the batch closed form (false
    there, by torch above) must not hold, and the direct path (true with fixed statistics) must not be
    refuted."""
    page = "# Batch normalization\n\n" + prose + "\n\n" + (XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n" if forward else "")
    direct = r"\frac{\partial f}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}} \frac{\partial f}{\partial y_i}"
    batch = (r"\frac{\partial f}{\partial x_i} = \frac{\gamma}{m \sqrt{\sigma^2 + \epsilon}} \left(m \frac{\partial f}{\partial y_i}"
             r" - \sum_{j=1}^{m} \frac{\partial f}{\partial y_j} - \hat{x}_i \sum_{j=1}^{m} \frac{\partial f}{\partial y_j} \hat{x}_j\right)")
    claims = check_text(page + f"$${batch}$$\n\n$${direct}$$\n", "md").claims
    assert claims[-2].verdict != "holds" and claims[-1].verdict != "refuted", [(c.verdict, c.detail) for c in claims]


def test_with_an_undefined_batch_mean_no_gradient_through_it_holds():
    """μ, σ² the batch's (unbiased) statistics, never written: the direct path alone (false then: the
    batch closed form holds, by torch in test_the_truths_by_torch) must not hold with μ read as a free number."""
    page = ("# Batch normalization\n\n" + OTHER_STATISTICS[2] + "\n\n" + XHAT + r"$$y_i = \gamma \hat{x}_i + \beta$$" "\n\n"
            r"$$\frac{\partial f}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}} \frac{\partial f}{\partial y_i}$$" "\n")
    assert check_text(page, "md").claims[-1].verdict == "unchecked"
