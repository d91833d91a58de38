r"""A section whose settings contradict each other is not guessed: a directive's ``conv=true``
against a forward written as cross-correlation, prose giving two strides for two examples.
Truth from plain loops (the claim against the written forward), never from symbp."""
from __future__ import annotations

import numpy as np

from symbp.check.checker import check_text
from symbp.check.doc_prose import prose_geometry, prose_sizes

FORWARD = r"y_{ij} = \sum_{m}\sum_{n} w_{mn} x_{i+m,j+n}"
CLAIM = r"\frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \delta_{ij} x_{i+m,j+n}"


def _claim_true_for_written_forward(shift=lambda i, m: i + m) -> bool:
    """The claim by loops against torch autograd of the written forward (torch's conv2d is
    the cross-correlation y_ij = Σ w_mn x_{i+m,j+n})."""
    import torch
    rng = np.random.default_rng(0)
    x, delta = rng.integers(-3, 4, (4, 4)), rng.integers(-3, 4, (3, 3))
    w = torch.tensor(rng.integers(-3, 4, (2, 2)), dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.conv2d(torch.tensor(x, dtype=torch.float64)[None, None], w[None, None])[0, 0]
    (y * torch.tensor(delta, dtype=torch.float64)).sum().backward()
    claimed = np.array([[sum(delta[i, j] * x[shift(i, m), shift(j, n)] for i in range(3) for j in range(3))
                         for n in range(2)] for m in range(2)])
    return bool(np.allclose(w.grad.numpy(), claimed))


def test_a_directive_convention_against_the_written_forward_is_asked_for_an_operator_claim():
    # x * δ: the claim writes the convolution the directive's conv= speaks of: asked, not guessed
    assert _claim_true_for_written_forward()
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=true names: x=input w=kernel y=output L=loss -->\n"
            f"$$ {FORWARD} $$\n\n$$ \\frac{{\\partial L}}{{\\partial w}} = x * \\delta $$\n")
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "unchecked"
    assert "directive says true convolution" in claim.detail and "conv=cross" in claim.detail


def test_a_claim_in_entries_alone_is_read_in_the_written_forwards_convention():
    # the layer is the forward the section writes out (cross-correlation, as torch's conv2d); the
    # directive's conv=true is about the operators, and this claim writes none: it adds, never
    # takes the written forward's reading away
    assert _claim_true_for_written_forward()
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=true names: x=input w=kernel y=output L=loss -->\n"
            f"$$ {FORWARD} $$\n\n$$ {CLAIM} $$\n")
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "holds" and "the forward the section writes in entries" in claim.detail
    flipped = CLAIM.replace("i+m,j+n", "i-m+1,j-n+1")      # true convolution's index: false for the written forward
    assert not _claim_true_for_written_forward(lambda i, m: i - m + 1)
    claim = check_text(text.replace(CLAIM, flipped), "md").claims[-1]
    assert claim.verdict == "refuted"


def test_the_same_claim_holds_when_the_directive_agrees():
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross names: x=input w=kernel y=output L=loss -->\n"
            f"$$ {FORWARD} $$\n\n$$ {CLAIM} $$\n")
    assert check_text(text, "md").claims[-1].verdict == "holds"


def test_two_strides_in_the_prose_settle_no_stride():
    prose = "The first example uses stride 1. A second example, with stride 2, comes later."
    assert "#stride" not in prose_sizes(prose)
    found = prose_geometry(prose)
    assert found["stride"] is None and "stride" in found["mentions"]
    assert prose_sizes("with a stride of 2, and later stride 2 again")["#stride"] == ("2", "2")


def test_a_sign_braced_for_spacing_is_the_sign():
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross names: x=input w=kernel y=output L=loss -->\n"
            f"$$ {FORWARD} $$\n\n"
            r"$$ \frac{\partial L}{\partial w_{mn}} = \sum_{i}\sum_{j} \delta_{ij} x_{i{+}m,j{+}n} $$" "\n")
    assert check_text(text, "md").claims[-1].verdict == "holds"


def test_a_display_led_by_an_arrow_character_is_read_as_its_claim():
    assert _claim_true_for_written_forward()
    rng = np.random.default_rng(3)
    x, delta = rng.integers(-3, 4, (4, 4)), rng.integers(1, 4, (3, 3))
    bias_claim_true = delta.sum() == sum(delta[j, i] * x[i, j] for i in range(3) for j in range(3))
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross names: x=input w=kernel y=output "
            "L=loss b=bias -->\n"
            f"$$ {FORWARD} + b $$\n\n$$ → {CLAIM} $$\n\n"
            r"$$ ⇒ \frac{\partial L}{\partial b} = \sum_{i}\sum_{j} \delta_{ji} x_{ij} $$" "\n")
    claims = check_text(text, "md").claims
    assert [c.verdict for c in claims[1:]] == ["holds", "holds" if bias_claim_true else "refuted"]
