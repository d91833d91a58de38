r"""A document's decorated letters read as the plain letters the readers know, once per document.

Authors write the loss in a script face (``\mathcal{L}``, ``\mathscr{L}``, ``{\cal C}``, ``\ell``)
and a layer label as ``\ell`` (``x^{\ell}_{ij}``, ``W^{\ell-1}``).  The readers know the loss by
its plain letter (L, J, E, C) and a label by its letter, so :class:`DocumentLetters` renames, in
every display of the document:

* a script L, J, E or C that the document differentiates (``\partial \mathcal{L}``,
  ``\nabla_{W} \mathscr{L}``, ``d\mathcal{L}``), and ``\ell`` differentiated and never a
  sub- or superscript, to a loss letter the document uses for nothing else (its own capital
  first, then L, J, E, C);
* ``\ell`` that is never differentiated to ``l``, where the document writes no ``l`` of its own;
* a loss named by a word of two to four capitals (``CE``, ``MSE``, ``\text{NLL}``) that the document both defines
  at the start of a row (``CE(y, \hat{y}) = - \sum_i y_i \log \hat{y}_i``: of two arguments, or by a sum or a log,
  never an activation's ``ELU(x) = …``) and differentiates, to a free loss letter; written with the argument list of its definition (``\partial CE(y, \hat{y})``), the list goes with it.
  A call with other arguments keeps its word: it is not the loss the page defines.

Layer labels written as subscripts (``z_l = a_{l-1} W_l + b_l^T``) become superscripts
(:mod:`symbp.check.subscript_layers`).

Where the plain letter is taken (``\mathcal{L}`` the loss beside ``L`` the number of layers) or
``\ell`` is both the loss and a label, the spelling stays as written and the readers leave
its claims unchecked.  It also writes Frobenius products as sums (:mod:`symbp.check.frobenius`,
which needs the document's own index counts).

Example::

    >>> letters = DocumentLetters(r"$$\frac{\partial \mathcal{L}}{\partial x^{\ell}_{ij}} = \delta^{\ell}_{ij}$$")
    >>> letters.plain(r"\frac{\partial \mathcal{L}}{\partial x^{\ell}_{ij}} = \delta^{\ell}_{ij}")
    '\\frac{\\partial L}{\\partial x^{l}_{ij}} = \\delta^{l}_{ij}'
"""
from __future__ import annotations

import re

from .frobenius import LOSS_LETTERS, frobenius_sums, letter_index_counts
from .subscript_layers import SubscriptLayers, subscript_directives
_SCRIPT = re.compile(r"\\(?:mathcal|mathscr)\s*\{\s*([A-Z])\s*\}|\{\s*\\cal\s*([A-Z])\s*\}|\\cal\s*([A-Z])(?![A-Za-z])|"
                     r"\\(?:mathcal|mathscr)\s+([A-Z])(?![A-Za-z])")
_ELL = re.compile(r"\\ell(?![A-Za-z])")
_COMMENT = re.compile(r"<!--.*?-->|(?<!\\)%[^\n]*", re.S)
# where a letter is the thing differentiated: ∂X, d X in a fraction's top, ∇_{…} X
_DIFFERENTIATED = r"(?:\\partial\s*\{?\s*|\\[dt]?frac\s*\{\s*d\s*|\\nabla\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z]+)\s*)"
_WORD = r"(?:\\(?:text|mathrm|operatorname|rm)\s*\{\s*([A-Z]{2,4})\s*\}|(?<![\\A-Za-z])([A-Z]{2,4})(?![A-Za-z]))"
_WORD_DEFINED = re.compile(r"(?:^|\$\$|\\\\|\\\[|\n|&)\s*" + _WORD + r"\s*(?:\(([^()=]*)\))?\s*:?=")
_HAT = re.compile(r"\\hat\s*\{?\s*([A-Za-z])\s*\}?|([A-Za-z])\s*ˆ")
_IN_SCRIPT = re.compile(r"[_^]\s*(?:\{[^{}]*\\ell(?![A-Za-z])[^{}]*\}|\\ell(?![A-Za-z]))")


def _plain_letter_used(text: str, letter: str) -> bool:
    """Whether ``text`` writes ``letter`` as a letter of its own (not inside a word or a macro)."""
    return re.search(r"(?<![A-Za-z\\])" + letter + r"(?![A-Za-z])", text) is not None


class DocumentLetters:
    """The renamings one document's displays are read with (built once from its whole text)."""

    def __init__(self, text: str):
        body = _COMMENT.sub(" ", text)
        self.counts = letter_index_counts(text)
        self.layers = SubscriptLayers(text)                   # z_l = a_{l-1} W_l + b_l: labels
        self.scripts: dict[str, str] = {}                      # the script capital -> its plain letter
        self.ell: str | None = None                            # what \ell is read as
        bare = _ELL.sub(" ", _SCRIPT.sub(" ", body))           # the letters written plainly
        taken = {x for x in LOSS_LETTERS + ("l",) if _plain_letter_used(bare, x)}
        for capital in sorted({next(g for g in m.groups() if g) for m in _SCRIPT.finditer(body)} & set(LOSS_LETTERS)):
            spelled = "|".join(p.replace("([A-Z])", capital) for p in _SCRIPT.pattern.split("|"))
            if not re.search(_DIFFERENTIATED + "(?:" + spelled + ")", body):
                continue
            letter = next((x for x in (capital,) + LOSS_LETTERS if x not in taken), None)
            if letter is not None:
                taken.add(letter)
                self.scripts[capital] = letter
        defined: dict = {}                                     # a word loss -> the argument lists it is defined with
        for m in _WORD_DEFINED.finditer(body):      # a loss's: of two arguments (CE(y, \hat{y})), or a sum or a log
            rest = re.split(r"\$\$|\\\\|\n\s*\n", body[m.end():m.end() + 400], maxsplit=1)[0]
            if m.group(3) and m.group(3).count(",") >= 1 or re.search(r"\\(?:sum|log|ln)(?![A-Za-z])", rest):
                defined.setdefault(m.group(1) or m.group(2), set()).add(_arguments(m.group(3)))
        self.words = {}                                        # a word loss -> (its letter, its arguments)
        for word, lists in sorted(defined.items()):
            spelled = r"(?:\\(?:text|mathrm|operatorname|rm)\s*\{\s*)?" + word + r"(?![A-Za-z])"
            letter = next((x for x in LOSS_LETTERS if x not in taken), None)
            if len(lists) == 1 and letter is not None and re.search(_DIFFERENTIATED + spelled, body):
                taken.add(letter)
                self.words[word] = (letter, lists.pop())
        if _ELL.search(body):
            differentiated = re.search(_DIFFERENTIATED + r"\\ell(?![A-Za-z])", body) is not None
            scripted = _IN_SCRIPT.search(body) is not None
            self.ell = (next((x for x in LOSS_LETTERS if x not in taken), None) if differentiated and not scripted
                        else "l" if not differentiated and "l" not in taken else None)

    def plain(self, latex: str) -> str:
        r"""``latex`` with the document's decorated letters as plain ones and its Frobenius
        products as sums.

        >>> DocumentLetters(r"$L$ layers; $\nabla_{W} \mathcal{L}$").plain(r"\nabla_{W} \mathcal{L} = 0")
        '\\nabla_{W} J = 0'
        """
        def renamed(m: re.Match, text: str, letter: str | None) -> str:
            if letter is None:
                return m.group()
            return (" " if re.search(r"\\[A-Za-z]+$", text[:m.start()]) else "") + letter   # never \partialL
        latex = self.layers.plain(latex)
        if self.words:
            latex = re.sub(_WORD + r"(\s*\(([^()=]*)\))?", lambda m, t=latex: self._word(m, t), latex)
        if self.scripts and ("cal" in latex or "mathscr" in latex):
            latex = _SCRIPT.sub(lambda m, t=latex: renamed(m, t, self.scripts.get(next(g for g in m.groups() if g))),
                                latex)
        if self.ell and "\\ell" in latex:
            latex = _ELL.sub(lambda m, t=latex: renamed(m, t, self.ell), latex)
        return frobenius_sums(latex, self.counts)

    def _word(self, m: re.Match, text: str) -> str:
        """A word loss's letter, with its definition's argument list dropped; the word as written elsewhere."""
        letter, args = self.words.get(m.group(1) or m.group(2), (None, None))
        if letter is None or (m.group(3) and _arguments(m.group(4)) != args):
            return m.group()
        return (" " if re.search(r"\\[A-Za-z]+$", text[:m.start()]) else "") + letter


def _arguments(inside: str | None) -> str | None:
    r"""An argument list as compared: spaces dropped, ``yˆ`` and ``\hat y`` as ``\hat{y}``."""
    if inside is None:
        return None
    return re.sub(r"\s+|\\[,;!: ]", "", _HAT.sub(lambda m: "\\hat{" + (m.group(1) or m.group(2)) + "}", inside))


__all__ = ["DocumentLetters", "subscript_directives"]
