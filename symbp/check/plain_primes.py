r"""A prime after an array name in a plain or code-like formula: ``X'`` is the transpose in
MATLAB's notation and a derivative (or another array) in others'.  The prose settles it
(:func:`prime_meaning`: "X' denotes the transpose"); where it does not, a claim with such a
prime gets no verdict (:func:`ambiguous_prime` says what to write instead).  Primes on
indices (``x_{i'}``, ``I(i+u'-1, j)``) and on functions (``σ'(z)``, ``g'_k(z)``) are not
array primes.

Example::

    >>> prime_meaning("Here X' denotes the transpose of X."), ambiguous_prime("dW = X' dY", None)[:33]
    ('transpose', "X' may be a transpose (MATLAB) or")
"""
from __future__ import annotations

import re

MAX_CHARS = 20_000                                          # longer displays: the readers refuse them

# a prime after an array name, not an index (X[i', j']) and not a function's (σ'(z), g'_k(z), f'\left()
ARRAY_PRIME = re.compile(r"(?<![\\\w\[,{_])(?!d[A-Za-z]\b)([A-Za-z]\w*)'(?!\s*[(,\]})'_^{]|\s*\\left)")
# a prime after a parenthesised matrix, (W^{l+1})', (X W)': an array's too; not after a group
# led by a lower-case letter or a macro, (f^1)', (\sigma(z))' (a function's derivative)
GROUP_PRIME = re.compile(r"(?<![\w\\])\((?=\s*[A-Z])[^()]*\)'(?!\s*[(_^{'])")
_PRIME_SAYS = r"(?:\w'|′|\bprimes?\b|\bapostrophe)"
_MEANS = r"\s*(?:\)\s*)?(?:is|are|denotes?|means?|stands? for|for|indicates?|marks?|=)\s+(?:the\s+|a\s+)?"


def in_index(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` lies in an index: brackets, ``_{…}`` / ``^{…}``, or the
    parentheses of an entry or a call (``I(i+u'-1, j)``), not a grouping ``(X' dY)``."""
    depth = 0
    for k in range(pos - 1, max(pos - 300, 0) - 1, -1):       # an index is short: bounded work
        ch = text[k]
        if ch in ")]}":
            depth += 1
        elif ch in "([{":
            if depth:
                depth -= 1
                continue
            before = text[k - 1] if k else " "                # ("" would be 'in' any string)
            if ch == "[" or (ch == "{" and before in "_^") or (ch == "(" and (before.isalnum() or before in "}'")):
                return True
    return False


def prime_meaning(text: str) -> str | None:
    """What the prose of ``text`` says a prime on an array means: ``"transpose"``,
    ``"derivative"``, or ``None`` when it says neither or both.

    >>> prime_meaning("Here X' denotes the transpose of X (MATLAB notation).")
    'transpose'
    >>> prime_meaning("A prime marks the derivative, f'(z).") , prime_meaning("no word on it")
    ('derivative', None)
    """
    said = set()
    for word, meaning in (("transpos", "transpose"), ("derivative", "derivative")):
        if re.search(_PRIME_SAYS + _MEANS + word, text, re.IGNORECASE) or re.search(
                word + r"\w*\s*(?:is\s+|are\s+)?(?:written|denoted|marked|shown)\s+(?:by|as|with)\s+(?:a\s+)?"
                + _PRIME_SAYS, text, re.IGNORECASE):
            said.add(meaning)
    return said.pop() if len(said) == 1 else None


def ambiguous_prime(latex: str, primes: str | None) -> str | None:
    """Why a claim with a prime after an array name (``dW = X' dY``) gets no verdict when the
    prose does not say the prime is a transpose (MATLAB writes ``X'`` for ``X^T``; others write
    ``W'`` for a derivative or another array); ``None`` when there is no such prime.

    >>> ambiguous_prime("dL/dW = dL/dY * X'", None)
    "X' may be a transpose (MATLAB) or a derivative: write X^T (or X.T) for the transpose, f'(z) for a derivative"
    >>> ambiguous_prime("dW = X' dY", "transpose"), ambiguous_prime(r"\\sigma'(z) + I(i+u'-1) + x_{i' - m}", None)
    (None, None)
    """
    if len(latex) > MAX_CHARS:                           # the readers refuse it anyway
        return None
    if primes == "transpose":
        return None
    m = next((m for m in ARRAY_PRIME.finditer(latex) if not in_index(latex, m.start())), None)
    if m is None:
        group = next((g for g in GROUP_PRIME.finditer(latex) if not in_index(latex, g.start())), None)
        return None if group is None else (
            "a prime after a group, (…)', may be a transpose (MATLAB) or a derivative: write (…)^T for "
            "the transpose, f'(z) for a derivative")
    return (f"{m.group(1)}' may be a transpose (MATLAB) or a derivative: write {m.group(1)}^T "
            f"(or {m.group(1)}.T) for the transpose, f'(z) for a derivative")
