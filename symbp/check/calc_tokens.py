r"""Tokens of a side for the scalar-layer reader (:mod:`symbp.check.calc_parse`): spacing and
sizing commands dropped, ``\text{…}`` kept as one token, words written without a backslash
read as one token (``ln`` the logarithm, ``softmax`` a word, never a product of letters), and
TeX's ``{a \over b}`` as ``\frac{a}{b}``.

>>> tokens(r"y_k ln(s_k)"), tokens(r"-ylog(a)")
(['y', '_', 'k', '\\ln', '(', 's', '_', 'k', ')'], ['-', 'y', '\\log', '(', 'a', ')'])
"""
from __future__ import annotations

import functools
import re

from .calc_stat_tokens import stat_tokens

_SKIP = {"\\left", "\\right", "\\,", "\\;", "\\!", "\\:", "\\ ", "\\quad", "\\qquad", "\\displaystyle",
         "\\big", "\\Big", "\\bigg", "\\Bigg", "\\limits", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr",
         "\\large", "\\Large", "\\small", "\\normalsize"}
#: the words "if" and "otherwise" in the languages the corpus has: a cases row's condition cell
IF_WORDS = r"(?:if|for|when|si|wenn|falls|se|nếu|khi|jeśli|jeżeli|gdy|dla|eğer|jika|als|当|若|如果)"
ELSE_WORDS = (r"(?:otherwise|else|sinon|sonst|ansonsten|en otro caso|de lo contrario|si no|altrimenti|caso contrário|senão"
         r"|ngược lại|trường hợp khác|w przeciwnym (?:razie|wypadku|przypadku)|aksi (?:halde|takdirde)|selainnya|lainnya"
         r"|anders|否则|其他|其它|其余|それ以外|그 외|기타)")


def otherwise_last(pieces: list, error=ValueError) -> list:
    """Cases rows ``(value, condition)`` with the "otherwise" row (condition ``True``) moved last,
    where a Piecewise takes the first row that holds: written first, "otherwise" is still the rest
    of the line.  Two "otherwise" rows: the caller's ``error``.

    >>> otherwise_last([(0, True), (1, "x > 0")])
    [(1, 'x > 0'), (0, True)]
    """
    other = [p for p in pieces if p[1] is True or p[1] == True]     # noqa: E712 (SymPy's true too)
    if len(other) > 1:
        raise error("two 'otherwise' rows")
    return [p for p in pieces if p not in other] + other


_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\d+(?:\.\d+)?|[A-Za-z]|[{}()\[\]^_+\-=*/,&'|<>]|\S")

def tokens(latex: str) -> list[str]:
    """The tokens of ``latex`` without spacing and sizing commands; ``\\text{if }`` kept as
    one token ``\\text:if`` (a list of the caller's own; worked out once per text)."""
    return list(_tokens(latex))


@functools.lru_cache(maxsize=2048)
def _tokens(latex: str) -> tuple[str, ...]:
    """:func:`tokens`, kept per text."""
    out, pos = [], 0
    latex = re.sub(r"\\not\s*=", r"\\neq ", latex)                     # i \not= j
    raw = _words(re.sub(r"\\\\\s*\[[^\]]*\]", r"\\\\", over_to_frac(latex)))    # \\[1ex]: a row break
    while pos < len(raw):
        tok = raw[pos]
        if tok in ("\\text", "\\mathrm", "\\textrm", "\\mbox", "\\operatorname") and \
                pos + 1 < len(raw) and raw[pos + 1] == "{":
            depth, end, word = 0, pos + 1, []
            while end < len(raw):
                depth += raw[end] == "{"
                depth -= raw[end] == "}"
                if depth == 0:
                    break
                if end > pos + 1:
                    word.append(raw[end])
                end += 1
            word = "".join(word).strip()
            out.append(_WORD_FUNCTIONS.get(word) or "\\text:" + word)     # \text{tanh}: \tanh
            pos = end + 1
            continue
        if tok not in _SKIP:
            out.append(tok)
        pos += 1
    return tuple(stat_tokens(out))


def over_to_frac(latex: str) -> str:
    """``{a \\over b}`` written ``\\frac{a}{b}`` (TeX's primitive fraction), innermost first.

    >>> print(over_to_frac(r"{e^x - e^{-x} \\over e^x + e^{-x}}"))
    \\frac{e^x - e^{-x} }{ e^x + e^{-x}}
    """
    for _ in range(20):
        m = re.search(r"\\over(?![A-Za-z])", latex)
        if not m:
            return latex
        depth, start = 0, None
        for k in range(m.start() - 1, -1, -1):
            depth += {"}": 1, "{": -1}.get(latex[k], 0)
            if depth < 0:
                start = k
                break
        depth, end = 0, None
        for k in range(m.end(), len(latex)):
            depth += {"{": 1, "}": -1}.get(latex[k], 0)
            if depth < 0:
                end = k
                break
        if start is None or end is None:
            return latex
        latex = (latex[:start] + "\\frac{" + latex[start + 1:m.start()] + "}{" + latex[m.end():end]
                 + "}" + latex[end + 1:])
    return latex


_WORD_FUNCTIONS = {"ln": "\\ln", "log": "\\log", "exp": "\\exp", "tanh": "\\tanh"}


_LABELS = {"pred", "true", "total", "out", "output", "input", "hidden", "target", "max", "avg", "mean",
           "sum", "err", "error", "loss", "prev", "next", "net", "bias", "new", "old", "est", "obs", "reg"}


def label_word(word: str) -> bool:
    """Whether a whole subscript of letters is a word that labels a name (``E_{total}``,
    ``y_{pred}``), not a run of indices (``x_{ijk}``): a known label, an acronym in capitals
    (``L_{BCE}``, ``L_{MSE}``: index letters are small), or five letters or more with a vowel
    other than i.

    >>> label_word("total"), label_word("ijk"), label_word("pred"), label_word("nchw"), label_word("BCE")
    (True, False, True, False, True)
    """
    return word.lower() in _LABELS or word.isupper() or (len(word) >= 5 and bool(re.search(r"[aeouAEOU]", word)))


_NOT_NAMES = {"if", "for", "when", "and", "else", "otherwise", "where", "with", "softmax", "sum", "max",
              "min", "argmax", "diag", "sign", "relu", "sigmoid", "const", "cases"}


def word_name(tok: str, after) -> bool:
    """Whether a word token starts a scalar's name: a word of letters followed by its label's
    ``_`` (``net_{h1}``, ``out_{o1}``: Mazur's worked example), not a function or prose word."""
    word = tok[6:] if tok.startswith("\\text:") else ""
    return after == "_" and bool(re.fullmatch(r"[A-Za-z]{2,}", word)) and word.lower() not in _NOT_NAMES


def _words(latex: str) -> list[str]:
    """The raw tokens, with a word written without a backslash read as one token: ``ln``,
    ``log``, ``exp``, ``tanh`` as those functions (``y_k ln(s_k)``), any other run of three or
    more letters (``softmax``, ``batch``) as an unread word, never as a product of letters, except
    one or two letters glued to a logarithm or exponential before its ``(`` (``-ylog(a)``: ``y \\log(a)``);
    letters right after ``_`` / ``^`` (``x_{ijk}``) stay indices."""
    found = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(latex)]
    out, k = [], 0
    while k < len(found):
        end = k
        while end + 1 < len(found) and re.fullmatch(r"[A-Za-z]", found[end][0]) and \
                re.fullmatch(r"[A-Za-z]", found[end + 1][0]) and found[end][2] == found[end + 1][1]:
            end += 1
        word = "".join(t for t, _, _ in found[k:end + 1])
        before = [t for t, _, _ in found[max(0, k - 2):k]]
        indexed = before[-1:] in (["_"], ["^"]) or before in (["_", "{"], ["^", "{"]) or \
            (before[-1:] == ["{"] and k >= 2 and found[k - 2][0].startswith("\\"))   # \mathbf{abc}
        label = before == ["_", "{"] and end + 1 < len(found) and found[end + 1][0] == "}" and \
            found[end][2] == found[end + 1][1] and label_word(word)         # E_{total}: a label
        glued = re.fullmatch(r"([A-Za-z]{1,2}?)(log|ln|exp)", word) if end > k and not indexed else None
        opens = end + 1 < len(found) and found[end + 1][0] in ("(", "\\left")
        if glued and opens and glued.group(1) and not label:      # -ylog(a): y times log(a)
            out += list(glued.group(1)) + [_WORD_FUNCTIONS[glued.group(2)]]
        elif end > k and (label or not indexed and (word in _WORD_FUNCTIONS or len(word) >= 3)):
            out += [_WORD_FUNCTIONS[word]] if word in _WORD_FUNCTIONS else ["\\text", "{", word, "}"]
        else:
            out += [t for t, _, _ in found[k:end + 1]]
        k = end + 1
    return out


def bracket_indices(toks: list) -> list:
    """``p[i]``, ``z[i, j]``, ``W[i][j]`` (an array's entry, numpy's way) as ``p_{i}``, ``z_{i,j}``, ``W_{i,j}``: a letter's
    brackets that hold only index letters; ``[i = j]`` (Iverson's) and a subscript's own ``x_i[…]`` stay.  A layer's
    digit before them, ``O_2[i,k]``, ``W_{1}[p,j]``, labels the name: ``O^{(2)}_{i,k}``."""
    out, k = [], 0
    while k < len(toks):
        out.append(toks[k])
        name = re.fullmatch(r"[A-Za-z]", toks[k]) and (k == 0 or toks[k - 1] not in ("_", "^"))
        k += 1
        label = _bracketed_label(toks, k) if name else None
        if label is not None:                    # O_2[i,k]: layer 2's O
            out += ["^", "{", "(", label[0], ")", "}"]
            k = label[1]
        letters = []
        while name and k + 2 < len(toks) + 1 and toks[k:k + 1] == ["["]:
            end = toks.index("]", k) if "]" in toks[k:] else -1
            inner = toks[k + 1:end] if end > 0 else []
            if not inner or len(inner) > 3 or not all(re.fullmatch(r"[a-z]", t) for t in inner[::2]) or \
                    not all(t == "," for t in inner[1::2]):
                break
            letters += inner[::2]
            k = end + 1
        if letters:
            out += ["_", "{"] + [t for x in letters for t in (x, ",")][:-1] + ["}"]
    return out


def _bracketed_label(toks: list, k: int):
    """(the digit, the position of its ``[``) where ``toks[k:]`` is a one-digit subscript before a bracket, else None."""
    if toks[k:k + 3] and toks[k] == "_" and k + 2 < len(toks) and re.fullmatch(r"\d", toks[k + 1]) and toks[k + 2] == "[":
        return toks[k + 1], k + 2
    if toks[k:k + 1] == ["_"] and toks[k + 1:k + 2] == ["{"] and k + 4 < len(toks) and re.fullmatch(r"\d", toks[k + 2]) \
            and toks[k + 3] == "}" and toks[k + 4] == "[":
        return toks[k + 2], k + 4
    return None


__all__ = ["bracket_indices", "label_word", "over_to_frac", "tokens", "word_name"]
