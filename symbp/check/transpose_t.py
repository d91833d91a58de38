r"""A lowercase ``t`` superscript as a transpose: ``\frac{\partial E}{\partial Y} W^{t}``,
``X^t \frac{\partial E}{\partial Y}``, ``(a^{l-1})^{t}``.

Some authors write the transpose with a small t. The same letter is a layer or time index
elsewhere (``h^{t}``, ``W^{(t+1)}``, ``\sum_t``, ``x_t``), so a document's ``^t`` is read as
a transpose only where ``t`` plays no other part in it: every ``t`` of its displays outside
macro names and ``\text{…}`` is such a superscript (none in a subscript, a sum, ``t-1``,
``^{(t)}``, a name ``t_k``, a word), and each letter carrying it is also written without it
(``W`` in ``Y = XW + B``: a matrix, not one step of a sequence). The whole document is asked,
not one section: a ``t`` that is a time step anywhere keeps every ``^t`` as it is. Anywhere else nothing is rewritten,
and the readers keep treating ``t`` as a label (unchecked, with their reason).

``\intercal``, ``\top``, ``\mathsf{T}`` and ``T`` are read as transposes already.

>>> rows = [r"Y = XW + B", r"\frac{\partial E}{\partial X} = \frac{\partial E}{\partial Y}W^{t}"]
>>> t_is_transpose(rows)
True
>>> transpose_t(rows[1])
'\\frac{\\partial E}{\\partial X} = \\frac{\\partial E}{\\partial Y}W^{T}'
>>> t_is_transpose([r"h^{t} = W h^{t-1}", r"\frac{\partial L}{\partial W} = \delta^{t} (h^{t})^{t}"])
False
"""
from __future__ import annotations

import re

# ^t / ^{t} after a letter name, a brace or a parenthesis (not e^{t}, not 2^t; not ^{t-1})
_SUPER_T = re.compile(r"(?P<base>(?:\\[A-Za-z]+\s*\{[A-Za-z]\}|[A-Za-z]|\}|\)|\]))\s*\^\s*"
                      r"(?:\{\s*t\s*\}|t(?![A-Za-z0-9]))")
_MACRO = re.compile(r"\\[A-Za-z]+")
_TEXT = re.compile(r"\\(?:text|mathrm|operatorname|textrm|mbox|begin|end)\s*\{[^{}]*\}")
_BASE_LETTER = re.compile(r"(?:\\[A-Za-z]+\s*\{([A-Za-z])\}|([A-Za-z]))$")
_GREEK = frozenset("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa "
                   "lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta "
                   "Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split())
# t - 1, t+1 in a superscript: the section's layers or steps t and t-1 (h^{t-1}, W^{(t+1)})
_T_STEPS = re.compile(r"\^\s*\{?\s*\(?\s*t\s*[-+]\s*1")


def _bases(latex: str) -> list[str | None]:
    """The letter each ``^t`` sits on (None for a brace or parenthesis; ``"\\delta"`` for
    a Greek letter's macro); ``"e"`` for e^{t} and any other macro's ``^t`` (not a name)."""
    out = []
    for m in _SUPER_T.finditer(latex):
        found = _BASE_LETTER.search(m.group("base"))
        if found is None:
            out.append(None)
            continue
        letter = found.group(1) or found.group(2)
        start = m.start("base")
        while found.group(2) and start > 0 and latex[start - 1].isalpha():
            start -= 1                # XW^t: a product; \Delta^t: a macro
        if found.group(2) and start > 0 and latex[start - 1] == "\\":
            macro = latex[start - 1:m.end("base")]
            letter = macro if macro[1:] in _GREEK else "e"    # \delta^t: a name; \exp^t: not
        out.append(letter)
    return out


def t_is_transpose(displays: list[str]) -> bool:
    """Whether the document's ``^t`` superscripts are transposes (see the module's rule).

    ``displays``: the document's display equations as plain LaTeX, e.g.
    ``["Y = XW + B", "dX = dY W^{t}"]`` -> True; ``["h^{t} = W h^{t-1}"]`` -> False.
    """
    text = " ".join(_TEXT.sub(" ", d) for d in displays)
    bases = _bases(text)
    if not bases or "e" in bases:
        return False
    rest = _MACRO.sub(" ", _SUPER_T.sub(lambda m: m.group("base"), text))
    if "t" in rest:                             # t as an index, a name, a time step, in a word
        return False
    without = _SUPER_T.sub(" ", text)                   # the document without its ^t's bases
    bare = _MACRO.sub(" ", without)
    return all(re.search(re.escape(letter) + "(?![A-Za-z])", without) if letter.startswith("\\")
               else letter in bare for letter in {b for b in bases if b is not None})


def ambiguous_t(latex: str, section: list[str]) -> str | None:
    """Why a claim's ``^t`` is read neither way, where the document's ``^t`` is not a transpose
    (:func:`t_is_transpose` said no): None where the claim has no ``^t`` or its ``section``
    (the section's displays) has steps or layers ``t`` and ``t-1`` (``h^{t} = W h^{t-1}``).

    ``ambiguous_t("dJ/da = W^{t} \\delta", ["z = W a + b"])`` -> ``"^{t}: a transpose or ..."``;
    ``ambiguous_t("dJ/da = W^{t} \\delta", ["h^{t} = W h^{t-1}"])`` -> None.
    """
    if not _SUPER_T.search(latex) or any(_T_STEPS.search(d) for d in section):
        return None
    return ("^{t}: a transpose or a layer or step t? the document does not settle it (t used "
            "otherwise, or a ^t letter never written plain; no layer t-1 in the section); write ^T "
            "(or ^\\top) for a transpose, ^{(t)} with t-1 for a layer")


def transpose_t(latex: str) -> str:
    """``latex`` with each ``^t`` / ``^{t}`` written ``^{T}`` (call only where
    :func:`t_is_transpose` says the document means it), e.g. ``X^t dY`` -> ``X^{T} dY``."""
    return _SUPER_T.sub(lambda m: m.group("base") + "^{T}", latex)
