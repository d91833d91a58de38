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

from .calc_graph import CalcGraph
from .doc_infer import (KERNEL_LETTERS, directive_dims, directive_layouts, directive_roles,
                        fc_forward_roles, forward_labels, infer_roles, suggest_directive)
from .doc_carry import carry_bias, stated_conv_forward
from .doc_written_conv import WrittenConventions
from .doc_aux import read_definition, record
from .doc_axis_prose import prose_axis_sizes, sizes_not_named
from .claim_roles import affine_roles, jacobian_roles
from .doc_channels import forward_index_letters
from .doc_conv_matrix import ConvMatrices
from .doc_headings import heading_lines, restart_below_heading
from .doc_pool_prose import PoolProse
from .doc_activation import Verdict, activation_forward, check_activation_claim, forward_roles_text
from .doc_names import DocContext
from .directive_names import directive_letters, merge_roles
from .fc_infer import (check_fc_claim, cost_setup, directive_layers, fc_directive, inline_math, more_fc_forward,
                       repeated_weight_index, section_setup, weight_order)
from .index_claims import IndexError_, OutOfRange
from .entry_sizes import sizes_from_entries
from .index_geometry import prose_stride_letters
from .index_bound_sizes import product_size_letters
from .doc_padding import prose_stride_padding
from .doc_pooling import KIND_SETTINGS, window_settings
from .prose_roles import prose_mode, read_prose, section_prose_names, settle_mode_reading
from .doc_prose import inline_forwards, prose_convention, prose_geometry, prose_shapes, prose_size_note, prose_sizes
from .index_eval import check_index_claim
from .index_shape import combine_parts, split_arrows
from .index_tree import digit_label_letters
from .layer_letters import forward_label_stem
from .calc_prose import prose_condition
from .prose_conditions import condition_at, conditioned_verdict, display_conditions, restricted_claim
from .section_scan import MAX_LATEX, index_forward as _index_forward, subscript_sizes as _subscript_sizes

_KIND_SETTINGS = {"conv1d": {"spatial": 1}, **KIND_SETTINGS}     # directive layer=: pooling, transposed

# the document's own fully connected reading a directive keeps: not its layers told apart by
# numbers or index letters (those rename a claim's letters by the document's roles alone), nor
# its doubts that layer=fc settles (the weight's order: output-first; vectors, not numbers)
_OWN_ONLY = ("fc_inferred", "fc_unsure", "later_orders", "fc_scalar", "fc_layers", "fc_letter_layers", "fc_letter_cost", "fc_layer_cost")
_NAMES_PROBLEM = re.compile(r"belongs to a layer|has no role|cannot tell the range|written with "
                            r"\d+ ind|unknown name|no entries for the")


class NamesTracker:
    """Per-document state: the section's settings, its names context and the last left side."""

    def __init__(self, founding=None):
        self.founding = founding               # check_text, for doc_pool_prose (the checker passes it)
        self.settings: dict = {}
        self.ctx: DocContext | None = None
        self.last_lhs: str | None = None
        self.fc_order: tuple | None = None
        self.seen: dict = {}
        self.activations: dict = {}
        self.whole_caps: set = set()
        self.calc = CalcGraph()              # softmax / cross-entropy / σ rows (calc_graph)
        self.matrices = ConvMatrices()       # y = C x, im2col (doc_conv_matrix)
        self.document("")               # what the prose states: sizes, shapes, convention, inline math

    def document(self, text: str) -> None:
        """Sizes the prose states (``$I$ of $m\\times n$ pixels``, ``a $3\\times 3$ kernel $K$``)."""
        self.prose = prose_sizes(text)
        self.stride_letters = prose_stride_letters(text)     # "stride t": no number binds t
        self.size_letters = product_size_letters(text)       # "the g x h matrix": sizes a sum bound may count
        self.prose_dims = prose_shapes(text)
        self.prose_axes = prose_axis_sizes(text)      # "the $N$ examples", "$H_o \times W_o$ positions of the output"
        self.prose_conv = prose_convention(text)
        self.written = WrittenConventions(text)       # its operators' definitions, its forwards (doc_written_conv)
        self.geometry = prose_geometry(text)
        self.inline_fwd, self.seen_to = inline_forwards(text), 0
        self.inline = inline_math(text)
        self.prose_facts, self.line = read_prose(text), None     # roles the prose names (prose_roles)
        self.headings = heading_lines(text)           # a forward below a new heading: a new layer
        self.pool_prose = PoolProse(text, self.founding)      # upsample in a pooling section (doc_pool_prose)
        self.conditions = display_conditions(text)        # "When u, v …:" before a display (prose_conditions)
        self.scalar_read = False                          # the last verdict came from calc_graph
        self.calc.document(text)

    def section(self, settings: dict, latex: list, lines: tuple | None = None) -> None:
        """Start a section with its directive settings and the text of its equations;
        ``lines``: its first and last equation's line, to take a forward stated only inline
        in the prose from the section's start to its last equation."""
        s = {k: v for k, v in settings.items() if v is not None}
        if str(s.get("layer", "")) in ("fc", "linear", "dense"):
            s["layer_kind"] = "fc"
        if "index_base" in s:
            s["index_base"] = int(s["index_base"])
        if "conv" in s:
            s["conv"] = "true" if str(s["conv"]).lower() in ("true", "conv", "convolution") else "cross"
        s["dims"] = directive_dims(s.get("names", ""))
        s.update(_KIND_SETTINGS.get(str(s.get("layer", "")), {}))      # a 1-D section; average pooling
        carried = self._stated_order(s)                 # the dense forward written above the directive
        if carried is not None:
            s["fc_kernel"], s["fc_carried"] = carried[0], True    # the order, not rows or columns
        self.seen = {**_subscript_sizes(latex), "digit_labels": digit_label_letters(latex)}
        self.whole_caps = set(_WHOLE_CAP.findall(" ".join(latex)))
        self.settings, self.ctx, self.last_lhs, self.activations, self.stated_conv = s, None, None, {}, None
        self.section_latex, self.shown_roles = latex, {}
        self.forward_line = 0
        self.fc_order = carried[1] if carried else None   # (label, input first) of the section's dense forward
        self.matrices.reset(latex)
        inline = [tex for line, tex in self.inline_fwd if lines and self.seen_to < line <= lines[1]]
        self.seen_to = lines[1] if lines else self.seen_to
        self.prescan = _index_forward(inline + latex)
        self.calc.section(s, latex)
        roles = directive_roles(s.get("names", ""))
        if s.get("layer_kind") == "fc":
            roles.setdefault("b", "bias")
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
        for tex in inline:              # "Consider the layer $y_{ij} = Σ w_{mn} x_{i+m,j+n}$ ..."
            self.observe_forward(tex)

    def _own_reading(self, s: dict, roles: dict, latex: list):
        """(roles, labels) of a directive section: the directive's names, their bare letters
        and entries (:mod:`symbp.check.directive_names`), on top of the roles the section's
        fully connected forward gives without a directive (its weight order and cost too)."""
        letters, labels = directive_letters(roles)
        own = section_setup({k: v for k, v in s.items() if k not in ("layer", "names", "layer_kind")},
                            latex, self.inline) if s.get("layer_kind") == "fc" else None
        own_roles = {}
        if own is not None:
            own_settings, own_roles = own
            self.settings = {**{k: v for k, v in own_settings.items() if k not in _OWN_ONLY}, **s}
        return merge_roles(own_roles, {**letters, **roles}), ({"labels": labels} if labels else {})

    def directive_names(self) -> dict:
        """The directive's names with their bare letters (``W^{(l)}=kernel``: ``W`` and ``w``)."""
        roles = directive_roles(self.settings.get("names", ""))
        return {**directive_letters(roles)[0], **roles}

    def _context(self, roles: dict, extra: dict) -> DocContext:
        roles = self.written.with_bias(roles)      # + b^l of the forward written before
        out = next((n for n, r in roles.items() if r == "output"), None)
        if self.prescan and out and out.lower() == self.prescan[0] and not extra.get("_indexed") and \
                not self.settings.get("fc_layers"):      # numbered dense layers: no conv reading of their forwards
            extra = {**self.prescan[1], **extra, "_indexed": True}
            roles = {**self.prescan[2], **roles}
        from .index_claims import LOSSES
        roles = {**{n.upper(): r for n, r in roles.items() if len(n) == 1 and n.islower() and n.upper()
                    in self.whole_caps and n.upper() not in LOSSES | self.losses()}, **roles}  # ∂Y: the y_{ij}
        merged = {**extra, **self.settings}
        merged["dims"] = {**extra.get("dims", {}), **self.settings.get("dims", {})}
        merged["layouts"] = directive_layouts(self.settings.get("layout", ""), roles)
        if not merged["layouts"] and merged.get("layouts_by_role"):
            merged.setdefault("channels", "2,3")
            if "N" in merged["layouts_by_role"].get("input", ""):
                merged.setdefault("batch", "2")
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
                    merged.get("stride_symbol") not in self.stride_letters:     # "stride t": t varies
                merged.setdefault("stride", rows)             # binds the forward's letter
            elif key == "#padding" and merged.get("layer_kind", "conv") == "conv":
                merged.setdefault("padding", rows)            # "zero padding of 1"
            elif key in ("#kernel", "#input") and key[1:] in roles.values():
                merged.setdefault(key[1:], f"{rows}x{cols}")
        window_settings(merged, self.prose.get("#window"))    # "each $M\times N$ window" of a pooling
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
        if "index_base" not in merged and self.seen.get("numeric"):
            merged["index_base"] = self.seen.get("base", 0)
        merged.update(self.written.conflict(roles, self.settings, extra))   # the directive against a forward written before
        if "conv" in extra and "conv" not in self.settings:
            merged["conv"] = extra["conv"]
        elif "conv" in extra and extra["conv"] != self.settings["conv"]:    # the directive against the forward
            merged["conv_words"], merged["conv_forward"] = "conflict", extra["conv"]
        if "conv" not in merged and self.prose_conv in ("true", "both"):    # the words only
            merged["conv_words"] = self.prose_conv
            merged["conv"] = "true" if self.prose_conv == "true" else "cross"
        if "input" not in merged or "kernel" not in merged:
            sizes = {r: self.seen.get(n) for n, r in roles.items() if r in ("input", "kernel")}
            base = merged.get("index_base", self.seen.get("base", 0))
            if all(sizes.get(r) for r in ("input", "kernel")) and base == 1:
                merged.setdefault("input", "x".join(map(str, sizes["input"])))
                merged.setdefault("kernel", "x".join(map(str, sizes["kernel"])))
                merged.setdefault("index_base", 1)
            else:                    # O_{00} = K_{00} X_{00} + … to O_{11}: the sizes they fit (entry_sizes)
                merged.update(sizes_from_entries(roles, self.seen, merged))
        merged.update(prose_stride_padding(roles, self.seen, merged, self.geometry))
        return DocContext(roles, merged)

    def _stated_order(self, settings: dict) -> tuple | None:
        """(the weight's index order, ``fc_order``) a dense forward of the section before fixed,
        kept by a directive's dense section about the same weight letter that states none
        (``y_j = b_j + Σ_i x_i w_{ij}`` above ``<!-- symbp: layer=fc … W=kernel -->``); None otherwise."""
        order = self.settings.get("fc_kernel") if self.settings.get("fc_unsure") is False else None
        if order is None or settings.get("layer_kind") != "fc" or self.ctx is None:
            return None
        before = {n.lower() for n, r in self.ctx.roles.items() if r == "kernel"}
        now = {n.lower() for n, r in directive_roles(settings.get("names", "")).items() if r == "kernel"}
        return (order, self.fc_order) if before and before == now else None

    def observe_forward(self, latex: str) -> bool:
        """A forward equation binds the section's names, adds names to the same layer's
        (another spelling of its forward) or starts a new layer; True when it did."""
        bound = self._bind_forward(latex)
        self.forward_line = (self.line or 0) if bound else self.forward_line     # doc_headings
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
            self.fc_order, self.stated_conv = order, None
            old = self.ctx.roles if self.ctx and self.ctx.layer == "fc" else {}   # after a convolution: a new layer
            roles = merge_roles({**old, **fc[0]}, self.directive_names())
            self.settings = {**self.settings, "layer_kind": "fc", "fc_kernel": fc[1], "fc_unsure": False}
            self.ctx = self._context(roles, forward_labels(roles, latex))      # UFLDL's W^{(l)} a^{(l)}
            return True
        if str(self.settings.get("layer", "")) in ("fc", "linear", "dense"):
            return False               # a directive's dense layer: z_j = Σ_k w_{kk} a_k is a claim
        try:
            roles, extra = infer_roles(latex)
        except (IndexError_, RecursionError, ValueError):
            return False
        if sum(r in ("input", "kernel") for r in roles.values()) < 2 and not extra.get("pool"):
            return False
        self.written.record(roles, extra)
        roles = merge_roles(roles, self.directive_names())
        extra["index_letters"] = forward_index_letters(latex, roles)     # Σ_m w_{m,n}: m a kernel row
        extra["label_stem"] = forward_label_stem(latex)       # Z^c = … W^c …: Z^d is another layer's
        if self.settings.get("layer_kind") == "fc" and "layer" not in self.settings and \
                "out_origin" in extra and not extra.get("pool"):
            # a convolution's forward after a dense layer: a new layer, the bias of Z = X * K + b above (doc_carry)
            self.settings = {k: v for k, v in self.settings.items() if k != "layer_kind" and not k.startswith("fc_")}
            self.ctx, roles = None, carry_bias(self.stated_conv, roles)
        elif _CONV_OPERATOR.search(latex) and "out_origin" not in extra and not extra.get("pool"):
            self.stated_conv = stated_conv_forward(roles)     # Z = X * K + b, restated below in entries
        index_info = any(k in extra for k in ("out_origin", "dims", "index_base", "labels",
                                              "stride_symbol", "stride_value", "padding_letter"))
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

    def retry(self, latex: str, outcome=None, line: int | None = None):
        """A Verdict for an equation the core left unchecked (``definition`` for a forward the
        names reader binds), or None (no names); ``line``: the display's line (where the
        prose's names and mode words apply, :mod:`symbp.check.prose_roles`)."""
        self.line = line if line is not None else self.line
        self.scalar_read = False
        found = self._retry(latex)
        condition = condition_at(self.conditions, self.line)
        if found is None or isinstance(found, str) or not condition or found.verdict != "refuted" or (
                self.scalar_read and prose_condition(condition + "\n")):     # "If $i = k$:": calc_graph reads it
            return found
        narrow = restricted_claim(condition, latex)          # "If $i = k$:" on an index claim: k := i
        kept, again = self.last_lhs, self._retry(narrow) if narrow and narrow != latex else None
        self.last_lhs = kept
        if again is not None and not isinstance(again, str) and again.verdict in ("holds", "refuted"):
            return Verdict(again.verdict, f"read under the condition the sentence before it states "
                                          f"({condition}): {narrow}; " + again.detail)
        verdict, detail = conditioned_verdict(found.verdict, found.detail, condition, latex)
        return found if verdict == found.verdict else Verdict(verdict, detail)

    def _retry(self, latex: str):
        """:meth:`retry` before the condition the prose states (if any) is applied."""
        found = self.matrices.check(latex, self.ctx)     # y = C x: C^T ∂L/∂y, C written out (doc_conv_matrix)
        if found is not None:
            return found
        if len(latex) > MAX_LATEX:
            return None
        parts = split_arrows(latex)                  # A = B \Rightarrow C = D: each claim alone
        if parts:
            return Verdict(*combine_parts(parts, [self.retry(p) for p in parts]))
        scalar = self.calc.check(latex, self.ctx is None)          # exp, log, σ (calc_graph)
        if scalar is not None and scalar[0] == "definition":
            self.observe_forward(latex)     # a = σ(Σ_k w_{jk} a_k + b): the names reader's forward too
        if scalar is not None and scalar[0] != "unchecked":
            self.scalar_read = True
            return Verdict(*scalar)
        found = self._by_names(latex)       # what calc leaves unchecked, the names reader may decide
        return found if scalar is None or (found is not None and found.verdict != "unchecked") else Verdict(*scalar)

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
        act = activation_forward(latex)
        if act is not None:
            self.activations[act[0]] = act[1:]
            return Verdict("definition", f"the forward {act[0]} = {act[2].lstrip(chr(92))}({act[1]}) entrywise")
        if self.activations:
            found = check_activation_claim(latex, self.activations, self.losses())
            if found is not None:
                return found
        self._inline(latex)
        defined = read_definition(latex, self.ctx) if self.ctx is not None else None
        if defined is not None:            # \tilde x_{i,j} = x_{i-P,j-P}: a tensor of the section (doc_aux)
            self.keep_lhs(latex)
            return Verdict("definition", record(self.settings, defined, self.ctx))
        base_ctx, prose_note = (self.ctx, "") if self.ctx is not None else self._prose_context()
        if base_ctx is None and (pooled := self.pool_prose.check(latex, self.line, self.settings)):
            return pooled
        if base_ctx is None:
            return Verdict("unchecked", prose_note or "to read it in the document's own letters, say which is "
                                        "which (a guess from this equation; correct the roles): "
                                        + suggest_directive(latex, self.seen))
        if base_ctx.settings.get("stride_conflict"):      # "stride 2" against x_{i+m}: neither is picked
            n = base_ctx.settings["stride_conflict"]
            return Verdict("unchecked", f"the prose gives a stride of {n} but the section's forward moves by 1 "
                                        f"(its input index has no stride): say which holds, e.g. <!-- symbp: "
                                        f"stride={n} --> or <!-- symbp: stride=1 -->")
        ctx, note = self.written.reading(*_written_forward(base_ctx, latex), latex, self.settings.get("conv"))
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
            if "symbp:" not in str(err) and not self.settings.get("names") and \
                    _NAMES_PROBLEM.search(str(err)):           # names a directive can settle
                guess = fc_directive(base_ctx.roles) if self.settings.get("fc_inferred") else \
                    suggest_directive(latex, self.seen)
                return Verdict("unchecked", f"{err}; the names were read from the document: "
                                            "if they are not what it means, say which is which "
                                            "(a guess from this equation): " + guess)
            return Verdict("unchecked", f"{err}")
        finally:
            self.keep_lhs(latex)
        note += prose_size_note(latex, {k: v for k, v in ctx.settings.get("dims", {}).items()
                                        if k in self.prose_dims}) if ctx.layer == "fc" else ""   # N × M^{l-1}
        return Verdict(result.verdict, result.detail + (note if result.verdict in ("holds", "refuted") else ""),
                       result.scope)

    def _prose_context(self):
        """(DocContext, note) from the roles, sizes and written-out forward the prose gives
        (:mod:`symbp.check.prose_roles`) when no display forward bound the letters, else (None, "")."""
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

    def keep_lhs(self, latex: str) -> None:
        """The left side an equation starting with ``=`` continues: every display's, also those
        another reader decided (a stale one made a continued row compare with the wrong side)."""
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


# a convolution written as an operator: what a directive's conv= speaks of (a plain * too)
_CONV_OPERATOR = re.compile(r"\*|\\(?:ast|star|circledast|otimes|circledcirc|bigotimes)(?![A-Za-z])|conv|rot|flip|full",
                            re.I)


_STAR = re.compile(r"\*|\\(?:ast|star|circledast)(?![A-Za-z])")


def _written_forward(ctx, latex: str):
    """(ctx, note): a claim written in entries alone (no convolution operator) in a section whose
    directive's ``conv=`` disagrees with the forward it writes out in entries is read in the
    written forward's convention (the layer is what the document wrote; the directive's
    convention is kept for the claims that write ``*``, ``\ast``, conv2 or rot180)."""
    if ctx.settings.get("conv_words") != "conflict" or _CONV_OPERATOR.search(latex):
        return ctx, ""
    conv = ctx.settings["conv_forward"]
    names = {"cross": "cross-correlation", "true": "true convolution"}
    return DocContext(ctx.roles, {**ctx.settings, "conv": conv, "conv_words": None}), \
        (f" (read in the convention of the forward the section writes in entries, {names[conv]}: "
         f"the claim writes no convolution operator, which the directive's conv= is about)")


# ∂W, ∂W^l, \nabla_{W^l}, dW: a capital written for the whole tensor (not an entry W_{jk})
_WHOLE_CAP = re.compile(r"(?:\\partial|\\nabla\s*_|(?<![A-Za-z\\])d)\s*\{?\s*(?:\\mathbf\{|\\boldsymbol\{)?([A-Z])\}?"
                        r"(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*\}?(?![A-Za-z_])")
