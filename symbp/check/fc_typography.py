r"""Typography that names nothing: bold / arrow wrappers on a letter and empty groups.

Authors mark a vector or a matrix by its typeface (``\vec{z}^l``, ``\mathbf{W}``,
``\boldsymbol{\delta}``, ``\bm{a}``, a macro of their own such as ``\matr{W}``) and write
``{}`` to space symbols (``\partial{}C``, ``\odot{}\sigma'``, ``{}a^l_i``).  Neither changes
which tensor is meant, so :func:`plain_typography` writes the letter alone and drops the
empty group before the readers see the equation.

Only these wrappers, and only around one letter or one Greek letter, are read as the letter:
``\mathbf{1}`` (a vector of ones) and ``\vec{xy}`` stay, and so does any other macro (an
unknown one-argument macro may mean an operation).  An empty group before a sub- or
superscript (``{}^T``, a prescript) stays too.

Example::

    >>> plain_typography(r"\vec{\delta}^l = \nabla_{a^l}C \odot{}\sigma'{(\vec{z}^l)}")
    "\\delta^l = \\frac{\\partial C}{\\partial a^l} \\odot \\sigma'(z^l)"
    >>> plain_typography(r"\nabla_{a^{l-1}}C = (\matr{W}^l)^T\mathbf{\delta}^l + \mathbf{1}")
    '\\frac{\\partial C}{\\partial a^{l-1}} = (W^l)^T \\delta^l + \\mathbf{1}'
"""
from __future__ import annotations

import re

from .display_forms import plain_display
from .display_markup import plain_markup
from .display_braces import braced_atoms
from .conv_infix import plain_infix
from .dotted_terms import dotted_matrices, dotted_sums

GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
         "nu xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi "
         "Sigma Upsilon Phi Psi Omega").split()
WRAPPERS = ("vec", "mathbf", "boldsymbol", "bm", "matr", "mathbfit", "pmb")
_LETTER = r"(?:[A-Za-z](?![A-Za-z])|\\(?:" + "|".join(GREEK) + r")(?![A-Za-z]))"
_WRAPPED = re.compile(r"\\(?:" + "|".join(WRAPPERS) + r")(?![A-Za-z])\s*(?:\{\s*(" + _LETTER +   # \matr{\delta^l}: scripts
                      r"(?:\s*[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9]))*)\s*\}|(" + _LETTER + r"))")
# {} after a space, an operator or the start, before a letter or a macro (not before ^ or _)
_EMPTY = re.compile(r"(?:^|(?<=[\s=+\-(\[,]))\{\s*\}\s*(?=[A-Za-z\\])")
_EMPTY_LHS = re.compile(r"^\s*\{\s*\}\s*(?=&?\s*=)")   # {}= …: a row continuing the left side
_MACRO_THEN_EMPTY = re.compile(r"(\\[A-Za-z]+)\{\s*\}\s*(?=[A-Za-z\\(])")
_KEEP_AFTER = {"\\frac", "\\dfrac", "\\tfrac", "\\sqrt", "\\text", "\\mathrm", "\\operatorname",
               "\\binom", "\\begin", "\\end"}


# d{W_{11}}, d{Z^{[l]}}: a gradient's d before a braced name (dW_{11}); \_ a Markdown-escaped _ (rot\_180)
_D_BRACED = re.compile(r"(?<![A-Za-z\\])d\s*\{\s*(" + _LETTER +
                       r"(?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[A-Za-z0-9]))*)\s*\}")
_ESCAPED = re.compile(r"\\_(?=\s*\{?\s*\d)")   # rot\_180, W\_{1}: a script; x\_pad stays a name
# a transpose spelled ^{\mathsf{T}}, ^\mathrm{T}, ^{\intercal}: the readers' ^T
_SPELLED_T = r"\\(?:mathsf|mathrm|textsf|rm|text)\s*(?:\{\s*T\s*\}|\s+T(?![A-Za-z]))"      # \mathsf{T}, \mathsf T
_TRANSPOSE_SPELLED = re.compile(r"\^\s*(?:\{\s*" + _SPELLED_T + r"\s*\}|" + _SPELLED_T + r"|\{\s*\\intercal\s*\}|\\intercal(?![A-Za-z]))")
# a script naming a turned kernel with its angle as a script of the word, K^{\mathrm{rot}_{180^\circ}}: K^{rot180}, a name
# of its own (read as the page defines it; before, the founding reader took it for a layer label of K itself)
_ROT_ANGLE = re.compile(r"([_^])\s*\{\s*\\(?:mathrm|text|operatorname|rm)\s*\{\s*(rot|flip)\s*\}\s*_\s*\{?\s*180\s*"
                        r"(?:\^\s*\{?\s*\\circ\s*\}?|°)?\s*\}?\s*\}")
_MARKDOWN_STAR = re.compile(r"\\\*")        # \* a Markdown-escaped *: the page's product or convolution
_OLD_BOLD = re.compile(r"\{\s*\\(?:bf|bm|boldmath)\s+(" + _LETTER + r")\s*\}")      # {\bf w}: TeX's bold switch

# arrows typed as characters, read as the macros the readers split claims at
_ARROWS = str.maketrans({"→": r" \to ", "⟶": r" \to ", "⇒": r" \Rightarrow ", "⟹": r" \implies "})


#: ``\part``, which Markdown editors' math (Typora's) render as ∂; in math it is no sectioning command
_PART = re.compile(r"\\part(?![A-Za-z])")
#: a shape written as a subscript, ``W_{D\times M}``, ``\left(\frac{\partial L}{\partial Y}\right)_{N \times M}``: no index
#: (a letter's or a bracket's only: ``\operatorname{crop}_{2\times 2}``, ``\mathbf{1}_{2\times 2}`` keep theirs)
SHAPE_SUBSCRIPT = re.compile(r"((?<![\\A-Za-z])[A-Za-z]|\))\s*_\s*\{\s*[A-Za-z0-9]+(?:\s*(?:\\times|×)\s*[A-Za-z0-9]+)+\s*\}")


def plain_typography(latex: str, calls: dict | None = None) -> str:
    r"""``latex`` with ``\vec{x}`` / ``\mathbf{W}`` / ``\boldsymbol{\delta}`` / ``\bm{a}`` /
    ``\matr{W}`` / ``\mathbfit{W}`` (one letter inside) written as the letter and the empty
    groups ``{}`` that only space symbols dropped, arrows typed as characters (→, ⇒) as their
    macros; the text unchanged where there is none.

    >>> plain_typography(r"\frac{\partial{}C}{\partial{}a^L_i} = {}a^L_i - y_i")
    '\\frac{\\partial C}{\\partial a^L_i} = a^L_i - y_i'
    >>> plain_typography(r"\delta^{(l)}_i = g{(a^{(l)}_i)} \sigma'{(z^{(l)}_i)} + \frac{(a)}{b}")
    "\\delta^{(l)}_i = g(a^{(l)}_i) \\sigma'(z^{(l)}_i) + \\frac{(a)}{b}"
    >>> plain_typography(r"d{W_{11}} = d{Z_{11}}{X_{11}}, dX = rot\_180(W) + { \bf w }")
    'dW_{11} = dZ_{11}X_{11}, dX = rot_180(W) + w'
    >>> plain_typography(r"dX = dY \* W"), plain_typography(r"\frac{\part L}{\part X}")
    ('dX = dY * W', '\\frac{\\partial L}{\\partial X}')
    >>> plain_typography(r"(\frac{\partial L}{\partial X})_{N\times D} = G (W_{D\times M})^T")
    '(\\frac{\\partial L}{\\partial X}) = G (W)^T'
    """
    latex = plain_display(plain_markup(latex.translate(_ARROWS)), calls)  # A = B → C = D: the claims an arrow joins;
    #                                  \rule struts, \underbrace{X}_{…}, \color: display_markup;
    #                                                  \displaystyle, \phantom, ∂/∂W J(W): display_forms
    latex = plain_infix(latex)                   # x \; conv \; k + b = u: u = x * k + b (conv_infix)
    latex = _PART.sub(r"\\partial", latex) if "\\part" in latex else latex    # \frac{\part L}{\part X}: some editors' ∂
    latex = SHAPE_SUBSCRIPT.sub(r"\1", latex) if "times" in latex or "×" in latex else latex   # W_{D\times M}: W, its shape
    if "d" in latex and "{" in latex:
        latex = _D_BRACED.sub(lambda m: "d" + m.group(1), latex)    # d{W_{11}} = dW_{11}
    latex = _ESCAPED.sub("_", latex) if "\\_" in latex else latex  # rot\_180: rot_180
    latex = _TRANSPOSE_SPELLED.sub("^T", latex) if "^" in latex and ("{T" in latex or "intercal" in latex or " T" in latex) else latex
    latex = _OLD_BOLD.sub(lambda m: m.group(1), latex) if "\\b" in latex else latex   # {\bf w}: w
    latex = _MARKDOWN_STAR.sub("*", latex) if "\\*" in latex else latex          # \*: *
    latex = _ROT_ANGLE.sub(lambda m: f"{m.group(1)}{{{m.group(2)}180}}", latex) if "180" in latex else latex
    latex = braced_atoms(latex) if "{" in latex else latex           # {W_{11}}{X_{11}}: W_{11} X_{11}
    latex = dotted_matrices(dotted_sums(_EMPTY_LHS.sub("", latex)))   # {}= a continued row;
    #                                            x_1 + … + x_n as Σ; [x_1 \\ \vdots \\ x_3] written out
    if "{" not in latex and not any("\\" + w in latex for w in WRAPPERS):
        return latex
    out = latex
    for _ in range(3):                               # \vec{\mathbf{x}}: nested wrappers
        out = _WRAPPED.sub(lambda m: m.group(1) or m.group(2), out)
    out = _MACRO_THEN_EMPTY.sub(lambda m: m.group(0) if m.group(1) in _KEEP_AFTER else m.group(1) + " ", out)
    out = _EMPTY.sub("", out)
    return _unbrace_calls(out) if "{(" in out else out


_BEFORE_CALL = re.compile(r"(?:'|(\\[A-Za-z]+)|(?<![\\A-Za-z])[A-Za-z])\s*$")


def _unbrace_calls(latex: str) -> str:
    r"""``\sigma'{(z^l_i)}``, ``R{(z)}``, ``\sum_i{(a_i - y_i)}^2``: a group that only holds one
    parenthesised argument after a function's name, a prime or a letter, written ``(…)``; kept
    after ``^`` / ``_`` (``a^{(l)}``) and after ``\frac`` / ``\sqrt`` (their arguments)."""
    out, pos = [], 0
    while (start := latex.find("{(", pos)) >= 0:
        close = _matching(latex, start)
        before = _BEFORE_CALL.search(latex[max(0, start - 40):start])
        inner = latex[start + 1:close] if close is not None else ""
        if before is None or (before.group(1) or "") in _KEEP_AFTER or _matching(inner, 0, "()") != len(inner) - 1:
            out.append(latex[pos:start + 1])
            pos = start + 1
            continue
        out += [latex[pos:start], inner]
        pos = close + 1
    return "".join(out) + latex[pos:]


def _matching(text: str, start: int, pair: str = "{}") -> int | None:
    """The index of the bracket closing the one at ``start``; None when it is never closed."""
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == pair[0]) - (text[i] == pair[1])
        if depth == 0:
            return i
    return None


_NOT_LETTERS = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit|mathsf|bf|rm|left|right|[bB]igg?[lr]?|displaystyle)"
                          r"(?![A-Za-z])|[^A-Za-z0-9]")


def display_position(text: str, plain: str) -> int:
    r"""Where the display ``plain`` (as :func:`plain_typography` writes it) stands in the raw ``text``:
    its letters and digits matched in order, typography macros left out (``\partial \mathbf{z}`` is
    ``\partial z``); -1 where it is not found.

    >>> display_position(r"A $$\frac{\partial L}{\partial \mathbf{z}} \mathbf{x}^T$$", r"\frac{\partial L}{\partial z} x^T")
    5
    """
    keep = [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z0-9]+", _NOT_LETTERS.sub(
        lambda m: " " * len(m.group()), text))]           # the same length: positions kept
    letters = "".join(word for _, word in keep)
    want = letters_key(plain)[:60]
    at = letters.find(want) if want else -1
    if at < 0:
        return -1
    for start, word in keep:
        if at < len(word):
            return start + at
        at -= len(word)
    return -1


def letters_key(latex: str) -> str:
    r"""The letters and digits of ``latex`` without typography macros, for finding a display as
    :func:`plain_typography` writes it in the raw page (``\partial \mathbf{z}`` and ``\partial z`` alike).

    >>> letters_key(r"\partial \mathbf{z}") == letters_key(r"\partial z")
    True
    """
    return re.sub(r"[^A-Za-z0-9]", "", _NOT_LETTERS.sub(" ", latex))
