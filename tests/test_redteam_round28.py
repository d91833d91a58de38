"""The second red team of round twenty-seven, fixed in round twenty-eight: what σ is when a page
defines it (tanh, a steeper sigmoid, one σ per paragraph) while the word "sigmoid" is on the page,
and a p bound again in a later section or in the prose.  Truth from torch autograd (float64) at
the page's own point, never from symbp; each claim's truth is computed, then the verdict must not
be the wrong one (unchecked is honest where a test says so)."""
import math

import pytest
import sympy as sp
import torch

from symbp.check.calc_sigma import PageSigma, kind_of
from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
POINTS = (-1.3, -0.2, 0.6, 1.7)


def _claims(page):
    return [c for c in check_text(page, "md").claims if c.verdict != "definition"]


def _grad(f, x):
    t = torch.tensor(x, requires_grad=True)
    f(t).backward()
    return float(t.grad)


def _true(loss, rhs, y=0.3):
    """Whether dJ/dz = rhs(p(z), y) at every point, with J = loss(z, y) (torch autograd)."""
    return all(math.isclose(_grad(lambda z: loss(z, y), x), rhs(x, y), rel_tol=1e-9, abs_tol=1e-12)
               for x in POINTS)


def _agrees(verdict, truth, unchecked_ok=False):
    return verdict == ("holds" if truth else "refuted") or (unchecked_ok and verdict == "unchecked")


TANH_DISPLAY_SIGMOID_WORD = r"""# One unit, not the sigmoid

$$ \sigma(z) = \tanh(z) $$

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$

$$ \frac{dJ}{dz} = (p - y)(1-p^{2}) $$
"""


def test_sigma_defined_as_tanh_is_tanh_though_the_page_says_sigmoid():
    loss = lambda z, y: 0.5 * (torch.tanh(z) - y) ** 2
    p = lambda x: math.tanh(x)
    truths = [_true(loss, lambda x, y: (p(x) - y) * p(x) * (1 - p(x))),
              _true(loss, lambda x, y: (p(x) - y) * (1 - p(x) ** 2))]
    assert truths == [False, True]
    got = [c.verdict for c in _claims(TANH_DISPLAY_SIGMOID_WORD)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


TANH_IN_WORDS = r"""# Two layers

$$ E = \frac{1}{2} \sum_{k}(a_k - t_k)^2 $$

Throughout, $\sigma$ denotes the hyperbolic tangent, not the logistic sigmoid.

$$ z_j = b_j + \sum_i x_i w_{ij} $$
$$ z_k = b_k + \sum_j a_j w_{jk} $$
$$ a_j = \sigma(z_j) $$
$$ a_k = \sigma(z_k) $$

$$ \frac{\partial E}{\partial w_{jk}} = (a_k - t_k) a_k(1 - a_k) a_j $$

$$ \frac{\partial E}{\partial w_{jk}} = (a_k - t_k) (1 - a_k^2) a_j $$
"""


def _tanh_network(seed):
    """x (3), t (2), tanh layers z_j = b_j + Σ_i x_i w_ij, z_k = b_k + Σ_j a_j w_jk, E = ½Σ(a_k - t_k)²,
    after backward: x, t, w1, w2 (with .grad), a1, a2 and ∂E/∂z_k."""
    g = torch.Generator().manual_seed(seed)
    x, t = torch.randn(3, generator=g), torch.rand(2, generator=g)
    w1 = torch.randn(3, 4, generator=g, requires_grad=True)
    w2 = torch.randn(4, 2, generator=g, requires_grad=True)
    b1, b2 = torch.randn(4, generator=g), torch.randn(2, generator=g)
    a1 = torch.tanh(b1 + x @ w1)
    z2 = b2 + a1 @ w2
    z2.retain_grad()
    a2 = torch.tanh(z2)
    (0.5 * ((a2 - t) ** 2).sum()).backward()
    return x, t, w1, w2, a1.detach(), a2.detach(), z2.grad


def test_prose_that_ties_sigma_to_tanh_is_read_in_a_network_whose_letters_name_layers():
    x, t, w1, w2, a1, a2, _ = _tanh_network(3)
    logistic_form = torch.outer(a1, (a2 - t) * a2 * (1 - a2))
    tanh_form = torch.outer(a1, (a2 - t) * (1 - a2 ** 2))
    truths = [torch.allclose(logistic_form, w2.grad), torch.allclose(tanh_form, w2.grad)]
    assert truths == [False, True]
    got = [c.verdict for c in _claims(TANH_IN_WORDS)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


STEEPER = r"""# A steeper sigmoid

$$ \sigma(z) = \frac{1}{1 + e^{-2z}} $$

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$

$$ \frac{dJ}{dz} = 2(p - y)p(1-p) $$
"""


def test_a_sigma_of_its_own_is_not_read_as_the_logistic_sigmoid():
    loss = lambda z, y: 0.5 * (torch.sigmoid(2 * z) - y) ** 2
    p = lambda x: 1 / (1 + math.exp(-2 * x))
    truths = [_true(loss, lambda x, y: (p(x) - y) * p(x) * (1 - p(x))),
              _true(loss, lambda x, y: 2 * (p(x) - y) * p(x) * (1 - p(x)))]
    assert truths == [False, True]
    got = [c.verdict for c in _claims(STEEPER)]
    assert all(_agrees(v, t, unchecked_ok=True) for v, t in zip(got, truths)), got


ONE_SIGMA_PER_PARAGRAPH = r"""# Activations

For ReLU ($\sigma(z) = \max(0, z)$) the derivative is 1 for z > 0 and 0 below.

For the sigmoid ($\sigma(z) = \frac{1}{1+e^{-z}}$):

$$ \sigma'(z) = \sigma(z)(1 - \sigma(z)) $$

$$ \sigma'(z) = \sigma(z)(1 + \sigma(z)) $$
"""


def test_a_claim_reads_the_sigma_defined_above_it():
    slope = [_grad(torch.sigmoid, x) for x in POINTS]
    s = [1 / (1 + math.exp(-x)) for x in POINTS]
    truths = [all(math.isclose(d, v * (1 - v)) for d, v in zip(slope, s)),
              all(math.isclose(d, v * (1 + v)) for d, v in zip(slope, s))]
    assert truths == [True, False]
    got = [c.verdict for c in _claims(ONE_SIGMA_PER_PARAGRAPH)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


def test_the_kind_of_a_definition_agrees_with_torch_and_a_page_that_says_two_things_is_general():
    z = sp.Symbol("z")
    forms = {"sigmoid": sp.exp(z) / (1 + sp.exp(z)), "tanh": (1 - sp.exp(-2 * z)) / (1 + sp.exp(-2 * z)),
             "other": 1 / (1 + sp.exp(-2 * z))}
    reference = {"sigmoid": torch.sigmoid, "tanh": torch.tanh}
    for name, form in forms.items():
        values = torch.tensor([float(form.subs(z, x)) for x in POINTS])
        matches = [k for k, f in reference.items() if torch.allclose(values, f(torch.tensor(POINTS)))]
        assert kind_of("z", form) == (matches[0] if matches else "other")
    assert PageSigma(r"$\sigma(z) = \tanh(z)$ and later $\sigma(z) = \frac{1}{1+e^{-z}}$").page == "general"
    assert PageSigma(r"where $\sigma$ is the logistic function; tanh is for the hidden layer").page == "sigmoid"


REBOUND = r"""# Tanh

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\tanh(z) - y)^{2} $$

# Sigmoid

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p - y)(1-p^{2}) $$

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$
"""


def test_p_bound_again_in_a_later_section_is_that_sections_p():
    loss = lambda z, y: 0.5 * (torch.sigmoid(z) - y) ** 2
    p = lambda x: 1 / (1 + math.exp(-x))
    truths = [_true(loss, lambda x, y: (p(x) - y) * (1 - p(x) ** 2)),
              _true(loss, lambda x, y: (p(x) - y) * p(x) * (1 - p(x)))]
    assert truths == [False, True]
    got = [c.verdict for c in _claims(REBOUND)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


PROSE_REBINDS = r"""# Sigmoid output

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$

# A tanh unit

In this section $p = \tanh(z)$.

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$
"""


def test_a_p_the_prose_defines_otherwise_is_never_read_with_the_displays_p():
    claim = lambda p: lambda x, y: (p(x) - y) * p(x) * (1 - p(x))     # (p - y)p(1 - p)
    sigmoid_truth = _true(lambda z, y: 0.5 * (torch.sigmoid(z) - y) ** 2, claim(lambda x: 1 / (1 + math.exp(-x))))
    tanh_truth = _true(lambda z, y: 0.5 * (torch.tanh(z) - y) ** 2, claim(math.tanh))
    assert (sigmoid_truth, tanh_truth) == (True, False)
    first, second = _claims(PROSE_REBINDS)
    assert _agrees(first.verdict, sigmoid_truth)
    assert _agrees(second.verdict, tanh_truth, unchecked_ok=True) and "prose" in second.detail


WRONG_DELTA = r"""# Backpropagation

$$ E = \frac{1}{2} \sum_{k}(a_k - t_k)^2 $$

Each hidden unit computes $a_j = g_j(z_j)$ and each output $a_k = g_k(z_k)$.

$$ z_j = b_j + \sum_i x_i w_{ij} $$
$$ z_k = b_k + \sum_j a_j w_{jk} $$

$$ \delta_k = (a_k - t_k) g_k'(z_k) $$
$$ \frac{\partial E}{\partial w_{jk}} = \delta_k a_j $$
$$ \delta_j = \sum_k w_{jk} \delta_k $$
$$ \frac{\partial E}{\partial w_{ij}} = \delta_j x_i $$
"""


def test_a_delta_the_page_defines_wrongly_is_not_read_as_symbps_delta_in_later_claims():
    x, t, w1, w2, a1, a2, dz2 = _tanh_network(5)           # g_j, g_k: any activation; tanh here
    delta_k = (a2 - t) * (1 - a2 ** 2)                               # the page's δ_k, as written
    delta_j = w2.detach() @ delta_k                                  # the page's δ_j: no g_j'(z_j)
    truths = [torch.allclose(delta_k, dz2),
              torch.allclose(torch.outer(a1, delta_k), w2.grad),
              False,                                                 # δ_j as written is not ∂E/∂z_j
              torch.allclose(torch.outer(x, delta_j), w1.grad)]
    assert truths == [True, True, False, False]
    got = [c.verdict for c in _claims(WRONG_DELTA)]
    assert all(_agrees(v, t, unchecked_ok=(k == 3)) for k, (v, t) in enumerate(zip(got, truths))), got


# ---------------------------------------------------------------- round twenty-eight's own red team


@pytest.mark.parametrize("words", [
    "这里 $\\sigma$ 表示双曲正切函数（tanh），而不是 sigmoid 函数。",
    "Donde $\\sigma$ es la tangente hiperbólica, no la sigmoide.",
    "We use tanh for $\\sigma$ here, not the sigmoid.",
])
def test_prose_in_any_of_these_words_ties_sigma_to_tanh(words):
    page = TANH_DISPLAY_SIGMOID_WORD.replace("$$ \\sigma(z) = \\tanh(z) $$", words)
    assert "tanh(z) $$" not in page
    loss = lambda z, y: 0.5 * (torch.tanh(z) - y) ** 2
    p = math.tanh
    truths = [_true(loss, lambda x, y: (p(x) - y) * p(x) * (1 - p(x))),
              _true(loss, lambda x, y: (p(x) - y) * (1 - p(x) ** 2))]
    got = [c.verdict for c in _claims(page)]
    assert truths == [False, True] and all(_agrees(v, t) for v, t in zip(got, truths)), got


SAME_ROW_TWO_SECTIONS = r"""# Tanh unit

$$ \sigma(z) = \tanh(z) $$

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p-y)(1-p^2) $$

# Sigmoid unit

$$ \sigma(z) = \frac{1}{1+e^{-z}} $$

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p-y)(1-p^2) $$
"""


def test_a_row_written_in_two_sections_reads_the_sigma_of_its_own_section():
    claim = lambda x, y, p: (p(x) - y) * (1 - p(x) ** 2)
    logistic = lambda x: 1 / (1 + math.exp(-x))
    truths = [_true(lambda z, y: 0.5 * (torch.tanh(z) - y) ** 2, lambda x, y: claim(x, y, math.tanh)),
              _true(lambda z, y: 0.5 * (torch.sigmoid(z) - y) ** 2, lambda x, y: claim(x, y, logistic))]
    assert truths == [True, False]
    got = [c.verdict for c in _claims(SAME_ROW_TWO_SECTIONS)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


UPRIGHT_TANH_THEN_SIGMOID = r"""# Tanh layer

$$ p = \text{tanh}(z) $$

$$ J = \frac{1}{2}(p - y)^{2} $$

$$ \frac{dJ}{dz} = (p - y)(1-p^{2}) $$

# Sigmoid layer

Here σ is the logistic function.

$$ J = \frac{1}{2}(p - y)^{2} = \frac{1}{2}(\sigma(z) - y)^{2} $$

$$ \frac{dJ}{dz} = (p-y)\,p\,(1-p) $$
"""


def test_an_upright_tanh_binds_p_so_a_later_sections_p_is_not_read_above():
    truths = [_true(lambda z, y: 0.5 * (torch.tanh(z) - y) ** 2,
                    lambda x, y: (math.tanh(x) - y) * (1 - math.tanh(x) ** 2)),
              _true(lambda z, y: 0.5 * (torch.sigmoid(z) - y) ** 2,
                    lambda x, y: (1 / (1 + math.exp(-x)) - y) * (1 / (1 + math.exp(-x))) * (1 - 1 / (1 + math.exp(-x))))]
    assert truths == [True, True]
    got = [c.verdict for c in _claims(UPRIGHT_TANH_THEN_SIGMOID)]
    assert all(_agrees(v, t) for v, t in zip(got, truths)), got


def test_a_delta_row_symbp_cannot_prove_leaves_the_claims_in_delta_unchecked():
    page = WRONG_DELTA.replace("Each hidden unit computes $a_j = g_j(z_j)$ and each output $a_k = g_k(z_k)$.",
                               "where $\\sigma$ is the logistic sigmoid.\n\n$$ a_j = \\sigma(z_j) $$\n$$ a_k = \\sigma(z_k) $$")
    page = page.replace("(a_k - t_k) g_k'(z_k)", "(t_k - a_k) a_k (1 - a_k)")
    g = torch.Generator().manual_seed(7)
    x, t = torch.randn(3, generator=g), torch.rand(2, generator=g)
    w1, w2 = torch.randn(3, 4, generator=g), torch.randn(4, 2, generator=g, requires_grad=True)
    a1 = torch.sigmoid(x @ w1)
    a2 = torch.sigmoid(a1 @ w2)
    (0.5 * ((a2 - t) ** 2).sum()).backward()
    a2 = a2.detach()
    delta_k = (t - a2) * a2 * (1 - a2)                               # the page's δ_k: -∂E/∂z_k
    assert not torch.allclose(torch.outer(a1.detach(), delta_k), w2.grad)   # ∂E/∂w_jk = δ_k a_j: false
    got = [c for c in _claims(page) if c.latex.strip() == r"\frac{\partial E}{\partial w_{jk}} = \delta_k a_j"]
    assert got and got[0].verdict != "holds", [(c.latex, c.verdict) for c in got]
