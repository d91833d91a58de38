r"""A row that names a gradient and then claims it, and the names it gives.

Andrew Ng's notation writes ``dZ^{[l]} := \frac{\partial J}{\partial Z^{[l]}} = dA^{[l]} * g'(Z^{[l]})``:
the row defines the name ``dZ^{[l]}`` as the loss's gradient and, in the same row, claims what that
gradient equals.  :class:`NamedGradients` reads every such definition on the page (marks ``:=``,
``\coloneqq``, ``\triangleq``, ``\equiv``, ``≜``, ``\stackrel{def}{=}``, ``\overset{\text{def}}{=}``;
the gradient written ``\frac{\partial J}{\partial X}``, ``\frac{dJ}{dX}``, ``\partial J / \partial X``
or ``\nabla_{X} J``) and

* rewrites the row as its claim, ``\frac{\partial J}{\partial Z^{[l]}} = …`` (a row that only names the
  gradient is a definition);
* writes the names it gives as the gradients they are in every claim of the page: ``dZ^{[l]}`` is
  ``\frac{\partial J}{\partial Z^{[l]}}``, and where the name's own label is the variable's
  (``dA^{[l-1]} := \partial J / \partial A^{[l-1]}``) the name with any label, ``dA^{[l]}``, is the
  gradient by ``A^{[l]}``.  A name the page defines twice in different ways is left as written.

``δ`` is not read here (``page_delta``, ``fc_error_delta`` read the page's δ), and a definition
whose right side is not one plain gradient (``dW := \frac{1}{m} …``) names nothing.

A page whose prose says ``*`` is the entrywise product ("Here $*$ is the entrywise product",
"where * denotes element-wise multiplication", Hadamard, elementweise, 逐元素) and never calls it a
convolution has its claims' binary ``*`` read as ``\odot``.

    >>> names = NamedGradients([r"dA^{[l-1]} := \frac{\partial J}{\partial A^{[l-1]}} = W^{[l] T} dZ^{[l]}",
    ...                         r"dZ^{[l]} := \frac{\partial J}{\partial Z^{[l]}} = dA^{[l]} * g'(Z^{[l]})"], "")
    >>> names.row(r"dZ^{[l]} := \frac{\partial J}{\partial Z^{[l]}} = dA^{[l]} * g'(Z^{[l]})")[0]
    "\\frac{\\partial J}{\\partial Z^{[l]}} = \\frac{\\partial J}{\\partial A^{[l]}} * g'(Z^{[l]})"
"""
from __future__ import annotations

import re

from .directive_names import gradient_definitions
from .display_wrappers import _LOSS

GROUP = r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
SCRIPTS = r"(?:\s*[_^]\s*(?:" + GROUP + r"|\\[A-Za-z]+|[A-Za-z0-9]))*"
# the marks that define a name: :=, \coloneqq, \triangleq, \equiv, ≜, ≝, def or Δ over an =
DEFINES = (r"(?::=|\\coloneqq(?![A-Za-z])|\\triangleq(?![A-Za-z])|\\equiv(?![A-Za-z])|≜|≝|"
           r"\\(?:stackrel|overset)\s*\{\s*(?:\\(?:text|mathrm|rm|textrm|mathit|scriptscriptstyle|scriptstyle)"
           r"\s*\{?\s*)?(?:def|defn|\\Delta|\\triangle|△)\s*\.?\s*\}?\s*\}\s*\{\s*=\s*\})")
_BASE = (r"(?:\\(?:mathbf|bm|boldsymbol|bar|overline|hat|tilde|vec|mathcal|mathrm)\s*\{\s*[A-Za-z]\s*\}"
         r"|\\(?!(?:delta|nabla|partial|frac|dfrac|tfrac|sum|left|mathrm|text)(?![A-Za-z]))[A-Za-z]+|[A-Za-z])")
_PREFIX = r"(?:\\(?:mathrm|text|rm|mathit)\s*\{\s*d\s*\}\s*|d\s*(?=[A-Z\\]|[a-z]\s*[_^]|[a-z]\s*$|[a-z]\s*[:\\&=≜≝]))?"
_NAME = re.compile(r"\s*(" + _PREFIX + r"(" + _BASE + r"))(" + SCRIPTS + r")\s*&?\s*" + DEFINES + r"\s*&?\s*")
# a name written with a plain = before the gradient by its own variable, \Delta z = \frac{\partial L}{\partial z} = …,
# dW = \frac{\partial L}{\partial W} = …: Δ or d before the variable itself (checked in _definition)
_PLAIN_NAME = re.compile(r"\s*((?:\\Delta\s*|(?:\\mathrm\s*\{\s*d\s*\}|d)\s*)(" + _BASE + r"))(" + SCRIPTS + r")\s*&?\s*=(?!=)\s*&?\s*")
# a directive's \delta=input_grad, \delta_{\text{conv}}=output_grad: δ with a subscript, never a layer
# label, is the name (a page's own δ := … is PageDelta's)
_DELTA_NAME = re.compile(r"\s*((\\delta))((?:\s*_\s*(?:" + GROUP + r"|\\[A-Za-z]+|[A-Za-z0-9]))?)\s*" + DEFINES + r"\s*")
# the page's own δ as a gradient, in a display or its prose: \delta := \frac{\partial L}{\partial y}, \delta = ∂L/∂y
_PAGE_DELTA = re.compile(r"\\delta\s*(:=|=|\\equiv|\\coloneqq|\\triangleq)\s*(?:\\[dt]?frac\s*\{\s*\\partial\s*\w+\s*\}\s*"
                         r"\{\s*\\partial\s*([A-Za-z])|\\partial\s*\w+\s*/\s*\\partial\s*([A-Za-z]))")
_VARIABLE = r"((?:[^{}]|" + GROUP + r")+?)"
_DIFF = r"(?:\\partial(?![A-Za-z])|\\mathrm\s*\{\s*d\s*\}|d)"
_GRADIENT = re.compile(r"\\[dt]?frac\s*\{\s*" + _DIFF + r"\s*(" + _LOSS + r")\s*\}\s*\{\s*" + _DIFF + r"\s*" + _VARIABLE + r"\s*\}"
                       r"|\\partial\s*(" + _LOSS + r")\s*/\s*\\partial\s*((?:" + _BASE + r")" + SCRIPTS + r")"
                       r"|\\nabla\s*_\s*(" + GROUP + r"|[A-Za-z])\s*(" + _LOSS + r")")
_TRANSPOSED = re.compile(r"(.*?)(?:T|\\top|\\intercal|\\mathsf\{T\})\}")
_TRANSPOSE_AFTER = re.compile(r"(.*?)\^(?:\{(?:T|\\top|\\intercal|\\mathsf\{?T\}?)\}|T|\\top|\\intercal)")
# ∇_Z defined with a mark as something other than the plain gradient (∇_Z := 2 ∂L/∂Z): no reader's ∇_Z
_NABLA_NAMED = re.compile(r"\s*(\\nabla\s*_\s*(?:\{[^{}]*\}|[A-Za-z]))\s*&?\s*" + DEFINES + r"\s*&?\s*")
_REST = re.compile(r"\s*(?:[.,;]\s*$|$|=(?!=))")
# prose: * (or \ast) is the entrywise product
_STAR = r"(?:\$\s*(?:\*|\\ast)\s*\$|[\"“„'`]\s*\$?\s*\*\s*\$?\s*[\"”“'`]|(?<=\S[ \t])\*(?=[ \t]))"   # never a bullet
_ENTRYWISE = (r"(?:entry-?\s?wise|element-?\s?wise|hadamard|element[- ]by[- ]element|elementweise|komponentenweise|"
              r"逐元素|按元素|对应元素|要素ごと|アダマール|요소별|원소별|terme à terme|élément par élément|elemento a elemento)")
_STAR_ENTRYWISE = re.compile(_STAR + r"[^.\n$]{0,60}?" + _ENTRYWISE + "|" + _ENTRYWISE + r"[^.\n$]{0,40}?\(\s*" + _STAR,
                             re.I)
_STAR_CONVOLUTION = re.compile(_STAR + r"[^.\n$]{0,60}?(?:convol|correlat|卷积|faltung|畳み込み|합성곱)", re.I)
_STAR_MATRIX = re.compile(_STAR + r"[^.\n$]{0,60}?(?:matri(?:x|ces) (?:product|multiplication)|matmul|矩阵乘|行列(?:積|の積)|행렬 ?곱)",
                          re.I)                 # "$*$ is the ordinary matrix product": never ⊙
# "from here on $dW$ denotes …": the page gives a name another meaning in its prose
_RENAMED = r"(?:denot|stands? for|now means|bezeichnet|désigne|表示|を表す)"
_NEGATED = re.compile(r"\b(?:not|never|nicht|kein\w*|pas|no)\b|不|非|ではない|아니", re.I)   # "* is not …"
# a product sign: never a script (C^*, x_*, ^{*}) or a doubled **
_BINARY_STAR = re.compile(r"(?<![\^_{*\s])(\s*)\*(?![*}\s]*[_^}*])")


# Bendersky's operator notation for a Jacobian's entries, as a page defines it:
# D_jS_i = \frac{\partial S_i}{\partial a_j} (then D_jS_i, D_1S_2 … are those derivatives)
_TOKEN = r"(?:\{\s*([A-Za-z0-9])\s*\}|([A-Za-z0-9]))"


def _d_entry(fn: str) -> str:
    """The pattern of ``D_j S_i`` with the function letter pattern ``fn``."""
    return r"(?<![A-Za-z\\])D\s*_\s*" + _TOKEN + r"\s*" + fn + r"\s*_\s*" + _TOKEN


_D_DEFINED = re.compile(r"\s*" + _d_entry(r"([A-Za-z])") + r"\s*&?\s*(?:=|:=|\\coloneqq)\s*&?\s*\\[dt]?frac\s*\{\s*"
                        r"\\partial\s*([A-Za-z])\s*_\s*" + _TOKEN + r"\s*\}\s*\{\s*\\partial\s*([A-Za-z])\s*_\s*" + _TOKEN + r"\s*\}")


def operator_entries(rows) -> tuple | None:
    r"""(function letter, variable letter) where the page's rows define the operator ``D_j S_i`` as
    ``\\frac{\\partial S_i}{\\partial a_j}`` one way only, else None.

    >>> operator_entries([r"D_jS_i = \frac{\partial S_i}{\partial a_j}"])
    ('S', 'a')
    >>> operator_entries([r"D_jS_i = \frac{\partial S_j}{\partial a_i}"]) is None
    True
    """
    found = set()
    for row in rows:
        m = _D_DEFINED.match(row)
        if m:
            j, fn, i, num, i2, var, j2 = (m.group(1) or m.group(2)), m.group(3), (m.group(4) or m.group(5)), \
                m.group(6), (m.group(7) or m.group(8)), m.group(9), (m.group(10) or m.group(11))
            found.add((fn, var) if (fn, i, j) == (num, i2, j2) and i != j else None)
    return next(iter(found)) if len(found) == 1 and None not in found else None


def _gradient(text: str, start: int = 0):
    """(loss, variable, end) of the one plain gradient at ``start`` of ``text``, or None."""
    m = _GRADIENT.match(text, start)
    if not m:
        return None
    if m.group(1) is not None:
        loss, variable = m.group(1), m.group(2)
    elif m.group(3) is not None:
        loss, variable = m.group(3), m.group(4)
    else:
        loss, variable = m.group(6), m.group(5)[1:-1] if m.group(5).startswith("{") else m.group(5)
    if "\\partial" in variable or not variable.strip():
        return None
    return loss.strip(), variable.strip(), m.end()


def _generic(own: str, loss: str, variable: str) -> bool:
    """Whether a name's script is its variable (``G_U := \\frac{\\partial L}{\\partial U}``): then ``G_X`` is
    ∂L/∂X for every X, whatever other losses the page differentiates (its own names its loss)."""
    return bool(re.fullmatch(r"[A-Za-z]", _spaced(variable)) and re.fullmatch(r"_\{?" + re.escape(_spaced(variable)) + r"\}?", own))


def _entry_of(own: str, loss: str, variable: str, scripts: str) -> str | None:
    r"""A directive's name with no scripts of its own (``\delta=input_grad``), written with a subscript:
    the entry of the gradient it names (``\delta_{ij}``: ``\frac{\partial L}{\partial x_{ij}}``)."""
    m = re.fullmatch(r"_\s*(\{[^{}]*\}|[A-Za-z0-9])", scripts.strip())
    if own or m is None or not re.fullmatch(r"[A-Za-z]", variable.strip()):
        return None
    return rf"\frac{{\partial {loss}}}{{\partial {variable.strip()}_{m.group(1)}}}"


def _name(prefix: str) -> str:
    """The pattern of the name ``prefix`` (``dZ``) written in a row, spaces allowed between its letters."""
    return r"(?<![A-Za-z\\])" + r"\s*".join(map(re.escape, prefix)) + r"(?![A-Za-z])"


def _spaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


_BATCHED = re.compile(r"\\sum|\\frac\s*\{\s*1\s*\}\s*\{\s*[A-Za-z]\s*\}|\\tfrac\s*\{?\s*1|\\dfrac\s*\{\s*1\s*\}\s*\{\s*[A-Za-z]\s*\}")
# a row's left side that is a d-name by the page's convention: dw_1 = …, db = …, dW^{[l]} = …
_LEFT_D = re.compile(r"\s*(d\s*(" + _BASE + r"))(" + SCRIPTS + r")\s*&?\s*=(?!=)\s*&?\s*")


def _convention(names: dict) -> str | None:
    r"""The loss of Ng's d-convention where the page names at least two gradients ``dX = \frac{dL}{dX}`` (d
    before the variable itself, the one loss L): a row's left side ``dw_1`` is then ``\frac{\partial L}{\partial
    w_1}`` though the page never names it (``dw_2 = x_2 dz``, ``db = dz``); else None.

    >>> _convention({"dz": ("", "L", "z"), "da": ("", "L", "a")}), _convention({"dz": ("", "L", "z")})
    ('L', None)
    """
    losses = [read[1] for prefix, read in names.items() if not read[0] and prefix == "d" + _spaced(read[2])]
    return losses[0] if len(losses) >= 2 and len(set(losses)) == 1 else None


class NamedGradients:
    """The gradients a page names by a definition mark (module docstring)."""

    def __init__(self, rows, prose: str, directives=()):
        found, rows = self._found(rows), list(rows)
        otherwise = {_spaced(m.group(1)) for row in rows if (m := _PLAIN_NAME.match(row)) and self._definition(row) is None}
        found = {p: d for p, d in found.items() if p not in otherwise}     # \Delta w = -\eta … beside \Delta w = ∂L/∂w
        marked = {_spaced(m.group(1)) for row in rows if (m := _NAME.match(row))}      # G_Z := 2 ∂L/∂Z too
        self.given = {p: read for p, read in self._found(gradient_definitions(directives), _DELTA_NAME).items()
                      if p not in marked}          # a directive's G_X=input_grad: that name only, where the page names no G
        losses = {_spaced(g[0]) for row in rows for k in range(len(row)) if (g := _gradient(row, k))}
        self.names = {p: next(iter(d)) for p, d in found.items() if len(d) == 1 and (_generic(*next(iter(d))) or len(losses) == 1 and not
                      re.search(r"\$\s*" + r"\s*".join(map(re.escape, p)) + r"[^$]*\$[^.$]{0,30}" + _RENAMED, prose))}     # "we write $G_U$ for …": a generic name's own introduction
        self.doubtful = set(found) - set(self.names) | {  # named against another loss, twice, or renamed in prose;
            _spaced(m.group(1)) for row in rows if (m := _NABLA_NAMED.match(row)) and not (   # ∇_Z := 2 ∂L/∂Z
                (read := _gradient(row, m.end())) and _REST.match(row, read[2]))}
        page_deltas = [m for m in _PAGE_DELTA.finditer(re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]", " ", prose, flags=re.S))] + [
            m for row in rows if (m := _PAGE_DELTA.match(row.strip())) and m.group(1) != "="]   # a display's δ = …: a claim
        if (given := self.given.get(r"\delta")) and any((m.group(2) or m.group(3)) not in {v for _, _, v in given} for m in page_deltas):
            del self.given[r"\delta"]                   # the page's own δ := ∂L/∂y against the directive's word:
            self.doubtful.add(r"\delta")                # which one a row means is not settled
        self.convention = _convention(self.names)        # da = dL/da, dz = dL/dz: dw_1 = … is ∂L/∂w_1 too
        self.operator = operator_entries(rows)           # D_jS_i := ∂S_i/∂a_j
        self.continued = {r for r, after in zip(rows, rows[1:]) if re.match(r"\s*&?\s*=", after)}   # D_jS_i &= ∂S_i/∂a_j \\ &= …
        self.star = any(not _NEGATED.search(m.group()) for m in _STAR_ENTRYWISE.finditer(prose)) and \
            not _STAR_CONVOLUTION.search(prose) and not _STAR_MATRIX.search(prose)

    @classmethod
    def _found(cls, rows, also=None) -> dict[str, set]:
        """{name without scripts: {(scripts, loss, variable)}} of the definitions in ``rows`` (and of the
        names ``also`` matches: a directive's δ)."""
        found: dict[str, set] = {}
        for row in rows:
            if (read := cls._definition(row, also)) is not None:
                found.setdefault(read[0], set()).add(tuple(read[1:4]))
        return found

    @staticmethod
    def _definition(row: str, also=None):
        """(name without scripts, its scripts, loss, variable, where the gradient ends) of ``row``'s
        leading definition ``name := gradient``, or None."""
        m = _NAME.match(row) or (also.match(row) if also is not None else None)
        plain = None if m else _PLAIN_NAME.match(row)
        if not (m or plain):
            return None
        read = _gradient(row, (m or plain).end())
        if read is None or not _REST.match(row, read[2]) or (
                plain and _spaced(read[1]) != _spaced(plain.group(2) + plain.group(3))):   # \Delta z = ∂L/∂z only
            return None
        m = m or plain
        return _spaced(m.group(1)), _spaced(m.group(3)), read[0], read[1], read[2]

    def _written(self, prefix: str, scripts: str) -> str | None:
        """The gradient the name ``prefix`` with ``scripts`` stands for, or None: a directive's name exactly as
        it gives it (``G_X``, never ``G_U`` for every U), the page's as it defines it."""
        if prefix in self.given:
            return next((w for read in sorted(self.given[prefix]) if (w := self._as(*read, scripts, False) or
                         _entry_of(*read, scripts))), None)
        return self._as(*self.names[prefix], scripts, True)

    @staticmethod
    def _as(own: str, loss: str, variable: str, scripts: str, generic: bool) -> str | None:
        """The gradient ``scripts`` stands for under the definition (own scripts, loss, variable)."""
        if generic and _generic(own, loss, variable) and (m := re.fullmatch(r"_(?:\{([^{}]+)\}|([A-Za-z]))(\^(?:\{(?:T|\\top|\\mathsf\{T\}|\\mathsf T)\}|T|\\top))?",
                                          _spaced(scripts).replace("\\mathsfT", "\\mathsf T"))):
            grad = rf"\frac{{\partial {loss}}}{{\partial {m.group(1) or m.group(2)}}}"       # G_U := ∂L/∂U: G_X is ∂L/∂X
            return rf"\left({grad}\right)^{{T}}" if m.group(3) else grad
        if _spaced(scripts) == own:
            return rf"\frac{{\partial {loss}}}{{\partial {variable}}}"
        spaced = _spaced(scripts)
        if (own.endswith("}") and (m := _TRANSPOSED.fullmatch(spaced)) and m.group(1) == own[:-1]) or (
                (m := _TRANSPOSE_AFTER.fullmatch(spaced)) and m.group(1) == own):       # dZ^{[l] T}, \bar{Z}^T
            return rf"\left(\frac{{\partial {loss}}}{{\partial {variable}}}\right)^{{T}}"
        spaced = _spaced(variable)
        if own and spaced.endswith(own):           # dA^{[l-1]} := ∂J/∂A^{[l-1]}: dA^{[l]} is ∂J/∂A^{[l]}
            return rf"\frac{{\partial {loss}}}{{\partial {spaced[:-len(own)]}{scripts.strip()}}}"
        return None

    def _substitute(self, text: str) -> str:
        for prefix in sorted(set(self.names) | set(self.given), key=len, reverse=True):
            pattern = re.compile(_name(prefix) + "(" + SCRIPTS + ")")
            out, pos = [], 0
            for m in pattern.finditer(text):
                before, after = text[:m.start()].rstrip(), text[m.end():].lstrip()
                if before.endswith(("/", "{")) or after.startswith(("/", "(", "'", "\\left", "\\prime")) or (
                        written := self._written(prefix, m.group(1))) is None:
                    continue                         # \frac{dJ}{dZ}, dJ/dZ: a differential; g(z), g': a function
                out.append(text[pos:m.start()] + written)
                pos = m.end()
            text = "".join(out) + text[pos:]
        return text

    def plain(self, latex: str) -> str:
        """``latex`` with the page's ``D_jS_i`` written as the derivative it names (every reader reads it so)."""
        if not self.operator:
            return latex
        fn, var = self.operator
        return re.sub(_d_entry(re.escape(fn)), lambda m: rf"\frac{{\partial {fn}_{{{m.group(3) or m.group(4)}}}}}"
                      rf"{{\partial {var}_{{{m.group(1) or m.group(2)}}}}}", latex)

    def row(self, latex: str) -> tuple[str, str | tuple | None]:
        """(the row as its claim, with the page's names written as gradients; the detail of a
        definition when the row only names a gradient, ("unchecked", why) when it writes a name
        whose meaning the page leaves open, else None)."""
        if self.operator and _D_DEFINED.fullmatch(latex.strip().rstrip("\\").strip()) and latex not in self.continued:
            return latex, f"names ∂{self.operator[0]}_i/∂{self.operator[1]}_j D_j{self.operator[0]}_i"   # where "= …" rows
        if not self.names and not self.given and not self.star and not self.doubtful:
            return latex, None
        read = self._definition(latex)
        if read is not None and not latex[read[4]:].strip():
            return latex, f"names ∂{read[2]}/∂{read[3]} {read[0]}{read[1]}"
        used = [p for p in self.doubtful if re.search(_name(p), latex)]
        if used:
            return latex, ("unchecked", f"the page names {used[0]} as a gradient, but of another loss than its claims', "
                                        f"scaled, more than one way, or renames it in its prose: which one this row means is not settled")
        if read is not None:
            rest = latex[read[4]:]
            latex = rf"\frac{{\partial {read[2]}}}{{\partial {read[3]}}} " + rest.lstrip()
        elif self.convention and (m := _LEFT_D.match(latex)) and _spaced(m.group(1)) not in self.names and \
                not _BATCHED.search(latex):        # dw = \frac{1}{m} \sum_i …: Ng's batch cost J, not the example's L
            latex = rf"\frac{{\partial {self.convention}}}{{\partial {m.group(2)}{m.group(3).strip()}}} = " + latex[m.end():]
        if self.names or self.given:
            latex = self._substitute(latex)
        if self.star:
            latex = _BINARY_STAR.sub(lambda m: f"{m.group(1) or ' '}\\odot ", latex)
        return latex, None
