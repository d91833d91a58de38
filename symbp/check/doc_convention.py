r"""Which convolution a document's words say its operator is.

Authors say it in prose more often than in a directive: "here $*$ is a true convolution",
"we use cross-correlation, as deep-learning libraries do", "真正的卷积".  Words about a
flipped kernel alone do not count: that is how authors describe rot180 in the backward pass.
:func:`prose_convention` reads those words outside the displays (and outside HTML comments)
and answers ``"true"``, ``"cross"``, ``"both"`` (the text speaks of each, as a page that
contrasts the two does) or ``None``.  The index reader (:mod:`symbp.check.real_docs`) takes
``"true"`` as the section's convention when no directive and no written-out forward entry
settle it, and with ``"both"`` leaves undecided a claim whose verdict depends on the
convention (:func:`symbp.check.index_eval.check_index_claim`).

Example::

    >>> prose_convention("Here $*$ is a true convolution: the kernel is flipped.")
    'true'
    >>> prose_convention("Strictly this is a cross-correlation: the filter is not flipped.")
    'cross'
    >>> prose_convention("A mathematical convolution flips the kernel; CNN libraries compute cross-correlation.")
    'both'
    >>> prose_convention("The gradient is the error convolved with the flipped kernel.") is None
    True
"""
from __future__ import annotations

import re

_NOT_PROSE = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->|```.*?```", re.S)

# the operator named a true convolution in so many words ("the kernel is flipped" alone is not
# enough: it is how authors describe rot180 in the backward pass)
_TRUE = re.compile(
    r"\b(?:true|real|mathematical|strict|proper|genuine) convolution|"
    r"convolution in the (?:strict|mathematical|signal[- ]processing) sense|"
    r"convolution,? as in signal[- ]processing|as in signal[- ]processing,? convolution|"
    r"真正的卷积|数学上的卷积|严格意义上的卷积", re.I)
_CROSS = re.compile(
    r"cross[- ]?correlat\w*|(?:not|n't|without|no|never) (?:be )?(?:flip|rotat)\w*|"
    r"(?:is|are) not flipped|互相关|不(?:需要)?翻转", re.I)


def prose_convention(text: str) -> str | None:
    """``"true"``, ``"cross"``, ``"both"`` or None: what the prose of ``text`` says the
    convolution is (displays, code blocks and HTML comments are not read)."""
    prose = _NOT_PROSE.sub(" ", text)
    cross = bool(_CROSS.search(prose))
    true = bool(_TRUE.search(prose))
    if true and cross:
        return "both"
    return "true" if true else "cross" if cross else None
