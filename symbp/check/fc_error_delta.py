r"""A two-index δ in a fully connected section: the error ∂L/∂Y_{n,j} or Kronecker's delta.

With a batch, authors write the loss gradient at the layer's output as ``\delta_{n,j}`` (row n an
example, column j an output) and state ``\frac{\partial L}{\partial W_{i,j}} = \sum_n
\delta_{n,j} X_{n,i}``, ``\frac{\partial L}{\partial b_j} = \sum_n \delta_{n,j}``; others write
``\delta_{ij}`` for Kronecker's delta, ``\frac{\partial z_i}{\partial w_{jk}} = \delta_{ij} a_k``.
:func:`delta_reading` decides which a claim means, or says both must be tried:

* ``None``: no bare two-index δ, or no batch (an error δ has one index there): Kronecker, as before;
* ``"error"``: the document defines δ as a loss gradient (``\delta_{n,j} = \frac{\partial L}{\partial
  Y_{n,j}}``, displayed or inline, :func:`defines_error_delta`), or the claim itself does;
* ``"kronecker"``: the claim differentiates something that is not a loss (``∂Y_{n,j}/∂W_{i,k}``):
  the error cannot appear there;
* ``"both"``: a loss's derivative and nothing defines δ: the index reader checks both readings;
  where they disagree the claim stays unchecked (never refuted on a guess).

>>> defines_error_delta(r"and $\delta_{n,j} = \partial L/\partial Y_{n,j}$.")
True
>>> defines_error_delta(r"$$\delta_{ij} = 1$$ if i = j (the Kronecker delta)")
False
"""
from __future__ import annotations

import re

from .index_tree import IndexError_, OutOfRange

_LOSS = r"(?:[A-Z]|\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell|\\mathscr\s*\{\s*[A-Z]\s*\})"
# δ, δ_{n,j}, δ_{nj} (no one-index δ_j: that is another layout's error), maybe a label
_DELTA = (r"\\delta\s*(?:_\s*\{\s*[A-Za-z]\s*,?\s*[A-Za-z]\s*\})?\s*(?:\^\s*\{[^{}]*\}|\^\s*[A-Za-z0-9])?"
          r"(?![\s_]*_)")
_DEFINES = re.compile(_DELTA + r"\s*(?:=|:=|\\equiv|\\coloneqq|\\triangleq|\\doteq)\s*(?:"
                      r"\\d?frac\s*\{\s*\\partial\s*" + _LOSS +
                      r"|\\partial\s*" + _LOSS + r"\s*/\s*\\partial"
                      r"|\{\s*\\partial\s*" + _LOSS + r"\s*\\over)")
_TWO_INDEX = re.compile(r"\\delta\s*_\s*\{\s*[A-Za-z]\s*,?\s*[A-Za-z]\s*\}")
_TOP = re.compile(r"^\s*\\d?frac\s*\{\s*\\partial\s*(\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell|\\[A-Za-z]+|[A-Za-z])")


def defines_error_delta(text: str) -> bool:
    """Whether the document ``text`` defines δ as a loss's gradient, e.g.
    ``\\delta_{n,j} = \\frac{\\partial L}{\\partial Y_{n,j}}`` or ``\\delta = \\partial E/\\partial z``."""
    return bool(_DEFINES.search(text))


def delta_reading(latex: str, ctx) -> str | None:
    r"""How the claim ``latex`` (``lhs = rhs``) in the fully connected context ``ctx`` reads a bare
    ``\delta_{a,b}``: None, ``"error"``, ``"kronecker"`` or ``"both"`` (module docstring).
    Example: ``\frac{\partial L}{\partial b_j} = \sum_n \delta_{n,j}`` in a batch section whose
    document defines δ → ``"error"``."""
    if getattr(ctx, "layer", None) != "fc" or not _TWO_INDEX.search(latex) or not _batched(ctx):
        return None
    lhs = latex.split("=", 1)[0]
    if ctx.settings.get("delta_defined") or re.match(r"\s*\\delta\b", lhs) and defines_error_delta(latex):
        return "error"
    top = _TOP.match(lhs)
    if top is not None and top.group(1).replace(" ", "") not in ctx.losses() \
            and not re.fullmatch(r"\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell", top.group(1)):
        return "kronecker"
    return "both"


def _batched(ctx) -> bool:
    """The error at the output has a batch axis (more than one example and output)."""
    try:
        grads = ctx.instances()[0].G
    except (IndexError_, OutOfRange, ValueError, TypeError, KeyError):   # sizes it cannot build: as before
        return False
    return getattr(grads, "ndim", 0) == 2 and min(grads.shape) > 1


def checked_readings(check, ctx, reading: str, outcome):
    """The claim checked (``check(context)`` → an Outcome, ``outcome`` its class) with δ_{a,b} read
    as the error ∂L/∂(output entry); for ``reading == "both"`` also as Kronecker's delta (``ctx``
    as it is): one verdict where both agree, else unchecked with both named."""
    as_error = check(type(ctx)(ctx.roles, {**ctx.settings, "delta_reading": "error"}))
    if reading == "error":
        as_error.detail += " (δ with two indices read as the error ∂L/∂ of the output's entry, as the document defines it)"
        return as_error
    try:
        as_kronecker = check(ctx)
    except (IndexError_, OutOfRange):
        as_kronecker = outcome("unchecked", "")
    if as_kronecker.verdict == as_error.verdict and as_error.verdict in ("holds", "refuted"):
        as_error.detail += " (as the error ∂L/∂ of the output's entry and as Kronecker's delta alike)"
        return as_error
    return outcome("unchecked", f"δ with two indices is not defined: read as the error ∂L/∂ of the output's "
                                f"entry it {as_error.verdict}, as Kronecker's delta it {as_kronecker.verdict}; "
                                f"define it, e.g. $\\delta_{{n,j}} = \\partial L/\\partial Y_{{n,j}}$")
