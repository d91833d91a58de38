r"""Round 58: readings of conditions, index names and sections.

* A lead-in in bold or italics (``**Case $i \neq j$:**``) states the condition of the display after it, as the
  same words in plain type do (calc_prose._plain_emphasis).
* A display that names its index letters after the formula (``= F_{m,n} \quad \text{where} \quad m = p - i,\;
  n = q - j``) is read with the letters in their places (display_conditions.where_indices); the row is not cut
  into three equations at its commas (equation_rows._ENDS_IN_CONDITION).
* A directive inside a heading part starts a section of its own: the entries a worked example below it counts
  from 1 under its own directive do not make the part above it mixed (real_docs.mixed_bases).
* A definition in the prose of a later heading part that holds no display of the section (a batch-norm part's
  ``$y_b = \gamma \hat{x}_b + \beta$`` below a softmax part) is not the section's definition of y
  (calc_inline.ProseDefinitions.missing).

Truth from torch autograd (float64), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(page: str, claim: str) -> list:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found


# ---------------------------------------------------------------- bold lead-ins

def _softmax_offdiag(form) -> str:
    """Whether ``form(s, i, j)`` equals autograd's ds_i/dz_j at every i != j (C = 2..4, two draws)."""
    for classes in (2, 3, 4):
        for seed in (1, 2):
            torch.manual_seed(seed)
            z = torch.randn(classes)
            jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
            s = torch.softmax(z, 0)
            for i in range(classes):
                for j in range(classes):
                    if i != j and abs(float(form(s, i, j)) - float(jac[i, j])) > 1e-9:
                        return "refuted"
    return "holds"


_SOFTMAX = r"""### Setup

The softmax output is
$$s_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$

@LEAD@
$$\frac{\partial s_i}{\partial z_j} = @RHS@$$
"""


@pytest.mark.parametrize("lead", [r"**Case $i \neq j$:**", r"*Case $i \neq j$:*", r"__For $i \neq j$:__"])
@pytest.mark.parametrize("rhs, form", [(r"-s_i s_j", lambda s, i, j: -s[i] * s[j]),
                                       (r"s_i s_j", lambda s, i, j: s[i] * s[j])])
def test_bold_lead_in_states_the_condition(lead, rhs, form):
    page = _SOFTMAX.replace("@LEAD@", lead).replace("@RHS@", rhs)
    assert _verdicts(page, rhs) == [_softmax_offdiag(form)]


def test_bold_words_without_a_condition_state_none():
    page = _SOFTMAX.replace("@LEAD@", "**The derivative:**").replace("@RHS@", "-s_i s_j")
    assert _verdicts(page, "-s_i s_j") != ["holds"]      # read for every i, j: wrong on the diagonal


# ---------------------------------------------------------------- where m = p - i

def _dO_dX(form, sizes=((5, 3), (4, 2), (6, 3))) -> str:
    """Whether ``form(F, i, j, p, q)`` equals dO_{ij}/dX_{pq} (autograd Jacobian) for the valid cross-correlation
    O_{ij} = sum_{m,n} F_{mn} X_{i+m,j+n}, indices from 0, F read as 0 outside the kernel."""
    for h, k in sizes:
        torch.manual_seed(h + k)
        x, f = torch.randn(h, h), torch.randn(k, k)
        jac = torch.autograd.functional.jacobian(
            lambda v: torch.nn.functional.conv2d(v[None, None], f[None, None])[0, 0], x)
        o = h - k + 1
        for i in range(o):
            for j in range(o):
                for p in range(h):
                    for q in range(h):
                        if abs(float(form(f, i, j, p, q)) - float(jac[i, j, p, q])) > 1e-9:
                            return "refuted"
    return "holds"


def _entry(f, m, n):
    return f[m, n] if 0 <= m < f.shape[0] and 0 <= n < f.shape[1] else 0.0


_CONV = r"""<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->

### Convolutional layer

$$ O_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} F_{m,n} \cdot X_{i+m,\,j+n} $$

The derivative of an output by an input entry:

$$ \frac{\partial O_{i,j}}{\partial X_{p,q}} = F_{m,n} \quad \text{where} \quad {named} $$
"""


@pytest.mark.parametrize("named, form", [
    (r"m = p - i,\; n = q - j", lambda f, i, j, p, q: _entry(f, p - i, q - j)),
    (r"m = i - p,\; n = q - j", lambda f, i, j, p, q: _entry(f, i - p, q - j)),
    (r"m = p - i,\; n = q - j + 1", lambda f, i, j, p, q: _entry(f, p - i, q - j + 1)),
])
def test_where_clause_names_the_index_letters(named, form):
    truth = _dO_dX(form)
    found = _verdicts(_CONV.replace("{named}", named), named)
    assert found[0] == truth or found[0] == "unchecked" and truth == "refuted", (found, truth)
    assert found != ["holds"] or truth == "holds"


def test_where_clause_true_row_holds():
    assert _dO_dX(lambda f, i, j, p, q: _entry(f, p - i, q - j)) == "holds"
    assert _verdicts(_CONV.replace("{named}", r"m = p - i,\; n = q - j"), r"\partial X_{p,q}") == ["holds"]


@pytest.mark.parametrize("clause", [r"m = 2p - i", r"\delta = 1", r"m = p - i \text{ and the rest}"])
def test_where_clause_not_read_leaves_it_unchecked(clause):
    found = _verdicts(_CONV.replace("{named}", clause), r"\partial X_{p,q}")
    assert found == ["unchecked"], found


def test_where_clause_never_cut_into_equations():
    from symbp.check.equation_rows import split_equations
    row = r"\frac{\partial O_{i,j}}{\partial X_{p,q}} = F_{m,n} \quad \text{where} \quad m = p - i,\; n = q - j"
    assert split_equations(row) == [row]
    # a definition after "where" that names no index stays an equation of its own
    assert len(split_equations(r"a = W^T \delta \quad \text{where} \quad e = y - t")) == 2


# ---------------------------------------------------------------- a directive splits a heading part

def _dL_dF(h: int, k: int) -> torch.Tensor:
    """(X, dL/dO, dL/dF) for O = X ⋆ F (valid cross-correlation), L = Σ g·O + ½ Σ O²."""
    torch.manual_seed(3)
    x, f = torch.randn(h, h), torch.randn(k, k).requires_grad_()
    out = torch.nn.functional.conv2d(x[None, None], f[None, None])[0, 0]
    out.retain_grad()
    g = torch.randn_like(out)
    ((g * out).sum() + 0.5 * (out ** 2).sum()).backward()
    return x, out.grad, f.grad


_PART = r"""# Notes

### Convolutional layer backprop

<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->

$$ O_{i, j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} F_{m, n} X_{i + m, j + n} $$

$$ \frac{\partial L}{\partial F_{p,q}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot X_{@SHIFT@} $$

**Example**:

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->

With a 3x3 input and a 2x2 filter, counted from 1:

$$\frac{\partial L}{\partial F_{11}} = \frac{\partial L}{\partial O_{11}} X_{11} + \frac{\partial L}{\partial O_{12}} X_{12}
+ \frac{\partial L}{\partial O_{21}} X_{21} + \frac{\partial L}{\partial O_{22}} X_{22}$$
"""


@pytest.mark.parametrize("shift, di", [("i+p,j+q", 0), ("i+p+1,j+q", 1)])
def test_directive_inside_a_part_starts_its_own_section(shift, di):
    x, gout, gf = _dL_dF(5, 3)
    o = gout.shape[0]
    truth = "holds"
    for p in range(3):
        for q in range(3):
            total = sum(float(gout[i, j]) * (float(x[i + p + di, j + q]) if i + p + di < 5 else 0.0)
                        for i in range(o) for j in range(o))
            if abs(total - float(gf[p, q])) > 1e-9:
                truth = "refuted"
    found = _verdicts(_PART.replace("@SHIFT@", shift), "X_{" + shift + "}")
    assert found == [truth] or truth == "refuted" and found == ["unchecked"], (found, truth)
    if di == 0:
        assert found == ["holds"]


# ---------------------------------------------------------------- a later part's prose definitions

_SOFTMAX_THEN_BN = r"""## Softmax and cross-entropy

<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input p=output y=target L=loss -->

The softmax $p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$ has the Jacobian

$$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$$

and with the cross-entropy of a one-hot target:

$$\frac{\partial L}{\partial z_i} = {rhs}$$

## Batch normalization

For an input $X$ of B rows:

1. $\mu = \frac{1}{B}\sum_b x_b$
2. $\sigma^2 = \frac{1}{B}\sum_b (x_b - \mu)^2$
3. $\hat{x}_b = (x_b - \mu)/\sqrt{\sigma^2 + \epsilon}$
4. $y_b = \gamma \hat{x}_b + \beta$
"""


def _ce_truth(form) -> str:
    for classes in (3,):
        for label in range(classes):
            torch.manual_seed(label)
            z = torch.randn(classes).requires_grad_()
            y = torch.zeros(classes)
            y[label] = 1.0
            (-(y * torch.log_softmax(z, 0)).sum()).backward()
            p = torch.softmax(z.detach(), 0)
            if any(abs(float(form(p, y, i)) - float(z.grad[i])) > 1e-9 for i in range(classes)):
                return "refuted"
    return "holds"


@pytest.mark.parametrize("rhs, form", [("p_i - y_i", lambda p, y, i: p[i] - y[i]),
                                       ("y_i - p_i", lambda p, y, i: y[i] - p[i])])
def test_a_later_parts_prose_row_does_not_define_the_target(rhs, form):
    assert _verdicts(_SOFTMAX_THEN_BN.replace("{rhs}", rhs), rhs) == [_ce_truth(form)]


# ---------------------------------------------------------------- a "$$" in a comment

_COMMENTED = r"""<!-- Source: course notes; every $$ display is transcribed as written -->

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->

## Convolution

$$Y_{i,j} = \sum_{m=0}^{1} \sum_{n=0}^{1} X_{i+m,j+n} W_{m,n}$$

Only some outputs see a given input:

$$\frac{\partial Y_{m,n}}{\partial X_{i,j}} = \begin{cases} W_{i-m,j-n} & \text{if } i-m \text{ and } j-n \text{ are valid indices} \\ 0 & \text{otherwise} \end{cases}$$

Substituting into the chain rule gives:

$$\frac{\partial L}{\partial X_{i,j}} = \sum_{m=0}^{1} \sum_{n=0}^{1} \frac{\partial L}{\partial Y_{m,n}} W_{m,n}$$
"""


def test_a_dollar_pair_in_a_comment_opens_no_maths():
    torch.manual_seed(5)
    x, w = torch.randn(3, 3).requires_grad_(), torch.randn(2, 2)
    out = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    out.retain_grad()
    g = torch.randn_like(out)
    ((g * out).sum() + 0.5 * (out ** 2).sum()).backward()
    claimed = torch.tensor([[sum(float(out.grad[m, n] * w[m, n]) for m in range(2) for n in range(2))
                             for _ in range(3)] for _ in range(3)])
    truth = "holds" if torch.allclose(claimed, x.grad) else "refuted"
    assert truth == "refuted"
    # the claim's own lead-in states no condition: the cases display above is not read as its sentence
    assert _verdicts(_COMMENTED, r"\frac{\partial L}{\partial Y_{m,n}} W_{m,n}") == [truth]


# ---------------------------------------------------------------- * defined one way, called the other in words

def _both_ways() -> str:
    """Held-out 10's illustrated notes (the 2D convolution defined as (f * g)(i, j) = Σ f(m, n) g(i-m, j-n), then
    "cross-correlation, which deep learning calls convolution", then y = x * w + b), its source comment left out."""
    import pathlib
    import re
    page = (pathlib.Path(__file__).parent / "docs/real/heldout10/cnn_section_rot180_en.md").read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->", "", page, flags=re.S)


def test_star_defined_as_true_convolution_but_called_cross_correlation_is_not_decided():
    # truth: with * the layer's cross-correlation, the full cross-correlation of dL/dy with the turned kernel is dL/dx
    torch.manual_seed(7)
    x, w = torch.randn(4, 4).requires_grad_(), torch.randn(2, 2)
    out = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    out.retain_grad()
    (torch.randn_like(out) * out).sum().backward()
    full = torch.nn.functional.conv2d(out.grad[None, None], torch.flip(w, (0, 1))[None, None], padding=1)[0, 0]
    assert torch.allclose(full, x.grad)
    # read with * as the page's own index definition (true convolution) it fails: the page says both, so no verdict
    assert _verdicts(_both_ways(), r"*_{full} \text{rot}_{180}(w)") == ["unchecked"]


# ---------------------------------------------------------------- red team 83: trailing bold conditions, Case, transposed kernels

_TRAILING = r"""### Softmax

The softmax output is
$$s_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$$

Its Jacobian is

$$\frac{\partial s_i}{\partial z_j} = @FIRST@$$

**for $i \neq j$,** and

$$\frac{\partial s_i}{\partial z_j} = @SECOND@$$

**for $i = j$.**
"""


def _softmax_diag(form) -> str:
    for classes in (2, 3, 4):
        torch.manual_seed(classes)
        z = torch.randn(classes)
        jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
        s = torch.softmax(z, 0)
        if any(abs(float(form(s, i, i)) - float(jac[i, i])) > 1e-9 for i in range(classes)):
            return "refuted"
    return "holds"


@pytest.mark.parametrize("second, form", [(r"s_i(1 - s_i)", lambda s, i, j: s[i] * (1 - s[i])),
                                          (r"-s_j s_i", lambda s, i, j: -s[j] * s[i])])
def test_a_condition_in_bold_after_a_display_is_that_displays(second, form):
    page = _TRAILING.replace("@FIRST@", "-s_i s_j").replace("@SECOND@", second)
    assert _verdicts(page, "= -s_i s_j") == [_softmax_offdiag(lambda s, i, j: -s[i] * s[j])] == ["holds"]
    assert _verdicts(page, "= " + second) == [_softmax_diag(form)]


_DENSE = r"""### Fully connected layer

The layer computes
$$y_{i} = \sum_{j} W_{ij} x_{j}$$

@LEAD@
$$\frac{\partial y_{i}}{\partial W_{kj}} = x_{j}$$
"""


def _dense_truth(only_diagonal: bool) -> str:
    """Whether dy_i/dW_kj = x_j (autograd Jacobian, 2x3 and 3x4 layers) for k = i only, or for every k."""
    for out, inp in ((2, 3), (3, 4)):
        torch.manual_seed(out)
        w, x = torch.randn(out, inp), torch.randn(inp)
        jac = torch.autograd.functional.jacobian(lambda v: v @ x, w)       # [i, k, j]
        for i in range(out):
            for k in range(out):
                if (k == i or not only_diagonal) and any(abs(float(jac[i, k, j]) - float(x[j])) > 1e-9 for j in range(inp)):
                    return "refuted"
    return "holds"


@pytest.mark.parametrize("lead", [r"Case $k = i$:", r"**Case $k = i$:**", r"*If $k = i$:*"])
def test_a_case_lead_in_restricts_an_index_claim(lead):
    assert _verdicts(_DENSE.replace("@LEAD@", lead), r"W_{kj}}") == [_dense_truth(True)] == ["holds"]


@pytest.mark.parametrize("lead", [r"**When $i = k$ fails:**", r"**Recall the case $k = i$ from above; here:**"])
def test_a_sentence_that_only_mentions_a_comparison_restricts_nothing(lead):
    assert _dense_truth(False) == "refuted"
    assert _verdicts(_DENSE.replace("@LEAD@", lead), r"W_{kj}}") in (["refuted"], ["unchecked"])


_TRANSPOSED = r"""@DIRECTIVE@### Convolutional layer

The layer's forward pass:

$$ O_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} F_{n,m} X_{i+m,\,j+n} $$

The derivative we need:

$$ \frac{\partial L}{\partial F_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} X_{i+m,j+n} $$
"""


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 index_base=0 names: X=input "
                                           "F=kernel O=output L=loss -->\n\n"])
def test_a_transposed_kernel_forward_leaves_the_sections_claims_unchecked(directive):
    # truth: with O = Σ F_{n,m} X_{i+m,j+n}, dL/dF_{m,n} = Σ δ_{ij} X_{i+n,j+m}, not X_{i+m,j+n}
    torch.manual_seed(11)
    x, f = torch.randn(5, 5), torch.randn(3, 3).requires_grad_()
    out = torch.nn.functional.conv2d(x[None, None], f.t()[None, None])[0, 0]
    out.retain_grad()
    (torch.randn_like(out) * out + 0.5 * out ** 2).sum().backward()
    claimed = torch.tensor([[sum(float(out.grad[i, j] * x[i + m, j + n]) for i in range(3) for j in range(3))
                             for n in range(3)] for m in range(3)])
    assert not torch.allclose(claimed, f.grad)
    assert _verdicts(_TRANSPOSED.replace("@DIRECTIVE@", directive), r"X_{i+m,j+n}") == ["unchecked"]
