r"""Scalar-function layers in index notation (softmax, cross-entropy, σ, tanh) and chain-rule
rows with derivative factors inside an expression, for ``symbp check`` on real documents.

:class:`CalcGraph` keeps a section's forward definitions (``p_i = \frac{\exp(o_i)}{\sum_j
\exp(o_j)}``, ``L = -\sum_i y_i \log p_i``, ``a = \sigma(z)``) as a computation graph and
checks a claim's sides entry by entry with every free index instantiated, exactly (:mod:`symbp.check.calc_exact`), at
the document's size (``classes=K``) or at C = 2, 3, 4.  A "holds" is re-evaluated by :mod:`symbp.witness.calc_witness`
(numbers, finite differences) before it is printed; a disagreement is an internal error.

>>> g = CalcGraph()
>>> g.section({}, [r"p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)}"])
>>> g.check(r"\frac{\partial p_i}{\partial o_k} = p_i(\delta_{ik} - p_k)")[0]
'holds'
>>> g.check(r"\frac{\partial p_i}{\partial o_k} = p_i(1 - p_k)")[0]
'refuted'
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_activations import bare_primes
from .calc_worked import page_values, worked_row
from .calc_batch import batch_mean, batch_view, loss_is_not_standard
from .calc_generic_loss import generic_loss, with_generic_loss
from .calc_calls import uncall, vector_functions
from .calc_entrywise import entrywise_forwards
from .calc_softmax_said import said_softmaxes
from .calc_class_index import class_label
from .calc_carry import carried, remember, said_labels, scalar_regression, unsettled
from .calc_exact import CalcEvalError, Evaluator
from .calc_bare import bare_identity, softmax_identity
from .calc_explicit import explicit_derivative
from .calc_inline import ProseDefinitions, prose_clash
from .calc_sigma import PageSigma, own_sigma, section_sigma
from .calc_scalar_fn import ScalarFunctions
from .condition_places import DISPLAY as _DISPLAY, display_conditions
from .calc_order import after_redefinition, settled, display_hits, sigma_said, where_next, whole_again
from .calc_chapters import ChapterStates, chapter_groups, crosses_chapters
from .calc_prose import CONDITION, TARGET_SETTINGS, UNREAD, heading_condition, row_condition, target_assumption
from .calc_numbered import labelled_letters, numbered_names, reads_label_as_power, renamed, single_output
from .calc_rows import (CONVOLUTION_HINTS, TRAILING as _TRAILING, clean_row, flat_row as _flat, convolution_star, definition_letters, first_read, forward_sides, let_definition, let_rows, parsed_rows, SCALAR_SAID, declared_arrays, rows_of as _rows, spelled_out, split_sides, vector_page)
from .calc_parse import CalcParseError, parse_expression, parse_list
from .calc_dims import cross_entropy_target, written_base
from .calc_directive import directive_rows, needed_rows, unread_stand_ins
from .calc_dnames import as_gradients, declared_gradients, delta_gradients, directive_gradients
from .doc_letters import DocumentLetters
from .fc_typography import plain_typography
from .layer_activations import LabelledActivations
from .calc_tree import bind_names, kinds_in, names_in, nodes, per_sample, refs, replace_subtree, unnormalized_exp, written_values
from .calc_vector import check_vector_claim, plain_names
from .prose_roles import speaks_of_convolution
from .calc_verdict import diagonal_pairs, judge
from .calc_paths import count_axes, count_letters, entrywise, judge_paths, leaf_products, matrix_rows, norm_count, norm_layer, said_layer, said_rows, statistics_forward
from .equation_rows import split_rows

_FORWARD_KINDS = {"exp", "log", "sigma", "tanh"}
_LIST_MARKS = re.compile(r"(?m)^\s*(?:[-*+>]|\d{1,2}[.)])(?=\s|$)")     # "- $$ … $$" rows of a list: no prose
_HOT = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*_\s*\{?\s*([a-z])\s*\}?\s*=\s*1(?![\d.]|,\d)")
_TRUE_CLASS = re.compile(r"(?:true|correct|target|actual)\s+(?:class|label|category)\s+\$\s*([a-z])\s*\$|\$\s*([a-z])\s*\$\s*"
                         r"(?:is|denotes|be)\s+(?:the\s+)?(?:index\s+of\s+the\s+)?(?:true|correct|target|actual)\s+(?:class|label|category)", re.I)
_CLASS_COUNT = re.compile(r"(?<![\d.])(\d)\$?\s+(?:classes|categories|个类|类)")
_SOFTMAX = re.compile(r"\\(?:exp|log|ln)(?![A-Za-z])|softmax")
SOFTMAX_UNREAD = ("exp / log are read only over the section's own forward definitions (p_i = "
                  "\\frac{\\exp(o_i)}{\\sum_j \\exp(o_j)}, L = -\\sum_i y_i \\log p_i) and none "
                  "gives this equation's names; <!-- symbp: layer=softmax classes=K --> "
                  "checks the vector form (dJ/dz = softmax(z) - y)")


class CalcGraph:
    """A section's scalar forward definitions, and the checks of claims over them."""

    def __init__(self):
        self.defs: dict = {}
        self.leaves: set = set()
        self.size, self.target, self.base = None, None, 1   # class count, cross-entropy target, entries from
        self.last_lhs = None
        self._raw, self._starts, self._linear, self._evaluators = [], [], {}, {}   # _starts: where displays start
        self.sigma = "general"               # what σ is: sigmoid, tanh or left general
        self.named_sigma = "general"         # what σ_h, σ_o are: the directive's, else each its own
        self._sigmas, self._prose_sigma = PageSigma(""), "general"
        self._prose_classes, self._prose_defs = None, []
        self.target_stated = None            # the prose's words that the target sums to 1
        self.batch = None                    # (loss, batch-size letter) of a mean over samples
        self._earlier: dict = {}             # the sections above's definitions (calc_carry)

    def document(self, text: str) -> None:
        """Each display's condition (the prose before it, ``If $i = k$:``, or its own tail,
        ``…, \\quad i = j``) and whether it follows the previous display with no prose between."""
        self._raw, prev_end, heading, self._spans, self._earlier, self._headed = [], 0, None, [], {}, set()
        self._starts = []
        text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)   # lines kept
        self._calls = vector_functions(text)                     # σ_i(z) = …: σ_s(z) is σ's entry s
        self.label = class_label(text)                           # s_{y_i}: y_i the true class, read as y
        self.hot_said = {(m.group(1), m.group(2)) for m in _HOT.finditer(text)} | {    # y_c = 1: c the true class
            ("*", m.group(1) or m.group(2)) for m in _TRUE_CLASS.finditer(text)}           # "$c$ is the true class"
        text = self._own_names(text, page=True)
        self._text, self._values = text, page_values(text)        # a worked example's data (calc_worked)
        self._dnames = declared_gradients(text)                   # "(denoted $dy_j$)": dy_j is ∂L/∂y_j
        self._prose_defs = said_softmaxes(text)                  # p = softmax(x), \hat y = a^{(2)} = softmax(z^{(2)})
        self._sigmas = PageSigma(text)                   # σ(z) = tanh(z), "σ denotes …", "sigmoid"
        self._prose_sigma, self._prose_rows = self._sigmas.page, ProseDefinitions(text)   # $p = \tanh(z)$ in words
        self._labels = labelled_letters(text)            # a^1, z^1: a^2 is a layer's a, not a squared
        counts = set(_CLASS_COUNT.findall(text))         # "3 classes", "$K = 3$ classes"
        self._prose_target = target_assumption(text)     # "y is a one-hot vector", 独热, "label"
        self._prose_classes = counts.pop() if len(counts) == 1 else None
        self._letters = letters = DocumentLetters(text)
        activations = LabelledActivations(text)
        found = list(_DISPLAY.finditer(text))        # "If $i = k$:" before a display, or "if $i = j$." after it
        for m, said in zip(found, display_conditions(text, [x.span() for x in found])):
            body, between, prev_end = m.group(1) or m.group(2) or "", text[prev_end:m.start()], m.end()
            heading = heading_condition(between, heading)    # "### When $j \neq i$" rules below it
            cond = said or heading
            tail = _TRAILING.search(body)
            if tail:
                cond = ("eq" if tail.group(2) == "=" else "ne", tail.group(1), tail.group(3))
            cond = row_condition(re.split(r"\\\\", body, maxsplit=1)[0]) or cond   # if \ s = i, \\ = …
            flat = _flat(letters.plain(plain_typography(activations.plain(body))))   # the rows as the readers see them (\bigg, ∂/∂x f, 𝓛 as J,
            #                                      \qquad (3), x_1 + … + x_n as Σ: as check_text writes them)
            self._raw.append((flat, cond, bool(self._raw) and not _LIST_MARKS.sub("", between).strip()))
            self._spans.append((text.count("\n", 0, m.start()) + 1, text.count("\n", 0, m.end()) + 1))
            self._starts.append(m.start())
            self._headed |= {len(self._raw) - 1} if re.search(r"(?m)^\s*#", between) else set()   # a heading before it

    def _own_names(self, latex: str, line: int | None = None, page: bool = False) -> str:
        """``latex`` with the document's entry notations as this reader's names (calc_calls)."""
        latex = uncall(latex, self._calls, line, page) if getattr(self, "_calls", None) else latex
        label = getattr(self, "label", None)
        return latex if label is None else label.page(latex) if page else label.plain(latex)

    def _where(self, row: str):
        """The index of the document display that holds ``row`` (None when not found)."""
        flat = _flat(_TRAILING.sub("", row))
        hits = display_hits(self, flat)
        exact = [k for k in hits if self._raw[k][0] == flat]
        return (exact or hits or [None])[0]

    def _continues(self, row: str) -> bool:
        """A row ``= …`` continues the last left side: in the same display, or in displays
        that follow it with no prose between."""
        if self.last_lhs is None:
            return False
        here, there = self._where(row), self.last_lhs[1]
        if here is None or there is None:
            return _flat(row) in self.last_lhs[2]
        body = self._raw[here][0]                     # the left side's row repeated in row's display
        if -1 < body.find(self.last_lhs[2]) < body.find(_flat(_TRAILING.sub("", row))):
            return True
        return there <= here and all(self._raw[k][2] for k in range(there + 1, here + 1))

    def _follows(self, there, here) -> bool:
        """Display ``here`` continues display ``there``: the same one, or later ones with no
        prose between."""
        if there is None or here is None:
            return there == here
        return there <= here and all(self._raw[k][2] for k in range(there + 1, here + 1))

    def section(self, settings: dict, latex: list, displays=(), spans=()) -> None:
        """Start a section: read its definitions from every display (any order); a section
        whose names are defined twice under different headings (``displays``: (line, latex) of
        its displays, ``spans``: the document's chapters) is read chapter by chapter
        (:mod:`symbp.check.calc_chapters`)."""
        before, self._chapters, self._first_at = self._earlier, None, {}
        self._read(settings, latex)
        if displays and self._redefined and crosses_chapters(
                self._redefined, self._first_at.get, lambda k: self._spans[k][0] if k < len(self._spans) else None, spans):
            self._earlier, states = before, []
            for span, part in chapter_groups(displays, spans):
                self._first_at = {}
                self._read({**settings, "chapter": True}, part)
                states.append((span, {k: v for k, v in self.__dict__.items() if k not in ("line", "_chapters")}))
            self._chapters = ChapterStates(states)

    def _read(self, settings: dict, latex: list) -> None:
        latex = single_output([self._own_names(d) for d in latex])     # ŷ beside ŷ_1 alone: ŷ_1
        self.defs, self.leaves, self.last_lhs, self.target = {}, set(), None, None
        self.batch = None
        self._evaluators = {}
        self.functions = ScalarFunctions(latex, getattr(self, "functions", None), getattr(self, "_text", ""))  # g(z) = \frac{1}{1+e^{-z}}
        name = str(settings.get("name", "") or "").lower()
        self.named_sigma = {"sigmoid": "sigmoid", "tanh": "tanh"}.get(name, "general")   # σ_h, σ_o
        self.sigma = self._section_sigma = own_sigma(latex) or {"sigmoid": "sigmoid", "tanh": "tanh"}.get(name) or section_sigma(latex, self._prose_sigma)   # σ = tanh written: its own
        self._local_sigma = not name and len({k for _, k in self._sigmas.marks}) > 1   # ReLU's σ, then the sigmoid's
        norm, self.norm_layer, self._dwords = norm_count(settings), norm_layer(settings), directive_gradients(settings, getattr(self, "_text", ""), getattr(self, "_letters", None))
        classes = str(settings.get("classes", "") or norm or self._prose_classes or "")
        self.size_said = norm and "C the entries the directive's batch or layer norm runs over"
        self.size = int(classes) if classes.isdigit() and 1 <= int(classes) <= 8 else None
        self._written: dict = {}            # name -> the size its written entries / list imply
        self.base = written_base(settings, latex)     # y_0, \sum_{k=0}: entries counted from 0
        page = getattr(self, "_text", "")
        self._convolving = str(settings.get("layer", "")).startswith(("conv", "maxpool", "avgpool")) or \
            speaks_of_convolution(page) or CONVOLUTION_HINTS.search(page) is not None   # X * W: a convolution
        prose = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]", " ", page, flags=re.S)
        self.vectors = vector_page(settings, latex, prose, arrays := declared_arrays(prose))   # W x, δ ⊙ σ', "$x$ is a vector"
        self.arrays, self.numbers_said = arrays, SCALAR_SAID.search(prose) is not None     # "w, x are single numbers"
        self._linear, self._refused, self._redefined, self._restated, self._sigma_said, self._squared, self._expected = {}, set(), {}, {}, None, set(), set()
        self._numbered = numbered_names(rows := parsed_rows(latex))          # z_1 = w_1 x + b_1: z_1 a name
        self.diagonal = diagonal_pairs(rows)           # ∂p_i/∂z_i written apart: ∂p_i/∂z_j the rest
        lhs = None                                    # (left side, display) a row "= …" continues
        for display in latex:
            for row in [r for d in _rows(display) for r in split_rows(d)]:
                sides = split_sides(clean_row(row))
                if len(sides) > 1 and not sides[0].strip():
                    if lhs is None or not self._follows(lhs[1], self._where(row)):
                        continue
                    row = lhs[0] + row                # P &= softmax(Y) \\ &= [e^{y_1}/S, …]
                elif len(sides) > 1:
                    lhs = (sides[0], self._where(row))
                self._definition(row)
        used = set().union(*[names_in(t) for _, t in {**self.defs, **self._linear}.values()])    # (\text{Let } … = t): a new t
        self.lets = {row.split("=")[0].strip() for row in let_rows(latex) if row.split("=")[0].strip() not in used and self._definition(row)}
        self._per_feature = (self.norm_layer or said_layer(prose)) == "layernorm"      # a layer norm's γ_i, β_i (once a section)
        read = entrywise_forwards({**self._linear, **self.defs}, rows, self._restated, self._per_feature)   # X̂ = (X - μ)/σ
        self._refused |= (set(self._linear) | set(self.defs)) - set(read)   # Y = γ ⊙ \hat{X} + β beside it: not guessed
        self._linear, self.defs = {k: read[k] for k in self._linear if k in read}, {k: read[k] for k in self.defs if k in read}
        directive = [getattr(self, "_letters", None) and self._letters.plain(row) or row   # 𝓛 as J, as the claims
                     for row in directive_rows(settings, latex)]       # names: a=input y=output: its softmax, σ
        inline = self._prose_rows.stated_near(near := [self._starts[k] for k in map(self._where, latex) if k is not None and k < len(self._starts)]) if hasattr(self, "_prose_rows") else []   # "where $\hat{x}_i = …$"
        unread = unread_stand_ins(directive, latex, {**self.defs, **self._linear}, inline, self._definition)   # x̂ ← … unread
        for row in needed_rows(directive, {**self.defs, **self._linear, **unread}, lambda own: carried(own, self._earlier, settings, prose=prose)):
            self._definition(row)
        self.defs.update(unread)
        for name, arg in self._prose_defs:            # p = softmax(x) said in the text
            self.defs.setdefault(name, (("i",), parse_expression(rf"\frac{{\exp({arg}_i)}}{{\sum_j \exp({arg}_j)}}")))
        for row in self._prose_rows.missing({**self._linear, **self.defs}, near) if hasattr(self, "_prose_rows") else ():
            self._definition(row)                      # "the loss is $L = -Σ_k y_k \log p_k$"
        said, self.norm_assumed = said_rows({**self._linear, **self.defs}, prose, latex, settings)   # "μ the mean"
        unread = unread_stand_ins(said, latex, {**self.defs, **self._linear}, inline, self._definition)   # never over the page's
        self._said = needed_rows(said, {**self.defs, **self._linear, **unread}, lambda own: {})
        for row in self._said:
            self._definition(row)
        self.defs.update(unread)
        self._join()
        self.defs, self._redefined, said, self._spread = settled(self.defs, self._redefined, self._restated, self.sigma, self.fixed_letters())
        if said:                                      # a = σ(z), then a = 1 / (1 + e^{-z}): σ the sigmoid
            self.sigma, self._section_sigma, self._sigma_said = said[0], said[0], said
        self.unsettled = unsettled(self.defs, self._earlier, settings)   # a_j softmax and sigmoid above
        self.defs = {**said_labels(self.defs, prose), **carried(self.defs, self._earlier, settings, self._linear, prose)}   # a_j = softmax above: H's a
        self._numbered = numbered_names(rows, set(self.defs), set().union(   # z_2, w_2 above: here too
            *[names_in(t) for _, t in self.defs.values()]))
        self._join()                                                      # L = ½(y - ŷ)², ŷ above
        self._earlier = remember(self._earlier, self.defs, settings, self._redefined)
        self.target = cross_entropy_target(self.defs)
        said = str(settings.get("target", "") or "").lower()   # <!-- symbp: target=one-hot -->
        self.target_stated = (f"the directive target={said}" if said in TARGET_SETTINGS else
                              getattr(self, "_prose_target", None))
        written = {n for name, n in self._written.items() if name in self.defs}
        if self.size is None and len(written) == 1 and 2 <= min(written) <= 8:
            self.size = written.pop()               # S = e^{y_1} + e^{y_2} + e^{y_3}: three classes
        self.leaves = set().union(*[names_in(t) for _, t in self.defs.values()]) - set(self.defs) \
            if self.defs else set()
        if self._squared & self.leaves:               # x̂ = (x - μ)/\sqrt{s^2 + ε} with s² defined as a square: s no leaf
            self.defs, self.leaves = {}, set()
        earlier, own = getattr(self, "_count_letters", {}), count_letters(list(latex) + directive + self._said, self.defs, norm_count(settings),
                                                                       [b for b, *_ in self._raw])
        self._count_letters = {k: earlier.get(k, set()) | own.get(k, set()) for k in set(earlier) | set(own)}
        self.counts = {} if self.batch else count_axes(self._count_letters, self.defs)   # forward carried with its m

    # ------------------------------------------------------------------ definitions
    def _join(self) -> None:
        """The linear layers and losses joined to the exp / log / σ definitions they meet (all, for a regression)."""
        for name in written_values(both := {**self._linear, **self.defs}) | matrix_rows(both) | {   # x = 1 beside x_i: a
                n for n, (_, t) in both.items() if names_in(t) & self._expected}:     # value; z = W a + b read by entry: a leaf
            self._linear.pop(name, None), self.defs.pop(name, None)
        self.defs.update(self._linear if not self.defs and (scalar_regression(self._linear) or   # ŷ_i = w x_i + b;
                                                            statistics_forward(self._linear)) and not (   # μ, σ², x̂_i
            self.vectors and leaf_products(self._linear)) else {})       # w · x_i with x_i ∈ ℝ^3: a dot product
        while True:
            joined = {n: d for n, d in self._linear.items() if n not in self.defs and (
                names_in(d[1]) & set(self.defs) or any(n in names_in(t) for _, t in self.defs.values()))}
            if not joined:
                break
            self.defs.update(joined)
        if statistics_forward(self.defs):
            self.defs.update(entrywise(self.defs, self._per_feature))     # y = γ x̂ + β beside x̂_i = …: y_i = γ x̂_i + β

    def _spelled(self, rhs, sides: list, row: str, defined: str) -> None:
        """Bind the names a later side writes out (J = f(p) = f(σ(z)): p := σ(z)); a name bound
        otherwise above is a second definition (p = tanh(z) there): the chapters then split."""
        for name, tree in spelled_out(rhs, sides[1:], {defined}, _FORWARD_KINDS).items():
            first = self.defs.get(name) or self._linear.get(name)
            if first is None:
                self.defs[name] = tree
            elif first[1] != tree[1]:
                self._redefined.setdefault(name, self._where(row))
                self._restated.setdefault(name, []).append((tree[1], self._where(row), tree[0]))

    def _definition(self, row: str) -> bool:
        sides, taken = forward_sides(row, self._convolving)      # X * W, w_1 = 0.15, \hat{x} = (x - E[x]) / …
        self._expected |= taken                                   # what reads E[x] (y = γ \hat{x} + β): no forward
        if sides is None:
            return False
        try:
            lhs = renamed(parse_expression(sides[0]), self._numbered)
            listed = parse_list(sides[1])             # P = [e^{y_1}/S, e^{y_2}/S, e^{y_3}/S]
            if listed is not None and lhs[0] == "ref" and not lhs[2]:
                lhs = ("ref", lhs[1], (((1, _ENTRY),),))
                self._written[lhs[1]] = len(listed)
            rhs = renamed(("pick", _ENTRY, listed) if listed is not None else first_read(
                sides[1:], set(self.defs) | set(self._linear)), self._numbered)
        except (CalcParseError, RecursionError):
            return False
        if lhs[0] == "pow" and lhs[1][0] == "ref":
            self._squared.add(lhs[1][1])              # s^2 = \frac{1}{m-1}Σ …: s² defined, s itself never
        first = (self.defs.get(lhs[1]) or self._linear.get(lhs[1])) if lhs[0] == "ref" else None
        if first is not None and whole_again(lhs, rhs, first):    # S_{ik} = Σ_p …, then S = O W + b; L = Σ_i L_i:
            return False                                           # the whole again, or the total: no second S
        if first is not None and rhs != first[1] and "partial" not in kinds_in(rhs):   # ½(ŷ-y)², later
            self._redefined.setdefault(lhs[1], self._where(row))   # -y log ŷ - …: L = … again, which L?
            self._restated.setdefault(lhs[1], []).append((rhs, self._where(row), tuple(
                ix[0][1] if len(ix) == 1 and ix[0][0] == 1 else None for ix in lhs[2])))
        if first is not None and rhs == first[1] and "partial" not in kinds_in(rhs):
            self._spelled(rhs, sides, row, lhs[1])   # J = ½(p - y)² = ½(σ(z) - y)² after … = ½(tanh(z) - y)²
        if lhs[0] != "ref" or lhs[1] in set(self.defs) | set(self._linear) | self._refused or "partial" in kinds_in(rhs) \
                or (not names_in(rhs) and re.search(r"\d\.\d", sides[1])):    # h = σ(0.1) ≈ 0.525: a value
            return False
        if unnormalized_exp(rhs, set(self.defs) | set(self._linear)):    # y_i = η e^{x_i}, η in words
            self._refused.add(lhs[1])
            return False
        mean = batch_mean(rhs) if per_sample(rhs) and not lhs[2] and self.batch is None else None
        if mean:                             # L = -\frac1M Σ_i Σ_k T_k^{(i)} ln P_k^{(i)}: one
            self.batch, rhs, sides = (lhs[1], mean[0]), mean[1], sides[:2]   # sample's loss
        elif per_sample(rhs):                # no later row stands in for it
            self._refused.add(lhs[1])
            return False
        if (letters := definition_letters(lhs, rhs, self.fixed_letters(), self.base)) is None:
            return False
        written = {ix[0][0] + 1 - self.base for t in refs(rhs) for ix in t[2] if ix[0][1] is None} | {
            n[2][2] + 1 - n[2][1] for n in nodes(rhs) if n[0] == "sum" and n[2] and n[2][0] == "range"
            and n[2][1] in (0, 1) and n[2][2] is not None}             # \sum_{k=1}^{3}, \sum_{k=0}^{2}
        if written:                           # e^{y_1} + e^{y_2} + e^{y_3}: y has (at least) 3 entries
            self._written[lhs[1]] = max(written)
        self._first_at.setdefault(lhs[1], self._where(row))
        self._spelled(rhs, sides, row, lhs[1])
        if not kinds_in(rhs) & _FORWARD_KINDS:            # z_j = Σ_k w_{jk} x_k + b_j, ½Σ(a-y)²:
            self._linear[lhs[1]] = (tuple(letters), rhs)  # kept if an exp/log/σ layer is beside it
            return True
        self.defs[lhs[1]] = (tuple(letters), rhs)
        for later in sides[1:]:               # L = -Σ y_j log p_j = -Σ ℓ_j: ℓ_j := y_j log p_j
            before = set(self.defs)
            try:
                bind_names(rhs, parse_expression(later), self.defs)
            except (CalcParseError, RecursionError):
                pass
            for name in set(self.defs) - before:          # a = σ(Σ w x + b) = σ(z): a reads z
                letters_, tree = self.defs[name]
                ref = ("ref", name, tuple(((1, x),) for x in letters_))
                self.defs[lhs[1]] = (self.defs[lhs[1]][0], replace_subtree(self.defs[lhs[1]][1], tree, ref))
        return True

    def loss_is_not_standard(self, claim: str):
        """:func:`symbp.check.calc_batch.loss_is_not_standard` of this section."""
        return loss_is_not_standard(self, claim)

    def known(self) -> set:
        return set(self.defs) | self.leaves

    # ------------------------------------------------------------------ claims
    def check(self, latex: str, no_names: bool = False):
        """(verdict, detail) for a claim over this section's definitions, ("definition", …)
        for a definition, or None when the claim is not one this graph reads (with
        ``no_names``, no other reader has names for it: exp / log say why, unchecked)."""
        if getattr(self, "_chapters", None):            # the state of the claim's chapter
            self._chapters.enter(self, getattr(self, "line", None))
        latex = bare_primes(self._own_names(latex, getattr(self, "line", None)), self.defs)     # φ' × w: φ'(z) × w
        if reads_label_as_power(latex, getattr(self, "_labels", set())):
            return None                                     # σ'(z^2) = a^2(1 - a^2): layer 2's, not squares
        here = where_next(self, _flat(_TRAILING.sub("", latex)))     # the row written twice: this line's
        offset = self._starts[here] if here is not None and here < len(self._starts) else float("inf")
        if getattr(self, "_local_sigma", False):        # σ defined twice on the page: the one above the claim
            self.sigma = (offset < float("inf") and self._sigmas.above(offset + 1)) or self._section_sigma
        if CONDITION.match(latex.rstrip(".,")) and any(
                cond and body.endswith(_flat(latex)) for body, cond, _ in self._raw):
            return "unchecked", "the condition of the claim beside it in the display, not a claim"
        if latex.lstrip().startswith("=") and self._where(latex) in getattr(self, "_headed", ()):
            self.functions.last_lhs = None          # "# Next" then "= …": no chain runs on under a heading
        try:
            found = self.functions.check(latex) if hasattr(self, "functions") else None
            found = found or (self._check(latex) if self.defs else None) or \
                bare_identity(self, latex) or softmax_identity(self, latex) or explicit_derivative(self, latex)   # σ' = σ(1-σ)
        except (ArithmeticError, LookupError, AttributeError, TypeError, ValueError,
                RecursionError, sp.PolynomialError):      # not this reader's: the others try
            found = None
        found = prose_clash(self._prose_rows, self.defs, latex, found, offset) if hasattr(self, "_prose_rows") else found
        if found is None and no_names and (_SOFTMAX.search(latex) or getattr(self, "unsettled", None)):
            return "unchecked", getattr(self, "unsettled", None) or SOFTMAX_UNREAD
        return found

    def _check(self, latex: str):
        rows = _rows(latex)
        results = [self._check_row(r, latex) for r in rows]
        if len(rows) == 1:
            return results[0]
        if all(r is None for r in results):
            return None
        results = [r or ("unchecked", "a row not read") for r in results]
        bad = next((k for k, r in enumerate(results) if r[0] == "refuted"), None)
        if bad is not None:
            return "refuted", f"row {bad + 1}: {results[bad][1]}"
        if all(r[0] in ("holds", "definition") for r in results):
            return "holds", f"all {len(rows)} rows hold: " + results[-1][1]
        k = next(k for k, r in enumerate(results) if r[0] not in ("holds", "definition"))
        return "unchecked", f"row {k + 1}: {results[k][1]}"

    def _check_row(self, row: str, display: str):
        if self._convolving and convolution_star(row):
            return None                     # ∂L/∂X = ∂L/∂Z * W on a convolution's page: the other readers'
        if (let := let_definition(row)) and let.split("=")[0].strip() not in getattr(self, "lets", ()):   # (\text{Let } \gamma = 1)
            return "unchecked", f"the row is stated under its remark ({let}), which sets a letter the forward has: not read"
        if row_condition(row):              # "if \ s = i," alone: what the rows after it assume
            return "unchecked", "a condition for the rows after it (checked under it), not a claim"
        sides = split_sides(_TRAILING.sub("", delta_gradients(clean_row(row), self._dwords)))   # δ_i: ∂L/∂y_i, directive's
        if len(sides) < 2:
            return None
        if sides[0].strip():        # a row with its own left side ends the chain before it: a
            self.last_lhs = None    # later "= …" never continues an older left side (set below)
        try:
            trees = [parse_expression(s) if s.strip() else None for s in sides]
        except (CalcParseError, RecursionError) as err:
            try:                          # a later row "= …" may still continue this left side
                first = parse_expression(sides[0]) if sides[0].strip() else None
                if first is not None and names_in(first) <= self.known():
                    self.last_lhs = (first, self._where(row), _flat(display))
            except (CalcParseError, RecursionError):
                pass
            if self._mentions(row):
                return "unchecked", f"not read by the scalar-layer reader: {err}"
            return None
        trees = [renamed(t, getattr(self, "_numbered", set())) for t in trees]     # z_1: a name
        if trees[0] and trees[0][0] == "pow" and trees[0][1][0] == "ref" and trees[0][1][1] not in self.defs:
            return "unchecked", "a square named on the left (s^2 = …): a definition this reader does not take"
        trees = [as_gradients(plain_names(t, self.known(), set(self.defs)), getattr(self, "_dnames", {}), self.known(), self._dwords)
                 for t in trees]                                   # \mathbf p: the section's p; dy_j: ∂L/∂y_j
        if trees[0] is not None and names_in(trees[0]) <= self.known():
            self.last_lhs = (trees[0], self._where(row), _flat(display))   # what "= …" rows continue
        if trees[0] is None:
            if not self._continues(row):
                return None
            trees[0] = self.last_lhs[0]
        where = where_next(self, _flat(_TRAILING.sub("", row)))       # the display this row is in
        if (found := sigma_said(self, trees, where)) is not None:
            return found                                              # a = 1/(1+e^{-z}) under a = σ(z)
        if (again := after_redefinition(self, trees, where)) is not None:
            return again
        if self.batch and (found := batch_view(self, trees, row, display)) is not None:
            return found
        names = set().union(*[names_in(t) for t in trees if t is not None])
        loss = generic_loss(self, names - self.known(), trees)
        if not names & self.known() or not names - {loss} <= self.known():
            return None
        if loss is not None:
            self.last_lhs = (trees[0], self._where(row), _flat(display))
            return with_generic_loss(self, loss, trees, row)
        if (worked := worked_row(self, trees, sides, None, row, judge)) is not None:
            self.last_lhs = (trees[0], where, _flat(display))     # = 0.077 · 0.244 ≈ 0.0099 at the data
            return worked
        if trees[0][0] == "ref" and trees[0][1] in self.defs and _is_definition_row(trees, self.defs, self._spread):
            self.last_lhs = (trees[0], self._where(row), _flat(display))   # E = … \\ = …: E's chain
            return "definition", f"defines {trees[0][1]} (the scalar-layer reader's forward)"
        if any(t is None for t in trees[1:]):
            return "unchecked", "an empty side"
        self.last_lhs = (trees[0], where, _flat(display))
        condition = self._raw[where][1] if where is not None else None
        own = _TRAILING.search(clean_row(row))              # a row's own "…, \quad i = j" rules it
        if own:
            condition = ("eq" if own.group(2) == "=" else "ne", own.group(1), own.group(3))
        if condition and condition[0] == UNREAD:          # "### Except when … and …", "If $i = j + 1$"
            return "unchecked", f"the words before it state a condition this reader does not read: {condition[1]}"
        return check_vector_claim(self, trees, row, judge) or judge_paths(judge, self, trees, condition, row)

    def _mentions(self, row: str) -> bool:
        return any(re.search(r"(?<![A-Za-z\\])" + re.escape(n.split("^")[0].split(" ")[-1]) +
                             r"\s*_", row) for n in self.defs)

    def evaluator(self, size: int, dims: dict | None = None, fixed: dict | None = None) -> Evaluator:
        """One Evaluator per size plan, section and true class (``fixed``: {y: class}): the claims share
        its entries and derivatives."""
        key = (size, tuple(sorted((dims or {}).items())), id(self.defs), len(self.defs), self.sigma, str(getattr(self, "counts", {})),
               self.named_sigma, self.base, local := getattr(self, "local_partials", False), tuple(sorted((fixed or {}).items())))
        if key not in self._evaluators:      # m of Σ_{i=1}^m its axis's length; ∂x̂/∂μ local or total
            self._evaluators[key] = Evaluator(self.defs, size, dims, self.sigma, self.named_sigma, self.base,
                                              getattr(self, "counts", {}), local, fixed)
        return self._evaluators[key]

    def fixed_letters(self) -> set:
        """The true class's letter, where the page writes one as an index (:mod:`symbp.check.calc_class_index`)."""
        label = getattr(self, "label", None)
        return {label.letter} if label is not None else set()


_ENTRY = "ζ"          # the index letter of a definition written as a list of entries


def _is_definition_row(trees, defs, spread) -> bool:     # the row is the definition itself, or the vector
    return trees[1] == defs[trees[0][1]][1] or (         # row its entries' row restates (y = γ x̂ + β)
        not trees[0][2] and len(trees) == 2 and trees[1] == spread.get(trees[0][1]))


__all__ = ["CalcGraph", "CalcEvalError", "split_sides"]
