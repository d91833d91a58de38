r"""Verdicts on index claims that turn with what the page leaves open about its convolution.

:func:`symbp.check.index_eval.check_index_claim` reads a claim in its section's convention, then asks
:func:`convention_doubt` whether the page has settled what the verdict depends on:

* **the convention**, where it comes only from the document's words (``settings["conv_words"]``,
  :mod:`symbp.check.doc_prose`), a directive that contradicts a written forward (``"conflict"``) or the
  document's own index definition of its operator (``"definition"``, :mod:`symbp.check.doc_operator_defs`;
  ``"definition-words"`` where no directive speaks and the words name the other convention):
  a verdict the other convention would turn round says so, and is left unchecked, naming both, where the
  words speak of both or the page contradicts itself;
* **where a true convolution's output starts**, when the page says only ``Y = X * W``.  A
  cross-correlation's valid output starts where the kernel's first entry meets the input's
  (``y_i = \sum_m x_{i+m} w_m``).  A true convolution has two common counts: MATLAB's
  ``conv2(x, w, 'valid')`` numbers the valid outputs from the first index (``y_i = \sum_m x_{i+K-1-m} w_m``),
  while the definition ``(x * w)_i = \sum_m x_{i-m} w_m`` keeps the full convolution's count, so the valid
  outputs start ``K - 1`` past it.  A forward written by index or entry by entry settles it
  (:mod:`symbp.check.doc_infer`, :func:`symbp.check.doc_written_stride.written_flip`); where nothing
  does, a claim (``\delta_{i,j}``, ``x_{i-m,j-n}``) whose verdict turns with the count is left unchecked
  naming both (red team 45: "where $*$ flips the kernel" above
  ``\partial L/\partial w_{m,n} = \sum \delta_{i,j} x_{i-m,j-n}``, a correct claim, was refuted under the first count).
"""
from __future__ import annotations

import sympy as sp

from .doc_operator_defs import operator_twin
from .index_claims import IndexError_, Op, OutOfRange, Ref

_SAID = {"holds": "holds", "refuted": "is refuted"}      # a verdict as a detail says it: "it holds", "it is refuted"
_DOUBTED = ("both", "conflict", "definition", "defined-both", "definition-words")   # conv_words that leave a turn undecided


def convention_doubt(ctx, outcome, check, make):
    """``outcome`` (a verdict on an index claim in ``ctx``), or ``make("unchecked", why)`` where it
    turns with what the page leaves open (the module's text); ``check(ctx2)`` reads the claim in
    another context, ``make(verdict, detail)`` builds an outcome."""
    if ctx.settings.get("written_unread") and outcome.verdict in ("holds", "refuted"):
        return make("unchecked", f"it {_SAID[outcome.verdict]} read as the section's convention, but {ctx.settings['written_unread']}"
                                 f" (write the forward by index, y_{{i,j}} = \\sum_m \\sum_n x_{{i+m,j+n}} w_{{m,n}}, to say which)")
    doubt = _origin_doubt(ctx, outcome, check, make)
    return doubt if doubt is not None else _words_doubt(ctx, outcome, check, make)


def _words_doubt(ctx, outcome, check, make):
    """The convention read from the words, a conflict or the operator's own definition: the other's verdict."""
    words = ctx.settings.get("conv_words")
    if not words or ctx.layer == "fc" or outcome.verdict not in ("holds", "refuted"):
        return outcome
    defined = operator_twin(ctx) if words in ("definition", "defined-both", "definition-words") else None   # doc_operator_defs
    this_conv = defined[1] if defined else ctx.convention
    other_conv = "cross" if this_conv == "true" else "true"
    try:
        twin = defined[0] if defined else ctx.other_convention()
        other = check(twin) if twin is not None else None
    except (IndexError_, OutOfRange):
        other = None
    names = {"cross": "cross-correlation", "true": "true convolution"}
    if other is not None and other.verdict == outcome.verdict and words in ("both", "conflict"):   # say so
        outcome.detail += (f" (it {'holds' if outcome.verdict == 'holds' else 'is refuted'} under {names[this_conv]} and "
                           f"under {names[other_conv]}: the document's convention, stated both ways, does not matter here)")
    if other is None or other.verdict not in ("holds", "refuted") or other.verdict == outcome.verdict:
        if outcome.verdict == "refuted" and other is not None and other.verdict == "unchecked" and \
                words in _DOUBTED:
            return make("unchecked", f"refuted under {names[this_conv]}, where the document's own reading is in "
                                        f"doubt ({words}); under {names[other_conv]}: {other.detail}")
        return outcome
    if words in _DOUBTED:
        why = {"conflict": f"the directive says {names[ctx.convention]} but the section's forward is written as "
                           f"{names[other_conv]}",
               "definition": f"the directive says {names[this_conv]} but the document defines * by an "
                             f"index formula as {names[other_conv]}",
               "defined-both": "the document defines the claim's operator by index formulas both ways",
               "definition-words": f"the document's words call {names[this_conv]} the layer's convolution but it "
                                   f"defines * by an index formula as {names[other_conv]}",
               "both": "the document's words speak of both"}[words]
        return make("unchecked", f"it {outcome.verdict} under {names[this_conv]} and "
                                    f"{other.verdict} under {names[other_conv]}"
                                    f"{' (the operator the claim writes)' if defined else ''}, and {why}: say which "
                                    f"with <!-- symbp: conv={this_conv} --> or <!-- symbp: conv={other_conv} -->")
    outcome.detail += (f" (the convention, {names[ctx.convention]}, is read from the document's words; "
                       f"under {names[other_conv]} it is {other.verdict}: <!-- symbp: conv={other_conv} --> "
                       f"if that is what it means)")
    return outcome


def _origin_doubt(ctx, outcome, check, make):
    """``make("unchecked", why)`` where ``outcome`` (a verdict on an index claim in ``ctx``, a true
    convolution whose output's first index nothing wrote) turns round when the output is counted
    the other way (``check`` run in the twin context); else None."""
    settings = ctx.settings
    if ctx.layer != "conv" or ctx.convention != "true" or outcome.verdict not in ("holds", "refuted") or \
            any(k in settings for k in ("out_origin", "out_origins", "stride_const", "operator_conv")) or \
            any(getattr(ctx, "pads", (0, 0))) or tuple(getattr(ctx, "strides", (1, 1))) != (1, 1):
        return None
    origin = tuple(Op("add", (Ref(size, None, None), Ref("#base", None, None), sp.Integer(-1))) for size in ("#kr", "#kc"))
    try:
        other = check(type(ctx)(ctx.roles, dict(settings, out_origin=origin), ctx.sizes))     # a DocContext
    except (IndexError_, OutOfRange) as err:      # the other count not readable: the verdict is a guess (red team 46)
        other = make("unchecked", str(err))
    if other.verdict == outcome.verdict:
        return None
    first = "the first index (MATLAB's conv2 'valid')"
    there = _SAID.get(other.verdict, f"is not read ({other.detail.split(';')[0]})")
    return make("unchecked", f"it {_SAID[outcome.verdict]} with the true convolution's outputs counted from {first} "
                             f"and {there} with them counted from K - 1 past it ((x * w)_i = sum_m x_(i-m) w_m); "
                             f"the page writes the convolution as an operator only: write its forward by index, e.g. "
                             f"y_{{i,j}} = \\sum_m \\sum_n x_{{i-m,j-n}} w_{{m,n}}, to say which")
