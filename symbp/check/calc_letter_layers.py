r"""Networks whose index letters name their layers, for the scalar-layer reader
(:mod:`symbp.check.calc_graph`).

The textbook derivation of backpropagation through a two-layer network (Bishop, and most
lecture notes after it) tells its layers apart by the index letter alone: ``x_i`` the inputs,
``z_j = b_j + \sum_i x_i w_{ij}`` and ``a_j = g_j(z_j)`` the hidden layer,
``z_k = b_k + \sum_j a_j w_{jk}`` and ``a_k = g_k(z_k)`` the output layer, ``E = \frac12
\sum_k (a_k - t_k)^2``.  ``z_j`` and ``z_k`` are then two different vectors, and ``w_{ij}``
and ``w_{jk}`` two different matrices.  :class:`LetterLayers` reads that convention from a
document's forward rows and writes every name with its layer: ``z_j`` as ``z^{[j]}_j``,
``w_{jk}`` as ``w^{[jk]}_{jk}``, the activation ``g_k(…)`` as the named activation
``\phi_{gk}(…)`` (its own unknown function, :mod:`symbp.check.calc_activations`), so that the
scalar-layer reader sees one name per layer and checks claims that cross layers
(``\frac{\partial E}{\partial w_{ij}} = \sum_k \delta_k w_{jk} g_j'(z_j) x_i``) entry by entry.

The convention is read only where it is unambiguous, else nothing is renamed:

* a forward row ``N_y = … \sum_x … W_{xy} …`` (or ``W_{yx}``) links two letters x ≠ y, and
  some name is written with two different layer letters (``z_j`` and ``z_k``);
* every sum over a layer letter in a forward row with a layer letter on its left side runs
  over a letter one of that row's weights carries (``p_k = e^{z_k} / \sum_j e^{z_j}`` reuses
  j as a dummy over the output layer: not this convention);
* no name of a layer is also written with another index (``z_{k'}``, ``z_1``), and no weight
  is written with its two letters in both orders (``w_{jk}`` and ``w_{kj}``).

>>> layers = LetterLayers([r"z_j = b_j + \sum_i x_i w_{ij}", r"a_j = g_j(z_j)",
...                        r"z_k = b_k + \sum_j a_j w_{jk}", r"a_k = g_k(z_k)"])
>>> layers.active, sorted(layers.letters)
(True, ['i', 'j', 'k'])
>>> layers.rename(r"\frac{\partial E}{\partial w_{jk}} = (a_k - t_k) g_k'(z_k) a_j")
"\\frac{\\partial E}{\\partial w^{[jk]}_{jk}} = (a^{[k]}_{k} - t^{[k]}_{k}) \\phi'_{gk}(z^{[k]}_{k}) a^{[j]}_{j}"
>>> LetterLayers([r"p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}", r"z_k = \sum_j w_{kj} x_j"]).active
False
"""
from __future__ import annotations

import re

from .calc_graph import _DISPLAY, CalcGraph

_ROW_SPLIT = re.compile(r"\\\\|\\q?quad(?![A-Za-z])|\\tag\s*\{[^{}]*\}")
_NAME = r"(?<![\\A-Za-z])([A-Za-z])"
_SCRIPT1 = r"\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))(?!\s*')"
_ONE = re.compile(_NAME + r"(?!\s*\^)" + _SCRIPT1)                          # z_j, z_{j}
_TWO = re.compile(_NAME + r"(?!\s*\^)\s*_\s*\{\s*([a-z])\s*,?\s*([a-z])\s*\}")   # w_{jk}, w_{j,k}
_ANY_INDEX = re.compile(_NAME + r"\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])")
_SUM = re.compile(r"\\sum\s*_\s*(?:\{\s*([a-z])(?:\s*=[^{}]*)?\s*\}|([a-z]))")
_LEFT = re.compile(r"^\s*" + _NAME + _SCRIPT1 + r"\s*$")
_CALL = re.compile(r"(?<![\\A-Za-z])([fgh])\s*('|\^\s*\{\s*\\prime\s*\})?\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))"
                   r"\s*('|\^\s*\{\s*\\prime\s*\})?\s*(?=\(|\\left\s*\()")
_BARE_CALL = re.compile(r"(?<![\\A-Za-z])([fgh])\s*('|\^\s*\{\s*\\prime\s*\})?\s*\(\s*(?=[A-Za-z]\s*_\s*\{\s*([a-z])\s*\})")
_INLINE = re.compile(r"(?<![$\\])\$([^$\n]{3,80})\$(?!\$)")
_PROSE_DEF = re.compile(r"^\s*[A-Za-z]\s*_\s*\{\s*([a-z])\s*\}\s*=\s*(?:[fgh](?:\s*_\s*\{\s*[a-z]\s*\})?|\\sigma|\\phi|\\tanh)"
                        r"\s*\(\s*[A-Za-z]\s*_\s*\{\s*([a-z])\s*\}\s*\)\s*$")       # a_j = g_j(z_j)
_LABELLED = re.compile(r"([A-Za-z])\^\[([a-z]{1,2})\]")


_MARKUP = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}|\\color\s*\{[^{}]*\}|&")


_BARE_SCRIPT = re.compile(r"(?<!\\)_\s*([A-Za-z0-9])(?!\s*')")


def _braced(latex: str) -> str:
    """``a_jw_{jk}`` as ``a_{j} w_{jk}``: a one-character subscript braced, so that the letter
    after it starts a name."""
    return _BARE_SCRIPT.sub(lambda m: "_{" + m.group(1) + "}" + " " * bool(re.match(
        r"[A-Za-z\\]", latex[m.end():m.end() + 1])), latex)


def _rows(display: str) -> list:
    return [_MARKUP.sub(" ", r) for r in _ROW_SPLIT.split(_braced(display)) if r.strip()]


class LetterLayers:
    """Whether a document's forward rows name layers by index letters, and the renaming."""

    @classmethod
    def of_page(cls, text: str) -> "LetterLayers":
        """The convention as a page's display equations (``$$ … $$``, ``\\[ … \\]``) state it."""
        return cls([m.group(1) or m.group(2) or "" for m in _DISPLAY.finditer(text)])

    def __init__(self, displays: list):
        self.letters: set = set()
        self.active = False
        self.mixed: set = set()           # names defined in two layers where the convention is not read
        links, rows, defined, heads = set(), [], {}, []
        for display in displays:
            left = None
            for row in _rows(display):
                sides = row.split("=")
                if _LEFT.match(sides[0]):
                    heads.append(row)         # a row that opens with a forward's name: _note reads it
                if len(sides) < 2 or (sides[0].strip() and not _LEFT.match(sides[0])):
                    left = None
                    continue
                left = _LEFT.match(sides[0]) or left          # z_k = … \\ = …: the rows go on
                if not left:
                    continue
                right = "=".join(sides[1:])
                sums = {m.group(1) or m.group(2) for m in _SUM.finditer(right)}
                pairs = {(m.group(2), m.group(3)) for m in _TWO.finditer(right)}
                links |= {(x, q if x == p else p) for x in sums for p, q in pairs if x in (p, q) and p != q}
                rows.append((left.group(2) or left.group(3), sums, {x for pair in pairs for x in pair}))
                defined.setdefault(left.group(1), set()).add(left.group(2) or left.group(3))
        letters = {x for pair in links for x in pair}
        self.mixed = {n for n, v in defined.items() if len(v & letters) > 1}   # z_j = …, z_k = …
        for y, sums, weighted in rows:        # a dummy layer letter that no weight of the row carries
            if y in letters and any(x in letters and x != y and x not in weighted for x in sums):
                return
        text = _braced("\n".join(displays))
        used: dict = {}
        for m in _ONE.finditer(text):
            if (m.group(2) or m.group(3)) in letters:
                used.setdefault(m.group(1), set()).add(m.group(2) or m.group(3))
        layered = set(used)
        if not any(len(v) > 1 for v in used.values()):      # z_j and z_k: one name, two layers
            return
        for m in _ANY_INDEX.finditer(text):   # z_{k'}, z_1, z_{jk} beside z_k: which layer is not said
            index = m.group(2).strip("{} ").replace(",", "").replace(" ", "")
            if m.group(1) in layered and not (index in letters or (len(index) == 2 and set(index) <= letters)):
                return
        orders = {(m.group(1), m.group(2) + m.group(3)) for m in _TWO.finditer(text)
                  if {m.group(2), m.group(3)} <= letters}
        if any((n, o[::-1]) in orders and o[0] != o[1] for n, o in orders):
            return
        self.letters, self.active, self.mixed, self.defined = letters, True, set(), defined
        self.written: dict = {}               # name -> the index letters the forward rows give it
        for row in heads:
            self._note(row)

    def _note(self, row: str) -> None:
        for m in _ONE.finditer(row):
            self.written.setdefault(m.group(1), set()).add(m.group(2) or m.group(3))
        for m in _TWO.finditer(row):
            self.written.setdefault(m.group(1), set()).add(m.group(2) + m.group(3))

    def stray(self, latex: str) -> str | None:
        """Why a claim on this page is not read by any reader: it writes a forward's name with a
        layer letter no forward gives it (``x_j`` where x is the input layer's, x_i), or a layer's
        activation at another layer's value (``g_j'(z_k)``); else None."""
        if not self.active or not any(len(v & self.letters) > 1 for v in self.defined.values()):
            return None                       # only where a forward defines one name in two layers (z_j, z_k)
        text = _braced(latex)
        for m in _CALL.finditer(text):
            arg = re.match(r"\s*\(\s*[A-Za-z]\s*_\s*\{\s*([a-z])\s*\}", text[m.end():])
            x = m.group(3) or m.group(4)
            if arg and x in self.letters and arg.group(1) in self.letters and arg.group(1) != x:
                return f"{m.group(1)}_{x} is layer {x}'s activation, written at a layer-{arg.group(1)} value"
        pairs = [(m.group(1), m.group(2) or m.group(3)) for m in _ONE.finditer(_CALL.sub(" ", text))] + \
            [(m.group(1), m.group(2) + m.group(3)) for m in _TWO.finditer(text)]
        for name, index in pairs:
            if name in self.written and set(index) <= self.letters and index not in self.written[name]:
                return (f"{name}_{{{index}}} is written with layer letters no forward gives {name} "
                        f"({', '.join(sorted(self.written[name]))})")
        return None

    def unsure(self) -> str | None:
        """Why no verdict of the scalar-layer graph is kept on this page: it defines a name in two
        layers (``z_j = …``, ``z_k = …``) where the convention is not read, so one ``z`` would
        stand for both; else None."""
        if not self.mixed:
            return None
        both = sorted(self.mixed)             # every value of the graph may pass through either z
        return (f"{both[0]} is defined for two layers by its index letter ({both[0]}_j = …, {both[0]}_k = …), "
                "but the page does not keep to that convention throughout (a weight written with its "
                "letters in both orders, a primed or numbered index, a dummy sum reusing a layer letter): "
                "which layer's " + both[0] + " is meant is not guessed")

    def rename(self, latex: str) -> str:
        """``latex`` with each layer's names written with their layer (unchanged when the
        document does not use the convention)."""
        if not self.active:
            return latex
        letters = self.letters

        def call(m):
            x = m.group(3) or m.group(4)
            if x not in letters:
                return m.group(0)
            prime = "'" if (m.group(2) or m.group(5)) else ""
            return rf"\phi{prime}_{{{m.group(1)}{x}}}"

        def bare(m):                          # g(z_k): the activation of z_k's layer
            x = m.group(3)
            return rf"\phi{chr(39) * bool(m.group(2))}_{{{m.group(1)}{x}}}(" if x in letters else m.group(0)

        def two(m):
            pair = m.group(2) + m.group(3)
            if not set(pair) <= letters:
                return m.group(0)
            return f"{m.group(1)}^{{[{''.join(sorted(pair))}]}}_{{{pair}}}"

        def one(m):
            x = m.group(2) or m.group(3)
            return f"{m.group(1)}^{{[{x}]}}_{{{x}}}" if x in letters else m.group(0)

        latex = _BARE_CALL.sub(bare, _CALL.sub(call, _braced(latex)))
        return _ONE.sub(one, _TWO.sub(two, latex))

    def prose_definitions(self, text: str) -> list:
        """The activations and weighted sums the prose defines inline (``$a_j = g_j(z_j)$``,
        ``$a_k = g(z_k)$``, ``$h_j = \\sigma(z_j)$``, ``$z_k = b_k + \\sum_j a_j w_{jk}$``),
        renamed: many pages write a layer's forward only there."""
        if not self.active:
            return []
        rows = []
        for m in _INLINE.finditer(text):
            row = _braced(m.group(1))
            own = _PROSE_DEF.match(row)
            sides = row.split("=")
            left = _LEFT.match(sides[0]) if len(sides) == 2 else None
            linear = left and (left.group(2) or left.group(3)) in self.letters and _SUM.search(sides[1]) \
                and _TWO.search(sides[1])                       # $z_k = b_k + \sum_j a_j w_{jk}$
            if (own and own.group(1) == own.group(2) and own.group(1) in self.letters) or linear:
                rows.append(self.rename(row))
                self._note(row)
                head = _LEFT.match(sides[0]) if len(sides) == 2 else re.match(r"\s*([A-Za-z])\s*_\s*\{\s*([a-z])", row)
                if head:
                    self.defined.setdefault(head.group(1), set()).add(head.group(2) or head.group(3))
        return rows

    def shown(self, detail: str) -> str:
        """A reader's detail with the renamed names written back (``z^[k]`` as ``z[k]``) and
        the reading said."""
        if not self.active:
            return detail
        return _LABELLED.sub(lambda m: f"{m.group(1)}[{m.group(2)}]", detail) + (
            "; read with each index letter its own layer (" + ", ".join(sorted(self.letters)) +
            "): z_j and z_k are two layers' z")




class LayeredCalcGraph(CalcGraph):
    """:class:`~symbp.check.calc_graph.CalcGraph` over a document read through its
    :class:`LetterLayers` (the names renamed before the graph sees them, the details written
    back)."""

    layers = LetterLayers([])

    def document(self, text: str) -> None:
        self.layers = LetterLayers.of_page(text)
        self.prose_rows = self.layers.prose_definitions(text)       # $a_j = g_j(z_j)$ in the text
        super().document(self.layers.rename(text))

    def section(self, settings: dict, latex: list, displays=(), spans=()) -> None:
        rename = self.layers.rename
        super().section(settings, [rename(d) for d in latex] + getattr(self, "prose_rows", []),
                        [(line, rename(d)) for line, d in displays], spans)

    def check(self, latex: str, no_names: bool = False):
        found = super().check(self.layers.rename(latex), no_names)
        why = self.layers.unsure() if found is not None and found[0] in ("holds", "refuted") else None
        if why:
            return "unchecked", why
        return found if found is None else (found[0], self.layers.shown(found[1]))

    def loss_is_not_standard(self, claim: str):
        return super().loss_is_not_standard(self.layers.rename(claim))


__all__ = ["LayeredCalcGraph", "LetterLayers"]
