r"""Batch normalisation in training mode (and layer normalisation, the same over the other axis):
its forward definition and the closed forms documents state, side by side.

Over the m entries x_1 … x_m that one feature takes across a batch (layer norm: the features of
one sample), with ε > 0 and the learned scale γ and shift β:

    μ   = (1/m) Σ_i x_i                      the mean
    σ²  = (1/m) Σ_i (x_i − μ)²               the biased variance (PyTorch's in training)
    x̂_i = (x_i − μ) / √(σ² + ε)
    y_i = γ x̂_i + β

and with g_i = ∂L/∂y_i the upstream gradient, the closed forms (Ioffe & Szegedy 2015, in the
one-line form that most derivations reach):

    ∂L/∂β = Σ_i g_i        ∂L/∂γ = Σ_i g_i x̂_i
    ∂L/∂x_i = γ / (m √(σ² + ε)) · (m g_i − Σ_j g_j − x̂_i Σ_j g_j x̂_j)

:func:`forward` builds the forward from symbols; :func:`gradients` derives the three gradients
from it by the chain rule (``sympy.diff`` of L = Σ_i g_i y_i, exact for first derivatives);
:func:`closed_forms` writes the forms above; :func:`prove` shows they agree exactly (ε is
eliminated through s = √(σ² + ε), so every value is a rational function of x, s, γ, g).

Documents are read by the scalar-layer reader (:mod:`symbp.check.calc_graph`), which takes a
normalisation's own rows as its forward; a directive ``layer=batchnorm`` (or ``layernorm``)
says which layer a section is about.

>>> prove(3)
True
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..core.layer import SizeCounts


#: the spellings a directive's ``layer=`` may use, and the layer each names
NORM_ALIASES = {"batchnorm": "batchnorm", "batch_norm": "batchnorm", "batch-norm": "batchnorm", "bn": "batchnorm",
                "layernorm": "layernorm", "layer_norm": "layernorm", "layer-norm": "layernorm"}


@dataclass(frozen=True)
class NormConfig:
    """Batch (or layer) normalisation over ``batch`` entries of ``features`` features each."""
    #: layer protocol: the scalar-layer reader reads its equations; no σ of its own
    softmax_equations = defines_sigma = False
    batch: int = 4
    features: int = 1
    over: str = "batch"                 # "batch" (batch norm) or "features" (layer norm)

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "batchnorm") -> "NormConfig":
        """``{"batch": "4", "features": "3"}`` -> 4 entries of 3 features; ValueError for bad values."""
        cfg = cls(read.count("batch", 4), read.count("features", 1),
                  "features" if kind == "layernorm" else "batch")
        if min(cfg.batch, cfg.features) < 1:
            raise ValueError("batch and features must be positive")
        return cfg

    def size_counts(self) -> SizeCounts:
        tensors = {"x": self.batch * self.features}
        return SizeCounts(tensors, tensors["x"] * 4)

    def describe(self) -> str:
        what = "layer norm over" if self.over == "features" else "batch norm over a batch of"
        return f"{what} {self.batch if self.over == 'batch' else self.features} entries"


def forward(m: int):
    """(x, γ, β, ε, y) for one feature over ``m`` entries: symbols x_1 … x_m and y_i as
    SymPy expressions of them.

    >>> x, gamma, beta, eps, y = forward(2)
    >>> y[0].subs({x[0]: 1, x[1]: 3, eps: 0, gamma: 1, beta: 0})
    -1
    """
    x = sp.symbols(f"x1:{m + 1}", real=True)
    gamma, beta = sp.symbols("gamma beta", real=True)
    eps = sp.Symbol("epsilon", positive=True)
    mu = sp.Add(*x) / m
    var = sp.Add(*[(xi - mu) ** 2 for xi in x]) / m
    y = [gamma * (xi - mu) / sp.sqrt(var + eps) + beta for xi in x]
    return x, gamma, beta, eps, y


def gradients(m: int):
    """(g, {"x": [∂L/∂x_i], "gamma": ∂L/∂γ, "beta": ∂L/∂β}) by the chain rule from
    :func:`forward`, with L = Σ g_i y_i (g_i = ∂L/∂y_i free symbols)."""
    x, gamma, beta, eps, y = forward(m)
    g = sp.symbols(f"g1:{m + 1}", real=True)
    loss = sp.Add(*[gi * yi for gi, yi in zip(g, y)])
    return (x, gamma, beta, eps, g), {"x": [sp.diff(loss, xi) for xi in x],
                                     "gamma": sp.diff(loss, gamma), "beta": sp.diff(loss, beta)}


def closed_forms(x, gamma, eps, g):
    """The documented forms of the module docstring, in the same symbols."""
    m = len(x)
    mu = sp.Add(*x) / m
    s = sp.sqrt(sp.Add(*[(xi - mu) ** 2 for xi in x]) / m + eps)
    xhat = [(xi - mu) / s for xi in x]
    sum_g, sum_gx = sp.Add(*g), sp.Add(*[gi * xh for gi, xh in zip(g, xhat)])
    return {"x": [gamma / (m * s) * (m * gi - sum_g - xh * sum_gx) for gi, xh in zip(g, xhat)],
            "gamma": sum_gx, "beta": sum_g}


def prove(m: int) -> bool:
    """Whether the closed forms equal the derived gradients exactly at ``m`` entries: ε is
    written s² − σ²(x) with s = √(σ² + ε) > 0, which makes both rational in x, s, γ, g."""
    (x, gamma, beta, eps, g), derived = gradients(m)
    stated = closed_forms(x, gamma, eps, g)
    s = sp.Symbol("s", positive=True)
    mu = sp.Add(*x) / m
    var = sp.Add(*[(xi - mu) ** 2 for xi in x]) / m
    pairs = list(zip(derived["x"], stated["x"])) + [(derived[k], stated[k]) for k in ("gamma", "beta")]
    for a, b in pairs:
        diff = (a - b).subs(eps, s ** 2 - var)
        if sp.expand(sp.numer(sp.together(sp.expand(diff)))) != 0:
            return False
    return True


__all__ = ["NORM_ALIASES", "NormConfig", "closed_forms", "forward", "gradients", "prove"]
