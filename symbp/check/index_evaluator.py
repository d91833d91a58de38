r"""The values of index-notation trees (:mod:`symbp.check.index_claims`) in a document context
(:class:`symbp.check.doc_names.DocContext`): :class:`Evaluator` turns a side of a claim, at one
assignment of its free indices, into a SymPy entry or an object array of them.  Sums run over
their written bounds or, with none written, over where their tensors exist (an entry outside
its tensor is zero, unless written bounds, or the claim's free indices at the document's sizes in a
gradient, reached it: then it refutes, named).
:func:`symbp.check.index_operators.correlate` is the cross-correlation / true convolution (MATLAB's
``conv2`` shapes) that ``*`` and ``conv2`` mean there; the claims themselves are compared in :mod:`symbp.check.index_eval`.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import parse
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    >>> setup = ctx.instances()[0]
    >>> tree = parse(r"\sum_m a_{i+m,j} w_{m,0}", setup.tensor_names(), setup.losses())
    >>> Evaluator(setup).value(tree, {"i": 0, "j": 0}) != 0
    True
"""
from __future__ import annotations

import functools
import itertools
from fractions import Fraction

import numpy as np
import sympy as sp

from ..core.proof import entries_equal
from .entry_poly import atom_product, sum_of_products
from .index_claims import Grad, IndexError_, Jac, Op, OutOfRange, Ref, Sum, names_in
from .index_positions import compile_index
from .index_memo import free_letters, remembered
from .index_tree import free_vars, size_key
from .doc_maxpool import cases_value, has_max, max_value
from .index_operators import correlate, dilate_spatial, flip_spatial, pad_spatial, upsample_spatial
from .written_derivative import written_derivative
from .fc_names import ones_after, ones_before, ones_row
from .doc_operator_defs import operator_mode
from .dotted_matrix import expand as expand_dotted
from .whole_jacobian import hadamard_operand, odot_run_value
from .index_activations import activation_of_value, output_activation

MAX_INSTANCES = 20_000          # free-index instantiations × sum terms per side


class Evaluator:
    """Both sides of a claim as SymPy values in one :class:`symbp.check.doc_names.DocContext`."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.explicit: set[str] = set()
        self.free: set[str] = set()         # the claim's free letters, where a gradient they reach outside refutes
        self._uses: dict = {}
        self._compiled: dict = {}

    def index(self, e, env) -> int:
        return _whole(self.scalar_index(e, env))

    def scalar_index(self, e, env):
        """Integer arithmetic on plain ints (Fraction for a division)."""
        if isinstance(e, Ref) and e.idx is None:
            if size_key(e) != e.name and size_key(e) in self.ctx.symbols:      # C^{l-1}: a labelled size
                return self.ctx.symbols[size_key(e)]
            if e.name in env:
                return _power(env[e.name], e)
            if e.name in self.ctx.symbols:
                return _power(self.ctx.symbols[e.name], e)
            raise IndexError_(f"the index or size '{e.name}' is not bound (say what it is in a "
                              f"directive, e.g. <!-- symbp: names: {e.name}=input.rows -->; .cols, .batch, "
                              ".channels name the other axes)")
        if isinstance(e, (int, sp.Integer)):
            return int(e)
        if isinstance(e, Op):
            vals = [self.scalar_index(a, env) for a in e.args]
            if e.kind == "add":
                return sum(vals)
            if e.kind == "neg":
                return -vals[0]
            if e.kind == "mul":
                out = 1
                for v in vals:
                    out *= v
                return out
            if e.kind == "div" and vals[1] != 0:
                return Fraction(vals[0]) / Fraction(vals[1])
            if e.kind == "floor":
                return Fraction(vals[0]).numerator // Fraction(vals[0]).denominator
        raise IndexError_("an index that is not integer arithmetic")

    def uses(self, exprs) -> set:
        key = id(exprs)
        if key not in self._uses:
            self._uses[key] = (set().union(set(), *(names_in(e) for e in exprs)), exprs)
        return self._uses[key][0]

    def guarded(self, fn, exprs, gradient=False):
        """fn(); an entry outside its tensor is zero where a sum's letter without written bounds reached it;
        written bounds, numbers alone (X_{44} of a 3x3 X), or ``self.free`` letters alone in a gradient
        (``∂L/∂y_{⌊m/2⌋}`` at a 5x5 input's last row pooled to 2x2) name an entry that is not."""
        try:
            return fn()
        except OutOfRange as err:
            letters = self.uses(exprs)
            free = gradient and letters and letters <= self.free and not letters & getattr(self, "summed", set())
            if free or letters & self.explicit or not letters:
                raise OutOfRange(f"{err}, reached by the claim's free index {', '.join(sorted(letters))}, no sum over it"
                                 if free else f"{err}, reached by the written bounds of {', '.join(sorted(letters & self.explicit))}"
                                 if letters else f"{err}: an entry written with numbers outside its tensor") from None
            return sp.Integer(0)

    def value(self, n, env):
        """The value of subtree ``n`` at ``env``, kept for the next time the same subtree is
        met with the same values of its names (:mod:`symbp.check.index_memo`)."""
        if isinstance(n, (int, sp.Integer)):
            return sp.Integer(n)
        if isinstance(n, sp.Float):            # a written decimal (given_values.written_decimal)
            return n
        return remembered(self, n, env, self._value)

    def _value(self, n, env):
        if isinstance(n, Ref):
            return self.ref(n, env)
        if isinstance(n, Grad):
            r = n.ref
            return self.guarded(lambda: self.ctx.grad(r.name, r.label, self.positions(r, env)),
                                r.idx or (), gradient=True)
        if isinstance(n, Jac):
            t, b = n.top, n.bottom
            return self.guarded(lambda: self.ctx.jacobian(t.name, t.label, self.positions(t, env),
                                                          b.name, b.label, self.positions(b, env)),
                                (t.idx or ()) + (b.idx or ()))
        if isinstance(n, Sum):
            return self.sum(n, env)
        if isinstance(n, Op):
            return self.op(n, env)
        raise IndexError_(f"cannot evaluate {type(n).__name__}")

    def positions(self, ref: Ref, env):
        """The reference's indices at ``env`` (``index`` of each, compiled once a reference)."""
        if ref.idx is None:
            return None
        found = self._compiled.get(id(ref))
        if found is None or found[0] is not ref:         # an id reused by a node built on the fly
            found = self._compiled[id(ref)] = (ref, [compile_index(e, self.ctx, self.scalar_index) for e in ref.idx])
        return tuple(_whole(fn(env)) for fn in found[1])

    def ref(self, r: Ref, env):
        if r.idx is None and r.name in env:
            return sp.Integer(_power(env[r.name], r))
        if r.idx is None and r.name in self.ctx.symbols:
            return sp.Integer(_power(self.ctx.symbols[r.name], r))
        if self.kronecker(r):
            a, b = (self.index(e, env) for e in r.idx)                 # Kronecker delta
            return sp.Integer(int(a == b))
        return self.guarded(lambda: self.ctx.entry(r.name, r.label, self.positions(r, env)),
                            r.idx or (), gradient=self.ctx.roles.get(r.name) in ("delta", "output_grad"))

    def kronecker(self, r: Ref) -> bool:
        r"""``\delta_{jk}`` in a fully connected section is Kronecker's delta (not the error)."""
        return r.name == r"\delta" and r.label is None and r.idx is not None and len(r.idx) == 2 \
            and self.ctx.layer == "fc" and self.ctx.settings.get("delta_reading") != "error"

    def sum(self, n: Sum, env):
        letters = _idle_letters(n)
        if letters:         # Σ_x Σ_y δ^l: its entries' sum? the tensor times a count? not written
            raise IndexError_(f"the sum over {', '.join(letters)} runs over letters its body does not "
                              f"carry (the sum of a whole tensor's entries?): write them as the "
                              f"entries' indices, e.g. \\delta_{{{','.join(letters)}}}")
        ranges = []
        for v in n.vars:
            if n.lo is not None or n.hi is not None:
                lo = self.index(n.lo, env) if n.lo is not None else self.ctx.base
                if n.hi is None:
                    raise IndexError_(f"the sum over {v} has a lower bound but no upper bound")
                ranges.append(range(lo, self.index(n.hi, env) + 1))
                self.explicit.add(v)
            else:
                ranges.append(None)
        ranges = [self.implicit_range(v, n.body, env) if r is None else r for v, r in zip(n.vars, ranges)]
        self.summed = getattr(self, "summed", set()) | set(n.vars)      # the letters a written sum runs over
        count = 1
        for r in ranges:
            count *= max(len(r), 1)
        if count > MAX_INSTANCES:
            raise IndexError_("a sum with too many terms")
        terms = []
        for combo in itertools.product(*ranges):
            v = self.value(n.body, {**env, **dict(zip(n.vars, combo))})
            if not (isinstance(v, (int, sp.Integer)) and v == 0):
                terms.append(v)
        if any(isinstance(t, np.ndarray) for t in terms):
            return _combine(terms, lambda xs: sp.Add(*xs)) if terms else sp.Integer(0)
        return sum_of_products(terms)

    def implicit_range(self, var, body, env) -> range:
        """Where ``var`` can take a sum without written bounds: the values that keep every
        entry a product factor indexes with ``var ± (known)`` inside its tensor (the other
        terms are zero); with no such factor, a range wider than every tensor."""
        span = self.ctx.span()
        lo, hi = -span, 2 * span
        bounded = False
        factors = body.args if isinstance(body, Op) and body.kind == "mul" else (body,)
        for f in factors:
            for ref in _factor_refs(f):
                if self.kronecker(ref):         # δ_{jk}: no tensor, bounds nothing
                    continue
                for axis, e in enumerate(ref.idx or ()):
                    names = names_in(e)
                    if var not in names or any(x != var and x not in env and x not in self.ctx.symbols
                                               for x in names):
                        continue
                    bounds = self.ctx.axis_bounds(ref.name, ref.label, axis, len(ref.idx))
                    if bounds is None:
                        continue
                    try:
                        at0 = self.scalar_index(e, {**env, var: 0})
                        slope = self.scalar_index(e, {**env, var: 1}) - at0
                    except IndexError_:
                        continue
                    first, size = bounds
                    bounded = bounded or slope in (1, -1)
                    if slope == 1:
                        lo, hi = max(lo, first - at0), min(hi, first - at0 + size)
                    elif slope == -1:
                        lo, hi = max(lo, at0 - first - size + 1), min(hi, at0 - first + 1)
        if not bounded and getattr(self.ctx, "layer", "") == "pool-avg":
            raise IndexError_(f"the sum over {var} has no written range and no tensor of the claim "
                              f"bounds it (in pooling it means the window: write its range, "
                              f"e.g. \\sum_{{{var}=0}}^{{k-1}})")
        return range(int(lo), int(max(lo, hi)))

    def odot_run(self, n, env):
        """``A ⊙ B C`` / ``H A ⊙ B``: :func:`symbp.check.whole_jacobian.odot_run_value`."""
        return odot_run_value(self, n, env, _same_value)

    def op(self, n: Op, env):
        k = n.kind
        if k == "add":
            return _combine([self.value(a, env) for a in n.args], lambda xs: sp.Add(*xs))
        if k == "neg":
            v = self.value(n.args[0], env)
            return _combine([v], lambda xs: -xs[0])
        if k == "mul":
            return self.product(n.args, env)
        if k == "div":
            a, b = (self.value(x, env) for x in n.args)
            if isinstance(b, np.ndarray) or b == 0:
                raise IndexError_("a division by a tensor or by zero")
            return _combine([a], lambda xs: xs[0] / b)
        if k in ("maximum", "maxlist", "ismax") or (k == "jacof" and has_max(n.args[0])):
            return max_value(self, n, env)     # max pooling (doc_maxpool)
        if k == "cases" and has_max(Op("all", tuple(c for _, c in n.args if c is not None))):
            return cases_value(self, n, env)
        if k == "cases":                   # the first row whose condition holds
            for value, cond in n.args:
                if cond is None or self.condition(cond, env):
                    if cond is None and any(self.condition(c, env) for _, c in n.args if c is not None):
                        continue
                    return self.value(value, env)
            return sp.Integer(0)
        if k == "iverson":
            a, b = (self.index(x, env) for x in n.args)
            return sp.Integer(int(a == b))
        if k == "func":
            name, primes, arg = n.args
            if not isinstance(arg, Ref):    # σ(Σ_k w_{jk} a_k + b_j): the activation of the z it equals
                return activation_of_value(self.ctx, name, primes, self.value(arg, env))
            if primes == 0:                 # σ(z_j) itself: the output's activation a_j, where the section has one
                return self.guarded(lambda: output_activation(self.ctx, name, arg, self.positions(arg, env)),
                                    arg.idx or ())
            return self.guarded(lambda: self.ctx.activation(name, primes, arg, self.positions(arg, env)),
                                arg.idx or ())
        if k in ("corr", "conv", "star"):
            if self.ctx.layer == "fc":          # δ ⊗ a: an outer product there, not a convolution
                raise IndexError_("a convolution operator (*, ⋆, ⊗) in a fully connected section")
            a, b = self.value(n.args[0], env), self.value(n.args[1], env)
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
                if k == "star" and isinstance(a, np.ndarray) == isinstance(b, np.ndarray) and (not (letters := set(
                        free_letters(self, n.args[0])) | set(free_letters(self, n.args[1]))) or letters & getattr(self, "summed", set())):
                    return a * b    # two numbers (numbered entries, or a written sum's): Σ_i Σ_j δ_{d,i,j} * ∂z/∂W, ∂E/∂Y_{11} * X_{11}
                raise IndexError_("a convolution of entries")
            mode = operator_mode(self.ctx, k)   # as the page defines it, else the section's convention (doc_operator_defs)
            shape = n.args[2] if len(n.args) > 2 else self.ctx.settings.get("conv_mode", "valid")   # conv2(…, 'full'), else the prose's
            if a.ndim == b.ndim == 1 and getattr(self.ctx, "spatial", 2) == 1:   # a 1-D section
                return correlate(a[None, :], b[None, :], mode, shape)[0]
            return correlate(a, b, mode, shape)
        if k == "rot":
            return flip_spatial(self.value(n.args[0], env), getattr(self.ctx, "spatial", 2))
        if k == "up":                           # up(δ), kron(δ, 1_{k×k}): blocks of repeated entries
            sr, sc = self.ctx.strides if n.args[1] is None else (self.index(n.args[1], env),
                                                                  self.index(n.args[2], env))
            return upsample_spatial(self.value(n.args[0], env), sr, sc, getattr(self.ctx, "spatial", 2))
        if k == "dilate":                       # dilate_{s}(δ): s-1 zeros between entries
            sr, sc = self.ctx.strides if n.args[1] is None else (self.index(n.args[1], env),) * 2
            return dilate_spatial(self.value(n.args[0], env), sr, sc, getattr(self.ctx, "spatial", 2))
        if k == "pad":
            return pad_spatial(self.value(n.args[0], env), int(self.index(n.args[1], env)),
                               getattr(self.ctx, "spatial", 2))
        if k in ("transpose", "row"):           # row: a vector as a 1 x n row (symbp.check.fc_row_gradients)
            v = self.value(n.args[0], env)
            return v.T if k == "transpose" else v.reshape(1, -1) if isinstance(v, np.ndarray) else v
        if k == "odot_run":                     # A ⊙ B C: the reading whose shapes fit, or both where equal
            return self.odot_run(n, env)
        if k == "hadamard":
            a, b = (hadamard_operand(self, x, env) for x in n.args[:2])     # ∂a/∂z beside ⊙: its diagonal
            if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape != b.shape:
                raise OutOfRange(f"⊙ of shapes {a.shape} and {b.shape}")
            return a * b
        if k == "dotted_matrix":                 # x_1 … x_n: written out at the section's sizes
            return self.value(expand_dotted(n, self.ctx), env)
        if k == "matrix":
            rows = [[self.value(c, env) for c in row] for row in n.args]
            out = np.empty((len(rows), len(rows[0])), dtype=object)
            for i, row in enumerate(rows):
                for j, c in enumerate(row):
                    if isinstance(c, np.ndarray):
                        raise IndexError_("a tensor inside a matrix")
                    out[i, j] = c
            return out
        if k == "dop":
            bottom, body = n.args
            wrt = self.ctx.entry(bottom.name, bottom.label, self.positions(bottom, env))
            if not isinstance(wrt, sp.Symbol):      # ∂/∂W (…) of a whole tensor: not one variable
                raise IndexError_(f"∂/∂{bottom.name} applied to an expression, {bottom.name} not one entry")
            return _combine([self.value(body, env)], lambda xs: written_derivative(xs[0], wrt, self.ctx))
        if k == "call":
            whole = self.value(n.args[0], env)
            pos = tuple(self.index(e, env) - self.ctx.base for e in n.args[1])
            if not isinstance(whole, np.ndarray) or len(pos) != whole.ndim:
                raise OutOfRange(f"entry {tuple(p + self.ctx.base for p in pos)} of a result")
            if any(not 0 <= p < s for p, s in zip(pos, whole.shape)):      # zero outside, as a tensor's
                def outside():
                    raise OutOfRange(f"entry {tuple(p + self.ctx.base for p in pos)} of a result")
                return self.guarded(outside, tuple(n.args[1]))
            return whole[pos]
        if k == "jacof":                    # ∂(w_{jk} a_k + b_j)/∂w_{jk}: the written expression's derivative
            top, bottom = n.args
            wrt = self.ctx.entry(bottom.name, bottom.label, self.positions(bottom, env))
            if not isinstance(wrt, sp.Symbol):
                raise IndexError_(f"∂(…)/∂{bottom.name} with {bottom.name} not one entry")
            return _combine([self.value(top, env)], lambda xs: written_derivative(xs[0], wrt, self.ctx))
        raise IndexError_(f"'{k}' is not understood here")

    def condition(self, cond, env) -> bool:
        """A cases row's condition (Op 'cmp' chain or Op 'all') at integer indices."""
        from .index_cases import holds
        if cond.kind == "all":
            return all(self.condition(c, env) for c in cond.args)
        terms, rels = cond.args
        vals = [self.scalar_index(t, env) for t in terms]
        return all(holds(r, a, b) for r, a, b in zip(rels, vals, vals[1:]))

    def in_range(self, args, env) -> None:
        """Evaluate ``args`` only for an entry a written bound reaches outside its tensor (OutOfRange), the
        product they are in being 0 already; any other reason they cannot be read is left to the claim."""
        for a in args:
            try:
                self.value(a, env)
            except IndexError_:
                continue

    def product(self, args, env):
        vals = []
        for k, a in enumerate(args):        # entries first: a zero ends the product early; 1^T Δ: Δ's row sums
            v = ones_before(self.value(args[k + 1], env)) if ones_row(a, args[k + 1:], self.ctx) else \
                ones_after(vals[-1] if vals else None, self) if getattr(a, "kind", None) == "ones" else self.value(a, env)
            if isinstance(v, (int, sp.Integer)) and v == 0:
                if isinstance(a, Grad) or (isinstance(a, Ref) and not self.kronecker(a)):
                    self.in_range(args[k + 1:], env)     # 0 · x_{-1} by a written bound: x_{-1} still does not exist
                return sp.Integer(0)
            vals.append(v)
        arrays = [v for v in vals if isinstance(v, np.ndarray)]
        scalar = atom_product([v for v in vals if not isinstance(v, np.ndarray)])
        if not arrays:
            return scalar
        if len(arrays) == 1:
            return _combine([arrays[0]], lambda xs: scalar * xs[0])
        if self.ctx.layer == "fc" and len(arrays) > 2 and all(a.size == 1 for a in arrays):
            out = np.empty(arrays[0].shape, dtype=object)        # one neuron a layer: numbers
            out.flat[0] = scalar * sp.Mul(*[a.flat[0] for a in arrays])
            return out
        if len(arrays) == 2 and self.ctx.layer == "fc":
            a, b = arrays
            if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
                raise OutOfRange(f"a product of a {a.shape} and a {b.shape} matrix")
            return _combine([a.dot(b)], lambda xs: scalar * xs[0])
        raise IndexError_("a product of two tensors (write * or ⊙ for convolution or the "
                          "entrywise product)")


def _whole(v) -> int:
    if isinstance(v, Fraction):
        if v.denominator != 1:
            raise IndexError_(f"index {v} is not a whole number")
        return int(v)
    return v


def _power(value: int, ref: Ref) -> int:
    """A size or index letter's value with its superscript: ``k^2`` is k squared; any other
    superscript on a number (``n^{l}``) is not read."""
    if ref.label is None:
        return value
    if ref.label.isdigit():
        return value ** int(ref.label)
    raise IndexError_(f"{ref.name}^{{{ref.label}}}: a superscript on a size or an index")


def _combine(vals, fn):
    arrays = [v for v in vals if isinstance(v, np.ndarray)]
    if not arrays:
        return fn(vals)
    shape = arrays[0].shape
    if any(a.shape != shape for a in arrays):
        raise OutOfRange(f"adding tensors of shapes {' and '.join(str(a.shape) for a in arrays)}")
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        out[ix] = fn([v[ix] if isinstance(v, np.ndarray) else v for v in vals])
    return out


def _factor_refs(f) -> list:
    """The refs a product factor needs in range for the factor to be non-zero."""
    if isinstance(f, Ref):
        return [f] if f.idx is not None else []
    if isinstance(f, Grad):
        return [f.ref]
    if isinstance(f, Jac):
        return [f.top, f.bottom]
    if isinstance(f, Op) and f.kind == "func":
        return _factor_refs(f.args[2])
    if isinstance(f, Op) and f.kind in ("mul", "star"):    # δ_{d,i,j} * ∂z/∂W: two entries, a product (op)
        return [r for a in f.args for r in _factor_refs(a)]
    if isinstance(f, Sum):              # every term of an inner sum carries its body's factors
        return _factor_refs(f.body)
    return []


def _idle_letters(n: Sum) -> tuple:
    """The letters of an unbounded sum (and the unbounded sums directly inside it) that its
    body never uses, when the outer sum's own letter is one of them (``Σ_x Σ_y δ^l``: x, y)."""
    try:
        return _idle_cached(n)
    except TypeError:                    # a node that cannot be hashed: work it out each time
        return _idle_cached.__wrapped__(n)


@functools.lru_cache(maxsize=4096)
def _idle_cached(n: Sum) -> tuple:
    if n.lo is not None or n.hi is not None:
        return ()
    inner = n
    while isinstance(inner.body, Sum) and inner.body.lo is None and inner.body.hi is None:
        inner = inner.body
    used = set(free_vars(inner.body)) | names_in(inner.body)
    if all(v in used for v in n.vars):
        return ()
    return tuple(v for s in _chain(n, inner) for v in s.vars if v not in used)


def _chain(outer: Sum, inner: Sum) -> list:
    """The nested sums from ``outer`` down to ``inner`` (``Σ_x Σ_y``: both)."""
    out = [outer]
    while out[-1] is not inner:
        out.append(out[-1].body)
    return out


def _same_value(a, b) -> bool:
    """Whether two evaluated sides are the same tensor (or scalar), entry by entry, exactly."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and \
            all(entries_equal(x, y) for x, y in zip(a.ravel(), b.ravel()))
    return entries_equal(a, b)
