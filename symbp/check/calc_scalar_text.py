r"""How the one-variable function reader (:mod:`symbp.check.calc_scalar_fn`) writes a row's text before it
parses it: ``e^{-z}`` as ``\exp(-z)``, ``tanh(x)`` and ``\sinh x`` as ``\tanh(x)`` and ``\sinh(x)``, ``sigmoid(x)`` as
``\text{sigmoid}(x)``, sizing commands dropped; a trailing "for every real x" dropped and a half-line condition
``x \in (-\infty, 0]`` written ``x \le 0``.

>>> normalized(r"\frac{\sinh x}{\cosh x} + sigmoid(x)")
'\\frac{\\sinh(x)}{\\cosh(x)} + \\text{sigmoid}(x)'
>>> half_lines(r"0, & x\in(-\infty, 0]")
'0, & x \\le 0 '
"""
from __future__ import annotations

import re

from .calc_tokens import over_to_frac


class Unread(Exception):
    """The text is not one this reader reads (the other readers try)."""


ALL_REALS = re.compile(r"\s*[,;]?\s*(?:\\q?quad\s*)*\{?\s*[a-z]\s*\\in\s*(?:\(\s*-\s*\\infty\s*,\s*\+?\s*\\infty\s*\)|"
                        r"\\mathbb\s*\{?\s*R\s*\}?|\\R(?![A-Za-z]))\s*\}?\s*[.,]?\s*$")     # , \quad x \in (-\infty, +\infty)
_HALF_LINE = re.compile(r"\{?\s*([a-z])\s*\\in\s*([(\[])\s*(-\s*\\infty|0)\s*,\s*(\+?\s*\\infty|0)\s*([)\]])\s*\}?")


def half_lines(latex: str) -> str:
    r"""Each condition ``x \in (-\infty, 0]`` written ``x \le 0`` (likewise ``(-\infty, 0)``, ``[0, +\infty)``,
    ``(0, +\infty)``), before the brackets are matched; any other interval unchanged."""
    def plain(m):
        var, left, low, high, right = m.groups()
        if "infty" in low and high == "0":
            return f" {var} \\le 0 " if right == "]" else f" {var} < 0 "
        if low == "0" and "infty" in high and "-" not in high:
            return f" {var} \\ge 0 " if left == "[" else f" {var} > 0 "
        return m.group(0)
    return _HALF_LINE.sub(plain, latex)


_E_POWER = re.compile(r"(?<![\\A-Za-z])e\s*\^\s*(\{|-?[A-Za-z0-9])")


def exp_calls(latex: str) -> str:
    """``e^{-z}`` and ``e^z`` written ``\\exp(-z)``, ``\\exp(z)``."""
    while True:
        m = _E_POWER.search(latex)
        if not m:
            return latex
        if m.group(1) != "{":
            latex = latex[:m.start()] + f"\\exp({m.group(1)})" + latex[m.end():]
            continue
        depth, k = 1, m.end()
        while k < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[k], 0)
            k += 1
        if depth:
            raise Unread("an unclosed brace")
        latex = latex[:m.start()] + "\\exp(" + latex[m.end():k - 1] + ")" + latex[k:]


_SIZING = re.compile(r"\\(?:[bB]igg?[lr]?|left|right)(?![A-Za-z])\s*(?=[()\[\]|.]|\\[{}])")
_BARE = re.compile(r"(?<![\\A-Za-z])(sinh|cosh|tanh|exp|log|ln|max)(?=\s*(?:[(^']|\\left))")
_ONE_LETTER_ARG = re.compile(r"\\(sinh|cosh|tanh|exp|log|ln)\s*(?:\{\s*([a-z])\s*\}|\s+([a-z]))(?![A-Za-z_^{(])")   # \sinh x, \tanh{s}
_BARE_SIGMOID = re.compile(r"(?<![\\A-Za-z])sigmoid(?=\s*(?:[(^']|\\left))")     # sigmoid(x): \text{sigmoid}(x)


def normalized(latex: str) -> str:
    """``\\bigl( … \\bigr)`` as ``( … )``, ``tanh(x)`` as ``\\tanh(x)``, ``’`` as a prime and
    ``{a \\over b}`` and ``\\dfrac`` / ``\\tfrac`` as ``\\frac``."""
    latex = _BARE.sub(r"\\\1", _SIZING.sub("", latex.replace("’", "'").replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")))
    latex = _ONE_LETTER_ARG.sub(lambda m: f"\\{m.group(1)}({m.group(2) or m.group(3)})", latex)
    return over_to_frac(_BARE_SIGMOID.sub(r"\\text{sigmoid}", latex))


# what a section or page writes that decides whether its names are one-variable functions
OWN_SIGMOID = re.compile(r"(?:^|(?<= )|(?<=\\\\))(?:\\(?:text|mathrm|operatorname)\{sigmoid\}|sigmoid)\([a-z]\)(?:&)?=")
VECTOR_CALL = re.compile(r"(?<![\\A-Za-z])(\\sigma|[A-Za-z])(?:_\{?[a-z0-9]\}?\(|\((?:\\(?:mathbf|boldsymbol|bm|vec)[^()]*|[a-z])\)_"
                         r"|_\{?[a-z]{1,2}\}?(?![A-Za-z(]))")       # S_i(z), S(\mathbf z)_i, S_i: entries of a vector S
_CALL = r"(?<![\\A-Za-z])(?!(?:sigmoid|exp|log|tanh|sinh|cosh|max)\b)[A-Za-z]+(?:'|\^\{?'+\}?)*\((?:[^()]|\([^()]*\))*\)"
CALLS_CONVOLVED = re.compile(_CALL + r"\*" + _CALL)
OTHER_DEFINITION = re.compile(r"(?:\\text\s*\{\s*(?:let|now let|define)\s*\}\s*(\\[A-Za-z]+|[A-Za-z]+)\s*\(|"
                              r"(\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z]+)\s*(?:\(\s*[^()]*\)\s*(?::=|\\coloneqq|\\triangleq|\\doteq|"
                              r"\\(?:stackrel|overset)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*=\s*\})|:\s*[a-z]\s*\\mapsto))", re.I)
INLINE_MATH = re.compile(r"(?<![$\\])\$(?!\$)([^$]+?)\$(?!\$)|\\\((.+?)\\\)", re.S)
INLINE_DEFINITION = re.compile(r"(\\sigma|\\phi|\\psi|(?<![\\A-Za-z])[A-Za-z]+)\s*\(\s*(?:\\mathbf\s*\{?\s*)?([a-z])\s*\}?\s*\)\s*"
                               r"(_\s*\{?\s*[a-z0-9]+\s*\}?)?\s*=\s*([^=,;]+)")


def defined_again(page: str, defs: dict, same_body) -> set:
    r"""The names of ``defs`` (keys (name, subscript)) that ``page`` defines again in a form a display's row does not
    show: with ``:=``, ``\coloneqq``, ``\mapsto``, ``\stackrel{def}{=}``, ``\text{let }``; as a vector's entries
    in the prose; or in the prose's inline math with another body (``Now let $f(x) = x^3$``: ``same_body(body, variable,
    definition)`` says; the same body restated is no redefinition)."""
    names = {k[0] for k in defs}
    out = {m.group(1) or m.group(2) for m in OTHER_DEFINITION.finditer(page)}
    for inline in INLINE_MATH.finditer(page):
        for m in INLINE_DEFINITION.finditer(inline.group(1) or inline.group(2) or ""):
            name, var, entry, body = m.groups()
            mine = [v for k, v in defs.items() if k[0] == name]
            if name in names and (entry or len(mine) != 1 or not same_body(body, var, mine[0])):
                out.add(name)
    return out & names


def bare_values(sides: list, names: list, var: str) -> list | None:
    r"""``\sigma'(x) = \sigma(1 - \sigma)``, ``f'(x) = 1 - f^2``: in a row that writes a defined one-variable
    function's name bare, the name is its value at the row's variable ``var``, and a call of it on an expression of
    bare names beside it is a product (``\sigma(1 - \sigma)`` is σ(x)·(1 - σ(x))); a call on anything else stays a
    call (``\sigma(-x)``, ``\sigma(1)``, ``\sigma(1 - \sigma(x))``); ``f^2(x)`` is f(x)^2.  None where a call's
    argument holds both a bare name and the variable (``\sigma(x - \sigma)``: which one is not settled).

    >>> bare_values([r"\sigma'(x)", r"\sigma(1 - \sigma)"], [r"\sigma"], "x")[1]
    '\\sigma(x) \\cdot (1 - \\sigma(x) )'
    >>> bare_values([r"\sigma'(x)", r"\sigma(-x) \sigma"], [r"\sigma"], "x")[1]
    '\\sigma(-x) \\sigma(x) '
    """
    out = list(sides)
    for name in names:
        lead, word = r"(?<![\\A-Za-z])" * (not name.startswith("\\")), re.escape(name) + r"(?![A-Za-z])"
        power_call = re.compile(lead + word + r"\s*\^\s*(\{\s*\d+\s*\}|\d)\s*(?:\\left\s*)?\(\s*" + var +
                                r"\s*(?:\\right\s*)?\)")                  # f^2(x): f(x)^2, as \tanh^2(x) is
        out = out[:1] + [power_call.sub(lambda m: f"{name}({var})^{m.group(1)}", side) for side in out[1:]]
        bare = re.compile(lead + word + r"(?!\s*(?:\(|\\left\s*\(|'|\^\s*\{?\s*(?:'|\\prime)|_|"
                          r"\^\s*(?:\{\s*\d+\s*\}|\d)\s*(?:\(|\\left)))")       # f^2(2x) is a call: not bare
        if not any(bare.search(side) for side in out[1:]):
            continue
        call = re.compile(lead + word + r"\s*(?:\\left\s*)?\(")
        variable = re.compile(r"(?<![\\A-Za-z])" + var + r"(?![A-Za-z])")
        for k in range(1, len(out)):
            side, pieces, at = out[k], [], 0
            for m in call.finditer(side):
                if m.start() < at:
                    continue
                inner = side[m.end():closing(side, m.end())]
                if bare.search(inner) and variable.search(inner):
                    return None                      # σ(x - σ): a call or a product?
                pieces.append(side[at:m.start()] + (f"{name}({var}) \\cdot (" if bare.search(inner) else m.group(0)))
                at = m.end()
            side = "".join(pieces) + side[at:]
            out[k] = bare.sub(lambda m: f"{name}({var}) ", side)
    return out


def closing(text: str, start: int) -> int:
    """The index of the ``)`` that closes the ``(`` just before ``start``; :class:`Unread` where none does."""
    depth = 1
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    raise Unread("an unclosed parenthesis")


SIGMA_SOFTMAX = re.compile(r"\\sigma\s*(?:\([^()]*\)\s*_\s*\{?\s*[a-z]\s*\}?|_\s*\{?\s*[a-z]\s*\}?\s*\([^()]*\))\s*&?=[^$]*?\\sum")


def sigma_again(text: str) -> list:
    r"""Where ``text`` defines σ again in a form a σ row does not show: ``\sigma(x) := …`` (``\coloneqq``, ``\triangleq``,
    ``\mapsto``, ``\text{let }``), or as a softmax's entries, ``\sigma(\mathbf z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}``.

    >>> sigma_again(r"$$ \sigma(x) = \frac{1}{1+e^{-x}} $$ $$ \sigma(x) := \tanh(x) $$") != []
    True
    """
    return sorted([m.start() for m in OTHER_DEFINITION.finditer(text) if (m.group(1) or m.group(2)) == "\\sigma"] +
                  [m.start() for m in SIGMA_SOFTMAX.finditer(text)])
