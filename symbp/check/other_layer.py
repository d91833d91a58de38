r"""A claim about another layer than the one a section with no directive has inferred.

A page often derives several layers one after another, each under its own heading, and states
the forward of only some of them: a convolution ``z_{i,j} = \sum w_{k,l} x_{i+k,j+l} + b``, then
an average pooling ``p_{i,j} = \frac{1}{4}\sum x_{2i+k,2j+l}``, then, under "Convolution layer
gradient", ``\frac{\partial L}{\partial w_{k,l}} = \sum_{i,j} x_{i+k,j+l} \frac{\partial L}{\partial z_{i,j}}``
with no forward of its own.  Read under the pooling (the last forward), a correct claim would be
refuted.  Where the layer is inferred (no directive states it), :func:`other_layer` finds such a
claim, by

* its letters: it writes a kernel or a bias under a pooling, or an input or output letter that
  the pooling's own forward does not write (``w``, ``z`` above); or
* its heading: the nearest heading above it comes after the section's forward and names the
  other kind of layer (a convolution under a pooling's forward, a pooling under a convolution's;
  a heading that names both, or the convolutional network, names neither; a claim that writes
  the convolution's kernel or bias is no pooling's, whatever its heading says);

and gives the page's layer of the other kind whose forward names every letter the claim writes
(the latest one), or, where the page has none, why the claim is left unchecked and which
directive decides.

>>> heading_kind("## 3.6 Convolution Layer Gradient"), heading_kind("### Average pooling")
('conv', 'pool')
>>> heading_kind("## Backprop in a convolutional neural network") is None
True
>>> sorted(written_letters(r"\frac{\partial L}{\partial w_{k,l}} = \sum_{i,j} x_{i+k,j+l} \frac{\partial L}{\partial z_{i,j}}"))
['L', 'w', 'x', 'z']
"""
from __future__ import annotations

import re

_POOL_KINDS = ("pool-avg", "pool-max")
_KIND_WORDS = {"pool-avg": "average pooling", "pool-max": "max pooling", "conv": "convolution"}
# the network, not a layer: "convolutional neural network", CNN, 卷积神经网络
_NETWORK = re.compile(r"convolutional\s+(?:neural\s+)?net\w*|\bCNNs?\b|卷积神经网络|卷积网络|畳み込みニューラルネットワーク|"
                      r"합성곱\s*신경망|redes?\s+(?:neuronales?\s+)?convolucionales?", re.I)
_CONV_WORDS = re.compile(r"convol|\bconv(?:\d?d)?\b|卷积|畳み込み|畳込み|합성곱|컨볼루션|faltung|свёрт|сверт", re.I)
_POOL_WORDS = re.compile(r"pool|池化|プーリング|풀링|agrupaci|submuestreo|sub-?sampl|down-?sampl", re.I)
_GROUPS = re.compile(r"[_^]\s*(?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\[A-Za-z]+|\w)")
_COMMANDS = re.compile(r"\\[A-Za-z]+")
_ROLES = ("input", "kernel", "output", "bias")


def heading_kind(heading: str) -> str | None:
    """``"conv"``, ``"pool"`` or ``"dense"``: the kind of layer a heading's text names, None for
    none or several (the convolutional network is no layer).

    >>> heading_kind("### (2) Gradient in the fully connected layer")
    'dense'
    """
    text = _NETWORK.sub(" ", heading)
    conv, pool, dense = (bool(w.search(text)) for w in (_CONV_WORDS, _POOL_WORDS, _DENSE_WORDS))
    if conv + pool + dense != 1:
        return None
    return "conv" if conv else "pool" if pool else "dense"


# a fully connected layer: under a convolution's or pooling's forward, a claim below such a heading is not theirs
_DENSE_WORDS = re.compile(r"fully[\s-]+connected|\bdense\b|\bFC\b|全连接|全結合|완전\s*연결|전결합|totalmente\s+conectad|"
                          r"enti[èe]rement\s+connect|vollst[äa]ndig\s+verbunden|полносвяз", re.I)


def written_letters(latex: str) -> set:
    """The single letters a display writes as tensors (sub- and superscripts and commands left
    out): ``w_{k,l}``, ``X``, the loss ``L`` too."""
    text = latex
    for _ in range(3):                  # nested groups: x_{i_{1}}
        text = _GROUPS.sub(" ", text)
    return set(re.findall(r"[A-Za-z]", _COMMANDS.sub(" ", text)))


def other_layer(tracker, latex: str, ctx):
    """For a claim ``latex`` read in ``tracker``'s section (a :class:`symbp.check.real_docs.
    NamesTracker`) under ``ctx``: None when ``ctx`` is the claim's layer as far as its letters and
    heading tell (or a directive states the layer); else ``(ctx, note)``, the page's layer of
    the other kind the claim is read under, or ``(None, why)``: unchecked."""
    start = getattr(tracker, "section_settings", {})
    if ctx is not tracker.ctx or "layer" in start or start.get("names") or ctx.layer not in ("conv", *_POOL_KINDS):
        return None
    letters = written_letters(latex) - set(ctx.losses())
    foreign = _foreign_letters(tracker, ctx, letters) if ctx.layer in _POOL_KINDS else []
    named = _heading_above(tracker)
    if named == "dense":                # "(2) Gradient in the fully connected layer" below a convolution's forward
        return None, (f"the heading above it names a fully connected layer, but the section's last forward, above "
                      f"that heading, is a{'n' * (ctx.layer == 'pool-avg')} {_KIND_WORDS[ctx.layer]}: no forward of the "
                      f"page states the dense layer; a directive says which, e.g. <!-- symbp: layer=fc in=4 out=3 -->")
    heading = named if named and (named == "conv") == (ctx.layer in _POOL_KINDS) else None
    if heading == "pool" and any(ctx.roles.get(n) in ("kernel", "bias") for n in letters):
        heading = None                  # ∂L/∂F with F the convolution's kernel: no pooling has one
    if not foreign and heading is None:
        return None
    want = "conv" if ctx.layer in _POOL_KINDS else "pool"
    why = (f"the claim writes {', '.join(foreign)}, which the {_KIND_WORDS[ctx.layer]} read above does not have"
           if foreign else f"the heading above it names a{' convolution' if want == 'conv' else ' pooling'}, but the "
                           f"section's last forward, above that heading, is a{'n' * (ctx.layer == 'pool-avg')} "
                           f"{_KIND_WORDS[ctx.layer]}")
    other = _page_layer(tracker, ctx, want, letters)
    if other is not None:
        return other, f" (read under the page's {_KIND_WORDS[other.layer]} stated above: {why})"
    example = "layer=conv2d input=4x4 kernel=2x2" if want == "conv" else "layer=avgpool input=4x4 kernel=2x2"
    return None, (f"{why}; no forward of the page states the layer it is about: this section's layer is "
                  f"inferred, not stated, so a directive says which, e.g. <!-- symbp: {example} -->")


def _foreign_letters(tracker, ctx, letters: set) -> list:
    """The claim's letters that are a weighted layer's under the pooling ``ctx``: a kernel or a
    bias, an input or output letter its own forward does not write, or a letter it gives no role
    that another forward of the section does (``w``, ``z`` of a convolution stated above it)."""
    layers = getattr(tracker, "page_layers", ())
    own = next((mine for seen, mine in reversed(layers) if seen is ctx), None)
    elsewhere = {n for seen, _ in layers if seen is not ctx and seen.layer not in _POOL_KINDS
                 for n, role in seen.roles.items() if role in _ROLES}
    out = []
    for name in sorted(letters):
        role = ctx.roles.get(name)
        if role in ("kernel", "bias") or (role in ("input", "output") and own is not None
                                          and name.lower() not in {n.lower() for n in own}) or \
                (name in elsewhere and not any(key == name or key.startswith(name + "^") for key in ctx.roles)):
            out.append(name)
    return out


def _heading_above(tracker) -> str | None:
    """The kind of layer the nearest heading above the display names, where that heading comes
    after the section's last forward (:func:`heading_kind`); None otherwise."""
    line, after = tracker.line, tracker.forward_line
    if line is None:
        return None
    above = [h for h in tracker.headings if h < line]
    if not above or above[-1] <= after:
        return None
    lines = tracker.text.split("\n")
    return heading_kind(lines[above[-1] - 1]) if above[-1] - 1 < len(lines) else None


def _page_layer(tracker, ctx, want: str, letters: set):
    """The latest layer of kind ``want`` (``"conv"``, ``"pool"``) the page's forwards set up in
    this section, other than ``ctx``, whose roles name every letter of the claim that has a role
    in either; None when there is none."""
    for seen, _ in reversed(getattr(tracker, "page_layers", ())):
        kind = "pool" if seen.layer in _POOL_KINDS else seen.layer
        if seen is ctx or kind != want:
            continue
        named = {n for n in letters if ctx.roles.get(n) in _ROLES or seen.roles.get(n) in _ROLES}
        if named and all(seen.roles.get(n) in _ROLES for n in named):
            return seen
    return None


__all__ = ["heading_kind", "other_layer", "written_letters"]
