r"""Layer labels written as subscripts, ``z_l = a_{l-1} W_l + b_l^T``, read as the superscript
labels the readers know, ``z^{l} = a^{l-1} W^{l} + (b^{l})^T``, once per document.

Books and notes that keep superscripts for other things (samples, powers) write a layer's tensors
``W_l``, ``a_{l-1}``, ``\delta_{l+1}``, ``z_L``.  The readers take a subscript for an index, so
such a page's claims stay unchecked.  :class:`SubscriptLayers` renames the subscripts to labels,
in every display of the page and in its directives' ``names:``, only where the page settles it:

* a display is a layer's forward written with subscript labels: a left side ``X_{lab}`` and, on the
  right, at least two other names labelled with the same layer letter (``l``, ``L`` or ``\ell``), two
  of them a product of names of two layers (``W_l a_{l-1}``, ``a_{l-1} W_l``, ``W_{l+1}^T a_l``):
  ``z_l = a_{l-1} W_l + b_l^T``;
* the letters renamed are the ones those forwards label (the forward's tensors, never a function
  such as ``f_l(…)``), and ``\delta`` where the page writes it with such a label;
* nothing is renamed on a page that sums or multiplies over the layer letter (``\sum_l``: then a
  subscript ``l`` may be an index), that writes one of those letters with a superscript label
  as well (``w^l_{jk}``: there the subscripts are indices), or with any other subscript
  (``x_i``, ``W_{jk}``, ``x_{l+m}``: a page whose subscripts are also indices, a 1-D convolution's
  ``y_l = w_0 x_{l-1} + w_1 x_l``).

Only the exact label subscripts are renamed (``W_{jk}`` stays); a labelled name raised to a
transpose becomes the transpose of the label (``a_{l-1}^T`` -> ``(a^{l-1})^T``), one raised to
anything else stays as written.  A labelled activation written with its prime first,
``f'_L(z_L)``, is then read as :mod:`symbp.check.layer_activations` reads ``f_L'(z^{L})``: ``f'(z^{L})``.

>>> page = r"$$z_l = a_{l-1}W_l + b_l^T$$ and $$\delta_l = \frac{\partial J}{\partial z_l}$$"
>>> SubscriptLayers(page).plain(r"\frac{\partial J}{\partial W_l} = a_{l-1}^T \delta_l")
'\\frac{\\partial J}{\\partial W^{l}} = (a^{l-1})^T \\delta^{l}'
>>> SubscriptLayers(page).names("a_{l-1}=input W_l=kernel J=loss")
'a^{l-1}=input W^{l}=kernel J=loss'
>>> SubscriptLayers(r"$$y = \sum_l w_{kl} x_l$$").plain(r"x_l = 1")
'x_l = 1'
"""
from __future__ import annotations

import re

from .layer_activations import LabelledActivations

_LAYER = r"(?:[lL]|\\ell(?![A-Za-z]))"
_LABEL = _LAYER + r"(?:\s*[+-]\s*\d)?"
_NAME = r"(?<![\\A-Za-z])(\\delta(?![A-Za-z])|[A-Za-z])"
# X_{l-1}, X_l, X_\ell: a name with a subscript that is a layer label and nothing else
_LABELLED = re.compile(_NAME + r"\s*_\s*(?:\{\s*(" + _LABEL + r")\s*\}|(" + _LAYER + r"))")
# any subscript of a name: X_{i}, X_{jk}, X_{l+m}, x_i (an index, where it is no layer label)
_SUBSCRIPTED = re.compile(_NAME + r"\s*_\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))")
_PRODUCT_GAP = re.compile(r"\s*(?:\^\s*(?:\{\s*(?:T|\\top)\s*\}|T|\\top))?\s*(?:\\cdot)?\s*")
_TRANSPOSE = re.compile(r"\s*\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T(?![A-Za-z])|\\top(?![A-Za-z])|\\intercal(?![A-Za-z]))")
_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\\begin\{(equation|align|gather)\*?\}(.*?)\\end\{\3\*?\}", re.S)
_OVER_LAYERS = re.compile(r"\\(?:sum|prod)\s*_\s*(?:\{\s*" + _LAYER + r"\s*(?:=|\\in|\})|" + _LAYER + ")")
_PRIME_FIRST = re.compile(r"(?<![\\A-Za-z])([fgh]|\\phi|\\varphi|\\sigma)\s*'\s*_\s*(\{[^{}]*\}|[A-Za-z])")
_DIRECTIVE = re.compile(r"<!--\s*symbp:.*?-->", re.S)
_RUN_ON = re.compile(r"(_\s*[A-Za-z])(?=[A-Za-z\\])")      # a_lW_{l+1}: a_l W_{l+1}


def _label(m: re.Match) -> str:
    return re.sub(r"\s+", "", m.group(2) or m.group(3))


def _forward_letters(row: str) -> set:
    """The letters a forward written with subscript labels labels (module docstring), or {}."""
    sides = _RUN_ON.sub(r"\1 ", row).split("=")
    if len(sides) != 2:
        return set()
    left = _LABELLED.match(sides[0].strip())
    if left is None or left.end() != len(sides[0].strip()):
        return set()
    stem = _label(left).lstrip("\\")[0]
    right = [m for m in _LABELLED.finditer(sides[1])
             if _label(m).lstrip("\\")[0] == stem and not re.match(r"\s*(?:'|\()", sides[1][m.end():])]
    names = {m.group(1) for m in right} - {left.group(1)}
    product = any(_label(a) != _label(b) and _PRODUCT_GAP.fullmatch(sides[1][a.end():b.start()])
                  for a, b in zip(right, right[1:]))       # W_l a_{l-1}: this layer's weight, the layer before
    return names | {left.group(1)} if len(names) >= 2 and product else set()


class SubscriptLayers:
    """The subscript layer labels of one document (module docstring), built once from its text."""

    def __init__(self, text: str):
        maths = [next(g for g in m.groups() if g is not None and g not in ("equation", "align", "gather"))
                 for m in _DISPLAY.finditer(_DIRECTIVE.sub(" ", text))]
        letters: set = set()
        for tex in maths:
            for row in re.split(r"\\\\|\\quad|\\qquad|,\s*(?=[A-Za-z\\]+\s*_)", tex):
                letters |= _forward_letters(row.replace("&", ""))
        joined = " ".join(maths)
        if letters and re.search(r"(?<![\\A-Za-z])\\delta\s*_\s*(?:\{\s*" + _LABEL + r"\s*\}|" + _LAYER + ")", joined):
            letters.add("\\delta")
        superscripted = any(re.search(r"(?<![\\A-Za-z])" + re.escape(x) + r"\s*\^\s*(?:\{\s*\(?\s*" + _LABEL +
                                      r"\s*\)?\s*\}|" + _LAYER + ")", joined) for x in letters)
        indexed = any(m.group(1) in letters for m in _SUBSCRIPTED.finditer(_RUN_ON.sub(r"\1 ", joined))
                      if not re.fullmatch(_LABEL, re.sub(r"\s+", "", m.group(2) or m.group(3))))
        self.letters = frozenset() if superscripted or indexed or _OVER_LAYERS.search(joined) else frozenset(letters)
        self.activations = LabelledActivations(text)

    def plain(self, latex: str) -> str:
        """``latex`` with the page's subscript layer labels written as superscripts."""
        if not self.letters:
            return latex
        latex, out, last = _RUN_ON.sub(r"\1 ", latex), [], 0
        for m in _LABELLED.finditer(latex):
            if m.group(1) not in self.letters:
                continue
            after = latex[m.end():]
            t = _TRANSPOSE.match(after)
            if t is None and re.match(r"\s*\^", after):
                continue                                     # W_l^{(2)}, a_l^2: as written
            name = f"{m.group(1)}^{{{_label(m)}}}"
            out.append(latex[last:m.start()] + (f"({name})^T" if t else name))
            last = m.end() + (t.end() if t else 0)
        latex = "".join(out) + latex[last:]
        return self.activations.plain(_PRIME_FIRST.sub(r"\1_\2'", latex))

    def names(self, names: str) -> str:
        """A directive's ``names:`` value with the same renaming (``W_l=kernel`` -> ``W^{l}=kernel``)."""
        return " ".join(self.plain(t.split("=", 1)[0]) + t[len(t.split("=", 1)[0]):] for t in names.split(" "))


def subscript_directives(text: str) -> str:
    """``text`` with the ``names:`` of its symbp directives renamed as :class:`SubscriptLayers` reads
    its displays (each directive stays on its own lines)."""
    layers = SubscriptLayers(text)
    if not layers.letters:
        return text
    return _DIRECTIVE.sub(lambda m: re.sub(r"(names\s*:)([^\n]*?)(?=-->|\n|$)",
                                           lambda n: n.group(1) + layers.names(n.group(2)), m.group(0)), text)


__all__ = ["SubscriptLayers", "subscript_directives"]
