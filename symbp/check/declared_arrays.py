r"""The names a page's prose declares vectors or matrices: ``$x$ is a row vector``, ``$w$ a
$3\times 2$ matrix``, ``the weight matrix $W$``, ``$x \in \mathbb{R}^{3}$``.  The scalar-layer
reader (:mod:`symbp.check.calc_graph`) reads a page's names as numbers; a product of two such names
read as numbers loses its order and its transposes, so a row naming one of them is not a theorem
about numbers (:func:`symbp.check.calc_rows.matrix_row`).

Every pattern here is bounded: inline math is cut at 120 characters, and the words beside a name
are looked at in a window of at most 60 characters, so a page of any length is read in linear time.

>>> sorted(declared_arrays(r"The input $x$ is a row vector of 3 entries, $w$ a $3\times 2$ matrix; $b$ is a number."))
['w', 'x']
>>> sorted(declared_arrays(r"Let $\mathbf{h} \in \mathbb{R}^{n}$ and $c \in \mathbb{R}$; the weight matrices $W$ and $V$."))
['V', 'W', 'h']
"""
from __future__ import annotations

import re

_INLINE = re.compile(r"\$([^$]{1,120})\$|\\\(((?:[^\\]|\\[^)]){1,120})\\\)")
_GREEK = (r"alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|"
          r"rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega")
_NAME = re.compile(r"\s*(?:\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit)\s*\{\s*)?([A-Za-z]|\\(?:" + _GREEK + r"))"
                   r"(?![A-Za-z])\s*\}?\s*(?:\\in\s*(?:\\mathbb\s*\{?\s*R\s*\}?|\\R(?![A-Za-z])|\\Re)\s*"
                   r"(?:\^\s*(\{[^{}]{0,60}\}|\w))?)?\s*")
_DIMS = re.compile(r"[\w\s{}]{0,20}(?:\\times|×)[\w\s{}]{0,20}|\s*\d{1,4}\s*")
_JOIN = re.compile(r"\s*(?:,|and|or|und|et|и|和|、|y|e)?\s*")
_ARRAY_WORD = re.compile(r"(?<![A-Za-z])(?:vectors?|matri(?:x|ces)|tensors?|arrays?)(?![A-Za-z])|向量|矩阵|ベクトル|"
                         r"行列|벡터|행렬|вектор|матриц|vecteur|matrice|Vektor|Matrix|Matrizen|vetor|matriz", re.I)
_PREFIX = re.compile(r"(?:vectors?|matri(?:x|ces)|tensors?|向量|矩阵|ベクトル|行列|벡터|행렬|вектор\w{0,3}|"
                     r"матриц\w{0,3}|vecteurs?|matrices?|Vektoren|Vektor|Matrizen|Matrix|vetor|matriz)\s*$", re.I)
_SENTENCE_END = re.compile(r"[.;:!?。；]\s|\n\s*\n")


def _sized(power: str | None) -> bool:
    """Whether ``\\mathbb{R}^{power}`` is more than one number (``n``, ``3``, ``m \\times n``; not ``1``)."""
    inner = (power or "").strip("{} ")
    return bool(inner) and re.fullmatch(r"1(?:\s*\\times\s*1)?", inner) is None


def _after(prose: str, tokens: list, k: int) -> str:
    """The words after token ``k`` up to the next name or the sentence's end, a size such as
    ``$3\\times 2$`` kept in, at most 60 characters."""
    end = tokens[k].end()
    text = ""
    for j in range(k + 1, min(k + 4, len(tokens))):   # a size or two, then the next name
        nxt = tokens[j]
        text += prose[end:min(nxt.start(), end + 200)]
        if len(text) > 60:
            break
        body = nxt.group(1) or nxt.group(2) or ""
        if not _DIMS.fullmatch(body):
            break
        text += " " + body + " "
        end = nxt.end()
    else:
        text += prose[end:end + 60]
    cut = _SENTENCE_END.search(text)
    return (text[:cut.start()] if cut else text)[:60]


def declared_arrays(prose: str) -> frozenset:
    """The names (``x``, ``W``, ``\\delta``) the prose ``prose`` (the page without its displays)
    declares vectors or matrices.  A name counts where the words right after it (or after the list
    ``$x$, $y$ and $z$`` it ends) call it a vector or a matrix before another name begins, where the
    words right before it do (``the weight matrix $W$``), or where it is written in ``\\mathbb{R}^{n}``."""
    tokens = list(_INLINE.finditer(prose or ""))
    names = [_NAME.fullmatch(t.group(1) or t.group(2) or "") for t in tokens]
    arrays: set = set()
    group, prefixed = [], False              # the list $x$, $y$ and $z$ being read; "the matrices" before it
    for k, (token, name) in enumerate(zip(tokens, names)):
        if name is None:
            group = []
            continue
        letter = name.group(1)
        if name.group(2) is not None and _sized(name.group(2)):
            arrays.add(letter)
        before = prose[tokens[k - 1].end() if k else 0:token.start()]
        if group and _JOIN.fullmatch(before):
            group.append(letter)
        else:
            group, prefixed = [letter], _PREFIX.search(before[-30:]) is not None
        if prefixed:
            arrays.add(letter)
        nxt = names[k + 1] if k + 1 < len(names) else None
        if nxt is not None and _JOIN.fullmatch(prose[token.end():tokens[k + 1].start()]):
            continue                               # the list goes on: its words come after its last name
        if _ARRAY_WORD.search(_after(prose, tokens, k)):
            arrays.update(group)
    return frozenset(arrays)


def names_array(row: str, arrays) -> bool:
    r"""Whether the row ``row`` writes one of the names ``arrays``, as a whole name (``x`` not in ``\exp``).

    >>> names_array(r"\frac{\partial L}{\partial z} x", {"x"}), names_array(r"\exp(z)", {"x"}), names_array(r"\sigma'(z)", {r"\sigma"})
    (True, False, False)
    """
    for name in arrays:                            # σ(z), σ'(z): a function, not the array
        pattern = re.escape(name) + r"(?![A-Za-z])(?!\s*(?:\(|'|\^\s*\{?\s*(?:'|\\prime)))" if name.startswith("\\") \
            else r"(?<![\\A-Za-z])" + re.escape(name) + r"(?![A-Za-z])(?!\s*(?:\(|'|\^\s*\{?\s*(?:'|\\prime)))"
        if re.search(pattern, row):
            return True
    return False
