r"""The document's own names: which letter is the input, the kernel, the output, the bias and
the loss, the convolution convention, the index base and the sizes, read from its forward
equation and from a ``names:`` directive, and the layer's entries under those names.

A forward equation binds the letters: ``Y = X * K + b`` / ``Z = W*A+b`` (the kernel is the
letter among W, w, K, k, F, \omega; the other tensor is the input), ``y_{11} = x_{11}w_{11} +
…`` (the letter with the larger subscripts is the input), ``z_{i,j} = \sum_m \sum_n
a_{i+m,j+n} w_{m,n} + b`` (the entry indexed by output and sum indices together is the
input; ``i-m`` means true convolution; ``i+m-1`` or sums from 1 mean 1-based indices).
A directive ``<!-- symbp: ... names: X=input K=kernel Y=output L=loss -->`` overrides.

Example::

    >>> ctx = DocContext.from_forward(r"Y = X * W + b", {"input": "3x3", "kernel": "2x2"})
    >>> ctx.roles["X"], ctx.roles["W"], ctx.roles["Y"]
    ('input', 'kernel', 'output')
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .index_claims import LOSSES, IndexError_, OutOfRange, Ref

KERNEL_LETTERS = {"W", "w", "K", "k", "F", r"\omega", "\\omega'", "w'", "K'", "h"}
SMALL_SIZES = (((3, 3), (2, 2)), ((4, 5), (2, 3)), ((5, 5), (3, 3)))


def _pair(text):
    m = re.fullmatch(r"\s*(\d+)\s*(?:[x×,]\s*(\d+))?\s*", str(text))
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


class DocContext:
    """One section's names and sizes; :meth:`instances` gives one context per size tried."""

    def __init__(self, roles: dict, settings: dict, sizes=None):
        self.roles = {r"\delta": "delta", **roles}
        self.settings = settings
        self.convention = settings.get("conv", "cross")
        self.base = int(settings.get("index_base", 0))
        self.layer = settings.get("layer_kind", "conv")
        self.bias_indexed = settings.get("bias_indexed", False)
        self.has_delta = any(n == r"\delta" for n in roles) or settings.get("delta_tensor", True)
        self.symbols: dict[str, int] = {}
        self.sizes = sizes
        self._build()

    # ---- construction
    @classmethod
    def from_forward(cls, latex: str, settings: dict) -> "DocContext":
        roles, extra = infer_roles(latex)
        merged = {**extra, **settings}
        roles.update(directive_roles(settings.get("names", "")))
        return cls(roles, merged)

    def instances(self) -> list["DocContext"]:
        if self.sizes is not None:
            return [self]
        given = _pair(self.settings.get("input", "")), _pair(self.settings.get("kernel", ""))
        if all(given):
            return [DocContext(self.roles, self.settings, given)]
        if self.layer == "fc":
            return [DocContext(self.roles, self.settings, ((3, 4), (4, 2)))]
        return [DocContext(self.roles, self.settings, s) for s in SMALL_SIZES]

    def describe_sizes(self) -> str:
        return "; ".join(f"{a[0]}x{a[1]} input, {k[0]}x{k[1]} kernel" for a, k in SMALL_SIZES)

    def describe(self) -> str:
        if self.sizes is None:
            return ""
        (h, w), (kh, kw) = self.sizes
        if self.layer == "fc":
            return f"(W {h}x{w}, X {kh}x{kw})"
        return f"({h}x{w} input, {kh}x{kw} kernel, {self.convention}, {self.base}-based)"

    def _build(self):
        if self.sizes is None:
            return
        (h, w), (kh, kw) = self.sizes
        mk = lambda p, r, c: np.array([[sp.Symbol(f"{p}_{i}{j}") for j in range(c)]   # noqa: E731
                                       for i in range(r)], dtype=object)
        if self.layer == "fc":
            self.W, self.X = mk("W", h, w), mk("X", kh, kw)
            self.b = np.array([sp.Symbol(f"b_{j}") for j in range(kw)], dtype=object)
            self.Z = self.W.dot(self.X) + self.b[None, :]
            self.G = mk("g", h, kw)
            return
        self.X, self.K = mk("x", h, w), mk("k", kh, kw)
        kern = self.K[::-1, ::-1] if self.convention == "true" else self.K
        oh, ow = h - kh + 1, w - kw + 1
        if oh < 1 or ow < 1:
            raise IndexError_("the kernel is larger than the input")
        self.bias = mk("b", oh, ow) if self.bias_indexed else np.full((oh, ow), sp.Symbol("b"), dtype=object)
        self.Z = np.empty((oh, ow), dtype=object)
        for i in range(oh):
            for j in range(ow):
                self.Z[i, j] = sp.Add(*[self.X[i + m, j + n] * kern[m, n]
                                        for m in range(kh) for n in range(kw)]) + self.bias[i, j]
        self.G = mk("g", oh, ow)
        self.S = mk("s", h, w)                    # σ'(z^{l-1}) of the input's pre-activation
        names = {"input": "X", "kernel": "K", "output": "Z"}
        for key, role in (("rows", 0), ("cols", 1)):
            for r, attr in names.items():
                self.symbols.update({s: getattr(self, attr).shape[role]
                                     for s, v in self.settings.get("dims", {}).items() if v == f"{r}.{key}"})
        for sym, (r, axis) in self.settings.get("size_of", {}).items():
            arr = {"input": self.X, "kernel": self.K, "output": self.Z}.get(r)
            if arr is not None:
                self.symbols.setdefault(sym, arr.shape[axis])

    # ---- lookups used by the evaluator
    def tensor_names(self):
        return set(self.roles)

    def span(self) -> int:
        return max(max(self.sizes[0]), max(self.sizes[1])) + 1

    def role(self, name: str, label) -> str:
        role = self.roles.get(name) or self.roles.get(name.rstrip("'"))
        if role is None:
            raise IndexError_(f"the name {name} has no role (add a directive such as "
                              f"<!-- symbp: names: {name}=input -->)")
        if role == "preact_in" and self.layer == "fc":
            raise IndexError_("pre-activation in a fully connected layer")
        return role

    def array(self, role: str):
        if self.layer == "fc":
            return {"kernel": self.W, "input": self.X, "output": self.Z, "output_grad": self.G}[role]
        table = {"input": self.X, "kernel": self.K, "output": self.Z, "output_grad": self.G,
                 "bias": self.bias}
        if role not in table:
            raise IndexError_(f"no entries for the {role}")
        return table[role]

    def _at(self, arr, pos, name):
        if pos is None:
            return arr
        p = tuple(i - self.base for i in pos)
        if len(p) != arr.ndim or any(not 0 <= x < s for x, s in zip(p, arr.shape)):
            raise OutOfRange(f"{name}{tuple(pos)} does not exist (its shape is "
                             f"{'x'.join(map(str, arr.shape))}, {self.base}-based)")
        return arr[p]

    def entry(self, name, label, pos):
        role = self.role(name, label)
        if role == "bias" and self.layer != "fc":
            return self.bias[0, 0] if pos is None or not self.bias_indexed else self._at(self.bias, pos, name)
        if role == "bias":
            return self._at(self.b, pos, name)
        if role == "delta":
            return self._at(self.G, pos, name)
        return self._at(self.array(role), pos, name)

    def grad(self, name, label, pos):
        role = self.role(name, label)
        if role in ("output", "delta"):
            return self._at(self.G, pos, name)
        if role == "bias" and self.layer != "fc" and not self.bias_indexed:
            wrt = self.bias[0, 0]
            return sp.Add(*[g * sp.diff(z, wrt) for g, z in zip(self.G.ravel(), self.Z.ravel())])
        target = self.entry(name, label, None) if pos is None else None
        if pos is None:
            return np.vectorize(lambda s: self._dgrad(s), otypes=[object])(target)
        return self._dgrad(self.entry(name, label, pos))

    def _dgrad(self, sym):
        return sp.expand(sp.Add(*[g * sp.diff(z, sym) for g, z in zip(self.G.ravel(), self.Z.ravel())]))

    def jacobian(self, top, tpos, bottom, bpos):
        trole = self.role(top, None)
        if trole not in ("output",):
            raise IndexError_(f"∂{top}/∂{bottom}: only derivatives of the output are derived")
        z = self.entry(top, None, tpos)
        return sp.diff(z, self.entry(bottom, None, bpos))

    def activation(self, name, primes, arg, env, ev):
        if primes == 1 and isinstance(arg, Ref) and self.roles.get(arg.name) == "preact_in":
            pos = ev.positions(arg, env)
            return self._at(self.S, pos, arg.name)
        raise IndexError_(f"{name}{chr(39) * primes}(...) of something that is not the input's pre-activation")

    def domains(self, lhs, free):
        """The range of each free index: the axis of the tensor it indexes on the left."""
        found: dict[str, range] = {}

        def visit(ref, arr_role):
            if ref.idx is None:
                return
            try:
                arr = self.array(arr_role) if arr_role not in ("bias", "delta") else \
                    (self.bias if arr_role == "bias" else self.G)
            except IndexError_:
                return
            for axis, e in enumerate(ref.idx):
                if isinstance(e, Ref) and e.idx is None and e.name in free and axis < arr.ndim:
                    found.setdefault(e.name, range(self.base, self.base + arr.shape[axis]))

        from .index_claims import Grad, Jac
        node = lhs
        if isinstance(node, Grad):
            visit(node.ref, self.role(node.ref.name, None))
        elif isinstance(node, Jac):
            visit(node.top, self.role(node.top.name, None))
            visit(node.bottom, self.role(node.bottom.name, None))
        elif isinstance(node, Ref):
            visit(node, self.role(node.name, None))
        missing = [v for v in free if v not in found]
        if missing:
            raise IndexError_(f"cannot tell the range of index {', '.join(missing)}")
        return [found[v] for v in free]

    def other_convention_holds(self, lhs, rhs, free) -> bool:
        if self.layer == "fc":
            return False
        from .index_claims import _compare
        other = dict(self.settings, conv="true" if self.convention == "cross" else "cross")
        try:
            return _compare(DocContext(self.roles, other, self.sizes), lhs, rhs, free, 1).verdict == "holds"
        except (IndexError_, OutOfRange, RecursionError):
            return False


# =========================================================================== inference

_ROLE_WORDS = {"input": "input", "kernel": "kernel", "filter": "kernel", "weight": "kernel",
               "output": "output", "loss": "loss", "bias": "bias", "delta": "delta",
               "preactivation": "preact_in"}


def directive_roles(text: str) -> dict:
    """``X=input K=kernel Y=output L=loss`` (spaces or commas) → {letter: role}."""
    roles = {}
    for item in re.split(r"[\s,]+", text.strip()):
        if "=" in item:
            name, role = item.split("=", 1)
            role = _ROLE_WORDS.get(role.lower().split(".")[0])
            if role == "loss":
                LOSSES.add(name)
            elif role:
                roles[name] = role
    return roles


_ENTRY = re.compile(r"(\\?[A-Za-z]+)\s*_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?")


def infer_roles(latex: str) -> tuple[dict, dict]:
    """Roles and settings (conv, index_base, bias_indexed, layer_kind) from a forward equation."""
    from .index_claims import parse, tokenize
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        lhs, rhs = split_top_level(latex, ("=",))[:2]
    except (LatexAtomError, ValueError):
        raise IndexError_("not a forward equation") from None
    roles, extra = {}, {}
    out = re.match(r"\s*(?:\\boldsymbol\{)?\s*(\\?[A-Za-z]+)", lhs)
    if out:
        roles[out.group(1)] = "output"
    star = re.search(r"(\\?[A-Za-z]+)(?:\^\{?[^=*]*?\}?)?\s*(?:\*|\\ast|\\star|\\otimes)\s*(?:\\boldsymbol\{)?\s*(\\?[A-Za-z]+)", rhs)
    if star:
        a, b = star.group(1), star.group(2)
        if a in KERNEL_LETTERS and b not in KERNEL_LETTERS:
            a, b = b, a
        roles[a], roles[b] = "input", "kernel"
        for m in re.finditer(r"\+\s*(\\?[A-Za-z])", rhs):
            roles[m.group(1)] = "bias"
        return roles, extra
    toks = tokenize(rhs)
    if r"\sum" in toks:
        tree = parse(rhs)
        _roles_from_index_forward(tree, roles, extra)
        return roles, extra
    entries = _ENTRY.findall(rhs)
    if entries:
        biggest: dict[str, int] = {}
        for name, i, j in entries:
            biggest[name] = max(biggest.get(name, 0), int(i) * 10 + int(j))
        ordered = sorted(biggest, key=lambda n: -biggest[n])
        if len(ordered) >= 2:
            roles[ordered[0]], roles[ordered[1]] = "input", "kernel"
            if ordered[0] in KERNEL_LETTERS and ordered[1] not in KERNEL_LETTERS:
                roles[ordered[0]], roles[ordered[1]] = "kernel", "input"
        for m in re.finditer(r"\+\s*(\\?[a-z])\s*(?:\\tag|$)", rhs):
            roles[m.group(1)] = "bias"
        extra["index_base"] = 1 if min(int(i) for _, i, _ in entries) >= 1 else 0
        return roles, extra
    raise IndexError_("no forward pattern recognised")


def _roles_from_index_forward(tree, roles, extra):
    from .index_claims import Op, Sum, free_vars
    body, sums = tree, []
    terms = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    for t in terms:
        node = t
        while isinstance(node, Sum):
            sums.append(node)
            node = node.body
        if isinstance(node, Op) and node.kind == "add":
            for inner in node.args:
                if isinstance(inner, Ref) and inner.name not in roles:
                    roles[inner.name] = "bias"
                    extra["bias_indexed"] = inner.idx is not None
            node = next((a for a in node.args if not isinstance(a, Ref)), node)
        if isinstance(node, Op) and node.kind == "mul":
            bound = {v for s in sums for v in s.vars}
            for f in node.args:
                if isinstance(f, Ref) and f.idx is not None:
                    used = set(free_vars(f))
                    if used <= bound:
                        roles[f.name] = "kernel"
                    else:
                        roles[f.name] = "input"
                        flips = [a for e in f.idx if isinstance(e, Op) and e.kind == "add"
                                 for a in e.args if isinstance(a, Op) and a.kind == "neg"
                                 and isinstance(a.args[0], Ref) and a.args[0].name in bound]
                        extra["conv"] = "true" if flips else "cross"
        elif isinstance(t, Ref) and t.name not in roles:
            roles[t.name] = "bias"
            extra["bias_indexed"] = t.idx is not None
    for s in sums:
        if s.lo is not None and s.lo == 1:
            extra["index_base"] = 1
        if s.hi is not None and isinstance(s.hi, Ref) and s.hi.idx is None:
            extra.setdefault("size_of", {})[s.hi.name] = ("kernel", len(extra.get("size_of", {})) % 2)
