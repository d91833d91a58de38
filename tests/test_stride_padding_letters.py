"""Claims that write the stride and padding as letters, ``X_{c, s i + m - p, s j + n - p}``, in a
section whose directive states both as numbers (``stride=2 padding=1``): s and p are those
numbers.  Where only the page's prose gives a padding (for another layer), a claim that reads the
input at ``s i + m`` with no padding offset stays unchecked.  Truth: torch's conv2d and autograd."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
DIRECTIVE = "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->\n"


def _grad_w():
    torch.manual_seed(29)
    x = torch.randn(1, 2, 5, 5)
    w = torch.randn(3, 2, 3, 3, requires_grad=True)
    g = torch.randn(1, 3, 3, 3)
    y = torch.nn.functional.conv2d(x, w, stride=2, padding=1)
    return x[0], g[0], torch.autograd.grad((y * g).sum(), w)[0]


def _claimed(x, g, offset):
    """Σ_{i,j} g[o,i,j] x[c, 2i+m-offset, 2j+n-offset], zero outside x."""
    out = torch.zeros(3, 2, 3, 3)
    for o, c, m, n, i, j in ((o, c, m, n, i, j) for o in range(3) for c in range(2) for m in range(3)
                             for n in range(3) for i in range(3) for j in range(3)):
        r, q = 2 * i + m - offset, 2 * j + n - offset
        if 0 <= r < 5 and 0 <= q < 5:
            out[o, c, m, n] += g[o, i, j] * x[c, r, q]
    return out


@pytest.mark.parametrize("index, offset", [("s i + m - p, s j + n - p", 1), ("s i + m, s j + n", 0)])
def test_stride_and_padding_letters(index, offset):
    x, g, gw = _grad_w()
    truth = "holds" if torch.allclose(_claimed(x, g, offset), gw) else "refuted"
    claim = (r"\frac{\partial L}{\partial W_{o, c, m, n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y_{o, i, j}} "
             rf"X_{{c, {index}}}")
    got = check_text(DIRECTIVE + f"\n$$\n{claim}\n$$\n", "md").claims[-1]
    assert got.verdict == truth, got.detail


def test_a_padding_only_the_prose_gives_binds_no_letter():
    page = ("The network's other blocks use 3x3 convolutions with stride 1, padding 1.\n\n"
            + DIRECTIVE.replace(" padding=1", ""))
    claim = (r"\frac{\partial L}{\partial W_{o, c, m, n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y_{o, i, j}} "
             r"X_{c, s i + m, s j + n}")
    got = check_text(page + f"\n$$\n{claim}\n$$\n", "md").claims[-1]
    assert got.verdict != "refuted", got.detail
