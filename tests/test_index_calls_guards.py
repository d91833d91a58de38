r"""Two spellings the entry reader misread (red-team classes G and H), with truth from torch.

G: brackets after the loss gradient's fraction, ``\frac{\partial L}{\partial Y}[i-m][j-n]``,
are the entry ``\frac{\partial L}{\partial Y_{i-m,j-n}}`` (not the whole matrix times a bracket).
H: a bare Kronecker delta written as a call, ``\delta(m, p)``, beside ``\frac{\partial L}{\partial
Z(i,j)}``, is no entry of the error tensor δ: read as the Iverson bracket [m = p] when both signs
agree (a loss fraction on the right, one argument summed and one free), else left unchecked.

Each claim's truth comes from a plain loop over the claimed sum compared with torch autograd.
"""
import itertools

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

H = W = 4
KH = KW = 2
torch.manual_seed(5)
X = torch.randn(H, W, dtype=torch.float64, requires_grad=True)
K = torch.randn(KH, KW, dtype=torch.float64, requires_grad=True)
Y = F.conv2d(X[None, None], K[None, None])[0, 0]
G = torch.randn_like(Y)
(Y * G).sum().backward()
OH, OW = Y.shape


def _at(t, i, j):
    return t[i, j].item() if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0.0


def _kd(a, b):
    return 1.0 if a == b else 0.0


def _input_grad(shift):
    """Σ_{m,n} G[i-m+shift][j-n+shift] K[m][n] as a loop."""
    return torch.tensor([[sum(_at(G, i - m + shift, j - n + shift) * K[m, n].item()
                              for m in range(KH) for n in range(KW)) for j in range(W)] for i in range(H)],
                        dtype=torch.float64)


def _kernel_grad(swap):
    """Σ_{i,j} G[i][j] X[i+m][j+n] (or X[i+n][j+m] when swap) as a loop."""
    return torch.tensor([[sum(G[i, j].item() * (X[i + n, j + m] if swap else X[i + m, j + n]).item()
                              for i in range(OH) for j in range(OW)) for n in range(KW)] for m in range(KH)],
                        dtype=torch.float64)


def _kronecker_grad(swap):
    """Σ_{i,j,m,n} G[i,j] X[i+m,j+n] δ(m,p) δ(n,q) (δ(m,q) δ(n,p) when swap), a loop."""
    out = torch.zeros(KH, KW, dtype=torch.float64)
    for p, q, i, j, m, n in itertools.product(range(KH), range(KW), range(OH), range(OW), range(KH), range(KW)):
        d = _kd(m, q) * _kd(n, p) if swap else _kd(m, p) * _kd(n, q)
        out[p, q] += G[i, j].item() * X[i + m, j + n].item() * d
    return out


def _verdict(forward, claim, head="layer=conv2d input=4x4 kernel=2x2 index_base=0"):
    text = f"<!-- symbp: {head} -->\n\n$${forward}$$\n\n$${claim}$$\n"
    claims = [c for c in check_text(text, "md").claims if c.verdict != "definition"]
    assert len(claims) == 1
    return claims[0].verdict, claims[0].detail


BRACKET_FORWARD = r"Y[i,j] = \sum_{m,n} X[i+m,j+n] \, K[m,n]"
BRACKET_CASES = [   # (forward, claim, the claimed tensor, the true gradient)
    (BRACKET_FORWARD, r"\frac{\partial L}{\partial X[i,j]} = \sum_{m,n} \frac{\partial L}{\partial Y}[i-m][j-n] \, K[m][n]",
     lambda: _input_grad(0), lambda: X.grad),
    (BRACKET_FORWARD, r"\frac{\partial L}{\partial X[i,j]} = \sum_{m,n} \frac{\partial L}{\partial Y}[i+m-1][j+n-1] \, K[m][n]",
     lambda: _input_grad(-1), lambda: X.grad),
    (r"O[i,j] = \sum_{m,n} X[i+m,j+n] \, K[m,n]",
     r"\frac{\partial E}{\partial K}[m, n] = \sum_{i,j} \frac{\partial E}{\partial O}[i, j] \, X[i+m, j+n]",
     lambda: _kernel_grad(False), lambda: K.grad),
    (BRACKET_FORWARD,
     r"\frac{dL}{dK}[m][n] = \sum_{i,j} \left(\frac{dL}{dY}\right)[i][j] \, X[i+n][j+m]",
     lambda: _kernel_grad(True), lambda: K.grad),
    (BRACKET_FORWARD,
     r"\frac{\partial L}{\partial X}[i,j] = \sum_{m,n} \frac{\partial L}{\partial Y}[i-m, j-n] \, K[m,n]",
     lambda: _input_grad(0), lambda: X.grad),
]


def test_truth_is_not_vacuous():
    assert torch.allclose(_input_grad(0), X.grad) and not torch.allclose(_input_grad(-1), X.grad)
    assert torch.allclose(_kernel_grad(False), K.grad) and not torch.allclose(_kernel_grad(True), K.grad)
    assert torch.allclose(_kronecker_grad(False), K.grad) and not torch.allclose(_kronecker_grad(True), K.grad)


@pytest.mark.parametrize("forward, claim, claimed, truth", BRACKET_CASES)
def test_brackets_after_the_loss_fraction(forward, claim, claimed, truth):
    verdict, detail = _verdict(forward, claim)
    assert verdict == ("holds" if torch.allclose(claimed(), truth()) else "refuted"), detail


KRONECKER_FORWARD = r"Z(i, j) = \sum_{m}\sum_{n} A(i+m, j+n) W(m, n)"


@pytest.mark.parametrize("loss", ["L", r"\mathcal{L}", "E"])
@pytest.mark.parametrize("swap", [False, True])
def test_a_kronecker_delta_call_beside_the_loss_fraction(loss, swap):
    pairs = r"\delta(m, q) \delta(n, p)" if swap else r"\delta(m, p) \delta(n, q)"
    claim = (rf"\frac{{\partial {loss}}}{{\partial W(p, q)}} = \sum_{{i}}\sum_{{j}}\sum_{{m}}\sum_{{n}} "
             rf"\frac{{\partial {loss}}}{{\partial Z(i, j)}} A(i+m, j+n) {pairs}")
    verdict, detail = _verdict(KRONECKER_FORWARD, claim, "layer=conv2d input=4x4 kernel=2x2 index_base=0")
    assert verdict == ("holds" if torch.allclose(_kronecker_grad(swap), K.grad) else "refuted"), detail


@pytest.mark.parametrize("swap", [False, True])
def test_a_delta_call_of_either_meaning_is_not_decided(swap):
    """δ(i, j) the error and δ(m, p) the Kronecker delta in one claim: no sound reading."""
    pairs = r"\delta(m, q) \delta(n, p)" if swap else r"\delta(m, p) \delta(n, q)"
    claim = rf"\frac{{\partial L}}{{\partial W(p, q)}} = \sum_{{i, j, m, n}} \delta(i, j) A(i+m, j+n) {pairs}"
    verdict, detail = _verdict(KRONECKER_FORWARD, claim)
    assert verdict == "unchecked", detail


@pytest.mark.parametrize("shift", [0, 1])
def test_the_error_tensor_as_a_call_still_reads(shift):
    """δ(i, j) with both letters summed is the error tensor's entry, as before."""
    claim = rf"\frac{{\partial L}}{{\partial W(p, q)}} = \sum_{{i}}\sum_{{j}} \delta(i, j) A(i+p, j+q+{shift})"
    claimed = torch.tensor([[sum(G[i, j].item() * _at(X, i + p, j + q + shift) for i in range(OH) for j in range(OW))
                             for q in range(KW)] for p in range(KH)], dtype=torch.float64)
    verdict, detail = _verdict(KRONECKER_FORWARD, claim)
    assert verdict == ("holds" if torch.allclose(claimed, K.grad) else "refuted"), detail
