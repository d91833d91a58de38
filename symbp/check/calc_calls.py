r"""A vector function written entry by entry with its argument: ``\sigma_i(z)``, ``S_j(z)``.

Authors define the softmax as a function of the whole vector and name its i-th entry with the
argument attached, ``\sigma_i(z) = \frac{e^{z_i}}{\sum_j e^{z_j}}``, then write ``\sigma_s(z)``,
``\frac{\partial}{\partial z_s} \sigma_i(z)``, ``\log \sigma_i(z)``.  Where the document defines
such an entry (a row that starts ``NAME_{i}(v) =`` with ``v`` one bare letter), every call of
that name on that same letter is the entry itself: :func:`uncall` writes ``\sigma_s(z)`` as
``\sigma_s``, which the scalar-layer reader reads as entry s of the vector σ the definition
gives; a bare call on that letter, ``\sigma(\mathbf z) - \mathbf y``, is the vector σ itself where the page
writes every bare call's argument in bold (a plain ``a = \phi(z)`` may be a neuron's activation above the page's
softmax, ``\sigma(z) = \frac{1}{1+e^{-z}}`` a logistic function).  A call on anything else
(``\sigma_i(x)``, ``\sigma(z_i)``) stays as written.

>>> table = vector_functions(r"$$ \sigma_i(z) = \frac{e^{z_{i}}}{\sum_j e^{z_j}} $$")
>>> sorted(table)
[('\\sigma', 'z')]
>>> uncall(r"\frac{\partial}{\partial z_{s}} \sigma_i(z) = - \sigma_s(z) \sigma_{i}(z) + \sigma(z_i)", table)
'\\frac{\\partial}{\\partial z_{s}} \\sigma_i = - \\sigma_s \\sigma_{i} + \\sigma(z_i)'
"""
from __future__ import annotations

import re

from .fc_typography import letters_key

_NAME = r"(\\(?:sigma|phi|psi|varphi|rho|pi)|[A-Za-z])"
_INDEX = r"(?:\{\s*[a-z]\s*\}|[a-z])"
# blanks with at most one alignment "&" among them, as \s*&?\s* reads them, but without trying
# every split of a long run of blanks (a page's comment, blanked, is one: quadratic there)
_GAP = r"\s*(?:&\s*)?"
_ARG = (r"([A-Za-z]|\\(?:mathbf|boldsymbol|bm|vec)\s*(?:\{\s*[A-Za-z]\s*\}|\s[A-Za-z](?![A-Za-z]))"
        r"|\\(?:hat|tilde|bar)\s*(?:\{\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*[A-Za-z]\s*\}|[A-Za-z])\s*\}|\s*[A-Za-z](?![A-Za-z]))"
        r"|\\(?:theta|alpha|beta|omega)(?![A-Za-z]))")       # y, \mathbf y, \hat y (its own name), \theta
# a row that defines an entry: starts the display, a row or an aligned column, then NAME_i(v) =
_DEFINES = re.compile(r"(?:^|\$\$|\\\\|\\\[|\n)" + _GAP + _NAME + r"\s*_\s*" + _INDEX + r"\s*\(\s*" + _ARG +
                      r"\s*\)" + _GAP + "=")
# the entry written after the call, \phi(\mathbf z)_{j}, as a side of a definition (a_j = \phi(z)_j = …)
_DEFINES_AFTER = re.compile(r"(?:^|\$\$|\\\\|\\\[|\n|=|\{\s*\\displaystyle)" + _GAP + _NAME + r"\s*\(\s*" + _ARG +
                            r"\s*\)\s*_\s*" + _INDEX + _GAP + "=")
_BOLD_ARG = r"\\(?:mathbf|boldsymbol|bm|vec)\s*(?:\{\s*[A-Za-z]\s*\}|\s[A-Za-z](?![A-Za-z]))"   # a vector, in bold
_NOT_ENTRIES = {"\\exp", "\\log", "\\ln", "\\tanh"}
# a scalar function of whole vectors defined with its arguments, H(\mathbf y, \mathbf a) = …,
# {\mathrm{H}}(y, a) = …: the letter, upright or not, and its argument letters
_UPRIGHT = r"(?:\{\s*\\(?:mathrm|rm|operatorname)\s*\{\s*([A-Z])\s*\}\s*\}|\\(?:mathrm|operatorname|mathcal)\s*\{\s*([A-Z])\s*\}|([A-Z]))"
_ARGS = _ARG.replace("(", "(?:", 1) + r"(?:\s*,\s*" + _ARG.replace("(", "(?:", 1) + ")*"
_FUNCTION = re.compile(r"(?:^|\$\$|\\\\|\\\[|\n|\{\s*\\displaystyle)" + _GAP + _UPRIGHT + r"\s*\(\s*(" + _ARGS +
                       r")\s*\)" + _GAP + "=")

# a capital's derivative written with a prime on its call, S'(x), S^{'}(x), S^{\prime}(x): the scalar
# function reader's (calc_scalar_fn), not a function of whole vectors
_PRIMED_CALL = re.compile(r"(?<![\\A-Za-z])([A-Z])\s*(?:'+|\^\s*\{\s*(?:'+|\\prime)\s*\}|\^\s*(?:'|\\prime))\s*(?:\\left\s*)?\("
                          r"|\\frac\s*\{\s*(?:d|\\partial|\\mathrm\s*\{\s*d\s*\})\s*([A-Z])\s*\}\s*\{[^{}]*\}\s*(?:\\left\s*)?\(")   # \frac{dT}{ds}(s)


def vector_functions(text: str) -> frozenset:
    """{(name, argument)} of the entries ``text``'s displays define as ``NAME_{i}(v) = …`` (or
    ``… = NAME(v)_{i} = …``), and {(letter, arguments, "call")} of the functions they define as
    ``H(y, a) = …``."""
    if "(" not in text:
        return frozenset()
    entries = {(m.group(1), _bare(m.group(2))) for pattern in (_DEFINES, _DEFINES_AFTER)
               for m in pattern.finditer(text) if m.group(1) not in _NOT_ENTRIES}
    primed = {m.group(1) or m.group(2) for m in _PRIMED_CALL.finditer(text)}      # S'(x) beside S(x) = …: a function of a number
    calls = {(m.group(1) or m.group(2) or m.group(3), _arguments(m.group(4)), "call") for m in _FUNCTION.finditer(text)
             if not ((m.group(1) or m.group(2) or m.group(3)) in primed and len(_arguments(m.group(4))) == 1)}
    wholes = {(name, arg, "vector", lines) for name, arg in entries for part, lines in _parts(text)
              if _defines_entry(part, name, arg) and _bare_calls_bold(part, name, arg)}
    return frozenset(entries | calls | wholes | _aliases(text, entries))


# math on the page: $$ … $$, \[ … \], $ … $ (a display first, so its dollars are not read as two inline spans)
_MATH = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\$([^$]+)\$", re.S)


def _aliases(text: str, entries: set) -> set:
    r"""{(name, z, "alias", w)}: the page defines entry i of a vector function on a dummy letter,
    ``\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_j e^{z_j}}``, and then applies it to one other vector only,
    ``\frac{\partial [\sigma(\mathbf{a})]_i}{\partial a_j}``: where z is written nowhere else from the first such
    call on (no other display, no later inline math), w nowhere defined (``a = …``) nor an index, every claim is
    read with w written as z (the definition's argument renamed, one vector throughout: a bare ``\sigma_i`` is
    then the entry of σ(w), as such pages say it is)."""
    out, args = set(), {}
    for name, arg in entries:
        args.setdefault(name, set()).add(arg)
    for name, written in args.items():
        if len(written) != 1 or not re.fullmatch(r"[A-Za-z]", next(iter(written))):
            continue
        arg = next(iter(written))
        calls = list(re.finditer(re.escape(name) + r"(?![A-Za-z])\s*(?:_\s*" + _INDEX + r"\s*)?\(\s*" + _ARG + r"\s*\)", text))
        others = {_bare(m.group(1)) for m in calls} - {arg}
        if len(others) != 1:
            continue
        other = next(iter(others))
        first = min(m.start() for m in calls if _bare(m.group(1)) == other)
        if re.fullmatch(r"[A-Za-z]", other) and other not in "deijklmnpqrstT" and \
                not _written_after(text, arg, name, first) and not _defined_or_index(text, other):
            out.add((name, arg, "alias", other))
    return out


def _letter(letter: str) -> re.Pattern:
    return re.compile(r"(?<![\\A-Za-z])" + letter + r"(?![A-Za-z])")


def _written_after(text: str, letter: str, name: str, start: int) -> bool:
    """Whether ``letter`` is written in math other than the rows that define entries of ``name``: in any
    display, or in inline math from ``start`` on."""
    for m in _MATH.finditer(text):
        body = m.group(1) or m.group(2)
        if body is None and m.start() < start:
            continue
        rows = re.split(r"\\\\", body if body is not None else m.group(3))
        if any(_letter(letter).search(row) and not _defines_entry("\n" + row.strip(), name, letter) for row in rows):
            return True
    return False


def _defined_or_index(text: str, letter: str) -> bool:
    r"""Whether math on the page defines ``letter`` (``a = …``, ``\mathbf{a}_i := …``) or writes it as an index."""
    bold = r"(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?"
    defines = re.compile(r"(?:^|\\\\|&|\n)\s*" + bold + letter + r"\s*\}?\s*(?:[_^]\s*(?:\{[^{}]*\}|\w)\s*)*(?:&\s*)?:?=")
    index = re.compile(r"_\s*\{[^{}]*(?<![\\A-Za-z])" + letter + r"(?![A-Za-z])[^{}]*\}|_\s*" + letter + r"(?![A-Za-z])|\\sum_\{?\s*" + letter)
    for m in _MATH.finditer(text):
        body = m.group(1) or m.group(2) or m.group(3)
        if defines.search(body) or index.search(body):
            return True
    return False


def _parts(text: str) -> list:
    """[(part, (first line, last line))]: the page's parts between headings (a Markdown ``#`` line or a
    LaTeX ``\\section``), lines counted from 1 as the readers count a claim's."""
    cuts = [0] + [m.start() for m in re.finditer(r"(?m)^\s{0,3}#{1,6}\s|\\(?:sub)*section\*?\s*\{", text)] + [len(text)]
    return [(text[a:b], (text.count("\n", 0, a) + 1, text.count("\n", 0, b) + 1)) for a, b in zip(cuts, cuts[1:]) if b > a]


def _defines_entry(part: str, name: str, arg: str) -> bool:
    return any(m.group(1) == name and _bare(m.group(2)) == arg for pattern in (_DEFINES, _DEFINES_AFTER)
               for m in pattern.finditer(part))


# the logistic function said or written: σ in that part may be it, entrywise (red team 46)
_LOGISTIC = re.compile(r"sigmoid|logisti|시그모이드|S\s*型|\\frac\s*\{\s*1\s*\}\s*\{\s*1\s*\+\s*(?:e\s*\^|\\exp)", re.I)


def _bare_calls_bold(part: str, name: str, arg: str) -> bool:
    r"""Whether every call ``NAME(v)`` of the part with no entry index writes ``v`` in bold
    (``\sigma(\mathbf z) - \mathbf y``: the vector), and there is one, in a part that neither names nor writes the
    logistic function nor defines a bare call.  A plain ``a = \phi(z)`` may be a neuron's activation above the
    page's softmax, ``\sigma(t) = \frac{1}{1+e^{-t}}`` a logistic function."""
    bare = re.compile(re.escape(name) + r"(?![A-Za-z])\s*\(\s*" + _ARG + r"\s*\)(?!\s*_)")
    written = [m.group(1) for m in bare.finditer(part) if _bare(m.group(1)) == arg]
    defined = re.search(re.escape(name) + r"(?![A-Za-z])\s*\([^()=]*\)\s*(?:&\s*)?=", part)
    return bool(written) and all(re.match(_BOLD_ARG, w) for w in written) and not defined and not _LOGISTIC.search(part)


def _arguments(written: str) -> tuple:
    """``\\mathbf y, a``: ("y", "a")."""
    return tuple(_bare(a.strip()) for a in written.split(","))


def uncall(latex: str, table: frozenset, line: int | None = None, page: bool = False) -> str:
    """``latex`` with each call ``NAME_{x}(v)`` (``NAME(v)_{x}``) of a defined entry written as
    ``NAME_{x}``, and each call ``H(y, a)`` of a function defined with those arguments as ``H``; a bare
    call of a vector's entry only in the part that defines it: a claim at ``line``, or the ``page`` whole."""
    for name, arg, *call in sorted(table, key=lambda entry: entry[2:3] != ("alias",)):   # a renamed argument first
        if call[:1] == ["alias"]:     # σ(\mathbf a)_i where the page defines σ(\mathbf z)_i on a dummy z: a as z
            rename = _letter(call[1])
            latex = _MATH.sub(lambda m: rename.sub(arg, m.group(0)), latex) if page else rename.sub(arg, latex)
            continue
        if call[:1] == ["vector"]:    # \sigma(\mathbf z) where its part defines \sigma(\mathbf z)_i: the vector itself
            lo, hi = call[1]
            if page:
                rows = latex.split("\n")
                latex = "\n".join(rows[:lo - 1] + [uncall(r, frozenset({(name, arg, *call)}), lo) for r in rows[lo - 1:hi]]
                                  + rows[hi:])
            if page or line is None or not lo <= line <= hi:
                continue
            whole = re.compile(re.escape(name) + r"(?![A-Za-z])\s*\(\s*" + _ARG + r"\s*\)(?!\s*_)")
            latex = whole.sub(lambda m: name if _bare(m.group(1)) == arg else m.group(0), latex)
            continue
        if call:                      # H(y, a) of a function defined so: the letter H
            at = re.compile(r"(?<![A-Za-z\\])" + _UPRIGHT.replace("[A-Z]", name) + r"\s*\(\s*(" + _ARGS + r")\s*\)")
            latex = at.sub(lambda m: (_head(m.group(0)) if "mathcal" in m.group(0) else name) + " " * m.string[m.end():m.end() + 1].isalnum()
                           if _arguments(m.group(4)) == arg else m.group(0), latex)   # \mathcal{L}(\mathbf w, b): \mathcal{L}
            continue
        if name not in latex:
            continue
        bracket = re.compile(r"(?:\\left\s*)?\[\s*(" + re.escape(name) + r"(?![A-Za-z])\s*\(\s*" + _ARG +
                             r"\s*\))\s*(?:\\right\s*)?\](?=\s*_)")            # [\sigma(\mathbf z)]_i: σ(z)_i
        latex = bracket.sub(lambda m: m.group(1) if _bare(m.group(2)) == arg else m.group(0), latex)
        call = re.compile(re.escape(name) + r"(?![A-Za-z])(\s*_\s*" + _INDEX + r")\s*\(\s*" + _ARG + r"\s*\)")
        latex = call.sub(lambda m: name + m.group(1) if _bare(m.group(2)) == arg else m.group(0), latex)
        after = re.compile(re.escape(name) + r"(?![A-Za-z])\s*\(\s*" + _ARG + r"\s*\)(\s*_\s*" + _INDEX + ")")
        latex = after.sub(lambda m: name + m.group(2) if _bare(m.group(1)) == arg else m.group(0), latex)
        at = re.compile(r"(\\[dt]?frac\s*\{\s*\\partial\s*" + re.escape(name) + r"\s*_\s*" + _INDEX +
                        r"\s*\}\s*\{\s*\\partial\s*" + re.escape(arg) + r"\s*_\s*" + _INDEX + r"\s*\})\s*\(\s*" + _ARG + r"\s*\)")
        latex = at.sub(lambda m: m.group(1) if _bare(m.group(2)) == arg else m.group(0), latex)   # ∂σ_i/∂z_j(z)
    return latex


def _head(call: str) -> str:
    """``\\mathcal{L}(\\mathbf w, b)``: ``\\mathcal{L}``, the function as written."""
    return call[:call.index("(")].rstrip()


def _bare(arg: str) -> str:
    """``\\mathbf{z}``, ``\\boldsymbol{z}``, ``z``: the letter z; ``\\hat y``, ``\\hat{\\mathbf y}``: "hat y", a name
    of its own; ``\\theta``: "theta"."""
    accent = re.match(r"\\(hat|tilde|bar)", arg.strip())
    if accent:
        return f"{accent.group(1)} {_bare(arg.strip()[len(accent.group(0)):].strip().strip('{}').strip() or arg)}"
    inner = re.search(r"\{\s*([A-Za-z])\s*\}|\s([A-Za-z])$", arg)
    return (inner.group(1) or inner.group(2)) if inner else arg.strip().lstrip("\\")


__all__ = ["uncall", "vector_functions"]
