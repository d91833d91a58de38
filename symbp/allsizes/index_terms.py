r"""Index-notation claims about a conv2d layer decided for every size.

The index reader (:mod:`symbp.check.index_eval`) checks a claim such as

    \frac{\partial E}{\partial x_{ij}} = \sum_m \sum_n \delta_{mn} w_{i-m,j-n}

entry by entry at a few sizes.  This module writes the claim's right side as
:class:`~symbp.allsizes.relation.Term`\ s over the engine's symbolic sizes H, W, KH, KW
(the document's input, kernel and δ become the engine's ``a``, ``W`` and ``delta``), and
decides it against the chain-rule side the engine derives, as :func:`symbp.allsizes.verify.check`
does.  The meaning is the per-size reader's (:class:`symbp.check.index_evaluator.Evaluator`):

* a sum with written bounds runs over them; an entry its variable reaches outside a
  tensor refutes the claim (the entry named), unless an earlier factor of the product was
  already zero (the reader stops a product at its first zero);
* a sum without bounds runs over where the factors indexed by its variable with slope ±1
  exist (and within the reader's span, max(sizes, 4) + 1 either way), an entry outside its
  tensor being zero;
* free indices run over the left side's tensor; 0- or 1-based as the document says;
  true convolution flips the kernel.

What it cannot express (padding or stride offsets the document writes for the output,
several channels, coefficients other than ±1, ...) raises :class:`NoRelation`: the per-size
verdict then stands alone.  A refutation is replayed by the per-size reader at the
counterexample's sizes and reported only when it refutes there too
(:mod:`symbp.allsizes.index_verdict`).

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import parse
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n}", {})
    >>> setup = ctx.instances()[0]
    >>> lhs = parse(r"\frac{\partial E}{\partial x_{ij}}", setup.tensor_names(), setup.losses())
    >>> rhs = parse(r"\sum_m \sum_n \delta_{mn} w_{i-m,j-n}", setup.tensor_names(), setup.losses())
    >>> from symbp.check.index_eval import _all_refs
    >>> from symbp.allsizes.index_verdict import build_sides     # the terms of both sides
    >>> sides = build_sides(setup, lhs, rhs, _all_refs)
    >>> [name for name, index in sides.closed[0].factors]     # δ[m, n] · w[i - m, j - n]
    ['W', 'delta']
    >>> sides.scope
    'all H, W, KH, KW (input HxW, kernel KHxKW); stride 1; padding 0; one channel, one sample; cross-correlation; 0-based'
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from . import layers, sets
from ..layers import conv
from .relation import NoRelation, Term, eq, fresh, ge, in_range, le, lt

_ENGINE = {"input": str(conv.A), "kernel": str(conv.W), "delta": str(conv.DELTA)}
_CANON = {"input": "NCHW", "kernel": "OIHW", "delta": "NCHW"}     # the engine's axes
SIGMA_PRIME = f"σ'({conv.ZPREV})"          # the factor derive() gives σ(z^{l-1})


@dataclass
class IndexAllSizes:
    """The all-sizes verdict on one index claim."""
    verdict: str                       # holds | refuted | unknown
    scope: str
    detail: str
    sizes: dict = field(default_factory=dict)     # a counterexample's sizes (refuted)
    seconds: float = 0.0


class Translation:
    """The claim's pieces over the engine's sizes (one per claim)."""

    def __init__(self, setup, sym: layers.Symbolic):
        self.setup, self.sym = setup, sym
        self.base = setup.base
        self.flip = setup.convention == "true"
        z = {s.name: s for s in sym.ctx.sizes}
        self.engine_shape = {role: tuple(sym.ctx.lin(n) for n in sym.shapes[key])
                             for role, key in (("input", conv.A), ("kernel", conv.W),
                                               ("delta", conv.DELTA))}
        layout = setup.layout or {}
        if layout.get("output") != layout.get("delta") and \
                None not in (layout.get("output"), layout.get("delta")):
            raise NoRelation("different index orders for the output and δ")
        # each tensor's axes in the document's order, as letters of the engine's NCHW/OIHW
        self.letters, self.pinned = {}, []
        for role, canon in _CANON.items():
            want = layout.get(role) or (layout.get("output") if role == "delta" else None)
            if want is None:                         # one sample, one channel (a 1-D layer: H = 1)
                want = "W" if getattr(setup, "spatial", 2) == 1 else "HW"
            elif sorted(want.upper() + ("N" if "N" not in want.upper() and "N" in canon
                                        else "")) != sorted(canon):
                raise NoRelation(f"the index order {want} of the {role}")
            self.letters[role] = want.upper()
            for c in set(canon) - set(self.letters[role]):     # an axis not written: size 1
                size = self.engine_shape[role][canon.index(c)]
                if size not in self.pinned:
                    sym.ctx.assume(eq(size, 1))
                    self.pinned.append(size)
        self.symbols = {"#kr": z["KW" if getattr(setup, "spatial", 2) == 1 else "KH"], "#kc": z["KW"],
                        "#base": sp.Integer(self.base)}
        for name, (role, axis) in setup.settings.get("dims", {}).items():
            role = {"output": "delta"}.get(role, role)
            if role not in self.letters or axis >= len(self.letters[role]):
                raise NoRelation(f"the size {name} of the {role}")
            self.symbols[name] = self.shape(role)[axis]
        if any(getattr(setup, "pads", (0, 0))):
            raise NoRelation("zero padding in an index-notation section")
        stride_name = setup.settings.get("stride_symbol")
        if stride_name:
            if setup.strides[0] != setup.strides[1]:
                raise NoRelation("a stride letter with two strides")
            self.symbols[stride_name] = sp.Integer(setup.strides[0])
        for (r1, a1), (r2, a2) in setup.settings.get("same_size", ()):
            r1, r2 = ({"output": "delta"}.get(r, r) for r in (r1, r2))
            if r1 not in self.letters or r2 not in self.letters:
                raise NoRelation("equal sides of a tensor the engine does not hold")
            sym.ctx.assume(eq(self.shape(r1)[a1], self.shape(r2)[a2]))
        origin = setup.settings.get("out_origins", {}).get(
            setup.convention, setup.settings.get("out_origin"))
        if origin is None:
            origin = (self.base, self.base)
        elif not isinstance(origin, tuple):
            origin = (origin, origin)
        origin = tuple(sp.expand(self.index(o, {})) for o in origin)
        # where each axis's indices start (the output's rows and columns may depend on the
        # kernel; every other axis starts at the base)
        self.firsts = {role: tuple(origin[0] if role == "delta" and c == "H" else
                                   origin[1] if role == "delta" and c == "W" else
                                   sp.Integer(self.base) for c in letters)
                       for role, letters in self.letters.items()}
        self.explicit: set = set()      # variables of sums with written bounds
        self.implicit: set = set()      # variables of sums without
        self.errors: list = []          # (exists, cons, what) where a written bound reaches out
        self.names: dict = {}           # engine tensor -> the document's letter for it
        self.preact = False             # the claim is about δ of the input's pre-activation

    def shape(self, role: str) -> tuple:
        """The role's tensor shape in the document's index order."""
        canon = _CANON[role]
        return tuple(self.engine_shape[role][canon.index(c)] for c in self.letters[role])

    # ---- indices
    def index(self, e, env: dict) -> sp.Expr:
        """An index expression (Ref names, ints, + - ·) as an affine SymPy expression."""
        from ..check.index_claims import Op, Ref
        if isinstance(e, (int, sp.Integer)) and not isinstance(e, bool):
            return sp.Integer(e)
        if isinstance(e, Ref) and e.idx is None:
            if e.label is not None:                 # k^2, n^{l}: not an affine index
                raise NoRelation(f"{e.name}^{e.label} in an index")
            if e.name in env:
                return env[e.name]
            if e.name in self.symbols:
                return self.symbols[e.name]
            raise NoRelation(f"the name {e.name} in an index")
        if isinstance(e, Op) and e.kind in ("add", "neg", "mul"):
            vals = [self.index(a, env) for a in e.args]
            if e.kind == "add":
                return sp.Add(*vals)
            if e.kind == "neg":
                return -vals[0]
            if sum(not v.is_Integer for v in vals) > 1:
                raise NoRelation("a product of two index variables")
            return sp.expand(sp.Mul(*vals))
        raise NoRelation("an index that is not affine")

    def role(self, ref, grad: bool = False) -> str:
        """The engine tensor's role of an entry (``grad``: of ∂E/∂entry): the input, the
        kernel, or δ (δ itself, or ∂E/∂ of the output)."""
        if ref.label in ("T", r"\top", r"\intercal"):      # X^T_{p,q} = X_{q,p}: not modelled here
            raise NoRelation(f"{ref.name}^T, a transposed entry")
        role = self.setup.role(ref.name, ref.label)
        if grad and role in ("output", "delta"):
            return "delta"
        if grad or role not in _ENGINE or (self.preact and role == "input"):
            raise NoRelation(f"{'∂E/∂' if grad else ''}{ref.name} ({role}) on the right side")
        return role

    def shape_role(self, ref) -> str:
        """The role whose shape bounds an implicit sum over an index of ``ref``."""
        if ref.label in ("T", r"\top", r"\intercal"):
            raise NoRelation(f"{ref.name}^T, a transposed entry")
        role = self.setup.role(ref.name, ref.label)
        role = {"output": "delta", "preact_in": "input", "preact_grad": "input"}.get(role, role)
        if role not in self.letters:
            raise NoRelation(f"the range of an index of {ref.name} ({role})")
        return role

    def engine_index(self, role: str, doc: tuple) -> tuple:
        """The engine's NCHW / OIHW index of the document's entry ``doc``; an axis the
        document does not write (one sample, one channel) is 0."""
        letters = self.letters[role]
        if len(doc) != len(letters):
            raise NoRelation(f"{len(doc)} indices on a tensor the document indexes with "
                             f"{len(letters)}")
        canon, shape = _CANON[role], self.engine_shape[role]
        full = [sp.Integer(0)] * 4
        for d, f, c in zip(doc, self.firsts[role], letters):
            k = canon.index(c)
            full[k] = sp.expand(d - f)
            if role == "kernel" and self.flip and c in "HW":
                full[k] = sp.expand(shape[k] - 1 - full[k])
        return tuple(full)

    def inside(self, role: str, idx: tuple) -> tuple:
        """The written axes of the engine index ``idx`` within the tensor."""
        canon, shape = _CANON[role], self.engine_shape[role]
        ks = [canon.index(c) for c in self.letters[role]]
        return in_range(tuple(idx[k] for k in ks), tuple(shape[k] for k in ks))

    # ---- right side
    def terms(self, node, env: dict, cons: tuple, exists: tuple, sign: int) -> list:
        """[(sign, Term)] of ``node`` under the sum variables ``env``."""
        from ..check.index_claims import Op, Sum
        if isinstance(node, Op) and node.kind == "add":
            return [t for a in node.args for t in self.terms(a, env, cons, exists, sign)]
        if isinstance(node, Op) and node.kind == "neg":
            return self.terms(node.args[0], env, cons, exists, -sign)
        if isinstance(node, Sum):
            return self.sum(node, env, cons, exists, sign)
        if isinstance(node, Op) and node.kind == "mul":
            args = _flatten_mul(node)
            sums = [a for a in args if isinstance(a, (Sum, Op)) and not _is_factor(a)]
            if sums:
                coef = [a for a in args if a not in sums]
                if len(sums) != 1 or any(not isinstance(a, (int, sp.Integer)) for a in coef):
                    raise NoRelation("a product with a sum in it")
                value = 1
                for a in coef:
                    value *= int(a)
                if value not in (1, -1):
                    raise NoRelation(f"the coefficient {value}")
                return self.terms(sums[0], env, cons, exists, sign * value)
            return self.product(args, env, cons, exists, sign)
        return self.product([node], env, cons, exists, sign)

    def sum(self, node, env, cons, exists, sign) -> list:
        from ..check.index_evaluator import _factor_refs
        from ..check.index_claims import names_in
        inner, new_cons, new_vars = dict(env), list(cons), []
        explicit = node.lo is not None or node.hi is not None
        if explicit and node.hi is None:
            raise NoRelation("a sum with a lower bound only")
        for v in node.vars:
            if v in env or v in self.symbols:
                raise NoRelation(f"the sum variable {v} is bound twice")
            s = fresh("s")
            new_vars.append(s)
            if explicit:
                lo = self.index(node.lo, env) if node.lo is not None else sp.Integer(self.base)
                new_cons += [ge(s, lo), le(s, self.index(node.hi, env))]
                self.explicit.add(v)
            else:
                self.implicit.add(v)
                span = self.span()
                new_cons += [ge(s, -span), lt(s, 2 * span)]
                factors = node.body.args if getattr(node.body, "kind", "") == "mul" else (node.body,)
                for f in factors:
                    for ref in _factor_refs(f):
                        for axis, e in enumerate(ref.idx or ()):
                            names = names_in(e)
                            if v not in names or any(x != v and x not in env and
                                                     x not in self.symbols for x in names):
                                continue
                            value = self.index(e, {**env, v: s})
                            slope = value.coeff(s)
                            if slope not in (1, -1):
                                continue
                            role = self.shape_role(ref)
                            if axis >= len(self.letters[role]):
                                raise NoRelation("an index past the tensor's axes")
                            size, first = self.shape(role)[axis], self.firsts[role][axis]
                            new_cons += [ge(value, first), lt(value, first + size)]
            inner[v] = s
        return self.terms(node.body, inner, tuple(new_cons), exists + tuple(new_vars), sign)

    def span(self) -> sp.Symbol:
        """The reader's span max(H, W, KH, KW, Cin, Cout, N, 4) + 1 (``DocContext.span``),
        as a derived size."""
        z = self.sym.ctx.sizes

        def build(s):
            return (), (ge(s, 5), *(ge(s, n + 1) for n in z),
                        sp.Or(eq(s, 5), *(eq(s, n + 1) for n in z)))
        return self.sym.ctx.derive_size(("span",), build)

    def product(self, args, env, cons, exists, sign) -> list:
        from ..check.index_claims import Grad, Jac, Op, Ref
        factors, nonzero, coef = [], [], 1
        for a in args:
            if isinstance(a, (int, sp.Integer)):
                coef *= int(a)
                continue
            if isinstance(a, Op) and a.kind == "iverson":
                c = eq(self.index(a.args[0], env), self.index(a.args[1], env))
                nonzero.append(c)
                continue
            if isinstance(a, Jac):
                factors.append(self.jacobian(a, env, cons, exists, nonzero))
                continue
            if isinstance(a, Op) and a.kind == "func":
                factors.append(self.sigma_prime(a, env, cons, exists, nonzero))
                continue
            ref = a.ref if isinstance(a, Grad) else a
            if not isinstance(ref, Ref) or ref.idx is None:
                raise NoRelation("a factor that is not a tensor entry")
            role = self.role(ref, isinstance(a, Grad))
            doc = tuple(self.index(e, env) for e in ref.idx)
            idx = self.engine_index(role, doc)
            inside = self.inside(role, idx)
            self.reach(ref.idx, inside, exists, cons + tuple(nonzero), (ref.name, doc))
            nonzero += inside
            self.names.setdefault(_ENGINE[role], ref.name)
            factors.append((_ENGINE[role], idx))
        if coef * sign not in (1, -1):
            raise NoRelation(f"the coefficient {coef * sign}")
        if not factors:
            raise NoRelation("a term without a tensor entry")
        return [(coef * sign, Term(exists, cons + tuple(nonzero), ()).with_factors(factors))]


    def reach(self, exprs, inside, exists, cons, what) -> None:
        """Where written bounds reach an entry outside its tensor: a refutation (the reader
        zeroes an entry outside its tensor only when no written bound reached it)."""
        from ..check.index_claims import names_in
        reached = set().union(*(names_in(e) for e in exprs)) & self.explicit
        if not reached:
            return
        name, doc = what
        for k, c in enumerate(inside):
            outside = sp.Lt(c.lhs, c.rhs, evaluate=False) if isinstance(c, sp.Ge) else \
                sp.Ge(c.lhs, c.rhs, evaluate=False)
            self.errors.append((exists, cons + (outside,), (name, doc, k // 2, sorted(reached))))

    def sigma_prime(self, op, env, cons, exists, nonzero: list) -> tuple:
        """σ'(z_{ij}) (f', g') at the input's pre-activation: the engine's factor σ'(z^{l-1})
        (the reader's ``DocContext.activation``); zero outside like any entry."""
        _, primes, arg = op.args
        if primes != 1 or getattr(arg, "idx", None) is None or \
                self.setup.role(arg.name, arg.label) != "preact_in":
            raise NoRelation("a derivative of an activation other than σ'(the input's z)")
        doc = tuple(self.index(e, env) for e in arg.idx)
        idx = self.engine_index("input", doc)
        inside = self.inside("input", idx)
        self.reach(arg.idx, inside, exists, cons + tuple(nonzero), (arg.name, doc))
        nonzero += inside
        return SIGMA_PRIME, idx

    def jacobian(self, jac, env, cons, exists, nonzero: list) -> tuple:
        """∂z_{top}/∂(input or kernel entry): the kernel or input entry the forward pairs
        them with; zero where the kernel offset falls outside the kernel (``nonzero``
        gains the conditions).  The per-size reader's ``DocContext.jacobian``."""
        top, bottom = jac.top, jac.bottom
        if top.idx is None or bottom.idx is None or \
                self.setup.role(top.name, top.label) != "output":
            raise NoRelation("∂ of other than an output entry")
        role = self.setup.role(bottom.name, bottom.label)
        if role not in ("input", "kernel"):
            raise NoRelation(f"∂z/∂ of the {role}")
        out = self.engine_index("delta", tuple(self.index(e, env) for e in top.idx))
        at = self.engine_index(role, tuple(self.index(e, env) for e in bottom.idx))
        inside = self.inside("delta", out) + self.inside(role, at)
        self.reach(tuple(top.idx) + tuple(bottom.idx), inside, exists, cons + tuple(nonzero),
                   (f"∂{top.name}/∂{bottom.name}", None))
        nonzero += inside
        stride = self.setup.strides
        if role == "kernel":      # z[n,o,i] = Σ a[n,c,s·i + m] W[o,c,m]: ∂/∂W[o',c,m] = [o = o'] a
            nonzero.append(eq(out[1], at[0]))
            return _ENGINE["input"], (out[0], at[1]) + tuple(
                sp.expand(s * i + m) for s, i, m in zip(stride, out[2:], at[2:]))
        offset = tuple(sp.expand(p - s * i) for s, i, p in zip(stride, out[2:], at[2:]))
        nonzero.append(eq(out[0], at[0]))                  # the same sample
        nonzero += in_range(offset, self.engine_shape["kernel"][2:])
        return _ENGINE["kernel"], (out[1], at[1]) + offset


def _flatten_mul(node) -> list:
    from ..check.index_claims import Op
    out = []
    for a in node.args:
        out += _flatten_mul(a) if isinstance(a, Op) and a.kind == "mul" else [a]
    return out


def _is_factor(a) -> bool:
    from ..check.index_claims import Op
    return isinstance(a, Op) and a.kind in ("iverson", "func")


def eligible(setup) -> None:
    if setup.layer != "conv":
        raise NoRelation(f"a {setup.layer} layer")
    # an indexed bias is a constant term of z: no gradient but its own depends on it (a
    # claim that names the bias is not described: the bias is no tensor of the engine)


def scope_text(setup, pinned=()) -> str:
    """What a proof over the translation's sizes covers, in words (``pinned``: the sizes
    held at 1 because the document writes no index for them)."""
    sr, sc = setup.strides
    stride = str(sr) if sr == sc else f"{sr},{sc}"
    conv_word = "true convolution" if setup.convention == "true" else "cross-correlation"
    square = "; equal sides where the document says so" if setup.settings.get("same_size") else ""
    sizes = ["H", "W", "KH", "KW"] + [n for n in ("Cin", "Cout", "N") if n not in pinned]
    grid = "input HxW, kernel KHxKW"
    if getattr(setup, "spatial", 2) == 1:          # a 1-D layer: a conv2d whose rows are 1
        sizes, grid, stride = [n for n in sizes if n not in ("H", "KH")], "length W input, length KW kernel", str(sc)
    held = [w for n, w in (("Cin", "one input channel"), ("Cout", "one output channel"),
                           ("N", "one sample")) if n in pinned]
    if {"Cin", "Cout"} <= set(pinned):
        held = ["one channel"] + held[2:]
    return (f"all {', '.join(sizes)} ({grid}); stride {stride}; padding 0; "
            f"{', '.join(held) + '; ' if held else ''}{conv_word}; {setup.base}-based{square}")


def isl_set(exists, cons, xs, ctx):
    """{ [entry] : ∃ exists. cons } over the context's sizes."""
    import islpy as isl
    body = sets._body(exists, cons)
    return isl.Set(f"[{sets._params(ctx)}] -> {{ [{', '.join(x.name for x in xs)}] : {body} }}")


def quantified(sizes: dict, sym) -> dict:
    return {k: v for k, v in sizes.items() if k in {s.name for s in sym.ctx.sizes}}


__all__ = ["IndexAllSizes", "Translation", "eligible", "isl_set", "quantified", "scope_text"]
