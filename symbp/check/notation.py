r"""Reading an equation's LaTeX: symbp's operator spellings, names, matrices and the
∂J/∂x, σ(x), σ'(x), 1[x = max] placeholders, turned into operator forms and entries.

Pass 1 (this module) reads the operators; its pieces sit beside it: names, roles (pass 2),
errors and limits in :mod:`.notation_names`, text scanning in :mod:`.notation_scan`, the
parse state in :mod:`.notation_terms`, atoms in :mod:`.notation_atoms`."""

from __future__ import annotations

import re

import sympy as sp

from ..core.ops import (ChannelSum, Correlate, Crop, Dilate, Hadamard, Pad, Rot180, Sigma, SigmaPrime,
                        Spelling, SwapIO)
from ..core.printing import shorten  # noqa: F401  (symbp.check.notation.shorten, as before)
from ..layers.dense import MatMul, Transpose
from ..layers.pooling import UpsampleAvg, UpsampleMax
from .display_prose import CHANGES, names_a_rule
from .latex_atoms import LatexAtomError, split_top_level
from .notation_atoms import _atom
from .notation_names import ARGMAX_INPUT, Unsupported, _NotHere
from .notation_scan import _SKIP, _TOKEN, _group, _script
from .notation_terms import STAR_SHAPES, Parse, Term, _ExampleSum, _Plus, _Star
# The names the checker's modules import from here, as before the split:
from .notation_names import (ACT_OUT, CheckError, DEFINITION, DELTA_PREV, DERIVED, GRAD_A,  # noqa: F401
                             GRAD_B, GRAD_OF, GRAD_W, MAX_ATOM, MAX_EQUATIONS, UNCHECKED, Z_OUT, Name,
                             parse_name, resolve_roles)


_PREFIX = re.compile(r"\s*(?:\\(?:Rightarrow|Longrightarrow|implies|therefore|because|to|iff"
                     r"|hookrightarrow|rightarrow|longrightarrow|quad|qquad)(?![A-Za-z])"
                     r"|\\[,;:! ]|&|\\text\s*\{([^{}]*)\})")
_NOTE_WORDS = re.compile(r"\\(?:text|textrm|mbox|textit|mathrm|operatorname)\s*\{([^{}]*[^\W\d_]{2,}[^{}]*)\}")
_RELATIONS = ("\\neq", "\\ne", "\\approx", "\\equiv", "\\le", "\\leq", "\\ge", "\\geq", "<",
              ">", "\\Rightarrow", "\\implies", "\\to", "\\mapsto", "\\sim")


_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∇": r"\nabla ", "∂": r"\partial ",
                          "⊙": r"\odot ", "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*"})
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit)\s*\{\s*((?:\\[A-Za-z]+|[A-Za-z])\s*)\}")


def changing_note(notes: str) -> str:
    """The words of ``notes`` (what stands after a claim's ``\\quad``) where they may change what the claim says
    (:data:`symbp.check.display_prose.CHANGES`: a number, "times", "halved", "averaged", "transposed"), unless
    they name a known rule ("using (3)"); "" for any other note, which this reader drops as before (an
    explanation, "b 为向量")."""
    words = " ".join(_NOTE_WORDS.findall(notes)).strip()
    return words if words and CHANGES.search(words) and not names_a_rule(words) else ""


def parse_equation(latex: str) -> list[str]:
    """The sides of an equation: leading connectives and \\quad remarks dropped, split on =.

    Unicode δ σ ∇ ∂ ⊙ · become their macros, and bold or italic names plain names.
    """
    s = _BOLD.sub(r"\1", latex.translate(_UNICODE))
    while (m := _PREFIX.match(s)) and m.end() and not (
            m.group(1) and _OPERATOR_WORD.match(m.group(1))):
        s = s[m.end():]
    try:
        s, *notes = split_top_level(s, ("\\quad", "\\qquad"))
        if (words := changing_note(" ".join(notes))):        # \quad (\text{times } 2): not a remark to drop
            raise Unsupported(f"a note beside the claim ('{words}') may change what it says: it is not read")
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
# *_{full} / *_{\mathrm{valid}}: the shape of the product, as MATLAB's conv2 names it
_SHAPE = re.compile(r"\s*(?:\\(?:text|mathrm|textrm|rm|operatorname)\s*\{\s*)?(full|valid|FULL|VALID|Full|Valid)\s*\}?\s*")


_STAR = Correlate.spellings.macros          # x * y until the roles are known
_ODOT = Hadamard.spellings.macros


def _product(s: str, ctx: Parse) -> Term:
    pieces = split_top_level(s, _STAR + _ODOT, keep_ops=True)
    result = _factor(pieces[0], ctx)
    for op, piece in zip(pieces[1::2], pieces[2::2]):
        tags = {"s": (1, 1), "d": (1, 1), "shape": (0,)}
        script = _script(piece, 0) if op not in _ODOT else None
        if script and (shape := _SHAPE.fullmatch(script[0])):      # *_{full}, *_{\text{valid}}
            tags["shape"] = (STAR_SHAPES.index(shape.group(1).lower()),)
            piece = piece[script[1]:]
        elif script:
            for m in (_TAG.fullmatch(p) for p in re.split(r",(?![^()]*\))", script[0])):
                if not m:
                    raise Unsupported(f"unknown tag on * ('{script[0]}')")
                tags[m.group(1)] = (int(m.group(2)), int(m.group(3))) if m.group(2) \
                    else (int(m.group(4)),) * 2
            piece = piece[script[1]:]
        right = _factor(piece, ctx)
        if result.kind != "tensor" or right.kind != "tensor":
            raise Unsupported(f"'{op}' between entries (write \\cdot for a product of entries)")
        result = Term("tensor", Hadamard(result.expr, right.expr) if op in _ODOT
                      else _Star(result.expr, right.expr, *tags["s"], *tags["d"], *tags["shape"]))
    return result


_WRAP = r"\\(?:operatorname\*?|text|mathrm|textrm|rm|mathit|textit)\s*\{\s*"

# The operators documents write by name or macro. Their spellings are data on each class
# (Spelling, beside entrywise, text and _latex); this reader adds only the grammar around
# them: wrappers, where a name's number may go, \limits, primes.
_SPELLED = (Rot180, Pad, Dilate, Crop, UpsampleAvg, UpsampleMax, ChannelSum, Sigma, SigmaPrime)
_MACRO_TAILS = {"sum": r"(?:\\limits)?",
                "sigma": r"\s*((?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)*)"}


def _spaced(tex: str) -> str:
    """A regex for ``tex`` that allows spaces where TeX does (a space in a word: any spaces)."""
    return (re.escape(tex).replace("\\ ", r"\s*").replace("\\{", r"\s*\{\s*")
            .replace("\\}", r"\s*\}"))


def _either(words) -> str:
    return "|".join(_spaced(w) for w in words)


def _head_pattern(spelling: Spelling) -> re.Pattern:
    """The regex that finds an operator's name at the start of a factor."""
    if spelling.macros:
        return re.compile(rf"(?:{_either(spelling.macros)})(?![A-Za-z])"
                          + _MACRO_TAILS.get(spelling.head, ""))
    words, bare, n = _either(spelling.words), _either(spelling.bare), spelling.number
    if not n:
        return re.compile(rf"(?:{_WRAP}(?:{words})\s*\}}|(?:{bare})(?![a-z]))")
    return re.compile(rf"(?:{_WRAP}(?:{words})\s*(?:{n}|{n[1:]})?\s*\}}|(?:{bare}))"
                      rf"(?:\s|\\[,;:! ]|~)*(?:_\s*\{{\s*{n}\s*\}}|_\s*{n}|\^\s*\{{\s*{n}\s*\}}|{n})?")


_HEADS = {op.spellings.head: _head_pattern(op.spellings) for op in _SPELLED}
_HEADS["underbrace"] = re.compile(r"\\underbrace(?![A-Za-z])")
# A name with a number (rot180) is that operator only with (the end of) its number.
_NUMBERS = {op.spellings.head: op.spellings.number[1:] for op in _SPELLED}
# \text{...} that starts with an operator's name is that operator, not a remark to drop.
_OPERATOR_WORD = re.compile(r"\s*(?:" + _either(dict.fromkeys(
    w for op in _SPELLED for w in op.spellings.words)) + ")")
_SUPERSCRIPTS = SwapIO.spellings.superscripts
_TRANSPOSE = re.compile(rf"\^\s*(?:\{{\s*(?:{_either(_SUPERSCRIPTS)})\s*\}}"
                        rf"|{_either(w for w in _SUPERSCRIPTS if '{' not in w)})\s*$")


def _factor(s: str, ctx: Parse) -> Term:
    """One operand: an operator application, a transpose, a group, or an atom."""
    s = s.strip()
    if not s:
        raise Unsupported("missing operand")
    fc = ctx.section.column_vectors
    if fc and (product := _juxtaposed(s, ctx)) is not None:
        return product
    t = _TRANSPOSE.search(s)
    if t and s[:t.start()].strip():
        inner = _factor(s[:t.start()], ctx)
        if inner.kind == "tensor" and fc:
            return Term("tensor", Transpose(inner.expr, 0))
        if inner.kind == "tensor":
            model = ctx.section.model
            groups = model.cfg.groups if model is not None and model.convolution else 1
            return Term("tensor", SwapIO(inner.expr, groups))
    for head, pattern in _HEADS.items():
        m = pattern.match(s)
        if m and _NUMBERS.get(head, "") in m.group():
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
        return Term("tensor", Dilate(x, *ctx.section.dilate_factors(n))), end
    if len(n) not in (1, 2, 4):
        raise Unsupported("pad_{p}, pad_{(ph,pw)} or pad_{(t,b,l,r)}")
    return Term("tensor", Pad(x, *ctx.section.pad_widths(n))), end


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
    if ctx.section.pooling_mode is None:
        raise Unsupported("upsample needs a pooling layer setup (layer=avgpool or maxpool)")
    g = _group(s, i)
    if g is None:
        raise _NotHere
    args = [parse_side(p, ctx) for p in split_top_level(g[0], (";", ","))]
    if any(a.kind != "tensor" for a in args):
        raise _NotHere
    if (mode or ctx.section.pooling_mode) == "avg":
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
    if ctx.section.column_vectors:
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
