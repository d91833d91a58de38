"""Independent truth for the fortieth held-out set (numpy loops and torch autograd, not symbp):
``python truth_heldout40.py`` writes the ``*.truth.json`` sidecars of ``heldout40/``, by the method and in the
format of ``truth_heldout28.py``: each claim is checked at several sizes and seeded random draws, and holds only
if it holds every time; its ``why`` in ``heldout40/claims_table.py`` says the reading.  Written before anything
of symbp was run on the set.  A partial set of three documents: the 30% cap cannot hold, cap=0.5 is passed.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout40"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          corr2, write_and_report)
from heldout40.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2040)
torch.set_default_dtype(torch.float64)


def conv_grads(H, W, kh, kw):
    """Valid cross-correlation Y[i,j] = sum_{u,v} X[i+u,j+v] K[u,v] (stride 1) by torch; a drawn loss."""
    X, K = rnd(H, W), rnd(kh, kw)
    Xt, Kt = T(X, True), T(K, True)
    Y = torch.nn.functional.conv2d(Xt[None, None], Kt[None, None])[0, 0]
    assert close(Y, corr2(X, K))
    Y.retain_grad()
    L = loss_of(Y)
    L.backward()
    return X, K, Y.grad.numpy(), Xt.grad.numpy(), Kt.grad.numpy()


def conv_claims(H, W, kh, kw):
    X, K, dY, dX, dK = conv_grads(H, W, kh, kw)
    oh, ow = dY.shape
    myK = np.zeros_like(K)
    for u in range(kh):
        for v in range(kw):
            myK[u, v] = sum(dY[i, j] * X[i + u, j + v] for i in range(oh) for j in range(ow))
    myX = np.zeros_like(X)
    for i in range(oh):
        for j in range(ow):
            for u in range(kh):
                for v in range(kw):
                    myX[i + u, j + v] += dY[i, j] * K[u, v]
    return close(myK, dK), close(myX, dX)


SIZES = [(5, 5, 3, 3), (6, 4, 2, 3), (4, 7, 3, 2), (3, 3, 1, 1)]


# ---------------------------------------------------------------- deepcontent_conv_backprop_en
def dcv_once(H, W, kh, kw):
    k, x = conv_claims(H, W, kh, kw)
    return {"dK": k, "dX": x}


def dcv():
    return repeat(dcv_once, SIZES)


# ---------------------------------------------------------------- cs229_p28_cnn_zh
def p28_once(H, W, kh, kw):
    k, _ = conv_claims(H, W, kh, kw)
    return {"dK_ab": k}


def p28():
    res = repeat(p28_once, SIZES)
    # the excluded residual row: dy/dx = I + dF/dx, F(x) = tanh(A x + c); checked, not scored
    for n in (3, 5):
        A, c, x = T(rnd(n, n)), T(rnd(n)), T(rnd(n))
        F = lambda v: torch.tanh(A @ v + c)  # noqa: E731
        J = torch.autograd.functional.jacobian(lambda v: v + F(v), x)
        JF = torch.autograd.functional.jacobian(F, x)
        assert close(J, torch.eye(n) + JF)
    return res


# ---------------------------------------------------------------- deepcontent_backprop_part1_en
def dbp_once(init):
    """Linear 2-2-1 network: O1k = sum_j w_jk^1 x_j + b1k, y_hat = sum_k w_k1^2 O1k + b21, L = (y - y_hat)^2.
    W1[j, k] = w_{(j+1)(k+1)}^1 (source j -> destination k), W2[k] = w_{(k+1)1}^2."""
    if init:
        x, y = np.array([8.0, 8.0]), 4.0
        W1, b1, W2, b2 = np.ones((2, 2)), np.zeros(2), np.ones(2), 0.0
    else:
        x, y = rnd(2), rnd(1)[0]
        W1, b1, W2, b2 = rnd(2, 2), rnd(2), rnd(2), rnd(1)[0]
    W1t, b1t, W2t, b2t = T(W1, True), T(b1, True), T(W2, True), T(b2, True)
    O = T(x) @ W1t + b1t
    yh = O @ W2t + b2t
    yh.retain_grad()
    L = (y - yh) ** 2
    L.backward()
    g = yh.grad.item()
    Ov = O.detach().numpy()
    r = {"dyhat": isc(g, -2 * (y - yh.item())),
         "dw11_2": isc(W2t.grad[0].item(), g * Ov[0]),
         "dw22_1": isc(W1t.grad[1, 1].item(), g * W2[1] * x[1])}
    # the rows left out for the share all hold as well
    assert isc(W2t.grad[1].item(), g * Ov[1]) and isc(b2t.grad.item(), g)
    assert isc(W1t.grad[0, 0].item(), g * W2[0] * x[0]) and isc(W1t.grad[1, 0].item(), g * W2[0] * x[1])
    assert isc(W1t.grad[0, 1].item(), g * W2[1] * x[0]) and isc(b1t.grad[0].item(), g * W2[0])
    assert isc(b1t.grad[1].item(), g * W2[1])
    if init:   # the page's worked numbers: dL/dy_hat = 56, hidden-weight gradients 448
        assert isc(g, 56.0) and isc(W1t.grad[0, 0].item(), 448.0)
    return r


def dbp():
    return repeat(dbp_once, [(True,), (False,), (False,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=0.5)


if __name__ == "__main__":
    main()
