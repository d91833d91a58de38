r"""Round 57: readings a batch-norm chapter needs.

* A count said in the prose as a product of sizes ("so $m = B \cdot H \cdot W$") is not a definition of the
  forward's m (calc_inline._sizes_product): the page's displays still define the layer.
* A row written on the whole vector (``y = \gamma \hat{x} + \beta``) and later entry by entry (``y_i = \gamma
  \hat{x}_i + \beta``) is one definition, the entry row (calc_entrywise.entrywise_forwards with the section's
  restated rows), not a name "defined twice".
* A proof's end mark after a row (``\quad \square``) is no mathematics (display_rows._TRAILING_TOKENS).

Truth from torch autograd (float64), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(page: str, claim: str) -> list:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found


def _bn_grads(m: int, seed: int):
    """(x, x̂, dL/dy, dL/dx̂, dL/dγ, dL/dβ, dL/dx, dL/dμ, dL/dσ²) for y_i = γ x̂_i + β, x̂_i = (x_i - μ)/√(σ² + ε),
    σ² the biased variance, L = Σ_i g_i y_i + ½ Σ_i y_i² (autograd at the nodes x̂, μ, σ²)."""
    torch.manual_seed(seed)
    x = torch.randn(m).requires_grad_()
    gamma, beta, eps = torch.tensor(1.4).requires_grad_(), torch.tensor(-0.3).requires_grad_(), 0.1
    mu = x.mean()
    mu.retain_grad()
    var = ((x - mu) ** 2).mean()
    var.retain_grad()
    xhat = (x - mu) / torch.sqrt(var + eps)
    xhat.retain_grad()
    y = gamma * xhat + beta
    y.retain_grad()
    g = torch.randn(m)
    ((g * y).sum() + 0.5 * (y ** 2).sum()).backward()
    return x.detach(), xhat.detach(), y.grad, xhat.grad, gamma.grad, beta.grad, x.grad, mu.grad, var.grad


def _truth(form) -> str:
    """Whether ``form(x, x̂, dL/dy)`` equals autograd's dL/dγ at every size and draw."""
    for m in (2, 3, 5):
        for seed in (1, 2):
            x, xhat, gy, _, dgamma, *_ = _bn_grads(m, seed)
            if abs(float(form(x, xhat, gy)) - float(dgamma)) > 1e-9:
                return "refuted"
    return "holds"


_CHAPTER = r"""# Batch normalization

Each feature is normalised over the mini-batch and then scaled and shifted:

$$\hat{x} = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \quad y = \gamma \hat{x} + \beta$$

## Definition

For a mini-batch $B = \{x_1, \ldots, x_m\}$ of one feature:

$$\begin{aligned}
\mu_B &= \frac{1}{m}\sum_{i=1}^m x_i \\
\sigma_B^2 &= \frac{1}{m}\sum_{i=1}^m (x_i - \mu_B)^2 \\
\hat{x}_i &= \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}} \\
y_i &= \gamma \hat{x}_i + \beta
\end{aligned}$$

For a feature map the statistics of each channel are taken over $(B, H, W)$ together{count}, with one $\gamma$
and one $\beta$ per channel.

## Backward

$${claim}$$
"""
_COUNT = r" (so $m = B \cdot H \cdot W$)"
_DIRECTIVE = ("<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean "
              "\\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n")


def _page(claim: str, count: str, directive: bool) -> str:
    return _CHAPTER.replace("{count}", count).replace("{claim}", claim).replace(
        "# Batch normalization\n", "# Batch normalization\n" + (_DIRECTIVE if directive else ""))
_DGAMMA = r"\frac{\partial L}{\partial \gamma} = \sum_i \frac{\partial L}{\partial y_i} \hat{x}_i"
_DGAMMA_X = r"\frac{\partial L}{\partial \gamma} = \sum_i \frac{\partial L}{\partial y_i} x_i"
_DGAMMA_M = r"\frac{\partial L}{\partial \gamma} = \frac{1}{m} \sum_i \frac{\partial L}{\partial y_i} \hat{x}_i"
_CLAIMS = [
    (_DGAMMA, lambda x, xhat, gy: (gy * xhat).sum()),
    (_DGAMMA_X, lambda x, xhat, gy: (gy * x).sum()),
    (_DGAMMA_M, lambda x, xhat, gy: (gy * xhat).sum() / len(x)),
]


@pytest.mark.parametrize("claim,form", _CLAIMS)
@pytest.mark.parametrize("count", ["", _COUNT])
@pytest.mark.parametrize("directive", [False, True])
def test_a_row_whole_then_entry_by_entry_is_one_definition(claim, form, count, directive):
    """y = γ x̂ + β, then y_i = γ x̂_i + β: ∂L/∂γ is checked against the entry row (it was unchecked, "y is
    defined twice"), with or without a count said as a product of sizes in the prose (under a directive
    naming m the batch, that count was read as the forward's m, and every claim was left unchecked)."""
    truth = _truth(form)
    assert _verdicts(_page(claim, count, directive), claim) == [truth]


def test_the_truth_source_tells_the_claims_apart():
    assert [_truth(form) for _, form in _CLAIMS] == ["holds", "refuted", "refuted"]


_DMU = r"\frac{\partial L}{\partial \mu_B} = \sum_i \frac{\partial L}{\partial \hat{x}_i} \cdot \frac{-1}{\sqrt{\sigma_B^2 + \epsilon}}"
_DMU_HALF = r"\frac{\partial L}{\partial \mu_B} = \sum_i \frac{\partial L}{\partial \hat{x}_i} \cdot \frac{-1}{2\sqrt{\sigma_B^2 + \epsilon}}"


def _dmu_truth(scale: float) -> str:
    for m in (2, 3, 5):
        for seed in (1, 2):
            x, xhat, gy, gxhat, _, _, _, dmu, _ = _bn_grads(m, seed)
            var = ((x - x.mean()) ** 2).mean()
            if abs(float((gxhat * -scale / torch.sqrt(var + 0.1)).sum()) - float(dmu)) > 1e-9:
                return "refuted"
    return "holds"


@pytest.mark.parametrize("claim,scale", [(_DMU, 1.0), (_DMU_HALF, 0.5)])
@pytest.mark.parametrize("mark", ["", r" \quad \square", r" \qquad \blacksquare", r" \qed"])
@pytest.mark.parametrize("directive", [False, True])
def test_a_proof_end_mark_is_no_mathematics(claim, scale, mark, directive):
    """∂L/∂μ_B (the term through σ² vanishing: Σ_i (x_i - μ_B) = 0) closing a proof with an end mark is
    checked as the row without it (it was unchecked: the mark not read)."""
    truth = _dmu_truth(scale)
    assert _verdicts(_page(claim + mark, _COUNT, directive), claim) == [truth]


def test_the_dmu_truth_tells_the_claims_apart():
    assert (_dmu_truth(1.0), _dmu_truth(0.5)) == ("holds", "refuted")


# ---------------------------------------------------------------- a layer norm's scale, one per feature
def _ln_truth(per_entry_form) -> str:
    """Whether dL/dγ_j = ``per_entry_form(x̂, dL/dy)[j]`` for every feature j, for y_j = γ_j x̂_j + β_j,
    x̂_j = (x_j - μ)/√(σ² + ε) over the H features of one example (torch.nn.functional.layer_norm, whose weight
    is one per feature), L = Σ_j g_j y_j + ½ Σ_j y_j²."""
    for features in (3, 4):
        torch.manual_seed(features)
        x, g = torch.randn(features), torch.randn(features)
        gamma = torch.randn(features).requires_grad_()
        y = torch.nn.functional.layer_norm(x, (features,), gamma, torch.randn(features), eps=0.1)
        y.retain_grad()
        ((g * y).sum() + 0.5 * (y ** 2).sum()).backward()
        xhat = (x - x.mean()) / torch.sqrt(x.var(unbiased=False) + 0.1)
        if not torch.allclose(per_entry_form(xhat, y.grad), gamma.grad, atol=1e-9):
            return "refuted"
    return "holds"


_LN_PAGE = r"""# Layer normalization backward

Layer normalization normalises each example over its $H$ features and then scales and shifts it:

$$\mu = \frac{1}{H} \sum_{i=1}^{H} x_i$$

$$\sigma^2 = \frac{1}{H} \sum_{i=1}^{H} (x_i - \mu)^2$$

$$\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}$$

The scale gradient:

$${claim}$$
"""
_LN_DIRECTIVE = ("<!-- symbp: layer=layernorm features=H names: x=input y=output \\hat{x}=normalized \\mu=mean "
                 "\\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n")
_LN_SUMMED = r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{H} \frac{\partial L}{\partial y_i} \hat{x}_i"


@pytest.mark.parametrize("directive", [False, True])
def test_a_layer_norm_scale_written_bare_is_one_per_feature(directive):
    """γ written without an index on a layer-norm page is still one scale per feature (PyTorch's LayerNorm
    weight): ∂L/∂γ summed over the features the norm runs over is false, and it held (γ read as one number)."""
    assert _ln_truth(lambda xhat, gy: (gy * xhat).sum().expand(len(xhat))) == "refuted"
    assert _ln_truth(lambda xhat, gy: gy * xhat) == "holds"
    page = _LN_PAGE.replace("# Layer normalization backward\n", "# Layer normalization backward\n" + (
        _LN_DIRECTIVE if directive else "")).replace("{claim}", _LN_SUMMED)
    assert "holds" not in _verdicts(page, _LN_SUMMED)


# ---------------------------------------------------------------- conditions and calls a page writes in maths
def _softmax_jacobian(classes: int, seed: int):
    torch.manual_seed(seed)
    z = torch.randn(classes)
    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z), torch.softmax(z, 0)


_JACOBIAN_ROWS = [   # (claim, its right side at entry (i, j) from p, the entries it speaks of)
    (r"\frac{\partial p_i}{\partial z_j} = p_i (1 - p_i)", lambda p, i, j: p[i] * (1 - p[i]), "eq"),
    (r"\frac{\partial p_i}{\partial z_j} = -p_i p_j", lambda p, i, j: -p[i] * p[j], "ne"),
    (r"\frac{\partial p_i}{\partial z_j} = p_i p_j", lambda p, i, j: p[i] * p[j], "ne"),
]


def _jacobian_truth(form, kind: str) -> str:
    for classes in (2, 3, 5):
        jac, p = _softmax_jacobian(classes, classes)
        for i in range(classes):
            for j in range(classes):
                if (i == j) == (kind == "eq") and abs(float(jac[i, j] - form(p, i, j))) > 1e-9:
                    return "refuted"
    return "holds"


@pytest.mark.parametrize("lead", [r"$if \quad {cond}$", r"$\text{if } {cond}$", r"$\text{for } {cond}$:",
                                  r"$\mathrm{when}\; {cond}$"])
@pytest.mark.parametrize("claim,form,kind", _JACOBIAN_ROWS)
def test_a_condition_written_wholly_in_maths_rules_the_display_after_it(lead, claim, form, kind):
    """"$if \\quad i = j$" on its own line before a display is that display's condition (calc_prose._MATH_LEAD):
    the softmax Jacobian's diagonal and off-diagonal rows are checked where the page says they apply (they
    were checked at every entry and the true rows refuted)."""
    cond = "i = j" if kind == "eq" else r"i \neq j"
    page = (f"# Softmax\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n{lead.replace('{cond}', cond)}\n\n"
            f"$${claim}$$\n")
    assert _verdicts(page, claim) == [_jacobian_truth(form, kind)]


def test_the_jacobian_truth_tells_the_rows_apart():
    assert [_jacobian_truth(form, kind) for _, form, kind in _JACOBIAN_ROWS] == ["holds", "holds", "refuted"]


_CALLS_PAGE = r"""# Cross-entropy with softmax

The label is one-hot and $q$ is the softmax.

$$\begin{aligned}
J &= -\sum_j p(y_j) \log q(z_j) \\
&= -\log \frac{e^{z_y}}{\sum_j e^{z_j}} \\
&= -z_y + \log \sum_j e^{z_j}
\end{aligned}$$

$if \quad y = j$

$$\frac{\partial J}{\partial z_j} = -1 + \frac{e^{z_j}}{\sum_i e^{z_i}}$$
"""


def test_a_letter_applied_to_an_entry_is_no_product():
    """J = -Σ_j p(y_j) log q(z_j), p and q the label's and the softmax's distributions: read as p·y_j·log(q)·z_j,
    the true ∂J/∂z_y = -1 + softmax(z)_y (torch) was refuted; a row that applies a letter to one entry is no
    forward the reader takes (calc_rows.forward_sides)."""
    for classes in (3, 5):
        torch.manual_seed(classes)
        z = torch.randn(classes).requires_grad_()
        label = classes - 2
        torch.nn.functional.cross_entropy(z[None], torch.tensor([label])).backward()
        assert abs(float(z.grad[label]) - float(-1 + torch.softmax(z.detach(), 0)[label])) < 1e-12
    claim = r"\frac{\partial J}{\partial z_j} = -1 + \frac{e^{z_j}}{\sum_i e^{z_i}}"
    assert _verdicts(_CALLS_PAGE, claim) != ["refuted"]


# ---------------------------------------------------------------- a batch's statistics labelled in Greek
_GREEK_PAGE = r"""# Batch normalization

{directive}## Overview

### Normalising

$$\mu_\beta = \frac{1}{m}\sum_{i=1}^m x_i$$

$$\sigma_\beta^2 = \frac{1}{m}\sum_{i=1}^m (x_i - \mu_\beta)^2$$

$$\hat{x_i} = \frac{x_i - \mu_\beta}{\sqrt{\sigma_\beta^2 + \epsilon}}$$

### Scaling and shifting

$$y_i = \gamma\hat{x_i} + \beta = \gamma\frac{x_i - \mu_\beta}{\sqrt{\sigma_\beta^2 + \epsilon}} + \beta$$

## Algorithm

### Forward

$$\mu_\beta = \frac{1}{m}\sum_{i=1}^m x_i$$

$$\sigma_\beta^2 = \frac{1}{m}\sum_{i=1}^m (x_i - \mu_\beta)^2$$

$$\hat{x_i} = \frac{x_i - \mu_\beta}{\sqrt{\sigma_\beta^2 + \epsilon}}$$

$$y_i = \gamma\hat{x_i} + \beta$$

### Backward

$${claim}$$
"""
_GREEK_DIRECTIVE = ("<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized "
                    "\\mu_\\beta=mean \\sigma_\\beta^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n")
_GREEK_CLAIMS = [   # (claim, its right side from (x, x̂, dL/dy, dL/dx̂, dL/dx, var), which autograd gradient)
    (r"\frac{\partial L}{\partial \mu_\beta} = \sum_i \frac{\partial L}{\partial \hat{x_i}} \cdot \frac{-1}{\sqrt{\sigma_\beta^2 + \epsilon}}",
     lambda x, xhat, gy, gxhat, gx, var: (gxhat * -1 / torch.sqrt(var + 0.1)).sum(), "mu"),
    (r"\frac{\partial L}{\partial \mu_\beta} = \sum_i \frac{\partial L}{\partial \hat{x_i}} \cdot \frac{-1}{\sigma_\beta^2 + \epsilon}",
     lambda x, xhat, gy, gxhat, gx, var: (gxhat * -1 / (var + 0.1)).sum(), "mu"),
    (r"\frac{\partial L}{\partial \mu_\beta} = \sum_i\frac{\partial L}{\partial x_i}\left(-\frac{1}{m}\right)",
     lambda x, xhat, gy, gxhat, gx, var: -gx.sum() / len(x), "mu"),
]


def _greek_truth(form, which: str) -> str:
    for m in (2, 3, 5):
        for seed in (1, 2):
            x, xhat, gy, gxhat, _, _, gx, dmu, dvar = _bn_grads(m, seed)
            var = ((x - x.mean()) ** 2).mean()
            if abs(float(form(x, xhat, gy, gxhat, gx, var)) - float({"mu": dmu, "var": dvar}[which])) > 1e-9:
                return "refuted"
    return "holds"


@pytest.mark.parametrize("claim,form,which", _GREEK_CLAIMS)
def test_a_statistic_labelled_beta_is_the_batch_statistic(claim, form, which):
    r"""\mu_\beta, \sigma_\beta^2 (B written in Greek) are the batch's mean and variance, one name each
    (calc_stat_tokens._label): under the directive every claim is decided as autograd decides it (they were
    unchecked, "an index '\beta' is not read")."""
    page = _GREEK_PAGE.replace("{directive}", _GREEK_DIRECTIVE).replace("{claim}", claim)
    assert _verdicts(page, claim) == [_greek_truth(form, which)]


def test_the_greek_truth_tells_the_claims_apart():
    assert [_greek_truth(form, which) for _, form, which in _GREEK_CLAIMS] == ["holds", "refuted", "refuted"]


def test_a_forward_that_stops_at_the_statistics_holds_nothing_false():
    """Held-out 78's Chinese batch-norm essay, its sections 3 and 4.1 without a directive: the backward section
    takes only μ_β and σ_β² from above (the worked example's numbers below unsettle x̂ and y), and a loss of σ²
    alone made both sides of ∂L/∂μ_β = Σ_i ∂L/∂x_i (-1/m) zero, a false hold (autograd: refuted); such a
    forward is no layer's, and the claim is unchecked (calc_generic_loss._mean)."""
    import pathlib
    page = (pathlib.Path(__file__).parent / "docs/real/heldout78/batchnorm_essay_zh.md").read_text(encoding="utf-8")
    page = page[page.index("## 3. "):page.index("### 4.2")]
    claim, form, which = _GREEK_CLAIMS[2]          # the essay's own row, as written there
    assert _greek_truth(form, which) == "refuted"
    assert "holds" not in _verdicts(page, claim)


# ---------------------------------------------------------------- δ the directive's output gradient
_DELTA_PAGE = r"""# Batch normalization backward

<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \hat{x}=normalized \mu_{\mathcal{B}}=mean \sigma_{\mathcal{B}}^2=variance \gamma=scale \beta=shift \delta=output_grad \mathcal{L}=loss -->

$$\mu_{\mathcal{B}} = \frac{1}{m} \sum_{i=1}^{m} x_i$$

$$\sigma_{\mathcal{B}}^2 = \frac{1}{m} \sum_{i=1}^{m} (x_i - \mu_{\mathcal{B}})^2$$

$$\hat{x}_i = \frac{x_i - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}, \quad s = \sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}$$

$$y_i = \gamma \hat{x}_i + \beta$$

When $\gamma = \sigma_{\mathcal{B}}$ and $\beta = \mu_{\mathcal{B}}$ the layer is the identity.  The gradient
$\frac{\partial \mathcal{L}}{\partial y_i}$ comes from the layers above; we write it $\delta_i$.

$${claim}$$
"""
_DELTA_CLAIMS = [   # (claim, its right side from (x̂, δ, s, m), autograd's which)
    (r"\frac{\partial \mathcal{L}}{\partial x_i} = \frac{\gamma}{s} \left[ \delta_i - \frac{1}{m} \sum_{j=1}^{m} \delta_j - \frac{\hat{x}_i}{m} \sum_{j=1}^{m} \delta_j \hat{x}_j \right]",
     lambda xhat, d, s, m: 1.4 / s * (d - d.sum() / m - xhat * (d * xhat).sum() / m), "x"),
    (r"\frac{\partial \mathcal{L}}{\partial x_i} = \frac{\gamma}{s} \left[ \delta_i - \sum_{j=1}^{m} \delta_j - \hat{x}_i \sum_{j=1}^{m} \delta_j \hat{x}_j \right]",
     lambda xhat, d, s, m: 1.4 / s * (d - d.sum() - xhat * (d * xhat).sum()), "x"),
    (r"\frac{\partial \mathcal{L}}{\partial \gamma} = \sum_{i=1}^{m} \delta_i \hat{x}_i",
     lambda xhat, d, s, m: (d * xhat).sum(), "gamma"),
    (r"\frac{\partial \mathcal{L}}{\partial \gamma} = \sum_{i=1}^{m} \delta_i", lambda xhat, d, s, m: d.sum(), "gamma"),
]


def _delta_truth(form, which: str) -> str:
    for m in (2, 3, 5):
        for seed in (1, 2):
            x, xhat, gy, _, dgamma, _, dx, _, _ = _bn_grads(m, seed)
            s = torch.sqrt(((x - x.mean()) ** 2).mean() + 0.1)
            if not torch.allclose(torch.as_tensor(form(xhat, gy, s, m)), {"x": dx, "gamma": dgamma}[which], atol=1e-9):
                return "refuted"
    return "holds"


def test_the_delta_truth_tells_the_claims_apart():
    assert [_delta_truth(form, which) for _, form, which in _DELTA_CLAIMS] == ["holds", "refuted", "holds", "refuted"]


@pytest.mark.parametrize("claim,form,which", _DELTA_CLAIMS)
def test_delta_named_the_output_gradient_is_that_gradient(claim, form, which):
    r"""A directive's ``\delta=output_grad`` makes δ_i ∂𝓛/∂y_i (calc_dnames.delta_gradients; the parser took δ_i
    for a Kronecker delta), a hypothesis in the prose ("when $\gamma = \sigma_B$ …") defines nothing, and the
    shorthand s = √(σ² + ε) beside x̂ is no output the loss reads: each claim is decided as autograd decides it
    (they were unchecked)."""
    assert _verdicts(_DELTA_PAGE.replace("{claim}", claim), claim) == [_delta_truth(form, which)]


@pytest.mark.parametrize("lead", ["When training, each input becomes", "If the batch has m inputs, each becomes",
                                  "当训练时，每个输入变为"])
def test_a_forward_stated_under_a_condition_word_is_still_the_page_own(lead):
    """A condition word in the sentence does not set aside a forward the page states inline (only a name its
    displays use and a hypothesis sets): ε outside the root, the standard ∂L/∂σ² (true only with ε inside) is
    refuted, never held by the standard forward standing in (autograd: refuted)."""
    claim = (r"\frac{\partial L}{\partial \sigma^2} = \sum_{i=1}^m \frac{\partial L}{\partial \hat{x}_i} (x_i - \mu) "
             r"\cdot \left(-\frac{1}{2}\right)(\sigma^2 + \epsilon)^{-3/2}")
    torch.manual_seed(3)
    x, g = torch.randn(4), torch.randn(4)
    mu = x.mean()
    var = ((x - mu) ** 2).mean().clone().requires_grad_()
    (grad,) = torch.autograd.grad((g * (x - mu) / (torch.sqrt(var) + 0.4)).sum(), var)
    standard = (g * (x - mu)).sum() * -0.5 * (var.detach() + 0.4) ** -1.5
    assert abs(float(grad - standard)) > 1e-6                       # the claim is false for this forward
    page = (f"# Batch normalization backward\n\nBatch normalization over a mini-batch of $m$ inputs. {lead} "
            f"$\\hat{{x}}_i = \\frac{{x_i - \\mu}}{{\\sqrt{{\\sigma^2}} + \\epsilon}}$ and $y_i = \\gamma \\hat{{x}}_i + \\beta$.\n\n"
            f"$${claim}$$\n")
    assert "holds" not in _verdicts(page, claim)


def test_a_batch_label_in_calligraphy_names_the_page_statistics_not_new_ones():
    r"""σ² written as a mean of squares minus μ², the batch's statistics labelled ``_{\mathcal{B}}``, only in the
    prose: once ``\mu_{\mathcal{B}}`` was read, the words' standard forward (its μ and σ² unlabelled, beside the
    page's) stood in, and the standard ∂E/∂μ_𝓑 (its σ² term vanishing at the batch mean) held; the page's σ² gives
    ∂σ²/∂μ = -2μ, so the row is false (autograd). The words' rows now take the page's labels
    (calc_paths._MEAN / _VARIANCE with _BATCH)."""
    page = (r"# 배치 정규화의 역전파" "\n\n"
            r"미니배치의 $m$개 샘플 $h_k$에 대해 순전파는 평균 $\mu_{\mathcal{B}} = \frac{1}{m}\sum_{k=1}^{m} h_k$, "
            r"분산 $\sigma_{\mathcal{B}}^2 = \frac{1}{m}\sum_{k=1}^{m} h_k^2 - \mu_{\mathcal{B}}^2$, 정규화 값 "
            r"$\hat{h_k} = \frac{h_k - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}$ 그리고 출력 "
            r"$y_k = \gamma \hat{h_k} + \beta$ 를 계산한다." "\n\n$${claim}$$\n")
    claim = (r"\frac{\partial E}{\partial \mu_{\mathcal{B}}} = \sum_{k=1}^{m} \frac{\partial E}{\partial \hat{h_k}} "
             r"\cdot \left(-\frac{1}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}\right) + \frac{\partial E}{\partial "
             r"\sigma_{\mathcal{B}}^2} \cdot \frac{1}{m}\sum_{k=1}^{m} -2(h_k - \mu_{\mathcal{B}})")
    torch.manual_seed(5)
    h, g = torch.randn(4) + 1.5, torch.randn(4)
    mu = h.mean().clone().requires_grad_()
    var = (h ** 2).mean() - mu ** 2                    # the page's σ², read through μ
    var.retain_grad()
    xhat = (h - mu) / torch.sqrt(var + 0.1)
    xhat.retain_grad()
    (g * (1.3 * xhat + 0.2)).sum().backward()
    stated = (xhat.grad * -1 / torch.sqrt(var.detach() + 0.1)).sum() + var.grad * (-2 * (h - mu.detach())).mean()
    assert abs(float(mu.grad - stated)) > 1e-6             # false for the page's forward
    assert "holds" not in _verdicts(page.replace("{claim}", claim), claim)


_LN_OWN_PAGE = r"""# Layer normalization backward

{directive}Layer normalization normalises one example over its $H$ features; $\gamma, \beta \in \mathbb{R}^H$ are learned.

$$\mu = \frac{1}{H}\sum_{i=1}^{H} x_i$$

$$\sigma^2 = \frac{1}{H}\sum_{i=1}^{H} (x_i - \mu)^2$$

$$\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}$$

{output}

$${claim}$$
"""


@pytest.mark.parametrize("output", [r"$$y_i = \gamma \hat{x}_i + \beta$$", r"$$y = \gamma \hat{x} + \beta$$"])
@pytest.mark.parametrize("directive", [False, True])
def test_a_layer_norm_page_own_row_reads_its_scale_per_feature(output, directive):
    """The page's own output row with γ and β bare, on a layer norm's page (a directive, or the words alone):
    the summed ∂L/∂γ held (γ one number, red team 57: 144 such false holds); the per-feature ∂L/∂γ_i (true)
    holds (it was refuted: "the shapes the claim writes differ")."""
    assert _ln_truth(lambda xhat, gy: (gy * xhat).sum().expand(len(xhat))) == "refuted"
    assert _ln_truth(lambda xhat, gy: gy * xhat) == "holds"
    page = _LN_OWN_PAGE.replace("{directive}", _LN_DIRECTIVE if directive else "").replace("{output}", output)
    assert "holds" not in _verdicts(page.replace("{claim}", _LN_SUMMED), _LN_SUMMED)
    per_feature = r"\frac{\partial L}{\partial \gamma_i} = \frac{\partial L}{\partial y_i} \hat{x}_i"
    assert _verdicts(page.replace("{claim}", per_feature), per_feature) == ["holds"]


@pytest.mark.parametrize("lead", [r"$\text{if } i \not= j$", r"$\text{unless } i = j$:", r"$\text{except when } i = j$",
                                  r"$\text{if } i < j$", r"$(\text{if } i \neq j)$"])
def test_a_condition_in_maths_that_is_not_read_leaves_the_display_unchecked(lead):
    """A condition on its own line in maths that this reader does not read (a negation, "unless", an
    inequality) leaves the display after it unchecked: read as no condition, the true off-diagonal row was refuted."""
    claim, form, kind = _JACOBIAN_ROWS[1]
    assert _jacobian_truth(form, kind) == "holds"
    page = f"# Softmax\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n{lead}\n\n$${claim}$$\n"
    assert _verdicts(page, claim) == ["unchecked"]


@pytest.mark.parametrize("power", ["y_i^2", "y_i^{2}"])
def test_a_square_in_an_activation_claim_is_never_the_name_itself(power):
    """y_i = f(x_i) with "where $f = \\tanh$" in the prose, and the true ∂L/∂x_i = ∂L/∂y_i (1 - y_i²) (autograd):
    the activation reader (f general) read y_i^2 as y_i, a superscript label, and refuted the row as
    ∂L/∂y_i (1 - y_i); a number written above a name is a power or a layer there, and the claim is left to the
    other readers (red team 57)."""
    torch.manual_seed(2)
    x = torch.randn(5).requires_grad_()
    g = torch.randn(5)
    y = torch.tanh(x)
    (g * y).sum().backward()
    assert torch.allclose(x.grad, g * (1 - y.detach() ** 2), atol=1e-12)
    claim = rf"\frac{{\partial L}}{{\partial x_i}} = \frac{{\partial L}}{{\partial y_i}} (1 - {power})"
    page = f"# An activation\n\nThe layer applies f entry by entry,\n\n$$y_i = f(x_i)$$\n\nwhere $f = \\tanh$.\n\n$${claim}$$\n"
    assert _verdicts(page, claim) != ["refuted"]
