r"""Entries written as brackets or function calls, and arrays named by a word, as subscripts.

Authors write one entry of a tensor in several ways besides ``x_{i,j}``:

* brackets, as in NumPy, C and CUDA: ``x[i, j]``, ``w[m,n]``, ``y[i-m, j-n]``, chained
  ``W[k][c][p][q]``, ``\frac{\partial L}{\partial y[i,j]}``;
* a function call, as in Goodfellow et al.'s *Deep Learning* (``S(i, j) = \sum_m \sum_n
  I(i+m, j+n) K(m, n)``) and many notes after it: ``w^{l}(a,b)``, ``\delta^{l}(x,y)``,
  ``\frac{\partial y(r,c)}{\partial k(a',b')}``;
* a word for the array's name: ``bias_{j}``, ``input[b][c][h][w]``, ``out_{b}``,
  ``grad_output[b, k, i, j]``.

:func:`entry_latex` rewrites each as the subscripted entry the readers read (``x_{i,j}``,
``w^{l}_{a,b}``, ``\mathrm{bias}_{j}``), soundly:

* a name followed by brackets is always an entry; chained brackets concatenate their indices;
* ``NAME(args)`` is an entry only when NAME is no function of the document (σ, f, g, a
  primed name, a word such as ``relu`` or ``\exp``, a loss letter L, J, E, C, a name ever
  called with something other than index expressions or with another number of arguments),
  every argument is an index expression (index letters, primed letters, integers, affine
  combinations such as ``i+m``, ``2i-1``, ``x'+a``, ``K-1-m``), and NAME is called with the
  same number of index arguments, two or more, everywhere in the document (the table
  :func:`entry_names` reads once per document); one argument is left as written, since
  ``a(1-a)`` and ``y(n+1)`` are as often products as entries; NAME may be a word written right
  before its parenthesis (``out(i,j)``, ``filter(x,y)``: ``\mathrm{out}_{i,j}``) that names no
  operation (``max``, ``conv``) and is no gradient's ``dx``;
* a word of two or more letters is one name (``\mathrm{word}``) where the document indexes it
  with brackets, and then wherever it writes it (``bias[k]`` and ``bias_{k}``, ``\partial
  input``); never a macro or a function word.  A word before a subscript alone stays as
  written: ``XW_1`` may be X times W_1 (the index reader joins the letters of a word a
  directive or the forward names); but a lowercase word of three or more letters before a
  subscript list (``net_{i,j}``, ``out_{i+m,j+n}``) is one name there.

Anything else stays as written, so the readers leave it unchecked with their own reason:
multi-letter index words (``input[b][c][oh+fh][ow+fw]``), ``I_{region}(i, j)``, ``f(x)``.

Example::

    >>> names = entry_names(r"$$S(i, j) = \sum_m \sum_n I(i+m, j+n) K(m, n)$$")
    >>> entry_latex(r"S(i, j) = \sum_m \sum_n I(i+m, j+n) K(m, n)", names)
    'S_{i,j} = \\sum_m \\sum_n I_{i+m,j+n} K_{m,n}'
    >>> entry_latex(r"\frac{\partial L}{\partial w[m][n]} = \sum_{i} x[i+m] \cdot bias_{j}", EntryNames())
    '\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_{i} x_{i+m} \\cdot bias_{j}'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .latex_tokens import GREEK_LETTERS

MAX_ENTRY_CHARS = 20_000                       # longer text is left as written (bounded work)
# functions, never entries: σ and friends, f, g, loss letters; words that name operations
FUNCTION_NAMES = frozenset({"f", "g", r"\sigma", r"\phi", r"\varphi", r"\psi", r"\Phi",
                            "L", "J", "E", "C", r"\ell"})
FUNCTION_WORDS = frozenset(
    "exp log ln max min sum prod tanh sigmoid relu ReLU softmax conv rot flip pad full valid same kron "
    "up upsample upsampling unpool pool maxpool avgpool im2col col2im xcorr correlate convolve "
    "dilate sign argmax argmin diag vec tr det lim sup inf mean avg average var std where for and or of if in "
    "mathrm text operatorname frac partial cdot odot times left right sqrt mathbf boldsymbol bm "
    "delta sigma alpha beta gamma eta theta lambda mu epsilon phi rho tau omega nabla np torch".split())

# words that name an operation in any case (Conv, ReLU, Rot180); not the short English words
_OPERATION_WORDS = frozenset(w.lower() for w in FUNCTION_WORDS) - {"where", "for", "and", "or", "of", "if", "in"}

_PRIME = r"(?:\s*(?:'|\^\s*\{\s*(?:'|\\prime)\s*\}|\^\s*\\prime))"
_GREEK = r"\\(?:" + "|".join(sorted(GREEK_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])"
# an index name: a letter or a Greek letter, perhaps subscripted (i_1, c_{out}, r_\text{k}, \alpha_2)
_INDEX_NAME = r"(?:[A-Za-z]|" + _GREEK + r")(?:\s*_\s*(?:\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9]|\\text\s*\{\s*[A-Za-z]+\s*\}))?"
_LETTER = _INDEX_NAME + _PRIME + "*"
_FACTOR = r"(?:\d+\s*(?:\\cdot\s*|\*\s*)?" + _LETTER + r"|" + _LETTER + r"|\d+)"
_TERM = _FACTOR + r"(?:\s*(?:\\cdot|\*)\s*" + _FACTOR + ")?"
_INDEX = re.compile(r"\s*[+-]?\s*" + _TERM + r"(?:\s*[+-]\s*" + _TERM + r")*\s*")
# a layer label after the name, w^{l}, w^{l+1}, w^l (not a prime: f^{'} is a derivative)
_LABEL = r"(?:\^\s*\{(?:(?!\\prime)[^{}'])*\}|\^\s*[A-Za-z0-9])"
_START = r"(?<![\\A-Za-z0-9_^])(?<![_^]\{)(?<!\\text\{)(?<!\\mathrm\{)(?<!\\operatorname\{)"
# the head of a bracket entry: a letter, a Greek letter, a word, a snake_case word, \mathrm{word}
_HEAD = re.compile(_START + r"(" + _GREEK + r"|\\mathrm\s*\{\s*[A-Za-z][A-Za-z0-9]*(?:\\_[A-Za-z0-9]+)*\s*\}|"
                   r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)(\s*" + _LABEL + r")?(?=\s*\[)")
_BRACKET = re.compile(r"\s*\[([^\[\]]*)\]")
# a word set upright as an array's name, \text{Out}, \mathrm{Kernel} (a call's head: \text{Out}(i, j))
_UPRIGHT_WORD = r"\\(?:text|mathrm|operatorname)\s*\{\s*[A-Za-z][A-Za-z0-9]*\s*\}"
# a call: a letter, a Greek letter or an upright word, its label, then '('
# a plain word as a call's head, out(i, j), filter(x, y): written right before its parenthesis
_PLAIN_WORD = r"[A-Za-z]{2,}[0-9]*"
_CALL = re.compile(_START + r"(" + _GREEK + r"|" + _UPRIGHT_WORD + r"|" + _PLAIN_WORD + r"(?=\()|[A-Za-z])(\s*" + _LABEL +
                   r")?(" + _PRIME + r"*)\s*\(")
# a word used as an array: followed by brackets (a word before a subscript, XW_1, may be X W_1)
_WORD_ARRAY = re.compile(_START + r"(?!d[A-Za-z](?![A-Za-z0-9]))([A-Za-z]{2}[A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*)(?=\s*(?:" + _LABEL +
                         r")?\s*\[)")
# a lowercase word of three or more letters indexed by a subscript list, net_{i,j}, out_{i+m,j+n}
# (not XW_1, which may be X times W_1): a layer's array in blog posts' net/out notation
_WORD_ENTRY = re.compile(_START + r"([a-z]{3,})\s*_\s*\{\s*[A-Za-z0-9]+\s*[+\-]?[^{}]*,[^{}]*\}")
_LOSS_NUMERATOR = re.compile(r"\\frac\s*\{\s*\\partial\s*(" + _GREEK + r"|[A-Za-z])\s*\}")   # ∂L/…: the loss


@dataclass
class EntryNames:
    """What one document writes as call entries: ``calls`` maps a name (``S``, ``\\delta``)
    to its number of indices; ``arrays`` holds the words it uses as arrays (``bias``), ``listed``
    the words it writes with a subscript list (``net`` of ``net_{i,j}``, read there only)."""
    calls: dict = field(default_factory=dict)
    arrays: set = field(default_factory=set)
    listed: set = field(default_factory=set)


def _index_args(inner: str) -> list[str] | None:
    """The argument texts of a call or brackets when every one is an index expression."""
    pieces = inner.split(",")
    if len(inner) > 200 or not inner.strip() or any(not _INDEX.fullmatch(p) for p in pieces):
        return None
    return [re.sub(r"\^\s*\{\s*(?:'|\\prime)\s*\}|\^\s*\\prime", "'",
                   re.sub(r"\\cdot(?=[A-Za-z])", r"\\cdot ", re.sub(r"\s+", "", p))) for p in pieces]


def index_arguments(inner: str) -> list[str] | None:
    """The argument texts of ``W(m, n)`` or ``W[m, n]`` (``inner``: what the brackets hold) when
    every one is an index expression, ``None`` otherwise (see the module's rules)."""
    return _index_args(inner)


def _call_name(head: str) -> str:
    """A call's head as one key: ``\\text {Out}`` -> ``\\text{Out}``."""
    return re.sub(r"\s+", "", head)


def _function_head(name: str) -> bool:
    r"""Whether a call's head names a function, never an array: σ, f, a loss letter, or an
    upright word that names an operation (``\text{conv}``, ``\operatorname{rot180}``, ``\mathrm{pad}``)."""
    if name in FUNCTION_NAMES:
        return True
    if re.fullmatch(_PLAIN_WORD, name):                  # out(i, j) is an entry; max(a, b), conv(x, w) are not
        return name in FUNCTION_WORDS or re.sub(r"\d+$", "", name).lower() in _OPERATION_WORDS or \
            re.fullmatch(r"d[A-Za-z]", name) is not None
    word = re.fullmatch(r"\\(?:text|mathrm|operatorname)\{([A-Za-z0-9]+)\}", name)
    return bool(word) and (word.group(1) in FUNCTION_WORDS or name.startswith(r"\operatorname")
                           or re.sub(r"\d+$", "", word.group(1)).lower() in _OPERATION_WORDS)


def _closing(text: str, open_at: int) -> int:
    """The index of the ')' matching the '(' at ``open_at``, or -1."""
    depth = 0
    for k in range(open_at, min(len(text), open_at + 400)):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _subscripted_letters(text: str) -> set[str]:
    """Letters and Greek letters written somewhere with a subscript or brackets (tensors)."""
    return {m.group(1) for m in re.finditer(_START + r"(" + _GREEK + r"|[A-Za-z])\s*" + _LABEL + r"?\s*(?:_|\[)", text)}


def entry_names(text: str) -> EntryNames:
    r"""Read once per document: which names its calls ``NAME(args)`` write entries with, and
    which words it uses as arrays (see the module's rules).

    >>> entry_names(r"$\delta^{l}(x,y)=\frac{\partial C}{\partial z^{l}(x,y)}$, $\sigma(z)$ and f(x)").calls
    {'\\delta': 2, 'z': 2}
    >>> sorted(entry_names(r"$bias[j]$, $input[i]$, $\max[i]$, $XW_{1}$").arrays)
    ['bias', 'input']
    """
    if len(text) > MAX_ENTRY_CHARS * 20:
        return EntryNames()
    tensors = _subscripted_letters(text)
    losses = {m.group(1) for m in _LOSS_NUMERATOR.finditer(text)}
    uses: dict[str, list] = {}
    for m in _CALL.finditer(text):
        close = _closing(text, m.end() - 1)
        if close < 0:
            continue
        args = _index_args(text[m.end():close])
        if args is not None and any(a.rstrip("'") in tensors for a in args):
            args = None                                   # h(x, w) with x_{i}, w_{ij}: a function of arrays
        if args is not None and not any(re.search("[a-z0-9]", a) for a in args):
            args = None                                   # L(W, B): arrays, not indices
        uses.setdefault(_call_name(m.group(1)), []).append((args, bool(m.group(3))))
    names = EntryNames()
    for name, seen in uses.items():
        if _function_head(name) or name in losses or any(a is None or primed for a, primed in seen):
            continue
        arities = {len(a) for a, _ in seen}
        if len(arities) != 1:
            continue
        arity = arities.pop()
        if arity >= 2:                  # a(1-a), y(n+1): one argument is as often a product
            names.calls[name] = arity
    names.arrays = {m.group(1) for m in _WORD_ARRAY.finditer(text)
                    if m.group(1) not in FUNCTION_WORDS and m.group(1).split("_")[0] not in FUNCTION_WORDS
                    and len(m.group(1).split("_")[0]) > 1}
    names.listed = {m.group(1) for m in _WORD_ENTRY.finditer(text) if m.group(1) not in FUNCTION_WORDS
                    and m.group(1).lower() not in _OPERATION_WORDS}
    return names


def _word_name(head: str) -> str:
    """``bias`` -> ``\\mathrm{bias}``, ``grad_output`` -> ``grad\\_output`` (one name of several
    words, as the index reader reads ``conv\\_backward``)."""
    return head.replace("_", r"\_") if "_" in head else r"\mathrm{" + head + "}"


def _brackets(text: str) -> str:
    r"""``x[i, j]``, ``W[k][c][p][q]``, ``bias[k]`` as subscripted entries."""
    out, at = [], 0
    for m in _HEAD.finditer(text):
        if m.start() < at:
            continue
        head, label = m.group(1), m.group(2) or ""
        k, indices = m.end(), []
        while (b := _BRACKET.match(text, k)) and (args := _index_args(b.group(1))) is not None:
            indices += args
            k = b.end()
        if not indices or _BRACKET.match(text, k):          # a bracket that is no index list: as written
            continue
        word = head[0] != "\\" and len(head) > 1
        if word and ("_" in head and len(head.split("_")[0]) == 1 and all(len(p) == 1 for p in head.split("_"))
                     or head.split("_")[0] in FUNCTION_WORDS):
            continue                                      # x_t[i]: two subscripts; max[...]: a function
        name = _word_name(head) if word and not re.fullmatch(r"d[A-Za-z]", head) else head   # dY: a gradient
        out.append(text[at:m.start()] + name + label.strip() + "_{" + ",".join(indices) + "}")
        at = k
    return "".join(out) + text[at:]


# ∂L/∂Y written as a fraction of the loss (L, J, E, C, ℓ, \mathcal{L}) by one array's entry
_LOSS_FRACTION = re.compile(r"\\frac\s*\{\s*(?:\\partial|d)\s*(?:[LJEC]|\\ell|\\mathcal\s*\{\s*L\s*\})\s*\}"
                            r"\s*\{\s*(?:\\partial|d)\s*(?:" + _GREEK + r"|[A-Za-z])")
# \frac{\partial L}{\partial Y}[i-m][j-n], \left(\frac{dL}{dY^{l}}\right)[i,j]: the gradient's entry
_FRACTION_BRACKETS = re.compile(
    r"(\\left\s*\(\s*)?(\\frac\s*\{\s*(?:\\partial|d)\s*(?:[LJEC]|\\ell|\\mathcal\s*\{\s*L\s*\})\s*\}"
    r"\s*\{\s*(?:\\partial|d)\s*(?:" + _GREEK + r"|[A-Za-z])(?:\s*" + _LABEL + r")?)\s*\}(\s*\\right\s*\))?"
    r"((?:\s*\[[^\[\]]*\])+|\s*\([^()]*,[^()]*\))")


def _fraction_brackets(text: str) -> str:
    r"""``\frac{\partial L}{\partial Y}[i-m][j-n]`` (brackets after the loss gradient's fraction) and
    ``\frac{\partial L}{\partial Y}(i, j)`` (two or more index arguments, as a call entry) as
    ``\frac{\partial L}{\partial Y_{i-m,j-n}}``: the entry (i-m, j-n) of ∂L/∂Y is ∂L/∂Y_{i-m,j-n}.
    Brackets that are no index list, or a \left( without its \right), stay as written."""
    def one(m):
        opened, fraction, closed, brackets = m.groups()
        if bool(opened) != bool(closed):
            return m.group(0)
        indices = []
        for b in re.finditer(r"\[([^\[\]]*)\]|\(([^()]*)\)", brackets):
            args = _index_args(b.group(1) if b.group(1) is not None else b.group(2))
            if args is None or b.group(2) is not None and any(re.fullmatch("[A-Z]", a) for a in args):
                return m.group(0)                             # (X, W): arguments, no entry
            indices += args
        return fraction + "_{" + ",".join(indices) + "}}"
    return _FRACTION_BRACKETS.sub(one, text)


def _summed_letters(text: str) -> set[str]:
    r"""The letters a claim sums over: ``\sum_{i,j}``, ``\sum_m``, ``\sum_{k=0}^{K}``."""
    return {v for s in re.finditer(r"\\sum\s*_\s*(?:\{([^{}]*)\}|([A-Za-z]))", text)
            for v in re.findall(r"[A-Za-z]", (s.group(1) or s.group(2)).split("=")[0])}


def _kronecker_call(text: str, m: re.Match, args: list[str]) -> str | None:
    r"""How to write a bare ``\delta(m, p)`` (no layer label) that may be a Kronecker delta
    rather than an entry of the error tensor δ; None when it is read as an entry.

    Two signs say Kronecker: the claim's right side writes the loss gradient as a fraction
    (``\frac{\partial L}{\partial Z(i,j)}``), so δ names something else; its two arguments are
    plain letters, one summed in the claim and one free (``\sum_{m} A(i+m) \delta(m, p)``).
    Both: the Iverson bracket ``[m = p]`` the index reader reads.  One: a function no reader
    knows, so the claim stays unchecked (δ(m, p) may be either)."""
    if m.group(1) != r"\delta" or m.group(2):
        return None
    right = text.split("=", 1)[1] if "=" in text else ""
    fraction = bool(_LOSS_FRACTION.search(right))
    letters = len(args) == 2 and all(re.fullmatch(r"[A-Za-z]", a) for a in args)
    summed = _summed_letters(text)
    roles = letters and (args[0] in summed) != (args[1] in summed)
    if fraction and roles:
        return "[" + args[0] + " = " + args[1] + "]"
    if fraction or roles:
        return r"\operatorname{kronecker\_or\_error\_delta}(" + ", ".join(args) + ")"
    return None


def _calls(text: str, names: EntryNames) -> str:
    out, at = [], 0
    for m in _CALL.finditer(text):
        name = _call_name(m.group(1))
        if m.start() < at or names.calls.get(name) is None or m.group(3):
            continue
        close = _closing(text, m.end() - 1)
        args = _index_args(text[m.end():close]) if close > 0 else None
        if args is None or len(args) != names.calls[name]:
            continue
        kronecker = _kronecker_call(text, m, args)
        if kronecker is not None:
            out.append(text[at:m.start()] + kronecker)
            at = close + 1
            continue
        head = _word_name(name) if re.fullmatch(_PLAIN_WORD, name) else name    # out(i, j): \mathrm{out}_{i,j}
        out.append(text[at:m.start()] + head + (m.group(2) or "").strip() + "_{" + ",".join(args) + "}")
        at = close + 1
    return "".join(out) + text[at:]


# w(f)_{m,n,d}^{l+1}, w(f)^{l+1}_{i,j,c}: the filter's index in parentheses, then the entry's
_SELECTOR = re.compile(_START + r"(" + _GREEK + r"|[A-Za-z])\s*\(([^()]{1,40})\)(\s*" + _LABEL + r")?"
                       r"\s*_\s*\{([^{}]*)\}(\s*" + _LABEL + r")?")


def _selected(text: str) -> str:
    r"""``w(f)_{m,n,d}^{l+1}`` as ``w_{f,m,n,d}^{l+1}``: a name with index expressions in
    parentheses and a subscript list after them is one entry, the parenthesised indices first."""
    def one(m):
        name, inner, before, sub, after = m.groups()
        lead, rest = _index_args(inner), _index_args(sub)
        if m.group(1) in FUNCTION_NAMES or lead is None or rest is None or (before and after) or any(
                a[:1].isdigit() or name in a for a in lead) or \
                ("," not in sub and len(rest[0]) > 1):
            return m.group(0)
        return name + (before or "").strip() + "_{" + ",".join(lead + rest) + "}" + (after or "").strip()
    return _SELECTOR.sub(one, text)


def _words(text: str, names: EntryNames) -> str:
    """A word the document uses as an array, ``bias_{j}`` or ``\\partial input``, as one name."""
    if not names.arrays:
        return text
    words = "|".join(sorted((re.escape(w) for w in names.arrays), key=len, reverse=True))
    return re.sub(_START + r"(" + words + r")(?![A-Za-z0-9])(?!_(?!\{|[A-Za-z0-9](?![A-Za-z0-9])))(?!\s*(?:\(|\\_))",
                  lambda m: _word_name(m.group(1)), text)


def entry_latex(latex: str, names: EntryNames | None) -> str:
    r"""``latex`` with bracket entries, call entries (names in ``names.calls``) and array words
    written as subscripted entries; unchanged where nothing is read (see the module).

    >>> entry_latex(r"\delta^{l}(x,y)=\sum_{a}\delta^{l+1}(x-a,y-b) \sigma'(z^{l}(x,y))",
    ...             EntryNames(calls={r"\delta": 2, "z": 2}))
    "\\delta^{l}_{x,y}=\\sum_{a}\\delta^{l+1}_{x-a,y-b} \\sigma'(z^{l}_{x,y})"
    >>> entry_latex(r"\max_{m \in [0, k)} x[i = j]", EntryNames())
    '\\max_{m \\in [0, k)} x[i = j]'
    """
    if names is None or len(latex) > MAX_ENTRY_CHARS:
        return latex
    text = _selected(_brackets(_fraction_brackets(latex)))
    if names.calls:
        text = _calls(text, names)
    if names.listed:                    # net_{i,j}, out_{i+m,j+n}: where a subscript list follows only
        text = _WORD_ENTRY.sub(lambda m: _word_name(m.group(1)) + m.group(0)[len(m.group(1)):]
                               if m.group(1) in names.listed else m.group(0), text)
    # the words the document indexes with brackets, elsewhere too (bias_{j}, \partial input)
    return _words(text, names)
