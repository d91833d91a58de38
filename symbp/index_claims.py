r"""Index-notation claims, read in the document's own names and checked entry by entry.

``\frac{\partial E}{\partial x_{ij}} = \sum_m \sum_n \delta_{mn} w_{i-m,j-n}`` is read by a
tokenizer and a small recursive-descent parser into a tree (nothing from the document is
evaluated, sympified or parsed by SymPy); every free index is instantiated over the range of
the tensor it indexes, every sum runs over its written bounds or, with none written, over
where its tensors exist (zero outside), and both sides become SymPy polynomials in the
layer's entries, compared exactly with ``expand(lhs - rhs) == 0``.  A sum whose written
bounds reach an entry that does not exist is refuted with that index named.

The layer (which letter is the input, the kernel, the output, the loss) comes from
:mod:`symbp.doc_names`; the derived side is the chain rule applied to the document's own
forward pass at the section's sizes (``∂L/∂x_e = Σ_o g_o ∂z_o/∂x_e`` with ``g`` the output's
gradient), so a claim holds only if it equals what the forward implies.

Example::

    >>> from symbp.doc_names import DocContext
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    >>> check_index_claim(r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n}",
    ...                   ctx).verdict
    'holds'
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import sympy as sp

MAX_INSTANCES = 20_000          # free-index instantiations × sum terms per side


class IndexError_(Exception):
    """Notation this reader does not take (message: the reason)."""


class OutOfRange(Exception):
    """A written bound reaches an entry that does not exist."""


# =========================================================================== tokens

_PRE = [(re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])"), ""),
        (re.compile(r"\\(?:displaystyle|limits|nolimits|,|;|!|:)(?![A-Za-z])"), " "),
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|mathrm|mathit|operatorname\*?)\s*\{"), "{"),
        (re.compile(r"\\color\s*\{[^{}]*\}"), ""),
        (re.compile(r"\\mathcal\s*\{\s*([A-Z])\s*\}"), r"\\cal\1"),
        (re.compile(r"\^\s*\{\s*'\s*\}|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime"), "'"),
        (re.compile(r"\\text\s*\{\s*full\\?_conv\s*\}"), "fullconv"),
        (re.compile(r"\\(?:text|mathrm)\s*\{([^{}]*)\}"), r"\1")]
_TOKEN = re.compile(r"\\cal[A-Z]|\\[A-Za-z]+|\\\\|\\.|\d+|[A-Za-z]|'|[{}()\[\]^_+\-*/=,&|<>]|\S")
_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∂": r"\partial ", "⊙": r"\odot ",
                          "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*", "∑": r"\sum "})


def tokenize(latex: str) -> list[str]:
    """Tokens of an equation side: macros, single letters, integers, punctuation."""
    s = latex.translate(_UNICODE)
    for pattern, repl in _PRE:
        s = pattern.sub(repl, s)
    return _TOKEN.findall(s)


# =========================================================================== tree

@dataclass(frozen=True)
class Ref:
    """``x_{i+m,j}``, ``I(i, j)``, ``(\\omega')^{l}_{m,n}``; ``idx`` None: the whole tensor."""
    name: str
    label: str | None
    idx: tuple | None


@dataclass(frozen=True)
class Grad:
    """∂(loss)/∂ref, dO(i,j), δ_{z11}."""
    ref: Ref


@dataclass(frozen=True)
class Jac:
    """∂top/∂bottom between entries."""
    top: Ref
    bottom: Ref


@dataclass(frozen=True)
class Sum:
    vars: tuple
    lo: object
    hi: object
    body: object


@dataclass(frozen=True)
class Op:
    """kind: add, mul, neg, div, func (σ', f'), corr, conv, kron, call (entry of a result)."""
    kind: str
    args: tuple


LOSSES = {"L", "E", "J", "C", "Loss", "cost", "Cost", r"\calL", r"\calJ", r"\calE", r"\ell"}
_GREEK = {r"\delta", r"\omega", r"\alpha", r"\beta", r"\sigma", r"\theta", r"\phi", r"\psi"}
_PRODUCT = {r"\cdot", r"\times"}
_CONVOLVE = {"*": "star", r"\ast": "star", r"\star": "corr", r"\otimes": "corr",
             r"\circledast": "conv"}


class Parser:
    """Recursive descent over :func:`tokenize`'s tokens."""

    def __init__(self, tokens: list[str], tensor_names=()):
        self.t, self.i, self.tensors = tokens, 0, set(tensor_names)

    def peek(self, k: int = 0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def take(self, want=None):
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise IndexError_(f"expected {want or 'more'} near '{''.join(self.t[self.i:self.i + 6])}'")
        self.i += 1
        return tok

    def done(self) -> bool:
        return self.i >= len(self.t)

    # ---- expressions
    def expr(self):
        terms = []
        sign = 1
        if self.peek() in ("+", "-"):
            sign = -1 if self.take() == "-" else 1
        terms.append(self.term() if sign > 0 else Op("neg", (self.term(),)))
        while self.peek() in ("+", "-"):
            op = self.take()
            t = self.term()
            terms.append(t if op == "+" else Op("neg", (t,)))
        return terms[0] if len(terms) == 1 else Op("add", tuple(terms))

    def term(self):
        factors = [self.factor()]
        while True:
            tok = self.peek()
            if tok is None or tok in ("+", "-", ")", "}", "]", ",", "=", "&", r"\\") or tok == r"\quad":
                break
            if tok in _PRODUCT:
                self.take()
                continue
            if tok in _CONVOLVE or tok == r"\odot":
                self.take()
                right = self.factor()
                kind = "hadamard" if tok == r"\odot" else _CONVOLVE[tok]
                factors = [Op(kind, (_product(factors), right))]
                continue
            if tok == "/":
                self.take()
                factors = [Op("div", (_product(factors), self.factor()))]
                continue
            factors.append(self.factor())
        return _product(factors)

    def factor(self):
        tok = self.peek()
        if tok is None:
            raise IndexError_("missing operand")
        if tok == "-":
            self.take()
            return Op("neg", (self.factor(),))
        if tok == r"\sum":
            return self.sum()
        if tok in (r"\frac", r"\dfrac", r"\tfrac"):
            return self.frac()
        if tok.isdigit():
            self.take()
            return sp.Integer(int(tok))
        if tok in ("(", "{", "["):
            return self.group()
        return self.name_or_call()

    def group(self):
        close = {"(": ")", "{": "}", "[": "]"}[self.take()]
        start = self.i
        inner = self.expr()
        self.take(close)
        if close != "}" and self.peek() in ("^", "_", "'") and isinstance(inner, Ref):
            return self.scripts(inner.name + "'" * (self.t[start:self.i].count("'")), inner.label)
        if close == ")" and isinstance(inner, Ref) and inner.idx is None and self.peek() in ("^", "_"):
            return self.scripts(inner.name, inner.label)
        if self.peek() == "(" and not isinstance(inner, (int, sp.Integer)):
            args = self.call_args()
            return Op("call", (inner, args))
        return inner

    def frac(self):
        self.take()
        num, den = self.braced_tokens(), self.braced_tokens()
        if num and num[0] == r"\partial" and den and den[0] == r"\partial":
            top = Parser(num[1:], self.tensors).expr()
            bottom = Parser(den[1:], self.tensors).expr()
            if isinstance(bottom, Op) and bottom.kind == "call":
                bottom = bottom.args[0]
            if not isinstance(bottom, Ref):
                raise IndexError_("∂/∂ of something that is not an entry")
            if isinstance(top, Ref) and top.name in LOSSES and top.idx is None:
                return Grad(bottom)
            if isinstance(top, Ref):
                return Jac(top, bottom)
            return Op("jacof", (top, bottom))
        if num and num[0] == r"\partial":
            raise IndexError_("∂ applied to an expression")
        return Op("div", (Parser(num, self.tensors).whole(), Parser(den, self.tensors).whole()))

    def whole(self):
        e = self.expr()
        if not self.done():
            raise IndexError_(f"unexpected '{self.peek()}'")
        return e

    def braced_tokens(self) -> list[str]:
        if self.peek() != "{":
            return [self.take()]
        self.take()
        depth, out = 1, []
        while True:
            tok = self.take()
            depth += {"{": 1, "}": -1}.get(tok, 0)
            if depth == 0:
                return out
            out.append(tok)

    def sum(self):
        self.take()
        if self.peek() != "_":
            raise IndexError_("a sum without its index")
        self.take()
        sub = self.braced_tokens()
        lo = hi = None
        if "=" in sub:
            k = sub.index("=")
            names, lo = sub[:k], Parser(sub[k + 1:], self.tensors).whole()
        else:
            names = sub
        if self.peek() == "^":
            self.take()
            hi = Parser(self.braced_tokens(), self.tensors).whole()
        vars_ = _index_names(names)
        if not vars_:
            raise IndexError_("a sum without its index")
        body = self.term()
        return Sum(tuple(vars_), lo, hi, body)

    def name_or_call(self):
        tok = self.take()
        if tok in (r"\sigma", "f", "g") and self.peek() in ("'", "(") and tok not in self.tensors:
            primes = 0
            while self.peek() == "'":
                self.take()
                primes += 1
            if self.peek() == "(":
                args = self.call_args()
                return Op("func", (tok, primes, args[0]))
            raise IndexError_(f"{tok} without an argument")
        if tok in ("conv2", "fullconv") or (tok == "c" and "".join(self.t[self.i:self.i + 4]) == "onv2"):
            if tok == "c":
                self.i += 4
            return self.conv2(tok == "fullconv")
        if tok == "r" and "".join(self.t[self.i:self.i + 2]) == "ot":
            return self.rot()
        if tok == "d" and self.peek() and re.fullmatch(r"[A-Z]", self.peek()) and "d" not in self.tensors:
            inner = self.name_or_call()
            if isinstance(inner, Op) and inner.kind == "call":
                inner = inner.args[0]
            if not isinstance(inner, Ref):
                raise IndexError_("d applied to something that is not a tensor")
            return Grad(inner)
        if not (re.fullmatch(r"[A-Za-z]", tok) or tok in _GREEK or tok.startswith(r"\cal")):
            raise IndexError_(f"'{tok}' is not understood here")
        name = tok
        while self.peek() == "'":
            self.take()
            name += "'"
        return self.scripts(name, None)

    def scripts(self, name, label):
        idx = None
        while self.peek() in ("^", "_", "'"):
            tok = self.take()
            if tok == "'":
                name += "'"
                continue
            body = self.braced_tokens()
            if tok == "^":
                label = "".join(body)
            else:
                idx = _split_indices(body, self.tensors)
        if name == r"\delta" and idx is not None and len(idx) == 1 and isinstance(idx[0], Ref) \
                and idx[0].idx is not None:
            return Grad(idx[0])                     # δ_{z11}: the gradient at z_{11}
        ref = Ref(name, label, idx)
        if idx is None and self.peek() == "(" and (name in self.tensors or name.isupper()):
            args = self.call_args()
            return Ref(name, label, tuple(args))
        return ref

    def call_args(self) -> list:
        self.take("(")
        args = [self.expr()]
        while self.peek() == ",":
            self.take()
            args.append(self.expr())
        self.take(")")
        return args

    def conv2(self, full_conv: bool):
        if full_conv:
            args = self.call_args()
            return Op("conv", (args[0], args[1], "full"))
        self.take("(")
        a = self.expr()
        self.take(",")
        b = self.expr()
        shape = "full"
        if self.peek() == ",":
            self.take()
            self.take("'")
            word = ""
            while self.peek() != "'":
                word += self.take()
            self.take("'")
            shape = word
        self.take(")")
        if shape not in ("full", "valid", "same"):
            raise IndexError_(f"conv2 shape '{shape}'")
        return Op("conv", (a, b, shape))

    def rot(self):
        self.i += 2
        while self.peek() in ("_", "^") or (self.peek() or "").isdigit() or self.peek() == r"\circ":
            tok = self.take()
            if tok in ("_", "^"):
                self.braced_tokens()
        arg = self.factor()
        return Op("rot", (arg,))


def _product(factors):
    return factors[0] if len(factors) == 1 else Op("mul", tuple(factors))


def _index_names(tokens: list[str]) -> list[str]:
    names, cur = [], ""
    for tok in tokens:
        if tok == ",":
            names.append(cur)
            cur = ""
        elif tok == "'":
            cur += "'"
        elif re.fullmatch(r"[A-Za-z]", tok) or tok in _GREEK:
            if cur and "," not in tokens:
                names.append(cur)
                cur = ""
            cur += tok
        else:
            raise IndexError_(f"index '{tok}' in a sum")
    if cur:
        names.append(cur)
    return names


def _split_indices(body: list[str], tensors) -> tuple:
    """``i+m-1,j`` → two index trees; ``ij``/``11``/``mn`` → one per character; ``z11`` → Ref."""
    if "," in body:
        parts, cur, depth = [], [], 0
        for tok in body:
            depth += {"(": 1, "{": 1, ")": -1, "}": -1}.get(tok, 0)
            if tok == "," and depth == 0:
                parts.append(cur)
                cur = []
            else:
                cur.append(tok)
        parts.append(cur)
        return tuple(Parser(p, tensors).whole() for p in parts)
    if body and re.fullmatch(r"[a-z]", body[0]) and len(body) > 1 and all(t.isdigit() for t in body[1:]) \
            and body[0] not in ("i", "j", "k", "m", "n", "p", "q", "u", "v", "x", "y"):
        return (Ref(body[0], None, tuple(sp.Integer(int(c)) for c in "".join(body[1:]))),)
    simple = all(re.fullmatch(r"[A-Za-z]|\d+|'", t) or t in _GREEK for t in body)
    if simple and body:
        out = []
        for tok in body:
            if tok == "'":
                out[-1] = Ref(out[-1].name + "'", None, None)
            elif tok.isdigit():
                out += [sp.Integer(int(c)) for c in tok]
            else:
                out.append(Ref(tok, None, None))
        return tuple(out)
    return (Parser(body, tensors).whole(),)


def parse(latex: str, tensor_names=()) -> object:
    """The tree of one side (IndexError_ when it is not index notation this reader takes)."""
    return Parser(tokenize(latex), tensor_names).whole()


# =========================================================================== evaluation

@dataclass
class Outcome:
    verdict: str            # holds | refuted | unchecked
    detail: str


def free_vars(node, bound=frozenset()) -> list[str]:
    """Index variables used but not bound by a sum, in first-use order."""
    out: list[str] = []

    def walk(n, b):
        if isinstance(n, Ref):
            for e in n.idx or ():
                walk_index(e, b)
        elif isinstance(n, Grad):
            walk(n.ref, b)
        elif isinstance(n, Jac):
            walk(n.top, b)
            walk(n.bottom, b)
        elif isinstance(n, Sum):
            for e in (n.lo, n.hi):
                if e is not None:
                    walk_index(e, b)
            walk(n.body, b | set(n.vars))
        elif isinstance(n, Op):
            for a in n.args:
                if isinstance(a, (list, tuple)):
                    for x in a:
                        walk_index(x, b)
                elif not isinstance(a, str) and not isinstance(a, int):
                    walk(a, b)

    def walk_index(e, b):
        if isinstance(e, Ref) and e.idx is None:
            if e.name not in b and e.name not in out:
                out.append(e.name)
        elif isinstance(e, Op):
            for a in e.args:
                walk_index(a, b)
        elif isinstance(e, (Sum, Grad, Jac)) or (isinstance(e, Ref) and e.idx is not None):
            walk(e, b)

    walk(node, set(bound))
    seen, result = set(), []
    for v in out:
        if v not in seen:
            seen.add(v)
            result.append(v)
    return result


class Evaluator:
    """Both sides of a claim as SymPy values in one :class:`symbp.doc_names.DocContext`."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.explicit: set[str] = set()

    def index(self, e, env) -> int:
        v = self.scalar_index(e, env)
        if not (isinstance(v, sp.Integer) or isinstance(v, int)):
            raise IndexError_(f"index {v} is not a whole number")
        return int(v)

    def scalar_index(self, e, env):
        if isinstance(e, (int, sp.Integer)):
            return sp.Integer(e)
        if isinstance(e, Ref) and e.idx is None:
            if e.name in env:
                return sp.Integer(env[e.name])
            if e.name in self.ctx.symbols:
                return sp.Integer(self.ctx.symbols[e.name])
            raise IndexError_(f"the index or size '{e.name}' is not bound (add it to a directive: "
                              f"<!-- symbp: names: {e.name}=input.rows -->)")
        if isinstance(e, Op):
            vals = [self.scalar_index(a, env) for a in e.args if not isinstance(a, str)]
            if e.kind == "add":
                return sp.Add(*vals)
            if e.kind == "neg":
                return -vals[0]
            if e.kind == "mul":
                return sp.Mul(*vals)
            if e.kind == "div":
                return sp.Rational(vals[0], vals[1]) if vals[1] else sp.nan
        raise IndexError_("an index that is not integer arithmetic")

    def value(self, n, env):
        if isinstance(n, (int, sp.Integer)):
            return sp.Integer(n)
        if isinstance(n, Ref):
            return self.ref(n, env)
        if isinstance(n, Grad):
            return self.ctx.grad(n.ref.name, n.ref.label, self.positions(n.ref, env))
        if isinstance(n, Jac):
            return self.ctx.jacobian(n.top.name, self.positions(n.top, env),
                                     n.bottom.name, self.positions(n.bottom, env))
        if isinstance(n, Sum):
            return self.sum(n, env)
        if isinstance(n, Op):
            return self.op(n, env)
        raise IndexError_(f"cannot evaluate {type(n).__name__}")

    def positions(self, ref: Ref, env):
        if ref.idx is None:
            return None
        return tuple(self.index(e, env) for e in ref.idx)

    def ref(self, r: Ref, env):
        if r.idx is None and r.name in env:
            return sp.Integer(env[r.name])
        if r.idx is None and r.name in self.ctx.symbols:
            return sp.Integer(self.ctx.symbols[r.name])
        if r.name == r"\delta" and r.idx is not None and len(r.idx) == 2 and not self.ctx.has_delta:
            a, b = (self.index(e, env) for e in r.idx)                 # Kronecker delta
            return sp.Integer(int(a == b))
        pos = self.positions(r, env)
        try:
            return self.ctx.entry(r.name, r.label, pos)
        except OutOfRange as err:
            used = {v for e in (r.idx or ()) for v in free_vars(Op("idx", (e,)))}
            if used & self.explicit:
                raise OutOfRange(f"{err} (reached by the written bounds of "
                                 f"{', '.join(sorted(used & self.explicit))})") from None
            return sp.Integer(0)

    def sum(self, n: Sum, env):
        total = sp.Integer(0)
        ranges = []
        for v in n.vars:
            if n.lo is not None or n.hi is not None:
                lo = self.index(n.lo, env) if n.lo is not None else self.ctx.base
                if n.hi is None:
                    raise IndexError_(f"the sum over {v} has a lower bound but no upper bound")
                hi = self.index(n.hi, env)
                ranges.append(range(lo, hi + 1))
                self.explicit.add(v)
            else:
                span = self.ctx.span()
                ranges.append(range(self.ctx.base - span, self.ctx.base + 2 * span))
        count = 1
        for r in ranges:
            count *= max(len(r), 1)
        if count > MAX_INSTANCES:
            raise IndexError_("a sum with too many terms")
        for combo in itertools.product(*ranges):
            total += self.value(n.body, {**env, **dict(zip(n.vars, combo))})
        return total

    def op(self, n: Op, env):
        k = n.kind
        if k == "add":
            vals = [self.value(a, env) for a in n.args]
            return _combine(vals, lambda xs: sp.Add(*xs))
        if k == "neg":
            v = self.value(n.args[0], env)
            return -v
        if k == "mul":
            vals = [self.value(a, env) for a in n.args]
            arrays = [v for v in vals if isinstance(v, np.ndarray)]
            if len(arrays) > 1:
                if self.ctx.layer == "fc" and len(arrays) == 2 and len(vals) == 2:
                    return vals[0].dot(vals[1])
                raise IndexError_("a product of two tensors")
            out = sp.Integer(1)
            for v in vals:
                out = out * v
            return out
        if k == "div":
            a, b = (self.value(x, env) for x in n.args)
            return a / b
        if k == "func":
            name, primes, arg = n.args
            return self.ctx.activation(name, primes, arg, env, self)
        if k in ("corr", "conv", "star"):
            a, b = self.value(n.args[0], env), self.value(n.args[1], env)
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
                raise IndexError_("a convolution of entries")
            mode = "true" if k == "conv" or (k == "star" and self.ctx.convention == "true") else "cross"
            shape = n.args[2] if len(n.args) > 2 else "valid"
            return correlate(a, b, mode, shape)
        if k == "rot":
            a = self.value(n.args[0], env)
            return a[::-1, ::-1].copy()
        if k == "hadamard":
            a, b = self.value(n.args[0], env), self.value(n.args[1], env)
            return a * b
        if k == "call":
            whole = self.value(n.args[0], env)
            pos = tuple(self.index(e, env) - self.ctx.base for e in n.args[1])
            if not isinstance(whole, np.ndarray) or any(not 0 <= p < s for p, s in zip(pos, whole.shape)):
                raise OutOfRange(f"entry {tuple(p + self.ctx.base for p in pos)} of a result")
            return whole[pos]
        raise IndexError_(f"'{k}' is not understood here")


def _combine(vals, fn):
    arrays = [v for v in vals if isinstance(v, np.ndarray)]
    if not arrays:
        return fn(vals)
    shape = arrays[0].shape
    if any(a.shape != shape for a in arrays):
        raise OutOfRange(f"adding tensors of shapes {[a.shape for a in arrays]}")
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        out[ix] = fn([v[ix] if isinstance(v, np.ndarray) else v for v in vals])
    return out


def correlate(x: np.ndarray, k: np.ndarray, mode: str = "cross", shape: str = "valid") -> np.ndarray:
    """2-D cross-correlation (mode 'cross') or true convolution ('true') of object arrays;
    shape 'valid', 'full' or 'same' as in MATLAB's conv2."""
    if x.ndim != 2 or k.ndim != 2:
        raise IndexError_("a convolution of tensors that are not matrices")
    kk = k[::-1, ::-1] if mode == "true" else k
    kh, kw = kk.shape
    if shape in ("full", "same"):
        pad = np.zeros((x.shape[0] + 2 * (kh - 1), x.shape[1] + 2 * (kw - 1)), dtype=object)
        pad[kh - 1:kh - 1 + x.shape[0], kw - 1:kw - 1 + x.shape[1]] = x
        x = pad
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if oh < 1 or ow < 1:
        raise OutOfRange(f"the {kh}x{kw} kernel is larger than the {x.shape[0]}x{x.shape[1]} input")
    out = np.empty((oh, ow), dtype=object)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = sp.Add(*[x[i + m, j + n] * kk[m, n] for m in range(kh) for n in range(kw)])
    if shape == "same":
        r0, c0 = (kh - 1) // 2, (kw - 1) // 2
        out = out[r0 + (kh - 1) // 2 * 0:r0 + oh - (kh - 1), c0:c0 + ow - (kw - 1)]
    return out


def check_index_claim(latex: str, ctx, last_lhs=None) -> Outcome:
    """Verdict on ``lhs = rhs [= rhs2 ...]`` read in ``ctx`` (a DocContext) at its sizes."""
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
    except LatexAtomError as err:
        return Outcome("unchecked", f"malformed LaTeX: {err}")
    if len(sides) < 2:
        return Outcome("unchecked", "not an equation")
    if not sides[0].strip():
        if last_lhs is None:
            return Outcome("unchecked", "continues an equation, but no left side came before")
        sides[0] = last_lhs
    names = ctx.tensor_names()
    trees = []
    for s in sides:
        s = re.sub(r"^\s*(?:\\implies|\\Rightarrow|\\therefore|>)\s*", "", s)
        trees.append(parse(s, names))
    results = []
    if re.search(r"_\s*\{?\s*z?\d", latex) and len(ctx.instances()) > 1:
        return Outcome("unchecked", "entries with numbers need the layer's sizes: add "
                                    "<!-- symbp: layer=conv2d input=HxW kernel=KxK -->")
    for setup in ctx.instances():
        lhs = trees[0]
        free = [v for v in free_vars(lhs)]
        for k, rhs in enumerate(trees[1:], start=1):
            extra = [v for v in free_vars(rhs) if v not in free and v not in setup.symbols]
            if extra:
                raise IndexError_(f"index {', '.join(extra)} is free on the right but not on the left")
            results.append(_compare(setup, lhs, rhs, free, k))
    refuted = [r for r in results if r.verdict == "refuted"]
    if refuted:
        return refuted[0]
    detail = results[0].detail if results else "nothing compared"
    if len(ctx.instances()) > 1:
        detail += f" (at sizes {ctx.describe_sizes()})"
    return Outcome("holds", detail)


def _compare(setup, lhs, rhs, free, k) -> Outcome:
    ev = Evaluator(setup)
    domains = setup.domains(lhs, free)
    compared = 0
    for combo in itertools.product(*domains):
        env = dict(zip(free, combo))
        try:
            left = ev.value(lhs, env)
        except OutOfRange:
            continue
        try:
            right = ev.value(rhs, env)
        except OutOfRange as err:
            where = ", ".join(f"{v}={c}" for v, c in env.items())
            return Outcome("refuted", f"side {k + 1} at {where or 'the claim'}: {err} "
                                      f"{setup.describe()}")
        if isinstance(left, np.ndarray) != isinstance(right, np.ndarray) or (
                isinstance(left, np.ndarray) and left.shape != right.shape):
            return Outcome("refuted", f"shape mismatch: {np.shape(left)} vs {np.shape(right)} "
                                      f"{setup.describe()}")
        pairs = zip(np.ravel(left), np.ravel(right)) if isinstance(left, np.ndarray) else [(left, right)]
        for a, b in pairs:
            compared += 1
            if sp.expand(a - b) != 0:
                where = ", ".join(f"{v}={c}" for v, c in env.items())
                other = setup.other_convention_holds(lhs, rhs, free)
                hint = " (it holds under the other convolution convention)" if other else ""
                return Outcome("refuted", f"at {where or 'the entry'}: derived {_short(a)}, "
                                          f"claimed {_short(b)} {setup.describe()}{hint}")
    if compared == 0:
        return Outcome("unchecked", "no entry to compare")
    return Outcome("holds", f"{compared} entries equal {setup.describe()}")


def _short(e) -> str:
    s = str(e)
    return s if len(s) < 90 else s[:87] + "..."
