"""The adversarial campaign's independent reference: plain-loop numpy operators for the
notation's closed forms, and the truth from torch autograd.  Nothing here imports symbp.

Operators act on NCHW / OIHW float64 arrays (last two axes spatial).  Each is written as a
direct index loop at its full mathematical shape: nothing is cropped, a shape that does not
fit raises :class:`Mismatch` (which makes a claim false).

    >>> import numpy as np
    >>> pad(np.ones((1, 1, 1, 1)), 1, 0, 0, 1).shape
    (1, 1, 2, 2)
"""
from __future__ import annotations

import numpy as np
import torch


class Mismatch(ValueError):
    """A closed form whose operands do not fit: the claim is false."""


# --------------------------------------------------------------------------- operators

def pad(x: np.ndarray, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    """Zeros around the last two axes; a negative width crops."""
    h, w = x.shape[-2:]
    ho, wo = h + top + bottom, w + left + right
    if ho < 1 or wo < 1:
        raise Mismatch(f"pad to {ho}x{wo}")
    out = np.zeros(x.shape[:-2] + (ho, wo))
    for i in range(ho):
        for j in range(wo):
            si, sj = i - top, j - left
            if 0 <= si < h and 0 <= sj < w:
                out[..., i, j] = x[..., si, sj]
    return out


def dilate(x: np.ndarray, sh: int, sw: int) -> np.ndarray:
    """s-1 zeros between neighbouring entries of the last two axes."""
    h, w = x.shape[-2:]
    out = np.zeros(x.shape[:-2] + ((h - 1) * sh + 1, (w - 1) * sw + 1))
    for i in range(h):
        for j in range(w):
            out[..., i * sh, j * sw] = x[..., i, j]
    return out


def rot180(x: np.ndarray) -> np.ndarray:
    h, w = x.shape[-2:]
    out = np.zeros_like(x)
    for i in range(h):
        for j in range(w):
            out[..., i, j] = x[..., h - 1 - i, w - 1 - j]
    return out


def swap_io(w: np.ndarray, groups: int) -> np.ndarray:
    """(O, C/G, kh, kw) -> (C, O/G, kh, kw): in/out channels swapped inside each group."""
    o, cg = w.shape[:2]
    if o % groups:
        raise Mismatch("groups")
    og = o // groups
    out = np.zeros((cg * groups, og) + w.shape[2:])
    for g in range(groups):
        for c in range(cg):
            for k in range(og):
                out[g * cg + c, k] = w[g * og + k, c]
    return out


def correlate(x: np.ndarray, w: np.ndarray, stride=(1, 1), dilation=(1, 1), groups=1):
    """Valid grouped cross-correlation: x (N, C, H, W), w (O, C/G, kh, kw) -> (N, O, Ho, Wo)."""
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    if c != cg * groups or o % groups:
        raise Mismatch(f"channels {x.shape} * {w.shape} groups {groups}")
    (sh, sw), (dh, dw) = stride, dilation
    ho, wo = (h - dh * (kh - 1) - 1) // sh + 1, (wd - dw * (kw - 1) - 1) // sw + 1
    if h - dh * (kh - 1) < 1 or wd - dw * (kw - 1) < 1:
        raise Mismatch("kernel larger than input")
    per = o // groups
    out = np.zeros((n, o, ho, wo))
    for oc in range(o):
        c0 = (oc // per) * cg
        for i in range(ho):
            for j in range(wo):
                s = np.zeros(n)
                for ci in range(cg):
                    for p in range(kh):
                        for q in range(kw):
                            s += x[:, c0 + ci, i * sh + p * dh, j * sw + q * dw] * w[oc, ci, p, q]
                out[:, oc, i, j] = s
    return out


def weight_correlate(x: np.ndarray, g: np.ndarray, step=(1, 1), groups=1) -> np.ndarray:
    """The weight-gradient reading of ``x * δ``: Σ over batch and δ's positions, at full size.

    out[o, c, p, q] = Σ_{n,y,x} x[n, group(o) C/G + c, p step + y, q step + x] g[n, o, y, x],
    for every (p, q) where δ fits: (H - Hg) // step + 1 rows.
    """
    n, c, h, wd = x.shape
    ng, o, hg, wg = g.shape
    if ng != n or c % groups or o % groups:
        raise Mismatch("batch or groups")
    if hg > h or wg > wd:
        raise Mismatch("δ larger than the input")
    (sh, sw), cg, per = step, c // groups, o // groups
    ph, pw = (h - hg) // sh + 1, (wd - wg) // sw + 1
    out = np.zeros((o, cg, ph, pw))
    for oc in range(o):
        c0 = (oc // per) * cg
        for ci in range(cg):
            for p in range(ph):
                for q in range(pw):
                    win = x[:, c0 + ci, p * sh:p * sh + hg, q * sw:q * sw + wg]
                    out[oc, ci, p, q] = float((win * g[:, oc]).sum())
    return out


def channel_sum(g: np.ndarray) -> np.ndarray:
    """(N, O, H, W) -> (O,)."""
    return np.array([g[:, o].sum() for o in range(g.shape[1])])


def hadamard(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if x.shape != y.shape:
        raise Mismatch(f"⊙ of {x.shape} and {y.shape}")
    return x * y


def matmul(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0]:
        raise Mismatch(f"product of {x.shape} and {y.shape}")
    return x @ y


# --------------------------------------------------------------------------- pooling windows

def pool_out(size: int, k: int, s: int, p: int, d: int, ceil: bool) -> int:
    """PyTorch's pooling output size (with ceil_mode's last-window rule)."""
    span = size + 2 * p - d * (k - 1) - 1
    out = (span + (s - 1 if ceil else 0)) // s + 1
    if ceil and (out - 1) * s >= size + p:
        out -= 1
    return out


def pool_windows(cfg: dict) -> list[tuple[tuple[int, int], list[tuple[int, int]], int]]:
    """[(output position, real input cells in row-major order, avg divisor)] per window."""
    (h, w), (kh, kw), (sh, sw) = cfg["input"], cfg["kernel"], cfg["stride"]
    (ph, pw), (dh, dw) = cfg["padding"], cfg.get("dilation", (1, 1))
    ceil = cfg.get("ceil_mode", False)
    ho, wo = pool_out(h, kh, sh, ph, dh, ceil), pool_out(w, kw, sw, pw, dw, ceil)
    out = []
    for i in range(ho):
        for j in range(wo):
            cells = [(i * sh - ph + p * dh, j * sw - pw + q * dw) for p in range(kh) for q in range(kw)]
            real = [(r, c) for r, c in cells if 0 <= r < h and 0 <= c < w]
            # avg divisor (dilation 1): the window clipped to the padded input, or to the input
            h0, w0 = i * sh - ph, j * sw - pw
            h1, w1 = min(h0 + kh, h + ph), min(w0 + kw, w + pw)
            if cfg.get("divisor_override"):
                div = cfg["divisor_override"]
            elif cfg.get("count_include_pad", True):
                div = (h1 - h0) * (w1 - w0)
            else:
                div = (min(h1, h) - max(h0, 0)) * (min(w1, w) - max(w0, 0))
            out.append(((i, j), real, div))
    return out


def first_max(values: list[float]) -> int:
    best = 0
    for k, v in enumerate(values):
        if v > values[best]:
            best = k
    return best


def last_max(values: list[float]) -> int:
    best = 0
    for k, v in enumerate(values):
        if v >= values[best]:
            best = k
    return best


def upsample(g: np.ndarray, a: np.ndarray | None, cfg: dict, kind: str) -> np.ndarray:
    """The pooling backward by windows: avg spreads δ/divisor, max routes δ to the first max.
    The average form of a dilated section is undefined: avg_pool2d has no dilation."""
    if kind == "avg" and tuple(cfg.get("dilation", (1, 1))) != (1, 1):
        raise Mismatch("average pooling has no dilation (torch's avg_pool2d takes none)")
    n, c = g.shape[:2]
    windows = pool_windows(cfg)
    if g.shape[2:] != (max(w[0][0] for w in windows) + 1, max(w[0][1] for w in windows) + 1):
        raise Mismatch("δ does not have the pooling output's shape")
    out = np.zeros((n, c) + tuple(cfg["input"]))
    for (i, j), cells, div in windows:
        for b in range(n):
            for ch in range(c):
                if kind == "avg":
                    for r, q in cells:
                        out[b, ch, r, q] += g[b, ch, i, j] / div
                else:
                    k = first_max([a[b, ch, r, q] for r, q in cells])
                    out[b, ch, cells[k][0], cells[k][1]] += g[b, ch, i, j]
    return out


# --------------------------------------------------------------------------- σ for δ^{l-1}

# Polynomial activations with σ' > 0 everywhere and integer values at integers: a claim that
# holds for a general σ holds for these; σ' missing or misplaced shows at once.
ACTIVATIONS = [((1, 3, 5, 0), lambda z: 3 * z ** 2 + 6 * z + 5),
               ((2, -1, 4, 0), lambda z: 6 * z ** 2 - 2 * z + 4)]


def sigma_poly(coef, z):
    c3, c2, c1, c0 = coef
    return c3 * z ** 3 + c2 * z ** 2 + c1 * z + c0


# --------------------------------------------------------------------------- torch truth

def nonzero(rng: np.random.Generator, shape) -> np.ndarray:
    """Integers in ±1..9: no entry is 0, so a dropped or misplaced term always shows."""
    return (rng.integers(1, 10, shape) * rng.choice([-1, 1], shape)).astype(float)


def _t(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def conv_truth(cfg: dict, rng: np.random.Generator, trial: int) -> dict:
    """Random nonzero integer a, W, b, δ (integer z^{l-1}) and torch autograd's ∂J/∂a, ∂J/∂W, ∂J/∂b, δ^{l-1}
    for J = Σ z ⊙ δ, z = conv2d(a, W, b) (a = σ(z^{l-1}) for δ^{l-1})."""
    n, (cin, cout), g = cfg["batch"], cfg["channels"], cfg["groups"]
    (h, w), (kh, kw) = cfg["input"], cfg["kernel"]
    kw_args = dict(stride=cfg["stride"], padding=cfg["padding"], dilation=cfg["dilation"], groups=g)
    a = nonzero(rng, (n, cin, h, w))
    wt = nonzero(rng, (cout, cin // g, kh, kw))
    b = nonzero(rng, (cout,))
    zprev = rng.integers(-3, 4, a.shape).astype(float)
    ta, tw, tb = _t(a), _t(wt), _t(b)
    z = torch.nn.functional.conv2d(ta, tw, tb, **kw_args)
    delta = nonzero(rng, tuple(z.shape))
    (z * torch.tensor(delta)).sum().backward()
    coef, prime = ACTIVATIONS[trial % len(ACTIVATIONS)]
    tz = _t(zprev)
    z2 = torch.nn.functional.conv2d(sigma_poly(coef, tz), torch.tensor(wt), torch.tensor(b), **kw_args)
    (z2 * torch.tensor(delta)).sum().backward()
    return {"a": a, "W": wt, "b": b, "delta": delta, "zprev": zprev, "sp": prime(zprev),
            "grad_a": ta.grad.numpy(), "grad_w": tw.grad.numpy(), "grad_b": tb.grad.numpy(),
            "delta_prev": tz.grad.numpy()}


def pool_truth(cfg: dict, rng: np.random.Generator, trial: int) -> dict:
    """Pooling: a with many ties (values 0..1, 0..2) or all distinct, δ random integers;
    torch's ∂J/∂a and δ^{l-1}."""
    n, c, (h, w) = cfg["batch"], cfg["channels"], cfg["input"]
    if trial % 3 == 2:                                   # all distinct
        a = rng.permutation(n * c * h * w).reshape(n, c, h, w).astype(float)
    else:                                                # many ties
        a = rng.integers(0, 2 + trial % 3, (n, c, h, w)).astype(float)
    zprev = rng.integers(-2, 3, a.shape).astype(float)
    coef, prime = ACTIVATIONS[trial % len(ACTIVATIONS)]

    def fwd(x):
        if cfg["kind"] == "maxpool":
            return torch.nn.functional.max_pool2d(x, cfg["kernel"], cfg["stride"], cfg["padding"],
                                                  cfg["dilation"], cfg["ceil_mode"])
        return torch.nn.functional.avg_pool2d(x, cfg["kernel"], cfg["stride"], cfg["padding"],
                                              cfg["ceil_mode"], cfg["count_include_pad"],
                                              cfg["divisor_override"])
    ta, tz = _t(a), _t(zprev)
    y = fwd(ta)
    delta = nonzero(rng, tuple(y.shape))
    (y * torch.tensor(delta)).sum().backward()
    (fwd(sigma_poly(coef, tz)) * torch.tensor(delta)).sum().backward()
    return {"a": a, "delta": delta, "zprev": zprev, "sp": prime(zprev),
            "act": sigma_poly(coef, zprev), "grad_a": ta.grad.numpy(), "delta_prev": tz.grad.numpy()}


def fc_truth(cfg: dict, rng: np.random.Generator, trial: int) -> dict:
    """Fully connected, column layout (a: in x N, W: out x in, δ: out x N, b: out x 1)."""
    i, o, n = cfg["in"], cfg["out"], cfg["batch"]
    a = nonzero(rng, (i, n))
    wt = nonzero(rng, (o, i))
    b = nonzero(rng, (o, 1))
    zprev = rng.integers(-3, 4, a.shape).astype(float)
    delta = nonzero(rng, (o, n))
    coef, prime = ACTIVATIONS[trial % len(ACTIVATIONS)]
    ta, tw, tb, tz = _t(a), _t(wt), _t(b), _t(zprev)
    ((tw @ ta + tb) * torch.tensor(delta)).sum().backward()
    ((tw.detach() @ sigma_poly(coef, tz) + tb.detach()) * torch.tensor(delta)).sum().backward()
    return {"a": a, "W": wt, "b": b, "delta": delta, "zprev": zprev, "sp": prime(zprev),
            "grad_a": ta.grad.numpy(), "grad_w": tw.grad.numpy(), "grad_b": tb.grad.numpy(),
            "delta_prev": tz.grad.numpy()}


def softmax_truth(cfg: dict, rng: np.random.Generator, trial: int) -> dict:
    """Softmax cross-entropy summed over the batch; y rows on the simplex (not one-hot)."""
    k, n = cfg["classes"], cfg["batch"]
    z = rng.integers(-3, 4, (n, k)).astype(float) + rng.random((n, k))
    y = rng.random((n, k)) + 0.1
    y = y / y.sum(axis=1, keepdims=True)
    tz = _t(z)
    (-(torch.tensor(y) * torch.log_softmax(tz, dim=1)).sum()).backward()
    p = torch.softmax(torch.tensor(z), dim=1).numpy()
    return {"z": z, "y": y, "p": p, "grad_z": tz.grad.numpy()}


def activation_truth(cfg: dict, rng: np.random.Generator, trial: int) -> dict:
    """σ'(z) by autograd at the integers -3..3 and a few random reals."""
    z = np.concatenate([np.arange(-3.0, 4.0), rng.normal(0, 2, 5)])
    tz = _t(z)
    name = cfg["name"]
    f = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "identity": lambda x: x * 1,
         "leaky_relu": lambda x: torch.nn.functional.leaky_relu(x, cfg.get("slope", 0.01))}[name]
    f(tz).sum().backward()
    sig = {"sigmoid": lambda x: 1 / (1 + np.exp(-x)), "tanh": np.tanh,
           "relu": lambda x: np.maximum(x, 0), "identity": lambda x: x,
           "leaky_relu": lambda x: np.where(x > 0, x, cfg.get("slope", 0.01) * x)}[name]
    return {"z": z, "s": sig(z), "grad": tz.grad.numpy()}


TRUTH = {"conv2d": conv_truth, "avgpool": pool_truth, "maxpool": pool_truth, "fc": fc_truth,
         "softmax": softmax_truth, "activation": activation_truth}


def agrees(value, expected, exact: bool) -> bool:
    """Same shape and the same entries (exactly, or to 1e-12 relative where division or
    transcendental functions make float64 inexact)."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    if value.shape != expected.shape:
        return False
    if exact:
        return bool(np.array_equal(value, expected))
    return bool(np.allclose(value, expected, rtol=1e-12, atol=1e-12))

