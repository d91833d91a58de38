"""A loss written a second time, otherwise, in one section: the rows after it are not checked
against the first definition.  ``L = -y log σ(z)`` then "Binary cross-entropy: ``L = -y log σ(z) -
(1-y) log(1-σ(z))``" may be a new loss or a wrong claim about the first; rows before it use the
first, rows at or after it are unchecked (never refuted by the old loss, never held by a guess).
Truth: torch autograd at random points (never symbp)."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

torch.manual_seed(5)


def dl_dz(loss, form) -> bool:
    """Whether form(σ(z), y) equals autograd's ∂loss/∂z at random z, y."""
    for _ in range(5):
        z = torch.randn((), dtype=torch.float64, requires_grad=True)
        y = torch.rand((), dtype=torch.float64) * 3
        loss(torch.sigmoid(z), y).backward()
        if not torch.allclose(z.grad, form(torch.sigmoid(z).detach(), y)):
            return False
    return True


POSITIVE = lambda s, y: -y * torch.log(s)                              # noqa: E731
BCE = lambda s, y: -y * torch.log(s) - (1 - y) * torch.log(1 - s)      # noqa: E731

DOC = r"""# Losses

<!-- symbp: layer=activation name=sigmoid -->

$$L = -y \log \sigma(z)$$

$$\frac{\partial L}{\partial z} = \sigma(z) - y$$

$$\frac{\partial L}{\partial z} = y(\sigma(z) - 1)$$

Binary cross-entropy:

$$L = -y \log \sigma(z) - (1 - y)\log(1 - \sigma(z))$$

$$\frac{\partial L}{\partial z} = \sigma(z) - y$$

$$\frac{\partial L}{\partial z} = y - \sigma(z)$$
"""


def verdicts(text):
    return [(c.line, c.verdict, c.detail) for c in check_text(text, "md", time_limit=10).claims]


def test_truth():
    assert not dl_dz(POSITIVE, lambda s, y: s - y) and dl_dz(POSITIVE, lambda s, y: y * (s - 1))
    assert dl_dz(BCE, lambda s, y: s - y) and not dl_dz(BCE, lambda s, y: y - s)


def test_rows_before_use_the_first_loss_and_rows_after_are_not_decided_by_it():
    got = {line: (v, d) for line, v, d in verdicts(DOC)}
    assert got[7][0] == "refuted" and got[9][0] == "holds"          # the first loss: torch agrees
    for line in (13, 15, 17):        # the second definition and the rows after it: not the first loss's
        assert got[line][0] == "unchecked", (line, got[line])
        assert "defined twice" in got[line][1]


def test_a_new_directive_section_reads_the_new_loss():
    text = DOC.replace("Binary cross-entropy:", "<!-- symbp: layer=activation name=sigmoid -->\n\nBinary cross-entropy:")
    got = {line: v for line, v, _ in verdicts(text)}
    assert got[17] == "holds" and got[19] == "refuted"              # σ(z) - y for BCE: torch agrees


SQUARED_FIRST = r"""# One output, two losses

<!-- symbp: layer=activation name=sigmoid -->

$$\hat{y} = \sigma(z)$$

$$L = \frac{1}{2} (\hat{y} - y)^2$$

$$\frac{\partial L}{\partial z} = (\hat{y} - y) \hat{y} (1 - \hat{y})$$

$$\frac{\partial L}{\partial z} = \hat{y} - y$$

Now the binary cross-entropy instead:

$$L = -y \log \hat{y} - (1 - y) \log (1 - \hat{y})$$

$$\frac{\partial L}{\partial z} = \hat{y} - y$$
"""
SQUARED = lambda s, y: (s - y) ** 2 / 2                                # noqa: E731


def test_a_first_loss_without_exp_or_log_is_the_one_earlier_rows_use():
    """The first loss has no exp/log of its own (½(ŷ-y)²: kept beside the σ layer, not a forward
    of its own); the second, otherwise, must not be read back into the rows before it."""
    assert dl_dz(SQUARED, lambda s, y: (s - y) * s * (1 - s)) and not dl_dz(SQUARED, lambda s, y: s - y)
    got = {line: (v, d) for line, v, d in verdicts(SQUARED_FIRST)}
    assert got[9][0] == "holds" and got[11][0] == "refuted"         # the squared error: torch agrees
    for line in (15, 17):
        assert got[line][0] == "unchecked" and "defined twice" in got[line][1], (line, got[line])
