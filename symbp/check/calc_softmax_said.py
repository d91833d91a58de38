r"""Softmax outputs a page defines by name, for the scalar-layer reader (:mod:`symbp.check.calc_graph`).

Pages write the softmax as a function of a whole vector and never write its entries:
``p = \text{softmax}(x)``, ``a^L = softmax(z^L)``, ``\hat{y} = a^{(2)} = \mbox{ softmax }(z^{(2)})``.  Each
name so defined is the vector whose entry i is ``\frac{\exp(x_i)}{\sum_j \exp(x_j)}`` of the one vector in
the parentheses; a layer label (``^L``, ``^{2}``, ``^{(2)}``, ``^{[2]}``) is part of the name.  In a row
``\hat{y} = a^{(2)} = \text{softmax}(z^{(2)})`` both names are that vector.

>>> said_softmaxes(r"$$ \hat{y} = a^{(2)} = \mbox{ softmax }(z^{(2)} ) $$")
[('hat y', 'z^{(2)}'), ('a^(2)', 'z^{(2)}')]
>>> said_softmaxes(r"and $p = \text{softmax}(\mathbf{x})$ gives")
[('p', 'x')]
>>> said_softmaxes(r"$y = softmax(W x)$")
[]
"""
from __future__ import annotations

import re

_BOLD = r"\\(?:mathbf|boldsymbol|bold|vec|bm)\s*\{\s*([a-zA-Z])\s*\}"
# a^L, z^{2}, z^{(2)}, a^{[2]}: the layer's label (group: the label as written, brackets kept)
_LABEL = r"(?:\^\s*(?:\{\s*([\(\[]?[A-Za-z0-9]{1,3}[\)\]]?)\s*\}|([A-Za-z0-9])))?"
_NAME = r"(?:" + _BOLD + r"|\\hat\s*\{?\s*([a-z])\s*\}?|\b([a-zA-Z]))" + _LABEL
_WORD = r"(?:\\(?:text|mathrm|operatorname|mbox)\s*\{\s*softmax\s*\}|(?<![\\A-Za-z])softmax)"
_SAID = re.compile(_NAME + r"\s*&?\s*=\s*(?:" + _NAME + r"\s*=\s*)?" + _WORD +
                   r"\s*(?:\\left\s*)?\(\s*(?:" + _BOLD + r"|([a-zA-Z]))" + _LABEL + r"\s*(?:\\right\s*)?\)")


def _name(letter: str | None, hat: str | None, label: str | None) -> str | None:
    """The reader's name of a letter (or ``\\hat`` letter) with its label: ``hat y``, ``a^(2)``, ``a^L``."""
    if not (letter or hat):
        return None
    return (letter or "hat " + hat) + (f"^{label}" if label else "")


def said_softmaxes(text: str) -> list[tuple[str, str]]:
    """(name, the argument as LaTeX) of every softmax the page defines as ``NAME = softmax(v)``."""
    found = []
    for m in _SAID.finditer(text):
        g = m.groups()
        arg = (g[10] or g[11]) + (f"^{{{g[12] or g[13]}}}" if g[12] or g[13] else "")
        for letter, hat, plain, label, short in (g[0:5], g[5:10]):
            name = _name(letter or plain, hat, label or short)
            if name is not None:
                found.append((name, arg))
    return found


__all__ = ["said_softmaxes"]
