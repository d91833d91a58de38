r"""The building blocks of :mod:`symbp.proofdoc.latex`'s proof documents: entries and matrices as
LaTeX, prose, and a document section as blocks (heading, directive, prose, equations)
rendered as LaTeX or Markdown.

Example::

    >>> import sympy as sp
    >>> tex(sp.Symbol("delta_{11}") / 4)
    '\\frac{\\delta_{11}}{4}'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from ..claims import Claim
from ..core.geometry import pair_text as _pair  # noqa: F401  (used by symbp.proofdoc.latex)
from ..core.ops import sigma
from ..core.proof import Proof
from ..core.regions import INDICATORS
from ..core.printing import count_text, shape_tex
from ..core.tensor import exact, latex_names

SHOWN = 6       # matrix rows / columns shown before the middle is elided
LISTED = 30     # entry equations listed before "… (k more)"
LINE = 86       # what a display line may hold, in the units of width()
PDF_TIMEOUT = 120

PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage{amsmath}
\usepackage{amssymb}
\usepackage[margin=2cm]{geometry}
\allowdisplaybreaks
% \mathbb{1} (a region indicator) as a bold 1: amssymb has no blackboard digits
\let\symbpmathbb\mathbb
\renewcommand{\mathbb}[1]{\ifx1#1\mathbf{1}\else\symbpmathbb{#1}\fi}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5\baselineskip}
"""


# --------------------------------------------------------------------------- printing

def tex(expr: sp.Basic, factor: bool = True) -> str:
    r"""LaTeX of one entry: Greek names as letters, σ'(z) as written, indicators readably.

    With ``factor``, common factors of a sum are pulled out (``\frac{a_{11} + a_{12}}{4}``).
    """
    expr = exact(expr)
    if factor and expr.is_Add:
        expr = sp.factor_terms(expr)
    stand_in = {}                   # σ'(z), σ(z) -> a symbol printed as written by hand
    for d in expr.atoms(sp.Derivative):
        if isinstance(d.expr, sigma) and d.variables == d.expr.args:
            stand_in[d] = (sp.Symbol(f"~σ'({d.variables[0]})"),
                           rf"\sigma'\left({tex(d.variables[0])}\right)")
    for f in expr.atoms(sigma):
        stand_in.setdefault(f, (sp.Symbol(f"~σ({f.args[0]})"), rf"\sigma\left({tex(f.args[0])}\right)"))
    expr = expr.xreplace({k: s for k, (s, _) in stand_in.items()})
    names = latex_names(expr) | dict(stand_in.values())
    names.update({s: INDICATORS[s].latex for s in expr.free_symbols if s in INDICATORS})
    return sp.latex(expr, symbol_names=names)


def short_tex(expr: sp.Expr, keep: int = 4) -> str:
    """An entry with the middle of a long sum elided (shown, never re-checked)."""
    terms = sp.Add.make_args(expr)
    if len(terms) <= keep:
        return tex(expr)
    ordered = sp.Add(*terms, evaluate=False).as_ordered_terms() if len(terms) < 500 else terms
    return elided_sum([tex(t, factor=False) for t in ordered], keep)


def elided_sum(terms: list[str], keep: int = 4) -> str:
    """LaTeX terms joined by +, the middle elided past ``keep`` terms."""
    count = len(terms)
    if count > keep:
        terms = terms[:keep - 1] + [r"\cdots", terms[-1]]
    out = terms[0] + "".join(f" {t}" if t.startswith("-") else f" + {t}" for t in terms[1:])
    return out + (rf"\quad ({count}\text{{ terms}})" if count > keep else "")


def width(latex: str) -> float:
    """Rough printed width of inline LaTeX, in average characters (scripts count less)."""
    s = re.sub(r"\\(?:left|right|,|;|!|quad|displaystyle)(?![A-Za-z])", "", latex)
    s = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: max(m.groups(), key=len), s)
    scripts = sum(len(re.sub(r"\\[A-Za-z]+", "x", m)) for m in re.findall(r"[_^]\{([^{}]*)\}", s))
    s = re.sub(r"[_^]\{[^{}]*\}|[_^].", "", s)
    s = re.sub(r"\\[A-Za-z]+", "x", s)
    s = re.sub(r"[{}\s]", "", s)
    return len(s) + s.count("+") + s.count("=") + 0.6 * scripts


@dataclass
class Matrix:
    """A 2-D array written as a bmatrix."""
    latex: str
    elided: bool
    width: float


def bmatrix(m: np.ndarray, shown: int = SHOWN) -> Matrix:
    """A 2-D array as a bmatrix, rows and columns past ``shown`` elided (⋯, ⋮, ⋱)."""
    def picked(n):
        return list(range(n)) if n <= shown else list(range(shown - 2)) + [None, n - 1]
    rows, cols = picked(m.shape[0]), picked(m.shape[1])
    grid = [[(r"\ddots" if i is None else r"\cdots") if j is None else
             (r"\vdots" if i is None else tex(m[i, j])) for j in cols] for i in rows]
    body = " \\\\\n".join(" & ".join(r) for r in grid)
    return Matrix(f"\\begin{{bmatrix}}\n{body}\n\\end{{bmatrix}}", None in rows + cols,
                  sum(max(width(r[k]) for r in grid) + 2 for k in range(len(cols))) + 1)


def dJ(x: str) -> str:
    return rf"\frac{{\partial J}}{{\partial {x}}}"


def _single(t: np.ndarray) -> bool:
    return t.ndim >= 2 and all(n == 1 for n in t.shape[:-2])


def _plane(t: np.ndarray) -> np.ndarray:
    return t.reshape(t.shape[-2:])


_n, _shape_tex = count_text, shape_tex          # (the names symbp.proofdoc.latex imports)


def prose_tex(text: str, known: dict[str, str] | None = None) -> str:
    """symbp's plain text (``∂J/∂W_{11} differs``, ``3x3``) as LaTeX prose with inline math.

    ``known`` maps phrases (a closed form's text) to their LaTeX.
    """
    known = known or {}
    for phrase in sorted(known, key=len, reverse=True):
        text = text.replace(phrase, f"\x00{phrase}\x00")
    out = []
    for word in re.split(r"(\x00[^\x00]*\x00|\s+)", text):
        if word.startswith("\x00"):
            out.append(f"${known[word.strip(chr(0))]}$")
        elif re.search(r"[∂δσ⊙Σ_^<>]|\d+x\d+", word):
            core = word.rstrip(",;:.)")
            out.append(f"${math_name(core)}${word[len(core):]}")
        else:
            out.append(re.sub(r"([%&#_$])", r"\\\1", word))
    return "".join(out)


def math_name(text: str) -> str:
    """A plain-text name or size (δ_{11}, σ'(z^{l-1}_{11}), 3x3) as LaTeX math."""
    for a, b in {"∂": r"\partial ", "δ": r"\delta", "σ": r"\sigma", "⊙": r"\odot ", "Σ": r"\Sigma ",
                 "->": r"\to "}.items():
        text = text.replace(a, b)
    return re.sub(r"(?<=\d)x(?=\d)", r" \\times ", text)


# --------------------------------------------------------------------------- the document

@dataclass
class Section:
    """One claim's part of the document: blocks of (kind, body), written by to_tex/to_markdown.

    kinds: heading, subheading, directive, prose (LaTeX text with $inline$ math),
    equations (rows (lhs, rhs): display equations ``symbp check`` re-checks),
    math (one displayed formula, not re-checked), steps (rows (lhs, rhs), not re-checked).
    """
    claim: Claim
    proof: Proof
    blocks: list[tuple[str, object]] = field(default_factory=list)

    def add(self, kind: str, body) -> None:
        self.blocks.append((kind, body))


def _tex_block(kind: str, body) -> str:
    if kind in ("heading", "subheading"):
        return f"\\{'sub' * (kind == 'subheading')}section*{{{body}}}"
    if kind == "directive":
        return f"% symbp: {body}"
    if kind == "prose":
        return body
    if kind == "math":
        return f"\\begin{{center}}\n$\\displaystyle {body}$\n\\end{{center}}"
    if kind == "steps":             # tabbing: aligned like align*, but no display math
        widest = max((lhs for lhs, _ in body), key=width)
        rows = " \\\\[1pt]\n".join(f"\\> ${lhs}$ \\> ${{}} = {rhs}$" for lhs, rhs in body)
        return f"\\begin{{tabbing}}\n\\hspace*{{2em}}\\=${widest}$\\ \\=\\kill\n{rows}\n\\end{{tabbing}}"
    if len(body) == 1:              # equations
        return f"\\[\n{body[0][0]} = {body[0][1]}\n\\]"
    rows = " \\\\\n".join(f"{lhs} &= {rhs}" for lhs, rhs in body)
    return f"\\begin{{align*}}\n{rows}\n\\end{{align*}}"


def _md_block(kind: str, body) -> str:
    if kind in ("heading", "subheading"):
        return f"{'###' if kind == 'subheading' else '##'} {markdown_prose(body)}"
    if kind == "directive":
        return f"<!-- symbp: {body} -->"
    if kind == "prose":
        return markdown_prose(body)
    if kind == "math":              # a fenced math block is displayed but never checked
        return f"```math\n{body}\n```"
    rows = " \\\\\n".join(f"{lhs} &= {rhs}" for lhs, rhs in body)
    if kind == "steps":
        return f"```math\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n```"
    if len(body) == 1:              # equations
        return f"$$\n{body[0][0]} = {body[0][1]}\n$$"
    return f"$$\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n$$"


def markdown_prose(text: str) -> str:
    """LaTeX prose as Markdown: bold, code, dots and escapes outside $math$."""
    pieces = re.split(r"(\$[^$]*\$)", " ".join(text.split()))
    for k in range(0, len(pieces), 2):
        p = re.sub(r"\\textbf\{([^{}]*)\}", r"**\1**", pieces[k])
        p = re.sub(r"\\texttt\{([^{}]*)\}", r"`\1`", p).replace("\\dots\\ ", "… ")
        pieces[k] = re.sub(r"\\([%&#_$])", r"\1", p)
    return "".join(pieces)
