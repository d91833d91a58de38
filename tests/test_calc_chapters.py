"""A page with no directive that derives a neuron, softmax and the cross-entropy under their own
headings and reuses the letter ``a`` (``a = \\phi(z)``, then ``a_j = e^{z_j}/Σ_k e^{z_k}``): each
chapter is read as its own section, the loss chapter takes the softmax chapter's ``a_j``, and a
bare ``\\phi'`` is φ at the one argument the chapter applies it to.  Truth from torch autograd;
without headings between the two definitions nothing is held."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

NEURON = r"""
## Neuron

$$
z = w \times x + b
$$

$$
a = \phi(z)
$$

$$
{claim}
$$
"""
SOFTMAX = r"""
## Softmax

$$
a_j = \frac{e^{z_j}}{\sum_{k=1}^{3} e^{z_k}}
$$

$$
\frac{\partial a_i}{\partial z_i} = a_i(1-a_i)
$$
"""
LOSS = r"""
## Loss

With y one-hot:

$$
H(\mathbf y,\mathbf a)=-\sum_{{j=1}}^3 y_j\log a_j
$$

$$
{claim}
$$
"""
NEURON_CLAIMS = {           # claim -> (torch: ∂a/∂wrt, the claimed value)
    r"\frac{\partial a}{\partial x}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial x}=\phi'\times w": ("x", lambda d, w, x: d * w),
    r"\frac{\partial a}{\partial w}=\phi'\times x": ("w", lambda d, w, x: d * x),
    r"\frac{\partial a}{\partial w}=\phi'\times w": ("w", lambda d, w, x: d * w),
}
LOSS_CLAIMS = {r"\frac{\partial H}{\partial z_i} = a_i - y_i": 1, r"\frac{\partial H}{\partial z_i} = y_i - a_i": -1}


def _neuron_truth(wrt: str, value, act) -> bool:
    g = torch.Generator().manual_seed(3)
    w, x, b = (torch.randn((), generator=g).requires_grad_() for _ in range(3))
    z = w * x + b
    a = act(z)
    grad = torch.autograd.grad(a, {"x": x, "w": w}[wrt])[0]
    zz = z.detach().requires_grad_()
    dphi = torch.autograd.grad(act(zz), zz)[0]
    return bool(torch.isclose(grad, value(dphi, w.detach(), x.detach())))


def _loss_truth(sign: int) -> bool:
    z = torch.randn(3, generator=torch.Generator().manual_seed(5)).requires_grad_()
    y = torch.tensor([0.0, 1.0, 0.0])
    a = torch.softmax(z, 0)
    grad = torch.autograd.grad(-(y * torch.log(a)).sum(), z)[0]
    return bool(torch.allclose(grad, sign * (a - y).detach()))


def _verdicts(text: str) -> dict:
    return {c.latex.strip(): c.verdict for c in check_text(text, "md").claims}


@pytest.mark.parametrize("claim", list(NEURON_CLAIMS))
def test_neuron_chapter_reads_its_own_a_and_a_bare_phi_prime(claim):
    truth = all(_neuron_truth(*NEURON_CLAIMS[claim], act) for act in (torch.tanh, torch.sigmoid))
    text = NEURON.format(claim=claim) + SOFTMAX + LOSS.format(claim=list(LOSS_CLAIMS)[0])
    got = _verdicts(text)[claim]
    assert got == "holds" if truth else got in ("refuted", "unchecked")


@pytest.mark.parametrize("claim", list(LOSS_CLAIMS))
def test_loss_chapter_takes_the_softmax_chapters_a(claim):
    text = NEURON.format(claim=list(NEURON_CLAIMS)[0]) + SOFTMAX + LOSS.format(claim=claim)
    got = _verdicts(text)
    assert got[r"\frac{\partial a_i}{\partial z_i} = a_i(1-a_i)"] == "holds"
    assert got[claim] == ("holds" if _loss_truth(LOSS_CLAIMS[claim]) else "refuted")


def test_without_headings_the_second_a_stays_unsettled():
    text = (NEURON.format(claim=list(NEURON_CLAIMS)[0]) + SOFTMAX + LOSS.format(
        claim=r"\frac{\partial H}{\partial z_i} = y_i - a_i")).replace("## Softmax", "").replace("## Loss", "")
    got = _verdicts(text)
    assert got[r"\frac{\partial H}{\partial z_i} = y_i - a_i"] != "holds"
    assert got[r"\frac{\partial a_i}{\partial z_i} = a_i(1-a_i)"] != "holds"


def test_a_bare_prime_of_an_activation_applied_twice_is_not_guessed():
    text = r"""
$$
a = \phi(z)
$$

$$
c = \phi(u)
$$

$$
\frac{\partial a}{\partial z} = \phi'
$$
"""
    assert _verdicts(text)[r"\frac{\partial a}{\partial z} = \phi'"] != "holds"
