r"""The second witness for a "holds" of the index-notation reader (``symbp check`` on a
document in its author's own names, :mod:`symbp.check.index_eval`).

That reader proves a claim by building both sides as SymPy polynomials and checking
``expand(lhs - rhs) == 0`` entry by entry.  If its evaluator were wrong (a sum's range cut
short, an index shifted, a convolution flipped), it could compare the wrong things and say
"holds".  :func:`confirm_index` evaluates both sides again, independently, before "holds" is
printed:

* at one random exact point (:class:`symbp.witness.Point`: every entry symbol, σ(z) and σ'(z)
  a random integer; divisions give :class:`fractions.Fraction`);
* by plain Python loops written here, sharing no code with ``index_eval`` or
  ``index_evaluator``: index arithmetic, sums (written bounds, or every value in a range wider
  than every tensor with an entry outside its tensor taken as zero, instead of the evaluator's
  solved ranges), products, ⊙, matrix products, the convolutions and rot180;
* only the leaves are read from the document context (an entry's symbol, the chain rule's
  gradient entry, a Jacobian entry, σ'(z) of an entry), which is the derived side.

A disagreement raises :class:`symbp.witness.WitnessError`: an internal error (exit 3), never
a verdict.  A side with an operation this witness does not model (``∂(expr)/∂x`` written
inline) raises :class:`Unwitnessed`, which the caller reports.

>>> from symbp.check.doc_names import DocContext
>>> from symbp.check.index_claims import parse
>>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
>>> setup = ctx.instances()[0]
>>> lhs = parse(r"\frac{\partial L}{\partial w_{m,n}}", setup.tensor_names(), setup.losses())
>>> rhs = parse(r"\sum_i \sum_j \delta_{i,j} a_{i+m,j+n}", setup.tensor_names(), setup.losses())
>>> confirm_index("demo", setup, lhs, rhs, [{"m": 0, "n": 1}])      # agrees: quiet
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from . import Point, WitnessError, spatial_loops
from .jacobian_witness import hadamard_leaf, jacobian_leaf, odot_run_value, vector_as_written
from ..check.doc_operator_defs import operator_mode
from ..check.dotted_matrix import expand as expand_dotted       # x_1 … x_n: the reader's reading, evaluated here

MAX_TERMS = 400_000          # brute-force sum terms per side before the witness gives up
_Outside = spatial_loops.Outside


class Unwitnessed(Exception):
    """The side uses an operation this witness does not evaluate."""


class _Missing(Exception):
    """An entry outside its tensor, seen by the cache."""


def _reraise(fn, out_of_range):
    try:
        return fn()
    except out_of_range:
        raise _Missing from None


def confirm_index(claim: str, setup, lhs, rhs, combos, seed: int = 12, fixed: dict | None = None) -> None:
    """Raise WitnessError unless ``lhs`` and ``rhs`` (index trees) agree at a random exact
    point for each assignment in ``combos`` (a list of {free index: int}).  ``setup``: one sized :class:`symbp.check.doc_names.DocContext` (its entries, gradients
    and Jacobians are the leaves).  Assignments where the left side names an entry that does
    not exist are skipped (the reader skips them too); ``fixed`` pins a worked example's entries.
    """
    from ..check.index_claims import OutOfRange
    walker = _Walker(setup, Point(seed, fixed), OutOfRange)
    for env in combos:
        left = walker.value(lhs, dict(env))
        try:
            right = walker.value(rhs, dict(env))
        except _Outside as err:
            raise WitnessError(f"{claim}: at {env} the claimed side reaches an entry outside "
                               f"its tensor ({err}) but the reader said it holds") from None
        left, right = vector_as_written(lhs, _plain(left), _plain(right))     # ∂y/∂w_1 of a 1-D y: a row or column
        if setup.layer == "fc" and {np.ndim(left), np.ndim(right)} == {1, 2}:
            # one sample: the n-vector (a bias, ∇_b C) and the n x 1 column (δ) are one object
            left, right = (np.reshape(v, (-1, 1)) if np.ndim(v) == 1 else v for v in (left, right))
        if np.shape(left) != np.shape(right) or not np.array_equal(
                np.asarray(left, dtype=object), np.asarray(right, dtype=object)):
            raise WitnessError(f"{claim}: the second witness disagrees with 'holds' at {env}: "
                               f"derived {_show(left)}, claimed {_show(right)} at a random point "
                               f"({setup.describe()})")


def _plain(v):
    return v.ravel()[0] if isinstance(v, np.ndarray) and v.size == 1 else v


def _show(v) -> str:
    s = str(v.tolist() if isinstance(v, np.ndarray) else v)
    return s if len(s) < 120 else s[:117] + "..."


class _Walker:
    """Numbers of an index tree at one point, by loops."""

    def __init__(self, ctx, point: Point, out_of_range):
        self.ctx, self.point, self.oor = ctx, point, out_of_range
        size = max(max(ctx.sizes[0]), max(ctx.sizes[1]), 4) + 1
        self.wide = range(-size - 1, 2 * size + 1)     # wider than every tensor, every offset
        self.explicit, self.letters = set(), {}         # written-bound letters; id(exprs) -> their letters
        self.axis_letters: dict = {}        # id(index) -> (its letters, the index)
        self.memo, self.bounds = {}, {}

    # ---- leaves from the context
    def leaf(self, fn, exprs=()):
        """The leaf's value at the point; an entry outside its tensor is zero, unless an index
        of a sum with written bounds reached it (_Outside)."""
        try:
            got = fn()
        except self.oor as err:
            key = id(exprs)
            if key not in self.letters:
                self.letters[key] = (_letters(exprs), exprs)
            if self.letters[key][0] & self.explicit:
                raise _Outside(str(err)) from None
            return 0
        if isinstance(got, np.ndarray):
            out = np.empty(got.shape, dtype=object)
            for ix in np.ndindex(*got.shape):
                out[ix] = self.point.number(got[ix])
            return out
        return self.point.number(got)

    def cached(self, key, exprs, fn):
        """leaf(fn, exprs), remembered per entry (an entry outside its tensor is remembered as
        such: whether it is zero depends on the sums around it)."""
        found = self.memo.get(key)
        if found is None:
            try:
                found = self.memo[key] = (self.leaf(lambda: _reraise(fn, self.oor)),)
            except _Missing:
                found = self.memo[key] = ()
        if found:
            return found[0]
        if self._outside_letters(key, exprs) & self.explicit:
            raise _Outside(f"an entry at {key[3]} of {key[1]}")
        return 0

    def _outside_letters(self, key, exprs) -> set:
        """The letters of the indices that lie outside their axes (all of them where an
        axis's extent is unknown): only a written bound among those reaches outside
        (``δ_{n,c',h-i,w-j}`` with c' bounded and i, j not: a row outside is zero)."""
        _, name, label, pos = key[:4]
        out = set()
        for axis, e in enumerate(exprs):
            if (name, label, axis) not in self.bounds:
                self.bounds[(name, label, axis)] = self.ctx.axis_bounds(name, label, axis)
            extent = self.bounds[(name, label, axis)]
            if extent is None or pos is None or axis >= len(pos) or \
                    not extent[0] <= pos[axis] < extent[0] + extent[1]:
                found = self.axis_letters.get(id(e))
                if found is None or found[1] is not e:
                    found = self.axis_letters[id(e)] = (_letters((e,)), e)
                out |= found[0]
        return out

    # ---- integers
    def integer(self, e, env) -> int:
        _, _, Op, Ref, _ = _tree()
        if isinstance(e, Ref) and e.idx is None:
            labelled = f"{e.name}^{{{str(e.label).replace(' ', '')}}}"      # C^{l-1}: a size of one layer
            if e.label is not None and labelled in self.ctx.symbols:
                return int(self.ctx.symbols[labelled])
            if e.name in env:
                return _raised(env[e.name], e.label)
            if e.name in self.ctx.symbols:
                return _raised(int(self.ctx.symbols[e.name]), e.label)
            raise Unwitnessed(f"index {e.name}")
        if isinstance(e, Op) and e.kind == "floor":      # ⌊p/k⌋: the largest integer not above
            v = Fraction(self.integer(e.args[0], env))
            low = int(v)
            return low - 1 if low > v else low
        if isinstance(e, Op) and e.kind in ("add", "neg", "mul", "div"):
            vals = [self.integer(a, env) for a in e.args]
            if e.kind == "add":
                return sum(vals)
            if e.kind == "neg":
                return -vals[0]
            if e.kind == "mul":
                out = 1
                for v in vals:
                    out *= v
                return out
            return Fraction(vals[0]) / Fraction(vals[1])
        try:
            return int(e)
        except TypeError:
            raise Unwitnessed("an index that is not integer arithmetic") from None

    def position(self, ref, env):
        if ref.idx is None:
            return None
        pos = []
        for e in ref.idx:
            v = self.integer(e, env)
            if isinstance(v, Fraction):
                if v.denominator != 1:
                    raise Unwitnessed("a fractional index")
                v = int(v)
            pos.append(v)
        return tuple(pos)

    # ---- values
    def value(self, n, env):
        Grad, Jac, Op, Ref, Sum = _tree()
        if isinstance(n, Ref):
            if n.idx is None and (n.name in env or n.name in self.ctx.symbols):
                return self.integer(n, env)
            if n.name == r"\delta" and n.label is None and n.idx is not None and \
                    len(n.idx) == 2 and self.ctx.layer == "fc" and \
                    self.ctx.settings.get("delta_reading") != "error":     # δ_{n,j} the error: fc_error_delta
                a, b = (self.integer(e, env) for e in n.idx)
                return int(a == b)
            pos = self.position(n, env)
            return self.cached(("entry", n.name, n.label, pos), n.idx or (),
                               lambda: self.ctx.entry(n.name, n.label, pos))
        if isinstance(n, Grad):
            pos = self.position(n.ref, env)
            return self.cached(("grad", n.ref.name, n.ref.label, pos), n.ref.idx or (),
                               lambda: self.ctx.grad(n.ref.name, n.ref.label, pos))
        if isinstance(n, Jac):
            tp, bp = self.position(n.top, env), self.position(n.bottom, env)
            return self.leaf(lambda: jacobian_leaf(self.ctx, n.top, n.bottom, tp, bp),   # ∂O/∂F_{11}: every O_{ij}
                             (n.top.idx or ()) + (n.bottom.idx or ()))
        if isinstance(n, Sum):
            return self.total(n, env)
        if isinstance(n, Op):
            return self.operation(n, env)
        if getattr(n, "is_Float", False):     # int() would truncate it: a rounded decimal is the reader's to compare
            raise Unwitnessed("a written decimal")
        try:
            return int(n)
        except TypeError:
            raise Unwitnessed(f"a {type(n).__name__}") from None

    def total(self, n, env):
        ranges = []
        for var in n.vars:
            if n.lo is not None or n.hi is not None:
                lo = self.integer(n.lo, env) if n.lo is not None else self.ctx.base
                ranges.append(range(int(lo), int(self.integer(n.hi, env)) + 1))
                self.explicit.add(var)
            else:
                ranges.append(self.wide)
        count = 1
        for r in ranges:
            count *= max(len(r), 1)
        if count > MAX_TERMS:
            raise Unwitnessed("a sum too large to loop over")
        return self.nested(n.body, list(zip(n.vars, ranges)), env)

    def nested(self, body, loops, env):
        """Σ of body over the loops (var, range), outermost first; a partial assignment under
        which a factor of the body is already an entry outside its tensor adds nothing."""
        if not loops:
            return self.value(body, env)
        (var, values), rest = loops[0], loops[1:]
        out = 0
        for v in values:
            inner = {**env, var: v}
            if rest and self.dead(body, inner):
                continue
            out = _add(out, self.nested(body, rest, inner))
        return out

    def dead(self, body, env) -> bool:
        """A factor of the product ``body`` has an axis whose index is already known and lies
        outside that axis (and no written bound reaches it): every term under ``env`` is
        zero.  The axes' extents are the document context's (its first index and length)."""
        Grad, _, Op, Ref, _ = _tree()
        factors = body.args if isinstance(body, Op) and body.kind == "mul" else (body,)
        known = set(env) | set(self.ctx.symbols)
        for f in factors:
            ref = f.ref if isinstance(f, Grad) else f
            if not isinstance(ref, Ref) or ref.idx is None:
                continue
            for axis, e in enumerate(ref.idx):
                used = _letters((e,))
                if not used or not used <= known or used & self.explicit:
                    continue
                bounds = self.bounds.get((ref.name, ref.label, axis), False)
                if bounds is False:
                    bounds = self.bounds[(ref.name, ref.label, axis)] = \
                        self.ctx.axis_bounds(ref.name, ref.label, axis)
                if bounds is None:
                    continue
                try:
                    at = self.integer(e, env)
                except Unwitnessed:
                    continue
                if not bounds[0] <= at < bounds[0] + bounds[1]:
                    return True
        return False

    def test(self, cond, env) -> bool:
        """A cases condition: a chain a R b R c of comparisons, or all of several."""
        if cond.kind == "all":
            return all(self.test(c, env) for c in cond.args)
        terms, relations = cond.args
        vals = [self.integer(t, env) for t in terms]
        checks = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
                  ">=": lambda a, b: a >= b, "=": lambda a, b: a == b, "!=": lambda a, b: a != b}
        return all(checks[r](vals[k], vals[k + 1]) for k, r in enumerate(relations))

    def operation(self, n, env):
        k, args = n.kind, n.args
        if k == "add":
            out = 0
            for a in args:
                out = _add(out, self.value(a, env))
            return out
        if k == "neg":
            return _scale(-1, self.value(args[0], env))
        if k == "mul":
            vals = []
            for at, a in enumerate(args):      # a zero factor ends the product; 1^T B: B's rows summed
                v = spatial_loops.ones_row(self.value(args[at + 1], env)) if _ones_t(a, args[at + 1:]) else self.value(a, env)
                if not isinstance(v, np.ndarray) and v == 0:
                    return 0
                vals.append(v)
            arrays = [v for v in vals if isinstance(v, np.ndarray)]
            scalar = 1
            for v in vals:
                if not isinstance(v, np.ndarray):
                    scalar *= v
            if not arrays:
                return scalar
            if len(arrays) == 1:
                return _scale(scalar, arrays[0])
            if self.ctx.layer == "fc" and len(arrays) > 2 and all(a.size == 1 for a in arrays):
                for a in arrays:                       # one neuron a layer: numbers
                    scalar = scalar * a.flat[0]
                return _scale(scalar, np.ones(arrays[0].shape, dtype=object))
            if len(arrays) == 2 and self.ctx.layer == "fc":
                return _scale(scalar, spatial_loops.matmul(*arrays))
            raise Unwitnessed("a product of tensors")
        if k == "div":
            a, b = self.value(args[0], env), self.value(args[1], env)
            if isinstance(b, np.ndarray) or b == 0:
                raise Unwitnessed("a division by a tensor or by zero")
            return _scale(Fraction(1, 1) / b, a)
        if k == "cases":                   # a row whose condition holds; 'otherwise' if none
            chosen = [value for value, cond in args if cond is not None and self.test(cond, env)]
            rest = [value for value, cond in args if cond is None]
            pick = chosen[:1] or rest[:1]
            return self.value(pick[0], env) if pick else 0
        if k == "iverson":
            return int(self.integer(args[0], env) == self.integer(args[1], env))
        if k == "func":
            name, primes, arg = args
            pos = self.position(arg, env)
            return self.leaf(lambda: self.ctx.activation(name, primes, arg, pos), arg.idx or ())
        one_d = getattr(self.ctx, "spatial", 2) == 1     # a 1-D section: maps have one axis
        if k in ("corr", "conv", "star"):
            a, b = self.value(args[0], env), self.value(args[1], env)
            shape = self.ctx.settings.get("conv_mode", "valid")     # "a full convolution", said in the prose
            flip = operator_mode(self.ctx, k) == "true"     # the page's definition, else the section's convention
            if one_d and isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.ndim == b.ndim == 1:
                row = spatial_loops.slide(a.reshape(1, -1), b.reshape(1, -1), flip, args[2] if len(args) > 2 else shape)
                return row.reshape(-1)
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.ndim != 2 or b.ndim != 2:
                raise Unwitnessed("a convolution of entries")
            return spatial_loops.slide(a, b, flip, args[2] if len(args) > 2 else shape)
        if k == "rot":
            a = self.value(args[0], env)
            turned = 1 if one_d else 2
            if not isinstance(a, np.ndarray) or a.ndim < turned:
                raise Unwitnessed("rot180 of an entry")
            out = np.empty(a.shape, dtype=object)
            for ix in np.ndindex(*a.shape):
                lead, tail = ix[:-turned], ix[-turned:]
                out[ix] = a[lead + tuple(s - 1 - t for s, t in zip(a.shape[-turned:], tail))]
            return out
        if k == "up":                       # each entry over a block, by a loop
            a = self.value(args[0], env)
            rows, cols = self.ctx.strides if args[1] is None else (
                int(self.integer(args[1], env)), int(self.integer(args[2], env)))
            how = (spatial_loops.upsampled, (a, rows, cols, one_d))
        if k == "pad":                      # zeros around the spatial axes, by a loop
            how = (spatial_loops.padded, (self.value(args[0], env), int(self.integer(args[1], env)), one_d))
        if k == "dilate":                   # zeros between entries, by a loop
            step = None if args[1] is None else int(self.integer(args[1], env))
            rows, cols = self.ctx.strides if step is None else (step, step)
            how = (spatial_loops.dilated, (self.value(args[0], env), rows, cols, one_d))
        if k in ("up", "pad", "dilate"):
            try:
                return how[0](*how[1])
            except spatial_loops.Unmodelled as err:
                raise Unwitnessed(str(err)) from None
        if k == "transpose":
            a = self.value(args[0], env)
            out = np.empty((a.shape[1], a.shape[0]), dtype=object)
            for i, j in np.ndindex(a.shape[1], a.shape[0]):
                out[i, j] = a[j, i]
            return out
        if k == "hadamard":         # ∂a/∂z beside ⊙: its diagonal
            a, b = (hadamard_leaf(self.ctx, x, lambda m: self.value(m, env), self.leaf) for x in args[:2])
            if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
                if a.shape != b.shape:
                    raise _Outside(f"⊙ of shapes {a.shape} and {b.shape}")
                out = np.empty(a.shape, dtype=object)
                for ix in np.ndindex(*a.shape):
                    out[ix] = a[ix] * b[ix]
                return out
            return _scale(b, a) if isinstance(a, np.ndarray) else _scale(a, b)
        if k == "dotted_matrix":
            return self.value(expand_dotted(n, self.ctx), env)
        if k == "matrix":
            out = np.empty((len(args), len(args[0])), dtype=object)
            for i, j in np.ndindex(*out.shape):
                out[i, j] = self.value(args[i][j], env)
            return out
        if k == "call":
            whole = self.value(args[0], env)
            pos = tuple(int(self.integer(e, env)) - self.ctx.base for e in args[1])
            if not isinstance(whole, np.ndarray) or len(pos) != whole.ndim or \
                    any(p < 0 or p >= s for p, s in zip(pos, whole.shape)):
                if isinstance(whole, np.ndarray) and len(pos) == whole.ndim and \
                        not _letters(args[1]) & self.explicit:
                    return 0                # outside the result, in a sum without written bounds
                raise _Outside(f"entry {pos} of a result")
            return whole[pos]
        if k == "odot_run":                  # A ⊙ B C, H A ⊙ B: the reading whose shapes fit
            return odot_run_value(lambda reading: self.value(reading, env), args)
        raise Unwitnessed(f"'{k}'")


_TREE: list = []


def _tree():
    """(Grad, Jac, Op, Ref, Sum): the index reader's tree classes (imported on first use, as
    symbp.check imports this package)."""
    if not _TREE:
        from ..check.index_claims import Grad, Jac, Op, Ref, Sum
        _TREE.extend((Grad, Jac, Op, Ref, Sum))
    return _TREE


def _letters(exprs) -> set:
    """The index letters an index expression uses."""
    _, _, Op, Ref, _ = _tree()
    out, todo = set(), list(exprs)
    while todo:
        e = todo.pop()
        if isinstance(e, Ref):
            if e.idx is None:
                out.add(e.name)
            else:
                todo.extend(e.idx)
        elif isinstance(e, Op):
            todo.extend(a for a in e.args if not isinstance(a, str))
    return out


def _raised(value: int, label) -> int:
    """``k^2``: the value multiplied by itself; other superscripts are not modelled here."""
    if label is None:
        return value
    if not str(label).isdigit():
        raise Unwitnessed(f"a superscript {label} on a number")
    out = 1
    for _ in range(int(label)):
        out *= value
    return out


def _add(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if isinstance(a, int) and a == 0:
            return b
        if not isinstance(a, np.ndarray) or not isinstance(b, np.ndarray):   # + b: one number
            arr, s = (a, b) if isinstance(a, np.ndarray) else (b, a)        # added to every entry
            return _add(arr, np.full(arr.shape, s, dtype=object))
        if a.shape != b.shape:
            raise _Outside("adding tensors of different shapes")
        out = np.empty(a.shape, dtype=object)
        for ix in np.ndindex(*a.shape):
            out[ix] = a[ix] + b[ix]
        return out
    return a + b


def _scale(s, a):
    if not isinstance(a, np.ndarray):
        return s * a
    out = np.empty(a.shape, dtype=object)
    for ix in np.ndindex(*a.shape):
        out[ix] = s * a[ix]
    return out


def _ones_t(node, after) -> bool:
    """``\\mathbf{1}^\\top`` (the transpose of the number 1) with a factor after it."""
    return bool(after) and type(node).__name__ == "Op" and node.kind == "transpose" and str(node.args) == "(1,)"
