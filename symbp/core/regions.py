"""Region indicators: how non-smooth forwards (max pooling) become polynomial proofs.

Inside the region of input space where a window's maximum sits at cell p, the
max-pooling forward *is* that cell, so its derivative is constant there.  symbp
rewrites the forward ``Piecewise((c_0, C_0), (c_1, C_1), …)`` as Σ_k χ_k c_k, one
0/1 indicator χ_k per region ``C_k ∧ ¬C_<k``, and proves identities as polynomials
in δ and χ: such a proof holds for every argmax pattern at once, ties included.

A region is identified by its *truth table*: for every non-empty set S of cells
that share the window's maximum (the others being smaller), whether the region
holds.  Regions with the same table share one symbol, so the first-maximum rule
written two ways is one region, while the first- and last-maximum rules (which
differ only on ties) are different regions.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp


class RegionError(ValueError):
    """A condition that is not decided by which cells hold the window's maximum."""


@dataclass(frozen=True)
class Indicator:
    """What a region symbol stands for: the window's cells and the tie sets where it is 1."""
    symbol: sp.Symbol
    cells: tuple[sp.Expr, ...]
    true_on: frozenset[int]          # bitmasks S (bit k: cell k holds the maximum)
    latex: str

    def value(self, values: tuple) -> int:
        """1 or 0 under concrete cell values."""
        top = max(values)
        mask = sum(1 << k for k, v in enumerate(values) if v == top)
        return int(mask in self.true_on)


_BY_KEY: dict[tuple, sp.Symbol] = {}
INDICATORS: dict[sp.Symbol, Indicator] = {}


def first_max_condition(cells: tuple[sp.Expr, ...], p: int) -> sp.Basic:
    """Cell p is the first maximum in row-major order (PyTorch's tie rule)."""
    return sp.And(*[cells[p] > c for c in cells[:p]], *[cells[p] >= c for c in cells[p + 1:]],
                  evaluate=False)


def last_max_condition(cells: tuple[sp.Expr, ...], p: int) -> sp.Basic:
    """Cell p is the last maximum in row-major order (a tie rule PyTorch does not use)."""
    return sp.And(*[cells[p] >= c for c in cells[:p]], *[cells[p] > c for c in cells[p + 1:]],
                  evaluate=False)


# --------------------------------------------------------------------------- truth tables

_RELATIONS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
              "==": operator.eq, "!=": operator.ne}


def _structure(cond, index: dict) -> tuple:
    """The condition as a nested tuple over cell positions (cacheable across windows)."""
    if cond is sp.true or cond is True:
        return ("T",)
    if cond is sp.false or cond is False:
        return ("F",)
    if isinstance(cond, sp.And):
        return ("and",) + tuple(_structure(c, index) for c in cond.args)
    if isinstance(cond, sp.Or):
        return ("or",) + tuple(_structure(c, index) for c in cond.args)
    if isinstance(cond, sp.Not):
        return ("not", _structure(cond.args[0], index))
    if isinstance(cond, sp.core.relational.Relational) and cond.rel_op in _RELATIONS:
        lhs, rhs = cond.args
        if lhs in index and rhs in index:
            return (cond.rel_op, index[lhs], index[rhs])
    raise RegionError(f"condition {cond} does not compare the window's cells")


def _holds(node: tuple, bits: int) -> bool:
    head = node[0]
    if head == "T":
        return True
    if head == "F":
        return False
    if head == "and":
        return all(_holds(n, bits) for n in node[1:])
    if head == "or":
        return any(_holds(n, bits) for n in node[1:])
    if head == "not":
        return not _holds(node[1], bits)
    return _RELATIONS[head](bits >> node[1] & 1, bits >> node[2] & 1)


@lru_cache(maxsize=4096)
def _table(m: int, branches: tuple, k: int) -> frozenset[int]:
    """Tie sets where branch k is the branch taken: C_k and no earlier C_j."""
    return frozenset(s for s in range(1, 2 ** m)
                     if _holds(branches[k], s) and not any(_holds(b, s) for b in branches[:k]))


def branch_tables(cells: tuple, conditions: list) -> list[frozenset[int]]:
    """The truth table of each branch region of a Piecewise over a window's ``cells``."""
    index = {c: k for k, c in enumerate(cells)}
    structures = tuple(_structure(c, index) for c in conditions)
    return [_table(len(cells), structures, k) for k in range(len(structures))]


# --------------------------------------------------------------------------- symbols

def region_symbol(cells: tuple, condition) -> sp.Symbol:
    """The indicator symbol of ``condition`` over a window's ``cells``."""
    return indicator(cells, branch_tables(cells, [condition])[0])


def indicator(cells: tuple, table: frozenset[int]) -> sp.Symbol:
    """The one symbol standing for the region with ``table`` over ``cells``."""
    key = (cells, table)
    if key not in _BY_KEY:
        _BY_KEY[key] = _new_indicator(cells, table)
    return _BY_KEY[key]


def _rule_table(m: int, p: int, last: bool) -> frozenset[int]:
    return frozenset(s for s in range(1, 2 ** m)
                     if (s.bit_length() - 1 if last else (s & -s).bit_length() - 1) == p)


def _new_indicator(cells, table) -> sp.Symbol:
    window = f"{cells[0]}..{cells[-1]}"
    described = [(p, rule) for p in range(len(cells)) for rule, last in (("max", False),
                 ("lastmax", True)) if table == _rule_table(len(cells), p, last)]
    if described:
        p, rule = described[0]
        name = f"[{cells[p]}={rule}({window})]"
        tex = rf"\mathbb{{1}}\left[{sp.latex(cells[p])} = \operatorname{{{rule}}}\right]"
    else:
        name = f"[region{len(INDICATORS)}({window})]"
        tex = rf"\mathbb{{1}}_{{R_{{{len(INDICATORS)}}}}}"
    symbol, k = sp.Symbol(name), 1
    while symbol in INDICATORS:       # same name, other window or cells: keep symbols apart
        k += 1
        symbol = sp.Symbol(f"{name}#{k}")
    INDICATORS[symbol] = Indicator(symbol, cells, table, tex)
    return symbol


def max_as_regions(pw: sp.Piecewise) -> sp.Expr:
    """Σ_k χ_k c_k for a max Piecewise((c_0, C_0), …, (c_{m-1}, True)) over cells c_k."""
    cells = tuple(e for e, _ in pw.args)
    tables = branch_tables(cells, [c for _, c in pw.args])
    return sp.Add(*[indicator(cells, t) * c for c, t in zip(cells, tables) if t])
