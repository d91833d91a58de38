r"""An activation's derivative in the spellings pages use besides ``\sigma'(z)``.

:func:`symbp.check.scalar_claims._special` reads claims ``\sigma'(z) = …`` about the section's
activation.  Pages also write:

* the derivative of a **named** function: ``\frac{\mathrm{d}\,\mathrm{ReLU}(z)}{\mathrm{d}z}``,
  ``\frac{d}{dz}\tanh(z)``, ``\frac{\partial\, \text{sigmoid}(x)}{\partial x}``, ``\mathrm{ReLU}'(z)``.
  The name says which activation the claim is about, whatever the section's σ is; the operator
  on σ itself (``\frac{d}{dz}\sigma(z)``) is ``\sigma'(z)`` of the page's own σ;
* an **entry** of the layer, in the letters a directive's ``names:`` gives
  (``names: Z=input A=output L=loss``): ``\frac{\partial A_{i,j}}{\partial Z_{i,j}} = …``, or the
  chain rule through it, ``\frac{\partial L}{\partial Z_{i,j}} = \frac{\partial L}{\partial A_{i,j}}
  \cdot …``.  With ``A = σ(Z)`` entry by entry both say σ'(Z_{i,j}) = …, where the output entry
  ``A_{i,j}`` is σ(Z_{i,j}).  Only the same entry on both sides is read (``∂A_{ij}/∂Z_{kl}``
  is not), and only an input and output the directive names: a claim with the roles swapped
  (``∂L/∂A = ∂L/∂Z ⊙ …``) is not this layer's and stays unread.

:func:`as_sigma_prime` writes such a claim as ``\sigma'(z) = …`` (None when it is none of them)
and says which activation a name picked and how it read an entry claim.

Example::

    >>> as_sigma_prime(r"\frac{\mathrm{d}\,\mathrm{ReLU}(z)}{\mathrm{d}z} = \mathbb{I}(z > 0)", {})
    ("\\sigma'(z) = \\mathbb{I}(z > 0)", 'relu', None)
    >>> as_sigma_prime(r"\frac{\partial L}{\partial Z_{i, j}} = \frac{\partial L}{\partial A_{i, j}} "
    ...                r"\cdot \mathbb{1}[Z_{i, j} > 0]", {"Z": "input", "A": "output", "L": "loss"})
    ("\\sigma'(z) = \\mathbb{1}[ z  > 0]", None, 'the entry Z_{i,j} as z, A_{i,j} = σ(z)')
"""
from __future__ import annotations

import re

from .latex_atoms import LatexAtomError, split_top_level

#: the words pages name activations by -> the activation's name (symbp.layers.activations)
NAMED = {"relu": "relu", "sigmoid": "sigmoid", "logistic": "sigmoid", "tanh": "tanh"}

_SPACE = r"(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z]))*"
_D = r"(?:\\mathrm\s*\{\s*d\s*\}|\\operatorname\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|d|\\partial(?![A-Za-z]))"
_WORD = (r"(?:\\(?:mathrm|operatorname\*?|text|textrm|textit|mathit)\s*\{\s*(?P<w1>[A-Za-z]+)\s*\}"
         r"|\\(?P<w2>tanh)(?![A-Za-z])|(?P<w3>ReLU|relu|sigmoid)(?![A-Za-z])|(?P<w4>\\sigma|σ)(?![A-Za-z]))")
_ARG = r"(?:(?:\\left\s*)?\(\s*(?P<v>[A-Za-z])\s*(?:\\right\s*)?\)|(?<=[\s}])(?P<vb>[A-Za-z])(?![A-Za-z]))"   # (z), or \tanh x
_PRIMES = r"(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime(?![A-Za-z]))"
_NAMED_LHS = [
    re.compile(rf"\s*\\frac\s*\{{{_SPACE}{_D}{_SPACE}{_WORD}{_SPACE}{_ARG}{_SPACE}\}}\s*"
               rf"\{{{_SPACE}{_D}{_SPACE}(?P<v2>[A-Za-z]){_SPACE}\}}\s*$"),
    re.compile(rf"\s*\\frac\s*\{{{_SPACE}{_D}{_SPACE}\}}\s*\{{{_SPACE}{_D}{_SPACE}(?P<v2>[A-Za-z]){_SPACE}\}}"
               rf"{_SPACE}(?P<open>\\left\s*\(|\()?{_SPACE}{_WORD}{_SPACE}{_ARG}{_SPACE}(?(open)(?:\\right\s*\)|\)))\s*$"),
    re.compile(rf"\s*{_WORD}\s*{_PRIMES}\s*{_ARG}\s*$"),
]


def _script(group: str) -> str:
    """A subscript ``_{i, j}`` or ``_i``, its text in the group ``group`` (or ``group1``)."""
    return rf"_\s*(?:\{{(?P<{group}>[^{{}}]*)\}}|(?P<{group}1>[A-Za-z0-9]))"


_GRAD = re.compile(r"\\frac\s*\{\s*\\partial\s*(?P<top>[A-Za-z])\s*(?:" + _script("ts") + r")?\s*\}\s*"
                   r"\{\s*\\partial\s*(?P<bot>[A-Za-z])\s*" + _script("bs") + r"\s*\}")
_PRODUCT = ("\\cdot", "\\odot", "\\circ", "\\times", "*")
#: ends the detail of a verdict on a named function's derivative: it was checked against that function
NAMED_NOTE = "the function the claim names, not the section's"


def _named(lhs: str):
    """(variable, activation name) of a named derivative's left side, else None."""
    for pattern in _NAMED_LHS:
        m = pattern.match(lhs)
        if m is None:
            continue
        word, var = (m.group("w1") or m.group("w2") or m.group("w3") or "").lower(), m.group("v") or m.group("vb")
        v2 = m.groupdict().get("v2")
        if m.group("w4") and (v2 is None or v2 == var):
            return var, None                  # \frac{d}{dz}\sigma(z): σ'(z), σ the page's own
        if word in NAMED and (v2 is None or v2 == var):
            return var, NAMED[word]
    return None


# \tanh^2 x, \operatorname{sech}^{2} x: a function applied to a bare letter, as \tanh^2(x)
_BARE_CALL = re.compile(r"(\\(?:tanh|cosh|sinh|exp)(?![A-Za-z])|\\(?:operatorname|mathrm|text)\s*\{\s*(?:sech|tanh|cosh|sinh)\s*\})"
                        r"(\s*\^\s*(?:\{\s*\d\s*\}|\d))?\s+([A-Za-z])(?![A-Za-z^_])")   # \tanh x^2 is tanh(x^2): unread


def _bare_calls(side: str, var: str) -> str:
    r"""``side`` with each function applied to the bare letter ``var`` written with parentheses.

    >>> _bare_calls(r"1 - \tanh^2 x = \operatorname{sech}^2 x", "x")
    '1 - \\tanh^2(x) = \\operatorname{sech}^2(x)'
    """
    return _BARE_CALL.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}({var})" if m.group(3) == var else m.group(), side)


def _sub(m, which: str) -> str:
    return re.sub(r"\s+", "", m.group(which) or m.group(which + "1") or "")


def _entry_claim(sides: list, roles: dict):
    """(right sides with the input entry as z and the output entry as σ(z), how it was read)
    of an entry claim (module docstring), else None."""
    def role(letter):
        return roles.get(letter)

    lhs = _GRAD.fullmatch(sides[0].strip())
    if lhs is None or role(lhs.group("bot")) != "input":
        return None
    x, entry = lhs.group("bot"), _sub(lhs, "bs")
    top, rights = lhs.group("top"), []
    if role(top) in ("output", "activation") and _sub(lhs, "ts") == entry:   # ∂A_{ij}/∂Z_{ij}
        y, rights = top, [s for s in sides[1:]]
    elif role(top) == "loss" and not _sub(lhs, "ts"):                         # ∂L/∂Z_{ij} = ∂L/∂A_{ij} · g
        y = None
        for side in sides[1:]:
            grads = [g for g in _GRAD.finditer(side)]
            if len(grads) != 1 or grads[0].group("top") != top or _sub(grads[0], "ts") or \
                    _sub(grads[0], "bs") != entry or role(grads[0].group("bot")) not in ("output", "activation"):
                return None
            y = y or grads[0].group("bot")
            if grads[0].group("bot") != y:
                return None
            rest = _factor(side[:grads[0].start()], side[grads[0].end():]) if _top_level(side, grads[0].start()) else None
            if rest is None:
                return None
            rights.append(rest)
    else:
        return None
    out = []
    for side in rights:
        side = _entries(side, x, entry, "z")
        side = _entries(side, y, entry, r"\sigma(z)")
        if side is None or re.search(rf"(?<![A-Za-z\\]){re.escape(x)}(?![A-Za-z])|\\partial", side) or \
                re.search(rf"(?<![A-Za-z\\]){re.escape(y)}(?![A-Za-z])", side):
            return None                       # another entry of the input or output: not one entry's σ'
        out.append(side)
    return out, f"the entry {x}_{{{entry}}} as z, {y}_{{{entry}}} = σ(z)"


def _top_level(side: str, at: int) -> bool:
    """Whether position ``at`` of ``side`` is outside every bracket, brace and ``\\frac``'s parts."""
    depth = 0
    for ch in side[:at]:
        depth += ch in "([{"
        depth -= ch in ")]}"
    return depth == 0


def _factor(before: str, after: str):
    """What multiplies the gradient written between ``before`` and ``after`` (``-``, ``2``,
    ``\\cdot g``, ``g \\odot``), as one product; None where a sum or difference is at the top
    (``∂L/∂A + g`` is not ``∂L/∂A · g``) or nothing multiplies it."""
    before, after = before.strip(), after.strip()
    if after.startswith(("^", "'", "/")) or before.endswith(("/", "\\over")) or "\\frac" in before.split()[-1:]:
        return None                       # (∂L/∂A)^2, ∂L/∂A / g, g / ∂L/∂A: not the gradient times a factor
    sign = "-" if before == "-" or before.startswith("-") and not before.startswith("--") else ""
    before = before[1:].strip() if sign else before
    for op in _PRODUCT:
        before = before[:-len(op)].strip() if before.endswith(op) else before
        after = after[len(op):].strip() if after.startswith(op) else after
    rest = f"{before} {after}".strip()
    if not rest or any(len(split_top_level(f"0 {rest}", (op,))) > 1 for op in ("+", "-")):
        return None
    return f"{sign}{rest}"


def _entries(side, letter: str, entry: str, value: str):
    """``side`` with each ``letter_{entry}`` written as ``value`` (None where side is None)."""
    if side is None:
        return None
    pattern = re.compile(rf"(?<![A-Za-z\\]){re.escape(letter)}\s*" + _script("s"))
    return pattern.sub(lambda m: f" {value} " if _sub(m, "s") == entry else m.group(), side)


# an entry as the argument, z^{l-1}_i, z^{out}, z_{ij}^{[l]}: a letter with scripts
_ENTRY = re.compile(r"(?<![\\A-Za-z])([A-Za-z])((?:\s*[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9]))+)")
_LAST_ARG = re.compile(r"\(\s*([A-Za-z](?:\s*[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9]))+)\s*(?:\\right\s*)?\)\s*$")
_SIGMA_PRIME = re.compile(r"\s*\\sigma\s*" + _PRIMES + r"\s*(?:\\left\s*)?\(\s*[A-Za-z]\s*(?:\\right\s*)?\)\s*$")


def _canonical(letter: str, scripts: str) -> tuple:
    """An entry's letter and its scripts, order and braces aside: ``z^{l}_i`` is ``z_{i}^{l}``."""
    parts = re.findall(r"([_^])\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))", scripts)
    return letter, tuple(sorted((k, re.sub(r"\s+", "", a or b)) for k, a, b in parts))


def _entry_argument(sides: list):
    """(sides with the entry the left side applies its function to, ``f'(z^{l}_i)``, written as a
    letter of its own wherever it is written, that letter, the entry as written), else None."""
    m = _LAST_ARG.search(sides[0])
    if m is None:
        return None
    head = _ENTRY.match(m.group(1))
    if head is None or head.end() != len(m.group(1)):
        return None
    want = _canonical(head.group(1), head.group(2))
    marked = [_ENTRY.sub(lambda e: " # " if _canonical(e.group(1), e.group(2)) == want else e.group(), side)
              for side in sides]
    text = " ".join(marked)
    fresh = next((c for c in "zuvtsxyw" if not re.search(rf"(?<![A-Za-z\\]){c}(?![A-Za-z])", text)), None)
    return (None if fresh is None else ([x.replace("#", fresh) for x in marked], fresh, m.group(1).strip()))


def as_sigma_prime(latex: str, roles: dict):
    """(``\\sigma'(v) = …``, the activation a name picked or None, how an entry claim was read
    or None) for a claim in one of the module's spellings, else None.  ``roles``: the directive's ``names:`` (letter -> role)."""
    try:
        sides = split_top_level(latex, ("=",))
    except LatexAtomError:                # unbalanced braces: not this reader's
        return None
    if len(sides) < 2 or any(not s.strip() for s in sides):
        return None
    entry_argument = _entry_argument(sides)          # σ'(z^{L}_j), \mathrm{ReLU}'(z^{l-1}_i): one entry's value
    if entry_argument is not None and (_named(entry_argument[0][0]) or _SIGMA_PRIME.match(entry_argument[0][0])):
        sides, letter, written = entry_argument
        found = as_sigma_prime(" = ".join(sides), {})
        if found is not None:
            return found[0], found[1], f"the entry {written} as {letter}"
        return " = ".join(sides), None, f"the entry {written} as {letter}"
    named = _named(sides[0])
    if named is not None:
        (var, act), reading = named, None
        rights = [_bare_calls(side, var) for side in sides[1:]]
        if act is not None and any(re.search(r"\\sigma(?![A-Za-z])|σ", side) for side in rights):
            return None                   # d tanh(z)/dz = 1 - σ(z)^2: σ is the page's, not the name's function
    else:
        entry = _entry_claim(sides, roles)
        if entry is None:
            return None
        (rights, reading), var, act = entry, "z", None
    return " = ".join([f"\\sigma'({var})"] + [r.strip() for r in rights]), act, reading
