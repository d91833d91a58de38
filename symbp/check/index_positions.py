r"""An entry's position in an index claim, ``x_{i+m, j-n}`` at one assignment of its letters,
as a function compiled once per reference: the index reader
(:class:`symbp.check.index_evaluator.Evaluator`) evaluates the same references at every
term of every sum (784 entries x 25 terms of a 28x28 input's gradient), and walking the
index trees each time was a large part of a check.

Only whole-number arithmetic is compiled (letters bound in the assignment or as sizes, whole
numbers, ``+``, ``-``, ``·``); any other index (a size with a layer label, a power, a
division, a floor) is the evaluator's own ``scalar_index``, so both give the same numbers
and the same errors.

>>> from symbp.check.index_claims import Op, Ref
>>> fn = compile_index(Op("add", (Ref("i", None, None), Op("neg", (Ref("m", None, None),)))), None, None)
>>> fn({"i": 5, "m": 2})
3
"""
from __future__ import annotations

import sympy as sp

from .index_claims import Op, Ref
from .index_tree import size_key


def compile_index(e, ctx, fallback):
    """A function of the assignment giving ``e``'s integer value, exactly as
    ``fallback(e, env)`` (the evaluator's ``scalar_index``) would; ``ctx.symbols`` (the
    context's sizes) is read at call time."""
    if isinstance(e, bool):
        return lambda env: fallback(e, env)
    if isinstance(e, (int, sp.Integer)):
        value = int(e)
        return lambda env: value
    if isinstance(e, Ref) and e.idx is None and e.label is None and size_key(e) == e.name:
        name = e.name

        def letter(env):
            if name in env:
                return env[name]
            if name in ctx.symbols:
                return ctx.symbols[name]
            return fallback(e, env)           # unbound: the evaluator's error
        return letter
    if isinstance(e, Op) and e.kind in ("add", "neg", "mul") and e.args:
        parts = [compile_index(a, ctx, fallback) for a in e.args]
        if e.kind == "neg":
            first = parts[0]
            return lambda env: -first(env)
        if e.kind == "add":
            if len(parts) == 2:
                a, b = parts
                return lambda env: a(env) + b(env)
            return lambda env: sum(p(env) for p in parts)

        def product(env):
            out = 1
            for p in parts:
                out *= p(env)
            return out
        return product
    return lambda env: fallback(e, env)
