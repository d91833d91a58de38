r"""A page whose directive says conv=cross (its forward) but which defines ``*`` as the math convolution
``(A*B)_{a,b} = \sum_{u,v} A_{a-u,b-v} B_{u,v}`` (a full one: Δ where it exists): ``∇_X L = Δ * K`` is
true (torch), and must not be refuted because the reading of ``*`` the definition gives is only
decided as a full convolution (xcorr_appendix_a9_zh's a_conv).  Truth from torch autograd and a loop."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

TEXT = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel "
        "Y=output L=loss -->\n\n$$ Y_{i,j}=\\sum_{u,v}X_{i+u,j+v}K_{u,v}. $$\n\n"
        "$$ \\Delta_{i,j} = \\frac{\\partial L}{\\partial Y_{i,j}} $$\n\n"
        "If the mathematical convolution is defined as\n\n$$ (A*B)_{a,b}=\\sum_{u,v}A_{a-u,b-v}B_{u,v}, $$\n\n"
        "then\n\n$$ \\nabla_X L=\\Delta*K. $$\n\n$$ \\nabla_X L=\\Delta*\\operatorname{rot180}(K). $$\n")


def _full_true(a, b):
    out = np.zeros((a.shape[0] + b.shape[0] - 1, a.shape[1] + b.shape[1] - 1))
    for p in range(a.shape[0]):
        for q in range(a.shape[1]):
            out[p:p + b.shape[0], q:q + b.shape[1]] += a[p, q] * b
    return out


def test_a_defined_star_in_doubt_is_never_refuted_on_the_directives_reading():
    g = torch.Generator().manual_seed(3)
    x = torch.randn(5, 5, generator=g, dtype=torch.float64, requires_grad=True)
    k = torch.randn(3, 3, generator=g, dtype=torch.float64)
    d = torch.randn(3, 3, generator=g, dtype=torch.float64)
    F.conv2d(x[None, None], k[None, None])[0, 0].backward(d)
    assert np.allclose(_full_true(d.numpy(), k.numpy()), x.grad.numpy())                # Δ * K holds
    assert not np.allclose(_full_true(d.numpy(), k.numpy()[::-1, ::-1]), x.grad.numpy())  # Δ * rot180(K) does not
    got = {c.latex.strip(): c for c in check_text(TEXT, "md", time_limit=20).claims}
    true_claim = next(c for t, c in got.items() if t.startswith(r"\nabla_X L=\Delta*K"))
    false_claim = next(c for t, c in got.items() if "rot180" in t)
    assert true_claim.verdict != "refuted", true_claim.detail
    assert false_claim.verdict != "holds", false_claim.detail
