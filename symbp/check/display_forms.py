r"""Display spellings that change no meaning, written the way the readers read them.

Authors dress a display for the page: ``\displaystyle``, ``\phantom{…}`` to align rows, thin
spaces ``\,`` ``\;`` ``\!``, ``\tag{…}`` / ``\label{…}``, an upright ``\mathrm{d}``, bold over a
whole expression (``\mathbf{W^{(l)}a^{(l-1)} + b^{(l)}}``), and TeX's primitive fraction
``{\partial \over \partial W}``.  They also write a derivative as an operator put in front of
what it differentiates: ``\frac{\partial}{\partial W} J(W)``, ``\frac{d}{dx}\left(…\right)``,
``\partial_{W} L``, and the gradient of a loss ``\nabla_{W} L`` / ``\nabla_{a^l} C`` (only of a loss
name: ``\nabla_x f`` of a vector f is a Jacobian in either layout and stays, and so does Nielsen's
bare ``\nabla_a C``, whose layer the dense reader places).  :func:`plain_display` writes each as the plain form the readers know
(``\frac{\partial J(W)}{\partial W}``), and leaves everything else as written.

An operator is rewritten only when what it applies to is unambiguous: one name (with its
sub- and superscripts and an argument list ``J(W,b;Y,X)``, or braced) followed by the end of
the side, a relation, ``+`` / ``-`` or a closing bracket.  An operator before a parenthesised
expression, ``\frac{\partial}{\partial w_{m,n}}\left(\sum_m … \right)``, stays: the index reader
differentiates that expression itself (its ``dop`` node).  ``\frac{\partial}{\partial x} f g`` or ``\frac{\partial}{\partial W}\frac{1}{2}(…)^2``
(does it apply to the product?) stay as written, and the readers leave them unchecked.

Example::

    >>> plain_display(r"{\partial \over \partial W^{(l)}_{ji}} J(W,b;Y,X) = y_i \cdot \delta_j")   # the loss J
    '\\frac{\\partial J}{\\partial W^{(l)}_{ji}} = y_i \\cdot \\delta_j'
    >>> plain_display(r"\mathbf{z^{(l)}}=\mathbf{W^{(l)}a^{(l-1)} + b^{(l)}}")
    'z^{(l)}=W^{(l)}a^{(l-1)} + b^{(l)}'
"""
from __future__ import annotations

import re

from .calc_tokens import over_to_frac
from .display_braces import matching, unwrap_leading_group
from .display_prose import plain_prose
from .display_wrappers import _LOSS, plain_wrappers

# commands that only set style or numbering: dropped (with their one argument where they take one)
_STYLE = re.compile(r"\\(?:displaystyle|textstyle|scriptstyle|scriptscriptstyle|nonumber|notag|"
                    r"mathstrut|strut|limits|nolimits)(?![A-Za-z])")
_WITH_ARGUMENT = re.compile(r"\\(?:phantom|vphantom|hphantom|label|tag\*?)\s*(?=\{)")
_DERIVATIVE = re.compile(r"\\partial(?![A-Za-z])|∂|\\nabla(?![A-Za-z])")
_THIN_SPACE = re.compile(r"\\\\|\\[,;!:>]")              # `\\` (a row break) stays
_UPRIGHT_D = re.compile(r"\\(?:mathrm|rm|operatorname|text)\s*\{\s*d\s*\}|\\mathrm\s+d(?![A-Za-z])")
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|pmb|mathbfit)\s*(?=\{)")
_BOLD_LETTER = re.compile(r"\\textbf\s*\{\s*([A-Za-z])\s*\}")        # text bold of one letter, a vector
# a derivative operator: \frac{\partial}{\partial X}, \frac{d}{dX}, \partial_{X} / \partial_X
_OPERATOR = re.compile(r"\\[dt]?frac\s*\{\s*(\\partial|d)\s*\}\s*\{\s*(\\partial(?![A-Za-z])|d)\s*"
                       r"((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})+?)\s*\}"
                       r"|\\partial\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z])"
                       r"|\\nabla\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z])")
_NAME = re.compile(r"(?:\\(?:mathcal|mathscr|cal)\s*\{\s*[A-Za-z]\s*\}|\\cal\s*[A-Z]|\\[A-Za-z]+|[A-Za-z])"
                   r"(?:\s*(?:[_^]\s*(?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\[A-Za-z]+|\w)|'))*")
# an activation letter applied to one letter, σ(x), f(z): d/dx of it is σ'(x), a scalar's derivative
_OWN_ARGUMENT = re.compile(r"(\\sigma|\\phi|\\varphi|f|g)\s*(?:\\left)?\s*\(\s*([A-Za-z])\s*(?:\\right)?\s*\)")
_LOSS_NAME = re.compile(_LOSS)            # ∇_{W} L: the gradient of a loss, ∂L/∂W
_BARE_LETTER = re.compile(r"\s*\{?\s*[A-Za-z]\s*\}?\s*")      # ∇_a C: which layer's a is the reader's to ask
_SLASH_FRACTION = re.compile(r"\\partial\s*(" + _NAME.pattern + r")\s*/\s*\\partial\s*(" + _NAME.pattern + ")")
_BRACED_SLASH = re.compile(r"\{\s*\\partial\s*(" + _NAME.pattern + r")\s*\}\s*/\s*\{\s*\\partial\s*(" + _NAME.pattern + r")\s*\}")
_SLASH_OPERATOR = re.compile(r"\\partial\s*/\s*\\partial\s*(" + _NAME.pattern + r")(?=\s)")
# what may follow an operand: the end, a relation, a sign, a closing bracket, a row or column break
_BOUNDARY = re.compile(r"\s*(?:$|[=+\-<>,&)\]}]|\\\\|\\right(?![A-Za-z])|\\(?:approx|equiv|to|Rightarrow|"
                       r"implies|quad|qquad|leq?|geq?|neq?|pm|mp|cdots|ldots|dots)(?![A-Za-z]))")
# after ∇_x L (a loss: a scalar) a product sign too: ∇_a C ⊙ σ'(z) is (∂C/∂a) ⊙ σ'(z)
_LOSS_BOUNDARY = re.compile(_BOUNDARY.pattern[:-1] + r"|\\(?:odot|circ|cdot|times|ast)(?![A-Za-z])|\*)")
# after ∂_{X} L (a loss) the chain rule's next factor too: ∂_{X_β} L ∂_{θ_α} X_β
_CHAIN_BOUNDARY = re.compile(_LOSS_BOUNDARY.pattern[:-1] + r"|\\(?:partial|frac|dfrac|tfrac|nabla)(?![A-Za-z]))")
# a constant factor before the operand: ∂/∂W ½ J = ½ ∂J/∂W
_FACTOR = re.compile(r"(\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}|\d+(?:\.\d+)?)\s*(?:\\cdot\s*)?")
_NOT_NAMES = ("\\frac", "\\dfrac", "\\tfrac", "\\sum", "\\prod", "\\int", "\\left", "\\right",
              "\\partial", "\\nabla", "\\big", "\\Big", "\\lim", "\\max", "\\min", "\\cdot",
              "\\odot", "\\times", "\\circ", "\\ast", "\\otimes", "\\quad", "\\qquad", "\\text")


MAX_DISPLAY_CHARS = 20_000                      # as plain_math: longer displays are left as written


def plain_display(latex: str, calls: dict | None = None) -> str:
    r"""``latex`` with style-only commands dropped, bold over an expression written as the
    expression, ``{a \over b}`` as ``\frac{a}{b}`` and a derivative operator applied to one
    operand written as the derivative of it; unchanged where there is none.

    >>> plain_display(r"\partial_{W} L = \frac{d}{dx} f(x) + \frac{\partial}{\partial w}\left( w x \right)")
    "\\frac{\\partial L}{\\partial W} = f'(x) + \\frac{\\partial}{\\partial w}\\left( w x \\right)"
    >>> plain_display(r"\phantom{\frac{\partial L}{\partial K}} = \displaystyle \sum_i x_i \, g_i \tag{3}")
    '\\frac{\\partial L}{\\partial K} =   \\sum_i x_i   g_i  '
    >>> plain_display(r"a = b \phantom{xx} + c")
    'a = b   + c'
    >>> plain_display(r"∂L/∂W^{(l)} = \partial/\partial y_i (y_i w_i)")
    '\\frac{\\partial L}{\\partial W^{(l)}} = \\frac{\\partial}{\\partial y_i} (y_i w_i)'
    >>> plain_display(r"\nabla_{W^l} C = \delta^l (a^{l-1})^T")
    '\\frac{\\partial C}{\\partial W^l} = \\delta^l (a^{l-1})^T'
    >>> plain_display(r"\nabla_X{L} = W^T \cfrac{\partial L}{\partial Y}")
    '\\nabla_X L = W^T \\frac{\\partial L}{\\partial Y}'
    >>> plain_display(r"\frac{\partial J}{\partial w_{i \rightarrow j}^{(l)}} = \delta_j a_i")
    '\\frac{\\partial J}{\\partial w_{ij}^{(l)}} = \\delta_j a_i'
    >>> plain_display(r"\frac{\partial}{\partial x} f g")      # a product: left as written
    '\\frac{\\partial}{\\partial x} f g'
    """
    if len(latex) > MAX_DISPLAY_CHARS:
        return latex                                         # a longer one: the readers refuse it
    latex = plain_prose(plain_wrappers(unwrap_leading_group(latex), calls))   # {\displaystyle …}; \begin{equation}, \left. \right., arrays, ▽, ⋆, J(W,b);
    #                                    \qquad (3), \hspace{1em}, "\ for \ i \in 1 \cdots k": display_prose
    if "\\" not in latex and "∂" not in latex:
        return latex
    out = _CFRAC.sub(r"\\frac", _BRACED_LOSS.sub(r"\1 \2", latex.replace("∂", "\\partial ")))   # \cfrac; ∇_X{L}: ∇_X L
    out = _STYLE.sub(" ", plain_grouping(out))
    out = _drop_with_argument(out)
    out = _THIN_SPACE.sub(lambda m: m.group() if m.group() == "\\\\" else " ", out)
    out = _UPRIGHT_D.sub("d", out)
    out = _ARROW_SUBSCRIPT.sub(r"_{\1\2}", out)            # w_{i \rightarrow j}: the weight from i to j, w_{ij}
    out = _unbold(_BOLD_LETTER.sub(r"\\mathbf{\1}", out))      # \textbf{x}: a vector's letter, as \mathbf{x}
    if "\\over" in out:
        out = over_to_frac(out)
    if "/" in out and "\\partial" in out:
        out = _slash_fractions(out)
    return plain_wrappers(_apply_operators(out), calls)         # ∂/∂W J(W,b) written ∂J(W,b)/∂W: the loss J


_ARROW_SUBSCRIPT = re.compile(r"_\s*\{\s*([A-Za-z0-9])\s*\\(?:rightarrow|to|longrightarrow)(?![A-Za-z])\s*([A-Za-z0-9])\s*\}")
_CFRAC = re.compile(r"\\cfrac(?![A-Za-z])\s*(?:\[[lrc]\])?")      # amsmath's continued-fraction layout: a fraction
_BRACED_LOSS = re.compile(r"(\\nabla\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z]))\s*\{\s*([A-Za-z]|\\mathcal\s*\{\s*[A-Z]\s*\})\s*\}")

# \bigl( \Bigr] \big\{ \bigg|: a delimiter's size only
_SIZED = re.compile(r"\\(?:big|Big|bigg|Bigg)[lrm]?(?![A-Za-z])\s*")
# {\rm conv2}, {\cal C}, {\bf x}: TeX's old font switches in a group, as the LaTeX command
_OLD_FONT = re.compile(r"\{\s*\\(rm|cal|bf|it|sf|tt)(?![A-Za-z])\s*([^{}]*?)\s*\}")
_NEW_FONT = {"rm": "mathrm", "cal": "mathcal", "bf": "mathbf", "it": "mathit", "sf": "mathsf", "tt": "mathtt"}
_BARE_CAL = re.compile(r"\\cal\s*([A-Za-z])(?![A-Za-z])|\\mathcal\s+([A-Za-z])(?![A-Za-z])")     # \mathcal L: \mathcal{L}
# what a set or an indicator's condition holds (\{1,…,n\}, 1\{i = j\}): such braces stay
_SET_LIKE = re.compile(r",|:|\\mid(?![A-Za-z])|\||\\in(?![A-Za-z])|\\dots|\\ldots|\\cdots|\.\.\.|[=<>]|"
                       r"\\(?:neq?|leq?|geq?|notin|subset)(?![A-Za-z])")


def plain_grouping(latex: str) -> str:
    r"""``latex`` with typography that groups or sizes but means nothing else written plainly:
    ``\boxed{…}`` as its content, ``\bigl(`` ``\Bigr]`` as the bare delimiter, ``{\rm conv2}`` /
    ``{\cal C}`` / ``\cal C`` as ``\mathrm{conv2}`` / ``\mathcal{C}``, braces ``\{ … \}`` /
    ``\left\{ … \right\}`` used to group (no comma, colon, ``\mid``, ``\in``, dots or relation
    inside: not a set, not an indicator's condition ``1\{i = j\}``) as parentheses, and a whole
    equation wrapped in ``\{ … \}`` unwrapped.

    >>> plain_grouping(r"\boxed{\delta = \mathbf{1}\bigl(S>0\bigr)} + {\rm conv2}(a, b)")
    '\\delta = \\mathbf{1}(S>0) + \\mathrm{conv2}(a, b)'
    >>> plain_grouping(r"\left\{ a + b \right\} c = \sum_{i \in \{1,\dots,n\}} c_i")
    '\\left( a + b \\right) c = \\sum_{i \\in \\{1,\\dots,n\\}} c_i'
    """
    if "\\" not in latex:
        return latex
    out = _unbox(latex) if "\\boxed" in latex else latex
    out = _SIZED.sub("", out)
    out = _OLD_FONT.sub(lambda m: f"\\{_NEW_FONT[m.group(1)]}{{{m.group(2)}}}", out)
    out = _BARE_CAL.sub(lambda m: f"\\mathcal{{{m.group(1) or m.group(2)}}}", out)
    return _group_braces(out) if "\\{" in out else out


def _unbox(latex: str) -> str:
    r"""``\boxed{X}`` written as ``X``."""
    for _ in range(20):
        m = re.search(r"\\boxed\s*(?=\{)", latex)
        close = m and matching(latex, m.end())
        if not m or close is None:
            return latex
        latex = latex[:m.start()] + latex[m.end() + 1:close] + latex[close + 1:]
    return latex


_ESCAPED_BRACE = re.compile(r"(\\left\s*)?\\\{|(\\right\s*)?\\\}")


def _group_braces(latex: str) -> str:
    r"""``\{ … \}`` pairs: the whole display's wrapper dropped where it holds an equation, a
    grouping one inside written ``( … )`` (``\left( … \right)``); a set stays."""
    pairs, stack = [], []
    for m in _ESCAPED_BRACE.finditer(latex):
        if m.group().endswith("{"):
            stack.append(m)
        elif stack:
            pairs.append((stack.pop(), m))
        else:
            return latex                                        # unbalanced: as written
    if stack:
        return latex
    edits = []
    for opening, closing in pairs:
        inner = latex[opening.end():closing.start()]
        whole = not latex[:opening.start()].strip() and not latex[closing.end():].strip()
        if whole and _top_level(" " + inner, "="):
            edits += [(opening.start(), opening.end(), ""), (closing.start(), closing.end(), "")]
        elif not _SET_LIKE.search(inner) and not latex[:opening.start()].rstrip().endswith(("_", "^")) \
                and not latex[closing.end():].lstrip().startswith(("_", "^")):     # \{x_i\}_{i=1}^n: a set
            sized = bool(opening.group(1)) and bool(closing.group(2))
            edits += [(opening.start(), opening.end(), "\\left(" if sized else "("),
                      (closing.start(), closing.end(), "\\right)" if sized else ")")]
    for start, end, text in sorted(edits, reverse=True):
        latex = latex[:start] + text + latex[end:]
    return latex


def _slash_fractions(latex: str) -> str:
    r"""``\partial L / \partial W`` as ``\frac{\partial L}{\partial W}``; ``\partial/\partial y_i``
    followed by a space as the operator ``\frac{\partial}{\partial y_i}`` (``y_i(W)`` without
    the space may be a call, and stays)."""
    latex = _BRACED_SLASH.sub(lambda m: rf"\frac{{\partial {m.group(1)}}}{{\partial {m.group(2)}}}", latex)   # {∂e}/{∂y}
    latex = _SLASH_FRACTION.sub(lambda m: rf"\frac{{\partial {m.group(1)}}}{{\partial {m.group(2)}}}", latex)
    return _SLASH_OPERATOR.sub(lambda m: rf"\frac{{\partial}}{{\partial {m.group(1)}}}", latex)


def _drop_with_argument(latex: str) -> str:
    r"""``\phantom{…}``, ``\label{…}``, ``\tag{…}`` removed with their braced argument; a
    display led by ``\phantom{\frac{∂L}{∂K}} =`` (a row aligned under the derivative it
    continues) keeps the derivative as its left side."""
    for _ in range(50):
        m = _WITH_ARGUMENT.search(latex)
        close = m and matching(latex, m.end())
        if not m or close is None:
            return latex
        inner = latex[m.end() + 1:close]
        keep = ("phantom" in m.group() and not latex[:m.start()].strip() and
                latex[close + 1:].lstrip().startswith("=") and _DERIVATIVE.search(inner))
        latex = latex[:m.start()] + (inner if keep else " ") + latex[close + 1:]
    return latex


def _unbold(latex: str) -> str:
    r"""``\mathbf{…}`` around more than a number written as its content: bare where the content
    is one atom or an equation, or where nothing binds across it; ``\left(…\right)`` otherwise
    (``\mathbf{a + b}^T``).  ``\mathbf{1}`` (a vector of ones) stays."""
    pos = 0
    for _ in range(200):
        m = _BOLD.search(latex, pos)
        close = m and matching(latex, m.end())
        if not m or close is None:
            return latex
        body = latex[m.end() + 1:close]
        if re.fullmatch(r"\s*\d*\s*", body):
            pos = close + 1
            continue
        before, after = latex[:m.start()].rstrip(), latex[close + 1:].lstrip()
        sums = _top_level(body, "+-") and not _top_level(body, "=")
        free = (not before or before[-1] in "=({[&,") and (not after or after[0] in "=)}]&,+-")
        bare = (not sums or free) and not (after[:1] in ("^", "_", "'") and not _NAME.fullmatch(body.strip()))
        inner = body if bare else r"\left(" + body + r"\right)"
        glued = re.search(r"\\[A-Za-z]+$|[A-Za-z0-9]$", latex[:m.start()])   # \partial\mathbf{x}, W^T\mathbf{g}
        latex = latex[:m.start()] + (" " if glued else "") + inner + latex[close + 1:]
        pos = m.start()
    return latex


def _top_level(text: str, signs: str) -> bool:
    """Whether ``text`` has one of ``signs`` outside every group, after its first character."""
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch in "({[") - (ch in ")}]")
        if depth == 0 and k > 0 and ch in signs and text[k - 1] != "\\":
            return True
    return False


def _apply_operators(latex: str) -> str:
    """Each ``∂/∂X`` operator followed by one clear operand written as ``∂(operand)/∂X``."""
    pos = 0
    for _ in range(50):
        m = _OPERATOR.search(latex, pos)
        if not m:
            return latex
        subscript = m.group(4) if m.group(4) is not None else m.group(5)
        if subscript is not None:                 # \partial_{X} / \partial_X, \nabla_{X} / \nabla_X
            top = bottom = "\\partial"
            variable = subscript[1:-1] if subscript.startswith("{") else subscript
        else:
            top, bottom, variable = m.group(1), m.group(2), m.group(3)
        operand = _operand(latex, m.end(), _LOSS_BOUNDARY if m.group(5) is not None else _BOUNDARY)
        if operand is None and m.group(4) is not None and (chained := _operand(latex, m.end(), _CHAIN_BOUNDARY)) \
                and not chained[0] and _LOSS_NAME.fullmatch(chained[1]):
            operand = chained              # ∂_{X_β} L ∂_{θ} X_β: the loss's derivative times the next factor
        if operand is None or (top == "d") != (bottom == "d") or not variable.strip():
            pos = m.end()
            continue
        coefficient, text, end = operand
        if m.group(5) is not None and (coefficient or not _LOSS_NAME.fullmatch(text) or _BARE_LETTER.fullmatch(variable)):
            pos = m.end()      # ∇_x f of a vector f: a Jacobian in either layout; Nielsen's ∇_a C: fc_infer.nabla_layer
            continue
        written = rf"{coefficient}\frac{{{top} {text}}}{{{bottom} {variable.strip()}}}"
        own = _OWN_ARGUMENT.fullmatch(text.strip())
        if own and top == "d" and own.group(2) == variable.strip():   # d/dx σ(x): σ'(x) (∂/∂z σ(z) may be a Jacobian)
            written = f"{coefficient}{own.group(1)}'({own.group(2)})"
        latex = latex[:m.start()] + written + latex[end:]
        pos = m.start() + len(written)
    return latex


def _operand(latex: str, start: int, boundary=_BOUNDARY) -> tuple[str, str, int] | None:
    """(a constant factor, the operand's text, where it ends) after an operator ending at
    ``start``: one name with its argument list (braced or parenthesised alone), after a number
    or ``\\frac{1}{2}``, then a boundary; None when it is not that."""
    pos = start + len(latex[start:]) - len(latex[start:].lstrip())
    factor = _FACTOR.match(latex, pos)
    coefficient = factor.group(1) if factor else ""
    pos = factor.end() if factor else pos
    if latex.startswith(("{", "(", "\\left("), pos):         # {J}, (C), \left( C \right): one name
        if latex.startswith("\\left", pos):
            end = _right_match(latex, pos)
            inner = latex[pos + len("\\left("):end - len("\\right)")] if end else ""
        else:
            close = matching(latex, pos, "{}" if latex[pos] == "{" else "()")
            end = close + 1 if close is not None else None
            inner = latex[pos + 1:close] if close is not None else ""
        text = inner.strip()
        if end is None or not _NAME.fullmatch(text) or text.startswith(_NOT_NAMES):
            return None                  # (…) an expression: the index reader's operator form
    else:
        name = _NAME.match(latex, pos)
        if not name or name.group().startswith(_NOT_NAMES):
            return None
        end = name.end()
        after = latex[end:].lstrip()
        if after.startswith(("(", "\\left(")):                  # J(W,b;Y,X), f\left(x\right)
            k = end + len(latex[end:]) - len(after)
            close = _right_match(latex, k) if after.startswith("\\left") else matching(latex, k, "()")
            if close is None:
                return None
            end = close if after.startswith("\\left") else close + 1
        text = latex[pos:end].strip()
    if not boundary.match(latex, end):
        return None
    return coefficient, text, end


def _right_match(latex: str, start: int) -> int | None:
    """The end of the ``\\right…`` closing the ``\\left…`` at ``start``."""
    depth = 0
    for m in re.compile(r"\\(left|right)(?![A-Za-z])\s*(\\[A-Za-z]+|\\.|.)?").finditer(latex, start):
        depth += 1 if m.group(1) == "left" else -1
        if depth == 0:
            return m.end()
    return None
