r"""Safe parsing of LaTeX *atoms* (explicit matrices and scalar expressions).

An atom is one operand of a derivation step: an explicit matrix
(``bmatrix``/``pmatrix``/``matrix``) whose entries are scalar expressions, or
a scalar expression built from numbers and symbols with ``+ - / \frac \cdot
\times``, powers, parentheses and implicit multiplication.  Relations and the
operators symbp interprets itself (``=``, ``\odot``, ``*``) are refused; use
:func:`split_top_level` to cut an equation into atoms first.

Why a wrapper
-------------
latex2sympy2 1.9.1 is used only as the expression grammar, and only ever sees
text this module generated.  Its sharp edges, found by reading its source:

* Import-time global state: it runs ``latex2latex('i=I')`` and
  ``latex2latex('j=I')``, storing ``i -> I`` and ``j -> I`` (and identity
  matrices ``\bm{I}_n``) in the module globals ``variances``/``var`` that
  ``latex2latex`` substitutes.  ``x = y`` is an ASSIGNMENT that writes to
  those globals (or calls ``sympy.solve`` when the left side is not a symbol),
  and ``\in`` defines global matrix symbols.
* eval reachable from input text: ``convert_atom`` calls
  ``parse_expr`` on ``str(VARIABLE_VALUES[name])`` for ``\variable{name}`` tokens,
  and falls back to ``sympy.Number(text)`` -- i.e. ``sympify`` of a string --
  for NUMBER / E_NOTATION / PERCENT_NUMBER tokens that ``sympy.Rational``
  rejects.  ``\operatorname``/``\text``/function syntax also reach
  ``getattr(sympy.functions, ...)``, ``sympy.Function(<input text>)`` and a
  recursive ``latex2sympy`` call on raw input slices.
* Silent reinterpretation: ``latex2sympy()`` rewrites ``(x)_{y}`` into a
  factorial quotient and drops ``$``; ``e`` becomes Euler's number, ``I``
  the imaginary unit, ``d x`` a differential, ``1,000`` the number 1000,
  ``1,2`` a list; a prime ``a'`` is dropped; ``a_1(b)`` becomes an applied
  function; and ``parser.math()`` does not require end of input, so
  ``1 . 5`` parses as ``1``.
* ANTLR's default console error listener prints to stderr.

How they are blocked
--------------------
The atom is tokenized by symbp and checked against a whitelist *before*
latex2sympy2 is involved.  Every symbol (with its subscripts, layer
superscript and primes) and every number is handled by symbp, not latex2sympy2: the text
given to latex2sympy2 contains only validated decimal numbers, placeholder
symbols (plain letters, Greek commands, ``a_0``-style names), ``+ - /``,
``\frac``, ``\cdot``, ``\times``, ``^{...}`` and parentheses.  No
``\variable``, ``%``, ``,``, ``=``, ``E``, ``e``, ``I``, ``d`` or function
syntax can occur, so none of the eval, assignment or solve paths above is
reachable.  The lexer and parser are driven directly (not through
``latex2sympy()``, so none of its text rewriting runs) with a raising error
listener and an end-of-input check; the global state (``VARIABLE_VALUES``,
``variances``/``var``, ``is_real``, ``frac_type``) is reset before and after
every call.  The resulting tree is rebuilt node by node from a whitelist
(``Symbol``, ``Rational``, ``Add``, ``Mul``, ``Pow``), so anything unexpected
is refused rather than returned.

Where each step lives: tokenizing, the whitelist and group matching in
:mod:`.latex_tokens`; symbols and :func:`normalize_symbol_name` in
:mod:`.latex_symbols`; the placeholder text in :mod:`.latex_expression_writer`.
Only this module imports latex2sympy2: it drives the lexer and parser, rebuilds
the tree, reads matrices, and offers the public API.

Symbol-name convention
----------------------
A symbol is a Latin letter or a Greek command, optionally preceded by
``\nabla`` and followed by primes, one subscript and one superscript in any
order.  Its sympy name is::

    [nabla ]<base><primes>[^{<label>}][_{<subscript>}]

with the backslash dropped from Greek letters and all whitespace removed from
scripts; e.g. ``a_{11}`` -> ``a_{11}``, ``a_1`` -> ``a_{1}``,
``\delta_{21}`` -> ``delta_{21}``, ``a_{11}^l`` and ``a^{l}_{11}`` ->
``a^{l}_{11}``, ``\delta^{L}_{u, v}`` -> ``delta^{L}_{u,v}``, ``\sigma'`` and
``\sigma^{\prime}`` -> ``sigma'``, ``\nabla a_{12}`` -> ``nabla a_{12}``.

A superscript on a symbol is a *layer label* (part of the name) when it is a
letter-led name with an optional ``+n``/``-n`` offset, or a parenthesised
label: ``l``, ``L``, ``L+1``, ``l-1``, ``T``, ``(2)``, ``(l)``.  Any other
superscript (``2``, ``-1``, ``\frac{1}{2}``, ``n+m``) is an exponent.  So
``x^{n}`` is the symbol ``x^{n}``, not a power.

Every letter is a plain symbol: ``i``, ``j``, ``e``, ``I`` and ``\pi`` are
never constants.  A Latin symbol directly followed by a bracketed group is an
implicit product (``a(1-a)``); a Greek or primed symbol followed by ``(`` or
``[`` looks like a function application (``\sigma(z)``, ``\sigma'(z)``) and is
refused, and so are a number right after a symbol (``a 2``, ``x2``), digits
separated by whitespace (``1 2``), derivative fractions (``\frac{dJ}{dz}``)
and ``^T`` on a bracketed group (transposition, not a power).
Results are ordinary evaluated sympy objects (``\frac{2}{4}`` is ``1/2``,
decimals are exact rationals).
"""

from __future__ import annotations

import functools
import threading

import latex2sympy2
import sympy
from antlr4 import CommonTokenStream, InputStream, Token
from antlr4.error.ErrorListener import ErrorListener
from gen.PSLexer import PSLexer
from gen.PSParser import PSParser

from .latex_expression_writer import MAX_SUPERSCRIPT_DEPTH, _ExpressionWriter
from .latex_symbols import normalize_symbol_name
from .latex_tokens import MAX_DEPTH, LatexAtomError, _Token, _match_groups, _skip_spaces, _strip_range, _tokenize

__all__ = [
    "LatexAtomError",
    "MAX_DEPTH",
    "MAX_MATRIX_ENTRIES",
    "MAX_SUPERSCRIPT_DEPTH",
    "normalize_symbol_name",
    "parse_atom",
    "split_top_level",
]

MAX_MATRIX_ENTRIES = 4096
MAX_NUMBER_BITS = 10_000

_LATEX2SYMPY_LOCK = threading.Lock()


# --------------------------------------------------------------------------
# driving latex2sympy2


class _ParseFailure(Exception):
    """Raised by the ANTLR error listener instead of printing to stderr."""


class _RaisingErrorListener(ErrorListener):
    def syntaxError(self, recognizer, offendingSymbol, line, column, msg, e):  # noqa: N802 (ANTLR API)
        raise _ParseFailure(_unexpected(offendingSymbol))


def _unexpected(token) -> str:
    if token is None:
        return "unrecognised input"
    return "unexpected end of input" if token.type == Token.EOF else f"unexpected {token.text!r}"


def _reset_latex2sympy_state() -> None:
    """Clear every module global latex2sympy2 keeps between calls."""
    latex2sympy2.VARIABLE_VALUES = {}
    latex2sympy2.set_variances({})
    latex2sympy2.set_real(None)
    latex2sympy2.frac_type = r"\frac"


def _latex2sympy_tree(text: str) -> sympy.Basic:
    """:func:`_parsed_tree`, with latex2sympy2's globals left clean even when the cache answers
    (another caller may have set them since)."""
    tree = _parsed_tree(text)
    with _LATEX2SYMPY_LOCK:
        _reset_latex2sympy_state()
    return tree


@functools.lru_cache(maxsize=4096)
def _parsed_tree(text: str) -> sympy.Basic:
    """Parse generated placeholder text with latex2sympy2's grammar (cached)."""
    with _LATEX2SYMPY_LOCK:
        _reset_latex2sympy_state()
        try:
            listener = _RaisingErrorListener()
            lexer = PSLexer(InputStream(text))
            lexer.removeErrorListeners()
            lexer.addErrorListener(listener)
            parser = PSParser(CommonTokenStream(lexer))
            parser.removeErrorListeners()
            parser.addErrorListener(listener)
            tree = parser.math()
            if parser.getCurrentToken().type != Token.EOF:
                raise _ParseFailure(_unexpected(parser.getCurrentToken()))
            relation = tree.relation()
            if relation is None or relation.expr() is None:
                raise _ParseFailure("not a single expression")
            return latex2sympy2.convert_expr(relation.expr())
        finally:
            _reset_latex2sympy_state()


def _rebuild(node: sympy.Basic, names: dict[str, str]) -> sympy.Expr:
    """Rebuild latex2sympy2's tree from whitelisted nodes, renaming placeholders."""
    if isinstance(node, sympy.Symbol):
        if node.name not in names:
            raise LatexAtomError(f"unexpected symbol {node.name!r} from latex2sympy2")
        return sympy.Symbol(names[node.name])
    if isinstance(node, sympy.Rational):
        return node
    if isinstance(node, sympy.Add):
        return sympy.Add(*(_rebuild(arg, names) for arg in node.args))
    if isinstance(node, sympy.Mul):
        return sympy.Mul(*(_rebuild(arg, names) for arg in node.args))
    if isinstance(node, sympy.Pow):
        return _checked_pow(_rebuild(node.base, names), _rebuild(node.exp, names))
    raise LatexAtomError(f"unsupported construct {type(node).__name__} in atom")


def _checked_pow(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base**exponent``, refusing numeric powers that would be huge."""
    if isinstance(base, sympy.Rational) and isinstance(exponent, sympy.Rational) and abs(base) not in (0, 1):
        magnitude = max(abs(base.p), base.q).bit_length()
        if abs(exponent) * magnitude > MAX_NUMBER_BITS:
            raise LatexAtomError(f"number too large: a power with more than {MAX_NUMBER_BITS} bits")
    return sympy.Pow(base, exponent)


def _parse_expression(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> sympy.Expr:
    writer = _ExpressionWriter(tokens, matches)
    text = writer.write(lo, hi)
    try:
        tree = _latex2sympy_tree(text)
        result = _rebuild(tree, writer.names)
    except LatexAtomError:
        raise
    except RecursionError:
        raise LatexAtomError("expression is too long or too deeply nested to parse") from None
    except Exception as exc:  # anything latex2sympy2 or sympy raised
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LatexAtomError(f"cannot parse expression at column {tokens[lo].column}: {reason}") from None
    if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise LatexAtomError(f"division by zero in expression at column {tokens[lo].column}")
    return result


# --------------------------------------------------------------------------
# matrices


def _matrix_body(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    r"""Token range inside the matrix if ``[lo, hi)`` is exactly one matrix.

    Also accepts sympy's own ``\left[\begin{matrix}...\end{matrix}\right]``.
    """
    if tokens[lo].text.startswith("\\left") and matches[lo] == hi - 1:
        inner_lo, inner_hi = _strip_range(tokens, lo + 1, hi - 1)
        if inner_lo < inner_hi and tokens[inner_lo].text.startswith("\\begin{"):
            lo, hi = inner_lo, inner_hi
    if tokens[lo].text.startswith("\\begin{") and matches[lo] == hi - 1:
        return lo + 1, hi - 1
    return None


def _matrix_cells(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> list[list[tuple[int, int]]]:
    """Split a matrix body into rows of ``(lo, hi)`` cell ranges."""
    rows: list[list[tuple[int, int]]] = [[]]
    entries, start, i = 0, lo, lo
    while i <= hi:
        text = tokens[i].text if i < hi else "\\\\"
        if i < hi and i in matches:
            if text.startswith("\\begin{"):
                raise LatexAtomError(f"nested matrices are not supported (column {tokens[i].column})")
            i = matches[i] + 1
            continue
        if text in ("&", "\\\\"):
            rows[-1].append((start, i))
            entries += 1
            if entries > MAX_MATRIX_ENTRIES:
                raise LatexAtomError(f"matrix has more than {MAX_MATRIX_ENTRIES} entries")
            if text == "\\\\" and i < hi:
                rows.append([])
            start = i + 1
        i += 1
    last = rows[-1]
    if len(rows) > 1 and len(last) == 1 and _skip_spaces(tokens, *last[0]) == last[0][1]:
        rows.pop()  # a trailing "\\" before \end
    return rows


def _parse_matrix(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> sympy.Matrix:
    rows = _matrix_cells(tokens, matches, lo, hi)
    width = len(rows[0])
    values = []
    for r, row in enumerate(rows, start=1):
        if len(row) != width:
            raise LatexAtomError(f"matrix row {r} has {len(row)} entries but row 1 has {width}")
        values.append([])
        for c, (cell_lo, cell_hi) in enumerate(row, start=1):
            cell_lo, cell_hi = _strip_range(tokens, cell_lo, cell_hi)
            if cell_lo == cell_hi:
                raise LatexAtomError(f"empty matrix entry at row {r}, column {c}")
            values[-1].append(_parse_expression(tokens, matches, cell_lo, cell_hi))
    return sympy.Matrix(values)


# --------------------------------------------------------------------------
# public API


def parse_atom(tex: str, *, max_len: int = 2000) -> sympy.Expr | sympy.Matrix:
    """Parse one LaTeX atom: an explicit matrix or a scalar expression.

    Raises :class:`LatexAtomError` for anything else (relations, ``\\odot``,
    ``*``, unknown macros, unbalanced groups, over-long input, nesting deeper
    than ``MAX_DEPTH``, matrices with more than ``MAX_MATRIX_ENTRIES`` entries).
    """
    if not isinstance(tex, str):
        raise LatexAtomError(f"atom must be a string, not {type(tex).__name__}")
    if len(tex) > max_len:
        raise LatexAtomError(f"atom is {len(tex)} characters long (limit {max_len})")
    tokens = _tokenize(tex, strict=True)
    matches = _match_groups(tokens)
    lo, hi = _strip_range(tokens, 0, len(tokens))
    if lo == hi:
        raise LatexAtomError("empty atom")
    body = _matrix_body(tokens, matches, lo, hi)
    if body is not None:
        return _parse_matrix(tokens, matches, *body)
    return _parse_expression(tokens, matches, lo, hi)


@functools.lru_cache(maxsize=1024)
def _grouped(tex: str) -> tuple[list[_Token], dict[int, int], tuple[str, ...]]:
    """``tex``'s tokens and their groups, made once a text: a reader asks :func:`split_top_level`
    about the same display for many operators (:func:`symbp.check.notation.parse_equation`, one
    relation after another), with the tokens' texts.  Shared: the callers only read them."""
    tokens = _tokenize(tex, strict=False)
    return tokens, _match_groups(tokens), tuple(t.text for t in tokens)


@functools.lru_cache(maxsize=256)
def _patterns(ops) -> list:
    """The token patterns of ``ops``, longest first (shared: only read)."""
    return sorted(
        ((tuple(t.text for t in _tokenize(op, strict=False) if not t.text.isspace()), op) for op in ops),
        key=lambda pattern: -len(pattern[0]),
    )


def split_top_level(tex: str, ops: tuple[str, ...] = ("=",), *, keep_ops: bool = False) -> list[str]:
    r"""Split ``tex`` on operators that are not inside any group.

    Groups are braces, parentheses, brackets, ``\left...\right`` and
    ``\begin...\end`` environments.  Operators match whole tokens, so
    ``\cdot`` does not match ``\cdots``.  Pieces are stripped of whitespace;
    with ``keep_ops=True`` the matched operators are interleaved
    (``['a', '=', 'b']``).  Unbalanced input raises :class:`LatexAtomError`.
    """
    tokens, matches, texts = _grouped(tex)
    patterns = _patterns(ops) if isinstance(ops, tuple) else _patterns.__wrapped__(ops)
    if any(not pattern for pattern, _ in patterns):
        raise LatexAtomError("split_top_level needs non-empty operators")
    pieces: list[str] = []
    start, i = 0, 0
    while i < len(tokens):
        if i in matches:
            i = matches[i] + 1
            continue
        found = next((p for p in patterns if texts[i : i + len(p[0])] == p[0]), None)
        if found is None:
            i += 1
            continue
        pieces.append(tex[start : tokens[i].pos].strip())
        if keep_ops:
            pieces.append(found[1])
        i += len(found[0])
        start = tokens[i].pos if i < len(tokens) else len(tex)
    pieces.append(tex[start:].strip())
    return pieces


_reset_latex2sympy_state()
