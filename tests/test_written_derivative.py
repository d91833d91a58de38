r"""Chain-rule steps that write the derivative of an explicit expression, the way authors write
them: Nielsen-style ``\frac{\partial}{\partial w^l_{jk}}\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right)``,
``\frac{\partial (w_{jk} x_j + b_k)}{\partial w_{jk}}`` (an operator on the numerator),
``\frac{\partial}{\partial w_{jk}} \sigma(z_j)`` through the section's activation, and a
convolution's ``\frac{\partial (\sum_m\sum_n w_{m,n} x_{i+m,j+n} + b)}{\partial w_{p,q}}`` inside the
sum over the output.  Truth from torch autograd and plain loops, never from symbp."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

OUT, IN = 2, 3


def _fc():
    """z = W a + b, σ = the sigmoid; the Jacobians of z and σ(z) in W and b by autograd."""
    g = torch.Generator().manual_seed(3)
    W, a, b = (torch.randn(*s, generator=g, dtype=torch.float64) for s in ((OUT, IN), (IN,), (OUT,)))
    jz = torch.autograd.functional.jacobian(lambda w: w @ a + b, W).numpy()          # [j, j', k]
    ja = torch.autograd.functional.jacobian(lambda w: torch.sigmoid(w @ a + b), W).numpy()
    jb = torch.autograd.functional.jacobian(lambda bb: W @ a + bb, b).numpy()        # [j, j']
    z = (W @ a + b).numpy()
    s = 1 / (1 + np.exp(-z))
    return dict(jz=jz, ja=ja, jb=jb, a=a.numpy(), W=W.numpy(), sp=s * (1 - s), s=s)


def _true(fn) -> bool:
    try:
        return bool(fn(_fc()))
    except IndexError:                      # the claim's indices leave a tensor: false
        return False


J, K = range(OUT), range(IN)
NIELSEN_DOC = r"$$z^{l}_j = \sum_{k} w^{l}_{jk} a^{l-1}_k + b^{l}_j$$" "\n\n" r"$$a^{l}_j = \sigma(z^{l}_j)$$" "\n\n"
NIELSEN = [
    (r"\frac{\partial}{\partial w^l_{jk}}\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right) = a^{l-1}_k",
     lambda d: all(np.isclose(d["jz"][j, j, k], d["a"][k]) for j in J for k in K)),
    (r"\frac{\partial}{\partial w^l_{jk}}\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right) = w^l_{jk}",
     lambda d: all(np.isclose(d["jz"][j, j, k], d["W"][j, k]) for j in J for k in K)),
    (r"\frac{\partial \left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right)}{\partial w^l_{jk}} = a^{l-1}_k",
     lambda d: all(np.isclose(d["jz"][j, j, k], d["a"][k]) for j in J for k in K)),
    (r"\frac{\partial z^l_j}{\partial b^l_j} = \frac{\partial}{\partial b^l_j}\left(\sum_k w^l_{jk} a^{l-1}_k + b^l_j\right)",
     lambda d: True),
    (r"\frac{\partial}{\partial w^l_{jk}} \sigma(z^l_j) = \sigma'(z^l_j) a^{l-1}_k",
     lambda d: all(np.isclose(d["ja"][j, j, k], d["sp"][j] * d["a"][k]) for j in J for k in K)),
    (r"\frac{\partial a^l_j}{\partial w^l_{jk}} = \frac{\partial}{\partial w^l_{jk}} \sigma(z^l_j)",
     lambda d: True),
    # Nielsen writes σ of the written sum itself: σ(Σ_m w_{jm} a_m + b_j) is σ(z_j)
    (r"\frac{\partial}{\partial w^l_{jk}}\sigma\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right) = "
     r"\sigma'\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right) a^{l-1}_k",
     lambda d: all(np.isclose(d["ja"][j, j, k], d["sp"][j] * d["a"][k]) for j in J for k in K)),
    (r"\frac{\partial}{\partial w^l_{jk}}\sigma\left(\sum_m w^l_{jm} a^{l-1}_m + b^l_j\right) = "
     r"\sigma'(z^l_j) a^{l-1}_j",
     lambda d: all(np.isclose(d["ja"][j, j, k], d["sp"][j] * d["a"][j]) for j in J for k in K)),
]
DIRECTIVE = f"<!-- symbp: layer=fc in={IN} out={OUT} -->\n\n"


@pytest.mark.parametrize("claim,truth", NIELSEN, ids=[c[:60] for c, _ in NIELSEN])
def test_fc_written_derivatives_against_autograd(claim, truth):
    got = check_text(DIRECTIVE + NIELSEN_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if _true(truth) else "refuted"), (claim, got.detail)


PLAIN_DOC = r"$$z_k = \sum_j w_{jk} x_j + b_k$$" "\n\n"
PLAIN = [   # w_{jk} from unit j to unit k: ∂z_k/∂w_{jk} = x_j
    (r"\frac{\partial (w_{jk} x_j + b_k)}{\partial w_{jk}} = x_j", True),
    (r"\frac{\partial (w_{jk} x_j + b_k)}{\partial w_{jk}} = w_{jk}", False),
    (r"\frac{\partial (w_{jk} x_j + b_k)}{\partial b_k} = 1", True),
    (r"\frac{\partial}{\partial w_{jk}}\left(\sum_i w_{ik} x_i + b_k\right) = x_j", True),
    (r"\frac{\partial}{\partial w_{jk}}\left(\sum_i w_{ik} x_i + b_k\right) = x_k", False),
]


@pytest.mark.parametrize("claim,true", PLAIN, ids=[c[:60] for c, _ in PLAIN])
def test_fc_plain_letters(claim, true):
    # truth by a loop: z_k = Σ_j w_{jk} x_j + b_k is linear, ∂z_k/∂w_{jk} = x_j, ∂z_k/∂b_k = 1;
    # the false forms differ from it at random values (checked here, not assumed)
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=IN), rng.normal(size=(IN, OUT))
    if "= w_{jk}" in claim:
        assert not np.allclose(w, x[:, None])
    if "= x_k" in claim:
        assert not np.isclose(x[0], x[1])
    got = check_text(PLAIN_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if true else "refuted"), (claim, got.detail)


CONV_DOC = r"$$z_{i,j} = \sum_{m}\sum_{n} w_{m,n} x_{i+m,j+n} + b$$" "\n\n"
CONV_DIRECTIVE = "<!-- symbp: layer=conv input=4x5 kernel=2x3 -->\n\n"
CONV = [
    (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \frac{\partial L}{\partial z_{i,j}} "
     r"\frac{\partial \left(\sum_{m}\sum_{n} w_{m,n} x_{i+m,j+n} + b\right)}{\partial w_{p,q}}",
     lambda x, g, p, q: sum(g[i, j] * x[i + p, j + q] for i in range(3) for j in range(3))),
    (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \frac{\partial L}{\partial z_{i,j}} "
     r"\frac{\partial}{\partial w_{p,q}}\left(\sum_{m}\sum_{n} w_{m,n} x_{i+m,j+n} + b\right)",
     lambda x, g, p, q: sum(g[i, j] * x[i + p, j + q] for i in range(3) for j in range(3))),
    (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \frac{\partial L}{\partial z_{i,j}} "
     r"\frac{\partial \left(\sum_{m}\sum_{n} w_{m,n} x_{i+n,j+m} + b\right)}{\partial w_{p,q}}",
     lambda x, g, p, q: sum(g[i, j] * x[i + q, j + p] for i in range(3) for j in range(3))),
]


@pytest.mark.parametrize("claim,loop", CONV, ids=[c[-70:] for c, _ in CONV])
def test_conv_written_derivative_inside_the_chain_rule(claim, loop):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(1, 1, 4, 5, generator=g, dtype=torch.float64)
    w = torch.randn(1, 1, 2, 3, generator=g, dtype=torch.float64, requires_grad=True)
    up = torch.randn(1, 1, 3, 3, generator=g, dtype=torch.float64)
    (torch.nn.functional.conv2d(x, w) * up).sum().backward()
    xs, gs, dw = x[0, 0].numpy(), up[0, 0].numpy(), w.grad[0, 0].numpy()
    try:
        true = all(np.isclose(dw[p, q], loop(xs, gs, p, q)) for p in range(2) for q in range(3))
    except IndexError:
        true = False
    got = check_text(CONV_DIRECTIVE + CONV_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == ("holds" if true else "refuted"), (claim, got.detail)


def test_sigma_for_sigma_prime_depends_on_the_activation():
    # false for the sigmoid (autograd), true for σ = exp: the section does not say which σ is
    claim = r"\frac{\partial}{\partial w^l_{jk}} \sigma(z^l_j) = \sigma(z^l_j) a^{l-1}_k"
    assert not _true(lambda d: all(np.isclose(d["ja"][j, j, k], d["s"][j] * d["a"][k]) for j in J for k in K))
    got = check_text(DIRECTIVE + NIELSEN_DOC + f"$$ {claim} $$\n", "md").claims[-1]
    assert got.verdict == "unchecked", got.detail


def test_a_function_that_is_not_the_sections_activation_stays_unchecked():
    # no activation in the section: g(z_k) is not read as anything, and no verdict is given
    got = check_text(PLAIN_DOC + r"$$ \frac{\partial}{\partial w_{jk}} g(z_k) = g'(z_k) x_j $$" "\n", "md").claims[-1]
    assert got.verdict == "unchecked" and "activation" in got.detail
