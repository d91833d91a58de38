"""Claims the founding-notation reader must leave to the index reader.

The founding notation counts entries from 1 (``a_{11}`` is the first entry) and reads ``*`` as
cross-correlation.  Two directive keys of the index reader change what a document's text means:
``index_base=0`` (``a_{11}`` is the second row's second entry) and ``conv=true`` (the document's
``*`` flips its kernel), as do prose words that call the document's ``*`` a true convolution.  In
such a section the founding reader would decide a claim under the wrong meaning: a false "holds"
(``∂J/∂a_{11} = δ_{11} W_{11}`` at base 0 is the corner's rule read at the centre) or a false
"refuted" (``δ_0`` is no entry from 1).  It declines those claims; the index reader, which honours
both keys, reads them.
"""
from __future__ import annotations

import re

# an entry written with numbers: x_{11}, \delta_0, W_{1,2}, a^{l}_{21}
_NUMBERED = re.compile(r"_\s*(?:\{\s*\d|\d)")
# a convolution operator as the documents write it (the founding reader's * and its spellings)
_CONV_OPERATOR = re.compile(r"(?<![\^_{])\*|\\ast(?![A-Za-z])|\\star(?![A-Za-z])|\\circledast|"
                            r"\\otimes|\\circledcirc|conv")


def core_declines(latex: str, settings: dict, prose_convention: str | None = None) -> str | None:
    """Why the founding reader leaves ``latex`` to the index reader, or None where it may decide.

    ``settings``: the section's directive keys (``index_base``, ``conv``); ``prose_convention``:
    ``"true"`` where the prose calls the document's ``*`` a true convolution.

    >>> core_declines(r"\\frac{\\partial J}{\\partial a_{11}} = \\delta_{11} W_{11}", {"index_base": "0"})
    'the entries are counted from 0 here (index_base=0): read by the index reader'
    >>> core_declines(r"\\frac{\\partial J}{\\partial W} = a * \\delta", {"conv": "true"})
    "the document's * is a true convolution here: read by the index reader"
    >>> core_declines(r"\\frac{\\partial J}{\\partial W} = a * \\delta", {}) is None
    True
    """
    base = str(settings.get("index_base", "1")).strip()
    if base != "1" and _NUMBERED.search(latex):
        return f"the entries are counted from {base} here (index_base={base}): read by the index reader"
    convention = str(settings.get("conv", "")).strip().lower()
    flips = convention in ("true", "conv", "convolution") or (
        not convention and prose_convention == "true")
    if flips and _CONV_OPERATOR.search(latex):
        return "the document's * is a true convolution here: read by the index reader"
    return None
