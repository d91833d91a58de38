r"""A claim that differentiates two different losses: ``\frac{\partial \mathcal{L}}{\partial W} = \sum
\frac{\partial L}{\partial Y} X`` on a page whose total loss 𝓛 adds a weight decay to the data loss L.

The readers read every loss letter (L, E, J, C, 𝓛, 𝓛 in script) as the one loss of the layer, so
such a claim would hold as if both were the same.  Where one claim writes two of them, which one the
page means by each is not settled: the claim is unchecked, never held or refuted.

>>> two_losses(r"\frac{\partial \mathcal{L}}{\partial W_{mn}} = \sum_{i} \frac{\partial L}{\partial Y_{i}} X_{i+m}")
'it differentiates two losses, \\mathcal{L} and L: the page may mean two (a total loss and a data loss); write one'
>>> two_losses(r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} X^T") is None
True
"""
from __future__ import annotations

import re

# the letter a derivative differentiates, where it is a loss's: ∂L, ∂\mathcal{L}, ∂\mathscr L, dE/ (ℓ, one
# sample's loss beside L, is not counted)
_LOSS = re.compile(r"(?:\\partial|∂|(?<![A-Za-z\\])d)\s*\{?\s*(\\math(?:cal|scr)\s*\{?\s*[A-Z]\s*\}?"
                   r"|[LEJC](?![A-Za-z_^']))(?=\s*\}?\s*(?:\}|/))")      # a numerator: ∂L}{…, ∂L/∂…


def _key(letter: str) -> str:
    return re.sub(r"[\s{}]", "", letter)


def two_losses(latex: str) -> str | None:
    """Why ``latex`` is unchecked when it differentiates two different loss letters, else None."""
    found = list(dict.fromkeys(_key(m.group(1)) for m in _LOSS.finditer(latex)))
    if len(found) < 2:
        return None
    shown = [m.group(1).strip() for m in _LOSS.finditer(latex)]
    first = next(s for s in shown if _key(s) == found[0])
    second = next(s for s in shown if _key(s) == found[1])
    return (f"it differentiates two losses, {first} and {second}: the page may mean two (a total loss and a "
            "data loss); write one")


__all__ = ["two_losses"]
