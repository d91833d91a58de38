"""A page that says its output activation is the identity (``z'(u) = 1``, "the identity function")
and then drops the activation's derivative, ``δ_j = ∂E/∂z_j × 1``: not refuted there, since it
holds for that activation; on a page that says nothing of the kind the same row is refuted (it
fails for tanh).  Truth: torch autograd with tanh and with the identity."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
PAGE = r"""<!-- symbp: layer=fc in=3 out=2 weight=rows names: z^{L-1}=input w^L=kernel u^L=output z^L=activation E=loss -->

$$
z = \varphi^l(u)
$$

$$
\frac{\partial E}{\partial w^L_{ij}} = \frac{\partial E}{\partial u^L_j} z^{L-1}_i
$$

$$
\frac{\partial E}{\partial u^L_j} = \delta^L_j
$$

WORDS

$$
\delta^L_j = \frac{\partial E}{\partial z^L_j}\times1
$$
"""


def _delta_equals_dE_dz(act) -> bool:
    torch.manual_seed(19)
    u = torch.randn(2, requires_grad=True)
    c = torch.randn(2)
    z = act(u)
    dE_du, dE_dz = torch.autograd.grad((c * z).sum(), u)[0], c       # E = c·z: ∂E/∂z = c
    return torch.allclose(dE_du, dE_dz)


def test_identity_said_in_words():
    assert _delta_equals_dE_dz(lambda u: u) and not _delta_equals_dE_dz(torch.tanh)
    said = check_text(PAGE.replace("WORDS", "When the activation is the identity function, z'(u) = 1, so"), "md").claims[-1]
    unsaid = check_text(PAGE.replace("WORDS", "Then"), "md").claims[-1]
    assert said.verdict == "unchecked" and "identity" in said.detail
    assert unsaid.verdict == "refuted"
