r"""A worked example's given numbers in the index reader: ``X = [numbers]``, ``\frac{\partial L}{\partial Y} = [numbers]``.

A page that works an example under ``names:`` gives the input and the upstream gradient as matrices
of numbers and then states the output and ∂L/∂X as numbers.  The index reader's tensors are symbols
(``x_0000``, ``g_0000``), so read as claims the given values were refuted ("derived x_0000, claimed
1") and so were the correct results computed from them (rt5 R5).  :func:`given_value` recognises a
given value: the left side a bare tensor the section names as its input, kernel or bias, or the loss's
derivative by its output; the right side a matrix whose every entry is a plain number.  The names
reader reports it a definition and marks the section (``settings["given_values"]``, the dict its
contexts share); :func:`example_number` then says a later claim's number stands where the derived
entry still depends on the layer's symbols: the index reader leaves it unchecked, it does not bind
the numbers (a number claimed where the derivation gives one is still compared).

Example::

    >>> _numbers(r"\begin{bmatrix} 1 & -2.5 \\ 3 & 0 \end{bmatrix}")
    True
    >>> _numbers(r"\begin{bmatrix} 1 & a \end{bmatrix}")
    False
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp
from mpmath.libmp import prec_to_dps

_MATRIX = re.compile(r"^\s*\\begin\s*\{([bpvBV]?matrix)\}(.*)\\end\s*\{\1\}\s*[.,;]?\s*$", re.S)
_NUMBER = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")
_BARE = re.compile(r"^\s*(\\?[A-Za-z]+)\s*$")
_DERIVATIVE = re.compile(r"^\s*(?:\\[dt]?frac\s*\{\s*\\partial\s*(\\?[A-Za-z]+)\s*\}\s*\{\s*\\partial\s*(\\?[A-Za-z]+)\s*\}|"
                         r"\\partial\s*(\\?[A-Za-z]+)\s*/\s*\\partial\s*(\\?[A-Za-z]+))\s*$")
GIVEN_ROLES = ("input", "kernel", "bias", "delta")      # delta: a letter the page names ∂L/∂Y


def _numbers(rhs: str) -> bool:
    """Whether ``rhs`` is a matrix of plain numbers."""
    m = _MATRIX.match(rhs)
    if not m:
        return False
    cells = [c for row in re.split(r"\\\\", m.group(2)) for c in row.split("&")]
    cells = [c for c in cells if c.strip()]
    return bool(cells) and all(_NUMBER.fullmatch(c) for c in cells)


def _role(ctx, name: str):
    try:
        return ctx.role(name, None)
    except Exception:       # a letter the section does not name: no given value
        return None


def given_value(latex: str, ctx) -> str | None:
    """The tensor whose values ``latex`` gives (its written name), or None."""
    if ctx is None or latex.count("=") != 1:
        return None
    lhs, rhs = latex.split("=")
    return _given_name(lhs, ctx) if _numbers(rhs) else None


def _given_name(lhs: str, ctx) -> str | None:
    """``lhs`` as the name of a tensor whose values a page may give: the section's input, kernel,
    bias or the output's gradient (a letter it names so, or ∂(its loss)/∂(its output))."""
    if (m := _BARE.match(lhs)) and _role(ctx, m.group(1)) in GIVEN_ROLES:
        return m.group(1)
    if (m := _DERIVATIVE.match(lhs)):
        top, bottom = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if _role(ctx, bottom) == "output" and (_role(ctx, top) == "loss" or (
                top not in ctx.roles and "loss" not in ctx.roles.values())):    # ∂E/∂Y of another objective: no
            return lhs.strip()
    return None


def _given_role(name: str, ctx) -> str | None:
    """The role whose entries the given values of ``name`` (from :func:`_given_name`) are."""
    return "delta" if "partial" in name else _role(ctx, name)


_MATRIX_LIKE = re.compile(r"\\begin\s*\{\s*(?:[bpvBV]?matrix|array)\s*\}")


def forget_stale(latex: str, settings: dict, ctx) -> None:
    """A row that gives a tensor's values in a form :func:`given_value` does not read (``X =
    \begin{bmatrix} \frac{1}{2} & …``, an ``array``): the numbers given before for that
    tensor no longer hold, so they are dropped (its later numbers are left unchecked)."""
    if ctx is None or latex.count("=") != 1 or not _MATRIX_LIKE.search(latex.split("=")[1]):
        return
    name = _given_name(latex.split("=")[0], ctx)
    role = None if name is None else _given_role(name, ctx)
    for where in (settings, ctx.settings):
        if role in (where.get("given_numbers") or {}):
            where["given_numbers"] = {k: v for k, v in where["given_numbers"].items() if k != role}


def mark(settings: dict, ctx, name: str, latex: str = "") -> str:
    """Mark the section as a worked example (the settings its contexts share) and keep the numbers
    ``latex`` gives, by the role of the tensor they are the values of; the verdict text."""
    settings["given_values"] = True
    ctx.settings["given_values"] = True
    role = _given_role(name, ctx)
    values = _values(latex.split("=")[1]) if latex.count("=") == 1 else None
    if values is not None and role is not None:
        numbers = {**settings.get("given_numbers", {}), role: values}
        settings["given_numbers"] = ctx.settings["given_numbers"] = numbers
    return (f"the page gives the values of {name} (a worked example); the numbers claimed from them are "
            f"checked with these values")


def _values(rhs: str):
    """The matrix of exact numbers ``rhs`` writes (rows of equal length), or None."""
    m = _MATRIX.match(rhs)
    if not m or not _numbers(rhs):
        return None
    rows = [[sp.Rational(c.replace(" ", "")) for c in row.split("&") if c.strip()]
            for row in re.split(r"\\\\", m.group(2)) if row.strip()]
    if not rows or len({len(r) for r in rows}) != 1:
        return None
    return np.array(rows, dtype=object)


def example_number(setup, derived, claimed) -> bool:
    """Whether ``claimed`` is a number where ``derived`` still depends on symbols, in a section
    whose page gave values (:func:`mark`)."""
    if not setup.settings.get("given_values"):
        return False
    number = _as_number(claimed)
    return isinstance(number, sp.Expr) and number.is_number and bool(getattr(derived, "free_symbols", None))


def _as_number(claimed):
    """A Python or numpy number as SymPy's; anything else as it is."""
    if isinstance(claimed, (int, np.integer)):
        return sp.Integer(int(claimed))
    return sp.Float(float(claimed)) if isinstance(claimed, (float, np.floating)) else claimed


def example_value(derived, claimed) -> bool:
    """Whether ``claimed`` is a number other than 0 and ±1 where ``derived`` still depends on the
    layer's entries: the value of a worked example (``= 1+2+4+5 = 12``), never a claim about every
    input (0, "no gradient here", and ±1 stay comparable).

    >>> example_value(sp.Symbol("x_00") * sp.Symbol("g_00"), sp.Integer(12)), example_value(sp.Symbol("g_00"), 0)
    (True, False)
    """
    claimed = _as_number(claimed)
    return isinstance(claimed, sp.Expr) and claimed.is_number and claimed not in (0, 1, -1) and \
        bool(getattr(derived, "free_symbols", None))


def literal_entries(tree) -> list:
    """Per entry of a claimed side (an index tree), whether it is one written number (``0.25``,
    ``-0.25``, a matrix of such): only such a decimal may be a rounded value.

    >>> literal_entries(written_decimal("0.5")), literal_entries(sp.Symbol("x"))
    ([True], [False])
    """
    def one(n):
        return isinstance(n, (sp.Float, sp.Integer)) or (
            type(n).__name__ == "Op" and n.kind == "neg" and one(n.args[0]))
    if type(tree).__name__ == "Op" and tree.kind == "matrix":
        return [one(c) for row in tree.args for c in row]
    return [one(tree)]


def worked_number(setup, derived, claimed, literal: bool = True):
    """A number claimed where the derived entry differs from it as written: None to compare as
    usual; "agrees" where the entry's value (the page's given values, :func:`mark`, bound to
    every symbol it has) is the claimed number, exactly or as rounded to the decimals a written
    decimal shows; else (verdict, reason): refuted with the value, or unchecked where the given
    values do not bind the entry (none given, max pooling's routing) or a decimal stands inside
    an expression (``0.333 δ``: a rounded coefficient is not compared).

    >>> class S: layer, settings = "conv", {}
    >>> worked_number(S(), sp.Symbol("x") + 1, 3)[0], worked_number(S(), sp.Rational(1, 3), written_decimal("0.33"))
    ('unchecked', 'agrees')
    """
    decimal = isinstance(claimed, sp.Basic) and claimed.has(sp.Float)
    if decimal and not claimed.is_number:
        return ("unchecked", f" writes a decimal inside an expression ({claimed}): symbp compares a decimal "
                             f"only as a whole number")
    if not (decimal or setup.layer != "pool-max" and example_value(derived, claimed)
            or example_number(setup, derived, claimed)):
        return None
    places = _decimals(claimed) if decimal else 0
    shown = f"{float(claimed):.{max(places, 0)}f}" if decimal else str(claimed)
    value = derived if getattr(derived, "is_Rational", False) else _bound(setup, derived)
    if value is None:
        return ("unchecked", f" is the number {shown}, where the gradient depends on values the document's "
                             f"worked example gives and symbp did not bind")
    if places < 0:
        return ("unchecked", f" is the number {claimed}, whose written decimals symbp cannot tell")
    if not decimal and not (isinstance(claimed, (int, np.integer)) or getattr(claimed, "is_Rational", False)):
        return None                         # √2, π: compared as written
    written = sp.Rational(str(claimed.round(places))) if decimal else sp.Rational(int(claimed) if
                                                                                   isinstance(claimed, np.integer) else claimed)
    near = places and abs(value - written) <= sp.Rational(1, 2 * 10 ** places)
    if decimal and not literal:             # 0.5 \times 0.5: arithmetic on decimals, exact
        exact = sp.Rational(str(claimed))
        if value == exact:
            return "agrees"
        if near or abs(value - exact) < sp.Rational(1, 10 ** 20):
            return ("unchecked", f" is {float(exact)!r}, arithmetic on written decimals: equal to the page's value only "
                                 f"as rounded, which symbp does not decide for a computed number")
    elif value == written or near:
        return "agrees"
    return ("refuted", f": the page's given values make it {_show(value)}, claimed {shown}"
            if value is not derived else f": derived {_show(value)}, claimed {shown}")


def _bound(setup, derived):
    """The exact number ``derived`` takes at the page's given values, or None where they do not
    bind every symbol (a tensor not given, a shape that differs, max pooling)."""
    subs = given_substitution(setup)
    free = getattr(derived, "free_symbols", set())
    if not subs or not free or not free <= set(subs):
        return None
    value = derived.xreplace(subs)
    return value if value.is_Rational else None


def given_substitution(setup) -> dict | None:
    """{entry symbol: its given number} for every tensor the page gave the values of, in the
    section's layout; None where there are none or one does not fit its tensor's shape
    (fully connected layers and max pooling are not bound)."""
    numbers = setup.settings.get("given_numbers") or {}
    if setup.layer in ("pool-max", "fc") or not numbers:
        return None
    subs = {}
    for role, values in numbers.items():
        try:
            arr = setup.view(role)
        except Exception:       # a role this layer has no entries for
            return None
        arr = None if arr is None else np.asarray(arr, dtype=object)
        if arr is None or arr.shape != values.shape:
            return None
        subs.update({sym: v for sym, v in zip(arr.ravel(), values.ravel()) if isinstance(sym, sp.Symbol)})
    return subs


_GUARD = 30     # digits a written decimal carries beyond those written: equal to a fraction only exactly


def written_decimal(text: str) -> sp.Float:
    """``0.250`` as a SymPy Float, exact to 30 digits beyond the significant digits written (so
    that ``0.5 = 1/2`` holds and ``0.333 = 1/3`` does not), from which :func:`_decimals` reads back
    how many decimals the author wrote.

    >>> _decimals(written_decimal("0.0051")), _decimals(written_decimal("12.0")), _decimals(written_decimal("0.250"))
    (4, 1, 3)
    """
    whole, part = text.split(".")
    significant = len((whole + part).lstrip("0")) or len(part)
    return sp.Float(text, max(significant, 1) + _GUARD)


def _decimals(claimed) -> int:
    """How many decimals a written decimal shows (:func:`written_decimal`); -1 where it cannot tell."""
    if not isinstance(claimed, sp.Float) or prec_to_dps(claimed._prec) <= _GUARD:
        return -1
    digits = prec_to_dps(claimed._prec) - _GUARD
    if claimed == 0:
        return digits
    exact = sp.Rational(str(claimed))
    magnitude = len(str(int(abs(exact)))) if abs(exact) >= 1 else -_leading_zeros(abs(exact))
    return max(0, digits - magnitude)


def _leading_zeros(x) -> int:
    """How many zeros follow the decimal point before the first digit of 0 < x < 1."""
    n = 0
    while x * 10 < 1:
        x, n = x * 10, n + 1
    return n


def _show(value) -> str:
    return str(value) if value.q == 1 else f"{value} ≈ {float(value):.6g}"


def entry_at(derived, n: int) -> str:
    """`` entry (i, j) (from 0)``: where the ``n``-th entry of an array side lies; "" for a scalar."""
    if not isinstance(derived, np.ndarray):
        return ""
    return f" entry {tuple(map(int, np.unravel_index(n, derived.shape)))} (from 0)"
