r"""The gradient with respect to a transpose: ``\frac{\partial L}{\partial x^T}`` is ``(\frac{\partial
L}{\partial x})^T``, the row layout of ∂L/∂x, never ∂L/∂x itself.

Authors of the column convention write ``\frac{\partial L}{\partial x^T} = \delta^T W`` for
``z = Wx + b`` (the row the chain rule gives), also ``\partial x^\top``, ``\partial x^{T}``,
``\partial \mathbf{x}^\intercal``.  :func:`untransposed_sides` states such a claim about the plain
name, every right side transposed, so that the readers compare shapes and entries soundly:
``\frac{\partial L}{\partial x} = (\delta^T W)^T``.

>>> untransposed_sides([r"\frac{\partial L}{\partial x^T} ", r" \delta^T W"])
['\\frac{\\partial L}{\\partial x}', '\\left(\\delta^T W\\right)^T']
>>> untransposed_sides([r"\frac{\partial L}{\partial x}", "W^T \\delta"]) is None
True
"""
from __future__ import annotations

import re

_T = r"(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\}|\\mathrm\s*\{\s*\\top\s*\})"
_LEFT = re.compile(r"^\s*\\d?frac\s*\{\s*\\partial\s*(?P<top>[^{}]*?)\s*\}\s*\{\s*\\partial\s*"
                   r"(?P<name>(?:\\[A-Za-z]+\s*\{\s*[A-Za-z]\s*\}|\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?)"
                   r"\s*\^\s*(?:\{\s*" + _T + r"\s*\}|" + _T + r")\s*\}\s*$")


def untransposed_sides(sides: list[str]) -> list[str] | None:
    """``sides`` of ``\\frac{\\partial L}{\\partial A^T} = R = …`` (text of each side) as
    ``\\frac{\\partial L}{\\partial A} = (R)^T = …``; None when the left side is no derivative
    with respect to a transpose."""
    found = _LEFT.match(sides[0])
    if found is None or not found.group("top").strip():
        return None
    left = rf"\frac{{\partial {found.group('top').strip()}}}{{\partial {found.group('name').strip()}}}"
    return [left] + [rf"\left({side.strip()}\right)^T" if side.strip() else side for side in sides[1:]]


def checked_untransposed(sides: list[str], check):
    """``check(sides)`` (an outcome with ``verdict`` and ``detail``) on the sides of ``∂L/∂A^T = R``
    stated as ``∂L/∂A = (R)^T`` (:func:`untransposed_sides`; shapes then compare exactly), else on
    ``sides`` as they are.  Example: ``[r"\\frac{\\partial L}{\\partial b^T}", r"\\delta^T"]`` is checked as
    ``∂L/∂b = (δ^T)^T``."""
    flipped = untransposed_sides(sides) if len(sides) > 1 else None
    outcome = check(flipped or sides)
    if flipped and outcome.verdict in ("holds", "refuted"):
        outcome.detail += " (the gradient with respect to a transpose read as (∂L/∂A)^T: each right side transposed)"
    return outcome


def transposed_left(latex: str) -> str | None:
    r"""Why a reader that takes ``\partial W^T`` for ``\partial W`` (the directive's all-sizes prover)
    does not decide ``latex``: its left side is a derivative by a transpose; else None.

    >>> transposed_left(r"\frac{\partial J}{\partial W^T} = \delta a^T")[:35]
    'the left side is a derivative by a '
    """
    first = latex.split("=", 1)[0] if "=" in latex else ""
    if _LEFT.match(first) is None:
        return None
    return "the left side is a derivative by a transpose, which the every-size prover does not read"
