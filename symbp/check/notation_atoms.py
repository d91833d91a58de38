"""The atoms of an equation: what is left after the operators, read by
:func:`symbp.check.latex_atoms.parse_atom` once ∂x/∂y, σ(x), σ'(x) and 1[x = max] became
placeholders."""

from __future__ import annotations

import re

import sympy as sp

from .latex_atoms import LatexAtomError, parse_atom, split_top_level
from .notation_names import _LOSS, MAX_ATOM, Unsupported, parse_name
from .notation_scan import _SKIP, _group
from .notation_terms import Parse, Term

_FUNCTION = re.compile(r"\\[dt]?frac(?![A-Za-z])|\\sigma(?![A-Za-z])\s*((?:'|\^\s*\{\s*\\prime"
                       r"\s*\}|\^\s*\\prime)*)|\\math(?:bb|bf)\s*\{\s*1\s*\}|\\mathbb\s*1")


def _atom(s: str, ctx: Parse) -> Term:
    """An explicit matrix, a tensor name, or an entry expression."""
    if "symbp" in s:
        raise Unsupported("'symbp' is reserved in names")
    out, pos = [], 0
    for m in _FUNCTION.finditer(s):
        if m.start() >= pos and (found := _function(s, m, ctx)) is not None:
            out += [s[pos:m.start()], found[0]]
            pos = found[1]
    try:
        raw = parse_atom("".join(out) + s[pos:], max_len=MAX_ATOM)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    if isinstance(raw, sp.MatrixBase):
        return Term("tensor", ctx.matrix(raw))
    if isinstance(raw, sp.Symbol):
        payload = ctx.functions.get(raw.name)
        name = payload[1] if payload and payload[0] == "grad-tensor" else \
            None if payload else parse_name(raw.name)
        if name is not None and name.indices is None:
            return Term("tensor", ctx.leaf(name))
    for sym in sorted(raw.free_symbols, key=lambda s: s.name):      # one order, one message, every run
        ctx.entry_name(sym)
    return Term("scalar", raw)


def _function(s: str, m, ctx: Parse) -> tuple[str, int] | None:
    """(placeholder, end) for ∂x/∂y, σ(x), σ'(x) or 1[x = max] at ``m``; None if not one."""
    if "frac" in m.group():
        num = _group(s, m.end())
        den = num and _group(s, num[1])
        if not den or not all(p.strip().startswith("\\partial") for p in (num[0], den[0])):
            return None
        top, bottom = (p.strip()[len("\\partial"):].strip() for p in (num[0], den[0]))
        if not top:                    # \frac{\partial}{\partial w_{jk}} (…): an operator, no name
            raise Unsupported(f"∂/∂{bottom} applied to what follows (an operator) is not read here")
        bottom = parse_name(bottom)
        ctx.names.append(bottom)
        if top in _LOSS:
            kind = "grad-tensor" if bottom.indices is None else "grad"
            return ctx.placeholder((kind, bottom._replace(grad=True))), den[1]
        top = parse_name(top)
        if top.letters or bottom.letters:          # ∂z_k/∂w_{jk}: entries with letter indices
            raise Unsupported(f"∂{top.show()}_{{{''.join(top.letters)}}}/∂{bottom.show()}_"
                              f"{{{''.join(bottom.letters)}}} between entries written with letter "
                              "indices is index notation")
        if top.indices is None or bottom.indices is None:
            raise Unsupported(f"∂{top.show()}/∂{bottom.show()} is a Jacobian between tensors; "
                              "symbp checks the entries instead")
        ctx.names.append(top)
        return ctx.placeholder(("partial", top, bottom)), den[1]
    g = _group(s, m.end())
    if g is None:
        return None
    if m.group().startswith("\\sigma"):
        inner = _group(g[0], 0) if s.startswith("{", _SKIP.match(s, m.end()).end()) else g
        primes = (m.group(1) or "").count("'") + (m.group(1) or "").count("prime")
        if inner is None or primes > 1:
            raise Unsupported("σ applied to something other than one entry")
        return ctx.placeholder(("sigma", primes, _entry_atom(inner[0], ctx))), g[1]
    parts = split_top_level(g[0], ("=",))
    rule = re.sub(r"\\operatorname|\\max|[{}\s]", lambda t: "max" * (t.group() == "\\max"),
                  parts[-1]) if len(parts) == 2 else ""
    if rule not in ("max", "lastmax"):
        raise Unsupported("only indicators 1[x = max] are understood")
    return ctx.placeholder(("indicator", rule, _entry_atom(parts[0], ctx))), g[1]


def _entry_atom(s: str, ctx: Parse) -> sp.Expr:
    term = _atom(s, ctx)
    if term.kind != "scalar":
        raise Unsupported("σ or an indicator of a tensor inside an entry expression")
    return term.expr
