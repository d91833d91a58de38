"""A fully connected layer whose activation is named by its layer's label (``f_l(u^l_j)``,
``f_l'(u^l_j)``), and Kronecker's delta inside a sum over the output (``\\sum_k … \\delta_{jk}``).
Truth: torch autograd through u = Wᵀy, y^l = f(u) with f = tanh and a random linear loss (a
claim that holds for every activation holds for tanh; one that fails for tanh is false)."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.layer_activations import unlabel_activations

torch.set_default_dtype(torch.float64)
IN, OUT = 3, 2
PAGE = r"""<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: y^{l-1}=input w^{l}=kernel u^{l}=output y^{l}=activation E=loss -->

$$
u_j^l = \sum_{i} w_{ij}^{l} y_{i}^{l-1}
$$

$$
y_j^l = f_l\left( u_j^{l} \right)
$$
"""


def _torch_case():
    torch.manual_seed(3)
    x = torch.randn(IN)
    w = torch.randn(IN, OUT, requires_grad=True)          # w_{ij}: i the input, j the output
    c = torch.randn(OUT)
    u = x @ w
    y = torch.tanh(u)
    loss = (c * y).sum()
    grad_w = torch.autograd.grad(loss, w)[0]
    fprime = 1 - torch.tanh(u.detach()) ** 2
    return x, c, fprime, grad_w                            # ∂E/∂y_j = c_j


def _formula(kind, x, c, fprime):
    """The claimed ∂E/∂w_{ij} for every (i, j), 0-based, by plain loops."""
    out = torch.zeros(IN, OUT)
    for i in range(IN):
        for j in range(OUT):
            if kind == "chain":
                out[i, j] = c[j] * fprime[j] * x[i]
            elif kind == "no f'":
                out[i, j] = c[j] * x[i]
            elif kind == "kronecker jk":
                out[i, j] = sum(c[k] * fprime[k] * x[i] * (j == k) for k in range(OUT))
            elif kind == "kronecker ik":
                out[i, j] = sum(c[k] * fprime[k] * x[i] * (i == k) for k in range(OUT))
    return out


CLAIMS = {
    "chain": r"\frac{\partial E}{\partial w_{ij}^{l}} = \frac{\partial E}{\partial y_{j}^{l}} f_{l}'(u_{j}^{l}) y_i^{l-1}",
    "no f'": r"\frac{\partial E}{\partial w_{ij}^{l}} = \frac{\partial E}{\partial y_{j}^{l}} y_i^{l-1}",
    "kronecker jk": r"\frac{\partial E}{\partial w_{ij}^{l}} = \sum_{k} \frac{\partial E}{\partial y_{k}^{l}} f_l'(u_{k}^{l}) y_{i}^{l-1} \delta_{jk}",
    "kronecker ik": r"\frac{\partial E}{\partial w_{ij}^{l}} = \sum_{k} \frac{\partial E}{\partial y_{k}^{l}} f_l'(u_{k}^{l}) y_{i}^{l-1} \delta_{ik}",
}


@pytest.mark.parametrize("kind", list(CLAIMS))
def test_layer_labelled_activation_and_kronecker_agree_with_autograd(kind):
    x, c, fprime, grad_w = _torch_case()
    truth = "holds" if torch.allclose(_formula(kind, x, c, fprime), grad_w) else "refuted"
    claim = check_text(PAGE + f"\n$$\n{CLAIMS[kind]}\n$$\n", "md").claims[-1]
    assert claim.verdict == truth, (kind, claim.detail)


def test_a_page_that_defines_the_plain_function_keeps_the_label():
    """f(x) = x defined on the page: f_l may be another function, so nothing is held for it."""
    page = PAGE + "\nWith the identity $f(x) = x$ in the last layer.\n"
    claim = check_text(page + f"\n$$\n{CLAIMS['chain']}\n$$\n", "md").claims[-1]
    assert claim.verdict != "holds"


@pytest.mark.parametrize("latex, expected", [
    (r"f_{l+1}'\left( u_{k}^{l+1} \right) w_{jk}^{l+1}", r"f'\left( u_{k}^{l+1} \right) w_{jk}^{l+1}"),
    (r"g_L(z^{L}_i) - y_i", r"g(z^{L}_i) - y_i"),
    (r"f_L'(u_{j}^{L}) + f_{l}'(u_{j}^{l})", r"f_L'(u_{j}^{L}) + f_{l}'(u_{j}^{l})"),     # two layers
    (r"f_l'(x_j)", r"f_l'(x_j)"),                      # the argument carries no label
    (r"\sigma_l'(z^l_j)", r"\sigma_l'(z^l_j)"),         # σ_l: its own function (calc_activations)
])
def test_which_labels_are_dropped(latex, expected):
    assert unlabel_activations(latex) == expected
