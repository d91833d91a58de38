r"""The rows and sides of a display as the scalar-layer reader (:mod:`symbp.check.calc_graph`)
reads them: ``A = B = C`` split at its top-level ``=``, equation wrappers and labels dropped,
an ``aligned`` display's rows, and every row parsed.

>>> split_sides(r"L = \frac{1}{2}(y - a)^2 = \sum_i e_i")
['L ', ' \\frac{1}{2}(y - a)^2 ', ' \\sum_i e_i']
"""
from __future__ import annotations

import re

from .calc_parse import CalcParseError, parse_expression
from .calc_prose import PROSE_LABEL, ROW_LABEL
from .calc_tree import bind_names, free_letters, kinds_in, names_in, refs
from .declared_arrays import declared_arrays, names_array
from .display_braces import matching
from .equation_rows import joins_by_arrow, split_rows
from .numeric_sides import written_value

TRAILING = re.compile(r",?\s*(?:\\q?quad|\\[,;]|~)+\s*(?:\\text\{\s*(?:if|for|when)\s*\}\s*)?"
                      r"([a-z])\s*(=|\\neq|\\ne)\s*([a-z])\s*[.,]?\s*$")   # …, \quad i = j: a display's condition


def split_sides(latex: str) -> list[str]:
    """The sides of ``A = B = C`` at top-level ``=`` (not inside braces or parentheses), and at
    ``\approx`` before a side made only of numbers (a worked example's rounded value)."""
    sides, depth, start = [], 0, 0
    for k, ch in enumerate(latex):
        if latex.startswith("\\begin{", k):
            depth += 1
        elif latex.startswith("\\end{", k):
            depth -= 1
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == "=" and depth == 0 and latex[k - 1:k] not in ("\\", "<", ">", "!"):
            sides.append(latex[start:k])
            start = k + 1
    sides.append(latex[start:])
    out = []
    for side in sides:               # … = 0.577 \cdot (1 - 0.577) \approx 0.244: a rounded value
        parts = re.split(r"\\approx(?![A-Za-z])|≈", side)
        out += parts if len(parts) > 1 and all(written_value(p) is not None for p in parts[1:]) else [side]
    return out


# an arrow before a row's first side, "\to\quad s = (σ^2 + ε)^{-1/2}", "\Rightarrow \frac{∂L}{∂σ^2} = …": the step after the
# row above, the row itself read as written
_LEADING_ARROW = re.compile(r"^\s*(?:\\q?quad\s*|\\[,;: ]\s*)*\\(?:to|rightarrow|Rightarrow|longrightarrow|Longrightarrow|implies|therefore)"
                            r"(?![A-Za-z])(?:\s|\\q?quad(?![A-Za-z])|\\[,;: ])*")
_WRAPPER = re.compile(r"\\(?:begin|end)\{(?:equation|gather|multline)\*?\}|\\label\{[^{}]*\}|\\nonumber"
                      r"|\\notag|\\tag\{[^{}]*\}")
_BOLD_LETTER = r"\\(?:mathbf|boldsymbol|bold|vec|bm)\s*(?:\{\s*[A-Za-z]\s*\}|\s[A-Za-z](?![A-Za-z]))"
_ARGUMENT = (r"(?:\\(?:hat|tilde|bar)\s*(?:\{\s*(?:" + _BOLD_LETTER + r"|\\?[A-Za-z]+)\s*\}|\\?[A-Za-z]+)|" + _BOLD_LETTER +
             r"|\\(?:theta|alpha|beta|omega|phi)(?![A-Za-z])|[A-Za-z](?![A-Za-z]))(?:\s*[_^]\s*(?:\{[^{}]{0,20}\}|\w)){0,2}")   # a, a^{[3]}, \hat y
_ARGUMENTS = r"\s*(?:\\left\s*)?\(\s*" + _ARGUMENT + r"(?:\s*,\s*" + _ARGUMENT + r")*\s*(?:\\right\s*)?\)"
_LOSS_NAME = r"[A-Z]|\\ell|\\mathcal\s*\{\s*[A-Z]\s*\}|\\mathcal\s+[A-Z]"
_FUNCTION_LHS = re.compile(r"^\s*(" + _LOSS_NAME + ")" + _ARGUMENTS + r"\s*(?==)")


# a loss written as a function of the parameters, E_{n}(\mathbf{w}), J(\theta), L(W, b): the loss itself
_PARAMETER = r"(?:\\(?:mathbf|boldsymbol|bold|bm|vec)\s*\{\s*(?:w|W|\\theta)\s*\}|\{\s*\\bf\s+(?:w|W)\s*\}|w|W|b|\\theta)"
_PARAMETERS_CALL = re.compile(r"(?<![\\A-Za-z])([A-Z](?:\s*_\s*(?:\{[^{}]{1,12}\}|\w))?)\s*\(\s*" + _PARAMETER +
                              r"(?:\s*,\s*" + _PARAMETER + r")*\s*\)")


# a shape noted after the row, "\quad \text{(shape: N×D)}": a remark, not a factor
SHAPE_NOTE = re.compile(r"\\q?quad\s*\\text\s*\{\s*\(?\s*(?:shape|size|dim(?:ension)?s?|形状|维度|尺寸|大小)\s*[:：]?\s*\(?\s*"
                        r"[A-Za-z0-9]{1,3}(?:\s*(?:×|\\times|x|,)\s*[A-Za-z0-9]{1,3})*\s*,?\s*\)?\s*\)?\s*\}\s*$", re.I)

#: an index range noted after a row that is the whole axis, ``\quad (i = 1, 2, \ldots, n)``, ``, \ i = 0, \dots, K-1``,
#: ``\quad i \in \{1, \dots, K\}``: what every entry claim means already (a range that starts later or ends
#: sooner, ``i = 2, \ldots, n``, stays, and the row is then not read)
_DOTS = r"(?:\\[lc]?dots|\\dotsc|…|\.\.\.)"
INDEX_RANGE_NOTE = re.compile(
    r"(?:\s*(?:,|\\q?quad|\\[,; ]|~))+\s*(?:\\text\s*\{\s*(?:for|with)\s*\}\s*)?(?:\(\s*)?"
    r"(?:([a-z])\s*=\s*(?:1\s*,\s*(?:2\s*,\s*)?" + _DOTS + r"\s*,\s*[A-Za-z]|0\s*,\s*(?:1\s*,\s*)?" + _DOTS +
    r"\s*,\s*[A-Za-z]\s*-\s*1)|([a-z])\s*\\in\s*\\\{\s*1\s*,\s*(?:2\s*,\s*)?" + _DOTS + r"\s*,\s*[A-Za-z]\s*\\\})"
    r"\s*\)?\s*[.,]?\s*$")


def clean_row(latex: str) -> str:
    """A row without equation wrappers, labels, a shape noted after it and its closing punctuation;
    ``L(\\mathbf{p}) =`` and ``L(\\hat y, y) =`` read as ``L =`` (a call of L with those arguments elsewhere:
    :func:`symbp.check.calc_calls.uncall`); an arrow before the row's first side dropped.

    >>> clean_row(r"\\quad\\to\\quad s = (v + e)^{-1/2},")
    's = (v + e)^{-1/2}'
    """
    text = INDEX_RANGE_NOTE.sub("", SHAPE_NOTE.sub("", _WRAPPER.sub(" ", latex).strip()).strip())
    text = re.sub(r"(?:\\[,;!]|\s)*[.,;]\s*$", "", text)
    text = _LEADING_ARROW.sub("", text)            # \to\quad d_i = h_i - μ: the next step, a row of its own
    text = assignment(text)                        # μ_B \leftarrow \frac{1}{m} \sum_i x_i: an algorithm's step
    text = PROSE_LABEL.sub("", text)               # 算上Batch后： = …: a label in words
    text = _let_remark(text)[0] if _LET.search(text) else text     # … \boldsymbol{(\text{Let } \frac{1}{\sqrt{v}} = t)}
    text = _PARAMETERS_CALL.sub(lambda m: m.group(1) + " ", text) if "(" in text else text   # E_n(w): E_n
    return _FUNCTION_LHS.sub(lambda m: m.group(1) + " ", text)


# an assignment in an algorithm box, μ_B \leftarrow …, \hat{x}_i \gets …, y := …, y \stackrel{def}{=} …: the name defined
# (never an update, w ← w - η g)
_ASSIGN = re.compile(r"\\(?:leftarrow|gets|longleftarrow|coloneqq|triangleq|doteq)(?![A-Za-z])|[←≜≐]|:=|"
                     r"\\(?:stackrel|overset)\s*\{\s*(?:def|\\text\s*\{\s*def\s*\}|\\mathrm\s*\{\s*def\s*\}|\\Delta)\s*\}\s*\{\s*=\s*\}")


def assignment(row: str) -> str:
    r"""``row`` with its one assignment mark read as ``=`` where the name it sets is not on its right (an update,
    ``w \leftarrow w - \eta g``, ``L := L + …``, stays as written).

    >>> assignment(r"\mu_B \leftarrow \frac{1}{m} \sum_{i=1}^m x_i"), assignment(r"w \leftarrow w - \eta g")
    ('\\mu_B = \\frac{1}{m} \\sum_{i=1}^m x_i', 'w \\leftarrow w - \\eta g')
    """
    marks = list(_ASSIGN.finditer(row))
    if len(marks) != 1 or len(split_sides(row[:marks[0].start()])) > 1 or len(split_sides(row[marks[0].end():])) > 1:
        return row
    head, rest = row[:marks[0].start()], row[marks[0].end():]
    plain = re.sub(r"[\s{}]", "", head)
    if not plain or plain in re.sub(r"[\s{}]", "", rest):
        return row
    return head.rstrip() + " = " + rest.lstrip()


# an expectation or a variance written as an operator: E[x], \mathbb{E}[x], \operatorname{Var}[x], \text{Var}(x)
_EXPECTATION = re.compile(r"(?:(?<![\\A-Za-z])E|\\mathbb\s*\{?\s*E\s*\}?|\\(?:operatorname|text|mathrm)\s*\{\s*(?:E|Var|var|Cov)\s*\}"
                          r"|(?<![\\A-Za-z])Var)\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?(?:\\(?:big|Big|bigg|Bigg|left)l?\s*)?[\[(]")


# a letter applied to one entry, ``p(y_j)``, ``q(z^l_j)``, ``f(x_i)``: a function of it, not the product the parser reads
_APPLIED = re.compile(r"(?<![\\A-Za-z])[a-z]\s*\(\s*[A-Za-z](?:\^\{?[^{}()]{1,6}\}?)?_\{?[a-z]\}?\s*\)")


def forward_sides(row: str, convolving: bool) -> tuple:
    r"""(the sides of a row the scalar reader may take as a forward definition, or None; the names a row written
    with an expectation defines, ``\hat{x} = (x - E[x]) / …``, which are then no forward either): None for a
    convolution ``X * W`` on a convolution's page, a worked example's value ``w_1 = 0.15``, an expectation's row.

    >>> forward_sides("w_1 = 0.15", False)[0], forward_sides("z = w x + b", False)[0]
    (None, ['z ', ' w x + b'])
    """
    if (convolving and convolution_star(row)) or joins_by_arrow(row):    # m = 1 \Rightarrow J = L: a premise
        return None, set()
    sides = split_sides(clean_row(row))
    if len(sides) < 2 or (len(sides) == 2 and (v := written_value(sides[1])) and len(v) == 3 and v[2]):
        return None, set()
    taken = expectation(sides)
    if taken is None:                 # J = -Σ_j p(y_j) log q(z_j): p, q functions of an entry, no product to read
        sides = sides[:1] + [side for side in sides[1:] if not _APPLIED.search(side)]
    return (None, taken) if taken is not None else (sides if len(sides) > 1 else None, set())


def definition_letters(lhs, rhs, fixed=frozenset(), base: int = 1) -> list | None:
    r"""The index letters of a definition ``lhs = rhs`` the scalar reader keeps (at most two, each once, plain;
    the right side's free letters among them or the true class's, ``fixed``; its entries plain letters or written
    numbers from ``base``, at most two indices), else None.

    >>> from .calc_parse import parse_expression as P
    >>> definition_letters(P("p_i"), P(r"\frac{e^{o_i}}{\sum_j e^{o_j}}")), definition_letters(P("p_i"), P("o_{i+1}"))
    (['i'], None)
    """
    letters = [ix[0][1] for ix in lhs[2] if len(ix) == 1 and ix[0][0] == 1]
    if len(letters) != len(lhs[2]) or len(set(letters)) != len(letters) or len(letters) > 2 \
            or any(x is None for x in letters):
        return None
    if not free_letters(rhs) <= set(letters) | set(fixed) or lhs[1] in names_in(rhs):
        return None
    if any(len(ix) > 1 or (ix[0][0] != 1 and ix[0][1] is not None) or (ix[0][1] is None and ix[0][0] < base)
           for t in refs(rhs) for ix in t[2]) or any(len(t[2]) > 2 for t in refs(rhs)):
        return None                       # plain letters or written entries (y_1); vectors, scalars and weights
    return letters


def expectation(sides: list) -> set | None:
    r"""The names a definition's left side defines where a side after it takes an expectation or a variance
    (``\beta^{(k)} = E\big[x^{(k)}\big]``, ``\sqrt{\text{Var}[x]}``: an operator over a distribution, no forward the scalar
    reader reads, never E times x); None where no side does.

    >>> expectation(["\\beta^{(k)}", r"E\big[x^{(k)}\big]"]), expectation(["s", r"\sqrt{\text{Var}\big[x\big]}"])
    ({'beta^(k)'}, {'s'})
    >>> expectation(["y", r"E_{total} + x"]), expectation(["p_i", r"e^{z_i}"])
    (None, None)
    """
    if not any(_EXPECTATION.search(side) for side in sides[1:]):
        return None
    try:
        return names_in(parse_expression(sides[0]))
    except (CalcParseError, RecursionError):
        return set()


# a definition given in a remark at a row's end: (\text{Let } \frac{1}{\sqrt{v + \epsilon}} = t), \bigg(\text{where } t = …\bigg)
_LET = re.compile(r"(?:\\boldsymbol\s*\{\s*)?(?:\\(?:big|Big|bigg|Bigg)l?|\\left)?\s*\(\s*\\text\s*\{\s*(?:[Ll]et|[Ww]here|[Ww]ith)\s*\}")
_LONE = re.compile(r"\s*([A-Za-z])\s*")


def _let_remark(row: str) -> tuple[str, str | None]:
    """(the row without a remark that ends it and defines a name, that definition as a row ``t = …`` or None)."""
    m = _LET.search(row)
    k = matching(row, row.index("(", m.start()), "()")
    rest = row[k + 1:] if k is not None else ""
    if k is None or not re.fullmatch(r"\s*(?:\\(?:big|Big|bigg|Bigg)r?|\\right)?\s*\}?[\s.,;&]*", rest):
        return row, None
    inner = re.sub(r"\\(?:big|Big|bigg|Bigg)r?\s*$|\\right\s*$", "", row[row.index("}", m.end() - 1) + 1:k].strip()).strip()
    sides = split_sides(inner)
    lone = [j for j, side in enumerate(sides) if _LONE.fullmatch(side)] if len(sides) == 2 else []
    if len(lone) != 1 or re.fullmatch(r"\s*[-+]?[\d.]+\s*", sides[1 - lone[0]]) or re.search(   # (\text{with } i = j),
            r"[_,{]\s*" + sides[lone[0]].strip() + r"(?![A-Za-z])", row[:m.start()]):        # (\text{where } k = 1): a
        return row, None                                                                   # condition, never dropped
    return row[:m.start()].rstrip(" &"), f"{sides[lone[0]].strip()} = {sides[1 - lone[0]].strip()}"


def let_rows(latex: list) -> list[str]:
    r"""The definitions the section's displays give in remarks at their rows' ends, ``t = …``:
    ``(\text{Let } \frac{1}{\sqrt{\sigma^2 + \epsilon}} = t)`` defines t (one side a lone letter).

    >>> let_rows([r"a &= \frac{g t^3}{2} \boldsymbol{(\text{Let } \frac{1}{\sqrt{v + \epsilon}} = t)} \\ b &= c"])
    ['t = \\frac{1}{\\sqrt{v + \\epsilon}}']
    >>> let_rows([r"\frac{\partial p_i}{\partial z_j} = -p_i p_j (\text{with } i = j)", r"x_k = 2 (\text{where } k = 1)"])
    []
    """
    found = []
    for display in latex:
        for row in (split_rows(display) if _LET.search(display) else ()):
            definition = let_definition(row)
            found += [definition] if definition else []
    return found


def let_definition(row: str) -> str | None:
    """The definition ``t = …`` a remark at ``row``'s end gives (:func:`let_rows`), or None."""
    return _let_remark(row)[1] if _LET.search(row) else None


def rows_of(latex: str) -> list[str]:
    """An ``aligned`` / ``align`` display's rows, ``&`` dropped; else the latex itself."""
    latex = clean_row(latex)
    m = re.search(r"\\begin\{(aligned|align\*?|split|gathered)\}(.*)\\end\{\1\}", latex, re.S)
    if not m:
        return [latex]
    return [ROW_LABEL.sub("", r).replace("&", " ") for r in re.split(r"\\\\", m.group(2)) if r.strip()]


def parsed_rows(latex: list) -> list:
    """Every row of a section's displays as the trees of its sides (rows not read left out)."""
    out = []
    for display in latex:
        for row in [r for d in rows_of(display) for r in split_rows(d)]:
            try:
                out.append([parse_expression(x) for x in split_sides(clean_row(row)) if x.strip()])
            except (CalcParseError, RecursionError):
                continue
    return out


def first_read(sides: list, defined=frozenset()):
    """The first side this reader reads (``o_j = softmax(z_j) = \\frac{e^{z_j}}{…}``: the
    fraction), past a bare name not ``defined`` yet that a later side spells out; CalcParseError
    when none is."""
    alias = None                      # a_j = \phi_j = \frac{…}: the fraction, not the bare name
    for k, side in enumerate(sides):
        try:
            tree = parse_expression(side)
        except CalcParseError:
            if k == len(sides) - 1 and alias is None:
                raise
            continue
        if tree[0] != "ref" or tree[1] in defined or k == len(sides) - 1:
            return tree
        alias = alias or tree
    if alias is not None:
        return alias
    raise CalcParseError("no side")


def spelled_out(known, later_sides: list, taken: set, kinds: set) -> dict:
    """The names of the tree ``known`` that a later side writes out as an expression of one of
    ``kinds`` (``J = -y \\ln p - … = -y \\ln \\sigma(z) - …``: p := σ(z)), except those ``taken``."""
    found: dict = {}
    for later in later_sides:
        try:
            bind_names(parse_expression(later), known, found)
        except (CalcParseError, RecursionError):
            continue
    return {n: d for n, d in found.items() if n not in taken and kinds_in(d[1]) & kinds}


# a convolution operator between operands: *, \ast, \star, \circledast, \otimes, never a superscript (w^*)
_STAR = re.compile(r"(?<![\^_{\s])\s*(?:\*|\\ast(?![A-Za-z])|\\star(?![A-Za-z])|\\circledast|\\otimes)")
_ENTRY_STAR = re.compile(r"[A-Za-z]\s*_\s*(?:\{[^{}]*\}|\w)\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*(?:\*|\\ast)\s*"
                         r"(?:\\[A-Za-z]+\s*)?[A-Za-z]\s*_")


# a page about a convolution in other words: a kernel or filter with its size, sliding over the input,
# a stride with its number, rot180 or flip written as an operation (never a word alone: an SVM's
# "kernel", "filter out", "padded", "strides of one sample", "unlike a CNN" are no convolution)
CONVOLUTION_HINTS = re.compile(r"slid(?:e|es|ing)\s+(?:it\s+)?(?:over|across|along)|sliding\s+window|receptive\s+field|"
                               r"rot\s*_?\s*\{?\s*180|\\(?:text|mathrm|operatorname)\s*\{\s*(?:rot|flip)|"
                               r"\d\s*\$?\s*(?:\\times|×|x)\s*\$?\s*\d+\s*\$?\s+(?:kernel|filter)s?(?![A-Za-z])|"
                               r"(?<![A-Za-z])stride\s*(?:=|of)?\s*\$?\s*\d|卷积核|池化", re.I)


def convolution_star(row: str) -> bool:
    r"""Whether ``row`` writes a convolution operator between two operands (``X * W``, ``\delta \ast
    K``), which the scalar reader must not read as a product on a page about a convolution; a
    ``*`` between two entries (``a_{11} * w_{11}``) is the product of numbers.

    >>> convolution_star(r"Z = X * W + b"), convolution_star(r"z_{11} = a_{11}*w_{11} + b"), convolution_star("w^* = 2")
    (True, False, False)
    """
    stars = [m for m in _STAR.finditer(row) if not re.search(r"[\^_]\s*\{?\s*$", row[:m.start()])]
    return len(stars) > len(_ENTRY_STAR.findall(row))


# the page's quantities are vectors or matrices: a Hadamard product or a transpose in a display,
# the words in the prose, or a dense directive with more than one unit (calc_verdict.judge)
_VECTOR_MARKS = re.compile(r"\\odot|\\circ(?![A-Za-z])|\\otimes|\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\})\s*\}?(?![A-Za-z])")
_VECTOR_WORDS = re.compile(r"(?<![A-Za-z])(?:vectors?|matri(?:x|ces)|column|row vector|(?:\d+|\$[^$]{1,20}\$)-?\s*dim(?:ensional)?|"
                           r"dimensions?|of length|rows and|units)(?![A-Za-z])|向量|矩阵|维|ベクトル|行列|次元|벡터|행렬|차원|"
                           r"вектор|матриц|размерност|vecteur|matrice|Vektor|Matrix|vetor|matriz|wektor|macierz|vektör|matris|"
                           r"vettor|vectơ|ma trận|διάνυσμα|πίνακα|\$\s*\d+\s*\\times\s*\d+\s*\$", re.I)
_VECTOR_DISPLAY = re.compile(r"\\(?:mathbf|vec|boldsymbol|bm)\s*\{|\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^")


def vector_page(settings: dict, displays, prose: str, arrays=frozenset()) -> str | None:
    r"""Why the scalar reader must not read the section's names as numbers (None where it may):
    a directive's dense layer of more than one unit, a display's ``\odot`` or transpose, or prose
    that calls its quantities (``arrays``, :func:`~symbp.check.declared_arrays.declared_arrays`) vectors or matrices.  Read as numbers, ``W (δ ⊙ σ'(z))`` and
    ``W^T δ ⊙ σ'(z)`` are equal, so a missing transpose would hold.

    >>> vector_page({}, [r"\delta = W^T \delta' \odot \sigma'(z)"], "") is not None, vector_page({}, ["y = w x"], "")
    (True, None)
    """
    units = [str(settings.get(k, "1")) for k in ("in", "out", "batch")]
    if settings.get("layer") == "fc" and any(u != "1" for u in units if u):
        return f"the directive's dense layer has {settings.get('in', '?')} inputs and {settings.get('out', '?')} outputs"
    if arrays:
        return f"the page declares {', '.join(sorted(arrays))} vectors or matrices"
    if any(_VECTOR_MARKS.search(d) for d in displays):
        return "the section writes a Hadamard product or a transpose"
    if any(_VECTOR_DISPLAY.search(d) for d in displays):
        return "the section writes bold or arrowed names, or a space \\mathbb{R}^n"
    if _VECTOR_WORDS.search(prose or ""):
        return "the page calls its quantities vectors or matrices"
    if (m := _SIZES_SAID.search(prose or "")):
        return f"the page gives its layers sizes ('{m.group(0).strip()}')"
    if any(_CAPITAL_WEIGHT.search(d) for d in displays):
        return "the section's forward multiplies by a capital name, a matrix"
    return None


_NUMBER = r"(?:[2-9]|[1-9]\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)"
# sizes said in words, code or a table: "3 features", "four hidden nodes", "12 weights", (4, 3), 4x3, 3-4-2
_SIZES_SAID = re.compile(r"\b" + _NUMBER + r"\s*-?\s*(?:hidden\s+)?(?:inputs?|outputs?|features?|neurons?|units?|nodes?|"
                         r"entries|elements?|components?|weights|parameters|hidden|dimensions?|neurones?|neuronas?|Neuronen)\b|"
                         r"\(\s*\d+\s*,\s*\d+\s*\)|\b\d+\s*(?:x|×|\\times|by)\s*\d+\b|\b\d+-\d+(?:-\d+)+\b", re.I)
# a capital name times another in a display (W_1 x, W^{[2]} a): a weight matrix; not a loss's letter or a count
_CAPITAL_WEIGHT = re.compile(r"(?<![\\A-Za-z{])(?!(?:L|E|J|C|N|M)(?![A-Za-z]))[A-Z](?![A-Za-z])(?:\s*[_^]\s*(?:\{[^{}]*\}|\w))*"
                             r"\s*(?:\\cdot\s*)?(?:[a-z](?![A-Za-z])|\\(?:sigma|delta|mathbf|hat)(?![A-Za-z])|\()")


# the page says its names are numbers (a layer of one unit): read as numbers, a product loses nothing
SCALAR_SAID = re.compile(r"\bscalars?\b|\bsingle (?:real )?numbers?\b|\bare (?:real )?numbers\b|\bone unit\b|\b(?:single|one) (?:neuron|unit)\b|\bneuron\b(?!s)|\bperceptron\b(?!s)|\bescalar(?:es)?\b|\bscalaire|标量|スカラー|스칼라|скаляр|\bSkalar", re.I)
_LOSS_TOP = re.compile(r"\\[dt]?frac\s*\{\s*(?:\\partial|d)\s*(?:\\math(?:cal|scr)\s*)?\{?\s*[A-Z]\s*\}?"
                       r"(?:_\s*(?:\{[^{}]*\}|\w))?(?:\([^()]*\))?\s*\}")      # E_{total} too
_MATRIX_NAME = re.compile(r"(?<![\\A-Za-z])[A-Z](?![A-Za-z])|\^\s*\{?\s*(?:T|\\top|\\intercal)(?![A-Za-z])")


def matrix_row(row: str, arrays=frozenset()) -> bool:
    r"""Whether ``row`` writes a capital name (a matrix, ``W``, ``X``, ``∂L/∂W``) or a transpose, the loss's
    capital on top of a derivative left out, or a name the page declares an array (``arrays``): where the page's quantities are vectors
    (:func:`vector_page`), reading such a row as numbers would lose a product's order or a transpose.

    >>> matrix_row(r"\frac{\partial L}{\partial x} = W (\frac{\partial L}{\partial a} \odot \sigma'(z))"), matrix_row(r"\frac{\partial L}{\partial z} = y(1 - y)")
    (True, False)
    """
    row = _LOSS_TOP.sub(" ", row)
    return _MATRIX_NAME.search(row) is not None or names_array(row, arrays)


_GRADIENT = r"\\[dt]?frac\s*\{\s*\\partial\s*[^{}]{0,40}\}\s*\{\s*\\partial\s*[^{}]{0,40}\}"


def gradient_times_name(row: str, names) -> bool:
    r"""Whether ``row`` multiplies a gradient ``∂L/∂z`` by one of the forward's input names ``names``
    written beside it (``∂L/∂z x``, ``x ∂L/∂z``), with no ``\odot`` between: on a page of vectors that
    product is an outer or a matrix product whose order and transposes the scalar reading cannot see.

    >>> gradient_times_name(r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial z} x", {"x"}), gradient_times_name(r"\frac{\partial L}{\partial z} \odot x", {"x"})
    (True, False)
    """
    for name in names:
        if not re.fullmatch(r"[A-Za-z]", name):
            continue
        if re.search(_GRADIENT + r"\s*(?:\\cdot\s*)?" + name + r"(?![A-Za-z_^'(])", row) or \
                re.search(r"(?<![\\A-Za-z])" + name + r"\s*(?:\^\s*\{?\s*(?:T|\\top)\s*\}?)?\s*(?:\\cdot\s*)?" + _GRADIENT, row):
            return True
    return False


def _shape_classes(trees) -> dict:
    """Names that must share a shape: summed together (``p - t``), one a function of the other alone
    (``a = σ(z)``, ``a = 1/(1+e^{-z})``), or in a definition a name times a function of one other
    (a loss's ``y \\log p``): name -> its class's representative."""
    from .calc_tree import nodes
    parent: dict = {}

    def find(n):
        while parent.setdefault(n, n) != n:
            n = parent[n]
        return n
    for name, tree in trees:
        if name is not None and len(names_in(tree)) == 1:
            parent[find(name)] = find(next(iter(names_in(tree))))
        for node in (n for n in nodes(tree) if name is not None and n[0] == "mul"):    # a loss's y log p
            plain = [t[1] for t in node[1] if t[0] == "ref"]
            inner = [next(iter(names_in(t))) for t in node[1] if t[0] == "fn" and len(names_in(t)) == 1]
            for one, other in zip(plain[:1] * len(inner), inner):
                parent[find(one)] = find(other)
        for node in (n for n in nodes(tree) if n[0] == "add"):
            direct = [t[1] for t in node[1] if t[0] == "ref"] + [t[1][1] for t in node[1] if t[0] == "neg" and t[1][0] == "ref"]
            for other in direct[1:]:
                parent[find(other)] = find(direct[0])
    return {n: find(n) for n in list(parent)}


def layer_letters(defs: dict, numbered) -> set:
    """The ``numbered`` letters that number layers (``W_1`` in ``z_1 = W_1 x + b_1``), not scalars: none
    where a definition writes a letter with two numbers (``z_1 = w_1 x_1 + w_2 x_2``: the page numbers
    its scalars one by one, Mazur's worked network)."""
    from .calc_tree import nodes
    out = set(numbered)
    for _, tree in defs.values():
        seen: dict = {}
        for r in (n for n in nodes(tree) if n[0] == "ref"):
            whole = re.fullmatch(r"(.+)_(\d+)", r[1]) if not r[2] else None    # w_1 as the graph writes it
            if r[2] or whole:
                seen.setdefault(whole.group(1) if whole else r[1], set()).add(_named(r))
        if any(len(names) > 1 for names in seen.values()):
            return set()
    return out


def _named(ref) -> str:
    """A reference's name, a numbered one written whole (``w_2``: the name the forward gives layer 2's w)."""
    if ref[2] and all(letter is None for ix in ref[2] for _, letter in ix):
        return f"{ref[1]}_" + "".join(str(sum(c for c, _ in ix)) for ix in ref[2])
    return ref[1]


def _entry(ref) -> bool:
    """Whether ``ref`` is one written entry (``w_5``, ``a_1``, ``\\hat{y_1}``): a number, whatever its tensor."""
    return (bool(ref[2]) and all(letter is None for ix in ref[2] for _, letter in ix)) or \
        (not ref[2] and re.search(r"_\d+$", ref[1]) is not None)


def product_beside_arrays(row: str, defs: dict | None = None, numbered=frozenset()) -> bool:
    r"""Whether ``row`` multiplies quantities of different shapes other than by ``\odot`` / ``\circ``:
    read with every Hadamard product as a sum, a product is left whose factors hold names of more than
    one shape class (:func:`_shape_classes` over the row and the forward ``defs``; a gradient ∂L/∂u
    has u's; a chain of derivatives alone is the chain rule, not such a product; a written entry,
    ``w_5``, is a number, but not on a page that ``numbered`` its layers with that letter: ``w_2`` is layer
    2's weight there).  ``∂L/∂y\, y(1 - y)`` after ``y = σ(z)`` is elementwise however it is read; on a page of
    vectors ``∂L/∂v = (p - t) h`` or ``∂L/∂h = v (p - t)`` is an outer or matrix product whose order
    and transposes the scalar reading cannot see.

    >>> product_beside_arrays(r"\frac{\partial L}{\partial v} = (p - t) h"), product_beside_arrays(r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial y} y (1 - y)")
    (True, False)
    """
    from .calc_tree import nodes
    hadamard_as_sum = re.sub(r"\\odot|\\circ(?![A-Za-z])", "+", row)
    try:
        trees = [parse_expression(side) for side in split_sides(clean_row(hadamard_as_sum)) if side.strip()]   # "= …" rows
    except (CalcParseError, RecursionError):
        return True
    classes = _shape_classes([(n, t) for n, (_, t) in (defs or {}).items()] + [(None, t) for t in trees])
    shape = lambda n: classes.get(n, n)                                    # noqa: E731
    for tree in trees:
        for node in (n for n in nodes(tree) if n[0] == "mul" and not all(f[0] in ("partial", "num") for f in n[1])):
            entry = lambda r: _entry(r) and r[1] not in numbered                  # noqa: E731
            named = [set() if f[0] == "partial" and f[2][0] == "ref" and entry(f[2]) else
                     {shape(_named(f[2]))} if f[0] == "partial" and f[2][0] == "ref" else
                     {shape(_named(r)) for r in nodes(f) if r[0] == "ref" and not entry(r)} for f in node[1]]
            named = [n for n in named if n]
            if len(named) >= 2 and len(set().union(*named)) >= 2:
                return True
    return False


def flat_row(latex: str) -> str:
    r"""A row as text to find again: no spaces, ``&``, thin spaces or style switches; ``\dfrac`` as ``\frac``.

    >>> flat_row(r"a &= \dfrac{1}{2}\, b")
    'a=\\frac{1}{2}b'
    """
    latex = latex.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    return re.sub(r"\s+|\\[,;:!](?![A-Za-z])|\\(?:displaystyle|textstyle)(?![A-Za-z])", "", latex.replace("&", ""))


#: ∂/∂v or d/dv applied to what follows (the numerator empty): an operator on a written expression
OPERATOR_FORM = re.compile(r"\\[dt]?frac\s*\{\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\})\s*\}")
