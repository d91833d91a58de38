r"""Activations an author names with a subscript, ``\sigma_h(z_1)``, ``\sigma_o'(z_2)``,
``\phi_{out}(z)``, for the scalar-layer reader (:mod:`symbp.check.calc_parse`).

A network with a hidden and an output activation often writes them σ_h and σ_o and never says
what they are: a chain-rule step such as ``\frac{\partial \hat y}{\partial z_2} = \sigma_o'(z_2)``
holds for *every* activation.  Each label is its own unknown function here, with its own
derivative written ``σ_h'``: two labels are never the same function, and a claim that is no
identity in them is not decided ("which activation?"), never refuted: some activation may make it true.
A section whose directive names the activation (``layer=activation name=sigmoid``) makes every
named activation that function.

The parser writes a call as ``("fn", "sigma:σ_h", arg)`` or ``("fn", "sigma':σ_h", arg)``
(:func:`fn_name`); :func:`named_function` gives the SymPy pair of one label, and
:func:`witness_function` a smooth stand-in (different per label) for the numeric witness.

>>> fn_name("\\sigma", "h", prime=True)
"sigma':σ_h"
>>> split_name("sigma':σ_h")
('σ_h', True)
>>> f, df = named_function("σ_h")
>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> general_derivatives(sp.diff(f(2 * x), x)) == 2 * df(2 * x)
True
"""
from __future__ import annotations

import functools
import re
import zlib

import sympy as sp

from .calc_tree import nodes

LETTERS = {"\\sigma": "σ", "\\phi": "φ", "\\varphi": "φ"}     # activation letters a label may follow
PREFIX = "sigma:"
PRIME_PREFIX = "sigma':"


def fn_name(letter: str, label: str, prime: bool = False) -> str:
    """The tree's function name for the activation ``letter`` with subscript ``label``."""
    return (PRIME_PREFIX if prime else PREFIX) + f"{LETTERS.get(letter, letter)}_{label}"


_INDEX_LETTERS = set("ijklmnpqrstuv")     # σ_i(z): an entry of softmax, never an activation's name


def named_call(toks: list):
    """(tokens before the argument's ``(``, function name) when ``toks`` (a lookahead from the
    letter) start a named activation's call: ``\\sigma_h(``, ``\\sigma_{out}'(``, ``\\sigma'_o(``,
    ``\\sigma_o^{\\prime}(``, ``\\phi_1(``; else None.  A subscript that is an index letter
    (``\\sigma_i(z)``) is not a name."""
    k, prime = 1, False
    if toks[0] not in LETTERS:
        return None
    if toks[k] == "'":
        k, prime = k + 1, True
    if toks[k] != "_":
        return _plain_call(toks, k, prime)
    if toks[k + 1] == "{":
        end = toks.index("}", k + 1) if "}" in toks[k + 1:] else None
        label = toks[k + 2:end] if end else None
        k = (end or 0) + 1
    else:
        label, k = toks[k + 1:k + 2], k + 2
    if not label or not all(re.fullmatch(r"[A-Za-z0-9]+|\\text:[A-Za-z]+", t or "") for t in label):
        return None
    word = "".join(t.replace("\\text:", "") for t in label)
    if word in _INDEX_LETTERS:
        return None
    if toks[k] == "'":
        k, prime = k + 1, True
    elif toks[k:k + 4] == ["^", "{", "\\prime", "}"] or toks[k:k + 2] == ["^", "\\prime"]:
        k, prime = k + (4 if toks[k + 1] == "{" else 2), True
    return (k, fn_name(toks[0], word, prime)) if toks[k] == "(" else None


def _plain_call(toks: list, k: int, prime: bool):
    r"""``\phi(z)``, ``\varphi'(z)``: φ with no label is an activation of its own too (σ stays
    the section's σ), unless the call is a vector's entry (``\phi(\mathbf z)_j``: softmax)."""
    if toks[0] == "\\sigma" or toks[k] != "(":
        return None
    depth = 0
    for n in range(k, len(toks)):
        depth += {"(": 1, ")": -1}.get(toks[n], 0)
        if depth == 0:
            return None if toks[n + 1:n + 2] in (["_"], ["^"]) else (k, fn_name(toks[0], "", prime))
    return None


_BARE_PRIME = re.compile(r"(\\sigma|\\varphi|\\phi)\s*(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)(?!\s*(?:\(|\\left|_|\^))")


def bare_primes(latex: str, defs: dict) -> str:
    r"""``latex`` with a derivative written without its argument (``\phi' \times w``) given
    the one argument the section applies that activation to (``a = \phi(z)``: ``\phi'(z)``);
    unchanged where the section applies it to none or to more than one, or to other than a
    plain name."""
    def argument(letter: str):
        fn = "sigma" if letter == "\\sigma" else PREFIX + f"{LETTERS[letter]}_"
        args = {n[2] for _, tree in defs.values() for n in nodes(tree) if n[0] == "fn" and n[1] == fn}
        arg = args.pop() if len(args) == 1 else None
        ok = arg and arg[0] == "ref" and not arg[2] and re.fullmatch(r"[A-Za-z]", arg[1])
        return arg[1] if ok else None
    return _BARE_PRIME.sub(lambda m: f"{m.group(1)}'({a})" if (a := argument(m.group(1))) else m.group(0), latex)


def split_name(name: str):
    """(label, is_derivative) of a named activation's function name; None for any other."""
    if name.startswith(PRIME_PREFIX):
        return name[len(PRIME_PREFIX):], True
    if name.startswith(PREFIX):
        return name[len(PREFIX):], False
    return None


@functools.lru_cache(maxsize=None)
def named_function(label: str):
    """(σ_label, σ_label') as SymPy undefined functions, one pair per label."""
    return sp.Function(label), sp.Function(label + "'")


def apply_named(name: str, arg, mode: str):
    """The value of a named activation (or its derivative) at ``arg``: the label's own unknown
    function when ``mode`` is ``"general"``, else None (the caller applies the section's σ)."""
    label, prime = split_name(name)
    if mode != "general":
        return None
    f, df = named_function(label)
    return (df if prime else f)(arg)


def general_derivatives(expr):
    """``expr`` with each derivative of a named activation written as its own σ' function."""
    expr = expr.replace(lambda e: isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)
                        and len(e.expr.variables) == 1 and _named(e.expr.expr),
                        lambda e: named_function(e.expr.expr.func.__name__)[1](e.point[0]))
    return expr.replace(lambda e: isinstance(e, sp.Derivative) and len(e.variables) == 1
                        and _named(e.expr) and e.expr.args[0] == e.variables[0],
                        lambda e: named_function(e.expr.func.__name__)[1](e.variables[0]))


def _named(e) -> bool:
    return isinstance(e.func, sp.core.function.UndefinedFunction) and _is_label(e.func.__name__)


def has_named(expr) -> bool:
    """Does ``expr`` use a named activation left general?"""
    return any(_is_label(f.func.__name__.rstrip("'")) for f in expr.atoms(sp.core.function.AppliedUndef))


def _is_label(name: str) -> bool:
    """A named activation's function (σ_h), not its derivative (σ_h')."""
    return "_" in name and name.split("_", 1)[0] in LETTERS.values() and not name.endswith("'")


def witness_function(label: str):
    """(f, f') of a smooth stand-in for the activation ``label`` in the numeric witness:
    ``atan(a x + b)`` with a, b fixed by the label, so two labels differ."""
    import mpmath
    seed = zlib.crc32(label.encode())
    a = mpmath.mpf(11 + seed % 7) / 10
    b = mpmath.mpf(seed % 5 - 2) / 10
    return (lambda x: mpmath.atan(a * x + b)), (lambda x: a / (1 + (a * x + b) ** 2))
