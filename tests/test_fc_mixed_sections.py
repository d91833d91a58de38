"""A fully connected part and a convolution example (entries a_{11} … w_{22}) in one document
with no directive: the core infers a conv layer from the entries; a fully connected claim
must not be refuted by that layer's shapes (before: ∂C/∂b^l = δ^l was refuted as the conv's
scalar bias).  Truth from torch autograd, never from symbp."""
import torch

from symbp.check.checker import check_text

DOC = r"""# notes

$$z^l=W^la^{l-1}+b^l$$

$$\frac{\partial C}{\partial b^l}=\delta^l$$

$$\frac{\partial C}{\partial b^l}=(\delta^l)^T \delta^l$$

## a convolution example

$$z_{11}=a_{11}w_{11}+a_{12}w_{12}+a_{21}w_{21}+a_{22}w_{22}$$

$$z_{12}=a_{12}w_{11}+a_{13}w_{12}+a_{22}w_{21}+a_{23}w_{22}$$

$$z_{21}=a_{21}w_{11}+a_{22}w_{12}+a_{31}w_{21}+a_{32}w_{22}$$

$$z_{22}=a_{22}w_{11}+a_{23}w_{12}+a_{32}w_{21}+a_{33}w_{22}$$
"""


def test_fc_bias_claim_is_not_refuted_by_an_inferred_conv_layer():
    torch.manual_seed(0)
    W, a, b = torch.randn(3, 4), torch.randn(4), torch.randn(3, requires_grad=True)
    z = W @ a + b
    z.retain_grad()
    torch.sin(z).sum().backward()
    truth = [torch.allclose(b.grad, z.grad), False]      # δ^T δ is a number, the gradient a vector
    claims = [c for c in check_text(DOC, "md").claims if c.latex.startswith(r"\frac{\partial C}{\partial b^l}")]
    assert len(claims) == 2
    for claim, true in zip(claims, truth):
        assert not (true and claim.verdict == "refuted"), claim.detail
        assert not (not true and claim.verdict == "holds"), claim.detail
    assert claims[0].verdict in ("holds", "unchecked")
