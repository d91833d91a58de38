"""The layers ``symbp code`` knows: sizes, call conventions, and the true forward.

Each :class:`Case` is one configuration of one layer: the symbols of its inputs, how the
user's forward and backward are called (CS231n's conventions: ``forward(x, w, b,
conv_param) -> (out, cache)``, ``backward(dout, cache) -> (dx, dw, db)``), and the layer's
true forward as exact expressions, from which :mod:`symbp.core.chain` derives the true
gradient.  Convolution and average pooling come from :mod:`symbp.layers.conv` and
:mod:`symbp.layers.pooling`; max pooling and ReLU are written per comparison region (the region
the shadow values pick), with PyTorch's rules: the first maximum in row-major order takes
the gradient, and ReLU's gradient at 0 is 0.

Example::

    >>> case = conv_case((2, 3, 4, 4), (3, 3, 4, 4), stride=2, pad=1)
    >>> case.describe()
    'x 2x3x4x4, w 3x3x4x4, stride 2, pad 1'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp

from ..core import geometry
from ..layers.conv import Conv2d, Conv2dConfig
from ..layers.pooling import Pool2d, Pool2dConfig
from ..core.tensor import symbolic, total

LAYERS = ("conv2d", "maxpool", "avgpool", "affine", "relu", "softmax-loss", "batchnorm")
#: the exact epsilon symbol passed as bn_param['eps'] (value 1e-5, as CS231n's default)
BN_EPS = sp.Symbol("eps", positive=True)
BN_EPS_VALUE = sp.Rational(1, 100000)


@dataclass
class Case:
    """One configuration of one layer, as the user's code is called with it.

    arrays: the forward's array arguments in order (name -> object array of symbols);
    grads: the names the backward returns, in order; params(): fresh parameter dicts
    appended to the forward's arguments; reference(shadows): the true forward's entries
    (region-specific where the layer has comparisons) and the upstream gradient symbols.
    """
    layer: str
    sizes: dict
    arrays: dict[str, np.ndarray]
    grads: list[str]
    dout: np.ndarray | None
    reference: Callable[[dict], np.ndarray]
    params: Callable[[], list] = lambda: []
    labels: np.ndarray | None = None            # softmax-loss: the class of each row
    constants: dict = field(default_factory=dict)  # symbol -> exact value (eps)
    windows: list = field(default_factory=list)   # pooling windows (per plane)
    overlapping: bool = False
    fast_only: bool = False      # too large for the SymPy route: see check.NOT_IN_FULL

    def describe(self) -> str:
        return ", ".join(f"{k} {v}" if not isinstance(v, (tuple, list)) else
                         f"{k} {'x'.join(map(str, v))}" for k, v in self.sizes.items())

    @property
    def symbols(self) -> list[np.ndarray]:
        return list(self.arrays.values())


# --------------------------------------------------------------------------- conv

def conv_case(x_shape, w_shape, stride=1, pad=0) -> Case:
    """conv_forward_naive(x, w, b, {'stride', 'pad'}); x (N,C,H,W), w (F,C,HH,WW)."""
    n, c, h, wd = x_shape
    f, c2, hh, ww = w_shape
    if c2 != c:
        raise geometry.ConfigError(f"w has {c2} input channels but x has {c}")
    cfg = Conv2dConfig.make((h, wd), (hh, ww), stride, pad, 1, (c, f), 1, n)
    layer = Conv2d(cfg)
    x, dout = symbolic("x", x_shape), symbolic("dout", layer.delta.shape)
    renamed = _renamer((layer.a, x), (layer.delta, dout))
    return Case("conv2d", {"x": x_shape, "w": w_shape, "stride": stride, "pad": pad},
                {"x": x, "w": layer.w, "b": layer.b}, ["x", "w", "b"], dout,
                lambda shadows: renamed(layer.z), lambda: [{"stride": stride, "pad": pad}])


def _renamer(*pairs):
    """z -> z with symbp's symbol names (a, delta) replaced by the user's (x, dout), cached."""
    mapping = {}
    for old, new in pairs:
        mapping.update(zip(old.ravel().tolist(), new.ravel().tolist()))
    cache = {}

    def rename(z: np.ndarray) -> np.ndarray:
        if "z" not in cache:
            out = np.empty(z.shape, dtype=object)
            for index, e in np.ndenumerate(z):
                out[index] = e.xreplace(mapping)
            cache["z"] = out
        return cache["z"]
    return rename


# --------------------------------------------------------------------------- pooling

def _first_max(cells: list, shadows: list) -> int:
    best = 0
    for k in range(1, len(cells)):
        if shadows[k] > shadows[best]:
            best = k
    return best


def pool_case(x_shape, pool=(2, 2), stride=2, mode="max") -> Case:
    """max_pool_forward_naive(x, {'pool_height', 'pool_width', 'stride'}); x (N,C,H,W)."""
    n, c, h, w = x_shape
    cfg = Pool2dConfig.make((h, w), pool, stride, channels=c, batch=n)
    params = lambda: [{"pool_height": pool[0], "pool_width": pool[1], "stride": stride}]
    sizes = {"x": x_shape, "pool": pool, "stride": stride}
    windows = geometry.pool_windows((h, w), cfg.kernel, cfg.stride, (0, 0), (1, 1), False)
    overlapping = stride < max(pool)
    x = symbolic("x", x_shape)
    dout = symbolic("dout", (n, c) + cfg.output)
    if mode == "avg":
        layer = Pool2d(cfg, "avg")
        renamed = _renamer((layer.a, x), (layer.delta, dout))
        return Case("avgpool", sizes, {"x": x}, ["x"], dout,
                    lambda shadows: renamed(layer.z), params, windows=windows)

    def reference(shadows):
        z = np.empty(dout.shape, dtype=object)
        xs = shadows["x"]
        for i in range(n):
            for j in range(c):
                for win in windows:
                    vals = [xs[i, j][cell] for cell in win.cells]
                    z[i, j][win.out] = x[i, j][win.cells[_first_max(win.cells, vals)]]
        return z
    return Case("maxpool", sizes, {"x": x}, ["x"], dout, reference, params,
                windows=windows, overlapping=overlapping)


# --------------------------------------------------------------------------- affine, relu

def affine_case(x_shape, m) -> Case:
    """affine_forward(x, w, b): x (N, d1, ..., dk) reshaped to (N, D); w (D, M); b (M,)."""
    n, d = x_shape[0], int(np.prod(x_shape[1:]))
    x, w, b = symbolic("x", x_shape), symbolic("w", (d, m)), symbolic("b", (m,))
    dout = symbolic("dout", (n, m))

    def reference(shadows):
        rows = x.reshape(n, d)
        z = np.empty((n, m), dtype=object)
        for i in range(n):
            for j in range(m):
                z[i, j] = total([rows[i, k] * w[k, j] for k in range(d)] + [b[j]])
        return z
    return Case("affine", {"x": x_shape, "w": (d, m), "b": (m,)}, {"x": x, "w": w, "b": b},
                ["x", "w", "b"], dout, reference)


def relu_case(x_shape) -> Case:
    """relu_forward(x) -> (out, cache); the gradient at 0 is 0 (PyTorch's rule)."""
    x, dout = symbolic("x", x_shape), symbolic("dout", x_shape)

    def reference(shadows):
        z = np.empty(x_shape, dtype=object)
        for index, sym in np.ndenumerate(x):
            z[index] = sym if shadows["x"][index] > 0 else sp.S.Zero
        return z
    return Case("relu", {"x": x_shape}, {"x": x}, ["x"], dout, reference)


# --------------------------------------------------------------------------- losses, norms

def softmax_case(n, classes) -> Case:
    """softmax_loss(x, y) -> (loss, dx): mean cross-entropy of softmax(x) against labels y."""
    x = symbolic("x", (n, classes))
    labels = np.array([(3 * i + 1) % classes for i in range(n)], dtype=np.int64)

    def reference(shadows):
        # evaluate=False: SymPy's eval of exp(symbol) and log(sum) returns them unchanged
        # after assumption queries that cost more than the rest of the proof at 50x10
        terms = [sp.log(total([sp.exp(x[i, j], evaluate=False) for j in range(classes)]),
                        evaluate=False) - x[i, labels[i]] for i in range(n)]
        return np.array([total(terms) / n], dtype=object)
    ones = np.array([sp.S.One], dtype=object)
    return Case("softmax-loss", {"x": (n, classes)}, {"x": x}, ["x"], ones, reference,
                labels=labels)


def batchnorm_case(n, d) -> Case:
    """batchnorm_forward(x, gamma, beta, {'mode': 'train', 'eps': ε}) in training mode.

    out = γ (x − μ)/√(σ² + ε) + β with μ, σ² the batch mean and biased variance per column.
    """
    x, gamma, beta = symbolic("x", (n, d)), symbolic("gamma", (d,)), symbolic("beta", (d,))
    dout = symbolic("dout", (n, d))

    def reference(shadows):
        z = np.empty((n, d), dtype=object)
        for j in range(d):
            mean = total([x[i, j] for i in range(n)]) / n
            var = total([(x[i, j] - mean) ** 2 for i in range(n)]) / n
            for i in range(n):
                z[i, j] = gamma[j] * (x[i, j] - mean) / sp.sqrt(var + BN_EPS) + beta[j]
        return z
    return Case("batchnorm", {"x": (n, d)}, {"x": x, "gamma": gamma, "beta": beta},
                ["x", "gamma", "beta"], dout, reference,
                lambda: [{"mode": "train", "eps": BN_EPS, "momentum": 0.9}],
                constants={BN_EPS: BN_EPS_VALUE})


# --------------------------------------------------------------------------- sweeps

def _fast_only(case: Case) -> Case:
    case.fast_only = True
    return case


def default_cases(layer: str, sweep: bool) -> list[Case]:
    """Small CS231n-style sizes first, then (with ``sweep``) padding 0, uneven strides,
    overlapping windows, non-square shapes and, last, the course's own gradient-check
    sizes (conv x 4x3x5x5 with w 2x3x3x3, max pool x 3x2x8x8, affine x 10x2x3, relu 10x10,
    softmax 50x10, batch norm 4x5).  The largest two are ``fast_only``: proved by the fast
    exact route, or else checked at the entry it could not prove and otherwise left (see
    :data:`symbp.code.check.NOT_IN_FULL`)."""
    if layer == "conv2d":
        cases = [conv_case((2, 3, 4, 4), (3, 3, 4, 4), 2, 1)]
        if sweep:
            cases += [conv_case((1, 2, 4, 4), (2, 2, 3, 3), 1, 0),      # padding 0
                      conv_case((1, 1, 5, 4), (2, 1, 3, 2), 2, 1),      # non-square
                      conv_case((1, 1, 5, 5), (1, 1, 2, 2), 2, 0),      # uneven stride
                      _fast_only(conv_case((4, 3, 5, 5), (2, 3, 3, 3), 1, 1))]  # CS231n's check
        return cases
    if layer in ("maxpool", "avgpool"):
        mode = "max" if layer == "maxpool" else "avg"
        cases = [pool_case((2, 3, 4, 4), (2, 2), 2, mode)]
        if sweep:
            cases += [pool_case((1, 1, 4, 4), (2, 2), 1, mode),          # overlapping
                      pool_case((1, 2, 5, 4), (3, 2), 2, mode),          # overlapping, non-square
                      pool_case((1, 1, 5, 5), (2, 2), 2, mode),          # uneven stride
                      pool_case((3, 2, 8, 8), (2, 2), 2, mode)]          # CS231n's check
        return cases
    if layer == "affine":     # the course's gradient-check sizes last in every sweep
        return [affine_case((3, 2, 3), 4)] + \
            ([affine_case((2, 5), 3), affine_case((10, 2, 3), 5)] if sweep else [])
    if layer == "relu":
        return [relu_case((3, 4))] + ([relu_case((2, 3, 2)), relu_case((10, 10))] if sweep else [])
    if layer == "softmax-loss":
        return [softmax_case(3, 4)] + \
            ([softmax_case(4, 2), _fast_only(softmax_case(50, 10))] if sweep else [])
    if layer == "batchnorm":
        return [batchnorm_case(4, 2)] + \
            ([batchnorm_case(3, 1), batchnorm_case(4, 5)] if sweep else [])
    raise geometry.ConfigError(f"unknown layer {layer!r}; known: {', '.join(LAYERS)}")
