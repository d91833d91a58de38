r"""A document's Markdown headings, where a forward written below one starts a new layer.

Pages derive several layers one after another, each under its own heading, often with the same
letters (``## Weight stored (out, in)`` then ``## Weight stored (in, out)``, both ``z_j = …``).
A dense forward below a heading that comes after the section's last forward, binding the same
letters to the same roles (input, kernel, output) with the weight in the other order
(``w_{jk}`` then ``w_{kj}``; ``Wx`` then ``W^T x``), is that heading's layer, not a wrong
restatement of the forward above it (which would be refuted as a claim, and the claims below it
checked against the wrong layer).  Without a heading between them, or where the letters or the
reading are the same, a second forward is read as before (a restatement, or the readers' rules).

>>> heading_lines("# Title\n\n$$z = Wx$$\n\n## Second\n$$\n# not a heading\n$$\n")
(1, 5)
>>> heading_between((1, 5), 3, 9), heading_between((1, 5), 5, 9)
(True, False)
"""
from __future__ import annotations

import re

_NOT_TEXT = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->|```.*?```", re.S)
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+\S", re.M)


def heading_lines(text: str) -> tuple[int, ...]:
    """The 1-based lines of the ATX headings (``# …`` to ``###### …``) outside displays,
    HTML comments and code fences."""
    blank = _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return tuple(blank.count("\n", 0, m.start()) + 1 for m in _HEADING.finditer(blank))


def chapter_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The document's chapters as ``(first line, first line of the next)``: the spans between
    its headings (any level); () with fewer than two headings.

    >>> chapter_spans("# T\\n\\n## A\\n\\n### a\\n")
    ((1, 3), (3, 5), (5, 1000000000))
    """
    starts = list(heading_lines(text))
    return tuple(zip(starts, starts[1:] + [10 ** 9])) if len(starts) > 1 else ()


def heading_extents(text: str) -> tuple[tuple[int, int], ...]:
    """Each heading's part of the document, its subsections included, as ``(its line, the line
    of the next heading of its level or above)``.

    >>> heading_extents("# T\\n\\n## A\\n\\n### a\\n\\n## B\\n")
    ((1, 1000000000), (3, 7), (5, 7), (7, 1000000000))
    """
    blank = _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found = [(blank.count("\n", 0, m.start()) + 1, len(m.group(1))) for m in _LEVEL.finditer(blank)]
    return tuple((line, next((at for at, up in found[k + 1:] if up <= level), 10 ** 9))
                 for k, (line, level) in enumerate(found))


def enclosing_parts(extents: tuple, span: tuple) -> list:
    """The parts of :func:`heading_extents` that hold the chapter ``span`` and more, innermost
    first: where a chapter (``#### δE/δw``) writes no example of its own, its section's
    (``### Without stride``) may."""
    return sorted((e for e in extents if e[0] <= span[0] and span[1] <= e[1] and e != span),
                  key=lambda e: -e[0])


_LEVEL = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+\S", re.M)


# a forward: one letter (a layer label allowed) = a right side that convolves or sums, no derivative
_FORWARD = re.compile(r"^\s*[A-Za-z](?:\^\{?[^{}=]{1,8}\}?)?\s*=(?![^=]*\\partial)[^=]*(?:\*|\\ast|\\star|\\sum|conv)")
# or written entry by entry: Y_{00} &= x_{00}*w_{00} + … (a row of a system of rows)
_ENTRY_ROW = re.compile(r"(?:^|\\\\|\\begin\{aligned\}|\\left\\\{)\s*[A-Za-z]_\{?\d+\}?\s*&?=\s*[A-Za-z]_\{?\d+\}?"
                        r"\s*(?:\*|\\cdot|\\times)?\s*[A-Za-z]_\{?\d+\}?\s*\+", re.M)


def own_example(latex: list) -> bool:
    """Whether a chapter's displays ``latex`` are an example of its own: one states the layer's
    forward (``z^l = a^{l-1} * W^l + b^l``, or its rows ``Y_{00} = x_{00} w_{00} + …``) and the
    numbered entries it writes (counted from 1 or from 0) fit a valid convolution of stride 1 to
    3 or dilation 2 or 3 (some letters' sizes in, k, out with out = (in - d (k - 1) - 1) // s + 1
    on each axis).

    >>> own_example([r"z = a * w", r"z_{11} = a_{11}w_{11} + a_{12}w_{12}", r"z_{22} = a_{33} w_{22}"])
    True
    >>> own_example([r"\\frac{\\partial L}{\\partial w_{11}} = \\delta_{11} x_{11} + \\delta_{22} x_{22}"])
    False

    The output's size may be written only by its gradient's entries, ``\\delta_{22}`` (a chapter
    about the kernel's gradient: ``z = a * W``, ``a_{44}``, ``W_{33}``, ``\\delta_{22}``):

    >>> own_example([r"z = a * W", r"\\frac{\\partial J}{\\partial W_{33}} = a_{33}\\delta_{11} + a_{44}\\delta_{22}"])
    True
    """
    from .section_scan import subscript_sizes
    if not any(_FORWARD.search(tex) or _ENTRY_ROW.search(tex) for tex in latex):
        return False
    subs = {n.lower(): v for n, v in subscript_sizes(latex).items()
            if len(n) == 1 and n.isalpha() and isinstance(v, tuple) and len(v) == 2}
    for low in (1, 0):                  # entries counted from 1, or from 0 (x_{00} … x_{44}: 5x5)
        sizes = {n: tuple(x + 1 - low for x in v) for n, v in subs.items()}
        outputs = list(sizes.values()) + [tuple(x + 1 - low for x in v) for v in _delta_sizes(latex)]
        if any(o == _fitted(sizes[x], sizes[w], stride, dilation) for x in sizes for w in sizes for o in outputs
               for stride, dilation in _GEOMETRIES if x != w and min(sizes[w]) > 1):
            return True
    return False


_GEOMETRIES = ((1, 1), (2, 1), (3, 1), (1, 2), (1, 3))     # (stride, dilation) an example may use


def _fitted(inp: tuple, kernel: tuple, stride: int, dilation: int) -> tuple:
    """The output's size of a valid convolution: ``(n - d (k - 1) - 1) // s + 1`` on each axis."""
    return tuple((n - dilation * (k - 1) - 1) // stride + 1 for n, k in zip(inp, kernel))


def restated_sizes(text: str, chapters: tuple, span) -> bool:
    """Whether the chapter ``span`` (of ``chapters``, :func:`chapter_spans`) states in its own
    prose a size of a letter that another chapter's prose states otherwise (``## Example 2``:
    "Now the input $X$ is $4\\times 4$" after Example 1's 3x3 $X$): that chapter is an example
    of its own, read at its own sizes, not the first example's.

    >>> doc = "# A\\n\\nThe input $X$ is $3\\\\times 3$.\\n\\n# B\\n\\nNow $X$ is $4\\\\times 4$.\\n"
    >>> restated_sizes(doc, chapter_spans(doc), (5, 10 ** 9)), restated_sizes(doc.replace("4", "3"), chapter_spans(doc), (5, 10 ** 9))
    (True, False)
    """
    from .doc_prose import prose_sizes
    if span is None:
        return False
    lines = text.split("\n")

    def letters(c):
        return {n: v for n, v in prose_sizes("\n".join(lines[c[0] - 1:c[1] - 1])).items()
                if len(n) == 1 and all(x.isdigit() for x in v)}
    mine = letters(span)
    return bool(mine) and any(other.get(n) not in (None, v) for c in chapters if c != span
                              for other in (letters(c),) for n, v in mine.items())


_GRADIENT = re.compile(r"\\partial|\\nabla|\\delta|\\frac\s*\{\s*d|'")
_KIND_WORDS = {"pool-avg": "average pooling", "pool-max": "max pooling", "conv": "a convolution"}


def directive_conflict(tracker, latex: str) -> str | None:
    """Why the forward ``latex``, below a heading after the section's first equation, is not
    the layer the section's directive states (``layer=maxpool`` then ``q_{i,j} = \\frac{1}{4}
    \\sum p_{2i+u,2j+v}``: another layer kind), or None (no directive layer, no heading, the
    directive's own layer).  The section's claims below it are then left unchecked: neither
    layer is read with certainty (:class:`symbp.check.real_docs.NamesTracker`)."""
    start = tracker.section_settings
    first = _directive_line(tracker.text, tracker.section_first_line)
    if not start.get("layer") and not _GRADIENT.search(latex):
        return _other_pooling(tracker, latex)
    if not start.get("layer") or tracker.line is None or first is None or _GRADIENT.search(latex) or \
            not heading_between(tracker.headings, first, tracker.line):
        return None
    if (found := layer_forward(latex)) is None:
        return None
    roles, extra = found
    own = {n: r for n, r in roles.items() if r in ("input", "kernel", "output")}
    kind, said = extra.get("layer_kind", "conv"), start.get("layer_kind", "conv")
    layer = str(start["layer"])
    if said in _KIND_WORDS and kind in _KIND_WORDS and kind != said:
        return (f"the forward below the heading is {_KIND_WORDS[kind]}, but the section's directive says "
                f"layer={layer}")
    return _other_letters_other_sizes(tracker, start, own, first)


def layer_forward(latex: str):
    """(roles, settings) of ``latex`` read as a layer's forward (an input and a kernel, or a
    pooling's window), or None when it is none."""
    from .doc_infer import infer_roles
    from .index_claims import IndexError_
    if _GRADIENT.search(latex):
        return None
    try:
        roles, extra = infer_roles(latex)
    except (IndexError_, RecursionError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if sum(r in ("input", "kernel") for r in roles.values()) < 2 and not extra.get("pool"):
        return None
    return roles, extra


def _other_pooling(tracker, latex: str) -> str | None:
    """Why ``latex``, a pooling's forward of the other kind for the output of the section's pooling
    (``Y = \\max …`` then ``Y = \\frac{1}{k^2} \\sum …``, no directive, no heading between them), leaves the
    claims below it unread: which of the two layers each is about is not settled; None otherwise."""
    ctx = tracker.ctx
    said = getattr(ctx, "layer", None) if ctx is not None else None
    if said not in ("pool-avg", "pool-max") or tracker.line is None or \
            heading_between(tracker.headings, tracker.forward_line, tracker.line) or (found := layer_forward(latex)) is None:
        return None                      # below a heading: another layer (restart_below_heading)
    roles, extra = found
    kind = extra.get("layer_kind")
    out = {n for n, r in roles.items() if r == "output"}
    if kind not in ("pool-avg", "pool-max") or kind == said or not out & {n for n, r in ctx.roles.items() if r == "output"}:
        return None
    return (f"the section defines its output twice, by {_KIND_WORDS[said]} and then by {_KIND_WORDS[kind]}: "
            "which layer each claim below is about is not settled")


_SIZE = re.compile(r"(\d+)\s*(?:\\times|×|x)\s*(\d+)")


def _other_letters_other_sizes(tracker, start: dict, own: dict, first: int) -> str | None:
    """Why a forward below a heading whose letters the directive's ``names:`` does not name, after
    prose that gives sizes the directive does not (``a 4×4 map U`` under ``input=3x3``), is another
    layer than the directive's; None otherwise (a layer the page writes again in its own letters, at
    the directive's sizes, stays the directive's)."""
    named = set(re.findall(r"([^\s=:]+)=", str(start.get("names", ""))))
    if not named or set(own) & named:
        return None
    heading = max(h for h in tracker.headings if first < h < tracker.line)
    prose = "\n".join(line for line in tracker.text.split("\n")[heading:tracker.line - 1] if "$$" not in line)
    stated = {(int(a), int(b)) for a, b in _SIZE.findall(prose)}
    given = {tuple(int(v) for v in re.findall(r"\d+", str(start.get(k, "")))[:2]) for k in ("input", "kernel")}
    if stated and not stated <= given:
        sizes = ", ".join(f"{a}x{b}" for a, b in sorted(stated - given))
        return (f"the forward below the heading writes letters the directive does not name ({', '.join(sorted(own))}) "
                f"and the prose gives sizes ({sizes}) it does not: a new directive for this layer decides")
    return None


def _directive_line(text: str, first: int | None) -> int | None:
    """The line of the directive above a section's first equation at ``first`` (the nearest
    line that writes ``symbp:``), else ``first`` (sizes given on the command line)."""
    if first is None:
        return None
    lines = text.split("\n")
    return next((at for at in range(min(first, len(lines)), 0, -1) if "symbp:" in lines[at - 1]), first)


_DELTA_ENTRY = re.compile(r"\\delta\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?")


def _delta_sizes(latex: list) -> list:
    """[(rows, columns)] of the output gradient written as numbered ``\\delta`` entries
    (``\\delta_{22}``, ``\\delta^l_{2,2}``): its largest subscripts, [] when none."""
    hits = [(int(m.group(1)), int(m.group(2))) for tex in latex for m in _DELTA_ENTRY.finditer(tex)]
    return [(max(i for i, _ in hits), max(j for _, j in hits))] if hits else []


def heading_between(headings: tuple[int, ...], after: int, upto: int) -> bool:
    """Whether a heading lies on a line in ``(after, upto)``: strictly below the line ``after``
    (the last forward) and above the line ``upto`` (this display)."""
    return any(after < h < upto for h in headings)


def restart_below_heading(tracker, latex: str) -> bool:
    """Start ``tracker``'s names afresh (a :class:`symbp.check.section_names.SectionNames`) when
    ``latex`` is a forward below a heading that comes after the section's last forward, in a
    section no directive sets up, binding the same letters with the dense weight in another
    order; True when it did (the old names are kept otherwise, :meth:`try_new_layer`)."""
    start = tracker.section_settings
    if tracker.ctx is None or tracker.line is None or "layer" in start or start.get("names") or \
            not heading_between(tracker.headings, tracker.forward_line, tracker.line):
        return False
    return tracker.try_new_layer(latex, lambda before, after: _next_dense_layer(before, after)
                                 or _next_conv_layer(before, after) or _next_pooling(before, after))


def _next_pooling(before: tuple, after: tuple) -> bool:
    """Whether the forward read afresh is another pooling than ``before``'s: a pooling written out
    again below a heading with another input, window or stride (``## Example 2``, overlapping windows)."""
    (_, old_ctx), (_, ctx) = before, after
    if not (str(getattr(old_ctx, "layer", "")).startswith("pool-") and str(getattr(ctx, "layer", "")).startswith("pool-")):
        return False
    try:
        return old_ctx.instances()[0].describe() != ctx.instances()[0].describe()
    except Exception:          # a layer that cannot be sized: not another one said
        return False


SECOND_FORWARD = ("a second forward of the section's layer below a new heading: a new layer or a claim "
                  "about the first is not settled (a directive below the heading says which)")


def restated_forward(tracker, latex: str, line: int | None = None) -> bool:
    """Whether ``latex`` is a forward binding the section's input, kernel and output letters,
    written below a heading after the section's forward (``## One`` ``z = w x``, ``## Two``
    ``z = 2 w x``): a new layer's forward or a claim about the first, not settled (a differing
    one is never refuted)."""
    line = tracker.line if line is None else line
    if tracker.ctx is None or line is None or not tracker.forward_line or "\\partial" in latex or \
            not heading_between(tracker.headings, tracker.forward_line, line):
        return False
    letters = {role: re.sub(r"[\^_{].*", "", str(name)).strip("\\ ")
               for role, name in _layer_letters(getattr(tracker.ctx, "roles", {}) or {}).items()}
    sides = latex.split("=")
    if set(letters) != {"input", "kernel", "output"} or len(sides) != 2 or \
            re.sub(r"[\s{}]|\^.*|_.*", "", sides[0]) != letters["output"]:
        return False
    return all(re.search(rf"(?<![A-Za-z\\]){re.escape(letters[r])}(?![A-Za-z])", sides[1]) for r in ("input", "kernel"))


def _next_conv_layer(before: tuple, after: tuple) -> bool:
    """Whether the forward read afresh (``after``: settings, ctx) is another convolution than
    ``before``'s: a 1-D section then ``## 2D convolution`` with ``Y_{i,j} = Σ X_{i+m,j+n} W_{m,n}``,
    or a multi-channel one ``Y_{o,i,j} = Σ_c … W_{o,c,m,n}`` (the number of spatial axes or the
    tensors' index orders differ: the old reading cannot hold the new forward's entries)."""
    (_, old_ctx), (_, ctx) = before, after
    if "fc" in (old_ctx.layer, ctx.layer) or getattr(old_ctx, "layer_kind", None) != getattr(ctx, "layer_kind", None):
        return False
    return (old_ctx.spatial, old_ctx.layout) != (ctx.spatial, ctx.layout)


def _next_dense_layer(before: tuple, after: tuple) -> bool:
    """Whether the forward read afresh (``after``: settings, ctx) is the next dense layer after
    ``before``'s: the same letters, the weight in another order."""
    (old_settings, old_ctx), (settings, ctx) = before, after
    return _layer_letters(ctx.roles) == _layer_letters(old_ctx.roles) and \
        old_settings.get("layer_kind") == settings.get("layer_kind") == "fc" and \
        old_settings.get("fc_kernel") not in (None, settings.get("fc_kernel"))


def _layer_letters(roles: dict) -> dict:
    """The letters of a layer's input, kernel and output: ``{role: letter}``."""
    return {r: n for n, r in roles.items() if r in ("input", "kernel", "output")}


def claims_part(latex: list, display_lines, headings: tuple[int, ...]) -> list:
    """The displays ``latex`` (on ``display_lines``) down to the first heading below the section's first
    claim (a display with ∂, ∇ or d/d): a forward under a later heading (a pooling chapter below the
    convolution's gradients) does not govern the claims above it; all of them where lines are not known."""
    if not display_lines or len(display_lines) != len(latex):
        return list(latex)
    first = next((k for k, tex in enumerate(latex) if re.search(r"\\partial|\\nabla|\\frac\s*\{\s*d", tex)), None)
    if first is None:
        return list(latex)
    below = [h for h in headings if h > display_lines[first]]
    return [tex for line, tex in zip(display_lines, latex) if not below or line < below[0]]


__all__ = ["claims_part", "directive_conflict", "layer_forward", "chapter_spans", "enclosing_parts", "heading_extents", "own_example", "restated_sizes", "heading_between", "heading_lines", "restart_below_heading", "restated_forward", "SECOND_FORWARD"]
