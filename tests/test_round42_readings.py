"""Layer-norm pages as held-out 44 writes them (round 42).

* the forward stated for the whole vector, ``y = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} * \\gamma + \\beta``,
  then entry by entry, ``y_j = \\hat{x}_j \\gamma_j + \\beta_j``: one definition where the two agree entry by
  entry (calc_order.same_again), else "defined twice" as before: every row below was unchecked;
* a ``layer=layernorm`` directive below a forward written without one: the forward above is the section's
  (the directive's own rows stand in only for what no row above says), and its scale and shift are one per
  entry where the page indexes them (calc_directive.norm_rows);
* ``features=N`` in the directive says the mean's ``\\frac{1}{N}\\sum_j`` counts the entries; without it a row
  true only at that N stays unchecked, and the detail gives that directive line;
* ``\\frac{\\partial (x_k - \\mu)}{\\partial x_j}`` (a numerator that is no single name) was "not evaluated"
  (a crash in the diagonal test, calc_verdict._on_diagonal).

Truth: torch autograd (float64) of the layer norm, never symbp.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

FORWARD = r"""## Forward

$$ y = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} * \gamma + \beta $$

$$ \mu = \frac{1}{N} \sum_j x_j $$

$$ \sigma^2 = \frac{1}{N} \sum_j (x_j - \mu)^2 $$

$$ \text{rstd} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} $$

$$ \hat{x}_j = (x_j - \mu) \cdot \text{rstd} $$

$$ y_j = \hat{x}_j \cdot \gamma_j {sign} \beta_j $$
"""

DIRECTIVE = ("<!-- symbp: layer=layernorm features={n} names: x=input y=output \\hat{x}=normalized \\mu=mean "
             "\\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->")


def _page(row: str, directive: str | None = None, sign: str = "+") -> str:
    below = f"{directive}\n\n## Backward\n\n" if directive else "Then:\n\n"
    return FORWARD.replace("{sign}", sign) + "\n" + below + f"$$ {row} $$\n"


def _jacobians(n: int = 4, eps: float = 0.5, seed: int = 3):
    """Autograd Jacobians of the layer norm y_j = x̂_j γ_j + β_j over one vector of n entries."""
    rng = np.random.default_rng(seed)
    x, g, b = (torch.tensor(rng.standard_normal(n)) for _ in range(3))
    jac = torch.autograd.functional.jacobian

    def xhat(v):
        mu = v.mean()
        return (v - mu) / torch.sqrt(((v - mu) ** 2).mean() + eps)
    rstd = 1 / torch.sqrt(((x - x.mean()) ** 2).mean() + eps)
    return {"x": x, "g": g, "xhat": xhat(x), "rstd": rstd, "n": n,
            "dy_dg": jac(lambda gg: xhat(x) * gg + b, g),          # [k, j] = ∂y_k/∂γ_j
            "dxhat_dx": jac(xhat, x),                              # [k, j] = ∂x̂_k/∂x_j
            "dcentred_dx": jac(lambda v: v - v.mean(), x)}         # [k, j] = ∂(x_k - μ)/∂x_j


def _true(which: str) -> bool:
    t = _jacobians()
    n, eye, xh, r = t["n"], torch.eye(t["n"]), t["xhat"], t["rstd"]
    stated, real = {
        "dy_dg": (eye * xh[None, :], t["dy_dg"]),                            # x̂_j δ_kj
        "dy_dg_k": (eye * xh[:, None] * 0 + xh[:, None].expand(n, n), t["dy_dg"]),   # x̂_k for every j
        "dxhat": (r / n * (n * eye - 1 - torch.outer(xh, xh)), t["dxhat_dx"]),
        "dxhat_plus": (r / n * (n * eye - 1 + torch.outer(xh, xh)), t["dxhat_dx"]),
        "centred": (eye - 1 / n, t["dcentred_dx"]),
        "centred_n1": (eye - 1 / (n - 1), t["dcentred_dx"]),
    }[which]
    return bool(torch.allclose(stated, real))


ROWS = {
    "dy_dg": r"\frac{\partial y_k}{\partial \gamma_j} = \hat{x}_j \delta_{kj}",
    "dy_dg_k": r"\frac{\partial y_k}{\partial \gamma_j} = \hat{x}_k",
    "dxhat": r"\frac{\partial \hat{x}_k}{\partial x_j} = \frac{\text{rstd}}{N} (N \delta_{kj} - 1 - \hat{x}_k \hat{x}_j)",
    "dxhat_plus": r"\frac{\partial \hat{x}_k}{\partial x_j} = \frac{\text{rstd}}{N} (N \delta_{kj} - 1 + \hat{x}_k \hat{x}_j)",
    "centred": r"\frac{\partial (x_k - \mu)}{\partial x_j} = \delta_{kj} - \frac{1}{N}",
    "centred_n1": r"\frac{\partial (x_k - \mu)}{\partial x_j} = \delta_{kj} - \frac{1}{N - 1}",
}


def test_the_truth_has_both_kinds():
    assert {_true(w) for w in ROWS} == {True, False}


@pytest.mark.parametrize("which", ["dy_dg", "dy_dg_k"])
def test_a_vector_forward_then_its_entries(which):
    """No directive: the vector row and the entry row are one definition (before: 'defined twice')."""
    report = check_text(_page(ROWS[which]), "md")
    assert report.claims[-1].verdict == ("holds" if _true(which) else "refuted"), report.claims[-1].detail
    assert report.claims[0].verdict == "definition", report.claims[0].detail


@pytest.mark.parametrize("which", ["dy_dg", "dy_dg_k"])
def test_a_vector_forward_its_entries_contradict_is_still_two_definitions(which):
    """y = γ x̂ + β above, y_j = x̂_j γ_j - β_j below: which is meant is not settled, never held."""
    claim = check_text(_page(ROWS[which], sign="-"), "md").claims[-1]
    assert claim.verdict == "unchecked" and "defined twice" in claim.detail, claim.detail


@pytest.mark.parametrize("which", sorted(ROWS))
def test_a_layer_norm_directive_below_the_forward_with_its_count_named(which):
    claim = check_text(_page(ROWS[which], DIRECTIVE.replace("{n}", "N")), "md").claims[-1]
    assert claim.verdict == ("holds" if _true(which) else "refuted"), claim.detail


@pytest.mark.parametrize("which", ["dy_dg", "dy_dg_k"])
def test_the_directive_scale_is_one_per_entry_where_the_page_indexes_it(which):
    claim = check_text(_page(ROWS[which], DIRECTIVE.replace("{n}", "4")), "md").claims[-1]
    assert claim.verdict == ("holds" if _true(which) else "refuted"), claim.detail


def test_a_count_the_directive_leaves_a_number_names_the_directive_that_binds_it():
    """features=4 says how many entries, not what the page's N is: a row true only at N = 4 is unchecked,
    and its detail gives the line that says N is that count."""
    claim = check_text(_page(ROWS["dxhat"], DIRECTIVE.replace("{n}", "4")), "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail
    assert "<!-- symbp: layer=layernorm features=N -->" in claim.detail


def test_a_batch_norm_scale_stays_one_number():
    from symbp.check.calc_directive import norm_rows
    names = "x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift"
    page = [r"y_i = \gamma_i \hat{x}_i + \beta_i"]
    assert norm_rows({"layer": "batchnorm", "names": names}, page)[-1] == r"y_{i} = \gamma \hat{x}_{i} + \beta"
    assert norm_rows({"layer": "layernorm", "names": names}, page)[-1] == r"y_{i} = \gamma_{i} \hat{x}_{i} + \beta_{i}"
    # round 57: a layer norm's scale is one per feature (PyTorch's LayerNorm weight) even where the page writes
    # it bare; read as one number, ∂L/∂γ = Σ_i ∂L/∂y_i x̂_i over the features held, and it is false
    assert norm_rows({"layer": "layernorm", "names": names}, [r"y = \gamma \hat{x} + \beta"])[-1] == \
        r"y_{i} = \gamma_{i} \hat{x}_{i} + \beta_{i}"


BN_PAGE = r"""## Forward

$$\mu = \frac{1}{N}\sum_{i=1}^N x_i $$

$$v = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2 $$

$$\sigma = \sqrt{v + \epsilon} $$

$$\hat{x}_i = \frac{x_i - \mu}{\sigma} $$

$$y_i = \gamma \hat{x}_i + \beta $$

<!-- symbp: layer=batchnorm batch=N names: x=input y=output \hat{x}=normalized \mu=mean v=variance \gamma=scale \beta=shift L=loss -->

## Backward

$$ {row} $$
"""


def _sigma_true(which: str) -> bool:
    """∂x̂_j/∂σ of x̂_j = (x_j - μ)/σ, the other inputs held (the page's node), by autograd."""
    rng = np.random.default_rng(5)
    x, mu, s = torch.tensor(rng.standard_normal(4)), torch.tensor(0.3), torch.tensor(1.7)
    d = torch.autograd.functional.jacobian(lambda ss: (x - mu) / ss, s)
    stated = {"sq": -(x - mu) / s ** 2, "one": -(x - mu) / s, "hat": -((x - mu) / s) / s}[which]
    return bool(torch.allclose(d, stated))


SIGMA_ROWS = {"sq": r"\frac{\partial \hat{x}_j}{\partial \sigma} = -\frac{x_j - \mu}{\sigma^2}",
              "one": r"\frac{\partial \hat{x}_j}{\partial \sigma} = -\frac{x_j - \mu}{\sigma}",
              "hat": r"\frac{\partial \hat{x}_j}{\partial \sigma} = -\frac{\hat{x}_j}{\sigma}"}


@pytest.mark.parametrize("which", sorted(SIGMA_ROWS))
def test_sigma_squared_where_the_page_defines_sigma(which):
    """σ = √(v + ε) defined, σ² not: ``\\sigma^2`` is σ squared (it was an unknown name, the variance's)."""
    claim = check_text(BN_PAGE.replace("{row}", SIGMA_ROWS[which]), "md").claims[-1]
    assert claim.verdict == ("holds" if _sigma_true(which) else "refuted"), claim.detail


# ---------------------------------------------------------------- gradients named with a d (CS231n style)
BN_D = r"""## Batch norm (计算均值和方差)

$$\mu = \frac{1}{N}\sum_{i=1}^N x_i \quad \text{(shape: D)}$$

$$v = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2 \quad \text{(shape: D)}$$

$$\sigma = \sqrt{v + \epsilon} \quad \text{(shape: D)}$$

$$\hat{x}_i = \frac{x_i - \mu}{\sigma} \quad \text{(shape: N×D)}$$

$$y_i = \gamma \hat{x}_i + \beta$$

## Backward

$$\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \gamma$$

{named}

$$ {row} $$
"""


def _bn_true(which: str) -> bool:
    """dL/dx_i of batch norm over N = 5 samples for L = Σ g_i y_i (g drawn), by autograd, against the row."""
    rng = np.random.default_rng(11)
    x, g = torch.tensor(rng.standard_normal(5), requires_grad=True), torch.tensor(rng.standard_normal(5))
    gamma, beta, eps, n = 1.3, 0.2, 0.5, 5
    mu = x.mean()
    sigma = torch.sqrt(((x - mu) ** 2).mean() + eps)
    xhat = (x - mu) / sigma
    (g * (gamma * xhat + beta)).sum().backward()
    dxh, xh, s = g * gamma, xhat.detach(), sigma.detach()
    stated = {"alt": (n * dxh - dxh.sum() - xh * (dxh * xh).sum()) / (n * s),
              "alt_no_hat": (n * dxh - dxh.sum() - (dxh * xh).sum()) / (n * s)}[which]
    return bool(torch.allclose(x.grad, stated))


BN_D_ROWS = {
    "alt": r"\frac{\partial L}{\partial x_i} = \frac{1}{N\sigma}\left[N d\hat{x}_i - \sum_{j=1}^N d\hat{x}_j - "
           r"\hat{x}_i \sum_{j=1}^N (d\hat{x}_j \odot \hat{x}_j)\right]",
    "alt_no_hat": r"\frac{\partial L}{\partial x_i} = \frac{1}{N\sigma}\left[N d\hat{x}_i - \sum_{j=1}^N d\hat{x}_j - "
                  r"\sum_{j=1}^N (d\hat{x}_j \odot \hat{x}_j)\right]",
}


@pytest.mark.parametrize("named", ["记为 $d\\hat{x}_i$。", "We write this as $d\\hat{x}_i$."])
@pytest.mark.parametrize("which", sorted(BN_D_ROWS))
def test_a_gradient_the_page_names_with_a_d(which, named):
    """The display of ∂L/∂x̂_i, then "记为 $d\\hat{x}_i$": d x̂_j in the rows below is that gradient; the
    forward's rows, each followed by ``\\quad \\text{(shape: D)}``, are read (both were unread)."""
    report = check_text(BN_D.replace("{named}", named).replace("{row}", BN_D_ROWS[which]), "md")
    assert [c.verdict for c in report.claims[:4]] == ["definition"] * 4, report.claims[0].detail
    assert report.claims[-1].verdict == ("holds" if _bn_true(which) else "refuted"), report.claims[-1].detail


@pytest.mark.parametrize("named", ["", "Here $d$ is the step size; we write $d\\hat{x}_i$ for the step."])
def test_a_d_the_page_does_not_name_a_gradient_is_not_one(named):
    claim = check_text(BN_D.replace("{named}", named).replace("{row}", BN_D_ROWS["alt"]), "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail


DENOTED = r"""The forward for one row $x$ of $N$ features:

$$ \mu = \frac{1}{N} \sum_{j=1}^{N} x_j $$

$$ \hat{x}_j = x_j - \mu $$

$$ y_j = \hat{x}_j \cdot \gamma_j + \beta_j $$

We are given $\frac{dL}{dy_j}$ (denoted $dy_j$), the gradient of the loss with respect to $y_j$.

$$ {row} $$
"""


@pytest.mark.parametrize("row,holds", [(r"\frac{dL}{d\gamma_j} = dy_j \cdot \hat{x}_j", True),
                                       (r"\frac{dL}{d\gamma_j} = dy_j \cdot \gamma_j", False),
                                       (r"\frac{dL}{d\beta_j} = dy_j", True),
                                       (r"\frac{dL}{d\beta_j} = N dy_j", False)])
def test_a_gradient_denoted_in_a_parenthesis(row, holds):
    rng = np.random.default_rng(2)
    x, gamma, beta, g = (torch.tensor(rng.standard_normal(3), requires_grad=True) for _ in range(4))
    xhat = x - x.mean()
    (g.detach() * (xhat * gamma + beta)).sum().backward()
    truth = {r"\frac{dL}{d\gamma_j} = dy_j \cdot \hat{x}_j": torch.allclose(gamma.grad, g.detach() * xhat.detach()),
             r"\frac{dL}{d\gamma_j} = dy_j \cdot \gamma_j": torch.allclose(gamma.grad, g.detach() * gamma.detach()),
             r"\frac{dL}{d\beta_j} = dy_j": torch.allclose(beta.grad, g.detach()),
             r"\frac{dL}{d\beta_j} = N dy_j": torch.allclose(beta.grad, 3 * g.detach())}[row]
    assert bool(truth) == holds
    claim = check_text(DENOTED.replace("{row}", row), "md").claims[-1]
    assert claim.verdict == ("holds" if holds else "refuted"), claim.detail


def test_a_claim_about_a_batch_the_forward_does_not_define_is_not_refuted():
    """y_j for one row; dL/dβ_j = Σ_i dL/dy_ij is about a batch of rows: unchecked (it was refuted)."""
    page = DENOTED.replace("{row}", r"\frac{dL}{d\beta_j} = \sum_i \frac{dL}{dy_{ij}}")
    page = page.replace("We are given", "For the whole batch, the gradients are summed over rows $i$. We are given")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail


# ---------------------------------------------------------------- σ² spelled otherwise
def test_sigma_squared_in_parentheses_defines_the_variance():
    """``(\\sigma)^2 = \\frac{1}{N-1}\\sum_j …`` is the page's variance (it was dropped and the directive's 1/N
    one read in its place: a correct claim refuted)."""
    page = r"""## Forward

$$ \mu = \frac{1}{N} \sum_j x_j $$

$$ (\sigma)^2 = \frac{1}{N - 1} \sum_j (x_j - \mu)^2 $$

$$ \hat{x}_j = \frac{x_j - \mu}{\sqrt{(\sigma)^2 + \epsilon}} $$

<!-- symbp: layer=layernorm features=N names: x=input \hat{x}=normalized \mu=mean \sigma^2=variance L=loss -->

## Backward

$$ \frac{\partial (\sigma)^2}{\partial x_j} = \frac{2}{N - 1} (x_j - \mu) $$

$$ \frac{\partial (\sigma)^2}{\partial x_j} = \frac{2}{N} (x_j - \mu) $$
"""
    x = torch.tensor(np.random.default_rng(4).standard_normal(4), requires_grad=True)
    n = 4
    d = torch.autograd.grad(((x - x.mean()) ** 2).sum() / (n - 1), x)[0]
    centred = (x - x.mean()).detach()
    truth = [torch.allclose(d, 2 / (n - 1) * centred), torch.allclose(d, 2 / n * centred)]
    assert truth == [True, False]
    assert [c.verdict for c in check_text(page, "md").claims[-2:]] == ["holds", "refuted"]


@pytest.mark.parametrize("rhs,holds", [(r"1 - \frac{(y - m)^2}{\sigma^2}", True), (r"1 - \frac{(y - m)^2}{\sigma}", False)])
def test_sigma_squared_inside_a_forward_row(rhs, holds):
    """σ = e^s, L = (y - m)²/(2σ²) + log σ: σ² in the loss is σ squared (it was a name of its own)."""
    s = torch.tensor(0.4, requires_grad=True)
    y, m = 1.7, -0.2
    sigma = torch.exp(s)
    ((y - m) ** 2 / (2 * sigma ** 2) + torch.log(sigma)).backward()
    sv = float(torch.exp(s.detach()))
    stated = 1 - (y - m) ** 2 / sv ** 2 if holds else 1 - (y - m) ** 2 / sv
    assert bool(abs(float(s.grad) - stated) < 1e-9) == holds
    page = (r"$$ \sigma = e^{s} $$" "\n\n" r"$$ L = \frac{(y - m)^2}{2 \sigma^2} + \log \sigma $$" "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial s}} = {rhs} $$" "\n")
    assert check_text(page, "md").claims[-1].verdict == ("holds" if holds else "refuted")


# ---------------------------------------------------------------- d-names: only what the page says (red team 54)
MLP = r"""## Dense layer, sigmoid, squared error

$$ z_j = \sum_k W_{jk} x_k + b_j $$

$$ a_j = \frac{1}{1 + e^{-z_j}} $$

$$ L = \frac{1}{2} \sum_j (a_j - t_j)^2 $$

## Backward

{prose}

$$ {row} $$
"""


@pytest.mark.parametrize("prose", [
    r"Differentiating, $da_j = a_j (1 - a_j) \, dz_j$ for a small change $dz_j$.",
    r"In the code $dz_j = \frac{\partial L}{\partial z_j} \gamma$ is kept.",
    r"We are given $\frac{\partial L}{\partial a_j}$ (denoted $dz_j$ in the code).",
    r"With the total loss $J = L + \frac{\lambda}{2}\sum_{j,k} W_{jk}^2$ we write $dz_j$ for $\frac{\partial J}{\partial z_j}$."])
def test_a_d_name_the_page_does_not_make_this_gradient_is_never_held(prose):
    """dL/db_j = dz_j is true only if dz_j is ∂L/∂z_j; each page makes dz_j something else (red team 54: held)."""
    claim = check_text(MLP.replace("{prose}", prose).replace("{row}", r"\frac{\partial L}{\partial b_j} = dz_j"), "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail


def test_a_directive_word_for_the_output_gradient():
    """``dout=output_grad`` beside ``y=output``: ``dout_i`` is ∂L/∂y_i (batch norm, CS231n's dout)."""
    page = r"""## Forward

$$\mu = \frac{1}{N}\sum_{i=1}^N x_i$$

$$v = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2$$

$$\hat{x}_i = \frac{x_i - \mu}{\sqrt{v + \epsilon}}$$

$$y_i = \gamma \hat{x}_i + \beta$$

<!-- symbp: layer=batchnorm batch=4 names: x=input y=output \hat{x}=normalized \mu=mean v=variance \gamma=scale \beta=shift dout=output_grad L=loss -->

## Backward

$$\frac{\partial L}{\partial \beta} = \sum_{i=1}^N dout_i$$

$$\frac{\partial L}{\partial \gamma} = \sum_{i=1}^N dout_i \hat{x}_i^2$$
"""
    rng = np.random.default_rng(8)
    x, g = torch.tensor(rng.standard_normal(4)), torch.tensor(rng.standard_normal(4))
    gamma, beta = torch.tensor(1.4, requires_grad=True), torch.tensor(0.3, requires_grad=True)
    xhat = (x - x.mean()) / torch.sqrt(((x - x.mean()) ** 2).mean() + 0.5)
    (g * (gamma * xhat + beta)).sum().backward()
    truth = [torch.allclose(beta.grad, g.sum()), torch.allclose(gamma.grad, (g * xhat ** 2).sum())]
    assert truth == [True, False]
    assert [c.verdict for c in check_text(page, "md").claims[-2:]] == ["holds", "refuted"]


def test_a_shorthand_the_prose_gives():
    """"여기서 $s = \\sqrt{\\sigma^2 + \\varepsilon}$": s is that shorthand for the rows below (it was unknown)."""
    page = r"""<!-- symbp: layer=batchnorm batch=4 names: x=input y=output \hat{x}=normalized \mu=mean \sigma^2=variance \gamma=scale \beta=shift L=loss -->

## Backward

$$ \mu = \frac{1}{N} \sum_{i=1}^N x_i,\quad \sigma^2 = \frac{1}{N} \sum_{i=1}^N (x_i - \mu)^2,\quad \hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \varepsilon}},\quad y_i = \gamma\hat{x}_i + \beta $$

다음으로 $\hat{x}_j = (x_j - \mu)/s$ (여기서 $s = \sqrt{\sigma^2 + \varepsilon}$).

$$ \frac{\partial \hat{x}_j}{\partial x_i} = \frac{1}{s}(\delta_{ij} - \frac{1}{N}) - \frac{x_j - \mu}{s^3} \cdot \frac{1}{N}(x_i - \mu) $$

$$ \frac{\partial \hat{x}_j}{\partial x_i} = \frac{1}{s}(\delta_{ij} - \frac{1}{N}) - \frac{x_j - \mu}{s^2} \cdot \frac{1}{N}(x_i - \mu) $$
"""
    x = torch.tensor(np.random.default_rng(6).standard_normal(4))
    eps, n = 0.5, 4

    def xhat(v):
        return (v - v.mean()) / torch.sqrt(((v - v.mean()) ** 2).mean() + eps)
    jac = torch.autograd.functional.jacobian(xhat, x)            # [j, i] = ∂x̂_j/∂x_i
    s = torch.sqrt(((x - x.mean()) ** 2).mean() + eps)
    c = x - x.mean()
    rows = [(torch.eye(n) - 1 / n) / s - torch.outer(c, c) / (n * s ** p) for p in (3, 2)]
    assert [bool(torch.allclose(jac, r)) for r in rows] == [True, False]
    assert [c.verdict for c in check_text(page, "md").claims[-2:]] == ["holds", "refuted"]


def test_a_page_sigma_against_the_directive_sigmoid():
    """σ(x) = 1/(1 + e^x) under ``name=sigmoid``: σ' = σ(1 - σ) is false for the page's σ (held blind on
    held-out 49); the page's σ and the directive's are not the same, so it is never held."""
    page = r"""<!-- symbp: layer=activation name=sigmoid names: x=input \sigma=output -->

$$ \sigma(x) = {{1} \over {1+e^x}} $$

$$ \sigma'(x) = \sigma(x)(1-\sigma(x)) $$
"""
    t = torch.tensor(0.7, requires_grad=True)
    (1 / (1 + torch.exp(t))).backward()
    s = float(1 / (1 + torch.exp(t.detach())))
    assert abs(float(t.grad) - s * (1 - s)) > 1e-3
    assert check_text(page, "md").claims[-1].verdict != "holds"


@pytest.mark.parametrize("rhs,holds", [(r"-\frac{x_i - \mu}{(\sigma)^2}", True), (r"-\frac{x_i - \mu}{(\sigma)^2 + \epsilon}", False)])
def test_sigma_in_parentheses_squared_where_both_are_defined(rhs, holds):
    """σ² the variance and σ = √(σ² + ε) both defined: ``(\\sigma)^2`` is σ·σ (it was read as the variance)."""
    page = (r"$$ \mu = \frac{1}{N} \sum_{i=1}^{N} x_i $$" "\n\n" r"$$ \sigma^2 = \frac{1}{N} \sum_{i=1}^{N} (x_i - \mu)^2 $$"
            "\n\n" r"$$ \sigma = \sqrt{\sigma^2 + \epsilon} $$" "\n\n" r"$$ \hat{x}_i = \frac{x_i - \mu}{\sigma} $$" "\n\n"
            rf"$$ \frac{{\partial \hat{{x}}_i}}{{\partial \sigma}} = {rhs} $$" "\n")
    x, mu, s, eps = torch.tensor([0.3, -1.2, 2.0]), torch.tensor(0.1), torch.tensor(1.6, requires_grad=True), 0.5
    d = torch.autograd.functional.jacobian(lambda ss: (x - mu) / ss, s)
    stated = -(x - mu) / s.detach() ** 2 if holds else -(x - mu) / (s.detach() ** 2 + eps)
    assert bool(torch.allclose(d, stated)) == holds
    assert check_text(page, "md").claims[-1].verdict == ("holds" if holds else "refuted")


def test_a_count_letter_in_the_norm_directive_is_no_error():
    """``features=N``, the line the unchecked rows give, is a directive without error (it was "not a whole
    number"), and the README's norm directive reads."""
    import re
    from pathlib import Path
    line = next(l for l in Path(__file__).parent.parent.joinpath("README.md").read_text().splitlines()
                if l.startswith("<!-- symbp: layer=layernorm features=N"))
    report = check_text(line + "\n\n" + _page(ROWS["dxhat"]), "md")
    assert not report.setup_errors, report.setup_errors
    assert report.claims[-1].verdict == ("holds" if _true("dxhat") else "refuted"), report.claims[-1].detail
    assert any(re.search(r"features the letter N", s) for s in report.setups.values())


# ---------------------------------------------------------------- a forward under a later heading
CONV_THEN_POOL = r"""## Convolution

$$Y_{c_{out}, i, j} = \sum_{c_{in}=0}^{C_{in}-1} \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{c_{in}, i \cdot s + m, j \cdot s + n} \cdot W_{c_{out}, c_{in}, m, n} + b_{c_{out}}$$

<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=0 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->

### Backward

$$ {row} $$

## Pooling

### Forward

$$Y_{i,j} = \max_{0 \leq m, n < k_p} X_{i \cdot s_p + m, j \cdot s_p + n}$$

$$Y_{i,j} = \frac{1}{k_p^2} \sum_{m=0}^{k_p-1} \sum_{n=0}^{k_p-1} X_{i \cdot s_p + m, j \cdot s_p + n}$$
"""


@pytest.mark.parametrize("row,which", [
    (r"\frac{\partial L}{\partial W_{c_{out}, c_{in}, m, n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c_{out}, i, j}} \cdot X_{c_{in}, i \cdot s + m, j \cdot s + n}", "dW"),
    (r"\frac{\partial L}{\partial W_{c_{out}, c_{in}, m, n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c_{out}, i, j}} \cdot X_{c_{in}, i + m, j + n}", "dW_no_stride"),
    (r"\frac{\partial L}{\partial b_{c_{out}}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c_{out}, i, j}}", "db")])
def test_a_pooling_forward_under_a_later_heading_does_not_govern_the_convolution_claims(row, which):
    """The section's first index forward was the pooling's below (a later heading): the convolution's
    gradients were read against it (unchecked, "pooling keeps the channels"); now against the convolution."""
    rng = np.random.default_rng(9)
    x = torch.tensor(rng.standard_normal((1, 2, 5, 5)))
    w = torch.tensor(rng.standard_normal((3, 2, 3, 3)), requires_grad=True)
    b = torch.tensor(rng.standard_normal(3), requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, b, stride=2)
    g = torch.tensor(rng.standard_normal(tuple(y.shape)))
    (g * y).sum().backward()
    if which == "db":
        truth = torch.allclose(b.grad, g.sum(dim=(0, 2, 3)))
    else:
        step = 2 if which == "dW" else 1
        stated = torch.zeros(3, 2, 3, 3, dtype=torch.float64)
        for m in range(3):
            for n in range(3):
                for i in range(2):
                    for j in range(2):
                        if i * step + m < 5 and j * step + n < 5:
                            stated[:, :, m, n] += g[0, :, i, j][:, None] * x[0, :, i * step + m, j * step + n][None, :]
        truth = torch.allclose(w.grad, stated)
    assert truth == (which != "dW_no_stride")
    claim = check_text(CONV_THEN_POOL.replace("{row}", row), "md").claims[1]
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail


# ---------------------------------------------------------------- red team 55: what the page says wins
BN_DOUT = r"""## Forward

$$\mu = \frac{1}{N}\sum_{i=1}^N x_i$$

$$v = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2$$

$$\hat{x}_i = \frac{x_i - \mu}{\sqrt{v + \epsilon}}$$

$$y_i = \gamma \hat{x}_i + \beta$$

<!-- symbp: layer=batchnorm batch=4 names: x=input y=output \hat{x}=normalized \mu=mean v=variance \gamma=scale \beta=shift dout=output_grad L=loss -->

## Backward

{prose}

$$\frac{\partial L}{\partial \beta} = \sum_{i=1}^N dout_i$$
"""


@pytest.mark.parametrize("prose", [r"Here $dout_i = N \frac{\partial L}{\partial y_i}$, as the code scales it.",
                                   r"We are given $\frac{\partial L}{\partial \hat{x}_i}$ (denoted $dout_i$)."])
def test_the_page_s_own_dout_wins_over_the_directive(prose):
    """The directive names dout the output's gradient; the page says dout_i is N ∂L/∂y_i, or ∂L/∂x̂_i: by the
    page the row is false (red team 55: held)."""
    claim = check_text(BN_DOUT.replace("{prose}", prose), "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


@pytest.mark.parametrize("prose", ["A common mistake is to take $s = \\sigma^2 + \\varepsilon$ here.",
                                   "Is $s = \\sigma^2 + \\varepsilon$? No: it is the square root."])
def test_a_shorthand_stated_as_a_mistake_is_not_the_page_s(prose):
    page = r"""<!-- symbp: layer=batchnorm batch=4 names: x=input y=output \hat{x}=normalized \mu=mean \sigma^2=variance \gamma=scale \beta=shift L=loss -->

$$ \mu = \frac{1}{N} \sum_{i=1}^N x_i,\quad \sigma^2 = \frac{1}{N} \sum_{i=1}^N (x_i - \mu)^2,\quad \hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \varepsilon}} $$

{prose}

$$ \frac{\partial \hat{x}_j}{\partial x_i} = \frac{1}{\sqrt{s}}(\delta_{ij} - \frac{1}{N}) - \frac{x_j - \mu}{s^{3/2}} \cdot \frac{1}{N}(x_i - \mu) $$
""".replace("{prose}", prose)
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail


@pytest.mark.parametrize("rhs,holds", [(r"-\frac{x - \mu}{(\sigma)^2}", True), (r"-\frac{x - \mu}{\sigma}", False)])
def test_sigma_squared_beside_sigma_neither_defined(rhs, holds):
    """L = (x - μ)²/(2σ²) + log σ: σ² is σ squared, one leaf (it was a second leaf: red team 55)."""
    x, s = 0.7, 1.3
    mu = torch.tensor(-0.4, requires_grad=True)
    sigma = torch.tensor(s)
    ((x - mu) ** 2 / (2 * sigma ** 2) + torch.log(sigma)).backward()
    stated = -(x - float(mu.detach())) / s ** 2 if holds else -(x - float(mu.detach())) / s
    assert bool(abs(float(mu.grad) - stated) < 1e-9) == holds
    page = (r"$$ L = \frac{(x - \mu)^2}{2\sigma^2} + \log \sigma $$" "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial \mu}} = {rhs} $$" "\n")
    assert check_text(page, "md").claims[-1].verdict == ("holds" if holds else "refuted")


@pytest.mark.parametrize("sigma,rhs", [(r"\tanh(x)", r"a_j (1 - a_j)"), (r"\tanh(x)", r"(1 - a_j^2)"),
                                       (r"\max(0, x)", r"a_j (1 - a_j)"), (r"\log(1 + e^x)", r"a_j (1 - a_j)")])
def test_the_section_s_own_sigma_rules_over_the_directive_name(sigma, rhs):
    """``name=sigmoid`` above a section that writes σ(x) = tanh(x) (or ReLU, softplus): the claims are about the
    page's σ; ∂L/∂z = ∂L/∂a a(1 - a) was held against the sigmoid (red team 55, older)."""
    page = (r"<!-- symbp: layer=activation name=sigmoid names: z=input a=output \sigma=activation L=loss -->" "\n\n"
            rf"$$ \sigma(x) = {sigma} $$" "\n\n" r"$$ a_j = \sigma(z_j) $$" "\n\n## Backward\n\n"
            rf"$$ \frac{{\partial L}}{{\partial z_j}} = \frac{{\partial L}}{{\partial a_j}} {rhs} $$" "\n")
    z = torch.tensor([0.3, -0.8, 1.1], requires_grad=True)
    g = torch.tensor([0.5, -1.5, 2.0])
    fn = {r"\tanh(x)": torch.tanh, r"\max(0, x)": torch.relu, r"\log(1 + e^x)": torch.nn.functional.softplus}[sigma]
    a = fn(z)
    (g * a).sum().backward()
    ad = a.detach()
    stated = g * (ad * (1 - ad) if rhs.startswith("a_j") else (1 - ad ** 2))
    truth = bool(torch.allclose(z.grad, stated))
    verdict = check_text(page, "md").claims[-1].verdict
    assert verdict != ("refuted" if truth else "holds"), verdict
    if sigma == r"\tanh(x)" and truth:
        assert verdict == "holds"
