"""Round twenty-nine's red team of its own readers, and what held-out 21 showed once scored.

Each page's truth is computed first, with torch autograd (float64) or a plain loop, never from
symbp; then symbp's verdict must never be the wrong one: a false claim never "holds", a true one
is never "refuted" (unchecked is honest where the test says so)."""
import itertools
import math

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(page):
    return [c for c in check_text(page, "md").claims if c.verdict not in ("definition",)]


def _never_wrong(verdict, truth):
    return verdict != ("refuted" if truth else "holds")


# ----------------------------------------------------------- an activation entry, written around ∂L/∂A

ENTRY_HEAD = "<!-- symbp: layer=activation name={act} names: Z=input A=output L=loss -->\n\n"
Z = [[-1.3, 0.4], [2.2, -0.6]]
G = [[0.7, -1.9], [2.3, 0.45]]
ACTS = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}

# (display, activation, the claimed dL/dZ as (z, a, g) -> number)
AROUND = [
    (r"\frac{\partial L}{\partial Z_{ij}} = \left( \frac{\partial L}{\partial A_{ij}} + 1 \right) \mathbb{1}[Z_{ij} > 0]",
     "relu", lambda z, a, g: (g + 1) * (z > 0)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \left(1 \cdot \frac{\partial L}{\partial A_{ij}}\right)^2 \mathbb{1}[Z_{ij} > 0]",
     "relu", lambda z, a, g: g * g * (z > 0)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \frac{e^{-Z_{ij}}}{\frac{\partial L}{\partial A_{ij}} (1 + e^{-Z_{ij}})^2}",
     "sigmoid", lambda z, a, g: math.exp(-z) / (g * (1 + math.exp(-z)) ** 2)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \left(\frac{\partial L}{\partial A_{ij}} + 1\right) (1 - A_{ij}^2)",
     "tanh", lambda z, a, g: (g + 1) * (1 - a * a)),
    (r"\frac{\partial L}{\partial Z_{ij}} = \left[\frac{\partial L}{\partial A_{ij}} - A_{ij} + A_{ij}\right] A_{ij}(1 - A_{ij})",
     "sigmoid", lambda z, a, g: g * a * (1 - a)),
    (r"\frac{\partial E}{\partial Z_{ij}} = \frac{\partial E}{\partial A_{ij}} A_{ij}(1 - A_{ij})",
     "sigmoid", lambda z, a, g: g * a * (1 - a)),          # E: a loss the directive does not name
]


def _entry_truth(act, claimed) -> bool:
    z = torch.tensor(Z, requires_grad=True)
    g = torch.tensor(G)
    a = ACTS[act](z)
    (a * g).sum().backward()
    return all(abs(float(z.grad[i][j]) - claimed(Z[i][j], float(a.detach()[i][j]), G[i][j])) < 1e-12
               for i, j in itertools.product(range(2), repeat=2))


@pytest.mark.parametrize("display, act, claimed", AROUND)
def test_the_gradient_inside_a_bracket_a_power_or_a_denominator_is_no_factor(display, act, claimed):
    truth = _entry_truth(act, claimed)
    (claim,) = _claims(ENTRY_HEAD.format(act=act) + f"$$ {display} $$\n")
    assert _never_wrong(claim.verdict, truth), (truth, claim.detail)


# ----------------------------------------------------------- σ on the right of a named derivative

def _tanh_prime(x):
    return 1 - math.tanh(x) ** 2


def _sig(x):
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize("display, claimed", [
    (r"\frac{d}{dz}\tanh(z) = 4\sigma(2z)(1-\sigma(2z))", lambda x: 4 * _sig(2 * x) * (1 - _sig(2 * x))),
    (r"\frac{d}{dz}\tanh(z) = 1 - \sigma(z)^2", lambda x: 1 - _sig(x) ** 2),
])
def test_a_sigma_beside_a_named_function_is_the_page_s_sigma(display, claimed):
    truth = all(abs(_tanh_prime(x) - claimed(x)) < 1e-12 for x in (-1.2, 0.3, 1.7))
    page = "<!-- symbp: layer=activation name=sigmoid -->\n\n$$ \\sigma(z) = \\frac{1}{1 + e^{-z}} $$\n\n" \
           f"$$ {display} $$\n"
    claim = _claims(page)[-1]
    assert _never_wrong(claim.verdict, truth), (truth, claim.detail)


# ----------------------------------------------------------- strides per axis, and the sentences about them

STRIDED = r"""## Backward of a strided convolution

<!-- symbp: layer=conv2d input=7x7 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel b=bias Z=output L=loss -->

$$
Z_{i, j} = \sum_{m} \sum_{n} X_{i \cdot S_h + m, \, j \cdot S_w + n} K_{m, n} + b
$$

LEAD

$$
\frac{\partial L}{\partial K_{m, n}} = \sum_{i} \sum_{j} \delta_{i, j} X_{INDEX}
$$
"""


def _kernel_grad(index, strides) -> bool:
    """Whether dL/dK[m, n] = Σ δ[i, j] X[index(i, j, m, n, sh, sw)] at each (sh, sw) (torch conv2d)."""
    gen = torch.Generator().manual_seed(5)
    for sh, sw in strides:
        x = torch.randn(1, 1, 7, 7, generator=gen)
        k = torch.randn(1, 1, 3, 3, generator=gen, requires_grad=True)
        z = torch.nn.functional.conv2d(x, k, stride=(sh, sw))
        g = torch.randn(z.shape, generator=gen)
        (z * g).sum().backward()
        for m, n in itertools.product(range(3), repeat=2):
            total = 0.0
            for i, j in itertools.product(range(z.shape[2]), range(z.shape[3])):
                r, c = index(i, j, m, n, sh, sw)
                if not (0 <= r < 7 and 0 <= c < 7):
                    return False
                total += float(g[0, 0, i, j] * x[0, 0, r, c])
            if abs(total - float(k.grad[0, 0, m, n])) > 1e-9:
                return False
    return True


ALL = [(1, 1), (2, 2), (3, 3), (2, 3), (3, 2)]
CASES = [   # (sentence before, the claim's index, its index as a function, the strides the sentence allows)
    ("The kernel's gradient:", r"i \cdot S_w + m, \, j \cdot S_h + n", lambda i, j, m, n, sh, sw: (i * sw + m, j * sh + n), ALL),
    ("The kernel's gradient:", r"i \cdot S_h + m, \, j \cdot S_h + n", lambda i, j, m, n, sh, sw: (i * sh + m, j * sh + n), ALL),
    ("The kernel's gradient:", r"i \cdot S_h + m, \, j \cdot S_w + n", lambda i, j, m, n, sh, sw: (i * sh + m, j * sw + n), ALL),
    ("Since the stride is one of the hyperparameters, we get:", r"i + m, \, j + n",
     lambda i, j, m, n, sh, sw: (i + m, j + n), ALL),
    ("For stride 1 or 2:", r"i + m, \, j + n", lambda i, j, m, n, sh, sw: (i + m, j + n), [(1, 1), (2, 2)]),
    ("Unlike the unit-stride case, here:", r"i + m, \, j + n", lambda i, j, m, n, sh, sw: (i + m, j + n), ALL),
    ("We do not assume stride 1, so:", r"i + m, \, j + n", lambda i, j, m, n, sh, sw: (i + m, j + n), ALL),
    ("If the pooling layer after it has stride 1, the kernel gradient is:", r"i + m, \, j + n",
     lambda i, j, m, n, sh, sw: (i + m, j + n), ALL),
    ("With a stride of one or more,", r"i + m, \, j + n", lambda i, j, m, n, sh, sw: (i + m, j + n), ALL),
    ("For unit stride (S = 1):", r"i + m, \, j + n", lambda i, j, m, n, sh, sw: (i + m, j + n), [(1, 1)]),
    ("When the vertical stride is 1 ($S_h = 1$):", r"i + m, \, j \cdot S_w + n",
     lambda i, j, m, n, sh, sw: (i + m, j * sw + n), [(1, 1), (1, 2), (1, 3)]),
    ("With $S_h = S_w = 2$:", r"2 i + m, \, 2 j + n", lambda i, j, m, n, sh, sw: (2 * i + m, 2 * j + n), [(2, 2)]),
]


@pytest.mark.parametrize("lead, written, index, strides", CASES)
def test_strides_per_axis_and_the_sentence_before_the_claim(lead, written, index, strides):
    truth = _kernel_grad(index, strides)
    claim = _claims(STRIDED.replace("LEAD", lead).replace("INDEX", written))[-1]
    assert _never_wrong(claim.verdict, truth), (truth, claim.detail)


LETTER = r"""## Strided convolution

<!-- symbp: layer=conv2d input=7x7 kernel=3x3 conv=cross index_base=0 names: x=input w=kernel b=bias z=output L=loss -->

$$
z_{i, j} = \sum_{m} \sum_{n} x_{s i + m, s j + n} w_{m, n} + b
$$

LEAD

$$
\frac{\partial L}{\partial b} = \sum_{i} \sum_{j} s \, \delta_{i, j}
$$

$$
\frac{\partial L}{\partial x_{r, c}} = \sum_{m} \sum_{n} \delta_{r - m, c - n} w_{m, n}
$$
"""


@pytest.mark.parametrize("lead", ["If the pooling layer after it has stride 1, the kernel gradient is:",
                                  "We do not assume stride 1, so:"])
def test_a_stride_number_the_prose_does_not_state_binds_no_stride_letter(lead):
    # ∂L/∂b = Σ δ whatever the stride, so s Σ δ is false for s ≥ 2; ∂L/∂x = Σ δ_{r-m,c-n} w only at s = 1
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(1, 1, 7, 7, generator=gen, requires_grad=True)
    w = torch.randn(1, 1, 3, 3, generator=gen)
    b = torch.zeros(1, requires_grad=True)
    z = torch.nn.functional.conv2d(x, w, b, stride=2)
    g = torch.randn(z.shape, generator=gen)
    (z * g).sum().backward()
    assert abs(float(b.grad[0]) - 2 * float(g.sum())) > 1e-6       # s Σ δ at s = 2: false
    oh, ow = g.shape[2], g.shape[3]
    plain = [[sum(float(g[0, 0, r - m, c - n] * w[0, 0, m, n]) for m in range(3) for n in range(3)
                  if 0 <= r - m < oh and 0 <= c - n < ow) for c in range(7)] for r in range(7)]   # the stride-1 form
    assert not torch.allclose(torch.tensor(plain), x.grad[0, 0])
    for claim in _claims(LETTER.replace("LEAD", lead))[1:]:
        assert claim.verdict != "holds", claim.detail


# ----------------------------------------------------------- held-out 21, read after it was scored

def test_a_directive_weight_order_against_the_page_s_own_forward_refutes_nothing():
    """weight=rows (samples as rows, W in x out) over ``z_k = b_k + Σ_j w_{kj} x_j`` (W out x in):
    the page's claims, true for its forward, are never refuted under the directive's other layer."""
    page = r"""## Dense layer

<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: x=input w=kernel b=bias z=output L=loss -->

$$
z_k \coloneqq b_k + \sum_{j=1}^n w_{kj} \cdot x_j
$$

$$
\frac{\partial L}{\partial w_{kj}} = \frac{\partial L}{\partial z_k} \cdot x_j
$$

$$
\frac{\partial L}{\partial x_j} = \sum_{k=1}^m \frac{\partial L}{\partial z_k} \cdot w_{kj}
$$
"""
    gen = torch.Generator().manual_seed(4)
    w = torch.randn(2, 3, generator=gen, requires_grad=True)
    x = torch.randn(3, generator=gen, requires_grad=True)
    z = w @ x
    g = torch.randn(2, generator=gen)
    (z * g).sum().backward()
    assert torch.allclose(w.grad, torch.outer(g, x.detach())) and torch.allclose(x.grad, w.detach().T @ g)
    claims = _claims(page)
    assert [c.verdict for c in claims[1:]] == ["unchecked", "unchecked"], [c.detail for c in claims]
    assert "weight=out-in" in claims[1].detail


EXAMPLES = r"""# Convolution by hand

## Backward

### Without stride

$$\begin{aligned}
y_{11} &= x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22} \\
y_{12} &= x_{12}w_{11} + x_{13}w_{12} + x_{22}w_{21} + x_{23}w_{22} \\
y_{21} &= x_{21}w_{11} + x_{22}w_{12} + x_{31}w_{21} + x_{32}w_{22} \\
y_{22} &= x_{22}w_{11} + x_{23}w_{12} + x_{32}w_{21} + x_{33}w_{22}
\end{aligned}$$

#### The kernel

$$
\frac{\partial E}{\partial w_{12}} = \frac{\partial E}{\partial y_{11}} x_{12} + \frac{\partial E}{\partial y_{12}} x_{13} + \frac{\partial E}{\partial y_{21}} x_{22} + \frac{\partial E}{\partial y_{22}} x_{23}
$$

### With stride 2

$$\begin{aligned}
y_{11} &=x_{11}w_{11}+x_{12}w_{12}+x_{13}w_{13}+x_{21}w_{21}+x_{22}w_{22}+x_{23}w_{23}+x_{31}w_{31}+x_{32}w_{32}+x_{33}w_{33} \\
y_{12} &=x_{13}w_{11}+x_{14}w_{12}+x_{15}w_{13}+x_{23}w_{21}+x_{24}w_{22}+x_{25}w_{23}+x_{33}w_{31}+x_{34}w_{32}+x_{35}w_{33} \\
y_{21} &=x_{31}w_{11}+x_{32}w_{12}+x_{33}w_{13}+x_{41}w_{21}+x_{42}w_{22}+x_{43}w_{23}+x_{51}w_{31}+x_{52}w_{32}+x_{53}w_{33} \\
y_{22} &=x_{33}w_{11}+x_{34}w_{12}+x_{35}w_{13}+x_{43}w_{21}+x_{44}w_{22}+x_{45}w_{23}+x_{53}w_{31}+x_{54}w_{32}+x_{55}w_{33}
\end{aligned}$$

#### The kernel

$$
\frac{\partial E}{\partial w_{11}} = \frac{\partial E}{\partial y_{11}} x_{11} + \frac{\partial E}{\partial y_{12}} x_{13} + \frac{\partial E}{\partial y_{21}} x_{31} + \frac{\partial E}{\partial y_{22}} x_{33}
$$
"""


def _kernel_entry(size, k, stride, at, terms) -> bool:
    """Whether dE/dw[at] (1-based) = Σ dE/dy[o] x[p] over ``terms`` ((o, p) 1-based pairs), torch conv2d."""
    gen = torch.Generator().manual_seed(9)
    x = torch.randn(1, 1, size, size, generator=gen)
    w = torch.randn(1, 1, k, k, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, stride=stride)
    g = torch.randn(y.shape, generator=gen)
    (y * g).sum().backward()
    total = sum(float(g[0, 0, o[0] - 1, o[1] - 1] * x[0, 0, p[0] - 1, p[1] - 1]) for o, p in terms)
    return abs(total - float(w.grad[0, 0, at[0] - 1, at[1] - 1])) < 1e-9


def test_a_subsection_reads_the_example_its_section_writes():
    """Two examples under ### headings, each with its own forward rows; the claims sit under
    #### headings of their own and are read at their example's sizes, not the page's largest."""
    truths = [_kernel_entry(3, 2, 1, (1, 2), [((1, 1), (1, 2)), ((1, 2), (1, 3)), ((2, 1), (2, 2)), ((2, 2), (2, 3))]),
              _kernel_entry(5, 3, 2, (1, 1), [((1, 1), (1, 1)), ((1, 2), (1, 3)), ((2, 1), (3, 1)), ((2, 2), (3, 3))])]
    assert truths == [True, True]
    claims = [c for c in _claims(EXAMPLES) if c.latex.lstrip().startswith(r"\frac")]
    assert [c.verdict for c in claims] == ["holds", "holds"], [c.detail for c in claims]


@pytest.mark.parametrize("page, truth", [
    ("Here σ is the logistic function.\n\n$$ \\sigma'(z^L_j)= \\sigma(z^L_j)\\cdot \\left( 1 - \\sigma(z^L_j) \\right) $$\n", True),
    ("Here σ is the logistic function.\n\n$$ \\sigma'(z^L_j)= 1 - \\sigma(z^L_j)^2 $$\n", False),
    ("$$ \\mathrm{ReLU}'(z^{l-1}_i) = \\begin{cases} 1 & \\text{nếu } z^{l-1}_i > 0 \\\\ 0 & \\text{ngược lại} \\end{cases} $$\n", True),
    ("$$\nReLU'(z^{out})=\\left\\{\n\\begin{aligned}\n1&,z^{out}<0\\\\\n0&, otherwise\n\\end{aligned}\n\\right.\n$$\n", False),
])
def test_an_entry_as_the_argument_and_cases_in_other_spellings(page, truth):
    # the truths: σ' = σ(1-σ) for the logistic σ (torch checks one point), ReLU' = 1 above 0
    t = torch.tensor(0.37, requires_grad=True)
    torch.sigmoid(t).backward()
    s = float(torch.sigmoid(t.detach()))
    assert abs(float(t.grad) - s * (1 - s)) < 1e-12 and abs(float(t.grad) - (1 - s * s)) > 1e-3
    (claim,) = _claims(page)
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail


@pytest.mark.parametrize("display, claimed", [
    (r"\frac{d}{dx}\tanh x = 1 - \tanh x^2", lambda x: 1 - math.tanh(x * x)),      # \tanh x^2 is tanh(x^2)
    (r"\frac{d}{dx}\tanh x = \frac{1}{\cosh x^2}", lambda x: 1 / math.cosh(x * x)),
])
def test_a_power_on_a_bare_argument_is_the_argument_s(display, claimed):
    truth = all(abs(_tanh_prime(x) - claimed(x)) < 1e-12 for x in (-1.2, 0.3, 1.7))
    (claim,) = _claims(f"$$ {display} $$\n")
    assert _never_wrong(claim.verdict, truth), (truth, claim.detail)
