r"""Token-level helpers of the index parser (:mod:`symbp.check.index_claims`): a sum's index
list, a comma list split at separators, and whether a bracket after a name holds indices.

An index written with a word subscript, ``h_\text{out}``, ``h_{out}``, ``w_\mathrm{in}``, is one
index variable ``h_out`` wherever it stands: in an entry's subscript (``index_tree._index_name``)
and under a sum (:func:`index_names`), so ``\sum_{h_\text{out}}`` runs the index that
``Y[m, h_\text{out}, w_\text{out}]`` writes.

Example::

    >>> index_names(["h", "_", "\\Nout", ",", "w", "_", "{", "o", "u", "t", "}"])
    ['h_out', 'w_out']
    >>> bracket_index(["X", "[", "c", ",", "(", "h", "_", "\\Nout", "+", "p", ")", "]"], 1)
    True
"""
from __future__ import annotations

import re

from .index_tree import INDEX_GREEK, IndexError_, Op, Ref, _index_name, free_vars

# tokens a bracket after a name may hold when it is an index list: letters, digits, signs,
# primes, word names (\Nout), a word subscript h_\text{out} / h_{out}, parentheses (h + p)
_BRACKET_TOKEN = re.compile(r"[A-Za-z0-9',+\-_{}()]|\\N\w+")


def split_tokens(tokens: list, seps) -> list:
    """``tokens`` cut at each separator in ``seps``, empty parts dropped.
    Example: ``split_tokens(["a", ",", "b"], (",",))`` → ``[["a"], ["b"]]``."""
    parts, cur = [], []
    for tok in tokens:
        if tok in seps:
            parts.append(cur)
            cur = []
        else:
            cur.append(tok)
    parts.append(cur)
    return [p for p in parts if p]


def _word_subscript(tokens: list, k: int):
    """(the subscript word, the position after it) of ``_ \\Nout`` / ``_ { o u t }`` / ``_ 1`` /
    ``_ { 1 }`` at ``k``, else None."""
    if k >= len(tokens) or tokens[k] != "_" or k + 1 >= len(tokens):
        return None
    nxt = tokens[k + 1]
    if nxt.startswith("\\N") and nxt[2:].isalpha():
        return nxt[2:], k + 2
    if re.fullmatch(r"\d", nxt) or (re.fullmatch(r"[A-Za-z]", nxt) and k + 2 >= len(tokens)):
        return nxt, k + 2                     # \sum_{k_1}, \sum_{c_o}: one character
    if nxt == "{":
        j = k + 2
        while j < len(tokens) and re.fullmatch(r"[A-Za-z]|\d", tokens[j]):
            j += 1
        if j < len(tokens) and tokens[j] == "}" and j > k + 2:
            return "".join(tokens[k + 2:j]), j + 1
    return None


def index_names(tokens: list[str]) -> list[str]:
    """The index variables a sum's subscript lists: ``i , j`` / ``ij`` → ['i', 'j'];
    ``h _ \\Nout`` → ['h_out']; IndexError_ for anything else (a sum over ``i+1``)."""
    names, cur, k = [], "", 0
    while k < len(tokens):
        tok = tokens[k]
        word = _word_subscript(tokens, k) if cur and (len(cur) == 1 or cur in INDEX_GREEK) else None
        if word is not None:                  # \sum_{h_\text{out}}, \sum_{c_{in}}, \sum_{k_1}: one index
            cur += "_" + word[0]
            k = word[1]
            continue
        if tok == ",":
            names.append(cur)
            cur = ""
        elif tok == "'":
            cur += "'"
        elif re.fullmatch(r"[A-Za-z]", tok) or tok in INDEX_GREEK:
            if cur and "," not in tokens:
                names.append(cur)
                cur = ""
            cur += tok
        else:
            raise IndexError_(f"index '{tok}' in a sum")
        k += 1
    if cur:
        names.append(cur)
    return names


def bracket_index(tokens: list, i: int, tensors=()) -> bool:
    """``x[c, i+u]``, ``X[c, (h_\\text{out} + p)]``: whether the bracket at ``tokens[i]`` (right
    after a name) holds a list of index terms (not an Iverson bracket ``[i = j]``, nor a group that
    names one of ``tensors``, ``w_{ij}[x_j + b]``)."""
    depth, j = 0, i
    while j < len(tokens):
        tok = tokens[j]
        depth += {"[": 1, "]": -1}.get(tok, 0)
        if depth == 0:
            inner = tokens[i + 1:j]
            return bool(inner) and all((_BRACKET_TOKEN.fullmatch(x) or x in INDEX_GREEK) and x not in tensors for x in inner)
        j += 1
    return False


def juxtaposed_indices(tree, tensors=()) -> tuple:
    r"""The indices of a subscript without commas that the parser read as one tree: one
    subscripted index name (``c_{out}`` → ``c_out``, ``k_1``), or index names written side by
    side, ``x_{i_1 j_1}`` / ``w_{c_{out} c_{in}}`` (a product of two or more names, one at least
    subscripted), one index each; anything else (``x_{2i+m}``) is one index, as written.
    ``tree``: the parser's tree of the subscript; ``tensors``: names that are never indices.

    >>> juxtaposed_indices(Op("mul", (Ref("i", None, (1,)), Ref("j", None, (1,)))))
    (Ref(name='i_1', label=None, idx=None), Ref(name='j_1', label=None, idx=None))
    """
    if isinstance(tree, Op) and tree.kind == "mul" and len(tree.args) >= 2:
        named = [_index_name(a, tensors) for a in tree.args]
        if all(isinstance(a, Ref) and a.idx is None and a.label is None for a in named) and \
                any(isinstance(a, Ref) and a.idx for a in tree.args):
            return tuple(named)
    return (_index_name(tree, tensors),)


def joined_sum_names(vars_: list, body) -> list:
    r"""``\sum_{oc}`` over a body whose entries write ``oc`` as one index (``W_{oc,ic,kh,kw}``,
    the commas say so) sums over the index ``oc``, not over o and c: the page's own entries
    decide.  Where the body uses the joined name and every one of its letters (``x_{oc,o,c}``),
    which is meant is not written: IndexError_ naming the ambiguity.  Any other sum is left as written.
    ``vars_``: the sum's index names as :func:`index_names` split them; ``body``: its tree.

    >>> joined_sum_names(["o", "c"], Ref("w", None, (Ref("oc", None, None), Ref("i", None, None))))
    ['oc']
    >>> joined_sum_names(["i", "j"], Ref("w", None, (Ref("i", None, None), Ref("j", None, None))))
    ['i', 'j']
    """
    if len(vars_) < 2 or not all(re.fullmatch(r"[a-z]", v) for v in vars_):
        return vars_
    joined, used = "".join(vars_), set(free_vars(body))
    if joined not in used:
        return vars_
    if set(vars_) <= used:
        raise IndexError_(f"the sum over {joined} may be one index {joined} or the indices "
                          f"{', '.join(vars_)}, and the entries use both: write the sum's indices "
                          f"with commas (\\sum_{{{','.join(vars_)}}}) or rename one")
    return [joined]


_COMMA_LIST = re.compile(r"_\s*\{([^{}]*,[^{}]*)\}|\[([^\[\]]*,[^\[\]]*)\]")


def comma_index_words(latex: str) -> frozenset:
    r"""Names of two or more lower-case letters that the claim writes as one index between commas
    (``X_{ch,p,q}``, ``W[oc, ic, p, q]``): the page's own commas say they are one index each.

    >>> sorted(comma_index_words(r"\frac{\partial L}{\partial b_{oc}} = \sum_i y_{oc,i,j}"))
    ['oc']
    """
    found = set()
    for m in _COMMA_LIST.finditer(latex):
        found |= {part.strip() for part in (m.group(1) or m.group(2)).split(",")
                  if re.fullmatch(r"\s*[a-z]{2,}\s*", part)}
    return frozenset(found)


def spell_index_words(side: str, words: frozenset) -> str:
    r"""An entry's subscript that is exactly one of ``words`` (:func:`comma_index_words`), written
    without commas, ``b_{oc}``, as that one index (the tokenizer's word token ``\Noc``); a sum's
    subscript is left to :func:`joined_sum_names`.

    >>> spell_index_words(r"\partial b_{oc}", frozenset({"oc"}))
    '\\partial b_{\\Noc }'
    """
    if not words:
        return side
    pattern = re.compile(r"(?<!\\sum)(?<!\\prod)(_\s*\{\s*)(" + "|".join(sorted(words)) + r")(\s*\})")
    return pattern.sub(lambda m: m.group(1) + "\\N" + m.group(2) + " " + m.group(3), side)


_ONE_ENTRY = re.compile(r"\s*[A-Za-z]\s*_\s*(?:\{\s*\d+\s*\}|\d)\s*\}")       # δ_{z_1}: one numbered entry
_INNER_DIGIT = re.compile(r"(?<=[A-Za-z])\s*_\s*(?:\{\s*\d+\s*\}|\d)")


_ROTATION = re.compile(r"rot\s*(\}?)\s*_\s*(?:\{\s*180\s*(?:\^\s*\{?\s*\\circ\s*\}?\s*)?\}|180)")


_SIZED_BRACKET = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\s*[\[\]]")


def index_name_digits_dropped(latex: str) -> str:
    r"""``latex`` with the digit subscripts of index names removed: a ``_1`` written inside an
    entry's subscript, brackets or call arguments, or a sum's subscript (``x_{i_1, k_1}``,
    ``x[i_1, j]``, ``x(i_1, j)``, ``\sum_{k_1}``) names an index (``k_1``), never a numbered entry
    (``x_{11}``, ``x_1`` stay); so is the angle of ``\mathrm{rot}_{180}``, ``rot_{180^\circ}``.
    Used only to ask whether a claim writes numbered entries.

    >>> index_name_digits_dropped(r"\frac{\partial E}{\partial x_{i_1,i_2}} = \sum_{k_1} w[k_1, k_2] + x_1")
    '\\frac{\\partial E}{\\partial x_{i,i}} = \\sum_{k} w[k, k] + x_1'
    >>> index_name_digits_dropped(r"\delta *_{\mathrm{full}} \mathrm{rot}_{180}(K)")
    '\\delta *_{\\mathrm{full}} \\mathrm{rot}(K)'
    """
    latex = _ROTATION.sub(lambda m: "rot" + m.group(1), _SIZED_BRACKET.sub(" ", latex))   # \left[ M \right]: no index list
    out, depth, k = [], [], 0
    while k < len(latex):
        ch = latex[k]
        before = "".join(out[-12:]).rstrip()
        if ch in "[(" or (ch == "{" and before.endswith("_")):
            # δ_{z_1}: the gradient at the numbered entry z_1 (a subscript that is an entry)
            depth.append(({"[": "]", "(": ")", "{": "}"}[ch], not (re.search(r"\\delta\s*_$", before) and _ONE_ENTRY.match(latex, k + 1))))
        elif ch == "{":
            depth.append(("}", False))        # a group that is no subscript (\frac{…})
        elif depth and ch == depth[-1][0]:
            depth.pop()
        elif ch == "_" and any(d[1] for d in depth) and out and re.fullmatch(r"[A-Za-z]", out[-1].strip() or "#"):
            m = _INNER_DIGIT.match(latex, k)
            if m:
                k = m.end()
                continue
        out.append(ch)
        k += 1
    return "".join(out)
