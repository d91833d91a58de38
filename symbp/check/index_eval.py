r"""Evaluation of index-notation trees (:mod:`symbp.check.index_claims`) in a document context
(:class:`symbp.check.doc_names.DocContext`): every free index instantiated over the range of the
tensor it indexes on the left, sums over their written bounds or, with none written, over
where their tensors exist (zero outside), both sides compared exactly (:func:`symbp.check.entry_poly.same_entry`:
equal coefficient maps, else ``expand(lhs - rhs) == 0``).  A written bound that reaches an entry that
does not exist refutes the claim with that entry named.  :mod:`symbp.check.index_evaluator` values
the sides; this module reads the claim, instantiates the free indices and compares.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    >>> check_index_claim(r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n}", ctx).verdict
    'holds'
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .loss_slip import loss_slip
from .layer_activations import identity_reading, input_activation_reading
from .index_shape import whole_tensor_left_side
from .whole_jacobian import output_jacobian_by_entry, written_shape
from .prose_roles import bare_star, full_mode_reading
from .index_claims import Grad, IndexError_, Jac, Op, OutOfRange, free_vars, parse
from .doc_maxpool import group_escaped_braces, regions_differ, ties_note
from .pool_windows import implicit_window, star_argmax, resolve_left, strip_window_condition, window_condition_note
from .prose_zero import gradient_zero_said
from .pool_window_compare import channel_first_context, compare_windowed, window_binder, window_delta
from .doc_aux import definition_of, shown_ref
from .doc_channels import axis_kind
from .index_evaluator import Evaluator
from .entry_poly import same_entry
from .symbol_legend import legend
from .index_geometry import STRIDE_GUESSED, guessed_outcome, stride_letters, writes_stride_letters
from .doc_infer import suggest_directive
from .chain_sides import SIDE_NOT_READ, read_sides_agree, chain_rule_product, unread_chain_detail, unread_sides
from .index_bound_sizes import bound_sizes, compare_readings, letter_dims, mixed_base, off_axis_readings
from .index_zero_claims import inactive_zero, is_zero_tree, zero_only_somewhere, zeros_like
from .index_reduce import map_numbers, reduced_note
from .given_values import entry_at, given_substitution, literal_entries, worked_number
from .convention_doubt import convention_doubt
from .index_tree import ENVIRONMENT_WRAPPER, ZERO_TENSOR, reused_free_index
from .index_subscripts import comma_index_words, index_name_digits_dropped
from .display_conditions import negate_comparison, split_display_condition
from .fc_error_delta import checked_readings, delta_reading
from .fc_row_gradients import other_readings, rows_read
from .transposed_denominator import untransposed_sides
from .index_tree_walks import all_refs as _all_refs, numeric_bounds as _numeric_bounds, one_map as _one_map, numeric_factors, subscripted_sizes


@dataclass
class Outcome:
    verdict: str            # holds | refuted | unchecked
    detail: str
    scope: str | None = None    # what an all-sizes proof quantified (symbp.allsizes.index_terms)


_WHEN = re.compile(r"(.*?)\s*,?\s*(?:\\q?quad|\\[,;: ]|\s)*\\text\s*\{\s*(?:if|for|when)\s*\}(.+)$", re.S)
_NUMBERED_OUTSIDE = "an entry written with numbers outside its tensor"        # index_evaluator's words
_NUMBERED = re.compile(r"_\s*(?:\{\s*z?\d+(?:\s*,?\s*\d+)*\s*\}|z?\d)")   # x_{11}, x_{1,2}, x_1; not x_{2i+m}
_SUM_BOUNDS = re.compile(r"\\sum\s*_\s*\{[^{}]*\}\s*\^\s*\{(?:[^{}]|\{[^{}]*\})*\}")   # \sum_{i=0}^{H-k_1}: k_1 a size
# an equation number and a code-style comment an author types after a row (`&//…` in an align)
_ROW_MARKS = re.compile(r"\\tag\s*\*?\s*(?:\{[^{}]*\}|[^\s\\{}]+)|(?<![:/])//[^\n]*$")
_LEAD = re.compile(r"^\s*(?:=\s*>|\\implies|\\Rightarrow|\\Longrightarrow|\\therefore|\\to|>)\s*")


def check_index_claim(latex: str, ctx, last_lhs=None) -> Outcome:
    """Verdict on ``lhs = rhs [= rhs2 ...]`` read in ``ctx`` (a DocContext) at its sizes.

    ``last_lhs``: the left side an equation starting with ``=`` continues.  Sides this reader cannot take are
    skipped and named; IndexError_ when the left side or no right side is read (or in an activation section).
    A verdict that turns with what the page leaves open about its convolution (the convention from its words
    only; where a true convolution's outputs start) says so or is left unchecked (:mod:`symbp.check.convention_doubt`).
    """
    if str(ctx.settings.get("layer", "")) in ("activation", "softmax"):    # not a layer with a kernel: no conv guess
        raise IndexError_(f"a layer={ctx.settings['layer']} section: its claims are no convolution's or dense layer's")
    reading = delta_reading(latex, ctx)        # δ_{n,j}: the error or Kronecker's delta (fc_error_delta)
    if reading not in (None, "kronecker"):     # "error", "both", "definition", "unread: …"
        return checked_readings(lambda c: _check(latex, c, last_lhs), ctx, reading, Outcome)
    outcome = _check(latex, ctx, last_lhs)
    return convention_doubt(ctx, outcome, lambda c: _check(latex, c, last_lhs), Outcome)   # conv words, output count


def _check(latex: str, ctx, last_lhs=None) -> Outcome:
    """:func:`check_index_claim` in ``ctx``'s convention only."""
    from .latex_atoms import LatexAtomError, split_top_level
    if ctx.layer == "conv" and ctx.settings.get("layer_unsaid"):     # names: A=input B=weight over c_{ij} = Σ_t a_{it} b_{tj}
        return Outcome("unchecked", ctx.settings["layer_unsaid"])
    latex = _ROW_MARKS.sub(" ", latex)        # \tag 5, a "// comment" after the row (this reader's own strip)
    latex = _unbox(_LEAD.sub("", ENVIRONMENT_WRAPPER.sub(" ", latex).strip().rstrip(".,; ")))
    latex = group_escaped_braces(latex)      # \mathbb{1}\{x = \max …\}
    latex, member = strip_window_condition(latex) if ctx.layer in ("pool-max", "pool-avg") else (latex, None)
    shown = split_display_condition(latex)      # "= a_k \quad \text{if } i = j": the condition's "=" is no side
    if shown is not None and shown.unreadable:
        return Outcome("unchecked", shown.unreadable)
    latex = shown.head if shown is not None else latex
    try:
        sides = split_top_level(latex, ("=", r"\equiv"))
    except LatexAtomError as err:
        return Outcome("unchecked", f"malformed LaTeX: {err}")
    if len(sides) < 2:
        return Outcome("unchecked", "not an equation")
    if not sides[0].strip() and last_lhs is None:
        return Outcome("unchecked", "continues an equation, but no left side came before")
    sides[0] = sides[0] if sides[0].strip() else last_lhs
    flipped = untransposed_sides(sides)          # ∂L/∂x^T = R: ∂L/∂x = R^T (transposed_denominator)
    sides = flipped or sides
    flip_note = " (the gradient with respect to a transpose read as (∂L/∂A)^T: each right side transposed " \
                "and compared with ∂L/∂A)" if flipped else ""
    names, losses = ctx.tensor_names(), ctx.losses()
    when = _WHEN.match(sides[-1]) if r"\begin{cases}" not in sides[-1] else None
    if when:                                 # "= 0, \quad \text{if } k \neq j": only there
        sides[-1] = when.group(1)
    words = comma_index_words(latex)          # X_{ch,p,q}: b_{ch} is the one index ch (index_subscripts)
    trees, skipped, numbers = [parse(_LEAD.sub("", sides[0]), names, losses, words)], \
        [flip_note[2:-1]] if flipped else [], [1]
    for k, side in enumerate(sides[1:], start=2):
        try:
            trees.append(parse(_LEAD.sub("", side), names, losses, words))
            numbers.append(k)                # trees[j] is side numbers[j] as written
        except IndexError_ as err:
            skipped.append(SIDE_NOT_READ.format(k=k) + str(err))
    trees = [subscripted_sizes(t, set(ctx.settings.get("dims", {}))) for t in trees]   # \frac{1}{k_p^2}: the size k_p
    if when or shown is not None and shown.condition:
        from .index_cases import _condition
        from .index_claims import Parser, tokenize
        try:
            cond = _condition(tokenize(when.group(2) if when else shown.condition), Parser([], names, losses))
        except IndexError_ as err:
            return Outcome("unchecked", f"a condition this reader does not take: {err}")
        if cond is not None and not when and shown.negated:
            cond = negate_comparison(cond)
        if cond is None:
            return Outcome("unchecked", "a condition this reader does not take")
        trees = [trees[0]] + [Op("cases", ((t, cond), (trees[0], None))) for t in trees[1:]]
        if not when:
            skipped.append(f"checked only where {'not ' if shown.negated else ''}{shown.condition}, "
                           f"the condition written after the formula")
    zero_claim = all(map(is_zero_tree, trees[1:]))       # ∂y_{ij}/∂x_{mn} = 0: of entries outside the window
    if not (when or shown is not None and shown.condition or member) and (local := implicit_window(trees[0], ctx, zero_claim)):
        trees = [trees[0]] + [Op("cases", ((t, local[0]), (trees[0], None))) for t in trees[1:]]    # ∂y_{ij}/∂x_{mn}
        skipped.append(local[1])
    trees, star_note = star_argmax(ctx, trees)                    # x_{2h+i^*}: the window's argmax (pool_windows)
    skipped += [star_note] * bool(star_note)
    trees = trees[:1] + [window_delta(resolve_left(t, trees[0]), trees[0], ctx) for t in trees[1:]]   # pool_windows
    ctx = channel_first_context(ctx, trees[0]) or ctx          # δ_{c,2p+u,2q+v}: c the channel (pool_window_compare)
    member_note, member_bad = window_condition_note(member, trees) if member else (None, None)   # (m,n) ∈ R_{i,j}
    if member_bad:
        return Outcome("unchecked", member_bad)
    skipped += [member_note] * bool(member_note)
    reused_free_index(trees, lambda ref, k: axis_kind(ctx, ref.name, ref.label, k))   # Σ_n, n free
    trees, maps = _one_map(trees) if ctx.layer != "fc" else (rows_read(trees, ctx), None)   # fc: i is a neuron
    if maps:
        skipped.append(f"read for one map: the subscript {maps} that every tensor carries")
    if len(trees) < 2:
        raise IndexError_(skipped[0] if skipped else "nothing to compare")
    numbered_text = _SUM_BOUNDS.sub(" ", index_name_digits_dropped(latex))    # x_{11}; not x_{i_1} (an index k_1)
    if _NUMBERED.search(numbered_text) and _sizes_guessed(ctx):
        return Outcome("unchecked", "entries with numbers need the layer's sizes: add "
                                    "<!-- symbp: layer=conv2d input=HxW kernel=KxK -->")
    shape = whole_tensor_left_side(sides[0], " ".join(sides[1:]), trees, ctx, lambda lhs: _check(
        "=".join([lhs] + sides[1:]), ctx).verdict)        # ∂Y/∂x_{11} = one number
    if shape is not None:
        return Outcome(shape[0], shape[1] + flip_note, *shape[2:])
    slip = loss_slip(trees, ctx.roles, ctx.layer)     # ∂z_{ij}/∂b = δ_{ij}: ∂L/∂b is meant (shapes that differ: refuted above)
    if slip:
        raise IndexError_(slip)
    reduced, mapped = getattr(_cached_instances(ctx)[0], "reduced", None), False
    if reduced is not None:                # the document's sizes are too large: smaller ones
        if _NUMBERED.search(numbered_text):
            return Outcome("unchecked", f"its numbered entries exist only at the document's sizes "
                                        f"({reduced.document}), too large to check entry by entry")
        trees, mapped = map_numbers(trees, reduced)
    results, compared, at, by_rule, windowed = [], [], [], [], False
    stated = not _sizes_guessed(ctx)           # the document's sizes: a gradient past its tensor refutes (_compare)
    for setup in _cached_instances(ctx):
        setup.set_current(_all_refs(trees))
        setup.stated_sizes = stated
        stride_letter = setup.settings.get("stride_symbol")      # ∂L/∂X_{hs+i}: s the forward's stride, no index
        free = [v for v in free_vars(trees[0]) if v != stride_letter or v not in setup.symbols]
        with bound_sizes(setup, trees) as bound_notes:      # Σ_{m=0}^{M-1} W[m, …]: M, W's axis
            mixed = mixed_base(setup, trees)                 # Σ_{c=1}^{C} beside Σ_{m=0}^{k-1}
            if mixed:
                raise IndexError_(mixed)
            skipped += [n for n in bound_notes if n not in skipped]
            readings = off_axis_readings(setup, trees)       # Σ_{i=1}^{I} counting from 0: every value
            for k, rhs in enumerate(trees[1:], start=1):
                extra = [v for v in free_vars(rhs) if v not in free and v not in setup.symbols]
                binder = window_binder(setup, trees[0], rhs, extra) if extra else None   # (i,j): the entry's window
                if extra and binder is None:
                    raise IndexError_(f"index {', '.join(extra)} is free on the right but not on the left")
                windowed = windowed or binder is not None
                try:
                    compare = lambda: _compare(setup, trees[0], rhs, free, numbers[k] - 1) if binder is None else \
                        compare_windowed(setup, Evaluator(setup), trees[0], rhs, free, numbers[k] - 1, binder,
                                         regions_differ, Outcome, setup.describe())   # noqa: E731
                    results.append(compare_readings(setup, trees, readings, compare) if readings else compare())
                    compared.append((setup, rhs, free))
                    at.append(setup)
                except IndexError_ as err:
                    rule = chain_rule_product(trees, rhs, lambda ref: _role_or_none(setup, ref))
                    if rule:                                 # ∂L/∂Y ∂Y/∂W: the chain rule itself
                        by_rule.append((Outcome("holds", f"side {numbers[k]} is {rule}"), setup, rhs))
                        continue
                    if len(trees) == 2:
                        raise
                    skipped.append(SIDE_NOT_READ.format(k=numbers[k]) + str(err))
    if by_rule and not results:          # ∂L/∂W = ∂L/∂Y ∂Y/∂W alone: a restatement, nothing compared
        raise IndexError_("; ".join(dict.fromkeys(skipped + [r.detail for r, _, _ in by_rule])) +
                          ": the chain rule itself, with no closed form to compare it with")
    skipped += list(dict.fromkeys(r.detail for r, _, _ in by_rule if r.detail not in skipped))
    trees = [t for t in trees if all(t is not rhs for _, _, rhs in by_rule)]   # compared entry by entry
    if not results:
        raise IndexError_("; ".join(dict.fromkeys(skipped)) or "nothing to compare")
    unread = unread_sides(sides, {k: s.split(": ", 1)[1] for s in dict.fromkeys(skipped)
                                  for k in range(1, len(sides) + 1) if s.startswith(SIDE_NOT_READ.format(k=k))})
    if unread and not any(r.verdict == "refuted" for r in results):    # a chain holds only if every side was read
        agreed = next((r.detail for r in results if r.verdict == "holds"), "")
        return Outcome("unchecked", unread_chain_detail(sides, unread, agreed, suggest_directive(latex, {})))
    note = f" ({'; '.join(dict.fromkeys(skipped))})" if skipped else ""
    guess = getattr(at[0], "geometry_guess", None)      # H - k + 2p, p never a number; x_{s i + m}
    letter_free = guess == "stride" and not writes_stride_letters(trees, at[0].settings) and not is_zero_tree(trees[-1])
    if guess == "padding" or letter_free or guess == "stride" and (_NUMBERED.search(numbered_text) or _numeric_bounds(trees)):
        return guessed_outcome(results, at, note, Outcome, letter_free and not _NUMBERED.search(numbered_text))
    if _sizes_guessed(ctx) and (_numeric_bounds(trees) or ctx.layer.startswith("pool-") and
                                 len({str(i.sizes[1]) for i in _cached_instances(ctx)}) > 1 and numeric_factors(trees)):
        return _numbers_without_sizes(results, at)   # sizes symbp chose; a pooling's \frac{1}{9}: its window
    refuted = [r for r in results if r.verdict == "refuted"]
    if refuted and not ctx.settings.get("base_given"):
        other = 1 - ctx.base
        twin = type(ctx)(ctx.roles, {**ctx.settings, "index_base": other, "base_given": True})
        try:
            if (again := _check(latex, twin, last_lhs)).verdict == "holds" or read_sides_agree(again.verdict, again.detail):
                return Outcome("unchecked", f"holds only if the indices start at {other} "
                                            f"(add <!-- symbp: index_base={other} -->)")
        except (IndexError_, OutOfRange):
            pass
    zero_note = next(filter(None, (zero_only_somewhere(a, trees[0], free_vars(trees[0])) for a in dict.fromkeys(at))),
                     None) if refuted and len(trees) == 2 and is_zero_tree(trees[1]) else None   # at any size tried
    if zero_note:       # ∂e/∂x_{uv} = 0 false at some entries: refuted; a prose condition may narrow it (prose_conditions)
        return Outcome("refuted", refuted[0].detail + "; " + zero_note + note)
    if refuted and ctx.layer == "fc" and ctx.settings.get("weight") and _NUMBERED_OUTSIDE in refuted[0].detail:
        return Outcome("unchecked", refuted[0].detail.split(" (")[0] + ": its rows and columns as this reader holds "
                                    "them, which need not be the page's order (samples as rows or as columns)" + note)
    if refuted and (mapped or windowed):
        return Outcome("refuted", refuted[0].detail + reduced_note(at[0]) + note)
    if refuted:
        found = Outcome("refuted", refuted[0].detail + reduced_note(at[0]) + note)      # y = wx + b, scalars?
        return other_readings(ctx, found, lambda twin: _check(latex, twin, last_lhs), Outcome, latex) or _all_sizes(ctx, trees, found, at)
    if any(r.verdict != "holds" for r in results):
        return next(r for r in results if r.verdict != "holds")
    detail = results[0].detail
    if len(_cached_instances(ctx)) > 1 or (ctx.layer != "fc" and not (
            ctx.settings.get("input") and ctx.settings.get("kernel"))):
        sizes = "; ".join(dict.fromkeys(i.describe().strip("()").rsplit(", ", 2)[0].replace(", ", " with ", 1)
                                        for i in at))
        why = "no sizes given" if _sizes_guessed(ctx) or not ctx.settings.get("input") else \
            f"the stride {', '.join(stride_letters(ctx.settings))} {STRIDE_GUESSED}"
        detail = detail.split(" (")[0] + f"; {why}: checked at {sizes}"
    detail += reduced_note(at[0])
    if windowed:
        return Outcome("holds", detail + note + " (not re-checked by the second witness, which does not bind the "
                                                "window's indices); not decided for all sizes (the claim's window "
                                                "indices are read per entry)")
    if mapped:
        return Outcome("holds", detail + note + _witness(latex, trees[0], compared) +
                       "; not decided for all sizes (its sums' bounds are the document's numbers)")
    return _all_sizes(ctx, trees, Outcome("holds", detail + note + _witness(latex, trees[0], compared)), at)


def _numbers_without_sizes(results, at) -> Outcome:
    """A claim whose sums have numbers for bounds (``\\sum_{i=1}^{3}``), or a pooling's claim with a
    number for its window (``\\frac{1}{9}``), is about one size;
    with none in the document, sizes symbp guesses can neither prove nor refute it (at a size
    where it holds the author's may be another, and the other way round), so it is unchecked,
    with what happened at the guessed sizes."""
    def sizes(verdict):
        return "; ".join(dict.fromkeys(s.describe().strip("()") for r, s in zip(results, at)
                                       if r.verdict == verdict))
    seen = ", ".join(f"{v} at {sizes(v)}" for v in ("holds", "refuted") if sizes(v))
    return Outcome("unchecked", f"its numbers for bounds (or for a pooling's window) fix sizes the document "
                                f"does not give ({seen or 'no size tried fits'}): add them, e.g. "
                                f"<!-- symbp: layer=conv2d input=HxW kernel=KxK -->")


def _all_sizes(ctx, trees, outcome: Outcome, tried) -> Outcome:
    """The all-sizes engine's word on a verdict (:func:`symbp.allsizes.index_verdict.annotate`);
    ``tried``: the instances the per-size verdict came from."""
    from ..allsizes.index_verdict import PerSizeReader, annotate
    if getattr(tried[0], "geometry_guess", None):     # x_{s i + m}: the engine would take one stride
        return Outcome(outcome.verdict, outcome.detail + "; not decided for all sizes (the stride is "
                                                         f"a letter, which {STRIDE_GUESSED}: checked at the strides above)")
    defined = sorted({shown_ref(r.name, r.label) for r in _all_refs(trees) if definition_of(ctx, r.name, r.label)})
    if defined:                                 # \tilde x_{i,j} = …: the engine does not read doc_aux's tensors
        return Outcome(outcome.verdict, outcome.detail + f"; at these sizes only (it uses {', '.join(defined)}, "
                                                          "defined by the document, which the all-sizes engine does not read)")
    if ctx.settings.get("conv_mode", "valid") != "valid" and any(bare_star(t) for t in trees):
        return Outcome(outcome.verdict, outcome.detail + f"; at these sizes only (the engine reads * as a "
                                                          f"valid convolution, the prose says {ctx.settings['conv_mode']})")
    if ctx.settings.get("zero_outside"):        # the prose: entries outside δ are zero (prose_zero)
        return Outcome(outcome.verdict, outcome.detail + "; at these sizes only (the prose says entries outside "
                                                          "a tensor are zero; the all-sizes engine has no such entries)")
    tried = list(dict.fromkeys(tried))
    dims = letter_dims(tried[0], trees)        # Σ_{i=1}^{I} over δ_{ij}: I is δ's rows for the engine too
    saved = [t.settings for t in tried]
    for t in tried * bool(dims):
        t.settings = {**t.settings, "dims": {**t.settings.get("dims", {}), **dims}}
    try:
        return annotate(ctx, trees, outcome, tried, PerSizeReader(_compare, _all_refs))
    finally:
        for t, s in zip(tried, saved):
            t.settings = s


def _witness(latex: str, lhs, compared) -> str:
    """The second witness (:mod:`symbp.witness.index_witness`) on every side that held, at a
    few of its entries: WitnessError (an internal error) when it disagrees; a note when it
    cannot evaluate a side."""
    from ..witness.index_witness import Unwitnessed, confirm_index
    if any(setup.layer == "pool-max" for setup, _, _ in compared):
        return " (not re-checked by the second witness: it does not model max pooling)"
    for setup, rhs, free in compared:
        setup.set_current(_all_refs([lhs, rhs]))
        domains = setup.domains(lhs, free, Evaluator(setup).positions, rhs)
        combos = [dict(zip(free, c)) for c in itertools.product(*domains)
                  if not _left_outside(setup, Evaluator(setup), lhs, dict(zip(free, c)))]
        if len(compared) > 1 and len(combos) > 1:     # several sizes: the middle entry each
            combos = [combos[len(combos) // 2]]
        elif len(combos) > 2:                         # one size: a corner and the middle
            combos = [combos[0], combos[len(combos) // 2]]
        try:
            with bound_sizes(setup, [lhs, rhs]):        # the size letters the comparison read
                confirm_index(latex, setup, lhs, rhs, combos, fixed=given_substitution(setup))
        except Unwitnessed as err:
            return f" (not re-checked by the second witness: {err})"
    return ""


def _unbox(latex: str) -> str:
    """``\\boxed{A = B}`` → ``A = B`` (the whole equation in one box)."""
    m = re.fullmatch(r"\s*\\(?:boxed|fbox)\s*\{(.*)\}\s*", latex, re.S)
    if not m:
        return latex
    depth = 0
    for ch in m.group(1):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return latex                    # \boxed{A} = \boxed{B}: not one box
    return m.group(1) if depth == 0 else latex


def _sizes_guessed(ctx) -> bool:
    """Whether the section's instances are sizes symbp chose (the document gave none): more
    than one size among them (several strides or paddings at the document's sizes are not)."""
    return len({str(i.sizes) for i in _cached_instances(ctx)}) > 1


def _cached_instances(ctx) -> list:
    """ctx.instances(), built once per context (the grads are cached on each instance)."""
    found = getattr(ctx, "_instances", None)
    if found is None:
        found = ctx._instances = ctx.instances()
    return found


def _compare(setup, lhs, rhs, free, k, other=True) -> Outcome:
    ev = Evaluator(setup)
    if getattr(setup, "stated_sizes", False) and not gradient_zero_said(setup):
        ev.free = set(free)             # ∂L/∂y_{⌊m/2⌋}, δ_{j-1} past their tensor at the document's own sizes: no such entry
    domains = setup.domains(lhs, free, ev.positions, rhs)
    compared = bound = 0
    literal = literal_entries(rhs)           # which claimed entries are one written number
    for combo in itertools.product(*domains):
        env = dict(zip(free, combo))
        where = ", ".join(f"{v}={c}" for v, c in env.items()) or "the claim"
        if _left_outside(setup, ev, lhs, env):
            continue
        try:
            left = output_jacobian_by_entry(setup, lhs, lambda r: ev.positions(r, env))   # ∂O/∂F_{11}: O's shape
            left = ev.value(lhs, env) if left is None else left
        except OutOfRange:
            continue
        try:
            right = zeros_like(left) if rhs == ZERO_TENSOR else ev.value(rhs, env)   # \mathbf{0}
        except OutOfRange as err:
            return Outcome("refuted", f"side {k + 1} at {where}: {err} {setup.describe()}")
        if isinstance(left, np.ndarray) and left.size == 1 and not isinstance(right, np.ndarray):
            left = left.ravel()[0]
        if isinstance(right, np.ndarray) and right.size == 1 and not isinstance(left, np.ndarray):
            right = right.ravel()[0]
        left, right = _column_as_vector(setup, left, right)
        if getattr(ev, "ones_column", False) and np.ndim(left) == np.ndim(right) == 2 and np.shape(left) != np.shape(right) \
                and np.shape(left) == np.shape(right)[::-1]:        # G^T 1 against a bias held as a row
            return Outcome("unchecked", f"side {k + 1} is a column of sums (G^T 1) where this section holds the left side "
                                        f"as a row {np.shape(left)}: whether the page's vector is a column (Z = XW^T + 1 b^T) "
                                        "is not read; write it as a row, 1^T G, to check it")
        left, right, flat = written_shape(lhs, left, right)      # ∂y/∂w_1 as a row; ∂O/∂X_{00} as a list
        if flat:
            return Outcome("unchecked", flat)
        if isinstance(left, np.ndarray) and isinstance(right, sp.Float):     # 0.8222 against a tensor: a scalar page?
            return Outcome("unchecked", f"side {k + 1} is the number {right:.6g}, where this reading gives a tensor")
        if isinstance(left, np.ndarray) != isinstance(right, np.ndarray) or (
                isinstance(left, np.ndarray) and left.shape != right.shape):
            found = Outcome("refuted", f"side {k + 1} at {where}: shape {np.shape(right)} where "
                                       f"the left side is {np.shape(left)} {setup.describe()}")
            return full_mode_reading(setup, found, lambda twin: _twin_compare(twin, lhs, rhs, free, k, other), rhs)
        pairs = zip(np.ravel(left), np.ravel(right)) if isinstance(left, np.ndarray) else [(left, right)]
        literals = literal if np.size(right) == len(literal) else []
        for n_entry, (a, b) in enumerate(pairs):
            compared += 1
            pattern = regions_differ(setup, a, b, not free and not isinstance(left, np.ndarray))  # max pooling
            if pattern if pattern is not None else not same_entry(a, b):
                example = worked_number(setup, a, b, n_entry < len(literals) and literals[n_entry])   # "= 12" (given_values)
                if example == "agrees":
                    bound += 1
                    continue
                if example is not None:
                    return Outcome(example[0], f"side {k + 1}{entry_at(left, n_entry)}{example[1]} {setup.describe()}")
                entry = entry_at(left, n_entry)
                if said := identity_reading(setup.settings, a, b) or inactive_zero(setup.settings, a, b) or input_activation_reading(a, b):   # φ'(u) = 1 in words; φ' = 0
                    return Outcome("unchecked", f"side {k + 1} at {where}{entry}: {said}")
                hint = ""
                twin = setup.other_convention() if other else None
                if twin is not None:
                    try:
                        twin.set_current(_all_refs([lhs, rhs]))
                        if _compare(twin, lhs, rhs, free, k, other=False).verdict == "holds":
                            hint = f"; it holds under {twin.convention}-correlation".replace(
                                "true-correlation", "true convolution")
                    except (IndexError_, OutOfRange):
                        pass
                shown = (_short(a), _short(b))
                return Outcome("refuted", f"side {k + 1} at {where}{entry}: {pattern or ''}derived {shown[0]}, claimed "
                                          f"{shown[1]} {setup.describe()}{hint} {legend(setup.layer, setup.roles, *shown)}".rstrip())
    if compared == 0:
        return Outcome("unchecked", "no entry to compare")
    numbers = f" ({bound} of them numbers the page's given values give)" if bound else ""
    return Outcome("holds", f"{compared} entries equal{numbers}{ties_note(setup) if setup.layer == 'pool-max' else ''} {setup.describe()}")


def _twin_compare(twin, lhs, rhs, free, k, other) -> Outcome:
    twin.set_current(_all_refs([lhs, rhs]))
    return _compare(twin, lhs, rhs, free, k, other)


def _role_or_none(setup, ref):
    """The section's role of ``ref`` (a name and its layer label), None where it has none."""
    try:
        return setup.role(ref.name, ref.label)
    except (IndexError_, OutOfRange, AttributeError):
        return None


def _left_outside(setup, ev, lhs, env) -> bool:
    """The left side names an entry that does not exist at these free indices
    (``∂x_{i'-m,j'-n}/∂x_{i',j'}`` at i' < m): the claim says nothing there."""
    refs = [lhs.ref] if isinstance(lhs, Grad) else [lhs.top, lhs.bottom] if isinstance(lhs, Jac) else []
    for ref in refs:
        if ref.idx is None:
            continue
        try:
            setup.entry(ref.name, ref.label, ev.positions(ref, env))
        except OutOfRange:
            return True
        except (IndexError_, TypeError, ValueError):
            return False
    return False


def _column_as_vector(setup, left, right):
    """A fully connected layer on one sample holds its vectors (δ, a, z) as one-column
    matrices; the bias and a document's ∇_b C are vectors.  There a vector of n entries and an
    n x 1 column are the same object, so the column is compared as the vector (any other
    difference of shape still refutes)."""
    if setup.layer != "fc" or not all(isinstance(v, np.ndarray) for v in (left, right)):
        return left, right
    if left.ndim == 1 and right.shape == (left.shape[0], 1):
        return left, right[:, 0]
    if right.ndim == 1 and left.shape == (right.shape[0], 1):
        return left[:, 0], right
    return left, right


def _short(e) -> str:
    s = str(e)
    return s if len(s) < 90 else s[:87] + "..."
