r"""Sizes a document states in its prose (read by :class:`symbp.check.real_docs.NamesTracker`):
``$I$ of $m\times n$ pixels``, ``a $3\times 3$ kernel $K$``, ``$O$ has shape $n_f \times h \times w$``,
``stride 2``.  Display math and comments are skipped.

Example::

    >>> prose_sizes("the input $X$ is a $4 \\times 4$ matrix")["X"]
    ('4', '4')
"""
from __future__ import annotations

import re

_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->", re.S)
_SIZE = r"\$?\s*([a-z]|\d+)\s*(?:\\times|×|x)\s*([a-z]|\d+)\s*\$?"
_NAME = r"\$\s*(?:\\mathbf\{|\\boldsymbol\{)?([A-Za-z])\}?\s*\$"
_SIZE_AFTER = re.compile(_NAME + r"[^$.;]{0,40}?\b(?:of|is|be|with)\s+(?:an?\s+)?" + _SIZE)
_SIZE_BEFORE = re.compile(_SIZE + r"\s*[A-Za-z]*\s*[A-Za-z]*\s*" + _NAME)


_SYM = r"(?:[A-Za-z](?:_\{?[A-Za-z]+\}?)?|\d+)"
_SHAPE = re.compile(_NAME + r"[^$.;]{0,40}?\b(?:shape|size|dimensions?)\s*(?:of\s+)?:?\s*\$\s*\(?\s*("
                    + _SYM + r"(?:\s*(?:\\times|×|,)\s*" + _SYM + r"){2,3})\s*\)?\s*\$")


def prose_shapes(text: str) -> dict:
    """{size symbol: (letter, axis)} for shapes of three or four axes the prose gives in the
    tensor's index order (``$O$ has shape $n_f \\times h_{new} \\times w_{new}$``)."""
    prose = _DISPLAY.sub(" ", text)
    found = {}
    for m in _SHAPE.finditer(prose):
        parts = re.split(r"\s*(?:\\times|×|,)\s*", m.group(2).strip())
        for axis, part in enumerate(parts):
            sym = re.sub(r"_\{?([A-Za-z]+)\}?", r"_\1", part)
            if not sym.isdigit():
                found.setdefault(sym, (m.group(1), axis))
    return found


_SIZE_ROLE = re.compile(r"\b(?:an?|the)\s+\$?\s*(\d+)\s*(?:\\times|×|x)\s*(\d+)\s*\$?\s*"
                        r"(kernel|filter|input|image)\b", re.I)
_STRIDE = re.compile(r"\bstride\s+(?:of\s+)?\$?\s*(?:[a-z]\s*=\s*)?(\d+)\s*\$?", re.I)


def prose_sizes(text: str) -> dict:
    """{letter: (rows, cols)} for the sizes a document's prose gives its tensors."""
    prose = _DISPLAY.sub(" ", text)
    found = {}
    for m in _SIZE_AFTER.finditer(prose):
        found.setdefault(m.group(1), (m.group(2), m.group(3)))
    for m in _SIZE_BEFORE.finditer(prose):
        found.setdefault(m.group(3), (m.group(1), m.group(2)))
    for m in _SIZE_ROLE.finditer(prose):           # "a 3×3 kernel", "a 4 x 4 input image"
        word = m.group(3).lower()
        found.setdefault("#kernel" if word in ("kernel", "filter") else "#input", (m.group(1), m.group(2)))
    m = _STRIDE.search(prose)                       # "stride 2", "a stride of $s = 2$"
    if m:
        found["#stride"] = (m.group(1), m.group(1))
    return found
