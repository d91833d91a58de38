r"""``symbp check`` for a fully connected layer whose sizes are letters.

``<!-- symbp: layer=fc in=n out=m -->`` (``batch=`` a number, default 1, or a letter) opens a
section whose founding-notation claims are proved for every n, m by the all-sizes engine:

    \frac{\partial J}{\partial a} = W^{T} \delta         holds for all n, m
    \frac{\partial J}{\partial W} = \delta a^{T}         holds for all n, m
    \frac{\partial J}{\partial b} = \delta               holds for all n, m (batch 1)
    \delta^{l-1} = W^{T}\delta^{l} \odot \sigma'(z^{l-1})  holds for all n, m

The documents' layout is the per-size checker's (:mod:`symbp.check.docsetup`, ``Model._fc``):
vectors are columns, one example per column (a is n x N, δ is m x N), W is m x n and ∂J/∂b
the column m x 1.  Each column-layout tensor is a transposed view of the layer's row-layout
placeholder, so both sides name the same entries.  The weight's other orders (the key
``weight=``, or the page's own forward: :data:`LAYOUTS`) change the views, never the layer:
``io`` (``z = W^T a + b``) views W as n x m; ``rows`` (``z = aW + b``, one example a row) keeps
a and δ as rows and views W as n x m, ∂J/∂b the row 1 x m; ``rows-oi`` (``z = aW^T + b``) keeps
W as m x n.  A refutation is replayed by the per-size
prover at the counterexample's sizes (the chain rule over that layer's symbols against the
claimed form evaluated entry by entry); if that does not refute it, the verdict is unknown.

Vocabulary: juxtaposition (and ``\cdot``) is the matrix product, ``^T`` (``^{T}``, ``^\top``,
``^{\intercal}``) the transpose, ``\odot`` / ``\circ`` the entrywise product, ``\sigma'(z^{l-1})``
(or ``\sigma^{\prime}``), parentheses and braces; the tensors a, W, b, δ and z^{l-1} with the
layer labels documents write (``W^{l}``, ``\delta^{(l)}``, ``a^{l-1}``).

Example::

    >>> section = fc_section({"layer": "fc", "in": "n", "out": "m"})
    >>> section.check(r"\frac{\partial J}{\partial a} = W^T \delta")[0]
    'holds'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from ..core.ops import Hadamard, SigmaPrime
from ..core.tensor import A, B, DELTA, W, ZPREV
from ..layers.dense import MatMul, Transpose
from .latex_claims import LetterSection, NotRead, TextReader, split_claim
from .relation import View, derive, eq, relate

_LETTER = re.compile(r"[A-Za-z]\d*")
_KEYS = {"IN": "in", "OUT": "out", "N": "batch"}
#: the weight orders (``symbp.check.fc_order.WEIGHT_ORDERS``' values) -> (vectors as rows, W in x out)
LAYOUTS = {"oi": (False, False), "io": (False, True), "rows": (True, True), "rows-oi": (True, False)}


def is_fc_symbolic(settings: dict) -> bool:
    """Whether a directive is an fc layer whose in, out or batch is a letter."""
    layer = str(settings.get("layer", "")).lower()
    return layer in ("fc", "linear", "dense") and any(
        _LETTER.fullmatch(str(settings.get(key, "")).strip()) for key in ("in", "out", "batch"))


@dataclass
class FcSection(LetterSection):
    """A document section for an fc layer with letter sizes (duck-types docsetup.Section)."""
    sizes: dict                         # IN, OUT, N -> letter or int
    error: str | None = None
    kind: str = "fc"
    bias: bool | None = None
    argmax: str | None = None
    note: str = ""
    all_sizes: bool = True
    flags: dict = field(default_factory=dict)
    layout: str = "oi"                  # the weight's order (LAYOUTS), from weight= or the forward

    @property
    def cfg(self):
        return self if self.error is None else None

    @property
    def model(self):
        return None

    def letters(self) -> list[str]:
        return [v for v in dict.fromkeys(self.sizes.values()) if isinstance(v, str)]

    def held(self) -> str:
        return "; ".join(f"{_KEYS[k]} {v}" for k, v in self.sizes.items() if isinstance(v, int))

    def describe(self) -> str:
        if self.error:
            return self.error
        return f"fc, every size {', '.join(self.letters())}" + \
            (f" ({self.held()})" if self.held() else "") + (f", weight {self.layout}" if self.layout != "oi" else "")

    def _check(self, latex: str) -> tuple[str, str, str | None]:
        return _check(self, latex)


def fc_section(settings: dict) -> FcSection:
    """The section an fc directive with letters opens (``error`` set when it cannot), in the
    founding order; the checker proves a claim under the order the page settles with
    ``dataclasses.replace(section, layout=…)`` (:mod:`symbp.check.letter_size_claims`)."""
    sizes = {}
    for name, key in _KEYS.items():
        value = str(settings.get(key, "1" if key == "batch" else "")).strip()
        if _LETTER.fullmatch(value):
            sizes[name] = value
        elif value.isdigit() and int(value) >= 1:
            sizes[name] = int(value)
        else:
            return FcSection({}, error=f"fc: {key}={value!r} is not a size (a number >= 1 or "
                                       f"a letter; add in=n out=m)")
    if str(settings.get("bias", "1")).strip().lower() in ("0", "false", "no"):
        return FcSection({}, error="fc: bias=0 is checked per size only")
    return FcSection(sizes)


def _check(section: FcSection, latex: str):
    from . import layers, sets
    role, right = split_claim(latex)
    rows, w_in_out = LAYOUTS[section.layout]
    sym = layers.fc_layer(letters=section.sizes)
    env = {s: _turn(v) if (w_in_out if s == W else not rows and s != B) else v    # the page's views
           for s, v in sym.env.items()}
    tree = _Reader(right).whole()
    view = relate(tree, sym.ctx, env)
    wrt, forward = {"a": (A, None), "W": (W, None), "b": (B, None), "zprev": (ZPREV, True)}[role]
    from ..core.ops import Sigma
    from ..layers.dense import FullyConnected
    z = relate(FullyConnected.forward_form(sym.layer, Sigma(ZPREV) if forward else A),
               sym.ctx, sym.env)
    row = sym.shapes[wrt]
    xs = (sp.Symbol("x_0", integer=True), sp.Symbol("x_1", integer=True))
    if role == "W":                       # (out, in), or (in, out) turned
        turn = slice(None, None, -1 if w_in_out else 1)
        derived, target = derive(z, str(W), str(DELTA), xs[turn]), row[turn]
    elif role == "b" and rows:            # the row (1, out)
        derived = [t.where(eq(xs[0], 0)) for t in derive(z, str(B), str(DELTA), xs[1:])]
        target = (sp.Integer(1), row[0])
    elif role == "b":                     # the column (out, 1)
        derived = [t.where(eq(xs[1], 0)) for t in derive(z, str(B), str(DELTA), xs[:1])]
        target = (row[0], sp.Integer(1))
    elif rows:                            # (N, in) rows as they are
        derived, target = derive(z, str(wrt), str(DELTA), xs), row
    else:                                 # (N, in) rows -> (in, N) columns
        derived, target = derive(z, str(wrt), str(DELTA), xs[::-1]), row[::-1]
    outcome = sets.decide(derived, view.entry(xs), xs, sym.ctx, view.shape, target)
    scope = "all " + ", ".join(section.letters()) + (f"; {section.held()}" if section.held()
                                                       else "")
    if outcome.verdict == sets.HOLDS:
        return "holds", f"holds for all {', '.join(section.letters())}" + \
            (f" ({section.held()})" if section.held() else "") + f"; {outcome.reason}", scope
    if outcome.verdict == sets.REFUTED:
        return _replay(section, role, tree, outcome, scope)
    return "unchecked", f"unknown for every size: {outcome.reason}", scope


def _turn(view: View) -> View:
    """A placeholder (N, k) turned (k, N): a row-layout tensor in the column layout, or the
    layer's weight (out, in) as a document's (in, out)."""
    if len(view.shape) != 2:
        return view
    return View(view.shape[::-1], lambda idx: view.entry(tuple(idx)[::-1]), view.label)


def _replay(section: FcSection, role: str, tree, outcome, scope: str):
    """The per-size prover at the counterexample's sizes: the chain rule over that layer's
    symbols against the claimed form evaluated entrywise, both in the column layout."""
    from ..claims import Claim
    from ..core import proof
    from ..layers.dense import FullyConnected, LinearConfig
    values = {k: (outcome.sizes.get(v, 1) if isinstance(v, str) else v)
              for k, v in section.sizes.items()}
    where = ", ".join(f"{v}={outcome.sizes.get(v)}" for v in section.letters())
    layer = FullyConnected(LinearConfig.make(values["IN"], values["OUT"], values["N"]))
    rows, w_in_out = LAYOUTS[section.layout]
    vec = (lambda m: m) if rows else (lambda m: m.T)          # the page's vectors: rows or columns
    weight = (lambda m: m.T) if w_in_out else (lambda m: m)
    env = {A: vec(layer.a), W: weight(layer.w), B: layer.b, DELTA: vec(layer.delta), ZPREV: vec(layer.zprev)}
    derived = {"a": lambda: vec(layer.gradients["a"]), "W": lambda: weight(layer.gradients["w"]),
               "b": lambda: layer.gradients["b"].reshape(1, -1) if rows else layer.gradients["b"].reshape(-1, 1),
               "zprev": lambda: vec(layer.derived_delta)}[role]
    correct = layer.document_forms().get({"zprev": "delta"}.get(role, role)) if section.layout == "oi" else None
    replay = Claim("claim", role, tree, derived, env, layer.cfg.describe(),
                   correct=correct).check()
    if replay.verdict == proof.REFUTED:
        return "refuted", (f"at {where}: {outcome.reason}; confirmed by the per-size prover "
                           f"({replay.detail()})"), scope
    return "unchecked", (f"at {where} the all-sizes sets differ ({outcome.reason}) but the "
                         f"per-size prover says {replay.verdict}: not decided"), scope


_TRANSPOSE = (r"^{\mathsf{T}}", r"^{\intercal}", r"^\intercal", r"^{\top}", r"^\top", "^{T}",
              "^T")
_LABELS = {A: ("", "l-1", "(l-1)", "L-1", "(L-1)"), W: ("", "l", "(l)", "L", "(L)"),
           B: ("", "l", "(l)", "L", "(L)"), DELTA: ("", "l", "(l)", "L", "(L)"),
           ZPREV: ("l-1", "(l-1)")}


class _Reader(TextReader):
    """Founding-notation fc claims: products, transposes, ⊙ σ'(z^{l-1}) (see module doc)."""

    def expr(self):
        x = self.product()
        while self.take(r"\odot") or self.take(r"\circ"):
            x = Hadamard(x, self.product())
        return x

    def product(self):
        x = self.postfix()
        while self.i < len(self.s) and not any(self.peek(t) for t in (")", "}", r"\odot",
                                                                        r"\circ")):
            self.take(r"\cdot")
            x = MatMul(x, self.postfix(), 0)
        return x

    def postfix(self):
        x = self.primary()
        while any(self.take(t) for t in _TRANSPOSE):
            x = Transpose(x, 0)
        return x

    def primary(self):
        for open_, close in (("(", ")"), ("{", "}")):
            if self.take(open_):
                x = self.expr()
                if not self.take(close):
                    raise NotRead(f"expected {close!r} at {self.s[self.i:self.i + 20]!r}")
                return x
        if self.take(r"\sigma'") or self.take(r"\sigma^{\prime}") or self.take(r"\sigma^\prime"):
            x = self.primary()
            if x != ZPREV:
                raise NotRead("σ' of something other than z^{l-1}")
            return SigmaPrime(x)
        if self.peek(r"\sum"):
            raise NotRead("Σ over the batch is checked per size only")
        m = re.compile(r"\\delta|[Ww]|a|b|z").match(self.s, self.i)
        if m is None:
            raise NotRead(f"cannot read {self.s[self.i:self.i + 20]!r}")
        self.i = m.end()
        base = {r"\delta": DELTA, "W": W, "w": W, "a": A, "b": B, "z": ZPREV}[m.group(0)]
        label = ""
        if self.peek("^") and not any(self.peek(t) for t in _TRANSPOSE):
            sup = re.compile(r"\^(\{[^{}]*\}|[^{}\\])").match(self.s, self.i)
            if sup is None:
                raise NotRead(f"cannot read {self.s[self.i:self.i + 20]!r}")
            self.i, label = sup.end(), sup.group(1).strip("{}")
        if label not in _LABELS[base]:
            raise NotRead(f"{m.group(0)}^{label}: the label is not this layer's "
                          f"({' or '.join(repr(x) for x in _LABELS[base] if x) or 'none'})")
        return base
