r"""Scalar claims: activations σ and softmax with cross-entropy."""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from ..core import proof
from ..claims import to_text
from ..layers.activations import ACTIVATIONS, IDENTITY, RELU, SIGMOID, TANH, Sigmoid, leaky_relu, prove_exact
from .activation_spellings import NAMED_NOTE, as_sigma_prime
from ..layers.activations import Z_SCALAR
from ..layers.activations import identical as exact_identical
from ..layers.dense import Softmax, SoftmaxCrossEntropy
from .calc_tokens import ELSE_WORDS, IF_WORDS, otherwise_last
from .latex_atoms import LatexAtomError, normalize_symbol_name, parse_atom, split_top_level
from ..core.tensor import symbolic, text
from .notation import (DEFINITION, MAX_ATOM, Unsupported, _BOLD, _PREFIX, _SKIP, _TOKEN, _UNICODE,
                       _group, _script, shorten)
from .docsetup import Section, _xreplace
from .values import _Outcome, _State


# =========================================================================== activations, softmax
#
# Scalar claims about an activation σ (``\sigma'(z) = \sigma(z)(1 - \sigma(z))``) and about
# softmax with cross-entropy (``\frac{\partial J}{\partial z} = \hat{y} - y``).  The text is
# read with parse_atom after function applications (σ, tanh, exp, e^{…}, max, cases,
# 1[…], softmax, \hat{y}) became placeholder symbols; the claims are proved by the core
# (Activation.prove, activations.prove_exact).

_PRIMES = r"((?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)*)"
_SIGMA_LHS = re.compile(r"\s*\\sigma(?![A-Za-z])\s*" + _PRIMES +
                        r"\s*(?:\\left\s*)?\(\s*([A-Za-z])\s*(?:\\right\s*)?\)\s*$")
_WORDS = r"(?:\\operatorname\*?|\\text|\\mathrm|\\textrm|\\rm)\s*\{\s*"
_SCALAR_HEAD = re.compile(
    r"\\sigma(?![A-Za-z])\s*" + _PRIMES + r"|\\(tanh|exp|max|cosh|sinh)(?![A-Za-z])"
    rf"|{_WORDS}(softmax|tanh|exp|max|sigmoid|relu|ReLU|sech|cosh|sinh)\s*\}}|\\begin\s*\{{\s*cases\s*\}}"
    r"|(?<![A-Za-z\\])e\s*\^|\\mathbb\s*\{\s*(?:1|I(?=\s*\}\s*(?:\\left\s*)?[(\[]))\s*\}|\\mathbb\s*1(?![0-9])|\\hat\s*\{\s*y\s*\}"
    r"|\\hat\s+y(?![A-Za-z])")
_CONDITION = re.compile(r"\s*[,:]?\s*(?:(?:\\text|\\mathrm)\s*\{\s*" + IF_WORDS + r"\s*\}\s*|" + IF_WORDS + r"\s+)?"
                        r"([A-Za-z])\s*(>|<|\\geq?|\\leq?|\\geqslant|\\leqslant|\\gt|\\lt|≥|≤)"
                        r"\s*(-?\d+)\s*[,.]?\s*$")
_OTHERWISE = re.compile(r"\s*[,:]?\s*(?:(?:\\text|\\mathrm)\s*\{\s*" + ELSE_WORDS + r"\s*\}|" + ELSE_WORDS + r")\s*[,.]?\s*$")
_REMARK = re.compile(r"\\q?quad(?![A-Za-z])|,?\s*(?:\\text|\\mathrm)\s*\{\s*(?:for|if|when)\b")


def _relation(var: str, op: str, value: int):
    z, v = sp.Symbol(var), sp.Integer(value)
    op = {"\\gt": ">", "\\lt": "<", "≥": "\\ge", "≤": "\\le", "\\geqslant": "\\ge",
          "\\leqslant": "\\le", "\\geq": "\\ge", "\\leq": "\\le"}.get(op, op)
    return {">": z > v, "<": z < v, "\\ge": z >= v, "\\le": z <= v}[op]


def _condition(s: str):
    """A region condition (``z > 0``, ``\\text{otherwise}``) as a SymPy relation, or True."""
    if _OTHERWISE.match(s):
        return sp.true
    m = _CONDITION.match(s)
    if not m:
        raise Unsupported(f"condition '{shorten(s.strip(), 40)}' not understood "
                          "(write z > 0, z \\le 0 or \\text{otherwise})")
    return _relation(m.group(1), m.group(2), int(m.group(3)))


class _Scalar:
    """A scalar expression of one variable with σ, tanh, exp, max, cases and 1[…] in it.

    ``sigma(u)`` says what σ(u) means (None: σ is not known here); ``softmax(index)``
    what softmax(z) / \\hat{y} mean (None: not in a softmax section).
    """

    def __init__(self, sigma=None, softmax=None):
        self.sigma, self.softmax = sigma, softmax
        self.values: dict[sp.Symbol, sp.Expr] = {}

    def _ph(self, value) -> str:
        key = f"Q^{{symbp{len(self.values)}}}"
        self.values[sp.Symbol(key)] = value
        return f" {{{key}}} "

    def raw(self, s: str) -> sp.Expr:
        """parse_atom of ``s`` with the functions as placeholders (left as symbols)."""
        if "symbp" in s:
            raise Unsupported("'symbp' is reserved in names")
        out, pos = [], 0
        for m in _SCALAR_HEAD.finditer(s):
            if m.start() < pos:
                continue
            value, end = self._function(s, m)
            out += [s[pos:m.start()], self._ph(value)]
            pos = end
        try:
            return parse_atom("".join(out) + s[pos:], max_len=MAX_ATOM)
        except LatexAtomError as err:
            raise Unsupported(str(err)) from None

    def expr(self, s: str) -> sp.Expr:
        raw = self.raw(s)
        if isinstance(raw, sp.MatrixBase):
            raise Unsupported("a matrix where a scalar expression is expected")
        return raw.xreplace(self.values)

    def _arg(self, s: str, i: int) -> tuple[str, int]:
        g = _group(s, i)
        if g is None:
            raise Unsupported("a function without a bracketed argument")
        return g

    def _function(self, s: str, m) -> tuple[sp.Expr, int]:
        head = m.group()
        word = m.group(2) or m.group(3) or ""
        if head.startswith("\\sigma"):
            if m.group(1):
                raise Unsupported("σ' on the right side of an activation claim")
            if self.sigma is None:
                raise Unsupported("σ is not known here")
            j = _SKIP.match(s, m.end()).end()
            inner, end = self._arg(s, j)
            return self.sigma(self.expr(inner)), end
        if head.startswith("\\begin"):
            g = _group(s, m.start())
            if g is None:
                raise Unsupported("unterminated cases")
            pieces = []
            for row in split_top_level(g[0], ("\\\\",)):
                if not row.strip():
                    continue
                cells = split_top_level(row, ("&",))
                if len(cells) != 2:
                    raise Unsupported("a cases row needs 'value & condition'")
                pieces.append((self.expr(cells[0]), _condition(cells[1])))
            if not pieces:
                raise Unsupported("empty cases")
            return sp.Piecewise(*otherwise_last(pieces, Unsupported)), g[1]     # \text{otherwise} first: the rest
        if head.startswith("\\mathbb"):
            inner, end = self._arg(s, m.end())
            return sp.Piecewise((1, _condition(inner)), (0, True)), end
        if head.startswith("\\hat") or word == "softmax":
            end = m.end()
            if word == "softmax":
                inner, end = self._arg(s, end)
                if inner.strip() not in ("z", "\\mathbf{z}", "\\boldsymbol{z}"):
                    raise Unsupported("softmax of something other than z")
            sub = _script(s, end)
            index = None
            if sub is not None:
                if not re.fullmatch(r"\s*\d+\s*", sub[0]):
                    raise Unsupported("softmax entries take a numeric index (\\hat{y}_{2})")
                index, end = int(sub[0]), sub[1]
            if self.softmax is None:
                raise Unsupported("softmax outside a layer=softmax section")
            return self.softmax(index), end
        if head.startswith("e"):                       # e^{u}
            j = _SKIP.match(s, m.end()).end()
            if s.startswith("{", j):
                inner, end = self._arg(s, j)
            else:
                t = _TOKEN.match(s, j)
                if not t or not re.fullmatch(r"[A-Za-z0-9]", t.group()):
                    raise Unsupported("e^ without an exponent")
                inner, end = t.group(), t.end()
            return sp.exp(self.expr(inner)), end
        power, j = 1, m.end()
        if word in _HYPERBOLIC and (p := re.compile(r"\s*\^\s*(?:\{\s*(\d)\s*\}|(\d))").match(s, j)):
            power, j = int(p.group(1) or p.group(2)), p.end()
        inner, end = self._arg(s, _SKIP.match(s, j).end())
        if word == "max":
            args = split_top_level(inner, (",",))
            if len(args) < 2:
                raise Unsupported("max needs two arguments")
            return sp.Max(*(self.expr(a) for a in args)), end
        x = self.expr(inner)
        if word in _HYPERBOLIC:          # cosh, sinh, sech as exponentials: the prover's rational functions of e^z
            return _HYPERBOLIC[word](x) ** power, end
        if word == "exp":
            return sp.exp(x), end
        if word == "sigmoid":
            return Sigmoid(x), end
        return sp.Max(0, x), end                                   # relu


_HYPERBOLIC = {"tanh": sp.tanh, "cosh": lambda x: (sp.exp(x) + sp.exp(-x)) / 2,
               "sinh": lambda x: (sp.exp(x) - sp.exp(-x)) / 2, "sech": lambda x: 2 / (sp.exp(x) + sp.exp(-x))}


def _of_z(expr: sp.Expr, var: str) -> sp.Expr:
    """``expr`` over the variable ``var`` (made activations.Z_SCALAR; a lone e is Euler's number)."""
    mapping = {}
    for s in expr.free_symbols:
        if s.name == var:
            mapping[s] = Z_SCALAR
        elif s.name == "e":
            mapping[s] = sp.E
        else:
            raise Unsupported(f"unknown name {text(s.name)} in an expression of {var}")
    return expr.xreplace(mapping)


def _sigma_of(act) -> "callable":
    if act is SIGMOID:
        return Sigmoid
    if act is TANH:
        return sp.tanh
    return act.forward


def recognise_activation(expr: sp.Expr):
    """The activation a definition σ(z) = expr (over activations.Z_SCALAR) states, or None."""
    if expr == Z_SCALAR:
        return IDENTITY
    if expr.has(sp.Max, sp.Piecewise):
        p = sp.Symbol("p", positive=True)
        try:
            right, left = expr.xreplace({Z_SCALAR: p}), expr.xreplace({Z_SCALAR: -p})
        except (TypeError, ValueError):
            return None
        if right != p:
            return None
        if left == 0:
            return RELU
        slope = left / -p                                 # a number when left = -s·p
        if slope.is_Rational and 0 < slope < 1:
            return leaky_relu(slope)
        return IDENTITY if slope == 1 else None
    if expr.has(sp.Symbol, sp.exp, sp.tanh, Sigmoid) and not expr.has(sp.Max, sp.Piecewise):
        for act in (SIGMOID, TANH):
            try:
                if exact_identical(expr, act.forward(Z_SCALAR)):
                    return act
            except (ValueError, TypeError):
                return None
    return None


def _split_remark(s: str) -> tuple[str, str]:
    m = _REMARK.search(s)
    if m is None:
        return s, ""
    try:                              # only a remark at the top level counts
        if len(split_top_level(s[:m.start()] + " \\quad " + s[m.end():], ("\\quad",))) < 2:
            return s, ""
    except LatexAtomError:
        return s, ""
    rest = s[m.end():]
    if not m.group().lstrip(",").strip().startswith("\\q"):
        rest = "\\text{for} " + rest.split("}", 1)[-1]
    return s[:m.start()].rstrip().rstrip(","), re.sub(r"\\q?quad", "", rest)


def _special(latex: str, section: Section, state: _State) -> _Outcome | None:
    """Activation and softmax equations, or None to read the equation as a layer claim."""
    s = _BOLD.sub(r"\1", latex.translate(_UNICODE))
    while (m := _PREFIX.match(s)) and m.end() and not m.group(1):
        s = s[m.end():]
    if section.softmax_equations:
        return _softmax_equation(s, section, state)
    respelled = as_sigma_prime(s, state.roles if section.defines_sigma else {})   # d ReLU(z)/dz, ∂A_{ij}/∂Z_{ij}
    named, reading = None, None
    if respelled is not None:
        s, named, reading = respelled[0], respelled[1] and ACTIVATIONS[respelled[1]], respelled[2]
    head = re.match(r"\s*\\sigma(?![A-Za-z])", s)
    if head is None:
        return None
    try:
        main, remark = _split_remark(s)
        sides = split_top_level(main, ("=",))
    except LatexAtomError:
        return None
    m = _SIGMA_LHS.match(sides[0])
    if len(sides) < 2 or m is None or any(not x.strip() for x in sides):
        return None
    primes, var = m.group(1).count("'") + m.group(1).count("prime"), m.group(2)
    if primes == 0:
        try:
            return _activation_definition(sides, var)
        except Unsupported:                 # σ(x) = log(1 + e^x): the section's own σ, whatever reads it
            state.own_sigma = "general"
            raise
    act = named or (section.cfg if section.defines_sigma else state.activation)
    own = getattr(state.own_sigma, "name", state.own_sigma)
    if named is None and section.defines_sigma and own is not None and own != getattr(act, "name", None):
        raise Unsupported(f"the section defines σ otherwise ({'as no activation symbp knows' if own == 'general' else own}) "
                          f"than its directive's name={getattr(act, 'name', '?')}: which σ the claim means is not settled")
    if act is None and state.page_activation is not None:     # "σ is the logistic function" (calc_sigma)
        act, reading = state.page_activation, "; ".join(filter(None, [reading, f"σ the page's {state.page_activation.name}"]))
    if primes > 1:
        raise Unsupported("σ'' is not checked")
    if act is None:
        raise Unsupported("σ'(z) of an activation symbp does not know: define σ first "
                          "(\\sigma(z) = \\frac{1}{1 + e^{-z}}) or add a directive "
                          "layer=activation name=sigmoid")
    region = _condition(remark) if remark.strip() else None
    results = []
    for k, side in enumerate(sides[1:], start=2):
        claimed = _of_z(_Scalar(_sigma_of(act)).expr(side), var)
        verdict, detail = _prove_activation(act, claimed, region, f"{sides[0]} = {side}",
                                            "silent" if section.defines_sigma else "undecided")
        results.append((verdict, f"side {k}: {detail}" if len(sides) > 2 and verdict != proof.HOLDS else detail))
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [d for v, d in results if v == verdict]
        if found:
            notes = [f"read as σ'(z) with {reading}"] * bool(reading) + [NAMED_NOTE] * bool(named)
            return _Outcome(verdict, found[0] + (f" ({'; '.join(notes)})" if notes else ""))
    return None


def _activation_definition(sides: list[str], var: str) -> _Outcome:
    """σ(z) = an expression of z: an activation symbp knows, or σ kept general.  A right side
    that is not an expression of known functions (``\\operatorname{__import__}(…)``) is no
    definition: Unsupported."""
    acts = []
    for side in sides[1:]:
        try:
            expr = _of_z(_Scalar().expr(side), var)
        except (Unsupported, LatexAtomError, ValueError, TypeError) as err:
            raise Unsupported(f"not read as a definition of σ: {str(err) or 'not understood'}") \
                from None
        try:
            acts.append(recognise_activation(expr))
        except (Unsupported, LatexAtomError, ValueError, TypeError):
            acts.append(None)
    act = acts[-1]
    if act is None or any(a is not act for a in acts):
        return _Outcome(DEFINITION, "defines the activation σ (the checks keep σ general)", act_general=True)
    return _Outcome(DEFINITION, f"defines σ as {act.name}: σ'(z) claims are checked against it "
                                "(tensor checks keep σ general)", act=act)


def _prove_activation(act, claimed: sp.Expr, region, claim: str, kink: str) -> tuple[str, str]:
    """Activation.prove of σ'(z) = claimed (only inside ``region`` for a piecewise σ); ``kink``:
    what a value at a kink must be (:meth:`symbp.layers.activations.Activation.prove`)."""
    correct = act.text()
    if region is not None and act.piecewise:
        claimed = sp.Piecewise((claimed, region), (act.prime(Z_SCALAR), True))
    elif isinstance(claimed, sp.Piecewise) and not act.piecewise:
        raise Unsupported(f"a piecewise σ' for the smooth {act.name}")
    variant = act.variant(f"{act.name}-claimed", lambda z: claimed.xreplace({Z_SCALAR: z}),
                          to_text(claimed).replace("{", "{{").replace("}", "}}"), claim)
    p = variant.prove(claim, correct, kink=kink)
    detail = p.detail()
    if p.holds and region is not None and act.piecewise:
        detail = f"σ'(z) of {act.name}: equal for {text(sp.sstr(region))}, the region claimed"
    elif p.holds and not act.piecewise:
        detail = (f"σ'(z) of {act.name}: equals the derivative of its definition for every "
                  "real z (exact, as rational functions of e^z)")
    elif p.holds:
        detail = f"σ'(z) of {act.name}: " + detail
    else:
        detail = f"{act.name}: {detail}"
    return p.verdict, detail


# ---- softmax with cross-entropy

_SOFTMAX_NETS: dict = {}
_SM_LHS = re.compile(r"\s*(?:\\[dt]?frac\s*\{\s*\\partial\s*(?:J|L|E|C|\\ell|\\mathcal\s*\{\s*[LJ]\s*\})"
                     r"\s*\}\s*\{\s*\\partial\s*z\s*(?:_\s*(?:\{\s*(\d+)\s*\}|(\d)))?\s*\}"
                     r"|\\delta\s*(?:_\s*(?:\{\s*(\d+)\s*\}|(\d)))?"
                     r"|\\nabla\s*_\s*(?:\{\s*z\s*\}|z)\s*(?:J|L|\\mathcal\s*\{\s*[LJ]\s*\}))\s*$")
_LOSS_LHS = re.compile(r"\s*(?:J|L|E|C|\\ell|\\mathcal\s*\{\s*[LJ]\s*\})\s*(?:\(.*\))?\s*$")
_SM_SYMBOL = sp.Symbol("softmax(z)")


def _softmax_net(cfg):
    if cfg not in _SOFTMAX_NETS:
        _SOFTMAX_NETS[cfg] = SoftmaxCrossEntropy(cfg)
    return _SOFTMAX_NETS[cfg]


def _softmax_equation(s: str, section: Section, state: _State) -> _Outcome:
    try:
        sides = split_top_level(_split_remark(s)[0], ("=",))
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None
    if len(sides) < 2 or any(not x.strip() for x in sides):
        raise Unsupported("not an equation")
    if _LOSS_LHS.match(sides[0]):
        return _Outcome(DEFINITION, "defines the loss (symbp uses J = -Σ_k y_k log softmax(z)_k "
                                    "with targets that sum to 1)")
    reader = _Scalar(softmax=lambda index: sp.Symbol(
        "softmax(z)" if index is None else f"softmax(z)_{{{index}}}"))
    m = _SM_LHS.match(sides[0])
    if m is None:
        lhs = reader.expr(sides[0])
        if lhs.is_Symbol and all(reader.expr(x) == _SM_SYMBOL for x in sides[1:]):
            if lhs == _SM_SYMBOL:
                return _Outcome(DEFINITION, "notation: softmax(z)")
            base, _, indices = normalize_symbol_name(lhs.name)
            if not indices and base not in ("y", "z"):
                return _Outcome(DEFINITION, f"names softmax(z) {text(base)}",
                                alias=base)
        raise Unsupported("under layer=softmax symbp checks ∂J/∂z (or one entry ∂J/∂z_{k}) "
                          "and definitions such as a = \\text{softmax}(z)")
    index = next((int(g) for g in m.groups() if g), None)
    net = _softmax_net(section.cfg)
    cfg, probs = net.cfg, Softmax(Z_SCALAR).entrywise(net.z)
    if index is not None and (cfg.batch != 1 or not 1 <= index <= cfg.classes):
        raise Unsupported(f"z_{{{index}}} is not an entry of the {cfg.classes} logits"
                          + (" (batch > 1: entries are not checked)" if cfg.batch != 1 else ""))
    aliases = {"p", "hat y"} | state.softmax_names

    def resolve(expr: sp.Expr, n: int, k: int | None) -> sp.Expr:
        """Entry (n, k) of a vector claim (k given), or an entry claim's value (k None)."""
        mapping = {}
        for sym in expr.free_symbols:
            if sym.name.startswith("softmax(z)"):
                base, entry = "softmax", sym.name[len("softmax(z)"):]
                indices = (int(entry.strip("_{}")),) if entry else ()
            else:
                try:
                    base, _, indices = normalize_symbol_name(sym.name)
                except LatexAtomError as err:
                    raise Unsupported(str(err)) from None
            if indices and not all(isinstance(i, int) for i in indices):
                raise Unsupported(f"{text(sym.name)}: symbolic indices are not checked")
            if (k is None) == (not indices) or len(indices) > 1:
                raise Unsupported(f"{text(sym.name)} is an entry in a vector claim" if indices
                                  else f"{text(sym.name)} is a vector in an entry claim")
            j = indices[0] - 1 if indices else k
            if not 0 <= j < cfg.classes:
                raise Unsupported(f"{text(sym.name)} is not an entry of the {cfg.classes} classes")
            table = probs if base == "softmax" or base in aliases else \
                net.y if base == "y" else net.z if base == "z" else None
            if table is None:
                raise Unsupported(f"unknown name {text(sym.name)} (softmax(z) is \\hat{{y}}, "
                                  "p or a name defined as \\text{softmax}(z); y the targets)")
            mapping[sym] = table[n, j]
        return expr.xreplace(mapping)

    rename, constraint = {}, net.constraint
    if cfg.batch == 1:               # one example: the documents' z_{k}, y_{k}
        for arr, base in ((net.z, "z"), (net.y, "y")):
            rename.update(zip(arr.ravel(), symbolic(base, (cfg.classes,))))
        constraint = {rename[k]: v.xreplace(rename) for k, v in constraint.items()}
    results = []
    for side in sides[1:]:
        raw = reader.expr(side)
        derived = net.derived if cfg.batch != 1 else _xreplace(net.derived[0], rename)
        if index is None:
            claimed = np.empty(net.derived.shape, dtype=object)
            for n, k in np.ndindex(*claimed.shape):
                claimed[n, k] = resolve(raw, n, k)
        else:                        # the other entries are the derived ones: only k counts
            claimed = net.derived[0].copy()
            claimed[index - 1] = resolve(raw, 0, None)
        if cfg.batch == 1:
            claimed = _xreplace(claimed.reshape(-1), rename)
        correct = "softmax(z) - y" if index is None else f"softmax(z)_{index} - y_{index}"
        p = prove_exact(derived, claimed, f"{sides[0]} = {side}", what="∂J/∂z",
                        correct=correct, constraint=constraint)
        if index is not None:
            p.entries = 1
        if p.holds and state.target_denied:      # held only because symbp's targets sum to 1
            results.append((proof.UNPROVED, f"holds only if the target sums to 1 (one-hot), and "
                            f"{state.target_denied}: symbp's softmax layer assumes it, the document does not"))
            continue
        detail = p.detail() + (" (under Σ_k y_k = 1)" if p.holds else "")
        results.append((p.verdict, detail))
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [d for v, d in results if v == verdict]
        if found:
            return _Outcome(verdict, found[0])
    raise Unsupported("nothing to compare")
