r"""A section whose stride or padding is a letter the document never gives a number for is
checked at several values of it, the way a section without sizes is checked at several sizes.

* A stride letter (``x_{s i + m}``, ``x_{(i-1)s + m}``, or one per axis, ``X_{i S_h + m, j S_w + n}``):
  a claim written in ``s`` is a formula in the stride, so it must hold at every stride; it is
  checked at strides 1, 2 and 3 (and 2 down, 3 across where each axis has its letter) and
  refuted at any -- unless it writes numbered entries or
  numbers for its sums' bounds, which may be the author's stride's only: then it holds where it
  holds at each, else it is unchecked with where it holds.  A claim that writes no stride letter
  (``x_{i+m}`` under ``x_{s i + m}``) claims the same for every stride: it holds where it holds at
  each and is refuted where its values fail at one; where it only reaches entries outside a
  tensor (the author's zero there, perhaps) it is unchecked.  The sentence before it may say
  it is about stride 1 ("For unit stride (S = 1):"): then it is read at stride 1 alone.  Convolutions only,
  and not a letter that is also a size (pooling's ``x_{ki+m}`` with a k-wide window).
* Padding the prose names by a letter (``H_{out} = (H - k + 2p)/s + 1``) that neither the
  forward nor the directive nor the entries' sizes settle (``padding: unsettled``,
  :func:`symbp.check.doc_padding.prose_stride_padding`): a claim may be right at the author's
  padding only, so it holds when it holds at paddings 0, 1 and 2 (at stride 1 and at the
  prose's stride, where it gives one: it may be another layer's), and is otherwise unchecked with where it holds and where not (failing at each
  refutes nothing: the author's padding or stride may be another).

Example::

    >>> [extra for _, extra in geometry_guesses({"stride_symbol": "s"})]
    [{'stride': '1'}, {'stride': '2'}, {'stride': '3'}]
    >>> [extra for _, extra in geometry_guesses({"padding": "unsettled"})]
    [{'padding': '0', 'stride': '1'}, {'padding': '1', 'stride': '1'}, {'padding': '2', 'stride': '1'}]
"""
from __future__ import annotations

import sympy as sp

STRIDES_TRIED = (1, 2, 3)
PADDINGS_TRIED = (0, 1, 2)
#: what a verdict reached at strides symbp chose says (the forward's stride a letter, no number given)
STRIDE_GUESSED = "is not given as a number"
#: what the verdict on a claim that writes no stride letter says where it holds at stride 1 only
UNIT_STRIDE_ONLY = "the claim, which writes no stride, holds at stride 1"


def geometry_guesses(settings: dict) -> list:
    """[(kind, settings to add)] for a section whose stride is a letter or whose padding is
    unsettled (see the module's text); [] when its numbers settle both, or for a dense layer (a
    page's convolution chapter names p; its linear layer has none)."""
    if settings.get("layer_kind") == "fc":
        return []
    if str(settings.get("padding", "")) == "unsettled" or (settings.get("padding_letter") and str(
            settings.get("padding") or "") == "" and not settings.get("stride_symbol")):  # x_{i+m-p}
        given = str(settings.get("stride") or "")       # a directive's, or a reading's (stride 2 of "stride $s$")
        strides = [given] if given.isdigit() else dict.fromkeys(["1", str(settings.get("unsettled_stride") or "1")])
        return [("padding", {"padding": str(p), "stride": s}) for s in strides for p in PADDINGS_TRIED]
    letters = stride_letters(settings)
    if letters and str(settings.get("stride", "") or "") == "" and not settings.get("stride_value") and \
            settings.get("layer_kind", "conv") == "conv" and not set(letters) & set(settings.get("dims", {})):
        unequal = ["2,3"] if len(letters) == 2 else []        # S_h, S_w: a claim that swaps them fails here
        return [("stride", {"stride": str(s)}) for s in list(STRIDES_TRIED) + unequal]
    return []


def stride_letters(settings: dict) -> tuple:
    """The letters a section's forward writes for its stride: one (``x_{s i + m}``,
    ``stride_symbol``) or one per axis (``X_{i S_h + m, j S_w + n}``, the stride letters of
    :func:`symbp.check.index_axis_params.axis_params`); () for a stride written as a number.

    >>> stride_letters({"axis_params": {"stride": ("S_h", "S_w"), "padding": (0, 0)}})
    ('S_h', 'S_w')
    """
    if settings.get("stride_symbol"):
        return (settings["stride_symbol"],)
    params = settings.get("axis_params") or {}
    return tuple(dict.fromkeys(x for x in params.get("stride", ()) if isinstance(x, str)))


def writes_stride_letters(trees, settings: dict) -> bool:
    """Whether a claim (its index trees) writes a stride letter of its section's forward
    (:func:`stride_letters`): ``δ_{r-m, c-n}`` under a forward ``X_{i S_h + m, …}`` writes none,
    and may be the author's unit-stride case, so guessed strides where it fails refute nothing."""
    from .index_tree import names_in
    letters = set(stride_letters(settings))
    return any(letters & names_in(t) for t in trees)


def guessed_instances(ctx, make) -> list | None:
    """The section ``ctx``'s instances at each of :func:`geometry_guesses`, each marked with
    ``geometry_guess`` (its kind); None when there is nothing to guess.  ``make(settings)``
    builds an unsized context; IndexError_ from one value skips it (padding with a true
    convolution); fewer than two values built: IndexError_ (one value proves nothing).
    Example: ``guessed_instances(ctx, lambda s: DocContext(ctx.roles, s))``."""
    from .index_claims import IndexError_
    guesses = geometry_guesses(ctx.settings)
    if not guesses:
        return None
    out, built, why = [], 0, ""
    for kind, extra in guesses:
        try:
            found = make({**ctx.settings, **extra}).instances()
        except IndexError_ as err:
            why = why or str(err)
            continue
        built += 1
        for inst in found:
            inst.geometry_guess = kind
        out += found
    if built < 2:
        what = "padding" if guesses[0][0] == "padding" else f"stride {', '.join(stride_letters(ctx.settings))}"
        raise IndexError_(f"the {what} {STRIDE_GUESSED} and only one value of it could be "
                          f"tried{': ' + why if why else ''} (give it, e.g. <!-- symbp: padding=1 -->)")
    return out


def guessed_outcome(results, at, note: str, outcome, letter_free: bool = False):
    """The verdict on a claim checked at each guessed padding, or at each guessed stride when
    the claim writes numbers that may hold at the author's stride only (``results``, per
    instance ``at``): holds at each, else unchecked naming where it holds and where not (the
    author's value may be another).  ``letter_free``: a claim that writes no stride letter,
    refuted where it fails at every stride tried, 1 included (the module's text).
    ``outcome``: index_eval.Outcome."""
    padding = at[0].geometry_guess == "padding"
    what = "the padding" if padding else f"the stride {', '.join(stride_letters(at[0].settings))}"
    hint = "padding=1" if padding else "stride=1" if letter_free else "stride=2"

    def pad(inst):
        return str(inst.pads[0]) if inst.pads[0] == inst.pads[1] else ",".join(map(str, inst.pads))

    strides = len({i.strides for i in at}) > 1

    def geometry(inst):
        stride = str(inst.strides[0]) if inst.strides[0] == inst.strides[1] else ",".join(map(str, inst.strides))
        return ", ".join(([f"stride {stride}"] if strides else []) + ([f"padding {pad(inst)}"] if padding else []))

    by_geometry: dict = {}
    for r, i in zip(results, at):
        by_geometry.setdefault(geometry(i), []).append(r.verdict)

    def where(verdict):     # a value holds where every size tried at it holds, fails where one refutes
        wanted = (lambda vs: all(v == "holds" for v in vs)) if verdict == "holds" else (lambda vs: verdict in vs)
        return sorted(g for g, vs in by_geometry.items() if wanted(vs))
    tried = "; ".join(sorted({geometry(i) for i in at}))
    if all(r.verdict == "holds" for r in results):
        return outcome("holds", results[0].detail.split(" (")[0] + f"; {what} {STRIDE_GUESSED}: "
                       f"checked at {tried}, and it holds at each" + note)
    if letter_free and any(r.verdict == "refuted" for r in results):
        return _letter_free(results, at, what, where, hint, note, outcome)
    if all(r.verdict == "refuted" for r in results):
        return outcome("unchecked", f"{what} {STRIDE_GUESSED} and the claim fails at "
                       f"each value tried ({tried}): {results[0].detail}; give it, e.g. "
                       f"<!-- symbp: {hint} -->")
    if any(r.verdict == "refuted" for r in results):
        bad = next(r for r in results if r.verdict == "refuted")
        held = where("holds")
        said = f"it holds at {', '.join(held)} but not at" if held else "it holds at some sizes but fails at"
        return outcome("unchecked", f"{what} {STRIDE_GUESSED}: {said} {', '.join(where('refuted'))} "
                       f"({bad.detail}); give it, e.g. <!-- symbp: {hint} -->")
    return next(r for r in results if r.verdict != "holds")


BASE_SYMBOL = "#base"       # the section's index base, settled where the section is built


def forward_output_origin(offset, flipped: bool, kernel_size, base=BASE_SYMBOL):
    r"""The document's index of the output's first entry on one axis, from the forward's input
    index ``i + u + c`` (cross-correlation) or ``i - u + c`` (true convolution), where i runs
    over the output, u over the kernel (from ``base``), the input counts from ``base`` too and
    ``offset`` is c (a number, a letter such as the kernel size k, or an index-tree expression).

    Write the output's first index o and count from 0 inside: i = i0 + o, u = u0 + base, the
    input entry a0 + base.  PyTorch's cross-correlation reads a0 = i0 + u0, its true
    convolution the kernel turned, a0 = i0 + (k - 1 - u0).  Matching:

    * cross-correlation: a0 + base = i0 + o + u0 + base + c, so **o = -c** (any base);
    * true convolution: a0 + base = i0 + o - u0 - base + c, so **o = k - 1 + 2·base - c**.

    ``kernel_size`` and ``base`` may be numbers or names (``"#kr"``, :data:`BASE_SYMBOL`),
    resolved where the section's sizes are known.  Returns an int when every part is a number,
    else an index-tree expression (``Op``/``Ref``).

    >>> forward_output_origin(2, True, 2, 1)      # a_{i-m+2}, m = 1..2, 1-based: z_1 first
    1
    >>> forward_output_origin(0, True, 3, 0)      # x_{i-m}, 0-based: the output starts at 2
    2
    >>> forward_output_origin(-1, False, 3, 1)    # x_{i+m-1}, 1-based: the output starts at 1
    1
    """
    from .index_claims import Op, Ref
    if not flipped:
        return -offset if isinstance(offset, int) else Op("neg", (offset,))
    if all(isinstance(v, int) for v in (offset, kernel_size, base)):
        return kernel_size - 1 + 2 * base - offset

    def tree(v):
        return Ref(v, None, None) if isinstance(v, str) else v if not isinstance(v, int) else sp.Integer(v)
    return Op("add", (tree(kernel_size), sp.Integer(-1), tree(base), tree(base), Op("neg", (tree(offset),))))


def _letter_free(results, at, what: str, where, hint: str, note: str, outcome):
    """The verdict on a claim that writes no stride letter, failing at some stride tried (the
    module's text): refuted by the first failure of its values; unchecked where it only reaches
    entries outside a tensor (the author's zero there, perhaps).  Where it holds at stride 1,
    the detail says so (:data:`UNIT_STRIDE_ONLY`): a sentence before it that says the stride is
    1 makes it hold (``real_docs``)."""
    bad = [r for r in results if r.verdict == "refuted"]
    by_value = next((r for r in bad if " does not exist " not in r.detail), None)
    unit = next((r.detail.split(" (")[0] for r, i in zip(results, at) if r.verdict == "holds" and i.strides == (1, 1)),
                None)
    said = f"{what} {STRIDE_GUESSED}" + (f": {UNIT_STRIDE_ONLY} ({unit})" if unit else "")
    fails = f"the claim, which writes none, fails at {', '.join(where('refuted'))}"
    if by_value is not None:
        return outcome("refuted", f"{by_value.detail}; {said}; {fails}" + note)
    return outcome("unchecked", f"{said}; {fails}, where it reaches entries outside a tensor ({bad[0].detail}); "
                                f"give the stride, e.g. <!-- symbp: {hint} -->")
