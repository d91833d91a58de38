r"""Presentation markup that carries no mathematics, and markup that does.

Authors dress a display for the page with markup that prints nothing of the equation or only
decorates it: struts ``\rule{0mm}{7mm}`` / ``\rule[-1ex]{0pt}{3ex}`` that open up a row,
``\underbrace{X}_{\text{label}}`` / ``\overbrace{X}^{label}`` that name a part (``X`` is the
mathematics, the label a caption), ``\color{red}`` / ``\color{red}{X}`` / ``{\color{red} X}`` /
``\textcolor{red}{X}`` / ``\colorbox{yellow}{X}`` / ``\bbox[yellow]{X}`` that highlight a term,
``\smash{X}``, a sign an equation editor writes as text (``\text{=}``, ``\text{+}``).
:func:`plain_markup` writes each as the mathematics it prints; the report keeps the written text.

Markup that changes what a display says is never dropped: a term struck out (``\cancel{x}``,
``\bcancel``, ``\xcancel``, ``\cancelto{0}{x}``, ``\sout``), a negated relation (``\not=``,
``\not\in``), and a highlighted or labelled term the display's own words call wrong (``\color{red}{x}
\text{ (wrong)}``).  :func:`markup_reason` names such markup, and the checker leaves the claim
unchecked with that reason.

Example::

    >>> plain_markup(r"\underbrace{X \otimes F}_{O_{2×2}} = O \\ \rule{0mm}{7mm} F' = F - \alpha G")
    "{X \\otimes F} = O \\\\   F' = F - \\alpha G"
    >>> plain_markup(r"\frac{\partial L}{\partial w} = \textcolor{red}{\frac{\partial L}{\partial y}} x")
    '\\frac{\\partial L}{\\partial w} = {\\frac{\\partial L}{\\partial y}} x'
    >>> markup_reason(r"\frac{\partial L}{\partial w} = \cancel{a} + b")
    "'\\cancel' strikes out a term: which claim is meant is not read"
"""
from __future__ import annotations

import re

from .display_forms import matching

MAX_MARKUP_CHARS = 20_000                               # as display_forms: longer ones stay as written

# \rule[raise]{width}{height}: a strut or a drawn line, never a symbol of the equation
_RULE = re.compile(r"\\rule\s*(?:\[[^\[\]{}]*\]\s*)?\{[^{}]*\}\s*\{[^{}]*\}")
# a colour switch: \color{red}, \color[rgb]{1,0,0}, \color{#ff0000}; its group, if any, stays a group
# a colour definition, no mathematics (display_rows drops it before splitting rows too)
DEFINECOLOR = re.compile(r"\\definecolor\s*\{[^{}]*\}\s*\{[^{}]*\}\s*\{[^{}]*\}")
_MBOX = re.compile(r"\\mbox(?![A-Za-z])")
_COLOR = re.compile(r"\\color\s*(?:\[[^\[\]{}]*\]\s*)?\{[^{}]*\}")
# commands whose last braced argument is the mathematics: \textcolor{c}{X}, \colorbox{c}{X},
# \fcolorbox{frame}{back}{X}, MathJax's \bbox[yellow]{X}, \smash[b]{X}; the colour arguments before it
_COLORED = {"textcolor": 1, "colorbox": 1, "fcolorbox": 2, "bbox": 0, "smash": 0}
_COLORED_HEAD = re.compile(r"\\(textcolor|colorbox|fcolorbox|bbox|smash)(?![A-Za-z])\s*(?:\[[^\[\]{}]*\]\s*)?")
# \underbrace{X}_{label}, \overbrace{X}^{label}, \underbracket, \overbracket: X stays, the label goes
_BRACE_HEAD = re.compile(r"\\(underbrace|overbrace|underbracket|overbracket)(?![A-Za-z])\s*")
# markup that changes what the display says
_STRUCK = re.compile(r"\\(cancelto|cancel|bcancel|xcancel|sout|st)(?![A-Za-z])")
_NOT = re.compile(r"\\not(?![A-Za-z])")
# words in a display (\text{…}, \mbox{…}, \textrm{…}) that say a term is wrong
_TEXT = re.compile(r"\\(?:text|mbox|textrm|textit|textbf|mathrm)\s*\{([^{}]*)\}")
_WRONG_WORDS = re.compile(r"\b(?:wrong|incorrect|mistake|mistaken|error|erroneous|typo|false|bug|should\s+be|"
                          r"not\s+correct|invalid)\b|[✗✘×❌]|错|誤", re.I)


def plain_markup(latex: str) -> str:
    r"""``latex`` with struts and rules dropped, ``\underbrace{X}_{…}`` / ``\overbrace{X}^{…}``
    written as ``{X}``, colour switches dropped and ``\textcolor{c}{X}`` / ``\colorbox{c}{X}``
    written as ``{X}``; unchanged where there is none (and where a brace is never closed), and
    where :func:`markup_reason` finds markup that changes what the display says (the checker
    leaves its claim unchecked with that reason).

    >>> plain_markup(r"{\color{red} \delta_j} = \color{blue}{a_j} - y_j \rule[-1ex]{0pt}{3ex}")
    '{ \\delta_j} = {a_j} - y_j  '
    >>> plain_markup(r"\overbrace{a + b}^{\text{sum}} \cdot c")
    '{a + b} \\cdot c'
    >>> plain_markup(r"\definecolor{spin}{RGB}{251,0,29} \delta = {\color{spin} a} \mbox{ for all } i")
    '  \\delta = { a} \\text{ for all } i'
    """
    if "\\" not in latex or len(latex) > MAX_MARKUP_CHARS or markup_reason(latex):
        return latex                               # \cancel, \not, a term called wrong: as written
    out = _RULE.sub(" ", latex) if "\\rule" in latex else latex
    out = DEFINECOLOR.sub(" ", out) if "\\definecolor" in out else out     # a colour's definition: no mathematics
    out = _MBOX.sub(r"\\text", out) if "\\mbox" in out else out           # \mbox{…}: \text{…}
    if "\\color" in out:
        out = _COLOR.sub("", out)
    if "color" in out or "bbox" in out or "smash" in out:
        out = _colored(out)
    if "brace" in out or "bracket" in out:
        out = _braces(out)
    out = _TEXT_SIGN.sub(lambda m: m.group(1), out) if "\\text" in out else out     # \text{=} (MathType): =
    return _equation_editor(out) if _DOUBLE_OPEN.search(out) or re.search(r"\\mathop|\\boldsymbol\s|\{\s*\*\s*\{", out) else out


# an equation editor's export (MathType, MathJax copy-out): \mathop \sum \limits_{…}, \boldsymbol {A}
_MATHOP = re.compile(r"\\mathop\s*(?:\{\s*(\\(?:sum|prod))\s*\}|(\\(?:sum|prod)))\s*(?:\\(?:no)?limits(?![A-Za-z]))?")
_SPACED_BOLD = re.compile(r"\\(boldsymbol|mathbf|bm)\s+\{")
_ARRAY_SPEC = re.compile(r"\\begin\{array\}\s*\{\s*\*\s*\{\s*\d+\s*\}\s*\{\s*[lcr]\s*\}\s*\}")    # {*{20}{c} }
# { a_{11} } after an operator, a column mark or another such group: the entry a_{11} (never a script's or an argument's)
_BRACED_ATOM = re.compile(r"((?:^|[=+\-(,&*]|\\\\|\\cdot|\\times|\\begin\{[pbvBV]?matrix\})\s*)"
                          r"\{\s*([A-Za-z]\s*_\s*\{[^{}]*\})\s*\}")


_DOUBLE_OPEN = re.compile(r"\{\s*\{")
# MathType's { {b}^{l}}: a braced letter (or number, or command) with its scripts, in a group of its own
_SCRIPTED_ATOM = re.compile(r"\{\s*\{\s*([A-Za-z]|\d+|\\[A-Za-z]+)\s*\}\s*((?:[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\w|')\s*)+)\}")
_TEXT_SIGN = re.compile(r"\\text\s*\{\s*([=+\-])\s*\}")             # \text{=}, \text{+}: the sign


def _one_group_unwrapped(latex: str) -> str | None:
    """``latex`` with the first group that holds one group and spaces only written as that group, else None."""
    for m in _DOUBLE_OPEN.finditer(latex):
        inner = latex.index("{", m.start() + 1)
        close, outer = matching(latex, inner), matching(latex, m.start())
        if close is not None and outer is not None and not latex[close + 1:outer].strip():
            return latex[:m.start()] + latex[inner:close + 1] + latex[outer + 1:]
    return None


def _equation_editor(latex: str) -> str:
    r"""``latex`` with an equation editor's export written plainly: ``\mathop \sum \limits_{t = 1}^k`` as
    ``\sum_{t = 1}^k``, ``\boldsymbol {A}`` as ``\boldsymbol{A}``, a group that only wraps another group
    (``\frac{ {\partial L} }{ {\partial {x_i} } }``) as that group, MathType's braced atoms with their scripts
    (``{ {b}^{l}}``, ``{ {f}^{'}}``) as ``b^{l}``, ``f'`` (:func:`plain_markup` writes its ``\text{=}`` as ``=``).

    >>> _equation_editor(r"{c_{ij} } = \mathop \sum \limits_{t = 1}^k {a_{it} }{b_{tj} }")
    'c_{ij} = \\sum_{t = 1}^k {a_{it} }{b_{tj} }'
    >>> _equation_editor(r"\frac{ {\partial L} }{ {\partial \boldsymbol {A} } }")
    '\\frac{\\partial L}{\\partial \\boldsymbol{A} }'
    >>> _equation_editor(r"x_{ij}^{l}={ {b}^{l}} + ro{ {t}_{ { {180}^{\circ }}}} { {f}^{'}}")
    "x_{ij}^{l}=b^{l} + rot_{180^{\\circ }} f'"
    """
    out = _SPACED_BOLD.sub(lambda m: "\\" + m.group(1) + "{", _MATHOP.sub(lambda m: m.group(1) or m.group(2), latex))
    if _ARRAY_SPEC.search(out):                 # MathType's \begin{array}{*{20}{c}}: a matrix
        out = _ARRAY_SPEC.sub(r"\\begin{matrix}", out).replace(r"\end{array}", r"\end{matrix}")
    for _ in range(500):                       # { {X} } -> {X}, one group at a time
        if (unwrapped := _one_group_unwrapped(out)) is None:
            break
        out = unwrapped
    for _ in range(50):                        # { {b}^{l}}, { {t}_{ { {180}^{\circ }}}}, { {f}^{'}}: b^{l}, t_{180^{\circ }}, f'
        out, found = _SCRIPTED_ATOM.subn(lambda m, o=out: _atom(m, o), out)
        if not found:
            break
    for _ in range(3):                          # {a_{11} }&{a_{12} }: one entry each
        out = _BRACED_ATOM.sub(lambda m: m.group(1) + (" " if m.group(1).endswith("\\") else "") + m.group(2), out)
    return out


def _atom(m: re.Match, text: str) -> str:
    """A MathType atom ``{ {b}^{l}}`` as ``b^{l}``; braced where it is itself a script (``t_{ {180}^{\\circ}}``)."""
    atom = m.group(1) + re.sub(r"\^\s*\{\s*'\s*\}", "'", m.group(2)).rstrip()
    return "{" + atom + "}" if re.search(r"[_^]\s*$", text[:m.start()]) else atom


def _colored(latex: str) -> str:
    r"""``\textcolor{c}{X}``, ``\colorbox{c}{X}``, ``\fcolorbox{f}{b}{X}`` as ``{X}``."""
    for _ in range(200):
        m = _COLORED_HEAD.search(latex)
        if not m:
            return latex
        pos = m.end()
        for _arg in range(_COLORED[m.group(1)]):        # the colour arguments
            close = matching(latex, pos) if latex.startswith("{", pos) else None
            if close is None:
                return latex
            pos = close + 1
            pos += len(latex[pos:]) - len(latex[pos:].lstrip())
        close = matching(latex, pos) if latex.startswith("{", pos) else None
        if close is None:
            return latex
        latex = latex[:m.start()] + latex[pos:close + 1] + latex[close + 1:]
    return latex


def _braces(latex: str) -> str:
    r"""``\underbrace{X}_{label}`` / ``\overbrace{X}^{label}`` as ``{X}`` (the label, braced or
    one token, dropped)."""
    for _ in range(200):
        m = _BRACE_HEAD.search(latex)
        if not m or not latex.startswith("{", m.end()):
            return latex
        close = matching(latex, m.end())
        if close is None:
            return latex
        body = latex[m.end():close + 1]
        rest = latex[close + 1:]
        script = "_" if m.group(1).startswith("under") else "^"
        label = re.match(r"\s*" + re.escape(script) + r"\s*", rest)
        end = 0
        if label:
            k = label.end()
            if rest.startswith("{", k):
                shut = matching(rest, k)
                if shut is None:
                    return latex
                end = shut + 1
            else:
                token = re.match(r"\\[A-Za-z]+|\S", rest[k:])
                end = k + (token.end() if token else 0)
        latex = latex[:m.start()] + body + rest[end:]
    return latex


def markup_reason(latex: str) -> str | None:
    r"""Why markup in ``latex`` changes what it says, so its claim is not read: a term struck
    out, a negated relation, a coloured term the display's own words call wrong; ``None``
    where there is none.

    >>> markup_reason(r"\delta = a \not= b")
    "'\\not' negates a relation: the claim is not an equation"
    >>> markup_reason(r"\delta = \color{red}{a_j - y_j} \quad \text{(wrong sign)}")
    "a highlighted term the display calls wrong ('(wrong sign)'): which claim is meant is not read"
    >>> markup_reason(r"\delta = \color{red}{a_j - y_j}") is None
    True
    """
    if "\\" not in latex:
        return None
    struck = _STRUCK.search(latex)
    if struck:
        return f"'\\{struck.group(1)}' strikes out a term: which claim is meant is not read"
    if _negated_claim(latex):
        return "'\\not' negates a relation: the claim is not an equation"
    if "color" in latex or "brace" in latex or "bracket" in latex:     # a highlight or a label
        for words in _TEXT.findall(latex):
            if _WRONG_WORDS.search(words):
                return (f"a highlighted term the display calls wrong ('{words.strip()}'): "
                        "which claim is meant is not read")
    return None


_CONDITION = re.compile(r"\\(?:text|mathrm|textrm|mbox|quad|qquad|forall)(?![A-Za-z])|&|,|\\[;,]|\b(?:if|for|when)\b")
_CASES_BODY = re.compile(r"\\begin\s*\{cases\*?\}.*?\\end\s*\{cases\*?\}", re.S)


def _negated_claim(latex: str) -> bool:
    r"""Whether a row's own relation is negated, ``A \not= B`` or ``A = B \not= C``;
    ``\not=`` in a condition after the claim (``= a \quad \text{if } i \not= j``, ``, i \not= j``,
    a cases row ``i \not= j``) is the plain ≠ the readers read."""
    for row in re.split(r"\\\\", _CASES_BODY.sub(" ", latex)):
        for m in _NOT.finditer(row):
            before = row[:m.start()]
            if "=" not in before or not _CONDITION.search(before[before.index("="):]):
                return True
    return False


__all__ = ["plain_markup", "markup_reason", "MAX_MARKUP_CHARS"]
