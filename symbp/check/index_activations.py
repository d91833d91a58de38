r"""σ(…) written in an index claim of a fully connected section whose output has a named activation
(``a = σ(z)``): the activation entry it names (:func:`output_activation` for ``σ(z_j)``,
:func:`activation_of_value` for ``σ(Σ_k w_{jk} a_k + b_j)``, the z it equals).  Called by
:class:`symbp.check.index_evaluator.Evaluator`; ``ctx`` is its sized
:class:`symbp.check.doc_names.DocContext`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .index_claims import IndexError_, Ref


def output_activation(ctx, name, arg: Ref, pos):
    """σ(z_j) written in a claim: the entry a_j = σ(z_j) of a fully connected section whose
    output has a named activation (a role 'activation'); otherwise IndexError_."""
    if ctx.layer != "fc" or "activation" not in ctx.roles.values() or \
            ctx.role(arg.name, arg.label) != "output":
        raise IndexError_(f"{name}({arg.name}) is read only as the activation of a fully connected "
                          "section's output where the section names it (a = σ(z))")
    value = ctx._at(ctx.A, pos, arg.name, "output")
    if not (isinstance(value, sp.Function) and type(value).__name__ == "sigma"):
        raise IndexError_(f"{name}({arg.name}): the section's output has no activation")
    return value


def activation_of_value(ctx, name, primes, value):
    """σ(…) or σ'(…) of a written expression whose value is exactly (expand of the
    difference zero) one output pre-activation entry z of a fully connected section with
    a named activation: that entry's σ(z) or σ'(z) symbol; otherwise IndexError_."""
    if primes > 1 or ctx.layer != "fc" or "activation" not in ctx.roles.values() or \
            isinstance(value, np.ndarray):
        raise IndexError_(f"{name}{chr(39) * primes} of an expression")
    for ix in np.ndindex(*ctx.Z.shape):
        if sp.expand(ctx.Z[ix] - value) == 0:
            out = ctx.SO[ix] if primes else ctx.A[ix]
            if primes == 0 and not (isinstance(out, sp.Function) and type(out).__name__ == "sigma"):
                break
            return out
    raise IndexError_(f"{name}{chr(39) * primes} of an expression that is not one of the "
                      "output's pre-activations")


__all__ = ["activation_of_value", "output_activation"]
