r"""Two readings of a section's settings that the document states both ways, and the verdict they
decide together.

A section with no directive can say one thing in its prose and write another in its forward:
"a stride of 2" above ``y_{ij} = \sum w_{mn} x_{i+m,j+n}`` (which moves by 1), or "the output is
the full convolution" above a forward read where every input entry exists (the valid output).
symbp picks neither: :func:`settings_readings` gives both readings (the forward's first), the
index reader checks the claim under each, and :func:`decide_readings` says

* holds, where it holds under both (and says so);
* refuted, where it is refuted under both (with the counterexample of the forward's reading);
* unchecked, where they disagree (or one cannot be read), naming the directive that decides.

The convolution convention said in words against a forward written in entries is decided the
same way inside the index reader (:func:`symbp.check.index_eval.check_index_claim`).

>>> ctx = type("C", (), {"settings": {"stride_conflict": "2", "conv": "cross"}, "roles": {}})()
>>> pair = settings_readings(ctx)
>>> [label for label, _ in pair.readings]
['stride 1 (the forward moves by 1)', 'stride 2 (the prose)']
>>> decide_readings(pair, [("holds", "9 entries equal"), ("holds", "4 entries equal")])[0]
'holds'
>>> decide_readings(pair, [("holds", "9 entries equal"), ("refuted", "at w_00")])[0]
'unchecked'
"""
from __future__ import annotations

from typing import NamedTuple

from .doc_names import DocContext
from .doc_padding import moves_by_one, padding_of
from .index_claims import IndexError_


class ReadingPair(NamedTuple):
    """The section's two readings ``[(label, DocContext)]``, the forward's first; ``conflict``:
    what the document states both ways; ``directives``: the directive for each reading."""
    conflict: str
    readings: list
    directives: tuple


def settings_readings(ctx, stride_named_here: bool = True) -> ReadingPair | None:
    """The two readings of ``ctx`` (a DocContext) where the section states a setting two ways
    (``stride_conflict``, ``stride_letter_said``, ``full_said``); None where it states none; a
    ReadingPair with one reading where the second cannot be built here (the claims are then
    unchecked).  ``stride_named_here``: whether the claim's own chapter names the stride by a
    letter (a page's "with stride $S$" under another heading does not speak of this one)."""
    settings = ctx.settings
    written = tuple(settings.get("stride_value") or ())
    if not written and max(getattr(ctx, "strides", (1, 1))) > 1 and moves_by_one(settings) and not settings.get(
            "axis_params") and str(settings.get("layer", "conv2d")).startswith("conv"):
        written = (1, 1)                             # stride=2 in a directive against x_{i+m}: the forward moves by 1
    if written and tuple(ctx.strides) != written:    # stride=1 in a directive against x_{2i+m}: neither wins
        kept = {k: v for k, v in settings.items() if k != "stride"}
        given = "x".join(map(str, dict.fromkeys(ctx.strides)))
        forward = "x".join(map(str, dict.fromkeys(written)))
        return ReadingPair(f"the directive gives the stride {given} but the section's forward is written with the "
                           f"stride {forward}",
                           [(f"stride {forward} (the forward)", DocContext(ctx.roles, {**kept, "stride": forward})),
                            (f"stride {given} (the directive)", ctx)],
                           (f"<!-- symbp: stride={forward} -->", f"a forward written with the stride {given}"))
    if settings.get("stride_conflict"):          # "stride 2" against x_{i+m}
        n = settings["stride_conflict"]
        kept = {k: v for k, v in settings.items() if k != "stride_conflict"}
        return ReadingPair(f"the prose gives a stride of {n} but the section's forward moves by 1 (its input "
                           f"index has no stride)",
                           [("stride 1 (the forward moves by 1)", DocContext(ctx.roles, kept)),
                            (f"stride {n} (the prose)", DocContext(ctx.roles, {**kept, "stride": n}))],
                           ("<!-- symbp: stride=1 -->", f"<!-- symbp: stride={n} -->"))
    if settings.get("stride_letter_said") and stride_named_here:     # "with the stride $s$" above Y = X * W
        s = settings["stride_letter_said"]
        kept = {k: v for k, v in settings.items() if k != "stride_letter_said"}
        return ReadingPair(f"the prose names the stride {s} but gives it no value, and the section's forward "
                           f"moves by 1",
                           [("stride 1 (the forward as written)", DocContext(ctx.roles, kept)),
                            (f"stride 2 (one value of the prose's {s})", DocContext(ctx.roles, {**kept, "stride": "2"}))],
                           ("<!-- symbp: stride=1 -->", "<!-- symbp: stride=2 -->"))
    if settings.get("full_said") and not any(getattr(ctx, "pads", (0, 0))):
        kept = {k: v for k, v in settings.items() if k != "full_said"}
        valid = DocContext(ctx.roles, kept)
        full = _full_reading(valid)
        why = ("the prose says the layer's output is a full convolution, but its forward read where every "
               "input entry exists gives the valid output")
        if full is None:
            return ReadingPair(why + "; a full output in index notation is read only for a cross-correlation "
                                     "whose kernel size the section gives",
                               [("the valid output (the forward)", valid)],
                               ("<!-- symbp: padding=0 -->", "<!-- symbp: padding=1 --> (cross-correlation)"))
        return ReadingPair(why, [("the valid output (the forward)", valid), (f"the full output (padding "
                                                                              f"{full[1]}, the prose)", full[0])],
                           ("<!-- symbp: padding=0 -->", f"<!-- symbp: padding={full[1]} -->"))
    return None


def _full_reading(valid):
    """(DocContext, padding text) of the full output: the forward as written, its input padded by
    the kernel's size less one on each side (what ``padding=K-1`` gives); None where that is not
    read (true convolution, pooling, a 1-D layer, no kernel size stated)."""
    kernel = valid.settings.get("kernel")
    if valid.layer != "conv" or valid.convention != "cross" or valid.spatial != 2 or not kernel:
        return None
    parts = str(kernel).lower().replace("×", "x").split("x")
    if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
        return None
    kh, kw = int(parts[0]), int(parts[-1])
    if min(kh, kw) < 2:
        return None
    padding = f"{kh - 1}" if kh == kw else f"{kh - 1}x{kw - 1}"
    full = DocContext(valid.roles, {**valid.settings, "padding": padding})
    try:
        padding_of(full)
    except IndexError_:
        return None
    return full, padding


def decide_readings(pair: ReadingPair, results: list) -> tuple:
    """(verdict, detail) from ``results``, one (verdict, detail) per reading of ``pair`` in its
    order: holds only where every reading holds, refuted where every one refutes (the forward's
    counterexample), else unchecked naming the directive of each reading."""
    verdicts = [v for v, _ in results]
    labels = [label for label, _ in pair.readings]
    if len(results) == 2 and verdicts == ["holds", "holds"]:
        return "holds", (f"{results[0][1]} (it holds under both readings the section allows: {labels[0]} and "
                         f"{labels[1]}; {pair.conflict})")
    if len(results) == 2 and verdicts == ["refuted", "refuted"]:
        return "refuted", (f"{results[0][1]} (under {labels[0]}; it is refuted under {labels[1]} too; "
                           f"{pair.conflict})")
    said = "; ".join(f"under {label} it " + {"holds": "holds", "refuted": "is refuted"}.get(v, f"is {v} ({d.split(';')[0]})")
                     for label, (v, d) in zip(labels, results))
    return "unchecked", (f"{pair.conflict}: {said + '; ' if said else ''}say which holds, e.g. "
                         f"{pair.directives[0]} or {pair.directives[1]}")


__all__ = ["ReadingPair", "decide_readings", "settings_readings"]
