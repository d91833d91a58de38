"""The chain rule, applied mechanically to forward expressions.

Given the forward entries ``z`` (an object array of SymPy expressions) and the
upstream gradient ``delta`` = ∂J/∂z of the same shape, :func:`derive` returns, for
each requested tensor ``x``,

    ∂J/∂x_k = Σ_ij δ_ij ∂z_ij/∂x_k

computed by differentiating every term of every ``z_ij``: one pass over the terms,
the product rule inside each term, ``Add(*terms)`` for each result entry.  No
gradient formula is written by hand here: what comes out is what differentiation
of the forward definition gives.  Non-smooth forwards are differentiated region by
region: max pooling arrives rewritten over its argmax regions (Σ χ_k c_k, see
:mod:`symbp.core.regions`), whose indicators χ are constant inside each region.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import numpy as np
import sympy as sp

from .layer import Gradients, LayerDefaults
from .ops import AddBias, Sigma, evaluate
from .tensor import ZERO, ZPREV, product, symbolic, total


def derive(z: np.ndarray, delta: np.ndarray, wrt: list[np.ndarray]) -> list[np.ndarray]:
    """∂J/∂x for every x in ``wrt``, where J's gradient with respect to ``z`` is ``delta``.

    z, delta: object arrays of one shape; wrt: object arrays of symbols.
    Returns object arrays shaped like each entry of ``wrt``.
    """
    if z.shape != delta.shape:
        raise ValueError(f"δ has shape {delta.shape} but z has shape {z.shape}")
    targets = {}
    for t, arr in enumerate(wrt):
        for index, s in np.ndenumerate(arr):
            targets[s] = (t, index)
    acc: dict[sp.Symbol, list[sp.Expr]] = defaultdict(list)
    for zij, d in zip(z.ravel().tolist(), delta.ravel().tolist()):
        if d is ZERO or zij is ZERO:
            continue
        for term in (zij.args if zij.is_Add else (zij,)):
            for x, partial in term_partials(term, targets):
                acc[x].append(product(d, partial))
    out = [np.empty(arr.shape, dtype=object) for arr in wrt]
    for s, (t, index) in targets.items():
        out[t][index] = total(acc.get(s, ()))
    return out


class WeightedLayer(LayerDefaults):
    """A layer z = f(a, W, b) with upstream δ: its forward entries and chain-rule gradients.

    Subclasses set ``a``, ``w``, ``b``, ``delta`` (object arrays of symbols), ``env``
    (placeholders -> those arrays) and ``forward_form(x)`` (an operator expression of the
    input ``x``); they get ``z``, ``gradients``, ``zprev`` and ``derived_delta`` of the
    layer protocol (:class:`symbp.core.layer.Layer`).
    """

    #: documents write this layer's vectors as columns (a fully connected layer's)
    column_vectors = False
    #: the operands of ∂J/∂W's correlation in order (conv2d: a * δ), by placeholder name
    weight_grad_operands = ("a", "delta")
    # pooling_mode, pad_widths, dilate_factors, proof_prose: from core.layer.LayerDefaults

    @cached_property
    def z(self) -> np.ndarray:
        """Forward entries as SymPy expressions."""
        return evaluate(self.forward_form(), self.env)

    @cached_property
    def gradients(self) -> dict[str, np.ndarray]:
        """∂J/∂a, ∂J/∂W, ∂J/∂b by the chain rule through the forward entries (keys a, W, b)."""
        ga, gw, gb = derive(self.z, self.delta, [self.a, self.w, self.b])
        return Gradients(a=ga, W=gw, b=gb)

    def document_forms(self) -> dict[str, sp.Expr]:
        """The closed forms as ``symbp check`` reports them: :meth:`closed_forms` and the
        forward ("z", and "z_nobias" for a layer documented without its bias)."""
        z = self.forward_form()
        return {**self.closed_forms(), "z": z,
                "z_nobias": z.args[0] if isinstance(z, AddBias) else z}

    @cached_property
    def zprev(self) -> np.ndarray:
        """z^{l-1}, the previous layer's pre-activation (a = σ(z^{l-1})), shaped like a."""
        return symbolic("z", self.a.shape, sup="l-1")

    @cached_property
    def derived_delta(self) -> np.ndarray:
        """δ^{l-1} = ∂J/∂z^{l-1} by the chain rule through a = σ(z^{l-1}) and the forward."""
        z = evaluate(self.forward_form(Sigma(ZPREV)), {**self.env, ZPREV: self.zprev})
        return derive(z, self.delta, [self.zprev])[0]


def term_partials(term: sp.Expr, targets) -> list[tuple[sp.Symbol, sp.Expr]]:
    """(x, ∂term/∂x) for each target x in one product term, by the product rule.

    A factor that *is* a target contributes the product of the other factors;
    any other factor holding targets (σ(z), Piecewise, powers) is differentiated
    by SymPy.  Several contributions to one x are returned separately and summed
    by the caller.
    """
    factors = term.args if term.is_Mul else (term,)
    if len(factors) == 2 and factors[0].is_Symbol and factors[1].is_Symbol:
        x, y = factors                     # the bilinear hot path: ∂(xy)/∂x = y
        if x in targets:
            return [(x, y), (y, x)] if y in targets else [(x, y)]
        return [(y, x)] if y in targets else []
    found = []
    for k, f in enumerate(factors):
        if f.is_Number:
            continue
        if f in targets:
            found.append((f, _product_without(factors, k)))
            continue
        for x in f.free_symbols:
            if x in targets:
                df = f.diff(x)
                if df is not ZERO:
                    found.append((x, df * _product_without(factors, k)))
    return found


def _product_without(factors: tuple, k: int) -> sp.Expr:
    rest = factors[:k] + factors[k + 1:]
    if not rest:
        return sp.S.One
    return rest[0] if len(rest) == 1 else sp.Mul(*rest)
