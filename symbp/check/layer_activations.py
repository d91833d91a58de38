r"""An activation named by its layer's label, ``f_L'(u^{L}_j)``, ``f_{l+1}(u_k^{l+1})``,
``\sigma_l'(z^l_i)``: the activation of the layer its argument belongs to, written as the plain
function, ``f'(u^{L}_j)``, so the readers do not take the label for a free index.

Only where the subscript is the layer label its argument carries (the argument's superscript)
and every such activation in the display has the same label: a display that applies
``f_L`` and ``f_l`` is two layers' functions and stays as written.  An activation subscripted
by an index letter (``g_k(z_k)``) or by a name is another convention and is left alone, and so
is σ (``\sigma_h``, ``\sigma_o``: each its own function, :mod:`symbp.check.calc_activations`).
A page that defines the plain function itself in its maths (``$f(x) = \frac{1}{1+e^{-x}}$``,
a display, a code block) keeps every label: its ``f_L`` may be another function.

>>> unlabel_activations(r"\delta_j^l = \sum_k \delta_k^{l+1} w_{jk}^{l+1} f_{l}'(u_{j}^{l})")
"\\delta_j^l = \\sum_k \\delta_k^{l+1} w_{jk}^{l+1} f'(u_{j}^{l})"
>>> unlabel_activations(r"\frac{\partial E}{\partial y_{j}^{L}} f_L'(u_{j}^{L}) y_{i}^{L-1}")
"\\frac{\\partial E}{\\partial y_{j}^{L}} f'(u_{j}^{L}) y_{i}^{L-1}"
>>> unlabel_activations(r"f_L'(u_{j}^{L}) & (l = L) \\ f_{l}'(u_{j}^{l})")     # two layers: kept
"f_L'(u_{j}^{L}) & (l = L) \\\\ f_{l}'(u_{j}^{l})"
>>> unlabel_activations(r"a_k = g_k(z_k)")
'a_k = g_k(z_k)'
"""
from __future__ import annotations

import re

import sympy as sp

_NAME = r"(?<![\\A-Za-z])(?P<f>[fgh]|\\phi|\\varphi)"
_LABEL = r"(?:\{\s*(?P<lb>[A-Za-z](?:\s*[+-]\s*\d)?)\s*\}|(?P<lc>[A-Za-z]))"
_CALL = re.compile(_NAME + r"\s*_\s*" + _LABEL + r"(?P<prime>\s*(?:'+|\^\s*\{?\s*\\prime\s*\}?))?"
                   r"(?P<open>\s*(?:\\left\s*|\\big\s*|\\Big\s*)?\()")


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _argument(latex: str, start: int) -> str:
    """The text inside the parenthesis opened just before ``start`` (to its match)."""
    depth = 1
    for k in range(start, len(latex)):
        depth += latex[k] == "("
        depth -= latex[k] == ")"
        if depth == 0:
            return latex[start:k]
    return ""


def _carries(argument: str, label: str) -> bool:
    """The argument's superscript is ``label`` (``u_{j}^{l+1}``, ``z^{(l)}_i``)."""
    return any(_label(m.group(1) or m.group(2)).strip("()") == label
               for m in re.finditer(r"\^\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))", argument))


def unlabel_activations(latex: str) -> str:
    """``latex`` with each layer-labelled activation written as the plain function (module
    docstring); unchanged where there is none or where two labels meet."""
    calls = [m for m in _CALL.finditer(latex)]
    if not calls:
        return latex
    labels = {_label(m.group("lb") or m.group("lc")) for m in calls}
    if len(labels) != 1 or len({m.group("f") for m in calls}) != 1:
        return latex
    label = labels.pop()
    if not all(_carries(_argument(latex, m.end()), label) for m in calls):
        return latex
    out, last = [], 0
    for m in calls:
        out.append(latex[last:m.start()] + m.group("f") + (m.group("prime") or "") + m.group("open"))
        last = m.end()
    return "".join(out) + latex[last:]


class LabelledActivations:
    """The page's layer-labelled activations read as the plain function (``plain``), except
    on a page that defines the plain function itself."""

    def __init__(self, text: str):
        text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
        maths = " ".join(m.group(0) for m in _MATH.finditer(text))   # what a reader could bind
        self.defined = {m.group(1) for m in _DEFINES.finditer(maths)}

    def plain(self, latex: str) -> str:
        if any(re.search(r"(?<![\\A-Za-z])" + re.escape(f) + r"\s*_", latex) for f in self.defined):
            return latex
        return unlabel_activations(latex)


_DEFINES = re.compile(r"(?<![\\A-Za-z])([fgh]|\\phi|\\varphi)\s*(?:\\left\s*)?\(\s*[A-Za-z]\s*(?:\\right\s*)?\)\s*(?:=|:=|\\equiv)")
_MATH = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|```.*?```|\\begin\{(\w+\*?)\}.*?\\end\{\1\}|\$[^$\n]+\$|\\\([^\n]*?\\\)", re.S)


# an activation written as its word (\mathrm{ReLU}, \text{sigmoid}, \tanh): read as the layer's general
# activation (index_claims.WORD_ACTIVATIONS), whose own identities (ReLU'² = ReLU', tanh' = 1 - tanh²) are not
ACTIVATION_WORDS = ("ReLU", "relu", "ReLu", "Relu", "LeakyReLU", "ELU", "GELU", "sigmoid", "Sigmoid", "sigm",
                    "softplus", "swish", "act")
_WORD = re.compile(r"\\(?:mathrm|text|operatorname|textrm)\s*\{\s*(?:" + "|".join(ACTIVATION_WORDS) + r")\s*\}"
                   r"|\\tanh(?![A-Za-z])")


_GENERIC = re.compile(r"so_\d|\\N[A-Za-z]+'|\bsigma\(|σ'")     # a refutation in the general activation's symbols


def word_identity(latex: str, detail: str) -> str | None:
    r"""Why a refutation of ``latex`` (its ``detail``, in the general activation's symbols: a reader
    that knows the function exactly keeps its refutation) is not kept: it applies a named activation twice
    (``\mathrm{ReLU}'(z) \odot \mathrm{ReLU}'(z)``, ``\tanh'(z) = 1 - \tanh^2(z)``), where that
    function's own identities may make it true though it fails for a general activation.

    >>> word_identity(r"\tanh'(z_j) = 1 - \tanh(z_j)^2", "derived so_00") is not None
    True
    >>> word_identity(r"\delta_j = g_j \mathrm{ReLU}'(z_j)", "so_00") is None     # applied once
    True
    """
    if len(_WORD.findall(latex)) < 2 or not _GENERIC.search(detail):     # a reader that knows the function exactly
        return None
    return ("refuted for a general activation, but the claim applies the named activation more than once, "
            "and its own identities (ReLU'² = ReLU', tanh' = 1 - tanh²) are not used here")


# the page says its activation is the identity: "identity", 恒等, "linear activation", φ(u) = u, z'(u) = 1
IDENTITY_SAID = re.compile(r"\bidentity\s+(?:activation|function|map)|(?:activation|\\varphi|\\phi|\\sigma)[^.\n]{0,40}"
                           r"\bidentity\b|恒等関数|恒等函数|恒等映射|活性化関数[^。\n]{0,20}恒等|linear activation|线性激活|"
                           r"(?:\\varphi|\\phi|\\sigma|\b[fgh])\s*\(\s*([a-z])\s*\)\s*=(?:\s|\\[,;:! ])*\1(?![\w(])|'\s*\(\s*[a-z]\s*\)\s*=(?:\s|\\[,;:! ])*1(?![\d.])", re.I)


# the page applies a ReLU (flat for every negative input): a zero it states may hold only there
RELU_SAID = re.compile(r"(?<![A-Za-z])(?:p|leaky\s*)?relu(?![a-rt-z])|rectified linear|\\max\s*(?:\\left\s*)?[({]\s*0\s*,", re.I)


def identity_reading(settings: dict, derived, claimed) -> str | None:
    """Why a refutation is not kept on a page that says its activation is the identity
    (``settings["identity_said"]``): the derived entry equals the claimed one once every
    activation derivative in it (``so_…``, σ' at the output) is 1; else None."""
    if not settings.get("identity_said"):
        return None
    slopes = {s: 1 for s in getattr(derived, "free_symbols", set()) if s.name.startswith("so_")}
    if not slopes or sp.expand(derived.xreplace(slopes) - claimed) != 0:
        return None
    return (f"derived {derived}, claimed {claimed}: equal where the activation's derivative is 1, an identity "
            "activation, as the page says in words; that reading is not taken here")


def input_activation_reading(derived, claimed) -> str | None:
    """Why a refutation is not kept where the claim writes σ'(z) of the layer's input through the
    input itself, ``a ⊙ (1 - a)`` (the sigmoid's) or ``1 - a^2`` (tanh's), the input being the activation
    of the layer below: equal once every σ' symbol of the input (``s_…``) is that expression of the
    input entry at the same place (``x_…``); else None.  The reader does not know the input is
    σ(z) of the layer below, so it holds there and is not decided here."""
    slopes = [x for x in getattr(derived, "free_symbols", set()) if x.name.startswith("s_")]
    if not slopes:
        return None
    for name, slope in (("the logistic sigmoid", lambda x: x * (1 - x)), ("tanh", lambda x: 1 - x ** 2)):
        swapped = derived.xreplace({x: slope(sp.Symbol("x_" + x.name[2:])) for x in slopes})
        if sp.expand(swapped - claimed) == 0:
            return (f"derived {derived}, claimed {claimed}: equal where the input is {name} of the layer "
                    "below's pre-activation, as the page may say; that reading is not taken here")
    return None


def _word(function: str) -> str:
    """An activation's name without markup, lower case: ``\\NReLU``, ``\\mathrm{ReLU}``: relu."""
    return re.sub(r"^\\N|^\\(?:mathrm|text|operatorname|textrm)\s*\{\s*|\s*\}$|^\\", "", function).strip().lower()


def named_elsewhere(latex: str, forward_functions) -> str | None:
    r"""Why a "holds" of the index reader is not kept: the claim names an activation as a word
    (``\tanh'(z)``, ``\text{sigmoid}'(z)``) that neither the section's forward nor any forward of
    the page applies
    (``a = \mathrm{ReLU}(z)``): the reader reads every activation's derivative as the layer's own,
    so a claim naming another function would hold for the wrong reason.

    >>> named_elsewhere(r"\delta_i = g_i \tanh'(z_i)", [r"\NReLU"]) is not None
    True
    >>> named_elsewhere(r"\delta_i = g_i \mathrm{ReLU}'(z_i)", [r"\NReLU"]) is None
    True
    """
    named = {_word(m.group(0)) for m in _WORD.finditer(latex)}
    applied = {_word(f) for f in forward_functions}
    other = sorted(named - applied)
    if not other:
        return None
    return (f"the claim names the activation {', '.join(other)}, while the section's forward applies "
            f"{', '.join(sorted(applied)) or 'no named one'}: read as the layer's own activation it would hold, "
            "which says nothing about that function")


def applied_words(displays) -> list:
    r"""The activations the page's maths apply by name (``a^l = \mathrm{ReLU}(z^l)``: the word
    followed by its argument, never by a prime).

    >>> applied_words([r"a^l &= \mathrm{ReLU}(z^l) = \max(0, z^l)", r"\mathrm{ReLU}'(z_i)"])
    ['\\mathrm{ReLU}']
    """
    return [m.group(0) for d in displays for m in _WORD.finditer(d)
            if re.match(r"\s*(?:\\left\s*)?\(", d[m.end():])]
