r"""``symbp check FILE``: re-check every display equation of a Markdown or LaTeX derivation.

Each display equation (``$$…$$``, ``\[…\]``, ``equation``/``align`` rows) gets a verdict:
``holds`` (proved exactly by :func:`symbp.core.proof.prove` against what the chain rule derives
from the layer's forward definition), ``refuted`` (a failing entry with a counterexample, or
a form undefined for its shapes, plus the correct form where symbp knows it), ``definition``
(it binds a name: ``\delta = [[2, 8], [4, 6]]``, ``b^l = 0``, ``\sigma(z) = z``) or
``unchecked`` (with the reason: notation not understood, no layer setup, time limit).

The layer comes from flags (``--layer conv2d --input 3x3 --kernel 2x2``) or directives,
which apply to the equations after them (a directive replaces the one before; flags are the
base under every directive)::

    <!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->                (Markdown)
    % symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,br,tr,bl    (LaTeX)

Keys: ``layer`` (conv2d, avgpool, maxpool, fc), ``input``/``kernel`` (HxW or N), ``stride``,
``padding``, ``dilation`` (N or H,W), ``channels`` (C or CIN,COUT), ``groups``, ``batch``,
``ceil_mode``, ``count_include_pad`` (true/false), ``divisor_override``, ``bias=0`` (no bias,
like an equation ``b^l = 0``) and ``argmax`` (for max pooling examples: each window's maximum
in row-major window order, ``tl``/``tr``/``bl``/``br`` or 1-based digits ``RC``).  Missing
conv2d sizes are inferred from subscripts (``a_{33}``, ``w_{22}``, ``\delta_{22}``).

A fully connected layer (``<!-- symbp: layer=fc in=3 out=2 -->``, keys ``in``, ``out``,
``batch``) is read in the documents' column-vector notation: a, δ, z, b, z^{l-1} are
columns (one per example), W is out x in, vector entries take one subscript (``a_{2}``,
``\delta_{1}``, ``w_{12}``), juxtaposed tensors are matrix products (``W^T \delta``,
``\delta^l (a^{l-1})^T``), ``^T``/``^{\top}`` transposes and ``\sum_n x_n`` sums the
examples.  Products whose shapes do not fit are refuted as undefined.

Activations: ``\sigma(z) = \frac{1}{1 + e^{-z}}`` (or ``\tanh(z)``, ``\max(0, z)``, ``\max(0.01 z, z)``,
``z``, a ``cases`` form; recognised from the parsed expression) binds σ for the σ'(z) claims after it, as
does a directive ``layer=activation name=sigmoid`` (names identity, relu, leaky_relu with ``slope=0.01``,
sigmoid, tanh). ``\sigma'(z) = …`` is then proved by :meth:`symbp.layers.activations.Activation.prove`
(exact; PyTorch's σ'(0) for ReLU-like σ); its right side may use σ(z), ``\tanh^2(z)``, ``e^{…}``, ``\exp``,
``\max``, a ``cases`` environment (rows ``value & z > 0``, ``\text{otherwise}``), ``\mathbb{1}[z > 0]``, and
a region remark ``\quad \text{for } z > 0`` (checked in that region, for ReLU-like σ). Tensor claims keep σ
general.

Softmax with cross-entropy (``<!-- symbp: layer=softmax classes=3 -->``, keys ``classes``, ``batch``):
``\frac{\partial J}{\partial z}`` (or ``\delta``, ``\nabla_z J``) equals an entrywise expression of
softmax(z) (``\text{softmax}(z)``, ``\hat{y}``, ``p``, or a name defined by ``a = \text{softmax}(z)``) and
the targets y, and ``\frac{\partial J}{\partial z_{2}}`` an expression of entries (``\hat{y}_{2} - y_{2}``);
proved exactly by :func:`symbp.layers.activations.prove_exact` under Σ_k y_k = 1. ``J = …`` states the loss.

An equation is read in two passes. Pass 1 (:func:`parse_equation`, :func:`parse_side`) drops connectives
(``\Rightarrow``, ``\therefore``, a leading ``\text{…}``) and ``\quad`` remarks, splits on top-level ``=``
(``x = y = z`` compares y and z with x; a display starting with ``=`` continues the previous left side),
then on ``+ -`` and on symbp's operators ``*`` (``*_{s=2}``, ``*_{d=2}``) and ``\odot``. Operands are
operators (pad, dilate, ``crop_{h\times w}`` (the top-left block), rot180 in its spellings,
upsample/"unsample", σ, σ', Σ_{u,v}, transpose, ``\underbrace``), groups, or atoms for
:func:`symbp.check.latex_atoms.parse_atom` (explicit matrices, tensor names, entry expressions), with ∂J/∂x,
∂z/∂x, σ(x), σ'(x) and 1[x = max] placeholder symbols first. Nothing from a document is evaluated. An
accumulation row ``dX_{i+m} += …`` is read as the sum it builds (:mod:`symbp.check.scatter_add`).
Pass 2 (:func:`resolve_roles`, :class:`Values`) gives names roles by base letter (a, w/W, b, z, δ, ∇x,
∂J/∂x): superscripts are labels, and when δ or z appears with two labels in one equation, the one that is
not the current layer's (W's, or the right side's δ) belongs to the previous layer (δ^{l-1}, z^{l-1}). The
comparison of a derived value with a claimed one (exact proof, worked examples at the bound numbers) is
:mod:`symbp.check.compare`'s.
"""
from __future__ import annotations

import re
import time
from dataclasses import replace

import numpy as np
import sympy as sp

from . import document
from ..core import proof
from .. import witness
from ..claims import to_text
from ..layers.conv import B
from .latex_atoms import LatexAtomError
from .numeric_sides import arithmetic_mismatch
from .doc_headings import SECOND_FORWARD, restated_forward
from ..core.ops import ShapeError
from .notation import (CheckError, DEFINITION, DERIVED, MAX_EQUATIONS, Name, Parse, Term, UNCHECKED, Unsupported,
                       _NotHere, parse_equation, parse_name, parse_side, resolve_roles, shorten)
from .docsetup import Section, _sections
from .notation_names import input_offset, misplaced_input
from .doc_prose import prose_geometry, scalar_entry_use
from .letter_size_claims import every_size_verdict
from .values import Evidence, OutOfRange, Values, _Outcome, _State
from .timelimit import run_limited
from .check_witness import bias_zeros, witness_sides
from .scalar_claims import _special
from .equation_rows import arrow_reason, claim_relations, open_end_reason, shown_rows, split_rows
from .scatter_add import declined_reason, declined_targets, gathered_note
from .core_scope import core_declines
from .fc_typography import plain_typography
from .display_wrappers import loss_calls
from .activation_spellings import NAMED_NOTE
from .layer_activations import LabelledActivations, applied_words, named_elsewhere, word_identity
from .doc_letters import DocumentLetters, subscript_directives
from .prose_full_star import full_star_reading
from .bare_nabla import PageGradients
from .latex_macros import MacroError, read_macros
from .plain_math import entry_names, markup_reason, plain_latex, plain_reason
from .plain_primes import ambiguous_prime, prime_meaning
from .real_docs import NamesTracker
from .compare import _no_bias, _verdict
from .chain_founding import founding_unread
from .lone_matrix import lone_matrix as _lone
from .transpose_t import ambiguous_t, t_is_transpose, transpose_t
from .layer_letters import directive_label_stems, foreign_name
from .transposed_denominator import checked_untransposed
from .page_delta import PageDelta
from .named_gradients import NamedGradients
from .calc_dnames import d_name_reason
from .doc_operator_defs import document_definitions
from .bullet_product import bullet_reading
from .operand_order import order_in_doubt, order_note, swapped_sides, writes_kernel_first
from .check_report import CheckReport, ClaimVerdict
from .typst_doc import typst_page
from .unchecked_hint import with_hint
from .loss_letters import batch_mean_doubt, two_losses
from .activation_labels import relabelled


class _Special(Exception):
    """Carries the outcome of an activation or softmax equation out of the parse."""
    def __init__(self, outcome):
        super().__init__()
        self.outcome = outcome


def check_file(path, *, setup: dict | None = None, time_limit: float = 10.0) -> CheckReport:
    """Check a .md/.markdown/.tex file; CheckError when it cannot be read."""
    try:
        kind, body = document.read_document(path)
    except document.DocumentError as err:
        raise CheckError(str(err)) from None
    return check_text(body, kind, setup=setup, path=str(path), time_limit=time_limit)


def check_text(text: str, kind: str, *, setup: dict | None = None, path: str = "<text>",
               time_limit: float = 10.0, total_limit: float = 600.0) -> CheckReport:
    """Check every display equation of ``text`` (``kind`` 'md', 'tex' or 'typ').

    ``setup`` holds base settings (directive keys; values as in a directive, or ints and pairs).
    Each equation is checked under a hard ``time_limit`` in seconds; after ``total_limit`` the rest
    are reported unchecked.  CheckError for a document that cannot be read (too large, unterminated math).
    """
    if len(text.encode("utf-8", "replace")) > document.MAX_DOCUMENT_BYTES:
        raise CheckError(f"{path}: document is larger than "
                         f"{document.MAX_DOCUMENT_BYTES // 2 ** 20} MB")
    typst = typst_page(document.quiet_comments(text) if kind == "md" else text, kind)   # Typst math: its displays as LaTeX
    text, kind = subscript_directives(typst.text), typst.kind       # names: W_l=kernel as W^{l}=kernel
    try:
        items = document.extract(text, kind)
    except document.DocumentError as err:
        raise CheckError(f"{path}: {err}") from None
    count = sum(isinstance(i, document.DisplayEquation) for i in items)
    if count > MAX_EQUATIONS:
        raise CheckError(f"{path}: {count} display equations (limit {MAX_EQUATIONS})")
    report, state, deadline = CheckReport(path, []), _State.of_document(text), time.monotonic() + total_limit
    (names := NamesTracker(check_text)).document(text)       # the document's own names
    try:
        macros = read_macros(text)                           # \newcommand, \def: expanded as text
    except MacroError as err:
        raise CheckError(f"{path}: {err}") from None
    primes, entries, gradients, letters = prime_meaning(text), entry_names(text), PageGradients(text), DocumentLetters(text)
    activations = LabelledActivations(text)                  # f_L'(u^L): the plain f' where f is not defined
    deltas, last_line, kernel_first = PageDelta(text), 0, writes_kernel_first(text)   # a δ = c ∂L/∂y; z = W * a + b: * slides W
    defined_ops = document_definitions(text) if kernel_first else {}      # (I ⋆ K)_{ij} = Σ I_{i+m} K_m: fixed
    displays = [(i.line, split_rows(i.latex)) for i in items if isinstance(i, document.DisplayEquation)]
    named, twice = NamedGradients([r for _, rows in displays for r in rows], text, [i.settings for i in items if isinstance(
        i, document.Directive)]), declined_targets(displays, text)        # dZ := ∂J/∂Z; G_X=input_grad; +=

    def plain(latex: str) -> str:
        """The display as the readers read it: macros expanded, plain text as LaTeX, \\vec{z}: z."""
        try:
            return letters.plain(plain_typography(activations.plain(plain_latex(gradients.plain(named.plain(macros.expand(latex))), primes, entries)), loss_calls(text)))
        except MacroError as err:
            raise CheckError(f"{path}: {err}") from None
    small_t = transpose_t if t_is_transpose([plain(i.latex) for i in items if isinstance(
        i, document.DisplayEquation)]) else (lambda latex: latex)       # W^{t}: W^T where t is nothing else
    for section, eqs in _sections(items, setup or {}, path, prose_geometry(text)):
        seen = [plain(e.latex) for e in eqs]
        stems = directive_label_stems(str(eqs[0].settings.get("names", ""))) if eqs else frozenset()
        deltas.section(last_line, [(e.line, e.latex) for e in eqs])
        last_line = eqs[-1].line if eqs else last_line
        if eqs:
            state.enter(eqs[0].settings)                    # argmax=: not the numbers of another example
            report.setups[eqs[0].line] = section.describe()
            if section.error:
                report.setup_errors.append(section.error)
            names.section({**(setup or {}), **eqs[0].settings}, [small_t(x) for x in seen],
                          (eqs[0].line, eqs[-1].line), [e.line for e in eqs])
        for written, shown in [(replace(e, latex=row), text) for e in eqs for row, text in shown_rows(e.latex, e.shown)]:
            source, naming = named.row(written.latex)     # dZ := ∂J/∂Z = R: the claim ∂J/∂Z = R
            eq, scope = replace(written, latex=small_t(plain(claim_relations(source, twice)))), None   # \vec{z}: z, macros
            if not eq.latex.strip() and written.latex.strip():     # a display that only defines macros
                continue
            page = deltas.claim(written.latex, eq.latex, eq.line, lambda x: run_limited(lambda p=small_t(plain(x)): _held(
                check_equation(p, section, state, stems), lambda: names.retry(p, line=eq.line)), time_limit))   # as read
            eq, page = (replace(eq, latex=page[1]), None) if page and page[0] == "latex" else (eq, page)
            page = (DEFINITION, naming) if isinstance(naming, str) else naming or page   # named_gradients
            if time.monotonic() > deadline:
                outcome = _Outcome(UNCHECKED, f"the time budget ({total_limit:g} s) is spent")
            elif page:
                outcome = _Outcome(*page)
            elif getattr(section, "all_sizes", False) and not core_declines(eq.latex, {**(setup or {}), **eqs[0].settings}, names.prose_conv):
                report.with_setup += 1            # sizes as letters (symbp.allsizes), as the page means them
                report.claims.append(ClaimVerdict(eq.line, shown, *every_size_verdict(section, eq.latex, written.latex, text, names.settings)))
                continue
            elif declined := core_declines(eq.latex, {**(setup or {}), **eqs[0].settings}, names.prose_conv,
                                              section.model, names.ctx, names.section_latex or ()):
                outcome = _Outcome(UNCHECKED, declined)      # index_base=0, conv=true: the index reader's
            else:
                try:
                    again = lambda t: check_equation(t, section, state, stems)     # noqa: E731  ("a full convolution:", X^T \bullet δ)
                    outcome = run_limited(lambda: bullet_reading(source, full_star_reading(eq.latex, again(eq.latex), names.prose_facts, eq.line, again), names.text, lambda t: again(small_t(plain(t)))), time_limit)
                except witness.WitnessError as err:       # never a verdict: where, and stop
                    raise witness.WitnessError(f"{path}: line {eq.line}: {err}") from None
            if isinstance(outcome, str):
                outcome = _Outcome(UNCHECKED, outcome)
            if outcome.verdict in (proof.HOLDS, proof.REFUTED) and section.softmax_equations:
                other = names.calc.loss_is_not_standard(eq.latex)     # the section's own loss
                outcome = _Outcome(UNCHECKED, other) if other else outcome
            if outcome.verdict == UNCHECKED and not page:     # the document's own names
                try:
                    again = run_limited(lambda: names.retry(eq.latex, line=eq.line), time_limit)
                except witness.WitnessError as err:       # the index reader's witness
                    raise witness.WitnessError(f"{path}: line {eq.line}: {err}") from None
                if again is not None and not isinstance(again, str) and again.verdict != UNCHECKED and not (
                        again.verdict == DEFINITION and section.error):     # a bad directive stays in view
                    outcome = _Outcome(again.verdict, again.detail)
                    scope = getattr(again, "scope", None)             # index claims, all sizes
                elif again is not None and not isinstance(again, str) and again.verdict == UNCHECKED \
                        and again.detail and again.detail not in outcome.detail:     # both readers' reasons
                    outcome = replace(outcome, detail=_reasons(outcome.detail, again.detail))  # keeps lhs
                if outcome.verdict == UNCHECKED and (why := plain_reason(written.latex)):
                    outcome = replace(outcome, detail=f"{why}; {outcome.detail}")   # X', np.tensordot
            else:
                names.observe_forward(eq.latex)
                names.keep_lhs(eq.latex)
            why = markup_reason(written.latex) or arrow_reason(written.latex) or declined_reason(written.latex, twice) or ambiguous_prime(eq.latex, primes) or d_name_reason(written.latex, text) or open_end_reason(written.latex) or (  # \cancel{x}; A=0 ⇒ B
                small_t is not transpose_t and ambiguous_t(eq.latex, seen))              # a transpose? not a guess
            if why and why.startswith("^{t}") and outcome.verdict in (proof.HOLDS, proof.REFUTED):
                as_t = run_limited(lambda: check_equation(transpose_t(eq.latex), section, state, stems), time_limit)
                if not isinstance(as_t, str) and as_t.verdict == outcome.verdict:   # the same either way
                    why, outcome = None, replace(as_t, detail=f"^{{t}} as a transpose or a label, the same: {as_t.detail}")
            if why and outcome.verdict in (proof.HOLDS, proof.REFUTED, UNCHECKED):
                outcome = _Outcome(UNCHECKED, why if outcome.verdict != UNCHECKED else f"{why}; {outcome.detail}")
            if outcome.verdict == proof.REFUTED and order_in_doubt(outcome.detail, written.latex, kernel_first) and (swapped := swapped_sides(written.latex, defined_ops)):   # δ * a; rot180(W) ⊗ dZ
                other = run_limited(lambda: check_equation(swapped, section, state, stems), time_limit)
                if isinstance(other, str) or other.verdict != proof.HOLDS:        # the names reader's claim
                    kept = names.last_lhs
                    other = run_limited(lambda: names.retry(swapped, line=eq.line), time_limit)
                    names.last_lhs = kept
                if other is not None and not isinstance(other, str) and (note := order_note(other.verdict, outcome.detail)):
                    outcome = _Outcome(UNCHECKED, f"{outcome.detail}; {note}")      # rot180(W) ⊗ dZ: dZ ⊗ rot180(W)?
            if (outcome.verdict == proof.REFUTED or outcome.detail.startswith(NO_SETUP)) and \
                    restated_forward(names, eq.latex, eq.line):
                outcome = _Outcome(UNCHECKED, SECOND_FORWARD)             # ## Two: z = 2 w x below z = w x
            if not (named_here := NAMED_NOTE in outcome.detail) and outcome.verdict == proof.HOLDS and "exact" not in outcome.detail and (why := named_elsewhere(
                    eq.latex, [f for _, f in names.activations.values()] + applied_words([names.text]))):
                outcome = _Outcome(UNCHECKED, why)                       # tanh'(z) on a ReLU layer
            if outcome.verdict in (proof.HOLDS, proof.REFUTED) and (why := two_losses(source) or scalar_entry_use(written.latex, text) or relabelled(written.latex, text, eq.line) or batch_mean_doubt(written.latex, [r for _, rows in displays for r in rows], eqs[0].settings) or (
                    outcome.verdict == proof.REFUTED and not named_here and word_identity(eq.latex, outcome.detail))):
                outcome = _Outcome(UNCHECKED, why)      # ∂𝓛/∂W = Σ ∂L/∂Y X: which loss?  \tanh'(z) = 1 - \tanh^2(z)
            if outcome.verdict != proof.REFUTED and (wrong := arithmetic_mismatch(eq.latex)):
                outcome = _Outcome(proof.REFUTED, wrong)       # … = 0.188 · 0.237 ≈ 0.0043: the numbers disagree
            deltas.observe(written.latex, outcome.verdict, eq.line)       # δ = ∂H/∂x refuted: the page's own δ
            state.update(outcome := state.watched(written.latex, outcome, eq.line))    # a refuted own forward
            report.with_setup += section.cfg is not None or outcome.verdict in (
                proof.HOLDS, proof.REFUTED, proof.UNPROVED)       # σ' claims after σ(z) = …
            detail = with_hint(outcome.detail, eq.latex, {**(setup or {}), **eqs[0].settings}, names.seen, getattr(names.ctx, "layer", None)) if outcome.verdict == UNCHECKED else gathered_note(outcome.detail, written.latex, twice)   # +=
            report.claims.append(ClaimVerdict(eq.line, shown, outcome.verdict, detail, scope, evidence=outcome.evidence))
    return typst.shown(report)                               # the author's Typst rows as written


# =========================================================================== verdicts

NO_SETUP = "no layer setup"


def _held(outcome, names_reader) -> str | None:
    """The verdict of a claim by the core, else by the document's own names reader."""
    return verdict if (verdict := getattr(outcome, "verdict", None)) != UNCHECKED else getattr(names_reader(), "verdict", None)


def _reasons(core: str, names: str) -> str:
    """The detail of a claim both readers left unchecked, both reasons: with no layer set up,
    the names reader's first (it read further: the core's says only that no layer is given)."""
    return f"{names}; {core}" if core.startswith(NO_SETUP) else f"{core}; in the document's own names: {names}"


# a claim that writes a convolution's operation (or numbered entries) is about the inferred conv layer
_CONV_WRITTEN = re.compile(r"(?<![\^_{])\*|\\ast|\\star|\\circledast|\\otimes|rot|conv|pad|flip|"
                           r"(?<![A-Za-z\\])[A-Za-z]\s*_\s*\{?\s*\d\s*,?\s*\d")


def check_equation(latex: str, section: Section, state: _State, stems: frozenset = frozenset()) -> _Outcome:
    """The verdict on one display equation, given its section and what came before it
    (``stems``: the layer-label letters its directive gives the section's tensors)."""
    lhs = None
    try:
        try:
            found = _special(latex, section, state)
        except (LatexAtomError, ValueError, TypeError, AttributeError, IndexError) as err:
            raise Unsupported(f"notation not understood: {shorten(str(err), 100)}") from None
        if found is not None:
            raise _Special(found)
        sides = parse_equation(latex)
        lhs = sides[0] if len(sides) > 1 and sides[0].strip() else None
        if len(sides) > 1 and not sides[0].strip():          # "= ..." continues the last one
            if state.last_lhs is None:
                raise Unsupported("continues an equation, but no left side came before")
            sides[0] = state.last_lhs
        outcome = checked_untransposed(sides, lambda s: _check(s, section, state, stems))   # ∂L/∂b^T = R
    except _Special as special:
        outcome = special.outcome
    except OutOfRange as err:                  # w_{32} of a 2x3 W: no such entry (inferred sizes may be too small)
        outcome = _Outcome(UNCHECKED if "(sizes inferred)" in getattr(section, "note", "") else proof.REFUTED, f"undefined: {err}")
    except Unsupported as err:
        outcome = _Outcome(UNCHECKED, str(err))
    except (LatexAtomError, _NotHere) as err:
        outcome = _Outcome(UNCHECKED, f"notation not understood: {err}")
    except RecursionError:
        outcome = _Outcome(UNCHECKED, "expression nested too deeply")
    if outcome.verdict == proof.REFUTED and outcome.detail.startswith("shape mismatch") and \
            "(layer inferred)" in getattr(section, "note", "") and not _CONV_WRITTEN.search(latex):
        outcome = _Outcome(UNCHECKED, f"{outcome.detail.split(';')[0]} under the {section.describe()}, "
                                      "inferred from entries written elsewhere in the section; if this "
                                      "equation is about another layer, a directive says which")
    outcome.lhs = lhs
    return outcome


def _check(sides: list[str], section: Section, state: _State, stems: frozenset = frozenset()) -> _Outcome:
    if any(not s.strip() for s in sides):
        raise Unsupported("an empty side")
    if len(sides) > 1 and re.match(r"\s*\\sigma(?![A-Za-z])", sides[0]):
        for side in sides[1:]:          # only notation symbp reads (known functions) defines σ
            try:
                parse_side(side, Parse(section))
            except (Unsupported, _NotHere, LatexAtomError) as err:
                raise Unsupported(f"not read as a definition of σ: "
                                  f"{str(err) or 'not understood'}") from None
        return _Outcome(DEFINITION, "defines the activation σ (the checks keep σ general)", act_general=True)
    ctx, terms, skipped, letters, summed = Parse(section), [], {}, [], False
    for k, side in enumerate(sides):
        try:
            before = len(ctx.names)
            terms.append(parse_side(side, ctx))
            written = {n.letters for n in ctx.names[before:] if n.letters}
            summed = summed or (r"\sum" in side and any(set(w) - _summed_letters(side) for w in written))
            letters.append(written)
        except (Unsupported, _NotHere, LatexAtomError) as err:
            if k == 0:
                raise Unsupported(str(err) or "left side not understood") from None
            terms.append(None)
            skipped[k] = str(err) or "not understood"
    if summed:                          # Σ_k w_{kj} a_k is not W a (Σ_n δ_n, Σ_{u,v} δ_{u,v} are sums)
        raise Unsupported("a sum over entries with letter indices: index notation")
    for side_letters in letters[1:]:    # ∂C/∂w_{jk} = δ_j a_k: entries, not the tensors' product
        lettered = sorted(set(side_letters) | set(letters[0]))
        if side_letters and len(lettered) > 1:
            raise Unsupported("entries with different letter indices (" + ", ".join(
                "".join(x) for x in lettered) + "): index notation")
    other = foreign_name(ctx.names, stems)     # Z^d where the directive names W^c, Z^c
    if other is not None:
        raise Unsupported(f"{other.show()} belongs to a layer this section does not set up")
    subject = _subject(terms[0], ctx)
    roles = resolve_roles(ctx.names, subject)
    forward = subject is not None and subject.base in ("a", "z")      # a^L = σ(a^{L+1} * w^L): its own
    stray = None if forward and state.input_offset is None else \
        misplaced_input(ctx.names, roles, state.input_offset)
    if stray is not None:
        where = f"its forward puts the input's label {state.input_offset:+d} from the weight's" \
            if state.input_offset is not None else "an input sits at the weight's label or one below"
        raise Unsupported(f"{stray.show()} is not this layer's input ({where}): an activation, "
                          f"which this reader does not take here")
    values = Values(ctx, roles, section.model)
    if len(sides) == 1:
        return _lone(terms[0], values, section, state)
    definition = _definition(terms, values, subject)
    if definition is not None:
        return definition
    if values.model is None:
        return _Outcome(UNCHECKED, section.error or f"{NO_SETUP} (give --layer or a symbp "
                                                    "directive such as layer=conv2d input=3x3 kernel=2x2)")
    outcome = _claim(terms, values, skipped, section, state, sides)
    if outcome.verdict == proof.HOLDS and subject is not None and subject.base == "z" and \
            state.input_offset is None:          # the forward: where its input's label sits
        outcome.input_offset = input_offset(ctx.names)
    return outcome


def _summed_letters(side: str) -> set:
    """The index letters a side's sums run over (``\\sum_{u,v}``, ``\\sum_n``, ``\\sum_{k=1}^{K}``)."""
    return {c for m in re.finditer(r"\\sum\s*_\s*(\{[^{}]*\}|[A-Za-z])", side)
            for c in re.split(r"=", m.group(1).strip("{}"))[0] if c.isalpha()}


def _subject(term: Term, ctx: Parse) -> Name | None:
    """The name a side consists of (δ^{l-1}, ∂J/∂a_{12}, z_{11}), if it is just a name."""
    if term.kind == "tensor":
        return ctx.leaves.get(term.expr)
    if isinstance(term.expr, sp.Symbol):
        payload = ctx.functions.get(term.expr.name)
        return parse_name(term.expr.name) if payload is None else \
            payload[1] if payload[0] == "grad" else None
    return None


def _definition(terms, values: Values, subject: Name | None) -> _Outcome | None:
    """``name = numbers`` binds the name; ``δ = ∂J/∂z`` restates notation; else None."""
    if subject is None or subject.grad or None in terms or values.role(subject) in DERIVED:
        return None
    role, rest, ctx = values.role(subject), terms[1:], values.ctx
    if subject.indices is None and all(t.kind == "tensor" and values.form(t.expr) == role
                                       for t in rest):
        return _Outcome(DEFINITION, f"notation: {subject.show()} = {to_text(role)}")
    raw = [ctx.matrices.get(t.expr, t.expr) for t in rest]
    if any(t.kind == "tensor" and t.expr not in ctx.matrices for t in rest) or \
            any(r.free_symbols for r in raw):
        return None
    if role == B and raw[-1] == 0:
        return _Outcome(DEFINITION, "b = 0: the layer has no bias", bias_zero=True)
    shown = raw[-1].tolist() if isinstance(raw[-1], sp.MatrixBase) else raw[-1]
    key = role if subject.indices is None else (role, subject.indices)
    return _Outcome(DEFINITION, f"binds {subject.show()} = {shown}", bind={key: raw[-1]})


def _claim(terms, values: Values, skipped: dict, section: Section, state: _State, sides: list[str]) -> _Outcome:
    """Compare the side that refers to derived quantities with every other side (``sides``: as
    written); a chain holds only if every side was read (:mod:`symbp.check.chain_sides`)."""
    evaluated, undefined, derived_sides = {}, {}, []
    for k, t in enumerate(terms):
        if t is not None:
            try:
                evaluated[k] = values.value(t)
            except ShapeError as err:
                undefined[k] = str(err)
            except OutOfRange:
                raise
            except Unsupported as err:
                if k == 0:
                    raise
                skipped[k], terms[k] = str(err), None
                continue
            if values.touched:
                derived_sides.append(k)
    first = derived_sides[0] if derived_sides else 0
    if first in undefined:
        raise Unsupported(f"the left side is undefined: {undefined[first]}")
    bias_zero = section.bias is False or (section.bias is None and state.bias_zero)
    derived = _no_bias(evaluated[first], bias_zero, values)
    role = values.form(terms[first].expr) if terms[first].kind == "tensor" else None
    name = _subject(terms[first], values.ctx)
    what = to_text(role) if isinstance(role, sp.Symbol) else \
        name.show() if name is not None else "the left side"
    correct = values.model.correct(role, bias_zero) if isinstance(role, sp.Symbol) else None
    results, witnessed = [], []
    for k, t in enumerate(terms):
        if k == first or t is None:
            continue
        if t.kind == terms[first].kind == "tensor" and values.form(t.expr) == role:
            continue                                    # restates the left side
        if k in undefined and any(n.letters for n in values.ctx.names):
            skipped[k] = (f"{undefined[k]} when its entries with letter indices are read as whole "
                          "tensors; the letters decide which product is meant")
        elif k in undefined:
            results.append((proof.REFUTED, f"undefined: {undefined[k]}" +
                            (f"; correct: {correct}" if correct else ""), Evidence(derived, None)))
        else:
            claimed = _no_bias(evaluated[k], bias_zero, values)
            fixed = bias_zeros(bias_zero, values)
            verdict, detail, evidence = _verdict(derived, claimed, what, correct, values, state,
                                                 section, fixed)
            results.append((verdict, detail, evidence))
            if verdict == proof.HOLDS:
                witnessed.append((terms[first], t, fixed))
    for inner, label, tex in values.ctx.asides:          # \underbrace{matrix}_{rot180(W)}
        try:
            x, y = values.value(inner), values.value(label)
            if np.shape(x) != np.shape(y) or not all(
                    proof.entries_equal(p, q) for p, q in zip(np.ravel(x), np.ravel(y))):
                results.append((proof.REFUTED, f"the part labelled {tex} is not "
                                               f"{to_text(values.form(label.expr))}", None))
        except (Unsupported, ShapeError):
            pass
    reasons = {r: [str(k + 1) for k in sorted(skipped) if skipped[k] == r] for r in dict.fromkeys(skipped.values())}
    notes = "; ".join(f"side{'s' * (len(ks) > 1)} {' and '.join(ks)} not checked: {r}" for r, ks in reasons.items())
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [(d, e) for v, d, e in results if v == verdict]
        if found:
            if verdict == proof.HOLDS:
                for lhs, rhs, fixed in witnessed:
                    witness_sides(lhs, rhs, values, fixed)
            unread, ruled = founding_unread(sides, skipped, values.ctx.names, found[0][0])  # ∂J/∂z ∂z/∂W: read
            if verdict == proof.HOLDS and unread:       # a chain holds only if every side was read
                return _Outcome(UNCHECKED, unread)
            return _Outcome(verdict, found[0][0] + ruled * (verdict == proof.HOLDS), evidence=found[0][1])
    raise Unsupported(notes or "nothing to compare: every side restates the first")
