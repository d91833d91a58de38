r"""Capitals a section writes for a whole tensor or its entries, beside the lower-case letter its
forward indexes (``y_{ij} = \sum x_{i+m,j+n} w_{mn}``, then ``∂L/∂W``, ``X_{ij}``, ``B^T``): each may take
its lower case's role where it has none (:class:`symbp.check.section_names.SectionNames`).

Example::

    >>> sorted(whole_capitals([r"\frac{\partial L}{\partial A} = \frac{\partial L}{\partial C} B^T"]))
    ['A', 'B', 'C', 'L']
    >>> sorted(whole_capitals([r"B = \left[\begin{array}{cc} b_{11} & b_{12} \end{array}\right]"]))
    ['B']
"""
from __future__ import annotations

import re

# ∂W, ∂W^l, \nabla_{W^l}, dW: a capital written for the whole tensor (not an entry W_{jk})
_WHOLE_CAP = re.compile(r"(?:\\partial|\\nabla\s*_|(?<![A-Za-z\\])d)\s*\{?\s*(?:\\mathbf\s*\{|\\boldsymbol\s*\{)?\s*([A-Z])\s*\}?"
                        r"(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*\}?(?![A-Za-z_])")
# X_{ij}, W_{m,n}, Y_{i-m,j-n}: a capital's entry, indexed by two or more letters (never W_{out}, H_{in})
_ENTRY_CAP = re.compile(r"(?<![A-Za-z\\])([A-Z])\s*_\s*\{\s*([a-z](?:\s*[+-]\s*(?:[a-z]|\d+))*(?:\s*,?\s*[a-z]"
                        r"(?:\s*[+-]\s*(?:[a-z]|\d+))*)+)\s*\}")
_INDEX_WORDS = {"in", "out", "up", "on", "at", "id"}
# a capital written as a size: H \times W, a sum's bound ^{W}, ^{W-1}, W_{out}
_SIZE_CAP = r"(?:\\times\s*{0}(?![A-Za-z])|(?<![A-Za-z\\]){0}\s*\\times|\^\s*\{{?\s*{0}(?![A-Za-z])|(?<![A-Za-z\\]){0}\s*_\s*\{{?\s*(?:out|in)\b)"


def entry_capitals(latex: list[str], size_letters) -> set[str]:
    r"""The capitals a section writes as entries indexed by letters (``\frac{\partial L}{\partial
    W_{mn}}``, ``X_{i+m,j+n}``), never one it writes as a size (``H \times W``, ``\sum^{W-1}``,
    ``W_{out}``) or that the prose counts as one: each may take its lower case's role where it has
    none (``y_{ij} = \sum x_{i+m,j+n} w_{mn}``, then ``∂L/∂W_{mn}``).

    >>> sorted(entry_capitals([r"\frac{\partial L}{\partial W_{mn}} = \sum_{i=0}^{H-1} X_{i+m,j+n}"], set()))
    ['W', 'X']
    >>> entry_capitals([r"W_{out} = W - k + 1, \ W_{ij}"], set())
    set()
    """
    text = " ".join(latex)
    found = {m.group(1) for m in _ENTRY_CAP.finditer(text) if m.group(2).replace(" ", "") not in _INDEX_WORDS}
    return {c for c in found if c not in (size_letters or ()) and not re.search(_SIZE_CAP.format(c), text)}


# B^T, A^\top: a capital transposed is a matrix; A = [a_{11} …]: a capital written out by its own entries
_TRANSPOSED_CAP = re.compile(r"(?<![A-Za-z\\])(?:\\mathbf\s*\{|\\boldsymbol\s*\{)?\s*([A-Z])\s*\}?\s*\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\})(?![A-Za-z])")
WRITTEN_MATRIX = re.compile(r"(?<![A-Za-z\\])(?:\\mathbf\s*\{|\\boldsymbol\s*\{)?\s*([A-Z])\s*\}?\s*=\s*(?:\\left\s*[\[(]\s*)?\{?\s*"
                            r"\\begin\s*\{([pbvBV]?matrix|array)\}(.*?)\\end\s*\{\2\}", re.S)     # (capital, environment, body)
_FIRST_ENTRY = re.compile(r"(?:\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})?[\s{]*([a-z])\s*_")      # after an array's column spec


# H = XW, Y = X^T W: a forward in capitals, one capital a product of two
_PRODUCT_FORWARD = re.compile(r"(?<![A-Za-z\\])([A-Z])\s*=\s*([A-Z])\s*(?:\^\s*\{?\s*(?:T|\\top)\s*\}?\s*)?([A-Z])(?![A-Za-z_^])")
# the prose's words for a batch, its samples, examples, data points, or inputs stacked as rows
_BATCH_WORDS = re.compile(r"\b(?:mini-?)?batch|\bsamples\b|\bexamples\b|\bdata points\b|\bobservations\b|\binstances\b|"
                          r"\bstack(?:ed|s|ing)?\b|\b(?:inputs|vectors) (?:as|in|on) (?:the )?rows\b|批|样本|按行|堆叠|배치|샘플", re.I)
# X = [x_1 \cdots x_i], X = \left[x_{1} …: a capital written as its entries' row
_ROW_OF_ENTRIES = r"(?<![A-Za-z\\]){0}\s*=\s*(?:\\left\s*)?[\[(]\s*{1}\s*_"
# h_j, x_{i}: a lower case indexed once (one sample's entry)
_ONE_INDEX = r"(?<![A-Za-z\\]){0}\s*_\s*(?:\{{\s*[a-z]\s*\}}|[a-z](?![\w,]))"


def batch_capitals(rows: list[str], prose: str) -> set[str]:
    r"""The capitals of a forward over a batch (``H = XW``, where the ``prose`` speaks of a batch or of samples)
    whose lower cases the section also indexes once as one sample's entries (``h_j = \sum_i w_{ij} x_i``):
    H and X are then the batch's matrices, not the vectors h and x, and take no role of theirs (W, indexed
    twice, stays the weight).  A capital the page writes as its entries' row (``X = [x_1 \cdots x_i]``) is
    that vector, and its forward one sample's.

    >>> sorted(batch_capitals([r"h_j = \sum_{i=1}^{3} w_{ij} x_i", "H = XW"], "a batch whose samples are the rows of X"))
    ['H', 'X']
    >>> batch_capitals([r"y_j = b_j + \sum_i x_i w_{ij}", r"X = [x_1 \cdots x_i]", "Y = XW + B"], "one batch"), \
    ...     batch_capitals([r"c_{ij} = \sum_t a_{it} b_{tj}", "C = AB"], "a batch")
    (set(), set())
    """
    if not _BATCH_WORDS.search(prose):
        return set()
    text = " ".join(rows)
    found = set()
    for m in _PRODUCT_FORWARD.finditer(text):
        once = {c for c in m.group(1, 2, 3) if re.search(_ONE_INDEX.format(c.lower()), text)}
        if len(once) >= 2 and not any(re.search(_ROW_OF_ENTRIES.format(c, c.lower()), text) for c in once):
            found |= once
    return found


def whole_capitals(latex: list[str]) -> set[str]:
    """The capitals ``latex`` (a section's displays) writes for a whole tensor: differentiated or
    differentiated by (``∂W``, ``\\nabla_W``, ``dW``), transposed (``B^T``), or written out by the entries of
    its own lower case (``A = [a_{11} …]``)."""
    text = " ".join(latex)
    return set(_WHOLE_CAP.findall(text)) | set(_TRANSPOSED_CAP.findall(text)) | \
        {cap for cap, _, body in WRITTEN_MATRIX.findall(text) if (low := _FIRST_ENTRY.match(body)) and low.group(1) == cap.lower()}
