"""A size letter of a section's forward keeps the meaning the forward gives it when a directive
names the letters otherwise than the convolution reading of that forward did: in
``y_i = \\sum_{j=1}^{n} w_{i,j} x_j + b_i`` under a dense layer's directive, n is x's length (3), never
W's rows (2), so a claim that sums the outputs to n reaches y_3, which does not exist
(symbp.check.section_scan.prescan_dims; it held before, a false hold).

Truth: torch autograd of L = <G, y> for y = W x + b, W 2x3."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

PAGE = r"""# A dense layer

<!-- symbp: layer=fc in=3 out=2 names: x=input w=kernel b=bias y=output L=loss -->

$$y_i = \sum_{j=1}^{n} w_{i,j} x_j + b_i$$

$$\frac{\partial L}{\partial x_j} = \sum_{i=1}^{2} \frac{\partial L}{\partial y_i} w_{i,j}$$

$$\frac{\partial L}{\partial x_j} = \sum_{i=1}^{n} \frac{\partial L}{\partial y_i} w_{i,j}$$

$$\frac{\partial L}{\partial b_i} = \sum_{j=1}^{n} \frac{\partial L}{\partial y_i} w_{i,j} x_j$$
"""


def test_the_forwards_n_is_the_inputs_length():
    gen = torch.Generator().manual_seed(5)
    W, x = torch.randn(2, 3, generator=gen), torch.randn(3, generator=gen, requires_grad=True)
    b = torch.randn(2, generator=gen, requires_grad=True)
    g = torch.randn(2, generator=gen)
    ((W @ x + b) * g).sum().backward()
    assert torch.allclose(W.T @ g, x.grad)                        # the sum over the 2 outputs is right
    assert not torch.allclose((g[:, None] * W * x).sum(1), b.grad)  # Σ_j ∂L/∂y_i w_ij x_j is not ∂L/∂b_i
    claims = check_text(PAGE, "md").claims
    assert claims[1].verdict == "holds", claims[1].detail
    assert claims[2].verdict == "refuted" and "does not exist" in claims[2].detail, claims[2].detail
    assert claims[3].verdict == "refuted" and "W_02" in claims[3].detail, claims[3].detail   # j runs to 3
