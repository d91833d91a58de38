r"""Reading an equation's LaTeX: symbp's operator spellings, names, matrices and the
∂J/∂x, σ(x), σ'(x), 1[x = max] placeholders, turned into operator forms and entries."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import sympy as sp

from ..layers.conv import A, B, DELTA, W, ZPREV, Conv2dConfig
from ..layers.dense import MatMul, Transpose
from .latex_atoms import LatexAtomError, normalize_symbol_name, parse_atom, split_top_level
from ..core.ops import (ChannelSum, Crop, Dilate, Hadamard, Pad, Rot180, ShapeError, Sigma, SigmaPrime, SwapIO,
                  TensorOp)
from ..layers.pooling import Pool2dConfig, UpsampleAvg, UpsampleMax
from ..core.printing import shorten  # noqa: F401  (symbp.check.notation.shorten, as before)
from ..core.tensor import shape_text, text


DEFINITION, UNCHECKED = "definition", "unchecked"
MAX_EQUATIONS, MAX_ATOM = 2000, 20_000

# Roles beyond the core's placeholders A, W, B, DELTA, ZPREV: what the chain rule derives.
Z_OUT, ACT_OUT = sp.Symbol("z"), sp.Symbol("σ(z)")
GRAD_A, GRAD_W, GRAD_B, DELTA_PREV = sp.symbols("∂J/∂a ∂J/∂W ∂J/∂b δ^{l-1}")
DERIVED = {Z_OUT, ACT_OUT, GRAD_A, GRAD_W, GRAD_B, DELTA_PREV}
GRAD_OF = {A: GRAD_A, W: GRAD_W, B: GRAD_B, Z_OUT: DELTA, ZPREV: DELTA_PREV}
ARGMAX_INPUT = sp.Symbol("argmax input")      # upsample_max(δ) without its second argument


class CheckError(ValueError):
    """The document as a whole cannot be checked (one-line message)."""


class Unsupported(Exception):
    """Notation this checker does not understand; the message is the reason."""


class _NotHere(Exception):
    """An operand is not the operator it started like: read it as an atom instead."""


# =========================================================================== pass 1: parsing

class Name(NamedTuple):
    """A document's name: base (a, w, b, z, delta), layer label, indices (None: the tensor)."""
    base: str
    label: str | None
    indices: tuple | None
    grad: bool = False

    def show(self) -> str:
        sup = f"^{{{self.label}}}" if self.label else ""
        sub = "" if self.indices is None else "_{" + (
            "".join if all(i < 10 for i in self.indices) else ",".join)(map(str, self.indices)) + "}"
        return ("∇" if self.grad else "") + text(self.base) + sup + sub


_BASES = {"a": "a", "w": "w", "W": "w", "b": "b", "z": "z", "delta": "delta"}
_LOSS = {"J", "L", "E", "C", r"\mathcal{L}", r"\mathcal{J}", r"\ell"}


def parse_name(name: str) -> Name:
    """A parse_atom symbol name (``nabla a^{l}_{12}``) as a Name; Unsupported otherwise."""
    try:
        base, label, indices = normalize_symbol_name(name)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    grad, base = base.startswith("nabla "), base.removeprefix("nabla ").strip()
    if base not in _BASES:
        raise Unsupported(f"unknown name {text(name)}")
    if all(isinstance(i, str) for i in indices):           # δ, δ_k, δ_{u,v}: the tensor
        return Name(_BASES[base], label, None, grad)
    if not all(isinstance(i, int) for i in indices):
        raise Unsupported(f"{text(name)} mixes numeric and symbolic indices")
    return Name(_BASES[base], label, tuple(indices), grad)


class _Star(TensorOp):
    """``x *_{s,d} y`` until the roles are known (then Correlate or WeightCorrelate)."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} * {args[1]}"


class _Plus(TensorOp):
    """``x ± y`` entrywise; ``y`` may be one entry, added to every entry."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} {'+' if self.params[0] > 0 else '-'} {args[1]}"

    def entrywise(self, x, y):
        if isinstance(y, np.ndarray) and y.shape != x.shape:
            raise ShapeError(f"adding a {shape_text(y.shape)} and a {shape_text(x.shape)} tensor")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = x[index] + self.params[0] * (y[index] if isinstance(y, np.ndarray) else y)
        return out


class _ExampleSum(TensorOp):
    """``Σ_n x_n`` in a fully connected layer: the sum of the columns (examples) of x."""

    def text(self, args):
        return f"Σ_n {args[0]}_n"

    def entrywise(self, x):
        if x.ndim != 2:
            raise ShapeError(f"a sum over the examples of a {shape_text(x.shape)} tensor")
        out = np.empty((x.shape[0], 1), dtype=object)
        for i in range(x.shape[0]):
            out[i, 0] = sp.Add(*x[i])
        return out


class Term(NamedTuple):
    """A parsed side: ``kind`` "tensor" (operator form over leaves) or "scalar" (an entry)."""
    kind: str
    expr: sp.Basic


class Parse:
    """Pass 1 of one equation: leaf symbols, explicit matrices, placeholders, names seen."""

    def __init__(self, section):      # a symbp.check.docsetup.Section (which imports this module)
        self.section = section
        self.leaves: dict[sp.Symbol, Name] = {}
        self.matrices: dict[sp.Symbol, sp.Matrix] = {}
        self.scalars: dict[sp.Symbol, sp.Expr] = {}
        self.functions: dict[str, tuple] = {}     # placeholder symbol name -> payload
        self.names: list[Name] = []
        self.asides: list[tuple[Term, Term, str]] = []   # \underbrace{x}_{label}

    def leaf(self, name: Name) -> sp.Symbol:
        sym = sp.Symbol(f"@{len(self.leaves)}:{name.show()}")
        self.leaves[sym] = name
        self.names.append(name)
        return sym

    def matrix(self, m: sp.Matrix) -> sp.Symbol:
        sym = sp.Symbol(f"M{len(self.matrices) + 1}[{m.rows}x{m.cols}]")
        self.matrices[sym] = m
        for s in m.free_symbols:
            self.entry_name(s)
        return sym

    def scalar_leaf(self, expr: sp.Expr) -> sp.Symbol:
        sym = sp.Symbol(f"@s{len(self.scalars)}")
        self.scalars[sym] = expr
        return sym

    def placeholder(self, payload: tuple) -> str:
        key = f"Q^{{symbp{len(self.functions)}}}"
        self.functions[key] = payload
        return f" {key} "

    def entry_name(self, sym: sp.Symbol) -> None:
        payload = self.functions.get(sym.name)
        if payload and payload[0] == "grad-tensor":
            raise Unsupported(f"∂J/∂{payload[1].show()[1:]} is a tensor: a product with it is "
                              "a Jacobian product, not checked")
        if payload is None:
            name = parse_name(sym.name)
            if name.indices is None:
                raise Unsupported(f"the tensor {name.show()} inside an entry expression")
            self.names.append(name)


_TOKEN = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\left\s*(?:\\[{}|]|[(\[|.])"
                    r"|\\right\s*(?:\\[{}|]|[)\]|.])|\\[A-Za-z]+|\\.|\s+|.", re.S)
_OPEN, _CLOSE = re.compile(r"\\begin|\\left|[{(\[]"), re.compile(r"\\end|\\right|[})\]]")
_SKIP = re.compile(r"(?:\s|\\[,;:! ]|~)*")


def _group(s: str, i: int) -> tuple[str, int] | None:
    """(inner text, end) of the bracketed group at ``s[i]`` (after spacing), else None."""
    i, depth, first = _SKIP.match(s, i).end(), 0, None
    for m in _TOKEN.finditer(s, i):
        tok = m.group()
        if _OPEN.match(tok):
            depth, first = depth + 1, first or tok
        elif _CLOSE.match(tok) and depth:
            depth -= 1
            if depth == 0:
                return s[i + len(first):m.start()], m.end()
        if not depth:
            return None
    return None


def _script(s: str, i: int) -> tuple[str, int] | None:
    """(content, end) of a ``_{...}`` or ``_x`` subscript at ``s[i]`` (after spacing)."""
    i = _SKIP.match(s, i).end()
    if not s.startswith("_", i):
        return None
    j = _SKIP.match(s, i + 1).end()
    if s.startswith("{", j):
        return _group(s, j)
    m = _TOKEN.match(s, j)
    return (m.group(), m.end()) if m else None


_PREFIX = re.compile(r"\s*(?:\\(?:Rightarrow|Longrightarrow|implies|therefore|because|to|iff"
                     r"|hookrightarrow|rightarrow|longrightarrow|quad|qquad)(?![A-Za-z])"
                     r"|\\[,;:! ]|&|\\text\s*\{([^{}]*)\})")
_RELATIONS = ("\\neq", "\\ne", "\\approx", "\\equiv", "\\le", "\\leq", "\\ge", "\\geq", "<",
              ">", "\\Rightarrow", "\\implies", "\\to", "\\mapsto", "\\sim")


_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∇": r"\nabla ", "∂": r"\partial ",
                          "⊙": r"\odot ", "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*"})
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit)\s*\{\s*((?:\\[A-Za-z]+|[A-Za-z])\s*)\}")


def parse_equation(latex: str) -> list[str]:
    """The sides of an equation: leading connectives and \\quad remarks dropped, split on =.

    Unicode δ σ ∇ ∂ ⊙ · become their macros, and bold or italic names plain names.
    """
    s = _BOLD.sub(r"\1", latex.translate(_UNICODE))
    while (m := _PREFIX.match(s)) and m.end() and not (
            m.group(1) and re.match(r"\s*(rot|wtl|pad|dilate|up|unsample)", m.group(1))):
        s = s[m.end():]
    try:
        s = split_top_level(s, ("\\quad", "\\qquad"))[0]
        for rel in _RELATIONS:
            if len(split_top_level(s, (rel,))) > 1:
                raise Unsupported(f"not an equation (relation {rel})")
        return split_top_level(s, ("=",))
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None


def parse_side(s: str, ctx: Parse) -> Term:
    """A side: terms joined by + and -, each factors joined by * and ⊙."""
    try:
        pieces = split_top_level(s, ("+", "-"), keep_ops=True)
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None
    result = None if not pieces[0].strip() else _product(pieces[0], ctx)
    for op, piece in zip(pieces[1::2], pieces[2::2]):
        if not piece.strip():
            raise Unsupported(f"missing term after '{op}'")
        result = _add(result, _product(piece, ctx), 1 if op == "+" else -1, ctx)
    if result is None:
        raise Unsupported("an empty side")
    return result


def _add(x: Term | None, y: Term, sign: int, ctx: Parse) -> Term:
    x = x or Term("scalar", sp.S.Zero)
    if x.kind == y.kind == "scalar":
        return Term("scalar", x.expr + sign * y.expr)
    if x.kind == "scalar":
        if sign < 0:
            raise Unsupported("an entry minus a tensor")
        x, y = y, x
    return Term("tensor", _Plus(x.expr, y.expr if y.kind == "tensor" else ctx.scalar_leaf(y.expr),
                                sign))


_TAG = re.compile(r"\s*([sd])\s*=\s*(?:\(\s*(\d+)\s*,\s*(\d+)\s*\)|(\d+))\s*")


def _product(s: str, ctx: Parse) -> Term:
    pieces = split_top_level(s, ("*", "\\ast", "\\odot"), keep_ops=True)
    result = _factor(pieces[0], ctx)
    for op, piece in zip(pieces[1::2], pieces[2::2]):
        tags = {"s": (1, 1), "d": (1, 1)}
        script = _script(piece, 0) if op != "\\odot" else None
        if script:
            for m in (_TAG.fullmatch(p) for p in re.split(r",(?![^()]*\))", script[0])):
                if not m:
                    raise Unsupported(f"unknown tag on * ('{script[0]}')")
                tags[m.group(1)] = (int(m.group(2)), int(m.group(3))) if m.group(2) \
                    else (int(m.group(4)),) * 2
            piece = piece[script[1]:]
        right = _factor(piece, ctx)
        if result.kind != "tensor" or right.kind != "tensor":
            raise Unsupported(f"'{op}' between entries (write \\cdot for a product of entries)")
        result = Term("tensor", Hadamard(result.expr, right.expr) if op == "\\odot"
                      else _Star(result.expr, right.expr, *tags["s"], *tags["d"]))
    return result


_WRAP = r"\\(?:operatorname\*?|text|mathrm|textrm|rm|mathit|textit)\s*\{\s*"
_HEADS = {
    "rot": re.compile(rf"(?:{_WRAP}(?:rot|wtl)\s*(?:180|80)?\s*\}}|rot)(?:\s|\\[,;:! ]|~)*"
                      r"(?:_\s*\{\s*180\s*\}|_\s*180|\^\s*\{\s*180\s*\}|180)?"),
    "pad": re.compile(rf"(?:{_WRAP}pad\s*\}}|pad(?![a-z]))"),
    "dilate": re.compile(rf"(?:{_WRAP}dilate\s*\}}|dilate(?![a-z]))"),
    "crop": re.compile(rf"(?:{_WRAP}crop\s*\}}|crop(?![a-z]))"),
    "upsample": re.compile(rf"(?:{_WRAP}(?:upsample|unsample|up\s*sample)\s*\}}|upsample|unsample)"),
    "sum": re.compile(r"\\sum(?![A-Za-z])(?:\\limits)?"),
    "sigma": re.compile(r"\\sigma(?![A-Za-z])\s*((?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)*)"),
    "underbrace": re.compile(r"\\underbrace(?![A-Za-z])"),
}
_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*(?:\\top|T|\\intercal|\\mathsf\s*\{\s*T\s*\})\s*\}|\\top|T)\s*$")


def _factor(s: str, ctx: Parse) -> Term:
    """One operand: an operator application, a transpose, a group, or an atom."""
    s = s.strip()
    if not s:
        raise Unsupported("missing operand")
    fc = ctx.section.kind == "fc"
    if fc and (product := _juxtaposed(s, ctx)) is not None:
        return product
    t = _TRANSPOSE.search(s)
    if t and s[:t.start()].strip():
        inner = _factor(s[:t.start()], ctx)
        if inner.kind == "tensor" and fc:
            return Term("tensor", Transpose(inner.expr, 0))
        if inner.kind == "tensor":
            groups = ctx.section.cfg.groups if isinstance(ctx.section.cfg, Conv2dConfig) else 1
            return Term("tensor", SwapIO(inner.expr, groups))
    for head, pattern in _HEADS.items():
        m = pattern.match(s)
        if m and (head != "rot" or "80" in m.group()):
            try:
                term, end = _OPERATORS[head](s, m, ctx)
            except _NotHere:
                break
            if not s[end:].strip():
                return term
            break
    g = _group(s, 0)
    if g and g[1] == len(s) and not s.startswith("\\begin"):
        return parse_side(g[0], ctx)
    return _atom(s, ctx)


_NAME = re.compile(r"\\delta(?![A-Za-z])|\\nabla\s*(?:\\delta(?![A-Za-z])|[A-Za-z])|[A-Za-z](?![A-Za-z])")


def _operands(s: str) -> list[str] | None:
    """Juxtaposed operands (``W^T \\delta``, ``\\delta^l (a^{l-1})^T``): names or bracketed
    groups, each with its scripts; None when ``s`` holds anything else."""
    parts, i = [], _SKIP.match(s, 0).end()
    while i < len(s):
        start = i
        if s[i] in "([{" or s.startswith("\\left", i):
            g = _group(s, i)
            if g is None:
                return None
            i = g[1]
        elif m := _NAME.match(s, i):
            i = m.end()
        else:
            return None
        while (j := _SKIP.match(s, i).end()) < len(s) and s[j] in "^_":
            k = _SKIP.match(s, j + 1).end()
            g = _group(s, k) if s.startswith("{", k) else None
            m = None if g else _TOKEN.match(s, k)
            if not (g or (m and m.group().strip())):
                return None
            i = g[1] if g else m.end()
        parts.append(s[start:i])
        i = _SKIP.match(s, i).end()
    return parts


def _juxtaposed(s: str, ctx: Parse) -> Term | None:
    """A fully connected layer's matrix product ``x y z`` (juxtaposed tensors), else None."""
    parts = _operands(s)
    if parts is None or len(parts) < 2:
        return None
    names, leaves = len(ctx.names), dict(ctx.leaves)
    try:
        terms = [_factor(p, ctx) for p in parts]
    except (Unsupported, _NotHere, LatexAtomError):
        terms = []
    if not terms or any(t.kind != "tensor" for t in terms):
        del ctx.names[names:]                           # entries (w_{11} a_{1}): an atom
        ctx.leaves = leaves
        return None
    product = terms[0].expr
    for t in terms[1:]:
        product = MatMul(product, t.expr, 0)
    return Term("tensor", product)


def _arg(s: str, i: int, ctx: Parse) -> tuple[sp.Basic, int]:
    """The tensor argument in the group at ``s[i]``, and where it ends."""
    g = _group(s, i)
    if g is None:
        raise _NotHere
    term = parse_side(g[0], ctx)
    if term.kind != "tensor":
        raise _NotHere
    return term.expr, g[1]


def _op_rot(s, m, ctx):
    x, end = _arg(s, m.end(), ctx)
    return Term("tensor", Rot180(x)), end


def _op_pad_dilate(s, m, ctx):
    sub = _script(s, m.end())
    if sub is None or not re.fullmatch(r"\s*\(?\s*-?\d+(?:\s*,\s*-?\d+)*\s*\)?\s*", sub[0]):
        raise Unsupported("pad and dilate need integer widths as a subscript (pad_{1})")
    n = tuple(int(v) for v in sub[0].strip(" ()").split(","))
    x, end = _arg(s, sub[1], ctx)
    if "dilate" in m.group():
        if len(n) > 2:
            raise Unsupported("dilate_{s} or dilate_{(sh,sw)}")
        return Term("tensor", Dilate(x, n[0], n[-1])), end
    if len(n) not in (1, 2, 4):
        raise Unsupported("pad_{p}, pad_{(ph,pw)} or pad_{(t,b,l,r)}")
    return Term("tensor", Pad(x, *(n * 4 if len(n) == 1 else n if len(n) == 4
                                   else (n[0], n[0], n[1], n[1])))), end


_CROP_SIZE = re.compile(r"\s*\(?\s*(\d+)\s*(?:(?:,|x|\\times|×)\s*(\d+)\s*)?\)?\s*")


def _op_crop(s, m, ctx):
    """``crop_{h\\times w}(x)`` (also ``crop_{hxw}``, ``crop_{(h,w)}``, ``crop_{k}``): the
    top-left h x w block (:class:`symbp.core.ops.Crop`)."""
    sub = _script(s, m.end())
    size = sub and _CROP_SIZE.fullmatch(sub[0])
    if not size:
        raise Unsupported("crop needs its size as a subscript (crop_{2\\times 2})")
    h = int(size.group(1))
    x, end = _arg(s, sub[1], ctx)
    return Term("tensor", Crop(x, h, int(size.group(2) or h))), end


def _op_upsample(s, m, ctx):
    i, mode, cfg = m.end(), None, ctx.section.cfg
    if (sub := _script(s, i)) is not None:
        word = re.sub(r"\\(?:mathrm|text|operatorname)\s*\{|[\\{}\s]", "", sub[0]).lower()
        mode = {"avg": "avg", "mean": "avg", "average": "avg", "max": "max"}.get(word)
        if mode is None:
            raise Unsupported(f"unknown upsample kind '{sub[0]}'")
        i = sub[1]
    if not isinstance(cfg, Pool2dConfig):
        raise Unsupported("upsample needs a pooling layer setup (layer=avgpool or maxpool)")
    g = _group(s, i)
    if g is None:
        raise _NotHere
    args = [parse_side(p, ctx) for p in split_top_level(g[0], (";", ","))]
    if any(a.kind != "tensor" for a in args):
        raise _NotHere
    if (mode or ctx.section.kind[:3]) == "avg":
        return Term("tensor", UpsampleAvg(args[0].expr, *cfg.params())), g[1]
    x = args[1].expr if len(args) > 1 else ARGMAX_INPUT
    return Term("tensor", UpsampleMax(args[0].expr, x, *cfg.params(), 0)), g[1]


def _op_sum(s, m, ctx):
    i = m.end()
    while (sub := _script(s, i)) is not None:          # \sum_{u,v} or \sum_{u} \sum_{v}
        nxt = _HEADS["sum"].match(s, _SKIP.match(s, sub[1]).end())
        i = nxt.end() if nxt else sub[1]
        if not nxt:
            break
    body = s[i:].strip()
    g = _group(body, 0)
    if g and body[g[1]:].strip():                       # (δ^L)_{u,v}
        sub = _script(body, g[1])
        if sub is None or body[sub[1]:].strip():
            raise _NotHere
        body = g[0]
    term = parse_side(body, ctx)
    if term.kind != "tensor":
        raise Unsupported("a sum over symbolic indices of an entry expression")
    if ctx.section.kind == "fc":
        return Term("tensor", _ExampleSum(term.expr)), len(s)
    return Term("tensor", ChannelSum(term.expr)), len(s)


def _op_sigma(s, m, ctx):
    primes = m.group(1).count("'") + m.group(1).count("prime")
    j = _SKIP.match(s, m.end()).end()
    wrapped = _group(s, j) if s.startswith("{", j) else None      # SymPy's \sigma{\left(z\right)}
    x, end = _arg(wrapped[0], 0, ctx) if wrapped else _arg(s, j, ctx)
    if primes > 1:
        raise _NotHere
    return Term("tensor", (SigmaPrime if primes else Sigma)(x)), wrapped[1] if wrapped else end


def _op_underbrace(s, m, ctx):
    g = _group(s, m.end())
    if g is None:
        raise _NotHere
    inner, sub = parse_side(g[0], ctx), _script(s, g[1])
    if sub is not None:
        try:
            ctx.asides.append((inner, parse_side(sub[0], ctx), sub[0]))
        except (Unsupported, _NotHere):
            pass                                        # a label in words: nothing to check
    return inner, sub[1] if sub else g[1]


_OPERATORS = {"rot": _op_rot, "pad": _op_pad_dilate, "dilate": _op_pad_dilate, "crop": _op_crop,
              "upsample": _op_upsample, "sum": _op_sum, "sigma": _op_sigma,
              "underbrace": _op_underbrace}

# ---- atoms: parse_atom, after ∂x/∂y, σ(x), σ'(x) and 1[x = max] became placeholders

_FUNCTION = re.compile(r"\\[dt]?frac(?![A-Za-z])|\\sigma(?![A-Za-z])\s*((?:'|\^\s*\{\s*\\prime"
                       r"\s*\}|\^\s*\\prime)*)|\\math(?:bb|bf)\s*\{\s*1\s*\}|\\mathbb\s*1")


def _atom(s: str, ctx: Parse) -> Term:
    """An explicit matrix, a tensor name, or an entry expression."""
    if "symbp" in s:
        raise Unsupported("'symbp' is reserved in names")
    out, pos = [], 0
    for m in _FUNCTION.finditer(s):
        if m.start() >= pos and (found := _function(s, m, ctx)) is not None:
            out += [s[pos:m.start()], found[0]]
            pos = found[1]
    try:
        raw = parse_atom("".join(out) + s[pos:], max_len=MAX_ATOM)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    if isinstance(raw, sp.MatrixBase):
        return Term("tensor", ctx.matrix(raw))
    if isinstance(raw, sp.Symbol):
        payload = ctx.functions.get(raw.name)
        name = payload[1] if payload and payload[0] == "grad-tensor" else \
            None if payload else parse_name(raw.name)
        if name is not None and name.indices is None:
            return Term("tensor", ctx.leaf(name))
    for sym in raw.free_symbols:
        ctx.entry_name(sym)
    return Term("scalar", raw)


def _function(s: str, m, ctx: Parse) -> tuple[str, int] | None:
    """(placeholder, end) for ∂x/∂y, σ(x), σ'(x) or 1[x = max] at ``m``; None if not one."""
    if "frac" in m.group():
        num = _group(s, m.end())
        den = num and _group(s, num[1])
        if not den or not all(p.strip().startswith("\\partial") for p in (num[0], den[0])):
            return None
        top, bottom = (p.strip()[len("\\partial"):].strip() for p in (num[0], den[0]))
        bottom = parse_name(bottom)
        ctx.names.append(bottom)
        if top in _LOSS:
            kind = "grad-tensor" if bottom.indices is None else "grad"
            return ctx.placeholder((kind, bottom._replace(grad=True))), den[1]
        top = parse_name(top)
        if top.indices is None or bottom.indices is None:
            raise Unsupported(f"∂{top.show()}/∂{bottom.show()} is a Jacobian between tensors; "
                              "symbp checks the entries instead")
        ctx.names.append(top)
        return ctx.placeholder(("partial", top, bottom)), den[1]
    g = _group(s, m.end())
    if g is None:
        return None
    if m.group().startswith("\\sigma"):
        inner = _group(g[0], 0) if s.startswith("{", _SKIP.match(s, m.end()).end()) else g
        primes = (m.group(1) or "").count("'") + (m.group(1) or "").count("prime")
        if inner is None or primes > 1:
            raise Unsupported("σ applied to something other than one entry")
        return ctx.placeholder(("sigma", primes, _entry_atom(inner[0], ctx))), g[1]
    parts = split_top_level(g[0], ("=",))
    rule = re.sub(r"\\operatorname|\\max|[{}\s]", lambda t: "max" * (t.group() == "\\max"),
                  parts[-1]) if len(parts) == 2 else ""
    if rule not in ("max", "lastmax"):
        raise Unsupported("only indicators 1[x = max] are understood")
    return ctx.placeholder(("indicator", rule, _entry_atom(parts[0], ctx))), g[1]


def _entry_atom(s: str, ctx: Parse) -> sp.Expr:
    term = _atom(s, ctx)
    if term.kind != "scalar":
        raise Unsupported("σ or an indicator of a tensor inside an entry expression")
    return term.expr


# =========================================================================== pass 2: roles

def resolve_roles(names: list[Name], subject: Name | None) -> dict:
    """(base, label) -> role placeholder.  Labels are labels: they only tell layers apart.

    The current layer's label is W's (or b's); else that of the δ on the other side of a
    δ equation; else δ's.  δ and z with another label are the previous layer's; without a
    current label, an offset label (l-1, L+1) marks the previous layer.  With two labels
    for a, the current layer's a is its activation σ(z).
    """
    labels: dict[str, list] = {b: [] for b in _BASES.values()}
    for n in names:
        if n.label not in labels[n.base]:
            labels[n.base].append(n.label)
    for base in ("w", "b"):
        labels[base] = [x for x in labels[base] if x is not None] or labels[base]
        if len(labels[base]) > 1:
            raise Unsupported("weights of several layers in one equation")
    deltas, zs = labels["delta"], labels["z"]
    if len(deltas) > 2 or len(zs) > 2:
        raise Unsupported("δ or z of more than two layers in one equation")
    if labels["w"] or labels["b"]:
        current = (labels["w"] or labels["b"])[0]
    elif len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)
    else:
        current = deltas[0] if deltas else None
    if current is None and len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)      # W unlabelled: δ's label
    roles = {("delta", x): DELTA_PREV if len(deltas) == 2 and x != current else DELTA
             for x in deltas}
    through = DELTA_PREV in roles.values()
    for x in zs:
        other = x != current if current is not None else bool(
            x and re.search(r"[+-]\d+\)?$", x))
        roles["z", x] = ZPREV if through or other else Z_OUT
    for x in labels["a"]:
        roles["a", x] = ACT_OUT if len(labels["a"]) > 1 and x == current else A
    return roles
