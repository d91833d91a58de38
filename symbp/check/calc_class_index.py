r"""A true class written as an index, CS231n's ``L_i = -\log\frac{e^{s_{y_i}}}{\sum_j e^{s_j}}``,
Talwar's ``L_i = -\log O_2[i, y_i]``, with claims such as ``\frac{\partial L_i}{\partial s_k} = p_k -
\mathbb{1}(k = y_i)``.

A page that writes a labelled letter as another name's index (``s_{y_i}``, ``O_2[i, y_i]``: y_i is
example i's correct class, a whole number) and writes that letter nowhere in its displays but in that
one spelling has a class label.  The scalar reader writes the label as one index letter (``y``), the
class, which a forward takes as a fixed value (:class:`symbp.check.calc_exact.Evaluator`'s ``fixed``)
and a claim must hold at for every value it can take (:mod:`symbp.check.calc_verdict` runs it over
the class axis: the claim is an identity in the class as well as in the scores).

Each example has its own class: a display that sums over the examples' letter (``\frac{1}{N}\sum_i
-\log p_{i, y_i}``) keeps ``y_i`` and is not read, and a claim about a total over examples whose
terms read the class (``L = \sum_i L_i``) is unchecked (:func:`mixed_labels`): at one class for every
example it would say nothing of examples of different classes.

>>> label = class_label(r"$$L_i = -\log \frac{e^{s_{y_i}}}{\sum_j e^{s_j}}$$ and $$\frac{\partial L_i}"
...                     r"{\partial s_k} = p_k - \mathbb{1}(k = y_i)$$")
>>> label.letter, label.index
('y', 'i')
>>> label.plain(r"p_{y_i} - 1 + \mathbb{1}(k = y^{(i)})")
'p_{y} - 1 + \\mathbb{1}(k = y)'
>>> label.plain(r"L = -\frac{1}{N}\sum_{i=1}^N \log p_{y_i}")     # each example its own class
'L = -\\frac{1}{N}\\sum_{i=1}^N \\log p_{y_i}'
>>> class_label(r"$$L = -\log p_{y_i}$$ beside $$\frac{\partial L}{\partial y_k}$$") is None   # y a vector too
True
"""
from __future__ import annotations

import re

from .calc_tree import free_letters, names_in, nodes
from .condition_places import DISPLAY

#: a labelled letter, ``y_i``, ``y_{i}``, ``y^{(i)}``: (letter, index)
_SPELLING = r"(?<![A-Za-z\\])([a-z])\s*(?:_\s*(?:\{\s*([a-z])\s*\}|([a-z]))|\^\s*\{\s*\(\s*([a-z])\s*\)\s*\})(?![A-Za-z0-9])"
_LABEL = re.compile(_SPELLING)
#: another name's index group that holds a labelled letter: ``_{y_i}``, ``_{i,y_i}``, ``[i, y_i]``
_INDEX_GROUP = re.compile(r"_\s*\{((?:[^{}]|\{[^{}]*\})*)\}|\[([^\[\]]*)\]")


class ClassLabel:
    """The page's class label: ``letter`` (y), ``index`` (i, the example), ``plain`` writing it as y."""

    def __init__(self, letter: str, index: str):
        self.letter, self.index = letter, index
        self._spelled = re.compile(
            rf"(?<![A-Za-z\\]){letter}\s*(?:_\s*(?:\{{\s*{index}\s*\}}|{index})|\^\s*\{{\s*\(\s*{index}\s*\)\s*\}})(?![A-Za-z0-9])")
        self._summed = re.compile(rf"\\sum(?:\\limits|\\nolimits)?\s*_\s*\{{?\s*{index}(?![A-Za-z])|\\sum\s*\^\s*\S+\s*_\s*\{{?\s*{index}(?![A-Za-z])")

    def plain(self, latex: str) -> str:
        """``latex`` with the label written as its letter, unless it sums over the examples."""
        if self._summed.search(latex):
            return latex
        return self._spelled.sub(self.letter, latex)

    def page(self, text: str) -> str:
        """The page with each display written by :meth:`plain`, and its prose's label too (``If $k = y_i$``)."""
        out, last = [], 0
        for m in DISPLAY.finditer(text):
            out.append(self._spelled.sub(self.letter, text[last:m.start()]))
            out.append(self.plain(m.group(0)))
            last = m.end()
        out.append(self._spelled.sub(self.letter, text[last:]))
        return "".join(out)


def class_label(text: str) -> ClassLabel | None:
    """The class label a page's displays write as an index of another name, where its letter appears in
    them only in that spelling; else None."""
    bodies = [m.group(1) or m.group(2) or "" for m in DISPLAY.finditer(text)]
    found = set()
    for body in bodies:
        for group in _INDEX_GROUP.finditer(body):
            inner = group.group(1) if group.group(1) is not None else group.group(2)
            for m in _LABEL.finditer(inner):
                found.add((m.group(1), m.group(2) or m.group(3) or m.group(4)))
    found = {(letter, index) for letter, index in found if letter != index and letter not in "de"}
    if len(found) != 1:
        return None
    letter, index = found.pop()
    label = ClassLabel(letter, index)
    alone = re.compile(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])")
    for body in bodies:                       # y written otherwise (y_k, a bare y): a vector, not a class
        if alone.search(label._spelled.sub("", body)):
            return None
    return label


def mixed_labels(defs: dict, trees, label: ClassLabel | None) -> str | None:
    """Why a claim is not read at one class for every example: a name it reaches is a total over the
    examples' letter of terms that read the class (``L = \\sum_i L_i``); else None."""
    if label is None:
        return None
    reads = {name for name, (_, tree) in defs.items() if label.letter in free_letters(tree)}
    grown = True
    while grown:                                   # the names whose value reads the class
        more = {name for name, (_, tree) in defs.items() if names_in(tree) & reads} - reads
        grown, reads = bool(more), reads | more
    seen, todo = set(), set().union(*[names_in(t) for t in trees if t is not None])
    while todo:
        name = todo.pop()
        if name in seen or name not in defs:
            continue
        seen.add(name)
        tree = defs[name][1]
        for node in nodes(tree):
            if node[0] == "sum" and node[1] == label.index and names_in(node[3]) & reads:
                return (f"{name} adds over the examples ({label.index}) terms that read the true class "
                        f"{label.letter}_{label.index}, each example its own: read at one class for them all, "
                        "it would say nothing of examples of different classes; checked per example only")
        todo |= names_in(tree)
    return None
