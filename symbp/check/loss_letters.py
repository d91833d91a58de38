r"""A claim that differentiates two different losses: ``\frac{\partial \mathcal{L}}{\partial W} = \sum
\frac{\partial L}{\partial Y} X`` on a page whose total loss 𝓛 adds a weight decay to the data loss L.

The readers read every loss letter (L, E, J, C, 𝓛, 𝓛 in script) as the one loss of the layer, so
such a claim would hold as if both were the same.  Where one claim writes two of them, which one the
page means by each is not settled: the claim is unchecked, never held or refuted.

A mini-batch section that divides some gradients by the batch and not others leaves which loss (the batch's
mean or its sum) each row differentiates as unsettled (:func:`batch_mean_doubt`).

>>> two_losses(r"\frac{\partial \mathcal{L}}{\partial W_{mn}} = \sum_{i} \frac{\partial L}{\partial Y_{i}} X_{i+m}")
'it differentiates two losses, \\mathcal{L} and L: the page may mean two (a total loss and a data loss); write one'
>>> two_losses(r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} X^T") is None
True
"""
from __future__ import annotations

import re

# the letter a derivative differentiates, where it is a loss's (ℓ, one sample's loss beside L, is not counted):
# \frac{\partial C}{…}, ∂\mathcal{L}/∂w, dE/dw; never the ∂C of ∂L/∂C
_LETTER = r"(\\math(?:cal|scr)\s*\{?\s*[A-Z]\s*\}?|[LEJC](?![A-Za-z_^']))"
_NUMERATOR = re.compile(r"\\[dt]?frac\s*\{\s*(?:\\partial|∂|d)\s*\{?\s*" + _LETTER + r"\s*\}?\s*\}\s*\{"
                        r"|(?:\\partial|∂|(?<![A-Za-z\\])d)\s*\{?\s*" + _LETTER.replace("(", "(?P<slash>", 1) + r"\s*\}?\s*/")


# C = \frac{1}{2}\sum_j (c_j - y_j)^2, L = C + \frac{\lambda}{2}\|W\|^2: a letter defined as a scalar (a cost)
_COST_ROW = re.compile(r"^\s*([LEJC])\s*=(?=.*(?:\\sum|\\frac|\\log|\^\s*\{?\s*2|\\\||\|))")


def used_as_loss(latex, losses) -> set:
    """The letters of ``losses`` that the displays ``latex`` use as a loss: differentiate (∂C/∂…) or define as
    a cost (``C = \\frac{1}{2}\\sum_j (c_j - y_j)^2``), and L, E, J always; not a C the page only differentiates
    by (∂L/∂C: C a tensor of the layer, as in C = AB)."""
    return {k for k in (_key(m.group(1) or m.group("slash")) for tex in latex for m in _NUMERATOR.finditer(tex)) if k in losses} | \
        {m.group(1) for tex in latex if (m := _COST_ROW.match(tex))} | ({"L", "E", "J"} & set(losses))


def _key(letter: str) -> str:
    return re.sub(r"[\s{}]", "", letter)


def two_losses(latex: str) -> str | None:
    """Why ``latex`` is unchecked when it differentiates two different loss letters, else None."""
    shown = [(m.group(1) or m.group("slash")).strip() for m in _NUMERATOR.finditer(latex)]
    found = list(dict.fromkeys(_key(x) for x in shown))
    if len(found) < 2:
        return None
    first = next(s for s in shown if _key(s) == found[0])
    second = next(s for s in shown if _key(s) == found[1])
    return (f"it differentiates two losses, {first} and {second}: the page may mean two (a total loss and a "
            "data loss); write one")


_GRADIENT = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*d\s*[A-Za-z\\]|(?<![A-Za-z\\])d[A-Z]\b")
_PER_BATCH = re.compile(r"\\[dt]?frac\s*\{\s*1\s*\}\s*\{\s*[A-Za-z]\s*\}|\\[dt]?frac\s*1\s*[A-Za-z](?![A-Za-z])"
                        r"|(?<![\w.])1\s*/\s*[A-Za-z](?![A-Za-z])")
_LAYERS = ("fc", "linear", "dense", "softmax")
# a row defining the loss itself (L = …, J(\theta) = …, \mathcal{L} = …): the page writes which loss it means
_LOSS_DEFINED = re.compile(r"\s*(?:\\math(?:cal|scr)\s*\{?\s*[A-Z]\s*\}?|\\ell|[LJEC]|Loss|Cost)\s*(?:_\s*\{?[^=]{0,12}?\}?)?"
                           r"\s*(?:\([^=]*\))?\s*=(?!=)")


def batch_mean_doubt(claim: str, section_rows, settings: dict) -> str | None:
    """Why ``claim`` (a row of a page whose display rows are ``section_rows``, in a section under directive ``settings``) is
    left unchecked: the section averages some gradients over its batch and not others; else None.

    Pages in the style of a popular course write ``dZ = A - Y`` beside ``dW = \\frac{1}{m} dZ X^T``: the first is
    the gradient of the batch's summed loss (or of each example's), the second of its mean, and which loss the
    page means is not written (held-out 58's truth reads the mean; others read the sum).  In a dense or softmax
    section whose directive gives a batch of 2 or more, where some gradient rows carry a factor 1/N (one letter)
    and others do not, and no row defines the loss, no verdict that depends on the guess is given.

    >>> rows = [r"\\frac{\\partial L}{\\partial Z} = A - Y", r"\\frac{\\partial L}{\\partial W} = \\frac{1}{m} dZ X^T"]
    >>> batch_mean_doubt(rows[0], rows, {"layer": "softmax", "batch": "4"}) is not None
    True
    >>> batch_mean_doubt(rows[0], rows[:1], {"layer": "softmax", "batch": "4"}) is None
    True
    """
    batch = str(settings.get("batch", "") or "")
    if str(settings.get("layer", "")).lower() not in _LAYERS or not batch.isdigit() or int(batch) < 2 or \
            not _GRADIENT.search(claim):
        return None
    if any(_LOSS_DEFINED.match(r) for r in section_rows):
        return None                         # L = \frac{1}{N} \sum …: the page says which loss
    gradients = [r for r in section_rows if _GRADIENT.search(r)]
    if not any(_PER_BATCH.search(r) for r in gradients) or all(_PER_BATCH.search(r) for r in gradients):
        return None
    return ("the section divides some gradients by the batch (1/N) and not others: whether a row is the gradient "
            "of the batch's mean loss or of its sum is not settled, so neither reading decides it")


__all__ = ["batch_mean_doubt", "two_losses"]
