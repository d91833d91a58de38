"""A display without '=' (:func:`lone_matrix`): in a pooling section, a numeric matrix is the
upsampled δ, compared with the chain rule's ∂J/∂a (split out of :mod:`symbp.check.checker`)."""
from __future__ import annotations

from ..core import proof
from .. import witness
from ..core.tensor import text
from .notation import GRAD_A, Term, Unsupported, shorten
from .values import Values, _Outcome, _State
from .compare import _numeric, _plain, _verdict


def lone_matrix(term: Term, values: Values, section, state: _State) -> _Outcome:
    """The verdict on a display without '=' (``term``: its parsed side; ``section``: a
    :class:`symbp.check.docsetup.Section`): in a pooling section a numeric matrix such as
    ``\\begin{bmatrix} 0 & 1 \\\\ 2 & 0 \\end{bmatrix}`` is the upsampled δ; Unsupported otherwise."""
    if term.kind != "tensor" or term.expr not in values.ctx.matrices:
        raise Unsupported("not an equation")
    if section.pooling_mode is None:
        raise Unsupported("a lone matrix with nothing to compare it with (no pooling layer "
                          "set up to read it as the upsampled δ)")
    claimed = values.value(term)
    if not _numeric(claimed):
        raise Unsupported("a lone matrix of symbols: nothing to compare it with")
    fixed: dict = {}
    verdict, detail, evidence = _verdict(values.tensor(GRAD_A), claimed, "∂J/∂a", None, values,
                                         state, section, fixed)
    if verdict == proof.HOLDS:
        witness.confirm(f"∂J/∂a = {shorten(text(str(_plain(claimed))), 80)}",
                        values.tensor(GRAD_A), claimed, lambda s: None, fixed=fixed)
    return _Outcome(verdict, detail, evidence=evidence)
