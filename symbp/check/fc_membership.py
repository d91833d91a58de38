r"""A trailing set membership on a forward, ``u = hW + b \in \mathbb{R}^{1\times m}``: split off
so the forward reads as written, its factors kept as the shape the author states.

Authors close a dense forward (often written inline in a sentence) with the space its result
lives in: ``\in \mathbb{R}^{n\times m}``, ``\in R^{m}``, ``\in \mathbf{R}^{1 \times n}``,
``\in \Bbb R^{…}``, ``\in \R^{…}``, ``\in \mathbb{R}^{m,n}``.  The membership changes no
meaning of the forward; its factors say how many rows the result has (``1 \times m``: one
sample written as a row).  Nothing is evaluated: the text is matched, never parsed as code.

Example::

    >>> split_membership(r"u^l=h^{l-1}W^l+b^l\in\mathbb{R}^{1\times m_l}")
    ('u^l=h^{l-1}W^l+b^l', ('1', 'm_l'))
    >>> split_membership(r"z = W x + b")
    ('z = W x + b', None)
"""
from __future__ import annotations

import re

from .calc_rows import SCALAR_SAID
from .directive_names import bare_letter
from .doc_infer import directive_roles
from .latex_atoms import LatexAtomError, split_top_level

_REALS = r"(?:\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R|\\mathbf\s*\{\s*R\s*\}|\\Bbb\s*\{?\s*R\s*\}?|" \
         r"\\R(?![A-Za-z])|\\mathcal\s*\{\s*R\s*\}|\\mathrm\s*\{\s*R\s*\}|ℝ|(?<![A-Za-z\\])R(?![A-Za-z]))"
_MEMBERSHIP = re.compile(r"\s*\\in\s*" + _REALS + r"\s*(?:\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\w))?\s*[,.;]?\s*$")
_FACTOR_SPLIT = re.compile(r"\\times|×|\\cdot|(?<![A-Za-z_{])x(?![A-Za-z_])|\*|,")


def split_membership(latex: str) -> tuple[str, tuple | None]:
    r"""(``latex`` without a trailing ``\in \mathbb{R}^{…}``, the factors of its exponent as
    written, stripped of spaces and outer braces; ``()`` for a bare ``\in \mathbb{R}``), or
    (``latex``, None) where it ends in no membership.

    Example::

        >>> split_membership(r"Y = XW + b \in R^{n \times m}.")
        ('Y = XW + b', ('n', 'm'))
        >>> split_membership(r"z = W a + b \in \mathbb{R}^{m}")
        ('z = W a + b', ('m',))
    """
    m = _MEMBERSHIP.search(latex)
    if m is None or "=" not in latex[:m.start()]:
        return latex, None
    power = (m.group(1) or "").strip()
    if power.startswith("{"):
        power = power[1:-1]
    power = power.strip().strip("()")
    factors = tuple(f.replace(" ", "") for f in _FACTOR_SPLIT.split(power)) if power else ()
    if any(not f for f in factors):
        return latex, None
    return latex[:m.start()].rstrip(), factors


_ONES = re.compile(r"\\(?:boldsymbol|mathbf|bm|vec|mathbb)\s*(?:\{\s*1\s*\}|1(?![0-9]))"
                   r"(?:\s*_\s*(?:\{[^{}]*\}|\w))?\s*(?=\\?[A-Za-z])")


def ones_bias(latex: str) -> str:
    r"""A forward's bias broadcast over a batch by a column of ones, ``U = HW + \mathbf{1}b``
    (``\boldsymbol{1}``, ``\mathbf{1}_n``, ``\mathbb{1}``), written as the bias added to every
    row (how the rows layout reads ``+ b``).

    >>> ones_bias(r"U = HW + \boldsymbol{1}b^l")
    'U = HW + b^l'
    >>> ones_bias(r"z = W x + 1")
    'z = W x + 1'
    """
    return _ONES.sub("", latex)


def one_row(factors: tuple | None) -> bool:
    r"""Whether a stated shape is one row (``1 \times m``): one sample written as a row vector.

    >>> one_row(("1", "m_l")), one_row(("n", "m_l")), one_row(None)
    (True, False, False)
    """
    return bool(factors) and len(factors) == 2 and factors[0] == "1" and factors[1] != "1"


# X = [x_{1} \ \cdots \ x_{i}], X = \left[x_1, x_2, …, x_n\right]: the letter's entries written as one row
_ROW_VECTOR = re.compile(r"(?<![\\A-Za-z])([A-Z])\s*=\s*(?:\\left)?\[\s*([a-z])_\{?\s*([0-9a-z])\s*\}?"
                         r"(?:[^\[\]=&]*?\2_\{?\s*[0-9a-z]\s*\}?)+\s*(?:\\right)?\](?!\s*\^)")


def row_vectors(latex: list) -> dict:
    r"""{capital letter: the first entry's number (None for a letter)} for the letters a display
    writes as one row of their own entries, ``X=[x_{1}\ \cdots\ x_{i}]`` (never a transposed
    one, ``x = [x_1, …, x_n]^T``, a column).

    >>> row_vectors([r"X=[x_{1}\ \ \cdots\ \ x_{i}]  \quad B=\left[b_{0}\ \cdots\ b_{j}\right]", r"Y=[y_1, y_2]^T"])
    {'X': 1, 'B': 0}
    """
    return {m.group(1): (int(m.group(3)) if m.group(3).isdigit() else None)
            for tex in latex for m in _ROW_VECTOR.finditer(tex) if m.group(2) == m.group(1).lower()}


# a letter, maybe a layer label, then its subscript: z^l_j, a^{l-1}_{i}, x_{n,i}, \delta^l_{j}
_ENTRY = re.compile(r"(?<![\\A-Za-z^])(?<!\^\{)([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?_\s*(\{[^{}]*\}|[A-Za-z0-9])")


def entry_index_counts(latex: list) -> dict:
    r"""{letter: the numbers of indices the displays write its entries with}: ``z^l_j``,
    ``a^{l-1}_{i}`` once (one sample's vectors), ``x_{ni}``, ``x_{n,i}`` twice (a batch's rows).

    >>> counts = entry_index_counts([r"\frac{\partial L}{\partial z^l_j} = \delta^l_j a^{l-1}_i", r"W^l_{ij}"])
    >>> counts["z"], counts["a"], counts["W"]
    ({1}, {1}, {2})
    """
    counts: dict = {}
    for tex in latex:
        for m in _ENTRY.finditer(tex):
            inner = m.group(2).strip("{} ")
            n = len([p for p in inner.split(",") if p.strip()]) if "," in inner else \
                len(re.findall(r"[A-Za-z]'?|\d+", inner)) if re.fullmatch(r"[A-Za-z\d\s']+", inner) else 0
            counts.setdefault(m.group(1), set()).add(n)
    return counts


def one_sample_rows(settings: dict, latex: list) -> dict:
    r"""``{"fc_one_row": True}`` for a directive's dense layer whose samples are rows
    (``weight=rows``: ``z = aW + b``) and whose batch it does not give, where the section writes
    the entries of the letters it names input and output with one index only (``z^l_j``,
    ``a^{l-1}_i``: one sample written as a row, not a batch); else {}.

    >>> s = {"layer_kind": "fc", "fc_kernel": "rows", "names": "a^{l-1}=input W^l=kernel z^l=output"}
    >>> one_sample_rows(s, [r"\frac{\partial L}{\partial W^l_{ij}} = \delta^l_j a^{l-1}_i", r"z^l_j"])
    {'fc_one_row': True}
    >>> one_sample_rows(s, [r"\frac{\partial L}{\partial W_{ij}} = \sum_n \delta_{nj} a_{ni}"])
    {}
    """
    if settings.get("layer_kind") != "fc" or settings.get("fc_kernel") not in ("rows", "rows-oi") \
            or "batch" in settings:
        return {}
    named = [bare_letter(n) for n, role in directive_roles(str(settings.get("names", "") or "")).items()
             if role in ("input", "output")]
    counts = entry_index_counts(latex)
    written = [c for n in named for c in counts.get(n, set()) | counts.get(n.lower(), set())]
    return {"fc_one_row": True} if written and set(written) == {1} else {}


# a claim that marks a vector: ⊙, a transpose, bold or an arrow, a capital
_VECTOR_MARKS = re.compile(r"\\odot|\\circ|\\otimes|\\top|\^\s*\{?\s*T\b|\\(?:bm|mathbf|boldsymbol|vec)\b|[A-Z]")


def _marks_vectors(latex: str) -> bool:
    """Whether a claim marks vectors or matrices (⊙, a transpose, bold, a capital letter other than a loss's)."""
    return bool(_VECTOR_MARKS.search(re.sub(r"\\[A-Za-z]+\s*\{\s*[A-Z]\s*\}|\\(?:frac|partial|cfrac|dfrac|left|right)", " ", latex)
                                     .replace("L", " ").replace("E", " ").replace("J", " ").replace("C", " ")))


def one_neuron_doubt(ctx, raw, result, latex: str, directive: str):
    """``result`` left unchecked where a dense page leaves open whether its layers are one neuron (numbers) or
    vectors and the two readings disagree: a page that never indexes its tensors (``fc_scalar`` "maybe"), or one
    whose prose speaks of one neuron (``single_said``: "the forward pass of one neuron") under a claim that
    marks vectors (``\\left(W^{(l+1)T} \\boldsymbol{\\delta}^{(l+1)}\\right) \\odot \\sigma'``: with one neuron a layer
    every transpose holds).  ``raw(context)`` checks the claim in another context; ``directive``: the section's
    names as a directive (``in=4 out=3``), said with one neuron a layer in the detail."""
    settings = ctx.settings
    if settings.get("fc_scalar") == "maybe":
        one, many = raw(type(ctx)(ctx.roles, {**settings, "in": "1", "out": "1", "fc_unsure": False})), result
        opening = "the document never indexes its tensors"
    elif settings.get("single_said") and _marks_vectors(latex):
        one, opening = result, "the page speaks of one neuron, but this claim marks vectors (bold, a transpose, ⊙)"
        try:
            many = raw(type(ctx)(ctx.roles, {k: v for k, v in settings.items() if k not in ("in", "out", "single_said")}))
        except (ValueError, TypeError, KeyError, IndexError):       # no vector reading: not settled either
            many = None
    else:
        return result
    if many is not None and one.verdict == many.verdict:
        return many                         # both readings agree: the vectors' says more (its sizes)
    say = {"holds": "holds", "refuted": "is refuted", "unchecked": "is not read"}
    scalar = directive.replace("in=4 out=3", "in=1 out=1")
    result.detail = (f"{opening}: with one neuron a layer (numbers) the claim {say.get(one.verdict, 'is not read')}, with "
                     f"vectors (W 3x4) it {say.get(getattr(many, 'verdict', None), 'is not read')}; say which: {scalar} (or in=4 out=3)")
    result.verdict, result.scope = "unchecked", None
    return result


def scalar_reading(ctx, refuted, check, outcome, latex: str = ""):
    """An unchecked outcome, on a page that speaks of scalars, for a dense section whose sizes symbp guessed (the page gives none)
    where the claim is ``refuted`` only as a product of vectors whose shapes do not fit and holds
    with one input and one output, scalars (``y = wx + b``, ``∂L/∂x = ∂L/∂y \\, w`` under a
    heading "scalar"); else None.  ``check(context)`` checks the claim in another context; a claim
    ``latex`` that marks vectors (⊙, a transpose, bold, a capital letter) is read for vectors only."""
    if _marks_vectors(latex):
        return None
    if getattr(ctx, "layer", None) != "fc" or "a product of a" not in refuted.detail and "shape" not in refuted.detail \
            or ctx.settings.get("in") or ctx.settings.get("out") or not ctx.settings.get("scalar_said"):
        return None
    from .index_tree import IndexError_, OutOfRange
    try:
        scalar = check(type(ctx)(ctx.roles, {**ctx.settings, "in": "1", "out": "1", "batch": "1"}))
    except (IndexError_, OutOfRange, ValueError, TypeError, KeyError):   # a reading that cannot be built
        return None
    if getattr(scalar, "verdict", None) != "holds":
        return None
    return outcome("unchecked", f"holds where the layer's input and output are scalars (one of each, which the "
                                f"page's sizes do not rule out), and is refuted for vectors: {refuted.detail}")


_NUMBER_MATRIX = re.compile(r"\\begin\s*\{\s*([bpvBV]?matrix|array)\s*\}(?:\s*\{[^{}]*\})?"
                            r"((?:\s|[-+]?\d*\.?\d+|&|\\\\|\\[,;! ])*)\\end\s*\{\s*\1\s*\}")
_MISFIT = re.compile(r"side (\d+) at [^:]*: shape \(([\d, ]*)\) where the left side is \(([\d, ]*)\)")
_LABELLED = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*\^\s*\{?\s*(\d)\s*\}?")


def written_matrix_misfit(latex: str, detail: str, names: str, guessed: bool) -> str | None:
    r"""The unchecked reason for a refutation that is only a shape misfit of a side written as a
    matrix of numbers, ``\frac{\partial L}{\partial b^1} = \begin{bmatrix} -0.023 \\ 0.0115
    \end{bmatrix}``, where symbp's sizes for the claim are not the page's: sizes it ``guessed``, or
    a claim about a layer the directive's ``names`` do not name (b^1 where the directive names b^2).
    The written numbers carry their own shape; which of the two is wrong is not decided.  None
    where that is not the case (a misfit at sizes stated for the claim's own layer refutes).

    >>> written_matrix_misfit(r"\frac{\partial L}{\partial b^1} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
    ...     "side 2 at the claim: shape (2, 1) where the left side is (1, 1) (W 1x3)", "b^2=bias", False)[:45]
    'side 2 is a matrix of numbers of shape (2, 1)'
    """
    m = _MISFIT.search(detail)
    if not m:
        return None
    try:
        sides = split_top_level(latex, ("=", r"\equiv"))        # as the index reader numbers them
    except LatexAtomError:
        return None
    k = int(m.group(1)) - 1
    if not 0 <= k < len(sides) or not _NUMBER_MATRIX.search(sides[k]):
        return None
    named = {(x.group(1), x.group(2)) for x in _LABELLED.finditer(names or "")}
    other_layer = any(letter in {n for n, _ in named} and (letter, label) not in named
                      for letter, label in {(x.group(1), x.group(2)) for x in _LABELLED.finditer(latex)})
    if not guessed and not other_layer:
        return None
    whose = "sizes symbp chose (the page states none)" if guessed else \
        "the directive's sizes, which name another layer than this claim's"
    return (f"side {k + 1} is a matrix of numbers of shape ({m.group(2)}), where the left side is read as "
            f"({m.group(3)}) at {whose}: the written numbers fit other sizes; a directive with this "
            "layer's sizes decides it")


# a sum over one letter: \sum_i, \sum_{i}, \sum_{i=1}^{N}, \sum\limits_{n}
_SUM_LETTER = re.compile(r"\\sum(?:\\limits)?\s*_\s*(?:\{\s*([a-z])\s*(?:=[^{}]*)?\}|([a-z]))")


def summed_row_reading(latex: str, detail: str) -> str | None:
    r"""The unchecked reason for a shape misfit of a claim that sums a name written with that one index,
    ``\frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial Y_i}``: the dense reader takes ``Y_i`` as an
    entry (the sum a number), while pages also write ``Y_i`` for row i of a batch (one sample; the sum a row);
    which one the page means is not decided.  None where the claim sums no such name.

    >>> summed_row_reading(r"\frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial Y_i}",
    ...                    "side 2 at the claim: shape () where the left side is (1, 3) (W 3x4)")[:80]
    'side 2 at the claim: shape () where the left side is (1, 3), with Y_i read as an'
    """
    m = _MISFIT.search(detail)
    if not m:
        return None
    for letter in {x.group(1) or x.group(2) for x in _SUM_LETTER.finditer(latex)}:
        one = re.search(r"((?:\\(?!sum|prod|limits)[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z]))\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*(?:\{\s*" + letter + r"\s*\}|" + letter + r"(?![A-Za-z]))"
                        r"(?!\s*\^?\s*\{?\s*,)", latex)
        if one:
            return (f"{m.group(0)}, with {one.group(0).replace(' ', '')} read as an entry; if it is sample {letter} of a "
                    "batch (a row or column of it), the sum has the left side's shape: which one the page means is not "
                    "decided (a directive's batch=… settles it)")
    return None


# a matrix declared with two letter sizes: X \in \mathbb{R}^{m \times d}, \mathbf{X} \in \mathbb R^{N\times D}
_DECLARED = re.compile(r"(?:\\(?:mathbf|boldsymbol|bm)\s*\{?\s*)?([A-Za-z])\s*\}?\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*\{\s*"
                       r"([A-Za-z])\s*(?:\\times|×|x)\s*([A-Za-z])\s*\}")


def declared_batch(text: str, forward: str) -> str | None:
    r"""``X \in \mathbb{R}^{m \times d}`` as the page declares a name its dense forward reads with two sizes that are
    letters (a matrix of samples, rows or columns), or None.

    >>> declared_batch(r"A batch $X \in \mathbb{R}^{m \times d}$ of samples", "Y = XW + b")
    'X ∈ R^{m×d}'
    >>> declared_batch(r"one sample $x \in \mathbb{R}^{1 \times d}$", "y = xW + b") is None
    True
    """
    letters = set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", forward or "")))
    for m in _DECLARED.finditer(text):
        if m.group(1) in letters:
            return f"{m.group(1)} ∈ R^{{{m.group(2)}×{m.group(3)}}}"
    return None

