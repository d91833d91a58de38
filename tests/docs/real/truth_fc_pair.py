"""Independent truth for the fully connected pair (subwiki, PyTorchTutorial; torch autograd, not symbp).

``python tests/docs/real/truth_fc_pair.py`` writes a ``*.truth.json`` sidecar beside each of
the two fully connected documents (same format as truth.py's), wherever they are:
``heldout_fc/`` while they were held out, the corpus folder once they joined it.  They were
transcribed and their truth established before any change to symbp for them.  Each claim is
evaluated literally as written (a left side that names another variable than the right side
derives is that left side's derivative).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

RNG = np.random.default_rng(11)
torch.set_default_dtype(torch.float64)


def rnd(*shape):
    return torch.tensor(RNG.standard_normal(shape))


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


def dsig(z):
    return torch.sigmoid(z) * (1 - torch.sigmoid(z))


# ------------------------------------------------------------ subwiki (Nielsen notation)
def subwiki():
    t = {}
    K, J, I = 4, 3, 2                        # layers l-1, l, l+1
    a_prev, b, W2, b2, y = rnd(K), rnd(J), rnd(I, J), rnd(I), rnd(I)
    W = rnd(J, K).requires_grad_(True)
    z = W @ a_prev + b                       # z^l_j = sum_k w^l_{jk} a^{l-1}_k + b^l_j
    a = torch.sigmoid(z)
    a.retain_grad()
    a_next = torch.sigmoid(W2 @ a + b2)
    a_next.retain_grad()
    cost = 0.5 * ((a_next - y) ** 2).sum()
    cost.backward()
    Ja = torch.autograd.functional.jacobian(lambda w: torch.sigmoid(w @ a_prev + b), W.detach())   # (J, J, K)
    da_dw = torch.stack([Ja[j, j] for j in range(J)])                                             # da_j/dw_{jk}
    t["s_chain_w"] = verdict(torch.allclose(W.grad, a.grad[:, None] * da_dw))
    t["s_local"] = verdict(torch.allclose(da_dw, dsig(z.detach())[:, None] * a_prev[None, :]))
    Jn = torch.autograd.functional.jacobian(lambda v: torch.sigmoid(W2 @ v + b2), a.detach())      # (I, J)
    t["s_chain_a"] = verdict(torch.allclose(a.grad, Jn.T @ a_next.grad))
    return t


# ------------------------------------------------------------ behnamasadi (one neuron a layer)
def behnamasadi():
    t = {}
    a_prev, y = rnd(1)[0].requires_grad_(True), rnd(1)[0]
    w, b = rnd(1)[0].requires_grad_(True), rnd(1)[0].requires_grad_(True)
    z = w * a_prev + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    cost = (a - y) ** 2
    cost.backward()
    da_dz, dz_dw, dz_db, dz_da = dsig(z.detach()), a_prev.detach(), 1.0, w.detach()
    close = lambda u, v: bool(torch.allclose(torch.as_tensor(u), torch.as_tensor(v)))  # noqa: E731
    t["b_chain_w"] = verdict(close(w.grad, a.grad * da_dz * dz_dw))
    t["b_dCda"] = verdict(close(a.grad, 2 * (a.detach() - y)))
    t["b_dadz"] = verdict(close(da_dz, dsig(z.detach())))
    t["b_dzdw"] = verdict(close(dz_dw, a_prev.detach()))
    t["b_w"] = verdict(close(w.grad, 2 * (a.detach() - y) * dsig(z.detach()) * a_prev.detach()))
    t["b_chain_b"] = verdict(close(b.grad, a.grad * da_dz * dz_db))
    t["b_b"] = verdict(close(b.grad, 2 * (a.detach() - y) * dsig(z.detach()) * 1))
    t["b_chain_a"] = verdict(close(a_prev.grad, a.grad * da_dz * dz_da))
    # the last display's left side is dC_0/db^{(L)}, its right side dC_0/da^{(L-1)}
    t["b_wrong_lhs"] = verdict(close(b.grad, 2 * (a.detach() - y) * dsig(z.detach()) * w.detach()))
    return t


CLAIMS = {
    "subwiki_leibniz_fc.md": (subwiki, [
        ("s_chain_w", "\\frac{\\partial C}{\\partial w^l_{jk}} = \\frac{\\partial C}{\\partial a^l_j}", "chain rule through a^l_j"),
        ("s_local", "= \\sigma'(z^l_j)a^{l-1}_k", "local derivative of the activation"),
        ("s_chain_a", "\\sum_{i \\in \\{1,\\ldots,n(l+1)\\}}", "chain rule through layer l+1"),
    ], "<!-- symbp: layer=fc in=4 out=3 names: a=input w=kernel z=output b=bias C=loss -->",
        "$$\\frac{\\partial C}{\\partial w^l_{jk}} =",
        [("a^l_j = \\sigma(z^l_j) = \\sigma\\left(", "forward definition")]),
    "behnamasadi_single_neuron.md": (behnamasadi, [
        ("b_chain_w", "{ \\partial w^{(L)} } = \\frac{ \\partial C_0 }{ \\partial a^{(L)} } \\frac", "chain rule for the weight"),
        ("b_dCda", "{ \\partial a^{(L)}}=2( a^{(L)}-y)", "derivative of the quadratic cost"),
        ("b_dadz", "{ \\partial z^{(L)} }= \\sigma' (z^{(L)})", "derivative of the activation"),
        ("b_dzdw", "{ \\partial w^{(L)} }=a^{(L-1)}", "derivative of z by the weight"),
        ("b_w", "{ \\partial w^{(L)} } = 2( a^{(L)}-y)", "weight gradient"),
        ("b_chain_b", "{ \\partial b^{(L)} } = \\frac{ \\partial C_0 }{ \\partial a^{(L)} } \\frac", "chain rule for the bias"),
        ("b_b", "\\sigma' (z^{(L)}) \\times 1", "bias gradient"),
        ("b_chain_a", "{ \\partial a^{(L-1)} } = \\frac{ \\partial C_0 }", "chain rule for the previous activation"),
        ("b_wrong_lhs", "\\sigma' (z^{(L)}) w^{(L)}", "left side dC_0/db^{(L)} where dC_0/da^{(L-1)} is meant"),
    ], "<!-- symbp: layer=fc in=1 out=1 names: a=input w=kernel z=output b=bias C_0=loss y=target -->",
        "$$C_0 = (a^{(L)}-y)^2$$",
        [("C_0 = (a^{(L)}-y)^2", "cost definition"), ("z^{(L)}=w^{(L)}a^{(L-1)}+b^{(L)}", "forward definition"),
         ("a^{(L)}=\\sigma(z^{(L)})", "activation definition")]),
}


def main():
    write_sidecars(CLAIMS, lambda doc: HERE / "heldout_fc" if (HERE / "heldout_fc" / doc).exists() else HERE)


if __name__ == "__main__":
    main()
