"""Independent truth for the twenty-seventh held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout27.py`` writes the ``*.truth.json`` sidecars of ``heldout27/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout27/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout27"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout27.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2027)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
onehot = onehot_of(RNG)


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


# ---------------------------------------------------------------- nhattien_logistic_loss_vi
def vie_once(n, soft):
    """z = w^T x, y-hat = sigmoid(z), J = binary cross-entropy; y one label (0/1 or in (0, 1))."""
    x = rnd(n)
    y = float(RNG.uniform(0.05, 0.95)) if soft else float(RNG.integers(2))
    w = T(rnd(n), True)
    z = w @ T(x)
    z.retain_grad()
    yh = torch.sigmoid(z)
    yh.retain_grad()
    J = -(y * torch.log(yh) + (1 - y) * torch.log(1 - yh))
    J.backward()
    zv, yv = z.item(), yh.item()
    dJ_dyh, dyh_dz, gw = yh.grad.item(), (z.grad.item() / yh.grad.item()), w.grad.numpy()
    return {
        "chain": close(dJ_dyh * dyh_dz * x, gw),
        "dJ_dyhat": isc(-y / yv + (1 - y) / (1 - yv), dJ_dyh),
        "dyhat_dz": isc(np.exp(-zv) / (1 + np.exp(-zv)) ** 2, dyh_dz) and isc(yv * (1 - yv), dyh_dz),
        "dz_dw": close(jac(lambda v: v @ T(x), T(w.detach().numpy())), x),
        "dJ_dw": close((yv - y) * x, gw),
    }


def vie():
    return repeat(vie_once, [(3, False), (5, True), (1, True)])


# ---------------------------------------------------------------- ai_catatan_relu_example_id
def idn():
    res = {}
    # general chain rule dL/dw = dL/dz dz/dw for z = w x + b and drawn non-linear L
    ok = True
    for _ in range(4):
        x, b = rnd(1)[0], rnd(1)[0]
        w = T(rnd(1)[0], True)
        z = w * x + b
        z.retain_grad()
        L = loss_of(z.reshape(1))
        L.backward()
        ok &= isc(w.grad.item(), z.grad.item() * x)
    res["chain"] = verdict(ok)
    x, y = 2.0, 1.0
    w, b = T(0.5, True), T(0.1, True)
    z = w * x + b
    z.retain_grad()
    a = torch.relu(z)
    a.retain_grad()
    L = 0.5 * (y - a) ** 2
    L.backward()
    av = a.item()
    res["dL_da"] = verdict(isc(-(y - av), a.grad.item()) and isc(a.grad.item(), 0.1))
    res["da_dz"] = verdict(isc(z.grad.item() / a.grad.item(), 1.0))
    res["dz_dw_num"] = verdict(isc(w.grad.item() / z.grad.item(), x) and x == 2)
    res["dL_dw_num"] = verdict(isc(0.1 * 1 * 2, w.grad.item()) and isc(w.grad.item(), 0.2))
    return res


# ---------------------------------------------------------------- dl_kurikulum_aktivasi_id
def akt_once(n):
    z = rnd(n)
    zr = away0(n)
    s = 1 / (1 + np.exp(-z))
    r = {"sig_d": close(s * (1 - s), dphi(torch.sigmoid, z)),
         "tanh_d": close(1 - np.tanh(z) ** 2, dphi(torch.tanh, z))}
    dr = dphi(torch.relu, zr)
    cases = np.where(zr > 0, 1.0, 0.0)
    r["relu_d"] = close(cases, dr)
    r["relu_ind"] = close((zr > 0).astype(float), dr)
    # dying ReLU: z = w^T x + b < 0, a = relu(z), L any function of a
    x = rnd(n)
    w = T(rnd(n), True)
    bval = -abs(float((w.detach().numpy() @ x))) - 0.5 - abs(rnd(1)[0])
    zt = w @ T(x) + bval
    a = torch.relu(zt)
    a.retain_grad()
    L = loss_of(a.reshape(1)) + a ** 2
    L.backward()
    r["dying"] = zt.item() < 0 and close(a.grad.item() * 0 * x, w.grad) and close(w.grad, np.zeros(n))
    return r


def akt():
    return repeat(akt_once, [(3,), (6,), (1,)])


# ---------------------------------------------------------------- ai_modul_backprop_sawit_id
def mod_once(dims):
    """Layers z^{(l)} = W^{(l)T} a^{(l-1)} + b^{(l)} (W^{(l)}: n_{l-1} x n_l, the module's W_{jk} from
    input j to output k), a = sigmoid(z); L a drawn non-linear function of the last activation."""
    Ln = len(dims) - 1
    x = rnd(dims[0])
    Ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(Ln)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(Ln)]
    a, zs, acts = T(x), [], [T(x)]
    for l in range(Ln):
        z = Ws[l].T @ a + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        a.retain_grad()
        acts.append(a)
    L = loss_of(a)
    L.backward()
    dl = [z.grad.numpy() for z in zs]
    zv = [z.detach().numpy() for z in zs]
    av = [t.detach().numpy() for t in acts]
    Wv = [W.detach().numpy() for W in Ws]
    sp = [dphi(torch.sigmoid, v) for v in zv]
    dLda = acts[-1].grad.numpy()
    Jsig = jac(torch.sigmoid, T(zv[-1])).numpy()          # [k, j] = d a_k / d z_j
    r = {"delta_chain": all(isc(sum(dLda[k] * Jsig[k, j] for k in range(dims[-1])), dl[-1][j]) for j in range(dims[-1])),
         "delta_vec": close(dLda * sp[-1], dl[-1])}
    okdz, okmat, okw = True, True, True
    for l in range(Ln - 1):
        Jz = jac(lambda v: T(Wv[l + 1]).T @ torch.sigmoid(v) + bs[l + 1].detach(), T(zv[l])).numpy()  # [k, j]
        okdz &= all(isc(Jz[k, j], Wv[l + 1][j, k] * sp[l][j]) for k in range(dims[l + 2]) for j in range(dims[l + 1]))
        Wn = Wv[l + 1]
        if Wn.shape[0] == Wn.shape[1]:
            okmat &= close((Wn.T @ dl[l + 1]) * sp[l], dl[l])
        else:
            okmat = False                               # W^T delta undefined: shapes n_{l+1} x n_l times n_{l+1}
    for l in range(Ln):
        gW = Ws[l].grad.numpy()
        okw &= all(isc(gW[i, j], dl[l][j] * av[l][i]) for i in range(dims[l]) for j in range(dims[l + 1]))
    r["dz_dz"], r["delta_mat"], r["dW_ij"] = okdz, okmat, okw
    return r


def mod_soft_once(C):
    z = T(rnd(C), True)
    y = onehot(C)
    L = -(T(y) * torch.log_softmax(z, 0)).sum()
    L.backward()
    yh = torch.softmax(z.detach(), 0).numpy()
    # the text's other case: sigmoid with binary cross-entropy
    zb = T(rnd(C), True)
    yb = RNG.integers(2, size=C).astype(float)
    pb = torch.sigmoid(zb)
    Lb = -(T(yb) * torch.log(pb) + (1 - T(yb)) * torch.log(1 - pb)).sum()
    Lb.backward()
    return {"delta_softmax": close(yh - y, z.grad) and close(pb.detach().numpy() - yb, zb.grad)}


def mod():
    res = repeat(mod_once, [((3, 4, 2),), ((3, 3, 3),), ((2, 4, 3, 2),)])
    res.update(repeat(mod_soft_once, [(3,), (5,)]))
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
