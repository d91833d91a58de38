r"""A convolution section whose stated sizes are too large to check entry by entry (CIFAR's
32x32 input with 3 and 16 channels) is checked at reduced sizes that keep its structure.

An index-notation claim is a formula in the section's sizes.  :func:`reduced_sizes` keeps the
kernel, the stride, the padding, the index base and the forward's layout, and shrinks the
rest: each map axis to the smallest length that has at least three output positions and the
same remainder ``(H + 2p - k) mod s`` (so the last, partial stride step is dropped the same
way), more than three channels to two, a batch to at most two.  A number a claim writes for a
sum's last index (``\sum_{i=1}^{32}``: the 1-based last row of a 32-row map) becomes the
reduced size's (:func:`map_numbers`); a claim with any other number that is not the kernel's,
the stride's or the padding's, or with a number that could mean two sizes, is not read at the
reduced sizes (its words may depend on the document's sizes), and numbered entries
(``x_{31,31}``) exist only at the document's sizes.

Example::

    >>> r = reduced_sizes(((32, 32), (3, 3)), channels=(3, 16), batch=1, strides=(1, 1),
    ...                   pads=(1, 1), base=1)
    >>> r.sizes, r.channels, r.numbers[32], r.numbers[16]
    (((4, 4), (3, 3)), (3, 2), 4, 2)
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
    numbers: dict           # the document's last index -> the reduced one; None: could mean two sizes
    document: str           # the document's sizes in words, "32x32 input, channels 3,16"
    limit: int              # numbers up to this are the kernel's, the stride's, the padding's


def _axis(n: int, k: int, s: int, p: int) -> int:
    """The smallest length with at least k + 1 outputs, and three (or the document's count,
    when fewer), and the same remainder (n + 2p - k) mod s as length ``n``."""
    out, want = (n + 2 * p - k) // s + 1, max(3, k + 1)
    if out <= want:
        return n
    r = (n + 2 * p - k) % s
    return min(n, max(k - 2 * p + r + s * (want - 1), 1))


def reduced_sizes(sizes, channels, batch, strides, pads, base) -> Reduced | None:
    """The reduced sizes of a too-large conv section (see the module's text), None when even
    they are too large.  Example: ``reduced_sizes(((28, 28), (5, 5)), (1, 6), 1, (1, 1),
    (0, 0), 0).sizes`` is ((10, 10), (5, 5))."""
    (h, w), (kh, kw) = sizes
    hr, wr = _axis(h, kh, strides[0], pads[0]), _axis(w, kw, strides[1], pads[1])
    cin, cout = (c if c <= 3 else 2 for c in channels)
    nb = min(batch, 2)
    if too_large(((hr, wr), (kh, kw)), (cin, cout), nb):
        return None
    out = lambda n, k, s, p: (n + 2 * p - k) // s + 1        # noqa: E731
    pairs = [(h, hr), (w, wr), (out(h, kh, strides[0], pads[0]), out(hr, kh, strides[0], pads[0])),
             (out(w, kw, strides[1], pads[1]), out(wr, kw, strides[1], pads[1])),
             (channels[0], cin), (channels[1], cout), (batch, nb)]
    limit = max(kh, kw, *strides, *pads, 2)
    numbers: dict = {}
    for doc, small in pairs:
        if doc == small:
            continue
        last, last_small = doc - 1 + base, small - 1 + base
        if last <= limit or numbers.get(last, last_small) != last_small:
            numbers[last] = None
        else:
            numbers[last] = last_small
    words = f"{h}x{w} input" if h > 1 else f"length {w} input"
    if tuple(channels) != (1, 1):
        words += f", channels {channels[0]},{channels[1]}"
    if batch > 1:
        words += f", batch {batch}"
    return Reduced(((hr, wr), (kh, kw)), (cin, cout), nb, numbers, words, limit)


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
        if bound and n in reduced.numbers and reduced.numbers[n] is not None:
            changed.append(n)
            return reduced.numbers[n]
        what = "could stand for two of the document's sizes" if n in reduced.numbers else \
            "may depend on the document's sizes"
        raise IndexError_(f"the number {n} in the claim {what}, which are too large to check entry "
                          f"by entry ({reduced.document}): give smaller sizes, e.g. <!-- symbp: input=5x5 -->")

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
