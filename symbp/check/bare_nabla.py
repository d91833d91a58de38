r"""∇ written without a subscript before a tensor, read as the loss's gradient by that tensor
where the page leaves one reading.

Many pages write the backward pass of a convolution as ``\nabla X = \nabla Y \star
\text{rot180}(K)``, ``\nabla W_{o,c,m,n} = \sum_{i,j} \nabla Y_{o,i,j} X_{c,i+m,j+n}``,
``∇b = Σ ∇Y``: ∇T for ∂L/∂T.  :func:`.display_wrappers.gradient_names` already reads the
letters a page defines so one by one (``\nabla a = \frac{\partial J}{\partial a}``).  Here a
page's ∇T is read as ∂L/∂T for every tensor T when

* the page differentiates, or names in its prose, exactly one loss (``\partial L``,
  ``\nabla_{W} L``, "the loss $L$", "cost $C$"), or its prose says ∇ is the gradient of the
  loss and names none (then the first of L, J, E, C the page writes nowhere), or a ``names:``
  directive names one (``<!-- symbp: names: L=loss -->``); and
* the page defines ∇ of no tensor otherwise: ``\nabla W_k = \frac{1}{N} \frac{\partial
  L}{\partial W_k}`` (∇W a batch average) leaves every bare ∇ as written, and so does ∇ used as
  another operator (``\nabla^2``, ``\nabla \cdot``, an image's gradient, a Laplacian).

``\nabla_{X}`` (``\nabla_{\!X}``) with no loss after it is read the same way there.  ∇ of a
loss letter (``\nabla L``), of an operator (``\nabla \cdot``) or of a function call stays as
written.  Where no reading is left, the readers keep the claim unchecked
naming the directive that settles it (:func:`.index_tree.read_nabla`).

Example::

    >>> page = PageGradients(r"The loss is $L$. $$\nabla X = \nabla Y \star \text{rot180}(K)$$")
    >>> page.plain(r"\nabla X = \nabla Y \star \text{rot180}(K)")
    '\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\star \\text{rot180}(K)'
    >>> PageGradients(r"$\partial L$, $\partial E$; $$\nabla X = 0$$").plain(r"\nabla X = 0")
    '\\nabla X = 0'
"""
from __future__ import annotations

import re

from .display_wrappers import _GLYPHS, _LOSS, defined_gradients, gradient_names

_MARKS = ("nabla", "triangledown", "▽", "∇")
_COMMENT = re.compile(r"<!--.*?-->|(?<!\\)%[^\n]*", re.S)
_GREEK = (r"\\(?:delta|Delta|theta|Theta|omega|Omega|alpha|beta|gamma|Gamma|phi|Phi|psi|Psi|"
          r"sigma|Sigma|mu|nu|eta|lambda|Lambda|xi|Xi|rho|tau|kappa|epsilon|varepsilon|zeta|chi)")
_TYPE = r"\\(?:mathbf|boldsymbol|bm|vec|mathit|mathsf)\s*\{\s*(?:" + _GREEK + r"|[A-Za-z])\s*\}"
_SCRIPT = r"(?:\s*(?:[_^]\s*(?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\[A-Za-z]+|\w)|'))*"
# a tensor's name after a bare ∇: a letter (Latin, Greek, or typeset), its scripts and primes
_TENSOR = r"(?:" + _TYPE + "|" + _GREEK + r"(?![A-Za-z])|[A-Za-z](?![A-Za-z]))" + _SCRIPT
_BARE = re.compile(r"\\nabla(?![A-Za-z])\s*(?=[A-Za-z\\])(" + _TENSOR + r")(?!\s*\()")
# ∇_{X} with nothing differentiated after it: before a relation, an operator or the end
_SUBSCRIPTED = re.compile(r"\\nabla\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z])"
                          r"(?=\s*(?:$|[=+\-*)\]},&|]|\\\\|\\(?:star|ast|circledast|otimes|odot|cdot|times|"
                          r"quad|qquad|right|end)(?![A-Za-z])))")
_LOSS_NAME = re.compile(_LOSS)
# where the page differentiates a loss: ∂L, the top of \frac{d L}{…}, ∇_{…} L
_DIFFERENTIATED = re.compile(r"(?:\\partial\s*\{?\s*|\\[dt]?frac\s*\{\s*d\s*|\\nabla\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}"
                             r"|\\?[A-Za-z]+)\s*)(" + _LOSS + ")")
# the prose naming the loss: "the loss $L$", "cost function $J$", "error $E$"
_NAMED_LOSS = re.compile(r"(?i:loss|cost|error|objective)(?:\s+function)?(?:\s+(?:is|be|denoted|called|written|by|as))*"
                         r"\s*[,:]?\s*\$\s*(" + _LOSS + r")\s*(?:\([^$]*\))?\s*\$|\$\s*(" + _LOSS + r")\s*(?:\([^$]*\))?\s*\$"
                         r"\s*(?:is|be|denotes|for)?\s*(?:the|a|our)?\s*(?:[a-z-]+\s+)?(?i:loss|cost|error|objective)\b")
_SAYS_GRADIENT = re.compile(r"(?:\\nabla|∇|▽|triangledown)[^.\n]{0,160}?\bgradients?\b[^.\n]{0,80}?"
                            r"\b(?:loss|cost|error|objective)\b|\bgradients?\b[^.\n]{0,80}?\b(?:loss|cost|error|"
                            r"objective)\b[^.\n]{0,80}?(?:\\nabla|∇|▽|triangledown)", re.I)
# ∇ as a differential operator of its own: ∇², ∇·, ∇×, an image's gradient, a Laplacian
_OTHER_NABLA = re.compile(r"\\nabla\s*(?:\^\s*\{?\s*2|\\cdot(?![A-Za-z])|\\times(?![A-Za-z]))|(?:\\nabla|∇)[^.\n]{0,120}?"
                          r"\b(?:laplacian|divergence|curl|sobel|image gradients?|intensity gradients?|edges?)\b|"
                          r"\b(?:laplacian|divergence|curl|sobel|image gradients?|intensity gradients?|edges?)\b"
                          r"[^.\n]{0,120}?(?:\\nabla|∇)", re.I)
_DIRECTIVE_LOSS = re.compile(r"symbp:[^\n]*?(?<=[\s:])(" + _LOSS + r")\s*=\s*loss\b")
_DEFINING = re.compile(r"\\nabla\s*(" + _TENSOR + r")\s*(?::=|=|\\equiv|\\triangleq|\\coloneqq)([^$]{0,240})")


def _letter(name: str) -> str:
    inner = re.match(_TYPE, name)
    if inner:
        name = re.sub(r"^\\[A-Za-z]+\s*\{\s*", "", name)
    return re.match(_GREEK + r"|[A-Za-z]", name).group()


def _loss_letter(loss: str) -> str:
    """The loss as one name: ``\\mathcal L`` and ``\\mathcal {L}`` as ``\\mathcal{L}``."""
    loss = re.sub(r"\s+", "", loss)
    return re.sub(r"^(\\math(?:cal|scr))([A-Z])$", r"\1{\2}", loss)


class PageGradients:
    """How one page's ∇ without a subscript is read (built once from the whole text)."""

    def __init__(self, text: str):
        self.defined = defined_gradients(text)
        self.loss: str | None = None          # the loss every bare ∇T differentiates
        self.reason = ""                      # why there is none, where the page writes a bare ∇
        if any(mark in text for mark in _MARKS):
            self.loss, self.reason = _page_loss(_GLYPHS.sub(r"\\nabla ", text))

    def plain(self, latex: str) -> str:
        r"""``latex`` with each bare ∇T the page reads as ∂L/∂T written so (the letters the
        page defines one by one first); unchanged where there is none."""
        latex = gradient_names(latex, self.defined)
        if self.loss is None or not any(mark in latex for mark in _MARKS):
            return latex
        latex = _GLYPHS.sub(r"\\nabla ", latex)
        loss = self.loss

        def bare(m: re.Match) -> str:
            name = m.group(1).strip()
            if _LOSS_NAME.fullmatch(name) or _LOSS_NAME.fullmatch(_letter(name)) and name == _letter(name):
                return m.group()              # ∇L: the loss's own gradient, which tensor's unsaid
            return rf"\frac{{\partial {loss}}}{{\partial {name}}}"

        def subscripted(m: re.Match) -> str:
            name = m.group(1).strip()
            name = re.sub(r"^\{\s*(?:\\!\s*)*|\s*\}$", "", name) if name.startswith("{") else name
            if not re.fullmatch(_TENSOR, name.strip()):
                return m.group()
            return rf"\frac{{\partial {loss}}}{{\partial {name.strip()}}}"
        return _SUBSCRIPTED.sub(subscripted, _BARE.sub(bare, latex))


def _page_loss(text: str) -> tuple[str | None, str]:
    """(the one loss a bare ∇ differentiates on this page, or None; why none)."""
    body = _COMMENT.sub(" ", text)
    directed = {_loss_letter(m.group(1)) for m in _DIRECTIVE_LOSS.finditer(text)}
    if len(directed) == 1:
        return directed.pop(), ""
    if len(directed) > 1:
        return None, f"the directives name {len(directed)} losses ({', '.join(sorted(directed))})"
    if other := _OTHER_NABLA.search(body):
        return None, f"the page uses ∇ as another operator ({other.group()[:60]})"
    for m in _DEFINING.finditer(body):
        letter = re.escape(_letter(m.group(1)))
        if _LOSS_NAME.fullmatch(m.group(1).strip()):
            continue
        by_same = re.search(r"\\partial\s*\{?\s*" + _LOSS + r"(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*\\partial\s*\{?\s*"
                            + letter + r"(?![A-Za-z])", m.group(2))
        pure = re.match(r"\s*\\[dt]?frac\s*\{\s*\\partial\s*" + _LOSS + r"\s*\}\s*\{\s*\\partial\s*"
                        + re.escape(m.group(1).strip()) + r"\s*\}\s*(?:$|[,.;$=]|\\\\)", m.group(2))
        if by_same and not pure:
            return None, (f"the page defines ∇{m.group(1).strip()} otherwise "
                          f"(\\nabla {m.group(1).strip()} ={m.group(2)[:60].rstrip()})")
    found = {_loss_letter(m.group(1)) for m in _DIFFERENTIATED.finditer(body)}
    found |= {_loss_letter(m.group(1) or m.group(2)) for m in _NAMED_LOSS.finditer(body)}
    if len(found) == 1:
        return found.pop(), ""
    if found:
        return None, f"the page differentiates {len(found)} losses ({', '.join(sorted(found))})"
    if _SAYS_GRADIENT.search(body):
        math = " ".join(re.findall(r"\$[^$]*\$", body))
        free = next((x for x in ("L", "J", "E", "C") if not re.search(r"(?<![A-Za-z\\])" + x + r"(?![A-Za-z])", math)),
                    None)
        if free is not None:
            return free, ""
    return None, "the page names no loss that ∇ differentiates"

