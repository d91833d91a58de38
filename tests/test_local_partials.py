r"""Chain rules written factor by factor with local partials between entries, the way authors
write them (Nielsen's ``\frac{\partial a^l_k}{\partial z^l_j}``, compphysics' ``\frac{\partial
z^{l+1}_i}{\partial a^l_k}``, Gibiansky's ``\frac{\partial y^\ell_{ij}}{\partial x^\ell_{ij}}``,
``\frac{\partial}{\partial x_{ij}}\left(\sigma(x_{ij})\right)``): each factor takes the value the
forward gives it, and the chain holds only if every side agrees.  Truth from torch autograd."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

OUT, IN = 2, 3
FC_DOC = (f"<!-- symbp: layer=fc in={IN} out={OUT} names: a=input w=kernel z=output b=bias C=loss -->\n\n"
          r"$$ z^{l+1}_j = \sum_k w^l_{jk} a^l_k + b^l_j, \quad a^l_j = \sigma(z^l_j) $$" "\n\n")


def _fc():
    """z^l → a^l = sigmoid(z^l) → z^{l+1} = W a^l + b → C = Σ g z^{l+1}: autograd's dC/dz^l and
    the Jacobian of a^l in z^l."""
    gen = torch.Generator().manual_seed(5)
    W, b, z, g = (torch.randn(*s, generator=gen, dtype=torch.float64) for s in ((OUT, IN), (OUT,), (IN,), (OUT,)))
    z.requires_grad_(True)
    (g * (W @ torch.sigmoid(z) + b)).sum().backward()
    s = torch.sigmoid(z).detach().numpy()
    jac = torch.autograd.functional.jacobian(torch.sigmoid, z.detach()).numpy()
    return dict(dz=z.grad.numpy(), W=W.numpy(), g=g.numpy(), sp=s * (1 - s), jac=jac)


D = _fc()
FC = [
    (r"\frac{\partial C}{\partial z^l_j} = \sum_{i,k} \frac{\partial C}{\partial z^{l+1}_i} "
     r"\frac{\partial z^{l+1}_i}{\partial a^l_k} \frac{\partial a^l_k}{\partial z^l_j} = "
     r"\sum_i \delta^{l+1}_i w^l_{ij} \sigma'(z^l_j)",
     all(np.isclose(D["dz"][j], sum(D["g"][i] * D["W"][i, j] for i in range(OUT)) * D["sp"][j]) for j in range(IN))),
    (r"\frac{\partial C}{\partial z^l_j} = \sum_{i,k} \frac{\partial C}{\partial z^{l+1}_i} "
     r"\frac{\partial z^{l+1}_i}{\partial a^l_k} \frac{\partial a^l_k}{\partial z^l_j}",
     True),
    # the σ' factor left out: the chain is refuted at its second side
    (r"\frac{\partial C}{\partial z^l_j} = \sum_{i} \frac{\partial C}{\partial z^{l+1}_i} "
     r"\frac{\partial z^{l+1}_i}{\partial a^l_j}",
     all(np.isclose(D["dz"][j], sum(D["g"][i] * D["W"][i, j] for i in range(OUT))) for j in range(IN))),
    (r"\frac{\partial a^l_j}{\partial z^l_j} = \sigma'(z^l_j)",
     all(np.isclose(D["jac"][j, j], D["sp"][j]) for j in range(IN))),
    # an off-diagonal entry: zero, not σ'
    (r"\frac{\partial a^l_k}{\partial z^l_j} = \sigma'(z^l_j)",
     all(np.isclose(D["jac"][k, j], D["sp"][j]) for j in range(IN) for k in range(IN))),
    (r"\frac{\partial z^{l+1}_i}{\partial a^l_k} = w^l_{ik}", True),       # z = W a + b is linear in a
    (r"\frac{\partial z^{l+1}_i}{\partial a^l_k} = w^l_{ki}", False),
]


@pytest.mark.parametrize("claim,true", FC, ids=[c[-50:] for c, _ in FC])
def test_fc_local_partials_against_autograd(claim, true):
    got = check_text(FC_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if true else "refuted"), (claim, got.detail)


def test_the_false_transposed_partial_really_is_false():
    assert not np.allclose(D["W"][:, :OUT], D["W"][:, :OUT].T)


ACT_DOC = r"$$ y_{ij} = \sigma(x_{ij}) $$" "\n\n"


def _act():
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(3, 3, generator=gen, dtype=torch.float64, requires_grad=True)
    up = torch.randn(3, 3, generator=gen, dtype=torch.float64)
    (torch.sigmoid(x) * up).sum().backward()
    s = torch.sigmoid(x).detach().numpy()
    return x.grad.numpy(), up.numpy(), s * (1 - s)


DX, UP, SP = _act()
ACT = [
    (r"\frac{\partial E}{\partial x_{ij}} = \frac{\partial E}{\partial y_{ij}} \frac{\partial y_{ij}}{\partial x_{ij}} = "
     r"\frac{\partial E}{\partial y_{ij}} \sigma'(x_{ij})", np.allclose(DX, UP * SP)),
    (r"\frac{\partial E}{\partial x_{ij}} = \frac{\partial E}{\partial y_{ij}} "
     r"\frac{\partial}{\partial x_{ij}}\left(\sigma(x_{ij})\right)", np.allclose(DX, UP * SP)),
    (r"\frac{\partial E}{\partial x_{ij}} = \frac{\partial E}{\partial y_{ij}} \frac{\partial y_{ij}}{\partial x_{ij}} = "
     r"\frac{\partial E}{\partial y_{ij}}", np.allclose(DX, UP)),
    # the transposed entry of the Jacobian: zero off the diagonal
    (r"\frac{\partial E}{\partial x_{ij}} = \frac{\partial E}{\partial y_{ij}} \frac{\partial y_{ji}}{\partial x_{ij}}",
     np.allclose(DX, UP * SP * np.eye(3))),
]


@pytest.mark.parametrize("claim,true", ACT, ids=[c[-50:] for c, _ in ACT])
def test_elementwise_activation_local_factors_against_autograd(claim, true):
    # a loss E the section does not define: a false form is refuted or left unchecked (a wrong
    # form may still agree for one loss), never held
    got = check_text(ACT_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == "holds" if true else got.verdict in ("refuted", "unchecked"), (claim, got.detail)


def test_a_local_factor_across_layer_labels_is_not_read():
    doc = r"$$ y^{l}_{ij} = \sigma(x^{l}_{ij}) $$" "\n\n"
    claim = r"\frac{\partial E}{\partial x^l_{ij}} = \frac{\partial E}{\partial y^l_{ij}} \frac{\partial y^{l+1}_{ij}}{\partial x^l_{ij}}"
    got = check_text(doc + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict != "holds", got.detail


def _dense_grads():
    """z = W a + b, C = Σ g z: autograd's dC/dW, dC/da, dC/db."""
    gen = torch.Generator().manual_seed(9)
    W, a, b = (torch.randn(*s, generator=gen, dtype=torch.float64, requires_grad=True) for s in ((OUT, IN), (IN,), (OUT,)))
    g = torch.randn(OUT, generator=gen, dtype=torch.float64)
    (g * (W @ a + b)).sum().backward()
    return dict(W=W.detach().numpy(), a=a.detach().numpy(), g=g.numpy(), dW=W.grad.numpy(), da=a.grad.numpy(), db=b.grad.numpy())


G = _dense_grads()
NABLA_DOC = (f"<!-- symbp: layer=fc in={IN} out={OUT} names: a=input w=kernel z=output b=bias C=loss -->\n\n"
             r"$$ z^{l+1}_j = \sum_k w^l_{jk} a^l_k + b^l_j $$" "\n\n")
NABLA = [   # ∇_X C (Nielsen, Richard's notes, li-weihua) is ∂C/∂X of the loss C
    (r"\nabla_{w^l} C = \delta^{l+1} (a^l)^T", np.allclose(G["dW"], np.outer(G["g"], G["a"]))),
    (r"\nabla_{a^l} C = (w^l)^T \delta^{l+1}", np.allclose(G["da"], G["W"].T @ G["g"])),
    (r"\nabla_{a^l} C = w^l \delta^{l+1}", False),                          # 2x3 times 2: undefined
    (r"\nabla_{b^l}C = \delta^{l+1}", np.allclose(G["db"], G["g"])),
    (r"\nabla_{w^l_{jk}} C = \delta^{l+1}_j a^l_k",
     all(np.isclose(G["dW"][j, k], G["g"][j] * G["a"][k]) for j in range(OUT) for k in range(IN))),
    (r"\nabla_{w^l_{jk}} C = \delta^{l+1}_k a^l_j",
     all(np.isclose(G["dW"][j, k], G["g"][k] * G["a"][j]) for j in range(OUT) for k in range(OUT))),
]


@pytest.mark.parametrize("claim,true", NABLA, ids=[c for c, _ in NABLA])
def test_nabla_subscript_is_the_loss_gradient(claim, true):
    got = check_text(NABLA_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if true else "refuted"), (claim, got.detail)


def test_nabla_of_what_is_not_a_loss_stays_as_written():
    from symbp.check.display_forms import plain_display
    assert plain_display(r"\nabla_x f \cdot g") == r"\nabla_x f \cdot g"     # ∇ of a vector f: a Jacobian
    assert plain_display(r"\delta = \nabla_{a^l}C \odot \sigma'(z)") == r"\delta = \frac{\partial C}{\partial a^l} \odot \sigma'(z)"
    # Nielsen's bare ∇_a C (which layer's a?) stays for the dense reader to place (fc_infer.nabla_layer)
    assert plain_display(r"\delta^L = \nabla_a C \odot \sigma'(z^L)") == r"\delta^L = \nabla_a C \odot \sigma'(z^L)"


def _output_layer():
    """z = W a + b, y = sigmoid(z), C = Σ g y (a generic loss through y): autograd's gradients."""
    gen = torch.Generator().manual_seed(13)
    W, a, b = (torch.randn(*s, generator=gen, dtype=torch.float64, requires_grad=True) for s in ((OUT, IN), (IN,), (OUT,)))
    g = torch.randn(OUT, generator=gen, dtype=torch.float64)
    z = W @ a + b
    z.retain_grad()
    y = torch.sigmoid(z)
    y.retain_grad()
    (g * y).sum().backward()
    s = y.detach().numpy()
    return dict(dz=z.grad.numpy(), dy=y.grad.numpy(), db=b.grad.numpy(), dW=W.grad.numpy(), a=a.detach().numpy(), sp=s * (1 - s))


O = _output_layer()
JS, KS = range(OUT), range(IN)
FOUNDING = [   # a directive without names, a section without a forward: README's letters z = W a + b
    (r"\delta_j^L=\frac{\partial C}{\partial z_j^L}=\frac{\partial C}{\partial a_j^L}\frac{\partial a_j^L}{\partial z_j^L}"
     r"=\frac{\partial C}{\partial a_j^L}\sigma'(z_j^L)", np.allclose(O["dz"], O["dy"] * O["sp"])),
    (r"\frac{\partial C}{\partial b_j^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^l}{\partial b_j^l}"
     r"=\frac{\partial C}{\partial z_j^l}=\delta_j^l", np.allclose(O["db"], O["dz"])),
    (r"\frac{\partial C}{\partial b_j^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^l}{\partial b_j^l}"
     r"=\frac{\partial C}{\partial z_j^l} a^{l-1}_j", all(np.isclose(O["db"][j], O["dz"][j] * O["a"][j]) for j in JS)),
    (r"\frac{\partial C}{\partial w_{jk}^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^l}{\partial w_{jk}^l}"
     r"=\frac{\partial C}{\partial z_j^l}a_k^{l-1}", all(np.isclose(O["dW"][j, k], O["dz"][j] * O["a"][k]) for j in JS for k in KS)),
    (r"\frac{\partial C}{\partial w_{jk}^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^l}{\partial w_{jk}^l}"
     r"=\frac{\partial C}{\partial z_j^l}a_j^{l-1}", all(np.isclose(O["dW"][j, k], O["dz"][j] * O["a"][j]) for j in JS for k in JS)),
]


@pytest.mark.parametrize("claim,true", FOUNDING, ids=[c[-40:] for c, _ in FOUNDING])
def test_fc_directive_without_names_reads_local_partials_in_readme_letters(claim, true):
    got = check_text(f"<!-- symbp: layer=fc in={IN} out={OUT} -->\n\n$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if true else "refuted"), (claim, got.detail)
