r"""Round 56: a forward the page states only in its prose's inline math ("where $\hat{x}_i = \frac{x_i -
\mu}{\sqrt{\sigma^2} + \epsilon}$") is the page's own: read first, before a directive's standard forward or the one
its words name can stand in (calc_directive.unread_stand_ins with the section's stated inline rows,
calc_inline.ProseDefinitions.stated_near), with the shorthands it reads (``s = \sqrt{\sigma^2 + \epsilon}``); one
written as the standard row (other index letters, a sum with its bounds left out) changes nothing.  Truth from
torch autograd (float64), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

_DIRECTIVE = ("<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized "
              "\\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n")


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


def _page(prose: str, claim: str, directive: bool) -> str:
    return (f"# Batch normalization backward\n\n{_DIRECTIVE if directive else ''}Batch normalization over a "
            f"mini-batch of $m$ inputs: {prose} and $y_i = \\gamma \\hat{{x}}_i + \\beta$.\n\n$${claim}$$\n")


def _truth(normalise, form) -> str:
    """Whether ∂L/∂σ² (x̂ read through σ² alone, μ held) equals ``form(x, mu, var, eps, dL/dx̂)`` where
    x̂ = ``normalise(x, mu, var, eps)``, σ² the biased variance, L = Σ_i g_i y_i (torch autograd)."""
    torch.manual_seed(7)
    for m in (2, 3, 5):
        x, g, gamma, eps = torch.randn(m), torch.randn(m), 1.3, 0.4
        mu = x.mean()
        var = ((x - mu) ** 2).mean().clone().requires_grad_()
        (grad,) = torch.autograd.grad((g * gamma * normalise(x, mu, var, eps)).sum(), var)
        if abs(float(grad) - float(form(x, mu, var.detach(), eps, g * gamma))) > 1e-9:
            return "refuted"
    return "holds"


_DVAR = (r"\frac{\partial L}{\partial \sigma^2} = \sum_{i=1}^m \frac{\partial L}{\partial \hat{x}_i} (x_i - \mu) "
         r"\cdot \left(-\frac{1}{2}\right)(\sigma^2 + \epsilon)^{-3/2}")
_DVAR_FORM = lambda x, mu, var, eps, gx: (gx * (x - mu)).sum() * -0.5 * (var + eps) ** -1.5     # noqa: E731
_INSIDE = lambda x, mu, var, eps: (x - mu) / torch.sqrt(var + eps)                               # noqa: E731
_OUTSIDE = lambda x, mu, var, eps: (x - mu) / (torch.sqrt(var) + eps)                            # noqa: E731
_PROSE_FORWARDS = [
    (r"each input becomes $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}$", _OUTSIDE),
    (r"we normalise as $\hat{x}_j = (x_j - \mu)/(\sqrt{\sigma^2} + \epsilon)$", _OUTSIDE),
    (r"with $s = \sqrt{\sigma^2} + \epsilon$ each input becomes $\hat{x}_i = (x_i - \mu)/s$", _OUTSIDE),
    (r"each input becomes $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}$", _INSIDE),
    (r"each input becomes $\hat{x}_k = (x_k - \mu)/\sqrt{\sigma^2 + \epsilon}$", _INSIDE),
    (r"with $s = \sqrt{\sigma^2 + \epsilon}$ each input becomes $\hat{x}_i = (x_i - \mu)/s$", _INSIDE),
]


@pytest.mark.parametrize("prose,normalise", _PROSE_FORWARDS)
@pytest.mark.parametrize("directive", [True, False])
def test_a_forward_said_in_inline_math_is_the_page_own(prose, normalise, directive):
    """The standard ∂L/∂σ² (true only with ε inside the root) holds where the page's inline x̂ puts it there
    and never where it puts ε outside (it held against the standard forward standing in)."""
    truth, verdict = _truth(normalise, _DVAR_FORM), _verdict(_page(prose, _DVAR, directive), _DVAR)
    assert verdict == truth or truth == "refuted" and verdict == "unchecked"
    if normalise is _OUTSIDE:
        assert truth == "refuted" and verdict != "holds"


def test_the_page_own_inline_forward_refutes_with_its_own_value():
    """Read as the page's forward, the ε-outside x̂ refutes the standard ∂L/∂σ² (not only leaves it unchecked)."""
    prose = _PROSE_FORWARDS[0][0]
    assert _truth(_OUTSIDE, _DVAR_FORM) == "refuted"
    assert _verdict(_page(prose, _DVAR, True), _DVAR) == "refuted"


def test_an_inline_forward_set_aside_is_not_the_page_own():
    """A sentence that states another page's x̂ as a contrast ("unlike …") leaves the standard forward, which
    the page uses, in place: the standard ∂L/∂σ² holds (true there)."""
    prose = (r"unlike some notes, which write $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}$, we keep "
             r"$\epsilon$ inside the root")
    assert _truth(_INSIDE, _DVAR_FORM) == "holds"
    assert _verdict(_page(prose, _DVAR, True), _DVAR) == "holds"


def test_the_standard_rows_written_in_the_prose_keep_their_verdicts():
    """The standard statistics and x̂ said inline with a sum whose bounds are left out and other index letters
    are the directive's own rows: the true ∂L/∂σ² still holds."""
    prose = (r"the mean $\mu = \frac{1}{m}\sum_k x_k$, the variance $\sigma^2 = \frac{1}{m}\sum_k (x_k - \mu)^2$, "
             r"then $\hat{x}_j = \frac{x_j - \mu}{\sqrt{\sigma^2 + \epsilon}}$")
    assert _truth(_INSIDE, _DVAR_FORM) == "holds"
    assert _verdict(_page(prose, _DVAR, True), _DVAR) == "holds"


def test_an_unbiased_variance_said_inline_is_not_replaced_by_the_standard():
    """σ² said inline with 1/(m−1): the standard ∂L/∂x_i (its 2(x_i − μ)/m from the biased variance) never holds."""
    claim = (r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \frac{1}{\sqrt{\sigma^2 + \epsilon}}"
             r" + \frac{\partial L}{\partial \sigma^2} \frac{2(x_i - \mu)}{m} + \frac{\partial L}{\partial \mu} \frac{1}{m}")
    prose = (r"the mean $\mu = \frac{1}{m}\sum_{i=1}^m x_i$, the variance $\sigma^2 = \frac{1}{m-1}\sum_{i=1}^m "
             r"(x_i - \mu)^2$, then $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}$")
    torch.manual_seed(11)
    x, g, eps = torch.randn(4, requires_grad=True), torch.randn(4), 0.2
    mu = x.mean()
    mu.retain_grad()
    var = ((x - mu) ** 2).sum() / 3
    var.retain_grad()
    x_hat = (x - mu) / torch.sqrt(var + eps)
    x_hat.retain_grad()
    (g * x_hat).sum().backward()
    form = x_hat.grad / torch.sqrt(var + eps) + var.grad * 2 * (x - mu) / 4 + mu.grad / 4
    assert not torch.allclose(form, x.grad)                     # refuted by autograd
    for directive in (True, False):
        assert _verdict(_page(prose, claim, directive), claim) != "holds"


# ---------------------------------------------------------------- a σ² the page writes but symbp cannot read

_DMU = (r"\frac{\partial L}{\partial \mu_B} = \left(\sum_{k=1}^{m} \frac{\partial L}{\partial \hat{x}_k} \cdot "
        r"\left(-\frac{1}{\sqrt{\sigma_B^2 + \epsilon}}\right)\right) + \frac{\partial L}{\partial \sigma_B^2} \cdot "
        r"\frac{1}{m}\sum_{k=1}^{m} -2(x_k - \mu_B)")
_DGAMMA = r"\frac{\partial L}{\partial \gamma} = \sum_{k=1}^{m} \frac{\partial L}{\partial y_k} \hat{x}_k"


def _raw_moment_page(directive: bool) -> str:
    said = ("<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean "
            "\\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n" if directive else "")
    return (f"# Batch normalization backward\n\n{said}For one feature over a mini-batch of $m$ inputs $x_k$ the forward "
            r"pass takes the mean $\mu_B = \frac{1}{m}\sum_{k=1}^{m} x_k$, the variance $\sigma_B^2 = \frac{1}{m}"
            r"\sum_{k=1}^{m} x_k^2 - \mu_B^2$, then $\hat{x}_k = \frac{x_k - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}$ and "
            r"$y_k = \gamma \hat{x}_k + \beta$." f"\n\n$${_DMU}$$\n\n$${_DGAMMA}$$\n")


def test_a_node_symbp_cannot_read_is_never_free_for_what_may_feed_it():
    """σ² written as the mean of squares less μ² (a row symbp does not read) depends on μ: ∂L/∂μ then has a
    −2μ ∂L/∂σ² term, so the standard form (whose σ² term vanishes) is false and never holds; ∂L/∂γ, which
    nothing of σ²'s row reads, still may."""
    torch.manual_seed(13)
    x, g, gamma, eps = torch.randn(4) + 0.5, torch.randn(4), 1.1, 0.3
    mu = x.mean().clone().requires_grad_()
    var = (x ** 2).mean() - mu ** 2
    var.retain_grad()
    x_hat = (x - mu) / torch.sqrt(var + eps)
    x_hat.retain_grad()
    (g * (gamma * x_hat)).sum().backward()
    form = (x_hat.grad * -1 / torch.sqrt(var + eps)).sum() + var.grad * (-2 * (x - mu)).mean()
    assert abs(float(form.detach()) - float(mu.grad)) > 1e-6           # refuted by autograd
    for directive in (True, False):
        verdicts = {c.latex: c.verdict for c in check_text(_raw_moment_page(directive), "md", time_limit=10).claims}
        assert verdicts[_DMU] != "holds"
        assert verdicts[_DGAMMA] in ("holds", "unchecked")


@pytest.mark.parametrize("mark", [r"\doteq", r"\stackrel{\text{def}}{=}"])
def test_definition_marks_read_as_the_page_own_rows(mark):
    """Rows written with ≐ or \\stackrel{\\text{def}}{=} are the page's forward: a centred-free σ² (the mean of
    squares, no μ) refutes the standard ∂L/∂x_i or leaves it unchecked, never "holds" (the standard stood in)."""
    claim = (r"\frac{\partial L}{\partial x_k} = \frac{\partial L}{\partial \hat{x}_k} \cdot \frac{1}{\sqrt{\sigma^2 + "
             r"\epsilon}} + \frac{\partial L}{\partial \sigma^2} \cdot \frac{2(x_k - \mu)}{m} + \frac{\partial L}{\partial "
             r"\mu} \cdot \frac{1}{m}")
    page = (f"# LayerNorm backward\n\n$$\\mu {mark} \\frac{{1}}{{m}}\\sum_{{k=1}}^m x_k$$\n\n$$\\sigma^2 {mark} "
            f"\\frac{{1}}{{m}}\\sum_{{k=1}}^m x_k^2$$\n\n$$\\hat{{x}}_k {mark} \\frac{{x_k - \\mu}}{{\\sqrt{{\\sigma^2 + "
            f"\\epsilon}}}}$$\n\n$$y_k {mark} \\gamma \\hat{{x}}_k + \\beta$$\n\n$${claim}$$\n")
    torch.manual_seed(17)
    x, g, eps = torch.randn(3, requires_grad=True), torch.randn(3), 0.2
    mu = x.mean()
    mu.retain_grad()
    var = (x ** 2).mean()
    var.retain_grad()
    x_hat = (x - mu) / torch.sqrt(var + eps)
    x_hat.retain_grad()
    (g * x_hat).sum().backward()
    form = (x_hat.grad / torch.sqrt(var + eps) + var.grad * 2 * (x - mu) / 3 + mu.grad / 3).detach()
    assert not torch.allclose(form, x.grad)                            # refuted by autograd
    assert _verdict(page, claim) != "holds"


def test_a_proportional_softmax_is_no_place_for_the_standard_one():
    """``p_i \\propto \\exp(o_i / \\tau)`` under a softmax directive: the standard softmax (no τ) does not stand in,
    so its Jacobian p_i(δ_ij − p_j), false by a factor 1/τ, never holds."""
    claim = r"\frac{\partial p_i}{\partial o_j} = p_i(\delta_{ij} - p_j)"
    page = ("<!-- symbp: layer=softmax classes=3 target=one-hot names: o=input p=output y=target L=loss -->\n\n"
            "# Softmax with a temperature\n\n$$p_i \\propto \\exp(o_i / \\tau)$$\n\nnormalised so that $\\sum_i p_i = 1$."
            f"\n\n$${claim}$$\n")
    o, tau = torch.randn(3), 2.0
    jac = torch.autograd.functional.jacobian(lambda t: torch.softmax(t / tau, 0), o)
    p = torch.softmax(o / tau, 0)
    assert not torch.allclose(jac, torch.diag(p) - p[:, None] * p[None, :])    # refuted by autograd
    assert _verdict(page, claim) != "holds"


def test_a_worked_example_inline_is_no_forward():
    """``$a = [0.1, 0.6, 0.3]$`` in the prose is an example's numbers, not the page's own softmax: the true
    softmax Jacobian under the directive still holds."""
    claim = r"\frac{\partial a_i}{\partial z_j} = a_i(\delta_{ij} - a_j)"
    page = ("<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input a=output y=target L=loss -->\n\n"
            "# Softmax\n\nWith $y = [0,1,0]$ and $a = [0.1, 0.6, 0.3]$ the loss is small.\n\n"
            f"$${claim}$$\n")
    z = torch.randn(3)
    jac = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), z)
    a = torch.softmax(z, 0)
    assert torch.allclose(jac, torch.diag(a) - a[:, None] * a[None, :])          # holds by autograd
    assert _verdict(page, claim) == "holds"


def test_an_example_sentence_still_states_the_page_forward():
    """"Für ein Beispiel mit D Merkmalen … $\\hat{a}_k = \\frac{a_k - \\mu}{\\sqrt{\\sigma^2}}$" (no ε) is the page's own
    forward, not an aside: the ∂ℓ/∂μ with ε in it is not held against the standard forward."""
    claim = (r"\frac{\partial \ell}{\partial \mu} = \sum_{k=1}^D \frac{\partial \ell}{\partial \hat{a}_k} \cdot "
             r"\left(-\frac{1}{\sqrt{\sigma^2 + \epsilon}}\right)")
    page = ("# Layer-Normalisierung rückwärts\n\nFür ein Beispiel mit $D$ Merkmalen $a_k$ berechnet die Schicht den "
            r"Mittelwert $\mu = \frac{1}{D}\sum_{k=1}^D a_k$, die Varianz $\sigma^2 = \frac{1}{D}\sum_{k=1}^D (a_k - \mu)^2$,"
            r" den normierten Wert $\hat{a}_k = \frac{a_k - \mu}{\sqrt{\sigma^2}}$ und die Ausgabe $y_k = \gamma \hat{a}_k"
            r" + \beta$ (Layer-Normalisierung)." f"\n\n$${claim}$$\n")
    torch.manual_seed(19)
    a, g, eps = torch.randn(4), torch.randn(4), 0.3
    mu = a.mean().clone().requires_grad_()
    var = ((a - mu.detach()) ** 2).mean()
    (grad,) = torch.autograd.grad((g * (a - mu) / torch.sqrt(var)).sum(), mu)      # σ² held: the node's own path
    assert abs(float(grad) - float((g * -1 / torch.sqrt(var + eps)).sum())) > 1e-6   # refuted by autograd
    assert _verdict(page, claim) != "holds"


def test_zero_said_at_a_sentence_end_in_math():
    """"Gradient entries outside their ranges are $0$." says the gradient is zero outside, as "… are zero." does;
    "are 0.5 wide" says nothing of the kind."""
    from symbp.check.prose_zero import zero_outside
    assert zero_outside("Gradient entries outside their ranges are $0$.") == zero_outside(
        "Gradient entries outside their ranges are zero.") == frozenset({"output_grad"})
    assert zero_outside("The windows outside the border are 0.5 wide.") is None


# ---------------------------------------------------------------- a copy of the input the layer reads

_DROPOUT = r"""<!-- symbp: layer=fc in=3 out=3 weight=out-in names: x=input W=kernel b=bias z=output L=loss -->

# Dropout before a dense layer

Each input is kept with probability $0.5$: with a mask $r_j \in \{0, 1\}$ (here $r = (1, 1, 0)$),

$$x'_j = \frac{r_j\, x_j}{0.5}$$

and the layer computes

$$z_i = \sum_{j} W_{ij} x'_j + b_i$$

Write $\delta_i = \frac{\partial L}{\partial z_i}$.

$$%s$$
"""


def _dropout_truth(form) -> str:
    """Whether ``form(x, W, r, δ)`` equals autograd's ∂L/∂x (``"x"``) for z = W (r ⊙ x / 0.5) + b, L = Σ g ⊙ z + Σ z³."""
    torch.manual_seed(23)
    x, w, b, r, g = torch.randn(3, requires_grad=True), torch.randn(3, 3), torch.randn(3), torch.tensor([1.0, 1.0, 0.0]), torch.randn(3)
    z = w @ (r * x / 0.5) + b
    z.retain_grad()
    ((g * z).sum() + (z ** 3).sum()).backward()
    return "holds" if torch.allclose(form(x.detach(), w, r, z.grad), x.grad) else "refuted"


@pytest.mark.parametrize("claim,form", [
    (r"\frac{\partial L}{\partial x_j} = \sum_i \delta_i W_{ij}", lambda x, w, r, d: w.T @ d),
    (r"\frac{\partial L}{\partial x_j} = \frac{r_j}{0.5} \sum_i \delta_i W_{ij}", lambda x, w, r, d: r / 0.5 * (w.T @ d)),
])
def test_a_claim_in_the_letter_a_copy_was_made_from_is_not_read_as_the_copy(claim, form):
    """x'_j = r_j x_j / 0.5 is what the layer reads: a claim about ∂L/∂x is not checked as if the layer read x (the
    names reader took x' for the directive's x, and the first row, false, held)."""
    truth = _dropout_truth(form)
    verdict = _verdict(_DROPOUT % claim, claim)
    assert verdict == truth or verdict == "unchecked"
    assert not (truth == "refuted" and verdict == "holds")
    assert _dropout_truth(lambda x, w, r, d: w.T @ d) == "refuted"


def test_a_padded_copy_the_forward_reads_is_not_the_input():
    """``\\tilde{x}_{i,j} = x_{i-1,j-1}`` read by the forward: the unpadded ∂E/∂x (false: the true form shifts δ by one)
    no longer holds with x̃ taken for x."""
    claim = r"\frac{\partial E}{\partial x_{k,l}} = \sum_{m,n} \frac{\partial E}{\partial y_{k-m,l-n}} W_{m,n}"
    page = ("<!-- symbp: layer=conv2d input=4x4 kernel=3x3 stride=1 padding=1 index_base=0 names: x=input W=kernel "
            "y=output E=loss -->\n\n# Convolution with a padded copy\n\nPad the $4\\times 4$ input with 1 ring of zeros:"
            "\n\n$$\\tilde{x}_{i,j} = x_{i-1,j-1}$$\n\n(zero where $x$ has no such entry). The kernel gives\n\n"
            "$$y_{i,j} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} \\tilde{x}_{i+m,j+n} W_{m,n} + b$$\n\nEntries outside their index "
            f"ranges are taken as $0$.\n\n$${claim}$$\n")
    torch.manual_seed(29)
    x, w, g = torch.randn(1, 1, 4, 4, requires_grad=True), torch.randn(1, 1, 3, 3), torch.randn(1, 1, 4, 4)
    (torch.nn.functional.conv2d(x, w, padding=1) * g).sum().backward()
    pad_g = torch.nn.functional.pad(g, (2, 2, 2, 2))
    form = torch.zeros(4, 4)
    for k in range(4):
        for l in range(4):
            form[k, l] = sum(pad_g[0, 0, k - m + 2, l - n + 2] * w[0, 0, m, n] for m in range(3) for n in range(3))
    assert not torch.allclose(form, x.grad[0, 0])                     # refuted by autograd
    assert _verdict(page, claim) != "holds"
