r"""A convolution section whose stated sizes are too large to check entry by entry (CIFAR's
32x32 input with 3 and 16 channels) is checked at reduced sizes that keep its structure.

An index-notation claim is a formula in the section's sizes.  :func:`reduced_sizes` keeps the
kernel, the stride, the padding, the index base and the forward's layout, and shrinks the
rest: each map axis to the smallest length with at least k + 1 (and three) output positions
and the same remainder ``(H + 2p - k) mod s`` (so the last, partial stride step is dropped the
same way), more than three channels and a batch of more than two to a few.  Every reduced
size's last index lies beyond the numbers the kernel, stride and padding use, and no two
sizes share one, so a bound written for the wrong size stays wrong.  A number a claim writes for a
sum's last index (``\sum_{i=1}^{32}``: the 1-based last row of a 32-row map) becomes the
reduced size's (:func:`map_numbers`); a claim with any other number that is not the kernel's,
the stride's or the padding's, or with a number that could mean two sizes, is not read at the
reduced sizes (its words may depend on the document's sizes), and numbered entries
(``x_{31,31}``) exist only at the document's sizes.

Example::

    >>> r = reduced_sizes(((32, 32), (3, 3)), channels=(3, 16), batch=1, strides=(1, 1),
    ...                   pads=(1, 1), base=1)
    >>> r.sizes, r.channels, r.numbers[32], r.numbers[16]
    (((4, 4), (3, 3)), (3, 5), 4, 5)
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import sympy as sp

from .index_claims import IndexError_, Op, Ref, Sum

MAX_ENTRIES = 4096          # entries of one tensor that an entry-by-entry check builds


def too_large(sizes, channels, batch: int = 1) -> bool:
    """Whether a conv section of ``sizes`` ((H, W), (KH, KW)), ``channels`` (in, out) and
    ``batch`` is too large to build entry by entry.  Example: ``too_large(((32, 32), (3, 3)),
    (3, 16))`` is True."""
    (h, w), (kh, kw) = sizes
    cin, cout = channels
    return cin * h * w > MAX_ENTRIES or cout * cin * kh * kw > MAX_ENTRIES or \
        cout * cin * h * w * kh * kw > 40 * MAX_ENTRIES or batch * cin * h * w > MAX_ENTRIES


@dataclass
class Reduced:
    """Reduced sizes of a too-large section and what they replace."""
    sizes: tuple            # ((H', W'), (KH, KW))
    channels: tuple         # (in, out)
    batch: int
    numbers: dict           # the document's last index -> the reduced one (one to one)
    document: str           # the document's sizes in words, "32x32 input, channels 3,16"
    limit: int              # numbers up to this are the kernel's, the stride's, the padding's


def _out(n: int, k: int, s: int, p: int) -> int:
    return (n + 2 * p - k) // s + 1


class _Numbers:
    """The document's last indices and the reduced ones they become, kept one to one: a
    reduced last index stands for one document size only, so a claim that writes one size's
    number where another is meant is still wrong at the reduced sizes."""

    def __init__(self, base: int, limit: int):
        self.base, self.limit, self.to, self.owner = base, limit, {}, {}

    def fits(self, pairs) -> bool:
        to, owner = dict(self.to), dict(self.owner)
        for doc, small in pairs:
            last, last_small = doc - 1 + self.base, small - 1 + self.base
            if last <= self.limit and last != last_small:
                return False             # a kernel-sized number would change meaning
            if to.get(last, last_small) != last_small or owner.get(last_small, last) != last:
                return False
            to[last], owner[last_small] = last_small, last
        return True

    def add(self, pairs) -> None:
        for doc, small in pairs:
            last, last_small = doc - 1 + self.base, small - 1 + self.base
            if last > self.limit:
                self.to[last], self.owner[last_small] = last_small, last


def reduced_sizes(sizes, channels, batch, strides, pads, base) -> Reduced | None:
    """The reduced sizes of a too-large conv section (see the module's text), None when even
    they are too large.  Each reduced size's last index lies beyond every number up to the
    kernel's, the stride's and the padding's, and no two sizes share one.  Example:
    ``reduced_sizes(((28, 28), (5, 5)), (1, 6), 1, (1, 1), (0, 0), 0).sizes`` is ((12, 12), (5, 5))."""
    (h, w), (kh, kw) = sizes
    limit = max(kh, kw, *strides, *pads, 2)
    floor = limit + 2 - base                      # its last index, floor - 1 + base, is > limit
    numbers = _Numbers(base, limit)
    kept = [(c, c) for c in channels if c <= 3] + ([(batch, batch)] if batch <= 2 else [])
    spatial = [(h, kh, strides[0], pads[0]), (w, kw, strides[1], pads[1])]
    for n, k, st, p in spatial:                  # axes short enough already
        if _out(n, k, st, p) <= max(3, k + 1, floor):
            kept += [(n, n), (_out(n, k, st, p), _out(n, k, st, p))]
    if not numbers.fits(kept):
        return None
    numbers.add(kept)
    reduced = []
    for n, k, st, p in spatial:
        choice = n
        if _out(n, k, st, p) > max(3, k + 1, floor):
            r = (n + 2 * p - k) % st
            for length in range(k - 2 * p + r, n, st):
                pairs = [(n, length), (_out(n, k, st, p), _out(length, k, st, p))]
                if length >= max(1, floor) and _out(length, k, st, p) >= max(3, k + 1, floor) and numbers.fits(pairs):
                    choice = length
                    break
        numbers.add([(n, choice), (_out(n, k, st, p), _out(choice, k, st, p))])
        reduced.append(choice)
    small = []
    for count, keep in ((channels[0], 3), (channels[1], 3), (batch, 2)):
        choice = count
        if count > keep:
            choice = next((c for c in range(floor, count) if numbers.fits([(count, c)])), count)
        numbers.add([(count, choice)])
        small.append(choice)
    (hr, wr), (cin, cout, nb) = reduced, small
    if too_large(((hr, wr), (kh, kw)), (cin, cout), nb) or (hr, wr, cin, cout, nb) == (h, w, *channels, batch):
        return None
    words = f"{h}x{w} input" if h > 1 else f"length {w} input"
    if tuple(channels) != (1, 1):
        words += f", channels {channels[0]},{channels[1]}"
    if batch > 1:
        words += f", batch {batch}"
    return Reduced(((hr, wr), (kh, kw)), (cin, cout), nb, numbers.to, words, limit)


def map_numbers(trees, reduced: Reduced):
    """``trees`` with each sum's written last index that is a document size's
    (``\\sum_{i=1}^{32}``) replaced by the reduced size's, and whether any was.  IndexError_
    for a number the reduced sizes cannot stand for: one that could mean two sizes, or any
    number beyond the kernel's, the stride's and the padding's elsewhere in the claim.
    Example: ``map_numbers([Sum(("i",), 1, 32, Ref("x", None, (Ref("i", None, None),)))],
    reduced)`` gives ``([Sum(("i",), 1, 3, …)], True)`` when 32 rows became 3."""
    changed = []

    def number(n, bound: bool):
        if abs(n) <= reduced.limit:
            return n
        if bound and n in reduced.numbers:
            changed.append(n)
            return reduced.numbers[n]
        what = f"the bound {n} is not the last index of one of the document's sizes" if bound else \
            f"the number {n} in the claim may depend on the document's sizes"
        raise IndexError_(f"{what} ({reduced.document}, too large to check entry by entry): give "
                          "smaller sizes, e.g. <!-- symbp: input=5x5 -->")

    def walk(node, bound=False):
        if isinstance(node, bool):
            return node
        if isinstance(node, (int, sp.Integer)):
            return number(int(node), bound)
        if isinstance(node, (tuple, list)):
            return type(node)(walk(x) for x in node)
        if isinstance(node, Sum):
            return Sum(node.vars, walk(node.lo, True), walk(node.hi, True), walk(node.body))
        if isinstance(node, (Ref, Op)) or dataclasses.is_dataclass(node) and not isinstance(node, type):
            return dataclasses.replace(node, **{f.name: walk(getattr(node, f.name))
                                               for f in dataclasses.fields(node)})
        return node
    out = [walk(t) for t in trees]
    return out, bool(changed)


def reduced_instance(ctx, given, pair, padding):
    """A sized copy of the section ``ctx`` (a :class:`symbp.check.doc_names.DocContext` without
    sizes) at :func:`reduced_sizes` of ``given`` ((H, W), (KH, KW)), with ``.reduced`` set; None
    when ``given`` is small enough to check as it is, or the section is not a convolution or
    pooling.  ``pair``: doc_names' reader of "3,16"; ``padding``: doc_padding.padding_of.  Example: a section with ``input=32x32
    kernel=3x3 channels=3,16 padding=1`` gives one at 4x4, channels 3,2."""
    if ctx.layer not in ("conv", "pool-avg", "pool-max"):
        return None
    channels = pair(ctx.settings.get("channels", "1")) or (1, 1)
    raw_batch = str(ctx.settings.get("batch", "1"))
    batch = int(raw_batch) if raw_batch.isdigit() else 1
    if not too_large(given, channels, batch):
        return None
    try:
        pads = padding(ctx)
    except IndexError_:
        return None
    found = reduced_sizes(given, channels, batch, ctx.strides, pads, ctx.base)
    if found is None:
        return None
    (h, w), (kh, kw) = found.sizes
    settings = {**ctx.settings, "input": f"{h}x{w}", "kernel": f"{kh}x{kw}",
                "channels": f"{found.channels[0]},{found.channels[1]}"}
    if "batch" in ctx.settings:
        settings["batch"] = str(found.batch)
    inst = type(ctx)(ctx.roles, settings, found.sizes)
    inst.reduced = found
    return inst


def reduced_note(instance) -> str:
    """What a verdict at reduced sizes says about them: "; checked at 4x4 input with 3x3
    kernel, channels 3,2 instead of the document's 32x32 input, channels 3,16 (too large entry
    by entry)"; "" for an instance at the document's own sizes."""
    found = getattr(instance, "reduced", None)
    if found is None:
        return ""
    sizes = instance.describe().strip("()").rsplit(", ", 2)[0].replace(", ", " with ", 1)
    return f"; checked at {sizes} instead of the document's {found.document} (too large entry by entry)"
