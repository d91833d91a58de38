r"""Display wrappers and glyphs that name what the readers already read, written their way.

Authors wrap and decorate a display in ways that change no meaning, or that only say, in
another spelling, something the readers know:

* ``\begin{equation}`` / ``\begin{equation*}`` / ``\begin{displaymath}`` inside ``$$ … $$``:
  a numbering wrapper, dropped (its content stays).
* LaTeX's null delimiter ``\left.`` / ``\right.``: it prints nothing.  A pair of them is
  dropped; ``\left\{ \begin{array}{ll} v & c \\ … \end{array} \right.`` (or ``matrix``
  inside) is the ``cases`` it prints (empty cells of ``v && c`` dropped; a row with no value,
  ``& \& j \le v``, continues the condition above it), and ``\left\{ \begin{cases} …
  \end{cases} \right.`` the cases alone.  A null opener
  closed by a bar, ``\left. \frac{\partial f}{\partial x} \right|_{x = 0}`` (a value at a
  point), stays as written: the readers leave it unchecked and say why.
* ``\begin{array}{cc} … \end{array}`` inside ``\left( … \right)`` / ``\left[ … \right]``: a
  matrix (``\left( \begin{matrix} … \end{matrix} \right)``), when its column spec holds only
  ``l``/``c``/``r`` (no rules ``|``: a block matrix stays) and no cell holds a relation (rows
  of equations stay; a display that is one bare ``array`` of equations is split into rows
  where the document is read, :mod:`.document`).
* The gradient glyphs ``\bigtriangledown`` / ``\triangledown`` / ``▽`` / ``∇``: ``\nabla``;
  the star ``⋆`` (U+22C6): ``\star``.  A ∇ with no subscript before a tensor, ``∇a_{11}``,
  means what its author says: ∂J/∂a_{11} in Pinard's notes (``\bigtriangledown a^{l-1} =
  \frac{\partial J(W,b)}{\partial a^{l-1}}``), the batch average in others (``\nabla W_k =
  \frac{1}{N}\frac{\partial L}{\partial W_k}``), the output's gradient (``\nabla L``) or a
  layer's (``\nabla^{(i)}``) in others again.  So :func:`gradient_names` writes it as ∂J/∂a
  only for a letter the document itself defines so (:func:`defined_gradients`); elsewhere it
  stays as written (the index reader leaves it unchecked: "∇ without a subscript").
* A loss written with its arguments where it is differentiated: ``\partial J(W, b)``,
  ``\frac{d L(\theta)}{d\theta}``, ``\nabla_{W} J(W,b;x,y)``: the loss ``J``.  Only there (the
  thing differentiated by a gradient), only for the loss letters (J, L, E, C, ℓ, 𝓛, Loss,
  Cost) and only when the parentheses hold a list of names (no operator, no derivative):
  ``\partial L(f(x), y)`` stays.  ``\nabla J(a)`` with one argument is ``\nabla_{a} J``;
  with several (``\nabla J(W, b)``: which one?) it stays.

* A reason in parentheses at a row's end, ``&&&& (\text{Because gradients add up at forks})``,
  ``\bigg(\text{Because }\frac{\partial y_i}{\partial \gamma} = \hat{x}_i\bigg)``: dropped where its first word
  gives a reason (because, since, by, from, using, taking, …); a condition (``(\text{if } x > 0)``) or a
  definition (``(\text{Let } … = t)``) stays.

Example::

    >>> plain_wrappers(r"\bigtriangledown a_{11} = \frac{\partial J(W, b)}{\partial a_{11}}")
    '\\nabla a_{11} = \\frac{\\partial J}{\\partial a_{11}}'
    >>> plain_wrappers(r"\left( \begin{array}{cc} 1 & 2 \\ 3 & 4 \end{array} \right)")
    '\\left( \\begin{matrix} 1 & 2 \\\\ 3 & 4 \\end{matrix} \\right)'
"""
from __future__ import annotations

import functools
import re

from .display_braces import bare_group, cell_rows, matching, word_column
from .latex_atoms import LatexAtomError, split_top_level

_GLYPHS = re.compile(r"\\(?:big)?triangledown(?![A-Za-z])\s*|[▽∇]\s*")
_STAR = re.compile(r"⋆")
_NUMBERING_ENV = re.compile(r"\\(?:begin|end)\s*\{\s*(?:equation\*?|displaymath)\s*\}")
# \left<d> / \right<d>: d one character, an escaped brace, or a delimiter macro
_DELIMITER = re.compile(r"\\(left|right)(?![A-Za-z])\s*(\\[A-Za-z]+|\\.|[^\s\\])?")
_ARRAY = re.compile(r"\s*\\begin\s*\{array\}\s*(?:\[[a-z]\]\s*)?\{([^{}]*)\}(.*)\\end\s*\{array\}\s*", re.S)
_MATRIX = re.compile(r"\s*\\begin\s*\{(matrix|aligned)\}()(.*)\\end\s*\{\1\}\s*", re.S)     # \left\{ matrix \right.
_CASES = re.compile(r"\s*\\begin\s*\{cases\*?\}.*\\end\s*\{cases\*?\}\s*", re.S)
_RELATION = re.compile(r"=|<|>|\\(?:leq?|geq?|neq?|leqslant|geqslant|approx|equiv|in)(?![A-Za-z])")
_LOSS = r"(?:[JLEC]|\\ell|\\math(?:cal|scr)\s*(?:\{\s*[JLEC]\s*\}|[JLEC])|Loss|Cost|cost|loss)(?![A-Za-z])"
# where a loss is the thing differentiated: ∂J(…), the numerator of \frac{d J(…)}{…}, ∇_{x} J(…)
_DIFFERENTIATED = re.compile(r"(\\partial\s*|\\[dt]?frac\s*\{\s*d\s*|\\nabla\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|"
                             r"\\[A-Za-z]+|[A-Za-z])\s*)(" + _LOSS + r")\s*(?=\(|\\left\s*\()")
_BARE_NABLA = re.compile(r"\\nabla\s*(" + _LOSS + r")\s*(?=\(|\\left\s*\()")
# an argument list: names with scripts and accents, separated by , or ; (nothing that operates)
_ARGUMENT_OPERATOR = re.compile(r"\\(?:partial|frac|dfrac|sum|prod|int|nabla|cdot|times|odot|ast|star)(?![A-Za-z])"
                                r"|[=+\-*/<>]")


def plain_wrappers(latex: str, calls: dict | None = None) -> str:
    r"""``latex`` with numbering wrappers and null delimiters dropped, arrays in brackets as
    matrices and in ``\left\{ … \right.`` as cases, gradient glyphs as ``\nabla``, ``⋆`` as
    ``\star`` and a differentiated loss's argument list dropped; unchanged where there is none.

    >>> plain_wrappers(r"\left. \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases} \right.")
    ' \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases} '
    >>> plain_wrappers(r"y = \left\{ \begin{array}{rr} w, & i \leq u \\ 0, & \text{else} \end{array} \right.")
    'y = \\begin{cases} w, & i \\leq u \\\\ 0, & \\text{else} \\end{cases}'
    >>> plain_wrappers(r"\left. \frac{\partial f}{\partial x} \right|_{x=0} = 1")     # a value at a point
    '\\left. \\frac{\\partial f}{\\partial x} \\right|_{x=0} = 1'
    >>> plain_wrappers(r"\left[ \sigma(z) = \frac{1}{1 + e^{-z}} \right]"), plain_wrappers(r"\sum\_{i=1}^{n} x\_i + x\_pad")
    (' \\sigma(z) = \\frac{1}{1 + e^{-z}} ', '\\sum_{i=1}^{n} x_i + x\\_pad')
    >>> plain_wrappers(r"\frac{d L(\theta)}{d\theta} + \nabla J(a) + \nabla J(W, b) + \partial L(f(x), y)")
    '\\frac{d L}{d\\theta} + \\nabla_{a} J + \\nabla J(W, b) + \\partial L(f(x), y)'
    """
    latex = _MD_ESCAPE.sub("_", latex) if "\\_" in latex else latex       # \sum\_{i}: Markdown's escaped underscore
    latex = _whole_bracket(latex) if latex.lstrip().startswith("\\left[") else latex
    latex = _whole_font(latex) if _FONT_OPEN.match(latex) else latex
    latex = _without_reasons(latex) if "text" in latex and _REASON.search(latex) else latex
    out = _GLYPHS.sub(r"\\nabla ", latex) if ("triangledown" in latex or "▽" in latex or "∇" in latex) else latex
    out = _STAR.sub(r"\\star ", out) if "⋆" in out else out
    if "\\" not in out:
        return out
    out = _NUMBERING_ENV.sub(" ", out)
    if "\\left" in out and "\\right" in out:
        out = _delimited_environments(out)
    if "cases" in out:
        out = _CASES_BODY.sub(lambda m: m.group(1) + _joined_conditions(m.group(2)) + m.group(3), out)
    if "(" in out and re.search(_LOSS, out):
        out = _loss_arguments(out, calls)
    return out


def _whole_bracket(latex: str) -> str:
    r"""``\left[ a = b \right]`` that is the whole display (a ``\[ … \]`` a converter turned into brackets): its
    content, where it holds an ``=`` outside every group; else as written (a bracketed matrix or term stays)."""
    pairs = _pairs(latex)
    whole = [(o, c) for o, c in pairs if o.start() == len(latex) - len(latex.lstrip()) and not latex[c.end():].strip()
             and o.group(2) == "[" and c.group(2) == "]"]
    if not whole:
        return latex
    return _equation_inside(latex[whole[0][0].end():whole[0][1].start()], latex)    # not a = b inside an array's cell


def _equation_inside(inner: str, latex: str) -> str:
    """``inner``, a whole display's content, where it holds an ``=`` outside every group; else ``latex`` as written."""
    try:
        return inner if len(split_top_level(inner, ("=",))) > 1 else latex
    except LatexAtomError:
        return latex


_FONT_OPEN = re.compile(r"\s*\\(?:mathrm|rm|mathit|mathnormal|displaystyle)\s*\{")


def _whole_font(latex: str) -> str:
    r"""``\mathrm{Z_1 = XW_1 + b_1}`` that is the whole display (a blog's upright equation): its content, where it
    holds an ``=`` outside every group; else as written (``\mathrm{d}x = …``, ``\mathrm{softmax}(z)_i = …`` stay).

    >>> _whole_font(r"\mathrm{U[i,k] = e^{S[i,k]}}"), _whole_font(r"\mathrm{d} y = 2 x \, \mathrm{d}x")
    (' U[i,k] = e^{S[i,k]}', '\\mathrm{d} y = 2 x \\, \\mathrm{d}x')
    """
    opened = _FONT_OPEN.match(latex)
    close = matching(latex, opened.end() - 1)
    if close is None or latex[close + 1:].strip():
        return latex
    return _equation_inside(" " + latex[opened.end():close], latex)


# the opening of a reason at a row's end: ( \text{Because …, \bigg(\text{since …, \left( \text{by …
_REASON = re.compile(r"(?:\\(?:big|Big|bigg|Bigg)l?|\\left)?\s*\(\s*\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:because|since|by|from|"
                     r"using|taking|applying|substituting|via|recall|note|see|as\s+shown|因为|由于|根据|由)(?![A-Za-z])", re.I)
_ROW_END = re.compile(r"\s*(?:&\s*)*[.,;]?\s*(?:\\\\|\\end\s*\{|$)")
# a reason that states a condition on indices: (\text{since } i \neq j), (\text{because } k = c): it stays
_INDEX_CONDITION = re.compile(r"\\neq?(?![A-Za-z])|≠|(?<![\w\\{_^])[A-Za-z]'?\s*(?:=|<|>|\\[lg]eq?(?![A-Za-z]))\s*[A-Za-z0-9]'?(?![\w{])")


def _without_reasons(latex: str) -> str:
    r"""``latex`` without the reasons in parentheses that end its rows.

    >>> _without_reasons(r"a &= b &&&& (\text{Because gardients add up at forks})\\ &= c")
    'a &= b \\\\ &= c'
    >>> _without_reasons(r"a = b \quad (\text{by } (3)) + c")
    'a = b \\quad (\\text{by } (3)) + c'
    >>> _without_reasons(r"a = b \quad (\text{since } i \neq j)"), _without_reasons(r"a = b (\text{as } \sum_{i=1}^m x_i = 0)")
    ('a = b \\quad (\\text{since } i \\neq j)', 'a = b (\\text{as } \\sum_{i=1}^m x_i = 0)')
    """
    out, pos = [], 0
    for m in _REASON.finditer(latex):
        if m.start() < pos:
            continue
        k = matching(latex, m.start() + m.group().index("("), "()")
        end = _ROW_END.match(latex, k + 1) if k is not None else None
        if end is None or _INDEX_CONDITION.search(latex[m.end():k]):
            continue
        cut = m.start()
        while cut > pos and latex[cut - 1] in " &\t":
            cut -= 1
        out.append(latex[pos:cut] + " ")
        pos = k + 1
        while pos < len(latex) and latex[pos] in " &.,;\t":
            pos += 1
    return "".join(out) + latex[pos:] if out else latex


def _delimited_environments(latex: str) -> str:
    r"""Each ``\left<o> … \right<c>`` pair, innermost first: null pairs dropped, arrays in
    brackets as matrices, ``\left\{ array \right.`` as cases."""
    for _ in range(100):                       # each pass rewrites one pair, or none: done
        pair = next((p for p in _pairs(latex) if _rewrite(latex, *p) is not None), None)
        if pair is None:
            return latex
        latex = _rewrite(latex, *pair)
    return latex


def _pairs(latex: str) -> list[tuple[re.Match, re.Match]]:
    """The matched ``\\left`` / ``\\right`` pairs of ``latex``; none where they do not balance."""
    stack, pairs = [], []
    for m in _DELIMITER.finditer(latex):
        if m.group(1) == "left":
            stack.append(m)
        elif not stack:
            return []
        else:
            pairs.append((stack.pop(), m))
    return pairs if not stack else []


def _rewrite(latex: str, opening: re.Match, closing: re.Match) -> str | None:
    """``latex`` with one pair rewritten, or None where this pair stays as written."""
    o, c = opening.group(2) or "", closing.group(2) or ""
    inner = latex[opening.end():closing.start()]
    before, after = latex[:opening.start()], latex[closing.end():]
    if o == "." and c == ".":
        return before + inner + after
    if o == "\\{" and c == ".":
        inner = bare_group(inner)                  # \left\{{\begin{array}…}}\right.: Wikipedia's
        if _CASES.fullmatch(inner):
            return before + inner + after
        array = _ARRAY.fullmatch(inner)
        rows = array.group(2) if array and re.fullmatch(r"[lcr\s]*", array.group(1) or "") else \
            (m.group(3) if (m := _MATRIX.fullmatch(inner)) else None)          # matrix, aligned: no column spec
        if rows is not None:
            return before + r"\begin{cases}" + word_column(rows) + r"\end{cases}" + after
        return None
    if (o, c) in (("(", ")"), ("[", "]")):
        array = _ARRAY.fullmatch(inner)
        if array and re.fullmatch(r"[lcr\s]+", array.group(1)) and not _RELATION.search(array.group(2)):
            return (latex[:opening.end()] + r" \begin{matrix}" + array.group(2) + r"\end{matrix} " +
                    latex[closing.start():])
    return None


_MD_ESCAPE = re.compile(r"(?<!\\)\\_(?=\s*\{|[A-Za-z0-9](?![A-Za-z0-9}]))")   # \sum\_{i}, x\_i: subscripts; x\_pad a name's
_CASES_BODY = re.compile(r"(\\begin\s*\{cases\*?\})((?:(?!\\begin\s*\{cases).)*?)(\\end\s*\{cases\*?\})", re.S)
_TRAILING_SPACE = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|[,;])+$")


def _joined_conditions(body: str) -> str:
    r"""A cases body with a condition typed over two rows joined: a row with no value,
    ``& \& j \le v``, continues the condition above it (``\&``, a typed "and", as ``\land``)."""
    rows = cell_rows(body)
    joined: list[list[str]] = []
    for row in rows:
        row = [cell.replace("\\&", " \\land ") for cell in row]
        row = row[:1] + [cell for cell in row[1:] if cell.strip()]     # value && condition, a trailing &
        if not "".join(row).strip():
            continue                                           # a trailing \\
        if joined and len(row) == 2 and not row[0].strip() and len(joined[-1]) == 2:
            more = re.sub(r"^(?:\s|\\[,;:! ]|\\land(?![A-Za-z]))*", "", row[1])
            joined[-1][1] = _TRAILING_SPACE.sub("", joined[-1][1]) + " \\land " + more.strip()
        else:
            joined.append(row)
    if "\\&" not in body and [len(r) for r in joined] == [len(r) for r in rows]:
        return body
    return " \\\\ ".join(" & ".join(row) for row in joined)


def _loss_arguments(latex: str, calls: dict | None = None) -> str:
    """A differentiated loss's argument list dropped; ``\\nabla J(a)`` as ``\\nabla_{a} J``.  Not where the
    page defines that loss with other arguments (``calls``, :func:`loss_calls`): ``C(z, y)`` beside
    ``C(a, y) = \\frac12 (a - y)^2`` is C at z, not the loss."""
    out, pos = [], 0
    for m in _DIFFERENTIATED.finditer(latex):
        if m.start() < pos:
            continue
        span = _argument_list(latex, m.end())
        if span is None or (calls and calls.get(_squeeze(m.group(2)), _squeeze(span[0])) != _squeeze(span[0])):
            continue
        out += [latex[pos:m.end()].rstrip()]
        pos = span[1]
    latex = "".join(out) + latex[pos:]
    out, pos = [], 0
    for m in _BARE_NABLA.finditer(latex):
        span = _argument_list(latex, m.end())
        if span is None or re.search(r"[,;]", span[0]):
            continue
        out += [latex[pos:m.start()], rf"\nabla_{{{span[0].strip()}}} {m.group(1)}"]
        pos = span[1]
    return "".join(out) + latex[pos:]


# a row that defines a loss with its arguments: L(\hat y, y) = …, at a display's or a row's start
_CALL_DEFINED = re.compile(r"(?:^|\$\$|\\\\|\\\[|\n|&)\s*(" + _LOSS + r")\s*(?=\(|\\left\s*\()")


@functools.lru_cache(maxsize=8)
def loss_calls(text: str) -> dict:
    """{loss: its arguments, spaces dropped} of the losses a page defines with an argument list
    (``L(\\hat y, y) = …``); a loss defined with two lists is left out (either may be meant).

    >>> loss_calls("$$ C(a, y) = \\frac{1}{2}(a - y)^2 $$")
    {'C': 'a,y'}
    """
    found: dict = {}
    for m in _CALL_DEFINED.finditer(text):
        span = _argument_list(text, m.end())
        if span is not None and text[span[1]:].lstrip().startswith("="):
            found.setdefault(_squeeze(m.group(1)), set()).add(_squeeze(span[0]))
    return {name: args.pop() for name, args in found.items() if len(args) == 1}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+|\\[,;!: ]", "", text)


def _argument_list(latex: str, start: int) -> tuple[str, int] | None:
    """(the inside, the end) of the ``( … )`` / ``\\left( … \\right)`` at ``start`` when it
    holds names separated by ``,`` / ``;`` and nothing that operates; else None."""
    left = latex.startswith("\\left", start)
    open_at = latex.index("(", start)
    depth, k = 0, open_at
    while k < len(latex):
        ch = latex[k]
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            break
        k += 1
    else:
        return None
    inner = latex[open_at + 1:k]
    end = k + 1
    if left:
        if not inner.rstrip().endswith("\\right"):
            return None
        inner = inner.rstrip()[:-len("\\right")]
    top = inner
    for _ in range(5):                            # x^{(i)}, W^{l-1}: scripts are part of a name
        top = re.sub(r"\{[^{}]*\}", " ", top)
    if not top.strip() or "(" in top or "{" in top or _ARGUMENT_OPERATOR.search(top) or \
            any(not re.search(r"[A-Za-z]", item) for item in re.split(r"[,;]", top)):
        return None                               # L(\hat y, 1): the loss at a value, not the loss
    return inner, end


# ∇ with no subscript before a name: ∂L/∂(name) only where the document defines it so
_NAME = (r"(?:\\[A-Za-z]+|[A-Za-z])(?![A-Za-z])(?:\s*(?:[_^]\s*(?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
         r"|\\[A-Za-z]+|\w)|'))*")
_DEFINED_GRADIENT = re.compile(r"\\nabla\s*(" + _NAME + r")\s*=\s*\\[dt]?frac\s*\{\s*\\partial\s*(" + _LOSS +
                               r")\s*\}\s*\{\s*\\partial\s*(" + _NAME + r")\s*\}")
_BARE_GRADIENT = re.compile(r"\\nabla\s*(?=[A-Za-z\\])(" + _NAME + ")")


def _letter(name: str) -> str:
    return re.match(r"\\[A-Za-z]+|[A-Za-z]", name).group()


def defined_gradients(text: str) -> dict[str, str]:
    r"""The letters a document's own equations define ∇ of as the loss's gradient, with that
    loss: ``\bigtriangledown a^{l-1} = \frac{\partial J(W, b)}{\partial a^{l-1}}`` gives
    ``{'a': 'J'}``.  ``\nabla W_k = \frac{1}{N} \frac{\partial L}{\partial W_k}`` (∇W an
    average there) and ``\nabla L = \frac{\partial L}{\partial Y}`` define nothing of the kind.

    >>> defined_gradients(r"$$\bigtriangledown a^{l-1} = \frac {\partial J(W, b)} {\partial a^{l-1}}$$")
    {'a': 'J'}
    >>> defined_gradients(r"$$\nabla W_k = \frac{1}{N} \cdot \frac{\partial L}{\partial W_k}$$")
    {}
    """
    if not any(mark in text for mark in ("nabla", "triangledown", "▽", "∇")):
        return {}
    plain = _loss_arguments(_GLYPHS.sub(r"\\nabla ", text)) if "(" in text else _GLYPHS.sub(r"\\nabla ", text)
    found: dict[str, str] = {}
    for m in _DEFINED_GRADIENT.finditer(plain):
        if re.sub(r"\s+", "", m.group(1)) == re.sub(r"\s+", "", m.group(3)) and not re.fullmatch(_LOSS, m.group(1)):
            found.setdefault(_letter(m.group(1)), m.group(2))
    return found


def gradient_names(latex: str, defined: dict[str, str]) -> str:
    r"""``\nabla a_{11}`` (no subscript on ∇) written ``\frac{\partial J}{\partial a_{11}}`` where
    the document defines ∇a as ∂J/∂a (``defined``, from :func:`defined_gradients`); every other
    ∇ stays as written.

    >>> gradient_names(r"\bigtriangledown a_{12} = w_{11}\delta_{12} + \nabla W", {"a": "J"})
    '\\frac{\\partial J}{\\partial a_{12}} = w_{11}\\delta_{12} + \\nabla W'
    """
    if not defined or not any(mark in latex for mark in ("nabla", "triangledown", "▽", "∇")):
        return latex
    latex = _GLYPHS.sub(r"\\nabla ", latex)

    def one(m: re.Match) -> str:
        name = m.group(1).strip()
        loss = defined.get(_letter(name))
        return rf"\frac{{\partial {loss}}}{{\partial {name}}}" if loss else m.group()
    return _BARE_GRADIENT.sub(one, latex)
