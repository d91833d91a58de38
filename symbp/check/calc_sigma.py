r"""Which function a page's σ is: the logistic sigmoid, tanh, or one symbp does not assume.

The scalar-layer reader (:mod:`symbp.check.calc_graph`) decides σ'(z) by what σ is.  A page
says it three ways, read in this order:

1. a definition it writes, ``\sigma(z) = \frac{1}{1 + e^{-z}}`` or ``\sigma(z) = \tanh(z)``
   (in a display or inline).  The definition is decided exactly: with z = log t it must cancel
   to t/(1 + t) (the logistic sigmoid) or to (t² - 1)/(t² + 1) (tanh); any other definition
   (a steeper ``\frac{1}{1 + e^{-2z}}``) is σ of its own, which symbp does not read as either;
2. prose that ties σ to one of them in one clause (``σ denotes the hyperbolic tangent``,
   ``where σ is the logistic function``);
3. else the word sigmoid or logistic anywhere on the page.

A page that says two things (two different definitions, or prose tying σ to both) leaves σ
general, and the claims that depend on which σ it is stay unchecked.

>>> page_sigma(r"Here $\sigma(z) = \tanh(z)$, unlike the usual sigmoid.")
'tanh'
>>> page_sigma(r"$$\sigma(z) = \frac{1}{1 + e^{-2z}}$$ a steeper sigmoid")
'general'
>>> page_sigma(r"Throughout, $\sigma$ denotes the hyperbolic tangent, not the logistic sigmoid.")
'tanh'
>>> page_sigma("the sigmoid layer")
'sigmoid'
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_scalar_fn import ScalarFunctions
from .calc_scalar_text import sigma_again

_T = sp.Symbol("t", positive=True)
_KNOWN = {"sigmoid": _T / (1 + _T), "tanh": (_T ** 2 - 1) / (_T ** 2 + 1)}
_MATH = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\$([^$]+)\$", re.S)
_SIGMA = r"(?:\\sigma|σ)(?![A-Za-z])"
_LOGISTIC_DEF = re.compile(_SIGMA + r"\s*\(\s*([a-z])\s*\)\s*=\s*\\frac\s*\{\s*1\s*\}\s*\{\s*1\s*\+\s*"
                           r"(?:e\s*\^\s*\{\s*-\s*\1\s*\}|e\s*\^\s*-\s*\1(?![A-Za-z0-9])|"
                           r"\\exp\s*\(\s*-\s*\1\s*\))\s*\}")       # the written logistic, where the row is not read
_WORDS = re.compile(r"sigmoid|logistic|Sigmoid|Logistic")
_TANH = r"tanh|hyperbolic\s+tangent|tangente\s+hiperb[oó]lica|tangente\s+hyperbolique|tangens\s+hyperbolicus|" \
        r"hyperbolische[rn]?\s+tangens|双曲正切|双曲線正接|쌍곡\s*탄젠트|ハイパボリックタンジェント|гиперболическ\w*\s+тангенс"
_LOGISTIC = r"sigmoid|sigmoide|sigmoïde|logistic|log[íi]stica|logistique|logistische|シグモイド|시그모이드|сигмоид\w*|" \
            r"логистическ\w*|S\s*型|逻辑函数"
_KIND_WORD = re.compile(r"(" + _TANH + r")|(" + _LOGISTIC + r")", re.I)
_NOT_BEFORE = re.compile(r"(?:\bnot|\bno|\bnon|\bpas|\bnicht|\bkein\w*|rather\s+than|instead\s+of|en\s+lugar\s+de|"
                         r"而不是|不是|而非|并非|非|не)\s*(?:the|a|an|la|el|le|die|der|das|un|una|une|de)?\s*\$?\s*$", re.I)
_NOT_AFTER = re.compile(r"^\s*(?:\S{0,4}\s*)?(?:ではなく|ではない|가\s*아니|이\s*아니|아닌)")
_DERIVATIVE_BEFORE = re.compile(r"\\[dt]?frac|\\partial|\\nabla|\bd\s*/\s*d|'")
_SENTENCE = re.compile(r"[.!?;](?:\s|$)|[。！？；\n]")


def _clause_kinds(text: str) -> set:
    """The functions the prose's sentences that name σ tie it to: each sentence with σ in it and
    exactly one kind of function word that no negation marks (``σ denotes the hyperbolic tangent,
    not the logistic sigmoid``, ``σ 表示双曲正切函数（tanh），而不是 sigmoid``); a sentence with
    both kinds unnegated ties σ to both."""
    prose = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    tied = set()
    for sentence in _SENTENCE.split(prose):
        if not re.search(_SIGMA, sentence):
            continue
        last = (None, False, 0)                    # the word before, when only spaces part them
        for m in _KIND_WORD.finditer(sentence):
            kind = "tanh" if m.group(1) else "sigmoid"
            negated = (_NOT_BEFORE.search(sentence[max(0, m.start() - 24):m.start()]) is not None
                       or _NOT_AFTER.match(sentence[m.end():]) is not None
                       or (last[0] == kind and last[1] and not sentence[last[2]:m.start()].strip()))
            last = (kind, negated, m.end())        # "not the logistic sigmoid": both words negated
            if not negated:
                tied.add(kind)
    return tied


def kind_of(variable: str, expression: sp.Expr) -> str:
    """'sigmoid' or 'tanh' when ``expression`` in ``variable`` is exactly that function, else 'other'.

    >>> z = sp.Symbol("z"); kind_of("z", 1 / (1 + sp.exp(-z))), kind_of("z", sp.tanh(z))
    ('sigmoid', 'tanh')
    """
    try:
        rational = sp.cancel(expression.rewrite(sp.exp).subs(sp.Symbol(variable), sp.log(_T)))
        for name, form in _KNOWN.items():
            if sp.cancel(rational - form) == 0:
                return name
    except (TypeError, ValueError, AttributeError, RecursionError, sp.PolynomialError):
        pass
    return "other"


def _kinds(chunk: str) -> list:
    """The kinds of the σ definitions written in one piece of LaTeX math, each decided exactly."""
    if not re.search(_SIGMA + r"\s*\(\s*[a-z]\s*\)\s*(?:=|:=)", chunk):
        return []
    kinds = []
    for row in re.split(r"\\\\|,\s*\\q?quad|\\q?quad|;", chunk):
        at = re.search(_SIGMA + r"\s*\(\s*[a-z]\s*\)\s*(?:=|:=)", row)
        if at is None or _DERIVATIVE_BEFORE.search(row[:at.start()]):
            continue                        # \frac{d}{dx} σ(x) = σ(x)(1 - σ(x)): a claim about σ', no definition
        found = ScalarFunctions([row.replace("σ", r"\sigma")]).defs.get((r"\sigma", ""))
        if found is not None:
            kinds.append(kind_of(*found))
        elif _LOGISTIC_DEF.search(row):
            kinds.append("sigmoid")
        elif re.search(_SIGMA + r"\s*\(\s*[a-z]\s*\)\s*(?:=|:=)\s*\S", row):
            kinds.append("other")           # σ(z) = something this reader does not parse: not assumed
    return kinds


def _one(kinds) -> str:
    kinds = set(kinds)
    return kinds.pop() if len(kinds) == 1 and kinds <= {"sigmoid", "tanh"} else "general"


def page_sigma(text: str) -> str:
    """What the page's σ is: 'sigmoid', 'tanh' or 'general' (see the module's docstring)."""
    return PageSigma(text).page


def section_sigma(displays, page: str) -> str:
    """What σ is in a section: its own definition(s) where it writes one, else the page's."""
    kinds = [k for d in displays for k in _kinds(d)]
    return _one(kinds) if kinds else page


def own_sigma(displays) -> str:
    """What the section's own displays define σ as (sigmoid, tanh, or "general" for any other function,
    ``\\max(0, x)``, ``\\log(1 + e^x)``), "" where they define none: it rules over a directive's
    ``name=`` (the page's σ is what its claims are about)."""
    kinds = [k for d in displays for k in _kinds(d)]
    return _one(kinds) if kinds else ""


class PageSigma:
    """σ's definitions on a page, where each is written, and what σ is on the page as a whole.

    A page may define σ more than once, each for the text below it (``For ReLU ($\\sigma(z) =
    \\max(0, z)$): … For the sigmoid ($\\sigma(z) = \\frac{1}{1+e^{-z}}$): …``): a claim then
    reads the last definition written above it.

    >>> text = (r"For ReLU ($\\sigma(z) = \\max(0, z)$) … For the sigmoid "
    ...         r"($\\sigma(z) = \\frac{1}{1+e^{-z}}$): $$ \\sigma'(z) = \\sigma(z)(1 - \\sigma(z)) $$")
    >>> s = PageSigma(text)
    >>> s.page, s.above(text.index("$$"))
    ('general', 'sigmoid')
    """

    def __init__(self, text: str):
        self.marks = sorted([(m.start(), kind) for m in _MATH.finditer(text)
                             for kind in _kinds(m.group(1) or m.group(2) or m.group(3) or "")] +
                            [(at, "general") for at in sigma_again(text)])     # σ(x) := …, a softmax's σ: not guessed
        if self.marks:
            self.page = _one(kind for _, kind in self.marks)
            return
        tied = _clause_kinds(text)
        self.page = _one(tied) if tied else "sigmoid" if _WORDS.search(text) else "general"

    def above(self, offset: int) -> str | None:
        """The kind of the last σ definition written before ``offset`` ('general' for one that is
        neither function), None when there is none above it."""
        before = [kind for at, kind in self.marks if at < offset]
        return None if not before else before[-1] if before[-1] in ("sigmoid", "tanh") else "general"
