"""Softmax and cross-entropy claims about the true class c (``∂L/∂z_c = a_c - 1``, ``∂L/∂z_j = a_j``
for j ≠ c): on a page that says ``y_c = 1`` they hold only where the one-hot target is at c, so
they are left unchecked, never refuted; on a page that does not say it they are read for every
target and refuted.  The directive's loss may be written ``\\mathcal{L}``.  Truth: torch autograd."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
DIRECTIVE = ("<!-- symbp: layer=softmax classes=3 target=one-hot names: z^L=input a^L=output "
             "y=target \\mathcal{L}=loss -->\n\n")
TRUE_CLASS = "For the true class c ($y_c = 1$), with a one-hot target:\n"
CLAIMS = [r"\frac{\partial \mathcal{L}}{\partial z^L_c} = a^L_c - 1",
          r"\frac{\partial \mathcal{L}}{\partial z^L_j} = a^L_j - y_j",
          r"\frac{\partial \mathcal{L}}{\partial z^L_j} = a^L_j + y_j"]


def _autograd(hot: int):
    """(∂L/∂z, a) for L = -Σ y log softmax(z), y one-hot at ``hot``."""
    torch.manual_seed(5)
    z = torch.randn(3, requires_grad=True)
    y = torch.nn.functional.one_hot(torch.tensor(hot), 3).double()
    loss = -(y * torch.log_softmax(z, 0)).sum()
    return torch.autograd.grad(loss, z)[0], torch.softmax(z.detach(), 0), y


def _verdicts(prose: str):
    text = DIRECTIVE + prose + "".join(f"\n$$\n{c}\n$$\n" for c in CLAIMS)
    return [c.verdict for c in check_text(text, "md").claims]


def test_the_true_class_is_read_only_where_the_page_says_y_c_is_1():
    grad, a, y = _autograd(hot=0)
    assert torch.isclose(grad[0], a[0] - 1)                   # at the true class c = 0
    other = (1 + 0) % 3
    assert not torch.isclose(grad[other], a[other] - 1)        # at another entry it fails
    assert torch.allclose(grad, a - y) and not torch.allclose(grad, a + y)
    said, unsaid = _verdicts(TRUE_CLASS), _verdicts("With a one-hot target:\n")
    assert said == ["unchecked", "holds", "refuted"], said
    assert unsaid == ["refuted", "holds", "refuted"], unsaid
