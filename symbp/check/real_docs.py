r"""The hook between ``symbp check`` and the document-names reader.

Per section (a directive, or the whole document), :class:`NamesTracker` keeps the names the
document uses: a forward equation (``Y = X * W + b``, ``z_{i,j} = \sum_m \sum_n …``) or a
``names:`` directive sets up a :class:`symbp.check.doc_names.DocContext`; an equation the core
checker leaves unchecked is then read as an index-notation / document-names claim by
:func:`symbp.check.index_eval.check_index_claim`.  Sizes come from the directive, else from the
entries the section writes (``x_{33}``, ``w_{22}``), else several small sizes are tried.

Example (what :func:`symbp.check.checker.check_text` does)::

    >>> claim = r"\frac{\partial L}{\partial x_{11}} = \frac{\partial L}{\partial y_{11}} w_{11}"
    >>> tracker = NamesTracker()
    >>> tracker.section({"layer": "conv2d", "input": "3x3", "kernel": "2x2"},
    ...                 [r"Y = X * W + b", claim])
    >>> tracker.retry(r"Y = X * W + b").detail                  # the forward binds names
    "the layer's forward: X is the input, W the kernel, b the bias, Y the output"
    >>> tracker.retry(claim).verdict                             # x_{11}, y_{11}: entries of X, Y
    'holds'
"""
from __future__ import annotations

import re

from .doc_infer import suggest_directive
from .claim_candidates import candidate_verdict, refused_forward
from .doc_channels import layout_example, with_claim_layouts
from .doc_aux import read_definition, record
from .given_values import forget_stale, given_value, mark
from .doc_headings import directive_conflict, enclosing_parts, heading_between, heading_extents, layer_forward, restart_below_heading
from .doc_activation import Verdict, activation_forward, check_activation_claim, forward_roles_text, shown_function
from .doc_names import DocContext
from .fc_infer import check_fc_claim
from .fc_order import fc_directive
from .index_claims import IndexError_, OutOfRange
from .timelimit import reader_failure
from .prose_roles import prose_mode, section_prose_names, settle_mode_reading, speaks_of_convolution
from .doc_prose import prose_geometry, prose_size_note, stated_convention
from .input_copy import copied_letter
from .other_layer import other_layer, written_letters
from .reading_pairs import decide_readings, settings_readings
from .index_eval import check_index_claim
from .calc_rows import SCALAR_SAID
from .calc_generic_loss import loss_with_term
from .fc_membership import declared_batch, summed_row_reading, written_matrix_misfit
from .layer_activations import IDENTITY_SAID, RELU_SAID
from .display_conditions import canonical_condition
from .index_shape import combine_parts, split_arrows
from .mixed_bases import chapter_math, counted_bases, mixed_claim, vector_bases
from .calc_lead import lead_verdict
from .calc_prose import UNREAD, prose_condition
from .condition_places import placed_at
from .index_geometry import STRIDE_GUESSED, UNIT_STRIDE_ONLY, stride_letters
from .stride_prose import aside_before, prose_stride_letters, unit_stride_said
from .bullet_product import bullet_reading
from .prose_conditions import condition_at, conditioned_verdict, restricted_claim, states_unit_stride
from .section_scan import MAX_LATEX
from .section_names import CONV_OPERATOR, SectionNames

_SHAPE_MISFIT = re.compile(r"shape \(.*where the left side is|has \d+ axes|shape mismatch")
_NAMES_PROBLEM = re.compile(r"belongs to a layer|has no role|cannot tell the range|written with "
                            r"\d+ ind|unknown name|no entries for the")


# a forward written as a sum over entries that move by 1: \sum … X_{i+m, j+n}
_UNIT_STEP_FORWARD = re.compile(r"\\sum.*?[A-Za-z]\}?\s*_\s*\{[^{}]*(?<![\\A-Za-z])[a-z]\s*\+\s*[a-z]", re.S)
# a stride letter times an index, then a plus, inside a display: h \cdot s + k, s i + m, i s + m
_STRIDED_INDEX = r"(?:[A-Za-z}}]\s*(?:\\cdot|\\times)?\s*(?<![A-Za-z\\]){0}(?![A-Za-z])|(?<![A-Za-z\\]){0}\s*(?:\\cdot|\\times)?\s*[A-Za-z])\s*\+"


class NamesTracker(SectionNames):
    """Per-document state (:class:`symbp.check.section_names.SectionNames`) and the retry of an
    equation the core left unchecked, by the document's names."""

    page_layers: tuple = ()     # (ctx, the letters its forward writes) of each forward the section bound

    def document(self, text: str) -> None:
        super().document(text)
        prose = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
        self.identity_said, self.scalar_said = IDENTITY_SAID.search(prose) is not None, SCALAR_SAID.search(prose) is not None
        self.relu_said = RELU_SAID.search(prose) is not None          # a zero where the ReLU is flat (index_zero_claims)

    def section(self, *args, **kwargs) -> None:
        self.page_layers = ()
        said = {k: True for k in ("identity_said", "scalar_said", "relu_said") if getattr(self, k, False)}
        if args and said:                 # "when φ is the identity", "w, x are scalars": the index reader's
            args = ({**args[0], **said},) + args[1:]
        super().section(*args, **kwargs)

    def observe_forward(self, latex: str) -> bool:
        """:meth:`SectionNames.observe_forward`, keeping each layer the section's forwards set up
        (:mod:`symbp.check.other_layer` reads a claim about another layer than the last)."""
        bound = super().observe_forward(latex)
        if bound and self.ctx is not None:
            self.page_layers = (*self.page_layers, (self.ctx, written_letters(latex)))
        return bound

    def retry(self, latex: str, outcome=None, line: int | None = None):
        """A Verdict for an equation the core left unchecked (``definition`` for a forward the
        names reader binds), or None (no names); ``line``: the display's line (where the
        prose's names and mode words apply, :mod:`symbp.check.prose_roles`)."""
        self.line = line if line is not None else self.line
        while line is not None and getattr(self, "inline_later", None) and self.inline_later[0][0] < line:
            tex = self.inline_later.pop(0)[1]     # "…, the output is $Y_{ij} = Σ …$": from here on, where
            if self.forward_latex is None:           # the section's first forward, none above it
                self.observe_forward(tex)
        self.enter_chapter(line)                # a numbered example's sizes are its chapter's
        self.scalar_read = False
        latex = canonical_condition(latex)      # "= -p_i p_j \quad \text{unless } i = j": as \text{if } i \neq j
        found = self._retry(latex)
        if found is not None and not isinstance(found, str) and found.verdict == "refuted" and not self.scalar_read:
            kept = self.last_lhs          # X^T \bullet ∂L/∂Y: holds as the matrix product? (bullet_product)
            found, self.last_lhs = bullet_reading(latex, found, self.text, self._retry), kept
        if found is not None and not isinstance(found, str) and found.verdict in ("holds", "refuted") and \
                not self.scalar_read and (said := loss_with_term(self.text, latex, found, getattr(self.ctx, "roles", None))):
            return Verdict("unchecked", f"the page says more of the loss than that it is a loss of the outputs (\"{said}\"); the "
                                        f"index reader reads it only as a general loss of them (read so, the claim {found.verdict})")
        if found is not None and not isinstance(found, str) and found.verdict == "refuted" and (aside := self._aside_entries(latex)):
            return Verdict("unchecked", f"the sentence before it sets it aside (\"{aside}\"): an output entry written out "
                                        f"for another convention or an exercise, not this layer's claim (refuted as this layer's: "
                                        f"{found.detail.split('; ')[0]})")
        decided = found is not None and not isinstance(found, str) and found.verdict in ("holds", "refuted")
        refused = refused_forward("\n".join(f"$${t}$$" for t in self.section_latex or () if "\\partial" not in t)) \
            if decided and not self.scalar_read else None
        if refused:                             # O = Σ F_{n,m} X_{i+m,j+n}: the section's own forward, not read
            said = "the directive's" if "layer" in (getattr(self, "section_settings", None) or {}) else "a standard"
            return Verdict("unchecked", f"the page's own forward is not {said} layer ({refused}): the claim is not "
                                        f"read under another forward (under {said} layer it {found.verdict})")
        mixed = self.mixed_bases(latex, found.detail) if decided else None
        if mixed:                               # δ_{1,1} … beside x_{00} …: neither base is the page's
            return Verdict("unchecked", f"{mixed}, so the claim's indices could count from either and symbp "
                                        f"does not decide it (counting all from one base: {found.verdict}, "
                                        f"{found.detail.split('; ')[0]})")
        stray = self.calc.layers.stray(latex) if found is not None and not isinstance(found, str) and \
            found.verdict in ("holds", "refuted") else None
        if stray:                               # x_j on a page whose letters name its layers: not x_i
            return Verdict("unchecked", f"{stray}: the page names its layers by index letters, and this "
                                        "claim does not keep to them")
        copied = copied_letter(self.text, self.line, latex) if found is not None and not isinstance(found, str) and \
            found.verdict in ("holds", "refuted") and not self.scalar_read else None
        if copied:                              # x'_j = r_j x_j / 0.5 read by the layer: a claim in x is not about x'
            return Verdict("unchecked", copied)
        condition = condition_at(self.conditions, self.line)
        lead = condition_at(self.stride_leads, self.line)      # a sentence that speaks of the stride
        unit = self._unit_stride_above() if not lead and found is not None and not isinstance(found, str) and \
            UNIT_STRIDE_ONLY in found.detail and found.verdict == "refuted" else None
        if unit:                                # a worked example at stride 1 above a claim that writes no stride
            return Verdict("unchecked", f"{found.detail}; but the prose above it gives the kernel a unit stride "
                                        f"({unit}): the claim may be about that example; give the stride, e.g. "
                                        f"<!-- symbp: stride=1 -->")
        if lead and found is not None and not isinstance(found, str) and found.verdict in ("unchecked", "refuted"):
            if UNIT_STRIDE_ONLY in found.detail and states_unit_stride(lead):     # "For unit stride:"
                return Verdict("holds", f"read at stride 1, which the sentence before it states ({lead}): "
                                        + found.detail.split(UNIT_STRIDE_ONLY + " (", 1)[1].split(")")[0])
            unit_fails = states_unit_stride(lead) and re.search(r"fails at stride 1\b", found.detail)
            if found.verdict == "refuted" and STRIDE_GUESSED in found.detail and not unit_fails:   # "With $S = 2$:"
                return Verdict("unchecked", f"the sentence before it speaks of the stride ({lead}), which symbp "
                                            f"reads only as 'for unit stride'; at the strides tried: {found.detail}")
        if found is None or isinstance(found, str) or not condition or found.verdict != "refuted" or (
                self.scalar_read and prose_condition(condition + "\n")) or (     # "If $i = k$:": calc_graph reads it
                self.scalar_read and "(under the text's condition " in found.detail):   # "If $k = y_i$,": it read it
            return found
        leads, own = placed_at(self.text, self.line)         # "$$A$$ when $i = j$; $$B$$ when $i \neq j$.": B's is after it
        if self.scalar_read and own is not None and own[0] != UNREAD:
            return found                                      # calc_graph read the display under its own
        narrow = restricted_claim(condition, latex) if leads else None     # "If $i = k$:" on an index claim: k := i
        kept, again = self.last_lhs, self._retry(narrow) if narrow and narrow != latex else None
        self.last_lhs = kept
        if again is not None and not isinstance(again, str) and again.verdict in ("holds", "refuted"):
            return Verdict(again.verdict, f"read under the condition the sentence before it states "
                                          f"({condition}): {narrow}; " + again.detail)
        verdict, detail = conditioned_verdict(found.verdict, found.detail, condition, latex)
        return found if verdict == found.verdict else Verdict(verdict, detail)

    def _unit_stride_above(self) -> str | None:
        """The sentence above the current display that gives the kernel a unit stride
        (:func:`symbp.check.stride_prose.unit_stride_said`), or None."""
        if self.line is None:
            return None
        above = "\n".join(self.text.split("\n")[:self.line - 1])
        return unit_stride_said(above, stride_letters(self.ctx.settings) if self.ctx is not None else ())

    def _chapter_span(self, line: int | None = None):
        """(first line, first of the next) of the heading part the current display (or ``line``)
        is in, or None."""
        line = self.line if line is None else line
        return next((c for c in self.chapters if line is not None and c[0] <= line < c[1]), None)

    def chapter_text(self, line: int | None = None) -> str:
        """The text under the heading the current display (or ``line``) is under (the whole page
        without headings), HTML comments left out."""
        span = self._chapter_span(line)
        part = "\n".join(self.text.split("\n")[span[0] - 1:span[1] - 1]) if span else self.text
        return re.sub(r"<!--.*?-->", " ", part, flags=re.S)

    def stride_letter_here(self) -> bool:
        """Whether the prose names the stride by a letter ("with the stride $s$") in the claim's
        own chapter, or in the chapter of the forward that rules it where that chapter gives no
        stride as a number ("stride 1 is assumed here; for stride S the output is ...")."""
        if prose_stride_letters(self.chapter_text()) or self._stride_letter_in_part():
            return True
        if not self.forward_line or self._chapter_span(self.forward_line) in (None, self._chapter_span()):
            return False
        text = self.chapter_text(self.forward_line)
        return bool(prose_stride_letters(text)) and prose_geometry(text).get("stride") is None

    def _stride_letter_in_part(self) -> bool:
        """Whether the heading part that encloses the claim's chapter (``## 16.1`` around ``### Backward``;
        never a ``#`` title's) names the stride by a letter above the claim, gives it no number, and
        either writes that letter in an input index of a display there (``h_{out} \\cdot s + k_h``, even
        one no reader reads) or writes no forward that moves by 1 in index notation (``X_{i+m,j+n}``):
        its forward moves by s, whatever a later ``Y = X * W`` shows (red team 45)."""
        span = self._chapter_span()
        if span is None or self.line is None:
            return False
        lines = self.text.split("\n")
        for first, _ in enclosing_parts(heading_extents(self.text), span):
            if lines[first - 1].lstrip().startswith("# "):
                continue
            above = re.sub(r"<!--.*?-->", " ", "\n".join(lines[first - 1:self.line - 1]), flags=re.S)
            letters, displays = prose_stride_letters(above), re.findall(r"\$\$(.*?)\$\$", above, re.S)
            if not letters or prose_geometry(above).get("stride") is not None:
                return False
            return any(re.search(_STRIDED_INDEX.format(re.escape(s)), d) for s in letters for d in displays) or \
                not any(_UNIT_STEP_FORWARD.search(d) and "\\partial" not in d for d in displays)   # a forward, no claim
        return False

    def mixed_bases(self, latex: str, detail: str) -> str | None:
        """Why ``latex`` is not read where its chapter counts entries from 1 and from 0
        (:mod:`symbp.check.mixed_bases`), else None; ``detail``: its verdict's, which names the
        base it was read at."""
        span, text = self._chapter_span(), None
        if span and self.line is not None:      # a directive inside the chapter starts a section of its own
            lines = self.text.split("\n")
            marks = [n for n in range(span[0], min(span[1], len(lines) + 1)) if "<!-- symbp:" in lines[n - 1]]
            first = max([n for n in marks if n <= self.line], default=span[0])
            last = min([n for n in marks if n > self.line], default=span[1])
            text = re.sub(r"<!--.*?-->", " ", "\n".join(lines[first - 1:last - 1]), flags=re.S)
        text = self.chapter_text() if text is None else text
        math = chapter_math(text) if span else list(self.section_latex)
        bases, ctx = counted_bases(math, text), self.ctx
        read_at = re.search(r"\b([01])-based", detail)
        reader = int(read_at.group(1)) if read_at else None
        if (getattr(ctx, "settings", None) or {}).get("layer_kind") == "fc" and not ctx.settings.get("base_given"):   # y_1, …, y_m by Σ_{i=0}^{n}
            bases = {**vector_bases(math + ([] if span else chapter_math(text))), **bases}
            reader = reader if reader is not None else getattr(ctx, "base", None)
        why = mixed_claim(latex, bases, reader)
        if why is None:
            return None
        try:
            ctx = ctx.instances()[0] if ctx is not None and getattr(ctx, "origin", None) is None else ctx
        except (IndexError_, OutOfRange, ValueError, TypeError):
            pass
        origin = {int(o) for o in getattr(ctx, "origin", None) or () if str(o).lstrip("-").isdigit()}
        roles = {**{r"\delta": "output_grad"}, **getattr(ctx, "roles", {})}
        start = {"output": origin, "output_grad": origin, "delta": origin, "input": {getattr(ctx, "base", None)},
                 "kernel": {getattr(ctx, "base", None)}}
        if len(origin) == 1 and all(b is None or {b} == start.get(roles.get(n), set()) for n, (b, _) in bases.items()):
            return None                       # z_{ij} = Σ w_{mn} a_{i+m-1}: the forward starts the output at 1
        return why

    def _retry(self, latex: str):
        """:meth:`retry` before the condition the prose states (if any) is applied."""
        if (at := self.settings.get("conflict_line")) is not None and self.line is not None and \
                heading_between(self.headings, at, self.line) and layer_forward(latex):   # a new layer's forward
            self.settings.pop("directive_conflict", None), self.settings.pop("conflict_line")
        conflict = self.settings.get("directive_conflict") or directive_conflict(self, latex)
        if conflict:                  # layer=maxpool, then an average pooling's forward below a heading
            self.settings.setdefault("conflict_line", self.line if "layer" not in self.section_settings else None)
            self.settings["directive_conflict"] = conflict
            return Verdict("unchecked", f"{conflict}: the section's claims from here on are not read under "
                                        "either layer; a directive for this part says which (a new "
                                        "<!-- symbp: layer=… --> line below the heading)")
        found = self.matrices.check(latex, self.ctx)     # y = C x: C^T ∂L/∂y, C written out (doc_conv_matrix)
        if found is not None:
            return found
        if len(latex) > MAX_LATEX:
            return None
        parts = split_arrows(latex)                  # A = B \Rightarrow C = D: each claim alone
        if parts:
            return Verdict(*combine_parts(parts, [self.retry(p) for p in parts]))
        self.calc.line = self.line                   # the claim's line: the display it is in
        scalar = self.calc.check(latex, self.ctx is None)          # exp, log, σ (calc_graph)
        if (scalar is None or scalar[0] == "unchecked") and (lead := lead_verdict(self.text, self.line, latex)):
            return Verdict(*lead)           # "For $z = x + y$:" then ∂z/∂x = 1: that node's forward (calc_lead)
        if scalar is not None and scalar[0] == "definition":
            self.observe_forward(latex)     # a = σ(Σ_k w_{jk} a_k + b): the names reader's forward too
        if scalar is not None and scalar[0] != "unchecked":
            self.scalar_read = True
            self.keep_lhs(latex)            # a row "= …" below continues this one for the other readers too
            return Verdict(*scalar)
        found = self._by_names(latex)       # what calc leaves unchecked, the names reader may decide
        return found if scalar is None or (found is not None and found.verdict != "unchecked") else Verdict(*scalar)

    def _aside_entries(self, latex: str) -> str | None:
        """The sentence before the display of ``latex``, an output entry written out as products of entries
        (``y_{1,1} = w_{0,0} x_{1,1} + …``), where it sets the row aside ("the signal-processing convolution would
        give", "Exercise: check that": :data:`symbp.check.stride_prose.ASIDE`); else None."""
        if not self.line or not re.match(r"\s*[A-Za-z]\s*_\s*\{?\s*\d\s*,?\s*\d\s*\}?\s*=\s*[A-Za-z]\s*_\s*\{?\s*\d", latex):
            return None
        lines = self.text.split("\n")[:max(self.line - 1, 0)]
        while lines and (not lines[-1].strip() or lines[-1].strip().startswith(("$$", "\\["))):
            lines.pop()
        before = "\n".join(lines)
        aside = aside_before(before, len(before))
        return aside[-120:] if aside else None

    def _by_names(self, latex: str):
        """:meth:`retry` by the document's names (index, fully connected, activation readers)."""
        after = self.forward_line
        if restart_below_heading(self, latex):
            return Verdict("definition", forward_roles_text(self.ctx.roles) + " (a new layer: the forward below a heading)" * (after > 0))
        found = self.matrices.observe(latex, self.ctx)
        if found is not None:                # the convolution as a matrix product (doc_conv_matrix)
            return found
        if self.observe_forward(latex) and not (self.ctx and self.ctx.settings.get("entry_forward")):
            return Verdict("definition", forward_roles_text(self.ctx.roles))   # O_{11} = … is checked too
        continued = latex.lstrip().startswith("=")       # an aligned row: Y = [f(x_1) ⋯] then &= f(X)
        whole = (self.last_lhs or "") + latex if continued else latex
        if not continued:
            self.keep_lhs(latex)
        act = activation_forward(whole)
        if act is not None:
            self.activations[act[0]] = act[1:]
            return Verdict("definition", f"the forward {act[0]} = {shown_function(act[2]).lstrip(chr(92))}({act[1]}) entrywise")
        if self.activations:
            found = check_activation_claim(whole, self.activations, self.losses(),   # Y = f(X), f a softmax?
                                           not re.search(r"softmax|normali[sz]", self.chapter_text(), re.I))
            if found is not None:
                return found
        self._inline(latex)
        forget_stale(latex, self.settings, self.ctx)                # X = [\frac{1}{2}, …]: X's numbers are gone
        if (given := given_value(latex, self.ctx)) is not None:     # X = [numbers]: a worked example
            return Verdict("definition", mark(self.settings, self.ctx, given, latex))
        defined = read_definition(latex, self.ctx) if self.ctx is not None else None
        if defined is not None:            # \tilde x_{i,j} = x_{i-P,j-P}: a tensor of the section (doc_aux)
            self.keep_lhs(latex)
            return Verdict("definition", record(self.settings, defined, self.ctx))
        base_ctx, prose_note = (self.ctx, "") if self.ctx is not None else self._prose_context()
        if base_ctx is None and (pooled := self.pool_prose.check(latex, self.line, self.settings)):
            return pooled
        if base_ctx is None and not prose_note and speaks_of_convolution(self.text):   # ∂L/∂w_{mn} = Σ δ_{ij} x_{i+m,j+n}
            found = candidate_verdict(latex, self._context, lambda t, c: check_index_claim(t, c, self.last_lhs),
                                      stated_convention(self.text), self.losses(), self.text)   # red team 45
            if found is not None:
                self.keep_lhs(latex)
                return Verdict(found[0], found[1] + ("; " + suggest_directive(latex, self.seen)) * (found[0] == "unchecked"),
                               found[2])
        if base_ctx is None:
            return Verdict("unchecked", prose_note or "to read it in the document's own letters, say which is "
                                        "which (a guess from this equation; correct the roles): "
                                        + suggest_directive(latex, self.seen))
        moved = other_layer(self, latex, base_ctx)     # a conv claim below a pooling's forward (other_layer)
        if moved is not None and moved[0] is None:
            self.keep_lhs(latex)
            return Verdict("unchecked", moved[1])
        base_ctx, prose_note = (moved[0], prose_note + moved[1]) if moved else (base_ctx, prose_note)
        pair = settings_readings(base_ctx, self.stride_letter_here())   # "stride 2" against x_{i+m}; "the
        # stride $s$" against Y = X * W; a full output said, a valid one written
        if pair is None:
            return self._read_in(base_ctx, latex, prose_note)
        results = [self._read_in(c, latex, prose_note) for _, c in pair.readings[1:] and pair.readings]
        return Verdict(*decide_readings(pair, [(r.verdict, r.detail) for r in results]))

    def _read_in(self, base_ctx, latex: str, prose_note: str):
        """:meth:`_by_names`'s verdict on ``latex`` under one reading of the section, ``base_ctx``."""
        ctx, note = self.written.reading(*_written_forward(base_ctx, latex), latex, self.settings.get("conv"))
        ctx, claim_layout = with_claim_layouts(ctx, latex, self.text)     # Y = W * X + b, claims with channels
        note += claim_layout
        mode = prose_mode(self.prose_facts, self.line) if _STAR.search(latex) else None
        valid_ctx = None
        if mode and "conv_mode" not in ctx.settings:      # "a full convolution": this display's *
            valid_ctx, ctx = ctx, DocContext(ctx.roles, {**ctx.settings, "conv_mode": mode})
            note += " (* read as a valid convolution, as the sentence before the display says)" * (mode == "valid")
        note += prose_note
        try:
            result = check_fc_claim(lambda c, t: check_index_claim(t, c, self.last_lhs), ctx, latex, self.last_lhs)
            if valid_ctx is not None and mode != "valid":                     # the word counts where the valid reading's shape does not fit
                result = settle_mode_reading(mode, result, check_fc_claim(
                    lambda c, t: check_index_claim(t, c, self.last_lhs), valid_ctx, latex, self.last_lhs))
        except (IndexError_, OutOfRange, ZeroDivisionError, RecursionError, TypeError,
                ValueError, AttributeError, KeyError) as err:
            why = _hats_back(str(err), ctx)
            if "symbp:" not in why and not self.settings.get("names") and \
                    _NAMES_PROBLEM.search(why):           # names a directive can settle
                guess = fc_directive(base_ctx.roles) if self.settings.get("fc_inferred") else \
                    suggest_directive(latex, self.seen)
                return Verdict("unchecked", f"{why}; the names were read from the document: "
                                            "if they are not what it means, say which is which "
                                            "(a guess from this equation): " + guess)
            return Verdict("unchecked", _hats_back(reader_failure(err), ctx))
        finally:
            self.keep_lhs(latex)
        result.detail = _hats_back(result.detail, ctx)
        note += prose_size_note(latex, {k: v for k, v in ctx.settings.get("dims", {}).items()
                                        if k in self.prose_dims}) if ctx.layer == "fc" else ""   # N × M^{l-1}
        if result.verdict == "refuted" and claim_layout and _SHAPE_MISFIT.search(result.detail):
            return Verdict("unchecked", f"{result.detail.split(';')[0]}, under index orders read from the claim's "
                                        "own letters, not stated: a directive says which, e.g. <!-- symbp: "
                                        f"channels=2,3 layout: {layout_example(ctx.roles)} -->", result.scope)
        if result.verdict == "refuted" and ctx.settings.get("fc_inferred") and _SHAPE_MISFIT.search(result.detail) \
                and speaks_of_convolution(self.text):     # Z = WA + b on a convolution page: a guess
            return Verdict("unchecked", f"{result.detail.split(';')[0]}, but under a fully connected layer "
                                        "inferred from a forward written Z = WA + b on a page about a "
                                        "convolution, not stated: if this equation is about a convolution, "
                                        "a directive says which, e.g. <!-- symbp: layer=conv2d input=4x4 "
                                        "kernel=2x2 -->", result.scope)
        if result.verdict == "refuted" and ctx.layer == "fc" and (misfit := written_matrix_misfit(
                (self.last_lhs or "") + latex if latex.lstrip().startswith("=") else latex,   # "= [numbers]": the row above's left side
                result.detail, str(self.settings.get("names", "")),
                bool(ctx.settings.get("fc_inferred")) or "no sizes given" in result.detail)):
            return Verdict("unchecked", misfit, result.scope)        # ∂L/∂b^1 = [3 numbers] at W^2's sizes
        if result.verdict == "refuted" and ctx.layer == "fc" and (rows := summed_row_reading(latex, result.detail)):
            return Verdict("unchecked", rows, result.scope)          # Σ_i ∂L/∂Y_i: entries, or a batch's rows?
        samples = re.findall(r"\bX (\d+)x(\d+)", result.detail)         # the input's shapes checked: X 4x1, one sample
        if result.verdict == "holds" and ctx.layer == "fc" and "no sizes given" in result.detail and samples and all(
                "1" in shape for shape in samples) and (batch := declared_batch(self.text, self.forward_latex)):
            return Verdict("unchecked", f"{result.detail.split(';')[0]} at sizes symbp chose with one sample, while the "
                                        f"page declares {batch}, a batch: a directive's batch=… settles it", result.scope)
        return Verdict(result.verdict, result.detail + (note if result.verdict in ("holds", "refuted") else ""),
                       result.scope)

    def _prose_context(self):
        """(DocContext, note) from the roles, sizes and written-out forward the prose gives
        (:mod:`symbp.check.prose_roles`) when no display forward bound the letters, else (None, "") (or (None, why):
        the page writes a forward no reader takes, a flipped kernel in the prose: red team 49)."""
        if refused := refused_forward(self.text):
            return None, f"{refused}; the claim is not read under another forward"
        found = section_prose_names(self.prose_facts, self.line, self.section_latex,
                                    self.seen.get("letters", ()), self.shown_roles)
        if found is None or isinstance(found, str):       # a str: why the prose reads nothing (NOT_CONVOLUTION)
            return None, found or ""
        (roles, prose_settings), saved = found, self.settings
        self.settings = {**prose_settings, **saved}
        try:
            ctx = self._context(roles, {})
        finally:
            self.settings = saved
        return ctx, " (the names read from the prose: " + ", ".join(f"{n} the {r}" for n, r in roles.items()) + ")"



_STAR = re.compile(r"\*|\\(?:ast|star|circledast)(?![A-Za-z])")


def _written_forward(ctx, latex: str):
    """(ctx, note): a claim written in entries alone (no convolution operator) in a section whose
    directive's ``conv=`` disagrees with the forward it writes out in entries is read in the
    written forward's convention (the layer is what the document wrote; the directive's
    convention is kept for the claims that write ``*``, ``\ast``, conv2 or rot180)."""
    if ctx.settings.get("conv_words") != "conflict" or CONV_OPERATOR.search(latex):
        return ctx, ""
    conv = ctx.settings["conv_forward"]
    names = {"cross": "cross-correlation", "true": "true convolution"}
    return DocContext(ctx.roles, {**ctx.settings, "conv": conv, "conv_words": None}), \
        (f" (read in the convention of the forward the section writes in entries, {names[conv]}: "
         f"the claim writes no convolution operator, which the directive's conv= is about)")


def _hats_back(text: str, ctx) -> str:
    r"""``text`` (a verdict's detail) with the capitals a dense reading wrote for hatted letters
    (``\hat{y}`` read as ``P``: :func:`symbp.check.fc_layers.hat_map`) written as the page's hats."""
    for letter, capital in ((getattr(ctx, "settings", None) or {}).get("hat_names") or {}).items():
        text = re.sub(r"(?<![A-Za-z\\])" + capital + r"(?![A-Za-z])", lambda _: rf"\hat{{{letter}}}", text)
    return text
