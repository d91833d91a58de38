r"""Two ways authors write a convolution forward that the readers take in their own spelling:

* the operation as an infix word, ``x \; conv \; k + b``, ``X \text{ conv } W``: the sliding
  product ``x * k`` (as ``\text{conv}(x, k)`` reads: the section's convention, cross-correlation
  unless the page says otherwise; MATLAB's ``conv2(…)`` and a word followed by its arguments,
  ``conv(…)``, are calls and stay as written);
* the output alone on the right of such a worded forward, ``x \; conv \; k + b = u``: the
  forward ``u = x * k + b``, the same equation with its sides in the order the readers bind
  (only for a convolution of two names, a bias at most after it, and one bare name on the
  right; ``a * w = z`` written with a symbol is the founding notation's claim and stays).

The report keeps the written text.

>>> plain_infix(r"x \; conv \; k + b = u")
'u = x * k + b'
>>> plain_infix(r"\frac{\partial L}{\partial x} = \delta' \text{ conv } k'")
"\\frac{\\partial L}{\\partial x} = \\delta' * k'"
>>> plain_infix(r"\frac{\partial L}{\partial X} = conv2(\delta, K, 'full')")
"\\frac{\\partial L}{\\partial X} = conv2(\\delta, K, 'full')"
"""
from __future__ import annotations

import re

_SPACE = r"(?:\s|\\[;,:! ]|\\q?quad(?![A-Za-z])|~)"
_WORD = re.compile(r"(?<=[\w}\]')])" + _SPACE + r"+(?:\\(?:text|mathrm|operatorname)\s*\{\s*conv\s*\}|conv)"
                   + _SPACE + r"+(?=[\\\w\[{(])")
_OPERAND = r"(?:\\[A-Za-z]+\s*)?[A-Za-z](?:'|\^\s*(?:\{[^{}]*\}|\w)|_\s*(?:\{[^{}]*\}|\w))*"
_REVERSED = re.compile(r"^\s*(" + _OPERAND + r"\s*(?:\*|\\ast|\\star|\\circledast|\\otimes)\s*" + _OPERAND +
                       r"(?:\s*\+\s*" + _OPERAND + r")?)\s*=\s*(" + _OPERAND + r")\s*$")


def plain_infix(latex: str) -> str:
    """``latex`` with an infix ``conv`` as ``*`` and a reversed convolution forward turned round
    (module docstring); unchanged where there is neither."""
    if "conv" not in latex:
        return latex
    worded = _WORD.sub(" * ", latex)
    m = _REVERSED.match(worded) if worded != latex and worded.count("=") == 1 else None
    latex = worded
    return f"{m.group(2).strip()} = {m.group(1).strip()}" if m else latex
