r"""Typst math's names and shorthands, and the LaTeX each is written as (for
:mod:`symbp.check.typst_math`): symbols (``partial`` ``\partial``, ``dot.circle`` ``\odot``,
``arrow.r.double`` ``\Rightarrow``), operators (``exp`` ``\exp``, ``tr`` ``\operatorname{tr}``),
styles (``bold(x)`` ``\mathbf{x}``) and functions (``frac(a, b)`` ``\frac{a}{b}``).

    >>> SYMBOLS["dot.o"], OPERATORS["tr"], FUNCTIONS["frac"](["a", "b"], {})
    ('\\odot', '\\operatorname{tr}', '\\frac{a}{b}')
"""
from __future__ import annotations

_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
          "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()
_GREEK_PLAIN = {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I", "Kappa": "K",
                "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X", "omicron": "o"}

SYMBOLS: dict[str, str] = {
    **{g: "\\" + g for g in _GREEK}, **_GREEK_PLAIN,
    "epsilon.alt": r"\varepsilon", "phi.alt": r"\varphi", "theta.alt": r"\vartheta", "sigma.alt": r"\varsigma",
    "rho.alt": r"\varrho", "pi.alt": r"\varpi", "kappa.alt": r"\varkappa",
    "partial": r"\partial", "diff": r"\partial", "nabla": r"\nabla", "dif": "d", "Dif": "D",
    "sum": r"\sum", "product": r"\prod", "prod": r"\prod", "integral": r"\int", "infinity": r"\infty", "oo": r"\infty",
    "dot": r"\cdot", "dot.op": r"\cdot", "dot.c": r"\cdot", "times": r"\times", "times.big": r"\times",
    "dot.circle": r"\odot", "dot.o": r"\odot", "circle.dot": r"\odot", "times.circle": r"\otimes",
    "times.o": r"\otimes", "plus.circle": r"\oplus", "plus.o": r"\oplus", "ast": "*", "ast.op": "*",
    "convolve": "*", "star": r"\star", "star.op": r"\star", "circle.small": r"\circ", "compose": r"\circ",
    "plus": "+", "minus": "-", "plus.minus": r"\pm", "minus.plus": r"\mp", "div": r"\div", "slash": "/",
    "top": r"\top", "bot": r"\bot", "dagger": r"\dagger", "ell": r"\ell", "emptyset": r"\emptyset",
    "eq": "=", "eq.not": r"\ne", "lt": "<", "gt": ">", "lt.eq": r"\le", "gt.eq": r"\ge", "approx": r"\approx",
    "equiv": r"\equiv", "eq.triple": r"\equiv", "eq.def": ":=", "colon.eq": ":=", "prop": r"\propto",
    "tilde.op": r"\sim", "in": r"\in", "in.not": r"\notin", "subset": r"\subset", "subset.eq": r"\subseteq",
    "supset": r"\supset", "union": r"\cup", "sect": r"\cap", "forall": r"\forall", "exists": r"\exists",
    "and": r"\land", "or": r"\lor", "not": r"\neg", "colon": ":", "comma": ",", "bar.v": "|",
    "bar.v.double": r"\|", "prime": "'", "percent": r"\%",
    "dots": r"\ldots", "dots.h": r"\ldots", "dots.c": r"\cdots", "dots.h.c": r"\cdots", "dots.v": r"\vdots",
    "dots.down": r"\ddots", "dots.up": r"\ddots",
    "arrow.r": r"\rightarrow", "arrow.l": r"\leftarrow", "arrow.l.r": r"\leftrightarrow",
    "arrow.r.double": r"\Rightarrow", "arrow.l.double": r"\Leftarrow", "arrow.l.r.double": r"\Leftrightarrow",
    "arrow.r.long": r"\longrightarrow", "arrow.r.double.long": r"\Longrightarrow",
    "arrow.l.r.double.long": r"\Longleftrightarrow", "arrow.r.bar": r"\mapsto", "implies": r"\Rightarrow",
    "iff": r"\Leftrightarrow", "therefore": r"\therefore", "because": r"\because",
    "quad": r"\quad", "wide": r"\qquad", "thick": r"\;", "med": r"\:", "thin": r"\,", "space": r"\ ",
    "zws": "", "NN": r"\mathbb{N}", "ZZ": r"\mathbb{Z}", "QQ": r"\mathbb{Q}", "RR": r"\mathbb{R}", "CC": r"\mathbb{C}",
    "∂": r"\partial", "·": r"\cdot", "⋅": r"\cdot", "×": r"\times", "⊙": r"\odot", "∑": r"\sum", "∇": r"\nabla",
    "−": "-", "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "∘": r"\circ", "⊗": r"\otimes", "→": r"\rightarrow",
    "⇒": r"\Rightarrow", "⟺": r"\Longleftrightarrow", "⇔": r"\Leftrightarrow", "…": r"\ldots", "⋯": r"\cdots",
}

SHORTHANDS: dict[str, str] = {
    "->": r"\to", "-->": r"\longrightarrow", "=>": r"\Rightarrow", "==>": r"\Longrightarrow",
    "<=>": r"\Leftrightarrow", "<==>": r"\Longleftrightarrow", "<-": r"\leftarrow", "<--": r"\longleftarrow",
    "<==": r"\Longleftarrow", "|->": r"\mapsto", "<=": r"\le", ">=": r"\ge", "!=": r"\ne", ":=": ":=",
    "...": r"\ldots", "<<": r"\ll", ">>": r"\gg", "||": r"\|", "~": r"\sim",
}

_LATEX_OPERATORS = set("arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim "
                       "liminf limsup ln log max min Pr sec sin sinh sup tan tanh".split())
OPERATORS: dict[str, str] = {
    name: ("\\" + name if name in _LATEX_OPERATORS else r"\operatorname{" + name + "}")
    for name in ("arccos arcsin arctan arg cos cosh cot coth csc csch ctg deg det dim exp gcd lcm hom id im "
                 "inf ker lg lim liminf limsup ln log max min mod Pr sec sech sin sinc sinh sup tan tanh tg "
                 "tr").split()}

STYLES: dict[str, str] = {
    "bold": r"\mathbf{{{}}}", "cal": r"\mathcal{{{}}}", "upright": r"\mathrm{{{}}}", "italic": r"\mathit{{{}}}",
    "bb": r"\mathbb{{{}}}", "frak": r"\mathfrak{{{}}}", "sans": r"\mathsf{{{}}}", "mono": r"\mathtt{{{}}}",
    "scr": r"\mathscr{{{}}}", "serif": "{}",
}


class ArgumentCount(ValueError):
    """A Typst function called with another number of arguments than it takes."""


def _n(count: int, template: str):
    def write(parts: list[str], named: dict[str, str]) -> str:
        if len(parts) != count:
            raise ArgumentCount(f"{len(parts)} arguments where {count} are taken")
        return template.format(*parts)
    return write


def _content(parts: list[str], named: dict[str, str]) -> str:
    return " ".join(parts)


def _operator(parts: list[str], named: dict[str, str]) -> str:
    if len(parts) != 1:
        raise ArgumentCount(f"{len(parts)} arguments where 1 is taken")
    body = parts[0]
    if body.startswith(r"\text{") and body.endswith("}") and body.count("{") == 1:
        body = body[6:-1]
    return r"\operatorname{" + body + "}"


def _brace(kind: str, mark: str):
    def write(parts: list[str], named: dict[str, str]) -> str:
        if len(parts) not in (1, 2):
            raise ArgumentCount(f"{len(parts)} arguments where 1 or 2 are taken")
        note = f"{mark}{{{parts[1]}}}" if len(parts) == 2 else ""
        return f"\\{kind}{{{parts[0]}}}{note}"
    return write


def _attach(parts: list[str], named: dict[str, str]) -> str:
    if len(parts) != 1 or set(named) - {"t", "b", "tr", "br"}:
        raise ArgumentCount("attach(…) other than a base with t:, b:, tr:, br:")
    out = parts[0]
    for key, mark in (("b", "_"), ("br", "_"), ("t", "^"), ("tr", "^")):
        if key in named:
            out += f"{mark}{{{named[key]}}}"
    return out


FUNCTIONS = {
    "frac": _n(2, r"\frac{{{}}}{{{}}}"), "binom": _n(2, r"\binom{{{}}}{{{}}}"), "sqrt": _n(1, r"\sqrt{{{}}}"),
    "root": _n(2, r"\sqrt[{}]{{{}}}"), "abs": _n(1, r"\left| {} \right|"), "norm": _n(1, r"\left\| {} \right\|"),
    "floor": _n(1, r"\lfloor {} \rfloor"), "ceil": _n(1, r"\lceil {} \rceil"), "hat": _n(1, r"\hat{{{}}}"),
    "tilde": _n(1, r"\tilde{{{}}}"), "macron": _n(1, r"\bar{{{}}}"), "overline": _n(1, r"\overline{{{}}}"),
    "underline": _n(1, r"\underline{{{}}}"), "arrow": _n(1, r"\vec{{{}}}"), "dot": _n(1, r"\dot{{{}}}"),
    "dot.double": _n(1, r"\ddot{{{}}}"), "cancel": _n(1, r"\cancel{{{}}}"), "text": _content, "op": _operator,
    "display": _content, "inline": _content, "script": _content, "sscript": _content, "limits": _content,
    "scripts": _content, "stretch": _content, "lr": _content, "mid": _content,
    "underbrace": _brace("underbrace", "_"), "overbrace": _brace("overbrace", "^"),
    "underbracket": _brace("underbrace", "_"), "overbracket": _brace("overbrace", "^"), "attach": _attach,
    "mat": None, "vec": None, "cases": None,
}
