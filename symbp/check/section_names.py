r"""The names a document's section gives its layer: settings, names context, forward binding.

:class:`SectionNames` keeps, per document and per section, what the index reader needs before
it reads a claim: the directive's settings, the :class:`symbp.check.doc_names.DocContext` a
forward equation (``Y = X * W + b``, ``z_{i,j} = \sum_m \sum_n …``) or a ``names:`` directive
sets up, the sizes the prose and the section's entries state, and the left side an equation
starting with ``=`` continues.  :class:`symbp.check.real_docs.NamesTracker` reads claims with it.

Example::

    >>> names = SectionNames()
    >>> names.section({"layer": "conv2d", "input": "3x3", "kernel": "2x2"}, [r"Y = X * W + b"])
    >>> names.observe_forward(r"Y = X * W + b"), names.ctx.roles["X"], names.ctx.roles["W"]
    (True, 'input', 'kernel')
"""
from __future__ import annotations

import re

from .calc_letter_layers import LayeredCalcGraph
from .doc_infer import KERNEL_LETTERS, directive_dims, directive_layouts, directive_roles, fc_forward_roles, forward_labels, infer_roles
from .forward_spellings import bind_respelled_forward, conv_call_forward
from .doc_carry import carry_bias, stated_conv_forward
from .doc_written_conv import WrittenConventions
from .doc_axis_prose import prose_axis_sizes, sizes_not_named
from .claim_roles import affine_roles, jacobian_roles
from .doc_channels import forward_index_letters
from .doc_conv_matrix import ConvMatrices
from .doc_headings import chapter_spans, claims_part, enclosing_parts, heading_extents, heading_lines, own_example, restated_sizes
from .doc_pool_prose import PoolProse
from .doc_names import DocContext
from .directive_names import bare_letter, directive_letters, merge_roles, other_kind
from .fc_directive_forward import forward_above, layerless_conflict, page_order, weight_conflict
from .fc_order import directive_order
from .fc_infer import bound_fc_settings, rows_written, cost_setup, directive_layers, inline_math, more_fc_forward, repeated_weight_index, section_setup, weight_order
from .index_claims import IndexError_
from .fc_error_delta import defines_error_delta
from .fc_membership import entry_index_counts, one_sample_rows, row_vectors
from .entry_sizes import fit_output_entries, sizes_from_entries
from .stride_prose import prose_stride_letters
from .index_bound_sizes import product_size_letters
from .loss_letters import used_as_loss
from .capital_names import batch_capitals, entry_capitals, whole_capitals
from .gradient_aliases import gradient_aliases, with_gradient_aliases
from .doc_padding import prose_stride_padding, stride_letter_said
from .doc_written_stride import entry_letters_only, stride_setting
from .doc_operator_defs import defined_forward
from .doc_pooling import KIND_SETTINGS, window_settings
from .window_sets import written_window
from .prose_roles import read_prose
from .prose_zero import full_output_said, zero_outside
from .doc_prose import inline_before, inline_equations, inline_forwards, prose_convention, prose_geometry, prose_shapes, prose_sizes
from .index_tree import digit_label_letters
from .layer_letters import forward_label_stem
from .prose_conditions import display_conditions
from .section_scan import (MAX_LATEX, entries_base, prescan_dims, section_prose, index_forward as _index_forward,
                           subscript_sizes as _subscript_sizes)

_KIND_SETTINGS = {"conv1d": {"spatial": 1}, **KIND_SETTINGS}     # directive layer=: pooling, transposed

# the letters `layer=fc` alone means (README: z = W a + b, δ = ∂J/∂z), for a section that writes no forward
FOUNDING_FC_ROLES = {"W": "kernel", "w": "kernel", "a": "input", "z": "output", "b": "bias"}
# the document's own fully connected reading a directive keeps: not its layers told apart by
# numbers or index letters (those rename a claim's letters by the document's roles alone), nor
# its doubts that layer=fc settles (the weight's order: output-first; vectors, not numbers)
_OWN_ONLY = ("fc_inferred", "fc_unsure", "later_orders", "fc_scalar", "fc_layers", "fc_letter_layers", "fc_letter_cost", "fc_layer_cost")

# a convolution written as an operator: what a directive's conv= speaks of (a plain * too)
CONV_OPERATOR = re.compile(r"\*|\\(?:ast|star|circledast|otimes|circledcirc|bigotimes)(?![A-Za-z])|conv|rot|flip|full",
                            re.I)


class SectionNames:
    """Per-document state: the section's settings, its names context and the last left side."""

    def __init__(self, founding=None):
        self.founding = founding               # check_text, for doc_pool_prose (the checker passes it)
        self.settings, self.ctx, self.last_lhs, self.fc_order = {}, None, None, None   # dict, DocContext, str, tuple
        self.seen: dict = {}
        self.pool_rows, self.pool_sizes = None, {}     # the pooling display written out last, the sizes it stated
        self.activations: dict = {}
        self.whole_caps: set = set()
        self.entry_caps: set = set()
        self.calc = LayeredCalcGraph()       # softmax / cross-entropy / σ rows (calc_graph, calc_letter_layers)
        self.matrices = ConvMatrices()       # y = C x, im2col (doc_conv_matrix)
        self.document("")               # what the prose states: sizes, shapes, convention, inline math

    def document(self, text: str) -> None:
        """Sizes the prose states (``$I$ of $m\\times n$ pixels``, ``a $3\\times 3$ kernel $K$``)."""
        self.text, self.prose = text, prose_sizes(text)
        self.zero_said = zero_outside(text)          # "entries outside δ are taken as zero" (prose_zero)
        self.full_said = full_output_said(text)      # "the output is the full convolution"
        self.stride_letters = prose_stride_letters(text)     # "stride t": no number binds t
        self.size_letters = product_size_letters(text)       # "the g x h matrix": sizes a sum bound may count
        self.aliases = gradient_aliases(text)           # G = ∂L/∂Y once for the page (gradient_aliases)
        self.prose_dims = prose_shapes(text)
        self.prose_axes = prose_axis_sizes(text)      # "the $N$ examples", "$H_o \times W_o$ positions of the output"
        self.prose_conv = prose_convention(text)
        self.written = WrittenConventions(text)       # its operators' definitions, its forwards (doc_written_conv)
        self.geometry = prose_geometry(text)
        self.inline_fwd, self.seen_to = inline_forwards(text), 0
        self.inline = inline_math(text)
        self.prose_facts, self.line = read_prose(text), None     # roles the prose names (prose_roles)
        self.headings = heading_lines(text)           # a forward below a new heading: a new layer
        self.chapters, self.chapter_displays, self.chapter = chapter_spans(text), [], None
        self.extents = heading_extents(text)          # a heading's part with its subsections (enter_chapter)
        self.pool_prose = PoolProse(text, self.founding)      # upsample in a pooling section (doc_pool_prose)
        self.conditions = display_conditions(text)        # "When u, v …:" before a display (prose_conditions)
        self.stride_leads = display_conditions(text, stride=True)     # "For unit stride (S = 1):"
        self.delta_defined = defines_error_delta(text)     # δ_{n,j} = ∂L/∂Y_{n,j}: δ is the error (fc_error_delta)
        self.scalar_read = False                          # the last verdict came from calc_graph
        self.calc.document(text)

    def section(self, settings: dict, latex: list, lines: tuple | None = None, display_lines=None) -> None:
        """Start a section with its directive settings and the text of its equations;
        ``lines``: its first and last equation's line, to take a forward stated only inline
        in the prose from the section's start to its last equation; ``display_lines``: each
        equation's line (a section no directive sizes takes its entries' sizes per chapter,
        :meth:`enter_chapter`)."""
        no_sizes = not any(settings.get(k) for k in ("layer", "input", "kernel", "names"))
        self.chapter_displays = list(zip(display_lines, latex)) if no_sizes and display_lines and \
            len(display_lines) == len(latex) and len(self.chapters) > 1 else []
        self.chapter, self.section_geometry, self.ctx_chapter = None, None, None
        s = {k: v for k, v in settings.items() if v is not None}
        if str(s.get("layer", "")) in ("fc", "linear", "dense"):
            s["layer_kind"] = "fc"
        if "index_base" in s:
            s["index_base"] = int(s["index_base"])
        if "conv" in s:
            s["conv"] = "true" if str(s["conv"]).lower() in ("true", "conv", "convolution") else "cross"
        s["dims"] = directive_dims(s.get("names", ""))
        s["delta_defined"] = self.delta_defined
        s.update(_KIND_SETTINGS.get(str(s.get("layer", "")), {}))      # a 1-D section; average pooling
        carried = self._stated_order(s)                 # the dense forward written above the directive
        if carried is not None:
            s["fc_kernel"], s["fc_carried"] = carried[0], True    # the order, not rows or columns
            s.update({k: True for k in ("fc_one_row",) if self.settings.get(k)})
        own = lines and section_prose(self.text, self.seen_to, lines[1]) or self.text     # this section's prose
        s.update(directive_order(s)); s.update(page_order(s, latex, own))
        s.update(one_sample_rows(s, latex))         # weight=in-out, or z = aW + b on the page; z^l_j: one sample
        s.update({"directive_conflict": c} if (c := weight_conflict(s, latex, carried[0] if carried else forward_above(
            self.text, lines and lines[0], s.get("names", "")))) else {})       # weight=rows over z = Wx + b
        s.update({"layer_unsaid": c} if (c := layerless_conflict(s, latex)) else {})     # names only, over C = AB
        self.seen = {**_subscript_sizes(latex), "digit_labels": digit_label_letters(latex)}
        self.whole_caps = whole_capitals(latex) - batch_capitals(latex + [eq for _, eq in inline_equations(own)], own)  # ∂W, B^T; not H = XW's
        self.entry_caps = entry_capitals(latex, self.size_letters)     # a convolution's X_{ij} beside x_{ij}
        self.settings, self.ctx, self.last_lhs, self.activations, self.stated_conv = s, None, None, {}, None
        self.section_latex, self.shown_roles = latex, {}
        self.forward_line, self.forward_latex = 0, None
        self.section_first_line = display_lines[0] if display_lines else (lines[0] if lines else None)
        self.fc_order = carried[1] if carried else None   # (label, input first) of the section's dense forward
        self.matrices.reset(latex)
        inline, self.inline_later = inline_before(self.inline_fwd, self.seen_to, lines)   # later: at the claims past them
        own = section_prose(self.text, self.seen_to, lines[1]) if lines else None
        if own is not None:           # two directives: a later example's "stride 1" is not this one's
            self.prose, self.geometry, self.zero_said = prose_sizes(own), prose_geometry(own), zero_outside(own)
            self.full_said = full_output_said(own)
        self.seen_to = lines[1] if lines else self.seen_to
        self.section_prose_sizes = self.prose           # a chapter with its own example reads its own (enter_chapter)
        self.prescan = _index_forward([conv_call_forward(t) for t in inline + (latex if no_sizes else claims_part(latex, display_lines, self.headings)) + [t for _, t in self.inline_later]])   # not a pooling under a later heading
        self.calc.section(s, latex, self.chapter_displays, self.chapters)
        roles = directive_roles(s.get("names", ""))
        if s.get("layer_kind") == "fc":
            roles.setdefault("b", "bias")
            own = None if s.get("names") or self.prescan else section_setup(
                {k: v for k, v in s.items() if k not in ("layer", "layer_kind")}, latex, self.inline) or ()
            if own is not None:     # no names: the forward's (z = aW + b on the page), else the founding notation
                roles = {**(FOUNDING_FC_ROLES if not own else own[1] if s.get("fc_own_layouts") else {}), **roles}
        if "kernel" in roles.values() or s.get("layer_kind") == "fc" or (
                s.get("layer_kind") in ("pool-avg", "pool-max") and "input" in roles.values()):
            numbered = directive_layers(s, roles, latex, self.inline)      # W^2=kernel
            self.settings, extra = numbered or s, {}
            if numbered is None and s.get("names"):     # W^{(l)}=kernel: added to the document's own reading
                roles, extra = self._own_reading(s, roles, latex)
            self.ctx = self._context(roles, extra)
        elif section_setup(s, latex, self.inline) is not None:     # fully connected, no directive
            self.settings, roles = section_setup(s, latex, self.inline)
            self.ctx = self._context(roles, {})
        if cost_setup(self.settings, self.ctx, latex, self.inline) is not None:   # C = ½Σ(a_j - y_j)²
            self.settings, roles = cost_setup(self.settings, self.ctx, latex, self.inline)
            self.ctx = self._context(roles, {})
        self.section_settings = dict(self.settings)     # what a forward below a heading starts from
        self.section_geometry = self.geometry
        for tex in inline:              # "Consider the layer $y_{ij} = Σ w_{mn} x_{i+m,j+n}$ ..."
            self.observe_forward(tex)

    def _own_reading(self, s: dict, roles: dict, latex: list):
        """(roles, labels) of a directive section: the directive's names, their bare letters
        and entries (:mod:`symbp.check.directive_names`), on top of the roles the section's
        fully connected forward gives without a directive (its weight order and cost too)."""
        letters, labels = directive_letters(roles, s.get("names", "") or "")
        own = section_setup({k: v for k, v in s.items() if k not in ("layer", "names", "layer_kind")},
                            latex, self.inline) if s.get("layer_kind") == "fc" else None
        own_roles = {}
        if own is not None:
            own_settings, own_roles = own
            self.settings = {**{k: v for k, v in own_settings.items() if k not in _OWN_ONLY}, **s}
        return merge_roles(own_roles, {**letters, **roles}), ({"labels": labels} if labels else {})

    def enter_chapter(self, line: int | None) -> None:
        """Before the display at ``line``: in a section no directive sizes, a document whose
        chapters (``## Example 1`` … ``## Example 2``, :func:`chapter_spans`) each write their
        own numbered example takes the entries' sizes (``a_{33}``, ``w_{22}``) of the chapter
        the display is in, where that chapter writes any, not the largest of the whole
        document (another example's ``W_{33}`` is no size of this one's kernel): only a chapter
        that states its own forward and whose entries fit a valid convolution (:func:`own_example`)."""
        span = next((c for c in self.chapters if c[0] <= line < c[1]), None) if self.chapter_displays and line is not None else None
        if not self.chapter_displays or line is None or span == self.chapter:
            return
        self.chapter = span
        whole = [tex for _, tex in self.chapter_displays]
        everywhere = _subscript_sizes(whole)
        readings = []                 # (region, its displays, their sizes, an example of its own)
        for region in [span] + (enclosing_parts(self.extents, span) if span else []):   # #### δE/δw under ### its example
            own = [tex for at, tex in self.chapter_displays if region and region[0] <= at < region[1]]
            mine = _subscript_sizes(own)
            others = [_subscript_sizes([tex for at, tex in self.chapter_displays if c[0] <= at < c[1]])
                      for c in self.chapters if not (region and region[0] <= c[0] < region[1])]   # another example's
            readings.append((region, own, mine, own_example(own) and any(
                everywhere.get(n) != v or any(o.get(n) not in (None, v) for o in others) for n, v in mine.items() if len(n) == 1)))
            if readings[-1][3]:
                break
        region, own, mine, example = readings[-1] if readings[-1][3] else readings[0]    # else the chapter's own
        chapter_text = "\n".join(self.text.split("\n")[region[0] - 1:region[1] - 1]) if region else ""
        restated = restated_sizes(self.text, self.chapters, span)    # "Now the input $X$ is $4\times 4$"
        self.example_latex = own if example else None       # its rows show its own stride and dilation
        if example or restated:
            self.seen = {**mine, "digit_labels": digit_label_letters(whole)}
            self.geometry, self.prose = prose_geometry(chapter_text), prose_sizes(chapter_text)   # "x is 4x4" here
            if not example:           # a size it does not restate ("the kernel is still 2x2"): the page's,
                self.prose = {**{n: v for n, v in self.section_prose_sizes.items()    # where its entries fit
                                 if not _past(mine.get(n), v)}, **self.prose}
            fresh = self.ctx_chapter != region       # "stride 1" of this example, not another's "stride 2"
            self.ctx_chapter = region
        else:
            self.seen = {**everywhere, "digit_labels": digit_label_letters(whole)}
            self.geometry, self.prose = self.section_geometry, self.section_prose_sizes
            fresh, self.ctx_chapter = self.ctx_chapter is not None, None
        if fresh and self.ctx is not None:   # the layer read above is another example's, at its sizes
            self.settings, self.ctx, self.fc_order, self.stated_conv, self.last_lhs = \
                dict(self.section_settings), None, None, None, None
            if self.forward_latex is not None:   # its forward, read again at this chapter's sizes
                self._bind_forward(self.forward_latex)

    def directive_names(self) -> dict:
        """The directive's names with their bare letters (``W^{(l)}=kernel``: ``W`` and ``w``)."""
        roles = directive_roles(self.settings.get("names", ""))
        return {**directive_letters(roles, self.settings.get("names", "") or "")[0], **roles}

    def _context(self, roles: dict, extra: dict) -> DocContext:
        roles = self.written.with_bias(roles)      # + b^l of the forward written before
        out = next((n for n, r in roles.items() if r == "output"), None)
        if self.prescan and out and out.lower() == self.prescan[0] and not extra.get("_indexed") and \
                not self.settings.get("fc_layers"):      # numbered dense layers: no conv reading of their forwards
            extra = {**self.prescan[1], **extra, "_indexed": True}
            extra["dims"] = prescan_dims(extra.get("dims", {}), self.prescan[2], roles,   # a letter's role since changed
                                         self.settings.get("layer_kind") == "fc")
            roles = {**self.prescan[2], **roles}
        from .index_claims import LOSSES
        caps = self.whole_caps | (self.entry_caps if {**extra, **self.settings}.get("layer_kind", "conv") == "conv" else set())
        roles = {**{n.upper(): r for n, r in roles.items() if len(n) == 1 and n.islower() and n.upper()
                    in caps and n.upper() not in used_as_loss(self.section_latex, LOSSES | self.losses())}, **roles}  # ∂Y, X_{ij}: y_{ij}
        roles = with_gradient_aliases(roles, self.aliases)     # "$G = \partial L/\partial Y$": G is ∂L/∂Y
        merged = {**extra, **self.settings}
        merged["dims"] = {**extra.get("dims", {}), **self.settings.get("dims", {})}
        merged["layouts"] = directive_layouts(self.settings.get("layout", ""), roles)
        merged.update({"zero_outside": self.zero_said} if self.zero_said else {}, stated_geometry=[k for k in ("stride", "padding") if k in merged])
        if self.full_said and merged.get("layer_kind", "conv") == "conv" and not merged.get("padding"):
            merged["full_said"] = True         # the prose's full output against a valid forward (real_docs)
        for letter, (rows, cols) in self.prose.items():
            role = roles.get(letter)
            if role not in ("input", "kernel", "output"):
                continue
            if rows.isdigit() and cols.isdigit() and role in ("input", "kernel"):
                merged.setdefault(role, f"{rows}x{cols}")
            for sym, axis in ((rows, 0), (cols, 1)):
                if not sym.isdigit():
                    merged["dims"].setdefault(sym, (role, axis))
        for key, (rows, cols) in self.prose.items():                 # after the letters' sizes
            if key == "#stride" and (merged.get("stride_symbol") or merged.get("stride_value")) and \
                    merged.get("stride_symbol") not in self.stride_letters and not (self.geometry or {}).get("stride_of_pooling"):
                merged.setdefault("stride", rows)             # binds the forward's letter
            elif key == "#padding" and merged.get("layer_kind", "conv") == "conv":
                merged.setdefault("padding", rows)            # "zero padding of 1"
            elif key in ("#kernel", "#input") and key[1:] in roles.values() or key == "#pool_input" and str(
                    merged.get("layer_kind", "")).startswith("pool") and "input" in roles.values():   # a pooling's image:
                merged.setdefault(key[1:].replace("pool_", ""), f"{rows}x{cols}")     # a pooling section's alone
        window_settings(merged, self.prose, self.geometry)    # "each $M\times N$ window", "stride 1" of a pooling
        for sym, (letter, axis) in self.prose_dims.items():
            role = roles.get(letter, roles.get(letter.lower()) if letter.isupper() else None)   # Z^l of z^l_{n,c,h,w}
            if role in ("input", "kernel", "output"):
                merged["dims"].setdefault(sym, (role, axis))
        for sym, axis in sizes_not_named(self.prose_axes, roles, merged.get("layer_kind")).items():   # W the width
            merged["dims"].setdefault(sym, axis)
        merged["entry_letters"] = self.seen.get("letters", ())
        merged["size_letters"] = self.size_letters
        merged["digit_labels"] = self.seen.get("digit_labels", frozenset())
        merged["base_given"] = "index_base" in self.settings
        if "index_base" not in merged and (base := entries_base(self.seen, roles, merged)) is not None:
            merged["index_base"] = base      # x_{5,5} of a 5x5 input: from 1; a dense layer's x_1 … x_i too
        if merged.get("window_letter"):      # R_{i,j} = \{2i, 2i+1\} \times …: the page's own window (window_sets)
            merged.update(written_window(self.text, merged["window_letter"][0], merged["window_letter"][1:]))
            if merged.get("window_written", ("",))[0] == "read" and "stride" not in merged:
                merged["stride"] = "x".join(str(axis[0]) for axis in merged["window_written"][1])
        merged.update(self.written.conflict(roles, self.settings, extra))   # the directive against a forward written before
        if "conv" in extra and "conv" not in self.settings:
            merged["conv"] = extra["conv"]
        elif "conv" in extra and extra["conv"] != self.settings["conv"]:    # the directive against the forward
            merged["conv_words"], merged["conv_forward"] = "conflict", extra["conv"]
        if "conv" not in merged and self.prose_conv in ("true", "both"):    # the words only
            merged["conv_words"] = self.prose_conv
            merged["conv"] = "true" if self.prose_conv == "true" else "cross"
        merged.update(stride_setting(roles, getattr(self, "example_latex", None) or self.section_latex, merged, self.seen, self.text))   # o_{12} = x_{13} w_{11} + …
        merged.update(prose_stride_padding(roles, self.seen, merged, self.geometry)); merged.update(
            stride_letter_said(merged, self.geometry or {}, self.stride_letters))    # "the stride $s$", Y = X * W
        open_rows = {n for n, r in roles.items() if r in ("input", "kernel")} & self.seen.get("open", frozenset())
        if ("input" not in merged or "kernel" not in merged) and not open_rows:      # y_{11} = x_{11}k_{11} + ...: no sizes
            sizes = {r: self.seen.get(n) for n, r in roles.items() if r in ("input", "kernel")}
            base = merged.get("index_base", self.seen.get("base", 0))
            fitted = fit_output_entries(sizes, self.seen, roles, merged) if base == 1 else None
            if fitted is not None:               # O_{22} written: the input holds every written entry
                merged.setdefault("input", "x".join(map(str, fitted)))
                merged.setdefault("kernel", "x".join(map(str, sizes["kernel"])))
                merged.setdefault("index_base", 1)
            else:                    # O_{00} = K_{00} X_{00} + … to O_{11}: the sizes they fit (entry_sizes)
                merged.update(sizes_from_entries(roles, self.seen, merged))
        return DocContext(entry_letters_only(roles, self.seen.get("letters", ())), merged)

    def _stated_order(self, settings: dict) -> tuple | None:
        """(the weight's index order, ``fc_order``) a dense forward of the section before fixed,
        kept by a directive's dense section about the same weight letter that states none
        (``y_j = b_j + Σ_i x_i w_{ij}`` above ``<!-- symbp: layer=fc … W=kernel -->``); None otherwise."""
        order = self.settings.get("fc_kernel") if self.settings.get("fc_unsure") is False else None
        if order is None or settings.get("layer_kind") != "fc" or self.ctx is None:
            return None
        before = {bare_letter(n).lower() for n, r in self.ctx.roles.items() if r == "kernel"}
        now = {bare_letter(n).lower() for n, r in directive_roles(settings.get("names", "")).items() if r == "kernel"}
        return (order, self.fc_order) if before and before == now else None

    def try_new_layer(self, latex: str, accept) -> bool:
        """Read ``latex`` as the forward of a new layer, from the section's directive settings
        (``section_settings``) with no names bound, and keep that reading when ``accept(before,
        after)`` says so (each a ``(settings, ctx)`` pair); else put the settings, the names
        context, the dense weight order, the stated convolution and the last left side back as
        they were.  True when the new layer is kept (:func:`symbp.check.doc_headings.restart_below_heading`).

        Example: ``names.try_new_layer(r"z_j = \\sum_k w_{kj} a_k", lambda before, after: True)``
        """
        kept = (self.settings, self.ctx, self.fc_order, self.stated_conv, self.last_lhs, self.pool_rows, self.pool_sizes)
        self.settings, self.ctx, self.fc_order, self.stated_conv = dict(self.section_settings), None, None, None
        if self.observe_forward(latex) and self.ctx is not None and accept((kept[0], kept[1]), (self.settings, self.ctx)):
            return True
        self.settings, self.ctx, self.fc_order, self.stated_conv, self.last_lhs, self.pool_rows, self.pool_sizes = kept
        return False

    def observe_forward(self, latex: str) -> bool:
        """A forward equation binds the section's names, adds names to the same layer's
        (another spelling of its forward) or starts a new layer; True when it did."""
        bound = self._bind_forward(latex)
        self.forward_line = (self.line or 0) if bound else self.forward_line     # doc_headings
        self.forward_latex = latex if bound else self.forward_latex
        return bound

    def _bind_forward(self, latex: str) -> bool:
        if len(latex) > MAX_LATEX:
            return False
        fc = fc_forward_roles(latex) if str(self.settings.get("layer", "fc")) in ("fc", "linear", "dense") else None
        fc = more_fc_forward(latex, fc, self.settings, self.ctx)     # σ(Σ …), vectors; not δ rules
        order = weight_order(fc[0], fc[1], latex) if fc is not None else None
        if order is not None and (repeated_weight_index(fc[0], latex) or (
                self.fc_order is not None and order[0] == self.fc_order[0] and order[1] != self.fc_order[1])):
            return False               # w_{kk}; the same layer's weight in the other order: a claim, not a forward
        if fc is not None:             # z_j = Σ_i w_{ij} a_i + b_j: the weight's index order from here on
            above = self.settings.get("fc_kernel") if self.fc_order is not None or rows_written(self.section_latex or ()) else None
            self.fc_order, self.stated_conv = order, None
            old = self.ctx.roles if self.ctx and self.ctx.layer == "fc" else {}   # after a convolution: a new layer
            roles = merge_roles({**old, **fc[0]}, self.directive_names())
            bound = bound_fc_settings(latex, fc[1], row_vectors(self.section_latex or ()), entry_index_counts(self.section_latex or ()), above)
            if "row_base" in bound:           # X = [x_1 ⋯ x_i]: the document counts from 1
                self.settings.setdefault("index_base", bound.pop("row_base"))
            self.settings = {**self.settings, **bound}     # u = hW + b ∈ R^{1×m}: one row
            self.ctx = self._context(roles, forward_labels(roles, latex))      # UFLDL's W^{(l)} a^{(l)}
            return True
        if str(self.settings.get("layer", "")) in ("fc", "linear", "dense"):
            return False               # a directive's dense layer: z_j = Σ_k w_{kk} a_k is a claim
        latex = defined_forward(conv_call_forward(latex), self.text)    # conv(I, F); y = x * w as the page defines *
        try:
            roles, extra = infer_roles(latex)
        except (IndexError_, RecursionError, ValueError):
            return bind_respelled_forward(self, latex)     # a = σ(Σ …), z^{l+1} = Σ σ(z^l_{…}) w + b
        if (sum(r in ("input", "kernel") for r in roles.values()) < 2 and not extra.get("pool")) or \
                other_kind(self.settings, extra):       # layer=conv2d, then p = ¼ Σ a_{2r+u}: the next layer's
            return False
        self.written.record(roles, extra, latex)
        roles = merge_roles(roles, self.directive_names())
        extra["index_letters"] = forward_index_letters(latex, roles)     # Σ_m w_{m,n}: m a kernel row
        extra["label_stem"] = forward_label_stem(latex)       # Z^c = … W^c …: Z^d is another layer's
        if self.settings.get("layer_kind") == "fc" and "layer" not in self.settings and \
                "out_origin" in extra and not extra.get("pool"):
            # a convolution's forward after a dense layer: a new layer, the bias of Z = X * K + b above (doc_carry)
            self.settings = {k: v for k, v in self.settings.items() if k != "layer_kind" and not k.startswith("fc_")}
            self.ctx, roles = None, carry_bias(self.stated_conv, roles)
        elif CONV_OPERATOR.search(latex) and "out_origin" not in extra and not extra.get("pool"):
            self.stated_conv = stated_conv_forward(roles)     # Z = X * K + b, restated below in entries
        index_info = any(k in extra for k in ("out_origin", "dims", "index_base", "labels",
                                              "stride_symbol", "stride_value", "padding_letter", "axis_params"))
        if self.ctx is not None:
            old = self.ctx.roles
            clash = any(old.get(n) not in (None, r) for n, r in roles.items())
            same_output = any(old.get(n) == "output" for n, r in roles.items() if r == "output")
            if clash and same_output:
                return False                           # the same layer, written another way
            restrided = any(extra[k] != self.ctx.settings.get(k) for k in ("stride_symbol", "stride_value")
                            if k in extra)          # the same names, now with a stride S: the next layer
            if not clash and restrided and same_output:
                self.ctx = self._context({**old, **roles}, {**extra, "_indexed": True})
                return True
            if not clash:
                added = any(n not in old for n in roles)
                if not added and (self.ctx.settings.get("_indexed") or not index_info):
                    return self.prescan is not None and latex == self.prescan[3] and "bias" in old.values() \
                        and "bias" not in roles.values()    # a restatement: a claim; Σ x k under Z = X * K + b: not
                kept = {k: v for k, v in self.ctx.settings.items() if k not in self.settings}
                extra = {**kept, **extra} if index_info and not kept.get("_indexed") else {**extra, **kept}
                roles = {**old, **roles}
        if index_info:
            extra["_indexed"] = True
        self.ctx = self._context(roles, extra)
        return True

    def keep_lhs(self, latex: str) -> None:
        """The left side a row starting with ``=`` continues: every display's, also another reader's (never a stale one)."""
        lhs = re.split(r"(?<![\\<>!])=", latex)[0]
        if lhs.strip():
            self.last_lhs = lhs

    def losses(self) -> set:
        from .index_claims import LOSSES
        return LOSSES | {n for n, r in directive_roles(self.settings.get("names", "")).items()
                         if r == "loss"}

    def _inline(self, latex: str) -> None:
        """Names a claim itself makes plain when no forward set them: an affine layer written
        inside ∂/∂W(Σ_l W_{il} X_{lj} + b_j), or a delta rule with MATLAB's conv2 / rot180
        (the kernel letter, the argument of f' or σ' as the pre-activation)."""
        affine = affine_roles(latex)
        if affine is not None and (self.ctx is None or self.ctx.layer == "fc"):
            roles, cols = affine
            if self.ctx is not None:
                roles = {**roles, **self.ctx.roles}
            self.settings = {**self.settings, "layer_kind": "fc", "fc_bias": "cols" if cols else "rows"}
            self.ctx = self._context(roles, {})
            return
        if self.ctx is None:
            found = jacobian_roles(latex)
            if found is not None:
                roles, layouts = found
                self.settings = {**self.settings, "layout": " ".join(
                    f"{n}={layouts[r]}" for n, r in roles.items() if r in layouts)}
                if layouts:
                    self.settings.setdefault("channels", "2,2")
                self.ctx = self._context(roles, {})
                return
        if self.ctx is not None or not re.search(r"conv2|rot\s*_?\{?\s*180|\\text\{rot", latex):
            return
        kernels = [k for k in re.findall(r"(\\?[A-Za-z])\s*_\s*\{?\s*\w\s*\}?\s*\^", latex) +
                   re.findall(r"(\\?[A-Za-z])\s*\^", latex) if k in KERNEL_LETTERS]
        primed = re.search(r"(?:\\sigma|\bf|\bg)\s*'\s*\(\s*(\\?[A-Za-z])", latex)
        if kernels and primed and r"\delta" in latex:
            extra = {"conv": "true"} if "conv2" in latex else {}
            self.ctx = self._context({kernels[0]: "kernel", primed.group(1): "preact_in"}, extra)




def _past(entry, size) -> bool:
    """Whether a largest written entry ``(row, column)`` lies past a stated ``(rows, columns)``."""
    return isinstance(entry, tuple) and len(entry) == 2 and all(x.isdigit() for x in size) and \
        any(e > int(x) for e, x in zip(entry, size))
