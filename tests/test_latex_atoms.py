"""symbp.check.latex_atoms: atom parsing, refusals, the no-eval guarantee, fuzzing."""

import builtins
import os
import sys
import gc
import time

import latex2sympy2  # imported first on purpose: its import sets i, j -> I
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.parsing import sympy_parser

from symbp.check import latex_atoms
from symbp.check.latex_atoms import (
    LatexAtomError,
    normalize_symbol_name,
    parse_atom,
    split_top_level,
)

S = sympy.Symbol


def big_matrix(rows, cols, entry="1"):
    body = r" \\ ".join(" & ".join([entry] * cols) for _ in range(rows))
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


# ---------------------------------------------------------------------------
# matrices


def test_founding_document_matrix():
    assert parse_atom(r"\begin{bmatrix} 2 & 8 \\ 4 & 6 \end{bmatrix}") == sympy.Matrix([[2, 8], [4, 6]])


def test_decimal_entries_are_exact_rationals():
    tex = r"\begin{bmatrix} 0.5 & 0.5 & 2 & 2 \\ 1 & 1 & 1.5 & 1.5 \end{bmatrix}"
    half, three_halves = sympy.Rational(1, 2), sympy.Rational(3, 2)
    assert parse_atom(tex) == sympy.Matrix([[half, half, 2, 2], [1, 1, three_halves, three_halves]])


def test_symbolic_matrix_with_layer_superscripts():
    tex = r"\begin{bmatrix} a_{11}^l & a_{12}^l \\ a_{21}^l & a_{22}^l \end{bmatrix}"
    expected = sympy.Matrix([[S("a^{l}_{11}"), S("a^{l}_{12}")], [S("a^{l}_{21}"), S("a^{l}_{22}")]])
    assert parse_atom(tex) == expected


@pytest.mark.parametrize(
    "tex",
    [
        r"\begin{pmatrix} 1 & -2 \\ \frac{1}{2} & x \end{pmatrix}",
        r"\begin{matrix} 1 & -2 \\ \frac{1}{2} & x \end{matrix}",
        r"\begin{bmatrix} 1 & -2 \\ \frac{1}{2} & x \\ \end{bmatrix}",
        r"\left[\begin{matrix}1 & -2\\\frac{1}{2} & x\end{matrix}\right]",
    ],
)
def test_matrix_spellings(tex):
    assert parse_atom(tex) == sympy.Matrix([[1, -2], [sympy.Rational(1, 2), S("x")]])


def test_matrix_entries_are_expressions():
    tex = r"\begin{bmatrix} \delta_{11} w_{22} + 1 & \nabla a_{12} \end{bmatrix}"
    expected = sympy.Matrix([[S("delta_{11}") * S("w_{22}") + 1, S("nabla a_{12}")]])
    assert parse_atom(tex) == expected


@pytest.mark.parametrize(
    ("tex", "message"),
    [
        (r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", "matrix row 2 has 1 entries but row 1 has 2"),
        (r"\begin{bmatrix} 1 & \\ 3 & 4 \end{bmatrix}", "empty matrix entry at row 1, column 2"),
        (r"2 \begin{bmatrix} 1 \end{bmatrix}", "a matrix must be the whole atom"),
        (r"\begin{bmatrix} \begin{bmatrix} 1 \end{bmatrix} \end{bmatrix}", "nested matrices"),
        (r"\begin{vmatrix} 1 \end{vmatrix}", "unsupported environment 'vmatrix' at column 1"),
        (r"\begin{bmatrix} 1 & 2 \end{pmatrix}", "does not close"),
    ],
)
def test_matrix_refusals(tex, message):
    with pytest.raises(LatexAtomError, match=message):
        parse_atom(tex)


def test_huge_matrix_is_refused_quickly():
    tex = big_matrix(100, 100)
    gc.collect()                            # a full suite's garbage is not this refusal's work
    start = time.process_time()             # CPU time: bounded work, whatever else runs
    with pytest.raises(LatexAtomError, match="atom is 4.* characters long"):
        parse_atom(tex)
    with pytest.raises(LatexAtomError, match="matrix has more than 4096 entries"):
        parse_atom(tex, max_len=10**6)
    assert time.process_time() - start < 1.0


def test_matrix_at_the_entry_limit_parses():
    assert parse_atom(big_matrix(64, 64), max_len=10**6).shape == (64, 64)


# ---------------------------------------------------------------------------
# scalars and symbol names


def test_subscripted_symbols():
    a11, a12, w11, w12 = S("a_{11}"), S("a_{12}"), S("w_{11}"), S("w_{12}")
    assert parse_atom(r"a_{11} w_{11} + a_{12} w_{12}") == a11 * w11 + a12 * w12
    d11, d12 = S("delta_{11}"), S("delta_{12}")
    assert parse_atom(r"\delta_{12} \cdot w_{11} + \delta_{11} w_{12}") == d12 * w11 + d11 * w12


@pytest.mark.parametrize(
    ("tex", "name"),
    [
        ("a_1", "a_{1}"),
        ("a_{ 1 }", "a_{1}"),
        ("a_{1, 2}", "a_{1,2}"),
        (r"w^{l}_{12}", "w^{l}_{12}"),
        (r"w_{12}^l", "w^{l}_{12}"),
        (r"\delta^{L}_{u,v}", "delta^{L}_{u,v}"),
        (r"\delta_k^L", "delta^{L}_{k}"),
        (r"z^{L + 1}", "z^{L+1}"),
        (r"a^{(2)}", "a^{(2)}"),
        (r"\sigma'", "sigma'"),
        (r"\sigma^{\prime}", "sigma'"),
        (r"a''_{1}", "a''_{1}"),
        (r"\nabla a_{12}", "nabla a_{12}"),
        (r"x_{i+1,j}", "x_{i+1,j}"),
    ],
)
def test_symbol_names(tex, name):
    assert parse_atom(tex) == S(name)


@pytest.mark.parametrize("name", ["i", "j", "e", "I", "E", "pi"])
def test_letters_are_never_constants(name):
    tex = "\\pi" if name == "pi" else name
    assert parse_atom(tex) == S(name)


def test_the_globals_are_left_clean_when_the_parse_cache_answers():
    parse_atom("i + j")                        # the parse is cached from here on
    latex2sympy2.latex2latex("i=I")            # another caller dirties latex2sympy2's globals
    assert parse_atom("i + j") == S("i") + S("j")
    assert latex2sympy2.variances == {} and latex2sympy2.var == {}


def test_i_and_j_stay_plain_symbols_even_with_dirty_global_state():
    latex2sympy2.latex2latex("i=I")  # what latex2sympy2 does at import time
    result = parse_atom("i + j")
    assert result == S("i") + S("j")
    assert not result.has(sympy.I)
    assert latex2sympy2.VARIABLE_VALUES == {}
    assert latex2sympy2.variances == {} and latex2sympy2.var == {}


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"x^{2}", S("x") ** 2),
        (r"x^2", S("x") ** 2),
        (r"a^{-1}", 1 / S("a")),
        (r"(a+b)^{2}", (S("a") + S("b")) ** 2),
        (r"\frac{1}{2}", sympy.Rational(1, 2)),
        (r"\frac12", sympy.Rational(1, 2)),
        (r"\dfrac{a}{b}", S("a") / S("b")),
        (r"a \times b \cdot c / d", S("a") * S("b") * S("c") / S("d")),
        (r"a(1-a)", S("a") * (1 - S("a"))),
        (r"a_{1}(b)", S("a_{1}") * S("b")),
        (r"\left( a + b \right) c", (S("a") + S("b")) * S("c")),
        (r"[a + b]\,c", (S("a") + S("b")) * S("c")),
        (r"-3", sympy.Integer(-3)),
        (r"--a", S("a")),
        (r"2^3 4", sympy.Integer(32)),
        (r".25", sympy.Rational(1, 4)),
        (r"9" * 300, sympy.Integer("9" * 300)),
    ],
)
def test_scalar_expressions(tex, expected):
    assert parse_atom(tex) == expected


@pytest.mark.parametrize(
    ("tex", "message"),
    [
        ("a = b", r"^'=' is not allowed in an atom \(column 3\)"),
        (r"a \odot b", r"^'\\odot' is not allowed in an atom \(column 3\)"),
        ("a * b", r"^'\*' is not allowed in an atom \(column 3\)"),
        (r"\text{rot}", r"^unsupported macro '\\text' at column 1$"),
        (r"\operatorname{rot} a", r"^unsupported macro '\\operatorname' at column 1$"),
        (r"\mathit{a}", r"^unsupported macro '\\mathit' at column 1$"),
        (r"\variable{x}", r"^unsupported macro '\\variable' at column 1$"),
        (r"\frac{\partial J}{\partial z}", r"^unsupported macro '\\partial' at column 7$"),
        (r"\foo + 1", r"^unsupported macro '\\foo' at column 1$"),
        ("{a + b", r"^unclosed '\{' at column 1$"),
        ("a + b}", r"^unbalanced '\}' at column 6$"),
        ("(a + b]", r"^'\]' at column 7 does not close '\(' from column 1$"),
        (r"\left( a", r"^unclosed '\\left\(' at column 1$"),
        ("a \\", r"^stray backslash at column 3$"),
        ("5\\%", r"^unsupported macro '\\%' at column 2$"),
        ("x:=3", r"^unsupported character ':' at column 2$"),
        ("a | b", r"^unsupported character '\|' at column 3$"),
        ("a,b", r"^',' is only allowed inside subscripts \(column 2\)$"),
        ("a & b", r"^'&' is only allowed inside a matrix \(column 3\)$"),
        ("1 2", "^digits separated by whitespace at column 3$"),
        ("1.5.3", "^malformed number '1.5.3' at column 1$"),
        (r"\frac{1}{0}", "^division by zero"),
        (r"9^{9^{9}}", "^number too large"),
        (r"\sigma(z)", r"looks like a function application"),
        (r"\frac{dJ}{d z^{l}}", r"^'\\frac' at column 1 looks like a derivative"),
        (r"2E3", r"^number after 'E' at column 3 is ambiguous"),
        (r"a^{2} 3", r"^number after 'a' at column 7 is ambiguous"),
        (r"\sigma'(z^{L+1})", r"looks like a function application"),
        ("a^{b}_{c}^{d}", "^double superscript on 'a\\^\\{b\\}_\\{c\\}' at column 10$"),
        ("a_1_2", "^double subscript on 'a_\\{1\\}' at column 4$"),
        ("_1", "^subscript without a symbol at column 1$"),
        ("a^{}", "^empty superscript at column 2$"),
        ("", "^empty atom$"),
        ("+", "^cannot parse expression at column 1: unexpected end of input$"),
        ("^2", "^cannot parse expression at column 1: unexpected '\\^'$"),
        ("(a+b)^{T}", "^transpose '\\^T' at column 6 is not supported in an atom$"),
    ],
)
def test_refusals_name_the_problem(tex, message):
    with pytest.raises(LatexAtomError, match=message) as info:
        parse_atom(tex)
    assert "\n" not in str(info.value)


def test_length_and_depth_limits():
    with pytest.raises(LatexAtomError, match=r"^atom is 11 characters long \(limit 10\)$"):
        parse_atom("a+b+c+d+e+f", max_len=10)
    assert parse_atom("(" * 50 + "a" + ")" * 50) == S("a")
    with pytest.raises(LatexAtomError, match="^nesting deeper than 50 levels at column 51$"):
        parse_atom("(" * 51 + "a" + ")" * 51)
    assert parse_atom("a^{b^{c^{2}}}") == S("a") ** S("b") ** S("c") ** 2
    with pytest.raises(LatexAtomError, match="superscripts nested deeper than 3 levels"):
        parse_atom("a^{a^{a^{a^{2}}}}")


def test_symbol_families_behave_alike():
    """Beyond 47 symbols the placeholders switch to Greek and a_0 forms."""
    names = [f"x_{{{k},{k}}}" for k in range(100)]
    tex = " + ".join(f"2 {name}^{{2}} (1 + {name})" for name in names)
    expected = sum(2 * S(name) ** 2 * (1 + S(name)) for name in names)
    assert sympy.expand(parse_atom(tex, max_len=10**5) - expected) == 0


def test_too_many_distinct_symbols():
    tex = " + ".join(f"x_{{{k}}}" for k in range(300))
    with pytest.raises(LatexAtomError, match="more than 256 distinct symbols"):
        parse_atom(tex, max_len=10**5)


def test_nothing_is_printed(capfd):
    for tex in ["+", "a + ", "()", r"\frac{1}", "1 ^", r"\begin{bmatrix} + \end{bmatrix}"]:
        with pytest.raises(LatexAtomError):
            parse_atom(tex)
    assert capfd.readouterr() == ("", "")


# ---------------------------------------------------------------------------
# no eval


@pytest.fixture
def eval_tripwires(monkeypatch):
    """Record (and refuse) every route from a string to Python code."""
    calls = []

    def tripwire(name):
        def refuse(*args, **kwargs):
            calls.append((name, args))
            raise AssertionError(f"{name} called")

        return refuse

    def string_guard(name, original):
        def guarded(value, *args, **kwargs):
            if isinstance(value, str):
                calls.append((name, value))
                raise AssertionError(f"{name} called on a string")
            return original(value, *args, **kwargs)

        return guarded

    for module, name in [
        (latex2sympy2, "parse_expr"),
        (sympy_parser, "parse_expr"),
        (sympy_parser, "eval_expr"),
        (sympy, "lambdify"),
        (builtins, "eval"),
        (builtins, "exec"),
        (os, "system"),
    ]:
        monkeypatch.setattr(module, name, tripwire(f"{module.__name__}.{name}"))
    monkeypatch.setattr(sympy, "sympify", string_guard("sympy.sympify", sympy.sympify))
    sympify_module = sys.modules["sympy.core.sympify"]
    monkeypatch.setattr(sympify_module, "sympify", string_guard("sympify", sympify_module.sympify))
    latex_atoms._parsed_tree.cache_clear()
    yield calls
    latex_atoms._parsed_tree.cache_clear()


ACCEPTED = {
    r"\begin{bmatrix} 2 & 8 \\ 4 & 6 \end{bmatrix}": sympy.Matrix([[2, 8], [4, 6]]),
    r"a_{11} w_{11} + \frac{1}{2}": S("a_{11}") * S("w_{11}") + sympy.Rational(1, 2),
    r"\delta^{L}_{u,v} \cdot 0.5": S("delta^{L}_{u,v}") / 2,
    r"w^{l}_{12} (1 - x)^{3}": S("w^{l}_{12}") * (1 - S("x")) ** 3,
    "a_{os}": S("a_{os}"),
    "e^{2} + i + j + I": S("e") ** 2 + S("i") + S("j") + S("I"),
    "1.5 - 2^{10}": sympy.Rational(3, 2) - 1024,
}
REFUSED = [
    "__import__('os')",
    "a_{__class__}",
    r"a_{__import__('os').system('true')}",
    r"\mathit{__import__}",
    r"\variable{x}",
    r"\text{__import__('os')}",
    r"\operatorname{eye}(2)",
    "1,000",
    "2E3",
    "5\\%",
    "x = y",
    "x+1 = y",
    r"x \in y",
    r"\frac{d}{dx} x",
]


def test_no_string_ever_reaches_eval(eval_tripwires):
    for tex, expected in ACCEPTED.items():
        assert parse_atom(tex) == expected
    for tex in REFUSED:
        with pytest.raises(LatexAtomError):
            parse_atom(tex)
    assert eval_tripwires == []


def test_dangerous_inputs_are_refused_before_latex2sympy(monkeypatch):
    """Inputs that reach latex2sympy2's eval/assignment paths never get to its parser."""
    reached = []
    monkeypatch.setattr(latex_atoms, "PSLexer", lambda *a: reached.append(a) or pytest.fail("lexer reached"))
    latex_atoms._parsed_tree.cache_clear()
    for tex in REFUSED:
        with pytest.raises(LatexAtomError):
            parse_atom(tex)
    assert reached == []


def test_crafted_names_stay_inert():
    result = parse_atom("a_{os} + a_{exec}")
    assert result == S("a_{os}") + S("a_{exec}")
    assert all(type(symbol) is sympy.Symbol for symbol in result.free_symbols)


# ---------------------------------------------------------------------------
# normalize_symbol_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a^{l}_{12}", ("a", "l", (1, 2))),
        (r"\delta_{u,v}", ("delta", None, ("u", "v"))),
        ("w_{1,2}", ("w", None, (1, 2))),
        ("a_{112}", ("a", None, (1, 1, 2))),
        ("a_{10,2}", ("a", None, (10, 2))),
        ("delta^{L}_{u,v}", ("delta", "L", ("u", "v"))),
        (r"\delta^{L}_{u,v}", ("delta", "L", ("u", "v"))),
        ("a_{11}^l", ("a", "l", (1, 1))),
        ("z^{L+1}", ("z", "L+1", ())),
        ("x_{i+1,j}", ("x", None, ("i+1", "j"))),
        ("sigma'", ("sigma'", None, ())),
        ("nabla a_{11}", ("nabla a", None, (1, 1))),
        (r"\nabla a_{11}", ("nabla a", None, (1, 1))),
        ("x", ("x", None, ())),
    ],
)
def test_normalize_symbol_name(name, expected):
    assert normalize_symbol_name(name) == expected


@pytest.mark.parametrize(
    "tex", [r"a_{11}^l", r"\delta^{L}_{u,v}", r"\sigma'", r"\nabla w^{(2)}_{1,2}", "x_{i+1,j}"]
)
def test_parsed_names_round_trip(tex):
    (symbol,) = parse_atom(tex).free_symbols
    assert normalize_symbol_name(symbol.name) == normalize_symbol_name(tex)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a^{2}", "has an exponent"),
        ("ab", "is not a single symbol name"),
        ("2", "is not a symbol name"),
        ("a_{__class__}", "unsupported subscript"),
        ("__import__('os')", "is not a symbol name"),
    ],
)
def test_normalize_symbol_name_refusals(name, message):
    with pytest.raises(LatexAtomError, match=message):
        normalize_symbol_name(name)


# ---------------------------------------------------------------------------
# split_top_level


def test_split_chained_equation():
    assert split_top_level(r"x = y = z") == ["x", "y", "z"]


def test_split_ignores_nested_operators():
    tex = r"x = \begin{bmatrix} a = b \end{bmatrix} = \frac{a=b}{c} = \left( p = q \right) = (r = s)"
    assert split_top_level(tex) == ["x", r"\begin{bmatrix} a = b \end{bmatrix}", r"\frac{a=b}{c}",
                                    r"\left( p = q \right)", "(r = s)"]


def test_split_on_several_operators_keeping_them():
    tex = r"\delta^{L+1} = \delta^L * \text{rot } 180(w^L) \odot \sigma'(z^{L+1})"
    assert split_top_level(tex, ("=", "*", r"\odot"), keep_ops=True) == [
        r"\delta^{L+1}", "=", r"\delta^L", "*", r"\text{rot } 180(w^L)", r"\odot", r"\sigma'(z^{L+1})"
    ]


def test_split_matches_whole_macros_and_keeps_empty_pieces():
    assert split_top_level(r"a \cdots b \cdot c", (r"\cdot",)) == [r"a \cdots b", "c"]
    assert split_top_level(r"= \delta^L", ("=",)) == ["", r"\delta^L"]


def test_split_refuses_unbalanced_input():
    with pytest.raises(LatexAtomError, match="unclosed '{' at column 5"):
        split_top_level("a = {b")


# ---------------------------------------------------------------------------
# fuzzing

SNIPPETS = [
    "a", "b", "i", "j", "e", "E", "I", "d", "x", "0", "1", "2", "9", ".", " ", "+", "-", "/", "^", "_",
    "{", "}", "(", ")", "[", "]", "&", ",", "'", "=", "*", "|", "%", "$", "~", "\\", "\\\\",
    r"\frac", r"\cdot", r"\times", r"\left(", r"\right)", r"\left", r"\right", r"\delta", r"\sigma",
    r"\pi", r"\prime", r"\nabla", r"\odot", r"\text", r"\,", r"\quad", r"\begin{bmatrix}",
    r"\end{bmatrix}", r"\begin{pmatrix}", r"\end{matrix}", r"\variable", "_{11}", "^{l}", "^{2}",
]
latexish = st.lists(st.sampled_from(SNIPPETS), max_size=24).map("".join)
fuzz = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def _plain(result):
    atoms = result.atoms() if isinstance(result, sympy.Basic) else set().union(*(e.atoms() for e in result))
    return all(isinstance(atom, (sympy.Symbol, sympy.Rational)) for atom in atoms)


@fuzz
@given(latexish)
def test_fuzz_parse_atom(tex):
    try:
        result = parse_atom(tex)
    except LatexAtomError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, (sympy.Expr, sympy.MatrixBase))
        assert _plain(result)


LEAVES = [
    ("a", S("a")),
    ("x_{1}", S("x_{1}")),
    (r"\delta^{l}_{2,1}", S("delta^{l}_{2,1}")),
    ("w^{L+1}_{12}", S("w^{L+1}_{12}")),
    (r"\sigma'", S("sigma'")),
    ("i", S("i")),
    ("e", S("e")),
    ("2", sympy.Integer(2)),
    ("0.5", sympy.Rational(1, 2)),
]


def _combine(inner):
    def binary(op, fn):
        return st.tuples(inner, inner).map(lambda p: (f"({p[0][0]}){op}({p[1][0]})", fn(p[0][1], p[1][1])))

    return st.one_of(
        binary(" + ", lambda x, y: x + y),
        binary(" - ", lambda x, y: x - y),
        binary(r" \cdot ", lambda x, y: x * y),
        binary(r" \times ", lambda x, y: x * y),
        binary("", lambda x, y: x * y),
        st.tuples(inner, inner).map(lambda p: (rf"\frac{{{p[0][0]}}}{{{p[1][0]}}}", p[0][1] / p[1][1])),
        inner.map(lambda p: (f"({p[0]})^{{2}}", p[1] ** 2)),
        inner.map(lambda p: (f"-({p[0]})", -p[1])),
    )


expressions = st.recursive(st.sampled_from(LEAVES), _combine, max_leaves=6)


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_fuzz_well_formed_expressions_have_the_right_value(case):
    tex, expected = case
    if expected.has(sympy.zoo, sympy.nan):
        with pytest.raises(LatexAtomError, match="division by zero"):
            parse_atom(tex)
    else:
        assert sympy.cancel(parse_atom(tex) - expected) == 0


@fuzz
@given(st.text(alphabet="ab12 +-^_{}()\\=&,'", max_size=30))
def test_fuzz_parse_atom_raw_characters(tex):
    try:
        parse_atom(tex)
    except LatexAtomError:
        pass


@fuzz
@given(latexish, st.sampled_from([("=",), ("=", r"\odot", "*"), (r"\cdot", "+")]))
def test_fuzz_split_top_level(tex, ops):
    try:
        pieces = split_top_level(tex, ops, keep_ops=True)
    except LatexAtomError:
        return
    assert len(pieces) % 2 == 1


@fuzz
@given(latexish)
def test_fuzz_normalize_symbol_name(name):
    try:
        base, label, indices = normalize_symbol_name(name)
    except LatexAtomError:
        return
    assert isinstance(base, str) and isinstance(indices, tuple)
