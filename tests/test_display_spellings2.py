r"""Display spellings that change no meaning, in the softmax / cross-entropy pages of many
authors: ``\tag{3}`` and a hand-typed ``\qquad (3)``, ``\bigg( … \bigg)`` / ``\Big[`` sizers,
``\boldsymbol`` / ``\mathbf`` / ``\bm`` letters, ``\text{softmax}`` / ``\mathrm{softmax}``,
``\hspace{1em}`` / ``\,`` spacing, a quantifier over the whole index range in words (``\ for \ k
\in 1 \cdots K``, ``\quad \text{for all } k``), and indicators ``\mathbb{1}\{i = k\}`` /
``\mathbb{1}_{i=k}`` / ``\mathbb{1}[i=k]`` / ``\mathbb{1}_{\{i=k\}}``.  Each is checked as
written and with its mathematics changed; truth from torch autograd (never symbp): the right
spelling of a true form holds, of a false form is refuted.
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

DOC = r"""# The cross-entropy loss

The target $y$ is a one-hot vector.

$$
p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)}
$$

$$
L = -\sum_i y_i \log p_i
$$

"""

C = 4


def torch_values(seed: int):
    gen = torch.Generator().manual_seed(seed)
    o = torch.randn(C, generator=gen, dtype=torch.float64)
    y = torch.nn.functional.one_hot(torch.randint(0, C, (), generator=gen), C).double()
    oo = o.clone().requires_grad_(True)
    (-(y * torch.log_softmax(oo, 0)).sum()).backward()
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), o)
    return torch.softmax(o, 0), y, oo.grad, jac


def torch_truth(kind: str, form) -> str:
    """"holds" where form(p, y, i, k) equals autograd's ∂L/∂o_k ("G") or ∂p_i/∂o_k ("J")."""
    for seed in range(3):
        p, y, grad, jac = torch_values(seed)
        for i in range(C):
            for k in range(C):
                want = grad[k] if kind == "G" else jac[i, k]
                if abs(float(want) - float(form(p, y, i, k))) > 1e-9:
                    return "refuted"
    return "holds"


D = lambda i, k: float(i == k)       # noqa: E731
GRAD = r"\frac{\partial L}{\partial o_k} = "
JAC = r"\frac{\partial p_i}{\partial o_k} = "
# (kind, written claim with {F} for the form, the form right and wrong: (latex, torch))
RIGHT_G = (r"p_k - y_k", lambda p, y, i, k: p[k] - y[k])
WRONG_G = (r"y_k - p_k", lambda p, y, i, k: y[k] - p[k])
SPELLINGS_G = [
    GRAD + r"{F} \tag{3}",
    GRAD + r"{F} \qquad (3)",
    GRAD + r"{F} \quad (2.1)",
    GRAD + r"\bigg( {F} \bigg)",
    GRAD + r"\big ( {F} \big )",
    GRAD + r"\Big[ {F} \Big]",
    GRAD + r"\left( {F} \right)",
    GRAD + r"\displaystyle {F}",
    GRAD + r"\, {F} \hspace{1em}",
    GRAD + r"{F} \ for \ k \in 1 \cdots K",
    GRAD + r"{F}, \quad \text{for all } k",
    GRAD + r"{F} \quad \text{for } k = 1, \dots, K",
    GRAD + r"{F}, \quad k \in \{1, \dots, K\}",
    r"\frac{\partial{L}}{\partial{o_k}} = {F}",
    r"\frac{\partial}{\partial o_k} L = {F}",
]
BOLD = [(GRAD + r"\boldsymbol{p}_k - \mathbf{y}_k", "G", lambda p, y, i, k: p[k] - y[k]),
        (GRAD + r"\bm{p}_k - y_k", "G", lambda p, y, i, k: p[k] - y[k]),
        (GRAD + r"\text{softmax}(o)_k - y_k", "G", lambda p, y, i, k: p[k] - y[k]),
        (GRAD + r"\mathrm{softmax}(o)_k - y_k", "G", lambda p, y, i, k: p[k] - y[k]),
        (GRAD + r"y_k - \mathrm{softmax}(o)_k", "G", lambda p, y, i, k: y[k] - p[k]),
        (GRAD + r"\boldsymbol{y}_k - \boldsymbol{p}_k", "G", lambda p, y, i, k: y[k] - p[k])]
INDICATORS = [r"\mathbb{1}\{i = k\}", r"\mathbb{1}_{i=k}", r"\mathbb{1}[i=k]", r"\mathbb{1}_{\{i=k\}}",
              r"1\{i = k\}", r"\delta_{ik}"]


def verdict(claim: str):
    report = check_text(DOC + "$$\n" + claim + "\n$$\n", "md", time_limit=10)
    return report.claims[-1].verdict, report.claims[-1].detail


def test_truth_source_can_fail():
    assert torch_truth("G", RIGHT_G[1]) == "holds" and torch_truth("G", WRONG_G[1]) == "refuted"


@pytest.mark.parametrize("spelling", SPELLINGS_G)
def test_gradient_spellings(spelling):
    for form, fn in (RIGHT_G, WRONG_G):
        want = torch_truth("G", fn)
        got, detail = verdict(spelling.replace("{F}", form))
        assert got == want, (spelling, form, got, detail)


@pytest.mark.parametrize("claim,kind,fn", BOLD)
def test_letters_and_function_names(claim, kind, fn):
    got, detail = verdict(claim)
    assert got == torch_truth(kind, fn), (claim, detail)


@pytest.mark.parametrize("indicator", INDICATORS)
def test_indicator_spellings(indicator):
    right = (JAC + rf"p_i ({indicator} - p_k)", lambda p, y, i, k: p[i] * (D(i, k) - p[k]))
    wrong = (JAC + rf"p_k ({indicator} + p_i)", lambda p, y, i, k: p[k] * (D(i, k) + p[i]))
    for claim, fn in (right, wrong):
        got, detail = verdict(claim)
        assert got == torch_truth("J", fn), (claim, detail)


def test_a_quantifier_that_restricts_the_index_is_kept():
    # "for k = 1" is one entry, not the whole range: never read as a claim about every k
    got, detail = verdict(GRAD + r"p_k - y_k \quad \text{for } k = 1")
    assert got != "refuted", detail


TWO_LAYERS = r"""# A two-layer network

$$
z_1 = W_1 x, \quad a_1 = \sigma(z_1)
$$

$$
z_2 = W_2 a_1
$$

$$
\delta_2 = \frac{\partial L}{\partial z_2}
$$

"""


def two_layer_truth():
    """torch: (∂L/∂a_1 = W_2^T δ_2, ∂L/∂W_2 = δ_2 a_1^T, a_1 δ_2^T fits W_2's shape) for a loss
    L = r · z_2 of the network's output."""
    gen = torch.Generator().manual_seed(5)
    w1, w2 = torch.randn(4, 3, generator=gen, dtype=torch.float64), torch.randn(2, 4, generator=gen, dtype=torch.float64)
    x, r = torch.randn(3, generator=gen, dtype=torch.float64), torch.randn(2, generator=gen, dtype=torch.float64)
    w2 = w2.requires_grad_(True)
    a1 = torch.sigmoid(w1 @ x).detach().requires_grad_(True)
    z2 = w2 @ a1
    z2.retain_grad()
    (r * z2).sum().backward()
    delta = z2.grad
    return (torch.allclose(a1.grad, w2.detach().T @ delta),
            torch.allclose(w2.grad, torch.outer(delta, a1.detach())),
            torch.outer(a1.detach(), delta).shape == w2.shape)


@pytest.mark.parametrize("written", [r"W_2^T \delta_2", r"W^{T}_{2} \delta_2", r"W^\top_2 \delta_2"])
def test_a_transpose_written_before_the_layer_subscript(written):
    da, dw, swapped_fits = two_layer_truth()
    assert da and dw and not swapped_fits
    report = check_text(TWO_LAYERS + "$$\n\\frac{\\partial L}{\\partial a_1} = " + written + "\n$$\n", "md")
    assert report.claims[-1].verdict == "holds", report.claims[-1].detail
    report = check_text(TWO_LAYERS + "$$\n\\frac{\\partial L}{\\partial W_2} = \\delta_2 a^{T}_{1}\n$$\n", "md")
    assert report.claims[-1].verdict == "holds", report.claims[-1].detail
    report = check_text(TWO_LAYERS + "$$\n\\frac{\\partial L}{\\partial W_2} = a_1 \\delta^{T}_{2}\n$$\n", "md")
    assert report.claims[-1].verdict == "refuted", report.claims[-1].detail


@pytest.mark.parametrize("written,indicator", [
    (r"\mathbb{1}_{z > 0}", lambda z: z > 0), (r"\mathbb{1}_{\{z > 0\}}", lambda z: z > 0),
    (r"\mathds{1}_{z > 0}", lambda z: z > 0), (r"\mathbb{1}[z > 0]", lambda z: z > 0),
    (r"\mathbb{1}_{z < 0}", lambda z: z < 0), (r"\mathbf{1}_{z \leq 0}", lambda z: z <= 0)])
def test_relu_derivative_as_an_indicator_with_its_condition_as_a_subscript(written, indicator):
    z = torch.tensor([-2.0, -0.5, 0.7, 3.0], dtype=torch.float64, requires_grad=True)
    torch.relu(z).sum().backward()                  # away from the kink: ReLU' by autograd
    truth = "holds" if all(float(g) == float(indicator(float(v))) for g, v in zip(z.grad, z.detach())) \
        else "refuted"
    report = check_text("$$\\sigma(z) = \\max(0, z)$$\n$$\\sigma'(z) = " + written + "$$\n", "md")
    assert report.claims[-1].verdict == truth, (written, report.claims[-1].detail)


def test_a_parenthesised_number_after_an_operator_is_a_factor():
    # only a number after a typed space (\quad, \qquad, \,) is an equation number: "y_k \cdot (3)"
    # and "+ (3)" are mathematics (truth: torch, p - 3y is not the gradient)
    assert torch_truth("G", lambda p, y, i, k: p[k] - 3 * y[k]) == "refuted"
    for claim in (GRAD + r"p_k - y_k \cdot (3)", GRAD + r"p_k - (3) y_k", GRAD + r"p_k - y_k - (0) + (0)"):
        got, detail = verdict(claim)
        assert got == ("holds" if "(0)" in claim else "refuted"), (claim, detail)


@pytest.mark.parametrize("number", [r"\qquad [2]", r"\quad [3.1]", r"\hspace{1em} [4]", r"\, [2]", r"~[12a]"])
def test_a_bracketed_number_after_a_typed_space_is_an_equation_number(number):
    # authors number equations as [2] as well as (2); truth: torch (p - y is the gradient, y - p not)
    assert torch_truth("G", RIGHT_G[1]) == "holds" and torch_truth("G", WRONG_G[1]) == "refuted"
    assert verdict(GRAD + RIGHT_G[0] + " " + number)[0] == "holds"
    assert verdict(GRAD + WRONG_G[0] + " " + number)[0] == "refuted"


def test_a_bracketed_number_after_an_operator_is_a_factor():
    assert torch_truth("G", lambda p, y, i, k: p[k] - 2 * y[k]) == "refuted"
    for claim in (GRAD + r"p_k - y_k \cdot [2]", GRAD + r"p_k - [2] y_k"):
        got, detail = verdict(claim)
        assert got == "refuted", (claim, detail)
