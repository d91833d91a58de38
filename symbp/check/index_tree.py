r"""Tokens and trees of index notation (read by :mod:`symbp.check.index_claims`).

Example::

    >>> tokenize(r"\frac{\partial E}{\partial x_{ij}}")
    ['\\frac', '{', '\\partial', 'E', '}', '{', '\\partial', 'x', '_', '{', 'i', 'j', '}', '}']
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import sympy as sp

from .index_braced import unbraced_names
from .index_superscripts import move_superscript_channels
from .latex_tokens import GREEK_LETTERS


class IndexError_(Exception):
    """Notation this reader does not take (message: the reason)."""


class OutOfRange(Exception):
    """A written bound reaches an entry that does not exist."""


# =========================================================================== tokens

# \begin{equation} … \end{equation} \label{eq:x}: a display's wrapper, no part of the equation
ENVIRONMENT_WRAPPER = re.compile(r"\\(?:begin|end)\s*\{\s*(?:equation|gather|multline)\*?\s*\}|"
                                 r"\\(?:label|nonumber|notag)(?:\s*\{[^{}]*\})?")
# a dot written as a product: after an entry, a letter, a digit or a bracket and before a
# letter, a word name or a tensor macro; never a decimal point (1.5) or a sentence's full stop
DOT_PRODUCT = re.compile(r"(?<=[}A-Za-z0-9)\]'])\s*\.\s*(?=[A-Za-z(]|\\N[A-Za-z]|\\(?:delta|sigma|omega|theta|"
                         r"alpha|beta|phi|psi|mathbf|boldsymbol|bm|frac|partial|sum)(?![a-z]))")
_OP_WORDS = ("conv", "rot", "flip", "pad", "full", "valid", "same", "up", "unsample", "dilate", "sum", "kron")
_PRE = [(ENVIRONMENT_WRAPPER, " "), (re.compile(r"\\centerdot(?![A-Za-z])"), r"\\cdot "),     # x_{ik} \centerdot w_{kj}
        (re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])"), ""),
        (re.compile(r"\\(?:displaystyle|limits|nolimits|quad|qquad)(?![A-Za-z])|(?<!\\)\\[,;!: ]"), " "),
        # a vector of ones other than the row \mathbf{1}^\top before a factor, a block 1_{a\times b}
        # or a bias broadcast \mathbf{1} b: no number 1 (H^\top δ \mathbf{1} is no H^\top δ): not read
        (re.compile(r"\\(?:boldsymbol|mathbf|bm)\s*(?:\{\s*1\s*\}|1(?![\d.]))(?!\s*(?:\^|_|[A-Za-z]))"), r"\\onesvector "),
        # a bold zero \mathbf{0}, \vec{0}: the zero vector or matrix of the left side's shape
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|vec)(?:\s*\{\s*0\s*\}|\s+0(?![\d.]))"), r"\\zerotensor "),
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|mathit|mathsf|vec)\s*\{\s*(\\[A-Za-z]+|[A-Za-z])\s*\}"),
         r"\1 "),                                   # \mathbf{K}[c, k]: the letter itself
        # \mathrm{pad}, \operatorname{rot180}: a word (read below as an operator or a name); \mathrm{d}: a group
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|mathit)\s*\{|\\(?:mathrm|operatorname\*?)\s*\{(?!\s*[A-Za-z]{2,}\d*\s*\})"), "{"),
        (re.compile(r"\\color\s*\{[^{}]*\}"), ""),
        (re.compile(r"\^\s*(?:\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\rm\s*T|\{\s*(?:\\top|\\intercal|"
                    r"\\mathsf\s*\{\s*T\s*\}|\\rm\s*T|\\mathrm\s*\{\s*T\s*\}|T)\s*\})"), "^T"),   # transposes
        (re.compile(r"\{\s*\}"), " "),                  # \partial{}C, {}a^l_i: empty groups
        (re.compile(r"\{\s*([+\-])\s*\}"), r"\1"),          # a_{i,j{+}1}: a sign braced for spacing
        (re.compile(r"(?<![\^{])\\circ(?![A-Za-z])|\\(?:bullet|bigodot)(?![A-Za-z])"), r"\\odot "),   # a ∘ b, a • b entrywise; 180^\circ stays
        (re.compile(r"\\mathcal\s*\{\s*([A-Z])\s*\}"), r"\\cal\1"),
        (re.compile(r"\{\s*\\cal\s*([A-Z])\s*\}|\\cal\s+([A-Z])"), lambda m: r"\cal" + (m.group(1) or m.group(2))),
        # ∂C(W)/…, ∂{\cal C}(\hat{W^L})/…: the loss's written arguments are a label
        (re.compile(r"(\\partial\s*(?:\\cal[A-Z]|[CLEJ]|Cost|Loss))\s*\((?:[^(){}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*\)(?=\s*\})"), r"\1"),
        (re.compile(r"(\\partial\s*(?:[CLEJ]|Cost|Loss))\s*_\s*(?:\{\s*0\s*\}|0)"), r"\1"),    # C_0: one example's cost
        (re.compile(r"\\partial\s*\(\s*([A-Za-z](?:[_^]\s*(?:\{[^{}]*\}|\w)\s*)*)\)"), r"\\partial \1"),   # ∂(a_j^L)
        # Σ over a whole layer written as a set, \sum_{i \in \{1,\ldots,n(l+1)\}}: the implicit range
        (re.compile(r"\\sum_\{\s*([a-z])\s*\\in\s*\\\{\s*[01]\s*,\s*\\[lc]?dots\s*,\s*[A-Za-z]"
                    r"(?:\([^()]*\)|_\{[^{}]*\}|_\w|\^\{[^{}]*\})?\s*\\\}\s*\}"), r"\\sum_{\1}"),
        (re.compile(r"\^\s*\{\s*'\s*\}|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime"), "'"),
        (re.compile(r"\\text\s*\{\s*full\\?_conv\s*\}"), "fullconv"),
        (re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*([A-Za-z][A-Za-z]+\d*)\s*\}"),
         lambda m: m.group(1) if m.group(1).lower().startswith(_OP_WORDS) else rf"\N{m.group(1)} "),
        (re.compile(r"\\(?:text|mathrm)\s*\{([^{}]*)\}"), r"\1"),
        # code-style gradient names with an escaped underscore: dL\_dx, grad\_x, d\_w are dx
        (re.compile(r"(?<![A-Za-z\\])(?:d(?:L|E|J|C|Loss|loss|cost)\s*\\_\s*d|grad\s*\\_\s*|d\s*\\_\s*)"
                    r"(?=[A-Za-z](?![A-Za-z]))"), "d "),
        # out[n,f,i,j], dout[…], x_pad[…]: code-style names of several letters indexed in brackets
        (re.compile(r"(?<![\\A-Za-z_])([A-Za-z]{2,}(?:_[A-Za-z]+)*|[A-Za-z](?:_[A-Za-z]{2,})+)(?=\s*\[[^\[\]]*,)"),
         lambda m: _NAMED + m.group(1) + " "),
        # conv\_backward, zero\_pad, grad\_input: one name of several words
        (re.compile(r"(?<![\\A-Za-z])([A-Za-z]+(?:\s*\\_\s*[A-Za-z]+)+)"),
         lambda m: _NAMED + re.sub(r"\s*\\_\s*", "_", m.group(1)) + " "),
        # W_{c,k,m,n}.X_{k,i+m,j+n}, C_{in}.K_H: a dot between two factors is their product
        (DOT_PRODUCT, r" \\cdot ")]
_NAMED = "\\N"
# \tilde{x}, \check w, \tilde{\check{\delta}}: an accented letter is a name of its own (tilde_x;
# shown back by symbp.check.doc_aux.shown), a tensor the document defines (doc_aux), never the letter
ACCENTS = ("tilde", "widetilde", "hat", "widehat", "check", "ddot", "breve", "bar", "overline",
           "overleftarrow", "overrightarrow", "acute", "grave", "mathring")
_PLAIN = r"\\(?!(?:" + "|".join(ACCENTS) + r")(?![A-Za-z]))[A-Za-z]+|[A-Za-z]"
_ACCENT = re.compile(r"\\(" + "|".join(ACCENTS) + r")(?![A-Za-z])\s*(?:\{\s*(" + _PLAIN +
                     r"|\\N[A-Za-z_]+)\s*\}|(" + _PLAIN + "))")


def _accent_name(m) -> str:
    inner = m.group(2) or m.group(3)
    inner = inner[2:] if inner.startswith(_NAMED) else inner.lstrip("\\")
    return f"{_NAMED}{m.group(1)}_{inner} "


# X_{pad}, W_{\text{rot}}, \delta_{dilated}: a word subscript names a tensor of its own (X_pad)
_WORD_SUB = re.compile(r"(?<![\\A-Za-z])(\\[A-Za-z]+|[A-Za-z])\s*_\s*\{\s*(?:\\(?:text|mathrm)\s*\{\s*)?"
                       r"(pad|padded|rot|rot180|rotated|flip|flipped|dil|dilated)\s*\}?\s*\}")


def accent_names(s: str) -> str:
    r"""``\tilde{x}`` -> ``\Ntilde_x`` (innermost accent first), ``X_{pad}`` -> ``\NX_pad``: one
    token, a name of its own."""
    for _ in range(3):
        s = _ACCENT.sub(_accent_name, s)
    return _WORD_SUB.sub(lambda m: f"{_NAMED}{m.group(1).lstrip(chr(92))}_{m.group(2)} ", s)
_TOKEN = re.compile(r"\\cal[A-Z]|\\N[A-Za-z]+(?:_[A-Za-z]+)+|\\[A-Za-z]+|\\\\|\\.|\d+(?:\.\d+)?|[A-Za-z]|'|[{}()\[\]^_+\-*/=,&|<>]|\S")
_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∂": r"\partial ", "⊙": r"\odot ",
                          "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*", "∑": r"\sum "})


def tokenize(latex: str) -> list[str]:
    """Tokens of an equation side: macros, single letters, integers, punctuation."""
    s = unbraced_names(accent_names(latex.translate(_UNICODE)))
    for pattern, repl in _PRE:
        s = pattern.sub(repl, s)
    return _TOKEN.findall(move_superscript_channels(s))


def _join_names(tokens: list[str], names: set) -> list[str]:
    """``logit``, ``bias``, ``Cost`` written as plain letters: a run of one-letter tokens that
    spells a multi-letter name of the document (its directive's or a loss's) is that name."""
    long = sorted((n for n in names if len(n) > 1 and n.isalpha()), key=len, reverse=True)
    # \mathrm{bias} (\Nbias) is the name bias a directive gives, as the letters b i a s are
    tokens = [t[2:] if t.startswith(_NAMED) and t[2:] in long else t for t in tokens]
    if not long:
        return tokens
    out, i = [], 0
    while i < len(tokens):
        for name in long:
            k = len(name)
            if "".join(tokens[i:i + k]) == name and all(len(t) == 1 for t in tokens[i:i + k]) and \
                    (i == 0 or not tokens[i - 1].isalpha() or len(tokens[i - 1]) > 1) and \
                    (i + k >= len(tokens) or not (len(tokens[i + k]) == 1 and tokens[i + k].isalpha())):
                out.append(name)
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@functools.lru_cache(maxsize=4096)        # asked for every entry a claim reads: the same few labels
def label_offset(label):
    """``l+1`` → ('l', 1), ``l-1`` → ('l', -1), ``(L)`` → ('L', 0); a layer number ``2`` or
    ``(2)`` → ('#', 2) (whether a bare digit is a label or a power: :func:`digit_label_letters`);
    None for none or T."""
    if not label:
        return None
    number = re.fullmatch(r"\(?\[?(\d+)\]?\)?", label.replace(" ", ""))
    if number:
        return "#", int(number.group(1))
    m = re.fullmatch(r"\(?\s*\[?([A-Za-z])\]?\s*(?:([+-])\s*(\d+))?\s*\)?", label.replace(" ", "")) or \
        re.fullmatch(r"\[([A-Za-z])(?:([+-])(\d+))?\]", label.replace(" ", ""))       # Ng's [l-1]
    if not m or m.group(1) in ("T",):
        return None
    return m.group(1), (int(m.group(3)) * (1 if m.group(2) == "+" else -1) if m.group(2) else 0)


_DIGIT_SUP = re.compile(r"(\\[A-Za-z]+|[A-Za-z])(?:'|\\prime)*\^\s*(?:\{\s*(\d+)\s*\}|(\d))(\s*_)?")


def _one_numbered_name(lhs: str, hit) -> bool:
    """The left side is the numbered name ``hit`` alone, or with its subscript (``z^2``, ``z^2_{ij}``)."""
    if hit.start() != 0:
        return False
    rest = lhs[hit.end():].strip()
    if hit.group(4):                          # z^2_{ij}: the match took the "_"
        return re.fullmatch(r"\{[^{}]*\}|\w", rest) is not None
    return not rest


_ACTIVATION_CALL = re.compile(r"\s*(?:\\sigma|\\phi|\\varphi|f|g|\\tanh|\\(?:text|mathrm|operatorname)\s*\{\s*"
                              r"(?:ReLU|relu|tanh|sigmoid)\s*\}|ReLU|relu)\s*(?:\\left)?\s*\(")


def _activation_of(rhs: str, hits) -> bool:
    """``a^2 = \\sigma(z^2)``, ``a^2_{ij} = f(z^2_{ij})``: the right side is an activation of one
    numbered name with the left side's number (a layer's forward, never a power's identity)."""
    inner = [m for m in hits[1:]]
    number = hits[0].group(2) or hits[0].group(3)
    return _ACTIVATION_CALL.match(rhs) is not None and len(inner) == 1 and \
        (inner[0].group(2) or inner[0].group(3)) == number and inner[0].group(1) != hits[0].group(1)


def digit_label_letters(latex) -> frozenset:
    r"""The letters whose bare digit superscript is a layer number in these displays, not a
    power: one written ``W^2_{ij}`` (the superscript before a subscript), one seen with two or
    more different numbers (``W^1`` and ``W^2``), or one in a forward that binds numbered names
    (``z^2 = W^2 a^1 + b^2``: a left side ``z^2`` and two numbered names on the right); and
    ``\delta`` with a number once any letter is numbered (the error of that layer).
    ``latex``: the section's display equations (a list of strings).
    Example: ``digit_label_letters(["z^2 = W^2 a^1 + b^2"])`` → {'z', 'W', 'a', 'b'};
    ``digit_label_letters([r"\sum_i x_i^2"])`` → frozenset()."""
    numbers: dict = {}
    found = set()
    for tex in latex:
        hits = list(_DIGIT_SUP.finditer(tex))
        for m in hits:
            numbers.setdefault(m.group(1), set()).add(m.group(2) or m.group(3))
            if m.group(4):
                found.add(m.group(1))
        lhs = tex.split("=")[0].strip()
        if len(tex.split("=")) == 2 and hits and _one_numbered_name(lhs, hits[0]) and (
                len({m.group(1) for m in hits[1:]}) >= 2 or _activation_of(tex.split("=")[1], hits)):
            found |= {m.group(1) for m in hits}
    found |= {name for name, seen in numbers.items() if len(seen) >= 2}
    if found and "\\delta" in numbers:          # δ^2 beside numbered layers: layer 2's error
        found.add("\\delta")
    return frozenset(found)


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


def odot_readings(args) -> tuple:
    """The two readings of ``Op("odot_run", args)``: ``A ⊙ B C`` (args A, B, C) as ``(A ⊙ B) C`` and
    ``A ⊙ (B C)``; ``H A ⊙ B`` (args A, B, None, H) as ``(H A) ⊙ B`` and ``H (A ⊙ B)``."""
    left, right, rest, *head = args
    if not head:
        return Op("mul", (Op("hadamard", (left, right)), rest)), Op("hadamard", (left, Op("mul", (right, rest))))
    return Op("hadamard", (Op("mul", (head[0], left)), right)), Op("mul", (head[0], Op("hadamard", (left, right))))


ZERO_TENSOR = Op("zeros", ())       # \mathbf{0}, a side alone: zero at every entry of the left side


LOSSES = {"L", "E", "J", "C", "Loss", "cost", "Cost", r"\calL", r"\calJ", r"\calE", r"\calC", r"\ell"}
_GREEK = {r"\delta", r"\omega", r"\alpha", r"\beta", r"\sigma", r"\theta", r"\phi", r"\psi"}
# a Greek letter written as an index (w_{\mu\nu}, \sum_{\gamma}): every lower-case one but π
INDEX_GREEK = frozenset("\\" + g for g in GREEK_LETTERS if g[0].islower() and g not in ("pi", "varpi"))
# a capital Greek letter written as a tensor's name (\Delta_{n,o,i,j} = ∂L/∂Y_{n,o,i,j}, \Gamma^l_i):
# every one but Σ and Π, which are written as a sum and a product
TENSOR_GREEK = frozenset("\\" + g for g in GREEK_LETTERS if g[0].isupper() and g not in ("Sigma", "Pi"))
_PRODUCT = {r"\cdot", r"\times"}
_CONVOLVE = {"*": "star", r"\ast": "star", r"\star": "corr", r"\otimes": "corr",
             r"\circledast": "conv"}


def _index_name(e, tensors=()):
    r"""An index written with a subscript is one variable: ``k_{in}`` → ``k_in``, ``c_{out}`` →
    ``c_out``, ``k_1`` → ``k_1``, ``\alpha_2`` → ``\alpha_2``, and a size inside an index
    expression, ``K_H`` in ``x_{i+K_H}``, one size name ``K_H`` (as :func:`bound_name` names a
    sum's bound); never a tensor's numbered entry (``tensors``: the section's tensor names,
    ``z_1``; ``w_\text{out}`` is an index even where w names the kernel).
    The name is a label only, never evaluated.
    Example: ``_index_name(Ref("c", None, (Ref("i", None, None), Ref("n", None, None))))`` →
    ``Ref("c_in", None, None)``."""
    numbered = isinstance(e, Ref) and all(isinstance(x, (int, sp.Integer)) for x in e.idx or ())
    if isinstance(e, Ref) and e.idx and e.label is None and not (numbered and e.name in tensors) and \
            (re.fullmatch(r"[A-Za-z]", e.name) or e.name in INDEX_GREEK) and \
            all((isinstance(x, Ref) and x.idx is None and x.label is None and re.fullmatch(r"[A-Za-z]+", x.name))
                or (isinstance(x, (int, sp.Integer)) and 0 <= int(x) <= 9) for x in e.idx):
        return Ref(e.name + "_" + "".join(x.name if isinstance(x, Ref) else str(x) for x in e.idx), None, None)
    if isinstance(e, Op) and e.kind in ("add", "neg", "mul", "div"):     # \frac{i'+p_h-k}{s_h}: p_h, s_h
        return Op(e.kind, tuple(_index_name(a, tensors) for a in e.args))
    return e


def bound_name(e):
    """A sum's upper bound written as a subscripted size is one name: ``H_k`` → ``H_k``,
    ``H^{l+1}_o`` → ``H_o^{l+1}``, ``n_{ch}`` → ``n_ch`` (``W_k`` and ``H_k`` stay two sizes,
    not the letter k twice); any other bound is kept as written.
    Example: ``bound_name(Ref("H", None, (Ref("k", None, None),)))`` → ``Ref("H_k", None, None)``."""
    if isinstance(e, Ref) and e.idx and all((isinstance(x, Ref) and x.idx is None) or
                                            (not isinstance(x, (Ref, Op)) and len(str(x)) == 1 and str(x).isdigit()) for x in e.idx):
        label = f"^{{{e.label}}}" if e.label else ""          # k_1: the size k_1 (k_1 x k_2 kernels)
        return Ref(e.name + "_" + "".join(x.name if isinstance(x, Ref) else str(x) for x in e.idx) + label, None, None)
    if isinstance(e, Op) and e.kind in ("add", "neg", "mul"):
        return Op(e.kind, tuple(bound_name(a) for a in e.args))
    return _index_name(e)


def reused_free_index(trees, axis_letter) -> None:
    """Raise IndexError_ when a sum binds a letter that is also a free index of the claim and
    the two uses sit on axes of different kinds (``∂L/∂x_{n,i,j,f} = Σ_{n=1}^{W_k} …
    z_{n,i-m+1,j-n+1,d}``: n the example on the left, a kernel column in the sum): which is
    meant is not written, so no verdict is given.  A reuse on axes of one kind (a spatial
    index summed again) keeps the usual reading, the sum's own variable.
    ``trees``: the sides' trees; ``axis_letter(ref, position)``: the layout letter (N, C, H,
    W, …) of that index of a tensor, None when unknown."""
    free = set()
    for tree in trees:
        free |= set(free_vars(tree))

    def kinds(n, var, inside) -> set:
        out = set()
        if isinstance(n, Ref) and n.idx:
            for k, e in enumerate(n.idx):
                if var in names_in(e):
                    out.add((inside, axis_letter(n, k)))
        elif isinstance(n, Sum):
            out |= kinds(n.body, var, inside or var in n.vars)
        elif isinstance(n, Grad):
            out |= kinds(n.ref, var, inside)
        elif isinstance(n, Jac):
            out |= kinds(n.top, var, inside) | kinds(n.bottom, var, inside)
        elif isinstance(n, Op):
            for a in n.args:
                for x in (a if isinstance(a, (list, tuple)) else (a,)):
                    if isinstance(x, (Ref, Sum, Op, Grad, Jac)):
                        out |= kinds(x, var, inside)
        return out

    def bound(n, ranged_only=False) -> set:
        if isinstance(n, Sum):
            return (set(n.vars) if n.hi is not None or not ranged_only else set()) | bound(n.body, ranged_only)
        if isinstance(n, Op):
            return set().union(set(), *(bound(x, ranged_only) for a in n.args for x in (a if isinstance(a, (list, tuple)) else (a,))))
        return set()
    for var in sorted(free & set().union(*(bound(t) for t in trees))):
        if var in free_vars(trees[0]) and not any(var in free_vars(t) for t in trees[1:]) and \
                var in set().union(*(bound(t, True) for t in trees[1:])):     # ∂J/∂w_i = Σ_{i=1}^m ∂L/∂w_i: a range of its own
            raise IndexError_(f"the sum over {var} takes the left side's free index {var} away: rename the summation index")
        used = set().union(*(kinds(t, var, False) for t in trees))
        outside = {k for inside, k in used if not inside}
        summed = {k for inside, k in used if inside}
        if outside and summed and None not in outside | summed and outside != summed:
            raise IndexError_(f"the sum over {var} reuses the free index {var} on another kind of "
                              f"axis (one letter for two indices): rename the summation index")


def paren_groups(body: list[str]):
    """[[tokens], …] when ``body`` is two or more top-level ``( … )`` groups side by side."""
    groups, depth = [], 0
    for tok in body:
        if tok == "(" and depth == 0:
            groups.append([])
        elif depth == 0:
            return None
        depth += {"(": 1, ")": -1}.get(tok, 0)
        if depth > 0 and not (tok == "(" and depth == 1):
            groups[-1].append(tok)
    return groups if len(groups) >= 2 and depth == 0 and all(groups) else None


def _product(factors):
    return factors[0] if len(factors) == 1 else Op("mul", tuple(factors))


def read_nabla(parser):
    r"""``\nabla_{x_{ij}} L``, ``\nabla_W L``, ``\bigtriangledown_{y_i} Cost``: the loss's gradient
    (a Grad node) at the subscript's entry or tensor; ``parser`` stands just before the ∇."""
    parser.take()
    if parser.peek() != "_":
        raise IndexError_("∇ without a subscript (∇_x L): the page does not settle which loss it "
                          "differentiates; <!-- symbp: names: L=loss --> says so")
    parser.take()
    sub = type(parser)(parser.braced_tokens(), parser.tensors, parser.losses).whole()
    if isinstance(sub, Op) and sub.kind == "call":
        sub = sub.args[0]
    loss = parser.peek()
    if not isinstance(sub, Ref) or loss not in (parser.losses or LOSSES):
        raise IndexError_("∇ of something that is not the loss at an entry or a tensor")
    parser.take()
    return Grad(sub)


# =========================================================================== walks

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
            walk(n.body, b | set(n.vars))
        elif isinstance(n, Op) and n.kind == "dotted_matrix":       # x_1 … x_n: its counting letters
            walk(n.args[0], b | {axis[0] for axis in n.args[1:] if axis})
        elif isinstance(n, Op):
            for a in n.args:
                if isinstance(a, (list, tuple)):
                    for x in a:
                        walk_index(x, b)
                elif not isinstance(a, str) and not isinstance(a, int):
                    walk(a, b)

    def walk_index(e, b):
        if isinstance(e, Ref) and e.idx is None:
            if size_key(e) != e.name:       # F^{l} in x_{h-F^l+1+i}: a layer's size, no index
                return
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


def size_key(ref) -> str:
    r"""The name a size letter is bound under: ``H`` alone, ``C^{l-1}`` with its layer label
    (``C^{l}`` and ``C^{l-1}`` are two sizes, never one), a power ``k^2`` the letter itself.
    Example: ``size_key(Ref("C", "l-1", None))`` → ``'C^{l-1}'``; ``size_key(Ref("H", None, None))`` → ``'H'``."""
    label = (ref.label or "").replace(" ", "").strip("{}")
    return f"{ref.name}^{{{label}}}" if label and not label.isdigit() else ref.name


def size_names(e) -> set:
    """Like :func:`names_in`, with a size's layer label kept (``H^{l}-1`` → {'H^{l}'})."""
    if isinstance(e, Ref):
        return {size_key(e)} if e.idx is None else set().union(*(size_names(x) for x in e.idx))
    if isinstance(e, Op):
        return set().union(set(), *(size_names(a) for a in e.args if not isinstance(a, str)))
    return names_in(e)


def names_in(e) -> set:
    """Every plain name (index variable or size symbol) in an index expression."""
    if isinstance(e, Ref):
        return {e.name} if e.idx is None else set().union(*(names_in(x) for x in e.idx))
    if isinstance(e, Op):
        return set().union(set(), *(names_in(a) for a in e.args if not isinstance(a, str)))
    if isinstance(e, Sum):
        return (names_in(e.body) | names_in(e.lo) | names_in(e.hi)) - set(e.vars)
    return set()
_TRANSPOSE = ("T", r"\top", r"\intercal")


def transpose_follows(parser) -> bool:
    """``^T`` / ``^{\top}`` comes next (after a group): taken, True; else nothing taken."""
    if parser.peek() == "^" and (parser.peek(1) in _TRANSPOSE or (
            parser.peek(1) == "{" and parser.peek(2) in _TRANSPOSE and parser.peek(3) == "}")):
        parser.take()
        parser.braced_tokens()
        return True
    return False


def power_follows(tokens: list, i: int) -> bool:
    """The ``( … )`` starting at ``tokens[i]`` is followed by ``^`` (``δ^l (a^{l-1})^T``: a
    product with a transpose, not a call)."""
    depth, j = 0, i
    while j < len(tokens):
        depth += {"(": 1, ")": -1}.get(tokens[j], 0)
        if depth == 0:
            return j + 1 < len(tokens) and tokens[j + 1] == "^"
        j += 1
    return False


def label_and_transpose(label: str) -> tuple:
    """(label, transposed): ``[l-1]T`` / ``(l)^\top`` is the layer label ``[l-1]`` and a
    transpose (Ng's ``A^{[l-1]T}``); any other superscript is a label as written."""
    m = re.fullmatch(r"(.+[\])])(?:T|\\top|\\intercal)", label)
    return (m.group(1), True) if m else (label, False)
