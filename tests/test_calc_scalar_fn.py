r"""One-variable activation functions a section defines (symbp/check/calc_scalar_fn.py):
``g(z) = \frac{1}{1+e^{-z}}`` and claims about g and g' row by row.

Truth comes from torch autograd (float64; torch.sigmoid, torch.tanh, relu, softplus) at
several z, compared with each claim's right side written here as a plain torch function;
symbp never decides it.  True rows hold, mutants (sign, missing square, g(1+g), …) are
refuted, nothing false holds."""
import pytest
import torch

from symbp.check.calc_scalar_fn import ScalarFunctions
from symbp.check.checker import check_text

Z = torch.tensor([-2.3, -0.7, 0.4, 1.1, 2.6], dtype=torch.float64)

# (definition in LaTeX, the function in torch)
FUNCTIONS = {
    "logistic": (r"g_{\text{logistic}}(z) = \frac{1}{1 + e^{-z}}", torch.sigmoid),
    "sigma": (r"\sigma(x) = \frac{1}{1+e^{-x}}", torch.sigmoid),
    "relu": (r"f(z) = \max(0, z)", torch.relu),
    "softplus": (r"s(z) = \log(1 + e^{z})", torch.nn.functional.softplus),
    "tanh": (r"h(z) = \frac{\mathrm{e}^{z} - \mathrm{e}^{-z}}{\mathrm{e}^{z} + \mathrm{e}^{-z}}", torch.tanh),
}
S, T = torch.sigmoid, torch.tanh
# (function, derivative claim in LaTeX, its right side in torch)
CLAIMS = [
    ("logistic", r"g'_{\text{logistic}}(z) = \frac{e^{-z}}{(1+e^{-z})^2}", lambda z: torch.exp(-z) / (1 + torch.exp(-z)) ** 2),
    ("logistic", r"g'_{\text{logistic}}(z) = -\frac{e^{-z}}{(1+e^{-z})^2}", lambda z: -torch.exp(-z) / (1 + torch.exp(-z)) ** 2),
    ("logistic", r"g'_{\text{logistic}}(z) = \frac{e^{-z}}{1+e^{-z}}", lambda z: torch.exp(-z) / (1 + torch.exp(-z))),
    ("logistic", r"g'(z) = g(z)(1-g(z))", lambda z: S(z) * (1 - S(z))),
    ("logistic", r"g'(z) = g(z)(1+g(z))", lambda z: S(z) * (1 + S(z))),
    ("logistic", r"g'(z) = g(z) - g(z)^2", lambda z: S(z) - S(z) ** 2),
    ("logistic", r"g'(z) = g(z) - g(z)", lambda z: S(z) - S(z)),
    ("logistic", r"\frac{d}{dz} g(z) = g(z)\,g(-z)", lambda z: S(z) * S(-z)),
    ("logistic", r"\frac{\partial g(z)}{\partial z} = 1 - g(z)^2", lambda z: 1 - S(z) ** 2),
    ("sigma", r"\sigma'(x) = \frac{e^{x}}{(1+e^{x})^2}", lambda z: torch.exp(z) / (1 + torch.exp(z)) ** 2),
    ("sigma", r"\sigma'(x) = \frac{1}{(1+e^{-x})^2}", lambda z: 1 / (1 + torch.exp(-z)) ** 2),
    ("tanh", r"h'(z) = 1 - h(z)^2", lambda z: 1 - T(z) ** 2),
    ("tanh", r"h'(z) = 1 - h(z)", lambda z: 1 - T(z)),
    ("tanh", r"h'(z) = 1 + h(z)^2", lambda z: 1 + T(z) ** 2),
    ("tanh", r"h'(z) = \frac{4}{(e^{z} + e^{-z})^2}", lambda z: 4 / (torch.exp(z) + torch.exp(-z)) ** 2),
    ("tanh", r"h'(z) = \frac{1}{\cosh^2(z)}", lambda z: 1 / torch.cosh(z) ** 2),
    ("tanh", r"h'(z) = \frac{1}{\cosh(z)}", lambda z: 1 / torch.cosh(z)),
    ("relu", r"f'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}", lambda z: (z > 0).double()),
    ("relu", r"f'(z) = \begin{cases} 0 & z > 0 \\ 1 & z < 0 \end{cases}", lambda z: (z < 0).double()),
    ("relu", r"f'(z) = \begin{cases} z & z > 0 \\ 0 & z < 0 \end{cases}", lambda z: torch.relu(z)),
    ("softplus", r"s'(z) = \frac{1}{1+e^{-z}}", S),
    ("softplus", r"s'(z) = \frac{1}{1+e^{z}}", lambda z: 1 / (1 + torch.exp(z))),
    ("softplus", r"s'(z) = \frac{e^{z}}{1+e^{z}}", lambda z: torch.exp(z) / (1 + torch.exp(z))),
    ("softplus", r"s'(z) = \log(1+e^{z})", torch.nn.functional.softplus),
]


def truth(function: str, claimed) -> str:
    z = Z.clone().requires_grad_(True)
    FUNCTIONS[function][1](z).sum().backward()
    return "holds" if torch.allclose(z.grad, claimed(Z.clone()), rtol=1e-10, atol=1e-12) else "refuted"


@pytest.mark.parametrize("function,claim,claimed", CLAIMS)
def test_derivative_claims_match_torch_autograd(function, claim, claimed):
    expected = truth(function, claimed)
    got = ScalarFunctions([FUNCTIONS[function][0]]).check(claim)
    assert got is not None and got[0] == expected, (claim, got, expected)
    if expected == "refuted":
        assert "the left side is" in got[1] and " at z = " in got[1] or " at x = " in got[1]


def test_both_verdicts_are_really_there():
    kinds = [truth(f, c) for f, _, c in CLAIMS]
    assert kinds.count("holds") >= 9 and kinds.count("refuted") >= 9


def test_relu_says_the_kink_is_not_decided():
    got = ScalarFunctions([FUNCTIONS["relu"][0]]).check(CLAIMS[17][1])
    assert got[0] == "holds" and "the kink z = 0 is not decided" in got[1]


def test_refutation_names_the_point_and_both_values():
    got = ScalarFunctions([FUNCTIONS["logistic"][0]]).check(r"g'(z) = g(z)(1+g(z))")
    assert got[0] == "refuted" and "at z = 0: the left side is 1/4, the right side is 3/4" in got[1]


DOCUMENT = r"""
# The logistic function

$$ g_{\text{logistic}}(z) = \frac{1}{1 + e^{-z}} $$

Its derivative:

$$ g'_{\text{logistic}}(z) = \frac{\partial}{\partial z}\left(\frac{1}{1+e^{-z}}\right) = \frac{e^{-z}}{(1+e^{-z})^2} = \frac{1}{1+e^{-z}} - \left(\frac{1}{1+e^{-z}}\right)^2 = g(z)(1-g(z)) $$

$$ g'_{\text{logistic}}(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \frac{1}{1+e^{-z}} - \frac{1}{1+e^{-z}} = 0 $$

# tanh

$$ \tanh(z) = \frac{\text{sinh}(z)}{\text{cosh}(z)} = \frac{\mathrm{e}^{z} - \mathrm{e}^{-z}}{\mathrm{e}^{z} + \mathrm{e}^{-z}} $$

$$ \frac{d}{dz}\tanh(z) = 1 - \tanh^2(z) $$

$$ \frac{d}{dz}\tanh(z) = 1 - \tanh(z) $$

# ReLU

$$ g(z) = \max(0, z) $$

$$
\begin{aligned}
g'(z) &= \frac{d}{dz} \max(0, z) \\
&= \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}
\end{aligned}
$$
"""


def test_a_whole_document():
    report = check_text(DOCUMENT, "md")
    got = [c.verdict for c in report.claims]
    assert got == ["definition", "holds", "refuted", "holds", "holds", "refuted",
                   "definition", "holds", "holds"], [(c.verdict, c.detail) for c in report.claims]
    assert "row" not in report.claims[2].detail or "side 3" in report.claims[2].detail
    assert "side 3 at z = 0" in report.claims[2].detail


def test_what_is_not_decided_is_never_refuted_or_held():
    logistic = ScalarFunctions([FUNCTIONS["logistic"][0]])
    assert logistic.check(r"g'(z) = g(z)(1-g(z") is None                    # unclosed: not read
    assert logistic.check(r"g'(z) = w") is None                             # a name it does not know
    assert logistic.check(r"g'(z) = \log(z-50)")[0] == "unchecked"           # undefined where tried
    relu = ScalarFunctions([FUNCTIONS["relu"][0]])                          # z < 0 not covered
    assert relu.check(r"f'(z) = \begin{cases} 1 & z > 0 \end{cases}")[0] == "unchecked"


def test_second_derivative_against_torch():
    z = Z.clone().requires_grad_(True)
    (first,) = torch.autograd.grad(torch.sigmoid(z).sum(), z, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), z)
    s = torch.sigmoid(Z)
    assert torch.allclose(second, s * (1 - s) * (1 - 2 * s))
    logistic = ScalarFunctions([FUNCTIONS["logistic"][0]])
    assert logistic.check(r"g''(z) = g(z)(1-g(z))(1-2g(z))")[0] == "holds"
    assert not torch.allclose(second, s * (1 - s))
    assert logistic.check(r"g''(z) = g(z)(1-g(z))")[0] == "refuted"


def test_a_name_defined_twice_in_one_section_is_not_read_below_the_second():
    """One section (no directive, no heading) defines f as ReLU and then as tanh: the tanh rule
    below the second definition is true for tanh and false for ReLU (torch says which); it was
    refuted against the first definition.  Now it is not guessed; above the second it is read."""
    relu_rule = lambda z: (z > 0).double()                             # noqa: E731
    tanh_rule = lambda z: 1 - T(z) ** 2                                # noqa: E731
    assert truth("relu", relu_rule) == "holds" and truth("tanh", tanh_rule) == "holds"
    assert truth("relu", lambda z: 1 - torch.relu(z) ** 2) == "refuted"   # the rule under the first f
    doc = ("$$f(z) = \\max(0, z)$$\n\n$$f'(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}$$\n\n"
           "$$f(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$$\n\n$$f'(z) = 1 - f(z)^2$$\n")
    verdicts = [c.verdict for c in check_text(doc, "md").claims]
    assert verdicts[1] == "holds" and verdicts[3] == "unchecked", verdicts
