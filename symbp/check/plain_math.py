r"""Formulas written as plain text or code-like math, transliterated into the LaTeX the readers read.

Authors often type a backward rule the way they would type it in a code comment or a
Markdown note: ``dL/dY[f, i, j]``, ``Σ_i Σ_j``, ``∂Y[f,i,j] / ∂W[f,c,p,q]``,
``sum_{m,n} dY[m,n] * W[i-m, j-n]``, ``dW = X^T @ dY``, ``dx = dout.dot(w.T)``,
``np.dot(dZ, A.T)``, ``δ^{l} = (W^{l+1})^T δ^{l+1} ⊙ σ'(z^l)``.  :func:`plain_latex` rewrites
those tokens into the spellings the LaTeX readers already check, one token for another:
nothing is evaluated, nothing is guessed about shapes.

What is read, and as what:

* characters: a backtick typed for a prime before an argument (``{f_a}`(x)``) as ``'``,
  ``Σ``/``∑`` as ``\sum``, ``∂`` as ``\partial``, ``⊙``/``∘`` as ``\odot``,
  ``·``/``×`` between factors as ``\cdot``, ``ᵀ`` as ``^T``, Greek letters as their macros;
* ``sum_{m,n}``, ``sum_i``, ``sum over i of`` as ``\sum_{...}``;
* a derivative written with a slash, ``dL/dY``, ``dL/dY[f,i,j]``, ``∂Y[f,i,j] / ∂W[f,c,p,q]``,
  ``d(L)/d(W)``, as ``\frac{\partial L}{\partial Y_{f,i,j}}`` (one letter, or a word, after the
  ``d``; the indices in brackets kept as the entry's subscript);
* NumPy / PyTorch calls: ``A.T``, ``A.t()``, ``A.transpose()``, ``np.transpose(A)`` as
  ``A^T``; ``A @ B``, ``A.dot(B)``, ``np.dot(A, B)``, ``np.matmul(A, B)``, ``torch.mm``,
  ``torch.matmul`` as the matrix product ``A B``; ``np.multiply(A, B)``, ``.*`` and (in a
  formula that writes NumPy calls) ``*`` between arrays as ``\odot``; ``**`` as ``^``;
  ``np.exp``/``np.log``/``np.tanh`` as ``\exp``/``\log``/``\tanh``;
  ``np.sum(A, axis=k)`` / ``A.sum(axis=k)`` of a gradient whose left side is one vector:
  the entry form ``x_{j} = \sum_{n} A_{n,j}`` (``axis=(0,2,3)`` sums the batch and the plane
  of a 4-axis array).

What stays as written (the readers leave it unchecked, with a reason naming what to write):
a prime after an array name not followed by ``(`` (``X'`` is a transpose in MATLAB and a
derivative elsewhere), ``WT`` (a name or ``W^T``?), ``np.sum`` without ``axis`` or of a left
side that is not one vector, ``np.tensordot``, reshapes and slices.

Example::

    >>> plain_latex("dL/dW[f, c, p, q] = Σ_i Σ_j  dL/dY[f, i, j] * X[c, i+p, j+q]")
    '\\frac{\\partial L}{\\partial W_{f,c,p,q}} = \\sum_i \\sum_j  \\frac{\\partial L}{\\partial Y_{f,i,j}} \\cdot X[c, i+p, j+q]'
    >>> plain_latex("dx = dout.dot(w.T)")
    'dx = \\mathrm{dout} w^T'
    >>> plain_latex("db = np.sum(dout, axis=0)")
    'db_{j} = \\sum_{n} \\mathrm{dout}_{n,j}'
"""
from __future__ import annotations

import re

from .index_calls import EntryNames, entry_latex, entry_names, index_arguments  # noqa: F401  (entry_names: the checker's)
from .plain_primes import ARRAY_PRIME, GROUP_PRIME, in_index
from .plain_scripts import SCRIPT_MARK, accent_latex, character_latex, script_latex
from .display_markup import markup_reason  # noqa: F401  (the checker's: \cancel{x}, \not=, a term called wrong)

MAX_PLAIN_CHARS = 20_000                                       # longer displays are left as written
# what makes a display code-like: a NumPy / PyTorch call, @, .T, .dot(, .*
_CODE = re.compile(r"\b(?:np|numpy|torch|tf)\.|@|\.T\b|\.t\(\)|\.dot\(|\.\*|\.sum\(|\*\*")
_NUMPY = re.compile(r"\b(?:np|numpy|torch|tf)\.|@|\.T\b|\.t\(\)|\.dot\(|\.sum\(")   # not MATLAB's
# plain-text marks: the characters above, a slash derivative, a word sum
_BACKTICK_PRIME = re.compile(r"(?<=[}\w])`(?=\s*\()")             # f_a`(x): a prime typed as `
_PLAIN = re.compile(r"[Σ∑∂⊙∘◦·⋅×ᵀ−∇ŷŶȳȲ\u0302\u0303\u0304\u02c6]|(?<=[}\w])`(?=\s*\()|(?<![\\A-Za-z])d\s*(?:\(\w+\)|[A-Za-z]\w*)[^=/$]{0,40}?/\s*d\s*[A-Za-z(]|"
                    r"(?<![\\\w])sum(?:_|\s+over\b)")
# '*' between two entries (an index in brackets or braces before, a name with one after)
_ENTRY_STAR = re.compile(r"([\]}])\s*\*\s*(?=\\?[A-Za-z]\w*(?:\^\{[^{}]*\}|\^\w)?\s*[\[_])")
_NAME = r"[A-Za-z](?:\w*)"                                     # dout, W1, x_t (no backslash)
_ATOM_TAIL = re.compile(r"(?:\^\{[^{}]*\}|\^[A-Za-z0-9]|_\{[^{}]*\}|_[A-Za-z0-9]|\[[^\[\]]*\])*")


def is_plain(latex: str) -> bool:
    """Whether ``latex`` writes plain-text or code-like math that :func:`plain_latex` reads.

    >>> is_plain("dW = X^T @ dY"), is_plain(r"\\frac{\\partial L}{\\partial W} = X^T \\delta")
    (True, False)
    """
    return bool(_PLAIN.search(latex) or _CODE.search(latex) or SCRIPT_MARK.search(latex))


def plain_latex(latex: str, primes: str | None = None, entries: EntryNames | None = None) -> str:
    r"""``latex`` with plain-text and code-like spellings written as LaTeX; the text unchanged
    when it has none (:func:`is_plain`).  ``primes`` is what the document's prose says a prime
    after an array name means (:func:`prime_meaning`): ``"transpose"`` reads ``X'`` as ``X^T``;
    otherwise ``X'`` stays as written (a derivative needs its argument, ``f'(z)``).
    ``entries`` (:func:`symbp.check.index_calls.entry_names` of the document) turns on the
    reading of entries written with brackets, as calls or with a word's name (``x[i, j]``,
    ``S(i, j)``, ``bias_{j}``) as subscripted entries, last.

    >>> plain_latex("dW = X^T @ dY")
    'dW = X^T dY'
    >>> plain_latex("∂Y[f,i,j] / ∂W[f,c,p,q] = X[c,i+p,j+q]")
    '\\frac{\\partial Y_{f,i,j}}{\\partial W_{f,c,p,q}} = X[c,i+p,j+q]'
    >>> plain_latex(r"\frac{\partial L}{\partial W} = X^T \delta")
    '\\frac{\\partial L}{\\partial W} = X^T \\delta'
    """
    if len(latex) > MAX_PLAIN_CHARS:                           # the readers refuse it anyway
        return latex
    if primes == "transpose":
        latex = ARRAY_PRIME.sub(lambda m: m.group(0) if in_index(latex, m.start()) else m.group(1) + "^T",
                                 latex)
        latex = GROUP_PRIME.sub(lambda m: m.group(0) if in_index(latex, m.start()) else m.group(0)[:-1] + "^T",
                                latex)
    if not is_plain(latex):
        return entry_latex(latex, entries)
    code = bool(_CODE.search(latex))
    out = character_latex(script_latex(accent_latex(latex)))   # x̂: \hat{x}; wₘₙ, W⁽ˡ⁾: w_{mn}, W^{(l)}; σ, ∂, ·
    out = _BACKTICK_PRIME.sub("'", out)
    out = re.sub(r"(\\[A-Za-z]+) (?=[_^])", r"\1", out)          # \sum _i: \sum_i
    out = re.sub(r"(?<![\\A-Za-z])sum\s+over\s+([A-Za-z](?:\s*,\s*[A-Za-z])*)\s+of\b",
                 lambda m: r"\sum_{" + re.sub(r"\s", "", m.group(1)) + "} ", out)
    out = re.sub(r"(?<![\\\w])sum(?=_)", r"\\sum", out)
    out = _slash_derivatives(out)
    if code:
        out = _code_calls(out)
    elif r"\sum" in out:                     # Σ_k x[k] * h[n-k]: a product of entries under a sum
        out = _ENTRY_STAR.sub(r"\1 \\cdot ", out)
    return entry_latex(re.sub(r"[ \t]+$", "", out), entries)


# ----------------------------------------------------------------------- d/d and ∂/∂

# a derivative's name: a subscript written with braces is no part of it (∂w_{mn}: w, then _{mn})
_DERIV_NAME = r"(?:\\(?:hat|bar|tilde)\{[A-Za-z]\}|[A-Za-z](?:[A-Za-z0-9]|_(?!\{))*)"     # ∂L/∂ŷ: \hat{y}
_DERIV_SIDE = (r"(?:d|\\partial\s*)\s*(?:\((" + _DERIV_NAME + r")\)|(" + _DERIV_NAME + r"))"
               r"((?:\^\{[^{}]*\}|\^\([^()]*\)|\^[A-Za-z0-9])?(?:_\{[^{}]*\}|_[A-Za-z0-9])?)"
               r"(\s*\[[^\[\]]*\]|\([^()=]*,[^()=]*\))?")      # W[m, n], W(m, n): the entry's indices
_SLASH = re.compile(r"(?<![\\A-Za-z])" + _DERIV_SIDE + r"\s*/\s*" + _DERIV_SIDE)


def _slash_derivatives(text: str) -> str:
    r"""``dL/dY[f,i,j]`` as ``\frac{\partial L}{\partial Y_{f,i,j}}``: only where both sides
    are a ``d`` (or ``∂``) followed by a name, so ``dx/2`` or ``a/b`` stay as written."""
    def side(name, tail, index):
        index = (index or "").strip()
        if index:
            if tail and "_" in tail:                             # x_t[i]: two subscripts
                return None
            args = index_arguments(index[1:-1]) if index[0] == "(" else []
            if args is None or any(re.fullmatch("[A-Z]", a) for a in args):
                return None                                      # dL/dW(X, b): arguments, no entry
            tail = (tail or "") + "_{" + re.sub(r"\s+", "", index[1:-1]) + "}"
        return name + (tail or "")

    def one(m):
        top = side(m.group(1) or m.group(2), m.group(3), m.group(4))
        bottom = side(m.group(5) or m.group(6), m.group(7), m.group(8))
        if top is None or bottom is None:
            return m.group(0)
        return r"\frac{\partial " + top + r"}{\partial " + bottom + "}"
    return _SLASH.sub(one, text)


# ----------------------------------------------------------------------- NumPy calls

def _pairs(text: str) -> tuple[dict[int, int], dict[int, int]]:
    """Matching brackets of ``text`` (any of ``( [ {``), opener -> closer and closer -> opener,
    in one pass (so a call's extent is looked up, not rescanned)."""
    stack, forward, backward = [], {}, {}
    for k, ch in enumerate(text):
        if ch in "([{":
            stack.append(k)
        elif ch in ")]}" and stack:
            opener = stack.pop()
            forward[opener], backward[k] = k, opener
    return forward, backward


def _arguments(inner: str) -> list[str]:
    """``inner`` split at its top-level commas."""
    parts, depth, last = [], 0, 0
    for k, ch in enumerate(inner):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(inner[last:k].strip())
            last = k + 1
    return parts + [inner[last:].strip()]


def _factor(term: str) -> str:
    """``term`` as a factor of a product: parenthesised unless it is one atom."""
    term = term.strip()
    atom = re.fullmatch(r"(?:\\?[A-Za-z]\w*|\([^()]*\))" + _ATOM_TAIL.pattern, term)
    return term if atom else "(" + term + ")"


def _receiver(text: str, end: int, backward: dict[int, int]) -> int:
    """Where the atom ending at ``text[end - 1]`` starts (a name with its indices and
    superscripts, or a parenthesised group); ``end`` when there is none."""
    k = end
    while k > 0 and text[k - 1] in ")]}":
        j = backward.get(k - 1)
        if j is None:
            return end
        k = j
        if text[k] == "(":
            return k if k == 0 or not (text[k - 1].isalnum() or text[k - 1] in "_^") else _receiver(text, k, backward)
        if k > 0 and text[k - 1] in "_^":
            k -= 1
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_^\\"):
        k -= 1
    return k


_CALLS = {"outer": "outer", "dot": "product", "matmul": "product", "mm": "product", "bmm": "product",
          "multiply": "hadamard", "mul": "hadamard", "transpose": "transpose",
          "exp": r"\exp", "log": r"\log", "tanh": r"\tanh", "sqrt": r"\sqrt", "sum": "sum"}
_FUNCTION = re.compile(r"\b(?:np|numpy|torch|tf)\.(?:linalg\.)?([a-z]+)\(")
_METHOD = re.compile(r"\.(dot|matmul|mm|T|t|transpose|sum|multiply|mul)\b(\()?")


# a code identifier of several letters is one name (dout, out, grad), as \mathrm{dout}; not dX / dw
# (a gradient's spelling), not a function called, not a macro, sub- or superscript
_WORD = re.compile(r"(?<![\\\w^_{])(?!d[A-Za-z](?![A-Za-z]))[A-Za-z]{2,}(?![A-Za-z0-9(])(?!\s*\()")
_KEEP_WORDS = {"axis", "np", "torch", "mathrm"}
_GREEK_WORDS = {"delta", "sigma", "alpha", "beta", "gamma", "eta", "theta", "lambda", "mu", "epsilon"}
# a snake_case identifier with a word on either side of '_' (grad_out, dA_prev, relu_grad): one name;
# x_t, W_1 stay a letter with a subscript
_SNAKE = re.compile(r"(?<![\\\w^{])(?!(?:d[A-Za-z]|" + "|".join(_GREEK_WORDS) + r")_[A-Za-z0-9](?!\w))(?:[A-Za-z]{2,}(?:_[A-Za-z0-9]+)+|[A-Za-z](?:_[A-Za-z0-9]+)*_[A-Za-z]{2,}\w*)"
                    r"(?![\w(])(?!\s*\()")


def _word(m: re.Match) -> str:
    """A code identifier of several letters: a Greek letter's name as its macro (delta: \\delta),
    a kept word as it is, any other as one upright name."""
    word = m.group(0)
    if word in _GREEK_WORDS:
        return "\\" + word + (" " if m.string[m.end():m.end() + 1].isalnum() else "")
    return word if word in _KEEP_WORDS else r"\mathrm{" + word + "}"


def _numpy_order(text: str) -> str:
    """NumPy's order made explicit: ``*``, ``/`` and ``@`` bind alike, from the left, so a
    ``*`` (or ``/``) before an ``@`` in one term groups first, ``a * b @ c`` as ``(a * b) @ c``
    (in LaTeX ``a \\odot b c`` would mean ``a ⊙ (b c)``), at every bracket depth."""
    forward, _ = _pairs(text)
    out, k, term_start, pending = [], 0, 0, False    # pending: a * or / seen in this term
    while k < len(text):
        ch = text[k]
        if ch in "([{" and k in forward:
            close = forward[k]
            out.append(ch + _numpy_order(text[k + 1:close]) + text[close])
            k = close + 1
            continue
        if ch in "+-=,":
            term_start, pending = len(out) + 1, False
        elif ch == "*" and text[k + 1:k + 2] != "*" and text[k - 1:k] != "*":
            pending = True
        elif ch == "/":
            pending = True
        elif ch == "@" and pending:
            out.insert(term_start, "(")
            out.append(")")
            pending = False
        out.append(ch)
        k += 1
    return "".join(out)


def _code_calls(text: str) -> str:
    """NumPy / PyTorch calls and operators as LaTeX products, transposes and sums.  A formula
    with MATLAB's ``.*`` and no NumPy mark is MATLAB's: its ``*`` is the matrix product; with
    both, ``*`` is left as written (which product it is, is not a guess)."""
    matlab, numpy = ".*" in text, bool(_NUMPY.search(text))
    text = _numpy_order(text)
    for _ in range(20):                                         # innermost first, bounded
        done = _one_call(text)
        if done is None:
            break
        text = done
    text = _SNAKE.sub(lambda m: r"\mathrm{" + m.group(0).replace("_", r"\_") + "}", text)
    text = _WORD.sub(_word, text)
    text = re.sub(r"\s*@\s*", " ", text)                        # A @ B: the matrix product
    text = re.sub(r"\s*\.\*\s*", r" \\odot ", text)
    text = re.sub(r"\*\*", "^", text)
    if not matlab:
        text = re.sub(r"(?<![\^_*])\s*\*\s*(?![*])", _star, text)
    elif not numpy:                                             # MATLAB: A * B is the matrix product
        text = re.sub(r"(?<![\^_*])\s*\*\s*(?![*])", " ", text)
    return text


def _star(m: re.Match) -> str:
    """NumPy's ``*``: entrywise between arrays, a scaling next to a number or ``1/m``."""
    before = m.string[max(m.start() - 40, 0):m.start()].rstrip()       # a window: bounded work
    after = m.string[m.end():m.end() + 40].lstrip()
    edge = "^|" if m.start() <= 40 else ""                  # the window's start is no boundary
    scalar = re.search(r"(?:" + edge + r"[^\w.])\d+(?:\.\d*)?(?:\s*/\s*[A-Za-z]\w*)?$", before) \
        or re.match(r"\d", after)
    return r" \cdot " if scalar else r" \odot "


def _one_call(text: str) -> str | None:
    """``text`` with its first readable call rewritten (transposes first: ``dout.dot(w.T)``),
    ``None`` when there is none."""
    forward, backward = _pairs(text)
    for m in _METHOD.finditer(text):
        start = _receiver(text, m.start(), backward)
        if m.group(1) == "T" and not m.group(2) and start < m.start():
            return text[:start] + _factor(text[start:m.start()]) + "^T" + text[m.end():]
    for m in list(_FUNCTION.finditer(text)):
        name, open_at = m.group(1), m.end() - 1
        close = forward.get(open_at, -1)
        if close < 0 or name not in _CALLS:
            continue
        args = _arguments(text[open_at + 1:close])
        written = _call(name, args, text, m.start())
        if written is None:
            continue
        head, tail = text[:m.start()], text[close + 1:]
        if name == "sum" and tail.strip():                      # np.sum(...) + c: the sum's scope
            continue
        if name == "sum":
            head = written[0]
            written = written[1]
        return head + written + tail
    for m in _METHOD.finditer(text):
        start = _receiver(text, m.start(), backward)
        if start == m.start():
            continue
        receiver, name = text[start:m.start()], m.group(1)
        if name == "T" and not m.group(2):
            return text[:start] + _factor(receiver) + "^T" + text[m.end():]
        if not m.group(2):
            continue
        close = forward.get(m.end() - 1, -1)
        if close < 0:
            continue
        args = [a for a in _arguments(text[m.end():close]) if a]
        if name in ("t", "transpose") and not args:
            return text[:start] + _factor(receiver) + "^T" + text[close + 1:]
        if name not in _CALLS:                                  # .T(…), .t(x): not a call read here
            continue
        if name == "sum" and text[close + 1:].strip():
            continue
        written = _call(name, [receiver] + args, text, start)
        if written is None:
            continue
        if name == "sum":
            return written[0] + written[1] + text[close + 1:]
        return text[:start] + written + text[close + 1:]
    return None


def _whole_call(text: str, at: int) -> bool:
    """Whether the call starting at ``text[at]`` runs to the end of ``text`` (the whole right side)."""
    forward, _ = _pairs(text)
    opener = text.find("(", at)
    close = forward.get(opener, -1)
    if close < 0:
        return False
    rest = text[close + 1:]
    if re.match(r"\s*\.(?:T\b|t\(\))", rest):                        # .dot(w).T: more follows
        return False
    return not rest.strip()


def _call(name, args, text, at):
    """The LaTeX of ``name(args)``, or ``None`` when it is not read (left as written)."""
    kind = _CALLS[name]
    if kind == "product" and len(args) == 2:                   # a call is one factor: (a b) ⊙ c
        product = _factor(args[0]) + " " + _factor(args[1])
        return product if re.fullmatch(r"[^=]*=\s*", text[:at]) and _whole_call(text, at) else "(" + product + ")"
    if kind == "outer" and len(args) == 2:                     # np.outer(u, v) = u v^T
        return _factor(args[0]) + " " + _factor(args[1]) + "^T"
    if kind == "hadamard" and len(args) == 2:
        return _factor(args[0]) + r" \odot " + _factor(args[1])
    if kind == "transpose" and len(args) == 1:
        return _factor(args[0]) + "^T"
    if kind.startswith("\\") and len(args) == 1:
        return kind + "(" + args[0] + ")"
    if kind == "sum":
        return _axis_sum(args, text, at)
    return None


_INDEX_LETTERS = "nfij"                                      # batch, channel, row, column


def _axis_sum(args, text, at):
    """``db = np.sum(dout, axis=0)`` as ``(db_{j} = , \\sum_{n} dout_{n,j})``: the head up to the
    call rewritten with the left side's entry, or ``None`` unless the claim is ``NAME = sum``
    of one named array over given axes with one axis kept (a vector on the left)."""
    if len(args) != 2:
        return None
    array, axis = args[0].strip(), re.fullmatch(r"axis\s*=\s*\(?([\d\s,]+?)\)?", args[1].strip())
    head = re.fullmatch(r"\s*(" + _NAME + r")\s*=\s*", text[:at])
    if not (axis and head and re.fullmatch(_NAME, array)):
        return None
    axes = sorted({int(a) for a in axis.group(1).split(",") if a.strip()})
    rank = len(axes) + 1                                       # one axis is left: the vector's
    if axes != [a for a in range(rank) if a in axes] or max(axes) >= rank:
        return None
    kept = next(a for a in range(rank) if a not in axes)
    letters = {2: ["n", "j"], 4: list(_INDEX_LETTERS)}.get(rank)
    if letters is None:
        return None
    sums = " ".join(r"\sum_{" + letters[a] + "}" for a in axes)
    return (f"{head.group(1)}_{{{letters[kept]}}} = ",
            f"{sums} {array}_{{{','.join(letters)}}}")


# ----------------------------------------------------------------------- what is not read, and why

_UNREAD = (
    (re.compile(r"\b((?:np|numpy|torch)\.(?!(?:linalg\.)?(?:" + "|".join(_CALLS) + r")\()[a-z_.]+)\("),
     "{0}(...) is not read: write the rule with entries and sums (dX[i, j] = sum_k dY[i, k] * W[j, k]) "
     "or with @, .T and np.sum(..., axis=k)"),
    (re.compile(r"\.(reshape|transpose|view|flatten|ravel)\((?!\s*\))|\[[^\[\]]*:[^\[\]]*\]"),
     "a reshape or a slice is not read: write the entries' indices (dX[n, c, i, j] = ...)"),
    (re.compile(r"\b(?:np|numpy|torch)\.sum\((?![^()]*(?:axis|dim)\s*=)"),
     "np.sum without axis= adds every entry: give the axes (np.sum(dY, axis=0)) or write the sum over indices"),
    (re.compile(r"\b(?:np|numpy|torch)\.sum\(|\.sum\("),
     "np.sum(..., axis=k) is read as NAME = np.sum(ARRAY, axis=k), one named array summed into a vector: "
     "write that, or the sum over indices (db[j] = sum_n dY[n, j])"),
)


def plain_reason(latex: str) -> str | None:
    """Why a plain-text or code-like ``latex`` cannot be read as written, naming what to write
    instead; ``None`` for anything else.

    >>> plain_reason("dW = np.tensordot(X, dY, 1)")
    'np.tensordot(...) is not read: write the rule with entries and sums (dX[i, j] = sum_k dY[i, k] * W[j, k]) or with @, .T and np.sum(..., axis=k)'
    >>> plain_reason("dX = dY @ W.T") is None
    True
    """
    if len(latex) > MAX_PLAIN_CHARS or not is_plain(latex):
        return None
    for pattern, why in _UNREAD:
        m = pattern.search(latex)
        if m:
            return why.format(m.group(1) if m.groups() else m.group(0))
    return None


# ----------------------------------------------------------------------- formulas in code blocks and spans

_NOT_A_FORMULA = re.compile(r"^\s*(?:def|for|if|elif|else|while|return|import|from|class|with|print|assert|"
                            r"try|except|raise|lambda|yield|del|pass)\b|\bself\.|\brange\(|\bcache\b|"
                            r"\b(?:np|torch)\.(?:zeros|ones|empty|random|pad|array|full|arange)\w*|[+\-*/]=|==|!=|<=|>=|;|:\s*$")
#: a label naming the pass a line of a code block states, before its formula ("Forward:", "順伝播："); only these:
#: "Wrong:", "Old:", "Typo:" say the formula is not the page's (red team 72), and such lines stay unread
_LABEL = re.compile(r"^(?:(?:forward|backward|backprop)(?:[ -](?:pass|propagation|step))?|gradients?|derivatives?|"
                    r"順伝播|逆伝播|誤差逆伝播|勾配|前向|反向|前向传播|反向传播|正向传播|梯度|순전파|역전파|기울기|"
                    r"прямой проход|обратный проход|градиент)\s*[:：]\s+(?=\S)", re.I)
_CODE_LEFT = re.compile(r"\s*(?:(?:d|∂)\s*[A-Za-z]\w*(?:_\{[^{}=]*\})?\s*/\s*(?:d|∂)\s*)?[A-Za-z]\w*(?:\^\{?[\w+-]*\}?)?"
                        r"(?:_\{[^{}=]*\})?\s*(?:\[[^\[\]=]*\])?\s*=(?!=)")


def code_formula(line: str) -> str | None:
    """The formula a line of a plain code block or a code span states (``dX = dY @ W.T``,
    ``dL/dW[f, c, p, q] = Σ_i Σ_j dL/dY[f, i, j] * X[c, i+p, j+q]``), ``None`` for code that is
    not one: statements, accumulations (``+=``), allocations, loops, lines with no plain math.

    >>> code_formula("dx = dout.dot(w.T)  # the input's gradient"), code_formula("dx = np.zeros_like(x)")
    ('dx = dout.dot(w.T)', None)
    >>> code_formula("for i in range(H):"), code_formula("a = b + c"), code_formula("db = np.sum(g, axis=0)")
    (None, None, 'db = np.sum(g, axis=0)')
    >>> code_formula("Forward: C = A @ B"), code_formula("順伝播: C = A @ B"), code_formula("Wrong: C = B @ A")
    ('C = A @ B', 'C = A @ B', None)
    """
    if len(line) > MAX_PLAIN_CHARS:
        return None
    text = _LABEL.sub("", re.sub(r"\s+#.*$", "", line).strip())      # "Forward: C = A @ B": the label is prose
    if not text or _NOT_A_FORMULA.search(text) or not _CODE_LEFT.match(text) or not is_plain(text):
        return None
    outside = re.sub(r"\([^()]*\)", "", re.sub(r"\([^()]*\)", "", text))   # axis=0 in a call
    return text if outside.count("=") == 1 else None


def code_continuation(line: str) -> str | None:
    """A row ``= …`` of a plain code block that continues the formula on the line before it
    (``∂L/∂w_{mn} = Σ_i Σ_j …`` then ``           = Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}``), as
    written; ``None`` for anything else.  The caller asks only right after a formula line; the
    readers continue the last left side as they do for a display ``= …``.

    >>> code_continuation("    = Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}  # x's window"), code_continuation("== 3")
    ('= Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}', None)
    """
    if len(line) > MAX_PLAIN_CHARS:
        return None
    text = re.sub(r"\s+#.*$", "", line).strip()
    if not re.match(r"=(?!=)", text) or _NOT_A_FORMULA.search(text[1:]) or not text[1:].strip():
        return None
    outside = re.sub(r"\([^()]*\)", "", re.sub(r"\([^()]*\)", "", text))
    return text if outside.count("=") == 1 else None
