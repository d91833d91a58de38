"""Round twenty-nine: an activation's derivative written with the function's name
(``\\frac{d\\,\\mathrm{ReLU}(z)}{dz}``) or as one entry of the layer in the directive's letters
(``∂L/∂Z_{i,j} = ∂L/∂A_{i,j} · \\mathbb{I}(Z_{i,j} > 0)``), and a convolution whose forward writes
its stride as a letter per axis (``X_{i S_h + m, j S_w + n}``) with no number for it.

Truth from torch autograd (float64) or a plain loop, never from symbp: each claim's truth is
computed first, then symbp's verdict must be that truth (or, where the test says so, unchecked)."""
import itertools

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
POINTS = (-1.7, -0.4, 0.3, 1.2, 2.5)          # away from ReLU's kink at 0
FUNCTIONS = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}


def _claims(page):
    return [c for c in check_text(page, "md").claims if c.verdict != "definition"]


def _derivative(name, x):
    t = torch.tensor(x, requires_grad=True)
    FUNCTIONS[name](t).backward()
    return float(t.grad)


def _truth(name, claimed) -> bool:
    """Whether claimed(z, f(z)) is f'(z) at every point (torch autograd)."""
    return all(abs(_derivative(name, x) - claimed(x, float(FUNCTIONS[name](torch.tensor(x))))) < 1e-9
               for x in POINTS)


# (display, the function whose derivative it states, the claimed value as (z, f(z)) -> number)
NAMED = [
    (r"\frac{\mathrm{d}\,\mathrm{ReLU}(z)}{\mathrm{d}z} = \mathbb{I}(z > 0)", "relu", lambda z, a: float(z > 0)),
    (r"\frac{d}{dz}\operatorname{ReLU}(z) = \mathbb{1}[z < 0]", "relu", lambda z, a: float(z < 0)),
    (r"\mathrm{ReLU}'(x) = \mathbb{1}[x > 0]", "relu", lambda z, a: float(z > 0)),
    (r"\frac{d\tanh(u)}{du} = 1 - \tanh^2(u)", "tanh", lambda z, a: 1 - a * a),
    (r"\frac{d\tanh(u)}{du} = 1 - \tanh(u)", "tanh", lambda z, a: 1 - a),
    (r"\frac{\partial\, \text{sigmoid}(z)}{\partial z} = \text{sigmoid}(z)(1 - \text{sigmoid}(z))", "sigmoid",
     lambda z, a: a * (1 - a)),
    (r"\frac{\partial\, \text{sigmoid}(z)}{\partial z} = \text{sigmoid}(z)^2", "sigmoid", lambda z, a: a * a),
]


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=activation name=sigmoid -->\n\n"])
@pytest.mark.parametrize("display, name, claimed", NAMED)
def test_a_named_function_s_derivative_is_checked_against_that_function(directive, display, name, claimed):
    truth = _truth(name, claimed)
    (claim,) = _claims(f"{directive}$$ {display} $$\n")
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail


import math

# chains whose every side is a value of the named function's derivative, as (z, f(z)) -> number
CHAINS = [
    (r"\frac{d}{dx} \tanh x = 1 - \tanh^2 x = \operatorname{sech}^2 x = \frac{1}{\cosh^2 x}", "tanh",
     [lambda z, a: 1 - a * a, lambda z, a: 1 / math.cosh(z) ** 2, lambda z, a: 1 / math.cosh(z) ** 2], None),
    (r"\frac{d}{dx}\left(\tanh(x)\right) = \operatorname{sech}^{2}(x)", "tanh",
     [lambda z, a: 1 / math.cosh(z) ** 2], None),
    (r"\frac{d}{dx} \tanh x = \frac{1}{\cosh^2 x} = 1 + \tanh^2 x", "tanh",
     [lambda z, a: 1 / math.cosh(z) ** 2, lambda z, a: 1 + a * a], "side 3"),
    (r"\frac{d}{dx} \tanh x = \operatorname{sech} x", "tanh", [lambda z, a: 1 / math.cosh(z)], None),
    (r"\frac{d}{du}\,\mathrm{sigmoid}(u) = \frac{e^{-u}}{(1 + e^{-u})^2} = \frac{1}{4\cosh^2(u)}", "sigmoid",
     [lambda z, a: math.exp(-z) / (1 + math.exp(-z)) ** 2, lambda z, a: 1 / (4 * math.cosh(z) ** 2)], "side 3"),
]


@pytest.mark.parametrize("display, name, sides, failing", CHAINS)
def test_a_chain_about_a_named_function_holds_only_if_every_side_does(display, name, sides, failing):
    truth = all(_truth(name, side) for side in sides)
    (claim,) = _claims(f"$$ {display} $$\n")
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail
    if failing:
        assert claim.detail.startswith(failing + ":"), claim.detail


def test_the_names_of_an_unknown_function_are_not_guessed():
    (claim,) = _claims(r"$$ \frac{d\,\mathrm{GELU}(z)}{dz} = \mathbb{1}[z > 0] $$" + "\n")
    assert claim.verdict == "unchecked"


ENTRY_HEAD = "<!-- symbp: layer=activation name={act} names: Z=input A=output L=loss -->\n\n"
# (display, activation, the claimed dL/dZ_{ij} as (z, a, upstream) -> number, or None: not this layer's claim)
ENTRY = [
    (r"\frac{\partial L}{\partial Z_{i, j}} = \frac{\partial L}{\partial A_{i, j}} \cdot \mathbb{I}(Z_{i, j} > 0)",
     "relu", lambda z, a, g: g * (z > 0)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{ij}} \odot \mathbb{1}[Z_{ij} < 0]",
     "relu", lambda z, a, g: g * (z < 0)),
    (r"\frac{\partial L}{\partial Z_{ij}} = 2\frac{\partial L}{\partial A_{ij}} \mathbb{1}[Z_{ij} > 0]",
     "relu", lambda z, a, g: 2 * g * (z > 0)),
    (r"\frac{\partial L}{\partial Z_{ij}} = -\frac{\partial L}{\partial A_{ij}} \mathbb{1}[Z_{ij} > 0]",
     "relu", lambda z, a, g: -g * (z > 0)),
    (r"\frac{\partial A_{ij}}{\partial Z_{ij}} = A_{ij}(1 - A_{ij})", "sigmoid", lambda z, a, g: g * a * (1 - a)),
    (r"\frac{\partial A_{ij}}{\partial Z_{ij}} = A_{ij}(1 + A_{ij})", "sigmoid", lambda z, a, g: g * a * (1 + a)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{ij}} \circ (1 - A_{ij}^2)",
     "tanh", lambda z, a, g: g * (1 - a * a)),
    # not one entry's σ': a sum, another entry, the roles swapped -- never read as σ'(z) = …
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{ij}} + \mathbb{1}[Z_{ij} > 0]", "relu", None),
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{kl}} \mathbb{1}[Z_{ij} > 0]", "relu", None),
    (r"\frac{\partial L}{\partial A_{ij}} = \frac{\partial L}{\partial Z_{ij}} \mathbb{1}[Z_{ij} > 0]", "relu", None),
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{ij}} - \mathbb{1}[Z_{ij} > 0]", "relu", None),
]


def _entry_truth(act, claimed) -> bool:
    """Whether dL/dZ = claimed(Z, A, dL/dA) entry by entry for A = act(Z), L = Σ G ⊙ A (autograd)."""
    gen = torch.Generator().manual_seed(7)
    z = torch.tensor([[-1.3, 0.4], [2.2, -0.6]], requires_grad=True)
    g = torch.randn(2, 2, generator=gen)
    a = FUNCTIONS[act](z)
    (a * g).sum().backward()
    want = z.grad.numpy()
    got = np.vectorize(lambda zz, aa, gg: claimed(zz, aa, gg))(z.detach().numpy(), a.detach().numpy(), g.numpy())
    return bool(np.allclose(want, got, atol=1e-12))


@pytest.mark.parametrize("display, act, claimed", ENTRY)
def test_an_entry_of_an_activation_layer_in_the_directive_s_letters(display, act, claimed):
    (claim,) = _claims(ENTRY_HEAD.format(act=act) + f"$$ {display} $$\n")
    if claimed is None:
        assert claim.verdict != "holds" or "σ'(z)" not in claim.detail, claim.detail
        assert claim.verdict != "holds", claim.detail       # none of them is a true statement here
        return
    truth = _entry_truth(act, claimed)
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail
    assert "read as σ'(z)" in claim.detail


def test_an_entry_claim_in_a_convolution_section_is_not_an_activation_s():
    page = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: Z=input A=output L=loss -->\n\n"
            r"$$ \frac{\partial L}{\partial Z_{ij}} = \frac{\partial L}{\partial A_{ij}} \mathbb{1}[Z_{ij} > 0] $$" + "\n")
    (claim,) = _claims(page)
    assert "σ'(z)" not in claim.detail and claim.verdict != "holds"


# ---------------------------------------------------------------- stride letters per axis

STRIDED = r"""## Backward of a strided convolution

<!-- symbp: layer=conv2d input=7x7 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel b=bias Z=output L=loss -->

The forward, with a stride per axis:

$$
Z_{i, j} = \sum_{m} \sum_{n} X_{i \cdot S_h + m, \, j \cdot S_w + n} K_{m, n} + b
$$

$$
\frac{\partial L}{\partial K_{m, n}} = \sum_{i=0}^{H_{out} - 1} \sum_{j=0}^{W_{out} - 1} \delta_{i, j} \cdot X_{i \cdot S_h + m, \, j \cdot S_w + n}
$$

$$
\frac{\partial L}{\partial K_{m, n}} = \sum_{i=0}^{H_{out} - 1} \sum_{j=0}^{W_{out} - 1} \delta_{i, j} \cdot X_{i + m, \, j + n}
$$

$$
\frac{\partial L}{\partial K_{m, n}} = \sum_{i=0}^{H_{out} - 1} \sum_{j=0}^{W_{out} - 1} \delta_{i, j} \cdot X_{i \cdot S_w + m, \, j \cdot S_h + n + 1}
$$
"""


def _kernel_grad_truth(index, strides=(2, 3), size=7, k=3):
    """Whether dL/dK[m, n] = Σ_{i,j} δ[i, j] X[index(i, j, m, n, s)] at every stride tried, with
    δ = dL/dZ from torch's conv2d (entries outside X: the claim does not hold)."""
    gen = torch.Generator().manual_seed(3)
    for s in strides:
        x = torch.randn(1, 1, size, size, generator=gen)
        w = torch.randn(1, 1, k, k, generator=gen, requires_grad=True)
        z = torch.nn.functional.conv2d(x, w, stride=s)
        up = torch.randn(z.shape, generator=gen)
        (z * up).sum().backward()
        for m, n in itertools.product(range(k), repeat=2):
            total = 0.0
            for i, j in itertools.product(range(z.shape[2]), range(z.shape[3])):
                r, c = index(i, j, m, n, s)
                if not (0 <= r < size and 0 <= c < size):
                    return False
                total += float(up[0, 0, i, j] * x[0, 0, r, c])
            if abs(total - float(w.grad[0, 0, m, n])) > 1e-9:
                return False
    return True


def test_stride_letters_per_axis_are_checked_at_several_strides():
    truths = [_kernel_grad_truth(lambda i, j, m, n, s: (i * s + m, j * s + n)),
              _kernel_grad_truth(lambda i, j, m, n, s: (i + m, j + n)),
              _kernel_grad_truth(lambda i, j, m, n, s: (i * s + m, j * s + n + 1))]
    assert truths == [True, False, False]
    assert _kernel_grad_truth(lambda i, j, m, n, s: (i + m, j + n), strides=(1,))     # stride 1: it holds
    claims = [c for c in _claims(STRIDED) if c.latex.lstrip().startswith(r"\frac")]     # not the forward
    got = [c.verdict for c in claims]
    # the first writes the stride letters and holds at every stride; the second writes none and
    # holds at stride 1 only, which no sentence says: refuted, saying so; the third writes them wrongly
    assert got == ["holds", "refuted", "refuted"], [c.detail for c in claims]
    assert "S_h, S_w" in claims[0].detail and "holds at stride 1" in claims[1].detail


UNIT = r"""## The kernel's gradient

<!-- symbp: layer=conv2d input=7x7 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel b=bias Z=output L=loss -->

$$
Z_{i, j} = \sum_{m} \sum_{n} X_{i \cdot S_h + m, \, j \cdot S_w + n} K_{m, n} + b
$$

{lead}

$$
\frac{{\partial L}}{{\partial K_{{m, n}}}} = \sum_{{i}} \sum_{{j}} \delta_{{i, j}} \cdot X_{{i + m, \, j + n}}
$$

{lead}

$$
\frac{{\partial L}}{{\partial K_{{m, n}}}} = \sum_{{i}} \sum_{{j}} \delta_{{i, j}} \cdot X_{{i + n, \, j + m}}
$$
""".replace("{{", "\x00").replace("}}", "\x01")


def _unit_page(lead):
    return UNIT.replace("{lead}", lead).replace("\x00", "{").replace("\x01", "}")


@pytest.mark.parametrize("lead, first", [("For unit stride (S = 1):", "holds"), ("The gradient:", "refuted"),
                                         ("With a stride of one,", "holds")])
def test_a_claim_without_the_stride_letter_under_a_unit_stride_sentence(lead, first):
    at_unit = [_kernel_grad_truth(lambda i, j, m, n, s: (i + m, j + n), strides=(1,)),
               _kernel_grad_truth(lambda i, j, m, n, s: (i + n, j + m), strides=(1,))]
    anywhere = [_kernel_grad_truth(lambda i, j, m, n, s: (i + m, j + n)),
                _kernel_grad_truth(lambda i, j, m, n, s: (i + n, j + m))]
    assert at_unit == [True, False] and anywhere == [False, False]
    claims = [c for c in _claims(_unit_page(lead)) if c.latex.lstrip().startswith(r"\frac")]
    # right at stride 1 only: it holds where the sentence says so, else refuted; wrong at every stride: refuted
    assert [c.verdict for c in claims] == [first, "refuted"], [c.detail for c in claims]
    assert "stride 1" in claims[1].detail


def test_rot180_is_no_numbered_entry():
    from symbp.check.index_subscripts import index_name_digits_dropped
    assert "180" not in index_name_digits_dropped(r"\delta *_{\mathrm{full}} \mathrm{rot}_{180}(K) + rot_{180^\circ}(W)")
    assert "_{11}" in index_name_digits_dropped(r"x_{11} \mathrm{rot}_{180}(K)")


# round thirty-two: the page's own σ differentiated as d/dz σ(z), σ the sigmoid by the prose's word
SIGMA_OPERATOR = [
    (r"\frac{d}{dx} \sigma(x) = \sigma(x)(1 - \sigma(x))", lambda z, a: a * (1 - a)),
    (r"\frac{d}{dx} \sigma(x) = \sigma(x)(1 + \sigma(x))", lambda z, a: a * (1 + a)),
    (r"\frac{d\,\sigma(x)}{dx} = \sigma(x)^2", lambda z, a: a * a),
]


@pytest.mark.parametrize("display, claimed", SIGMA_OPERATOR)
def test_the_derivative_operator_on_the_pages_sigma(display, claimed):
    truth = _truth("sigmoid", claimed)
    said = _claims(f"# Unit\n\nThe output is a sigmoid, whose derivative is\n\n$$ {display} $$\n")[0]
    assert said.verdict == ("holds" if truth else "refuted"), said.detail
    unsaid = _claims(f"# Unit\n\nThe derivative:\n\n$$ {display} $$\n")[0]       # which σ: not said
    assert unsaid.verdict != ("refuted" if truth else "holds"), unsaid.detail


def test_a_claim_about_sigma_prime_is_no_definition_of_sigma():
    from symbp.check.calc_sigma import page_sigma
    assert page_sigma(r"a sigmoid: $$ \frac{d}{dx} \sigma(x) = \sigma(x)(1 - \sigma(x)) $$") == "sigmoid"
    assert page_sigma(r"a sigmoid: $$ \sigma(x) = \tanh(x) $$") == "tanh"


def test_the_derivative_operator_on_sigma_in_a_dense_section():
    # held-out 26's Korean note: a dense directive, the page's word "sigmoid", d/dx σ(x) = σ(x)(1 - σ(x))
    page = ("# Unit\n\n<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: o_j=input "
            "w_{jk}=kernel o_k=activation t_k=target E=loss -->\n\nThe output is a sigmoid.\n\n"
            "$$ o_k = \\sigma\\left(\\sum_j w_{jk} \\cdot o_j\\right) $$\n\n$$ {display} $$\n")
    for display, claimed in SIGMA_OPERATOR[:2]:
        truth = _truth("sigmoid", claimed)
        said = _claims(page.replace("{display}", display))[-1]
        assert said.verdict == ("holds" if truth else "refuted"), said.detail


def test_a_sigma_of_its_own_below_the_sigmoid_is_not_the_sigmoid():
    # round 27's red team page, met again by round 32's d/dx σ(x) spelling: a steeper σ defined in the second
    # section; its σ'(x) = σ(x)(1 - σ(x)) is false (σ' = 2σ(1 - σ)) and must never hold
    steep = lambda t: torch.sigmoid(2 * t)                          # noqa: E731
    for x in POINTS:
        t = torch.tensor(x, requires_grad=True)
        steep(t).backward()
        s = float(steep(torch.tensor(x)))
        assert abs(float(t.grad) - s * (1 - s)) > 1e-6 and abs(float(t.grad) - 2 * s * (1 - s)) < 1e-9
    for spelled in (r"\frac{d}{dx}\sigma(x)", r"\sigma'(x)"):
        page = ("# The sigmoid\n\n$$ \\sigma(x) = \\frac{1}{1 + e^{-x}} $$\n\n"
                f"$$ {spelled} = \\sigma(x)(1 - \\sigma(x)) $$\n\n# A steeper sigmoid\n\n"
                "$$ \\sigma(x) = \\frac{1}{1 + e^{-2x}} $$\n\n"
                f"$$ {spelled} = \\sigma(x)(1 - \\sigma(x)) $$\n\n$$ {spelled} = 2\\sigma(x)(1 - \\sigma(x)) $$\n")
        claims = _claims(page)
        assert claims[0].verdict == "holds" and claims[1].verdict != "holds" and claims[2].verdict != "refuted", \
            [(c.verdict, c.detail[:80]) for c in claims]
