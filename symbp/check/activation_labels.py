r"""A derivative of a generic activation under a label that names another function.

Pages that list activations write one derivative per label, all with the same letter:

    Sigmoid:   g'(z) = g(z)(1 - g(z))
    Arctan:    g'(z) = \frac{1}{1 + z^2}
    Softsign:  g'(z) = \frac{1}{(1 + |z|)^2}

The scalar reader reads ``g`` as the function the page defines for it (``g(z) = \frac{1}{1 + e^{-z}}``), so
under "Arctan:" the arctan's true derivative was refuted as the sigmoid's (blind held-out 42).
:func:`relabelled` says why such a verdict is not kept: the paragraph just before the display names one
activation other than the page's last definition of the claim's letter above it (a known one), or that one
and another (red team 49: "Unlike the sigmoid, the hyperbolic tangent is zero-centred:").

    >>> page = "$$g(z) = \\frac{1}{1 + e^{-z}}$$\n\nArctan:\n\n$$g'(z) = \\frac{1}{1 + z^2}$$\n"
    >>> relabelled(r"g'(z) = \frac{1}{1 + z^2}", page, 5) is not None
    True
    >>> relabelled(r"g'(z) = g(z)(1 - g(z))", page.replace("Arctan", "Sigmoid"), 5) is None
    True
"""
from __future__ import annotations

import re

_WORDS = (("sigmoid", r"(?<!hard )(?<!hard-)(?<!hard)sigmoid|logistic|シグモイド|S型|сигмоид|sigmoïde|sigmoide"),
          ("hard sigmoid", r"hard[- ]?sigmoid"),
          ("tanh", r"tanh|hyperbolic tangent|tangente? hiperb|tangente hyperbolique|гиперболическ\w* тангенс|双曲正切|"
                   r"双曲線正接|쌍곡탄젠트|쌍곡 탄젠트"),
          ("arctan", r"arc\s?tan|atan|inverse tangent|arctangent"), ("softsign", r"soft\s?sign"),
          ("softplus", r"soft\s?plus"), ("relu", r"(?<![a-z])relu|rectified linear"), ("elu", r"(?<![a-z])s?elu(?![a-z])"),
          ("gelu", r"gelu"), ("swish", r"swish|silu"), ("mish", r"(?<![a-z])mish"), ("gaussian", r"gauss"),
          ("identity", r"\bidentity\b|identité|identidad|恒等"), ("isru", r"isru|inverse square root"))
_LETTER_PRIME = re.compile(r"^\s*(\\sigma|\\phi|\\varphi|[fgh])\s*'\s*\(")


def _names(text: str) -> set:
    return {name for name, words in _WORDS if re.search(words, text.lower())}


def _defined_as(letter: str, above: str) -> str | None:
    """What the page's last display ``g(z) = …`` in ``above`` (the page above the claim) defines the letter as, by
    its shape: a name of ``_WORDS``, or None where it defines none there or one of no shape known here."""
    found = list(re.finditer(r"\$\$\s*" + re.escape(letter) + r"\s*\(\s*[a-z]\s*\)\s*=(.*?)\$\$", above, re.S))
    if not found:
        return None
    rhs = found[-1].group(1)
    if re.search(r"\\frac\s*\{\s*1\s*\}\s*\{\s*1\s*\+\s*e\^", rhs):                     # 1 / (1 + e^{-z})
        return "sigmoid"
    if re.search(r"e\^\s*\{?\s*[a-z]\s*\}?\s*-\s*e\^\s*\{?\s*-", rhs):                 # (e^z - e^{-z}) / (…)
        return "tanh"
    names = _names(rhs)
    return next(iter(names)) if len(names) == 1 else None


def relabelled(latex: str, text: str, line: int) -> str | None:
    """Why a verdict on ``latex`` (a generic activation's derivative, ``g'(z) = …``, at ``line`` of ``text``) is
    not kept: see the module's note; None otherwise."""
    lead = _LETTER_PRIME.match(latex)
    if lead is None:
        return None
    before = "\n".join(text.split("\n")[:max(0, line - 1)])
    paragraph = next((p for p in reversed(re.split(r"\n\s*\n", before)) if p.strip() and "$$" not in p), "")
    label, defined = _names(paragraph), _defined_as(lead.group(1), before)
    if not label or defined is None or label == {defined}:
        return None
    said = ", ".join(sorted(label - {defined}))
    return (f"the text just before it names the {said} function, while the page defines {lead.group(1)} as the "
            f"{defined}: the claim may be about that function, which is not read here")
